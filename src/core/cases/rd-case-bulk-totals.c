/* rd-case-bulk-totals.c
 *
 * The running totals (case_totals, schema version 13) of the cases a bulk
 * writes, added up in memory while it inserts them — per UTC month of the
 * request, status, kind, channel, reason and currency, from the values the
 * insert binds (_rd_case_store_bind_case) — and added to the table at
 * commit: a few thousand upserts instead of the trigger's one per case, or
 * a grouping of every new case in SQL.
 */
#include "config.h"

#include "rd-case-bulk-totals-private.h"
#include "rd-case-types.h"
#include "rd-money.h"

struct _RdBulkTotals
{
  RdStore      *store;
  GHashTable   *rows;         /* TotalsRow → itself */
  gint64        month_start;  /* the UTC month of the last case's request, */
  gint64        month_end;    /* [month_start, month_end) */
  sqlite3_stmt *upsert;
};

/* A row of case_totals: its key as the cases' columns hold it, and the
 * count and sums of the bulk's cases. */
typedef struct
{
  gint64      month;
  const char *status;     /* the id tables' own strings */
  const char *kind;
  char       *channel;
  char       *reason;
  char       *currency;
  gint64      n;
  gint64      paid;
  gint64      approved;
} TotalsRow;

static void
totals_row_free (TotalsRow *row)
{
  g_free (row->channel);
  g_free (row->reason);
  g_free (row->currency);
  g_free (row);
}

static guint
totals_row_hash (gconstpointer data)
{
  const TotalsRow *row = data;

  return (guint) (row->month / 86400) * 31 + g_str_hash (row->status) * 17 + g_str_hash (row->kind) * 13 +
         g_str_hash (row->channel) * 7 + g_str_hash (row->reason) * 3 + g_str_hash (row->currency);
}

static gboolean
totals_row_equal (gconstpointer a,
                  gconstpointer b)
{
  const TotalsRow *x = a;
  const TotalsRow *y = b;

  return x->month == y->month && g_str_equal (x->status, y->status) && g_str_equal (x->kind, y->kind) &&
         g_str_equal (x->channel, y->channel) && g_str_equal (x->reason, y->reason) &&
         g_str_equal (x->currency, y->currency);
}

/* Adds row's count and sums to its row of case_totals, as the trigger
 * case_totals_ai does (SQLite's addition: a sum past 64 bits becomes a
 * REAL, which the ledger's reader takes as "walk the cases"). */
static gboolean
upsert_totals_row (RdBulkTotals    *totals,
                   const TotalsRow *row,
                   GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (totals->upsert == NULL)
    {
      totals->upsert = rd_store_prepare (totals->store,
        "INSERT INTO case_totals (month, status, kind, channel, reason, currency, n, paid, approved)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
        " ON CONFLICT DO UPDATE SET n = n + excluded.n, paid = paid + excluded.paid,"
        " approved = approved + excluded.approved", error);
      if (totals->upsert == NULL)
        return FALSE;
    }
  stmt = totals->upsert;
  sqlite3_bind_int64 (stmt, 1, row->month);
  sqlite3_bind_text (stmt, 2, row->status, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, row->kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, row->channel, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, row->reason, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, row->currency, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, row->n);
  sqlite3_bind_int64 (stmt, 8, row->paid);
  sqlite3_bind_int64 (stmt, 9, row->approved);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (totals->store, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* The first second of the UTC month of t, as unixepoch (t, 'unixepoch',
 * 'start of month') gives it. */
static gint64
utc_month_of (RdBulkTotals *totals,
              gint64      t)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;

  if (t >= totals->month_start && t < totals->month_end)
    return totals->month_start;
  dt = g_date_time_new_from_unix_utc (t);
  if (dt == NULL)
    return t;   /* beyond year 9999: the case's insert fails the same way */
  start = g_date_time_new_utc (g_date_time_get_year (dt), g_date_time_get_month (dt), 1, 0, 0, 0);
  end = g_date_time_add_months (start, 1);
  totals->month_start = g_date_time_to_unix (start);
  totals->month_end = end != NULL ? g_date_time_to_unix (end) : G_MAXINT64;
  return totals->month_start;
}

/* Adds the case, as it was inserted (_rd_case_store_bind_case), to the
 * running totals of the bulk. */
gboolean
rd_bulk_totals_add (RdBulkTotals  *totals,
               const RdCase  *c,
               GError       **error)
{
  TotalsRow key = { 0 };
  TotalsRow *row;
  gint64 approved = c->approved_amount >= 0 ? c->approved_amount : 0;
  gint64 sum;

  key.month = utc_month_of (totals, c->requested_at);
  key.status = rd_case_status_to_id (c->status);
  key.kind = rd_refund_kind_to_id (c->kind);
  key.channel = c->channel;
  key.reason = c->reason;
  key.currency = c->currency != NULL ? c->currency : "CNY";
  /* NULL where the insert itself refused the case. */
  if (key.status == NULL || key.kind == NULL || key.channel == NULL || key.reason == NULL)
    return TRUE;

  row = g_hash_table_lookup (totals->rows, &key);
  if (row == NULL)
    {
      row = g_new0 (TotalsRow, 1);
      row->month = key.month;
      row->status = key.status;
      row->kind = key.kind;
      row->channel = g_strdup (key.channel);
      row->reason = g_strdup (key.reason);
      row->currency = g_strdup (key.currency);
      g_hash_table_add (totals->rows, row);
    }
  else if (!rd_money_add (row->paid, c->amount_paid, &sum, NULL) ||
           !rd_money_add (row->approved, approved, &sum, NULL))
    {
      /* Past 64 bits: what is added up so far goes to the table now. */
      if (!upsert_totals_row (totals, row, error))
        return FALSE;
      row->n = row->paid = row->approved = 0;
    }
  row->n++;
  row->paid += c->amount_paid;
  row->approved += approved;
  return TRUE;
}

gboolean
rd_bulk_totals_write (RdBulkTotals *totals,
              GError     **error)
{
  GHashTableIter iter;
  gpointer row;

  g_hash_table_iter_init (&iter, totals->rows);
  while (g_hash_table_iter_next (&iter, &row, NULL))
    if (!upsert_totals_row (totals, row, error))
      return FALSE;
  return TRUE;
}

RdBulkTotals *
rd_bulk_totals_new (RdStore *store)
{
  RdBulkTotals *totals = g_new0 (RdBulkTotals, 1);

  totals->store = g_object_ref (store);
  totals->rows = g_hash_table_new_full (totals_row_hash, totals_row_equal, (GDestroyNotify) totals_row_free, NULL);
  return totals;
}

void
rd_bulk_totals_free (RdBulkTotals *totals)
{
  if (totals == NULL)
    return;
  g_clear_pointer (&totals->upsert, sqlite3_finalize);
  g_hash_table_unref (totals->rows);
  g_object_unref (totals->store);
  g_free (totals);
}
