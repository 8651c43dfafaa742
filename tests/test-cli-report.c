/* test-cli-report.c
 *
 * `refund-desk report --month YYYY-MM [--to YYYY-MM] [--db FILE]
 * [--format text|json]` run as a user runs it, on a CNY/USD/JPY ledger of
 * October 2026 (TZ=UTC): the JSON's totals per currency are integers in
 * minor units equal to the ledger footer's, keys stable; the text has its
 * headings in the user's language and each currency's amounts apart; bad
 * options are refused with the usage exit code, and the ledger is never
 * written.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>

#include "rd-case-store.h"
#include "rd-ledger-query.h"
#include "rd-test-cli.h"
#include "rd-test-ledger.h"

#define OCT_1 G_GINT64_CONSTANT (1790812800)
#define DAY   86400

static const char *refund_desk;

static char *
make_ledger (char **dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  char *path;
  const struct { const char *currency; const char *reason; gint64 paid; gint64 approved; gint64 at; } specs[] = {
    { "CNY", "quality_problem", 12345, 12345, OCT_1 + 3600 },
    { "CNY", "changed_mind", 999, -1, OCT_1 + 2 * DAY },
    { "USD", "wrong_item", 1999, 1500, OCT_1 + 3 * DAY },
    { "JPY", "changed_mind", 4200, 4200, OCT_1 + 4 * DAY },
    { "CNY", "changed_mind", 500, 500, OCT_1 - DAY },   /* September */
  };

  *dir = rd_test_make_tmp_dir ();
  path = g_build_filename (*dir, "ledger.db", NULL);
  store = rd_store_open (path, RD_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  rd_test_add_operators (store);
  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      g_autoptr(RdCase) c = rd_case_new ();

      c->channel = g_strdup (i % 2 ? "taobao" : "jd");
      c->order_no = g_strdup_printf ("o-%u", i);
      c->kind = RD_REFUND_KIND_RETURN_REFUND;
      c->reason = g_strdup (specs[i].reason);
      c->payment_method = RD_PAYMENT_METHOD_ALIPAY;
      g_free (c->currency);
      c->currency = g_strdup (specs[i].currency);
      c->amount_paid = specs[i].paid;
      c->approved_amount = specs[i].approved;
      c->requested_at = c->created_at = specs[i].at;
      c->status = specs[i].approved >= 0 ? RD_CASE_STATUS_APPROVED : RD_CASE_STATUS_REQUESTED;
      rd_case_store_insert (store, c, "tester", &error);
      g_assert_no_error (error);
    }
  return path;
}

static void
run_report (RdTestRun          *run,
            const char         *lc_all,
            const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) refund_desk);
  g_ptr_array_add (argv, (gpointer) "report");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  rd_test_run_command (run, (const char * const *) argv->pdata, lc_all,
                       g_str_has_prefix (lc_all, "zh") ? "zh_CN" : "C", NULL, NULL);
}

static void
test_json (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_ledger (&dir);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(RdTestRun) run = { 0 };
  g_autoptr(RdLedgerFilter) filter = rd_ledger_filter_new ();
  g_autoptr(GArray) totals = NULL;
  RdTestFingerprint before;
  JsonObject *root, *current, *total;
  JsonArray *money;
  sqlite3 *db;
  guint count = 0;

  rd_test_fingerprint (path, &before);
  run_report (&run, "C.UTF-8", (const char *[]) { "--db", path, "--month", "2026-10", "--format", "json", NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, &error));
  g_assert_no_error (error);

  root = json_node_get_object (json_parser_get_root (parser));
  current = json_object_get_object_member (root, "current");
  g_assert_cmpstr (json_object_get_string_member (current, "from"), ==, "2026-10");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "previous"), "from"),
                   ==, "2026-09");
  total = json_object_get_object_member (json_object_get_object_member (current, "refunds"), "total");
  g_assert_cmpint (json_object_get_int_member (total, "count"), ==, 4);
  money = json_object_get_array_member (total, "money");

  /* The ledger footer of October, currency by currency, as integers. */
  db = rd_test_raw_open (path);
  filter->year = 2026;
  filter->month = 10;
  g_assert_true (rd_ledger_query_totals (db, filter, NULL, &count, &totals, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (money), ==, totals->len);
  for (guint i = 0; i < totals->len; i++)
    {
      const RdLedgerTotal *t = &g_array_index (totals, RdLedgerTotal, i);
      JsonObject *m = json_array_get_object_element (money, i);

      g_assert_cmpstr (json_object_get_string_member (m, "currency"), ==, t->currency);
      g_assert_cmpint (json_object_get_int_member (m, "count"), ==, t->count);
      g_assert_cmpint (json_object_get_int_member (m, "paid"), ==, t->paid);
      g_assert_cmpint (json_object_get_int_member (m, "amount"), ==, t->approved);
      /* Integers, not decimal text. */
      g_assert_cmpint (json_node_get_value_type (json_object_get_member (m, "amount")), ==, G_TYPE_INT64);
    }
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (money, 1), "currency"), ==, "JPY");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (money, 1), "amount"), ==, 4200);
  sqlite3_close (db);

  /* Stable keys of every part. */
  g_assert_true (json_object_has_member (current, "losses"));
  g_assert_true (json_object_has_member (current, "speed"));
  g_assert_true (json_object_has_member (current, "intercepts"));
  g_assert_true (json_object_has_member (current, "refund_rate"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_object_get_object_member (current, "refunds"), "per_day")), ==, 31);

  rd_test_assert_unchanged (path, &before);
  rd_test_fingerprint_clear (&before);
  rd_test_remove_tree (dir);
}

static void
test_text (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_ledger (&dir);
  g_auto(RdTestRun) run = { 0 };

  run_report (&run, "C.UTF-8", (const char *[]) { "--db", path, "--month", "2026-10", NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Refund report 2026-10 (compared with 2026-09)"));
  g_assert_nonnull (strstr (run.out, "By reason"));
  /* Each currency apart: ¥123.45 approved, JP¥4,200, $15.00. */
  g_assert_nonnull (strstr (run.out, "¥123.45 · JP¥4,200 · $15.00"));

  /* A range: September and October, compared with July and August. */
  run_report (&run, "C.UTF-8", (const char *[]) { "--db", path, "--month", "2026-09", "--to", "2026-10", NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "2026-09 – 2026-10 (compared with 2026-07 – 2026-08)"));

  if (setlocale (LC_ALL, "zh_CN.UTF-8") != NULL)
    {
      setlocale (LC_ALL, "C");
      run_report (&run, "zh_CN.UTF-8", (const char *[]) { "--db", path, "--month", "2026-10", NULL });
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.out, "按原因"));
      g_assert_null (strstr (run.out, "By reason"));
    }
  rd_test_remove_tree (dir);
}

static void
test_usage (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_ledger (&dir);
  g_auto(RdTestRun) run = { 0 };
  const char *bad[][7] = {
    { "--db", path, "--month", "2026-13", NULL },
    { "--db", path, NULL },
    { "--db", path, "--month", "2026-10", "--format", "xml", NULL },
    { "--db", path, "--month", "2026-10", "--to", "2026-09", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      run_report (&run, "C.UTF-8", bad[i]);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_true (g_str_has_prefix (run.err, "refund-desk report: "));
    }
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

  g_test_add_func ("/rd/cli/report/json", test_json);
  g_test_add_func ("/rd/cli/report/text", test_text);
  g_test_add_func ("/rd/cli/report/usage", test_usage);
  return g_test_run ();
}
