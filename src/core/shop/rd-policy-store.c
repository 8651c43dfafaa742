/* rd-policy-store.c
 *
 * The shop's policy kept in the ledger: one `meta` row per key,
 * "policy.<key>", its value as text. Read by rd_policy_load_from_store,
 * written only by rd_policy_set (an admin, audited) and, once for a ledger
 * that has none, by rd_policy_copy_from_settings. See rd-policy.h.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-audit.h"
#include "rd-operators.h"
#include "rd-policy.h"
#include "rd-store-txn.h"

#define META_PREFIX "policy."

typedef enum
{
  KIND_MONEY,         /* gint64, minor units */
  KIND_UINT,          /* guint */
  KIND_PROVINCES,     /* one name a line */
  KIND_CHANNELS,      /* "id=hours" a line */
} Kind;

/* Every key of the ledger's policy, with the range of the schema's key of
 * the same name (channel-hours: the auto-refund hours of each channel). */
static const struct
{
  const char *key;
  Kind        kind;
  gint64      min;
  gint64      max;
  gsize       offset;
} policy_fields[] = {
  { "high-ticket-threshold", KIND_MONEY, 0, 100000000000000, G_STRUCT_OFFSET (RdPolicy, high_ticket_threshold) },
  { "review-threshold", KIND_MONEY, 0, 100000000000000, G_STRUCT_OFFSET (RdPolicy, review_threshold) },
  { "return-shipping-cap", KIND_MONEY, 0, 100000000000000, G_STRUCT_OFFSET (RdPolicy, return_shipping_cap) },
  { "refund-window-days", KIND_UINT, 0, 3650, G_STRUCT_OFFSET (RdPolicy, refund_window_days) },
  { "return-ship-days", KIND_UINT, 1, 365, G_STRUCT_OFFSET (RdPolicy, return_ship_days) },
  { "stall-nudge-hours", KIND_UINT, 1, 720, G_STRUCT_OFFSET (RdPolicy, stall_nudge_hours) },
  { "stall-lost-hours", KIND_UINT, 1, 720, G_STRUCT_OFFSET (RdPolicy, stall_lost_hours) },
  { "stall-remote-hours", KIND_UINT, 1, 720, G_STRUCT_OFFSET (RdPolicy, stall_remote_hours) },
  { "lock-after-minutes", KIND_UINT, 0, 480, G_STRUCT_OFFSET (RdPolicy, lock_after_minutes) },
  { "remote-provinces", KIND_PROVINCES, 0, 0, 0 },
  { "channel-hours", KIND_CHANNELS, 1, 8760, 0 },
};

static int
find_field (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (policy_fields); i++)
    if (g_strcmp0 (policy_fields[i].key, key) == 0)
      return (int) i;

  return -1;
}

static gboolean
parse_number (const char *text,
              gint64      min,
              gint64      max,
              gint64     *out)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));

  return g_ascii_string_to_signed (stripped, 10, min, max, out, NULL);
}

/* The value as stored: numbers without spaces, lists without blank or
 * repeated lines. NULL when the value is not one for this key. */
static char *
normalize (guint       field,
           const char *value)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  gint64 n;

  switch (policy_fields[field].kind)
    {
    case KIND_MONEY:
    case KIND_UINT:
      if (!parse_number (value, policy_fields[field].min, policy_fields[field].max, &n))
        return NULL;
      return g_strdup_printf ("%" G_GINT64_FORMAT, n);

    case KIND_PROVINCES:
    case KIND_CHANNELS:
      lines = g_strsplit (value != NULL ? value : "", "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          char *line = g_strstrip (lines[i]);
          char *equals;

          if (*line == '\0')
            continue;
          if (!g_utf8_validate (line, -1, NULL))
            return NULL;
          if (policy_fields[field].kind == KIND_CHANNELS)
            {
              equals = strchr (line, '=');
              if (equals == NULL || equals == line ||
                  (gsize) (equals - line) >= sizeof ((RdPolicyChannel *) NULL)->id ||
                  !parse_number (equals + 1, policy_fields[field].min, policy_fields[field].max, &n))
                return NULL;
              *equals = '\0';
              g_strstrip (line);
              if (*line == '\0' || g_hash_table_contains (seen, line))
                return NULL;
              g_hash_table_add (seen, line);
              g_string_append_printf (text, "%s%s=%" G_GINT64_FORMAT,
                                      text->len > 0 ? "\n" : "", line, n);
            }
          else if (!g_hash_table_contains (seen, line))
            {
              g_hash_table_add (seen, line);
              g_string_append_printf (text, "%s%s", text->len > 0 ? "\n" : "", line);
            }
        }
      return g_strdup (text->str);

    default:
      g_assert_not_reached ();
    }
}

