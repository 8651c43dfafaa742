/* rd-case-bulk-side.c
 *
 * See rd-case-bulk-side-private.h. A side's thread takes batches from its
 * queue in order and writes them in one transaction of its scratch
 * connection (no journal, no sync: the file is thrown away, and the
 * ledger's own transaction is what makes the bulk durable). An empty batch
 * pointer (the sentinel) ends it. After an error the thread keeps taking
 * batches and drops them, so that the bulk never waits on a full queue.
 */
#include "config.h"

#define _GNU_SOURCE 1
#include <sys/resource.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <string.h>

#include "rd-audit.h"
#include "rd-case-bulk-side-private.h"

#define AUDIT_ROWS_PER_INSERT 90
#define AUDIT_PARAMS 10
#define TEXT_ROWS_PER_INSERT 250
/* Batches pushed and not yet written: the bulk waits beyond this, so that
 * a side that lags keeps no more than a few batches in memory. */
#define MAX_QUEUED 4
/* The scratch ledgers' page caches, in KiB: the audit log and the search
 * texts are appended in key order, and need little; a search index built
 * there (a new ledger's) merges its terms in the cache. */
#define SIDE_CACHE_KB 8192
#define SIDE_INDEX_CACHE_KB 131072

struct _RdBulkBatch
{
  gint64   first_id;
  guint    n;
  GString *data;        /* per case: its case_no NUL its search text NUL */
  GPtrArray *rows;      /* per case: its row as the chain records it; then
                           the rows of other tables written with them */
  GPtrArray *entries;   /* RdAuditEntry*, after those: the writer's own */
};

struct _RdBulkSide
{
  RdBulkSideKind  kind;
  char           *path;
  sqlite3        *db;
  GThread        *thread;
  GAsyncQueue    *queue;      /* of RdBulkBatch, then the sentinel */
  GError         *error;      /* the thread's first */
  GMutex          lock;
  GCond           written;    /* a batch was taken off the queue and done */
  guint           queued;     /* batches pushed and not yet done (lock) */
  gint            stop;       /* atomic: drop what is left */

  sqlite3_stmt   *insert;     /* a full statement of rows */
  sqlite3_stmt   *index_insert; /* the search index: a batch's texts */

  /* The audit side. */
  gint64          audit_next_id;
  char           *audit_last_hash;
  gint64          audit_n_entries;
  char           *operator;
  gint64          at;

  /* The search side. */
  gboolean        build_index;
};

/* The sentinel: any pointer that is no batch. */
static RdBulkBatch end_of_batches;

static void
batch_clear (RdBulkBatch *batch)
{
  g_string_free (batch->data, TRUE);
  g_clear_pointer (&batch->rows, g_ptr_array_unref);
  g_clear_pointer (&batch->entries, g_ptr_array_unref);
}

void
rd_bulk_batch_set_rows (RdBulkBatch *batch,
                        GPtrArray   *rows)
{
  g_clear_pointer (&batch->rows, g_ptr_array_unref);
  batch->rows = g_ptr_array_ref (rows);
}

void
rd_bulk_batch_set_entries (RdBulkBatch *batch,
                           GPtrArray   *entries)
{
  g_clear_pointer (&batch->entries, g_ptr_array_unref);
  batch->entries = entries != NULL ? g_ptr_array_ref (entries) : NULL;
}

RdBulkBatch *
rd_bulk_batch_new (gint64 first_id,
                   guint  n_reserved)
{
  RdBulkBatch *batch = g_atomic_rc_box_new0 (RdBulkBatch);

  batch->first_id = first_id;
  batch->data = g_string_sized_new (n_reserved * 80);
  return batch;
}

RdBulkBatch *
rd_bulk_batch_ref (RdBulkBatch *batch)
{
  return g_atomic_rc_box_acquire (batch);
}

void
rd_bulk_batch_unref (RdBulkBatch *batch)
{
  g_atomic_rc_box_release_full (batch, (GDestroyNotify) batch_clear);
}

static void
append_lowered (GString    *out,
                const char *text)
{
  if (text == NULL)
    return;
  for (const char *p = text; *p != '\0'; p++)
    g_string_append_c (out, g_ascii_tolower (*p));
}

