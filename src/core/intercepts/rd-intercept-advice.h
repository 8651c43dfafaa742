/* rd-intercept-advice.h
 *
 * What to do with a parcel now, decided once for every view of the
 * register (the Intercepts page, the case pane, `refund-desk intercepts`):
 *
 *   delivered                                  → refuse with the signing proof, or file a claim
 *   on the road, no movement for the lost hours → treat as lost
 *   on the road, no movement for the nudge hours → nudge the courier
 *   no result yet, under two hours before the platform refunds by itself
 *                                              → settle the case now
 *   anything else                              → nothing: wait
 *
 * Pure: no database, no clock (`now` is given), no settings.
 */
#pragma once

#include <glib.h>

#include "rd-case-types.h"
#include "rd-intercepts.h"
#include "rd-policy.h"

G_BEGIN_DECLS

typedef enum
{
  RD_PARCEL_ADVICE_NONE,              /* wait */
  RD_PARCEL_ADVICE_REFUSE_OR_CLAIM,   /* refuse_or_claim */
  RD_PARCEL_ADVICE_TREAT_AS_LOST,     /* treat_as_lost */
  RD_PARCEL_ADVICE_NUDGE_COURIER,     /* nudge_courier */
  RD_PARCEL_ADVICE_SETTLE_NOW,        /* settle_now */
  RD_PARCEL_ADVICE_LAST
} RdParcelAdvice;

/* Stable id ("nudge_courier"; NULL for NONE) and the short translated text
 * ("nudge courier"; "" for NONE), as in rd-case-types.h. */
RD_CASE_TYPE_DECLARE (RdParcelAdvice, rd_parcel_advice)

/* The parcel has no final result and the platform refunds by itself in
 * less than RD_INTERCEPT_URGENT_SECONDS, or has passed its deadline. */
gboolean       rd_intercept_needs_settling (const RdIntercept *intercept,
                                            gint64             now);

/* What to do with the parcel at `now` by the policy's stall thresholds. */
RdParcelAdvice rd_intercept_get_advice     (const RdIntercept *intercept,
                                            const RdPolicy    *policy,
                                            gint64             now);

G_END_DECLS
