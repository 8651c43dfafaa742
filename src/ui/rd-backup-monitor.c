/* rd-backup-monitor.c
 *
 * The daily backup (rd-backup-monitor.h): an hourly timer around
 * rd_store_backup_async, one run at a time.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-backup-monitor.h"
#include "rd-store-backup.h"

#define CHECK_INTERVAL_SECONDS (60 * 60)

struct _RdBackupMonitor
{
  GObject       parent_instance;

  GApplication *application;   /* weak: the application owns the monitor */
  GSettings    *settings;
  char         *ledger_path;
  GCancellable *cancellable;   /* of the run in progress, or NULL */
  guint         timeout_id;
};

G_DEFINE_FINAL_TYPE (RdBackupMonitor, rd_backup_monitor, G_TYPE_OBJECT)

static void
on_backup_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RdBackupMonitor) self = user_data;
  g_autoptr(RdBackupInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = rd_store_backup_finish (result, &error);
  /* Stopped (the app quits, another ledger is opened): whatever happened
   * to the copy is no news. */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;
  g_clear_object (&self->cancellable);
  if (info != NULL)
    {
      g_debug ("The daily backup is %s", info->path);
      return;
    }
  if (error == NULL)
    return;

  /* Said to the user by the notification; a damaged ledger is also
   * reported by the integrity check after opening. */
  g_message ("The daily backup failed: %s", error->message);
  if (self->application != NULL)
    {
      g_autoptr(GNotification) notification = g_notification_new (_("The daily backup failed"));

      g_notification_set_body (notification, error->message);
      g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
      g_application_send_notification (self->application, "daily-backup", notification);
    }
}

static gboolean
on_timeout (gpointer user_data)
{
  RdBackupMonitor *self = user_data;

  if (self->cancellable != NULL)
    return G_SOURCE_CONTINUE;

  self->cancellable = g_cancellable_new ();
  rd_store_backup_async (self->ledger_path, NULL, RD_BACKUP_REASON_DAILY,
                         g_settings_get_uint (self->settings, "backup-keep-days"),
                         NULL, NULL, self->cancellable, on_backup_done, g_object_ref (self));
  return G_SOURCE_CONTINUE;
}

static void
rd_backup_monitor_dispose (GObject *object)
{
  RdBackupMonitor *self = RD_BACKUP_MONITOR (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_weak_pointer (&self->application);

  G_OBJECT_CLASS (rd_backup_monitor_parent_class)->dispose (object);
}

static void
rd_backup_monitor_finalize (GObject *object)
{
  RdBackupMonitor *self = RD_BACKUP_MONITOR (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_free (self->ledger_path);

  G_OBJECT_CLASS (rd_backup_monitor_parent_class)->finalize (object);
}

static void
rd_backup_monitor_class_init (RdBackupMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rd_backup_monitor_dispose;
  object_class->finalize = rd_backup_monitor_finalize;
}

static void
rd_backup_monitor_init (RdBackupMonitor *self)
{
}

RdBackupMonitor *
rd_backup_monitor_new (GApplication *application,
                       GSettings    *settings,
                       const char   *ledger_path)
{
  RdBackupMonitor *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (RD_TYPE_BACKUP_MONITOR, NULL);
  g_set_weak_pointer (&self->application, application);
  self->settings = g_object_ref (settings);
  self->ledger_path = g_strdup (ledger_path);

  if (ledger_path == NULL || *ledger_path == '\0' || g_strcmp0 (ledger_path, ":memory:") == 0)
    return self;

  on_timeout (self);
  self->timeout_id = g_timeout_add_seconds (CHECK_INTERVAL_SECONDS, on_timeout, self);
  return self;
}
