/* test-approve-dialog.c — the case pane's approval dialog in the window:
 * the amount checked as it is typed, the creator of a ¥1,580 case not
 * offered as its approver and unable to approve it alone, a wrong PIN
 * refused in the dialog, which stays open, and the approver with the right
 * PIN approving it, the reason for having no breakdown kept in its
 * timeline.
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "rd-application.h"
#include "rd-audit.h"
#include "rd-case-store.h"
#include "rd-case-store-workflow.h"
#include "rd-ledger-page.h"
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
  gint64        case_id;
} Fixture;

static void
wait_for_model (Fixture *fixture)
{
  RdLedgerModel *model = rd_ledger_page_get_model (fixture->page);

  rd_test_ui_iterate ();
  while (rd_ledger_model_get_loading (model))
    g_main_context_iteration (NULL, TRUE);
  rd_test_ui_iterate ();
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(RdContext) context = NULL;
  g_autoptr(RdCase) rcase = rd_case_new ();

  g_settings_reset (settings, "review-threshold");

  fixture->dir = rd_test_make_tmp_dir ();
  fixture->store = rd_test_ui_open_ledger (fixture->dir, NULL);
  /* 店长 is at the desk, and took the ¥1,580 case in. */
  context = rd_test_ui_new_context (fixture->store);
  rd_test_ui_sign_in (context, fixture->store, "店长", RD_ROLE_ADMIN);
  rcase->channel = g_strdup ("taobao");
  rcase->order_no = g_strdup ("3712894456120001580");
  rcase->kind = RD_REFUND_KIND_REFUND_ONLY_UNSHIPPED;
  rcase->reason = g_strdup ("quality_problem");
  rcase->payment_method = RD_PAYMENT_METHOD_ALIPAY;
  rcase->amount_paid = 158000;
  rcase->requested_at = 1767225600;
  g_assert_true (rd_case_store_insert (fixture->store, rcase, "店长", &error));
  g_assert_no_error (error);
  fixture->case_id = rcase->id;

  fixture->window = rd_window_new (GTK_APPLICATION (app), context);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (fixture->window));
  fixture->page = RD_LEDGER_PAGE (rd_test_ui_find_descendant (GTK_WIDGET (fixture->window), RD_TYPE_LEDGER_PAGE, NULL));
  g_assert_nonnull (fixture->page);
  g_assert_true (rd_ledger_page_set_store (fixture->page, fixture->store, &error));
  g_assert_no_error (error);
  rd_window_show_page (fixture->window, "ledger");
  wait_for_model (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-case", "x", fixture->case_id));
  wait_for_model (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWindow *dialog = rd_test_ui_find_window ("approve-dialog");

  if (dialog != NULL)
    gtk_window_destroy (dialog);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  rd_test_ui_iterate ();
  g_clear_object (&fixture->store);
  rd_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static GtkWindow *
open_dialog (Fixture *fixture)
{
  RdCasePane *pane = rd_ledger_page_get_case_pane (fixture->page);
  GtkWidget *button = rd_test_ui_find_descendant (GTK_WIDGET (pane), GTK_TYPE_BUTTON, "event-approve");
  GtkWindow *dialog;

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  rd_test_ui_iterate ();
  dialog = rd_test_ui_find_window ("approve-dialog");
  g_assert_nonnull (dialog);
  return dialog;
}

static GtkWidget *
child (GtkWindow  *dialog,
       GType       type,
       const char *name)
{
  GtkWidget *widget = rd_test_ui_find_descendant (GTK_WIDGET (dialog), type, name);

  g_assert_nonnull (widget);
  return widget;
}

static RdCaseStatus
case_status (Fixture     *fixture,
             char       **approved_by)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) rcase = rd_case_store_get (fixture->store, fixture->case_id, &error);

  g_assert_no_error (error);
  if (approved_by != NULL)
    *approved_by = g_strdup (rcase->approved_by);
  return rcase->status;
}

/* What is typed, what the dialog says under the amount. */
static void
test_amount_as_typed (Fixture       *fixture,
                      gconstpointer  data)
{
  static const struct { const char *text; const char *message; } table[] = {
    { "",        "Enter the amount to refund." },
    { "abc",     NULL },                         /* rd_money_parse's words */
    { "-1",      "The refund cannot be negative." },
    { "0",       "Enter the amount to refund." },
    { "1580.01", "At most ¥1,580.00 is left to refund on this order." },
    { "1,580",   "" },
    { "1580.00", "" },
  };
  GtkWindow *dialog = open_dialog (fixture);
  GtkWidget *amount = child (dialog, ADW_TYPE_ENTRY_ROW, "amount-entry");
  GtkWidget *error = child (dialog, GTK_TYPE_LABEL, "amount-error");
  GtkWidget *button = child (dialog, GTK_TYPE_BUTTON, "approve-button");

  /* No breakdown and nothing proposed: nothing is filled in for the user. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (amount)), ==, "");
  g_assert_false (gtk_widget_is_sensitive (button));

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      gtk_editable_set_text (GTK_EDITABLE (amount), table[i].text);
      rd_test_ui_iterate ();
      if (table[i].message != NULL && *table[i].message == '\0')
        {
          g_assert_false (gtk_widget_get_visible (error));
          continue;
        }
      g_assert_true (gtk_widget_get_visible (error));
      g_assert_false (gtk_widget_is_sensitive (button));
      if (table[i].message != NULL)
        g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (error)), ==, table[i].message);
      else
        g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (error)), !=, "");
    }

  /* A right amount is not enough: the approver's PIN and the reason for
   * having no breakdown are missing. */
  g_assert_false (gtk_widget_is_sensitive (button));
  g_assert_true (gtk_widget_get_mapped (child (dialog, ADW_TYPE_ENTRY_ROW, "reason-entry")));
}

