/* rd-case-pane-approve.c
 *
 * The case pane's "Approve" dialog: the amount, checked as it is typed (a
 * real amount, not negative, not above what is left to refund on the order,
 * rd_case_store_get_refundable); at or above the review threshold, or when
 * the operator at the desk may not approve, the approver chosen among the
 * operators with the approver role (not whoever took the case in or
 * proposed its amount) and their PIN; without a calculator breakdown, the
 * reason why. The core decides (rd_case_store_transition checks the role,
 * the PIN and the amount in its transaction); what it refuses stays in the
 * dialog, which remains open.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-case-pane-private.h"
#include "rd-case-store.h"
#include "rd-case-store-workflow.h"
#include "rd-money.h"
#include "rd-operators.h"

typedef struct
{
  RdCasePane        *pane;
  gint64             case_id;
  gint64             left;            /* most that may be approved */
  gint64             refunded;        /* approved on the order's other cases */
  gboolean           has_breakdown;
  gboolean           desk_may_approve;
  const RdCurrency  *currency;

  GtkWindow         *window;
  GtkButton         *approve_button;
  GtkEditable       *amount_entry;
  GtkLabel          *amount_error;
  AdwPreferencesGroup *approver_group;
  AdwComboRow       *approver_row;
  GtkStringList     *approvers;
  GtkEditable       *pin_entry;
  GtkEditable       *reason_entry;
  GtkLabel          *error_label;
} ApproveDialog;

static void
approve_dialog_free (gpointer data)
{
  ApproveDialog *dialog = data;

  g_clear_object (&dialog->pane);
  g_clear_object (&dialog->approvers);
  g_free (dialog);
}

static const RdCurrency *
currency_of (const RdCase *rcase)
{
  const RdCurrency *currency = rcase->currency != NULL ? rd_currency_lookup (rcase->currency) : NULL;

  return currency != NULL ? currency : rd_currency_default ();
}

static gboolean
is_blank (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));

  return *copy == '\0';
}

/* The amount typed, or FALSE with the reason in *message. */
static gboolean
read_amount (ApproveDialog  *dialog,
             gint64         *amount,
             char          **message)
{
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (dialog->amount_entry);

  if (is_blank (text))
    {
      *message = g_strdup (_("Enter the amount to refund."));
      return FALSE;
    }
  if (!rd_money_parse (text, dialog->currency, amount, &error))
    {
      *message = g_strdup (error->message);
      return FALSE;
    }
  if (*amount < 0)
    {
      *message = g_strdup (_("The refund cannot be negative."));
      return FALSE;
    }
  if (*amount == 0)
    {
      *message = g_strdup (_("Enter the amount to refund."));
      return FALSE;
    }
  if (*amount > dialog->left)
    {
      g_autofree char *left = rd_money_format (dialog->left, dialog->currency);

      /* Translators: %s is an amount, "¥427.00". */
      *message = g_strdup_printf (_("At most %s is left to refund on this order."), left);
      return FALSE;
    }
  return TRUE;
}

static gboolean
needs_approver (ApproveDialog *dialog,
                gint64         amount)
{
  const RdPolicy *policy = rd_context_get_policy (dialog->pane->context);

  gint64 order_total;

  /* The threshold is held to what the whole order gets back. */
  if (!rd_money_add (dialog->refunded, MAX (amount, 0), &order_total, NULL))
    order_total = G_MAXINT64;
  return !dialog->desk_may_approve || rd_policy_needs_review (policy, order_total);
}

static const char *
selected_approver (ApproveDialog *dialog)
{
  guint selected = adw_combo_row_get_selected (dialog->approver_row);

  if (selected == GTK_INVALID_LIST_POSITION)
    return NULL;
  return gtk_string_list_get_string (dialog->approvers, selected);
}

