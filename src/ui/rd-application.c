/* rd-application.c
 *
 * The application: parses --db, opens the ledger on activation (or says in
 * plain words why it cannot, offering another file; a ledger of an older
 * version is updated in a thread behind a progress window), checks the ledger's
 * integrity in the background once it is open (a damaged file is reported,
 * never repaired or changed), owns the app-wide actions and their
 * accelerators and the idle lock (every window it shows counts as use),
 * and creates the window.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-application.h"
#include "rd-backup-monitor.h"
#include "rd-context.h"
#include "rd-deadline-monitor.h"
#include "rd-idle-lock.h"
#include "rd-migrate-window.h"
#include "rd-preferences-window.h"
#include "rd-templates.h"
#include "rd-window.h"

struct _RdApplication
{
  AdwApplication  parent_instance;

  char           *db_path;
  RdStore        *store;
  GSettings      *settings;
  RdContext      *context;
  RdIdleLock     *idle_lock;
  RdDeadlineMonitor *deadline_monitor;
  RdBackupMonitor *backup_monitor;
  GCancellable   *integrity_cancellable;
  /* Shown while an older ledger is updated; a weak pointer. */
  RdMigrateWindow *migrate_window;

  /* The message of the last failed open, shown again when the file chooser
   * is cancelled. */
  char           *open_error_path;
  char           *open_error_message;
  RdStoreOpenFlags open_error_flags;
  gboolean        open_error_locked;
};

G_DEFINE_FINAL_TYPE (RdApplication, rd_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the ledger FILE instead of the default one"), N_("FILE") },
  { NULL }
};

static void show_open_error (RdApplication *self);

static GtkWindow *
get_main_window (RdApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (RD_IS_WINDOW (l->data))
      return GTK_WINDOW (l->data);

  return NULL;
}

/* The reply templates are written once, in the UI language of the first
 * start; a failure leaves the ledger usable without them. */
static void
install_templates (RdStore *store)
{
  g_autoptr(GError) error = NULL;

  if (rd_store_is_read_only (store))
    return;
  if (rd_templates_install_defaults (store, &error) < 0)
    g_warning ("Could not write the default reply templates: %s", error->message);
}

