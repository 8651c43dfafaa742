/* test-calculator-page.c
 *
 * The Calculator page under a real display, driven like a keyboard user:
 * text typed into the grid's cells and Enter (activate). The Taobao example
 * gives ¥77.01; Enter in the last cell adds a line; Tab walks the cells in
 * reading order; a bad amount marks its cell and keeps the page alive; the
 * warnings box appears over the review threshold (and follows the setting);
 * pasted lines are appended and bad rows reported; Apply to Case stores the
 * breakdown with the case and reopening the case restores the order;
 * opened from the case pane, the page starts from the case (whose fault,
 * shipped or not, what the order refunded before).
 */
#include "config.h"

#include <locale.h>

#include "rd-application.h"
#include "rd-calc-json.h"
#include "rd-calculator-page.h"
#include "rd-case-pane.h"
#include "rd-case-store.h"
#include "rd-ledger-page.h"
#include "rd-test-ledger.h"
#include "rd-test-ui.h"
#include "rd-window.h"

typedef struct
{
  GtkWidget        *window;
  RdCalculatorPage *page;
  RdCalcLinesGrid  *grid;
  RdCalcResultView *view;
  RdContext        *context;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(RdContext) context = rd_test_ui_new_context (NULL);

  g_settings_reset (settings, "review-threshold");
  g_settings_reset (settings, "high-ticket-threshold");
  f->context = g_object_ref (context);

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 800);
  f->page = RD_CALCULATOR_PAGE (rd_calculator_page_new (context));
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->page));
  gtk_window_present (GTK_WINDOW (f->window));
  f->grid = rd_calculator_page_get_lines_grid (f->page);
  f->view = rd_calculator_page_get_result_view (f->page);
  rd_test_ui_iterate ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (l->data != f->window)
      gtk_window_destroy (l->data);
  g_list_free (toplevels);
  gtk_window_destroy (GTK_WINDOW (f->window));
  rd_test_ui_iterate ();
  g_clear_object (&f->context);
}

static GtkWidget *
cell (Fixture      *f,
      guint         line,
      RdCalcColumn  column)
{
  return rd_calc_lines_grid_get_entry (f->grid, line, column);
}

static void
type (Fixture      *f,
      guint         line,
      RdCalcColumn  column,
      const char   *text)
{
  gtk_editable_set_text (GTK_EDITABLE (cell (f, line, column)), text);
}

/* Enter in a cell. */
static void
press_enter (Fixture      *f,
             guint         line,
             RdCalcColumn  column)
{
  gtk_widget_grab_focus (cell (f, line, column));
  g_signal_emit_by_name (cell (f, line, column), "activate");
  rd_test_ui_iterate ();
}

/* Tab follows the cells' positions: let the grid lay out a new line first
 * (the frame clock runs it; a busy machine may take more than one turn). */
static void
wait_for_layout (GtkWidget *widget)
{
  while (gtk_widget_get_width (widget) == 0)
    g_main_context_iteration (NULL, TRUE);
  rd_test_ui_iterate ();
}

static gboolean
has_focus_within (Fixture   *f,
                  GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
type_taobao_order (Fixture *f)
{
  type (f, 0, RD_CALC_COLUMN_NAME, "Green tea 250 g");
  type (f, 0, RD_CALC_COLUMN_SKU, "TEA-250");
  type (f, 0, RD_CALC_COLUMN_UNIT_PRICE, "79.00");
  type (f, 0, RD_CALC_COLUMN_QUANTITY, "1");
  type (f, 0, RD_CALC_COLUMN_REFUND_QUANTITY, "1");
  press_enter (f, 0, RD_CALC_COLUMN_REFUND_QUANTITY);
  g_assert_cmpuint (rd_calc_lines_grid_get_n_lines (f->grid), ==, 2);

  type (f, 1, RD_CALC_COLUMN_NAME, "Teapot");
  type (f, 1, RD_CALC_COLUMN_UNIT_PRICE, "119.00");
  type (f, 1, RD_CALC_COLUMN_QUANTITY, "1");
  type (f, 1, RD_CALC_COLUMN_REFUND_QUANTITY, "0");
  rd_calculator_page_add_discount (f->page, "Shop coupon", "5.00", FALSE);
  rd_test_ui_iterate ();
}

/* Tests */

static void
test_empty_state (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_cmpuint (rd_calc_lines_grid_get_n_lines (f->grid), ==, 1);
  g_assert_null (rd_calculator_page_get_result (f->page));
  g_assert_cmpstr (rd_calc_result_view_get_total_text (f->view), ==, "");
  g_assert_null (rd_calc_result_view_get_problem_text (f->view));
  g_assert_false (rd_calc_result_view_get_warnings_shown (f->view));
}

/* The form with an order line, all seven columns, beside the result
 * fits a window 800 px wide without scrolling sideways: the form's
 * content (inside its scrolled window) and the result pane together need
 * less than 800 px (870 before). */
static void
test_fits_800 (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (f->grid), GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *result_pane = gtk_widget_get_ancestor (GTK_WIDGET (f->view), GTK_TYPE_BOX);
  int form = 0, result = 0;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "calculator.add-line", NULL));
  rd_test_ui_iterate ();
  gtk_widget_measure (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                      GTK_ORIENTATION_HORIZONTAL, -1, &form, NULL, NULL, NULL);
  gtk_widget_measure (result_pane, GTK_ORIENTATION_HORIZONTAL, -1, &result, NULL, NULL, NULL);
  g_test_message ("the calculator needs %d + %d px", form, result);
  g_assert_cmpint (form + result + 1, <=, 800);
}

