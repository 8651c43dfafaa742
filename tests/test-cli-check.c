/* test-cli-check.c
 *
 * `refund-desk check --db FILE`, run as a user runs it: the built executable
 * (its path is the first argument after the test options), its exit status,
 * what it prints, and that it never changes the file.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <unistd.h>

#include "rd-store.h"
#include "rd-test-cli.h"
#include "rd-test-ledger.h"

static const char *refund_desk;

/* Runs `refund-desk check --db db_path`, after `prefix` (a command that
 * runs another, or NULL). */
static void
run_check_with (const char * const *prefix,
                const char         *db_path,
                const char         *locale,
                RdTestRun          *run)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  for (guint i = 0; prefix != NULL && prefix[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) prefix[i]);
  g_ptr_array_add (argv, (gpointer) refund_desk);
  g_ptr_array_add (argv, (gpointer) "check");
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, (gpointer) db_path);
  g_ptr_array_add (argv, NULL);

  rd_test_run_command (run, (const char * const *) argv->pdata, locale, locale, NULL, NULL);
}

static void
run_check (const char *db_path,
           const char *locale,
           RdTestRun  *run)
{
  run_check_with (NULL, db_path, locale, run);
}

static void
test_new_ledger (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "ledger.db", NULL);
  g_autofree char *version_line = NULL;
  g_autofree char *ledger_line = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  RdTestFingerprint before = { 0 };
  RdTestRun run = { 0 };

  store = rd_store_open (path, RD_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  rd_test_insert_case (rd_store_get_db (store), "RF-2026-000001", "七天无理由退货", 12900, 1767225600);
  rd_test_insert_case (rd_store_get_db (store), "RF-2026-000002", "商品破损", 4550, 1767225700);
  rd_test_insert_case (rd_store_get_db (store), "RF-2026-000003", "发错货", 8800, 1767225800);
  g_clear_object (&store);
  rd_test_fingerprint (path, &before);

  run_check (path, "C", &run);
  g_assert_cmpint (run.status, ==, 0);
  version_line = g_strdup_printf ("Schema version: %d\n", rd_store_get_latest_version ());
  ledger_line = g_strdup_printf ("Ledger: %s\n", path);
  g_assert_nonnull (strstr (run.out, ledger_line));
  g_assert_nonnull (strstr (run.out, version_line));
  g_assert_nonnull (strstr (run.out, "Cases: 3\n"));
  g_assert_nonnull (strstr (run.out, "Integrity: ok\n"));
  g_assert_cmpstr (run.err, ==, "");
  rd_test_run_clear (&run);

  rd_test_assert_unchanged (path, &before);
  rd_test_fingerprint_clear (&before);
  rd_test_remove_tree (dir);
}

/* Stored JSON the window would refuse (written behind its back) is named,
 * with its case or form, and check fails; the file is not changed. */
static void
test_unreadable_json (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "ledger.db", NULL);
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(RdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  RdTestFingerprint before = { 0 };
  RdTestRun run = { 0 };
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');

  store = rd_store_open (path, RD_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  db = rd_store_get_db (store);
  rd_test_insert_case (db, "RF-2026-000001", "七天无理由退货", 12900, 1767225600);
  rd_test_insert_case (db, "RF-2026-000002", "商品破损", 4550, 1767225700);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE cases SET breakdown = ?1 WHERE case_no = 'RF-2026-000002'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, deep->str, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  rd_test_raw_exec (db, "INSERT INTO drafts (form, json, updated_at)"
                        " VALUES ('intake', '{\"amount\":\"1\",\"amount\":\"2\"}', 1)");
  g_clear_object (&store);
  rd_test_fingerprint (path, &before);

  run_check (path, "C.UTF-8", &run);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==,
                   "refund-desk check: Case RF-2026-000002: the stored breakdown cannot be read: "
                   "Not valid JSON: nested more than 64 levels deep\n"
                   "refund-desk check: The unsaved form “intake” cannot be read: "
                   "Not valid JSON: the key “amount” appears more than once\n");
  rd_test_run_clear (&run);

  rd_test_assert_unchanged (path, &before);
  rd_test_fingerprint_clear (&before);
  rd_test_remove_tree (dir);
}

