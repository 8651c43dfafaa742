/* rd-intercept-types.c
 *
 * Tables of the intercept enumerations, the status machine and the policy
 * on the linked case (see rd-intercept-types.h).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-id-table.h"
#include "rd-intercept-types.h"

G_DEFINE_QUARK (rd-intercept-error-quark, rd_intercept_error)

static const RdIdLabel intercept_statuses[RD_INTERCEPT_STATUS_LAST] = {
  { NULL, "" },
  { "pending",           N_("Pending") },
  { "requested",         N_("Intercept requested") },
  { "intercepted",       N_("Intercepted") },
  { "back_in_warehouse", N_("Back in warehouse") },
  { "failed",            N_("Intercept failed") },
  { "refused_by_buyer",  N_("Refused by buyer") },
  { "delivered",         N_("Delivered") },
  { "claim",             N_("Claim") },
};

static const RdIdLabel parcel_conditions[RD_PARCEL_CONDITION_LAST] = {
  { NULL, "" },
  { "intact",        N_("Intact") },
  { "damaged",       N_("Damaged") },
  { "parts_missing", N_("Parts missing") },
  { "not_ours",      N_("Not ours") },
};

static const RdIdLabel couriers[RD_COURIER_LAST] = {
  { NULL, "" },
  { "sf",     N_("SF Express") },
  { "zto",    N_("ZTO Express") },
  { "yto",    N_("YTO Express") },
  { "sto",    N_("STO Express") },
  { "yunda",  N_("Yunda Express") },
  { "jd",     N_("JD Logistics") },
  { "ems",    N_("EMS") },
  { "jt",     N_("J&T Express") },
  { "deppon", N_("Deppon") },
  { "other",  N_("Other courier") },
};

static const RdIdLabel claim_statuses[RD_CLAIM_STATUS_LAST] = {
  { NULL, "" },
  { "filed",   N_("Filed") },
  { "paid",    N_("Paid") },
  { "refused", N_("Refused") },
};

static const RdIdLabel events[RD_INTERCEPT_N_EVENTS] = {
  [RD_INTERCEPT_EVENT_REQUEST]           = { "request",           N_("Intercept requested") },
  [RD_INTERCEPT_EVENT_CONFIRM]           = { "confirm",           N_("Intercepted") },
  [RD_INTERCEPT_EVENT_FAIL]              = { "fail",              N_("Intercept failed") },
  [RD_INTERCEPT_EVENT_BUYER_REFUSED]     = { "buyer_refused",     N_("Buyer refused") },
  [RD_INTERCEPT_EVENT_DELIVERED]         = { "delivered",         N_("Delivered") },
  [RD_INTERCEPT_EVENT_BACK_IN_WAREHOUSE] = { "back_in_warehouse", N_("Back in warehouse") },
  [RD_INTERCEPT_EVENT_FILE_CLAIM]        = { "file_claim",        N_("File a claim") },
};

RD_ID_TABLE_DEFINE (RdInterceptStatus, rd_intercept_status, intercept_statuses, RD_INTERCEPT_STATUS_LAST)
RD_ID_TABLE_DEFINE (RdParcelCondition, rd_parcel_condition, parcel_conditions,  RD_PARCEL_CONDITION_LAST)
RD_ID_TABLE_DEFINE (RdCourier,         rd_courier,          couriers,           RD_COURIER_LAST)
RD_ID_TABLE_DEFINE (RdClaimStatus,     rd_claim_status,     claim_statuses,     RD_CLAIM_STATUS_LAST)

const char *
rd_intercept_event_to_id (RdInterceptEvent event)
{
  g_return_val_if_fail ((guint) event < RD_INTERCEPT_N_EVENTS, NULL);
  return events[event].id;
}

const char *
rd_intercept_event_to_label (RdInterceptEvent event)
{
  g_return_val_if_fail ((guint) event < RD_INTERCEPT_N_EVENTS, NULL);
  return _(events[event].name);
}

static gboolean
not_now (RdInterceptStatus  from,
         RdInterceptEvent   event,
         GError           **error)
{
  g_set_error (error, RD_INTERCEPT_ERROR, RD_INTERCEPT_ERROR_NOT_NOW,
               _("This parcel is “%s”: “%s” is not possible now."),
               rd_intercept_status_get_name (from),
               rd_intercept_event_to_label (event));
  return FALSE;
}

/* judge_inputs: also judge the condition the user gives. */
static gboolean
check (RdInterceptStatus   from,
       RdInterceptEvent    event,
       RdParcelCondition   current_condition,
       RdParcelCondition   condition,
       gboolean            judge_inputs,
       RdInterceptStatus  *to,
       GError            **error)
{
  if ((int) from <= RD_INTERCEPT_STATUS_NONE || from >= RD_INTERCEPT_STATUS_LAST)
    return not_now (from, event, error);

  switch (event)
    {
    case RD_INTERCEPT_EVENT_REQUEST:
      if (from != RD_INTERCEPT_STATUS_PENDING)
        return not_now (from, event, error);
      *to = RD_INTERCEPT_STATUS_REQUESTED;
      return TRUE;

    case RD_INTERCEPT_EVENT_CONFIRM:
      if (from != RD_INTERCEPT_STATUS_REQUESTED)
        return not_now (from, event, error);
      *to = RD_INTERCEPT_STATUS_INTERCEPTED;
      return TRUE;

    case RD_INTERCEPT_EVENT_FAIL:
      if (from != RD_INTERCEPT_STATUS_REQUESTED && from != RD_INTERCEPT_STATUS_INTERCEPTED)
        return not_now (from, event, error);
      *to = RD_INTERCEPT_STATUS_FAILED;
      return TRUE;

    case RD_INTERCEPT_EVENT_BUYER_REFUSED:
    case RD_INTERCEPT_EVENT_DELIVERED:
      if (from != RD_INTERCEPT_STATUS_FAILED)
        return not_now (from, event, error);
      *to = event == RD_INTERCEPT_EVENT_DELIVERED ? RD_INTERCEPT_STATUS_DELIVERED
                                                  : RD_INTERCEPT_STATUS_REFUSED_BY_BUYER;
      return TRUE;

    case RD_INTERCEPT_EVENT_BACK_IN_WAREHOUSE:
      if (judge_inputs &&
          (condition <= RD_PARCEL_CONDITION_NONE || condition >= RD_PARCEL_CONDITION_NOT_OURS))
        {
          g_set_error_literal (error, RD_INTERCEPT_ERROR, RD_INTERCEPT_ERROR_NEEDS_CONDITION,
                               _("Look at the parcel and choose its condition: intact, damaged or parts missing."));
          return FALSE;
        }
      if (from == RD_INTERCEPT_STATUS_BACK_IN_WAREHOUSE &&
          (!judge_inputs || condition == current_condition))
        return not_now (from, event, error);
      *to = RD_INTERCEPT_STATUS_BACK_IN_WAREHOUSE;
      return TRUE;

    case RD_INTERCEPT_EVENT_FILE_CLAIM:
      if (from != RD_INTERCEPT_STATUS_DELIVERED && !rd_intercept_status_in_transit (from))
        return not_now (from, event, error);
      *to = RD_INTERCEPT_STATUS_CLAIM;
      return TRUE;

    case RD_INTERCEPT_N_EVENTS:
    default:
      break;
    }

  g_return_val_if_reached (FALSE);
}

