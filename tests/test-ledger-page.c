/* test-ledger-page.c
 *
 * The Ledger page under a real display: rows in the column view, filters
 * and search changing the count, sorting by a column header, the empty
 * states, and one case taken all the way from request to closed through
 * the case pane's buttons and dialogs, with the audit trail checked.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "rd-application.h"
#include "rd-audit.h"
#include "rd-case-history.h"
#include "rd-case-store.h"
#include "rd-case-store-workflow.h"
#include "rd-deadline-monitor.h"
#include "rd-case-evidence.h"
#include "rd-intake-page.h"
#include "rd-intercepts.h"
#include "rd-ledger-page.h"
#include "rd-money.h"
#include "rd-case-payouts.h"
#include "rd-test-ledger.h"
#include "rd-test-ui.h"
#include "rd-window.h"
#include "rd-case-workflow.h"

#define N_CASES 60
#define BUYER_NAME "王芳"

static RdApplication *app;

typedef struct
{
  char         *dir;
  char         *path;
  RdStore      *store;
  RdContext    *context;
  RdWindow     *window;
  RdLedgerPage *page;
} Fixture;

static gpointer
page_child (Fixture    *fixture,
            const char *id)
{
  return gtk_widget_get_template_child (GTK_WIDGET (fixture->page), RD_TYPE_LEDGER_PAGE, id);
}

/* Runs the main loop until the model has answered its latest query. */
static void
wait_for_model (Fixture *fixture)
{
  RdLedgerModel *model = rd_ledger_page_get_model (fixture->page);

  rd_test_ui_iterate ();
  while (rd_ledger_model_get_loading (model))
    g_main_context_iteration (NULL, TRUE);
  rd_test_ui_iterate ();
}

/* The search entry reports a change after its delay; wait for the query
 * with this text to be answered. */
