/* rd-calc.c
 *
 * The calculator's value types: constructors (an empty result too, for
 * rd-calc-compute.c and the stored breakdown's reader), destructors,
 * look-ups and the exchange-rate parser. The rules themselves are in
 * rd-calc-compute.c and rd-calc-rules.c.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-calc.h"
#include "rd-calc-private.h"

G_DEFINE_QUARK (rd-calc-error-quark, rd_calc_error)

/* Largest rate accepted: one unit is worth at most 1,000,000 CNY. */
#define MAX_RATE_MICRO G_GINT64_CONSTANT (1000000000000)

RdCalcLine *
rd_calc_line_new (const char *sku,
                  const char *name,
                  gint64      unit_price,
                  gint64      quantity)
{
  RdCalcLine *line = g_new0 (RdCalcLine, 1);

  line->sku = g_strdup (sku);
  line->name = g_strdup (name);
  line->unit_price = unit_price;
  line->quantity = quantity;

  return line;
}

void
rd_calc_line_free (RdCalcLine *line)
{
  if (line == NULL)
    return;

  g_free (line->sku);
  g_free (line->name);
  g_free (line);
}

RdCalcDiscount *
rd_calc_discount_new (const char *name,
                      gint64      amount,
                      gboolean    platform_funded)
{
  RdCalcDiscount *discount = g_new0 (RdCalcDiscount, 1);

  discount->name = g_strdup (name);
  discount->amount = amount;
  discount->platform_funded = !!platform_funded;

  return discount;
}

void
rd_calc_discount_free (RdCalcDiscount *discount)
{
  if (discount == NULL)
    return;

  g_free (discount->name);
  g_free (discount);
}

RdCalcDeduction *
rd_calc_deduction_new (const char *name,
                       gint64      amount)
{
  RdCalcDeduction *deduction = g_new0 (RdCalcDeduction, 1);

  deduction->name = g_strdup (name);
  deduction->amount = amount;

  return deduction;
}

void
rd_calc_deduction_free (RdCalcDeduction *deduction)
{
  if (deduction == NULL)
    return;

  g_free (deduction->name);
  g_free (deduction);
}

RdCalcInput *
rd_calc_input_new (void)
{
  RdCalcInput *input = g_new0 (RdCalcInput, 1);

  input->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_calc_line_free);
  input->discounts = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_calc_discount_free);
  input->deductions = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_calc_deduction_free);
  input->shipped = TRUE;
  input->instalments = 1;
  g_date_clear (&input->subscription_start, 1);
  g_date_clear (&input->subscription_end, 1);
  g_date_clear (&input->subscription_refund_date, 1);
  g_date_clear (&input->delivered_date, 1);
  g_date_clear (&input->refund_date, 1);

  return input;
}

void
rd_calc_input_free (RdCalcInput *input)
{
  if (input == NULL)
    return;

  g_free (input->currency);
  g_free (input->exchange_rate);
  g_clear_pointer (&input->lines, g_ptr_array_unref);
  g_clear_pointer (&input->discounts, g_ptr_array_unref);
  g_clear_pointer (&input->deductions, g_ptr_array_unref);
  g_free (input);
}

RdCalcLine *
rd_calc_input_add_line (RdCalcInput *input,
                        const char  *sku,
                        const char  *name,
                        gint64       unit_price,
                        gint64       quantity)
{
  RdCalcLine *line;

  g_return_val_if_fail (input != NULL, NULL);

  line = rd_calc_line_new (sku, name, unit_price, quantity);
  g_ptr_array_add (input->lines, line);

  return line;
}

static void
breakdown_row_free (RdCalcBreakdownRow *row)
{
  g_free (row->rule);
  g_free (row->explanation);
  g_free (row);
}

static void
warning_free (RdCalcWarning *warning)
{
  g_free (warning->text);
  g_free (warning);
}

static void
line_result_free (RdCalcLineResult *line)
{
  g_free (line->sku);
  g_free (line->name);
  g_free (line);
}

