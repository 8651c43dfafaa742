/* rd-intake-page.c
 *
 * The Intake page: a form for a new refund case, required fields first.
 * Every change is checked at once (messages under the group, the field
 * marked red, Save only sensitive when the case can be saved) and kept as a
 * draft in the ledger after a short pause, so that a crash or a closed
 * window loses nothing. Saving asks about an open case for the same order
 * first, then inserts the case as the current operator.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "rd-application.h"
#include "rd-case-store.h"
#include "rd-case-store-workflow.h"
#include "rd-drafts.h"
#include "rd-evidence.h"
#include "rd-intake-checks.h"
#include "rd-intake-page.h"
#include "rd-lists.h"
#include "rd-policy.h"

#define DRAFT_FORM "intake"
#define DRAFT_DELAY_MS 400

struct _RdIntakePage
{
  AdwBin               parent_instance;

  RdStore             *store;
  GSettings           *settings;
  GtkWindow           *window;
  gulong               close_handler;
  gulong               application_handler;
  guint                draft_timeout;
  gboolean             loading;
  char                *blank_json;
  GtkCheckButton      *evidence_checks[RD_EVIDENCE_N_ITEMS];
  GtkWidget           *evidence_rows[RD_EVIDENCE_N_ITEMS];

  /* Template children */
  AdwToastOverlay     *toast_overlay;
  GtkScrolledWindow   *scrolled;
  AdwComboRow         *channel_row;
  AdwEntryRow         *order_row;
  AdwComboRow         *kind_row;
  AdwComboRow         *reason_row;
  AdwEntryRow         *amount_row;
  AdwComboRow         *payment_row;
  GtkLabel            *required_message;
  AdwEntryRow         *after_sales_row;
  AdwEntryRow         *requested_row;
  AdwActionRow        *deadline_row;
  AdwComboRow         *goods_row;
  AdwEntryRow         *order_state_row;
  AdwActionRow        *shipped_offline_row;
  GtkSwitch           *shipped_offline_switch;
  AdwEntryRow         *tracking_row;
  GtkLabel            *request_message;
  AdwPreferencesGroup *evidence_group;
  AdwPreferencesGroup *steps_group;
  GtkLabel            *steps_label;
  AdwEntryRow         *buyer_name_row;
  AdwEntryRow         *buyer_contact_row;
  AdwComboRow         *currency_row;
  AdwEntryRow         *rate_row;
  AdwComboRow         *route_row;
  GtkLabel            *money_message;
  AdwEntryRow         *handler_row;
  AdwEntryRow         *notes_row;
  GtkLabel            *status_label;
  GtkButton           *save_button;
};

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
};

#define FIELD(self, field) (*(GtkWidget **) G_STRUCT_MEMBER_P (self, (field)->offset))

static const char *const next_steps[RD_REFUND_KIND_LAST] = {
  NULL,
  N_("Standard goods: approve at once. Custom-made or purchasing-agent goods: ask why; if production already cost money, offer a partial refund or refuse with the reason. Pre-sale goods: check whether production started and tell the buyer it takes longer. If the parcel left the shop without being marked shipped, it is in transit: choose “Refund only, shipped” and intercept it."),
  N_("In transit: ask the courier to intercept the parcel and register it. Below the high-ticket threshold of %s, refund as soon as the intercept is requested; at or above it, wait for the result but settle before the platform’s deadline. Signed for: check that the buyer really has it; a lost parcel is refunded or resent and a claim is filed with the courier."),
  N_("Below the high-ticket threshold of %s, refund as soon as the return parcel is picked up and moving. At or above it, refund after the parcel is back and inspected (intact, damaged or parts missing). When the buyer can be persuaded, prefer compensation, then exchange or repair, then return and refund, then refund without return."),
};

/* Choices of a combo row */

