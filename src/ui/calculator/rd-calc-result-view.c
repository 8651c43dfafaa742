/* rd-calc-result-view.c
 *
 * The right pane of the Calculator page, built in code: a GtkStack of the
 * empty state and the result.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-calc-result-view.h"

struct _RdCalcResultView
{
  AdwBin      parent_instance;

  GtkStack   *stack;
  GtkWidget  *result_box;
  GtkWidget  *problem_label;
  GtkWidget  *warnings_box;
  GtkWidget  *warnings_list;
  GtkWidget  *total_box;
  GtkWidget  *breakdown_title;
  GtkWidget  *total_label;
  GtkWidget  *cny_label;
  GtkWidget  *instalments_label;
  GtkListBox *breakdown_list;
};

G_DEFINE_FINAL_TYPE (RdCalcResultView, rd_calc_result_view, ADW_TYPE_BIN)

static const struct
{
  const char *rule;
  const char *title;
} rule_titles[] = {
  { "goods", N_("Goods") },
  { "order_discount", N_("Order Discounts") },
  { "subscription", N_("Unused Subscription") },
  { "shipping", N_("Shipping") },
  { "deduction", N_("Deduction") },
  { "cap_paid", N_("Capped at What Was Paid") },
  { "cap_zero", N_("Never Below Zero") },
  { "return_shipping", N_("Return Shipping") },
  { "compensation", N_("Compensation") },
  { "exchange", N_("Exchange Rate") },
  { "instalments", N_("Instalments") },
};

static const char *
rule_title (const char *rule)
{
  for (guint i = 0; i < G_N_ELEMENTS (rule_titles); i++)
    if (g_strcmp0 (rule_titles[i].rule, rule) == 0)
      return _(rule_titles[i].title);
  return rule;
}

static void
remove_all_children (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    {
      if (GTK_IS_LIST_BOX (box))
        gtk_list_box_remove (GTK_LIST_BOX (box), child);
      else
        gtk_box_remove (GTK_BOX (box), child);
    }
}

static GtkWidget *
new_label (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  /* Wrapped text must not widen the pane. */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
new_breakdown_row (const RdCalcBreakdownRow *row,
                   const RdCurrency         *currency)
{
  g_autofree char *amount = rd_money_format (row->amount, currency);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title = new_label (rule_title (row->rule), "heading");
  GtkWidget *amount_label = gtk_label_new (amount);
  GtkWidget *list_row = gtk_list_box_row_new ();

  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (amount_label, "numeric");
  if (row->amount == 0)
    gtk_widget_add_css_class (amount_label, "dim-label");
  gtk_box_append (GTK_BOX (top), title);
  gtk_box_append (GTK_BOX (top), amount_label);
  gtk_box_append (GTK_BOX (box), top);
  if (row->explanation != NULL && *row->explanation != '\0')
    {
      GtkWidget *explanation = new_label (row->explanation, "dim-label");

      gtk_label_set_selectable (GTK_LABEL (explanation), TRUE);
      gtk_widget_set_focusable (explanation, FALSE);
      gtk_box_append (GTK_BOX (box), explanation);
    }

  gtk_widget_set_margin_top (box, 9);
  gtk_widget_set_margin_bottom (box, 9);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (list_row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (list_row), FALSE);
  return list_row;
}

static void
rd_calc_result_view_class_init (RdCalcResultViewClass *klass)
{
}

static void
rd_calc_result_view_init (RdCalcResultView *self)
{
  GtkWidget *empty;
  GtkWidget *total_box;
  GtkWidget *caption;
  GtkWidget *icon;
  GtkWidget *breakdown_title;

  self->stack = GTK_STACK (gtk_stack_new ());
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->stack));

  empty = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "accessories-calculator-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Order Lines Yet"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Add the order’s lines to see the refund, or paste them from the platform’s order page."));
  gtk_widget_add_css_class (empty, "compact");
  gtk_stack_add_named (self->stack, empty, "empty");

  self->result_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (self->result_box, 18);
  gtk_widget_set_margin_bottom (self->result_box, 18);
  gtk_widget_set_margin_start (self->result_box, 18);
  gtk_widget_set_margin_end (self->result_box, 18);

  self->problem_label = new_label (NULL, "error");
  gtk_widget_set_visible (self->problem_label, FALSE);
  gtk_box_append (GTK_BOX (self->result_box), self->problem_label);

  /* Warnings: a styled box with an icon, on top, never missed. */
  self->warnings_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (self->warnings_box, "rd-calc-warnings");
  icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (self->warnings_box), icon);
  self->warnings_list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_hexpand (self->warnings_list, TRUE);
  gtk_box_append (GTK_BOX (self->warnings_box), self->warnings_list);
  gtk_widget_set_visible (self->warnings_box, FALSE);
  gtk_box_append (GTK_BOX (self->result_box), self->warnings_box);

  total_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  caption = new_label (_("Refund Now"), "caption-heading");
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_box_append (GTK_BOX (total_box), caption);
  self->total_label = new_label (NULL, "title-1");
  gtk_widget_add_css_class (self->total_label, "numeric");
  gtk_label_set_selectable (GTK_LABEL (self->total_label), TRUE);
  gtk_widget_set_focusable (self->total_label, FALSE);
  gtk_box_append (GTK_BOX (total_box), self->total_label);
  self->cny_label = new_label (NULL, "dim-label");
  gtk_box_append (GTK_BOX (total_box), self->cny_label);
  self->instalments_label = new_label (NULL, "dim-label");
  gtk_box_append (GTK_BOX (total_box), self->instalments_label);
  gtk_box_append (GTK_BOX (self->result_box), total_box);
  self->total_box = total_box;

  breakdown_title = new_label (_("How It Is Worked Out"), "heading");
  gtk_widget_set_margin_top (breakdown_title, 6);
  gtk_box_append (GTK_BOX (self->result_box), breakdown_title);
  self->breakdown_title = breakdown_title;
  self->breakdown_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->breakdown_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->breakdown_list), "boxed-list");
  gtk_box_append (GTK_BOX (self->result_box), GTK_WIDGET (self->breakdown_list));

  gtk_stack_add_named (self->stack, self->result_box, "result");
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

