/* rd-report-cases.c
 *
 * The figures of a report read from the cases of its period: one walk over
 * the cases requested in it (the range of cases_ledger on requested_at),
 * each case counted in the bars it belongs to; the approval time from the
 * case's first "approve" entry of the audit log (audit_log_case), the
 * intercept outcome from the register (intercepts_case), and the
 * calculator's figures from the stored breakdown, only for the cases that
 * have them. Then the open cases past their deadline now, through the
 * partial index of the open cases' deadlines.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rd-money.h"
#include "rd-money-totals.h"
#include "rd-report-private.h"
#include "rd-report-sql.h"


#define CASES_SQL \
  "SELECT c.id, c.requested_at, c.kind, c.reason, c.channel, c.payment_method, c.currency,\n" \
  "       c.amount_paid, coalesce (c.approved_amount, 0), c.approved_amount IS NOT NULL,\n" \
  "       c.status, c.resolution, c.paid_at, c.platform_deadline,\n" \
  "       CASE WHEN c.approved_amount IS NOT NULL THEN\n" \
  "         (SELECT min (a.at) FROM audit_log AS a WHERE a.case_id = c.id AND a.action = 'approve') END,\n" \
  "       CASE WHEN c.platform_deadline IS NOT NULL AND c.resolution = 'refused' THEN\n" \
  "         (SELECT min (a.at) FROM audit_log AS a WHERE a.case_id = c.id AND a.action = 'refuse') END,\n" \
  "       CASE WHEN c.breakdown IS NOT NULL AND json_valid (c.breakdown) THEN\n" \
  "         json_extract (c.breakdown, '$.return_shipping_refund') END,\n" \
  "       CASE WHEN c.breakdown IS NOT NULL AND json_valid (c.breakdown) THEN\n" \
  "         json_extract (c.breakdown, '$.currency') END,\n" \
  "       CASE WHEN c.breakdown IS NOT NULL AND json_valid (c.breakdown) THEN\n" \
  "         json_type (c.breakdown, '$.input.compensation') IS NOT NULL ELSE 0 END,\n" \
  "       CASE WHEN c.paid_at IS NOT NULL THEN\n" \
  "         EXISTS (SELECT 1 FROM intercepts AS i WHERE i.case_id = c.id\n" \
  "                 AND i.status IN ('failed', 'delivered', 'claim'))\n" \
  "         AND NOT EXISTS (SELECT 1 FROM intercepts AS i WHERE i.case_id = c.id\n" \
  "                         AND i.status = 'back_in_warehouse') ELSE 0 END\n" \
  "FROM cases AS c WHERE c.requested_at >= ?1 AND c.requested_at < ?2"

enum
{
  COL_ID, COL_REQUESTED_AT, COL_KIND, COL_REASON, COL_CHANNEL, COL_PAYMENT, COL_CURRENCY,
  COL_PAID, COL_APPROVED, COL_IS_APPROVED, COL_STATUS, COL_RESOLUTION, COL_PAID_AT,
  COL_DEADLINE, COL_APPROVED_AT, COL_REFUSED_AT, COL_RETURN_SHIPPING, COL_BREAKDOWN_CURRENCY,
  COL_HAS_COMPENSATION, COL_NOT_RECOVERED,
};

typedef struct
{
  RdReportFigures *f;
  gint64           now;
  GArray          *day_starts;   /* gint64: the first second of each day, then the end */
  GHashTable      *kinds;        /* key → RdReportBar */
  GHashTable      *reasons;
  GHashTable      *reason_ids;   /* reason → GArray of gint64 */
  GHashTable      *merchant;     /* reason → its fault is the shop's */
  GHashTable      *channels;
  GHashTable      *payments;
  GHashTable      *approve_times;  /* channel → GArray of durations; "" = all */
  GHashTable      *payout_times;
} Walk;

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? text : "";
}

static RdReportBar *
bar_for (GHashTable     *bars,
         const char     *key,
         const char     *label,
         RdLedgerFilter *filter)
{
  RdReportBar *bar = g_hash_table_lookup (bars, key);

  if (bar == NULL)
    {
      bar = _rd_report_bar_new (key, label, filter);
      g_hash_table_insert (bars, bar->key, bar);
    }
  else
    rd_ledger_filter_free (filter);
  return bar;
}

static RdLedgerFilter *
period_filter (Walk *walk)
{
  return _rd_report_period_filter (walk->f);
}

