/* test-calc.c
 *
 * The refund calculator: a table of hand-checked orders (the input written
 * as JSON with ' for ", the expected amounts worked out on paper), the
 * invalid inputs and the error each names, and a randomized run of partial
 * refunds that must never exceed and always add up to what was paid.
 */
#include "config.h"

#include <locale.h>

#include "rd-calc.h"
#include "rd-calc-json.h"
#include "rd-calc-paste.h"
#include "rd-policy.h"

typedef struct
{
  const char *name;
  const char *input;        /* JSON with ' for " */
  const char *total;
  const char *refunds;      /* per line, comma-separated; NULL: not checked */
  const char *shares;       /* order-discount share per line; NULL: not checked */
  const char *shipping;     /* shipping refund; NULL: 0 */
  const char *return_shipping; /* NULL: 0 */
  const char *total_cny;    /* NULL: none */
  const char *instalments;  /* NULL: one instalment of the total */
  const char *warnings;     /* codes, comma-separated, in order; "" none */
} Case;

#define L1(price) "{'lines':[{'unit_price':'" price "','quantity':1}]"

static const Case cases[] = {
  /* Taobao's published example: lines paying 79.00 and 119.00 and an order
   * discount of 5.00 → 5 × 79/198 = 1.9949, 5 × 119/198 = 3.0050: floors 1.99
   * and 3.00, the last fen to the larger remainder. */
  { "taobao-both",
    "{'lines':[{'sku':'A','unit_price':'79.00','quantity':1},{'sku':'B','unit_price':'119.00','quantity':1}],"
    "'discounts':[{'name':'coupon','amount':'5.00'}]}",
    "193.00", "77.01,115.99", "1.99,3.01", NULL, NULL, NULL, NULL, "" },
  { "taobao-first",
    "{'lines':[{'unit_price':'79.00','quantity':1},{'unit_price':'119.00','quantity':1,'refund_quantity':0}],"
    "'discounts':[{'name':'coupon','amount':'5.00'}]}",
    "77.01", "77.01,0.00", "1.99,3.01", NULL, NULL, NULL, NULL, "" },
  { "taobao-second",
    "{'lines':[{'unit_price':'79.00','quantity':1,'refund_quantity':0},{'unit_price':'119.00','quantity':1}],"
    "'discounts':[{'name':'coupon','amount':'5.00'}]}",
    "115.99", "0.00,115.99", "1.99,3.01", NULL, NULL, NULL, NULL, "" },
  /* 20 % off goods of 150.00 and 60.00 = 42.00, shared 30.00 / 12.00. */
  { "twenty-percent-first",
    "{'lines':[{'unit_price':'150.00','quantity':1},{'unit_price':'60.00','quantity':1,'refund_quantity':0}],"
    "'discounts':[{'name':'20%','amount':'42.00'}]}",
    "120.00", "120.00,0.00", "30.00,12.00", NULL, NULL, NULL, NULL, "" },
  { "twenty-percent-second",
    "{'lines':[{'unit_price':'150.00','quantity':1,'refund_quantity':0},{'unit_price':'60.00','quantity':1}],"
    "'discounts':[{'name':'20%','amount':'42.00'}]}",
    "48.00", "0.00,48.00", "30.00,12.00", NULL, NULL, NULL, NULL, "" },
  /* 3 × 100.00, 10 % off: net 270.00; returning 2 → floor(270 × 2/3) = 180. */
  { "ten-percent-two-of-three",
    "{'lines':[{'unit_price':'100.00','quantity':3,'refund_quantity':2}],'discounts':[{'amount':'30.00'}]}",
    "180.00", "180.00", "30.00", NULL, NULL, NULL, NULL, "" },
  { "ten-percent-last-of-three",
    "{'lines':[{'unit_price':'100.00','quantity':3,'refunded_quantity':2,'refund_quantity':1}],"
    "'discounts':[{'amount':'30.00'}],'refunded_before':'180.00'}",
    "90.00", "90.00", NULL, NULL, NULL, NULL, NULL, "" },
  /* 3 × 33.33 less 10.00 = 89.99: floor(8999/3) = 2999, floor(8999 × 2/3) =
   * 5999, 8999 → 29.99 + 30.00 + 30.00 = 89.99. */
  { "thirds-first",
    "{'lines':[{'unit_price':'33.33','quantity':3,'refund_quantity':1}],'discounts':[{'amount':'10.00'}]}",
    "29.99", "29.99", "10.00", NULL, NULL, NULL, NULL, "" },
  { "thirds-second",
    "{'lines':[{'unit_price':'33.33','quantity':3,'refunded_quantity':1,'refund_quantity':1}],"
    "'discounts':[{'amount':'10.00'}],'refunded_before':'29.99'}",
    "30.00", "30.00", NULL, NULL, NULL, NULL, NULL, "" },
  { "thirds-third",
    "{'lines':[{'unit_price':'33.33','quantity':3,'refunded_quantity':2,'refund_quantity':1}],"
    "'discounts':[{'amount':'10.00'}],'refunded_before':'59.99'}",
    "30.00", "30.00", NULL, NULL, NULL, NULL, NULL, "" },
  { "thirds-all-at-once",
    "{'lines':[{'unit_price':'33.33','quantity':3}],'discounts':[{'amount':'10.00'}]}",
    "89.99", "89.99", NULL, NULL, NULL, NULL, NULL, "" },
  { "line-discount",
    "{'lines':[{'unit_price':'50.00','quantity':2,'line_discount':'10.00'}]}",
    "90.00", "90.00", NULL, NULL, NULL, NULL, NULL, "" },
  /* 3 × 10.00 less 1.00 = 29.00; one unit: floor(2900/3) = 966. */
  { "line-discount-partial",
    "{'lines':[{'unit_price':'10.00','quantity':3,'line_discount':'1.00','refund_quantity':1}]}",
    "9.66", "9.66", NULL, NULL, NULL, NULL, NULL, "" },
  { "not-shipped-refunds-shipping",
    "{'lines':[{'unit_price':'99.00','quantity':1}],'shipping_paid':'10.00','shipped':false}",
    "109.00", "99.00", NULL, "10.00", NULL, NULL, NULL, "" },
  /* Only part of an unshipped order is cancelled: the rest still ships. */
  { "not-shipped-partial-keeps-shipping",
    "{'lines':[{'unit_price':'50.00','quantity':1},{'unit_price':'30.00','quantity':1,'refund_quantity':0}],"
    "'shipping_paid':'8.00','shipped':false}",
    "50.00", "50.00,0.00", NULL, NULL, NULL, NULL, NULL, "" },
  { "shipped-buyer-keeps-shipping-cost",
    "{'lines':[{'unit_price':'99.00','quantity':1}],'shipping_paid':'10.00','shipped':true}",
    "99.00", "99.00", NULL, NULL, NULL, NULL, NULL, "" },
  { "merchant-fault-shipping-and-return",
    "{'lines':[{'unit_price':'99.00','quantity':1}],'shipping_paid':'10.00','merchant_fault':true,"
    "'return_shipping':'12.00'}",
    "121.00", "99.00", NULL, "10.00", "12.00", NULL, NULL, "" },
  /* The cap from Preferences (15.00 by default) bites. */
  { "return-shipping-cap",
    "{'lines':[{'unit_price':'99.00','quantity':1}],'shipping_paid':'10.00','merchant_fault':true,"
    "'return_shipping':'20.00'}",
    "124.00", "99.00", NULL, "10.00", "15.00", NULL, NULL, "capped_return_shipping" },
  { "return-shipping-not-merchant-fault",
    "{'lines':[{'unit_price':'99.00','quantity':1}],'return_shipping':'20.00'}",
    "99.00", "99.00", NULL, NULL, NULL, NULL, NULL, "" },
  { "return-shipping-cap-from-policy",
    "{'lines':[{'unit_price':'99.00','quantity':1}],'merchant_fault':true,'return_shipping':'20.00',"
    "'policy':{'return_shipping_cap':'25.00'}}",
    "119.00", "99.00", NULL, NULL, "20.00", NULL, NULL, "" },
  /* 50.00 of 100.00 went back before: at most 50.00 is left. */
  { "cap-paid-minus-refunded",
    "{'lines':[{'unit_price':'100.00','quantity':1}],'refunded_before':'50.00'}",
    "50.00", "100.00", NULL, NULL, NULL, NULL, NULL, "capped_paid" },
  /* Return shipping is paid on top of the order's money. */
  { "cap-then-return-shipping",
    "{'lines':[{'unit_price':'100.00','quantity':1}],'refunded_before':'100.00','merchant_fault':true,"
    "'return_shipping':'8.00'}",
    "8.00", "100.00", NULL, NULL, "8.00", NULL, NULL, "capped_paid" },
  { "custom-goods-cost-deducted",
    "{'lines':[{'unit_price':'300.00','quantity':1}],'shipped':false,"
    "'deductions':[{'name':'fabric cut','amount':'120.00'}]}",
    "180.00", "300.00", NULL, NULL, NULL, NULL, NULL, "" },
  { "deductions-never-negative",
    "{'lines':[{'unit_price':'50.00','quantity':1}],'deductions':[{'name':'damage','amount':'60.00'}]}",
    "0.00", "50.00", NULL, NULL, NULL, NULL, NULL, "capped_zero" },
  { "two-deductions",
    "{'lines':[{'unit_price':'190.00','quantity':1}],"
    "'deductions':[{'name':'restocking','amount':'10.00'},{'name':'damage','amount':'25.50'}]}",
    "154.50", "190.00", NULL, NULL, NULL, NULL, NULL, "" },
  { "high-ticket-shipped",
    L1 ("250.00") "}",
    "250.00", "250.00", NULL, NULL, NULL, NULL, NULL, "high_ticket" },
  { "high-ticket-not-shipped",
    "{'lines':[{'unit_price':'250.00','quantity':1}],'shipped':false}",
    "250.00", "250.00", NULL, NULL, NULL, NULL, NULL, "" },
  { "below-high-ticket",
    L1 ("199.99") "}",
    "199.99", "199.99", NULL, NULL, NULL, NULL, NULL, "" },
  { "high-ticket-exactly",
    L1 ("200.00") "}",
    "200.00", "200.00", NULL, NULL, NULL, NULL, NULL, "high_ticket" },
  { "review-threshold",
    L1 ("1200.00") "}",
    "1200.00", "1200.00", NULL, NULL, NULL, NULL, NULL, "second_approver,high_ticket" },
  { "review-threshold-from-policy",
    L1 ("250.00") ",'policy':{'high_ticket_threshold':'300.00','review_threshold':'250.00'}}",
    "250.00", "250.00", NULL, NULL, NULL, NULL, NULL, "second_approver" },
  /* 2026-01-01 → 2027-01-01 is 365 days; from 2026-07-01, 184 are unused. */
  { "subscription-half-year",
    L1 ("365.00") ",'subscription':{'start':'2026-01-01','end':'2027-01-01','refund_date':'2026-07-01'}}",
    "184.00", "184.00", NULL, NULL, NULL, NULL, NULL, "" },
  /* 100.00 × 10/30 = 33.333… → 33.33. */
  { "subscription-thirds",
    L1 ("100.00") ",'subscription':{'start':'2026-01-01','end':'2026-01-31','refund_date':'2026-01-21'}}",
    "33.33", "33.33", NULL, NULL, NULL, NULL, NULL, "" },
  /* 99.99 × 1/2 = 49.995 → 50.00, half away from zero. */
  { "subscription-rounds-half-away",
    L1 ("99.99") ",'subscription':{'start':'2026-03-01','end':'2026-03-03','refund_date':'2026-03-02'}}",
    "50.00", "50.00", NULL, NULL, NULL, NULL, NULL, "" },
  { "subscription-after-end",
    L1 ("99.00") ",'subscription':{'start':'2026-01-01','end':'2026-02-01','refund_date':'2026-03-01'}}",
    "0.00", "0.00", NULL, NULL, NULL, NULL, NULL, "" },
  { "subscription-before-start",
    L1 ("99.00") ",'subscription':{'start':'2026-01-01','end':'2026-02-01','refund_date':'2025-12-01'}}",
    "99.00", "99.00", NULL, NULL, NULL, NULL, NULL, "" },
  /* 10000 JPY × 0.0483 = 483.00 CNY: at or above the 200.00 threshold in CNY. */
  { "jpy",
    "{'currency':'JPY','lines':[{'unit_price':'10000','quantity':1}],'exchange_rate':'0.0483'}",
    "10000", "10000", NULL, NULL, NULL, "483.00", NULL, "high_ticket" },
  /* 1235 JPY × 0.0483 = 59.6505 → 59.65. */
  { "jpy-rounds",
    "{'currency':'JPY','lines':[{'unit_price':'1235','quantity':1}],'exchange_rate':'0.0483'}",
    "1235", "1235", NULL, NULL, NULL, "59.65", NULL, "" },
  /* 1 JPY × 0.045 = 0.045 CNY → 0.05, half away from zero. */
  { "jpy-half-away",
    "{'currency':'JPY','lines':[{'unit_price':'1','quantity':1}],'exchange_rate':'0.045'}",
    "1", "1", NULL, NULL, NULL, "0.05", NULL, "" },
  /* 15.80 USD × 6.8432 = 108.12256 → 108.12. */
  { "usd",
    "{'currency':'USD','lines':[{'unit_price':'15.80','quantity':1}],'exchange_rate':'6.8432'}",
    "15.80", "15.80", NULL, NULL, NULL, "108.12", NULL, "" },
  /* 0.25 USD × 7.1 = 1.775 → 1.78. */
  { "usd-half-away",
    "{'currency':'USD','lines':[{'unit_price':'0.25','quantity':1}],'exchange_rate':'7.1'}",
    "0.25", "0.25", NULL, NULL, NULL, "1.78", NULL, "" },
  /* The 15.00 CNY cap at 7.5 CNY per USD is 2.00 USD. */
  { "usd-return-cap-converted",
    "{'currency':'USD','lines':[{'unit_price':'10.00','quantity':1}],'exchange_rate':'7.5',"
    "'merchant_fault':true,'return_shipping':'5.00'}",
    "12.00", "10.00", NULL, NULL, "2.00", "90.00", NULL, "capped_return_shipping" },
  { "instalments-three",
    L1 ("100.00") ",'instalments':3}",
    "100.00", "100.00", NULL, NULL, NULL, NULL, "33.34,33.33,33.33", "" },
  /* 100000 / 7 = 14285 rest 5. */
  { "instalments-seven",
    L1 ("1000.00") ",'instalments':7,'shipped':false}",
    "1000.00", "1000.00", NULL, NULL, NULL, NULL,
    "142.86,142.86,142.86,142.86,142.86,142.85,142.85", "second_approver" },
  { "instalments-more-than-fen",
    L1 ("0.02") ",'instalments':3}",
    "0.02", "0.02", NULL, NULL, NULL, NULL, "0.01,0.01,0.00", "" },
  { "compensation",
    L1 ("100.00") ",'compensation':'20.00'}",
    "20.00", "0.00", NULL, NULL, NULL, NULL, NULL, "" },
  { "compensation-capped",
    L1 ("100.00") ",'compensation':'20.00','refunded_before':'90.00'}",
    "10.00", "0.00", NULL, NULL, NULL, NULL, NULL, "capped_compensation" },
  /* The buyer paid 90.00: the platform's 10.00 is not the buyer's money. */
  { "platform-funded-discount",
    L1 ("100.00") ",'discounts':[{'name':'platform coupon','amount':'10.00','platform_funded':true}]}",
    "90.00", "90.00", "10.00", NULL, NULL, NULL, NULL, "" },
  { "two-discounts",
    "{'lines':[{'unit_price':'60.00','quantity':1},{'unit_price':'40.00','quantity':1,'refund_quantity':0}],"
    "'discounts':[{'name':'shop','amount':'7.00'},{'name':'platform','amount':'3.00','platform_funded':true}]}",
    "54.00", "54.00,0.00", "6.00,4.00", NULL, NULL, NULL, NULL, "" },
  /* Three equal remainders: the fen goes to the first line. */
  { "remainder-tie-to-first",
    "{'lines':[{'unit_price':'1.00','quantity':1},{'unit_price':'1.00','quantity':1},{'unit_price':'1.00','quantity':1}],"
    "'discounts':[{'amount':'0.01'}]}",
    "2.99", "0.99,1.00,1.00", "0.01,0.00,0.00", NULL, NULL, NULL, NULL, "" },
  { "gift-line-gets-no-discount",
    "{'lines':[{'unit_price':'100.00','quantity':1},{'name':'gift','unit_price':'0.00','quantity':1}],"
    "'discounts':[{'amount':'10.00'}]}",
    "90.00", "90.00,0.00", "10.00,0.00", NULL, NULL, NULL, NULL, "" },
  /* The refund that completes the order brings the shipping with it. */
  { "completing-refund-brings-shipping",
    "{'lines':[{'unit_price':'50.00','quantity':2,'refunded_quantity':1,'refund_quantity':1}],"
    "'shipping_paid':'6.00','merchant_fault':true,'refunded_before':'50.00'}",
    "56.00", "50.00", NULL, "6.00", NULL, NULL, NULL, "" },
  { "outside-window",
    L1 ("20.00") ",'delivered':'2026-03-01','refund_date':'2026-03-09'}",
    "20.00", "20.00", NULL, NULL, NULL, NULL, NULL, "outside_window" },
  { "last-day-of-window",
    L1 ("20.00") ",'delivered':'2026-03-01','refund_date':'2026-03-08'}",
    "20.00", "20.00", NULL, NULL, NULL, NULL, NULL, "" },
  { "window-from-policy",
    L1 ("20.00") ",'delivered':'2026-03-01','refund_date':'2026-03-09','policy':{'refund_window_days':15}}",
    "20.00", "20.00", NULL, NULL, NULL, NULL, NULL, "" },
};

