/* rd-export-private.h
 *
 * Between the files of the export and its tests. rd-export.c (the file, the
 * transaction, the order of the sheets) calls the sheet files:
 * rd-export-ledger.c (the ledger sheets), rd-export-summary.c (summary,
 * about) and rd-export-register.c (intercepts, claims). They write with
 * rd-export-sheet.c (formats, cells, widths, headers) and share the figures
 * of rd-export-tally.c; no sheet file calls another or rd-export.c.
 */
#pragma once

#if !defined (RD_EXPORT_COMPILATION)
# error "rd-export-private.h is for src/core/export only."
#endif

#include <sqlite3.h>
#include <xlsxwriter.h>

#include "rd-export.h"

G_BEGIN_DECLS

/* Excel's rows per sheet, header included. */
#define RD_EXPORT_EXCEL_MAX_ROWS 1048576

/* Width (in characters) tracking for one sheet's columns. */
#define RD_EXPORT_MAX_COLUMNS 20

typedef struct
{
  lxw_worksheet *sheet;
  guint          widths[RD_EXPORT_MAX_COLUMNS];
  guint          n_columns;
} RdExportSheet;

/* Number format of a currency. */
typedef struct
{
  const char *code;
  guint       exponent;
  double      divisor;        /* 10^exponent, exact */
  lxw_format *format;
} RdExportMoneyFormat;

typedef struct _RdExportSummary RdExportSummary;

typedef struct
{
  const RdExportOptions *opts;
  sqlite3               *db;
  lxw_workbook          *workbook;
  GCancellable          *cancellable;
  RdExportProgressFunc   progress;
  gpointer               progress_data;

  lxw_format            *header_format;
  lxw_format            *datetime_format;
  lxw_format            *bold_format;
  lxw_format            *hours_format;    /* 0.0 */
  lxw_format            *percent_format;  /* 0.0% */
  GHashTable            *money_formats;   /* code → RdExportMoneyFormat */

  gint64                 period_start;    /* Unix seconds; 0/G_MAXINT64 for all */
  gint64                 period_end;
  GTimeZone             *tz;

  RdExportSummary       *summary;
  RdExportTotals        *totals;
  gint64                 max_rows;        /* data rows per ledger sheet */
  int                    schema_version;  /* of the ledger */
} RdExportContext;

/* rd-export-sheet.c: formats and cells */
const RdExportMoneyFormat *_rd_export_money_format (RdExportContext *ctx,
                                                    const char      *code);
double      _rd_export_excel_time         (RdExportContext *ctx,
                                           gint64           unix_time);
guint       _rd_export_text_width         (const char      *text);
void        _rd_export_sheet_note_width   (RdExportSheet   *sheet,
                                           guint            col,
                                           guint            width);
void        _rd_export_sheet_write_header (RdExportContext *ctx,
                                           RdExportSheet   *sheet,
                                           const char     **headers,
                                           guint            n);
void        _rd_export_sheet_finish       (RdExportSheet   *sheet,
                                           guint            last_row);
void        _rd_export_write_text         (RdExportSheet   *sheet,
                                           guint            row,
                                           guint            col,
                                           const char      *text,
                                           lxw_format      *format);
void        _rd_export_write_money        (RdExportSheet   *sheet,
                                           guint            row,
                                           guint            col,
                                           const RdExportMoneyFormat *money,
                                           gint64           amount);
void        _rd_export_write_count        (RdExportSheet   *sheet,
                                           guint            row,
                                           guint            col,
                                           gint64           count);
void        _rd_export_write_time         (RdExportContext *ctx,
                                           RdExportSheet   *sheet,
                                           guint            row,
                                           guint            col,
                                           gint64           unix_time);

/* rd-export-sheet.c: sheets. "明细", "明细 (2)": ≤ 31 characters, none of
 * []:*?/\ */
char       *_rd_export_sheet_name         (const char      *name,
                                           guint            number);
gboolean    _rd_export_add_sheet          (RdExportContext *ctx,
                                           RdExportSheet   *sheet,
                                           const char      *title,
                                           GError         **error);