const char *
_rd_report_label_or_not_set (const char *name,
                             const char *key)
{
  if (*key == '\0')
    return _("Not set");
  return name != NULL && *name != '\0' ? name : key;
}

static void
add_duration (GHashTable *table,
              const char *channel,
              gint64      seconds)
{
  const char *keys[2] = { "", channel };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      GArray *list = g_hash_table_lookup (table, keys[i]);

      if (list == NULL)
        {
          list = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_hash_table_insert (table, g_strdup (keys[i]), list);
        }
      g_array_append_val (list, seconds);
    }
}

GArray *
_rd_report_build_days (RdReportFigures *f)
{
  g_autoptr(GDateTime) day = g_date_time_new_from_unix_local (f->start);
  GArray *day_starts = g_array_new (FALSE, FALSE, sizeof (gint64));

  while (day != NULL && g_date_time_to_unix (day) < f->end)
    {
      g_autoptr(GDateTime) next = g_date_time_add_days (day, 1);
      g_autoptr(GDateTime) next_start = NULL;
      gint64 start = g_date_time_to_unix (day);
      g_autofree char *key = g_date_time_format (day, "%Y-%m-%d");
      g_autofree char *label = g_date_time_format (day, "%m-%d");
      RdLedgerFilter *filter = rd_ledger_filter_new ();

      /* Midnight of the next day, whatever the clock change. */
      next_start = g_date_time_new_local (g_date_time_get_year (next), g_date_time_get_month (next),
                                          g_date_time_get_day_of_month (next), 0, 0, 0);
      filter->requested_from = start;
      filter->requested_to = MIN (g_date_time_to_unix (next_start), f->end);
      g_array_append_val (day_starts, start);
      g_ptr_array_add (f->refunds.per_day, _rd_report_bar_new (key, label, filter));
      g_date_time_unref (day);
      day = g_steal_pointer (&next_start);
    }
  g_array_append_val (day_starts, f->end);
  return day_starts;
}

static RdReportBar *
day_bar (Walk  *walk,
         gint64 at)
{
  guint lo = 0, hi = walk->f->refunds.per_day->len;

  /* The last day whose start is at or before at. */
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (walk->day_starts, gint64, mid) <= at)
        lo = mid;
      else
        hi = mid;
    }
  return hi > 0 ? g_ptr_array_index (walk->f->refunds.per_day, lo) : NULL;
}

gboolean
_rd_report_is_merchant_fault (const char *reason)
{
  const RdRefundReason *known = rd_refund_reason_lookup (reason);

  return known != NULL && known->fault == RD_FAULT_MERCHANT;
}

