/* rd-case-bulk.c
 *
 * What rd_case_store_insert_many does per case, done per batch:
 *  - ids: max (id) + 1 onwards, as SQLite gives them (no AUTOINCREMENT);
 *  - case numbers: the case_numbers counters read once, counted in memory,
 *    written back at commit;
 *  - audit: the "create" entry of each case, its hash chained in memory
 *    from audit_head, written in multi-row statements; audit_head at commit;
 *  - search: the triggers cases_search_ai, case_text_ai and case_count_ai
 *    are dropped for the transaction and recreated from their own SQL at
 *    commit, after case_text, case_fts and case_count got the new cases in
 *    one statement each (FTS5 builds its index far faster in one statement
 *    than in many small ones).
 * The b-tree indexes of cases stay and are kept by SQLite, or, with
 * rd_case_bulk_begin_rebuilding, are dropped and created again at commit.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-audit.h"
#include "rd-case-bulk.h"
#include "rd-case-store-private.h"
#include "rd-store-private.h"

#define ROWS_PER_INSERT 30
#define AUDIT_ROWS_PER_INSERT 90
#define AUDIT_PARAMS 10

static const char * const set_aside_triggers[] = { "cases_search_ai", "case_text_ai", "case_count_ai" };

struct _RdCaseBulk
{
  RdStore      *store;
  char         *operator;
  GTimeZone    *tz;
  gint64        now;

  gint64        first_id;          /* the first id of this bulk */
  gint64        next_id;
  GHashTable   *numbers;           /* year → last number (gint64 *) */
  int           year;              /* the local year of [year_start, year_end) */
  gint64        year_start;
  gint64        year_end;

  gint64        audit_next_id;
  gint64        audit_n_entries;
  char         *audit_last_hash;

  GPtrArray    *trigger_sql;       /* of the triggers set aside */
  GPtrArray    *index_sql;         /* of the indexes set aside */
  sqlite3_stmt *insert;            /* ROWS_PER_INSERT cases */
  sqlite3_stmt *audit_insert;      /* AUDIT_ROWS_PER_INSERT entries */
};

static void
bulk_free (RdCaseBulk *bulk)
{
  g_clear_pointer (&bulk->insert, sqlite3_finalize);
  g_clear_pointer (&bulk->audit_insert, sqlite3_finalize);
  g_clear_pointer (&bulk->trigger_sql, g_ptr_array_unref);
  g_clear_pointer (&bulk->index_sql, g_ptr_array_unref);
  g_clear_pointer (&bulk->numbers, g_hash_table_unref);
  g_clear_pointer (&bulk->tz, g_time_zone_unref);
  g_free (bulk->audit_last_hash);
  g_free (bulk->operator);
  g_object_unref (bulk->store);
  g_free (bulk);
}

void
rd_case_bulk_abort (RdCaseBulk *bulk)
{
  if (bulk == NULL)
    return;
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

static gboolean
read_state (RdCaseBulk  *bulk,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) ids = NULL;
  g_autoptr(sqlite3_stmt) head = NULL;
  g_autoptr(sqlite3_stmt) numbers = NULL;
  int rc;

  if (!query_row (bulk, "SELECT coalesce (max (id), 0) FROM cases", &ids, error))
    return FALSE;
  bulk->first_id = bulk->next_id = sqlite3_column_int64 (ids, 0) + 1;

  if (!query_row (bulk, "SELECT last_hash, n_entries, (SELECT coalesce (max (id), 0) FROM audit_log)"
                        " FROM audit_head WHERE id = 1", &head, error))
    return FALSE;
  bulk->audit_last_hash = g_strdup ((const char *) sqlite3_column_text (head, 0));
  bulk->audit_n_entries = sqlite3_column_int64 (head, 1);
  bulk->audit_next_id = sqlite3_column_int64 (head, 2) + 1;

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

static gboolean
set_aside_search_triggers (RdCaseBulk  *bulk,
                           GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (set_aside_triggers); i++)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;
      g_autofree char *drop = NULL;

      stmt = rd_store_prepare (bulk->store, "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, set_aside_triggers[i], -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          g_autofree char *detail = g_strdup_printf ("trigger %s is missing", set_aside_triggers[i]);

          _rd_store_set_error (error, RD_STORE_ERROR_CORRUPT, 0, rd_store_get_path (bulk->store), detail);
          return FALSE;
        }
      g_ptr_array_add (bulk->trigger_sql, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));

      /* A constant of this file, not user text. */
      drop = g_strdup_printf ("DROP TRIGGER %s", set_aside_triggers[i]);
      if (!rd_store_exec (bulk->store, drop, error))
        return FALSE;
    }
  return TRUE;
}