static void
set_choices (AdwComboRow *row,
             GPtrArray   *ids,
             GPtrArray   *names,
             GPtrArray   *tags,
             gboolean     placeholder)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  g_autoptr(GStrvBuilder) id_builder = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) tag_builder = g_strv_builder_new ();
  const char *const *old_ids = g_object_get_data (G_OBJECT (row), "rd-ids");
  guint selected = adw_combo_row_get_selected (row);
  g_autofree char *old_id = NULL;
  guint new_selected = 0;

  if (old_ids != NULL && selected != GTK_INVALID_LIST_POSITION && selected < g_strv_length ((char **) old_ids))
    old_id = g_strdup (old_ids[selected]);

  if (placeholder)
    {
      gtk_string_list_append (model, _("Choose…"));
      g_strv_builder_add (id_builder, "");
      g_strv_builder_add (tag_builder, "");
    }
  for (guint i = 0; i < ids->len; i++)
    {
      gtk_string_list_append (model, g_ptr_array_index (names, i));
      g_strv_builder_add (id_builder, g_ptr_array_index (ids, i));
      g_strv_builder_add (tag_builder, tags != NULL && g_ptr_array_index (tags, i) != NULL ? g_ptr_array_index (tags, i) : "");
      if (g_strcmp0 (old_id, g_ptr_array_index (ids, i)) == 0)
        new_selected = i + (placeholder ? 1 : 0);
    }

  g_object_set_data_full (G_OBJECT (row), "rd-ids", g_strv_builder_end (id_builder), (GDestroyNotify) g_strfreev);
  g_object_set_data_full (G_OBJECT (row), "rd-tags", g_strv_builder_end (tag_builder), (GDestroyNotify) g_strfreev);
  adw_combo_row_set_model (row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (row, new_selected);
}

/* The id of the chosen item, NULL for the placeholder. */
static const char *
combo_get_id (AdwComboRow *row)
{
  const char *const *ids = g_object_get_data (G_OBJECT (row), "rd-ids");
  guint selected = adw_combo_row_get_selected (row);

  if (ids == NULL || selected == GTK_INVALID_LIST_POSITION || selected >= g_strv_length ((char **) ids))
    return NULL;
  return *ids[selected] != '\0' ? ids[selected] : NULL;
}

static const char *
combo_get_tag (AdwComboRow *row)
{
  const char *const *tags = g_object_get_data (G_OBJECT (row), "rd-tags");
  guint selected = adw_combo_row_get_selected (row);

  if (combo_get_id (row) == NULL)
    return NULL;
  return tags[selected];
}

static void
combo_set_id (AdwComboRow *row,
              const char  *id)
{
  const char *const *ids = g_object_get_data (G_OBJECT (row), "rd-ids");

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    if (g_strcmp0 (ids[i], id != NULL ? id : "") == 0)
      {
        adw_combo_row_set_selected (row, i);
        return;
      }
  adw_combo_row_set_selected (row, 0);
}

static void
fill_list (AdwComboRow *row,
           GSettings   *settings,
           RdListKind   kind)
{
  g_autoptr(GPtrArray) items = rd_lists_get (settings, kind);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) tags = g_ptr_array_new ();

  for (guint i = 0; i < items->len; i++)
    {
      RdListItem *item = g_ptr_array_index (items, i);

      g_ptr_array_add (ids, item->id);
      g_ptr_array_add (names, item->name);
      g_ptr_array_add (tags, item->tag);
    }
  set_choices (row, ids, names, tags, TRUE);
}

