/* test-cli-intercepts.c
 *
 * `refund-desk intercepts [--db FILE] [--due|--stalled|--losses]` run as a
 * user runs it (the built executable is the first argument after the test
 * options) on a ledger filled through the core, relative to the real clock
 * since the command reads it.
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "rd-case-store.h"
#include "rd-case-store-workflow.h"
#include "rd-intercepts.h"
#include "rd-test-cli.h"
#include "rd-test-ledger.h"

#define HOUR 3600

static const char *refund_desk;

static void
run_intercepts (const char *db_path,
                const char *option1,
                const char *option2,
                RdTestRun  *run)
{
  const char *argv[] = { refund_desk, "intercepts", "--db", db_path, option1, option2, NULL };

  rd_test_run_command (run, argv, "C.UTF-8", "C", NULL, NULL);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

static gint64
add_case_in (RdStore        *store,
             const RdPolicy *policy,
             gint64          amount,
             const char     *currency,
             gint64          requested_at)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) rcase = rd_case_new ();
  RdWorkflowFacts facts = { .approved_amount = amount, .no_breakdown_reason = "agreed with the buyer" };

  g_free (rcase->currency);
  rcase->currency = g_strdup (currency);

  rcase->channel = g_strdup ("taobao");
  rcase->order_no = g_strdup_printf ("77%" G_GINT64_FORMAT, amount);
  rcase->kind = RD_REFUND_KIND_REFUND_ONLY_SHIPPED;
  rcase->reason = g_strdup ("changed_mind");
  rcase->payment_method = RD_PAYMENT_METHOD_ALIPAY;
  rcase->amount_paid = amount;
  rcase->requested_at = requested_at;
  rd_case_store_insert (store, rcase, "alice", &error);
  g_assert_no_error (error);
  rd_case_store_transition (store, rcase->id, RD_WORKFLOW_EVENT_APPROVE, &facts, policy, "alice", &error);
  g_assert_no_error (error);
  return rcase->id;
}

static gint64
add_case (RdStore        *store,
          const RdPolicy *policy,
          gint64          amount,
          gint64          requested_at)
{
  return add_case_in (store, policy, amount, "CNY", requested_at);
}

static gint64
add_intercept (RdStore        *store,
               const RdPolicy *policy,
               gint64          case_id,
               const char     *tracking,
               const char     *province,
               gint64          requested_at)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdIntercept) intercept = NULL;

  intercept = rd_intercepts_prefill_from_case (store, case_id, policy, requested_at, &error);
  g_assert_no_error (error);
  intercept->courier = RD_COURIER_YTO;
  intercept->tracking_no = g_strdup (tracking);
  intercept->province = g_strdup (province);
  intercept->status = RD_INTERCEPT_STATUS_REQUESTED;
  rd_intercepts_create (store, intercept, policy, "bob", requested_at, NULL, NULL, &error);
  g_assert_no_error (error);
  return intercept->id;
}

/* A new ledger in a scratch folder, the default policy and the real clock
 * (the command reads it). */
