/* rd-case-checks.c
 *
 * The intake form's field checks.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "rd-case.h"
#include "rd-case-checks.h"
#include "rd-time.h"

G_DEFINE_QUARK (rd-case-check-error-quark, rd_case_check_error)

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

gboolean
rd_case_check_amount (const char        *text,
                        const RdCurrency  *currency,
                        gint64            *out,
                        GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *limit = NULL;
  gint64 amount = 0;

  if (currency == NULL)
    currency = rd_currency_default ();

  if (is_blank (text))
    {
      g_set_error_literal (error, RD_CASE_CHECK_ERROR, RD_CASE_CHECK_ERROR_REQUIRED,
                           _("Enter the amount paid."));
      return FALSE;
    }
  if (!g_utf8_validate (text, -1, NULL) || g_utf8_strlen (text, -1) > 64)
    {
      g_set_error_literal (error, RD_CASE_CHECK_ERROR, RD_CASE_CHECK_ERROR_INVALID,
                           _("The amount paid is not a number. Enter it like 128.50."));
      return FALSE;
    }

  limit = rd_money_format (RD_CASE_AMOUNT_LIMIT - 1, currency);
  if (!rd_money_parse (text, currency, &amount, &local_error))
    {
      if (g_error_matches (local_error, RD_MONEY_ERROR, RD_MONEY_ERROR_PRECISION))
        g_set_error (error, RD_CASE_CHECK_ERROR, RD_CASE_CHECK_ERROR_INVALID,
                     ngettext ("The amount paid has more decimals than %s allows: at most %u.",
                               "The amount paid has more decimals than %s allows: at most %u.",
                               currency->exponent),
                     currency->code, currency->exponent);
      else if (g_error_matches (local_error, RD_MONEY_ERROR, RD_MONEY_ERROR_OVERFLOW))
        g_set_error (error, RD_CASE_CHECK_ERROR, RD_CASE_CHECK_ERROR_INVALID,
                     _("The amount paid is too large: at most %s."), limit);
      else if (g_error_matches (local_error, RD_MONEY_ERROR, RD_MONEY_ERROR_UNKNOWN_CURRENCY))
        g_set_error (error, RD_CASE_CHECK_ERROR, RD_CASE_CHECK_ERROR_INVALID,
                     _("The amount paid is in another currency. Enter it in %s, or change the currency."),
                     currency->code);
      else
        g_set_error_literal (error, RD_CASE_CHECK_ERROR, RD_CASE_CHECK_ERROR_INVALID,
                             _("The amount paid is not a number. Enter it like 128.50."));
      return FALSE;
    }
  if (amount < 0)
    {
      g_set_error_literal (error, RD_CASE_CHECK_ERROR, RD_CASE_CHECK_ERROR_INVALID,
                           _("The amount paid cannot be negative."));
      return FALSE;
    }
  if (amount >= RD_CASE_AMOUNT_LIMIT)
    {
      g_set_error (error, RD_CASE_CHECK_ERROR, RD_CASE_CHECK_ERROR_INVALID,
                   _("The amount paid is too large: at most %s."), limit);
      return FALSE;
    }

  if (out != NULL)
    *out = amount;
  return TRUE;
}

gboolean
rd_case_check_number (const char  *text,
                        const char  *field,
                        GError     **error)
{
  g_autofree char *trimmed = NULL;
  glong length;

  if (is_blank (text))
    {
      /* Translators: %s is a field: "Order number" */
      g_set_error (error, RD_CASE_CHECK_ERROR, RD_CASE_CHECK_ERROR_REQUIRED, _("%s is required."), field);
      return FALSE;
    }
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, RD_CASE_CHECK_ERROR, RD_CASE_CHECK_ERROR_INVALID,
                   _("%s is not valid text."), field);
      return FALSE;
    }

  trimmed = g_strstrip (g_strdup (text));
  length = g_utf8_strlen (trimmed, -1);
  if (length > RD_CASE_NUMBER_MAX_CHARS)
    {
      g_set_error (error, RD_CASE_CHECK_ERROR, RD_CASE_CHECK_ERROR_INVALID,
                   ngettext ("%s is too long: %ld character, at most %d.",
                             "%s is too long: %ld characters, at most %d.",
                             length),
                   field, length, RD_CASE_NUMBER_MAX_CHARS);
      return FALSE;
    }

  for (const char *p = trimmed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c) || (c < 128 && strchr ("-_/.#", (int) c) != NULL))
        continue;

      if (g_unichar_isspace (c))
        g_set_error (error, RD_CASE_CHECK_ERROR, RD_CASE_CHECK_ERROR_INVALID,
                     _("%s cannot contain spaces. Copy only the number."), field);
      else
        {
          char character[8] = { 0 };

          g_unichar_to_utf8 (c, character);
          /* Translators: %s is a field, then the character found: “'” */
          g_set_error (error, RD_CASE_CHECK_ERROR, RD_CASE_CHECK_ERROR_INVALID,
                       _("%s can only have letters, digits and - _ / . # — not “%s”."),
                       field, character);
        }
      return FALSE;
    }

  return TRUE;
}

