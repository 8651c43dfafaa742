/* rd-context.c
 *
 * See rd-context.h. The policy is read from the ledger (the settings only
 * while no ledger is open), again when the ledger is replaced or changed, and
 * written only through the core (rd_policy_set, by an admin); the operator changes only through
 * rd_context_sign_in (a PIN the core verified) and rd_context_sign_out.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-context.h"

struct _RdContext
{
  GObject    parent_instance;

  RdStore   *store;
  GSettings *settings;
  RdPolicy   policy;
  char      *operator;
  char      *recent_pin;        /* proven within the last minute, or NULL */
  guint      forget_pin_id;
};

/* How long a proven PIN is remembered, in seconds. */
#define RECENT_PIN_SECONDS 60

G_DEFINE_FINAL_TYPE (RdContext, rd_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SETTINGS,
  PROP_POLICY,
  PROP_OPERATOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static void
load_policy (RdContext *self)
{
  rd_policy_clear (&self->policy);
  /* A ledger from before the policy lived in it: this desk's settings until
   * rd_context_copy_policy_from_settings has copied them in. */
  if (self->store != NULL && rd_policy_store_has_policy (self->store, NULL))
    rd_policy_load_from_store (&self->policy, self->store);
  else
    rd_policy_load_from_settings (&self->policy, self->settings);
}

static gboolean
policies_equal (const RdPolicy *a,
                const RdPolicy *b)
{
  const char *const empty[] = { NULL };

  if (a->high_ticket_threshold != b->high_ticket_threshold ||
      a->review_threshold != b->review_threshold ||
      a->return_shipping_cap != b->return_shipping_cap ||
      a->refund_window_days != b->refund_window_days ||
      a->return_ship_days != b->return_ship_days ||
      a->stall_nudge_hours != b->stall_nudge_hours ||
      a->stall_lost_hours != b->stall_lost_hours ||
      a->stall_remote_hours != b->stall_remote_hours ||
      a->lock_after_minutes != b->lock_after_minutes ||
      a->n_channels != b->n_channels)
    return FALSE;

  for (guint i = 0; i < a->n_channels; i++)
    if (g_strcmp0 (a->channels[i].id, b->channels[i].id) != 0 ||
        a->channels[i].auto_refund_hours != b->channels[i].auto_refund_hours)
      return FALSE;

  return g_strv_equal (a->remote_provinces != NULL ? (const char * const *) a->remote_provinces : empty,
                       b->remote_provinces != NULL ? (const char * const *) b->remote_provinces : empty);
}

static void
forget_pin (RdContext *self)
{
  g_clear_handle_id (&self->forget_pin_id, g_source_remove);
  if (self->recent_pin != NULL)
    {
      memset (self->recent_pin, 0, strlen (self->recent_pin));
      g_clear_pointer (&self->recent_pin, g_free);
    }
}

static void
set_operator (RdContext  *self,
              const char *name)
{
  forget_pin (self);
  if (g_strcmp0 (self->operator, name) == 0)
    return;

  g_free (self->operator);
  self->operator = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPERATOR]);
}

static gboolean
on_forget_pin_timeout (gpointer user_data)
{
  RdContext *self = user_data;

  self->forget_pin_id = 0;
  forget_pin (self);

  return G_SOURCE_REMOVE;
}

/* Callbacks */

static void
on_settings_changed (RdContext  *self,
                     const char *key,
                     GSettings  *settings)
{
  /* With a ledger open, the policy is the ledger's. */
  if ((self->store == NULL || !rd_policy_store_has_policy (self->store, NULL)) &&
      rd_policy_is_policy_key (key))
    {
      load_policy (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POLICY]);
    }
}

/* Overrides */

static void
rd_context_constructed (GObject *object)
{
  RdContext *self = RD_CONTEXT (object);

  G_OBJECT_CLASS (rd_context_parent_class)->constructed (object);

  g_assert (G_IS_SETTINGS (self->settings));
  load_policy (self);
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (on_settings_changed), self,
                           G_CONNECT_SWAPPED);
}

static void
rd_context_finalize (GObject *object)
{
  RdContext *self = RD_CONTEXT (object);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  rd_policy_clear (&self->policy);
  forget_pin (self);
  g_clear_pointer (&self->operator, g_free);

  G_OBJECT_CLASS (rd_context_parent_class)->finalize (object);
}

