/* test-workflow.c — the refund case's state machine, every (state, event). */
#include "config.h"

#include <locale.h>

#include "rd-case-workflow.h"

#define U (1 << RD_REFUND_KIND_REFUND_ONLY_UNSHIPPED)
#define S (1 << RD_REFUND_KIND_REFUND_ONLY_SHIPPED)
#define R (1 << RD_REFUND_KIND_RETURN_REFUND)
#define ALL (U | S | R)

/* What the base facts (low-ticket, every input given) allow; every other
 * (kind, state, event) must fail. */
static const struct
{
  guint            kinds;
  RdCaseStatus     from;
  RdWorkflowEvent  event;
  RdCaseStatus     to;
} allowed[] = {
  { ALL, RD_CASE_STATUS_REQUESTED,       RD_WORKFLOW_EVENT_APPROVE,          RD_CASE_STATUS_APPROVED },
  { ALL, RD_CASE_STATUS_REQUESTED,       RD_WORKFLOW_EVENT_REFUSE,           RD_CASE_STATUS_REFUSED },
  { ALL, RD_CASE_STATUS_REQUESTED,       RD_WORKFLOW_EVENT_WITHDRAW,         RD_CASE_STATUS_WITHDRAWN },
  { ALL, RD_CASE_STATUS_APPROVED,        RD_WORKFLOW_EVENT_WITHDRAW,         RD_CASE_STATUS_WITHDRAWN },
  { S,   RD_CASE_STATUS_APPROVED,        RD_WORKFLOW_EVENT_START_INTERCEPT,  RD_CASE_STATUS_INTERCEPTING },
  { R,   RD_CASE_STATUS_APPROVED,        RD_WORKFLOW_EVENT_REQUEST_RETURN,   RD_CASE_STATUS_AWAITING_RETURN },
  { U|S, RD_CASE_STATUS_APPROVED,        RD_WORKFLOW_EVENT_READY_FOR_PAYOUT, RD_CASE_STATUS_AWAITING_PAYOUT },
  { ALL, RD_CASE_STATUS_REFUSED,         RD_WORKFLOW_EVENT_CLOSE,            RD_CASE_STATUS_CLOSED },
  { ALL, RD_CASE_STATUS_REFUSED,         RD_WORKFLOW_EVENT_REOPEN,           RD_CASE_STATUS_REQUESTED },
  { ALL, RD_CASE_STATUS_WITHDRAWN,       RD_WORKFLOW_EVENT_CLOSE,            RD_CASE_STATUS_CLOSED },
  { ALL, RD_CASE_STATUS_WITHDRAWN,       RD_WORKFLOW_EVENT_REOPEN,           RD_CASE_STATUS_REQUESTED },
  { ALL, RD_CASE_STATUS_AWAITING_RETURN, RD_WORKFLOW_EVENT_WITHDRAW,         RD_CASE_STATUS_WITHDRAWN },
  { ALL, RD_CASE_STATUS_AWAITING_RETURN, RD_WORKFLOW_EVENT_MARK_RETURNED,    RD_CASE_STATUS_RETURNED },
  { ALL, RD_CASE_STATUS_AWAITING_RETURN, RD_WORKFLOW_EVENT_READY_FOR_PAYOUT, RD_CASE_STATUS_AWAITING_PAYOUT },
  { ALL, RD_CASE_STATUS_RETURNED,        RD_WORKFLOW_EVENT_WITHDRAW,         RD_CASE_STATUS_WITHDRAWN },
  { ALL, RD_CASE_STATUS_RETURNED,        RD_WORKFLOW_EVENT_READY_FOR_PAYOUT, RD_CASE_STATUS_AWAITING_PAYOUT },
  { ALL, RD_CASE_STATUS_INTERCEPTING,    RD_WORKFLOW_EVENT_WITHDRAW,         RD_CASE_STATUS_WITHDRAWN },
  { ALL, RD_CASE_STATUS_INTERCEPTING,    RD_WORKFLOW_EVENT_READY_FOR_PAYOUT, RD_CASE_STATUS_AWAITING_PAYOUT },
  { ALL, RD_CASE_STATUS_AWAITING_PAYOUT, RD_WORKFLOW_EVENT_WITHDRAW,         RD_CASE_STATUS_WITHDRAWN },
  { ALL, RD_CASE_STATUS_AWAITING_PAYOUT, RD_WORKFLOW_EVENT_RECORD_PAYOUT,    RD_CASE_STATUS_PAID },
  { ALL, RD_CASE_STATUS_PAID,            RD_WORKFLOW_EVENT_CONFIRM_ARRIVAL,  RD_CASE_STATUS_ARRIVED },
  { ALL, RD_CASE_STATUS_ARRIVED,         RD_WORKFLOW_EVENT_CLOSE,            RD_CASE_STATUS_CLOSED },
};

