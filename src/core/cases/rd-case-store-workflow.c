/* rd-case-store-workflow.c
 *
 * The transaction around a workflow step: read the case, decide with
 * rd_workflow_apply, write it with rd_case_store_write_locked (which audits).
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "rd-audit.h"
#include "rd-case-store.h"
#include "rd-case-store-private.h"
#include "rd-case-store-workflow.h"
#include "rd-case-evidence.h"
#include "rd-case-payouts.h"
#include "rd-time.h"
#include "rd-working-days.h"

static gboolean
set_expected_arrival (RdStore     *store,
                      RdCase      *rcase,
                      const char  *paid_on,
                      GError     **error)
{
  g_autoptr(RdWorkCalendar) calendar = rd_work_calendar_load (store, error);
  GDate paid, latest;
  int y, m, d;
  char text[16];

  if (calendar == NULL)
    return FALSE;
  if (sscanf (paid_on, "%d-%d-%d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return TRUE;

  g_date_clear (&paid, 1);
  g_date_set_dmy (&paid, d, m, y);
  rd_expected_arrival (calendar, &paid, rcase->payment_method, NULL, &latest);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &latest);
  g_free (rcase->expected_arrival);
  rcase->expected_arrival = g_strdup (text);
  return TRUE;
}

/* Inside the transaction. */
gboolean
rd_case_store_transition_locked (RdStore                *store,
                   gint64                  id,
                   RdWorkflowEvent         event,
                   const RdWorkflowFacts  *given,
                   const RdPolicy         *policy,
                   const char             *operator,
                   const char             *payout_route,
                   const char             *payout_date,
                   GError                **error)
{
  g_autoptr(RdCase) rcase = NULL;
  g_autoptr(GArray) missing = NULL;
  g_autofree char *today = NULL;
  RdWorkflowFacts facts = *given;
  RdCaseStatus to;

  rcase = rd_case_store_get (store, id, error);
  if (rcase == NULL)
    return FALSE;

  facts.kind = rcase->kind;
  facts.amount = rcase->amount_paid;
  facts.currency = rcase->currency;
  facts.exchange_rate = rcase->exchange_rate;
  facts.created_by = rcase->created_by;
  facts.operator = operator;
  if (event != RD_WORKFLOW_EVENT_APPROVE || facts.approved_amount <= 0)
    facts.approved_amount = rcase->approved_amount >= 0 ? rcase->approved_amount
                            : event == RD_WORKFLOW_EVENT_APPROVE ? rcase->amount_paid : 0;
  if (!rd_payouts_sum (store, id, &facts.payouts_sum, error))
    return FALSE;

  /* Evidence is judged against the set for how the case ends. */
  missing = rd_evidence_missing_required (store, id, rcase->kind, rcase->status, error);
  if (missing == NULL)
    return FALSE;
  facts.evidence_complete = missing->len == 0;
  if (event == RD_WORKFLOW_EVENT_CLOSE && missing->len > 0 &&
      rd_workflow_apply (rcase->status, event, &(RdWorkflowFacts) { .evidence_complete = TRUE }, policy, NULL, NULL))
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < missing->len; i++)
        g_string_append_printf (names, "%s%s", i > 0 ? _(", ") : "",
                                rd_evidence_item_get_name (g_array_index (missing, RdEvidenceItem, i)));
      g_set_error (error, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_NEEDS_EVIDENCE,
                   _("The case cannot be closed yet; this evidence is missing: %s."), names->str);
      return FALSE;
    }

  if (!rd_workflow_apply (rcase->status, event, &facts, policy, &to, error))
    return FALSE;
  if (event == RD_WORKFLOW_EVENT_APPROVE &&
      !_rd_case_approval_check (store, rcase, &facts, policy, operator, error))
    return FALSE;

  switch (event)
    {
    case RD_WORKFLOW_EVENT_APPROVE:
      /* The approver proved who they are: the entries are theirs. */
      if (facts.approver != NULL && *facts.approver != '\0')
        operator = facts.approver;
      g_free (rcase->approved_by);
      rcase->approved_by = g_strdup (operator);
      rcase->approved_amount = facts.approved_amount;
      break;

    case RD_WORKFLOW_EVENT_REFUSE:
      rcase->refusal_reason = facts.refusal_reason;
      rcase->resolution = RD_RESOLUTION_REFUSED;
      break;

    case RD_WORKFLOW_EVENT_WITHDRAW:
      rcase->resolution = RD_RESOLUTION_WITHDRAWN;
      break;

    case RD_WORKFLOW_EVENT_REOPEN:
      rcase->refusal_reason = RD_REFUSAL_REASON_NONE;
      rcase->resolution = RD_RESOLUTION_NONE;
      rcase->closed_at = 0;
      break;

    case RD_WORKFLOW_EVENT_RECORD_PAYOUT:
      if (payout_date == NULL)
        payout_date = today = rd_time_format_local_date (g_get_real_time () / G_USEC_PER_SEC);
      if (payout_route == NULL)
        payout_route = rd_refund_route_to_id (rcase->refund_route) != NULL
                       ? rd_refund_route_to_id (rcase->refund_route) : "original";
      if (!rd_payouts_add (store, id, facts.payout_amount, payout_route, payout_date,
                           operator, NULL, error))
        return FALSE;
      if (to == RD_CASE_STATUS_PAID)
        {
          rcase->paid_at = g_get_real_time () / G_USEC_PER_SEC;
          if (!set_expected_arrival (store, rcase, payout_date, error))
            return FALSE;
        }
      break;

    case RD_WORKFLOW_EVENT_CLOSE:
      rcase->closed_at = g_get_real_time () / G_USEC_PER_SEC;
      break;

    case RD_WORKFLOW_EVENT_START_INTERCEPT:
    case RD_WORKFLOW_EVENT_REQUEST_RETURN:
    case RD_WORKFLOW_EVENT_MARK_RETURNED:
    case RD_WORKFLOW_EVENT_READY_FOR_PAYOUT:
    case RD_WORKFLOW_EVENT_CONFIRM_ARRIVAL:
    case RD_WORKFLOW_N_EVENTS:
    default:
      break;
    }

  rcase->status = to;
  if (!rd_case_store_write_locked (store, rcase, operator, rd_workflow_event_to_id (event), error))
    return FALSE;

  /* What the step was told and is not a field of the case. */
  if (event == RD_WORKFLOW_EVENT_APPROVE && facts.no_breakdown_reason != NULL &&
      (rcase->breakdown == NULL || *rcase->breakdown == '\0'))
    {
      g_autofree char *reason = g_strstrip (g_strdup (facts.no_breakdown_reason));

      if (*reason != '\0')
        return rd_audit_record (store, id, operator, "approve", "no_breakdown_reason", NULL,
                                reason, error);
    }
  if (event == RD_WORKFLOW_EVENT_MARK_RETURNED)
    {
      return rd_audit_record (store, id, operator, "mark_returned", "return_condition", NULL,
                              rd_return_condition_to_id (facts.return_condition), error);
    }

  return TRUE;
}