RdCalcResult *
_rd_calc_result_new (const RdCurrency *currency)
{
  RdCalcResult *result = g_new0 (RdCalcResult, 1);

  result->currency = currency;
  result->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) line_result_free);
  result->instalments = g_array_new (FALSE, TRUE, sizeof (gint64));
  result->breakdown = g_ptr_array_new_with_free_func ((GDestroyNotify) breakdown_row_free);
  result->warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) warning_free);
  return result;
}

void
rd_calc_result_free (RdCalcResult *result)
{
  if (result == NULL)
    return;

  g_clear_pointer (&result->lines, g_ptr_array_unref);
  g_clear_pointer (&result->instalments, g_array_unref);
  g_clear_pointer (&result->breakdown, g_ptr_array_unref);
  g_clear_pointer (&result->warnings, g_ptr_array_unref);
  g_free (result);
}

const RdCalcWarning *
rd_calc_result_find_warning (const RdCalcResult *result,
                             RdCalcWarningCode   code)
{
  g_return_val_if_fail (result != NULL, NULL);

  for (guint i = 0; i < result->warnings->len; i++)
    {
      const RdCalcWarning *warning = g_ptr_array_index (result->warnings, i);

      if (warning->code == code)
        return warning;
    }

  return NULL;
}

const RdCalcBreakdownRow *
rd_calc_result_find_row (const RdCalcResult *result,
                         const char         *rule)
{
  g_return_val_if_fail (result != NULL, NULL);

  for (guint i = 0; i < result->breakdown->len; i++)
    {
      const RdCalcBreakdownRow *row = g_ptr_array_index (result->breakdown, i);

      if (g_strcmp0 (row->rule, rule) == 0)
        return row;
    }

  return NULL;
}

gboolean
rd_calc_parse_rate (const char  *text,
                    gint64      *out_micro,
                    GError     **error)
{
  gint64 value = 0;
  guint decimals = 0;
  gboolean seen_point = FALSE;
  gboolean seen_digit = FALSE;

  g_return_val_if_fail (out_micro != NULL, FALSE);

  if (text == NULL || *text == '\0')
    {
      g_set_error (error, RD_CALC_ERROR, RD_CALC_ERROR_INVALID,
                   _("exchange_rate: an exchange rate is a decimal number such as “6.8432”"));
      return FALSE;
    }

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '.' && !seen_point)
        {
          seen_point = TRUE;
          continue;
        }

      if (!g_ascii_isdigit (*p))
        {
          g_set_error (error, RD_CALC_ERROR, RD_CALC_ERROR_INVALID,
                       _("exchange_rate: “%s” is not an exchange rate; write a decimal number such as “6.8432”"),
                       text);
          return FALSE;
        }

      seen_digit = TRUE;
      if (seen_point && ++decimals > 6)
        {
          g_set_error (error, RD_CALC_ERROR, RD_CALC_ERROR_INVALID,
                       _("exchange_rate: “%s” has more than six decimals"), text);
          return FALSE;
        }

      value = value * 10 + (*p - '0');
      if (value > MAX_RATE_MICRO)
        {
          g_set_error (error, RD_CALC_ERROR, RD_CALC_ERROR_INVALID,
                       _("exchange_rate: “%s” is too large"), text);
          return FALSE;
        }
    }

  if (!seen_digit)
    {
      g_set_error (error, RD_CALC_ERROR, RD_CALC_ERROR_INVALID,
                   _("exchange_rate: “%s” is not an exchange rate; write a decimal number such as “6.8432”"),
                   text);
      return FALSE;
    }

  for (; decimals < 6; decimals++)
    value *= 10;

  if (value > MAX_RATE_MICRO)
    {
      g_set_error (error, RD_CALC_ERROR, RD_CALC_ERROR_INVALID,
                   _("exchange_rate: “%s” is too large"), text);
      return FALSE;
    }

  if (value == 0)
    {
      g_set_error (error, RD_CALC_ERROR, RD_CALC_ERROR_INVALID,
                   _("exchange_rate: the rate must be more than zero"));
      return FALSE;
    }

  *out_micro = value;
  return TRUE;
}
