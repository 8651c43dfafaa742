/* rd-backup-group.c
 *
 * Preferences → Backups (rd-backup-group.h). Reads the backups through the
 * core (rd_store_backup_list) and makes one with rd_store_backup_async.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-backup-group.h"
#include "rd-store-backup.h"
#include "rd-time.h"

struct _RdBackupGroup
{
  AdwPreferencesGroup  parent_instance;

  RdContext           *context;
  GCancellable        *cancellable;   /* of the backup running, or NULL */
  char                *message;

  AdwActionRow        *last_row;
  AdwActionRow        *folder_row;
  GtkSpinButton       *keep_spin;
  GtkButton           *now_button;
  GtkProgressBar      *progress;
};

G_DEFINE_FINAL_TYPE (RdBackupGroup, rd_backup_group, ADW_TYPE_PREFERENCES_GROUP)

static const char *
ledger_path (RdBackupGroup *self)
{
  RdStore *store = rd_context_get_store (self->context);
  const char *path = store != NULL ? rd_store_get_path (store) : NULL;

  if (path == NULL || *path == '\0' || g_strcmp0 (path, ":memory:") == 0)
    return NULL;
  return path;
}

static void
update_rows (RdBackupGroup *self)
{
  const char *path = ledger_path (self);
  g_autofree char *folder = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *last = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->now_button), path != NULL && self->cancellable == NULL);
  if (path == NULL)
    {
      adw_action_row_set_subtitle (self->last_row, _("No ledger file is open"));
      adw_action_row_set_subtitle (self->folder_row, "");
      return;
    }

  folder = rd_store_backup_default_folder (path);
  adw_action_row_set_subtitle (self->folder_row, folder);

  list = rd_store_backup_list (path, NULL, NULL);
  if (list != NULL && list->len > 0)
    {
      RdBackupInfo *info = g_ptr_array_index (list, 0);
      g_autofree char *when = rd_time_format_local (info->at);
      g_autofree char *name = g_path_get_basename (info->path);
      g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, info->n_cases);
      g_autofree char *cases = g_strdup_printf (ngettext ("%s case", "%s cases", (gulong) info->n_cases), count);

      /* Translators: when, the number of cases and the backup's file name. */
      last = g_strdup_printf (_("%s · %s · %s"), when, cases, name);
    }
  else
    {
      last = g_strdup (_("None yet"));
    }
  adw_action_row_set_subtitle (self->last_row, last);
}

static void
show_toast (RdBackupGroup *self,
            const char    *message)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_PREFERENCES_WINDOW);
  AdwToast *toast = adw_toast_new (message);

  g_free (self->message);
  self->message = g_strdup (message);
  if (window == NULL)
    {
      g_object_unref (g_object_ref_sink (toast));
      return;
    }
  adw_toast_set_timeout (toast, 8);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (window), toast);
}

static void
on_backup_progress (double   fraction,
                    gpointer user_data)
{
  RdBackupGroup *self = user_data;

  gtk_progress_bar_set_fraction (self->progress, fraction);
}

static void
on_backup_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RdBackupGroup) self = user_data;
  g_autoptr(RdBackupInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = rd_store_backup_finish (result, &error);
  /* The group was closed meanwhile. */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;

  g_clear_object (&self->cancellable);
  gtk_widget_set_visible (GTK_WIDGET (self->progress), FALSE);
  update_rows (self);

  if (info != NULL)
    {
      g_autofree char *name = g_path_get_basename (info->path);
      g_autofree char *text = NULL;

      /* Translators: %s is the backup's file name. */
      text = g_strdup_printf (_("Backed up and checked: %s"), name);
      show_toast (self, text);
    }
  else
    {
      g_autofree char *text = NULL;

      /* Translators: %s says why. */
      text = g_strdup_printf (_("The backup failed: %s"), error->message);
      show_toast (self, text);
    }
}

static void
on_now_button_clicked (GtkButton     *button,
                       RdBackupGroup *self)
{
  rd_backup_group_back_up_now (self);
}

