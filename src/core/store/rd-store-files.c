/* rd-store-files.c
 *
 * The ledger as files in a folder: whether the path may be opened before
 * SQLite sees it, a new ledger built whole, a hot journal undone.
 *
 * A new ledger appears whole or not at all. rd-store.c builds it under a
 * name of its own in the same folder ("<ledger>.new-XXXXXX"), every
 * migration applied and the file synced; this file then gives it the
 * ledger's name with link() (which, unlike rename(), never replaces a
 * ledger another program created meanwhile), removes the building name and
 * syncs the folder. A process killed while building leaves the ledger's name
 * free; the partial file is removed by the next creation in that folder once
 * it is an hour old.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rd-store.h"
#include "rd-store-private.h"

#define STALE_AFTER_SECONDS (60 * 60)

gboolean
_rd_store_folder_is_writable (const char *folder)
{
  GStatBuf st;

  /* access() alone says yes to root for any folder; the mode bits still
   * tell what the owner meant. */
  if (g_stat (folder, &st) != 0)
    return FALSE;

  return (st.st_mode & 0222) != 0 && access (folder, W_OK | X_OK) == 0;
}

/* Before SQLite sees the path: is there a file, may we read it, may we write
 * it and its folder (WAL creates -wal and -shm files beside it)? Creates the
 * folder of a new ledger. Never opens the file itself: closing a descriptor
 * would drop the POSIX locks of another connection in this process. */
gboolean
_rd_store_check_location (const char        *path,
                          RdStoreOpenFlags   flags,
                          gboolean          *exists,
                          GError           **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  gboolean read_only = (flags & RD_STORE_OPEN_READ_ONLY) != 0;
  GStatBuf st;
  int saved_errno;

  if (g_stat (path, &st) == 0)
    {
      if (!S_ISREG (st.st_mode))
        {
          rd_store_set_error (error, RD_STORE_ERROR_NOT_A_DATABASE, 0, path, NULL);
          return FALSE;
        }

      if (access (path, R_OK) != 0)
        {
          rd_store_set_error (error, RD_STORE_ERROR_IO, SQLITE_CANTOPEN, path, g_strerror (errno));
          return FALSE;
        }

      if (!read_only &&
          ((st.st_mode & 0222) == 0 || access (path, W_OK) != 0 || !_rd_store_folder_is_writable (folder)))
        {
          rd_store_set_error (error, RD_STORE_ERROR_READ_ONLY, 0, path, NULL);
          return FALSE;
        }

      *exists = TRUE;
      return TRUE;
    }

  saved_errno = errno;
  if (saved_errno != ENOENT)
    {
      rd_store_set_error (error, RD_STORE_ERROR_IO, SQLITE_CANTOPEN, path, g_strerror (saved_errno));
      return FALSE;
    }

  if ((flags & (RD_STORE_OPEN_EXISTING | RD_STORE_OPEN_READ_ONLY)) != 0)
    {
      rd_store_set_error (error, RD_STORE_ERROR_NOT_FOUND, 0, path, NULL);
      return FALSE;
    }

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      saved_errno = errno;
      if (saved_errno == EACCES || saved_errno == EPERM || saved_errno == EROFS)
        rd_store_set_error (error, RD_STORE_ERROR_READ_ONLY, 0, path, NULL);
      else
        rd_store_set_error (error, RD_STORE_ERROR_IO, SQLITE_CANTOPEN, path, g_strerror (saved_errno));
      return FALSE;
    }

  if (!_rd_store_folder_is_writable (folder))
    {
      rd_store_set_error (error, RD_STORE_ERROR_READ_ONLY, 0, path, NULL);
      return FALSE;
    }

  *exists = FALSE;
  return TRUE;
}

gboolean
_rd_store_is_hot_journal (int extended_rc)
{
  return extended_rc == SQLITE_READONLY_ROLLBACK || extended_rc == SQLITE_READONLY_RECOVERY;
}