void
rd_bulk_append_search_text (GString      *out,
                            const RdCase *c)
{
  append_lowered (out, c->order_no);
  g_string_append_c (out, '\n');
  append_lowered (out, c->after_sales_no);
  g_string_append_c (out, '\n');
  append_lowered (out, c->return_tracking);
  g_string_append_c (out, '\n');
  append_lowered (out, c->buyer_name);
  if (c->outbound_tracking != NULL)
    {
      g_string_append_c (out, '\n');
      append_lowered (out, c->outbound_tracking);
    }
}

void
rd_bulk_batch_append (RdBulkBatch  *batch,
                      const RdCase *c)
{
  g_return_if_fail (c->id == batch->first_id + batch->n);
  g_return_if_fail (c->case_no != NULL);

  g_string_append_len (batch->data, c->case_no, strlen (c->case_no) + 1);
  rd_bulk_append_search_text (batch->data, c);
  g_string_append_c (batch->data, '\0');
  batch->n++;
}

/* Scratch connection helpers. */

static gboolean
side_exec (RdBulkSide  *side,
           const char  *sql,
           GError     **error)
{
  int rc = sqlite3_exec (side->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      rd_store_set_error_from_sqlite (error, side->path, side->db, rc);
      return FALSE;
    }
  return TRUE;
}

static sqlite3_stmt *
side_prepare (RdBulkSide  *side,
              const char  *sql,
              GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (side->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      rd_store_set_error_from_sqlite (error, side->path, side->db, rc);
      return NULL;
    }
  return stmt;
}

static gboolean
side_step (RdBulkSide    *side,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_sqlite (error, side->path, side->db, rc);
      return FALSE;
    }
  return TRUE;
}

/* "INSERT INTO table (columns) VALUES (?1, …), (…)": n_rows of n_params. */
static char *
insert_sql (const char *head,
            guint       n_rows,
            guint       n_params)
{
  GString *sql = g_string_new (head);

  for (guint r = 0; r < n_rows; r++)
    {
      g_string_append (sql, r ? ", (" : " VALUES (");
      for (guint p = 1; p <= n_params; p++)
        g_string_append_printf (sql, "%s?%u", p > 1 ? ", " : "", r * n_params + p);
      g_string_append_c (sql, ')');
    }
  return g_string_free (sql, FALSE);
}

#define AUDIT_INSERT "INSERT INTO audit_log (id, case_id, at, operator, action, field," \
                     " old_value, new_value, prev_hash, hash)"
#define TEXT_INSERT "INSERT INTO case_text (id, text)"

/* The ledger's own SQL of what this side writes: tables before indexes
 * (the search index creates its own tables). */
static gboolean
create_tables (RdBulkSide  *side,
               sqlite3     *ledger_db,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *names = side->kind == RD_BULK_SIDE_AUDIT ? "audit_log" : "case_text case_fts";
  int rc;

  rc = sqlite3_prepare_v2 (ledger_db, "SELECT sql FROM sqlite_master"
                                      " WHERE tbl_name IN (?1, ?2) AND type IN ('table', 'index')"
                                      " AND sql IS NOT NULL ORDER BY type = 'index', tbl_name = 'case_fts', name",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      rd_store_set_error_from_sqlite (error, NULL, ledger_db, rc);
      return FALSE;
    }
  if (side->kind == RD_BULK_SIDE_AUDIT)
    sqlite3_bind_text (stmt, 1, names, -1, SQLITE_STATIC);
  else
    {
      sqlite3_bind_text (stmt, 1, "case_text", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, "case_fts", -1, SQLITE_STATIC);
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      /* (The search index's own tables are not among them: CREATE
       * VIRTUAL TABLE makes them.) */
      if (!side_exec (side, (const char *) sqlite3_column_text (stmt, 0), error))
        return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_sqlite (error, NULL, ledger_db, rc);
      return FALSE;
    }
  return TRUE;
}

