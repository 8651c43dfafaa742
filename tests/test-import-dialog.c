/* test-import-dialog.c
 *
 * The import of a platform's after-sales list in the window, under a real
 * display: win.import-file opens the preview of a Taobao CSV the test
 * writes; the counts shown are the file's; a row with a problem keeps
 * Import off until it is left out; Import creates the cases and the
 * toast's Show filters the ledger to exactly them (its chip goes back);
 * Cancel during a preview leaves a dialog that answers and closes; a file
 * dropped on the window opens the same preview; a .xls gets the core's
 * message; Escape closes. A case the platform reopened shows its banner,
 * the ledger's Reopened filter counts and lists it, and the banner's
 * Followed Up clears it as the operator signed in.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "rd-case-pane.h"
#include "rd-case-store.h"
#include "rd-import-case.h"
#include "rd-import-columns.h"
#include "rd-import-dialog.h"
#include "rd-import-row.h"
#include "rd-ledger-page.h"
#include "rd-store.h"
#include "rd-test-ledger.h"
#include "rd-test-ui.h"
#include "rd-window.h"

#define TAOBAO_HEADER "订单编号,退款编号,支付宝交易号,订单付款时间,买家实际支付金额,宝贝标题,买家退款金额," \
                      "是否需要退货,退款的申请时间,超时时间,退款状态,货物状态,退货物流单号,退货物流公司," \
                      "买家退款原因,售中或售后\r\n"

typedef struct
{
  char      *dir;
  char      *db;
  RdStore   *store;
  RdContext *context;
  RdWindow  *window;
} Fixture;

/* A Taobao refund export: n good rows, then bad_rows rows whose refund
 * amount is not an amount. */
static char *
write_taobao_csv (const char *dir,
                  const char *name,
                  guint       n,
                  guint       bad_rows)
{
  g_autoptr(GString) text = g_string_new ("\xEF\xBB\xBF" TAOBAO_HEADER);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  for (guint i = 0; i < n + bad_rows; i++)
    g_string_append_printf (text,
                            "%019u,%019u,2026112922001%06u,2026-11-28 10:00:00,58.50,连衣裙 M码,%s,"
                            "否,2026-11-29 09:%02u:00,2026-12-01 09:00:00,买家已经申请退款，等待卖家同意,买家未收到货,,,"
                            "不想要了,售后\r\n",
                            4100000000u + i, 2900000000u + i, i,
                            i < n ? "58.50" : "五十", i % 60);
  g_assert_true (g_file_set_contents (path, text->str, (gssize) text->len, &error));
  g_assert_no_error (error);
  return path;
}

static void
wait_for (gboolean (*done) (gpointer),
          gpointer data)
{
  gint64 until = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!done (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, until);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
  rd_test_ui_iterate ();
}

static gboolean
dialog_idle (gpointer data)
{
  RdWindow *window = data;
  RdImportDialog *dialog = rd_window_get_import_dialog (window);

  return dialog != NULL && !rd_import_dialog_is_running (dialog);
}

static gboolean
dialog_gone (gpointer data)
{
  return rd_window_get_import_dialog (RD_WINDOW (data)) == NULL;
}

static gboolean
ledger_loaded (gpointer data)
{
  RdLedgerModel *model = rd_ledger_page_get_model (RD_LEDGER_PAGE (data));

  return !rd_ledger_model_get_loading (model);
}

static const char *
label_of (GtkWidget  *root,
          GType       type,
          const char *name)
{
  GtkWidget *widget = rd_test_ui_find_descendant (root, type, name);

  g_assert_nonnull (widget);
  return GTK_IS_BUTTON (widget) ? gtk_button_get_label (GTK_BUTTON (widget))
                                : gtk_label_get_label (GTK_LABEL (widget));
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  fx->dir = rd_test_make_tmp_dir ();
  fx->store = rd_test_ui_open_ledger (fx->dir, &fx->db);
  fx->context = rd_test_ui_new_context (fx->store);
  rd_test_ui_sign_in (fx->context, fx->store, "Lina", RD_ROLE_CLERK);
  fx->window = rd_window_new (NULL, fx->context);
  gtk_window_set_default_size (GTK_WINDOW (fx->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (fx->window));
  rd_window_show_page (fx->window, "ledger");
  rd_test_ui_iterate ();
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fx->window));
  rd_test_ui_iterate ();
  g_clear_object (&fx->context);
  g_clear_object (&fx->store);
  rd_test_remove_tree (fx->dir);
  g_free (fx->dir);
  g_free (fx->db);
}

