/* rd-operators.h
 *
 * The people who work at the desk (the ledger's `operators` table, schema
 * version 9): each has a role and a PIN, kept as a salted slow hash
 * (libsodium's crypto_pwhash_str: Argon2id with a salt of its own; never a
 * plain or fast hash). What a role may do is decided here, in one function,
 * rd_role_may; the case store and the register ask it before every write
 * that an operator makes, whatever the window shows.
 *
 * Every change to an operator (added, role changed, PIN set or reset) is
 * written to the audit log (no case) by the operator who made it, with the
 * operator changed as the entry's field: add_operator (— → role), set_role
 * (role → role), set_pin (— or "set" → "set"), reset_pin ("set" → —),
 * import_operator (— → role). A PIN or its hash is never in the log.
 *
 * Wrong PINs: each is an audit entry pin_failed (no case, the operator as
 * field, no value). RD_OPERATORS_LOCK_FAILURES of them within
 * RD_OPERATORS_LOCK_WINDOW seconds lock the operator out for
 * RD_OPERATORS_LOCK_SECONDS, twice as long at each further lockout within
 * RD_OPERATORS_LOCK_MEMORY; while locked, no PIN of theirs is checked (a
 * right one neither). A right PIN after wrong ones (pin_ok), a new PIN
 * (set_pin) or an admin's reset (reset_pin) clears the count.
 */
#pragma once

#include <gio/gio.h>

#include "rd-store.h"

G_BEGIN_DECLS

#define RD_OPERATORS_ERROR (rd_operators_error_quark ())

typedef enum
{
  RD_OPERATORS_ERROR_NOT_FOUND,       /* no operator of that name */
  RD_OPERATORS_ERROR_EXISTS,          /* adding a name that is taken */
  RD_OPERATORS_ERROR_INVALID,         /* a blank name, a PIN too short, … */
  RD_OPERATORS_ERROR_WRONG_PIN,       /* the PIN does not match */
  RD_OPERATORS_ERROR_NO_PIN,          /* the operator has not set a PIN yet */
  RD_OPERATORS_ERROR_NOT_ALLOWED,     /* the role may not do this */
  RD_OPERATORS_ERROR_LAST_ADMIN,      /* the last admin cannot stop being one */
  RD_OPERATORS_ERROR_LOCKED,          /* too many wrong PINs: try again later */
} RdOperatorsError;

/* Stable ids: "clerk", "approver", "warehouse", "accountant", "admin". */
typedef enum
{
  RD_ROLE_NONE,
  RD_ROLE_CLERK,        /* takes requests in, edits cases, proposes an amount */
  RD_ROLE_APPROVER,     /* approves, refuses, pays out */
  RD_ROLE_WAREHOUSE,    /* intercepts, scans */
  RD_ROLE_ACCOUNTANT,   /* exports, reports, reads */
  RD_ROLE_ADMIN,        /* settings, lists, operators — and everything else */
  RD_ROLE_LAST
} RdRole;

typedef enum
{
  RD_ACTION_NONE,
  RD_ACTION_READ,
  RD_ACTION_TAKE_IN,
  RD_ACTION_EDIT_CASE,
  RD_ACTION_PROPOSE_AMOUNT,
  RD_ACTION_APPROVE,
  RD_ACTION_REFUSE,
  RD_ACTION_PAY_OUT,
  RD_ACTION_INTERCEPT,
  RD_ACTION_SCAN,
  RD_ACTION_EXPORT,
  RD_ACTION_REPORTS,
  RD_ACTION_SETTINGS,
  RD_ACTION_MANAGE_OPERATORS,
  RD_ACTION_LAST
} RdAction;

const char *rd_role_to_id     (RdRole      role);
RdRole      rd_role_from_id   (const char *id);
/* The role's name in the user's language ("Approver", "审核员"). */
const char *rd_role_get_name  (RdRole      role);
/* What the role is for, one line in the user's language. */
const char *rd_role_get_description (RdRole role);

/* What the action is, to complete "%s (%s) may not %s." ("approve refunds"). */
const char *rd_action_get_phrase (RdAction action);

/* The one answer to "may this role do this". */
gboolean    rd_role_may       (RdRole      role,
                               RdAction    action);

typedef struct
{
  char    *name;
  RdRole   role;
  gboolean has_pin;       /* FALSE: asked to set one on first use */
  gint64   created_at;
  gint64   updated_at;
} RdOperator;

void        rd_operator_free  (RdOperator *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdOperator, rd_operator_free)

GQuark      rd_operators_error_quark (void);

/* The shortest PIN accepted (digits or any text). */
#define RD_OPERATORS_MIN_PIN_CHARS 4

/* The lockout after wrong PINs (see above). */
#define RD_OPERATORS_LOCK_FAILURES 5
#define RD_OPERATORS_LOCK_WINDOW   (15 * 60)
#define RD_OPERATORS_LOCK_SECONDS  (15 * 60)
#define RD_OPERATORS_LOCK_MEMORY   (24 * 60 * 60)

