/* rd-import-columns.c
 *
 * One AdwComboRow per field (its model: "(none)", then the header cells),
 * the unit and the channel, the name to save under and Save Profile.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-channels.h"
#include "rd-import-columns.h"

struct _RdImportColumns
{
  GtkBox               parent_instance;

  GPtrArray           *headers;        /* char*, the file's header cells */
  AdwComboRow         *field_rows[RD_IMPORT_FIELD_LAST];
  AdwComboRow         *unit_row;
  AdwComboRow         *channel_row;
  AdwEntryRow         *name_row;
  GtkButton           *save_button;
  gboolean             filling;        /* no "changed" while filling */
};

G_DEFINE_FINAL_TYPE (RdImportColumns, rd_import_columns, GTK_TYPE_BOX)

enum
{
  SIGNAL_CHANGED,
  SIGNAL_SAVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers */

static void
emit_changed (RdImportColumns *self)
{
  if (!self->filling)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static int
find_header (RdImportColumns *self,
             const char      *header)
{
  for (guint i = 0; header != NULL && i < self->headers->len; i++)
    if (g_str_equal (g_ptr_array_index (self->headers, i), header))
      return (int) i;
  return -1;
}

/* The header of the file a built-in profile reads field from, or -1. */
static int
guess_column (RdImportColumns *self,
              RdImportField    field)
{
  const RdImportProfile *const *builtin = rd_import_profile_builtin ();

  for (guint p = 0; builtin != NULL && builtin[p] != NULL; p++)
    {
      const char *const *names = rd_import_profile_get_headers (builtin[p], field);

      for (guint n = 0; names != NULL && names[n] != NULL; n++)
        {
          int column = find_header (self, names[n]);

          if (column >= 0)
            return column;
        }
    }
  return -1;
}

/* Callbacks */

static void
on_row_changed (RdImportColumns *self)
{
  emit_changed (self);
}

static void
on_save_clicked (RdImportColumns *self)
{
  g_signal_emit (self, signals[SIGNAL_SAVE], 0);
}

static void
on_name_changed (RdImportColumns *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));

  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), *name != '\0');
}

/* Overrides */

static void
rd_import_columns_finalize (GObject *object)
{
  RdImportColumns *self = RD_IMPORT_COLUMNS (object);

  g_clear_pointer (&self->headers, g_ptr_array_unref);

  G_OBJECT_CLASS (rd_import_columns_parent_class)->finalize (object);
}

static void
rd_import_columns_class_init (RdImportColumnsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rd_import_columns_finalize;

  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_SAVE] = g_signal_new ("save", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
rd_import_columns_init (RdImportColumns *self)
{
  AdwPreferencesGroup *fields = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *file = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  g_autoptr(GtkStringList) units = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) channels = gtk_string_list_new (NULL);
  const char *const *channel_ids = rd_channel_builtin_ids ();

  self->headers = g_ptr_array_new_with_free_func (g_free);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 6);

  /* What the user came for first; the unit, channel and name after. */
  adw_preferences_group_set_title (fields, _("Columns of the File"));
  adw_preferences_group_set_description (fields, _("The file was not recognised: say which column holds what. The after-sales number, or the order number with a refund id, is needed to tell the cases apart."));

  /* Translators: the unit of the amounts in a file: yuan (58.50) or fen (5850). */
  gtk_string_list_append (units, _("Yuan (58.50)"));
  gtk_string_list_append (units, _("Fen (5850)"));
  self->unit_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->unit_row), _("Amounts In"));
  adw_combo_row_set_model (self->unit_row, G_LIST_MODEL (units));
  g_signal_connect_object (self->unit_row, "notify::selected", G_CALLBACK (on_row_changed), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (file, GTK_WIDGET (self->unit_row));

  for (guint i = 0; channel_ids != NULL && channel_ids[i] != NULL; i++)
    {
      g_autofree char *name = rd_channel_display_name (channel_ids[i], NULL);

      gtk_string_list_append (channels, name);
    }
  self->channel_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->channel_row), _("Channel"));
  adw_combo_row_set_model (self->channel_row, G_LIST_MODEL (channels));
  g_signal_connect_object (self->channel_row, "notify::selected", G_CALLBACK (on_row_changed), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (file, GTK_WIDGET (self->channel_row));

  self->name_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->name_row), _("Profile Name"));
  self->save_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Save Profile")));
  gtk_widget_set_valign (GTK_WIDGET (self->save_button), GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->save_button),
                               _("Save this mapping under the name, for the next file of this kind"));
  g_signal_connect_object (self->save_button, "clicked", G_CALLBACK (on_save_clicked), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->name_row, "changed", G_CALLBACK (on_name_changed), self, G_CONNECT_SWAPPED);
  adw_entry_row_add_suffix (self->name_row, GTK_WIDGET (self->save_button));
  adw_preferences_group_add (file, GTK_WIDGET (self->name_row));

  for (int f = 0; f < RD_IMPORT_FIELD_LAST; f++)
    {
      AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rd_import_field_get_name (f));
      g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_row_changed), self, G_CONNECT_SWAPPED);
      adw_preferences_group_add (fields, GTK_WIDGET (row));
      self->field_rows[f] = row;
    }

  gtk_box_append (GTK_BOX (self), GTK_WIDGET (fields));
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (file));
  rd_import_columns_set_headers (self, NULL, 0);
}

