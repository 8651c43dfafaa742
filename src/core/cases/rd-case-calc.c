/* rd-case-calc.c
 *
 * The calculator's input for a case (see rd-case-calc.h). The refunds of
 * the other cases of an order are read with the index cases_channel_order.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rd-case-calc.h"
#include "rd-shop-lists.h"

/* The statuses of a case whose refund was approved: from approved on.
 * A closed case counts unless it was refused or withdrawn (its resolution). */
static const RdCaseStatus approved_statuses[] = {
  RD_CASE_STATUS_APPROVED,
  RD_CASE_STATUS_AWAITING_RETURN,
  RD_CASE_STATUS_RETURNED,
  RD_CASE_STATUS_INTERCEPTING,
  RD_CASE_STATUS_AWAITING_PAYOUT,
  RD_CASE_STATUS_PAID,
  RD_CASE_STATUS_ARRIVED,
  RD_CASE_STATUS_CLOSED,
};

static const char refunded_sql[] =
  "SELECT approved_amount FROM cases"
  " WHERE channel = ?1 AND order_no = ?2 AND id != ?3 AND currency = ?4"
  "   AND approved_amount > 0"
  "   AND status IN (?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
  "   AND coalesce(resolution, '') NOT IN (?13, ?14)";

static const RdCurrency *
case_currency (const RdCase *rcase)
{
  const RdCurrency *currency = NULL;

  if (rcase->currency != NULL)
    currency = rd_currency_lookup (rcase->currency);

  return currency != NULL ? currency : rd_currency_default ();
}

gboolean
rd_case_calc_is_shipped (RdRefundKind kind)
{
  return kind != RD_REFUND_KIND_REFUND_ONLY_UNSHIPPED && kind != RD_REFUND_KIND_NONE;
}

gboolean
rd_case_calc_is_merchant_fault (GSettings  *settings,
                                const char *reason_id)
{
  return rd_lists_get_reason_fault (settings, reason_id) == RD_FAULT_MERCHANT;
}

gboolean
rd_case_calc_refunded_on_order (RdStore       *store,
                                const RdCase  *rcase,
                                gint64        *refunded,
                                GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int param = 5;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (rcase != NULL, FALSE);
  g_return_val_if_fail (refunded != NULL, FALSE);

  *refunded = 0;
  if (rcase->channel == NULL || rcase->order_no == NULL)
    return TRUE;

  stmt = rd_store_prepare (store, refunded_sql, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, rcase->channel, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, rcase->order_no, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, rcase->id);
  sqlite3_bind_text (stmt, 4, case_currency (rcase)->code, -1, SQLITE_STATIC);
  for (guint i = 0; i < G_N_ELEMENTS (approved_statuses); i++)
    sqlite3_bind_text (stmt, param++, rd_case_status_to_id (approved_statuses[i]), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, param++, rd_resolution_to_id (RD_RESOLUTION_REFUSED), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, param++, rd_resolution_to_id (RD_RESOLUTION_WITHDRAWN), -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!rd_money_add (*refunded, sqlite3_column_int64 (stmt, 0), refunded, error))
      {
        *refunded = 0;
        return FALSE;
      }
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (store, rc, error);
      *refunded = 0;
      return FALSE;
    }

  return TRUE;
}

gboolean
rd_case_calc_fill_order (RdStore       *store,
                         GSettings     *settings,
                         const RdCase  *rcase,
                         RdCalcInput   *input,
                         GError       **error)
{
  gint64 refunded_before;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), FALSE);
  g_return_val_if_fail (rcase != NULL, FALSE);
  g_return_val_if_fail (input != NULL, FALSE);

  if (!rd_case_calc_refunded_on_order (store, rcase, &refunded_before, error))
    return FALSE;

  g_free (input->currency);
  input->currency = g_strdup (case_currency (rcase)->code);
  g_free (input->exchange_rate);
  input->exchange_rate = rcase->exchange_rate != NULL && *rcase->exchange_rate != '\0'
                         ? g_strdup (rcase->exchange_rate) : NULL;
  input->shipped = rd_case_calc_is_shipped (rcase->kind);
  input->merchant_fault = rd_case_calc_is_merchant_fault (settings, rcase->reason);
  input->refunded_before = refunded_before;

  g_date_clear (&input->refund_date, 1);
  if (rcase->requested_at > 0)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (rcase->requested_at);
      g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

      if (local != NULL)
        g_date_set_dmy (&input->refund_date, g_date_time_get_day_of_month (local),
                        g_date_time_get_month (local), g_date_time_get_year (local));
    }

  return TRUE;
}

RdCalcInput *
rd_case_calc_input_new (RdStore       *store,
                        GSettings     *settings,
                        const RdCase  *rcase,
                        GError       **error)
{
  g_autoptr(RdCalcInput) input = rd_calc_input_new ();
  g_autofree char *name = NULL;
  RdCalcLine *line;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (rcase != NULL, NULL);

  if (!rd_case_calc_fill_order (store, settings, rcase, input, error))
    return NULL;

  /* Translators: the one line of the calculator for a case's whole order. */
  name = g_strdup_printf (_("Order %s"), rcase->order_no != NULL ? rcase->order_no : "");
  line = rd_calc_input_add_line (input, NULL, name, rcase->amount_paid, 1);
  line->refund_quantity = 1;

  return g_steal_pointer (&input);
}
