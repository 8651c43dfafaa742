/* rd-export-report.c
 *
 * The Report sheet (报表): the figures of the Reports page (rd-report.h)
 * for the export's period, as tables of numbers, with native Excel charts
 * over those cells beside them: a column chart of the cases per day, a
 * line of the days against the period before, a doughnut of the reasons
 * and bars of the channels. Amounts stay per currency: each currency of the
 * period has its own column, never a sum across them; the charts plot
 * counts of cases, which do add up.
 *
 * The cases of the report are those requested in the period (as the
 * ledger's month filter and the "requested" basis of the export): with that
 * basis, its totals are the Summary sheet's to the fen.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-export-private.h"
#include "rd-money-totals.h"
#include "rd-report.h"

#define CHART_ROWS 16    /* the rows a chart covers */

typedef struct
{
  RdExportContext *ctx;
  RdExportSheet    sheet;
  char            *name;       /* the sheet's name, for the charts' ranges */
  GPtrArray       *currencies; /* codes of the period, shop currency first */
  guint            row;
  guint            chart_col;
} Writer;

static void
heading (Writer     *w,
         const char *title)
{
  _rd_export_write_text (&w->sheet, w->row, 0, title, w->ctx->bold_format);
  w->row++;
}

static void
header_row (Writer      *w,
            const char  *first,
            const char  *second,
            const char  *third,
            gboolean     amounts)
{
  guint col = 0;

  _rd_export_write_text (&w->sheet, w->row, col++, first, w->ctx->header_format);
  _rd_export_write_text (&w->sheet, w->row, col++, second, w->ctx->header_format);
  _rd_export_write_text (&w->sheet, w->row, col++, third, w->ctx->header_format);
  if (amounts)
    for (guint i = 0; i < w->currencies->len; i++)
      {
        /* TRANSLATORS: a column of the Report sheet: the refund amount in
         * one currency, %s its code */
        g_autofree char *title = g_strdup_printf (_("Refund amount (%s)"),
                                                  (const char *) g_ptr_array_index (w->currencies, i));

        _rd_export_write_text (&w->sheet, w->row, col++, title, w->ctx->header_format);
      }
  w->row++;
}

static void
amounts (Writer            *w,
         guint              col,
         const RdReportBar *bar)
{
  for (guint i = 0; i < w->currencies->len; i++)
    {
      const char *code = g_ptr_array_index (w->currencies, i);
      const RdReportMoney *m = rd_report_money_lookup (bar->money, code);

      _rd_export_write_money (&w->sheet, w->row, col + i, _rd_export_money_format (w->ctx, code),
                              m != NULL ? m->amount : 0);
    }
}

static const RdReportBar *
find_bar (GPtrArray  *bars,
          const char *key)
{
  for (guint i = 0; bars != NULL && i < bars->len; i++)
    {
      const RdReportBar *bar = g_ptr_array_index (bars, i);

      if (g_str_equal (bar->key, key))
        return bar;
    }
  return NULL;
}

/* Rows of bars: label, cases, cases of the period before (by key, or by
 * position when by_position), an amount per currency. Returns the first
 * data row. */
static guint
bar_rows (Writer    *w,
          GPtrArray *bars,
          GPtrArray *previous,
          gboolean   by_position)
{
  guint first = w->row;

  for (guint i = 0; i < bars->len; i++)
    {
      const RdReportBar *bar = g_ptr_array_index (bars, i);
      const RdReportBar *before = by_position ? (previous != NULL && i < previous->len
                                                 ? g_ptr_array_index (previous, i) : NULL)
                                              : find_bar (previous, bar->key);

      _rd_export_write_text (&w->sheet, w->row, 0, bar->label, NULL);
      _rd_export_write_count (&w->sheet, w->row, 1, bar->count);
      _rd_export_write_count (&w->sheet, w->row, 2, before != NULL ? before->count : 0);
      amounts (w, 3, bar);
      w->row++;
    }
  return first;
}

