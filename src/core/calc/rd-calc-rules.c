/* rd-calc-rules.c
 *
 * The refund rules, each a step of rd_calc_compute() that adds its breakdown
 * rows and warnings: discount spread, cumulative partial refunds,
 * subscription proration, shipping, deductions, caps, return shipping,
 * compensation, exchange rate, instalments and the policy warnings.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-calc-private.h"

/* An amount in the order's currency, in fen at the order's rate. */
static gboolean
to_cny (const Calc *calc,
        gint64      amount,
        gint64     *out,
        GError    **error)
{
  gint64 denominator = 1000000;

  for (guint i = 0; i < calc->currency->exponent; i++)
    denominator *= 10;

  return rd_money_mul_div (amount, calc->rate_micro * 100, denominator,
                           RD_ROUND_HALF_AWAY_FROM_ZERO, out, error);
}

/* A CNY amount from the policy, in the order's minor units: converted at the
 * rate when there is one (down, so a cap is never exceeded), else as it is. */
static gint64
policy_amount (const Calc *calc,
               gint64      fen)
{
  gint64 numerator = 1000000;
  gint64 out;

  if (!calc->has_rate)
    return fen;

  for (guint i = 0; i < calc->currency->exponent; i++)
    numerator *= 10;

  if (!rd_money_mul_div (fen, numerator, calc->rate_micro * 100, RD_ROUND_FLOOR, &out, NULL))
    return G_MAXINT64;

  return out;
}
/* Rules */

gboolean
_rd_calc_spread_discounts (Calc    *calc,
                           GError **error)
{
  const RdCalcInput *input = calc->input;
  guint n = input->lines->len;
  g_autofree gint64 *weights = g_new0 (gint64, n);
  g_autofree gint64 *shares = g_new0 (gint64, n);

  for (guint i = 0; i < n; i++)
    {
      const RdCalcLine *line = g_ptr_array_index (input->lines, i);
      weights[i] = line->unit_price * line->quantity - line->line_discount;
    }

  if (!_rd_calc_check_overflow (rd_money_allocate (calc->discounts_total, weights, n, shares, NULL),
                                "discounts", error))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      const RdCalcLine *line = g_ptr_array_index (input->lines, i);
      RdCalcLineResult *out = g_new0 (RdCalcLineResult, 1);

      out->sku = g_strdup (line->sku);
      out->name = g_strdup (line->name);
      out->gross = weights[i];
      out->discount_share = shares[i];
      out->net = weights[i] - shares[i];
      g_ptr_array_add (calc->result->lines, out);
      calc->result->paid += out->net;
    }

  return TRUE;
}

/* floor (amount × k / quantity): the cumulative share of k units. */
static gboolean
cumulative_share (gint64   amount,
                  gint64   k,
                  gint64   quantity,
                  gint64  *out)
{
  return rd_money_mul_div (amount, k, quantity, RD_ROUND_FLOOR, out, NULL);
}

static char *
explain_goods (Calc             *calc,
               const RdCalcLine *line,
               guint             index,
               gint64            gross,
               gint64            refund)
{
  g_autofree char *label = _rd_calc_line_label (line, index);
  g_autofree char *unit = _rd_calc_money (calc, line->unit_price);
  g_autofree char *quantity = _rd_calc_number (line->quantity);
  g_autofree char *gross_text = _rd_calc_money (calc, gross);
  g_autofree char *refund_text = _rd_calc_money (calc, refund);
  g_autofree char *goods = NULL;
  g_autofree char *how = NULL;

  if (line->line_discount > 0)
    {
      g_autofree char *discount = _rd_calc_money (calc, line->line_discount);
      /* Translators: “T-shirt”: ¥100.00 × 3 less a line discount of ¥10.00 = ¥290.00. */
      goods = g_strdup_printf (_("%s: %s × %s less a line discount of %s = %s."),
                               label, unit, quantity, discount, gross_text);
    }
  else
    {
      goods = g_strdup_printf (_("%s: %s × %s = %s."), label, unit, quantity, gross_text);
    }

  if (line->refunded_quantity == 0 && line->refund_quantity == line->quantity)
    {
      how = g_strdup_printf (_("All of it is refunded: %s."), refund_text);
    }
  else
    {
      g_autofree char *k = _rd_calc_number (line->refunded_quantity + line->refund_quantity);
      g_autofree char *now = _rd_calc_number (line->refund_quantity);
      g_autofree char *before = _rd_calc_number (line->refunded_quantity);
      /* Translators: partial refund of a line; the formula makes every
       * sequence of partial refunds add up exactly to the line. */
      how = g_strdup_printf (_("Refunding %s now, %s before: floor(%s × %s ÷ %s) − floor(%s × %s ÷ %s) = %s; partial refunds of a line always add up exactly to the line."),
                             now, before, gross_text, k, quantity, gross_text, before, quantity, refund_text);
    }

  /* Translators: two sentences one after the other. */
  return g_strdup_printf (C_("two sentences", "%s %s"), goods, how);
}

