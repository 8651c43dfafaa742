/* rd-cli-export.c
 *
 * `refund-desk export [--db FILE] --month YYYY-MM [--output FILE]
 * [--basis paid|requested]`: writes the month's workbook for the accountant
 * with no display (a monthly cron job), then prints the file's path and one
 * line of control totals per currency.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-cli.h"
#include "rd-export.h"
#include "rd-money.h"
#include "rd-policy.h"

/* Helpers */

/* Shop name and current operator from the app's settings, when installed;
 * the login name stands in for an operator nobody chose. */
static void
load_settings (char **shop_name,
               char **operator)
{
  g_autoptr(GSettings) settings = rd_policy_open_settings ();

  if (settings != NULL)
    {
      *shop_name = g_settings_get_string (settings, "shop-name");
      *operator = g_settings_get_string (settings, "current-operator");
    }
  if (*operator == NULL || **operator == '\0')
    {
      g_free (*operator);
      *operator = g_strdup (g_get_user_name ());
    }
}

/* "2026-10" exactly. */
static gboolean
parse_month (const char *text,
             int        *year,
             int        *month)
{
  if (text == NULL || strlen (text) != 7 || text[4] != '-')
    return FALSE;
  for (int i = 0; i < 7; i++)
    if (i != 4 && !g_ascii_isdigit (text[i]))
      return FALSE;

  *year = (int) g_ascii_strtoll (text, NULL, 10);
  *month = (int) g_ascii_strtoll (text + 5, NULL, 10);
  return *year >= 1970 && *month >= 1 && *month <= 12;
}

int
rd_cli_export (int    argc,
               char **argv)
{
  g_autofree char *db_path = NULL;
  g_autofree char *month_text = NULL;
  g_autofree char *output = NULL;
  g_autofree char *basis_text = NULL;
  g_autofree char *shop_name = NULL;
  g_autofree char *operator = NULL;
  g_autofree char *full_path = NULL;
  g_autoptr(GError) error = NULL;
  RdExportOptions opts = { 0 };
  RdExportTotals totals = { 0 };
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("Ledger file (default: the ledger in your data folder)"), N_("FILE") },
    { "month", 0, 0, G_OPTION_ARG_STRING, &month_text, N_("The month to export"), N_("YYYY-MM") },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output, N_("The workbook to write (default: Refunds-YYYY-MM.xlsx in the current folder)"), N_("FILE") },
    { "basis", 0, 0, G_OPTION_ARG_STRING, &basis_text, N_("Which cases belong to the month: “paid” in it (default) or “requested” in it"), N_("paid|requested") },
    { NULL }
  };

  if (!rd_cli_parse_options ("export", NULL,
                             _("Write the month’s refunds to an Excel workbook for the accountant."),
                             entries, &argc, &argv))
    return RD_CLI_USAGE;

  if (argc > 1)
    {
      g_printerr ("refund-desk export: %s\n", _("Unexpected argument. Use --output FILE to name the workbook."));
      return RD_CLI_USAGE;
    }
  if (!parse_month (month_text, &opts.year, &opts.month))
    {
      g_printerr ("refund-desk export: %s\n", _("Give the month as --month YYYY-MM, for example --month 2026-10."));
      return RD_CLI_USAGE;
    }
  if (basis_text == NULL || g_str_equal (basis_text, "paid"))
    opts.basis = RD_EXPORT_BASIS_PAID;
  else if (g_str_equal (basis_text, "requested"))
    opts.basis = RD_EXPORT_BASIS_REQUESTED;
  else
    {
      g_printerr ("refund-desk export: %s\n", _("The basis is “paid” or “requested”."));
      return RD_CLI_USAGE;
    }

  if (output == NULL)
    output = g_strdup_printf ("Refunds-%04d-%02d.xlsx", opts.year, opts.month);
  full_path = g_canonicalize_filename (output, NULL);
  if (db_path == NULL)
    db_path = rd_store_default_path ();

  load_settings (&shop_name, &operator);
  opts.output_path = full_path;
  opts.shop_name = shop_name;
  opts.operator = operator;

  if (!rd_export_month (db_path, &opts, NULL, NULL, NULL, &totals, &error))
    {
      g_printerr ("refund-desk export: %s\n", error->message);
      return RD_CLI_PROBLEM;
    }

  g_print ("%s\n", full_path);
  for (guint i = 0; i < totals.currencies->len; i++)
    {
      const RdExportCurrencyTotals *t = &g_array_index (totals.currencies, RdExportCurrencyTotals, i);
      const RdCurrency *currency = rd_currency_lookup (t->code);
      g_autofree char *paid = rd_money_format_plain (t->amount_paid, currency);
      g_autofree char *refund = rd_money_format_plain (t->refund_amount, currency);
      g_autofree char *cases = g_strdup_printf ("%" G_GINT64_FORMAT, t->n_cases);

      /* TRANSLATORS: one line of control totals: currency code, number of
       * cases, sum of the amounts paid, sum of the refund amounts. */
      g_print (_("%s: %s cases, amount paid %s, refund amount %s\n"), t->code, cases, paid, refund);
    }
  rd_export_totals_clear (&totals);
  return RD_CLI_OK;
}
