/* rd-preferences-window.c
 *
 * The preferences. The shop's name and currency are this desk's settings
 * (g_settings_bind). The policy (money thresholds, days, the channels'
 * deadlines, stall hours, remote provinces, the idle lock) is the ledger's:
 * shown from the context and written through the core, which takes it only
 * from an admin; for anyone else its rows are read-only. The lists stay in
 * GSettings (rd-preferences-lists.c).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-channels.h"
#include "rd-money.h"
#include "rd-money-row.h"
#include "rd-policy.h"
#include "rd-backup-group.h"
#include "rd-people-group.h"
#include "rd-preferences-lists.h"
#include "rd-preferences-templates.h"
#include "rd-preferences-window.h"
#include "rd-provinces-group.h"

struct _RdPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  RdContext            *context;
  GSettings            *settings;            /* the context's */
  GPtrArray            *channel_rows;
  GPtrArray            *policy_widgets;      /* editable by an admin only */
  GtkSpinButton        *lock_spin;
  gboolean              updating;

  /* Template children */
  AdwEntryRow          *shop_name_row;
  AdwComboRow          *currency_row;
  RdMoneyRow           *high_ticket_row;
  RdMoneyRow           *review_row;
  RdMoneyRow           *shipping_cap_row;
  GtkLabel             *money_message;
  GtkSpinButton        *refund_window_spin;
  GtkSpinButton        *return_ship_spin;
  AdwPreferencesGroup  *channels_group;
  GtkSpinButton        *nudge_spin;
  GtkSpinButton        *lost_spin;
  GtkSpinButton        *remote_spin;
  GtkLabel             *stall_message;
  GtkLabel             *policy_note;
  GtkLabel             *logistics_note;
  AdwPreferencesGroup  *lock_group;
  AdwPreferencesPage   *shop_page;
  AdwPreferencesPage   *logistics_page;
  AdwPreferencesPage   *people_page;
};

G_DEFINE_FINAL_TYPE (RdPreferencesWindow, rd_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

typedef struct
{
  const char *code;
  const char *name;   /* N_() */
} CurrencyName;

static const CurrencyName currency_names[] = {
  { "CNY", N_("Chinese yuan") },
  { "USD", N_("US dollar") },
  { "EUR", N_("Euro") },
  { "HKD", N_("Hong Kong dollar") },
  { "TWD", N_("New Taiwan dollar") },
  { "GBP", N_("Pound sterling") },
  { "KRW", N_("South Korean won") },
  { "JPY", N_("Japanese yen") },
  { "KWD", N_("Kuwaiti dinar") },
};

static const guint standard_deadlines[] = { 24, 48 };

static char *
describe_currency (const RdCurrency *currency)
{
  g_autofree char *symbol = g_strstrip (g_strdup (currency->symbol));

  for (guint i = 0; i < G_N_ELEMENTS (currency_names); i++)
    if (g_str_equal (currency_names[i].code, currency->code))
      /* Translators: currency name, ISO code and symbol: "Chinese yuan (CNY, ¥)" */
      return g_strdup_printf (_("%s (%s, %s)"), _(currency_names[i].name), currency->code, symbol);

  if (g_str_equal (symbol, currency->code))
    return g_strdup (currency->code);

  return g_strdup_printf ("%s (%s)", currency->code, symbol);
}

static void
set_spin_range_from_schema (GtkSpinButton *spin,
                            GSettings     *settings,
                            const char    *key_name)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) key = NULL;
  g_autoptr(GVariant) range = NULL;
  g_autoptr(GVariant) limits = NULL;
  const char *kind;
  guint32 min = 0;
  guint32 max = G_MAXINT32;

  g_object_get (settings, "settings-schema", &schema, NULL);
  key = g_settings_schema_get_key (schema, key_name);
  range = g_settings_schema_key_get_range (key);
  g_variant_get (range, "(&sv)", &kind, &limits);
  if (g_str_equal (kind, "range"))
    g_variant_get (limits, "(uu)", &min, &max);

  gtk_spin_button_set_range (spin, min, max);
  gtk_spin_button_set_increments (spin, 1, 12);
  gtk_spin_button_set_digits (spin, 0);
}

