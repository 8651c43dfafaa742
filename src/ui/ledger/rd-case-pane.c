/* rd-case-pane.c
 *
 * Shows one case: reads it, its payouts, evidence, attachments and audit
 * entries through the core and fills the groups. The workflow buttons and
 * their dialogs live in rd-case-pane-actions.c, the intercepts group in
 * rd-case-pane-intercepts.c, the timeline in rd-case-pane-timeline.c.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-audit.h"
#include "rd-calc-json.h"
#include "rd-case-pane-private.h"
#include "rd-case-store.h"
#include "rd-channels.h"
#include "rd-case-evidence.h"
#include "rd-money.h"
#include "rd-case-payouts.h"
#include "rd-time.h"

/* The countdown of the platform deadline. */
#define COUNTDOWN_INTERVAL_SECONDS 30
#define DEADLINE_WARNING_SECONDS   (2 * 60 * 60)

G_DEFINE_FINAL_TYPE (RdCasePane, rd_case_pane, ADW_TYPE_BIN)

enum {
  CASE_CHANGED,
  BACK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  INFO_CHANNEL,
  INFO_ORDER_NO,
  INFO_AFTER_SALES_NO,
  INFO_BUYER,
  INFO_CONTACT,
  INFO_KIND,
  INFO_GOODS,
  INFO_REASON,
  INFO_PAYMENT,
  INFO_ROUTE,
  INFO_REQUESTED,
  INFO_DEADLINE,
  INFO_HANDLER,
  INFO_CREATED_BY,
  INFO_APPROVED_BY,
  INFO_RETURN_TRACKING,
  INFO_REFUSAL,
  INFO_RESOLUTION,
  INFO_NOTES,
  INFO_PAID,
  INFO_APPROVED,
  INFO_PAID_OUT,
  INFO_REMAINING,
  INFO_EXPECTED_ARRIVAL,
  N_INFO
};

G_STATIC_ASSERT (N_INFO <= 32);

/* Helpers */

static void
set_info (RdCasePane *self,
          guint       info,
          const char *value)
{
  gboolean has_value = value != NULL && *value != '\0';

  gtk_label_set_label (self->info_labels[info], has_value ? value : "");
  gtk_widget_set_visible (GTK_WIDGET (self->info_rows[info]), has_value);
}

static void
take_info (RdCasePane *self,
           guint       info,
           char       *value)
{
  set_info (self, info, value);
  g_free (value);
}

static AdwPreferencesGroup *
add_group (RdCasePane *self,
           const char *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_box_append (self->content_box, group);

  return ADW_PREFERENCES_GROUP (group);
}

static void
add_info_row (RdCasePane          *self,
              AdwPreferencesGroup *group,
              guint                info,
              const char          *title)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_set_hexpand (label, TRUE);
  if (info == INFO_NOTES)
    {
      /* Broken anywhere a word is too long: a label wrapped at words is
       * as wide as its longest word, and a note can be one long word. */
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_width_chars (GTK_LABEL (label), 20);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
    }
  else
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
    }
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_preferences_group_add (group, row);

  self->info_rows[info] = ADW_ACTION_ROW (row);
  self->info_labels[info] = GTK_LABEL (label);
}

static GtkListBox *
add_list (AdwPreferencesGroup *group)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  adw_preferences_group_add (group, list);

  return GTK_LIST_BOX (list);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
add_placeholder_row (GtkListBox *list,
                     const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_widget_add_css_class (row, "dim-label");
  gtk_list_box_append (list, row);
}

