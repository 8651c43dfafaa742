/* rd-window.h
 *
 * The main window: a header bar with the view switcher, the current operator
 * and the primary menu, and the five pages in an AdwViewStack; a file
 * dropped on it is imported (its preview first).
 */
#pragma once

#include <adwaita.h>

#include "rd-context.h"
#include "rd-import-dialog.h"

G_BEGIN_DECLS

#define RD_TYPE_WINDOW (rd_window_get_type ())
G_DECLARE_FINAL_TYPE (RdWindow, rd_window, RD, WINDOW, AdwApplicationWindow)

/* The window of application, showing what context holds; it hands context
 * down to its pages. */
RdWindow   *rd_window_new              (GtkApplication *application,
                                        RdContext      *context);

/* "ledger", "intake", "calculator", "intercepts" or "reports"; the same as
 * activating win.show-page with that name. Unknown names are ignored. */
void        rd_window_show_page        (RdWindow       *self,
                                        const char     *page);
const char *rd_window_get_visible_page (RdWindow       *self);

/* After the ledger is open: a ledger without an administrator first gets
 * the names of the old `operators` setting (owner → admin, service → clerk,
 * each to set a PIN on first use); if there is still no administrator, the
 * first-run assistant is shown and TRUE returned. */
gboolean    rd_window_check_people     (RdWindow       *self);

RdContext  *rd_window_get_context      (RdWindow       *self);

/* Shows again what the ledger holds now: the list and its footer (keeping
 * the selection), the open case and the intercept register, on the page
 * shown (the others read the ledger again when they are shown). Done by
 * itself when another process changes the file (RdStoreWatch). */
void        rd_window_reload           (RdWindow       *self);

/* The import preview of path (what win.import-file and a file dropped on
 * the window do; win.import asks for the file first). One at a time: while
 * one is open it is shown instead. */
void        rd_window_import_file      (RdWindow       *self,
                                        const char     *path);
/* The import dialog open, or NULL. */
RdImportDialog *rd_window_get_import_dialog (RdWindow  *self);

G_END_DECLS
