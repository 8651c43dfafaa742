/* rd-intake-page.c
 *
 * The Intake page: a form for a new refund case, required fields first.
 * Every change is checked at once (messages under the group, the field
 * marked red, Save only sensitive when the case can be saved) and written
 * as a draft into the ledger at once, one small transaction per change
 * (synchronous=FULL: on disk before the next key), so that a kill at any
 * moment or a closed window loses nothing. The checks are in rd-intake-page-checks.c, saving
 * and cancelling in rd-intake-page-save.c.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-case-store-workflow.h"
#include "rd-combo-choices.h"
#include "rd-case-drafts.h"
#include "rd-case-checks.h"
#include "rd-intake-page-private.h"
#include "rd-operator-guard.h"
#include "rd-shop-lists.h"
#include "rd-policy.h"
#include "rd-time.h"

#define DRAFT_FORM "intake"

G_DEFINE_FINAL_TYPE (RdIntakePage, rd_intake_page, ADW_TYPE_BIN)

/* The entry rows and their keys in the draft. */
typedef struct
{
  const char *key;
  gsize       offset;
} EntryField;

#define ENTRY(key, member) { key, G_STRUCT_OFFSET (RdIntakePage, member) }

static const EntryField entry_fields[] = {
  ENTRY ("order_no",       order_row),
  ENTRY ("amount",         amount_row),
  ENTRY ("after_sales_no", after_sales_row),
  ENTRY ("requested_at",   requested_row),
  ENTRY ("order_state",    order_state_row),
  ENTRY ("return_tracking", tracking_row),
  ENTRY ("outbound_tracking", outbound_tracking_row),
  ENTRY ("buyer_name",     buyer_name_row),
  ENTRY ("buyer_contact",  buyer_contact_row),
  ENTRY ("exchange_rate",  rate_row),
  ENTRY ("handler",        handler_row),
  ENTRY ("notes",          notes_row),
};

static const EntryField combo_fields[] = {
  ENTRY ("channel",        channel_row),
  ENTRY ("kind",           kind_row),
  ENTRY ("reason",         reason_row),
  ENTRY ("payment_method", payment_row),
  ENTRY ("goods_kind",     goods_row),
  ENTRY ("currency",       currency_row),
  ENTRY ("refund_route",   route_row),
  ENTRY ("outbound_courier", outbound_courier_row),
};

#define FIELD(self, field) (*(GtkWidget **) G_STRUCT_MEMBER_P (self, (field)->offset))

static const char *const next_steps[RD_REFUND_KIND_LAST] = {
  NULL,
  N_("Standard goods: approve at once. Custom-made or purchasing-agent goods: ask why; if production already cost money, offer a partial refund or refuse with the reason. Pre-sale goods: check whether production started and tell the buyer it takes longer. If the parcel left the shop without being marked shipped, it is in transit: choose “Refund only, shipped” and intercept it."),
  N_("In transit: ask the courier to intercept the parcel and register it. Below the high-ticket threshold of %s, refund as soon as the intercept is requested; at or above it, wait for the result but settle before the platform’s deadline. Signed for: check that the buyer really has it; a lost parcel is refunded or resent and a claim is filed with the courier."),
  N_("Below the high-ticket threshold of %s, refund as soon as the return parcel is picked up and moving. At or above it, refund after the parcel is back and inspected (intact, damaged or parts missing). When the buyer can be persuaded, prefer compensation, then exchange or repair, then return and refund, then refund without return."),
};

/* Choices */

