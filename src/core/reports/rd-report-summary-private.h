/* rd-report-summary-private.h
 *
 * What rd-report-summary.c (refunds, losses) and rd-report-speed.c (speed,
 * deadlines) share: the state of one period's reading of the derived
 * tables of schema version 15, and the helpers that read them.
 */
#pragma once

#include "rd-report-private.h"

G_BEGIN_DECLS

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

gboolean        _rd_summary_prepare       (Summary       *s,
                                           const char    *sql,
                                           sqlite3_stmt **stmt,
                                           GError       **error);
/* sqlite3_step: *row TRUE on a row; FALSE (s->failed) on an error, with
 * s->unanswered when sum () overflowed. */
gboolean        _rd_summary_step          (Summary       *s,
                                           sqlite3_stmt  *stmt,
                                           gboolean      *row,
                                           GError       **error);
const char     *_rd_summary_text          (sqlite3_stmt  *stmt,
                                           int            column);
/* Columns first … first + 2: n, paid, approved, into bar in currency. */
gboolean        _rd_summary_add_sums      (Summary       *s,
                                           RdReportBar   *bar,
                                           const char    *currency,
                                           sqlite3_stmt  *stmt,
                                           int            first,
                                           GError       **error);
RdLedgerFilter *_rd_summary_period_filter (Summary       *s);
/* The bars of one dimension of report_totals over the period, by value. */
gboolean        _rd_summary_read_dim      (Summary       *s,
                                           const char    *dim,
                                           GHashTable    *bars,
                                           GError       **error);
/* Rows (currency, n, paid, amount) of sql into bar; ?1, ?2 the period, ?3 now. */
gboolean        _rd_summary_read_sums     (Summary       *s,
                                           const char    *sql,
                                           RdReportBar   *bar,
                                           GError       **error);
gboolean        _rd_summary_merge_money   (RdReportBar   *to,
                                           RdReportBar   *from,
                                           GError       **error);
/* rd-report-speed.c */
gboolean        _rd_summary_read_open_late (Summary      *s,
                                           GError       **error);
gboolean        _rd_summary_read_speed    (Summary       *s,
                                           GError       **error);

G_END_DECLS
