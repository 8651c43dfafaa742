/* test-money.c — exact money: parse, format, checked arithmetic, allocation. */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "rd-money.h"

#define ALL_ROUNDINGS 5
#define ALL 0x1f /* overflows in every rounding mode */
#define BIT(r) (1u << (r))

static const RdCurrency *
currency (const char *code)
{
  const RdCurrency *c = rd_currency_lookup (code);

  g_assert_nonnull (c);
  return c;
}

/* Currencies */

static void
test_currency_lookup (void)
{
  const RdCurrency *const *list = rd_currency_list ();
  static const struct { const char *code; const char *symbol; guint exponent; } expected[] = {
    { "CNY", "¥", 2 }, { "USD", "$", 2 }, { "EUR", "€", 2 }, { "HKD", "HK$", 2 },
    { "TWD", "NT$", 2 }, { "GBP", "£", 2 }, { "KRW", "₩", 0 }, { "JPY", "JP¥", 0 },
    { "KWD", "KWD ", 3 },
  };
  gsize n = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const RdCurrency *c = currency (expected[i].code);
      g_autofree char *lower = g_ascii_strdown (expected[i].code, -1);

      g_assert_cmpstr (c->code, ==, expected[i].code);
      g_assert_cmpstr (c->symbol, ==, expected[i].symbol);
      g_assert_cmpuint (c->exponent, ==, expected[i].exponent);
      g_assert_true (rd_currency_lookup (lower) == c);
      g_assert_true (list[i] == c);
    }
  while (list[n] != NULL)
    n++;
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected));

  g_assert_cmpstr (rd_currency_default ()->code, ==, "CNY");
  g_assert_null (rd_currency_lookup ("XXX"));
  g_assert_null (rd_currency_lookup (""));
  g_assert_null (rd_currency_lookup (NULL));
}

/* Parsing */

typedef struct
{
  const char *text;
  const char *currency;   /* NULL: CNY */
  gint64      value;
} ParseGood;

static const ParseGood parse_good[] = {
  { "12.5", NULL, 1250 },
  { "12.50", NULL, 1250 },
  { "12", NULL, 1200 },
  { "0", NULL, 0 },
  { "-0.00", NULL, 0 },
  { "0.01", NULL, 1 },
  { "1,234.50", NULL, 123450 },
  { "1,234,567.89", NULL, 123456789 },
  { "1234567.89", NULL, 123456789 },
  { "¥1,234.50", NULL, 123450 },
  { "￥1,234.50", NULL, 123450 },
  { "CNY 12.00", NULL, 1200 },
  { "cny 12", NULL, 1200 },
  { "CNY12", NULL, 1200 },
  { "RMB 8.8", NULL, 880 },
  { "12.00 CNY", NULL, 1200 },
  { "12元", NULL, 1200 },
  { "¥ 12", NULL, 1200 },
  { "-3", NULL, -300 },
  { "+3", NULL, 300 },
  { "−3", NULL, -300 },             /* U+2212 MINUS SIGN */
  { "-¥3.00", NULL, -300 },
  { "¥-3.00", NULL, -300 },
  { "+¥3.00", NULL, 300 },
  { "  12.5\t\n", NULL, 1250 },
  { "\u300012.5\u3000", NULL, 1250 },  /* ideographic space */
  { "\u00a0¥12\u00a0", NULL, 1200 },   /* no-break space */
  { ".5", NULL, 50 },
  { "-.5", NULL, -50 },
  { "007.10", NULL, 710 },
  { "1.500", NULL, 150 },            /* trailing zeros are exact */
  { "92233720368547758.07", NULL, G_MAXINT64 },
  { "92,233,720,368,547,758.07", NULL, G_MAXINT64 },
  { "-92233720368547758.08", NULL, G_MININT64 },
  { "-¥92,233,720,368,547,758.08", NULL, G_MININT64 },
  { "$19.99", "USD", 1999 },
  { "US$19.99", "USD", 1999 },
  { "USD 19.99", "USD", 1999 },
  { "€1.00", "EUR", 100 },
  { "HK$12.30", "HKD", 1230 },
  { "NT$1,000", "TWD", 100000 },
  { "£0.99", "GBP", 99 },
  { "₩1,000", "KRW", 1000 },
  { "JP¥1,235", "JPY", 1235 },
  { "¥1235", "JPY", 1235 },
  { "1235.0", "JPY", 1235 },
  { "9223372036854775807", "JPY", G_MAXINT64 },
  { "KWD 1.234", "KWD", 1234 },
  { "-KWD 0.001", "KWD", -1 },
  { "KWD 1.2", "KWD", 1200 },
};

typedef struct
{
  const char *text;
  const char *currency;
  int         code;
} ParseBad;

