/* rd-export-summary.c
 *
 * The sheets after the ledger: Summary (counts and amounts by kind, reason,
 * channel and payment method, as numbers, with a total per currency for
 * each) and About (shop, period, basis, when and by
 * whom, row counts and the control totals per currency). Every figure here
 * is summed in minor units from the very rows the ledger sheets received
 * (rd-export-tally.c).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-case-types.h"
#include "rd-channels.h"
#include "rd-export-private.h"
#include "rd-money-totals.h"

static const char *
display_name (RdExportDimension   dim,
              const char         *id,
              char              **owned)
{
  const char *name = NULL;

  switch (dim)
    {
    case RD_EXPORT_DIM_KIND:
      name = rd_refund_kind_get_name (rd_refund_kind_from_id (id));
      break;
    case RD_EXPORT_DIM_PAYMENT_METHOD:
      name = rd_payment_method_get_name (rd_payment_method_from_id (id));
      break;
    case RD_EXPORT_DIM_CHANNEL:
      name = *owned = rd_channel_display_name (id, NULL);
      break;
    case RD_EXPORT_DIM_REASON:
      name = rd_refund_reason_get_name (id);
      break;
    case RD_EXPORT_N_DIMS:
    default:
      break;
    }
  return name != NULL && *name != '\0' ? name : id;
}

static const char *
dimension_title (RdExportDimension dim)
{
  switch (dim)
    {
    case RD_EXPORT_DIM_KIND:
      return _("Kind");
    case RD_EXPORT_DIM_REASON:
      return _("Reason");
    case RD_EXPORT_DIM_CHANNEL:
      return _("Channel");
    case RD_EXPORT_DIM_PAYMENT_METHOD:
      return _("Payment method");
    case RD_EXPORT_N_DIMS:
    default:
      g_assert_not_reached ();
    }
}

static void
write_amounts (RdExportContext *ctx,
               RdExportSheet   *sheet,
               guint            row,
               guint            col,
               const char      *currency,
               gint64           n,
               gint64           paid,
               gint64           refund)
{
  const RdExportMoneyFormat *money = _rd_export_money_format (ctx, currency);

  _rd_export_write_text (sheet, row, col, money->code, NULL);
  _rd_export_write_count (sheet, row, col + 1, n);
  _rd_export_write_money (sheet, row, col + 2, money, paid);
  _rd_export_write_money (sheet, row, col + 3, money, refund);
}

gboolean
_rd_export_write_summary (RdExportContext  *ctx,
                          GError          **error)
{
  const char *headers[] = {
    _("Group"), _("Item"), _("Currency"), _("Cases"), _("Amount paid"), _("Refund amount"),
  };
  g_autoptr(GArray) totals = _rd_export_summary_totals (ctx->summary);
  RdExportSheet sheet;
  guint row = 0;

  if (!_rd_export_add_sheet (ctx, &sheet, C_("sheet", "Summary"), error))
    return FALSE;
  _rd_export_sheet_write_header (ctx, &sheet, headers, G_N_ELEMENTS (headers));

  for (int d = 0; d < RD_EXPORT_N_DIMS; d++)
    {
      g_autoptr(GPtrArray) entries = _rd_export_summary_entries (ctx->summary, d);
      const char *title = dimension_title (d);

      for (guint i = 0; i < entries->len; i++)
        {
          const RdExportSummaryEntry *e = g_ptr_array_index (entries, i);
          g_autofree char *owned = NULL;

          row++;
          _rd_export_write_text (&sheet, row, 0, title, NULL);
          _rd_export_write_text (&sheet, row, 1, display_name (d, e->id, &owned), NULL);
          write_amounts (ctx, &sheet, row, 2, e->currency, e->n, e->paid, e->refund);
        }

      /* A total per currency, also when the month is empty. */
      for (guint i = 0; i < totals->len; i++)
        {
          const RdExportCurrencyTotals *t = &g_array_index (totals, RdExportCurrencyTotals, i);

          row++;
          _rd_export_write_text (&sheet, row, 0, title, ctx->bold_format);
          _rd_export_write_text (&sheet, row, 1, _("Total"), ctx->bold_format);
          write_amounts (ctx, &sheet, row, 2, t->code, t->n_cases, t->amount_paid, t->refund_amount);
        }
    }

  _rd_export_sheet_finish (&sheet, row);
  return TRUE;
}