gboolean
rd_case_kind_has_outbound_parcel (RdRefundKind kind)
{
  return kind == RD_REFUND_KIND_REFUND_ONLY_SHIPPED || kind == RD_REFUND_KIND_RETURN_REFUND;
}

gboolean
rd_case_check_outbound (const char  *courier,
                        const char  *tracking,
                        GError     **error)
{
  if (is_blank (tracking))
    return TRUE;
  if (!rd_case_check_number (tracking, _("Outbound tracking number"), error))
    return FALSE;
  if (is_blank (courier))
    {
      g_set_error_literal (error, RD_CASE_CHECK_ERROR, RD_CASE_CHECK_ERROR_REQUIRED,
                           _("Choose the courier of the outbound parcel: the intercept is asked of that courier."));
      return FALSE;
    }
  return TRUE;
}

gboolean
rd_case_parse_time (const char  *text,
                      gint64      *out,
                      GError     **error)
{
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *trimmed = NULL;
  int year, month, day, hour, minute;
  char tail;

  if (is_blank (text))
    {
      g_set_error_literal (error, RD_CASE_CHECK_ERROR, RD_CASE_CHECK_ERROR_REQUIRED,
                           _("Enter when the buyer asked, like 2026-11-22 14:05."));
      return FALSE;
    }

  trimmed = g_strstrip (g_strdup (text));
  if (strlen (trimmed) > 16 ||
      sscanf (trimmed, "%4d-%2d-%2d %2d:%2d%c", &year, &month, &day, &hour, &minute, &tail) != 5 ||
      !g_date_valid_dmy (day, month, year) || hour > 23 || minute > 59 || hour < 0 || minute < 0)
    {
      g_set_error_literal (error, RD_CASE_CHECK_ERROR, RD_CASE_CHECK_ERROR_INVALID,
                           _("Enter the request time as a date and time, like 2026-11-22 14:05."));
      return FALSE;
    }

  time = g_date_time_new_local (year, month, day, hour, minute, 0);
  if (time == NULL)
    {
      g_set_error_literal (error, RD_CASE_CHECK_ERROR, RD_CASE_CHECK_ERROR_INVALID,
                           _("Enter the request time as a date and time, like 2026-11-22 14:05."));
      return FALSE;
    }

  *out = g_date_time_to_unix (time);
  return TRUE;
}

gboolean
rd_case_check_request_time (gint64   requested_at,
                            gint64   now,
                            GError **error)
{
  g_autofree char *when = NULL;

  if (requested_at <= now || requested_at - now <= RD_CASE_REQUEST_FUTURE_TOLERANCE)
    return TRUE;

  when = rd_time_format_local (requested_at);
  /* Translators: %s is the request time as typed: “2027-05-01 09:00” */
  g_set_error (error, RD_CASE_CHECK_ERROR, RD_CASE_CHECK_ERROR_FUTURE,
               _("The request time %s is in the future. Check the date."), when);
  return FALSE;
}
