/* rd-case-bulk.h
 *
 * Many new cases written at once (an import, the test-data generator): the
 * same rows, case numbers, search index, case count and audit entries as
 * rd_case_store_insert_many, in one transaction, several times faster for
 * hundreds of thousands of cases. Inside the transaction the search
 * triggers are set aside and the search tables filled in one statement at
 * commit; case numbers and the audit hash chain are computed in memory.
 * Nothing else may write to the store in between (the transaction holds the
 * write lock); rd_case_bulk_abort, or an error, rolls everything back.
 */
#pragma once

#include "rd-case.h"
#include "rd-store.h"

G_BEGIN_DECLS

typedef struct _RdCaseBulk RdCaseBulk;

/* Begins the write transaction. */
RdCaseBulk *rd_case_bulk_begin  (RdStore     *store,
                                 const char  *operator,
                                 GError     **error);
/* The same, and the indexes of the cases table are dropped and created
 * again at commit (the same SQL): for a bulk much larger than the ledger
 * (a first import, the generator), in one transaction. */
RdCaseBulk *rd_case_bulk_begin_rebuilding (RdStore     *store,
                                           const char  *operator,
                                           GError     **error);
/* The same, but the index keep_index of the cases table stays (and is kept
 * up to date as the cases go in): for a writer that looks cases up by it
 * meanwhile (an import, by channel and order). */
RdCaseBulk *rd_case_bulk_begin_rebuilding_keeping (RdStore     *store,
                                                   const char  *operator,
                                                   const char  *keep_index,
                                                   GError     **error);
/* Validates and writes n cases; sets their id and case_no. After an error,
 * rd_case_bulk_abort. */
gboolean    rd_case_bulk_add    (RdCaseBulk  *bulk,
                                 RdCase     **cases,
                                 guint        n,
                                 GError     **error);
/* What rd_case_bulk_add_full calls once the cases are inserted (their id
 * and case_no set), in the bulk's transaction: it may insert rows of other
 * tables for them — the rows of audited tables go into the bulk's audit
 * chain after the cases' — and append entries of its own to `entries`
 * (RdAuditEntry*, newly allocated, with case_id, action, field, old and
 * new value; the chain sets the rest, with the bulk's operator and time).
 * It must not write to the cases table. */
typedef gboolean (*RdCaseBulkFunc) (RdStore    *store,
                                    RdCase    **cases,
                                    guint       n,
                                    GPtrArray  *entries,
                                    gpointer    user_data,
                                    GError    **error);
/* rd_case_bulk_add, then func (may be NULL). After an error,
 * rd_case_bulk_abort. */
gboolean    rd_case_bulk_add_full (RdCaseBulk      *bulk,
                                   RdCase         **cases,
                                   guint            n,
                                   RdCaseBulkFunc   func,
                                   gpointer         user_data,
                                   GError         **error);
/* Writes everything the bulk keeps for its end (search index, counters,
 * audit chain, the triggers and indexes set aside) and leaves the
 * transaction open: the caller may then write through the store's
 * ordinary, audited paths in the same transaction (an import updates the
 * cases it already had), and ends it with rd_case_bulk_commit or
 * rd_case_bulk_abort. No rd_case_bulk_add after it. */
gboolean    rd_case_bulk_finish (RdCaseBulk  *bulk,
                                 GError     **error);
/* Fills the search index and commits (after rd_case_bulk_finish: commits);
 * frees the bulk. */
gboolean    rd_case_bulk_commit (RdCaseBulk  *bulk,
                                 GError     **error);
/* Rolls back and frees. */
void        rd_case_bulk_abort  (RdCaseBulk  *bulk);

G_END_DECLS