static gboolean
run_transition (RdStore                *store,
                gint64                  id,
                RdWorkflowEvent         event,
                const RdWorkflowFacts  *facts,
                const RdPolicy         *policy,
                const char             *operator,
                const char             *route,
                const char             *paid_on,
                GError                **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (facts != NULL && policy != NULL, FALSE);
  g_return_val_if_fail (operator != NULL, FALSE);

  if (!rd_store_begin (store, error))
    return FALSE;

  /* Approving checks its approver itself (who may be someone else). */
  if ((event != RD_WORKFLOW_EVENT_APPROVE &&
       !rd_operators_check (store, operator, _rd_case_event_action (event), &local_error)) ||
      !rd_case_store_transition_locked (store, id, event, facts, policy, operator, route, paid_on,
                                        &local_error))
    {
      rd_store_rollback (store);
      /* A wrong approver PIN counts towards their lockout: recorded now
       * that the transaction it was checked in is gone. */
      if (event == RD_WORKFLOW_EVENT_APPROVE &&
          g_error_matches (local_error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_WRONG_PIN))
        {
          const char *approver = facts->approver != NULL && *facts->approver != '\0'
                                 ? facts->approver : operator;
          g_autoptr(GError) record_error = NULL;
          gint64 now = g_get_real_time () / G_USEC_PER_SEC;

          if (!rd_operators_note_wrong_pin (store, approver, now, &record_error))
            g_warning ("Could not record a wrong PIN: %s", record_error->message);
          else if (!rd_operators_check_lockout (store, approver, now, &record_error))
            {
              /* This one locked them out: say until when. */
              g_clear_error (&local_error);
              local_error = g_steal_pointer (&record_error);
            }
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return rd_store_commit (store, error);
}

gboolean
rd_case_store_transition (RdStore                *store,
                          gint64                  id,
                          RdWorkflowEvent         event,
                          const RdWorkflowFacts  *facts,
                          const RdPolicy         *policy,
                          const char             *operator,
                          GError                **error)
{
  return run_transition (store, id, event, facts, policy, operator, NULL, NULL, error);
}

gboolean
rd_case_store_record_payout (RdStore         *store,
                             gint64           id,
                             gint64           amount,
                             const char      *route,
                             const char      *paid_on,
                             const RdPolicy  *policy,
                             const char      *operator,
                             GError         **error)
{
  RdWorkflowFacts facts = { .payout_amount = amount };

  return run_transition (store, id, RD_WORKFLOW_EVENT_RECORD_PAYOUT, &facts, policy, operator,
                         route, paid_on, error);
}

gint64
rd_case_compute_platform_deadline (const RdCase   *rcase,
                                   const RdPolicy *policy)
{
  g_return_val_if_fail (rcase != NULL && policy != NULL, 0);

  if (rcase->requested_at == 0)
    return 0;
  return rcase->requested_at +
         (gint64) rd_policy_get_auto_refund_hours (policy, rcase->channel) * 3600;
}

GArray *
rd_case_store_list_due (RdStore  *store,
                        gint64    now,
                        gint64    within_seconds,
                        gint64    passed_seconds,
                        GError  **error)
{
  g_autoptr(GArray) due = g_array_new (FALSE, FALSE, sizeof (gint64));
  /* The partial index of the open cases by deadline (schema version 3):
   * without statistics the planner prefers the status index and sorts. */
  g_autoptr(GString) sql = g_string_new ("SELECT id FROM cases INDEXED BY cases_open_deadline"
                                         " WHERE platform_deadline > MAX (0, ?2)"
                                         " AND platform_deadline <= ?1 AND status IN (");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *const *open_ids = rd_case_status_open_ids ();
  int rc;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  /* The ids are constants of this program, not user text. */
  for (guint i = 0; open_ids[i] != NULL; i++)
    g_string_append_printf (sql, "%s'%s'", i ? ", " : "", open_ids[i]);
  g_string_append (sql, ") ORDER BY platform_deadline, id");

  stmt = rd_store_prepare (store, sql->str, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, now + within_seconds);
  sqlite3_bind_int64 (stmt, 2, now - passed_seconds);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (due, id);
    }
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (store, rc, error);
      return NULL;
    }

  return g_steal_pointer (&due);
}

GPtrArray *
rd_case_store_list_follow_up (RdStore     *store,
                              const char  *today,
                              GError     **error)
{
  g_autoptr(GPtrArray) late = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_case_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (today != NULL, NULL);

  stmt = rd_store_prepare (store,
                           "SELECT id FROM cases WHERE status = ?1 AND expected_arrival IS NOT NULL"
                           " AND expected_arrival < ?2 ORDER BY expected_arrival, id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, rd_case_status_to_id (RD_CASE_STATUS_PAID), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, today, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RdCase *rcase = rd_case_store_get (store, sqlite3_column_int64 (stmt, 0), error);

      if (rcase == NULL)
        return NULL;
      g_ptr_array_add (late, rcase);
    }
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (store, rc, error);
      return NULL;
    }

  return g_steal_pointer (&late);
}

RdAction
rd_case_store_event_action (RdWorkflowEvent event)
{
  return _rd_case_event_action (event);
}
