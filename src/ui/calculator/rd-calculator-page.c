/* rd-calculator-page.c
 *
 * The Calculator page: the order on the left, read on every change (after a
 * low-priority idle, so a burst of edits computes once) into an RdCalcInput
 * and computed with rd_calc_compute; the answer on the right. A field that
 * cannot be read, or that the engine refuses, is marked and named. Opened
 * from a case, the page starts from the breakdown stored with it or else
 * from the case itself (rd_case_calc_input_new), and "Apply to Case" stores the
 * breakdown with the case. The form itself (reading and filling the
 * fields) is in rd-calculator-page-form.c.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-calc-amount-list.h"
#include "rd-calc-field.h"
#include "rd-calc-json.h"
#include "rd-calc-lines-grid.h"
#include "rd-calc-paste.h"
#include "rd-calc-result-view.h"
#include "rd-calculator-page.h"
#include "rd-calculator-page-private.h"
#include "rd-case-calc.h"
#include "rd-case-store.h"
#include "rd-policy.h"

G_DEFINE_FINAL_TYPE (RdCalculatorPage, rd_calculator_page, ADW_TYPE_BIN)

enum {
  CASE_APPLIED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers */

static void schedule_recompute (RdCalculatorPage *self);

static void
show_toast (RdCalculatorPage *self,
            const char       *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static RdStore *
get_store (RdCalculatorPage *self)
{
  if (self->store != NULL)
    return self->store;

  return self->context != NULL ? rd_context_get_store (self->context) : NULL;
}


/* Whether the calculator's part of the policy changed. */
static gboolean
load_policy (RdCalculatorPage *self)
{
  RdCalcPolicy before = self->policy;

  rd_policy_to_calc_policy (rd_context_get_policy (self->context), &self->policy);

  return before.high_ticket_threshold != self->policy.high_ticket_threshold ||
         before.review_threshold != self->policy.review_threshold ||
         before.return_shipping_cap != self->policy.return_shipping_cap ||
         before.refund_window_days != self->policy.refund_window_days;
}

static void
update_apply (RdCalculatorPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calculator.apply",
                                 self->case_id > 0 && self->result != NULL);
}


static void
recompute (RdCalculatorPage *self)
{
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) discounts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) deductions = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(RdCalcInput) input = NULL;
  g_autoptr(GError) error = NULL;
  RdCalcResult *result;

  g_clear_handle_id (&self->recompute_id, g_source_remove);
  _rd_calculator_page_clear_errors (self);

  gtk_widget_set_sensitive (self->rate_row, g_strcmp0 (_rd_calculator_page_get_currency (self)->code, "CNY") != 0);

  input = _rd_calculator_page_read_input (self, lines, discounts, deductions, &error);
  g_clear_pointer (&self->result, rd_calc_result_free);

  if (input == NULL)
    {
      rd_calc_result_view_show_problem (self->result_view, error->message);
    }
  else if (input->lines->len == 0)
    {
      rd_calc_result_view_show_empty (self->result_view);
    }
  else if ((result = rd_calc_compute (input, &self->policy, &error)) == NULL)
    {
      g_autofree char *message = _rd_calculator_page_mark_engine_error (self, error->message, lines, discounts, deductions);

      rd_calc_result_view_show_problem (self->result_view, message);
    }
  else
    {
      self->result = result;
      g_clear_pointer (&self->input, rd_calc_input_free);
      self->input = g_steal_pointer (&input);
      rd_calc_result_view_show_result (self->result_view, self->result);
    }

  update_apply (self);
}

