/* rd-intercept-proposals.h
 *
 * Above the Intercepts page's list: the imported cases whose parcel is
 * still on its way to the buyer and is not in the register
 * (rd_import_list_intercept_proposals). A banner says how many; Review
 * lists them, each with Add to Register…, which asks the page to open the
 * new-intercept dialog prefilled from the case ("add-case"). Hidden when
 * there are none.
 */
#pragma once

#include <adwaita.h>

#include "rd-context.h"

G_BEGIN_DECLS

/* The proposals the page lists at most (the banner counts them all). */
#define RD_INTERCEPT_PROPOSALS_MAX_SHOWN 50

#define RD_TYPE_INTERCEPT_PROPOSALS (rd_intercept_proposals_get_type ())
G_DECLARE_FINAL_TYPE (RdInterceptProposals, rd_intercept_proposals, RD, INTERCEPT_PROPOSALS, AdwBin)

GtkWidget *rd_intercept_proposals_new     (void);
/* cases: RdCase*, the first proposals (at most MAX_SHOWN; the widget keeps
 * a reference of the array); n_total: how many there are. */
void       rd_intercept_proposals_set     (RdInterceptProposals *self,
                                           GPtrArray            *cases,
                                           guint                 n_total);
guint      rd_intercept_proposals_get_n   (RdInterceptProposals *self);
/* Add to Register… greyed out unless the signed-in role may intercept. */
void       rd_intercept_proposals_guard   (RdInterceptProposals *self,
                                           RdContext            *context);

G_END_DECLS
