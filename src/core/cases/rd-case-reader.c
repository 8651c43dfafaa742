/* rd-case-reader.c
 *
 * See rd-case-reader.h.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-case-reader.h"
#include "rd-case-store.h"
#include "rd-case-store-private.h"

struct _RdCaseReader
{
  RdStore      *store;
  sqlite3_stmt *stmt;
};

RdCaseReader *
rd_case_reader_new (RdStore  *store,
                    GError  **error)
{
  g_autofree char *sql = g_strconcat (_rd_case_store_select_sql, "WHERE id = ?1", NULL);
  sqlite3_stmt *stmt;
  RdCaseReader *reader;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  stmt = rd_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;
  reader = g_new0 (RdCaseReader, 1);
  reader->store = g_object_ref (store);
  reader->stmt = stmt;
  return reader;
}

RdCase *
rd_case_reader_get (RdCaseReader  *reader,
                    gint64         id,
                    GError       **error)
{
  RdCase *found = NULL;
  int rc;

  g_return_val_if_fail (reader != NULL, NULL);

  sqlite3_bind_int64 (reader->stmt, 1, id);
  rc = sqlite3_step (reader->stmt);
  if (rc == SQLITE_ROW)
    found = _rd_case_store_read_case (reader->stmt);
  else if (rc == SQLITE_DONE)
    g_set_error_literal (error, RD_CASE_STORE_ERROR, RD_CASE_STORE_ERROR_NOT_FOUND,
                         _("The case no longer exists in the ledger."));
  else
    rd_store_set_error_from_db (reader->store, rc, error);
  sqlite3_reset (reader->stmt);
  return found;
}

void
rd_case_reader_free (RdCaseReader *reader)
{
  if (reader == NULL)
    return;
  sqlite3_finalize (reader->stmt);
  g_object_unref (reader->store);
  g_free (reader);
}
