/* rd-import-dialog.c
 *
 * The flow of the import dialog. The preview runs on a GTask thread: it
 * opens the file (rd_import_new) the first time, sets the profile chosen,
 * opens the ledger read-only and calls rd_import_preview, whose items it
 * makes into RdImportRows and hands to the main loop in batches of
 * BATCH_ROWS, each spliced into the list at once, so that the first rows
 * of a big file show at once and the window never waits. The RdImport
 * travels with the worker and comes back with its answer (one thread at a
 * time uses it). The import runs the same way with rd_import_apply on a
 * writable RdStore of the ledger's file opened by the worker; Cancel, an
 * error or closing the dialog leaves the ledger as it was.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-import-dialog-private.h"
#include "rd-operator-guard.h"

G_DEFINE_FINAL_TYPE (RdImportDialog, rd_import_dialog, ADW_TYPE_WINDOW)

enum
{
  SIGNAL_IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers */

static void
set_error (RdImportDialog *self,
           const char     *text)
{
  g_free (self->error_text);
  self->error_text = g_strdup (text);
  gtk_label_set_label (self->error_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), text != NULL);
}

static void
set_running (RdImportDialog *self,
             gboolean        running,
             const char     *text)
{
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), running);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, text);
  gtk_widget_set_sensitive (GTK_WIDGET (self->profile_box), !running);
  if (self->mapping != NULL)
    gtk_widget_set_sensitive (GTK_WIDGET (self->mapping), !running);
  _rd_import_dialog_update_import_button (self);
}

static void start_preview (RdImportDialog *self);
static RdImportColumns *ensure_mapping (RdImportDialog *self);

static void
clear_file_headers (RdImportDialog *self)
{
  for (guint i = 0; i < self->n_file_headers; i++)
    g_free (self->file_headers[i]);
  g_clear_pointer (&self->file_headers, g_free);
  self->n_file_headers = 0;
}

/* The dropdown of profiles: the one detected, each built-in, each saved
 * generic profile, and Map Columns. */
static void
fill_profiles (RdImportDialog *self,
               const char     *select_id)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  const RdImportProfile *const *builtin = rd_import_profile_builtin ();
  RdStore *store = rd_context_get_store (self->context);
  guint selected = 0;

  g_clear_pointer (&self->saved_profiles, g_ptr_array_unref);
  if (store != NULL)
    self->saved_profiles = rd_import_profiles_list (store, NULL);
  g_ptr_array_set_size (self->profile_choices, 0);

  gtk_string_list_append (names, _("As Recognised"));
  for (guint i = 0; builtin != NULL && builtin[i] != NULL; i++)
    if (!rd_import_profile_is_generic (builtin[i]))
      {
        gtk_string_list_append (names, rd_import_profile_get_name (builtin[i]));
        g_ptr_array_add (self->profile_choices, (gpointer) builtin[i]);
      }
  for (guint i = 0; self->saved_profiles != NULL && i < self->saved_profiles->len; i++)
    {
      const RdImportProfile *profile = g_ptr_array_index (self->saved_profiles, i);

      gtk_string_list_append (names, rd_import_profile_get_name (profile));
      g_ptr_array_add (self->profile_choices, (gpointer) profile);
      if (g_strcmp0 (select_id, rd_import_profile_get_id (profile)) == 0)
        selected = self->profile_choices->len;
    }
  gtk_string_list_append (names, _("Map Columns…"));
  g_ptr_array_add (self->profile_choices, NULL);

  self->filling_profiles = TRUE;
  gtk_drop_down_set_model (self->profile_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->profile_dropdown, selected);
  self->filling_profiles = FALSE;
}

static gboolean
map_columns_selected (RdImportDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->profile_dropdown);

  return selected != 0 && selected != GTK_INVALID_LIST_POSITION &&
         selected == self->profile_choices->len;
}

static void
show_recognised (RdImportDialog *self)
{
  const RdImportProfile *profile = self->import != NULL ? rd_import_get_profile (self->import) : NULL;
  guint selected = gtk_drop_down_get_selected (self->profile_dropdown);
  g_autofree char *text = NULL;

  if (self->import == NULL)
    text = g_strdup ("");
  else if (profile == NULL)
    text = g_strdup (_("This file was not recognised: choose its platform or map its columns."));
  else if (selected == 0 && !rd_import_profile_is_generic (profile))
    /* Translators: %s is a platform's export: "淘宝/天猫 refund export". */
    text = g_strdup_printf (_("Recognised as %s"), rd_import_profile_get_name (profile));
  else
    /* Translators: %s is the profile the user chose. */
    text = g_strdup_printf (_("Read as %s"), rd_import_profile_get_name (profile));
  gtk_label_set_label (self->recognised_label, text);
}

