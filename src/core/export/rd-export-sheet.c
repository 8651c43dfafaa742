/* rd-export-sheet.c
 *
 * What every sheet of the workbook is written with: the money formats,
 * cells of text, money, counts and times (each noting the width its column
 * needs), the header row and the column widths, adding a sheet under a
 * name Excel accepts with its print setup, and the small helpers for the
 * ledger rows a sheet reads. The sheet files (rd-export-ledger.c,
 * rd-export-summary.c, rd-export-register.c) use it; it uses none of them.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-export-private.h"
#include "rd-money.h"
#include "rd-money-totals.h"

/* Helpers */

static guint
digits_width (guint64 value)
{
  guint digits = 1;

  while (value >= 10)
    {
      value /= 10;
      digits++;
    }
  return digits + (digits - 1) / 3;   /* with thousands separators */
}

/* Formats and cells */

const RdExportMoneyFormat *
_rd_export_money_format (RdExportContext *ctx,
                         const char      *code)
{
  RdExportMoneyFormat *money;
  const RdCurrency *currency;
  g_autoptr(GString) num_format = NULL;
  g_autofree char *symbol = NULL;
  g_autofree char *positive = NULL;

  /* "usd" is USD; NULL or "" the shop's CNY. */
  code = rd_currency_normalize (code);

  money = g_hash_table_lookup (ctx->money_formats, code);
  if (money != NULL)
    return money;

  currency = rd_currency_lookup (code);
  money = g_new0 (RdExportMoneyFormat, 1);
  money->exponent = currency != NULL ? currency->exponent : 2;
  money->divisor = 1;
  for (guint i = 0; i < money->exponent; i++)
    money->divisor *= 10;

  /* "¥"#,##0.00;-"¥"#,##0.00 — the symbol quoted so that no character of
   * it is read as a format code. */
  symbol = g_strstrip (g_strdup (currency != NULL ? currency->symbol : code));
  positive = g_strdup_printf ("\"%s\"#,##0%s%.*s", symbol,
                              money->exponent > 0 ? "." : "",
                              (int) money->exponent, "0000000000");
  num_format = g_string_new (positive);
  g_string_append_printf (num_format, ";-%s", positive);

  money->format = workbook_add_format (ctx->workbook);
  format_set_num_format (money->format, num_format->str);

  money->code = g_intern_string (code);
  g_hash_table_insert (ctx->money_formats, (gpointer) money->code, money);
  return money;
}


double
_rd_export_excel_time (RdExportContext *ctx,
                       gint64           unix_time)
{
  int interval = g_time_zone_find_interval (ctx->tz, G_TIME_TYPE_UNIVERSAL, unix_time);
  gint64 local = unix_time + (interval >= 0 ? g_time_zone_get_offset (ctx->tz, interval) : 0);
  gint64 days = local / 86400;
  gint64 seconds = local % 86400;

  if (seconds < 0)
    {
      seconds += 86400;
      days -= 1;
    }

  /* Day 25569 is 1970-01-01 in Excel's 1900 date system. */
  return (double) (days + 25569) + (double) seconds / 86400.0;
}


/* Display width in Excel's character units: a wide (CJK, fullwidth) character
 * counts two. */
guint
_rd_export_text_width (const char *text)
{
  guint width = 0;

  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      if (*p < 0x80)
        width += 1;
      else if (*p >= 0xE0)
        width += 2;        /* lead byte of a 3- or 4-byte character */
      else if (*p >= 0xC0)
        width += 1;        /* lead byte of a 2-byte character */
    }
  return width;
}


void
_rd_export_sheet_note_width (RdExportSheet *sheet,
                             guint          col,
                             guint          width)
{
  if (col < RD_EXPORT_MAX_COLUMNS && width > sheet->widths[col])
    sheet->widths[col] = width;
  if (col + 1 > sheet->n_columns)
    sheet->n_columns = col + 1;
}


void
_rd_export_sheet_write_header (RdExportContext *ctx,
                               RdExportSheet   *sheet,
                               const char     **headers,
                               guint            n)
{
  for (guint i = 0; i < n; i++)
    {
      worksheet_write_string (sheet->sheet, 0, i, headers[i], ctx->header_format);
      /* Room for the autofilter's button. */
      _rd_export_sheet_note_width (sheet, i, _rd_export_text_width (headers[i]) + 3);
    }
  worksheet_freeze_panes (sheet->sheet, 1, 0);
  /* Printed, the header row heads every page. */
  worksheet_repeat_rows (sheet->sheet, 0, 0);
}


void
_rd_export_sheet_finish (RdExportSheet *sheet,
                         guint          last_row)
{
  for (guint i = 0; i < sheet->n_columns && i < RD_EXPORT_MAX_COLUMNS; i++)
    worksheet_set_column (sheet->sheet, i, i, MIN (sheet->widths[i] + 2, 60), NULL);
  if (sheet->n_columns > 0)
    worksheet_autofilter (sheet->sheet, 0, 0, last_row, sheet->n_columns - 1);
}


