/* rd-calc-compute.c
 *
 * rd_calc_compute(): validates an order and applies the refund rules of
 * docs/calc.md, in integer minor units. The breakdown rows add
 * up to the total; rows that only explain (exchange, instalments, a shipping
 * fee that is not refunded) carry 0.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-calc.h"
#include "rd-calc-private.h"

#define MAX_INSTALMENTS 1000

/* Helpers */

static gboolean
check_not_negative (gint64       value,
                    const char  *field,
                    GError     **error)
{
  if (value < 0)
    {
      _rd_calc_set_field_error (error, RD_CALC_ERROR_NEGATIVE, field, _("must not be negative"));
      return FALSE;
    }
  return TRUE;
}

/* Validation */

static gboolean
validate_lines (Calc    *calc,
                GError **error)
{
  const RdCalcInput *input = calc->input;

  if (input->lines->len == 0)
    {
      _rd_calc_set_field_error (error, RD_CALC_ERROR_INVALID, "lines", _("an order needs at least one line"));
      return FALSE;
    }

  for (guint i = 0; i < input->lines->len; i++)
    {
      const RdCalcLine *line = g_ptr_array_index (input->lines, i);
      g_autofree char *f_price = g_strdup_printf ("lines[%u].unit_price", i);
      g_autofree char *f_quantity = g_strdup_printf ("lines[%u].quantity", i);
      g_autofree char *f_discount = g_strdup_printf ("lines[%u].line_discount", i);
      g_autofree char *f_refunded = g_strdup_printf ("lines[%u].refunded_quantity", i);
      g_autofree char *f_refund = g_strdup_printf ("lines[%u].refund_quantity", i);
      gint64 goods;
      gint64 left;

      if (!check_not_negative (line->unit_price, f_price, error) ||
          !check_not_negative (line->quantity, f_quantity, error) ||
          !check_not_negative (line->line_discount, f_discount, error) ||
          !check_not_negative (line->refunded_quantity, f_refunded, error) ||
          !check_not_negative (line->refund_quantity, f_refund, error))
        return FALSE;

      if (line->quantity == 0)
        {
          _rd_calc_set_field_error (error, RD_CALC_ERROR_INVALID, f_quantity, _("must be at least 1"));
          return FALSE;
        }

      if (line->refunded_quantity > line->quantity)
        {
          g_autofree char *a = _rd_calc_number (line->refunded_quantity);
          g_autofree char *b = _rd_calc_number (line->quantity);
          g_autofree char *message = g_strdup_printf (_("%s is more than the quantity ordered (%s)"), a, b);
          _rd_calc_set_field_error (error, RD_CALC_ERROR_QUANTITY, f_refunded, message);
          return FALSE;
        }

      left = line->quantity - line->refunded_quantity;
      if (line->refund_quantity > left)
        {
          g_autofree char *a = _rd_calc_number (line->refund_quantity);
          g_autofree char *b = _rd_calc_number (left);
          g_autofree char *message = g_strdup_printf (_("%s is more than the %s left to refund"), a, b);
          _rd_calc_set_field_error (error, RD_CALC_ERROR_QUANTITY, f_refund, message);
          return FALSE;
        }

      if (!_rd_calc_check_overflow (rd_money_mul (line->unit_price, line->quantity, &goods, NULL), f_price, error))
        return FALSE;

      if (line->line_discount > goods)
        {
          g_autofree char *a = _rd_calc_money (calc, line->line_discount);
          g_autofree char *b = _rd_calc_money (calc, goods);
          g_autofree char *message = g_strdup_printf (_("the discount %s is more than the line’s goods (%s)"), a, b);
          _rd_calc_set_field_error (error, RD_CALC_ERROR_DISCOUNT, f_discount, message);
          return FALSE;
        }

      if (!_rd_calc_check_overflow (rd_money_add (calc->goods_gross, goods - line->line_discount,
                                                  &calc->goods_gross, NULL), f_price, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
validate_discounts (Calc    *calc,
                    GError **error)
{
  const RdCalcInput *input = calc->input;

  for (guint i = 0; i < input->discounts->len; i++)
    {
      const RdCalcDiscount *discount = g_ptr_array_index (input->discounts, i);
      g_autofree char *field = g_strdup_printf ("discounts[%u].amount", i);

      if (!check_not_negative (discount->amount, field, error) ||
          !_rd_calc_check_overflow (rd_money_add (calc->discounts_total, discount->amount,
                                                  &calc->discounts_total, NULL), field, error))
        return FALSE;

      if (calc->discounts_total > calc->goods_gross)
        {
          g_autofree char *a = _rd_calc_money (calc, calc->discounts_total);
          g_autofree char *b = _rd_calc_money (calc, calc->goods_gross);
          g_autofree char *message = g_strdup_printf (_("the order discounts (%s) are more than the goods (%s)"), a, b);
          _rd_calc_set_field_error (error, RD_CALC_ERROR_DISCOUNT, field, message);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
validate_order (Calc    *calc,
                GError **error)
{
  const RdCalcInput *input = calc->input;
  gboolean any_date;

  if (!check_not_negative (input->shipping_paid, "shipping_paid", error) ||
      !check_not_negative (input->refunded_before, "refunded_before", error) ||
      !check_not_negative (input->return_shipping, "return_shipping", error) ||
      !check_not_negative (input->compensation, "compensation", error))
    return FALSE;

  for (guint i = 0; i < input->deductions->len; i++)
    {
      const RdCalcDeduction *deduction = g_ptr_array_index (input->deductions, i);
      g_autofree char *field = g_strdup_printf ("deductions[%u].amount", i);

      if (!check_not_negative (deduction->amount, field, error) ||
          !_rd_calc_check_overflow (rd_money_add (calc->deductions_total, deduction->amount,
                                                  &calc->deductions_total, NULL), field, error))
        return FALSE;
    }

  if (input->instalments < 1 || input->instalments > MAX_INSTALMENTS)
    {
      g_autofree char *message = g_strdup_printf (_("must be between 1 and %d"), MAX_INSTALMENTS);
      _rd_calc_set_field_error (error, RD_CALC_ERROR_INVALID, "instalments", message);
      return FALSE;
    }

  any_date = g_date_valid (&input->subscription_start) ||
             g_date_valid (&input->subscription_end) ||
             g_date_valid (&input->subscription_refund_date);
  if (any_date)
    {
      const char *missing = NULL;

      if (!g_date_valid (&input->subscription_start))
        missing = "subscription.start";
      else if (!g_date_valid (&input->subscription_end))
        missing = "subscription.end";
      else if (!g_date_valid (&input->subscription_refund_date))
        missing = "subscription.refund_date";

      if (missing != NULL)
        {
          _rd_calc_set_field_error (error, RD_CALC_ERROR_INVALID, missing,
                                    _("a subscription needs a start, an end and a refund date"));
          return FALSE;
        }

      if (g_date_compare (&input->subscription_end, &input->subscription_start) <= 0)
        {
          _rd_calc_set_field_error (error, RD_CALC_ERROR_INVALID, "subscription.end",
                                    _("the end must be after the start"));
          return FALSE;
        }
    }

  if (g_date_valid (&input->delivered_date) && g_date_valid (&input->refund_date) &&
      g_date_compare (&input->refund_date, &input->delivered_date) < 0)
    {
      _rd_calc_set_field_error (error, RD_CALC_ERROR_INVALID, "refund_date",
                                _("the refund date is before the delivery date"));
      return FALSE;
    }

  return TRUE;
}

RdCalcResult *
rd_calc_compute (const RdCalcInput  *input,
                 const RdCalcPolicy *policy,
                 GError            **error)
{
  g_autoptr(RdCalcResult) result = NULL;
  g_autofree gint64 *gross_refund = NULL;
  g_autofree gint64 *net_refund = NULL;
  Calc calc = { 0, };
  gint64 subtotal;

  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (policy != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  calc.input = input;
  calc.policy = policy;
  calc.currency = rd_currency_lookup (input->currency != NULL ? input->currency : "CNY");
  if (calc.currency == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a currency Refund Desk knows"), input->currency);
      _rd_calc_set_field_error (error, RD_CALC_ERROR_UNKNOWN_CURRENCY, "currency", message);
      return NULL;
    }

  if (input->exchange_rate != NULL)
    {
      if (!rd_calc_parse_rate (input->exchange_rate, &calc.rate_micro, error))
        return NULL;
      calc.has_rate = TRUE;
    }

  if (!validate_lines (&calc, error) ||
      !validate_discounts (&calc, error) ||
      !validate_order (&calc, error))
    return NULL;

  result = _rd_calc_result_new (calc.currency);
  calc.result = result;
  calc.gross_refund = gross_refund = g_new0 (gint64, input->lines->len);
  calc.net_refund = net_refund = g_new0 (gint64, input->lines->len);

  if (!_rd_calc_spread_discounts (&calc, error))
    return NULL;

  if (!_rd_calc_check_overflow (rd_money_add (result->paid, input->shipping_paid, &result->paid, NULL),
                                "shipping_paid", error))
    return NULL;

  if (input->refunded_before > result->paid)
    {
      g_autofree char *a = _rd_calc_money (&calc, input->refunded_before);
      g_autofree char *b = _rd_calc_money (&calc, result->paid);
      g_autofree char *message = g_strdup_printf (_("%s is more than the %s paid for the order"), a, b);
      _rd_calc_set_field_error (error, RD_CALC_ERROR_INVALID, "refunded_before", message);
      return NULL;
    }

  if (input->has_compensation)
    {
      result->total = _rd_calc_compensate (&calc);
    }
  else
    {
      if (!_rd_calc_refund_goods (&calc, error) ||
          !_rd_calc_prorate_subscription (&calc, error))
        return NULL;

      _rd_calc_refund_shipping (&calc);
      _rd_calc_apply_deductions (&calc);

      /* Each term is at most the order's paid amount or a checked sum. */
      if (!_rd_calc_check_overflow (rd_money_add (result->goods_refund, result->shipping_refund, &subtotal, NULL) &&
                                    rd_money_sub (subtotal, result->deductions_total, &subtotal, NULL),
                                    "deductions", error))
        return NULL;

      subtotal = _rd_calc_apply_caps (&calc, subtotal, RD_CALC_WARNING_CAPPED_PAID);
      if (!_rd_calc_check_overflow (rd_money_add (subtotal, _rd_calc_reimburse_return_shipping (&calc), &result->total, NULL),
                                    "return_shipping", error))
        return NULL;
    }

  if (!_rd_calc_convert_and_split (&calc, error))
    return NULL;

  _rd_calc_add_policy_warnings (&calc);

  return g_steal_pointer (&result);
}
