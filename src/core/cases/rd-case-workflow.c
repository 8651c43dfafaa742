/* rd-case-workflow.c
 *
 * requested → approved | refused | withdrawn
 * approved → intercepting (shipped goods) | awaiting_return (return and
 *   refund) | awaiting_payout (nothing to wait for)
 * intercepting → awaiting_payout: low-ticket at once, high-ticket after
 *   the intercept result
 * awaiting_return → returned (inspected, with its condition) → awaiting_payout;
 *   a low-ticket case may be paid as soon as the return parcel is moving
 * awaiting_payout → paid (when the payouts reach the approved amount)
 *   → arrived → closed
 * refused | withdrawn → closed, or reopen → requested (a buyer appeals or asks
 *   again). A closed case stays closed: its history is final.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rd-money.h"
#include "rd-case-workflow.h"

G_DEFINE_QUARK (rd-workflow-error-quark, rd_workflow_error)

static const struct
{
  const char *id;
  const char *label;
} events[RD_WORKFLOW_N_EVENTS] = {
  [RD_WORKFLOW_EVENT_APPROVE]          = { "approve",          N_("Approve") },
  [RD_WORKFLOW_EVENT_REFUSE]           = { "refuse",           N_("Refuse") },
  [RD_WORKFLOW_EVENT_WITHDRAW]         = { "withdraw",         N_("Withdrawn by buyer") },
  [RD_WORKFLOW_EVENT_START_INTERCEPT]  = { "start_intercept",  N_("Start intercept") },
  [RD_WORKFLOW_EVENT_REQUEST_RETURN]   = { "request_return",   N_("Ask for the return") },
  [RD_WORKFLOW_EVENT_MARK_RETURNED]    = { "mark_returned",    N_("Mark returned") },
  [RD_WORKFLOW_EVENT_READY_FOR_PAYOUT] = { "ready_for_payout", N_("Ready for payout") },
  [RD_WORKFLOW_EVENT_RECORD_PAYOUT]    = { "record_payout",    N_("Record payout") },
  [RD_WORKFLOW_EVENT_CONFIRM_ARRIVAL]  = { "confirm_arrival",  N_("Confirm arrival") },
  [RD_WORKFLOW_EVENT_CLOSE]            = { "close",            N_("Close") },
  [RD_WORKFLOW_EVENT_REOPEN]           = { "reopen",           N_("Reopen") },
};

static const struct
{
  const char *id;
  const char *label;
} conditions[RD_RETURN_CONDITION_N] = {
  [RD_RETURN_CONDITION_NONE]          = { "",              NULL },
  [RD_RETURN_CONDITION_INTACT]        = { "intact",        N_("Intact") },
  [RD_RETURN_CONDITION_DAMAGED]       = { "damaged",       N_("Damaged") },
  [RD_RETURN_CONDITION_PARTS_MISSING] = { "parts_missing", N_("Parts missing") },
};

static char *
format_amount (const RdWorkflowFacts *facts,
               gint64                 amount)
{
  const RdCurrency *currency = NULL;

  if (facts->currency != NULL)
    currency = rd_currency_lookup (facts->currency);
  if (currency == NULL)
    currency = rd_currency_default ();

  return rd_money_format (amount, currency);
}

static gint64
ticket_amount (const RdWorkflowFacts *facts)
{
  return facts->approved_amount > 0 ? facts->approved_amount : facts->amount;
}

static gboolean
not_now (RdCaseStatus      from,
         RdWorkflowEvent   event,
         GError          **error)
{
  g_set_error (error, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_NOT_NOW,
               _("This case is “%s”: “%s” is not possible now."),
               rd_case_status_get_name (from),
               rd_workflow_event_to_label (event));
  return FALSE;
}

static gboolean
check_approve (const RdWorkflowFacts  *facts,
               const RdPolicy         *policy,
               GError                **error)
{
  const char *approver = facts->approver != NULL && *facts->approver != '\0'
                         ? facts->approver : facts->operator;

  if (facts->approved_amount <= 0)
    {
      g_set_error_literal (error, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_AMOUNT,
                           _("Enter the amount to refund before approving."));
      return FALSE;
    }

  if (facts->amount > 0 && facts->approved_amount > facts->amount)
    {
      g_autofree char *approved = format_amount (facts, facts->approved_amount);
      g_autofree char *asked = format_amount (facts, facts->amount);

      g_set_error (error, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_AMOUNT,
                   _("The approved amount %s is more than the %s the buyer asked for."),
                   approved, asked);
      return FALSE;
    }

  if (approver == NULL || *approver == '\0')
    {
      g_set_error_literal (error, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_NEEDS_SECOND_APPROVER,
                           _("Choose the operator who approves this case."));
      return FALSE;
    }

  if (rd_policy_needs_review (policy, facts->approved_amount) &&
      (facts->created_by == NULL || *facts->created_by == '\0' ||
       g_strcmp0 (approver, facts->created_by) == 0))
    {
      g_autofree char *amount = format_amount (facts, facts->approved_amount);

      if (facts->created_by == NULL || *facts->created_by == '\0')
        g_set_error (error, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_NEEDS_SECOND_APPROVER,
                     _("Approving %s needs a second operator, and this case does not say who created it."),
                     amount);
      else
        g_set_error (error, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_NEEDS_SECOND_APPROVER,
                     _("Approving %s needs a second operator: %s created this case."),
                     amount, facts->created_by);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_ready_for_payout (RdCaseStatus            from,
                        const RdWorkflowFacts  *facts,
                        const RdPolicy         *policy,
                        GError                **error)
{
  /* The threshold is yuan: a foreign ticket is converted at the case's
   * rate, and without one the threshold is not applied. */
  gboolean high = rd_policy_classify_ticket (policy, ticket_amount (facts), facts->currency,
                                             facts->exchange_rate, NULL) == RD_TICKET_HIGH;

  switch ((int) from)
    {
    case RD_CASE_STATUS_APPROVED:
      if (facts->kind == RD_REFUND_KIND_RETURN_REFUND)
        {
          g_set_error_literal (error, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_NOT_NOW,
                               _("A return and refund is paid after the buyer sends the goods back: ask for the return first."));
          return FALSE;
        }
      if (facts->kind == RD_REFUND_KIND_REFUND_ONLY_UNSHIPPED && facts->shipped)
        {
          g_set_error_literal (error, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_NOT_NOW,
                               _("The goods were shipped although the platform does not show it: start an intercept first."));
          return FALSE;
        }
      return TRUE;

    case RD_CASE_STATUS_INTERCEPTING:
      if (high && !facts->intercept_settled)
        {
          g_autofree char *threshold = rd_money_format (policy->high_ticket_threshold,
                                                        rd_currency_default ());

          g_set_error (error, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_WAIT_FOR_RESULT,
                       _("Refunds of %s or more wait for the intercept result."),
                       threshold);
          return FALSE;
        }
      return TRUE;

    case RD_CASE_STATUS_AWAITING_RETURN:
      if (high)
        {
          g_autofree char *threshold = rd_money_format (policy->high_ticket_threshold,
                                                        rd_currency_default ());

          g_set_error (error, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_WAIT_FOR_RESULT,
                       _("Refunds of %s or more are paid after the returned parcel is inspected."),
                       threshold);
          return FALSE;
        }
      if (!facts->return_in_transit)
        {
          g_set_error_literal (error, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_WAIT_FOR_RESULT,
                               _("Pay when the return parcel has been picked up: record its tracking number first."));
          return FALSE;
        }
      return TRUE;

    case RD_CASE_STATUS_RETURNED:
      return TRUE;

    default:
      return not_now (from, RD_WORKFLOW_EVENT_READY_FOR_PAYOUT, error);
    }
}

