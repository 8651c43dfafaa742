/* rd-table-sheet.c
 *
 * A sheet's rows, streamed: the sheet's XML is pulled through libxml2's
 * reader straight from the zip, one <row> at a time, so the sheet is never
 * in memory whole. Each cell's column comes from its reference ("C7"), and
 * the gaps before it become "" cells; a number keeps the exact text of its
 * <v>, and its style says whether it is a date.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-table-private.h"

#define CANCEL_EVERY 1024

typedef enum
{
  TYPE_NUMBER,
  TYPE_SHARED,
  TYPE_STRING,     /* a formula's text result */
  TYPE_INLINE,
  TYPE_BOOLEAN,
  TYPE_ERROR,
  TYPE_DATE_TEXT,  /* t="d": an ISO 8601 date written as text */
} CellType;

typedef struct
{
  RdTable        *table;
  RdTableXlsx    *xlsx;
  const char     *sheet_name;
  RdTableRowBuf   row;
  guint64         row_number;
  gboolean        in_row;

  /* The cell being read */
  gboolean        in_cell;
  guint           column;
  CellType        type;
  guint           style;
  GString        *value;
  gboolean        in_value;      /* inside <v>, or <t> of <is> */
  guint           phonetic_depth;
} Sheet;

/* "C7" → column 2. FALSE when it is not a cell reference. */
static gboolean
parse_column (const char *ref,
              guint      *column)
{
  guint64 n = 0;
  const char *p = ref;

  for (; g_ascii_isalpha (*p); p++)
    {
      n = n * 26 + (g_ascii_toupper (*p) - 'A' + 1);
      if (n > 16384)   /* Excel's last column, XFD */
        return FALSE;
    }
  if (p == ref || n == 0)
    return FALSE;
  for (; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && *p != '$')
      return FALSE;
  *column = (guint) n - 1;
  return TRUE;
}

static void
set_cell_corrupt (Sheet       *sheet,
                  const char  *what,
                  GError     **error)
{
  g_autofree char *part = g_strdup_printf (_("sheet “%s”, row %llu"),
                                           sheet->sheet_name, (unsigned long long) sheet->row_number);

  _rd_table_xlsx_set_corrupt (sheet->table, part, what, error);
}

static CellType
parse_type (const char *type)
{
  if (strcmp (type, "s") == 0)
    return TYPE_SHARED;
  if (strcmp (type, "str") == 0)
    return TYPE_STRING;
  if (strcmp (type, "inlineStr") == 0)
    return TYPE_INLINE;
  if (strcmp (type, "b") == 0)
    return TYPE_BOOLEAN;
  if (strcmp (type, "e") == 0)
    return TYPE_ERROR;
  if (strcmp (type, "d") == 0)
    return TYPE_DATE_TEXT;
  return TYPE_NUMBER;   /* "n", and anything unknown */
}

/* The <c>'s attributes: r (where), t (what), s (its style). */
static gboolean
start_cell (Sheet            *sheet,
            xmlTextReaderPtr  reader,
            GError          **error)
{
  gboolean ok = TRUE;

  if (xmlTextReaderMoveToFirstAttribute (reader) != 1)
    return TRUE;
  do
    {
      const char *name = (const char *) xmlTextReaderConstLocalName (reader);
      const char *value = (const char *) xmlTextReaderConstValue (reader);

      if (name == NULL || value == NULL || name[0] == '\0' || name[1] != '\0')
        continue;
      if (name[0] == 'r')
        {
          guint column;

          if (!parse_column (value, &column))
            {
              g_autofree char *what = g_strdup_printf (_("the cell reference “%.15s”"), value);

              set_cell_corrupt (sheet, what, error);
              ok = FALSE;
              break;
            }
          sheet->column = column;
        }
      else if (name[0] == 't')
        sheet->type = parse_type (value);
      else if (name[0] == 's')
        {
          guint64 n;

          if (g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT32, &n, NULL))
            sheet->style = (guint) n;
        }
    }
  while (xmlTextReaderMoveToNextAttribute (reader) == 1);
  xmlTextReaderMoveToElement (reader);
  return ok;
}

