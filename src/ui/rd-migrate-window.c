/* rd-migrate-window.c
 *
 * While a ledger of an older version is updated: a pulsing bar (the update
 * is a few SQL statements per version with no progress to report) and Quit.
 * The window knows nothing of the store; the application runs the update
 * and destroys this window when it is done.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-migrate-window.h"

#define PULSE_INTERVAL_MS 100

struct _RdMigrateWindow
{
  AdwWindow       parent_instance;

  guint           pulse_id;

  /* Template children */
  GtkLabel       *body_label;
  GtkProgressBar *progress_bar;
  GtkButton      *quit_button;
};

G_DEFINE_FINAL_TYPE (RdMigrateWindow, rd_migrate_window, ADW_TYPE_WINDOW)

static gboolean
pulse (gpointer user_data)
{
  RdMigrateWindow *self = RD_MIGRATE_WINDOW (user_data);

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

/* Closing the window is the same as Quit: there is nothing else to show
 * until the update is done. app.quit would close this window again, so the
 * application is asked to quit directly. */
static gboolean
rd_migrate_window_close_request (GtkWindow *window)
{
  GtkApplication *application = gtk_window_get_application (window);

  if (application != NULL)
    g_application_quit (G_APPLICATION (application));

  if (GTK_WINDOW_CLASS (rd_migrate_window_parent_class)->close_request != NULL)
    return GTK_WINDOW_CLASS (rd_migrate_window_parent_class)->close_request (window);
  return FALSE;
}

static void
rd_migrate_window_dispose (GObject *object)
{
  RdMigrateWindow *self = RD_MIGRATE_WINDOW (object);

  g_clear_handle_id (&self->pulse_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_MIGRATE_WINDOW);

  G_OBJECT_CLASS (rd_migrate_window_parent_class)->dispose (object);
}

static void
rd_migrate_window_class_init (RdMigrateWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = rd_migrate_window_dispose;
  window_class->close_request = rd_migrate_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rd-migrate-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RdMigrateWindow, body_label);
  gtk_widget_class_bind_template_child (widget_class, RdMigrateWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, RdMigrateWindow, quit_button);
}

static void
rd_migrate_window_init (RdMigrateWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->pulse_id = g_timeout_add (PULSE_INTERVAL_MS, pulse, self);
}

RdMigrateWindow *
rd_migrate_window_new (GtkApplication *application,
                       const char     *path)
{
  RdMigrateWindow *self;
  g_autofree char *display_path = NULL;
  g_autofree char *body = NULL;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (RD_TYPE_MIGRATE_WINDOW,
                       "application", application,
                       NULL);

  display_path = g_filename_display_name (path);
  /* Translators: %s is the ledger file's path. */
  body = g_strdup_printf (_("Refund Desk is updating “%s” for this version. A copy of the "
                            "file is kept next to it first. A large ledger takes a few seconds."),
                          display_path);
  gtk_label_set_label (self->body_label, body);

  return self;
}
