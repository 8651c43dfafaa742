/* rd-import.h
 *
 * Taking a platform's after-sales export (导入售后单) into the ledger: first a
 * preview of what every row would do, then the import itself, all or
 * nothing. Used by `refund-desk import` and the window's Import dialog.
 *
 *  - Idempotent. A case is keyed by (channel, after-sales number), or
 *    (channel, order number, refund id) when the file has none
 *    (RdImportRecord.key). Importing the same file twice changes nothing: not
 *    a row, not an audit entry. An open hand-entered case of the same channel
 *    and order without an after-sales number is the row's case (it gets the
 *    number); several such cases: the row is new and its notes name them (the
 *    intake's duplicate guard).
 *  - What an import may change in a case it already has: the platform's facts
 *    (its status, the amounts, the deadline, the return tracking, the buyer's
 *    name) while the case is still open on the platform. Never what the shop
 *    decided in the app: the approved amount, the breakdown, evidence, notes,
 *    payouts, and the workflow status once a person has moved it (the
 *    platform's status is then recorded, not applied). A case the shop
 *    closed that the platform reopened is flagged for follow-up.
 *  - All or nothing: a backup first (RD_BACKUP_REASON_IMPORT), then one
 *    transaction; Cancel, an error or a crash leaves the ledger as it was.
 *    Rows with problems refuse the whole import unless they are excluded
 *    (the preview) or skipped (`--skip-errors`).
 *  - Audited: each new case's timeline begins with "imported from FILE, row
 *    N"; each change is an entry "changed by the import of FILE, row N".
 *  - What follows: new cases get the platform deadline (Due Soon shows them);
 *    a shipped refund-only case with an outbound tracking number is proposed
 *    for the intercept register (a note on the row, and the case is listed by
 *    rd_import_list_intercept_proposals).
 *
 * The preview reads the ledger only, so it may run on a worker with its own
 * read-only RdStore; the import writes with the caller's store. One RdImport
 * per thread at a time.
 */
#pragma once

#include "rd-import-profile.h"
#include "rd-store.h"

G_BEGIN_DECLS

#define RD_IMPORT_ERROR (rd_import_error_quark ())

typedef enum
{
  RD_IMPORT_ERROR_REFUSED,   /* rows with problems, neither excluded nor skipped: nothing imported */
  RD_IMPORT_ERROR_CHANGED,   /* the file changed after the preview: preview it again */
  RD_IMPORT_ERROR_NO_PROFILE,/* no profile chosen and none recognised the file */
} RdImportError;

typedef enum
{
  RD_IMPORT_OUTCOME_NEW,
  RD_IMPORT_OUTCOME_UPDATED,
  RD_IMPORT_OUTCOME_UNCHANGED,
  RD_IMPORT_OUTCOME_ERROR,
} RdImportOutcome;

/* One field an update changes, for the preview ("Status: 待卖家同意 → 退款成功"). */
typedef struct
{
  char *field;       /* the field's name in the user's language */
  char *old_value;   /* as the ledger shows it ("" when empty) */
  char *new_value;
} RdImportChange;

/* What one data row of the file would do (preview) or did (import). */
typedef struct
{
  guint64          row;         /* the row number the user sees in the file */
  RdImportOutcome  outcome;
  char            *key;         /* the after-sales number (or order / refund id) as the file has it */
  RdRefundKind     kind;        /* the kind the row gives (for the preview's filter) */
  gint64           case_id;     /* the ledger's case for UPDATED / UNCHANGED (and NEW after the import); 0 before */
  char            *case_no;     /* its case number, or NULL */
  GPtrArray       *changes;     /* RdImportChange*, for UPDATED */
  GPtrArray       *problems;    /* RdImportProblem*, for ERROR: with the column's header text in the message */
  GPtrArray       *notes;       /* char*, in the user's language: "reopened on the platform: flagged for
                                   follow-up", "the shop's status kept; the platform says 退款成功",
                                   "possible duplicate of RF-2026-000123", "proposed for the intercept
                                   register", "reason “…” is not in the table: kept as written" */
} RdImportItem;

void          rd_import_item_free         (RdImportItem *item);
RdImportItem *rd_import_item_copy         (const RdImportItem *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdImportItem, rd_import_item_free)

typedef struct
{
  guint64 n_new;
  guint64 n_updated;
  guint64 n_unchanged;
  guint64 n_errors;
  guint64 n_excluded;   /* rows left out by the caller (excluded or skipped) */
  guint64 n_flagged;    /* updated cases flagged for follow-up */
} RdImportCounts;

