/* rd-calc-amount-list.c
 *
 * Rows of (name, amount[, platform-funded]) in a boxed GtkListBox.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-calc-amount-list.h"
#include "rd-calc-field.h"

typedef struct
{
  GtkWidget *row;
  GtkWidget *name;
  GtkWidget *amount;
  GtkWidget *platform;     /* NULL for deductions */
} Row;

struct _RdCalcAmountList
{
  AdwBin      parent_instance;

  GtkListBox *list;
  GPtrArray  *rows;         /* of Row */
  gboolean    discounts;
};

G_DEFINE_FINAL_TYPE (RdCalcAmountList, rd_calc_amount_list, ADW_TYPE_BIN)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static guint
row_index (RdCalcAmountList *self,
           GtkWidget        *widget)
{
  GtkWidget *list_row = gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_BOX_ROW);

  for (guint i = 0; i < self->rows->len; i++)
    if (((Row *) g_ptr_array_index (self->rows, i))->row == list_row)
      return i;
  return G_MAXUINT;
}

static void
on_changed (RdCalcAmountList *self,
            GtkWidget        *widget)
{
  if (GTK_IS_EDITABLE (widget))
    rd_calc_field_unmark (widget);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_platform_active_changed (RdCalcAmountList *self,
                            GParamSpec       *pspec,
                            GtkWidget        *widget)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_remove_clicked (RdCalcAmountList *self,
                   GtkButton        *button)
{
  guint index = row_index (self, GTK_WIDGET (button));
  Row *row;

  if (index == G_MAXUINT)
    return;

  row = g_ptr_array_index (self->rows, index);
  gtk_list_box_remove (self->list, row->row);
  g_ptr_array_remove_index (self->rows, index);
  gtk_widget_set_visible (GTK_WIDGET (self->list), self->rows->len > 0);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
rd_calc_amount_list_dispose (GObject *object)
{
  RdCalcAmountList *self = RD_CALC_AMOUNT_LIST (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (rd_calc_amount_list_parent_class)->dispose (object);
}

static void
rd_calc_amount_list_class_init (RdCalcAmountListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rd_calc_amount_list_dispose;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
rd_calc_amount_list_init (RdCalcAmountList *self)
{
  self->rows = g_ptr_array_new_with_free_func (g_free);
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_widget_set_visible (GTK_WIDGET (self->list), FALSE);
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->list));
}

GtkWidget *
rd_calc_amount_list_new (gboolean discounts)
{
  RdCalcAmountList *self = g_object_new (RD_TYPE_CALC_AMOUNT_LIST, NULL);

  self->discounts = discounts;
  return GTK_WIDGET (self);
}

guint
rd_calc_amount_list_get_n_rows (RdCalcAmountList *self)
{
  g_return_val_if_fail (RD_IS_CALC_AMOUNT_LIST (self), 0);

  return self->rows->len;
}

guint
rd_calc_amount_list_add_row (RdCalcAmountList *self,
                             const char       *name,
                             const char       *amount,
                             gboolean          platform_funded)
{
  Row *row = g_new0 (Row, 1);
  GtkWidget *box;
  GtkWidget *remove;

  g_return_val_if_fail (RD_IS_CALC_AMOUNT_LIST (self), 0);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);

  row->name = gtk_entry_new ();
  gtk_widget_set_hexpand (row->name, TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (row->name),
                                  self->discounts ? _("Shop coupon, 满减…") : _("Restocking, damage…"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->name), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->discounts ? _("Discount name") : _("Deduction name"), -1);
  if (name != NULL)
    gtk_editable_set_text (GTK_EDITABLE (row->name), name);
  gtk_box_append (GTK_BOX (box), row->name);

  row->amount = gtk_entry_new ();
  gtk_editable_set_width_chars (GTK_EDITABLE (row->amount), 8);
  gtk_editable_set_alignment (GTK_EDITABLE (row->amount), 1.0);
  gtk_entry_set_input_purpose (GTK_ENTRY (row->amount), GTK_INPUT_PURPOSE_NUMBER);
  gtk_entry_set_placeholder_text (GTK_ENTRY (row->amount), _("Amount"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->amount), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Amount"), -1);
  if (amount != NULL)
    gtk_editable_set_text (GTK_EDITABLE (row->amount), amount);
  gtk_box_append (GTK_BOX (box), row->amount);

  if (self->discounts)
    {
      GtkWidget *label = gtk_label_new (_("Platform"));

      gtk_widget_add_css_class (label, "dim-label");
      row->platform = gtk_switch_new ();
      gtk_widget_set_valign (row->platform, GTK_ALIGN_CENTER);
      gtk_switch_set_active (GTK_SWITCH (row->platform), platform_funded);
      gtk_widget_set_tooltip_text (row->platform, _("The platform paid this discount, not the shop"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (row->platform), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Funded by the platform"), -1);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), row->platform);
      g_signal_connect_object (row->platform, "notify::active",
                               G_CALLBACK (on_platform_active_changed), self, G_CONNECT_SWAPPED);
    }

  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  g_signal_connect_object (remove, "clicked", G_CALLBACK (on_remove_clicked), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), remove);

  row->row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row->row), FALSE);
  gtk_widget_set_focusable (row->row, FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row->row), box);
  gtk_list_box_append (self->list, row->row);
  gtk_widget_set_visible (GTK_WIDGET (self->list), TRUE);
  g_ptr_array_add (self->rows, row);

  g_signal_connect_object (row->name, "changed", G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row->amount, "changed", G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);

  g_signal_emit (self, signals[CHANGED], 0);
  return self->rows->len - 1;
}

