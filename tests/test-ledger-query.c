/* test-ledger-query.c
 *
 * The ledger's filters, sorts, free-text search (by the cases' fields and
 * their intercepts' tracking numbers), count and sums on a small ledger
 * whose answer is known case by case.
 */
#include "config.h"

#include <locale.h>

#include "rd-case-store.h"
#include "rd-ledger-query.h"
#include "rd-store.h"
#include "rd-test-ledger.h"

typedef struct
{
  char    *dir;
  RdStore *store;
  gint64   ids[6];   /* ids[1] … ids[5]: the cases below */
} Fixture;

/* 2026-03-06 12:00 UTC */
#define NOW G_GINT64_CONSTANT (1772798400)
#define DAY 86400

typedef struct
{
  const char     *channel;
  const char     *order_no;
  const char     *after_sales_no;
  const char     *return_tracking;
  const char     *buyer;
  RdRefundKind    kind;
  const char     *reason;
  RdCaseStatus    status;
  const char     *requested;   /* UTC ISO 8601 */
  gint64          amount;
  gint64          approved;
  int             deadline_hours;
  const char     *expected_arrival;
} Row;

static const Row rows[] = {
  { NULL },
  { "taobao", "4508123456789", NULL, NULL, "张小明", RD_REFUND_KIND_RETURN_REFUND, "quality_problem",
    RD_CASE_STATUS_REQUESTED, "2026-03-05T10:00:00Z", 1000, -1, 24, NULL },
  { "pinduoduo", "231122-100%_off", NULL, NULL, "王小", RD_REFUND_KIND_REFUND_ONLY_UNSHIPPED, "changed_mind",
    RD_CASE_STATUS_PAID, "2026-02-20T08:00:00Z", 2500, 2000, 48, "2026-03-01" },
  { "jd", "100200300400", NULL, "SF1234567", "李明", RD_REFUND_KIND_REFUND_ONLY_SHIPPED, "parcel_lost",
    RD_CASE_STATUS_CLOSED, "2026-01-10T08:00:00Z", 300, 300, 48, "2026-01-15" },
  { "douyin", "6912345678901234567", "AS-9876", NULL, "Alice", RD_REFUND_KIND_RETURN_REFUND, "changed_mind",
    RD_CASE_STATUS_APPROVED, "2026-03-06T09:00:00Z", 5000, -1, 100, NULL },
  { "taobao", "a_b", NULL, NULL, "赵六", RD_REFUND_KIND_REFUND_ONLY_UNSHIPPED, "size_not_fit",
    RD_CASE_STATUS_PAID, "2026-03-01T08:00:00Z", 700, 0, 24, "2026-03-20" },
};

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = rd_test_make_tmp_dir ();
  path = g_build_filename (f->dir, "ledger.db", NULL);
  f->store = rd_store_open (path, RD_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  rd_test_add_operators (f->store);

  for (guint i = 1; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(RdCase) c = rd_case_new ();
      g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (rows[i].requested, NULL);

      c->channel = g_strdup (rows[i].channel);
      c->order_no = g_strdup (rows[i].order_no);
      c->after_sales_no = g_strdup (rows[i].after_sales_no);
      c->return_tracking = g_strdup (rows[i].return_tracking);
      c->buyer_name = g_strdup (rows[i].buyer);
      c->kind = rows[i].kind;
      c->reason = g_strdup (rows[i].reason);
      c->payment_method = RD_PAYMENT_METHOD_WECHAT_PAY;
      c->status = rows[i].status;
      c->requested_at = g_date_time_to_unix (dt);
      c->amount_paid = rows[i].amount;
      c->approved_amount = rows[i].approved;
      c->platform_deadline = c->requested_at + rows[i].deadline_hours * 3600;
      c->expected_arrival = g_strdup (rows[i].expected_arrival);
      g_assert_true (rd_case_store_insert (f->store, c, "tester", &error));
      g_assert_no_error (error);
      f->ids[i] = c->id;
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  rd_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* Runs the filter and compares the ids with `expected`, case numbers 1–5
 * in order, terminated by 0. */
static RdLedgerResult *
assert_finds (Fixture              *f,
              const RdLedgerFilter *filter,
              const int            *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdLedgerResult) result = NULL;
  g_autoptr(GString) want = g_string_new (NULL);
  g_autoptr(GString) got = g_string_new (NULL);

  result = rd_ledger_query_run (rd_store_get_db (f->store), filter, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; expected[i] != 0; i++)
    g_string_append_printf (want, "%d ", expected[i]);
  for (guint i = 0; i < result->ids->len; i++)
    for (guint k = 1; k < G_N_ELEMENTS (f->ids); k++)
      if (f->ids[k] == g_array_index (result->ids, gint64, i))
        g_string_append_printf (got, "%u ", k);

  g_assert_cmpuint (result->ids->len, ==, got->len / 2);
  g_assert_cmpstr (got->str, ==, want->str);
  return g_steal_pointer (&result);
}

#define FINDS(filter, ...) G_STMT_START { \
    const int expected_[] = { __VA_ARGS__, 0 }; \
    rd_ledger_result_free (assert_finds (f, filter, expected_)); \
  } G_STMT_END
