/* rd-export.c
 *
 * The workbook as a file: the read snapshot, the temporary file and its
 * rename, the locale, and the order of the sheets. The sheets themselves are
 * in rd-export-ledger.c, rd-export-summary.c and rd-export-register.c, all
 * written with rd-export-sheet.c.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>

#include "rd-export-private.h"
#include "rd-store.h"

#define STALE_TEMP_SECONDS (60 * 60)

/* The ledger needs the full case table (version 3). */
#define NEEDED_SCHEMA_VERSION 3

G_DEFINE_QUARK (rd-export-error-quark, rd_export_error)

static gint64 max_rows_override;

void
_rd_export_set_max_rows_for_testing (gint64 max_rows)
{
  max_rows_override = max_rows;
}

/* Helpers */

static void
money_format_free (gpointer data)
{
  g_free (data);
}

static gint64
local_time (int year,
            int month)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (year, month, 1, 0, 0, 0);

  return dt != NULL ? g_date_time_to_unix (dt) : 0;
}

static gboolean
set_period (RdExportContext        *ctx,
            const RdExportOptions  *opts,
            GError                **error)
{
  if (opts->year == 0)
    {
      ctx->period_start = G_MININT64;
      ctx->period_end = G_MAXINT64;
      return TRUE;
    }

  if (opts->year < 1900 || opts->year > 9998 || opts->month < 0 || opts->month > 12)
    {
      g_set_error (error, RD_EXPORT_ERROR, RD_EXPORT_ERROR_INVALID,
                   _("There is no month %04d-%02d to export."), opts->year, opts->month);
      return FALSE;
    }

  if (opts->month == 0)
    {
      ctx->period_start = local_time (opts->year, 1);
      ctx->period_end = local_time (opts->year + 1, 1);
    }
  else
    {
      ctx->period_start = local_time (opts->year, opts->month);
      ctx->period_end = opts->month == 12 ? local_time (opts->year + 1, 1)
                                          : local_time (opts->year, opts->month + 1);
    }
  return TRUE;
}

static void
set_database_error (GError     **error,
                    sqlite3     *db,
                    const char  *db_path)
{
  g_set_error (error, RD_EXPORT_ERROR, RD_EXPORT_ERROR_DATABASE,
               _("Could not read the ledger “%s”: %s"), db_path,
               db != NULL ? sqlite3_errmsg (db) : "");
}

static gboolean
check_schema (sqlite3     *db,
              const char  *db_path,
              int         *out_version,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int version;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    {
      set_database_error (error, db, db_path);
      return FALSE;
    }

  version = sqlite3_column_int (stmt, 0);
  *out_version = version;
  if (version < NEEDED_SCHEMA_VERSION)
    {
      g_set_error (error, RD_EXPORT_ERROR, RD_EXPORT_ERROR_OLD_LEDGER,
                   _("The ledger “%s” was written by an older version of Refund Desk and cannot be "
                     "exported yet. Open it once in Refund Desk to update it."), db_path);
      return FALSE;
    }
  /* A newer build may have changed what the columns mean: refused, as
   * every command refuses it (rd_store_open, RD_STORE_ERROR_TOO_NEW). */
  if (version > rd_store_get_latest_version ())
    {
      g_set_error (error, RD_EXPORT_ERROR, RD_EXPORT_ERROR_NEW_LEDGER,
                   _("The ledger “%s” was saved by a newer version of Refund Desk "
                     "(ledger version %d; this Refund Desk reads up to version %d). "
                     "Update Refund Desk to open it."),
                   db_path, version, rd_store_get_latest_version ());
      return FALSE;
    }
  return TRUE;
}

/* The temporary files of exports into folder that were killed before they
 * could remove them (".<name>.tmp-XXXXXX", as make_temp_file names them),
 * once they are an hour old: an export running now is never touched. */
static void
remove_stale_temp_files (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      const char *tmp = g_strrstr (name, ".tmp-");
      g_autofree char *path = NULL;
      GStatBuf st;

      /* ".Refunds-2026-11.xlsx.tmp-a1B2c3" */
      if (name[0] != '.' || tmp == NULL || strlen (tmp) != strlen (".tmp-XXXXXX") ||
          tmp - name < (gssize) strlen (".xlsx") + 1 ||
          strncmp (tmp - strlen (".xlsx"), ".xlsx", strlen (".xlsx")) != 0)
        continue;

      path = g_build_filename (folder, name, NULL);
      if (g_lstat (path, &st) == 0 && S_ISREG (st.st_mode) &&
          now - (gint64) st.st_mtime > STALE_TEMP_SECONDS)
        {
          g_debug ("Removing %s, left by an export that did not finish", path);
          g_unlink (path);
        }
    }
}

/* Makes "<folder>/.<name>.tmp-XXXXXX" and returns its path, or fails with
 * NOT_WRITABLE: the first thing that tells an unwritable folder. */
