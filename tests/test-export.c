/* test-export.c
 *
 * The monthly workbook, read back by an independent reader
 * (tests/check-workbook.py, python3-openpyxl) and compared with the ledger
 * through sqlite3: row count, numbers and dates, the ledger sum, the Summary
 * totals, the About control totals and the database to the fen; the same
 * cells under another locale; formula-looking text stays text; the empty
 * month; more rows than a sheet; cancel, unwritable folder, full disk and an
 * old ledger leave no file. Arguments after the test options: refund-desk,
 * python3, check-workbook.py.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <time.h>
#include <utime.h>

#include "rd-case-store.h"
#include "rd-export-private.h"
#include "rd-store.h"
#include "rd-test-cli.h"
#include "rd-test-ledger.h"

static const char *refund_desk;
static const char *python;
static const char *checker;

/* 2026-10 in UTC (the tests run with TZ=UTC). */
#define OCT_1   G_GINT64_CONSTANT (1790812800)
#define NOV_1   G_GINT64_CONSTANT (1793491200)

typedef struct
{
  char *dir;
  char *db;
} Fixture;

typedef struct
{
  const char *order_no;
  const char *after_sales_no;
  const char *buyer;
  const char *handler;
  const char *currency;
  RdPaymentMethod method;
  gint64 amount_paid;
  gint64 approved;       /* -1: not approved */
  gint64 requested_at;
  gint64 paid_at;        /* 0: not paid */
} CaseSpec;

/* Paid in October: 1, 2, 3, 6. Requested in October: 1, 2, 3, 4, 6, 7. */
static const CaseSpec cases[] = {
  { "123456789012345678901", NULL, "张三", "小王", NULL, RD_PAYMENT_METHOD_ALIPAY,
    12345, 12345, OCT_1 + 3600, OCT_1 + 4 * 86400 + 36000 },
  { "=1+1", "-42", "+8613800138000", "@boss", NULL, RD_PAYMENT_METHOD_WECHAT_PAY,
    10, 1, OCT_1 + 7200, NOV_1 - 1 },
  { "PP-77", NULL, "Jane", "Lily", "USD", RD_PAYMENT_METHOD_PAYPAL,
    999, 500, OCT_1 + 10800, OCT_1 + 86400 },
  { "late-payout", NULL, "李四", "小王", NULL, RD_PAYMENT_METHOD_ALIPAY,
    5000, 5000, OCT_1 + 20 * 86400, NOV_1 },
  { "september", NULL, "王五", "小王", NULL, RD_PAYMENT_METHOD_ALIPAY,
    7000, 7000, OCT_1 - 10 * 86400, OCT_1 - 1 },
  { "9999999999999999999", NULL, "赵六", "店长", NULL, RD_PAYMENT_METHOD_BANK_TRANSFER,
    G_GINT64_CONSTANT (9999999999999), G_GINT64_CONSTANT (9999999999999), OCT_1 - 86400, OCT_1 },
  { "open", NULL, "钱七", "小李", NULL, RD_PAYMENT_METHOD_CASH,
    3333, -1, OCT_1 + 15 * 86400, 0 },
  /* Requested in September, open: its parcel is in October's register. */
  { "yen", NULL, "山田", "小李", "JPY", RD_PAYMENT_METHOD_PAYPAL,
    4200, -1, OCT_1 - 20 * 86400, 0 },
};

/* Intercepts registered in October: SF (case 1, CNY), "=ZTO77" (case 3,
 * USD: delivered, claimed in October) and JT-JPY (case 8, JPY: claimed and
 * paid in October); one in September (no case: CNY), claimed in November. */
