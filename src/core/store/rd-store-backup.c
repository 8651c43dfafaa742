/* rd-store-backup.c
 *
 * Backups of the ledger with SQLite's online backup API: the one routine
 * that copies a database (also used for the copy made before a migration),
 * the check of a copy, its record, the list of a ledger's backups, pruning,
 * the daily backup, the worker-thread form and the restore. rd-store-backup.h
 * says where and when.
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rd-audit.h"
#include "rd-store-backup.h"
#include "rd-store-private.h"

#define PAGES_PER_STEP 1024
#define RECORD_GROUP "Backup"

static const char * const reason_ids[] = {
  [RD_BACKUP_REASON_MANUAL] = "manual",
  [RD_BACKUP_REASON_DAILY] = "daily",
  [RD_BACKUP_REASON_IMPORT] = "import",
  [RD_BACKUP_REASON_BEFORE_RESTORE] = "before-restore",
};

void
rd_backup_info_free (RdBackupInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->path);
  g_free (info->record_path);
  g_free (info->audit_last_hash);
  g_free (info);
}

static RdBackupInfo *
backup_info_new (void)
{
  RdBackupInfo *info = g_new0 (RdBackupInfo, 1);

  info->audit_last_hash = g_strdup ("");
  return info;
}

/* "ledger.db" → "ledger" */
static char *
ledger_stem (const char *ledger_path)
{
  g_autofree char *base = g_path_get_basename (ledger_path);

  if (g_str_has_suffix (base, ".db") && strlen (base) > 3)
    base[strlen (base) - 3] = '\0';
  return g_steal_pointer (&base);
}

static char *
record_path_for (const char *backup_path)
{
  g_autofree char *stem = g_strndup (backup_path, strlen (backup_path) - strlen (".db"));

  return g_strconcat (stem, ".ini", NULL);
}

static gboolean
all_digits (const char *text,
            gsize       n)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

/* "<stem>-YYYYMMDD-HHMMSS[-N].db" → the local time it names, or -1. */
static gint64
time_from_name (const char *name,
                const char *stem)
{
  g_autoptr(GDateTime) when = NULL;
  gsize stem_len = strlen (stem);
  const char *p;
  int f[6];

  if (!g_str_has_prefix (name, stem) || name[stem_len] != '-' || !g_str_has_suffix (name, ".db"))
    return -1;

  p = name + stem_len + 1;
  if (strlen (p) < 18 || !all_digits (p, 8) || p[8] != '-' || !all_digits (p + 9, 6))
    return -1;

  if (p[15] == '-')
    {
      const char *n = p + 16;
      gsize len = strlen (n) - strlen (".db");

      if (len == 0 || !all_digits (n, len))
        return -1;
    }
  else if (strcmp (p + 15, ".db") != 0)
    {
      return -1;
    }

  sscanf (p, "%4d%2d%2d-%2d%2d%2d", &f[0], &f[1], &f[2], &f[3], &f[4], &f[5]);
  when = g_date_time_new_local (f[0], f[1], f[2], f[3], f[4], f[5]);
  return when != NULL ? g_date_time_to_unix (when) : -1;
}

static gboolean
query_int64 (sqlite3    *db,
             const char *sql,
             gint64     *value)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  *value = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

int
_rd_store_copy_database (sqlite3        *source,
                         const char     *target,
                         void          (*progress) (double fraction, gpointer user_data),
                         gpointer        user_data,
                         GCancellable   *cancellable,
                         char          **reason)
{
  sqlite3_backup *backup;
  sqlite3 *dest = NULL;
  int rc;

  rc = sqlite3_open_v2 (target, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (dest, "main", source, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (dest);
      else
        {
          do
            {
              if (g_cancellable_is_cancelled (cancellable))
                {
                  rc = SQLITE_INTERRUPT;
                  break;
                }
              rc = sqlite3_backup_step (backup, progress != NULL ? PAGES_PER_STEP : -1);
              if (progress != NULL && sqlite3_backup_pagecount (backup) > 0)
                progress (1.0 - (double) sqlite3_backup_remaining (backup) /
                                sqlite3_backup_pagecount (backup), user_data);
            }
          while (rc == SQLITE_OK);

          if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
          if (sqlite3_backup_finish (backup) != SQLITE_OK && rc == SQLITE_OK)
            rc = sqlite3_errcode (dest);
        }
    }

  /* A copy stands alone: no -wal file beside it. */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      if (reason != NULL)
        *reason = g_strdup (rc == SQLITE_INTERRUPT ? _("cancelled")
                            : dest != NULL ? sqlite3_errmsg (dest) : sqlite3_errstr (rc));
      sqlite3_close_v2 (dest);
      g_unlink (target);
      return rc;
    }

  sqlite3_close_v2 (dest);
  g_chmod (target, 0600);
  return SQLITE_OK;
}