/* The preview's worker is done and every row it read is in the list (or
 * dropped). */
static void
finish_preview (RdImportDialog *self,
                GTask          *task)
{
  Job *job = g_task_get_task_data (task);
  gboolean cancelled = g_error_matches (job->error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
                       (self->cancellable != NULL && g_cancellable_is_cancelled (self->cancellable));

  /* The file comes back whatever happened. */
  g_clear_pointer (&self->import, rd_import_free);
  self->import = g_steal_pointer (&job->import);
  g_clear_object (&self->cancellable);

  if (self->close_when_done)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (job->headers != NULL)
    {
      clear_file_headers (self);
      self->file_headers = g_steal_pointer (&job->headers);
      self->n_file_headers = job->n_headers;
      job->n_headers = 0;
      if (self->mapping != NULL)
        rd_import_columns_set_headers (self->mapping, (const char *const *) self->file_headers,
                                       self->n_file_headers);
    }

  if (job->error == NULL && !cancelled)
    {
      self->counts = job->counts;
      self->previewed = TRUE;
      set_error (self, NULL);
    }
  else if (cancelled)
    {
      g_list_store_remove_all (self->rows);
      memset (&self->counts, 0, sizeof self->counts);
      self->n_included_errors = 0;
      set_error (self, _("The preview was cancelled: nothing was imported."));
    }
  else
    {
      g_list_store_remove_all (self->rows);
      memset (&self->counts, 0, sizeof self->counts);
      self->n_included_errors = 0;
      set_error (self, job->error->message);
    }

  set_running (self, FALSE, NULL);
  _rd_import_dialog_update_counts (self);
  show_recognised (self);

  /* Not recognised: the column mapping, with what the file's header says. */
  if (g_error_matches (job->error, RD_IMPORT_ERROR, RD_IMPORT_ERROR_NO_PROFILE) &&
      !map_columns_selected (self))
    gtk_drop_down_set_selected (self->profile_dropdown, self->profile_choices->len);
}

static void
on_preview_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(RdImportDialog) self = user_data;

  g_task_propagate_boolean (G_TASK (result), NULL);
  if (self->disposed)
    return;

  /* Rows still on their way into the list: done when they are in. */
  if (self->pending->len > 0 && !g_cancellable_is_cancelled (self->cancellable))
    {
      g_set_object (&self->finishing, G_TASK (result));
      return;
    }
  _rd_import_dialog_drop_pending (self);
  finish_preview (self, G_TASK (result));
}

static void
start_preview (RdImportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  guint selected = gtk_drop_down_get_selected (self->profile_dropdown);
  Job *job;

  if (self->cancellable != NULL)
    return;

  job = g_new0 (Job, 1);
  job->dialog = self;
  job->context = g_main_context_ref_thread_default ();
  job->import = g_steal_pointer (&self->import);
  job->path = g_strdup (self->path);
  job->db_path = g_strdup (self->db_path);
  job->generation = ++self->generation;

  /* On the first run the file's own profile; after, the one chosen. */
  if (job->import != NULL || selected > 0)
    {
      g_autoptr(GError) error = NULL;

      job->set_profile = TRUE;
      if (map_columns_selected (self))
        {
          job->profile = rd_import_columns_build (ensure_mapping (self), &error);
          if (job->profile == NULL)
            {
              self->import = g_steal_pointer (&job->import);
              _rd_import_job_free (job);
              g_list_store_remove_all (self->rows);
              memset (&self->counts, 0, sizeof self->counts);
              self->previewed = FALSE;
              self->n_included_errors = 0;
              set_error (self, error->message);
              _rd_import_dialog_update_counts (self);
              return;
            }
        }
      else if (selected > 0 && selected <= self->profile_choices->len)
        job->profile = rd_import_profile_copy (g_ptr_array_index (self->profile_choices, selected - 1));
    }

  _rd_import_dialog_drop_pending (self);
  g_list_store_remove_all (self->rows);
  memset (&self->counts, 0, sizeof self->counts);
  self->previewed = FALSE;
  self->applying = FALSE;
  self->n_included_errors = 0;
  set_error (self, NULL);
  self->cancellable = g_cancellable_new ();
  set_running (self, TRUE, _("Reading the file…"));
  _rd_import_dialog_update_counts (self);

  task = g_task_new (NULL, self->cancellable, on_preview_done, g_object_ref (self));
  g_task_set_source_tag (task, start_preview);
  g_task_set_task_data (task, job, _rd_import_job_free);
  g_task_run_in_thread (task, _rd_import_preview_thread);
}

