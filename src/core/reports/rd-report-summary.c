/* rd-report-summary.c
 *
 * The figures of a report's cases from the derived tables of schema
 * version 15 (rd-store-schema-report.c) instead of a walk over the cases
 * (rd-report-cases.c, which still answers an older ledger, a period whose
 * days do not start on whole UTC hours, and a sum beyond 64 bits):
 *
 *  - refunds (total, per day, by kind, reason, channel, payment method, the
 *    shop's fault), refunds without a return, compensation and the cases
 *    decided after their deadline: sums of report_totals over the period's
 *    hours, a few dozen rows an hour;
 *  - the open cases past their deadline, of the period's and all: the
 *    open ones with a deadline (report_totals), less the few whose
 *    deadline is still ahead (the partial index cases_open_deadline);
 *  - paid while not recovered: report_not_recovered's range;
 *  - return shipping: the cases with a breakdown (cases_report_breakdown);
 *  - speed: the approval times (case_decisions_speed) and payout times
 *    (cases_report_paid) of each channel, read from the indexes, and the
 *    nearest-rank percentiles by selection.
 *
 * Every figure is the walk's to the fen (tests/test-report.c compares
 * both). A figure's filter describes its cases (the period with a kind,
 * channel, reason list or report set, rd-ledger-query.h) rather than
 * listing them; only the small sets (not recovered, return shipping, a kind
 * or payment method this build does not know) list their ids.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rd-money.h"
#include "rd-report-private.h"
#include "rd-report-sql.h"

typedef struct
{
  RdReportFigures *f;
  sqlite3         *db;
  gint64           now;
  gint64           hour_from;   /* the period's hours: [hour_from, hour_to) */
  gint64           hour_to;
  GArray          *day_starts;
  gboolean         unanswered;  /* a REAL sum or an integer overflow */
  gboolean         failed;      /* a statement failed (error set, or unanswered) */
} Summary;

static gboolean
prepare (Summary       *s,
         const char    *sql,
         sqlite3_stmt **stmt,
         GError       **error)
{
  int rc = sqlite3_prepare_v2 (s->db, sql, -1, stmt, NULL);

  if (rc != SQLITE_OK)
    {
      _rd_report_set_db_error (s->db, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* SQLITE_DONE / SQLITE_ROW as sqlite3_step; FALSE with error otherwise,
 * or with s->unanswered when sum () overflowed. */
static gboolean
step (Summary      *s,
      sqlite3_stmt *stmt,
      gboolean     *row,
      GError      **error)
{
  int rc = sqlite3_step (stmt);

  *row = FALSE;
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    s->failed = TRUE;
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    {
      *row = rc == SQLITE_ROW;
      return TRUE;
    }
  if (rc == SQLITE_ERROR && strstr (sqlite3_errmsg (s->db), "integer overflow") != NULL)
    {
      s->unanswered = TRUE;
      return FALSE;
    }
  _rd_report_set_db_error (s->db, rc, error);
  return FALSE;
}

static const char *
text (sqlite3_stmt *stmt,
      int           column)
{
  const char *t = (const char *) sqlite3_column_text (stmt, column);

  return t != NULL ? t : "";
}

/* Columns from first on: n, paid, approved (sums of report_totals). */
static gboolean
add_sums (Summary      *s,
          RdReportBar  *bar,
          const char   *currency,
          sqlite3_stmt *stmt,
          int           first,
          GError      **error)
{
  if (sqlite3_column_type (stmt, first + 1) != SQLITE_INTEGER ||
      sqlite3_column_type (stmt, first + 2) != SQLITE_INTEGER)
    {
      s->unanswered = s->failed = TRUE;
      return FALSE;
    }
  return _rd_report_bar_add_n (bar, currency, (guint) sqlite3_column_int64 (stmt, first),
                               sqlite3_column_int64 (stmt, first + 1),
                               sqlite3_column_int64 (stmt, first + 2), error);
}

static RdLedgerFilter *
period_filter (Summary *s)
{
  return _rd_report_period_filter (s->f);
}

/* The ids of the period's cases whose column (kind, payment_method) is
 * value: a value this build does not know, which no filter can name. */
static RdLedgerFilter *
ids_filter_of (Summary     *s,
               const char  *column,
               const char  *value,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM cases WHERE requested_at >= ?1 AND requested_at < ?2"
                                          " AND %s = ?3 ORDER BY id", column);
  RdLedgerFilter *filter;
  gboolean row = FALSE;

  if (!prepare (s, sql, &stmt, error))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, s->f->start);
  sqlite3_bind_int64 (stmt, 2, s->f->end);
  sqlite3_bind_text (stmt, 3, value, -1, SQLITE_STATIC);
  filter = _rd_report_ids_filter ();
  while (step (s, stmt, &row, error) && row)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (filter->ids, id);
    }
  if (s->failed)
    {
      rd_ledger_filter_free (filter);
      return NULL;
    }
  return filter;
}

