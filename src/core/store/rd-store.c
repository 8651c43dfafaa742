/* rd-store.c
 *
 * Opens the ledger file: checks where it lives, opens one SQLite connection,
 * refuses a file it cannot use safely without writing a byte to it, makes a
 * backup copy and migrates an older schema forward. Also the small helpers
 * every other core module uses on that connection (transactions, prepared
 * statements). rd-store-error.c words the errors, rd-store-schema.c holds
 * the migrations.
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "rd-store.h"
#include "rd-store-private.h"
#include "rd-audit-private.h"

#define DEFAULT_BUSY_TIMEOUT_MS 5000

struct _RdStore
{
  GObject   parent_instance;

  sqlite3  *db;
  char     *path;
  char     *backup_path;
  int       schema_version;
  guint     read_only : 1;
};

G_DEFINE_FINAL_TYPE (RdStore, rd_store, G_TYPE_OBJECT)

static guint
busy_timeout_from_environment (void)
{
  const char *value = g_getenv ("REFUND_DESK_BUSY_TIMEOUT_MS");
  guint64 ms;

  if (value == NULL ||
      !g_ascii_string_to_unsigned (value, 10, 0, G_MAXINT, &ms, NULL))
    return DEFAULT_BUSY_TIMEOUT_MS;

  return (guint) ms;
}

static gboolean
open_connection (RdStore     *self,
                 const char  *filename,
                 int          sqlite_flags,
                 GError     **error)
{
  int rc;

  g_clear_pointer (&self->db, sqlite3_close_v2);

  rc = sqlite3_open_v2 (filename, &self->db, sqlite_flags, NULL);
  if (rc != SQLITE_OK)
    {
      rd_store_set_error_from_sqlite (error, self->path, self->db, rc);
      g_clear_pointer (&self->db, sqlite3_close_v2);
      return FALSE;
    }

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, (int) busy_timeout_from_environment ());
  _rd_store_watch_slow_statements (self->db);

  return TRUE;
}

/* First integer of the first row of `sql` (no parameters). */
static gboolean
query_int (RdStore     *self,
           const char  *sql,
           gint64      *value,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = rd_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      rd_store_set_error_from_db (self, rc, error);
      return FALSE;
    }

  *value = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* The first read of the file: says whether it is a database at all, and
 * whether another program holds it locked. */
static gboolean
read_schema_version (RdStore  *self,
                     GError  **error)
{
  gint64 version;

  if (!query_int (self, "PRAGMA user_version", &version, error))
    return FALSE;

  self->schema_version = (int) version;
  return TRUE;
}

/* A read-only open of a WAL ledger needs its -shm file. When the folder is
 * read-only and the last writer closed cleanly (no -wal left), the file is
 * complete on its own and can be read as immutable. */
static gboolean
reopen_immutable (RdStore  *self,
                  GError  **error)
{
  g_autofree char *uri = NULL;
  g_autofree char *with_query = NULL;
  g_autoptr(GError) local_error = NULL;

  uri = g_filename_to_uri (self->path, NULL, &local_error);
  if (uri == NULL)
    {
      rd_store_set_error (error, RD_STORE_ERROR_IO, SQLITE_CANTOPEN, self->path, local_error->message);
      return FALSE;
    }

  with_query = g_strconcat (uri, "?immutable=1", NULL);

  return open_connection (self, with_query, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, error) &&
         read_schema_version (self, error);
}