/* Helpers */

static char *
quote (const char *text)
{
  char *json = g_strdup (text);

  g_strdelimit (json, "'", '"');
  return json;
}

static gint64
amount (const char       *text,
        const RdCurrency *currency)
{
  g_autoptr(GError) error = NULL;
  gint64 value = 0;

  g_assert_true (rd_money_parse (text, currency, &value, &error));
  g_assert_no_error (error);
  return value;
}

static void
assert_list (const char       *expected,
             const gint64     *values,
             guint             n,
             const RdCurrency *currency)
{
  g_auto(GStrv) parts = g_strsplit (expected, ",", -1);

  g_assert_cmpuint (g_strv_length (parts), ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (values[i], ==, amount (parts[i], currency));
}

/* The calculator's policy as the window and `refund-desk calc` get it:
 * from the shop's defaults. */
static void
init_default_policy (RdCalcPolicy *policy)
{
  g_auto(RdPolicy) defaults;

  rd_policy_init_defaults (&defaults);
  rd_policy_to_calc_policy (&defaults, policy);
}

static RdCalcResult *
compute_json (const char    *input_text,
              RdCalcPolicy  *policy,
              GError       **error)
{
  g_autofree char *json = quote (input_text);
  g_autoptr(RdCalcInput) input = NULL;

  init_default_policy (policy);
  input = rd_calc_input_from_json_data (json, -1, policy, error);
  if (input == NULL)
    return NULL;

  return rd_calc_compute (input, policy, error);
}

/* Tests */

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCalcResult) result = NULL;
  g_autoptr(GString) codes = g_string_new (NULL);
  g_autofree gint64 *values = NULL;
  RdCalcPolicy policy;
  const RdCurrency *currency;
  gint64 sum = 0;
  guint n;

  result = compute_json (c->input, &policy, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  currency = result->currency;
  n = result->lines->len;

  g_assert_cmpint (result->total, ==, amount (c->total, currency));

  values = g_new0 (gint64, MAX (n, result->instalments->len));
  if (c->refunds != NULL)
    {
      for (guint i = 0; i < n; i++)
        values[i] = ((RdCalcLineResult *) g_ptr_array_index (result->lines, i))->refund;
      assert_list (c->refunds, values, n, currency);
    }
  if (c->shares != NULL)
    {
      for (guint i = 0; i < n; i++)
        values[i] = ((RdCalcLineResult *) g_ptr_array_index (result->lines, i))->discount_share;
      assert_list (c->shares, values, n, currency);
    }

  g_assert_cmpint (result->shipping_refund, ==, c->shipping ? amount (c->shipping, currency) : 0);
  g_assert_cmpint (result->return_shipping_refund, ==,
                   c->return_shipping ? amount (c->return_shipping, currency) : 0);

  g_assert_cmpint (result->has_total_cny, ==, c->total_cny != NULL);
  if (c->total_cny != NULL)
    g_assert_cmpint (result->total_cny, ==, amount (c->total_cny, rd_currency_lookup ("CNY")));

  if (c->instalments != NULL)
    assert_list (c->instalments, &g_array_index (result->instalments, gint64, 0),
                 result->instalments->len, currency);
  else
    {
      g_assert_cmpuint (result->instalments->len, ==, 1);
      g_assert_cmpint (g_array_index (result->instalments, gint64, 0), ==, result->total);
    }

  for (guint i = 0; i < result->warnings->len; i++)
    {
      const RdCalcWarning *warning = g_ptr_array_index (result->warnings, i);

      if (codes->len > 0)
        g_string_append_c (codes, ',');
      g_string_append (codes, rd_calc_warning_code_to_string (warning->code));
      g_assert_true (warning->text != NULL && *warning->text != '\0');
    }
  g_assert_cmpstr (codes->str, ==, c->warnings);

  /* The breakdown explains the whole total: its rows add up to it, and
   * every row says something. */
  for (guint i = 0; i < result->breakdown->len; i++)
    {
      const RdCalcBreakdownRow *row = g_ptr_array_index (result->breakdown, i);

      g_assert_true (row->explanation != NULL && *row->explanation != '\0');
      sum += row->amount;
    }
  g_assert_cmpint (sum, ==, result->total);
}

