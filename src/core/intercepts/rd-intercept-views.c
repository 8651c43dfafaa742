/* rd-intercept-views.c
 *
 * The register's views (due, stalled, losses), their counts, and the claims
 * against couriers: file (with the remedy for the linked case), list,
 * settle, totals.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-audit.h"
#include "rd-case.h"
#include "rd-case-store.h"
#include "rd-intercepts.h"
#include "rd-operators.h"
#include "rd-intercepts-private.h"
#include "rd-store-txn.h"

G_DEFINE_BOXED_TYPE (RdClaim, rd_claim, rd_claim_copy, rd_claim_free)

#define CLAIM_SELECT \
  "SELECT k.id, k.intercept_id, i.tracking_no, i.courier, coalesce (i.case_id, 0), c.case_no," \
  " k.amount_claimed, k.filed_at, k.status, k.amount_recovered, coalesce (k.settled_at, 0)," \
  " k.operator, c.currency" \
  " FROM claims k JOIN intercepts i ON i.id = k.intercept_id LEFT JOIN cases c ON c.id = i.case_id "

/* helpers */

static gpointer
claim_from_row (sqlite3_stmt *stmt)
{
  RdClaim *claim = g_new0 (RdClaim, 1);

  claim->id = sqlite3_column_int64 (stmt, 0);
  claim->intercept_id = sqlite3_column_int64 (stmt, 1);
  claim->tracking_no = _rd_intercepts_dup_column (stmt, 2);
  claim->courier = rd_courier_from_id ((const char *) sqlite3_column_text (stmt, 3));
  claim->case_id = sqlite3_column_int64 (stmt, 4);
  claim->case_no = _rd_intercepts_dup_column (stmt, 5);
  claim->amount_claimed = sqlite3_column_int64 (stmt, 6);
  claim->filed_at = sqlite3_column_int64 (stmt, 7);
  claim->status = rd_claim_status_from_id ((const char *) sqlite3_column_text (stmt, 8));
  claim->amount_recovered = sqlite3_column_int64 (stmt, 9);
  claim->settled_at = sqlite3_column_int64 (stmt, 10);
  claim->operator = _rd_intercepts_dup_column (stmt, 11);
  claim->currency = rd_currency_normalize ((const char *) sqlite3_column_text (stmt, 12));
  return claim;
}

static GPtrArray *
collect_claims (RdStore       *store,
                sqlite3_stmt  *stmt,
                GError       **error)
{
  return _rd_intercepts_collect_rows (store, stmt, claim_from_row,
                                      (GDestroyNotify) rd_claim_free, error);
}

typedef GPtrArray *(*CollectFunc) (RdStore       *store,
                                   sqlite3_stmt  *stmt,
                                   GError       **error);

/* The rows of sql, binding ?1 = from and ?2 = to, read by collect. */
static GPtrArray *
list_between (RdStore       *store,
              const char    *sql,
              gint64         from,
              gint64         to,
              CollectFunc    collect,
              GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = rd_store_prepare (store, sql, error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  return collect (store, stmt, error);
}

static GPtrArray *
select_intercepts (RdStore     *store,
                   const char  *where_order,
                   GError     **error)
{
  g_autofree char *sql = g_strconcat (RD_INTERCEPT_SELECT, where_order, NULL);
  g_autoptr(sqlite3_stmt) stmt = rd_store_prepare (store, sql, error);

  if (stmt == NULL)
    return NULL;
  return _rd_intercepts_collect (store, stmt, error);
}

static gint
compare_quiet_since (gconstpointer a,
                     gconstpointer b)
{
  const RdIntercept *x = *(RdIntercept **) a;
  const RdIntercept *y = *(RdIntercept **) b;
  gint64 qx = rd_intercept_get_quiet_since (x);
  gint64 qy = rd_intercept_get_quiet_since (y);

  if (qx != qy)
    return qx < qy ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

static GPtrArray *
list_stalled (RdStore         *store,
              const RdPolicy  *policy,
              gint64           now,
              GError         **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) stalled = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_intercept_free);

  rows = select_intercepts (store,
                            "WHERE i.status IN ('requested', 'intercepted', 'failed', 'refused_by_buyer')",
                            error);
  if (rows == NULL)
    return NULL;

  for (guint i = 0; i < rows->len; i++)
    {
      RdIntercept *intercept = rows->pdata[i];

      if (rd_intercept_classify_stall (policy, intercept->province,
                                       rd_intercept_get_quiet_since (intercept), now) != RD_INTERCEPT_STALL_NONE)
        g_ptr_array_add (stalled, rd_intercept_copy (intercept));
    }
  g_ptr_array_sort (stalled, compare_quiet_since);
  return g_steal_pointer (&stalled);
}

