/* rd-bench-window.c
 *
 * What a person at the real window lives with on a given ledger: the
 * application is started as `refund-desk --db LEDGER` would be, and the
 * actions a user takes are performed through the window's own actions and
 * widgets — start-up, switching pages, selecting a case, filtering by month
 * and status, searching, clearing, sorting, scrolling to the end and back.
 * For each it prints the time until the result is painted and the longest
 * main-loop stall meanwhile (the lateness of a 5 ms timer of high priority:
 * while it is late, a key press or a click waits).
 *
 *   xvfb-run -a -s '-screen 0 1280x800x24' dbus-run-session -- \
 *     build/tests/bench/rd-bench-window LEDGER [RUNS]
 *
 * GSK_RENDERER=cairo and the in-memory settings backend are set unless the
 * environment says otherwise. The ledger is only read, but the application
 * may make its daily backup of it: run it on a copy.
 */
#include "config.h"

#include <stdlib.h>

#include "rd-application.h"
#include "rd-ledger-model.h"
#include "rd-ledger-page.h"
#include "rd-ledger-row.h"
#include "rd-window.h"

#define TICK_MS 5
#define SETTLE_TIMEOUT_S 600

static gint64 started_at;

/* The stall meter: the longest gap between two ticks since it was reset. */
static gint64 last_tick;
static gint64 longest_gap;

/* The frame meter: paints since start. */
static guint  paints;

static GtkWindow    *window;
static RdLedgerPage *page;

static gboolean
on_tick (gpointer user_data)
{
  gint64 now = g_get_monotonic_time ();

  if (last_tick != 0 && now - last_tick > longest_gap)
    longest_gap = now - last_tick;
  last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
stall_reset (void)
{
  last_tick = g_get_monotonic_time ();
  longest_gap = 0;
}

/* Milliseconds the main loop was unavailable at worst since the reset. */
static double
stall_ms (void)
{
  on_tick (NULL);
  return MAX (0, longest_gap - TICK_MS * 1000) / 1000.0;
}

static gint64 first_paint_at;

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       user_data)
{
  paints++;
  /* The stall meter runs from the first frame on: until then there is no
   * window to type into. */
  if (first_paint_at == 0)
    {
      first_paint_at = g_get_monotonic_time ();
      stall_reset ();
    }
}

static void
iterate_until (gboolean (*done) (void),
               const char *what)
{
  gint64 deadline = g_get_monotonic_time () + SETTLE_TIMEOUT_S * G_USEC_PER_SEC;

  while (!done ())
    {
      if (g_get_monotonic_time () > deadline)
        {
          g_printerr ("%s: not done after %d s\n", what, SETTLE_TIMEOUT_S);
          exit (EXIT_FAILURE);
        }
      g_main_context_iteration (NULL, TRUE);
    }
}

static RdLedgerModel *
model (void)
{
  return rd_ledger_page_get_model (page);
}

static gboolean
model_settled (void)
{
  return model () != NULL && !rd_ledger_model_get_loading (model ());
}

static gboolean
model_shows_rows (void)
{
  return model () != NULL && rd_ledger_model_get_count (model ()) > 0;
}

static guint paints_wanted;

static gboolean
painted (void)
{
  return paints >= paints_wanted;
}

/* Waits for a frame painted after now. */
static void
wait_for_paint (void)
{
  paints_wanted = paints + 1;
  gtk_widget_queue_draw (GTK_WIDGET (window));
  iterate_until (painted, "paint");
}

static gboolean
no_pending (void)
{
  return !g_main_context_pending (NULL);
}

typedef struct
{
  const char *name;
  GArray     *on_screen;   /* double ms */
  GArray     *stall;       /* double ms */
} Figure;

static GPtrArray *figures;

static Figure *
figure (const char *name)
{
  Figure *f;

  for (guint i = 0; i < figures->len; i++)
    {
      f = g_ptr_array_index (figures, i);
      if (g_str_equal (f->name, name))
        return f;
    }
  f = g_new0 (Figure, 1);
  f->name = name;
  f->on_screen = g_array_new (FALSE, FALSE, sizeof (double));
  f->stall = g_array_new (FALSE, FALSE, sizeof (double));
  g_ptr_array_add (figures, f);
  return f;
}

