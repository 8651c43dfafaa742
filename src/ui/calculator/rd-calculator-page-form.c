/* rd-calculator-page-form.c
 *
 * The Calculator page's inputs: reading every field into an RdCalcInput
 * (marking each one that cannot be read), placing the engine's errors on
 * their field, and filling the fields from an input.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "rd-calc-field.h"
#include "rd-calculator-page-private.h"

/* The fields outside the lists, by the name the engine's errors use. */
typedef struct
{
  const char *field;
  gsize       offset;           /* of the widget in RdCalculatorPage */
  const char *title;
} Field;

#define FIELD(name, member, title) { name, G_STRUCT_OFFSET (RdCalculatorPage, member), title }
static const Field fields[] = {
  FIELD ("shipping_paid", shipping_entry, N_("Shipping Paid")),
  FIELD ("refunded_before", refunded_before_entry, N_("Refunded Before")),
  FIELD ("return_shipping", return_shipping_entry, N_("Return Shipping")),
  FIELD ("compensation", compensation_entry, N_("Compensation Instead")),
  FIELD ("exchange_rate", rate_entry, N_("Exchange Rate")),
  FIELD ("instalments", instalments_spin, N_("Instalments")),
  FIELD ("delivered", delivered_entry, N_("Delivered On")),
  FIELD ("refund_date", refund_date_entry, N_("Refund Asked On")),
  FIELD ("subscription.start", subscription_start_entry, N_("Period Starts")),
  FIELD ("subscription.end", subscription_end_entry, N_("Period Ends")),
  FIELD ("subscription.refund_date", subscription_refund_entry, N_("Cancelled On")),
};
#undef FIELD

static GtkWidget *
field_widget (RdCalculatorPage *self,
              const Field      *field)
{
  return G_STRUCT_MEMBER (GtkWidget *, self, field->offset);
}

static const Field *
find_field (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (fields[i].field, name) == 0)
      return &fields[i];
  return NULL;
}

const RdCurrency *
_rd_calculator_page_get_currency (RdCalculatorPage *self)
{
  const RdCurrency *const *list = rd_currency_list ();
  guint selected = adw_combo_row_get_selected (self->currency_row);

  for (guint i = 0; list[i] != NULL; i++)
    if (i == selected)
      return list[i];
  return rd_currency_default ();
}

void
_rd_calculator_page_set_currency (RdCalculatorPage *self,
              const char       *code)
{
  const RdCurrency *currency = rd_currency_lookup (code != NULL ? code : "CNY");
  const RdCurrency *const *list = rd_currency_list ();

  for (guint i = 0; list[i] != NULL; i++)
    if (list[i] == currency)
      adw_combo_row_set_selected (self->currency_row, i);
}

static void
set_entry_amount (GtkWidget        *entry,
                  gint64            amount,
                  gboolean          show_zero,
                  const RdCurrency *currency)
{
  g_autofree char *text = NULL;

  if (amount != 0 || show_zero)
    text = rd_money_format_plain (amount, currency);
  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
}

