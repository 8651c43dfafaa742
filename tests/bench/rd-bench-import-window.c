/* rd-bench-import-window.c
 *
 * The import preview as a person sees it at the real window: the
 * application is started as `refund-desk --db LEDGER` would be, then the
 * file is opened through win.import-file (what Ctrl+I and a dropped file
 * do). For each run it prints the time from the action to the first rows
 * painted and to the complete preview painted (every row of the file in
 * the dialog's list, the counts final), and the longest main-loop stall
 * meanwhile: the lateness of a 10 ms timer of high priority (while it is
 * late, a key press or a click waits).
 *
 *   xvfb-run -a -s '-screen 0 1280x800x24' dbus-run-session -- \
 *     build/tests/bench/rd-bench-import-window LEDGER FILE [RUNS]
 *
 * GSK_RENDERER=cairo and the in-memory settings backend are set unless the
 * environment says otherwise. The preview only reads the ledger, but the
 * application may migrate it or make its daily backup: run it on a copy.
 */
#include "config.h"

#include <stdlib.h>

#include "rd-application.h"
#include "rd-import-dialog.h"
#include "rd-ledger-model.h"
#include "rd-ledger-page.h"
#include "rd-window.h"

#define TICK_MS 10
#define SETTLE_TIMEOUT_S 600

static gint64     started_at;
static gint64     last_tick;
static gint64     longest_gap;
static gint64     longest_gap_end;
static RdWindow  *window;
static char      *file_path;
static guint      runs = 3;
static guint      dialog_paints;

