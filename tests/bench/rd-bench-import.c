/* rd-bench-import.c
 *
 * `rd-bench-import --ledger FILE [--rows N] [--big-rows N] [--dir DIR]`:
 * the import (rd-import.h) into a copy of a big ledger (FILE is never
 * written: it is copied with its WAL, and the copy migrated to this
 * build's schema first). Writes a Taobao CSV and an XLSX of N rows (100,000)
 * and a CSV of big-rows rows (1,000,000), then measures, each in a process
 * of its own so that its peak RSS (getrusage) is its own:
 *   - the backup alone (rd_store_backup_now of the copy): a manual one
 *     (checked in full), then one before an import (checked lightly);
 *   - CSV N rows into the ledger: preview, then import (which includes its
 *     own backup: the rows per second are given with and without it);
 *   - XLSX N rows, the same;
 *   - the same CSV again: every row unchanged (no backup, nothing written);
 *   - the big CSV.
 * Prints wall seconds, CPU seconds, rows per second and peak RSS per
 * phase, and the machine's load average before each.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/resource.h>
#include <xlsxwriter.h>

#include "rd-import.h"
#include "rd-store-backup.h"

#define HEADER "退款编号,订单编号,买家会员名称,售后类型,是否需要退货,退款状态,买家退款原因,买家实际支付金额," \
               "买家退款金额,退款的申请时间,超时时间,退货物流单号,发货物流信息"

static const char *const statuses[] = {
  "买家已经申请退款，等待卖家同意", "卖家已经同意退款，等待买家退货", "买家已经退货，等待卖家确认收货",
  "退款成功", "退款关闭",
};
static const char *const reasons[] = { "七天无理由退换货", "质量问题", "拍错/多拍", "少件/漏发", "其他" };

/* The cells of row i (0-based) of a file whose keys start with prefix. */
static void
row_cells (const char *prefix,
           guint64     i,
           char      **cells)
{
  gboolean returns = i % 3 == 0;
  guint64 fen = 990 + (i * 7919) % 50000;

  cells[0] = g_strdup_printf ("%s%010" G_GUINT64_FORMAT, prefix, i);
  cells[1] = g_strdup_printf ("49%017" G_GUINT64_FORMAT, i * 104729 % G_GUINT64_CONSTANT (100000000000000000));
  cells[2] = g_strdup_printf ("tb_%06" G_GUINT64_FORMAT, i % 200000);
  cells[3] = g_strdup (returns ? "退货退款" : "仅退款");
  cells[4] = g_strdup (returns ? "是" : "否");
  cells[5] = g_strdup (statuses[i % G_N_ELEMENTS (statuses)]);
  cells[6] = g_strdup (reasons[i % G_N_ELEMENTS (reasons)]);
  cells[7] = g_strdup_printf ("%" G_GUINT64_FORMAT ".%02u", fen / 100, (guint) (fen % 100));
  cells[8] = g_strdup (cells[7]);
  cells[9] = g_strdup_printf ("2026-11-%02u %02u:%02u:%02u", (guint) (1 + i % 28), (guint) (i % 24),
                              (guint) (i % 60), (guint) ((i * 7) % 60));
  cells[10] = g_strdup_printf ("2026-12-%02u 10:00:00", (guint) (1 + i % 28));
  cells[11] = returns && i % 2 == 0 ? g_strdup_printf ("YT%012" G_GUINT64_FORMAT, i) : g_strdup ("");
  cells[12] = !returns && i % 5 == 0 ? g_strdup_printf ("中通快递 ZT%012" G_GUINT64_FORMAT, i) : g_strdup ("");
}

#define N_COLUMNS 13

static void
write_csv (const char *path,
           const char *prefix,
           guint64     n)
{
  FILE *out = fopen (path, "w");

  g_assert (out != NULL);
  fprintf (out, "%s\n", HEADER);
  for (guint64 i = 0; i < n; i++)
    {
      char *cells[N_COLUMNS];

      row_cells (prefix, i, cells);
      for (guint c = 0; c < N_COLUMNS; c++)
        {
          fprintf (out, "%s%s", c > 0 ? "," : "", cells[c]);
          g_free (cells[c]);
        }
      fputc ('\n', out);
    }
  fclose (out);
}