static GPtrArray *
list_losses (RdStore  *store,
             GError  **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) losses = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_intercept_free);

  rows = select_intercepts (store,
                            "WHERE i.status IN ('delivered', 'claim') AND i.case_id IS NOT NULL"
                            " ORDER BY coalesce (i.settled_at, i.updated_at) DESC, i.id DESC",
                            error);
  if (rows == NULL)
    return NULL;

  for (guint i = 0; i < rows->len; i++)
    if (rd_intercept_get_loss (rows->pdata[i]) > 0)
      g_ptr_array_add (losses, rd_intercept_copy (rows->pdata[i]));
  return g_steal_pointer (&losses);
}

/* public */

RdClaim *
rd_claim_copy (const RdClaim *self)
{
  RdClaim *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->tracking_no = g_strdup (self->tracking_no);
  copy->case_no = g_strdup (self->case_no);
  copy->operator = g_strdup (self->operator);
  return copy;
}

void
rd_claim_free (RdClaim *self)
{
  if (self == NULL)
    return;

  g_free (self->tracking_no);
  g_free (self->case_no);
  g_free (self->operator);
  g_free (self);
}

GPtrArray *
rd_intercepts_list (RdStore          *store,
                    RdInterceptView   view,
                    const RdPolicy   *policy,
                    gint64            now,
                    GError          **error)
{
  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (policy != NULL, NULL);

  switch (view)
    {
    case RD_INTERCEPT_VIEW_ALL:
      return select_intercepts (store, "ORDER BY i.created_at DESC, i.id DESC", error);

    case RD_INTERCEPT_VIEW_DUE:
      return select_intercepts (store,
                                "WHERE i.status IN ('pending', 'requested', 'failed')"
                                " AND i.platform_deadline > 0"
                                " ORDER BY i.platform_deadline, i.id",
                                error);

    case RD_INTERCEPT_VIEW_STALLED:
      return list_stalled (store, policy, now, error);

    case RD_INTERCEPT_VIEW_LOSSES:
      return list_losses (store, error);

    case RD_INTERCEPT_VIEW_UNMATCHED:
      return select_intercepts (store, "WHERE" RD_INTERCEPT_UNMATCHED_WHERE
                                "ORDER BY i.created_at DESC, i.id DESC", error);

    default:
      g_return_val_if_reached (NULL);
    }
}

