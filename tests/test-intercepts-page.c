/* test-intercepts-page.c
 *
 * The Intercepts page under a real display: a dollar parcel's claim dialog
 * speaks dollars and stores cents; the footer's totals on a ledger with
 * yuan, dollar and yen parcels are one per currency, each labelled, never
 * added; a parcel that came back with a number nobody registered is in the
 * Not Matched view and leaves it when matched to its case; imported cases
 * whose parcel is on its way are proposed above the list and added to the
 * register through the new-intercept dialog.
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "rd-case-store.h"
#include "rd-case-store-workflow.h"
#include "rd-import.h"
#include "rd-intercept-proposals.h"
#include "rd-intercepts.h"
#include "rd-intercepts-page.h"
#include "rd-test-ledger.h"
#include "rd-test-ui.h"

typedef struct
{
  char             *dir;
  RdStore          *store;
  RdContext        *context;
  RdPolicy          policy;
  GtkWindow        *window;
  RdInterceptsPage *page;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = rd_test_make_tmp_dir ();
  f->store = rd_test_ui_open_ledger (f->dir, NULL);
  rd_test_add_operators (f->store);
  f->context = rd_test_ui_new_context (NULL);
  rd_test_ui_sign_in (f->context, f->store, "老张", RD_ROLE_WAREHOUSE);
  rd_policy_init_defaults (&f->policy);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1200, 700);
  f->page = RD_INTERCEPTS_PAGE (rd_intercepts_page_new (f->context));
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  rd_intercepts_page_set_store (f->page, f->store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  rd_test_ui_iterate ();
  g_clear_object (&f->context);
  g_clear_object (&f->store);
  rd_policy_clear (&f->policy);
  rd_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* An approved refund-only-shipped case in currency (rate: CNY per unit, or
 * NULL) with its parcel registered, requested. Returns the parcel's id. */
static gint64
add_parcel (Fixture    *f,
            const char *currency,
            const char *rate,
            gint64      amount,
            const char *tracking,
            gint64     *case_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) rcase = rd_case_new ();
  g_autoptr(RdIntercept) parcel = NULL;
  RdWorkflowFacts facts = { .approved_amount = amount, .no_breakdown_reason = "agreed with the buyer" };
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  rcase->channel = g_strdup ("taobao");
  rcase->order_no = g_strdup_printf ("O-%s", tracking);
  rcase->buyer_name = g_strdup ("Jane Doe");
  rcase->kind = RD_REFUND_KIND_REFUND_ONLY_SHIPPED;
  rcase->reason = g_strdup ("changed_mind");
  rcase->payment_method = RD_PAYMENT_METHOD_ALIPAY;
  g_free (rcase->currency);
  rcase->currency = g_strdup (currency);
  rcase->exchange_rate = g_strdup (rate);
  rcase->amount_paid = amount;
  rcase->requested_at = now - 100 * 3600;
  rd_case_store_insert (f->store, rcase, "alice", &error);
  g_assert_no_error (error);
  rd_case_store_transition (f->store, rcase->id, RD_WORKFLOW_EVENT_APPROVE, &facts, &f->policy, "alice", &error);
  g_assert_no_error (error);

  parcel = rd_intercepts_prefill_from_case (f->store, rcase->id, &f->policy, now - 90 * 3600, &error);
  g_assert_no_error (error);
  parcel->courier = RD_COURIER_SF;
  parcel->tracking_no = g_strdup (tracking);
  parcel->province = g_strdup ("广东");
  parcel->status = RD_INTERCEPT_STATUS_REQUESTED;
  rd_intercepts_create (f->store, parcel, &f->policy, "bob", now - 90 * 3600, NULL, NULL, &error);
  g_assert_no_error (error);
  if (case_id != NULL)
    *case_id = rcase->id;
  return parcel->id;
}

static const char *
footer (Fixture *f)
{
  GtkWidget *label = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->page), RD_TYPE_INTERCEPTS_PAGE,
                                                                "footer_label"));

  return gtk_label_get_label (GTK_LABEL (label));
}

static const char *
view_button_label (Fixture    *f,
                   const char *name)
{
  GtkWidget *button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->page), RD_TYPE_INTERCEPTS_PAGE,
                                                                 name));

  return gtk_button_get_label (GTK_BUTTON (button));
}

