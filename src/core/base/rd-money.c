/* rd-money.c
 *
 * Exact money: gint64 counts of a currency's minor unit, checked arithmetic
 * with a 128-bit intermediate, exact parsing and formatting, and the
 * largest-remainder allocation. There is no floating point in this file.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rd-money.h"

#ifndef __SIZEOF_INT128__
# error "rd-money.c needs a 128-bit integer type (__int128, gcc or clang on a 64-bit target)"
#endif

typedef __int128 RdInt128;
typedef unsigned __int128 RdUInt128;

/* 2^63, the magnitude of G_MININT64. */
#define MAGNITUDE_MIN64 ((guint64) G_MAXINT64 + 1)
/* The largest exponent for which 10^exponent fits in a gint64. */
#define MAX_EXPONENT 18

G_DEFINE_QUARK (rd-money-error-quark, rd_money_error)

static const RdCurrency currencies[] = {
  { "CNY", "¥", 2 },
  { "USD", "$", 2 },
  { "EUR", "€", 2 },
  { "HKD", "HK$", 2 },
  { "TWD", "NT$", 2 },
  { "GBP", "£", 2 },
  { "KRW", "₩", 0 },
  { "JPY", "JP¥", 0 },
  { "KWD", "KWD ", 3 },
};

static const RdCurrency *const currency_list[] = {
  &currencies[0], &currencies[1], &currencies[2], &currencies[3], &currencies[4],
  &currencies[5], &currencies[6], &currencies[7], &currencies[8],
  NULL
};

G_STATIC_ASSERT (G_N_ELEMENTS (currency_list) == G_N_ELEMENTS (currencies) + 1);

/* Text that may stand before (or after) an amount to name its currency,
 * besides the ISO codes, which are always accepted. "¥" and "￥" name both
 * the yuan and the yen: they are accepted for either. */
typedef struct
{
  const char *text;
  const char *code;
} CurrencyMarker;

static const CurrencyMarker markers[] = {
  { "¥", "CNY" },
  { "￥", "CNY" },
  { "RMB", "CNY" },
  { "元", "CNY" },
  { "$", "USD" },
  { "US$", "USD" },
  { "€", "EUR" },
  { "HK$", "HKD" },
  { "NT$", "TWD" },
  { "£", "GBP" },
  { "₩", "KRW" },
  { "￦", "KRW" },
  { "JP¥", "JPY" },
  { "¥", "JPY" },
  { "￥", "JPY" },
  { "円", "JPY" },
};

static guint64
power_of_ten (guint exponent)
{
  guint64 p = 1;

  for (guint i = 0; i < exponent; i++)
    p *= 10;

  return p;
}

/* The gint64 whose magnitude is m, negated; m ≤ 2^63. */
static gint64
negate_magnitude (guint64 m)
{
  if (m == 0)
    return 0;
  return -(gint64) (m - 1) - 1;
}

static guint64
magnitude_of (gint64 v)
{
  if (v >= 0)
    return (guint64) v;
  return (guint64) (-(v + 1)) + 1;
}

static void
set_overflow_error (GError **error)
{
  g_set_error_literal (error, RD_MONEY_ERROR, RD_MONEY_ERROR_OVERFLOW,
                       _("The result is too large to be an amount"));
}

/* q = round (n / d), d ≠ 0; FALSE when q does not fit in a gint64. */
static gboolean
divide_rounded (RdInt128    n,
                RdInt128    d,
                RdRounding  rounding,
                gint64     *out)
{
  RdInt128 q = n / d;
  RdInt128 r = n % d;
  RdInt128 abs_r2;
  RdInt128 abs_d;
  int sign;

  if (r != 0)
    {
      /* The sign of the exact quotient. */
      sign = ((n < 0) != (d < 0)) ? -1 : 1;
      abs_r2 = 2 * (r < 0 ? -r : r);
      abs_d = d < 0 ? -d : d;

      switch (rounding)
        {
        case RD_ROUND_TRUNCATE:
          break;
        case RD_ROUND_FLOOR:
          if (sign < 0)
            q -= 1;
          break;
        case RD_ROUND_CEIL:
          if (sign > 0)
            q += 1;
          break;
        case RD_ROUND_HALF_AWAY_FROM_ZERO:
          if (abs_r2 >= abs_d)
            q += sign;
          break;
        case RD_ROUND_HALF_EVEN:
          if (abs_r2 > abs_d || (abs_r2 == abs_d && (q & 1) != 0))
            q += sign;
          break;
        default:
          g_return_val_if_reached (FALSE);
        }
    }

  if (q > G_MAXINT64 || q < G_MININT64)
    return FALSE;

  *out = (gint64) q;
  return TRUE;
}