typedef struct
{
  char     *dir;
  char     *path;
  RdStore  *store;
  RdPolicy  policy;
  gint64    now;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = rd_test_make_tmp_dir ();
  f->path = g_build_filename (f->dir, "ledger.db", NULL);
  rd_policy_init_defaults (&f->policy);
  f->store = rd_store_open (f->path, RD_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  rd_test_add_operators (f->store);
  f->now = g_get_real_time () / G_USEC_PER_SEC;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  rd_policy_clear (&f->policy);
  rd_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static void
test_views (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 fresh_case, stalled_case, lost_case, lost;
  RdTestRun run = { 0 };
  const char *fresh_line, *stalled_line;

  /* Requested an hour ago: 47 h left on Taobao. */
  fresh_case = add_case (f->store, &f->policy, 50000, f->now - HOUR);
  add_intercept (f->store, &f->policy, fresh_case, "FRESH1", "广东", f->now - HOUR);
  /* Requested 30 h ago, no movement since: 18 h left, nudge the courier. */
  stalled_case = add_case (f->store, &f->policy, 60000, f->now - 30 * HOUR);
  add_intercept (f->store, &f->policy, stalled_case, "STALL2", "新疆", f->now - 30 * HOUR);
  /* Lost and refunded: a loss of ¥250.00 after ¥50.00 recovered. */
  lost_case = add_case (f->store, &f->policy, 30000, f->now - 100 * HOUR);
  lost = add_intercept (f->store, &f->policy, lost_case, "LOST3", "广东", f->now - 100 * HOUR);
  rd_intercepts_file_claim (f->store, lost, 30000, RD_LOST_REMEDY_REFUND, &f->policy, "bob", f->now - 40 * HOUR,
                            NULL, NULL, &error);
  g_assert_no_error (error);
  rd_case_store_record_payout (f->store, lost_case, 30000, "original", "2026-01-05", &f->policy, "alice", &error);
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) claims = rd_claims_list (f->store, TRUE, &error);
    g_assert_no_error (error);
    rd_claims_settle (f->store, ((RdClaim *) claims->pdata[0])->id, RD_CLAIM_STATUS_PAID, 5000, "carol", f->now, &error);
    g_assert_no_error (error);
  }
  g_clear_object (&f->store);   /* the command opens the file alone */

  /* Everything. */
  run_intercepts (f->path, NULL, NULL, &run);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpuint (count_lines (run.out), ==, 4);
  g_assert_true (g_str_has_prefix (run.out, "Tracking number\tCourier\t"));
  rd_test_run_clear (&run);

  /* Due: least time left first; the claim is settled and not due. */
  run_intercepts (f->path, "--due", NULL, &run);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (count_lines (run.out), ==, 3);
  stalled_line = strstr (run.out, "STALL2\t");
  fresh_line = strstr (run.out, "FRESH1\t");
  g_assert_nonnull (stalled_line);
  g_assert_nonnull (fresh_line);
  g_assert_true (stalled_line < fresh_line);
  g_assert_nonnull (strstr (stalled_line, "\t600.00\tCNY\t新疆\t"));
  g_assert_null (strstr (run.out, "LOST3"));
  rd_test_run_clear (&run);

  /* Stalled: 30 h quiet is past the 24 h nudge, not yet lost in 新疆 (72 h). */
  run_intercepts (f->path, "--stalled", NULL, &run);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (count_lines (run.out), ==, 2);
  g_assert_nonnull (strstr (run.out, "STALL2\t"));
  g_assert_true (g_str_has_suffix (run.out, "\tnudge courier\n"));
  rd_test_run_clear (&run);

  /* Losses and their sum. */
  run_intercepts (f->path, "--losses", NULL, &run);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "LOST3\t"));
  g_assert_nonnull (strstr (run.out, "\t250.00\t"));
  g_assert_true (g_str_has_suffix (run.out, "1 parcel lost, ¥250.00 in total\n"));
  rd_test_run_clear (&run);

  /* Dollars and yen are never added to yuan: a sum per currency, yuan
   * first, each amount in its currency's own decimals. */
  {
    g_autoptr(RdStore) store = rd_store_open (f->path, RD_STORE_OPEN_DEFAULT, &error);
    const struct { const char *currency; gint64 amount; const char *tracking; } foreign[] = {
      { "USD", 12345, "LOSTUSD" },   /* $123.45 */
      { "JPY", 4200, "LOSTJPY" },    /* JP¥4,200 */
    };

    g_assert_no_error (error);
    for (guint i = 0; i < G_N_ELEMENTS (foreign); i++)
      {
        gint64 id = add_case_in (store, &f->policy, foreign[i].amount, foreign[i].currency, f->now - 100 * HOUR);
        gint64 parcel = add_intercept (store, &f->policy, id, foreign[i].tracking, "广东", f->now - 100 * HOUR);

        rd_intercepts_file_claim (store, parcel, foreign[i].amount, RD_LOST_REMEDY_REFUND, &f->policy, "bob",
                                  f->now - 40 * HOUR, NULL, NULL, &error);
        g_assert_no_error (error);
        rd_case_store_record_payout (store, id, foreign[i].amount, "original", "2026-01-05", &f->policy, "alice", &error);
        g_assert_no_error (error);
      }
  }
  run_intercepts (f->path, "--losses", NULL, &run);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "LOSTUSD\t"));
  g_assert_nonnull (strstr (run.out, "\t123.45\tUSD\t"));
  g_assert_nonnull (strstr (run.out, "\t4200\tJPY\t"));
  g_assert_nonnull (strstr (run.out, "\t250.00\tCNY\t"));
  g_assert_true (g_str_has_suffix (run.out, "3 parcels lost, ¥250.00 · JP¥4,200 · $123.45 in total\n"));
  rd_test_run_clear (&run);

  /* Two views at once: a usage error. */
  run_intercepts (f->path, "--due", "--losses", &run);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, "at most one"));
  rd_test_run_clear (&run);

  /* --unmatched: only the parcel that came back with a number nobody
   * registered. */
  {
    g_autoptr(RdStore) store = rd_store_open (f->path, RD_STORE_OPEN_DEFAULT, &error);
    g_auto(RdScanResult) result = { 0 };

    g_assert_no_error (error);
    rd_intercepts_record_unmatched_scan (store, "UNK42", RD_COURIER_OTHER, RD_PARCEL_CONDITION_INTACT, "bob",
                                         f->now, &result, &error);
    g_assert_no_error (error);
  }
  run_intercepts (f->path, "--unmatched", NULL, &run);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (count_lines (run.out), ==, 2);
  g_assert_nonnull (strstr (run.out, "\nUNK42\t"));
  rd_test_run_clear (&run);
  run_intercepts (f->path, "--unmatched", "--losses", &run);
  g_assert_cmpint (run.status, ==, 2);
  rd_test_run_clear (&run);
}

