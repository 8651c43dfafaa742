/* test-reports-page.c
 *
 * The Reports page under a real display, in a window, on a small ledger of
 * yuan and dollar refunds over two months: its charts and their tables show
 * the figures rd_report_compute gives (amounts one chart per currency,
 * never added), every chart has an accessible name, a click on a slice
 * opens the Ledger with that slice's cases, and an order count typed in the
 * table is saved through the core and gives the refund rate.
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "rd-application.h"
#include "rd-case-store.h"
#include "rd-case-store-workflow.h"
#include "rd-chart-card.h"
#include "rd-ledger-page.h"
#include "rd-money-totals.h"
#include "rd-order-counts-grid.h"
#include "rd-report.h"
#include "rd-reports-page.h"
#include "rd-test-ledger.h"
#include "rd-test-ui.h"
#include "rd-window.h"

static RdApplication *app;

typedef struct
{
  char          *dir;
  RdStore       *store;
  RdContext     *context;
  RdPolicy       policy;
  RdWindow      *window;
  RdReportsPage *page;
  int            year;      /* the month reported: last month */
  int            month;
} Fixture;

/* Noon of day of the month (year, month), local time, in Unix seconds. */
static gint64
day_of (int year,
        int month,
        int day)
{
  g_autoptr(GDateTime) time = g_date_time_new_local (year, month, day, 12, 0, 0);

  return g_date_time_to_unix (time);
}

static gint64
add_case (Fixture    *f,
          const char *channel,
          const char *reason,
          const char *currency,
          gint64      amount,
          gint64      approved,
          gint64      requested_at)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) rcase = rd_case_new ();
  static guint serial;

  rcase->channel = g_strdup (channel);
  rcase->order_no = g_strdup_printf ("R-%u", ++serial);
  rcase->buyer_name = g_strdup ("张三");
  rcase->kind = RD_REFUND_KIND_REFUND_ONLY_UNSHIPPED;
  rcase->reason = g_strdup (reason);
  rcase->payment_method = RD_PAYMENT_METHOD_ALIPAY;
  if (currency != NULL)
    {
      g_free (rcase->currency);
      rcase->currency = g_strdup (currency);
      rcase->exchange_rate = g_strdup ("7.1");
    }
  rcase->amount_paid = amount;
  rcase->requested_at = requested_at;
  rd_case_store_insert (f->store, rcase, "店长", &error);
  g_assert_no_error (error);

  if (approved > 0)
    {
      RdWorkflowFacts facts = { .approved_amount = approved, .no_breakdown_reason = "agreed with the buyer" };

      rd_case_store_transition (f->store, rcase->id, RD_WORKFLOW_EVENT_APPROVE, &facts, &f->policy, "店长", &error);
      g_assert_no_error (error);
    }
  return rcase->id;
}

static void
wait_computed (Fixture *f)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  rd_test_ui_iterate ();
  while (rd_reports_page_is_computing (f->page) && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  rd_test_ui_iterate ();
  g_assert_false (rd_reports_page_is_computing (f->page));
  g_assert_nonnull (rd_reports_page_get_report (f->page));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) last = g_date_time_add_months (now, -1);
  int py, pm;

  f->dir = rd_test_make_tmp_dir ();
  f->store = rd_test_ui_open_ledger (f->dir, NULL);
  rd_test_add_operators (f->store);
  rd_policy_init_defaults (&f->policy);
  f->year = g_date_time_get_year (last);
  f->month = g_date_time_get_month (last);
  py = f->month == 1 ? f->year - 1 : f->year;
  pm = f->month == 1 ? 12 : f->month - 1;

  /* Last month: three yuan cases and a dollar one; the month before: one. */
  add_case (f, "taobao", "changed_mind", NULL, 12000, 10000, day_of (f->year, f->month, 3));
  add_case (f, "taobao", "changed_mind", NULL, 5000, 2550, day_of (f->year, f->month, 3));
  add_case (f, "jd", "quality_problem", NULL, 8000, 0, day_of (f->year, f->month, 17));
  add_case (f, "jd", "changed_mind", "USD", 2999, 1999, day_of (f->year, f->month, 17));
  add_case (f, "taobao", "quality_problem", NULL, 3000, 3000, day_of (py, pm, 5));

  f->context = rd_test_ui_new_context (NULL);
  rd_test_ui_sign_in (f->context, f->store, "店长", RD_ROLE_ADMIN);
  f->window = rd_window_new (GTK_APPLICATION (app), f->context);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  rd_test_ui_iterate ();

  rd_window_show_page (f->window, "reports");
  f->page = RD_REPORTS_PAGE (rd_test_ui_find_descendant (GTK_WIDGET (f->window), RD_TYPE_REPORTS_PAGE, NULL));
  g_assert_nonnull (f->page);
  rd_reports_page_set_period (f->page, f->year, f->month, 0, 0);
  wait_computed (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  rd_test_ui_iterate ();
  g_clear_object (&f->context);
  g_clear_object (&f->store);
  rd_policy_clear (&f->policy);
  rd_test_remove_tree (f->dir);
  g_free (f->dir);
}

