/* rd-store-error.c
 *
 * The store's errors in a shop owner's words: which ledger file, what is
 * wrong with it, what to do. SQLite's result codes map onto RdStoreError
 * here and nowhere else.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-store.h"
#include "rd-store-private.h"

G_DEFINE_QUARK (rd-store-error-quark, rd_store_error)

RdStoreError
_rd_store_error_code_from_sqlite (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return RD_STORE_ERROR_LOCKED;

    case SQLITE_READONLY:
    case SQLITE_PERM:
      return RD_STORE_ERROR_READ_ONLY;

    case SQLITE_NOTADB:
      return RD_STORE_ERROR_NOT_A_DATABASE;

    case SQLITE_CORRUPT:
      return RD_STORE_ERROR_CORRUPT;

    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
      return RD_STORE_ERROR_IO;

    default:
      return RD_STORE_ERROR_FAILED;
    }
}

/* The one place that words the store's errors: the file's name, what is
 * wrong, what to do. `detail` (may be NULL) is the technical reason. */
void
rd_store_set_error (GError       **error,
                     RdStoreError   code,
                     int            sqlite_rc,
                     const char    *path,
                     const char    *detail)
{
  const char *reason = detail != NULL ? detail : "";

  switch (code)
    {
    case RD_STORE_ERROR_NOT_A_DATABASE:
      g_set_error (error, RD_STORE_ERROR, code,
                   _("“%s” is not a Refund Desk ledger. Open the ledger file itself "
                     "(its name usually ends in .db), or restore it from a backup copy."),
                   path);
      break;

    case RD_STORE_ERROR_CORRUPT:
      g_set_error (error, RD_STORE_ERROR, code,
                   _("The ledger “%s” is damaged (%s). It was left as it is. Restore the "
                     "latest backup copy, or ask for help before entering more refunds."),
                   path, reason);
      break;

    case RD_STORE_ERROR_LOCKED:
      g_set_error (error, RD_STORE_ERROR, code,
                   _("The ledger “%s” is in use by another program. Close the other "
                     "program or the other Refund Desk window, then try again."),
                   path);
      break;

    case RD_STORE_ERROR_READ_ONLY:
      g_set_error (error, RD_STORE_ERROR, code,
                   _("The ledger “%s” cannot be changed: the file or its folder is "
                     "read-only. Allow writing to it, or copy it to a folder of your own "
                     "and open the copy."),
                   path);
      break;

    case RD_STORE_ERROR_NOT_FOUND:
      g_set_error (error, RD_STORE_ERROR, code,
                   _("There is no ledger at “%s”. Check the file name and the folder."),
                   path);
      break;

    case RD_STORE_ERROR_IO:
      if ((sqlite_rc & 0xff) == SQLITE_FULL)
        g_set_error (error, RD_STORE_ERROR, code,
                     _("The disk that holds the ledger “%s” is full. Free some space, "
                       "then try again."),
                     path);
      else if ((sqlite_rc & 0xff) == SQLITE_CANTOPEN)
        g_set_error (error, RD_STORE_ERROR, code,
                     _("The ledger “%s” could not be opened (%s). Check that the file and "
                       "its folder exist and that you may read them."),
                     path, reason);
      else
        g_set_error (error, RD_STORE_ERROR, code,
                     _("The ledger “%s” could not be read or written (%s). Check the "
                       "disk, then try again."),
                     path, reason);
      break;

    case RD_STORE_ERROR_TOO_NEW:    /* worded where the versions are known */
    case RD_STORE_ERROR_FAILED:
    default:
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_FAILED,
                   _("The ledger “%s” could not be used (%s)."),
                   path, reason);
      break;
    }
}

void
rd_store_set_error_from_sqlite (GError     **error,
                                 const char  *path,
                                 sqlite3     *db,
                                 int          rc)
{
  int extended = rc;

  /* Callers often pass the primary code; the connection knows the rest. */
  if (db != NULL && (sqlite3_extended_errcode (db) & 0xff) == (rc & 0xff))
    extended = sqlite3_extended_errcode (db);

  rd_store_set_error (error, _rd_store_error_code_from_sqlite (extended), extended, path,
                       db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
}
