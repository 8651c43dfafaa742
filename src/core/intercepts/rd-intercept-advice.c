/* rd-intercept-advice.c
 *
 * What to do with a parcel now (see rd-intercept-advice.h).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-id-table.h"
#include "rd-intercept-advice.h"

static const RdIdLabel advices[RD_PARCEL_ADVICE_LAST] = {
  { NULL, "" },
  { "refuse_or_claim", N_("refuse with the signing proof, or file a claim") },
  { "treat_as_lost",   N_("treat as lost") },
  { "nudge_courier",   N_("nudge courier") },
  { "settle_now",      N_("settle now") },
};

RD_ID_TABLE_DEFINE (RdParcelAdvice, rd_parcel_advice, advices, RD_PARCEL_ADVICE_LAST)

gboolean
rd_intercept_needs_settling (const RdIntercept *intercept,
                             gint64             now)
{
  g_return_val_if_fail (intercept != NULL, FALSE);

  return !rd_intercept_status_is_settled (intercept->status) &&
         rd_intercept_is_urgent (intercept->platform_deadline, now);
}

RdParcelAdvice
rd_intercept_get_advice (const RdIntercept *intercept,
                         const RdPolicy    *policy,
                         gint64             now)
{
  g_return_val_if_fail (intercept != NULL, RD_PARCEL_ADVICE_NONE);
  g_return_val_if_fail (policy != NULL, RD_PARCEL_ADVICE_NONE);

  if (intercept->status == RD_INTERCEPT_STATUS_DELIVERED)
    return RD_PARCEL_ADVICE_REFUSE_OR_CLAIM;

  if (rd_intercept_status_in_transit (intercept->status))
    switch (rd_intercept_classify_stall (policy, intercept->province,
                                         rd_intercept_get_quiet_since (intercept), now))
      {
      case RD_INTERCEPT_STALL_LOST:
        return RD_PARCEL_ADVICE_TREAT_AS_LOST;
      case RD_INTERCEPT_STALL_NUDGE:
        return RD_PARCEL_ADVICE_NUDGE_COURIER;
      case RD_INTERCEPT_STALL_NONE:
      default:
        break;
      }

  if (rd_intercept_needs_settling (intercept, now))
    return RD_PARCEL_ADVICE_SETTLE_NOW;
  return RD_PARCEL_ADVICE_NONE;
}