static void
wait_for_text (Fixture    *fixture,
               const char *text)
{
  RdLedgerModel *model = rd_ledger_page_get_model (fixture->page);

  for (;;)
    {
      const RdLedgerFilter *filter = rd_ledger_model_get_query (model);

      const char *query_text = filter != NULL && filter->text != NULL && *filter->text != '\0' ? filter->text : NULL;

      if (filter != NULL && g_strcmp0 (query_text, text) == 0 && !rd_ledger_model_get_loading (model))
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  rd_test_ui_iterate ();
}

static void
answer_dialog (AdwMessageDialog *dialog,
               const char       *response)
{
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  adw_message_dialog_response (dialog, response);
  rd_test_ui_iterate ();
  /* A click on a response button closes the dialog; the bare signal does not. */
  if (dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  rd_test_ui_iterate ();
}

#define USD_CASE 7
#define JPY_CASE 11

static gint64
case_amount (guint i)
{
  return 1000 + (gint64) ((i * 37) % N_CASES) * 100;
}

static RdCase *
new_case (guint i)
{
  RdCase *rcase = rd_case_new ();
  static const char *channels[] = { "taobao", "pinduoduo", "jd" };

  rcase->channel = g_strdup (channels[i % G_N_ELEMENTS (channels)]);
  rcase->order_no = g_strdup_printf ("ORD-%05u", i);
  rcase->after_sales_no = g_strdup_printf ("AS-%05u", i);
  rcase->buyer_name = g_strdup (i == 17 ? BUYER_NAME : "Buyer");
  rcase->kind = i % 3 == 0 ? RD_REFUND_KIND_RETURN_REFUND : RD_REFUND_KIND_REFUND_ONLY_UNSHIPPED;
  rcase->reason = g_strdup ("changed_mind");
  rcase->payment_method = RD_PAYMENT_METHOD_ALIPAY;
  rcase->refund_route = RD_REFUND_ROUTE_ORIGINAL;
  /* Amounts in a different order than the dates. */
  rcase->amount_paid = case_amount (i);
  /* Two orders paid abroad: $29.00 and JP¥5,700. */
  if (i == USD_CASE || i == JPY_CASE)
    {
      g_free (rcase->currency);
      rcase->currency = g_strdup (i == USD_CASE ? "USD" : "JPY");
      rcase->exchange_rate = g_strdup (i == USD_CASE ? "7.1000" : "0.0480");
    }
  rcase->requested_at = 1767225600 + (gint64) i * 3600;   /* 2026-01-01 onwards */
  /* Every fourth case approved for ¥1.00 (100 minor units) less than paid,
   * the two paid abroad among them: the footer's refunds. */
  if (i % 4 == 3)
    rcase->approved_amount = case_amount (i) - 100;

  return rcase;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  guint n_cases = GPOINTER_TO_UINT (data);

  g_settings_set_value (settings, "operators",
                        g_variant_new_parsed ("[('阿珍', 'owner'), ('小王', 'service')]"));
  g_settings_set_int64 (settings, "review-threshold", 10000);

  fixture->dir = rd_test_make_tmp_dir ();
  fixture->store = rd_test_ui_open_ledger (fixture->dir, &fixture->path);
  fixture->context = rd_test_ui_new_context (fixture->store);
  rd_test_ui_sign_in (fixture->context, fixture->store, "阿珍", RD_ROLE_ADMIN);
  rd_test_ui_sign_in (fixture->context, fixture->store, "小王", RD_ROLE_ADMIN);

  if (n_cases > 0)
    {
      g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_case_free);

      for (guint i = 0; i < n_cases; i++)
        g_ptr_array_add (cases, new_case (i));
      rd_case_store_insert_many (fixture->store, (RdCase **) cases->pdata, cases->len, "阿珍", &error);
      g_assert_no_error (error);
    }

  fixture->window = rd_window_new (GTK_APPLICATION (app), fixture->context);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (fixture->window));
  fixture->page = RD_LEDGER_PAGE (rd_test_ui_find_descendant (GTK_WIDGET (fixture->window), RD_TYPE_LEDGER_PAGE, NULL));
  g_assert_nonnull (fixture->page);
  g_assert_true (rd_ledger_page_set_store (fixture->page, fixture->store, &error));
  g_assert_no_error (error);
  rd_window_show_page (fixture->window, "ledger");
  wait_for_model (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  rd_test_ui_iterate ();
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->store);
  rd_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static gboolean
has_inscription (GtkWidget  *widget,
                 const char *text)
{
  if (GTK_IS_INSCRIPTION (widget) && g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_inscription (child, text))
      return TRUE;

  return FALSE;
}

static const char *
count_text (Fixture *fixture)
{
  return gtk_label_get_label (page_child (fixture, "count_label"));
}

static const char *
sum_text (Fixture *fixture)
{
  return gtk_label_get_label (page_child (fixture, "sum_label"));
}

static gint64
row_amount (RdLedgerModel *model,
            guint          position)
{
  g_autoptr(RdLedgerRow) row = g_list_model_get_item (G_LIST_MODEL (model), position);

  return rd_ledger_row_get_amount_paid (row);
}

static void
test_ledger_list (Fixture       *fixture,
                  gconstpointer  data)
{
  RdLedgerModel *model = rd_ledger_page_get_model (fixture->page);
  GtkColumnView *column_view = page_child (fixture, "column_view");
  g_autoptr(RdLedgerRow) first = NULL;
  gint64 first_id;
  g_autofree char *expected = g_strdup_printf (ngettext ("%u case", "%u cases", N_CASES), N_CASES);
  gint64 previous;
  gint64 cny = 0;
  gint64 cny_refunds = 0;
  int found;

  /* Every case counted, the newest on top, and its row drawn. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_CASES);
  g_assert_cmpstr (count_text (fixture), ==, expected);
  /* One sum per currency, each labelled: 60 amounts of ¥10.00 to ¥69.00,
   * each once, less the two paid abroad (¥29.00, ¥57.00), are ¥2,284.00
   * paid; the refunds are the approved amounts, per currency too. */
  for (guint i = 3; i < N_CASES; i += 4)
    if (i != USD_CASE && i != JPY_CASE)
      cny_refunds += case_amount (i) - 100;
  {
    g_autofree char *refunds = rd_money_format (cny_refunds, NULL);
    g_autofree char *expected_sum = g_strdup_printf ("Paid ¥2,284.00 · JP¥5,700 · $29.00 · Refunds %s · JP¥5,600 · $28.00",
                                                     refunds);
    const char *tooltip = gtk_widget_get_tooltip_text (page_child (fixture, "sum_label"));

    g_assert_cmpstr (sum_text (fixture), ==, expected_sum);
    /* The count of each currency, in its tooltip. */
    g_assert_nonnull (strstr (tooltip, "USD: 1 case · paid $29.00 · refunds $28.00"));
    g_assert_nonnull (strstr (tooltip, "JPY: 1 case · paid JP¥5,700 · refunds JP¥5,600"));
    g_assert_true (g_str_has_prefix (tooltip, "CNY: 58 cases · paid ¥2,284.00 · refunds "));
  }
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (fixture, "list_stack")), ==, "list");
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (rd_ledger_row_get_order_no (first), ==, "ORD-00059");
  g_assert_true (has_inscription (GTK_WIDGET (column_view), rd_ledger_row_get_case_no (first)));
  /* A row stands for a position: the case is remembered by its id. */
  first_id = rd_ledger_row_get_id (first);

  /* A filter changes the count: return and refund is every third case. */
  gtk_drop_down_set_selected (page_child (fixture, "kind_dropdown"), RD_REFUND_KIND_RETURN_REFUND);
  wait_for_model (fixture);
  g_assert_cmpstr (count_text (fixture), ==, "20 cases");
  /* Only CNY among them: one sum each. */
  cny_refunds = 0;
  for (guint i = 0; i < N_CASES; i += 3)
    {
      cny += case_amount (i);
      cny_refunds += i % 4 == 3 ? case_amount (i) - 100 : 0;
    }
  {
    g_autofree char *amount = rd_money_format (cny, NULL);
    g_autofree char *refunds = rd_money_format (cny_refunds, NULL);
    g_autofree char *total = g_strdup_printf ("Paid %s · Refunds %s", amount, refunds);

    g_assert_cmpstr (sum_text (fixture), ==, total);
  }
  gtk_drop_down_set_selected (page_child (fixture, "kind_dropdown"), 0);
  wait_for_model (fixture);
  g_assert_cmpstr (count_text (fixture), ==, expected);

  /* A two-character Chinese name finds its case. */
  gtk_editable_set_text (GTK_EDITABLE (page_child (fixture, "search_entry")), BUYER_NAME);
  wait_for_text (fixture, BUYER_NAME);
  g_assert_cmpstr (count_text (fixture), ==, "1 case");
  {
    g_autoptr(RdLedgerRow) row = g_list_model_get_item (G_LIST_MODEL (model), 0);

    g_assert_cmpstr (rd_ledger_row_get_order_no (row), ==, "ORD-00017");
  }

  /* Nothing matches: the page says so. */
  gtk_editable_set_text (GTK_EDITABLE (page_child (fixture, "search_entry")), "no such buyer");
  wait_for_text (fixture, "no such buyer");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (fixture, "list_stack")), ==, "no-match");
  gtk_editable_set_text (GTK_EDITABLE (page_child (fixture, "search_entry")), "");
  wait_for_text (fixture, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_CASES);

  /* Clicking the amount header sorts the query by amount. */
  gtk_column_view_sort_by_column (column_view, page_child (fixture, "amount_column"), GTK_SORT_DESCENDING);
  wait_for_model (fixture);
  g_assert_cmpint (rd_ledger_model_get_query (model)->sort, ==, RD_LEDGER_SORT_AMOUNT);
  g_assert_false (rd_ledger_model_get_query (model)->ascending);
  previous = G_MAXINT64;
  for (guint i = 0; i < N_CASES; i++)
    {
      gint64 amount = row_amount (model, i);

      g_assert_cmpint (amount, <=, previous);
      previous = amount;
    }
  g_assert_cmpint (row_amount (model, 0), ==, 1000 + (N_CASES - 1) * 100);

  gtk_column_view_sort_by_column (column_view, page_child (fixture, "amount_column"), GTK_SORT_ASCENDING);
  wait_for_model (fixture);
  g_assert_true (rd_ledger_model_get_query (model)->ascending);
  g_assert_cmpint (row_amount (model, 0), ==, 1000);
  g_assert_cmpint (row_amount (model, N_CASES - 1), ==, 1000 + (N_CASES - 1) * 100);

  /* Ctrl+F's action puts the focus in the search. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "ledger.focus-search", NULL));
  rd_test_ui_iterate ();
  g_assert_true (gtk_widget_is_focus (page_child (fixture, "search_entry")) ||
                 gtk_widget_has_focus (gtk_widget_get_first_child (page_child (fixture, "search_entry"))) ||
                 gtk_widget_get_focus_child (page_child (fixture, "search_entry")) != NULL);

  /* win.show-case selects the case's row. */
  found = rd_ledger_model_find_id (model, first_id);
  g_assert_cmpint (found, >=, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-case", "x",
                                             first_id));
  wait_for_model (fixture);
  g_assert_cmpint (rd_case_pane_get_case_id (rd_ledger_page_get_case_pane (fixture->page)), ==,
                   first_id);
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (gtk_column_view_get_model (column_view))),
                    ==, (guint) rd_ledger_model_find_id (model, first_id));
}

