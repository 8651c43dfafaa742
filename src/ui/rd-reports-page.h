/* rd-reports-page.h
 *
 * The Reports page of the window: monthly figures, charts and the Excel export.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RD_TYPE_REPORTS_PAGE (rd_reports_page_get_type ())
G_DECLARE_FINAL_TYPE (RdReportsPage, rd_reports_page, RD, REPORTS_PAGE, AdwBin)

GtkWidget *rd_reports_page_new           (void);

/* Opens the Export dialog for the window's ledger; when the workbook is
 * written, the page shows a toast "Exported NAME" with Open. */
void       rd_reports_page_export        (RdReportsPage *self);

/* The toast for a written workbook. */
void       rd_reports_page_show_exported (RdReportsPage *self,
                                          const char    *path);

G_END_DECLS
