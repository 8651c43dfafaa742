/* test-store-migrate.c
 *
 * A ledger written by the previous schema version (tests/fixtures/ledger-v14.sql:
 * ledger-v11.sql — the version-10 fixture migrated to version 11 by the store, then
 * a claim filed on case 3's intercept and that case's refund paid at version
 * 11 — opened once at each of versions 12, 13 and 14 in turn; the
 * intermediate dumps were removed once no test read them) opens in
 * this build: migrated forward to the latest version with a backup first,
 * every case and audit entry kept and the chain verifying, the ledger's
 * indexes with their currency column consistent with the data (the totals
 * per currency), and what the earlier versions brought still working (the
 * operators of version 9, the search of version 10, the rows in the chain of
 * version 11). Version 12's indexes: a month's export reads the paid cases
 * and the claims of the month through them (their plans are held by
 * test-export-plans), and the migrated ledger's workbook has the month's
 * rows. Version 13's buyer-name grams and running totals are filled for
 * every case and equal what they are derived from. Version 14's import
 * tables are there, empty, and in the audit chain. Version 15's order
 * counts table is there, empty, and a count set in it is audited. When a version is appended, dump a fixture at the version before it
 * and point this test at it.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "rd-audit.h"
#include "rd-case.h"
#include "rd-case-store.h"
#include "rd-export.h"
#include "rd-ledger-query.h"
#include "rd-operators.h"
#include "rd-store.h"
#include "rd-test-ledger.h"

#define FIXTURE         "ledger-v14.sql"
#define FIXTURE_VERSION 14
#define N_CASES         8

static char *
dump_cases (sqlite3 *db)
{
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                   "SELECT id, case_no, channel, order_no, ifnull (after_sales_no, ''),"
                   "       ifnull (buyer_name, ''), kind, reason, amount_paid, requested_at,"
                   "       status, ifnull (return_tracking, ''), currency, ifnull (exchange_rate, ''),"
                   "       ifnull (approved_amount, '')"
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

static RdLedgerResult *
run_filter (const char           *path,
            const RdLedgerFilter *filter)
{
  g_autoptr(GError) error = NULL;
  RdLedgerResult *result;
  sqlite3 *db = rd_ledger_query_open (path, &error);

  g_assert_no_error (error);
  result = rd_ledger_query_run (db, filter, NULL, &error);
  g_assert_no_error (error);
  sqlite3_close (db);
  return result;
}

static void
assert_total (GArray     *totals,
              guint       index,
              const char *currency,
              guint       count,
              gint64      paid,
              gint64      approved)
{
  const RdLedgerTotal *total;

  g_assert_cmpuint (index, <, totals->len);
  total = &g_array_index (totals, RdLedgerTotal, index);
  g_assert_cmpstr (total->currency, ==, currency);
  g_assert_cmpuint (total->count, ==, count);
  g_assert_cmpint (total->paid, ==, paid);
  g_assert_cmpint (total->approved, ==, approved);
}

/* The ledger's six covering indexes end with the currency (version 8), the
 * columns before it as they were. */
