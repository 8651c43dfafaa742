/* rd-column-chart.c
 *
 * Columns drawn with gtk_snapshot_append_color, as Sysprof's column layer
 * draws its columns, and lines with cairo as its line layer does; the
 * scale's lines and labels from the theme's colours.
 */
#include "config.h"

#include <math.h>

#include "rd-chart-private.h"
#include "rd-column-chart.h"

struct _RdColumnChart
{
  RdChart  parent_instance;

  gboolean line;
};

G_DEFINE_FINAL_TYPE (RdColumnChart, rd_column_chart, RD_TYPE_CHART)

#define LABEL_GAP 6

typedef struct
{
  graphene_rect_t plot;     /* where the columns stand, 0 at the bottom */
  float           slot;     /* the width of one item */
  float           legend;   /* the legend's height above the plot */
  gint64          top;      /* the value at the plot's top */
} Geometry;

/* Helpers */

static int
text_width (RdChart    *chart,
            const char *text)
{
  g_autoptr(PangoLayout) layout = _rd_chart_layout (chart, text, TRUE);
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

static int
text_height (RdChart *chart)
{
  g_autoptr(PangoLayout) layout = _rd_chart_layout (chart, "0", TRUE);
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

static void
compute_geometry (RdColumnChart *self,
                  Geometry      *geometry)
{
  RdChart *chart = RD_CHART (self);
  float width = gtk_widget_get_width (GTK_WIDGET (self));
  float height = gtk_widget_get_height (GTK_WIDGET (self));
  g_autofree char *top_text = NULL;
  guint n = rd_chart_get_n_items (chart);
  float axis;
  float label_h = text_height (chart);

  geometry->top = _rd_chart_nice_max (_rd_chart_get_max (chart));
  top_text = rd_chart_format_value (chart, geometry->top);
  axis = text_width (chart, top_text) + LABEL_GAP;
  geometry->legend = _rd_chart_legend_height (chart);
  geometry->plot = GRAPHENE_RECT_INIT (axis, geometry->legend + label_h / 2,
                                       MAX (1, width - axis - 2),
                                       MAX (1, height - geometry->legend - label_h / 2 - label_h - LABEL_GAP));
  geometry->slot = n > 0 ? geometry->plot.size.width / n : geometry->plot.size.width;
}

static float
bar_height (const Geometry *geometry,
            gint64          value)
{
  float h;

  if (value <= 0 || geometry->top <= 0)
    return 0;
  h = (float) ((double) value / (double) geometry->top * geometry->plot.size.height);
  return MAX (1, h);
}

static void
draw_line (RdColumnChart       *self,
           GtkSnapshot         *snapshot,
           const Geometry      *geometry,
           const RdChartColors *colors,
           gboolean             previous)
{
  RdChart *chart = RD_CHART (self);
  guint n = rd_chart_get_n_items (chart);
  float bottom = geometry->plot.origin.y + geometry->plot.size.height;
  int hover = _rd_chart_get_hover (chart);
  graphene_rect_t area = geometry->plot;
  gboolean started = FALSE;
  cairo_t *cr;

  graphene_rect_inset (&area, -6, -6);
  cr = gtk_snapshot_append_cairo (snapshot, &area);
  cairo_set_line_width (cr, previous ? 1.5 : 2);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  if (previous)
    cairo_set_dash (cr, (double[]) { 4, 3 }, 2, 0);
  gdk_cairo_set_source_rgba (cr, previous ? &colors->previous : &colors->accent);

  for (guint i = 0; i < n; i++)
    {
      gint64 value = rd_chart_get_value (chart, i);
      double x = geometry->plot.origin.x + (i + 0.5) * geometry->slot;

      if (previous && !rd_chart_get_previous (chart, i, &value))
        {
          started = FALSE;
          continue;
        }
      if (started)
        cairo_line_to (cr, x, bottom - bar_height (geometry, value));
      else
        cairo_move_to (cr, x, bottom - bar_height (geometry, value));
      started = TRUE;
    }
  cairo_stroke (cr);

  if (!previous)
    for (guint i = 0; i < n; i++)
      {
        double x = geometry->plot.origin.x + (i + 0.5) * geometry->slot;
        double y = bottom - bar_height (geometry, rd_chart_get_value (chart, i));

        cairo_new_sub_path (cr);
        cairo_arc (cr, x, y, (int) i == hover ? 5 : 3, 0, 2 * G_PI);
        gdk_cairo_set_source_rgba (cr, (int) i == hover ? &colors->hover : &colors->accent);
        cairo_fill (cr);
      }

  cairo_destroy (cr);
}

/* Overrides */

static int
rd_column_chart_item_at (RdChart *chart,
                         double   x,
                         double   y)
{
  Geometry geometry;
  int index;

  compute_geometry (RD_COLUMN_CHART (chart), &geometry);
  if (x < geometry.plot.origin.x || x >= geometry.plot.origin.x + geometry.plot.size.width ||
      y < geometry.plot.origin.y || y > gtk_widget_get_height (GTK_WIDGET (chart)))
    return -1;

  index = (int) ((x - geometry.plot.origin.x) / geometry.slot);
  return CLAMP (index, 0, (int) rd_chart_get_n_items (chart) - 1);
}

static gboolean
rd_column_chart_item_area (RdChart         *chart,
                           guint            index,
                           graphene_rect_t *area)
{
  Geometry geometry;

  compute_geometry (RD_COLUMN_CHART (chart), &geometry);
  *area = GRAPHENE_RECT_INIT (geometry.plot.origin.x + index * geometry.slot, geometry.plot.origin.y,
                              geometry.slot, geometry.plot.size.height);
  return TRUE;
}

static void
rd_column_chart_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  RdColumnChart *self = RD_COLUMN_CHART (widget);
  RdChart *chart = RD_CHART (self);
  guint n = rd_chart_get_n_items (chart);
  int hover = _rd_chart_get_hover (chart);
  RdChartColors colors;
  Geometry geometry;
  float bottom;
  float max_label_w = 0;
  guint every;

  _rd_chart_get_colors (chart, &colors);
  compute_geometry (self, &geometry);
  bottom = geometry.plot.origin.y + geometry.plot.size.height;

  _rd_chart_draw_legend (chart, snapshot, &colors, gtk_widget_get_width (widget), 0);

  /* The scale: 0, half and the top, each a faint line with its figure. */
  for (guint i = 0; i <= 2; i++)
    {
      gint64 value = i == 2 ? geometry.top : geometry.top / 2 * i;
      float y = bottom - (float) ((double) value / (double) geometry.top * geometry.plot.size.height);
      g_autofree char *text = rd_chart_format_value (chart, value);
      g_autoptr(PangoLayout) layout = _rd_chart_layout (chart, text, TRUE);
      int w, h;

      pango_layout_get_pixel_size (layout, &w, &h);
      gtk_snapshot_append_color (snapshot, &colors.grid,
                                 &GRAPHENE_RECT_INIT (geometry.plot.origin.x, y, geometry.plot.size.width, 1));
      _rd_chart_draw_layout (snapshot, layout, geometry.plot.origin.x - LABEL_GAP - w, y - h / 2.f, &colors.dim);
    }

  if (self->line)
    {
      draw_line (self, snapshot, &geometry, &colors, TRUE);
      draw_line (self, snapshot, &geometry, &colors, FALSE);
    }
  else
    for (guint i = 0; i < n; i++)
      {
        float x = geometry.plot.origin.x + i * geometry.slot;
        gint64 previous;
        float h;

        if (rd_chart_get_previous (chart, i, &previous) && (h = bar_height (&geometry, previous)) > 0)
          gtk_snapshot_append_color (snapshot, &colors.previous,
                                     &GRAPHENE_RECT_INIT (x + geometry.slot * 0.1f, bottom - h,
                                                          MAX (1, geometry.slot * 0.8f), h));

        h = bar_height (&geometry, rd_chart_get_value (chart, i));
        if (h > 0)
          {
            float w = rd_chart_has_previous (chart) ? geometry.slot * 0.5f : geometry.slot * 0.7f;

            gtk_snapshot_append_color (snapshot, (int) i == hover ? &colors.hover : &colors.accent,
                                       &GRAPHENE_RECT_INIT (x + (geometry.slot - w) / 2, bottom - h, MAX (1, w), h));
          }
      }

  for (guint i = 0; i < n; i++)
    max_label_w = MAX (max_label_w, text_width (chart, rd_chart_get_label (chart, i)));

  /* The items' labels below, every how many fit. */
  every = geometry.slot > 0 ? (guint) ((max_label_w + LABEL_GAP) / geometry.slot) + 1 : 1;
  for (guint i = 0; i < n; i += every)
    {
      g_autoptr(PangoLayout) layout = _rd_chart_layout (chart, rd_chart_get_label (chart, i), TRUE);
      int w, h;
      float x;

      pango_layout_get_pixel_size (layout, &w, &h);
      x = geometry.plot.origin.x + (i + 0.5f) * geometry.slot - w / 2.f;
      x = CLAMP (x, 0, gtk_widget_get_width (widget) - w);
      _rd_chart_draw_layout (snapshot, layout, x, bottom + LABEL_GAP / 2.f, &colors.dim);
    }

  _rd_chart_draw_focus (chart, snapshot, &colors);
}

static void
rd_column_chart_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 220;
      *natural = 440;
    }
  else
    {
      *minimum = 150;
      *natural = 190;
    }
}

static void
rd_column_chart_class_init (RdColumnChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  RdChartClass *chart_class = RD_CHART_CLASS (klass);

  widget_class->snapshot = rd_column_chart_snapshot;
  widget_class->measure = rd_column_chart_measure;

  chart_class->item_at = rd_column_chart_item_at;
  chart_class->item_area = rd_column_chart_item_area;
}

static void
rd_column_chart_init (RdColumnChart *self)
{
}

/* Public API */

GtkWidget *
rd_column_chart_new (void)
{
  return g_object_new (RD_TYPE_COLUMN_CHART, NULL);
}

void
rd_column_chart_set_line (RdColumnChart *self,
                          gboolean       line)
{
  g_return_if_fail (RD_IS_COLUMN_CHART (self));

  self->line = !!line;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
