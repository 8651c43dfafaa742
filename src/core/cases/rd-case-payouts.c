/* rd-case-payouts.c
 *
 * Table payouts (case_id, seq, amount, route, paid_on, operator, recorded_at).
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rd-audit.h"
#include "rd-money.h"
#include "rd-case-payouts.h"
#include "rd-store-txn.h"

G_DEFINE_QUARK (rd-payouts-error-quark, rd_payouts_error)

void
rd_payout_free (RdPayout *payout)
{
  if (payout == NULL)
    return;

  g_free (payout->route);
  g_free (payout->paid_on);
  g_free (payout->operator);
  g_free (payout);
}

static gboolean
valid_date (const char *text)
{
  g_autoptr(GDateTime) parsed = NULL;
  g_autofree char *iso = NULL;

  if (text == NULL || strlen (text) != 10)
    return FALSE;

  iso = g_strconcat (text, "T00:00:00Z", NULL);
  parsed = g_date_time_new_from_iso8601 (iso, NULL);
  return parsed != NULL;
}

/* The case's approved amount and currency; FALSE with an error when the case
 * does not exist. */
static gboolean
get_case_amount (RdStore     *store,
                 gint64       case_id,
                 gint64      *approved,
                 char       **currency,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = rd_store_prepare (store, "SELECT approved_amount, currency FROM cases WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, RD_PAYOUTS_ERROR, RD_PAYOUTS_ERROR_NO_CASE,
                           _("This refund case no longer exists."));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      rd_store_set_error_from_db (store, rc, error);
      return FALSE;
    }

  *approved = sqlite3_column_type (stmt, 0) == SQLITE_NULL ? 0 : sqlite3_column_int64 (stmt, 0);
  *currency = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  return TRUE;
}

static gboolean
sum_and_last_seq (RdStore  *store,
                  gint64    case_id,
                  gint64   *sum,
                  gint     *last_seq,
                  GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = rd_store_prepare (store,
                           "SELECT COALESCE (SUM (amount), 0), COALESCE (MAX (seq), 0)"
                           " FROM payouts WHERE case_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      rd_store_set_error_from_db (store, rc, error);
      return FALSE;
    }

  *sum = sqlite3_column_int64 (stmt, 0);
  if (last_seq != NULL)
    *last_seq = sqlite3_column_int (stmt, 1);
  return TRUE;
}