/* The button of the action bar whose label is label. */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0 &&
      gtk_widget_get_mapped (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A label under widget with exactly text. */
static GtkWidget *
find_label_text (GtkWidget  *widget,
                 const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_text (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The text of the label beside the dialog's entry. */
static const char *
entry_label (AdwMessageDialog *dialog)
{
  GtkWidget *entry = rd_test_ui_find_descendant (adw_message_dialog_get_extra_child (dialog), GTK_TYPE_ENTRY, NULL);
  GtkWidget *grid = gtk_widget_get_parent (entry);

  for (GtkWidget *child = gtk_widget_get_first_child (grid); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (child) && gtk_label_get_mnemonic_widget (GTK_LABEL (child)) == entry)
      return gtk_label_get_label (GTK_LABEL (child));
  return NULL;
}

/* A dollar parcel treated as lost: the dialog asks in dollars ($, cents)
 * and the claim is stored in cents; a third decimal is refused. */
static void
test_usd_claim_dialog (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) claims = NULL;
  gint64 id = add_parcel (f, "USD", "7.1", 12345, "SFUSD1", NULL);
  AdwMessageDialog *dialog;
  GtkWidget *button;
  GtkWidget *entry;

  gtk_window_present (f->window);
  rd_test_ui_iterate ();
  rd_intercepts_page_show_intercept (f->page, id);
  rd_test_ui_iterate ();

  button = find_button (GTK_WIDGET (f->page), "Treat as Lost…");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  rd_test_ui_iterate ();
  dialog = rd_test_ui_find_dialog ();
  g_assert_nonnull (dialog);

  g_assert_cmpstr (entry_label (dialog), ==, "Amount c_laimed ($)");
  entry = rd_test_ui_find_descendant (adw_message_dialog_get_extra_child (dialog), GTK_TYPE_ENTRY, NULL);
  /* Prefilled with the parcel's amount, in dollars. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "123.45");

  gtk_editable_set_text (GTK_EDITABLE (entry), "99.999");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "refund"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "$99.50");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "refund"));
  adw_message_dialog_response (dialog, "refund");
  gtk_window_destroy (GTK_WINDOW (dialog));
  rd_test_ui_iterate ();

  claims = rd_claims_list (f->store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (claims->len, ==, 1);
  g_assert_cmpint (((RdClaim *) claims->pdata[0])->amount_claimed, ==, 9950);
  g_assert_cmpstr (((RdClaim *) claims->pdata[0])->currency, ==, "USD");

  /* Settled in dollars too. */
  rd_intercepts_page_set_view (f->page, RD_INTERCEPTS_VIEW_CLAIMS);
  rd_test_ui_iterate ();
  {
    GtkColumnView *view = GTK_COLUMN_VIEW (gtk_widget_get_template_child (GTK_WIDGET (f->page), RD_TYPE_INTERCEPTS_PAGE,
                                                                          "claims_view"));

    gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (gtk_column_view_get_model (view)), 0);
  }
  rd_test_ui_iterate ();
  button = find_button (GTK_WIDGET (f->page), "Claim _Paid…");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  rd_test_ui_iterate ();
  dialog = rd_test_ui_find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (entry_label (dialog), ==, "Amount r_ecovered ($)");
  entry = rd_test_ui_find_descendant (adw_message_dialog_get_extra_child (dialog), GTK_TYPE_ENTRY, NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), "40.10");
  adw_message_dialog_response (dialog, "paid");
  gtk_window_destroy (GTK_WINDOW (dialog));
  rd_test_ui_iterate ();
  g_clear_pointer (&claims, g_ptr_array_unref);
  claims = rd_claims_list (f->store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (((RdClaim *) claims->pdata[0])->amount_recovered, ==, 4010);
}

/* The footers of Losses and Claims on a yuan, dollar and yen ledger: each
 * currency's sum apart, with its symbol. */
static void
test_footer_per_currency (Fixture       *f,
                          gconstpointer  data)
{
  static const struct
  {
    const char *currency;
    gint64      amount;
    const char *tracking;
    gint64      recovered;
  } parcels[] = {
    { "CNY", 25000, "SFCNY1", 5000 },   /* ¥250.00, ¥50.00 back */
    { "USD", 12345, "SFUSD1", 0 },      /* $123.45 */
    { "JPY", 4200, "SFJPY1", 0 },       /* JP¥4,200 */
  };
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *text;

  for (guint i = 0; i < G_N_ELEMENTS (parcels); i++)
    {
      gint64 case_id;
      gint64 id = add_parcel (f, parcels[i].currency, NULL, parcels[i].amount, parcels[i].tracking, &case_id);
      gint64 claim_id;

      rd_intercepts_file_claim (f->store, id, parcels[i].amount, RD_LOST_REMEDY_REFUND, &f->policy, "bob",
                                now - 40 * 3600, &claim_id, NULL, &error);
      g_assert_no_error (error);
      rd_case_store_record_payout (f->store, case_id, parcels[i].amount, "original", "2026-01-05", &f->policy,
                                   "alice", &error);
      g_assert_no_error (error);
      if (parcels[i].recovered > 0)
        {
          rd_claims_settle (f->store, claim_id, RD_CLAIM_STATUS_PAID, parcels[i].recovered, "bob", now, &error);
          g_assert_no_error (error);
        }
    }

  gtk_window_present (f->window);
  rd_test_ui_iterate ();

  rd_intercepts_page_set_view (f->page, RD_INTERCEPTS_VIEW_LOSSES);
  rd_test_ui_iterate ();
  text = footer (f);
  g_test_message ("losses: %s", text);
  g_assert_cmpuint (rd_intercepts_page_get_n_rows (f->page), ==, 3);
  g_assert_nonnull (strstr (text, "3 parcels refunded and not recovered"));
  g_assert_nonnull (strstr (text, "¥200.00 · JP¥4,200 · $123.45 lost"));

  rd_intercepts_page_set_view (f->page, RD_INTERCEPTS_VIEW_CLAIMS);
  rd_test_ui_iterate ();
  text = footer (f);
  g_test_message ("claims: %s", text);
  g_assert_nonnull (strstr (text, "3 claims"));
  g_assert_nonnull (strstr (text, "claimed ¥250.00 · JP¥4,200 · $123.45"));
  g_assert_nonnull (strstr (text, "recovered ¥50.00"));
  g_assert_nonnull (strstr (text, "2 open (JP¥4,200 · $123.45)"));
  /* Nothing that would be a sum of two currencies: 250 + 123.45 + 4,200. */
  g_assert_null (strstr (text, "4,573.45"));
  g_assert_null (strstr (text, "373.45"));
}

/* An unknown parcel from the warehouse: shown and counted in Not Matched,
 * matched through the dialog, gone from the view, under its case. */
static void
test_unmatched_view (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(RdScanResult) result = { 0 };
  g_autoptr(GPtrArray) linked = NULL;
  g_autoptr(RdCase) rcase = NULL;
  gint64 case_id;
  GtkColumnView *view;
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  /* ¥268: at or above the ¥200 threshold, the case waits in intercepting. */
  add_parcel (f, "CNY", NULL, 26800, "SFKNOWN1", &case_id);
  rcase = rd_case_store_get (f->store, case_id, &error);
  g_assert_no_error (error);
  rd_intercepts_record_unmatched_scan (f->store, "YT0099887766", RD_COURIER_YTO, RD_PARCEL_CONDITION_DAMAGED,
                                       "老张", g_get_real_time () / G_USEC_PER_SEC, &result, &error);
  g_assert_no_error (error);

  gtk_window_present (f->window);
  rd_test_ui_iterate ();
  g_assert_cmpstr (view_button_label (f, "unmatched_button"), ==, "Not Matched (1)");
  rd_intercepts_page_set_view (f->page, RD_INTERCEPTS_VIEW_UNMATCHED);
  rd_test_ui_iterate ();
  g_assert_cmpuint (rd_intercepts_page_get_n_rows (f->page), ==, 1);
  g_assert_cmpstr (footer (f), ==, "1 parcel returned and not matched to a case");

  view = GTK_COLUMN_VIEW (gtk_widget_get_template_child (GTK_WIDGET (f->page), RD_TYPE_INTERCEPTS_PAGE,
                                                         "parcels_view"));
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (gtk_column_view_get_model (view)), 0);
  rd_test_ui_iterate ();
  g_assert_nonnull (find_button (GTK_WIDGET (f->page), "Match to _Case…"));

  gtk_widget_activate_action (GTK_WIDGET (f->page), "intercepts.match", NULL);
  rd_test_ui_iterate ();
  dialog = rd_test_ui_find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "YT0099887766"));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "match"));
  entry = rd_test_ui_find_descendant (adw_message_dialog_get_extra_child (dialog), GTK_TYPE_ENTRY, NULL);
  /* Picking a suggestion fills the number in. */
  {
    GtkDropDown *pick = GTK_DROP_DOWN (rd_test_ui_find_descendant (adw_message_dialog_get_extra_child (dialog),
                                                                   GTK_TYPE_DROP_DOWN, NULL));

    g_assert_nonnull (pick);
    gtk_drop_down_set_selected (pick, 0);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, rcase->case_no);
  }
  gtk_editable_set_text (GTK_EDITABLE (entry), rcase->case_no);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "match"));
  adw_message_dialog_response (dialog, "match");
  gtk_window_destroy (GTK_WINDOW (dialog));
  rd_test_ui_iterate ();

  g_assert_cmpuint (rd_intercepts_page_get_n_rows (f->page), ==, 0);
  g_assert_cmpstr (view_button_label (f, "unmatched_button"), ==, "Not Matched (0)");
  linked = rd_intercepts_list_for_case (f->store, case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (linked->len, ==, 2);
  g_assert_cmpstr (((RdIntercept *) linked->pdata[1])->tracking_no, ==, "YT0099887766");
}

