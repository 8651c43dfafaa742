/* test-window-twoproc.c
 *
 * Two processes on one ledger, under a real display: what another
 * connection commits to the window's file shows in the ledger list and in
 * the open case pane within two seconds, without user action, and the case
 * selected stays selected; a second command line with --db opens that
 * ledger in a window of its own, and the same ledger asked again presents
 * its window; so does a real second `refund-desk --db` process.
 */
#include "config.h"

#include <locale.h>

#include "rd-application.h"
#include "rd-case-pane.h"
#include "rd-ledger-page.h"
#include "rd-store-watch.h"
#include "rd-test-ledger.h"
#include "rd-test-ui.h"
#include "rd-window.h"

static RdApplication *app;

typedef gboolean (*Condition) (gpointer data);

/* Runs the main loop until condition holds or max_ms pass; the time it
 * took, or -1. */
static gint64
wait_until (Condition condition,
            gpointer  data,
            guint     max_ms)
{
  gint64 start = g_get_monotonic_time ();

  while (!condition (data))
    {
      if (g_get_monotonic_time () - start > (gint64) max_ms * 1000)
        return -1;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }

  return (g_get_monotonic_time () - start) / 1000;
}

typedef struct
{
  RdLedgerPage *page;
  gint64        case_id;
  const char   *buyer;
} Watched;

static gboolean
model_loaded (gpointer data)
{
  Watched *w = data;
  RdLedgerModel *model = rd_ledger_page_get_model (w->page);

  return !rd_ledger_model_get_loading (model) && rd_ledger_model_get_count (model) > 0;
}

static gboolean
model_lists_case (gpointer data)
{
  Watched *w = data;

  return rd_ledger_model_find_id (rd_ledger_page_get_model (w->page), w->case_id) >= 0;
}

static gboolean
pane_shows_buyer (gpointer data)
{
  Watched *w = data;
  const RdCase *rcase = rd_case_pane_get_case (rd_ledger_page_get_case_pane (w->page));

  return rcase != NULL && g_strcmp0 (rcase->buyer_name, w->buyer) == 0;
}

static gint64
selected_case_id (RdLedgerPage *page)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (rd_test_ui_find_descendant (GTK_WIDGET (page),
                                                                      GTK_TYPE_COLUMN_VIEW, NULL));
  GtkSelectionModel *selection = gtk_column_view_get_model (view);
  guint position = gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (selection));

  if (position == GTK_INVALID_LIST_POSITION)
    return 0;
  return rd_ledger_model_get_id (rd_ledger_page_get_model (page), position);
}

/* The core: commits on the store's own connection do not move the data
 * version, another connection's do, once each. */
static void
test_store_watch (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *path = NULL;
  g_autoptr(RdStore) store = rd_test_ui_open_ledger (dir, &path);
  g_autoptr(RdStoreWatch) watch = rd_store_watch_new (store, 60000);
  g_autoptr(GError) error = NULL;
  sqlite3 *other;

  g_assert_cmpint (rd_store_get_data_version (store, &error), >=, 0);
  g_assert_no_error (error);
  g_assert_false (rd_store_watch_check (watch));

  rd_test_insert_case (rd_store_get_db (store), "RF-OWN-1", "quality", 1000, 1767225600);
  g_assert_false (rd_store_watch_check (watch));

  other = rd_test_raw_open (path);
  rd_test_insert_case (other, "RF-OTHER-1", "quality", 1000, 1767225600);
  g_assert_true (rd_store_watch_check (watch));
  g_assert_false (rd_store_watch_check (watch));
  sqlite3_close (other);

  g_clear_object (&watch);
  g_clear_object (&store);
  rd_test_remove_tree (dir);
}

/* Another connection inserts a case and edits the case shown: the window
 * shows both by itself, within two seconds, with the selection kept. */
