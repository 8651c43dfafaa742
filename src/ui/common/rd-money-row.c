/* rd-money-row.c
 *
 * An entry row bound to a money setting, with real validation: nothing that
 * is not an amount, negative or out of the key's range is ever written.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-money.h"
#include "rd-money-row.h"

struct _RdMoneyRow
{
  AdwEntryRow  parent_instance;

  GSettings   *settings;
  char        *key;
  char        *error_message;
};

G_DEFINE_FINAL_TYPE (RdMoneyRow, rd_money_row, ADW_TYPE_ENTRY_ROW)

enum {
  PROP_0,
  PROP_ERROR_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const RdCurrency *
get_currency (RdMoneyRow *self)
{
  g_autofree char *code = g_settings_get_string (self->settings, "default-currency");
  const RdCurrency *currency = rd_currency_lookup (code);

  return currency != NULL ? currency : rd_currency_default ();
}

static void
set_error_message (RdMoneyRow *self,
                   const char *message)
{
  if (g_strcmp0 (self->error_message, message) == 0)
    return;

  g_free (self->error_message);
  self->error_message = g_strdup (message);

  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "error");

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
}

/* Parses the text; on failure returns FALSE with a message for the user. */
static gboolean
parse_text (RdMoneyRow  *self,
            gint64      *amount,
            char       **message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) key = NULL;
  g_autoptr(GVariant) value = NULL;
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self));
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self));

  if (!rd_money_parse (text, get_currency (self), amount, &error))
    {
      /* Translators: "High-ticket threshold: “abc” is not an amount." */
      *message = g_strdup_printf (_("%s: %s"), title, error->message);
      return FALSE;
    }

  if (*amount < 0)
    {
      *message = g_strdup_printf (_("%s: the amount must not be negative."), title);
      return FALSE;
    }

  g_object_get (self->settings, "settings-schema", &schema, NULL);
  key = g_settings_schema_get_key (schema, self->key);
  value = g_variant_ref_sink (g_variant_new_int64 (*amount));
  if (!g_settings_schema_key_range_check (key, value))
    {
      *message = g_strdup_printf (_("%s: the amount is too large."), title);
      return FALSE;
    }

  return TRUE;
}

static void
show_setting (RdMoneyRow *self)
{
  gint64 stored = g_settings_get_int64 (self->settings, self->key);
  g_autofree char *text = rd_money_format (stored, get_currency (self));

  gtk_editable_set_text (GTK_EDITABLE (self), text);
  set_error_message (self, NULL);
}

static void
on_changed (RdMoneyRow *self)
{
  g_autofree char *message = NULL;
  gint64 amount = 0;

  if (self->settings == NULL)
    return;

  if (!parse_text (self, &amount, &message))
    {
      set_error_message (self, message);
      return;
    }

  set_error_message (self, NULL);
  if (amount != g_settings_get_int64 (self->settings, self->key))
    g_settings_set_int64 (self->settings, self->key, amount);
}

static void
on_entry_activated (RdMoneyRow *self)
{
  g_autofree char *message = NULL;
  gint64 amount = 0;

  /* Enter turns a valid amount into its canonical form: "200" → "¥200.00". */
  if (self->settings != NULL && parse_text (self, &amount, &message))
    show_setting (self);
}

static void
on_settings_changed (RdMoneyRow *self,
                     const char *key,
                     GSettings  *settings)
{
  g_autofree char *message = NULL;
  gint64 amount = 0;

  /* Our own write while typing: leave the text as it is. */
  if (g_strcmp0 (key, self->key) == 0 &&
      parse_text (self, &amount, &message) &&
      amount == g_settings_get_int64 (settings, self->key))
    return;

  show_setting (self);
}

static void
rd_money_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  RdMoneyRow *self = RD_MONEY_ROW (object);

  switch (prop_id)
    {
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_money_row_dispose (GObject *object)
{
  RdMoneyRow *self = RD_MONEY_ROW (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rd_money_row_parent_class)->dispose (object);
}

static void
rd_money_row_finalize (GObject *object)
{
  RdMoneyRow *self = RD_MONEY_ROW (object);

  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->error_message, g_free);

  G_OBJECT_CLASS (rd_money_row_parent_class)->finalize (object);
}

static void
rd_money_row_class_init (RdMoneyRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = rd_money_row_get_property;
  object_class->dispose = rd_money_row_dispose;
  object_class->finalize = rd_money_row_finalize;

  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rd_money_row_init (RdMoneyRow *self)
{
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (self), GTK_INPUT_PURPOSE_NUMBER);
  g_signal_connect (self, "changed", G_CALLBACK (on_changed), NULL);
  g_signal_connect (self, "entry-activated", G_CALLBACK (on_entry_activated), NULL);
}

GtkWidget *
rd_money_row_new (void)
{
  return g_object_new (RD_TYPE_MONEY_ROW, NULL);
}

void
rd_money_row_bind (RdMoneyRow *self,
                   GSettings  *settings,
                   const char *key)
{
  g_autofree char *detailed = NULL;

  g_return_if_fail (RD_IS_MONEY_ROW (self));
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (key != NULL);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_set_object (&self->settings, settings);
  g_free (self->key);
  self->key = g_strdup (key);

  detailed = g_strdup_printf ("changed::%s", key);
  g_signal_connect_swapped (settings, detailed, G_CALLBACK (on_settings_changed), self);
  g_signal_connect_swapped (settings, "changed::default-currency",
                            G_CALLBACK (on_settings_changed), self);

  show_setting (self);
}

const char *
rd_money_row_get_error_message (RdMoneyRow *self)
{
  g_return_val_if_fail (RD_IS_MONEY_ROW (self), NULL);

  return self->error_message;
}
