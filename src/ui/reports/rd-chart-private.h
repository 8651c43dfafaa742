/* rd-chart-private.h
 *
 * What the chart subclasses of src/ui/reports share with RdChart: the
 * theme's colours, the item under the pointer and the focused one, and text
 * drawing.
 */
#pragma once

#if !defined (RD_UI_REPORTS_COMPILATION)
# error "rd-chart-private.h is for src/ui/reports only."
#endif

#include "rd-chart.h"

G_BEGIN_DECLS

#define RD_CHART_N_PALETTE 7

typedef struct
{
  GdkRGBA fg;          /* the text colour (@window_fg_color) */
  GdkRGBA dim;         /* fg, dimmed: axis labels */
  GdkRGBA grid;        /* fg, faint: grid lines */
  GdkRGBA accent;      /* the current period (@accent_bg_color) */
  GdkRGBA previous;    /* the previous period: accent, lighter */
  GdkRGBA hover;       /* accent, as under the pointer */
  GdkRGBA focus;       /* the focus frame */
  GdkRGBA other;       /* a ring's "other" slice */
  GdkRGBA palette[RD_CHART_N_PALETTE]; /* a ring's slices, accent first */
} RdChartColors;

/* The colours of the style the chart has now (light or dark). */
void         _rd_chart_get_colors    (RdChart         *self,
                                      RdChartColors   *colors);
/* The item under the pointer, the focused one (-1: none). */
int          _rd_chart_get_hover     (RdChart         *self);
int          _rd_chart_get_focus     (RdChart         *self);
/* The largest value of both series (0 without items). */
gint64       _rd_chart_get_max       (RdChart         *self);
/* A round number ≥ max (1, 2, 2.5 or 5 × 10ⁿ) for the scale's top. */
gint64       _rd_chart_nice_max      (gint64           max);
/* A layout of text in the chart's font (small when small). */
PangoLayout *_rd_chart_layout        (RdChart         *self,
                                      const char      *text,
                                      gboolean         small);
/* Draws layout with its top left corner at x, y. */
void         _rd_chart_draw_layout   (GtkSnapshot     *snapshot,
                                      PangoLayout     *layout,
                                      float            x,
                                      float            y,
                                      const GdkRGBA   *color);
/* The two series' swatches and names, right-aligned to right at top y;
 * returns the height used (0 without a previous series). */
float        _rd_chart_draw_legend   (RdChart         *self,
                                      GtkSnapshot     *snapshot,
                                      const RdChartColors *colors,
                                      float            right,
                                      float            y);
float        _rd_chart_legend_height (RdChart         *self);
/* A frame around area, when the chart shows its keyboard focus. */
void         _rd_chart_draw_focus    (RdChart         *self,
                                      GtkSnapshot     *snapshot,
                                      const RdChartColors *colors);

G_END_DECLS
