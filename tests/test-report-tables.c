/* test-report-tables.c
 *
 * The report's derived tables of schema version 15 (report_totals,
 * case_decisions, report_not_recovered; rd-store-schema-report.c) equal a
 * recomputation from the cases, the audit log and the intercepts
 * (rd_store_report_tables_check) after every kind of write: inserts,
 * approvals and refusals in the audit log, updates of every column they
 * read, intercepts registered, settled and removed, a case deleted, a bulk
 * insert with approvals among its entries, and the migration of a
 * version-14 ledger. The check itself sees a row changed behind its back.
 * And the report's figures over those tables are the ones a walk of the
 * cases gives (spot checks of the sets they hold).
 */
#include "config.h"

#include <string.h>

#include "rd-audit.h"
#include "rd-case-bulk.h"
#include "rd-case-store.h"
#include "rd-report.h"
#include "rd-test-ledger.h"

#define OCT_1 G_GINT64_CONSTANT (1790812800)   /* 2026-10-01 00:00 UTC */
#define HOUR  3600
#define DAY   86400

static void
assert_tables_match (RdStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *difference = NULL;

  gboolean ok = rd_store_report_tables_check (store, &difference, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpstr (difference, ==, NULL);
}

static gint64
raw_int (RdStore    *store,
         const char *sql)
{
  return rd_test_raw_int (rd_store_get_db (store), sql);
}

static RdCase *
make_case (guint i)
{
  static const char *channels[] = { "taobao", "jd", "pinduoduo" };
  static const char *reasons[] = { "quality_problem", "changed_mind", "wrong_item", "not_received" };
  static const char *currencies[] = { "CNY", "USD", "JPY" };
  static const RdRefundKind kinds[] = {
    RD_REFUND_KIND_REFUND_ONLY_SHIPPED, RD_REFUND_KIND_RETURN_REFUND, RD_REFUND_KIND_REFUND_ONLY_UNSHIPPED,
  };
  RdCase *c = rd_case_new ();

  c->channel = g_strdup (channels[i % G_N_ELEMENTS (channels)]);
  c->order_no = g_strdup_printf ("order-%u", i);
  c->kind = kinds[i % G_N_ELEMENTS (kinds)];
  c->reason = g_strdup (reasons[i % G_N_ELEMENTS (reasons)]);
  c->payment_method = i % 2 ? RD_PAYMENT_METHOD_ALIPAY : RD_PAYMENT_METHOD_WECHAT_PAY;
  g_free (c->currency);
  c->currency = g_strdup (currencies[i % G_N_ELEMENTS (currencies)]);
  c->amount_paid = 1000 + 37 * i;
  c->approved_amount = i % 4 == 3 ? -1 : (gint64) (900 + 11 * i);
  c->requested_at = OCT_1 + i * 7 * HOUR + 123;
  c->created_at = c->requested_at;
  c->platform_deadline = i % 3 == 0 ? 0 : c->requested_at + 2 * HOUR;
  c->paid_at = (i % 2 == 0 && c->approved_amount >= 0) ? c->requested_at + DAY : 0;
  c->status = c->paid_at != 0 ? RD_CASE_STATUS_PAID
              : c->approved_amount >= 0 ? RD_CASE_STATUS_APPROVED : RD_CASE_STATUS_REQUESTED;
  if (i % 5 == 0 && c->approved_amount >= 0)
    c->resolution = RD_RESOLUTION_REFUND_WITHOUT_RETURN;
  else if (i % 7 == 0 && c->approved_amount >= 0)
    c->resolution = RD_RESOLUTION_COMPENSATION;
  return c;
}

static void
record (RdStore    *store,
        gint64      case_id,
        gint64      at,
        const char *action)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rd_store_begin (store, &error));
  g_assert_true (rd_audit_record_at (store, case_id, at, "tester", action, "status", "requested",
                                     action, &error));
  g_assert_no_error (error);
  g_assert_true (rd_store_commit (store, &error));
  g_assert_no_error (error);
}

