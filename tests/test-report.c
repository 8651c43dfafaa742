/* test-report.c
 *
 * The figures of the Reports page (rd-report.h) on a CNY/USD/JPY ledger of
 * October 2026 (TZ=UTC), with September before it:
 *  - the period's totals per currency are the ledger footer's
 *    (rd_ledger_query_totals over the month) to the fen, and the workbook's
 *    Summary and Report sheets agree with the database (check-workbook.py);
 *  - every bar's filter opens the Ledger on exactly its cases (the count of
 *    rd_ledger_query_count is the bar's);
 *  - the top reasons then "other"; the shop's share; the period before;
 *  - speed from the audit log's approvals and paid_at, exact median and
 *    90th percentile; deadlines missed and open past their deadline now;
 *  - intercepts by courier: intercepted ÷ requested;
 *  - order counts: set, audited, the refund rate; a bad count refused;
 *  - a cancelled report stops with G_IO_ERROR_CANCELLED.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "rd-audit.h"
#include "rd-case-store.h"
#include "rd-export.h"
#include "rd-ledger-query.h"
#include "rd-report.h"
#include "rd-test-cli.h"
#include "rd-test-ledger.h"

#define SEP_1   G_GINT64_CONSTANT (1788220800)
#define OCT_1   G_GINT64_CONSTANT (1790812800)
#define NOV_1   G_GINT64_CONSTANT (1793491200)
#define HOUR    3600
#define DAY     86400

static const char *python;
static const char *checker;

typedef struct
{
  char    *dir;
  char    *db;
  RdStore *store;
  GArray  *ids;    /* gint64, in the order of cases[] */
} Fixture;

typedef struct
{
  const char     *channel;
  const char     *reason;
  const char     *currency;   /* NULL: CNY */
  RdRefundKind    kind;
  RdPaymentMethod method;
  gint64          amount_paid;
  gint64          approved;       /* -1: not approved */
  gint64          requested_at;
  gint64          approved_after; /* seconds after the request: the audit's approval; 0 none */
  gint64          paid_after;     /* paid_at after the request; 0 not paid */
  gint64          deadline_after; /* platform deadline after the request; 0 none */
  RdCaseStatus    status;
} Spec;

#define K_ONLY   RD_REFUND_KIND_REFUND_ONLY_SHIPPED
#define K_RETURN RD_REFUND_KIND_RETURN_REFUND
#define ALIPAY   RD_PAYMENT_METHOD_ALIPAY
#define PAYPAL   RD_PAYMENT_METHOD_PAYPAL
#define WECHAT   RD_PAYMENT_METHOD_WECHAT_PAY

