/* test-store.c
 *
 * The ledger file: created, reopened, migrated from an older version with a
 * backup, and refused — without a byte changed — when it is not a ledger,
 * damaged, locked, read-only or newer than this build.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "rd-store.h"
#include "rd-store-private.h"
#include "rd-test-ledger.h"

static void
on_async_result (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static char *data_home;

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return value;
}

/* case_no, reason, amount_paid and requested_at of every case, one line each. */
static char *
dump_cases (sqlite3 *db)
{
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT id, case_no, channel, order_no, reason, currency,"
                                       " amount_paid, status, requested_at, created_at"
                                       " FROM cases ORDER BY id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        g_string_append_printf (out, "%s|", (const char *) sqlite3_column_text (stmt, i));
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);

  return g_string_free (out, FALSE);
}

static RdStore *
create_ledger (const char *path,
               guint       n_cases)
{
  g_autoptr(GError) error = NULL;
  RdStore *store;

  store = rd_store_open (path, RD_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  rd_store_begin (store, &error);
  g_assert_no_error (error);
  for (guint i = 1; i <= n_cases; i++)
    {
      g_autofree char *case_no = g_strdup_printf ("RF-2026-%06u", i);
      g_autofree char *reason = g_strdup_printf ("买家拒收，包裹第 %u 次退回仓库；外包装破损，需要核对商品是否完好后再退款。"
                                                 "Parcel %u came back damaged and must be inspected.", i, i);
      rd_test_insert_case (rd_store_get_db (store), case_no, reason, 1000 + i, 1767225600 + i);
    }
  rd_store_commit (store, &error);
  g_assert_no_error (error);

  return store;
}

static void
make_ledger (const char *path,
             guint       n_cases)
{
  RdStore *store = create_ledger (path, n_cases);
  g_object_unref (store);
}

static void
test_default_path (void)
{
  g_autofree char *path = rd_store_default_path ();
  g_autofree char *expected = g_build_filename (data_home, "refund-desk", "ledger.db", NULL);
  g_autofree char *folder = g_path_get_dirname (expected);
  g_autoptr(RdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_assert_cmpstr (path, ==, expected);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));

  /* Opening for writing creates the folder, private to the user. */
  store = rd_store_open (path, RD_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_true (S_ISDIR (st.st_mode));
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static void
test_create (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "shop", "2026", "ledger.db", NULL);
  g_autoptr(RdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *journal = NULL;
  g_autofree char *created_by = NULL;
  sqlite3 *db;
  int rc;

  store = rd_store_open (path, RD_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rd_store_get_path (store), ==, path);
  g_assert_cmpint (rd_store_get_schema_version (store), ==, rd_store_get_latest_version ());
  g_assert_cmpint (rd_store_get_latest_version (), >=, 2);
  g_assert_null (rd_store_get_backup_path (store));
  g_assert_false (rd_store_is_read_only (store));

  db = rd_store_get_db (store);
  journal = query_text (db, "PRAGMA journal_mode");
  g_assert_cmpstr (journal, ==, "wal");
  g_assert_cmpint (rd_test_raw_int (db, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (rd_test_raw_int (db, "PRAGMA synchronous"), ==, 2);  /* FULL */
  g_assert_cmpint (rd_test_raw_int (db, "PRAGMA user_version"), ==, rd_store_get_latest_version ());
  created_by = query_text (db, "SELECT value FROM meta WHERE key = 'created_by_version'");
  g_assert_cmpstr (created_by, ==, PACKAGE_VERSION);
  g_assert_cmpint (rd_test_raw_int (db, "SELECT count(*) FROM case_numbers"), ==, 0);
  g_assert_cmpint (rd_store_count_cases (store, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_true (rd_store_check_integrity (store, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GAsyncResult) result = NULL;

    rd_store_check_integrity_async (store, NULL, on_async_result, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_true (rd_store_check_integrity_finish (store, result, &error));
    g_assert_no_error (error);
  }

  /* STRICT: money is an integer, never text or a float; never negative. */
  rc = sqlite3_exec (db, "INSERT INTO cases (case_no, channel, order_no, kind, reason,"
                         " payment_method, amount_paid, status, requested_at, created_at)"
                         " VALUES ('RF-2026-000001', 'taobao', '1', 'refund_only', 'x',"
                         " 'alipay', '12.50', 'requested', 0, 0)", NULL, NULL, NULL);
  g_assert_cmpint (rc & 0xff, ==, SQLITE_CONSTRAINT);
  rc = sqlite3_exec (db, "INSERT INTO cases (case_no, channel, order_no, kind, reason,"
                         " payment_method, amount_paid, status, requested_at, created_at)"
                         " VALUES ('RF-2026-000001', 'taobao', '1', 'refund_only', 'x',"
                         " 'alipay', -1, 'requested', 0, 0)", NULL, NULL, NULL);
  g_assert_cmpint (rc & 0xff, ==, SQLITE_CONSTRAINT);

  /* Foreign keys are enforced on the store's connection. */
  g_assert_true (rd_store_exec (store,
                                "CREATE TABLE notes (id INTEGER PRIMARY KEY,"
                                " case_id INTEGER NOT NULL REFERENCES cases (id)) STRICT",
                                &error));
  g_assert_no_error (error);
  g_assert_false (rd_store_exec (store, "INSERT INTO notes VALUES (1, 42)", &error));
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_FAILED);
  g_clear_error (&error);

  /* … and check_integrity reports a reference that slipped past them. */
  g_assert_true (rd_store_exec (store,
                                "PRAGMA foreign_keys = OFF;"
                                "INSERT INTO notes VALUES (1, 42);"
                                "PRAGMA foreign_keys = ON;",
                                &error));
  g_assert_no_error (error);
  g_assert_false (rd_store_check_integrity (store, &error));
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "notes"));
  g_assert_nonnull (strstr (error->message, path));

  g_clear_object (&store);
  rd_test_remove_tree (dir);
}

static void
test_reopen (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "ledger.db", NULL);
  g_autoptr(RdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  store = create_ledger (path, 3);
  before = dump_cases (rd_store_get_db (store));
  g_clear_object (&store);

  store = rd_store_open (path, RD_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rd_store_get_schema_version (store), ==, rd_store_get_latest_version ());
  g_assert_cmpint (rd_store_count_cases (store, &error), ==, 3);
  g_assert_null (rd_store_get_backup_path (store));
  after = dump_cases (rd_store_get_db (store));
  g_assert_cmpstr (after, ==, before);
  g_assert_nonnull (strstr (after, "买家拒收"));

  g_clear_object (&store);
  rd_test_remove_tree (dir);
}

static void
test_migrate_from_v1 (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "ledger.db", NULL);
  g_autoptr(RdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cases_before = NULL;
  g_autofree char *cases_after = NULL;
  g_autofree char *created_by = NULL;
  g_autofree char *shop = NULL;
  g_autofree char *backup_name = NULL;
  g_autofree char *backup_cases = NULL;
  const char *backup;
  sqlite3 *db;

  rd_test_build_from_fixture (path, "ledger-v1.sql");
  db = rd_test_raw_open (path);
  g_assert_cmpint (rd_test_raw_int (db, "PRAGMA user_version"), ==, 1);
  cases_before = dump_cases (db);
  sqlite3_close (db);

  store = rd_store_open (path, RD_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rd_store_get_schema_version (store), ==, rd_store_get_latest_version ());

  /* Every case kept, to the byte. */
  db = rd_store_get_db (store);
  g_assert_cmpint (rd_store_count_cases (store, &error), ==, 7);
  cases_after = dump_cases (db);
  g_assert_cmpstr (cases_after, ==, cases_before);
  g_assert_nonnull (strstr (cases_after, "商品破损（物流）"));
  created_by = query_text (db, "SELECT value FROM meta WHERE key = 'created_by_version'");
  g_assert_cmpstr (created_by, ==, "0.1.0");
  shop = query_text (db, "SELECT value FROM meta WHERE key = 'shop_name'");
  g_assert_cmpstr (shop, ==, "小鹿家居旗舰店");

  /* Version 2: the counter starts after the highest RF number of each year. */
  g_assert_cmpint (rd_test_raw_int (db, "SELECT count(*) FROM case_numbers"), ==, 2);
  g_assert_cmpint (rd_test_raw_int (db, "SELECT last FROM case_numbers WHERE year = 2025"), ==, 12);
  g_assert_cmpint (rd_test_raw_int (db, "SELECT last FROM case_numbers WHERE year = 2026"), ==, 2);
  g_assert_cmpint (rd_test_raw_int (db, "SELECT count(*) FROM pragma_index_info ('cases_ledger')"
                                        " WHERE name = 'requested_at'"), ==, 1);
  /* Version 7: the search index rebuilt without column sizes, and it
   * finds the cases that were there before. */
  g_assert_cmpint (rd_test_raw_int (db, "SELECT count(*) FROM sqlite_master WHERE name = 'case_fts_docsize'"), ==, 0);
  g_assert_cmpint (rd_test_raw_int (db, "SELECT count(*) FROM sqlite_master WHERE name = 'case_fts'"
                                        " AND sql LIKE '%columnsize = 0%'"), ==, 1);
  g_assert_cmpint (rd_test_raw_int (db, "SELECT rowid FROM case_fts WHERE text GLOB '*251130-0928*'"), ==, 2);
  g_assert_cmpint (rd_test_raw_int (db, "SELECT count(*) FROM case_fts WHERE text GLOB '*dy58812*'"), ==, 1);
  g_assert_true (rd_store_check_integrity (store, &error));
  g_assert_no_error (error);

  /* Now a WAL ledger like any other. */
  {
    g_autofree char *journal = query_text (db, "PRAGMA journal_mode");
    g_assert_cmpstr (journal, ==, "wal");
  }

  /* The copy made first: version 1, every case. */
  backup = rd_store_get_backup_path (store);
  g_assert_nonnull (backup);
  backup_name = g_path_get_basename (backup);
  g_assert_true (g_regex_match_simple ("^ledger\\.db\\.backup-v1-[0-9]{14}$", backup_name, 0, 0));
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
  {
    g_autofree char *backup_dir = g_path_get_dirname (backup);
    g_assert_cmpstr (backup_dir, ==, dir);
  }
  db = rd_test_raw_open (backup);
  g_assert_cmpint (rd_test_raw_int (db, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (rd_test_raw_int (db, "SELECT count(*) FROM sqlite_master WHERE name = 'case_numbers'"), ==, 0);
  backup_cases = dump_cases (db);
  g_assert_cmpstr (backup_cases, ==, cases_before);
  sqlite3_close (db);

  /* Opened again: nothing left to migrate, no second copy. */
  g_clear_object (&store);
  store = rd_store_open (path, RD_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_null (rd_store_get_backup_path (store));

  g_clear_object (&store);
  rd_test_remove_tree (dir);
}

static void
test_read_only_older (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "ledger.db", NULL);
  RdTestFingerprint before = { 0 };
  g_autoptr(RdStore) store = NULL;
  g_autoptr(GError) error = NULL;

  rd_test_build_from_fixture (path, "ledger-v1.sql");
  rd_test_fingerprint (path, &before);

  store = rd_store_open (path, RD_STORE_OPEN_EXISTING | RD_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rd_store_get_schema_version (store), ==, 1);
  g_assert_true (rd_store_is_read_only (store));
  g_assert_null (rd_store_get_backup_path (store));
  g_assert_cmpint (rd_store_count_cases (store, &error), ==, 7);
  g_assert_true (rd_store_check_integrity (store, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  rd_test_assert_unchanged (path, &before);
  rd_test_fingerprint_clear (&before);
  rd_test_remove_tree (dir);
}

static void
test_too_new (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "ledger.db", NULL);
  g_autofree char *newer = g_strdup_printf ("%d", rd_store_get_latest_version () + 1);
  g_autofree char *ours = g_strdup_printf ("%d", rd_store_get_latest_version ());
  g_autofree char *set_version = NULL;
  RdTestFingerprint before = { 0 };
  RdStoreOpenFlags flags[] = { RD_STORE_OPEN_DEFAULT, RD_STORE_OPEN_EXISTING | RD_STORE_OPEN_READ_ONLY };
  sqlite3 *db;

  make_ledger (path, 2);
  db = rd_test_raw_open (path);
  set_version = g_strdup_printf ("PRAGMA user_version = %d", rd_store_get_latest_version () + 1);
  rd_test_raw_exec (db, set_version);
  sqlite3_close (db);
  rd_test_fingerprint (path, &before);

  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RdStore) store = NULL;

      store = rd_store_open (path, flags[i], &error);
      g_assert_null (store);
      g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_TOO_NEW);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_nonnull (strstr (error->message, newer));
      g_assert_nonnull (strstr (error->message, ours));
      g_assert_nonnull (strstr (error->message, "Update Refund Desk"));
    }

  rd_test_assert_unchanged (path, &before);
  rd_test_fingerprint_clear (&before);
  rd_test_remove_tree (dir);
}

static void
test_not_a_database (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "ledger.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new ("订单号,退款金额,原因\n");
  RdTestFingerprint before = { 0 };
  RdStoreOpenFlags flags[] = { RD_STORE_OPEN_DEFAULT, RD_STORE_OPEN_EXISTING, RD_STORE_OPEN_READ_ONLY };
  g_autoptr(GDir) listing = NULL;

  /* A spreadsheet export renamed .db, several pages long. */
  for (guint i = 0; i < 300; i++)
    g_string_append_printf (text, "3871204459%03u,129.00,七天无理由退货\n", i);
  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);
  rd_test_fingerprint (path, &before);

  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    {
      g_autoptr(RdStore) store = rd_store_open (path, flags[i], &error);

      g_assert_null (store);
      g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_A_DATABASE);
      g_assert_nonnull (strstr (error->message, path));
      g_clear_error (&error);
    }

  rd_test_assert_unchanged (path, &before);

  /* No journal or WAL file was left beside it either. */
  listing = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_dir_read_name (listing), ==, "ledger.db");
  g_assert_null (g_dir_read_name (listing));

  rd_test_fingerprint_clear (&before);
  rd_test_remove_tree (dir);
}

static void
test_other_program (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "contacts.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  RdTestFingerprint before = { 0 };
  sqlite3 *db;

  /* A real SQLite file, but not ours: it must not become a ledger. */
  db = rd_test_raw_open (path);
  rd_test_raw_exec (db, "CREATE TABLE contacts (name TEXT, phone TEXT);"
                        "INSERT INTO contacts VALUES ('王小二', '13800000000');");
  sqlite3_close (db);
  rd_test_fingerprint (path, &before);

  store = rd_store_open (path, RD_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_A_DATABASE);

  rd_test_assert_unchanged (path, &before);
  rd_test_fingerprint_clear (&before);
  rd_test_remove_tree (dir);
}

static void
test_corrupt (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "ledger.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261122);
  RdTestFingerprint before = { 0 };
  RdStoreOpenFlags flags[] = { RD_STORE_OPEN_DEFAULT, RD_STORE_OPEN_EXISTING | RD_STORE_OPEN_READ_ONLY };
  gsize length;
  gsize page_size = 4096;
  gsize n_pages;

  make_ledger (path, 400);

  /* Garbage over two pages in the middle of the file, as a failing disk
   * or an interrupted copy leaves it. */
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  n_pages = length / page_size;
  g_assert_cmpuint (n_pages, >=, 10);
  for (gsize i = (n_pages / 2) * page_size; i < (n_pages / 2 + 2) * page_size; i++)
    contents[i] = (char) g_rand_int_range (rand, 0, 256);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  rd_test_fingerprint (path, &before);

  /* Opening reads the header, the schema and the small tables only (a
   * full check takes seconds on a large ledger): the damaged cases are
   * found by the integrity check, on the store's thread or a worker's. */
  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    {
      g_autoptr(GAsyncResult) result = NULL;

      store = rd_store_open (path, flags[i], &error);
      g_assert_no_error (error);
      g_assert_nonnull (store);

      g_assert_false (rd_store_check_integrity (store, &error));
      g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_CORRUPT);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_nonnull (strstr (error->message, "backup"));
      g_clear_error (&error);

      rd_store_check_integrity_async (store, NULL, on_async_result, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
      g_assert_false (rd_store_check_integrity_finish (store, result, &error));
      g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_CORRUPT);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_nonnull (strstr (error->message, "backup"));
      g_clear_error (&error);

      g_clear_object (&store);
    }

  rd_test_assert_unchanged (path, &before);
  rd_test_fingerprint_clear (&before);
  rd_test_remove_tree (dir);
}