static void
set_entry_date (GtkWidget   *entry,
                const GDate *date)
{
  char text[16] = "";

  if (g_date_valid (date))
    g_snprintf (text, sizeof text, "%04u-%02u-%02u",
                (guint) g_date_get_year (date), (guint) g_date_get_month (date),
                (guint) g_date_get_day (date));
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

/* Reads a YYYY-MM-DD entry; empty leaves date cleared. */
static gboolean
read_date (GtkWidget  *entry,
           GDate      *date,
           GError    **error)
{
  g_autofree char *text = rd_calc_field_text (entry);
  g_autofree char *message = NULL;
  int year, month, day, consumed = 0;

  g_date_clear (date, 1);
  if (*text == '\0')
    return TRUE;

  if (strlen (text) == 10 &&
      sscanf (text, "%4d-%2d-%2d%n", &year, &month, &day, &consumed) == 3 &&
      consumed == 10 && g_date_valid_dmy (day, month, year))
    {
      g_date_set_dmy (date, day, month, year);
      return TRUE;
    }

  message = g_strdup_printf (_("“%s” is not a date; write it as YYYY-MM-DD"), text);
  rd_calc_field_mark (entry, message);
  g_set_error_literal (error, RD_CALC_ERROR, RD_CALC_ERROR_INVALID, message);
  return FALSE;
}

void
_rd_calculator_page_clear_errors (RdCalculatorPage *self)
{
  rd_calc_lines_grid_clear_errors (self->lines_grid);
  rd_calc_amount_list_clear_errors (self->discounts);
  rd_calc_amount_list_clear_errors (self->deductions);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    rd_calc_field_unmark (field_widget (self, &fields[i]));
}

/* Keeps the first problem, named after where it is. */
static void
keep_error (GError     **first,
            GError      *error,
            const char  *where)
{
  if (*first != NULL || error == NULL)
    {
      g_clear_error (&error);
      return;
    }
  if (where != NULL)
    g_prefix_error (&error, "%s: ", where);
  *first = error;
}

static void
read_field_amount (RdCalculatorPage *self,
                   const char       *name,
                   const RdCurrency *currency,
                   gint64           *out,
                   gboolean         *present,
                   GError          **first)
{
  const Field *field = find_field (name);
  GtkWidget *entry = field_widget (self, field);
  g_autofree char *text = rd_calc_field_text (entry);
  GError *error = NULL;

  if (present != NULL)
    *present = *text != '\0';
  if (!rd_calc_field_amount (entry, currency, TRUE, out, &error))
    keep_error (first, error, _(field->title));
}

static void
read_field_date (RdCalculatorPage *self,
                 const char       *name,
                 GDate            *date,
                 GError          **first)
{
  const Field *field = find_field (name);
  GError *error = NULL;

  if (!read_date (field_widget (self, field), date, &error))
    keep_error (first, error, _(field->title));
}

/* Reads the whole page into a new input; NULL with *first set when a field
 * cannot be read. lines, discounts and deductions get the widget index of
 * each input element. */
RdCalcInput *
_rd_calculator_page_read_input (RdCalculatorPage *self,
            GArray           *lines,
            GArray           *discounts,
            GArray           *deductions,
            GError          **first)
{
  g_autoptr(RdCalcInput) input = rd_calc_input_new ();
  const RdCurrency *currency = _rd_calculator_page_get_currency (self);
  GError *error = NULL;
  g_autofree char *rate = NULL;

  input->currency = g_strdup (currency->code);

  if (!rd_calc_lines_grid_collect (self->lines_grid, currency, input, lines, &error))
    keep_error (first, error, NULL);
  error = NULL;
  if (!rd_calc_amount_list_collect (self->discounts, currency, input, discounts, &error))
    keep_error (first, error, NULL);
  error = NULL;
  if (!rd_calc_amount_list_collect (self->deductions, currency, input, deductions, &error))
    keep_error (first, error, NULL);
  error = NULL;

  read_field_amount (self, "shipping_paid", currency, &input->shipping_paid, NULL, first);
  read_field_amount (self, "refunded_before", currency, &input->refunded_before, NULL, first);
  read_field_amount (self, "return_shipping", currency, &input->return_shipping, NULL, first);
  read_field_amount (self, "compensation", currency, &input->compensation,
                     &input->has_compensation, first);

  input->shipped = gtk_switch_get_active (self->shipped_switch);
  input->merchant_fault = gtk_switch_get_active (self->merchant_fault_switch);
  input->instalments = (guint) gtk_spin_button_get_value_as_int (self->instalments_spin);

  rate = rd_calc_field_text (self->rate_entry);
  if (*rate != '\0' && g_strcmp0 (currency->code, "CNY") != 0)
    {
      gint64 micro;

      if (rd_calc_parse_rate (rate, &micro, &error))
        input->exchange_rate = g_steal_pointer (&rate);
      else
        {
          rd_calc_field_mark (self->rate_entry, error->message);
          keep_error (first, error, _("Exchange Rate"));
        }
    }

  read_field_date (self, "delivered", &input->delivered_date, first);
  read_field_date (self, "refund_date", &input->refund_date, first);
  if (adw_expander_row_get_enable_expansion (self->subscription_row))
    {
      read_field_date (self, "subscription.start", &input->subscription_start, first);
      read_field_date (self, "subscription.end", &input->subscription_end, first);
      read_field_date (self, "subscription.refund_date", &input->subscription_refund_date, first);
    }

  if (*first != NULL)
    return NULL;
  return g_steal_pointer (&input);
}

/* "lines[1].refund_quantity: 3 is more than…" → marks that cell and returns
 * the message with the place in words. */
char *
_rd_calculator_page_mark_engine_error (RdCalculatorPage *self,
                   const char       *text,
                   GArray           *lines,
                   GArray           *discounts,
                   GArray           *deductions)
{
  const char *colon = strstr (text, ": ");
  g_autofree char *path = NULL;
  const char *message;
  guint index = 0;
  char member[64] = "";
  const Field *field;

  if (colon == NULL)
    return g_strdup (text);

  path = g_strndup (text, colon - text);
  message = colon + 2;

  if (sscanf (path, "lines[%u].%63s", &index, member) == 2 && index < lines->len)
    {
      int column = rd_calc_lines_grid_column_from_field (member);
      guint row = g_array_index (lines, guint, index);

      if (column >= 0)
        {
          g_autofree char *where = rd_calc_lines_grid_describe_cell (row, column);

          rd_calc_lines_grid_mark_error (self->lines_grid, row, column, message);
          return g_strdup_printf ("%s: %s", where, message);
        }
    }
  else if (sscanf (path, "discounts[%u]", &index) == 1 && index < discounts->len)
    {
      guint row = g_array_index (discounts, guint, index);

      rd_calc_field_mark (rd_calc_amount_list_get_amount_entry (self->discounts, row), message);
      return g_strdup_printf (_("Discount %u: %s"), row + 1, message);
    }
  else if (sscanf (path, "deductions[%u]", &index) == 1 && index < deductions->len)
    {
      guint row = g_array_index (deductions, guint, index);

      rd_calc_field_mark (rd_calc_amount_list_get_amount_entry (self->deductions, row), message);
      return g_strdup_printf (_("Deduction %u: %s"), row + 1, message);
    }
  else if ((field = find_field (path)) != NULL)
    {
      rd_calc_field_mark (field_widget (self, field), message);
      return g_strdup_printf ("%s: %s", _(field->title), message);
    }

  return g_strdup (message);
}

void
_rd_calculator_page_clear_inputs (RdCalculatorPage *self)
{
  rd_calc_lines_grid_clear (self->lines_grid);
  rd_calc_amount_list_clear (self->discounts);
  rd_calc_amount_list_clear (self->deductions);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      GtkWidget *widget = field_widget (self, &fields[i]);

      if (GTK_IS_ENTRY (widget))
        gtk_editable_set_text (GTK_EDITABLE (widget), "");
    }
  gtk_switch_set_active (self->shipped_switch, TRUE);
  gtk_switch_set_active (self->merchant_fault_switch, FALSE);
  gtk_spin_button_set_value (self->instalments_spin, 1);
  adw_expander_row_set_enable_expansion (self->subscription_row, FALSE);
  _rd_calculator_page_set_currency (self, "CNY");
}