#define FILL_ENUM(row, prefix, last, placeholder)                            \
  G_STMT_START {                                                             \
    g_autoptr(GPtrArray) ids = g_ptr_array_new ();                           \
    g_autoptr(GPtrArray) names = g_ptr_array_new ();                         \
    for (int v = 1; v < (int) (last); v++)                                   \
      {                                                                      \
        g_ptr_array_add (ids, (gpointer) prefix##_to_id (v));                \
        g_ptr_array_add (names, (gpointer) prefix##_get_name (v));           \
      }                                                                      \
    rd_combo_row_set_choices ((row), ids, names, NULL, (placeholder));                    \
  } G_STMT_END

static void
fill_currencies (RdIntakePage *self)
{
  const RdCurrency *const *list = rd_currency_list ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (guint i = 0; list[i] != NULL; i++)
    g_ptr_array_add (ids, (gpointer) list[i]->code);
  rd_combo_row_set_choices (self->currency_row, ids, ids, NULL, FALSE);
}

/* Messages */

void
_rd_intake_page_show_toast (RdIntakePage *self,
            const char   *title)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

char *
_rd_intake_page_get_operator (RdIntakePage *self)
{
  g_autoptr(GError) error = NULL;
  const char *name = rd_operator_guard_require (self->context, &error);

  if (name == NULL)
    {
      gtk_label_set_label (self->status_label, error->message);
      _rd_intake_page_show_toast (self, error->message);
      return NULL;
    }
  return g_strdup (name);
}

/* Derived rows: deadline, evidence, next steps, exchange rate */

static void
update_deadline (RdIntakePage *self)
{
  const RdPolicy *policy;
  g_autoptr(RdCase) rcase = rd_case_new ();
  g_autofree char *when = NULL;
  g_autofree char *subtitle = NULL;
  gint64 deadline;
  guint hours;

  rcase->channel = g_strdup (rd_combo_row_get_id (self->channel_row));
  if (rcase->channel == NULL ||
      !rd_case_parse_time (entry_row_text (self->requested_row), &rcase->requested_at, NULL))
    {
      adw_action_row_set_subtitle (self->deadline_row, _("Choose the channel and enter the request time"));
      return;
    }

  policy = rd_context_get_policy (self->context);
  hours = rd_policy_get_auto_refund_hours (policy, rcase->channel);
  deadline = rd_case_compute_platform_deadline (rcase, policy);
  when = rd_time_format_local (deadline);

  if (deadline <= g_get_real_time () / G_USEC_PER_SEC)
    subtitle = g_strdup_printf (ngettext ("%s (%u hour after the request) — already passed: the platform may refund by itself",
                                          "%s (%u hours after the request) — already passed: the platform may refund by itself",
                                          hours), when, hours);
  else
    subtitle = g_strdup_printf (ngettext ("%s (%u hour after the request)",
                                          "%s (%u hours after the request)",
                                          hours), when, hours);
  adw_action_row_set_subtitle (self->deadline_row, subtitle);
}

static void
update_kind (RdIntakePage *self)
{
  RdRefundKind kind = rd_refund_kind_from_id (rd_combo_row_get_id (self->kind_row));
  const char *reason = rd_combo_row_get_id (self->reason_row);
  const char *fault = rd_combo_row_get_tag (self->reason_row);
  g_autofree char *currency_code = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->evidence_group), kind != RD_REFUND_KIND_NONE);
  gtk_widget_set_visible (GTK_WIDGET (self->steps_group), kind != RD_REFUND_KIND_NONE);
  gtk_widget_set_visible (GTK_WIDGET (self->shipped_offline_row),
                          kind != RD_REFUND_KIND_RETURN_REFUND ||
                          gtk_switch_get_active (self->shipped_offline_switch));
  /* The parcel the shop sent: for the kinds where the goods went out. */
  gtk_widget_set_visible (GTK_WIDGET (self->outbound_courier_row), rd_case_kind_has_outbound_parcel (kind));
  gtk_widget_set_visible (GTK_WIDGET (self->outbound_tracking_row), rd_case_kind_has_outbound_parcel (kind));

  if (kind != RD_REFUND_KIND_NONE)
    {
      g_autofree char *threshold = NULL;
      g_autofree char *steps = NULL;

      currency_code = g_settings_get_string (self->settings, "default-currency");
      threshold = rd_money_format (rd_context_get_policy (self->context)->high_ticket_threshold,
                                   rd_currency_lookup (currency_code));
      if (kind == RD_REFUND_KIND_REFUND_ONLY_UNSHIPPED)
        steps = g_strdup (_(next_steps[kind]));
      else
        steps = g_strdup_printf (_(next_steps[kind]), threshold);
      gtk_label_set_label (self->steps_label, steps);

      for (guint i = 0; i < RD_EVIDENCE_N_ITEMS; i++)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (self->evidence_rows[i]),
                                     rd_evidence_is_required (i, kind, RD_CASE_STATUS_REQUESTED) ? _("Required") : "");
    }

  if (reason != NULL && fault != NULL)
    {
      g_autofree char *subtitle = g_strdup_printf (_("Fault: %s"), rd_fault_get_name (rd_fault_from_id (fault)));

      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->reason_row), subtitle);
    }
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->reason_row), "");

  gtk_widget_set_visible (GTK_WIDGET (self->rate_row),
                          g_strcmp0 (rd_combo_row_get_id (self->currency_row), "CNY") != 0);
}