static gboolean
count_case (Walk          *walk,
            sqlite3_stmt  *stmt,
            GError       **error)
{
  RdReportFigures *f = walk->f;
  gint64 id = sqlite3_column_int64 (stmt, COL_ID);
  gint64 requested_at = sqlite3_column_int64 (stmt, COL_REQUESTED_AT);
  const char *kind = column_text (stmt, COL_KIND);
  const char *reason = column_text (stmt, COL_REASON);
  const char *channel = column_text (stmt, COL_CHANNEL);
  const char *payment = column_text (stmt, COL_PAYMENT);
  const char *currency = column_text (stmt, COL_CURRENCY);
  const char *status = column_text (stmt, COL_STATUS);
  const char *resolution = column_text (stmt, COL_RESOLUTION);
  gint64 paid = sqlite3_column_int64 (stmt, COL_PAID);
  gint64 approved = sqlite3_column_int64 (stmt, COL_APPROVED);
  gboolean granted;
  RdReportBar *bar;
  RdLedgerFilter *filter;
  GArray *ids;

  if (!_rd_report_bar_add (&f->refunds.total, currency, paid, approved, error))
    return FALSE;

  bar = day_bar (walk, requested_at);
  if (bar != NULL && !_rd_report_bar_add (bar, currency, paid, approved, error))
    return FALSE;

  bar = g_hash_table_lookup (walk->kinds, kind);
  if (bar == NULL)
    {
      filter = period_filter (walk);
      filter->kind = rd_refund_kind_from_id (kind);
      if (filter->kind == RD_REFUND_KIND_NONE && *kind != '\0')
        {
          /* A kind this build does not know: its cases by id. */
          rd_ledger_filter_free (filter);
          filter = _rd_report_ids_filter ();
        }
      bar = bar_for (walk->kinds, kind,
                     _rd_report_label_or_not_set (rd_refund_kind_get_name (rd_refund_kind_from_id (kind)), kind), filter);
    }
  if (bar->filter->ids != NULL)
    _rd_report_bar_add_id (bar, id);
  if (!_rd_report_bar_add (bar, currency, paid, approved, error))
    return FALSE;

  bar = g_hash_table_lookup (walk->reasons, reason);
  if (bar == NULL)
    {
      filter = period_filter (walk);
      filter->reason = g_strdup (reason);
      bar = bar_for (walk->reasons, reason, _rd_report_label_or_not_set (rd_refund_reason_get_name (reason), reason),
                     filter);
      g_hash_table_insert (walk->reason_ids, g_strdup (reason), g_array_new (FALSE, FALSE, sizeof (gint64)));
      g_hash_table_insert (walk->merchant, g_strdup (reason), GINT_TO_POINTER (_rd_report_is_merchant_fault (reason)));
    }
  if (!_rd_report_bar_add (bar, currency, paid, approved, error))
    return FALSE;
  ids = g_hash_table_lookup (walk->reason_ids, reason);
  g_array_append_val (ids, id);

  if (GPOINTER_TO_INT (g_hash_table_lookup (walk->merchant, reason)))
    {
      _rd_report_bar_add_id (&f->refunds.merchant_fault, id);
      if (!_rd_report_bar_add (&f->refunds.merchant_fault, currency, paid, approved, error))
        return FALSE;
    }

  bar = g_hash_table_lookup (walk->channels, channel);
  if (bar == NULL)
    {
      g_autofree char *label = _rd_report_channel_label (channel);

      filter = period_filter (walk);
      filter->channel = g_strdup (channel);
      bar = bar_for (walk->channels, channel, label, filter);
    }
  if (!_rd_report_bar_add (bar, currency, paid, approved, error))
    return FALSE;

  bar = g_hash_table_lookup (walk->payments, payment);
  if (bar == NULL)
    {
      filter = period_filter (walk);
      filter->payment_method = rd_payment_method_from_id (payment);
      if (filter->payment_method == RD_PAYMENT_METHOD_NONE)
        {
          rd_ledger_filter_free (filter);
          filter = _rd_report_ids_filter ();
        }
      bar = bar_for (walk->payments, payment,
                     _rd_report_label_or_not_set (rd_payment_method_get_name (rd_payment_method_from_id (payment)), payment),
                     filter);
    }
  if (bar->filter->ids != NULL)
    _rd_report_bar_add_id (bar, id);
  if (!_rd_report_bar_add (bar, currency, paid, approved, error))
    return FALSE;

  /* Money that will not come back: refunds granted and not taken back. */
  granted = sqlite3_column_int (stmt, COL_IS_APPROVED) &&
            !g_str_equal (status, "refused") && !g_str_equal (status, "withdrawn") &&
            !g_str_equal (resolution, "refused") && !g_str_equal (resolution, "withdrawn");
  if (granted)
    {
      if (g_str_equal (kind, "refund_only_shipped") || g_str_equal (resolution, "refund_without_return"))
        {
          _rd_report_bar_add_id (&f->losses.no_return, id);
          if (!_rd_report_bar_add (&f->losses.no_return, currency, paid, approved, error))
            return FALSE;
        }
      if (sqlite3_column_int (stmt, COL_NOT_RECOVERED))
        {
          _rd_report_bar_add_id (&f->losses.not_recovered, id);
          if (!_rd_report_bar_add (&f->losses.not_recovered, currency, paid, approved, error))
            return FALSE;
        }
      if (g_str_equal (resolution, "compensation") || sqlite3_column_int (stmt, COL_HAS_COMPENSATION))
        {
          _rd_report_bar_add_id (&f->losses.compensation, id);
          if (!_rd_report_bar_add (&f->losses.compensation, currency, paid, approved, error))
            return FALSE;
        }
      if (sqlite3_column_type (stmt, COL_RETURN_SHIPPING) == SQLITE_TEXT)
        {
          const char *code = sqlite3_column_type (stmt, COL_BREAKDOWN_CURRENCY) == SQLITE_TEXT
                             ? column_text (stmt, COL_BREAKDOWN_CURRENCY) : currency;
          const RdCurrency *cur = rd_currency_lookup (code);
          gint64 shipping = 0;

          /* A breakdown this build cannot read counts nothing here; check
           * names it (rd_case_find_unreadable_json). */
          if (cur != NULL &&
              rd_money_parse (column_text (stmt, COL_RETURN_SHIPPING), cur, &shipping, NULL) &&
              shipping > 0)
            {
              _rd_report_bar_add_id (&f->losses.return_shipping, id);
              if (!_rd_report_bar_add (&f->losses.return_shipping, cur->code, paid, shipping, error))
                return FALSE;
            }
        }
    }

  /* Speed. */
  if (sqlite3_column_type (stmt, COL_APPROVED_AT) != SQLITE_NULL)
    add_duration (walk->approve_times, channel,
                  MAX (sqlite3_column_int64 (stmt, COL_APPROVED_AT) - requested_at, 0));
  if (sqlite3_column_type (stmt, COL_PAID_AT) != SQLITE_NULL)
    add_duration (walk->payout_times, channel,
                  MAX (sqlite3_column_int64 (stmt, COL_PAID_AT) - requested_at, 0));

  /* Decided after the platform's deadline, or not decided by it yet. */
  if (sqlite3_column_type (stmt, COL_DEADLINE) != SQLITE_NULL)
    {
      gint64 deadline = sqlite3_column_int64 (stmt, COL_DEADLINE);
      gboolean missed = FALSE;

      if (sqlite3_column_type (stmt, COL_APPROVED_AT) != SQLITE_NULL)
        missed = sqlite3_column_int64 (stmt, COL_APPROVED_AT) > deadline;
      else if (sqlite3_column_type (stmt, COL_REFUSED_AT) != SQLITE_NULL)
        missed = sqlite3_column_int64 (stmt, COL_REFUSED_AT) > deadline;
      else
        missed = rd_case_status_is_open (rd_case_status_from_id (status)) &&
                 deadline < walk->now;
      if (missed)
        {
          _rd_report_bar_add_id (&f->speed.deadline_missed, id);
          if (!_rd_report_bar_add (&f->speed.deadline_missed, currency, paid, approved, error))
            return FALSE;
        }
    }

  return TRUE;
}