static RdImportDialog *
open_preview (Fixture    *fx,
              const char *path)
{
  RdImportDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.import-file", "s", path));
  dialog = rd_window_get_import_dialog (fx->window);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (fx->window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  wait_for (dialog_idle, fx->window);
  return dialog;
}

static void
test_import_preview_apply_show (Fixture       *fx,
                                gconstpointer  data)
{
  g_autofree char *path = write_taobao_csv (fx->dir, "taobao-1201.csv", 12, 1);
  RdLedgerPage *ledger = NULL;
  RdImportDialog *dialog;
  RdImportCounts counts;
  GtkWidget *import_button;
  g_autoptr(GArray) imported = NULL;
  g_autoptr(GError) error = NULL;
  RdLedgerModel *model;
  gint64 import_id;

  dialog = open_preview (fx, path);
  g_assert_null (rd_import_dialog_get_error (dialog));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "taobao-1201.csv");

  /* The counts the toggles show are the file's. */
  rd_import_dialog_get_counts (dialog, &counts);
  g_assert_cmpuint (counts.n_new, ==, 12);
  g_assert_cmpuint (counts.n_updated, ==, 0);
  g_assert_cmpuint (counts.n_unchanged, ==, 0);
  g_assert_cmpuint (counts.n_errors, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (rd_import_dialog_get_rows (dialog)), ==, 13);
  g_assert_cmpstr (label_of (GTK_WIDGET (dialog), GTK_TYPE_TOGGLE_BUTTON, "new-toggle"), ==, "New 12");
  g_assert_cmpstr (label_of (GTK_WIDGET (dialog), GTK_TYPE_TOGGLE_BUTTON, "errors-toggle"), ==, "Errors 1");

  /* The Errors toggle alone shows the bad row, with its problem. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (rd_test_ui_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_TOGGLE_BUTTON, "new-toggle")), FALSE);
  rd_test_ui_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (rd_import_dialog_get_shown_rows (dialog)), ==, 1);
  {
    g_autoptr(RdImportRow) row = g_list_model_get_item (rd_import_dialog_get_shown_rows (dialog), 0);

    g_assert_cmpint (rd_import_row_get_outcome (row), ==, RD_IMPORT_OUTCOME_ERROR);
    g_assert_cmpuint (rd_import_row_get_number (row), ==, 14);
    g_assert_cmpstr (rd_import_row_get_problems (row), !=, "");
    /* The one text column names the problem's column. */
    g_assert_true (g_str_has_prefix (rd_import_row_get_details (row), "买家退款金额: "));
    g_assert_nonnull (strstr (rd_import_row_get_details (row), rd_import_row_get_problems (row)));
  }
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (rd_test_ui_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_TOGGLE_BUTTON, "new-toggle")), TRUE);
  rd_test_ui_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (rd_import_dialog_get_shown_rows (dialog)), ==, 13);

  /* The error row blocks Import, and the dialog says why. */
  import_button = rd_test_ui_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "import-button");
  g_assert_false (gtk_widget_get_sensitive (import_button));
  g_assert_false (rd_import_dialog_can_import (dialog));
  g_assert_nonnull (strstr (label_of (GTK_WIDGET (dialog), GTK_TYPE_LABEL, "import-status"), "1 row has problems"));
  rd_import_dialog_start_import (dialog);
  g_assert_false (rd_import_dialog_is_running (dialog));

  /* Left out, Import is possible. */
  rd_import_dialog_leave_out_errors (dialog, TRUE);
  g_assert_true (rd_import_dialog_can_import (dialog));
  g_assert_true (gtk_widget_get_sensitive (import_button));
  rd_import_dialog_leave_out_errors (dialog, FALSE);
  g_assert_false (gtk_widget_get_sensitive (import_button));
  rd_import_dialog_leave_out_errors (dialog, TRUE);

  g_signal_emit_by_name (import_button, "clicked");
  g_assert_true (rd_import_dialog_is_running (dialog));
  wait_for (dialog_gone, fx->window);

  /* The ledger is shown; the toast's Show lists exactly the imported cases. */
  g_assert_cmpstr (rd_window_get_visible_page (fx->window), ==, "ledger");
  ledger = RD_LEDGER_PAGE (rd_test_ui_find_descendant (GTK_WIDGET (fx->window), RD_TYPE_LEDGER_PAGE, NULL));
  g_assert_nonnull (ledger);
  g_assert_cmpint (rd_ledger_page_get_import (ledger), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ledger), "ledger.show-import", NULL));
  import_id = rd_ledger_page_get_import (ledger);
  g_assert_cmpint (import_id, >, 0);
  wait_for (ledger_loaded, ledger);
  model = rd_ledger_page_get_model (ledger);
  imported = rd_import_list_cases (fx->store, import_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (imported->len, ==, 12);
  g_assert_cmpuint (rd_ledger_model_get_count (model), ==, 12);
  for (guint i = 0; i < imported->len; i++)
    g_assert_cmpint (rd_ledger_model_find_id (model, g_array_index (imported, gint64, i)), >=, 0);

  /* The chip goes back to every case. */
  rd_ledger_page_show_import (ledger, 0, NULL);
  g_assert_cmpint (rd_ledger_page_get_import (ledger), ==, 0);
  wait_for (ledger_loaded, ledger);
  g_assert_cmpuint (rd_ledger_model_get_count (model), ==, 12);

  /* The same file again changes nothing: Import stays off. */
  dialog = open_preview (fx, path);
  rd_import_dialog_get_counts (dialog, &counts);
  g_assert_cmpuint (counts.n_new, ==, 0);
  g_assert_cmpuint (counts.n_unchanged, ==, 12);
  rd_import_dialog_leave_out_errors (dialog, TRUE);
  g_assert_false (rd_import_dialog_can_import (dialog));
  /* Escape closes (the window.close it is bound to). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  wait_for (dialog_gone, fx->window);
}

static void
test_import_cancel (Fixture       *fx,
                    gconstpointer  data)
{
  g_autofree char *path = write_taobao_csv (fx->dir, "big.csv", 20000, 0);
  RdImportDialog *dialog;
  RdImportCounts counts;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.import-file", "s", path));
  dialog = rd_window_get_import_dialog (fx->window);
  g_assert_true (rd_import_dialog_is_running (dialog));
  rd_import_dialog_cancel (dialog);
  wait_for (dialog_idle, fx->window);
  /* The dialog answers: it says so, Import is off, and it closes. */
  g_assert_nonnull (rd_import_dialog_get_error (dialog));
  g_assert_false (rd_import_dialog_can_import (dialog));
  /* No counts of a preview it did not finish beside an empty list. */
  rd_import_dialog_get_counts (dialog, &counts);
  g_assert_cmpuint (counts.n_new + counts.n_updated + counts.n_unchanged + counts.n_errors, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (rd_import_dialog_get_rows (dialog)), ==, 0);
  g_assert_cmpstr (label_of (GTK_WIDGET (dialog), GTK_TYPE_TOGGLE_BUTTON, "new-toggle"), ==, "New 0");
  rd_import_dialog_cancel (dialog);
  wait_for (dialog_gone, fx->window);

  /* Closed while the preview runs: it goes once the worker stopped. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.import-file", "s", path));
  dialog = rd_window_get_import_dialog (fx->window);
  gtk_window_close (GTK_WINDOW (dialog));
  wait_for (dialog_gone, fx->window);
}

static void
test_import_drop (Fixture       *fx,
                  gconstpointer  data)
{
  g_autofree char *path = write_taobao_csv (fx->dir, "dropped.csv", 3, 0);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (fx->window));
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkDropTarget *target = NULL;
  GSList *files = g_slist_prepend (NULL, file);
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE;
  RdImportDialog *dialog;
  RdImportCounts counts;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && target == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_set_boxed (&value, files);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_value_unset (&value);
  g_slist_free (files);
  g_assert_true (accepted);

  dialog = rd_window_get_import_dialog (fx->window);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (rd_import_dialog_get_path (dialog), ==, path);
  wait_for (dialog_idle, fx->window);
  rd_import_dialog_get_counts (dialog, &counts);
  g_assert_cmpuint (counts.n_new, ==, 3);
  g_assert_true (rd_import_dialog_can_import (dialog));
  gtk_window_close (GTK_WINDOW (dialog));
  wait_for (dialog_gone, fx->window);
}

static void
test_import_xls (Fixture       *fx,
                 gconstpointer  data)
{
  /* The OLE2 signature a legacy .xls begins with. */
  static const guint8 ole2[] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0, 0, 0, 0, 0 };
  g_autofree char *path = g_build_filename (fx->dir, "old.xls", NULL);
  g_autoptr(GError) error = NULL;
  RdImportDialog *dialog;

  g_assert_true (g_file_set_contents (path, (const char *) ole2, sizeof ole2, &error));
  dialog = open_preview (fx, path);
  g_assert_nonnull (rd_import_dialog_get_error (dialog));
  g_assert_nonnull (strstr (rd_import_dialog_get_error (dialog), ".xlsx"));
  g_assert_false (rd_import_dialog_can_import (dialog));
  g_assert_cmpuint (g_list_model_get_n_items (rd_import_dialog_get_rows (dialog)), ==, 0);
  gtk_window_close (GTK_WINDOW (dialog));
  wait_for (dialog_gone, fx->window);
}

