/* rd-export-dialog.c
 *
 * The Export dialog. The export itself is rd_export_month () in a GTask
 * thread with its own read-only connection; its progress reaches the
 * progress bar through the main context, and Cancel cancels its
 * GCancellable (the core then removes its temporary file).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-export-dialog.h"

#define N_YEARS 10

struct _RdExportDialog
{
  AdwWindow       parent_instance;

  char           *db_path;
  char           *shop_name;
  char           *operator;
  char           *output_path;
  gboolean        output_chosen;      /* the user picked a file: keep it */
  int             first_year;         /* of the year dropdown */
  GCancellable   *cancellable;        /* non-NULL while running */
  gboolean        close_when_done;
  char           *error_text;
  GtkFileChooserNative *chooser;

  /* Template children */
  GtkButton      *cancel_button;
  GtkButton      *export_button;
  AdwPreferencesGroup *options_group;
  GtkDropDown    *year_dropdown;
  GtkDropDown    *month_dropdown;
  AdwComboRow    *basis_row;
  AdwActionRow   *file_row;
  GtkProgressBar *progress_bar;
  GtkLabel       *error_label;
};

G_DEFINE_FINAL_TYPE (RdExportDialog, rd_export_dialog, ADW_TYPE_WINDOW)

enum
{
  SIGNAL_EXPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What the thread needs, copied: the dialog's fields may change meanwhile. */
typedef struct
{
  char            *db_path;
  char            *output_path;
  char            *shop_name;
  char            *operator;
  RdExportOptions  opts;
  RdExportDialog  *dialog;    /* for progress; kept alive by the task */
} ExportJob;

typedef struct
{
  RdExportDialog *dialog;
  gint64          done;
  gint64          total;
} Progress;

/* Helpers */

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_free (job->db_path);
  g_free (job->output_path);
  g_free (job->shop_name);
  g_free (job->operator);
  g_free (job);
}

static char *
default_folder (void)
{
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    return g_strdup (documents);
  return g_strdup (g_get_home_dir ());
}

static void
update_file_row (RdExportDialog *self)
{
  g_autofree char *display = g_filename_display_name (self->output_path);

  adw_action_row_set_subtitle (self->file_row, display);
}

static void
update_default_output (RdExportDialog *self)
{
  g_autofree char *folder = NULL;
  g_autofree char *name = NULL;
  int year, month;

  if (self->output_chosen)
    return;

  rd_export_dialog_get_month (self, &year, &month);
  name = rd_export_default_filename (year, month);
  folder = self->output_path != NULL ? g_path_get_dirname (self->output_path) : default_folder ();
  g_free (self->output_path);
  self->output_path = g_build_filename (folder, name, NULL);
  update_file_row (self);
}

static void
set_error (RdExportDialog *self,
           const char     *text)
{
  g_free (self->error_text);
  self->error_text = g_strdup (text);
  gtk_label_set_label (self->error_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), text != NULL);
}

static void
set_running (RdExportDialog *self,
             gboolean        running)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->options_group), !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), !running);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), running);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, running ? _("Reading the ledger…") : NULL);
}

static gboolean
show_progress (gpointer data)
{
  Progress *p = data;
  RdExportDialog *self = p->dialog;

  if (self->cancellable != NULL && p->total > 0)
    {
      g_autofree char *done = g_strdup_printf ("%" G_GINT64_FORMAT, p->done);
      g_autofree char *total = g_strdup_printf ("%" G_GINT64_FORMAT, p->total);
      g_autofree char *text = NULL;

      gtk_progress_bar_set_fraction (self->progress_bar, (double) p->done / (double) p->total);
      /* TRANSLATORS: progress of the export: "1200 of 35000 cases" */
      text = g_strdup_printf (ngettext ("%s of %s case", "%s of %s cases", (gulong) p->total),
                              done, total);
      gtk_progress_bar_set_text (self->progress_bar, text);
    }
  return G_SOURCE_REMOVE;
}

static void
progress_free (gpointer data)
{
  Progress *p = data;

  g_object_unref (p->dialog);
  g_free (p);
}

