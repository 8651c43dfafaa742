/* rd-case-pane-timeline.c
 *
 * The case pane's timeline: the audit entries of the case, newest first,
 * each change told with the field's label and its values as the user reads
 * them elsewhere (display names of statuses, kinds, reasons and payment
 * methods, money in yuan, times in local time), never raw ids.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-audit.h"
#include "rd-case-pane-private.h"
#include "rd-channels.h"
#include "rd-money.h"
#include "rd-case-workflow.h"
#include "rd-time.h"

static const struct
{
  const char *field;
  const char *label;
} field_labels[] = {
  { "case_no", N_("Case number") },
  { "status", N_("Status") },
  { "channel", N_("Channel") },
  { "order_no", N_("Order number") },
  { "after_sales_no", N_("After-sales number") },
  { "buyer_name", N_("Buyer") },
  { "buyer_contact", N_("Contact") },
  { "kind", N_("Kind of refund") },
  { "goods_kind", N_("Goods") },
  { "order_state", N_("Order state") },
  { "reason", N_("Reason") },
  { "payment_method", N_("Payment method") },
  { "refund_route", N_("Refund route") },
  { "currency", N_("Currency") },
  { "exchange_rate", N_("Exchange rate") },
  { "amount_paid", N_("Paid by the buyer") },
  { "approved_amount", N_("Approved refund") },
  { "breakdown", N_("Calculation") },
  { "requested_at", N_("Requested at") },
  { "platform_deadline", N_("Platform deadline") },
  { "expected_arrival", N_("Expected arrival by") },
  { "handler", N_("Handler") },
  { "approved_by", N_("Approved by") },
  { "notes", N_("Notes") },
  { "return_tracking", N_("Return tracking number") },
  { "return_condition", N_("Return condition") },
  { "resolution", N_("Resolution") },
  { "refusal_reason", N_("Refusal reason") },
  { "paid_at", N_("Paid at") },
  { "closed_at", N_("Closed at") },
};

const char *
rd_case_field_get_label (const char *field)
{
  g_return_val_if_fail (field != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (field_labels); i++)
    if (g_strcmp0 (field_labels[i].field, field) == 0)
      return _(field_labels[i].label);
  return field;
}

/* The display name, or the stored id when it names nothing known. */
static char *
name_or_id (const char *name,
            const char *id)
{
  return g_strdup (name != NULL && *name != '\0' ? name : id);
}

char *
rd_case_field_format_value (const char *field,
                            const char *value)
{
  char *end = NULL;
  gint64 number;

  if (value == NULL || *value == '\0')
    return g_strdup ("—");

  if (g_strcmp0 (field, "status") == 0)
    return name_or_id (rd_case_status_get_name (rd_case_status_from_id (value)), value);
  if (g_strcmp0 (field, "kind") == 0)
    return name_or_id (rd_refund_kind_get_name (rd_refund_kind_from_id (value)), value);
  if (g_strcmp0 (field, "goods_kind") == 0)
    return name_or_id (rd_goods_kind_get_name (rd_goods_kind_from_id (value)), value);
  if (g_strcmp0 (field, "payment_method") == 0)
    return name_or_id (rd_payment_method_get_name (rd_payment_method_from_id (value)), value);
  if (g_strcmp0 (field, "refund_route") == 0)
    return name_or_id (rd_refund_route_get_name (rd_refund_route_from_id (value)), value);
  if (g_strcmp0 (field, "resolution") == 0)
    return name_or_id (rd_resolution_get_name (rd_resolution_from_id (value)), value);
  if (g_strcmp0 (field, "refusal_reason") == 0)
    return name_or_id (rd_refusal_reason_get_name (rd_refusal_reason_from_id (value)), value);
  if (g_strcmp0 (field, "reason") == 0)
    return name_or_id (rd_refund_reason_get_name (value), value);
  if (g_strcmp0 (field, "channel") == 0)
    return rd_channel_display_name (value, NULL);

  number = g_ascii_strtoll (value, &end, 10);
  if (end != NULL && *end == '\0')
    {
      if (g_strcmp0 (field, "amount_paid") == 0 || g_strcmp0 (field, "approved_amount") == 0)
        return rd_money_format (number, NULL);
      if (g_strcmp0 (field, "requested_at") == 0 || g_strcmp0 (field, "platform_deadline") == 0 ||
          g_strcmp0 (field, "paid_at") == 0 || g_strcmp0 (field, "closed_at") == 0)
        {
          g_autofree char *when = number > 0 ? rd_time_format_local (number) : NULL;

          /* A time not set, or one the calendar cannot show, stays the stored number. */
          return g_strdup (when != NULL && *when != '\0' ? when : value);
        }
    }

  return g_strdup (value);
}

char *
rd_case_describe_change (const char *action,
                         const char *field,
                         const char *old_value,
                         const char *new_value)
{
  RdWorkflowEvent event;
  const char *label = action;
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;

  g_return_val_if_fail (action != NULL, NULL);

  if (rd_workflow_event_from_id (action, &event))
    label = rd_workflow_event_to_label (event);
  else if (g_strcmp0 (action, "create") == 0)
    label = _("Created");
  else if (g_strcmp0 (action, "edit") == 0)
    label = _("Edited");

  if (field == NULL)
    return g_strdup (label);

  new_text = rd_case_field_format_value (field, new_value);
  /* A case is created with its number: nothing was there before. */
  if (g_strcmp0 (action, "create") == 0 && (old_value == NULL || *old_value == '\0'))
    /* TRANSLATORS: a timeline entry: the step, the field, its value */
    return g_strdup_printf (_("%s · %s: %s"), label, rd_case_field_get_label (field), new_text);

  old_text = rd_case_field_format_value (field, old_value);
  /* TRANSLATORS: a timeline entry: the step, the field, its old and new value */
  return g_strdup_printf (_("%s · %s: %s → %s"), label, rd_case_field_get_label (field),
                          old_text, new_text);
}

void
_rd_case_pane_show_timeline (RdCasePane *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->timeline_list))) != NULL)
    gtk_list_box_remove (self->timeline_list, child);

  entries = rd_audit_list_for_case (self->store, self->rcase->id, &error);
  if (entries == NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), error->message);
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->timeline_list, row);
      return;
    }

  /* Newest first: what happened last is what one looks for. */
  for (guint i = entries->len; i > 0; i--)
    {
      RdAuditEntry *entry = g_ptr_array_index (entries, i - 1);
      g_autofree char *when = entry->at > 0 ? rd_time_format_local (entry->at) : g_strdup ("");
      g_autofree char *title = rd_case_describe_change (entry->action, entry->field,
                                                        entry->old_value, entry->new_value);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", entry->operator != NULL ? entry->operator : "",
                                                   when);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (self->timeline_list, row);
    }
}