static void
rd_context_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  RdContext *self = RD_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_POLICY:
      g_value_set_pointer (value, &self->policy);
      break;
    case PROP_OPERATOR:
      g_value_set_string (value, self->operator);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_context_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  RdContext *self = RD_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      rd_context_set_store (self, g_value_get_object (value));
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_context_class_init (RdContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = rd_context_constructed;
  object_class->finalize = rd_context_finalize;
  object_class->get_property = rd_context_get_property;
  object_class->set_property = rd_context_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, RD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* An RdPolicy *, owned by the context. */
  properties[PROP_POLICY] =
    g_param_spec_pointer ("policy", NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_OPERATOR] =
    g_param_spec_string ("operator", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rd_context_init (RdContext *self)
{
  self->operator = g_strdup ("");
}

/* Public API */

RdContext *
rd_context_new (RdStore   *store,
                GSettings *settings)
{
  g_return_val_if_fail (store == NULL || RD_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (RD_TYPE_CONTEXT,
                       "store", store,
                       "settings", settings,
                       NULL);
}

RdStore *
rd_context_get_store (RdContext *self)
{
  g_return_val_if_fail (RD_IS_CONTEXT (self), NULL);

  return self->store;
}

void
rd_context_set_store (RdContext *self,
                      RdStore   *store)
{
  g_return_if_fail (RD_IS_CONTEXT (self));
  g_return_if_fail (store == NULL || RD_IS_STORE (store));

  if (g_set_object (&self->store, store))
    {
      /* Whoever was signed in proved it against another ledger. */
      set_operator (self, "");
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
      rd_context_reload_policy (self);
    }
}

GSettings *
rd_context_get_settings (RdContext *self)
{
  g_return_val_if_fail (RD_IS_CONTEXT (self), NULL);

  return self->settings;
}

const RdPolicy *
rd_context_get_policy (RdContext *self)
{
  g_return_val_if_fail (RD_IS_CONTEXT (self), NULL);

  return &self->policy;
}

const char *
rd_context_get_operator (RdContext *self)
{
  g_return_val_if_fail (RD_IS_CONTEXT (self), NULL);

  return self->operator;
}

RdRole
rd_context_get_role (RdContext *self)
{
  g_autoptr(RdOperator) operator = NULL;

  g_return_val_if_fail (RD_IS_CONTEXT (self), RD_ROLE_NONE);

  if (self->store == NULL || *self->operator == '\0')
    return RD_ROLE_NONE;

  operator = rd_operators_get (self->store, self->operator, NULL);
  return operator != NULL ? operator->role : RD_ROLE_NONE;
}

gboolean
rd_context_sign_in (RdContext   *self,
                    const char  *name,
                    const char  *pin,
                    GError     **error)
{
  g_return_val_if_fail (RD_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (pin != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->store == NULL)
    {
      g_set_error_literal (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_NOT_FOUND,
                           _("No ledger is open."));
      return FALSE;
    }

  if (!rd_operators_verify_pin (self->store, name, pin, error))
    return FALSE;

  set_operator (self, name);
  rd_context_remember_pin (self, pin);

  return TRUE;
}

void
rd_context_sign_out (RdContext *self)
{
  g_return_if_fail (RD_IS_CONTEXT (self));

  set_operator (self, "");
}

const char *
rd_context_get_recent_pin (RdContext *self)
{
  g_return_val_if_fail (RD_IS_CONTEXT (self), NULL);

  return self->recent_pin;
}

void
rd_context_remember_pin (RdContext  *self,
                         const char *pin)
{
  g_return_if_fail (RD_IS_CONTEXT (self));

  forget_pin (self);
  if (pin == NULL || *self->operator == '\0')
    return;

  self->recent_pin = g_strdup (pin);
  self->forget_pin_id = g_timeout_add_seconds (RECENT_PIN_SECONDS, on_forget_pin_timeout, self);
}

void
rd_context_reload_policy (RdContext *self)
{
  g_auto(RdPolicy) before = { 0, };

  g_return_if_fail (RD_IS_CONTEXT (self));

  before = self->policy;
  before.remote_provinces = g_strdupv (self->policy.remote_provinces);
  load_policy (self);
  if (!policies_equal (&before, &self->policy))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POLICY]);
}

gboolean
rd_context_set_policy (RdContext   *self,
                       const char  *key,
                       const char  *value,
                       GError     **error)
{
  g_return_val_if_fail (RD_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (self->store == NULL)
    {
      g_set_error_literal (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_NOT_FOUND,
                           _("No ledger is open."));
      return FALSE;
    }

  if (!rd_policy_set (self->store, self->operator, key, value, error))
    return FALSE;

  rd_context_reload_policy (self);
  return TRUE;
}

gboolean
rd_context_copy_policy_from_settings (RdContext  *self,
                                      GError    **error)
{
  g_return_val_if_fail (RD_IS_CONTEXT (self), FALSE);

  if (self->store == NULL)
    return TRUE;

  if (!rd_policy_copy_from_settings (self->store, self->settings, error))
    return FALSE;

  rd_context_reload_policy (self);
  return TRUE;
}
