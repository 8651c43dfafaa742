/* rd-bench-watch.c
 *
 * What a window's watch for other processes costs on the main loop: the
 * time of one rd_store_get_data_version (PRAGMA data_version) on a ledger,
 * idle and while another connection commits between readings.
 *
 *   rd-bench-watch LEDGER [ROUNDS]
 *
 * It writes a scratch table (bench_watch) into LEDGER: run it on a copy.
 */
#include "config.h"

#include <stdlib.h>

#include "rd-store-watch.h"

static int
compare_gint64 (const void *a,
                const void *b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static void
report (const char *what,
        gint64     *us,
        guint       n)
{
  qsort (us, n, sizeof (gint64), compare_gint64);
  g_print ("%-34s median %5" G_GINT64_FORMAT " us   p99 %5" G_GINT64_FORMAT " us   max %6" G_GINT64_FORMAT " us\n",
           what, us[n / 2], us[n * 99 / 100], us[n - 1]);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autofree gint64 *us = NULL;
  sqlite3 *other = NULL;
  guint rounds = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 1000;

  if (argc < 2 || rounds == 0)
    {
      g_printerr ("Usage: %s LEDGER [ROUNDS]\n", argv[0]);
      return EXIT_FAILURE;
    }

  store = rd_store_open (argv[1], RD_STORE_OPEN_EXISTING, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  g_print ("%s: %" G_GINT64_FORMAT " cases\n", argv[1], rd_store_count_cases (store, NULL));
  us = g_new (gint64, rounds);

  for (guint i = 0; i < rounds; i++)
    {
      gint64 start = g_get_monotonic_time ();

      if (rd_store_get_data_version (store, &error) < 0)
        g_error ("%s", error->message);
      us[i] = g_get_monotonic_time () - start;
    }
  report ("data_version, nothing changed", us, rounds);

  /* Another connection commits (a row into a scratch table) between
   * readings. */
  if (sqlite3_open (argv[1], &other) != SQLITE_OK ||
      sqlite3_exec (other, "PRAGMA busy_timeout = 5000;"
                           "CREATE TABLE IF NOT EXISTS bench_watch (x);", NULL, NULL, NULL) != SQLITE_OK)
    g_error ("%s", sqlite3_errmsg (other));
  for (guint i = 0; i < rounds; i++)
    {
      gint64 start;

      if (sqlite3_exec (other, "INSERT INTO bench_watch VALUES (1);",
                        NULL, NULL, NULL) != SQLITE_OK)
        g_error ("%s", sqlite3_errmsg (other));
      start = g_get_monotonic_time ();
      if (rd_store_get_data_version (store, &error) < 0)
        g_error ("%s", error->message);
      us[i] = g_get_monotonic_time () - start;
    }
  report ("data_version, after another commit", us, rounds);
  sqlite3_close (other);

  return EXIT_SUCCESS;
}