static void
write_xlsx (const char *path,
            const char *prefix,
            guint64     n)
{
  lxw_workbook_options options = { .constant_memory = LXW_TRUE, .tmpdir = NULL };
  lxw_workbook *workbook = workbook_new_opt (path, &options);
  lxw_worksheet *sheet = workbook_add_worksheet (workbook, "售后单");
  g_auto(GStrv) header = g_strsplit (HEADER, ",", -1);

  for (guint c = 0; header[c] != NULL; c++)
    worksheet_write_string (sheet, 0, c, header[c], NULL);
  for (guint64 i = 0; i < n; i++)
    {
      char *cells[N_COLUMNS];

      row_cells (prefix, i, cells);
      for (guint c = 0; c < N_COLUMNS; c++)
        {
          if (*cells[c] != '\0')
            worksheet_write_string (sheet, (lxw_row_t) (i + 1), c, cells[c], NULL);
          g_free (cells[c]);
        }
    }
  g_assert (workbook_close (workbook) == LXW_NO_ERROR);
}

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static double
peak_rss_mb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

static char *
first_operator (RdStore *store)
{
  g_autoptr(sqlite3_stmt) stmt = rd_store_prepare (store, "SELECT name FROM operators WHERE role = 'admin'"
                                                          " ORDER BY name LIMIT 1", NULL);

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  return NULL;
}

/* One phase, in this process: prints one line. */
static int
run_phase (const char *phase,
           const char *ledger,
           const char *file,
           const char *backups)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = rd_store_open (ledger, RD_STORE_OPEN_EXISTING, &error);
  g_autoptr(RdImport) import = NULL;
  g_autofree char *operator = NULL;
  RdImportCounts counts = { 0 };
  RdImportOptions options = { NULL, NULL, FALSE, backups };
  gint64 t0, t1, t2;
  double c0, c1, c2;

  if (store == NULL)
    g_error ("%s", error->message);
  operator = first_operator (store);
  options.operator = operator;

  if (g_str_has_prefix (phase, "backup"))
    {
      g_autoptr(RdBackupInfo) info = NULL;
      gboolean import_check = g_str_equal (phase, "backup-import");

      t0 = g_get_monotonic_time ();
      c0 = cpu_seconds ();
      info = rd_store_backup_now (store, backups, import_check ? RD_BACKUP_REASON_IMPORT : RD_BACKUP_REASON_MANUAL,
                                  NULL, NULL, NULL, &error);
      if (info == NULL)
        g_error ("%s", error->message);
      printf ("%-26s wall %7.2f s  cpu %7.2f s  peak RSS %6.1f MB\n",
              import_check ? "backup before an import" : "backup (full check)",
              (g_get_monotonic_time () - t0) / 1e6, cpu_seconds () - c0, peak_rss_mb ());
      return 0;
    }

  t0 = g_get_monotonic_time ();
  c0 = cpu_seconds ();
  import = rd_import_new (file, &error);
  if (import == NULL)
    g_error ("%s", error->message);
  if (!rd_import_preview (import, store, NULL, NULL, NULL, NULL, NULL, &counts, &error))
    g_error ("%s", error->message);
  t1 = g_get_monotonic_time ();
  c1 = cpu_seconds ();
  if (!rd_import_apply (import, store, &options, NULL, NULL, NULL, NULL, NULL, &counts, NULL, &error))
    g_error ("%s", error->message);
  t2 = g_get_monotonic_time ();
  c2 = cpu_seconds ();
  {
    guint64 rows = counts.n_new + counts.n_updated + counts.n_unchanged + counts.n_errors + counts.n_excluded;

    printf ("%-26s %8" G_GUINT64_FORMAT " rows (%" G_GUINT64_FORMAT " new, %" G_GUINT64_FORMAT " unchanged)\n"
            "  preview                  wall %7.2f s  cpu %7.2f s  %9.0f rows/s\n"
            "  import (with its backup) wall %7.2f s  cpu %7.2f s  %9.0f rows/s\n"
            "  peak RSS %6.1f MB\n",
            phase, rows, counts.n_new, counts.n_unchanged,
            (t1 - t0) / 1e6, c1 - c0, rows / ((t1 - t0) / 1e6),
            (t2 - t1) / 1e6, c2 - c1, rows / ((t2 - t1) / 1e6),
            peak_rss_mb ());
  }
  return 0;
}

static void
remove_files (const char *folder)
{
  g_autoptr(GDir) d = g_dir_open (folder, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      g_unlink (path);
    }
}

