/* rd-calc-json-private.h
 *
 * The helpers of rd-calc-json.c (input from JSON) that
 * rd-calc-result-json.c (the result to and from JSON) and
 * rd-calc-input-json.c (input to JSON, the stored breakdown) use too.
 */
#pragma once

#if !defined (RD_CALC_COMPILATION)
# error "rd-calc-json-private.h is for src/core/calc only."
#endif

#include "rd-calc-json.h"

G_BEGIN_DECLS

/* Member key: the amount as a plain decimal string in currency. */
void     _rd_calc_json_add_amount (JsonBuilder       *builder,
                                   const char        *key,
                                   gint64             amount,
                                   const RdCurrency  *currency);

/* Parses data into parser; RD_CALC_ERROR_INVALID when it is not JSON or
 * is nested too deep to parse safely. */
gboolean _rd_calc_json_load       (JsonParser        *parser,
                                   const char        *data,
                                   gssize             length,
                                   GError           **error);

/* "parent.key", or key when parent is NULL or "". */
char    *_rd_calc_json_join_path  (const char        *parent,
                                   const char        *key);

/* node as an object or an array; else "path: must be a JSON object { … }"
 * (or array). */
JsonObject *_rd_calc_json_get_object    (JsonNode          *node,
                                         const char        *path,
                                         GError           **error);
JsonArray  *_rd_calc_json_get_array     (JsonNode          *node,
                                         const char        *path,
                                         GError           **error);

/* The member key of object (at path) as a string into *out (freeing what
 * was there); absent or null: left alone. An error names path.key. */
gboolean _rd_calc_json_read_string      (JsonObject        *object,
                                         const char        *key,
                                         const char        *path,
                                         char             **out,
                                         GError           **error);
/* The member key of object (at path) as a decimal-string amount in
 * currency; *present tells whether it is there (absent or null: left
 * alone). An error names path.key. */
gboolean _rd_calc_json_read_amount      (JsonObject        *object,
                                         const char        *key,
                                         const char        *path,
                                         const RdCurrency  *currency,
                                         gint64            *out,
                                         gboolean          *present,
                                         GError           **error);
/* A decimal-string amount in currency; else an error naming where. */
gboolean _rd_calc_json_read_amount_node (JsonNode          *node,
                                         const char        *where,
                                         const RdCurrency  *currency,
                                         gint64            *out,
                                         GError           **error);

G_END_DECLS