typedef struct
{
  const char  *input;
  RdCalcError  code;
  const char  *message;      /* the start of the message */
} ErrorCase;

static const ErrorCase error_cases[] = {
  { "{'lines':[{'unit_price':'10.00','quantity':1},{'unit_price':'5.00','quantity':3,'refunded_quantity':1,'refund_quantity':3}]}",
    RD_CALC_ERROR_QUANTITY, "lines[1].refund_quantity: 3 is more than the 2 left to refund" },
  { "{'lines':[{'unit_price':'10.00','quantity':2,'refunded_quantity':3}]}",
    RD_CALC_ERROR_QUANTITY, "lines[0].refunded_quantity: 3 is more than the quantity ordered (2)" },
  { "{'lines':[{'unit_price':'-1.00','quantity':1}]}",
    RD_CALC_ERROR_NEGATIVE, "lines[0].unit_price: must not be negative" },
  { "{'lines':[{'unit_price':'1.00','quantity':-1}]}",
    RD_CALC_ERROR_NEGATIVE, "lines[0].quantity: must not be negative" },
  { "{'lines':[{'unit_price':'1.00','quantity':0}]}",
    RD_CALC_ERROR_INVALID, "lines[0].quantity: must be at least 1" },
  { "{'lines':[{'unit_price':'1.00','quantity':1,'refund_quantity':-1}]}",
    RD_CALC_ERROR_NEGATIVE, "lines[0].refund_quantity: must not be negative" },
  { "{'lines':[{'unit_price':'10.00','quantity':1}],'shipping_paid':'-5.00'}",
    RD_CALC_ERROR_NEGATIVE, "shipping_paid: must not be negative" },
  { "{'lines':[{'unit_price':'10.00','quantity':1}],'deductions':[{'name':'x','amount':'-1.00'}]}",
    RD_CALC_ERROR_NEGATIVE, "deductions[0].amount: must not be negative" },
  { "{'lines':[{'unit_price':'10.00','quantity':1}],'return_shipping':'-1.00'}",
    RD_CALC_ERROR_NEGATIVE, "return_shipping: must not be negative" },
  { "{'lines':[{'unit_price':'10.00','quantity':1},{'unit_price':'5.00','quantity':1}],'discounts':[{'amount':'10.00'},{'amount':'5.01'}]}",
    RD_CALC_ERROR_DISCOUNT, "discounts[1].amount: the order discounts (¥15.01) are more than the goods (¥15.00)" },
  { "{'lines':[{'unit_price':'10.00','quantity':2,'line_discount':'20.01'}]}",
    RD_CALC_ERROR_DISCOUNT, "lines[0].line_discount: the discount ¥20.01 is more than the line’s goods (¥20.00)" },
  { "{'currency':'XYZ','lines':[{'unit_price':'10.00','quantity':1}]}",
    RD_CALC_ERROR_UNKNOWN_CURRENCY, "currency: “XYZ” is not a currency Refund Desk knows" },
  { "{'lines':[{'unit_price':'10.00','quantity':1}],'refunded_before':'10.01'}",
    RD_CALC_ERROR_INVALID, "refunded_before: ¥10.01 is more than the ¥10.00 paid for the order" },
  { "{'lines':[]}",
    RD_CALC_ERROR_INVALID, "lines: an order needs at least one line" },
  { "{'lines':[{'unit_price':'10.00','quantity':1}],'instalments':0}",
    RD_CALC_ERROR_INVALID, "instalments: must be between 1 and 1000" },
  { "{'lines':[{'unit_price':'10.00','quantity':1}],'exchange_rate':'6.1234567'}",
    RD_CALC_ERROR_INVALID, "exchange_rate: “6.1234567” has more than six decimals" },
  { "{'lines':[{'unit_price':'10.00','quantity':1}],'exchange_rate':'0'}",
    RD_CALC_ERROR_INVALID, "exchange_rate: the rate must be more than zero" },
  { "{'lines':[{'unit_price':'10.00','quantity':1}],'subscription':{'start':'2026-02-01','end':'2026-01-01','refund_date':'2026-01-15'}}",
    RD_CALC_ERROR_INVALID, "subscription.end: the end must be after the start" },
  { "{'lines':[{'unit_price':'10.00','quantity':1}],'subscription':{'start':'2026-01-01','end':'2026-02-01'}}",
    RD_CALC_ERROR_INVALID, "subscription.refund_date: a subscription needs a start, an end and a refund date" },
  { "{'lines':[{'unit_price':'10.00','quantity':1}],'delivered':'2026-03-10','refund_date':'2026-03-01'}",
    RD_CALC_ERROR_INVALID, "refund_date: the refund date is before the delivery date" },
  /* Dates are exactly YYYY-MM-DD: no sign, no spaces, no short year. */
  { "{'lines':[{'unit_price':'10.00','quantity':1}],'delivered':'-026-11-30','refund_date':'2026-12-01'}",
    RD_CALC_ERROR_INVALID, "delivered: “-026-11-30” is not a date; write it as YYYY-MM-DD" },
  { "{'lines':[{'unit_price':'10.00','quantity':1}],'delivered':'2026-11-01','refund_date':'+026-11-12'}",
    RD_CALC_ERROR_INVALID, "refund_date: “+026-11-12” is not a date; write it as YYYY-MM-DD" },
  { "{'lines':[{'unit_price':'10.00','quantity':1}],'delivered':' 2026-1-01','refund_date':'2026-11-12'}",
    RD_CALC_ERROR_INVALID, "delivered: “ 2026-1-01” is not a date; write it as YYYY-MM-DD" },
  /* A NUL would cut the amount short ("33.33"); a second key would
   * silently win. Both are refused, naming the place. */
  { "{'lines':[{'unit_price':'33.33\\u00001','quantity':1}]}",
    RD_CALC_ERROR_INVALID, "Not valid JSON: the text of “lines[0].unit_price” contains a NUL character" },
  { "{'lines':[{'unit_price':'10.00','quantity':1,'quantity':2}]}",
    RD_CALC_ERROR_INVALID, "Not valid JSON: the key “lines[0].quantity” appears more than once" },
  { "{'lines':[{'unit_price':'10.00','quantity':1}],'currency':'CNY','currency':'USD'}",
    RD_CALC_ERROR_INVALID, "Not valid JSON: the key “currency” appears more than once" },
  { "{'lines':[{'unit_price':'92233720368547758.07','quantity':2}]}",
    RD_CALC_ERROR_OVERFLOW, "lines[0].unit_price: the amounts are too large to compute exactly" },
};

