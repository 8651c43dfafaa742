/* test-policy.c — RdPolicy: the built-in defaults equal the schema's,
 * settings changes reach the rules, and the calculator's policy is filled
 * from the shop's. */
#include "config.h"

#include <locale.h>

#include "rd-policy.h"

static void
assert_policy_equal (const RdPolicy *a,
                     const RdPolicy *b)
{
  g_assert_cmpint (a->high_ticket_threshold, ==, b->high_ticket_threshold);
  g_assert_cmpint (a->review_threshold, ==, b->review_threshold);
  g_assert_cmpint (a->return_shipping_cap, ==, b->return_shipping_cap);
  g_assert_cmpuint (a->refund_window_days, ==, b->refund_window_days);
  g_assert_cmpuint (a->return_ship_days, ==, b->return_ship_days);
  g_assert_cmpuint (a->stall_nudge_hours, ==, b->stall_nudge_hours);
  g_assert_cmpuint (a->stall_lost_hours, ==, b->stall_lost_hours);
  g_assert_cmpuint (a->stall_remote_hours, ==, b->stall_remote_hours);
  g_assert_cmpuint (a->n_channels, ==, b->n_channels);
  for (guint i = 0; i < a->n_channels; i++)
    {
      g_assert_cmpstr (a->channels[i].id, ==, b->channels[i].id);
      g_assert_cmpuint (a->channels[i].auto_refund_hours, ==, b->channels[i].auto_refund_hours);
    }
  g_assert_true (g_strv_equal ((const char * const *) a->remote_provinces,
                               (const char * const *) b->remote_provinces));
}

static void
test_defaults_match_schema (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_auto(RdPolicy) defaults;
  g_auto(RdPolicy) loaded;

  rd_policy_init_defaults (&defaults);
  rd_policy_load_from_settings (&loaded, settings);
  assert_policy_equal (&defaults, &loaded);

  g_assert_cmpuint (rd_policy_get_auto_refund_hours (&loaded, "jd"), ==, 24);
  g_assert_cmpuint (rd_policy_get_auto_refund_hours (&loaded, "taobao"), ==, 48);
  g_assert_cmpuint (rd_policy_get_auto_refund_hours (&loaded, "unknown"), ==, RD_POLICY_DEFAULT_AUTO_REFUND_HOURS);
}

static void
test_settings_changes (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_auto(RdPolicy) policy;

  g_settings_set_int64 (settings, "high-ticket-threshold", 50000);
  g_settings_set_uint (settings, "return-ship-days", 3);
  g_settings_set_value (settings, "channels",
                        g_variant_new_parsed ("[('taobao', '', uint32 24), ('myshop', 'My shop', 72)]"));
  g_settings_set_strv (settings, "remote-provinces", (const char * const[]) { "海南", NULL });

  rd_policy_load_from_settings (&policy, settings);
  g_assert_true (rd_policy_is_high_ticket (&policy, 50000));
  g_assert_false (rd_policy_is_high_ticket (&policy, 49999));
  g_assert_cmpuint (policy.return_ship_days, ==, 3);
  g_assert_cmpuint (rd_policy_get_auto_refund_hours (&policy, "taobao"), ==, 24);
  g_assert_cmpuint (rd_policy_get_auto_refund_hours (&policy, "myshop"), ==, 72);
  g_assert_true (rd_policy_is_remote_province (&policy, "海南省"));
  g_assert_false (rd_policy_is_remote_province (&policy, "新疆维吾尔自治区"));
  g_assert_cmpuint (rd_policy_get_lost_hours (&policy, "海南省"), ==, 72);
  g_assert_cmpuint (rd_policy_get_lost_hours (&policy, "浙江省"), ==, 48);

  g_settings_reset (settings, "high-ticket-threshold");
  g_settings_reset (settings, "return-ship-days");
  g_settings_reset (settings, "channels");
  g_settings_reset (settings, "remote-provinces");
}

/* Without the schema (the command-line mode run from a build tree) the
 * policy is the defaults; with it, the settings. */
static void
test_without_settings (void)
{
  g_autoptr(GSettings) settings = rd_policy_open_settings ();
  g_auto(RdPolicy) defaults;
  g_auto(RdPolicy) without;
  g_auto(RdPolicy) with;

  g_assert_nonnull (settings);
  rd_policy_init_defaults (&defaults);
  rd_policy_load_from_settings (&without, NULL);
  assert_policy_equal (&defaults, &without);

  g_settings_set_int64 (settings, "review-threshold", 70000);
  rd_policy_load_from_settings (&with, settings);
  g_assert_cmpint (with.review_threshold, ==, 70000);
  g_settings_reset (settings, "review-threshold");
}

static void
test_calc_policy (void)
{
  static const struct
  {
    gint64 high_ticket;
    gint64 review;
    gint64 shipping_cap;
    guint  window_days;
  } cases[] = {
    { 20000, 100000, 1500, 7 },
    { 0, 0, 0, 0 },
    { 50000, 1, G_MAXINT64, 3650 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(RdPolicy) policy;
      RdCalcPolicy calc_policy = { 0, };

      rd_policy_init_defaults (&policy);
      policy.high_ticket_threshold = cases[i].high_ticket;
      policy.review_threshold = cases[i].review;
      policy.return_shipping_cap = cases[i].shipping_cap;
      policy.refund_window_days = cases[i].window_days;
      rd_policy_to_calc_policy (&policy, &calc_policy);

      g_assert_cmpint (calc_policy.high_ticket_threshold, ==, cases[i].high_ticket);
      g_assert_cmpint (calc_policy.review_threshold, ==, cases[i].review);
      g_assert_cmpint (calc_policy.return_shipping_cap, ==, cases[i].shipping_cap);
      g_assert_cmpuint (calc_policy.refund_window_days, ==, cases[i].window_days);
    }
}

static void
test_policy_keys (void)
{
  static const struct
  {
    const char *key;
    gboolean    is_policy;
  } cases[] = {
    { "high-ticket-threshold", TRUE },
    { "review-threshold", TRUE },
    { "return-shipping-cap", TRUE },
    { "refund-window-days", TRUE },
    { "return-ship-days", TRUE },
    { "stall-nudge-hours", TRUE },
    { "stall-lost-hours", TRUE },
    { "stall-remote-hours", TRUE },
    { "remote-provinces", TRUE },
    { "channels", TRUE },
    { "current-operator", FALSE },
    { "shop-name", FALSE },
    { "window-width", FALSE },
    { "", FALSE },
    { NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (rd_policy_is_policy_key (cases[i].key), ==, cases[i].is_policy);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rd/policy/defaults-match-schema", test_defaults_match_schema);
  g_test_add_func ("/rd/policy/settings-changes", test_settings_changes);
  g_test_add_func ("/rd/policy/without-settings", test_without_settings);
  g_test_add_func ("/rd/policy/calc-policy", test_calc_policy);
  g_test_add_func ("/rd/policy/policy-keys", test_policy_keys);

  return g_test_run ();
}
