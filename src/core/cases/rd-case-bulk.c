/* rd-case-bulk.c
 *
 * What rd_case_store_insert_many does per case, done per batch:
 *  - ids: max (id) + 1 onwards, as SQLite gives them (no AUTOINCREMENT);
 *  - case numbers: the case_numbers counters read once, counted in memory,
 *    written back at commit;
 *  - the cases: inserted here, in multi-row statements, with the audit's
 *    TEMP trigger of their inserts set aside (rd_audit_pause_inserts):
 *    their rows are read back per batch for the audit side;
 *  - audit and search: written meanwhile by the two side threads into
 *    scratch ledgers (rd-case-bulk-side.c), copied in at commit; the audit
 *    chain continues from audit_head, which is written at commit;
 *  - the triggers that would do the same per case (cases_search_ai,
 *    case_count_ai, those of case_text) are dropped for the transaction and
 *    recreated from their own SQL at commit;
 *  - so are those of the buyer names' grams and the running totals
 *    (cases_name_grams_ai, case_totals_ai, schema version 13): the grams of
 *    the new cases are written at commit in one statement, in the order of
 *    the table's key; their totals are added up in memory while they are
 *    inserted (rd-case-bulk-totals.c), and added to the table at commit;
 *  - and those of the report's derived tables (report_totals_ai,
 *    report_lost_ai, and audit_log's case_decisions_audit_ai, schema
 *    version 15): written at commit from the new cases and their audit
 *    entries by the migration's own statements (rd_store_report_fill_sqls).
 * The copies at commit are INSERT INTO t SELECT * FROM scratch.t, which
 * SQLite does as a copy of whole records when t has no triggers and the
 * connection checks no foreign keys (off for the bulk: the audit entries
 * point at the cases just written). A ledger whose search index is empty
 * (a new one) gets the index built by the search side; its tables are
 * copied into a search index created afresh in the transaction, so that
 * no state of the old one outlives it. Otherwise the index gets the new
 * texts in one statement at commit.
 *
 * The scratch ledgers are attached before the transaction begins, and the
 * transaction is a deferred one whose first statement writes to the
 * ledger: it holds the ledger's write lock and no lock on the scratch
 * files, which the side threads write (BEGIN IMMEDIATE would lock every
 * attached file). Once both connections have them open, the scratch files
 * are unlinked: a crash or a kill leaves nothing behind. A new ledger's
 * search index settings (case_fts_config) go to the scratch ledger before
 * its index is built, and come back with it.
 *
 * The b-tree indexes of cases stay and are kept by SQLite, or, with
 * rd_case_bulk_begin_rebuilding, are dropped and created again at commit,
 * first, while the side threads finish.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-audit.h"
#include "rd-case-bulk-side-private.h"
#include "rd-case-bulk-totals-private.h"
#include "rd-case-bulk.h"
#include "rd-case-store-private.h"

#define ROWS_PER_INSERT 30

struct _RdCaseBulk
{
  RdStore      *store;
  char         *operator;
  GTimeZone    *tz;
  gint64        now;

  RdBulkTotals *totals;            /* the running totals of the new cases */

  gint64        first_id;          /* the first id of this bulk */
  gint64        next_id;
  GHashTable   *numbers;           /* year → last number (gint64 *) */
  int           year;              /* the local year of [year_start, year_end) */
  gint64        year_start;
  gint64        year_end;

  RdBulkSide   *audit;
  RdBulkSide   *search;
  gboolean      attached;
  gboolean      foreign_keys;      /* the connection checked them before */
  gboolean      index_was_empty;   /* the search index, at begin */
  char         *index_sql;         /* CREATE VIRTUAL TABLE case_fts … */

  GPtrArray    *trigger_sql;       /* of the triggers set aside */
  GPtrArray    *cases_index_sql;   /* of the indexes set aside */
  sqlite3_stmt *insert;            /* ROWS_PER_INSERT cases */
  gboolean      finished;          /* rd_case_bulk_finish ran: only COMMIT is left */
};

static const char * const attach_names[] = { "rd_bulk_audit", "rd_bulk_search" };