static void
assert_ledger_indexes (sqlite3 *db)
{
  static const struct {
    const char *name;
    const char *columns;
  } indexes[] = {
    { "cases_ledger", "requested_at,amount_paid,approved_amount,currency" },
    { "cases_amount_ledger", "amount_paid,requested_at,approved_amount,currency" },
    { "cases_status_ledger", "status,requested_at,amount_paid,approved_amount,kind,channel,reason,currency" },
    { "cases_kind_ledger", "kind,requested_at,amount_paid,approved_amount,status,channel,reason,currency" },
    { "cases_channel_ledger", "channel,requested_at,amount_paid,approved_amount,status,kind,reason,currency" },
    { "cases_reason_ledger", "reason,requested_at,amount_paid,approved_amount,status,kind,channel,currency" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (indexes); i++)
    {
      g_autoptr(GString) columns = g_string_new (NULL);
      sqlite3_stmt *stmt;

      g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM pragma_index_info (?) ORDER BY seqno",
                                           -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, indexes[i].name, -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_string_append_printf (columns, "%s%s", columns->len > 0 ? "," : "",
                                (const char *) sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
      g_assert_cmpstr (columns->str, ==, indexes[i].columns);
    }
}

/* Version 12: the indexes a month's export reads the paid cases and the
 * claims of the month by (their plans: test-export-plans). */
static void
assert_export_indexes (sqlite3 *db)
{
  g_assert_cmpint (rd_test_raw_int (db, "SELECT count(*) FROM pragma_index_info ('cases_paid_at')"), ==, 1);
  g_assert_cmpint (rd_test_raw_int (db, "SELECT count(*) FROM pragma_index_info ('cases_paid_at')"
                                        " WHERE seqno = 0 AND name = 'paid_at'"), ==, 1);
  g_assert_cmpint (rd_test_raw_int (db, "SELECT count(*) FROM pragma_index_list ('cases')"
                                        " WHERE name = 'cases_paid_at' AND partial = 1"), ==, 1);
  g_assert_cmpint (rd_test_raw_int (db, "SELECT count(*) FROM pragma_index_info ('claims_filed')"), ==, 1);
  g_assert_cmpint (rd_test_raw_int (db, "SELECT count(*) FROM pragma_index_info ('claims_filed')"
                                        " WHERE seqno = 0 AND name = 'filed_at'"), ==, 1);
  /* The index holds the paid cases, and only them: case 3, paid at
   * version 11. */
  g_assert_cmpint (rd_test_raw_int (db, "SELECT count(*) FROM cases INDEXED BY cases_paid_at"
                                        " WHERE paid_at IS NOT NULL"), ==, 1);
  g_assert_cmpint (rd_test_raw_int (db, "SELECT id FROM cases INDEXED BY cases_paid_at"
                                        " WHERE paid_at >= 1796083200 AND paid_at < 1798761600"), ==, 3);
  g_assert_cmpint (rd_test_raw_int (db, "SELECT intercept_id FROM claims INDEXED BY claims_filed"
                                        " WHERE filed_at >= 1793491200 AND filed_at < 1796083200"), ==, 1);
}

/* Version 13: the buyer names' grams and the running totals, filled for
 * every case, equal to what they are derived from. */
static void
assert_names_and_totals (sqlite3 *db)
{
  /* Each case with a name has its grams (every two characters of the
   * lowered name, and its last character), and no case has any other. */
  g_assert_cmpint (rd_test_raw_int (db, "SELECT count(*) FROM case_name_grams"), >, N_CASES);
  g_assert_cmpint (rd_test_raw_int (db,
    "WITH RECURSIVE p (id, name, n) AS ("
    "  SELECT id, lower (buyer_name), 1 FROM cases WHERE buyer_name <> ''"
    "  UNION ALL SELECT id, name, n + 1 FROM p WHERE n < length (name)),"
    " want AS (SELECT DISTINCT substr (name, n, 2) AS gram, id FROM p)"
    " SELECT (SELECT count(*) FROM (SELECT gram, id FROM want EXCEPT SELECT gram, id FROM case_name_grams))"
    "      + (SELECT count(*) FROM (SELECT gram, id FROM case_name_grams EXCEPT SELECT gram, id FROM want))"), ==, 0);
  /* The totals: a row per UTC month and filter columns, equal to the
   * cases' own count and sums. */
  g_assert_cmpint (rd_test_raw_int (db,
    "WITH direct AS (SELECT unixepoch (requested_at, 'unixepoch', 'start of month') AS month, status, kind,"
    "  channel, reason, currency, count(*) AS n, sum (amount_paid) AS paid,"
    "  coalesce (sum (approved_amount), 0) AS approved FROM cases GROUP BY 1, 2, 3, 4, 5, 6)"
    " SELECT (SELECT count(*) FROM (SELECT * FROM direct EXCEPT SELECT * FROM case_totals))"
    "      + (SELECT count(*) FROM (SELECT * FROM case_totals EXCEPT SELECT * FROM direct))"), ==, 0);
  g_assert_cmpint (rd_test_raw_int (db, "SELECT sum (n) FROM case_totals"), ==, N_CASES);
}

/* The migrated ledger's workbooks: 2026-12 on the paid basis holds case 3,
 * paid then; 2026-11 holds the claim filed then and no paid case. */
static void
assert_migrated_export (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *out = g_build_filename (dir, "Refunds.xlsx", NULL);
  const struct {
    int    month;
    gint64 cases;
    gint64 claims;
  } months[] = { { 11, 0, 1 }, { 12, 1, 0 } };

  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    {
      g_autoptr(GError) error = NULL;
      RdExportTotals totals = { 0 };
      RdExportOptions opts = { .year = 2026, .month = months[i].month, .basis = RD_EXPORT_BASIS_PAID,
                               .output_path = out };
      const RdExportCurrencyTotals *cny;

      g_assert_true (rd_export_month (path, &opts, NULL, NULL, NULL, &totals, &error));
      g_assert_no_error (error);
      g_assert_cmpint (totals.n_cases, ==, months[i].cases);
      g_assert_cmpint (totals.n_claims, ==, months[i].claims);
      cny = rd_export_totals_lookup (&totals, "CNY");
      g_assert_nonnull (cny);
      g_assert_cmpint (cny->refund_amount, ==, months[i].cases * 45900);
      rd_export_totals_clear (&totals);
      g_unlink (out);
    }
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
  g_autoptr(RdLedgerFilter) filter = NULL;
  g_autoptr(RdLedgerResult) result = NULL;
  gint64 n_entries = 0, first_bad = 0, n_fixture_entries;
  sqlite3 *db;

  g_assert_cmpint (FIXTURE_VERSION, ==, rd_store_get_latest_version () - 1);

  rd_test_build_from_fixture (path, FIXTURE);
  db = rd_test_raw_open (path);
  g_assert_cmpint (rd_test_raw_int (db, "PRAGMA user_version"), ==, FIXTURE_VERSION);
  before = dump_cases (db);
  n_fixture_entries = rd_test_raw_int (db, "SELECT count(*) FROM audit_log");
  sqlite3_close (db);

  store = rd_store_open (path, RD_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rd_store_get_schema_version (store), ==, rd_store_get_latest_version ());

  /* A copy at the old version was made first. */
  g_assert_nonnull (rd_store_get_backup_path (store));
  backup_name = g_path_get_basename (rd_store_get_backup_path (store));
  g_assert_true (g_str_has_prefix (backup_name, "ledger.db.backup-v14-"));

  /* Every case kept, field for field; the counter and the audit chain agree. */
  db = rd_store_get_db (store);
  after = dump_cases (db);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (rd_store_count_cases (store, &error), ==, N_CASES);
  g_assert_cmpint (rd_test_raw_int (db, "SELECT n FROM case_count"), ==, N_CASES);
  g_assert_true (rd_audit_verify (store, &n_entries, &first_bad, &error));
  g_assert_no_error (error);
  /* Version 11: the entries of version 10 verify in the first encoding, those
   * written at version 11 in the second, every case is in the chain with its
   * row; versions 12 to 15 change no row and add no entry. */
  g_assert_cmpint (rd_test_raw_int (db, "SELECT format2_from FROM audit_head"), ==, N_CASES + 1);
  /* The rows of the cases: one each from version 11's migration, and three
   * more of case 3 (its claim's remedy, its payout, paid). */
  g_assert_cmpint (rd_test_raw_int (db, "SELECT count(*) FROM audit_log WHERE action = 'row' AND field = 'cases'"),
                   ==, N_CASES + 3);
  g_assert_cmpint (rd_test_raw_int (db, "SELECT count(*) FROM audit_log"), ==, n_fixture_entries);
  g_assert_cmpint (n_entries, ==, n_fixture_entries);
  assert_ledger_indexes (db);
  assert_export_indexes (db);
  assert_names_and_totals (db);
  /* Version 14: the import's tables and the key's unique index, empty. */
  g_assert_cmpint (rd_test_raw_int (db, "SELECT count(*) FROM sqlite_master WHERE name IN ('imports',"
                                        " 'case_platform', 'case_imports', 'import_profiles', 'case_platform_key')"), ==, 5);
  g_assert_cmpint (rd_test_raw_int (db, "SELECT (SELECT count(*) FROM imports) + (SELECT count(*) FROM case_platform)"
                                        " + (SELECT count(*) FROM case_imports) + (SELECT count(*) FROM import_profiles)"), ==, 0);
  /* Version 15: the shop's order counts, empty, in the audit chain. */
  g_assert_cmpint (rd_test_raw_int (db, "SELECT count(*) FROM order_counts"), ==, 0);
  assert_migrated_export (path);
  g_assert_true (rd_store_check_integrity (store, &error));
  g_assert_no_error (error);

  /* The search finds old cases by a long and by a short substring. */
  g_assert_cmpuint (search_count (path, "4829153"), ==, 1);
  g_assert_cmpuint (search_count (path, "小明"), ==, 1);
  g_assert_cmpuint (search_count (path, "YT748"), ==, 1);
  g_assert_cmpuint (search_count (path, "emily"), ==, 1);

  /* The footer's sums, per currency, from the new indexes: CNY first, then
   * by code; the whole ledger, and Taobao's cases alone. */
  filter = rd_ledger_filter_new ();
  result = run_filter (path, filter);
  g_assert_cmpuint (result->ids->len, ==, N_CASES);
  g_assert_cmpuint (result->totals->len, ==, 3);
  assert_total (result->totals, 0, "CNY", 5, 12850 + 3990 + 45900 + 8800 + 29900, 45900);
  assert_total (result->totals, 1, "JPY", 1, 5700, 0);
  assert_total (result->totals, 2, "USD", 2, 4599 + 2900, 4000);
  g_clear_pointer (&result, rd_ledger_result_free);

  filter->channel = g_strdup ("taobao");
  filter->sort = RD_LEDGER_SORT_AMOUNT;
  result = run_filter (path, filter);
  g_assert_cmpuint (result->ids->len, ==, 3);
  g_assert_cmpuint (result->totals->len, ==, 3);
  assert_total (result->totals, 0, "CNY", 1, 12850, 0);
  assert_total (result->totals, 1, "JPY", 1, 5700, 0);
  assert_total (result->totals, 2, "USD", 1, 4599, 4000);

  /* Version 9 started with no operators: the shop's names (the settings'
   * operators list of before) are imported, each without a PIN, audited;
   * the fixture's two were imported so at version 11, the third comes now. */
  g_assert_cmpint (rd_test_raw_int (db, "SELECT count(*) FROM operators"), ==, 2);
  {
    const char *const names[] = { "小王", "店长", "老张" };
    const RdRole roles[] = { RD_ROLE_CLERK, RD_ROLE_ADMIN, RD_ROLE_WAREHOUSE };
    g_autoptr(GPtrArray) people = NULL;
    gint64 n_chain = 0;

    g_assert_true (rd_operators_import (store, names, roles, G_N_ELEMENTS (names), &error));
    g_assert_no_error (error);
    /* Twice changes nothing. */
    g_assert_true (rd_operators_import (store, names, roles, G_N_ELEMENTS (names), &error));
    g_assert_no_error (error);
    people = rd_operators_list (store, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (people->len, ==, 3);
    for (guint i = 0; i < people->len; i++)
      g_assert_false (((RdOperator *) people->pdata[i])->has_pin);
    g_assert_true (rd_operators_has_admin (store, &error));
    g_assert_false (rd_operators_verify_pin (store, "小王", "1234", &error));
    g_assert_error (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_NO_PIN);
    g_clear_error (&error);
    g_assert_cmpint (rd_test_raw_int (db, "SELECT count(*) FROM audit_log WHERE case_id IS NULL OR case_id = 0"), >=, 3);
    g_assert_cmpint (rd_test_raw_int (db, "SELECT count(*) FROM audit_log WHERE action = 'import_operator'"), ==, 3);
    g_assert_true (rd_audit_verify (store, &n_chain, NULL, &error));
    g_assert_no_error (error);
    /* 老张 of the warehouse may not take requests in. */
    g_assert_false (rd_operators_check (store, "老张", RD_ACTION_TAKE_IN, &error));
    g_assert_error (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_NOT_ALLOWED);
    g_clear_error (&error);
  }

  /* And new cases follow on: a fresh number, the counter moves. */
  extra = rd_case_new ();
  extra->channel = g_strdup ("taobao");
  extra->order_no = g_strdup ("3712894456120398999");
  extra->kind = RD_REFUND_KIND_RETURN_REFUND;
  extra->reason = g_strdup ("quality_problem");
  extra->payment_method = RD_PAYMENT_METHOD_WECHAT_PAY;
  extra->amount_paid = 5000;
  extra->requested_at = 1762300000;
  extra->outbound_courier = g_strdup ("sf");
  extra->outbound_tracking = g_strdup ("SF1234567890");
  extra->proposed_by = g_strdup ("小王");
  g_assert_true (rd_case_store_insert (store, extra, "小王", &error));
  g_assert_no_error (error);

  /* Version 9: old cases without a proposer, only case 8 with an outbound
   * parcel (the fixture's), a new case keeps them. */
  g_assert_cmpint (rd_test_raw_int (db, "SELECT count(*) FROM cases WHERE id <= 8 AND proposed_by IS NOT NULL"), ==, 0);
  g_assert_cmpint (rd_test_raw_int (db, "SELECT count(*) FROM cases WHERE id <= 8 AND"
                                        " (outbound_courier IS NOT NULL OR outbound_tracking IS NOT NULL)"), ==, 1);
  g_assert_cmpint (rd_test_raw_int (db, "SELECT count(*) FROM cases WHERE id = 8 AND outbound_courier = 'sf'"
                                        " AND outbound_tracking = 'SF1428571428'"), ==, 1);
  {
    g_autoptr(RdCase) again = rd_case_store_get (store, extra->id, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (again->outbound_courier, ==, "sf");
    g_assert_cmpstr (again->outbound_tracking, ==, "SF1234567890");
    g_assert_cmpstr (again->proposed_by, ==, "小王");
  }
  g_assert_null (strstr (before, extra->case_no));
  g_assert_cmpint (rd_test_raw_int (db, "SELECT n FROM case_count"), ==, N_CASES + 1);

  /* Version 10: a case is found by the tracking number of its outbound
   * parcel (case 8, and the new case) and of its intercept (case 3, ZTO
   * 75319864209753), in any case of letters; a case with neither keeps the
   * search text it had. */
  g_assert_cmpuint (search_count (path, "sf1428571"), ==, 1);
  g_assert_cmpuint (search_count (path, "SF1234567890"), ==, 1);
  g_assert_cmpuint (search_count (path, "75319864209753"), ==, 1);
  g_assert_cmpuint (search_count (path, "753"), ==, 1);
  g_assert_cmpint (rd_test_raw_int (db, "SELECT count(*) FROM case_text WHERE id = 1 AND text ="
                                        " '3712894456120398551' || char (10) || 'as2026110100012' || char (10) ||"
                                        " char (10) || '王小明'"), ==, 1);
  /* The intercept's number corrected: found by the new one only. */
  g_assert_cmpint (sqlite3_exec (db, "UPDATE intercepts SET tracking_no = 'ZT0246813579' WHERE id = 1",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpuint (search_count (path, "75319864209753"), ==, 0);
  g_assert_cmpuint (search_count (path, "zt02468"), ==, 1);
  g_assert_true (rd_store_check_integrity (store, &error));
  g_assert_no_error (error);

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