RdBulkSide *
rd_bulk_side_new (RdBulkSideKind   kind,
                  sqlite3         *ledger_db,
                  const char      *ledger_path,
                  GError         **error)
{
  g_autoptr(RdBulkSide) side = g_new0 (RdBulkSide, 1);
  g_autofree char *dir = g_path_get_dirname (ledger_path);
  g_autofree char *base = g_path_get_basename (ledger_path);
  g_autofree char *template = NULL;
  int fd, rc;

  side->kind = kind;
  g_mutex_init (&side->lock);
  g_cond_init (&side->written);
  side->queue = g_async_queue_new ();

  /* Next to the ledger: the same disk, and what the ledger may use. */
  template = g_strdup_printf (".%s.%s-XXXXXX", base, kind == RD_BULK_SIDE_AUDIT ? "bulk-audit" : "bulk-search");
  side->path = g_build_filename (dir, template, NULL);
  fd = g_mkstemp_full (side->path, O_RDWR, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      rd_store_set_error (error, RD_STORE_ERROR_IO, SQLITE_CANTOPEN, side->path, g_strerror (saved_errno));
      g_clear_pointer (&side->path, g_free);
      return NULL;
    }
  close (fd);

  rc = sqlite3_open_v2 (side->path, &side->db, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      rd_store_set_error_from_sqlite (error, side->path, side->db, rc);
      return NULL;
    }
  sqlite3_extended_result_codes (side->db, 1);
  /* Large pages: written once and read once, in order. */
  if (!side_exec (side, "PRAGMA page_size = 65536; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
                        " PRAGMA cache_size = -" G_STRINGIFY (SIDE_CACHE_KB), error) ||
      !create_tables (side, ledger_db, error))
    return NULL;
  return g_steal_pointer (&side);
}

const char *
rd_bulk_side_get_path (RdBulkSide *side)
{
  return side->path;
}

void
rd_bulk_side_unlink (RdBulkSide *side)
{
  g_unlink (side->path);
}

void
rd_bulk_side_set_audit_start (RdBulkSide *side,
                              gint64      next_id,
                              const char *last_hash,
                              gint64      n_entries,
                              const char *operator,
                              gint64      at)
{
  g_return_if_fail (side->kind == RD_BULK_SIDE_AUDIT && side->thread == NULL);

  side->audit_next_id = next_id;
  g_free (side->audit_last_hash);
  side->audit_last_hash = g_strdup (last_hash);
  side->audit_n_entries = n_entries;
  g_free (side->operator);
  side->operator = g_strdup (operator);
  side->at = at;
}

void
rd_bulk_side_set_build_index (RdBulkSide *side,
                              gboolean    build_index)
{
  g_return_if_fail (side->kind == RD_BULK_SIDE_SEARCH && side->thread == NULL);

  side->build_index = build_index;
}

/* The statement for n rows: the side's own, prepared for full_rows, or
 * one made for the last and shorter piece of a batch (in *partial). */
static sqlite3_stmt *
statement_for (RdBulkSide    *side,
               guint          n,
               guint          full_rows,
               const char    *head,
               guint          n_params,
               sqlite3_stmt **partial,
               GError       **error)
{
  g_autofree char *sql = NULL;

  if (n == full_rows)
    return side->insert;
  sql = insert_sql (head, n, n_params);
  *partial = side_prepare (side, sql, error);
  return *partial;
}

/* Chains entry on and binds it as row r of stmt; the hash is kept in
 * hashes until the statement ran. */
static void
bind_entry (RdBulkSide    *side,
            sqlite3_stmt  *stmt,
            guint          r,
            RdAuditEntry  *entry,
            GPtrArray     *hashes)
{
  int base = r * AUDIT_PARAMS;
  char *hash;

  entry->id = side->audit_next_id++;
  entry->at = side->at;
  entry->operator = side->operator;
  entry->prev_hash = side->audit_last_hash;
  hash = rd_audit_compute_hash (entry);
  g_ptr_array_add (hashes, hash);

  sqlite3_bind_int64 (stmt, base + 1, entry->id);
  if (entry->case_id > 0)
    sqlite3_bind_int64 (stmt, base + 2, entry->case_id);
  else
    sqlite3_bind_null (stmt, base + 2);
  sqlite3_bind_int64 (stmt, base + 3, entry->at);
  sqlite3_bind_text (stmt, base + 4, entry->operator, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, base + 5, entry->action, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, base + 6, entry->field, -1, SQLITE_STATIC);
  if (entry->old_value != NULL)
    sqlite3_bind_text (stmt, base + 7, entry->old_value, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, base + 7);
  sqlite3_bind_text (stmt, base + 8, entry->new_value, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, base + 9, side->audit_last_hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, base + 10, hash, -1, SQLITE_STATIC);

  g_free (side->audit_last_hash);
  side->audit_last_hash = g_strdup (hash);
  side->audit_n_entries++;
}

/* Per case of the batch, as rd_case_store_insert_many writes them: the
 * entry of its row, then its "create" entry; then the entries of the other
 * rows written with the batch, then the writer's own entries; chained on. */
