/* rd-report-speed.c
 *
 * The speed and deadline figures of a report from schema version 15
 * (rd-report-summary.c reads the rest):
 *  - approval and payout times per channel, every duration read from an
 *    index (case_decisions_speed, cases_report_paid), the nearest-rank
 *    median and 90th percentile found by selection;
 *  - the open cases past their deadline, of the period and now: the open
 *    ones with a deadline (report_totals), less the few whose deadline is
 *    still ahead (the partial index cases_open_deadline).
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rd-report-sql.h"
#include "rd-report-summary-private.h"

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
gboolean
_rd_summary_read_open_late (Summary *s,
                GError **error)
{
  g_autoptr(GHashTable) bars = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                      (GDestroyNotify) _rd_report_bar_free);
  RdReportBar ahead;
  RdReportBar *open;
  gboolean ok;

  if (!_rd_summary_read_dim (s, "open_undecided", bars, error))
    return FALSE;
  open = g_hash_table_lookup (bars, "");
  if (open == NULL)
    return TRUE;
  _rd_report_bar_init (&ahead, "", "", NULL);
  ok = _rd_summary_read_sums (s, "SELECT c.currency, count(*), sum (c.amount_paid), sum (coalesce (c.approved_amount, 0))"
                     " FROM cases AS c INDEXED BY cases_open_deadline"
                     " WHERE " RD_REPORT_SQL_OPEN_UNDECIDED ("c") " AND c.platform_deadline >= ?3"
                     " AND c.requested_at >= ?1 AND c.requested_at < ?2 GROUP BY c.currency",
                  &ahead, error);
  if (ok)
    {
      bar_subtract (open, &ahead);
      ok = _rd_summary_merge_money (&s->f->speed.deadline_missed, open, error);
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
  ok = _rd_summary_prepare (&s, "SELECT currency, sum (n), sum (paid), sum (approved) FROM report_totals"
                    " WHERE dim = 'open_deadline' GROUP BY currency", &stmt, error);
  while (ok && _rd_summary_step (&s, stmt, &row, error) && row)
    ok = _rd_summary_add_sums (&s, &all, _rd_summary_text (stmt, 0), stmt, 1, error);
  ok = ok && !s.failed;
  if (ok)
    {
      /* read_sums binds the period too: unused here. */
      ok = _rd_summary_read_sums (&s, "SELECT currency, count(*), sum (amount_paid), sum (coalesce (approved_amount, 0))"
                          " FROM cases INDEXED BY cases_open_deadline"
                          " WHERE " RD_REPORT_SQL_OPEN_DEADLINE ("cases") " AND platform_deadline >= ?3"
                          " AND ?1 <= ?2 GROUP BY currency",
                      &ahead, error);
    }
  if (ok)
    {
      bar_subtract (&all, &ahead);
      ok = _rd_summary_merge_money (bar, &all, error);
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
  while (_rd_summary_step (s, stmt, &row, error) && row)
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
  row->filter = _rd_summary_period_filter (s);
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
gboolean
_rd_summary_read_speed (Summary *s,
            GError **error)
{
  RdReportFigures *f = s->f;
  g_autoptr(sqlite3_stmt) approve = NULL;
  g_autoptr(sqlite3_stmt) payout = NULL;
  g_autoptr(GArray) all_approve = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) all_payout = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  if (!_rd_summary_prepare (s, "SELECT approved_at - requested_at FROM case_decisions INDEXED BY case_decisions_speed"
                   " WHERE channel = ?1 AND requested_at >= ?2 AND requested_at < ?3"
                   " AND approved AND approved_at IS NOT NULL", &approve, error) ||
      !_rd_summary_prepare (s, "SELECT paid_at - requested_at FROM cases INDEXED BY cases_report_paid"
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

