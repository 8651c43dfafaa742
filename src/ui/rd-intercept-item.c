/* rd-intercept-item.c
 *
 * One row of the Intercepts page (see rd-intercept-item.h).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-intercept-item.h"
#include "rd-money.h"

struct _RdInterceptItem
{
  GObject           parent_instance;

  RdIntercept      *intercept;
  RdClaim          *claim;
  gint64            now;
  gboolean          high_ticket;
  RdInterceptStall  stall;
};

G_DEFINE_FINAL_TYPE (RdInterceptItem, rd_intercept_item, G_TYPE_OBJECT)

static void
rd_intercept_item_finalize (GObject *object)
{
  RdInterceptItem *self = RD_INTERCEPT_ITEM (object);

  g_clear_pointer (&self->intercept, rd_intercept_free);
  g_clear_pointer (&self->claim, rd_claim_free);

  G_OBJECT_CLASS (rd_intercept_item_parent_class)->finalize (object);
}

static void
rd_intercept_item_class_init (RdInterceptItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rd_intercept_item_finalize;
}

static void
rd_intercept_item_init (RdInterceptItem *self)
{
}

char *
rd_format_local_time (gint64 at)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (at == 0)
    return g_strdup ("");
  utc = g_date_time_new_from_unix_utc (at);
  if (utc == NULL)
    return g_strdup ("");
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

RdInterceptItem *
rd_intercept_item_new_intercept (RdIntercept    *intercept,
                                 const RdPolicy *policy,
                                 gint64          now)
{
  RdInterceptItem *self = g_object_new (RD_TYPE_INTERCEPT_ITEM, NULL);

  self->intercept = intercept;
  self->now = now;
  self->high_ticket = rd_intercept_is_high_ticket (intercept, policy);
  if (rd_intercept_status_in_transit (intercept->status))
    self->stall = rd_intercept_classify_stall (policy, intercept->province,
                                               rd_intercept_get_quiet_since (intercept), now);
  return self;
}

RdInterceptItem *
rd_intercept_item_new_claim (RdClaim *claim)
{
  RdInterceptItem *self = g_object_new (RD_TYPE_INTERCEPT_ITEM, NULL);

  self->claim = claim;
  return self;
}

const RdIntercept *
rd_intercept_item_get_intercept (RdInterceptItem *self)
{
  g_return_val_if_fail (RD_IS_INTERCEPT_ITEM (self), NULL);
  return self->intercept;
}

const RdClaim *
rd_intercept_item_get_claim (RdInterceptItem *self)
{
  g_return_val_if_fail (RD_IS_INTERCEPT_ITEM (self), NULL);
  return self->claim;
}

gboolean
rd_intercept_item_is_urgent (RdInterceptItem *self)
{
  g_return_val_if_fail (RD_IS_INTERCEPT_ITEM (self), FALSE);

  return self->intercept != NULL &&
         !rd_intercept_status_is_settled (self->intercept->status) &&
         self->intercept->status != RD_INTERCEPT_STATUS_BACK_IN_WAREHOUSE &&
         rd_intercept_is_urgent (self->intercept->platform_deadline, self->now);
}

RdInterceptStall
rd_intercept_item_get_stall (RdInterceptItem *self)
{
  g_return_val_if_fail (RD_IS_INTERCEPT_ITEM (self), RD_INTERCEPT_STALL_NONE);
  return self->stall;
}

static char *
intercept_text (RdInterceptItem   *self,
                RdInterceptColumn  column)
{
  const RdIntercept *it = self->intercept;

  switch (column)
    {
    case RD_INTERCEPT_COLUMN_TRACKING:
      return g_strdup (it->tracking_no);
    case RD_INTERCEPT_COLUMN_COURIER:
      return g_strdup (rd_courier_get_name (it->courier));
    case RD_INTERCEPT_COLUMN_CASE:
      if (it->case_no != NULL && it->order_no != NULL)
        return g_strdup_printf ("%s · %s", it->case_no, it->order_no);
      return g_strdup (it->case_no != NULL ? it->case_no : it->order_no != NULL ? it->order_no : "");
    case RD_INTERCEPT_COLUMN_AMOUNT:
      return rd_money_format (it->amount, NULL);
    case RD_INTERCEPT_COLUMN_TICKET:
      return g_strdup (self->high_ticket ? C_("ticket", "High") : C_("ticket", "Low"));
    case RD_INTERCEPT_COLUMN_PROVINCE:
      return g_strdup (it->province != NULL ? it->province : "");
    case RD_INTERCEPT_COLUMN_REQUESTED:
      return rd_format_local_time (it->requested_at);
    case RD_INTERCEPT_COLUMN_DEADLINE:
      return rd_format_local_time (it->platform_deadline);
    case RD_INTERCEPT_COLUMN_TIME_LEFT:
      if (rd_intercept_status_is_settled (it->status) ||
          it->status == RD_INTERCEPT_STATUS_BACK_IN_WAREHOUSE)
        return g_strdup ("");
      return rd_intercept_format_time_left (it->platform_deadline, self->now);
    case RD_INTERCEPT_COLUMN_MOVEMENT:
      return rd_format_local_time (it->last_movement_at);
    case RD_INTERCEPT_COLUMN_STATUS:
      if (it->status == RD_INTERCEPT_STATUS_BACK_IN_WAREHOUSE && it->condition != RD_PARCEL_CONDITION_NONE)
        return g_strdup_printf ("%s · %s", rd_intercept_status_get_name (it->status),
                                rd_parcel_condition_get_name (it->condition));
      return g_strdup (rd_intercept_status_get_name (it->status));
    case RD_INTERCEPT_COLUMN_OPERATOR:
      return g_strdup (it->operator != NULL ? it->operator : "");
    case RD_INTERCEPT_COLUMN_LOSS:
      return rd_money_format (rd_intercept_get_loss (it), NULL);
    default:
      return g_strdup ("");
    }
}

static char *
claim_text (RdInterceptItem   *self,
            RdInterceptColumn  column)
{
  const RdClaim *claim = self->claim;

  switch (column)
    {
    case RD_CLAIM_COLUMN_TRACKING:
      return g_strdup (claim->tracking_no);
    case RD_CLAIM_COLUMN_COURIER:
      return g_strdup (rd_courier_get_name (claim->courier));
    case RD_CLAIM_COLUMN_CASE:
      return g_strdup (claim->case_no != NULL ? claim->case_no : "");
    case RD_CLAIM_COLUMN_CLAIMED:
      return rd_money_format (claim->amount_claimed, NULL);
    case RD_CLAIM_COLUMN_FILED:
      return rd_format_local_time (claim->filed_at);
    case RD_CLAIM_COLUMN_STATUS:
      return g_strdup (rd_claim_status_get_name (claim->status));
    case RD_CLAIM_COLUMN_RECOVERED:
      return claim->status == RD_CLAIM_STATUS_FILED ? g_strdup ("")
             : rd_money_format (claim->amount_recovered, NULL);
    default:
      return g_strdup ("");
    }
}

char *
rd_intercept_item_get_text (RdInterceptItem   *self,
                            RdInterceptColumn  column)
{
  g_return_val_if_fail (RD_IS_INTERCEPT_ITEM (self), NULL);

  if (self->intercept != NULL)
    return intercept_text (self, column);
  return claim_text (self, column);
}
