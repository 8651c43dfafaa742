/* rd-channels.h
 *
 * The built-in sales channels (淘宝/天猫, 拼多多, …): their stable ids, as
 * stored in the `channels` setting and in the ledger, and their names in the
 * user's language.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The built-in channel ids in display order, NULL-terminated:
 * taobao, pinduoduo, douyin, jd, kuaishou, wechat, offline, website, other. */
const char *const *rd_channel_builtin_ids   (void);

/* TRUE when id is one of the built-in ids. */
gboolean           rd_channel_is_builtin    (const char *id);

/* The name to show for a channel: custom_name when it is set (not NULL and
 * not empty after trimming), else the translated built-in name, else the id
 * itself (a channel someone added that this build does not know). Never NULL;
 * the string is owned by the caller. */
char              *rd_channel_display_name  (const char *id,
                                             const char *custom_name);

G_END_DECLS