/* Drafts */

static char *
form_to_json (RdIntakePage *self)
{
  g_autoptr(RdDraft) draft = rd_draft_new ();
  guint evidence = 0;

  for (guint i = 0; i < G_N_ELEMENTS (entry_fields); i++)
    rd_draft_set_string (draft, entry_fields[i].key,
                         entry_row_text (ADW_ENTRY_ROW (FIELD (self, &entry_fields[i]))));
  for (guint i = 0; i < G_N_ELEMENTS (combo_fields); i++)
    rd_draft_set_string (draft, combo_fields[i].key,
                         rd_combo_row_get_id (ADW_COMBO_ROW (FIELD (self, &combo_fields[i]))));
  rd_draft_set_boolean (draft, "shipped_offline", gtk_switch_get_active (self->shipped_offline_switch));
  for (guint i = 0; i < RD_EVIDENCE_N_ITEMS; i++)
    if (gtk_check_button_get_active (self->evidence_checks[i]))
      evidence |= 1u << i;
  rd_draft_set_int (draft, "evidence", evidence);

  return rd_draft_to_json (draft);
}

static void
form_from_draft (RdIntakePage *self,
                 RdDraft      *draft)
{
  guint evidence;

  for (guint i = 0; i < G_N_ELEMENTS (entry_fields); i++)
    if (rd_draft_has_member (draft, entry_fields[i].key))
      gtk_editable_set_text (GTK_EDITABLE (FIELD (self, &entry_fields[i])),
                             rd_draft_get_string (draft, entry_fields[i].key, ""));
  for (guint i = 0; i < G_N_ELEMENTS (combo_fields); i++)
    if (rd_draft_has_member (draft, combo_fields[i].key))
      rd_combo_row_set_id (ADW_COMBO_ROW (FIELD (self, &combo_fields[i])),
                           rd_draft_get_string (draft, combo_fields[i].key, ""));
  gtk_switch_set_active (self->shipped_offline_switch,
                         rd_draft_get_boolean (draft, "shipped_offline", FALSE));
  evidence = (guint) rd_draft_get_int (draft, "evidence", 0);
  for (guint i = 0; i < RD_EVIDENCE_N_ITEMS; i++)
    gtk_check_button_set_active (self->evidence_checks[i], (evidence & (1u << i)) != 0);
}

static void
save_draft (RdIntakePage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;

  if (self->store == NULL || rd_store_is_read_only (self->store))
    return;

  json = form_to_json (self);
  if (g_strcmp0 (json, self->blank_json) == 0)
    rd_drafts_discard (self->store, DRAFT_FORM, &error);
  else
    rd_drafts_save (self->store, DRAFT_FORM, json, &error);

  if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not keep the unsaved case: %s"), error->message);

      _rd_intake_page_show_toast (self, message);
    }
}