/* Public API */

void
rd_import_columns_set_headers (RdImportColumns   *self,
                               const char *const *headers,
                               guint              n_headers)
{
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);

  g_return_if_fail (RD_IS_IMPORT_COLUMNS (self));

  /* The same file previewed again (a column chosen): the choices stay. */
  if (n_headers > 0 && n_headers == self->headers->len)
    {
      guint i;

      for (i = 0; i < n_headers; i++)
        if (g_strcmp0 (headers[i], g_ptr_array_index (self->headers, i)) != 0)
          break;
      if (i == n_headers)
        return;
    }

  g_ptr_array_set_size (self->headers, 0);
  /* Translators: a field the file has no column for. */
  gtk_string_list_append (choices, _("(none)"));
  for (guint i = 0; i < n_headers; i++)
    {
      g_ptr_array_add (self->headers, g_strdup (headers[i]));
      gtk_string_list_append (choices, *headers[i] != '\0' ? headers[i] : _("(no header)"));
    }

  self->filling = TRUE;
  for (int f = 0; f < RD_IMPORT_FIELD_LAST; f++)
    {
      int column = guess_column (self, f);

      adw_combo_row_set_model (self->field_rows[f], G_LIST_MODEL (choices));
      adw_combo_row_set_selected (self->field_rows[f], column >= 0 ? (guint) column + 1 : 0);
    }
  self->filling = FALSE;
}

void
rd_import_columns_load (RdImportColumns       *self,
                        const RdImportProfile *profile)
{
  const char *const *channel_ids = rd_channel_builtin_ids ();

  g_return_if_fail (RD_IS_IMPORT_COLUMNS (self));
  g_return_if_fail (profile != NULL);

  self->filling = TRUE;
  for (int f = 0; f < RD_IMPORT_FIELD_LAST; f++)
    {
      const char *const *names = rd_import_profile_get_headers (profile, f);

      rd_import_columns_set_header (self, f, names != NULL ? names[0] : NULL);
    }
  adw_combo_row_set_selected (self->unit_row, rd_import_profile_get_unit (profile) == RD_IMPORT_UNIT_FEN ? 1 : 0);
  for (guint i = 0; channel_ids != NULL && channel_ids[i] != NULL; i++)
    if (g_strcmp0 (channel_ids[i], rd_import_profile_get_channel (profile)) == 0)
      adw_combo_row_set_selected (self->channel_row, i);
  if (rd_import_profile_is_generic (profile))
    gtk_editable_set_text (GTK_EDITABLE (self->name_row), rd_import_profile_get_name (profile));
  self->filling = FALSE;
}

const char *
rd_import_columns_get_header (RdImportColumns *self,
                              RdImportField    field)
{
  guint selected;

  g_return_val_if_fail (RD_IS_IMPORT_COLUMNS (self), NULL);
  g_return_val_if_fail (field < RD_IMPORT_FIELD_LAST, NULL);

  selected = adw_combo_row_get_selected (self->field_rows[field]);
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > self->headers->len)
    return NULL;
  return g_ptr_array_index (self->headers, selected - 1);
}

void
rd_import_columns_set_header (RdImportColumns *self,
                              RdImportField    field,
                              const char      *header)
{
  int column;

  g_return_if_fail (RD_IS_IMPORT_COLUMNS (self));
  g_return_if_fail (field < RD_IMPORT_FIELD_LAST);

  column = find_header (self, header);
  adw_combo_row_set_selected (self->field_rows[field], column >= 0 ? (guint) column + 1 : 0);
}

const char *
rd_import_columns_get_name (RdImportColumns *self)
{
  g_return_val_if_fail (RD_IS_IMPORT_COLUMNS (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->name_row));
}

void
rd_import_columns_set_name (RdImportColumns *self,
                            const char      *name)
{
  g_return_if_fail (RD_IS_IMPORT_COLUMNS (self));

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name != NULL ? name : "");
}

RdImportProfile *
rd_import_columns_build (RdImportColumns  *self,
                         GError          **error)
{
  const char *header_names[RD_IMPORT_FIELD_LAST];
  const char *const *channel_ids = rd_channel_builtin_ids ();
  guint channel = adw_combo_row_get_selected (self->channel_row);
  g_autofree char *name = NULL;

  g_return_val_if_fail (RD_IS_IMPORT_COLUMNS (self), NULL);

  for (int f = 0; f < RD_IMPORT_FIELD_LAST; f++)
    header_names[f] = rd_import_columns_get_header (self, f);
  name = g_strstrip (g_strdup (rd_import_columns_get_name (self)));

  return rd_import_profile_new_generic (*name != '\0' ? name : "generic",
                                        channel_ids != NULL && channel != GTK_INVALID_LIST_POSITION
                                        ? channel_ids[channel] : "other",
                                        adw_combo_row_get_selected (self->unit_row) == 1 ? RD_IMPORT_UNIT_FEN
                                                                                         : RD_IMPORT_UNIT_YUAN,
                                        header_names, error);
}