void
_rd_calculator_page_fill (RdCalculatorPage  *self,
                 const RdCalcInput *input)
{
  const RdCurrency *currency = rd_currency_lookup (input->currency ? input->currency : "CNY");

  _rd_calculator_page_set_currency (self, currency->code);
  for (guint i = 0; i < input->lines->len; i++)
    rd_calc_lines_grid_add_line (self->lines_grid, g_ptr_array_index (input->lines, i), currency);
  for (guint i = 0; i < input->discounts->len; i++)
    {
      const RdCalcDiscount *discount = g_ptr_array_index (input->discounts, i);
      g_autofree char *amount = rd_money_format_plain (discount->amount, currency);

      rd_calc_amount_list_add_row (self->discounts, discount->name, amount, discount->platform_funded);
    }
  for (guint i = 0; i < input->deductions->len; i++)
    {
      const RdCalcDeduction *deduction = g_ptr_array_index (input->deductions, i);
      g_autofree char *amount = rd_money_format_plain (deduction->amount, currency);

      rd_calc_amount_list_add_row (self->deductions, deduction->name, amount, FALSE);
    }

  set_entry_amount (self->shipping_entry, input->shipping_paid, FALSE, currency);
  set_entry_amount (self->refunded_before_entry, input->refunded_before, FALSE, currency);
  set_entry_amount (self->return_shipping_entry, input->return_shipping, FALSE, currency);
  set_entry_amount (self->compensation_entry, input->compensation, input->has_compensation, currency);
  if (!input->has_compensation)
    gtk_editable_set_text (GTK_EDITABLE (self->compensation_entry), "");
  gtk_switch_set_active (self->shipped_switch, input->shipped);
  gtk_switch_set_active (self->merchant_fault_switch, input->merchant_fault);
  gtk_editable_set_text (GTK_EDITABLE (self->rate_entry), input->exchange_rate ? input->exchange_rate : "");
  gtk_spin_button_set_value (self->instalments_spin, input->instalments);
  set_entry_date (self->delivered_entry, &input->delivered_date);
  set_entry_date (self->refund_date_entry, &input->refund_date);
  set_entry_date (self->subscription_start_entry, &input->subscription_start);
  set_entry_date (self->subscription_end_entry, &input->subscription_end);
  set_entry_date (self->subscription_refund_entry, &input->subscription_refund_date);
  adw_expander_row_set_enable_expansion (self->subscription_row,
                                         g_date_valid (&input->subscription_start) ||
                                         g_date_valid (&input->subscription_end));
}