static RdWorkflowFacts
base_facts (RdRefundKind kind)
{
  RdWorkflowFacts facts = {
    .kind = kind,
    .shipped = kind != RD_REFUND_KIND_REFUND_ONLY_UNSHIPPED,
    .amount = 5000,
    .approved_amount = 5000,
    .created_by = "Li Na",
    .operator = "Wang Wei",
    .refusal_reason = RD_REFUSAL_REASON_OUTSIDE_WINDOW,
    .return_condition = RD_RETURN_CONDITION_INTACT,
    .return_in_transit = TRUE,
    .evidence_complete = TRUE,
    .payout_amount = 5000,
  };
  return facts;
}

static gboolean
find_allowed (RdRefundKind     kind,
              RdCaseStatus     from,
              RdWorkflowEvent  event,
              RdCaseStatus    *to)
{
  for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
    if ((allowed[i].kinds & (1u << kind)) && allowed[i].from == from && allowed[i].event == event)
      {
        *to = allowed[i].to;
        return TRUE;
      }
  return FALSE;
}

static void
test_every_pair (void)
{
  RdPolicy policy;
  guint n_checked = 0;

  rd_policy_init_defaults (&policy);

  for (RdRefundKind kind = RD_REFUND_KIND_REFUND_ONLY_UNSHIPPED; kind < RD_REFUND_KIND_LAST; kind++)
    for (RdCaseStatus from = RD_CASE_STATUS_REQUESTED; from < RD_CASE_STATUS_LAST; from++)
      {
        RdWorkflowFacts facts = base_facts (kind);
        g_autoptr(GArray) available = rd_workflow_available_events (from, &facts, &policy);
        guint n_allowed = 0;

        for (RdWorkflowEvent event = 0; event < RD_WORKFLOW_N_EVENTS; event++)
          {
            g_autoptr(GError) error = NULL;
            RdCaseStatus expected = RD_CASE_STATUS_NONE;
            RdCaseStatus to = RD_CASE_STATUS_NONE;
            gboolean should = find_allowed (kind, from, event, &expected);
            gboolean ok = rd_workflow_apply (from, event, &facts, &policy, &to, &error);
            gboolean offered = FALSE;

            for (guint i = 0; i < available->len; i++)
              offered |= g_array_index (available, RdWorkflowEvent, i) == event;

            if (ok != should || (ok && to != expected) || offered != should)
              g_error ("%s, %s + %s: expected %s, got %s (%s), offered %d",
                       rd_refund_kind_to_id (kind), rd_case_status_to_id (from),
                       rd_workflow_event_to_id (event),
                       should ? rd_case_status_to_id (expected) : "an error",
                       ok ? rd_case_status_to_id (to) : "an error",
                       error != NULL ? error->message : "", offered);
            if (!ok)
              {
                g_assert_error (error, RD_WORKFLOW_ERROR, error->code);
                g_assert_cmpstr (error->message, !=, "");
              }
            n_allowed += should;
            n_checked++;
          }
        g_assert_cmpuint (available->len, ==, n_allowed);
      }

  g_assert_cmpuint (n_checked, ==, 3 * 11 * RD_WORKFLOW_N_EVENTS);
  rd_policy_clear (&policy);
}

