/* rd-table-sheet.c
 *
 * A sheet's rows, streamed: the sheet's XML goes from the zip through
 * libxml2's SAX2 parser a block at a time, and each </row> hands a row out,
 * so the sheet is never in memory whole. Each cell's column comes from its reference ("C7"), and
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
  RdTableSax      sax;
  RdTable        *table;
  RdTableXlsx    *xlsx;
  const char     *sheet_name;
  RdTableRowFunc  func;
  gpointer        user_data;
  GCancellable   *cancellable;
  GsfInput       *input;
  guint           rows_since_check;
  RdTableRowBuf   row;
  guint64         row_number;
  gboolean        in_row;

  /* The cell being read */
  gboolean        in_cell;
  guint           column;
  guint           next_column;   /* of a cell that gives no reference */
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

/* An attribute's value, which SAX2 gives as a start and an end, copied
 * into buf (cut to its size). */
static const char *
attribute_value (const xmlChar **attribute,
                 char           *buf,
                 gsize           size)
{
  gsize len = MIN ((gsize) (attribute[4] - attribute[3]), size - 1);

  memcpy (buf, attribute[3], len);
  buf[len] = '\0';
  return buf;
}

/* The <c>'s attributes: r (where), t (what), s (its style). */
static gboolean
start_cell (Sheet          *sheet,
            int             n_attributes,
            const xmlChar **attributes,
            GError        **error)
{
  for (int i = 0; i < n_attributes; i++)
    {
      const xmlChar **attribute = attributes + 5 * i;
      const char *name = (const char *) attribute[0];
      char buf[32];

      if (name[0] == '\0' || name[1] != '\0')
        continue;
      if (name[0] == 'r')
        {
          const char *value = attribute_value (attribute, buf, sizeof buf);
          guint column;

          if (!parse_column (value, &column))
            {
              g_autofree char *what = g_strdup_printf (_("the cell reference “%.15s”"), value);

              set_cell_corrupt (sheet, what, error);
              return FALSE;
            }
          sheet->column = column;
        }
      else if (name[0] == 't')
        sheet->type = parse_type (attribute_value (attribute, buf, sizeof buf));
      else if (name[0] == 's')
        {
          guint64 n;

          if (g_ascii_string_to_unsigned (attribute_value (attribute, buf, sizeof buf), 10, 0,
                                          G_MAXUINT32, &n, NULL))
            sheet->style = (guint) n;
        }
    }
  return TRUE;
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
               g_array_index (sheet->xlsx->string_starts, guint32, index);
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
  sheet->next_column = sheet->column + 1;
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
  sheet->column = sheet->next_column;
  sheet->type = TYPE_NUMBER;
  sheet->style = 0;
  sheet->in_value = FALSE;
  sheet->phonetic_depth = 0;
  g_string_truncate (sheet->value, 0);
}

static gboolean
begin_row (Sheet          *sheet,
           int             n_attributes,
           const xmlChar **attributes,
           GError        **error)
{
  _rd_table_row_buf_reset (&sheet->row);
  sheet->in_row = TRUE;
  sheet->in_cell = FALSE;
  sheet->next_column = 0;

  for (int i = 0; i < n_attributes; i++)
    {
      const xmlChar **attribute = attributes + 5 * i;
      char buf[32];
      guint64 n;

      if (strcmp ((const char *) attribute[0], "r") != 0)
        continue;
      attribute_value (attribute, buf, sizeof buf);
      if (!g_ascii_string_to_unsigned (buf, 10, 1, G_MAXUINT32, &n, NULL))
        {
          g_autofree char *what = g_strdup_printf (_("the row number “%.15s”"), buf);

          set_cell_corrupt (sheet, what, error);
          return FALSE;
        }
      sheet->row_number = n;
      return TRUE;
    }
  sheet->row_number++;
  return TRUE;
}

static gboolean
end_row (Sheet   *sheet,
         GError **error)
{
  gboolean stopped = FALSE;

  sheet->in_row = FALSE;
  sheet->in_cell = FALSE;
  sheet->table->done = gsf_input_tell (sheet->input);
  if (!_rd_table_row_buf_emit (&sheet->row, sheet->row_number, sheet->func, sheet->user_data,
                               &stopped, error))
    {
      if (stopped)
        _rd_table_sax_stop (&sheet->sax, NULL);
      return FALSE;
    }
  if (++sheet->rows_since_check == CANCEL_EVERY)
    {
      sheet->rows_since_check = 0;
      if (g_cancellable_set_error_if_cancelled (sheet->cancellable, error))
        return FALSE;
    }
  return TRUE;
}

