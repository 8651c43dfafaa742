/* test-case-edit-dialog.c
 *
 * The case pane's Edit… window, in Chinese as a shop uses it: editing a
 * saved case's buyer and note shows in the timeline in Chinese words, its
 * handler in the ledger's row; a bad number keeps Save off with the intake's
 * message; an approved case's amount is greyed; a case changed meanwhile
 * keeps the window open with who changed it.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "rd-application.h"
#include "rd-case-edit-dialog.h"
#include "rd-case-pane.h"
#include "rd-case-store.h"
#include "rd-case-store-edit.h"
#include "rd-ledger-model.h"
#include "rd-ledger-page.h"
#include "rd-ledger-row.h"
#include "rd-test-ledger.h"
#include "rd-test-ui.h"
#include "rd-window.h"

static RdApplication *app;

typedef struct
{
  char         *dir;
  RdStore      *store;
  RdWindow     *window;
  RdLedgerPage *page;
  RdCasePane   *pane;
  RdCase       *rcase;
  RdContext    *context;
} Fixture;

static void
wait_for_model (Fixture *f)
{
  RdLedgerModel *model = rd_ledger_page_get_model (f->page);

  rd_test_ui_iterate ();
  while (rd_ledger_model_get_loading (model))
    g_main_context_iteration (NULL, TRUE);
  rd_test_ui_iterate ();
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdContext) context = rd_test_ui_new_context (NULL);
  RdCase *c = rd_case_new ();

  f->dir = rd_test_make_tmp_dir ();
  f->store = rd_test_ui_open_ledger (f->dir, NULL);
  rd_test_add_operators (f->store);
  rd_test_ui_sign_in (context, f->store, "小王", RD_ROLE_CLERK);

  c->channel = g_strdup ("taobao");
  c->order_no = g_strdup ("TB100200300");
  c->kind = RD_REFUND_KIND_RETURN_REFUND;
  c->reason = g_strdup ("quality_problem");
  c->payment_method = RD_PAYMENT_METHOD_ALIPAY;
  c->amount_paid = 42700;
  c->buyer_name = g_strdup ("王芳");
  c->requested_at = 1767225600;
  g_assert_true (rd_case_store_insert (f->store, c, "阿珍", &error));
  g_assert_no_error (error);
  f->rcase = c;

  f->context = g_object_ref (context);
  f->window = rd_window_new (GTK_APPLICATION (app), context);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  f->page = RD_LEDGER_PAGE (rd_test_ui_find_descendant (GTK_WIDGET (f->window), RD_TYPE_LEDGER_PAGE, NULL));
  g_assert_true (rd_ledger_page_set_store (f->page, f->store, &error));
  g_assert_no_error (error);
  rd_window_show_page (f->window, "ledger");
  wait_for_model (f);
  rd_ledger_page_show_case (f->page, c->id);
  rd_test_ui_iterate ();
  f->pane = rd_ledger_page_get_case_pane (f->page);
  g_assert_cmpint (rd_case_pane_get_case_id (f->pane), ==, c->id);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  rd_test_ui_iterate ();
  g_clear_pointer (&f->rcase, rd_case_free);
  g_clear_object (&f->context);
  g_clear_object (&f->store);
  rd_test_remove_tree (f->dir);
  g_free (f->dir);
}

static RdCaseEditDialog *
find_edit_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* not ours */
  RdCaseEditDialog *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (RD_IS_CASE_EDIT_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        found = RD_CASE_EDIT_DIALOG (window);
    }
  return found;
}

static RdCaseEditDialog *
open_dialog (Fixture *f)
{
  RdCaseEditDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->pane), "case.edit", NULL));
  rd_test_ui_iterate ();
  dialog = find_edit_dialog ();
  g_assert_nonnull (dialog);
  return dialog;
}

static GtkWidget *
row (RdCaseEditDialog *dialog,
     const char       *field)
{
  GtkWidget *found = rd_test_ui_find_descendant (GTK_WIDGET (dialog), ADW_TYPE_PREFERENCES_ROW, field);

  g_assert_nonnull (found);
  return found;
}

static void
set_text (RdCaseEditDialog *dialog,
          const char       *field,
          const char       *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row (dialog, field)), text);
  rd_test_ui_iterate ();
}

/* The first timeline (or any action) row whose title is text. */
static gboolean
has_row_titled (GtkWidget  *widget,
                const char *text)
{
  if (ADW_IS_ACTION_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_row_titled (child, text))
      return TRUE;
  return FALSE;
}

static gboolean
has_title_containing (GtkWidget  *widget,
                      const char *text)
{
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_title_containing (child, text))
      return TRUE;
  return FALSE;
}

