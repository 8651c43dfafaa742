/* rd-case-pane-actions.c
 *
 * The top of the case pane: one button per workflow step that the case's
 * state allows (rd_workflow_available_events), the dialogs that ask what a
 * step needs (refusal reason, return condition, payout; approving has its
 * own dialog, rd-case-pane-approve.c), attachments and the jump to the
 * calculator (the reply templates menu is in rd-case-pane-templates.c).
 * Every step is written by rd_case_store_transition or
 * rd_case_store_record_payout; what the core refuses is shown in its words.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-calc-json.h"
#include "rd-case-pane-private.h"
#include "rd-case-store.h"
#include "rd-case-store-workflow.h"
#include "rd-case-evidence.h"
#include "rd-money.h"
#include "rd-time.h"
#include "rd-working-days.h"

typedef struct
{
  RdCasePane      *pane;
  gint64           case_id;
  RdWorkflowEvent  event;
  GtkEntry        *amount_entry;
  GtkDropDown     *dropdown;
  GtkEntry        *date_entry;
  GtkLabel        *arrival_label;
} StepDialog;

static const RdRefundRoute payout_routes[] = {
  RD_REFUND_ROUTE_ORIGINAL,
  RD_REFUND_ROUTE_TRANSFER,
  RD_REFUND_ROUTE_STORE_BALANCE,
};

static void
step_dialog_free (gpointer  data,
                  GClosure *closure)
{
  StepDialog *step = data;

  g_clear_object (&step->pane);
  g_free (step);
}

static const RdCurrency *
case_currency (const RdCase *rcase)
{
  const RdCurrency *currency = NULL;

  if (rcase != NULL && rcase->currency != NULL)
    currency = rd_currency_lookup (rcase->currency);

  return currency != NULL ? currency : rd_currency_default ();
}

static void
fill_facts (RdCasePane      *self,
            RdWorkflowFacts *facts)
{
  const RdCase *c = self->rcase;

  memset (facts, 0, sizeof *facts);
  facts->kind = c->kind;
  facts->shipped = c->kind != RD_REFUND_KIND_REFUND_ONLY_UNSHIPPED;
  facts->amount = c->amount_paid;
  facts->approved_amount = c->approved_amount > 0 ? c->approved_amount : 0;
  facts->currency = c->currency;
  facts->exchange_rate = c->exchange_rate;
  facts->created_by = c->created_by;
  facts->operator = _rd_case_pane_get_operator (self);
  facts->return_in_transit = c->return_tracking != NULL && *c->return_tracking != '\0';
  facts->payouts_sum = self->payouts_sum;
}

static char *
missing_evidence_message (RdCasePane *self)
{
  g_autoptr(GArray) missing = NULL;
  GString *message;

  missing = rd_evidence_missing_required (self->store, self->rcase->id, self->rcase->kind,
                                          self->rcase->status, NULL);
  if (missing == NULL || missing->len == 0)
    return NULL;

  message = g_string_new (_("Tick these required evidence items before closing the case:"));
  for (guint i = 0; i < missing->len; i++)
    g_string_append_printf (message, "\n• %s",
                            rd_evidence_item_get_name (g_array_index (missing, RdEvidenceItem, i)));

  return g_string_free (message, FALSE);
}

static gboolean
run_transition (RdCasePane            *self,
                RdWorkflowEvent        event,
                const RdWorkflowFacts *facts)
{
  const RdPolicy *policy;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  const char *operator;

  operator = _rd_case_pane_require_operator (self);
  if (operator == NULL)
    return FALSE;

  policy = rd_context_get_policy (self->context);

  if (rd_case_store_transition (self->store, self->rcase->id, event, facts, policy,
                                operator, &error))
    {
      _rd_case_pane_changed (self);
      return TRUE;
    }

  /* Translators: %s is a workflow step: "Could Not Approve", shown as "Approve" on its button. */
  heading = g_strdup_printf (_("Not Done: %s"), rd_workflow_event_to_label (event));

  if (g_error_matches (error, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_NEEDS_EVIDENCE))
    {
      g_autofree char *message = missing_evidence_message (self);

      _rd_case_pane_show_error (self, heading, message != NULL ? message : error->message);
    }
  else
    {
      _rd_case_pane_show_error (self, heading, error->message);
    }

  /* Someone else may have changed the case meanwhile. */
  if (g_error_matches (error, RD_CASE_STORE_ERROR, RD_CASE_STORE_ERROR_CONFLICT))
    _rd_case_pane_changed (self);

  return FALSE;
}