static void
test_errors (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      const ErrorCase *c = &error_cases[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(RdCalcResult) result = NULL;
      RdCalcPolicy policy;

      result = compute_json (c->input, &policy, &error);
      g_assert_null (result);
      g_assert_error (error, RD_CALC_ERROR, (gint) c->code);
      g_assert_true (g_str_has_prefix (error->message, c->message));
    }
}

/* The engine used directly, without JSON: the struct API the window uses. */
static void
test_struct_api (void)
{
  g_autoptr(RdCalcInput) input = rd_calc_input_new ();
  g_autoptr(RdCalcResult) result = NULL;
  g_autoptr(GError) error = NULL;
  RdCalcPolicy policy;
  RdCalcLine *line;
  const RdCalcBreakdownRow *row;

  init_default_policy (&policy);
  g_assert_cmpint (policy.high_ticket_threshold, ==, 20000);
  g_assert_cmpint (policy.review_threshold, ==, 100000);
  g_assert_cmpint (policy.return_shipping_cap, ==, 1500);
  g_assert_cmpuint (policy.refund_window_days, ==, 7);

  line = rd_calc_input_add_line (input, "A-1", "Shirt", 7900, 1);
  line->refund_quantity = 1;
  line = rd_calc_input_add_line (input, "B-2", "Jeans", 11900, 1);
  line->refund_quantity = 1;
  g_ptr_array_add (input->discounts, rd_calc_discount_new ("coupon", 500, FALSE));
  input->shipping_paid = 1000;
  input->shipped = FALSE;

  result = rd_calc_compute (input, &policy, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->paid, ==, 20300);
  g_assert_cmpint (result->total, ==, 20300);
  g_assert_cmpint (result->goods_refund, ==, 19300);
  g_assert_cmpint (result->shipping_refund, ==, 1000);

  row = rd_calc_result_find_row (result, "order_discount");
  g_assert_nonnull (row);
  g_assert_cmpint (row->amount, ==, -500);
  g_assert_nonnull (strstr (row->explanation, "¥1.99"));
  g_assert_nonnull (strstr (row->explanation, "¥3.01"));
  row = rd_calc_result_find_row (result, "shipping");
  g_assert_cmpint (row->amount, ==, 1000);
  g_assert_null (rd_calc_result_find_row (result, "return_shipping"));

  /* Not shipped: no need to wait for an intercept, whatever the amount. */
  policy.high_ticket_threshold = 19000;
  g_clear_pointer (&result, rd_calc_result_free);
  result = rd_calc_compute (input, &policy, &error);
  g_assert_no_error (error);
  g_assert_null (rd_calc_result_find_warning (result, RD_CALC_WARNING_HIGH_TICKET));
  input->shipped = TRUE;
  g_clear_pointer (&result, rd_calc_result_free);
  result = rd_calc_compute (input, &policy, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->total, ==, 19300);
  g_assert_nonnull (rd_calc_result_find_warning (result, RD_CALC_WARNING_HIGH_TICKET));

  /* An unknown currency in the struct is an error too. */
  input->currency = g_strdup ("ABC");
  g_clear_pointer (&result, rd_calc_result_free);
  result = rd_calc_compute (input, &policy, &error);
  g_assert_null (result);
  g_assert_error (error, RD_CALC_ERROR, RD_CALC_ERROR_UNKNOWN_CURRENCY);
}

