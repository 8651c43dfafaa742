/* rd-ring-chart.h
 *
 * A ring (doughnut): one slice per item, in the theme's accent colour and
 * the palette after it, the total in the middle and a legend beside it
 * (colour, name, figure and share). When the last item is "other" (the
 * items past the top ones), it is drawn in a neutral grey.
 */
#pragma once

#include "rd-chart.h"

G_BEGIN_DECLS

#define RD_TYPE_RING_CHART (rd_ring_chart_get_type ())
G_DECLARE_FINAL_TYPE (RdRingChart, rd_ring_chart, RD, RING_CHART, RdChart)

GtkWidget *rd_ring_chart_new       (void);
void       rd_ring_chart_set_other (RdRingChart *self,
                                    gboolean     last_is_other);

G_END_DECLS