char *
rd_store_backup_default_folder (const char *ledger_path)
{
  g_autofree char *dir = g_path_get_dirname (ledger_path);

  return g_build_filename (dir, "backups", NULL);
}

static gboolean
read_chain_head (RdStore       *store,
                 RdBackupInfo  *info,
                 GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 has_head = 0;

  if (!query_int64 (rd_store_get_db (store),
                    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'audit_head'",
                    &has_head) || has_head == 0)
    return TRUE;

  stmt = rd_store_prepare (store, "SELECT last_id, last_hash, n_entries FROM audit_head WHERE id = 1", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      info->audit_last_id = sqlite3_column_int64 (stmt, 0);
      g_free (info->audit_last_hash);
      info->audit_last_hash = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      info->audit_entries = sqlite3_column_int64 (stmt, 2);
    }
  return TRUE;
}

gboolean
rd_store_backup_check (const char    *backup_path,
                       RdBackupInfo **info,
                       GError       **error)
{
  g_autoptr(RdBackupInfo) checked = backup_info_new ();
  g_autoptr(RdStore) copy = NULL;
  gint64 n_entries = 0;

  g_return_val_if_fail (backup_path != NULL, FALSE);

  copy = rd_store_open (backup_path, RD_STORE_OPEN_EXISTING | RD_STORE_OPEN_READ_ONLY, error);
  if (copy == NULL)
    return FALSE;

  if (!rd_store_check_integrity (copy, error))
    return FALSE;

  checked->schema_version = rd_store_get_schema_version (copy);
  if (!read_chain_head (copy, checked, error))
    return FALSE;
  if (checked->schema_version >= 4 &&
      !rd_audit_verify (copy, &n_entries, NULL, error))
    return FALSE;

  checked->n_cases = rd_store_count_cases (copy, error);
  if (checked->n_cases < 0)
    return FALSE;

  if (info != NULL)
    {
      checked->path = g_strdup (backup_path);
      *info = g_steal_pointer (&checked);
    }
  return TRUE;
}

/* What the copy before an import must prove, without reading it all (an
 * integrity check and the chain's verification read every page of a big
 * ledger, a minute for a million cases): that it opens as a ledger of the
 * same schema, holds as many pages as the snapshot it was copied from, and
 * ends with that snapshot's audit chain (its head, and the last entry
 * whose hash the head names) and case count. The pages are SQLite's own
 * copy of that snapshot; the ledger they came from was checked at its
 * open and by its writes. */