static char *
explain_discounts (Calc   *calc,
                   gint64  amount)
{
  const RdCalcInput *input = calc->input;
  g_autoptr(GString) list = g_string_new (NULL);
  g_autoptr(GString) shares = g_string_new (NULL);
  g_autofree char *total = _rd_calc_money (calc, calc->discounts_total);
  g_autofree char *part = _rd_calc_money (calc, -amount);
  g_autofree char *text = NULL;
  gint64 platform = 0;

  for (guint i = 0; i < input->discounts->len; i++)
    {
      const RdCalcDiscount *discount = g_ptr_array_index (input->discounts, i);
      g_autofree char *value = _rd_calc_money (calc, discount->amount);

      if (list->len > 0)
        g_string_append (list, _(", "));
      g_string_append_printf (list, "%s %s", discount->name ? discount->name : "", value);
      if (discount->platform_funded)
        platform += discount->amount;
    }

  for (guint i = 0; i < calc->result->lines->len; i++)
    {
      const RdCalcLineResult *line = g_ptr_array_index (calc->result->lines, i);
      g_autofree char *label = _rd_calc_line_label (g_ptr_array_index (input->lines, i), i);
      g_autofree char *value = _rd_calc_money (calc, line->discount_share);

      if (shares->len > 0)
        g_string_append (shares, _(", "));
      g_string_append_printf (shares, "%s %s", label, value);
    }

  /* Translators: order discounts ¥5.00 (coupon ¥5.00) spread as “A” ¥1.99, “B” ¥3.01; ¥1.99 of it on what is refunded now. */
  text = g_strdup_printf (_("Order discounts of %s (%s) are spread over the lines in proportion to their amounts, by the largest remainder: %s. The part on the goods refunded now, %s, is not refunded."),
                          total, list->str, shares->str, part);

  if (platform > 0)
    {
      g_autofree char *value = _rd_calc_money (calc, platform);
      g_autofree char *more = g_strdup_printf (_("Of the discounts, %s was funded by the platform; the platform takes its share back itself."), value);
      char *joined = g_strdup_printf (C_("two sentences", "%s %s"), text, more);
      g_free (text);
      text = joined;
    }

  return g_steal_pointer (&text);
}

gboolean
_rd_calc_refund_goods (Calc    *calc,
                       GError **error)
{
  const RdCalcInput *input = calc->input;
  gint64 gross_total = 0;
  gint64 net_total = 0;

  for (guint i = 0; i < input->lines->len; i++)
    {
      const RdCalcLine *line = g_ptr_array_index (input->lines, i);
      RdCalcLineResult *out = g_ptr_array_index (calc->result->lines, i);
      gint64 before = line->refunded_quantity;
      gint64 after = before + line->refund_quantity;
      gint64 a, b;

      if (line->refund_quantity == 0)
        continue;

      if (!cumulative_share (out->gross, after, line->quantity, &a) ||
          !cumulative_share (out->gross, before, line->quantity, &b))
        return _rd_calc_check_overflow (FALSE, "lines", error);
      calc->gross_refund[i] = a - b;

      if (!cumulative_share (out->net, after, line->quantity, &a) ||
          !cumulative_share (out->net, before, line->quantity, &b))
        return _rd_calc_check_overflow (FALSE, "lines", error);
      calc->net_refund[i] = a - b;

      gross_total += calc->gross_refund[i];
      net_total += calc->net_refund[i];
      out->refund = calc->net_refund[i];

      _rd_calc_add_row (calc, "goods", calc->gross_refund[i],
                        explain_goods (calc, line, i, out->gross, calc->gross_refund[i]));
    }

  if (calc->discounts_total > 0 && gross_total > 0)
    _rd_calc_add_row (calc, "order_discount", net_total - gross_total,
                      explain_discounts (calc, net_total - gross_total));

  calc->result->goods_refund = net_total;
  return TRUE;
}

