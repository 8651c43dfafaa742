/* rd-import-dialog-work.c
 *
 * The import dialog's workers: the preview (rd_import_preview with a
 * read-only RdStore; its items made into RdImportRows on the worker and
 * handed to the main loop BATCH_ROWS at a time, each batch spliced into the
 * list at once) and the import (rd_import_apply with a writable RdStore on
 * the ledger's file, opened by the worker). The RdImport travels with the
 * worker and comes back with its answer.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-import-dialog-private.h"

#define BATCH_ROWS 1000
#define FIRST_ROWS 250
#define FIRST_BATCH_ROWS 25
/* The list's feeder (feed_rows). */
#define FEED_PRIORITY (GDK_PRIORITY_REDRAW + 10)
#define FEED_SLOW_ROWS 250
#define FEED_SLOW_STEP 8
#define FEED_BUDGET_US (8 * 1000)
/* The progress bar is told at most this often (µs). */
#define PROGRESS_INTERVAL (50 * 1000)

void
_rd_import_job_free (gpointer data)
{
  Job *job = data;

  g_clear_pointer (&job->import, rd_import_free);
  g_free (job->path);
  g_free (job->db_path);
  g_clear_pointer (&job->profile, rd_import_profile_free);
  g_clear_pointer (&job->batch, g_ptr_array_unref);
  g_strfreev (job->headers);
  g_free (job->operator);
  g_clear_pointer (&job->excluded, g_hash_table_unref);
  g_clear_pointer (&job->context, g_main_context_unref);
  g_clear_error (&job->error);
  g_free (job);
}

static void
batch_free (gpointer data)
{
  Batch *batch = data;

  g_clear_pointer (&batch->rows, g_ptr_array_unref);
  g_object_unref (batch->dialog);
  g_free (batch);
}

static void
count_row (RdImportCounts *counts,
           RdImportRow    *row)
{
  switch (rd_import_row_get_outcome (row))
    {
    case RD_IMPORT_OUTCOME_NEW:
      counts->n_new++;
      break;
    case RD_IMPORT_OUTCOME_UPDATED:
      counts->n_updated++;
      break;
    case RD_IMPORT_OUTCOME_UNCHANGED:
      counts->n_unchanged++;
      break;
    case RD_IMPORT_OUTCOME_ERROR:
    default:
      counts->n_errors++;
      break;
    }
}

/* Runs on the main loop, below the redraw's priority: moves rows of the
 * preview into the list. While the list is short, a few at a time: each
 * row it shows gets its cells made there and then (the list keeps some 200
 * rows of widgets), and the ready batches of the worker would otherwise
 * all be spliced in one main-loop iteration. Past that, a splice costs
 * little and takes whatever is there. */
static gboolean
feed_rows (gpointer data)
{
  RdImportDialog *self = data;
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  gint64 until = g_get_monotonic_time () + FEED_BUDGET_US;

  /* Cancelled (or closed) with rows on their way: they are not shown. */
  if (self->cancellable != NULL && g_cancellable_is_cancelled (self->cancellable))
    g_ptr_array_set_size (self->pending, 0);

  while (self->pending->len > 0)
    {
      guint n = self->pending->len;

      if (n_items < FEED_SLOW_ROWS)
        n = MIN (n, FEED_SLOW_STEP);
      g_list_store_splice (self->rows, n_items, 0, self->pending->pdata, n);
      g_ptr_array_remove_range (self->pending, 0, n);
      n_items += n;
      if (g_get_monotonic_time () >= until)
        break;
    }

  if (self->pending->len > 0)
    return G_SOURCE_CONTINUE;
  self->feed_id = 0;
  _rd_import_dialog_rows_fed (self);
  return G_SOURCE_REMOVE;
}

/* Runs on the main loop: a batch of rows (and the progress). */
static gboolean
add_batch (gpointer data)
{
  Batch *batch = data;
  RdImportDialog *self = batch->dialog;

  if (self->disposed || batch->generation != self->generation || self->cancellable == NULL)
    return G_SOURCE_REMOVE;

  if (batch->rows != NULL && batch->rows->len > 0)
    {
      for (guint i = 0; i < batch->rows->len; i++)
        {
          RdImportRow *row = g_ptr_array_index (batch->rows, i);

          count_row (&self->counts, row);
          if (rd_import_row_get_outcome (row) == RD_IMPORT_OUTCOME_ERROR)
            self->n_included_errors++;
        }
      g_ptr_array_extend_and_steal (self->pending, g_steal_pointer (&batch->rows));
      _rd_import_dialog_update_counts (self);
      if (self->feed_id == 0)
        self->feed_id = g_idle_add_full (FEED_PRIORITY, feed_rows, self, NULL);
    }

  if (batch->done > 0)
    {
      g_autofree char *done = g_strdup_printf ("%" G_GUINT64_FORMAT, batch->done);
      g_autofree char *text = NULL;

      gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (batch->fraction, 0, 1));
      /* Translators: progress of the import's preview or the import: "3200 rows". */
      text = g_strdup_printf (self->applying
                              ? ngettext ("Importing: %s row", "Importing: %s rows", (gulong) batch->done)
                              : ngettext ("Reading: %s row", "Reading: %s rows", (gulong) batch->done),
                              done);
      gtk_progress_bar_set_text (self->progress_bar, text);
    }
  return G_SOURCE_REMOVE;
}

