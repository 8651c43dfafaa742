/* rd-money-row.h
 *
 * An AdwEntryRow for an amount of money of the ledger's policy (minor units
 * of the default currency). It shows the amount with rd_money_format, parses
 * what is typed with rd_money_parse, and writes the key through the core
 * (rd_context_set_policy: an admin only) when the text is a valid,
 * non-negative amount within the key's range; otherwise, or when the core
 * refuses, the row takes the error style and `error-message` says what is
 * wrong.
 */
#pragma once

#include <adwaita.h>

#include "rd-context.h"

G_BEGIN_DECLS

#define RD_TYPE_MONEY_ROW (rd_money_row_get_type ())
G_DECLARE_FINAL_TYPE (RdMoneyRow, rd_money_row, RD, MONEY_ROW, AdwEntryRow)

GtkWidget  *rd_money_row_new               (void);

/* Binds the row to key of the context's policy ("high-ticket-threshold",
 * …); the currency is the one named by the settings' `default-currency`
 * key. The schema's key of the same name gives the range. */
void        rd_money_row_bind              (RdMoneyRow *self,
                                            RdContext  *context,
                                            const char *key);

/* NULL while the text is a valid amount. */
const char *rd_money_row_get_error_message (RdMoneyRow *self);

G_END_DECLS