/* Sheet `number` of title ("Ledger (2)"); number 1 is the plain title. */
gboolean    _rd_export_add_numbered_sheet (RdExportContext *ctx,
                                           RdExportSheet   *sheet,
                                           const char      *title,
                                           guint            number,
                                           GError         **error);

/* rd-export-sheet.c: the rows a sheet reads. name, or id when the name is
 * empty (unknown id). */
const char *_rd_export_name_or_id         (const char      *name,
                                           const char      *id);
const char *_rd_export_column_text        (sqlite3_stmt    *stmt,
                                           int              col);
/* "Could not read the ledger" with the database's message; returns FALSE. */
gboolean    _rd_export_set_read_error     (RdExportContext *ctx,
                                           GError         **error);

/* rd-export-tally.c: the figures of the Summary and About sheets. */
typedef enum
{
  RD_EXPORT_DIM_KIND,
  RD_EXPORT_DIM_REASON,
  RD_EXPORT_DIM_CHANNEL,
  RD_EXPORT_DIM_PAYMENT_METHOD,
  RD_EXPORT_N_DIMS
} RdExportDimension;

typedef struct
{
  char   *id;         /* stored id, "" when the case has none */
  char   *currency;
  guint   order;      /* built-in position; unknown ids after, by id */
  gint64  n;
  gint64  paid;
  gint64  refund;
} RdExportSummaryEntry;

RdExportSummary *_rd_export_summary_new   (void);
void        _rd_export_summary_free       (RdExportSummary *summary);
/* One ledger row. refund_amount < 0: not approved (counts as 0). */
gboolean    _rd_export_summary_add        (RdExportSummary *summary,
                                           const char      *currency,
                                           const char      *kind,
                                           const char      *reason,
                                           const char      *channel,
                                           const char      *payment_method,
                                           gint64           amount_paid,
                                           gint64           refund_amount,
                                           GError         **error);
/* A new array of one dimension's entries (owned by summary), in the
 * sheet's order. */
GPtrArray  *_rd_export_summary_entries    (RdExportSummary   *summary,
                                           RdExportDimension  dim);
/* The per-currency totals, sorted (CNY first), CNY always present. */
GArray     *_rd_export_summary_totals     (RdExportSummary *summary);

/* rd-export-ledger.c: streams the period's cases into the ledger sheets,
 * adding to the summary and the totals. */
gboolean    _rd_export_write_ledger       (RdExportContext *ctx,
                                           GError         **error);

/* rd-export-summary.c */
gboolean    _rd_export_write_summary      (RdExportContext *ctx,
                                           GError         **error);
gboolean    _rd_export_write_about        (RdExportContext *ctx,
                                           GError         **error);

/* rd-export-report.c: the Report sheet, the figures of rd-report.h for the
 * period with charts over them (none for the whole ledger). */
gboolean    _rd_export_write_report       (RdExportContext *ctx,
                                           GError         **error);

/* rd-export-register.c: the intercept register's parcels registered in the
 * period and the claims filed in it (schema version 5; older ledgers get
 * the headers only). */
gboolean    _rd_export_write_intercepts   (RdExportContext *ctx,
                                           GError         **error);
gboolean    _rd_export_write_claims       (RdExportContext *ctx,
                                           GError         **error);

/* The SQL of the reads of the period, for the tests that hold their query
 * plans (test-export-plans): the ledger's (count or rows; whole_ledger:
 * every case with a basis time, else ?1 <= time < ?2), the intercepts' and
 * the claims' (?1 <= time < ?2). */
char       *_rd_export_ledger_sql         (RdExportBasis    basis,
                                           gboolean         whole_ledger,
                                           gboolean         count);
extern const char _rd_export_intercepts_sql[];
extern const char _rd_export_claims_sql[];

/* Tests only: rows per ledger sheet (0 restores Excel's limit). */
void        _rd_export_set_max_rows_for_testing (gint64 max_rows);

G_END_DECLS