static gboolean
recompute_cb (gpointer data)
{
  RdCalculatorPage *self = data;

  self->recompute_id = 0;
  recompute (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_recompute (RdCalculatorPage *self)
{
  if (self->filling || self->recompute_id != 0)
    return;
  self->recompute_id = g_idle_add_full (G_PRIORITY_LOW, recompute_cb, self, NULL);
}


static void
show_paste_problems (RdCalculatorPage *self,
                     GPtrArray        *problems,
                     guint             n_added)
{
  g_autoptr(GString) body = g_string_new (NULL);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  g_string_append_printf (body, ngettext ("%u line was added. These rows were not:",
                                          "%u lines were added. These rows were not:", n_added),
                          n_added);
  for (guint i = 0; i < problems->len; i++)
    g_string_append_printf (body, "\n• %s", (const char *) g_ptr_array_index (problems, i));

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   ngettext ("A Row Could Not Be Read", "Some Rows Could Not Be Read",
                                             problems->len),
                                   body->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Callbacks */

static void
on_input_changed (RdCalculatorPage *self)
{
  schedule_recompute (self);
}

static void
on_context_policy_changed (RdCalculatorPage *self,
                           GParamSpec       *pspec,
                           RdContext        *context)
{
  if (load_policy (self))
    schedule_recompute (self);
}

static void
on_clipboard_text (GObject      *source,
                   GAsyncResult *res,
                   gpointer      data)
{
  g_autoptr(RdCalculatorPage) self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), res, &error);

  if (text == NULL)
    {
      show_toast (self, _("The clipboard holds no text to paste."));
      return;
    }
  rd_calculator_page_paste_text (self, text);
}

static void
add_line_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RdCalculatorPage *self = RD_CALCULATOR_PAGE (widget);
  guint index = rd_calc_lines_grid_add_line (self->lines_grid, NULL, NULL);

  gtk_widget_grab_focus (rd_calc_lines_grid_get_entry (self->lines_grid, index, RD_CALC_COLUMN_NAME));
}

static void
add_discount_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RdCalculatorPage *self = RD_CALCULATOR_PAGE (widget);
  guint index = rd_calc_amount_list_add_row (self->discounts, NULL, NULL, FALSE);

  gtk_widget_grab_focus (rd_calc_amount_list_get_name_entry (self->discounts, index));
}

static void
add_deduction_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RdCalculatorPage *self = RD_CALCULATOR_PAGE (widget);
  guint index = rd_calc_amount_list_add_row (self->deductions, NULL, NULL, FALSE);

  gtk_widget_grab_focus (rd_calc_amount_list_get_name_entry (self->deductions, index));
}

static void
paste_lines_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL,
                                 on_clipboard_text, g_object_ref (widget));
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  RdCalculatorPage *self = RD_CALCULATOR_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!rd_calculator_page_apply (self, &error))
    show_toast (self, error->message);
}

/* Overrides */

static void
rd_calculator_page_dispose (GObject *object)
{
  RdCalculatorPage *self = RD_CALCULATOR_PAGE (object);

  g_clear_handle_id (&self->recompute_id, g_source_remove);
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);

  gtk_widget_dispose_template (GTK_WIDGET (object), RD_TYPE_CALCULATOR_PAGE);

  g_clear_object (&self->context);
  g_clear_object (&self->store);
  g_clear_pointer (&self->input, rd_calc_input_free);
  g_clear_pointer (&self->result, rd_calc_result_free);
  g_clear_pointer (&self->case_no, g_free);
  g_clear_pointer (&self->case_currency, g_free);

  G_OBJECT_CLASS (rd_calculator_page_parent_class)->dispose (object);
}

