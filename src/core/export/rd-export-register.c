/* rd-export-register.c
 *
 * The Intercepts and Claims sheets: the intercept register's parcels
 * registered in the period (intercepts.created_at) and the claims filed in
 * it (claims.filed_at), from the same read transaction as the ledger. A
 * parcel's amounts are in its case's currency (the shop's CNY without a
 * case): each amount cell has its currency's number format, with the code
 * in the Currency column beside it, and the About sheet's sums are per
 * currency. A ledger older than schema version 5 has no register: the sheets
 * keep their headers and no rows.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-channels.h"
#include "rd-export-private.h"
#include "rd-intercept-types.h"
#include "rd-money.h"
#include "rd-money-totals.h"
#include "rd-store.h"

/* The register arrives with this schema version. */
#define REGISTER_SCHEMA_VERSION 5

/* The period's reads, each a range on the bare time column in the order of
 * that column and the id, which its index gives: intercepts_created (schema
 * version 5) and claims_filed (version 12); test-export-plans holds the
 * plans. */
const char _rd_export_intercepts_sql[] =
  "SELECT i.courier, i.tracking_no, c.case_no, coalesce (i.order_no, c.order_no), "
  "i.channel, i.amount, i.province, i.status, i.condition, i.requested_at, "
  "i.platform_deadline, i.last_movement_at, i.created_at, i.settled_at, i.operator, "
  "c.currency "
  "FROM intercepts i LEFT JOIN cases c ON c.id = i.case_id "
  "WHERE i.created_at >= ?1 AND i.created_at < ?2 ORDER BY i.created_at, i.id";

const char _rd_export_claims_sql[] =
  "SELECT i.courier, i.tracking_no, c.case_no, coalesce (i.order_no, c.order_no), "
  "cl.amount_claimed, cl.filed_at, cl.status, cl.amount_recovered, cl.settled_at, "
  "cl.operator, c.currency "
  "FROM claims cl JOIN intercepts i ON i.id = cl.intercept_id "
  "LEFT JOIN cases c ON c.id = i.case_id "
  "WHERE cl.filed_at >= ?1 AND cl.filed_at < ?2 ORDER BY cl.filed_at, cl.id";

static sqlite3_stmt *
prepare_period (RdExportContext  *ctx,
                const char       *sql,
                GError          **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (ctx->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      _rd_export_set_read_error (ctx, error);
      sqlite3_finalize (stmt);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, ctx->period_start);
  sqlite3_bind_int64 (stmt, 2, ctx->period_end);
  return stmt;
}

static gboolean
step_error (RdExportContext  *ctx,
            int               rc,
            GError          **error)
{
  if (rc == SQLITE_DONE)
    return FALSE;
  _rd_export_set_read_error (ctx, error);
  return TRUE;
}

/* Columns 0-3 of both sheets: courier, tracking no., case no., order no.,
 * read from the same columns of stmt. */
static void
write_parcel_columns (RdExportSheet *sheet,
                      guint          row,
                      sqlite3_stmt  *stmt)
{
  _rd_export_write_text (sheet, row, 0,
                         _rd_export_name_or_id (rd_courier_get_name (rd_courier_from_id (_rd_export_column_text (stmt, 0))),
                                     _rd_export_column_text (stmt, 0)), NULL);
  for (guint col = 1; col <= 3; col++)
    _rd_export_write_text (sheet, row, col, _rd_export_column_text (stmt, (int) col), NULL);
}

