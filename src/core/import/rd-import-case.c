/* rd-import-case.c
 *
 * Reading one case's platform facts (rd-import-case.h): one statement over
 * case_platform by its primary key, with the file name of the import that
 * wrote the row; clearing the follow-up flag (audited) and counting the
 * flagged cases.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-audit.h"
#include "rd-case-store.h"
#include "rd-import-case.h"
#include "rd-operators.h"

void
rd_import_case_facts_free (RdImportCaseFacts *facts)
{
  if (facts == NULL)
    return;
  g_free (facts->channel);
  g_free (facts->platform_key);
  g_free (facts->platform_status);
  g_free (facts->file_name);
  g_free (facts);
}

static RdImportPlatformState
state_from_text (const char *text)
{
  if (g_strcmp0 (text, "refunded") == 0)
    return RD_IMPORT_PLATFORM_REFUNDED;
  if (g_strcmp0 (text, "refused") == 0)
    return RD_IMPORT_PLATFORM_REFUSED;
  if (g_strcmp0 (text, "closed") == 0)
    return RD_IMPORT_PLATFORM_CLOSED;
  return RD_IMPORT_PLATFORM_OPEN;
}

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup (text) : NULL;
}

gboolean
rd_import_case_get_facts (RdStore            *store,
                          gint64              case_id,
                          RdImportCaseFacts **facts,
                          GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  RdImportCaseFacts *found;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (facts != NULL, FALSE);

  *facts = NULL;
  stmt = rd_store_prepare (store,
                           "SELECT p.channel, p.platform_key, p.platform_status, p.platform_state,"
                           " p.refund_amount, p.follow_up, p.import_id, i.file_name, p.row"
                           " FROM case_platform p LEFT JOIN imports i ON i.id = p.import_id"
                           " WHERE p.case_id = ?1",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    {
      rd_store_set_error_from_db (store, rc, error);
      return FALSE;
    }

  found = g_new0 (RdImportCaseFacts, 1);
  found->channel = dup_column (stmt, 0);
  found->platform_key = dup_column (stmt, 1);
  found->platform_status = dup_column (stmt, 2);
  found->platform_state = state_from_text ((const char *) sqlite3_column_text (stmt, 3));
  found->refund_amount = sqlite3_column_type (stmt, 4) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 4);
  found->follow_up = sqlite3_column_int (stmt, 5) != 0;
  found->import_id = sqlite3_column_int64 (stmt, 6);
  found->file_name = dup_column (stmt, 7);
  found->row = (guint64) sqlite3_column_int64 (stmt, 8);
  *facts = found;
  return TRUE;
}

gboolean
rd_import_case_follow_up (RdStore   *store,
                          gint64     case_id,
                          gboolean  *follow_up,
                          GError   **error)
{
  g_autoptr(RdImportCaseFacts) facts = NULL;

  g_return_val_if_fail (follow_up != NULL, FALSE);

  *follow_up = FALSE;
  if (!rd_import_case_get_facts (store, case_id, &facts, error))
    return FALSE;
  *follow_up = facts != NULL && facts->follow_up;
  return TRUE;
}

static gboolean
clear_follow_up_locked (RdStore     *store,
                        gint64       case_id,
                        const char  *operator,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;
  int flagged;

  if (!rd_operators_check (store, operator, RD_ACTION_EDIT_CASE, error))
    return FALSE;

  stmt = rd_store_prepare (store, "SELECT follow_up FROM case_platform WHERE case_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, RD_CASE_STORE_ERROR, RD_CASE_STORE_ERROR_NOT_FOUND,
                   _("No import has read this case: there is no follow-up to clear"));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      rd_store_set_error_from_db (store, rc, error);
      return FALSE;
    }
  flagged = sqlite3_column_int (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (!flagged)
    return TRUE;

  stmt = rd_store_prepare (store, "UPDATE case_platform SET follow_up = 0 WHERE case_id = ?1 AND follow_up = 1",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (store, rc, error);
      return FALSE;
    }

  return rd_audit_record (store, case_id, operator, "follow-up", "follow_up", "1", "0", error);
}

gboolean
rd_import_case_clear_follow_up (RdStore     *store,
                                gint64       case_id,
                                const char  *operator,
                                GError     **error)
{
  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (operator != NULL, FALSE);

  if (!rd_store_begin (store, error))
    return FALSE;
  if (!clear_follow_up_locked (store, case_id, operator, error))
    {
      rd_store_rollback (store);
      return FALSE;
    }
  return rd_store_commit (store, error);
}

gboolean
rd_import_case_count_follow_up (RdStore  *store,
                                guint    *count,
                                GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (count != NULL, FALSE);

  *count = 0;
  stmt = rd_store_prepare (store, "SELECT count(*) FROM case_platform WHERE follow_up = 1", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      rd_store_set_error_from_db (store, rc, error);
      return FALSE;
    }
  *count = (guint) sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

const char *
rd_import_platform_state_get_name (RdImportPlatformState state)
{
  switch (state)
    {
    case RD_IMPORT_PLATFORM_REFUNDED:
      return C_("platform state", "Refunded by the platform");
    case RD_IMPORT_PLATFORM_REFUSED:
      return C_("platform state", "Refused, ended on the platform");
    case RD_IMPORT_PLATFORM_CLOSED:
      return C_("platform state", "Closed on the platform");
    case RD_IMPORT_PLATFORM_OPEN:
    default:
      return C_("platform state", "Open on the platform");
    }
}
