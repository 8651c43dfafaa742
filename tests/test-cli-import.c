/* test-cli-import.c
 *
 * `refund-desk import FILE… --db FILE [--channel …] [--dry-run]
 * [--skip-errors]`, run as a user runs it: a file with a bad row is refused
 * (exit 1, the row, column and reason printed, nothing imported); with
 * --skip-errors the other rows go in (exit 0, the counts printed); the same
 * file again changes nothing; --dry-run changes nothing; `verify` passes
 * after the imports; bad usage exits 2; the counts in Chinese.
 * Argument after the test options: the refund-desk executable.
 */
#include "config.h"

#include <locale.h>

#include "rd-operators.h"
#include "rd-store.h"
#include "rd-test-cli.h"
#include "rd-test-ledger.h"

#define HEADER "退款编号,订单编号,买家会员名称,售后类型,是否需要退货,退款状态,买家退款原因,买家实际支付金额," \
               "买家退款金额,退款的申请时间\n"
#define ROW(key, order, paid) key "," order ",tb_buyer,仅退款,否,买家已经申请退款，等待卖家同意,拍错/多拍," \
                              paid "," paid ",2026-11-03 14:05:09\n"

static const char *refund_desk;

static void
run_import (const char * const *args,
            const char         *lang,
            RdTestRun          *run)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) refund_desk);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  rd_test_run_command (run, (const char * const *) argv->pdata, lang != NULL ? "C.UTF-8" : "C.UTF-8",
                       lang != NULL ? lang : "C", NULL, NULL);
}

static gint64
count_cases (const char *path)
{
  sqlite3 *db = rd_test_raw_open (path);
  gint64 n = rd_test_raw_int (db, "SELECT count(*) FROM cases");

  sqlite3_close (db);
  return n;
}

static void
test_import (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *db = g_build_filename (dir, "ledger.db", NULL);
  g_autofree char *file = g_build_filename (dir, "taobao-1201.csv", NULL);
  g_autofree char *second = g_build_filename (dir, "taobao-1202.csv", NULL);
  g_autoptr(RdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  RdTestRun run = { 0 };

  store = rd_store_open (db, RD_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  rd_test_add_operator (store, g_get_user_name (), RD_ROLE_ADMIN);
  g_clear_object (&store);

  g_assert_true (g_file_set_contents (file, HEADER
                                      ROW ("AS1", "4100000000000000001", "58.50")
                                      ROW ("AS2", "4100000000000000002", "20.00")
                                      ROW ("AS3", "4100000000000000003", "5x.00")
                                      ROW ("AS4", "4100000000000000004", "12.00"), -1, &error));

  /* Refused: row 4's amount, named with its column. */
  run_import ((const char *[]) { "import", "--db", db, file, NULL }, NULL, &run);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.out, "row 4, column “买家实际支付金额”"));
  g_assert_nonnull (strstr (run.err, "Nothing was imported"));
  g_assert_cmpint (count_cases (db), ==, 0);

  /* A preview changes nothing. */
  run_import ((const char *[]) { "import", "--dry-run", "--skip-errors", "--db", db, file, NULL }, NULL, &run);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "taobao-1201.csv (preview): 3 new, 0 updated, 0 unchanged, 1 with errors\n"));
  g_assert_cmpint (count_cases (db), ==, 0);

  run_import ((const char *[]) { "import", "--skip-errors", "--channel", "taobao", "--db", db, file, NULL },
              NULL, &run);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "taobao-1201.csv: 3 new, 0 updated, 0 unchanged, 1 with errors\n"));
  g_assert_cmpint (count_cases (db), ==, 3);

  /* Again: nothing new. Two files, each its own. */
  g_assert_true (g_file_set_contents (second, HEADER ROW ("AS9", "4100000000000000009", "9.90"), -1, &error));
  run_import ((const char *[]) { "import", "--skip-errors", "--db", db, file, second, NULL }, NULL, &run);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "taobao-1201.csv: 0 new, 0 updated, 3 unchanged, 1 with errors\n"));
  g_assert_nonnull (strstr (run.out, "taobao-1202.csv: 1 new, 0 updated, 0 unchanged, 0 with errors\n"));
  g_assert_cmpint (count_cases (db), ==, 4);

  /* In Chinese. */
  run_import ((const char *[]) { "import", "--db", db, second, NULL }, "zh_CN", &run);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "taobao-1202.csv：新建 0，更新 0，未变 1，出错 0\n"));

  /* The audit chain holds every row the imports wrote. */
  run_import ((const char *[]) { "verify", "--db", db, NULL }, NULL, &run);
  g_assert_cmpint (run.status, ==, 0);

  /* A file of another platform's columns: refused, named. */
  run_import ((const char *[]) { "import", "--channel", "pdd", "--db", db, second, NULL }, NULL, &run);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, "taobao-1202.csv: "));

  rd_test_run_clear (&run);
  rd_test_remove_tree (dir);
}

static void
test_usage (void)
{
  RdTestRun run = { 0 };

  run_import ((const char *[]) { "import", NULL }, NULL, &run);
  g_assert_cmpint (run.status, ==, 2);
  run_import ((const char *[]) { "import", "--channel", "ebay", "x.csv", NULL }, NULL, &run);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "taobao"));
  run_import ((const char *[]) { "import", "--channel", "generic", "x.csv", NULL }, NULL, &run);
  g_assert_cmpint (run.status, ==, 2);
  rd_test_run_clear (&run);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, ==, 2);
  refund_desk = argv[1];

  g_test_add_func ("/rd/cli-import/import", test_import);
  g_test_add_func ("/rd/cli-import/usage", test_usage);
  return g_test_run ();
}