/* Under two hours before the platform refunds by itself, with fresh
 * tracking movement: the command says to settle now, as the window does. */
static void
test_settle_now (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 urgent_case, calm_case, urgent, calm;
  RdTestRun run = { 0 };
  g_auto(GStrv) lines = NULL;

  /* Requested 47 h ago on Taobao (48 h): one hour left. */
  urgent_case = add_case (f->store, &f->policy, 40000, f->now - 47 * HOUR);
  urgent = add_intercept (f->store, &f->policy, urgent_case, "URGENT4", "广东", f->now - 47 * HOUR);
  /* Requested 20 h ago: 28 h left. */
  calm_case = add_case (f->store, &f->policy, 40001, f->now - 20 * HOUR);
  calm = add_intercept (f->store, &f->policy, calm_case, "CALM5", "广东", f->now - 20 * HOUR);
  rd_intercepts_record_movement (f->store, urgent, f->now - HOUR, "in transit", "bob", &error);
  g_assert_no_error (error);
  rd_intercepts_record_movement (f->store, calm, f->now - HOUR, "in transit", "bob", &error);
  g_assert_no_error (error);
  g_clear_object (&f->store);   /* the command opens the file alone */

  run_intercepts (f->path, "--due", NULL, &run);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);   /* header, two parcels, "" */
  g_assert_true (g_str_has_prefix (lines[1], "URGENT4\t"));
  g_assert_true (g_str_has_suffix (lines[1], "\tsettle now"));
  g_assert_true (g_str_has_prefix (lines[2], "CALM5\t"));
  g_assert_true (g_str_has_suffix (lines[2], "\t"));
  rd_test_run_clear (&run);
}

static void
test_missing_file (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "nothing.db", NULL);
  RdTestRun run = { 0 };

  run_intercepts (path, NULL, NULL, &run);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, "refund-desk intercepts: "));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  rd_test_run_clear (&run);
  rd_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  if (argc < 2)
    g_error ("usage: %s [TEST OPTIONS] PATH-TO-REFUND-DESK", argv[0]);
  refund_desk = argv[1];

  g_test_add ("/rd/cli/intercepts/views", Fixture, NULL, fixture_set_up, test_views, fixture_tear_down);
  g_test_add ("/rd/cli/intercepts/settle-now", Fixture, NULL, fixture_set_up, test_settle_now, fixture_tear_down);
  g_test_add_func ("/rd/cli/intercepts/missing-file", test_missing_file);

  return g_test_run ();
}
