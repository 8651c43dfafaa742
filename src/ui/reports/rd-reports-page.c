/* rd-reports-page.c
 *
 * The Reports page: the period bar, the report computed on a worker thread
 * (a GTask with its own read-only connection, cancelled when a newer one is
 * asked for), and the Export. The sections are built and filled in
 * rd-reports-page-fill.c.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-export-dialog.h"
#include "rd-reports-page-private.h"

G_DEFINE_FINAL_TYPE (RdReportsPage, rd_reports_page, ADW_TYPE_BIN)

/* The period bar offers this many months back from the current one. */
#define N_MONTHS 36

enum {
  SHOW_CASES,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  char           *path;
  RdReportPeriod  period;
} ComputeData;

typedef struct
{
  RdReport  *report;
  GPtrArray *counts;    /* RdOrderCount */
} Computed;

/* Helpers */

static void
compute_data_free (ComputeData *data)
{
  g_free (data->path);
  g_free (data);
}

static void
computed_free (Computed *computed)
{
  g_clear_pointer (&computed->report, rd_report_free);
  g_clear_pointer (&computed->counts, g_ptr_array_unref);
  g_free (computed);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Computed, computed_free)

static Computed *
compute (sqlite3              *db,
         const RdReportPeriod *period,
         GCancellable         *cancellable,
         GError              **error)
{
  g_autoptr(Computed) computed = g_new0 (Computed, 1);

  computed->report = rd_report_compute (db, period, 0, cancellable, error);
  if (computed->report == NULL)
    return NULL;
  computed->counts = rd_order_counts_list (db, period, error);
  if (computed->counts == NULL)
    return NULL;
  return g_steal_pointer (&computed);
}

static void
compute_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ComputeData *data = task_data;
  sqlite3 *db = NULL;
  g_autoptr(GError) error = NULL;
  Computed *computed;
  int rc;

  rc = rd_store_open_reader (data->path, &db);
  if (rc != SQLITE_OK)
    {
      rd_store_set_error_from_sqlite (&error, data->path, db, rc);
      sqlite3_close (db);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  computed = compute (db, &data->period, cancellable, &error);
  sqlite3_close (db);
  if (computed == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, computed, (GDestroyNotify) computed_free);
}

static void
toast (RdReportsPage *self,
       const char    *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
show_computed (RdReportsPage *self,
               Computed      *computed)
{
  g_clear_pointer (&self->report, rd_report_free);
  self->report = g_steal_pointer (&computed->report);
  _rd_reports_page_fill (self, computed->counts);
}

static void
set_computing (RdReportsPage *self,
               gboolean       computing)
{
  gtk_spinner_set_spinning (self->spinner, computing);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), computing);
}

static void
on_computed (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  RdReportsPage *self = RD_REPORTS_PAGE (object);
  g_autoptr(Computed) computed = NULL;
  g_autoptr(GError) error = NULL;

  computed = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;
  g_clear_object (&self->computing);
  set_computing (self, FALSE);

  if (computed == NULL)
    {
      /* Translators: %s says why */
      g_autofree char *message = g_strdup_printf (_("The report could not be computed: %s"), error->message);

      toast (self, message);
      return;
    }

  show_computed (self, computed);
}

static void
month_of (RdReportsPage *self,
          guint          position,
          int           *year,
          int           *month)
{
  int ym = g_array_index (self->months, int, MIN (position, self->months->len - 1));

  *year = ym / 100;
  *month = ym % 100;
}

