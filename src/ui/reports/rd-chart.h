/* rd-chart.h
 *
 * What every chart of the Reports page shares: its items (a label, a value
 * and optionally the value of the previous period), a function that writes a
 * value as the shop reads it (a count, ¥1,234.50, 12.5 %), the accessible
 * name and description, the tooltip with the exact figure of the item under
 * the pointer, and "item-activated" when an item is clicked or, with the
 * keyboard (arrows to move, Enter or Space), activated.
 *
 * Values are gint64 in the unit the format function reads (a count, minor
 * units of one currency, basis points): a chart never holds two currencies,
 * and the figures shown come from the format function, never from the
 * drawing's scale. The subclasses draw: RdColumnChart, RdRingChart,
 * RdBarChart, RdLineChart.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RD_TYPE_CHART (rd_chart_get_type ())
G_DECLARE_DERIVABLE_TYPE (RdChart, rd_chart, RD, CHART, GtkWidget)

struct _RdChartClass
{
  GtkWidgetClass parent_class;

  /* The item drawn at x, y (widget coordinates), or -1. */
  int      (*item_at)   (RdChart         *self,
                         double           x,
                         double           y);
  /* Where item index is drawn (for the tooltip and the focus frame). */
  gboolean (*item_area) (RdChart         *self,
                         guint            index,
                         graphene_rect_t *area);
};

/* A new string with value written for the shop: "12", "¥1,234.50". */
typedef char *(*RdChartFormatFunc) (gint64   value,
                                    gpointer user_data);

void        rd_chart_set_format          (RdChart           *self,
                                          RdChartFormatFunc  func,
                                          gpointer           user_data,
                                          GDestroyNotify     destroy);
/* value written by the format function (without one, as a number). */
char       *rd_chart_format_value        (RdChart           *self,
                                          gint64             value);

/* The accessible name (also the table's caption) and a sentence on what
 * the chart shows; the description read out adds the items' figures. */
void        rd_chart_set_title           (RdChart           *self,
                                          const char        *title);
const char *rd_chart_get_title           (RdChart           *self);
void        rd_chart_set_description     (RdChart           *self,
                                          const char        *description);

/* The names of the two series ("November 2026", "October 2026"), for the
 * tooltip, the table's headers and the legend; previous NULL: no second
 * series. */
void        rd_chart_set_series_names    (RdChart           *self,
                                          const char        *current,
                                          const char        *previous);
const char *rd_chart_get_series_name     (RdChart           *self,
                                          gboolean           previous);

/* Items: remove all, then append; returns the new item's index. */
void        rd_chart_clear               (RdChart           *self);
guint       rd_chart_append              (RdChart           *self,
                                          const char        *label,
                                          gint64             value);
void        rd_chart_set_previous        (RdChart           *self,
                                          guint              index,
                                          gint64             previous);
/* Ends a batch of changes: redraws, updates the accessible description and
 * emits "changed". */
void        rd_chart_changed             (RdChart           *self);

guint       rd_chart_get_n_items         (RdChart           *self);
const char *rd_chart_get_label           (RdChart           *self,
                                          guint              index);
gint64      rd_chart_get_value           (RdChart           *self,
                                          guint              index);
/* FALSE when the item has no previous value. */
gboolean    rd_chart_get_previous        (RdChart           *self,
                                          guint              index,
                                          gint64            *previous);
gboolean    rd_chart_has_previous        (RdChart           *self);

/* The tooltip of item index: "11-05: 12 cases", and the previous period's
 * figure on a second line. */
char       *rd_chart_dup_item_text       (RdChart           *self,
                                          guint              index);
/* The item under x, y, or -1. */
int         rd_chart_get_item_at         (RdChart           *self,
                                          double             x,
                                          double             y);
/* Emits "item-activated" for index, as a click on it does. */
void        rd_chart_activate_item       (RdChart           *self,
                                          guint              index);

G_END_DECLS