static char *
period_text (const RdExportOptions *opts)
{
  if (opts->year == 0)
    return g_strdup (_("The whole ledger"));
  if (opts->month == 0)
    return g_strdup_printf ("%04d", opts->year);
  return g_strdup_printf ("%04d-%02d", opts->year, opts->month);
}

static void
write_pair (RdExportSheet *sheet,
            guint          row,
            const char    *label,
            const char    *value,
            lxw_format    *label_format)
{
  _rd_export_write_text (sheet, row, 0, label, label_format);
  _rd_export_write_text (sheet, row, 1, value, NULL);
}

/* One row a currency after row: label, the sum in its currency's format,
 * the code; the shop's CNY first and always (zero when it has none).
 * Returns the last row written. */
static guint
write_money_rows (RdExportContext *ctx,
                  RdExportSheet   *sheet,
                  guint            row,
                  const char      *label,
                  GArray          *sums)
{
  const char *shop = rd_currency_default ()->code;

  if (rd_money_totals_lookup (sums, shop) == NULL)
    {
      _rd_export_write_text (sheet, ++row, 0, label, ctx->bold_format);
      _rd_export_write_money (sheet, row, 1, _rd_export_money_format (ctx, shop), 0);
      _rd_export_write_text (sheet, row, 2, shop, NULL);
    }
  for (guint i = 0; i < sums->len; i++)
    {
      const RdMoneyTotal *sum = &g_array_index (sums, RdMoneyTotal, i);
      const RdExportMoneyFormat *money = _rd_export_money_format (ctx, sum->currency);

      _rd_export_write_text (sheet, ++row, 0, label, ctx->bold_format);
      _rd_export_write_money (sheet, row, 1, money, sum->amount);
      _rd_export_write_text (sheet, row, 2, money->code, NULL);
    }
  return row;
}

/* The audit log's head in the export's snapshot, "N:HASH" as
 * `refund-desk verify --anchor` takes it; NULL when there is none. */
static char *
audit_head_text (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT last_id, last_hash FROM audit_head WHERE id = 1 AND last_id > 0",
                          -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup_printf ("%" G_GINT64_FORMAT ":%s", (gint64) sqlite3_column_int64 (stmt, 0),
                            (const char *) sqlite3_column_text (stmt, 1));
  sqlite3_finalize (stmt);
  return text;
}