static void
test_taobao (Fixture       *f,
             gconstpointer  data)
{
  const RdCalcResult *result;

  type_taobao_order (f);

  g_assert_cmpstr (rd_calc_result_view_get_total_text (f->view), ==, "¥77.01");
  result = rd_calculator_page_get_result (f->page);
  g_assert_nonnull (result);
  g_assert_nonnull (rd_calc_result_find_row (result, "goods"));
  g_assert_nonnull (rd_calc_result_find_row (result, "order_discount"));
  g_assert_false (rd_calc_result_view_get_warnings_shown (f->view));

  /* Refund the teapot too: 79 + 119 − 5. */
  type (f, 1, RD_CALC_COLUMN_REFUND_QUANTITY, "");
  rd_test_ui_iterate ();
  g_assert_cmpstr (rd_calc_result_view_get_total_text (f->view), ==, "¥193.00");
}

static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *remove_button;

  /* Enter moves along the line, and adds a line only at the very end. */
  press_enter (f, 0, RD_CALC_COLUMN_NAME);
  g_assert_true (has_focus_within (f, cell (f, 0, RD_CALC_COLUMN_SKU)));
  g_assert_cmpuint (rd_calc_lines_grid_get_n_lines (f->grid), ==, 1);

  press_enter (f, 0, RD_CALC_COLUMN_REFUND_QUANTITY);
  g_assert_cmpuint (rd_calc_lines_grid_get_n_lines (f->grid), ==, 2);
  g_assert_true (has_focus_within (f, cell (f, 1, RD_CALC_COLUMN_NAME)));

  /* Enter at the end of a line that is not the last goes to the next one. */
  press_enter (f, 0, RD_CALC_COLUMN_REFUND_QUANTITY);
  g_assert_cmpuint (rd_calc_lines_grid_get_n_lines (f->grid), ==, 2);
  g_assert_true (has_focus_within (f, cell (f, 1, RD_CALC_COLUMN_NAME)));

  /* Tab: reading order, through the line's remove button to the next line. */
  wait_for_layout (cell (f, 1, RD_CALC_COLUMN_REFUND_QUANTITY));
  gtk_widget_grab_focus (cell (f, 0, RD_CALC_COLUMN_NAME));
  g_assert_true (gtk_widget_child_focus (f->window, GTK_DIR_TAB_FORWARD));
  g_assert_true (has_focus_within (f, cell (f, 0, RD_CALC_COLUMN_SKU)));
  g_assert_true (gtk_widget_child_focus (f->window, GTK_DIR_TAB_FORWARD));
  g_assert_true (has_focus_within (f, cell (f, 0, RD_CALC_COLUMN_UNIT_PRICE)));

  gtk_widget_grab_focus (cell (f, 0, RD_CALC_COLUMN_REFUND_QUANTITY));
  g_assert_true (gtk_widget_child_focus (f->window, GTK_DIR_TAB_FORWARD));
  remove_button = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_true (GTK_IS_BUTTON (remove_button));
  g_assert_true (gtk_widget_child_focus (f->window, GTK_DIR_TAB_FORWARD));
  g_assert_true (has_focus_within (f, cell (f, 1, RD_CALC_COLUMN_NAME)));

  /* The remove button removes its line and keeps the focus in the grid. */
  gtk_widget_grab_focus (remove_button);
  g_signal_emit_by_name (remove_button, "clicked");
  rd_test_ui_iterate ();
  g_assert_cmpuint (rd_calc_lines_grid_get_n_lines (f->grid), ==, 1);
  g_assert_true (has_focus_within (f, cell (f, 0, RD_CALC_COLUMN_NAME)));
}

