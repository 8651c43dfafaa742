/* rd-case-drafts.c
 *
 * Table drafts (form, json, updated_at). Drafts are not audited: they are
 * not part of the ledger until the form is saved.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "rd-case-drafts.h"
#include "rd-store-txn.h"

G_DEFINE_QUARK (rd-drafts-error-quark, rd_drafts_error)

gboolean
rd_drafts_save (RdStore     *store,
                const char  *form,
                const char  *json,
                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) parse_error = NULL;
  gboolean owned;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (form != NULL && json != NULL, FALSE);

  if (!json_parser_load_from_data (parser, json, -1, &parse_error))
    {
      g_set_error (error, RD_DRAFTS_ERROR, RD_DRAFTS_ERROR_INVALID_JSON,
                   _("The draft could not be saved: %s"), parse_error->message);
      return FALSE;
    }

  if (!rd_store_txn_begin (store, &owned, error))
    return FALSE;

  stmt = rd_store_prepare (store,
                           "INSERT INTO drafts (form, json, updated_at) VALUES (?1, ?2, ?3)"
                           " ON CONFLICT (form) DO UPDATE SET json = excluded.json,"
                           " updated_at = excluded.updated_at", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, form, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, json, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (store, rc, error);
      goto fail;
    }

  return rd_store_txn_commit (store, owned, error);

fail:
  rd_store_txn_rollback (store, owned);
  return FALSE;
}

char *
rd_drafts_load (RdStore     *store,
                const char  *form,
                gint64      *updated_at,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (form != NULL, NULL);

  stmt = rd_store_prepare (store, "SELECT json, updated_at FROM drafts WHERE form = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, form, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (updated_at != NULL)
        *updated_at = sqlite3_column_int64 (stmt, 1);
      return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }
  if (rc != SQLITE_DONE)
    rd_store_set_error_from_db (store, rc, error);
  return NULL;
}

gboolean
rd_drafts_discard (RdStore     *store,
                   const char  *form,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (form != NULL, FALSE);

  stmt = rd_store_prepare (store, "DELETE FROM drafts WHERE form = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, form, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (store, rc, error);
      return FALSE;
    }
  return TRUE;
}