static void
test_second_approver (void)
{
  g_auto(RdPolicy) policy;
  RdWorkflowFacts facts = base_facts (RD_REFUND_KIND_REFUND_ONLY_UNSHIPPED);
  g_autoptr(GError) error = NULL;
  RdCaseStatus to;

  rd_policy_init_defaults (&policy);
  facts.amount = facts.approved_amount = 150000;   /* ≥ review threshold ¥1,000.00 */
  facts.operator = "Li Na";                        /* the creator */

  g_assert_false (rd_workflow_apply (RD_CASE_STATUS_REQUESTED, RD_WORKFLOW_EVENT_APPROVE,
                                     &facts, &policy, &to, &error));
  g_assert_error (error, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_NEEDS_SECOND_APPROVER);
  g_assert_cmpstr (error->message, ==, "Approving ¥1,500.00 needs a second operator: Li Na created this case.");
  g_clear_error (&error);

  /* A second person signs: allowed. */
  facts.approver = "Wang Wei";
  g_assert_true (rd_workflow_apply (RD_CASE_STATUS_REQUESTED, RD_WORKFLOW_EVENT_APPROVE,
                                    &facts, &policy, &to, &error));
  g_assert_no_error (error);
  g_assert_cmpint (to, ==, RD_CASE_STATUS_APPROVED);

  /* Just under the threshold the creator may approve alone. */
  facts.approver = NULL;
  facts.amount = facts.approved_amount = 99999;
  g_assert_true (rd_workflow_apply (RD_CASE_STATUS_REQUESTED, RD_WORKFLOW_EVENT_APPROVE,
                                    &facts, &policy, &to, &error));

  /* Exactly at the threshold: needs review. */
  facts.amount = facts.approved_amount = 100000;
  g_assert_false (rd_workflow_apply (RD_CASE_STATUS_REQUESTED, RD_WORKFLOW_EVENT_APPROVE,
                                     &facts, &policy, &to, &error));
  g_assert_error (error, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_NEEDS_SECOND_APPROVER);
  g_clear_error (&error);

  /* Approving more than asked, or nothing. */
  facts.operator = "Wang Wei";
  facts.approved_amount = 100001;
  g_assert_false (rd_workflow_apply (RD_CASE_STATUS_REQUESTED, RD_WORKFLOW_EVENT_APPROVE,
                                     &facts, &policy, &to, &error));
  g_assert_error (error, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_AMOUNT);
  g_clear_error (&error);
  facts.approved_amount = -1;
  g_assert_false (rd_workflow_apply (RD_CASE_STATUS_REQUESTED, RD_WORKFLOW_EVENT_APPROVE,
                                     &facts, &policy, &to, &error));
  g_assert_error (error, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_AMOUNT);
}

static void
test_refusal_needs_reason (void)
{
  g_auto(RdPolicy) policy;
  RdWorkflowFacts facts = base_facts (RD_REFUND_KIND_REFUND_ONLY_SHIPPED);
  g_autoptr(GError) error = NULL;
  RdCaseStatus to = RD_CASE_STATUS_NONE;

  rd_policy_init_defaults (&policy);
  facts.refusal_reason = RD_REFUSAL_REASON_NONE;
  g_assert_false (rd_workflow_apply (RD_CASE_STATUS_REQUESTED, RD_WORKFLOW_EVENT_REFUSE,
                                     &facts, &policy, &to, &error));
  g_assert_error (error, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_NEEDS_REASON);
  g_assert_cmpint (to, ==, RD_CASE_STATUS_NONE);
  g_clear_error (&error);

  for (RdRefusalReason r = RD_REFUSAL_REASON_NONE + 1; r < RD_REFUSAL_REASON_LAST; r++)
    {
      facts.refusal_reason = r;
      g_assert_true (rd_workflow_apply (RD_CASE_STATUS_REQUESTED, RD_WORKFLOW_EVENT_REFUSE,
                                        &facts, &policy, &to, &error));
      g_assert_cmpint (to, ==, RD_CASE_STATUS_REFUSED);
    }
}