#define FILL_ENUM(row, prefix, last, placeholder)                            \
  G_STMT_START {                                                             \
    g_autoptr(GPtrArray) ids = g_ptr_array_new ();                           \
    g_autoptr(GPtrArray) names = g_ptr_array_new ();                         \
    for (int v = 1; v < (int) (last); v++)                                   \
      {                                                                      \
        g_ptr_array_add (ids, (gpointer) prefix##_to_id (v));                \
        g_ptr_array_add (names, (gpointer) prefix##_get_name (v));           \
      }                                                                      \
    set_choices ((row), ids, names, NULL, (placeholder));                    \
  } G_STMT_END

static void
fill_currencies (RdIntakePage *self)
{
  const RdCurrency *const *list = rd_currency_list ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (guint i = 0; list[i] != NULL; i++)
    g_ptr_array_add (ids, (gpointer) list[i]->code);
  set_choices (self->currency_row, ids, ids, NULL, FALSE);
}

/* Messages */

static void
show_toast (RdIntakePage *self,
            const char   *title)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

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

static const char *
entry_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static char *
entry_text_or_null (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (entry_text (row)));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static char *
get_operator (RdIntakePage *self)
{
  g_autofree char *name = g_settings_get_string (self->settings, "current-operator");

  g_strstrip (name);
  return *name != '\0' ? g_steal_pointer (&name) : NULL;
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

  if (rd_intake_check_number (entry_text (row), field, &error))
    {
      mark_row (row, FALSE);
      return TRUE;
    }
  if (g_error_matches (error, RD_INTAKE_ERROR, RD_INTAKE_ERROR_REQUIRED))
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

static void
append_note (RdCase     *rcase,
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
static RdCase *
check_form (RdIntakePage *self)
{
  g_autoptr(RdCase) rcase = rd_case_new ();
  g_autoptr(GString) missing = g_string_new (NULL);
  g_autoptr(GString) required_errors = g_string_new (NULL);
  g_autoptr(GString) request_errors = g_string_new (NULL);
  g_autoptr(GString) money_errors = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  const RdCurrency *currency;
  const char *payment;
  gboolean ok = TRUE;

  currency = rd_currency_lookup (combo_get_id (self->currency_row));
  if (currency == NULL)
    currency = rd_currency_default ();

  rcase->channel = g_strdup (combo_get_id (self->channel_row));
  if (rcase->channel == NULL)
    add_missing (missing, _("Channel"));

  ok &= check_number_row (self->order_row, _("Order number"), TRUE, missing, required_errors);
  rcase->order_no = entry_text_or_null (self->order_row);

  rcase->kind = rd_refund_kind_from_id (combo_get_id (self->kind_row));
  if (rcase->kind == RD_REFUND_KIND_NONE)
    add_missing (missing, _("Kind of refund"));

  rcase->reason = g_strdup (combo_get_id (self->reason_row));
  if (rcase->reason == NULL)
    add_missing (missing, _("Reason"));

  if (!rd_intake_check_amount (entry_text (self->amount_row), currency, &rcase->amount_paid, &error))
    {
      if (g_error_matches (error, RD_INTAKE_ERROR, RD_INTAKE_ERROR_REQUIRED))
        add_missing (missing, _("Amount paid"));
      else
        add_line (required_errors, error->message);
      mark_row (self->amount_row, !g_error_matches (error, RD_INTAKE_ERROR, RD_INTAKE_ERROR_REQUIRED));
      ok = FALSE;
      g_clear_error (&error);
    }
  else
    mark_row (self->amount_row, FALSE);

  payment = combo_get_tag (self->payment_row);
  rcase->payment_method = rd_payment_method_from_id (payment);
  if (rcase->payment_method == RD_PAYMENT_METHOD_NONE)
    add_missing (missing, _("Payment method"));

  ok &= check_number_row (self->after_sales_row, _("After-sales number"), FALSE, missing, request_errors);
  rcase->after_sales_no = entry_text_or_null (self->after_sales_row);

  if (!rd_intake_parse_time (entry_text (self->requested_row), &rcase->requested_at, &error))
    {
      add_line (request_errors, error->message);
      mark_row (self->requested_row, TRUE);
      ok = FALSE;
      g_clear_error (&error);
    }
  else
    mark_row (self->requested_row, FALSE);

  rcase->goods_kind = rd_goods_kind_from_id (combo_get_id (self->goods_row));
  rcase->order_state = entry_text_or_null (self->order_state_row);

  mark_row (self->shipped_offline_row, FALSE);
  if (gtk_switch_get_active (self->shipped_offline_switch) && rcase->kind == RD_REFUND_KIND_REFUND_ONLY_UNSHIPPED)
    {
      add_line (request_errors, _("The parcel has left the shop: choose “Refund only, shipped” and intercept it."));
      mark_row (self->shipped_offline_row, TRUE);
      ok = FALSE;
    }

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
  rcase->refund_route = rd_refund_route_from_id (combo_get_id (self->route_row));

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
      g_autofree char *operator = get_operator (self);

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
  if (g_strcmp0 (combo_get_id (self->payment_row), payment) != 0)
    {
      GtkStringObject *name = adw_combo_row_get_selected_item (self->payment_row);
      g_autofree char *line = g_strdup_printf (_("Payment method: %s"), gtk_string_object_get_string (name));

      append_note (rcase, line);
    }
  if (gtk_switch_get_active (self->shipped_offline_switch))
    append_note (rcase, _("Shipped outside the platform: the platform showed the order as not shipped."));

  return g_steal_pointer (&rcase);
}

/* Derived rows: deadline, evidence, next steps, exchange rate */

static void
update_deadline (RdIntakePage *self)
{
  g_auto(RdPolicy) policy = { 0 };
  g_autoptr(RdCase) rcase = rd_case_new ();
  g_autofree char *when = NULL;
  g_autofree char *subtitle = NULL;
  gint64 deadline;
  guint hours;

  rcase->channel = g_strdup (combo_get_id (self->channel_row));
  if (rcase->channel == NULL ||
      !rd_intake_parse_time (entry_text (self->requested_row), &rcase->requested_at, NULL))
    {
      adw_action_row_set_subtitle (self->deadline_row, _("Choose the channel and enter the request time"));
      return;
    }

  rd_policy_load_from_settings (&policy, self->settings);
  hours = rd_policy_get_auto_refund_hours (&policy, rcase->channel);
  deadline = rd_case_compute_platform_deadline (rcase, &policy);
  when = rd_intake_format_time (deadline);

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
  RdRefundKind kind = rd_refund_kind_from_id (combo_get_id (self->kind_row));
  const char *reason = combo_get_id (self->reason_row);
  const char *fault = combo_get_tag (self->reason_row);
  g_autofree char *currency_code = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->evidence_group), kind != RD_REFUND_KIND_NONE);
  gtk_widget_set_visible (GTK_WIDGET (self->steps_group), kind != RD_REFUND_KIND_NONE);
  gtk_widget_set_visible (GTK_WIDGET (self->shipped_offline_row),
                          kind != RD_REFUND_KIND_RETURN_REFUND ||
                          gtk_switch_get_active (self->shipped_offline_switch));

  if (kind != RD_REFUND_KIND_NONE)
    {
      g_autofree char *threshold = NULL;
      g_autofree char *steps = NULL;

      currency_code = g_settings_get_string (self->settings, "default-currency");
      threshold = rd_money_format (g_settings_get_int64 (self->settings, "high-ticket-threshold"),
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
                          g_strcmp0 (combo_get_id (self->currency_row), "CNY") != 0);
}

/* Drafts */

static char *
form_to_json (RdIntakePage *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  guint evidence = 0;

  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (entry_fields); i++)
    {
      json_builder_set_member_name (builder, entry_fields[i].key);
      json_builder_add_string_value (builder, entry_text (ADW_ENTRY_ROW (FIELD (self, &entry_fields[i]))));
    }
  for (guint i = 0; i < G_N_ELEMENTS (combo_fields); i++)
    {
      const char *id = combo_get_id (ADW_COMBO_ROW (FIELD (self, &combo_fields[i])));

      json_builder_set_member_name (builder, combo_fields[i].key);
      json_builder_add_string_value (builder, id != NULL ? id : "");
    }
  json_builder_set_member_name (builder, "shipped_offline");
  json_builder_add_boolean_value (builder, gtk_switch_get_active (self->shipped_offline_switch));
  for (guint i = 0; i < RD_EVIDENCE_N_ITEMS; i++)
    if (gtk_check_button_get_active (self->evidence_checks[i]))
      evidence |= 1u << i;
  json_builder_set_member_name (builder, "evidence");
  json_builder_add_int_value (builder, evidence);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static void
form_from_json (RdIntakePage *self,
                const char   *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  guint evidence;

  if (!json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;
  object = json_node_get_object (json_parser_get_root (parser));

  for (guint i = 0; i < G_N_ELEMENTS (entry_fields); i++)
    if (json_object_has_member (object, entry_fields[i].key))
      gtk_editable_set_text (GTK_EDITABLE (FIELD (self, &entry_fields[i])),
                             json_object_get_string_member_with_default (object, entry_fields[i].key, ""));
  for (guint i = 0; i < G_N_ELEMENTS (combo_fields); i++)
    if (json_object_has_member (object, combo_fields[i].key))
      combo_set_id (ADW_COMBO_ROW (FIELD (self, &combo_fields[i])),
                    json_object_get_string_member_with_default (object, combo_fields[i].key, ""));
  gtk_switch_set_active (self->shipped_offline_switch,
                         json_object_get_boolean_member_with_default (object, "shipped_offline", FALSE));
  evidence = json_object_get_int_member_with_default (object, "evidence", 0);
  for (guint i = 0; i < RD_EVIDENCE_N_ITEMS; i++)
    gtk_check_button_set_active (self->evidence_checks[i], (evidence & (1u << i)) != 0);
}

static void
save_draft (RdIntakePage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;

  g_clear_handle_id (&self->draft_timeout, g_source_remove);
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

      show_toast (self, message);
    }
}

static gboolean
on_draft_timeout (gpointer user_data)
{
  RdIntakePage *self = user_data;

  self->draft_timeout = 0;
  save_draft (self);
  return G_SOURCE_REMOVE;
}

static void
discard_draft (RdIntakePage *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->draft_timeout, g_source_remove);
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
  rcase = check_form (self);
}

static void
clear_form (RdIntakePage *self)
{
  g_autofree char *now = rd_intake_format_time (g_get_real_time () / G_USEC_PER_SEC);
  g_autofree char *currency = g_settings_get_string (self->settings, "default-currency");

  self->loading = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (entry_fields); i++)
    gtk_editable_set_text (GTK_EDITABLE (FIELD (self, &entry_fields[i])), "");
  gtk_editable_set_text (GTK_EDITABLE (self->requested_row), now);
  for (guint i = 0; i < G_N_ELEMENTS (combo_fields); i++)
    adw_combo_row_set_selected (ADW_COMBO_ROW (FIELD (self, &combo_fields[i])), 0);
  combo_set_id (self->goods_row, rd_goods_kind_to_id (RD_GOODS_KIND_STANDARD));
  combo_set_id (self->route_row, rd_refund_route_to_id (RD_REFUND_ROUTE_ORIGINAL));
  combo_set_id (self->currency_row, rd_currency_lookup (currency) != NULL ? rd_currency_lookup (currency)->code : "CNY");
  gtk_switch_set_active (self->shipped_offline_switch, FALSE);
  for (guint i = 0; i < RD_EVIDENCE_N_ITEMS; i++)
    gtk_check_button_set_active (self->evidence_checks[i], FALSE);
  self->loading = FALSE;

  g_free (self->blank_json);
  self->blank_json = form_to_json (self);
  refresh (self);
}

static void
focus_first_field (RdIntakePage *self)
{
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled), 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->channel_row));
}

