/* rd-report.c
 *
 * A report: the period and the one before it, each computed from one
 * snapshot of the ledger by the walks of rd-report-cases.c (the cases),
 * rd-report-intercepts.c (the register, the claims) and rd-order-counts.c
 * (the refund rate); and the bars every figure is made of.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rd-channels.h"
#include "rd-money-totals.h"
#include "rd-report-private.h"

G_DEFINE_QUARK (rd-report-error-quark, rd_report_error)

/* Periods */

gboolean
rd_report_period_init (RdReportPeriod *period,
                       int             from_year,
                       int             from_month,
                       int             to_year,
                       int             to_month,
                       GError        **error)
{
  g_return_val_if_fail (period != NULL, FALSE);

  if (from_month < 1 || from_month > 12 || to_month < 1 || to_month > 12 ||
      from_year < 1970 || from_year > 9998 || to_year < 1970 || to_year > 9998)
    {
      g_set_error (error, RD_REPORT_ERROR, RD_REPORT_ERROR_INVALID,
                   _("A report’s months must be between 1970-01 and 9998-12."));
      return FALSE;
    }
  if (to_year * 12 + to_month < from_year * 12 + from_month)
    {
      g_set_error (error, RD_REPORT_ERROR, RD_REPORT_ERROR_INVALID,
                   _("The last month of a report cannot come before its first."));
      return FALSE;
    }

  period->from_year = from_year;
  period->from_month = from_month;
  period->to_year = to_year;
  period->to_month = to_month;
  return TRUE;
}

char *
rd_report_period_format (const RdReportPeriod *period)
{
  g_return_val_if_fail (period != NULL, NULL);

  if (period->from_year == period->to_year && period->from_month == period->to_month)
    return g_strdup_printf ("%04d-%02d", period->from_year, period->from_month);
  return g_strdup_printf ("%04d-%02d – %04d-%02d", period->from_year, period->from_month,
                          period->to_year, period->to_month);
}

void
rd_report_period_previous (const RdReportPeriod *period,
                           RdReportPeriod       *previous)
{
  int first = period->from_year * 12 + (period->from_month - 1);
  int last = period->to_year * 12 + (period->to_month - 1);
  int n = last - first + 1;

  previous->from_year = (first - n) / 12;
  previous->from_month = (first - n) % 12 + 1;
  previous->to_year = (first - 1) / 12;
  previous->to_month = (first - 1) % 12 + 1;
}

static gint64
local_month_start (int year,
                   int month)
{
  g_autoptr(GDateTime) dt = NULL;

  if (month > 12)
    {
      year++;
      month = 1;
    }
  dt = g_date_time_new_local (year, month, 1, 0, 0, 0);
  return dt != NULL ? g_date_time_to_unix (dt) : 0;
}

/* Bars */

static void
money_clear (RdReportMoney *money)
{
  g_free (money->currency);
}

void
_rd_report_bar_init (RdReportBar    *bar,
                     const char     *key,
                     const char     *label,
                     RdLedgerFilter *filter)
{
  bar->key = g_strdup (key != NULL ? key : "");
  bar->label = g_strdup (label != NULL ? label : "");
  bar->count = 0;
  bar->money = g_array_new (FALSE, TRUE, sizeof (RdReportMoney));
  g_array_set_clear_func (bar->money, (GDestroyNotify) money_clear);
  bar->filter = filter != NULL ? filter : rd_ledger_filter_new ();
}

RdReportBar *
_rd_report_bar_new (const char     *key,
                    const char     *label,
                    RdLedgerFilter *filter)
{
  RdReportBar *bar = g_new0 (RdReportBar, 1);

  _rd_report_bar_init (bar, key, label, filter);
  return bar;
}

void
_rd_report_bar_clear (RdReportBar *bar)
{
  g_clear_pointer (&bar->key, g_free);
  g_clear_pointer (&bar->label, g_free);
  g_clear_pointer (&bar->money, g_array_unref);
  g_clear_pointer (&bar->filter, rd_ledger_filter_free);
}

void
_rd_report_bar_free (RdReportBar *bar)
{
  if (bar == NULL)
    return;
  _rd_report_bar_clear (bar);
  g_free (bar);
}

gboolean
_rd_report_bar_add (RdReportBar *bar,
                    const char  *currency,
                    gint64       paid,
                    gint64       amount,
                    GError     **error)
{
  return _rd_report_bar_add_n (bar, currency, 1, paid, amount, error);
}