/* After the transaction: the scratch ledgers detached and deleted, the
 * connection as it was. */
static void
bulk_free (RdCaseBulk *bulk)
{
  sqlite3 *db = rd_store_get_db (bulk->store);

  g_clear_pointer (&bulk->insert, sqlite3_finalize);
  rd_audit_collect_rows (bulk->store, FALSE);
  if (bulk->attached)
    for (guint i = 0; i < G_N_ELEMENTS (attach_names); i++)
      {
        char *sql = sqlite3_mprintf ("DETACH DATABASE %s", attach_names[i]);

        sqlite3_exec (db, sql, NULL, NULL, NULL);
        sqlite3_free (sql);
      }
  if (bulk->foreign_keys)
    sqlite3_exec (db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
  g_clear_pointer (&bulk->audit, rd_bulk_side_free);
  g_clear_pointer (&bulk->search, rd_bulk_side_free);
  g_clear_pointer (&bulk->trigger_sql, g_ptr_array_unref);
  g_clear_pointer (&bulk->totals, rd_bulk_totals_free);
  g_clear_pointer (&bulk->cases_index_sql, g_ptr_array_unref);
  g_clear_pointer (&bulk->numbers, g_hash_table_unref);
  g_clear_pointer (&bulk->tz, g_time_zone_unref);
  g_free (bulk->index_sql);
  g_free (bulk->operator);
  g_object_unref (bulk->store);
  g_free (bulk);
}

void
rd_case_bulk_abort (RdCaseBulk *bulk)
{
  if (bulk == NULL)
    return;
  g_clear_pointer (&bulk->insert, sqlite3_finalize);
  g_clear_pointer (&bulk->totals, rd_bulk_totals_free);
  rd_store_rollback (bulk->store);
  bulk_free (bulk);
}

static gboolean
query_row (RdCaseBulk    *bulk,
           const char    *sql,
           sqlite3_stmt **out,
           GError       **error)
{
  sqlite3_stmt *stmt = rd_store_prepare (bulk->store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error_literal (error, RD_AUDIT_ERROR, RD_AUDIT_ERROR_FAILED,
                             _("The audit log of this ledger is damaged: its head record is missing."));
      else
        rd_store_set_error_from_db (bulk->store, rc, error);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  *out = stmt;
  return TRUE;
}

/* Where the ids, numbers and audit chain go on; the search index's state. */
static gboolean
read_state (RdCaseBulk  *bulk,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) ids = NULL;
  g_autoptr(sqlite3_stmt) head = NULL;
  g_autoptr(sqlite3_stmt) search = NULL;
  g_autoptr(sqlite3_stmt) numbers = NULL;
  int rc;

  if (!query_row (bulk, "SELECT coalesce (max (id), 0) FROM cases", &ids, error))
    return FALSE;
  bulk->first_id = bulk->next_id = sqlite3_column_int64 (ids, 0) + 1;

  if (!query_row (bulk, "SELECT last_hash, n_entries, (SELECT coalesce (max (id), 0) FROM audit_log)"
                        " FROM audit_head WHERE id = 1", &head, error))
    return FALSE;
  rd_bulk_side_set_audit_start (bulk->audit, sqlite3_column_int64 (head, 2) + 1,
                                (const char *) sqlite3_column_text (head, 0),
                                sqlite3_column_int64 (head, 1), bulk->operator, bulk->now);

  if (!query_row (bulk, "SELECT NOT EXISTS (SELECT 1 FROM case_text),"
                        " (SELECT sql FROM sqlite_master WHERE name = 'case_fts')", &search, error))
    return FALSE;
  bulk->index_was_empty = sqlite3_column_int (search, 0) && sqlite3_column_type (search, 1) == SQLITE_TEXT;
  bulk->index_sql = g_strdup ((const char *) sqlite3_column_text (search, 1));
  rd_bulk_side_set_build_index (bulk->search, bulk->index_was_empty);

  numbers = rd_store_prepare (bulk->store, "SELECT year, last FROM case_numbers", error);
  if (numbers == NULL)
    return FALSE;
  while ((rc = sqlite3_step (numbers)) == SQLITE_ROW)
    {
      gint64 *last = g_new (gint64, 1);

      *last = sqlite3_column_int64 (numbers, 1);
      g_hash_table_insert (bulk->numbers, GINT_TO_POINTER (sqlite3_column_int (numbers, 0)), last);
    }
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (bulk->store, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* Drops what `sql` names (name, then its CREATE statement, per row), and
 * keeps each CREATE statement in kept. Names are quoted. */
static gboolean
set_aside (RdCaseBulk  *bulk,
           const char  *sql,
           const char  *kind,
           GPtrArray   *kept,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  int rc;

  stmt = rd_store_prepare (bulk->store, sql, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (kept, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (bulk->store, rc, error);
      return FALSE;
    }

  for (guint i = 0; i < names->len; i++)
    {
      char *drop = sqlite3_mprintf ("DROP %s \"%w\"", kind, (const char *) g_ptr_array_index (names, i));
      gboolean ok = rd_store_exec (bulk->store, drop, error);

      sqlite3_free (drop);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/* Every trigger that would write per new case what the bulk writes itself,
 * and every trigger of the tables it copies into. */
static gboolean
set_aside_triggers (RdCaseBulk  *bulk,
                    GError     **error)
{
  return set_aside (bulk, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
                          " AND (name IN ('cases_search_ai', 'case_count_ai', 'cases_name_grams_ai', 'case_totals_ai',"
                          " 'report_totals_ai', 'report_lost_ai')"
                          " OR tbl_name IN ('case_text', 'audit_log')) ORDER BY name",
                    "TRIGGER", bulk->trigger_sql, error);
}

/* The indexes of cases that SQLite did not make itself (the UNIQUE of
 * case_no stays). */
static gboolean
set_aside_indexes (RdCaseBulk  *bulk,
                   const char  *keep,
                   GError     **error)
{
  char *sql = sqlite3_mprintf ("SELECT name, sql FROM sqlite_master WHERE type = 'index'"
                               " AND tbl_name = 'cases' AND sql IS NOT NULL AND name IS NOT %Q"
                               " ORDER BY name", keep);
  gboolean ok = set_aside (bulk, sql, "INDEX", bulk->cases_index_sql, error);

  sqlite3_free (sql);
  return ok;
}

static gboolean
attach_sides (RdCaseBulk  *bulk,
              GError     **error)
{
  RdBulkSide *sides[] = { bulk->audit, bulk->search };

  for (guint i = 0; i < G_N_ELEMENTS (sides); i++)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;
      g_autofree char *sql = g_strdup_printf ("ATTACH DATABASE ?1 AS %s", attach_names[i]);
      int rc;

      stmt = rd_store_prepare (bulk->store, sql, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, rd_bulk_side_get_path (sides[i]), -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE)
        {
          rd_store_set_error_from_db (bulk->store, rc, error);
          return FALSE;
        }
      bulk->attached = TRUE;
    }
  return TRUE;
}

/* Before the transaction: the side ledgers, attached; foreign keys off. */
static gboolean
prepare_sides (RdCaseBulk  *bulk,
               GError     **error)
{
  sqlite3 *db = rd_store_get_db (bulk->store);
  const char *path = rd_store_get_path (bulk->store);
  g_autofree char *scratch_path = NULL;
  g_autoptr(sqlite3_stmt) fk = NULL;

  if (path == NULL || *path == '\0' || g_str_equal (path, ":memory:"))
    path = scratch_path = g_build_filename (g_get_tmp_dir (), "refund-desk", NULL);

  fk = rd_store_prepare (bulk->store, "PRAGMA foreign_keys", error);
  if (fk == NULL)
    return FALSE;
  bulk->foreign_keys = sqlite3_step (fk) == SQLITE_ROW && sqlite3_column_int (fk, 0);
  g_clear_pointer (&fk, sqlite3_finalize);

  bulk->audit = rd_bulk_side_new (RD_BULK_SIDE_AUDIT, db, path, error);
  if (bulk->audit == NULL)
    return FALSE;
  bulk->search = rd_bulk_side_new (RD_BULK_SIDE_SEARCH, db, path, error);
  if (bulk->search == NULL)
    return FALSE;
  if (!attach_sides (bulk, error) ||
      /* The search index's settings, for an index built there. */
      !rd_store_exec (bulk->store, "INSERT OR REPLACE INTO rd_bulk_search.case_fts_config"
                                   " SELECT * FROM main.case_fts_config", error))
    return FALSE;
  rd_bulk_side_unlink (bulk->audit);
  rd_bulk_side_unlink (bulk->search);
  return rd_store_exec (bulk->store, "PRAGMA foreign_keys = OFF", error);
}

static RdCaseBulk *
begin (RdStore     *store,
       const char  *operator,
       gboolean     rebuild_indexes,
       const char  *keep_index,
       GError     **error)
{
  RdCaseBulk *bulk;
  g_autofree char *insert_sql = _rd_case_store_insert_sql (ROWS_PER_INSERT, TRUE);

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (operator != NULL, NULL);

  if (rd_store_is_read_only (store))
    {
      rd_store_set_error (error, RD_STORE_ERROR_READ_ONLY, SQLITE_READONLY, rd_store_get_path (store), NULL);
      return NULL;
    }
  if (!_rd_case_store_check_writable (store, error) ||
      !rd_operators_check (store, operator, RD_ACTION_TAKE_IN, error))
    return NULL;

  bulk = g_new0 (RdCaseBulk, 1);
  bulk->store = g_object_ref (store);
  bulk->operator = g_strdup (operator);
  bulk->tz = g_time_zone_new_local ();
  bulk->now = g_get_real_time () / G_USEC_PER_SEC;
  bulk->numbers = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  bulk->trigger_sql = g_ptr_array_new_with_free_func (g_free);
  bulk->totals = rd_bulk_totals_new (store);
  bulk->cases_index_sql = g_ptr_array_new_with_free_func (g_free);

  if (!prepare_sides (bulk, error) ||
      /* Deferred, and writing first: the ledger's write lock, not the
       * side ledgers'. */
      !rd_store_exec (store, "BEGIN", error) ||
      !rd_store_exec (store, "UPDATE case_count SET n = n WHERE id = 1", error) ||
      !read_state (bulk, error) ||
      !set_aside_triggers (bulk, error) ||
      /* The cases' rows are read back per batch instead (no statement
       * journal: see rd_audit_pause_inserts). */
      !rd_audit_pause_inserts (store, "cases", error) ||
      (rebuild_indexes && !set_aside_indexes (bulk, keep_index, error)) ||
      (bulk->insert = rd_store_prepare (store, insert_sql, error)) == NULL ||
      !rd_bulk_side_start (bulk->audit, error) ||
      !rd_bulk_side_start (bulk->search, error))
    {
      rd_case_bulk_abort (bulk);
      return NULL;
    }
  return bulk;
}

RdCaseBulk *
rd_case_bulk_begin (RdStore     *store,
                    const char  *operator,
                    GError     **error)
{
  return begin (store, operator, FALSE, NULL, error);
}

RdCaseBulk *
rd_case_bulk_begin_rebuilding (RdStore     *store,
                               const char  *operator,
                               GError     **error)
{
  return begin (store, operator, TRUE, NULL, error);
}

RdCaseBulk *
rd_case_bulk_begin_rebuilding_keeping (RdStore     *store,
                                       const char  *operator,
                                       const char  *keep_index,
                                       GError     **error)
{
  return begin (store, operator, TRUE, keep_index, error);
}

/* The local year of t, and the next number in it. */
static char *
next_case_no (RdCaseBulk *bulk,
              gint64      t)
{
  gint64 *last;

  if (t < bulk->year_start || t >= bulk->year_end)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
      g_autoptr(GDateTime) dt = utc != NULL ? g_date_time_to_timezone (utc, bulk->tz) : NULL;
      g_autoptr(GDateTime) start = NULL;
      g_autoptr(GDateTime) end = NULL;

      bulk->year = dt != NULL ? g_date_time_get_year (dt) : 1970;
      start = g_date_time_new (bulk->tz, bulk->year, 1, 1, 0, 0, 0);
      end = g_date_time_new (bulk->tz, bulk->year + 1, 1, 1, 0, 0, 0);
      /* Outside what GDateTime reads: no cache, one case at a time. */
      bulk->year_start = start != NULL && dt != NULL ? g_date_time_to_unix (start) : t;
      bulk->year_end = end != NULL && dt != NULL ? g_date_time_to_unix (end) : t;
    }

  last = g_hash_table_lookup (bulk->numbers, GINT_TO_POINTER (bulk->year));
  if (last == NULL)
    {
      last = g_new0 (gint64, 1);
      g_hash_table_insert (bulk->numbers, GINT_TO_POINTER (bulk->year), last);
    }
  (*last)++;
  return g_strdup_printf ("RF-%04d-%06" G_GINT64_FORMAT, bulk->year, *last);
}

static gboolean
step_reset (RdCaseBulk    *bulk,
            sqlite3_stmt  *stmt,
            GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (bulk->store, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
insert_cases (RdCaseBulk  *bulk,
              RdCase     **cases,
              guint        n,
              GError     **error)
{
  const int per_row = RD_CASE_STORE_PARAMS_PER_ROW + 1;
  g_autoptr(sqlite3_stmt) partial = NULL;
  sqlite3_stmt *stmt = bulk->insert;

  if (n < ROWS_PER_INSERT)
    {
      g_autofree char *sql = _rd_case_store_insert_sql (n, TRUE);

      stmt = partial = rd_store_prepare (bulk->store, sql, error);
      if (stmt == NULL)
        return FALSE;
    }

  sqlite3_clear_bindings (stmt);
  for (guint r = 0; r < n; r++)
    {
      const RdCase *c = cases[r];
      int base = r * per_row;

      _rd_case_store_bind_case (stmt, c, base);
      sqlite3_bind_text (stmt, base + RD_CASE_STORE_PARAMS_PER_ROW - 2, c->case_no, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, base + RD_CASE_STORE_PARAMS_PER_ROW - 1, c->created_at);
      sqlite3_bind_text (stmt, base + RD_CASE_STORE_PARAMS_PER_ROW, c->created_by, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, base + per_row, c->id);
    }
  return step_reset (bulk, stmt, error);
}

gboolean
rd_case_bulk_add_full (RdCaseBulk      *bulk,
                       RdCase         **cases,
                       guint            n,
                       RdCaseBulkFunc   func,
                       gpointer         user_data,
                       GError         **error)
{
  g_autoptr(RdBulkBatch) batch = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (bulk != NULL, FALSE);
  g_return_val_if_fail (!bulk->finished, FALSE);

  for (guint i = 0; i < n; i++)
    if (!rd_case_validate (cases[i], error))
      return FALSE;

  batch = rd_bulk_batch_new (bulk->next_id, n);
  for (guint i = 0; i < n; i++)
    {
      RdCase *c = cases[i];

      if (c->created_at == 0)
        c->created_at = bulk->now;
      if (c->updated_at == 0)
        c->updated_at = c->created_at;
      if (c->created_by == NULL)
        c->created_by = g_strdup (bulk->operator);
      /* As rd_case_store_insert: an amount given is proposed by the writer. */
      if (c->approved_amount >= 0 && c->approved_by == NULL && c->proposed_by == NULL)
        c->proposed_by = g_strdup (bulk->operator);
      g_free (c->case_no);
      c->case_no = next_case_no (bulk, c->created_at);
      c->id = bulk->next_id++;
      rd_bulk_batch_append (batch, c);
    }

  /* The cases' rows for the audit side, from the store's triggers; then
   * those of what func writes with them. */
  rd_audit_collect_rows (bulk->store, TRUE);
  for (guint start = 0; ok && start < n; start += ROWS_PER_INSERT)
    ok = insert_cases (bulk, cases + start, MIN (ROWS_PER_INSERT, n - start), error);
  ok = ok && (n == 0 || rd_audit_collect_inserted (bulk->store, "cases", "id", cases[0]->id, cases[n - 1]->id, error));
  for (guint i = 0; ok && i < n; i++)
    ok = rd_bulk_totals_add (bulk->totals, cases[i], error);
  if (ok && func != NULL)
    {
      entries = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_audit_entry_free);
      ok = func (bulk->store, cases, n, entries, user_data, error);
    }
  rows = rd_audit_take_rows (bulk->store);
  rd_audit_collect_rows (bulk->store, FALSE);
  if (!ok)
    return FALSE;
  if (rows->len < n)
    {
      g_set_error_literal (error, RD_AUDIT_ERROR, RD_AUDIT_ERROR_FAILED,
                           _("The new cases could not be recorded in the audit log."));
      return FALSE;
    }
  rd_bulk_batch_set_rows (batch, rows);
  rd_bulk_batch_set_entries (batch, entries);
  rd_bulk_side_push (bulk->audit, batch);
  rd_bulk_side_push (bulk->search, batch);
  return TRUE;
}

gboolean
rd_case_bulk_add (RdCaseBulk  *bulk,
                  RdCase     **cases,
                  guint        n,
                  GError     **error)
{
  return rd_case_bulk_add_full (bulk, cases, n, NULL, NULL, error);
}

/* One of the store's statements that write, for the cases from ?1 on, what
 * a trigger set aside would have written. */
static gboolean
fill_from (RdCaseBulk  *bulk,
           const char  *sql,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = rd_store_prepare (bulk->store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, bulk->first_id);
  return step_reset (bulk, stmt, error);
}

/* The report's derived tables for the new cases and their audit entries
 * (schema version 15), after the audit entries are copied. */
static gboolean
fill_report (RdCaseBulk  *bulk,
             GError     **error)
{
  if (rd_store_get_schema_version (bulk->store) < 15)
    return TRUE;
  for (guint i = 0; rd_store_report_fill_sqls[i] != NULL; i++)
    if (!fill_from (bulk, rd_store_report_fill_sqls[i], error))
      return FALSE;
  return TRUE;
}

static gboolean
write_counters (RdCaseBulk  *bulk,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) numbers = NULL;
  g_autoptr(sqlite3_stmt) head = NULL;
  g_autoptr(sqlite3_stmt) count = NULL;
  GHashTableIter iter;
  gpointer year, last;

  numbers = rd_store_prepare (bulk->store, "INSERT INTO case_numbers (year, last) VALUES (?1, ?2)"
                                           " ON CONFLICT (year) DO UPDATE SET last = excluded.last", error);
  if (numbers == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, bulk->numbers);
  while (g_hash_table_iter_next (&iter, &year, &last))
    {
      sqlite3_bind_int (numbers, 1, GPOINTER_TO_INT (year));
      sqlite3_bind_int64 (numbers, 2, *(gint64 *) last);
      if (!step_reset (bulk, numbers, error))
        return FALSE;
    }

  head = rd_store_prepare (bulk->store, "UPDATE audit_head SET last_id = ?1, last_hash = ?2, n_entries = ?3"
                                        " WHERE id = 1", error);
  if (head == NULL)
    return FALSE;
  sqlite3_bind_int64 (head, 1, rd_bulk_side_get_audit_next_id (bulk->audit) - 1);
  sqlite3_bind_text (head, 2, rd_bulk_side_get_audit_last_hash (bulk->audit), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (head, 3, rd_bulk_side_get_audit_n_entries (bulk->audit));
  if (!step_reset (bulk, head, error))
    return FALSE;

  count = rd_store_prepare (bulk->store, "UPDATE case_count SET n = n + ?1 WHERE id = 1", error);
  if (count == NULL)
    return FALSE;
  sqlite3_bind_int64 (count, 1, bulk->next_id - bulk->first_id);
  return step_reset (bulk, count, error);
}

/* The search side built the index of an empty one: its tables replace
 * those of a search index created afresh here. */
static gboolean
copy_search_index (RdCaseBulk  *bulk,
                   GError     **error)
{
  static const char * const tables[] = { "case_fts_data", "case_fts_idx", "case_fts_config" };

  if (!rd_store_exec (bulk->store, "DROP TABLE case_fts", error) ||
      !rd_store_exec (bulk->store, bulk->index_sql, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      /* Constants of this file, not user text. */
      g_autofree char *sql = g_strdup_printf ("DELETE FROM %s; INSERT INTO %s SELECT * FROM rd_bulk_search.%s",
                                              tables[i], tables[i], tables[i]);

      if (!rd_store_exec (bulk->store, sql, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
copy_search (RdCaseBulk  *bulk,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) fts = NULL;

  if (!rd_store_exec (bulk->store, "INSERT INTO case_text SELECT * FROM rd_bulk_search.case_text", error))
    return FALSE;
  if (bulk->index_was_empty)
    return copy_search_index (bulk, error);

  /* In one statement, which FTS5 does far faster than in many. */
  fts = rd_store_prepare (bulk->store, "INSERT INTO case_fts (rowid, text)"
                                       " SELECT id, text FROM case_text WHERE id >= ?1 ORDER BY id", error);
  if (fts == NULL)
    return FALSE;
  sqlite3_bind_int64 (fts, 1, bulk->first_id);
  return step_reset (bulk, fts, error);
}

/* The indexes set aside, created again: CREATE INDEX sorts once, far
 * faster than as many insertions. SQLite sorts the keys in runs of the
 * page cache's size and merges them; in runs of 8 MB the sort works
 * within the processor's cache (for a million cases it took 6.6 s in
 * place of 8.3 s in runs of 512 MB). Dirty pages the smaller cache cannot
 * hold are written to the ledger's journal or file, as at commit. */
static gboolean
create_indexes (RdCaseBulk  *bulk,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) get = NULL;
  g_autofree char *restore = NULL;
  gboolean ok = TRUE;
  int rc;

  if (bulk->cases_index_sql->len == 0)
    return TRUE;

  get = rd_store_prepare (bulk->store, "PRAGMA cache_size", error);
  if (get == NULL)
    return FALSE;
  rc = sqlite3_step (get);
  if (rc != SQLITE_ROW)
    {
      rd_store_set_error_from_db (bulk->store, rc, error);
      return FALSE;
    }
  restore = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (get, 0));
  if (!rd_store_exec (bulk->store, "PRAGMA cache_size = -8192", error))
    return FALSE;
  for (guint i = 0; ok && i < bulk->cases_index_sql->len; i++)
    ok = rd_store_exec (bulk->store, g_ptr_array_index (bulk->cases_index_sql, i), error);
  return rd_store_exec (bulk->store, restore, ok ? error : NULL) && ok;
}

gboolean
rd_case_bulk_finish (RdCaseBulk  *bulk,
                     GError     **error)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (bulk != NULL, FALSE);
  g_return_val_if_fail (!bulk->finished, FALSE);

  g_clear_pointer (&bulk->insert, sqlite3_finalize);
  /* First, while the side threads finish. */
  ok = create_indexes (bulk, error) &&
       rd_bulk_side_finish (bulk->audit, error) &&
       rd_store_exec (bulk->store, "INSERT INTO audit_log SELECT * FROM rd_bulk_audit.audit_log", error) &&
       rd_bulk_side_finish (bulk->search, error) &&
       copy_search (bulk, error) &&
       fill_from (bulk, rd_store_name_grams_fill_sql, error) &&
       fill_report (bulk, error) &&
       rd_bulk_totals_write (bulk->totals, error) &&
       write_counters (bulk, error) &&
       rd_audit_resume_inserts (bulk->store, "cases", error);

  for (guint i = 0; ok && i < bulk->trigger_sql->len; i++)
    ok = rd_store_exec (bulk->store, g_ptr_array_index (bulk->trigger_sql, i), error);
  g_ptr_array_set_size (bulk->trigger_sql, 0);
  bulk->finished = ok;
  return ok;
}

gboolean
rd_case_bulk_commit (RdCaseBulk  *bulk,
                     GError     **error)
{
  g_return_val_if_fail (bulk != NULL, FALSE);

  if ((!bulk->finished && !rd_case_bulk_finish (bulk, error)) ||
      !rd_store_commit (bulk->store, error))
    {
      rd_case_bulk_abort (bulk);
      return FALSE;
    }
  bulk_free (bulk);
  return TRUE;
}
