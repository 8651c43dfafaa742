/* rd-import-apply.c
 *
 * The import itself (rd_import_apply). The file is read again and every
 * row compared with the ledger again (it may have changed since the
 * preview), in one transaction:
 *
 *  - new cases go through the bulk writer (rd-case-bulk.h) in batches;
 *    with each batch, in the bulk's audit chain, their platform facts
 *    (case_platform), their row in case_imports, and an entry "import /
 *    row" naming the file and row (the case's timeline: "Imported from
 *    FILE, row N");
 *  - updates are kept until the bulk has finished (its audit chain and
 *    search index are its own until then), then written through the
 *    audited path (rd_case_store_write_locked, action "import"), each with
 *    its platform facts, its row in case_imports, an entry "import-update /
 *    row" (the timeline's "Changed by the import of FILE, row N") and an
 *    entry per platform fact shown (platform status, follow-up);
 *  - last, the import's own row (imports) with its counts.
 *
 * Nothing is written when no row is new or updated: a re-import leaves the
 * ledger as it was, byte for byte. Otherwise a backup is made first
 * (RD_BACKUP_REASON_IMPORT). An error, a row with problems (unless
 * excluded or skipped) or Cancel rolls everything back.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-audit.h"
#include "rd-case-bulk.h"
#include "rd-case-store.h"
#include "rd-operators.h"
#include "rd-store-backup.h"
#include "rd-import-private.h"

#define NEW_PER_BATCH 500
/* The page cache of the import's transaction, in KiB. */
#define IMPORT_CACHE_KB 65536

typedef struct
{
  RdImport             *import;
  RdStore              *store;
  const RdImportOptions *options;
  RdImportCompare      *compare;
  RdImportItemFunc      func;
  gpointer              user_data;
  gboolean              check_only;   /* the preview found nothing to write */
  char                 *file_name;
  char                 *operator;
  gint64                import_id;

  RdCaseBulk           *bulk;
  GPtrArray            *pending;      /* RdImportItem* (borrowed), in file order, until their batch is written */
  GPtrArray            *owned;        /* the plans of those that are not updates */
  GPtrArray            *new_cases;    /* RdCase* of the pending new plans (borrowed) */
  GPtrArray            *new_plans;    /* their plans (borrowed) */
  GPtrArray            *updates;      /* RdImportPlan*, written after the bulk */
  RdImportCounts        counts;
} Apply;