static RdReport *
expected_report (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  RdReportPeriod period;
  RdReport *report;

  g_assert_true (rd_report_period_init (&period, f->year, f->month, f->year, f->month, &error));
  report = rd_report_compute (rd_store_get_db (f->store), &period, 0, NULL, &error);
  g_assert_no_error (error);
  return report;
}

static RdChart *
find_chart (Fixture    *f,
            const char *name)
{
  GtkWidget *chart = rd_test_ui_find_descendant (GTK_WIDGET (f->page), RD_TYPE_CHART, name);

  g_assert_nonnull (chart);
  return RD_CHART (chart);
}

static RdChartCard *
card_of (RdChart *chart)
{
  GtkWidget *card = gtk_widget_get_ancestor (GTK_WIDGET (chart), RD_TYPE_CHART_CARD);

  g_assert_nonnull (card);
  return RD_CHART_CARD (card);
}

static const char *
cell (RdChartCard *card,
      int          row,
      int          column)
{
  GtkWidget *label = gtk_grid_get_child_at (rd_chart_card_get_table (card), column, row);

  g_assert_true (GTK_IS_LABEL (label));
  return gtk_label_get_label (GTK_LABEL (label));
}

/* The per-day chart of amounts in currency, among the cards. */
static RdChart *
find_amount_chart (Fixture    *f,
                   const char *currency)
{
  g_autofree char *title = g_strdup_printf ("Refunded per Day, %s", currency);
  GtkWidget *page = GTK_WIDGET (f->page);
  GPtrArray *stack = g_ptr_array_new ();
  RdChart *found = NULL;

  g_ptr_array_add (stack, page);
  while (stack->len > 0 && found == NULL)
    {
      GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);

      if (RD_IS_CHART (widget) && g_strcmp0 (rd_chart_get_title (RD_CHART (widget)), title) == 0 &&
          gtk_widget_get_visible (gtk_widget_get_parent (GTK_WIDGET (card_of (RD_CHART (widget))))))
        found = RD_CHART (widget);
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (stack, child);
    }
  g_ptr_array_unref (stack);
  return found;
}