/* The policy */

static guint
get_policy_uint (RdPreferencesWindow *self,
                 const char          *key)
{
  g_autofree char *text = rd_policy_get_text (rd_context_get_policy (self->context), key);

  return text != NULL ? (guint) g_ascii_strtoull (text, NULL, 10) : 0;
}

/* Through the core; a refusal is shown and the rows go back to the ledger's
 * values. */
static gboolean
write_policy (RdPreferencesWindow *self,
              const char          *key,
              const char          *value)
{
  g_autoptr(GError) error = NULL;

  if (rd_context_set_policy (self->context, key, value, &error))
    return TRUE;

  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
  g_object_notify (G_OBJECT (self->context), "policy");
  return FALSE;
}

static void
write_policy_uint (RdPreferencesWindow *self,
                   const char          *key,
                   guint                value)
{
  g_autofree char *text = NULL;

  if (get_policy_uint (self, key) == value)
    return;

  text = g_strdup_printf ("%u", value);
  write_policy (self, key, text);
}

static void
on_policy_spin_changed (GtkSpinButton       *spin,
                        RdPreferencesWindow *self)
{
  if (self->updating)
    return;

  write_policy_uint (self, g_object_get_data (G_OBJECT (spin), "rd-policy-key"),
                     (guint) gtk_spin_button_get_value_as_int (spin));
}

/* A spin button showing key of the ledger's policy, written through the
 * core. */
static void
bind_policy_spin (RdPreferencesWindow *self,
                  GtkSpinButton       *spin,
                  const char          *key)
{
  g_object_set_data (G_OBJECT (spin), "rd-policy-key", (gpointer) key);
  g_signal_connect (spin, "value-changed", G_CALLBACK (on_policy_spin_changed), self);
  g_ptr_array_add (self->policy_widgets, spin);
}

/* Currency */

static void
update_currency_row (RdPreferencesWindow *self)
{
  g_autofree char *code = g_settings_get_string (self->settings, "default-currency");
  const RdCurrency *const *list = rd_currency_list ();
  const RdCurrency *currency = rd_currency_lookup (code);

  for (guint i = 0; list[i] != NULL; i++)
    if (list[i] == currency)
      {
        self->updating = TRUE;
        adw_combo_row_set_selected (self->currency_row, i);
        self->updating = FALSE;
        return;
      }
}

static void
on_currency_row_selected (RdPreferencesWindow *self,
                          GParamSpec          *pspec,
                          AdwComboRow         *row)
{
  const RdCurrency *const *list = rd_currency_list ();
  guint selected = adw_combo_row_get_selected (row);
  g_autofree char *code = NULL;

  if (self->updating || self->settings == NULL)
    return;

  for (guint i = 0; list[i] != NULL; i++)
    if (i == selected)
      {
        code = g_settings_get_string (self->settings, "default-currency");
        if (g_strcmp0 (code, list[i]->code) != 0)
          g_settings_set_string (self->settings, "default-currency", list[i]->code);
        return;
      }
}

/* Money */

static void
on_money_row_error_changed (RdPreferencesWindow *self,
                            GParamSpec          *pspec,
                            RdMoneyRow          *row)
{
  RdMoneyRow *rows[] = { self->high_ticket_row, self->review_row, self->shipping_cap_row };
  g_autoptr(GString) message = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      const char *error = rows[i] != NULL ? rd_money_row_get_error_message (rows[i]) : NULL;

      if (error == NULL)
        continue;
      if (message->len > 0)
        g_string_append_c (message, '\n');
      g_string_append (message, error);
    }

  gtk_label_set_label (self->money_message, message->str);
  gtk_widget_set_visible (GTK_WIDGET (self->money_message), message->len > 0);
}

/* Channels */

static GArray *
deadline_options (guint hours)
{
  GArray *options = g_array_new (FALSE, FALSE, sizeof (guint));
  gboolean placed = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (standard_deadlines); i++)
    {
      if (!placed && hours <= standard_deadlines[i])
        {
          if (hours != standard_deadlines[i])
            g_array_append_val (options, hours);
          placed = TRUE;
        }
      g_array_append_val (options, standard_deadlines[i]);
    }
  if (!placed)
    g_array_append_val (options, hours);

  return options;
}