static void
rd_calculator_page_class_init (RdCalculatorPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_calculator_page_dispose;

  /* The breakdown was stored with the case (its id). */
  signals[CASE_APPLIED] = g_signal_new ("case-applied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (RD_TYPE_CALC_LINES_GRID);
  g_type_ensure (RD_TYPE_CALC_RESULT_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rd-calculator-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RdCalculatorPage, lines_grid);
  gtk_widget_class_bind_template_child (widget_class, RdCalculatorPage, discounts_group);
  gtk_widget_class_bind_template_child (widget_class, RdCalculatorPage, deductions_group);
  gtk_widget_class_bind_template_child (widget_class, RdCalculatorPage, shipping_entry);
  gtk_widget_class_bind_template_child (widget_class, RdCalculatorPage, refunded_before_entry);
  gtk_widget_class_bind_template_child (widget_class, RdCalculatorPage, return_shipping_entry);
  gtk_widget_class_bind_template_child (widget_class, RdCalculatorPage, compensation_entry);
  gtk_widget_class_bind_template_child (widget_class, RdCalculatorPage, shipped_switch);
  gtk_widget_class_bind_template_child (widget_class, RdCalculatorPage, merchant_fault_switch);
  gtk_widget_class_bind_template_child (widget_class, RdCalculatorPage, currency_row);
  gtk_widget_class_bind_template_child (widget_class, RdCalculatorPage, rate_row);
  gtk_widget_class_bind_template_child (widget_class, RdCalculatorPage, rate_entry);
  gtk_widget_class_bind_template_child (widget_class, RdCalculatorPage, instalments_spin);
  gtk_widget_class_bind_template_child (widget_class, RdCalculatorPage, delivered_entry);
  gtk_widget_class_bind_template_child (widget_class, RdCalculatorPage, refund_date_entry);
  gtk_widget_class_bind_template_child (widget_class, RdCalculatorPage, subscription_row);
  gtk_widget_class_bind_template_child (widget_class, RdCalculatorPage, subscription_start_entry);
  gtk_widget_class_bind_template_child (widget_class, RdCalculatorPage, subscription_end_entry);
  gtk_widget_class_bind_template_child (widget_class, RdCalculatorPage, subscription_refund_entry);
  gtk_widget_class_bind_template_child (widget_class, RdCalculatorPage, result_view);
  gtk_widget_class_bind_template_child (widget_class, RdCalculatorPage, case_label);

  gtk_widget_class_install_action (widget_class, "calculator.add-line", NULL, add_line_action);
  gtk_widget_class_install_action (widget_class, "calculator.add-discount", NULL, add_discount_action);
  gtk_widget_class_install_action (widget_class, "calculator.add-deduction", NULL, add_deduction_action);
  gtk_widget_class_install_action (widget_class, "calculator.paste-lines", NULL, paste_lines_action);
  gtk_widget_class_install_action (widget_class, "calculator.apply", NULL, apply_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "calculator.paste-lines", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "calculator.add-line", NULL);
}

static void
rd_calculator_page_init (RdCalculatorPage *self)
{
  g_autoptr(GtkStringList) codes = gtk_string_list_new (NULL);
  const RdCurrency *const *list = rd_currency_list ();
  GtkWidget *editables[10];

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Not bound: a template child that is the bin's own child would be
   * unparented twice on dispose. */
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_bin_get_child (ADW_BIN (self)));

  editables[0] = self->shipping_entry;
  editables[1] = self->refunded_before_entry;
  editables[2] = self->return_shipping_entry;
  editables[3] = self->compensation_entry;
  editables[4] = self->rate_entry;
  editables[5] = self->delivered_entry;
  editables[6] = self->refund_date_entry;
  editables[7] = self->subscription_start_entry;
  editables[8] = self->subscription_end_entry;
  editables[9] = self->subscription_refund_entry;

  for (guint i = 0; list[i] != NULL; i++)
    gtk_string_list_append (codes, list[i]->code);
  adw_combo_row_set_model (self->currency_row, G_LIST_MODEL (codes));

  self->discounts = RD_CALC_AMOUNT_LIST (rd_calc_amount_list_new (TRUE));
  adw_preferences_group_add (self->discounts_group, GTK_WIDGET (self->discounts));
  self->deductions = RD_CALC_AMOUNT_LIST (rd_calc_amount_list_new (FALSE));
  adw_preferences_group_add (self->deductions_group, GTK_WIDGET (self->deductions));

  for (guint i = 0; i < G_N_ELEMENTS (editables); i++)
    g_signal_connect_object (editables[i], "changed", G_CALLBACK (on_input_changed), self,
                             G_CONNECT_SWAPPED);
  g_signal_connect_object (self->lines_grid, "changed", G_CALLBACK (on_input_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->discounts, "changed", G_CALLBACK (on_input_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->deductions, "changed", G_CALLBACK (on_input_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->shipped_switch, "notify::active", G_CALLBACK (on_input_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->merchant_fault_switch, "notify::active", G_CALLBACK (on_input_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->currency_row, "notify::selected", G_CALLBACK (on_input_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->instalments_spin, "value-changed", G_CALLBACK (on_input_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->subscription_row, "notify::enable-expansion",
                           G_CALLBACK (on_input_changed), self, G_CONNECT_SWAPPED);

  self->filling = TRUE;
  _rd_calculator_page_set_currency (self, "CNY");
  rd_calc_lines_grid_add_line (self->lines_grid, NULL, NULL);
  self->filling = FALSE;
  recompute (self);
}

/* Public API */

GtkWidget *
rd_calculator_page_new (RdContext *context)
{
  GtkWidget *self = g_object_new (RD_TYPE_CALCULATOR_PAGE, NULL);

  rd_calculator_page_set_context (RD_CALCULATOR_PAGE (self), context);

  return self;
}

void
rd_calculator_page_set_context (RdCalculatorPage *self,
                                RdContext        *context)
{
  g_return_if_fail (RD_IS_CALCULATOR_PAGE (self));
  g_return_if_fail (RD_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL);

  self->context = g_object_ref (context);
  g_signal_connect_object (context, "notify::policy", G_CALLBACK (on_context_policy_changed), self,
                           G_CONNECT_SWAPPED);
  if (load_policy (self))
    recompute (self);
}

void
rd_calculator_page_set_store (RdCalculatorPage *self,
                              RdStore          *store)
{
  g_return_if_fail (RD_IS_CALCULATOR_PAGE (self));
  g_return_if_fail (store == NULL || RD_IS_STORE (store));

  g_set_object (&self->store, store);
}

RdCalcLinesGrid *
rd_calculator_page_get_lines_grid (RdCalculatorPage *self)
{
  g_return_val_if_fail (RD_IS_CALCULATOR_PAGE (self), NULL);

  return self->lines_grid;
}

RdCalcResultView *
rd_calculator_page_get_result_view (RdCalculatorPage *self)
{
  g_return_val_if_fail (RD_IS_CALCULATOR_PAGE (self), NULL);

  return self->result_view;
}

const RdCalcResult *
rd_calculator_page_get_result (RdCalculatorPage *self)
{
  g_return_val_if_fail (RD_IS_CALCULATOR_PAGE (self), NULL);

  return self->result;
}

void
rd_calculator_page_add_discount (RdCalculatorPage *self,
                                 const char       *name,
                                 const char       *amount,
                                 gboolean          platform_funded)
{
  g_return_if_fail (RD_IS_CALCULATOR_PAGE (self));

  rd_calc_amount_list_add_row (self->discounts, name, amount, platform_funded);
}

void
rd_calculator_page_clear (RdCalculatorPage *self)
{
  g_return_if_fail (RD_IS_CALCULATOR_PAGE (self));

  self->filling = TRUE;
  _rd_calculator_page_clear_inputs (self);
  rd_calc_lines_grid_add_line (self->lines_grid, NULL, NULL);
  self->filling = FALSE;

  self->case_id = 0;
  g_clear_pointer (&self->case_no, g_free);
  g_clear_pointer (&self->case_currency, g_free);
  gtk_label_set_label (self->case_label, _("No case"));
  recompute (self);
}

guint
rd_calculator_page_paste_text (RdCalculatorPage *self,
                               const char       *text)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  const RdCurrency *currency;
  guint n;

  g_return_val_if_fail (RD_IS_CALCULATOR_PAGE (self), 0);
  g_return_val_if_fail (text != NULL, 0);

  currency = _rd_calculator_page_get_currency (self);
  lines = rd_calc_paste_parse (text, currency, &problems);

  /* Pasted lines replace the blank lines at the end. */
  if (lines->len > 0)
    {
      n = rd_calc_lines_grid_get_n_lines (self->lines_grid);
      while (n > 0)
        {
          GtkWidget *cells[RD_CALC_N_COLUMNS];
          gboolean blank = TRUE;

          for (guint c = 0; c < RD_CALC_N_COLUMNS; c++)
            {
              cells[c] = rd_calc_lines_grid_get_entry (self->lines_grid, n - 1, c);
              blank = blank && *gtk_editable_get_text (GTK_EDITABLE (cells[c])) == '\0';
            }
          if (!blank)
            break;
          rd_calc_lines_grid_remove_line (self->lines_grid, --n);
        }
    }

  for (guint i = 0; i < lines->len; i++)
    rd_calc_lines_grid_add_line (self->lines_grid, g_ptr_array_index (lines, i), currency);

  if (problems != NULL && problems->len > 0)
    show_paste_problems (self, problems, lines->len);
  else if (lines->len == 0)
    show_toast (self, _("The clipboard holds no order lines."));
  else
    {
      g_autofree char *text_added = g_strdup_printf (ngettext ("%u line added", "%u lines added", lines->len),
                                                     lines->len);
      show_toast (self, text_added);
    }

  return lines->len;
}

void
rd_calculator_page_load_case (RdCalculatorPage *self,
                              gint64            case_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) rcase = NULL;
  g_autoptr(RdCalcInput) stored = NULL;
  g_autofree char *label = NULL;
  RdStore *store;

  g_return_if_fail (RD_IS_CALCULATOR_PAGE (self));

  store = get_store (self);
  if (store == NULL)
    {
      show_toast (self, _("No ledger is open."));
      return;
    }

  rcase = rd_case_store_get (store, case_id, &error);
  if (rcase == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  if (rcase->breakdown != NULL)
    {
      stored = rd_calc_input_from_breakdown (rcase->breakdown, &error);
      if (stored == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("The breakdown stored with case %s could not be read: %s"),
                                                      rcase->case_no, error->message);
          show_toast (self, message);
          g_clear_error (&error);
        }
    }

  /* Nothing computed for the case yet: start from what the case says
   * (whose fault, shipped or not, what the order refunded before). */
  if (stored == NULL)
    {
      stored = rd_case_calc_input_new (store, self->context != NULL ? rd_context_get_settings (self->context) : NULL,
                                       rcase, &error);
      if (stored == NULL)
        {
          show_toast (self, error->message);
          return;
        }
    }

  self->filling = TRUE;
  _rd_calculator_page_clear_inputs (self);
  _rd_calculator_page_fill (self, stored);
  self->filling = FALSE;

  self->case_id = rcase->id;
  g_free (self->case_no);
  self->case_no = g_strdup (rcase->case_no);
  g_free (self->case_currency);
  self->case_currency = g_strdup (rcase->currency ? rcase->currency : "CNY");

  label = g_strdup_printf (_("Case %s · order %s"), rcase->case_no, rcase->order_no ? rcase->order_no : "");
  gtk_label_set_label (self->case_label, label);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->case_label), label);

  recompute (self);
}

gint64
rd_calculator_page_get_case_id (RdCalculatorPage *self)
{
  g_return_val_if_fail (RD_IS_CALCULATOR_PAGE (self), 0);

  return self->case_id;
}

gboolean
rd_calculator_page_apply (RdCalculatorPage  *self,
                          GError           **error)
{
  const char *operator;
  g_autofree char *breakdown = NULL;
  g_autofree char *total = NULL;
  g_autofree char *done = NULL;
  RdStore *store;

  g_return_val_if_fail (RD_IS_CALCULATOR_PAGE (self), FALSE);

  if (self->recompute_id != 0)
    recompute (self);

  if (self->case_id == 0 || self->result == NULL)
    {
      g_set_error_literal (error, RD_CALC_ERROR, RD_CALC_ERROR_INVALID,
                           self->case_id == 0 ? _("Open the calculator from a case to apply it.")
                                              : _("Fix the highlighted field first."));
      return FALSE;
    }

  store = get_store (self);
  if (store == NULL)
    {
      g_set_error_literal (error, RD_CALC_ERROR, RD_CALC_ERROR_INVALID, _("No ledger is open."));
      return FALSE;
    }

  operator = rd_context_get_operator (self->context);
  if (*operator == '\0')
    {
      g_set_error_literal (error, RD_CALC_ERROR, RD_CALC_ERROR_INVALID,
                           _("Choose the current operator in the header bar first."));
      return FALSE;
    }

  if (g_strcmp0 (self->result->currency->code, self->case_currency) != 0)
    {
      g_set_error (error, RD_CALC_ERROR, RD_CALC_ERROR_UNKNOWN_CURRENCY,
                   _("Case %s is in %s; set the calculator’s currency to %s to apply it."),
                   self->case_no, self->case_currency, self->case_currency);
      return FALSE;
    }

  breakdown = rd_calc_breakdown_to_json_data (self->input, self->result);
  if (!rd_case_store_apply_breakdown (store, self->case_id, breakdown, self->result->total,
                                      operator, error))
    return FALSE;

  total = rd_money_format (self->result->total, self->result->currency);
  done = g_strdup_printf (_("Refund of %s stored with case %s."), total, self->case_no);
  show_toast (self, done);
  g_signal_emit (self, signals[CASE_APPLIED], 0, self->case_id);
  return TRUE;
}