static void
rd_backup_group_dispose (GObject *object)
{
  RdBackupGroup *self = RD_BACKUP_GROUP (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (rd_backup_group_parent_class)->dispose (object);
}

static void
rd_backup_group_finalize (GObject *object)
{
  RdBackupGroup *self = RD_BACKUP_GROUP (object);

  g_free (self->message);

  G_OBJECT_CLASS (rd_backup_group_parent_class)->finalize (object);
}

static void
rd_backup_group_class_init (RdBackupGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rd_backup_group_dispose;
  object_class->finalize = rd_backup_group_finalize;
}

static void
rd_backup_group_init (RdBackupGroup *self)
{
  GtkWidget *box;
  GtkWidget *label;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Backups"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("A copy of the ledger is made on first use each day, "
                                           "and checked once written. Restore one with "
                                           "“refund-desk restore”."));

  self->last_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->last_row), _("Last Backup"));
  self->now_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Back Up Now")));
  gtk_widget_set_valign (GTK_WIDGET (self->now_button), GTK_ALIGN_CENTER);
  g_signal_connect (self->now_button, "clicked", G_CALLBACK (on_now_button_clicked), self);
  self->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->progress), GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (GTK_WIDGET (self->progress), 120, -1);
  gtk_widget_set_visible (GTK_WIDGET (self->progress), FALSE);
  adw_action_row_add_suffix (self->last_row, GTK_WIDGET (self->progress));
  adw_action_row_add_suffix (self->last_row, GTK_WIDGET (self->now_button));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->last_row));

  self->folder_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->folder_row), _("Folder"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->folder_row));

  self->keep_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (1, 3650, 1));
  gtk_widget_set_valign (GTK_WIDGET (self->keep_spin), GTK_ALIGN_CENTER);
  box = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (box), _("Keep Backups For"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (box), _("Older backups are removed after a new one is made"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (box), GTK_WIDGET (self->keep_spin));
  label = gtk_label_new (C_("backups", "days"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (box), label);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (box), GTK_WIDGET (self->keep_spin));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), box);
}

GtkWidget *
rd_backup_group_new (RdContext *context)
{
  RdBackupGroup *self;

  g_return_val_if_fail (RD_IS_CONTEXT (context), NULL);

  self = g_object_new (RD_TYPE_BACKUP_GROUP, NULL);
  self->context = g_object_ref (context);
  g_settings_bind (rd_context_get_settings (context), "backup-keep-days",
                   gtk_spin_button_get_adjustment (self->keep_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  update_rows (self);
  return GTK_WIDGET (self);
}

void
rd_backup_group_back_up_now (RdBackupGroup *self)
{
  const char *path;

  g_return_if_fail (RD_IS_BACKUP_GROUP (self));

  path = ledger_path (self);
  if (path == NULL || self->cancellable != NULL)
    return;

  self->cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress, 0.0);
  gtk_widget_set_visible (GTK_WIDGET (self->progress), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->now_button), FALSE);
  rd_store_backup_async (path, NULL, RD_BACKUP_REASON_MANUAL,
                         g_settings_get_uint (rd_context_get_settings (self->context), "backup-keep-days"),
                         on_backup_progress, self, self->cancellable,
                         on_backup_done, g_object_ref (self));
}

gboolean
rd_backup_group_is_busy (RdBackupGroup *self)
{
  g_return_val_if_fail (RD_IS_BACKUP_GROUP (self), FALSE);

  return self->cancellable != NULL;
}

const char *
rd_backup_group_get_last_text (RdBackupGroup *self)
{
  g_return_val_if_fail (RD_IS_BACKUP_GROUP (self), NULL);

  return adw_action_row_get_subtitle (self->last_row);
}

const char *
rd_backup_group_get_message (RdBackupGroup *self)
{
  g_return_val_if_fail (RD_IS_BACKUP_GROUP (self), NULL);

  return self->message;
}