static void
spawn_phase (const char *self,
             const char *phase,
             const char *ledger,
             const char *file,
             const char *backups)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { self, "--phase", phase, "--db", ledger, "--file", file != NULL ? file : "-",
                         "--backups", backups, NULL };
  g_autofree char *load = NULL;
  int status = 0;

  if (g_file_get_contents ("/proc/loadavg", &load, NULL, NULL))
    printf ("[load average %s", load);
  fflush (stdout);
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL, NULL, NULL,
                     &status, &error) || !g_spawn_check_wait_status (status, &error))
    g_error ("%s: %s", phase, error->message);
  /* The backups of the copy are not kept. */
  remove_files (backups);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *ledger = NULL, *dir = NULL, *phase = NULL, *db = NULL, *file = NULL, *backups = NULL;
  gint64 rows = 100000, big_rows = 1000000;
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = NULL;
  const GOptionEntry entries[] = {
    { "ledger", 0, 0, G_OPTION_ARG_FILENAME, &ledger, "The big ledger to copy (never written)", "FILE" },
    { "rows", 0, 0, G_OPTION_ARG_INT64, &rows, "Rows of the CSV and XLSX files (100000)", "N" },
    { "big-rows", 0, 0, G_OPTION_ARG_INT64, &big_rows, "Rows of the big CSV (1000000; 0: none)", "N" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, "Where the copies and files go (a new temporary folder)", "DIR" },
    { "phase", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &phase, NULL, NULL },
    { "db", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &db, NULL, NULL },
    { "file", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &file, NULL, NULL },
    { "backups", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &backups, NULL, NULL },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);
  if (phase != NULL)
    return run_phase (phase, db, file, backups);
  if (ledger == NULL)
    g_error ("--ledger FILE is needed");

  {
    g_autofree char *copy = NULL, *csv = NULL, *xlsx = NULL, *big = NULL, *wal = NULL, *copy_wal = NULL;
    g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
    g_autoptr(GFile) from = NULL, to = NULL;
    gint64 t0;

    if (dir == NULL)
      dir = g_dir_make_tmp ("rd-bench-import-XXXXXX", &error);
    g_assert (dir != NULL);
    g_mkdir_with_parents (dir, 0700);
    copy = g_build_filename (dir, "ledger.db", NULL);
    csv = g_build_filename (dir, "taobao-100k.csv", NULL);
    xlsx = g_build_filename (dir, "taobao-100k.xlsx", NULL);
    big = g_build_filename (dir, "taobao-1m.csv", NULL);
    backups = g_build_filename (dir, "backups", NULL);

    t0 = g_get_monotonic_time ();
    write_csv (csv, "CSV", (guint64) rows);
    write_xlsx (xlsx, "XL", (guint64) rows);
    if (big_rows > 0)
      write_csv (big, "BIG", (guint64) big_rows);
    printf ("files written in %.1f s (%s)\n", (g_get_monotonic_time () - t0) / 1e6, dir);

    /* The ledger with its WAL, as it is; migrated by a first open. */
    t0 = g_get_monotonic_time ();
    from = g_file_new_for_path (ledger);
    to = g_file_new_for_path (copy);
    if (!g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
      g_error ("%s", error->message);
    wal = g_strconcat (ledger, "-wal", NULL);
    copy_wal = g_strconcat (copy, "-wal", NULL);
    if (g_file_test (wal, G_FILE_TEST_EXISTS))
      {
        g_autoptr(GFile) w1 = g_file_new_for_path (wal);
        g_autoptr(GFile) w2 = g_file_new_for_path (copy_wal);

        if (!g_file_copy (w1, w2, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
          g_error ("%s", error->message);
      }
    {
      g_autoptr(RdStore) store = rd_store_open (copy, RD_STORE_OPEN_EXISTING, &error);

      if (store == NULL)
        g_error ("%s", error->message);
      printf ("ledger copied and opened at schema %d in %.1f s: %" G_GINT64_FORMAT " cases\n",
              rd_store_get_schema_version (store), (g_get_monotonic_time () - t0) / 1e6,
              rd_store_count_cases (store, NULL));
      if (rd_store_get_backup_path (store) != NULL)
        g_unlink (rd_store_get_backup_path (store));
    }

    spawn_phase (self, "backup", copy, NULL, backups);
    spawn_phase (self, "backup-import", copy, NULL, backups);
    spawn_phase (self, "CSV into the ledger", copy, csv, backups);
    spawn_phase (self, "XLSX into the ledger", copy, xlsx, backups);
    spawn_phase (self, "CSV again (unchanged)", copy, csv, backups);
    if (big_rows > 0)
      spawn_phase (self, "big CSV into the ledger", copy, big, backups);
  }
  return 0;
}
