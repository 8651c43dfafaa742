/* test-cli-backup.c
 *
 * `refund-desk backup` and `refund-desk restore`, run as a user runs them:
 * the built executable (its path is the first argument after the test
 * options), what it prints and its exit status; the restored ledger is
 * checked with `refund-desk verify`.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "rd-audit.h"
#include "rd-store.h"
#include "rd-test-cli.h"
#include "rd-test-ledger.h"

static const char *refund_desk;

static void
run (RdTestRun   *result,
     const char  *locale,
     const char  *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  va_list args;

  g_ptr_array_add (argv, (gpointer) refund_desk);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  rd_test_run_command (result, (const char * const *) argv->pdata, locale, locale, NULL, NULL);
}

static void
add_cases (const char *path,
           guint       first,
           guint       n)
{
  g_autoptr(RdStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = rd_store_open (path, RD_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  for (guint i = first; i < first + n; i++)
    {
      g_autofree char *case_no = g_strdup_printf ("RF-2026-%06u", i);

      rd_test_insert_case (rd_store_get_db (store), case_no, "商品破损", 100 * i, 1767225600 + i);
      g_assert_true (rd_store_begin (store, &error));
      g_assert_true (rd_audit_record (store, 0, "小王", "create", "case_no", NULL, case_no, &error));
      g_assert_true (rd_store_commit (store, &error));
    }
}

/* Takes "Backup: PATH" out of backup's output. */
static char *
backup_path_of (const char *out)
{
  const char *line = strstr (out, "Backup: ");
  const char *end;

  g_assert_nonnull (line);
  line += strlen ("Backup: ");
  end = strchr (line, '\n');
  return g_strndup (line, end - line);
}

/* "ok, N entries\n" for the ledger at path, as verify says it. */
static char *
verify_ok_of (const char *path)
{
  sqlite3 *db = rd_test_raw_open (path);
  char *ok = g_strdup_printf ("ok, %" G_GINT64_FORMAT " entries\n",
                              rd_test_raw_int (db, "SELECT count(*) FROM audit_log"));

  sqlite3_close (db);
  return ok;
}

static void
test_round_trip (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "ledger.db", NULL);
  g_autofree char *folder = g_build_filename (dir, "elsewhere", NULL);
  g_autofree char *backup = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *restored_line = NULL;
  RdTestRun r = { 0 };

  add_cases (path, 1, 3);

  run (&r, "C.UTF-8", "backup", "--db", path, folder, NULL);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  backup = backup_path_of (r.out);
  g_assert_true (g_str_has_prefix (backup, folder));
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
  g_assert_nonnull (strstr (r.out, "Cases: 3\n"));
  {
    sqlite3 *db = rd_test_raw_open (path);
    g_autofree char *head = g_strdup_printf ("Audit log head: entry %" G_GINT64_FORMAT ", ",
                                             rd_test_raw_int (db, "SELECT last_id FROM audit_head"));

    sqlite3_close (db);
    g_assert_nonnull (strstr (r.out, head));
  }
  g_assert_nonnull (strstr (r.out, "Checked: integrity ok, audit log ok\n"));

  add_cases (path, 4, 2);

  run (&r, "C.UTF-8", "restore", backup, "--db", path, NULL);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  restored_line = g_strdup_printf ("Restored %s from %s\n", path, backup);
  g_assert_nonnull (strstr (r.out, restored_line));
  {
    const char *kept_line = strstr (r.out, "The ledger as it was before is kept in ");

    g_assert_nonnull (kept_line);
    kept_line += strlen ("The ledger as it was before is kept in ");
    kept = g_strndup (kept_line, strchr (kept_line, '\n') - kept_line);
  }

  run (&r, "C.UTF-8", "verify", "--db", path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  {
    g_autofree char *ok = verify_ok_of (path);

    g_assert_cmpstr (r.out, ==, ok);
  }
  run (&r, "C.UTF-8", "check", "--db", path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Cases: 3\n"));

  /* The ledger before the restore, with its five cases, is kept. */
  run (&r, "C.UTF-8", "verify", "--db", kept, NULL);
  g_assert_cmpint (r.status, ==, 0);
  {
    g_autofree char *ok = verify_ok_of (kept);

    g_assert_cmpstr (r.out, ==, ok);
  }

  rd_test_run_clear (&r);
  rd_test_remove_tree (dir);
}

/* Without a folder: "backups" next to the ledger. A backup edited behind
 * the app's back is refused and the ledger left as it is. */
static void
test_default_folder_and_bad_backup (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "ledger.db", NULL);
  g_autofree char *folder = g_build_filename (dir, "backups", NULL);
  g_autofree char *backup = NULL;
  RdTestFingerprint before = { 0 };
  RdTestRun r = { 0 };
  sqlite3 *db;

  add_cases (path, 1, 2);
  run (&r, "C.UTF-8", "backup", "--db", path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  backup = backup_path_of (r.out);
  g_assert_true (g_str_has_prefix (backup, folder));

  db = rd_test_raw_open (backup);
  rd_test_raw_exec (db, "DELETE FROM audit_log WHERE id = 2");
  sqlite3_close (db);

  rd_test_fingerprint (path, &before);
  run (&r, "C.UTF-8", "restore", backup, "--db", path, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_true (g_str_has_prefix (r.err, "refund-desk restore: The backup "));
  g_assert_nonnull (strstr (r.err, "was not restored"));
  rd_test_assert_unchanged (path, &before);
  rd_test_fingerprint_clear (&before);

  if (setlocale (LC_ALL, "zh_CN.UTF-8") != NULL)
    {
      setlocale (LC_ALL, "C");
      run (&r, "zh_CN.UTF-8", "restore", backup, "--db", path, NULL);
      g_assert_cmpint (r.status, ==, 1);
      g_assert_nonnull (strstr (r.err, "备份"));
    }

  run (&r, "C.UTF-8", "restore", "--db", path, NULL);
  g_assert_cmpint (r.status, ==, 2);

  rd_test_run_clear (&r);
  rd_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_assert_cmpint (argc, ==, 2);
  refund_desk = argv[1];

  g_test_add_func ("/rd/cli-backup/round-trip", test_round_trip);
  g_test_add_func ("/rd/cli-backup/default-folder-and-bad-backup", test_default_folder_and_bad_backup);

  return g_test_run ();
}
