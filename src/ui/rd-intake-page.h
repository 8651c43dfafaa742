/* rd-intake-page.h
 *
 * The Intake page of the window: the form that takes in a new refund request.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RD_TYPE_INTAKE_PAGE (rd_intake_page_get_type ())
G_DECLARE_FINAL_TYPE (RdIntakePage, rd_intake_page, RD, INTAKE_PAGE, AdwBin)

GtkWidget *rd_intake_page_new (void);

G_END_DECLS
