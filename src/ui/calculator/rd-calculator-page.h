/* rd-calculator-page.h
 *
 * The Calculator page of the window: works out the exact amount to refund,
 * rule by rule, as the order is typed; opened from a case, it stores the
 * breakdown with the case ("Apply to Case").
 */
#pragma once

#include <adwaita.h>

#include "rd-calc-lines-grid.h"
#include "rd-calc-result-view.h"
#include "rd-context.h"
#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_CALCULATOR_PAGE (rd_calculator_page_get_type ())
G_DECLARE_FINAL_TYPE (RdCalculatorPage, rd_calculator_page, RD, CALCULATOR_PAGE, AdwBin)

GtkWidget          *rd_calculator_page_new             (RdContext        *context);

/* Once: the policy and the operator come from context, and its store
 * unless one is set. */
void                rd_calculator_page_set_context     (RdCalculatorPage *self,
                                                        RdContext        *context);
/* The ledger to read and write cases in; without one the page uses the
 * context's store. */
void                rd_calculator_page_set_store       (RdCalculatorPage *self,
                                                        RdStore          *store);

/* Prefills the page from case case_id: the order stored with its
 * breakdown when it has one, else its currency, exchange rate and amount
 * paid as one line. Problems are shown as a toast. */
void                rd_calculator_page_load_case       (RdCalculatorPage *self,
                                                        gint64            case_id);
/* The case loaded, or 0. */
gint64              rd_calculator_page_get_case_id     (RdCalculatorPage *self);
/* Empties the page and forgets the case. */
void                rd_calculator_page_clear           (RdCalculatorPage *self);

/* "Apply to Case" (the calculator.apply action): stores the breakdown and
 * its total with the loaded case as the current operator. */
gboolean            rd_calculator_page_apply           (RdCalculatorPage *self,
                                                        GError          **error);

/* Appends the order lines read from text (see rd_calc_paste_parse), as the
 * calculator.paste-lines action does with the clipboard; rows that cannot be
 * read are listed in a dialog. Returns the number of lines added. */
guint               rd_calculator_page_paste_text      (RdCalculatorPage *self,
                                                        const char       *text);

void                rd_calculator_page_add_discount    (RdCalculatorPage *self,
                                                        const char       *name,
                                                        const char       *amount,
                                                        gboolean          platform_funded);

RdCalcLinesGrid    *rd_calculator_page_get_lines_grid  (RdCalculatorPage *self);
RdCalcResultView   *rd_calculator_page_get_result_view (RdCalculatorPage *self);
/* The last valid result; NULL while the input is empty or wrong. */
const RdCalcResult *rd_calculator_page_get_result      (RdCalculatorPage *self);

G_END_DECLS