gboolean
_rd_report_bar_add_n (RdReportBar *bar,
                      const char  *currency,
                      guint        n,
                      gint64       paid,
                      gint64       amount,
                      GError     **error)
{
  const char *code;
  RdReportMoney *money = NULL;
  gint64 new_paid, new_amount;
  guint i;

  /* Most rows are of a currency the bar has already, spelled as stored. */
  for (i = 0; i < bar->money->len && money == NULL; i++)
    if (g_strcmp0 (g_array_index (bar->money, RdReportMoney, i).currency, currency) == 0)
      money = &g_array_index (bar->money, RdReportMoney, i);

  code = money != NULL ? money->currency : rd_currency_normalize (currency);
  for (i = 0; money == NULL && i < bar->money->len; i++)
    {
      RdReportMoney *m = &g_array_index (bar->money, RdReportMoney, i);
      int cmp = rd_currency_compare (m->currency, code);

      if (cmp == 0)
        {
          money = m;
          break;
        }
      if (cmp > 0)
        break;
    }

  if (money == NULL)
    {
      RdReportMoney fresh = { g_strdup (code), 0, 0, 0 };

      g_array_insert_val (bar->money, i, fresh);
      money = &g_array_index (bar->money, RdReportMoney, i);
    }

  if (!rd_money_add (money->paid, paid, &new_paid, NULL) ||
      !rd_money_add (money->amount, amount, &new_amount, NULL))
    {
      g_set_error (error, RD_REPORT_ERROR, RD_REPORT_ERROR_OVERFLOW,
                   _("A sum of the report in %s is too large to add up."), code);
      return FALSE;
    }
  money->paid = new_paid;
  money->amount = new_amount;
  money->count += n;
  bar->count += n;
  return TRUE;
}

void
_rd_report_bar_add_id (RdReportBar *bar,
                       gint64       id)
{
  if (bar->filter->ids == NULL)
    bar->filter->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (bar->filter->ids, id);
}

static int
compare_bars (gconstpointer a,
              gconstpointer b)
{
  const RdReportBar *x = *(RdReportBar * const *) a;
  const RdReportBar *y = *(RdReportBar * const *) b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return strcmp (x->key, y->key);
}

GPtrArray *
_rd_report_bars_sorted (GHashTable *bars)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) _rd_report_bar_free);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, bars);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_ptr_array_add (out, value);
      g_hash_table_iter_steal (&iter);
    }
  g_ptr_array_sort (out, compare_bars);
  return out;
}

RdLedgerFilter *
_rd_report_period_filter (const RdReportFigures *figures)
{
  RdLedgerFilter *filter = rd_ledger_filter_new ();
  const RdReportPeriod *p = &figures->period;

  if (p->from_year == p->to_year && p->from_month == p->to_month)
    {
      filter->year = p->from_year;
      filter->month = p->from_month;
    }
  else
    {
      filter->requested_from = figures->start;
      filter->requested_to = figures->end;
    }
  return filter;
}

RdLedgerFilter *
_rd_report_ids_filter (void)
{
  RdLedgerFilter *filter = rd_ledger_filter_new ();

  filter->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  return filter;
}

static void
swap_gint64 (gint64 *a,
             gint64 *b)
{
  gint64 t = *a;

  *a = *b;
  *b = t;
}

void
_rd_report_select_rank (gint64 *v,
                        gsize   lo,
                        gsize   hi,
                        gsize   k)
{
  while (lo < hi)
    {
      gint64 pivot = v[lo + (hi - lo) / 2];
      gsize i = lo, j = hi;

      while (i <= j)
        {
          while (v[i] < pivot)
            i++;
          while (v[j] > pivot)
            j--;
          if (i <= j)
            {
              swap_gint64 (&v[i], &v[j]);
              i++;
              if (j == 0)
                break;
              j--;
            }
        }
      if (k <= j)
        hi = j;
      else if (k >= i)
        lo = i;
      else
        return;
    }
}

gint64
_rd_report_percentile (GArray *durations,
                       int     percent)
{
  gsize rank;

  if (durations == NULL || durations->len == 0)
    return -1;
  /* Nearest rank: the smallest value with at least percent % at or below it. */
  rank = MAX (((guint64) durations->len * (guint) percent + 99) / 100, 1) - 1;
  _rd_report_select_rank ((gint64 *) durations->data, 0, durations->len - 1, rank);
  return g_array_index (durations, gint64, rank);
}

char *
_rd_report_channel_label (const char *channel)
{
  if (channel == NULL || *channel == '\0')
    return g_strdup (_("Not set"));
  return rd_channel_display_name (channel, NULL);
}

void
_rd_report_set_db_error (sqlite3 *db,
                         int      rc,
                         GError **error)
{
  if (rc == SQLITE_INTERRUPT)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The report was cancelled."));
  else
    g_set_error (error, RD_REPORT_ERROR, RD_REPORT_ERROR_FAILED,
                 _("The ledger could not be read for the report: %s"), sqlite3_errmsg (db));
}

