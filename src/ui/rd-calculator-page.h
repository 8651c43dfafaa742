/* rd-calculator-page.h
 *
 * The Calculator page of the window: works out the exact amount to refund, rule by rule.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RD_TYPE_CALCULATOR_PAGE (rd_calculator_page_get_type ())
G_DECLARE_FINAL_TYPE (RdCalculatorPage, rd_calculator_page, RD, CALCULATOR_PAGE, AdwBin)

GtkWidget *rd_calculator_page_new (void);

G_END_DECLS
