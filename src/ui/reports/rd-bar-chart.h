/* rd-bar-chart.h
 *
 * A horizontal bar chart: one row per item (a channel, a courier) with its
 * name, a bar and its figure; the previous period as a thin, lighter bar
 * under it.
 */
#pragma once

#include "rd-chart.h"

G_BEGIN_DECLS

#define RD_TYPE_BAR_CHART (rd_bar_chart_get_type ())
G_DECLARE_FINAL_TYPE (RdBarChart, rd_bar_chart, RD, BAR_CHART, RdChart)

GtkWidget *rd_bar_chart_new (void);

G_END_DECLS