static gboolean
bind_step (RdStore       *store,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* The case_platform row of a plan, inserted or replaced. */
static gboolean
write_facts (RdStore              *store,
             sqlite3_stmt         *stmt,
             gint64                case_id,
             const RdImportFacts  *facts,
             gint64                import_id,
             guint64               row,
             GError              **error)
{
  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_text (stmt, 2, facts->channel, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, facts->key, -1, SQLITE_STATIC);
  if (facts->platform_status != NULL)
    sqlite3_bind_text (stmt, 4, facts->platform_status, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 4);
  sqlite3_bind_text (stmt, 5, _rd_import_state_to_id (facts->state), -1, SQLITE_STATIC);
  if (facts->refund_amount >= 0)
    sqlite3_bind_int64 (stmt, 6, facts->refund_amount);
  else
    sqlite3_bind_null (stmt, 6);
  if (facts->status_set != NULL)
    sqlite3_bind_text (stmt, 7, facts->status_set, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 7);
  sqlite3_bind_int (stmt, 8, facts->follow_up ? 1 : 0);
  sqlite3_bind_int64 (stmt, 9, import_id);
  sqlite3_bind_int64 (stmt, 10, (gint64) row);
  return bind_step (store, stmt, error);
}

/* OR ROLLBACK: an import that fails is rolled back whole, and without a
 * statement that may abort half-way SQLite needs no statement journal (a
 * temporary file written per statement, rd_case_store_insert's SQL says
 * more). */
static const char facts_insert_sql[] =
  "INSERT OR ROLLBACK INTO case_platform (case_id, channel, platform_key, platform_status, platform_state,"
  " refund_amount, status_set, follow_up, import_id, row) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
/* (An upsert would abort, not roll back, on the key's conflict: that alone
 * needs the statement journal.) */
static const char facts_update_sql[] =
  "UPDATE OR ROLLBACK case_platform SET channel = ?2, platform_key = ?3, platform_status = ?4,"
  " platform_state = ?5, refund_amount = ?6, status_set = ?7, follow_up = ?8, import_id = ?9, row = ?10"
  " WHERE case_id = ?1";

static gboolean
write_case_import (RdStore       *store,
                   sqlite3_stmt  *stmt,
                   gint64         import_id,
                   gint64         case_id,
                   guint64        row,
                   GError       **error)
{
  sqlite3_bind_int64 (stmt, 1, import_id);
  sqlite3_bind_int64 (stmt, 2, case_id);
  sqlite3_bind_int64 (stmt, 3, (gint64) row);
  return bind_step (store, stmt, error);
}

static RdAuditEntry *
entry_new (gint64      case_id,
           const char *action,
           const char *field,
           const char *old_value,
           const char *new_value)
{
  RdAuditEntry *entry = g_new0 (RdAuditEntry, 1);

  entry->case_id = case_id;
  entry->action = g_strdup (action);
  entry->field = g_strdup (field);
  entry->old_value = g_strdup (old_value);
  entry->new_value = g_strdup (new_value);
  return entry;
}

/* With each batch of new cases, in the bulk's transaction and chain. */
static gboolean
write_with_new_cases (RdStore    *store,
                      RdCase    **cases,
                      guint       n,
                      GPtrArray  *entries,
                      gpointer    user_data,
                      GError    **error)
{
  Apply *apply = user_data;
  g_autoptr(sqlite3_stmt) facts = rd_store_prepare (store, facts_insert_sql, error);
  g_autoptr(sqlite3_stmt) imports = NULL;

  if (facts == NULL)
    return FALSE;
  imports = rd_store_prepare (store, "INSERT OR ROLLBACK INTO case_imports (import_id, case_id, row) VALUES (?1, ?2, ?3)", error);
  if (imports == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      RdImportPlan *plan = apply->new_plans->pdata[i];
      g_autofree char *row = g_strdup_printf ("%" G_GUINT64_FORMAT, plan->item->row);

      if (!write_facts (store, facts, cases[i]->id, &plan->facts_after, apply->import_id, plan->item->row, error) ||
          !write_case_import (store, imports, apply->import_id, cases[i]->id, plan->item->row, error))
        return FALSE;
      g_ptr_array_add (entries, entry_new (cases[i]->id, "import", "row", apply->file_name, row));
      plan->item->case_id = cases[i]->id;
      plan->item->case_no = g_strdup (cases[i]->case_no);
    }
  /* Their audit rows (the TEMP triggers of these inserts are set aside
   * while the bulk runs): the batch's ids are consecutive and new. */
  return n == 0 ||
         (rd_audit_collect_inserted (store, "case_platform", "case_id", cases[0]->id, cases[n - 1]->id, error) &&
          rd_audit_collect_inserted (store, "case_imports", "case_id", cases[0]->id, cases[n - 1]->id, error));
}

/* The TEMP triggers of the inserts written with the new cases: set aside
 * in the transaction while the bulk runs (a rollback puts them back). */
static const char * const new_case_tables[] = { "case_platform", "case_imports" };

static gboolean
pause_inserts (RdStore   *store,
               gboolean   pause,
               GError   **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (new_case_tables); i++)
    if (!(pause ? rd_audit_pause_inserts (store, new_case_tables[i], error)
                : rd_audit_resume_inserts (store, new_case_tables[i], error)))
      return FALSE;
  return TRUE;
}

static void
emit_pending (Apply *apply)
{
  for (guint i = 0; i < apply->pending->len; i++)
    if (apply->func != NULL)
      apply->func (apply->pending->pdata[i], apply->user_data);
  g_ptr_array_set_size (apply->pending, 0);
  g_ptr_array_set_size (apply->owned, 0);
}

