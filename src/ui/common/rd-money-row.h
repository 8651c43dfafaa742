/* rd-money-row.h
 *
 * An AdwEntryRow for an amount of money kept in a GSettings key of type x
 * (minor units of the default currency). It shows the amount with
 * rd_money_format, parses what is typed with rd_money_parse, and writes the
 * key only when the text is a valid, non-negative amount within the key's
 * range; otherwise the row takes the error style and `error-message` says
 * what is wrong.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RD_TYPE_MONEY_ROW (rd_money_row_get_type ())
G_DECLARE_FINAL_TYPE (RdMoneyRow, rd_money_row, RD, MONEY_ROW, AdwEntryRow)

GtkWidget  *rd_money_row_new               (void);

/* Binds the row to key (type x) of settings; the currency is the one named
 * by the settings' `default-currency` key. */
void        rd_money_row_bind              (RdMoneyRow *self,
                                            GSettings  *settings,
                                            const char *key);

/* NULL while the text is a valid amount. */
const char *rd_money_row_get_error_message (RdMoneyRow *self);

G_END_DECLS
