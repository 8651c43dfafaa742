/* rd-preferences-lists.h
 *
 * The "Lists" page of the preferences: channels, refund reasons (each with
 * whose fault it is), payment methods and couriers. Built-in entries can be
 * renamed, the shop's own entries renamed and removed.
 */
#pragma once

#include "rd-editable-list.h"

#include "rd-shop-lists.h"

G_BEGIN_DECLS

#define RD_TYPE_LIST_GROUP (rd_list_group_get_type ())
G_DECLARE_FINAL_TYPE (RdListGroup, rd_list_group, RD, LIST_GROUP, RdEditableListGroup)

/* One list, bound to its key of settings. */
GtkWidget  *rd_list_group_new                (GSettings   *settings,
                                              RdListKind   kind);
/* What the last add or rename said was wrong, or NULL. */
const char *rd_list_group_get_error_message  (RdListGroup *self);

/* An AdwPreferencesPage named "lists" with the four lists. */
GtkWidget  *rd_preferences_lists_page_new    (GSettings   *settings);

G_END_DECLS