static gboolean
flush_new (Apply   *apply,
           GError **error)
{
  if (apply->new_cases->len > 0)
    {
      if (!rd_case_bulk_add_full (apply->bulk, (RdCase **) apply->new_cases->pdata, apply->new_cases->len,
                                  write_with_new_cases, apply, error))
        return FALSE;
      g_ptr_array_set_size (apply->new_cases, 0);
      g_ptr_array_set_size (apply->new_plans, 0);
    }
  emit_pending (apply);
  return TRUE;
}

static gboolean
is_excluded (const Apply *apply,
             guint64      row)
{
  gint64 key = (gint64) row;

  return apply->options != NULL && apply->options->excluded_rows != NULL &&
         g_hash_table_contains (apply->options->excluded_rows, &key);
}

static void
set_changed (GError **error)
{
  g_set_error_literal (error, RD_IMPORT_ERROR, RD_IMPORT_ERROR_CHANGED,
                       _("The ledger changed since the preview. Preview the file again."));
}

static void
set_refused (GError             **error,
             const RdImportItem  *item)
{
  const RdImportProblem *problem = item->problems->len > 0 ? item->problems->pdata[0] : NULL;
  g_autofree char *reason = g_strdup (problem != NULL ? problem->message : "");
  gsize n = strlen (reason);

  /* The sentence goes on after it. */
  if (n > 0 && reason[n - 1] == '.')
    reason[n - 1] = '\0';
  else if (n >= 3 && g_str_has_suffix (reason, "。"))
    reason[n - 3] = '\0';
  /* Translators: a row number of the file and what is wrong with it */
  g_set_error (error, RD_IMPORT_ERROR, RD_IMPORT_ERROR_REFUSED,
               _("Row %llu: %s. Nothing was imported: correct the row, leave it out, or skip "
                 "the rows with problems."), (unsigned long long) item->row, reason);
}

static gboolean
on_apply_row (const RdTableRow *row,
              gpointer          user_data,
              GError          **error)
{
  Apply *apply = user_data;
  g_autoptr(RdImportPlan) plan = NULL;
  RdImportOutcome outcome;

  if (is_excluded (apply, row->number))
    {
      apply->counts.n_excluded++;
      return TRUE;
    }
  plan = _rd_import_compare_row (apply->compare, row, error);
  if (plan == NULL)
    return FALSE;

  outcome = plan->item->outcome;
  if (outcome == RD_IMPORT_OUTCOME_ERROR)
    {
      apply->counts.n_errors++;
      if (apply->options == NULL || !apply->options->skip_errors)
        {
          set_refused (error, plan->item);
          return FALSE;
        }
      apply->counts.n_excluded++;
    }
  else if (outcome == RD_IMPORT_OUTCOME_UNCHANGED)
    apply->counts.n_unchanged++;
  else if (apply->check_only)
    {
      set_changed (error);
      return FALSE;
    }
  else if (outcome == RD_IMPORT_OUTCOME_NEW)
    {
      apply->counts.n_new++;
      g_ptr_array_add (apply->new_cases, plan->after);
      g_ptr_array_add (apply->new_plans, plan);
    }
  else
    {
      apply->counts.n_updated++;
      if (plan->flagged)
        apply->counts.n_flagged++;
      /* Kept until the end: what is written, not what was read. */
      g_clear_pointer (&plan->record, rd_import_record_free);
      g_clear_pointer (&plan->before, rd_case_free);
      plan->facts_existed = plan->facts_before.exists;
      _rd_import_facts_clear (&plan->facts_before);
      g_ptr_array_add (apply->pending, plan->item);
      g_ptr_array_add (apply->updates, g_steal_pointer (&plan));
    }

  if (plan != NULL)
    {
      g_ptr_array_add (apply->pending, plan->item);
      g_ptr_array_add (apply->owned, g_steal_pointer (&plan));
    }
  if (apply->new_cases->len >= NEW_PER_BATCH || apply->pending->len >= 4 * NEW_PER_BATCH)
    return flush_new (apply, error);
  return TRUE;
}

