/* rd-calc-result-view.h
 *
 * The calculator's answer: warnings on top, the total large (with the CNY
 * figure and the instalments when there are any), then the breakdown, one
 * row a rule with its explanation. Empty until there is an order; greyed,
 * with the problem named, while the input has an error.
 */
#pragma once

#include <adwaita.h>

#include "rd-calc.h"

G_BEGIN_DECLS

#define RD_TYPE_CALC_RESULT_VIEW (rd_calc_result_view_get_type ())
G_DECLARE_FINAL_TYPE (RdCalcResultView, rd_calc_result_view, RD, CALC_RESULT_VIEW, AdwBin)

GtkWidget  *rd_calc_result_view_new          (void);

/* No lines yet: says what to do. */
void        rd_calc_result_view_show_empty   (RdCalcResultView   *self);
void        rd_calc_result_view_show_result  (RdCalcResultView   *self,
                                              const RdCalcResult *result);
/* The input has a problem: the last result stays, greyed, under message. */
void        rd_calc_result_view_show_problem (RdCalcResultView   *self,
                                              const char         *message);

/* What the user sees, for tests: the total's text ("¥77.01", "" when
 * empty), whether the warnings box is shown, and the problem's text. */
const char *rd_calc_result_view_get_total_text    (RdCalcResultView *self);
gboolean    rd_calc_result_view_get_warnings_shown (RdCalcResultView *self);
const char *rd_calc_result_view_get_problem_text  (RdCalcResultView *self);

G_END_DECLS