gboolean
_rd_export_write_about (RdExportContext  *ctx,
                        GError          **error)
{
  const RdExportOptions *opts = ctx->opts;
  g_autofree char *period = period_text (opts);
  g_autofree char *sheets = g_strdup_printf ("%u", ctx->totals->n_ledger_sheets);
  g_autofree char *app = g_strdup_printf ("%s %s", _("Refund Desk"), PACKAGE_VERSION);
  g_autofree char *audit_head = audit_head_text (ctx->db);
  const char *tz_name = g_time_zone_get_identifier (ctx->tz);
  RdExportSheet sheet;
  guint row = 0;

  if (!_rd_export_add_sheet (ctx, &sheet, C_("sheet", "About"), error))
    return FALSE;

  ctx->totals->currencies = _rd_export_summary_totals (ctx->summary);

  _rd_export_write_text (&sheet, row, 0, _("Refunds for the accountant"), ctx->bold_format);
  write_pair (&sheet, ++row, _("Shop"), opts->shop_name, ctx->bold_format);
  write_pair (&sheet, ++row, _("Period"), period, ctx->bold_format);
  write_pair (&sheet, ++row, _("Basis"),
              opts->basis == RD_EXPORT_BASIS_PAID
              ? _("Refunds paid in full in the period")
              : _("Refunds requested in the period"),
              ctx->bold_format);
  write_pair (&sheet, ++row, _("Times"), tz_name, ctx->bold_format);
  _rd_export_write_text (&sheet, ++row, 0, _("Made at"), ctx->bold_format);
  _rd_export_write_time (ctx, &sheet, row, 1, g_get_real_time () / G_USEC_PER_SEC);
  write_pair (&sheet, ++row, _("Made by"), opts->operator, ctx->bold_format);
  write_pair (&sheet, ++row, _("Made with"), app, ctx->bold_format);
  if (audit_head != NULL)
    write_pair (&sheet, ++row, _("Audit log up to"), audit_head, ctx->bold_format);

  row++;
  _rd_export_write_text (&sheet, ++row, 0, _("Rows"), ctx->header_format);
  _rd_export_write_text (&sheet, ++row, 0, C_("sheet", "Ledger"), ctx->bold_format);
  _rd_export_write_count (&sheet, row, 1, ctx->totals->n_cases);
  _rd_export_write_text (&sheet, ++row, 0, C_("sheet", "Intercepts"), ctx->bold_format);
  _rd_export_write_count (&sheet, row, 1, ctx->totals->n_intercepts);
  _rd_export_write_text (&sheet, ++row, 0, C_("sheet", "Claims"), ctx->bold_format);
  _rd_export_write_count (&sheet, row, 1, ctx->totals->n_claims);
  write_pair (&sheet, ++row, _("Ledger sheets"), sheets, ctx->bold_format);

  /* Control totals: the sum of the ledger sheets' columns, per currency. */
  row++;
  _rd_export_write_text (&sheet, ++row, 0, _("Control totals"), ctx->header_format);
  _rd_export_write_text (&sheet, ++row, 0, _("Currency"), ctx->header_format);
  _rd_export_write_text (&sheet, row, 1, _("Cases"), ctx->header_format);
  _rd_export_write_text (&sheet, row, 2, _("Amount paid"), ctx->header_format);
  _rd_export_write_text (&sheet, row, 3, _("Refund amount"), ctx->header_format);
  for (guint i = 0; i < ctx->totals->currencies->len; i++)
    {
      const RdExportCurrencyTotals *t = &g_array_index (ctx->totals->currencies,
                                                        RdExportCurrencyTotals, i);
      write_amounts (ctx, &sheet, ++row, 0, t->code, t->n_cases, t->amount_paid, t->refund_amount);
    }

  /* The register's figures: a parcel's amounts are in its case's currency,
   * summed per currency (the shop's CNY always shown). */
  row++;
  _rd_export_write_text (&sheet, ++row, 0, C_("sheet", "Intercepts"), ctx->header_format);
  _rd_export_write_text (&sheet, ++row, 0, _("Parcels"), ctx->bold_format);
  _rd_export_write_count (&sheet, row, 1, ctx->totals->n_intercepts);
  row = write_money_rows (ctx, &sheet, row, _("Amount"), ctx->totals->intercept_amounts);
  _rd_export_write_text (&sheet, ++row, 0, C_("sheet", "Claims"), ctx->header_format);
  _rd_export_write_text (&sheet, ++row, 0, _("Claims filed"), ctx->bold_format);
  _rd_export_write_count (&sheet, row, 1, ctx->totals->n_claims);
  row = write_money_rows (ctx, &sheet, row, _("Amount claimed"), ctx->totals->claims_claimed);
  row = write_money_rows (ctx, &sheet, row, _("Amount recovered"), ctx->totals->claims_recovered);

  for (guint i = 0; i < sheet.n_columns && i < RD_EXPORT_MAX_COLUMNS; i++)
    worksheet_set_column (sheet.sheet, i, i, MIN (sheet.widths[i] + 2, 60), NULL);
  return TRUE;
}
