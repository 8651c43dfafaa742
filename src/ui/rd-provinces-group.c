/* rd-provinces-group.c
 *
 * Remote provinces get the longer stall threshold. The list is edited here
 * and written to GSettings whole; an empty or repeated name never is.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-provinces-group.h"

struct _RdProvincesGroup
{
  AdwPreferencesGroup  parent_instance;

  GSettings           *settings;
  GPtrArray           *rows;
  AdwEntryRow         *add_row;
  GtkLabel            *message_label;
};

G_DEFINE_FINAL_TYPE (RdProvincesGroup, rd_provinces_group, ADW_TYPE_PREFERENCES_GROUP)

static void
set_message (RdProvincesGroup *self,
             const char       *message)
{
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->add_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->add_row), "error");
}

static void
on_remove_clicked (GtkButton        *button,
                   RdProvincesGroup *self)
{
  const char *name = g_object_get_data (G_OBJECT (button), "rd-province");
  g_auto(GStrv) provinces = g_settings_get_strv (self->settings, "remote-provinces");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) kept = NULL;

  for (guint i = 0; provinces[i] != NULL; i++)
    if (g_strcmp0 (provinces[i], name) != 0)
      g_strv_builder_add (builder, provinces[i]);

  kept = g_strv_builder_end (builder);
  set_message (self, NULL);
  g_settings_set_strv (self->settings, "remote-provinces", (const char *const *) kept);
}

static void
rebuild_rows (RdProvincesGroup *self)
{
  g_auto(GStrv) provinces = g_settings_get_strv (self->settings, "remote-provinces");

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  /* The entry row stays first, and keeps the focus while rows come and go. */
  for (guint i = 0; provinces[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *tooltip = g_strdup_printf (_("Remove %s"), provinces[i]);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), provinces[i]);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, tooltip);
      g_object_set_data_full (G_OBJECT (button), "rd-province", g_strdup (provinces[i]), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_remove_clicked), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->rows, row);
    }
}

static void
on_settings_changed (RdProvincesGroup *self)
{
  rebuild_rows (self);
}

static void
on_add_row_apply (AdwEntryRow      *row,
                  RdProvincesGroup *self)
{
  if (rd_provinces_group_add (self, gtk_editable_get_text (GTK_EDITABLE (row))))
    gtk_editable_set_text (GTK_EDITABLE (row), "");
}

static void
on_add_row_changed (AdwEntryRow      *row,
                    RdProvincesGroup *self)
{
  /* The message was about the text the user is now changing. */
  if (gtk_widget_get_visible (GTK_WIDGET (self->message_label)))
    set_message (self, NULL);
}

static void
rd_provinces_group_dispose (GObject *object)
{
  RdProvincesGroup *self = RD_PROVINCES_GROUP (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (rd_provinces_group_parent_class)->dispose (object);
}

static void
rd_provinces_group_class_init (RdProvincesGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rd_provinces_group_dispose;
}

static void
rd_provinces_group_init (RdProvincesGroup *self)
{
  self->rows = g_ptr_array_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Remote Provinces"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("Parcels to these provinces use the remote threshold before they count as lost."));

  self->add_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->add_row), _("Add a Province"));
  adw_entry_row_set_show_apply_button (self->add_row, TRUE);
  g_signal_connect (self->add_row, "apply", G_CALLBACK (on_add_row_apply), self);
  g_signal_connect (self->add_row, "changed", G_CALLBACK (on_add_row_changed), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->add_row));

  self->message_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->message_label, 0);
  gtk_label_set_wrap (self->message_label, TRUE);
  gtk_widget_set_margin_top (GTK_WIDGET (self->message_label), 6);
  gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "caption");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->message_label));
}

GtkWidget *
rd_provinces_group_new (GSettings *settings)
{
  RdProvincesGroup *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (RD_TYPE_PROVINCES_GROUP, NULL);
  self->settings = g_object_ref (settings);
  g_signal_connect_swapped (settings, "changed::remote-provinces",
                            G_CALLBACK (on_settings_changed), self);
  rebuild_rows (self);

  return GTK_WIDGET (self);
}

gboolean
rd_provinces_group_add (RdProvincesGroup *self,
                        const char       *name)
{
  g_auto(GStrv) provinces = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) updated = NULL;
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (RD_IS_PROVINCES_GROUP (self), FALSE);

  trimmed = g_strstrip (g_strdup (name != NULL ? name : ""));
  if (*trimmed == '\0')
    {
      set_message (self, _("Type the name of a province first."));
      return FALSE;
    }

  provinces = g_settings_get_strv (self->settings, "remote-provinces");
  if (g_strv_contains ((const char *const *) provinces, trimmed))
    {
      g_autofree char *message = g_strdup_printf (_("%s is already in the list."), trimmed);

      set_message (self, message);
      return FALSE;
    }

  builder = g_strv_builder_new ();
  g_strv_builder_addv (builder, (const char **) provinces);
  g_strv_builder_add (builder, trimmed);
  updated = g_strv_builder_end (builder);

  set_message (self, NULL);
  g_settings_set_strv (self->settings, "remote-provinces", (const char *const *) updated);
  return TRUE;
}

const char *
rd_provinces_group_get_error_message (RdProvincesGroup *self)
{
  g_return_val_if_fail (RD_IS_PROVINCES_GROUP (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->message_label)))
    return NULL;

  return gtk_label_get_label (self->message_label);
}
