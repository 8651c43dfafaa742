/* rd-bench-ledger.c
 *
 * `rd-bench-ledger DB`: times the ledger on an existing (generated) ledger
 * and prints one JSON line, in milliseconds: rd_store_open + the model's
 * first page shown (and its complete list), a month + status filter, a
 * search for one order number, a search for the tracking number of an
 * intercept (schema version 10), a search for a two-character name, the whole
 * ledger sorted by amount and by status (first page, complete), a kind +
 * channel filter, count + sum of a month + channel filter (with every id, and
 * from the running totals of schema version 13 alone); and the peak
 * resident memory in MB. A filter's time is until its list and sums are
 * complete; the month + status and kind + channel filters also give the
 * time until their first page is shown.
 */
#include "config.h"

#include <stdlib.h>
#include <sys/resource.h>

#include "rd-ledger-model.h"
#include "rd-store.h"

typedef struct
{
  GMainLoop *loop;
  gint64     start;
  gint64     first_page;    /* when the first page was shown */
} Timing;

static void
on_loading (GObject    *object,
            GParamSpec *pspec,
            Timing     *timing)
{
  if (!rd_ledger_model_get_loading (RD_LEDGER_MODEL (object)))
    g_main_loop_quit (timing->loop);
}

/* The first items-changed of a query: its first page can be shown. */
static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Timing     *timing)
{
  guint n;

  if (timing->first_page != 0 || position != 0)
    return;
  n = MIN (RD_LEDGER_MODEL_PAGE_SIZE, g_list_model_get_n_items (model));
  for (guint i = 0; i < n; i++)
    g_object_unref (g_list_model_get_item (model, i));
  timing->first_page = g_get_monotonic_time ();
}

static void
on_failed (RdLedgerModel *model,
           const char    *message,
           gpointer       user_data)
{
  g_printerr ("rd-bench-ledger: %s\n", message);
  exit (1);
}

/* Runs the query through the model until it is complete; the time to the
 * first page shown in *first_ms, to the complete list (ids and sums) in the
 * result. */