/* One update, after the bulk: the case through the audited path, its
 * facts, its row of the import, and the timeline's entries. */
static gboolean
write_update (Apply          *apply,
              RdImportPlan   *plan,
              sqlite3_stmt   *facts,
              sqlite3_stmt   *facts_update,
              sqlite3_stmt   *imports,
              GError        **error)
{
  RdStore *store = apply->store;
  gint64 id = plan->after->id;
  g_autofree char *row = g_strdup_printf ("%" G_GUINT64_FORMAT, plan->item->row);

  if (!rd_audit_record (store, id, apply->operator, "import-update", "row", apply->file_name, row, error))
    return FALSE;
  if (plan->case_changed && !rd_case_store_write_locked (store, plan->after, apply->operator, "import", error))
    return FALSE;
  if (plan->facts_changed)
    {
      if (plan->platform_status_changed &&
          !rd_audit_record (store, id, apply->operator, "import", "platform_status",
                            plan->old_platform_status, plan->facts_after.platform_status, error))
        return FALSE;
      if (plan->flagged && !rd_audit_record (store, id, apply->operator, "import", "follow_up", "0", "1", error))
        return FALSE;
      if (!write_facts (store, plan->facts_existed ? facts_update : facts, id, &plan->facts_after,
                        apply->import_id, plan->item->row, error))
        return FALSE;
    }
  return write_case_import (store, imports, apply->import_id, id, plan->item->row, error);
}

static gboolean
write_updates (Apply   *apply,
               GError **error)
{
  g_autoptr(sqlite3_stmt) facts = NULL;
  g_autoptr(sqlite3_stmt) facts_update = NULL;
  g_autoptr(sqlite3_stmt) imports = NULL;

  if (apply->updates->len == 0)
    return TRUE;
  if (!rd_operators_check (apply->store, apply->operator, RD_ACTION_EDIT_CASE, error))
    return FALSE;
  facts = rd_store_prepare (apply->store, facts_insert_sql, error);
  if (facts == NULL)
    return FALSE;
  facts_update = rd_store_prepare (apply->store, facts_update_sql, error);
  if (facts_update == NULL)
    return FALSE;
  imports = rd_store_prepare (apply->store, "INSERT OR ROLLBACK INTO case_imports (import_id, case_id, row) VALUES (?1, ?2, ?3)",
                              error);
  if (imports == NULL)
    return FALSE;
  for (guint i = 0; i < apply->updates->len; i++)
    if (!write_update (apply, apply->updates->pdata[i], facts, facts_update, imports, error))
      return FALSE;
  return TRUE;
}