/* The top reasons, then "other": the rest, by their cases' ids (a single
 * reason left over is shown as itself). */
static void
finish_reasons (Walk *walk)
{
  g_autoptr(GPtrArray) sorted = _rd_report_bars_sorted (walk->reasons);
  guint keep = sorted->len <= RD_REPORT_TOP_REASONS + 1 ? sorted->len : RD_REPORT_TOP_REASONS;
  RdReportBar *other;

  g_ptr_array_set_free_func (sorted, NULL);
  for (guint i = 0; i < keep; i++)
    g_ptr_array_add (walk->f->refunds.by_reason, g_ptr_array_index (sorted, i));
  if (keep == sorted->len)
    return;

  other = _rd_report_bar_new ("other", _("Other reasons"), _rd_report_ids_filter ());
  for (guint i = keep; i < sorted->len; i++)
    {
      RdReportBar *bar = g_ptr_array_index (sorted, i);
      GArray *ids = g_hash_table_lookup (walk->reason_ids, bar->key);

      g_array_append_vals (other->filter->ids, ids->data, ids->len);
      other->count += bar->count;
      for (guint j = 0; j < bar->money->len; j++)
        {
          const RdReportMoney *m = &g_array_index (bar->money, RdReportMoney, j);
          RdReportMoney *o = (RdReportMoney *) rd_report_money_lookup (other->money, m->currency);
          guint k;

          if (o != NULL)
            {
              /* Parts of the period's total, which fitted. */
              o->count += m->count;
              o->paid += m->paid;
              o->amount += m->amount;
              continue;
            }
          for (k = 0; k < other->money->len; k++)
            if (rd_currency_compare (g_array_index (other->money, RdReportMoney, k).currency,
                                     m->currency) > 0)
              break;
          {
            RdReportMoney fresh = { g_strdup (m->currency), m->count, m->paid, m->amount };

            g_array_insert_val (other->money, k, fresh);
          }
        }
      _rd_report_bar_free (bar);
    }
  g_ptr_array_add (walk->f->refunds.by_reason, other);
}

