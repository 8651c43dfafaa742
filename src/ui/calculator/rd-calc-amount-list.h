/* rd-calc-amount-list.h
 *
 * A list of named amounts the calculator takes: the order discounts (with a
 * "platform-funded" switch) or the deductions. Each row has a name entry,
 * an amount entry and a remove button.
 */
#pragma once

#include <adwaita.h>

#include "rd-calc.h"

G_BEGIN_DECLS

#define RD_TYPE_CALC_AMOUNT_LIST (rd_calc_amount_list_get_type ())
G_DECLARE_FINAL_TYPE (RdCalcAmountList, rd_calc_amount_list, RD, CALC_AMOUNT_LIST, AdwBin)

/* discounts: TRUE for order discounts (input->discounts), FALSE for
 * deductions (input->deductions). */
GtkWidget *rd_calc_amount_list_new         (gboolean          discounts);

guint      rd_calc_amount_list_get_n_rows  (RdCalcAmountList *self);
/* Appends a row and returns its index; amount NULL leaves the amount empty. */
guint      rd_calc_amount_list_add_row     (RdCalcAmountList *self,
                                            const char       *name,
                                            const char       *amount,
                                            gboolean          platform_funded);
void       rd_calc_amount_list_clear       (RdCalcAmountList *self);
GtkWidget *rd_calc_amount_list_get_name_entry   (RdCalcAmountList *self,
                                                 guint             index);
GtkWidget *rd_calc_amount_list_get_amount_entry (RdCalcAmountList *self,
                                                 guint             index);

void       rd_calc_amount_list_clear_errors (RdCalcAmountList *self);

/* Appends the rows that are not blank to input; *rows gets the index of
 * each. A wrong amount is marked and the first problem returned. */
gboolean   rd_calc_amount_list_collect     (RdCalcAmountList *self,
                                            const RdCurrency *currency,
                                            RdCalcInput      *input,
                                            GArray           *rows,
                                            GError          **error);

G_END_DECLS