/* The tables show what the core computes, to the fen, per currency. */
static void
test_figures (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(RdReport) report = expected_report (f);
  const RdReportRefunds *refunds = &report->current->refunds;
  RdChart *per_day = find_chart (f, "per-day");
  RdChart *reasons = find_chart (f, "reasons");
  RdChart *channels = find_chart (f, "channels");
  RdChartCard *card;
  g_autofree char *text = NULL;

  g_assert_cmpuint (refunds->total.count, ==, 4);

  /* Per day: every day of the month, the count in the table's cell, the
   * previous month's day beside. */
  card = card_of (per_day);
  rd_chart_card_set_show_table (card, TRUE);
  g_assert_cmpuint (rd_chart_get_n_items (per_day), ==, refunds->per_day->len);
  for (guint i = 0; i < refunds->per_day->len; i++)
    {
      const RdReportBar *day = g_ptr_array_index (refunds->per_day, i);
      g_autofree char *count = g_strdup_printf ("%u", day->count);

      g_assert_cmpstr (cell (card, i + 1, 0), ==, day->label);
      g_assert_cmpstr (cell (card, i + 1, 1), ==, count);
    }
  g_assert_cmpstr (cell (card, 3, 1), ==, "2");   /* the 3rd: two cases */
  g_assert_cmpstr (cell (card, 17, 1), ==, "2");
  g_assert_cmpstr (cell (card, 5, 2), ==, "1");   /* the month before's 5th */

  /* Amounts: one chart per currency, each with its own sum. */
  {
    RdChart *cny = find_amount_chart (f, "CNY");
    RdChart *usd = find_amount_chart (f, "USD");
    gint64 sum_cny = 0, sum_usd = 0;

    g_assert_nonnull (cny);
    g_assert_nonnull (usd);
    for (guint i = 0; i < rd_chart_get_n_items (cny); i++)
      sum_cny += rd_chart_get_value (cny, i);
    for (guint i = 0; i < rd_chart_get_n_items (usd); i++)
      sum_usd += rd_chart_get_value (usd, i);
    g_assert_cmpint (sum_cny, ==, rd_report_money_lookup (refunds->total.money, "CNY")->amount);
    g_assert_cmpint (sum_cny, ==, 12550);
    g_assert_cmpint (sum_usd, ==, rd_report_money_lookup (refunds->total.money, "USD")->amount);
    g_assert_cmpint (sum_usd, ==, 1999);

    card = card_of (cny);
    rd_chart_card_set_show_table (card, TRUE);
    g_assert_cmpstr (cell (card, 3, 1), ==, "¥125.50");
    card = card_of (usd);
    rd_chart_card_set_show_table (card, TRUE);
    text = rd_money_format_code (1999, "USD");
    g_assert_cmpstr (cell (card, 17, 1), ==, text);
  }

  /* Reasons: the ring's table lists the core's reasons with their counts. */
  card = card_of (reasons);
  rd_chart_card_set_show_table (card, TRUE);
  g_assert_cmpuint (rd_chart_get_n_items (reasons), ==, refunds->by_reason->len);
  for (guint i = 0; i < refunds->by_reason->len; i++)
    {
      const RdReportBar *bar = g_ptr_array_index (refunds->by_reason, i);
      g_autofree char *count = g_strdup_printf ("%u", bar->count);

      g_assert_cmpstr (cell (card, i + 1, 0), ==, bar->label);
      g_assert_cmpstr (cell (card, i + 1, 1), ==, count);
    }
  g_assert_cmpuint (rd_chart_get_value (reasons, 0), ==, 3);   /* changed mind */

  /* Channels: this month and the month before. */
  g_assert_cmpuint (rd_chart_get_n_items (channels), ==, 2);
  for (guint i = 0; i < rd_chart_get_n_items (channels); i++)
    {
      gint64 previous = -1;

      g_assert_cmpint (rd_chart_get_value (channels, i), ==, 2);
      g_assert_true (rd_chart_get_previous (channels, i, &previous));
      /* The month before had one Taobao case and no JD one. */
      g_assert_cmpint (previous, ==, strstr (rd_chart_get_label (channels, i), "Taobao") != NULL ? 1 : 0);
    }

  /* The tooltip gives the exact figure. */
  text = (g_free (text), rd_chart_dup_item_text (per_day, 2));
  g_assert_nonnull (strstr (text, ": 2"));
}

/* Every chart has an accessible name (its title) and a description with
 * its figures. */
static void
test_accessible_names (Fixture       *f,
                       gconstpointer  data)
{
  GPtrArray *stack = g_ptr_array_new ();
  guint n_charts = 0;

  g_ptr_array_add (stack, f->page);
  while (stack->len > 0)
    {
      GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);

      if (RD_IS_CHART (widget))
        {
          const char *title = rd_chart_get_title (RD_CHART (widget));

          g_assert_nonnull (title);
          g_assert_cmpuint (strlen (title), >, 3);
          g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)), ==, GTK_ACCESSIBLE_ROLE_IMG);
          n_charts++;
        }
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (stack, child);
    }
  g_ptr_array_unref (stack);

  /* per day, two currencies' amounts, reasons, kinds, channels, payment,
   * losses, two speeds, two intercepts, rates */
  g_assert_cmpuint (n_charts, >=, 13);
}

