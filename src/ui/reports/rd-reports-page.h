/* rd-reports-page.h
 *
 * The Reports page of the window: monthly figures, charts and the Excel export.
 */
#pragma once

#include <adwaita.h>

#include "rd-context.h"

G_BEGIN_DECLS

#define RD_TYPE_REPORTS_PAGE (rd_reports_page_get_type ())
G_DECLARE_FINAL_TYPE (RdReportsPage, rd_reports_page, RD, REPORTS_PAGE, AdwBin)

GtkWidget *rd_reports_page_new           (void);

/* The ledger to export, the shop's name and the operator come from
 * context. */
void       rd_reports_page_set_context   (RdReportsPage *self,
                                          RdContext     *context);
/* Opens the Export dialog for the context's ledger (without a context, the
 * default one); when the workbook is written, the page shows a toast
 * "Exported NAME" with Open. */
void       rd_reports_page_export        (RdReportsPage *self);

/* The toast for a written workbook. */
void       rd_reports_page_show_exported (RdReportsPage *self,
                                          const char    *path);

G_END_DECLS
