/* rd-import-dialog-list.c
 *
 * The preview's list: a GtkColumnView over a filter of the rows (by outcome
 * and kind), its cells made in C (texts made once per row, on the worker),
 * the counts on the outcome toggles, and whether Import is possible.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-column-width.h"
#include "rd-import-dialog-private.h"

typedef const char *(*RowText) (RdImportRow *row);

/* Cells */

/* Tooltips asked for when shown: gtk_widget_set_tooltip_text() on a
 * visible widget queries the pointer's tooltip at once, and a preview makes
 * some 200 rows of cells in one go. */
static gboolean
on_text_cell_query_tooltip (GtkWidget  *inscription,
                            int         x,
                            int         y,
                            gboolean    keyboard_mode,
                            GtkTooltip *tooltip,
                            gpointer    user_data)
{
  const char *text = gtk_inscription_get_text (GTK_INSCRIPTION (inscription));

  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
setup_text_cell (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  GtkWidget *inscription = gtk_inscription_new (NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (inscription), 4);
  gtk_widget_set_has_tooltip (inscription, TRUE);
  g_signal_connect (inscription, "query-tooltip", G_CALLBACK (on_text_cell_query_tooltip), NULL);
  gtk_list_item_set_child (list_item, inscription);
}

static void
bind_text_cell (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  RowText text = user_data;
  RdImportRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *inscription = gtk_list_item_get_child (list_item);
  const char *value = text (row);

  gtk_inscription_set_text (GTK_INSCRIPTION (inscription), value);
}

static const char *
row_key (RdImportRow *row)
{
  return rd_import_row_get_item (row)->key;
}

static const char *
row_case_no (RdImportRow *row)
{
  return rd_import_row_get_item (row)->case_no;
}

static void
bind_number_cell (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  RdImportRow *row = gtk_list_item_get_item (list_item);
  g_autofree char *text = g_strdup_printf ("%" G_GUINT64_FORMAT, rd_import_row_get_number (row));

  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (list_item)), text);
}

static void
setup_number_cell (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   gpointer                  user_data)
{
  GtkWidget *inscription = gtk_inscription_new (NULL);

  gtk_inscription_set_xalign (GTK_INSCRIPTION (inscription), 1);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (inscription), 6);
  gtk_list_item_set_child (list_item, inscription);
}

static void
show_outcome (GtkWidget   *box,
              RdImportRow *row)
{
  GtkWidget *image = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_next_sibling (image);
  gboolean error = rd_import_row_get_outcome (row) == RD_IMPORT_OUTCOME_ERROR;

  gtk_image_set_from_icon_name (GTK_IMAGE (image), rd_import_row_get_outcome_icon (row));
  gtk_label_set_label (GTK_LABEL (label), rd_import_row_get_outcome_text (row));
  if (error && !rd_import_row_get_excluded (row))
    gtk_widget_add_css_class (box, "error");
  else
    gtk_widget_remove_css_class (box, "error");
  if (rd_import_row_get_outcome (row) == RD_IMPORT_OUTCOME_NEW)
    gtk_widget_add_css_class (box, "success");
  else
    gtk_widget_remove_css_class (box, "success");
}

static void
on_row_excluded_changed (GtkWidget   *box,
                         GParamSpec  *pspec,
                         RdImportRow *row)
{
  show_outcome (box, row);
}

static void
setup_outcome_cell (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), gtk_image_new ());
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_outcome_cell (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   gpointer                  user_data)
{
  RdImportRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);

  show_outcome (box, row);
  g_signal_connect_object (row, "notify::excluded", G_CALLBACK (on_row_excluded_changed), box,
                           G_CONNECT_SWAPPED);
}

static void
unbind_outcome_cell (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     gpointer                  user_data)
{
  RdImportRow *row = gtk_list_item_get_item (list_item);

  if (row != NULL)
    g_signal_handlers_disconnect_by_data (row, gtk_list_item_get_child (list_item));
}

static void
on_leave_out_toggled (GtkCheckButton *check,
                      GtkListItem    *list_item)
{
  RdImportRow *row = gtk_list_item_get_item (list_item);

  if (row != NULL)
    rd_import_row_set_excluded (row, gtk_check_button_get_active (check));
}

static gboolean
on_leave_out_query_tooltip (GtkWidget  *check,
                            int         x,
                            int         y,
                            gboolean    keyboard_mode,
                            GtkTooltip *tooltip,
                            gpointer    user_data)
{
  gtk_tooltip_set_text (tooltip, _("Leave this row out of the import"));
  return TRUE;
}

