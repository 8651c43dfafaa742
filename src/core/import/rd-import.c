/* rd-import.c
 *
 * The import (rd-import.h): the file opened, its profile found and bound
 * to its header, and the preview. The comparison of a row with the ledger
 * is rd-import-compare.c; the import itself rd-import-apply.c; the saved
 * profiles and the lists of an import's cases rd-import-store.c.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-import-private.h"

#define HEAD_ROWS 30

G_DEFINE_QUARK (rd-import-error-quark, rd_import_error)

void
rd_import_item_free (RdImportItem *item)
{
  if (item == NULL)
    return;
  g_free (item->key);
  g_free (item->case_no);
  g_clear_pointer (&item->changes, g_ptr_array_unref);
  g_clear_pointer (&item->problems, g_ptr_array_unref);
  g_clear_pointer (&item->notes, g_ptr_array_unref);
  g_free (item);
}

void
_rd_import_change_free (RdImportChange *change)
{
  g_free (change->field);
  g_free (change->old_value);
  g_free (change->new_value);
  g_free (change);
}

void
_rd_import_problem_free (RdImportProblem *problem)
{
  g_free (problem->message);
  g_free (problem);
}

RdImportItem *
rd_import_item_copy (const RdImportItem *item)
{
  RdImportItem *copy;

  g_return_val_if_fail (item != NULL, NULL);

  copy = g_new0 (RdImportItem, 1);
  copy->row = item->row;
  copy->outcome = item->outcome;
  copy->key = g_strdup (item->key);
  copy->kind = item->kind;
  copy->case_id = item->case_id;
  copy->case_no = g_strdup (item->case_no);
  copy->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) _rd_import_change_free);
  copy->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) _rd_import_problem_free);
  copy->notes = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; item->changes != NULL && i < item->changes->len; i++)
    {
      const RdImportChange *change = item->changes->pdata[i];
      RdImportChange *c = g_new0 (RdImportChange, 1);

      c->field = g_strdup (change->field);
      c->old_value = g_strdup (change->old_value);
      c->new_value = g_strdup (change->new_value);
      g_ptr_array_add (copy->changes, c);
    }
  for (guint i = 0; item->problems != NULL && i < item->problems->len; i++)
    {
      const RdImportProblem *problem = item->problems->pdata[i];
      RdImportProblem *p = g_new0 (RdImportProblem, 1);

      p->column = problem->column;
      p->message = g_strdup (problem->message);
      g_ptr_array_add (copy->problems, p);
    }
  for (guint i = 0; item->notes != NULL && i < item->notes->len; i++)
    g_ptr_array_add (copy->notes, g_strdup (item->notes->pdata[i]));
  return copy;
}

/* The head rows: copies, since the reader's are valid in its callback only. */
static void
row_copy_free (RdTableRow *row)
{
  for (guint i = 0; i < row->n_cells; i++)
    g_free ((char *) row->cells[i]);
  g_free ((gpointer) row->cells);
  g_free ((gpointer) row->kinds);
  g_free (row);
}

static RdTableRow *
row_copy (const RdTableRow *row)
{
  RdTableRow *copy = g_new0 (RdTableRow, 1);
  char **cells = g_new0 (char *, row->n_cells + 1);
  RdTableCellKind *kinds = g_new0 (RdTableCellKind, row->n_cells + 1);

  copy->number = row->number;
  copy->n_cells = row->n_cells;
  for (guint i = 0; i < row->n_cells; i++)
    {
      cells[i] = g_strdup (row->cells[i]);
      kinds[i] = row->kinds != NULL ? row->kinds[i] : RD_TABLE_CELL_TEXT;
    }
  copy->cells = (const char *const *) cells;
  copy->kinds = kinds;
  return copy;
}

static gboolean
on_head_row (const RdTableRow *row,
             gpointer          user_data,
             GError          **error)
{
  GPtrArray *head = user_data;

  g_ptr_array_add (head, row_copy (row));
  return head->len < HEAD_ROWS;
}

static gboolean
bind_profile (RdImport               *import,
              const RdImportProfile  *profile,
              GError                **error)
{
  RdImportMapping *mapping;
  guint header_row = 0;

  mapping = rd_import_mapping_new (profile, (const RdTableRow *const *) import->head->pdata,
                                   import->head->len, &header_row, error);
  if (mapping == NULL)
    return FALSE;
  g_clear_pointer (&import->mapping, rd_import_mapping_free);
  import->mapping = mapping;
  import->header_row = header_row;
  import->header_number = header_row < import->head->len
                          ? ((RdTableRow *) import->head->pdata[header_row])->number : 0;
  import->previewed = FALSE;
  return TRUE;
}