static char *
make_temp_file (const char  *output_path,
                GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (output_path);
  g_autofree char *base = g_path_get_basename (output_path);
  g_autofree char *tmpl_name = g_strdup_printf (".%s.tmp-XXXXXX", base);
  g_autofree char *tmpl = g_build_filename (dir, tmpl_name, NULL);
  int fd;

  remove_stale_temp_files (dir);
  fd = g_mkstemp_full (tmpl, O_RDWR | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, RD_EXPORT_ERROR,
                   saved_errno == ENOSPC || saved_errno == EDQUOT ? RD_EXPORT_ERROR_WRITE
                                                                  : RD_EXPORT_ERROR_NOT_WRITABLE,
                   _("Could not write in the folder “%s”: %s. Choose another folder."),
                   display, g_strerror (saved_errno));
      return NULL;
    }
  close (fd);
  return g_steal_pointer (&tmpl);
}

static void
set_write_error (GError     **error,
                 lxw_error    err,
                 int          saved_errno,
                 const char  *output_path)
{
  g_autofree char *display = g_filename_display_name (output_path);

  g_set_error (error, RD_EXPORT_ERROR,
               err == LXW_ERROR_CREATING_XLSX_FILE ? RD_EXPORT_ERROR_NOT_WRITABLE : RD_EXPORT_ERROR_WRITE,
               _("Could not write the workbook “%s”: %s. Check that the disk has free space and try again."),
               display,
               saved_errno != 0 ? g_strerror (saved_errno) : lxw_strerror (err));
}

/* fsync the finished file so that the rename never exposes a file whose
 * data is still in flight. */
static gboolean
sync_file (const char  *path,
           const char  *output_path,
           GError     **error)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0 || fsync (fd) != 0)
    {
      int saved_errno = errno;

      if (fd >= 0)
        close (fd);
      set_write_error (error, LXW_NO_ERROR, saved_errno, output_path);
      return FALSE;
    }
  close (fd);
  return TRUE;
}

static gboolean
create_workbook (RdExportContext  *ctx,
                 const char       *tmp_path,
                 GError          **error)
{
  /* No ZIP64: it only matters past 4 GB, which a sheet of at most
   * 1,048,576 rows never reaches; a plain zip is what every reader opens. */
  lxw_workbook_options options = { .constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_FALSE };
  g_autofree char *title = NULL;

  ctx->workbook = workbook_new_opt (tmp_path, &options);
  if (ctx->workbook == NULL)
    {
      set_write_error (error, LXW_ERROR_MEMORY_MALLOC_FAILED, errno, ctx->opts->output_path);
      return FALSE;
    }

  ctx->header_format = workbook_add_format (ctx->workbook);
  format_set_bold (ctx->header_format);
  format_set_bottom (ctx->header_format, LXW_BORDER_THIN);
  ctx->bold_format = workbook_add_format (ctx->workbook);
  format_set_bold (ctx->bold_format);
  ctx->hours_format = workbook_add_format (ctx->workbook);
  format_set_num_format (ctx->hours_format, "0.0");
  ctx->percent_format = workbook_add_format (ctx->workbook);
  format_set_num_format (ctx->percent_format, "0.0%");
  ctx->datetime_format = workbook_add_format (ctx->workbook);
  format_set_num_format (ctx->datetime_format, "yyyy-mm-dd hh:mm");

  title = g_strdup (_("Refunds"));
  {
    lxw_doc_properties properties = {
      .title = title,
      .author = (char *) (ctx->opts->operator != NULL ? ctx->opts->operator : ""),
      .company = (char *) (ctx->opts->shop_name != NULL ? ctx->opts->shop_name : ""),
    };
    workbook_set_properties (ctx->workbook, &properties);
  }
  return TRUE;
}

static gboolean
write_sheets (RdExportContext  *ctx,
              GError          **error)
{
  return _rd_export_write_ledger (ctx, error) &&
         _rd_export_write_summary (ctx, error) &&
         _rd_export_write_report (ctx, error) &&
         _rd_export_write_intercepts (ctx, error) &&
         _rd_export_write_claims (ctx, error) &&
         _rd_export_write_about (ctx, error);
}

/* Public API */

void
rd_export_totals_clear (RdExportTotals *totals)
{
  g_clear_pointer (&totals->currencies, g_array_unref);
  g_clear_pointer (&totals->intercept_amounts, g_array_unref);
  g_clear_pointer (&totals->claims_claimed, g_array_unref);
  g_clear_pointer (&totals->claims_recovered, g_array_unref);
  memset (totals, 0, sizeof *totals);
}

const RdExportCurrencyTotals *
rd_export_totals_lookup (const RdExportTotals *totals,
                         const char           *code)
{
  if (totals->currencies == NULL)
    return NULL;
  for (guint i = 0; i < totals->currencies->len; i++)
    {
      const RdExportCurrencyTotals *t = &g_array_index (totals->currencies, RdExportCurrencyTotals, i);
      if (g_strcmp0 (t->code, code) == 0)
        return t;
    }
  return NULL;
}

char *
rd_export_default_filename (int year,
                            int month)
{
  /* TRANSLATORS: the default name of the exported workbook; %04d-%02d is the
   * year and month, keep them. */
  return g_strdup_printf (_("Refunds-%04d-%02d.xlsx"), year, month);
}

