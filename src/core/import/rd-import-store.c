/* rd-import-store.c
 *
 * What the ledger keeps of imports besides the cases (rd-import.h): the
 * shop's saved generic profiles (import_profiles, audited like the other
 * shop settings: a row in the chain and an entry "save-import-profile" or
 * "delete-import-profile"), the cases of an import, and the cases an
 * import proposes for the intercept register.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-audit.h"
#include "rd-intercept-types.h"
#include "rd-operators.h"
#include "rd-import-private.h"

GPtrArray *
rd_import_profiles_list (RdStore  *store,
                         GError  **error)
{
  g_autoptr(GPtrArray) profiles = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_import_profile_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  stmt = rd_store_prepare (store, "SELECT name, json FROM import_profiles ORDER BY name", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GError) local_error = NULL;
      RdImportProfile *profile = rd_import_profile_from_json ((const char *) sqlite3_column_text (stmt, 1),
                                                              &local_error);

      if (profile == NULL)
        {
          /* Translators: %s is the saved profile's name, then why it cannot be read */
          g_set_error (error, RD_IMPORT_PROFILE_ERROR, RD_IMPORT_PROFILE_ERROR_INVALID,
                       _("The saved import profile “%s” cannot be read: %s"),
                       (const char *) sqlite3_column_text (stmt, 0), local_error->message);
          return NULL;
        }
      g_ptr_array_add (profiles, profile);
    }
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&profiles);
}

static gboolean
write_profile (RdStore      *store,
               const char   *sql,
               const char   *name,
               const char   *json,
               GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = rd_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (json != NULL)
    {
      sqlite3_bind_text (stmt, 2, json, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
    }
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
rd_import_profile_save (RdStore                *store,
                        const RdImportProfile  *profile,
                        const char             *operator,
                        GError                **error)
{
  g_autofree char *json = NULL;
  const char *name;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (profile != NULL, FALSE);

  if (!rd_import_profile_is_generic (profile))
    {
      g_set_error_literal (error, RD_IMPORT_PROFILE_ERROR, RD_IMPORT_PROFILE_ERROR_INVALID,
                           _("Only a profile of your own columns can be saved."));
      return FALSE;
    }
  name = rd_import_profile_get_id (profile);
  json = rd_import_profile_to_json (profile);
  if (!rd_operators_check (store, operator, RD_ACTION_SETTINGS, error) ||
      !rd_store_begin (store, error))
    return FALSE;
  if (!write_profile (store, "INSERT INTO import_profiles (name, json, updated_at) VALUES (?1, ?2, ?3)"
                             " ON CONFLICT (name) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at"
                             " WHERE json IS NOT excluded.json", name, json, error) ||
      !rd_audit_record (store, 0, operator, "save-import-profile", name, NULL, name, error) ||
      !rd_store_commit (store, error))
    {
      rd_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

gboolean
rd_import_profile_delete (RdStore     *store,
                          const char  *name,
                          const char  *operator,
                          GError     **error)
{
  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!rd_operators_check (store, operator, RD_ACTION_SETTINGS, error) ||
      !rd_store_begin (store, error))
    return FALSE;
  if (!write_profile (store, "DELETE FROM import_profiles WHERE name = ?1", name, NULL, error) ||
      (sqlite3_changes (rd_store_get_db (store)) > 0 &&
       !rd_audit_record (store, 0, operator, "delete-import-profile", name, name, NULL, error)) ||
      !rd_store_commit (store, error))
    {
      rd_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

static GArray *
read_ids (RdStore       *store,
          sqlite3_stmt  *stmt,
          GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

GArray *
rd_import_list_cases (RdStore  *store,
                      gint64    import_id,
                      GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  stmt = rd_store_prepare (store, "SELECT c.id FROM case_imports i JOIN cases c ON c.id = i.case_id"
                                  " WHERE i.import_id = ?1 ORDER BY c.requested_at DESC, c.id DESC", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, import_id);
  return read_ids (store, stmt, error);
}

GArray *
rd_import_list_intercept_proposals (RdStore  *store,
                                    GError  **error)
{
  const char *const *open_ids = rd_case_status_open_ids ();
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) in_register = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  /* The open ids are constants of this program, not user text. */
  g_string_append (sql, "SELECT c.id, c.outbound_tracking FROM case_platform p JOIN cases c ON c.id = p.case_id"
                        " WHERE c.kind = 'refund_only_shipped' AND coalesce (c.outbound_tracking, '') != ''"
                        " AND NOT EXISTS (SELECT 1 FROM intercepts i WHERE i.case_id = c.id)"
                        " AND c.status IN (");
  for (guint i = 0; open_ids[i] != NULL; i++)
    g_string_append_printf (sql, "%s'%s'", i ? ", " : "", open_ids[i]);
  g_string_append (sql, ") ORDER BY c.requested_at DESC, c.id DESC");
  stmt = rd_store_prepare (store, sql->str, error);
  if (stmt == NULL)
    return NULL;
  in_register = rd_store_prepare (store, "SELECT EXISTS (SELECT 1 FROM intercepts WHERE tracking_no = ?1)", error);
  if (in_register == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_autofree char *tracking = rd_tracking_number_normalize ((const char *) sqlite3_column_text (stmt, 1));
      gboolean registered = FALSE;

      /* A parcel registered by hand, without its case. */
      if (tracking != NULL)
        {
          sqlite3_bind_text (in_register, 1, tracking, -1, SQLITE_STATIC);
          registered = sqlite3_step (in_register) == SQLITE_ROW && sqlite3_column_int (in_register, 0);
          sqlite3_reset (in_register);
        }
      if (!registered)
        g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}