static void
test_parse_rate (void)
{
  static const struct { const char *text; gint64 micro; } good[] = {
    { "6.8432", 6843200 }, { "1", 1000000 }, { "0.000001", 1 }, { "7.", 7000000 },
    { ".5", 500000 }, { "1000000", G_GINT64_CONSTANT (1000000000000) },
  };
  static const char *const bad[] = { "", ".", "-1", "+1", "1e3", "1,5", "6.84321234", "0.0000001", "1000001", "1.2.3", " 1" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 micro = 0;

      g_assert_true (rd_calc_parse_rate (good[i].text, &micro, &error));
      g_assert_no_error (error);
      g_assert_cmpint (micro, ==, good[i].micro);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 micro = -1;

      g_assert_false (rd_calc_parse_rate (bad[i], &micro, &error));
      g_assert_error (error, RD_CALC_ERROR, RD_CALC_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, "exchange_rate: "));
      g_assert_cmpint (micro, ==, -1);
    }
}

/* 100,000 random orders, each refunded in random partial steps in random
 * order: no step ever exceeds what is left of the payment, and the steps
 * add up exactly to what was paid (with the shipping when it is refunded). */
static void
test_random_partial_refunds (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261122);
  RdCalcPolicy policy;
  guint64 steps = 0;

  init_default_policy (&policy);

  for (guint order = 0; order < 100000; order++)
    {
      g_autoptr(RdCalcInput) input = rd_calc_input_new ();
      guint n = g_rand_int_range (rand, 1, 5);
      gint64 goods = 0;
      gint64 refunded = 0;
      gint64 paid = 0;
      gint64 line_refunded[4] = { 0, };

      for (guint i = 0; i < n; i++)
        {
          RdCalcLine *line = rd_calc_input_add_line (input, NULL, NULL,
                                                     g_rand_int_range (rand, 0, 100000),
                                                     g_rand_int_range (rand, 1, 8));
          gint64 gross = line->unit_price * line->quantity;

          if (g_rand_boolean (rand))
            line->line_discount = g_rand_int_range (rand, 0, (gint32) MIN (gross, G_MAXINT32 - 1) + 1);
          goods += gross - line->line_discount;
        }

      if (goods > 0 && g_rand_boolean (rand))
        g_ptr_array_add (input->discounts,
                         rd_calc_discount_new ("d", g_rand_int_range (rand, 0, (gint32) MIN (goods, G_MAXINT32 - 1) + 1), FALSE));
      input->shipping_paid = g_rand_int_range (rand, 0, 3) == 0 ? 0 : g_rand_int_range (rand, 1, 2000);
      input->shipped = g_rand_boolean (rand);
      input->merchant_fault = g_rand_boolean (rand);

      while (TRUE)
        {
          g_autoptr(RdCalcResult) result = NULL;
          g_autoptr(GError) error = NULL;
          gboolean any = FALSE;

          /* Each step refunds a random part of a random set of lines. */
          for (guint i = 0; i < n; i++)
            {
              RdCalcLine *line = g_ptr_array_index (input->lines, i);
              gint64 left = line->quantity - line->refunded_quantity;

              line->refund_quantity = 0;
              if (left > 0 && g_rand_boolean (rand))
                {
                  line->refund_quantity = g_rand_int_range (rand, 1, (gint32) left + 1);
                  any = TRUE;
                }
            }
          if (!any)
            {
              gboolean done = TRUE;

              for (guint i = 0; i < n; i++)
                {
                  RdCalcLine *line = g_ptr_array_index (input->lines, i);
                  if (line->refunded_quantity < line->quantity)
                    done = FALSE;
                }
              if (done)
                break;
              continue;
            }

          input->refunded_before = refunded;
          result = rd_calc_compute (input, &policy, &error);
          g_assert_no_error (error);
          steps++;

          g_assert_cmpint (result->total, >=, 0);
          g_assert_cmpint (result->total, <=, result->paid - refunded);
          g_assert_null (rd_calc_result_find_warning (result, RD_CALC_WARNING_CAPPED_PAID));
          refunded += result->total;

          for (guint i = 0; i < n; i++)
            {
              RdCalcLine *line = g_ptr_array_index (input->lines, i);
              const RdCalcLineResult *out = g_ptr_array_index (result->lines, i);

              line_refunded[i] += out->refund;
              line->refunded_quantity += line->refund_quantity;
              g_assert_cmpint (line_refunded[i], <=, out->net);
              if (line->refunded_quantity == line->quantity)
                g_assert_cmpint (line_refunded[i], ==, out->net);
            }
          paid = result->paid;
        }

      if (!input->shipped || input->merchant_fault)
        g_assert_cmpint (refunded, ==, paid);
      else
        g_assert_cmpint (refunded, ==, paid - input->shipping_paid);
    }

  g_test_message ("%" G_GUINT64_FORMAT " partial refunds computed", steps);
}