static void
record (const char *name,
        double      on_screen,
        double      stall)
{
  Figure *f = figure (name);

  g_array_append_val (f->on_screen, on_screen);
  g_array_append_val (f->stall, stall);
  g_print ("  %-34s on screen %9.1f ms   longest stall %9.1f ms\n", name, on_screen, stall);
}

/* Runs action, waits until the ledger's list is complete and painted, then
 * lets the main loop run dry: the work an action leaves behind also delays
 * the next key press, so its stall counts too. */
static void
measure (const char *name,
         void      (*action) (void))
{
  gint64 start;
  double on_screen, stall;

  iterate_until (no_pending, "quiet");
  stall_reset ();
  start = g_get_monotonic_time ();
  action ();
  iterate_until (model_settled, name);
  wait_for_paint ();
  on_screen = (g_get_monotonic_time () - start) / 1000.0;
  stall = stall_ms ();

  stall_reset ();
  for (int i = 0; i < 20; i++)
    {
      g_usleep (5000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  record (name, on_screen, MAX (stall, stall_ms ()));
  if (g_getenv ("RD_BENCH_WINDOW_TIMES") != NULL)
    g_print ("    [%s: %.6f … %.6f s monotonic]\n", name, start / 1e6, g_get_monotonic_time () / 1e6);
}

static GtkWidget *
template_child (const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), RD_TYPE_LEDGER_PAGE, name));
}

static void
show_intercepts (void)
{
  rd_window_show_page (RD_WINDOW (window), "intercepts");
}

static void
show_ledger (void)
{
  rd_window_show_page (RD_WINDOW (window), "ledger");
}

static void
intercepts_and_back (void)
{
  show_intercepts ();
  wait_for_paint ();
  show_ledger ();
}

static GtkSingleSelection *
selection (void)
{
  return GTK_SINGLE_SELECTION (gtk_column_view_get_model (GTK_COLUMN_VIEW (template_child ("column_view"))));
}

static guint select_position = 2;

/* Another case each run: selecting the selected row changes nothing. */
static void
select_next (void)
{
  gtk_single_selection_set_selected (selection (), select_position++);
}

static void
month_first (void)
{
  /* The newest month: the first after "all months". */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (template_child ("month_dropdown")), 1);
}

static void
month_all (void)
{
  gtk_drop_down_set_selected (GTK_DROP_DOWN (template_child ("month_dropdown")), 0);
}

static void
status_second (void)
{
  gtk_drop_down_set_selected (GTK_DROP_DOWN (template_child ("status_dropdown")), 2);
}

static void
status_all (void)
{
  gtk_drop_down_set_selected (GTK_DROP_DOWN (template_child ("status_dropdown")), 0);
}

static char *search_text;

static gboolean
model_loading (void)
{
  return model () != NULL && rd_ledger_model_get_loading (model ());
}

/* The entry waits for typing to stop (its search delay) before the list is
 * asked: the time on screen includes that wait, as a person sees it. */
static void
type_search (const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (template_child ("search_entry")), text);
  iterate_until (model_loading, "search started");
}

static void
search (void)
{
  type_search (search_text);
}

static void
search_clear (void)
{
  type_search ("");
}

static void
sort_by_amount (void)
{
  gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (template_child ("column_view")),
                                  GTK_COLUMN_VIEW_COLUMN (gtk_widget_get_template_child (GTK_WIDGET (page), RD_TYPE_LEDGER_PAGE, "amount_column")),
                                  GTK_SORT_ASCENDING);
}

static void
sort_by_time (void)
{
  gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (template_child ("column_view")),
                                  GTK_COLUMN_VIEW_COLUMN (gtk_widget_get_template_child (GTK_WIDGET (page), RD_TYPE_LEDGER_PAGE, "requested_at_column")),
                                  GTK_SORT_DESCENDING);
}

static GtkAdjustment *
vadjustment (void)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (template_child ("column_view"), GTK_TYPE_SCROLLED_WINDOW);

  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
}

static void
scroll_end (void)
{
  GtkAdjustment *adj = vadjustment ();

  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
}

static void
scroll_home (void)
{
  gtk_adjustment_set_value (vadjustment (), 0);
}

static void
scroll_middle (void)
{
  GtkAdjustment *adj = vadjustment ();

  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj) / 2);
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_double);
  return g_array_index (values, double, values->len / 2);
}

static double
maximum (GArray *values)
{
  g_array_sort (values, compare_double);
  return g_array_index (values, double, values->len - 1);
}