#define FINDS_NONE(filter) G_STMT_START { \
    const int expected_[] = { 0 }; \
    rd_ledger_result_free (assert_finds (f, filter, expected_)); \
  } G_STMT_END

static void
assert_total (RdLedgerResult *result,
              guint           index,
              const char     *currency,
              guint           count,
              gint64          paid,
              gint64          approved)
{
  const RdLedgerTotal *total;

  g_assert_cmpuint (index, <, result->totals->len);
  total = &g_array_index (result->totals, RdLedgerTotal, index);
  g_assert_cmpstr (total->currency, ==, currency);
  g_assert_cmpuint (total->count, ==, count);
  g_assert_cmpint (total->paid, ==, paid);
  g_assert_cmpint (total->approved, ==, approved);
  g_assert_true (rd_ledger_totals_lookup (result->totals, currency) == total);
}

static void
test_all_and_sums (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RdLedgerFilter) filter = rd_ledger_filter_new ();
  const int expected[] = { 4, 1, 5, 2, 3, 0 };
  g_autoptr(RdLedgerResult) result = assert_finds (f, filter, expected);

  assert_total (result, 0, "CNY", 5, 1000 + 2500 + 300 + 5000 + 700, 2000 + 300 + 0);
  g_assert_cmpuint (result->totals->len, ==, 1);

  g_clear_pointer (&result, rd_ledger_result_free);
  filter->status = RD_CASE_STATUS_PAID;
  {
    const int paid[] = { 5, 2, 0 };
    result = assert_finds (f, filter, paid);
  }
  assert_total (result, 0, "CNY", 2, 3200, 2000);
  g_assert_cmpuint (result->totals->len, ==, 1);

  /* No case: no total. */
  g_clear_pointer (&result, rd_ledger_result_free);
  filter->year = 2020;
  filter->month = 1;
  result = assert_finds (f, filter, (const int[]) { 0 });
  g_assert_cmpuint (result->totals->len, ==, 0);
}

/* A ledger in CNY, USD and JPY: amounts of different currencies are never
 * added; each currency's sums are exact under a filter, whatever the sort;
 * codes stored in lower case count in their currency. */