/* The bars of one dimension of report_totals, into bars (value → bar). */
static gboolean
read_dim (Summary    *s,
          const char *dim,
          GHashTable *bars,
          GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean row = FALSE;

  if (!prepare (s, "SELECT value, currency, sum (n), sum (paid), sum (approved) FROM report_totals"
                   " WHERE dim = ?1 AND hour >= ?2 AND hour < ?3 GROUP BY value, currency",
                &stmt, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, dim, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, s->hour_from);
  sqlite3_bind_int64 (stmt, 3, s->hour_to);
  while (step (s, stmt, &row, error) && row)
    {
      const char *value = text (stmt, 0);
      RdReportBar *bar = g_hash_table_lookup (bars, value);

      if (bar == NULL)
        {
          bar = _rd_report_bar_new (value, "", NULL);
          g_hash_table_insert (bars, bar->key, bar);
        }
      if (!add_sums (s, bar, text (stmt, 1), stmt, 2, error))
        return FALSE;
    }
  return !s->failed;
}

/* Labels and filters of the bars of a dimension. */
static gboolean
finish_kinds (Summary    *s,
              GHashTable *bars,
              GError    **error)
{
  GHashTableIter iter;
  RdReportBar *bar;

  g_hash_table_iter_init (&iter, bars);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &bar))
    {
      RdRefundKind kind = rd_refund_kind_from_id (bar->key);

      g_free (bar->label);
      bar->label = g_strdup (_rd_report_label_or_not_set (rd_refund_kind_get_name (kind), bar->key));
      rd_ledger_filter_free (bar->filter);
      if (kind == RD_REFUND_KIND_NONE && *bar->key != '\0')
        bar->filter = ids_filter_of (s, "kind", bar->key, error);
      else
        {
          bar->filter = period_filter (s);
          bar->filter->kind = kind;
        }
      if (bar->filter == NULL)
        {
          bar->filter = rd_ledger_filter_new ();
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
finish_payments (Summary    *s,
                 GHashTable *bars,
                 GError    **error)
{
  GHashTableIter iter;
  RdReportBar *bar;

  g_hash_table_iter_init (&iter, bars);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &bar))
    {
      RdPaymentMethod method = rd_payment_method_from_id (bar->key);

      g_free (bar->label);
      bar->label = g_strdup (_rd_report_label_or_not_set (rd_payment_method_get_name (method), bar->key));
      rd_ledger_filter_free (bar->filter);
      if (method == RD_PAYMENT_METHOD_NONE)
        bar->filter = ids_filter_of (s, "payment_method", bar->key, error);
      else
        {
          bar->filter = period_filter (s);
          bar->filter->payment_method = method;
        }
      if (bar->filter == NULL)
        {
          bar->filter = rd_ledger_filter_new ();
          return FALSE;
        }
    }
  return TRUE;
}

static void
finish_channels (Summary    *s,
                 GHashTable *bars)
{
  GHashTableIter iter;
  RdReportBar *bar;

  g_hash_table_iter_init (&iter, bars);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &bar))
    {
      g_free (bar->label);
      bar->label = _rd_report_channel_label (bar->key);
      rd_ledger_filter_free (bar->filter);
      bar->filter = period_filter (s);
      bar->filter->channel = g_strdup (bar->key);
    }
}

/* Adds every sum of from to to. */
static gboolean
merge_money (RdReportBar *to,
             RdReportBar *from,
             GError     **error)
{
  for (guint j = 0; j < from->money->len; j++)
    {
      const RdReportMoney *m = &g_array_index (from->money, RdReportMoney, j);

      if (!_rd_report_bar_add_n (to, m->currency, m->count, m->paid, m->amount, error))
        return FALSE;
    }
  return TRUE;
}

