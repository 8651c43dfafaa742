/* rd-case-bulk-side-private.h
 *
 * The side writers of a bulk (rd-case-bulk.c). While the bulk inserts the
 * cases on its own connection, two threads write what follows from them,
 * each into a scratch ledger of its own (a hidden temporary SQLite file next
 * to the ledger, with the tables of the ledger created from the ledger's own
 * SQL):
 *  - the audit side: the "create" entry of every case, and the entries of
 *    other rows and the writer's own given with the batch, hash-chained;
 *  - the search side: the search text of every case (case_text), and, for a
 *    ledger whose search index is still empty, the search index itself.
 * At commit the bulk copies their rows into the ledger with
 * INSERT … SELECT *, which SQLite does as a copy of whole records.
 *
 * The bulk hands each side the same RdBulkBatch (reference counted); a side
 * owns its connection from rd_bulk_side_start to rd_bulk_side_finish.
 */
#pragma once

#if !defined (RD_CASES_COMPILATION)
# error "rd-case-bulk-side-private.h is for src/core/cases only."
#endif

#include <sqlite3.h>

#include "rd-case.h"

G_BEGIN_DECLS

/* A batch of consecutive new cases (ids first_id, first_id + 1, …): their
 * case numbers and search texts. */
typedef struct _RdBulkBatch RdBulkBatch;

RdBulkBatch *rd_bulk_batch_new    (gint64        first_id,
                                   guint         n_reserved);
/* Appends c (its case_no must be set; its id must be the next id). */
void         rd_bulk_batch_append (RdBulkBatch  *batch,
                                   const RdCase *c);
/* The rows of the batch's cases as the audit chain records them
 * (RdAuditRow, in the batch's order), then those of other tables written
 * with them. */
void         rd_bulk_batch_set_rows (RdBulkBatch *batch,
                                     GPtrArray   *rows);
/* Entries of the writer's own (RdAuditEntry*: case_id, action, field, old
 * and new value; the rest is the side's), chained after the rows. */
void         rd_bulk_batch_set_entries (RdBulkBatch *batch,
                                        GPtrArray   *entries);
RdBulkBatch *rd_bulk_batch_ref    (RdBulkBatch  *batch);
void         rd_bulk_batch_unref  (RdBulkBatch  *batch);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdBulkBatch, rd_bulk_batch_unref)

/* The search text of c as the ledger stores it (the SQL of the trigger
 * cases_search_ai, schema version 10): order number, after-sales number,
 * return tracking and buyer name, then the outbound tracking number when
 * there is one, ASCII letters lowered, one per line. (The intercepts'
 * numbers are searched in the intercepts table, not here.) */
void         rd_bulk_append_search_text (GString      *out,
                                         const RdCase *c);

typedef enum
{
  RD_BULK_SIDE_AUDIT,
  RD_BULK_SIDE_SEARCH,
} RdBulkSideKind;

typedef struct _RdBulkSide RdBulkSide;

/* Creates the scratch ledger next to ledger_path and its tables from the
 * SQL in ledger_db's sqlite_master (no thread yet). */
RdBulkSide  *rd_bulk_side_new     (RdBulkSideKind  kind,
                                   sqlite3        *ledger_db,
                                   const char     *ledger_path,
                                   GError        **error);
/* The scratch file, to ATTACH. */
const char  *rd_bulk_side_get_path (RdBulkSide    *side);
/* Removes the scratch file's name once every connection to it is open
 * (the file lives on until they close). */
void         rd_bulk_side_unlink  (RdBulkSide     *side);

/* The audit side: its chain continues from these (the ledger's
 * audit_head), every entry by operator at time at. */
void         rd_bulk_side_set_audit_start (RdBulkSide *side,
                                           gint64      next_id,
                                           const char *last_hash,
                                           gint64      n_entries,
                                           const char *operator,
                                           gint64      at);
/* The search side: also build the search index (from an empty one). */
void         rd_bulk_side_set_build_index (RdBulkSide *side,
                                           gboolean    build_index);

/* Starts the thread. */
gboolean     rd_bulk_side_start   (RdBulkSide     *side,
                                   GError        **error);
void         rd_bulk_side_push    (RdBulkSide     *side,
                                   RdBulkBatch    *batch);
/* Waits for the thread to write every batch pushed and commit; the first
 * error of the thread, if any. */
gboolean     rd_bulk_side_finish  (RdBulkSide     *side,
                                   GError        **error);

/* After finish, the audit side's chain end. */
gint64       rd_bulk_side_get_audit_next_id   (RdBulkSide *side);
const char  *rd_bulk_side_get_audit_last_hash (RdBulkSide *side);
gint64       rd_bulk_side_get_audit_n_entries (RdBulkSide *side);

/* Stops the thread if it runs (what it has not written is dropped),
 * closes and deletes the scratch file. */
void         rd_bulk_side_free    (RdBulkSide     *side);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdBulkSide, rd_bulk_side_free)

G_END_DECLS
