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
/* Counts n cases of currency with their sums (from a summary). */
gboolean        _rd_report_bar_add_n      (RdReportBar       *bar,
                                           const char        *currency,
                                           guint              n,
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

/* The nearest-rank percentile (1–100) of the durations (gint64, reordered
 * in place by selection); -1 when there is none. */
gint64          _rd_report_percentile     (GArray            *durations,
                                           int                percent);

/* The first second of each day of the period (local midnight, whatever
 * the clock change), then its end; and a bar per day into per_day. */
GArray         *_rd_report_build_days     (RdReportFigures   *figures);
/* The label of a kind, reason, payment method ("" = not set). */
const char     *_rd_report_label_or_not_set (const char      *name,
                                           const char        *key);
gboolean        _rd_report_is_merchant_fault (const char     *reason);
/* Reorders v[lo..hi] so that v[k] holds the value of rank k, the smaller
 * ones before it and the larger after (Hoare's selection). */
void            _rd_report_select_rank    (gint64            *v,
                                           gsize              lo,
                                           gsize              hi,
                                           gsize              k);
char           *_rd_report_channel_label  (const char        *channel);

gboolean        _rd_report_cases          (sqlite3           *db,
                                           RdReportFigures   *figures,
                                           gint64             now,
                                           GError           **error);
/* The same figures as _rd_report_cases from the derived tables of schema
 * version 15 (rd-store-schema-report.c); *answered FALSE (nothing set)
 * when they cannot answer: an older ledger, a day that does not start on a
 * whole UTC hour, a sum beyond 64 bits. */
gboolean        _rd_report_summary        (sqlite3           *db,
                                           RdReportFigures   *figures,
                                           gint64             now,
                                           gboolean          *answered,
                                           GError           **error);
/* The open cases past their deadline now from report_totals (schema
 * version 15); *answered FALSE when it cannot answer. */
gboolean        _rd_report_overdue_summary (sqlite3          *db,
                                           RdReportFigures   *figures,
                                           gint64             now,
                                           gboolean          *answered,
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