static void
update_countdown (RdCasePane *self)
{
  g_autofree char *when = NULL;
  g_autofree char *text = NULL;
  gint64 left;
  gboolean open;

  if (self->rcase == NULL || self->rcase->platform_deadline <= 0)
    {
      set_info (self, INFO_DEADLINE, NULL);
      return;
    }

  when = rd_time_format_local (self->rcase->platform_deadline);
  open = rd_case_status_is_open (self->rcase->status);
  left = self->rcase->platform_deadline - g_get_real_time () / G_USEC_PER_SEC;

  if (!open)
    text = g_strdup (when);
  else if (left >= 0)
    {
      int hours = (int) MIN (left / 3600, G_MAXINT), minutes = (int) ((left % 3600) / 60);

      /* Translators: the platform deadline, then the time left: "2026-05-01 14:05 (in 3 h 20 min)". */
      text = g_strdup_printf (_("%s (in %d h %d min)"), when, hours, minutes);
    }
  else
    {
      int hours = (int) MIN (-left / 3600, G_MAXINT), minutes = (int) ((-left % 3600) / 60);

      text = g_strdup_printf (_("%s (overdue by %d h %d min)"), when, hours, minutes);
    }

  set_info (self, INFO_DEADLINE, text);
  if (open && left < DEADLINE_WARNING_SECONDS)
    gtk_widget_add_css_class (GTK_WIDGET (self->info_labels[INFO_DEADLINE]), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->info_labels[INFO_DEADLINE]), "error");
}

static gboolean
on_countdown_tick (gpointer user_data)
{
  update_countdown (RD_CASE_PANE (user_data));

  return G_SOURCE_CONTINUE;
}

static void
show_breakdown (RdCasePane *self)
{
  g_autoptr(RdCalcResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *total = NULL;
  GtkWidget *row, *label;

  clear_list (self->breakdown_list);
  gtk_widget_set_visible (GTK_WIDGET (self->breakdown_group), FALSE);

  if (self->rcase->breakdown == NULL || *self->rcase->breakdown == '\0')
    return;

  result = rd_calc_result_from_breakdown (self->rcase->breakdown, &error);
  if (result == NULL)
    {
      g_debug ("Case %s: the stored breakdown is not shown: %s", self->rcase->case_no, error->message);
      return;
    }

  for (guint i = 0; i < result->breakdown->len; i++)
    {
      const RdCalcBreakdownRow *step = g_ptr_array_index (result->breakdown, i);
      g_autofree char *amount = rd_money_format (step->amount, result->currency);

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     step->explanation != NULL ? step->explanation : step->rule);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      label = gtk_label_new (amount);
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      gtk_list_box_append (self->breakdown_list, row);
    }

  total = rd_money_format (result->total, result->currency);
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Calculated refund"));
  label = gtk_label_new (total);
  gtk_widget_add_css_class (label, "heading");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  gtk_list_box_append (self->breakdown_list, row);

  gtk_widget_set_visible (GTK_WIDGET (self->breakdown_group), TRUE);
}

static void
show_evidence (RdCasePane *self)
{
  g_autoptr(GError) error = NULL;
  guint ticked = 0;

  if (!rd_evidence_get_ticked (self->store, self->rcase->id, &ticked, &error))
    _rd_case_pane_toast (self, error->message);

  self->updating = TRUE;
  for (guint i = 0; i < RD_EVIDENCE_N_ITEMS; i++)
    {
      gboolean required = rd_evidence_is_required (i, self->rcase->kind, self->rcase->status);

      gtk_check_button_set_active (self->evidence_checks[i], (ticked & (1u << i)) != 0);
      adw_action_row_set_subtitle (self->evidence_rows[i], required ? _("Required") : "");
    }
  self->updating = FALSE;
}