static void
on_apply_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(RdImportDialog) self = user_data;
  Job *job = g_task_get_task_data (G_TASK (result));

  g_task_propagate_boolean (G_TASK (result), NULL);
  if (self->disposed)
    return;

  g_clear_pointer (&self->import, rd_import_free);
  self->import = g_steal_pointer (&job->import);
  g_clear_object (&self->cancellable);
  self->applying = FALSE;

  if (job->error == NULL)
    {
      g_signal_emit (self, signals[SIGNAL_IMPORTED], 0, job->import_id,
                     job->counts.n_new, job->counts.n_updated, job->n_proposed);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  if (self->close_when_done)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  set_running (self, FALSE, NULL);
  if (g_error_matches (job->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_error (self, _("The import was cancelled: the ledger is as it was."));
  else if (g_error_matches (job->error, RD_IMPORT_ERROR, RD_IMPORT_ERROR_CHANGED))
    {
      /* The file changed since the preview: show what it says now. */
      g_autofree char *message = g_strdup (job->error->message);

      start_preview (self);
      set_error (self, message);
    }
  else
    set_error (self, job->error->message);
}

void
_rd_import_dialog_drop_pending (RdImportDialog *self)
{
  g_clear_handle_id (&self->feed_id, g_source_remove);
  g_ptr_array_set_size (self->pending, 0);
}

void
_rd_import_dialog_rows_fed (RdImportDialog *self)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->finishing);

  if (task == NULL)
    return;
  _rd_import_dialog_drop_pending (self);
  finish_preview (self, task);
}

/* Callbacks */

static void
on_profile_selected (RdImportDialog *self)
{
  gboolean map = map_columns_selected (self);

  if (self->filling_profiles)
    return;
  if (map)
    ensure_mapping (self);
  gtk_revealer_set_reveal_child (self->mapping_revealer, map);
  start_preview (self);
}

static void
on_mapping_changed (RdImportDialog *self)
{
  if (map_columns_selected (self))
    start_preview (self);
}

static void
on_mapping_save (RdImportDialog  *self,
                 RdImportColumns *mapping)
{
  g_autoptr(RdImportProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  RdStore *store = rd_context_get_store (self->context);
  const char *operator = rd_operator_guard_require (self->context, &error);

  if (operator != NULL && store != NULL)
    profile = rd_import_columns_build (mapping, &error);
  if (profile == NULL || !rd_import_profile_save (store, profile, operator, &error))
    {
      set_error (self, error != NULL ? error->message : _("No ledger is open."));
      return;
    }
  fill_profiles (self, rd_import_profile_get_id (profile));
  gtk_revealer_set_reveal_child (self->mapping_revealer, FALSE);
  start_preview (self);
}

/* The column mapping, built the first time it is needed, with the
 * header of the file as the last preview read it. */
static RdImportColumns *
ensure_mapping (RdImportDialog *self)
{
  if (self->mapping != NULL)
    return self->mapping;

  self->mapping = g_object_new (RD_TYPE_IMPORT_COLUMNS, NULL);
  g_signal_connect_object (self->mapping, "changed", G_CALLBACK (on_mapping_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->mapping, "save", G_CALLBACK (on_mapping_save), self, G_CONNECT_SWAPPED);
  if (self->file_headers != NULL)
    rd_import_columns_set_headers (self->mapping, (const char *const *) self->file_headers, self->n_file_headers);
  gtk_widget_set_sensitive (GTK_WIDGET (self->mapping), self->cancellable == NULL);
  gtk_scrolled_window_set_child (self->mapping_scrolled, GTK_WIDGET (self->mapping));
  return self->mapping;
}

static void
on_filter_changed (RdImportDialog *self)
{
  _rd_import_dialog_on_filter_changed (self);
}

static void
on_row_excluded (RdImportDialog *self,
                 GParamSpec     *pspec,
                 RdImportRow    *row)
{
  if (rd_import_row_get_outcome (row) != RD_IMPORT_OUTCOME_ERROR)
    return;
  if (rd_import_row_get_excluded (row))
    self->n_included_errors--;
  else
    self->n_included_errors++;
  _rd_import_dialog_update_import_button (self);
}

static void
on_rows_changed (RdImportDialog *self,
                 guint           position,
                 guint           removed,
                 guint           added,
                 GListModel     *rows)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(RdImportRow) row = g_list_model_get_item (rows, i);

      if (rd_import_row_get_outcome (row) == RD_IMPORT_OUTCOME_ERROR)
        g_signal_connect_object (row, "notify::excluded", G_CALLBACK (on_row_excluded), self,
                                 G_CONNECT_SWAPPED);
    }
}