/* The top reasons, "other" for the rest (by the list of their reasons), and
 * the shop's fault (by the list of the reasons at fault). */
static gboolean
finish_reasons (Summary    *s,
                GHashTable *bars,
                GError    **error)
{
  RdReportFigures *f = s->f;
  g_autoptr(GPtrArray) merchant = g_ptr_array_new ();
  g_autoptr(GPtrArray) sorted = NULL;
  g_autoptr(GPtrArray) others = g_ptr_array_new ();
  GHashTableIter iter;
  RdReportBar *bar;
  RdReportBar *other;
  guint keep;

  g_hash_table_iter_init (&iter, bars);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &bar))
    {
      g_free (bar->label);
      bar->label = g_strdup (_rd_report_label_or_not_set (rd_refund_reason_get_name (bar->key), bar->key));
      rd_ledger_filter_free (bar->filter);
      bar->filter = period_filter (s);
      bar->filter->reason = g_strdup (bar->key);
      if (_rd_report_is_merchant_fault (bar->key))
        {
          g_ptr_array_add (merchant, g_strdup (bar->key));
          if (!merge_money (&f->refunds.merchant_fault, bar, error))
            return FALSE;
        }
    }
  g_ptr_array_add (merchant, NULL);
  rd_ledger_filter_free (f->refunds.merchant_fault.filter);
  f->refunds.merchant_fault.filter = period_filter (s);
  f->refunds.merchant_fault.filter->reasons = (char **) g_ptr_array_steal (merchant, NULL);

  sorted = _rd_report_bars_sorted (bars);
  keep = sorted->len <= RD_REPORT_TOP_REASONS + 1 ? sorted->len : RD_REPORT_TOP_REASONS;
  g_ptr_array_set_free_func (sorted, NULL);
  for (guint i = 0; i < keep; i++)
    g_ptr_array_add (f->refunds.by_reason, g_ptr_array_index (sorted, i));
  if (keep == sorted->len)
    return TRUE;

  other = _rd_report_bar_new ("other", _("Other reasons"), period_filter (s));
  g_ptr_array_add (f->refunds.by_reason, other);
  for (guint i = keep; i < sorted->len; i++)
    {
      bar = g_ptr_array_index (sorted, i);
      g_ptr_array_add (others, g_strdup (bar->key));
      /* Parts of the period's total, which fitted. */
      if (!merge_money (other, bar, error))
        return FALSE;
      _rd_report_bar_free (bar);
      g_ptr_array_index (sorted, i) = NULL;
    }
  g_ptr_array_add (others, NULL);
  other->filter->reasons = (char **) g_ptr_array_steal (others, NULL);
  return TRUE;
}

static RdReportBar *
day_bar (Summary *s,
         gint64   at)
{
  guint lo = 0, hi = s->f->refunds.per_day->len;

  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (s->day_starts, gint64, mid) <= at)
        lo = mid;
      else
        hi = mid;
    }
  return hi > 0 ? g_ptr_array_index (s->f->refunds.per_day, lo) : NULL;
}

/* The total and the days, from the 'kind' rows (every case has one). */
static gboolean
read_days (Summary *s,
           GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean row = FALSE;

  if (!prepare (s, "SELECT hour, currency, sum (n), sum (paid), sum (approved) FROM report_totals"
                   " WHERE dim = 'kind' AND hour >= ?1 AND hour < ?2 GROUP BY hour, currency",
                &stmt, error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, s->hour_from);
  sqlite3_bind_int64 (stmt, 2, s->hour_to);
  while (step (s, stmt, &row, error) && row)
    {
      RdReportBar *bar = day_bar (s, sqlite3_column_int64 (stmt, 0));
      const char *currency = text (stmt, 1);

      if (!add_sums (s, &s->f->refunds.total, currency, stmt, 2, error) ||
          (bar != NULL && !add_sums (s, bar, currency, stmt, 2, error)))
        return FALSE;
    }
  return !s->failed;
}

/* A set's row ('no_return', 'compensation', 'late') into bar, whose filter
 * becomes the period's with the set. */
static gboolean
read_set (Summary           *s,
          const char        *dim,
          RdLedgerReportSet  set,
          RdReportBar       *bar,
          GError           **error)
{
  g_autoptr(GHashTable) bars = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                      (GDestroyNotify) _rd_report_bar_free);
  RdReportBar *sums;

  if (!read_dim (s, dim, bars, error))
    return FALSE;
  rd_ledger_filter_free (bar->filter);
  bar->filter = period_filter (s);
  bar->filter->report_set = set;
  bar->filter->now = s->now;
  sums = g_hash_table_lookup (bars, "");
  return sums == NULL || merge_money (bar, sums, error);
}