/* value is normalized. */
static void
apply (RdPolicy   *policy,
       guint       field,
       const char *value)
{
  g_auto(GStrv) lines = NULL;
  gint64 n = 0;

  switch (policy_fields[field].kind)
    {
    case KIND_MONEY:
      parse_number (value, policy_fields[field].min, policy_fields[field].max, &n);
      G_STRUCT_MEMBER (gint64, policy, policy_fields[field].offset) = n;
      break;

    case KIND_UINT:
      parse_number (value, policy_fields[field].min, policy_fields[field].max, &n);
      G_STRUCT_MEMBER (guint, policy, policy_fields[field].offset) = (guint) n;
      break;

    case KIND_PROVINCES:
      g_strfreev (policy->remote_provinces);
      policy->remote_provinces = *value != '\0' ? g_strsplit (value, "\n", -1) : g_new0 (char *, 1);
      break;

    case KIND_CHANNELS:
      policy->n_channels = 0;
      lines = g_strsplit (value, "\n", -1);
      for (guint i = 0; lines[i] != NULL && policy->n_channels < RD_POLICY_MAX_CHANNELS; i++)
        {
          char *equals = strchr (lines[i], '=');
          RdPolicyChannel *channel;

          if (equals == NULL)
            continue;
          *equals = '\0';
          channel = &policy->channels[policy->n_channels++];
          g_strlcpy (channel->id, lines[i], sizeof channel->id);
          channel->auto_refund_hours = (guint) g_ascii_strtoull (equals + 1, NULL, 10);
        }
      break;

    default:
      g_assert_not_reached ();
    }
}

static char *
field_text (const RdPolicy *policy,
            guint           field)
{
  g_autoptr(GString) text = NULL;

  switch (policy_fields[field].kind)
    {
    case KIND_MONEY:
      return g_strdup_printf ("%" G_GINT64_FORMAT,
                              G_STRUCT_MEMBER (gint64, policy, policy_fields[field].offset));
    case KIND_UINT:
      return g_strdup_printf ("%u", G_STRUCT_MEMBER (guint, policy, policy_fields[field].offset));
    case KIND_PROVINCES:
      return policy->remote_provinces != NULL ? g_strjoinv ("\n", policy->remote_provinces)
                                              : g_strdup ("");
    case KIND_CHANNELS:
      text = g_string_new (NULL);
      for (guint i = 0; i < policy->n_channels; i++)
        g_string_append_printf (text, "%s%s=%u", i > 0 ? "\n" : "",
                                policy->channels[i].id, policy->channels[i].auto_refund_hours);
      return g_string_free (g_steal_pointer (&text), FALSE);
    default:
      g_assert_not_reached ();
    }
}

static gboolean
write_field (RdStore     *store,
             guint        field,
             const char  *value,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *meta_key = g_strconcat (META_PREFIX, policy_fields[field].key, NULL);
  int rc;

  stmt = rd_store_prepare (store, "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, meta_key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (store, rc, error);
      return FALSE;
    }

  return TRUE;
}

/* Public API */

