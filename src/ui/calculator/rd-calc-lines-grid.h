/* rd-calc-lines-grid.h
 *
 * The calculator's order lines as an editable grid: one row of entries per
 * line (name, SKU, unit price, quantity, line discount, refunded before,
 * refunded now) and a remove button. Tab moves through the cells in reading
 * order; Enter moves to the next cell and, in the last cell of the last
 * line, adds a line.
 */
#pragma once

#include <adwaita.h>

#include "rd-calc.h"

G_BEGIN_DECLS

typedef enum
{
  RD_CALC_COLUMN_NAME,
  RD_CALC_COLUMN_SKU,
  RD_CALC_COLUMN_UNIT_PRICE,
  RD_CALC_COLUMN_QUANTITY,
  RD_CALC_COLUMN_LINE_DISCOUNT,
  RD_CALC_COLUMN_REFUNDED_QUANTITY,
  RD_CALC_COLUMN_REFUND_QUANTITY,
  RD_CALC_N_COLUMNS
} RdCalcColumn;

#define RD_TYPE_CALC_LINES_GRID (rd_calc_lines_grid_get_type ())
G_DECLARE_FINAL_TYPE (RdCalcLinesGrid, rd_calc_lines_grid, RD, CALC_LINES_GRID, AdwBin)

GtkWidget *rd_calc_lines_grid_new         (void);

guint      rd_calc_lines_grid_get_n_lines (RdCalcLinesGrid   *self);
/* Appends a line, filled from line when not NULL, and returns its index. */
guint      rd_calc_lines_grid_add_line    (RdCalcLinesGrid   *self,
                                           const RdCalcLine  *line,
                                           const RdCurrency  *currency);
void       rd_calc_lines_grid_remove_line (RdCalcLinesGrid   *self,
                                           guint              index);
void       rd_calc_lines_grid_clear       (RdCalcLinesGrid   *self);
GtkWidget *rd_calc_lines_grid_get_entry   (RdCalcLinesGrid   *self,
                                           guint              index,
                                           RdCalcColumn       column);

/* Clears every error mark. */
void       rd_calc_lines_grid_clear_errors (RdCalcLinesGrid  *self);
/* Marks the cell as wrong, with message as its tooltip. */
void       rd_calc_lines_grid_mark_error  (RdCalcLinesGrid   *self,
                                           guint              index,
                                           RdCalcColumn       column,
                                           const char        *message);
/* The column the calculator's JSON names field ("unit_price" …), or -1. */
int        rd_calc_lines_grid_column_from_field (const char   *field);

/* "Line 2, Unit Price", in the user's language. */
char      *rd_calc_lines_grid_describe_cell (guint          index,
                                             RdCalcColumn   column);

/* Reads the lines that are not blank into input->lines; *grid_rows gets,
 * for each line added, its index in the grid. A cell that cannot be read
 * is marked; the first problem is returned in error. */
gboolean   rd_calc_lines_grid_collect     (RdCalcLinesGrid   *self,
                                           const RdCurrency  *currency,
                                           RdCalcInput       *input,
                                           GArray            *grid_rows,
                                           GError           **error);

G_END_DECLS