static void
test_older_ledger (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "ledger.db", NULL);
  RdTestFingerprint before = { 0 };
  g_autoptr(GDir) listing = NULL;
  RdTestRun run = { 0 };

  /* check reads an older ledger as it is: no migration, no backup. */
  rd_test_build_from_fixture (path, "ledger-v1.sql");
  rd_test_fingerprint (path, &before);

  run_check (path, "C", &run);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Schema version: 1\n"));
  g_assert_nonnull (strstr (run.out, "Cases: 7\n"));
  g_assert_nonnull (strstr (run.out, "updated"));
  rd_test_run_clear (&run);

  rd_test_assert_unchanged (path, &before);
  listing = g_dir_open (dir, 0, NULL);
  g_assert_cmpstr (g_dir_read_name (listing), ==, "ledger.db");
  g_assert_null (g_dir_read_name (listing));

  rd_test_fingerprint_clear (&before);
  rd_test_remove_tree (dir);
}

/* A ledger the user may read but whose folder they may not write (a
 * colleague's folder, a read-only share): SQLite cannot create the WAL's
 * -shm file there, and check must still read it. Root may write anywhere,
 * so this runs check as the unprivileged user "nobody". */
static void
test_read_only_folder (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *shm = NULL;
  g_autofree char *setpriv = g_find_program_in_path ("setpriv");
  const char *as_nobody[] = { "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", NULL };
  g_autoptr(RdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  RdTestFingerprint before = { 0 };
  RdTestRun run = { 0 };

  if (getuid () != 0 || setpriv == NULL)
    {
      g_test_skip ("needs root and setpriv to run check as another user");
      return;
    }

  dir = rd_test_make_tmp_dir ();
  path = g_build_filename (dir, "ledger.db", NULL);
  shm = g_build_filename (dir, "ledger.db-shm", NULL);
  store = rd_store_open (path, RD_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  rd_test_insert_case (rd_store_get_db (store), "RF-2026-000001", "七天无理由退货", 12900, 1767225600);
  rd_test_insert_case (rd_store_get_db (store), "RF-2026-000002", "商品破损", 4550, 1767225700);
  g_clear_object (&store);
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  rd_test_fingerprint (path, &before);

  run_check_with (as_nobody, path, "C", &run);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Cases: 2\n"));
  rd_test_run_clear (&run);

  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  rd_test_assert_unchanged (path, &before);
  rd_test_fingerprint_clear (&before);
  rd_test_remove_tree (dir);
}

static void
test_text_file (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "ledger.db", NULL);
  g_autoptr(GError) error = NULL;
  RdTestFingerprint before = { 0 };
  RdTestRun run = { 0 };

  g_file_set_contents (path, "订单号,退款金额\n3871204459120,129.00\n", -1, &error);
  g_assert_no_error (error);
  rd_test_fingerprint (path, &before);

  run_check (path, "C", &run);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, path));
  g_assert_nonnull (strstr (run.err, "is not a Refund Desk ledger"));
  rd_test_run_clear (&run);

  /* A Chinese desktop gets the message in Chinese. */
  if (setlocale (LC_ALL, "zh_CN.UTF-8") != NULL)
    {
      setlocale (LC_ALL, "C");
      run_check (path, "zh_CN.UTF-8", &run);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_nonnull (strstr (run.err, path));
      g_assert_nonnull (strstr (run.err, "台账"));
      rd_test_run_clear (&run);
    }

  rd_test_assert_unchanged (path, &before);
  rd_test_fingerprint_clear (&before);
  rd_test_remove_tree (dir);
}

static void
test_missing (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "ledger.db", NULL);
  RdTestRun run = { 0 };

  run_check (path, "C", &run);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, path));
  g_assert_nonnull (strstr (run.err, "There is no ledger"));
  rd_test_run_clear (&run);

  /* check never creates a ledger. */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  rd_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (argc < 2)
    {
      g_printerr ("usage: %s [TEST OPTIONS] PATH-TO-refund-desk\n", argv[0]);
      return 2;
    }
  refund_desk = argv[1];

  g_test_add_func ("/rd/cli/check/new-ledger", test_new_ledger);
  g_test_add_func ("/rd/cli/check/older-ledger", test_older_ledger);
  g_test_add_func ("/rd/cli/check/unreadable-json", test_unreadable_json);
  g_test_add_func ("/rd/cli/check/read-only-folder", test_read_only_folder);
  g_test_add_func ("/rd/cli/check/text-file", test_text_file);
  g_test_add_func ("/rd/cli/check/missing", test_missing);

  return g_test_run ();
}
