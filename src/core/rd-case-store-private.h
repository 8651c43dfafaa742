/* rd-case-store-private.h
 *
 * For the case store's own modules (rd-case-store-workflow.c).
 */
#pragma once

#include "rd-case.h"
#include "rd-policy.h"
#include "rd-store.h"
#include "rd-workflow.h"

G_BEGIN_DECLS

/* Inside the caller's transaction: writes every field of rcase like
 * rd_case_store_update and records what changed in the audit log under
 * action. NOT_FOUND when the case is gone. */
gboolean _rd_case_store_write (RdStore     *store,
                               RdCase      *rcase,
                               const char  *operator,
                               const char  *action,
                               GError     **error);

/* rd_case_store_transition inside the caller's transaction (the intercept
 * register moves a linked case with its own write). payout_route and
 * payout_date may be NULL. */
gboolean _rd_case_store_transition_locked (RdStore                *store,
                                           gint64                  id,
                                           RdWorkflowEvent         event,
                                           const RdWorkflowFacts  *given,
                                           const RdPolicy         *policy,
                                           const char             *operator,
                                           const char             *payout_route,
                                           const char             *payout_date,
                                           GError                **error);

/* For rd-case-bulk.c. */
#define RD_CASE_STORE_PARAMS_PER_ROW 32
gboolean _rd_case_store_check_writable (RdStore    *store,
                                        GError    **error);
gboolean _rd_case_store_begin_write (RdStore       *store,
                                     GError       **error);
void     _rd_case_store_bind_case   (sqlite3_stmt  *stmt,
                                     const RdCase  *c,
                                     int            base);
char    *_rd_case_store_insert_sql  (guint          n_rows,
                                     gboolean       with_id);

G_END_DECLS
