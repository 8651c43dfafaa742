/* rd-bench-export.c
 *
 * `rd-bench-export [--runs N] [--month YYYY-MM] [--basis paid|requested] [--all] DB`:
 * times rd_export_month () on one month *inside* DB as it is (a 1M or 10M
 * ledger written by rd-gen-ledger), so that what the month costs in a big
 * ledger is what is measured: the month's reads through the ledger's
 * indexes, not a small ledger holding the month alone. DB is only read.
 *
 * In the same run, a bare libxlsxwriter loop (constant_memory, no
 * database, no formatting logic) writes the same sheets with as many rows
 * as the export wrote and the same cells: the ledger's 16 columns (strings,
 * money and date numbers with their formats, a cell left empty where the
 * case has no value), cycling through up to 1,024 of the month's own rows
 * read beforehand, and the intercepts' and claims' columns. The two are
 * run alternately, N times each (default 5); each figure is the median.
 * --all also times the whole ledger the same way.
 *
 * Prints one JSON line: rows of each sheet, the cells of the reference,
 * wall-clock and CPU (user + system, which a busy shared machine disturbs
 * less) medians and ratios, and the peak RSS of the process (getrusage).
 * The month defaults to the one before the current month (local time), the
 * basis to "paid", the export's default.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <xlsxwriter.h>

#include "rd-export.h"
#include "rd-store.h"

#define N_SAMPLES 1024
#define N_TEXT 12
#define MAX_RUNS 9

typedef struct
{
  char   *text[N_TEXT];   /* the ledger's 12 text columns, "" when empty */
  double  requested;      /* Excel serials; 0 when not set */
  double  paid;
  double  amount_paid;
  double  refund;
  gboolean has_refund;
} Sample;

static Sample samples[N_SAMPLES];
static guint n_samples;

/* What an export wrote: the reference writes as many rows of each sheet. */
typedef struct
{
  gint64 cases;
  gint64 intercepts;
  gint64 claims;
} Counts;

typedef struct
{
  double wall;
  double cpu;
} Timing;

static gint64 reference_cells;