/* Called for each data row in file order. The item is the callee's to
 * copy (it is freed when the callback returns). */
typedef void (*RdImportItemFunc)     (const RdImportItem *item,
                                      gpointer            user_data);
/* The fraction done (0–1) and the rows read so far. */
typedef void (*RdImportProgressFunc) (double   fraction,
                                      guint64  rows,
                                      gpointer user_data);

typedef struct _RdImport RdImport;

GQuark        rd_import_error_quark       (void);

/* Opens the file (rd_table_open) and reads its first rows; the profile is
 * detected when it can be (rd_import_get_profile). */
RdImport     *rd_import_new               (const char            *path,
                                           GError               **error);
void          rd_import_free              (RdImport              *import);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdImport, rd_import_free)

const char   *rd_import_get_path          (RdImport              *import);
RdTable      *rd_import_get_table         (RdImport              *import);
/* The profile in use: the one set, else the one detected, else NULL. */
const RdImportProfile *rd_import_get_profile (RdImport           *import);
/* Chooses the profile (a built-in or a generic one: copied) and binds it to
 * the file's header; NULL goes back to the detected one. MISSING_COLUMN or
 * NO_HEADER (rd-import-profile.h) when it does not fit the file. */
gboolean      rd_import_set_profile       (RdImport              *import,
                                           const RdImportProfile *profile,
                                           GError               **error);
/* The first rows of the file (at most 30), for the generic profile's column
 * chooser; the header row's index in *header_row (0 when none was found). */
const RdTableRow *const *rd_import_get_head_rows (RdImport        *import,
                                                  guint           *n_rows,
                                                  guint           *header_row);

/* The header text of a column of the file as it has it (for a problem's
 * column), or NULL for -1 or when no profile is bound. */
const char   *rd_import_get_column_header (RdImport              *import,
                                           int                    column);

/* Reads every row and compares it with the ledger; writes nothing. func
 * (may be NULL) gets each data row's item; counts (may be NULL) the totals. */
gboolean      rd_import_preview           (RdImport              *import,
                                           RdStore               *store,
                                           RdImportItemFunc       func,
                                           gpointer               user_data,
                                           RdImportProgressFunc   progress,
                                           gpointer               progress_data,
                                           GCancellable          *cancellable,
                                           RdImportCounts        *counts,
                                           GError               **error);

typedef struct
{
  const char   *operator;        /* who imports (the audit's operator) */
  GHashTable   *excluded_rows;   /* row numbers (guint64 in GUINT_TO_POINTER… use g_int64_hash keys) to leave out; may be NULL */
  gboolean      skip_errors;     /* leave out every row with problems instead of refusing */
  const char   *backup_folder;   /* NULL: the ledger's default backup folder */
} RdImportOptions;

/* Imports: a backup, then one transaction. Re-reads the file; refused with
 * CHANGED when it is not the file the preview read (its SHA-256), with
 * REFUSED when rows with problems remain. func gets each row's item as
 * imported (case ids set). *import_id (may be NULL) is the import's id in
 * the ledger (rd_ledger filter "cases of an import"). */
gboolean      rd_import_apply             (RdImport              *import,
                                           RdStore               *store,
                                           const RdImportOptions *options,
                                           RdImportItemFunc       func,
                                           gpointer               user_data,
                                           RdImportProgressFunc   progress,
                                           gpointer               progress_data,
                                           GCancellable          *cancellable,
                                           RdImportCounts        *counts,
                                           gint64                *import_id,
                                           GError               **error);

/* The generic profiles the shop saved in this ledger, by name (array of
 * RdImportProfile*), and saving (replacing one of the same name) and
 * deleting one; audited as a shop setting. */
GPtrArray    *rd_import_profiles_list     (RdStore               *store,
                                           GError               **error);
gboolean      rd_import_profile_save      (RdStore               *store,
                                           const RdImportProfile *profile,
                                           const char            *operator,
                                           GError               **error);
gboolean      rd_import_profile_delete    (RdStore               *store,
                                           const char            *name,
                                           const char            *operator,
                                           GError               **error);

/* The cases the import of import_id created or changed (case ids, ledger
 * order newest first), the file name and time of that import. */
GArray       *rd_import_list_cases        (RdStore               *store,
                                           gint64                 import_id,
                                           GError               **error);

/* Cases an import proposed for the intercept register (shipped, refund only,
 * with an outbound tracking number, not yet in the register). */
GArray       *rd_import_list_intercept_proposals (RdStore        *store,
                                                  GError        **error);

G_END_DECLS
