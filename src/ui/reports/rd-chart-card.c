/* rd-chart-card.c
 *
 * The card around a chart of the Reports page, and its table.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-chart-card.h"

struct _RdChartCard
{
  AdwBin           parent_instance;

  RdChart         *chart;
  GtkLabel        *title;
  GtkLabel        *subtitle;
  GtkToggleButton *table_button;
  GtkStack        *stack;
  GtkGrid         *table;
};

G_DEFINE_FINAL_TYPE (RdChartCard, rd_chart_card, ADW_TYPE_BIN)

/* Helpers */

static GtkWidget *
table_cell (const char *text,
            gboolean    numeric,
            gboolean    header)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1 : 0);
  gtk_label_set_selectable (GTK_LABEL (label), !header);
  gtk_label_set_ellipsize (GTK_LABEL (label), numeric ? PANGO_ELLIPSIZE_NONE : PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, !numeric);
  if (header)
    gtk_widget_add_css_class (label, "heading");
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  return label;
}

static void
rebuild_table (RdChartCard *self)
{
  GtkWidget *child;
  guint n = rd_chart_get_n_items (self->chart);
  gboolean previous = rd_chart_has_previous (self->chart);
  const char *current_name = rd_chart_get_series_name (self->chart, FALSE);
  const char *previous_name = rd_chart_get_series_name (self->chart, TRUE);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->table))) != NULL)
    gtk_grid_remove (self->table, child);

  gtk_grid_attach (self->table, table_cell ("", FALSE, TRUE), 0, 0, 1, 1);
  gtk_grid_attach (self->table, table_cell (current_name != NULL ? current_name : _("This period"), TRUE, TRUE),
                   1, 0, 1, 1);
  if (previous)
    gtk_grid_attach (self->table,
                     table_cell (previous_name != NULL ? previous_name : _("Previous period"), TRUE, TRUE),
                     2, 0, 1, 1);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *value = rd_chart_format_value (self->chart, rd_chart_get_value (self->chart, i));
      gint64 before;

      gtk_grid_attach (self->table, table_cell (rd_chart_get_label (self->chart, i), FALSE, FALSE),
                       0, i + 1, 1, 1);
      gtk_grid_attach (self->table, table_cell (value, TRUE, FALSE), 1, i + 1, 1, 1);
      if (previous)
        {
          g_autofree char *text = rd_chart_get_previous (self->chart, i, &before)
                                  ? rd_chart_format_value (self->chart, before) : g_strdup ("—");

          gtk_grid_attach (self->table, table_cell (text, TRUE, FALSE), 2, i + 1, 1, 1);
        }
    }

  if (n == 0)
    gtk_grid_attach (self->table, table_cell (_("No figures for this period."), FALSE, FALSE), 0, 1, 3, 1);
}

/* Callbacks */

static void
on_chart_changed (RdChartCard *self)
{
  rebuild_table (self);
}

static void
on_table_button_toggled (RdChartCard *self)
{
  gtk_stack_set_visible_child_name (self->stack,
                                    gtk_toggle_button_get_active (self->table_button) ? "table" : "chart");
}

/* Overrides */

static void
rd_chart_card_class_init (RdChartCardClass *klass)
{
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "chartcard");
}

static void
rd_chart_card_init (RdChartCard *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *scroller = gtk_scrolled_window_new ();

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "chart-card");

  self->title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->title, 0);
  gtk_label_set_wrap (self->title, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->title), "heading");
  self->subtitle = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->subtitle, 0);
  gtk_label_set_wrap (self->subtitle, TRUE);
  gtk_label_set_selectable (self->subtitle, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->subtitle), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->subtitle), "numeric");
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle), FALSE);
  gtk_box_append (GTK_BOX (titles), GTK_WIDGET (self->title));
  gtk_box_append (GTK_BOX (titles), GTK_WIDGET (self->subtitle));
  gtk_widget_set_hexpand (titles, TRUE);

  /* Translators: the toggle that shows a chart's figures as a table */
  self->table_button = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_mnemonic (_("_Table")));
  gtk_widget_set_valign (GTK_WIDGET (self->table_button), GTK_ALIGN_START);
  gtk_widget_add_css_class (GTK_WIDGET (self->table_button), "flat");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->table_button), _("Show the figures as a table"));
  g_signal_connect_swapped (self->table_button, "toggled", G_CALLBACK (on_table_button_toggled), self);

  gtk_box_append (GTK_BOX (header), titles);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->table_button));

  self->table = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (self->table, 18);
  gtk_grid_set_row_spacing (self->table, 4);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->table),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Figures"), -1);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->table));

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_hhomogeneous (self->stack, FALSE);
  gtk_stack_set_vhomogeneous (self->stack, FALSE);
  gtk_stack_set_interpolate_size (self->stack, FALSE);
  gtk_stack_add_named (self->stack, scroller, "table");
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);

  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));
  adw_bin_set_child (ADW_BIN (self), box);
}

/* Public API */

GtkWidget *
rd_chart_card_new (const char *title,
                   RdChart    *chart)
{
  RdChartCard *self;

  g_return_val_if_fail (RD_IS_CHART (chart), NULL);

  self = g_object_new (RD_TYPE_CHART_CARD, NULL);
  self->chart = chart;
  gtk_stack_add_named (self->stack, GTK_WIDGET (chart), "chart");
  gtk_stack_set_visible_child_name (self->stack, "chart");
  g_signal_connect_object (chart, "changed", G_CALLBACK (on_chart_changed), self, G_CONNECT_SWAPPED);
  rd_chart_card_set_title (self, title);
  rebuild_table (self);

  return GTK_WIDGET (self);
}

RdChart *
rd_chart_card_get_chart (RdChartCard *self)
{
  g_return_val_if_fail (RD_IS_CHART_CARD (self), NULL);

  return self->chart;
}

void
rd_chart_card_set_title (RdChartCard *self,
                         const char  *title)
{
  g_return_if_fail (RD_IS_CHART_CARD (self));

  gtk_label_set_label (self->title, title);
  rd_chart_set_title (self->chart, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->table),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
}

void
rd_chart_card_set_subtitle (RdChartCard *self,
                            const char  *subtitle)
{
  g_return_if_fail (RD_IS_CHART_CARD (self));

  gtk_label_set_label (self->subtitle, subtitle != NULL ? subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle), subtitle != NULL && *subtitle != '\0');
}

void
rd_chart_card_set_show_table (RdChartCard *self,
                              gboolean     show_table)
{
  g_return_if_fail (RD_IS_CHART_CARD (self));

  gtk_toggle_button_set_active (self->table_button, show_table);
}

gboolean
rd_chart_card_get_show_table (RdChartCard *self)
{
  g_return_val_if_fail (RD_IS_CHART_CARD (self), FALSE);

  return gtk_toggle_button_get_active (self->table_button);
}

GtkGrid *
rd_chart_card_get_table (RdChartCard *self)
{
  g_return_val_if_fail (RD_IS_CHART_CARD (self), NULL);

  return self->table;
}