gboolean
_rd_store_undo_hot_journal (const char  *path,
                            guint        busy_timeout_ms,
                            GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  sqlite3 *db = NULL;
  int rc;

  if (access (path, W_OK) != 0 || !_rd_store_folder_is_writable (folder))
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_IO,
                   _("The ledger “%s” was being changed when a program stopped, and that "
                     "unfinished change must be undone before the ledger can be read. Allow "
                     "writing to the file and its folder, open it once, then try again."),
                   path);
      return FALSE;
    }

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (db, 1);
      sqlite3_busy_timeout (db, (int) busy_timeout_ms);
      rc = sqlite3_exec (db, "PRAGMA user_version", NULL, NULL, NULL);
    }
  if (rc != SQLITE_OK)
    {
      rd_store_set_error_from_sqlite (error, path, db, rc);
      sqlite3_close_v2 (db);
      return FALSE;
    }

  sqlite3_close_v2 (db);
  g_debug ("Undid the unfinished change in %s (hot journal)", path);
  return TRUE;
}


/* "<base>.new-" followed by the six characters of mkstemp, and their
 * journals, last written over an hour ago. */
static void
remove_stale_partials (const char *folder,
                       const char *base)
{
  g_autofree char *prefix = g_strconcat (base, ".new-", NULL);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      gsize tail;
      GStatBuf st;

      if (!g_str_has_prefix (name, prefix))
        continue;
      tail = strlen (name) - strlen (prefix);
      if (tail != 6 && !(tail == 6 + strlen ("-journal") && g_str_has_suffix (name, "-journal")))
        continue;

      path = g_build_filename (folder, name, NULL);
      if (g_lstat (path, &st) == 0 && S_ISREG (st.st_mode) &&
          now - (gint64) st.st_mtime > STALE_AFTER_SECONDS)
        {
          g_debug ("Removing %s, left by a ledger creation that did not finish", path);
          g_unlink (path);
        }
    }
}

static gboolean
sync_path (const char *path,
           int         flags)
{
  int fd = g_open (path, flags | O_CLOEXEC, 0);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = fsync (fd) == 0;
  close (fd);
  return ok;
}

static void
set_io_error (GError     **error,
              const char  *path,
              int          saved_errno)
{
  rd_store_set_error (error,
                      saved_errno == EACCES || saved_errno == EPERM || saved_errno == EROFS
                        ? RD_STORE_ERROR_READ_ONLY : RD_STORE_ERROR_IO,
                      saved_errno == ENOSPC || saved_errno == EDQUOT ? SQLITE_FULL : SQLITE_IOERR,
                      path, g_strerror (saved_errno));
}

char *
_rd_store_create_partial (const char  *path,
                          GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *partial = g_strconcat (path, ".new-XXXXXX", NULL);
  int fd;

  remove_stale_partials (folder, base);

  /* The permissions SQLite gives a file it creates. */
  fd = g_mkstemp_full (partial, O_RDWR | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      set_io_error (error, path, errno);
      return NULL;
    }
  close (fd);

  return g_steal_pointer (&partial);
}

void
_rd_store_remove_partial (const char *partial)
{
  g_autofree char *journal = g_strconcat (partial, "-journal", NULL);

  g_unlink (journal);
  g_unlink (partial);
}

gboolean
_rd_store_place_partial (const char  *partial,
                         const char  *path,
                         GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  int saved_errno;

  if (!sync_path (partial, O_RDWR))
    {
      saved_errno = errno;
      _rd_store_remove_partial (partial);
      set_io_error (error, path, saved_errno);
      return FALSE;
    }

  if (link (partial, path) != 0)
    {
      saved_errno = errno;

      if (saved_errno == EEXIST)
        {
          /* Another program made the ledger first: that one is opened. */
          _rd_store_remove_partial (partial);
          return TRUE;
        }

      /* A file system without hard links (FAT, some network shares). */
      if (g_file_test (path, G_FILE_TEST_EXISTS) || g_rename (partial, path) != 0)
        {
          saved_errno = g_file_test (path, G_FILE_TEST_EXISTS) ? EEXIST : errno;
          _rd_store_remove_partial (partial);
          if (saved_errno == EEXIST)
            return TRUE;
          set_io_error (error, path, saved_errno);
          return FALSE;
        }
    }
  else
    g_unlink (partial);

  /* The new name itself, on disk. */
  sync_path (folder, O_RDONLY | O_DIRECTORY);
  return TRUE;
}
