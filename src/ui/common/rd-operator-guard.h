/* rd-operator-guard.h
 *
 * What a dialog that writes as the operator does: it takes the operator
 * from the context at the moment of saving (rd_operator_guard_require, which
 * refuses plainly when no one is signed in), and it closes when the
 * operator changes (rd_operator_guard_dialog: the idle lock, Lock, another
 * operator signing in), so that nothing typed under one operator is saved
 * under another or under no one. Whether the signed-in role may do an
 * action decides whether its button is shown (rd_operator_guard_button).
 */
#pragma once

#include <gtk/gtk.h>

#include "rd-context.h"

G_BEGIN_DECLS

/* The operator signed in now; NULL with "Sign in first…" in error when no
 * one is. */
const char *rd_operator_guard_require (RdContext  *context,
                                       GError    **error);

/* Closes dialog (its close response, for an AdwMessageDialog) when the
 * context's operator changes while it is open. */
void        rd_operator_guard_dialog  (RdContext  *context,
                                       GtkWindow  *dialog);

/* The roles that may do action, in words: "Approver, Admin". */
char       *rd_operator_guard_roles_may (RdAction  action);

/* Who may do action, in words: "Only Approver, Admin may approve refunds."
 * for a tooltip. */
char       *rd_operator_guard_who_may (RdAction    action);

/* widget sensitive when the signed-in role may do action; otherwise
 * insensitive with a tooltip saying who may. Returns whether it may.
 * context may be NULL (a widget not yet given one): nothing changes. */
gboolean    rd_operator_guard_widget  (RdContext  *context,
                                       GtkWidget  *widget,
                                       RdAction    action);

G_END_DECLS
