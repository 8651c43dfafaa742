/* test-money-totals.c
 *
 * Sums per currency (rd-money-totals.h): yuan, dollars and yen are never
 * added together; the shop's currency comes first, then by code; any
 * spelling of a code is one currency; an overflow leaves the sums as they
 * were.
 */
#include "config.h"

#include <locale.h>

#include "rd-money-totals.h"

typedef struct
{
  const char *currency;
  gint64      amount;
} Add;

static void
test_table (void)
{
  static const struct {
    Add         adds[6];
    const char *formatted;
    gint64      cny, usd, jpy;
    guint       n_totals;
  } cases[] = {
    { { { NULL, 0 } }, "¥0.00", 0, 0, 0, 0 },
    { { { "CNY", 1250 }, { "USD", 999 }, { NULL, 0 } }, "¥12.50 · $9.99", 1250, 999, 0, 2 },
    /* Added in any order and spelling, shown CNY first, then by code. */
    { { { "usd", 100 }, { "JPY", 5700 }, { "", 50 }, { "Usd", 1 }, { NULL, 0 } },
      "¥0.50 · JP¥5,700 · $1.01", 50, 101, 5700, 3 },
    /* Never added across currencies: 100 fen and 100 cents stay apart. */
    { { { "CNY", 100 }, { "USD", 100 }, { "CNY", 100 }, { NULL, 0 } }, "¥2.00 · $1.00", 200, 100, 0, 2 },
    /* A code this build does not know keeps its own total and is shown
     * with its code. */
    { { { "XAU", 1200 }, { "CNY", 1 }, { NULL, 0 } }, "¥0.01 · XAU 12.00", 1, 0, 0, 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GArray) totals = rd_money_totals_new ();
      g_autofree char *text = NULL;

      for (guint j = 0; cases[i].adds[j].currency != NULL; j++)
        {
          g_autoptr(GError) error = NULL;

          g_assert_true (rd_money_totals_add (totals, cases[i].adds[j].currency,
                                              cases[i].adds[j].amount, &error));
          g_assert_no_error (error);
        }

      text = rd_money_totals_format (totals, NULL);
      g_assert_cmpstr (text, ==, cases[i].formatted);
      g_assert_cmpuint (totals->len, ==, cases[i].n_totals);
      g_assert_cmpint (rd_money_totals_get (totals, "CNY"), ==, cases[i].cny);
      g_assert_cmpint (rd_money_totals_get (totals, "usd"), ==, cases[i].usd);
      g_assert_cmpint (rd_money_totals_get (totals, "JPY"), ==, cases[i].jpy);
    }
}

static void
test_normalize_and_order (void)
{
  g_assert_cmpstr (rd_currency_normalize (NULL), ==, "CNY");
  g_assert_cmpstr (rd_currency_normalize (""), ==, "CNY");
  g_assert_cmpstr (rd_currency_normalize ("usd"), ==, "USD");
  g_assert_true (rd_currency_normalize ("jpy") == rd_currency_normalize ("JPY"));

  g_assert_cmpint (rd_currency_compare ("CNY", "AUD"), <, 0);
  g_assert_cmpint (rd_currency_compare ("AUD", "CNY"), >, 0);
  g_assert_cmpint (rd_currency_compare ("JPY", "USD"), <, 0);
  g_assert_cmpint (rd_currency_compare (rd_currency_normalize ("usd"), "USD"), ==, 0);
}

static void
test_overflow (void)
{
  g_autoptr(GArray) totals = rd_money_totals_new ();
  g_autoptr(GError) error = NULL;
  const RdMoneyTotal *usd;

  g_assert_true (rd_money_totals_add (totals, "USD", G_MAXINT64 - 1, NULL));
  g_assert_true (rd_money_totals_add (totals, "CNY", G_MAXINT64 - 1, NULL));

  /* One more cent does not fit: refused, the sum and count unchanged. */
  g_assert_false (rd_money_totals_add (totals, "USD", 2, &error));
  g_assert_error (error, RD_MONEY_ERROR, RD_MONEY_ERROR_OVERFLOW);
  usd = rd_money_totals_lookup (totals, "USD");
  g_assert_nonnull (usd);
  g_assert_cmpint (usd->amount, ==, G_MAXINT64 - 1);
  g_assert_cmpuint (usd->count, ==, 1);
  g_assert_cmpint (rd_money_totals_get (totals, "CNY"), ==, G_MAXINT64 - 1);
}

static void
test_merge (void)
{
  g_autoptr(GArray) a = rd_money_totals_new ();
  g_autoptr(GArray) b = rd_money_totals_new ();
  g_autofree char *text = NULL;

  g_assert_true (rd_money_totals_add (a, "CNY", 100, NULL));
  g_assert_true (rd_money_totals_add (b, "USD", 250, NULL));
  g_assert_true (rd_money_totals_add (b, "CNY", 5, NULL));
  g_assert_true (rd_money_totals_merge (a, b, NULL));

  text = rd_money_totals_format (a, " + ");
  g_assert_cmpstr (text, ==, "¥1.05 + $2.50");
  g_assert_cmpuint (rd_money_totals_lookup (a, "CNY")->count, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rd/money-totals/table", test_table);
  g_test_add_func ("/rd/money-totals/normalize-and-order", test_normalize_and_order);
  g_test_add_func ("/rd/money-totals/overflow", test_overflow);
  g_test_add_func ("/rd/money-totals/merge", test_merge);

  return g_test_run ();
}