/* Rows of (id, currency, paid, amount) into bar, with their ids. */
static gboolean
read_listed (Summary     *s,
             const char  *sql,
             RdReportBar *bar,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean row = FALSE;

  if (!prepare (s, sql, &stmt, error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, s->f->start);
  sqlite3_bind_int64 (stmt, 2, s->f->end);
  while (step (s, stmt, &row, error) && row)
    {
      _rd_report_bar_add_id (bar, sqlite3_column_int64 (stmt, 0));
      if (!_rd_report_bar_add (bar, text (stmt, 1), sqlite3_column_int64 (stmt, 2),
                               sqlite3_column_int64 (stmt, 3), error))
        return FALSE;
    }
  return !s->failed;
}

/* Rows of (currency, n, paid, amount) into bar; ?1, ?2 the period, ?3 now. */
static gboolean
read_sums (Summary     *s,
           const char  *sql,
           RdReportBar *bar,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean row = FALSE;

  if (!prepare (s, sql, &stmt, error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, s->f->start);
  sqlite3_bind_int64 (stmt, 2, s->f->end);
  sqlite3_bind_int64 (stmt, 3, s->now);
  while (step (s, stmt, &row, error) && row)
    if (!add_sums (s, bar, text (stmt, 0), stmt, 1, error))
      return FALSE;
  return !s->failed;
}

/* Takes from's sums off bar (from's cases are among bar's). */
static void
bar_subtract (RdReportBar *bar,
              RdReportBar *from)
{
  for (guint j = 0; j < from->money->len; j++)
    {
      const RdReportMoney *m = &g_array_index (from->money, RdReportMoney, j);

      for (guint i = 0; i < bar->money->len; i++)
        {
          RdReportMoney *b = &g_array_index (bar->money, RdReportMoney, i);

          if (!g_str_equal (b->currency, m->currency))
            continue;
          b->count -= m->count;
          b->paid -= m->paid;
          b->amount -= m->amount;
          bar->count -= m->count;
          if (b->count == 0)
            g_array_remove_index (bar->money, i);
          break;
        }
    }
}

/* The period's open undecided cases past their deadline at now. */
static gboolean
read_open_late (Summary *s,
                GError **error)
{
  g_autoptr(GHashTable) bars = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                      (GDestroyNotify) _rd_report_bar_free);
  RdReportBar ahead;
  RdReportBar *open;
  gboolean ok;

  if (!read_dim (s, "open_undecided", bars, error))
    return FALSE;
  open = g_hash_table_lookup (bars, "");
  if (open == NULL)
    return TRUE;
  _rd_report_bar_init (&ahead, "", "", NULL);
  ok = read_sums (s, "SELECT c.currency, count(*), sum (c.amount_paid), sum (coalesce (c.approved_amount, 0))"
                     " FROM cases AS c INDEXED BY cases_open_deadline"
                     " WHERE " RD_REPORT_SQL_OPEN_UNDECIDED ("c") " AND c.platform_deadline >= ?3"
                     " AND c.requested_at >= ?1 AND c.requested_at < ?2 GROUP BY c.currency",
                  &ahead, error);
  if (ok)
    {
      bar_subtract (open, &ahead);
      ok = merge_money (&s->f->speed.deadline_missed, open, error);
    }
  _rd_report_bar_clear (&ahead);
  return ok;
}

gboolean
_rd_report_overdue_summary (sqlite3         *db,
                            RdReportFigures *figures,
                            gint64           now,
                            gboolean        *answered,
                            GError         **error)
{
  Summary s = { figures, db, now };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  RdReportBar *bar = &figures->speed.overdue_now;
  RdReportBar all, ahead;
  gboolean row = FALSE;
  gboolean ok;

  *answered = FALSE;
  if (_rd_report_schema_version (db) < 15)
    return TRUE;

  /* Every open case with a deadline, less those whose deadline is ahead. */
  _rd_report_bar_init (&all, "", "", NULL);
  _rd_report_bar_init (&ahead, "", "", NULL);
  ok = prepare (&s, "SELECT currency, sum (n), sum (paid), sum (approved) FROM report_totals"
                    " WHERE dim = 'open_deadline' GROUP BY currency", &stmt, error);
  while (ok && step (&s, stmt, &row, error) && row)
    ok = add_sums (&s, &all, text (stmt, 0), stmt, 1, error);
  ok = ok && !s.failed;
  if (ok)
    {
      /* read_sums binds the period too: unused here. */
      ok = read_sums (&s, "SELECT currency, count(*), sum (amount_paid), sum (coalesce (approved_amount, 0))"
                          " FROM cases INDEXED BY cases_open_deadline"
                          " WHERE " RD_REPORT_SQL_OPEN_DEADLINE ("cases") " AND platform_deadline >= ?3"
                          " AND ?1 <= ?2 GROUP BY currency",
                      &ahead, error);
    }
  if (ok)
    {
      bar_subtract (&all, &ahead);
      ok = merge_money (bar, &all, error);
    }
  _rd_report_bar_clear (&all);
  _rd_report_bar_clear (&ahead);
  if (!ok)
    return s.unanswered;   /* a sum beyond 64 bits: the walk says which */
  rd_ledger_filter_free (bar->filter);
  bar->filter = rd_ledger_filter_new ();
  bar->filter->report_set = RD_LEDGER_REPORT_SET_OVERDUE;
  bar->filter->now = now;
  *answered = TRUE;
  return TRUE;
}

/* Return shipping the shop reimbursed, from the breakdowns of the granted
 * refunds (as rd-report-cases.c reads it). */
static gboolean
read_return_shipping (Summary *s,
                      GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  RdReportBar *bar = &s->f->losses.return_shipping;
  gboolean row = FALSE;

  if (!prepare (s, "SELECT c.id, c.currency, c.amount_paid,"
                   " json_extract (c.breakdown, '$.return_shipping_refund'), json_extract (c.breakdown, '$.currency')"
                   " FROM cases AS c INDEXED BY cases_report_breakdown"
                   " WHERE c.breakdown IS NOT NULL AND c.requested_at >= ?1 AND c.requested_at < ?2"
                   " AND json_valid (c.breakdown) AND " RD_REPORT_SQL_GRANTED ("c"),
                &stmt, error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, s->f->start);
  sqlite3_bind_int64 (stmt, 2, s->f->end);
  while (step (s, stmt, &row, error) && row)
    {
      const char *code;
      const RdCurrency *cur;
      gint64 shipping = 0;

      if (sqlite3_column_type (stmt, 3) != SQLITE_TEXT)
        continue;
      code = sqlite3_column_type (stmt, 4) == SQLITE_TEXT ? text (stmt, 4) : text (stmt, 1);
      cur = rd_currency_lookup (code);
      /* A breakdown this build cannot read counts nothing here; check
       * names it (rd_case_find_unreadable_json). */
      if (cur == NULL || !rd_money_parse (text (stmt, 3), cur, &shipping, NULL) || shipping <= 0)
        continue;
      _rd_report_bar_add_id (bar, sqlite3_column_int64 (stmt, 0));
      if (!_rd_report_bar_add (bar, cur->code, sqlite3_column_int64 (stmt, 2), shipping, error))
        return FALSE;
    }
  return !s->failed;
}

/* The nearest-rank median and 90th percentile, as _rd_report_percentile. */
static void
percentiles (GArray *durations,
             gint64 *median,
             gint64 *p90)
{
  gint64 *v;
  gsize n, r50, r90;

  *median = *p90 = -1;
  if (durations == NULL || durations->len == 0)
    return;
  v = (gint64 *) durations->data;
  n = durations->len;
  r90 = MAX ((n * 90 + 99) / 100, 1) - 1;
  r50 = MAX ((n * 50 + 99) / 100, 1) - 1;
  _rd_report_select_rank (v, 0, n - 1, r90);
  *p90 = v[r90];
  _rd_report_select_rank (v, 0, r90, r50);
  *median = v[r50];
}

/* Durations (column 0, at least 0) of a channel's statement into one and
 * all. */
static gboolean
read_durations (Summary      *s,
                sqlite3_stmt *stmt,
                const char   *channel,
                GArray       *one,
                GArray       *all,
                GError      **error)
{
  gboolean row = FALSE;

  sqlite3_reset (stmt);
  sqlite3_bind_text (stmt, 1, channel, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, s->f->start);
  sqlite3_bind_int64 (stmt, 3, s->f->end);
  while (step (s, stmt, &row, error) && row)
    {
      gint64 d = MAX (sqlite3_column_int64 (stmt, 0), 0);

      g_array_append_val (one, d);
      g_array_append_val (all, d);
    }
  return !s->failed;
}

static RdReportSpeed *
speed_row (Summary    *s,
           const char *channel,
           GArray     *approve,
           GArray     *payout)
{
  RdReportSpeed *row = g_new0 (RdReportSpeed, 1);

  row->key = g_strdup (channel);
  row->label = *channel == '\0' ? g_strdup (_("All channels")) : _rd_report_channel_label (channel);
  row->filter = period_filter (s);
  if (*channel != '\0')
    row->filter->channel = g_strdup (channel);
  row->n_approved = approve->len;
  percentiles (approve, &row->approve_median, &row->approve_p90);
  row->n_paid = payout->len;
  percentiles (payout, &row->payout_median, &row->payout_p90);
  return row;
}

/* Speed per channel of the period (every case approved or paid in the
 * period's channels, which by_channel lists). */
static gboolean
read_speed (Summary *s,
            GError **error)
{
  RdReportFigures *f = s->f;
  g_autoptr(sqlite3_stmt) approve = NULL;
  g_autoptr(sqlite3_stmt) payout = NULL;
  g_autoptr(GArray) all_approve = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) all_payout = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  if (!prepare (s, "SELECT approved_at - requested_at FROM case_decisions INDEXED BY case_decisions_speed"
                   " WHERE channel = ?1 AND requested_at >= ?2 AND requested_at < ?3"
                   " AND approved AND approved_at IS NOT NULL", &approve, error) ||
      !prepare (s, "SELECT paid_at - requested_at FROM cases INDEXED BY cases_report_paid"
                   " WHERE channel = ?1 AND requested_at >= ?2 AND requested_at < ?3 AND paid_at IS NOT NULL",
                &payout, error))
    return FALSE;

  for (guint i = 0; i < f->refunds.by_channel->len; i++)
    {
      RdReportBar *bar = g_ptr_array_index (f->refunds.by_channel, i);
      g_autoptr(GArray) one_approve = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GArray) one_payout = g_array_new (FALSE, FALSE, sizeof (gint64));

      if (!read_durations (s, approve, bar->key, one_approve, all_approve, error) ||
          !read_durations (s, payout, bar->key, one_payout, all_payout, error))
        {
          g_ptr_array_set_free_func (rows, NULL);
          for (guint j = 0; j < rows->len; j++)
            {
              RdReportSpeed *r = g_ptr_array_index (rows, j);

              g_free (r->key);
              g_free (r->label);
              rd_ledger_filter_free (r->filter);
              g_free (r);
            }
          return FALSE;
        }
      g_ptr_array_add (rows, speed_row (s, bar->key, one_approve, one_payout));
    }
  g_ptr_array_add (f->speed.by_channel, speed_row (s, "", all_approve, all_payout));
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (f->speed.by_channel, g_ptr_array_index (rows, i));
  return TRUE;
}