GtkWidget *
rd_calc_result_view_new (void)
{
  return g_object_new (RD_TYPE_CALC_RESULT_VIEW, NULL);
}

void
rd_calc_result_view_show_empty (RdCalcResultView *self)
{
  g_return_if_fail (RD_IS_CALC_RESULT_VIEW (self));

  gtk_label_set_label (GTK_LABEL (self->total_label), "");
  gtk_widget_set_visible (self->problem_label, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

void
rd_calc_result_view_show_result (RdCalcResultView   *self,
                                 const RdCalcResult *result)
{
  g_autofree char *total = NULL;

  g_return_if_fail (RD_IS_CALC_RESULT_VIEW (self));
  g_return_if_fail (result != NULL);

  remove_all_children (self->warnings_list);
  for (guint i = 0; i < result->warnings->len; i++)
    {
      const RdCalcWarning *warning = g_ptr_array_index (result->warnings, i);

      gtk_box_append (GTK_BOX (self->warnings_list), new_label (warning->text, NULL));
    }
  gtk_widget_set_visible (self->warnings_box, result->warnings->len > 0);

  total = rd_money_format (result->total, result->currency);
  gtk_label_set_label (GTK_LABEL (self->total_label), total);

  if (result->has_total_cny)
    {
      g_autofree char *cny = rd_money_format (result->total_cny, rd_currency_lookup ("CNY"));
      g_autofree char *text = g_strdup_printf (_("%s in CNY at the recorded rate"), cny);

      gtk_label_set_label (GTK_LABEL (self->cny_label), text);
    }
  gtk_widget_set_visible (self->cny_label, result->has_total_cny);

  if (result->instalments->len > 1)
    {
      g_autoptr(GString) parts = g_string_new (NULL);
      g_autofree char *text = NULL;

      for (guint i = 0; i < result->instalments->len; i++)
        {
          g_autofree char *part = rd_money_format (g_array_index (result->instalments, gint64, i),
                                                   result->currency);

          if (i > 0)
            g_string_append (parts, _(" + "));
          g_string_append (parts, part);
        }
      text = g_strdup_printf (ngettext ("In %u instalment: %s", "In %u instalments: %s",
                                        result->instalments->len),
                              result->instalments->len, parts->str);
      gtk_label_set_label (GTK_LABEL (self->instalments_label), text);
    }
  gtk_widget_set_visible (self->instalments_label, result->instalments->len > 1);

  remove_all_children (GTK_WIDGET (self->breakdown_list));
  for (guint i = 0; i < result->breakdown->len; i++)
    gtk_list_box_append (self->breakdown_list,
                         new_breakdown_row (g_ptr_array_index (result->breakdown, i), result->currency));

  gtk_widget_set_visible (self->problem_label, FALSE);
  gtk_widget_set_visible (self->total_box, TRUE);
  gtk_widget_set_visible (self->breakdown_title, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->breakdown_list), TRUE);
  gtk_widget_remove_css_class (self->result_box, "rd-calc-stale");
  gtk_stack_set_visible_child_name (self->stack, "result");
}

void
rd_calc_result_view_show_problem (RdCalcResultView *self,
                                  const char       *message)
{
  g_autofree char *text = NULL;
  gboolean had_result;

  g_return_if_fail (RD_IS_CALC_RESULT_VIEW (self));

  had_result = *gtk_label_get_label (GTK_LABEL (self->total_label)) != '\0';
  text = g_strdup_printf (_("Fix the highlighted field: %s"), message);
  gtk_label_set_label (GTK_LABEL (self->problem_label), text);
  gtk_widget_set_visible (self->problem_label, TRUE);
  gtk_widget_add_css_class (self->result_box, "rd-calc-stale");

  /* With no earlier result, only the message. */
  gtk_widget_set_visible (self->warnings_box, had_result && gtk_widget_get_visible (self->warnings_box));
  gtk_widget_set_visible (self->total_box, had_result);
  gtk_widget_set_visible (self->breakdown_title, had_result);
  gtk_widget_set_visible (GTK_WIDGET (self->breakdown_list), had_result);
  gtk_stack_set_visible_child_name (self->stack, "result");
}

const char *
rd_calc_result_view_get_total_text (RdCalcResultView *self)
{
  g_return_val_if_fail (RD_IS_CALC_RESULT_VIEW (self), NULL);

  return gtk_label_get_label (GTK_LABEL (self->total_label));
}

gboolean
rd_calc_result_view_get_warnings_shown (RdCalcResultView *self)
{
  g_return_val_if_fail (RD_IS_CALC_RESULT_VIEW (self), FALSE);

  return gtk_widget_get_visible (self->warnings_box) &&
         g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "result") == 0;
}

const char *
rd_calc_result_view_get_problem_text (RdCalcResultView *self)
{
  g_return_val_if_fail (RD_IS_CALC_RESULT_VIEW (self), NULL);

  return gtk_widget_get_visible (self->problem_label)
         ? gtk_label_get_label (GTK_LABEL (self->problem_label)) : NULL;
}