static gboolean
has_inscription (GtkWidget  *widget,
                 const char *text)
{
  if (GTK_IS_INSCRIPTION (widget) && g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_inscription (child, text))
      return TRUE;
  return FALSE;
}

static void
test_edit_shows_in_timeline (Fixture       *f,
                             gconstpointer  data)
{
  RdCaseEditDialog *dialog = open_dialog (f);
  GtkWidget *save = rd_test_ui_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "save");

  /* A requested case: the order and its amount may still change. */
  g_assert_true (gtk_widget_get_sensitive (row (dialog, "amount_paid")));
  g_assert_true (gtk_widget_get_sensitive (row (dialog, "buyer_name")));

  /* The intake's check as you type: Save is off while a number is wrong. */
  set_text (dialog, "after_sales_no", "AS 1<2>");
  g_assert_false (gtk_widget_get_sensitive (save));
  g_assert_true (gtk_widget_has_css_class (row (dialog, "after_sales_no"), "error"));
  set_text (dialog, "after_sales_no", "");
  g_assert_true (gtk_widget_get_sensitive (save));

  set_text (dialog, "buyer_name", "王芳芳");
  set_text (dialog, "notes", "买家要求快点");
  set_text (dialog, "handler", "小李");
  g_assert_false (has_inscription (GTK_WIDGET (f->page), "小李"));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_signal_emit_by_name (save, "clicked");
  rd_test_ui_iterate ();
  g_assert_null (dialog);

  /* The pane shows the case as saved, and its timeline says it in words. */
  g_assert_cmpstr (rd_case_pane_get_case (f->pane)->buyer_name, ==, "王芳芳");
  g_assert_true (has_row_titled (GTK_WIDGET (f->pane), "买家姓名：王芳 → 王芳芳"));
  g_assert_true (has_row_titled (GTK_WIDGET (f->pane), "备注：买家要求快点"));
  g_assert_false (has_title_containing (GTK_WIDGET (f->pane), "buyer_name"));
  g_assert_false (has_title_containing (GTK_WIDGET (f->pane), "notes"));

  /* The ledger's row too (its handler, shown in the column when the list
   * is wide enough). */
  wait_for_model (f);
  {
    RdLedgerModel *model = rd_ledger_page_get_model (f->page);
    int position = rd_ledger_model_find_id (model, rd_case_pane_get_case_id (f->pane));
    g_autoptr(RdLedgerRow) ledger_row = NULL;

    g_assert_cmpint (position, >=, 0);
    ledger_row = g_list_model_get_item (G_LIST_MODEL (model), position);
    g_assert_cmpstr (rd_ledger_row_get_handler (ledger_row), ==, "小李");
  }
}

static void
test_approved_amount_greyed (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  RdCaseEditDialog *dialog;

  f->rcase->status = RD_CASE_STATUS_APPROVED;
  f->rcase->approved_by = g_strdup ("阿珍");
  f->rcase->approved_amount = 30000;
  g_assert_true (rd_case_store_update (f->store, f->rcase, "阿珍", &error));
  g_assert_no_error (error);
  rd_case_pane_reload (f->pane);
  rd_test_ui_iterate ();

  dialog = open_dialog (f);
  g_assert_false (gtk_widget_get_sensitive (row (dialog, "amount_paid")));
  g_assert_false (gtk_widget_get_sensitive (row (dialog, "order_no")));
  g_assert_true (gtk_widget_get_sensitive (row (dialog, "buyer_name")));
  g_assert_true (gtk_widget_get_sensitive (row (dialog, "notes")));
  gtk_window_destroy (GTK_WINDOW (dialog));
  rd_test_ui_iterate ();
}

