/* rd-calc.h
 *
 * The refund calculator: from an order (lines, discounts, shipping, what was
 * refunded before) and what is refunded now, the exact amount to refund, with
 * one breakdown row per rule applied and the warnings a person must see.
 *
 * Every amount is a gint64 count of the order currency's minor unit. The
 * engine is a pure function: no globals, no settings; what comes from
 * Preferences is passed in an RdCalcPolicy.
 */
#pragma once

#include <glib.h>

#include "rd-money.h"

G_BEGIN_DECLS

#define RD_CALC_ERROR (rd_calc_error_quark ())

/* Every error message starts with the field it is about, named the way the
 * JSON input names it: "lines[1].refund_quantity: …". */
typedef enum
{
  RD_CALC_ERROR_INVALID,            /* a value that is not allowed (zero quantity, bad date…) */
  RD_CALC_ERROR_NEGATIVE,           /* a negative amount or quantity */
  RD_CALC_ERROR_QUANTITY,           /* refunding more than is left of a line */
  RD_CALC_ERROR_DISCOUNT,           /* a discount larger than the goods it applies to */
  RD_CALC_ERROR_UNKNOWN_CURRENCY,
  RD_CALC_ERROR_OVERFLOW,           /* amounts too large to compute exactly */
} RdCalcError;

/* What comes from Preferences. Thresholds and the cap are in minor units of
 * CNY; for an order in another currency they are converted at the order's
 * exchange rate, or used as they are when the order has no rate. The shop's
 * policy fills it (rd_policy_to_calc_policy), defaults included. */
typedef struct
{
  gint64 high_ticket_threshold;     /* at or above: wait for the intercept or the inspection */
  gint64 review_threshold;          /* at or above: a second approver */
  gint64 return_shipping_cap;       /* most return shipping reimbursed */
  guint  refund_window_days;        /* days after delivery */
} RdCalcPolicy;

typedef struct
{
  char   *sku;
  char   *name;
  gint64  unit_price;
  gint64  quantity;                 /* ≥ 1 */
  gint64  line_discount;            /* off this line's unit_price × quantity */
  gint64  refunded_quantity;        /* refunded before */
  gint64  refund_quantity;          /* refunded now */
} RdCalcLine;

typedef struct
{
  char     *name;
  gint64    amount;
  gboolean  platform_funded;
} RdCalcDiscount;

typedef struct
{
  char   *name;
  gint64  amount;
} RdCalcDeduction;

typedef struct
{
  char      *currency;              /* ISO 4217 code; NULL means CNY */
  GPtrArray *lines;                 /* of RdCalcLine, owned */
  GPtrArray *discounts;             /* of RdCalcDiscount, owned */
  gint64     shipping_paid;
  gboolean   shipped;
  gboolean   merchant_fault;
  gint64     refunded_before;       /* everything refunded on this order before */
  GPtrArray *deductions;            /* of RdCalcDeduction, owned */
  gint64     return_shipping;       /* what the buyer paid to send the goods back */
  gboolean   has_compensation;
  gint64     compensation;          /* paid instead of a refund */
  char      *exchange_rate;         /* CNY per one unit of currency, exact decimal ("6.8432"); NULL: none */
  GDate      subscription_start;    /* all three valid, or the order is no subscription */
  GDate      subscription_end;
  GDate      subscription_refund_date;
  GDate      delivered_date;        /* both valid: the refund window is checked */
  GDate      refund_date;
  guint      instalments;           /* ≥ 1 */
} RdCalcInput;

typedef struct
{
  char   *sku;
  char   *name;
  gint64  gross;                    /* unit_price × quantity − line_discount */
  gint64  discount_share;           /* this line's share of the order discounts */
  gint64  net;                      /* gross − discount_share: what the buyer paid for the line */
  gint64  refund;                   /* refunded now (after subscription proration) */
} RdCalcLineResult;