const RdCurrency *
rd_currency_lookup (const char *code)
{
  if (code == NULL)
    return NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (currencies); i++)
    if (g_ascii_strcasecmp (currencies[i].code, code) == 0)
      return &currencies[i];

  return NULL;
}

const RdCurrency *
rd_currency_default (void)
{
  return &currencies[0];
}

const RdCurrency *const *
rd_currency_list (void)
{
  return currency_list;
}

gboolean
rd_money_add (gint64   a,
              gint64   b,
              gint64  *out,
              GError **error)
{
  gint64 r;

  g_return_val_if_fail (out != NULL, FALSE);

  if (__builtin_add_overflow (a, b, &r))
    {
      set_overflow_error (error);
      return FALSE;
    }

  *out = r;
  return TRUE;
}

gboolean
rd_money_sub (gint64   a,
              gint64   b,
              gint64  *out,
              GError **error)
{
  gint64 r;

  g_return_val_if_fail (out != NULL, FALSE);

  if (__builtin_sub_overflow (a, b, &r))
    {
      set_overflow_error (error);
      return FALSE;
    }

  *out = r;
  return TRUE;
}

gboolean
rd_money_mul (gint64   a,
              gint64   factor,
              gint64  *out,
              GError **error)
{
  gint64 r;

  g_return_val_if_fail (out != NULL, FALSE);

  if (__builtin_mul_overflow (a, factor, &r))
    {
      set_overflow_error (error);
      return FALSE;
    }

  *out = r;
  return TRUE;
}

gboolean
rd_money_div (gint64       a,
              gint64       divisor,
              RdRounding   rounding,
              gint64      *out,
              GError     **error)
{
  return rd_money_mul_div (a, 1, divisor, rounding, out, error);
}

gboolean
rd_money_mul_div (gint64       a,
                  gint64       numerator,
                  gint64       denominator,
                  RdRounding   rounding,
                  gint64      *out,
                  GError     **error)
{
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (rounding <= RD_ROUND_HALF_EVEN, FALSE);

  if (denominator == 0)
    {
      g_set_error_literal (error, RD_MONEY_ERROR, RD_MONEY_ERROR_DIVISION_BY_ZERO,
                           _("Cannot divide an amount by zero"));
      return FALSE;
    }

  /* |a × numerator| ≤ 2^126: exact in a signed 128-bit integer. */
  if (!divide_rounded ((RdInt128) a * numerator, denominator, rounding, out))
    {
      set_overflow_error (error);
      return FALSE;
    }

  return TRUE;
}

/* Parsing */

static gboolean
is_space_at (const char *p)
{
  return g_unichar_isspace (g_utf8_get_char (p));
}

static const char *
skip_spaces (const char *p,
             const char *end)
{
  while (p < end && is_space_at (p))
    p = g_utf8_next_char (p);
  return p;
}

/* Consumes a sign at *p: "-", "+" or the minus sign U+2212. */
static gboolean
read_sign (const char **p,
           const char  *end,
           gboolean    *negative)
{
  if (*p >= end)
    return FALSE;

  if (**p == '-' || **p == '+')
    {
      *negative = (**p == '-');
      *p += 1;
      return TRUE;
    }
  if (end - *p >= 3 && strncmp (*p, "−", 3) == 0)
    {
      *negative = TRUE;
      *p += 3;
      return TRUE;
    }

  return FALSE;
}

/* Consumes the longest currency marker at *p (a symbol from the marker
 * table or an ISO code not followed by a letter). Sets *matches to whether it
 * names @currency. FALSE when there is none. */