static double
time_query (RdLedgerModel        *model,
            const RdLedgerFilter *filter,
            Timing               *timing,
            gint64                start,
            double               *first_ms)
{
  double complete;

  timing->start = start;
  timing->first_page = 0;
  rd_ledger_model_set_query (model, filter);
  g_main_loop_run (timing->loop);
  complete = (g_get_monotonic_time () - start) / 1000.0;

  /* A query with the same count as the previous one emits no
   * items-changed (a search): its first page now. */
  if (timing->first_page == 0)
    on_items_changed (G_LIST_MODEL (model), 0, 0, 0, timing);
  if (first_ms != NULL)
    *first_ms = (timing->first_page - start) / 1000.0;
  return MAX (complete, (timing->first_page - start) / 1000.0);
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
  g_autoptr(RdStore) store = NULL;
  g_autoptr(RdLedgerModel) model = NULL;
  g_autoptr(RdLedgerFilter) filter = NULL;
  g_autoptr(RdLedgerResult) result = NULL;
  g_autofree char *order_no = NULL;
  g_autofree char *name = NULL;
  g_autofree char *month = NULL;
  g_autofree char *tracking = NULL;
  Timing timing = { loop, 0, 0 };
  sqlite3 *db;
  double t_open, t_open_all, t_month, t_order, t_tracking = -1, t_name, t_sum, t_amount, t_amount_first;
  double t_status, t_status_first, t_kind_channel, t_month_first, t_kind_channel_first, t_totals;
  g_autoptr(GArray) totals = NULL;
  guint n_totals = 0;
  guint n_all, n_month, n_order, n_tracking = 0, n_name, n_kind_channel;
  gint64 start;
  struct rusage usage;

  if (argc != 2)
    {
      g_printerr ("usage: rd-bench-ledger DB\n");
      return 2;
    }

  /* Bring the ledger to the current schema before timing anything (the
   * first open of an older ledger migrates it, once). */
  store = rd_store_open (argv[1], RD_STORE_OPEN_EXISTING, &error);
  if (store == NULL)
    {
      g_printerr ("rd-bench-ledger: %s\n", error->message);
      return 1;
    }
  g_clear_object (&store);

  /* Pick the search terms. */
  db = rd_ledger_query_open (argv[1], &error);
  if (db == NULL)
    {
      g_printerr ("rd-bench-ledger: %s\n", error->message);
      return 1;
    }
  order_no = query_text (db, "SELECT order_no FROM cases WHERE id = (SELECT max (id) / 2 FROM cases)");
  name = query_text (db, "SELECT substr (buyer_name, 1, 2) FROM cases WHERE id = (SELECT max (id) / 3 FROM cases)");
  month = query_text (db, "SELECT strftime ('%Y-%m', requested_at, 'unixepoch') FROM cases WHERE id = (SELECT max (id) / 2 FROM cases)");
  /* An intercept's, as a user types it (lower case), where there are any. */
  tracking = query_text (db, "SELECT lower (tracking_no) FROM intercepts WHERE case_id IS NOT NULL"
                             " AND id >= (SELECT max (id) / 2 FROM intercepts) ORDER BY id LIMIT 1");
  sqlite3_close (db);
  if (order_no == NULL || name == NULL || month == NULL)
    {
      g_printerr ("rd-bench-ledger: the ledger has no cases\n");
      return 1;
    }

  filter = rd_ledger_filter_new ();

  /* What the user waits for: the app opens the ledger, the ledger page
   * shows its first rows. */
  start = g_get_monotonic_time ();
  store = rd_store_open (argv[1], RD_STORE_OPEN_EXISTING, &error);
  if (store == NULL)
    {
      g_printerr ("rd-bench-ledger: %s\n", error->message);
      return 1;
    }
  model = rd_ledger_model_new (argv[1], &error);
  if (model == NULL)
    {
      g_printerr ("rd-bench-ledger: %s\n", error->message);
      return 1;
    }
  g_signal_connect (model, "notify::loading", G_CALLBACK (on_loading), &timing);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &timing);
  g_signal_connect (model, "failed", G_CALLBACK (on_failed), NULL);
  t_open_all = time_query (model, filter, &timing, start, &t_open);
  n_all = rd_ledger_model_get_count (model);

  filter->year = atoi (month);
  filter->month = atoi (month + 5);
  filter->status = RD_CASE_STATUS_CLOSED;
  t_month = time_query (model, filter, &timing, g_get_monotonic_time (), &t_month_first);
  n_month = rd_ledger_model_get_count (model);

  filter->year = filter->month = 0;
  filter->status = RD_CASE_STATUS_NONE;
  rd_ledger_filter_set_text (filter, order_no);
  t_order = time_query (model, filter, &timing, g_get_monotonic_time (), NULL);
  n_order = rd_ledger_model_get_count (model);

  if (tracking != NULL)
    {
      rd_ledger_filter_set_text (filter, tracking);
      t_tracking = time_query (model, filter, &timing, g_get_monotonic_time (), NULL);
      n_tracking = rd_ledger_model_get_count (model);
    }

  rd_ledger_filter_set_text (filter, name);
  t_name = time_query (model, filter, &timing, g_get_monotonic_time (), NULL);
  n_name = rd_ledger_model_get_count (model);

  /* The whole ledger sorted by amount (largest first), by status. */
  rd_ledger_filter_set_text (filter, NULL);
  filter->sort = RD_LEDGER_SORT_AMOUNT;
  t_amount = time_query (model, filter, &timing, g_get_monotonic_time (), &t_amount_first);
  filter->sort = RD_LEDGER_SORT_STATUS;
  t_status = time_query (model, filter, &timing, g_get_monotonic_time (), &t_status_first);

  /* Two filters at once. */
  filter->sort = RD_LEDGER_SORT_REQUESTED_AT;
  filter->kind = RD_REFUND_KIND_RETURN_REFUND;
  filter->channel = g_strdup ("pinduoduo");
  t_kind_channel = time_query (model, filter, &timing, g_get_monotonic_time (), &t_kind_channel_first);
  n_kind_channel = rd_ledger_model_get_count (model);

  /* Count and sum of a month's Taobao cases alone, on one connection. */
  filter->kind = RD_REFUND_KIND_NONE;
  g_free (filter->channel);
  filter->year = atoi (month);
  filter->month = atoi (month + 5);
  filter->channel = g_strdup ("taobao");
  db = rd_ledger_query_open (argv[1], &error);
  start = g_get_monotonic_time ();
  result = rd_ledger_query_run (db, filter, NULL, &error);
  t_sum = (g_get_monotonic_time () - start) / 1000.0;
  if (result == NULL)
    {
      g_printerr ("rd-bench-ledger: %s\n", error->message);
      return 1;
    }
  /* The same count and sums without the ids. */
  start = g_get_monotonic_time ();
  if (!rd_ledger_query_totals (db, filter, NULL, &n_totals, &totals, &error))
    {
      g_printerr ("rd-bench-ledger: %s\n", error->message);
      return 1;
    }
  t_totals = (g_get_monotonic_time () - start) / 1000.0;
  sqlite3_close (db);

  getrusage (RUSAGE_SELF, &usage);

  g_print ("{\"cases\": %u, \"open_first_page_ms\": %.1f, \"open_complete_ms\": %.1f, "
           "\"month_status_first_page_ms\": %.1f, \"month_status_filter_ms\": %.1f, "
           "\"month_status_rows\": %u, \"order_search_ms\": %.1f, \"order_search_rows\": %u, "
           "\"tracking_search_ms\": %.1f, \"tracking_search_rows\": %u, "
           "\"name2_search_ms\": %.1f, \"name2_search_rows\": %u, "
           "\"sort_amount_first_page_ms\": %.1f, \"sort_amount_ms\": %.1f, "
           "\"sort_status_first_page_ms\": %.1f, \"sort_status_ms\": %.1f, "
           "\"kind_channel_first_page_ms\": %.1f, \"kind_channel_filter_ms\": %.1f, \"kind_channel_rows\": %u, "
           "\"count_sum_ms\": %.1f, "
           "\"count_sum_rows\": %u, \"totals_ms\": %.1f, \"totals_rows\": %u, \"peak_rss_mb\": %.1f}\n",
           n_all, t_open, t_open_all, t_month_first, t_month, n_month, t_order, n_order, t_tracking, n_tracking, t_name, n_name,
           t_amount_first, t_amount, t_status_first, t_status, t_kind_channel_first, t_kind_channel, n_kind_channel,
           t_sum, result->ids->len, t_totals, n_totals, usage.ru_maxrss / 1024.0);
  return 0;
}