static gboolean
check_record_payout (const RdWorkflowFacts  *facts,
                     RdCaseStatus           *to,
                     GError                **error)
{
  gint64 sum;

  if (facts->payout_amount <= 0)
    {
      g_set_error_literal (error, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_AMOUNT,
                           _("A payout must be more than zero."));
      return FALSE;
    }

  if (!rd_money_add (facts->payouts_sum, facts->payout_amount, &sum, NULL) ||
      sum > facts->approved_amount)
    {
      g_autofree char *paid = format_amount (facts, facts->payouts_sum);
      g_autofree char *amount = format_amount (facts, facts->payout_amount);
      g_autofree char *approved = format_amount (facts, facts->approved_amount);

      g_set_error (error, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_AMOUNT,
                   _("Paying %s would pass the approved %s: %s is paid already."),
                   amount, approved, paid);
      return FALSE;
    }

  *to = sum == facts->approved_amount
        ? RD_CASE_STATUS_PAID
        : RD_CASE_STATUS_AWAITING_PAYOUT;
  return TRUE;
}

/* judge_inputs: also judge what the user gives with the event. */
static gboolean
check (RdCaseStatus            from,
       RdWorkflowEvent         event,
       const RdWorkflowFacts  *facts,
       const RdPolicy         *policy,
       gboolean                judge_inputs,
       RdCaseStatus           *to,
       GError                **error)
{
  switch (event)
    {
    case RD_WORKFLOW_EVENT_APPROVE:
      if (from != RD_CASE_STATUS_REQUESTED)
        return not_now (from, event, error);
      if (judge_inputs && !check_approve (facts, policy, error))
        return FALSE;
      *to = RD_CASE_STATUS_APPROVED;
      return TRUE;

    case RD_WORKFLOW_EVENT_REFUSE:
      if (from != RD_CASE_STATUS_REQUESTED)
        return not_now (from, event, error);
      if (judge_inputs &&
          (facts->refusal_reason <= RD_REFUSAL_REASON_NONE || facts->refusal_reason >= RD_REFUSAL_REASON_LAST))
        {
          g_set_error_literal (error, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_NEEDS_REASON,
                               _("Choose why the refund is refused; the reason stays with the case."));
          return FALSE;
        }
      *to = RD_CASE_STATUS_REFUSED;
      return TRUE;

    case RD_WORKFLOW_EVENT_WITHDRAW:
      if (from != RD_CASE_STATUS_REQUESTED && from != RD_CASE_STATUS_APPROVED &&
          from != RD_CASE_STATUS_INTERCEPTING && from != RD_CASE_STATUS_AWAITING_RETURN &&
          from != RD_CASE_STATUS_RETURNED && from != RD_CASE_STATUS_AWAITING_PAYOUT)
        return not_now (from, event, error);
      if (facts->payouts_sum > 0)
        {
          g_set_error_literal (error, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_AMOUNT,
                               _("Part of the refund has already been paid out, so the case cannot be withdrawn."));
          return FALSE;
        }
      *to = RD_CASE_STATUS_WITHDRAWN;
      return TRUE;

    case RD_WORKFLOW_EVENT_START_INTERCEPT:
      if (from != RD_CASE_STATUS_APPROVED)
        return not_now (from, event, error);
      if (facts->kind == RD_REFUND_KIND_RETURN_REFUND)
        {
          g_set_error_literal (error, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_NOT_NOW,
                               _("In a return and refund the buyer sends the goods back; there is no parcel to intercept."));
          return FALSE;
        }
      if (facts->kind == RD_REFUND_KIND_REFUND_ONLY_UNSHIPPED && !facts->shipped)
        {
          g_set_error_literal (error, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_NOT_NOW,
                               _("The goods have not been shipped; there is no parcel to intercept."));
          return FALSE;
        }
      *to = RD_CASE_STATUS_INTERCEPTING;
      return TRUE;

    case RD_WORKFLOW_EVENT_REQUEST_RETURN:
      if (from != RD_CASE_STATUS_APPROVED)
        return not_now (from, event, error);
      if (facts->kind != RD_REFUND_KIND_RETURN_REFUND)
        {
          g_set_error_literal (error, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_NOT_NOW,
                               _("Only a return and refund asks the buyer to send the goods back."));
          return FALSE;
        }
      *to = RD_CASE_STATUS_AWAITING_RETURN;
      return TRUE;

    case RD_WORKFLOW_EVENT_MARK_RETURNED:
      if (from != RD_CASE_STATUS_AWAITING_RETURN)
        return not_now (from, event, error);
      if (judge_inputs &&
          (facts->return_condition <= RD_RETURN_CONDITION_NONE ||
           facts->return_condition >= RD_RETURN_CONDITION_N))
        {
          g_set_error_literal (error, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_NEEDS_CONDITION,
                               _("Inspect the returned parcel and choose its condition: intact, damaged or parts missing."));
          return FALSE;
        }
      *to = RD_CASE_STATUS_RETURNED;
      return TRUE;

    case RD_WORKFLOW_EVENT_READY_FOR_PAYOUT:
      if (!check_ready_for_payout (from, facts, policy, error))
        return FALSE;
      *to = RD_CASE_STATUS_AWAITING_PAYOUT;
      return TRUE;

    case RD_WORKFLOW_EVENT_RECORD_PAYOUT:
      if (from != RD_CASE_STATUS_AWAITING_PAYOUT)
        return not_now (from, event, error);
      if (judge_inputs)
        return check_record_payout (facts, to, error);
      *to = RD_CASE_STATUS_PAID;
      return TRUE;

    case RD_WORKFLOW_EVENT_CONFIRM_ARRIVAL:
      if (from != RD_CASE_STATUS_PAID)
        return not_now (from, event, error);
      *to = RD_CASE_STATUS_ARRIVED;
      return TRUE;

    case RD_WORKFLOW_EVENT_CLOSE:
      if (from != RD_CASE_STATUS_ARRIVED && from != RD_CASE_STATUS_REFUSED &&
          from != RD_CASE_STATUS_WITHDRAWN)
        return not_now (from, event, error);
      if (judge_inputs && !facts->evidence_complete)
        {
          g_set_error_literal (error, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_NEEDS_EVIDENCE,
                               _("A required evidence item is missing: tick every required item before closing."));
          return FALSE;
        }
      *to = RD_CASE_STATUS_CLOSED;
      return TRUE;

    case RD_WORKFLOW_EVENT_REOPEN:
      if (from != RD_CASE_STATUS_REFUSED && from != RD_CASE_STATUS_WITHDRAWN)
        return not_now (from, event, error);
      *to = RD_CASE_STATUS_REQUESTED;
      return TRUE;

    case RD_WORKFLOW_N_EVENTS:
    default:
      break;
    }

  g_return_val_if_reached (FALSE);
}

