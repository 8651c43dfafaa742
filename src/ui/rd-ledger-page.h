/* rd-ledger-page.h
 *
 * The Ledger page of the window: the filtered list of every refund case with the selected case beside it.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RD_TYPE_LEDGER_PAGE (rd_ledger_page_get_type ())
G_DECLARE_FINAL_TYPE (RdLedgerPage, rd_ledger_page, RD, LEDGER_PAGE, AdwBin)

GtkWidget *rd_ledger_page_new (void);

G_END_DECLS
