/* rd-application-open.c
 *
 * How the application opens a ledger: in a window of its own with its own
 * context (or the window already showing it is presented), an older one
 * updated on a thread behind a progress window, the integrity check in the
 * background once it is open, and the dialog that says why a file could
 * not be opened, offering another one.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "rd-application.h"
#include "rd-application-private.h"
#include "rd-context.h"
#include "rd-deadline-monitor.h"
#include "rd-idle-lock.h"
#include "rd-migrate-window.h"
#include "rd-templates.h"
#include "rd-window.h"

static void show_open_error (RdApplication *self);

static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  if (g_strcmp0 (a, b) == 0)
    return TRUE;
  if (a == NULL || b == NULL || g_stat (a, &sa) != 0 || g_stat (b, &sb) != 0)
    return FALSE;

  return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* The ledger window showing the file at path (or store), or NULL. */
static RdWindow *
find_ledger_window (RdApplication *self,
                    const char    *path,
                    RdStore       *store)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      RdStore *shown;

      if (!RD_IS_WINDOW (l->data))
        continue;
      shown = rd_context_get_store (rd_window_get_context (l->data));
      if (shown == NULL)
        continue;
      if (store != NULL ? shown == store
                        : (g_strcmp0 (path, ":memory:") != 0 &&
                           same_file (rd_store_get_path (shown), path)))
        return l->data;
    }

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

/* The ledger is whole: one written before the policy lived in it gets this
 * desk's settings (rd_context_copy_policy_from_settings). Never a damaged
 * one: the file is left as it is. */
static void
copy_policy_into (RdApplication *self,
                  RdStore       *store)
{
  RdWindow *window = find_ledger_window (self, NULL, store);
  g_autoptr(GError) error = NULL;

  if (window != NULL &&
      !rd_context_copy_policy_from_settings (rd_window_get_context (window), &error))
    g_warning ("The shop's policy could not be copied into the ledger: %s", error->message);
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
      const char *path = rd_store_get_path (RD_STORE (source));

      /* The day's backup, on a worker, of a ledger found whole. */
      self = RD_APPLICATION (user_data);
      copy_policy_into (self, RD_STORE (source));
      if (!g_hash_table_contains (self->backup_monitors, path))
        g_hash_table_insert (self->backup_monitors, g_strdup (path),
                             rd_backup_monitor_new (G_APPLICATION (self), self->settings, path));
      return;
    }
  /* Cancelled when the application shuts down or opens another ledger:
   * only then may user_data be gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = RD_APPLICATION (user_data);
  /* Said over the window of that ledger; closed meanwhile, nothing to say. */
  window = GTK_WINDOW (find_ledger_window (self, NULL, RD_STORE (source)));
  if (window == NULL)
    return;

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
check_integrity_in_background (RdApplication *self,
                               RdStore       *store)
{
  const char *path = rd_store_get_path (store);

  if (path == NULL || *path == '\0' || g_strcmp0 (path, ":memory:") == 0)
    {
      copy_policy_into (self, store);
      return;
    }

  if (self->integrity_cancellable == NULL)
    self->integrity_cancellable = g_cancellable_new ();
  rd_store_check_integrity_async (store, self->integrity_cancellable,
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

/* The idle lock of a ledger's window follows its policy. */
static void
update_idle_lock (RdIdleLock *lock,
                  GParamSpec *pspec,
                  RdContext  *context)
{
  guint minutes = rd_context_get_policy (context)->lock_after_minutes;

  rd_idle_lock_set_timeout (lock, minutes * 60 * 1000);
}

static void
on_ledger_window_destroy (GtkWidget     *window,
                          RdApplication *self)
{
  RdIdleLock *lock = g_object_get_data (G_OBJECT (window), "rd-idle-lock");

  if (lock != NULL)
    g_ptr_array_remove (self->idle_locks, lock);
}

/* The ledger is open (and at the latest version): a window of its own, with
 * its own context, and what follows it. */
static void
finish_open (RdApplication *self,
             const char    *path,
             RdStore       *store)
{
  g_autoptr(RdContext) context = NULL;
  RdIdleLock *lock;
  RdWindow *window;

  g_set_object (&self->store, store);
  install_templates (store);
  if (g_strcmp0 (self->db_path, path) != 0)
    {
      g_free (self->db_path);
      self->db_path = g_strdup (path);
    }

  context = rd_context_new (store, self->settings);
  lock = rd_idle_lock_new (context);
  update_idle_lock (lock, NULL, context);
  /* The ledger's policy says how long (lock-after-minutes). */
  g_signal_connect_object (context, "notify::policy", G_CALLBACK (update_idle_lock), lock,
                           G_CONNECT_SWAPPED);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    rd_idle_lock_watch (lock, l->data);
  /* The new window is watched by every lock as it is added. */
  g_ptr_array_add (self->idle_locks, lock);

  window = rd_window_new (GTK_APPLICATION (self), context);
  g_object_set_data (G_OBJECT (window), "rd-idle-lock", lock);
  g_signal_connect_object (window, "destroy", G_CALLBACK (on_ledger_window_destroy), self, 0);
  gtk_window_present (GTK_WINDOW (window));
  rd_window_check_people (window);

  /* Two-hour warnings for the platform deadlines of the first ledger. */
  if (self->deadline_monitor == NULL)
    self->deadline_monitor = rd_deadline_monitor_new (G_APPLICATION (self), store);

  check_integrity_in_background (self, store);
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

void
rd_application_open_ledger (RdApplication    *self,
                            const char       *path,
                            RdStoreOpenFlags  flags)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  RdWindow *shown;

  g_return_if_fail (RD_IS_APPLICATION (self));
  g_return_if_fail (path != NULL);

  if (g_strcmp0 (self->db_path, path) != 0)
    {
      g_free (self->db_path);
      self->db_path = g_strdup (path);
    }

  shown = find_ledger_window (self, path, NULL);
  if (shown != NULL)
    {
      gtk_window_present (GTK_WINDOW (shown));
      return;
    }
  if (self->migrate_window != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->migrate_window));
      return;
    }

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
  gboolean after_error = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "rd-after-error"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        rd_application_open_ledger (self, path, RD_STORE_OPEN_EXISTING);
      else if (after_error)
        show_open_error (self);
    }
  else if (after_error)
    {
      show_open_error (self);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_application_release (G_APPLICATION (self));
}

