/* rd-ring-chart.c
 *
 * The ring is drawn with cairo (gtk_snapshot_append_cairo, as Sysprof's line
 * layer draws its lines): GTK 4.8 has no path API of its own. The legend
 * and the total are Pango layouts in the theme's colours.
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "rd-chart-private.h"
#include "rd-ring-chart.h"

struct _RdRingChart
{
  RdChart  parent_instance;

  gboolean last_is_other;
};

G_DEFINE_FINAL_TYPE (RdRingChart, rd_ring_chart, RD_TYPE_CHART)

#define HOVER_GROW 4
#define INNER      0.6
#define GAP        12
#define SWATCH     10

typedef struct
{
  float  cx, cy;        /* the ring's centre */
  float  radius;        /* outer radius */
  float  legend_x;      /* the legend's left edge */
  float  legend_y;      /* its top */
  float  row;           /* the height of a legend row */
  gint64 total;         /* Σ positive values */
} Geometry;

/* Helpers */

static float
row_height (RdChart *chart)
{
  g_autoptr(PangoLayout) layout = _rd_chart_layout (chart, "0", FALSE);
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return height + 6;
}

static void
compute_geometry (RdRingChart *self,
                  Geometry    *geometry)
{
  RdChart *chart = RD_CHART (self);
  float width = gtk_widget_get_width (GTK_WIDGET (self));
  float height = gtk_widget_get_height (GTK_WIDGET (self));
  guint n = rd_chart_get_n_items (chart);
  float diameter;

  geometry->total = 0;
  for (guint i = 0; i < n; i++)
    {
      gint64 value = rd_chart_get_value (chart, i);

      if (value > 0 && geometry->total <= G_MAXINT64 - value)
        geometry->total += value;
    }

  geometry->row = row_height (chart);
  diameter = MIN (height - 2 * HOVER_GROW, width * 0.42f);
  diameter = MAX (diameter, 20);
  geometry->radius = diameter / 2;
  geometry->cx = HOVER_GROW + geometry->radius;
  geometry->cy = height / 2;
  geometry->legend_x = geometry->cx + geometry->radius + HOVER_GROW + GAP;
  geometry->legend_y = MAX (0, (height - n * geometry->row) / 2);
}

static const GdkRGBA *
slice_color (RdRingChart         *self,
             const RdChartColors *colors,
             guint                index)
{
  if (self->last_is_other && index + 1 == rd_chart_get_n_items (RD_CHART (self)))
    return &colors->other;
  return &colors->palette[index % RD_CHART_N_PALETTE];
}

/* Overrides */

static int
rd_ring_chart_item_at (RdChart *chart,
                       double   x,
                       double   y)
{
  RdRingChart *self = RD_RING_CHART (chart);
  guint n = rd_chart_get_n_items (chart);
  Geometry geometry;
  double dx, dy, distance, angle, start = 0;

  compute_geometry (self, &geometry);

  if (x >= geometry.legend_x && y >= geometry.legend_y && y < geometry.legend_y + n * geometry.row)
    return (int) ((y - geometry.legend_y) / geometry.row);

  dx = x - geometry.cx;
  dy = y - geometry.cy;
  distance = sqrt (dx * dx + dy * dy);
  if (geometry.total <= 0 || distance < geometry.radius * INNER || distance > geometry.radius + HOVER_GROW)
    return -1;

  /* Clockwise from the top, as the slices are drawn. */
  angle = atan2 (dx, -dy);
  if (angle < 0)
    angle += 2 * G_PI;
  for (guint i = 0; i < n; i++)
    {
      gint64 value = rd_chart_get_value (chart, i);
      double sweep = value > 0 ? (double) value / (double) geometry.total * 2 * G_PI : 0;

      if (sweep > 0 && angle >= start && angle < start + sweep)
        return i;
      start += sweep;
    }

  return -1;
}

static gboolean
rd_ring_chart_item_area (RdChart         *chart,
                         guint            index,
                         graphene_rect_t *area)
{
  Geometry geometry;

  compute_geometry (RD_RING_CHART (chart), &geometry);
  *area = GRAPHENE_RECT_INIT (geometry.legend_x, geometry.legend_y + index * geometry.row,
                              MAX (1, gtk_widget_get_width (GTK_WIDGET (chart)) - geometry.legend_x - 3),
                              geometry.row);
  return TRUE;
}