static void
test_ledger_empty (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (fixture, "list_stack")), ==, "empty");
  g_assert_cmpstr (count_text (fixture), ==, "0 cases");
  g_assert_cmpstr (sum_text (fixture), ==, "Paid ¥0.00 · Refunds ¥0.00");
}

static void
click_event (RdCasePane      *pane,
             RdWorkflowEvent  event)
{
  g_autofree char *name = g_strdup_printf ("event-%s", rd_workflow_event_to_id (event));
  GtkWidget *button = rd_test_ui_find_descendant (GTK_WIDGET (pane), GTK_TYPE_BUTTON, name);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  /* What a click does (gtk_widget_activate would wait for a timeout). */
  g_signal_emit_by_name (button, "clicked");
  rd_test_ui_iterate ();
}

static void
set_entry (AdwMessageDialog *dialog,
           const char       *name,
           const char       *text)
{
  GtkWidget *entry = rd_test_ui_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, name);

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

static void
pay (RdCasePane *pane,
     const char *amount)
{
  AdwMessageDialog *dialog;

  click_event (pane, RD_WORKFLOW_EVENT_RECORD_PAYOUT);
  dialog = rd_test_ui_find_dialog ();
  g_assert_nonnull (dialog);
  set_entry (dialog, "amount-entry", amount);
  set_entry (dialog, "date-entry", "2026-03-02");
  answer_dialog (dialog, "add");
}