/* SAX */

static void
stop_on_error (Sheet  *sheet,
               GError *error)
{
  /* A stop without an error (the callback's wish) is already recorded. */
  if (error != NULL)
    _rd_table_sax_stop (&sheet->sax, error);
}

static void
on_start (void           *user_data,
          const xmlChar  *name,
          const xmlChar  *prefix,
          const xmlChar  *uri,
          int             n_namespaces,
          const xmlChar **namespaces,
          int             n_attributes,
          int             n_defaulted,
          const xmlChar **attributes)
{
  Sheet *sheet = user_data;
  const char *local = (const char *) name;
  GError *error = NULL;

  switch (local[0])
    {
    case 'c':
      if (local[1] == '\0' && sheet->in_row)
        {
          begin_cell (sheet);
          if (!start_cell (sheet, n_attributes, attributes, &error))
            stop_on_error (sheet, error);
        }
      break;
    case 'v':
    case 't':
      if (local[1] == '\0')
        sheet->in_value = sheet->in_cell && sheet->phonetic_depth == 0;
      break;
    case 'r':
      if (strcmp (local, "row") == 0)
        {
          if (!begin_row (sheet, n_attributes, attributes, &error))
            stop_on_error (sheet, error);
        }
      else if (strcmp (local, "rPh") == 0 && sheet->in_cell)
        sheet->phonetic_depth++;
      break;
    default:
      break;
    }
}

static void
on_end (void          *user_data,
        const xmlChar *name,
        const xmlChar *prefix,
        const xmlChar *uri)
{
  Sheet *sheet = user_data;
  const char *local = (const char *) name;
  GError *error = NULL;

  switch (local[0])
    {
    case 'c':
      if (local[1] == '\0' && sheet->in_cell && !end_cell (sheet, &error))
        stop_on_error (sheet, error);
      break;
    case 'v':
    case 't':
      if (local[1] == '\0')
        sheet->in_value = FALSE;
      break;
    case 'r':
      if (strcmp (local, "row") == 0 && sheet->in_row)
        {
          if (!end_row (sheet, &error))
            stop_on_error (sheet, error);
        }
      else if (strcmp (local, "rPh") == 0 && sheet->phonetic_depth > 0)
        sheet->phonetic_depth--;
      break;
    default:
      break;
    }
}

static void
on_characters (void          *user_data,
               const xmlChar *text,
               int            len)
{
  Sheet *sheet = user_data;

  if (!sheet->in_value)
    return;
  g_string_append_len (sheet->value, (const char *) text, len);
  if (sheet->value->len > RD_TABLE_MAX_CELL_BYTES)
    _rd_table_sax_stop (&sheet->sax,
                        g_error_new (RD_TABLE_ERROR, RD_TABLE_ERROR_TOO_LARGE,
                                     _("A cell in row %llu of sheet “%s” is longer than 1 MiB; "
                                       "this is not a list a platform exports."),
                                     (unsigned long long) sheet->row_number, sheet->sheet_name));
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
  g_autofree char *message = NULL;
  xmlSAXHandler handler = { 0 };
  Sheet sheet = { { 0 } };
  gboolean ok;

  sheet.table = table;
  sheet.xlsx = xlsx;
  sheet.sheet_name = g_ptr_array_index (xlsx->sheet_names, sheet_index);
  sheet.func = func;
  sheet.user_data = user_data;
  sheet.cancellable = cancellable;

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
  sheet.input = input;
  sheet.value = g_string_sized_new (64);
  _rd_table_row_buf_init (&sheet.row);

  handler.startElementNs = on_start;
  handler.endElementNs = on_end;
  handler.characters = on_characters;
  handler.cdataBlock = on_characters;
  ok = _rd_table_sax_parse (&sheet.sax, input, &handler, &message);

  if (sheet.sax.error != NULL)
    g_propagate_error (error, g_steal_pointer (&sheet.sax.error));
  else if (sheet.sax.stopped)
    ok = TRUE;
  else if (!ok)
    {
      g_autofree char *part = g_strdup_printf (_("sheet “%s”, after row %llu"),
                                               sheet.sheet_name,
                                               (unsigned long long) sheet.row_number);

      _rd_table_xlsx_set_corrupt (table, part, message, error);
    }

  _rd_table_row_buf_clear (&sheet.row);
  g_string_free (sheet.value, TRUE);
  return ok;
}