void
rd_calc_amount_list_clear (RdCalcAmountList *self)
{
  g_return_if_fail (RD_IS_CALC_AMOUNT_LIST (self));

  while (self->rows->len > 0)
    {
      Row *row = g_ptr_array_index (self->rows, self->rows->len - 1);

      gtk_list_box_remove (self->list, row->row);
      g_ptr_array_remove_index (self->rows, self->rows->len - 1);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->list), FALSE);
  g_signal_emit (self, signals[CHANGED], 0);
}

GtkWidget *
rd_calc_amount_list_get_name_entry (RdCalcAmountList *self,
                                    guint             index)
{
  g_return_val_if_fail (RD_IS_CALC_AMOUNT_LIST (self), NULL);
  g_return_val_if_fail (index < self->rows->len, NULL);

  return ((Row *) g_ptr_array_index (self->rows, index))->name;
}

GtkWidget *
rd_calc_amount_list_get_amount_entry (RdCalcAmountList *self,
                                      guint             index)
{
  g_return_val_if_fail (RD_IS_CALC_AMOUNT_LIST (self), NULL);
  g_return_val_if_fail (index < self->rows->len, NULL);

  return ((Row *) g_ptr_array_index (self->rows, index))->amount;
}

void
rd_calc_amount_list_clear_errors (RdCalcAmountList *self)
{
  g_return_if_fail (RD_IS_CALC_AMOUNT_LIST (self));

  for (guint i = 0; i < self->rows->len; i++)
    rd_calc_field_unmark (((Row *) g_ptr_array_index (self->rows, i))->amount);
}

gboolean
rd_calc_amount_list_collect (RdCalcAmountList *self,
                             const RdCurrency *currency,
                             RdCalcInput      *input,
                             GArray           *rows,
                             GError          **error)
{
  GError *first_error = NULL;
  gboolean described = FALSE;

  g_return_val_if_fail (RD_IS_CALC_AMOUNT_LIST (self), FALSE);

  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);
      g_autofree char *name = rd_calc_field_text (row->name);
      g_autofree char *amount_text = rd_calc_field_text (row->amount);
      gint64 amount = 0;

      if (*name == '\0' && *amount_text == '\0')
        continue;

      if (!rd_calc_field_amount (row->amount, currency, FALSE, &amount,
                                 first_error ? NULL : &first_error))
        {
          if (first_error != NULL && !described)
            {
              described = TRUE;
              if (self->discounts)
                g_prefix_error (&first_error, _("Discount %u: "), i + 1);
              else
                g_prefix_error (&first_error, _("Deduction %u: "), i + 1);
            }
          continue;
        }

      if (self->discounts)
        g_ptr_array_add (input->discounts,
                         rd_calc_discount_new (*name ? name : NULL, amount,
                                               gtk_switch_get_active (GTK_SWITCH (row->platform))));
      else
        g_ptr_array_add (input->deductions, rd_calc_deduction_new (*name ? name : NULL, amount));
      if (rows != NULL)
        g_array_append_val (rows, i);
    }

  if (first_error != NULL)
    {
      g_propagate_error (error, first_error);
      return FALSE;
    }
  return TRUE;
}
