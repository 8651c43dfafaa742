/* test-ledger-totals.c
 *
 * The running totals of schema version 13 (case_totals: count, amount paid
 * and approved amount per UTC month of requested_at, status, kind, channel,
 * reason and currency) equal a direct count and SUM over the cases after
 * every kind of write — case by case, several at once, bulk writing,
 * updates of the status, the amount and the approval, a month moved,
 * deletes — and the ledger's count and footer read from them
 * (rd_ledger_query_totals, rd_ledger_query_count) equal the walk over the
 * cases (rd_ledger_query_run) for filters of every kind, in UTC and in
 * time zones whose months start hours away from UTC's, with summer time.
 * The migration's filling is checked by test-store-migrate.
 */
#include "config.h"

#include <locale.h>
#include <time.h>

#include "rd-case-bulk.h"
#include "rd-case-store.h"
#include "rd-ledger-query.h"
#include "rd-store.h"
#include "rd-test-ledger.h"

/* 2025-12-31 20:00 UTC: within hours of a month's end in UTC+8 and UTC-5. */
#define T0 G_GINT64_CONSTANT (1767211200)

static const char *const channels[] = { "taobao", "jd", "pinduoduo" };
static const char *const reasons[] = { "quality_problem", "changed_mind" };
static const char *const currencies[] = { "CNY", "USD", "JPY", "usd" };

typedef struct
{
  char    *dir;
  RdStore *store;
  guint    n;
} Fixture;

static RdCase *
make_case (guint i)
{
  RdCase *c = rd_case_new ();

  c->channel = g_strdup (channels[i % G_N_ELEMENTS (channels)]);
  c->order_no = g_strdup_printf ("T-%06u", i);
  c->buyer_name = g_strdup (i % 2 ? "张小明" : "Lily");
  c->kind = 1 + i % 3;
  c->reason = g_strdup (reasons[i % G_N_ELEMENTS (reasons)]);
  c->payment_method = RD_PAYMENT_METHOD_ALIPAY;
  c->currency = g_strdup (currencies[(i / 5) % G_N_ELEMENTS (currencies)]);
  c->amount_paid = 100 + (gint64) i * 37;
  if (i % 4 == 1)
    {
      c->approved_amount = 50 + i;
      c->status = RD_CASE_STATUS_APPROVED;
    }
  /* Every 97 minutes over about two months and a half, around T0. */
  c->requested_at = T0 - 40 * 86400 + (gint64) i * 97 * 60;
  c->created_at = c->requested_at + 30;
  return c;
}

/* case_totals holds exactly the count and sums of the cases. */
static void
assert_table_equals_cases (RdStore *store)
{
  sqlite3 *db = rd_store_get_db (store);

  g_assert_cmpint (rd_test_raw_int (db,
    "WITH direct AS (SELECT unixepoch (requested_at, 'unixepoch', 'start of month') AS month, status, kind,"
    "  channel, reason, currency, count(*) AS n, sum (amount_paid) AS paid,"
    "  coalesce (sum (approved_amount), 0) AS approved FROM cases GROUP BY 1, 2, 3, 4, 5, 6)"
    " SELECT (SELECT count(*) FROM (SELECT * FROM direct EXCEPT SELECT * FROM case_totals))"
    "      + (SELECT count(*) FROM (SELECT * FROM case_totals EXCEPT SELECT * FROM direct))"), ==, 0);
  g_assert_cmpint (rd_test_raw_int (db, "SELECT coalesce (sum (n), 0) FROM case_totals"), ==,
                   rd_test_raw_int (db, "SELECT count(*) FROM cases"));
  g_assert_cmpint (rd_test_raw_int (db, "SELECT count(*) FROM case_totals WHERE n <= 0"), ==, 0);
}

static void
assert_totals_equal (GArray *a,
                     GArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      const RdLedgerTotal *x = &g_array_index (a, RdLedgerTotal, i);
      const RdLedgerTotal *y = &g_array_index (b, RdLedgerTotal, i);

      g_assert_cmpstr (x->currency, ==, y->currency);
      g_assert_cmpuint (x->count, ==, y->count);
      g_assert_cmpint (x->paid, ==, y->paid);
      g_assert_cmpint (x->approved, ==, y->approved);
    }
}