/* Worker side: hands what it has to the main loop. */
static void
send_batch (Job     *job,
            double   fraction,
            guint64  done)
{
  Batch *batch = g_new0 (Batch, 1);
  GSource *source;

  batch->dialog = g_object_ref (job->dialog);
  batch->generation = job->generation;
  batch->fraction = fraction;
  batch->done = done;
  if (job->batch != NULL && job->batch->len > 0)
    {
      batch->rows = g_steal_pointer (&job->batch);
      job->batch = g_ptr_array_new_full (BATCH_ROWS, g_object_unref);
    }
  /* Always through a source: g_main_context_invoke() would run add_batch
   * on this thread when no thread holds the main context at that moment. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, add_batch, batch, batch_free);
  g_source_set_static_name (source, "[rd] import batch");
  g_source_attach (source, job->context);
  g_source_unref (source);
}

static void
on_preview_item (const RdImportItem *item,
                 gpointer            user_data)
{
  Job *job = user_data;

  g_ptr_array_add (job->batch, rd_import_row_new (item, (const char *const *) job->headers, job->n_headers));
  job->n_rows++;
  /* The first rows in small batches: the list makes the widgets of its
   * first couple of hundred rows as they arrive, and that, not the
   * splicing, is what holds the main loop. */
  if (job->batch->len >= (job->n_rows <= FIRST_ROWS ? FIRST_BATCH_ROWS : BATCH_ROWS))
    send_batch (job, -1, 0);
}

static void
on_progress (double   fraction,
             guint64  rows,
             gpointer user_data)
{
  Job *job = user_data;
  gint64 now = g_get_monotonic_time ();

  if (now - job->last_progress < PROGRESS_INTERVAL)
    return;
  job->last_progress = now;
  send_batch (job, fraction, rows);
}

void
_rd_import_preview_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(RdStore) store = NULL;
  const RdTableRow *const *head;
  guint n_head = 0, header_row = 0;

  if (job->import == NULL)
    {
      job->import = rd_import_new (job->path, &job->error);
      if (job->import == NULL)
        goto out;
    }
  if (job->set_profile && !rd_import_set_profile (job->import, job->profile, &job->error))
    goto out;

  head = rd_import_get_head_rows (job->import, &n_head, &header_row);
  if (head != NULL && header_row < n_head && head[header_row] != NULL)
    {
      const RdTableRow *header = head[header_row];

      job->headers = g_new0 (char *, header->n_cells + 1);
      for (guint i = 0; i < header->n_cells; i++)
        job->headers[i] = g_strdup (header->cells[i]);
      job->n_headers = header->n_cells;
    }

  store = rd_store_open (job->db_path, RD_STORE_OPEN_EXISTING | RD_STORE_OPEN_READ_ONLY, &job->error);
  if (store == NULL)
    goto out;
  job->batch = g_ptr_array_new_full (BATCH_ROWS, g_object_unref);
  if (rd_import_preview (job->import, store, on_preview_item, job, on_progress, job,
                         cancellable, &job->counts, &job->error))
    send_batch (job, 1, 0);

out:
  g_task_return_boolean (task, TRUE);
}

/* How many of the cases the import created or changed are proposed for the
 * intercept register (a parcel still on its way to the buyer). */
static guint
count_proposed (RdStore *store,
                gint64   import_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) proposals = rd_import_list_intercept_proposals (store, &error);
  g_autoptr(GArray) cases = NULL;
  g_autoptr(GHashTable) proposed = NULL;
  guint n = 0;

  if (proposals != NULL && proposals->len > 0)
    cases = rd_import_list_cases (store, import_id, &error);
  if (cases == NULL)
    {
      if (error != NULL)
        g_warning ("The intercept proposals of import %" G_GINT64_FORMAT " cannot be read: %s",
                   import_id, error->message);
      return 0;
    }
  proposed = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < proposals->len; i++)
    g_hash_table_add (proposed, &g_array_index (proposals, gint64, i));
  for (guint i = 0; i < cases->len; i++)
    if (g_hash_table_contains (proposed, &g_array_index (cases, gint64, i)))
      n++;
  return n;
}

void
_rd_import_apply_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(RdStore) store = NULL;
  RdImportOptions options = { 0 };

  store = rd_store_open (job->db_path, RD_STORE_OPEN_EXISTING, &job->error);
  if (store == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  options.operator = job->operator;
  options.excluded_rows = job->excluded;
  if (rd_import_apply (job->import, store, &options, NULL, NULL, on_progress, job,
                       cancellable, &job->counts, &job->import_id, &job->error))
    job->n_proposed = count_proposed (store, job->import_id);
  g_task_return_boolean (task, TRUE);
}