gboolean
rd_intercept_apply (RdInterceptStatus   from,
                    RdInterceptEvent    event,
                    RdParcelCondition   current_condition,
                    RdParcelCondition   condition,
                    RdInterceptStatus  *to,
                    GError            **error)
{
  RdInterceptStatus next = from;

  g_return_val_if_fail ((guint) event < RD_INTERCEPT_N_EVENTS, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check (from, event, current_condition, condition, TRUE, &next, error))
    return FALSE;

  if (to != NULL)
    *to = next;
  return TRUE;
}

GArray *
rd_intercept_available_events (RdInterceptStatus from)
{
  GArray *available = g_array_new (FALSE, FALSE, sizeof (RdInterceptEvent));

  for (guint i = 0; i < RD_INTERCEPT_N_EVENTS; i++)
    {
      RdInterceptEvent event = i;
      RdInterceptStatus to;

      /* Back in warehouse is offered to correct the condition, too. */
      if (event == RD_INTERCEPT_EVENT_BACK_IN_WAREHOUSE &&
          from > RD_INTERCEPT_STATUS_NONE && from < RD_INTERCEPT_STATUS_LAST)
        {
          g_array_append_val (available, event);
          continue;
        }
      if (check (from, event, RD_PARCEL_CONDITION_NONE, RD_PARCEL_CONDITION_NONE, FALSE, &to, NULL))
        g_array_append_val (available, event);
    }

  return available;
}

gboolean
rd_intercept_status_is_settled (RdInterceptStatus status)
{
  switch (status)
    {
    case RD_INTERCEPT_STATUS_INTERCEPTED:
    case RD_INTERCEPT_STATUS_BACK_IN_WAREHOUSE:
    case RD_INTERCEPT_STATUS_DELIVERED:
    case RD_INTERCEPT_STATUS_CLAIM:
    case RD_INTERCEPT_STATUS_REFUSED_BY_BUYER:
      return TRUE;
    default:
      return FALSE;
    }
}

gboolean
rd_intercept_status_in_transit (RdInterceptStatus status)
{
  switch (status)
    {
    case RD_INTERCEPT_STATUS_REQUESTED:
    case RD_INTERCEPT_STATUS_INTERCEPTED:
    case RD_INTERCEPT_STATUS_FAILED:
    case RD_INTERCEPT_STATUS_REFUSED_BY_BUYER:
      return TRUE;
    default:
      return FALSE;
    }
}