static gboolean
read_marker (const char        **p,
             const char         *end,
             const RdCurrency   *currency,
             gboolean           *matches)
{
  gsize best_len = 0;
  gboolean best_matches = FALSE;
  gsize avail = end - *p;
  gsize own_len;

  for (gsize i = 0; i < G_N_ELEMENTS (markers); i++)
    {
      gsize len = strlen (markers[i].text);
      gboolean same = g_ascii_strcasecmp (markers[i].code, currency->code) == 0;

      if (len > avail || strncmp (*p, markers[i].text, len) != 0)
        continue;
      if (len > best_len)
        {
          best_len = len;
          best_matches = same;
        }
      else if (len == best_len && same)
        best_matches = TRUE;
    }

  /* @currency's own symbol, for a currency the tables do not know. */
  own_len = strlen (currency->symbol);
  while (own_len > 0 && currency->symbol[own_len - 1] == ' ')
    own_len--;
  if (own_len > 0 && own_len <= avail && own_len >= best_len
      && strncmp (*p, currency->symbol, own_len) == 0)
    {
      best_len = own_len;
      best_matches = TRUE;
    }

  /* ISO codes, in any case, of every known currency and of @currency. */
  for (gsize i = 0; i <= G_N_ELEMENTS (currencies); i++)
    {
      const RdCurrency *c = i < G_N_ELEMENTS (currencies) ? &currencies[i] : currency;
      gsize len = strlen (c->code);

      if (len == 0 || len > avail || g_ascii_strncasecmp (*p, c->code, len) != 0)
        continue;
      if (len < avail && g_ascii_isalpha ((*p)[len]))
        continue;
      if (len > best_len)
        {
          best_len = len;
          best_matches = (c == currency || g_ascii_strcasecmp (c->code, currency->code) == 0);
        }
      else if (len == best_len && g_ascii_strcasecmp (c->code, currency->code) == 0)
        best_matches = TRUE;
    }

  if (best_len == 0)
    return FALSE;

  *p += best_len;
  *matches = best_matches;
  return TRUE;
}

static gboolean
set_parse_error (GError     **error,
                 int          code,
                 const char  *format,
                 const char  *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  g_set_error (error, RD_MONEY_ERROR, code, format, valid);
#pragma GCC diagnostic pop

  return FALSE;
}

gboolean
rd_money_parse (const char        *text,
                const RdCurrency  *currency,
                gint64            *out,
                GError           **error)
{
  g_autofree char *trimmed = NULL;
  const char *p;
  const char *end;
  const char *int_start;
  const char *int_end;
  const char *frac_start = NULL;
  const char *frac_end = NULL;
  gboolean negative = FALSE;
  gboolean have_sign = FALSE;
  gboolean have_marker = FALSE;
  gboolean matches = FALSE;
  guint64 limit;
  guint64 value = 0;
  gsize frac_len;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (currency == NULL)
    currency = rd_currency_default ();
  g_return_val_if_fail (currency->exponent <= MAX_EXPONENT, FALSE);

  if (!g_utf8_validate (text, -1, NULL))
    /* Translators: %s is the text typed as an amount */
    return set_parse_error (error, RD_MONEY_ERROR_INVALID, _("“%s” is not an amount"), text);

  /* Surrounding white space, Unicode included (U+3000, no-break space). */
  p = text;
  end = text + strlen (text);
  p = skip_spaces (p, end);
  while (end > p)
    {
      const char *prev = g_utf8_prev_char (end);
      if (!is_space_at (prev))
        break;
      end = prev;
    }
  trimmed = g_strndup (p, end - p);

  if (p == end)
    {
      g_set_error_literal (error, RD_MONEY_ERROR, RD_MONEY_ERROR_INVALID,
                           _("The amount is empty"));
      return FALSE;
    }

  /* [sign] [marker [space]] [sign] number [[space] marker] */
  have_sign = read_sign (&p, end, &negative);
  if (read_marker (&p, end, currency, &matches))
    {
      have_marker = TRUE;
      if (!matches)
        goto other_currency;
      p = skip_spaces (p, end);
      if (!have_sign)
        have_sign = read_sign (&p, end, &negative);
    }

  /* The integer part: plain digits, or groups of three after a first group
   * of one to three, separated by commas. */
  int_start = p;
  while (p < end && g_ascii_isdigit (*p))
    p++;
  if (p < end && *p == ',')
    {
      if (p == int_start || p - int_start > 3)
        goto misplaced_separator;
      while (p < end && *p == ',')
        {
          const char *group = ++p;
          while (p < end && g_ascii_isdigit (*p))
            p++;
          if (p - group != 3)
            goto misplaced_separator;
        }
    }
  int_end = p;

  if (p < end && *p == '.')
    {
      frac_start = ++p;
      while (p < end && g_ascii_isdigit (*p))
        p++;
      frac_end = p;
      if (p < end && *p == '.')
        /* Translators: %s is the text typed as an amount */
        return set_parse_error (error, RD_MONEY_ERROR_INVALID,
                                _("“%s” has more than one decimal point"), trimmed);
      if (p < end && *p == ',')
        goto misplaced_separator;
      if (frac_start == frac_end)
        /* Translators: %s is the text typed as an amount */
        return set_parse_error (error, RD_MONEY_ERROR_INVALID,
                                _("“%s” has no digits after the decimal point"), trimmed);
    }

  /* ".5" is accepted as 0.5; "." alone and "-" alone are not amounts. */
  if (int_start == int_end && frac_start == NULL)
    goto not_an_amount;

  if (p < end && (*p == 'e' || *p == 'E'))
    /* Translators: %s is the text typed as an amount, like "1e3" */
    return set_parse_error (error, RD_MONEY_ERROR_INVALID,
                            _("“%s” uses an exponent; write the amount out in full"), trimmed);

  if (p < end && !have_marker)
    {
      const char *q = skip_spaces (p, end);

      if (read_marker (&q, end, currency, &matches))
        {
          if (!matches)
            goto other_currency;
          p = q;
        }
    }

  if (p != end)
    goto not_an_amount;

  /* Decimals beyond the currency's exponent must be zeros: "1.500" is 1.50
   * exactly, "0.001" cannot be said in fen. */
  frac_len = frac_start != NULL ? (gsize) (frac_end - frac_start) : 0;
  for (gsize i = currency->exponent; i < frac_len; i++)
    if (frac_start[i] != '0')
      {
        if (currency->exponent == 0)
          /* Translators: the first %s is the text typed as an amount, the
           * second a currency code such as JPY */
          g_set_error (error, RD_MONEY_ERROR, RD_MONEY_ERROR_PRECISION,
                       _("“%s” has decimals, but %s amounts are whole numbers"),
                       trimmed, currency->code);
        else
          /* Translators: the first %s is the text typed as an amount, the
           * second a currency code such as CNY */
          g_set_error (error, RD_MONEY_ERROR, RD_MONEY_ERROR_PRECISION,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "“%s” has too many decimals: %s amounts have at most %u decimal",
                                    "“%s” has too many decimals: %s amounts have at most %u decimals",
                                    currency->exponent),
                       trimmed, currency->code, currency->exponent);
        return FALSE;
      }

  /* The integer digits, then exactly exponent decimals (padded with 0). */
  limit = negative ? MAGNITUDE_MIN64 : (guint64) G_MAXINT64;
  for (const char *s = int_start; s < int_end; s++)
    {
      guint digit;

      if (*s == ',')
        continue;
      digit = *s - '0';
      if (value > (limit - digit) / 10)
        goto too_large;
      value = value * 10 + digit;
    }
  for (guint i = 0; i < currency->exponent; i++)
    {
      guint digit = i < frac_len ? (guint) (frac_start[i] - '0') : 0;

      if (value > (limit - digit) / 10)
        goto too_large;
      value = value * 10 + digit;
    }

  *out = negative ? negate_magnitude (value) : (gint64) value;
  return TRUE;