static void
add_register (const char *path)
{
  sqlite3 *db = rd_test_raw_open (path);
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO intercepts (courier, tracking_no, case_id, order_no, channel, amount, province, status, "
    "  condition, requested_at, platform_deadline, last_movement_at, created_at, updated_at, settled_at, operator) VALUES "
    "('sf', 'SF1234567890123', 1, NULL, 'pinduoduo', 12345, '广东', 'intercepted', NULL, "
    "  %1$" G_GINT64_FORMAT " + 3600, %1$" G_GINT64_FORMAT " + 90000, %1$" G_GINT64_FORMAT " + 7200, "
    "  %1$" G_GINT64_FORMAT " + 3600, %1$" G_GINT64_FORMAT " + 3600, NULL, '小王'),"
    "('zto', '=ZTO77', 3, '777', 'taobao', 500, '新疆', 'claim', NULL, NULL, NULL, NULL, "
    "  %1$" G_GINT64_FORMAT " + 86400, %1$" G_GINT64_FORMAT " + 86400, NULL, 'tester'),"
    "('yto', 'YT-SEPT', NULL, 'o-9', 'jd', 700, NULL, 'delivered', NULL, NULL, NULL, NULL, "
    "  %1$" G_GINT64_FORMAT " - 100, %1$" G_GINT64_FORMAT " - 100, NULL, 'tester'),"
    "('jt', 'JT-JPY', 8, NULL, 'jd', 4200, NULL, 'claim', NULL, NULL, NULL, NULL, "
    "  %1$" G_GINT64_FORMAT " + 86400, %1$" G_GINT64_FORMAT " + 86400, NULL, 'tester');"
    "INSERT INTO claims (intercept_id, amount_claimed, filed_at, status, amount_recovered, settled_at, operator) VALUES "
    "(2, 500, %1$" G_GINT64_FORMAT " + 2 * 86400, 'paid', 300, %1$" G_GINT64_FORMAT " + 5 * 86400, 'tester'),"
    "(3, 700, %2$" G_GINT64_FORMAT ", 'filed', 0, NULL, 'tester'),"
    "(4, 4200, %1$" G_GINT64_FORMAT " + 3 * 86400, 'paid', 1000, %1$" G_GINT64_FORMAT " + 6 * 86400, 'tester');",
    OCT_1, NOV_1);

  rd_test_raw_exec (db, sql);
  sqlite3_close (db);
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;

  fx->dir = rd_test_make_tmp_dir ();
  fx->db = g_build_filename (fx->dir, "ledger.db", NULL);
  store = rd_store_open (fx->db, RD_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  rd_test_add_operators (store);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const CaseSpec *s = &cases[i];
      g_autoptr(RdCase) c = rd_case_new ();

      c->channel = g_strdup (i % 2 ? "taobao" : "pinduoduo");
      c->order_no = g_strdup (s->order_no);
      c->after_sales_no = g_strdup (s->after_sales_no);
      c->buyer_name = g_strdup (s->buyer);
      c->handler = g_strdup (s->handler);
      c->kind = i % 3 + 1;
      c->reason = g_strdup (i % 2 ? "quality_problem" : "changed_mind");
      c->payment_method = s->method;
      if (s->currency != NULL)
        {
          g_free (c->currency);
          c->currency = g_strdup (s->currency);
        }
      c->amount_paid = s->amount_paid;
      c->approved_amount = s->approved;
      c->requested_at = s->requested_at;
      c->created_at = s->requested_at;
      c->paid_at = s->paid_at;
      c->status = s->paid_at != 0 ? RD_CASE_STATUS_PAID : RD_CASE_STATUS_REQUESTED;
      rd_case_store_insert (store, c, "tester", &error);
      g_assert_no_error (error);
    }
  add_register (fx->db);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  _rd_export_set_max_rows_for_testing (0);
  rd_test_remove_tree (fx->dir);
  g_free (fx->dir);
  g_free (fx->db);
}

static char *
output_path (Fixture    *fx,
             const char *name)
{
  return g_build_filename (fx->dir, name, NULL);
}

static gboolean
export (Fixture         *fx,
        const char      *output,
        int              year,
        int              month,
        RdExportBasis    basis,
        RdExportTotals  *totals,
        GError         **error)
{
  RdExportOptions opts = {
    .year = year, .month = month, .basis = basis, .output_path = output,
    .shop_name = "小店", .operator = "tester",
  };

  return rd_export_month (fx->db, &opts, NULL, NULL, NULL, totals, error);
}