static void
on_channel_row_selected (AdwComboRow         *row,
                         GParamSpec          *pspec,
                         RdPreferencesWindow *self)
{
  const char *channel_id = g_object_get_data (G_OBJECT (row), "rd-channel");
  GArray *options = g_object_get_data (G_OBJECT (row), "rd-deadlines");
  guint selected = adw_combo_row_get_selected (row);
  const RdPolicy *policy = rd_context_get_policy (self->context);
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean listed = FALSE;
  guint hours;

  if (self->updating || selected >= options->len)
    return;

  hours = g_array_index (options, guint, selected);
  if (rd_policy_get_auto_refund_hours (policy, channel_id) == hours)
    return;

  /* The deadlines of every channel, one line each ("id=hours"). */
  for (guint i = 0; i < policy->n_channels; i++)
    {
      gboolean this_one = g_str_equal (policy->channels[i].id, channel_id);

      listed = listed || this_one;
      g_string_append_printf (text, "%s=%u\n", policy->channels[i].id,
                              this_one ? hours : policy->channels[i].auto_refund_hours);
    }
  if (!listed)
    g_string_append_printf (text, "%s=%u\n", channel_id, hours);

  write_policy (self, "channel-hours", text->str);
}

static void
rebuild_channel_rows (RdPreferencesWindow *self)
{
  g_autoptr(GVariant) channels = g_settings_get_value (self->settings, "channels");
  const RdPolicy *policy = rd_context_get_policy (self->context);
  GVariantIter iter;
  const char *id;
  const char *custom;
  guint hours;

  self->updating = TRUE;

  for (guint i = 0; i < self->channel_rows->len; i++)
    {
      g_ptr_array_remove (self->policy_widgets, g_ptr_array_index (self->channel_rows, i));
      adw_preferences_group_remove (self->channels_group, g_ptr_array_index (self->channel_rows, i));
    }
  g_ptr_array_set_size (self->channel_rows, 0);

  /* The channels are this desk's list; their deadlines are the ledger's. */
  g_variant_iter_init (&iter, channels);
  while (g_variant_iter_next (&iter, "(&s&su)", &id, &custom, &hours))
    {
      hours = rd_policy_get_auto_refund_hours (policy, id);

      g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
      g_autofree char *title = rd_channel_display_name (id, custom);
      GArray *options = deadline_options (hours);
      GtkWidget *row = adw_combo_row_new ();

      for (guint i = 0; i < options->len; i++)
        {
          guint value = g_array_index (options, guint, i);
          g_autofree char *label = g_strdup_printf (ngettext ("%u hour", "%u hours", value), value);

          gtk_string_list_append (labels, label);
        }

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
      for (guint i = 0; i < options->len; i++)
        if (g_array_index (options, guint, i) == hours)
          adw_combo_row_set_selected (ADW_COMBO_ROW (row), i);

      g_object_set_data_full (G_OBJECT (row), "rd-channel", g_strdup (id), g_free);
      g_object_set_data_full (G_OBJECT (row), "rd-deadlines", options, (GDestroyNotify) g_array_unref);
      g_signal_connect (row, "notify::selected", G_CALLBACK (on_channel_row_selected), self);

      adw_preferences_group_add (self->channels_group, row);
      g_ptr_array_add (self->channel_rows, row);
      g_ptr_array_add (self->policy_widgets, row);
    }

  self->updating = FALSE;
}

