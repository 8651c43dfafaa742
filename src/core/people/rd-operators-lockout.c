/* rd-operators-lockout.c
 *
 * Too many wrong PINs lock an operator out for a while (see
 * rd-operators.h). No table of its own: each wrong PIN is an audit entry
 * (pin_failed, no case, the operator as its field, no PIN), and the lockout
 * is worked out from the operator's recent entries, so that every desk of
 * the ledger sees the same one and the log shows every attempt. A right PIN
 * after wrong ones (pin_ok), a PIN set (set_pin) or an admin's reset
 * (reset_pin) clears the count.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rd-audit.h"
#include "rd-people-private.h"
#include "rd-store-txn.h"
#include "rd-time.h"

/* The wrong PINs counted since the last clearing entry and within the day
 * before now, oldest first, in *failures (gint64 times). */
static gboolean
read_failures (RdStore     *store,
               const char  *name,
               gint64       now,
               GArray      *failures,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  /* audit_log_case (case_id, id) walks the entries of no case (NULL), newest
   * first: settings and operators, a short list beside the cases'. */
  stmt = rd_store_prepare (store,
                           "SELECT at, action FROM audit_log"
                           " WHERE case_id IS NULL AND field = ?1"
                           " AND action IN ('pin_failed', 'pin_ok', 'set_pin', 'reset_pin')"
                           " ORDER BY id DESC", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 at = sqlite3_column_int64 (stmt, 0);
      const char *action = (const char *) sqlite3_column_text (stmt, 1);

      if (!g_str_equal (action, "pin_failed") || at < now - RD_OPERATORS_LOCK_MEMORY)
        break;
      g_array_prepend_val (failures, at);
    }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* The end of the last lockout these failures started, or 0: each run of
 * RD_OPERATORS_LOCK_FAILURES within RD_OPERATORS_LOCK_WINDOW seconds locks
 * for RD_OPERATORS_LOCK_SECONDS, doubled at each lockout before. Wrong PINs
 * typed while locked (another desk's clock) do not count. */
static gint64
locked_until (const GArray *failures)
{
  gint64 until = 0;
  gint64 length = RD_OPERATORS_LOCK_SECONDS;
  guint first = 0;

  for (guint i = 0; i < failures->len; i++)
    {
      gint64 at = g_array_index (failures, gint64, i);

      if (at < until)
        {
          first = i + 1;
          continue;
        }
      while (g_array_index (failures, gint64, first) <= at - RD_OPERATORS_LOCK_WINDOW)
        first++;
      if (i + 1 - first >= RD_OPERATORS_LOCK_FAILURES)
        {
          until = at + length;
          length = MIN (length * 2, RD_OPERATORS_LOCK_MEMORY);
          first = i + 1;
        }
    }
  return until;
}

static gboolean
get_locked_until (RdStore     *store,
                  const char  *name,
                  gint64       now,
                  gint64      *until,
                  guint       *n_failures,
                  GError     **error)
{
  g_autoptr(GArray) failures = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!read_failures (store, name, now, failures, error))
    return FALSE;
  *until = locked_until (failures);
  if (n_failures != NULL)
    *n_failures = failures->len;
  return TRUE;
}

static gboolean
record (RdStore     *store,
        const char  *name,
        const char  *action,
        gint64       now,
        GError     **error)
{
  gboolean owned;

  if (!rd_store_txn_begin (store, &owned, error))
    return FALSE;
  if (!rd_audit_record_at (store, 0, now, name, action, name, NULL, NULL, error))
    {
      rd_store_txn_rollback (store, owned);
      return FALSE;
    }
  return rd_store_txn_commit (store, owned, error);
}

char *
_rd_operators_format_until (gint64 until,
                            gint64 now)
{
  g_autofree char *day = rd_time_format_local_date (until);
  g_autofree char *today = rd_time_format_local_date (now);

  if (g_strcmp0 (day, today) == 0)
    return rd_time_format_local_clock (until);
  return rd_time_format_local (until);
}

gboolean
_rd_operators_lockout_check (RdStore     *store,
                             const char  *name,
                             gint64       now,
                             GError     **error)
{
  gint64 until = 0;

  if (!get_locked_until (store, name, now, &until, NULL, error))
    return FALSE;
  if (now < until)
    {
      g_autofree char *when = _rd_operators_format_until (until, now);

      g_set_error (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_LOCKED,
                   /* Translators: "Too many wrong PINs for 李娜: try again at 14:05." */
                   _("Too many wrong PINs for %s: try again at %s."), name, when);
      return FALSE;
    }
  return TRUE;
}

gboolean
_rd_operators_lockout_note (RdStore     *store,
                            const char  *name,
                            gboolean     right,
                            gint64       now,
                            gint64      *until,
                            GError     **error)
{
  guint n_failures = 0;
  gint64 end = 0;

  if (until != NULL)
    *until = 0;
  /* A ledger opened read-only keeps no record, and grants nothing to write. */
  if (rd_store_is_read_only (store))
    return TRUE;

  if (right)
    {
      if (!get_locked_until (store, name, now, &end, &n_failures, error))
        return FALSE;
      return n_failures == 0 || record (store, name, "pin_ok", now, error);
    }

  /* Inside a caller's transaction the record would go with its rollback. */
  if (!sqlite3_get_autocommit (rd_store_get_db (store)))
    return TRUE;
  if (!record (store, name, "pin_failed", now, error) ||
      !get_locked_until (store, name, now, &end, NULL, error))
    return FALSE;
  if (until != NULL && now < end)
    *until = end;
  return TRUE;
}

gboolean
rd_operators_note_wrong_pin (RdStore     *store,
                             const char  *name,
                             gint64       now,
                             GError     **error)
{
  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (sqlite3_get_autocommit (rd_store_get_db (store)), FALSE);

  return _rd_operators_lockout_note (store, name, FALSE, now, NULL, error);
}

gboolean
rd_operators_get_locked_until (RdStore     *store,
                               const char  *name,
                               gint64       now,
                               gint64      *until,
                               GError     **error)
{
  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (until != NULL, FALSE);

  if (!get_locked_until (store, name, now, until, NULL, error))
    return FALSE;
  if (*until <= now)
    *until = 0;
  return TRUE;
}

gboolean
rd_operators_check_lockout (RdStore     *store,
                            const char  *name,
                            gint64       now,
                            GError     **error)
{
  g_return_val_if_fail (RD_IS_STORE (store), FALSE);

  return _rd_operators_lockout_check (store, name, now, error);
}