/* The label under root that shows text, or NULL. */
static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (root)), text) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Imports a Taobao file of the rows (after-sales number, status) through
 * the core, as the dialog's worker does. */
static void
import_core (Fixture           *fx,
             const char        *name,
             const char *const *rows)
{
  g_autoptr(GString) text = g_string_new ("退款编号,订单编号,买家会员名称,售后类型,是否需要退货,退款状态,买家退款原因,"
                                          "买家实际支付金额,买家退款金额,退款的申请时间,超时时间\n");
  g_autofree char *path = g_build_filename (fx->dir, name, NULL);
  g_autofree char *backups = g_build_filename (fx->dir, "backups", NULL);
  RdImportOptions options = { "Lina", NULL, FALSE, backups };
  g_autoptr(RdImport) import = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; rows[i] != NULL; i += 2)
    g_string_append_printf (text, "%s,41000000000000000%02u,tb_buyer,仅退款,否,%s,拍错/多拍,30.00,25.50,"
                            "2026-11-03 14:05:09,2026-11-05 14:05:09\n", rows[i], i, rows[i + 1]);
  g_assert_true (g_file_set_contents (path, text->str, -1, &error));
  import = rd_import_new (path, &error);
  g_assert_no_error (error);
  g_assert_true (rd_import_preview (import, fx->store, NULL, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (rd_import_apply (import, fx->store, &options, NULL, NULL, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static gint64
case_of_key (Fixture    *fx,
             const char *key)
{
  g_autofree char *sql = g_strdup_printf ("SELECT case_id FROM case_platform WHERE platform_key = '%s'", key);

  return rd_test_raw_int (rd_store_get_db (fx->store), sql);
}

static void
test_import_follow_up (Fixture       *fx,
                       gconstpointer  data)
{
  static const char *const first[] = { "AS-A", "买家已经申请退款，等待卖家同意", "AS-C", "买家已经申请退款，等待卖家同意", NULL };
  static const char *const second[] = { "AS-A", "买家已经申请退款，等待卖家同意", "AS-C", "卖家拒绝退款", NULL };
  static const char *const third[] = { "AS-A", "买家已经申请退款，等待卖家同意", "AS-C", "买家已经申请退款，等待卖家同意", NULL };
  RdCasePane *pane = RD_CASE_PANE (rd_test_ui_find_descendant (GTK_WIDGET (fx->window), RD_TYPE_CASE_PANE, NULL));
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) c = NULL;
  GtkWidget *banner, *group, *reopened, *followed;
  g_autofree char *sql = NULL;
  RdLedgerPage *ledger;
  RdLedgerModel *model;
  gboolean flagged = TRUE;
  gint64 a, id;

  g_assert_nonnull (pane);
  import_core (fx, "taobao-1201.csv", first);
  a = case_of_key (fx, "AS-A");
  id = case_of_key (fx, "AS-C");
  c = rd_case_store_get (fx->store, id, &error);
  g_assert_no_error (error);
  c->status = RD_CASE_STATUS_REFUSED;
  g_assert_true (rd_case_store_update (fx->store, c, "Lina", &error));
  g_assert_no_error (error);
  import_core (fx, "taobao-1202.csv", second);
  import_core (fx, "taobao-1203.csv", third);

  /* The reopened case: the banner, and the platform's facts. */
  rd_case_pane_show_case (pane, id);
  rd_test_ui_iterate ();
  banner = rd_test_ui_find_descendant (GTK_WIDGET (pane), GTK_TYPE_REVEALER, "follow-up-banner");
  g_assert_nonnull (banner);
  g_assert_true (gtk_widget_get_visible (banner));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (banner)));
  g_assert_true (find_label (banner, "Reopened on the platform after the shop closed it — follow up") != NULL);
  group = rd_test_ui_find_descendant (GTK_WIDGET (pane), ADW_TYPE_PREFERENCES_GROUP, "platform-group");
  g_assert_nonnull (group);
  g_assert_true (gtk_widget_get_visible (group));
  g_assert_true (find_label (group, "买家已经申请退款，等待卖家同意 (Open on the platform)") != NULL);
  g_assert_true (find_label (group, "¥25.50") != NULL);
  g_assert_true (find_label (group, "taobao-1203.csv, row 3") != NULL);

  /* The ledger's Reopened filter counts it and lists exactly it. */
  ledger = RD_LEDGER_PAGE (rd_test_ui_find_descendant (GTK_WIDGET (fx->window), RD_TYPE_LEDGER_PAGE, NULL));
  reopened = rd_test_ui_find_descendant (GTK_WIDGET (ledger), GTK_TYPE_TOGGLE_BUTTON, "reopened-button");
  g_assert_nonnull (reopened);
  rd_ledger_page_reload (ledger);
  wait_for (ledger_loaded, ledger);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (reopened)), ==, "Reopened (1)");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (reopened), TRUE);
  wait_for (ledger_loaded, ledger);
  model = rd_ledger_page_get_model (ledger);
  g_assert_cmpuint (rd_ledger_model_get_count (model), ==, 1);
  g_assert_cmpint (rd_ledger_model_find_id (model, id), ==, 0);

  /* Followed Up clears the flag as the operator signed in: the banner
   * goes, the filter lists none, its count goes. */
  followed = rd_test_ui_find_descendant (banner, GTK_TYPE_BUTTON, "followed-up-button");
  g_assert_nonnull (followed);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (followed)), ==, "_Followed Up");
  g_assert_true (gtk_widget_is_sensitive (followed));
  g_signal_emit_by_name (followed, "clicked");
  rd_test_ui_iterate ();
  wait_for (ledger_loaded, ledger);
  g_assert_false (gtk_widget_get_visible (banner));
  g_assert_true (rd_import_case_follow_up (fx->store, id, &flagged, &error));
  g_assert_false (flagged);
  sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE case_id = %" G_GINT64_FORMAT
                         " AND action = 'follow-up' AND operator = 'Lina' AND new_value = '0'", id);
  g_assert_cmpint (rd_test_raw_int (rd_store_get_db (fx->store), sql), ==, 1);
  g_assert_cmpuint (rd_ledger_model_get_count (model), ==, 0);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (reopened)), ==, "Reopened");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (reopened), FALSE);
  wait_for (ledger_loaded, ledger);

  /* A case the platform and the shop agree on: no banner. */
  rd_case_pane_show_case (pane, a);
  rd_test_ui_iterate ();
  g_assert_false (gtk_widget_get_visible (banner));
  g_assert_true (gtk_widget_get_visible (group));

  /* A hand-entered case: neither. */
  {
    g_autoptr(RdCase) hand = rd_case_new ();

    hand->channel = g_strdup ("taobao");
    hand->order_no = g_strdup ("4100000000000000999");
    hand->kind = RD_REFUND_KIND_REFUND_ONLY_UNSHIPPED;
    hand->reason = g_strdup ("changed_mind");
    hand->payment_method = RD_PAYMENT_METHOD_ALIPAY;
    hand->amount_paid = 1000;
    hand->requested_at = 1793000000;
    g_assert_true (rd_case_store_insert (fx->store, hand, "Lina", &error));
    g_assert_no_error (error);
    rd_case_pane_show_case (pane, hand->id);
    rd_test_ui_iterate ();
    g_assert_false (gtk_widget_get_visible (banner));
    g_assert_false (gtk_widget_get_visible (group));
  }
}