static void
test_high_ticket_waits (void)
{
  g_auto(RdPolicy) policy;
  RdWorkflowFacts facts = base_facts (RD_REFUND_KIND_REFUND_ONLY_SHIPPED);
  g_autoptr(GError) error = NULL;
  RdCaseStatus to;

  rd_policy_init_defaults (&policy);
  facts.amount = facts.approved_amount = 20000;   /* exactly the high-ticket threshold */

  g_assert_false (rd_workflow_apply (RD_CASE_STATUS_INTERCEPTING, RD_WORKFLOW_EVENT_READY_FOR_PAYOUT,
                                     &facts, &policy, &to, &error));
  g_assert_error (error, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_WAIT_FOR_RESULT);
  g_assert_cmpstr (error->message, ==, "Refunds of ¥200.00 or more wait for the intercept result.");
  g_clear_error (&error);

  facts.intercept_settled = TRUE;
  g_assert_true (rd_workflow_apply (RD_CASE_STATUS_INTERCEPTING, RD_WORKFLOW_EVENT_READY_FOR_PAYOUT,
                                    &facts, &policy, &to, &error));
  g_assert_cmpint (to, ==, RD_CASE_STATUS_AWAITING_PAYOUT);

  /* Return and refund: high-ticket waits for the inspection, low-ticket
   * only for the parcel to move. */
  facts = base_facts (RD_REFUND_KIND_RETURN_REFUND);
  facts.amount = facts.approved_amount = 30000;
  g_assert_false (rd_workflow_apply (RD_CASE_STATUS_AWAITING_RETURN, RD_WORKFLOW_EVENT_READY_FOR_PAYOUT,
                                     &facts, &policy, &to, &error));
  g_assert_error (error, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_WAIT_FOR_RESULT);
  g_clear_error (&error);
  g_assert_true (rd_workflow_apply (RD_CASE_STATUS_AWAITING_RETURN, RD_WORKFLOW_EVENT_MARK_RETURNED,
                                    &facts, &policy, &to, &error));
  g_assert_cmpint (to, ==, RD_CASE_STATUS_RETURNED);

  facts.amount = facts.approved_amount = 19999;
  facts.return_in_transit = FALSE;
  g_assert_false (rd_workflow_apply (RD_CASE_STATUS_AWAITING_RETURN, RD_WORKFLOW_EVENT_READY_FOR_PAYOUT,
                                     &facts, &policy, &to, &error));
  g_assert_error (error, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_WAIT_FOR_RESULT);
  g_clear_error (&error);

  facts.return_condition = RD_RETURN_CONDITION_NONE;
  g_assert_false (rd_workflow_apply (RD_CASE_STATUS_AWAITING_RETURN, RD_WORKFLOW_EVENT_MARK_RETURNED,
                                     &facts, &policy, &to, &error));
  g_assert_error (error, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_NEEDS_CONDITION);
}

static void
test_unshipped_trap (void)
{
  g_auto(RdPolicy) policy;
  RdWorkflowFacts facts = base_facts (RD_REFUND_KIND_REFUND_ONLY_UNSHIPPED);
  g_autoptr(GError) error = NULL;
  RdCaseStatus to;

  rd_policy_init_defaults (&policy);
  /* Shipped offline but not marked shipped on the platform: intercept. */
  facts.shipped = TRUE;
  g_assert_false (rd_workflow_apply (RD_CASE_STATUS_APPROVED, RD_WORKFLOW_EVENT_READY_FOR_PAYOUT,
                                     &facts, &policy, &to, &error));
  g_assert_error (error, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_NOT_NOW);
  g_clear_error (&error);
  g_assert_true (rd_workflow_apply (RD_CASE_STATUS_APPROVED, RD_WORKFLOW_EVENT_START_INTERCEPT,
                                    &facts, &policy, &to, &error));
  g_assert_cmpint (to, ==, RD_CASE_STATUS_INTERCEPTING);
}

