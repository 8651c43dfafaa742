/* rd-chart-draw.c
 *
 * What the charts draw with: the theme's colours (read from the style, so
 * that dark mode and the accent colour follow), a round top for the scale,
 * Pango layouts of the chart's font, the two series' legend and the focus
 * frame. Only GTK 4.8 calls.
 */
#include "config.h"

#include "rd-chart-private.h"

/* Helpers */

static void
lookup_color (GtkStyleContext *context,
              const char      *name,
              const char      *fallback,
              GdkRGBA         *color)
{
  if (!gtk_style_context_lookup_color (context, name, color))
    gdk_rgba_parse (color, fallback);
}

static GdkRGBA
with_alpha (const GdkRGBA *color,
            float          alpha)
{
  GdkRGBA result = *color;

  result.alpha *= alpha;
  return result;
}

static GdkRGBA
mix (const GdkRGBA *a,
     const GdkRGBA *b,
     float          t)
{
  return (GdkRGBA) { a->red + (b->red - a->red) * t,
                     a->green + (b->green - a->green) * t,
                     a->blue + (b->blue - a->blue) * t,
                     a->alpha + (b->alpha - a->alpha) * t };
}

/* Private API */

void
_rd_chart_get_colors (RdChart       *self,
                      RdChartColors *colors)
{
  static const struct {
    const char *name;
    const char *fallback;
  } palette[RD_CHART_N_PALETTE - 1] = {
    { "green_4", "#2ec27e" }, { "yellow_5", "#e5a50a" }, { "purple_2", "#c061cb" },
    { "orange_3", "#ff7800" }, { "red_2", "#ed333b" }, { "brown_2", "#b5835a" },
  };
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));

  gtk_style_context_get_color (context, &colors->fg);
  lookup_color (context, "accent_bg_color", "#3584e4", &colors->accent);
  colors->dim = with_alpha (&colors->fg, 0.7f);
  colors->grid = with_alpha (&colors->fg, 0.12f);
  colors->previous = with_alpha (&colors->accent, 0.38f);
  colors->hover = mix (&colors->accent, &colors->fg, 0.3f);
  lookup_color (context, "accent_color", "#1c71d8", &colors->focus);
  colors->other = with_alpha (&colors->fg, 0.3f);

  colors->palette[0] = colors->accent;
  for (guint i = 0; i < G_N_ELEMENTS (palette); i++)
    lookup_color (context, palette[i].name, palette[i].fallback, &colors->palette[i + 1]);
}

gint64
_rd_chart_nice_max (gint64 max)
{
  gint64 p = 1;

  if (max <= 1)
    return 1;

  while (p <= max / 10)
    p *= 10;
  if (p > G_MAXINT64 / 10)
    return max;

  if (p >= max)
    return p;
  if (2 * p >= max)
    return 2 * p;
  if (p >= 2 && p / 2 * 5 >= max)
    return p / 2 * 5;
  if (5 * p >= max)
    return 5 * p;
  return 10 * p;
}

PangoLayout *
_rd_chart_layout (RdChart    *self,
                  const char *text,
                  gboolean    small)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  if (small)
    pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);

  return layout;
}

void
_rd_chart_draw_layout (GtkSnapshot   *snapshot,
                       PangoLayout   *layout,
                       float          x,
                       float          y,
                       const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

float
_rd_chart_legend_height (RdChart *self)
{
  const char *current = rd_chart_get_series_name (self, FALSE);
  g_autoptr(PangoLayout) layout = NULL;
  int height;

  if (rd_chart_get_series_name (self, TRUE) == NULL || !rd_chart_has_previous (self))
    return 0;

  layout = _rd_chart_layout (self, current != NULL ? current : "", TRUE);
  pango_layout_get_pixel_size (layout, NULL, &height);
  return height + 6;
}

float
_rd_chart_draw_legend (RdChart             *self,
                       GtkSnapshot         *snapshot,
                       const RdChartColors *colors,
                       float                right,
                       float                y)
{
  const char *names[2] = { rd_chart_get_series_name (self, TRUE), rd_chart_get_series_name (self, FALSE) };
  const GdkRGBA *swatches[2] = { &colors->previous, &colors->accent };
  float x = right;
  int height = 0;

  if (names[0] == NULL || !rd_chart_has_previous (self))
    return 0;

  /* Right to left: the current period last, at the right edge. */
  for (int i = 1; i >= 0; i--)
    {
      g_autoptr(PangoLayout) layout = _rd_chart_layout (self, names[i] != NULL ? names[i] : "", TRUE);
      int w, h;

      pango_layout_get_pixel_size (layout, &w, &h);
      height = MAX (height, h);
      x -= w;
      _rd_chart_draw_layout (snapshot, layout, x, y, &colors->dim);
      x -= 14;
      gtk_snapshot_append_color (snapshot, swatches[i], &GRAPHENE_RECT_INIT (x, y + (h - 10) / 2.f, 10, 10));
      x -= 12;
    }

  return height + 6;
}

void
_rd_chart_draw_focus (RdChart             *self,
                      GtkSnapshot         *snapshot,
                      const RdChartColors *colors)
{
  RdChartClass *klass = RD_CHART_GET_CLASS (self);
  int focus = _rd_chart_get_focus (self);
  graphene_rect_t area;
  GskRoundedRect frame;

  if (focus < 0 || (guint) focus >= rd_chart_get_n_items (self) ||
      !gtk_widget_has_visible_focus (GTK_WIDGET (self)) ||
      klass->item_area == NULL || !klass->item_area (self, focus, &area))
    return;

  graphene_rect_inset (&area, -3, -3);
  gsk_rounded_rect_init_from_rect (&frame, &area, 4);
  gtk_snapshot_append_border (snapshot, &frame, (float[4]) { 2, 2, 2, 2 },
                              (GdkRGBA[4]) { colors->focus, colors->focus, colors->focus, colors->focus });
}