static double
cpu_now (void)
{
  struct rusage u;

  getrusage (RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + u.ru_stime.tv_sec + u.ru_stime.tv_usec / 1e6;
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (const double *values,
        int           n)
{
  double v[MAX_RUNS];

  memcpy (v, values, n * sizeof (double));
  qsort (v, n, sizeof (double), compare_double);
  return v[n / 2];
}

static double
excel_serial (gint64 unix_time)
{
  return unix_time > 0 ? unix_time / 86400.0 + 25569 : 0;
}

/* Up to 1,024 of the period's own rows, so that the reference's cells (and
 * its empty ones) are those the export writes. */
static void
load_samples (const char    *db_path,
              gint64         start,
              gint64         end,
              RdExportBasis  basis)
{
  const char *column = basis == RD_EXPORT_BASIS_PAID ? "paid_at" : "requested_at";
  g_autofree char *sql = g_strdup_printf (
    "SELECT case_no, order_no, coalesce (after_sales_no, ''), channel, kind, reason, "
    "payment_method, currency, status, coalesce (handler, ''), "
    "coalesce (buyer_name, ''), coalesce (return_tracking, ''), requested_at, coalesce (paid_at, 0), amount_paid, "
    "approved_amount FROM cases WHERE %s >= ?1 AND %s < ?2 ORDER BY %s LIMIT %d",
    column, column, column, N_SAMPLES);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("cannot read %s: %s", db_path, sqlite3_errmsg (db));
  sqlite3_bind_int64 (stmt, 1, start);
  sqlite3_bind_int64 (stmt, 2, end);

  while (n_samples < N_SAMPLES && sqlite3_step (stmt) == SQLITE_ROW)
    {
      Sample *s = &samples[n_samples++];

      for (int c = 0; c < N_TEXT; c++)
        s->text[c] = g_strdup ((const char *) sqlite3_column_text (stmt, c));
      s->requested = excel_serial (sqlite3_column_int64 (stmt, 12));
      s->paid = excel_serial (sqlite3_column_int64 (stmt, 13));
      s->amount_paid = sqlite3_column_int64 (stmt, 14) / 100.0;
      s->has_refund = sqlite3_column_type (stmt, 15) != SQLITE_NULL;
      s->refund = sqlite3_column_int64 (stmt, 15) / 100.0;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  if (n_samples == 0)
    g_error ("%s has no case in the period", db_path);
}

static void
write_string (lxw_worksheet *ws,
              gint64         row,
              int            col,
              const char    *text)
{
  if (*text == '\0')
    return;
  worksheet_write_string (ws, row, col, text, NULL);
  reference_cells++;
}

static void
write_number (lxw_worksheet *ws,
              gint64         row,
              int            col,
              double         value,
              lxw_format    *format)
{
  worksheet_write_number (ws, row, col, value, format);
  reference_cells++;
}

/* A register sheet of the reference: n_rows rows with the export's column
 * kinds (text, money, dates) in the export's places. */
static void
reference_register (lxw_workbook *wb,
                    const char   *name,
                    gint64        n_rows,
                    const int    *text_cols,
                    int           n_text,
                    const int    *money_cols,
                    int           n_money,
                    const int    *date_cols,
                    int           n_dates,
                    lxw_format   *money,
                    lxw_format   *date)
{
  lxw_worksheet *ws = workbook_add_worksheet (wb, name);

  for (int c = 0; c < n_text + n_money + n_dates; c++)
    write_string (ws, 0, c, "Header");
  for (gint64 r = 1; r <= n_rows; r++)
    {
      const Sample *s = &samples[r % n_samples];

      for (int c = 0; c < n_text; c++)
        write_string (ws, r, text_cols[c], s->text[c % N_TEXT]);
      for (int c = 0; c < n_money; c++)
        write_number (ws, r, money_cols[c], s->amount_paid, money);
      for (int c = 0; c < n_dates; c++)
        if (c < 2 || s->paid > 0)
          write_number (ws, r, date_cols[c], c < 2 ? s->requested : s->paid, date);
    }
}

/* The reference: the same sheets, rows and cells, straight into
 * libxlsxwriter: the ledger's 16 columns, the intercepts' (16) and claims'
 * (11) columns for as many rows as the export wrote. */
static Timing
reference (const char   *path,
           const Counts *counts)
{
  static const int text_cols[N_TEXT] = { 0, 1, 2, 3, 4, 5, 6, 9, 12, 13, 14, 15 };
  static const int parcel_text[] = { 0, 1, 2, 3, 4, 5, 7, 8, 9, 15 };
  static const int parcel_money[] = { 6 };
  static const int parcel_dates[] = { 10, 11, 12, 13, 14 };
  static const int claim_text[] = { 0, 1, 2, 3, 4, 7, 10 };
  static const int claim_money[] = { 5, 8 };
  static const int claim_dates[] = { 6, 9 };
  lxw_workbook_options options = { .constant_memory = LXW_TRUE, .use_zip64 = LXW_FALSE };
  gint64 start = g_get_monotonic_time ();
  double cpu = cpu_now ();
  lxw_workbook *wb = workbook_new_opt (path, &options);
  lxw_worksheet *ws = workbook_add_worksheet (wb, "Ledger");
  lxw_format *money = workbook_add_format (wb);
  lxw_format *date = workbook_add_format (wb);

  reference_cells = 0;
  format_set_num_format (money, "\"¥\"#,##0.00;-\"¥\"#,##0.00");
  format_set_num_format (date, "yyyy-mm-dd hh:mm");

  for (int c = 0; c < 16; c++)
    write_string (ws, 0, c, "Header");
  for (gint64 r = 1; r <= counts->cases; r++)
    {
      const Sample *s = &samples[r % n_samples];

      for (int c = 0; c < N_TEXT; c++)
        write_string (ws, r, text_cols[c], s->text[c]);
      if (s->requested > 0)
        write_number (ws, r, 7, s->requested, date);
      if (s->paid > 0)
        write_number (ws, r, 8, s->paid, date);
      write_number (ws, r, 10, s->amount_paid, money);
      if (s->has_refund)
        write_number (ws, r, 11, s->refund, money);
    }
  reference_register (wb, "Intercepts", counts->intercepts,
                      parcel_text, G_N_ELEMENTS (parcel_text), parcel_money, G_N_ELEMENTS (parcel_money),
                      parcel_dates, G_N_ELEMENTS (parcel_dates), money, date);
  reference_register (wb, "Claims", counts->claims,
                      claim_text, G_N_ELEMENTS (claim_text), claim_money, G_N_ELEMENTS (claim_money),
                      claim_dates, G_N_ELEMENTS (claim_dates), money, date);
  if (workbook_close (wb) != LXW_NO_ERROR)
    g_error ("reference workbook failed");
  return (Timing) { (g_get_monotonic_time () - start) / 1e6, cpu_now () - cpu };
}

static Timing
export (const char     *db_path,
        const char     *out,
        int             year,
        int             month,
        RdExportBasis   basis,
        Counts         *counts)
{
  g_autoptr(GError) error = NULL;
  RdExportTotals totals = { 0 };
  RdExportOptions opts = { .year = year, .month = month, .basis = basis, .output_path = out,
                           .shop_name = "Bench", .operator = "bench" };
  gint64 start = g_get_monotonic_time ();
  double cpu = cpu_now ();
  Timing t;

  if (!rd_export_month (db_path, &opts, NULL, NULL, NULL, &totals, &error))
    g_error ("export failed: %s", error->message);
  t = (Timing) { (g_get_monotonic_time () - start) / 1e6, cpu_now () - cpu };
  counts->cases = totals.n_cases;
  counts->intercepts = totals.n_intercepts;
  counts->claims = totals.n_claims;
  rd_export_totals_clear (&totals);
  return t;
}

/* Runs the export and the reference alternately and prints the medians as
 * "<name>_…" members of the JSON line. */
static void
measure (GString       *json,
         const char    *name,
         const char    *db_path,
         const char    *out,
         const char    *ref,
         int            year,
         int            month,
         RdExportBasis  basis,
         int            runs)
{
  double ew[MAX_RUNS], ec[MAX_RUNS], rw[MAX_RUNS], rc[MAX_RUNS];
  Counts counts = { 0 };
  double em, rm, ecm, rcm;

  for (int i = 0; i < runs; i++)
    {
      Timing e = export (db_path, out, year, month, basis, &counts);
      Timing r = reference (ref, &counts);

      ew[i] = e.wall;
      ec[i] = e.cpu;
      rw[i] = r.wall;
      rc[i] = r.cpu;
      g_printerr ("%s run %d: export %.3f s (%.3f s CPU), reference %.3f s (%.3f s CPU)\n",
                  name, i + 1, e.wall, e.cpu, r.wall, r.cpu);
    }
  em = median (ew, runs);
  rm = median (rw, runs);
  ecm = median (ec, runs);
  rcm = median (rc, runs);
  g_string_append_printf (json,
                          ", \"%s_rows\": %" G_GINT64_FORMAT ", \"%s_intercept_rows\": %" G_GINT64_FORMAT
                          ", \"%s_claim_rows\": %" G_GINT64_FORMAT ", \"%s_reference_cells\": %" G_GINT64_FORMAT
                          ", \"%s_export_s\": %.3f, \"%s_reference_s\": %.3f, \"%s_ratio\": %.3f"
                          ", \"%s_export_cpu_s\": %.3f, \"%s_reference_cpu_s\": %.3f, \"%s_cpu_ratio\": %.3f",
                          name, counts.cases, name, counts.intercepts, name, counts.claims, name, reference_cells,
                          name, em, name, rm, name, em / rm, name, ecm, name, rcm, name, ecm / rcm);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("DB");
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) json = g_string_new ("{");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) last_month = g_date_time_add_months (now, -1);
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) after = NULL;
  g_autofree char *month_text = NULL;
  g_autofree char *basis_text = NULL;
  g_autofree char *out = NULL;
  g_autofree char *ref = NULL;
  g_autofree char *out_dir = NULL;
  RdExportBasis basis;
  int year = g_date_time_get_year (last_month), month = g_date_time_get_month (last_month);
  int runs = 5;
  gboolean all = FALSE;
  struct rusage usage;
  GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each measurement (median; default 5)", "N" },
    { "month", 0, 0, G_OPTION_ARG_STRING, &month_text, "The month to export (default: last month)", "YYYY-MM" },
    { "basis", 0, 0, G_OPTION_ARG_STRING, &basis_text, "paid (default) or requested", "BASIS" },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, "Also time the whole ledger", NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || runs < 1 || runs > MAX_RUNS ||
      (month_text != NULL && (sscanf (month_text, "%d-%d", &year, &month) != 2 || month < 1 || month > 12)) ||
      (basis_text != NULL && !g_str_equal (basis_text, "paid") && !g_str_equal (basis_text, "requested")))
    {
      g_printerr ("usage: rd-bench-export [--runs N] [--month YYYY-MM] [--basis paid|requested] [--all] DB\n");
      return 2;
    }
  basis = basis_text != NULL && g_str_equal (basis_text, "requested") ? RD_EXPORT_BASIS_REQUESTED
                                                                       : RD_EXPORT_BASIS_PAID;

  first = g_date_time_new_local (year, month, 1, 0, 0, 0);
  after = g_date_time_add_months (first, 1);
  load_samples (argv[1], g_date_time_to_unix (first), g_date_time_to_unix (after), basis);

  /* The workbooks go beside the ledger, as a user's would: the same disk. */
  out_dir = g_path_get_dirname (argv[1]);
  out = g_build_filename (out_dir, "rd-bench-export.xlsx", NULL);
  ref = g_build_filename (out_dir, "rd-bench-export-reference.xlsx", NULL);

  g_string_append_printf (json, "\"runs\": %d, \"month\": \"%04d-%02d\", \"basis\": \"%s\"", runs, year, month,
                          basis == RD_EXPORT_BASIS_PAID ? "paid" : "requested");
  measure (json, "month", argv[1], out, ref, year, month, basis, runs);
  if (all)
    measure (json, "all", argv[1], out, ref, 0, 0, basis, runs);
  g_unlink (out);
  g_unlink (ref);

  getrusage (RUSAGE_SELF, &usage);
  g_string_append_printf (json, ", \"peak_rss_mb\": %.1f}", usage.ru_maxrss / 1024.0);
  printf ("%s\n", json->str);
  return 0;
}