static void
on_settings_channels_changed (RdPreferencesWindow *self)
{
  g_autoptr(GVariant) channels = g_settings_get_value (self->settings, "channels");
  const RdPolicy *policy = rd_context_get_policy (self->context);
  gboolean same_rows = g_variant_n_children (channels) == self->channel_rows->len;

  /* A change made from one of our rows: select in place, so that the row the
   * user is using is not replaced under the pointer. */
  for (guint i = 0; same_rows && i < self->channel_rows->len; i++)
    {
      AdwComboRow *row = g_ptr_array_index (self->channel_rows, i);
      GArray *options = g_object_get_data (G_OBJECT (row), "rd-deadlines");
      const char *id;
      const char *custom;
      guint hours;
      guint j;

      g_variant_get_child (channels, i, "(&s&su)", &id, &custom, &hours);
      hours = rd_policy_get_auto_refund_hours (policy, id);
      same_rows = g_strcmp0 (id, g_object_get_data (G_OBJECT (row), "rd-channel")) == 0;
      for (j = 0; same_rows && j < options->len; j++)
        if (g_array_index (options, guint, j) == hours)
          break;
      same_rows = same_rows && j < options->len &&
                  adw_combo_row_get_selected (row) == j;
    }

  if (!same_rows)
    rebuild_channel_rows (self);
}

/* Stalled parcels */

static void
update_stall_spins (RdPreferencesWindow *self)
{
  self->updating = TRUE;
  gtk_spin_button_set_value (self->nudge_spin, get_policy_uint (self, "stall-nudge-hours"));
  gtk_spin_button_set_value (self->lost_spin, get_policy_uint (self, "stall-lost-hours"));
  gtk_spin_button_set_value (self->remote_spin, get_policy_uint (self, "stall-remote-hours"));
  gtk_widget_remove_css_class (GTK_WIDGET (self->lost_spin), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->remote_spin), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->stall_message), FALSE);
  self->updating = FALSE;
}

static void
on_settings_stall_changed (RdPreferencesWindow *self)
{
  if (gtk_spin_button_get_value_as_int (self->nudge_spin) != (int) get_policy_uint (self, "stall-nudge-hours") ||
      gtk_spin_button_get_value_as_int (self->lost_spin) != (int) get_policy_uint (self, "stall-lost-hours") ||
      gtk_spin_button_get_value_as_int (self->remote_spin) != (int) get_policy_uint (self, "stall-remote-hours"))
    update_stall_spins (self);
}

static void
on_stall_spin_changed (RdPreferencesWindow *self,
                       GtkSpinButton       *spin)
{
  guint nudge, lost, remote;
  g_autofree char *message = NULL;
  GtkWidget *culprit = NULL;

  if (self->updating || self->settings == NULL)
    return;

  nudge = gtk_spin_button_get_value_as_int (self->nudge_spin);
  lost = gtk_spin_button_get_value_as_int (self->lost_spin);
  remote = gtk_spin_button_get_value_as_int (self->remote_spin);

  gtk_widget_remove_css_class (GTK_WIDGET (self->lost_spin), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->remote_spin), "error");

  if (lost < nudge)
    {
      message = g_strdup_printf (ngettext ("A parcel cannot count as lost before the courier is nudged: “Treat as Lost” must be at least %u hour.",
                                           "A parcel cannot count as lost before the courier is nudged: “Treat as Lost” must be at least %u hours.",
                                           nudge), nudge);
      culprit = GTK_WIDGET (self->lost_spin);
    }
  else if (remote < lost)
    {
      message = g_strdup_printf (ngettext ("Remote provinces get the longer threshold: it must be at least %u hour.",
                                           "Remote provinces get the longer threshold: it must be at least %u hours.",
                                           lost), lost);
      culprit = GTK_WIDGET (self->remote_spin);
    }

  gtk_label_set_label (self->stall_message, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->stall_message), message != NULL);
  if (culprit != NULL)
    {
      gtk_widget_add_css_class (culprit, "error");
      return;
    }

  write_policy_uint (self, "stall-nudge-hours", nudge);
  write_policy_uint (self, "stall-lost-hours", lost);
  write_policy_uint (self, "stall-remote-hours", remote);
}

/* The policy's rows as the ledger says now. */
static void
update_policy_rows (RdPreferencesWindow *self)
{
  self->updating = TRUE;
  gtk_spin_button_set_value (self->refund_window_spin, get_policy_uint (self, "refund-window-days"));
  gtk_spin_button_set_value (self->return_ship_spin, get_policy_uint (self, "return-ship-days"));
  if (self->lock_spin != NULL)
    gtk_spin_button_set_value (self->lock_spin, get_policy_uint (self, "lock-after-minutes"));
  self->updating = FALSE;

  on_settings_stall_changed (self);
  on_settings_channels_changed (self);
}

