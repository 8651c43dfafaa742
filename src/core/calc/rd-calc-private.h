/* rd-calc-private.h
 *
 * Inside the calculator: rd-calc-compute.c (validation, the order of the
 * steps) calls the rules in rd-calc-rules.c; both write the result through
 * rd-calc-breakdown.c, which calls neither. Not for use outside the
 * calculator.
 */
#pragma once

#if !defined (RD_CALC_COMPILATION)
# error "rd-calc-private.h is for src/core/calc only."
#endif

#include "rd-calc.h"

G_BEGIN_DECLS

typedef struct
{
  const RdCalcInput  *input;
  const RdCalcPolicy *policy;
  const RdCurrency   *currency;
  gboolean            has_rate;
  gint64              rate_micro;         /* CNY per unit × 10⁶ */
  gint64              goods_gross;        /* Σ line gross */
  gint64              discounts_total;
  gint64              deductions_total;
  gint64             *gross_refund;       /* per line, before order discounts */
  gint64             *net_refund;         /* per line, after order discounts */
  RdCalcResult       *result;
} Calc;

/* rd-calc.c: an empty result in currency, its arrays owning their items. */
RdCalcResult *_rd_calc_result_new (const RdCurrency *currency);

/* rd-calc-breakdown.c */

/* Sets "field: message". */
void      _rd_calc_set_field_error  (GError           **error,
                                     RdCalcError        code,
                                     const char        *field,
                                     const char        *message);
/* Sets an overflow error on field when ok is FALSE; returns ok. */
gboolean  _rd_calc_check_overflow   (gboolean           ok,
                                     const char        *field,
                                     GError           **error);
char     *_rd_calc_money            (const Calc        *calc,
                                     gint64             amount);
char     *_rd_calc_number           (gint64             value);
char     *_rd_calc_date_text        (const GDate       *date);
char     *_rd_calc_line_label       (const RdCalcLine  *line,
                                     guint              index);
void      _rd_calc_add_row          (Calc              *calc,
                                     const char        *rule,
                                     gint64             amount,
                                     char              *explanation);
void      _rd_calc_add_warning      (Calc              *calc,
                                     RdCalcWarningCode  code,
                                     char              *text);

/* rd-calc-rules.c: the rules, in the order rd_calc_compute() applies them. */
gboolean  _rd_calc_spread_discounts        (Calc     *calc,
                                            GError  **error);
gboolean  _rd_calc_refund_goods            (Calc     *calc,
                                            GError  **error);
gboolean  _rd_calc_prorate_subscription    (Calc     *calc,
                                            GError  **error);
void      _rd_calc_refund_shipping         (Calc     *calc);
void      _rd_calc_apply_deductions        (Calc     *calc);
gint64    _rd_calc_apply_caps              (Calc              *calc,
                                            gint64             subtotal,
                                            RdCalcWarningCode  capped_code);
gint64    _rd_calc_reimburse_return_shipping (Calc   *calc);
gint64    _rd_calc_compensate              (Calc     *calc);
gboolean  _rd_calc_convert_and_split       (Calc     *calc,
                                            GError  **error);
void      _rd_calc_add_policy_warnings     (Calc     *calc);

G_END_DECLS
