/* rd-store-check.c
 *
 * How far the ledger is checked, and when. Opening runs only the cheap
 * checks (rd-store.c: SQLite reads the header, the schema and the small
 * tables it reads at open, then `PRAGMA quick_check` of those tables): the
 * full `quick_check` reads every page, 3 s for a million cases. The full
 * check is rd_store_check_integrity (`refund-desk check`), or
 * rd_store_check_integrity_async, which runs it on a worker thread with its
 * own read-only connection while the app is in use; a damaged page that an
 * open does not read is found there (RD_STORE_ERROR_CORRUPT, the file is
 * not touched). A damaged page read by a later statement fails that
 * statement with RD_STORE_ERROR_CORRUPT, and nothing is written.
 *
 * The async check runs on a thread of its own at the lowest CPU and disk
 * priority (nice 19, the idle I/O class), never on GLib's shared pool whose
 * threads the ledger's queries reuse: a million cases take seconds of reads
 * that must not compete with the first screens.
 *
 * Also the read-only connections of other threads (the ledger model, the
 * async check): rd_store_open_reader.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>
#ifdef __linux__
# include <sys/resource.h>
# include <sys/syscall.h>
#endif

#include "rd-store.h"
#include "rd-store-private.h"

/* How often (in SQLite VM steps) the async check looks at its cancellable. */
#define PROGRESS_STEPS 100000

gboolean
_rd_store_check_pragma (sqlite3     *db,
                        const char  *path,
                        const char  *sql,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *result;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      rd_store_set_error_from_sqlite (error, path, db, rc);
      return FALSE;
    }

  result = (const char *) sqlite3_column_text (stmt, 0);
  if (g_strcmp0 (result, "ok") != 0)
    {
      rd_store_set_error (error, RD_STORE_ERROR_CORRUPT, 0, path, result);
      return FALSE;
    }

  return TRUE;
}

gboolean
_rd_store_check_foreign_keys (sqlite3     *db,
                              const char  *path,
                              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *row = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA foreign_key_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    {
      rd_store_set_error_from_sqlite (error, path, db, rc);
      return FALSE;
    }

  /* table, rowid, parent, fkid */
  row = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 1));
  detail = g_strdup_printf (_("row %s of “%s” points to a missing row of “%s”"),
                            row,
                            (const char *) sqlite3_column_text (stmt, 0),
                            (const char *) sqlite3_column_text (stmt, 2));
  rd_store_set_error (error, RD_STORE_ERROR_CORRUPT, 0, path, detail);
  return FALSE;
}

/* The open-time check: the tables every open and every first write read.
 * The schema was parsed already (sqlite_master, by inspect ()). */
gboolean
_rd_store_check_quick (sqlite3     *db,
                       const char  *path,
                       GError     **error)
{
  static const char * const small_tables[] = { "meta", "case_numbers", "case_count", "audit_head" };

  for (guint i = 0; i < G_N_ELEMENTS (small_tables); i++)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;
      g_autofree char *sql = NULL;

      /* Older ledgers lack some; the list is constant, not user text. */
      if (sqlite3_table_column_metadata (db, "main", small_tables[i], NULL, NULL, NULL, NULL, NULL, NULL) != SQLITE_OK)
        continue;
      sql = g_strdup_printf ("PRAGMA quick_check ('%s')", small_tables[i]);
      if (!_rd_store_check_pragma (db, path, sql, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
folder_is_writable (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);
  GStatBuf st;

  if (g_stat (folder, &st) != 0)
    return FALSE;
  return (st.st_mode & 0222) != 0 && access (folder, W_OK | X_OK) == 0;
}

gboolean
_rd_store_can_read_immutable (const char *path)
{
  g_autofree char *wal_path = g_strconcat (path, "-wal", NULL);

  return !folder_is_writable (path) && !g_file_test (wal_path, G_FILE_TEST_EXISTS);
}

static int
open_probed (const char  *filename,
             int          flags,
             sqlite3    **db)
{
  int rc = sqlite3_open_v2 (filename, db, flags, NULL);

  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (*db, 1);
      sqlite3_busy_timeout (*db, 5000);
      _rd_store_watch_slow_statements (*db);
      /* The first read: a WAL ledger needs its -shm file here. */
      rc = sqlite3_exec (*db, "PRAGMA user_version", NULL, NULL, NULL);
    }
  return rc;
}

int
rd_store_open_reader (const char  *path,
                       sqlite3    **db)
{
  g_autofree char *uri = NULL;
  g_autofree char *with_query = NULL;
  int rc;

  *db = NULL;
  rc = open_probed (path, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, db);
  if (rc == SQLITE_OK || !_rd_store_can_read_immutable (path) ||
      (uri = g_filename_to_uri (path, NULL, NULL)) == NULL)
    return rc;

  /* As rd_store_open does read-only: a WAL ledger in a folder where the
   * -shm file cannot be created, closed cleanly (no -wal), is complete on
   * its own. */
  sqlite3_close (*db);
  with_query = g_strconcat (uri, "?immutable=1", NULL);
  return open_probed (with_query, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI, db);
}

static gboolean
check_db (sqlite3     *db,
          const char  *path,
          GError     **error)
{
  return _rd_store_check_pragma (db, path, "PRAGMA integrity_check (1)", error) &&
         _rd_store_check_foreign_keys (db, path, error);
}

gboolean
rd_store_check_integrity (RdStore  *self,
                          GError  **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), FALSE);

  return check_db (rd_store_get_db (self), rd_store_get_path (self), error);
}

static int
on_progress (void *data)
{
  return g_cancellable_is_cancelled (G_CANCELLABLE (data)) ? 1 : 0;
}

/* This thread yields to every other: CPU and disk. */
static void
lower_priority (void)
{
#ifdef __linux__
  pid_t tid = (pid_t) syscall (SYS_gettid);
  /* ioprio_set (IOPRIO_WHO_PROCESS = 1, tid, IOPRIO_CLASS_IDLE = 3 << 13) */
  const int idle_io = 3 << 13;

  if (setpriority (PRIO_PROCESS, (id_t) tid, 19) != 0)
    g_debug ("Could not lower the check's CPU priority");
  if (syscall (SYS_ioprio_set, 1, tid, idle_io) != 0)
    g_debug ("Could not lower the check's disk priority");
#endif
}

static gpointer
check_thread (gpointer data)
{
  g_autoptr(GTask) task = data;
  const char *path = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  int rc;
  gboolean ok;

  lower_priority ();
  rc = rd_store_open_reader (path, &db);
  if (rc != SQLITE_OK)
    {
      rd_store_set_error_from_sqlite (&error, path, db, rc);
      sqlite3_close (db);
      g_task_return_error (task, g_steal_pointer (&error));
      return NULL;
    }

  if (cancellable != NULL)
    sqlite3_progress_handler (db, PROGRESS_STEPS, on_progress, cancellable);
  ok = check_db (db, path, &error);
  sqlite3_close (db);

  if (g_task_return_error_if_cancelled (task))
    return NULL;
  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
  return NULL;
}

void
rd_store_check_integrity_async (RdStore             *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (RD_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_store_check_integrity_async);
  g_task_set_task_data (task, g_strdup (rd_store_get_path (self)), g_free);
  g_thread_unref (g_thread_new ("rd-check", check_thread, g_steal_pointer (&task)));
}

gboolean
rd_store_check_integrity_finish (RdStore       *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