/* The totals and count of filter, from the running totals, equal those of
 * the walk over its cases. */
static void
assert_filter (RdStore              *store,
               const RdLedgerFilter *filter)
{
  sqlite3 *db = rd_store_get_db (store);
  g_autoptr(RdLedgerResult) walk = NULL;
  g_autoptr(GArray) totals = NULL;
  g_autoptr(GError) error = NULL;
  guint count = G_MAXUINT, counted = G_MAXUINT;

  walk = rd_ledger_query_run (db, filter, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (rd_ledger_query_totals (db, filter, NULL, &count, &totals, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, walk->ids->len);
  assert_totals_equal (totals, walk->totals);
  g_assert_true (rd_ledger_query_count (db, filter, NULL, &counted, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counted, ==, walk->ids->len);
}

/* Every month of the cases and none, with each filter column alone and a
 * few together, in the current time zone. */
static void
assert_filters (RdStore *store)
{
  g_autoptr(RdLedgerFilter) filter = rd_ledger_filter_new ();
  const struct { int year, month; } months[] = { { 0, 0 }, { 2025, 11 }, { 2025, 12 }, { 2026, 1 }, { 2026, 2 }, { 2027, 1 } };

  for (guint m = 0; m < G_N_ELEMENTS (months); m++)
    {
      filter->year = months[m].year;
      filter->month = months[m].month;
      for (guint v = 0; v < 7; v++)
        {
          g_clear_pointer (&filter->channel, g_free);
          g_clear_pointer (&filter->reason, g_free);
          filter->status = RD_CASE_STATUS_NONE;
          filter->kind = RD_REFUND_KIND_NONE;
          switch (v)
            {
            case 1: filter->status = RD_CASE_STATUS_APPROVED; break;
            case 2: filter->kind = RD_REFUND_KIND_RETURN_REFUND; break;
            case 3: filter->channel = g_strdup ("jd"); break;
            case 4: filter->reason = g_strdup ("changed_mind"); break;
            case 5:
              filter->kind = RD_REFUND_KIND_REFUND_ONLY_SHIPPED;
              filter->channel = g_strdup ("pinduoduo");
              break;
            case 6:
              filter->status = RD_CASE_STATUS_REQUESTED;
              filter->channel = g_strdup ("taobao");
              filter->reason = g_strdup ("quality_problem");
              break;
            default:
              break;
            }
          assert_filter (store, filter);
        }
    }
}

/* The filters in UTC and in zones whose local months start 8 hours before
 * (Shanghai) and 5 or 4 hours after (New York, with summer time) UTC's,
 * and 5:45 after (Kathmandu). */
static void
assert_filters_in_zones (RdStore *store)
{
  const char *const zones[] = { "UTC", "Asia/Shanghai", "America/New_York", "Asia/Kathmandu" };

  for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
    {
      g_test_message ("time zone %s", zones[z]);
      g_setenv ("TZ", zones[z], TRUE);
      tzset ();
      assert_filters (store);
    }
  g_setenv ("TZ", "UTC", TRUE);
  tzset ();
}

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
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  rd_test_remove_tree (f->dir);
  g_free (f->dir);
}

static void
insert_cases (Fixture *f,
              guint    n)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RdCase) c = make_case (f->n++);

      g_assert_true (rd_case_store_insert (f->store, c, "tester", &error));
      g_assert_no_error (error);
    }
}

static void
insert_bulk (Fixture *f,
             guint    n)
{
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_case_free);
  g_autoptr(GError) error = NULL;
  RdCaseBulk *bulk;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (cases, make_case (f->n++));
  bulk = rd_case_bulk_begin (f->store, "tester", &error);
  g_assert_no_error (error);
  g_assert_true (rd_case_bulk_add (bulk, (RdCase **) cases->pdata, cases->len, &error));
  g_assert_no_error (error);
  g_assert_true (rd_case_bulk_commit (bulk, &error));
  g_assert_no_error (error);
}

static void
delete_cases (Fixture    *f,
              const char *sql)
{
  sqlite3 *db = rd_test_raw_open (rd_store_get_path (f->store));

  rd_test_raw_exec (db, sql);
  sqlite3_close (db);
}