static void
update_dialog (ApproveDialog *dialog)
{
  g_autofree char *message = NULL;
  gint64 amount = 0;
  gboolean amount_ok, approver_ok = TRUE, reason_ok = TRUE;

  amount_ok = read_amount (dialog, &amount, &message);
  gtk_label_set_label (dialog->amount_error, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (dialog->amount_error), !amount_ok);
  if (amount_ok)
    gtk_widget_remove_css_class (GTK_WIDGET (dialog->amount_entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (dialog->amount_entry), "error");

  /* At the threshold the second person shows as soon as the amount does. */
  gtk_widget_set_visible (GTK_WIDGET (dialog->approver_group), needs_approver (dialog, amount));
  if (gtk_widget_get_visible (GTK_WIDGET (dialog->approver_group)))
    approver_ok = selected_approver (dialog) != NULL &&
                  *gtk_editable_get_text (dialog->pin_entry) != '\0';

  if (!dialog->has_breakdown)
    reason_ok = !is_blank (gtk_editable_get_text (dialog->reason_entry));

  gtk_widget_set_sensitive (GTK_WIDGET (dialog->approve_button), amount_ok && approver_ok && reason_ok);
}

static void
on_field_changed (ApproveDialog *dialog)
{
  gtk_widget_set_visible (GTK_WIDGET (dialog->error_label), FALSE);
  update_dialog (dialog);
}

static void
on_approve_clicked (GtkButton     *button,
                    ApproveDialog *dialog)
{
  RdCasePane *self = dialog->pane;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  RdWorkflowFacts facts = { 0 };
  const RdCase *c = self->rcase;
  const char *operator;

  if (c == NULL || c->id != dialog->case_id || self->store == NULL)
    {
      gtk_window_destroy (dialog->window);
      return;
    }
  if (!read_amount (dialog, &facts.approved_amount, &message))
    return;
  operator = _rd_case_pane_require_operator (self);
  if (operator == NULL)
    return;

  facts.kind = c->kind;
  facts.shipped = c->kind != RD_REFUND_KIND_REFUND_ONLY_UNSHIPPED;
  facts.currency = c->currency;
  facts.return_in_transit = c->return_tracking != NULL && *c->return_tracking != '\0';
  if (gtk_widget_get_visible (GTK_WIDGET (dialog->approver_group)))
    {
      facts.approver = selected_approver (dialog);
      facts.approver_pin = gtk_editable_get_text (dialog->pin_entry);
    }
  if (!dialog->has_breakdown)
    facts.no_breakdown_reason = gtk_editable_get_text (dialog->reason_entry);

  if (rd_case_store_transition (self->store, c->id, RD_WORKFLOW_EVENT_APPROVE, &facts,
                                rd_context_get_policy (self->context),
                                operator, &error))
    {
      gtk_window_destroy (dialog->window);
      _rd_case_pane_changed (self);
      return;
    }

  /* The core's words, in the dialog, which stays open; the PIN is typed
   * again (clearing it first: a change hides the message). */
  if (g_error_matches (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_WRONG_PIN))
    {
      gtk_editable_set_text (dialog->pin_entry, "");
      gtk_widget_grab_focus (GTK_WIDGET (dialog->pin_entry));
    }
  gtk_label_set_label (dialog->error_label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (dialog->error_label), TRUE);
  if (g_error_matches (error, RD_CASE_STORE_ERROR, RD_CASE_STORE_ERROR_CONFLICT))
    _rd_case_pane_changed (self);
}

static GtkLabel *
new_note (const char *name,
          gboolean    error)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_name (label, name);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, error ? "error" : "dim-label");
  return GTK_LABEL (label);
}

/* The operators who may approve, but not the case's creator nor its
 * proposer; the desk's operator first when they may. */
static GtkStringList *
list_approvers (RdCasePane *self,
                const char *desk)
{
  g_autoptr(GPtrArray) people = rd_operators_list (self->store, NULL);
  GtkStringList *names = gtk_string_list_new (NULL);
  const RdCase *c = self->rcase;

  for (guint pass = 0; pass < 2 && people != NULL; pass++)
    for (guint i = 0; i < people->len; i++)
      {
        RdOperator *op = g_ptr_array_index (people, i);

        if ((pass == 0) != (g_strcmp0 (op->name, desk) == 0) ||
            !rd_role_may (op->role, RD_ACTION_APPROVE) ||
            g_strcmp0 (op->name, c->created_by) == 0 || g_strcmp0 (op->name, c->proposed_by) == 0)
          continue;
        gtk_string_list_append (names, op->name);
      }
  return names;
}