static void
rd_ring_chart_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  RdRingChart *self = RD_RING_CHART (widget);
  RdChart *chart = RD_CHART (self);
  guint n = rd_chart_get_n_items (chart);
  int hover = _rd_chart_get_hover (chart);
  float width = gtk_widget_get_width (widget);
  RdChartColors colors;
  Geometry geometry;
  g_autofree char *total_text = NULL;
  g_autoptr(PangoLayout) total = NULL;
  double start = -G_PI / 2;
  int w, h;

  _rd_chart_get_colors (chart, &colors);
  compute_geometry (self, &geometry);

  if (geometry.total > 0)
    {
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot,
                                               &GRAPHENE_RECT_INIT (0, 0, geometry.legend_x,
                                                                    gtk_widget_get_height (widget)));

      for (guint i = 0; i < n; i++)
        {
          gint64 value = rd_chart_get_value (chart, i);
          double sweep = value > 0 ? (double) value / (double) geometry.total * 2 * G_PI : 0;
          double outer = geometry.radius + ((int) i == hover ? HOVER_GROW : 0);
          double gap = n > 1 && sweep > 0.04 ? 0.01 : 0;

          if (sweep <= 0)
            continue;
          cairo_new_path (cr);
          cairo_arc (cr, geometry.cx, geometry.cy, outer, start + gap, start + sweep - gap);
          cairo_arc_negative (cr, geometry.cx, geometry.cy, geometry.radius * INNER, start + sweep - gap, start + gap);
          cairo_close_path (cr);
          gdk_cairo_set_source_rgba (cr, slice_color (self, &colors, i));
          cairo_fill (cr);
          start += sweep;
        }
      cairo_destroy (cr);
    }
  else
    {
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot,
                                               &GRAPHENE_RECT_INIT (0, 0, geometry.legend_x,
                                                                    gtk_widget_get_height (widget)));

      cairo_arc (cr, geometry.cx, geometry.cy, geometry.radius * (1 + INNER) / 2, 0, 2 * G_PI);
      cairo_set_line_width (cr, geometry.radius * (1 - INNER));
      gdk_cairo_set_source_rgba (cr, &colors.grid);
      cairo_stroke (cr);
      cairo_destroy (cr);
    }

  /* The total in the middle. */
  total_text = rd_chart_format_value (chart, geometry.total);
  total = _rd_chart_layout (chart, total_text, FALSE);
  pango_layout_set_width (total, (int) (geometry.radius * INNER * 2 - 4) * PANGO_SCALE);
  pango_layout_set_ellipsize (total, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (total, PANGO_ALIGN_CENTER);
  pango_layout_get_pixel_size (total, &w, &h);
  _rd_chart_draw_layout (snapshot, total, geometry.cx - geometry.radius * INNER + 2, geometry.cy - h / 2.f, &colors.fg);

  /* The legend: colour, name, figure and share. */
  for (guint i = 0; i < n; i++)
    {
      float y = geometry.legend_y + i * geometry.row;
      gint64 value = rd_chart_get_value (chart, i);
      g_autofree char *value_text = rd_chart_format_value (chart, value);
      g_autofree char *share = NULL;
      g_autofree char *figure = NULL;
      g_autoptr(PangoLayout) name = NULL;
      g_autoptr(PangoLayout) amount = NULL;
      int amount_w;
      float name_width;

      if (geometry.total > 0 && value > 0)
        /* Translators: a share of the whole in a chart's legend */
        share = g_strdup_printf (_("%.1f%%"), (double) value / (double) geometry.total * 100);
      figure = share != NULL ? g_strdup_printf ("%s  %s", value_text, share) : g_strdup (value_text);

      gtk_snapshot_append_color (snapshot, slice_color (self, &colors, i),
                                 &GRAPHENE_RECT_INIT (geometry.legend_x, y + (geometry.row - SWATCH) / 2,
                                                      SWATCH, SWATCH));

      amount = _rd_chart_layout (chart, figure, FALSE);
      pango_layout_get_pixel_size (amount, &amount_w, &h);
      _rd_chart_draw_layout (snapshot, amount, width - amount_w - 3, y + (geometry.row - h) / 2,
                             (int) i == hover ? &colors.fg : &colors.dim);

      name = _rd_chart_layout (chart, rd_chart_get_label (chart, i), FALSE);
      name_width = width - 3 - amount_w - GAP - (geometry.legend_x + SWATCH + 6);
      pango_layout_set_width (name, (int) MAX (1, name_width) * PANGO_SCALE);
      pango_layout_set_ellipsize (name, PANGO_ELLIPSIZE_END);
      _rd_chart_draw_layout (snapshot, name, geometry.legend_x + SWATCH + 6, y + (geometry.row - h) / 2,
                             &colors.fg);
    }

  _rd_chart_draw_focus (chart, snapshot, &colors);
}

static void
rd_ring_chart_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  RdChart *chart = RD_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 260;
      *natural = 440;
    }
  else
    {
      int rows = (int) (rd_chart_get_n_items (chart) * row_height (chart));

      *minimum = MAX (140, rows);
      *natural = MAX (170, rows);
    }
}

static void
rd_ring_chart_class_init (RdRingChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  RdChartClass *chart_class = RD_CHART_CLASS (klass);

  widget_class->snapshot = rd_ring_chart_snapshot;
  widget_class->measure = rd_ring_chart_measure;

  chart_class->item_at = rd_ring_chart_item_at;
  chart_class->item_area = rd_ring_chart_item_area;
}

static void
rd_ring_chart_init (RdRingChart *self)
{
}

/* Public API */

GtkWidget *
rd_ring_chart_new (void)
{
  return g_object_new (RD_TYPE_RING_CHART, NULL);
}

void
rd_ring_chart_set_other (RdRingChart *self,
                         gboolean     last_is_other)
{
  g_return_if_fail (RD_IS_RING_CHART (self));

  self->last_is_other = !!last_is_other;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