static void
fill_months (RdReportsPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GtkStringList) from = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) to = gtk_string_list_new (NULL);
  int year = g_date_time_get_year (now);
  int month = g_date_time_get_month (now);

  g_array_set_size (self->months, 0);
  /* Translators: the "to" month of the Reports page when the period is one month */
  gtk_string_list_append (to, _("(one month)"));
  for (int i = 0; i < N_MONTHS; i++)
    {
      g_autofree char *text = g_strdup_printf ("%04d-%02d", year, month);
      int ym = year * 100 + month;

      g_array_append_val (self->months, ym);
      gtk_string_list_append (from, text);
      gtk_string_list_append (to, text);
      if (--month == 0)
        {
          month = 12;
          year--;
        }
    }

  self->filling_months = TRUE;
  gtk_drop_down_set_model (self->from_dropdown, G_LIST_MODEL (from));
  gtk_drop_down_set_model (self->to_dropdown, G_LIST_MODEL (to));
  gtk_drop_down_set_selected (self->from_dropdown, 0);
  gtk_drop_down_set_selected (self->to_dropdown, 0);
  self->filling_months = FALSE;
}

/* The period the bar shows; the "to" month before the first is ignored. */
static void
read_period (RdReportsPage  *self,
             RdReportPeriod *period)
{
  guint from = gtk_drop_down_get_selected (self->from_dropdown);
  guint to = gtk_drop_down_get_selected (self->to_dropdown);
  int fy, fm, ty, tm;

  month_of (self, from == GTK_INVALID_LIST_POSITION ? 0 : from, &fy, &fm);
  ty = fy;
  tm = fm;
  if (to != GTK_INVALID_LIST_POSITION && to > 0)
    {
      month_of (self, to - 1, &ty, &tm);
      if (ty * 100 + tm < fy * 100 + fm)
        {
          ty = fy;
          tm = fm;
        }
    }

  if (!rd_report_period_init (period, fy, fm, ty, tm, NULL))
    rd_report_period_init (period, fy, fm, fy, fm, NULL);
}

static void
update_previous_label (RdReportsPage *self)
{
  RdReportPeriod previous;
  g_autofree char *text = NULL;
  g_autofree char *label = NULL;

  rd_report_period_previous (&self->period, &previous);
  text = rd_report_period_format (&previous);
  /* Translators: beside the period chooser: the period the figures are
   * compared with, "Compared with 2026-10" */
  label = g_strdup_printf (_("Compared with %s"), text);
  gtk_label_set_label (self->previous_label, label);
}

/* Callbacks */

static void
on_period_changed (RdReportsPage *self)
{
  if (self->filling_months)
    return;
  read_period (self, &self->period);
  update_previous_label (self);
  rd_reports_page_refresh (self);
}

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
rd_reports_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (rd_reports_page_parent_class)->map (widget);

  /* What was saved elsewhere in the window since shows now. */
  rd_reports_page_refresh (RD_REPORTS_PAGE (widget));
}

static void
rd_reports_page_dispose (GObject *object)
{
  RdReportsPage *self = RD_REPORTS_PAGE (object);

  g_cancellable_cancel (self->computing);
  g_clear_object (&self->computing);

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
  g_clear_pointer (&self->report, rd_report_free);
  g_clear_pointer (&self->months, g_array_unref);
  g_clear_pointer (&self->per_day_amount, g_hash_table_unref);
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
  widget_class->map = rd_reports_page_map;

  /**
   * RdReportsPage::show-cases:
   * @filter: the cases of the bar, slice or row clicked
   * @title: what they are, for the Ledger's chip ("Wrong size, 2026-11")
   */
  signals[SHOW_CASES] =
    g_signal_new ("show-cases", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, RD_TYPE_LEDGER_FILTER, G_TYPE_STRING);

  g_type_ensure (RD_TYPE_ORDER_COUNTS_GRID);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rd-reports-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RdReportsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RdReportsPage, from_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RdReportsPage, to_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RdReportsPage, previous_label);
  gtk_widget_class_bind_template_child (widget_class, RdReportsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, RdReportsPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, RdReportsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, RdReportsPage, sections_box);
  gtk_widget_class_bind_template_callback (widget_class, on_period_changed);

  gtk_widget_class_install_action (widget_class, "reports.open-export", NULL, open_export_action);
}

