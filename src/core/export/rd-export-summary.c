/* rd-export-summary.c
 *
 * The sheets after the ledger: Summary (counts and amounts by kind, reason,
 * channel and payment method, as numbers, with a total per currency for
 * each) and About (shop, period, basis, when and by
 * whom, row counts and the control totals per currency). Every figure here
 * is summed in minor units from the very rows the ledger sheets received.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-case-types.h"
#include "rd-channels.h"
#include "rd-export-private.h"
#include "rd-money.h"

typedef enum
{
  DIM_KIND,
  DIM_REASON,
  DIM_CHANNEL,
  DIM_PAYMENT_METHOD,
  N_DIMS
} Dimension;

typedef struct
{
  char   *id;         /* stored id, "" when the case has none */
  char   *currency;
  guint   order;      /* built-in position; unknown ids after, by id */
  gint64  n;
  gint64  paid;
  gint64  refund;
} Entry;

struct _RdExportSummary
{
  GHashTable *dims[N_DIMS];    /* "CNY\x1fid" → Entry */
  GHashTable *currencies;      /* code → RdExportCurrencyTotals */
};

static void
entry_free (gpointer data)
{
  Entry *e = data;

  g_free (e->id);
  g_free (e->currency);
  g_free (e);
}

static guint
builtin_order (Dimension   dim,
               const char *id)
{
  const char *const *channels;
  const RdRefundReason *reasons;
  int value = 0;

  switch (dim)
    {
    case DIM_KIND:
      value = rd_refund_kind_from_id (id);
      break;
    case DIM_PAYMENT_METHOD:
      value = rd_payment_method_from_id (id);
      break;
    case DIM_CHANNEL:
      channels = rd_channel_builtin_ids ();
      for (int i = 0; channels[i] != NULL; i++)
        if (g_str_equal (channels[i], id))
          value = i + 1;
      break;
    case DIM_REASON:
      reasons = rd_refund_reason_list ();
      for (int i = 0; reasons[i].id != NULL; i++)
        if (g_str_equal (reasons[i].id, id))
          value = i + 1;
      break;
    case N_DIMS:
    default:
      break;
    }
  return value > 0 ? (guint) value : G_MAXUINT;
}

static const char *
display_name (Dimension   dim,
              const char *id,
              char      **owned)
{
  const char *name = NULL;

  switch (dim)
    {
    case DIM_KIND:
      name = rd_refund_kind_get_name (rd_refund_kind_from_id (id));
      break;
    case DIM_PAYMENT_METHOD:
      name = rd_payment_method_get_name (rd_payment_method_from_id (id));
      break;
    case DIM_CHANNEL:
      name = *owned = rd_channel_display_name (id, NULL);
      break;
    case DIM_REASON:
      name = rd_refund_reason_get_name (id);
      break;
    case N_DIMS:
    default:
      break;
    }
  return name != NULL && *name != '\0' ? name : id;
}

static const char *
dimension_title (Dimension dim)
{
  switch (dim)
    {
    case DIM_KIND:
      return _("Kind");
    case DIM_REASON:
      return _("Reason");
    case DIM_CHANNEL:
      return _("Channel");
    case DIM_PAYMENT_METHOD:
      return _("Payment method");
    case N_DIMS:
    default:
      g_assert_not_reached ();
    }
}

static int
compare_currency_codes (const char *a,
                        const char *b)
{
  /* CNY first, then by code. */
  if (g_str_equal (a, b))
    return 0;
  if (g_str_equal (a, "CNY"))
    return -1;
  if (g_str_equal (b, "CNY"))
    return 1;
  return strcmp (a, b);
}

static int
compare_entries (gconstpointer pa,
                 gconstpointer pb)
{
  const Entry *a = *(Entry *const *) pa;
  const Entry *b = *(Entry *const *) pb;
  int c;

  if (a->order != b->order)
    return a->order < b->order ? -1 : 1;
  c = strcmp (a->id, b->id);
  if (c != 0)
    return c;
  return compare_currency_codes (a->currency, b->currency);
}