static void
test_payouts_and_close (void)
{
  g_auto(RdPolicy) policy;
  RdWorkflowFacts facts = base_facts (RD_REFUND_KIND_REFUND_ONLY_UNSHIPPED);
  g_autoptr(GError) error = NULL;
  RdCaseStatus to;

  rd_policy_init_defaults (&policy);
  facts.approved_amount = 10000;

  /* Two instalments: the first keeps the case awaiting payout. */
  facts.payouts_sum = 0;
  facts.payout_amount = 3334;
  g_assert_true (rd_workflow_apply (RD_CASE_STATUS_AWAITING_PAYOUT, RD_WORKFLOW_EVENT_RECORD_PAYOUT,
                                    &facts, &policy, &to, &error));
  g_assert_cmpint (to, ==, RD_CASE_STATUS_AWAITING_PAYOUT);
  facts.payouts_sum = 3334;
  facts.payout_amount = 6667;
  g_assert_false (rd_workflow_apply (RD_CASE_STATUS_AWAITING_PAYOUT, RD_WORKFLOW_EVENT_RECORD_PAYOUT,
                                     &facts, &policy, &to, &error));
  g_assert_error (error, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_AMOUNT);
  g_assert_cmpstr (error->message, ==, "Paying ¥66.67 would pass the approved ¥100.00: ¥33.34 is paid already.");
  g_clear_error (&error);
  facts.payout_amount = 6666;
  g_assert_true (rd_workflow_apply (RD_CASE_STATUS_AWAITING_PAYOUT, RD_WORKFLOW_EVENT_RECORD_PAYOUT,
                                    &facts, &policy, &to, &error));
  g_assert_cmpint (to, ==, RD_CASE_STATUS_PAID);
  facts.payout_amount = 0;
  g_assert_false (rd_workflow_apply (RD_CASE_STATUS_AWAITING_PAYOUT, RD_WORKFLOW_EVENT_RECORD_PAYOUT,
                                     &facts, &policy, &to, &error));
  g_assert_error (error, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_AMOUNT);
  g_clear_error (&error);

  /* Money already paid: the buyer can no longer withdraw. */
  g_assert_false (rd_workflow_apply (RD_CASE_STATUS_AWAITING_PAYOUT, RD_WORKFLOW_EVENT_WITHDRAW,
                                     &facts, &policy, &to, &error));
  g_assert_error (error, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_AMOUNT);
  g_clear_error (&error);

  facts.evidence_complete = FALSE;
  g_assert_false (rd_workflow_apply (RD_CASE_STATUS_ARRIVED, RD_WORKFLOW_EVENT_CLOSE,
                                     &facts, &policy, &to, &error));
  g_assert_error (error, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_NEEDS_EVIDENCE);
}

static void
test_ids (void)
{
  for (RdWorkflowEvent e = 0; e < RD_WORKFLOW_N_EVENTS; e++)
    {
      RdWorkflowEvent back;

      g_assert_true (rd_workflow_event_from_id (rd_workflow_event_to_id (e), &back));
      g_assert_cmpint (back, ==, e);
      g_assert_cmpstr (rd_workflow_event_to_label (e), !=, "");
    }
  g_assert_false (rd_workflow_event_from_id ("explode", NULL));

  for (RdReturnCondition c = RD_RETURN_CONDITION_NONE + 1; c < RD_RETURN_CONDITION_N; c++)
    {
      RdReturnCondition back;

      g_assert_true (rd_return_condition_from_id (rd_return_condition_to_id (c), &back));
      g_assert_cmpint (back, ==, c);
    }
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rd/workflow/every-pair", test_every_pair);
  g_test_add_func ("/rd/workflow/second-approver", test_second_approver);
  g_test_add_func ("/rd/workflow/refusal-needs-reason", test_refusal_needs_reason);
  g_test_add_func ("/rd/workflow/high-ticket-waits", test_high_ticket_waits);
  g_test_add_func ("/rd/workflow/unshipped-trap", test_unshipped_trap);
  g_test_add_func ("/rd/workflow/payouts-and-close", test_payouts_and_close);
  g_test_add_func ("/rd/workflow/ids", test_ids);

  return g_test_run ();
}