static GtkWidget *
new_step_dialog (RdCasePane *self,
                 const char *heading,
                 const char *body,
                 const char *response_id,
                 const char *response_label,
                 gboolean    destructive)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  /* Asked of the operator at the desk now: gone when they are. */
  rd_operator_guard_dialog (self->context, GTK_WINDOW (dialog));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    response_id, response_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), response_id,
                                              destructive ? ADW_RESPONSE_DESTRUCTIVE : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), response_id);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  return dialog;
}

static GtkWidget *
labelled (GtkWidget  *box,
          const char *label_text,
          GtkWidget  *widget)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (label_text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), widget);

  return widget;
}

static GtkEntry *
new_amount_entry (gint64            amount,
                  const RdCurrency *currency)
{
  g_autofree char *text = rd_money_format_plain (amount, currency);
  GtkWidget *entry = gtk_entry_new ();

  gtk_widget_set_name (entry, "amount-entry");
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_NUMBER);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);

  return GTK_ENTRY (entry);
}

static gboolean
read_amount (StepDialog *step,
             gint64     *amount)
{
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (step->amount_entry));

  if (rd_money_parse (text, case_currency (step->pane->rcase), amount, &error))
    return TRUE;

  _rd_case_pane_show_error (step->pane, _("Not an Amount"), error->message);
  return FALSE;
}

static void
on_step_dialog_response (AdwMessageDialog *dialog,
                         const char       *response,
                         StepDialog       *step)
{
  RdCasePane *self = step->pane;
  RdWorkflowFacts facts;
  guint selected;

  if (g_strcmp0 (response, "cancel") == 0 || self->rcase == NULL ||
      self->rcase->id != step->case_id || self->store == NULL)
    return;

  fill_facts (self, &facts);
  selected = step->dropdown != NULL ? gtk_drop_down_get_selected (step->dropdown) : GTK_INVALID_LIST_POSITION;

  switch ((int) step->event)
    {
    case RD_WORKFLOW_EVENT_REFUSE:
      if (selected != GTK_INVALID_LIST_POSITION)
        facts.refusal_reason = (RdRefusalReason) (selected + 1);
      run_transition (self, step->event, &facts);
      break;

    case RD_WORKFLOW_EVENT_MARK_RETURNED:
      if (selected != GTK_INVALID_LIST_POSITION)
        facts.return_condition = (RdReturnCondition) (selected + 1);
      run_transition (self, step->event, &facts);
      break;

    case RD_WORKFLOW_EVENT_READY_FOR_PAYOUT:
      /* Asked again after "wait for the intercept result". */
      facts.intercept_settled = TRUE;
      run_transition (self, step->event, &facts);
      break;

    case RD_WORKFLOW_EVENT_RECORD_PAYOUT:
      {
        const RdPolicy *policy;
        g_autoptr(GError) error = NULL;
        gint64 amount;
        const char *route;
        const char *operator;

        if (!read_amount (step, &amount))
          return;
        operator = _rd_case_pane_require_operator (self);
        if (operator == NULL)
          return;
        route = rd_refund_route_to_id (payout_routes[selected < G_N_ELEMENTS (payout_routes) ? selected : 0]);
        policy = rd_context_get_policy (self->context);
        if (!rd_case_store_record_payout (self->store, self->rcase->id, amount, route,
                                          gtk_editable_get_text (GTK_EDITABLE (step->date_entry)),
                                          policy, operator, &error))
          {
            _rd_case_pane_show_error (self, _("Payout Not Recorded"), error->message);
            return;
          }
        _rd_case_pane_changed (self);
      }
      break;

    default:
      run_transition (self, step->event, &facts);
      break;
    }
}

static void
present_step_dialog (GtkWidget  *dialog,
                     StepDialog *step,
                     GtkWidget  *extra)
{
  if (extra != NULL)
    adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), extra);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_step_dialog_response), step,
                         step_dialog_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static StepDialog *
step_dialog_new (RdCasePane      *self,
                 RdWorkflowEvent  event)
{
  StepDialog *step = g_new0 (StepDialog, 1);

  step->pane = g_object_ref (self);
  step->case_id = self->rcase->id;
  step->event = event;

  return step;
}

static GtkWidget *
new_form_box (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  return box;
}

static void
ask_choice (RdCasePane      *self,
            RdWorkflowEvent  event,
            const char      *heading,
            const char      *body,
            const char      *label,
            const char      *name,
            const char     **choices,
            const char      *response_label,
            gboolean         destructive)
{
  StepDialog *step = step_dialog_new (self, event);
  GtkWidget *dialog, *box, *dropdown;

  dialog = new_step_dialog (self, heading, body, "apply", response_label, destructive);
  box = new_form_box ();
  dropdown = gtk_drop_down_new_from_strings (choices);
  gtk_widget_set_name (dropdown, name);
  step->dropdown = GTK_DROP_DOWN (labelled (box, label, dropdown));

  present_step_dialog (dialog, step, box);
}