static void
test_bad_amount (Fixture       *f,
                 gconstpointer  data)
{
  GtkWidget *price;
  const char *problem;

  type_taobao_order (f);
  g_assert_cmpstr (rd_calc_result_view_get_total_text (f->view), ==, "¥77.01");

  price = cell (f, 1, RD_CALC_COLUMN_UNIT_PRICE);
  type (f, 1, RD_CALC_COLUMN_UNIT_PRICE, "119.0.0");
  rd_test_ui_iterate ();
  g_assert_true (gtk_widget_has_css_class (price, "error"));
  g_assert_nonnull (gtk_widget_get_tooltip_text (price));
  g_assert_false (gtk_widget_has_css_class (cell (f, 0, RD_CALC_COLUMN_UNIT_PRICE), "error"));
  g_assert_null (rd_calculator_page_get_result (f->page));
  problem = rd_calc_result_view_get_problem_text (f->view);
  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem, "Line 2, Unit Price"));
  g_assert_nonnull (strstr (problem, "119.0.0"));
  /* The last valid total stays in sight (greyed). */
  g_assert_cmpstr (rd_calc_result_view_get_total_text (f->view), ==, "¥77.01");

  /* More decimals than the currency has is an error, not a rounding. */
  type (f, 1, RD_CALC_COLUMN_UNIT_PRICE, "119.001");
  rd_test_ui_iterate ();
  g_assert_true (gtk_widget_has_css_class (price, "error"));
  g_assert_null (rd_calculator_page_get_result (f->page));

  /* The engine's own checks land on the right cell too. */
  type (f, 1, RD_CALC_COLUMN_UNIT_PRICE, "119.00");
  type (f, 1, RD_CALC_COLUMN_REFUND_QUANTITY, "3");
  rd_test_ui_iterate ();
  g_assert_false (gtk_widget_has_css_class (price, "error"));
  g_assert_true (gtk_widget_has_css_class (cell (f, 1, RD_CALC_COLUMN_REFUND_QUANTITY), "error"));
  g_assert_null (rd_calculator_page_get_result (f->page));
  g_assert_nonnull (strstr (rd_calc_result_view_get_problem_text (f->view), "Line 2, Refund Now"));

  type (f, 1, RD_CALC_COLUMN_REFUND_QUANTITY, "0");
  rd_test_ui_iterate ();
  g_assert_false (gtk_widget_has_css_class (cell (f, 1, RD_CALC_COLUMN_REFUND_QUANTITY), "error"));
  g_assert_null (rd_calc_result_view_get_problem_text (f->view));
  g_assert_cmpstr (rd_calc_result_view_get_total_text (f->view), ==, "¥77.01");
}

static void
test_warnings (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  type (f, 0, RD_CALC_COLUMN_NAME, "Tea cabinet");
  type (f, 0, RD_CALC_COLUMN_UNIT_PRICE, "1200.00");
  type (f, 0, RD_CALC_COLUMN_QUANTITY, "1");
  rd_test_ui_iterate ();
  g_assert_cmpstr (rd_calc_result_view_get_total_text (f->view), ==, "¥1,200.00");
  g_assert_true (rd_calc_result_view_get_warnings_shown (f->view));
  g_assert_nonnull (rd_calc_result_find_warning (rd_calculator_page_get_result (f->page),
                                                 RD_CALC_WARNING_SECOND_APPROVER));

  type (f, 0, RD_CALC_COLUMN_UNIT_PRICE, "79.00");
  rd_test_ui_iterate ();
  g_assert_false (rd_calc_result_view_get_warnings_shown (f->view));

  /* Preferences lower the review threshold: the page follows. */
  g_settings_set_int64 (settings, "review-threshold", 5000);
  rd_test_ui_iterate ();
  g_assert_true (rd_calc_result_view_get_warnings_shown (f->view));
  g_assert_nonnull (rd_calc_result_find_warning (rd_calculator_page_get_result (f->page),
                                                 RD_CALC_WARNING_SECOND_APPROVER));
}