static void
on_open_attachment_clicked (GtkButton  *button,
                            RdCasePane *self)
{
  const char *relative = g_object_get_data (G_OBJECT (button), "rd-path");
  g_autofree char *data_dir = _rd_case_pane_get_data_dir (self);
  g_autofree char *path = g_build_filename (data_dir, relative, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

static void
show_attachments (RdCasePane *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) attachments = NULL;
  g_autofree char *data_dir = _rd_case_pane_get_data_dir (self);

  clear_list (self->attachments_list);
  attachments = rd_attachment_list (self->store, self->rcase->id, &error);
  if (attachments == NULL)
    {
      add_placeholder_row (self->attachments_list, error->message);
      return;
    }

  if (attachments->len == 0)
    add_placeholder_row (self->attachments_list, _("No attachments"));

  for (guint i = 0; i < attachments->len; i++)
    {
      RdAttachment *attachment = g_ptr_array_index (attachments, i);
      g_autofree char *size = g_format_size (attachment->size);
      g_autofree char *added = attachment->added_at > 0 ? rd_time_format_local (attachment->added_at) : g_strdup ("");
      g_autofree char *subtitle = g_strdup_printf ("%s · %s · %s", size, added,
                                                   attachment->operator != NULL ? attachment->operator : "");
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *thumbnail, *button;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), attachment->name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

      if (g_str_has_prefix (attachment->mime_type, "image/"))
        {
          g_autofree char *path = g_build_filename (data_dir, attachment->path, NULL);

          thumbnail = gtk_picture_new_for_filename (path);
          gtk_picture_set_can_shrink (GTK_PICTURE (thumbnail), TRUE);
          gtk_picture_set_content_fit (GTK_PICTURE (thumbnail), GTK_CONTENT_FIT_COVER);
          gtk_widget_set_size_request (thumbnail, 48, 48);
        }
      else
        {
          thumbnail = gtk_image_new_from_icon_name ("x-office-document-symbolic");
          gtk_image_set_pixel_size (GTK_IMAGE (thumbnail), 32);
          gtk_widget_set_size_request (thumbnail, 48, 48);
        }
      gtk_widget_set_valign (thumbnail, GTK_ALIGN_CENTER);
      gtk_widget_set_overflow (thumbnail, GTK_OVERFLOW_HIDDEN);
      gtk_widget_add_css_class (thumbnail, "card");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), thumbnail);

      button = gtk_button_new_from_icon_name ("document-open-symbolic");
      gtk_widget_set_tooltip_text (button, _("Open"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      g_object_set_data_full (G_OBJECT (button), "rd-path", g_strdup (attachment->path), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_open_attachment_clicked), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);

      gtk_list_box_append (self->attachments_list, row);
    }
}

static void
show_payouts (RdCasePane *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) payouts = NULL;

  clear_list (self->payouts_list);
  self->payouts_sum = 0;

  payouts = rd_payouts_list (self->store, self->rcase->id, &error);
  if (payouts == NULL)
    {
      add_placeholder_row (self->payouts_list, error->message);
      return;
    }

  if (payouts->len == 0)
    add_placeholder_row (self->payouts_list, _("No payouts yet"));

  for (guint i = 0; i < payouts->len; i++)
    {
      RdPayout *payout = g_ptr_array_index (payouts, i);
      g_autofree char *amount = _rd_case_pane_format_money (self, payout->amount);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *label;

      rd_money_add (self->payouts_sum, payout->amount, &self->payouts_sum, NULL);

      /* Translators: an instalment of the refund: "Payout 2". */
      title = g_strdup_printf (_("Payout %d"), payout->seq);
      subtitle = g_strdup_printf ("%s · %s · %s", payout->paid_on,
                                  rd_refund_route_get_name (rd_refund_route_from_id (payout->route)),
                                  payout->operator != NULL ? payout->operator : "");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      label = gtk_label_new (amount);
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      gtk_list_box_append (self->payouts_list, row);
    }
}