static gboolean
on_whole_hours (GArray *day_starts)
{
  for (guint i = 0; i < day_starts->len; i++)
    if (g_array_index (day_starts, gint64, i) % 3600 != 0)
      return FALSE;
  return TRUE;
}

/* Empties what a failed attempt filled, for the walk. */
static void
reset_figures (RdReportFigures *f)
{
  RdReportBar *bars[] = {
    &f->refunds.total, &f->refunds.merchant_fault, &f->losses.no_return, &f->losses.not_recovered,
    &f->losses.compensation, &f->losses.return_shipping, &f->speed.deadline_missed,
  };

  for (guint i = 0; i < G_N_ELEMENTS (bars); i++)
    {
      g_autofree char *key = g_strdup (bars[i]->key);
      g_autofree char *label = g_strdup (bars[i]->label);

      _rd_report_bar_clear (bars[i]);
      _rd_report_bar_init (bars[i], key, label, _rd_report_ids_filter ());
    }
  if (f->refunds.total.filter != NULL)
    {
      rd_ledger_filter_free (f->refunds.total.filter);
      f->refunds.total.filter = _rd_report_period_filter (f);
    }
  g_ptr_array_set_size (f->refunds.per_day, 0);
  g_ptr_array_set_size (f->refunds.by_kind, 0);
  g_ptr_array_set_size (f->refunds.by_reason, 0);
  g_ptr_array_set_size (f->refunds.by_channel, 0);
  g_ptr_array_set_size (f->refunds.by_payment, 0);
  g_ptr_array_set_size (f->speed.by_channel, 0);
}

