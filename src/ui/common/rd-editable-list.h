/* rd-editable-list.h
 *
 * The base of the preferences groups that edit a list kept in GSettings
 * (remote provinces, operators, the lists of rd-shop-lists.h): an entry row at
 * the top adds an entry, one row an entry follows, and an inline message
 * under the group says what was wrong with the last edit.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RD_TYPE_EDITABLE_LIST_GROUP (rd_editable_list_group_get_type ())
G_DECLARE_DERIVABLE_TYPE (RdEditableListGroup, rd_editable_list_group, RD, EDITABLE_LIST_GROUP, AdwPreferencesGroup)

struct _RdEditableListGroupClass
{
  AdwPreferencesGroupClass parent_class;

  /* Appends one row an entry with rd_editable_list_group_append_row(). */
  void     (*populate) (RdEditableListGroup *self);
  /* The add row was applied with text; TRUE empties it. */
  gboolean (*add)      (RdEditableListGroup *self,
                        const char          *text);
  /* The apply button of a row from rd_editable_list_group_new_entry_row(). */
  void     (*rename)   (RdEditableListGroup *self,
                        GtkWidget           *row,
                        const char          *id,
                        const char          *text);
  /* The button from rd_editable_list_group_new_remove_button() was clicked. */
  void     (*remove)   (RdEditableListGroup *self,
                        const char          *id);
};

/* Keeps settings and rebuilds the rows now and whenever key changes. */
void         rd_editable_list_group_bind              (RdEditableListGroup *self,
                                                       GSettings           *settings,
                                                       const char          *key);
/* Rebuilds the rows now: for a list kept elsewhere than GSettings. */
void         rd_editable_list_group_rebuild           (RdEditableListGroup *self);
GSettings   *rd_editable_list_group_get_settings      (RdEditableListGroup *self);
AdwEntryRow *rd_editable_list_group_get_add_row       (RdEditableListGroup *self);
/* The row of the entry at index, NULL past the end. */
GtkWidget   *rd_editable_list_group_get_row           (RdEditableListGroup *self,
                                                       guint                index);
/* TRUE while populate runs, when drop-downs report their initial choice. */
gboolean     rd_editable_list_group_is_rebuilding     (RdEditableListGroup *self);

void         rd_editable_list_group_append_row        (RdEditableListGroup *self,
                                                       GtkWidget           *row);
/* An entry row showing text whose apply button calls rename with id. */
GtkWidget   *rd_editable_list_group_new_entry_row     (RdEditableListGroup *self,
                                                       const char          *title,
                                                       const char          *text,
                                                       const char          *id);
/* A flat trash button, "Remove name", that calls remove with id. */
GtkWidget   *rd_editable_list_group_new_remove_button (RdEditableListGroup *self,
                                                       const char          *name,
                                                       const char          *id);

/* Shows message (NULL hides it) and marks row, if any, as the one in error. */
void         rd_editable_list_group_set_message       (RdEditableListGroup *self,
                                                       GtkWidget           *row,
                                                       const char          *message);
/* The inline message, NULL when there is none. */
const char  *rd_editable_list_group_get_error_message (RdEditableListGroup *self);

G_END_DECLS