static void
show_case (RdIntakePage *self,
           gint64        id)
{
  /* The ledger page installs win.show-case; without it, show the ledger. */
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "win.show-case", "x", id))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-page", "s", "ledger");
}

static void
on_saved_toast_button_clicked (AdwToast     *toast,
                               RdIntakePage *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (toast), "rd-case-id");

  if (id != NULL)
    show_case (self, *id);
}

static void
insert_case (RdIntakePage *self,
             RdCase       *rcase,
             const char   *duplicate_of,
             const char   *duplicate_reason)
{
  g_auto(RdPolicy) policy = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *operator = get_operator (self);
  g_autofree char *title = NULL;
  AdwToast *toast;
  gint64 *id;

  if (duplicate_of != NULL)
    {
      g_autofree char *line = g_strdup_printf (_("Created although %s is open for the same order: %s"),
                                               duplicate_of, duplicate_reason);

      append_note (rcase, line);
    }
  if (rcase->handler == NULL)
    rcase->handler = g_strdup (operator);

  rd_policy_load_from_settings (&policy, self->settings);
  rcase->platform_deadline = rd_case_compute_platform_deadline (rcase, &policy);

  if (!rd_case_store_insert (self->store, rcase, operator, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The case was not saved: %s"), error->message);

      show_toast (self, message);
      return;
    }

  for (guint i = 0; i < RD_EVIDENCE_N_ITEMS; i++)
    if (gtk_check_button_get_active (self->evidence_checks[i]) &&
        !rd_evidence_set (self->store, rcase->id, i, TRUE, operator, &error))
      {
        g_autofree char *message = g_strdup_printf (_("The case was saved, but not its evidence: %s"), error->message);

        show_toast (self, message);
        g_clear_error (&error);
        break;
      }

  discard_draft (self);
  clear_form (self);
  focus_first_field (self);

  title = g_strdup_printf (_("Case %s saved"), rcase->case_no);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Show"));
  id = g_new (gint64, 1);
  *id = rcase->id;
  g_object_set_data_full (G_OBJECT (toast), "rd-case-id", id, g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_saved_toast_button_clicked), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_reason_entry_changed (GtkEditable      *entry,
                         AdwMessageDialog *dialog)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "create", *reason != '\0');
}