static gboolean
audit_has (GPtrArray  *entries,
           const char *action)
{
  for (guint i = 0; i < entries->len; i++)
    if (g_strcmp0 (((RdAuditEntry *) g_ptr_array_index (entries, i))->action, action) == 0)
      return TRUE;

  return FALSE;
}

/* The first action row (depth first) whose title contains `text`. */
static AdwActionRow *
find_row (GtkWidget  *widget,
          const char *text)
{
  if (ADW_IS_ACTION_ROW (widget) && gtk_widget_get_mapped (widget) &&
      strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), text) != NULL)
    return ADW_ACTION_ROW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwActionRow *found = find_row (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_actionable (GtkWidget  *widget,
                 const char *action_name)
{
  if (GTK_IS_ACTIONABLE (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_actionable (child, action_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The case pane lists the case's intercept and opens it on the Intercepts
 * page; a refund-only shipped case offers "Create Intercept"; the timeline
 * speaks in labels and display names, not in field ids. */
static void
test_case_intercepts (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) rcase = new_case (2000);
  g_autoptr(RdIntercept) intercept = NULL;
  g_auto(RdPolicy) policy = { 0 };
  g_autofree char *status_change = NULL;
  g_autofree char *value = NULL;
  RdWorkflowFacts facts = { .approved_amount = 30000, .no_breakdown_reason = "agreed with the buyer" };
  RdCasePane *pane = rd_ledger_page_get_case_pane (fixture->page);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  AdwActionRow *row;
  GtkWidget *button;
  GVariant *target;

  rd_policy_init_defaults (&policy);
  rcase->kind = RD_REFUND_KIND_REFUND_ONLY_SHIPPED;
  rcase->payment_method = RD_PAYMENT_METHOD_WECHAT_PAY;
  rcase->amount_paid = 30000;
  rcase->requested_at = now - 3600;
  g_assert_true (rd_case_store_insert (fixture->store, rcase, "阿珍", &error));
  g_assert_no_error (error);
  rd_case_store_transition (fixture->store, rcase->id, RD_WORKFLOW_EVENT_APPROVE, &facts, &policy, "老李", &error);
  g_assert_no_error (error);
  intercept = rd_intercepts_prefill_from_case (fixture->store, rcase->id, &policy, now, &error);
  g_assert_no_error (error);
  intercept->courier = RD_COURIER_YTO;
  intercept->tracking_no = g_strdup ("YT0000123456");
  intercept->province = g_strdup ("浙江");
  intercept->status = RD_INTERCEPT_STATUS_REQUESTED;
  rd_intercepts_create (fixture->store, intercept, &policy, "老李", now, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-case", "x", rcase->id));
  wait_for_model (fixture);
  rd_test_ui_iterate ();
  g_assert_cmpint (rd_case_pane_get_case_id (pane), ==, rcase->id);

  /* The intercept: courier and tracking number, status and time left. */
  row = find_row (GTK_WIDGET (pane), "YT0000123456");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                            rd_courier_get_name (RD_COURIER_YTO)));
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (row),
                                   rd_intercept_status_get_name (RD_INTERCEPT_STATUS_REQUESTED)));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), " left"));

  /* Create Intercept, for this case. */
  button = find_actionable (GTK_WIDGET (pane), "win.create-intercept");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (button));
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button));
  g_assert_cmpint (g_variant_get_int64 (target), ==, rcase->id);

  /* The timeline: "Status: Requested → …", never "status: requested". */
  status_change = g_strdup_printf ("Status: %s → ", rd_case_status_get_name (RD_CASE_STATUS_REQUESTED));
  g_assert_nonnull (find_row (GTK_WIDGET (pane), status_change));
  g_assert_null (find_row (GTK_WIDGET (pane), "status: requested"));
  value = rd_case_history_format_value ("payment_method", "wechat_pay");
  g_assert_cmpstr (value, ==, rd_payment_method_get_name (RD_PAYMENT_METHOD_WECHAT_PAY));
  g_clear_pointer (&value, g_free);
  value = rd_case_history_format_value ("approved_amount", "30000");
  g_assert_nonnull (strstr (value, "300.00"));
  g_assert_cmpstr (rd_case_history_field_label ("refusal_reason"), ==, "Refusal reason");
  g_clear_pointer (&value, g_free);
  value = rd_case_history_describe_change ("create", "case_no", NULL, "RF-2026-000001");
  g_assert_cmpstr (value, ==, "Case RF-2026-000001 created");

  /* The row's button opens the parcel on the Intercepts page. */
  button = find_actionable (GTK_WIDGET (row), "win.show-intercept");
  g_assert_nonnull (button);
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button));
  g_assert_cmpint (g_variant_get_int64 (target), ==, intercept->id);
  g_signal_emit_by_name (button, "clicked");
  rd_test_ui_iterate ();
  g_assert_cmpstr (rd_window_get_visible_page (fixture->window), ==, "intercepts");
}

