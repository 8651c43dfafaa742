/* rd-operators-group.h
 *
 * The operators of the shop (the `operators` setting, a(ss) of name and
 * role): add, rename, change role, remove. Names must be non-empty and
 * unique; an invalid edit is shown inline and never written.
 */
#pragma once

#include "rd-editable-list.h"

G_BEGIN_DECLS

#define RD_TYPE_OPERATORS_GROUP (rd_operators_group_get_type ())
G_DECLARE_FINAL_TYPE (RdOperatorsGroup, rd_operators_group, RD, OPERATORS_GROUP, RdEditableListGroup)

GtkWidget  *rd_operators_group_new               (GSettings        *settings);

/* role: "owner", "service", "warehouse" or "accountant". FALSE, with the
 * inline message shown, when the name is empty or taken. */
gboolean    rd_operators_group_add               (RdOperatorsGroup *self,
                                                  const char       *name,
                                                  const char       *role);
gboolean    rd_operators_group_rename            (RdOperatorsGroup *self,
                                                  const char       *old_name,
                                                  const char       *new_name);
const char *rd_operators_group_get_error_message (RdOperatorsGroup *self);

/* The translated name of a role id; the id itself when unknown. */
const char *rd_operator_role_display_name        (const char       *role);

G_END_DECLS