/* A click on a slice: the Ledger shows those cases, with its chip. */
static void
test_click_opens_ledger (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(RdReport) report = expected_report (f);
  const RdReportBar *bar = g_ptr_array_index (report->current->refunds.by_reason, 0);
  RdChart *reasons = find_chart (f, "reasons");
  RdLedgerPage *ledger = RD_LEDGER_PAGE (rd_test_ui_find_descendant (GTK_WIDGET (f->window),
                                                                     RD_TYPE_LEDGER_PAGE, NULL));
  const RdLedgerFilter *shown;
  RdLedgerModel *model;
  gint64 deadline;

  g_assert_cmpstr (bar->key, ==, "changed_mind");
  rd_chart_activate_item (reasons, 0);
  rd_test_ui_iterate ();

  g_assert_cmpstr (rd_window_get_visible_page (f->window), ==, "ledger");
  shown = rd_ledger_page_get_report_filter (ledger);
  g_assert_nonnull (shown);
  g_assert_cmpstr (shown->reason, ==, bar->filter->reason);
  g_assert_cmpint (shown->year, ==, bar->filter->year);
  g_assert_cmpint (shown->month, ==, bar->filter->month);
  g_assert_cmpint (shown->requested_from, ==, bar->filter->requested_from);
  g_assert_cmpint (shown->requested_to, ==, bar->filter->requested_to);

  /* The list holds the slice's three cases. */
  model = rd_ledger_page_get_model (ledger);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while ((rd_ledger_model_get_loading (model) || rd_ledger_model_get_count (model) != bar->count) &&
         g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_cmpuint (rd_ledger_model_get_count (model), ==, 3);
  g_assert_cmpstr (rd_ledger_model_get_query (model)->reason, ==, "changed_mind");

  /* The chip's ✕ goes back to every case. */
  rd_ledger_page_show_filter (ledger, NULL, NULL);
  g_assert_null (rd_ledger_page_get_report_filter (ledger));
  g_assert_null (rd_ledger_model_get_query (model)->reason);
}

/* An order count typed in the table is saved through the core and the
 * refund rate follows; a word is refused and nothing saved. */
static void
test_order_counts (Fixture       *f,
                   gconstpointer  data)
{
  RdOrderCountsGrid *grid = RD_ORDER_COUNTS_GRID (rd_test_ui_find_descendant (GTK_WIDGET (f->page),
                                                                               RD_TYPE_ORDER_COUNTS_GRID, NULL));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) counts = NULL;
  RdReportPeriod period;
  GtkEditable *taobao;
  RdChart *rates;
  const RdOrderCount *count;

  g_assert_nonnull (grid);
  taobao = rd_order_counts_grid_get_cell (grid, "taobao", f->year, f->month);
  g_assert_nonnull (taobao);
  g_assert_cmpstr (gtk_editable_get_text (taobao), ==, "");

  gtk_editable_set_text (taobao, "many");
  g_assert_false (rd_order_counts_grid_save_cell (grid, taobao));
  rd_report_period_init (&period, f->year, f->month, f->year, f->month, NULL);
  counts = rd_order_counts_list (rd_store_get_db (f->store), &period, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts->len, ==, 0);
  g_clear_pointer (&counts, g_ptr_array_unref);

  gtk_editable_set_text (taobao, "200");
  g_assert_true (rd_order_counts_grid_save_cell (grid, taobao));
  counts = rd_order_counts_list (rd_store_get_db (f->store), &period, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts->len, ==, 1);
  count = g_ptr_array_index (counts, 0);
  g_assert_cmpstr (count->channel, ==, "taobao");
  g_assert_cmpint (count->year, ==, f->year);
  g_assert_cmpint (count->month, ==, f->month);
  g_assert_cmpuint (count->orders, ==, 200);

  /* Recomputed: Taobao's 2 refunds of 200 orders are 1.0%. */
  wait_computed (f);
  rates = find_chart (f, "rates");
  g_assert_cmpuint (rd_chart_get_n_items (rates), >=, 1);
  {
    gboolean found = FALSE;

    for (guint i = 0; i < rd_chart_get_n_items (rates); i++)
      if (strstr (rd_chart_get_label (rates, i), "Taobao") != NULL)
        {
          g_autofree char *text = rd_chart_format_value (rates, rd_chart_get_value (rates, i));

          g_assert_cmpint (rd_chart_get_value (rates, i), ==, 100);
          g_assert_cmpstr (text, ==, "1.0%");
          found = TRUE;
        }
    g_assert_true (found);
  }

  /* The table shows the saved count after the recompute. */
  taobao = rd_order_counts_grid_get_cell (grid, "taobao", f->year, f->month);
  g_assert_cmpstr (gtk_editable_get_text (taobao), ==, "200");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = rd_application_new (G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add ("/rd/reports-page/figures", Fixture, NULL, fixture_set_up, test_figures, fixture_tear_down);
  g_test_add ("/rd/reports-page/accessible-names", Fixture, NULL, fixture_set_up, test_accessible_names,
              fixture_tear_down);
  g_test_add ("/rd/reports-page/click-opens-ledger", Fixture, NULL, fixture_set_up, test_click_opens_ledger,
              fixture_tear_down);
  g_test_add ("/rd/reports-page/order-counts", Fixture, NULL, fixture_set_up, test_order_counts,
              fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