static const Spec cases[] = {
  /* 0 */ { "taobao", "quality_problem", NULL, K_ONLY, ALIPAY, 12345, 12345, OCT_1 + HOUR, 2 * HOUR, DAY, 3 * HOUR, RD_CASE_STATUS_PAID },
  /* 1 */ { "taobao", "changed_mind", NULL, K_RETURN, WECHAT, 10001, 9999, OCT_1 + 2 * HOUR, 4 * HOUR, 3 * DAY, 2 * HOUR, RD_CASE_STATUS_PAID },
  /* 2 */ { "pinduoduo", "wrong_item", "USD", K_RETURN, PAYPAL, 999, 500, OCT_1 + 3 * HOUR, 6 * HOUR, 0, 0, RD_CASE_STATUS_APPROVED },
  /* 3 */ { "pinduoduo", "not_as_described", "JPY", K_ONLY, PAYPAL, 4200, 4200, OCT_1 + 5 * DAY, 8 * HOUR, 2 * DAY, 0, RD_CASE_STATUS_PAID },
  /* 4 */ { "douyin", "damaged_in_transit", NULL, K_RETURN, ALIPAY, 700, -1, OCT_1 + 10 * DAY, 0, 0, DAY, RD_CASE_STATUS_REQUESTED },
  /* 5 */ { "douyin", "parcel_lost", NULL, K_ONLY, ALIPAY, 800, 800, OCT_1 + 11 * DAY, 10 * HOUR, 0, 0, RD_CASE_STATUS_APPROVED },
  /* 6 */ { "jd", "not_received", "USD", K_ONLY, PAYPAL, 1500, 1500, OCT_1 + 12 * DAY, 20 * HOUR, 0, 0, RD_CASE_STATUS_APPROVED },
  /* 7 */ { "jd", "missing_parts", NULL, K_RETURN, ALIPAY, 300, -1, OCT_1 + 20 * DAY, 0, 0, 0, RD_CASE_STATUS_REQUESTED },
  /* 8 */ { "taobao", "size_not_fit", NULL, K_RETURN, ALIPAY, 600, -1, OCT_1 + 25 * DAY, 0, 0, 0, RD_CASE_STATUS_REQUESTED },
  /* 9 */ { "taobao", "ordered_by_mistake", "JPY", K_RETURN, PAYPAL, 5000, -1, NOV_1 - 1, 0, 0, 0, RD_CASE_STATUS_REQUESTED },
  /* September */
  /* 10 */ { "taobao", "quality_problem", NULL, K_ONLY, ALIPAY, 7000, 7000, SEP_1 + DAY, HOUR, 0, 0, RD_CASE_STATUS_APPROVED },
  /* 11 */ { "jd", "changed_mind", NULL, K_RETURN, ALIPAY, 100, -1, OCT_1 - 1, 0, 0, 0, RD_CASE_STATUS_REQUESTED },
  /* November */
  /* 12 */ { "taobao", "quality_problem", NULL, K_ONLY, ALIPAY, 100, -1, NOV_1, 0, 0, 0, RD_CASE_STATUS_REQUESTED },
};

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fx->dir = rd_test_make_tmp_dir ();
  fx->db = g_build_filename (fx->dir, "ledger.db", NULL);
  fx->store = rd_store_open (fx->db, RD_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  rd_test_add_operators (fx->store);
  fx->ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Spec *s = &cases[i];
      g_autoptr(RdCase) c = rd_case_new ();

      c->channel = g_strdup (s->channel);
      c->order_no = g_strdup_printf ("order-%u", i);
      c->kind = s->kind;
      c->reason = g_strdup (s->reason);
      c->payment_method = s->method;
      if (s->currency != NULL)
        {
          g_free (c->currency);
          c->currency = g_strdup (s->currency);
        }
      c->amount_paid = s->amount_paid;
      c->approved_amount = s->approved;
      c->requested_at = s->requested_at;
      c->created_at = s->requested_at;
      c->paid_at = s->paid_after != 0 ? s->requested_at + s->paid_after : 0;
      c->platform_deadline = s->deadline_after != 0 ? s->requested_at + s->deadline_after : 0;
      c->status = s->status;
      rd_case_store_insert (fx->store, c, "tester", &error);
      g_assert_no_error (error);
      g_array_append_val (fx->ids, c->id);

      if (s->approved_after != 0)
        {
          g_assert_true (rd_store_begin (fx->store, &error));
          g_assert_true (rd_audit_record_at (fx->store, c->id, s->requested_at + s->approved_after, "小美",
                                             "approve", "status", "requested", "approved", &error));
          g_assert_no_error (error);
          g_assert_true (rd_store_commit (fx->store, &error));
        }
    }
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_clear_object (&fx->store);
  rd_test_remove_tree (fx->dir);
  g_free (fx->dir);
  g_free (fx->db);
  g_array_unref (fx->ids);
}

static RdReport *
october (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  RdReportPeriod period;
  RdReport *report;

  g_assert_true (rd_report_period_init (&period, 2026, 10, 2026, 10, &error));
  report = rd_report_compute (rd_store_get_db (fx->store), &period, NOV_1 + DAY, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static const RdReportBar *
find_bar (GPtrArray  *bars,
          const char *key)
{
  for (guint i = 0; i < bars->len; i++)
    {
      const RdReportBar *bar = g_ptr_array_index (bars, i);

      if (g_str_equal (bar->key, key))
        return bar;
    }
  g_error ("no bar %s", key);
}

static void
assert_money (GArray     *money,
              const char *currency,
              guint       count,
              gint64      paid,
              gint64      amount)
{
  const RdReportMoney *m = rd_report_money_lookup (money, currency);

  g_assert_nonnull (m);
  g_assert_cmpuint (m->count, ==, count);
  g_assert_cmpint (m->paid, ==, paid);
  g_assert_cmpint (m->amount, ==, amount);
}

/* The ledger opened on a bar's filter shows exactly its cases. */
static void
assert_filter_count (Fixture           *fx,
                     const RdReportBar *bar)
{
  g_autoptr(GError) error = NULL;
  guint count = G_MAXUINT;

  g_assert_true (rd_ledger_query_count (rd_store_get_db (fx->store), bar->filter, NULL, &count, &error));
  g_assert_no_error (error);
  if (count != bar->count)
    g_error ("bar %s: the ledger shows %u cases, the bar counts %u", bar->key, count, bar->count);
}

static void
run_checker (const char * const *args)
{
  g_auto(RdTestRun) run = { 0 };
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) python);
  g_ptr_array_add (argv, (gpointer) checker);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  rd_test_run_command (&run, (const char * const *) argv->pdata, NULL, NULL, NULL, NULL);
  if (run.status != 0)
    g_error ("check-workbook.py failed:\n%s%s", run.out, run.err);
}