static void
test_read_only_file (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "ledger.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  RdTestFingerprint before = { 0 };

  make_ledger (path, 2);
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  rd_test_fingerprint (path, &before);

  store = rd_store_open (path, RD_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  /* Reading it is still fine. */
  store = rd_store_open (path, RD_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rd_store_count_cases (store, &error), ==, 2);
  g_assert_false (rd_store_exec (store, "DELETE FROM cases", &error));
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_READ_ONLY);
  g_clear_object (&store);

  rd_test_assert_unchanged (path, &before);
  rd_test_fingerprint_clear (&before);
  rd_test_remove_tree (dir);
}

static void
test_read_only_folder (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *folder = g_build_filename (dir, "shared", NULL);
  g_autofree char *path = g_build_filename (folder, "ledger.db", NULL);
  g_autofree char *new_path = g_build_filename (folder, "new.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  RdTestFingerprint before = { 0 };

  make_ledger (path, 1);
  rd_test_fingerprint (path, &before);
  g_assert_cmpint (g_chmod (folder, 0555), ==, 0);

  store = rd_store_open (path, RD_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  store = rd_store_open (new_path, RD_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (g_file_test (new_path, G_FILE_TEST_EXISTS));

  g_assert_cmpint (g_chmod (folder, 0700), ==, 0);
  rd_test_assert_unchanged (path, &before);
  rd_test_fingerprint_clear (&before);
  rd_test_remove_tree (dir);
}

static void
assert_open_locked (const char *path)
{
  RdStoreOpenFlags flags[] = { RD_STORE_OPEN_DEFAULT, RD_STORE_OPEN_EXISTING | RD_STORE_OPEN_READ_ONLY };

  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RdStore) store = rd_store_open (path, flags[i], &error);

      g_assert_null (store);
      g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_LOCKED);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_nonnull (strstr (error->message, "another program"));
    }
}

