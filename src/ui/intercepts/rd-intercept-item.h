/* rd-intercept-item.h
 *
 * A row of the Intercepts page's lists: one parcel (RdIntercept) or one
 * claim (RdClaim), as a GObject for GtkColumnView, with the texts of its
 * cells worked out for a given moment and policy.
 */
#pragma once

#include <gtk/gtk.h>

#include "rd-intercepts.h"

G_BEGIN_DECLS

typedef enum
{
  RD_INTERCEPT_COLUMN_TRACKING,
  RD_INTERCEPT_COLUMN_COURIER,
  RD_INTERCEPT_COLUMN_CASE,
  RD_INTERCEPT_COLUMN_AMOUNT,
  RD_INTERCEPT_COLUMN_TICKET,
  RD_INTERCEPT_COLUMN_PROVINCE,
  RD_INTERCEPT_COLUMN_REQUESTED,
  RD_INTERCEPT_COLUMN_DEADLINE,
  RD_INTERCEPT_COLUMN_TIME_LEFT,
  RD_INTERCEPT_COLUMN_MOVEMENT,
  RD_INTERCEPT_COLUMN_STATUS,
  RD_INTERCEPT_COLUMN_OPERATOR,
  RD_INTERCEPT_COLUMN_LOSS,
  /* claims */
  RD_CLAIM_COLUMN_TRACKING,
  RD_CLAIM_COLUMN_COURIER,
  RD_CLAIM_COLUMN_CASE,
  RD_CLAIM_COLUMN_CLAIMED,
  RD_CLAIM_COLUMN_FILED,
  RD_CLAIM_COLUMN_STATUS,
  RD_CLAIM_COLUMN_RECOVERED,
  RD_INTERCEPT_N_COLUMNS
} RdInterceptColumn;

#define RD_TYPE_INTERCEPT_ITEM (rd_intercept_item_get_type ())
G_DECLARE_FINAL_TYPE (RdInterceptItem, rd_intercept_item, RD, INTERCEPT_ITEM, GObject)

/* Takes ownership of intercept / claim. */
RdInterceptItem   *rd_intercept_item_new_intercept (RdIntercept       *intercept,
                                                    const RdPolicy    *policy,
                                                    gint64             now);
RdInterceptItem   *rd_intercept_item_new_claim     (RdClaim           *claim);

const RdIntercept *rd_intercept_item_get_intercept (RdInterceptItem   *self);
const RdClaim     *rd_intercept_item_get_claim     (RdInterceptItem   *self);
/* The cell's text (translated). */
char              *rd_intercept_item_get_text      (RdInterceptItem   *self,
                                                    RdInterceptColumn  column);
/* Deadline less than two hours away, or past. */
gboolean           rd_intercept_item_is_urgent     (RdInterceptItem   *self);
RdInterceptStall   rd_intercept_item_get_stall     (RdInterceptItem   *self);

/* rd_intercept_get_advice() for the parcel as a sentence (delivered: refuse
 * with the signing proof; stalled: nudge or treat as lost; under two hours
 * left: settle now), or NULL when there is nothing to do. */
char              *rd_intercept_item_get_hint      (RdInterceptItem   *self);

/* Whether the two show the same: the same parcel (or claim) with the same
 * fields, time left, ticket, stall and advice (a hash made with the item,
 * on the thread that made it). A refresh keeps the rows that do: GTK 4.8
 * builds a row's widgets again for every item replaced. */
gboolean           rd_intercept_item_shows_same    (RdInterceptItem   *self,
                                                    RdInterceptItem   *other);

/* Appends a column of GtkInscription cells showing `column` of the
 * RdInterceptItem rows; the time left turns red under two hours, a stalled
 * last movement amber with a tooltip. */
void               rd_intercept_column_view_add    (GtkColumnView     *view,
                                                    const char        *title,
                                                    RdInterceptColumn  column,
                                                    gboolean           expand);

G_END_DECLS