static void
test_currencies (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(RdLedgerFilter) filter = rd_ledger_filter_new ();
  g_autoptr(RdLedgerResult) result = NULL;
  g_autoptr(GError) error = NULL;
  struct {
    const char  *channel;
    const char  *currency;
    gint64       amount;
    gint64       approved;
    RdCaseStatus status;
    const char  *requested;
  } more[] = {
    { "taobao", "USD", 1250, -1,  RD_CASE_STATUS_REQUESTED, "2026-03-02T08:00:00Z" },
    { "taobao", "usd", 999,  999, RD_CASE_STATUS_PAID,      "2026-03-03T08:00:00Z" },
    { "taobao", "JPY", 800,  500, RD_CASE_STATUS_APPROVED,  "2026-03-04T08:00:00Z" },
    { "jd",     "USD", 5000, -1,  RD_CASE_STATUS_REQUESTED, "2026-03-04T09:00:00Z" },
    { "taobao", "cny", 40,   -1,  RD_CASE_STATUS_REQUESTED, "2026-03-05T08:00:00Z" },
    { "taobao", "JPY", 300,  -1,  RD_CASE_STATUS_REQUESTED, "2026-02-10T08:00:00Z" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (more); i++)
    {
      g_autoptr(RdCase) c = rd_case_new ();
      g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (more[i].requested, NULL);

      c->channel = g_strdup (more[i].channel);
      c->order_no = g_strdup_printf ("FX-%u", i);
      c->kind = RD_REFUND_KIND_REFUND_ONLY_UNSHIPPED;
      c->reason = g_strdup ("changed_mind");
      c->payment_method = RD_PAYMENT_METHOD_PAYPAL;
      g_free (c->currency);
      c->currency = g_strdup (more[i].currency);
      c->exchange_rate = g_strdup ("7.1000");
      c->amount_paid = more[i].amount;
      c->approved_amount = more[i].approved;
      c->status = more[i].status;
      c->requested_at = g_date_time_to_unix (dt);
      g_assert_true (rd_case_store_insert (f->store, c, "tester", &error));
      g_assert_no_error (error);
    }

  /* Every case: CNY first, then by code. */
  result = rd_ledger_query_run (rd_store_get_db (f->store), filter, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->ids->len, ==, 11);
  g_assert_cmpuint (result->totals->len, ==, 3);
  assert_total (result, 0, "CNY", 6, 1000 + 2500 + 300 + 5000 + 700 + 40, 2000 + 300 + 0);
  assert_total (result, 1, "JPY", 2, 800 + 300, 500);
  assert_total (result, 2, "USD", 3, 1250 + 999 + 5000, 999);
  g_assert_null (rd_ledger_totals_lookup (result->totals, "EUR"));
  g_clear_pointer (&result, rd_ledger_result_free);

  /* Taobao in March 2026, in every sort: cases 1 and 5 and the lower-case
   * "cny" one in CNY; the jd case and the February one left out. */
  filter->channel = g_strdup ("taobao");
  filter->year = 2026;
  filter->month = 3;
  for (int sort = RD_LEDGER_SORT_REQUESTED_AT; sort <= RD_LEDGER_SORT_STATUS; sort++)
    {
      filter->sort = sort;
      filter->ascending = sort == RD_LEDGER_SORT_AMOUNT;
      result = rd_ledger_query_run (rd_store_get_db (f->store), filter, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (result->ids->len, ==, 6);
      g_assert_cmpuint (result->totals->len, ==, 3);
      assert_total (result, 0, "CNY", 3, 1000 + 700 + 40, 0);
      assert_total (result, 1, "JPY", 1, 800, 500);
      assert_total (result, 2, "USD", 2, 1250 + 999, 999);
      g_clear_pointer (&result, rd_ledger_result_free);
    }

  /* A page of the list carries no totals. */
  result = rd_ledger_query_run_range (rd_store_get_db (f->store), filter, 1, 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->ids->len, ==, 2);
  g_assert_cmpuint (result->totals->len, ==, 0);
  g_clear_pointer (&result, rd_ledger_result_free);

  /* No CNY case in the filter: no CNY total. */
  g_free (filter->channel);
  filter->channel = g_strdup ("jd");
  result = rd_ledger_query_run (rd_store_get_db (f->store), filter, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->totals->len, ==, 1);
  assert_total (result, 0, "USD", 1, 5000, 0);
  g_assert_null (rd_ledger_totals_lookup (result->totals, "CNY"));
  g_clear_pointer (&result, rd_ledger_result_free);

  /* Free text too: "fx-" finds the six new cases. */
  g_clear_pointer (&filter->channel, g_free);
  filter->year = filter->month = 0;
  rd_ledger_filter_set_text (filter, "fx-");
  result = rd_ledger_query_run (rd_store_get_db (f->store), filter, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->ids->len, ==, 6);
  assert_total (result, 0, "CNY", 1, 40, 0);
  assert_total (result, 1, "JPY", 2, 1100, 500);
  assert_total (result, 2, "USD", 3, 7249, 999);
}

static void
insert_raw (Fixture    *f,
            const char *case_no,
            const char *currency,
            gint64      amount)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO cases (case_no, channel, order_no, kind, reason,"
                                          " payment_method, currency, amount_paid, status, requested_at, created_at)"
                                          " VALUES ('%s', 'wish', '%s', 'refund_only_unshipped', 'changed_mind',"
                                          " 'paypal', '%s', %" G_GINT64_FORMAT ", 'requested', %" G_GINT64_FORMAT ","
                                          " %" G_GINT64_FORMAT ")",
                                          case_no, case_no, currency, amount, NOW, NOW);

  rd_test_raw_exec (rd_store_get_db (f->store), sql);
}

/* Sums that do not fit in 64 bits: amounts of two currencies never add up,
 * so each may come close to the limit; within one currency (whatever the
 * spelling of its code) the query fails with OVERFLOW, it never wraps. */
static void
test_sums_overflow (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(RdLedgerFilter) filter = rd_ledger_filter_new ();
  g_autoptr(RdLedgerResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 big = G_MAXINT64 - 5;

  filter->channel = g_strdup ("wish");
  insert_raw (f, "X-1", "USD", big);
  insert_raw (f, "X-2", "JPY", big);
  result = rd_ledger_query_run (rd_store_get_db (f->store), filter, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->totals->len, ==, 2);
  assert_total (result, 0, "JPY", 1, big, 0);
  assert_total (result, 1, "USD", 1, big, 0);
  g_clear_pointer (&result, rd_ledger_result_free);

  /* "usd" is USD: its 10 do not fit on top. */
  insert_raw (f, "X-3", "usd", 10);
  result = rd_ledger_query_run (rd_store_get_db (f->store), filter, NULL, &error);
  g_assert_error (error, RD_LEDGER_QUERY_ERROR, RD_LEDGER_QUERY_ERROR_OVERFLOW);
  g_assert_null (result);
  g_clear_error (&error);
  rd_test_raw_exec (rd_store_get_db (f->store), "DELETE FROM cases WHERE case_no = 'X-3'");

  /* Nor another JPY case, in any sort. */
  insert_raw (f, "X-4", "JPY", 10);
  for (int sort = RD_LEDGER_SORT_REQUESTED_AT; sort <= RD_LEDGER_SORT_STATUS; sort++)
    {
      filter->sort = sort;
      result = rd_ledger_query_run (rd_store_get_db (f->store), filter, NULL, &error);
      g_assert_error (error, RD_LEDGER_QUERY_ERROR, RD_LEDGER_QUERY_ERROR_OVERFLOW);
      g_assert_null (result);
      g_clear_error (&error);
    }

  /* A page of the list has no sums to overflow. */
  result = rd_ledger_query_run_range (rd_store_get_db (f->store), filter, 0, 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->ids->len, ==, 3);
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(RdLedgerFilter) filter = rd_ledger_filter_new ();

  filter->now = NOW;
  filter->year = 2026;
  filter->month = 3;
  FINDS (filter, 4, 1, 5);
  filter->month = 2;
  FINDS (filter, 2);
  filter->year = 2025;
  FINDS_NONE (filter);
  filter->year = filter->month = 0;

  filter->status = RD_CASE_STATUS_CLOSED;
  FINDS (filter, 3);
  filter->status = RD_CASE_STATUS_NONE;

  filter->kind = RD_REFUND_KIND_RETURN_REFUND;
  FINDS (filter, 4, 1);
  filter->kind = RD_REFUND_KIND_NONE;

  filter->channel = g_strdup ("taobao");
  FINDS (filter, 1, 5);
  g_clear_pointer (&filter->channel, g_free);

  filter->reason = g_strdup ("changed_mind");
  FINDS (filter, 4, 2);
  g_clear_pointer (&filter->reason, g_free);

  /* Due within 48 h of NOW: open cases only, the overdue one included. */
  filter->due_within_hours = 48;
  FINDS (filter, 1);
  filter->due_within_hours = 24 * 5;
  FINDS (filter, 4, 1);
  filter->due_within_hours = 0;

  /* Paid and past the expected arrival date. */
  filter->follow_up = TRUE;
  FINDS (filter, 2);
  filter->now = NOW + 20 * DAY;
  FINDS (filter, 5, 2);
  filter->follow_up = FALSE;

  /* Criteria combine. */
  filter->year = 2026;
  filter->month = 3;
  filter->channel = g_strdup ("taobao");
  filter->status = RD_CASE_STATUS_PAID;
  FINDS (filter, 5);
}

/* The cases of an import (case_imports, schema version 14): that import's
 * cases only, with the other criteria, counted from the cases (not the
 * running totals), copied with the filter. */
static void
test_import_filter (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(RdLedgerFilter) filter = rd_ledger_filter_new ();
  g_autoptr(RdLedgerFilter) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  guint count = 0;

  g_assert_true (rd_store_begin (f->store, &error));
  sql = g_strdup_printf ("INSERT INTO imports (id, file_name, sha256, profile, channel, at, operator)"
                         " VALUES (1, 'a.csv', 'x', 'taobao', 'taobao', 1, 'tester'),"
                         " (2, 'b.csv', 'y', 'taobao', 'taobao', 2, 'tester');"
                         " INSERT INTO case_imports (import_id, case_id, row) VALUES"
                         " (1, %" G_GINT64_FORMAT ", 2), (1, %" G_GINT64_FORMAT ", 3), (2, %" G_GINT64_FORMAT ", 2);",
                         f->ids[1], f->ids[5], f->ids[3]);
  g_assert_true (rd_store_exec (f->store, sql, &error));
  g_assert_true (rd_store_commit (f->store, &error));
  g_assert_no_error (error);

  filter->import_id = 1;
  FINDS (filter, 1, 5);
  g_assert_true (rd_ledger_query_count (rd_store_get_db (f->store), filter, NULL, &count, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, 2);
  filter->import_id = 2;
  FINDS (filter, 3);
  filter->import_id = 3;
  FINDS_NONE (filter);
  g_assert_true (rd_ledger_query_count (rd_store_get_db (f->store), filter, NULL, &count, &error));
  g_assert_cmpuint (count, ==, 0);

  /* With another criterion, and through a copy (the ledger model's). */
  filter->import_id = 1;
  filter->status = RD_CASE_STATUS_PAID;
  copy = rd_ledger_filter_copy (filter);
  g_assert_cmpint (copy->import_id, ==, 1);
  FINDS (copy, 5);
  filter->import_id = 0;
  filter->status = RD_CASE_STATUS_NONE;
  FINDS (filter, 4, 1, 5, 2, 3);
}

/* The cases flagged for follow-up (case_platform.follow_up): only those,
 * with the other criteria, counted from the cases, copied with the filter;
 * a case read by an import but not flagged is not among them. */
static void
test_reopened_filter (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RdLedgerFilter) filter = rd_ledger_filter_new ();
  g_autoptr(RdLedgerFilter) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  guint count = 0;

  g_assert_true (rd_store_begin (f->store, &error));
  sql = g_strdup_printf ("INSERT INTO imports (id, file_name, sha256, profile, channel, at, operator)"
                         " VALUES (1, 'a.csv', 'x', 'taobao', 'taobao', 1, 'tester');"
                         " INSERT INTO case_platform (case_id, channel, platform_key, platform_state, follow_up,"
                         " import_id, row) VALUES"
                         " (%" G_GINT64_FORMAT ", 'taobao', 'A1', 'open', 1, 1, 2),"
                         " (%" G_GINT64_FORMAT ", 'taobao', 'A2', 'open', 1, 1, 3),"
                         " (%" G_GINT64_FORMAT ", 'taobao', 'A3', 'closed', 0, 1, 4);",
                         f->ids[2], f->ids[5], f->ids[3]);
  g_assert_true (rd_store_exec (f->store, sql, &error));
  g_assert_true (rd_store_commit (f->store, &error));
  g_assert_no_error (error);

  filter->reopened = TRUE;
  FINDS (filter, 5, 2);
  g_assert_true (rd_ledger_query_count (rd_store_get_db (f->store), filter, NULL, &count, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, 2);

  filter->channel = g_strdup ("taobao");
  copy = rd_ledger_filter_copy (filter);
  g_assert_true (copy->reopened);
  FINDS (copy, 5);

  /* Cleared in the table: no longer listed. */
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("UPDATE case_platform SET follow_up = 0 WHERE case_id = %" G_GINT64_FORMAT, f->ids[5]);
  g_assert_true (rd_store_exec (f->store, sql, &error));
  FINDS_NONE (copy);
  g_clear_pointer (&filter->channel, g_free);
  FINDS (filter, 2);

  filter->reopened = FALSE;
  FINDS (filter, 4, 1, 5, 2, 3);
}

static void
test_sorts (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(RdLedgerFilter) filter = rd_ledger_filter_new ();

  filter->ascending = TRUE;
  FINDS (filter, 3, 2, 5, 1, 4);

  filter->sort = RD_LEDGER_SORT_AMOUNT;
  FINDS (filter, 3, 5, 1, 2, 4);
  filter->ascending = FALSE;
  FINDS (filter, 4, 2, 1, 5, 3);

  /* Workflow order: requested, approved, paid, closed. */
  filter->sort = RD_LEDGER_SORT_STATUS;
  filter->ascending = TRUE;
  FINDS (filter, 1, 4, 5, 2, 3);
  filter->ascending = FALSE;
  FINDS (filter, 3, 5, 2, 4, 1);
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(RdLedgerFilter) filter = rd_ledger_filter_new ();
  struct { const char *text; int expected[6]; } cases[] = {
    { "张",          { 1 } },
    { "小",          { 1, 2 } },
    { "小明",        { 1 } },
    { "张小明",      { 1 } },
    { "4508",        { 1 } },
    /* One or two characters: the buyer's name only (schema version 13). */
    { "45",          { 0 } },
    { "4",           { 0 } },
    { "%",           { 0 } },
    { "_",           { 0 } },
    { "%_",          { 0 } },
    { "明",          { 1, 3 } },  /* the last character of a name */
    { "王",          { 2 } },
    { "li",          { 4 } },
    { "A",           { 4 } },
    { "e",           { 4 } },
    { "ce",          { 4 } },
    { "ec",          { 0 } },
    { "0%_",         { 2 } },
    { "100%_off",    { 2 } },
    { "a_b",         { 5 } },
    { "a%b",         { 0 } },
    { "*",           { 0 } },
    { "1*1",         { 0 } },
    { "[1]",         { 0 } },
    { "'",           { 0 } },
    { "sf123",       { 3 } },
    { "SF1234567",   { 3 } },
    { "as-98",       { 4 } },
    { "ALICE",       { 4 } },
    { "  李明  ",    { 3 } },
    { "789张",       { 0 } },   /* never across two fields */
    { "9\n\n\n张",     { 0 } },
    { "231122-100",  { 2 } },
    { "",            { 4, 1, 5, 2, 3 } },
    { "   ",         { 4, 1, 5, 2, 3 } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("search “%s”", cases[i].text);
      rd_ledger_filter_set_text (filter, cases[i].text);
      rd_ledger_result_free (assert_finds (f, filter, cases[i].expected));
    }

  /* Text combines with the other criteria. */
  rd_ledger_filter_set_text (filter, "小");
  filter->year = 2026;
  filter->month = 3;
  FINDS (filter, 1);
}

/* The first column of the first row of sql, as text. */
static char *
raw_text (sqlite3    *db,
          const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* Intercepts of cases 3 (two), 4 and 1, and one registered by hand (no
 * case), with their numbers as the register stores them (upper case): the
 * search finds a case by any of them, in any case of letters, short or long,
 * once however many of its numbers match, with the other criteria; and
 * registering them wrote nothing into the cases' search text (schema
 * version 10: what keeps writing intercepts cheap). */
static void
test_search_intercepts (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(RdLedgerFilter) filter = rd_ledger_filter_new ();
  g_autoptr(sqlite3_stmt) insert = NULL;
  sqlite3 *db = rd_store_get_db (f->store);
  const struct { const char *tracking; int case_index; } intercepts[] = {
    { "ZT1357924680", 3 },
    { "SF1234567000", 3 },
    { "ZT2468", 4 },
    { "QX9", 1 },
    { "JT5550001", 0 },
  };
  struct { const char *text; int expected[6]; } cases[] = {
    { "zt1357924680",    { 3 } },
    { " ZT13579246 ",    { 3 } },
    { "13579",           { 3 } },
    { "sf123",           { 3 } },   /* its return's and its intercept's: once */
    { "sf1234567000",    { 3 } },
    { "zt",              { 0 } },   /* two characters: names only */
    { "246",             { 4, 3 } },
    { "Zt2",             { 4 } },
    { "qx",              { 0 } },
    { "qx9",             { 1 } },
    { "x",               { 0 } },
    { "jt555",           { 0 } },   /* registered by hand: no case */
    { "qx9 ",            { 1 } },
    { "qx9zt",           { 0 } },
    { "zt*",             { 0 } },
    { "zt%",             { 0 } },
    { "zt\n13579",       { 0 } },
  };
  g_autofree char *text_before = NULL;
  g_autofree char *text_after = NULL;

  text_before = raw_text (db, "SELECT group_concat (text, '|') FROM (SELECT text FROM case_text ORDER BY id)");
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO intercepts (courier, tracking_no, case_id, amount, status,"
                                           " created_at, updated_at, operator) VALUES ('zto', ?1, ?2, 100, 'requested',"
                                           " ?3, ?3, 'tester')", -1, &insert, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < G_N_ELEMENTS (intercepts); i++)
    {
      sqlite3_reset (insert);
      sqlite3_bind_text (insert, 1, intercepts[i].tracking, -1, SQLITE_STATIC);
      if (intercepts[i].case_index != 0)
        sqlite3_bind_int64 (insert, 2, f->ids[intercepts[i].case_index]);
      else
        sqlite3_bind_null (insert, 2);
      sqlite3_bind_int64 (insert, 3, NOW);
      g_assert_cmpint (sqlite3_step (insert), ==, SQLITE_DONE);
    }
  text_after = raw_text (db, "SELECT group_concat (text, '|') FROM (SELECT text FROM case_text ORDER BY id)");
  g_assert_cmpstr (text_after, ==, text_before);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("search “%s”", cases[i].text);
      rd_ledger_filter_set_text (filter, cases[i].text);
      rd_ledger_result_free (assert_finds (f, filter, cases[i].expected));
    }

  /* Text combines with the other criteria. */
  rd_ledger_filter_set_text (filter, "246");
  filter->status = RD_CASE_STATUS_APPROVED;
  FINDS (filter, 4);
  filter->status = RD_CASE_STATUS_NONE;
  filter->year = 2026;
  filter->month = 1;
  FINDS (filter, 3);
}

static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RdLedgerFilter) filter = rd_ledger_filter_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RdLedgerResult) result = NULL;

  g_cancellable_cancel (cancellable);
  result = rd_ledger_query_run (rd_store_get_db (f->store), filter, cancellable, &error);
  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* The connection is usable afterwards. */
  result = rd_ledger_query_run (rd_store_get_db (f->store), filter, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->ids->len, ==, 5);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/rd/ledger-query/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("all-and-sums", test_all_and_sums);
  ADD ("currencies", test_currencies);
  ADD ("sums-overflow", test_sums_overflow);
  ADD ("filters", test_filters);
  ADD ("import-filter", test_import_filter);
  ADD ("reopened-filter", test_reopened_filter);
  ADD ("sorts", test_sorts);
  ADD ("search", test_search);
  ADD ("search-intercepts", test_search_intercepts);
  ADD ("cancelled", test_cancelled);
#undef ADD

  return g_test_run ();
}
