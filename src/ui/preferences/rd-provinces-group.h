/* rd-provinces-group.h
 *
 * The editable list of remote provinces (the ledger policy's
 * `remote-provinces`, changed by an admin through the core): an entry row to
 * add one, then one row a province with a remove button.
 */
#pragma once

#include "rd-context.h"
#include "rd-editable-list.h"

G_BEGIN_DECLS

#define RD_TYPE_PROVINCES_GROUP (rd_provinces_group_get_type ())
G_DECLARE_FINAL_TYPE (RdProvincesGroup, rd_provinces_group, RD, PROVINCES_GROUP, RdEditableListGroup)

GtkWidget  *rd_provinces_group_new               (RdContext        *context);

/* Adds a province as if typed into the entry row and applied. FALSE, with
 * the inline message shown, when the name is empty or already listed. */
gboolean    rd_provinces_group_add               (RdProvincesGroup *self,
                                                  const char       *name);
/* The inline message, NULL when there is none. */
const char *rd_provinces_group_get_error_message (RdProvincesGroup *self);

G_END_DECLS