static lxw_chart *
add_chart (Writer       *w,
           lxw_chart_type type,
           const char   *title,
           const char   *y_title)
{
  lxw_chart *chart = workbook_add_chart (w->ctx->workbook, type);

  chart_title_set_name (chart, title);
  if (y_title != NULL && type != LXW_CHART_DOUGHNUT)
    chart_axis_set_name (chart->y_axis, y_title);
  if (type != LXW_CHART_DOUGHNUT && type != LXW_CHART_LINE)
    chart_legend_set_position (chart, LXW_CHART_LEGEND_NONE);
  return chart;
}

static void
series (Writer     *w,
        lxw_chart  *chart,
        const char *name,
        guint       first,
        guint       last,
        guint       col)
{
  lxw_chart_series *s = chart_add_series (chart, NULL, NULL);

  chart_series_set_categories (s, w->name, first, 0, last, 0);
  chart_series_set_values (s, w->name, first, col, last, col);
  chart_series_set_name (s, name);
}

static void
place (Writer    *w,
       lxw_chart *chart,
       guint      row)
{
  lxw_chart_options options = { .x_scale = 1.4, .y_scale = 1.0 };

  worksheet_insert_chart_opt (w->sheet.sheet, row, w->chart_col, chart, &options);
}

/* A block of bars with its chart, at least a chart's height. */
static void
bars_block (Writer         *w,
            const char     *title,
            const char     *first_header,
            GPtrArray      *bars,
            GPtrArray      *previous,
            lxw_chart_type  type)
{
  guint start = w->row, first;

  heading (w, title);
  header_row (w, first_header, _("Cases"), _("Cases before"), TRUE);
  first = bar_rows (w, bars, previous, FALSE);
  if (bars->len > 0 && type != LXW_CHART_NONE)
    {
      lxw_chart *chart = add_chart (w, type, title, _("Cases"));

      series (w, chart, _("Cases"), first, w->row - 1, 1);
      place (w, chart, start);
    }
  w->row = MAX (w->row + 1, type != LXW_CHART_NONE && bars->len > 0 ? start + CHART_ROWS : 0);
}

static void
write_days (Writer         *w,
            const RdReport *report)
{
  const RdReportFigures *f = report->current;
  guint start = w->row, first;

  heading (w, _("Cases per day"));
  header_row (w, _("Day"), _("Cases"), _("Same day of the period before"), TRUE);
  first = bar_rows (w, f->refunds.per_day, report->previous->refunds.per_day, TRUE);
  if (f->refunds.per_day->len > 0)
    {
      lxw_chart *columns = add_chart (w, LXW_CHART_COLUMN, _("Cases per day"), _("Cases"));
      lxw_chart *trend = add_chart (w, LXW_CHART_LINE, _("Trend against the period before"), _("Cases"));

      series (w, columns, _("Cases"), first, w->row - 1, 1);
      place (w, columns, start);
      series (w, trend, _("This period"), first, w->row - 1, 1);
      series (w, trend, _("The period before"), first, w->row - 1, 2);
      place (w, trend, start + CHART_ROWS);
    }
  w->row = MAX (w->row + 1, start + 2 * CHART_ROWS);
}

static void
write_totals (Writer         *w,
              const RdReport *report)
{
  const RdReportBar *total = &report->current->refunds.total;
  const char *headers[] = { _("Currency"), _("Cases"), _("Amount paid"), _("Refund amount") };

  heading (w, _("Refunds requested in the period"));
  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    _rd_export_write_text (&w->sheet, w->row, i, headers[i], w->ctx->header_format);
  w->row++;
  for (guint i = 0; i < total->money->len; i++)
    {
      const RdReportMoney *m = &g_array_index (total->money, RdReportMoney, i);
      const RdExportMoneyFormat *money = _rd_export_money_format (w->ctx, m->currency);

      _rd_export_write_text (&w->sheet, w->row, 0, money->code, NULL);
      _rd_export_write_count (&w->sheet, w->row, 1, m->count);
      _rd_export_write_money (&w->sheet, w->row, 2, money, m->paid);
      _rd_export_write_money (&w->sheet, w->row, 3, money, m->amount);
      w->row++;
    }
  _rd_export_write_text (&w->sheet, w->row, 0, _("Caused by the shop"), NULL);
  _rd_export_write_count (&w->sheet, w->row, 1, report->current->refunds.merchant_fault.count);
  w->row += 2;
}

