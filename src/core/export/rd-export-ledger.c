/* rd-export-ledger.c
 *
 * The ledger sheets: one row a case of the period, streamed from the read
 * transaction straight into constant_memory rows. Past Excel's last row the
 * cases continue on "Ledger (2)", "Ledger (3)", … with the same header.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-case-types.h"
#include "rd-channels.h"
#include "rd-export-private.h"
#include "rd-money.h"
#include "rd-store.h"

/* Progress and the cancellable are looked at every this many rows. */
#define PROGRESS_EVERY 512

enum
{
  COL_CASE_NO,
  COL_ORDER_NO,
  COL_AFTER_SALES_NO,
  COL_CHANNEL,
  COL_KIND,
  COL_REASON,
  COL_PAYMENT_METHOD,
  COL_REQUESTED_AT,
  COL_PAID_AT,
  COL_CURRENCY,
  COL_AMOUNT_PAID,
  COL_REFUND_AMOUNT,
  COL_STATUS,
  COL_HANDLER,
  COL_BUYER,
  COL_RETURN_TRACKING,
  N_COLUMNS
};

#define SELECT_COLUMNS \
  "SELECT case_no, order_no, after_sales_no, channel, kind, reason, payment_method, " \
  "requested_at, paid_at, currency, amount_paid, approved_amount, status, handler, " \
  "buyer_name, return_tracking FROM cases"

/* The translated names of the stored ids of a column, each looked up once
 * per export (a month has a handful of ids and many rows). */
typedef enum
{
  NAME_CHANNEL,
  NAME_KIND,
  NAME_REASON,
  NAME_PAYMENT_METHOD,
  NAME_STATUS,
  N_NAMES
} NameColumn;

typedef struct
{
  GHashTable *names[N_NAMES];   /* id → name */
} NameCache;

static char *
look_up_name (NameColumn  column,
              const char *id)
{
  switch (column)
    {
    case NAME_CHANNEL:
      return rd_channel_display_name (id, NULL);
    case NAME_KIND:
      return g_strdup (_rd_export_name_or_id (rd_refund_kind_get_name (rd_refund_kind_from_id (id)), id));
    case NAME_REASON:
      return g_strdup (rd_refund_reason_get_name (id));
    case NAME_PAYMENT_METHOD:
      return g_strdup (_rd_export_name_or_id (rd_payment_method_get_name (rd_payment_method_from_id (id)), id));
    case NAME_STATUS:
      return g_strdup (_rd_export_name_or_id (rd_case_status_get_name (rd_case_status_from_id (id)), id));
    case N_NAMES:
    default:
      g_assert_not_reached ();
    }
}

static const char *
cached_name (NameCache  *cache,
             NameColumn  column,
             const char *id)
{
  char *name;

  if (id == NULL)
    return NULL;
  name = g_hash_table_lookup (cache->names[column], id);
  if (name == NULL)
    {
      name = look_up_name (column, id);
      g_hash_table_insert (cache->names[column], g_strdup (id), name);
    }
  return name;
}

static gboolean
add_ledger_sheet (RdExportContext  *ctx,
                  RdExportSheet    *sheet,
                  guint             number,
                  GError          **error)
{
  const char *headers[N_COLUMNS] = {
    [COL_CASE_NO] = _("Case no."),
    [COL_ORDER_NO] = _("Order no."),
    [COL_AFTER_SALES_NO] = _("After-sales no."),
    [COL_CHANNEL] = _("Channel"),
    [COL_KIND] = _("Kind"),
    [COL_REASON] = _("Reason"),
    [COL_PAYMENT_METHOD] = _("Payment method"),
    [COL_REQUESTED_AT] = _("Requested at"),
    [COL_PAID_AT] = _("Paid at"),
    [COL_CURRENCY] = _("Currency"),
    [COL_AMOUNT_PAID] = _("Amount paid"),
    [COL_REFUND_AMOUNT] = _("Refund amount"),
    [COL_STATUS] = _("Status"),
    [COL_HANDLER] = _("Handler"),
    [COL_BUYER] = _("Buyer"),
    [COL_RETURN_TRACKING] = _("Return tracking no."),
  };

  if (!_rd_export_add_numbered_sheet (ctx, sheet, C_("sheet", "Ledger"), number, error))
    return FALSE;
  _rd_export_sheet_write_header (ctx, sheet, headers, N_COLUMNS);
  return TRUE;
}

/* The ledger's reads: the period's cases by their basis column, as a range
 * on the bare column (?1 <= t < ?2), or for the whole ledger every case that
 * has one; in the order of that column and the id, which its index gives
 * (cases_paid_at of schema version 12, cases_ledger; test-export-plans holds
 * the plans). */
char *
_rd_export_ledger_sql (RdExportBasis basis,
                       gboolean      whole_ledger,
                       gboolean      count)
{
  const char *column = basis == RD_EXPORT_BASIS_PAID ? "paid_at" : "requested_at";
  g_autofree char *where = whole_ledger ? g_strdup_printf ("%s IS NOT NULL", column)
                                        : g_strdup_printf ("%s >= ?1 AND %s < ?2", column, column);

  if (count)
    return g_strdup_printf ("SELECT count(*) FROM cases WHERE %s", where);
  return g_strdup_printf ("%s WHERE %s ORDER BY %s, id", SELECT_COLUMNS, where, column);
}

