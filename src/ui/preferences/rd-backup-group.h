/* rd-backup-group.h
 *
 * Preferences → Shop → Backups: the ledger's last backup (when, how many
 * cases, where), how many days backups are kept (backup-keep-days), and
 * "Back Up Now", which copies the ledger on a worker thread (the core's
 * rd_store_backup_async) with a progress bar and says how it went in a
 * toast.
 */
#pragma once

#include <adwaita.h>

#include "rd-context.h"

G_BEGIN_DECLS

#define RD_TYPE_BACKUP_GROUP (rd_backup_group_get_type ())
G_DECLARE_FINAL_TYPE (RdBackupGroup, rd_backup_group, RD, BACKUP_GROUP, AdwPreferencesGroup)

GtkWidget  *rd_backup_group_new           (RdContext     *context);

/* As the button: starts a backup unless one is running. */
void        rd_backup_group_back_up_now   (RdBackupGroup *self);
gboolean    rd_backup_group_is_busy       (RdBackupGroup *self);
/* The last backup row's subtitle and the last toast's text (or NULL). */
const char *rd_backup_group_get_last_text (RdBackupGroup *self);
const char *rd_backup_group_get_message   (RdBackupGroup *self);

G_END_DECLS
