/* rd-table.c
 *
 * Opening a file: what it is, found from its first bytes (a zip is an XLSX,
 * an OLE2 compound file is a legacy .xls, text is a CSV), the row being
 * built that both readers hand out, and Excel's serial days.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rd-table-private.h"

G_DEFINE_QUARK (rd-table-error-quark, rd_table_error)

/* The first bytes looked at: enough for the CSV's encoding and delimiter. */
#define HEAD_BYTES (64 * 1024)

/* Days from 1970-01-01 back to Excel's day 0 (1899-12-30 for the 1900
 * system once past its invented leap day; 1904-01-01 for the 1904 one). */
#define EPOCH_1900_DAYS 25569
#define EPOCH_1904_DAYS 24107
#define BEIJING_OFFSET  (8 * 3600)

/* The row being built */

void
_rd_table_row_buf_init (RdTableRowBuf *buf)
{
  memset (buf, 0, sizeof *buf);
  buf->cap = 4096;
  buf->text = g_malloc (buf->cap);
  buf->cap_cells = 64;
  buf->starts = g_new (gsize, buf->cap_cells);
  buf->kinds = g_new (RdTableCellKind, buf->cap_cells);
  buf->ptrs = g_new (const char *, buf->cap_cells);
}

void
_rd_table_row_buf_clear (RdTableRowBuf *buf)
{
  g_free (buf->text);
  g_free (buf->starts);
  g_free (buf->kinds);
  g_free (buf->ptrs);
  memset (buf, 0, sizeof *buf);
}

void
_rd_table_row_buf_reserve (RdTableRowBuf *buf,
                           gsize          extra)
{
  while (buf->cap - buf->len < extra)
    buf->cap *= 2;
  buf->text = g_realloc (buf->text, buf->cap);
}

gboolean
_rd_table_row_buf_end_cell (RdTableRowBuf    *buf,
                            gsize             start,
                            RdTableCellKind   kind,
                            GError          **error)
{
  if (buf->n_cells >= RD_TABLE_MAX_CELLS)
    {
      g_set_error (error, RD_TABLE_ERROR, RD_TABLE_ERROR_TOO_LARGE,
                   _("A row has more than %d cells. This is not a list a platform exports; "
                     "check that the right file was chosen."), RD_TABLE_MAX_CELLS);
      return FALSE;
    }
  if (buf->n_cells == buf->cap_cells)
    {
      buf->cap_cells *= 2;
      buf->starts = g_renew (gsize, buf->starts, buf->cap_cells);
      buf->kinds = g_renew (RdTableCellKind, buf->kinds, buf->cap_cells);
      buf->ptrs = g_renew (const char *, buf->ptrs, buf->cap_cells);
    }
  if (buf->cap == buf->len)
    _rd_table_row_buf_reserve (buf, 1);
  buf->text[buf->len++] = '\0';
  buf->starts[buf->n_cells] = start;
  buf->kinds[buf->n_cells] = kind;
  buf->n_cells++;
  return TRUE;
}

gboolean
_rd_table_row_buf_emit (RdTableRowBuf   *buf,
                        guint64          number,
                        RdTableRowFunc   func,
                        gpointer         user_data,
                        gboolean        *stopped,
                        GError         **error)
{
  RdTableRow row;
  GError *local_error = NULL;

  for (guint i = 0; i < buf->n_cells; i++)
    buf->ptrs[i] = buf->text + buf->starts[i];

  row.number = number;
  row.n_cells = buf->n_cells;
  row.cells = buf->ptrs;
  row.kinds = buf->kinds;

  if (func (&row, user_data, &local_error))
    return TRUE;

  *stopped = (local_error == NULL);
  if (local_error != NULL)
    g_propagate_error (error, local_error);
  return FALSE;
}

/* Opening */

static gboolean
read_head (const char  *path,
           guint8      *head,
           gsize       *head_len,
           GError     **error)
{
  FILE *file = g_fopen (path, "rb");
  size_t n;
  int saved_errno;

  if (file == NULL)
    {
      saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("“%s” could not be opened: %s."), path, g_strerror (saved_errno));
      return FALSE;
    }
  n = fread (head, 1, HEAD_BYTES, file);
  saved_errno = errno;
  if (ferror (file))
    {
      fclose (file);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("“%s” could not be read: %s."), path, g_strerror (saved_errno));
      return FALSE;
    }
  fclose (file);
  *head_len = n;
  return TRUE;
}

static gboolean
looks_binary (const guint8 *head,
              gsize         len)
{
  /* Text never holds a NUL; pictures, PDFs' streams and archives do. */
  return memchr (head, '\0', len) != NULL;
}