gboolean
_rd_calc_prorate_subscription (Calc    *calc,
                               GError **error)
{
  const RdCalcInput *input = calc->input;
  RdCalcResult *result = calc->result;
  guint n = input->lines->len;
  g_autofree gint64 *shares = g_new0 (gint64, n);
  gint64 period, unused, prorated;
  g_autofree char *start = NULL, *end = NULL, *on = NULL;
  g_autofree char *goods = NULL, *prorated_text = NULL, *unused_text = NULL, *period_text = NULL;

  if (!g_date_valid (&input->subscription_start))
    return TRUE;

  period = g_date_days_between (&input->subscription_start, &input->subscription_end);
  unused = g_date_days_between (&input->subscription_refund_date, &input->subscription_end);
  unused = CLAMP (unused, 0, period);

  if (!rd_money_mul_div (result->goods_refund, unused, period,
                         RD_ROUND_HALF_AWAY_FROM_ZERO, &prorated, NULL) ||
      !rd_money_allocate (prorated, calc->net_refund, n, shares, NULL))
    return _rd_calc_check_overflow (FALSE, "subscription", error);

  for (guint i = 0; i < n; i++)
    {
      RdCalcLineResult *out = g_ptr_array_index (result->lines, i);
      out->refund = shares[i];
    }

  start = _rd_calc_date_text (&input->subscription_start);
  end = _rd_calc_date_text (&input->subscription_end);
  on = _rd_calc_date_text (&input->subscription_refund_date);
  goods = _rd_calc_money (calc, result->goods_refund);
  prorated_text = _rd_calc_money (calc, prorated);
  unused_text = _rd_calc_number (unused);
  period_text = _rd_calc_number (period);

  /* Translators: subscription 2026-01-01 to 2026-12-31 refunded on 2026-07-01. */
  _rd_calc_add_row (calc, "subscription", prorated - result->goods_refund,
                    g_strdup_printf (_("Subscription from %s to %s (%s days), refunded on %s: %s days unused. Refund = %s × %s ÷ %s = %s, rounded half away from zero."),
                                     start, end, period_text, on, unused_text,
                                     goods, unused_text, period_text, prorated_text));

  result->goods_refund = prorated;
  return TRUE;
}

static gboolean
completes_order (const RdCalcInput *input)
{
  gboolean any_now = FALSE;

  for (guint i = 0; i < input->lines->len; i++)
    {
      const RdCalcLine *line = g_ptr_array_index (input->lines, i);

      if (line->refunded_quantity + line->refund_quantity < line->quantity)
        return FALSE;
      if (line->refund_quantity > 0)
        any_now = TRUE;
    }

  return any_now;
}

void
_rd_calc_refund_shipping (Calc *calc)
{
  const RdCalcInput *input = calc->input;
  g_autofree char *paid = _rd_calc_money (calc, input->shipping_paid);

  if (input->shipping_paid == 0)
    return;

  if (input->shipped && !input->merchant_fault)
    {
      _rd_calc_add_row (calc, "shipping", 0,
                        g_strdup_printf (_("Shipping of %s is not refunded: the order was shipped and it is not the shop’s fault."), paid));
      return;
    }

  if (!completes_order (input))
    {
      _rd_calc_add_row (calc, "shipping", 0,
                        g_strdup_printf (_("Shipping of %s is refunded with the refund that completes the order; part of the order is not refunded yet."), paid));
      return;
    }

  calc->result->shipping_refund = input->shipping_paid;
  if (!input->shipped)
    _rd_calc_add_row (calc, "shipping", input->shipping_paid,
                      g_strdup_printf (_("The order was not shipped: shipping of %s is refunded."), paid));
  else
    _rd_calc_add_row (calc, "shipping", input->shipping_paid,
                      g_strdup_printf (_("It is the shop’s fault: shipping of %s is refunded."), paid));
}