static void
update_case (Fixture *f,
             gint64   id,
             void   (*change) (RdCase *c))
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) c = rd_case_store_get (f->store, id, &error);

  g_assert_no_error (error);
  change (c);
  g_assert_true (rd_case_store_update (f->store, c, "tester", &error));
  g_assert_no_error (error);
}

static void
change_status (RdCase *c)
{
  c->status = RD_CASE_STATUS_CLOSED;
}

static void
change_amount (RdCase *c)
{
  c->amount_paid += 12345;
}

static void
change_approval (RdCase *c)
{
  c->approved_amount = c->amount_paid;
  c->status = RD_CASE_STATUS_APPROVED;
}

static void
change_month_and_currency (RdCase *c)
{
  c->requested_at += 31 * 86400;
  g_free (c->currency);
  c->currency = g_strdup ("JPY");
  g_free (c->channel);
  c->channel = g_strdup ("jd");
}

static void
change_name_only (RdCase *c)
{
  g_free (c->buyer_name);
  c->buyer_name = g_strdup ("王芳");
}

static void
test_writes (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_case_free);
  void (*changes[]) (RdCase *) = { change_status, change_amount, change_approval,
                                   change_month_and_currency, change_name_only };

  /* Empty. */
  assert_table_equals_cases (f->store);
  assert_filters (f->store);

  insert_cases (f, 300);
  assert_table_equals_cases (f->store);

  for (guint i = 0; i < 40; i++)
    g_ptr_array_add (many, make_case (f->n++));
  g_assert_true (rd_case_store_insert_many (f->store, (RdCase **) many->pdata, many->len, "tester", &error));
  g_assert_no_error (error);
  assert_table_equals_cases (f->store);

  insert_bulk (f, 500);
  assert_table_equals_cases (f->store);
  assert_filters_in_zones (f->store);

  for (guint i = 0; i < 60; i++)
    update_case (f, 1 + i * 13, changes[i % G_N_ELEMENTS (changes)]);
  assert_table_equals_cases (f->store);

  /* Deleted: every case of some combinations, so that their rows go (on
   * a connection of its own: the audit entries of a case refer to it). */
  delete_cases (f, "DELETE FROM cases WHERE id % 7 = 0 OR currency = 'usd'");
  assert_table_equals_cases (f->store);
  assert_filters_in_zones (f->store);

  /* A bulk on a ledger that has cases. */
  insert_bulk (f, 200);
  assert_table_equals_cases (f->store);
  assert_filters (f->store);
}

/* A sum too large for 64 bits does not stop the write; the ledger's totals
 * then come from the walk, which says they are too large, as before. */
static void
test_overflow (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(RdLedgerFilter) filter = rd_ledger_filter_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) totals = NULL;
  sqlite3 *db = rd_store_get_db (f->store);
  guint count = 0;

  insert_cases (f, 10);
  /* Two cases of one row of the totals. */
  g_assert_true (rd_store_exec (f->store, "UPDATE cases SET amount_paid = 9223372036854775000, channel = 'jd',"
                                " kind = 'return_refund', reason = 'other', currency = 'CNY', status = 'requested',"
                                " approved_amount = NULL, requested_at = 1767211200 WHERE id IN (1, 4)", &error));
  g_assert_no_error (error);
  g_assert_cmpint (rd_test_raw_int (db, "SELECT count(*) FROM case_totals WHERE typeof (paid) = 'real'"), ==, 1);
  g_assert_false (rd_ledger_query_totals (db, filter, NULL, &count, &totals, &error));
  g_assert_error (error, RD_LEDGER_QUERY_ERROR, RD_LEDGER_QUERY_ERROR_OVERFLOW);
  g_clear_error (&error);

  /* Back in range: a case deleted. */
  delete_cases (f, "DELETE FROM cases WHERE id = 4");
  assert_filter (f->store, filter);
  filter->channel = g_strdup ("taobao");
  assert_filter (f->store, filter);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/rd/ledger-totals/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("writes", test_writes);
  ADD ("overflow", test_overflow);
#undef ADD

  return g_test_run ();
}