static void
test_locked (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *wal_path = g_build_filename (dir, "ledger.db", NULL);
  g_autofree char *old_path = g_build_filename (dir, "old.db", NULL);
  RdTestFingerprint wal_before = { 0 };
  RdTestFingerprint old_before = { 0 };
  sqlite3 *other;

  g_setenv ("REFUND_DESK_BUSY_TIMEOUT_MS", "50", TRUE);

  /* A WAL ledger held by a program in exclusive locking mode. */
  make_ledger (wal_path, 2);
  rd_test_fingerprint (wal_path, &wal_before);
  other = rd_test_raw_open (wal_path);
  rd_test_raw_exec (other, "PRAGMA locking_mode = EXCLUSIVE;"
                           "BEGIN EXCLUSIVE;"
                           "DELETE FROM cases;");
  assert_open_locked (wal_path);
  rd_test_raw_exec (other, "ROLLBACK;");
  sqlite3_close (other);
  rd_test_assert_unchanged (wal_path, &wal_before);

  /* An older ledger (rollback journal) in the middle of another program's
   * write: also no migration behind its back. */
  rd_test_build_from_fixture (old_path, "ledger-v1.sql");
  rd_test_fingerprint (old_path, &old_before);
  other = rd_test_raw_open (old_path);
  rd_test_raw_exec (other, "BEGIN EXCLUSIVE;"
                           "UPDATE cases SET status = 'closed';");
  assert_open_locked (old_path);
  rd_test_raw_exec (other, "ROLLBACK;");
  sqlite3_close (other);
  rd_test_assert_unchanged (old_path, &old_before);

  g_unsetenv ("REFUND_DESK_BUSY_TIMEOUT_MS");
  rd_test_fingerprint_clear (&wal_before);
  rd_test_fingerprint_clear (&old_before);
  rd_test_remove_tree (dir);
}