static gboolean
write_audit (RdBulkSide         *side,
             const RdBulkBatch  *batch,
             GError            **error)
{
  g_autofree RdAuditEntry *all = NULL;
  const char *p = batch->data->str;
  guint n_extra = batch->entries != NULL ? batch->entries->len : 0;
  guint n_all, done = 0;

  if (batch->rows == NULL || batch->rows->len < batch->n)
    {
      g_set_error_literal (error, RD_AUDIT_ERROR, RD_AUDIT_ERROR_FAILED,
                           "the bulk's rows for the audit log are missing");
      return FALSE;
    }

  n_all = 2 * batch->n + (batch->rows->len - batch->n) + n_extra;
  all = g_new0 (RdAuditEntry, n_all);
  for (guint r = 0; r < batch->n; r++)
    {
      const char *case_no = p;

      p += strlen (p) + 1;        /* the case number */
      p += strlen (p) + 1;        /* the search text */

      rd_audit_row_to_entry (batch->rows->pdata[r], &all[2 * r]);
      all[2 * r + 1].case_id = batch->first_id + r;
      all[2 * r + 1].action = (char *) "create";
      all[2 * r + 1].field = (char *) "case_no";
      all[2 * r + 1].new_value = (char *) case_no;
    }
  for (guint r = batch->n; r < batch->rows->len; r++)
    rd_audit_row_to_entry (batch->rows->pdata[r], &all[batch->n + r]);
  for (guint i = 0; i < n_extra; i++)
    {
      const RdAuditEntry *given = batch->entries->pdata[i];
      RdAuditEntry *entry = &all[batch->n + batch->rows->len + i];

      entry->case_id = given->case_id;
      entry->action = given->action;
      entry->field = given->field;
      entry->old_value = given->old_value;
      entry->new_value = given->new_value;
    }

  while (done < n_all)
    {
      guint n = MIN (AUDIT_ROWS_PER_INSERT, n_all - done);
      g_autoptr(sqlite3_stmt) partial = NULL;
      g_autoptr(GPtrArray) hashes = g_ptr_array_new_with_free_func (g_free);
      sqlite3_stmt *stmt = statement_for (side, n, AUDIT_ROWS_PER_INSERT, AUDIT_INSERT, AUDIT_PARAMS,
                                          &partial, error);

      if (stmt == NULL)
        return FALSE;
      for (guint r = 0; r < n; r++)
        bind_entry (side, stmt, r, &all[done + r], hashes);
      if (!side_step (side, stmt, error))
        return FALSE;
      done += n;
    }
  return TRUE;
}

static gboolean
write_text (RdBulkSide         *side,
            const RdBulkBatch  *batch,
            GError            **error)
{
  const char *p = batch->data->str;
  guint done = 0;

  while (done < batch->n)
    {
      guint n = MIN (TEXT_ROWS_PER_INSERT, batch->n - done);
      g_autoptr(sqlite3_stmt) partial = NULL;
      sqlite3_stmt *stmt = statement_for (side, n, TEXT_ROWS_PER_INSERT, TEXT_INSERT, 2, &partial, error);

      if (stmt == NULL)
        return FALSE;
      for (guint r = 0; r < n; r++)
        {
          p += strlen (p) + 1;        /* the case number */
          sqlite3_bind_int64 (stmt, 2 * r + 1, batch->first_id + done + r);
          sqlite3_bind_text (stmt, 2 * r + 2, p, -1, SQLITE_STATIC);
          p += strlen (p) + 1;
        }
      if (!side_step (side, stmt, error))
        return FALSE;
      done += n;
    }
  if (side->build_index)
    {
      sqlite3_bind_int64 (side->index_insert, 1, batch->first_id);
      return side_step (side, side->index_insert, error);
    }
  return TRUE;
}