void
rd_policy_load_from_store (RdPolicy *policy,
                           RdStore  *store)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  int rc;

  g_return_if_fail (policy != NULL);
  g_return_if_fail (store == NULL || RD_IS_STORE (store));

  rd_policy_init_defaults (policy);
  if (store == NULL)
    return;

  stmt = rd_store_prepare (store,
                           "SELECT substr (key, ?1), value FROM meta "
                           "WHERE substr (key, 1, ?2) = ?3",
                           &error);
  if (stmt == NULL)
    {
      g_warning ("The shop's policy could not be read from the ledger: %s", error->message);
      return;
    }

  sqlite3_bind_int (stmt, 1, (int) strlen (META_PREFIX) + 1);
  sqlite3_bind_int (stmt, 2, (int) strlen (META_PREFIX));
  sqlite3_bind_text (stmt, 3, META_PREFIX, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int field = find_field ((const char *) sqlite3_column_text (stmt, 0));
      g_autofree char *value = NULL;

      if (field < 0)
        continue;
      value = normalize (field, (const char *) sqlite3_column_text (stmt, 1));
      if (value == NULL)
        {
          g_warning ("The ledger's policy key “%s” holds a value out of range: the default is used",
                     policy_fields[field].key);
          continue;
        }
      apply (policy, field, value);
    }

  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (store, rc, &error);
      g_warning ("The shop's policy could not be read from the ledger: %s", error->message);
    }
}

gboolean
rd_policy_store_has_policy (RdStore  *store,
                            GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);

  stmt = rd_store_prepare (store,
                           "SELECT 1 FROM meta WHERE substr (key, 1, ?1) = ?2 LIMIT 1",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int (stmt, 1, (int) strlen (META_PREFIX));
  sqlite3_bind_text (stmt, 2, META_PREFIX, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    rd_store_set_error_from_db (store, rc, error);

  return FALSE;
}

gboolean
rd_policy_copy_from_settings (RdStore    *store,
                              GSettings  *settings,
                              GError    **error)
{
  g_auto(RdPolicy) policy = { 0, };
  g_autoptr(GError) local_error = NULL;
  gboolean owned;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), FALSE);

  if (rd_store_is_read_only (store))
    return TRUE;

  if (rd_policy_store_has_policy (store, &local_error))
    return TRUE;
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  rd_policy_load_from_settings (&policy, settings);

  if (!rd_store_txn_begin (store, &owned, error))
    return FALSE;

  /* Another window or process may have copied its own since. */
  if (rd_policy_store_has_policy (store, &local_error))
    return rd_store_txn_commit (store, owned, error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto failed;
    }

  for (guint i = 0; i < G_N_ELEMENTS (policy_fields); i++)
    {
      g_autofree char *value = field_text (&policy, i);

      if (!write_field (store, i, value, error))
        goto failed;
    }

  if (!rd_audit_record (store, 0, "", "copy_policy", NULL, NULL, "settings", error))
    goto failed;

  return rd_store_txn_commit (store, owned, error);

failed:
  rd_store_txn_rollback (store, owned);
  return FALSE;
}

gboolean
rd_policy_set (RdStore     *store,
               const char  *operator,
               const char  *key,
               const char  *value,
               GError     **error)
{
  g_auto(RdPolicy) policy = { 0, };
  g_autofree char *normalized = NULL;
  g_autofree char *old = NULL;
  gboolean owned;
  int field;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!rd_operators_check (store, operator != NULL ? operator : "", RD_ACTION_SETTINGS, error))
    return FALSE;

  field = find_field (key);
  if (field < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "“%s” is not a setting of the shop's policy", key);
      return FALSE;
    }

  normalized = normalize (field, value);
  if (normalized == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” cannot be used for this setting."), value);
      return FALSE;
    }

  if (!rd_store_txn_begin (store, &owned, error))
    return FALSE;

  rd_policy_load_from_store (&policy, store);
  old = field_text (&policy, field);
  if (g_strcmp0 (old, normalized) == 0)
    return rd_store_txn_commit (store, owned, error);

  if (!write_field (store, field, normalized, error) ||
      !rd_audit_record (store, 0, operator, "set_policy", key, old, normalized, error))
    {
      rd_store_txn_rollback (store, owned);
      return FALSE;
    }

  return rd_store_txn_commit (store, owned, error);
}

gboolean
rd_policy_set_number (RdStore     *store,
                      const char  *operator,
                      const char  *key,
                      gint64       value,
                      GError     **error)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  return rd_policy_set (store, operator, key, text, error);
}

char *
rd_policy_get_text (const RdPolicy *policy,
                    const char     *key)
{
  int field;

  g_return_val_if_fail (policy != NULL, NULL);

  field = find_field (key);
  return field >= 0 ? field_text (policy, field) : NULL;
}