static void
test_not_found (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "missing", "ledger.db", NULL);
  g_autofree char *folder = g_path_get_dirname (path);
  RdStoreOpenFlags flags[] = { RD_STORE_OPEN_EXISTING, RD_STORE_OPEN_READ_ONLY,
                               RD_STORE_OPEN_EXISTING | RD_STORE_OPEN_READ_ONLY };

  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RdStore) store = rd_store_open (path, flags[i], &error);

      g_assert_null (store);
      g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_FOUND);
      g_assert_nonnull (strstr (error->message, path));
    }

  /* Nothing was created on the way. */
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  rd_test_remove_tree (dir);
}

static void
test_read_only_wal (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "ledger.db", NULL);
  g_autofree char *wal = g_build_filename (dir, "ledger.db-wal", NULL);
  g_autoptr(RdStore) writer = NULL;
  g_autoptr(RdStore) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *journal = NULL;
  RdTestFingerprint before = { 0 };

  /* Closed cleanly: the WAL was checkpointed and removed. */
  make_ledger (path, 2);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  rd_test_fingerprint (path, &before);

  reader = rd_store_open (path, RD_STORE_OPEN_EXISTING | RD_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  journal = query_text (rd_store_get_db (reader), "PRAGMA journal_mode");
  g_assert_cmpstr (journal, ==, "wal");
  g_assert_cmpint (rd_store_get_schema_version (reader), ==, rd_store_get_latest_version ());
  g_assert_cmpint (rd_store_count_cases (reader, &error), ==, 2);
  g_assert_false (rd_store_begin (reader, &error));
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (rd_store_exec (reader, "DELETE FROM cases", &error));
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_clear_object (&reader);
  rd_test_assert_unchanged (path, &before);

  /* The window is open and has written: the new cases are still in the
   * WAL, and a read-only open (refund-desk check) sees them. */
  writer = rd_store_open (path, RD_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  rd_store_begin (writer, &error);
  g_assert_no_error (error);
  rd_test_insert_case (rd_store_get_db (writer), "RF-2026-000100", "补发", 500, 1767225600);
  rd_test_insert_case (rd_store_get_db (writer), "RF-2026-000101", "补发", 600, 1767225601);
  rd_store_commit (writer, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  reader = rd_store_open (path, RD_STORE_OPEN_EXISTING | RD_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rd_store_count_cases (reader, &error), ==, 4);
  g_assert_true (rd_store_check_integrity (reader, &error));
  g_assert_no_error (error);

  g_clear_object (&reader);
  g_clear_object (&writer);
  rd_test_fingerprint_clear (&before);
  rd_test_remove_tree (dir);
}

static void
test_failed_migration (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "ledger.db", NULL);
  g_autofree char *v1 = g_strdup (_rd_store_schema_get_migration (1));
  RdTestFingerprint before = { 0 };
  struct {
    const char *v2;
    const char *reason;
  } failures[] = {
    { "CREATE TABLE case_numbers (year INTEGER PRIMARY KEY, last INTEGER NOT NULL) STRICT;"
      "INSERT INTO case_numbers VALUES (2026, 2);"
      "INSERT INTO no_such_table VALUES (1);",
      "no_such_table" },
    /* Runs, but leaves a reference to a case that does not exist. */
    { "CREATE TABLE payouts (id INTEGER PRIMARY KEY,"
      " case_id INTEGER NOT NULL REFERENCES cases (id)) STRICT;"
      "INSERT INTO payouts VALUES (1, 9999);",
      "payouts" },
  };

  rd_test_build_from_fixture (path, "ledger-v1.sql");
  rd_test_fingerprint (path, &before);

  for (guint i = 0; i < G_N_ELEMENTS (failures); i++)
    {
      const char *migrations[] = { v1, failures[i].v2 };
      g_autoptr(GError) error = NULL;
      g_autoptr(RdStore) store = NULL;
      sqlite3 *db;

      _rd_store_schema_override_for_testing (migrations, G_N_ELEMENTS (migrations));
      store = rd_store_open (path, RD_STORE_OPEN_DEFAULT, &error);
      _rd_store_schema_override_for_testing (NULL, 0);

      g_assert_null (store);
      g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_FAILED);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_nonnull (strstr (error->message, failures[i].reason));
      g_assert_nonnull (strstr (error->message, "left at version 1"));

      /* The file is as it was: version 1, no half-made table. */
      rd_test_assert_unchanged (path, &before);
      db = rd_test_raw_open (path);
      g_assert_cmpint (rd_test_raw_int (db, "PRAGMA user_version"), ==, 1);
      g_assert_cmpint (rd_test_raw_int (db, "SELECT count(*) FROM sqlite_master"
                                            " WHERE name IN ('case_numbers', 'payouts')"), ==, 0);
      g_assert_cmpint (rd_test_raw_int (db, "SELECT count(*) FROM cases"), ==, 7);
      sqlite3_close (db);
    }

  /* With the real migrations it opens. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RdStore) store = rd_store_open (path, RD_STORE_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    g_assert_cmpint (rd_store_get_schema_version (store), ==, rd_store_get_latest_version ());
  }

  rd_test_fingerprint_clear (&before);
  rd_test_remove_tree (dir);
}

/* With the store's debug messages shown (G_MESSAGES_DEBUG=RefundDesk-store),
 * a maintainer sees the open and each statement slower than 100 ms with its
 * SQL as written, never the values bound to it. */
static void
test_debug_log (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "ledger.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_log_set_debug_enabled (TRUE);

  g_test_expect_message ("RefundDesk-store", G_LOG_LEVEL_DEBUG, "Migrating * from version 0 to 1");
  g_test_expect_message ("RefundDesk-store", G_LOG_LEVEL_DEBUG, "Migrated * to version 1 in * ms");
  store = rd_store_open (path, RD_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_test_assert_expected_messages ();

  /* A statement of about a second: counted to three million. */
  stmt = rd_store_prepare (store,
                           "WITH RECURSIVE n (x) AS (SELECT ?1 UNION ALL SELECT x + 1 FROM n"
                           " WHERE x < 3000000) SELECT count (*) FROM n", &error);
  g_assert_no_error (error);
  sqlite3_bind_int (stmt, 1, 424242);
  g_test_expect_message ("RefundDesk-store", G_LOG_LEVEL_DEBUG,
                         "Slow statement, * ms on *ledger.db: WITH RECURSIVE n (x) AS (SELECT ?1 UNION*");
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_reset (stmt);
  g_test_assert_expected_messages ();

  g_log_set_debug_enabled (FALSE);
  g_clear_object (&store);
  rd_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Before anything asks GLib for the data folder. */
  data_home = rd_test_make_tmp_dir ();
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_unsetenv ("REFUND_DESK_BUSY_TIMEOUT_MS");

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rd/store/default-path", test_default_path);
  g_test_add_func ("/rd/store/create", test_create);
  g_test_add_func ("/rd/store/reopen", test_reopen);
  g_test_add_func ("/rd/store/migrate-from-v1", test_migrate_from_v1);
  g_test_add_func ("/rd/store/read-only-older", test_read_only_older);
  g_test_add_func ("/rd/store/refuse/too-new", test_too_new);
  g_test_add_func ("/rd/store/refuse/not-a-database", test_not_a_database);
  g_test_add_func ("/rd/store/refuse/other-program", test_other_program);
  g_test_add_func ("/rd/store/refuse/corrupt", test_corrupt);
  g_test_add_func ("/rd/store/refuse/read-only-file", test_read_only_file);
  g_test_add_func ("/rd/store/refuse/read-only-folder", test_read_only_folder);
  g_test_add_func ("/rd/store/refuse/locked", test_locked);
  g_test_add_func ("/rd/store/refuse/not-found", test_not_found);
  g_test_add_func ("/rd/store/read-only-wal", test_read_only_wal);
  g_test_add_func ("/rd/store/failed-migration", test_failed_migration);
  g_test_add_func ("/rd/store/debug-log", test_debug_log);

  status = g_test_run ();

  rd_test_remove_tree (data_home);
  g_free (data_home);

  return status;
}