static void
test_paste (Fixture       *f,
            gconstpointer  data)
{
  GList *toplevels;
  gboolean dialog_shown = FALSE;

  g_assert_cmpuint (rd_calculator_page_paste_text (f->page,
                                                   "Green tea\tTEA-250\t79.00\t1\t1\n"
                                                   "Teapot\tPOT-1\t119.00\t1\t0\n"
                                                   "Cup\tCUP\tabc\t1\n"), ==, 2);
  rd_test_ui_iterate ();
  /* The blank first line made room for the pasted ones. */
  g_assert_cmpuint (rd_calc_lines_grid_get_n_lines (f->grid), ==, 2);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cell (f, 1, RD_CALC_COLUMN_SKU))), ==, "POT-1");
  g_assert_cmpstr (rd_calc_result_view_get_total_text (f->view), ==, "¥79.00");

  /* The bad row is reported, not dropped silently. */
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      {
        dialog_shown = TRUE;
        g_assert_nonnull (strstr (adw_message_dialog_get_body (l->data), "Row 3"));
      }
  g_list_free (toplevels);
  g_assert_true (dialog_shown);
}

static void
test_apply_to_case (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autoptr(RdStore) store = NULL;
  g_autoptr(RdCase) rcase = rd_case_new ();
  g_autoptr(RdCase) read = NULL;
  g_autoptr(RdCalcInput) stored = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *apply_button = rd_test_ui_find_action_button (GTK_WIDGET (f->page), "calculator.apply");

  store = rd_test_ui_open_ledger (dir, NULL);
  rcase->channel = g_strdup ("taobao");
  rcase->order_no = g_strdup ("TB-2026-1");
  rcase->kind = RD_REFUND_KIND_RETURN_REFUND;
  rcase->reason = g_strdup ("quality_problem");
  rcase->payment_method = RD_PAYMENT_METHOD_ALIPAY;
  rcase->amount_paid = 19300;
  rcase->requested_at = 1772359200;
  g_assert_true (rd_case_store_insert (store, rcase, "Lin", &error));
  g_assert_no_error (error);

  /* No case: nothing to apply to. */
  g_assert_nonnull (apply_button);
  g_assert_false (gtk_widget_is_sensitive (apply_button));

  rd_calculator_page_set_store (f->page, store);
  rd_calculator_page_load_case (f->page, rcase->id);
  rd_test_ui_iterate ();
  g_assert_cmpint (rd_calculator_page_get_case_id (f->page), ==, rcase->id);
  g_assert_cmpuint (rd_calc_lines_grid_get_n_lines (f->grid), ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cell (f, 0, RD_CALC_COLUMN_UNIT_PRICE))), ==, "193.00");
  g_assert_cmpstr (rd_calc_result_view_get_total_text (f->view), ==, "¥193.00");
  g_assert_true (gtk_widget_is_sensitive (apply_button));

  /* The order in detail instead of one line. */
  type (f, 0, RD_CALC_COLUMN_NAME, "Green tea 250 g");
  type (f, 0, RD_CALC_COLUMN_UNIT_PRICE, "79.00");
  rd_calc_lines_grid_add_line (f->grid, NULL, NULL);
  type (f, 1, RD_CALC_COLUMN_NAME, "Teapot");
  type (f, 1, RD_CALC_COLUMN_UNIT_PRICE, "119.00");
  type (f, 1, RD_CALC_COLUMN_REFUND_QUANTITY, "0");
  rd_calculator_page_add_discount (f->page, "Shop coupon", "5.00", FALSE);
  rd_test_ui_iterate ();
  g_assert_cmpstr (rd_calc_result_view_get_total_text (f->view), ==, "¥77.01");

  /* A wrong field disables Apply. */
  type (f, 1, RD_CALC_COLUMN_QUANTITY, "x");
  rd_test_ui_iterate ();
  g_assert_false (gtk_widget_is_sensitive (apply_button));
  type (f, 1, RD_CALC_COLUMN_QUANTITY, "1");
  rd_test_ui_iterate ();
  g_assert_true (gtk_widget_is_sensitive (apply_button));

  /* Without an operator nobody would answer for it. */
  g_assert_false (rd_calculator_page_apply (f->page, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  read = rd_case_store_get (store, rcase->id, &error);
  g_assert_cmpint (read->approved_amount, ==, -1);
  g_clear_pointer (&read, rd_case_free);

  rd_test_ui_sign_in (f->context, store, "Lin", RD_ROLE_ADMIN);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "calculator.apply", NULL));
  rd_test_ui_iterate ();

  read = rd_case_store_get (store, rcase->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (read->approved_amount, ==, 7701);
  g_assert_nonnull (read->breakdown);
  stored = rd_calc_input_from_breakdown (read->breakdown, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->lines->len, ==, 2);
  g_assert_nonnull (strstr (read->breakdown, "\"total\":\"77.01\""));

  /* Reopened from the case, the page shows the order as it was applied. */
  rd_calculator_page_clear (f->page);
  rd_test_ui_iterate ();
  g_assert_cmpint (rd_calculator_page_get_case_id (f->page), ==, 0);
  g_assert_false (gtk_widget_is_sensitive (apply_button));
  rd_calculator_page_load_case (f->page, rcase->id);
  rd_test_ui_iterate ();
  g_assert_cmpuint (rd_calc_lines_grid_get_n_lines (f->grid), ==, 2);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cell (f, 1, RD_CALC_COLUMN_NAME))), ==, "Teapot");
  g_assert_cmpstr (rd_calc_result_view_get_total_text (f->view), ==, "¥77.01");

  rd_calculator_page_set_store (f->page, NULL);
  g_clear_object (&store);
  rd_test_remove_tree (dir);
}

