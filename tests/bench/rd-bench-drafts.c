/* rd-bench-drafts.c
 *
 * `rd-bench-drafts DB [N]`: what a key costs in the intake form, whose
 * draft is written at every change. Types N (200) keys into a draft of the
 * intake's size — each one rd_drafts_save, its own transaction, on disk
 * (synchronous=FULL) before it returns — on the ledger DB (a copy: the
 * draft is discarded at the end) and prints one JSON line in milliseconds:
 * the median, the 95th percentile and the slowest save.
 */
#include "config.h"

#include <stdlib.h>

#include "rd-case-drafts.h"
#include "rd-store.h"

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 start;
  guint n = argc > 2 ? (guint) atoi (argv[2]) : 200;

  if (argc < 2 || n == 0)
    {
      g_printerr ("usage: rd-bench-drafts DB [N]\n");
      return 2;
    }

  start = g_get_monotonic_time ();
  store = rd_store_open (argv[1], RD_STORE_OPEN_EXISTING, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_printerr ("opened in %.0f ms\n", (g_get_monotonic_time () - start) / 1000.0);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *json = NULL;
      g_autofree char *escaped = NULL;

      g_string_append_c (notes, 'a' + i % 26);
      escaped = g_strescape (notes->str, NULL);
      json = g_strdup_printf ("{\"channel\": \"taobao\", \"order_no\": \"TB-2026120612\","
                              " \"amount\": \"128.50\", \"buyer_name\": \"李雷\", \"notes\": \"%s\","
                              " \"shipped_offline\": false, \"evidence\": 3}", escaped);
      start = g_get_monotonic_time ();
      if (!rd_drafts_save (store, "intake", json, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      start = g_get_monotonic_time () - start;
      g_array_append_val (times, start);
    }
  rd_drafts_discard (store, "intake", NULL);

  g_array_sort (times, compare_gint64);
  g_print ("{\"keys\": %u, \"median_ms\": %.2f, \"p95_ms\": %.2f, \"max_ms\": %.2f}\n", n,
           g_array_index (times, gint64, n / 2) / 1000.0,
           g_array_index (times, gint64, n * 95 / 100) / 1000.0,
           g_array_index (times, gint64, n - 1) / 1000.0);
  return 0;
}