static const ParseBad parse_bad[] = {
  { "0.001", NULL, RD_MONEY_ERROR_PRECISION },
  { "¥12.345", NULL, RD_MONEY_ERROR_PRECISION },
  { "1.5", "JPY", RD_MONEY_ERROR_PRECISION },
  { "1.2345", "KWD", RD_MONEY_ERROR_PRECISION },
  { "1e3", NULL, RD_MONEY_ERROR_INVALID },
  { "1E3", NULL, RD_MONEY_ERROR_INVALID },
  { "1.5e-2", NULL, RD_MONEY_ERROR_INVALID },
  { "", NULL, RD_MONEY_ERROR_INVALID },
  { "   ", NULL, RD_MONEY_ERROR_INVALID },
  { "abc", NULL, RD_MONEY_ERROR_INVALID },
  { "12abc", NULL, RD_MONEY_ERROR_INVALID },
  { "NaN", NULL, RD_MONEY_ERROR_INVALID },
  { "inf", NULL, RD_MONEY_ERROR_INVALID },
  { "0x10", NULL, RD_MONEY_ERROR_INVALID },
  { "1,23.4", NULL, RD_MONEY_ERROR_INVALID },
  { "1,2345", NULL, RD_MONEY_ERROR_INVALID },
  { "1234,567", NULL, RD_MONEY_ERROR_INVALID },
  { ",123", NULL, RD_MONEY_ERROR_INVALID },
  { "1,,234", NULL, RD_MONEY_ERROR_INVALID },
  { "1,234,", NULL, RD_MONEY_ERROR_INVALID },
  { "1.234,50", NULL, RD_MONEY_ERROR_INVALID },
  { "1 234", NULL, RD_MONEY_ERROR_INVALID },
  { "1.2.3", NULL, RD_MONEY_ERROR_INVALID },
  { "12.", NULL, RD_MONEY_ERROR_INVALID },
  { ".", NULL, RD_MONEY_ERROR_INVALID },
  { "-", NULL, RD_MONEY_ERROR_INVALID },
  { "¥", NULL, RD_MONEY_ERROR_INVALID },
  { "--3", NULL, RD_MONEY_ERROR_INVALID },
  { "-¥-3", NULL, RD_MONEY_ERROR_INVALID },
  { "+-3", NULL, RD_MONEY_ERROR_INVALID },
  { "- 3", NULL, RD_MONEY_ERROR_INVALID },
  { "3-", NULL, RD_MONEY_ERROR_INVALID },
  { "¥12元", NULL, RD_MONEY_ERROR_INVALID },
  { "CNYX 12", NULL, RD_MONEY_ERROR_INVALID },
  { "\xff\xfe", NULL, RD_MONEY_ERROR_INVALID },
  { "92233720368547758.08", NULL, RD_MONEY_ERROR_OVERFLOW },
  { "-92233720368547758.09", NULL, RD_MONEY_ERROR_OVERFLOW },
  { "99999999999999999999", NULL, RD_MONEY_ERROR_OVERFLOW },
  { "100000000000000000000000000000", NULL, RD_MONEY_ERROR_OVERFLOW },
  { "9223372036854775808", "JPY", RD_MONEY_ERROR_OVERFLOW },
  { "$12.00", NULL, RD_MONEY_ERROR_UNKNOWN_CURRENCY },
  { "USD 12", NULL, RD_MONEY_ERROR_UNKNOWN_CURRENCY },
  { "12 USD", NULL, RD_MONEY_ERROR_UNKNOWN_CURRENCY },
  { "JP¥100", NULL, RD_MONEY_ERROR_UNKNOWN_CURRENCY },
  { "-€3", NULL, RD_MONEY_ERROR_UNKNOWN_CURRENCY },
  { "HK$1", "USD", RD_MONEY_ERROR_UNKNOWN_CURRENCY },
  { "¥12", "USD", RD_MONEY_ERROR_UNKNOWN_CURRENCY },
  { "KWD 1.000", NULL, RD_MONEY_ERROR_UNKNOWN_CURRENCY },
  { "CNY 1", "JPY", RD_MONEY_ERROR_UNKNOWN_CURRENCY },
};

static void
test_parse_good (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (parse_good); i++)
    {
      const ParseGood *t = &parse_good[i];
      const RdCurrency *c = t->currency ? currency (t->currency) : NULL;
      g_autoptr(GError) error = NULL;
      gint64 value = 42;

      g_test_message ("parse “%s”", t->text);
      g_assert_true (rd_money_parse (t->text, c, &value, &error));
      g_assert_no_error (error);
      g_assert_cmpint (value, ==, t->value);
    }
}

static void
test_parse_bad (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (parse_bad); i++)
    {
      const ParseBad *t = &parse_bad[i];
      const RdCurrency *c = t->currency ? currency (t->currency) : NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *stripped = g_strstrip (g_strdup (t->text));
      g_autofree char *escaped = g_strescape (t->text, NULL);
      gint64 value = 42;

      g_test_message ("parse “%s”", escaped);
      g_assert_false (rd_money_parse (t->text, c, &value, &error));
      g_assert_error (error, RD_MONEY_ERROR, t->code);
      g_assert_cmpint (value, ==, 42);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      /* The reason quotes what was typed, so the user sees what is wrong. */
      if (*stripped != '\0' && g_utf8_validate (stripped, -1, NULL))
        g_assert_nonnull (strstr (error->message, stripped));
    }
}

