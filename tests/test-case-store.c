/* test-case-store.c
 *
 * Refund cases written and read through rd-case-store: every field kept,
 * case numbers per year, the duplicate guard, hostile input, and a ledger
 * file deleted or made read-only under an open store.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "rd-case-store.h"
#include "rd-ledger-query.h"
#include "rd-money.h"
#include "rd-store.h"
#include "rd-test-ledger.h"

typedef struct
{
  char    *dir;
  char    *path;
  RdStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = rd_test_make_tmp_dir ();
  f->path = g_build_filename (f->dir, "ledger.db", NULL);
  f->store = rd_store_open (f->path, RD_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  rd_test_add_operators (f->store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  rd_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* 2026-03-01 10:00 UTC */
#define T0 G_GINT64_CONSTANT (1772359200)

static RdCase *
new_case (const char *channel,
          const char *order_no,
          gint64      amount)
{
  RdCase *c = rd_case_new ();

  c->channel = g_strdup (channel);
  c->order_no = g_strdup (order_no);
  c->kind = RD_REFUND_KIND_RETURN_REFUND;
  c->reason = g_strdup ("quality_problem");
  c->payment_method = RD_PAYMENT_METHOD_ALIPAY;
  c->amount_paid = amount;
  c->requested_at = T0;
  c->created_at = T0 + 60;
  return c;
}

static gint64
count_cases (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 n = rd_store_count_cases (f->store, &error);

  g_assert_no_error (error);
  return n;
}