/* Only an admin changes the policy (the core refuses anyone else): for
 * others its rows are read-only, and the groups say why. */
static void
update_policy_sensitivity (RdPreferencesWindow *self)
{
  gboolean admin = rd_context_get_store (self->context) != NULL &&
                   rd_context_get_role (self->context) == RD_ROLE_ADMIN;

  for (guint i = 0; i < self->policy_widgets->len; i++)
    gtk_widget_set_sensitive (g_ptr_array_index (self->policy_widgets, i), admin);

  gtk_widget_set_visible (GTK_WIDGET (self->policy_note), !admin);
  gtk_widget_set_visible (GTK_WIDGET (self->logistics_note), !admin);
  if (self->lock_group != NULL)
    adw_preferences_group_set_description (self->lock_group,
                                           admin ? NULL : gtk_label_get_label (self->policy_note));
}

/* People: how long the desk stays unlocked without anyone using it. */
static AdwPreferencesGroup *
new_lock_group (RdPreferencesWindow *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new (NULL, 1, 0);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Locking"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Lock After Minutes Idle"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("With no key pressed and no click for this long, the desk goes back to no operator. 0: never."));
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  set_spin_range_from_schema (GTK_SPIN_BUTTON (spin), self->settings, "lock-after-minutes");
  gtk_spin_button_set_increments (GTK_SPIN_BUTTON (spin), 1, 5);
  self->lock_spin = GTK_SPIN_BUTTON (spin);
  bind_policy_spin (self, self->lock_spin, "lock-after-minutes");
  gtk_widget_set_name (spin, "lock-after-minutes");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  self->lock_group = ADW_PREFERENCES_GROUP (group);

  return ADW_PREFERENCES_GROUP (group);
}

/* The rows, bound to the context's settings. */
static void
bind_settings (RdPreferencesWindow *self)
{
  g_autoptr(GtkStringList) currencies = gtk_string_list_new (NULL);
  const RdCurrency *const *list = rd_currency_list ();
  GtkWidget *provinces;

  self->settings = g_object_ref (rd_context_get_settings (self->context));

  /* Shop */
  g_settings_bind (self->settings, "shop-name", self->shop_name_row, "text", G_SETTINGS_BIND_DEFAULT);
  for (guint i = 0; list[i] != NULL; i++)
    {
      g_autofree char *label = describe_currency (list[i]);

      gtk_string_list_append (currencies, label);
    }
  self->updating = TRUE;
  adw_combo_row_set_model (self->currency_row, G_LIST_MODEL (currencies));
  self->updating = FALSE;
  update_currency_row (self);
  g_signal_connect_swapped (self->settings, "changed::default-currency",
                            G_CALLBACK (update_currency_row), self);

  adw_preferences_page_add (self->shop_page,
                            ADW_PREFERENCES_GROUP (rd_backup_group_new (self->context)));

  /* Policy: the ledger's */
  rd_money_row_bind (self->high_ticket_row, self->context, "high-ticket-threshold");
  rd_money_row_bind (self->review_row, self->context, "review-threshold");
  rd_money_row_bind (self->shipping_cap_row, self->context, "return-shipping-cap");
  g_ptr_array_add (self->policy_widgets, self->high_ticket_row);
  g_ptr_array_add (self->policy_widgets, self->review_row);
  g_ptr_array_add (self->policy_widgets, self->shipping_cap_row);

  self->updating = TRUE;
  set_spin_range_from_schema (self->refund_window_spin, self->settings, "refund-window-days");
  set_spin_range_from_schema (self->return_ship_spin, self->settings, "return-ship-days");
  self->updating = FALSE;
  bind_policy_spin (self, self->refund_window_spin, "refund-window-days");
  bind_policy_spin (self, self->return_ship_spin, "return-ship-days");

  rebuild_channel_rows (self);
  g_signal_connect_swapped (self->settings, "changed::channels",
                            G_CALLBACK (on_settings_channels_changed), self);

  /* Logistics */
  self->updating = TRUE;
  set_spin_range_from_schema (self->nudge_spin, self->settings, "stall-nudge-hours");
  set_spin_range_from_schema (self->lost_spin, self->settings, "stall-lost-hours");
  set_spin_range_from_schema (self->remote_spin, self->settings, "stall-remote-hours");
  self->updating = FALSE;
  update_stall_spins (self);
  g_ptr_array_add (self->policy_widgets, self->nudge_spin);
  g_ptr_array_add (self->policy_widgets, self->lost_spin);
  g_ptr_array_add (self->policy_widgets, self->remote_spin);

  provinces = rd_provinces_group_new (self->context);
  adw_preferences_page_add (self->logistics_page, ADW_PREFERENCES_GROUP (provinces));
  g_ptr_array_add (self->policy_widgets, provinces);

  /* People */
  adw_preferences_page_add (self->people_page,
                            ADW_PREFERENCES_GROUP (rd_people_group_new (self->context)));
  adw_preferences_page_add (self->people_page, new_lock_group (self));

  /* Lists */
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (rd_preferences_lists_page_new (self->settings)));

  /* Templates, when a ledger is open */
  if (rd_context_get_store (self->context) != NULL)
    rd_preferences_window_set_store (self, rd_context_get_store (self->context));

  update_policy_rows (self);
  update_policy_sensitivity (self);
  g_signal_connect_swapped (self->context, "notify::policy", G_CALLBACK (update_policy_rows), self);
  g_signal_connect_swapped (self->context, "notify::operator",
                            G_CALLBACK (update_policy_sensitivity), self);
  g_signal_connect_swapped (self->context, "notify::store",
                            G_CALLBACK (update_policy_sensitivity), self);
}