void
_rd_intake_page_discard_draft (RdIntakePage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->store != NULL && !rd_store_is_read_only (self->store) &&
      !rd_drafts_discard (self->store, DRAFT_FORM, &error))
    g_warning ("Could not discard the intake draft: %s", error->message);
}

/* The form */

static void
refresh (RdIntakePage *self)
{
  g_autoptr(RdCase) rcase = NULL;

  update_kind (self);
  update_deadline (self);
  rcase = _rd_intake_page_check_form (self);
}

void
_rd_intake_page_clear_form (RdIntakePage *self)
{
  g_autofree char *now = rd_time_format_local (g_get_real_time () / G_USEC_PER_SEC);
  g_autofree char *currency = g_settings_get_string (self->settings, "default-currency");

  self->loading = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (entry_fields); i++)
    gtk_editable_set_text (GTK_EDITABLE (FIELD (self, &entry_fields[i])), "");
  gtk_editable_set_text (GTK_EDITABLE (self->requested_row), now);
  for (guint i = 0; i < G_N_ELEMENTS (combo_fields); i++)
    adw_combo_row_set_selected (ADW_COMBO_ROW (FIELD (self, &combo_fields[i])), 0);
  rd_combo_row_set_id (self->goods_row, rd_goods_kind_to_id (RD_GOODS_KIND_STANDARD));
  rd_combo_row_set_id (self->route_row, rd_refund_route_to_id (RD_REFUND_ROUTE_ORIGINAL));
  rd_combo_row_set_id (self->currency_row, rd_currency_lookup (currency) != NULL ? rd_currency_lookup (currency)->code : "CNY");
  gtk_switch_set_active (self->shipped_offline_switch, FALSE);
  for (guint i = 0; i < RD_EVIDENCE_N_ITEMS; i++)
    gtk_check_button_set_active (self->evidence_checks[i], FALSE);
  self->loading = FALSE;

  g_free (self->blank_json);
  self->blank_json = form_to_json (self);
  refresh (self);
}

/* An untouched form's request time is now: when the page is shown, and
 * every half minute while it is, not the time the form was last cleared. */
static void
update_request_time (RdIntakePage *self)
{
  g_autofree char *now = NULL;

  if (self->settings == NULL || rd_intake_page_is_dirty (self))
    return;

  now = rd_time_format_local (g_get_real_time () / G_USEC_PER_SEC);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->requested_row)), now) == 0)
    return;

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->requested_row), now);
  self->loading = FALSE;
  g_free (self->blank_json);
  self->blank_json = form_to_json (self);
  refresh (self);
}

static gboolean
on_clock_tick (gpointer user_data)
{
  update_request_time (user_data);
  return G_SOURCE_CONTINUE;
}

void
_rd_intake_page_focus_first_field (RdIntakePage *self)
{
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled), 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->channel_row));
}

/* Callbacks */

static void
on_field_changed (RdIntakePage *self)
{
  if (self->loading)
    return;

  refresh (self);
  save_draft (self);
}

static void
on_lists_changed (RdIntakePage *self)
{
  self->loading = TRUE;
  rd_combo_row_fill_list (self->channel_row, self->settings, RD_LIST_CHANNELS);
  rd_combo_row_fill_list (self->reason_row, self->settings, RD_LIST_REASONS);
  rd_combo_row_fill_list (self->payment_row, self->settings, RD_LIST_PAYMENT_METHODS);
  rd_combo_row_fill_list (self->outbound_courier_row, self->settings, RD_LIST_COURIERS);
  self->loading = FALSE;
  refresh (self);
}

static void
on_settings_changed (RdIntakePage *self)
{
  refresh (self);
}

static gboolean
on_window_close_request (RdIntakePage *self)
{
  rd_intake_page_flush_draft (self);
  return FALSE;
}

