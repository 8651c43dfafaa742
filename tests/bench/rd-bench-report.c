/* rd-bench-report.c
 *
 * `rd-bench-report [--runs N] [--month YYYY-MM] [--to YYYY-MM] DB`: times
 * rd_report_compute () — the month and the month before it, every figure
 * of the Reports page — on DB as it is (a 1M or 10M ledger written by
 * rd-gen-ledger), opened read-only with rd_ledger_query_open as the page's
 * worker opens it. DB is only read; a ledger of an older schema version
 * (12: no running totals, no order counts) is read as it is.
 *
 * Prints one JSON line: the period, the cases of the period and of the
 * one before, the figures' sizes, the wall-clock and CPU (user + system)
 * medians and minimums of N runs (default 5), the first (cold) run apart,
 * and the peak RSS (getrusage). The month defaults to the month of the
 * ledger's newest request.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "rd-ledger-query.h"
#include "rd-report.h"

#define MAX_RUNS 21

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static gboolean
parse_month (const char *text,
             int        *year,
             int        *month)
{
  return text != NULL && sscanf (text, "%d-%d", year, month) == 2 && *month >= 1 && *month <= 12;
}

static gboolean
newest_month (sqlite3 *db,
              int     *year,
              int     *month)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (sqlite3_prepare_v2 (db, "SELECT max (requested_at) FROM cases", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (sqlite3_column_int64 (stmt, 0));

      *year = g_date_time_get_year (dt);
      *month = g_date_time_get_month (dt);
      ok = TRUE;
    }
  sqlite3_finalize (stmt);
  return ok;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *month_text = NULL;
  g_autofree char *to_text = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  int runs = 5;
  int from_year = 0, from_month = 0, to_year, to_month;
  double wall[MAX_RUNS], cpu[MAX_RUNS], cold_wall = 0;
  RdReportPeriod period;
  RdReport *last = NULL;
  struct rusage usage;
  sqlite3 *db;
  const GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Timed runs after the cold one (default 5)", "N" },
    { "month", 0, 0, G_OPTION_ARG_STRING, &month_text, "The month (default: the newest request's)", "YYYY-MM" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, "The last month of a range", "YYYY-MM" },
    { NULL }
  };

  context = g_option_context_new ("DB");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || runs < 1 || runs > MAX_RUNS)
    {
      g_printerr ("usage: rd-bench-report [--runs N] [--month YYYY-MM] [--to YYYY-MM] DB\n");
      return 2;
    }

  db = rd_ledger_query_open (argv[1], &error);
  if (db == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (month_text != NULL ? !parse_month (month_text, &from_year, &from_month)
                         : !newest_month (db, &from_year, &from_month))
    {
      g_printerr ("no month\n");
      return 2;
    }
  to_year = from_year;
  to_month = from_month;
  if (to_text != NULL && !parse_month (to_text, &to_year, &to_month))
    return 2;
  if (!rd_report_period_init (&period, from_year, from_month, to_year, to_month, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  for (int i = -1; i < runs; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double cpu_start = cpu_seconds ();
      RdReport *report = rd_report_compute (db, &period, 0, NULL, &error);

      if (report == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      if (i < 0)
        cold_wall = (g_get_monotonic_time () - start) / 1000.0;
      else
        {
          wall[i] = (g_get_monotonic_time () - start) / 1000.0;
          cpu[i] = (cpu_seconds () - cpu_start) * 1000.0;
        }
      g_clear_pointer (&last, rd_report_free);
      last = report;
    }
  qsort (wall, runs, sizeof (double), compare_doubles);
  qsort (cpu, runs, sizeof (double), compare_doubles);
  getrusage (RUSAGE_SELF, &usage);

  g_print ("{\"db\": \"%s\", \"from\": \"%04d-%02d\", \"to\": \"%04d-%02d\", \"cases\": %u, \"cases_before\": %u,"
           " \"reasons\": %u, \"channels\": %u, \"intercepts\": %u, \"runs\": %d,"
           " \"cold_ms\": %.1f, \"wall_median_ms\": %.1f, \"wall_min_ms\": %.1f,"
           " \"cpu_median_ms\": %.1f, \"cpu_min_ms\": %.1f, \"peak_rss_mb\": %.1f}\n",
           argv[1], from_year, from_month, to_year, to_month, last->current->refunds.total.count,
           last->previous->refunds.total.count, last->current->refunds.by_reason->len,
           last->current->refunds.by_channel->len, last->current->intercepts.all.requested, runs,
           cold_wall, wall[runs / 2], wall[0], cpu[runs / 2], cpu[0], usage.ru_maxrss / 1024.0);
  rd_report_free (last);
  sqlite3_close (db);
  return 0;
}
