/* test-store-migrate.c
 *
 * A ledger written by the previous schema version (tests/fixtures/ledger-v6.sql,
 * made by the store's own code at version 6) opens in this build: migrated
 * forward to the latest version with a backup first, every case and audit
 * entry kept, and the new version's parts (the case counter, the indexes)
 * consistent with the data. When a version is appended, dump a fixture at
 * the version before it and point this test at it.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "rd-audit.h"
#include "rd-case.h"
#include "rd-case-store.h"
#include "rd-ledger-query.h"
#include "rd-store.h"
#include "rd-test-ledger.h"

#define FIXTURE         "ledger-v6.sql"
#define FIXTURE_VERSION 6

static char *
dump_cases (sqlite3 *db)
{
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                   "SELECT id, case_no, channel, order_no, ifnull (after_sales_no, ''),"
                   "       ifnull (buyer_name, ''), kind, reason, amount_paid, requested_at,"
                   "       status, ifnull (return_tracking, '')"
                   "  FROM cases ORDER BY id", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        g_string_append_printf (out, "%s|", (const char *) sqlite3_column_text (stmt, i));
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static guint
search_count (const char *path,
              const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdLedgerFilter) filter = rd_ledger_filter_new ();
  g_autoptr(RdLedgerResult) result = NULL;
  sqlite3 *db = rd_ledger_query_open (path, &error);
  guint n;

  g_assert_no_error (error);
  filter->text = g_strdup (text);
  result = rd_ledger_query_run (db, filter, NULL, &error);
  g_assert_no_error (error);
  n = result->ids->len;
  sqlite3_close (db);
  return n;
}

static void
test_migrate_from_previous (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "ledger.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *backup_name = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) extra = NULL;
  gint64 n_entries = 0, first_bad = 0;
  sqlite3 *db;

  g_assert_cmpint (FIXTURE_VERSION, ==, rd_store_get_latest_version () - 1);

  rd_test_build_from_fixture (path, FIXTURE);
  db = rd_test_raw_open (path);
  g_assert_cmpint (rd_test_raw_int (db, "PRAGMA user_version"), ==, FIXTURE_VERSION);
  before = dump_cases (db);
  sqlite3_close (db);

  store = rd_store_open (path, RD_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rd_store_get_schema_version (store), ==, rd_store_get_latest_version ());

  /* A copy at the old version was made first. */
  g_assert_nonnull (rd_store_get_backup_path (store));
  backup_name = g_path_get_basename (rd_store_get_backup_path (store));
  g_assert_true (g_str_has_prefix (backup_name, "ledger.db.backup-v6-"));

  /* Every case kept, field for field; the counter and the audit chain agree. */
  db = rd_store_get_db (store);
  after = dump_cases (db);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (rd_store_count_cases (store, &error), ==, 5);
  g_assert_cmpint (rd_test_raw_int (db, "SELECT n FROM case_count"), ==, 5);
  g_assert_true (rd_audit_verify (store, &n_entries, &first_bad, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_entries, ==, 5);
  g_assert_true (rd_store_check_integrity (store, &error));
  g_assert_no_error (error);

  /* The search finds old cases by a long and by a short substring. */
  g_assert_cmpuint (search_count (path, "4829153"), ==, 1);
  g_assert_cmpuint (search_count (path, "小明"), ==, 1);
  g_assert_cmpuint (search_count (path, "YT748"), ==, 1);

  /* And new cases follow on: a fresh number, the counter moves. */
  extra = rd_case_new ();
  extra->channel = g_strdup ("taobao");
  extra->order_no = g_strdup ("3712894456120398999");
  extra->kind = RD_REFUND_KIND_RETURN_REFUND;
  extra->reason = g_strdup ("quality_problem");
  extra->payment_method = RD_PAYMENT_METHOD_WECHAT_PAY;
  extra->amount_paid = 5000;
  extra->requested_at = 1762300000;
  g_assert_true (rd_case_store_insert (store, extra, "小王", &error));
  g_assert_no_error (error);
  g_assert_null (strstr (before, extra->case_no));
  g_assert_cmpint (rd_test_raw_int (db, "SELECT n FROM case_count"), ==, 6);

  g_clear_object (&store);
  rd_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/rd/store/migrate-from-previous-version", test_migrate_from_previous);
  return g_test_run ();
}