void
_rd_application_choose_ledger (RdApplication *self,
                               gboolean       after_error)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) ledgers = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Open Ledger"),
                                         gtk_application_get_active_window (GTK_APPLICATION (self)),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data (G_OBJECT (chooser), "rd-after-error", GINT_TO_POINTER (after_error));

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
    _rd_application_choose_ledger (self, TRUE);
  else if (g_strcmp0 (response, "retry") == 0 && self->open_error_path != NULL)
    {
      g_autofree char *path = g_strdup (self->open_error_path);

      /* Until the ledger's window or the next dialog is shown. */
      g_application_hold (G_APPLICATION (self));
      rd_application_open_ledger (self, path, self->open_error_flags);
      g_application_release (G_APPLICATION (self));
    }
  /* Without a ledger window, there is nothing left to show. */
  else if (_rd_application_get_main_window (self) == NULL)
    g_application_quit (G_APPLICATION (self));
}

static void
show_open_error (RdApplication *self)
{
  GtkWidget *dialog;
  g_autofree char *display_path = NULL;
  gboolean others_open = _rd_application_get_main_window (self) != NULL;

  display_path = g_filename_display_name (self->open_error_path != NULL ? self->open_error_path : "");
  dialog = adw_message_dialog_new (_rd_application_get_main_window (self),
                                   self->open_error_locked ? _("Ledger in Use")
                                                           : _("Could Not Open the Ledger"),
                                   NULL);
  /* The store's messages usually name the file already. */
  if (strstr (self->open_error_message, display_path) != NULL)
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), self->open_error_message);
  else
    adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), "%s\n\n%s",
                                    self->open_error_message, display_path);
  /* Another ledger's window stays open: only this dialog closes. */
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "quit", others_open ? _("_Close") : _("_Quit"),
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