GPtrArray *
rd_intercepts_list_for_case (RdStore  *store,
                             gint64    case_id,
                             GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  stmt = rd_store_prepare (store, RD_INTERCEPT_SELECT "WHERE i.case_id = ?1 ORDER BY i.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, case_id);
  return _rd_intercepts_collect (store, stmt, error);
}

GPtrArray *
rd_intercepts_list_created_between (RdStore  *store,
                                    gint64    from,
                                    gint64    to,
                                    GError  **error)
{
  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  return list_between (store,
                       RD_INTERCEPT_SELECT "WHERE i.created_at >= ?1 AND i.created_at < ?2"
                       " ORDER BY i.created_at, i.id",
                       from, to, _rd_intercepts_collect, error);
}

gboolean
rd_intercepts_count (RdStore            *store,
                     const RdPolicy     *policy,
                     gint64              now,
                     RdInterceptCounts  *counts,
                     GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GPtrArray) stalled = NULL;
  g_autoptr(GPtrArray) losses = NULL;
  g_autoptr(GArray) sums = NULL;
  RdInterceptCounts result = { 0 };

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (policy != NULL && counts != NULL, FALSE);

  stmt = rd_store_prepare (store,
                           "SELECT (SELECT count(*) FROM intercepts),"
                           " (SELECT count(*) FROM claims WHERE status = 'filed'),"
                           " (SELECT count(*) FROM intercepts i WHERE" RD_INTERCEPT_UNMATCHED_WHERE ")",
                           error);
  if (stmt == NULL)
    return FALSE;
  if (!_rd_intercepts_step_row (store, stmt, error))
    return FALSE;
  result.n_all = sqlite3_column_int64 (stmt, 0);
  result.n_claims_open = sqlite3_column_int64 (stmt, 1);
  result.n_unmatched = sqlite3_column_int64 (stmt, 2);

  due = rd_intercepts_list (store, RD_INTERCEPT_VIEW_DUE, policy, now, error);
  if (due == NULL)
    return FALSE;
  result.n_due = due->len;
  for (guint i = 0; i < due->len; i++)
    if (rd_intercept_is_urgent (((RdIntercept *) due->pdata[i])->platform_deadline, now))
      result.n_urgent++;

  stalled = rd_intercepts_list (store, RD_INTERCEPT_VIEW_STALLED, policy, now, error);
  if (stalled == NULL)
    return FALSE;
  result.n_stalled = stalled->len;
  for (guint i = 0; i < stalled->len; i++)
    {
      RdIntercept *intercept = stalled->pdata[i];

      if (rd_intercept_classify_stall (policy, intercept->province,
                                       rd_intercept_get_quiet_since (intercept), now) == RD_INTERCEPT_STALL_LOST)
        result.n_lost++;
    }

  losses = rd_intercepts_list (store, RD_INTERCEPT_VIEW_LOSSES, policy, now, error);
  if (losses == NULL)
    return FALSE;
  result.n_losses = losses->len;
  sums = rd_intercepts_sum_losses (losses, error);
  if (sums == NULL)
    return FALSE;
  result.losses = g_steal_pointer (&sums);

  *counts = result;
  return TRUE;
}

GPtrArray *
rd_claims_list (RdStore   *store,
                gboolean   open_only,
                GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  stmt = rd_store_prepare (store,
                           open_only ? CLAIM_SELECT "WHERE k.status = 'filed' ORDER BY k.filed_at DESC, k.id DESC"
                                     : CLAIM_SELECT "ORDER BY k.filed_at DESC, k.id DESC",
                           error);
  if (stmt == NULL)
    return NULL;
  return collect_claims (store, stmt, error);
}

GPtrArray *
rd_claims_list_filed_between (RdStore  *store,
                              gint64    from,
                              gint64    to,
                              GError  **error)
{
  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  return list_between (store,
                       CLAIM_SELECT "WHERE k.filed_at >= ?1 AND k.filed_at < ?2 ORDER BY k.filed_at, k.id",
                       from, to, collect_claims, error);
}

