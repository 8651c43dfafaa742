/* rd-case-workflow.h
 *
 * The refund case's state machine (docs/design.md, "The refund case") as
 * a pure function: no database, no clock, no settings. Everything a rule
 * needs arrives in RdWorkflowFacts and RdPolicy.
 */
#pragma once

#include <glib.h>

#include "rd-case-types.h"
#include "rd-policy.h"

G_BEGIN_DECLS

#define RD_WORKFLOW_ERROR (rd_workflow_error_quark ())

typedef enum
{
  RD_WORKFLOW_ERROR_NOT_NOW,              /* the event does not apply in this state or route */
  RD_WORKFLOW_ERROR_NEEDS_REASON,         /* refusing without a refusal reason */
  RD_WORKFLOW_ERROR_NEEDS_SECOND_APPROVER,
  RD_WORKFLOW_ERROR_NEEDS_EVIDENCE,
  RD_WORKFLOW_ERROR_WAIT_FOR_RESULT,      /* high-ticket: intercept or inspection result first */
  RD_WORKFLOW_ERROR_NEEDS_CONDITION,      /* marking returned without the inspected condition */
  RD_WORKFLOW_ERROR_AMOUNT,               /* approved amount or payouts do not add up */
  RD_WORKFLOW_ERROR_NEEDS_BREAKDOWN,      /* approving without a breakdown and without saying why */
} RdWorkflowError;

typedef enum
{
  RD_WORKFLOW_EVENT_APPROVE,
  RD_WORKFLOW_EVENT_REFUSE,
  RD_WORKFLOW_EVENT_WITHDRAW,
  RD_WORKFLOW_EVENT_START_INTERCEPT,
  RD_WORKFLOW_EVENT_REQUEST_RETURN,
  RD_WORKFLOW_EVENT_MARK_RETURNED,
  RD_WORKFLOW_EVENT_READY_FOR_PAYOUT,
  RD_WORKFLOW_EVENT_RECORD_PAYOUT,
  RD_WORKFLOW_EVENT_CONFIRM_ARRIVAL,
  RD_WORKFLOW_EVENT_CLOSE,
  RD_WORKFLOW_EVENT_REOPEN,
  RD_WORKFLOW_N_EVENTS,
} RdWorkflowEvent;

/* The inspected condition of a returned parcel. */
typedef enum
{
  RD_RETURN_CONDITION_NONE,
  RD_RETURN_CONDITION_INTACT,
  RD_RETURN_CONDITION_DAMAGED,
  RD_RETURN_CONDITION_PARTS_MISSING,
  RD_RETURN_CONDITION_N,
} RdReturnCondition;

typedef struct
{
  RdRefundKind       kind;
  gboolean           shipped;            /* the goods left the shop (also when the platform does not know yet) */
  gint64             amount;             /* what the buyer asks for, minor units */
  gint64             approved_amount;    /* what the shop refunds; 0 until approved */
  const char        *currency;           /* ISO code for messages; NULL = CNY */
  const char        *exchange_rate;      /* the case's rate, CNY per unit (the high-ticket
                                          * threshold is yuan: rd_policy_classify_ticket) */
  const char        *created_by;
  const char        *operator;           /* who acts now */
  const char        *approver;           /* approve: the approving operator; NULL = operator */
  const char        *approver_pin;       /* approve: their PIN, checked by the case store at or
                                          * above the review threshold and when approver is
                                          * not the operator */
  const char        *no_breakdown_reason; /* approve without a stored breakdown: why (audited) */
  RdRefusalReason    refusal_reason;     /* refuse (rd-case-types.h) */
  RdReturnCondition  return_condition;   /* mark_returned */
  gboolean           return_in_transit;  /* the return parcel is picked up and moving */
  gboolean           intercept_settled;  /* the intercept has a final result */
  gboolean           evidence_complete;  /* close: no required evidence item missing */
  gint64             payouts_sum;        /* the payouts recorded so far */
  gint64             payout_amount;      /* record_payout: the new instalment */
} RdWorkflowFacts;

GQuark            rd_workflow_error_quark          (void);

/* Applies event to a case in state from. On success *to is the new state
 * (record_payout may stay in awaiting_payout while instalments remain).
 * On failure the error is a sentence for the shop owner. */
gboolean          rd_workflow_apply                (RdCaseStatus            from,
                                                    RdWorkflowEvent         event,
                                                    const RdWorkflowFacts  *facts,
                                                    const RdPolicy         *policy,
                                                    RdCaseStatus           *to,
                                                    GError                **error);

/* The events that the state and the case's route allow now, in enum order:
 * what the UI offers. Inputs the user gives with the event (refusal reason,
 * condition, payout, the approving operator, evidence) are not judged here;
 * rd_workflow_apply explains what is missing. Array of RdWorkflowEvent. */
GArray           *rd_workflow_available_events     (RdCaseStatus            from,
                                                    const RdWorkflowFacts  *facts,
                                                    const RdPolicy         *policy);

/* Stable ids ("approve", "mark_returned", …) for the audit log and the CLI. */
const char       *rd_workflow_event_to_id          (RdWorkflowEvent         event);
gboolean          rd_workflow_event_from_id        (const char             *id,
                                                    RdWorkflowEvent        *event);
/* Translated button label: "Approve", "Mark returned", … */
const char       *rd_workflow_event_to_label       (RdWorkflowEvent         event);

const char       *rd_return_condition_to_id        (RdReturnCondition       condition);
gboolean          rd_return_condition_from_id      (const char             *id,
                                                    RdReturnCondition      *condition);
const char       *rd_return_condition_to_label     (RdReturnCondition       condition);

G_END_DECLS
