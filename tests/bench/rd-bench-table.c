/* rd-bench-table.c
 *
 * `rd-bench-table [--csv-rows N] [--xlsx-rows N] [--columns N] [--keep DIR]`:
 * writes a refund list like a platform's export (default 1,000,000 rows for
 * the CSV, 100,000 for the XLSX, 40 columns: 19-digit order and refund
 * numbers, amounts, times, statuses and reasons in Chinese, a quoted note
 * with commas, quotes and now and then a line break) as a UTF-8 CSV with a
 * BOM, as a GB18030 CSV, and as an XLSX whose text is in shared strings
 * (the ids too, as exports write them); then reads each with rd_table_read,
 * touching every cell, and prints per file one line: rows, seconds (of which
 * rd_table_open: for an XLSX, the shared strings and styles), rows/s,
 * MB/s, the CPU time (user + system) and rows per CPU second, and the
 * peak RSS of the read (VmHWM, reset before each read through
 * /proc/self/clear_refs).
 *
 * The files go to a temporary folder, removed at the end unless --keep.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gsf/gsf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "rd-table.h"

static const char *statuses[] = { "退款成功", "退款关闭", "买家已经申请退款，等待卖家同意", "卖家拒绝退款" };
static const char *reasons[] = { "我不想要了", "收到商品破损", "商品错发/漏发", "七天无理由退换货", "质量问题" };
static const char *goods[] = { "纯棉短袖T恤 白色 XL", "不锈钢保温杯 500ml", "儿童绘本（全10册）", "手机壳 iPhone 15" };

/* The text of column `c` of row `r` (0-based), as the file holds it. */
static void
cell_text (GString *out,
           guint64  r,
           guint    c)
{
  g_string_truncate (out, 0);
  switch (c % 10)
    {
    case 0: g_string_append_printf (out, "%" G_GUINT64_FORMAT, G_GUINT64_CONSTANT (4100000000000000000) + r * 7 + c); break;
    case 1: g_string_append_printf (out, "%" G_GUINT64_FORMAT, G_GUINT64_CONSTANT (2026112200000000) + r); break;
    case 2: g_string_append_printf (out, "%" G_GUINT64_FORMAT ".%02u", 10 + r % 990, (guint) (r % 100)); break;
    case 3: g_string_append_printf (out, "2026-11-%02u %02u:%02u:%02u", (guint) (1 + r % 28),
                                    (guint) (r % 24), (guint) (r % 60), (guint) ((r * 7) % 60)); break;
    case 4: g_string_append (out, statuses[r % G_N_ELEMENTS (statuses)]); break;
    case 5: g_string_append (out, reasons[(r + c) % G_N_ELEMENTS (reasons)]); break;
    case 6: g_string_append (out, goods[(r / 3) % G_N_ELEMENTS (goods)]); break;
    case 7: g_string_append_printf (out, "buyer_%" G_GUINT64_FORMAT, r % 50000); break;
    case 8:
      if (r % 50 == 0)
        g_string_append (out, "买家说：\"包装破了\"，\n要求退款, 已拍照");
      else
        g_string_append (out, "备注, 普通");
      break;
    default: g_string_append (out, r % 3 == 0 ? "" : "是"); break;
    }
}