static int
compare_totals (gconstpointer pa,
                gconstpointer pb)
{
  const RdExportCurrencyTotals *a = pa, *b = pb;
  return compare_currency_codes (a->code, b->code);
}

static gboolean
add_amounts (gint64   *n,
             gint64   *paid,
             gint64   *refund,
             gint64    amount_paid,
             gint64    refund_amount,
             GError  **error)
{
  *n += 1;
  return rd_money_add (*paid, amount_paid, paid, error) &&
         rd_money_add (*refund, MAX (refund_amount, 0), refund, error);
}

RdExportSummary *
_rd_export_summary_new (void)
{
  RdExportSummary *summary = g_new0 (RdExportSummary, 1);

  for (int i = 0; i < N_DIMS; i++)
    summary->dims[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entry_free);
  summary->currencies = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  return summary;
}

void
_rd_export_summary_free (RdExportSummary *summary)
{
  if (summary == NULL)
    return;
  for (int i = 0; i < N_DIMS; i++)
    g_hash_table_unref (summary->dims[i]);
  g_hash_table_unref (summary->currencies);
  g_free (summary);
}

static RdExportCurrencyTotals *
currency_totals (RdExportSummary *summary,
                 const char      *currency)
{
  RdExportCurrencyTotals *t = g_hash_table_lookup (summary->currencies, currency);

  if (t == NULL)
    {
      t = g_new0 (RdExportCurrencyTotals, 1);
      g_strlcpy (t->code, currency, sizeof t->code);
      g_hash_table_insert (summary->currencies, t->code, t);
    }
  return t;
}

gboolean
_rd_export_summary_add (RdExportSummary  *summary,
                        const char       *currency,
                        const char       *kind,
                        const char       *reason,
                        const char       *channel,
                        const char       *payment_method,
                        gint64            amount_paid,
                        gint64            refund_amount,
                        GError          **error)
{
  const char *ids[N_DIMS] = { kind, reason, channel, payment_method };
  RdExportCurrencyTotals *t;

  if (currency == NULL || *currency == '\0')
    currency = "CNY";

  t = currency_totals (summary, currency);
  if (!add_amounts (&t->n_cases, &t->amount_paid, &t->refund_amount, amount_paid, refund_amount, error))
    return FALSE;

  for (int d = 0; d < N_DIMS; d++)
    {
      char key[160];
      Entry *e;

      g_snprintf (key, sizeof key, "%s\x1f%s", currency, ids[d] != NULL ? ids[d] : "");
      e = g_hash_table_lookup (summary->dims[d], key);
      if (e == NULL)
        {
          e = g_new0 (Entry, 1);
          e->id = g_strdup (ids[d] != NULL ? ids[d] : "");
          e->currency = g_strdup (currency);
          e->order = builtin_order (d, e->id);
          g_hash_table_insert (summary->dims[d], g_strdup (key), e);
        }
      if (!add_amounts (&e->n, &e->paid, &e->refund, amount_paid, refund_amount, error))
        return FALSE;
    }
  return TRUE;
}

/* The per-currency totals, sorted, CNY always present. */
static GArray *
sorted_totals (RdExportSummary *summary)
{
  GArray *array = g_array_new (FALSE, TRUE, sizeof (RdExportCurrencyTotals));
  GHashTableIter iter;
  gpointer value;

  currency_totals (summary, "CNY");
  g_hash_table_iter_init (&iter, summary->currencies);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_array_append_vals (array, value, 1);
  g_array_sort (array, compare_totals);
  return array;
}

