/* test-policy.c — RdPolicy: the built-in defaults equal the schema's, and
 * settings changes reach the rules. */
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
  g_settings_set_value (settings, "channels",
                        g_variant_new_parsed ("[('taobao', '', uint32 24), ('myshop', 'My shop', 72)]"));
  g_settings_set_strv (settings, "remote-provinces", (const char * const[]) { "海南", NULL });

  rd_policy_load_from_settings (&policy, settings);
  g_assert_true (rd_policy_is_high_ticket (&policy, 50000));
  g_assert_false (rd_policy_is_high_ticket (&policy, 49999));
  g_assert_cmpuint (rd_policy_get_auto_refund_hours (&policy, "taobao"), ==, 24);
  g_assert_cmpuint (rd_policy_get_auto_refund_hours (&policy, "myshop"), ==, 72);
  g_assert_true (rd_policy_is_remote_province (&policy, "海南省"));
  g_assert_false (rd_policy_is_remote_province (&policy, "新疆维吾尔自治区"));
  g_assert_cmpuint (rd_policy_get_lost_hours (&policy, "海南省"), ==, 72);
  g_assert_cmpuint (rd_policy_get_lost_hours (&policy, "浙江省"), ==, 48);

  g_settings_reset (settings, "high-ticket-threshold");
  g_settings_reset (settings, "channels");
  g_settings_reset (settings, "remote-provinces");
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rd/policy/defaults-match-schema", test_defaults_match_schema);
  g_test_add_func ("/rd/policy/settings-changes", test_settings_changes);

  return g_test_run ();
}
