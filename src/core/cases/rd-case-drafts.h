/* rd-case-drafts.h
 *
 * Unsaved forms: the intake form saves its draft here as the user types, and
 * the window restores it after a crash. One draft per form, as JSON.
 */
#pragma once

#include <gio/gio.h>

#include "rd-store.h"

G_BEGIN_DECLS

#define RD_DRAFTS_ERROR (rd_drafts_error_quark ())

typedef enum
{
  RD_DRAFTS_ERROR_INVALID_JSON,
} RdDraftsError;

GQuark    rd_drafts_error_quark (void);

/* Inserts or replaces the form's draft in one transaction. json must parse. */
gboolean  rd_drafts_save        (RdStore     *store,
                                 const char  *form,
                                 const char  *json,
                                 GError     **error);
/* The draft's JSON, or NULL without an error when the form has none.
 * updated_at (may be NULL) gets its time in seconds since the epoch. */
char     *rd_drafts_load        (RdStore     *store,
                                 const char  *form,
                                 gint64      *updated_at,
                                 GError     **error);
gboolean  rd_drafts_discard     (RdStore     *store,
                                 const char  *form,
                                 GError     **error);

G_END_DECLS