static gboolean
open_and_read_version (RdStore   *self,
                       gboolean   exists,
                       GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *wal_path = NULL;
  g_autofree char *folder = NULL;
  int sqlite_flags;

  if (self->read_only)
    sqlite_flags = SQLITE_OPEN_READONLY;
  else
    sqlite_flags = SQLITE_OPEN_READWRITE | (exists ? 0 : SQLITE_OPEN_CREATE);

  if (!open_connection (self, self->path, sqlite_flags, error))
    return FALSE;

  /* SQLite quietly opens a file it may not write read-only. */
  if (!self->read_only && sqlite3_db_readonly (self->db, "main") == 1)
    {
      rd_store_set_error (error, RD_STORE_ERROR_READ_ONLY, 0, self->path, NULL);
      return FALSE;
    }

  if (read_schema_version (self, &local_error))
    return TRUE;

  /* A hot journal: a writer stopped in the middle of a change (killed, or
   * the power went), and a reader may not undo it. A connection that may
   * write undoes it on its first read; the ledger is then as it was before
   * that change. */
  if (self->read_only && _rd_store_is_hot_journal (sqlite3_extended_errcode (self->db)))
    {
      g_clear_error (&local_error);
      g_clear_pointer (&self->db, sqlite3_close_v2);
      return _rd_store_undo_hot_journal (self->path, busy_timeout_from_environment (), error) &&
             open_connection (self, self->path, SQLITE_OPEN_READONLY, error) &&
             read_schema_version (self, error);
    }

  wal_path = g_strconcat (self->path, "-wal", NULL);
  folder = g_path_get_dirname (self->path);
  if (self->read_only &&
      (g_error_matches (local_error, RD_STORE_ERROR, RD_STORE_ERROR_IO) ||
       g_error_matches (local_error, RD_STORE_ERROR, RD_STORE_ERROR_READ_ONLY)) &&
      !_rd_store_folder_is_writable (folder) &&
      !g_file_test (wal_path, G_FILE_TEST_EXISTS))
    return reopen_immutable (self, error);

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* Is this a ledger this build may use? Only reads. */
static gboolean
inspect (RdStore  *self,
         GError  **error)
{
  gint64 n_tables;
  gint64 n_ledger_tables;
  int latest = rd_store_get_latest_version ();

  if (self->schema_version > latest)
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_TOO_NEW,
                   _("The ledger “%s” was saved by a newer version of Refund Desk "
                     "(ledger version %d; this Refund Desk reads up to version %d). "
                     "Update Refund Desk to open it."),
                   self->path, self->schema_version, latest);
      return FALSE;
    }

  if (!query_int (self,
                  "SELECT count(*) FROM sqlite_master "
                  "WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
                  &n_tables, error) ||
      !query_int (self,
                  "SELECT count(*) FROM sqlite_master "
                  "WHERE type = 'table' AND name IN ('meta', 'cases')",
                  &n_ledger_tables, error))
    return FALSE;

  /* Another program's database, or (read-only) an empty file: never turn
   * it into a ledger behind the user's back. */
  if (self->schema_version < 0 ||
      (self->schema_version == 0 && (n_tables > 0 || self->read_only)) ||
      (self->schema_version >= 1 && n_ledger_tables != 2))
    {
      rd_store_set_error (error, RD_STORE_ERROR_NOT_A_DATABASE, 0, self->path, NULL);
      return FALSE;
    }

  /* Not the whole file: rd-store-check.c says why. */
  return _rd_store_check_quick (self->db, self->path, error);
}

static gboolean
make_backup (RdStore  *self,
             GError  **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d%H%M%S");
  g_autofree char *base = NULL;
  g_autofree char *target = NULL;
  g_autofree char *reason = NULL;
  int rc;

  base = g_strdup_printf ("%s.backup-v%d-%s", self->path, self->schema_version, stamp);
  target = g_strdup (base);
  for (guint i = 2; g_file_test (target, G_FILE_TEST_EXISTS); i++)
    {
      g_free (target);
      target = g_strdup_printf ("%s-%u", base, i);
    }

  rc = _rd_store_copy_database (self->db, target, NULL, NULL, NULL, &reason);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, RD_STORE_ERROR,
                   (rc & 0xff) == SQLITE_BUSY ? RD_STORE_ERROR_LOCKED : RD_STORE_ERROR_IO,
                   _("No backup copy of the ledger “%s” could be made before updating it "
                     "(%s), so it was left as it is. Free some disk space or allow writing "
                     "to its folder, then open it again."),
                   self->path, reason);
      return FALSE;
    }

  g_free (self->backup_path);
  self->backup_path = g_steal_pointer (&target);
  g_debug ("Copied %s to %s before updating it", self->path, self->backup_path);

  return TRUE;
}