/* INVALID, in the user's words, unless name is usable as an operator's
 * name: not blank, no space at either end, at most 32 characters, no
 * control or invisible formatting character. Every write checks it; a
 * form checks it as the name is typed. */
gboolean    rd_operators_check_name  (const char  *name,
                                      GError     **error);

/* Every operator, by name. */
GPtrArray  *rd_operators_list        (RdStore     *store,
                                      GError     **error);
RdOperator *rd_operators_get         (RdStore     *store,
                                      const char  *name,
                                      GError     **error);
gboolean    rd_operators_has_admin   (RdStore     *store,
                                      GError     **error);

/* The first admin of a ledger that has none: allowed only while no admin
 * exists (the first-run assistant). */
gboolean    rd_operators_create_first_admin (RdStore    *store,
                                             const char *name,
                                             const char *pin,
                                             GError    **error);

/* By an admin (by_name), proven by by_pin at that moment. pin may be NULL:
 * the new operator sets one on first use. */
gboolean    rd_operators_add         (RdStore     *store,
                                      const char  *by_name,
                                      const char  *by_pin,
                                      const char  *name,
                                      RdRole       role,
                                      const char  *pin,
                                      GError     **error);
gboolean    rd_operators_set_role    (RdStore     *store,
                                      const char  *by_name,
                                      const char  *by_pin,
                                      const char  *name,
                                      RdRole       role,
                                      GError     **error);
/* Forgotten PIN: an admin clears it; the operator sets a new one on first
 * use. Audited. */
gboolean    rd_operators_reset_pin   (RdStore     *store,
                                      const char  *by_name,
                                      const char  *by_pin,
                                      const char  *name,
                                      GError     **error);

/* The operator sets their own PIN: old_pin must match, or be NULL when the
 * operator has none yet (first use). */
gboolean    rd_operators_set_pin     (RdStore     *store,
                                      const char  *name,
                                      const char  *old_pin,
                                      const char  *new_pin,
                                      GError     **error);

/* TRUE when name exists, has a PIN, is not locked out and pin matches;
 * WRONG_PIN (recorded, and saying when a lockout it starts ends), LOCKED
 * ("try again at 14:05"), NO_PIN or NOT_FOUND otherwise. Constant-time
 * comparison (libsodium). Inside a caller's transaction a wrong PIN is not
 * recorded (it would go with the rollback): the caller records it with
 * rd_operators_note_wrong_pin once rolled back. */
gboolean    rd_operators_verify_pin  (RdStore     *store,
                                      const char  *name,
                                      const char  *pin,
                                      GError     **error);
/* The same at now (seconds since the epoch): the clock of the tests. */
gboolean    rd_operators_verify_pin_at (RdStore   *store,
                                        const char *name,
                                        const char *pin,
                                        gint64      now,
                                        GError    **error);
/* Records a wrong PIN for name at now; outside any transaction. */
gboolean    rd_operators_note_wrong_pin (RdStore    *store,
                                         const char *name,
                                         gint64      now,
                                         GError    **error);
/* LOCKED, saying until when ("Too many wrong PINs for 李娜: try again at
 * 14:05."), while name is locked out at now. */
gboolean    rd_operators_check_lockout (RdStore    *store,
                                        const char *name,
                                        gint64      now,
                                        GError    **error);
/* When name's lockout ends, or 0 when they are not locked out at now. */
gboolean    rd_operators_get_locked_until (RdStore    *store,
                                           const char *name,
                                           gint64      now,
                                           gint64     *until,
                                           GError    **error);

/* NOT_ALLOWED (with a message naming the operator, their role and what was
 * refused, in the user's language) unless `name` is an operator whose role
 * may do `action`. Called by the core before each write by an operator. */
gboolean    rd_operators_check       (RdStore     *store,
                                      const char  *name,
                                      RdAction     action,
                                      GError     **error);

/* Operators without a PIN with the roles given (names that are not valid
 * operator names are left out), each asked to set a PIN on first use.
 * Names already there are left. Audited as import_operator. */
gboolean    rd_operators_import      (RdStore            *store,
                                      const char * const *names,
                                      const RdRole       *roles,
                                      guint               n,
                                      GError            **error);

/* A ledger from before operators (its operators table empty): every name
 * the ledger itself knows — its cases' created_by, handler, proposed_by and
 * approved_by — and the names of this desk's old settings list (names,
 * roles; n may be 0) become operators without a PIN. Never an admin: an old
 * owner becomes an approver, whoever approved a case an approver, the
 * others keep their old role or are clerks; the first-run assistant
 * creates the admin. Names with control or direction characters are left
 * out. Nothing happens once the table has an operator. *n_imported (may
 * be NULL) is the number added. */
gboolean    rd_operators_import_old_ledger (RdStore            *store,
                                            const char * const *names,
                                            const RdRole       *roles,
                                            guint               n,
                                            guint              *n_imported,
                                            GError            **error);

G_END_DECLS
