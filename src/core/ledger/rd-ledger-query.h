/* rd-ledger-query.h
 *
 * The ledger's filter and sort: which cases, in which order, and their
 * count and sums. Runs on any SQLite connection to a ledger (the store's, or
 * a read-only one of a worker thread) and can be cancelled.
 *
 * Free text finds any substring of three or more characters of the order
 * number, after-sales number, return tracking number, outbound tracking
 * number, buyer name or an intercept's tracking number, through the
 * trigram index (case_fts). One or two characters find the cases whose
 * buyer name holds them, through the names' grams (case_name_grams,
 * schema version 13; a ledger of an older version, opened read-only, scans
 * every field as before). ASCII letters are case-insensitive; `%`, `_`,
 * `*`, quotes are ordinary characters.
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "rd-case-types.h"

G_BEGIN_DECLS

#define RD_LEDGER_QUERY_ERROR (rd_ledger_query_error_quark ())

typedef enum
{
  RD_LEDGER_QUERY_ERROR_FAILED,
  RD_LEDGER_QUERY_ERROR_OVERFLOW,
} RdLedgerQueryError;

typedef enum
{
  RD_LEDGER_SORT_REQUESTED_AT,   /* default, newest first */
  RD_LEDGER_SORT_AMOUNT,         /* amount paid */
  RD_LEDGER_SORT_STATUS,         /* in workflow order, newest first within a
                                    status (one index scan per status) */
} RdLedgerSortKey;
/* Ties go by request time, amount, approved amount, currency, id: the order
 * of the covering index each sort reads, so that no sort needs a sorting step. */

#define RD_TYPE_LEDGER_FILTER (rd_ledger_filter_get_type ())

/* Every criterion set is required (AND); the zero value of each means "any". */
/* A set of cases a report's figure names (issue 15), by the conditions of
 * src/core/store/rd-report-sql.h. */
typedef enum
{
  RD_LEDGER_REPORT_SET_NONE,
  RD_LEDGER_REPORT_SET_NO_RETURN,        /* refunds granted without a return */
  RD_LEDGER_REPORT_SET_COMPENSATION,     /* granted as compensation */
  RD_LEDGER_REPORT_SET_DEADLINE_MISSED,  /* decided after the platform's
                                            deadline, or open past it at `now` */
  RD_LEDGER_REPORT_SET_OVERDUE,          /* open past the deadline at `now` */
} RdLedgerReportSet;

typedef struct
{
  int            year;              /* month filter, local time; 0 = any */
  int            month;             /* 1–12 */
  RdCaseStatus   status;
  RdRefundKind   kind;
  char          *channel;           /* channel id */
  char          *reason;            /* reason id */
  int            due_within_hours;  /* > 0: open cases whose platform deadline is
                                       at most this many hours after `now`
                                       (overdue ones included) */
  gboolean       follow_up;         /* paid cases whose expected arrival date is
                                       before the local date of `now` */
  gint64         now;               /* Unix seconds; 0 = the current time */
  char          *text;              /* free text; NULL or blank = any */
  gint64         import_id;         /* the cases an import created or changed
                                       (rd_import_apply); 0 = any */
  gint64         requested_from;    /* requested_at ≥ this (Unix seconds);
                                       0 = no bound (reports: a day, a range) */
  gint64         requested_to;      /* requested_at < this; 0 = no bound */
  RdPaymentMethod payment_method;   /* NONE = any */
  GArray        *ids;               /* gint64 case ids, the cases a report's
                                       figure names (losses, intercepts);
                                       NULL = any, empty = none */
  char         **reasons;           /* reason ids (NULL-terminated): any of
                                       them; NULL = any (reports: the shop's
                                       fault, the other reasons) */
  RdLedgerReportSet report_set;     /* NONE = any */
  RdLedgerSortKey sort;
  gboolean       ascending;         /* FALSE: descending (the default) */
} RdLedgerFilter;

GType           rd_ledger_filter_get_type (void) G_GNUC_CONST;
RdLedgerFilter *rd_ledger_filter_new      (void);
RdLedgerFilter *rd_ledger_filter_copy     (const RdLedgerFilter *self);
void            rd_ledger_filter_free     (RdLedgerFilter       *self);
void            rd_ledger_filter_set_text (RdLedgerFilter       *self,
                                           const char           *text);

/* The sums of the cases of one currency: amounts of different currencies
 * never add up (their minor units differ: JPY 0 decimals, KWD 3). */
typedef struct
{
  char   *currency;          /* ISO 4217 code, as rd_currency_lookup spells
                                it; a code this build does not know, as stored */
  guint   count;             /* cases in this currency */
  gint64  paid;              /* Σ amount_paid, minor units of currency */
  gint64  approved;          /* Σ approved_amount of approved cases */
} RdLedgerTotal;

typedef struct
{
  GArray *ids;               /* gint64 case ids, in order */
  GArray *totals;            /* RdLedgerTotal, one per currency of the cases:
                                the shop currency (CNY) first, then by code;
                                empty when there are no cases */
} RdLedgerResult;

void            rd_ledger_result_free     (RdLedgerResult *self);

/* The total of currency (a code, any case) in totals, or NULL when no case
 * is in that currency. */
const RdLedgerTotal *rd_ledger_totals_lookup (GArray     *totals,
                                              const char *currency);

GQuark          rd_ledger_query_error_quark (void);

/* Runs the filter on db: the ids in order and the totals per currency, from
 * one snapshot of the ledger (a read transaction of its own when db is not
 * in one). G_IO_ERROR_CANCELLED when cancellable fires (the statement is
 * interrupted through a progress handler). */
RdLedgerResult *rd_ledger_query_run       (sqlite3              *db,
                                           const RdLedgerFilter *filter,
                                           GCancellable         *cancellable,
                                           GError              **error);

/* The cases at positions offset … offset + limit - 1 of the filter's order
 * (fewer at the end): their ids only, totals is empty. */
RdLedgerResult *rd_ledger_query_run_range (sqlite3              *db,
                                           const RdLedgerFilter *filter,
                                           guint                 offset,
                                           guint                 limit,
                                           GCancellable         *cancellable,
                                           GError              **error);

/* The number of cases of the filter, without reading them: every case from
 * the counter table case_count, a filter of the running totals' columns
 * from them (rd_ledger_query_totals), any other from its index. */
gboolean        rd_ledger_query_count     (sqlite3              *db,
                                           const RdLedgerFilter *filter,
                                           GCancellable         *cancellable,
                                           guint                *count,
                                           GError              **error);

/* The number of cases of the filter and their totals per currency (as
 * RdLedgerResult's totals; count or totals may be NULL), without their
 * ids: from the running totals (case_totals, schema version 13) when the
 * filter is made of month, status, kind, channel and reason only; else
 * from a walk of its cases, as rd_ledger_query_run. One snapshot (a read
 * transaction of its own when db is not in one). */
gboolean        rd_ledger_query_totals    (sqlite3              *db,
                                           const RdLedgerFilter *filter,
                                           GCancellable         *cancellable,
                                           guint                *count,
                                           GArray              **totals,
                                           GError              **error);

/* Opens a read-only connection to the ledger file for queries (worker
 * threads, the model); no migration, no integrity check. A WAL ledger in a
 * folder where its -shm file cannot be created opens as rd_store_open does
 * read-only (immutable, when no -wal file is left). */
sqlite3        *rd_ledger_query_open      (const char           *path,
                                           GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdLedgerFilter, rd_ledger_filter_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdLedgerResult, rd_ledger_result_free)

G_END_DECLS