/* Every order of the table survives rd_calc_input_to_json and the stored
 * breakdown: read back, it computes the very same result, and the result
 * read back from the stored breakdown has the very same figures. */
static void
test_input_round_trip (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = quote (cases[i].input);
      g_autoptr(RdCalcInput) input = NULL;
      g_autoptr(RdCalcInput) again = NULL;
      g_autoptr(RdCalcInput) stored = NULL;
      g_autoptr(RdCalcResult) result = NULL;
      g_autoptr(RdCalcResult) result_again = NULL;
      g_autoptr(RdCalcResult) result_stored = NULL;
      g_autoptr(RdCalcResult) result_read = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      g_autofree char *text_again = NULL;
      g_autofree char *text_stored = NULL;
      g_autofree char *text_read = NULL;
      g_autofree char *breakdown = NULL;
      RdCalcPolicy policy;

      init_default_policy (&policy);
      input = rd_calc_input_from_json_data (json, -1, &policy, NULL);
      if (input == NULL || (result = rd_calc_compute (input, &policy, NULL)) == NULL)
        continue;

      node = rd_calc_input_to_json (input);
      again = rd_calc_input_from_json (node, NULL, &error);
      g_assert_no_error (error);
      result_again = rd_calc_compute (again, &policy, &error);
      g_assert_no_error (error);

      breakdown = rd_calc_breakdown_to_json_data (input, result);
      stored = rd_calc_input_from_breakdown (breakdown, &error);
      g_assert_no_error (error);
      result_stored = rd_calc_compute (stored, &policy, &error);
      g_assert_no_error (error);

      text = rd_calc_result_to_json_data (result, FALSE);
      text_again = rd_calc_result_to_json_data (result_again, FALSE);
      text_stored = rd_calc_result_to_json_data (result_stored, FALSE);
      g_assert_cmpstr (text_again, ==, text);
      g_assert_cmpstr (text_stored, ==, text);

      result_read = rd_calc_result_from_breakdown (breakdown, &error);
      g_assert_no_error (error);
      g_assert_true (result_read->currency == result->currency);
      g_assert_cmpint (result_read->total, ==, result->total);
      text_read = rd_calc_result_to_json_data (result_read, FALSE);
      g_assert_cmpstr (text_read, ==, text);
    }
}

