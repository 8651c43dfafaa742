/* rd-store-restore.c
 *
 * Puts a backup in place of the ledger (rd_store_backup_restore,
 * rd-store-backup.h): the backup is checked first, the current ledger kept,
 * and the ledger never seen half-written.
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rd-store-backup.h"
#include "rd-store-private.h"
#include "rd-audit-anchor.h"
#include "rd-audit-private.h"

static char *
stamp_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y%m%d-%H%M%S");
}

/* Copies the backup into a new file beside the ledger, then renames it to
 * the ledger's name: the ledger is either absent or whole. */
static gboolean
place_by_rename (sqlite3     *backup_db,
                 const char  *ledger_path,
                 GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (ledger_path);
  g_autofree char *base = g_path_get_basename (ledger_path);
  g_autofree char *stamp = stamp_now ();
  g_autofree char *temp_name = g_strdup_printf (".%s.restore-%s", base, stamp);
  g_autofree char *temp = g_build_filename (dir, temp_name, NULL);
  g_autofree char *reason = NULL;
  int rc;

  rc = _rd_store_copy_database (backup_db, temp, NULL, NULL, NULL, &reason);
  if (rc != SQLITE_OK)
    {
      rd_store_set_error (error, _rd_store_error_code_from_sqlite (rc), rc, ledger_path, reason);
      return FALSE;
    }

  /* A journal left by another ledger of that name would be applied to
   * this one. */
  for (guint i = 0; i < 3; i++)
    {
      static const char * const suffixes[] = { "-wal", "-shm", "-journal" };
      g_autofree char *side = g_strconcat (ledger_path, suffixes[i], NULL);

      g_unlink (side);
    }

  if (g_rename (temp, ledger_path) != 0)
    {
      int saved_errno = errno;

      g_unlink (temp);
      rd_store_set_error (error, RD_STORE_ERROR_IO, 0, ledger_path, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

/* A ledger that cannot be opened is moved aside, with its journal, into the
 * backups folder as "<name>-<stamp>-damaged.db". */
static gboolean
move_aside (const char  *ledger_path,
            char       **kept,
            GError     **error)
{
  g_autofree char *folder = rd_store_backup_default_folder (ledger_path);
  g_autofree char *base = g_path_get_basename (ledger_path);
  g_autofree char *stamp = stamp_now ();
  g_autofree char *name = g_strdup_printf ("%s-%s-damaged", base, stamp);
  g_autofree char *target = g_build_filename (folder, name, NULL);

  if (g_mkdir_with_parents (folder, 0700) != 0 ||
      g_rename (ledger_path, target) != 0)
    {
      int saved_errno = errno;

      rd_store_set_error (error, RD_STORE_ERROR_IO, 0, ledger_path, g_strerror (saved_errno));
      return FALSE;
    }

  for (guint i = 0; i < 2; i++)
    {
      static const char * const suffixes[] = { "-wal", "-journal" };
      g_autofree char *side = g_strconcat (ledger_path, suffixes[i], NULL);
      g_autofree char *side_target = g_strconcat (target, suffixes[i], NULL);

      if (g_file_test (side, G_FILE_TEST_EXISTS))
        g_rename (side, side_target);
    }

  if (kept != NULL)
    *kept = g_steal_pointer (&target);
  return TRUE;
}

gboolean
rd_store_backup_restore (const char  *backup_path,
                         const char  *ledger_path,
                         char       **kept,
                         GError     **error)
{
  g_autoptr(RdStore) ledger = NULL;
  g_autoptr(RdBackupInfo) current = NULL;
  g_autoptr(GError) open_error = NULL;
  g_autoptr(GError) check_error = NULL;
  sqlite3 *backup_db = NULL;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (backup_path != NULL && ledger_path != NULL, FALSE);

  if (kept != NULL)
    *kept = NULL;

  if (!rd_store_backup_check (backup_path, NULL, &check_error))
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_CORRUPT,
                   _("The backup “%s” was not restored: %s"), backup_path, check_error->message);
      return FALSE;
    }

  {
    g_autoptr(GFile) a = g_file_new_for_path (backup_path);
    g_autoptr(GFile) b = g_file_new_for_path (ledger_path);

    if (g_file_equal (a, b))
      {
        g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_FAILED,
                     _("The backup “%s” is the ledger itself."), backup_path);
        return FALSE;
      }
  }

  rc = sqlite3_open_v2 (backup_path, &backup_db, SQLITE_OPEN_READONLY, NULL);
  if (rc != SQLITE_OK)
    {
      rd_store_set_error_from_sqlite (error, backup_path, backup_db, rc);
      sqlite3_close_v2 (backup_db);
      return FALSE;
    }

  ledger = rd_store_open (ledger_path, RD_STORE_OPEN_EXISTING, &open_error);
  if (ledger == NULL)
    {
      if (g_error_matches (open_error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_FOUND))
        ok = place_by_rename (backup_db, ledger_path, error);
      else if (g_error_matches (open_error, RD_STORE_ERROR, RD_STORE_ERROR_CORRUPT) ||
               g_error_matches (open_error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_A_DATABASE))
        ok = move_aside (ledger_path, kept, error) &&
             place_by_rename (backup_db, ledger_path, error);
      else
        g_propagate_error (error, g_steal_pointer (&open_error));

      /* The audit log goes back to the backup's: so does the anchor. */
      if (ok)
        _rd_audit_anchor_forget (ledger_path);
      sqlite3_close_v2 (backup_db);
      return ok;
    }

  /* Keep the ledger as it is now, then replace its content in one write
   * transaction of the backup API: any other connection to the file sees
   * the old ledger or the restored one. */
  current = rd_store_backup_now (ledger, NULL, RD_BACKUP_REASON_BEFORE_RESTORE, NULL, NULL, NULL, error);
  if (current == NULL)
    {
      sqlite3_close_v2 (backup_db);
      return FALSE;
    }

  {
    sqlite3_backup *backup = sqlite3_backup_init (rd_store_get_db (ledger), "main", backup_db, "main");

    if (backup == NULL)
      rc = sqlite3_errcode (rd_store_get_db (ledger));
    else
      {
        rc = sqlite3_backup_step (backup, -1);
        if (rc == SQLITE_DONE)
          rc = SQLITE_OK;
        if (sqlite3_backup_finish (backup) != SQLITE_OK && rc == SQLITE_OK)
          rc = sqlite3_errcode (rd_store_get_db (ledger));
      }
  }
  sqlite3_close_v2 (backup_db);

  if (rc != SQLITE_OK)
    {
      rd_store_set_error_from_db (ledger, rc, error);
      return FALSE;
    }

  /* The audit log went back to the backup's: so does the anchor, on
   * purpose (an anchor kept outside, verify --anchor, still tells). */
  _rd_audit_anchor_forget (ledger_path);
  if (!rd_audit_anchor_save (ledger, &open_error))
    g_debug ("The anchor of the restored ledger was not saved: %s", open_error->message);

  if (kept != NULL)
    *kept = g_strdup (current->path);
  g_debug ("Restored %s from %s; the ledger before is %s", ledger_path, backup_path, current->path);
  return TRUE;
}