static guint runs = 5;

static gboolean
run_script (gpointer user_data)
{
  GApplication *app = user_data;
  page = RD_LEDGER_PAGE (find_widget (GTK_WIDGET (window), RD_TYPE_LEDGER_PAGE));

  /* Start-up: from main () to the first rows painted, and to the complete
   * list; the longest stall from the first frame on. */
  iterate_until (model_shows_rows, "first rows");
  wait_for_paint ();
  record ("start-up: first rows painted", (g_get_monotonic_time () - started_at) / 1000.0, stall_ms ());
  iterate_until (model_settled, "complete list");
  wait_for_paint ();
  record ("start-up: complete list", (g_get_monotonic_time () - started_at) / 1000.0, stall_ms ());
  stall_reset ();
  for (int i = 0; i < 50; i++)
    {
      g_usleep (20000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  g_print ("  %-34s %9.1f ms\n", "start-up: stall in the next second", stall_ms ());
  g_print ("  %u cases\n", rd_ledger_model_get_count (model ()));
  if (search_text == NULL)
    {
      /* An order number from the middle of the first page. */
      g_autoptr(RdLedgerRow) row = g_list_model_get_item (G_LIST_MODEL (model ()), MIN (50, rd_ledger_model_get_count (model ()) - 1));
      search_text = g_strdup (rd_ledger_row_get_order_no (row));
    }
  g_print ("  searching for %s\n", search_text);

  for (guint run = 0; run < runs; run++)
    {
      g_print ("run %u\n", run + 1);
      measure ("intercepts page, back to ledger", intercepts_and_back);
      measure ("select a case", select_next);
      measure ("intercepts and back, selected", intercepts_and_back);
      measure ("newest month", month_first);
      measure ("month + status", status_second);
      measure ("status back to all", status_all);
      measure ("month back to all months", month_all);
      measure ("search order number", search);
      measure ("clear search", search_clear);
      measure ("sort by amount", sort_by_amount);
      measure ("sort by request time", sort_by_time);
      measure ("scroll to the end", scroll_end);
      measure ("scroll to the middle", scroll_middle);
      measure ("scroll home", scroll_home);
    }

  g_print ("\n%-36s %12s %12s %12s %12s\n", "median of runs (ms)", "on screen", "max", "stall", "max stall");
  for (guint i = 0; i < figures->len; i++)
    {
      Figure *f = g_ptr_array_index (figures, i);
      g_print ("%-36s %12.1f %12.1f %12.1f %12.1f\n", f->name,
               median (f->on_screen), maximum (f->on_screen), median (f->stall), maximum (f->stall));
    }

  g_application_quit (app);
  return G_SOURCE_REMOVE;
}

static void
on_realize (GtkWidget *widget)
{
  g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint", G_CALLBACK (on_after_paint), NULL);
}

static void
on_window_added (GtkApplication *app,
                 GtkWindow      *added)
{
  if (window != NULL || !RD_IS_WINDOW (added))
    return;
  window = added;
  g_signal_connect (window, "realize", G_CALLBACK (on_realize), NULL);
  g_idle_add_full (G_PRIORITY_LOW, run_script, app, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RdApplication) app = NULL;
  g_autofree char *db_arg = NULL;
  char *app_argv[4];

  started_at = g_get_monotonic_time ();
  if (argc < 2)
    {
      g_printerr ("Usage: %s LEDGER [RUNS] [SEARCH]\n", argv[0]);
      return EXIT_FAILURE;
    }
  if (argc > 2)
    runs = MAX (1, (guint) g_ascii_strtoull (argv[2], NULL, 10));
  search_text = argc > 3 ? g_strdup (argv[3]) : NULL;

  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", RD_BENCH_SCHEMA_DIR, FALSE);
  g_setenv ("NO_AT_BRIDGE", "1", FALSE);

  figures = g_ptr_array_new ();
  g_timeout_add_full (G_PRIORITY_HIGH, TICK_MS, on_tick, NULL, NULL);

  app = rd_application_new (G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added), NULL);

  db_arg = g_strdup (argv[1]);
  app_argv[0] = argv[0];
  app_argv[1] = (char *) "--db";
  app_argv[2] = db_arg;
  app_argv[3] = NULL;
  return g_application_run (G_APPLICATION (app), 3, app_argv);
}
