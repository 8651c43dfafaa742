/* rd-bench-ledger.c
 *
 * `rd-bench-ledger DB`: times the ledger on an existing (generated) ledger
 * and prints one JSON line, in milliseconds: open + first page, a month +
 * status filter, a search for one order number, a search for a two-character
 * name, count + sum of a month + channel filter; and the peak resident memory in MB.
 */
#include "config.h"

#include <stdlib.h>
#include <sys/resource.h>

#include "rd-ledger-model.h"
#include "rd-store.h"

static void
on_loading (GObject    *object,
            GParamSpec *pspec,
            gpointer    user_data)
{
  if (!rd_ledger_model_get_loading (RD_LEDGER_MODEL (object)))
    g_main_loop_quit (user_data);
}

static void
on_failed (RdLedgerModel *model,
           const char    *message,
           gpointer       user_data)
{
  g_printerr ("rd-bench-ledger: %s\n", message);
  exit (1);
}

/* Runs the query through the model and materialises the first page. */
static double
time_query (RdLedgerModel        *model,
            const RdLedgerFilter *filter,
            GMainLoop            *loop)
{
  gint64 start = g_get_monotonic_time ();
  guint n;

  rd_ledger_model_set_query (model, filter);
  g_main_loop_run (loop);

  n = MIN (RD_LEDGER_MODEL_PAGE_SIZE, g_list_model_get_n_items (G_LIST_MODEL (model)));
  for (guint i = 0; i < n; i++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (model), i));

  return (g_get_monotonic_time () - start) / 1000.0;
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(RdLedgerModel) model = NULL;
  g_autoptr(RdLedgerFilter) filter = NULL;
  g_autoptr(RdLedgerResult) result = NULL;
  g_autofree char *order_no = NULL;
  g_autofree char *name = NULL;
  g_autofree char *month = NULL;
  sqlite3 *db;
  double t_open, t_month, t_order, t_name, t_sum;
  guint n_all, n_month, n_order, n_name;
  gint64 start;
  struct rusage usage;

  if (argc != 2)
    {
      g_printerr ("usage: rd-bench-ledger DB\n");
      return 2;
    }

  /* Pick the search terms before timing anything. */
  db = rd_ledger_query_open (argv[1], &error);
  if (db == NULL)
    {
      g_printerr ("rd-bench-ledger: %s\n", error->message);
      return 1;
    }
  order_no = query_text (db, "SELECT order_no FROM cases WHERE id = (SELECT max (id) / 2 FROM cases)");
  name = query_text (db, "SELECT substr (buyer_name, 1, 2) FROM cases WHERE id = (SELECT max (id) / 3 FROM cases)");
  month = query_text (db, "SELECT strftime ('%Y-%m', requested_at, 'unixepoch') FROM cases WHERE id = (SELECT max (id) / 2 FROM cases)");
  sqlite3_close (db);
  if (order_no == NULL || name == NULL || month == NULL)
    {
      g_printerr ("rd-bench-ledger: the ledger has no cases\n");
      return 1;
    }

  filter = rd_ledger_filter_new ();

  start = g_get_monotonic_time ();
  model = rd_ledger_model_new (argv[1], &error);
  if (model == NULL)
    {
      g_printerr ("rd-bench-ledger: %s\n", error->message);
      return 1;
    }
  g_signal_connect (model, "notify::loading", G_CALLBACK (on_loading), loop);
  g_signal_connect (model, "failed", G_CALLBACK (on_failed), NULL);
  time_query (model, filter, loop);
  t_open = (g_get_monotonic_time () - start) / 1000.0;
  n_all = rd_ledger_model_get_count (model);

  filter->year = atoi (month);
  filter->month = atoi (month + 5);
  filter->status = RD_CASE_STATUS_CLOSED;
  t_month = time_query (model, filter, loop);
  n_month = rd_ledger_model_get_count (model);

  filter->year = filter->month = 0;
  filter->status = RD_CASE_STATUS_NONE;
  rd_ledger_filter_set_text (filter, order_no);
  t_order = time_query (model, filter, loop);
  n_order = rd_ledger_model_get_count (model);

  rd_ledger_filter_set_text (filter, name);
  t_name = time_query (model, filter, loop);
  n_name = rd_ledger_model_get_count (model);

  /* Count and sum of a month's Taobao cases alone, on one connection. */
  rd_ledger_filter_set_text (filter, NULL);
  filter->year = atoi (month);
  filter->month = atoi (month + 5);
  filter->channel = g_strdup ("taobao");
  db = rd_ledger_query_open (argv[1], &error);
  start = g_get_monotonic_time ();
  result = rd_ledger_query_run (db, filter, NULL, &error);
  t_sum = (g_get_monotonic_time () - start) / 1000.0;
  sqlite3_close (db);
  if (result == NULL)
    {
      g_printerr ("rd-bench-ledger: %s\n", error->message);
      return 1;
    }

  getrusage (RUSAGE_SELF, &usage);

  g_print ("{\"cases\": %u, \"open_first_page_ms\": %.1f, \"month_status_filter_ms\": %.1f, "
           "\"month_status_rows\": %u, \"order_search_ms\": %.1f, \"order_search_rows\": %u, "
           "\"name2_search_ms\": %.1f, \"name2_search_rows\": %u, \"count_sum_ms\": %.1f, "
           "\"count_sum_rows\": %u, \"peak_rss_mb\": %.1f}\n",
           n_all, t_open, t_month, n_month, t_order, n_order, t_name, n_name, t_sum,
           result->ids->len, usage.ru_maxrss / 1024.0);
  return 0;
}