static void
setup_leave_out_cell (GtkSignalListItemFactory *factory,
                      GtkListItem              *list_item,
                      gpointer                  user_data)
{
  GtkWidget *check = gtk_check_button_new ();

  gtk_widget_set_halign (check, GTK_ALIGN_CENTER);
  gtk_widget_set_has_tooltip (check, TRUE);
  g_signal_connect (check, "query-tooltip", G_CALLBACK (on_leave_out_query_tooltip), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Leave out"), -1);
  g_signal_connect (check, "toggled", G_CALLBACK (on_leave_out_toggled), list_item);
  gtk_list_item_set_child (list_item, check);
}

static void
bind_leave_out_cell (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     gpointer                  user_data)
{
  RdImportRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *check = gtk_list_item_get_child (list_item);

  g_signal_handlers_block_by_func (check, on_leave_out_toggled, list_item);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), rd_import_row_get_excluded (row));
  g_signal_handlers_unblock_by_func (check, on_leave_out_toggled, list_item);
  gtk_widget_set_visible (check, rd_import_row_get_outcome (row) == RD_IMPORT_OUTCOME_ERROR);
}

static GtkColumnViewColumn *
add_column (RdImportDialog *self,
            const char     *title,
            GCallback       setup,
            GCallback       bind,
            GCallback       unbind,
            gpointer        data,
            int             width)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column = NULL;

  g_signal_connect (factory, "setup", setup, data);
  g_signal_connect (factory, "bind", bind, data);
  if (unbind != NULL)
    g_signal_connect (factory, "unbind", unbind, data);
  column = gtk_column_view_column_new (title, g_steal_pointer (&factory));
  gtk_column_view_column_set_resizable (column, TRUE);
  if (width > 0)
    gtk_column_view_column_set_fixed_width (column, width);
  else
    gtk_column_view_column_set_expand (column, TRUE);
  gtk_column_view_append_column (self->column_view, column);
  return column;
}

static int
width_for (RdImportDialog *self,
           const char     *title,
           const char     *sample)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (texts, g_strdup (sample));
  return rd_column_width_for (GTK_WIDGET (self->column_view), title, texts);
}

/* Filters */

static gboolean
row_shown (gpointer item,
           gpointer user_data)
{
  RdImportDialog *self = user_data;
  RdImportRow *row = item;
  guint kind = gtk_drop_down_get_selected (self->kind_dropdown);

  switch (rd_import_row_get_outcome (row))
    {
    case RD_IMPORT_OUTCOME_NEW:
      if (!gtk_toggle_button_get_active (self->new_button))
        return FALSE;
      break;
    case RD_IMPORT_OUTCOME_UPDATED:
      if (!gtk_toggle_button_get_active (self->updated_button))
        return FALSE;
      break;
    case RD_IMPORT_OUTCOME_UNCHANGED:
      if (!gtk_toggle_button_get_active (self->unchanged_button))
        return FALSE;
      break;
    case RD_IMPORT_OUTCOME_ERROR:
    default:
      if (!gtk_toggle_button_get_active (self->errors_button))
        return FALSE;
      break;
    }

  /* Item 0 is "All Kinds"; then the kinds in their order. */
  return kind == 0 || kind == GTK_INVALID_LIST_POSITION ||
         (guint) rd_import_row_get_item (row)->kind == kind;
}

