/* rd-calc-paste.h
 *
 * Order lines pasted as text (from a spreadsheet or a platform's order
 * page) read into calculator lines, with every row that cannot be read
 * reported, never silently dropped.
 */
#pragma once

#include "rd-calc.h"

G_BEGIN_DECLS

/* One row per line; cells separated by tabs or, in a row without a tab, by
 * commas: name, SKU, unit price, quantity[, quantity refunded now].
 * Surrounding white space and double quotes around a cell are ignored, empty
 * rows are skipped, and a first row whose price and quantity are both not
 * numbers is taken as a header and skipped. Without the fifth cell the whole
 * quantity is refunded now.
 *
 * Returns the lines read (of RdCalcLine, in the order of the text). Each row
 * that could not be read adds to *problems (when not NULL; an array of
 * strings, created when needed) one sentence in the user's language naming
 * its row number and what is wrong. */
GPtrArray *rd_calc_paste_parse (const char        *text,
                                const RdCurrency  *currency,
                                GPtrArray        **problems);

G_END_DECLS