static void
test_stale_keeps_open (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) other = rd_case_copy (f->rcase);
  g_autoptr(RdCase) stored = NULL;
  RdCaseEditDialog *dialog = open_dialog (f);
  GtkLabel *message;

  /* 阿珍 saves the case while the window is open. */
  other->handler = g_strdup ("阿珍");
  stored = rd_case_store_edit (f->store, other, f->rcase->updated_at, NULL, "阿珍", &error);
  g_assert_no_error (error);

  set_text (dialog, "notes", "晚到");
  g_assert_false (rd_case_edit_dialog_save (dialog));
  rd_test_ui_iterate ();
  g_assert_true (find_edit_dialog () == dialog);
  message = GTK_LABEL (rd_test_ui_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_LABEL, "message"));
  g_assert_nonnull (message);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (message)));
  g_assert_nonnull (strstr (gtk_label_get_label (message), "阿珍"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  rd_test_ui_iterate ();
}

/* The idle lock (or Lock) signs 小王 out while the window is open with
 * what he typed: the window closes and nothing is written, neither as him
 * nor as anyone else. Saving with no one signed in is refused in words. */
static void
test_lock_closes (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) stored = NULL;
  RdCaseEditDialog *dialog = open_dialog (f);
  GtkWidget *refuse;

  set_text (dialog, "notes", "锁屏前输入的");
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  rd_context_sign_out (f->context);
  rd_test_ui_iterate ();
  g_assert_null (dialog);
  g_assert_null (find_edit_dialog ());

  stored = rd_case_store_get (f->store, f->rcase->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored->updated_at, ==, f->rcase->updated_at);
  g_assert_null (strstr (stored->notes != NULL ? stored->notes : "", "锁屏前输入的"));

  /* A step's dialog goes the same way: 店长 asks to refuse, the lock fires. */
  rd_test_ui_sign_in (f->context, f->store, "店长", RD_ROLE_ADMIN);
  rd_test_ui_iterate ();
  refuse = rd_test_ui_find_descendant (GTK_WIDGET (f->pane), GTK_TYPE_BUTTON, "event-refuse");
  g_assert_nonnull (refuse);
  g_signal_emit_by_name (refuse, "clicked");
  rd_test_ui_iterate ();
  g_assert_nonnull (rd_test_ui_find_dialog ());
  rd_context_sign_out (f->context);
  rd_test_ui_iterate ();
  g_assert_null (rd_test_ui_find_dialog ());
  g_clear_pointer (&stored, rd_case_free);
  stored = rd_case_store_get (f->store, f->rcase->id, &error);
  g_assert_cmpint (stored->status, ==, RD_CASE_STATUS_REQUESTED);

  /* No one signed in: the window opens (to read) but does not save. */
  dialog = open_dialog (f);
  set_text (dialog, "notes", "没人登录");
  g_assert_false (rd_case_edit_dialog_save (dialog));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (rd_test_ui_find_descendant (GTK_WIDGET (dialog),
                                                                                       GTK_TYPE_LABEL, "message"))),
                            "请先登录"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  rd_test_ui_iterate ();
}

/* What 小王 (clerk) may not do is greyed with who may (Approve stays, saying
 * who approves: its dialog asks an approver's PIN); 小美 (approver) may refuse but not edit. */
static void
test_role_buttons (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *approve = rd_test_ui_find_descendant (GTK_WIDGET (f->pane), GTK_TYPE_BUTTON, "event-approve");
  GtkWidget *refuse = rd_test_ui_find_descendant (GTK_WIDGET (f->pane), GTK_TYPE_BUTTON, "event-refuse");
  GtkWidget *edit = rd_test_ui_find_action_button (GTK_WIDGET (f->pane), "case.edit");

  g_assert_nonnull (approve);
  g_assert_nonnull (refuse);
  g_assert_nonnull (edit);
  g_assert_true (gtk_widget_get_sensitive (approve));
  /* Open to a clerk, it says who approves and how. */
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (approve), "只有审核员、管理员可以同意"));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (approve), "PIN"));
  g_assert_false (gtk_widget_get_sensitive (refuse));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (refuse), "审核员"));
  g_assert_true (gtk_widget_get_sensitive (edit));

  rd_test_ui_sign_in (f->context, f->store, "小美", RD_ROLE_APPROVER);
  rd_test_ui_iterate ();
  refuse = rd_test_ui_find_descendant (GTK_WIDGET (f->pane), GTK_TYPE_BUTTON, "event-refuse");
  g_assert_true (gtk_widget_get_sensitive (refuse));
  g_assert_false (gtk_widget_get_sensitive (edit));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (edit), "客服"));
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("REFUND_DESK_LOCALEDIR");
  g_autoptr(GError) error = NULL;
  int status;

  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_test_init (&argc, &argv, NULL);
  if (localedir == NULL || setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
    {
      g_test_skip ("needs REFUND_DESK_LOCALEDIR and the zh_CN.UTF-8 locale");
      return g_test_run ();
    }
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = rd_application_new (G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add ("/rd/case-edit-dialog/timeline-in-chinese", Fixture, NULL,
              fixture_set_up, test_edit_shows_in_timeline, fixture_tear_down);
  g_test_add ("/rd/case-edit-dialog/approved-amount-greyed", Fixture, NULL,
              fixture_set_up, test_approved_amount_greyed, fixture_tear_down);
  g_test_add ("/rd/case-edit-dialog/lock-closes", Fixture, NULL,
              fixture_set_up, test_lock_closes, fixture_tear_down);
  g_test_add ("/rd/case-edit-dialog/role-buttons", Fixture, NULL,
              fixture_set_up, test_role_buttons, fixture_tear_down);
  g_test_add ("/rd/case-edit-dialog/stale", Fixture, NULL,
              fixture_set_up, test_stale_keeps_open, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