static void
rd_preferences_window_dispose (GObject *object)
{
  RdPreferencesWindow *self = RD_PREFERENCES_WINDOW (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_PREFERENCES_WINDOW);
  g_clear_pointer (&self->channel_rows, g_ptr_array_unref);
  g_clear_pointer (&self->policy_widgets, g_ptr_array_unref);
  g_clear_object (&self->settings);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (rd_preferences_window_parent_class)->dispose (object);
}

static void
rd_preferences_window_class_init (RdPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_preferences_window_dispose;

  g_type_ensure (RD_TYPE_MONEY_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rd-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, shop_name_row);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, currency_row);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, high_ticket_row);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, review_row);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, shipping_cap_row);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, money_message);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, refund_window_spin);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, return_ship_spin);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, channels_group);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, nudge_spin);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, lost_spin);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, remote_spin);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, stall_message);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, policy_note);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, logistics_note);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, shop_page);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, logistics_page);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, people_page);
  gtk_widget_class_bind_template_callback (widget_class, on_currency_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_money_row_error_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stall_spin_changed);
}

static void
rd_preferences_window_init (RdPreferencesWindow *self)
{
  self->channel_rows = g_ptr_array_new ();
  self->policy_widgets = g_ptr_array_new ();
  self->updating = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->updating = FALSE;
}

RdPreferencesWindow *
rd_preferences_window_new (RdContext *context)
{
  RdPreferencesWindow *self;

  g_return_val_if_fail (RD_IS_CONTEXT (context), NULL);

  self = g_object_new (RD_TYPE_PREFERENCES_WINDOW, NULL);
  self->context = g_object_ref (context);
  bind_settings (self);

  return self;
}

void
rd_preferences_window_show_page (RdPreferencesWindow *self,
                                 const char          *page)
{
  g_return_if_fail (RD_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (page != NULL);

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (self), page);
}

void
rd_preferences_window_set_store (RdPreferencesWindow *self,
                                 RdStore             *store)
{
  g_return_if_fail (RD_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (RD_IS_STORE (store));

  /* Once: the templates and holidays live in the ledger. */
  if (g_object_get_data (G_OBJECT (self), "rd-templates-page") != NULL)
    return;

  g_object_set_data (G_OBJECT (self), "rd-templates-page", GINT_TO_POINTER (TRUE));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (rd_templates_page_new (store, self->context)));
}