gboolean
_rd_export_write_intercepts (RdExportContext  *ctx,
                             GError          **error)
{
  const char *headers[] = {
    _("Courier"), _("Tracking no."), _("Case no."), _("Order no."), _("Channel"), _("Currency"),
    _("Amount"), _("Province"), _("Status"), _("Condition"), _("Requested at"), _("Platform deadline"),
    _("Last movement"), _("Registered at"), _("Settled at"), _("Operator"),
  };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  RdExportSheet sheet;
  guint row = 0;
  int rc;

  if (!_rd_export_add_sheet (ctx, &sheet, C_("sheet", "Intercepts"), error))
    return FALSE;
  _rd_export_sheet_write_header (ctx, &sheet, headers, G_N_ELEMENTS (headers));

  if (ctx->schema_version >= REGISTER_SCHEMA_VERSION)
    {
      stmt = prepare_period (ctx, _rd_export_intercepts_sql, error);
      if (stmt == NULL)
        return FALSE;

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          g_autofree char *channel = _rd_export_column_text (stmt, 4) != NULL
                                     ? rd_channel_display_name (_rd_export_column_text (stmt, 4), NULL) : NULL;
          gint64 amount = sqlite3_column_int64 (stmt, 5);
          const RdExportMoneyFormat *money = _rd_export_money_format (ctx, _rd_export_column_text (stmt, 15));

          row++;
          write_parcel_columns (&sheet, row, stmt);
          _rd_export_write_text (&sheet, row, 4, channel, NULL);
          _rd_export_write_text (&sheet, row, 5, money->code, NULL);
          _rd_export_write_money (&sheet, row, 6, money, amount);
          _rd_export_write_text (&sheet, row, 7, _rd_export_column_text (stmt, 6), NULL);
          _rd_export_write_text (&sheet, row, 8,
                                 _rd_export_name_or_id (rd_intercept_status_get_name (rd_intercept_status_from_id (_rd_export_column_text (stmt, 7))),
                                             _rd_export_column_text (stmt, 7)), NULL);
          _rd_export_write_text (&sheet, row, 9,
                                 _rd_export_name_or_id (rd_parcel_condition_get_name (rd_parcel_condition_from_id (_rd_export_column_text (stmt, 8))),
                                             _rd_export_column_text (stmt, 8)), NULL);
          for (int col = 9; col <= 13; col++)
            _rd_export_write_time (ctx, &sheet, row, col + 1, sqlite3_column_int64 (stmt, col));
          _rd_export_write_text (&sheet, row, 15, _rd_export_column_text (stmt, 14), NULL);

          if (!rd_money_totals_add (ctx->totals->intercept_amounts, money->code, amount, error))
            return FALSE;
          ctx->totals->n_intercepts++;
        }
      if (step_error (ctx, rc, error))
        return FALSE;
    }

  _rd_export_sheet_finish (&sheet, row);
  return !g_cancellable_set_error_if_cancelled (ctx->cancellable, error);
}

gboolean
_rd_export_write_claims (RdExportContext  *ctx,
                         GError          **error)
{
  const char *headers[] = {
    _("Courier"), _("Tracking no."), _("Case no."), _("Order no."), _("Currency"), _("Amount claimed"),
    _("Filed at"), _("Status"), _("Amount recovered"), _("Settled at"), _("Operator"),
  };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  RdExportSheet sheet;
  guint row = 0;
  int rc;

  if (!_rd_export_add_sheet (ctx, &sheet, C_("sheet", "Claims"), error))
    return FALSE;
  _rd_export_sheet_write_header (ctx, &sheet, headers, G_N_ELEMENTS (headers));

  if (ctx->schema_version >= REGISTER_SCHEMA_VERSION)
    {
      stmt = prepare_period (ctx, _rd_export_claims_sql, error);
      if (stmt == NULL)
        return FALSE;

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 claimed = sqlite3_column_int64 (stmt, 4);
          gint64 recovered = sqlite3_column_int64 (stmt, 7);
          const RdExportMoneyFormat *money = _rd_export_money_format (ctx, _rd_export_column_text (stmt, 10));

          row++;
          write_parcel_columns (&sheet, row, stmt);
          _rd_export_write_text (&sheet, row, 4, money->code, NULL);
          _rd_export_write_money (&sheet, row, 5, money, claimed);
          _rd_export_write_time (ctx, &sheet, row, 6, sqlite3_column_int64 (stmt, 5));
          _rd_export_write_text (&sheet, row, 7,
                                 _rd_export_name_or_id (rd_claim_status_get_name (rd_claim_status_from_id (_rd_export_column_text (stmt, 6))),
                                             _rd_export_column_text (stmt, 6)), NULL);
          _rd_export_write_money (&sheet, row, 8, money, recovered);
          _rd_export_write_time (ctx, &sheet, row, 9, sqlite3_column_int64 (stmt, 8));
          _rd_export_write_text (&sheet, row, 10, _rd_export_column_text (stmt, 9), NULL);

          if (!rd_money_totals_add (ctx->totals->claims_claimed, money->code, claimed, error) ||
              !rd_money_totals_add (ctx->totals->claims_recovered, money->code, recovered, error))
            return FALSE;
          ctx->totals->n_claims++;
        }
      if (step_error (ctx, rc, error))
        return FALSE;
    }

  _rd_export_sheet_finish (&sheet, row);
  return TRUE;
}