static gboolean
end_cell (Sheet   *sheet,
          GError **error)
{
  RdTableRowBuf *row = &sheet->row;
  RdTableCellKind kind = RD_TABLE_CELL_TEXT;
  const char *text = sheet->value->str;
  gsize len = sheet->value->len;
  gsize start;

  switch (sheet->type)
    {
    case TYPE_NUMBER:
      kind = (sheet->style < sheet->xlsx->date_styles->len &&
              sheet->xlsx->date_styles->data[sheet->style])
             ? RD_TABLE_CELL_DATE : RD_TABLE_CELL_NUMBER;
      break;
    case TYPE_SHARED:
      {
        guint64 index;

        if (len == 0)
          break;
        if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT32, &index, NULL) ||
            index >= sheet->xlsx->string_starts->len)
          {
            set_cell_corrupt (sheet, _("a missing shared string"), error);
            return FALSE;
          }
        text = (const char *) sheet->xlsx->strings->data +
               g_array_index (sheet->xlsx->string_starts, gsize, index);
        len = strlen (text);
      }
      break;
    case TYPE_STRING:
    case TYPE_INLINE:
      _rd_table_xlsx_unescape (sheet->value);
      text = sheet->value->str;
      len = sheet->value->len;
      break;
    case TYPE_BOOLEAN:
      kind = RD_TABLE_CELL_BOOLEAN;
      if (strcmp (text, "1") == 0)
        text = "TRUE";
      else if (strcmp (text, "0") == 0)
        text = "FALSE";
      len = strlen (text);
      break;
    case TYPE_ERROR:
      kind = RD_TABLE_CELL_ERROR;
      break;
    case TYPE_DATE_TEXT:
      break;
    default:
      g_assert_not_reached ();
    }

  sheet->in_cell = FALSE;
  /* An empty cell (a style with no value) is a gap like any other: the
   * cells after it fill it with "", and none at the end of a row is kept. */
  if (len == 0)
    return TRUE;

  if (sheet->column >= RD_TABLE_MAX_CELLS)
    {
      g_set_error (error, RD_TABLE_ERROR, RD_TABLE_ERROR_TOO_LARGE,
                   _("Row %llu of sheet “%s” has a value past column %d. "
                     "This is not a list a platform exports; check that the right file was chosen."),
                   (unsigned long long) sheet->row_number, sheet->sheet_name, RD_TABLE_MAX_CELLS);
      return FALSE;
    }
  if (sheet->column < row->n_cells)
    {
      set_cell_corrupt (sheet, _("cells out of order"), error);
      return FALSE;
    }
  while (row->n_cells < sheet->column)
    {
      if (!_rd_table_row_buf_end_cell (row, row->len, RD_TABLE_CELL_TEXT, error))
        return FALSE;
    }
  start = row->len;
  _rd_table_row_buf_append (row, text, len);
  return _rd_table_row_buf_end_cell (row, start, kind, error);
}

static void
begin_cell (Sheet *sheet)
{
  sheet->in_cell = TRUE;
  sheet->column = sheet->row.n_cells;
  sheet->type = TYPE_NUMBER;
  sheet->style = 0;
  sheet->in_value = FALSE;
  sheet->phonetic_depth = 0;
  g_string_truncate (sheet->value, 0);
}

static gboolean
begin_row (Sheet            *sheet,
           xmlTextReaderPtr  reader,
           GError          **error)
{
  const char *r = NULL;
  g_autofree char *r_copy = NULL;
  guint64 n;

  _rd_table_row_buf_reset (&sheet->row);
  sheet->in_row = TRUE;
  sheet->in_cell = FALSE;

  if (xmlTextReaderMoveToFirstAttribute (reader) == 1)
    {
      do
        {
          const char *name = (const char *) xmlTextReaderConstLocalName (reader);

          if (name[0] == 'r' && name[1] == '\0')
            {
              r = (const char *) xmlTextReaderConstValue (reader);
              r_copy = g_strdup (r);
              break;
            }
        }
      while (xmlTextReaderMoveToNextAttribute (reader) == 1);
      xmlTextReaderMoveToElement (reader);
    }
  if (r_copy == NULL)
    {
      sheet->row_number++;
      return TRUE;
    }
  if (!g_ascii_string_to_unsigned (r_copy, 10, 1, G_MAXUINT32, &n, NULL))
    {
      g_autofree char *what = g_strdup_printf (_("the row number “%.15s”"), r_copy);

      set_cell_corrupt (sheet, what, error);
      return FALSE;
    }
  sheet->row_number = n;
  return TRUE;
}

