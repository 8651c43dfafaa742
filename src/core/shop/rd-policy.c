/* rd-policy.c
 *
 * Defaults here must equal the schema's; test-policy compares them. The
 * settings keys are read here and nowhere else.
 */
#include "config.h"

#include <string.h>

#include "rd-policy.h"

static const struct
{
  const char *id;
  guint       hours;
} default_channels[] = {
  { "taobao", 48 }, { "pinduoduo", 48 }, { "douyin", 48 }, { "jd", 24 },
  { "kuaishou", 48 }, { "wechat", 48 }, { "offline", 24 }, { "website", 48 },
  { "other", 48 },
};

static const char *const default_remote_provinces[] = {
  "新疆", "西藏", "甘肃", "青海", "内蒙古", "宁夏", NULL,
};

/* Every key rd_policy_load_from_settings reads. */
static const char *const policy_keys[] = {
  "high-ticket-threshold", "review-threshold", "return-shipping-cap", "refund-window-days",
  "return-ship-days",
  "stall-nudge-hours", "stall-lost-hours", "stall-remote-hours", "remote-provinces", "channels",
  "lock-after-minutes",
};

static void
add_channel (RdPolicy   *policy,
             const char *id,
             guint       hours)
{
  RdPolicyChannel *channel;

  if (policy->n_channels >= RD_POLICY_MAX_CHANNELS || id == NULL || *id == '\0')
    return;

  channel = &policy->channels[policy->n_channels++];
  g_strlcpy (channel->id, id, sizeof channel->id);
  channel->auto_refund_hours = hours;
}

void
rd_policy_init_defaults (RdPolicy *policy)
{
  g_return_if_fail (policy != NULL);

  memset (policy, 0, sizeof *policy);
  policy->high_ticket_threshold = 20000;
  policy->review_threshold = 100000;
  policy->return_shipping_cap = 1500;
  policy->refund_window_days = 7;
  policy->return_ship_days = 7;
  policy->stall_nudge_hours = 24;
  policy->stall_lost_hours = 48;
  policy->stall_remote_hours = 72;
  policy->lock_after_minutes = 10;
  for (guint i = 0; i < G_N_ELEMENTS (default_channels); i++)
    add_channel (policy, default_channels[i].id, default_channels[i].hours);
  policy->remote_provinces = g_strdupv ((char **) default_remote_provinces);
}

void
rd_policy_load_from_settings (RdPolicy  *policy,
                              GSettings *settings)
{
  g_autoptr(GVariant) channels = NULL;
  GVariantIter iter;
  const char *id;
  const char *name;
  guint32 hours;

  g_return_if_fail (policy != NULL);
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  if (settings == NULL)
    {
      rd_policy_init_defaults (policy);
      return;
    }

  memset (policy, 0, sizeof *policy);
  policy->high_ticket_threshold = g_settings_get_int64 (settings, "high-ticket-threshold");
  policy->review_threshold = g_settings_get_int64 (settings, "review-threshold");
  policy->return_shipping_cap = g_settings_get_int64 (settings, "return-shipping-cap");
  policy->refund_window_days = g_settings_get_uint (settings, "refund-window-days");
  policy->return_ship_days = g_settings_get_uint (settings, "return-ship-days");
  policy->stall_nudge_hours = g_settings_get_uint (settings, "stall-nudge-hours");
  policy->stall_lost_hours = g_settings_get_uint (settings, "stall-lost-hours");
  policy->stall_remote_hours = g_settings_get_uint (settings, "stall-remote-hours");
  policy->remote_provinces = g_settings_get_strv (settings, "remote-provinces");
  policy->lock_after_minutes = g_settings_get_uint (settings, "lock-after-minutes");

  channels = g_settings_get_value (settings, "channels");
  g_variant_iter_init (&iter, channels);
  while (g_variant_iter_next (&iter, "(&s&su)", &id, &name, &hours))
    add_channel (policy, id, hours);
}

void
rd_policy_clear (RdPolicy *policy)
{
  g_return_if_fail (policy != NULL);

  g_clear_pointer (&policy->remote_provinces, g_strfreev);
  policy->n_channels = 0;
}

GSettings *
rd_policy_open_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    return NULL;

  return g_settings_new_full (schema, NULL, NULL);
}

