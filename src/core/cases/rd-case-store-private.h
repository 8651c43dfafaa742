/* rd-case-store-private.h
 *
 * Between the case store's files (rd-case-store.c, rd-case-store-workflow.c,
 * rd-case-bulk.c).
 */
#pragma once

#if !defined (RD_CASES_COMPILATION)
# error "rd-case-store-private.h is for src/core/cases only."
#endif

#include "rd-case.h"
#include "rd-policy.h"
#include "rd-store.h"
#include "rd-case-workflow.h"
#include "rd-operators.h"

G_BEGIN_DECLS


/* For rd-case-bulk.c. */
#define RD_CASE_STORE_PARAMS_PER_ROW 35
gboolean _rd_case_store_check_writable (RdStore    *store,
                                        GError    **error);
gboolean _rd_case_store_begin_write (RdStore       *store,
                                     GError       **error);
void     _rd_case_store_bind_case   (sqlite3_stmt  *stmt,
                                     const RdCase  *c,
                                     int            base);
char    *_rd_case_store_insert_sql  (guint          n_rows,
                                     gboolean       with_id);
/* "SELECT <every column> FROM cases ", and the case of a row it returned
 * (for rd-case-reader.c). */
extern const char _rd_case_store_select_sql[];
RdCase  *_rd_case_store_read_case   (sqlite3_stmt  *stmt);

/* rd-case-approval.c: the role a workflow step needs, and the approval's
 * checks (approver, PIN, breakdown or reason, amount left), inside the
 * transition's transaction with facts already filled from the case. */
RdAction _rd_case_event_action   (RdWorkflowEvent         event);
gboolean _rd_case_approval_check (RdStore                *store,
                                  const RdCase           *rcase,
                                  const RdWorkflowFacts  *facts,
                                  const RdPolicy         *policy,
                                  const char             *operator,
                                  GError                **error);

G_END_DECLS