static void
on_import_button_clicked (RdImportDialog *self)
{
  rd_import_dialog_start_import (self);
}

static void
on_cancel_button_clicked (RdImportDialog *self)
{
  rd_import_dialog_cancel (self);
}

static void
on_leave_out_button_clicked (RdImportDialog *self)
{
  rd_import_dialog_leave_out_errors (self, TRUE);
}

/* Overrides */

static gboolean
rd_import_dialog_close_request (GtkWindow *window)
{
  RdImportDialog *self = RD_IMPORT_DIALOG (window);

  /* The worker stops first (an import rolls back), then the dialog goes. */
  if (self->cancellable != NULL)
    {
      self->close_when_done = TRUE;
      g_cancellable_cancel (self->cancellable);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (rd_import_dialog_parent_class)->close_request (window);
}

static void
rd_import_dialog_dispose (GObject *object)
{
  RdImportDialog *self = RD_IMPORT_DIALOG (object);

  self->disposed = TRUE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->feed_id, g_source_remove);
  g_clear_object (&self->finishing);
  if (self->pending != NULL)
    g_ptr_array_set_size (self->pending, 0);
  if (self->rows != NULL)
    g_signal_handlers_disconnect_by_data (self->rows, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (rd_import_dialog_parent_class)->dispose (object);
}

static void
rd_import_dialog_finalize (GObject *object)
{
  RdImportDialog *self = RD_IMPORT_DIALOG (object);

  g_clear_pointer (&self->import, rd_import_free);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->rows);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_pointer (&self->saved_profiles, g_ptr_array_unref);
  g_clear_pointer (&self->profile_choices, g_ptr_array_unref);
  clear_file_headers (self);
  g_free (self->path);
  g_free (self->db_path);
  g_free (self->error_text);

  G_OBJECT_CLASS (rd_import_dialog_parent_class)->finalize (object);
}

static void
rd_import_dialog_class_init (RdImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = rd_import_dialog_dispose;
  object_class->finalize = rd_import_dialog_finalize;
  window_class->close_request = rd_import_dialog_close_request;

  /**
   * RdImportDialog::imported:
   * @import_id: the import's id in the ledger
   * @n_new: cases created
   * @n_updated: cases changed
   * @n_proposed: of those, cases proposed for the intercept register
   */
  signals[SIGNAL_IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 4,
                                           G_TYPE_INT64, G_TYPE_UINT64, G_TYPE_UINT64, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rd-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, profile_box);
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, recognised_label);
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, profile_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, mapping_revealer);
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, mapping_scrolled);
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, new_button);
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, updated_button);
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, unchanged_button);
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, errors_button);
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, column_view);
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, leave_out_button);
  gtk_widget_class_bind_template_callback (widget_class, on_profile_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_import_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_leave_out_button_clicked);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rd_import_dialog_init (RdImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->profile_choices = g_ptr_array_new ();
  self->pending = g_ptr_array_new_with_free_func (g_object_unref);
  _rd_import_dialog_list_init (self);
  g_signal_connect_object (self->rows, "items-changed", G_CALLBACK (on_rows_changed), self,
                           G_CONNECT_SWAPPED);
}

/* Public API */

