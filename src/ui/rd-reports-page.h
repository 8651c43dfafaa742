/* rd-reports-page.h
 *
 * The Reports page of the window: monthly figures, charts and the Excel export.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RD_TYPE_REPORTS_PAGE (rd_reports_page_get_type ())
G_DECLARE_FINAL_TYPE (RdReportsPage, rd_reports_page, RD, REPORTS_PAGE, AdwBin)

GtkWidget *rd_reports_page_new (void);

G_END_DECLS
