/* rd-table-private.h
 *
 * Inside the file reader: the table's state, the row being built, and the
 * CSV and XLSX halves that rd-table.c dispatches to. Only src/core/table
 * includes this.
 */
#pragma once

#if !defined (RD_TABLE_COMPILATION)
#error "rd-table-private.h is private to src/core/table"
#endif

#include <string.h>

#include <gsf/gsf.h>
#include <libxml/xmlreader.h>

#include "rd-table.h"

G_BEGIN_DECLS

/* libgsf 1.14 declares no cleanup functions of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInput, g_object_unref)

/* RD_TABLE_ERROR_TOO_LARGE's limits. */
#define RD_TABLE_MAX_CELL_BYTES (1024 * 1024)
#define RD_TABLE_MAX_CELLS      4096

/* One row as it is built: the cells' text, each NUL-terminated, one after
 * the other in `text`; the pointers are made when the row is handed out,
 * since `text` moves as it grows. */
typedef struct
{
  char             *text;
  gsize             len;
  gsize             cap;
  gsize            *starts;
  RdTableCellKind  *kinds;
  const char      **ptrs;
  guint             n_cells;
  guint             cap_cells;
} RdTableRowBuf;

void      _rd_table_row_buf_init       (RdTableRowBuf   *buf);
void      _rd_table_row_buf_clear      (RdTableRowBuf   *buf);
static inline void
_rd_table_row_buf_reset (RdTableRowBuf *buf)
{
  buf->len = 0;
  buf->n_cells = 0;
}
/* Makes room for `extra` more bytes of text. */
void      _rd_table_row_buf_reserve    (RdTableRowBuf   *buf,
                                        gsize            extra);
static inline void
_rd_table_row_buf_append (RdTableRowBuf *buf,
                          const char    *p,
                          gsize          n)
{
  if (buf->cap - buf->len < n + 1)
    _rd_table_row_buf_reserve (buf, n + 1);
  memcpy (buf->text + buf->len, p, n);
  buf->len += n;
}
/* Ends the cell whose text began at `start` (its bytes already appended);
 * FALSE with RD_TABLE_ERROR_TOO_LARGE past RD_TABLE_MAX_CELLS. */
gboolean  _rd_table_row_buf_end_cell   (RdTableRowBuf   *buf,
                                        gsize            start,
                                        RdTableCellKind  kind,
                                        GError         **error);
/* Hands the row to func. FALSE when func stopped (*stopped then says
 * whether it was without an error). */
gboolean  _rd_table_row_buf_emit       (RdTableRowBuf   *buf,
                                        guint64          number,
                                        RdTableRowFunc   func,
                                        gpointer         user_data,
                                        gboolean        *stopped,
                                        GError         **error);

typedef struct _RdTableXlsx RdTableXlsx;

struct _RdTable
{
  RdTableFormat  format;
  char          *path;
  char          *display_name;   /* the file's base name, for messages */

  /* CSV */
  const char    *encoding;       /* "UTF-8" or "GB18030" */
  char           delimiter;
  gboolean       csv_switch_ok;  /* UTF-8 chosen on a sample with no byte above 0x7F */

  /* XLSX */
  RdTableXlsx   *xlsx;

  /* rd_table_get_progress */
  guint64        done;
  guint64        total;
};

/* rd-table-csv.c */
gboolean  _rd_table_csv_open           (RdTable         *table,
                                        const guint8    *head,
                                        gsize            head_len,
                                        GError         **error);
gboolean  _rd_table_csv_read           (RdTable         *table,
                                        RdTableRowFunc   func,
                                        gpointer         user_data,
                                        GCancellable    *cancellable,
                                        GError         **error);

/* rd-table-xlsx.c */
gboolean  _rd_table_xlsx_open          (RdTable         *table,
                                        GError         **error);
void      _rd_table_xlsx_free          (RdTableXlsx     *xlsx);
guint     _rd_table_xlsx_get_n_sheets  (RdTableXlsx     *xlsx);
const char *_rd_table_xlsx_get_sheet_name (RdTableXlsx  *xlsx,
                                        guint            sheet);
