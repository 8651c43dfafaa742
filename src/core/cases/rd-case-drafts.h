/* rd-case-drafts.h
 *
 * Unsaved forms: the intake form saves its draft here as the user types, and
 * the window restores it after a crash. One draft per form, stored as a
 * JSON object (the intake form's: texts, booleans and integers); RdDraft is
 * that object, so that a form neither writes nor parses JSON itself.
 *
 * A stored draft is read with the checks of every JSON reader
 * (rd-json-check.h: depth, NUL, duplicated keys) and must be an object:
 * a draft written behind the app's back is refused with
 * RD_DRAFTS_ERROR_UNREADABLE, never half-read, and rd_drafts_set_aside()
 * moves it out of the ledger into a file beside it.
 */
#pragma once

#include <gio/gio.h>

#include "rd-store.h"

G_BEGIN_DECLS

#define RD_DRAFTS_ERROR (rd_drafts_error_quark ())

typedef enum
{
  RD_DRAFTS_ERROR_INVALID_JSON,
  RD_DRAFTS_ERROR_UNREADABLE,   /* a stored draft that is not a JSON object */
} RdDraftsError;

typedef struct _RdDraft RdDraft;

GQuark    rd_drafts_error_quark (void);

/* An empty draft, or the draft in json (RD_DRAFTS_ERROR_UNREADABLE, the
 * message naming the place, when it is not such an object). */
RdDraft    *rd_draft_new             (void);
RdDraft    *rd_draft_new_from_json   (const char  *json,
                                      GError     **error);
void        rd_draft_free            (RdDraft     *draft);
/* The draft as JSON, its members in the order they were set. */
char       *rd_draft_to_json         (RdDraft     *draft);
gboolean    rd_draft_has_member      (RdDraft     *draft,
                                      const char  *key);
void        rd_draft_set_string      (RdDraft     *draft,
                                      const char  *key,
                                      const char  *value);
void        rd_draft_set_boolean     (RdDraft     *draft,
                                      const char  *key,
                                      gboolean     value);
void        rd_draft_set_int         (RdDraft     *draft,
                                      const char  *key,
                                      gint64       value);
/* The member's value, or default_value when it is missing or of another
 * kind. */
const char *rd_draft_get_string      (RdDraft     *draft,
                                      const char  *key,
                                      const char  *default_value);
gboolean    rd_draft_get_boolean     (RdDraft     *draft,
                                      const char  *key,
                                      gboolean     default_value);
gint64      rd_draft_get_int         (RdDraft     *draft,
                                      const char  *key,
                                      gint64       default_value);

/* The form's draft; NULL without an error when it has none;
 * RD_DRAFTS_ERROR_UNREADABLE when the stored text cannot be read. */
RdDraft    *rd_drafts_read          (RdStore     *store,
                                     const char  *form,
                                     GError     **error);
/* Moves the form's stored draft out of the ledger: its text is written to
 * "<ledger>.draft-<form>-<YYYYMMDDHHMMSS>.json" beside the ledger file
 * (*out_path, may be NULL, names it), then removed from the ledger. */
gboolean    rd_drafts_set_aside     (RdStore     *store,
                                     const char  *form,
                                     char       **out_path,
                                     GError     **error);
/* Every stored draft that cannot be read, as "form: reason" lines. */
GPtrArray  *rd_drafts_find_unreadable (RdStore   *store,
                                       GError   **error);

/* Inserts or replaces the form's draft in one transaction. json must be a
 * draft that rd_draft_new_from_json() reads. */
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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdDraft, rd_draft_free)

G_END_DECLS