RdImport *
rd_import_new (const char  *path,
               GError     **error)
{
  g_autoptr(RdImport) import = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  import = g_new0 (RdImport, 1);
  import->path = g_strdup (path);
  import->head = g_ptr_array_new_with_free_func ((GDestroyNotify) row_copy_free);
  import->error_rows = g_array_new (FALSE, FALSE, sizeof (guint64));
  import->table = rd_table_open (path, error);
  if (import->table == NULL)
    return NULL;
  import->date_1904 = rd_table_uses_1904 (import->table);
  if (!rd_table_read (import->table, 0, on_head_row, import->head, NULL, error))
    return NULL;

  import->detected = rd_import_profile_detect ((const RdTableRow *const *) import->head->pdata,
                                               import->head->len);
  if (import->detected != NULL && !bind_profile (import, import->detected, NULL))
    import->detected = NULL;
  return g_steal_pointer (&import);
}

void
rd_import_free (RdImport *import)
{
  if (import == NULL)
    return;
  g_clear_pointer (&import->mapping, rd_import_mapping_free);
  g_clear_pointer (&import->chosen, rd_import_profile_free);
  g_clear_pointer (&import->table, rd_table_free);
  g_clear_pointer (&import->head, g_ptr_array_unref);
  g_clear_pointer (&import->error_rows, g_array_unref);
  g_free (import->sha256);
  g_free (import->path);
  g_free (import);
}

const char *
rd_import_get_path (RdImport *import)
{
  g_return_val_if_fail (import != NULL, NULL);
  return import->path;
}

RdTable *
rd_import_get_table (RdImport *import)
{
  g_return_val_if_fail (import != NULL, NULL);
  return import->table;
}

const RdImportProfile *
rd_import_get_profile (RdImport *import)
{
  g_return_val_if_fail (import != NULL, NULL);
  return import->mapping != NULL ? rd_import_mapping_get_profile (import->mapping) : NULL;
}

gboolean
rd_import_set_profile (RdImport               *import,
                       const RdImportProfile  *profile,
                       GError                **error)
{
  g_autoptr(RdImportProfile) copy = NULL;

  g_return_val_if_fail (import != NULL, FALSE);

  if (profile == NULL)
    {
      g_clear_pointer (&import->chosen, rd_import_profile_free);
      g_clear_pointer (&import->mapping, rd_import_mapping_free);
      import->previewed = FALSE;
      return import->detected == NULL || bind_profile (import, import->detected, error);
    }

  copy = rd_import_profile_copy (profile);
  if (!bind_profile (import, copy, error))
    return FALSE;
  g_clear_pointer (&import->chosen, rd_import_profile_free);
  import->chosen = g_steal_pointer (&copy);
  /* The mapping was bound to the copy, which the import keeps. */
  return TRUE;
}

const RdTableRow *const *
rd_import_get_head_rows (RdImport *import,
                         guint    *n_rows,
                         guint    *header_row)
{
  g_return_val_if_fail (import != NULL, NULL);

  if (n_rows != NULL)
    *n_rows = import->head->len;
  if (header_row != NULL)
    *header_row = import->mapping != NULL ? import->header_row : 0;
  return (const RdTableRow *const *) import->head->pdata;
}

const char *
rd_import_get_column_header (RdImport *import,
                             int       column)
{
  g_return_val_if_fail (import != NULL, NULL);

  if (column < 0 || import->mapping == NULL)
    return NULL;
  return rd_import_mapping_get_header (import->mapping, (guint) column);
}

char *
_rd_import_hash_file (const char    *path,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guchar *buffer = g_malloc (1 << 16);
  gssize n;

  in = g_file_read (file, cancellable, error);
  if (in == NULL)
    return NULL;
  while ((n = g_input_stream_read (G_INPUT_STREAM (in), buffer, 1 << 16, cancellable, error)) > 0)
    g_checksum_update (sum, buffer, n);
  if (n < 0)
    return NULL;
  return g_strdup (g_checksum_get_string (sum));
}

typedef struct
{
  RdImport             *import;
  RdImportRowFunc       func;
  gpointer              user_data;
  RdImportProgressFunc  progress;
  gpointer              progress_data;
  GCancellable         *cancellable;
  guint64               rows;
  gint64                last_progress;
} ReadRows;

