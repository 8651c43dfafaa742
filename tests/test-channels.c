/* test-channels.c: built-in channel ids and their display names. */
#include "config.h"

#include <locale.h>

#include "rd-channels.h"

static void
test_display_names (void)
{
  static const struct {
    const char *id;
    const char *custom;
    const char *expected;
  } cases[] = {
    { "taobao", "", "Taobao / Tmall" },
    { "taobao", NULL, "Taobao / Tmall" },
    { "jd", "  ", "JD" },
    { "wechat", "", "WeChat Shop" },
    { "website", "", "Own website" },
    { "offline", "", "Offline store" },
    { "other", "", "Other" },
    { "douyin", "抖音旗舰店", "抖音旗舰店" },
    { "douyin", "  抖音旗舰店 ", "抖音旗舰店" },
    { "xianyu", "", "xianyu" },
    { "xianyu", "闲鱼", "闲鱼" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = rd_channel_display_name (cases[i].id, cases[i].custom);

      g_assert_cmpstr (name, ==, cases[i].expected);
    }
}

static void
test_builtin_ids (void)
{
  const char *const *ids = rd_channel_builtin_ids ();

  g_assert_cmpuint (g_strv_length ((char **) ids), ==, 9);
  g_assert_cmpstr (ids[0], ==, "taobao");
  for (guint i = 0; ids[i] != NULL; i++)
    g_assert_true (rd_channel_is_builtin (ids[i]));
  g_assert_false (rd_channel_is_builtin ("xianyu"));
  g_assert_false (rd_channel_is_builtin (NULL));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rd/channels/display-names", test_display_names);
  g_test_add_func ("/rd/channels/builtin-ids", test_builtin_ids);

  return g_test_run ();
}
