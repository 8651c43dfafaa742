/* rd-case-stored-json.c
 *
 * Reads back every stored breakdown and draft with the readers the window
 * uses (rd_calc_result_from_breakdown, rd_draft_new_from_json), which
 * refuse a text too deep, with a NUL or with a key twice.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rd-calc-json.h"
#include "rd-case-drafts.h"
#include "rd-case-stored-json.h"

GPtrArray *
rd_case_find_unreadable_json (RdStore  *store,
                              GError  **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  stmt = rd_store_prepare (store,
                           "SELECT case_no, breakdown FROM cases"
                           " WHERE breakdown IS NOT NULL AND breakdown <> '' ORDER BY id", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(RdCalcResult) result = NULL;
      const char *breakdown = (const char *) sqlite3_column_text (stmt, 1);

      result = rd_calc_result_from_breakdown (breakdown, &local_error);
      if (result == NULL)
        g_ptr_array_add (problems,
                         g_strdup_printf (_("Case %s: the stored breakdown cannot be read: %s"),
                                          (const char *) sqlite3_column_text (stmt, 0),
                                          local_error->message));
    }
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (store, rc, error);
      return NULL;
    }

  drafts = rd_drafts_find_unreadable (store, error);
  if (drafts == NULL)
    return NULL;
  for (guint i = 0; i < drafts->len; i++)
    g_ptr_array_add (problems, g_strdup (g_ptr_array_index (drafts, i)));

  return g_steal_pointer (&problems);
}
