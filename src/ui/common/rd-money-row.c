/* rd-money-row.c
 *
 * An entry row bound to a money key of the ledger's policy, with real
 * validation: nothing that is not an amount, negative or out of the key's
 * range is ever written, and the write goes through the core (an admin's).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-money.h"
#include "rd-money-row.h"
#include "rd-policy.h"

struct _RdMoneyRow
{
  AdwEntryRow  parent_instance;

  RdContext   *context;
  GSettings   *settings;          /* the context's: the currency */
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

static gint64
get_stored (RdMoneyRow *self)
{
  g_autofree char *text = rd_policy_get_text (rd_context_get_policy (self->context), self->key);

  return text != NULL ? g_ascii_strtoll (text, NULL, 10) : 0;
}

static void
show_setting (RdMoneyRow *self)
{
  gint64 stored = get_stored (self);
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
  if (amount != get_stored (self))
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, amount);
      g_autoptr(GError) error = NULL;

      if (!rd_context_set_policy (self->context, self->key, text, &error))
        {
          g_autofree char *title_message =
            g_strdup_printf (_("%s: %s"), adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self)),
                             error->message);
          set_error_message (self, title_message);
        }
    }
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
on_policy_changed (RdMoneyRow *self)
{
  g_autofree char *message = NULL;
  gint64 amount = 0;

  /* Our own write while typing: leave the text as it is. */
  if (parse_text (self, &amount, &message) && amount == get_stored (self))
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
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_clear_object (&self->settings);
  g_clear_object (&self->context);

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
                   RdContext  *context,
                   const char *key)
{
  g_return_if_fail (RD_IS_MONEY_ROW (self));
  g_return_if_fail (RD_IS_CONTEXT (context));
  g_return_if_fail (key != NULL);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_set_object (&self->context, context);
  g_set_object (&self->settings, rd_context_get_settings (context));
  g_free (self->key);
  self->key = g_strdup (key);

  g_signal_connect_swapped (context, "notify::policy", G_CALLBACK (on_policy_changed), self);
  g_signal_connect_swapped (self->settings, "changed::default-currency",
                            G_CALLBACK (show_setting), self);

  show_setting (self);
}

const char *
rd_money_row_get_error_message (RdMoneyRow *self)
{
  g_return_val_if_fail (RD_IS_MONEY_ROW (self), NULL);

  return self->error_message;
}