gboolean
rd_export_month (const char            *db_path,
                 const RdExportOptions *opts,
                 RdExportProgressFunc   progress,
                 gpointer               user_data,
                 GCancellable          *cancellable,
                 RdExportTotals        *out_totals,
                 GError               **error)
{
  RdExportContext ctx = { 0 };
  RdExportTotals totals = { 0 };
  g_autofree char *tmp_path = NULL;
  sqlite3 *db = NULL;
  locale_t c_numeric = (locale_t) 0, old_locale = (locale_t) 0;
  gboolean ok = FALSE, in_txn = FALSE;
  gint64 started = g_get_monotonic_time ();
  gint64 n_written = 0;
  lxw_error err;

  g_return_val_if_fail (db_path != NULL, FALSE);
  g_return_val_if_fail (opts != NULL && opts->output_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ctx.opts = opts;
  ctx.cancellable = cancellable;
  ctx.progress = progress;
  ctx.progress_data = user_data;
  ctx.totals = &totals;
  totals.intercept_amounts = rd_money_totals_new ();
  totals.claims_claimed = rd_money_totals_new ();
  totals.claims_recovered = rd_money_totals_new ();
  ctx.max_rows = max_rows_override > 0 ? max_rows_override : RD_EXPORT_EXCEL_MAX_ROWS - 1;
  ctx.tz = g_time_zone_new_local ();
  ctx.money_formats = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, money_format_free);
  ctx.summary = _rd_export_summary_new ();

  if (!set_period (&ctx, opts, error))
    goto out;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;

  if (!g_file_test (db_path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *display = g_filename_display_name (db_path);

      g_set_error (error, RD_EXPORT_ERROR, RD_EXPORT_ERROR_DATABASE,
                   _("There is no ledger at “%s”."), display);
      goto out;
    }
  if (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      set_database_error (error, db, db_path);
      goto out;
    }
  sqlite3_busy_timeout (db, 5000);
  ctx.db = db;

  /* One read transaction: every sheet sees the same snapshot. */
  if (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    {
      set_database_error (error, db, db_path);
      goto out;
    }
  in_txn = TRUE;
  if (!check_schema (db, db_path, &ctx.schema_version, error))
    goto out;

  tmp_path = make_temp_file (opts->output_path, error);
  if (tmp_path == NULL)
    goto out;

  /* libxlsxwriter prints numbers with the C library's printf: keep this
   * thread's numeric locale at "C" while it writes, whatever LC_NUMERIC the
   * user has (a German "1,5" would make the file unreadable). */
  c_numeric = newlocale (LC_NUMERIC_MASK, "C", duplocale (LC_GLOBAL_LOCALE));
  if (c_numeric != (locale_t) 0)
    old_locale = uselocale (c_numeric);

  if (!create_workbook (&ctx, tmp_path, error))
    goto out;

  if (!write_sheets (&ctx, error))
    goto out;

  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  in_txn = FALSE;

  errno = 0;
  err = workbook_close (ctx.workbook);
  ctx.workbook = NULL;
  if (err != LXW_NO_ERROR)
    {
      set_write_error (error, err, errno, opts->output_path);
      goto out;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;
  if (!sync_file (tmp_path, opts->output_path, error))
    goto out;

  if (g_rename (tmp_path, opts->output_path) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (opts->output_path);

      g_set_error (error, RD_EXPORT_ERROR, RD_EXPORT_ERROR_NOT_WRITABLE,
                   _("Could not save the workbook as “%s”: %s"), display, g_strerror (saved_errno));
      goto out;
    }
  g_clear_pointer (&tmp_path, g_free);

  if (progress != NULL)
    progress (totals.n_cases, totals.n_cases, user_data);

  n_written = totals.n_cases;
  if (out_totals != NULL)
    {
      *out_totals = totals;
      memset (&totals, 0, sizeof totals);
    }
  ok = TRUE;

out:
  if (ctx.workbook != NULL)
    lxw_workbook_free (ctx.workbook);
  if (old_locale != (locale_t) 0)
    uselocale (old_locale);
  if (c_numeric != (locale_t) 0)
    freelocale (c_numeric);
  if (tmp_path != NULL)
    g_unlink (tmp_path);
  if (in_txn)
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  if (db != NULL)
    sqlite3_close (db);
  if (ok)
    g_debug ("Exported %s to %s: %" G_GINT64_FORMAT " cases in %.1f ms", db_path,
             opts->output_path, n_written, (g_get_monotonic_time () - started) / 1000.0);
  else
    g_debug ("Export of %s to %s stopped after %.1f ms: %s", db_path, opts->output_path,
             (g_get_monotonic_time () - started) / 1000.0,
             error != NULL && *error != NULL ? (*error)->message : "?");
  rd_export_totals_clear (&totals);
  _rd_export_summary_free (ctx.summary);
  g_hash_table_unref (ctx.money_formats);
  g_time_zone_unref (ctx.tz);
  return ok;
}