static void
on_duplicate_response (AdwMessageDialog *dialog,
                       const char       *response,
                       RdIntakePage     *self)
{
  RdCase *duplicate = g_object_get_data (G_OBJECT (dialog), "rd-duplicate");
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "rd-entry");
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autoptr(RdCase) rcase = NULL;

  if (g_str_equal (response, "open"))
    show_case (self, duplicate->id);
  else if (g_str_equal (response, "create") && *reason != '\0')
    {
      rcase = check_form (self);
      if (rcase != NULL)
        insert_case (self, rcase, duplicate->case_no, reason);
    }
}

static void
ask_about_duplicate (RdIntakePage *self,
                     RdCase       *duplicate,
                     guint         n_open)
{
  g_autofree char *amount = rd_money_format (duplicate->amount_paid, rd_currency_lookup (duplicate->currency));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;
  GtkWidget *entry;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("This Order Already Has an Open Case"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  ngettext ("Case %s (%s, %s) is open for the same channel and order number. Open that case, or create another one and say why.",
                                            "Case %s (%s, %s) and others are open for the same channel and order number. Open the newest, or create another one and say why.",
                                            n_open),
                                  duplicate->case_no, rd_case_status_get_name (duplicate->status), amount);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "create", _("Create _Anyway"),
                                    "open", _("_Open That Case"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "create", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "open");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Why another case? (required)"));
  g_signal_connect (entry, "changed", G_CALLBACK (on_reason_entry_changed), dialog);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);

  g_object_set_data_full (G_OBJECT (dialog), "rd-duplicate", rd_case_copy (duplicate), (GDestroyNotify) rd_case_free);
  g_object_set_data (G_OBJECT (dialog), "rd-entry", entry);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_duplicate_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_cancel_response (AdwMessageDialog *dialog,
                    const char       *response,
                    RdIntakePage     *self)
{
  if (!g_str_equal (response, "discard"))
    return;

  discard_draft (self);
  clear_form (self);
  focus_first_field (self);
}

