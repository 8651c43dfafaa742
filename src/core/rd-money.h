/* rd-money.h
 *
 * Money is a gint64 count of the currency's minor unit (fen for CNY). Every
 * operation is exact and overflow-checked; there is no double anywhere here.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RD_MONEY_ERROR (rd_money_error_quark ())

typedef enum
{
  RD_MONEY_ERROR_OVERFLOW,          /* result does not fit in gint64 */
  RD_MONEY_ERROR_INVALID,           /* not an amount: "", "abc", "1e3", "1..2" */
  RD_MONEY_ERROR_PRECISION,         /* more decimals than the currency has: "0.001" for CNY */
  RD_MONEY_ERROR_DIVISION_BY_ZERO,
  RD_MONEY_ERROR_UNKNOWN_CURRENCY,
  RD_MONEY_ERROR_NEGATIVE,          /* a negative weight, or a negative amount where none is allowed */
} RdMoneyError;

typedef enum
{
  RD_ROUND_HALF_AWAY_FROM_ZERO,     /* 2.5 → 3, -2.5 → -3 */
  RD_ROUND_FLOOR,                   /* towards minus infinity */
  RD_ROUND_CEIL,                    /* towards plus infinity */
  RD_ROUND_TRUNCATE,                /* towards zero */
  RD_ROUND_HALF_EVEN,               /* banker's rounding */
} RdRounding;

/* A currency: ISO 4217 code, the symbol shown before amounts, and the number
 * of decimal digits of its minor unit (CNY 2, JPY 0, KWD 3). */
typedef struct
{
  const char *code;
  const char *symbol;
  guint       exponent;
} RdCurrency;

GQuark            rd_money_error_quark   (void);

/* NULL when the code is not known. Case-insensitive ("cny" works). */
const RdCurrency *rd_currency_lookup     (const char *code);
/* CNY; never NULL. */
const RdCurrency *rd_currency_default    (void);
/* Every currency known, in a fixed order, NULL-terminated table. */
const RdCurrency *const *rd_currency_list (void);

gboolean rd_money_add      (gint64       a,
                            gint64       b,
                            gint64      *out,
                            GError     **error);
gboolean rd_money_sub      (gint64       a,
                            gint64       b,
                            gint64      *out,
                            GError     **error);
gboolean rd_money_mul      (gint64       a,
                            gint64       factor,
                            gint64      *out,
                            GError     **error);
/* out = round (a / divisor) */
gboolean rd_money_div      (gint64       a,
                            gint64       divisor,
                            RdRounding   rounding,
                            gint64      *out,
                            GError     **error);
/* out = round (a × numerator / denominator), with an exact 128-bit
 * intermediate: no overflow unless the result itself does not fit. */
gboolean rd_money_mul_div  (gint64       a,
                            gint64       numerator,
                            gint64       denominator,
                            RdRounding   rounding,
                            gint64      *out,
                            GError     **error);

/* Parses a decimal amount in the major unit into minor units, exactly.
 * Accepts an optional sign, the currency's symbol or code ("¥", "￥", "CNY"),
 * thousands separators in the right places ("1,234.50"), and surrounding
 * white space. Rejects more decimals than the currency has, exponents,
 * empty text and anything else, with a reason in the user's language.
 * currency NULL means CNY. */
gboolean rd_money_parse    (const char        *text,
                            const RdCurrency  *currency,
                            gint64            *out,
                            GError           **error);

/* "¥1,234.50", "-¥3.00", "¥0.00"; JPY "¥1,235", KWD "KWD 1.234". */
char    *rd_money_format   (gint64             amount,
                            const RdCurrency  *currency);
/* The bare decimal: "1234.50", "-3.00" (JSON, CSV, the command line). */
char    *rd_money_format_plain (gint64            amount,
                                const RdCurrency *currency);

/* Spreads total over n weights by the largest-remainder (Hamilton) method:
 * shares[i] is floor or ceil of total × weights[i] / Σweights, the shares sum
 * exactly to total, and ties go to the lower index. Weights must be ≥ 0 and
 * not all zero unless total is 0. A negative total is allocated as its
 * absolute value and negated. When |total| ≤ Σweights, no |share| exceeds its
 * weight. */
gboolean rd_money_allocate (gint64        total,
                            const gint64 *weights,
                            gsize         n,
                            gint64       *shares,
                            GError      **error);

/* Splits total into n parts that sum exactly and differ by at most one minor
 * unit, the larger parts first (100.00 / 3 → 33.34, 33.33, 33.33). */
gboolean rd_money_split    (gint64        total,
                            guint         n,
                            gint64       *parts,
                            GError      **error);

G_END_DECLS
