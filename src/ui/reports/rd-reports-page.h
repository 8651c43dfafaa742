/* rd-reports-page.h
 *
 * The Reports page of the window: for a month or a range of months, with
 * the period before it beside, the refunds (per day, by reason, kind,
 * channel, payment method), the money that will not come back, the speed,
 * the intercepts and the refund rate (with the shop's order counts), as
 * charts with their tables, and the Excel export. The figures are computed
 * on a worker thread with a read-only connection of its own (rd-report.h);
 * the page never blocks the main loop.
 */
#pragma once

#include <adwaita.h>

#include "rd-context.h"
#include "rd-ledger-query.h"
#include "rd-report.h"

G_BEGIN_DECLS

#define RD_TYPE_REPORTS_PAGE (rd_reports_page_get_type ())
G_DECLARE_FINAL_TYPE (RdReportsPage, rd_reports_page, RD, REPORTS_PAGE, AdwBin)

GtkWidget      *rd_reports_page_new           (void);

/* The ledger to report on and export, the shop's name and the operator
 * come from context. */
void            rd_reports_page_set_context   (RdReportsPage *self,
                                               RdContext     *context);
/* Opens the Export dialog for the context's ledger (without a context, the
 * default one); when the workbook is written, the page shows a toast
 * "Exported NAME" with Open. */
void            rd_reports_page_export        (RdReportsPage *self);

/* The toast for a written workbook. */
void            rd_reports_page_show_exported (RdReportsPage *self,
                                               const char    *path);

/* The period shown (by default the current month): chooses it in the
 * period bar and computes its report. to_year 0: one month. */
void            rd_reports_page_set_period    (RdReportsPage *self,
                                               int            from_year,
                                               int            from_month,
                                               int            to_year,
                                               int            to_month);
/* Computes the figures again (the ledger changed); done by itself each time
 * the page is shown. */
void            rd_reports_page_refresh       (RdReportsPage *self);
/* TRUE while a worker computes. */
gboolean        rd_reports_page_is_computing  (RdReportsPage *self);
/* The report shown, or NULL before the first one. */
const RdReport *rd_reports_page_get_report    (RdReportsPage *self);

/* "show-cases" (RdLedgerFilter *filter, const char *title) is emitted when
 * a bar, slice or row is clicked: the window opens the Ledger with filter. */

G_END_DECLS
