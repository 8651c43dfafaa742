/* rd-combo-choices.c
 *
 * Combo rows whose items have ids: the ids (and tags) ride along with the
 * row, so that the selection survives a refill and drafts store ids.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-combo-choices.h"

void
rd_combo_row_set_choices (AdwComboRow *row,
             GPtrArray   *ids,
             GPtrArray   *names,
             GPtrArray   *tags,
             gboolean     placeholder)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  g_autoptr(GStrvBuilder) id_builder = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) tag_builder = g_strv_builder_new ();
  const char *const *old_ids = g_object_get_data (G_OBJECT (row), "rd-ids");
  guint selected = adw_combo_row_get_selected (row);
  g_autofree char *old_id = NULL;
  guint new_selected = 0;

  if (old_ids != NULL && selected != GTK_INVALID_LIST_POSITION && selected < g_strv_length ((char **) old_ids))
    old_id = g_strdup (old_ids[selected]);

  if (placeholder)
    {
      gtk_string_list_append (model, _("Choose…"));
      g_strv_builder_add (id_builder, "");
      g_strv_builder_add (tag_builder, "");
    }
  for (guint i = 0; i < ids->len; i++)
    {
      gtk_string_list_append (model, g_ptr_array_index (names, i));
      g_strv_builder_add (id_builder, g_ptr_array_index (ids, i));
      g_strv_builder_add (tag_builder, tags != NULL && g_ptr_array_index (tags, i) != NULL ? g_ptr_array_index (tags, i) : "");
      if (g_strcmp0 (old_id, g_ptr_array_index (ids, i)) == 0)
        new_selected = i + (placeholder ? 1 : 0);
    }

  g_object_set_data_full (G_OBJECT (row), "rd-ids", g_strv_builder_end (id_builder), (GDestroyNotify) g_strfreev);
  g_object_set_data_full (G_OBJECT (row), "rd-tags", g_strv_builder_end (tag_builder), (GDestroyNotify) g_strfreev);
  adw_combo_row_set_model (row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (row, new_selected);
}

/* The id of the chosen item, NULL for the placeholder. */
const char *
rd_combo_row_get_id (AdwComboRow *row)
{
  const char *const *ids = g_object_get_data (G_OBJECT (row), "rd-ids");
  guint selected = adw_combo_row_get_selected (row);

  if (ids == NULL || selected == GTK_INVALID_LIST_POSITION || selected >= g_strv_length ((char **) ids))
    return NULL;
  return *ids[selected] != '\0' ? ids[selected] : NULL;
}

const char *
rd_combo_row_get_tag (AdwComboRow *row)
{
  const char *const *tags = g_object_get_data (G_OBJECT (row), "rd-tags");
  guint selected = adw_combo_row_get_selected (row);

  if (rd_combo_row_get_id (row) == NULL)
    return NULL;
  return tags[selected];
}

void
rd_combo_row_set_id (AdwComboRow *row,
              const char  *id)
{
  const char *const *ids = g_object_get_data (G_OBJECT (row), "rd-ids");

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    if (g_strcmp0 (ids[i], id != NULL ? id : "") == 0)
      {
        adw_combo_row_set_selected (row, i);
        return;
      }
  adw_combo_row_set_selected (row, 0);
}

void
rd_combo_row_fill_list (AdwComboRow *row,
           GSettings   *settings,
           RdListKind   kind)
{
  g_autoptr(GPtrArray) items = rd_lists_get (settings, kind);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) tags = g_ptr_array_new ();

  for (guint i = 0; i < items->len; i++)
    {
      RdListItem *item = g_ptr_array_index (items, i);

      g_ptr_array_add (ids, item->id);
      g_ptr_array_add (names, item->name);
      g_ptr_array_add (tags, item->tag);
    }
  rd_combo_row_set_choices (row, ids, names, tags, TRUE);
}