static void
test_window_sees_other_process (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *path = NULL;
  g_autoptr(RdStore) store = rd_test_ui_open_ledger (dir, &path);
  g_autoptr(RdContext) context = NULL;
  RdWindow *window;
  sqlite3 *other;
  Watched w = { 0 };
  gint64 shown_id;
  gint64 took;

  rd_test_insert_case (rd_store_get_db (store), "RF-2026-000001", "quality", 1000, 1767225600);
  rd_test_insert_case (rd_store_get_db (store), "RF-2026-000002", "quality", 2000, 1767229200);
  shown_id = rd_test_raw_int (rd_store_get_db (store),
                              "SELECT id FROM cases WHERE case_no = 'RF-2026-000001'");
  context = rd_test_ui_new_context (store);
  window = rd_window_new (GTK_APPLICATION (app), context);
  rd_window_show_page (window, "ledger");
  gtk_window_present (GTK_WINDOW (window));
  w.page = RD_LEDGER_PAGE (rd_test_ui_find_descendant (GTK_WIDGET (window), RD_TYPE_LEDGER_PAGE, NULL));
  g_assert_cmpint (wait_until (model_loaded, &w, 5000), >=, 0);

  rd_ledger_page_show_case (w.page, shown_id);
  rd_test_ui_iterate ();
  g_assert_cmpint (selected_case_id (w.page), ==, shown_id);

  /* Another process adds a case. */
  other = rd_test_raw_open (path);
  rd_test_insert_case (other, "RF-2026-000003", "quality", 3000, 1767232800);
  w.case_id = rd_test_raw_int (other, "SELECT id FROM cases WHERE case_no = 'RF-2026-000003'");
  took = wait_until (model_lists_case, &w, 2000);
  g_test_message ("another process's case listed after %" G_GINT64_FORMAT " ms", took);
  g_assert_cmpint (took, >=, 0);
  g_assert_cmpuint (rd_ledger_model_get_count (rd_ledger_page_get_model (w.page)), ==, 3);
  /* The case the user was looking at is still the one selected and shown. */
  rd_test_ui_iterate ();
  g_assert_cmpint (selected_case_id (w.page), ==, shown_id);
  g_assert_cmpint (rd_case_pane_get_case_id (rd_ledger_page_get_case_pane (w.page)), ==, shown_id);

  /* …and edits the case shown. */
  w.buyer = "王小姐";
  g_assert_false (pane_shows_buyer (&w));
  rd_test_raw_exec (other, "UPDATE cases SET buyer_name = '王小姐' WHERE case_no = 'RF-2026-000001'");
  took = wait_until (pane_shows_buyer, &w, 2000);
  g_test_message ("another process's edit shown after %" G_GINT64_FORMAT " ms", took);
  g_assert_cmpint (took, >=, 0);
  sqlite3_close (other);

  gtk_window_destroy (GTK_WINDOW (window));
  rd_test_ui_iterate ();
  g_clear_object (&context);
  g_clear_object (&store);
  rd_test_remove_tree (dir);
}

static RdWindow *
window_on (const char *path)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    {
      RdStore *store;

      if (!RD_IS_WINDOW (l->data))
        continue;
      store = rd_context_get_store (rd_window_get_context (l->data));
      if (store != NULL && g_strcmp0 (rd_store_get_path (store), path) == 0)
        return l->data;
    }

  return NULL;
}

static guint
count_ledger_windows (void)
{
  guint n = 0;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (RD_IS_WINDOW (l->data))
      n++;

  return n;
}

/* What GApplication hands the running instance when `refund-desk --db path`
 * is started again: the options as the new process parsed them. */
static int
send_command_line (const char *path)
{
  g_autoptr(GVariantDict) options = g_variant_dict_new (NULL);
  g_autoptr(GApplicationCommandLine) command_line = NULL;
  const char *argv[] = { "refund-desk", "--db", path, NULL };
  int status = -1;

  g_variant_dict_insert (options, "db", "^ay", path);
  command_line = g_object_new (G_TYPE_APPLICATION_COMMAND_LINE,
                               "arguments", g_variant_new_bytestring_array (argv, -1),
                               "options", g_variant_dict_end (options),
                               NULL);
  g_signal_emit_by_name (app, "command-line", command_line, &status);

  return status;
}

typedef struct
{
  char     *a;
  char     *b;
  gboolean  checked;
} CommandLineRun;

static gboolean
second_command_lines (gpointer data)
{
  CommandLineRun *run = data;
  RdWindow *on_a = window_on (run->a);
  RdWindow *on_b;

  /* Started with --db A: one window on A. */
  g_assert_nonnull (on_a);
  g_assert_cmpuint (count_ledger_windows (), ==, 1);

  /* `refund-desk --db B` while it runs: exits 0, a second window on B,
   * with a context (and store) of its own. */
  g_assert_cmpint (send_command_line (run->b), ==, 0);
  rd_test_ui_iterate ();
  on_b = window_on (run->b);
  g_assert_nonnull (on_b);
  g_assert_true (on_b != on_a);
  g_assert_cmpuint (count_ledger_windows (), ==, 2);
  g_assert_true (rd_window_get_context (on_a) != rd_window_get_context (on_b));
  g_assert_cmpstr (rd_store_get_path (rd_context_get_store (rd_window_get_context (on_a))), ==, run->a);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (on_b)));
  /* Told apart by their titles. */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (on_a)), ==, "a.db — Refund Desk");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (on_b)), ==, "b.db — Refund Desk");

  /* The same ledger again: its window, no third one. */
  g_assert_cmpint (send_command_line (run->a), ==, 0);
  rd_test_ui_iterate ();
  g_assert_cmpuint (count_ledger_windows (), ==, 2);
  g_assert_true (window_on (run->a) == on_a);

  run->checked = TRUE;
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL;
       l = gtk_application_get_windows (GTK_APPLICATION (app)))
    gtk_window_destroy (l->data);
  g_application_quit (G_APPLICATION (app));

  return G_SOURCE_REMOVE;
}