static gboolean
is_text_node_type (int type)
{
  return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
         type == XML_READER_TYPE_WHITESPACE || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

static gboolean
append_value (Sheet            *sheet,
              xmlTextReaderPtr  reader,
              GError          **error)
{
  g_string_append (sheet->value, (const char *) xmlTextReaderConstValue (reader));
  if (sheet->value->len <= RD_TABLE_MAX_CELL_BYTES)
    return TRUE;
  g_set_error (error, RD_TABLE_ERROR, RD_TABLE_ERROR_TOO_LARGE,
               _("A cell in row %llu of sheet “%s” is longer than 1 MiB; "
                 "this is not a list a platform exports."),
               (unsigned long long) sheet->row_number, sheet->sheet_name);
  return FALSE;
}

gboolean
_rd_table_xlsx_read (RdTable         *table,
                     guint            sheet_index,
                     RdTableRowFunc   func,
                     gpointer         user_data,
                     GCancellable    *cancellable,
                     GError         **error)
{
  RdTableXlsx *xlsx = table->xlsx;
  const char *path = g_ptr_array_index (xlsx->sheet_paths, sheet_index);
  g_autoptr(GsfInput) input = NULL;
  RdTableXml xml;
  Sheet sheet = { 0 };
  guint rows_since_check = 0;
  gboolean ok = TRUE, stopped = FALSE;
  int r = 0;

  sheet.table = table;
  sheet.xlsx = xlsx;
  sheet.sheet_name = g_ptr_array_index (xlsx->sheet_names, sheet_index);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  input = path != NULL ? _rd_table_xlsx_open_part (xlsx, path) : NULL;
  if (input == NULL)
    {
      g_autofree char *part = g_strdup_printf (_("sheet “%s”"), sheet.sheet_name);

      _rd_table_xlsx_set_corrupt (table, part, _("missing from the archive"), error);
      return FALSE;
    }
  table->total = gsf_input_size (input);
  if (!_rd_table_xml_open (&xml, input))
    {
      g_autofree char *part = g_strdup_printf (_("sheet “%s”"), sheet.sheet_name);

      _rd_table_xlsx_set_corrupt (table, part, NULL, error);
      return FALSE;
    }

  sheet.value = g_string_sized_new (64);
  _rd_table_row_buf_init (&sheet.row);

  while (ok && (r = xmlTextReaderRead (xml.reader)) == 1)
    {
      xmlTextReaderPtr reader = xml.reader;
      int type = xmlTextReaderNodeType (reader);
      const char *name;

      if (type == XML_READER_TYPE_ELEMENT)
        {
          gboolean empty = xmlTextReaderIsEmptyElement (reader);

          name = (const char *) xmlTextReaderConstLocalName (reader);
          if (strcmp (name, "c") == 0 && sheet.in_row)
            {
              begin_cell (&sheet);
              ok = start_cell (&sheet, reader, error);
              if (ok && empty)
                ok = end_cell (&sheet, error);
              continue;
            }
          if (strcmp (name, "v") == 0 || strcmp (name, "t") == 0)
            {
              sheet.in_value = sheet.in_cell && !empty && sheet.phonetic_depth == 0;
              continue;
            }
          if (strcmp (name, "rPh") == 0 && sheet.in_cell && !empty)
            {
              sheet.phonetic_depth++;
              continue;
            }
          if (strcmp (name, "row") == 0)
            {
              ok = begin_row (&sheet, reader, error);
              if (!ok || !empty)
                continue;
              type = XML_READER_TYPE_END_ELEMENT;
            }
          else
            continue;
        }

      if (type == XML_READER_TYPE_END_ELEMENT)
        {
          name = (const char *) xmlTextReaderConstLocalName (reader);
          if (strcmp (name, "c") == 0 && sheet.in_cell)
            ok = end_cell (&sheet, error);
          else if (strcmp (name, "v") == 0 || strcmp (name, "t") == 0)
            sheet.in_value = FALSE;
          else if (strcmp (name, "rPh") == 0 && sheet.phonetic_depth > 0)
            sheet.phonetic_depth--;
          else if (strcmp (name, "row") == 0 && sheet.in_row)
            {
              sheet.in_row = FALSE;
              sheet.in_cell = FALSE;
              table->done = gsf_input_tell (input);
              ok = _rd_table_row_buf_emit (&sheet.row, sheet.row_number, func, user_data,
                                           &stopped, error);
              if (ok && ++rows_since_check == CANCEL_EVERY)
                {
                  rows_since_check = 0;
                  ok = !g_cancellable_set_error_if_cancelled (cancellable, error);
                }
            }
          continue;
        }

      if (sheet.in_value && is_text_node_type (type))
        ok = append_value (&sheet, reader, error);
    }

  if (ok && r < 0)
    {
      g_autofree char *part = g_strdup_printf (_("sheet “%s”, after row %llu"),
                                               sheet.sheet_name, (unsigned long long) sheet.row_number);

      _rd_table_xlsx_set_corrupt (table, part, xml.message, error);
      ok = FALSE;
    }
  if (!ok && stopped)
    ok = TRUE;

  _rd_table_xml_close (&xml);
  _rd_table_row_buf_clear (&sheet.row);
  g_string_free (sheet.value, TRUE);
  return ok;
}