static void
on_integrity_checked (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  RdApplication *self;
  g_autoptr(GError) error = NULL;
  GtkWindow *window;
  GtkWidget *dialog;

  if (rd_store_check_integrity_finish (RD_STORE (source), result, &error))
    {
      self = RD_APPLICATION (user_data);
      /* The day's backup, on a worker, of a ledger found whole. */
      if (RD_STORE (source) == self->store)
        {
          g_clear_object (&self->backup_monitor);
          self->backup_monitor = rd_backup_monitor_new (G_APPLICATION (self), self->settings,
                                                        rd_store_get_path (self->store));
        }
      return;
    }
  /* Cancelled when the application shuts down or opens another ledger:
   * only then may user_data be gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = RD_APPLICATION (user_data);
  /* Another ledger was opened meanwhile: this report is about the old one. */
  if (RD_STORE (source) != self->store)
    return;

  window = get_main_window (self);
  dialog = adw_message_dialog_new (window, _("This Ledger Is Damaged"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), "%s\n\n%s",
                                  _("This ledger is damaged. The file has not been changed: "
                                    "make a copy of it now, then restore your latest backup or "
                                    "use `refund-desk check` to see what can still be read."),
                                  error->message);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"), NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The full check reads every page, seconds on a large ledger: on a worker,
 * after the window is shown. Never for an in-memory ledger (no file). */
static void
check_integrity_in_background (RdApplication *self)
{
  const char *path = rd_store_get_path (self->store);

  g_cancellable_cancel (self->integrity_cancellable);
  g_clear_object (&self->integrity_cancellable);
  if (path == NULL || *path == '\0' || g_strcmp0 (path, ":memory:") == 0)
    return;

  self->integrity_cancellable = g_cancellable_new ();
  rd_store_check_integrity_async (self->store, self->integrity_cancellable,
                                  on_integrity_checked, self);
}

/* Says why the ledger at path could not be opened, offering another file
 * (and, when another program holds it, to try again). */
static void
report_open_error (RdApplication    *self,
                   const char       *path,
                   RdStoreOpenFlags  flags,
                   const GError     *error)
{
  self->open_error_flags = flags;
  self->open_error_locked = g_error_matches (error, RD_STORE_ERROR, RD_STORE_ERROR_LOCKED);
  g_free (self->open_error_path);
  self->open_error_path = g_strdup (path);
  g_free (self->open_error_message);
  self->open_error_message = g_strdup (error != NULL ? error->message : _("Unknown error"));
  show_open_error (self);
}

/* The ledger is open (and at the latest version): the window and what
 * follows it. */
static void
finish_open (RdApplication *self,
             const char    *path,
             RdStore       *store)
{
  RdWindow *window;

  g_set_object (&self->store, store);
  rd_context_set_store (self->context, store);
  install_templates (self->store);
  if (g_strcmp0 (self->db_path, path) != 0)
    {
      g_free (self->db_path);
      self->db_path = g_strdup (path);
    }

  window = rd_window_new (GTK_APPLICATION (self), self->context);
  gtk_window_present (GTK_WINDOW (window));
  rd_window_check_people (window);

  /* Two-hour warnings for the platform deadlines of this ledger. */
  g_clear_object (&self->deadline_monitor);
  self->deadline_monitor = rd_deadline_monitor_new (G_APPLICATION (self), self->store);

  /* The daily backup starts once the check below finds the ledger whole. */
  g_clear_object (&self->backup_monitor);
  check_integrity_in_background (self);
}

/* Whether opening path would update it from an older schema. A read-only
 * open never migrates and reads little; a file that is missing or cannot be
 * opened is left to the normal open, which creates it or reports why. */
static gboolean
needs_update (const char       *path,
              RdStoreOpenFlags  flags)
{
  g_autoptr(RdStore) probe = NULL;

  /* A new database every time: nothing to update. */
  if (g_strcmp0 (path, ":memory:") == 0)
    return FALSE;
  probe = rd_store_open (path, RD_STORE_OPEN_READ_ONLY | (flags & RD_STORE_OPEN_EXISTING), NULL);

  return probe != NULL && rd_store_get_schema_version (probe) < rd_store_get_latest_version ();
}

typedef struct
{
  char             *path;
  RdStoreOpenFlags  flags;
} OpenJob;

static void
open_job_free (gpointer data)
{
  OpenJob *job = data;

  g_free (job->path);
  g_free (job);
}

/* The store is handed to the main thread once this thread is done with it:
 * SQLite (threadsafe) allows a connection to move between threads as long as
 * two never use it at once. */
static void
open_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  OpenJob *job = task_data;
  GError *error = NULL;
  RdStore *store;

  store = rd_store_open (job->path, job->flags, &error);
  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

static void
on_update_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RdApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  OpenJob *job = g_task_get_task_data (G_TASK (result));

  store = g_task_propagate_pointer (G_TASK (result), &error);

  /* The progress window was closed: the user quit and nothing more is
   * shown. (The application was asked to quit, so this only runs if the
   * main loop is iterated again.) */
  if (self->migrate_window == NULL)
    {
      g_application_release (G_APPLICATION (self));
      return;
    }

  if (store != NULL)
    finish_open (self, job->path, store);
  else
    report_open_error (self, job->path, job->flags, error);

  /* After the next window is shown, so that the application always has one. */
  gtk_window_destroy (GTK_WINDOW (self->migrate_window));
  g_application_release (G_APPLICATION (self));
}

/* A ledger of an older version is updated (a copy is made first, then the
 * schema migrated, seconds on a large ledger) in a thread, with a progress
 * window. Quitting meanwhile ends the process and the thread with it: each
 * version's migration is one SQLite transaction, so the file stays at its
 * old version (SQLite rolls the unfinished transaction back at the next
 * open); at most a partial copy is left beside it. The task's source object
 * is not a widget, and the window is only reached through a weak pointer, so
 * a late result touches nothing freed. */
static void
open_ledger_in_thread (RdApplication    *self,
                       const char       *path,
                       RdStoreOpenFlags  flags)
{
  g_autoptr(GTask) task = NULL;
  OpenJob *job;

  self->migrate_window = rd_migrate_window_new (GTK_APPLICATION (self), path);
  g_object_add_weak_pointer (G_OBJECT (self->migrate_window), (gpointer *) &self->migrate_window);
  gtk_window_present (GTK_WINDOW (self->migrate_window));

  job = g_new0 (OpenJob, 1);
  job->path = g_strdup (path);
  job->flags = flags;

  /* Keeps running while the task does, whatever windows there are. */
  g_application_hold (G_APPLICATION (self));
  task = g_task_new (NULL, NULL, on_update_done, g_object_ref (self));
  g_task_set_source_tag (task, open_ledger_in_thread);
  g_task_set_task_data (task, job, open_job_free);
  g_task_run_in_thread (task, open_in_thread);
}

static void
open_ledger (RdApplication    *self,
             const char       *path,
             RdStoreOpenFlags  flags)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;

  if (needs_update (path, flags))
    {
      open_ledger_in_thread (self, path, flags);
      return;
    }

  store = rd_store_open (path, flags, &error);
  if (store == NULL)
    report_open_error (self, path, flags, error);
  else
    finish_open (self, path, store);
}

