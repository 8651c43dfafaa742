/* rd-bench-export.c
 *
 * `rd-bench-export [--runs N] DB`: times rd_export_month () on
 *   - a month of 100k cases: the first 100,000 cases of DB copied into a
 *     scratch ledger "<DB>.month.db" (made once, kept) with their request
 *     times moved into 2026-10, exported on the "requested" basis;
 *   - all of DB (every case, 1M with `rd-gen-ledger --cases 1000000`);
 * and, in the same run, a bare libxlsxwriter loop (constant_memory, no
 * database, no formatting logic) that writes the same number of rows of the
 * same cells — 16 columns, strings, money and date numbers with their
 * formats — cycling through 1,024 sample rows read beforehand. Each figure is
 * the median of N runs (default 3). Prints one JSON line: the wall-clock
 * times, their ratios, the same for CPU time (user + system, which a busy
 * shared machine disturbs less) and the peak RSS of the process (getrusage).
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <xlsxwriter.h>

#include "rd-export.h"
#include "rd-store.h"

#define N_SAMPLES 1024
#define N_TEXT 12
#define MONTH_CASES 100000

typedef struct
{
  char   *text[N_TEXT];   /* the ledger's 12 text columns */
  double  requested;      /* Excel serials */
  double  paid;
  double  amount_paid;
  double  refund;
} Sample;

static Sample samples[N_SAMPLES];

/* CPU seconds of the measurement just finished. */
static double last_cpu;

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
median (double *v,
        int     n)
{
  qsort (v, n, sizeof (double), compare_double);
  return v[n / 2];
}

static void
load_samples (const char *db_path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int i = 0;

  if (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db,
                          "SELECT case_no, order_no, coalesce (after_sales_no, ''), channel, kind, reason, "
                          "payment_method, currency, status, coalesce (handler, ''), "
                          "coalesce (buyer_name, ''), coalesce (return_tracking, ''), requested_at, coalesce (paid_at, 0), amount_paid, "
                          "coalesce (approved_amount, 0) FROM cases LIMIT 1024",
                          -1, &stmt, NULL) != SQLITE_OK)
    g_error ("cannot read %s: %s", db_path, sqlite3_errmsg (db));

  while (sqlite3_step (stmt) == SQLITE_ROW && i < N_SAMPLES)
    {
      for (int c = 0; c < N_TEXT; c++)
        samples[i].text[c] = g_strdup ((const char *) sqlite3_column_text (stmt, c));
      samples[i].requested = sqlite3_column_int64 (stmt, 12) / 86400.0 + 25569;
      samples[i].paid = sqlite3_column_int64 (stmt, 13) / 86400.0 + 25569;
      samples[i].amount_paid = sqlite3_column_int64 (stmt, 14) / 100.0;
      samples[i].refund = sqlite3_column_int64 (stmt, 15) / 100.0;
      i++;
    }
  for (; i < N_SAMPLES; i++)
    samples[i] = samples[i % MAX (i, 1)];
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* What an export wrote: the reference writes as many rows of each sheet. */
typedef struct
{
  gint64 cases;
  gint64 intercepts;
  gint64 claims;
} Counts;

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
  lxw_worksheet *ws;

  if (n_rows == 0)
    return;
  ws = workbook_add_worksheet (wb, name);
  for (int c = 0; c < n_text + n_money + n_dates; c++)
    worksheet_write_string (ws, 0, c, "Header", NULL);
  for (gint64 r = 1; r <= n_rows; r++)
    {
      const Sample *s = &samples[r % N_SAMPLES];

      for (int c = 0; c < n_text; c++)
        if (*s->text[c % N_TEXT] != '\0')
          worksheet_write_string (ws, r, text_cols[c], s->text[c % N_TEXT], NULL);
      for (int c = 0; c < n_money; c++)
        worksheet_write_number (ws, r, money_cols[c], s->amount_paid, money);
      for (int c = 0; c < n_dates; c++)
        if (c < 2 || s->paid > 25569)
          worksheet_write_number (ws, r, date_cols[c], c < 2 ? s->requested : s->paid, date);
    }
}

/* The reference: the same sheets, rows and cells, straight into
 * libxlsxwriter: the ledger's 16 columns, and the intercepts' (15) and
 * claims' (10) columns for as many rows as the export wrote. */
static double
reference (const char   *path,
           const Counts *counts)
{
  static const int parcel_text[] = { 0, 1, 2, 3, 4, 6, 7, 8, 14 };
  static const int parcel_money[] = { 5 };
  static const int parcel_dates[] = { 9, 10, 11, 12, 13 };
  static const int claim_text[] = { 0, 1, 2, 3, 6, 9 };
  static const int claim_money[] = { 4, 7 };
  static const int claim_dates[] = { 5, 8 };
  gint64 n_rows = counts->cases;

  lxw_workbook_options options = { .constant_memory = LXW_TRUE, .use_zip64 = LXW_FALSE };
  gint64 start = g_get_monotonic_time ();
  double cpu = cpu_now ();
  lxw_workbook *wb = workbook_new_opt (path, &options);
  lxw_worksheet *ws = workbook_add_worksheet (wb, "Ledger");
  lxw_format *money = workbook_add_format (wb);
  lxw_format *date = workbook_add_format (wb);

  format_set_num_format (money, "\"¥\"#,##0.00;-\"¥\"#,##0.00");
  format_set_num_format (date, "yyyy-mm-dd hh:mm");

  for (int c = 0; c < 16; c++)
    worksheet_write_string (ws, 0, c, "Header", NULL);
  for (gint64 r = 1; r <= n_rows; r++)
    {
      const Sample *s = &samples[r % N_SAMPLES];

      static const int text_cols[N_TEXT] = { 0, 1, 2, 3, 4, 5, 6, 9, 12, 13, 14, 15 };

      for (int c = 0; c < N_TEXT; c++)
        if (*s->text[c] != '\0')
          worksheet_write_string (ws, r, text_cols[c], s->text[c], NULL);
      worksheet_write_number (ws, r, 7, s->requested, date);
      if (s->paid > 25569)
        worksheet_write_number (ws, r, 8, s->paid, date);
      worksheet_write_number (ws, r, 10, s->amount_paid, money);
      worksheet_write_number (ws, r, 11, s->refund, money);
    }
  reference_register (wb, "Intercepts", counts->intercepts,
                      parcel_text, G_N_ELEMENTS (parcel_text), parcel_money, G_N_ELEMENTS (parcel_money),
                      parcel_dates, G_N_ELEMENTS (parcel_dates), money, date);
  reference_register (wb, "Claims", counts->claims,
                      claim_text, G_N_ELEMENTS (claim_text), claim_money, G_N_ELEMENTS (claim_money),
                      claim_dates, G_N_ELEMENTS (claim_dates), money, date);
  if (workbook_close (wb) != LXW_NO_ERROR)
    g_error ("reference workbook failed");
  last_cpu = cpu_now () - cpu;
  return (g_get_monotonic_time () - start) / 1e6;
}