/* Runs check-workbook.py with args; asserts it passed. */
static void
run_checker (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(RdTestRun) run = { 0 };

  g_ptr_array_add (argv, (gpointer) python);
  g_ptr_array_add (argv, (gpointer) checker);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  rd_test_run_command (&run, (const char * const *) argv->pdata, NULL, NULL, NULL, NULL);
  if (run.status != 0)
    g_error ("check-workbook.py failed:\n%s%s", run.out, run.err);
}

/* The folder holds only the ledger (and its WAL files) and `keep`. */
static void
assert_no_stray_files (Fixture    *fx,
                       const char *keep)
{
  g_autoptr(GDir) dir = g_dir_open (fx->dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_prefix (name, "ledger.db") || g_strcmp0 (name, keep) == 0)
        continue;
      g_error ("unexpected file left in the folder: %s", name);
    }
}

static void
test_paid_month (Fixture       *fx,
                 gconstpointer  data)
{
  g_autofree char *out = output_path (fx, "Refunds-2026-10.xlsx");
  g_autoptr(GError) error = NULL;
  RdExportTotals totals = { 0 };
  const RdExportCurrencyTotals *cny, *usd;

  g_assert_true (export (fx, out, 2026, 10, RD_EXPORT_BASIS_PAID, &totals, &error));
  g_assert_no_error (error);

  g_assert_cmpint (totals.n_cases, ==, 4);
  g_assert_cmpuint (totals.n_ledger_sheets, ==, 1);
  cny = rd_export_totals_lookup (&totals, "CNY");
  usd = rd_export_totals_lookup (&totals, "USD");
  g_assert_nonnull (cny);
  g_assert_nonnull (usd);
  g_assert_cmpint (cny->n_cases, ==, 3);
  g_assert_cmpint (cny->amount_paid, ==, 12345 + 10 + G_GINT64_CONSTANT (9999999999999));
  g_assert_cmpint (cny->refund_amount, ==, 12345 + 1 + G_GINT64_CONSTANT (9999999999999));
  g_assert_cmpint (usd->n_cases, ==, 1);
  g_assert_cmpint (usd->refund_amount, ==, 500);
  /* The register: what was registered and claimed in October, each
   * parcel's amounts in its case's currency, never added across them. */
  g_assert_cmpint (totals.n_intercepts, ==, 3);
  g_assert_cmpuint (totals.intercept_amounts->len, ==, 3);
  g_assert_cmpint (rd_money_totals_get (totals.intercept_amounts, "CNY"), ==, 12345);
  g_assert_cmpint (rd_money_totals_get (totals.intercept_amounts, "USD"), ==, 500);
  g_assert_cmpint (rd_money_totals_get (totals.intercept_amounts, "JPY"), ==, 4200);
  g_assert_cmpint (totals.n_claims, ==, 2);
  g_assert_null (rd_money_totals_lookup (totals.claims_claimed, "CNY"));
  g_assert_cmpint (rd_money_totals_get (totals.claims_claimed, "USD"), ==, 500);
  g_assert_cmpint (rd_money_totals_get (totals.claims_claimed, "JPY"), ==, 4200);
  g_assert_cmpint (rd_money_totals_get (totals.claims_recovered, "USD"), ==, 300);
  g_assert_cmpint (rd_money_totals_get (totals.claims_recovered, "JPY"), ==, 1000);
  rd_export_totals_clear (&totals);

  run_checker ((const char *[]) { "check", out, fx->db, "--year", "2026", "--month", "10",
                                  "--basis", "paid", "--ledger-sheets", "1",
                                  "--sheet-names", "Ledger,Summary,Report,Intercepts,Claims,About",
                                  "--text", "=1+1", "--text", "-42", "--text", "+8613800138000",
                                  "--text", "@boss", "--text", "123456789012345678901",
                                  "--text", "张三", "--text", "9999999999999999999",
                                  "--text", "=ZTO77", "--text", "SF1234567890123", NULL });
  assert_no_stray_files (fx, "Refunds-2026-10.xlsx");
}