RdImportDialog *
rd_import_dialog_new (GtkWindow  *parent,
                      RdContext  *context,
                      const char *path)
{
  RdImportDialog *self;
  RdStore *store;
  g_autofree char *name = NULL;

  g_return_val_if_fail (RD_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (RD_TYPE_IMPORT_DIALOG, "transient-for", parent, "destroy-with-parent", TRUE, NULL);
  self->context = g_object_ref (context);
  self->path = g_strdup (path);
  store = rd_context_get_store (context);
  self->db_path = store != NULL ? g_strdup (rd_store_get_path (store)) : rd_store_default_path ();

  name = g_filename_display_basename (path);
  gtk_window_set_title (GTK_WINDOW (self), name);
  adw_window_title_set_title (self->window_title, name);
  /* Translators: the import dialog's subtitle. */
  adw_window_title_set_subtitle (self->window_title, _("Import After-Sales Requests"));
  rd_operator_guard_dialog (context, GTK_WINDOW (self));
  rd_operator_guard_widget (context, GTK_WIDGET (self->import_button), RD_ACTION_TAKE_IN);

  fill_profiles (self, NULL);
  start_preview (self);
  return self;
}

const char *
rd_import_dialog_get_path (RdImportDialog *self)
{
  g_return_val_if_fail (RD_IS_IMPORT_DIALOG (self), NULL);

  return self->path;
}

gboolean
rd_import_dialog_is_running (RdImportDialog *self)
{
  g_return_val_if_fail (RD_IS_IMPORT_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}

void
rd_import_dialog_get_counts (RdImportDialog *self,
                             RdImportCounts *counts)
{
  g_return_if_fail (RD_IS_IMPORT_DIALOG (self));
  g_return_if_fail (counts != NULL);

  *counts = self->counts;
}

GListModel *
rd_import_dialog_get_rows (RdImportDialog *self)
{
  g_return_val_if_fail (RD_IS_IMPORT_DIALOG (self), NULL);

  return G_LIST_MODEL (self->rows);
}

GListModel *
rd_import_dialog_get_shown_rows (RdImportDialog *self)
{
  g_return_val_if_fail (RD_IS_IMPORT_DIALOG (self), NULL);

  return G_LIST_MODEL (self->filtered);
}

const char *
rd_import_dialog_get_error (RdImportDialog *self)
{
  g_return_val_if_fail (RD_IS_IMPORT_DIALOG (self), NULL);

  return self->error_text;
}

gboolean
rd_import_dialog_can_import (RdImportDialog *self)
{
  RdRole role;

  g_return_val_if_fail (RD_IS_IMPORT_DIALOG (self), FALSE);

  if (self->context == NULL)
    return FALSE;
  role = rd_context_get_role (self->context);
  return self->previewed && self->cancellable == NULL && self->import != NULL &&
         self->n_included_errors == 0 && self->counts.n_new + self->counts.n_updated > 0 &&
         rd_role_may (role, RD_ACTION_TAKE_IN);
}

void
rd_import_dialog_leave_out_errors (RdImportDialog *self,
                                   gboolean        leave_out)
{
  guint n;

  g_return_if_fail (RD_IS_IMPORT_DIALOG (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RdImportRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

      if (rd_import_row_get_outcome (row) == RD_IMPORT_OUTCOME_ERROR)
        rd_import_row_set_excluded (row, leave_out);
    }
}

void
rd_import_dialog_start_import (RdImportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  const char *operator;
  Job *job;
  guint n;

  g_return_if_fail (RD_IS_IMPORT_DIALOG (self));

  if (!rd_import_dialog_can_import (self))
    return;
  operator = rd_operator_guard_require (self->context, &error);
  if (operator == NULL)
    {
      set_error (self, error->message);
      return;
    }

  job = g_new0 (Job, 1);
  job->dialog = self;
  job->context = g_main_context_ref_thread_default ();
  job->import = g_steal_pointer (&self->import);
  job->db_path = g_strdup (self->db_path);
  job->operator = g_strdup (operator);
  job->generation = ++self->generation;
  job->excluded = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RdImportRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

      if (rd_import_row_get_excluded (row))
        {
          gint64 *number = g_new (gint64, 1);

          *number = (gint64) rd_import_row_get_number (row);
          g_hash_table_add (job->excluded, number);
        }
    }

  set_error (self, NULL);
  self->applying = TRUE;
  self->cancellable = g_cancellable_new ();
  set_running (self, TRUE, _("Backing up the ledger…"));

  task = g_task_new (NULL, self->cancellable, on_apply_done, g_object_ref (self));
  g_task_set_source_tag (task, rd_import_dialog_start_import);
  g_task_set_task_data (task, job, _rd_import_job_free);
  g_task_run_in_thread (task, _rd_import_apply_thread);
}

void
rd_import_dialog_cancel (RdImportDialog *self)
{
  g_return_if_fail (RD_IS_IMPORT_DIALOG (self));

  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
    }
  else
    gtk_window_close (GTK_WINDOW (self));
}