static double
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

  if (!rd_export_month (db_path, &opts, NULL, NULL, NULL, &totals, &error))
    g_error ("export failed: %s", error->message);
  last_cpu = cpu_now () - cpu;
  counts->cases = totals.n_cases;
  counts->intercepts = totals.n_intercepts;
  counts->claims = totals.n_claims;
  rd_export_totals_clear (&totals);
  return (g_get_monotonic_time () - start) / 1e6;
}

/* The first 100k cases of DB, requested within 2026-10 (local time). */
static char *
make_month_db (const char *db_path)
{
  g_autofree char *path = g_strdup_printf ("%s.month.db", db_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autoptr(GDateTime) oct = g_date_time_new_local (2026, 10, 1, 0, 0, 0);
  g_autofree char *sql = NULL;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&path);

  store = rd_store_open (path, RD_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  sql = g_strdup_printf ("ATTACH '%s' AS src;"
                         "BEGIN;"
                         "INSERT INTO cases SELECT * FROM src.cases ORDER BY id LIMIT %d;"
                         "UPDATE cases SET requested_at = %" G_GINT64_FORMAT " + (id * 26) %% (31 * 86400);"
                         "COMMIT; DETACH src;",
                         db_path, MONTH_CASES, g_date_time_to_unix (oct));
  if (!rd_store_exec (store, sql, &error))
    g_error ("%s", error->message);
  return g_steal_pointer (&path);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("DB");
  g_autoptr(GError) error = NULL;
  g_autofree char *month_db = NULL;
  g_autofree char *out = NULL;
  g_autofree char *ref = NULL;
  double month_export[9], month_ref[9], all_export[9], all_ref[9];
  double cpu[4][9];
  double em, rm, ea, ra, cem, crm, cea, cra;
  Counts month_counts = { 0 }, all_counts = { 0 };
  int runs = 3;
  struct rusage usage;
  GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each measurement (median; default 3)", "N" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || runs < 1 || runs > 9)
    {
      g_printerr ("usage: rd-bench-export [--runs N] DB\n");
      return 2;
    }

  load_samples (argv[1]);
  month_db = make_month_db (argv[1]);
  out = g_strdup_printf ("%s.bench.xlsx", argv[1]);
  ref = g_strdup_printf ("%s.reference.xlsx", argv[1]);

  for (int i = 0; i < runs; i++)
    {
      month_export[i] = export (month_db, out, 2026, 10, RD_EXPORT_BASIS_REQUESTED, &month_counts);
      cpu[0][i] = last_cpu;
      month_ref[i] = reference (ref, &month_counts);
      cpu[1][i] = last_cpu;
      all_export[i] = export (argv[1], out, 0, 0, RD_EXPORT_BASIS_REQUESTED, &all_counts);
      cpu[2][i] = last_cpu;
      all_ref[i] = reference (ref, &all_counts);
      cpu[3][i] = last_cpu;
    }
  g_unlink (out);
  g_unlink (ref);

  em = median (month_export, runs);
  rm = median (month_ref, runs);
  ea = median (all_export, runs);
  ra = median (all_ref, runs);
  cem = median (cpu[0], runs);
  crm = median (cpu[1], runs);
  cea = median (cpu[2], runs);
  cra = median (cpu[3], runs);
  getrusage (RUSAGE_SELF, &usage);

  printf ("{\"runs\": %d, \"month_rows\": %" G_GINT64_FORMAT ", \"month_export_s\": %.3f, "
          "\"month_reference_s\": %.3f, \"month_ratio\": %.3f, \"all_rows\": %" G_GINT64_FORMAT ", "
          "\"all_intercept_rows\": %" G_GINT64_FORMAT ", \"all_claim_rows\": %" G_GINT64_FORMAT ", "
          "\"all_export_s\": %.3f, \"all_reference_s\": %.3f, \"all_ratio\": %.3f, "
          "\"month_cpu_ratio\": %.3f, \"all_cpu_ratio\": %.3f, "
          "\"month_cpu_s\": [%.3f, %.3f], \"all_cpu_s\": [%.3f, %.3f], \"peak_rss_mb\": %.1f}\n",
          runs, month_counts.cases, em, rm, em / rm, all_counts.cases, all_counts.intercepts, all_counts.claims, ea, ra, ea / ra,
          cem / crm, cea / cra, cem, crm, cea, cra, usage.ru_maxrss / 1024.0);
  return 0;
}