static void
test_insert_get_update (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) c = new_case ("taobao", "3512345678901234567", 12950);
  g_autoptr(RdCase) got = NULL;
  g_autoptr(RdCase) by_no = NULL;
  g_autoptr(RdCase) updated = NULL;
  g_autoptr(RdLedgerFilter) filter = rd_ledger_filter_new ();
  g_autoptr(RdLedgerResult) found = NULL;

  c->after_sales_no = g_strdup ("AS2026030100001");
  c->buyer_name = g_strdup ("张小明");
  c->buyer_contact = g_strdup ("13800138000");
  c->goods_kind = RD_GOODS_KIND_CUSTOM;
  c->order_state = g_strdup ("shipped");
  c->refund_route = RD_REFUND_ROUTE_ORIGINAL;
  c->currency = (g_free (c->currency), g_strdup ("USD"));
  c->exchange_rate = g_strdup ("7.1234");
  c->approved_amount = 12000;
  c->breakdown = g_strdup ("{\"total\":12000}");
  c->platform_deadline = T0 + 48 * 3600;
  c->expected_arrival = g_strdup ("2026-03-04");
  c->handler = g_strdup ("小王");
  c->approved_by = g_strdup ("店长");
  c->notes = g_strdup ("多行\n备注");
  c->return_tracking = g_strdup ("SF1234567890");
  c->resolution = RD_RESOLUTION_PARTIAL_REFUND;
  c->status = RD_CASE_STATUS_PAID;
  c->paid_at = T0 + 7200;

  g_assert_true (rd_case_store_insert (f->store, c, "alice", &error));
  g_assert_no_error (error);
  g_assert_cmpint (c->id, >, 0);
  g_assert_cmpstr (c->case_no, ==, "RF-2026-000001");
  g_assert_cmpstr (c->created_by, ==, "alice");

  got = rd_case_store_get (f->store, c->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->case_no, ==, "RF-2026-000001");
  g_assert_cmpstr (got->channel, ==, "taobao");
  g_assert_cmpstr (got->order_no, ==, "3512345678901234567");
  g_assert_cmpstr (got->after_sales_no, ==, "AS2026030100001");
  g_assert_cmpstr (got->buyer_name, ==, "张小明");
  g_assert_cmpstr (got->buyer_contact, ==, "13800138000");
  g_assert_cmpint (got->kind, ==, RD_REFUND_KIND_RETURN_REFUND);
  g_assert_cmpint (got->goods_kind, ==, RD_GOODS_KIND_CUSTOM);
  g_assert_cmpstr (got->order_state, ==, "shipped");
  g_assert_cmpstr (got->reason, ==, "quality_problem");
  g_assert_cmpint (got->payment_method, ==, RD_PAYMENT_METHOD_ALIPAY);
  g_assert_cmpint (got->refund_route, ==, RD_REFUND_ROUTE_ORIGINAL);
  g_assert_cmpstr (got->currency, ==, "USD");
  g_assert_cmpstr (got->exchange_rate, ==, "7.1234");
  g_assert_cmpint (got->amount_paid, ==, 12950);
  g_assert_cmpint (got->approved_amount, ==, 12000);
  g_assert_cmpstr (got->breakdown, ==, "{\"total\":12000}");
  g_assert_cmpint (got->requested_at, ==, T0);
  g_assert_cmpint (got->platform_deadline, ==, T0 + 48 * 3600);
  g_assert_cmpstr (got->expected_arrival, ==, "2026-03-04");
  g_assert_cmpstr (got->handler, ==, "小王");
  g_assert_cmpstr (got->created_by, ==, "alice");
  g_assert_cmpstr (got->approved_by, ==, "店长");
  g_assert_cmpstr (got->notes, ==, "多行\n备注");
  g_assert_cmpstr (got->return_tracking, ==, "SF1234567890");
  g_assert_cmpint (got->resolution, ==, RD_RESOLUTION_PARTIAL_REFUND);
  g_assert_cmpint (got->refusal_reason, ==, RD_REFUSAL_REASON_NONE);
  g_assert_cmpint (got->status, ==, RD_CASE_STATUS_PAID);
  g_assert_cmpint (got->created_at, ==, T0 + 60);
  g_assert_cmpint (got->updated_at, ==, T0 + 60);
  g_assert_cmpint (got->paid_at, ==, T0 + 7200);
  g_assert_cmpint (got->closed_at, ==, 0);

  by_no = rd_case_store_get_by_case_no (f->store, "RF-2026-000001", &error);
  g_assert_no_error (error);
  g_assert_cmpint (by_no->id, ==, c->id);

  /* Update: a new buyer name and status; the search follows. */
  g_free (got->buyer_name);
  got->buyer_name = g_strdup ("李四");
  got->status = RD_CASE_STATUS_CLOSED;
  got->closed_at = T0 + 86400;
  g_assert_true (rd_case_store_update (f->store, got, "bob", &error));
  g_assert_no_error (error);

  updated = rd_case_store_get (f->store, c->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (updated->buyer_name, ==, "李四");
  g_assert_cmpint (updated->status, ==, RD_CASE_STATUS_CLOSED);
  g_assert_cmpint (updated->closed_at, ==, T0 + 86400);
  g_assert_cmpstr (updated->created_by, ==, "alice");
  g_assert_cmpstr (updated->case_no, ==, "RF-2026-000001");
  g_assert_cmpint (updated->updated_at, >, T0 + 60);

  rd_ledger_filter_set_text (filter, "小明");
  found = rd_ledger_query_run (rd_store_get_db (f->store), filter, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->ids->len, ==, 0);
  g_clear_pointer (&found, rd_ledger_result_free);
  rd_ledger_filter_set_text (filter, "李四");
  found = rd_ledger_query_run (rd_store_get_db (f->store), filter, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->ids->len, ==, 1);

  /* Missing cases. */
  g_assert_null (rd_case_store_get (f->store, 9999, &error));
  g_assert_error (error, RD_CASE_STORE_ERROR, RD_CASE_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (rd_case_store_get_by_case_no (f->store, "RF-2026-999999", &error));
  g_assert_error (error, RD_CASE_STORE_ERROR, RD_CASE_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  updated->id = 9999;
  g_assert_false (rd_case_store_update (f->store, updated, "bob", &error));
  g_assert_error (error, RD_CASE_STORE_ERROR, RD_CASE_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (count_cases (f), ==, 1);
}

static void
test_case_numbers (Fixture       *f,
                   gconstpointer  data)
{
  /* created_at: 2025-12-31 23:00, then 2026, 2026, 2025 again. */
  const gint64 created[] = { 1767222000, 1767225600, 1767312000, 1767000000 };
  const char *expected[] = { "RF-2025-000001", "RF-2026-000001", "RF-2026-000002", "RF-2025-000002" };
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_case_free);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (created); i++)
    {
      g_autoptr(RdCase) c = new_case ("jd", "100200300400", 100);

      c->created_at = created[i];
      g_assert_true (rd_case_store_insert (f->store, c, "alice", &error));
      g_assert_no_error (error);
      g_assert_cmpstr (c->case_no, ==, expected[i]);
    }

  /* A batch continues the counter and is all or nothing. */
  for (guint i = 0; i < 3; i++)
    g_ptr_array_add (batch, new_case ("jd", "100200300401", 100));
  g_assert_true (rd_case_store_insert_many (f->store, (RdCase **) batch->pdata, 3, "alice", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (((RdCase *) batch->pdata[0])->case_no, ==, "RF-2026-000003");
  g_assert_cmpstr (((RdCase *) batch->pdata[2])->case_no, ==, "RF-2026-000005");

  g_ptr_array_set_size (batch, 0);
  g_ptr_array_add (batch, new_case ("jd", "100200300402", 100));
  g_ptr_array_add (batch, new_case ("jd", "", 100));   /* invalid */
  g_assert_false (rd_case_store_insert_many (f->store, (RdCase **) batch->pdata, 2, "alice", &error));
  g_assert_error (error, RD_CASE_ERROR, RD_CASE_ERROR_REQUIRED);
  g_clear_error (&error);
  g_assert_cmpint (((RdCase *) batch->pdata[0])->id, ==, 0);
  g_assert_null (((RdCase *) batch->pdata[0])->case_no);
  g_assert_cmpint (count_cases (f), ==, 7);

  /* The counter did not move for the failed batch. */
  {
    g_autoptr(RdCase) c = new_case ("jd", "100200300403", 100);
    g_assert_true (rd_case_store_insert (f->store, c, "alice", &error));
    g_assert_cmpstr (c->case_no, ==, "RF-2026-000006");
  }
}

static void
test_duplicates (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) open_case = new_case ("pinduoduo", "231122-123456789012345", 500);
  g_autoptr(RdCase) closed_case = new_case ("pinduoduo", "231122-123456789012345", 500);
  g_autoptr(RdCase) other_channel = new_case ("taobao", "231122-123456789012345", 500);
  g_autoptr(GPtrArray) found = NULL;

  closed_case->status = RD_CASE_STATUS_CLOSED;
  g_assert_true (rd_case_store_insert (f->store, closed_case, "a", &error));
  g_assert_true (rd_case_store_insert (f->store, open_case, "a", &error));
  g_assert_true (rd_case_store_insert (f->store, other_channel, "a", &error));
  g_assert_no_error (error);

  found = rd_case_store_find_open_duplicates (f->store, "pinduoduo", "231122-123456789012345", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (((RdCase *) found->pdata[0])->case_no, ==, open_case->case_no);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* The case being edited is not its own duplicate. */
  found = rd_case_store_find_open_duplicates (f->store, "pinduoduo", "231122-123456789012345", open_case->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Exact order number only. */
  found = rd_case_store_find_open_duplicates (f->store, "pinduoduo", "231122-12345678901234", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 0);
}

static void
test_bad_amounts (Fixture       *f,
                  gconstpointer  data)
{
  const char *bad[] = { "12.345", "-5", "-0.01", "abc", "12a", "", "1e3", "100000000000000" };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      gint64 amount = 0;
      gboolean parsed = rd_money_parse (bad[i], NULL, &amount, &error);

      if (parsed)
        {
          /* Parses ("-5", "100000000000000"), but a case refuses it. */
          g_autoptr(RdCase) c = new_case ("taobao", "1", amount);

          g_assert_false (rd_case_store_insert (f->store, c, "a", &error));
          g_assert_error (error, RD_CASE_ERROR, RD_CASE_ERROR_INVALID);
          g_assert_cmpint (c->id, ==, 0);
        }
      else
        g_assert_nonnull (error);
      g_clear_error (&error);
    }

  {
    g_autoptr(RdCase) c = new_case ("taobao", "1", RD_CASE_AMOUNT_LIMIT);
    g_assert_false (rd_case_store_insert (f->store, c, "a", &error));
    g_assert_error (error, RD_CASE_ERROR, RD_CASE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "Amount paid"));
    g_clear_error (&error);
  }
  {
    g_autoptr(RdCase) c = new_case ("taobao", "1", RD_CASE_AMOUNT_LIMIT - 1);
    g_assert_true (rd_case_store_insert (f->store, c, "a", &error));
    g_assert_no_error (error);
  }
  {
    g_autoptr(RdCase) c = new_case ("taobao", "2", 1000);
    c->approved_amount = 1001;
    g_assert_false (rd_case_store_insert (f->store, c, "a", &error));
    g_assert_error (error, RD_CASE_ERROR, RD_CASE_ERROR_INVALID);
    g_clear_error (&error);
  }
  g_assert_cmpint (count_cases (f), ==, 1);
}

static void
test_required_fields (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) c = new_case ("taobao", "1", 100);

  g_clear_pointer (&c->channel, g_free);
  g_assert_false (rd_case_validate (c, &error));
  g_assert_error (error, RD_CASE_ERROR, RD_CASE_ERROR_REQUIRED);
  g_assert_nonnull (strstr (error->message, "channel"));
  g_clear_error (&error);
  c->channel = g_strdup ("taobao");

  g_free (c->order_no);
  c->order_no = g_strdup ("   ");
  g_assert_false (rd_case_validate (c, &error));
  g_assert_nonnull (strstr (error->message, "order number"));
  g_clear_error (&error);
  c->order_no = (g_free (c->order_no), g_strdup ("1"));

  c->kind = RD_REFUND_KIND_NONE;
  g_assert_false (rd_case_validate (c, &error));
  g_assert_nonnull (strstr (error->message, "kind of refund"));
  g_clear_error (&error);
  c->kind = RD_REFUND_KIND_REFUND_ONLY_SHIPPED;

  g_clear_pointer (&c->reason, g_free);
  g_assert_false (rd_case_validate (c, &error));
  g_assert_nonnull (strstr (error->message, "reason"));
  g_clear_error (&error);
  c->reason = g_strdup ("parcel_lost");

  c->payment_method = RD_PAYMENT_METHOD_NONE;
  g_assert_false (rd_case_validate (c, &error));
  g_assert_nonnull (strstr (error->message, "payment method"));
  g_clear_error (&error);
  c->payment_method = RD_PAYMENT_METHOD_CASH;

  c->exchange_rate = g_strdup ("7,1");
  g_assert_false (rd_case_validate (c, &error));
  g_clear_error (&error);
  c->exchange_rate = (g_free (c->exchange_rate), g_strdup ("7.1"));

  c->expected_arrival = g_strdup ("2026-02-30");
  g_assert_false (rd_case_validate (c, &error));
  g_clear_error (&error);
  c->expected_arrival = (g_free (c->expected_arrival), g_strdup ("2026-02-28"));

  g_assert_true (rd_case_validate (c, &error));
  g_assert_no_error (error);
}

static void
test_hostile_text (Fixture       *f,
                   gconstpointer  data)
{
  const char *orders[] = {
    "'; DROP TABLE cases; --",
    "50%_off\"quoted\"",
    "订单🎉😀-123",
    "a'b\"c%d_e*f[g]?\\h",
    "1234567890123456789012345678901234567890123456789012345678901234",  /* 64 */
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) huge = g_string_new (NULL);
  g_autoptr(RdCase) too_long = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (orders); i++)
    {
      g_autoptr(RdCase) c = new_case ("taobao", orders[i], 100);
      g_autoptr(RdCase) got = NULL;
      g_autoptr(GPtrArray) dup = NULL;

      c->buyer_name = g_strdup (orders[i]);
      g_assert_true (rd_case_store_insert (f->store, c, "a", &error));
      g_assert_no_error (error);
      got = rd_case_store_get (f->store, c->id, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (got->order_no, ==, orders[i]);
      g_assert_cmpstr (got->buyer_name, ==, orders[i]);

      dup = rd_case_store_find_open_duplicates (f->store, "taobao", orders[i], 0, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (dup->len, ==, 1);
    }

  for (guint i = 0; i < 10000; i++)
    g_string_append_c (huge, '0' + i % 10);
  too_long = new_case ("taobao", huge->str, 100);
  g_assert_false (rd_case_store_insert (f->store, too_long, "a", &error));
  g_assert_error (error, RD_CASE_ERROR, RD_CASE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Order number"));
  g_assert_nonnull (strstr (error->message, "64"));
  g_clear_error (&error);

  /* The table is intact. */
  g_assert_cmpint (count_cases (f), ==, G_N_ELEMENTS (orders));
  g_assert_true (rd_store_check_integrity (f->store, &error));
  g_assert_no_error (error);
}

static void
test_file_deleted (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) first = new_case ("taobao", "1001", 100);
  g_autoptr(RdCase) second = new_case ("taobao", "1002", 100);

  g_assert_true (rd_case_store_insert (f->store, first, "a", &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_unlink (f->path), ==, 0);
  g_assert_false (rd_case_store_insert (f->store, second, "a", &error));
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "deleted"));
  g_assert_cmpint (second->id, ==, 0);
  g_assert_null (second->case_no);
  g_clear_error (&error);

  first->status = RD_CASE_STATUS_CLOSED;
  g_assert_false (rd_case_store_update (f->store, first, "a", &error));
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_IO);
}