static void
test_requested_month (Fixture       *fx,
                      gconstpointer  data)
{
  g_autofree char *out = output_path (fx, "requested.xlsx");
  g_autoptr(GError) error = NULL;
  RdExportTotals totals = { 0 };

  g_assert_true (export (fx, out, 2026, 10, RD_EXPORT_BASIS_REQUESTED, &totals, &error));
  g_assert_no_error (error);
  g_assert_cmpint (totals.n_cases, ==, 5);
  /* The open case has no refund amount yet: it counts as 0. */
  g_assert_cmpint (rd_export_totals_lookup (&totals, "CNY")->refund_amount, ==, 12345 + 1 + 5000);
  rd_export_totals_clear (&totals);

  run_checker ((const char *[]) { "check", out, fx->db, "--year", "2026", "--month", "10",
                                  "--basis", "requested", NULL });
}

static void
test_empty_month (Fixture       *fx,
                  gconstpointer  data)
{
  g_autofree char *out = output_path (fx, "empty.xlsx");
  g_autoptr(GError) error = NULL;
  RdExportTotals totals = { 0 };
  const RdExportCurrencyTotals *cny;

  g_assert_true (export (fx, out, 2020, 1, RD_EXPORT_BASIS_PAID, &totals, &error));
  g_assert_no_error (error);
  g_assert_cmpint (totals.n_cases, ==, 0);
  cny = rd_export_totals_lookup (&totals, "CNY");
  g_assert_nonnull (cny);
  g_assert_cmpint (cny->amount_paid, ==, 0);
  g_assert_cmpint (cny->refund_amount, ==, 0);
  g_assert_cmpuint (totals.currencies->len, ==, 1);
  rd_export_totals_clear (&totals);

  run_checker ((const char *[]) { "check", out, fx->db, "--year", "2020", "--month", "1", NULL });
}

static void
test_more_rows_than_a_sheet (Fixture       *fx,
                             gconstpointer  data)
{
  g_autofree char *out = output_path (fx, "split.xlsx");
  g_autoptr(GError) error = NULL;
  RdExportTotals totals = { 0 };

  /* 5 rows, 2 a sheet: Ledger, Ledger (2), Ledger (3). */
  _rd_export_set_max_rows_for_testing (2);
  g_assert_true (export (fx, out, 2026, 10, RD_EXPORT_BASIS_REQUESTED, &totals, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (totals.n_ledger_sheets, ==, 3);
  rd_export_totals_clear (&totals);

  run_checker ((const char *[]) { "check", out, fx->db, "--year", "2026", "--month", "10",
                                  "--basis", "requested", "--ledger-sheets", "3",
                                  "--sheet-names",
                                  "Ledger,Ledger (2),Ledger (3),Summary,Report,Intercepts,Claims,About",
                                  NULL });
}

static void
test_locale (Fixture       *fx,
             gconstpointer  data)
{
  g_autofree char *in_c = output_path (fx, "c.xlsx");
  g_autofree char *in_other = output_path (fx, "other.xlsx");
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));
  const char *other = NULL;
  char number[32];

  g_assert_true (export (fx, in_c, 2026, 10, RD_EXPORT_BASIS_PAID, NULL, &error));
  g_assert_no_error (error);

  /* A locale whose decimal separator is a comma, so that a printf-written
   * number would change; zh_CN at least changes the time and names. */
  if (setlocale (LC_ALL, "de_DE.UTF-8") != NULL)
    {
      other = "de_DE.UTF-8";
      g_snprintf (number, sizeof number, "%.2f", 1.5);
      g_assert_cmpstr (number, ==, "1,50");
    }
  else if (setlocale (LC_ALL, "zh_CN.UTF-8") != NULL)
    other = "zh_CN.UTF-8";
  if (other == NULL)
    {
      g_test_skip ("neither de_DE.UTF-8 nor zh_CN.UTF-8 is installed");
      return;
    }
  g_test_message ("comparing the C locale with %s", other);

  g_assert_true (export (fx, in_other, 2026, 10, RD_EXPORT_BASIS_PAID, NULL, &error));
  setlocale (LC_ALL, saved);
  g_assert_no_error (error);

  run_checker ((const char *[]) { "compare", in_c, in_other, NULL });
  run_checker ((const char *[]) { "check", in_other, fx->db, "--year", "2026", "--month", "10", NULL });
}

