/* rd-report-private.h
 *
 * What the files of src/core/reports share: a bar's sums, the period's
 * filters, and the three walks a report is made of (the cases, the
 * intercept register, the order counts).
 */
#pragma once

#if !defined(RD_REPORTS_COMPILATION)
# error "rd-report-private.h is private to src/core/reports"
#endif

#include "rd-report.h"

G_BEGIN_DECLS

/* How often (in SQLite VM steps) the cancellable is looked at. */
#define RD_REPORT_PROGRESS_STEPS 4000

RdReportBar    *_rd_report_bar_new        (const char        *key,
                                           const char        *label,
                                           RdLedgerFilter    *filter);
void            _rd_report_bar_init       (RdReportBar       *bar,
                                           const char        *key,
                                           const char        *label,
                                           RdLedgerFilter    *filter);
void            _rd_report_bar_clear      (RdReportBar       *bar);
void            _rd_report_bar_free       (RdReportBar       *bar);
/* Counts a case (or claim) in currency with its paid and figure amounts;
 * RD_REPORT_ERROR_OVERFLOW when a sum would not fit (bar unchanged). */
gboolean        _rd_report_bar_add        (RdReportBar       *bar,
                                           const char        *currency,
                                           gint64             paid,
                                           gint64             amount,
                                           GError           **error);
/* Adds id to the bar's filter's ids (created on first use). */
void            _rd_report_bar_add_id     (RdReportBar       *bar,
                                           gint64             id);
/* The bars of a hash table (key → RdReportBar, which it gives up), largest
 * count first, then by key. */
GPtrArray      *_rd_report_bars_sorted    (GHashTable        *bars);

/* The cases of the figures' period: the month filter for one month (so
 * the ledger's running totals answer it), else the request-time range. */
RdLedgerFilter *_rd_report_period_filter  (const RdReportFigures *figures);
/* An empty filter with ids (to be filled). */
RdLedgerFilter *_rd_report_ids_filter     (void);

/* The nearest-rank percentile (1–100) of the durations (gint64, sorted in
 * place); -1 when there is none. */
gint64          _rd_report_percentile     (GArray            *durations,
                                           int                percent);

char           *_rd_report_channel_label  (const char        *channel);

gboolean        _rd_report_cases          (sqlite3           *db,
                                           RdReportFigures   *figures,
                                           gint64             now,
                                           GError           **error);
gboolean        _rd_report_overdue        (sqlite3           *db,
                                           RdReportFigures   *figures,
                                           gint64             now,
                                           GError           **error);
gboolean        _rd_report_intercepts     (sqlite3           *db,
                                           RdReportFigures   *figures,
                                           GError           **error);
gboolean        _rd_report_claims         (sqlite3           *db,
                                           RdReportFigures   *figures,
                                           GError           **error);
gboolean        _rd_report_rates          (sqlite3           *db,
                                           RdReportFigures   *figures,
                                           GError           **error);
void            _rd_report_set_db_error   (sqlite3           *db,
                                           int                rc,
                                           GError           **error);
int             _rd_report_schema_version (sqlite3           *db);

G_END_DECLS