void
_rd_calc_apply_deductions (Calc *calc)
{
  const RdCalcInput *input = calc->input;

  for (guint i = 0; i < input->deductions->len; i++)
    {
      const RdCalcDeduction *deduction = g_ptr_array_index (input->deductions, i);
      g_autofree char *value = _rd_calc_money (calc, deduction->amount);

      _rd_calc_add_row (calc, "deduction", -deduction->amount,
                        g_strdup_printf (_("Deducted: %s, %s."), deduction->name ? deduction->name : "", value));
    }

  calc->result->deductions_total = calc->deductions_total;
}

/* Clamps subtotal to [0, paid − refunded before] and says so. */
gint64
_rd_calc_apply_caps (Calc              *calc,
                     gint64             subtotal,
                     RdCalcWarningCode  capped_code)
{
  const RdCalcInput *input = calc->input;
  gint64 available = calc->result->paid - input->refunded_before;

  if (subtotal < 0)
    {
      g_autofree char *value = _rd_calc_money (calc, -subtotal);

      _rd_calc_add_row (calc, "cap_zero", -subtotal,
                        g_strdup_printf (_("The deductions are %s more than the refund; a refund is never negative, so it is 0."), value));
      _rd_calc_add_warning (calc, RD_CALC_WARNING_CAPPED_ZERO,
                            g_strdup (_("The deductions are larger than the refund: nothing is refunded.")));
      return 0;
    }

  if (subtotal > available)
    {
      g_autofree char *paid = _rd_calc_money (calc, calc->result->paid);
      g_autofree char *before = _rd_calc_money (calc, input->refunded_before);
      g_autofree char *left = _rd_calc_money (calc, available);
      g_autofree char *cut = _rd_calc_money (calc, subtotal - available);

      _rd_calc_add_row (calc, "cap_paid", available - subtotal,
                        g_strdup_printf (_("The buyer paid %s and got %s back before, so at most %s can be refunded: %s less."),
                                         paid, before, left, cut));
      if (capped_code == RD_CALC_WARNING_CAPPED_COMPENSATION)
        _rd_calc_add_warning (calc, capped_code,
                              g_strdup_printf (_("The compensation is cut to %s, what is left of the payment."), left));
      else
        _rd_calc_add_warning (calc, capped_code,
                              g_strdup_printf (_("The refund is cut to %s, what is left of the payment."), left));
      return available;
    }

  return subtotal;
}

gint64
_rd_calc_reimburse_return_shipping (Calc *calc)
{
  const RdCalcInput *input = calc->input;
  g_autofree char *asked = _rd_calc_money (calc, input->return_shipping);
  gint64 cap, paid;

  if (input->return_shipping == 0)
    return 0;

  if (!input->merchant_fault)
    {
      _rd_calc_add_row (calc, "return_shipping", 0,
                        g_strdup_printf (_("Return shipping of %s is the buyer’s to pay: it is not the shop’s fault."), asked));
      return 0;
    }

  cap = policy_amount (calc, calc->policy->return_shipping_cap);
  paid = MIN (input->return_shipping, cap);

  if (paid < input->return_shipping)
    {
      g_autofree char *cap_text = _rd_calc_money (calc, cap);

      _rd_calc_add_row (calc, "return_shipping", paid,
                        g_strdup_printf (_("It is the shop’s fault: return shipping of %s is reimbursed up to the cap of %s set in Preferences."),
                                         asked, cap_text));
      _rd_calc_add_warning (calc, RD_CALC_WARNING_CAPPED_RETURN_SHIPPING,
                            g_strdup_printf (_("Return shipping is reimbursed only up to the cap of %s."), cap_text));
    }
  else
    {
      _rd_calc_add_row (calc, "return_shipping", paid,
                        g_strdup_printf (_("It is the shop’s fault: return shipping of %s is reimbursed."), asked));
    }

  calc->result->return_shipping_refund = paid;
  return paid;
}

