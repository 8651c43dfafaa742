/* rd-ledger-footer.c
 *
 * The words of the ledger's footer: the sums of the cases listed, per
 * currency (RdLedgerTotal of rd_ledger_query_run), each labelled.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-ledger-footer.h"
#include "rd-money-totals.h"

/* The footer's figures of the cases listed, per currency, each labelled:
 * "Paid ¥1,234.00 · $56.00 · Refunds ¥1,000.00 · $50.00" on the label (the
 * refunds are the approved amounts, the export's "Refund amount"), and one
 * line a currency with its count in the tooltip. Yuan and dollars are never
 * added. */
void
rd_ledger_footer_format_totals (GArray  *totals,
                                char   **label,
                                char   **tooltip)
{
  g_autoptr(GArray) paid = rd_money_totals_new ();
  g_autoptr(GArray) refunds = rd_money_totals_new ();
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autofree char *paid_text = NULL;
  g_autofree char *refunds_text = NULL;
  /* Translators: between the totals of two currencies in the ledger's
   * footer, "¥1,234.00 · $56.00". */
  const char *separator = C_("ledger totals", " · ");

  for (guint i = 0; i < totals->len; i++)
    {
      const RdLedgerTotal *total = &g_array_index (totals, RdLedgerTotal, i);
      g_autofree char *one_paid = rd_money_format_code (total->paid, total->currency);
      g_autofree char *one_refunds = rd_money_format_code (total->approved, total->currency);

      /* The sums are the query's, already per currency: no overflow here. */
      rd_money_totals_add (paid, total->currency, total->paid, NULL);
      rd_money_totals_add (refunds, total->currency, total->approved, NULL);
      if (i > 0)
        g_string_append_c (lines, '\n');
      /* Translators: one line a currency in the tooltip of the ledger's
       * footer: "USD: 12 cases · paid $560.00 · refunds $500.00". */
      g_string_append_printf (lines, ngettext ("%s: %u case · paid %s · refunds %s",
                                               "%s: %u cases · paid %s · refunds %s", total->count),
                              total->currency, total->count, one_paid, one_refunds);
    }

  paid_text = rd_money_totals_format (paid, separator);
  refunds_text = rd_money_totals_format (refunds, separator);
  /* Translators: the ledger's footer: the sums of the cases listed, per
   * currency: the amounts paid and the refund (approved) amounts,
   * "Paid ¥1,234.00 · $56.00 · Refunds ¥1,000.00 · $50.00". */
  *label = g_strdup_printf (_("Paid %s · Refunds %s"), paid_text, refunds_text);
  *tooltip = g_string_free (g_steal_pointer (&lines), FALSE);
}
