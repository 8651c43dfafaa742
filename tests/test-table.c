/* test-table.c — the file reader: CSV in UTF-8 (with a BOM) and GB18030,
 * its delimiters, quotes and line ends, the marks exports put around numbers;
 * XLSX's shared and inline strings, exact numbers, date styles in both date
 * systems, gaps, sheets in the workbook's order; and every file that is not
 * one of those refused with the right error, never a crash. The fixtures
 * come from tests/fixtures/import/make-fixtures.py. */
#include "config.h"

#include <glib/gstdio.h>

#include "rd-table.h"

typedef struct
{
  GPtrArray *rows;    /* "number:cell|cell|…" */
  GPtrArray *kinds;   /* one letter a cell: T N D B E */
  guint      stop_after;
  gboolean   stop_with_error;
  RdTable   *table;
  gboolean   progress_ok;
} Rows;

static const char kind_letters[] = "TNDBE";

static gboolean
collect_row (const RdTableRow *row,
             gpointer          user_data,
             GError          **error)
{
  Rows *rows = user_data;
  GString *text = g_string_new (NULL);
  GString *kinds = g_string_new (NULL);

  g_string_append_printf (text, "%" G_GUINT64_FORMAT ":", row->number);
  for (guint i = 0; i < row->n_cells; i++)
    {
      g_assert_nonnull (row->cells[i]);
      g_assert_true (g_utf8_validate (row->cells[i], -1, NULL));
      if (i > 0)
        g_string_append_c (text, '|');
      g_string_append (text, row->cells[i]);
      g_string_append_c (kinds, kind_letters[row->kinds[i]]);
    }
  g_ptr_array_add (rows->rows, g_string_free (text, FALSE));
  g_ptr_array_add (rows->kinds, g_string_free (kinds, FALSE));

  if (rows->table != NULL)
    {
      guint64 done, total;

      rd_table_get_progress (rows->table, &done, &total);
      if (done > total || total == 0)
        rows->progress_ok = FALSE;
    }

  if (rows->stop_after > 0 && rows->rows->len == rows->stop_after)
    {
      if (rows->stop_with_error)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "stopped here");
      return FALSE;
    }
  return TRUE;
}

static void
rows_init (Rows *rows)
{
  memset (rows, 0, sizeof *rows);
  rows->rows = g_ptr_array_new_with_free_func (g_free);
  rows->kinds = g_ptr_array_new_with_free_func (g_free);
  rows->progress_ok = TRUE;
}

static void
rows_clear (Rows *rows)
{
  g_ptr_array_unref (rows->rows);
  g_ptr_array_unref (rows->kinds);
}

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "import", name, NULL);
}

static RdTable *
open_fixture (const char *name)
{
  g_autofree char *path = fixture (name);
  g_autoptr(GError) error = NULL;
  RdTable *table = rd_table_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (table);
  return table;
}