static void
csv_quote (GString    *line,
           const char *text)
{
  if (strpbrk (text, ",\"\n") == NULL)
    {
      g_string_append (line, text);
      return;
    }
  g_string_append_c (line, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}

static void
write_csv (const char *path,
           guint64     rows,
           guint       columns,
           gboolean    gb18030)
{
  FILE *file = g_fopen (path, "wb");
  GString *line = g_string_new (NULL);
  GString *cell = g_string_new (NULL);

  g_assert (file != NULL);
  if (!gb18030)
    fputs ("\xEF\xBB\xBF", file);
  for (guint64 r = 0; r <= rows; r++)
    {
      g_string_truncate (line, 0);
      for (guint c = 0; c < columns; c++)
        {
          if (c > 0)
            g_string_append_c (line, ',');
          if (r == 0)
            g_string_append_printf (line, "列%u", c + 1);
          else
            {
              cell_text (cell, r - 1, c);
              csv_quote (line, cell->str);
            }
        }
      g_string_append (line, "\r\n");
      if (gb18030)
        {
          gsize len = 0;
          g_autofree char *converted = g_convert (line->str, line->len, "GB18030", "UTF-8",
                                                  NULL, &len, NULL);

          g_assert (converted != NULL);
          fwrite (converted, 1, len, file);
        }
      else
        fwrite (line->str, 1, line->len, file);
    }
  fclose (file);
  g_string_free (line, TRUE);
  g_string_free (cell, TRUE);
}

/* XLSX through libgsf's zip writer: every text cell a shared string, the
 * amounts numbers; the strings are numbered by row and column so that the
 * sheet and the string table can be written one after the other. */
static void
put (GsfOutput  *out,
     const char *text)
{
  gsf_output_write (out, strlen (text), (const guint8 *) text);
}

static gboolean
is_number_column (guint c)
{
  return c % 10 == 2;
}

static void
write_part (GsfOutfile *zip,
            const char *dir,
            const char *name,
            const char *text)
{
  GsfOutput *folder = dir != NULL ? gsf_outfile_new_child (zip, dir, TRUE) : NULL;
  GsfOutput *part = gsf_outfile_new_child_full (folder != NULL ? GSF_OUTFILE (folder) : zip,
                                                name, FALSE, "compression-level", GSF_ZIP_DEFLATED,
                                                NULL);

  put (part, text);
  gsf_output_close (part);
  g_object_unref (part);
  if (folder != NULL)
    {
      gsf_output_close (folder);
      g_object_unref (folder);
    }
}

static void
write_xlsx (const char *path,
            guint64     rows,
            guint       columns)
{
  GError *error = NULL;
  GsfOutput *sink = gsf_output_stdio_new (path, &error);
  GsfOutfile *zip = gsf_outfile_zip_new (sink, &error);
  GsfOutput *xl, *sheets, *sheet, *strings, *rels;
  GString *cell = g_string_new (NULL);
  GString *buf = g_string_new (NULL);
  guint64 index = 0;

  g_assert_no_error (error);
  write_part (zip, NULL, "[Content_Types].xml",
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
              "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
              "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>");
  write_part (zip, "_rels", ".rels",
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
              "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
              "</Relationships>");

  xl = gsf_outfile_new_child (zip, "xl", TRUE);
  write_part (GSF_OUTFILE (xl), NULL, "workbook.xml",
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
              "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
              "<sheets><sheet name=\"售后单\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
  rels = gsf_outfile_new_child (GSF_OUTFILE (xl), "_rels", TRUE);
  write_part (GSF_OUTFILE (rels), NULL, "workbook.xml.rels",
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
              "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
              "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
              "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
              "</Relationships>");
  gsf_output_close (rels);
  g_object_unref (rels);
  write_part (GSF_OUTFILE (xl), NULL, "styles.xml",
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
              "<cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"2\"/></cellXfs></styleSheet>");

  sheets = gsf_outfile_new_child (GSF_OUTFILE (xl), "worksheets", TRUE);
  sheet = gsf_outfile_new_child_full (GSF_OUTFILE (sheets), "sheet1.xml", FALSE,
                                      "compression-level", GSF_ZIP_DEFLATED, NULL);
  put (sheet, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
  for (guint64 r = 0; r <= rows; r++)
    {
      g_string_printf (buf, "<row r=\"%" G_GUINT64_FORMAT "\">", r + 1);
      for (guint c = 0; c < columns; c++)
        {
          char ref[16];
          guint n = c + 1, k = 0;
          char letters[4];

          while (n > 0)
            {
              letters[k++] = 'A' + (n - 1) % 26;
              n = (n - 1) / 26;
            }
          for (guint i = 0; i < k; i++)
            ref[i] = letters[k - 1 - i];
          g_snprintf (ref + k, sizeof ref - k, "%" G_GUINT64_FORMAT, r + 1);
          if (r > 0 && is_number_column (c))
            {
              cell_text (cell, r - 1, c);
              g_string_append_printf (buf, "<c r=\"%s\" s=\"1\"><v>%s</v></c>", ref, cell->str);
            }
          else
            g_string_append_printf (buf, "<c r=\"%s\" t=\"s\"><v>%" G_GUINT64_FORMAT "</v></c>",
                                    ref, index++);
        }
      g_string_append (buf, "</row>");
      put (sheet, buf->str);
    }
  put (sheet, "</sheetData></worksheet>");
  gsf_output_close (sheet);
  g_object_unref (sheet);
  gsf_output_close (sheets);
  g_object_unref (sheets);

  strings = gsf_outfile_new_child_full (GSF_OUTFILE (xl), "sharedStrings.xml", FALSE,
                                        "compression-level", GSF_ZIP_DEFLATED, NULL);
  put (strings, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">");
  for (guint64 r = 0; r <= rows; r++)
    for (guint c = 0; c < columns; c++)
      {
        g_autofree char *escaped = NULL;

        if (r > 0 && is_number_column (c))
          continue;
        if (r == 0)
          g_string_printf (cell, "列%u", c + 1);
        else
          cell_text (cell, r - 1, c);
        escaped = g_markup_escape_text (cell->str, -1);
        g_string_printf (buf, "<si><t xml:space=\"preserve\">%s</t></si>", escaped);
        put (strings, buf->str);
      }
  put (strings, "</sst>");
  gsf_output_close (strings);
  g_object_unref (strings);

  gsf_output_close (xl);
  g_object_unref (xl);
  gsf_output_close (GSF_OUTPUT (zip));
  g_object_unref (zip);
  g_object_unref (sink);
  g_string_free (cell, TRUE);
  g_string_free (buf, TRUE);
}

/* User and system CPU seconds so far: a busy shared machine disturbs them
 * less than the wall clock. */
static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static gboolean
reset_peak (void)
{
  FILE *file = fopen ("/proc/self/clear_refs", "w");
  gboolean ok;

  if (file == NULL)
    return FALSE;
  ok = fputs ("5", file) >= 0;
  return fclose (file) == 0 && ok;
}

static double
peak_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmHWM:");
  return line != NULL ? g_ascii_strtod (line + 6, NULL) / 1024.0 : -1;
}

typedef struct
{
  guint64 rows;
  guint64 cells;
  guint64 bytes;
} Count;

static gboolean
on_row (const RdTableRow *row,
        gpointer          user_data,
        GError          **error)
{
  Count *count = user_data;

  count->rows++;
  count->cells += row->n_cells;
  for (guint i = 0; i < row->n_cells; i++)
    count->bytes += strlen (row->cells[i]);
  return TRUE;
}

static void
bench (const char *label,
       const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdTable) table = NULL;
  Count count = { 0 };
  GStatBuf st;
  gint64 start, opened;
  double seconds, cpu;
  gboolean reset = reset_peak ();

  cpu = cpu_seconds ();
  start = g_get_monotonic_time ();
  table = rd_table_open (path, &error);
  opened = g_get_monotonic_time ();
  if (table == NULL || !rd_table_read (table, 0, on_row, &count, NULL, &error))
    {
      g_printerr ("%s: %s\n", label, error->message);
      exit (1);
    }
  seconds = (g_get_monotonic_time () - start) / 1e6;
  cpu = cpu_seconds () - cpu;
  g_stat (path, &st);
  g_print ("%-12s %9" G_GUINT64_FORMAT " rows %10" G_GUINT64_FORMAT " cells  %6.1f MB file  "
           "%6.2f s (open %.2f s)  %8.0f rows/s  %6.1f MB/s  CPU %6.2f s: %8.0f rows/s  "
           "peak RSS %s%.1f MB\n",
           label, count.rows, count.cells, st.st_size / 1e6, seconds, (opened - start) / 1e6,
           count.rows / seconds, st.st_size / 1e6 / seconds, cpu, count.rows / cpu,
           reset ? "" : "(whole process) ", peak_mb ());
}

int
main (int argc, char **argv)
{
  gint64 csv_rows = 1000000, xlsx_rows = 100000;
  int columns = 40;
  char *keep = NULL;
  GOptionEntry entries[] = {
    { "csv-rows", 0, 0, G_OPTION_ARG_INT64, &csv_rows, "Rows of the CSV files", "N" },
    { "xlsx-rows", 0, 0, G_OPTION_ARG_INT64, &xlsx_rows, "Rows of the XLSX file", "N" },
    { "columns", 0, 0, G_OPTION_ARG_INT, &columns, "Columns of each file", "N" },
    { "keep", 0, 0, G_OPTION_ARG_FILENAME, &keep, "Write the files to DIR and keep them", "DIR" },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— the file reader's speed");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *utf8 = NULL, *gb = NULL, *xlsx = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || columns < 1 || columns > 4096)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "bad --columns");
      return 2;
    }
  gsf_init ();
  dir = keep != NULL ? g_strdup (keep) : g_dir_make_tmp ("rd-bench-table-XXXXXX", NULL);
  g_mkdir_with_parents (dir, 0700);
  utf8 = g_build_filename (dir, "utf8.csv", NULL);
  gb = g_build_filename (dir, "gb18030.csv", NULL);
  xlsx = g_build_filename (dir, "list.xlsx", NULL);

  g_print ("writing %" G_GINT64_FORMAT "-row CSVs and a %" G_GINT64_FORMAT "-row XLSX of %d columns in %s\n",
           csv_rows, xlsx_rows, columns, dir);
  write_csv (utf8, csv_rows, columns, FALSE);
  write_csv (gb, csv_rows, columns, TRUE);
  write_xlsx (xlsx, xlsx_rows, columns);

  bench ("CSV UTF-8", utf8);
  bench ("CSV GB18030", gb);
  bench ("XLSX", xlsx);

  if (keep == NULL)
    {
      g_unlink (utf8);
      g_unlink (gb);
      g_unlink (xlsx);
      g_rmdir (dir);
    }
  g_free (keep);
  return 0;
}