static void
cancel_at_start (gint64   done,
                 gint64   total,
                 gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

static void
test_cancel (Fixture       *fx,
             gconstpointer  data)
{
  g_autofree char *out = output_path (fx, "Refunds-2026-10.xlsx");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  RdExportOptions opts = { .year = 2026, .month = 10, .output_path = out };

  g_assert_false (rd_export_month (fx->db, &opts, cancel_at_start, cancellable, cancellable,
                                   NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  assert_no_stray_files (fx, NULL);
}

static void
test_cancel_keeps_existing (Fixture       *fx,
                            gconstpointer  data)
{
  g_autofree char *out = output_path (fx, "Refunds-2026-10.xlsx");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  RdExportOptions opts = { .year = 2026, .month = 10, .output_path = out };
  RdTestFingerprint before;

  g_file_set_contents (out, "last month's file", -1, &error);
  g_assert_no_error (error);
  rd_test_fingerprint (out, &before);

  g_assert_false (rd_export_month (fx->db, &opts, cancel_at_start, cancellable, cancellable,
                                   NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  rd_test_assert_unchanged (out, &before);
  rd_test_fingerprint_clear (&before);
  assert_no_stray_files (fx, "Refunds-2026-10.xlsx");
}

static void
test_unwritable_folder (Fixture       *fx,
                        gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (fx->dir, "no-such-folder", "out.xlsx", NULL);
  g_autofree char *under_file = g_build_filename (fx->db, "out.xlsx", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (export (fx, missing, 2026, 10, RD_EXPORT_BASIS_PAID, NULL, &error));
  g_assert_error (error, RD_EXPORT_ERROR, RD_EXPORT_ERROR_NOT_WRITABLE);
  g_assert_nonnull (strstr (error->message, "no-such-folder"));
  g_clear_error (&error);

  g_assert_false (export (fx, under_file, 2026, 10, RD_EXPORT_BASIS_PAID, NULL, &error));
  g_assert_error (error, RD_EXPORT_ERROR, RD_EXPORT_ERROR_NOT_WRITABLE);
  assert_no_stray_files (fx, NULL);
}

static void
test_disk_full (Fixture       *fx,
                gconstpointer  data)
{
  g_autofree char *out = output_path (fx, "full.xlsx");

  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      struct rlimit limit = { 3000, 3000 };
      sqlite3 *keep_open = rd_test_raw_open (fx->db);

      /* The ledger's shared-memory file exists already (reading never
       * needs to grow a file): only the workbook meets the limit. */
      g_assert_cmpint (rd_test_raw_int (keep_open, "SELECT count(*) FROM cases"), ==, G_N_ELEMENTS (cases));

      /* A file may not grow past 3000 bytes: the workbook's writes fail as
       * on a full disk (EFBIG instead of ENOSPC). */
      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      g_assert_false (export (fx, out, 2026, 10, RD_EXPORT_BASIS_PAID, NULL, &error));
      g_assert_error (error, RD_EXPORT_ERROR, RD_EXPORT_ERROR_WRITE);
      g_test_message ("%s", error->message);
      g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
      assert_no_stray_files (fx, NULL);
      sqlite3_close (keep_open);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* A ledger of a newer schema is refused like every command refuses it;
 * nothing is written. */
static void
test_newer_ledger (Fixture       *fx,
                   gconstpointer  data)
{
  g_autofree char *out = output_path (fx, "Refunds-2026-10.xlsx");
  g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", rd_store_get_latest_version () + 1);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = rd_test_raw_open (fx->db);

  rd_test_raw_exec (db, set_version);
  sqlite3_close (db);

  g_assert_false (export (fx, out, 2026, 10, RD_EXPORT_BASIS_PAID, NULL, &error));
  g_assert_error (error, RD_EXPORT_ERROR, RD_EXPORT_ERROR_NEW_LEDGER);
  g_assert_nonnull (strstr (error->message, "newer version of Refund Desk"));
  assert_no_stray_files (fx, NULL);
}

/* The temporary file of an export killed an hour ago is removed by the next
 * export into that folder; a running export's (fresh) and other files are
 * left alone. */
static void
test_stale_temp_files (Fixture       *fx,
                       gconstpointer  data)
{
  g_autofree char *out = output_path (fx, "Refunds-2026-10.xlsx");
  g_autofree char *stale = output_path (fx, ".Refunds-2026-09.xlsx.tmp-a1B2c3");
  g_autofree char *fresh = output_path (fx, ".Refunds-2026-08.xlsx.tmp-d4E5f6");
  g_autofree char *other = output_path (fx, ".notes.txt.tmp-g7H8i9");
  g_autoptr(GError) error = NULL;
  struct utimbuf two_hours_ago;

  two_hours_ago.actime = two_hours_ago.modtime = time (NULL) - 2 * 3600;
  for (guint i = 0; i < 3; i++)
    {
      const char *path = (const char *[]) { stale, fresh, other }[i];

      g_assert_true (g_file_set_contents (path, "PK", -1, NULL));
      if (path != fresh)
        g_assert_cmpint (g_utime (path, &two_hours_ago), ==, 0);
    }

  g_assert_true (export (fx, out, 2026, 10, RD_EXPORT_BASIS_PAID, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (fresh, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
}

static void
test_old_ledger (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *db = g_build_filename (dir, "old.db", NULL);
  g_autofree char *out = g_build_filename (dir, "out.xlsx", NULL);
  g_autoptr(GError) error = NULL;
  RdExportOptions opts = { .year = 2026, .month = 10, .output_path = out };

  rd_test_build_from_fixture (db, "ledger-v1.sql");
  g_assert_false (rd_export_month (db, &opts, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, RD_EXPORT_ERROR, RD_EXPORT_ERROR_OLD_LEDGER);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_false (rd_export_month ("/nonexistent/ledger.db", &opts, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, RD_EXPORT_ERROR, RD_EXPORT_ERROR_DATABASE);
  rd_test_remove_tree (dir);
}

static void
test_excel_time (void)
{
  RdExportContext ctx = { 0 };
  const struct { const char *tz; gint64 unix_time; gint64 days; gint64 seconds; } times[] = {
    { "UTC", 0, 25569, 0 },
    { "UTC", 86399, 25569, 86399 },
    { "UTC", -1, 25568, 86399 },
    { "Asia/Shanghai", 0, 25569, 8 * 3600 },
    { "Asia/Shanghai", OCT_1 - 8 * 3600, 46296, 0 },           /* 2026-10-01 00:00 */
    { "Europe/Berlin", 1792371600, 46314, 3 * 3600 },          /* 2026-10-19 03:00 CEST */
    { "Europe/Berlin", 1793590200, 46328, 4 * 3600 + 1800 },   /* 2026-11-02 04:30 CET */
  };

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      double serial;

      ctx.tz = g_time_zone_new_identifier (times[i].tz);
      g_assert_nonnull (ctx.tz);
      serial = _rd_export_excel_time (&ctx, times[i].unix_time);
      g_assert_cmpint ((gint64) serial, ==, times[i].days);
      g_assert_cmpint ((gint64) ((serial - times[i].days) * 86400 + 0.5), ==, times[i].seconds);
      g_time_zone_unref (ctx.tz);
    }
}

static void
test_sheet_name (void)
{
  const struct { const char *name; guint number; const char *expected; } names[] = {
    { "明细", 1, "明细" },
    { "明细", 2, "明细 (2)" },
    { "a/b[c]:d*e?f\\g", 1, "a_b_c__d_e_f_g" },
    { "A very long sheet name that does not fit", 12, "A very long sheet name tha (12)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *name = _rd_export_sheet_name (names[i].name, names[i].number);
      g_assert_cmpstr (name, ==, names[i].expected);
      g_assert_cmpint (g_utf8_strlen (name, -1), <=, 31);
    }
}

/* The command line, as a cron job runs it. */
static int
run_cli (const char * const *args,
         const char         *locale,
         const char         *cwd,
         char              **out)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(RdTestRun) run = { 0 };

  g_ptr_array_add (argv, (gpointer) refund_desk);
  g_ptr_array_add (argv, (gpointer) "export");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  rd_test_run_command (&run, (const char * const *) argv->pdata, locale, locale, cwd, NULL);
  g_test_message ("stderr: %s", run.err);
  *out = g_steal_pointer (&run.out);
  return run.status;
}

static void
test_cli (Fixture       *fx,
          gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *expected = g_build_filename (fx->dir, "Refunds-2026-10.xlsx", NULL);
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (run_cli ((const char *[]) { "--db", fx->db, "--month", "2026-10", NULL },
                            "C.UTF-8", fx->dir, &out), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpstr (lines[0], ==, expected);
  g_assert_cmpstr (lines[1], ==, "CNY: 3 cases, amount paid 100000000123.54, refund amount 100000000123.45");
  g_assert_cmpstr (lines[2], ==, "USD: 1 cases, amount paid 9.99, refund amount 5.00");
  run_checker ((const char *[]) { "check", expected, fx->db, "--year", "2026", "--month", "10", NULL });

  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli ((const char *[]) { "--db", fx->db, "--month", "2026-13", NULL },
                            "C.UTF-8", fx->dir, &out), ==, 2);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli ((const char *[]) { "--db", fx->db, NULL }, "C.UTF-8", fx->dir, &out), ==, 2);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli ((const char *[]) { "--db", fx->db, "--month", "2026-10", "--basis", "x", NULL },
                            "C.UTF-8", fx->dir, &out), ==, 2);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli ((const char *[]) { "--db", "/nonexistent.db", "--month", "2026-10", NULL },
                            "C.UTF-8", fx->dir, &out), ==, 1);
}

static void
test_cli_chinese (Fixture       *fx,
                  gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *path = g_build_filename (fx->dir, "zh.xlsx", NULL);

  if (setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
    {
      g_test_skip ("zh_CN.UTF-8 is not installed");
      return;
    }
  setlocale (LC_ALL, "");

  g_assert_cmpint (run_cli ((const char *[]) { "--db", fx->db, "--month", "2026-10",
                                               "--basis", "requested", "--output", path, NULL },
                            "zh_CN.UTF-8", fx->dir, &out), ==, 0);
  g_assert_nonnull (strstr (out, "CNY"));
  run_checker ((const char *[]) { "check", path, fx->db, "--year", "2026", "--month", "10",
                                  "--basis", "requested",
                                  "--sheet-names", "明细,汇总,报表,拦截,理赔,说明",
                                  "--text", "张三", "--text", "钱七", NULL });
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (argc >= 4)
    {
      /* Absolute: the command line runs in the test's folder. */
      refund_desk = g_canonicalize_filename (argv[1], NULL);
      python = argv[2];
      checker = argv[3];
    }
  else if (!g_test_subprocess ())
    {
      g_printerr ("usage: test-export [TEST OPTIONS] REFUND-DESK PYTHON3 CHECK-WORKBOOK\n");
      return 2;
    }

#define ADD(path, func) \
  g_test_add ("/rd/export/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("paid-month", test_paid_month);
  ADD ("requested-month", test_requested_month);
  ADD ("empty-month", test_empty_month);
  ADD ("more-rows-than-a-sheet", test_more_rows_than_a_sheet);
  ADD ("same-cells-in-another-locale", test_locale);
  ADD ("cancel-leaves-no-file", test_cancel);
  ADD ("cancel-keeps-existing-file", test_cancel_keeps_existing);
  ADD ("unwritable-folder", test_unwritable_folder);
  ADD ("disk-full", test_disk_full);
  ADD ("newer-ledger", test_newer_ledger);
  ADD ("stale-temp-files", test_stale_temp_files);
  ADD ("cli", test_cli);
  ADD ("cli-chinese", test_cli_chinese);
#undef ADD
  g_test_add_func ("/rd/export/old-ledger", test_old_ledger);
  g_test_add_func ("/rd/export/excel-time", test_excel_time);
  g_test_add_func ("/rd/export/sheet-name", test_sheet_name);

  return g_test_run ();
}