/* Callbacks */

static void
on_field_changed (RdIntakePage *self)
{
  if (self->loading)
    return;

  refresh (self);
  g_clear_handle_id (&self->draft_timeout, g_source_remove);
  self->draft_timeout = g_timeout_add (DRAFT_DELAY_MS, on_draft_timeout, self);
}

static void
on_lists_changed (RdIntakePage *self)
{
  self->loading = TRUE;
  fill_list (self->channel_row, self->settings, RD_LIST_CHANNELS);
  fill_list (self->reason_row, self->settings, RD_LIST_REASONS);
  fill_list (self->payment_row, self->settings, RD_LIST_PAYMENT_METHODS);
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

static void
take_application_store (RdIntakePage *self)
{
  GtkApplication *app = self->window != NULL ? gtk_window_get_application (self->window) : NULL;

  if (self->store == NULL && RD_IS_APPLICATION (app) && rd_application_get_store (RD_APPLICATION (app)) != NULL)
    rd_intake_page_set_store (self, rd_application_get_store (RD_APPLICATION (app)));
}

/* Actions */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RdIntakePage *self = RD_INTAKE_PAGE (widget);
  g_autoptr(RdCase) rcase = check_form (self);
  g_autoptr(GPtrArray) duplicates = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *operator = NULL;

  if (rcase == NULL || self->store == NULL)
    return;

  operator = get_operator (self);
  if (operator == NULL)
    {
      gtk_label_set_label (self->status_label, _("Choose who you are in the operator menu first."));
      show_toast (self, _("Choose who you are in the operator menu first."));
      return;
    }

  duplicates = rd_case_store_find_open_duplicates (self->store, rcase->channel, rcase->order_no, 0, &error);
  if (duplicates == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The case was not saved: %s"), error->message);

      show_toast (self, message);
      return;
    }
  if (duplicates->len > 0)
    {
      ask_about_duplicate (self, g_ptr_array_index (duplicates, 0), duplicates->len);
      return;
    }

  insert_case (self, rcase, NULL, NULL);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RdIntakePage *self = RD_INTAKE_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  if (!rd_intake_page_is_dirty (self))
    return;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Discard This Case?"),
                                   _("What you typed has not been saved to the ledger and will be lost."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_cancel_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  RdIntakePage *self = RD_INTAKE_PAGE (widget);

  /* The form is the new case; what is typed stays (Esc clears it). */
  gtk_widget_activate_action (widget, "win.show-page", "s", "intake");
  focus_first_field (self);
}

static gboolean
on_new_shortcut (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  new_action (widget, "intake.new", NULL);
  return TRUE;
}

/* Overrides */

static void
on_window_application_changed (RdIntakePage *self)
{
  take_application_store (self);
}

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
  self->application_handler = g_signal_connect_swapped (root, "notify::application",
                                                        G_CALLBACK (on_window_application_changed), self);
  take_application_store (self);
}