/* Runs in the export thread. */
static void
on_export_progress (gint64   done,
                    gint64   total,
                    gpointer user_data)
{
  ExportJob *job = user_data;
  Progress *p = g_new0 (Progress, 1);

  p->dialog = g_object_ref (job->dialog);
  p->done = done;
  p->total = total;
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, show_progress, p, progress_free);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  GError *error = NULL;
  RdExportTotals totals = { 0 };

  if (!rd_export_month (job->db_path, &job->opts, on_export_progress, job, cancellable,
                        &totals, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  rd_export_totals_clear (&totals);
  g_task_return_boolean (task, TRUE);
}

/* The task has no source object: its worker may drop the last reference
 * to the task, and a widget must never be finalized off the main thread.
 * The dialog's reference travels as user_data and is dropped here. */
static void
on_export_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RdExportDialog) self = user_data;
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autofree char *path = g_strdup (job->output_path);
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->cancellable);
  set_running (self, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (self->close_when_done)
        gtk_window_destroy (GTK_WINDOW (self));
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_error (self, error->message);
      return;
    }

  g_signal_emit (self, signals[SIGNAL_EXPORTED], 0, path);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Callbacks */

static void
on_month_changed (RdExportDialog *self)
{
  update_default_output (self);
}

static void
on_chooser_response (RdExportDialog       *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        {
          if (!g_str_has_suffix (path, ".xlsx"))
            {
              char *with_suffix = g_strconcat (path, ".xlsx", NULL);
              g_free (path);
              path = with_suffix;
            }
          rd_export_dialog_set_output_path (self, path);
        }
    }
  g_clear_object (&self->chooser);
}

static void
on_choose_button_clicked (RdExportDialog *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GFile) folder = NULL;
  g_autofree char *dir = g_path_get_dirname (self->output_path);
  g_autofree char *name = g_path_get_basename (self->output_path);

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Save the Workbook"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Excel workbooks"));
  gtk_file_filter_add_pattern (filter, "*.xlsx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  folder = g_file_new_for_path (dir);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_export_button_clicked (RdExportDialog *self)
{
  rd_export_dialog_start (self);
}

static void
on_cancel_button_clicked (RdExportDialog *self)
{
  rd_export_dialog_cancel (self);
}

/* Overrides */

static gboolean
rd_export_dialog_close_request (GtkWindow *window)
{
  RdExportDialog *self = RD_EXPORT_DIALOG (window);

  /* Wait for the thread to remove its temporary file, then close. */
  if (self->cancellable != NULL)
    {
      self->close_when_done = TRUE;
      g_cancellable_cancel (self->cancellable);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (rd_export_dialog_parent_class)->close_request (window);
}

static void
rd_export_dialog_dispose (GObject *object)
{
  RdExportDialog *self = RD_EXPORT_DIALOG (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (rd_export_dialog_parent_class)->dispose (object);
}

static void
rd_export_dialog_finalize (GObject *object)
{
  RdExportDialog *self = RD_EXPORT_DIALOG (object);

  g_free (self->db_path);
  g_free (self->shop_name);
  g_free (self->operator);
  g_free (self->output_path);
  g_free (self->error_text);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (rd_export_dialog_parent_class)->finalize (object);
}

static void
rd_export_dialog_class_init (RdExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = rd_export_dialog_dispose;
  object_class->finalize = rd_export_dialog_finalize;
  window_class->close_request = rd_export_dialog_close_request;

  /**
   * RdExportDialog::exported:
   * @path: the workbook written
   */
  signals[SIGNAL_EXPORTED] = g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rd-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RdExportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, RdExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, RdExportDialog, options_group);
  gtk_widget_class_bind_template_child (widget_class, RdExportDialog, year_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RdExportDialog, month_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RdExportDialog, basis_row);
  gtk_widget_class_bind_template_child (widget_class, RdExportDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, RdExportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, RdExportDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_month_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_export_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_button_clicked);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rd_export_dialog_init (RdExportDialog *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) last_month = g_date_time_add_months (now, -1);
  g_autoptr(GtkStringList) years = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) months = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->first_year = g_date_time_get_year (now) - (N_YEARS - 1);
  for (int i = 0; i < N_YEARS; i++)
    {
      g_autofree char *year = g_strdup_printf ("%d", self->first_year + i);
      gtk_string_list_append (years, year);
    }
  for (int m = 1; m <= 12; m++)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_local (2000, m, 1, 0, 0, 0);
      g_autofree char *name = g_date_time_format (dt, "%B");
      gtk_string_list_append (months, name);
    }
  gtk_drop_down_set_model (self->year_dropdown, G_LIST_MODEL (years));
  gtk_drop_down_set_model (self->month_dropdown, G_LIST_MODEL (months));

  rd_export_dialog_set_month (self, g_date_time_get_year (last_month), g_date_time_get_month (last_month));
  update_default_output (self);
}