/* The case pane's part of the flow, from a new case of ¥500.00 created by
 * 阿珍 (above the review threshold) to closed: an approver proven by her
 * PIN approves, the admin records two instalments, arrival, evidence,
 * close. */
static void
walk_to_closed (Fixture *fixture,
                gint64   case_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) payouts = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  RdCasePane *pane = rd_ledger_page_get_case_pane (fixture->page);
  AdwMessageDialog *dialog;
  GtkWindow *approve;
  GtkWidget *label;
  const RdCase *shown;
  gint64 n_entries = 0, bad = 0;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-case", "x", case_id));
  wait_for_model (fixture);
  g_assert_cmpstr (rd_window_get_visible_page (fixture->window), ==, "ledger");
  g_assert_cmpint (rd_case_pane_get_case_id (pane), ==, case_id);
  g_assert_cmpint (rd_ledger_model_find_id (rd_ledger_page_get_model (fixture->page), case_id), >=, 0);

  /* 小王 at the desk is a clerk: the approver 小美 approves, with her PIN;
   * a wrong one is refused in the dialog, which stays open. */
  click_event (pane, RD_WORKFLOW_EVENT_APPROVE);
  approve = rd_test_ui_find_window ("approve-dialog");
  g_assert_nonnull (approve);
  rd_test_ui_approve (approve, "500.00", "小美", "0000", "agreed with the buyer");
  g_assert_true (rd_test_ui_find_window ("approve-dialog") == approve);
  label = rd_test_ui_find_descendant (GTK_WIDGET (approve), GTK_TYPE_LABEL, "error-label");
  g_assert_true (gtk_widget_get_visible (label));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), "小美"));
  g_assert_cmpint (rd_case_pane_get_case (pane)->status, ==, RD_CASE_STATUS_REQUESTED);
  rd_test_ui_approve (approve, "500.00", NULL, RD_TEST_PIN, NULL);
  g_assert_null (rd_test_ui_find_window ("approve-dialog"));
  shown = rd_case_pane_get_case (pane);
  g_assert_cmpint (shown->status, ==, RD_CASE_STATUS_APPROVED);
  g_assert_cmpstr (shown->approved_by, ==, "小美");
  g_assert_cmpint (shown->approved_amount, ==, 50000);

  /* The shop's admin pays out and closes. */
  rd_test_ui_sign_in (fixture->context, fixture->store, "店长", RD_ROLE_ADMIN);
  rd_test_ui_iterate ();

  click_event (pane, RD_WORKFLOW_EVENT_READY_FOR_PAYOUT);
  g_assert_null (rd_test_ui_find_dialog ());
  g_assert_cmpint (rd_case_pane_get_case (pane)->status, ==, RD_CASE_STATUS_AWAITING_PAYOUT);

  /* Two instalments. */
  pay (pane, "200.00");
  g_assert_null (rd_test_ui_find_dialog ());
  g_assert_cmpint (rd_case_pane_get_case (pane)->status, ==, RD_CASE_STATUS_AWAITING_PAYOUT);
  pay (pane, "300.00");
  g_assert_null (rd_test_ui_find_dialog ());
  g_assert_cmpint (rd_case_pane_get_case (pane)->status, ==, RD_CASE_STATUS_PAID);
  payouts = rd_payouts_list (fixture->store, case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (payouts->len, ==, 2);
  g_assert_nonnull (rd_case_pane_get_case (pane)->expected_arrival);

  click_event (pane, RD_WORKFLOW_EVENT_CONFIRM_ARRIVAL);
  g_assert_cmpint (rd_case_pane_get_case (pane)->status, ==, RD_CASE_STATUS_ARRIVED);

  /* Closing with evidence missing is refused, naming what is missing. */
  click_event (pane, RD_WORKFLOW_EVENT_CLOSE);
  dialog = rd_test_ui_find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog),
                            rd_evidence_item_get_name (RD_EVIDENCE_PAYMENT_CHANNEL)));
  answer_dialog (dialog, "close");
  g_assert_cmpint (rd_case_pane_get_case (pane)->status, ==, RD_CASE_STATUS_ARRIVED);

  /* Tick the required items in the checklist, then close. */
  for (guint i = 0; i < RD_EVIDENCE_N_ITEMS; i++)
    {
      g_autofree char *name = g_strdup_printf ("evidence-%s", rd_evidence_item_to_id (i));
      GtkWidget *check = rd_test_ui_find_descendant (GTK_WIDGET (pane), GTK_TYPE_CHECK_BUTTON, name);

      g_assert_nonnull (check);
      if (rd_evidence_is_required (i, RD_REFUND_KIND_REFUND_ONLY_UNSHIPPED, RD_CASE_STATUS_ARRIVED))
        {
          gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
          rd_test_ui_iterate ();
        }
    }
  g_assert_null (rd_test_ui_find_dialog ());
  click_event (pane, RD_WORKFLOW_EVENT_CLOSE);
  g_assert_null (rd_test_ui_find_dialog ());
  g_assert_cmpint (rd_case_pane_get_case (pane)->status, ==, RD_CASE_STATUS_CLOSED);

  /* Every step is in the audit trail, and the chain holds. */
  entries = rd_audit_list_for_case (fixture->store, case_id, &error);
  g_assert_no_error (error);
  g_assert_true (audit_has (entries, "create"));
  g_assert_true (audit_has (entries, "approve"));
  g_assert_true (audit_has (entries, "ready_for_payout"));
  g_assert_true (audit_has (entries, "confirm_arrival"));
  g_assert_true (audit_has (entries, "close"));
  g_assert_true (rd_audit_verify (fixture->store, &n_entries, &bad, &error));
  g_assert_no_error (error);

  /* No step is left for a closed case but reopening ones the core allows. */
  g_assert_null (rd_test_ui_find_descendant (GTK_WIDGET (pane), GTK_TYPE_BUTTON, "event-close"));
}