/* The reasons are in the user's language. */
static void
test_parse_error_translated (void)
{
  const char *localedir = g_getenv ("REFUND_DESK_LOCALEDIR");
  g_autofree char *old_locale = g_strdup (setlocale (LC_ALL, NULL));
  g_autoptr(GError) error = NULL;
  g_autofree char *mo = NULL;
  gint64 value;

  if (localedir == NULL)
    {
      g_test_skip ("REFUND_DESK_LOCALEDIR is not set");
      return;
    }
  mo = g_build_filename (localedir, "zh_CN", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (!g_file_test (mo, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the zh_CN catalogue is not built");
      return;
    }
  if (setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
    {
      g_test_skip ("the zh_CN.UTF-8 locale is not installed");
      return;
    }
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  g_assert_false (rd_money_parse ("0.001", NULL, &value, &error));
  g_assert_error (error, RD_MONEY_ERROR, RD_MONEY_ERROR_PRECISION);
  g_assert_nonnull (strstr (error->message, "0.001"));
  g_assert_nonnull (strstr (error->message, "小数"));
  g_clear_error (&error);

  g_assert_false (rd_money_parse ("1,23.4", NULL, &value, &error));
  g_assert_nonnull (strstr (error->message, "1,23.4"));
  g_assert_nonnull (strstr (error->message, "千位分隔符"));

  setlocale (LC_ALL, old_locale);
}

/* A currency built by the caller, not in the table, formats and parses. */
static void
test_parse_custom_currency (void)
{
  static const RdCurrency bhd = { "BHD", "BD ", 3 };
  g_autofree char *formatted = rd_money_format (-1234567, &bhd);
  g_autoptr(GError) error = NULL;
  gint64 value = 0;

  g_assert_cmpstr (formatted, ==, "-BD 1,234.567");
  g_assert_true (rd_money_parse (formatted, &bhd, &value, &error));
  g_assert_no_error (error);
  g_assert_cmpint (value, ==, -1234567);
  g_assert_true (rd_money_parse ("bhd 0.5", &bhd, &value, &error));
  g_assert_cmpint (value, ==, 500);
  g_assert_false (rd_money_parse ("¥1", &bhd, &value, &error));
  g_assert_error (error, RD_MONEY_ERROR, RD_MONEY_ERROR_UNKNOWN_CURRENCY);
}

/* Formatting */

typedef struct
{
  gint64      amount;
  const char *currency;
  const char *formatted;
  const char *plain;
} FormatCase;

static const FormatCase format_cases[] = {
  { 123450, "CNY", "¥1,234.50", "1234.50" },
  { -300, "CNY", "-¥3.00", "-3.00" },
  { 0, "CNY", "¥0.00", "0.00" },
  { 5, "CNY", "¥0.05", "0.05" },
  { -5, "CNY", "-¥0.05", "-0.05" },
  { 99999, "CNY", "¥999.99", "999.99" },
  { 100000, "CNY", "¥1,000.00", "1000.00" },
  { 123456789, "CNY", "¥1,234,567.89", "1234567.89" },
  { G_MAXINT64, "CNY", "¥92,233,720,368,547,758.07", "92233720368547758.07" },
  { G_MININT64, "CNY", "-¥92,233,720,368,547,758.08", "-92233720368547758.08" },
  { 1235, "JPY", "JP¥1,235", "1235" },
  { -1235, "JPY", "-JP¥1,235", "-1235" },
  { 0, "JPY", "JP¥0", "0" },
  { G_MAXINT64, "JPY", "JP¥9,223,372,036,854,775,807", "9223372036854775807" },
  { G_MININT64, "JPY", "-JP¥9,223,372,036,854,775,808", "-9223372036854775808" },
  { 1000000, "KRW", "₩1,000,000", "1000000" },
  { 1234, "KWD", "KWD 1.234", "1.234" },
  { -1, "KWD", "-KWD 0.001", "-0.001" },
  { 1234567, "KWD", "KWD 1,234.567", "1234.567" },
  { 1999, "USD", "$19.99", "19.99" },
  { 100, "EUR", "€1.00", "1.00" },
  { 1230, "HKD", "HK$12.30", "12.30" },
  { 100000, "TWD", "NT$1,000.00", "1000.00" },
  { 99, "GBP", "£0.99", "0.99" },
};

static void
test_format (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (format_cases); i++)
    {
      const FormatCase *t = &format_cases[i];
      g_autofree char *formatted = rd_money_format (t->amount, currency (t->currency));
      g_autofree char *plain = rd_money_format_plain (t->amount, currency (t->currency));

      g_assert_cmpstr (formatted, ==, t->formatted);
      g_assert_cmpstr (plain, ==, t->plain);
    }
}

static void
test_format_default_currency (void)
{
  g_autofree char *formatted = rd_money_format (-123450, NULL);
  g_autofree char *plain = rd_money_format_plain (1, NULL);

  g_assert_cmpstr (formatted, ==, "-¥1,234.50");
  g_assert_cmpstr (plain, ==, "0.01");
}

/* Arithmetic */

typedef enum { OP_ADD, OP_SUB, OP_MUL } Op;

typedef struct
{
  Op       op;
  gint64   a;
  gint64   b;
  gboolean ok;
  gint64   result;
} ArithCase;

static const ArithCase arith_cases[] = {
  { OP_ADD, 1, 2, TRUE, 3 },
  { OP_ADD, -150, 50, TRUE, -100 },
  { OP_ADD, G_MAXINT64, 0, TRUE, G_MAXINT64 },
  { OP_ADD, G_MAXINT64, 1, FALSE, 0 },
  { OP_ADD, 1, G_MAXINT64, FALSE, 0 },
  { OP_ADD, G_MININT64, -1, FALSE, 0 },
  { OP_ADD, G_MININT64, G_MININT64, FALSE, 0 },
  { OP_ADD, G_MAXINT64, G_MININT64, TRUE, -1 },
  { OP_ADD, G_MAXINT64 - 1, 1, TRUE, G_MAXINT64 },
  { OP_SUB, 5, 8, TRUE, -3 },
  { OP_SUB, G_MININT64, 1, FALSE, 0 },
  { OP_SUB, G_MININT64 + 1, 1, TRUE, G_MININT64 },
  { OP_SUB, 0, G_MININT64, FALSE, 0 },
  { OP_SUB, -1, G_MININT64, TRUE, G_MAXINT64 },
  { OP_SUB, -1, G_MAXINT64, TRUE, G_MININT64 },
  { OP_SUB, -2, G_MAXINT64, FALSE, 0 },
  { OP_SUB, G_MAXINT64, -1, FALSE, 0 },
  { OP_MUL, 1999, 3, TRUE, 5997 },
  { OP_MUL, -1999, 3, TRUE, -5997 },
  { OP_MUL, G_MAXINT64, 1, TRUE, G_MAXINT64 },
  { OP_MUL, G_MAXINT64, -1, TRUE, -G_MAXINT64 },
  { OP_MUL, G_MININT64, 1, TRUE, G_MININT64 },
  { OP_MUL, G_MININT64, -1, FALSE, 0 },
  { OP_MUL, -1, G_MININT64, FALSE, 0 },
  { OP_MUL, G_MAXINT64, 2, FALSE, 0 },
  { OP_MUL, G_GINT64_CONSTANT (4611686018427387904), 2, FALSE, 0 },
  { OP_MUL, G_GINT64_CONSTANT (-4611686018427387904), 2, TRUE, G_MININT64 },
  { OP_MUL, G_GINT64_CONSTANT (3037000499), G_GINT64_CONSTANT (3037000499), TRUE,
    G_GINT64_CONSTANT (9223372030926249001) },
  { OP_MUL, G_GINT64_CONSTANT (3037000500), G_GINT64_CONSTANT (3037000500), FALSE, 0 },
  { OP_MUL, G_GINT64_CONSTANT (-3037000500), G_GINT64_CONSTANT (3037000500), FALSE, 0 },
  { OP_MUL, 0, G_MININT64, TRUE, 0 },
};

static void
test_arithmetic (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (arith_cases); i++)
    {
      const ArithCase *t = &arith_cases[i];
      g_autoptr(GError) error = NULL;
      gint64 result = 42;
      gboolean ok = FALSE;

      g_test_message ("case %" G_GSIZE_FORMAT, i);
      switch (t->op)
        {
        case OP_ADD: ok = rd_money_add (t->a, t->b, &result, &error); break;
        case OP_SUB: ok = rd_money_sub (t->a, t->b, &result, &error); break;
        case OP_MUL: ok = rd_money_mul (t->a, t->b, &result, &error); break;
        default: g_assert_not_reached ();
        }

      if (t->ok)
        {
          g_assert_true (ok);
          g_assert_no_error (error);
          g_assert_cmpint (result, ==, t->result);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, RD_MONEY_ERROR, RD_MONEY_ERROR_OVERFLOW);
          g_assert_cmpint (result, ==, 42);
        }
    }
}

