/* rd-report.h
 *
 * The figures of the Reports page, the workbook's Report sheet and
 * `refund-desk report` (issue 15): what the refunds of a period say, with
 * the period of the same length just before it beside them.
 *
 * Plain structs, computed in one go by rd_report_compute () on any SQLite
 * connection to a ledger (the store's, or a read-only one of a worker
 * thread: the page never blocks its main loop), from one snapshot. From
 * schema version 15 the figures come from derived tables kept by triggers
 * (src/core/store/rd-store-schema-report.c), not from a walk of the
 * period's cases: ~0.1–0.2 s for a month of a 10M-case ledger
 * (docs/performance.md, "Reports").
 *
 * Rules every figure follows:
 *  - Money is per currency, never added across currencies: an amount is an
 *    RdReportMoney (one currency) inside a GArray of them, the shop
 *    currency (CNY) first, then by code — as the ledger footer orders its
 *    totals. A figure with no case has an empty array, never a zero row.
 *  - Counts (guint) are of cases (or intercepts, claims) of all currencies.
 *  - A case belongs to the period by its request time (requested_at, local
 *    time), as the ledger's month filter has it, so the period's totals
 *    are the ledger footer's for the same months to the fen.
 *  - Every bar, slice, row carries `filter`: the RdLedgerFilter that shows
 *    its cases in the Ledger (a click opens the Ledger with it). Never NULL.
 *    It describes the cases (the period with a kind, channel, reason, list
 *    of reasons or report set, rd-ledger-query.h) rather than listing them,
 *    so that the Ledger finds them only when asked; only small sets (not
 *    recovered, return shipping, intercepts, claims, a kind or payment
 *    method this build does not know) list their ids.
 *  - Keys are stable ids (stored ids of kind, reason, channel, payment
 *    method, courier; "YYYY-MM-DD" for a day; "other" for the rest of the
 *    reasons; "" for "not set"); labels are translated for display.
 *  - Durations are seconds (gint64); -1 when there is nothing to measure.
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "rd-case-types.h"
#include "rd-ledger-query.h"
#include "rd-store.h"

G_BEGIN_DECLS

#define RD_REPORT_ERROR (rd_report_error_quark ())

typedef enum
{
  RD_REPORT_ERROR_FAILED,
  RD_REPORT_ERROR_INVALID,      /* a period that is not one (end before start, bad month) */
  RD_REPORT_ERROR_OVERFLOW,     /* a sum beyond 64 bits */
} RdReportError;

/* The months from (from_year, from_month) to (to_year, to_month), both
 * included, in local time: [first second of the first month, first second
 * of the month after the last). */
typedef struct
{
  int from_year;
  int from_month;   /* 1–12 */
  int to_year;
  int to_month;     /* 1–12; the same as from_* for one month */
} RdReportPeriod;

/* An amount in one currency. */
typedef struct
{
  char   *currency;   /* ISO 4217 code as the ledger stores it */
  guint   count;      /* cases (or intercepts, claims) in this currency */
  gint64  paid;       /* Σ amount_paid of those cases (what the buyers paid
                         for the orders); 0 where the figure has no case */
  gint64  amount;     /* the figure's amount, minor units of currency: for
                         refunds Σ approved_amount of the approved cases
                         (the ledger footer's "approved"); for losses the
                         money lost; for claims the amount claimed or
                         recovered — each figure says which */
} RdReportMoney;

/* One bar, slice or row. */
typedef struct
{
  char           *key;      /* stable id (see above) */
  char           *label;    /* translated, for display */
  guint           count;    /* cases of every currency */
  GArray         *money;    /* RdReportMoney, per currency (see above) */
  RdLedgerFilter *filter;   /* the cases, for the Ledger; never NULL */
} RdReportBar;

/* Refunds: the cases requested in the period. */
typedef struct
{
  RdReportBar  total;          /* every case of the period: count, paid and
                                  approved (amount) per currency; equal to
                                  rd_ledger_query_totals over its months */
  GPtrArray   *per_day;        /* RdReportBar, one per day of the period
                                  (key "YYYY-MM-DD", label "11-03"), empty
                                  days included, in date order */
  GPtrArray   *by_kind;        /* RdReportBar per refund kind, largest count
                                  first; "" = not set */
  GPtrArray   *by_reason;      /* the top reasons by count (at most
                                  RD_REPORT_TOP_REASONS), then "other" when
                                  more reasons remain (its filter: the other
                                  reasons' cases, by their ids) */
  GPtrArray   *by_channel;     /* RdReportBar per channel, largest first */
  GPtrArray   *by_payment;     /* RdReportBar per payment method, largest first */
  RdReportBar  merchant_fault; /* cases whose reason's fault is MERCHANT
                                  (rd_refund_reason_list); share =
                                  merchant_fault.count / total.count */
} RdReportRefunds;

#define RD_REPORT_TOP_REASONS 6

/* Money that will not come back, for the cases of the period (claims: filed
 * in the period). A refund counts when it was granted: approved, and not
 * refused or withdrawn since. amount per currency as said of each; paid
 * is the orders' amount paid (0 for claims). */
typedef struct
{
  RdReportBar no_return;        /* refunds without a return: refund-only
                                   after shipping, or resolved as refund
                                   without return; amount = approved */
  RdReportBar not_recovered;    /* 钱货两空: paid out (paid_at set) while the
                                   parcel's intercept ended failed,
                                   delivered or in a claim, never back in
                                   the warehouse; amount = approved */
  RdReportBar compensation;     /* resolved as compensation, or a
                                   calculator breakdown with compensation;
                                   amount = the approved amount (what the
                                   compensation came to) */
  RdReportBar return_shipping;  /* return shipping the shop reimbursed
                                   (the breakdown's return_shipping_refund);
                                   amount = that reimbursement */
  RdReportBar claims_filed;     /* claims against couriers filed in the
                                   period (count = claims); amount = claimed;
                                   currency of the linked case, else CNY */
  RdReportBar claims_recovered; /* those of the same claims with something
                                   recovered: amount = recovered so far */
} RdReportLosses;

