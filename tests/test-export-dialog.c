/* test-export-dialog.c
 *
 * The Export dialog under a real display: its defaults (last month, a file
 * name that follows the month), an export to a temporary file through the
 * GTask thread while the main loop keeps running, Cancel leaving no file,
 * an unwritable folder shown in words, and the Reports page's button and
 * toast.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "rd-case-store.h"
#include "rd-export-dialog.h"
#include "rd-reports-page.h"
#include "rd-store.h"
#include "rd-test-ledger.h"
#include "rd-test-ui.h"

typedef struct
{
  char *dir;
  char *db;
} Fixture;

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) last_month = g_date_time_add_months (now, -1);
  g_autoptr(GDateTime) first = g_date_time_new_local (g_date_time_get_year (last_month),
                                                      g_date_time_get_month (last_month), 2, 12, 0, 0);

  fx->dir = rd_test_make_tmp_dir ();
  store = rd_test_ui_open_ledger (fx->dir, &fx->db);

  /* 600 cases paid last month: more than one progress step. */
  for (int i = 0; i < 600; i++)
    {
      g_autoptr(RdCase) c = rd_case_new ();

      c->channel = g_strdup ("taobao");
      c->order_no = g_strdup_printf ("%019d", 1000 + i);
      c->kind = RD_REFUND_KIND_RETURN_REFUND;
      c->reason = g_strdup ("changed_mind");
      c->payment_method = RD_PAYMENT_METHOD_ALIPAY;
      c->amount_paid = 1000 + i;
      c->approved_amount = 1000 + i;
      c->requested_at = g_date_time_to_unix (first) + i * 60;
      c->created_at = c->requested_at;
      c->paid_at = c->requested_at + 3600;
      c->status = RD_CASE_STATUS_PAID;
      rd_case_store_insert (store, c, "tester", &error);
      g_assert_no_error (error);
    }
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  rd_test_remove_tree (fx->dir);
  g_free (fx->dir);
  g_free (fx->db);
}

static void
on_exported (RdExportDialog *dialog,
             const char     *path,
             char          **out)
{
  *out = g_strdup (path);
}

static void
test_defaults (Fixture       *fx,
               gconstpointer  data)
{
  RdExportDialog *dialog = rd_export_dialog_new (NULL, fx->db, "小店", "tester");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) last_month = g_date_time_add_months (now, -1);
  g_autofree char *expected = g_strdup_printf ("Refunds-%04d-%02d.xlsx",
                                               g_date_time_get_year (last_month),
                                               g_date_time_get_month (last_month));
  g_autofree char *name = NULL;
  int year, month;

  rd_export_dialog_get_month (dialog, &year, &month);
  g_assert_cmpint (year, ==, g_date_time_get_year (last_month));
  g_assert_cmpint (month, ==, g_date_time_get_month (last_month));
  name = g_path_get_basename (rd_export_dialog_get_output_path (dialog));
  g_assert_cmpstr (name, ==, expected);

  /* The default name follows the month until a file is chosen. */
  rd_export_dialog_set_month (dialog, year, month == 1 ? 2 : 1);
  g_free (name);
  name = g_path_get_basename (rd_export_dialog_get_output_path (dialog));
  g_assert_cmpstr (name, !=, expected);
  g_assert_true (g_str_has_prefix (name, "Refunds-"));

  gtk_window_destroy (GTK_WINDOW (dialog));
  rd_test_ui_iterate ();
}

static void
test_export (Fixture       *fx,
             gconstpointer  data)
{
  RdExportDialog *dialog = rd_export_dialog_new (NULL, fx->db, "小店", "tester");
  g_autofree char *out = g_build_filename (fx->dir, "month.xlsx", NULL);
  g_autofree char *exported = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) last_month = g_date_time_add_months (now, -1);
  gboolean saw_running = FALSE;

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_signal_connect (dialog, "exported", G_CALLBACK (on_exported), &exported);
  gtk_window_present (GTK_WINDOW (dialog));
  rd_export_dialog_set_month (dialog, g_date_time_get_year (last_month), g_date_time_get_month (last_month));
  rd_export_dialog_set_basis (dialog, RD_EXPORT_BASIS_PAID);
  rd_export_dialog_set_output_path (dialog, out);

  rd_export_dialog_start (dialog);
  saw_running = rd_export_dialog_is_running (dialog);
  /* The main loop keeps running while the thread writes. */
  while (exported == NULL && dialog != NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (saw_running);
  g_assert_cmpstr (exported, ==, out);
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
  rd_test_ui_iterate ();
  /* It closed itself. */
  g_assert_null (dialog);
}