/* Reads the sheet and checks it row by row; kinds may be NULL (all text). */
static void
assert_rows (RdTable            *table,
             guint               sheet,
             const char *const  *expected,
             const char *const  *kinds)
{
  Rows rows;
  g_autoptr(GError) error = NULL;
  guint n = g_strv_length ((char **) expected);

  rows_init (&rows);
  rows.table = table;
  g_assert_true (rd_table_read (table, sheet, collect_row, &rows, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < MIN (n, rows.rows->len); i++)
    {
      g_assert_cmpstr (g_ptr_array_index (rows.rows, i), ==, expected[i]);
      if (kinds != NULL)
        g_assert_cmpstr (g_ptr_array_index (rows.kinds, i), ==, kinds[i]);
      else
        g_assert_null (strpbrk (g_ptr_array_index (rows.kinds, i), "NDBE"));
    }
  g_assert_cmpuint (rows.rows->len, ==, n);
  g_assert_true (rows.progress_ok);
  rows_clear (&rows);
}

/* CSV */

static void
test_csv_utf8_bom (void)
{
  g_autoptr(RdTable) table = open_fixture ("utf8-bom.csv");
  const char *expected[] = {
    "1:退款编号|订单编号|退款金额|买家昵称",   /* the BOM is not part of the first header */
    "2:2026112200000001|4100000012345678901|58.50|小王",
    "3:2026112200000002|4100000012345678902|120.00|张三",
    NULL,
  };
  guint64 done, total;
  g_autofree char *path = fixture ("utf8-bom.csv");
  GStatBuf st;

  g_assert_cmpint (rd_table_get_format (table), ==, RD_TABLE_FORMAT_CSV);
  g_assert_cmpstr (rd_table_get_encoding (table), ==, "UTF-8");
  g_assert_cmpint (rd_table_get_delimiter (table), ==, ',');
  g_assert_cmpuint (rd_table_get_n_sheets (table), ==, 1);
  g_assert_cmpstr (rd_table_get_sheet_name (table, 0), ==, "utf8-bom.csv");
  g_assert_false (rd_table_uses_1904 (table));
  assert_rows (table, 0, expected, NULL);

  /* Read again: the same rows; and the progress reached the whole file. */
  assert_rows (table, 0, expected, NULL);
  rd_table_get_progress (table, &done, &total);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (total, ==, st.st_size);
  g_assert_cmpuint (done, ==, total);
}

static void
test_csv_gb18030 (void)
{
  g_autoptr(RdTable) table = open_fixture ("gb18030.csv");
  const char *expected[] = {
    "1:退款编号|商品名称|退款原因",
    "2:2026112200000003|欧元标价€商品|收到商品破损",   /* 0xA2E3, which GBK refuses */
    "3:2026112200000004|笑脸😀贴纸|我不想要了",        /* a four-byte GB18030 character */
    NULL,
  };

  g_assert_cmpstr (rd_table_get_encoding (table), ==, "GB18030");
  assert_rows (table, 0, expected, NULL);
}

static void
test_csv_gb18030_late (void)
{
  g_autoptr(RdTable) table = open_fixture ("gb18030-late.csv");
  Rows rows;
  g_autoptr(GError) error = NULL;

  /* The first 64 KiB are ASCII: UTF-8 as far as one can tell… */
  g_assert_cmpstr (rd_table_get_encoding (table), ==, "UTF-8");
  rows_init (&rows);
  g_assert_true (rd_table_read (table, 0, collect_row, &rows, NULL, &error));
  g_assert_no_error (error);
  /* …until the Chinese at the end, which is GB18030. */
  g_assert_cmpstr (rd_table_get_encoding (table), ==, "GB18030");
  g_assert_cmpstr (g_ptr_array_index (rows.rows, 0), ==, "1:order|note");
  g_assert_cmpstr (g_ptr_array_index (rows.rows, 1), ==, "2:1000000|plain");
  g_assert_cmpstr (g_ptr_array_index (rows.rows, rows.rows->len - 1), ==,
                   g_strdup_printf ("%u:9999999|退货退款", rows.rows->len));
  rows_clear (&rows);
}

static void
test_csv_delimiters (void)
{
  g_autoptr(RdTable) semicolon = open_fixture ("semicolon.csv");
  g_autoptr(RdTable) tab = open_fixture ("tab.csv");
  const char *semicolon_rows[] = {
    "1:订单号|金额|状态", "2:1001|12,50|退款成功", "3:1002|3,00|退款关闭", NULL,
  };
  const char *tab_rows[] = {
    "1:订单号|金额|备注", "2:1001|12.50|含,逗号", "3:1002|3.00|引号", NULL,
  };

  g_assert_cmpint (rd_table_get_delimiter (semicolon), ==, ';');
  assert_rows (semicolon, 0, semicolon_rows, NULL);
  g_assert_cmpint (rd_table_get_delimiter (tab), ==, '\t');
  assert_rows (tab, 0, tab_rows, NULL);
}

static void
test_csv_quotes (void)
{
  g_autoptr(RdTable) table = open_fixture ("quoted.csv");
  const char *expected[] = {
    "1:id|note|amount",
    "2:1|He said \"no\"|5.00",
    "3:2|first line\nsecond line\nthird|6.00",   /* three lines, each break kept as \n */
    "6:3|plain|7.00",                            /* the line it is on, after the long one */
    "7:",                                        /* an empty line: no cells */
    "8:4||",                                     /* CR alone ends a line too */
    "9:5|a,b|8.00",                              /* the last line needs no line end */
    NULL,
  };

  assert_rows (table, 0, expected, NULL);
}

static void
test_csv_marks (void)
{
  g_autoptr(RdTable) table = open_fixture ("marks.csv");
  const char *expected[] = {
    "1:#支付宝账务明细查询",
    "2:#账号：[20881234567890120156]",
    "3:交易时间|微信订单号|商户订单号|金额",
    "4:2026-11-22 10:00:00|4200001234202611220000000001|T200P4100000012345678901|58.50",
    "5:2026-11-22 11:00:00|4200001234202611220000000002|T200P4100000012345678902|12.00",
    "6:#支出合计：2笔，共70.50元",   /* a full-width comma: no delimiter */
    NULL,
  };

  /* The comment lines have no commas: the header and rows decide. */
  g_assert_cmpint (rd_table_get_delimiter (table), ==, ',');
  assert_rows (table, 0, expected, NULL);
}

/* A file larger than the reader's blocks, whose quoted line breaks and
 * Chinese characters fall across their boundaries, in both encodings. */
static void
test_csv_blocks (void)
{
  g_autoptr(GString) text = g_string_new ("编号,备注,金额\r\n");
  g_autofree char *dir = g_dir_make_tmp ("rd-table-XXXXXX", NULL);
  const guint n = 30000;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%u,\"第%u行\r\n有\"\"引号\"\"和,逗号\",%u.50\r\n", i, i, i);

  for (guint pass = 0; pass < 2; pass++)
    {
      g_autofree char *path = g_build_filename (dir, pass == 0 ? "u.csv" : "g.csv", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(RdTable) table = NULL;
      Rows rows;

      if (pass == 0)
        g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
      else
        {
          gsize len = 0;
          g_autofree char *gb = g_convert (text->str, text->len, "GB18030", "UTF-8", NULL, &len,
                                           &error);

          g_assert_no_error (error);
          g_assert_true (g_file_set_contents (path, gb, len, NULL));
        }
      table = rd_table_open (path, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (rd_table_get_encoding (table), ==, pass == 0 ? "UTF-8" : "GB18030");
      rows_init (&rows);
      g_assert_true (rd_table_read (table, 0, collect_row, &rows, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (rows.rows->len, ==, n + 1);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *want = g_strdup_printf ("%u:%u|第%u行\n有\"引号\"和,逗号|%u.50",
                                                   2 + 2 * i, i, i, i);

          g_assert_cmpstr (g_ptr_array_index (rows.rows, i + 1), ==, want);
        }
      rows_clear (&rows);
      g_unlink (path);
    }
  g_rmdir (dir);
}

/* Refused */

static void
assert_open_fails (const char *name,
                   int         code,
                   const char *says)
{
  g_autofree char *path = fixture (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdTable) table = rd_table_open (path, &error);

  g_assert_null (table);
  g_assert_error (error, RD_TABLE_ERROR, code);
  if (says != NULL)
    g_assert_nonnull (strstr (error->message, says));
}

static void
assert_read_fails (const char *name,
                   guint       sheet,
                   int         code)
{
  g_autoptr(RdTable) table = open_fixture (name);
  g_autoptr(GError) error = NULL;
  Rows rows;

  rows_init (&rows);
  g_assert_false (rd_table_read (table, sheet, collect_row, &rows, NULL, &error));
  g_assert_error (error, RD_TABLE_ERROR, code);
  rows_clear (&rows);
}

static void
test_refused (void)
{
  assert_open_fails ("old.xls", RD_TABLE_ERROR_UNSUPPORTED, ".xlsx or .csv");
  assert_open_fails ("random.bin", RD_TABLE_ERROR_UNSUPPORTED, NULL);
  assert_open_fails ("not-a-workbook.zip", RD_TABLE_ERROR_UNSUPPORTED, NULL);
  assert_open_fails ("empty.csv", RD_TABLE_ERROR_CORRUPT, "empty.csv");
  assert_open_fails ("truncated.xlsx", RD_TABLE_ERROR_CORRUPT, "truncated.xlsx");
  assert_read_fails ("unterminated.csv", 0, RD_TABLE_ERROR_CORRUPT);
  assert_read_fails ("bad-encoding.csv", 0, RD_TABLE_ERROR_ENCODING);
  assert_read_fails ("bad-shared.xlsx", 0, RD_TABLE_ERROR_CORRUPT);
  assert_read_fails ("broken-xml.xlsx", 0, RD_TABLE_ERROR_CORRUPT);
}

static void
test_too_large (void)
{
  g_autofree char *dir = g_dir_make_tmp ("rd-table-XXXXXX", NULL);
  g_autofree char *wide = g_build_filename (dir, "wide.csv", NULL);
  g_autofree char *long_cell = g_build_filename (dir, "long.csv", NULL);
  g_autoptr(GString) text = g_string_new ("a");
  g_autoptr(RdTable) table = NULL;
  g_autoptr(GError) error = NULL;
  Rows rows;

  for (guint i = 0; i < 5000; i++)
    g_string_append (text, ",a");
  g_string_append_c (text, '\n');
  g_assert_true (g_file_set_contents (wide, text->str, text->len, NULL));
  table = rd_table_open (wide, &error);
  g_assert_no_error (error);
  rows_init (&rows);
  g_assert_false (rd_table_read (table, 0, collect_row, &rows, NULL, &error));
  g_assert_error (error, RD_TABLE_ERROR, RD_TABLE_ERROR_TOO_LARGE);
  g_clear_error (&error);
  g_clear_pointer (&table, rd_table_free);
  rows_clear (&rows);

  /* An opening quote never closed eats the file: stopped at 1 MiB. */
  g_string_assign (text, "id,note\n1,\"");
  for (guint i = 0; i < 200000; i++)
    g_string_append (text, "0123456789\n");
  g_assert_true (g_file_set_contents (long_cell, text->str, text->len, NULL));
  table = rd_table_open (long_cell, &error);
  g_assert_no_error (error);
  rows_init (&rows);
  g_assert_false (rd_table_read (table, 0, collect_row, &rows, NULL, &error));
  g_assert_error (error, RD_TABLE_ERROR, RD_TABLE_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "line 2"));
  g_assert_cmpuint (rows.rows->len, ==, 1);
  rows_clear (&rows);

  g_unlink (wide);
  g_unlink (long_cell);
  g_rmdir (dir);
}

/* Stopping */

static void
test_stop_and_cancel (void)
{
  const char *names[] = { "quoted.csv", "handmade.xlsx" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(RdTable) table = open_fixture (names[i]);
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GError) error = NULL;
      Rows rows;

      /* FALSE without an error: stops there, and the read succeeds. */
      rows_init (&rows);
      rows.stop_after = 2;
      g_assert_true (rd_table_read (table, 0, collect_row, &rows, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (rows.rows->len, ==, 2);
      rows_clear (&rows);

      /* FALSE with an error: the read fails with it. */
      rows_init (&rows);
      rows.stop_after = 1;
      rows.stop_with_error = TRUE;
      g_assert_false (rd_table_read (table, 0, collect_row, &rows, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
      g_clear_error (&error);
      rows_clear (&rows);

      rows_init (&rows);
      g_cancellable_cancel (cancellable);
      g_assert_false (rd_table_read (table, 0, collect_row, &rows, cancellable, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_cmpuint (rows.rows->len, ==, 0);
      rows_clear (&rows);
    }
}

/* XLSX */

static void
test_xlsx_openpyxl (void)
{
  g_autoptr(RdTable) table = open_fixture ("openpyxl.xlsx");
  const char *sheet0[] = {
    "1:退款编号|申请时间|退款金额|备注",
    "2:2026112200000001|46000|58.5|小王",
    "3:2026112200000002|46000.60434027778|120",
    "5:2026112200000003|||只有备注",   /* row 4 is not in the file; B5, C5 are gaps */
    NULL,
  };
  const char *kinds0[] = { "TTTT", "TDNT", "TDN", "TTTT", NULL };
  const char *sheet1[] = { "1:合计|178.5", NULL };
  const char *kinds1[] = { "TN", NULL };

  g_assert_cmpint (rd_table_get_format (table), ==, RD_TABLE_FORMAT_XLSX);
  g_assert_null (rd_table_get_encoding (table));
  g_assert_cmpint (rd_table_get_delimiter (table), ==, 0);
  g_assert_cmpuint (rd_table_get_n_sheets (table), ==, 2);
  g_assert_cmpstr (rd_table_get_sheet_name (table, 0), ==, "售后单");
  g_assert_cmpstr (rd_table_get_sheet_name (table, 1), ==, "汇总");
  g_assert_false (rd_table_uses_1904 (table));
  assert_rows (table, 0, sheet0, kinds0);
  assert_rows (table, 1, sheet1, kinds1);
}

static void
test_xlsx_handmade (void)
{
  g_autoptr(RdTable) table = open_fixture ("handmade.xlsx");
  const char *sheet0[] = {
    /* shared, rich text runs joined (the phonetic reading left out), inline,
     * and _x000D_ turned back into a CR */
    "1:退款编号|申请时间 |金额|第一行\r\n第二行",
    /* the 19 digits exactly; 46000 in a date style; a "days" format whose
     * letters are all in quotes or brackets is no date; a gap at D */
    "2:4100000012345678901|46000|58.5||46000.604340277778",
    /* row 3 is not in the file; a boolean, an error, a formula's text; an
     * empty styled cell at the end adds nothing */
    "4:|TRUE|#N/A|算出来的",
    "5:",
    /* rich inline text; Chinese Excel's built-in date format 31; an empty
     * shared string at the end adds nothing */
    "6:富文本|45658.5",
    NULL,
  };
  const char *kinds0[] = { "TTTT", "NDNTD", "TBET", "", "TD", NULL };
  const char *sheet1[] = { NULL };

  /* The workbook's order, not the relationships'. */
  g_assert_cmpuint (rd_table_get_n_sheets (table), ==, 2);
  g_assert_cmpstr (rd_table_get_sheet_name (table, 0), ==, "订单");
  g_assert_cmpstr (rd_table_get_sheet_name (table, 1), ==, "空表");
  assert_rows (table, 0, sheet0, kinds0);
  assert_rows (table, 1, sheet1, NULL);
}

static void
test_xlsx_1904 (void)
{
  g_autoptr(RdTable) table = open_fixture ("date1904.xlsx");
  const char *rows[] = { "1:0|44541.25", NULL };
  const char *kinds[] = { "DD", NULL };
  gint64 t;

  g_assert_true (rd_table_uses_1904 (table));
  assert_rows (table, 0, rows, kinds);
  /* 1904 day 44541.25 is the 1900 system's 46003.25: 2025-12-12 06:00. */
  g_assert_true (rd_table_serial_to_unix ("44541.25", TRUE, &t));
  g_assert_cmpint (t, ==, G_GINT64_CONSTANT (1765490400));
}

/* Serial days */

static gint64
beijing (int year, int month, int day, int hour, int minute, int second)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (8 * 3600);
  g_autoptr(GDateTime) dt = g_date_time_new (tz, year, month, day, hour, minute, second);

  return g_date_time_to_unix (dt);
}

static void
test_serial (void)
{
  struct { const char *text; gboolean date_1904; int y, mo, d, h, mi, s; } good[] = {
    { "46000", FALSE, 2025, 12, 9, 0, 0, 0 },
    { "46000.5", FALSE, 2025, 12, 9, 12, 0, 0 },
    { "46000.604340277778", FALSE, 2025, 12, 9, 14, 30, 15 },
    { "46000.99999999", FALSE, 2025, 12, 10, 0, 0, 0 },    /* rounded to the second */
    { "1", FALSE, 1900, 1, 1, 0, 0, 0 },
    { "59", FALSE, 1900, 2, 28, 0, 0, 0 },
    { "61", FALSE, 1900, 3, 1, 0, 0, 0 },
    { "25569", FALSE, 1970, 1, 1, 0, 0, 0 },
    { "2958465", FALSE, 9999, 12, 31, 0, 0, 0 },
    { "0", TRUE, 1904, 1, 1, 0, 0, 0 },
    { "44538", TRUE, 2025, 12, 9, 0, 0, 0 },
  };
  struct { const char *text; gboolean date_1904; } bad[] = {
    { "60", FALSE },         /* 1900-02-29 never was */
    { "60.5", FALSE },
    { "0", FALSE },          /* "1900-01-00" */
    { "0.5", FALSE },
    { "-1", FALSE },
    { "2958466", FALSE },    /* the year 10000 */
    { "2957004", TRUE },
    { "", FALSE },
    { "abc", FALSE },
    { "46000abc", FALSE },
    { "0x10", FALSE },
    { "inf", FALSE },
    { "nan", FALSE },
    { "1e400", FALSE },
    { " 46000", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      gint64 t = 0;

      g_test_message ("%s", good[i].text);
      g_assert_true (rd_table_serial_to_unix (good[i].text, good[i].date_1904, &t));
      g_assert_cmpint (t, ==, beijing (good[i].y, good[i].mo, good[i].d, good[i].h, good[i].mi,
                                       good[i].s));
    }
  /* 2025-12-09 00:00 in Beijing is 2025-12-08 16:00 UTC. */
  {
    gint64 t = 0;

    g_assert_true (rd_table_serial_to_unix ("46000", FALSE, &t));
    g_assert_cmpint (t, ==, G_GINT64_CONSTANT (1765209600));
  }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      gint64 t = 42;

      g_test_message ("%s", bad[i].text);
      g_assert_false (rd_table_serial_to_unix (bad[i].text, bad[i].date_1904, &t));
      g_assert_cmpint (t, ==, 42);
    }
}

/* Hostile files */

static gboolean
count_row (const RdTableRow *row,
           gpointer          user_data,
           GError          **error)
{
  guint64 *n = user_data;

  for (guint i = 0; i < row->n_cells; i++)
    g_assert_true (g_utf8_validate (row->cells[i], -1, NULL));
  (*n)++;
  return TRUE;
}

static void
read_variant (const char   *path,
              const guint8 *data,
              gsize         len)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdTable) table = NULL;

  g_assert_true (g_file_set_contents (path, (const char *) data, len, NULL));
  table = rd_table_open (path, &error);
  if (table == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == RD_TABLE_ERROR || error->domain == G_IO_ERROR);
      return;
    }
  for (guint s = 0; s < rd_table_get_n_sheets (table); s++)
    {
      guint64 n = 0;

      g_assert_nonnull (rd_table_get_sheet_name (table, s));
      if (!rd_table_read (table, s, count_row, &n, NULL, &error))
        {
          g_assert_true (error->domain == RD_TABLE_ERROR || error->domain == G_IO_ERROR);
          g_clear_error (&error);
        }
    }
}

/* Each fixture cut short every 97 bytes and with random bytes changed:
 * refused or read, never a crash (run it under ASan). */
static void
test_fuzz (void)
{
  const char *names[] = {
    "openpyxl.xlsx", "handmade.xlsx", "date1904.xlsx", "quoted.csv", "gb18030.csv",
    "marks.csv", "utf8-bom.csv",
  };
  g_autofree char *dir = g_dir_make_tmp ("rd-table-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "variant", NULL);
  GRand *rand = g_rand_new_with_seed (1122);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *source = fixture (names[i]);
      g_autofree guint8 *data = NULL;
      gsize len = 0;

      g_assert_true (g_file_get_contents (source, (char **) &data, &len, NULL));
      for (gsize cut = 0; cut < len; cut += 97)
        read_variant (path, data, cut);
      for (guint k = 0; k < 60; k++)
        {
          g_autofree guint8 *copy = g_memdup2 (data, len);
          guint flips = g_rand_int_range (rand, 1, 8);

          for (guint f = 0; f < flips; f++)
            copy[g_rand_int_range (rand, 0, len)] = g_rand_int_range (rand, 0, 256);
          read_variant (path, copy, len);
        }
    }
  g_rand_free (rand);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rd/table/csv/utf8-bom", test_csv_utf8_bom);
  g_test_add_func ("/rd/table/csv/gb18030", test_csv_gb18030);
  g_test_add_func ("/rd/table/csv/gb18030-late", test_csv_gb18030_late);
  g_test_add_func ("/rd/table/csv/delimiters", test_csv_delimiters);
  g_test_add_func ("/rd/table/csv/quotes", test_csv_quotes);
  g_test_add_func ("/rd/table/csv/marks", test_csv_marks);
  g_test_add_func ("/rd/table/csv/blocks", test_csv_blocks);
  g_test_add_func ("/rd/table/refused", test_refused);
  g_test_add_func ("/rd/table/too-large", test_too_large);
  g_test_add_func ("/rd/table/stop-and-cancel", test_stop_and_cancel);
  g_test_add_func ("/rd/table/xlsx/openpyxl", test_xlsx_openpyxl);
  g_test_add_func ("/rd/table/xlsx/handmade", test_xlsx_handmade);
  g_test_add_func ("/rd/table/xlsx/1904", test_xlsx_1904);
  g_test_add_func ("/rd/table/serial", test_serial);
  g_test_add_func ("/rd/table/fuzz", test_fuzz);

  return g_test_run ();
}