static void
test_totals_agree (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(RdReport) report = october (fx);
  g_autoptr(RdLedgerFilter) filter = rd_ledger_filter_new ();
  g_autoptr(GArray) totals = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *xlsx = g_build_filename (fx->dir, "report.xlsx", NULL);
  const RdReportBar *total = &report->current->refunds.total;
  RdExportOptions opts = {
    .year = 2026, .month = 10, .basis = RD_EXPORT_BASIS_REQUESTED, .output_path = xlsx,
    .shop_name = "小店", .operator = "tester",
  };
  guint count = 0;

  /* Per currency, never added: CNY first, then by code. */
  g_assert_cmpuint (total->count, ==, 10);
  g_assert_cmpuint (total->money->len, ==, 3);
  g_assert_cmpstr (g_array_index (total->money, RdReportMoney, 0).currency, ==, "CNY");
  g_assert_cmpstr (g_array_index (total->money, RdReportMoney, 1).currency, ==, "JPY");
  g_assert_cmpstr (g_array_index (total->money, RdReportMoney, 2).currency, ==, "USD");
  assert_money (total->money, "CNY", 6, 12345 + 10001 + 700 + 800 + 300 + 600, 12345 + 9999 + 800);
  assert_money (total->money, "USD", 2, 999 + 1500, 500 + 1500);
  assert_money (total->money, "JPY", 2, 4200 + 5000, 4200);

  /* The ledger footer of the month. */
  filter->year = 2026;
  filter->month = 10;
  g_assert_true (rd_ledger_query_totals (rd_store_get_db (fx->store), filter, NULL, &count, &totals, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, total->count);
  g_assert_cmpuint (totals->len, ==, total->money->len);
  for (guint i = 0; i < totals->len; i++)
    {
      const RdLedgerTotal *t = &g_array_index (totals, RdLedgerTotal, i);

      assert_money (total->money, t->currency, t->count, t->paid, t->approved);
    }
  assert_filter_count (fx, total);

  /* The workbook of the month, requested basis: Summary and Report each
   * agree with the database to the minor unit, Report's shop share is 4. */
  g_assert_true (rd_export_month (fx->db, &opts, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  run_checker ((const char *[]) { "check", xlsx, fx->db, "--year", "2026", "--month", "10",
                                  "--basis", "requested", "--report-cases", "4", NULL });
}

static void
test_filters_name_cases (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr(RdReport) report = october (fx);
  const RdReportFigures *f = report->current;
  GPtrArray *lists[] = {
    f->refunds.per_day, f->refunds.by_kind, f->refunds.by_reason, f->refunds.by_channel,
    f->refunds.by_payment,
  };
  const RdReportBar *single[] = {
    &f->refunds.merchant_fault, &f->losses.no_return, &f->speed.deadline_missed,
    &f->speed.overdue_now,
  };
  guint days_total = 0;

  g_assert_cmpuint (f->refunds.per_day->len, ==, 31);
  g_assert_cmpstr (((RdReportBar *) g_ptr_array_index (f->refunds.per_day, 0))->key, ==, "2026-10-01");
  g_assert_cmpstr (((RdReportBar *) g_ptr_array_index (f->refunds.per_day, 30))->key, ==, "2026-10-31");
  for (guint i = 0; i < f->refunds.per_day->len; i++)
    days_total += ((RdReportBar *) g_ptr_array_index (f->refunds.per_day, i))->count;
  g_assert_cmpuint (days_total, ==, 10);
  g_assert_cmpuint (((RdReportBar *) g_ptr_array_index (f->refunds.per_day, 0))->count, ==, 3);
  g_assert_cmpuint (((RdReportBar *) g_ptr_array_index (f->refunds.per_day, 30))->count, ==, 1);

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < lists[l]->len; i++)
      assert_filter_count (fx, g_ptr_array_index (lists[l], i));
  for (guint i = 0; i < G_N_ELEMENTS (single); i++)
    assert_filter_count (fx, single[i]);

  /* Largest first; amounts per currency. */
  g_assert_cmpstr (((RdReportBar *) g_ptr_array_index (f->refunds.by_channel, 0))->key, ==, "taobao");
  g_assert_cmpuint (find_bar (f->refunds.by_channel, "taobao")->count, ==, 4);
  assert_money (find_bar (f->refunds.by_payment, "paypal")->money, "USD", 2, 2499, 2000);
  assert_money (find_bar (f->refunds.by_payment, "paypal")->money, "JPY", 2, 9200, 4200);
  g_assert_cmpuint (find_bar (f->refunds.by_kind, "refund_only_shipped")->count, ==, 4);

  /* Reasons: ten different ones, the top six and the other four. */
  g_assert_cmpuint (f->refunds.by_reason->len, ==, RD_REPORT_TOP_REASONS + 1);
  g_assert_cmpuint (find_bar (f->refunds.by_reason, "other")->count, ==, 4);
  /* Described by their reasons (the other four), not listed. */
  g_assert_cmpuint (g_strv_length (find_bar (f->refunds.by_reason, "other")->filter->reasons), ==, 4);

  /* Caused by the shop: quality, wrong item, not as described, missing parts. */
  g_assert_cmpuint (f->refunds.merchant_fault.count, ==, 4);

  /* Refunds without a return: approved refund-only after shipping (0, 3, 5, 6). */
  g_assert_cmpuint (f->losses.no_return.count, ==, 4);
  assert_money (f->losses.no_return.money, "CNY", 2, 13145, 13145);
  assert_money (f->losses.no_return.money, "USD", 1, 1500, 1500);
  assert_money (f->losses.no_return.money, "JPY", 1, 4200, 4200);

  /* Deadlines: 0 approved after 2 h with 3 h (kept), 1 approved after 4 h
   * with 2 h (missed), 4 still open a day past its deadline (missed). */
  g_assert_cmpuint (f->speed.deadline_missed.count, ==, 2);
  g_assert_cmpuint (f->speed.overdue_now.count, ==, 1);

  /* The period before: September, two cases. */
  g_assert_cmpint (report->previous->period.from_month, ==, 9);
  g_assert_cmpuint (report->previous->refunds.total.count, ==, 2);
}

static void
test_speed (Fixture       *fx,
            gconstpointer  data)
{
  g_autoptr(RdReport) report = october (fx);
  const RdReportSpeed *all = g_ptr_array_index (report->current->speed.by_channel, 0);

  g_assert_cmpstr (all->key, ==, "");
  /* Approvals after 2, 4, 6, 8, 10, 20 hours: median (nearest rank) 6 h,
   * 90th percentile 20 h. Payouts after 1, 2, 3 days. */
  g_assert_cmpuint (all->n_approved, ==, 6);
  g_assert_cmpint (all->approve_median, ==, 6 * HOUR);
  g_assert_cmpint (all->approve_p90, ==, 20 * HOUR);
  g_assert_cmpuint (all->n_paid, ==, 3);
  g_assert_cmpint (all->payout_median, ==, 2 * DAY);
  g_assert_cmpint (all->payout_p90, ==, 3 * DAY);

  for (guint i = 1; i < report->current->speed.by_channel->len; i++)
    {
      const RdReportSpeed *s = g_ptr_array_index (report->current->speed.by_channel, i);

      if (g_str_equal (s->key, "douyin"))
        {
          g_assert_cmpuint (s->n_approved, ==, 1);
          g_assert_cmpint (s->approve_median, ==, 10 * HOUR);
          g_assert_cmpint (s->payout_median, ==, -1);
        }
    }
}

static void
test_intercepts (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(RdReport) report = NULL;
  sqlite3 *db = rd_store_get_db (fx->store);
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO intercepts (courier, tracking_no, case_id, amount, province, status, requested_at,"
    "  created_at, updated_at, settled_at, operator) VALUES"
    " ('sf', 'SF1', %1$" G_GINT64_FORMAT ", 100, '广东', 'intercepted', %3$" G_GINT64_FORMAT ", %3$" G_GINT64_FORMAT ", %3$" G_GINT64_FORMAT ", %3$" G_GINT64_FORMAT " + 3600, 't'),"
    " ('sf', 'SF2', %2$" G_GINT64_FORMAT ", 100, '广东', 'delivered', %3$" G_GINT64_FORMAT ", %3$" G_GINT64_FORMAT ", %3$" G_GINT64_FORMAT ", %3$" G_GINT64_FORMAT " + 7200, 't'),"
    " ('sf', 'SF3', NULL, 100, '浙江', 'back_in_warehouse', %3$" G_GINT64_FORMAT ", %3$" G_GINT64_FORMAT ", %3$" G_GINT64_FORMAT ", %3$" G_GINT64_FORMAT " + 10800, 't'),"
    " ('zto', 'ZT1', NULL, 100, NULL, 'pending', NULL, %3$" G_GINT64_FORMAT ", %3$" G_GINT64_FORMAT ", NULL, 't'),"
    " ('zto', 'ZT2', NULL, 100, NULL, 'failed', %3$" G_GINT64_FORMAT ", %4$" G_GINT64_FORMAT ", %4$" G_GINT64_FORMAT ", NULL, 't');",
    g_array_index (fx->ids, gint64, 0), g_array_index (fx->ids, gint64, 1), OCT_1 + DAY, SEP_1);
  const RdReportIntercept *sf;

  rd_test_raw_exec (db, sql);
  report = october (fx);
  /* September's failed ZTO parcel is not October's; the pending one was never requested. */
  g_assert_cmpuint (report->current->intercepts.all.requested, ==, 3);
  g_assert_cmpuint (report->current->intercepts.by_courier->len, ==, 1);
  sf = g_ptr_array_index (report->current->intercepts.by_courier, 0);
  g_assert_cmpstr (sf->key, ==, "sf");
  g_assert_cmpuint (sf->requested, ==, 3);
  g_assert_cmpuint (sf->intercepted, ==, 2);
  g_assert_cmpuint (sf->failed, ==, 1);
  g_assert_cmpint (sf->median_to_result, ==, 7200);
  g_assert_cmpuint (sf->filter->ids->len, ==, 2);
  g_assert_cmpuint (report->current->intercepts.by_province->len, ==, 2);
  g_assert_cmpstr (((RdReportIntercept *) g_ptr_array_index (report->current->intercepts.by_province, 0))->key, ==, "广东");

  /* Case 0 was paid while its parcel... was intercepted: not lost. Case 1
   * was paid and its parcel delivered: 钱货两空. */
  g_assert_cmpuint (report->current->losses.not_recovered.count, ==, 1);
  assert_money (report->current->losses.not_recovered.money, "CNY", 1, 10001, 9999);
  g_assert_cmpuint (report->previous->intercepts.all.requested, ==, 1);
}

static void
test_order_counts (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdReport) report = NULL;
  g_autoptr(GPtrArray) counts = NULL;
  RdReportPeriod period;
  const RdReportRate *all;

  g_assert_true (rd_order_counts_set (fx->store, 2026, 10, "taobao", 400, "店长", &error));
  g_assert_no_error (error);
  g_assert_true (rd_order_counts_set (fx->store, 2026, 10, "jd", 100, "店长", &error));
  g_assert_true (rd_order_counts_set (fx->store, 2026, 10, "jd", 200, "店长", &error));
  g_assert_no_error (error);
  /* Refused: a negative count, no channel, month 13. */
  g_assert_false (rd_order_counts_set (fx->store, 2026, 10, "jd", -5, "店长", &error));
  g_assert_error (error, RD_REPORT_ERROR, RD_REPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rd_order_counts_set (fx->store, 2026, 13, "jd", 5, "店长", &error));
  g_clear_error (&error);

  g_assert_true (rd_report_period_init (&period, 2026, 10, 2026, 10, &error));
  counts = rd_order_counts_list (rd_store_get_db (fx->store), &period, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts->len, ==, 2);
  g_assert_cmpstr (((RdOrderCount *) g_ptr_array_index (counts, 0))->channel, ==, "jd");
  g_assert_cmpuint (((RdOrderCount *) g_ptr_array_index (counts, 0))->orders, ==, 200);

  /* Recorded in the audit log, and the chain still verifies. */
  g_assert_cmpint (rd_test_raw_int (rd_store_get_db (fx->store),
                                    "SELECT count(*) FROM audit_log WHERE action = 'set_order_count'"), ==, 3);
  g_assert_true (rd_audit_verify (fx->store, NULL, NULL, &error));
  g_assert_no_error (error);

  report = october (fx);
  all = g_ptr_array_index (report->current->rates, 0);
  g_assert_cmpstr (all->key, ==, "");
  g_assert_true (all->has_orders);
  /* taobao 4 refunds of 400 orders, jd 2 of 200. */
  g_assert_cmpuint (all->refunds, ==, 6);
  g_assert_cmpuint (all->orders, ==, 600);
  for (guint i = 1; i < report->current->rates->len; i++)
    {
      const RdReportRate *r = g_ptr_array_index (report->current->rates, i);

      if (g_str_equal (r->key, "taobao"))
        {
          g_assert_cmpuint (r->refunds, ==, 4);
          g_assert_cmpuint (r->orders, ==, 400);
        }
      else if (g_str_equal (r->key, "douyin"))
        g_assert_false (r->has_orders);
    }
  /* Over September–October, October's counts alone are no rate. */
  {
    g_autoptr(RdReport) two = NULL;

    g_assert_true (rd_report_period_init (&period, 2026, 9, 2026, 10, &error));
    two = rd_report_compute (rd_store_get_db (fx->store), &period, NOV_1, NULL, &error);
    g_assert_no_error (error);
    g_assert_false (((RdReportRate *) g_ptr_array_index (two->current->rates, 0))->has_orders);
    g_assert_cmpuint (two->current->refunds.total.count, ==, 12);
    g_assert_cmpuint (two->current->refunds.per_day->len, ==, 61);
    g_assert_cmpint (two->previous->period.from_month, ==, 7);
    g_assert_cmpint (two->previous->period.to_month, ==, 8);
    assert_filter_count (fx, &two->current->refunds.total);
  }

  /* Removed. */
  g_assert_true (rd_order_counts_set (fx->store, 2026, 10, "jd", -1, "店长", &error));
  g_assert_no_error (error);
  g_clear_pointer (&counts, g_ptr_array_unref);
  g_assert_true (rd_report_period_init (&period, 2026, 10, 2026, 10, &error));
  counts = rd_order_counts_list (rd_store_get_db (fx->store), &period, &error);
  g_assert_cmpuint (counts->len, ==, 1);
}

static void
test_period (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  RdReportPeriod period, before;

  g_assert_false (rd_report_period_init (&period, 2026, 11, 2026, 10, &error));
  g_assert_error (error, RD_REPORT_ERROR, RD_REPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rd_report_period_init (&period, 2026, 0, 2026, 10, &error));
  g_clear_error (&error);

  g_assert_true (rd_report_period_init (&period, 2026, 1, 2026, 3, &error));
  rd_report_period_previous (&period, &before);
  g_assert_cmpint (before.from_year, ==, 2025);
  g_assert_cmpint (before.from_month, ==, 10);
  g_assert_cmpint (before.to_year, ==, 2025);
  g_assert_cmpint (before.to_month, ==, 12);
  text = rd_report_period_format (&period);
  g_assert_cmpstr (text, ==, "2026-01 – 2026-03");
}

static void
test_cancel (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  RdReportPeriod period;

  g_cancellable_cancel (cancellable);
  g_assert_true (rd_report_period_init (&period, 2026, 10, 2026, 10, &error));
  g_assert_null (rd_report_compute (rd_store_get_db (fx->store), &period, 0, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (argc < 3)
    {
      g_printerr ("usage: test-report [TEST OPTIONS] PYTHON3 CHECK-WORKBOOK.PY\n");
      return 2;
    }
  python = argv[1];
  checker = argv[2];

  g_test_add_func ("/rd/report/period", test_period);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/rd/report/totals-agree", test_totals_agree);
  ADD ("/rd/report/filters-name-cases", test_filters_name_cases);
  ADD ("/rd/report/speed", test_speed);
  ADD ("/rd/report/intercepts", test_intercepts);
  ADD ("/rd/report/order-counts", test_order_counts);
  ADD ("/rd/report/cancel", test_cancel);
  return g_test_run ();
}
