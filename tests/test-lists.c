/* test-lists.c — the shop's editable lists in GSettings: the defaults match
 * the built-in tables, the shop's own entries are added, renamed, retagged
 * and removed, built-in ones only renamed, and bad names are refused. */
#include "config.h"

#include <locale.h>

#include "rd-case-types.h"
#include "rd-channels.h"
#include "rd-shop-lists.h"

static GSettings *
fresh_settings (void)
{
  GSettings *settings = g_settings_new (APP_ID);

  for (guint kind = 0; kind < RD_LIST_N_KINDS; kind++)
    g_settings_reset (settings, rd_lists_get_key (kind));
  return settings;
}

static void
test_lists_defaults (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  g_autoptr(GPtrArray) channels = rd_lists_get (settings, RD_LIST_CHANNELS);
  g_autoptr(GPtrArray) reasons = rd_lists_get (settings, RD_LIST_REASONS);
  g_autoptr(GPtrArray) methods = rd_lists_get (settings, RD_LIST_PAYMENT_METHODS);
  g_autoptr(GPtrArray) couriers = rd_lists_get (settings, RD_LIST_COURIERS);
  const RdRefundReason *builtin_reasons = rd_refund_reason_list ();
  const char *const *channel_ids = rd_channel_builtin_ids ();
  const char *const *courier_ids = rd_courier_builtin_ids ();
  guint n;

  /* Every built-in entry is in its list, in the built-in order. */
  g_assert_cmpuint (channels->len, ==, g_strv_length ((char **) channel_ids));
  for (guint i = 0; i < channels->len; i++)
    {
      RdListItem *item = g_ptr_array_index (channels, i);

      g_assert_cmpstr (item->id, ==, channel_ids[i]);
      g_assert_true (item->builtin);
      g_assert_cmpuint (item->hours, >, 0);
    }

  for (n = 0; builtin_reasons[n].id != NULL; n++)
    {
      RdListItem *item = g_ptr_array_index (reasons, n);

      g_assert_cmpstr (item->id, ==, builtin_reasons[n].id);
      g_assert_cmpstr (item->tag, ==, rd_fault_to_id (builtin_reasons[n].fault));
      g_assert_cmpstr (item->name, ==, rd_refund_reason_get_name (item->id));
    }
  g_assert_cmpuint (reasons->len, ==, n);

  g_assert_cmpuint (methods->len, ==, RD_PAYMENT_METHOD_LAST - 1);
  for (guint i = 0; i < methods->len; i++)
    {
      RdListItem *item = g_ptr_array_index (methods, i);

      g_assert_cmpint (rd_payment_method_from_id (item->id), ==, i + 1);
      g_assert_cmpstr (item->tag, ==, item->id);
    }

  g_assert_cmpuint (couriers->len, ==, g_strv_length ((char **) courier_ids));
  g_assert_cmpstr (((RdListItem *) g_ptr_array_index (couriers, 0))->name, ==, "SF Express");
  g_assert_cmpstr (((RdListItem *) g_ptr_array_index (couriers, 7))->id, ==, "jtexpress");
}