/* One application for the tests that need a window (a process registers
 * one). */
static RdApplication *
get_application (void)
{
  static RdApplication *app;

  if (app == NULL)
    {
      g_autoptr(GError) error = NULL;

      app = rd_application_new (G_APPLICATION_NON_UNIQUE);
      g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
      g_assert_no_error (error);
    }
  return app;
}

/* The ledger's case pane opens the calculator with win.open-calculator. */
static void
test_window_action (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autoptr(RdStore) store = NULL;
  g_autoptr(RdCase) rcase = rd_case_new ();
  g_autoptr(GError) error = NULL;
  RdApplication *app = get_application ();
  g_autoptr(RdContext) context = rd_test_ui_new_context (NULL);
  RdCalculatorPage *page;
  RdWindow *window;

  store = rd_test_ui_open_ledger (dir, NULL);
  rcase->channel = g_strdup ("jd");
  rcase->order_no = g_strdup ("JD-77");
  rcase->kind = RD_REFUND_KIND_REFUND_ONLY_UNSHIPPED;
  rcase->reason = g_strdup ("quality_problem");
  rcase->payment_method = RD_PAYMENT_METHOD_WECHAT_PAY;
  rcase->amount_paid = 4550;
  rcase->requested_at = 1772359200;
  g_assert_true (rd_case_store_insert (store, rcase, "Lin", &error));
  g_assert_no_error (error);

  window = rd_window_new (GTK_APPLICATION (app), context);
  gtk_window_present (GTK_WINDOW (window));
  rd_window_show_page (window, "ledger");
  page = RD_CALCULATOR_PAGE (rd_test_ui_find_descendant (GTK_WIDGET (window), RD_TYPE_CALCULATOR_PAGE, NULL));
  g_assert_nonnull (page);
  rd_calculator_page_set_store (page, store);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-calculator", "x", rcase->id));
  rd_test_ui_iterate ();
  g_assert_cmpstr (rd_window_get_visible_page (window), ==, "calculator");
  g_assert_cmpint (rd_calculator_page_get_case_id (page), ==, rcase->id);
  g_assert_cmpstr (rd_calc_result_view_get_total_text (rd_calculator_page_get_result_view (page)), ==, "¥45.50");

  rd_calculator_page_set_store (page, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  rd_test_ui_iterate ();
  g_clear_object (&store);
  rd_test_remove_tree (dir);
}

static gpointer
page_child (RdCalculatorPage *page,
            const char       *id)
{
  return gtk_widget_get_template_child (GTK_WIDGET (page), RD_TYPE_CALCULATOR_PAGE, id);
}

static gint64
insert_case (RdStore      *store,
             const char   *order_no,
             RdRefundKind  kind,
             const char   *reason,
             gint64        amount_paid,
             RdCaseStatus  status,
             gint64        approved)
{
  g_autoptr(RdCase) rcase = rd_case_new ();
  g_autoptr(GError) error = NULL;

  rcase->channel = g_strdup ("taobao");
  rcase->order_no = g_strdup (order_no);
  rcase->kind = kind;
  rcase->reason = g_strdup (reason);
  rcase->payment_method = RD_PAYMENT_METHOD_ALIPAY;
  rcase->amount_paid = amount_paid;
  rcase->requested_at = 1772359200;
  rcase->status = status;
  rcase->approved_amount = approved;
  g_assert_true (rd_case_store_insert (store, rcase, "Lin", &error));
  g_assert_no_error (error);
  return rcase->id;
}

/* Opened from the case pane, the calculator starts from the case: a
 * quality problem is the shop's fault, so the ¥12 the buyer paid to send
 * the goods back is refunded (¥132.53, not ¥120.53); an unshipped order
 * changed by the buyer is neither; a second case of an order knows what
 * the first one refunded. */
static void
test_from_case_pane (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autoptr(RdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  RdApplication *app = get_application ();
  g_autoptr(RdContext) context = NULL;
  static const struct
  {
    const char   *order_no;
    RdRefundKind  kind;
    const char   *reason;
    gint64        amount_paid;
    const char   *return_shipping;
    gboolean      shipped;
    gboolean      merchant_fault;
    const char   *refunded_before;
    const char   *total;
  } cases[] = {
    { "TB-QP", RD_REFUND_KIND_RETURN_REFUND, "quality_problem", 12053, "12.00", TRUE, TRUE, "", "¥132.53" },
    { "TB-CM", RD_REFUND_KIND_REFUND_ONLY_UNSHIPPED, "changed_mind", 12053, "", FALSE, FALSE, "", "¥120.53" },
    { "TB-2X", RD_REFUND_KIND_RETURN_REFUND, "size_not_fit", 5000, "", TRUE, FALSE, "30.00", "¥20.00" },
  };
  RdCalculatorPage *page;
  RdLedgerPage *ledger;
  RdWindow *window;

  store = rd_test_ui_open_ledger (dir, NULL);
  /* The first case of order TB-2X, paid ¥30.00. */
  insert_case (store, "TB-2X", RD_REFUND_KIND_RETURN_REFUND, "changed_mind", 5000, RD_CASE_STATUS_PAID, 3000);

  context = rd_test_ui_new_context (store);
  window = rd_window_new (GTK_APPLICATION (app), context);
  gtk_window_present (GTK_WINDOW (window));
  page = RD_CALCULATOR_PAGE (rd_test_ui_find_descendant (GTK_WIDGET (window), RD_TYPE_CALCULATOR_PAGE, NULL));
  ledger = RD_LEDGER_PAGE (rd_test_ui_find_descendant (GTK_WIDGET (window), RD_TYPE_LEDGER_PAGE, NULL));
  g_assert_nonnull (page);
  g_assert_nonnull (ledger);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      RdCasePane *pane = rd_ledger_page_get_case_pane (ledger);
      gint64 id = insert_case (store, cases[i].order_no, cases[i].kind, cases[i].reason,
                               cases[i].amount_paid, RD_CASE_STATUS_REQUESTED, -1);

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-case", "x", id));
      rd_test_ui_iterate ();
      g_assert_cmpint (rd_case_pane_get_case_id (pane), ==, id);

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "case.open-calculator", NULL));
      rd_test_ui_iterate ();
      g_assert_cmpstr (rd_window_get_visible_page (window), ==, "calculator");
      g_assert_cmpint (rd_calculator_page_get_case_id (page), ==, id);

      g_assert_cmpint (gtk_switch_get_active (page_child (page, "merchant_fault_switch")), ==, cases[i].merchant_fault);
      g_assert_cmpint (gtk_switch_get_active (page_child (page, "shipped_switch")), ==, cases[i].shipped);
      g_assert_cmpstr (gtk_editable_get_text (page_child (page, "refunded_before_entry")), ==, cases[i].refunded_before);

      gtk_editable_set_text (page_child (page, "return_shipping_entry"), cases[i].return_shipping);
      rd_test_ui_iterate ();
      g_assert_cmpstr (rd_calc_result_view_get_total_text (rd_calculator_page_get_result_view (page)), ==,
                       cases[i].total);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  rd_test_ui_iterate ();
  g_clear_object (&store);
  rd_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(name, func) \
  g_test_add ("/rd/calculator-page/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("empty-state", test_empty_state);
  ADD ("taobao", test_taobao);
  ADD ("keyboard", test_keyboard);
  ADD ("bad-amount", test_bad_amount);
  ADD ("warnings", test_warnings);
  ADD ("paste", test_paste);
  ADD ("apply-to-case", test_apply_to_case);
#undef ADD
  g_test_add ("/rd/calculator-page/fits-800", Fixture, NULL, fixture_set_up, test_fits_800, fixture_tear_down);
  g_test_add_func ("/rd/calculator-page/window-action", test_window_action);
  g_test_add_func ("/rd/calculator-page/from-case-pane", test_from_case_pane);

  return g_test_run ();
}
