/* rd-chart-card.h
 *
 * A chart in a card: its title, a line of figures under it, the chart, and
 * a Table toggle that shows the same figures as a table (the item, this
 * period, the previous one) instead of the drawing.
 */
#pragma once

#include <adwaita.h>

#include "rd-chart.h"

G_BEGIN_DECLS

#define RD_TYPE_CHART_CARD (rd_chart_card_get_type ())
G_DECLARE_FINAL_TYPE (RdChartCard, rd_chart_card, RD, CHART_CARD, AdwBin)

/* title: also the chart's accessible name. */
GtkWidget *rd_chart_card_new            (const char  *title,
                                         RdChart     *chart);
RdChart   *rd_chart_card_get_chart      (RdChartCard *self);
void       rd_chart_card_set_title      (RdChartCard *self,
                                         const char  *title);
/* A line under the title (NULL: none): a total, a share. */
void       rd_chart_card_set_subtitle   (RdChartCard *self,
                                         const char  *subtitle);
void       rd_chart_card_set_show_table (RdChartCard *self,
                                         gboolean     show_table);
gboolean   rd_chart_card_get_show_table (RdChartCard *self);
/* The table's grid: row 0 the headers, then one row per item; column 0
 * the item, 1 this period, 2 the previous one (when there is one). */
GtkGrid   *rd_chart_card_get_table      (RdChartCard *self);

G_END_DECLS
