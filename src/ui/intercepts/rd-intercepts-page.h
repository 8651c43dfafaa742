/* rd-intercepts-page.h
 *
 * The Intercepts page of the window: the register of parcels to intercept
 * with its quick views (due first, stalled, claims, losses), the actions
 * valid for the selected parcel or claim, and warehouse scan mode.
 */
#pragma once

#include <adwaita.h>

#include "rd-context.h"

#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_INTERCEPTS_PAGE (rd_intercepts_page_get_type ())
G_DECLARE_FINAL_TYPE (RdInterceptsPage, rd_intercepts_page, RD, INTERCEPTS_PAGE, AdwBin)

typedef enum
{
  RD_INTERCEPTS_VIEW_DUE,
  RD_INTERCEPTS_VIEW_STALLED,
  RD_INTERCEPTS_VIEW_CLAIMS,
  RD_INTERCEPTS_VIEW_LOSSES,
  RD_INTERCEPTS_VIEW_ALL,
  RD_INTERCEPTS_VIEW_UNMATCHED,   /* returned with a number nobody registered */
} RdInterceptsView;

GtkWidget *rd_intercepts_page_new             (RdContext        *context);

/* The policy, the operator and (when the page is first shown without
 * one) the store come from context. */
void       rd_intercepts_page_set_context     (RdInterceptsPage *self,
                                               RdContext        *context);
/* The ledger to show. */
void       rd_intercepts_page_set_store       (RdInterceptsPage *self,
                                               RdStore          *store);
/* Reads the register again (counts, the current view) on a worker thread;
 * the page shows it when it comes (is_loading is TRUE until then). */
void       rd_intercepts_page_refresh         (RdInterceptsPage *self);
gboolean   rd_intercepts_page_is_loading      (RdInterceptsPage *self);
void       rd_intercepts_page_set_view        (RdInterceptsPage *self,
                                               RdInterceptsView  view);
/* Rows in the current view. */
guint      rd_intercepts_page_get_n_rows      (RdInterceptsPage *self);

/* "Create intercept" for a case: the new-intercept dialog, prefilled from
 * it (what win.create-intercept runs). A case that needs no intercept is
 * explained in a toast. */
void       rd_intercepts_page_create_for_case (RdInterceptsPage *self,
                                               gint64            case_id);
/* Shows the parcel in the full register and selects it. */
void       rd_intercepts_page_show_intercept  (RdInterceptsPage *self,
                                               gint64            intercept_id);

/* Warehouse scan mode fills the page; Esc or its button leave it. */
void       rd_intercepts_page_enter_scan_mode (RdInterceptsPage *self);
void       rd_intercepts_page_leave_scan_mode (RdInterceptsPage *self);
gboolean   rd_intercepts_page_in_scan_mode    (RdInterceptsPage *self);
GtkWidget *rd_intercepts_page_get_scan_mode   (RdInterceptsPage *self);

G_END_DECLS