static void
exec (RdStore    *store,
      const char *sql)
{
  g_autoptr(GError) error = NULL;

  gboolean ok = rd_store_exec (store, sql, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
}

static void
test_writes (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "ledger.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = rd_store_open (path, RD_STORE_OPEN_DEFAULT, &error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *difference = NULL;
  g_autofree char *sql = NULL;
  gint64 id0, id1, id2;

  g_assert_no_error (error);
  g_assert_cmpint (rd_store_get_schema_version (store), >=, 15);
  rd_test_add_operators (store);

  /* Inserts. */
  for (guint i = 0; i < 40; i++)
    {
      g_autoptr(RdCase) c = make_case (i);

      rd_case_store_insert (store, c, "tester", &error);
      g_assert_no_error (error);
      g_array_append_val (ids, c->id);
    }
  assert_tables_match (store);
  g_assert_cmpint (raw_int (store, "SELECT sum (n) FROM report_totals WHERE dim = 'kind'"), ==, 40);
  g_assert_cmpint (raw_int (store, "SELECT sum (n) FROM report_totals WHERE dim = 'no_return'"), >, 0);
  g_assert_cmpint (raw_int (store, "SELECT sum (n) FROM report_totals WHERE dim = 'compensation'"), >, 0);
  g_assert_cmpint (raw_int (store, "SELECT sum (n) FROM report_totals WHERE dim = 'open_undecided'"), >, 0);
  id0 = g_array_index (ids, gint64, 1);   /* deadline 2 h after its request */
  id1 = g_array_index (ids, gint64, 2);
  id2 = g_array_index (ids, gint64, 4);   /* paid, approved */

  /* Approvals and refusals: the first of each counts; late ones. */
  record (store, id0, OCT_1 + 7 * HOUR + 123 + 3 * HOUR, "approve");   /* after its deadline */
  record (store, id0, OCT_1 + 7 * HOUR + 123 + HOUR, "approve");       /* an earlier one: first */
  record (store, id1, OCT_1 + 14 * HOUR + 123 + 5 * HOUR, "approve");  /* late */
  record (store, g_array_index (ids, gint64, 3), OCT_1 + 21 * HOUR + 123 + 9 * HOUR, "refuse");
  assert_tables_match (store);
  sql = g_strdup_printf ("SELECT approved_at FROM case_decisions WHERE id = %" G_GINT64_FORMAT, id0);
  g_assert_cmpint (raw_int (store, sql), ==, OCT_1 + 7 * HOUR + 123 + HOUR);
  g_assert_cmpint (raw_int (store, "SELECT sum (n) FROM report_totals WHERE dim = 'late'"), ==, 1);

  /* Updates of what the tables read. */
  {
    g_autoptr(RdCase) c = rd_case_store_get (store, id1, &error);

    g_assert_no_error (error);
    g_free (c->reason);
    c->reason = g_strdup ("wrong_item");
    g_free (c->channel);
    c->channel = g_strdup ("douyin");
    c->requested_at += 3 * DAY + 1800;
    c->platform_deadline = c->requested_at + 30 * DAY;   /* no longer late */
    c->approved_amount = 10;
    g_assert_true (rd_case_store_update (store, c, "tester", &error));
    g_assert_no_error (error);
  }
  {
    g_autoptr(RdCase) c = rd_case_store_get (store, g_array_index (ids, gint64, 10), &error);

    g_assert_no_error (error);
    c->resolution = RD_RESOLUTION_REFUSED;
    c->status = RD_CASE_STATUS_REFUSED;
    g_assert_true (rd_case_store_update (store, c, "tester", &error));
    g_assert_no_error (error);
  }
  assert_tables_match (store);
  g_assert_cmpint (raw_int (store, "SELECT sum (n) FROM report_totals WHERE dim = 'late'"), ==, 0);

  /* Intercepts: failed → not recovered; back in the warehouse → recovered. */
  sql = (g_free (sql), g_strdup_printf (
    "INSERT INTO intercepts (courier, tracking_no, case_id, amount, status, created_at, updated_at, operator)"
    " VALUES ('sf', 'SF100', %" G_GINT64_FORMAT ", 100, 'failed', 1, 1, 'tester')", id2));
  exec (store, sql);
  assert_tables_match (store);
  g_assert_cmpint (raw_int (store, "SELECT count(*) FROM report_not_recovered"), ==, 1);
  exec (store, "UPDATE intercepts SET status = 'back_in_warehouse' WHERE tracking_no = 'SF100'");
  assert_tables_match (store);
  g_assert_cmpint (raw_int (store, "SELECT count(*) FROM report_not_recovered"), ==, 0);
  exec (store, "UPDATE intercepts SET status = 'claim' WHERE tracking_no = 'SF100'");
  g_assert_cmpint (raw_int (store, "SELECT count(*) FROM report_not_recovered"), ==, 1);
  exec (store, "DELETE FROM intercepts WHERE tracking_no = 'SF100'");
  assert_tables_match (store);
  g_assert_cmpint (raw_int (store, "SELECT count(*) FROM report_not_recovered"), ==, 0);

  /* A case deleted (the app deletes none: its audit entries refer to it;
   * the triggers still keep the tables right). */
  exec (store, "PRAGMA foreign_keys = OFF");
  sql = (g_free (sql), g_strdup_printf ("DELETE FROM cases WHERE id = %" G_GINT64_FORMAT, id0));
  exec (store, sql);
  exec (store, "PRAGMA foreign_keys = ON");
  assert_tables_match (store);
  g_assert_cmpint (raw_int (store, "SELECT sum (n) FROM report_totals WHERE dim = 'kind'"), ==, 39);

  /* The check sees a row changed behind its back. */
  exec (store, "UPDATE report_totals SET paid = paid + 1 WHERE (dim, hour, value, currency) ="
              " (SELECT dim, hour, value, currency FROM report_totals LIMIT 1)");
  g_assert_true (rd_store_report_tables_check (store, &difference, &error));
  g_assert_no_error (error);
  g_assert_nonnull (difference);
  g_assert_nonnull (strstr (difference, "report_totals"));
}

/* Entries of the bulk's own: an approval for every third case. */
static gboolean
approve_some (RdStore    *store,
              RdCase    **cases,
              guint       n,
              GPtrArray  *entries,
              gpointer    user_data,
              GError    **error)
{
  for (guint i = 0; i < n; i += 3)
    {
      RdAuditEntry *entry = g_new0 (RdAuditEntry, 1);

      entry->case_id = cases[i]->id;
      entry->action = g_strdup ("approve");
      entry->field = g_strdup ("status");
      entry->old_value = g_strdup ("requested");
      entry->new_value = g_strdup ("approved");
      g_ptr_array_add (entries, entry);
    }
  return TRUE;
}

static void
test_bulk (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "ledger.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = rd_store_open (path, RD_STORE_OPEN_DEFAULT, &error);
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_case_free);
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_case_free);
  RdCaseBulk *bulk;

  g_assert_no_error (error);
  rd_test_add_operators (store);
  /* Cases already there, by the ordinary path. */
  for (guint i = 0; i < 10; i++)
    g_ptr_array_add (first, make_case (100 + i));
  g_assert_true (rd_case_store_insert_many (store, (RdCase **) first->pdata, first->len, "tester", &error));
  g_assert_no_error (error);

  for (guint i = 0; i < 120; i++)
    g_ptr_array_add (cases, make_case (i));
  bulk = rd_case_bulk_begin (store, "tester", &error);
  g_assert_no_error (error);
  g_assert_true (rd_case_bulk_add_full (bulk, (RdCase **) cases->pdata, 70, approve_some, NULL, &error));
  g_assert_true (rd_case_bulk_add_full (bulk, (RdCase **) cases->pdata + 70, 50, approve_some, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (rd_case_bulk_commit (bulk, &error));
  g_assert_no_error (error);

  assert_tables_match (store);
  g_assert_cmpint (raw_int (store, "SELECT sum (n) FROM report_totals WHERE dim = 'kind'"), ==, 130);
  g_assert_cmpint (raw_int (store, "SELECT count(*) FROM case_decisions WHERE approved_at IS NOT NULL"), ==, 24 + 17);
  /* The triggers set aside are back: an ordinary insert is counted. */
  {
    g_autoptr(RdCase) c = make_case (500);

    g_assert_true (rd_case_store_insert (store, c, "tester", &error));
    g_assert_no_error (error);
  }
  assert_tables_match (store);
  g_assert_cmpint (raw_int (store, "SELECT sum (n) FROM report_totals WHERE dim = 'kind'"), ==, 131);
}

static void
test_migration (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "ledger.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  gint64 n_cases;

  rd_test_build_from_fixture (path, "ledger-v14.sql");
  store = rd_store_open (path, RD_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rd_store_get_schema_version (store), ==, rd_store_get_latest_version ());
  n_cases = raw_int (store, "SELECT count(*) FROM cases");
  g_assert_cmpint (n_cases, >, 0);
  g_assert_cmpint (raw_int (store, "SELECT sum (n) FROM report_totals WHERE dim = 'channel'"), ==, n_cases);
  assert_tables_match (store);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/rd/report-tables/writes", test_writes);
  g_test_add_func ("/rd/report-tables/bulk", test_bulk);
  g_test_add_func ("/rd/report-tables/migration", test_migration);
  return g_test_run ();
}