static gboolean
page_loading (Fixture *f)
{
  return rd_intercepts_page_is_loading (f->page);
}

static void
wait_loaded (Fixture *f)
{
  gint64 until = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  rd_test_ui_iterate ();
  while (page_loading (f))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, until);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
  rd_test_ui_iterate ();
}

/* Imports a Taobao export: two refund-only cases whose parcel had left
 * (an outbound tracking number), one that had not. */
static void
import_shipped (Fixture *f)
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
  g_autofree char *path = g_build_filename (f->dir, "taobao-1201.csv", NULL);
  g_autofree char *backups = g_build_filename (f->dir, "backups", NULL);
  RdImportOptions options = { "店长", NULL, FALSE, backups };
  g_autoptr(RdImport) import = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  import = rd_import_new (path, &error);
  g_assert_no_error (error);
  g_assert_true (rd_import_preview (import, f->store, NULL, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (rd_import_apply (import, f->store, &options, NULL, NULL, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* The imported cases whose parcel is on its way to the buyer: the banner
 * counts them, Review lists them, and Add to Register… opens the
 * new-intercept dialog prefilled from the case; once created, the case
 * leaves the proposals. Nothing shows on a ledger without any. */
static void
test_import_proposals (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) linked = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *proposals, *review, *list, *add, *entry;
  AdwMessageDialog *dialog;
  gint64 first_case;

  proposals = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->page), RD_TYPE_INTERCEPTS_PAGE,
                                                         "proposals"));
  g_assert_nonnull (proposals);
  gtk_window_present (f->window);
  wait_loaded (f);
  g_assert_false (gtk_widget_get_visible (proposals));

  import_shipped (f);
  rd_intercepts_page_refresh (f->page);
  wait_loaded (f);
  g_assert_true (gtk_widget_get_visible (proposals));
  g_assert_cmpuint (rd_intercept_proposals_get_n (RD_INTERCEPT_PROPOSALS (proposals)), ==, 2);
  g_assert_nonnull (find_label_text (proposals, "2 imported cases have a parcel on its way to the buyer"));

  review = rd_test_ui_find_descendant (proposals, GTK_TYPE_TOGGLE_BUTTON, "proposals-review-button");
  g_assert_nonnull (review);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (review), TRUE);
  rd_test_ui_iterate ();
  list = rd_test_ui_find_descendant (proposals, GTK_TYPE_LIST_BOX, "proposals-list");
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (rd_test_ui_find_descendant (proposals, GTK_TYPE_REVEALER,
                                                                                          NULL))));
  g_assert_true (gtk_widget_is_sensitive (list));
  /* Newest first: S2 was asked for an hour after S1. */
  g_assert_nonnull (find_label_text (list, "tb_s2 · parcel YT5550001112"));
  g_assert_nonnull (find_label_text (list, "tb_s1 · parcel ZT1234567890"));
  g_assert_null (find_label_text (list, "tb_u · parcel —"));

  add = rd_test_ui_find_descendant (list, GTK_TYPE_BUTTON, "proposal-add-button");
  g_assert_nonnull (add);
  g_signal_emit_by_name (add, "clicked");
  rd_test_ui_iterate ();
  dialog = rd_test_ui_find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "New Intercept");
  entry = rd_test_ui_find_descendant (adw_message_dialog_get_extra_child (dialog), GTK_TYPE_ENTRY, NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "YT5550001112");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "create"));
  adw_message_dialog_response (dialog, "create");
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_loaded (f);

  first_case = rd_test_raw_int (rd_store_get_db (f->store),
                                "SELECT case_id FROM case_platform WHERE platform_key = 'AS-S2'");
  linked = rd_intercepts_list_for_case (f->store, first_case, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (linked->len, ==, 1);
  g_assert_cmpstr (((RdIntercept *) linked->pdata[0])->tracking_no, ==, "YT5550001112");
  g_assert_cmpuint (rd_intercept_proposals_get_n (RD_INTERCEPT_PROPOSALS (proposals)), ==, 1);
  g_assert_nonnull (find_label_text (proposals, "1 imported case has a parcel on its way to the buyer"));
  g_assert_null (find_label_text (list, "tb_s2 · parcel YT5550001112"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(name, func) \
  g_test_add ("/rd/intercepts-page/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("usd-claim-dialog", test_usd_claim_dialog);
  ADD ("footer-per-currency", test_footer_per_currency);
  ADD ("unmatched-view", test_unmatched_view);
  ADD ("import-proposals", test_import_proposals);
#undef ADD

  return g_test_run ();
}
