/* rd-intercepts-page.h
 *
 * The Intercepts page of the window: the register of parcels to intercept and claims against couriers.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RD_TYPE_INTERCEPTS_PAGE (rd_intercepts_page_get_type ())
G_DECLARE_FINAL_TYPE (RdInterceptsPage, rd_intercepts_page, RD, INTERCEPTS_PAGE, AdwBin)

GtkWidget *rd_intercepts_page_new (void);

G_END_DECLS
