/* rd-case-edit-dialog.h
 *
 * The case pane's "Edit…" window: the fields a person may still change in
 * the case's state (rd-case-store-edit.h), the others shown but not
 * editable, the intake's checks as the user types. Save writes through
 * rd_case_store_edit; an error stays in the window with its message.
 */
#pragma once

#include <adwaita.h>

#include "rd-case.h"
#include "rd-context.h"

G_BEGIN_DECLS

#define RD_TYPE_CASE_EDIT_DIALOG (rd_case_edit_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RdCaseEditDialog, rd_case_edit_dialog, RD, CASE_EDIT_DIALOG, AdwWindow)

/* A window for rcase as last read from store (its updated_at is the version the user
 * saw). Emits "saved" (the case id) after a save, then closes. */
RdCaseEditDialog *rd_case_edit_dialog_new  (GtkWindow    *parent,
                                            RdContext    *context,
                                            RdStore      *store,
                                            const RdCase *rcase);

/* What Save does; FALSE (and the message shown) when nothing was saved. */
gboolean          rd_case_edit_dialog_save (RdCaseEditDialog *self);

G_END_DECLS