static void
test_file_read_only (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) first = new_case ("taobao", "1001", 100);
  g_autoptr(RdCase) second = new_case ("taobao", "1002", 100);
  g_autoptr(RdCase) kept = NULL;

  g_assert_true (rd_case_store_insert (f->store, first, "a", &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_chmod (f->path, 0444), ==, 0);
  g_assert_false (rd_case_store_insert (f->store, second, "a", &error));
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "read-only"));
  g_clear_error (&error);

  /* What was saved is still there, and saving works again once writable. */
  g_assert_cmpint (g_chmod (f->path, 0644), ==, 0);
  g_clear_object (&f->store);
  f->store = rd_store_open (f->path, RD_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  rd_test_add_operators (f->store);
  kept = rd_case_store_get_by_case_no (f->store, first->case_no, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept->order_no, ==, "1001");
  g_assert_true (rd_case_store_insert (f->store, second, "a", &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_cases (f), ==, 2);
}

/* A version 1 ledger migrated to the current schema: its cases read as
 * cases, are found by the search, and the counter continues. */
static void
test_migrated_v1 (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "ledger.db", NULL);
  g_autoptr(RdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) old = NULL;
  g_autoptr(RdCase) c = new_case ("taobao", "1", 100);
  g_autoptr(RdLedgerFilter) filter = rd_ledger_filter_new ();
  const char *texts[] = { "DY588", "门店-", "3871204459", "jd884512" };
  const guint found[] = { 1, 1, 2, 1 };

  rd_test_build_from_fixture (path, "ledger-v1.sql");
  store = rd_store_open (path, RD_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  rd_test_add_operators (store);

  old = rd_case_store_get_by_case_no (store, "RF-2026-000001", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (old->channel, ==, "wechat_shop");
  g_assert_cmpstr (old->order_no, ==, "WX-20260103-17");
  g_assert_cmpint (old->kind, ==, RD_REFUND_KIND_RETURN_REFUND);
  g_assert_cmpint (old->status, ==, RD_CASE_STATUS_REQUESTED);
  g_assert_cmpint (old->updated_at, ==, old->created_at);
  g_assert_cmpint (old->approved_amount, ==, -1);
  g_assert_cmpint (old->goods_kind, ==, RD_GOODS_KIND_STANDARD);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(RdLedgerResult) result = NULL;

      rd_ledger_filter_set_text (filter, texts[i]);
      result = rd_ledger_query_run (rd_store_get_db (store), filter, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (result->ids->len, ==, found[i]);
    }

  c->created_at = 1767700000;   /* 2026-01-06 */
  g_assert_true (rd_case_store_insert (store, c, "alice", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (c->case_no, ==, "RF-2026-000003");

  g_clear_object (&store);
  rd_test_remove_tree (dir);
}

/* Several cases in one statement keep each its own approved amount (an
 * unapproved case later in the batch must not clear an earlier one's). */
static void
test_insert_many_approved (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) a = new_case ("taobao", "TB-MANY-1", 10000);
  g_autoptr(RdCase) b = new_case ("taobao", "TB-MANY-2", 20000);
  g_autoptr(RdCase) read_a = NULL;
  g_autoptr(RdCase) read_b = NULL;
  RdCase *both[2];

  a->approved_amount = 7000;
  both[0] = a;
  both[1] = b;
  g_assert_true (rd_case_store_insert_many (f->store, both, 2, "Lin", &error));
  g_assert_no_error (error);

  read_a = rd_case_store_get (f->store, a->id, &error);
  g_assert_no_error (error);
  read_b = rd_case_store_get (f->store, b->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (read_a->approved_amount, ==, 7000);
  g_assert_cmpint (read_b->approved_amount, ==, -1);
}

/* The calculator's Apply to case: the breakdown and its total are stored
 * together and audited; an amount above what was paid, or a case already
 * approved, changes nothing. */
static void
test_apply_breakdown (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) c = new_case ("taobao", "TB-APPLY-1", 19800);
  g_autoptr(RdCase) read = NULL;
  sqlite3 *raw;

  g_assert_true (rd_case_store_insert (f->store, c, "Lin", &error));
  g_assert_no_error (error);

  g_assert_true (rd_case_store_apply_breakdown (f->store, c->id, "{\"total\":\"77.01\"}", 7701, "Lin", &error));
  g_assert_no_error (error);
  read = rd_case_store_get (f->store, c->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (read->approved_amount, ==, 7701);
  g_assert_cmpstr (read->breakdown, ==, "{\"total\":\"77.01\"}");
  g_assert_cmpint (read->status, ==, RD_CASE_STATUS_REQUESTED);
  g_clear_pointer (&read, rd_case_free);

  /* More than the amount paid: refused, the earlier breakdown stays. */
  g_assert_false (rd_case_store_apply_breakdown (f->store, c->id, "{\"total\":\"500.00\"}", 50000, "Lin", &error));
  g_assert_error (error, RD_CASE_ERROR, RD_CASE_ERROR_INVALID);
  g_clear_error (&error);
  read = rd_case_store_get (f->store, c->id, &error);
  g_assert_cmpint (read->approved_amount, ==, 7701);
  g_assert_cmpstr (read->breakdown, ==, "{\"total\":\"77.01\"}");
  g_clear_pointer (&read, rd_case_free);

  raw = rd_test_raw_open (f->path);
  g_assert_cmpint (rd_test_raw_int (raw, "SELECT count(*) FROM audit_log WHERE action = 'apply_breakdown' AND field = 'approved_amount'"), ==, 1);
  g_assert_cmpint (rd_test_raw_int (raw, "SELECT count(*) FROM audit_log WHERE action = 'apply_breakdown' AND field = 'breakdown'"), ==, 1);
  sqlite3_close (raw);

  /* Once approved, the amount is the approver's. */
  read = rd_case_store_get (f->store, c->id, &error);
  read->approved_by = g_strdup ("Wang");
  read->status = RD_CASE_STATUS_APPROVED;
  g_assert_true (rd_case_store_update (f->store, read, "Wang", &error));
  g_assert_no_error (error);
  g_assert_false (rd_case_store_apply_breakdown (f->store, c->id, "{}", 100, "Lin", &error));
  g_assert_error (error, RD_CASE_STORE_ERROR, RD_CASE_STORE_ERROR_CONFLICT);
  g_clear_error (&error);

  g_assert_false (rd_case_store_apply_breakdown (f->store, c->id + 100, "{}", 100, "Lin", &error));
  g_assert_error (error, RD_CASE_STORE_ERROR, RD_CASE_STORE_ERROR_NOT_FOUND);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/rd/case-store/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("insert-get-update", test_insert_get_update);
  ADD ("case-numbers", test_case_numbers);
  ADD ("duplicates", test_duplicates);
  ADD ("bad-amounts", test_bad_amounts);
  ADD ("required-fields", test_required_fields);
  ADD ("hostile-text", test_hostile_text);
  ADD ("file-deleted", test_file_deleted);
  ADD ("file-read-only", test_file_read_only);
  ADD ("apply-breakdown", test_apply_breakdown);
  ADD ("insert-many-approved", test_insert_many_approved);
#undef ADD
  g_test_add_func ("/rd/case-store/migrated-v1", test_migrated_v1);

  return g_test_run ();
}