/* Division and mul_div in every rounding mode. The expected results are in
 * the order of RdRounding: half away from zero, floor, ceil, truncate, half
 * even. */
typedef struct
{
  gint64 a;
  gint64 numerator;
  gint64 denominator;
  guint  overflows;                  /* bit r: overflows in rounding r */
  gint64 expected[ALL_ROUNDINGS];
} MulDivCase;

static const MulDivCase div_cases[] = {
  { 7, 1, 2, 0, { 4, 3, 4, 3, 4 } },
  { 5, 1, 2, 0, { 3, 2, 3, 2, 2 } },
  { -5, 1, 2, 0, { -3, -3, -2, -2, -2 } },
  { -7, 1, 2, 0, { -4, -4, -3, -3, -4 } },
  { 5, 1, -2, 0, { -3, -3, -2, -2, -2 } },
  { -5, 1, -2, 0, { 3, 2, 3, 2, 2 } },
  { 10, 1, 3, 0, { 3, 3, 4, 3, 3 } },
  { -10, 1, 3, 0, { -3, -4, -3, -3, -3 } },
  { 20, 1, 3, 0, { 7, 6, 7, 6, 7 } },
  { -20, 1, 3, 0, { -7, -7, -6, -6, -7 } },
  { 20, 1, -3, 0, { -7, -7, -6, -6, -7 } },
  { 6, 1, 3, 0, { 2, 2, 2, 2, 2 } },
  { -6, 1, 3, 0, { -2, -2, -2, -2, -2 } },
  { 0, 1, -5, 0, { 0, 0, 0, 0, 0 } },
  { 1, 1, 2, 0, { 1, 0, 1, 0, 0 } },
  { 3, 1, 2, 0, { 2, 1, 2, 1, 2 } },
  { -1, 1, 2, 0, { -1, -1, 0, 0, 0 } },
  { G_MININT64, 1, 1, 0, { G_MININT64, G_MININT64, G_MININT64, G_MININT64, G_MININT64 } },
  { G_MININT64, 1, -1, ALL, { 0 } },
  { G_MININT64, 1, G_MININT64, 0, { 1, 1, 1, 1, 1 } },
  { G_MININT64, 1, 2, 0, { G_MININT64 / 2, G_MININT64 / 2, G_MININT64 / 2, G_MININT64 / 2, G_MININT64 / 2 } },
  { G_MAXINT64, 1, 2, 0, { G_GINT64_CONSTANT (4611686018427387904), G_GINT64_CONSTANT (4611686018427387903),
                        G_GINT64_CONSTANT (4611686018427387904), G_GINT64_CONSTANT (4611686018427387903),
                        G_GINT64_CONSTANT (4611686018427387904) } },
  { 1, 1, G_MININT64, 0, { 0, -1, 0, 0, 0 } },
  { -1, 1, G_MAXINT64, 0, { 0, -1, 0, 0, 0 } },
  { G_MAXINT64, 1, G_MININT64, 0, { -1, -1, 0, 0, -1 } },
};

