/* rd-test-ui.h
 *
 * What the widget tests share: running the main loop until it is idle,
 * finding a widget or a dialog, and a scratch ledger to show.
 */
#pragma once

#include <adwaita.h>

#include "rd-context.h"
#include "rd-store.h"

G_BEGIN_DECLS

/* Runs the default main context until nothing is pending. */
void              rd_test_ui_iterate             (void);

/* The first widget of type under widget (widget included), depth first;
 * when name is not NULL, only one with that widget name. */
GtkWidget        *rd_test_ui_find_descendant     (GtkWidget  *widget,
                                                  GType       type,
                                                  const char *name);
/* The first button under widget whose action is action_name. */
GtkWidget        *rd_test_ui_find_action_button  (GtkWidget  *widget,
                                                  const char *action_name);
/* The last visible message dialog among the toplevels, or NULL. */
AdwMessageDialog *rd_test_ui_find_dialog         (void);
/* The visible toplevel window with this widget name ("approve-dialog"), or NULL. */
GtkWindow        *rd_test_ui_find_window         (const char *name);
/* The case pane's approval dialog (rd-case-pane-approve.c), open: types the
 * amount, picks approver (NULL: leaves the choice) with pin, and reason
 * (NULL: none), then clicks Approve, which must be sensitive. */
void              rd_test_ui_approve             (GtkWindow  *dialog,
                                                  const char *amount,
                                                  const char *approver,
                                                  const char *pin,
                                                  const char *reason);

/* Opens a new ledger.db in dir (an empty folder); fails the test if it
 * cannot. The path is returned in out_path when that is not NULL. */
RdStore          *rd_test_ui_open_ledger         (const char *dir,
                                                  char      **out_path);

/* A context as the application makes one: the app's settings and store
 * (NULL: none). */
RdContext        *rd_test_ui_new_context         (RdStore    *store);

/* Signs name in on context as the window would after their PIN (RD_TEST_PIN):
 * the context gets store when it has none; name is added to the ledger with
 * role (and an admin "Admin" first, when the ledger has none) unless there.
 * "": signs out. */
void              rd_test_ui_sign_in             (RdContext  *context,
                                                  RdStore    *store,
                                                  const char *name,
                                                  RdRole      role);

G_END_DECLS