/* The creator cannot approve her ¥1,580 case; the approver with the right
 * PIN can. */
static void
test_two_people (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  g_autofree char *approved_by = NULL;
  GtkWindow *dialog = open_dialog (fixture);
  GtkWidget *row = child (dialog, ADW_TYPE_COMBO_ROW, "approver-row");
  GListModel *names = adw_combo_row_get_model (ADW_COMBO_ROW (row));
  GtkWidget *label = child (dialog, GTK_TYPE_LABEL, "error-label");
  gboolean found_reason = FALSE;

  /* At ¥1,000 or more the approver is asked for, and the creator, at the
   * desk, is not among those offered; neither are clerks. */
  gtk_editable_set_text (GTK_EDITABLE (child (dialog, ADW_TYPE_ENTRY_ROW, "amount-entry")), "1580");
  rd_test_ui_iterate ();
  g_assert_true (gtk_widget_get_mapped (row));
  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    {
      const char *name = gtk_string_list_get_string (GTK_STRING_LIST (names), i);

      g_assert_cmpstr (name, !=, "店长");
      g_assert_cmpstr (name, !=, "小王");
    }
  /* Without an approver's PIN, nothing can be sent. */
  gtk_editable_set_text (GTK_EDITABLE (child (dialog, ADW_TYPE_ENTRY_ROW, "reason-entry")), "买家拒收，全额退款");
  rd_test_ui_iterate ();
  g_assert_false (gtk_widget_is_sensitive (child (dialog, GTK_TYPE_BUTTON, "approve-button")));

  /* The approver with a wrong PIN: refused, the dialog stays open. */
  rd_test_ui_approve (dialog, "1580", "小美", "0000", NULL);
  g_assert_true (rd_test_ui_find_window ("approve-dialog") == dialog);
  g_assert_true (gtk_widget_get_visible (label));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, "Wrong PIN for 小美.");
  g_assert_cmpint (case_status (fixture, NULL), ==, RD_CASE_STATUS_REQUESTED);

  /* The right PIN. */
  rd_test_ui_approve (dialog, "1580", "小美", RD_TEST_PIN, NULL);
  g_assert_null (rd_test_ui_find_window ("approve-dialog"));
  g_assert_cmpint (case_status (fixture, &approved_by), ==, RD_CASE_STATUS_APPROVED);
  g_assert_cmpstr (approved_by, ==, "小美");
  g_assert_cmpint (rd_case_pane_get_case (rd_ledger_page_get_case_pane (fixture->page))->status, ==,
                   RD_CASE_STATUS_APPROVED);

  timeline = rd_audit_list_for_case (fixture->store, fixture->case_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < timeline->len; i++)
    {
      RdAuditEntry *entry = g_ptr_array_index (timeline, i);

      if (g_strcmp0 (entry->field, "no_breakdown_reason") == 0 &&
          g_strcmp0 (entry->new_value, "买家拒收，全额退款") == 0)
        found_reason = TRUE;
    }
  g_assert_true (found_reason);
}

/* The creator at the desk, approving alone in the core, is refused. */
static void
test_creator_alone (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  RdWorkflowFacts facts = { .approved_amount = 158000, .approver_pin = RD_TEST_PIN,
                            .no_breakdown_reason = "x" };
  RdPolicy defaults;

  rd_policy_init_defaults (&defaults);
  g_assert_false (rd_case_store_transition (fixture->store, fixture->case_id, RD_WORKFLOW_EVENT_APPROVE,
                                            &facts, &defaults, "店长", &error));
  g_assert_error (error, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_NEEDS_SECOND_APPROVER);
  rd_policy_clear (&defaults);
  g_assert_cmpint (case_status (fixture, NULL), ==, RD_CASE_STATUS_REQUESTED);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  app = rd_application_new (G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

#define ADD(name, func) \
  g_test_add ("/rd/approve-dialog/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("amount-as-typed", test_amount_as_typed);
  ADD ("two-people", test_two_people);
  ADD ("creator-alone", test_creator_alone);
#undef ADD

  status = g_test_run ();
  g_clear_object (&app);

  return status;
}