static gboolean
check_copy_light (const char          *backup_path,
                  const RdBackupInfo  *expected,
                  gint64               n_pages,
                  GError             **error)
{
  g_autoptr(RdBackupInfo) found = backup_info_new ();
  g_autoptr(RdStore) copy = NULL;
  g_autofree char *last_hash = NULL;
  gint64 copy_pages = -1;
  gint64 n_cases = -1;
  sqlite3 *db;

  copy = rd_store_open (backup_path, RD_STORE_OPEN_EXISTING | RD_STORE_OPEN_READ_ONLY, error);
  if (copy == NULL)
    return FALSE;
  db = rd_store_get_db (copy);
  if (!read_chain_head (copy, found, error))
    return FALSE;
  query_int64 (db, "PRAGMA page_count", &copy_pages);
  query_int64 (db, "SELECT n FROM case_count WHERE id = 1", &n_cases);
  if (found->audit_last_id > 0)
    {
      g_autoptr(sqlite3_stmt) stmt = rd_store_prepare (copy, "SELECT hash FROM audit_log WHERE id = ?1", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, found->audit_last_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        last_hash = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }

  if (rd_store_get_schema_version (copy) != expected->schema_version ||
      copy_pages != n_pages ||
      found->audit_last_id != expected->audit_last_id ||
      found->audit_entries != expected->audit_entries ||
      g_strcmp0 (found->audit_last_hash, expected->audit_last_hash) != 0 ||
      (found->audit_last_id > 0 && g_strcmp0 (last_hash, expected->audit_last_hash) != 0) ||
      n_cases != expected->n_cases)
    {
      rd_store_set_error (error, RD_STORE_ERROR_CORRUPT, 0, backup_path,
                          _("the copy is not the ledger as it was copied"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_record (RdBackupInfo  *info,
              const char    *ledger_path,
              GError       **error)
{
  g_autoptr(GKeyFile) record = g_key_file_new ();
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (info->at);
  g_autofree char *at_text = g_date_time_format_iso8601 (at);
  g_autofree char *data = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  g_key_file_set_string (record, RECORD_GROUP, "ledger", ledger_path);
  g_key_file_set_string (record, RECORD_GROUP, "time", at_text);
  g_key_file_set_int64 (record, RECORD_GROUP, "unix-time", info->at);
  g_key_file_set_string (record, RECORD_GROUP, "reason", reason_ids[info->reason]);
  g_key_file_set_integer (record, RECORD_GROUP, "schema-version", info->schema_version);
  g_key_file_set_int64 (record, RECORD_GROUP, "cases", info->n_cases);
  g_key_file_set_int64 (record, RECORD_GROUP, "audit-entries", info->audit_entries);
  g_key_file_set_int64 (record, RECORD_GROUP, "audit-head-entry", info->audit_last_id);
  g_key_file_set_string (record, RECORD_GROUP, "audit-head-hash", info->audit_last_hash);
  data = g_key_file_to_data (record, &length, NULL);

  if (!g_file_set_contents_full (info->record_path, data, length,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local_error))
    {
      rd_store_set_error (error, RD_STORE_ERROR_IO, 0, info->record_path, local_error->message);
      return FALSE;
    }
  return TRUE;
}

static RdBackupInfo *
read_record (const char *backup_path,
             gint64      named_at)
{
  g_autoptr(GKeyFile) record = g_key_file_new ();
  RdBackupInfo *info = backup_info_new ();
  g_autofree char *reason = NULL;

  info->path = g_strdup (backup_path);
  info->record_path = record_path_for (backup_path);
  info->at = named_at;
  info->reason = RD_BACKUP_REASON_MANUAL;

  if (!g_key_file_load_from_file (record, info->record_path, G_KEY_FILE_NONE, NULL))
    return info;

  if (g_key_file_has_key (record, RECORD_GROUP, "unix-time", NULL))
    info->at = g_key_file_get_int64 (record, RECORD_GROUP, "unix-time", NULL);
  reason = g_key_file_get_string (record, RECORD_GROUP, "reason", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (reason_ids); i++)
    if (g_strcmp0 (reason, reason_ids[i]) == 0)
      info->reason = i;
  info->schema_version = g_key_file_get_integer (record, RECORD_GROUP, "schema-version", NULL);
  info->n_cases = g_key_file_get_int64 (record, RECORD_GROUP, "cases", NULL);
  info->audit_entries = g_key_file_get_int64 (record, RECORD_GROUP, "audit-entries", NULL);
  info->audit_last_id = g_key_file_get_int64 (record, RECORD_GROUP, "audit-head-entry", NULL);
  g_free (info->audit_last_hash);
  info->audit_last_hash = g_key_file_get_string (record, RECORD_GROUP, "audit-head-hash", NULL);
  if (info->audit_last_hash == NULL)
    info->audit_last_hash = g_strdup ("");
  return info;
}

static char *
new_backup_path (const char *folder,
                 const char *ledger_path,
                 gint64      at)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (at);
  g_autofree char *stamp = g_date_time_format (when, "%Y%m%d-%H%M%S");
  g_autofree char *stem = ledger_stem (ledger_path);
  g_autofree char *name = g_strdup_printf ("%s-%s.db", stem, stamp);
  char *path = g_build_filename (folder, name, NULL);

  for (guint i = 2; g_file_test (path, G_FILE_TEST_EXISTS); i++)
    {
      g_free (name);
      g_free (path);
      name = g_strdup_printf ("%s-%s-%u.db", stem, stamp, i);
      path = g_build_filename (folder, name, NULL);
    }
  return path;
}

typedef enum
{
  BACKUP_CHECK_NONE,
  BACKUP_CHECK_LIGHT,         /* check_copy_light */
  BACKUP_CHECK_FULL,          /* rd_store_backup_check */
} BackupCheck;

/* The backup before an import, made before each import and kept only
 * for a while, is checked lightly; manual and daily backups in full; the
 * ledger a restore replaces not at all (it may be the damaged one). */
static BackupCheck
check_for (RdBackupReason reason)
{
  switch (reason)
    {
    case RD_BACKUP_REASON_BEFORE_RESTORE:
      return BACKUP_CHECK_NONE;
    case RD_BACKUP_REASON_IMPORT:
      return BACKUP_CHECK_LIGHT;
    case RD_BACKUP_REASON_MANUAL:
    case RD_BACKUP_REASON_DAILY:
    default:
      return BACKUP_CHECK_FULL;
    }
}

static RdBackupInfo *
backup_at (RdStore         *store,
           const char      *folder,
           RdBackupReason   reason,
           gint64           at,
           BackupCheck      check,
           void           (*progress) (double fraction, gpointer user_data),
           gpointer         user_data,
           GCancellable    *cancellable,
           GError         **error)
{
  const char *ledger_path = rd_store_get_path (store);
  g_autofree char *default_folder = NULL;
  g_autoptr(RdBackupInfo) info = NULL;
  g_autoptr(GError) check_error = NULL;
  g_autofree char *target = NULL;
  g_autofree char *reason_text = NULL;
  sqlite3 *db = rd_store_get_db (store);
  g_autoptr(RdBackupInfo) snapshot = NULL;
  gboolean own_read = FALSE;
  gint64 n_pages = -1;
  int rc;

  if (folder == NULL)
    folder = default_folder = rd_store_backup_default_folder (ledger_path);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      rd_store_set_error (error, RD_STORE_ERROR_IO, 0, folder, g_strerror (saved_errno));
      return NULL;
    }

  target = new_backup_path (folder, ledger_path, at);

  /* One snapshot for the whole copy, so that a write by the window
   * between two steps does not start it again. */
  if (sqlite3_get_autocommit (db))
    {
      gint64 ignored;

      if (!rd_store_exec (store, "BEGIN", error))
        return NULL;
      own_read = TRUE;
      query_int64 (db, "SELECT count(*) FROM sqlite_master", &ignored);
    }
  if (check == BACKUP_CHECK_LIGHT)
    {
      /* What the copy must hold: this snapshot's. */
      snapshot = backup_info_new ();
      snapshot->schema_version = rd_store_get_schema_version (store);
      query_int64 (db, "PRAGMA page_count", &n_pages);
      query_int64 (db, "SELECT n FROM case_count WHERE id = 1", &snapshot->n_cases);
      if (!read_chain_head (store, snapshot, error))
        {
          if (own_read)
            rd_store_rollback (store);
          return NULL;
        }
    }

  rc = _rd_store_copy_database (db, target, progress, user_data, cancellable, &reason_text);
  if (own_read)
    rd_store_rollback (store);

  if (rc == SQLITE_INTERRUPT)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The backup was cancelled."));
      return NULL;
    }
  if (rc != SQLITE_OK)
    {
      g_set_error (error, RD_STORE_ERROR,
                   (rc & 0xff) == SQLITE_BUSY ? RD_STORE_ERROR_LOCKED : RD_STORE_ERROR_IO,
                   _("No backup of the ledger “%s” could be written to “%s” (%s). Free some "
                     "disk space or choose a folder you may write to."),
                   ledger_path, folder, reason_text);
      return NULL;
    }

  if (check == BACKUP_CHECK_LIGHT)
    {
      if (!check_copy_light (target, snapshot, n_pages, &check_error))
        {
          g_unlink (target);
          g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_CORRUPT,
                       _("The backup of the ledger “%s” failed its check and was deleted: %s"),
                       ledger_path, check_error->message);
          return NULL;
        }
      info = g_steal_pointer (&snapshot);
    }
  else if (check == BACKUP_CHECK_FULL)
    {
      if (!rd_store_backup_check (target, &info, &check_error))
        {
          g_unlink (target);
          g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_CORRUPT,
                       _("The backup of the ledger “%s” failed its check and was deleted: %s"),
                       ledger_path, check_error->message);
          return NULL;
        }
    }
  else
    {
      info = backup_info_new ();
      info->schema_version = rd_store_get_schema_version (store);
      read_chain_head (store, info, NULL);
      info->n_cases = MAX (rd_store_count_cases (store, NULL), 0);
    }

  g_free (info->path);
  info->path = g_steal_pointer (&target);
  info->record_path = record_path_for (info->path);
  info->at = at;
  info->reason = reason;

  if (!write_record (info, ledger_path, error))
    {
      g_unlink (info->path);
      return NULL;
    }

  g_debug ("Backed up %s to %s (%" G_GINT64_FORMAT " cases, audit head %" G_GINT64_FORMAT ")",
           ledger_path, info->path, info->n_cases, info->audit_last_id);
  return g_steal_pointer (&info);
}