static void
rd_intake_page_unroot (GtkWidget *widget)
{
  RdIntakePage *self = RD_INTAKE_PAGE (widget);

  if (self->window != NULL)
    {
      g_clear_signal_handler (&self->close_handler, self->window);
      g_clear_signal_handler (&self->application_handler, self->window);
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

  /* Shown from the view switcher or Ctrl+2: start typing at once. */
  root = gtk_widget_get_root (widget);
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  if (focus == NULL || !gtk_widget_is_ancestor (focus, widget))
    gtk_widget_grab_focus (GTK_WIDGET (self->channel_row));
}

static void
rd_intake_page_dispose (GObject *object)
{
  RdIntakePage *self = RD_INTAKE_PAGE (object);

  if (self->draft_timeout != 0)
    save_draft (self);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);

  /* The toast overlay is both a template child and AdwBin's child: let
   * AdwBin drop it first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), RD_TYPE_INTAKE_PAGE);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
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

  gtk_widget_class_install_action (widget_class, "intake.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "intake.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "intake.new", NULL, new_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "intake.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "intake.cancel", NULL);
}

static void
rd_intake_page_init (RdIntakePage *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);

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

  self->loading = TRUE;
  fill_list (self->channel_row, self->settings, RD_LIST_CHANNELS);
  fill_list (self->reason_row, self->settings, RD_LIST_REASONS);
  fill_list (self->payment_row, self->settings, RD_LIST_PAYMENT_METHODS);
  FILL_ENUM (self->kind_row, rd_refund_kind, RD_REFUND_KIND_LAST, TRUE);
  FILL_ENUM (self->goods_row, rd_goods_kind, RD_GOODS_KIND_LAST, FALSE);
  FILL_ENUM (self->route_row, rd_refund_route, RD_REFUND_ROUTE_LAST, FALSE);
  fill_currencies (self);
  self->loading = FALSE;

  g_signal_connect_swapped (self->settings, "changed::channels", G_CALLBACK (on_lists_changed), self);
  g_signal_connect_swapped (self->settings, "changed::reasons", G_CALLBACK (on_lists_changed), self);
  g_signal_connect_swapped (self->settings, "changed::payment-methods", G_CALLBACK (on_lists_changed), self);
  g_signal_connect_swapped (self->settings, "changed::current-operator", G_CALLBACK (on_settings_changed), self);
  g_signal_connect_swapped (self->settings, "changed::high-ticket-threshold", G_CALLBACK (on_settings_changed), self);

  /* Ctrl+N from any page of the window. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_n, GDK_CONTROL_MASK),
                                                          gtk_callback_action_new (on_new_shortcut, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  clear_form (self);
}

GtkWidget *
rd_intake_page_new (void)
{
  return g_object_new (RD_TYPE_INTAKE_PAGE, NULL);
}

void
rd_intake_page_set_store (RdIntakePage *self,
                          RdStore      *store)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;

  g_return_if_fail (RD_IS_INTAKE_PAGE (self));
  g_return_if_fail (store == NULL || RD_IS_STORE (store));

  if (self->store == store)
    return;

  g_clear_handle_id (&self->draft_timeout, g_source_remove);
  g_set_object (&self->store, store);
  if (store == NULL)
    return;

  json = rd_drafts_load (store, DRAFT_FORM, NULL, &error);
  if (json == NULL)
    {
      if (error != NULL)
        g_warning ("Could not read the intake draft: %s", error->message);
      return;
    }

  self->loading = TRUE;
  form_from_json (self, json);
  self->loading = FALSE;
  refresh (self);

  show_toast (self, _("Restored your unsaved case"));
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
