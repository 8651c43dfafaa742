/* rd-case-reply.c
 *
 * The values of a reply template for a case (see rd-case-reply.h).
 */
#include "config.h"

#include "rd-audit.h"
#include "rd-case-reply.h"
#include "rd-intercepts.h"
#include "rd-shop-lists.h"
#include "rd-time.h"

typedef struct
{
  char *courier;
  char *tracking;
} Parcel;

/* The shop's name for a courier id: its list's (renamed or its own), the
 * register's built-in name, or the id as the shop typed it. NULL for none
 * or "other", which names no courier a buyer could look up. */
static char *
courier_name (GSettings  *settings,
              const char *id)
{
  RdCourier builtin;

  if (id == NULL || *id == '\0' || g_str_equal (id, "other"))
    return NULL;

  if (settings != NULL)
    {
      g_autoptr(GPtrArray) couriers = rd_lists_get (settings, RD_LIST_COURIERS);
      const RdListItem *item = rd_lists_find (couriers, id);

      if (item != NULL)
        return g_strdup (item->name);
    }

  builtin = rd_courier_from_id (id);
  if (builtin != RD_COURIER_NONE)
    return g_strdup (rd_courier_get_name (builtin));

  return rd_courier_display_name (id, NULL);
}

static gboolean
find_parcel (RdStore       *store,
             GSettings     *settings,
             const RdCase  *rcase,
             Parcel        *parcel,
             GError       **error)
{
  g_autoptr(GPtrArray) intercepts = NULL;

  if (rcase->id > 0)
    {
      intercepts = rd_intercepts_list_for_case (store, rcase->id, error);
      if (intercepts == NULL)
        return FALSE;
    }

  /* The latest intercept is the parcel the buyer is asking about. */
  if (intercepts != NULL && intercepts->len > 0)
    {
      const RdIntercept *intercept = g_ptr_array_index (intercepts, intercepts->len - 1);

      parcel->courier = courier_name (settings, rd_courier_to_id (intercept->courier));
      parcel->tracking = g_strdup (intercept->tracking_no);
    }
  else if ((rcase->outbound_tracking != NULL && *rcase->outbound_tracking != '\0') ||
           (rcase->outbound_courier != NULL && *rcase->outbound_courier != '\0'))
    {
      parcel->courier = courier_name (settings, rcase->outbound_courier);
      parcel->tracking = g_strdup (rcase->outbound_tracking);
    }
  else
    {
      parcel->tracking = g_strdup (rcase->return_tracking);
    }

  return TRUE;
}

/* When the case was moved to awaiting the return (its latest time), or 0. */
static gboolean
find_return_asked (RdStore       *store,
                   const RdCase  *rcase,
                   gint64        *asked_at,
                   GError       **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  const char *awaiting = rd_case_status_to_id (RD_CASE_STATUS_AWAITING_RETURN);

  *asked_at = 0;
  if (rcase->id <= 0)
    return TRUE;

  entries = rd_audit_list_for_case (store, rcase->id, error);
  if (entries == NULL)
    return FALSE;

  for (guint i = 0; i < entries->len; i++)
    {
      const RdAuditEntry *entry = g_ptr_array_index (entries, i);

      if (g_strcmp0 (entry->field, "status") == 0 && g_strcmp0 (entry->new_value, awaiting) == 0)
        *asked_at = entry->at;
    }

  return TRUE;
}

char *
rd_case_reply_fill (RdStore           *store,
                    const RdPolicy    *policy,
                    GSettings         *settings,
                    const RdCase      *rcase,
                    const RdTemplate  *tmpl,
                    gint64             now,
                    GPtrArray         *missing,
                    GError           **error)
{
  const RdCurrency *currency = NULL;
  Parcel parcel = { NULL, NULL };
  g_autofree char *amount = NULL;
  g_autofree char *deadline = NULL;
  g_autofree char *ship_by = NULL;
  g_autofree char *shop = NULL;
  RdTemplateValues values = { 0 };
  gint64 asked_at;
  char *text;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (policy != NULL, NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (rcase != NULL, NULL);
  g_return_val_if_fail (tmpl != NULL && tmpl->body != NULL, NULL);

  if (!find_return_asked (store, rcase, &asked_at, error) ||
      !find_parcel (store, settings, rcase, &parcel, error))
    {
      g_free (parcel.courier);
      g_free (parcel.tracking);
      return NULL;
    }

  if (rcase->currency != NULL)
    currency = rd_currency_lookup (rcase->currency);
  if (currency == NULL)
    currency = rd_currency_default ();
  amount = rd_money_format (rcase->approved_amount > 0 ? rcase->approved_amount : rcase->amount_paid,
                            currency);
  if (rcase->platform_deadline > 0)
    deadline = rd_time_format_local (rcase->platform_deadline);
  ship_by = rd_policy_format_ship_by (policy, asked_at > 0 ? asked_at : now);
  if (settings != NULL)
    shop = g_strstrip (g_settings_get_string (settings, "shop-name"));

  values.order = rcase->order_no;
  values.amount = amount;
  values.courier = parcel.courier;
  values.tracking = parcel.tracking;
  values.deadline = deadline;
  values.ship_by = ship_by;
  values.arrival = rcase->expected_arrival;
  values.shop = shop;
  if (rcase->refusal_reason != RD_REFUSAL_REASON_NONE)
    values.reason = rd_refusal_reason_get_name (rcase->refusal_reason);

  text = rd_template_fill_all (tmpl->body, tmpl->situation, &values, missing);

  g_free (parcel.courier);
  g_free (parcel.tracking);
  return text;
}