RdTable *
rd_table_open (const char  *path,
               GError     **error)
{
  g_autoptr(RdTable) table = NULL;
  g_autofree guint8 *head = NULL;
  gsize head_len = 0;
  static const guint8 zip_magic[] = { 'P', 'K', 0x03, 0x04 };
  static const guint8 ole2_magic[] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  head = g_malloc (HEAD_BYTES);
  if (!read_head (path, head, &head_len, error))
    return NULL;

  table = g_new0 (RdTable, 1);
  table->path = g_strdup (path);
  table->display_name = g_path_get_basename (path);

  if (head_len == 0)
    {
      g_set_error (error, RD_TABLE_ERROR, RD_TABLE_ERROR_CORRUPT,
                   _("“%s” is empty. Export or download the list from the platform again."),
                   table->display_name);
      return NULL;
    }

  if (head_len >= sizeof ole2_magic && memcmp (head, ole2_magic, sizeof ole2_magic) == 0)
    {
      g_set_error_literal (error, RD_TABLE_ERROR, RD_TABLE_ERROR_UNSUPPORTED,
                           _("This is an old Excel file (.xls). Open it in Excel or LibreOffice "
                             "and save it as .xlsx or .csv, then import that."));
      return NULL;
    }

  if (head_len >= sizeof zip_magic && memcmp (head, zip_magic, sizeof zip_magic) == 0)
    {
      table->format = RD_TABLE_FORMAT_XLSX;
      if (!_rd_table_xlsx_open (table, error))
        return NULL;
      return g_steal_pointer (&table);
    }

  if (looks_binary (head, head_len))
    {
      g_set_error (error, RD_TABLE_ERROR, RD_TABLE_ERROR_UNSUPPORTED,
                   _("“%s” is neither a CSV nor an Excel (.xlsx) file. Export the list from "
                     "the platform as .csv or .xlsx, or open it in Excel and save it as one."),
                   table->display_name);
      return NULL;
    }

  table->format = RD_TABLE_FORMAT_CSV;
  if (!_rd_table_csv_open (table, head, head_len, error))
    return NULL;
  return g_steal_pointer (&table);
}

void
rd_table_free (RdTable *table)
{
  if (table == NULL)
    return;
  g_clear_pointer (&table->xlsx, _rd_table_xlsx_free);
  g_free (table->path);
  g_free (table->display_name);
  g_free (table);
}

RdTableFormat
rd_table_get_format (RdTable *table)
{
  g_return_val_if_fail (table != NULL, RD_TABLE_FORMAT_CSV);
  return table->format;
}

const char *
rd_table_get_encoding (RdTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);
  return table->format == RD_TABLE_FORMAT_CSV ? table->encoding : NULL;
}

char
rd_table_get_delimiter (RdTable *table)
{
  g_return_val_if_fail (table != NULL, 0);
  return table->format == RD_TABLE_FORMAT_CSV ? table->delimiter : 0;
}

guint
rd_table_get_n_sheets (RdTable *table)
{
  g_return_val_if_fail (table != NULL, 0);
  if (table->format == RD_TABLE_FORMAT_CSV)
    return 1;
  return _rd_table_xlsx_get_n_sheets (table->xlsx);
}

const char *
rd_table_get_sheet_name (RdTable *table,
                         guint    sheet)
{
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (sheet < rd_table_get_n_sheets (table), NULL);
  if (table->format == RD_TABLE_FORMAT_CSV)
    return table->display_name;
  return _rd_table_xlsx_get_sheet_name (table->xlsx, sheet);
}

gboolean
rd_table_read (RdTable         *table,
               guint            sheet,
               RdTableRowFunc   func,
               gpointer         user_data,
               GCancellable    *cancellable,
               GError         **error)
{
  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (sheet < rd_table_get_n_sheets (table), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  table->done = 0;
  table->total = 0;
  if (table->format == RD_TABLE_FORMAT_CSV)
    return _rd_table_csv_read (table, func, user_data, cancellable, error);
  return _rd_table_xlsx_read (table, sheet, func, user_data, cancellable, error);
}

void
rd_table_get_progress (RdTable *table,
                       guint64 *done,
                       guint64 *total)
{
  g_return_if_fail (table != NULL);
  if (done != NULL)
    *done = MIN (table->done, table->total);
  if (total != NULL)
    *total = table->total;
}

/* Serial days */

gboolean
rd_table_uses_1904 (RdTable *table)
{
  g_return_val_if_fail (table != NULL, FALSE);
  return table->format == RD_TABLE_FORMAT_XLSX && _rd_table_xlsx_uses_1904 (table->xlsx);
}

gboolean
rd_table_serial_to_unix (const char *text,
                         gboolean    date_1904,
                         gint64     *unix_time)
{
  const char *p;
  char *end = NULL;
  gboolean digits = FALSE;
  double serial;
  gint64 seconds, days, day_seconds;
  /* 9999-12-31 */
  double last = date_1904 ? 2957003.0 : 2958465.0;

  g_return_val_if_fail (unix_time != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  /* A plain decimal, as the file writes it: no sign, no hex, no "inf". */
  for (p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits = TRUE;
      else if (*p != '.' && *p != 'e' && *p != 'E' && *p != '+' && *p != '-')
        return FALSE;
    }
  if (!digits || text[0] == '-' || text[0] == '+')
    return FALSE;
  errno = 0;
  serial = g_ascii_strtod (text, &end);
  if (errno != 0 || end == text || *end != '\0' || !isfinite (serial))
    return FALSE;

  if (date_1904)
    {
      if (serial < 0 || serial >= last + 1)
        return FALSE;
    }
  else
    {
      /* Day 1 is 1900-01-01; day 60 is the 29 February 1900 Excel invents
       * (after Lotus 1-2-3), so days 1–59 are one day further on than the
       * days after it. */
      if (serial < 1 || serial >= last + 1 || (serial >= 60 && serial < 61))
        return FALSE;
      if (serial < 60)
        serial += 1;
    }

  seconds = (gint64) llround (serial * 86400.0);
  days = seconds / 86400;
  day_seconds = seconds % 86400;
  days -= date_1904 ? EPOCH_1904_DAYS : EPOCH_1900_DAYS;
  *unix_time = days * 86400 + day_seconds - BEIJING_OFFSET;
  return TRUE;
}