static void
on_file_chooser_response (GtkNativeDialog *chooser,
                          int              response,
                          RdApplication   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        open_ledger (self, path, RD_STORE_OPEN_EXISTING);
      else
        show_open_error (self);
    }
  else
    {
      show_open_error (self);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_application_release (G_APPLICATION (self));
}

static void
choose_another_file (RdApplication *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) ledgers = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Open Ledger"), NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  gtk_file_filter_set_name (ledgers, _("Refund Desk ledgers"));
  gtk_file_filter_add_pattern (ledgers, "*.db");
  gtk_file_filter_add_pattern (ledgers, "*.sqlite");
  gtk_file_filter_add_pattern (ledgers, "*.sqlite3");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), ledgers);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);

  /* No window is open while the chooser shows: keep running until it answers. */
  g_application_hold (G_APPLICATION (self));
  g_signal_connect (chooser, "response", G_CALLBACK (on_file_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_open_error_response (AdwMessageDialog *dialog,
                        const char       *response,
                        RdApplication    *self)
{
  if (g_strcmp0 (response, "open") == 0)
    choose_another_file (self);
  else if (g_strcmp0 (response, "retry") == 0 && self->open_error_path != NULL)
    {
      g_autofree char *path = g_strdup (self->open_error_path);

      /* Until the ledger's window or the next dialog is shown. */
      g_application_hold (G_APPLICATION (self));
      open_ledger (self, path, self->open_error_flags);
      g_application_release (G_APPLICATION (self));
    }
  else
    g_application_quit (G_APPLICATION (self));
}

static void
show_open_error (RdApplication *self)
{
  GtkWidget *dialog;
  g_autofree char *display_path = NULL;

  display_path = g_filename_display_name (self->open_error_path != NULL ? self->open_error_path : "");
  dialog = adw_message_dialog_new (get_main_window (self),
                                   self->open_error_locked ? _("Ledger in Use")
                                                           : _("Could Not Open the Ledger"),
                                   NULL);
  /* The store's messages usually name the file already. */
  if (strstr (self->open_error_message, display_path) != NULL)
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), self->open_error_message);
  else
    adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), "%s\n\n%s",
                                    self->open_error_message, display_path);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "quit", _("_Quit"),
                                    "open", _("_Open Another File…"),
                                    NULL);
  if (self->open_error_locked)
    {
      /* Another program may let go of it in a moment. */
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "retry", _("_Try Again"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "retry",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "retry");
    }
  else
    {
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "open");
    }
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "quit");
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_signal_connect (dialog, "response", G_CALLBACK (on_open_error_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  rd_application_show_preferences (RD_APPLICATION (user_data), NULL);
}

/* app.show-preferences ("people"…): the preferences on that page. */
static void
show_preferences_action (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  rd_application_show_preferences (RD_APPLICATION (user_data), g_variant_get_string (parameter, NULL));
}

static void
shortcuts_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  RdApplication *self = RD_APPLICATION (user_data);
  static const char *developers[] = {
    "The Refund Desk developers",
    NULL
  };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "modal", TRUE,
                        "application-name", _("Refund Desk"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Refund Desk developers"),
                        "developers", developers,
                        /* Translators: your name and e-mail, one translator a line. */
                        "translator-credits", _("translator-credits"),
                        "comments", _("Keep a shop's refunds, intercepts and claims in one exact ledger"),
                        "website", "https://github.com/refunddesk/RefundDesk",
                        "issue-url", "https://github.com/refunddesk/RefundDesk/issues",
                        "copyright", "© 2026 The Refund Desk developers",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  RdApplication *self = RD_APPLICATION (user_data);

  GList *windows;

  /* Closing the windows lets each of them save its state first. */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    g_object_ref (l->data);
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free_full (windows, g_object_unref);

  g_application_quit (G_APPLICATION (self));
}

static const GActionEntry app_actions[] = {
  { "preferences", preferences_action },
  { "show-preferences", show_preferences_action, "s" },
  { "shortcuts", shortcuts_action },
  { "about", about_action },
  { "quit", quit_action },
};

static int
rd_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  RdApplication *self = RD_APPLICATION (app);
  const char *db = NULL;

  if (g_variant_dict_lookup (options, "db", "^&ay", &db) && db != NULL && *db != '\0')
    {
      g_free (self->db_path);
      self->db_path = g_canonicalize_filename (db, NULL);
    }

  return -1;
}

static void
update_idle_lock (RdApplication *self)
{
  guint minutes = g_settings_get_uint (self->settings, "lock-after-minutes");

  rd_idle_lock_set_timeout (self->idle_lock, minutes * 60 * 1000);
}

