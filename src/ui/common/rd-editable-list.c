/* rd-editable-list.c
 *
 * What the editable list groups share: the add row, the inline message, and
 * rebuilding the rows whenever the setting behind them changes.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-editable-list.h"

typedef struct
{
  GSettings   *settings;
  GPtrArray   *rows;
  AdwEntryRow *add_row;
  GtkLabel    *message_label;
  gboolean     rebuilding;
} RdEditableListGroupPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (RdEditableListGroup, rd_editable_list_group, ADW_TYPE_PREFERENCES_GROUP)

#define ID_KEY "rd-editable-list-id"

static void
rebuild_rows (RdEditableListGroup *self)
{
  RdEditableListGroupPrivate *priv = rd_editable_list_group_get_instance_private (self);

  priv->rebuilding = TRUE;

  for (guint i = 0; i < priv->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (priv->rows, i));
  g_ptr_array_set_size (priv->rows, 0);

  /* The entry row stays first, and keeps the focus while rows come and go. */
  RD_EDITABLE_LIST_GROUP_GET_CLASS (self)->populate (self);

  priv->rebuilding = FALSE;
}

static void
on_settings_changed (RdEditableListGroup *self)
{
  rebuild_rows (self);
}

static void
on_add_row_apply (AdwEntryRow         *row,
                  RdEditableListGroup *self)
{
  if (RD_EDITABLE_LIST_GROUP_GET_CLASS (self)->add (self, gtk_editable_get_text (GTK_EDITABLE (row))))
    gtk_editable_set_text (GTK_EDITABLE (row), "");
}

static void
on_entry_row_apply (AdwEntryRow         *row,
                    RdEditableListGroup *self)
{
  /* Renaming rebuilds the rows, this one with its id too. */
  g_autofree char *id = g_strdup (g_object_get_data (G_OBJECT (row), ID_KEY));

  RD_EDITABLE_LIST_GROUP_GET_CLASS (self)->rename (self, GTK_WIDGET (row), id,
                                                   gtk_editable_get_text (GTK_EDITABLE (row)));
}

static void
on_remove_clicked (GtkButton           *button,
                   RdEditableListGroup *self)
{
  g_autofree char *id = g_strdup (g_object_get_data (G_OBJECT (button), ID_KEY));

  RD_EDITABLE_LIST_GROUP_GET_CLASS (self)->remove (self, id);
}