static gboolean
record_creation (RdStore  *self,
                 GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = rd_store_prepare (self,
                           "INSERT OR REPLACE INTO meta (key, value) "
                           "VALUES ('created_by_version', ?1)",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, PACKAGE_VERSION, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_foreign_keys (RdStore  *self,
                    GError  **error)
{
  return _rd_store_check_foreign_keys (self->db, self->path, error);
}

static gboolean
apply_migration (RdStore  *self,
                 int       version,
                 gboolean  backup_first,
                 GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *set_version = NULL;
  int from = self->schema_version;
  gint64 started = g_get_monotonic_time ();
  int rc;

  g_debug ("Migrating %s from version %d to %d", self->path, from, version);

  if (backup_first)
    {
      gint64 n_objects;

      /* The copy and the migration see the same snapshot: a read
       * transaction first (SQLite cannot back up from a connection in a
       * write transaction), upgraded to a write by the migration; if
       * another program wrote in between, that upgrade fails as LOCKED. */
      if (!rd_store_exec (self, "BEGIN", error))
        return FALSE;

      if (!query_int (self, "SELECT count(*) FROM sqlite_master", &n_objects, error) ||
          !make_backup (self, error))
        {
          rd_store_rollback (self);
          return FALSE;
        }
    }
  else if (!rd_store_begin (self, error))
    {
      return FALSE;
    }

  rc = sqlite3_exec (self->db, _rd_store_schema_get_migration (version), NULL, NULL, NULL);
  if (rc == SQLITE_OK && version == 1)
    {
      if (!record_creation (self, &local_error))
        rc = SQLITE_ERROR;
    }
  if (rc == SQLITE_OK && version == RD_AUDIT_ROWS_SCHEMA_VERSION)
    {
      if (!_rd_audit_rows_sync (self, &local_error))
        rc = SQLITE_ERROR;
    }

  if (rc == SQLITE_OK)
    {
      set_version = g_strdup_printf ("PRAGMA user_version = %d", version);
      rc = sqlite3_exec (self->db, set_version, NULL, NULL, NULL);
    }

  if (rc == SQLITE_OK && !check_foreign_keys (self, &local_error))
    rc = SQLITE_CONSTRAINT;

  if (rc != SQLITE_OK)
    {
      g_autofree char *reason = NULL;
      RdStoreError code = _rd_store_error_code_from_sqlite (rc);

      reason = g_strdup (local_error != NULL ? local_error->message : sqlite3_errmsg (self->db));
      rd_store_rollback (self);

      if (local_error == NULL &&
          (code == RD_STORE_ERROR_LOCKED || code == RD_STORE_ERROR_IO ||
           code == RD_STORE_ERROR_READ_ONLY))
        rd_store_set_error_from_sqlite (error, self->path, self->db, rc);
      else
        g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_FAILED,
                     _("The ledger “%s” could not be updated from version %d to version %d "
                       "(%s). It was left at version %d. Please report this problem to the "
                       "makers of Refund Desk."),
                     self->path, from, version, reason, from);
      return FALSE;
    }

  if (!rd_store_commit (self, error))
    {
      rd_store_rollback (self);
      return FALSE;
    }

  self->schema_version = version;
  g_debug ("Migrated %s to version %d in %.1f ms", self->path, version,
           (g_get_monotonic_time () - started) / 1000.0);
  return TRUE;
}

static gboolean
migrate (RdStore  *self,
         GError  **error)
{
  int latest = rd_store_get_latest_version ();
  gboolean had_data = FALSE;

  if (self->schema_version >= latest)
    return TRUE;

  /* A copy of a ledger without a case or an audit entry (one whose
   * creation was interrupted by an older build) would only be clutter. */
  if (self->schema_version >= 1)
    {
      gint64 has_data;

      if (!query_int (self,
                      self->schema_version >= 4
                        ? "SELECT EXISTS (SELECT 1 FROM cases) OR EXISTS (SELECT 1 FROM audit_log WHERE action NOT LIKE 'row%')"
                        : "SELECT EXISTS (SELECT 1 FROM cases)",
                      &has_data, error))
        return FALSE;
      had_data = has_data != 0;
    }

  /* Off while a migration may rebuild tables; checked before each COMMIT. */
  if (!rd_store_exec (self, "PRAGMA foreign_keys = OFF", error))
    return FALSE;

  for (int version = self->schema_version + 1; version <= latest; version++)
    {
      gboolean backup_first = had_data && self->backup_path == NULL;

      if (!apply_migration (self, version, backup_first, error))
        return FALSE;
    }

  return TRUE;
}

/* Another program writing to the ledger (in a long transaction, or holding
 * it with locking_mode=EXCLUSIVE) lets it be read but would make every
 * change fail after the busy timeout: RD_STORE_ERROR_LOCKED now, when the
 * user can still close that program and try again. */
static gboolean
check_write_lock (RdStore  *self,
                  GError  **error)
{
  if (!rd_store_begin (self, error))
    return FALSE;
  rd_store_rollback (self);
  return TRUE;
}

/* Builds the new ledger under another name, every migration applied, and
 * gives it its name only when it is whole (rd-store-create.c). */
static gboolean
create_whole (RdStore  *self,
              GError  **error)
{
  g_autofree char *partial = NULL;
  gboolean ok;

  partial = _rd_store_create_partial (self->path, error);
  if (partial == NULL)
    return FALSE;

  ok = open_connection (self, partial, SQLITE_OPEN_READWRITE, error) &&
       read_schema_version (self, error) &&
       rd_store_exec (self, "PRAGMA synchronous = FULL", error) &&
       migrate (self, error);
  g_clear_pointer (&self->db, sqlite3_close_v2);
  self->schema_version = 0;

  if (!ok)
    {
      _rd_store_remove_partial (partial);
      return FALSE;
    }

  return _rd_store_place_partial (partial, self->path, error);
}

static gboolean
use_wal (RdStore  *self,
         GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = rd_store_prepare (self, "PRAGMA journal_mode = WAL", error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      rd_store_set_error_from_db (self, rc, error);
      return FALSE;
    }

  if (g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") != 0)
    {
      rd_store_set_error (error, RD_STORE_ERROR_IO, SQLITE_IOERR, self->path,
                           _("this disk does not support write-ahead logging; "
                             "keep the ledger on a local disk"));
      return FALSE;
    }

  return TRUE;
}

static void
rd_store_finalize (GObject *object)
{
  RdStore *self = (RdStore *)object;

  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->backup_path, g_free);

  G_OBJECT_CLASS (rd_store_parent_class)->finalize (object);
}

static void
rd_store_class_init (RdStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rd_store_finalize;
}

static void
rd_store_init (RdStore *self)
{
}

char *
rd_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "refund-desk", "ledger.db", NULL);
}

