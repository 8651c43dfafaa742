/* rd-operators-import.c
 *
 * Operators brought in rather than added by an admin: a given list (the
 * benchmark's generator, the tests), and the names a ledger from before
 * operators already knows, from its cases and this desk's old settings
 * list (see rd-operators.h). Each without a PIN, audited.
 */
#include "config.h"

#include <string.h>

#include "rd-audit.h"
#include "rd-people-private.h"
#include "rd-store-txn.h"

/* Adds name with role unless it is there or not a valid name; inside the
 * caller's transaction. */
static gboolean
import_one (RdStore     *store,
            const char  *name,
            RdRole       role,
            gboolean    *added,
            GError     **error)
{
  g_autoptr(GError) missing = NULL;
  g_autoptr(RdOperator) existing = NULL;

  *added = FALSE;
  if (!rd_operators_check_name (name, NULL) || rd_role_to_id (role) == NULL)
    return TRUE;
  existing = _rd_operators_read (store, name, NULL, &missing);
  if (existing != NULL)
    return TRUE;
  if (!g_error_matches (missing, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&missing));
      return FALSE;
    }
  if (!_rd_operators_insert (store, name, role, NULL, error) ||
      !rd_audit_record (store, 0, name, "import_operator", name, NULL, rd_role_to_id (role), error))
    return FALSE;
  *added = TRUE;
  return TRUE;
}

gboolean
rd_operators_import (RdStore             *store,
                     const char * const  *names,
                     const RdRole        *roles,
                     guint                n,
                     GError             **error)
{
  gboolean owned;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (n == 0 || (names != NULL && roles != NULL), FALSE);

  if (!rd_store_txn_begin (store, &owned, error))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      gboolean added;

      if (!import_one (store, names[i], roles[i], &added, error))
        goto failed;
    }

  return rd_store_txn_commit (store, owned, error);

failed:
  rd_store_txn_rollback (store, owned);
  return FALSE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Role by name: the settings' (an owner at most an approver), else an
 * approver for whoever approved a case, else a clerk. */
static void
merge_role (GHashTable *roles,
            const char *name,
            RdRole      role)
{
  RdRole known = GPOINTER_TO_INT (g_hash_table_lookup (roles, name));

  if (role == RD_ROLE_ADMIN)
    role = RD_ROLE_APPROVER;
  if (known == RD_ROLE_NONE || (known == RD_ROLE_CLERK && role == RD_ROLE_APPROVER))
    g_hash_table_insert (roles, g_strdup (name), GINT_TO_POINTER (role));
}

gboolean
rd_operators_import_old_ledger (RdStore             *store,
                                const char * const  *names,
                                const RdRole        *roles,
                                guint                n,
                                guint               *n_imported,
                                GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) found = NULL;
  g_autoptr(GPtrArray) order = NULL;
  gboolean owned;
  guint added = 0;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (n == 0 || (names != NULL && roles != NULL), FALSE);

  if (n_imported != NULL)
    *n_imported = 0;
  if (!rd_store_txn_begin (store, &owned, error))
    return FALSE;

  stmt = rd_store_prepare (store, "SELECT EXISTS (SELECT 1 FROM operators)", error);
  if (stmt == NULL)
    goto failed;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      rd_store_set_error_from_db (store, rc, error);
      goto failed;
    }
  if (sqlite3_column_int (stmt, 0) != 0)
    return rd_store_txn_commit (store, owned, error);
  g_clear_pointer (&stmt, sqlite3_finalize);

  found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < n; i++)
    if (names[i] != NULL)
      merge_role (found, names[i], roles[i]);

  /* One pass over the cases: each name once, approvers marked. */
  stmt = rd_store_prepare (store,
                           "SELECT name, max (approver) FROM ("
                           "  SELECT created_by AS name, 0 AS approver FROM cases"
                           "  UNION ALL SELECT handler, 0 FROM cases"
                           "  UNION ALL SELECT proposed_by, 0 FROM cases"
                           "  UNION ALL SELECT approved_by, 1 FROM cases)"
                           " WHERE name IS NOT NULL AND name <> '' GROUP BY name", error);
  if (stmt == NULL)
    goto failed;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);

      if (!g_hash_table_contains (found, name))
        merge_role (found, name, sqlite3_column_int (stmt, 1) ? RD_ROLE_APPROVER : RD_ROLE_CLERK);
      else if (sqlite3_column_int (stmt, 1))
        merge_role (found, name, RD_ROLE_APPROVER);
    }
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (store, rc, error);
      goto failed;
    }

  order = g_ptr_array_new ();
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, found);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_ptr_array_add (order, key);
  }
  g_ptr_array_sort (order, compare_names);
  for (guint i = 0; i < order->len; i++)
    {
      const char *name = g_ptr_array_index (order, i);
      gboolean one = FALSE;

      if (!import_one (store, name, GPOINTER_TO_INT (g_hash_table_lookup (found, name)), &one, error))
        goto failed;
      added += one ? 1 : 0;
    }

  if (!rd_store_txn_commit (store, owned, error))
    return FALSE;
  if (n_imported != NULL)
    *n_imported = added;
  return TRUE;

failed:
  rd_store_txn_rollback (store, owned);
  return FALSE;
}
