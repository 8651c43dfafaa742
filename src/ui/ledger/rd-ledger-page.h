/* rd-ledger-page.h
 *
 * The Ledger page of the window: the filtered list of every refund case with
 * the selected case beside it.
 */
#pragma once

#include <adwaita.h>

#include "rd-case-pane.h"
#include "rd-context.h"
#include "rd-ledger-model.h"
#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_LEDGER_PAGE (rd_ledger_page_get_type ())
G_DECLARE_FINAL_TYPE (RdLedgerPage, rd_ledger_page, RD, LEDGER_PAGE, AdwBin)

GtkWidget     *rd_ledger_page_new           (void);

/* Once, by the window: the settings for the filters, and the context's
 * store as rd_ledger_page_set_store does. */
gboolean       rd_ledger_page_set_context   (RdLedgerPage  *self,
                                             RdContext     *context,
                                             GError       **error);
/* Lists the cases of store (NULL: none) through an RdLedgerModel on the
 * same file; fails when the file cannot be opened for reading. */
gboolean       rd_ledger_page_set_store     (RdLedgerPage  *self,
                                             RdStore       *store,
                                             GError       **error);

/* Opens the case in the pane and selects its row once the list has it. */
void           rd_ledger_page_show_case     (RdLedgerPage  *self,
                                             gint64         id);

/* Shows the Due Soon list (the other filters left as they are). */
void           rd_ledger_page_show_due_soon (RdLedgerPage  *self);
/* Turns on the filter of the cases the platform reopened (follow-up). */
void           rd_ledger_page_show_reopened (RdLedgerPage  *self);

RdLedgerModel *rd_ledger_page_get_model     (RdLedgerPage  *self);
RdCasePane    *rd_ledger_page_get_case_pane (RdLedgerPage  *self);
/* Reads the ledger again: the list and its footer (the selected case stays
 * selected) and the case shown. */
void           rd_ledger_page_reload        (RdLedgerPage  *self);

/* Shows the cases of filter (a report's bar or slice, rd-report.h) with a
 * chip "From Reports: TITLE ✕" above the list; the chip's ✕, or any choice
 * of the filter bar, goes back to the bar's filters. NULL: back now. */
void           rd_ledger_page_show_filter   (RdLedgerPage         *self,
                                             const RdLedgerFilter *filter,
                                             const char           *title);
/* The filter shown by rd_ledger_page_show_filter, or NULL. */
const RdLedgerFilter *rd_ledger_page_get_report_filter (RdLedgerPage *self);
/* Shows only the cases the import import_id created or changed (0: every
 * case again), with a chip "From import FILE ✕" above the list that goes
 * back. */
void           rd_ledger_page_show_import   (RdLedgerPage  *self,
                                             gint64         import_id,
                                             const char    *file_name);
gint64         rd_ledger_page_get_import    (RdLedgerPage  *self);
/* The toast of a finished import: "Imported 12 new and 3 updated cases
 * from FILE" (and, when n_proposed > 0, "2 parcels may need
 * intercepting"), whose Show does rd_ledger_page_show_import. */
void           rd_ledger_page_toast_import  (RdLedgerPage  *self,
                                             gint64         import_id,
                                             const char    *file_name,
                                             guint64        n_new,
                                             guint64        n_updated,
                                             guint          n_proposed);
AdwToastOverlay *rd_ledger_page_get_toast_overlay (RdLedgerPage *self);

G_END_DECLS