static void
rd_editable_list_group_dispose (GObject *object)
{
  RdEditableListGroup *self = RD_EDITABLE_LIST_GROUP (object);
  RdEditableListGroupPrivate *priv = rd_editable_list_group_get_instance_private (self);

  if (priv->settings != NULL)
    g_signal_handlers_disconnect_by_data (priv->settings, self);
  g_clear_object (&priv->settings);
  g_clear_pointer (&priv->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (rd_editable_list_group_parent_class)->dispose (object);
}

static void
rd_editable_list_group_class_init (RdEditableListGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rd_editable_list_group_dispose;
}

static void
rd_editable_list_group_init (RdEditableListGroup *self)
{
  RdEditableListGroupPrivate *priv = rd_editable_list_group_get_instance_private (self);

  priv->rows = g_ptr_array_new ();

  priv->add_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_entry_row_set_show_apply_button (priv->add_row, TRUE);
  g_signal_connect (priv->add_row, "apply", G_CALLBACK (on_add_row_apply), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (priv->add_row));

  priv->message_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (priv->message_label, 0);
  gtk_label_set_wrap (priv->message_label, TRUE);
  gtk_widget_set_margin_top (GTK_WIDGET (priv->message_label), 6);
  gtk_widget_add_css_class (GTK_WIDGET (priv->message_label), "error");
  gtk_widget_add_css_class (GTK_WIDGET (priv->message_label), "caption");
  gtk_widget_set_visible (GTK_WIDGET (priv->message_label), FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (priv->message_label));
}

void
rd_editable_list_group_bind (RdEditableListGroup *self,
                             GSettings           *settings,
                             const char          *key)
{
  RdEditableListGroupPrivate *priv = rd_editable_list_group_get_instance_private (self);
  g_autofree char *signal = NULL;

  g_return_if_fail (RD_IS_EDITABLE_LIST_GROUP (self));
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (priv->settings == NULL);

  priv->settings = g_object_ref (settings);
  signal = g_strconcat ("changed::", key, NULL);
  g_signal_connect_swapped (settings, signal, G_CALLBACK (on_settings_changed), self);
  rebuild_rows (self);
}

void
rd_editable_list_group_rebuild (RdEditableListGroup *self)
{
  g_return_if_fail (RD_IS_EDITABLE_LIST_GROUP (self));

  rebuild_rows (self);
}

GSettings *
rd_editable_list_group_get_settings (RdEditableListGroup *self)
{
  RdEditableListGroupPrivate *priv = rd_editable_list_group_get_instance_private (self);

  g_return_val_if_fail (RD_IS_EDITABLE_LIST_GROUP (self), NULL);

  return priv->settings;
}

AdwEntryRow *
rd_editable_list_group_get_add_row (RdEditableListGroup *self)
{
  RdEditableListGroupPrivate *priv = rd_editable_list_group_get_instance_private (self);

  g_return_val_if_fail (RD_IS_EDITABLE_LIST_GROUP (self), NULL);

  return priv->add_row;
}

GtkWidget *
rd_editable_list_group_get_row (RdEditableListGroup *self,
                                guint                index)
{
  RdEditableListGroupPrivate *priv = rd_editable_list_group_get_instance_private (self);

  g_return_val_if_fail (RD_IS_EDITABLE_LIST_GROUP (self), NULL);

  return index < priv->rows->len ? g_ptr_array_index (priv->rows, index) : NULL;
}

gboolean
rd_editable_list_group_is_rebuilding (RdEditableListGroup *self)
{
  RdEditableListGroupPrivate *priv = rd_editable_list_group_get_instance_private (self);

  g_return_val_if_fail (RD_IS_EDITABLE_LIST_GROUP (self), FALSE);

  return priv->rebuilding;
}

void
rd_editable_list_group_append_row (RdEditableListGroup *self,
                                   GtkWidget           *row)
{
  RdEditableListGroupPrivate *priv = rd_editable_list_group_get_instance_private (self);

  g_return_if_fail (RD_IS_EDITABLE_LIST_GROUP (self));

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
  g_ptr_array_add (priv->rows, row);
}

GtkWidget *
rd_editable_list_group_new_entry_row (RdEditableListGroup *self,
                                      const char          *title,
                                      const char          *text,
                                      const char          *id)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  /* After the text, so that the apply button waits for a real edit. */
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), ID_KEY, g_strdup (id), g_free);
  g_signal_connect (row, "apply", G_CALLBACK (on_entry_row_apply), self);

  return row;
}

GtkWidget *
rd_editable_list_group_new_remove_button (RdEditableListGroup *self,
                                          const char          *name,
                                          const char          *id)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *tooltip = g_strdup_printf (_("Remove %s"), name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  g_object_set_data_full (G_OBJECT (button), ID_KEY, g_strdup (id), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_remove_clicked), self);

  return button;
}

void
rd_editable_list_group_set_message (RdEditableListGroup *self,
                                    GtkWidget           *row,
                                    const char          *message)
{
  RdEditableListGroupPrivate *priv = rd_editable_list_group_get_instance_private (self);

  g_return_if_fail (RD_IS_EDITABLE_LIST_GROUP (self));

  gtk_label_set_label (priv->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (priv->message_label), message != NULL);

  gtk_widget_remove_css_class (GTK_WIDGET (priv->add_row), "error");
  for (guint i = 0; i < priv->rows->len; i++)
    gtk_widget_remove_css_class (g_ptr_array_index (priv->rows, i), "error");
  if (row != NULL && message != NULL)
    gtk_widget_add_css_class (row, "error");
}

const char *
rd_editable_list_group_get_error_message (RdEditableListGroup *self)
{
  RdEditableListGroupPrivate *priv = rd_editable_list_group_get_instance_private (self);

  g_return_val_if_fail (RD_IS_EDITABLE_LIST_GROUP (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (priv->message_label)))
    return NULL;

  return gtk_label_get_label (priv->message_label);
}