static void
ask_refuse (RdCasePane *self)
{
  const char *reasons[RD_REFUSAL_REASON_LAST];

  for (int r = RD_REFUSAL_REASON_NONE + 1; r < RD_REFUSAL_REASON_LAST; r++)
    reasons[r - 1] = rd_refusal_reason_get_name (r);
  reasons[RD_REFUSAL_REASON_LAST - 1] = NULL;

  ask_choice (self, RD_WORKFLOW_EVENT_REFUSE, _("Refuse Refund"),
              _("The reason stays with the case and goes into the reply to the buyer."),
              _("Rea_son"), "reason-dropdown", reasons, _("_Refuse"), TRUE);
}

static void
ask_condition (RdCasePane *self)
{
  const char *conditions[RD_RETURN_CONDITION_N];

  for (int c = RD_RETURN_CONDITION_NONE + 1; c < RD_RETURN_CONDITION_N; c++)
    conditions[c - 1] = rd_return_condition_to_label (c);
  conditions[RD_RETURN_CONDITION_N - 1] = NULL;

  ask_choice (self, RD_WORKFLOW_EVENT_MARK_RETURNED, _("Returned Parcel"),
              _("How did the goods come back?"),
              _("C_ondition"), "condition-dropdown", conditions, _("_Mark Returned"), FALSE);
}

static void
update_expected_arrival (StepDialog *step)
{
  g_autoptr(RdWorkCalendar) calendar = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (step->date_entry));
  GDate paid_on, earliest, latest;
  char from[16], to[16];
  g_autofree char *message = NULL;

  g_date_clear (&paid_on, 1);
  g_date_set_parse (&paid_on, text);
  if (!g_date_valid (&paid_on) || strlen (text) != 10)
    {
      gtk_label_set_label (step->arrival_label, _("Enter the date as YYYY-MM-DD."));
      return;
    }

  calendar = rd_work_calendar_load (step->pane->store, NULL);
  if (calendar == NULL)
    calendar = rd_work_calendar_new ();
  rd_expected_arrival (calendar, &paid_on, step->pane->rcase->payment_method, &earliest, &latest);
  g_date_strftime (from, sizeof from, "%Y-%m-%d", &earliest);
  g_date_strftime (to, sizeof to, "%Y-%m-%d", &latest);

  if (g_date_compare (&earliest, &latest) == 0)
    message = g_strdup_printf (_("Expected to arrive on %s."), from);
  else
    /* Translators: two dates, the earliest and the latest arrival of the refund. */
    message = g_strdup_printf (_("Expected to arrive between %s and %s."), from, to);
  gtk_label_set_label (step->arrival_label, message);
}

static void
ask_payout (RdCasePane *self)
{
  const char *routes[G_N_ELEMENTS (payout_routes) + 1];
  g_autofree char *today = rd_time_format_local_date (g_get_real_time () / G_USEC_PER_SEC);
  g_autofree char *body = NULL;
  g_autofree char *approved = NULL;
  g_autofree char *paid_out = NULL;
  StepDialog *step = step_dialog_new (self, RD_WORKFLOW_EVENT_RECORD_PAYOUT);
  GtkWidget *dialog, *box, *dropdown, *date, *arrival;
  gint64 remaining = 0;
  guint route_index = 0;

  if (self->rcase->approved_amount > 0)
    rd_money_sub (self->rcase->approved_amount, self->payouts_sum, &remaining, NULL);
  approved = _rd_case_pane_format_money (self, MAX (self->rcase->approved_amount, 0));
  paid_out = _rd_case_pane_format_money (self, self->payouts_sum);
  /* Translators: the approved amount and what was paid out of it so far. */
  body = g_strdup_printf (_("Approved %s, paid out so far %s."), approved, paid_out);

  dialog = new_step_dialog (self, _("Add Payout"), body, "add", _("_Add Payout"), FALSE);
  box = new_form_box ();
  step->amount_entry = GTK_ENTRY (labelled (box, _("A_mount"),
                                            GTK_WIDGET (new_amount_entry (MAX (remaining, 0), case_currency (self->rcase)))));

  for (guint i = 0; i < G_N_ELEMENTS (payout_routes); i++)
    {
      routes[i] = rd_refund_route_get_name (payout_routes[i]);
      if (payout_routes[i] == self->rcase->refund_route)
        route_index = i;
    }
  routes[G_N_ELEMENTS (payout_routes)] = NULL;
  dropdown = gtk_drop_down_new_from_strings (routes);
  gtk_widget_set_name (dropdown, "route-dropdown");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), route_index);
  step->dropdown = GTK_DROP_DOWN (labelled (box, _("_Route"), dropdown));

  date = gtk_entry_new ();
  gtk_widget_set_name (date, "date-entry");
  gtk_editable_set_text (GTK_EDITABLE (date), today);
  gtk_entry_set_placeholder_text (GTK_ENTRY (date), "YYYY-MM-DD");
  gtk_entry_set_activates_default (GTK_ENTRY (date), TRUE);
  step->date_entry = GTK_ENTRY (labelled (box, _("Paid _on"), date));

  arrival = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (arrival), 0);
  gtk_label_set_wrap (GTK_LABEL (arrival), TRUE);
  gtk_widget_add_css_class (arrival, "dim-label");
  gtk_box_append (GTK_BOX (box), arrival);
  step->arrival_label = GTK_LABEL (arrival);
  g_signal_connect_swapped (date, "changed", G_CALLBACK (update_expected_arrival), step);
  update_expected_arrival (step);

  present_step_dialog (dialog, step, box);
}