gboolean
rd_workflow_apply (RdCaseStatus            from,
                   RdWorkflowEvent         event,
                   const RdWorkflowFacts  *facts,
                   const RdPolicy         *policy,
                   RdCaseStatus           *to,
                   GError                **error)
{
  RdCaseStatus next = from;

  g_return_val_if_fail ((guint) event < RD_WORKFLOW_N_EVENTS, FALSE);
  g_return_val_if_fail (facts != NULL, FALSE);
  g_return_val_if_fail (policy != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check (from, event, facts, policy, TRUE, &next, error))
    return FALSE;

  if (to != NULL)
    *to = next;
  return TRUE;
}

GArray *
rd_workflow_available_events (RdCaseStatus            from,
                              const RdWorkflowFacts  *facts,
                              const RdPolicy         *policy)
{
  GArray *available = g_array_new (FALSE, FALSE, sizeof (RdWorkflowEvent));

  g_return_val_if_fail (facts != NULL, available);
  g_return_val_if_fail (policy != NULL, available);

  for (guint i = 0; i < RD_WORKFLOW_N_EVENTS; i++)
    {
      RdWorkflowEvent event = i;
      RdCaseStatus next;

      if (check (from, event, facts, policy, FALSE, &next, NULL))
        g_array_append_val (available, event);
    }

  return available;
}