RdInterceptCaseStep
rd_intercept_case_step (RdInterceptStatus to,
                        RdCaseStatus      case_status,
                        gboolean          high_ticket)
{
  switch (to)
    {
    case RD_INTERCEPT_STATUS_REQUESTED:
      if (case_status == RD_CASE_STATUS_APPROVED)
        return high_ticket ? RD_INTERCEPT_CASE_STEP_START : RD_INTERCEPT_CASE_STEP_START_AND_PAYOUT;
      if (case_status == RD_CASE_STATUS_INTERCEPTING && !high_ticket)
        return RD_INTERCEPT_CASE_STEP_PAYOUT;
      return RD_INTERCEPT_CASE_STEP_NONE;

    case RD_INTERCEPT_STATUS_INTERCEPTED:
    case RD_INTERCEPT_STATUS_BACK_IN_WAREHOUSE:
    case RD_INTERCEPT_STATUS_REFUSED_BY_BUYER:
    case RD_INTERCEPT_STATUS_CLAIM:
      if (case_status == RD_CASE_STATUS_APPROVED)
        return RD_INTERCEPT_CASE_STEP_START_AND_PAYOUT;
      if (case_status == RD_CASE_STATUS_INTERCEPTING)
        return RD_INTERCEPT_CASE_STEP_PAYOUT;
      return RD_INTERCEPT_CASE_STEP_NONE;

    case RD_INTERCEPT_STATUS_DELIVERED:
      return rd_case_status_is_open (case_status) ? RD_INTERCEPT_CASE_STEP_SUGGEST_REFUSAL
                                                  : RD_INTERCEPT_CASE_STEP_NONE;

    case RD_INTERCEPT_STATUS_NONE:
    case RD_INTERCEPT_STATUS_PENDING:
    case RD_INTERCEPT_STATUS_FAILED:
    case RD_INTERCEPT_STATUS_LAST:
    default:
      return RD_INTERCEPT_CASE_STEP_NONE;
    }
}

gint64
rd_intercept_compute_deadline (const RdPolicy *policy,
                               const char     *channel_id,
                               gint64          requested_at)
{
  g_return_val_if_fail (policy != NULL, 0);

  if (requested_at == 0)
    return 0;
  return requested_at + (gint64) rd_policy_get_auto_refund_hours (policy, channel_id) * 3600;
}

gint64
rd_intercept_time_left (gint64 deadline,
                        gint64 now)
{
  if (deadline == 0)
    return G_MAXINT64;
  return deadline - now;
}

gboolean
rd_intercept_is_urgent (gint64 deadline,
                        gint64 now)
{
  return deadline != 0 && rd_intercept_time_left (deadline, now) < RD_INTERCEPT_URGENT_SECONDS;
}

char *
rd_intercept_format_time_left (gint64 deadline,
                               gint64 now)
{
  gint64 left = rd_intercept_time_left (deadline, now);
  gint64 span, hours, minutes;
  g_autofree char *text = NULL;

  if (deadline == 0)
    return g_strdup ("");

  span = left < 0 ? -left : left;
  hours = span / 3600;
  minutes = (span % 3600) / 60;

  if (hours >= 48)
    text = g_strdup_printf (_("%d d %d h"), (int) MIN (hours / 24, G_MAXINT), (int) (hours % 24));
  else if (hours > 0)
    text = g_strdup_printf (_("%d h %d min"), (int) hours, (int) minutes);
  else
    text = g_strdup_printf (_("%d min"), (int) minutes);

  if (left < 0)
    return g_strdup_printf (_("overdue %s"), text);
  return g_steal_pointer (&text);
}

RdInterceptStall
rd_intercept_classify_stall (const RdPolicy *policy,
                             const char     *province,
                             gint64          last_movement,
                             gint64          now)
{
  gint64 silent;

  g_return_val_if_fail (policy != NULL, RD_INTERCEPT_STALL_NONE);

  if (last_movement == 0 || now <= last_movement)
    return RD_INTERCEPT_STALL_NONE;

  silent = now - last_movement;
  if (silent >= (gint64) rd_policy_get_lost_hours (policy, province) * 3600)
    return RD_INTERCEPT_STALL_LOST;
  if (silent >= (gint64) policy->stall_nudge_hours * 3600)
    return RD_INTERCEPT_STALL_NUDGE;
  return RD_INTERCEPT_STALL_NONE;
}

char *
rd_tracking_number_normalize (const char *text)
{
  g_autofree char *copy = NULL;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;

  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0' || g_utf8_strlen (copy, -1) > 64)
    return NULL;

  for (char *p = copy; *p != '\0'; p++)
    {
      if ((guchar) *p < 0x20 || *p == 0x7f)
        return NULL;
      *p = g_ascii_toupper (*p);
    }

  return g_steal_pointer (&copy);
}