static void
rd_application_window_added (GtkApplication *application,
                             GtkWindow      *window)
{
  RdApplication *self = RD_APPLICATION (application);

  GTK_APPLICATION_CLASS (rd_application_parent_class)->window_added (application, window);

  if (self->idle_lock != NULL)
    rd_idle_lock_watch (self->idle_lock, window);
}

static void
rd_application_startup (GApplication *app)
{
  RdApplication *self = RD_APPLICATION (app);
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.shortcuts", { "<Control>question", "F1", NULL } },
    { "app.quit", { "<Control>q", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.show-page::ledger", { "<Control>1", NULL } },
    { "win.show-page::intake", { "<Control>2", NULL } },
    { "win.show-page::calculator", { "<Control>3", NULL } },
    { "win.show-page::intercepts", { "<Control>4", NULL } },
    { "win.show-page::reports", { "<Control>5", NULL } },
    /* GtkApplication gives the help overlay Ctrl+? and Ctrl+F1; app.shortcuts
     * has Ctrl+? and F1 instead. */
    { "win.show-help-overlay", { NULL } },
  };

  G_APPLICATION_CLASS (rd_application_parent_class)->startup (app);

  gtk_window_set_default_icon_name (APP_ID);

  self->settings = g_settings_new (APP_ID);
  self->context = rd_context_new (self->store, self->settings);
  self->idle_lock = rd_idle_lock_new (self->context);
  update_idle_lock (self);
  g_signal_connect_swapped (self->settings, "changed::lock-after-minutes",
                            G_CALLBACK (update_idle_lock), self);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           accels[i].action, accels[i].accels);
}

static void
rd_application_shutdown (GApplication *app)
{
  RdApplication *self = RD_APPLICATION (app);

  g_cancellable_cancel (self->integrity_cancellable);
  g_clear_object (&self->integrity_cancellable);

  G_APPLICATION_CLASS (rd_application_parent_class)->shutdown (app);
}

static void
rd_application_activate (GApplication *app)
{
  RdApplication *self = RD_APPLICATION (app);
  GtkWindow *window;

  window = get_main_window (self);
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }
  /* Started again while the ledger is being updated. */
  if (self->migrate_window != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->migrate_window));
      return;
    }

  if (self->db_path == NULL)
    self->db_path = rd_store_default_path ();

  open_ledger (self, self->db_path, RD_STORE_OPEN_DEFAULT);
}

static void
rd_application_finalize (GObject *object)
{
  RdApplication *self = RD_APPLICATION (object);

  g_cancellable_cancel (self->integrity_cancellable);
  g_clear_object (&self->integrity_cancellable);
  if (self->migrate_window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->migrate_window), (gpointer *) &self->migrate_window);
  g_clear_object (&self->deadline_monitor);
  g_clear_object (&self->backup_monitor);
  g_clear_object (&self->store);
  g_clear_object (&self->idle_lock);
  g_clear_object (&self->context);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->db_path, g_free);
  g_clear_pointer (&self->open_error_path, g_free);
  g_clear_pointer (&self->open_error_message, g_free);

  G_OBJECT_CLASS (rd_application_parent_class)->finalize (object);
}

static void
rd_application_class_init (RdApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  object_class->finalize = rd_application_finalize;

  app_class->handle_local_options = rd_application_handle_local_options;
  app_class->startup = rd_application_startup;
  app_class->activate = rd_application_activate;
  app_class->shutdown = rd_application_shutdown;
  gtk_app_class->window_added = rd_application_window_added;
}

static void
rd_application_init (RdApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
}

RdApplication *
rd_application_new (GApplicationFlags flags)
{
  return g_object_new (RD_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", flags,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

RdStore *
rd_application_get_store (RdApplication *self)
{
  g_return_val_if_fail (RD_IS_APPLICATION (self), NULL);

  return self->store;
}

const char *
rd_application_get_db_path (RdApplication *self)
{
  g_return_val_if_fail (RD_IS_APPLICATION (self), NULL);

  return self->db_path;
}


void
rd_application_show_preferences (RdApplication *self,
                                 const char    *page)
{
  GtkWindow *parent;
  RdPreferencesWindow *preferences = NULL;

  g_return_if_fail (RD_IS_APPLICATION (self));

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (RD_IS_PREFERENCES_WINDOW (l->data))
      preferences = l->data;

  if (preferences == NULL)
    {
      parent = get_main_window (self);
      preferences = rd_preferences_window_new (self->context);
      gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
      gtk_window_set_application (GTK_WINDOW (preferences), GTK_APPLICATION (self));
    }

  if (page != NULL)
    rd_preferences_window_show_page (preferences, page);

  gtk_window_present (GTK_WINDOW (preferences));
}
