/* rd-operators.c
 *
 * The ledger's operators: read, add, change role, set and reset PINs, each
 * change audited (no case) in the same transaction; PINs kept only as
 * libsodium's crypto_pwhash_str (Argon2id, a salt of its own per hash,
 * OPSLIMIT/MEMLIMIT_INTERACTIVE: about a tenth of a second per check).
 * See rd-operators.h.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "rd-audit.h"
#include "rd-operators.h"
#include "rd-people-private.h"
#include "rd-store-txn.h"

G_DEFINE_QUARK (rd-operators-error-quark, rd_operators_error)

static gboolean
ensure_sodium (GError **error)
{
  static gsize done = 0;
  static int rc = 0;

  if (g_once_init_enter (&done))
    {
      rc = sodium_init ();
      g_once_init_leave (&done, 1);
    }
  if (rc < 0)
    {
      g_set_error_literal (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_INVALID,
                           _("The PIN check could not start (libsodium failed to initialise)."));
      return FALSE;
    }
  return TRUE;
}

static char *
hash_pin (const char  *pin,
          GError     **error)
{
  char hash[crypto_pwhash_STRBYTES];

  if (!ensure_sodium (error))
    return NULL;
  if (crypto_pwhash_str (hash, pin, strlen (pin),
                         crypto_pwhash_OPSLIMIT_INTERACTIVE,
                         crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    {
      g_set_error_literal (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_INVALID,
                           _("Not enough memory to protect the PIN; close other programs and try again."));
      return NULL;
    }
  return g_strdup (hash);
}

gboolean
rd_operators_check_name (const char  *name,
                         GError     **error)
{
  g_autofree char *trimmed = NULL;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error_literal (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_INVALID,
                           _("Enter the operator’s name."));
      return FALSE;
    }
  trimmed = g_strstrip (g_strdup (name));
  if (*trimmed == '\0' || !g_str_equal (trimmed, name))
    {
      g_set_error_literal (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_INVALID,
                           *trimmed == '\0' ? _("Enter the operator’s name.")
                                            : _("An operator’s name cannot start or end with a space."));
      return FALSE;
    }
  if (g_utf8_strlen (name, -1) > 32)
    {
      g_set_error_literal (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_INVALID,
                           _("An operator’s name can have at most 32 characters."));
      return FALSE;
    }
  /* Control characters (an escape sequence pasted in) and format ones (a
   * right-to-left override, a zero-width space) change how the names
   * around them read, or hide. */
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      switch (g_unichar_type (g_utf8_get_char (p)))
        {
        case G_UNICODE_CONTROL:
        case G_UNICODE_FORMAT:
        case G_UNICODE_LINE_SEPARATOR:
        case G_UNICODE_PARAGRAPH_SEPARATOR:
        case G_UNICODE_UNASSIGNED:
        case G_UNICODE_PRIVATE_USE:
        case G_UNICODE_SURROGATE:
          g_set_error_literal (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_INVALID,
                               _("An operator’s name cannot hold control, direction or invisible characters."));
          return FALSE;
        default:
          break;
        }
    }
  return TRUE;
}