void
_rd_export_write_text (RdExportSheet *sheet,
                       guint          row,
                       guint          col,
                       const char    *text,
                       lxw_format    *format)
{
  if (text == NULL || *text == '\0')
    return;
  /* Always a string cell: "=1+1" or "-3" stays the text it is. */
  worksheet_write_string (sheet->sheet, row, col, text, format);
  _rd_export_sheet_note_width (sheet, col, _rd_export_text_width (text));
}



void
_rd_export_write_money (RdExportSheet             *sheet,
                        guint                      row,
                        guint                      col,
                        const RdExportMoneyFormat *money,
                        gint64                     amount)
{
  guint64 magnitude = amount < 0 ? (guint64) -(amount + 1) + 1 : (guint64) amount;
  guint64 major = magnitude;

  for (guint i = 0; i < money->exponent; i++)
    major /= 10;

  /* The only double of the money path: minor units / 10^exponent, exact for
   * every amount a case can hold (< 10^13 minor units). */
  worksheet_write_number (sheet->sheet, row, col, (double) amount / money->divisor, money->format);
  _rd_export_sheet_note_width (sheet, col,
                               digits_width (major) + money->exponent + 1 + 2 + (amount < 0));
}


void
_rd_export_write_count (RdExportSheet *sheet,
                        guint          row,
                        guint          col,
                        gint64         count)
{
  worksheet_write_number (sheet->sheet, row, col, (double) count, NULL);
  _rd_export_sheet_note_width (sheet, col, digits_width ((guint64) MAX (count, 0)));
}


void
_rd_export_write_time (RdExportContext *ctx,
                       RdExportSheet   *sheet,
                       guint            row,
                       guint            col,
                       gint64           unix_time)
{
  if (unix_time <= 0)
    return;
  worksheet_write_number (sheet->sheet, row, col, _rd_export_excel_time (ctx, unix_time),
                          ctx->datetime_format);
  _rd_export_sheet_note_width (sheet, col, 16);   /* yyyy-mm-dd hh:mm */
}


/* Sheets */

/* Printed: landscape, one page wide (as many pages down as it takes), the
 * sheet's name at the left of the footer and "Page N of M" at its right.
 * The header row is repeated on each page by _rd_export_sheet_write_header. */
static void
set_print_setup (RdExportSheet *sheet)
{
  /* Translators: the footer of a printed page of the workbook; Excel puts
   * the page number for &P and the number of pages for &N: keep both. */
  g_autofree char *footer = g_strdup_printf ("&L&A&R%s", _("Page &P of &N"));

  worksheet_set_landscape (sheet->sheet);
  worksheet_fit_to_pages (sheet->sheet, 1, 0);
  worksheet_set_footer (sheet->sheet, footer);
}

/* "明细", "明细 (2)": at most 31 characters, none of []:*?/\ . */
char *
_rd_export_sheet_name (const char *name,
                       guint       number)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autofree char *suffix = number > 1 ? g_strdup_printf (" (%u)", number) : g_strdup ("");
  glong room = 31 - (glong) strlen (suffix);
  glong n = 0;

  for (const char *p = name; *p != '\0' && n < room; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);
      if (strchr ("[]:*?/\\", (int) (c < 128 ? c : 'x')) != NULL)
        g_string_append_c (s, '_');
      else
        g_string_append_unichar (s, c);
    }
  g_string_append (s, suffix);
  return g_string_free (g_steal_pointer (&s), FALSE);
}


gboolean
_rd_export_add_numbered_sheet (RdExportContext  *ctx,
                               RdExportSheet    *sheet,
                               const char       *title,
                               guint             number,
                               GError          **error)
{
  g_autofree char *name = _rd_export_sheet_name (title, number);

  memset (sheet, 0, sizeof *sheet);
  sheet->sheet = workbook_add_worksheet (ctx->workbook, name);
  if (sheet->sheet == NULL)
    {
      g_set_error (error, RD_EXPORT_ERROR, RD_EXPORT_ERROR_FAILED,
                   _("Could not add the sheet “%s” to the workbook."), name);
      return FALSE;
    }
  set_print_setup (sheet);
  return TRUE;
}


gboolean
_rd_export_add_sheet (RdExportContext  *ctx,
                      RdExportSheet    *sheet,
                      const char       *title,
                      GError          **error)
{
  return _rd_export_add_numbered_sheet (ctx, sheet, title, 1, error);
}


/* The rows a sheet reads */

/* The translated name, or the stored id when this build does not know it. */
const char *
_rd_export_name_or_id (const char *name,
                       const char *id)
{
  return name != NULL && *name != '\0' ? name : id;
}


const char *
_rd_export_column_text (sqlite3_stmt *stmt,
                        int           col)
{
  return (const char *) sqlite3_column_text (stmt, col);
}


gboolean
_rd_export_set_read_error (RdExportContext  *ctx,
                           GError          **error)
{
  g_set_error (error, RD_EXPORT_ERROR, RD_EXPORT_ERROR_DATABASE,
               _("Could not read the ledger: %s"), sqlite3_errmsg (ctx->db));
  return FALSE;
}