static const MulDivCase mul_div_cases[] = {
  /* An exchange rate of 7.1234 on ¥123.45. */
  { 12345, 71234, 10000, 0, { 87938, 87938, 87939, 87938, 87938 } },
  { -12345, 71234, 10000, 0, { -87938, -87939, -87938, -87938, -87938 } },
  { 5, 1, 2, 0, { 3, 2, 3, 2, 2 } },
  { 15, -1, 2, 0, { -8, -8, -7, -7, -8 } },
  { -15, -1, 2, 0, { 8, 7, 8, 7, 8 } },
  { -15, 1, -2, 0, { 8, 7, 8, 7, 8 } },
  { 25, 3, 10, 0, { 8, 7, 8, 7, 8 } },       /* 7.5 */
  { 45, 3, 10, 0, { 14, 13, 14, 13, 14 } },  /* 13.5 */
  { 55, 3, -10, 0, { -17, -17, -16, -16, -16 } }, /* -16.5 */
  /* The product needs more than 64 bits. */
  { G_MAXINT64, G_MAXINT64, G_MAXINT64, 0, { G_MAXINT64, G_MAXINT64, G_MAXINT64, G_MAXINT64, G_MAXINT64 } },
  { G_MININT64, G_MININT64, G_MININT64, 0, { G_MININT64, G_MININT64, G_MININT64, G_MININT64, G_MININT64 } },
  { G_MININT64, G_MAXINT64, G_MININT64, 0, { G_MAXINT64, G_MAXINT64, G_MAXINT64, G_MAXINT64, G_MAXINT64 } },
  { G_MAXINT64, 2, 3, 0, { G_GINT64_CONSTANT (6148914691236517205), G_GINT64_CONSTANT (6148914691236517204),
                        G_GINT64_CONSTANT (6148914691236517205), G_GINT64_CONSTANT (6148914691236517204),
                        G_GINT64_CONSTANT (6148914691236517205) } },
  { -G_MAXINT64, 2, 3, 0, { G_GINT64_CONSTANT (-6148914691236517205), G_GINT64_CONSTANT (-6148914691236517205),
                         G_GINT64_CONSTANT (-6148914691236517204), G_GINT64_CONSTANT (-6148914691236517204),
                         G_GINT64_CONSTANT (-6148914691236517205) } },
  { 1, G_MAXINT64, G_MININT64, 0, { -1, -1, 0, 0, -1 } },
  { G_MAXINT64, 3, 2, ALL, { 0 } },
  { G_MAXINT64, 2, 1, ALL, { 0 } },
  { G_MININT64, -1, 1, ALL, { 0 } },
  { G_MININT64, 1, -1, ALL, { 0 } },
  { G_MININT64, G_MININT64, 1, ALL, { 0 } },
  { G_MAXINT64, 2, 2, 0, { G_MAXINT64, G_MAXINT64, G_MAXINT64, G_MAXINT64, G_MAXINT64 } },
  { G_MAXINT64, 4, 3, ALL, { 0 } },
  /* G_MAXINT64 + 0.5: whether it fits depends on the rounding. */
  { G_GINT64_CONSTANT (6148914691236517205), 3, 2,
    BIT (RD_ROUND_HALF_AWAY_FROM_ZERO) | BIT (RD_ROUND_CEIL) | BIT (RD_ROUND_HALF_EVEN),
    { 0, G_MAXINT64, 0, G_MAXINT64, 0 } },
  /* G_MININT64 - 0.5 */
  { G_GINT64_CONSTANT (-67280421310721), 274177, 2,
    BIT (RD_ROUND_HALF_AWAY_FROM_ZERO) | BIT (RD_ROUND_FLOOR),
    { 0, 0, G_MININT64, G_MININT64, G_MININT64 } },
  /* G_MININT64 + 0.5 */
  { G_GINT64_CONSTANT (-6148914691236517205), 3, 2, 0,
    { G_MININT64, G_MININT64, G_MININT64 + 1, G_MININT64 + 1, G_MININT64 } },
};

static void
check_mul_div_table (const MulDivCase *cases,
                     gsize             n,
                     gboolean          use_div)
{
  for (gsize i = 0; i < n; i++)
    {
      const MulDivCase *t = &cases[i];

      for (int r = 0; r < ALL_ROUNDINGS; r++)
        {
          g_autoptr(GError) error = NULL;
          gint64 result = 42;
          gboolean ok;

          g_test_message ("%s case %" G_GSIZE_FORMAT " rounding %d", use_div ? "div" : "mul_div", i, r);
          if (use_div)
            {
              g_assert_cmpint (t->numerator, ==, 1);
              ok = rd_money_div (t->a, t->denominator, r, &result, &error);
            }
          else
            ok = rd_money_mul_div (t->a, t->numerator, t->denominator, r, &result, &error);

          if (t->overflows & BIT (r))
            {
              g_assert_false (ok);
              g_assert_error (error, RD_MONEY_ERROR, RD_MONEY_ERROR_OVERFLOW);
              g_assert_cmpint (result, ==, 42);
            }
          else
            {
              g_assert_true (ok);
              g_assert_no_error (error);
              g_assert_cmpint (result, ==, t->expected[r]);
            }
        }
    }
}