too_large:
  /* Translators: %s is the text typed as an amount */
  return set_parse_error (error, RD_MONEY_ERROR_OVERFLOW,
                          _("“%s” is too large to be an amount"), trimmed);

misplaced_separator:
  /* Translators: %s is the text typed as an amount, like "1,23.4" */
  return set_parse_error (error, RD_MONEY_ERROR_INVALID,
                          _("“%s” has a thousands separator in the wrong place"), trimmed);

not_an_amount:
  /* Translators: %s is the text typed as an amount */
  return set_parse_error (error, RD_MONEY_ERROR_INVALID, _("“%s” is not an amount"), trimmed);

other_currency:
  /* Translators: the first %s is the text typed as an amount, the second
   * the currency expected, a code such as CNY */
  g_set_error (error, RD_MONEY_ERROR, RD_MONEY_ERROR_UNKNOWN_CURRENCY,
               _("“%s” is in another currency, not %s"), trimmed, currency->code);
  return FALSE;
}

/* Formatting */

static char *
format_amount (gint64             amount,
               const RdCurrency  *currency,
               gboolean           decorated)
{
  GString *s;
  char digits[24];
  guint64 mag;
  guint64 scale;
  guint64 major;
  guint64 minor;
  gsize len;

  if (currency == NULL)
    currency = rd_currency_default ();
  g_return_val_if_fail (currency->exponent <= MAX_EXPONENT, NULL);

  mag = magnitude_of (amount);
  scale = power_of_ten (currency->exponent);
  major = mag / scale;
  minor = mag % scale;

  s = g_string_new (NULL);
  if (amount < 0)
    g_string_append_c (s, '-');
  if (decorated)
    g_string_append (s, currency->symbol);

  len = g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, major);
  for (gsize i = 0; i < len; i++)
    {
      if (decorated && i > 0 && (len - i) % 3 == 0)
        g_string_append_c (s, ',');
      g_string_append_c (s, digits[i]);
    }

  if (currency->exponent > 0)
    g_string_append_printf (s, ".%0*" G_GUINT64_FORMAT, (int) currency->exponent, minor);

  return g_string_free (s, FALSE);
}

