/* rd-ledger-footer.h
 *
 * The words of the ledger page's footer (rd-ledger-footer.c).
 */
#pragma once

#include <glib.h>

#include "rd-ledger-query.h"

G_BEGIN_DECLS

/* totals: RdLedgerTotal, one per currency (rd_ledger_model_get_totals).
 * label: "Paid ¥1,234.00 · $56.00 · Refunds ¥1,000.00 · $50.00" ("Paid
 * ¥0.00 · Refunds ¥0.00" without cases); tooltip: one line a currency with
 * its count, "" without cases. Both newly allocated. */
void rd_ledger_footer_format_totals (GArray  *totals,
                                     char   **label,
                                     char   **tooltip);

G_END_DECLS