static void
test_lists_custom_entries (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  const RdListItem *item;

  /* A channel the shop sells on: its text is its id, with the default deadline. */
  g_assert_true (rd_lists_add (settings, RD_LIST_CHANNELS, "  小红书 ", NULL, &error));
  g_assert_no_error (error);
  items = rd_lists_get (settings, RD_LIST_CHANNELS);
  item = rd_lists_find (items, "小红书");
  g_assert_nonnull (item);
  g_assert_false (item->builtin);
  g_assert_cmpstr (item->name, ==, "小红书");
  g_assert_cmpuint (item->hours, ==, 48);
  g_clear_pointer (&items, g_ptr_array_unref);

  /* Renamed: the id (what cases store) stays. */
  g_assert_true (rd_lists_rename (settings, RD_LIST_CHANNELS, "小红书", "小红书店铺", &error));
  g_assert_no_error (error);
  items = rd_lists_get (settings, RD_LIST_CHANNELS);
  item = rd_lists_find (items, "小红书");
  g_assert_cmpstr (item->name, ==, "小红书店铺");
  g_clear_pointer (&items, g_ptr_array_unref);

  /* A built-in channel is renamed, and an empty name gives its own back. */
  g_assert_true (rd_lists_rename (settings, RD_LIST_CHANNELS, "taobao", "天猫旗舰店", &error));
  items = rd_lists_get (settings, RD_LIST_CHANNELS);
  g_assert_cmpstr (rd_lists_find (items, "taobao")->name, ==, "天猫旗舰店");
  g_clear_pointer (&items, g_ptr_array_unref);
  g_assert_true (rd_lists_rename (settings, RD_LIST_CHANNELS, "taobao", "", &error));
  items = rd_lists_get (settings, RD_LIST_CHANNELS);
  g_assert_cmpstr (rd_lists_find (items, "taobao")->name, ==, "Taobao / Tmall");
  g_assert_cmpstr (rd_lists_find (items, "taobao")->custom_name, ==, "");
  g_clear_pointer (&items, g_ptr_array_unref);

  /* Built-in entries stay; the shop's own go. */
  g_assert_false (rd_lists_remove (settings, RD_LIST_CHANNELS, "jd", &error));
  g_assert_error (error, RD_LISTS_ERROR, RD_LISTS_ERROR_BUILTIN);
  g_clear_error (&error);
  g_assert_true (rd_lists_remove (settings, RD_LIST_CHANNELS, "小红书", &error));
  g_assert_no_error (error);
  items = rd_lists_get (settings, RD_LIST_CHANNELS);
  g_assert_null (rd_lists_find (items, "小红书"));
  g_assert_nonnull (rd_lists_find (items, "jd"));
  g_clear_pointer (&items, g_ptr_array_unref);

  /* A reason with its fault, retagged. */
  g_assert_true (rd_lists_add (settings, RD_LIST_REASONS, "Late delivery", "logistics", &error));
  g_assert_true (rd_lists_set_tag (settings, RD_LIST_REASONS, "Late delivery", "merchant", &error));
  g_assert_no_error (error);
  items = rd_lists_get (settings, RD_LIST_REASONS);
  g_assert_cmpstr (rd_lists_find (items, "Late delivery")->tag, ==, "merchant");
  g_clear_pointer (&items, g_ptr_array_unref);
  g_assert_false (rd_lists_set_tag (settings, RD_LIST_REASONS, "Late delivery", "weather", &error));
  g_assert_error (error, RD_LISTS_ERROR, RD_LISTS_ERROR_INVALID);
  g_clear_error (&error);

  /* A payment method counts as a built-in one; built-in ones as themselves. */
  g_assert_true (rd_lists_add (settings, RD_LIST_PAYMENT_METHODS, "云闪付", "bank_transfer", &error));
  items = rd_lists_get (settings, RD_LIST_PAYMENT_METHODS);
  g_assert_cmpstr (rd_lists_find (items, "云闪付")->tag, ==, "bank_transfer");
  g_clear_pointer (&items, g_ptr_array_unref);
  g_assert_false (rd_lists_set_tag (settings, RD_LIST_PAYMENT_METHODS, "alipay", "cash", &error));
  g_assert_error (error, RD_LISTS_ERROR, RD_LISTS_ERROR_BUILTIN);
  g_clear_error (&error);

  /* A courier. */
  g_assert_true (rd_lists_add (settings, RD_LIST_COURIERS, "跨越速运", NULL, &error));
  items = rd_lists_get (settings, RD_LIST_COURIERS);
  g_assert_cmpstr (((RdListItem *) g_ptr_array_index (items, items->len - 1))->id, ==, "跨越速运");
}

static void
test_lists_bad_names (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  g_autoptr(GVariant) before = g_settings_get_value (settings, "channels");
  g_autoptr(GVariant) after = NULL;
  g_autofree char *long_name = g_strnfill (65, 'x');
  g_autoptr(GError) error = NULL;
  static const struct { const char *name; int code; } cases[] = {
    { "",              RD_LISTS_ERROR_EMPTY },
    { "   ",           RD_LISTS_ERROR_EMPTY },
    { "taobao",        RD_LISTS_ERROR_DUPLICATE },   /* a built-in id */
    { "Pinduoduo",     RD_LISTS_ERROR_DUPLICATE },   /* a built-in name */
    { "PINDUODUO",     RD_LISTS_ERROR_DUPLICATE },   /* whatever the case */
    { "line\nbreak",   RD_LISTS_ERROR_INVALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_false (rd_lists_add (settings, RD_LIST_CHANNELS, cases[i].name, NULL, &error));
      g_assert_error (error, RD_LISTS_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, !=, "");
      g_clear_error (&error);
    }
  g_assert_false (rd_lists_add (settings, RD_LIST_CHANNELS, long_name, NULL, &error));
  g_assert_error (error, RD_LISTS_ERROR, RD_LISTS_ERROR_TOO_LONG);
  g_clear_error (&error);

  /* Renaming one entry to another's name is refused too. */
  g_assert_false (rd_lists_rename (settings, RD_LIST_CHANNELS, "jd", "Douyin", &error));
  g_assert_error (error, RD_LISTS_ERROR, RD_LISTS_ERROR_DUPLICATE);
  g_clear_error (&error);

  /* Nothing was written. */
  after = g_settings_get_value (settings, "channels");
  g_assert_true (g_variant_equal (before, after));
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rd/lists/defaults", test_lists_defaults);
  g_test_add_func ("/rd/lists/custom-entries", test_lists_custom_entries);
  g_test_add_func ("/rd/lists/bad-names", test_lists_bad_names);

  return g_test_run ();
}