static void
show_fields (RdCasePane *self)
{
  const RdCase *c = self->rcase;
  const char *status_class;
  gint64 remaining = 0;

  gtk_label_set_label (self->title_label, c->case_no != NULL ? c->case_no : "");
  gtk_label_set_label (self->status_label, rd_case_status_get_name (c->status));
  for (RdCaseStatus s = RD_CASE_STATUS_NONE; s < RD_CASE_STATUS_LAST; s++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), rd_case_pane_status_style_class (s));
  status_class = rd_case_pane_status_style_class (c->status);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), status_class);

  take_info (self, INFO_CHANNEL, c->channel != NULL ? rd_channel_display_name (c->channel, NULL) : NULL);
  set_info (self, INFO_ORDER_NO, c->order_no);
  set_info (self, INFO_AFTER_SALES_NO, c->after_sales_no);
  set_info (self, INFO_BUYER, c->buyer_name);
  set_info (self, INFO_CONTACT, c->buyer_contact);
  set_info (self, INFO_KIND, rd_refund_kind_get_name (c->kind));
  set_info (self, INFO_GOODS, rd_goods_kind_get_name (c->goods_kind));
  set_info (self, INFO_REASON, c->reason != NULL ? rd_refund_reason_get_name (c->reason) : NULL);
  set_info (self, INFO_PAYMENT, rd_payment_method_get_name (c->payment_method));
  set_info (self, INFO_ROUTE, rd_refund_route_get_name (c->refund_route));
  take_info (self, INFO_REQUESTED, c->requested_at > 0 ? rd_time_format_local (c->requested_at) : NULL);
  set_info (self, INFO_HANDLER, c->handler);
  set_info (self, INFO_CREATED_BY, c->created_by);
  set_info (self, INFO_APPROVED_BY, c->approved_by);
  set_info (self, INFO_RETURN_TRACKING, c->return_tracking);
  set_info (self, INFO_REFUSAL, rd_refusal_reason_get_name (c->refusal_reason));
  set_info (self, INFO_RESOLUTION, rd_resolution_get_name (c->resolution));
  set_info (self, INFO_NOTES, c->notes);

  take_info (self, INFO_PAID, _rd_case_pane_format_money (self, c->amount_paid));
  take_info (self, INFO_APPROVED, c->approved_amount >= 0 ? _rd_case_pane_format_money (self, c->approved_amount) : NULL);
  take_info (self, INFO_PAID_OUT, _rd_case_pane_format_money (self, self->payouts_sum));
  if (c->approved_amount >= 0)
    rd_money_sub (c->approved_amount, self->payouts_sum, &remaining, NULL);
  take_info (self, INFO_REMAINING, c->approved_amount >= 0 ? _rd_case_pane_format_money (self, remaining) : NULL);
  set_info (self, INFO_EXPECTED_ARRIVAL, c->expected_arrival);

  update_countdown (self);
}

static void
show_current (RdCasePane *self)
{
  g_clear_handle_id (&self->countdown_id, g_source_remove);

  if (self->rcase == NULL || self->store == NULL)
    {
      gtk_stack_set_visible_child_name (self->pane_stack, "empty");
      gtk_label_set_label (self->title_label, "");
      gtk_label_set_label (self->status_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->status_label), FALSE);
      _rd_case_pane_update_actions (self);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->status_label), TRUE);
  show_payouts (self);
  show_fields (self);
  _rd_case_pane_platform_show (self);
  show_breakdown (self);
  show_evidence (self);
  show_attachments (self);
  _rd_case_pane_intercepts_show (self);
  _rd_case_pane_show_timeline (self);
  _rd_case_pane_update_actions (self);
  gtk_stack_set_visible_child_name (self->pane_stack, "case");

  if (self->rcase->platform_deadline > 0 && rd_case_status_is_open (self->rcase->status))
    self->countdown_id = g_timeout_add_seconds (COUNTDOWN_INTERVAL_SECONDS, on_countdown_tick, self);
}

/* Callbacks */

static void
on_toast_dismissed (RdCasePane *self,
                    AdwToast   *toast)
{
  if (self->toast == toast)
    self->toast = NULL;
}

static void
on_back_button_clicked (RdCasePane *self)
{
  g_signal_emit (self, signals[BACK], 0);
}

