/* rd-order-counts-grid.h
 *
 * The small table where the shop types its monthly order counts: one row
 * per channel, one column per month of the period, each cell an entry.
 * A cell's number is saved through the core (rd_order_counts_set, in the
 * audit log under the operator's name) when Enter is pressed or the focus
 * leaves it; an emptied cell removes the month's count. "saved" is emitted
 * after each change, so that the page computes the refund rate again.
 */
#pragma once

#include <adwaita.h>

#include "rd-context.h"
#include "rd-report.h"

G_BEGIN_DECLS

#define RD_TYPE_ORDER_COUNTS_GRID (rd_order_counts_grid_get_type ())
G_DECLARE_FINAL_TYPE (RdOrderCountsGrid, rd_order_counts_grid, RD, ORDER_COUNTS_GRID, AdwBin)

GtkWidget *rd_order_counts_grid_new      (void);
/* Rows for the shop's channels (the "channels" setting of context), columns
 * for the months of period, the cells from counts (RdOrderCount). */
void       rd_order_counts_grid_set      (RdOrderCountsGrid    *self,
                                          RdContext            *context,
                                          const RdReportPeriod *period,
                                          GPtrArray            *counts);
/* The entry of channel's month, or NULL. */
GtkEditable *rd_order_counts_grid_get_cell (RdOrderCountsGrid *self,
                                            const char        *channel,
                                            int                year,
                                            int                month);
/* Saves the cell's text now, as Enter does; FALSE (the error shown) when
 * it is not a count or cannot be saved. */
gboolean   rd_order_counts_grid_save_cell (RdOrderCountsGrid *self,
                                           GtkEditable       *cell);

G_END_DECLS