static void
test_input_from_breakdown_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCalcInput) input = NULL;

  input = rd_calc_input_from_breakdown ("{\"total\": \"1.00\"}", &error);
  g_assert_null (input);
  g_assert_error (error, RD_CALC_ERROR, RD_CALC_ERROR_INVALID);
  g_clear_error (&error);

  input = rd_calc_input_from_breakdown ("{", &error);
  g_assert_null (input);
  g_assert_error (error, RD_CALC_ERROR, RD_CALC_ERROR_INVALID);
}

static char *
nested (const char *open,
        const char *close,
        guint       depth)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (text, open);
  for (guint i = 0; close != NULL && i < depth; i++)
    g_string_append (text, close);
  return g_string_free (text, FALSE);
}

/* Anything but a breakdown the calculator wrote is refused with an error
 * naming what is wrong, and nothing crashes: not JSON, not an object, each
 * member missing or of the wrong type, and 100000 nested arrays or objects. */
static void
test_result_from_breakdown_errors (void)
{
  static const char *const members[] = {
    "currency", "total", "paid", "lines", "goods_refund", "shipping_refund",
    "return_shipping_refund", "deductions_total", "instalments", "breakdown",
    "warnings", "warning_codes",
  };
  static const struct
  {
    const char *text;      /* ' for " */
    const char *message;   /* the start of the error */
  } bad[] = {
    { "", "The stored breakdown is not a JSON object" },
    { "{", "Not valid JSON" },
    { "[]", "The stored breakdown is not a JSON object" },
    { "'108.00'", "The stored breakdown is not a JSON object" },
    { "{'currency':'XXX','total':'1.00'}", "currency: " },
    { "{'currency':'CNY','total':108}", "total: an amount is a decimal string" },
    { "{'currency':'CNY','total':'1.001'}", "total: “1.001”" },
  };
  /* A case with a warning and a line, all members present. */
  g_autoptr(RdCalcResult) result = NULL;
  g_autoptr(RdCalcInput) input = NULL;
  g_autofree char *json = quote (L1 ("300.00") "}");
  g_autofree char *breakdown = NULL;
  RdCalcPolicy policy;

  init_default_policy (&policy);
  input = rd_calc_input_from_json_data (json, -1, &policy, NULL);
  result = rd_calc_compute (input, &policy, NULL);
  g_assert_cmpuint (result->warnings->len, >, 0);
  breakdown = rd_calc_breakdown_to_json_data (input, result);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *text = quote (bad[i].text);
      g_autoptr(GError) error = NULL;
      g_autoptr(RdCalcResult) read = rd_calc_result_from_breakdown (text, &error);

      g_assert_null (read);
      g_assert_nonnull (error);
      g_assert_true (error->domain == RD_CALC_ERROR);
      g_assert_true (g_str_has_prefix (error->message, bad[i].message));
    }

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(RdCalcResult) read = NULL;
      g_autofree char *text = NULL;
      g_autofree char *expected = g_strdup_printf ("%s: ", members[i]);
      JsonObject *root;

      /* Missing, then of the wrong type. */
      g_assert_true (json_parser_load_from_data (parser, breakdown, -1, NULL));
      root = json_node_get_object (json_parser_get_root (parser));
      json_object_remove_member (root, members[i]);
      text = json_to_string (json_parser_get_root (parser), FALSE);
      read = rd_calc_result_from_breakdown (text, &error);
      g_assert_null (read);
      g_assert_error (error, RD_CALC_ERROR, RD_CALC_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, expected));
      g_clear_error (&error);
      g_clear_pointer (&text, g_free);

      json_object_set_boolean_member (root, members[i], TRUE);
      text = json_to_string (json_parser_get_root (parser), FALSE);
      read = rd_calc_result_from_breakdown (text, &error);
      g_assert_null (read);
      g_assert_error (error, RD_CALC_ERROR, RD_CALC_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, expected));
    }

  /* Deep nesting, closed or not, in arrays and objects: refused before
   * json-glib would recurse 100000 times. */
  {
    g_autofree char *arrays = nested ("[", "]", 100000);
    g_autofree char *open_arrays = nested ("[", NULL, 100000);
    g_autofree char *objects = nested ("{\"a\":", NULL, 100000);
    const char *texts[] = { arrays, open_arrays, objects };

    for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(RdCalcResult) read = rd_calc_result_from_breakdown (texts[i], &error);
        g_autoptr(RdCalcInput) order = rd_calc_input_from_json_data (texts[i], -1, NULL, NULL);

        g_assert_null (read);
        g_assert_null (order);
        g_assert_error (error, RD_CALC_ERROR, RD_CALC_ERROR_INVALID);
        g_assert_true (g_str_has_prefix (error->message, "Not valid JSON: nested more than"));
      }
  }

  /* Brackets inside a string are text, not nesting. */
  {
    g_autofree char *brackets = nested ("[", NULL, 1000);
    g_autofree char *text = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(RdCalcResult) read = NULL;
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *row;

    g_assert_true (json_parser_load_from_data (parser, breakdown, -1, NULL));
    row = json_array_get_object_element (json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                                                       "breakdown"), 0);
    json_object_set_string_member (row, "explanation", brackets);
    text = json_to_string (json_parser_get_root (parser), FALSE);
    read = rd_calc_result_from_breakdown (text, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (((RdCalcBreakdownRow *) g_ptr_array_index (read->breakdown, 0))->explanation, ==, brackets);
  }
}

