/* rd-intake-page-checks.c
 *
 * The Intake page's checks: every field as the user types, with the
 * messages under each group, the red rows, and what is still needed in the
 * action bar.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-combo-choices.h"
#include "rd-case-checks.h"
#include "rd-intake-page-private.h"

static void
set_message (GtkLabel *label,
             GString  *text)
{
  gtk_label_set_label (label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (label), text->len > 0);
}

static void
add_line (GString    *text,
          const char *line)
{
  if (text->len > 0)
    g_string_append_c (text, '\n');
  g_string_append (text, line);
}

static void
add_missing (GString    *missing,
             const char *field)
{
  if (missing->len > 0)
    /* Translators: separates the fields still needed: "Channel, Reason" */
    g_string_append (missing, _(", "));
  g_string_append (missing, field);
}

static void
mark_row (gpointer row,
          gboolean bad)
{
  if (bad)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static char *
entry_text_or_null (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (entry_row_text (row)));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

/* A checked number field: its message goes to errors. Empty is fine unless
 * required, in which case the field is listed as missing. */
static gboolean
check_number_row (AdwEntryRow *row,
                  const char  *field,
                  gboolean     required,
                  GString     *missing,
                  GString     *errors)
{
  g_autoptr(GError) error = NULL;

  if (rd_case_check_number (entry_row_text (row), field, &error))
    {
      mark_row (row, FALSE);
      return TRUE;
    }
  if (g_error_matches (error, RD_CASE_CHECK_ERROR, RD_CASE_CHECK_ERROR_REQUIRED))
    {
      mark_row (row, FALSE);
      if (required)
        add_missing (missing, field);
      return !required;
    }
  mark_row (row, TRUE);
  add_line (errors, error->message);
  return FALSE;
}

/* The parcel the shop sent: a tracking number needs its courier. */
static gboolean
check_outbound (RdIntakePage *self,
                RdCase       *rcase,
                GString      *missing,
                GString      *errors)
{
  const char *courier = rd_combo_row_get_id (self->outbound_courier_row);
  g_autoptr(GError) error = NULL;

  mark_row (self->outbound_tracking_row, FALSE);
  rcase->outbound_courier = g_strdup (courier);
  rcase->outbound_tracking = entry_text_or_null (self->outbound_tracking_row);
  if (rd_case_check_outbound (courier, rcase->outbound_tracking, &error))
    return TRUE;
  if (g_error_matches (error, RD_CASE_CHECK_ERROR, RD_CASE_CHECK_ERROR_REQUIRED))
    add_missing (missing, _("Outbound courier"));
  else
    {
      mark_row (self->outbound_tracking_row, TRUE);
      add_line (errors, error->message);
    }
  return FALSE;
}

void
_rd_intake_append_note (RdCase     *rcase,
             const char *line)
{
  char *notes;

  if (rcase->notes == NULL || *rcase->notes == '\0')
    notes = g_strdup (line);
  else
    notes = g_strconcat (rcase->notes, "\n", line, NULL);
  g_free (rcase->notes);
  rcase->notes = notes;
}

/* Checks every field, shows what is wrong, and returns the case when it
 * can be saved. */
RdCase *
_rd_intake_page_check_form (RdIntakePage *self)
{
  g_autoptr(RdCase) rcase = rd_case_new ();
  g_autoptr(GString) missing = g_string_new (NULL);
  g_autoptr(GString) required_errors = g_string_new (NULL);
  g_autoptr(GString) request_errors = g_string_new (NULL);
  g_autoptr(GString) money_errors = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *request_warning = NULL;
  const RdCurrency *currency;
  const char *payment;
  gboolean ok = TRUE;

  currency = rd_currency_lookup (rd_combo_row_get_id (self->currency_row));
  if (currency == NULL)
    currency = rd_currency_default ();

  rcase->channel = g_strdup (rd_combo_row_get_id (self->channel_row));
  if (rcase->channel == NULL)
    add_missing (missing, _("Channel"));

  ok &= check_number_row (self->order_row, _("Order number"), TRUE, missing, required_errors);
  rcase->order_no = entry_text_or_null (self->order_row);

  rcase->kind = rd_refund_kind_from_id (rd_combo_row_get_id (self->kind_row));
  if (rcase->kind == RD_REFUND_KIND_NONE)
    add_missing (missing, _("Kind of refund"));

  rcase->reason = g_strdup (rd_combo_row_get_id (self->reason_row));
  if (rcase->reason == NULL)
    add_missing (missing, _("Reason"));

  if (!rd_case_check_amount (entry_row_text (self->amount_row), currency, &rcase->amount_paid, &error))
    {
      if (g_error_matches (error, RD_CASE_CHECK_ERROR, RD_CASE_CHECK_ERROR_REQUIRED))
        add_missing (missing, _("Amount paid"));
      else
        add_line (required_errors, error->message);
      mark_row (self->amount_row, !g_error_matches (error, RD_CASE_CHECK_ERROR, RD_CASE_CHECK_ERROR_REQUIRED));
      ok = FALSE;
      g_clear_error (&error);
    }
  else
    mark_row (self->amount_row, FALSE);

  payment = rd_combo_row_get_tag (self->payment_row);
  rcase->payment_method = rd_payment_method_from_id (payment);
  if (rcase->payment_method == RD_PAYMENT_METHOD_NONE)
    add_missing (missing, _("Payment method"));

  ok &= check_number_row (self->after_sales_row, _("After-sales number"), FALSE, missing, request_errors);
  rcase->after_sales_no = entry_text_or_null (self->after_sales_row);

  if (!rd_case_parse_time (entry_row_text (self->requested_row), &rcase->requested_at, &error))
    {
      add_line (request_errors, error->message);
      mark_row (self->requested_row, TRUE);
      ok = FALSE;
      g_clear_error (&error);
    }
  else
    {
      mark_row (self->requested_row, FALSE);
      /* Ahead of now: a warning; saving asks (rd-intake-page-save.c). */
      if (!rd_case_check_request_time (rcase->requested_at, g_get_real_time () / G_USEC_PER_SEC, &error))
        request_warning = g_strdup (error->message);
      g_clear_error (&error);
    }
  if (request_warning != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->requested_row), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->requested_row), "warning");

  rcase->goods_kind = rd_goods_kind_from_id (rd_combo_row_get_id (self->goods_row));
  rcase->order_state = entry_text_or_null (self->order_state_row);

  mark_row (self->shipped_offline_row, FALSE);
  if (gtk_switch_get_active (self->shipped_offline_switch) && rcase->kind == RD_REFUND_KIND_REFUND_ONLY_UNSHIPPED)
    {
      add_line (request_errors, _("The parcel has left the shop: choose “Refund only, shipped” and intercept it."));
      mark_row (self->shipped_offline_row, TRUE);
      ok = FALSE;
    }

  if (rd_case_kind_has_outbound_parcel (rcase->kind))
    ok &= check_outbound (self, rcase, missing, request_errors);

  ok &= check_number_row (self->tracking_row, _("Return tracking number"), FALSE, missing, request_errors);
  rcase->return_tracking = entry_text_or_null (self->tracking_row);

  rcase->buyer_name = entry_text_or_null (self->buyer_name_row);
  rcase->buyer_contact = entry_text_or_null (self->buyer_contact_row);

  g_free (rcase->currency);
  rcase->currency = g_strdup (currency->code);
  if (g_str_equal (currency->code, "CNY"))
    rcase->exchange_rate = NULL;
  else
    rcase->exchange_rate = entry_text_or_null (self->rate_row);
  rcase->refund_route = rd_refund_route_from_id (rd_combo_row_get_id (self->route_row));

  rcase->handler = entry_text_or_null (self->handler_row);
  rcase->notes = entry_text_or_null (self->notes_row);

  /* The rest (lengths, the exchange rate) as the ledger checks it. */
  mark_row (self->rate_row, FALSE);
  if (ok && missing->len == 0 && !rd_case_validate (rcase, &error))
    {
      if (rcase->exchange_rate != NULL && strstr (error->message, "7.1234") != NULL)
        {
          mark_row (self->rate_row, TRUE);
          add_line (money_errors, error->message);
        }
      else
        add_line (request_errors, error->message);
      ok = FALSE;
    }

  set_message (self->required_message, required_errors);
  /* The warning in the warning colour when it is all there is to say. */
  gtk_widget_set_css_classes (GTK_WIDGET (self->request_message),
                              (const char *[]) { request_errors->len == 0 && request_warning != NULL ? "warning" : "error",
                                                 "caption", NULL });
  if (request_warning != NULL)
    add_line (request_errors, request_warning);
  set_message (self->request_message, request_errors);
  set_message (self->money_message, money_errors);

  if (missing->len > 0)
    {
      g_autofree char *status = g_strdup_printf (_("Still needed: %s"), missing->str);

      gtk_label_set_label (self->status_label, status);
      ok = FALSE;
    }
  else if (!ok)
    gtk_label_set_label (self->status_label, _("Correct the fields marked in red."));
  else
    {
      g_autofree char *operator = _rd_intake_page_get_operator (self);

      if (operator == NULL)
        gtk_label_set_label (self->status_label, _("Ready. Choose who you are in the operator menu before saving."));
      else
        gtk_label_set_label (self->status_label, _("Ready to save."));
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "intake.save", ok);
  if (!ok)
    return NULL;

  /* A payment method of the shop's own counts as a built-in one; its name
   * is kept in the notes. */
  if (g_strcmp0 (rd_combo_row_get_id (self->payment_row), payment) != 0)
    {
      GtkStringObject *name = adw_combo_row_get_selected_item (self->payment_row);
      g_autofree char *line = g_strdup_printf (_("Payment method: %s"), gtk_string_object_get_string (name));

      _rd_intake_append_note (rcase, line);
    }
  if (gtk_switch_get_active (self->shipped_offline_switch))
    _rd_intake_append_note (rcase, _("Shipped outside the platform: the platform showed the order as not shipped."));

  return g_steal_pointer (&rcase);
}
