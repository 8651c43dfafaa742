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
 * Accepts an optional sign ("-", "+", "−") before or after the currency's
 * symbol or code ("-¥3.00" and "¥-3.00"; "¥", "￥", "RMB", "CNY" in any
 * case; "JP¥"/"¥" for JPY, "KWD" for KWD), or the code after the number
 * ("12.00 CNY", and "12元" for CNY); thousands separators in the right places
 * ("1,234.50"); a bare fraction (".5" is 0.50); decimals beyond the
 * currency's exponent when they are zeros ("1.500" is 150 fen); and
 * surrounding white space, Unicode included. Rejects, with a reason in the
 * user's language that quotes the text: more decimals than the currency has
 * (PRECISION, "0.001"), exponents, empty text, misplaced separators
 * ("1,23.4"), "1.2.3", "12." and anything else (INVALID), a value beyond
 * gint64 (OVERFLOW), and another currency's symbol or code ("$12" for CNY:
 * UNKNOWN_CURRENCY). On failure *out is left alone. currency NULL means CNY. */
gboolean rd_money_parse    (const char        *text,
                            const RdCurrency  *currency,
                            gint64            *out,
                            GError           **error);

/* "¥1,234.50", "-¥3.00", "¥0.00"; JPY "JP¥1,235", KWD "KWD 1.234".
 * currency NULL means CNY. Every gint64 formats, G_MININT64 included, and
 * rd_money_parse() reads the result back to the same amount. */
char    *rd_money_format   (gint64             amount,
                            const RdCurrency  *currency);
/* The bare decimal: "1234.50", "-3.00", JPY "1235" (JSON, CSV, the command
 * line): no symbol, no grouping. */
char    *rd_money_format_plain (gint64            amount,
                                const RdCurrency *currency);

/* Spreads total over n weights by the largest-remainder (Hamilton) method:
 * shares[i] is floor or ceil of total × weights[i] / Σweights, the shares sum
 * exactly to total, and ties go to the lower index. Weights must be ≥ 0 and
 * not all zero unless total is 0. A negative total is allocated as its
 * absolute value and negated. When |total| ≤ Σweights, no |share| exceeds its
 * weight; a zero weight gets zero. Errors: a negative weight (NEGATIVE),
 * Σweights beyond G_MAXINT64 (OVERFLOW), n == 0 or all weights zero with a
 * nonzero total (DIVISION_BY_ZERO); shares is not written on failure. */
gboolean rd_money_allocate (gint64        total,
                            const gint64 *weights,
                            gsize         n,
                            gint64       *shares,
                            GError      **error);

/* Splits total into n parts that sum exactly and differ by at most one minor
 * unit, the larger parts first (100.00 / 3 → 33.34, 33.33, 33.33; a negative
 * total mirrors it: -33.34, -33.33, -33.33). n == 0 is an error
 * (DIVISION_BY_ZERO) unless total is 0. */
gboolean rd_money_split    (gint64        total,
                            guint         n,
                            gint64       *parts,
                            GError      **error);

G_END_DECLS