/* The column mapping is built only when needed: not for a file the
 * import recognised; for one it did not, at once, revealed, with the
 * file's header cells to choose from. */
static void
test_import_mapping_lazy (Fixture       *fx,
                          gconstpointer  data)
{
  g_autofree char *known = write_taobao_csv (fx->dir, "taobao-1201.csv", 3, 0);
  g_autofree char *unknown = g_build_filename (fx->dir, "shop-list.csv", NULL);
  g_autoptr(GError) error = NULL;
  RdImportDialog *dialog;
  GtkWidget *mapping;

  dialog = open_preview (fx, known);
  g_assert_null (rd_test_ui_find_descendant (GTK_WIDGET (dialog), RD_TYPE_IMPORT_COLUMNS, NULL));
  gtk_window_destroy (GTK_WINDOW (dialog));
  rd_test_ui_iterate ();

  g_assert_true (g_file_set_contents (unknown, "单号,客户,金额\nA1,张三,10.00\n", -1, &error));
  dialog = open_preview (fx, unknown);
  mapping = rd_test_ui_find_descendant (GTK_WIDGET (dialog), RD_TYPE_IMPORT_COLUMNS, NULL);
  g_assert_nonnull (mapping);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_ancestor (mapping, GTK_TYPE_REVEALER))));
  g_assert_true (gtk_widget_get_sensitive (mapping));
  rd_import_columns_set_header (RD_IMPORT_COLUMNS (mapping), RD_IMPORT_FIELD_ORDER_NO, "单号");
  g_assert_cmpstr (rd_import_columns_get_header (RD_IMPORT_COLUMNS (mapping), RD_IMPORT_FIELD_ORDER_NO), ==, "单号");
  gtk_window_destroy (GTK_WINDOW (dialog));
  rd_test_ui_iterate ();
}

