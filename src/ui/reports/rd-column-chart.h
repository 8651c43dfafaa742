/* rd-column-chart.h
 *
 * A column chart: one column per item (a day of the month), the previous
 * period's figure as a wider, lighter column behind it, a scale on the left
 * and the items' labels below (as many as fit). As a line (a trend over
 * months), the same scale with one point per item joined by a line, the
 * previous period dashed.
 */
#pragma once

#include "rd-chart.h"

G_BEGIN_DECLS

#define RD_TYPE_COLUMN_CHART (rd_column_chart_get_type ())
G_DECLARE_FINAL_TYPE (RdColumnChart, rd_column_chart, RD, COLUMN_CHART, RdChart)

GtkWidget *rd_column_chart_new      (void);
void       rd_column_chart_set_line (RdColumnChart *self,
                                     gboolean       line);

G_END_DECLS