static gboolean
check_new_pin (const char  *pin,
               GError     **error)
{
  if (pin == NULL || !g_utf8_validate (pin, -1, NULL) ||
      g_utf8_strlen (pin, -1) < RD_OPERATORS_MIN_PIN_CHARS)
    {
      g_set_error (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "A PIN needs at least %d character.",
                                "A PIN needs at least %d characters.",
                                RD_OPERATORS_MIN_PIN_CHARS),
                   RD_OPERATORS_MIN_PIN_CHARS);
      return FALSE;
    }
  if (strlen (pin) > 128)
    {
      g_set_error_literal (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_INVALID,
                           _("A PIN can have at most 128 characters."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_role (RdRole   role,
            GError **error)
{
  if (rd_role_to_id (role) == NULL)
    {
      g_set_error_literal (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_INVALID,
                           _("Choose the operator’s role."));
      return FALSE;
    }
  return TRUE;
}

/* The row, and its hash (NULL: none) in *pin_hash when asked. */
RdOperator *
_rd_operators_read (RdStore     *store,
                    const char  *name,
                    char       **pin_hash,
                    GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  RdOperator *op;
  int rc;

  stmt = rd_store_prepare (store, "SELECT name, role, pin_hash, created_at, updated_at"
                                  " FROM operators WHERE name = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name != NULL ? name : "", -1, SQLITE_TRANSIENT);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_NOT_FOUND,
                   _("“%s” is not an operator of this ledger."), name != NULL ? name : "");
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      rd_store_set_error_from_db (store, rc, error);
      return NULL;
    }

  op = g_new0 (RdOperator, 1);
  op->name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  op->role = rd_role_from_id ((const char *) sqlite3_column_text (stmt, 1));
  op->has_pin = sqlite3_column_type (stmt, 2) != SQLITE_NULL;
  op->created_at = sqlite3_column_int64 (stmt, 3);
  op->updated_at = sqlite3_column_int64 (stmt, 4);
  if (pin_hash != NULL)
    *pin_hash = op->has_pin ? g_strdup ((const char *) sqlite3_column_text (stmt, 2)) : NULL;
  return op;
}

static gint64
count_where (RdStore     *store,
             const char  *sql,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = rd_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      rd_store_set_error_from_db (store, rc, error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

static gboolean
step_done (RdStore       *store,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
_rd_operators_insert (RdStore     *store,
                      const char  *name,
                      RdRole       role,
                      const char  *pin_hash,
                      GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  stmt = rd_store_prepare (store, "INSERT INTO operators (name, role, pin_hash, created_at, updated_at)"
                                  " VALUES (?1, ?2, ?3, ?4, ?4)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, rd_role_to_id (role), -1, SQLITE_STATIC);
  if (pin_hash != NULL)
    sqlite3_bind_text (stmt, 3, pin_hash, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 3);
  sqlite3_bind_int64 (stmt, 4, now);
  return step_done (store, stmt, error);
}

/* column is a constant of this file. */
static gboolean
update_column (RdStore     *store,
               const char  *name,
               const char  *sql,
               const char  *value,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = rd_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  if (value != NULL)
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 2);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
  return step_done (store, stmt, error);
}

static gboolean
verify_hash (const char  *name,
             const char  *hash,
             const char  *pin,
             GError     **error)
{
  if (hash == NULL)
    {
      g_set_error (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_NO_PIN,
                   _("%s has no PIN yet: set one first."), name);
      return FALSE;
    }
  if (!ensure_sodium (error))
    return FALSE;
  if (pin == NULL || *pin == '\0' ||
      crypto_pwhash_str_verify (hash, pin, strlen (pin)) != 0)
    {
      g_set_error (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_WRONG_PIN,
                   pin == NULL || *pin == '\0' ? _("Enter the PIN of %s.")
                                               : _("Wrong PIN for %s."), name);
      return FALSE;
    }
  return TRUE;
}

/* verify_hash behind the lockout: refused while name is locked out, a
 * wrong PIN recorded (its message saying when a lockout it starts ends), a
 * right one after wrong ones clearing the count. */
static gboolean
verify_guarded (RdStore     *store,
                const char  *name,
                const char  *hash,
                const char  *pin,
                gint64       now,
                GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 until = 0;

  if (hash == NULL)
    return verify_hash (name, hash, pin, error);
  if (!_rd_operators_lockout_check (store, name, now, error))
    return FALSE;
  if (verify_hash (name, hash, pin, &local_error))
    return _rd_operators_lockout_note (store, name, TRUE, now, NULL, error);
  if (!g_error_matches (local_error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_WRONG_PIN))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (!_rd_operators_lockout_note (store, name, FALSE, now, &until, error))
    return FALSE;
  if (until > 0)
    {
      g_autofree char *when = _rd_operators_format_until (until, now);

      g_set_error (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_WRONG_PIN,
                   /* Translators: "Wrong PIN for 李娜, too many times: try again at 14:05." */
                   _("Wrong PIN for %s, too many times: try again at %s."), name, when);
      return FALSE;
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* by_name is an admin and by_pin is theirs. Inside or outside a transaction. */
static gboolean
check_admin (RdStore     *store,
             const char  *by_name,
             const char  *by_pin,
             GError     **error)
{
  g_autofree char *hash = NULL;
  g_autoptr(RdOperator) by = _rd_operators_read (store, by_name, &hash, error);

  if (by == NULL)
    return FALSE;
  if (!rd_role_may (by->role, RD_ACTION_MANAGE_OPERATORS))
    {
      g_set_error (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_NOT_ALLOWED,
                   _("%s (%s) may not %s."), by->name, rd_role_get_name (by->role),
                   rd_action_get_phrase (RD_ACTION_MANAGE_OPERATORS));
      return FALSE;
    }
  return verify_guarded (store, by->name, hash, by_pin, g_get_real_time () / G_USEC_PER_SEC, error);
}

void
rd_operator_free (RdOperator *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self);
}

GPtrArray *
rd_operators_list (RdStore  *store,
                   GError  **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_operator_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  stmt = rd_store_prepare (store, "SELECT name, role, pin_hash IS NOT NULL, created_at, updated_at"
                                  " FROM operators ORDER BY name", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RdOperator *op = g_new0 (RdOperator, 1);

      op->name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      op->role = rd_role_from_id ((const char *) sqlite3_column_text (stmt, 1));
      op->has_pin = sqlite3_column_int (stmt, 2) != 0;
      op->created_at = sqlite3_column_int64 (stmt, 3);
      op->updated_at = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (list, op);
    }
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

RdOperator *
rd_operators_get (RdStore     *store,
                  const char  *name,
                  GError     **error)
{
  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  return _rd_operators_read (store, name, NULL, error);
}

gboolean
rd_operators_has_admin (RdStore  *store,
                        GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 n;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);

  n = count_where (store, "SELECT count(*) FROM operators WHERE role = 'admin'", &local_error);
  if (n < 0)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return n > 0;
}

gboolean
rd_operators_create_first_admin (RdStore     *store,
                                 const char  *name,
                                 const char  *pin,
                                 GError     **error)
{
  g_autofree char *hash = NULL;
  gboolean owned;
  gint64 n;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);

  if (!rd_operators_check_name (name, error) || !check_new_pin (pin, error))
    return FALSE;
  hash = hash_pin (pin, error);
  if (hash == NULL)
    return FALSE;

  if (!rd_store_txn_begin (store, &owned, error))
    return FALSE;

  n = count_where (store, "SELECT count(*) FROM operators WHERE role = 'admin'", error);
  if (n < 0)
    goto failed;
  if (n > 0)
    {
      g_set_error_literal (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_NOT_ALLOWED,
                           _("This ledger already has an admin: ask them to add you."));
      goto failed;
    }

  /* An operator imported without a PIN may become the first admin. */
  {
    g_autoptr(GError) missing = NULL;
    g_autoptr(RdOperator) existing = _rd_operators_read (store, name, NULL, &missing);

    if (existing != NULL)
      {
        if (existing->has_pin)
          {
            g_set_error (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_EXISTS,
                         _("There is already an operator called %s."), name);
            goto failed;
          }
        if (!update_column (store, name, "UPDATE operators SET role = ?2, updated_at = ?3 WHERE name = ?1",
                            "admin", error) ||
            !update_column (store, name, "UPDATE operators SET pin_hash = ?2, updated_at = ?3 WHERE name = ?1",
                            hash, error) ||
            !rd_audit_record (store, 0, name, "set_role", name, rd_role_to_id (existing->role), "admin", error) ||
            !rd_audit_record (store, 0, name, "set_pin", name, NULL, "set", error))
          goto failed;
      }
    else if (!g_error_matches (missing, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_NOT_FOUND))
      {
        g_propagate_error (error, g_steal_pointer (&missing));
        goto failed;
      }
    else if (!_rd_operators_insert (store, name, RD_ROLE_ADMIN, hash, error) ||
             !rd_audit_record (store, 0, name, "add_operator", name, NULL, "admin", error) ||
             !rd_audit_record (store, 0, name, "set_pin", name, NULL, "set", error))
      goto failed;
  }

  return rd_store_txn_commit (store, owned, error);

failed:
  rd_store_txn_rollback (store, owned);
  return FALSE;
}

gboolean
rd_operators_add (RdStore     *store,
                  const char  *by_name,
                  const char  *by_pin,
                  const char  *name,
                  RdRole       role,
                  const char  *pin,
                  GError     **error)
{
  g_autofree char *hash = NULL;
  g_autoptr(GError) missing = NULL;
  g_autoptr(RdOperator) existing = NULL;
  gboolean owned;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);

  if (!rd_operators_check_name (name, error) || !check_role (role, error))
    return FALSE;
  if (pin != NULL && !check_new_pin (pin, error))
    return FALSE;
  if (!check_admin (store, by_name, by_pin, error))
    return FALSE;
  if (pin != NULL && (hash = hash_pin (pin, error)) == NULL)
    return FALSE;

  if (!rd_store_txn_begin (store, &owned, error))
    return FALSE;

  existing = _rd_operators_read (store, name, NULL, &missing);
  if (existing != NULL)
    {
      g_set_error (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_EXISTS,
                   _("There is already an operator called %s."), name);
      goto failed;
    }
  if (!g_error_matches (missing, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&missing));
      goto failed;
    }

  if (!_rd_operators_insert (store, name, role, hash, error) ||
      !rd_audit_record (store, 0, by_name, "add_operator", name, NULL, rd_role_to_id (role), error) ||
      (hash != NULL && !rd_audit_record (store, 0, by_name, "set_pin", name, NULL, "set", error)))
    goto failed;

  return rd_store_txn_commit (store, owned, error);

failed:
  rd_store_txn_rollback (store, owned);
  return FALSE;
}

gboolean
rd_operators_set_role (RdStore     *store,
                       const char  *by_name,
                       const char  *by_pin,
                       const char  *name,
                       RdRole       role,
                       GError     **error)
{
  g_autoptr(RdOperator) op = NULL;
  gboolean owned;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);

  if (!check_role (role, error) || !check_admin (store, by_name, by_pin, error))
    return FALSE;
  if (!rd_store_txn_begin (store, &owned, error))
    return FALSE;

  op = _rd_operators_read (store, name, NULL, error);
  if (op == NULL)
    goto failed;
  if (op->role == role)
    return rd_store_txn_commit (store, owned, error);

  if (op->role == RD_ROLE_ADMIN)
    {
      gint64 n = count_where (store, "SELECT count(*) FROM operators WHERE role = 'admin'", error);

      if (n < 0)
        goto failed;
      if (n <= 1)
        {
          g_set_error (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_LAST_ADMIN,
                       _("%s is the only admin: make someone else an admin first."), name);
          goto failed;
        }
    }

  if (!update_column (store, name, "UPDATE operators SET role = ?2, updated_at = ?3 WHERE name = ?1",
                      rd_role_to_id (role), error) ||
      !rd_audit_record (store, 0, by_name, "set_role", name, rd_role_to_id (op->role),
                        rd_role_to_id (role), error))
    goto failed;

  return rd_store_txn_commit (store, owned, error);

failed:
  rd_store_txn_rollback (store, owned);
  return FALSE;
}

gboolean
rd_operators_reset_pin (RdStore     *store,
                        const char  *by_name,
                        const char  *by_pin,
                        const char  *name,
                        GError     **error)
{
  g_autoptr(RdOperator) op = NULL;
  gboolean owned;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);

  if (!check_admin (store, by_name, by_pin, error))
    return FALSE;
  if (!rd_store_txn_begin (store, &owned, error))
    return FALSE;

  op = _rd_operators_read (store, name, NULL, error);
  if (op == NULL)
    goto failed;
  if (!update_column (store, name, "UPDATE operators SET pin_hash = ?2, updated_at = ?3 WHERE name = ?1",
                      NULL, error) ||
      !rd_audit_record (store, 0, by_name, "reset_pin", name, "set", NULL, error))
    goto failed;

  return rd_store_txn_commit (store, owned, error);

failed:
  rd_store_txn_rollback (store, owned);
  return FALSE;
}

gboolean
rd_operators_set_pin (RdStore     *store,
                      const char  *name,
                      const char  *old_pin,
                      const char  *new_pin,
                      GError     **error)
{
  g_autofree char *old_hash = NULL;
  g_autofree char *hash = NULL;
  g_autoptr(RdOperator) op = NULL;
  gboolean owned;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);

  if (!check_new_pin (new_pin, error))
    return FALSE;
  op = _rd_operators_read (store, name, &old_hash, error);
  if (op == NULL)
    return FALSE;
  if (old_hash != NULL &&
      !verify_guarded (store, op->name, old_hash, old_pin, g_get_real_time () / G_USEC_PER_SEC, error))
    return FALSE;
  hash = hash_pin (new_pin, error);
  if (hash == NULL)
    return FALSE;

  if (!rd_store_txn_begin (store, &owned, error))
    return FALSE;

  /* Compare-and-set: an admin's reset or another desk's change meanwhile
   * makes this one fail rather than pass unseen. */
  {
    g_autoptr(sqlite3_stmt) stmt = NULL;

    stmt = rd_store_prepare (store, "UPDATE operators SET pin_hash = ?2, updated_at = ?3"
                                    " WHERE name = ?1 AND pin_hash IS ?4", error);
    if (stmt == NULL)
      goto failed;
    sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 2, hash, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
    if (old_hash != NULL)
      sqlite3_bind_text (stmt, 4, old_hash, -1, SQLITE_TRANSIENT);
    else
      sqlite3_bind_null (stmt, 4);
    if (!step_done (store, stmt, error))
      goto failed;
    if (sqlite3_changes (rd_store_get_db (store)) != 1)
      {
        g_set_error (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_WRONG_PIN,
                     _("The PIN of %s changed meanwhile: try again."), name);
        goto failed;
      }
  }
  if (!rd_audit_record (store, 0, name, "set_pin", name, old_hash != NULL ? "set" : NULL, "set", error))
    goto failed;

  return rd_store_txn_commit (store, owned, error);

failed:
  rd_store_txn_rollback (store, owned);
  return FALSE;
}