gboolean
_rd_calc_convert_and_split (Calc    *calc,
                            GError **error)
{
  RdCalcResult *result = calc->result;
  guint n = calc->input->instalments;

  if (calc->has_rate)
    {
      g_autofree char *value = _rd_calc_money (calc, result->total);
      g_autofree char *cny = NULL;

      if (!to_cny (calc, result->total, &result->total_cny, NULL))
        return _rd_calc_check_overflow (FALSE, "exchange_rate", error);
      result->has_total_cny = TRUE;
      cny = rd_money_format (result->total_cny, rd_currency_lookup ("CNY"));

      /* Translators: at 6.8432 CNY per USD, US$15.80 is ¥108.12. */
      _rd_calc_add_row (calc, "exchange", 0,
                        g_strdup_printf (_("At the recorded rate of %s CNY per %s, %s is %s (rounded half away from zero)."),
                                         calc->input->exchange_rate, calc->currency->code, value, cny));
    }

  g_array_set_size (result->instalments, n);
  if (!rd_money_split (result->total, n, &g_array_index (result->instalments, gint64, 0), NULL))
    return _rd_calc_check_overflow (FALSE, "instalments", error);

  if (n > 1)
    {
      gint64 largest = g_array_index (result->instalments, gint64, 0);
      gint64 smallest = g_array_index (result->instalments, gint64, n - 1);
      g_autofree char *value = _rd_calc_money (calc, result->total);
      g_autofree char *large = _rd_calc_money (calc, largest);
      g_autofree char *small = _rd_calc_money (calc, smallest);
      g_autofree char *count = _rd_calc_number (n);

      if (largest == smallest)
        _rd_calc_add_row (calc, "instalments", 0,
                          g_strdup_printf (_("%s is paid in %s instalments of %s."), value, count, large));
      else
        _rd_calc_add_row (calc, "instalments", 0,
                          g_strdup_printf (_("%s is paid in %s instalments of %s or %s, the larger ones first, that add up exactly."),
                                           value, count, large, small));
    }

  return TRUE;
}

void
_rd_calc_add_policy_warnings (Calc *calc)
{
  const RdCalcInput *input = calc->input;
  const RdCalcPolicy *policy = calc->policy;
  RdCalcResult *result = calc->result;
  const GDate *refund_date = &input->refund_date;
  gint64 compared = result->has_total_cny ? result->total_cny : result->total;

  if (!g_date_valid (refund_date))
    refund_date = &input->subscription_refund_date;

  if (g_date_valid (&input->delivered_date) && g_date_valid (refund_date))
    {
      gint64 days = g_date_days_between (&input->delivered_date, refund_date);

      if (days > (gint64) policy->refund_window_days)
        {
          g_autofree char *days_text = _rd_calc_number (days);
          g_autofree char *window = _rd_calc_number (policy->refund_window_days);

          _rd_calc_add_warning (calc, RD_CALC_WARNING_OUTSIDE_WINDOW,
                                g_strdup_printf (_("Outside the refund window: asked %s days after delivery, the window is %s days."),
                                                 days_text, window));
        }
    }

  if (result->total > 0 && compared >= policy->review_threshold)
    _rd_calc_add_warning (calc, RD_CALC_WARNING_SECOND_APPROVER,
                          g_strdup (_("At or above the second-approval threshold: a second person must approve this refund.")));

  if (result->total > 0 && input->shipped && !input->has_compensation &&
      compared >= policy->high_ticket_threshold)
    _rd_calc_add_warning (calc, RD_CALC_WARNING_HIGH_TICKET,
                          g_strdup (_("High ticket: wait for the intercept result or the inspection of the returned goods before paying.")));
}

gint64
_rd_calc_compensate (Calc *calc)
{
  const RdCalcInput *input = calc->input;
  g_autofree char *value = _rd_calc_money (calc, input->compensation);

  _rd_calc_add_row (calc, "compensation", input->compensation,
                    g_strdup_printf (_("Compensation of %s instead of a refund: the buyer keeps the goods, and nothing else is refunded."), value));

  return _rd_calc_apply_caps (calc, input->compensation, RD_CALC_WARNING_CAPPED_COMPENSATION);
}
