/* rd-intercept-scans.c
 *
 * The warehouse's scans (rd_intercepts_record_scan): one transaction that
 * looks the parcel up, refuses a repeated scan of the same parcel and
 * outcome without writing, records the scan and its audit entry, moves the
 * parcel back to the warehouse with the scanned condition (and its case by
 * the policy), and commits — with the store's synchronous=FULL, on disk
 * before the function returns.
 *
 * A parcel whose number is not in the register (rd_intercepts_record_
 * unmatched_scan) is registered as "returned, not matched": back in the
 * warehouse with the scanned condition, with no case, no request and so no
 * platform deadline (no countdown), for someone to match to an order later.
 * No schema of its own: rd_intercept_is_unmatched() tells it by those
 * values. rd_intercepts_match_to_case links such a parcel to its case
 * later.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rd-case-store.h"
#include "rd-intercepts.h"
#include "rd-operators.h"
#include "rd-intercepts-private.h"
#include "rd-store-txn.h"

static gboolean
find_scan (RdStore            *store,
           gint64              intercept_id,
           RdParcelCondition   outcome,
           RdScanResult       *result,
           GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = rd_store_prepare (store, "SELECT id, at FROM scans WHERE intercept_id = ?1 AND outcome = ?2",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, intercept_id);
  sqlite3_bind_text (stmt, 2, rd_parcel_condition_to_id (outcome), -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      result->already = TRUE;
      result->scan_id = sqlite3_column_int64 (stmt, 0);
      result->at = sqlite3_column_int64 (stmt, 1);
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
record_scan_locked (RdStore            *store,
                    RdIntercept        *intercept,
                    RdParcelCondition   outcome,
                    const char         *operator,
                    const RdPolicy     *policy,
                    gint64              now,
                    RdScanResult       *result,
                    GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!find_scan (store, intercept->id, outcome, result, error))
    return FALSE;
  if (result->already)
    return TRUE;

  stmt = rd_store_prepare (store,
                           "INSERT INTO scans (intercept_id, tracking_no, outcome, at, operator)"
                           " VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, intercept->id);
  sqlite3_bind_text (stmt, 2, intercept->tracking_no, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, rd_parcel_condition_to_id (outcome), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, now);
  sqlite3_bind_text (stmt, 5, operator, -1, SQLITE_STATIC);
  if (!_rd_intercepts_step_row (store, stmt, error))
    return FALSE;
  result->scan_id = sqlite3_column_int64 (stmt, 0);
  result->at = now;

  if (!_rd_intercepts_audit (store, intercept, operator, "scan", "scan", NULL,
                             rd_parcel_condition_to_id (outcome), error))
    return FALSE;

  result->outcome.from = result->outcome.to = intercept->status;
  if (outcome == RD_PARCEL_CONDITION_NOT_OURS)
    return TRUE;

  /* A condition already set by hand with this value: the scan is kept, the
   * parcel has nothing new to record. */
  if (!rd_intercept_apply (intercept->status, RD_INTERCEPT_EVENT_BACK_IN_WAREHOUSE,
                           intercept->condition, outcome, NULL, NULL))
    return TRUE;

  return _rd_intercepts_transition_locked (store, intercept, RD_INTERCEPT_EVENT_BACK_IN_WAREHOUSE, outcome,
                                           policy, operator, now, &result->outcome, error);
}

gboolean
rd_intercepts_record_scan (RdStore            *store,
                           const char         *tracking_no,
                           RdParcelCondition   outcome,
                           const char         *operator,
                           const RdPolicy     *policy,
                           gint64              now,
                           RdScanResult       *result,
                           GError            **error)
{
  g_autoptr(RdIntercept) intercept = NULL;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (policy != NULL && operator != NULL && result != NULL, FALSE);
  g_return_val_if_fail (outcome > RD_PARCEL_CONDITION_NONE && outcome < RD_PARCEL_CONDITION_LAST, FALSE);
  /* The scan must be on disk when this returns: never inside a caller's
   * transaction, whose commit would come later. */
  g_return_val_if_fail (sqlite3_get_autocommit (rd_store_get_db (store)), FALSE);

  memset (result, 0, sizeof *result);

  if (!rd_store_begin (store, error))
    return FALSE;
  if (!rd_operators_check (store, operator, RD_ACTION_SCAN, error))
    {
      rd_store_rollback (store);
      return FALSE;
    }

  intercept = rd_intercepts_find_by_tracking (store, tracking_no, error);
  if (intercept == NULL ||
      !record_scan_locked (store, intercept, outcome, operator, policy, now, result, error))
    goto fail;

  if (result->already)
    rd_store_rollback (store);   /* nothing was written */
  else if (!rd_store_commit (store, error))
    goto fail;

  result->intercept = rd_intercepts_get (store, intercept->id, error);
  return result->intercept != NULL;

fail:
  rd_store_rollback (store);
  memset (result, 0, sizeof *result);
  return FALSE;
}

