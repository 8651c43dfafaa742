/* rd-cli-intercepts.c
 *
 * `refund-desk intercepts [--db FILE] [--due|--stalled|--losses|--unmatched]`: the
 * intercept register, headless. One parcel a line, tab-separated after a
 * header line: tracking number, courier, case, amount (plain decimal, in
 * the parcel's currency), currency (its case's; CNY without one), destination, status, platform deadline, time left, last movement, and what
 * to do (rd_intercept_get_advice: nudge courier / treat as lost / refuse
 * with the signing proof / settle now).
 * --due lists the unsettled parcels by time left, --stalled the ones
 * without movement past the nudge threshold, --losses the parcels refunded
 * and not recovered (钱货两空) followed by their sum per currency (yuan and
 * dollars are never added: "¥13,340,526.21 · $417,645.36"), --unmatched the
 * parcels that came back with a number nobody registered and wait to be
 * matched to their case (in the window). The policy comes from
 * the ledger (rd_policy_load_from_store).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-cli.h"
#include "rd-intercept-advice.h"
#include "rd-intercepts.h"
#include "rd-money.h"
#include "rd-money-totals.h"
#include "rd-policy.h"
#include "rd-time.h"

static void
print_row (const RdIntercept *intercept,
           const RdPolicy    *policy,
           gint64             now,
           gboolean           losses)
{
  const RdCurrency *currency = rd_currency_lookup (intercept->currency);
  g_autofree char *amount = NULL;
  RdCurrency unknown = { intercept->currency, "", 2 };
  g_autofree char *deadline = rd_time_format_local (intercept->platform_deadline);
  g_autofree char *moved = rd_time_format_local (intercept->last_movement_at);
  g_autofree char *left = NULL;

  /* A currency a newer Refund Desk knows: two decimals, its code beside. */
  amount = rd_money_format_plain (losses ? rd_intercept_get_loss (intercept) : intercept->amount,
                                  currency != NULL ? currency : &unknown);
  if (!rd_intercept_status_is_settled (intercept->status))
    left = rd_intercept_format_time_left (intercept->platform_deadline, now);

  g_print ("%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n",
           intercept->tracking_no,
           rd_courier_get_name (intercept->courier),
           intercept->case_no != NULL ? intercept->case_no : "",
           amount,
           intercept->currency,
           intercept->province != NULL ? intercept->province : "",
           rd_intercept_status_get_name (intercept->status),
           deadline,
           left != NULL ? left : "",
           moved,
           rd_parcel_advice_get_name (rd_intercept_get_advice (intercept, policy, now)));
}

int
rd_cli_intercepts (int    argc,
                   char **argv)
{
  g_autofree char *db_path = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_auto(RdPolicy) policy = { 0 };
  gboolean due = FALSE, stalled = FALSE, losses = FALSE, unmatched = FALSE;
  RdInterceptView view = RD_INTERCEPT_VIEW_ALL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(GArray) sums = NULL;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("Ledger file (default: the ledger in your data folder)"), N_("FILE") },
    { "due", 0, 0, G_OPTION_ARG_NONE, &due, N_("Only parcels waiting for a result, the least time left before the platform’s deadline first"), NULL },
    { "stalled", 0, 0, G_OPTION_ARG_NONE, &stalled, N_("Only parcels without tracking movement for the “Nudge the Courier” hours or longer"), NULL },
    { "losses", 0, 0, G_OPTION_ARG_NONE, &losses, N_("Only parcels refunded while the goods were not recovered, and their sum"), NULL },
    { "unmatched", 0, 0, G_OPTION_ARG_NONE, &unmatched, N_("Only parcels that came back with a number nobody registered, not matched to a case yet"), NULL },
    { NULL }
  };

  if (!rd_cli_parse_options ("intercepts", NULL,
                             _("Print the intercept register: parcels to stop on their way to the buyer."),
                             entries, &argc, &argv))
    return RD_CLI_USAGE;

  if (argc != 1 || due + stalled + losses + unmatched > 1)
    {
      g_printerr ("refund-desk intercepts: %s\n", _("Give at most one of --due, --stalled, --losses and --unmatched."));
      return RD_CLI_USAGE;
    }
  view = due ? RD_INTERCEPT_VIEW_DUE
         : stalled ? RD_INTERCEPT_VIEW_STALLED
         : losses ? RD_INTERCEPT_VIEW_LOSSES
         : unmatched ? RD_INTERCEPT_VIEW_UNMATCHED
         : RD_INTERCEPT_VIEW_ALL;

  store = rd_cli_open_store (db_path, RD_STORE_OPEN_EXISTING | RD_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    {
      g_printerr ("refund-desk intercepts: %s\n", error->message);
      return RD_CLI_PROBLEM;
    }

  if (rd_store_get_schema_version (store) < 5)
    {
      g_printerr ("refund-desk intercepts: %s\n",
                  _("This ledger was written by an older version of Refund Desk and has no intercept register yet. "
                    "Open it once in Refund Desk to update it."));
      return RD_CLI_PROBLEM;
    }

  rd_policy_load_from_store (&policy, store);
  rows = rd_intercepts_list (store, view, &policy, now, &error);
  if (rows == NULL)
    {
      g_printerr ("refund-desk intercepts: %s\n", error->message);
      return RD_CLI_PROBLEM;
    }

  g_print ("%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n",
           _("Tracking number"), _("Courier"), _("Case"),
           losses ? _("Loss") : _("Amount"), _("Currency"), _("Destination"), _("Status"),
           _("Platform deadline"), _("Time left"), _("Last movement"), _("To do"));
  for (guint i = 0; i < rows->len; i++)
    print_row (rows->pdata[i], &policy, now, losses);

  if (losses)
    {
      g_autofree char *total = NULL;

      sums = rd_intercepts_sum_losses (rows, &error);
      if (sums == NULL)
        {
          g_printerr ("refund-desk intercepts: %s\n", error->message);
          return RD_CLI_PROBLEM;
        }
      /* Each currency's sum apart: "¥13,340,526.21 · $417,645.36". */
      total = rd_money_totals_format (sums, NULL);

      g_print (ngettext ("%u parcel lost, %s in total\n", "%u parcels lost, %s in total\n", rows->len),
               rows->len, total);
    }

  return RD_CLI_OK;
}