/* Speed of one channel (key "" and label "All channels" for all). Times
 * from the request (requested_at) to the approval (the audit log's
 * "approve" entry of the case) and to the payout in full (paid_at). */
typedef struct
{
  char           *key;             /* channel id; "" = every channel */
  char           *label;
  guint           n_approved;      /* cases of the period approved */
  gint64          approve_median;  /* seconds; -1 when n_approved = 0 */
  gint64          approve_p90;     /* 90th percentile (nearest rank) */
  guint           n_paid;          /* cases of the period paid in full */
  gint64          payout_median;
  gint64          payout_p90;
  RdLedgerFilter *filter;          /* the channel's cases of the period */
} RdReportSpeed;

typedef struct
{
  GPtrArray   *by_channel;       /* RdReportSpeed: "every channel" first,
                                    then one per channel, largest first */
  RdReportBar  deadline_missed;  /* cases of the period with a platform
                                    deadline that were decided (approved,
                                    refused) after it or are still open
                                    past it: the platform decides then */
  RdReportBar  overdue_now;      /* open cases past their platform deadline
                                    at `now`, whatever their request time */
} RdReportSpeedFigures;

/* Intercepts of one courier or destination province. */
typedef struct
{
  char           *key;             /* courier id, or the province as stored
                                      ("" = not given) */
  char           *label;
  guint           requested;       /* intercepts requested of the courier
                                      (past pending) registered in the period */
  guint           intercepted;     /* of those, stopped: intercepted or back
                                      in the warehouse without a failure */
  guint           failed;          /* failed, refused by the buyer, delivered,
                                      claim */
  gint64          median_to_result;/* seconds from the request to the
                                      settlement (settled_at); -1 if none */
  RdLedgerFilter *filter;          /* their cases (ids) */
} RdReportIntercept;

typedef struct
{
  RdReportIntercept  all;          /* every courier (key "") */
  GPtrArray         *by_courier;   /* RdReportIntercept, most requested first */
  GPtrArray         *by_province;  /* RdReportIntercept, most requested first */
} RdReportIntercepts;

/* Refund rate of a channel: refunds ÷ orders, where the shop entered its
 * order counts for every month of the period. */
typedef struct
{
  char           *key;        /* channel id; "" = all the channels with counts */
  char           *label;
  guint           refunds;    /* cases of the period in the channel */
  gboolean        has_orders; /* the shop gave the count of every month */
  guint64         orders;     /* Σ the months' order counts */
  RdLedgerFilter *filter;
} RdReportRate;

/* The figures of one period. */
typedef struct
{
  RdReportPeriod        period;
  gint64                start;        /* Unix seconds of the first second */
  gint64                end;          /* Unix seconds after the last one */
  RdReportRefunds       refunds;
  RdReportLosses        losses;
  RdReportSpeedFigures  speed;
  RdReportIntercepts    intercepts;
  GPtrArray            *rates;        /* RdReportRate: "" (all) first, then
                                         one per channel with orders or
                                         refunds */
} RdReportFigures;

typedef struct
{
  gint64           now;        /* the time "open past its deadline now" is at */
  RdReportFigures *current;
  RdReportFigures *previous;   /* the same number of months just before */
} RdReport;

GQuark           rd_report_error_quark     (void);

/* The period of one month, or of months from … to; FALSE and
 * RD_REPORT_ERROR_INVALID when a month is not 1–12 or to is before from. */
gboolean         rd_report_period_init     (RdReportPeriod *period,
                                            int             from_year,
                                            int             from_month,
                                            int             to_year,
                                            int             to_month,
                                            GError        **error);
/* "2026-11" or "2026-09 – 2026-11". */
char            *rd_report_period_format   (const RdReportPeriod *period);
/* The same number of months ending the month before. */
void             rd_report_period_previous (const RdReportPeriod *period,
                                            RdReportPeriod       *previous);

/* Computes the report of period and of the period before it on db (a read
 * transaction of its own when db is not in one); now = 0: the current
 * time. G_IO_ERROR_CANCELLED when cancellable fires. */
RdReport        *rd_report_compute         (sqlite3              *db,
                                            const RdReportPeriod *period,
                                            gint64                now,
                                            GCancellable         *cancellable,
                                            GError              **error);
void             rd_report_free            (RdReport *self);

/* The money of currency in a figure's array, or NULL. */
const RdReportMoney *rd_report_money_lookup (GArray     *money,
                                             const char *currency);

/* Monthly order counts per channel, entered by the shop (schema version
 * 15, table order_counts, in the audit chain). */
typedef struct
{
  int      year;
  int      month;
  char    *channel;
  guint64  orders;
} RdOrderCount;

void             rd_order_count_free       (RdOrderCount *count);
/* Every count of the months of period, by month then channel. */
GPtrArray       *rd_order_counts_list      (sqlite3              *db,
                                            const RdReportPeriod *period,
                                            GError              **error);
/* Sets (orders ≥ 0) or, with orders = -1, removes the count of a channel's
 * month; recorded in the audit log as operator's "set_order_count". */
gboolean         rd_order_counts_set       (RdStore    *store,
                                            int         year,
                                            int         month,
                                            const char *channel,
                                            gint64      orders,
                                            const char *operator,
                                            GError    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdReport, rd_report_free)

G_END_DECLS