static void
test_div (void)
{
  check_mul_div_table (div_cases, G_N_ELEMENTS (div_cases), TRUE);
}

static void
test_mul_div (void)
{
  check_mul_div_table (mul_div_cases, G_N_ELEMENTS (mul_div_cases), FALSE);
}

static void
test_div_by_zero (void)
{
  for (int r = 0; r < ALL_ROUNDINGS; r++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) error2 = NULL;
      gint64 result = 42;

      g_assert_false (rd_money_div (100, 0, r, &result, &error));
      g_assert_error (error, RD_MONEY_ERROR, RD_MONEY_ERROR_DIVISION_BY_ZERO);
      g_assert_false (rd_money_mul_div (0, 5, 0, r, &result, &error2));
      g_assert_error (error2, RD_MONEY_ERROR, RD_MONEY_ERROR_DIVISION_BY_ZERO);
      g_assert_cmpint (result, ==, 42);
    }
}

/* Every small case against a reference that finds the floor by search. */
static void
test_mul_div_exhaustive_small (void)
{
  for (gint64 a = -40; a <= 40; a++)
    for (gint64 num = -7; num <= 7; num++)
      for (gint64 den = -9; den <= 9; den++)
        {
          gint64 n = a * num;
          gint64 fl = G_MININT64;
          gint64 twice_frac;
          gint64 abs_den = den < 0 ? -den : den;
          gint64 expected[ALL_ROUNDINGS];

          if (den == 0)
            continue;

          /* fl = the q with q ≤ n/den < q + 1, found by scanning. */
          for (gint64 q = -400; q <= 400; q++)
            {
              gboolean le = den > 0 ? q * den <= n : q * den >= n;
              gboolean lt_next = den > 0 ? n < (q + 1) * den : n > (q + 1) * den;
              if (le && lt_next)
                {
                  fl = q;
                  break;
                }
            }
          g_assert_cmpint (fl, !=, G_MININT64);

          /* 2 × (n/den − fl), scaled by |den|: in [0, 2|den|). */
          twice_frac = 2 * (den > 0 ? n - fl * den : fl * den - n);
          expected[RD_ROUND_FLOOR] = fl;
          expected[RD_ROUND_CEIL] = twice_frac == 0 ? fl : fl + 1;
          expected[RD_ROUND_TRUNCATE] = (fl < 0 && twice_frac != 0) ? fl + 1 : fl;
          if (twice_frac < abs_den)
            expected[RD_ROUND_HALF_AWAY_FROM_ZERO] = fl;
          else if (twice_frac > abs_den)
            expected[RD_ROUND_HALF_AWAY_FROM_ZERO] = fl + 1;
          else
            expected[RD_ROUND_HALF_AWAY_FROM_ZERO] = fl >= 0 ? fl + 1 : fl;
          if (twice_frac < abs_den)
            expected[RD_ROUND_HALF_EVEN] = fl;
          else if (twice_frac > abs_den)
            expected[RD_ROUND_HALF_EVEN] = fl + 1;
          else
            expected[RD_ROUND_HALF_EVEN] = (fl % 2 == 0) ? fl : fl + 1;

          for (int r = 0; r < ALL_ROUNDINGS; r++)
            {
              gint64 result;

              g_assert_true (rd_money_mul_div (a, num, den, r, &result, NULL));
              if (result != expected[r])
                g_error ("%" G_GINT64_FORMAT " × %" G_GINT64_FORMAT " / %" G_GINT64_FORMAT
                         " rounding %d: got %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT,
                         a, num, den, r, result, expected[r]);
              if (num == 1)
                {
                  gint64 d;
                  g_assert_true (rd_money_div (a, den, r, &d, NULL));
                  g_assert_cmpint (d, ==, result);
                }
            }
        }
}

/* Allocation */

typedef struct
{
  gint64       total;
  gsize        n;
  gint64       weights[6];
  gint64       shares[6];
} AllocateCase;

static const AllocateCase allocate_cases[] = {
  /* Taobao: a ¥5.00 coupon over lines of ¥79.00 and ¥119.00. */
  { 500, 2, { 7900, 11900 }, { 199, 301 } },
  { 100, 3, { 1, 1, 1 }, { 34, 33, 33 } },
  { -100, 3, { 1, 1, 1 }, { -34, -33, -33 } },
  { 7, 3, { 2, 3, 5 }, { 1, 2, 4 } },
  { -7, 3, { 2, 3, 5 }, { -1, -2, -4 } },
  { 10, 4, { 0, 5, 0, 5 }, { 0, 5, 0, 5 } },
  { 1, 3, { 0, 1, 1 }, { 0, 1, 0 } },
  { 2, 4, { 0, 1, 0, 1 }, { 0, 1, 0, 1 } },
  { 0, 2, { 0, 0 }, { 0, 0 } },
  { 0, 3, { 5, 6, 7 }, { 0, 0, 0 } },
  { 1000, 1, { 1 }, { 1000 } },
  { 1000, 2, { 1, 3 }, { 250, 750 } },
  { 1001, 2, { 1, 3 }, { 250, 751 } },
  { 3, 5, { 1, 1, 1, 1, 1 }, { 1, 1, 1, 0, 0 } },
  { 300, 3, { 100, 100, 100 }, { 100, 100, 100 } },
  { 299, 3, { 100, 100, 100 }, { 100, 100, 99 } },
  { G_MAXINT64, 2, { 1, 1 }, { G_GINT64_CONSTANT (4611686018427387904), G_GINT64_CONSTANT (4611686018427387903) } },
  { G_MININT64, 2, { 1, 1 }, { G_MININT64 / 2, G_MININT64 / 2 } },
  { G_MININT64, 1, { 3 }, { G_MININT64 } },
  { G_MININT64, 2, { 0, 3 }, { 0, G_MININT64 } },
  { 100, 1, { G_MAXINT64 }, { 100 } },
  { G_MAXINT64, 2, { G_MAXINT64 - 1, 1 }, { G_MAXINT64 - 1, 1 } },
  { 1, 2, { G_MAXINT64 / 2, G_MAXINT64 / 2 + 1 }, { 0, 1 } },
};