static void
test_case_flow (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) rcase = new_case (1000);

  /* Taken in by 阿珍 through the core; ¥500.00 is above the review threshold. */
  g_clear_pointer (&rcase->buyer_name, g_free);
  rcase->buyer_name = g_strdup ("李雷");
  rcase->amount_paid = 50000;
  rcase->kind = RD_REFUND_KIND_REFUND_ONLY_UNSHIPPED;
  g_assert_true (rd_case_store_insert (fixture->store, rcase, "阿珍", &error));
  g_assert_no_error (error);

  walk_to_closed (fixture, rcase->id);
}

/* The intake form's rows, by their template ids. */
static gpointer
intake_child (RdIntakePage *intake,
              const char   *id)
{
  gpointer widget = gtk_widget_get_template_child (GTK_WIDGET (intake), RD_TYPE_INTAKE_PAGE, id);

  g_assert_nonnull (widget);
  return widget;
}

static void
intake_select (RdIntakePage *intake,
               const char   *row,
               const char   *id)
{
  const char *const *ids = g_object_get_data (G_OBJECT (intake_child (intake, row)), "rd-ids");

  g_assert_nonnull (ids);
  for (guint i = 0; ids[i] != NULL; i++)
    if (g_str_equal (ids[i], id))
      {
        adw_combo_row_set_selected (intake_child (intake, row), i);
        rd_test_ui_iterate ();
        return;
      }
  g_assert_not_reached ();
}

/* A case's whole life in one window: 阿珍 takes the case in on
 * the Intake page, then the Ledger page's case pane carries it to closed. */
static void
test_from_intake_to_closed (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  RdIntakePage *intake = RD_INTAKE_PAGE (rd_test_ui_find_descendant (GTK_WIDGET (fixture->window),
                                                                     RD_TYPE_INTAKE_PAGE, NULL));
  const RdCase *saved;

  g_assert_nonnull (intake);
  rd_test_ui_sign_in (fixture->context, fixture->store, "阿珍", RD_ROLE_ADMIN);
  rd_intake_page_set_store (intake, fixture->store);
  rd_window_show_page (fixture->window, "intake");
  rd_test_ui_iterate ();

  intake_select (intake, "channel_row", "jd");
  gtk_editable_set_text (intake_child (intake, "order_row"), "JD-E2E-0001");
  intake_select (intake, "kind_row", "refund_only_unshipped");
  intake_select (intake, "reason_row", "quality_problem");
  gtk_editable_set_text (intake_child (intake, "amount_row"), "500.00");
  intake_select (intake, "payment_row", "alipay");
  gtk_editable_set_text (intake_child (intake, "buyer_name_row"), "韩梅梅");
  rd_test_ui_iterate ();
  g_assert_true (gtk_widget_is_sensitive (intake_child (intake, "save_button")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (intake), "intake.save", NULL));
  rd_test_ui_iterate ();

  found = rd_case_store_find_open_duplicates (fixture->store, "jd", "JD-E2E-0001", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  saved = g_ptr_array_index (found, 0);
  g_assert_cmpstr (saved->created_by, ==, "阿珍");
  g_assert_cmpint (saved->amount_paid, ==, 50000);
  g_assert_cmpstr (saved->buyer_name, ==, "韩梅梅");
  g_assert_cmpint (saved->kind, ==, RD_REFUND_KIND_REFUND_ONLY_UNSHIPPED);

  /* Back on the Ledger page, the list shows it. */
  rd_window_show_page (fixture->window, "ledger");
  wait_for_model (fixture);
  g_assert_cmpint (rd_ledger_model_find_id (rd_ledger_page_get_model (fixture->page), saved->id), >=, 0);

  rd_test_ui_sign_in (fixture->context, fixture->store, "小王", RD_ROLE_ADMIN);
  walk_to_closed (fixture, saved->id);
}

static void
test_deadline_monitor (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) soon = new_case (2000);
  g_autoptr(RdCase) later = new_case (2001);
  g_autoptr(RdCase) closed = new_case (2002);
  g_autoptr(RdDeadlineMonitor) monitor = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  /* The test bus has no notification server, and GIO warns (through
   * structured logging, which no test handler sees) that it cannot deliver
   * them; sending is what this test can observe. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

  soon->platform_deadline = now + 60 * 60;
  later->platform_deadline = now + 5 * 60 * 60;
  closed->platform_deadline = now + 60 * 60;
  closed->status = RD_CASE_STATUS_WITHDRAWN;
  g_assert_true (rd_case_store_insert (fixture->store, soon, "阿珍", &error));
  g_assert_true (rd_case_store_insert (fixture->store, later, "阿珍", &error));
  g_assert_true (rd_case_store_insert (fixture->store, closed, "阿珍", &error));
  g_assert_no_error (error);

  /* The first check (a few seconds after start; here at once) announces
   * the case due within 2 hours. */
  monitor = rd_deadline_monitor_new (G_APPLICATION (app), fixture->store);
  g_assert_cmpint (rd_deadline_monitor_check (monitor, now, &error), ==, 1);
  g_assert_cmpint (rd_deadline_monitor_check (monitor, now + 60, &error), ==, 0);
  /* Four hours on, the later one is due; each case is announced once. */
  g_assert_cmpint (rd_deadline_monitor_check (monitor, now + 4 * 60 * 60, &error), ==, 1);
  g_assert_cmpint (rd_deadline_monitor_check (monitor, now + 4 * 60 * 60 + 60, &error), ==, 0);
  g_assert_no_error (error);

  /* Its notification opens the case. */
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "show-case"));
  g_action_group_activate_action (G_ACTION_GROUP (app), "show-case", g_variant_new_int64 (later->id));
  rd_test_ui_iterate ();
  g_assert_cmpint (rd_case_pane_get_case_id (rd_ledger_page_get_case_pane (fixture->page)), ==, later->id);
}