static void
on_evidence_toggled (GtkCheckButton *check,
                     RdCasePane     *self)
{
  g_autoptr(GError) error = NULL;
  RdEvidenceItem item = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "rd-item"));
  const char *operator;

  if (self->updating || self->rcase == NULL || self->store == NULL)
    return;

  operator = _rd_case_pane_require_operator (self);
  if (operator == NULL)
    {
      show_evidence (self);
      return;
    }
  if (!rd_evidence_set (self->store, self->rcase->id, item, gtk_check_button_get_active (check),
                        operator, &error))
    {
      _rd_case_pane_show_error (self, _("Could Not Change the Evidence"), error->message);
      show_evidence (self);
      return;
    }

  _rd_case_pane_changed (self);
}

/* Overrides */

static void
rd_case_pane_dispose (GObject *object)
{
  RdCasePane *self = RD_CASE_PANE (object);

  g_clear_handle_id (&self->countdown_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (object), RD_TYPE_CASE_PANE);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->context);
  g_clear_pointer (&self->rcase, rd_case_free);

  G_OBJECT_CLASS (rd_case_pane_parent_class)->dispose (object);
}

static void
rd_case_pane_class_init (RdCasePaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_case_pane_dispose;

  /* The case was written (its status, evidence, payouts, attachments). */
  signals[CASE_CHANGED] = g_signal_new ("case-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[BACK] = g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rd-case-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, RdCasePane, back_button);
  gtk_widget_class_bind_template_child (widget_class, RdCasePane, title_label);
  gtk_widget_class_bind_template_child (widget_class, RdCasePane, status_label);
  gtk_widget_class_bind_template_child (widget_class, RdCasePane, edit_button);
  gtk_widget_class_bind_template_child (widget_class, RdCasePane, templates_button);
  gtk_widget_class_bind_template_child (widget_class, RdCasePane, calculator_button);
  gtk_widget_class_bind_template_child (widget_class, RdCasePane, actions_box);
  gtk_widget_class_bind_template_child (widget_class, RdCasePane, pane_stack);
  gtk_widget_class_bind_template_child (widget_class, RdCasePane, content_box);
  gtk_widget_class_bind_template_callback (widget_class, on_back_button_clicked);

  _rd_case_pane_actions_class_init (widget_class);
  _rd_case_pane_templates_class_init (widget_class);
  _rd_case_pane_edit_class_init (widget_class);
}

static void
rd_case_pane_init (RdCasePane *self)
{
  AdwPreferencesGroup *group;
  GtkWidget *button;

  gtk_widget_init_template (GTK_WIDGET (self));

  _rd_case_pane_platform_build_banner (self);
  group = add_group (self, _("Case"));
  add_info_row (self, group, INFO_CHANNEL, _("Channel"));
  add_info_row (self, group, INFO_ORDER_NO, _("Order number"));
  add_info_row (self, group, INFO_AFTER_SALES_NO, _("After-sales number"));
  add_info_row (self, group, INFO_BUYER, _("Buyer"));
  add_info_row (self, group, INFO_CONTACT, _("Contact"));
  add_info_row (self, group, INFO_KIND, _("Kind of refund"));
  add_info_row (self, group, INFO_GOODS, _("Goods"));
  add_info_row (self, group, INFO_REASON, _("Reason"));
  add_info_row (self, group, INFO_PAYMENT, _("Payment method"));
  add_info_row (self, group, INFO_ROUTE, _("Refund route"));
  add_info_row (self, group, INFO_REQUESTED, _("Requested at"));
  add_info_row (self, group, INFO_DEADLINE, _("Platform deadline"));
  add_info_row (self, group, INFO_HANDLER, _("Handler"));
  add_info_row (self, group, INFO_CREATED_BY, _("Taken in by"));
  add_info_row (self, group, INFO_APPROVED_BY, _("Approved by"));
  add_info_row (self, group, INFO_RETURN_TRACKING, _("Return tracking number"));
  add_info_row (self, group, INFO_REFUSAL, _("Refusal reason"));
  add_info_row (self, group, INFO_RESOLUTION, _("Resolution"));
  add_info_row (self, group, INFO_NOTES, _("Notes"));

  _rd_case_pane_platform_build_group (self, add_group (self, _("On the Platform")));

  group = add_group (self, _("Amounts"));
  add_info_row (self, group, INFO_PAID, _("Paid by the buyer"));
  add_info_row (self, group, INFO_APPROVED, _("Approved refund"));
  add_info_row (self, group, INFO_PAID_OUT, _("Paid out"));
  add_info_row (self, group, INFO_REMAINING, _("Remaining"));
  add_info_row (self, group, INFO_EXPECTED_ARRIVAL, _("Expected arrival by"));

  self->breakdown_group = add_group (self, _("Calculator Breakdown"));
  self->breakdown_list = add_list (self->breakdown_group);

  group = add_group (self, _("Evidence"));
  adw_preferences_group_set_description (group, _("A case cannot be closed while a required item is missing."));
  for (guint i = 0; i < RD_EVIDENCE_N_ITEMS; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *name = g_strdup_printf ("evidence-%s", rd_evidence_item_to_id (i));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rd_evidence_item_get_name (i));
      gtk_widget_set_name (check, name);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (check), "rd-item", GUINT_TO_POINTER (i));
      g_signal_connect (check, "toggled", G_CALLBACK (on_evidence_toggled), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (group, row);
      self->evidence_checks[i] = GTK_CHECK_BUTTON (check);
      self->evidence_rows[i] = ADW_ACTION_ROW (row);
    }

  group = add_group (self, _("Attachments"));
  self->attachments_list = add_list (group);
  /* Not a header suffix: libadwaita 1.2 unparents that twice on dispose. */
  button = gtk_button_new_with_mnemonic (_("_Add Attachment…"));
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_margin_top (button, 6);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "case.add-attachment");
  adw_preferences_group_add (group, button);

  group = add_group (self, _("Payouts"));
  self->payouts_list = add_list (group);

  group = add_group (self, _("Intercepts"));
  _rd_case_pane_intercepts_build (self, group);

  group = add_group (self, _("Timeline"));
  self->timeline_list = add_list (group);

  show_current (self);
}

