/* rd-calc-lines-grid.c
 *
 * The order lines grid. Row 0 holds the column titles; line i sits in grid
 * row i + 1. GTK sorts Tab focus by position, so the cells are visited in
 * reading order without a custom focus chain.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-calc-field.h"
#include "rd-calc-lines-grid.h"

typedef struct
{
  GtkWidget *entries[RD_CALC_N_COLUMNS];
  GtkWidget *remove_button;
} Line;

struct _RdCalcLinesGrid
{
  AdwBin     parent_instance;

  GtkGrid   *grid;
  GPtrArray *lines;     /* of Line */
};

G_DEFINE_FINAL_TYPE (RdCalcLinesGrid, rd_calc_lines_grid, ADW_TYPE_BIN)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const struct
{
  const char *title;
  const char *field;
  int         width_chars;     /* what the column would like */
  int         min_chars;       /* what it needs: at 800×600 all seven fit */
  gboolean    numeric;
} columns[RD_CALC_N_COLUMNS] = {
  { N_("Item"), "name", 8, 2, FALSE },
  { N_("SKU"), "sku", 5, 3, FALSE },
  { N_("Unit Price"), "unit_price", 6, 4, TRUE },
  { N_("Qty"), "quantity", 3, 2, TRUE },
  { N_("Line Discount"), "line_discount", 5, 4, TRUE },
  { N_("Refunded Before"), "refunded_quantity", 3, 4, TRUE },
  { N_("Refund Now"), "refund_quantity", 3, 4, TRUE },
};

static const char *const column_tooltips[RD_CALC_N_COLUMNS] = {
  N_("What the buyer ordered"),
  N_("The stock-keeping unit, if the platform shows one"),
  N_("Price of one unit before order discounts"),
  N_("Units ordered on this line"),
  N_("A discount on this line only, off price × quantity"),
  N_("Units of this line refunded earlier"),
  N_("Units refunded now; empty refunds everything left"),
};

/* Helpers */

static guint
line_index (RdCalcLinesGrid *self,
            GtkWidget       *widget)
{
  for (guint i = 0; i < self->lines->len; i++)
    {
      Line *line = g_ptr_array_index (self->lines, i);

      if (line->remove_button == widget)
        return i;
      for (guint c = 0; c < RD_CALC_N_COLUMNS; c++)
        if (line->entries[c] == widget)
          return i;
    }
  return G_MAXUINT;
}

static gboolean
line_is_blank (Line *line)
{
  for (guint c = 0; c < RD_CALC_N_COLUMNS; c++)
    {
      g_autofree char *text = rd_calc_field_text (line->entries[c]);

      if (*text != '\0')
        return FALSE;
    }
  return TRUE;
}

static void
set_amount_text (GtkWidget        *entry,
                 gint64            amount,
                 const RdCurrency *currency)
{
  g_autofree char *text = rd_money_format_plain (amount, currency);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

static void
set_count_text (GtkWidget *entry,
                gint64     count)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, count);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

/* Callbacks */