RdBackupInfo *
rd_store_backup_now (RdStore          *store,
                     const char       *folder,
                     RdBackupReason    reason,
                     void            (*progress) (double fraction, gpointer user_data),
                     gpointer          user_data,
                     GCancellable     *cancellable,
                     GError          **error)
{
  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return backup_at (store, folder, reason, g_get_real_time () / G_USEC_PER_SEC, check_for (reason),
                    progress, user_data, cancellable, error);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const RdBackupInfo *x = *(RdBackupInfo **) a;
  const RdBackupInfo *y = *(RdBackupInfo **) b;

  if (x->at != y->at)
    return x->at > y->at ? -1 : 1;
  return -g_strcmp0 (x->path, y->path);
}

GPtrArray *
rd_store_backup_list (const char  *ledger_path,
                      const char  *folder,
                      GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_backup_info_free);
  g_autofree char *default_folder = NULL;
  g_autofree char *stem = ledger_stem (ledger_path);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  if (folder == NULL)
    folder = default_folder = rd_store_backup_default_folder (ledger_path);

  dir = g_dir_open (folder, 0, &local_error);
  if (dir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&list);
      rd_store_set_error (error, RD_STORE_ERROR_IO, 0, folder, local_error->message);
      return NULL;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      gint64 at = time_from_name (name, stem);
      g_autofree char *path = NULL;

      if (at < 0)
        continue;
      path = g_build_filename (folder, name, NULL);
      g_ptr_array_add (list, read_record (path, at));
    }

  g_ptr_array_sort (list, compare_newest_first);
  return g_steal_pointer (&list);
}