const char *
rd_workflow_event_to_id (RdWorkflowEvent event)
{
  g_return_val_if_fail ((guint) event < RD_WORKFLOW_N_EVENTS, NULL);
  return events[event].id;
}

gboolean
rd_workflow_event_from_id (const char      *id,
                           RdWorkflowEvent *event)
{
  for (guint i = 0; i < RD_WORKFLOW_N_EVENTS; i++)
    if (g_strcmp0 (events[i].id, id) == 0)
      {
        if (event != NULL)
          *event = i;
        return TRUE;
      }
  return FALSE;
}

const char *
rd_workflow_event_to_label (RdWorkflowEvent event)
{
  g_return_val_if_fail ((guint) event < RD_WORKFLOW_N_EVENTS, NULL);
  return _(events[event].label);
}

const char *
rd_return_condition_to_id (RdReturnCondition condition)
{
  g_return_val_if_fail ((guint) condition < RD_RETURN_CONDITION_N, NULL);
  return conditions[condition].id;
}

gboolean
rd_return_condition_from_id (const char        *id,
                             RdReturnCondition *condition)
{
  for (guint i = RD_RETURN_CONDITION_NONE + 1; i < RD_RETURN_CONDITION_N; i++)
    if (g_strcmp0 (conditions[i].id, id) == 0)
      {
        if (condition != NULL)
          *condition = i;
        return TRUE;
      }
  return FALSE;
}

const char *
rd_return_condition_to_label (RdReturnCondition condition)
{
  g_return_val_if_fail ((guint) condition < RD_RETURN_CONDITION_N, NULL);
  return condition == RD_RETURN_CONDITION_NONE ? "" : _(conditions[condition].label);
}