static void
rd_reports_page_init (RdReportsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->months = g_array_new (FALSE, FALSE, sizeof (int));
  self->per_day_amount = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fill_months (self);
  read_period (self, &self->period);
  update_previous_label (self);
  _rd_reports_page_build_sections (self);
}

/* Private API */

void
_rd_reports_page_emit_show_cases (RdReportsPage        *self,
                                  const RdLedgerFilter *filter,
                                  const char           *title)
{
  g_signal_emit (self, signals[SHOW_CASES], 0, filter, title);
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

  if (!g_set_object (&self->context, context))
    return;
  g_signal_connect_object (context, "notify::store", G_CALLBACK (rd_reports_page_refresh), self,
                           G_CONNECT_SWAPPED);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    rd_reports_page_refresh (self);
}

void
rd_reports_page_set_period (RdReportsPage *self,
                            int            from_year,
                            int            from_month,
                            int            to_year,
                            int            to_month)
{
  int from = from_year * 100 + from_month;
  int to = to_year * 100 + to_month;
  guint from_position = GTK_INVALID_LIST_POSITION;
  guint to_position = 0;

  g_return_if_fail (RD_IS_REPORTS_PAGE (self));

  for (guint i = 0; i < self->months->len; i++)
    {
      if (g_array_index (self->months, int, i) == from)
        from_position = i;
      if (to_year != 0 && to != from && g_array_index (self->months, int, i) == to)
        to_position = i + 1;
    }

  if (from_position == GTK_INVALID_LIST_POSITION)
    {
      /* A month older than the bar offers: computed all the same. */
      if (!rd_report_period_init (&self->period, from_year, from_month,
                                  to_year != 0 ? to_year : from_year,
                                  to_year != 0 ? to_month : from_month, NULL))
        return;
      update_previous_label (self);
      rd_reports_page_refresh (self);
      return;
    }

  self->filling_months = TRUE;
  gtk_drop_down_set_selected (self->from_dropdown, from_position);
  gtk_drop_down_set_selected (self->to_dropdown, to_position);
  self->filling_months = FALSE;
  on_period_changed (self);
}

void
rd_reports_page_refresh (RdReportsPage *self)
{
  RdStore *store;
  const char *path;
  g_autoptr(GTask) task = NULL;
  ComputeData *data;

  g_return_if_fail (RD_IS_REPORTS_PAGE (self));

  store = self->context != NULL ? rd_context_get_store (self->context) : NULL;
  g_cancellable_cancel (self->computing);
  g_clear_object (&self->computing);
  set_computing (self, FALSE);
  if (store == NULL)
    return;

  path = rd_store_get_path (store);
  if (path == NULL || *path == '\0' || g_str_equal (path, ":memory:"))
    {
      /* A ledger in memory has no file for a second connection. */
      g_autoptr(GError) error = NULL;
      g_autoptr(Computed) computed = compute (rd_store_get_db (store), &self->period, NULL, &error);

      if (computed == NULL)
        toast (self, error->message);
      else
        show_computed (self, computed);
      return;
    }

  self->computing = g_cancellable_new ();
  set_computing (self, TRUE);
  data = g_new0 (ComputeData, 1);
  data->path = g_strdup (path);
  data->period = self->period;
  task = g_task_new (self, self->computing, on_computed, NULL);
  g_task_set_source_tag (task, rd_reports_page_refresh);
  g_task_set_task_data (task, data, (GDestroyNotify) compute_data_free);
  g_task_run_in_thread (task, compute_thread);
}

gboolean
rd_reports_page_is_computing (RdReportsPage *self)
{
  g_return_val_if_fail (RD_IS_REPORTS_PAGE (self), FALSE);

  return self->computing != NULL;
}

const RdReport *
rd_reports_page_get_report (RdReportsPage *self)
{
  g_return_val_if_fail (RD_IS_REPORTS_PAGE (self), NULL);

  return self->report;
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
  /* The month of the report shown. */
  rd_export_dialog_set_month (dialog, self->period.from_year, self->period.from_month);
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