static gboolean
on_tick (gpointer user_data)
{
  gint64 now = g_get_monotonic_time ();

  if (last_tick != 0 && now - last_tick > longest_gap)
    {
      longest_gap = now - last_tick;
      longest_gap_end = now;
    }
  last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
stall_reset (void)
{
  last_tick = g_get_monotonic_time ();
  longest_gap = 0;
}

/* The timer's worst lateness since the reset, in ms. */
static double
stall_ms (void)
{
  on_tick (NULL);
  return MAX (0, longest_gap - TICK_MS * 1000) / 1000.0;
}

static void
iterate_until (gboolean  (*done) (void),
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

static RdLedgerPage *
ledger_page (void)
{
  GtkWidget *child = GTK_WIDGET (window);
  g_autoptr(GPtrArray) queue = g_ptr_array_new ();

  g_ptr_array_add (queue, child);
  for (guint i = 0; i < queue->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (queue, i);

      if (RD_IS_LEDGER_PAGE (widget))
        return RD_LEDGER_PAGE (widget);
      for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (queue, c);
    }
  return NULL;
}

static gboolean
ledger_settled (void)
{
  RdLedgerPage *page = ledger_page ();
  RdLedgerModel *model = page != NULL ? rd_ledger_page_get_model (page) : NULL;

  return model != NULL && !rd_ledger_model_get_loading (model) && rd_ledger_model_get_count (model) > 0;
}

static gboolean
no_pending (void)
{
  return !g_main_context_pending (NULL);
}

static void
on_dialog_after_paint (GdkFrameClock *clock,
                       gpointer       user_data)
{
  dialog_paints++;
}

static void
on_dialog_realize (GtkWidget *widget)
{
  g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint", G_CALLBACK (on_dialog_after_paint), NULL);
}

static gboolean
dialog_has_rows (void)
{
  RdImportDialog *dialog = rd_window_get_import_dialog (window);

  return dialog != NULL && g_list_model_get_n_items (rd_import_dialog_get_rows (dialog)) > 0;
}

static gboolean
dialog_complete (void)
{
  RdImportDialog *dialog = rd_window_get_import_dialog (window);

  return dialog != NULL && !rd_import_dialog_is_running (dialog);
}

static guint paints_wanted;

static gboolean
dialog_painted (void)
{
  return dialog_paints >= paints_wanted;
}

static void
wait_for_dialog_paint (void)
{
  paints_wanted = dialog_paints + 1;
  gtk_widget_queue_draw (GTK_WIDGET (rd_window_get_import_dialog (window)));
  iterate_until (dialog_painted, "paint");
}

static gboolean
dialog_gone (void)
{
  return rd_window_get_import_dialog (window) == NULL;
}

static gboolean
run_script (gpointer user_data)
{
  GApplication *app = user_data;
  g_autoptr(GArray) complete = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) stalls = g_array_new (FALSE, FALSE, sizeof (double));

  iterate_until (ledger_settled, "ledger");
  g_print ("ledger ready after %.1f ms: %u cases\n", (g_get_monotonic_time () - started_at) / 1000.0,
           rd_ledger_model_get_count (rd_ledger_page_get_model (ledger_page ())));

  for (guint run = 0; run < runs; run++)
    {
      RdImportDialog *dialog;
      RdImportCounts counts;
      double opened, first, whole, stall;
      gint64 start;

      iterate_until (no_pending, "quiet");
      dialog_paints = 0;
      stall_reset ();
      start = g_get_monotonic_time ();
      gtk_widget_activate_action (GTK_WIDGET (window), "win.import-file", "s", file_path);
      opened = (g_get_monotonic_time () - start) / 1000.0;
      dialog = rd_window_get_import_dialog (window);
      if (dialog == NULL)
        {
          g_printerr ("no import dialog\n");
          exit (EXIT_FAILURE);
        }
      if (gtk_widget_get_realized (GTK_WIDGET (dialog)))
        on_dialog_realize (GTK_WIDGET (dialog));
      else
        g_signal_connect (dialog, "realize", G_CALLBACK (on_dialog_realize), NULL);

      iterate_until (dialog_has_rows, "first rows");
      wait_for_dialog_paint ();
      first = (g_get_monotonic_time () - start) / 1000.0;
      iterate_until (dialog_complete, "preview");
      wait_for_dialog_paint ();
      whole = (g_get_monotonic_time () - start) / 1000.0;
      stall = stall_ms ();
      g_print ("run %u: the dialog opened in %.1f ms; the longest stall ended %.1f ms after the start\n",
               run + 1, opened, (longest_gap_end - start) / 1000.0);

      rd_import_dialog_get_counts (dialog, &counts);
      g_print ("run %u: first rows painted %8.1f ms   complete preview painted %8.1f ms   longest stall %7.1f ms   "
               "(%u rows: %" G_GUINT64_FORMAT " new, %" G_GUINT64_FORMAT " updated, %" G_GUINT64_FORMAT " unchanged, %"
               G_GUINT64_FORMAT " errors%s)\n",
               run + 1, first, whole, stall, g_list_model_get_n_items (rd_import_dialog_get_rows (dialog)),
               counts.n_new, counts.n_updated, counts.n_unchanged, counts.n_errors,
               rd_import_dialog_get_error (dialog) != NULL ? ", an error" : "");
      g_array_append_val (complete, whole);
      g_array_append_val (stalls, stall);

      gtk_window_close (GTK_WINDOW (dialog));
      iterate_until (dialog_gone, "close");
    }

  {
    double worst = 0, worst_stall = 0;

    for (guint i = 0; i < complete->len; i++)
      {
        worst = MAX (worst, g_array_index (complete, double, i));
        worst_stall = MAX (worst_stall, g_array_index (stalls, double, i));
      }
    g_print ("worst of %u runs: complete preview painted %.1f ms, longest stall %.1f ms\n", runs, worst, worst_stall);
  }
  g_application_quit (app);
  return G_SOURCE_REMOVE;
}

static void
on_window_added (GtkApplication *app,
                 GtkWindow      *added)
{
  if (window != NULL || !RD_IS_WINDOW (added))
    return;
  window = RD_WINDOW (added);
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
  if (argc < 3)
    {
      g_printerr ("Usage: %s LEDGER FILE [RUNS]\n", argv[0]);
      return EXIT_FAILURE;
    }
  file_path = g_canonicalize_filename (argv[2], NULL);
  if (argc > 3)
    runs = MAX (1, (guint) g_ascii_strtoull (argv[3], NULL, 10));

  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", RD_BENCH_SCHEMA_DIR, FALSE);
  g_setenv ("NO_AT_BRIDGE", "1", FALSE);

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