static gpointer
side_thread (gpointer data)
{
  RdBulkSide *side = data;
  GError *error = NULL;
  gboolean ok;
  RdBulkBatch *batch;

#ifdef __linux__
  /* Behind the thread inserting the cases, whose work is the longest of
   * the bulk: the sides' work fits in what it leaves of a second core
   * (one batch of theirs in flight would otherwise slow every one of its
   * own). Linux gives each thread its own nice value. */
  setpriority (PRIO_PROCESS, (id_t) gettid (), 10);
#endif
  ok = side_exec (side, "BEGIN", &error);

  while ((batch = g_async_queue_pop (side->queue)) != &end_of_batches)
    {
      if (ok && !g_atomic_int_get (&side->stop))
        ok = side->kind == RD_BULK_SIDE_AUDIT ? write_audit (side, batch, &error)
                                              : write_text (side, batch, &error);
      rd_bulk_batch_unref (batch);
      g_mutex_lock (&side->lock);
      side->queued--;
      g_cond_signal (&side->written);
      g_mutex_unlock (&side->lock);
    }

  g_clear_pointer (&side->insert, sqlite3_finalize);
  g_clear_pointer (&side->index_insert, sqlite3_finalize);
  if (ok && !g_atomic_int_get (&side->stop))
    ok = side_exec (side, "COMMIT", &error);
  side->error = error;
  /* Closed here: the ledger's connection reads the file next. */
  g_clear_pointer (&side->db, sqlite3_close_v2);
  return NULL;
}

gboolean
rd_bulk_side_start (RdBulkSide  *side,
                    GError     **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (side->thread == NULL, FALSE);

  if (side->kind == RD_BULK_SIDE_AUDIT)
    sql = insert_sql (AUDIT_INSERT, AUDIT_ROWS_PER_INSERT, AUDIT_PARAMS);
  else
    sql = insert_sql (TEXT_INSERT, TEXT_ROWS_PER_INSERT, 2);
  side->insert = side_prepare (side, sql, error);
  if (side->insert == NULL ||
      (side->build_index && !side_exec (side, "PRAGMA cache_size = -" G_STRINGIFY (SIDE_INDEX_CACHE_KB), error)))
    return FALSE;
  /* A batch at a time, in one statement: FTS5 indexes many rows of one
   * statement far faster than one row per statement. */
  if (side->build_index &&
      (side->index_insert = side_prepare (side, "INSERT INTO case_fts (rowid, text)"
                                                " SELECT id, text FROM case_text WHERE id >= ?1", error)) == NULL)
    return FALSE;
  side->thread = g_thread_new (side->kind == RD_BULK_SIDE_AUDIT ? "rd-bulk-audit" : "rd-bulk-search",
                               side_thread, side);
  return TRUE;
}

void
rd_bulk_side_push (RdBulkSide  *side,
                   RdBulkBatch *batch)
{
  g_return_if_fail (side->thread != NULL);

  g_mutex_lock (&side->lock);
  while (side->queued >= MAX_QUEUED)
    g_cond_wait (&side->written, &side->lock);
  side->queued++;
  g_mutex_unlock (&side->lock);
  g_async_queue_push (side->queue, rd_bulk_batch_ref (batch));
}

static void
join (RdBulkSide *side)
{
  if (side->thread == NULL)
    return;
  g_async_queue_push (side->queue, &end_of_batches);
  g_thread_join (g_steal_pointer (&side->thread));
}

gboolean
rd_bulk_side_finish (RdBulkSide  *side,
                     GError     **error)
{
  g_return_val_if_fail (side->thread != NULL, FALSE);

  join (side);
  if (side->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&side->error));
      return FALSE;
    }
  return TRUE;
}

gint64
rd_bulk_side_get_audit_next_id (RdBulkSide *side)
{
  return side->audit_next_id;
}

const char *
rd_bulk_side_get_audit_last_hash (RdBulkSide *side)
{
  return side->audit_last_hash;
}

gint64
rd_bulk_side_get_audit_n_entries (RdBulkSide *side)
{
  return side->audit_n_entries;
}

void
rd_bulk_side_free (RdBulkSide *side)
{
  if (side == NULL)
    return;

  g_atomic_int_set (&side->stop, 1);
  join (side);
  g_clear_pointer (&side->insert, sqlite3_finalize);
  g_clear_pointer (&side->index_insert, sqlite3_finalize);
  g_clear_pointer (&side->db, sqlite3_close_v2);
  if (side->path != NULL)
    {
      g_autofree char *journal = g_strconcat (side->path, "-journal", NULL);

      g_unlink (side->path);
      g_unlink (journal);
    }
  g_clear_error (&side->error);
  g_async_queue_unref (side->queue);
  g_mutex_clear (&side->lock);
  g_cond_clear (&side->written);
  g_free (side->audit_last_hash);
  g_free (side->operator);
  g_free (side->path);
  g_free (side);
}
