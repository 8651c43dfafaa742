/* rd-bar-chart.c
 *
 * Bars drawn with gtk_snapshot_append_color, names and figures as Pango
 * layouts, all in the theme's colours.
 */
#include "config.h"

#include "rd-bar-chart.h"
#include "rd-chart-private.h"

struct _RdBarChart
{
  RdChart parent_instance;
};

G_DEFINE_FINAL_TYPE (RdBarChart, rd_bar_chart, RD_TYPE_CHART)

#define GAP          8
#define BAR          12
#define PREVIOUS_BAR 5

typedef struct
{
  float  legend;    /* the legend's height above the rows */
  float  row;       /* a row's height */
  float  text;      /* a line of text's height */
  float  name_w;    /* the names' column */
  float  value_w;   /* the figures' column */
  float  bar_x;     /* where the bars start */
  float  bar_w;     /* the longest bar's length */
  gint64 top;
} Geometry;

/* Helpers */

static void
compute_geometry (RdBarChart *self,
                  Geometry   *geometry)
{
  RdChart *chart = RD_CHART (self);
  float width = gtk_widget_get_width (GTK_WIDGET (self));
  guint n = rd_chart_get_n_items (chart);
  g_autoptr(PangoLayout) probe = _rd_chart_layout (chart, "0", FALSE);
  int h;

  pango_layout_get_pixel_size (probe, NULL, &h);
  geometry->text = h;
  geometry->legend = _rd_chart_legend_height (chart);
  geometry->row = MAX (h, BAR) + (rd_chart_has_previous (chart) ? PREVIOUS_BAR + 2 : 0) + GAP;
  geometry->top = MAX (1, _rd_chart_get_max (chart));
  geometry->name_w = 0;
  geometry->value_w = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PangoLayout) name = _rd_chart_layout (chart, rd_chart_get_label (chart, i), FALSE);
      g_autofree char *text = rd_chart_format_value (chart, rd_chart_get_value (chart, i));
      g_autoptr(PangoLayout) value = _rd_chart_layout (chart, text, FALSE);
      int w;

      pango_layout_get_pixel_size (name, &w, NULL);
      geometry->name_w = MAX (geometry->name_w, w);
      pango_layout_get_pixel_size (value, &w, NULL);
      geometry->value_w = MAX (geometry->value_w, w);
    }

  geometry->name_w = MIN (geometry->name_w, width * 0.35f);
  geometry->bar_x = geometry->name_w + GAP;
  geometry->bar_w = MAX (1, width - geometry->bar_x - GAP - geometry->value_w - 2);
}

static float
bar_length (const Geometry *geometry,
            gint64          value)
{
  if (value <= 0)
    return 0;
  return MAX (1, (float) ((double) value / (double) geometry->top * geometry->bar_w));
}

/* Overrides */

static int
rd_bar_chart_item_at (RdChart *chart,
                      double   x,
                      double   y)
{
  Geometry geometry;
  int index;

  compute_geometry (RD_BAR_CHART (chart), &geometry);
  if (y < geometry.legend)
    return -1;
  index = (int) ((y - geometry.legend) / geometry.row);
  return index < (int) rd_chart_get_n_items (chart) ? index : -1;
}

static gboolean
rd_bar_chart_item_area (RdChart         *chart,
                        guint            index,
                        graphene_rect_t *area)
{
  Geometry geometry;

  compute_geometry (RD_BAR_CHART (chart), &geometry);
  *area = GRAPHENE_RECT_INIT (0, geometry.legend + index * geometry.row,
                              gtk_widget_get_width (GTK_WIDGET (chart)), geometry.row - GAP);
  return TRUE;
}

static void
rd_bar_chart_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  RdBarChart *self = RD_BAR_CHART (widget);
  RdChart *chart = RD_CHART (self);
  guint n = rd_chart_get_n_items (chart);
  int hover = _rd_chart_get_hover (chart);
  RdChartColors colors;
  Geometry geometry;

  _rd_chart_get_colors (chart, &colors);
  compute_geometry (self, &geometry);

  _rd_chart_draw_legend (chart, snapshot, &colors, gtk_widget_get_width (widget), 0);

  for (guint i = 0; i < n; i++)
    {
      float y = geometry.legend + i * geometry.row;
      float bar_y = y + (geometry.text - BAR) / 2;
      gint64 value = rd_chart_get_value (chart, i);
      gint64 previous;
      g_autofree char *text = rd_chart_format_value (chart, value);
      g_autoptr(PangoLayout) name = _rd_chart_layout (chart, rd_chart_get_label (chart, i), FALSE);
      g_autoptr(PangoLayout) figure = _rd_chart_layout (chart, text, FALSE);
      float length = bar_length (&geometry, value);

      pango_layout_set_width (name, (int) MAX (1, geometry.name_w) * PANGO_SCALE);
      pango_layout_set_ellipsize (name, PANGO_ELLIPSIZE_END);
      _rd_chart_draw_layout (snapshot, name, 0, y, &colors.fg);

      /* A faint track, so that a short bar still reads as a share. */
      gtk_snapshot_append_color (snapshot, &colors.grid,
                                 &GRAPHENE_RECT_INIT (geometry.bar_x, bar_y, geometry.bar_w, BAR));
      if (length > 0)
        gtk_snapshot_append_color (snapshot, (int) i == hover ? &colors.hover : &colors.accent,
                                   &GRAPHENE_RECT_INIT (geometry.bar_x, bar_y, length, BAR));
      if (rd_chart_get_previous (chart, i, &previous) && (length = bar_length (&geometry, previous)) > 0)
        gtk_snapshot_append_color (snapshot, &colors.previous,
                                   &GRAPHENE_RECT_INIT (geometry.bar_x, bar_y + BAR + 2, length, PREVIOUS_BAR));

      _rd_chart_draw_layout (snapshot, figure, geometry.bar_x + geometry.bar_w + GAP, y,
                             (int) i == hover ? &colors.fg : &colors.dim);
    }

  _rd_chart_draw_focus (chart, snapshot, &colors);
}

static void
rd_bar_chart_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 440;
    }
  else
    {
      Geometry geometry;
      guint n = rd_chart_get_n_items (RD_CHART (widget));

      compute_geometry (RD_BAR_CHART (widget), &geometry);
      *minimum = *natural = (int) (geometry.legend + MAX (n, 1) * geometry.row);
    }
}

static void
rd_bar_chart_class_init (RdBarChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  RdChartClass *chart_class = RD_CHART_CLASS (klass);

  widget_class->snapshot = rd_bar_chart_snapshot;
  widget_class->measure = rd_bar_chart_measure;

  chart_class->item_at = rd_bar_chart_item_at;
  chart_class->item_area = rd_bar_chart_item_area;
}

static void
rd_bar_chart_init (RdBarChart *self)
{
}

/* Public API */

GtkWidget *
rd_bar_chart_new (void)
{
  return g_object_new (RD_TYPE_BAR_CHART, NULL);
}