/* The context's ledger, unless the page has one. */
static void
take_context_store (RdIntakePage *self)
{
  RdStore *store = self->context != NULL ? rd_context_get_store (self->context) : NULL;

  if (self->store == NULL && store != NULL)
    rd_intake_page_set_store (self, store);
}

/* Actions */

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  RdIntakePage *self = RD_INTAKE_PAGE (widget);

  /* The form is the new case; what is typed stays (Esc clears it). */
  gtk_widget_activate_action (widget, "win.show-page", "s", "intake");
  _rd_intake_page_focus_first_field (self);
}

static gboolean
on_new_shortcut (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  new_action (GTK_WIDGET (user_data), "intake.new", NULL);
  return TRUE;
}

/* Overrides */

static void
rd_intake_page_root (GtkWidget *widget)
{
  RdIntakePage *self = RD_INTAKE_PAGE (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (rd_intake_page_parent_class)->root (widget);

  root = gtk_widget_get_root (widget);
  if (!GTK_IS_WINDOW (root))
    return;

  self->window = GTK_WINDOW (root);
  self->close_handler = g_signal_connect_swapped (root, "close-request",
                                                  G_CALLBACK (on_window_close_request), self);
  /* Ctrl+N from any page: the window holds the shortcut, since a page that
   * is not shown gets no key events. */
  self->new_shortcut = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (self->new_shortcut), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (self->new_shortcut),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_n, GDK_CONTROL_MASK),
                                                          gtk_callback_action_new (on_new_shortcut, self, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (root), self->new_shortcut);

  take_context_store (self);
}

static void
rd_intake_page_unroot (GtkWidget *widget)
{
  RdIntakePage *self = RD_INTAKE_PAGE (widget);

  if (self->window != NULL)
    {
      g_clear_signal_handler (&self->close_handler, self->window);
      if (self->new_shortcut != NULL)
        gtk_widget_remove_controller (GTK_WIDGET (self->window), g_steal_pointer (&self->new_shortcut));
      self->window = NULL;
    }

  GTK_WIDGET_CLASS (rd_intake_page_parent_class)->unroot (widget);
}

static void
rd_intake_page_map (GtkWidget *widget)
{
  RdIntakePage *self = RD_INTAKE_PAGE (widget);
  GtkRoot *root;
  GtkWidget *focus;

  GTK_WIDGET_CLASS (rd_intake_page_parent_class)->map (widget);

  update_request_time (self);
  if (self->clock_id == 0)
    self->clock_id = g_timeout_add_seconds (30, on_clock_tick, self);

  /* Shown from the view switcher or Ctrl+2: start typing at once. */
  root = gtk_widget_get_root (widget);
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  if (focus == NULL || !gtk_widget_is_ancestor (focus, widget))
    gtk_widget_grab_focus (GTK_WIDGET (self->channel_row));
}

static void
rd_intake_page_unmap (GtkWidget *widget)
{
  RdIntakePage *self = RD_INTAKE_PAGE (widget);

  g_clear_handle_id (&self->clock_id, g_source_remove);

  GTK_WIDGET_CLASS (rd_intake_page_parent_class)->unmap (widget);
}

