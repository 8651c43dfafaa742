/* rd-context.h
 *
 * What every page needs, in one object the application creates and the
 * window hands down to its pages: the open ledger, the app's settings, the
 * shop's policy (the ledger's, reloaded when it changes) and the current
 * operator. No page reaches up to the application for them.
 *
 * The operator is whoever last proved who they are with their PIN (checked
 * by the core, rd_operators_verify_pin), or no one: it is never read from
 * the settings, so that no setting can make someone an operator.
 */
#pragma once

#include <gio/gio.h>

#include "rd-operators.h"
#include "rd-policy.h"
#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_CONTEXT (rd_context_get_type ())
G_DECLARE_FINAL_TYPE (RdContext, rd_context, RD, CONTEXT, GObject)

/* settings: the app's settings (schema io.github.refunddesk.RefundDesk). */
RdContext      *rd_context_new           (RdStore   *store,
                                          GSettings *settings);

/* The open ledger; NULL until one is open. */
RdStore        *rd_context_get_store     (RdContext *self);
void            rd_context_set_store     (RdContext *self,
                                          RdStore   *store);
GSettings      *rd_context_get_settings  (RdContext *self);
/* The shop's policy as the ledger says now (as the settings say while no
 * ledger is open); notify::policy when it changes. */
const RdPolicy *rd_context_get_policy    (RdContext *self);
/* Reads the policy from the ledger again (another window or process may
 * have changed it); notify::policy when it differs. */
void            rd_context_reload_policy (RdContext *self);
/* A ledger that holds no policy yet (from before it lived there) gets this
 * desk's settings, once: called when the window's ledger is found whole.
 * Until then the policy shown is the settings'. */
gboolean        rd_context_copy_policy_from_settings (RdContext  *self,
                                                      GError    **error);
/* One key of the ledger's policy, set by the operator signed in: the core
 * refuses anyone but an admin (rd_policy_set). The policy is reloaded. */
gboolean        rd_context_set_policy    (RdContext   *self,
                                          const char  *key,
                                          const char  *value,
                                          GError     **error);
/* The operator signed in, "" when none; notify::operator. */
const char     *rd_context_get_operator  (RdContext *self);
/* The signed-in operator's role as the ledger says now; RD_ROLE_NONE when
 * no one is signed in or the operator is gone. */
RdRole          rd_context_get_role      (RdContext *self);

/* name becomes the operator when pin is theirs (the core checks it);
 * otherwise the error (WRONG_PIN, NO_PIN, NOT_FOUND) and nothing changes. */
gboolean        rd_context_sign_in       (RdContext   *self,
                                          const char  *name,
                                          const char  *pin,
                                          GError     **error);
/* Back to no operator (the idle lock, "Lock"). */
void            rd_context_sign_out      (RdContext *self);

/* A PIN of the current operator proven within the last minute, or NULL:
 * an admin doing several things in a row is asked once. Forgotten when the
 * minute is over or the operator changes. */
const char     *rd_context_get_recent_pin (RdContext  *self);
void            rd_context_remember_pin   (RdContext  *self,
                                           const char *pin);

G_END_DECLS