static sqlite3_stmt *
prepare (RdExportContext  *ctx,
         gboolean          count,
         GError          **error)
{
  gboolean all = ctx->opts->year == 0;
  g_autofree char *sql = _rd_export_ledger_sql (ctx->opts->basis, all, count);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (ctx->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      _rd_export_set_read_error (ctx, error);
      sqlite3_finalize (stmt);
      return NULL;
    }
  if (!all)
    {
      sqlite3_bind_int64 (stmt, 1, ctx->period_start);
      sqlite3_bind_int64 (stmt, 2, ctx->period_end);
    }
  return stmt;
}

static gboolean
count_rows (RdExportContext  *ctx,
            gint64           *out_count,
            GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (ctx, TRUE, error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return _rd_export_set_read_error (ctx, error);
  *out_count = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static void
write_row (RdExportContext *ctx,
           RdExportSheet   *sheet,
           NameCache       *names,
           sqlite3_stmt    *stmt,
           guint            row,
           gint64           amount_paid,
           gint64           refund_amount)
{
  const RdExportMoneyFormat *money = _rd_export_money_format (ctx, _rd_export_column_text (stmt, 9));

  _rd_export_write_text (sheet, row, COL_CASE_NO, _rd_export_column_text (stmt, 0), NULL);
  _rd_export_write_text (sheet, row, COL_ORDER_NO, _rd_export_column_text (stmt, 1), NULL);
  _rd_export_write_text (sheet, row, COL_AFTER_SALES_NO, _rd_export_column_text (stmt, 2), NULL);
  _rd_export_write_text (sheet, row, COL_CHANNEL, cached_name (names, NAME_CHANNEL, _rd_export_column_text (stmt, 3)), NULL);
  _rd_export_write_text (sheet, row, COL_KIND, cached_name (names, NAME_KIND, _rd_export_column_text (stmt, 4)), NULL);
  _rd_export_write_text (sheet, row, COL_REASON, cached_name (names, NAME_REASON, _rd_export_column_text (stmt, 5)), NULL);
  _rd_export_write_text (sheet, row, COL_PAYMENT_METHOD,
                         cached_name (names, NAME_PAYMENT_METHOD, _rd_export_column_text (stmt, 6)), NULL);
  _rd_export_write_time (ctx, sheet, row, COL_REQUESTED_AT, sqlite3_column_int64 (stmt, 7));
  _rd_export_write_time (ctx, sheet, row, COL_PAID_AT, sqlite3_column_int64 (stmt, 8));
  _rd_export_write_text (sheet, row, COL_CURRENCY, money->code, NULL);
  _rd_export_write_money (sheet, row, COL_AMOUNT_PAID, money, amount_paid);
  if (refund_amount >= 0)
    _rd_export_write_money (sheet, row, COL_REFUND_AMOUNT, money, refund_amount);
  _rd_export_write_text (sheet, row, COL_STATUS, cached_name (names, NAME_STATUS, _rd_export_column_text (stmt, 12)), NULL);
  _rd_export_write_text (sheet, row, COL_HANDLER, _rd_export_column_text (stmt, 13), NULL);
  _rd_export_write_text (sheet, row, COL_BUYER, _rd_export_column_text (stmt, 14), NULL);
  _rd_export_write_text (sheet, row, COL_RETURN_TRACKING, _rd_export_column_text (stmt, 15), NULL);
}

gboolean
_rd_export_write_ledger (RdExportContext  *ctx,
                         GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  NameCache names;
  RdExportSheet sheet;
  gint64 total = 0, done = 0;
  guint row = 0, number = 1;
  gboolean ok = FALSE;
  int rc;

  for (int i = 0; i < N_NAMES; i++)
    names.names[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (!count_rows (ctx, &total, error))
    goto out;
  stmt = prepare (ctx, FALSE, error);
  if (stmt == NULL)
    goto out;
  if (!add_ledger_sheet (ctx, &sheet, number, error))
    goto out;

  if (ctx->progress != NULL)
    ctx->progress (0, total, ctx->progress_data);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 amount_paid = sqlite3_column_int64 (stmt, 10);
      gint64 refund_amount = sqlite3_column_type (stmt, 11) == SQLITE_NULL
                             ? -1 : sqlite3_column_int64 (stmt, 11);

      if ((gint64) row >= ctx->max_rows)
        {
          _rd_export_sheet_finish (&sheet, row);
          if (!add_ledger_sheet (ctx, &sheet, ++number, error))
            goto out;
          row = 0;
        }
      row++;

      write_row (ctx, &sheet, &names, stmt, row, amount_paid, refund_amount);
      if (!_rd_export_summary_add (ctx->summary, _rd_export_column_text (stmt, 9), _rd_export_column_text (stmt, 4),
                                   _rd_export_column_text (stmt, 5), _rd_export_column_text (stmt, 3), _rd_export_column_text (stmt, 6),
                                   amount_paid, refund_amount, error))
        goto out;

      if (++done % PROGRESS_EVERY == 0)
        {
          if (ctx->progress != NULL)
            ctx->progress (done, MAX (total, done), ctx->progress_data);
          if (g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
            goto out;
        }
    }
  if (rc != SQLITE_DONE)
    {
      _rd_export_set_read_error (ctx, error);
      goto out;
    }
  if (g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
    goto out;

  _rd_export_sheet_finish (&sheet, row);
  ctx->totals->n_cases = done;
  ctx->totals->n_ledger_sheets = number;
  ok = TRUE;

out:
  for (int i = 0; i < N_NAMES; i++)
    g_hash_table_unref (names.names[i]);
  return ok;
}
