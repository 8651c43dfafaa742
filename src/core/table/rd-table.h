/* rd-table.h
 *
 * The rows of a file a platform exported: CSV or XLSX, read one row at a
 * time so that a file of a million rows never sits in memory.
 *
 *  - CSV: UTF-8 with or without a BOM, else GB18030 (a superset of GBK: glibc's
 *    GBK converter rejects bytes platforms emit); the choice is made on the
 *    first 64 KiB, and a file that was plain ASCII there turns to GB18030 at
 *    its first byte that is not UTF-8. The delimiter (comma, semicolon or
 *    tab) sniffed from the first lines; RFC 4180 quoting with embedded quotes
 *    ("") and line breaks (kept as "\n" in the cell); CRLF, LF or CR line
 *    ends; a leading back-tick or a trailing TAB, which exports add so that
 *    Excel keeps numbers as text, is removed from a cell. A line with nothing
 *    on it is a row of no cells. A file that ends inside quotes is CORRUPT.
 *  - XLSX (Office Open XML): read with libgsf (the zip, xl/workbook.xml and its
 *    relationships, xl/sharedStrings.xml, xl/styles.xml, each sheet's XML);
 *    shared, inline and formula-result strings; numbers keep the exact text of
 *    the file (a 19-digit order number stored as a number is never turned into
 *    a double); a number whose style is a date format (built-in 14–22, 45–47,
 *    the Chinese Excel's 27–36 and 50–58, or a format code with y, m, d, h or
 *    s outside quotes and brackets) is marked as a date serial (1900 date
 *    system; 1904 when the workbook says so). The rows are those the sheet
 *    holds: a row missing from the file (Excel leaves out empty rows) is not
 *    made up, and RdTableRow.number says which row each is; empty cells at
 *    the end of a row are not counted in n_cells.
 *  - Anything else (a legacy .xls, which is an OLE2 file; a zip that is not a
 *    workbook; a truncated zip; broken XML; a binary file; an empty file):
 *    RD_TABLE_ERROR with a message in the user's language saying what to do
 *    ("save it as .xlsx or .csv"), never a crash. rd_table_open finds what it
 *    can from the start of the file and the zip's directory; damage further
 *    in (a CSV's encoding, a sheet's XML) is found by rd_table_read, possibly
 *    after some rows were handed out.
 *
 * The reader knows nothing of platforms: which row is the header, and what
 * the cells mean, is the import's business (rd-import-profile.h).
 *
 * Thread-safe in the GLib sense: one RdTable per thread.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define RD_TABLE_ERROR (rd_table_error_quark ())

typedef enum
{
  RD_TABLE_ERROR_UNSUPPORTED,  /* not CSV or XLSX (.xls, .numbers, a picture…) */
  RD_TABLE_ERROR_CORRUPT,      /* truncated, damaged or empty; the message says where */
  RD_TABLE_ERROR_ENCODING,     /* neither UTF-8 nor GB18030 */
  RD_TABLE_ERROR_TOO_LARGE,    /* a cell above 1 MiB or a row above 4,096 cells */
} RdTableError;

typedef enum
{
  RD_TABLE_FORMAT_CSV,
  RD_TABLE_FORMAT_XLSX,
} RdTableFormat;

typedef enum
{
  RD_TABLE_CELL_TEXT,        /* a CSV cell, or an XLSX string */
  RD_TABLE_CELL_NUMBER,      /* an XLSX number: its exact text ("2026", "58.5", "4100000012345678901") */
  RD_TABLE_CELL_DATE,        /* an XLSX number with a date style: a serial day ("46000.5") */
  RD_TABLE_CELL_BOOLEAN,     /* an XLSX boolean: "TRUE" or "FALSE" */
  RD_TABLE_CELL_ERROR,       /* an XLSX error value ("#N/A") */
} RdTableCellKind;

typedef struct
{
  /* The row as the user sees it: the spreadsheet's row number, or the CSV
   * line on which the record starts (1-based, counting every line). */
  guint64                 number;
  guint                   n_cells;
  /* UTF-8, never NULL ("" when empty); missing cells in the middle of an
   * XLSX row are "". Valid until the callback returns. */
  const char *const      *cells;
  const RdTableCellKind  *kinds;
} RdTableRow;

/* Called for each row, including empty ones (n_cells 0), in order. Return
 * TRUE to go on. Return FALSE to stop: with *error set, rd_table_read fails
 * with that error; without, it stops there and returns TRUE. */
typedef gboolean (*RdTableRowFunc) (const RdTableRow *row,
                                    gpointer          user_data,
                                    GError          **error);

typedef struct _RdTable RdTable;

GQuark         rd_table_error_quark       (void);

/* Opens the file and finds out what it is from its content (not its name);
 * for an XLSX, reads the workbook's sheet list, shared strings and styles.
 * The rows are read by rd_table_read. */
RdTable       *rd_table_open              (const char     *path,
                                           GError        **error);
void           rd_table_free              (RdTable        *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdTable, rd_table_free)

RdTableFormat  rd_table_get_format        (RdTable        *table);
/* "UTF-8" or "GB18030" for a CSV; NULL for an XLSX. */
const char    *rd_table_get_encoding      (RdTable        *table);
/* ',', ';' or '\t' for a CSV; 0 for an XLSX. */
char           rd_table_get_delimiter     (RdTable        *table);
/* 1 for a CSV; the workbook's sheets, in its order, for an XLSX. */
guint          rd_table_get_n_sheets      (RdTable        *table);
/* The sheet's name as the workbook gives it; the file's base name for a CSV. */
const char    *rd_table_get_sheet_name    (RdTable        *table,
                                           guint           sheet);

/* Reads the sheet's rows from the start, each to func; may be called again
 * (for the same or another sheet). Cancelled: G_IO_ERROR_CANCELLED. */
gboolean       rd_table_read              (RdTable        *table,
                                           guint           sheet,
                                           RdTableRowFunc  func,
                                           gpointer        user_data,
                                           GCancellable   *cancellable,
                                           GError        **error);

/* How far the running rd_table_read has come, for a progress bar: *done of
 * *total bytes of the file (CSV) or of the sheet's uncompressed XML (XLSX,
 * as far as the zip says). Call from the row callback. */
void           rd_table_get_progress      (RdTable        *table,
                                           guint64        *done,
                                           guint64        *total);

/* An Excel serial day (1900 system, or 1904 when the workbook uses it:
 * rd_table_uses_1904) in Beijing time (UTC+8, the platforms' clock) →
 * Unix seconds. FALSE when text is not a number of days in 1900–9999.
 * Serial 60 (the 1900 leap day Excel invents) is refused. */
gboolean       rd_table_uses_1904         (RdTable        *table);
gboolean       rd_table_serial_to_unix    (const char     *text,
                                           gboolean        date_1904,
                                           gint64         *unix_time);

G_END_DECLS
