/* rd-export.h
 *
 * The monthly Excel workbook for the accountant (libxlsxwriter).
 *
 * Sheets, in this order, named in the user's language:
 *   Ledger (明细)       one row a case of the period; more rows than a sheet
 *                       holds continue on "Ledger (2)", "Ledger (3)", …
 *   Summary (汇总)      count, amount paid and refund amount by kind, reason,
 *                       channel and payment method, with totals per currency
 *   Report (报表)       the Reports page's figures (rd-report.h) of the cases
 *                       requested in the period, with the period before, and
 *                       native charts over them (not for the whole ledger);
 *                       with the "requested" basis its totals are Summary's
 *   Intercepts (拦截)   the intercept register's parcels registered in the
 *                       period (whatever the basis)
 *   Claims (理赔)       the courier claims filed in the period
 *   About (说明)        shop, period, basis, when and by whom, row counts and
 *                       control totals per currency
 *
 * Basis: RD_EXPORT_BASIS_PAID takes the cases whose refund was paid in full
 * (cases.paid_at, set when the payouts reach the approved amount) in the
 * period; RD_EXPORT_BASIS_REQUESTED the cases requested in the period (the
 * ledger page's month filter, so its count and sums are the page's footer).
 * "Refund amount" is the approved amount (blank, counted as 0, while a case
 * is not approved); "Amount paid" what the buyer paid for the order.
 *
 * Cells: money as numbers in the currency's format (¥#,##0.00), exactly
 * minor units / 10^exponent; times as Excel serial dates in the local time
 * zone of the process (TZ), computed with integer arithmetic; every text —
 * order, after-sales and tracking numbers, and text starting with = + - @ —
 * as a string, never a formula. Nothing depends on the C locale: numbers are
 * written under the "C" numeric locale whatever LC_NUMERIC says.
 *
 * Printing: every sheet landscape, one page wide, the sheet's name and
 * "Page N of M" in the footer; the header row repeated on each page.
 *
 * Reading: each sheet reads its period as a range on a time column through
 * that column's index (cases_paid_at or cases_ledger, intercepts_created,
 * claims_filed; schema version 12), so that a month costs what the month
 * holds, whatever the size of the ledger.
 *
 * Writing: rows stream from ONE read transaction on the export's own
 * read-only connection into libxlsxwriter's constant_memory mode, into
 * "<folder>/.<name>.tmp-XXXXXX", renamed to the target only when the
 * workbook is complete. Cancelled or failed: the temporary file is removed
 * and nothing appears under the target name (an existing file there is left
 * as it was).
 */
#pragma once

#include <gio/gio.h>

#include "rd-money-totals.h"

G_BEGIN_DECLS

#define RD_EXPORT_ERROR (rd_export_error_quark ())

typedef enum
{
  RD_EXPORT_ERROR_FAILED,
  RD_EXPORT_ERROR_INVALID,        /* bad period or options */
  RD_EXPORT_ERROR_OLD_LEDGER,     /* the ledger's schema is older than the export needs */
  RD_EXPORT_ERROR_NOT_WRITABLE,   /* the target folder cannot be written */
  RD_EXPORT_ERROR_WRITE,          /* writing failed: disk full, file too large, … */
  RD_EXPORT_ERROR_DATABASE,       /* the ledger could not be read */
  RD_EXPORT_ERROR_NEW_LEDGER,     /* the ledger's schema is newer than this build reads */
} RdExportError;

typedef enum
{
  RD_EXPORT_BASIS_PAID,        /* refunds paid in the period (default) */
  RD_EXPORT_BASIS_REQUESTED,   /* refunds requested in the period */
} RdExportBasis;

typedef struct
{
  int            year;         /* 0: the whole ledger */
  int            month;        /* 1–12; 0 with a year: the whole year */
  RdExportBasis  basis;
  const char    *output_path;  /* the target file */
  const char    *shop_name;    /* NULL or "": not shown */
  const char    *operator;     /* who made it; NULL or "": not shown */
} RdExportOptions;

/* Control totals of one currency. */
typedef struct
{
  char   code[8];              /* "CNY" */
  gint64 n_cases;
  gint64 amount_paid;          /* Σ amount paid, minor units */
  gint64 refund_amount;        /* Σ refund (approved) amount, minor units */
} RdExportCurrencyTotals;

typedef struct
{
  gint64  n_cases;             /* ledger rows, all sheets */
  gint64  n_intercepts;
  GArray *intercept_amounts;   /* RdMoneyTotal: Σ intercepts' amounts per currency
                                * (a parcel's is its case's; CNY without a case) */
  gint64  n_claims;
  GArray *claims_claimed;      /* RdMoneyTotal: Σ amount claimed per currency */
  GArray *claims_recovered;    /* RdMoneyTotal: Σ amount recovered per currency */
  guint   n_ledger_sheets;
  GArray *currencies;          /* RdExportCurrencyTotals, sorted by code; CNY
                                * always present (zero in an empty month) */
} RdExportTotals;

/* Called from the exporting thread every few hundred rows and at the end.
 * `total` is the number of ledger rows of the period. Cancel the export by
 * cancelling the GCancellable (also from here). */
typedef void (*RdExportProgressFunc) (gint64   done,
                                      gint64   total,
                                      gpointer user_data);

GQuark   rd_export_error_quark   (void);

void     rd_export_totals_clear  (RdExportTotals        *totals);
/* The totals of a currency, or NULL. */
const RdExportCurrencyTotals *
         rd_export_totals_lookup (const RdExportTotals  *totals,
                                  const char            *code);

/* Writes the workbook of the period of the ledger at db_path to
 * opts->output_path, on the caller's thread (the window calls it in a GTask
 * thread). out_totals (may be NULL) receives the control totals; free with
 * rd_export_totals_clear (). Errors: RD_EXPORT_ERROR, G_IO_ERROR_CANCELLED. */
gboolean rd_export_month         (const char            *db_path,
                                  const RdExportOptions *opts,
                                  RdExportProgressFunc   progress,
                                  gpointer               user_data,
                                  GCancellable          *cancellable,
                                  RdExportTotals        *out_totals,
                                  GError               **error);

/* "Refunds-2026-10.xlsx", translated ("退款-2026-10.xlsx"). */
char    *rd_export_default_filename (int year,
                                     int month);

G_END_DECLS