int
_rd_report_schema_version (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int version = 0;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

/* Figures */

static void
speed_free (RdReportSpeed *speed)
{
  g_free (speed->key);
  g_free (speed->label);
  rd_ledger_filter_free (speed->filter);
  g_free (speed);
}

static void
intercept_clear (RdReportIntercept *row)
{
  g_clear_pointer (&row->key, g_free);
  g_clear_pointer (&row->label, g_free);
  g_clear_pointer (&row->filter, rd_ledger_filter_free);
}

static void
intercept_free (RdReportIntercept *row)
{
  intercept_clear (row);
  g_free (row);
}

static void
rate_free (RdReportRate *rate)
{
  g_free (rate->key);
  g_free (rate->label);
  rd_ledger_filter_free (rate->filter);
  g_free (rate);
}

static void
figures_free (RdReportFigures *f)
{
  if (f == NULL)
    return;

  _rd_report_bar_clear (&f->refunds.total);
  g_clear_pointer (&f->refunds.per_day, g_ptr_array_unref);
  g_clear_pointer (&f->refunds.by_kind, g_ptr_array_unref);
  g_clear_pointer (&f->refunds.by_reason, g_ptr_array_unref);
  g_clear_pointer (&f->refunds.by_channel, g_ptr_array_unref);
  g_clear_pointer (&f->refunds.by_payment, g_ptr_array_unref);
  _rd_report_bar_clear (&f->refunds.merchant_fault);

  _rd_report_bar_clear (&f->losses.no_return);
  _rd_report_bar_clear (&f->losses.not_recovered);
  _rd_report_bar_clear (&f->losses.compensation);
  _rd_report_bar_clear (&f->losses.return_shipping);
  _rd_report_bar_clear (&f->losses.claims_filed);
  _rd_report_bar_clear (&f->losses.claims_recovered);

  g_clear_pointer (&f->speed.by_channel, g_ptr_array_unref);
  _rd_report_bar_clear (&f->speed.deadline_missed);
  _rd_report_bar_clear (&f->speed.overdue_now);

  intercept_clear (&f->intercepts.all);
  g_clear_pointer (&f->intercepts.by_courier, g_ptr_array_unref);
  g_clear_pointer (&f->intercepts.by_province, g_ptr_array_unref);

  g_clear_pointer (&f->rates, g_ptr_array_unref);
  g_free (f);
}

static RdReportFigures *
figures_new (const RdReportPeriod *period)
{
  RdReportFigures *f = g_new0 (RdReportFigures, 1);

  f->period = *period;
  f->start = local_month_start (period->from_year, period->from_month);
  f->end = local_month_start (period->to_year, period->to_month + 1);

  _rd_report_bar_init (&f->refunds.total, "", _("Refunds"), _rd_report_period_filter (f));
  _rd_report_bar_init (&f->refunds.merchant_fault, "merchant", _("Caused by the shop"),
                       _rd_report_ids_filter ());
  f->refunds.per_day = g_ptr_array_new_with_free_func ((GDestroyNotify) _rd_report_bar_free);
  f->refunds.by_kind = g_ptr_array_new_with_free_func ((GDestroyNotify) _rd_report_bar_free);
  f->refunds.by_reason = g_ptr_array_new_with_free_func ((GDestroyNotify) _rd_report_bar_free);
  f->refunds.by_channel = g_ptr_array_new_with_free_func ((GDestroyNotify) _rd_report_bar_free);
  f->refunds.by_payment = g_ptr_array_new_with_free_func ((GDestroyNotify) _rd_report_bar_free);

  _rd_report_bar_init (&f->losses.no_return, "no_return", _("Refunds without a return"),
                       _rd_report_ids_filter ());
  _rd_report_bar_init (&f->losses.not_recovered, "not_recovered",
                       _("Refunded, parcel not recovered"), _rd_report_ids_filter ());
  _rd_report_bar_init (&f->losses.compensation, "compensation", _("Compensation"),
                       _rd_report_ids_filter ());
  _rd_report_bar_init (&f->losses.return_shipping, "return_shipping",
                       _("Return shipping paid by the shop"), _rd_report_ids_filter ());
  _rd_report_bar_init (&f->losses.claims_filed, "claims_filed", _("Claims filed"),
                       _rd_report_ids_filter ());
  _rd_report_bar_init (&f->losses.claims_recovered, "claims_recovered", _("Claims recovered"),
                       _rd_report_ids_filter ());

  f->speed.by_channel = g_ptr_array_new_with_free_func ((GDestroyNotify) speed_free);
  _rd_report_bar_init (&f->speed.deadline_missed, "deadline_missed",
                       _("Platform deadlines missed"), _rd_report_ids_filter ());
  _rd_report_bar_init (&f->speed.overdue_now, "overdue_now",
                       _("Open past their deadline now"), _rd_report_ids_filter ());

  f->intercepts.all.key = g_strdup ("");
  f->intercepts.all.label = g_strdup (_("All couriers"));
  f->intercepts.all.median_to_result = -1;
  f->intercepts.all.filter = _rd_report_ids_filter ();
  f->intercepts.by_courier = g_ptr_array_new_with_free_func ((GDestroyNotify) intercept_free);
  f->intercepts.by_province = g_ptr_array_new_with_free_func ((GDestroyNotify) intercept_free);

  f->rates = g_ptr_array_new_with_free_func ((GDestroyNotify) rate_free);
  return f;
}

static gboolean
on_progress (void *data)
{
  return g_cancellable_is_cancelled (data);
}

/* The same for every period: computed once, copied. */
static void
copy_bar (RdReportBar       *to,
          const RdReportBar *from)
{
  _rd_report_bar_clear (to);
  _rd_report_bar_init (to, from->key, from->label, rd_ledger_filter_copy (from->filter));
  to->count = from->count;
  for (guint i = 0; i < from->money->len; i++)
    {
      RdReportMoney m = g_array_index (from->money, RdReportMoney, i);

      m.currency = g_strdup (m.currency);
      g_array_append_val (to->money, m);
    }
}

static RdReportFigures *
compute_figures (sqlite3              *db,
                 const RdReportPeriod *period,
                 gint64                now,
                 const RdReportBar    *overdue_now,
                 GError              **error)
{
  RdReportFigures *f = figures_new (period);
  gboolean answered = FALSE;

  if (!_rd_report_summary (db, f, now, &answered, error) ||
      (!answered && !_rd_report_cases (db, f, now, error)) ||
      (overdue_now == NULL && !_rd_report_overdue (db, f, now, error)) ||
      !_rd_report_intercepts (db, f, error) ||
      !_rd_report_claims (db, f, error) ||
      !_rd_report_rates (db, f, error))
    {
      figures_free (f);
      return NULL;
    }
  if (overdue_now != NULL)
    copy_bar (&f->speed.overdue_now, overdue_now);
  return f;
}

RdReport *
rd_report_compute (sqlite3              *db,
                   const RdReportPeriod *period,
                   gint64                now,
                   GCancellable         *cancellable,
                   GError              **error)
{
  g_autoptr(RdReport) report = g_new0 (RdReport, 1);
  RdReportPeriod previous;
  gboolean own_txn;
  gint64 started = g_get_monotonic_time ();

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (period != NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  report->now = now != 0 ? now : g_get_real_time () / G_USEC_PER_SEC;
  rd_report_period_previous (period, &previous);

  /* One snapshot for both periods. */
  own_txn = sqlite3_get_autocommit (db);
  if (own_txn && sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    {
      _rd_report_set_db_error (db, SQLITE_ERROR, error);
      return NULL;
    }
  if (cancellable != NULL)
    sqlite3_progress_handler (db, RD_REPORT_PROGRESS_STEPS, on_progress, cancellable);

  report->current = compute_figures (db, period, report->now, NULL, error);
  if (report->current != NULL)
    report->previous = compute_figures (db, &previous, report->now, &report->current->speed.overdue_now, error);

  if (cancellable != NULL)
    sqlite3_progress_handler (db, 0, NULL, NULL);
  if (own_txn)
    sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);

  if (report->current == NULL || report->previous == NULL)
    return NULL;

  g_debug ("Report %04d-%02d to %04d-%02d: %u cases in %.1f ms", period->from_year,
           period->from_month, period->to_year, period->to_month, report->current->refunds.total.count,
           (g_get_monotonic_time () - started) / 1000.0);
  return g_steal_pointer (&report);
}

void
rd_report_free (RdReport *self)
{
  if (self == NULL)
    return;
  figures_free (self->current);
  figures_free (self->previous);
  g_free (self);
}

const RdReportMoney *
rd_report_money_lookup (GArray     *money,
                        const char *currency)
{
  const char *code;

  if (money == NULL)
    return NULL;
  code = rd_currency_normalize (currency);
  for (guint i = 0; i < money->len; i++)
    {
      const RdReportMoney *m = &g_array_index (money, RdReportMoney, i);

      if (g_strcmp0 (m->currency, code) == 0)
        return m;
    }
  return NULL;
}
