/* rd-case-store-workflow.h
 *
 * A case moves through the workflow here: rd_workflow_apply decides, the
 * case's status and the fields the step sets are written, and the audit log
 * records it, all in ONE transaction.
 */
#pragma once

#include "rd-case.h"
#include "rd-policy.h"
#include "rd-store.h"
#include "rd-case-workflow.h"
#include "rd-operators.h"

G_BEGIN_DECLS

/* Applies event to case id. The case's own facts (kind, amounts, creator,
 * currency, payouts so far, evidence) are read from the ledger and override
 * those in facts; facts carries what the user gives with the event (approver,
 * approved_amount when approving, refusal reason, condition, payout amount,
 * shipped, intercept settled, return in transit). facts->operator is
 * ignored: operator acts.
 *
 * Who may: operator's role must allow the step (rd_operators_check: approve,
 * refuse, pay out — ready for payout, payout, arrival —, intercept, scan for
 * mark returned, edit for the rest). Approving: the approver (facts->approver,
 * else operator) has the approver or admin role; when what the order is
 * refunded in all (rd_case_store_get_refunded_on_order plus this approval)
 * is at or above the review threshold they did not create the case nor
 * propose its amount
 * (proposed_by) and facts->approver_pin is theirs, checked in the same
 * transaction (also whenever the approver is not operator). The case needs a
 * stored breakdown or facts->no_breakdown_reason (audited as
 * approve · no_breakdown_reason), and the amount may not be negative nor
 * above rd_case_store_get_refundable. The approval's entries are the
 * approver's: they proved who they are, whoever sits at the desk. A wrong
 * approver PIN is recorded (rd_operators_note_wrong_pin) once the
 * transaction is rolled back.
 *
 * Sets with the status: approve → approved_by, approved_amount; refuse →
 * refusal_reason, resolution refused; withdraw → resolution withdrawn;
 * record_payout → a payout row (today, the case's refund route), and when
 * paid, paid_at and expected_arrival (latest working day for the payment
 * method); close → closed_at; reopen → clears refusal and resolution.
 * Errors: RD_WORKFLOW_ERROR, RD_CASE_STORE_ERROR, RD_PAYOUTS_ERROR, store. */
gboolean   rd_case_store_transition      (RdStore                *store,
                                          gint64                  id,
                                          RdWorkflowEvent         event,
                                          const RdWorkflowFacts  *facts,
                                          const RdPolicy         *policy,
                                          const char             *operator,
                                          GError                **error);

/* What is left to refund on the case's order: its amount paid minus the
 * refunds approved on the other cases of the same channel and order number
 * in the same currency (refused and withdrawn ones aside); never below 0.
 * The most an approval of this case may grant. */
gboolean   rd_case_store_get_refundable  (RdStore                *store,
                                          gint64                  id,
                                          gint64                 *left,
                                          GError                **error);

/* What the other cases of the case's order were approved to refund (same
 * channel, order number and currency; refused and withdrawn ones aside):
 * with an approval of this case, what the review threshold is held to. */
gboolean   rd_case_store_get_refunded_on_order (RdStore          *store,
                                                gint64            id,
                                                gint64           *refunded,
                                                GError          **error);

/* record_payout with an explicit route id and date (YYYY-MM-DD). */
gboolean   rd_case_store_record_payout   (RdStore                *store,
                                          gint64                  id,
                                          gint64                  amount,
                                          const char             *route,
                                          const char             *paid_on,
                                          const RdPolicy         *policy,
                                          const char             *operator,
                                          GError                **error);

/* requested_at + the channel's auto-refund hours; 0 when requested_at is 0. */
gint64     rd_case_compute_platform_deadline (const RdCase       *rcase,
                                              const RdPolicy     *policy);

/* The ids (gint64) of the open cases whose platform deadline is at or
 * before now + within_seconds and after now - passed_seconds (those that
 * passed less than that ago), soonest first: the deadline notifications.
 * Reads the open-deadline index only. */
GArray    *rd_case_store_list_due        (RdStore                *store,
                                          gint64                  now,
                                          gint64                  within_seconds,
                                          gint64                  passed_seconds,
                                          GError                **error);

/* Paid cases whose expected arrival (latest day) is before today
 * (YYYY-MM-DD): follow up with the buyer or the bank. Oldest first.
 * Array of RdCase*. */
GPtrArray *rd_case_store_list_follow_up  (RdStore                *store,
                                          const char             *today,
                                          GError                **error);

/* What a role must be allowed to do a workflow step (the check the store
 * makes before writing it): the UI shows a step's button only then. */
RdAction   rd_case_store_event_action    (RdWorkflowEvent         event);

G_END_DECLS