/* An import whose cases include parcels still on their way to the buyer:
 * its toast says how many may need intercepting (only this import's). */
static void
test_import_proposals_toast (Fixture       *fx,
                             gconstpointer  data)
{
  static const char text[] =
    "退款编号,订单编号,买家会员名称,售后类型,是否需要退货,退款状态,买家退款原因,买家实际支付金额,"
    "买家退款金额,退款的申请时间,超时时间,退货物流单号,发货物流信息\n"
    "AS-S1,4100000000000000005,tb_s1,仅退款,否,买家已经申请退款，等待卖家同意,拍错/多拍,58.50,58.50,"
    "2026-11-03 14:05:09,2026-11-05 14:05:09,,中通快递 ZT1234567890\n"
    "AS-S2,4100000000000000006,tb_s2,仅退款,否,买家已经申请退款，等待卖家同意,拍错/多拍,30.00,30.00,"
    "2026-11-03 15:05:09,2026-11-05 15:05:09,,圆通速递 YT5550001112\n"
    "AS-U,4100000000000000007,tb_u,仅退款,否,买家已经申请退款，等待卖家同意,拍错/多拍,20.00,20.00,"
    "2026-11-03 16:05:09,2026-11-05 16:05:09,,\n";
  g_autofree char *path = g_build_filename (fx->dir, "taobao-1204.csv", NULL);
  g_autoptr(GError) error = NULL;
  RdImportDialog *dialog;

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  dialog = open_preview (fx, path);
  g_assert_true (rd_import_dialog_can_import (dialog));
  g_signal_emit_by_name (rd_test_ui_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "import-button"), "clicked");
  wait_for (dialog_gone, fx->window);
  g_assert_nonnull (find_label (GTK_WIDGET (fx->window),
                                "Imported 3 new and 0 updated cases from taobao-1204.csv; "
                                "2 parcels may need intercepting"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  g_test_add ("/rd/import-dialog/preview-apply-show", Fixture, NULL, fixture_set_up,
              test_import_preview_apply_show, fixture_tear_down);
  g_test_add ("/rd/import-dialog/cancel", Fixture, NULL, fixture_set_up, test_import_cancel, fixture_tear_down);
  g_test_add ("/rd/import-dialog/drop", Fixture, NULL, fixture_set_up, test_import_drop, fixture_tear_down);
  g_test_add ("/rd/import-dialog/xls", Fixture, NULL, fixture_set_up, test_import_xls, fixture_tear_down);
  g_test_add ("/rd/import-dialog/mapping-lazy", Fixture, NULL, fixture_set_up, test_import_mapping_lazy,
              fixture_tear_down);
  g_test_add ("/rd/import-dialog/proposals-toast", Fixture, NULL, fixture_set_up, test_import_proposals_toast,
              fixture_tear_down);
  g_test_add ("/rd/import-dialog/follow-up", Fixture, NULL, fixture_set_up, test_import_follow_up, fixture_tear_down);

  return g_test_run ();
}