static void
test_cancel (Fixture       *fx,
             gconstpointer  data)
{
  RdExportDialog *dialog = rd_export_dialog_new (NULL, fx->db, NULL, NULL);
  g_autofree char *out = g_build_filename (fx->dir, "cancelled.xlsx", NULL);
  g_autofree char *exported = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) last_month = g_date_time_add_months (now, -1);
  sqlite3 *lock = rd_test_raw_open (fx->db);
  g_autoptr(GDir) folder = NULL;
  const char *name;

  /* Hold the ledger locked so that the export cannot finish before Cancel:
   * it waits for the lock, then finds itself cancelled. */
  rd_test_raw_exec (lock, "PRAGMA journal_mode = DELETE");
  rd_test_raw_exec (lock, "BEGIN EXCLUSIVE");

  g_signal_connect (dialog, "exported", G_CALLBACK (on_exported), &exported);
  gtk_window_present (GTK_WINDOW (dialog));
  rd_export_dialog_set_month (dialog, g_date_time_get_year (last_month), g_date_time_get_month (last_month));
  rd_export_dialog_set_output_path (dialog, out);
  rd_export_dialog_start (dialog);
  g_assert_true (rd_export_dialog_is_running (dialog));
  rd_export_dialog_cancel (dialog);

  rd_test_raw_exec (lock, "COMMIT");
  sqlite3_close (lock);

  while (rd_export_dialog_is_running (dialog))
    g_main_context_iteration (NULL, TRUE);

  g_assert_null (exported);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_assert_null (rd_export_dialog_get_error (dialog));
  folder = g_dir_open (fx->dir, 0, NULL);
  while ((name = g_dir_read_name (folder)) != NULL)
    g_assert_true (g_str_has_prefix (name, "ledger.db"));

  /* Still open, ready for another try. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  gtk_window_destroy (GTK_WINDOW (dialog));
  rd_test_ui_iterate ();
}

static void
test_unwritable (Fixture       *fx,
                 gconstpointer  data)
{
  RdExportDialog *dialog = rd_export_dialog_new (NULL, fx->db, NULL, NULL);
  g_autofree char *out = g_build_filename (fx->dir, "no-such-folder", "x.xlsx", NULL);

  gtk_window_present (GTK_WINDOW (dialog));
  rd_export_dialog_set_output_path (dialog, out);
  rd_export_dialog_start (dialog);
  while (rd_export_dialog_is_running (dialog))
    g_main_context_iteration (NULL, TRUE);

  g_assert_nonnull (rd_export_dialog_get_error (dialog));
  g_assert_nonnull (strstr (rd_export_dialog_get_error (dialog), "no-such-folder"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  gtk_window_destroy (GTK_WINDOW (dialog));
  rd_test_ui_iterate ();
}

static void
test_reports_page (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = rd_reports_page_new ();

  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  rd_test_ui_iterate ();

  /* The page's Export… button runs the window's win.export (Ctrl+E). */
  g_assert_nonnull (rd_test_ui_find_action_button (page, "win.export"));
  rd_reports_page_show_exported (RD_REPORTS_PAGE (page), "/tmp/Refunds-2026-10.xlsx");
  rd_test_ui_iterate ();

  gtk_window_destroy (GTK_WINDOW (window));
  rd_test_ui_iterate ();
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/rd/export-dialog/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("defaults", test_defaults);
  ADD ("export", test_export);
  ADD ("cancel", test_cancel);
  ADD ("unwritable-folder", test_unwritable);
#undef ADD
  g_test_add_func ("/rd/export-dialog/reports-page", test_reports_page);

  return g_test_run ();
}
