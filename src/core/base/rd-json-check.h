/* rd-json-check.h
 *
 * What every JSON reader of the ledger checks before json-glib parses a
 * text: no nesting deeper than RD_JSON_MAX_DEPTH (json-glib recurses once
 * per level and a stored text of 100,000 nested arrays would overflow the
 * stack), no NUL character in a string (json-glib would cut "33.33\u00001"
 * short at it, silently) and no key twice in one object (json-glib would
 * keep the last value, silently). A refusal names the place in the text,
 * as the calculator names its fields: "refund.lines[2].price".
 *
 * Only these three: everything else is left to the parser, which says what
 * is wrong with a text that is not JSON at all.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RD_JSON_MAX_DEPTH 64

#define RD_JSON_ERROR (rd_json_error_quark ())

typedef enum
{
  RD_JSON_ERROR_TOO_DEEP,        /* arrays and objects nested more than RD_JSON_MAX_DEPTH */
  RD_JSON_ERROR_NUL,             /* a NUL character in a string, escaped or not */
  RD_JSON_ERROR_DUPLICATE_KEY,   /* one key twice in the same object */
} RdJsonError;

GQuark   rd_json_error_quark (void);

/* data of length bytes (-1: up to its NUL). FALSE with RD_JSON_ERROR and a
 * message in the user's words ("the key “price” appears twice in
 * “refund”") when the text breaks one of the rules above. */
gboolean rd_json_check       (const char  *data,
                              gssize       length,
                              GError     **error);

G_END_DECLS