static void
on_context_operator_changed (RdCasePane *self)
{
  if (self->rcase == NULL)
    return;
  _rd_case_pane_update_actions (self);
  _rd_case_pane_intercepts_show (self);
}

/* Shared with rd-case-pane-actions.c */

const char *
_rd_case_pane_get_operator (RdCasePane *self)
{
  /* Interned: the operator names are few. */
  return g_intern_string (rd_context_get_operator (self->context));
}

const char *
_rd_case_pane_require_operator (RdCasePane *self)
{
  g_autoptr(GError) error = NULL;
  const char *operator = rd_operator_guard_require (self->context, &error);

  if (operator == NULL)
    {
      _rd_case_pane_show_error (self, _("Sign In First"), error->message);
      return NULL;
    }

  return g_intern_string (operator);
}

void
_rd_case_pane_changed (RdCasePane *self)
{
  gint64 id = self->rcase != NULL ? self->rcase->id : 0;

  rd_case_pane_reload (self);
  g_signal_emit (self, signals[CASE_CHANGED], 0, id);
}

void
_rd_case_pane_toast (RdCasePane *self,
                     const char *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *markup = NULL;
  AdwToast *toast;

  if (overlay == NULL)
    {
      g_message ("%s", message);
      return;
    }

  /* Copying one reply after another: the second toast would wait behind
   * the first, and the first one's list of missing values would be read
   * as the second's. */
  if (self->toast != NULL)
    adw_toast_dismiss (self->toast);

  /* A toast's title is markup in libadwaita 1.2; a message may name a
   * placeholder the shop typed ("{R&D}"). */
  markup = g_markup_escape_text (message, -1);
  toast = adw_toast_new (markup);
  self->toast = toast;
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_toast_dismissed), self, G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

