/* rd-import-fields.c
 *
 * The fields an export can give (ids and names) and the reading of one
 * cell: header texts normalised, amounts, times, numbers, couriers.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "rd-case.h"
#include "rd-import-fields.h"

static const struct
{
  const char *id;
  const char *name;   /* N_() */
} fields[RD_IMPORT_FIELD_LAST] = {
  [RD_IMPORT_FIELD_AFTER_SALES_NO]    = { "after_sales_no",    N_("After-sales number") },
  [RD_IMPORT_FIELD_ORDER_NO]          = { "order_no",          N_("Order number") },
  [RD_IMPORT_FIELD_REFUND_ID]         = { "refund_id",         N_("Refund id") },
  [RD_IMPORT_FIELD_BUYER_NAME]        = { "buyer_name",        N_("Buyer") },
  [RD_IMPORT_FIELD_KIND]              = { "kind",              N_("After-sales kind") },
  [RD_IMPORT_FIELD_NEEDS_RETURN]      = { "needs_return",      N_("Needs return") },
  [RD_IMPORT_FIELD_GOODS_STATUS]      = { "goods_status",      N_("Goods status") },
  [RD_IMPORT_FIELD_STATUS]            = { "status",            N_("Refund status") },
  [RD_IMPORT_FIELD_REASON]            = { "reason",            N_("Reason") },
  [RD_IMPORT_FIELD_AMOUNT_PAID]       = { "amount_paid",       N_("Amount paid") },
  [RD_IMPORT_FIELD_REFUND_AMOUNT]     = { "refund_amount",     N_("Refund amount") },
  [RD_IMPORT_FIELD_CURRENCY]          = { "currency",          N_("Currency") },
  [RD_IMPORT_FIELD_REQUESTED_AT]      = { "requested_at",      N_("Requested at") },
  [RD_IMPORT_FIELD_DEADLINE]          = { "deadline",          N_("Platform deadline") },
  [RD_IMPORT_FIELD_RETURN_TRACKING]   = { "return_tracking",   N_("Return tracking number") },
  [RD_IMPORT_FIELD_RETURN_COURIER]    = { "return_courier",    N_("Return courier") },
  [RD_IMPORT_FIELD_OUTBOUND_TRACKING] = { "outbound_tracking", N_("Outbound tracking number") },
  [RD_IMPORT_FIELD_OUTBOUND_COURIER]  = { "outbound_courier",  N_("Outbound courier") },
  [RD_IMPORT_FIELD_OUTBOUND_INFO]     = { "outbound_info",     N_("Shipping information") },
  [RD_IMPORT_FIELD_STAGE]             = { "stage",             N_("Before or after delivery") },
};

/* The couriers of the intercept register (rd-intercept-types.c), by the
 * names the platforms write. A name matches when it begins with one of
 * these (中通快递, 顺丰速运, 京东物流) or equals an ASCII code. */
static const struct
{
  const char *id;
  const char *names[6];
} couriers[] = {
  { "sf",     { "顺丰", "sf", "sfexpress", "sf express", NULL } },
  { "zto",    { "中通", "zto", NULL } },
  { "yto",    { "圆通", "yto", NULL } },
  { "sto",    { "申通", "sto", NULL } },
  { "yunda",  { "韵达", "yunda", NULL } },
  { "jd",     { "京东", "jd", "jdl", NULL } },
  { "ems",    { "ems", "邮政", "中国邮政", "邮政快递包裹", "youzheng", NULL } },
  { "jt",     { "极兔", "j&t", "jt", "jtexpress", NULL } },
  { "deppon", { "德邦", "deppon", NULL } },
};

const char *
rd_import_field_to_id (RdImportField field)
{
  if ((guint) field >= RD_IMPORT_FIELD_LAST)
    return NULL;
  return fields[field].id;
}

RdImportField
rd_import_field_from_id (const char *id)
{
  if (id == NULL)
    return RD_IMPORT_FIELD_LAST;
  for (guint i = 0; i < RD_IMPORT_FIELD_LAST; i++)
    if (g_str_equal (fields[i].id, id))
      return (RdImportField) i;
  return RD_IMPORT_FIELD_LAST;
}

