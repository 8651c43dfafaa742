/* rd-money-totals.c
 *
 * Sums per currency (rd-money-totals.h): a small sorted GArray, a handful
 * of currencies at most, so a linear search is all it needs.
 */
#include "config.h"

#include "rd-money-totals.h"

const char *
rd_currency_normalize (const char *code)
{
  const RdCurrency *known;

  if (code == NULL || *code == '\0')
    return g_intern_static_string (rd_currency_default ()->code);
  known = rd_currency_lookup (code);
  return known != NULL ? g_intern_static_string (known->code) : g_intern_string (code);
}

int
rd_currency_compare (const char *a,
                     const char *b)
{
  const char *shop = rd_currency_default ()->code;
  gboolean a_shop = g_strcmp0 (a, shop) == 0;
  gboolean b_shop = g_strcmp0 (b, shop) == 0;

  if (a_shop != b_shop)
    return a_shop ? -1 : 1;
  return g_strcmp0 (a, b);
}

char *
rd_money_format_code (gint64      amount,
                      const char *code)
{
  const char *normal = rd_currency_normalize (code);
  const RdCurrency *currency = rd_currency_lookup (normal);
  g_autofree char *symbol = NULL;
  RdCurrency unknown;

  if (currency != NULL)
    return rd_money_format (amount, currency);

  /* Its code and two decimals, as the ledger's amount column shows it. */
  symbol = g_strconcat (normal, " ", NULL);
  unknown = (RdCurrency) { normal, symbol, 2 };
  return rd_money_format (amount, &unknown);
}

GArray *
rd_money_totals_new (void)
{
  return g_array_new (FALSE, TRUE, sizeof (RdMoneyTotal));
}

/* The index of currency's total, inserted (zero) at its place when there is
 * none yet. currency is normalized. */
static guint
total_index (GArray     *totals,
             const char *currency)
{
  RdMoneyTotal added = { currency, 0, 0 };
  guint i;

  for (i = 0; i < totals->len; i++)
    {
      const RdMoneyTotal *total = &g_array_index (totals, RdMoneyTotal, i);
      int c;

      /* Interned: equal codes are the same pointer. */
      if (total->currency == currency)
        return i;
      c = rd_currency_compare (currency, total->currency);
      if (c < 0)
        break;
    }
  g_array_insert_val (totals, i, added);
  return i;
}

gboolean
rd_money_totals_add (GArray     *totals,
                     const char *currency,
                     gint64      amount,
                     GError    **error)
{
  RdMoneyTotal *total;
  guint index;
  gint64 sum;

  g_return_val_if_fail (totals != NULL, FALSE);

  /* The index first: inserting may move the array. */
  index = total_index (totals, rd_currency_normalize (currency));
  total = &g_array_index (totals, RdMoneyTotal, index);
  if (!rd_money_add (total->amount, amount, &sum, error))
    return FALSE;
  total->amount = sum;
  total->count++;
  return TRUE;
}

gboolean
rd_money_totals_merge (GArray  *totals,
                       GArray  *other,
                       GError **error)
{
  g_return_val_if_fail (totals != NULL && other != NULL, FALSE);

  for (guint i = 0; i < other->len; i++)
    {
      const RdMoneyTotal *from = &g_array_index (other, RdMoneyTotal, i);
      guint index = total_index (totals, rd_currency_normalize (from->currency));
      RdMoneyTotal *total = &g_array_index (totals, RdMoneyTotal, index);
      gint64 sum;

      if (!rd_money_add (total->amount, from->amount, &sum, error))
        return FALSE;
      total->amount = sum;
      total->count += from->count;
    }
  return TRUE;
}

const RdMoneyTotal *
rd_money_totals_lookup (GArray     *totals,
                        const char *currency)
{
  const char *normal;

  g_return_val_if_fail (totals != NULL, NULL);

  normal = rd_currency_normalize (currency);
  for (guint i = 0; i < totals->len; i++)
    if (g_array_index (totals, RdMoneyTotal, i).currency == normal)
      return &g_array_index (totals, RdMoneyTotal, i);
  return NULL;
}

gint64
rd_money_totals_get (GArray     *totals,
                     const char *currency)
{
  const RdMoneyTotal *total = rd_money_totals_lookup (totals, currency);

  return total != NULL ? total->amount : 0;
}

char *
rd_money_totals_format (GArray     *totals,
                        const char *separator)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (totals != NULL, NULL);

  if (totals->len == 0)
    return rd_money_format (0, rd_currency_default ());

  for (guint i = 0; i < totals->len; i++)
    {
      const RdMoneyTotal *total = &g_array_index (totals, RdMoneyTotal, i);
      g_autofree char *amount = rd_money_format_code (total->amount, total->currency);

      if (i > 0)
        g_string_append (text, separator != NULL ? separator : " · ");
      g_string_append (text, amount);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}