/* A high-ticket intercept waits for its result; the intercept register
 * keeps that result, and until it is linked here the user confirms it. */
static void
ask_intercept_settled (RdCasePane *self,
                       const char *message)
{
  StepDialog *step = step_dialog_new (self, RD_WORKFLOW_EVENT_READY_FOR_PAYOUT);
  GtkWidget *dialog;

  dialog = new_step_dialog (self, _("Wait for the Intercept?"), message,
                            "settled", _("It Has a _Result"), FALSE);
  present_step_dialog (dialog, step, NULL);
}

static void
event_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  RdCasePane *self = RD_CASE_PANE (widget);
  RdWorkflowEvent event = g_variant_get_int32 (parameter);
  RdWorkflowFacts facts;

  if (self->rcase == NULL || self->store == NULL || (int) event < 0 || event >= RD_WORKFLOW_N_EVENTS)
    return;

  switch ((int) event)
    {
    case RD_WORKFLOW_EVENT_APPROVE:
      _rd_case_pane_ask_approve (self);
      break;

    case RD_WORKFLOW_EVENT_REFUSE:
      ask_refuse (self);
      break;

    case RD_WORKFLOW_EVENT_MARK_RETURNED:
      ask_condition (self);
      break;

    case RD_WORKFLOW_EVENT_RECORD_PAYOUT:
      ask_payout (self);
      break;

    case RD_WORKFLOW_EVENT_READY_FOR_PAYOUT:
      {
        const RdPolicy *policy;
        g_autoptr(GError) error = NULL;
        RdCaseStatus to;

        fill_facts (self, &facts);
        policy = rd_context_get_policy (self->context);
        if (self->rcase->status == RD_CASE_STATUS_INTERCEPTING &&
            !rd_workflow_apply (self->rcase->status, event, &facts, policy, &to, &error) &&
            g_error_matches (error, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_WAIT_FOR_RESULT))
          ask_intercept_settled (self, error->message);
        else
          run_transition (self, event, &facts);
      }
      break;

    case RD_WORKFLOW_EVENT_START_INTERCEPT:
      /* Asking to stop the parcel says that it left the shop. */
      fill_facts (self, &facts);
      facts.shipped = TRUE;
      run_transition (self, event, &facts);
      break;

    default:
      fill_facts (self, &facts);
      run_transition (self, event, &facts);
      break;
    }
}

static void
on_attachment_chooser_response (GtkNativeDialog *chooser,
                                int              response,
                                RdCasePane      *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->rcase != NULL && self->store != NULL &&
      _rd_case_pane_require_operator (self) != NULL)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      g_autofree char *data_dir = _rd_case_pane_get_data_dir (self);
      guint added = 0;

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          g_autoptr(RdAttachment) attachment = NULL;
          g_autoptr(GError) error = NULL;

          attachment = rd_attachment_add (self->store, self->rcase->id, file, data_dir,
                                          _rd_case_pane_get_operator (self), NULL, &error);
          if (attachment == NULL)
            _rd_case_pane_show_error (self, _("Could Not Attach the File"), error->message);
          else
            added++;
        }

      if (added > 0)
        _rd_case_pane_changed (self);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