void
_rd_import_dialog_on_filter_changed (RdImportDialog *self)
{
  gboolean all = gtk_toggle_button_get_active (self->new_button) &&
                 gtk_toggle_button_get_active (self->updated_button) &&
                 gtk_toggle_button_get_active (self->unchanged_button) &&
                 gtk_toggle_button_get_active (self->errors_button) &&
                 gtk_drop_down_get_selected (self->kind_dropdown) == 0;

  if (self->filtered == NULL)
    return;
  /* Everything shown: no filter to run over 10,000 rows at each batch. */
  gtk_filter_list_model_set_filter (self->filtered, all ? NULL : GTK_FILTER (self->filter));
  if (!all)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* Counts */

static void
set_toggle_label (GtkToggleButton *button,
                  const char      *name,
                  guint64          n)
{
  g_autofree char *number = g_strdup_printf ("%" G_GUINT64_FORMAT, n);
  /* Translators: an outcome toggle of the import preview: "New 12". */
  g_autofree char *label = g_strdup_printf (C_("import count", "%s %s"), name, number);

  gtk_button_set_label (GTK_BUTTON (button), label);
}

void
_rd_import_dialog_update_counts (RdImportDialog *self)
{
  set_toggle_label (self->new_button, rd_import_outcome_get_name (RD_IMPORT_OUTCOME_NEW), self->counts.n_new);
  set_toggle_label (self->updated_button, rd_import_outcome_get_name (RD_IMPORT_OUTCOME_UPDATED), self->counts.n_updated);
  set_toggle_label (self->unchanged_button, rd_import_outcome_get_name (RD_IMPORT_OUTCOME_UNCHANGED), self->counts.n_unchanged);
  /* Translators: the toggle of the rows with problems: "Errors 3". */
  set_toggle_label (self->errors_button, C_("import count", "Errors"), self->counts.n_errors);
  _rd_import_dialog_update_import_button (self);
}

void
_rd_import_dialog_update_import_button (RdImportDialog *self)
{
  gboolean running = self->cancellable != NULL;
  g_autofree char *status = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->leave_out_button),
                          self->previewed && self->n_included_errors > 0 && !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), rd_import_dialog_can_import (self));

  if (running)
    status = g_strdup ("");
  else if (!self->previewed)
    status = g_strdup (self->error_text != NULL ? _("Nothing can be imported from this file.") : "");
  else if (self->n_included_errors > 0)
    status = g_strdup_printf (ngettext ("%u row has problems: leave it out to import the others.",
                                        "%u rows have problems: leave them out to import the others.",
                                        self->n_included_errors),
                              self->n_included_errors);
  else if (self->counts.n_new + self->counts.n_updated == 0)
    status = g_strdup (_("The ledger already has every row of this file: nothing to import."));
  else
    {
      g_autofree char *n_new = g_strdup_printf ("%" G_GUINT64_FORMAT, self->counts.n_new);
      g_autofree char *n_updated = g_strdup_printf ("%" G_GUINT64_FORMAT, self->counts.n_updated);
      /* Translators: the first half of "Import makes 12 new cases and 3 updated." */
      g_autofree char *new_text = g_strdup_printf (ngettext ("%s new case", "%s new cases",
                                                             (gulong) self->counts.n_new), n_new);
      /* Translators: the second half of "Import makes 12 new cases and 3 updated." */
      g_autofree char *updated_text = g_strdup_printf (ngettext ("%s updated", "%s updated",
                                                                 (gulong) self->counts.n_updated), n_updated);

      /* Translators: what Import will do: "12 new cases and 3 updated". */
      status = g_strdup_printf (_("Import makes %s and %s."), new_text, updated_text);
    }
  gtk_label_set_label (self->status_label, status);
}

void
_rd_import_dialog_list_init (RdImportDialog *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkSingleSelection) selection = NULL;

  gtk_string_list_append (kinds, _("All Kinds"));
  for (int k = RD_REFUND_KIND_NONE + 1; k < RD_REFUND_KIND_LAST; k++)
    gtk_string_list_append (kinds, rd_refund_kind_get_name (k));
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kinds));

  self->rows = g_list_store_new (RD_TYPE_IMPORT_ROW);
  self->filter = gtk_custom_filter_new (row_shown, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->rows)), NULL);
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));

  add_column (self, C_("import column", "Row"), G_CALLBACK (setup_number_cell), G_CALLBACK (bind_number_cell),
              NULL, NULL, width_for (self, C_("import column", "Row"), "100000"));
  add_column (self, C_("import column", "Outcome"), G_CALLBACK (setup_outcome_cell), G_CALLBACK (bind_outcome_cell),
              G_CALLBACK (unbind_outcome_cell), NULL,
              width_for (self, C_("import column", "Outcome"), rd_import_outcome_get_name (RD_IMPORT_OUTCOME_UNCHANGED)) + 24);
  add_column (self, C_("import column", "Leave Out"), G_CALLBACK (setup_leave_out_cell), G_CALLBACK (bind_leave_out_cell),
              NULL, NULL, width_for (self, C_("import column", "Leave Out"), ""));
  add_column (self, C_("import column", "After-Sales No."), G_CALLBACK (setup_text_cell), G_CALLBACK (bind_text_cell),
              NULL, row_key, width_for (self, C_("import column", "After-Sales No."), "1234567890123456789"));
  add_column (self, C_("import column", "Case No."), G_CALLBACK (setup_text_cell), G_CALLBACK (bind_text_cell),
              NULL, row_case_no, width_for (self, C_("import column", "Case No."), "RF-2026-000000"));
  add_column (self, C_("import column", "Details"), G_CALLBACK (setup_text_cell), G_CALLBACK (bind_text_cell),
              NULL, rd_import_row_get_details, -1);

  _rd_import_dialog_update_counts (self);
}