gboolean  _rd_table_xlsx_uses_1904     (RdTableXlsx     *xlsx);

/* The workbook, as rd-table-xlsx.c found it and rd-table-sheet.c reads it. */
struct _RdTableXlsx
{
  GsfInfile  *zip;
  GPtrArray  *sheet_names;    /* char * */
  GPtrArray  *sheet_rel_ids;  /* char *: the workbook's relationship ids */
  GPtrArray  *sheet_paths;    /* char *, NULL when the relationship is missing */
  gboolean    date_1904;
  /* cellXfs index → whether its number format is a date */
  GByteArray *date_styles;
  /* The shared strings, each NUL-terminated, one after the other. */
  GByteArray *strings;
  GArray     *string_starts;  /* guint32: the text is below 1 GiB */
};

/* rd-table-xml.c: an XML reader over a part of the zip, whose errors are
 * kept rather than printed. */
typedef struct
{
  GsfInput          *input;
  xmlTextReaderPtr   reader;
  char              *message;  /* libxml2's first complaint */
} RdTableXml;

gboolean  _rd_table_xml_open           (RdTableXml      *xml,
                                        GsfInput        *input);
void      _rd_table_xml_close          (RdTableXml      *xml);
gboolean  _rd_table_xml_is_element     (xmlTextReaderPtr reader,
                                        const char      *name);
gboolean  _rd_table_xml_is_end         (xmlTextReaderPtr reader,
                                        const char      *name);
gboolean  _rd_table_xml_is_text        (xmlTextReaderPtr reader);
/* The attribute's value by its local name, or NULL; valid until the reader
 * moves. */
const char *_rd_table_xml_get_attribute (xmlTextReaderPtr reader,
                                        const char      *name);
/* Reads a whole small part, each node to func: FALSE (error set) when func
 * fails or the XML breaks off ("part" names it in the message). */
typedef gboolean (*RdTableNodeFunc) (xmlTextReaderPtr reader, RdTable *table, gpointer data,
                                     GError **error);
gboolean  _rd_table_xml_parse_part     (RdTable         *table,
                                        GsfInput        *input,
                                        const char      *part,
                                        RdTableNodeFunc  func,
                                        gpointer         data,
                                        GError         **error);

/* A SAX2 parse of a large part. The callbacks' user data is a struct that
 * begins with RdTableSax; they stop the parse with _rd_table_sax_stop. */
typedef struct
{
  xmlParserCtxtPtr  ctxt;
  GError           *error;     /* a callback's error */
  gboolean          stopped;   /* stopped without an error */
} RdTableSax;

/* FALSE when a callback stopped it (sax->error or sax->stopped) or the XML
 * breaks off (*message says how). */
gboolean  _rd_table_sax_parse          (RdTableSax      *sax,
                                        GsfInput        *input,
                                        xmlSAXHandler   *handler,
                                        char           **message);
/* Takes error (NULL: stop without one). */
void      _rd_table_sax_stop           (RdTableSax      *sax,
                                        GError          *error);

/* The part of the zip at `path` ("xl/worksheets/sheet1.xml"), or NULL. */
GsfInput *_rd_table_xlsx_open_part     (RdTableXlsx     *xlsx,
                                        const char      *path);
/* Undoes the _xHHHH_ escapes of OOXML strings (ST_Xstring) in place. */
void      _rd_table_xlsx_unescape      (GString         *text);
void      _rd_table_xlsx_set_corrupt   (RdTable         *table,
                                        const char      *part,
                                        const char      *detail,
                                        GError         **error);

/* rd-table-strings.c */
gboolean  _rd_table_xlsx_read_strings  (RdTable         *table,
                                        GsfInput        *input,
                                        const char      *part,
                                        GError         **error);

/* rd-table-sheet.c */
gboolean  _rd_table_xlsx_read          (RdTable         *table,
                                        guint            sheet,
                                        RdTableRowFunc   func,
                                        gpointer         user_data,
                                        GCancellable    *cancellable,
                                        GError         **error);

G_END_DECLS