static void
test_allocate (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (allocate_cases); i++)
    {
      const AllocateCase *t = &allocate_cases[i];
      g_autoptr(GError) error = NULL;
      gint64 shares[6];

      g_test_message ("allocate case %" G_GSIZE_FORMAT, i);
      g_assert_true (rd_money_allocate (t->total, t->weights, t->n, shares, &error));
      g_assert_no_error (error);
      for (gsize k = 0; k < t->n; k++)
        g_assert_cmpint (shares[k], ==, t->shares[k]);
    }
}

typedef struct
{
  gint64 total;
  gsize  n;
  gint64 weights[3];
  int    code;
} AllocateBad;

static const AllocateBad allocate_bad[] = {
  { 100, 2, { 1, -1 }, RD_MONEY_ERROR_NEGATIVE },
  { 0, 2, { -5, 10 }, RD_MONEY_ERROR_NEGATIVE },
  { 100, 0, { 0 }, RD_MONEY_ERROR_DIVISION_BY_ZERO },
  { 100, 2, { 0, 0 }, RD_MONEY_ERROR_DIVISION_BY_ZERO },
  { -1, 3, { 0, 0, 0 }, RD_MONEY_ERROR_DIVISION_BY_ZERO },
  { 100, 2, { G_MAXINT64, 1 }, RD_MONEY_ERROR_OVERFLOW },
  { 0, 3, { G_MAXINT64 / 2, G_MAXINT64 / 2, 2 }, RD_MONEY_ERROR_OVERFLOW },
};

static void
test_allocate_errors (void)
{
  gint64 shares[3];

  for (gsize i = 0; i < G_N_ELEMENTS (allocate_bad); i++)
    {
      const AllocateBad *t = &allocate_bad[i];
      g_autoptr(GError) error = NULL;

      shares[0] = shares[1] = shares[2] = 42;
      g_assert_false (rd_money_allocate (t->total, t->weights, t->n, shares, &error));
      g_assert_error (error, RD_MONEY_ERROR, t->code);
      /* Nothing is written on failure. */
      g_assert_cmpint (shares[0], ==, 42);
      g_assert_cmpint (shares[1], ==, 42);
      g_assert_cmpint (shares[2], ==, 42);
    }

  /* Nothing to spread over nothing is fine. */
  g_assert_true (rd_money_allocate (0, NULL, 0, NULL, NULL));
}

typedef struct
{
  gint64 total;
  guint  n;
  gint64 parts[5];
} SplitCase;

static const SplitCase split_cases[] = {
  { 10000, 3, { 3334, 3333, 3333 } },
  { -10000, 3, { -3334, -3333, -3333 } },
  { 2, 5, { 1, 1, 0, 0, 0 } },
  { -2, 5, { -1, -1, 0, 0, 0 } },
  { 0, 3, { 0, 0, 0 } },
  { 7, 1, { 7 } },
  { 9, 3, { 3, 3, 3 } },
  { 10001, 4, { 2501, 2500, 2500, 2500 } },
  { 10003, 4, { 2501, 2501, 2501, 2500 } },
  { G_MAXINT64, 2, { G_GINT64_CONSTANT (4611686018427387904), G_GINT64_CONSTANT (4611686018427387903) } },
  { G_MININT64, 2, { G_MININT64 / 2, G_MININT64 / 2 } },
  { G_MININT64, 1, { G_MININT64 } },
  { G_MININT64, 3, { G_GINT64_CONSTANT (-3074457345618258603), G_GINT64_CONSTANT (-3074457345618258603),
                     G_GINT64_CONSTANT (-3074457345618258602) } },
};

static void
test_split (void)
{
  g_autoptr(GError) error = NULL;
  gint64 parts[5];

  for (gsize i = 0; i < G_N_ELEMENTS (split_cases); i++)
    {
      const SplitCase *t = &split_cases[i];

      g_test_message ("split case %" G_GSIZE_FORMAT, i);
      g_assert_true (rd_money_split (t->total, t->n, parts, &error));
      g_assert_no_error (error);
      for (guint k = 0; k < t->n; k++)
        g_assert_cmpint (parts[k], ==, t->parts[k]);
    }

  parts[0] = 42;
  g_assert_false (rd_money_split (100, 0, parts, &error));
  g_assert_error (error, RD_MONEY_ERROR, RD_MONEY_ERROR_DIVISION_BY_ZERO);
  g_assert_cmpint (parts[0], ==, 42);
  g_assert_true (rd_money_split (0, 0, NULL, NULL));
}

/* Randomized */

static guint64
random_u64 (GRand *rand)
{
  return ((guint64) g_rand_int (rand) << 32) | g_rand_int (rand);
}