gboolean
_rd_export_add_numbered_sheet (RdExportContext  *ctx,
                               RdExportSheet    *sheet,
                               const char       *title,
                               guint             number,
                               GError          **error)
{
  g_autofree char *name = _rd_export_sheet_name (title, number);

  memset (sheet, 0, sizeof *sheet);
  sheet->sheet = workbook_add_worksheet (ctx->workbook, name);
  if (sheet->sheet == NULL)
    {
      g_set_error (error, RD_EXPORT_ERROR, RD_EXPORT_ERROR_FAILED,
                   _("Could not add the sheet “%s” to the workbook."), name);
      return FALSE;
    }
  return TRUE;
}

gboolean
_rd_export_add_sheet (RdExportContext  *ctx,
                      RdExportSheet    *sheet,
                      const char       *title,
                      GError          **error)
{
  return _rd_export_add_numbered_sheet (ctx, sheet, title, 1, error);
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
  g_autoptr(GArray) totals = sorted_totals (ctx->summary);
  RdExportSheet sheet;
  guint row = 0;

  if (!_rd_export_add_sheet (ctx, &sheet, C_("sheet", "Summary"), error))
    return FALSE;
  _rd_export_sheet_write_header (ctx, &sheet, headers, G_N_ELEMENTS (headers));

  for (int d = 0; d < N_DIMS; d++)
    {
      g_autoptr(GPtrArray) entries = g_ptr_array_new ();
      const char *title = dimension_title (d);
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, ctx->summary->dims[d]);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        g_ptr_array_add (entries, value);

      g_ptr_array_sort (entries, compare_entries);
      for (guint i = 0; i < entries->len; i++)
        {
          const Entry *e = g_ptr_array_index (entries, i);
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

gboolean
_rd_export_write_about (RdExportContext  *ctx,
                        GError          **error)
{
  const RdExportOptions *opts = ctx->opts;
  g_autofree char *period = period_text (opts);
  g_autofree char *sheets = g_strdup_printf ("%u", ctx->totals->n_ledger_sheets);
  g_autofree char *app = g_strdup_printf ("%s %s", _("Refund Desk"), PACKAGE_VERSION);
  const char *tz_name = g_time_zone_get_identifier (ctx->tz);
  RdExportSheet sheet;
  guint row = 0;

  if (!_rd_export_add_sheet (ctx, &sheet, C_("sheet", "About"), error))
    return FALSE;

  ctx->totals->currencies = sorted_totals (ctx->summary);

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

  /* The register's figures (its amounts are in the shop's yuan). */
  row++;
  _rd_export_write_text (&sheet, ++row, 0, C_("sheet", "Intercepts"), ctx->header_format);
  _rd_export_write_text (&sheet, ++row, 0, _("Parcels"), ctx->bold_format);
  _rd_export_write_count (&sheet, row, 1, ctx->totals->n_intercepts);
  _rd_export_write_text (&sheet, ++row, 0, _("Amount"), ctx->bold_format);
  _rd_export_write_money (&sheet, row, 1, _rd_export_money_format (ctx, "CNY"),
                          ctx->totals->intercept_amount);
  _rd_export_write_text (&sheet, ++row, 0, C_("sheet", "Claims"), ctx->header_format);
  _rd_export_write_text (&sheet, ++row, 0, _("Claims filed"), ctx->bold_format);
  _rd_export_write_count (&sheet, row, 1, ctx->totals->n_claims);
  _rd_export_write_text (&sheet, ++row, 0, _("Amount claimed"), ctx->bold_format);
  _rd_export_write_money (&sheet, row, 1, _rd_export_money_format (ctx, "CNY"),
                          ctx->totals->claims_claimed);
  _rd_export_write_text (&sheet, ++row, 0, _("Amount recovered"), ctx->bold_format);
  _rd_export_write_money (&sheet, row, 1, _rd_export_money_format (ctx, "CNY"),
                          ctx->totals->claims_recovered);

  for (guint i = 0; i < sheet.n_columns && i < RD_EXPORT_MAX_COLUMNS; i++)
    worksheet_set_column (sheet.sheet, i, i, MIN (sheet.widths[i] + 2, 60), NULL);
  return TRUE;
}
