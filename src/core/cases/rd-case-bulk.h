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
/* Validates and writes n cases; sets their id and case_no. After an error,
 * rd_case_bulk_abort. */
gboolean    rd_case_bulk_add    (RdCaseBulk  *bulk,
                                 RdCase     **cases,
                                 guint        n,
                                 GError     **error);
/* Fills the search index and commits; frees the bulk. */
gboolean    rd_case_bulk_commit (RdCaseBulk  *bulk,
                                 GError     **error);
/* Rolls back and frees. */
void        rd_case_bulk_abort  (RdCaseBulk  *bulk);

G_END_DECLS