static gboolean
write_import_row (Apply       *apply,
                  const char  *sha256,
                  GError     **error)
{
  const RdImportProfile *profile = rd_import_get_profile (apply->import);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = rd_store_prepare (apply->store, "INSERT INTO imports (id, file_name, sha256, profile, channel, at, operator,"
                                         " n_new, n_updated, n_unchanged, n_excluded, n_flagged)"
                                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, apply->import_id);
  sqlite3_bind_text (stmt, 2, apply->file_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, sha256, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, rd_import_profile_get_id (profile), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, rd_import_profile_get_channel (profile), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_text (stmt, 7, apply->operator, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 8, (gint64) apply->counts.n_new);
  sqlite3_bind_int64 (stmt, 9, (gint64) apply->counts.n_updated);
  sqlite3_bind_int64 (stmt, 10, (gint64) apply->counts.n_unchanged);
  sqlite3_bind_int64 (stmt, 11, (gint64) apply->counts.n_excluded);
  sqlite3_bind_int64 (stmt, 12, (gint64) apply->counts.n_flagged);
  return bind_step (apply->store, stmt, error);
}

static gboolean
next_import_id (Apply   *apply,
                GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = rd_store_prepare (apply->store, "SELECT coalesce (max (id), 0) + 1 FROM imports", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      rd_store_set_error_from_db (apply->store, rc, error);
      return FALSE;
    }
  apply->import_id = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* Many new cases against the ledger (as many as half the cases it has):
 * the bulk drops the indexes of the cases table and creates them again at
 * the end, one sort each instead of as many insertions into each. The
 * preview's count says how many; without a preview, the indexes stay. */
static gboolean
rebuild_indexes (RdImport *import,
                 RdStore  *store)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 n_cases;

  if (!import->previewed || import->preview_counts.n_new < 5000)
    return FALSE;
  stmt = rd_store_prepare (store, "SELECT n FROM case_count WHERE id = 1", NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  n_cases = sqlite3_column_int64 (stmt, 0);
  return (gint64) import->preview_counts.n_new * 2 >= n_cases;
}

/* The connection's cache_size setting; 0 when it cannot be read. */
static gint64
get_cache_size (RdStore *store)
{
  g_autoptr(sqlite3_stmt) stmt = rd_store_prepare (store, "PRAGMA cache_size", NULL);

  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

static void
apply_clear (Apply *apply)
{
  g_clear_pointer (&apply->bulk, rd_case_bulk_abort);
  g_clear_pointer (&apply->compare, _rd_import_compare_free);
  g_clear_pointer (&apply->pending, g_ptr_array_unref);
  g_clear_pointer (&apply->owned, g_ptr_array_unref);
  g_clear_pointer (&apply->new_cases, g_ptr_array_unref);
  g_clear_pointer (&apply->new_plans, g_ptr_array_unref);
  g_clear_pointer (&apply->updates, g_ptr_array_unref);
  g_clear_pointer (&apply->file_name, g_free);
  g_clear_pointer (&apply->operator, g_free);
}

/* Rows the preview found with problems that are neither excluded nor
 * skipped: refused before anything is copied or written. */
static gboolean
refuse_known_errors (RdImport              *import,
                     const RdImportOptions *options,
                     GError               **error)
{
  guint n_left = 0;
  guint64 first = 0;

  if (!import->previewed || (options != NULL && options->skip_errors))
    return TRUE;
  for (guint i = 0; i < import->error_rows->len; i++)
    {
      gint64 row = (gint64) g_array_index (import->error_rows, guint64, i);

      if (options != NULL && options->excluded_rows != NULL && g_hash_table_contains (options->excluded_rows, &row))
        continue;
      if (n_left++ == 0)
        first = (guint64) row;
    }
  if (n_left == 0)
    return TRUE;
  g_set_error (error, RD_IMPORT_ERROR, RD_IMPORT_ERROR_REFUSED,
               ngettext ("%u row has problems (row %llu). Nothing was imported: correct it, "
                         "leave it out, or skip the rows with problems.",
                         "%u rows have problems (the first is row %llu). Nothing was imported: "
                         "correct them, leave them out, or skip the rows with problems.", n_left),
               n_left, (unsigned long long) first);
  return FALSE;
}

gboolean
rd_import_apply (RdImport              *import,
                 RdStore               *store,
                 const RdImportOptions *options,
                 RdImportItemFunc       func,
                 gpointer               user_data,
                 RdImportProgressFunc   progress,
                 gpointer               progress_data,
                 GCancellable          *cancellable,
                 RdImportCounts        *counts,
                 gint64                *import_id,
                 GError               **error)
{
  Apply apply = { 0 };
  g_autofree char *sha256 = NULL;
  gint64 cache_size = 0;
  gboolean ok;

  g_return_val_if_fail (import != NULL, FALSE);
  g_return_val_if_fail (RD_IS_STORE (store), FALSE);

  if (import_id != NULL)
    *import_id = 0;
  if (import->mapping == NULL)
    return _rd_import_read_rows (import, NULL, NULL, NULL, NULL, cancellable, error);
  sha256 = _rd_import_hash_file (import->path, cancellable, error);
  if (sha256 == NULL)
    return FALSE;
  if (import->previewed && g_strcmp0 (sha256, import->sha256) != 0)
    {
      g_set_error_literal (error, RD_IMPORT_ERROR, RD_IMPORT_ERROR_CHANGED,
                           _("The file changed since the preview. Preview it again."));
      return FALSE;
    }
  if (!refuse_known_errors (import, options, error))
    return FALSE;

  apply.import = import;
  apply.store = store;
  apply.options = options;
  apply.func = func;
  apply.user_data = user_data;
  apply.file_name = g_path_get_basename (import->path);
  apply.operator = g_strdup (options != NULL && options->operator != NULL ? options->operator : "");
  apply.check_only = import->previewed && import->preview_counts.n_new == 0 && import->preview_counts.n_updated == 0;
  apply.pending = g_ptr_array_new ();
  apply.owned = g_ptr_array_new_with_free_func ((GDestroyNotify) _rd_import_plan_free);
  apply.new_cases = g_ptr_array_new ();
  apply.new_plans = g_ptr_array_new ();
  apply.updates = g_ptr_array_new_with_free_func ((GDestroyNotify) _rd_import_plan_free);

  if (apply.check_only)
    {
      /* Nothing to write, as the preview saw it: read it again in one
       * snapshot, and write nothing at all (no backup either). */
      ok = rd_store_exec (store, "BEGIN", error);
      if (ok)
        {
          ok = (apply.compare = _rd_import_compare_new (import, store, error)) != NULL &&
               _rd_import_read_rows (import, on_apply_row, &apply, progress, progress_data, cancellable, error);
          g_clear_pointer (&apply.compare, _rd_import_compare_free);
          rd_store_exec (store, "COMMIT", NULL);
        }
      if (ok)
        emit_pending (&apply);
    }
  else
    {
      RdBackupInfo *backup = rd_store_backup_now (store, options != NULL ? options->backup_folder : NULL,
                                                  RD_BACKUP_REASON_IMPORT, NULL, NULL, cancellable, error);

      ok = backup != NULL;
      g_clear_pointer (&backup, rd_backup_info_free);
      /* The new cases go into every index of the cases table, all over
       * each: with the connection's default 2 MB of cache, the pages
       * spilled to the WAL in the middle of the transaction took 40% of
       * the time. */
      cache_size = get_cache_size (store);
      if (cache_size != 0)
        rd_store_exec (store, "PRAGMA cache_size = -" G_STRINGIFY (IMPORT_CACHE_KB), NULL);
      ok = ok &&
           (apply.bulk = rebuild_indexes (import, store)
                         /* The adoptable cases are looked up by it. */
                         ? rd_case_bulk_begin_rebuilding_keeping (store, apply.operator, "cases_channel_order", error)
                                                          : rd_case_bulk_begin (store, apply.operator, error)) != NULL &&
           pause_inserts (store, TRUE, error) &&
           next_import_id (&apply, error) &&
           (apply.compare = _rd_import_compare_new (import, store, error)) != NULL &&
           _rd_import_read_rows (import, on_apply_row, &apply, progress, progress_data, cancellable, error) &&
           flush_new (&apply, error);
      g_clear_pointer (&apply.compare, _rd_import_compare_free);
      ok = ok && !g_cancellable_set_error_if_cancelled (cancellable, error) &&
           rd_case_bulk_finish (apply.bulk, error) &&
           pause_inserts (store, FALSE, error) &&
           write_updates (&apply, error);
      if (ok && apply.counts.n_new + apply.counts.n_updated == 0)
        /* The ledger has meanwhile what the file says: nothing to write. */
        g_clear_pointer (&apply.bulk, rd_case_bulk_abort);
      else
        ok = ok && write_import_row (&apply, sha256, error) &&
             !g_cancellable_set_error_if_cancelled (cancellable, error) &&
             rd_case_bulk_commit (g_steal_pointer (&apply.bulk), error);
      if (ok && import_id != NULL && apply.counts.n_new + apply.counts.n_updated > 0)
        *import_id = apply.import_id;
    }

  if (ok && counts != NULL)
    *counts = apply.counts;
  apply_clear (&apply);
  if (cache_size != 0)
    {
      g_autofree char *restore = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, cache_size);

      rd_store_exec (store, restore, NULL);
    }
  return ok;
}