static gboolean
insert_unmatched_locked (RdStore            *store,
                         RdIntercept        *intercept,
                         const char         *operator,
                         gint64              now,
                         GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(RdIntercept) existing = NULL;
  g_autoptr(GError) local_error = NULL;

  existing = rd_intercepts_find_by_tracking (store, intercept->tracking_no, &local_error);
  if (existing == NULL && !g_error_matches (local_error, RD_INTERCEPT_ERROR, RD_INTERCEPT_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (existing != NULL)
    {
      g_set_error (error, RD_INTERCEPT_ERROR, RD_INTERCEPT_ERROR_DUPLICATE,
                   _("The tracking number %s is already in the register."), intercept->tracking_no);
      return FALSE;
    }

  stmt = rd_store_prepare (store,
                           "INSERT INTO intercepts (courier, tracking_no, amount, status, condition,"
                           " created_at, updated_at, settled_at, operator)"
                           " VALUES (?1, ?2, 0, ?3, ?4, ?5, ?5, ?5, ?6) RETURNING id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, rd_courier_to_id (intercept->courier), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, intercept->tracking_no, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, rd_intercept_status_to_id (intercept->status), -1, SQLITE_STATIC);
  if (intercept->condition != RD_PARCEL_CONDITION_NONE)
    sqlite3_bind_text (stmt, 4, rd_parcel_condition_to_id (intercept->condition), -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 4);
  sqlite3_bind_int64 (stmt, 5, now);
  sqlite3_bind_text (stmt, 6, operator, -1, SQLITE_STATIC);
  if (!_rd_intercepts_step_row (store, stmt, error))
    return FALSE;
  intercept->id = sqlite3_column_int64 (stmt, 0);

  return _rd_intercepts_audit (store, intercept, operator, "intercept_create", "status", NULL,
                               "returned_unmatched", error);
}

gboolean
rd_intercepts_record_unmatched_scan (RdStore            *store,
                                     const char         *tracking_no,
                                     RdCourier           courier,
                                     RdParcelCondition   outcome,
                                     const char         *operator,
                                     gint64              now,
                                     RdScanResult       *result,
                                     GError            **error)
{
  g_autoptr(RdIntercept) intercept = rd_intercept_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (operator != NULL && result != NULL, FALSE);
  g_return_val_if_fail (outcome > RD_PARCEL_CONDITION_NONE && outcome < RD_PARCEL_CONDITION_LAST, FALSE);
  g_return_val_if_fail (sqlite3_get_autocommit (rd_store_get_db (store)), FALSE);

  memset (result, 0, sizeof *result);

  intercept->tracking_no = rd_tracking_number_normalize (tracking_no);
  if (intercept->tracking_no == NULL)
    {
      g_set_error_literal (error, RD_INTERCEPT_ERROR, RD_INTERCEPT_ERROR_INVALID,
                           _("Enter the tracking number (at most 64 characters)."));
      return FALSE;
    }
  intercept->courier = courier != RD_COURIER_NONE ? courier : RD_COURIER_OTHER;
  intercept->status = RD_INTERCEPT_STATUS_BACK_IN_WAREHOUSE;
  /* "Not ours" is a scan, not a condition of the goods. */
  intercept->condition = outcome != RD_PARCEL_CONDITION_NOT_OURS ? outcome : RD_PARCEL_CONDITION_NONE;

  if (!rd_store_begin (store, error))
    return FALSE;
  if (!rd_operators_check (store, operator, RD_ACTION_SCAN, error) ||
      !insert_unmatched_locked (store, intercept, operator, now, error))
    goto fail;

  stmt = rd_store_prepare (store,
                           "INSERT INTO scans (intercept_id, tracking_no, outcome, at, operator)"
                           " VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, intercept->id);
  sqlite3_bind_text (stmt, 2, intercept->tracking_no, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, rd_parcel_condition_to_id (outcome), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, now);
  sqlite3_bind_text (stmt, 5, operator, -1, SQLITE_STATIC);
  if (!_rd_intercepts_step_row (store, stmt, error))
    goto fail;
  result->scan_id = sqlite3_column_int64 (stmt, 0);
  result->at = now;
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!_rd_intercepts_audit (store, intercept, operator, "scan", "scan", NULL,
                             rd_parcel_condition_to_id (outcome), error) ||
      !rd_store_commit (store, error))
    goto fail;

  result->outcome.from = RD_INTERCEPT_STATUS_NONE;
  result->outcome.to = intercept->status;
  result->intercept = rd_intercepts_get (store, intercept->id, error);
  return result->intercept != NULL;

fail:
  rd_store_rollback (store);
  memset (result, 0, sizeof *result);
  return FALSE;
}

static gboolean
match_locked (RdStore      *store,
              gint64        id,
              const char   *case_no,
              const char   *operator,
              gint64        now,
              GError      **error)
{
  g_autoptr(RdIntercept) intercept = NULL;
  g_autoptr(RdCase) rcase = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!rd_operators_check (store, operator, RD_ACTION_INTERCEPT, error))
    return FALSE;

  intercept = rd_intercepts_get (store, id, error);
  if (intercept == NULL)
    return FALSE;
  if (!rd_intercept_is_unmatched (intercept))
    {
      if (intercept->case_no != NULL)
        g_set_error (error, RD_INTERCEPT_ERROR, RD_INTERCEPT_ERROR_NOT_NOW,
                     _("Parcel %s is matched to case %s already."), intercept->tracking_no, intercept->case_no);
      else
        g_set_error (error, RD_INTERCEPT_ERROR, RD_INTERCEPT_ERROR_NOT_NOW,
                     _("Parcel %s is not a returned parcel waiting to be matched."), intercept->tracking_no);
      return FALSE;
    }

  rcase = rd_case_store_get_by_case_no (store, case_no, &local_error);
  if (rcase == NULL)
    {
      if (g_error_matches (local_error, RD_CASE_STORE_ERROR, RD_CASE_STORE_ERROR_NOT_FOUND))
        g_set_error (error, RD_INTERCEPT_ERROR, RD_INTERCEPT_ERROR_NOT_FOUND,
                     _("There is no case %s in the ledger."), case_no);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* What the parcel is now known to be: the case's order, channel and
   * amount (approved, else paid), in the case's currency. No request and
   * no deadline: it is back already, there is nothing to count down. */
  stmt = rd_store_prepare (store,
                           "UPDATE intercepts SET case_id = ?2, order_no = ?3, channel = ?4, amount = ?5,"
                           " updated_at = ?6 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, rcase->id);
  if (rcase->order_no != NULL && *rcase->order_no != '\0')
    sqlite3_bind_text (stmt, 3, rcase->order_no, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 3);
  if (rcase->channel != NULL && *rcase->channel != '\0')
    sqlite3_bind_text (stmt, 4, rcase->channel, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 4);
  sqlite3_bind_int64 (stmt, 5, rcase->approved_amount >= 0 ? rcase->approved_amount : rcase->amount_paid);
  sqlite3_bind_int64 (stmt, 6, now);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      rd_store_set_error_from_db (store, sqlite3_errcode (rd_store_get_db (store)), error);
      return FALSE;
    }

  /* Under the case: its history shows the parcel from now on. */
  intercept->case_id = rcase->id;
  return _rd_intercepts_audit (store, intercept, operator, "intercept_match", "case", NULL,
                               rcase->case_no, error);
}

gboolean
rd_intercepts_match_to_case (RdStore      *store,
                             gint64        id,
                             const char   *case_no,
                             const char   *operator,
                             gint64        now,
                             RdIntercept **matched,
                             GError      **error)
{
  g_autofree char *number = NULL;
  gboolean owned;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (operator != NULL, FALSE);

  if (matched != NULL)
    *matched = NULL;

  /* Case numbers are written in capitals: "rf-2026-000123" is that case. */
  number = g_ascii_strup (case_no != NULL ? case_no : "", -1);
  g_strstrip (number);
  if (*number == '\0' || !g_utf8_validate (number, -1, NULL))
    {
      g_set_error_literal (error, RD_INTERCEPT_ERROR, RD_INTERCEPT_ERROR_INVALID,
                           _("Enter the number of the case this parcel belongs to."));
      return FALSE;
    }

  if (!rd_store_txn_begin (store, &owned, error))
    return FALSE;
  if (!match_locked (store, id, number, operator, now, error))
    {
      rd_store_txn_rollback (store, owned);
      return FALSE;
    }
  if (!rd_store_txn_commit (store, owned, error))
    return FALSE;

  if (matched != NULL)
    {
      *matched = rd_intercepts_get (store, id, error);
      return *matched != NULL;
    }
  return TRUE;
}

GPtrArray *
rd_intercepts_list_match_candidates (RdStore  *store,
                                     gint64    id,
                                     guint     limit,
                                     GError  **error)
{
  g_autoptr(RdIntercept) intercept = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_case_free);
  int rc;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  intercept = rd_intercepts_get (store, id, error);
  if (intercept == NULL)
    return NULL;

  /* The numbers typed into a case are compared as the register keeps its
   * own: capitals, no spaces. */
  stmt = rd_store_prepare (store,
                           "SELECT id FROM ("
                           " SELECT id, requested_at,"
                           "  (upper (replace (coalesce (return_tracking, ''), ' ', '')) = ?1"
                           "   OR upper (replace (coalesce (outbound_tracking, ''), ' ', '')) = ?1) AS same"
                           " FROM cases)"
                           " WHERE same OR id IN (SELECT id FROM cases WHERE status IN ('awaiting_return', 'intercepting'))"
                           " ORDER BY same DESC, requested_at DESC, id DESC LIMIT ?2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, intercept->tracking_no, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RdCase *rcase = rd_case_store_get (store, sqlite3_column_int64 (stmt, 0), error);

      if (rcase == NULL)
        return NULL;
      g_ptr_array_add (cases, rcase);
    }
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&cases);
}

gboolean
rd_intercepts_get_last_scan (RdStore            *store,
                             gint64              intercept_id,
                             RdParcelCondition  *outcome,
                             gint64             *at,
                             GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);

  stmt = rd_store_prepare (store,
                           "SELECT outcome, at FROM scans WHERE intercept_id = ?1 ORDER BY id DESC LIMIT 1",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, intercept_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (outcome != NULL)
        *outcome = rd_parcel_condition_from_id ((const char *) sqlite3_column_text (stmt, 0));
      if (at != NULL)
        *at = sqlite3_column_int64 (stmt, 1);
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    rd_store_set_error_from_db (store, rc, error);
  return FALSE;
}

gint64
rd_intercepts_count_scans (RdStore  *store,
                           GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (RD_IS_STORE (store), -1);

  stmt = rd_store_prepare (store, "SELECT count(*) FROM scans", error);
  if (stmt == NULL)
    return -1;
  if (!_rd_intercepts_step_row (store, stmt, error))
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

gboolean
rd_intercept_is_unmatched (const RdIntercept *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->status == RD_INTERCEPT_STATUS_BACK_IN_WAREHOUSE &&
         self->case_id == 0 && self->requested_at == 0 && self->platform_deadline == 0 &&
         (self->order_no == NULL || *self->order_no == '\0');
}

char *
rd_intercept_dup_status_label (const RdIntercept *self)
{
  const char *status;

  g_return_val_if_fail (self != NULL, NULL);

  /* TRANSLATORS: a parcel that came back to the warehouse with a tracking
   * number nobody registered, waiting to be matched to an order */
  status = rd_intercept_is_unmatched (self) ? _("Returned, not matched")
                                            : rd_intercept_status_get_name (self->status);
  if (self->status == RD_INTERCEPT_STATUS_BACK_IN_WAREHOUSE && self->condition != RD_PARCEL_CONDITION_NONE)
    return g_strdup_printf ("%s · %s", status, rd_parcel_condition_get_name (self->condition));
  return g_strdup (status);
}