guint
rd_store_backup_prune (const char *ledger_path,
                       const char *folder,
                       guint       keep_days,
                       gint64      now)
{
  g_autoptr(GPtrArray) list = NULL;
  guint removed = 0;

  if (keep_days == 0)
    return 0;

  list = rd_store_backup_list (ledger_path, folder, NULL);
  if (list == NULL)
    return 0;

  for (guint i = 0; i < list->len; i++)
    {
      RdBackupInfo *info = g_ptr_array_index (list, i);

      if (info->at >= now - (gint64) keep_days * 24 * 60 * 60)
        continue;
      if (g_unlink (info->path) == 0)
        {
          g_unlink (info->record_path);
          removed++;
          g_debug ("Removed the backup %s, older than %u days", info->path, keep_days);
        }
    }
  return removed;
}

static gboolean
same_local_day (gint64 a,
                gint64 b)
{
  g_autoptr(GDateTime) x = g_date_time_new_from_unix_local (a);
  g_autoptr(GDateTime) y = g_date_time_new_from_unix_local (b);

  return g_date_time_get_year (x) == g_date_time_get_year (y) &&
         g_date_time_get_day_of_year (x) == g_date_time_get_day_of_year (y);
}

gboolean
rd_store_backup_daily (RdStore        *store,
                       const char     *folder,
                       guint           keep_days,
                       gint64          now,
                       RdBackupInfo  **made,
                       GCancellable   *cancellable,
                       GError        **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(RdBackupInfo) info = NULL;
  gint64 has_data = 0;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);

  if (made != NULL)
    *made = NULL;

  list = rd_store_backup_list (rd_store_get_path (store), folder, error);
  if (list == NULL)
    return FALSE;

  for (guint i = 0; i < list->len; i++)
    {
      RdBackupInfo *existing = g_ptr_array_index (list, i);

      if (existing->reason != RD_BACKUP_REASON_BEFORE_RESTORE && same_local_day (existing->at, now))
        return TRUE;
    }

  if (rd_store_get_schema_version (store) < 4 ||
      !query_int64 (rd_store_get_db (store),
                    "SELECT EXISTS (SELECT 1 FROM cases) OR EXISTS (SELECT 1 FROM audit_log WHERE action NOT LIKE 'row%')",
                    &has_data) ||
      !has_data)
    return TRUE;

  info = backup_at (store, folder, RD_BACKUP_REASON_DAILY, now, BACKUP_CHECK_FULL, NULL, NULL, cancellable, error);
  if (info == NULL)
    return FALSE;

  rd_store_backup_prune (rd_store_get_path (store), folder, keep_days, now);

  if (made != NULL)
    *made = g_steal_pointer (&info);
  return TRUE;
}