RdStore *
rd_store_open (const char        *path,
               RdStoreOpenFlags   flags,
               GError           **error)
{
  g_autoptr(RdStore) self = NULL;
  gboolean exists = FALSE;
  gboolean created = FALSE;

  g_return_val_if_fail (path != NULL && *path != '\0', NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (RD_TYPE_STORE, NULL);
  self->path = g_canonicalize_filename (path, NULL);
  self->read_only = (flags & RD_STORE_OPEN_READ_ONLY) != 0;

  if (!_rd_store_check_location (self->path, flags, &exists, error))
    return NULL;

  if (!exists && !self->read_only)
    {
      if (!create_whole (self, error))
        return NULL;
      exists = TRUE;
      created = TRUE;
    }

  if (!open_and_read_version (self, exists, error) ||
      !inspect (self, error))
    return NULL;

  if (!rd_store_exec (self, "PRAGMA synchronous = FULL", error))
    return NULL;

  if (!self->read_only)
    {
      if (!migrate (self, error) || !use_wal (self, error) || !check_write_lock (self, error))
        return NULL;
      if (created)
        _rd_audit_anchor_forget (self->path);
      if (self->schema_version >= RD_AUDIT_ROWS_SCHEMA_VERSION)
        {
          if (!_rd_audit_rows_install (self, error))
            return NULL;
          _rd_audit_anchor_after_commit (self);
        }
    }

  if (!rd_store_exec (self, "PRAGMA foreign_keys = ON", error))
    return NULL;

  g_debug ("Opened %s%s at schema version %d%s", self->path,
           self->read_only ? " read-only" : "", self->schema_version,
           created ? " (new ledger)" : "");
  return g_steal_pointer (&self);
}

const char *
rd_store_get_path (RdStore *self)
{
  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  return self->path;
}

sqlite3 *
rd_store_get_db (RdStore *self)
{
  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  return self->db;
}

int
rd_store_get_schema_version (RdStore *self)
{
  g_return_val_if_fail (RD_IS_STORE (self), 0);

  return self->schema_version;
}

const char *
rd_store_get_backup_path (RdStore *self)
{
  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  return self->backup_path;
}

gboolean
rd_store_is_read_only (RdStore *self)
{
  g_return_val_if_fail (RD_IS_STORE (self), TRUE);

  return self->read_only;
}

void
rd_store_set_busy_timeout (RdStore *self,
                           guint    timeout_ms)
{
  g_return_if_fail (RD_IS_STORE (self));

  sqlite3_busy_timeout (self->db, (int) MIN (timeout_ms, (guint) G_MAXINT));
}

gint64
rd_store_count_cases (RdStore  *self,
                      GError  **error)
{
  gint64 count;

  g_return_val_if_fail (RD_IS_STORE (self), -1);

  if (!query_int (self, "SELECT count(*) FROM cases", &count, error))
    return -1;

  return count;
}

gboolean
rd_store_exec (RdStore     *self,
               const char  *sql,
               GError     **error)
{
  int rc;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (sql != NULL, FALSE);

  rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      rd_store_set_error_from_db (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

gboolean
rd_store_begin (RdStore  *self,
                GError  **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), FALSE);

  /* A write transaction: SQLite would grant it on a read-only connection
   * and fail only at the first write. */
  if (self->read_only)
    {
      rd_store_set_error (error, RD_STORE_ERROR_READ_ONLY, SQLITE_READONLY, self->path, NULL);
      return FALSE;
    }

  return rd_store_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
rd_store_commit (RdStore  *self,
                 GError  **error)
{
  if (!rd_store_exec (self, "COMMIT", error))
    return FALSE;

  _rd_audit_anchor_after_commit (self);
  return TRUE;
}

void
rd_store_rollback (RdStore *self)
{
  g_return_if_fail (RD_IS_STORE (self));

  /* SQLite may have rolled back on its own (SQLITE_FULL, IOERR). */
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

sqlite3_stmt *
rd_store_prepare (RdStore     *self,
                  const char  *sql,
                  GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      rd_store_set_error_from_db (self, rc, error);
      return NULL;
    }

  return stmt;
}

void
rd_store_set_error_from_db (RdStore  *self,
                            int       rc,
                            GError  **error)
{
  g_return_if_fail (RD_IS_STORE (self));

  rd_store_set_error_from_sqlite (error, self->path, self->db, rc);
}