char *
rd_money_format (gint64             amount,
                 const RdCurrency  *currency)
{
  return format_amount (amount, currency, TRUE);
}

char *
rd_money_format_plain (gint64            amount,
                       const RdCurrency *currency)
{
  return format_amount (amount, currency, FALSE);
}

/* Allocation */

typedef struct
{
  guint64 remainder;
  gsize   index;
} Remainder;

static int
compare_remainders (gconstpointer a,
                    gconstpointer b)
{
  const Remainder *ra = a;
  const Remainder *rb = b;

  /* Largest remainder first; ties to the lower index. */
  if (ra->remainder != rb->remainder)
    return ra->remainder > rb->remainder ? -1 : 1;
  if (ra->index != rb->index)
    return ra->index < rb->index ? -1 : 1;
  return 0;
}

gboolean
rd_money_allocate (gint64        total,
                   const gint64 *weights,
                   gsize         n,
                   gint64       *shares,
                   GError      **error)
{
  g_autofree Remainder *rest = NULL;
  g_autofree guint64 *quota = NULL;
  guint64 magnitude;
  guint64 sum = 0;
  guint64 given = 0;
  guint64 left;

  g_return_val_if_fail (n == 0 || weights != NULL, FALSE);
  g_return_val_if_fail (n == 0 || shares != NULL, FALSE);

  for (gsize i = 0; i < n; i++)
    {
      if (weights[i] < 0)
        {
          g_set_error_literal (error, RD_MONEY_ERROR, RD_MONEY_ERROR_NEGATIVE,
                               _("Cannot spread an amount by a negative weight"));
          return FALSE;
        }
      sum += (guint64) weights[i];
      if (sum > (guint64) G_MAXINT64)
        {
          g_set_error_literal (error, RD_MONEY_ERROR, RD_MONEY_ERROR_OVERFLOW,
                               _("The weights are too large to add up"));
          return FALSE;
        }
    }

  if (sum == 0)
    {
      if (total != 0)
        {
          g_set_error_literal (error, RD_MONEY_ERROR, RD_MONEY_ERROR_DIVISION_BY_ZERO,
                               n == 0
                               ? _("Cannot spread an amount over no lines")
                               : _("Cannot spread an amount over nothing: every weight is zero"));
          return FALSE;
        }
      for (gsize i = 0; i < n; i++)
        shares[i] = 0;
      return TRUE;
    }

  magnitude = magnitude_of (total);
  rest = g_new (Remainder, n);
  quota = g_new (guint64, n);

  /* Each share is kept as a magnitude (≤ 2^63) until the end. */
  for (gsize i = 0; i < n; i++)
    {
      RdUInt128 product = (RdUInt128) magnitude * (guint64) weights[i];

      quota[i] = (guint64) (product / sum);
      rest[i].remainder = (guint64) (product % sum);
      rest[i].index = i;
      given += quota[i];
    }

  /* Σ floor ≤ magnitude, and what is left is less than n: the lines with
   * the largest remainders get one minor unit more. */
  left = magnitude - given;
  if (left > 0)
    {
      qsort (rest, n, sizeof *rest, compare_remainders);
      for (guint64 k = 0; k < left; k++)
        quota[rest[k].index] += 1;
    }

  for (gsize i = 0; i < n; i++)
    shares[i] = total < 0 ? negate_magnitude (quota[i]) : (gint64) quota[i];

  return TRUE;
}

gboolean
rd_money_split (gint64    total,
                guint     n,
                gint64   *parts,
                GError  **error)
{
  guint64 magnitude;
  guint64 base;
  guint64 extra;

  g_return_val_if_fail (n == 0 || parts != NULL, FALSE);

  if (n == 0)
    {
      if (total == 0)
        return TRUE;
      g_set_error_literal (error, RD_MONEY_ERROR, RD_MONEY_ERROR_DIVISION_BY_ZERO,
                           _("Cannot split an amount into zero parts"));
      return FALSE;
    }

  magnitude = magnitude_of (total);
  base = magnitude / n;
  extra = magnitude % n;

  for (guint i = 0; i < n; i++)
    {
      guint64 m = base + (i < extra ? 1 : 0);
      parts[i] = total < 0 ? negate_magnitude (m) : (gint64) m;
    }

  return TRUE;
}