void
_rd_case_pane_show_error (RdCasePane *self,
                          const char *heading,
                          const char *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

char *
_rd_case_pane_format_money (RdCasePane *self,
                            gint64      amount)
{
  const RdCurrency *currency = NULL;

  if (self->rcase != NULL && self->rcase->currency != NULL)
    currency = rd_currency_lookup (self->rcase->currency);

  return rd_money_format (amount, currency != NULL ? currency : rd_currency_default ());
}

char *
_rd_case_pane_get_data_dir (RdCasePane *self)
{
  if (self->store == NULL)
    return g_build_filename (g_get_user_data_dir (), "refund-desk", NULL);

  return g_path_get_dirname (rd_store_get_path (self->store));
}

/* Public API */

GtkWidget *
rd_case_pane_new (void)
{
  return g_object_new (RD_TYPE_CASE_PANE, NULL);
}

void
rd_case_pane_set_context (RdCasePane *self,
                          RdContext  *context)
{
  g_return_if_fail (RD_IS_CASE_PANE (self));
  g_return_if_fail (RD_IS_CONTEXT (context));

  g_set_object (&self->context, context);
  g_set_object (&self->settings, rd_context_get_settings (context));
  /* The buttons follow who is signed in. */
  g_signal_connect_object (context, "notify::operator", G_CALLBACK (on_context_operator_changed),
                           self, G_CONNECT_SWAPPED);
  rd_case_pane_set_store (self, rd_context_get_store (context));
}

void
rd_case_pane_set_store (RdCasePane *self,
                        RdStore    *store)
{
  g_return_if_fail (RD_IS_CASE_PANE (self));

  if (g_set_object (&self->store, store))
    {
      g_clear_pointer (&self->rcase, rd_case_free);
      show_current (self);
    }
}

void
rd_case_pane_show_case (RdCasePane *self,
                        gint64      id)
{
  g_autoptr(GError) error = NULL;
  RdCase *rcase = NULL;

  g_return_if_fail (RD_IS_CASE_PANE (self));

  if (id > 0 && self->store != NULL)
    {
      rcase = rd_case_store_get (self->store, id, &error);
      if (rcase == NULL)
        _rd_case_pane_toast (self, error->message);
    }

  g_clear_pointer (&self->rcase, rd_case_free);
  self->rcase = rcase;
  show_current (self);
}

gint64
rd_case_pane_get_case_id (RdCasePane *self)
{
  g_return_val_if_fail (RD_IS_CASE_PANE (self), 0);

  return self->rcase != NULL ? self->rcase->id : 0;
}

const RdCase *
rd_case_pane_get_case (RdCasePane *self)
{
  g_return_val_if_fail (RD_IS_CASE_PANE (self), NULL);

  return self->rcase;
}

void
rd_case_pane_reload (RdCasePane *self)
{
  g_return_if_fail (RD_IS_CASE_PANE (self));

  rd_case_pane_show_case (self, rd_case_pane_get_case_id (self));
}

void
rd_case_pane_set_show_back (RdCasePane *self,
                            gboolean    show_back)
{
  g_return_if_fail (RD_IS_CASE_PANE (self));

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), show_back);
}

const char *
rd_case_pane_status_style_class (RdCaseStatus status)
{
  switch (status)
    {
    case RD_CASE_STATUS_REQUESTED:
      return "status-requested";
    case RD_CASE_STATUS_APPROVED:
    case RD_CASE_STATUS_AWAITING_RETURN:
    case RD_CASE_STATUS_RETURNED:
    case RD_CASE_STATUS_INTERCEPTING:
    case RD_CASE_STATUS_AWAITING_PAYOUT:
      return "status-active";
    case RD_CASE_STATUS_PAID:
    case RD_CASE_STATUS_ARRIVED:
      return "status-paid";
    case RD_CASE_STATUS_REFUSED:
      return "status-refused";
    case RD_CASE_STATUS_WITHDRAWN:
    case RD_CASE_STATUS_CLOSED:
    case RD_CASE_STATUS_NONE:
    case RD_CASE_STATUS_LAST:
    default:
      return "status-closed";
    }
}