static gboolean
file_claim_locked (RdStore             *store,
                   gint64               id,
                   gint64               amount_claimed,
                   RdLostRemedy         remedy,
                   const RdPolicy      *policy,
                   const char          *operator,
                   gint64               now,
                   gint64              *claim_id,
                   RdInterceptOutcome  *outcome,
                   GError             **error)
{
  g_autoptr(RdIntercept) intercept = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(RdCase) rcase = NULL;
  g_autofree char *amount_text = NULL;

  intercept = rd_intercepts_get (store, id, error);
  if (intercept == NULL)
    return FALSE;
  if (!_rd_intercepts_transition_locked (store, intercept, RD_INTERCEPT_EVENT_FILE_CLAIM, RD_PARCEL_CONDITION_NONE,
                                         policy, operator, now, outcome, error))
    return FALSE;

  stmt = rd_store_prepare (store,
                           "INSERT INTO claims (intercept_id, amount_claimed, filed_at, status, operator)"
                           " VALUES (?1, ?2, ?3, 'filed', ?4) RETURNING id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, amount_claimed);
  sqlite3_bind_int64 (stmt, 3, now);
  sqlite3_bind_text (stmt, 4, operator, -1, SQLITE_STATIC);
  if (!_rd_intercepts_step_row (store, stmt, error))
    return FALSE;
  if (claim_id != NULL)
    *claim_id = sqlite3_column_int64 (stmt, 0);

  amount_text = g_strdup_printf ("%" G_GINT64_FORMAT, amount_claimed);
  if (!_rd_intercepts_audit (store, intercept, operator, "claim_file", "claim", NULL, amount_text, error))
    return FALSE;

  if (remedy == RD_LOST_REMEDY_REFUND)
    return _rd_intercepts_apply_case_step (store, intercept, RD_INTERCEPT_STATUS_CLAIM, policy, operator, outcome, error);

  if (intercept->case_id == 0)
    return TRUE;
  rcase = rd_case_store_get (store, intercept->case_id, error);
  if (rcase == NULL)
    return FALSE;
  outcome->case_from = outcome->case_to = rcase->status;
  if (!rd_case_status_is_open (rcase->status))
    return TRUE;
  rcase->resolution = RD_RESOLUTION_RESEND;
  return rd_case_store_write_locked (store, rcase, operator, "resend", error);
}

gboolean
rd_intercepts_file_claim (RdStore             *store,
                          gint64               id,
                          gint64               amount_claimed,
                          RdLostRemedy         remedy,
                          const RdPolicy      *policy,
                          const char          *operator,
                          gint64               now,
                          gint64              *claim_id,
                          RdInterceptOutcome  *outcome,
                          GError             **error)
{
  RdInterceptOutcome local_outcome = { 0 };
  gboolean owned;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (policy != NULL && operator != NULL, FALSE);

  if (amount_claimed <= 0 || amount_claimed >= RD_CASE_AMOUNT_LIMIT)
    {
      g_set_error_literal (error, RD_INTERCEPT_ERROR, RD_INTERCEPT_ERROR_INVALID,
                           _("Enter the amount to claim from the courier."));
      return FALSE;
    }

  if (!rd_store_txn_begin (store, &owned, error))
    return FALSE;
  if (!rd_operators_check (store, operator, RD_ACTION_INTERCEPT, error))
    {
      rd_store_txn_rollback (store, owned);
      return FALSE;
    }
  if (!file_claim_locked (store, id, amount_claimed, remedy, policy, operator, now, claim_id,
                          &local_outcome, error))
    {
      rd_store_txn_rollback (store, owned);
      return FALSE;
    }
  if (!rd_store_txn_commit (store, owned, error))
    return FALSE;

  if (outcome != NULL)
    *outcome = local_outcome;
  return TRUE;
}

static gboolean
settle_locked (RdStore        *store,
               gint64          claim_id,
               RdClaimStatus   status,
               gint64          recovered,
               const char     *operator,
               gint64          now,
               GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *field = NULL;
  g_autofree char *new_value = NULL;
  RdClaim *claim;
  int rc;

  stmt = rd_store_prepare (store, CLAIM_SELECT "WHERE k.id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, claim_id);
  rows = collect_claims (store, stmt, error);
  if (rows == NULL)
    return FALSE;
  if (rows->len == 0)
    {
      g_set_error_literal (error, RD_INTERCEPT_ERROR, RD_INTERCEPT_ERROR_NOT_FOUND,
                           _("This claim is no longer in the register."));
      return FALSE;
    }
  claim = rows->pdata[0];

  if (claim->status != RD_CLAIM_STATUS_FILED)
    {
      g_set_error (error, RD_INTERCEPT_ERROR, RD_INTERCEPT_ERROR_NOT_NOW,
                   _("This claim is “%s” already."), rd_claim_status_get_name (claim->status));
      return FALSE;
    }
  if (status == RD_CLAIM_STATUS_PAID && (recovered <= 0 || recovered > claim->amount_claimed))
    {
      g_set_error_literal (error, RD_INTERCEPT_ERROR, RD_INTERCEPT_ERROR_INVALID,
                           _("Enter the amount the courier paid: more than zero and at most the amount claimed."));
      return FALSE;
    }

  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = rd_store_prepare (store,
                           "UPDATE claims SET status = ?2, amount_recovered = ?3, settled_at = ?4 WHERE id = ?1",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, claim_id);
  sqlite3_bind_text (stmt, 2, rd_claim_status_to_id (status), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, status == RD_CLAIM_STATUS_PAID ? recovered : 0);
  sqlite3_bind_int64 (stmt, 4, now);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (store, rc, error);
      return FALSE;
    }

  field = g_strdup_printf ("intercept %s claim", claim->tracking_no);
  new_value = g_strdup_printf ("%s %" G_GINT64_FORMAT, rd_claim_status_to_id (status),
                               status == RD_CLAIM_STATUS_PAID ? recovered : 0);
  return rd_audit_record (store, claim->case_id, operator, "claim_settle", field,
                          "filed", new_value, error);
}

gboolean
rd_claims_settle (RdStore        *store,
                  gint64          claim_id,
                  RdClaimStatus   status,
                  gint64          recovered,
                  const char     *operator,
                  gint64          now,
                  GError        **error)
{
  gboolean owned;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (operator != NULL, FALSE);
  g_return_val_if_fail (status == RD_CLAIM_STATUS_PAID || status == RD_CLAIM_STATUS_REFUSED, FALSE);

  if (!rd_store_txn_begin (store, &owned, error))
    return FALSE;
  if (!rd_operators_check (store, operator, RD_ACTION_INTERCEPT, error))
    {
      rd_store_txn_rollback (store, owned);
      return FALSE;
    }
  if (!settle_locked (store, claim_id, status, recovered, operator, now, error))
    {
      rd_store_txn_rollback (store, owned);
      return FALSE;
    }
  return rd_store_txn_commit (store, owned, error);
}

gboolean
rd_claims_totals (RdStore        *store,
                  RdClaimTotals  *totals,
                  GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_auto(RdClaimTotals) result = { 0 };
  int rc;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (totals != NULL, FALSE);

  /* One row a claim, each amount added to the total of its own currency
   * (the parcel's case's), so that each total counts claims. */
  stmt = rd_store_prepare (store,
                           "SELECT k.status, c.currency, k.amount_claimed, k.amount_recovered"
                           " FROM claims k JOIN intercepts i ON i.id = k.intercept_id"
                           " LEFT JOIN cases c ON c.id = i.case_id", error);
  if (stmt == NULL)
    return FALSE;

  result.claimed = rd_money_totals_new ();
  result.open_claimed = rd_money_totals_new ();
  result.recovered = rd_money_totals_new ();
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RdClaimStatus status = rd_claim_status_from_id ((const char *) sqlite3_column_text (stmt, 0));
      const char *currency = (const char *) sqlite3_column_text (stmt, 1);
      gint64 claimed = sqlite3_column_int64 (stmt, 2);
      gint64 recovered = sqlite3_column_int64 (stmt, 3);

      result.n_claims++;
      if (status == RD_CLAIM_STATUS_FILED)
        result.n_open++;
      else if (status == RD_CLAIM_STATUS_PAID)
        result.n_paid++;
      else if (status == RD_CLAIM_STATUS_REFUSED)
        result.n_refused++;

      if (!rd_money_totals_add (result.claimed, currency, claimed, error) ||
          (status == RD_CLAIM_STATUS_FILED &&
           !rd_money_totals_add (result.open_claimed, currency, claimed, error)) ||
          (recovered != 0 && !rd_money_totals_add (result.recovered, currency, recovered, error)))
        return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (store, rc, error);
      return FALSE;
    }

  *totals = result;
  memset (&result, 0, sizeof result);
  return TRUE;
}

void
rd_claim_totals_clear (RdClaimTotals *totals)
{
  g_clear_pointer (&totals->claimed, g_array_unref);
  g_clear_pointer (&totals->open_claimed, g_array_unref);
  g_clear_pointer (&totals->recovered, g_array_unref);
  memset (totals, 0, sizeof *totals);
}

void
rd_intercept_counts_clear (RdInterceptCounts *counts)
{
  g_clear_pointer (&counts->losses, g_array_unref);
  memset (counts, 0, sizeof *counts);
}

GArray *
rd_intercepts_sum_losses (GPtrArray  *intercepts,
                          GError    **error)
{
  g_autoptr(GArray) sums = rd_money_totals_new ();

  g_return_val_if_fail (intercepts != NULL, NULL);

  for (guint i = 0; i < intercepts->len; i++)
    {
      const RdIntercept *intercept = intercepts->pdata[i];
      gint64 loss = rd_intercept_get_loss (intercept);

      if (loss > 0 && !rd_money_totals_add (sums, intercept->currency, loss, error))
        return NULL;
    }
  return g_steal_pointer (&sums);
}