static void
on_entry_changed (RdCalcLinesGrid *self,
                  GtkEditable     *editable)
{
  rd_calc_field_unmark (GTK_WIDGET (editable));
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_entry_activate (RdCalcLinesGrid *self,
                   GtkEntry        *entry)
{
  guint index = line_index (self, GTK_WIDGET (entry));
  Line *line;
  guint column = 0;

  if (index == G_MAXUINT)
    return;

  line = g_ptr_array_index (self->lines, index);
  while (column < RD_CALC_N_COLUMNS && line->entries[column] != GTK_WIDGET (entry))
    column++;

  if (column + 1 < RD_CALC_N_COLUMNS)
    {
      gtk_widget_grab_focus (line->entries[column + 1]);
      return;
    }

  if (index + 1 == self->lines->len)
    index = rd_calc_lines_grid_add_line (self, NULL, NULL);
  else
    index++;

  line = g_ptr_array_index (self->lines, index);
  gtk_widget_grab_focus (line->entries[RD_CALC_COLUMN_NAME]);
}

static void
on_remove_clicked (RdCalcLinesGrid *self,
                   GtkButton       *button)
{
  guint index = line_index (self, GTK_WIDGET (button));

  if (index != G_MAXUINT)
    rd_calc_lines_grid_remove_line (self, index);
}

/* Overrides */

static void
rd_calc_lines_grid_dispose (GObject *object)
{
  RdCalcLinesGrid *self = RD_CALC_LINES_GRID (object);

  g_clear_pointer (&self->lines, g_ptr_array_unref);

  G_OBJECT_CLASS (rd_calc_lines_grid_parent_class)->dispose (object);
}

static void
rd_calc_lines_grid_class_init (RdCalcLinesGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rd_calc_lines_grid_dispose;

  /* Emitted on every edit, added or removed line. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
rd_calc_lines_grid_init (RdCalcLinesGrid *self)
{
  self->lines = g_ptr_array_new_with_free_func (g_free);
  self->grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (self->grid, 6);
  gtk_grid_set_row_spacing (self->grid, 6);
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->grid));

  for (guint c = 0; c < RD_CALC_N_COLUMNS; c++)
    {
      GtkWidget *title = gtk_label_new (_(columns[c].title));

      gtk_label_set_xalign (GTK_LABEL (title), columns[c].numeric ? 1.0 : 0.0);
      gtk_label_set_wrap (GTK_LABEL (title), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (title), columns[c].width_chars + 2);
      gtk_widget_set_valign (title, GTK_ALIGN_END);
      gtk_widget_set_tooltip_text (title, _(column_tooltips[c]));
      gtk_widget_add_css_class (title, "caption-heading");
      gtk_widget_add_css_class (title, "dim-label");
      gtk_grid_attach (self->grid, title, c, 0, 1, 1);
    }
}

/* Public API */

GtkWidget *
rd_calc_lines_grid_new (void)
{
  return g_object_new (RD_TYPE_CALC_LINES_GRID, NULL);
}

guint
rd_calc_lines_grid_get_n_lines (RdCalcLinesGrid *self)
{
  g_return_val_if_fail (RD_IS_CALC_LINES_GRID (self), 0);

  return self->lines->len;
}

guint
rd_calc_lines_grid_add_line (RdCalcLinesGrid  *self,
                             const RdCalcLine *source,
                             const RdCurrency *currency)
{
  Line *line = g_new0 (Line, 1);
  guint row;

  g_return_val_if_fail (RD_IS_CALC_LINES_GRID (self), 0);

  g_ptr_array_add (self->lines, line);
  row = self->lines->len;

  for (guint c = 0; c < RD_CALC_N_COLUMNS; c++)
    {
      GtkWidget *entry = gtk_entry_new ();
      g_autofree char *label = g_strdup_printf (_("Line %u: %s"), row, _(columns[c].title));

      gtk_editable_set_width_chars (GTK_EDITABLE (entry), columns[c].min_chars);
      gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), columns[c].width_chars);
      gtk_widget_set_hexpand (entry, c == RD_CALC_COLUMN_NAME);
      if (columns[c].numeric)
        {
          gtk_editable_set_alignment (GTK_EDITABLE (entry), 1.0);
          gtk_entry_set_input_purpose (GTK_ENTRY (entry),
                                       c == RD_CALC_COLUMN_UNIT_PRICE || c == RD_CALC_COLUMN_LINE_DISCOUNT
                                       ? GTK_INPUT_PURPOSE_NUMBER : GTK_INPUT_PURPOSE_DIGITS);
        }
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      line->entries[c] = entry;
      gtk_grid_attach (self->grid, entry, c, row, 1, 1);
    }

  line->remove_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_add_css_class (line->remove_button, "flat");
  /* Same height as the entries: Tab sorts by the centre of each cell, and
   * a button centred a pixel higher would come before its own line. */
  gtk_widget_set_valign (line->remove_button, GTK_ALIGN_FILL);
  gtk_widget_set_tooltip_text (line->remove_button, _("Remove Line"));
  gtk_grid_attach (self->grid, line->remove_button, RD_CALC_N_COLUMNS, row, 1, 1);
  g_signal_connect_object (line->remove_button, "clicked",
                           G_CALLBACK (on_remove_clicked), self, G_CONNECT_SWAPPED);

  if (source != NULL)
    {
      if (source->name != NULL)
        gtk_editable_set_text (GTK_EDITABLE (line->entries[RD_CALC_COLUMN_NAME]), source->name);
      if (source->sku != NULL)
        gtk_editable_set_text (GTK_EDITABLE (line->entries[RD_CALC_COLUMN_SKU]), source->sku);
      set_amount_text (line->entries[RD_CALC_COLUMN_UNIT_PRICE], source->unit_price, currency);
      set_count_text (line->entries[RD_CALC_COLUMN_QUANTITY], source->quantity);
      if (source->line_discount != 0)
        set_amount_text (line->entries[RD_CALC_COLUMN_LINE_DISCOUNT], source->line_discount, currency);
      if (source->refunded_quantity != 0)
        set_count_text (line->entries[RD_CALC_COLUMN_REFUNDED_QUANTITY], source->refunded_quantity);
      set_count_text (line->entries[RD_CALC_COLUMN_REFUND_QUANTITY], source->refund_quantity);
    }

  for (guint c = 0; c < RD_CALC_N_COLUMNS; c++)
    {
      g_signal_connect_object (line->entries[c], "changed",
                               G_CALLBACK (on_entry_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (line->entries[c], "activate",
                               G_CALLBACK (on_entry_activate), self, G_CONNECT_SWAPPED);
    }

  g_signal_emit (self, signals[CHANGED], 0);
  return self->lines->len - 1;
}

void
rd_calc_lines_grid_remove_line (RdCalcLinesGrid *self,
                                guint            index)
{
  gboolean had_focus;
  Line *line;

  g_return_if_fail (RD_IS_CALC_LINES_GRID (self));
  g_return_if_fail (index < self->lines->len);

  line = g_ptr_array_index (self->lines, index);
  had_focus = gtk_widget_has_focus (line->remove_button);
  gtk_grid_remove_row (self->grid, index + 1);
  g_ptr_array_remove_index (self->lines, index);

  /* Keep the keyboard user in the grid. */
  if (had_focus && self->lines->len > 0)
    {
      line = g_ptr_array_index (self->lines, MIN (index, self->lines->len - 1));
      gtk_widget_grab_focus (line->entries[RD_CALC_COLUMN_NAME]);
    }

  g_signal_emit (self, signals[CHANGED], 0);
}

void
rd_calc_lines_grid_clear (RdCalcLinesGrid *self)
{
  g_return_if_fail (RD_IS_CALC_LINES_GRID (self));

  while (self->lines->len > 0)
    {
      gtk_grid_remove_row (self->grid, self->lines->len);
      g_ptr_array_remove_index (self->lines, self->lines->len - 1);
    }
  g_signal_emit (self, signals[CHANGED], 0);
}

GtkWidget *
rd_calc_lines_grid_get_entry (RdCalcLinesGrid *self,
                              guint            index,
                              RdCalcColumn     column)
{
  Line *line;

  g_return_val_if_fail (RD_IS_CALC_LINES_GRID (self), NULL);
  g_return_val_if_fail (index < self->lines->len, NULL);
  g_return_val_if_fail (column < RD_CALC_N_COLUMNS, NULL);

  line = g_ptr_array_index (self->lines, index);
  return line->entries[column];
}

void
rd_calc_lines_grid_clear_errors (RdCalcLinesGrid *self)
{
  g_return_if_fail (RD_IS_CALC_LINES_GRID (self));

  for (guint i = 0; i < self->lines->len; i++)
    {
      Line *line = g_ptr_array_index (self->lines, i);

      for (guint c = 0; c < RD_CALC_N_COLUMNS; c++)
        rd_calc_field_unmark (line->entries[c]);
    }
}

void
rd_calc_lines_grid_mark_error (RdCalcLinesGrid *self,
                               guint            index,
                               RdCalcColumn     column,
                               const char      *message)
{
  g_return_if_fail (RD_IS_CALC_LINES_GRID (self));

  if (index < self->lines->len && column < RD_CALC_N_COLUMNS)
    rd_calc_field_mark (rd_calc_lines_grid_get_entry (self, index, column), message);
}

int
rd_calc_lines_grid_column_from_field (const char *field)
{
  for (guint c = 0; c < RD_CALC_N_COLUMNS; c++)
    if (g_strcmp0 (columns[c].field, field) == 0)
      return c;
  return -1;
}

char *
rd_calc_lines_grid_describe_cell (guint        index,
                                  RdCalcColumn column)
{
  g_return_val_if_fail (column < RD_CALC_N_COLUMNS, NULL);

  /* TRANSLATORS: where a problem is: "Line 2, Unit Price" */
  return g_strdup_printf (_("Line %u, %s"), index + 1, _(columns[column].title));
}

gboolean
rd_calc_lines_grid_collect (RdCalcLinesGrid   *self,
                            const RdCurrency  *currency,
                            RdCalcInput       *input,
                            GArray            *grid_rows,
                            GError           **error)
{
  GError *first_error = NULL;

  g_return_val_if_fail (RD_IS_CALC_LINES_GRID (self), FALSE);

  for (guint i = 0; i < self->lines->len; i++)
    {
      Line *line = g_ptr_array_index (self->lines, i);
      g_autoptr(GError) local_error = NULL;
      g_autofree char *name = NULL;
      g_autofree char *sku = NULL;
      RdCalcLine *calc_line;
      gint64 price = 0, quantity = 1, discount = 0, refunded = 0, refund = 0;
      gboolean ok;
      int failed;

      if (line_is_blank (line))
        continue;

      name = rd_calc_field_text (line->entries[RD_CALC_COLUMN_NAME]);
      sku = rd_calc_field_text (line->entries[RD_CALC_COLUMN_SKU]);

      /* Read every cell, so that each wrong one is marked; the first
       * problem names its line and column. */
      ok = TRUE;
      failed = -1;
#define READ(column, call) \
      if (!(call)) { ok = FALSE; if (failed < 0) failed = (column); }
      READ (RD_CALC_COLUMN_UNIT_PRICE,
            rd_calc_field_amount (line->entries[RD_CALC_COLUMN_UNIT_PRICE], currency, FALSE, &price,
                                  failed < 0 ? &local_error : NULL));
      READ (RD_CALC_COLUMN_QUANTITY,
            rd_calc_field_count (line->entries[RD_CALC_COLUMN_QUANTITY], 1, 1, &quantity,
                                 failed < 0 ? &local_error : NULL));
      READ (RD_CALC_COLUMN_LINE_DISCOUNT,
            rd_calc_field_amount (line->entries[RD_CALC_COLUMN_LINE_DISCOUNT], currency, TRUE, &discount,
                                  failed < 0 ? &local_error : NULL));
      READ (RD_CALC_COLUMN_REFUNDED_QUANTITY,
            rd_calc_field_count (line->entries[RD_CALC_COLUMN_REFUNDED_QUANTITY], 0, 0, &refunded,
                                 failed < 0 ? &local_error : NULL));
      READ (RD_CALC_COLUMN_REFUND_QUANTITY,
            rd_calc_field_count (line->entries[RD_CALC_COLUMN_REFUND_QUANTITY], 0,
                                 MAX (quantity - refunded, 0), &refund,
                                 failed < 0 ? &local_error : NULL));
#undef READ
      if (!ok)
        {
          if (first_error == NULL)
            {
              g_autofree char *where = rd_calc_lines_grid_describe_cell (i, failed);

              first_error = g_steal_pointer (&local_error);
              g_prefix_error (&first_error, "%s: ", where);
            }
          continue;
        }

      calc_line = rd_calc_input_add_line (input, *sku ? sku : NULL, *name ? name : NULL, price, quantity);
      calc_line->line_discount = discount;
      calc_line->refunded_quantity = refunded;
      calc_line->refund_quantity = refund;
      if (grid_rows != NULL)
        g_array_append_val (grid_rows, i);
    }

  if (first_error != NULL)
    {
      g_propagate_error (error, first_error);
      return FALSE;
    }
  return TRUE;
}
