/* rd-case-store.h
 *
 * Every write to the cases table goes through this file: one function per
 * kind of change, each taking the operator's name and running in one
 * transaction (the audit trail hooks in here). Reads by id and case number,
 * and the intake's duplicate guard. The search index (case_text, case_fts) is
 * kept up to date by triggers of the schema, inside the same transaction.
 *
 * All functions use the store's connection: one RdStore per thread.
 */
#pragma once

#include "rd-case.h"
#include "rd-store.h"
#include "rd-case-workflow.h"
#include "rd-policy.h"

G_BEGIN_DECLS

#define RD_CASE_STORE_ERROR (rd_case_store_error_quark ())

typedef enum
{
  RD_CASE_STORE_ERROR_NOT_FOUND,
  RD_CASE_STORE_ERROR_CONFLICT,    /* the case changed or vanished meanwhile */
  RD_CASE_STORE_ERROR_NOT_EDITABLE, /* the field cannot change in the case's state */
} RdCaseStoreError;

GQuark     rd_case_store_error_quark      (void);

/* Validates and inserts the case; allocates its case number
 * RF-YYYY-NNNNNN (year of created_at in local time, the counter of
 * case_numbers) in the same transaction. Sets rcase->id, case_no,
 * created_at (now when 0), updated_at and created_by (operator when NULL). */
gboolean   rd_case_store_insert           (RdStore      *store,
                                           RdCase       *rcase,
                                           const char   *operator,
                                           GError      **error);

/* Inserts n cases in ONE transaction with the same statements as
 * rd_case_store_insert (for imports and the generator). All or nothing. */
gboolean   rd_case_store_insert_many      (RdStore      *store,
                                           RdCase      **cases,
                                           guint         n,
                                           const char   *operator,
                                           GError      **error);

/* Writes every field of rcase (matched by rcase->id) except id, case_no,
 * created_at and created_by; updated_at becomes now. */
gboolean   rd_case_store_update           (RdStore      *store,
                                           RdCase       *rcase,
                                           const char   *operator,
                                           GError      **error);

/* NULL and RD_CASE_STORE_ERROR_NOT_FOUND when there is no such case. */
RdCase    *rd_case_store_get              (RdStore      *store,
                                           gint64        id,
                                           GError      **error);
RdCase    *rd_case_store_get_by_case_no   (RdStore      *store,
                                           const char   *case_no,
                                           GError      **error);

/* The open cases (rd_case_status_is_open) with this channel and exactly
 * this order number, newest first, other than exclude_id (0: none).
 * An empty array when there are none; NULL on error. */
GPtrArray *rd_case_store_find_open_duplicates (RdStore    *store,
                                               const char *channel,
                                               const char *order_no,
                                               gint64      exclude_id,
                                               GError    **error);

/* Stores the calculator's breakdown (rd_calc_breakdown_to_json_data) with
 * the case and its total as the amount to approve, in one transaction with
 * the audit entries. Refused (RD_CASE_STORE_ERROR_CONFLICT) once the case is
 * approved or no longer open; RD_CASE_ERROR when the amount is above the
 * amount paid. */
gboolean   rd_case_store_apply_breakdown  (RdStore      *store,
                                           gint64        id,
                                           const char   *breakdown_json,
                                           gint64        approved_amount,
                                           const char   *operator,
                                           GError      **error);

/* Inside the caller's transaction (the intercept register moves a linked
 * case with its own write): writes every field of rcase like
 * rd_case_store_update and records what changed in the audit log under
 * action. NOT_FOUND when the case is gone. */
gboolean rd_case_store_write_locked      (RdStore                *store,
                                          RdCase                 *rcase,
                                          const char             *operator,
                                          const char             *action,
                                          GError                **error);

/* rd_case_store_transition inside the caller's transaction (the intercept
 * register moves a linked case with its own write). payout_route and
 * payout_date may be NULL. */
gboolean rd_case_store_transition_locked (RdStore                *store,
                                          gint64                  id,
                                          RdWorkflowEvent         event,
                                          const RdWorkflowFacts  *given,
                                          const RdPolicy         *policy,
                                          const char             *operator,
                                          const char             *payout_route,
                                          const char             *payout_date,
                                          GError                **error);

G_END_DECLS
