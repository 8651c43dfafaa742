/* test-export-plans.c
 *
 * A month's export reads only the month: every read of the workbook
 * (rd-export-ledger.c, rd-export-register.c) is planned by SQLite as a
 * search of the index of its time column, in that index's order, never as
 * a scan of the table (EXPLAIN QUERY PLAN of the export's own SQL). On a
 * new ledger and on one migrated from version 11 (tests/fixtures/
 * ledger-v11.sql). A change that loses one of these indexes, or writes a
 * WHERE that SQLite cannot match with it, fails here; how fast the month is
 * goes in tests/bench/rd-bench-export.
 */
#include "config.h"

#include "rd-export-private.h"
#include "rd-store.h"
#include "rd-test-ledger.h"

typedef struct
{
  const char *what;
  char       *sql;
  const char *expected;      /* a line of the plan */
  gboolean    sorts_ties;    /* may sort the rows of one time by id */
} Read;

/* The plan as "SEARCH …" lines, one per loop. */
static char *
query_plan (sqlite3    *db,
            const char *sql)
{
  g_autofree char *explain = g_strdup_printf ("EXPLAIN QUERY PLAN %s", sql);
  g_autoptr(GString) plan = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, explain, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", (const char *) sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&plan), FALSE);
}

static void
assert_reads_use_indexes (const char *path)
{
  Read reads[] = {
    { "paid month", _rd_export_ledger_sql (RD_EXPORT_BASIS_PAID, FALSE, FALSE),
      "SEARCH cases USING INDEX cases_paid_at (paid_at>? AND paid_at<?)", FALSE },
    { "paid month count", _rd_export_ledger_sql (RD_EXPORT_BASIS_PAID, FALSE, TRUE),
      "SEARCH cases USING COVERING INDEX cases_paid_at (paid_at>? AND paid_at<?)", FALSE },
    { "paid, whole ledger", _rd_export_ledger_sql (RD_EXPORT_BASIS_PAID, TRUE, FALSE),
      "SEARCH cases USING INDEX cases_paid_at (paid_at>?)", FALSE },
    { "paid, whole ledger count", _rd_export_ledger_sql (RD_EXPORT_BASIS_PAID, TRUE, TRUE),
      "SEARCH cases USING COVERING INDEX cases_paid_at (paid_at>?)", FALSE },
    /* cases_ledger goes on with the amounts, not the id: the cases of one
     * second are sorted by id, those of the month never are. */
    { "requested month", _rd_export_ledger_sql (RD_EXPORT_BASIS_REQUESTED, FALSE, FALSE),
      "SEARCH cases USING INDEX cases_ledger (requested_at>? AND requested_at<?)", TRUE },
    { "requested month count", _rd_export_ledger_sql (RD_EXPORT_BASIS_REQUESTED, FALSE, TRUE),
      "SEARCH cases USING COVERING INDEX cases_ledger (requested_at>? AND requested_at<?)", FALSE },
    { "intercepts", g_strdup (_rd_export_intercepts_sql),
      "SEARCH i USING INDEX intercepts_created (created_at>? AND created_at<?)", FALSE },
    { "claims", g_strdup (_rd_export_claims_sql),
      "SEARCH cl USING INDEX claims_filed (filed_at>? AND filed_at<?)", FALSE },
  };
  sqlite3 *db = rd_test_raw_open (path);

  for (guint i = 0; i < G_N_ELEMENTS (reads); i++)
    {
      g_autofree char *plan = query_plan (db, reads[i].sql);
      g_auto(GStrv) lines = g_strsplit (plan, "\n", -1);

      g_test_message ("%s:\n%s", reads[i].what, plan);
      /* The first loop is the index of the time column … */
      g_assert_cmpstr (lines[0], ==, reads[i].expected);
      /* … and nothing reads a whole table or sorts the month. */
      for (guint l = 0; lines[l] != NULL; l++)
        {
          g_assert_false (g_str_has_prefix (lines[l], "SCAN"));
          if (strstr (lines[l], "TEMP B-TREE") != NULL)
            {
              g_assert_true (reads[i].sorts_ties);
              g_assert_cmpstr (lines[l], ==, "USE TEMP B-TREE FOR RIGHT PART OF ORDER BY");
            }
        }
      g_free (reads[i].sql);
    }
  sqlite3_close (db);
}

static void
test_new_ledger (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "ledger.db", NULL);
  g_autoptr(GError) error = NULL;
  RdStore *store = rd_store_open (path, RD_STORE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  g_object_unref (store);
  assert_reads_use_indexes (path);
  rd_test_remove_tree (dir);
}

static void
test_migrated_ledger (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "ledger.db", NULL);
  g_autoptr(GError) error = NULL;
  RdStore *store;

  rd_test_build_from_fixture (path, "ledger-v11.sql");
  store = rd_store_open (path, RD_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rd_store_get_schema_version (store), ==, rd_store_get_latest_version ());
  g_object_unref (store);
  assert_reads_use_indexes (path);
  rd_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/rd/export-plans/new-ledger", test_new_ledger);
  g_test_add_func ("/rd/export-plans/migrated-ledger", test_migrated_ledger);
  return g_test_run ();
}