add_attachment_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RdCasePane *self = RD_CASE_PANE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->rcase == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Add Attachment"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Add"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Images and PDF"));
  gtk_file_filter_add_mime_type (filter, "image/*");
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  g_signal_connect (chooser, "response", G_CALLBACK (on_attachment_chooser_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
window_has_action (GtkWidget  *widget,
                   const char *name)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  const char *action_name, *property_name;
  const GVariantType *parameter_type;
  GType owner;
  GtkWidgetClass *klass;

  if (root == NULL)
    return FALSE;

  if (G_IS_ACTION_GROUP (root) && g_action_group_has_action (G_ACTION_GROUP (root), name))
    return TRUE;

  klass = GTK_WIDGET_GET_CLASS (root);
  for (guint i = 0; gtk_widget_class_query_action (klass, i, &owner, &action_name,
                                                  &parameter_type, &property_name); i++)
    if (g_str_has_prefix (action_name, "win.") && g_strcmp0 (action_name + 4, name) == 0)
      return TRUE;

  return FALSE;
}

static void
open_calculator_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  RdCasePane *self = RD_CASE_PANE (widget);

  if (self->rcase != NULL)
    gtk_widget_activate_action (widget, "win.open-calculator", "x", self->rcase->id);
}

void
_rd_case_pane_update_actions (RdCasePane *self)
{
  const RdPolicy *policy;
  g_autoptr(GArray) events = NULL;
  RdWorkflowFacts facts;
  GtkWidget *child;
  RdRole role;
  RdAction action;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->actions_box))) != NULL)
    gtk_flow_box_remove (self->actions_box, child);

  _rd_case_pane_update_templates_menu (self);
  gtk_widget_set_visible (GTK_WIDGET (self->edit_button), self->rcase != NULL);
  rd_operator_guard_widget (self->context, GTK_WIDGET (self->edit_button), RD_ACTION_EDIT_CASE);
  gtk_widget_set_visible (GTK_WIDGET (self->calculator_button),
                          self->rcase != NULL && window_has_action (GTK_WIDGET (self), "open-calculator"));
  gtk_widget_set_visible (GTK_WIDGET (self->actions_box), self->rcase != NULL);

  if (self->rcase == NULL)
    return;

  fill_facts (self, &facts);
  policy = rd_context_get_policy (self->context);
  events = rd_workflow_available_events (self->rcase->status, &facts, policy);

  role = rd_context_get_role (self->context);
  for (guint i = 0; i < events->len; i++)
    {
      RdWorkflowEvent event = g_array_index (events, RdWorkflowEvent, i);
      GtkWidget *button = gtk_button_new_with_label (rd_workflow_event_to_label (event));
      g_autofree char *name = g_strdup_printf ("event-%s", rd_workflow_event_to_id (event));

      /* A step the signed-in role may not take: shown greyed, saying who may.
       * Approving asks an approver's PIN in its dialog: anyone at the desk
       * may open it. */
      action = event == RD_WORKFLOW_EVENT_APPROVE ? RD_ACTION_READ : rd_case_store_event_action (event);
      if (!rd_role_may (role, action))
        rd_operator_guard_widget (self->context, button, action);
      /* Open to every role, so the button itself says who approves. */
      if (event == RD_WORKFLOW_EVENT_APPROVE)
        {
          g_autofree char *roles = rd_operator_guard_roles_may (RD_ACTION_APPROVE);
          g_autofree char *tooltip = NULL;

          /* Translators: the Approve button's tooltip; %s is the roles that
           * may approve ("Approver, Admin"). */
          tooltip = g_strdup_printf (_("Only %s may approve. Anyone signed in may open this: an approver who "
                                       "is not the one signed in types their own PIN in it. At or above the "
                                       "second-approval threshold the approver always types their PIN and "
                                       "cannot be whoever took the case in or proposed the amount."), roles);
          gtk_widget_set_tooltip_text (button, tooltip);
        }

      gtk_widget_set_name (button, name);
      /* No action on a greyed button: it would make it sensitive again. */
      if (gtk_widget_get_sensitive (button))
        {
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "case.event");
          gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int32 (event));
        }
      if (event == RD_WORKFLOW_EVENT_REFUSE || event == RD_WORKFLOW_EVENT_WITHDRAW)
        gtk_widget_add_css_class (button, "destructive-action");
      else if (i == 0)
        gtk_widget_add_css_class (button, "suggested-action");
      gtk_flow_box_append (self->actions_box, button);
    }
}

void
_rd_case_pane_actions_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "case.event", "i", event_action);
  gtk_widget_class_install_action (widget_class, "case.add-attachment", NULL, add_attachment_action);
  gtk_widget_class_install_action (widget_class, "case.open-calculator", NULL, open_calculator_action);
}
