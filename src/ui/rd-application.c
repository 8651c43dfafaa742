/* rd-application.c
 *
 * The application: parses --db, opens the ledger on activation
 * (rd-application-open.c: in a window of its own, or says in plain words
 * why it cannot), owns the app-wide actions and their accelerators and the
 * idle locks (input in any window it shows counts as use).
 *
 * One process per desktop session: `refund-desk --db other.db` started
 * while the app runs passes its command line to the running one, which
 * opens that ledger in a window of its own (each window has its own store
 * and context, so its own operator) or presents the window already showing
 * it. "Open Another Ledger…" takes the same path.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-application.h"
#include "rd-application-private.h"
#include "rd-context.h"
#include "rd-idle-lock.h"
#include "rd-preferences-window.h"
#include "rd-tooltips.h"
#include "rd-window.h"

G_DEFINE_FINAL_TYPE (RdApplication, rd_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the ledger FILE instead of the default one"), N_("FILE") },
  { NULL }
};

GtkWindow *
_rd_application_get_main_window (RdApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (RD_IS_WINDOW (l->data))
      return GTK_WINDOW (l->data);

  return NULL;
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

/* app.open-ledger: another ledger, in a window of its own. */
static void
open_ledger_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  _rd_application_choose_ledger (RD_APPLICATION (user_data), FALSE);
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
  { "open-ledger", open_ledger_action },
  { "shortcuts", shortcuts_action },
  { "about", about_action },
  { "quit", quit_action },
};

static int
rd_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  const char *db = NULL;

  /* Absolute here: a running instance gets these options with another
   * working directory. */
  if (g_variant_dict_lookup (options, "db", "^&ay", &db) && db != NULL && *db != '\0')
    {
      g_autofree char *path = g_canonicalize_filename (db, NULL);

      g_variant_dict_insert (options, "db", "^ay", path);
    }

  return -1;
}

/* The command line of this process, or of another one started while this
 * one runs: --db opens that ledger (in a new window, or presents the window
 * showing it); without it, the windows are presented, or the default ledger
 * opened. */
static int
rd_application_command_line (GApplication            *app,
                             GApplicationCommandLine *command_line)
{
  RdApplication *self = RD_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  const char *db = NULL;

  g_clear_pointer (&self->requested_path, g_free);
  if (g_variant_dict_lookup (options, "db", "^&ay", &db) && db != NULL && *db != '\0')
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line, db);

      self->requested_path = g_file_get_path (file);
    }

  g_application_activate (app);

  return EXIT_SUCCESS;
}

static void
rd_application_window_added (GtkApplication *application,
                             GtkWindow      *window)
{
  RdApplication *self = RD_APPLICATION (application);

  GTK_APPLICATION_CLASS (rd_application_parent_class)->window_added (application, window);

  for (guint i = 0; i < self->idle_locks->len; i++)
    rd_idle_lock_watch (g_ptr_array_index (self->idle_locks, i), window);
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
    { "app.open-ledger", { "<Control>o", NULL } },
    { "win.import", { "<Control>i", NULL } },
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
  /* GTK 4.8 wraps a Chinese tooltip one character per line. */
  rd_tooltips_install ();

  self->settings = g_settings_new (APP_ID);

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
  g_autofree char *path = g_steal_pointer (&self->requested_path);
  GtkWindow *window;

  /* Started again while a ledger is being updated: one at a time. */
  if (self->migrate_window != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->migrate_window));
      return;
    }

  if (path == NULL)
    {
      window = gtk_application_get_active_window (GTK_APPLICATION (self));
      if (window == NULL || !RD_IS_WINDOW (window))
        window = _rd_application_get_main_window (self);
      if (window != NULL)
        {
          gtk_window_present (window);
          return;
        }
      path = self->db_path != NULL ? g_strdup (self->db_path) : rd_store_default_path ();
    }

  rd_application_open_ledger (self, path, RD_STORE_OPEN_DEFAULT);
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
  g_clear_object (&self->store);
  g_clear_pointer (&self->idle_locks, g_ptr_array_unref);
  g_clear_pointer (&self->backup_monitors, g_hash_table_unref);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->db_path, g_free);
  g_clear_pointer (&self->requested_path, g_free);
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
  app_class->command_line = rd_application_command_line;
  app_class->startup = rd_application_startup;
  app_class->activate = rd_application_activate;
  app_class->shutdown = rd_application_shutdown;
  gtk_app_class->window_added = rd_application_window_added;
}

static void
rd_application_init (RdApplication *self)
{
  self->idle_locks = g_ptr_array_new_with_free_func (g_object_unref);
  self->backup_monitors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
}

RdApplication *
rd_application_new (GApplicationFlags flags)
{
  return g_object_new (RD_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", flags | G_APPLICATION_HANDLES_COMMAND_LINE,
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

  /* The ledger of the window in front; each has its own preferences window. */
  parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (parent != NULL && !RD_IS_WINDOW (parent))
    parent = gtk_window_get_transient_for (parent);
  if (parent == NULL || !RD_IS_WINDOW (parent))
    parent = _rd_application_get_main_window (self);
  if (parent == NULL)
    return;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (RD_IS_PREFERENCES_WINDOW (l->data) &&
        gtk_window_get_transient_for (l->data) == parent)
      preferences = l->data;

  if (preferences == NULL)
    {
      preferences = rd_preferences_window_new (rd_window_get_context (RD_WINDOW (parent)));
      gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
      gtk_window_set_application (GTK_WINDOW (preferences), GTK_APPLICATION (self));
    }

  if (page != NULL)
    rd_preferences_window_show_page (preferences, page);

  gtk_window_present (GTK_WINDOW (preferences));
}