/* The indexes of cases that SQLite did not make itself (the UNIQUE of
 * case_no stays). Their names come from sqlite_master and are quoted. */
static gboolean
set_aside_indexes (RdCaseBulk  *bulk,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  int rc;

  stmt = rd_store_prepare (bulk->store, "SELECT name, sql FROM sqlite_master WHERE type = 'index'"
                                        " AND tbl_name = 'cases' AND sql IS NOT NULL ORDER BY name", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (bulk->index_sql, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (bulk->store, rc, error);
      return FALSE;
    }

  for (guint i = 0; i < names->len; i++)
    {
      char *drop = sqlite3_mprintf ("DROP INDEX \"%w\"", (const char *) g_ptr_array_index (names, i));
      gboolean ok = rd_store_exec (bulk->store, drop, error);

      sqlite3_free (drop);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

static char *
audit_insert_sql (guint n_rows)
{
  GString *sql = g_string_new ("INSERT INTO audit_log (id, case_id, at, operator, action, field,"
                               " old_value, new_value, prev_hash, hash) VALUES ");

  for (guint r = 0; r < n_rows; r++)
    {
      g_string_append (sql, r ? ", (" : "(");
      for (guint p = 1; p <= AUDIT_PARAMS; p++)
        g_string_append_printf (sql, "%s?%u", p > 1 ? ", " : "", r * AUDIT_PARAMS + p);
      g_string_append_c (sql, ')');
    }
  return g_string_free (sql, FALSE);
}

static RdCaseBulk *
begin (RdStore     *store,
       const char  *operator,
       gboolean     rebuild_indexes,
       GError     **error)
{
  RdCaseBulk *bulk;
  g_autofree char *insert_sql = _rd_case_store_insert_sql (ROWS_PER_INSERT, TRUE);
  g_autofree char *audit_sql = audit_insert_sql (AUDIT_ROWS_PER_INSERT);

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (operator != NULL, NULL);

  if (!_rd_case_store_begin_write (store, error))
    return NULL;

  bulk = g_new0 (RdCaseBulk, 1);
  bulk->store = g_object_ref (store);
  bulk->operator = g_strdup (operator);
  bulk->tz = g_time_zone_new_local ();
  bulk->now = g_get_real_time () / G_USEC_PER_SEC;
  bulk->numbers = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  bulk->trigger_sql = g_ptr_array_new_with_free_func (g_free);
  bulk->index_sql = g_ptr_array_new_with_free_func (g_free);

  if (!read_state (bulk, error) ||
      !set_aside_search_triggers (bulk, error) ||
      (rebuild_indexes && !set_aside_indexes (bulk, error)) ||
      (bulk->insert = rd_store_prepare (store, insert_sql, error)) == NULL ||
      (bulk->audit_insert = rd_store_prepare (store, audit_sql, error)) == NULL)
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
  return begin (store, operator, FALSE, error);
}

RdCaseBulk *
rd_case_bulk_begin_rebuilding (RdStore     *store,
                               const char  *operator,
                               GError     **error)
{
  return begin (store, operator, TRUE, error);
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

/* The "create" entries of n cases, chained. */
static gboolean
insert_audit (RdCaseBulk  *bulk,
              RdCase     **cases,
              guint        n,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) partial = NULL;
  g_autoptr(GPtrArray) hashes = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = bulk->audit_insert;
  gint64 at = g_get_real_time () / G_USEC_PER_SEC;

  if (n < AUDIT_ROWS_PER_INSERT)
    {
      g_autofree char *sql = audit_insert_sql (n);

      stmt = partial = rd_store_prepare (bulk->store, sql, error);
      if (stmt == NULL)
        return FALSE;
    }

  sqlite3_clear_bindings (stmt);
  for (guint r = 0; r < n; r++)
    {
      RdAuditEntry entry = { 0 };
      int base = r * AUDIT_PARAMS;
      char *hash;

      entry.id = bulk->audit_next_id++;
      entry.case_id = cases[r]->id;
      entry.at = at;
      entry.operator = bulk->operator;
      entry.action = (char *) "create";
      entry.field = (char *) "case_no";
      entry.new_value = cases[r]->case_no;
      entry.prev_hash = bulk->audit_last_hash;
      hash = rd_audit_compute_hash (&entry);
      g_ptr_array_add (hashes, hash);

      sqlite3_bind_int64 (stmt, base + 1, entry.id);
      sqlite3_bind_int64 (stmt, base + 2, entry.case_id);
      sqlite3_bind_int64 (stmt, base + 3, entry.at);
      sqlite3_bind_text (stmt, base + 4, entry.operator, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, base + 5, entry.action, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, base + 6, entry.field, -1, SQLITE_STATIC);
      sqlite3_bind_null (stmt, base + 7);
      sqlite3_bind_text (stmt, base + 8, entry.new_value, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, base + 9, bulk->audit_last_hash, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, base + 10, hash, -1, SQLITE_STATIC);

      g_free (bulk->audit_last_hash);
      bulk->audit_last_hash = g_strdup (hash);
      bulk->audit_n_entries++;
    }
  return step_reset (bulk, stmt, error);
}

gboolean
rd_case_bulk_add (RdCaseBulk  *bulk,
                  RdCase     **cases,
                  guint        n,
                  GError     **error)
{
  g_return_val_if_fail (bulk != NULL, FALSE);

  for (guint i = 0; i < n; i++)
    {
      RdCase *c = cases[i];

      if (!rd_case_validate (c, error))
        return FALSE;
      if (c->created_at == 0)
        c->created_at = bulk->now;
      if (c->updated_at == 0)
        c->updated_at = c->created_at;
      if (c->created_by == NULL)
        c->created_by = g_strdup (bulk->operator);
      g_free (c->case_no);
      c->case_no = next_case_no (bulk, c->created_at);
      c->id = bulk->next_id++;
    }

  for (guint start = 0; start < n; start += ROWS_PER_INSERT)
    if (!insert_cases (bulk, cases + start, MIN (ROWS_PER_INSERT, n - start), error))
      return FALSE;
  for (guint start = 0; start < n; start += AUDIT_ROWS_PER_INSERT)
    if (!insert_audit (bulk, cases + start, MIN (AUDIT_ROWS_PER_INSERT, n - start), error))
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
  sqlite3_bind_int64 (head, 1, bulk->audit_next_id - 1);
  sqlite3_bind_text (head, 2, bulk->audit_last_hash, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (head, 3, bulk->audit_n_entries);
  if (!step_reset (bulk, head, error))
    return FALSE;

  count = rd_store_prepare (bulk->store, "UPDATE case_count SET n = n + ?1 WHERE id = 1", error);
  if (count == NULL)
    return FALSE;
  sqlite3_bind_int64 (count, 1, bulk->next_id - bulk->first_id);
  return step_reset (bulk, count, error);
}

gboolean
rd_case_bulk_commit (RdCaseBulk  *bulk,
                     GError     **error)
{
  g_autoptr(sqlite3_stmt) text = NULL;
  g_autoptr(sqlite3_stmt) fts = NULL;
  gboolean ok;

  g_return_val_if_fail (bulk != NULL, FALSE);

  /* The text of cases_search_ai (rd-store-schema.c, version 3). */
  text = rd_store_prepare (bulk->store,
                           "INSERT INTO case_text (id, text) SELECT id,"
                           " lower (order_no) || char (10) || lower (coalesce (after_sales_no, '')) || char (10) ||"
                           " lower (coalesce (return_tracking, '')) || char (10) || lower (coalesce (buyer_name, ''))"
                           " FROM cases WHERE id >= ?1 ORDER BY id", error);
  fts = text == NULL ? NULL :
        rd_store_prepare (bulk->store, "INSERT INTO case_fts (rowid, text)"
                                       " SELECT id, text FROM case_text WHERE id >= ?1 ORDER BY id", error);
  ok = fts != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (text, 1, bulk->first_id);
      sqlite3_bind_int64 (fts, 1, bulk->first_id);
      ok = step_reset (bulk, text, error) && step_reset (bulk, fts, error) && write_counters (bulk, error);
    }

  for (guint i = 0; ok && i < bulk->trigger_sql->len; i++)
    ok = rd_store_exec (bulk->store, g_ptr_array_index (bulk->trigger_sql, i), error);
  /* CREATE INDEX sorts once: far faster than as many insertions. */
  for (guint i = 0; ok && i < bulk->index_sql->len; i++)
    ok = rd_store_exec (bulk->store, g_ptr_array_index (bulk->index_sql, i), error);

  g_clear_pointer (&text, sqlite3_finalize);
  g_clear_pointer (&fts, sqlite3_finalize);
  g_clear_pointer (&bulk->insert, sqlite3_finalize);
  g_clear_pointer (&bulk->audit_insert, sqlite3_finalize);
  if (!ok || !rd_store_commit (bulk->store, error))
    {
      rd_case_bulk_abort (bulk);
      return FALSE;
    }
  bulk_free (bulk);
  return TRUE;
}