/* The worker thread */

typedef struct
{
  char           *ledger_path;
  char           *folder;
  RdBackupReason  reason;
  guint           keep_days;
  void          (*progress) (double fraction, gpointer user_data);
  gpointer        progress_data;
  GMainContext   *context;
} BackupTask;

typedef struct
{
  GTask  *task;
  double  fraction;
} ProgressReport;

static void
backup_task_free (BackupTask *task)
{
  g_free (task->ledger_path);
  g_free (task->folder);
  g_main_context_unref (task->context);
  g_free (task);
}

static void
progress_report_free (ProgressReport *report)
{
  g_object_unref (report->task);
  g_free (report);
}

static gboolean
deliver_progress (gpointer data)
{
  ProgressReport *report = data;
  BackupTask *task_data = g_task_get_task_data (report->task);

  task_data->progress (report->fraction, task_data->progress_data);
  return G_SOURCE_REMOVE;
}

static void
post_progress (double   fraction,
               gpointer user_data)
{
  GTask *task = user_data;
  BackupTask *data = g_task_get_task_data (task);
  ProgressReport *report = g_new (ProgressReport, 1);

  /* Each report holds the task, and so its data. */
  report->task = g_object_ref (task);
  report->fraction = fraction;
  g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, deliver_progress,
                              report, (GDestroyNotify) progress_report_free);
}

static void
backup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  BackupTask *data = task_data;
  g_autoptr(RdStore) store = NULL;
  g_autoptr(RdBackupInfo) info = NULL;
  GError *error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  store = rd_store_open (data->ledger_path, RD_STORE_OPEN_EXISTING | RD_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (data->reason == RD_BACKUP_REASON_DAILY)
    {
      if (!rd_store_backup_daily (store, data->folder, data->keep_days, now, &info, cancellable, &error))
        {
          g_task_return_error (task, error);
          return;
        }
    }
  else
    {
      info = backup_at (store, data->folder, data->reason, now,
                        data->reason == RD_BACKUP_REASON_IMPORT ? BACKUP_CHECK_LIGHT : BACKUP_CHECK_FULL,
                        data->progress != NULL ? post_progress : NULL, task,
                        cancellable, &error);
      if (info == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      rd_store_backup_prune (data->ledger_path, data->folder, data->keep_days, now);
    }

  g_task_return_pointer (task, g_steal_pointer (&info), (GDestroyNotify) rd_backup_info_free);
}

void
rd_store_backup_async (const char          *ledger_path,
                       const char          *folder,
                       RdBackupReason       reason,
                       guint                keep_days,
                       void               (*progress) (double fraction, gpointer user_data),
                       gpointer             progress_data,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  BackupTask *data;

  g_return_if_fail (ledger_path != NULL);

  data = g_new0 (BackupTask, 1);
  data->ledger_path = g_strdup (ledger_path);
  data->folder = g_strdup (folder);
  data->reason = reason;
  data->keep_days = keep_days;
  data->progress = progress;
  data->progress_data = progress_data;
  data->context = g_main_context_ref_thread_default ();

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_store_backup_async);
  g_task_set_task_data (task, data, (GDestroyNotify) backup_task_free);
  g_task_run_in_thread (task, backup_thread);
}

RdBackupInfo *
rd_store_backup_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