void
_rd_case_pane_ask_approve (RdCasePane *self)
{
  const RdCase *c = self->rcase;
  const RdPolicy *policy = rd_context_get_policy (self->context);
  const char *desk = _rd_case_pane_get_operator (self);
  g_autoptr(RdOperator) desk_op = NULL;
  g_autofree char *paid = NULL;
  g_autofree char *left = NULL;
  g_autofree char *body = NULL;
  g_autofree char *threshold = NULL;
  g_autofree char *description = NULL;
  ApproveDialog *dialog;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *window, *box, *header, *cancel, *content, *group, *row, *label;
  GtkEventController *shortcuts;

  dialog = g_new0 (ApproveDialog, 1);
  dialog->pane = g_object_ref (self);
  dialog->case_id = c->id;
  dialog->currency = currency_of (c);
  dialog->has_breakdown = c->breakdown != NULL && *c->breakdown != '\0';
  if (!rd_case_store_get_refundable (self->store, c->id, &dialog->left, NULL))
    dialog->left = c->amount_paid;
  if (!rd_case_store_get_refunded_on_order (self->store, c->id, &dialog->refunded, NULL))
    dialog->refunded = 0;
  desk_op = desk != NULL ? rd_operators_get (self->store, desk, NULL) : NULL;
  dialog->desk_may_approve = desk_op != NULL && rd_role_may (desk_op->role, RD_ACTION_APPROVE) &&
                             g_strcmp0 (desk, c->created_by) != 0 && g_strcmp0 (desk, c->proposed_by) != 0;

  window = adw_window_new ();
  dialog->window = GTK_WINDOW (window);
  gtk_widget_set_name (window, "approve-dialog");
  gtk_window_set_title (GTK_WINDOW (window), _("Approve Refund"));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 460, -1);
  gtk_window_set_resizable (GTK_WINDOW (window), FALSE);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  g_object_set_data_full (G_OBJECT (window), "rd-approve-dialog", dialog, approve_dialog_free);
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, shortcuts);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  adw_window_set_content (ADW_WINDOW (window), box);

  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header),
                                   adw_window_title_new (_("Approve Refund"), c->case_no));
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), window);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  dialog->approve_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Approve")));
  gtk_widget_set_name (GTK_WIDGET (dialog->approve_button), "approve-button");
  gtk_widget_add_css_class (GTK_WIDGET (dialog->approve_button), "suggested-action");
  g_signal_connect (dialog->approve_button, "clicked", G_CALLBACK (on_approve_clicked), dialog);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (dialog->approve_button));
  gtk_window_set_default_widget (GTK_WINDOW (window), GTK_WIDGET (dialog->approve_button));
  gtk_box_append (GTK_BOX (box), header);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_start (content, 18);
  gtk_widget_set_margin_end (content, 18);
  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_box_append (GTK_BOX (box), content);

  /* The amount. */
  paid = rd_money_format (c->amount_paid, dialog->currency);
  left = rd_money_format (dialog->left, dialog->currency);
  if (dialog->left < c->amount_paid)
    /* Translators: the amount paid and what is left after the order's other refunds. */
    body = g_strdup_printf (_("The buyer paid %s; after the order’s other refunds %s is left to refund."),
                            paid, left);
  else
    body = g_strdup_printf (_("The buyer paid %s. How much does the shop refund?"), paid);
  group = adw_preferences_group_new ();
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), body);
  row = adw_entry_row_new ();
  gtk_widget_set_name (row, "amount-entry");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Approved a_mount"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  if (c->approved_amount > 0)
    {
      g_autofree char *proposed = rd_money_format_plain (c->approved_amount, dialog->currency);

      gtk_editable_set_text (GTK_EDITABLE (row), proposed);
    }
  dialog->amount_entry = GTK_EDITABLE (row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  gtk_box_append (GTK_BOX (content), group);
  dialog->amount_error = new_note ("amount-error", TRUE);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (dialog->amount_error));

  /* The second person. */
  threshold = rd_money_format (policy->review_threshold, dialog->currency);
  if (dialog->desk_may_approve)
    /* Translators: %s is the review threshold. */
    description = g_strdup_printf (_("Refunds of %s or more are approved by an approver who neither took the case in nor proposed its amount, with their PIN."),
                                   threshold);
  else
    /* desk is never empty: the pane falls back to the user's login name. */
    description = g_strdup_printf (_("%s may not approve this case: an approver who neither took it in nor proposed its amount approves it here, with their PIN."),
                                   desk);
  group = adw_preferences_group_new ();
  dialog->approver_group = ADW_PREFERENCES_GROUP (group);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Approver"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  dialog->approvers = list_approvers (self, desk);
  row = adw_combo_row_new ();
  gtk_widget_set_name (row, "approver-row");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Approved _by"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (dialog->approvers));
  dialog->approver_row = ADW_COMBO_ROW (row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  row = adw_password_entry_row_new ();
  gtk_widget_set_name (row, "pin-entry");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Approver’s _PIN"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  dialog->pin_entry = GTK_EDITABLE (row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  gtk_box_append (GTK_BOX (content), group);
  if (g_list_model_get_n_items (G_LIST_MODEL (dialog->approvers)) == 0)
    {
      label = GTK_WIDGET (new_note ("no-approver", FALSE));
      gtk_label_set_label (GTK_LABEL (label),
                           _("No one else may approve this case: an admin gives someone the approver role in Preferences."));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), label);
    }

  /* Without the calculator. */
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("No Calculator Breakdown"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Apply the calculator’s breakdown to the case first, or say why it is approved without one; the reason stays in its timeline."));
  row = adw_entry_row_new ();
  gtk_widget_set_name (row, "reason-entry");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("_Reason"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  dialog->reason_entry = GTK_EDITABLE (row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  gtk_widget_set_visible (group, !dialog->has_breakdown);
  gtk_box_append (GTK_BOX (content), group);

  dialog->error_label = new_note ("error-label", TRUE);
  gtk_widget_set_visible (GTK_WIDGET (dialog->error_label), FALSE);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (dialog->error_label));

  g_signal_connect_swapped (dialog->amount_entry, "changed", G_CALLBACK (on_field_changed), dialog);
  g_signal_connect_swapped (dialog->pin_entry, "changed", G_CALLBACK (on_field_changed), dialog);
  g_signal_connect_swapped (dialog->reason_entry, "changed", G_CALLBACK (on_field_changed), dialog);
  g_signal_connect_swapped (dialog->approver_row, "notify::selected", G_CALLBACK (on_field_changed), dialog);
  g_signal_connect_swapped (dialog->pin_entry, "entry-activated", G_CALLBACK (gtk_widget_activate),
                            dialog->approve_button);
  update_dialog (dialog);

  rd_operator_guard_dialog (self->context, GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_grab_focus (GTK_WIDGET (dialog->amount_entry));
}