const char *
rd_import_field_get_name (RdImportField field)
{
  if ((guint) field >= RD_IMPORT_FIELD_LAST)
    return "";
  return _(fields[field].name);
}

static gboolean
is_blank (gunichar c)
{
  return g_unichar_isspace (c) || c == 0xFEFF || c == 0x3000 || c == 0x00A0 ||
         c == 0x200B;
}

/* The text with the surrounding space (Unicode, BOM) removed: a new string. */
static char *
strip_text (const char *text)
{
  const char *start = text;
  const char *end;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_strdup ("");
  while (*start != '\0' && is_blank (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  end = start + strlen (start);
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);

      if (!is_blank (g_utf8_get_char (prev)))
        break;
      end = prev;
    }
  return g_strndup (start, end - start);
}

char *
rd_import_normalise (const char *text)
{
  g_autofree char *stripped = strip_text (text);
  GString *out = g_string_sized_new (strlen (stripped));

  for (const char *p = stripped; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (c)
        {
        case 0xFF08: c = '('; break;   /* （ */
        case 0xFF09: c = ')'; break;   /* ） */
        case 0xFF0F: c = '_'; break;   /* ／ */
        case 0xFF0C: c = ','; break;   /* ， */
        case 0xFF1A: c = ':'; break;   /* ： */
        case '/':    c = '_'; break;
        case 0x3000: c = ' '; break;
        default:
          if (c < 0x80)
            c = g_ascii_tolower ((char) c);
          break;
        }
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static gboolean
refuse (GError    **error,
        const char *format,
        const char *text)
{
  g_set_error (error, RD_IMPORT_PROFILE_ERROR, RD_IMPORT_PROFILE_ERROR_VALUE, format, text);
  return FALSE;
}

/* Whole minor units: digits, thousands separators, and ".0…" at the end. */
static gboolean
parse_fen (const char *text,
           gint64     *out,
           GError    **error)
{
  const char *p = text;
  guint64 value = 0;
  guint digits = 0;

  if (*p == '+')
    p++;
  for (; *p != '\0' && *p != '.'; p++)
    {
      if (*p == ',')
        continue;
      if (!g_ascii_isdigit (*p))
        return refuse (error, _("“%s” is not an amount in fen (a whole number)."), text);
      if (++digits > 18)
        return refuse (error, _("“%s” is too large for an amount."), text);
      value = value * 10 + (guint64) (*p - '0');
    }
  if (*p == '.')
    {
      for (p++; *p == '0'; p++)
        ;
      if (*p != '\0')
        return refuse (error, _("“%s” is not an amount in fen (a whole number)."), text);
    }
  if (digits == 0)
    return refuse (error, _("“%s” is not an amount in fen (a whole number)."), text);
  *out = (gint64) value;
  return TRUE;
}

gboolean
rd_import_parse_amount (const char        *text,
                        RdImportUnit       unit,
                        const RdCurrency  *currency,
                        gint64            *out,
                        GError           **error)
{
  g_autofree char *stripped = strip_text (text);
  gint64 value = 0;

  if (*stripped == '\0')
    {
      g_set_error_literal (error, RD_IMPORT_PROFILE_ERROR, RD_IMPORT_PROFILE_ERROR_VALUE,
                           _("The amount is empty."));
      return FALSE;
    }
  if (unit == RD_IMPORT_UNIT_FEN)
    {
      if (stripped[0] == '-' || g_str_has_prefix (stripped, "−"))
        return refuse (error, _("“%s” is negative: an amount asked back cannot be."), stripped);
      if (!parse_fen (stripped, &value, error))
        return FALSE;
    }
  else
    {
      g_autoptr(GError) local = NULL;

      if (!rd_money_parse (stripped, currency, &value, &local))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          (*error)->domain = RD_IMPORT_PROFILE_ERROR;
          (*error)->code = RD_IMPORT_PROFILE_ERROR_VALUE;
          return FALSE;
        }
      if (value < 0)
        return refuse (error, _("“%s” is negative: an amount asked back cannot be."), stripped);
    }
  if (value >= RD_CASE_AMOUNT_LIMIT)
    return refuse (error, _("“%s” is too large for an amount."), stripped);
  *out = value;
  return TRUE;
}

/* Reads up to max_digits digits at *p into *value; FALSE when there are none. */
static gboolean
read_int (const char **p,
          guint        max_digits,
          int         *value)
{
  guint n = 0;

  *value = 0;
  while (g_ascii_isdigit (**p) && n < max_digits)
    {
      *value = *value * 10 + (**p - '0');
      (*p)++;
      n++;
    }
  return n > 0 && !g_ascii_isdigit (**p);
}

static gboolean
skip_separator (const char **p,
                const char  *choices[])
{
  for (guint i = 0; choices[i] != NULL; i++)
    if (g_str_has_prefix (*p, choices[i]))
      {
        *p += strlen (choices[i]);
        return TRUE;
      }
  return FALSE;
}

static gboolean
parse_text_time (const char *text,
                 gint64     *out)
{
  static const char *date_seps[] = { "-", "/", ".", "年", "月", NULL };
  static const char *time_seps[] = { ":", "：", NULL };
  const char *p = text;
  int year, month, day, hour = 0, minute = 0, second = 0;
  g_autoptr(GTimeZone) beijing = NULL;
  g_autoptr(GDateTime) when = NULL;

  if (!read_int (&p, 4, &year) || p - text != 4 || !skip_separator (&p, date_seps) ||
      !read_int (&p, 2, &month) || !skip_separator (&p, date_seps) ||
      !read_int (&p, 2, &day))
    return FALSE;
  if (g_str_has_prefix (p, "日"))
    p += strlen ("日");
  if (*p == 'T' || *p == ' ')
    {
      while (*p == 'T' || *p == ' ')
        p++;
      if (!read_int (&p, 2, &hour) || !skip_separator (&p, time_seps) ||
          !read_int (&p, 2, &minute))
        return FALSE;
      if (skip_separator (&p, time_seps))
        {
          if (!read_int (&p, 2, &second))
            return FALSE;
          if (*p == '.')
            for (p++; g_ascii_isdigit (*p); p++)
              ;
        }
    }
  if (*p != '\0' || year < 1970 || hour > 23 || minute > 59 || second > 59)
    return FALSE;

  beijing = g_time_zone_new_offset (8 * 3600);
  when = g_date_time_new (beijing, year, month, day, hour, minute, second);
  if (when == NULL)
    return FALSE;
  *out = g_date_time_to_unix (when);
  return TRUE;
}

static gboolean
all_digits (const char *text)
{
  if (*text == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

gboolean
rd_import_parse_time (const char        *text,
                      RdTableCellKind    kind,
                      gboolean           date_1904,
                      gint64            *out,
                      GError           **error)
{
  g_autofree char *stripped = strip_text (text);
  gsize len = strlen (stripped);

  if (len == 0)
    {
      g_set_error_literal (error, RD_IMPORT_PROFILE_ERROR, RD_IMPORT_PROFILE_ERROR_VALUE,
                           _("The time is empty."));
      return FALSE;
    }

  if (kind != RD_TABLE_CELL_DATE && all_digits (stripped) && (len == 10 || len == 13))
    {
      gint64 seconds = g_ascii_strtoll (stripped, NULL, 10);

      *out = len == 13 ? seconds / 1000 : seconds;
      return TRUE;
    }

  if (kind == RD_TABLE_CELL_DATE || g_ascii_isdigit (stripped[0]))
    {
      if (rd_table_serial_to_unix (stripped, date_1904, out))
        return TRUE;
      if (kind == RD_TABLE_CELL_DATE)
        return refuse (error, _("“%s” is not a date."), stripped);
    }

  if (parse_text_time (stripped, out))
    return TRUE;
  return refuse (error, _("“%s” is not a date."), stripped);
}

static gboolean
is_scientific (const char *text)
{
  const char *p = text;
  gboolean mantissa = FALSE;

  if (*p == '+' || *p == '-')
    p++;
  while (g_ascii_isdigit (*p) || *p == '.')
    {
      mantissa |= g_ascii_isdigit (*p);
      p++;
    }
  if (!mantissa || (*p != 'e' && *p != 'E'))
    return FALSE;
  p++;
  if (*p == '+' || *p == '-')
    p++;
  return all_digits (p);
}

gboolean
rd_import_parse_number (const char  *text,
                        char       **out,
                        GError     **error)
{
  g_autofree char *stripped = strip_text (text);
  const char *value = stripped;
  g_autofree char *inner = NULL;
  gsize len = strlen (stripped);

  /* ="4100000012345678901": the formula some exports write so that Excel
   * keeps the digits. */
  if (len >= 3 && g_str_has_prefix (stripped, "=\"") && stripped[len - 1] == '"')
    value = inner = g_strndup (stripped + 2, len - 3);
  else if (stripped[0] == '\'')
    value = stripped + 1;

  if (*value == '\0')
    {
      *out = NULL;
      return TRUE;
    }
  if (is_scientific (value))
    return refuse (error, _("Excel cut the number “%s”: export the file again with this column as text."),
                   value);
  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return refuse (error, _("“%s” has characters a number cannot have."), value);
  if (g_utf8_strlen (value, -1) > RD_CASE_NUMBER_MAX_CHARS)
    return refuse (error, _("“%s” is too long for a number."), value);
  *out = g_strdup (value);
  return TRUE;
}

const char *
rd_import_courier_from_name (const char *name)
{
  g_autofree char *norm = rd_import_normalise (name);

  if (*norm == '\0')
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (couriers); i++)
    for (guint j = 0; couriers[i].names[j] != NULL; j++)
      {
        const char *known = couriers[i].names[j];

        /* ASCII codes must be the whole name ("sto" is not "stock"); a
         * Chinese name may go on (中通快递, 顺丰速运). */
        if ((guchar) known[0] < 0x80 ? g_str_equal (norm, known) : g_str_has_prefix (norm, known))
          return couriers[i].id;
      }
  return NULL;
}

static gboolean
looks_like_tracking (const char *token)
{
  guint n = 0;
  gboolean digit = FALSE;

  for (const char *p = token; *p != '\0'; p++, n++)
    {
      if (g_ascii_isdigit (*p))
        digit = TRUE;
      else if (!g_ascii_isalpha (*p) && *p != '-')
        return FALSE;
    }
  return digit && n >= 6;
}

void
rd_import_split_shipping (const char  *text,
                          char       **courier,
                          char       **tracking)
{
  g_autofree char *stripped = strip_text (text);
  g_auto(GStrv) parcels = NULL;
  g_auto(GStrv) tokens = NULL;
  g_autoptr(GString) name = g_string_new (NULL);
  const char *first = NULL;
  const char *number = NULL;
  const char *id;

  *courier = NULL;
  *tracking = NULL;
  parcels = g_strsplit_set (stripped, ";,\n", -1);
  for (guint i = 0; parcels[i] != NULL && first == NULL; i++)
    {
      g_strstrip (parcels[i]);
      if (*parcels[i] != '\0')
        first = parcels[i];
    }
  if (first == NULL)
    return;

  /* Full-width separators (；，：) become spaces before the split. */
  {
    g_autoptr(GString) plain = g_string_new (NULL);

    for (const char *p = first; *p != '\0'; p = g_utf8_next_char (p))
      {
        gunichar c = g_utf8_get_char (p);

        if (c == 0xFF1B || c == 0xFF0C)
          break;
        g_string_append_unichar (plain, (c == 0xFF1A || c == ':' || is_blank (c)) ? ' ' : c);
      }
    tokens = g_strsplit (plain->str, " ", -1);
  }

  for (guint i = 0; tokens[i] != NULL; i++)
    if (looks_like_tracking (tokens[i]))
      number = tokens[i];
  for (guint i = 0; tokens[i] != NULL; i++)
    if (*tokens[i] != '\0' && tokens[i] != number)
      {
        if (name->len > 0)
          g_string_append_c (name, ' ');
        g_string_append (name, tokens[i]);
      }

  if (number != NULL)
    *tracking = g_strdup (number);
  if (name->len > 0)
    {
      id = rd_import_courier_from_name (name->str);
      *courier = g_strdup (id != NULL ? id : name->str);
    }
}
