/* rd-case-approval.c
 *
 * Who may move a case, and the approval that holds (issue 10): the role of
 * each workflow step, the approver proven by their PIN at or above the
 * review threshold (not the creator, not the proposer; the threshold
 * applies to what the whole order is refunded), a breakdown or a
 * reason why not, and an amount not above what is left to refund on the
 * order. Called by the case store inside the transition's transaction.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rd-case-store.h"
#include "rd-case-store-private.h"
#include "rd-case-store-workflow.h"
#include "rd-money.h"
#include "rd-operators.h"

static char *
format_amount (const RdCase *rcase,
               gint64        amount)
{
  const RdCurrency *currency = rd_currency_lookup (rcase->currency);

  return rd_money_format (amount, currency != NULL ? currency : rd_currency_default ());
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

/* The refunds approved on other cases of the same order, in its currency. */
static gboolean
sum_other_refunds (RdStore       *store,
                   const RdCase  *rcase,
                   gint64        *sum,
                   GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = rd_store_prepare (store,
                           "SELECT coalesce (sum (approved_amount), 0) FROM cases"
                           " WHERE channel = ?1 AND order_no = ?2 AND id <> ?3"
                           " AND currency = ?4 AND approved_by IS NOT NULL AND approved_amount > 0"
                           " AND (resolution IS NULL OR resolution NOT IN ('refused', 'withdrawn'))",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, rcase->channel != NULL ? rcase->channel : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, rcase->order_no != NULL ? rcase->order_no : "", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, rcase->id);
  sqlite3_bind_text (stmt, 4, rcase->currency != NULL ? rcase->currency : "CNY", -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      rd_store_set_error_from_db (store, rc, error);
      return FALSE;
    }
  *sum = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static gboolean
refunded_on_order (RdStore       *store,
                   const RdCase  *rcase,
                   gint64        *others,
                   GError       **error)
{
  *others = 0;
  return rcase->order_no == NULL || *rcase->order_no == '\0' ||
         sum_other_refunds (store, rcase, others, error);
}

static gboolean
refundable_left (RdStore       *store,
                 const RdCase  *rcase,
                 gint64        *left,
                 GError       **error)
{
  gint64 others = 0;

  if (!refunded_on_order (store, rcase, &others, error))
    return FALSE;
  *left = MAX (rcase->amount_paid - others, 0);
  return TRUE;
}

RdAction
_rd_case_event_action (RdWorkflowEvent event)
{
  switch (event)
    {
    case RD_WORKFLOW_EVENT_APPROVE:
      return RD_ACTION_APPROVE;
    case RD_WORKFLOW_EVENT_REFUSE:
      return RD_ACTION_REFUSE;
    case RD_WORKFLOW_EVENT_READY_FOR_PAYOUT:
    case RD_WORKFLOW_EVENT_RECORD_PAYOUT:
    case RD_WORKFLOW_EVENT_CONFIRM_ARRIVAL:
      return RD_ACTION_PAY_OUT;
    case RD_WORKFLOW_EVENT_START_INTERCEPT:
      return RD_ACTION_INTERCEPT;
    case RD_WORKFLOW_EVENT_MARK_RETURNED:
      return RD_ACTION_SCAN;
    case RD_WORKFLOW_EVENT_WITHDRAW:
    case RD_WORKFLOW_EVENT_REQUEST_RETURN:
    case RD_WORKFLOW_EVENT_CLOSE:
    case RD_WORKFLOW_EVENT_REOPEN:
    case RD_WORKFLOW_N_EVENTS:
    default:
      return RD_ACTION_EDIT_CASE;
    }
}

gboolean
_rd_case_approval_check (RdStore                *store,
                         const RdCase           *rcase,
                         const RdWorkflowFacts  *facts,
                         const RdPolicy         *policy,
                         const char             *operator,
                         GError                **error)
{
  const char *approver = !is_blank (facts->approver) ? facts->approver : operator;
  gboolean review;
  gint64 others = 0;
  gint64 order_total;
  gint64 left;

  /* The threshold is for what the order gets back in all: two cases of
   * ¥999 and ¥581 on one order are ¥1,580 to review. */
  if (!refunded_on_order (store, rcase, &others, error))
    return FALSE;
  if (!rd_money_add (others, MAX (facts->approved_amount, 0), &order_total, NULL))
    order_total = G_MAXINT64;
  review = rd_policy_needs_review (policy, order_total);

  if (!rd_operators_check (store, approver, RD_ACTION_APPROVE, error))
    return FALSE;
  /* Someone else's name typed at this desk: the desk's operator must be
   * one of the shop's too. */
  if (g_strcmp0 (approver, operator) != 0 &&
      !rd_operators_check (store, operator, RD_ACTION_READ, error))
    return FALSE;

  if (review)
    {
      g_autofree char *amount = format_amount (rcase, order_total);

      if (g_strcmp0 (approver, rcase->created_by) == 0)
        {
          g_set_error (error, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_NEEDS_SECOND_APPROVER,
                       _("Approving %s needs a second operator: %s created this case."),
                       amount, approver);
          return FALSE;
        }
      if (g_strcmp0 (approver, rcase->proposed_by) == 0)
        {
          g_set_error (error, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_NEEDS_SECOND_APPROVER,
                       _("Approving %s needs a second operator: %s proposed this amount."),
                       amount, approver);
          return FALSE;
        }
    }

  /* At or above the threshold, and whenever the approver is not the one at
   * the desk, they prove who they are now. */
  if ((review || g_strcmp0 (approver, operator) != 0) &&
      !rd_operators_verify_pin (store, approver, facts->approver_pin, error))
    return FALSE;

  if (is_blank (rcase->breakdown) && is_blank (facts->no_breakdown_reason))
    {
      g_set_error_literal (error, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_NEEDS_BREAKDOWN,
                           _("Apply the calculator’s breakdown first, or say why this case is approved without one."));
      return FALSE;
    }

  if (facts->approved_amount < 0)
    {
      g_set_error_literal (error, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_AMOUNT,
                           _("The refund cannot be negative."));
      return FALSE;
    }
  if (!refundable_left (store, rcase, &left, error))
    return FALSE;
  if (facts->approved_amount > left)
    {
      g_autofree char *approved = format_amount (rcase, facts->approved_amount);
      g_autofree char *rest = format_amount (rcase, left);

      g_set_error (error, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_AMOUNT,
                   _("The approved amount %s is more than the %s left to refund on this order."),
                   approved, rest);
      return FALSE;
    }

  return TRUE;
}

gboolean
rd_case_store_get_refundable (RdStore  *store,
                              gint64    id,
                              gint64   *left,
                              GError  **error)
{
  g_autoptr(RdCase) rcase = NULL;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (left != NULL, FALSE);

  rcase = rd_case_store_get (store, id, error);
  if (rcase == NULL)
    return FALSE;
  return refundable_left (store, rcase, left, error);
}

gboolean
rd_case_store_get_refunded_on_order (RdStore  *store,
                                     gint64    id,
                                     gint64   *refunded,
                                     GError  **error)
{
  g_autoptr(RdCase) rcase = NULL;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (refunded != NULL, FALSE);

  rcase = rd_case_store_get (store, id, error);
  if (rcase == NULL)
    return FALSE;
  return refunded_on_order (store, rcase, refunded, error);
}