static gboolean
insert_payout (RdStore     *store,
               gint64       case_id,
               gint64       amount,
               const char  *route,
               const char  *paid_on,
               const char  *operator,
               gint        *out_seq,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *currency_code = NULL;
  g_autofree char *amount_text = NULL;
  g_autofree char *seq_text = NULL;
  g_autofree char *entry = NULL;
  const RdCurrency *currency;
  gint64 approved;
  gint64 sum;
  gint64 new_sum;
  gint last_seq;
  int rc;

  if (!get_case_amount (store, case_id, &approved, &currency_code, error))
    return FALSE;
  currency = currency_code != NULL ? rd_currency_lookup (currency_code) : NULL;
  if (currency == NULL)
    currency = rd_currency_default ();

  if (approved <= 0)
    {
      g_set_error_literal (error, RD_PAYOUTS_ERROR, RD_PAYOUTS_ERROR_NOT_APPROVED,
                           _("This case has no approved amount yet: approve it before paying out."));
      return FALSE;
    }

  if (!sum_and_last_seq (store, case_id, &sum, &last_seq, error))
    return FALSE;

  if (!rd_money_add (sum, amount, &new_sum, NULL) || new_sum > approved)
    {
      g_autofree char *paid_text = rd_money_format (sum, currency);
      g_autofree char *this_text = rd_money_format (amount, currency);
      g_autofree char *approved_text = rd_money_format (approved, currency);
      g_autofree char *left_text = rd_money_format (approved - sum, currency);

      g_set_error (error, RD_PAYOUTS_ERROR, RD_PAYOUTS_ERROR_TOO_MUCH,
                   _("Paying %s would pass the approved %s: %s is paid already, %s is left."),
                   this_text, approved_text, paid_text, left_text);
      return FALSE;
    }

  stmt = rd_store_prepare (store,
                           "INSERT INTO payouts (case_id, seq, amount, route, paid_on, operator, recorded_at)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_int (stmt, 2, last_seq + 1);
  sqlite3_bind_int64 (stmt, 3, amount);
  sqlite3_bind_text (stmt, 4, route, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, paid_on, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, operator != NULL ? operator : "", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, g_get_real_time () / G_USEC_PER_SEC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (store, rc, error);
      return FALSE;
    }

  amount_text = rd_money_format_plain (amount, currency);
  seq_text = g_strdup_printf ("%d", last_seq + 1);
  entry = g_strdup_printf ("%s %s %s", amount_text, route, paid_on);
  if (!rd_audit_record (store, case_id, operator, "payout", seq_text, NULL, entry, error))
    return FALSE;

  if (out_seq != NULL)
    *out_seq = last_seq + 1;
  return TRUE;
}

gboolean
rd_payouts_add (RdStore     *store,
                gint64       case_id,
                gint64       amount,
                const char  *route,
                const char  *paid_on,
                const char  *operator,
                gint        *out_seq,
                GError     **error)
{
  gboolean owned;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (amount <= 0)
    {
      g_set_error_literal (error, RD_PAYOUTS_ERROR, RD_PAYOUTS_ERROR_NOT_POSITIVE,
                           _("A payout must be more than zero."));
      return FALSE;
    }
  if (route == NULL || *route == '\0')
    {
      g_set_error_literal (error, RD_PAYOUTS_ERROR, RD_PAYOUTS_ERROR_INVALID,
                           _("Choose how the money was paid back."));
      return FALSE;
    }
  if (!valid_date (paid_on))
    {
      g_set_error_literal (error, RD_PAYOUTS_ERROR, RD_PAYOUTS_ERROR_INVALID,
                           _("The payout date is not a date: write it as 2026-03-01."));
      return FALSE;
    }

  if (!rd_store_txn_begin (store, &owned, error))
    return FALSE;
  if (!insert_payout (store, case_id, amount, route, paid_on, operator, out_seq, error))
    {
      rd_store_txn_rollback (store, owned);
      return FALSE;
    }
  return rd_store_txn_commit (store, owned, error);
}

GPtrArray *
rd_payouts_list (RdStore  *store,
                 gint64    case_id,
                 GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) payouts = NULL;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  stmt = rd_store_prepare (store,
                           "SELECT case_id, seq, amount, route, paid_on, operator, recorded_at"
                           " FROM payouts WHERE case_id = ?1 ORDER BY seq", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, case_id);

  payouts = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_payout_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RdPayout *payout = g_new0 (RdPayout, 1);

      payout->case_id = sqlite3_column_int64 (stmt, 0);
      payout->seq = sqlite3_column_int (stmt, 1);
      payout->amount = sqlite3_column_int64 (stmt, 2);
      payout->route = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      payout->paid_on = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      payout->operator = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      payout->recorded_at = sqlite3_column_int64 (stmt, 6);
      g_ptr_array_add (payouts, payout);
    }

  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (store, rc, error);
      return NULL;
    }

  return g_steal_pointer (&payouts);
}

gboolean
rd_payouts_sum (RdStore  *store,
                gint64    case_id,
                gint64   *sum,
                GError  **error)
{
  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (sum != NULL, FALSE);

  return sum_and_last_seq (store, case_id, sum, NULL, error);
}

gboolean
rd_payouts_is_paid (RdStore   *store,
                    gint64     case_id,
                    gboolean  *paid,
                    GError   **error)
{
  g_autofree char *currency = NULL;
  gint64 approved;
  gint64 sum;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (paid != NULL, FALSE);

  if (!get_case_amount (store, case_id, &approved, &currency, error) ||
      !sum_and_last_seq (store, case_id, &sum, NULL, error))
    return FALSE;

  *paid = approved > 0 && sum == approved;
  return TRUE;
}