static void
write_losses (Writer                *w,
              const RdReportFigures *f,
              const RdReportFigures *p)
{
  const RdReportBar *rows[][2] = {
    { &f->losses.no_return, &p->losses.no_return },
    { &f->losses.not_recovered, &p->losses.not_recovered },
    { &f->losses.compensation, &p->losses.compensation },
    { &f->losses.return_shipping, &p->losses.return_shipping },
    { &f->losses.claims_filed, &p->losses.claims_filed },
    { &f->losses.claims_recovered, &p->losses.claims_recovered },
    { &f->speed.deadline_missed, &p->speed.deadline_missed },
    { &f->speed.overdue_now, NULL },
  };

  heading (w, _("Money that will not come back"));
  /* TRANSLATORS: the amount columns of this table are the loss, the
   * reimbursement, the claim, as each row says */
  header_row (w, _("Figure"), _("Cases"), _("Cases before"), TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      _rd_export_write_text (&w->sheet, w->row, 0, rows[i][0]->label, NULL);
      _rd_export_write_count (&w->sheet, w->row, 1, rows[i][0]->count);
      _rd_export_write_count (&w->sheet, w->row, 2, rows[i][1] != NULL ? rows[i][1]->count : 0);
      amounts (w, 3, rows[i][0]);
      w->row++;
    }
  w->row++;
}

static void
write_hours (Writer *w,
             guint   col,
             gint64  seconds)
{
  if (seconds >= 0)
    {
      lxw_format *format = w->ctx->hours_format;

      worksheet_write_number (w->sheet.sheet, w->row, col, seconds / 3600.0, format);
      _rd_export_sheet_note_width (&w->sheet, col, 8);
    }
}

static void
write_speed (Writer                *w,
             const RdReportFigures *f)
{
  const char *headers[] = {
    _("Channel"), _("Approved"), _("To approval, median (h)"), _("To approval, 90% (h)"),
    _("Paid"), _("To payout, median (h)"), _("To payout, 90% (h)"),
  };

  heading (w, _("Speed"));
  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    _rd_export_write_text (&w->sheet, w->row, i, headers[i], w->ctx->header_format);
  w->row++;
  for (guint i = 0; i < f->speed.by_channel->len; i++)
    {
      const RdReportSpeed *s = g_ptr_array_index (f->speed.by_channel, i);

      _rd_export_write_text (&w->sheet, w->row, 0, s->label, NULL);
      _rd_export_write_count (&w->sheet, w->row, 1, s->n_approved);
      write_hours (w, 2, s->approve_median);
      write_hours (w, 3, s->approve_p90);
      _rd_export_write_count (&w->sheet, w->row, 4, s->n_paid);
      write_hours (w, 5, s->payout_median);
      write_hours (w, 6, s->payout_p90);
      w->row++;
    }
  w->row++;
}

static void
write_intercepts (Writer                *w,
                  const RdReportFigures *f)
{
  const char *headers[] = {
    _("Courier"), _("Requested"), _("Intercepted"), _("Failed"), _("Success rate"),
    _("To a result, median (h)"),
  };

  for (int part = 0; part < 2; part++)
    {
      GPtrArray *rows = part == 0 ? f->intercepts.by_courier : f->intercepts.by_province;

      heading (w, part == 0 ? _("Intercepts by courier") : _("Intercepts by destination province"));
      for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
        _rd_export_write_text (&w->sheet, w->row, i, i == 0 && part == 1 ? _("Province") : headers[i],
                               w->ctx->header_format);
      w->row++;
      for (guint i = 0; i <= rows->len; i++)
        {
          const RdReportIntercept *r = i == 0 ? &f->intercepts.all : g_ptr_array_index (rows, i - 1);

          _rd_export_write_text (&w->sheet, w->row, 0, r->label, i == 0 ? w->ctx->bold_format : NULL);
          _rd_export_write_count (&w->sheet, w->row, 1, r->requested);
          _rd_export_write_count (&w->sheet, w->row, 2, r->intercepted);
          _rd_export_write_count (&w->sheet, w->row, 3, r->failed);
          if (r->requested > 0)
            worksheet_write_number (w->sheet.sheet, w->row, 4, (double) r->intercepted / r->requested,
                                    w->ctx->percent_format);
          write_hours (w, 5, r->median_to_result);
          w->row++;
        }
      w->row++;
    }
}