gboolean
rd_operators_verify_pin (RdStore     *store,
                         const char  *name,
                         const char  *pin,
                         GError     **error)
{
  return rd_operators_verify_pin_at (store, name, pin, g_get_real_time () / G_USEC_PER_SEC, error);
}

gboolean
rd_operators_verify_pin_at (RdStore     *store,
                            const char  *name,
                            const char  *pin,
                            gint64       now,
                            GError     **error)
{
  g_autofree char *hash = NULL;
  g_autoptr(RdOperator) op = NULL;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);

  op = _rd_operators_read (store, name, &hash, error);
  if (op == NULL)
    return FALSE;
  return verify_guarded (store, op->name, hash, pin, now, error);
}

gboolean
rd_operators_check (RdStore     *store,
                    const char  *name,
                    RdAction     action,
                    GError     **error)
{
  g_autoptr(GError) missing = NULL;
  g_autoptr(RdOperator) op = NULL;
  gint64 n;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);

  n = count_where (store, "SELECT count(*) FROM operators", error);
  if (n < 0)
    return FALSE;
  if (n == 0)
    {
      g_set_error_literal (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_NOT_ALLOWED,
                           _("Set up the first operator in Preferences first."));
      return FALSE;
    }
  if (name == NULL || *name == '\0')
    {
      g_set_error_literal (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_NOT_ALLOWED,
                           _("Choose who is working at this desk first."));
      return FALSE;
    }

  op = _rd_operators_read (store, name, NULL, &missing);
  if (op == NULL)
    {
      if (g_error_matches (missing, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_NOT_FOUND))
        g_set_error (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_NOT_FOUND,
                     _("“%s” is not an operator of this ledger: an admin adds operators in Preferences."),
                     name);
      else
        g_propagate_error (error, g_steal_pointer (&missing));
      return FALSE;
    }
  if (!rd_role_may (op->role, action))
    {
      g_set_error (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_NOT_ALLOWED,
                   /* Translators: "老张 (Warehouse) may not approve refunds." */
                   _("%s (%s) may not %s."), op->name, rd_role_get_name (op->role),
                   rd_action_get_phrase (action));
      return FALSE;
    }
  return TRUE;
}