static void
on_activate_after (GApplication   *application,
                   CommandLineRun *run)
{
  static gboolean once;

  if (!once)
    g_idle_add (second_command_lines, run);
  once = TRUE;
}

static void
test_second_command_line (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  CommandLineRun run = { 0 };
  char *argv[] = { (char *) "refund-desk", (char *) "--db", NULL, NULL };
  int status;

  run.a = g_build_filename (dir, "a.db", NULL);
  run.b = g_build_filename (dir, "b.db", NULL);
  argv[2] = run.a;

  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate_after), &run);
  status = g_application_run (G_APPLICATION (app), 3, argv);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (run.checked);

  g_free (run.a);
  g_free (run.b);
  rd_test_remove_tree (dir);
}

typedef struct
{
  char         *dir;
  char         *a;
  char         *b;
  GApplication *primary;
  int           child_status;
  gboolean      child_done;
  gboolean      saw_window_on_b;
} ProcessRun;

static void
on_child_exited (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ProcessRun *run = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_subprocess_wait_finish (G_SUBPROCESS (source), result, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (G_SUBPROCESS (source)));
  run->child_status = g_subprocess_get_exit_status (G_SUBPROCESS (source));
  run->child_done = TRUE;
}

static gboolean
primary_window_on_b (gpointer data)
{
  ProcessRun *run = data;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (run->primary)); l != NULL; l = l->next)
    {
      RdStore *store;

      if (!RD_IS_WINDOW (l->data))
        continue;
      store = rd_context_get_store (rd_window_get_context (l->data));
      if (store != NULL && g_strcmp0 (rd_store_get_path (store), run->b) == 0)
        return run->child_done;
    }

  return FALSE;
}

/* A second process, the built refund-desk, started in the ledgers' folder
 * with a relative --db: it hands its command line to this one and exits 0;
 * this one opens b.db (its full path) in a new window. */
static gboolean
start_second_process (gpointer data)
{
  ProcessRun *run = data;
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *program = g_test_build_filename (G_TEST_BUILT, "..", "src", "refund-desk", NULL);
  const char *argv[] = { program, "--db", "b.db", NULL };

  g_subprocess_launcher_set_cwd (launcher, run->dir);
  child = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_wait_async (child, NULL, on_child_exited, run);

  g_assert_cmpint (wait_until (primary_window_on_b, run, 20000), >=, 0);
  run->saw_window_on_b = TRUE;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (run->primary)); l != NULL;
       l = gtk_application_get_windows (GTK_APPLICATION (run->primary)))
    gtk_window_destroy (l->data);
  g_application_quit (run->primary);

  return G_SOURCE_REMOVE;
}

static void
on_primary_activate (GApplication *application,
                     ProcessRun   *run)
{
  if (run->primary == NULL)
    {
      run->primary = application;
      g_idle_add (start_second_process, run);
    }
}

static void
test_second_process (void)
{
  g_autoptr(RdApplication) primary = NULL;
  g_autoptr(GError) error = NULL;
  ProcessRun run = { 0 };
  char *argv[] = { (char *) "refund-desk", (char *) "--db", NULL, NULL };
  int status;

  /* Unique, under the app's own id, as a user runs it; the test's bus
   * (dbus-run-session) has no other. */
  primary = rd_application_new (G_APPLICATION_DEFAULT_FLAGS);
  g_application_register (G_APPLICATION (primary), NULL, &error);
  g_assert_no_error (error);
  if (g_application_get_is_remote (G_APPLICATION (primary)))
    {
      g_test_skip ("Refund Desk already runs on this session bus");
      return;
    }

  run.dir = rd_test_make_tmp_dir ();
  run.a = g_build_filename (run.dir, "a.db", NULL);
  run.b = g_build_filename (run.dir, "b.db", NULL);
  argv[2] = run.a;

  g_signal_connect_after (primary, "activate", G_CALLBACK (on_primary_activate), &run);
  status = g_application_run (G_APPLICATION (primary), 3, argv);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (run.child_done);
  g_assert_cmpint (run.child_status, ==, 0);
  g_assert_true (run.saw_window_on_b);
  g_assert_true (g_file_test (run.b, G_FILE_TEST_IS_REGULAR));

  rd_test_remove_tree (run.dir);
  g_free (run.dir);
  g_free (run.a);
  g_free (run.b);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  app = rd_application_new (G_APPLICATION_NON_UNIQUE);
  g_application_set_application_id (G_APPLICATION (app), APP_ID ".TwoProc");
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/rd/window-twoproc/store-watch", test_store_watch);
  g_test_add_func ("/rd/window-twoproc/sees-other-process", test_window_sees_other_process);
  g_test_add_func ("/rd/window-twoproc/second-process", test_second_process);
  /* Last: it runs the application to its end. */
  g_test_add_func ("/rd/window-twoproc/second-command-line", test_second_command_line);

  status = g_test_run ();
  g_clear_object (&app);

  return status;
}