static RdReportSpeed *
speed_row (Walk       *walk,
           const char *channel)
{
  RdReportSpeed *row = g_new0 (RdReportSpeed, 1);
  GArray *approve = g_hash_table_lookup (walk->approve_times, channel);
  GArray *payout = g_hash_table_lookup (walk->payout_times, channel);

  row->key = g_strdup (channel);
  row->label = *channel == '\0' ? g_strdup (_("All channels")) : _rd_report_channel_label (channel);
  row->filter = period_filter (walk);
  if (*channel != '\0')
    row->filter->channel = g_strdup (channel);
  row->n_approved = approve != NULL ? approve->len : 0;
  row->approve_median = _rd_report_percentile (approve, 50);
  row->approve_p90 = _rd_report_percentile (approve, 90);
  row->n_paid = payout != NULL ? payout->len : 0;
  row->payout_median = _rd_report_percentile (payout, 50);
  row->payout_p90 = _rd_report_percentile (payout, 90);
  return row;
}

gboolean
_rd_report_cases (sqlite3         *db,
                  RdReportFigures *figures,
                  gint64           now,
                  GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  Walk walk = { figures, now };
  gboolean ok = FALSE;
  int rc;

  walk.kinds = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) _rd_report_bar_free);
  walk.reasons = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) _rd_report_bar_free);
  walk.channels = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) _rd_report_bar_free);
  walk.payments = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) _rd_report_bar_free);
  walk.reason_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
  walk.merchant = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  walk.approve_times = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
  walk.payout_times = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
  walk.day_starts = _rd_report_build_days (figures);

  rc = sqlite3_prepare_v2 (db, CASES_SQL, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _rd_report_set_db_error (db, rc, error);
      goto out;
    }
  sqlite3_bind_int64 (stmt, 1, figures->start);
  sqlite3_bind_int64 (stmt, 2, figures->end);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!count_case (&walk, stmt, error))
      goto out;
  if (rc != SQLITE_DONE)
    {
      _rd_report_set_db_error (db, rc, error);
      goto out;
    }

  g_ptr_array_extend_and_steal (figures->refunds.by_kind, _rd_report_bars_sorted (walk.kinds));
  g_ptr_array_extend_and_steal (figures->refunds.by_channel, _rd_report_bars_sorted (walk.channels));
  g_ptr_array_extend_and_steal (figures->refunds.by_payment, _rd_report_bars_sorted (walk.payments));
  finish_reasons (&walk);

  g_ptr_array_add (figures->speed.by_channel, speed_row (&walk, ""));
  for (guint i = 0; i < figures->refunds.by_channel->len; i++)
    {
      RdReportBar *bar = g_ptr_array_index (figures->refunds.by_channel, i);

      g_ptr_array_add (figures->speed.by_channel, speed_row (&walk, bar->key));
    }
  ok = TRUE;

out:
  g_hash_table_unref (walk.kinds);
  g_hash_table_unref (walk.reasons);
  g_hash_table_unref (walk.channels);
  g_hash_table_unref (walk.payments);
  g_hash_table_unref (walk.reason_ids);
  g_hash_table_unref (walk.merchant);
  g_hash_table_unref (walk.approve_times);
  g_hash_table_unref (walk.payout_times);
  g_array_unref (walk.day_starts);
  return ok;
}

/* Every open case past its deadline, listed (before schema version 15). */
static gboolean
overdue_listed (sqlite3         *db,
                RdReportFigures *figures,
                gint64           now,
                GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  /* The IN list of the partial index cases_open_deadline. */
  static const char sql[] =
    "SELECT id, currency, amount_paid, coalesce (approved_amount, 0) FROM cases"
    " WHERE status IN ('requested', 'approved', 'awaiting_return', 'returned', 'intercepting', 'awaiting_payout')"
    " AND platform_deadline < ?1 ORDER BY platform_deadline";
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _rd_report_set_db_error (db, rc, error);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, now);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      _rd_report_bar_add_id (&figures->speed.overdue_now, sqlite3_column_int64 (stmt, 0));
      if (!_rd_report_bar_add (&figures->speed.overdue_now, column_text (stmt, 1),
                               sqlite3_column_int64 (stmt, 2), sqlite3_column_int64 (stmt, 3), error))
        return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      _rd_report_set_db_error (db, rc, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
_rd_report_overdue (sqlite3         *db,
                    RdReportFigures *figures,
                    gint64           now,
                    GError         **error)
{
  gboolean answered = FALSE;

  if (!_rd_report_overdue_summary (db, figures, now, &answered, error))
    return FALSE;
  return answered || overdue_listed (db, figures, now, error);
}