/* A 2,000-character note with no space in it, and an edit of it in the
 * timeline: the window keeps its width (a word-wrapped label was as wide as
 * its longest word: 24,033 px). */
static void
test_long_note (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) rcase = new_case (4000);
  GString *note = g_string_new (NULL);
  int minimum = 0;

  for (guint i = 0; i < 2000; i++)
    g_string_append_c (note, 'a' + i % 26);
  rcase->notes = g_string_free (note, FALSE);
  g_assert_true (rd_case_store_insert (fixture->store, rcase, "阿珍", &error));
  g_assert_no_error (error);
  g_free (rcase->notes);
  rcase->notes = g_strnfill (2000, 'z');
  g_assert_true (rd_case_store_update (fixture->store, rcase, "阿珍", &error));
  g_assert_no_error (error);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-case", "x", rcase->id));
  wait_for_model (fixture);
  rd_test_ui_iterate ();
  g_assert_cmpint (rd_case_pane_get_case_id (rd_ledger_page_get_case_pane (fixture->page)), ==, rcase->id);

  gtk_widget_measure (GTK_WIDGET (fixture->window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_test_message ("the window's minimum width: %d px", minimum);
  g_assert_cmpint (minimum, <, 1280);
}

/* At 800×600 (and beside the case pane at 1280) the list keeps number,
 * kind, amount, status and deadline in view: the columns shown fit the
 * list's width, without scrolling sideways. */
/* A cell of the list whose text is wider than the cell. */
static GtkWidget *
find_cut_inscription (GtkWidget *widget)
{
  if (GTK_IS_INSCRIPTION (widget) && gtk_widget_get_mapped (widget) &&
      gtk_inscription_get_text (GTK_INSCRIPTION (widget)) != NULL)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, gtk_inscription_get_text (GTK_INSCRIPTION (widget)));
      int width = 0;

      pango_layout_get_pixel_size (layout, &width, NULL);
      if (width > gtk_widget_get_width (widget) && gtk_widget_get_width (widget) > 0)
        return widget;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_cut_inscription (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_narrow_columns (Fixture       *fixture,
                     gconstpointer  data)
{
  guint n_cut = 0;
  static const int widths[] = { 800, 1280 };
  GtkColumnView *column_view = GTK_COLUMN_VIEW (gtk_widget_get_template_child (GTK_WIDGET (fixture->page), RD_TYPE_LEDGER_PAGE, "column_view"));
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (column_view), GTK_TYPE_SCROLLED_WINDOW);
  const char *kept[] = { "case_no_column", "kind_column", "amount_column", "status_column", "deadline_column" };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(RdCase) c = new_case (5000 + i);

      g_assert_true (rd_case_store_insert (fixture->store, c, "阿珍", &error));
      g_assert_no_error (error);
    }
  rd_ledger_page_reload (fixture->page);
  wait_for_model (fixture);

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      GListModel *columns = gtk_column_view_get_columns (column_view);
      GtkAdjustment *hadj = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scrolled));
      int total = 0;

      gtk_window_set_default_size (GTK_WINDOW (fixture->window), widths[w], widths[w] == 800 ? 600 : 800);
      for (int i = 0; i < 20; i++)
        {
          rd_test_ui_iterate ();
          g_usleep (20000);
        }

      for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
        g_assert_true (gtk_column_view_column_get_visible (GTK_COLUMN_VIEW_COLUMN (gtk_widget_get_template_child (GTK_WIDGET (fixture->page), RD_TYPE_LEDGER_PAGE, kept[i]))));
      for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
        {
          g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

          if (gtk_column_view_column_get_visible (column) &&
              column != GTK_COLUMN_VIEW_COLUMN (gtk_widget_get_template_child (GTK_WIDGET (fixture->page), RD_TYPE_LEDGER_PAGE, "reason_column")))
            total += gtk_column_view_column_get_fixed_width (column);
        }
      /* A reason cut short says itself when the pointer rests on it. */
      {
        GtkWidget *cut = find_cut_inscription (GTK_WIDGET (column_view));

        if (cut != NULL)
          {
            GtkTooltip *tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
            graphene_point_t point;
            gboolean shown = FALSE;

            g_assert_true (gtk_widget_compute_point (cut, GTK_WIDGET (column_view),
                                                     &GRAPHENE_POINT_INIT (2, 2), &point));
            g_signal_emit_by_name (column_view, "query-tooltip", (int) point.x, (int) point.y, FALSE, tooltip, &shown);
            g_assert_true (shown);
            g_object_unref (tooltip);
            n_cut++;
          }
      }
      g_test_message ("%d px window (%d allocated): columns %d px in a list %.0f px wide (%d), visible child %s", widths[w],
                      gtk_widget_get_width (GTK_WIDGET (fixture->window)), total, gtk_adjustment_get_page_size (hadj),
                      gtk_widget_get_width (scrolled), gtk_widget_get_mapped (scrolled) ? "mapped" : "unmapped");
      g_assert_cmpint (total, <=, (int) gtk_adjustment_get_page_size (hadj));
    }
  /* Beside the case pane the reasons are cut (the fixture's cases have
   * long ones): at least once a tooltip was shown. */
  g_test_message ("%u cut cells answered", n_cut);
  g_assert_cmpuint (n_cut, >, 0);
}