gboolean
_rd_report_summary (sqlite3         *db,
                    RdReportFigures *figures,
                    gint64           now,
                    gboolean        *answered,
                    GError         **error)
{
  Summary s = { figures, db, now };
  GHashTable *kinds, *reasons, *channels, *payments;
  gboolean ok;

  *answered = FALSE;
  if (_rd_report_schema_version (db) < 15)
    return TRUE;

  s.day_starts = _rd_report_build_days (figures);
  if (!on_whole_hours (s.day_starts))
    {
      g_ptr_array_set_size (figures->refunds.per_day, 0);
      g_array_unref (s.day_starts);
      return TRUE;
    }
  s.hour_from = figures->start;
  s.hour_to = figures->end;

  kinds = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) _rd_report_bar_free);
  reasons = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) _rd_report_bar_free);
  channels = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) _rd_report_bar_free);
  payments = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) _rd_report_bar_free);

  ok = read_days (&s, error) &&
       read_dim (&s, "kind", kinds, error) && finish_kinds (&s, kinds, error) &&
       read_dim (&s, "reason", reasons, error) &&
       read_dim (&s, "channel", channels, error) &&
       read_dim (&s, "payment", payments, error) && finish_payments (&s, payments, error);
  if (ok)
    {
      finish_channels (&s, channels);
      g_ptr_array_extend_and_steal (figures->refunds.by_kind, _rd_report_bars_sorted (kinds));
      g_ptr_array_extend_and_steal (figures->refunds.by_channel, _rd_report_bars_sorted (channels));
      g_ptr_array_extend_and_steal (figures->refunds.by_payment, _rd_report_bars_sorted (payments));
      ok = finish_reasons (&s, reasons, error) &&
           read_set (&s, "no_return", RD_LEDGER_REPORT_SET_NO_RETURN, &figures->losses.no_return, error) &&
           read_set (&s, "compensation", RD_LEDGER_REPORT_SET_COMPENSATION, &figures->losses.compensation,
                     error) &&
           read_listed (&s, "SELECT id, currency, paid, approved FROM report_not_recovered"
                            " WHERE requested_at >= ?1 AND requested_at < ?2 ORDER BY id",
                        &figures->losses.not_recovered, error) &&
           read_return_shipping (&s, error) &&
           read_set (&s, "late", RD_LEDGER_REPORT_SET_DEADLINE_MISSED, &figures->speed.deadline_missed,
                     error);
      /* And the open ones past their deadline now, which the set's filter
       * names with `now`: the open undecided ones, less those whose
       * deadline is still ahead. */
      ok = ok && read_open_late (&s, error);
      ok = ok && read_speed (&s, error);
    }

  g_hash_table_unref (kinds);
  g_hash_table_unref (reasons);
  g_hash_table_unref (channels);
  g_hash_table_unref (payments);
  g_array_unref (s.day_starts);

  if (!ok && s.unanswered)
    {
      /* A sum beyond 64 bits: the walk says which. */
      reset_figures (figures);
      return TRUE;
    }
  *answered = ok;
  return ok;
}