static void
write_rates (Writer                *w,
             const RdReportFigures *f)
{
  const char *headers[] = { _("Channel"), _("Refunds"), _("Orders"), _("Refund rate") };

  heading (w, _("Refund rate"));
  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    _rd_export_write_text (&w->sheet, w->row, i, headers[i], w->ctx->header_format);
  w->row++;
  for (guint i = 0; i < f->rates->len; i++)
    {
      const RdReportRate *r = g_ptr_array_index (f->rates, i);

      _rd_export_write_text (&w->sheet, w->row, 0, r->label, NULL);
      _rd_export_write_count (&w->sheet, w->row, 1, r->refunds);
      if (r->has_orders)
        {
          _rd_export_write_count (&w->sheet, w->row, 2, (gint64) MIN (r->orders, (guint64) G_MAXINT64));
          if (r->orders > 0)
            worksheet_write_number (w->sheet.sheet, w->row, 3, (double) r->refunds / r->orders,
                                    w->ctx->percent_format);
        }
      else
        _rd_export_write_text (&w->sheet, w->row, 2, _("Not entered"), NULL);
      w->row++;
    }
  w->row++;
}

gboolean
_rd_export_write_report (RdExportContext  *ctx,
                         GError          **error)
{
  g_autoptr(RdReport) report = NULL;
  g_autoptr(GPtrArray) currencies = g_ptr_array_new ();
  g_autofree char *period_text = NULL;
  g_autofree char *before_text = NULL;
  g_autofree char *title = NULL;
  RdReportPeriod period;
  Writer w = { ctx };
  GArray *money;

  if (ctx->opts->year == 0)
    {
      /* The whole ledger has no period before it: no Report sheet. */
      return TRUE;
    }
  if (!rd_report_period_init (&period, ctx->opts->year, MAX (ctx->opts->month, 1), ctx->opts->year,
                              ctx->opts->month == 0 ? 12 : ctx->opts->month, error))
    return FALSE;

  report = rd_report_compute (ctx->db, &period, 0, ctx->cancellable, error);
  if (report == NULL)
    return FALSE;

  money = report->current->refunds.total.money;
  for (guint i = 0; i < money->len && i + 3 < RD_EXPORT_MAX_COLUMNS; i++)
    g_ptr_array_add (currencies, g_array_index (money, RdReportMoney, i).currency);
  if (currencies->len == 0)
    g_ptr_array_add (currencies, (gpointer) "CNY");
  w.currencies = currencies;
  w.chart_col = 3 + currencies->len + 1;

  if (!_rd_export_add_sheet (ctx, &w.sheet, C_("sheet", "Report"), error))
    return FALSE;
  w.name = _rd_export_sheet_name (C_("sheet", "Report"), 1);
  /* Printed, the title row heads every page, as the other sheets' headers. */
  worksheet_repeat_rows (w.sheet.sheet, 0, 0);

  period_text = rd_report_period_format (&report->current->period);
  before_text = rd_report_period_format (&report->previous->period);
  /* TRANSLATORS: the title of the Report sheet: the period, the one before */
  title = g_strdup_printf (_("Refunds requested %s, compared with %s"), period_text, before_text);
  heading (&w, title);
  w.row++;

  write_totals (&w, report);
  write_days (&w, report);
  bars_block (&w, _("Cases by reason"), _("Reason"), report->current->refunds.by_reason,
              report->previous->refunds.by_reason, LXW_CHART_DOUGHNUT);
  bars_block (&w, _("Cases by channel"), _("Channel"), report->current->refunds.by_channel,
              report->previous->refunds.by_channel, LXW_CHART_BAR);
  bars_block (&w, _("Cases by kind"), _("Kind"), report->current->refunds.by_kind,
              report->previous->refunds.by_kind, LXW_CHART_NONE);
  bars_block (&w, _("Cases by payment method"), _("Payment method"), report->current->refunds.by_payment,
              report->previous->refunds.by_payment, LXW_CHART_NONE);
  write_losses (&w, report->current, report->previous);
  write_speed (&w, report->current);
  write_intercepts (&w, report->current);
  write_rates (&w, report->current);

  _rd_export_sheet_finish (&w.sheet, w.row);
  g_free (w.name);
  return TRUE;
}