void
rd_policy_to_calc_policy (const RdPolicy *policy,
                          RdCalcPolicy   *calc_policy)
{
  g_return_if_fail (policy != NULL);
  g_return_if_fail (calc_policy != NULL);

  calc_policy->high_ticket_threshold = policy->high_ticket_threshold;
  calc_policy->review_threshold = policy->review_threshold;
  calc_policy->return_shipping_cap = policy->return_shipping_cap;
  calc_policy->refund_window_days = policy->refund_window_days;
}

gboolean
rd_policy_is_policy_key (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (policy_keys); i++)
    if (g_strcmp0 (key, policy_keys[i]) == 0)
      return TRUE;

  return FALSE;
}

guint
rd_policy_get_auto_refund_hours (const RdPolicy *policy,
                                 const char     *channel_id)
{
  g_return_val_if_fail (policy != NULL, RD_POLICY_DEFAULT_AUTO_REFUND_HOURS);

  for (guint i = 0; i < policy->n_channels; i++)
    if (g_strcmp0 (policy->channels[i].id, channel_id) == 0)
      return policy->channels[i].auto_refund_hours;

  return RD_POLICY_DEFAULT_AUTO_REFUND_HOURS;
}

gboolean
rd_policy_is_high_ticket (const RdPolicy *policy,
                          gint64          amount)
{
  g_return_val_if_fail (policy != NULL, TRUE);

  return amount >= policy->high_ticket_threshold;
}

RdTicketClass
rd_policy_classify_ticket (const RdPolicy *policy,
                           gint64          amount,
                           const char     *currency,
                           const char     *exchange_rate,
                           gint64         *amount_cny)
{
  const RdCurrency *unit;
  gint64 rate_micro;
  gint64 denominator = 1000000;
  gint64 fen;

  g_return_val_if_fail (policy != NULL, RD_TICKET_HIGH);

  if (amount_cny != NULL)
    *amount_cny = 0;

  unit = currency != NULL && *currency != '\0' ? rd_currency_lookup (currency) : rd_currency_default ();
  if (unit == rd_currency_default ())
    fen = amount;
  else
    {
      /* A currency this build does not know has no known minor unit:
       * nothing to convert, like a missing rate. */
      if (unit == NULL || exchange_rate == NULL || *exchange_rate == '\0' ||
          !rd_calc_parse_rate (exchange_rate, &rate_micro, NULL) || rate_micro <= 0)
        return RD_TICKET_NO_RATE;

      for (guint i = 0; i < unit->exponent; i++)
        denominator *= 10;
      /* fen = amount × rate × 100 / 10^exponent, as the calculator converts. */
      if (!rd_money_mul_div (amount, rate_micro * 100, denominator,
                             RD_ROUND_HALF_AWAY_FROM_ZERO, &fen, NULL))
        fen = G_MAXINT64;
    }

  if (amount_cny != NULL)
    *amount_cny = fen;
  return fen >= policy->high_ticket_threshold ? RD_TICKET_HIGH : RD_TICKET_LOW;
}

gboolean
rd_policy_needs_review (const RdPolicy *policy,
                        gint64          amount)
{
  g_return_val_if_fail (policy != NULL, TRUE);

  return amount >= policy->review_threshold;
}

gboolean
rd_policy_is_remote_province (const RdPolicy *policy,
                              const char     *province)
{
  g_return_val_if_fail (policy != NULL, FALSE);

  if (province == NULL || *province == '\0' || policy->remote_provinces == NULL)
    return FALSE;

  /* "新疆维吾尔自治区" is 新疆: match on the listed name as a prefix. */
  for (guint i = 0; policy->remote_provinces[i] != NULL; i++)
    if (*policy->remote_provinces[i] != '\0' &&
        g_str_has_prefix (province, policy->remote_provinces[i]))
      return TRUE;

  return FALSE;
}

char *
rd_policy_format_ship_by (const RdPolicy *policy,
                          gint64          asked_at)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) last = NULL;

  g_return_val_if_fail (policy != NULL, NULL);

  utc = g_date_time_new_from_unix_utc (asked_at);
  if (utc == NULL)
    return NULL;
  local = g_date_time_to_local (utc);
  last = g_date_time_add_days (local, (int) MIN (policy->return_ship_days, 365));
  if (last == NULL)
    return NULL;

  return g_date_time_format (last, "%Y-%m-%d");
}

guint
rd_policy_get_lost_hours (const RdPolicy *policy,
                          const char     *province)
{
  g_return_val_if_fail (policy != NULL, 48);

  if (rd_policy_is_remote_province (policy, province))
    return MAX (policy->stall_remote_hours, policy->stall_lost_hours);

  return policy->stall_lost_hours;
}