static gboolean
on_file_row (const RdTableRow *row,
             gpointer          user_data,
             GError          **error)
{
  ReadRows *read = user_data;

  if (g_cancellable_set_error_if_cancelled (read->cancellable, error))
    return FALSE;
  read->rows++;
  if (read->progress != NULL && (read->rows & 1023) == 0)
    {
      guint64 done = 0, total = 0;

      rd_table_get_progress (read->import->table, &done, &total);
      read->progress (total > 0 ? MIN (1.0, (double) done / (double) total) : 0.0, read->rows,
                      read->progress_data);
    }
  if (row->number <= read->import->header_number ||
      rd_import_mapping_classify (read->import->mapping, row) == RD_IMPORT_ROW_SKIP)
    return TRUE;
  return read->func (row, read->user_data, error);
}

gboolean
_rd_import_read_rows (RdImport             *import,
                      RdImportRowFunc       func,
                      gpointer              user_data,
                      RdImportProgressFunc  progress,
                      gpointer              progress_data,
                      GCancellable         *cancellable,
                      GError              **error)
{
  ReadRows read = { import, func, user_data, progress, progress_data, cancellable, 0, 0 };

  if (import->mapping == NULL)
    {
      g_set_error_literal (error, RD_IMPORT_ERROR, RD_IMPORT_ERROR_NO_PROFILE,
                           _("No platform’s export looks like this file. Choose the platform, or map its "
                             "columns with the generic profile."));
      return FALSE;
    }
  if (!rd_table_read (import->table, 0, on_file_row, &read, cancellable, error))
    return FALSE;
  if (progress != NULL)
    progress (1.0, read.rows, progress_data);
  return TRUE;
}

typedef struct
{
  RdImport         *import;
  RdImportCompare  *compare;
  RdImportItemFunc  func;
  gpointer          user_data;
  RdImportCounts    counts;
} Preview;

static gboolean
on_preview_row (const RdTableRow *row,
                gpointer          user_data,
                GError          **error)
{
  Preview *preview = user_data;
  g_autoptr(RdImportPlan) plan = _rd_import_compare_row (preview->compare, row, error);

  if (plan == NULL)
    return FALSE;
  switch (plan->item->outcome)
    {
    case RD_IMPORT_OUTCOME_NEW:
      preview->counts.n_new++;
      break;
    case RD_IMPORT_OUTCOME_UPDATED:
      preview->counts.n_updated++;
      if (plan->flagged)
        preview->counts.n_flagged++;
      break;
    case RD_IMPORT_OUTCOME_UNCHANGED:
      preview->counts.n_unchanged++;
      break;
    case RD_IMPORT_OUTCOME_ERROR:
      preview->counts.n_errors++;
      g_array_append_val (preview->import->error_rows, plan->item->row);
      break;
    default:
      g_assert_not_reached ();
    }
  if (preview->func != NULL)
    preview->func (plan->item, preview->user_data);
  return TRUE;
}

gboolean
rd_import_preview (RdImport              *import,
                   RdStore               *store,
                   RdImportItemFunc       func,
                   gpointer               user_data,
                   RdImportProgressFunc   progress,
                   gpointer               progress_data,
                   GCancellable          *cancellable,
                   RdImportCounts        *counts,
                   GError               **error)
{
  g_autoptr(RdImportCompare) compare = NULL;
  g_autofree char *sha256 = NULL;
  Preview preview = { 0 };
  gboolean in_read = FALSE;
  gboolean ok;

  g_return_val_if_fail (import != NULL, FALSE);
  g_return_val_if_fail (RD_IS_STORE (store), FALSE);

  import->previewed = FALSE;
  g_array_set_size (import->error_rows, 0);
  sha256 = _rd_import_hash_file (import->path, cancellable, error);
  if (sha256 == NULL)
    return FALSE;
  compare = _rd_import_compare_new (import, store, error);
  if (compare == NULL)
    return FALSE;

  /* One snapshot of the ledger for the whole file. */
  if (sqlite3_get_autocommit (rd_store_get_db (store)))
    {
      if (!rd_store_exec (store, "BEGIN", error))
        return FALSE;
      in_read = TRUE;
    }
  preview.import = import;
  preview.compare = compare;
  preview.func = func;
  preview.user_data = user_data;
  ok = _rd_import_read_rows (import, on_preview_row, &preview, progress, progress_data, cancellable, error);
  g_clear_pointer (&compare, _rd_import_compare_free);
  if (in_read)
    rd_store_exec (store, "COMMIT", NULL);
  if (!ok)
    return FALSE;

  import->previewed = TRUE;
  g_free (import->sha256);
  import->sha256 = g_steal_pointer (&sha256);
  import->preview_counts = preview.counts;
  if (counts != NULL)
    *counts = preview.counts;
  return TRUE;
}