static void
test_allocate_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261122);
  gint64 weights[50];
  gint64 shares[50];

  for (guint iteration = 0; iteration < 100000; iteration++)
    {
      gsize n = g_rand_int_range (rand, 1, 51);
      guint64 sum = 0;
      guint64 magnitude;
      gint64 total;
      __int128 share_sum = 0;
      gboolean negative = g_rand_int_range (rand, 0, 4) == 0;
      guint64 min_up_rem = G_MAXUINT64;
      guint64 max_down_rem = 0;
      gboolean any_up = FALSE;
      gboolean any_down = FALSE;
      g_autoptr(GError) error = NULL;

      for (gsize i = 0; i < n; i++)
        {
          weights[i] = g_rand_int_range (rand, 0, 5) == 0 ? 0 : g_rand_int_range (rand, 0, 1000000001);
          sum += weights[i];
        }

      switch (g_rand_int_range (rand, 0, 4))
        {
        case 0:   /* a discount: at most the lines' total */
        case 1:
          magnitude = random_u64 (rand) % (sum + 1);
          break;
        case 2:   /* more than the weights */
          magnitude = sum + 1 + random_u64 (rand) % (sum * 1000 + 1);
          break;
        default:  /* anything, up to the largest amount */
          magnitude = random_u64 (rand) >> g_rand_int_range (rand, 1, 64);
          break;
        }
      total = negative ? -(gint64) magnitude : (gint64) magnitude;

      if (sum == 0)
        {
          gboolean ok = rd_money_allocate (total, weights, n, shares, &error);
          g_assert_true (ok == (total == 0));
          if (!ok)
            g_assert_error (error, RD_MONEY_ERROR, RD_MONEY_ERROR_DIVISION_BY_ZERO);
          continue;
        }

      g_assert_true (rd_money_allocate (total, weights, n, shares, &error));
      g_assert_no_error (error);

      for (gsize i = 0; i < n; i++)
        {
          unsigned __int128 product = (unsigned __int128) magnitude * (guint64) weights[i];
          guint64 fl = (guint64) (product / sum);
          guint64 rem = (guint64) (product % sum);
          guint64 got = (guint64) (shares[i] < 0 ? -shares[i] : shares[i]);

          share_sum += shares[i];
          /* The sign of the total, floor or ceil of the exact quota. */
          g_assert_true (shares[i] == 0 || (shares[i] < 0) == negative);
          if (got == fl)
            {
              if (rem != 0)
                {
                  any_down = TRUE;
                  max_down_rem = MAX (max_down_rem, rem);
                }
            }
          else
            {
              g_assert_cmpuint (got, ==, fl + 1);
              g_assert_cmpuint (rem, !=, 0);
              any_up = TRUE;
              min_up_rem = MIN (min_up_rem, rem);
            }
          if (weights[i] == 0)
            g_assert_cmpint (shares[i], ==, 0);
          if (magnitude <= sum)
            g_assert_cmpuint (got, <=, (guint64) weights[i]);
        }
      /* Exactly the total, and the largest remainders were rounded up. */
      g_assert_true (share_sum == total);
      if (any_up && any_down)
        g_assert_cmpuint (min_up_rem, >=, max_down_rem);
    }
}

static void
test_format_parse_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  const RdCurrency *const *list = rd_currency_list ();
  guint n_currencies = 0;

  while (list[n_currencies] != NULL)
    n_currencies++;

  for (guint iteration = 0; iteration < 100000; iteration++)
    {
      const RdCurrency *c = list[g_rand_int_range (rand, 0, n_currencies)];
      gint64 amount = (gint64) (random_u64 (rand) >> g_rand_int_range (rand, 0, 64));
      g_autofree char *plain = NULL;
      g_autofree char *formatted = NULL;
      g_autoptr(GError) error = NULL;
      gint64 back = 0;

      if (iteration == 0)
        amount = G_MININT64;
      else if (iteration == 1)
        amount = G_MAXINT64;

      plain = rd_money_format_plain (amount, c);
      g_assert_true (rd_money_parse (plain, c, &back, &error));
      g_assert_no_error (error);
      g_assert_cmpint (back, ==, amount);

      formatted = rd_money_format (amount, c);
      g_assert_true (rd_money_parse (formatted, c, &back, &error));
      g_assert_no_error (error);
      g_assert_cmpint (back, ==, amount);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rd/money/currency/lookup", test_currency_lookup);
  g_test_add_func ("/rd/money/parse/good", test_parse_good);
  g_test_add_func ("/rd/money/parse/bad", test_parse_bad);
  g_test_add_func ("/rd/money/parse/translated", test_parse_error_translated);
  g_test_add_func ("/rd/money/parse/custom-currency", test_parse_custom_currency);
  g_test_add_func ("/rd/money/format/table", test_format);
  g_test_add_func ("/rd/money/format/default-currency", test_format_default_currency);
  g_test_add_func ("/rd/money/arithmetic", test_arithmetic);
  g_test_add_func ("/rd/money/div", test_div);
  g_test_add_func ("/rd/money/mul-div", test_mul_div);
  g_test_add_func ("/rd/money/div-by-zero", test_div_by_zero);
  g_test_add_func ("/rd/money/mul-div/exhaustive-small", test_mul_div_exhaustive_small);
  g_test_add_func ("/rd/money/allocate/table", test_allocate);
  g_test_add_func ("/rd/money/allocate/errors", test_allocate_errors);
  g_test_add_func ("/rd/money/allocate/random", test_allocate_random);
  g_test_add_func ("/rd/money/split", test_split);
  g_test_add_func ("/rd/money/format-parse/random", test_format_parse_random);

  return g_test_run ();
}