/* Lines pasted from a spreadsheet (tabs) or typed with commas; a header row
 * is skipped; every bad row is reported by its number. */
static void
test_paste (void)
{
  const char *text =
    "Name\tSKU\tPrice\tQty\n"
    "Green tea 250 g\tTEA-1\t79.00\t1\n"
    "\n"
    "  \"Teapot\" , POT-2 , 119.00 , 2 , 1 \n"
    "Cup\tCUP\t12.345\t1\n"
    "Saucer\tS\t3.00\ttwo\n"
    "Spoon\tSP\t2.00\n"
    "Tray\t\t-1.00\t1\n"
    "Lid\tLID\t1,234.50\t3\t\n";
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) lines = rd_calc_paste_parse (text, NULL, &problems);
  RdCalcLine *line;

  g_assert_cmpuint (lines->len, ==, 3);
  line = g_ptr_array_index (lines, 0);
  g_assert_cmpstr (line->name, ==, "Green tea 250 g");
  g_assert_cmpstr (line->sku, ==, "TEA-1");
  g_assert_cmpint (line->unit_price, ==, 7900);
  g_assert_cmpint (line->quantity, ==, 1);
  g_assert_cmpint (line->refund_quantity, ==, 1);
  line = g_ptr_array_index (lines, 1);
  g_assert_cmpstr (line->name, ==, "Teapot");
  g_assert_cmpstr (line->sku, ==, "POT-2");
  g_assert_cmpint (line->unit_price, ==, 11900);
  g_assert_cmpint (line->quantity, ==, 2);
  g_assert_cmpint (line->refund_quantity, ==, 1);
  line = g_ptr_array_index (lines, 2);
  g_assert_cmpstr (line->sku, ==, "LID");
  g_assert_cmpint (line->unit_price, ==, 123450);
  g_assert_cmpint (line->quantity, ==, 3);
  g_assert_cmpint (line->refund_quantity, ==, 3);

  g_assert_nonnull (problems);
  g_assert_cmpuint (problems->len, ==, 4);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 0), "Row 5: "));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 1), "Row 6: "));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 2), "Row 7: "));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 3), "Row 8: "));
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 1), "two"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/rd/calc/case/%s", cases[i].name);
      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/rd/calc/errors", test_errors);
  g_test_add_func ("/rd/calc/struct-api", test_struct_api);
  g_test_add_func ("/rd/calc/parse-rate", test_parse_rate);
  g_test_add_func ("/rd/calc/random-partial-refunds", test_random_partial_refunds);
  g_test_add_func ("/rd/calc/input-round-trip", test_input_round_trip);
  g_test_add_func ("/rd/calc/input-from-breakdown-errors", test_input_from_breakdown_errors);
  g_test_add_func ("/rd/calc/result-from-breakdown-errors", test_result_from_breakdown_errors);
  g_test_add_func ("/rd/calc/paste", test_paste);

  return g_test_run ();
}