static void
rd_intake_page_dispose (GObject *object)
{
  RdIntakePage *self = RD_INTAKE_PAGE (object);

  g_clear_handle_id (&self->clock_id, g_source_remove);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);

  /* The toast overlay is both a template child and AdwBin's child: let
   * AdwBin drop it first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), RD_TYPE_INTAKE_PAGE);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->context);
  g_clear_pointer (&self->blank_json, g_free);

  G_OBJECT_CLASS (rd_intake_page_parent_class)->dispose (object);
}

static void
rd_intake_page_class_init (RdIntakePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_intake_page_dispose;
  widget_class->root = rd_intake_page_root;
  widget_class->unroot = rd_intake_page_unroot;
  widget_class->map = rd_intake_page_map;
  widget_class->unmap = rd_intake_page_unmap;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rd-intake-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RdIntakePage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RdIntakePage, scrolled);
  gtk_widget_class_bind_template_child (widget_class, RdIntakePage, channel_row);
  gtk_widget_class_bind_template_child (widget_class, RdIntakePage, order_row);
  gtk_widget_class_bind_template_child (widget_class, RdIntakePage, kind_row);
  gtk_widget_class_bind_template_child (widget_class, RdIntakePage, reason_row);
  gtk_widget_class_bind_template_child (widget_class, RdIntakePage, amount_row);
  gtk_widget_class_bind_template_child (widget_class, RdIntakePage, payment_row);
  gtk_widget_class_bind_template_child (widget_class, RdIntakePage, required_message);
  gtk_widget_class_bind_template_child (widget_class, RdIntakePage, after_sales_row);
  gtk_widget_class_bind_template_child (widget_class, RdIntakePage, requested_row);
  gtk_widget_class_bind_template_child (widget_class, RdIntakePage, deadline_row);
  gtk_widget_class_bind_template_child (widget_class, RdIntakePage, goods_row);
  gtk_widget_class_bind_template_child (widget_class, RdIntakePage, order_state_row);
  gtk_widget_class_bind_template_child (widget_class, RdIntakePage, shipped_offline_row);
  gtk_widget_class_bind_template_child (widget_class, RdIntakePage, shipped_offline_switch);
  gtk_widget_class_bind_template_child (widget_class, RdIntakePage, outbound_courier_row);
  gtk_widget_class_bind_template_child (widget_class, RdIntakePage, outbound_tracking_row);
  gtk_widget_class_bind_template_child (widget_class, RdIntakePage, tracking_row);
  gtk_widget_class_bind_template_child (widget_class, RdIntakePage, request_message);
  gtk_widget_class_bind_template_child (widget_class, RdIntakePage, evidence_group);
  gtk_widget_class_bind_template_child (widget_class, RdIntakePage, steps_group);
  gtk_widget_class_bind_template_child (widget_class, RdIntakePage, steps_label);
  gtk_widget_class_bind_template_child (widget_class, RdIntakePage, buyer_name_row);
  gtk_widget_class_bind_template_child (widget_class, RdIntakePage, buyer_contact_row);
  gtk_widget_class_bind_template_child (widget_class, RdIntakePage, currency_row);
  gtk_widget_class_bind_template_child (widget_class, RdIntakePage, rate_row);
  gtk_widget_class_bind_template_child (widget_class, RdIntakePage, route_row);
  gtk_widget_class_bind_template_child (widget_class, RdIntakePage, money_message);
  gtk_widget_class_bind_template_child (widget_class, RdIntakePage, handler_row);
  gtk_widget_class_bind_template_child (widget_class, RdIntakePage, notes_row);
  gtk_widget_class_bind_template_child (widget_class, RdIntakePage, status_label);
  gtk_widget_class_bind_template_child (widget_class, RdIntakePage, save_button);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);

  gtk_widget_class_install_action (widget_class, "intake.save", NULL, _rd_intake_page_save_action);
  gtk_widget_class_install_action (widget_class, "intake.cancel", NULL, _rd_intake_page_cancel_action);
  gtk_widget_class_install_action (widget_class, "intake.new", NULL, new_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "intake.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "intake.cancel", NULL);
}

static void
rd_intake_page_init (RdIntakePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < RD_EVIDENCE_N_ITEMS; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rd_evidence_item_get_name (i));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_field_changed), self);
      adw_preferences_group_add (self->evidence_group, row);
      self->evidence_rows[i] = row;
      self->evidence_checks[i] = GTK_CHECK_BUTTON (check);
    }
}

GtkWidget *
rd_intake_page_new (RdContext *context)
{
  GtkWidget *self = g_object_new (RD_TYPE_INTAKE_PAGE, NULL);

  rd_intake_page_set_context (RD_INTAKE_PAGE (self), context);

  return self;
}

void
rd_intake_page_set_context (RdIntakePage *self,
                            RdContext    *context)
{
  g_return_if_fail (RD_IS_INTAKE_PAGE (self));
  g_return_if_fail (RD_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL);

  self->context = g_object_ref (context);
  self->settings = g_object_ref (rd_context_get_settings (context));

  self->loading = TRUE;
  rd_combo_row_fill_list (self->channel_row, self->settings, RD_LIST_CHANNELS);
  rd_combo_row_fill_list (self->reason_row, self->settings, RD_LIST_REASONS);
  rd_combo_row_fill_list (self->payment_row, self->settings, RD_LIST_PAYMENT_METHODS);
  rd_combo_row_fill_list (self->outbound_courier_row, self->settings, RD_LIST_COURIERS);
  FILL_ENUM (self->kind_row, rd_refund_kind, RD_REFUND_KIND_LAST, TRUE);
  FILL_ENUM (self->goods_row, rd_goods_kind, RD_GOODS_KIND_LAST, FALSE);
  FILL_ENUM (self->route_row, rd_refund_route, RD_REFUND_ROUTE_LAST, FALSE);
  fill_currencies (self);
  self->loading = FALSE;

  g_signal_connect_swapped (self->settings, "changed::channels", G_CALLBACK (on_lists_changed), self);
  g_signal_connect_swapped (self->settings, "changed::reasons", G_CALLBACK (on_lists_changed), self);
  g_signal_connect_swapped (self->settings, "changed::payment-methods", G_CALLBACK (on_lists_changed), self);
  g_signal_connect_swapped (self->settings, "changed::couriers", G_CALLBACK (on_lists_changed), self);
  g_signal_connect_object (context, "notify::policy", G_CALLBACK (on_settings_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::operator", G_CALLBACK (on_settings_changed), self,
                           G_CONNECT_SWAPPED);

  _rd_intake_page_clear_form (self);

  g_signal_connect_object (context, "notify::store", G_CALLBACK (take_context_store), self,
                           G_CONNECT_SWAPPED);
  take_context_store (self);
}

void
rd_intake_page_set_store (RdIntakePage *self,
                          RdStore      *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdDraft) draft = NULL;

  g_return_if_fail (RD_IS_INTAKE_PAGE (self));
  g_return_if_fail (store == NULL || RD_IS_STORE (store));

  if (self->store == store)
    return;

  g_set_object (&self->store, store);
  if (store == NULL)
    return;

  draft = rd_drafts_read (store, DRAFT_FORM, &error);
  if (g_error_matches (error, RD_DRAFTS_ERROR, RD_DRAFTS_ERROR_UNREADABLE))
    {
      /* Written behind the app's back, or damaged: the form starts empty
       * and the text is kept in a file beside the ledger. */
      g_autoptr(GError) aside_error = NULL;

      g_message ("%s", error->message);
      if (!rd_store_is_read_only (store) &&
          !rd_drafts_set_aside (store, DRAFT_FORM, NULL, &aside_error))
        g_message ("%s", aside_error->message);
      _rd_intake_page_show_toast (self, _("Your unsaved case could not be read; the form starts empty"));
      return;
    }
  if (draft == NULL)
    {
      if (error != NULL)
        g_warning ("Could not read the intake draft: %s", error->message);
      return;
    }

  self->loading = TRUE;
  form_from_draft (self, draft);
  self->loading = FALSE;
  refresh (self);

  _rd_intake_page_show_toast (self, _("Restored your unsaved case"));
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-page", "s", "intake");
}

void
rd_intake_page_flush_draft (RdIntakePage *self)
{
  g_return_if_fail (RD_IS_INTAKE_PAGE (self));

  save_draft (self);
}

gboolean
rd_intake_page_is_dirty (RdIntakePage *self)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (RD_IS_INTAKE_PAGE (self), FALSE);

  json = form_to_json (self);
  return g_strcmp0 (json, self->blank_json) != 0;
}