/* Many cases due at once (a ledger opened after a holiday): one
 * notification counts them; deadlines that passed days ago are no news. */
static void
test_deadline_monitor_many (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdDeadlineMonitor) monitor = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

  for (guint i = 0; i < 8; i++)
    {
      g_autoptr(RdCase) c = new_case (3000 + i);

      /* Five due or just passed, three passed long ago. */
      c->platform_deadline = i < 5 ? now + 600 - i * 3600 : now - (i + 2) * 86400;
      g_assert_true (rd_case_store_insert (fixture->store, c, "阿珍", &error));
      g_assert_no_error (error);
    }

  monitor = rd_deadline_monitor_new (G_APPLICATION (app), fixture->store);
  g_assert_cmpint (rd_deadline_monitor_check (monitor, now, &error), ==, 1);
  g_assert_cmpint (rd_deadline_monitor_check (monitor, now + 60, &error), ==, 0);
  g_assert_no_error (error);

  /* Its notification opens the Due Soon list. */
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "show-due-soon"));
  g_action_group_activate_action (G_ACTION_GROUP (app), "show-due-soon", NULL);
  rd_test_ui_iterate ();
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (fixture->page), RD_TYPE_LEDGER_PAGE, "due_soon_button"))));
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

  g_test_add ("/rd/ledger-page/list", Fixture, GUINT_TO_POINTER (N_CASES),
              fixture_set_up, test_ledger_list, fixture_tear_down);
  g_test_add ("/rd/ledger-page/empty", Fixture, GUINT_TO_POINTER (0),
              fixture_set_up, test_ledger_empty, fixture_tear_down);
  g_test_add ("/rd/ledger-page/from-intake-to-closed", Fixture, GUINT_TO_POINTER (0),
              fixture_set_up, test_from_intake_to_closed, fixture_tear_down);
  g_test_add ("/rd/ledger-page/case-flow", Fixture, GUINT_TO_POINTER (3),
              fixture_set_up, test_case_flow, fixture_tear_down);
  g_test_add ("/rd/ledger-page/case-intercepts", Fixture, GUINT_TO_POINTER (0),
              fixture_set_up, test_case_intercepts, fixture_tear_down);
  g_test_add ("/rd/ledger-page/deadline-monitor", Fixture, GUINT_TO_POINTER (0),
              fixture_set_up, test_deadline_monitor, fixture_tear_down);
  g_test_add ("/rd/ledger-page/narrow-columns", Fixture, GUINT_TO_POINTER (0),
              fixture_set_up, test_narrow_columns, fixture_tear_down);
  g_test_add ("/rd/ledger-page/long-note", Fixture, GUINT_TO_POINTER (0),
              fixture_set_up, test_long_note, fixture_tear_down);
  g_test_add ("/rd/ledger-page/deadline-monitor-many", Fixture, GUINT_TO_POINTER (0),
              fixture_set_up, test_deadline_monitor_many, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&app);

  return status;
}