/* Public API */

RdExportDialog *
rd_export_dialog_new (GtkWindow  *parent,
                      const char *db_path,
                      const char *shop_name,
                      const char *operator)
{
  RdExportDialog *self;

  g_return_val_if_fail (db_path != NULL, NULL);

  self = g_object_new (RD_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->db_path = g_strdup (db_path);
  self->shop_name = g_strdup (shop_name);
  self->operator = g_strdup (operator);
  return self;
}

void
rd_export_dialog_set_month (RdExportDialog *self,
                            int             year,
                            int             month)
{
  g_return_if_fail (RD_IS_EXPORT_DIALOG (self));
  g_return_if_fail (month >= 1 && month <= 12);

  year = CLAMP (year, self->first_year, self->first_year + N_YEARS - 1);
  gtk_drop_down_set_selected (self->year_dropdown, (guint) (year - self->first_year));
  gtk_drop_down_set_selected (self->month_dropdown, (guint) (month - 1));
}

void
rd_export_dialog_get_month (RdExportDialog *self,
                            int            *year,
                            int            *month)
{
  g_return_if_fail (RD_IS_EXPORT_DIALOG (self));

  *year = self->first_year + (int) gtk_drop_down_get_selected (self->year_dropdown);
  *month = 1 + (int) gtk_drop_down_get_selected (self->month_dropdown);
}

void
rd_export_dialog_set_basis (RdExportDialog *self,
                            RdExportBasis   basis)
{
  g_return_if_fail (RD_IS_EXPORT_DIALOG (self));

  adw_combo_row_set_selected (self->basis_row, basis == RD_EXPORT_BASIS_REQUESTED ? 1 : 0);
}

void
rd_export_dialog_set_output_path (RdExportDialog *self,
                                  const char     *path)
{
  g_return_if_fail (RD_IS_EXPORT_DIALOG (self));
  g_return_if_fail (path != NULL);

  g_free (self->output_path);
  self->output_path = g_strdup (path);
  self->output_chosen = TRUE;
  update_file_row (self);
}

const char *
rd_export_dialog_get_output_path (RdExportDialog *self)
{
  g_return_val_if_fail (RD_IS_EXPORT_DIALOG (self), NULL);

  return self->output_path;
}

void
rd_export_dialog_start (RdExportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  g_return_if_fail (RD_IS_EXPORT_DIALOG (self));

  if (self->cancellable != NULL)
    return;

  job = g_new0 (ExportJob, 1);
  job->db_path = g_strdup (self->db_path);
  job->output_path = g_strdup (self->output_path);
  job->shop_name = g_strdup (self->shop_name);
  job->operator = g_strdup (self->operator);
  job->dialog = self;
  rd_export_dialog_get_month (self, &job->opts.year, &job->opts.month);
  job->opts.basis = adw_combo_row_get_selected (self->basis_row) == 1 ? RD_EXPORT_BASIS_REQUESTED
                                                                       : RD_EXPORT_BASIS_PAID;
  job->opts.output_path = job->output_path;
  job->opts.shop_name = job->shop_name;
  job->opts.operator = job->operator;

  set_error (self, NULL);
  set_running (self, TRUE);
  self->cancellable = g_cancellable_new ();

  task = g_task_new (NULL, self->cancellable, on_export_done, g_object_ref (self));
  g_task_set_source_tag (task, rd_export_dialog_start);
  g_task_set_task_data (task, job, export_job_free);
  g_task_run_in_thread (task, export_thread);
}

void
rd_export_dialog_cancel (RdExportDialog *self)
{
  g_return_if_fail (RD_IS_EXPORT_DIALOG (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

gboolean
rd_export_dialog_is_running (RdExportDialog *self)
{
  g_return_val_if_fail (RD_IS_EXPORT_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}

const char *
rd_export_dialog_get_error (RdExportDialog *self)
{
  g_return_val_if_fail (RD_IS_EXPORT_DIALOG (self), NULL);

  return self->error_text;
}