typedef struct
{
  char   *rule;                     /* stable id: "goods", "order_discount", "shipping"… */
  gint64  amount;                   /* minor units; what the rule adds to (or takes from) the refund */
  char   *explanation;              /* plain language, in the UI language */
} RdCalcBreakdownRow;

typedef enum
{
  RD_CALC_WARNING_OUTSIDE_WINDOW,
  RD_CALC_WARNING_SECOND_APPROVER,
  RD_CALC_WARNING_HIGH_TICKET,
  RD_CALC_WARNING_CAPPED_PAID,           /* total cut to paid minus refunded before */
  RD_CALC_WARNING_CAPPED_ZERO,           /* deductions larger than the refund: total is 0 */
  RD_CALC_WARNING_CAPPED_RETURN_SHIPPING,
  RD_CALC_WARNING_CAPPED_COMPENSATION,
} RdCalcWarningCode;

typedef struct
{
  RdCalcWarningCode  code;
  char              *text;          /* in the UI language */
} RdCalcWarning;

typedef struct
{
  const RdCurrency *currency;
  GPtrArray *lines;                 /* of RdCalcLineResult, same order as the input */
  gint64     paid;                  /* Σ line net + shipping paid */
  gint64     goods_refund;          /* Σ line refund */
  gint64     shipping_refund;
  gint64     return_shipping_refund;
  gint64     deductions_total;
  gint64     total;                 /* what the buyer gets now */
  gboolean   has_total_cny;
  gint64     total_cny;             /* fen, at the order's exchange rate */
  GArray    *instalments;           /* of gint64, sums to total */
  GPtrArray *breakdown;             /* of RdCalcBreakdownRow */
  GPtrArray *warnings;              /* of RdCalcWarning */
} RdCalcResult;

GQuark            rd_calc_error_quark       (void);

RdCalcLine       *rd_calc_line_new          (const char        *sku,
                                             const char        *name,
                                             gint64             unit_price,
                                             gint64             quantity);
void              rd_calc_line_free         (RdCalcLine        *line);
RdCalcDiscount   *rd_calc_discount_new      (const char        *name,
                                             gint64             amount,
                                             gboolean           platform_funded);
void              rd_calc_discount_free     (RdCalcDiscount    *discount);
RdCalcDeduction  *rd_calc_deduction_new     (const char        *name,
                                             gint64             amount);
void              rd_calc_deduction_free    (RdCalcDeduction   *deduction);

/* An empty CNY order: no lines, shipped, not the merchant's fault, 1 instalment. */
RdCalcInput      *rd_calc_input_new         (void);
void              rd_calc_input_free        (RdCalcInput       *input);
/* Convenience: appends and returns the line (owned by input). */
RdCalcLine       *rd_calc_input_add_line    (RdCalcInput       *input,
                                             const char        *sku,
                                             const char        *name,
                                             gint64             unit_price,
                                             gint64             quantity);

void              rd_calc_result_free       (RdCalcResult      *result);
/* The first warning with that code, or NULL. */
const RdCalcWarning *rd_calc_result_find_warning (const RdCalcResult *result,
                                                  RdCalcWarningCode   code);
/* The first breakdown row with that rule id, or NULL. */
const RdCalcBreakdownRow *rd_calc_result_find_row (const RdCalcResult *result,
                                                   const char         *rule);

/* Parses an exchange rate ("6.8432": CNY per one unit) into rate × 10⁶,
 * exactly; more than six decimals, zero, a sign or anything else is an error. */
gboolean          rd_calc_parse_rate        (const char        *text,
                                             gint64            *out_micro,
                                             GError           **error);

/* Computes the refund. NULL and error set (naming the field) on invalid input. */
RdCalcResult     *rd_calc_compute           (const RdCalcInput  *input,
                                             const RdCalcPolicy *policy,
                                             GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdCalcLine, rd_calc_line_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdCalcDiscount, rd_calc_discount_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdCalcDeduction, rd_calc_deduction_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdCalcInput, rd_calc_input_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdCalcResult, rd_calc_result_free)

G_END_DECLS
