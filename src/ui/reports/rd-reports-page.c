/* rd-reports-page.c
 *
 * The Reports page. For now it offers the month's Excel export for the
 * accountant (the charts come later) and shows the toast of a finished
 * export, whose Open button opens the workbook.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-export-dialog.h"
#include "rd-reports-page.h"

struct _RdReportsPage
{
  AdwBin           parent_instance;

  RdContext       *context;
  char            *last_export;

  /* Template children */
  AdwToastOverlay *toast_overlay;
};

G_DEFINE_FINAL_TYPE (RdReportsPage, rd_reports_page, ADW_TYPE_BIN)

/* Callbacks */

static void
on_dialog_exported (RdReportsPage  *self,
                    const char     *path,
                    RdExportDialog *dialog)
{
  rd_reports_page_show_exported (self, path);
}

static void
open_export_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RdReportsPage *self = RD_REPORTS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;

  if (self->last_export == NULL)
    return;
  file = g_file_new_for_path (self->last_export);
  uri = g_file_get_uri (file);
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

/* Overrides */

static void
rd_reports_page_dispose (GObject *object)
{
  /* AdwBin would unparent its child again after the template did. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), RD_TYPE_REPORTS_PAGE);

  G_OBJECT_CLASS (rd_reports_page_parent_class)->dispose (object);
}

static void
rd_reports_page_finalize (GObject *object)
{
  RdReportsPage *self = RD_REPORTS_PAGE (object);

  g_free (self->last_export);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (rd_reports_page_parent_class)->finalize (object);
}

static void
rd_reports_page_class_init (RdReportsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_reports_page_dispose;
  object_class->finalize = rd_reports_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rd-reports-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RdReportsPage, toast_overlay);

  gtk_widget_class_install_action (widget_class, "reports.open-export", NULL, open_export_action);
}

static void
rd_reports_page_init (RdReportsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

GtkWidget *
rd_reports_page_new (void)
{
  return g_object_new (RD_TYPE_REPORTS_PAGE, NULL);
}

void
rd_reports_page_set_context (RdReportsPage *self,
                             RdContext     *context)
{
  g_return_if_fail (RD_IS_REPORTS_PAGE (self));
  g_return_if_fail (RD_IS_CONTEXT (context));

  g_set_object (&self->context, context);
}

void
rd_reports_page_export (RdReportsPage *self)
{
  GtkRoot *root;
  RdStore *store = self->context != NULL ? rd_context_get_store (self->context) : NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *shop_name = NULL;
  g_autofree char *operator = NULL;
  RdExportDialog *dialog;

  g_return_if_fail (RD_IS_REPORTS_PAGE (self));

  root = gtk_widget_get_root (GTK_WIDGET (self));

  if (store != NULL && rd_store_get_path (store) != NULL)
    {
      db_path = g_strdup (rd_store_get_path (store));
      shop_name = g_settings_get_string (rd_context_get_settings (self->context), "shop-name");
      operator = g_strdup (rd_context_get_operator (self->context));
    }
  else
    db_path = rd_store_default_path ();

  dialog = rd_export_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 db_path, shop_name, operator);
  g_signal_connect_object (dialog, "exported", G_CALLBACK (on_dialog_exported), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
rd_reports_page_show_exported (RdReportsPage *self,
                               const char    *path)
{
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  g_return_if_fail (RD_IS_REPORTS_PAGE (self));
  g_return_if_fail (path != NULL);

  g_free (self->last_export);
  self->last_export = g_strdup (path);

  name = g_filename_display_basename (path);
  /* TRANSLATORS: %s is the workbook's file name */
  title = g_strdup_printf (_("Exported %s"), name);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_action_name (toast, "reports.open-export");
  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
