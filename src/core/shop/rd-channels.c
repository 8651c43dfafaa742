/* rd-channels.c
 *
 * The built-in sales channels and their translated names.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-channels.h"

typedef struct
{
  const char *id;
  const char *name;   /* N_() */
} Channel;

static const Channel channels[] = {
  { "taobao",    N_("Taobao / Tmall") },
  { "pinduoduo", N_("Pinduoduo") },
  { "douyin",    N_("Douyin") },
  { "jd",        N_("JD") },
  { "kuaishou",  N_("Kuaishou") },
  { "wechat",    N_("WeChat Shop") },
  { "offline",   N_("Offline store") },
  { "website",   N_("Own website") },
  { "other",     N_("Other") },
};

static const char *const channel_ids[] = {
  "taobao", "pinduoduo", "douyin", "jd", "kuaishou",
  "wechat", "offline", "website", "other", NULL,
};

G_STATIC_ASSERT (G_N_ELEMENTS (channel_ids) == G_N_ELEMENTS (channels) + 1);

static const Channel *
find_channel (const char *id)
{
  if (id == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (channels); i++)
    if (g_str_equal (channels[i].id, id))
      return &channels[i];

  return NULL;
}

const char *const *
rd_channel_builtin_ids (void)
{
  return channel_ids;
}

gboolean
rd_channel_is_builtin (const char *id)
{
  return find_channel (id) != NULL;
}

char *
rd_channel_display_name (const char *id,
                         const char *custom_name)
{
  const Channel *channel;

  if (custom_name != NULL)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (custom_name));

      if (*trimmed != '\0')
        return g_steal_pointer (&trimmed);
    }

  channel = find_channel (id);
  if (channel != NULL)
    return g_strdup (g_dgettext (GETTEXT_PACKAGE, channel->name));

  return g_strdup (id != NULL ? id : "");
}
