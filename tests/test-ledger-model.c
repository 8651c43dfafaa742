/* test-ledger-model.c
 *
 * RdLedgerModel driven by a GMainLoop: one items-changed per completed
 * query, pages of rows read on demand, a superseded query never shows,
 * refresh after a write, and the count and total.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <grp.h>
#include <locale.h>
#include <unistd.h>

#include "rd-case-store.h"
#include "rd-ledger-model.h"
#include "rd-ledger-row.h"
#include "rd-store.h"
#include "rd-test-ledger.h"

#define N_CASES 250
/* 2026-01-01 00:00 UTC */
#define T0 G_GINT64_CONSTANT (1767225600)

typedef struct
{
  char      *dir;
  char      *path;
  RdStore   *store;
  GMainLoop *loop;
  guint      n_changes;
  guint      last_removed;
  guint      last_added;
  guint      first_added;
  guint      total_added;
  guint      total_removed;
  gint64     total;

  /* What the first items-changed of a query saw. */
  gboolean   seen_first;
  gboolean   first_loading;
  guint      first_n_items;
  char      *first_top;        /* order number of row 0 */
  char      *first_bottom;     /* order number of the last row */
  gint64     first_id_200;
  gboolean   insert_newest;    /* insert a case on the first items-changed */
} Fixture;

static RdCase *
make_case (guint i)
{
  RdCase *c = rd_case_new ();

  c->channel = g_strdup (i % 2 ? "taobao" : "jd");
  c->order_no = g_strdup_printf ("ORDER-%04u", i);
  c->kind = RD_REFUND_KIND_RETURN_REFUND;
  c->reason = g_strdup ("changed_mind");
  c->payment_method = RD_PAYMENT_METHOD_ALIPAY;
  c->amount_paid = 100 + i;
  c->requested_at = T0 + i * 3600;
  c->created_at = T0 + i * 3600;
  c->status = i % 5 == 0 ? RD_CASE_STATUS_CLOSED : RD_CASE_STATUS_REQUESTED;
  return c;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_case_free);

  f->dir = rd_test_make_tmp_dir ();
  f->path = g_build_filename (f->dir, "ledger.db", NULL);
  f->store = rd_store_open (f->path, RD_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  rd_test_add_operators (f->store);
  f->loop = g_main_loop_new (NULL, FALSE);

  for (guint i = 0; i < N_CASES; i++)
    {
      g_ptr_array_add (cases, make_case (i));
      f->total += 100 + i;
    }
  g_assert_true (rd_case_store_insert_many (f->store, (RdCase **) cases->pdata, cases->len, "tester", &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_free (f->first_top);
  g_free (f->first_bottom);
  g_clear_object (&f->store);
  g_main_loop_unref (f->loop);
  rd_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* The list only grows or shrinks at its end: a new list is shown in the
 * rows already handed out (::replaced), never as "every row replaced". */
static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *f)
{
  g_assert_true ((removed == 0) != (added == 0));
  g_assert_cmpuint (position, ==, g_list_model_get_n_items (model) - added);
  f->last_removed = removed;
  f->last_added = added;
  if (added > 0 && f->first_added == 0)
    f->first_added = added;
  f->total_added += added;
  f->total_removed += removed;
}

static void
on_replaced (RdLedgerModel *model,
             Fixture       *f)
{
  f->n_changes++;
}

static void
on_loading (RdLedgerModel *model,
            GParamSpec    *pspec,
            Fixture       *f)
{
  if (!rd_ledger_model_get_loading (model))
    g_main_loop_quit (f->loop);
}

static void
on_failed (RdLedgerModel *model,
           const char    *message,
           gpointer       user_data)
{
  g_error ("the model failed: %s", message);
}

static RdLedgerModel *
new_model (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  RdLedgerModel *model = rd_ledger_model_new (f->path, &error);

  g_assert_no_error (error);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), f);
  g_signal_connect (model, "replaced", G_CALLBACK (on_replaced), f);
  g_signal_connect (model, "notify::loading", G_CALLBACK (on_loading), f);
  return model;
}

static void
wait_loaded (Fixture       *f,
             RdLedgerModel *model)
{
  g_assert_true (rd_ledger_model_get_loading (model));
  g_main_loop_run (f->loop);
  g_assert_false (rd_ledger_model_get_loading (model));
}

/* The model's totals are the CNY ones alone: count cases, Σ paid. */
static void
assert_cny_total (RdLedgerModel *model,
                  guint          count,
                  gint64         paid)
{
  GArray *totals = rd_ledger_model_get_totals (model);
  const RdLedgerTotal *cny;

  g_assert_cmpuint (totals->len, ==, 1);
  cny = &g_array_index (totals, RdLedgerTotal, 0);
  g_assert_cmpstr (cny->currency, ==, "CNY");
  g_assert_cmpuint (cny->count, ==, count);
  g_assert_cmpint (cny->paid, ==, paid);
}

static void
test_paging (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(RdLedgerModel) model = new_model (f);
  g_autoptr(RdLedgerFilter) filter = rd_ledger_filter_new ();
  g_autoptr(RdLedgerRow) first = NULL;
  g_autoptr(RdLedgerRow) middle = NULL;
  g_autoptr(RdLedgerRow) last = NULL;
  guint n_items = 0;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == RD_TYPE_LEDGER_ROW);

  rd_ledger_model_set_query (model, filter);
  wait_loaded (f, model);

  /* Grown from empty a screenful (40 rows) at a time, to 240, then the
   * rest: GTK builds the widgets of the rows it adds near the top. */
  g_assert_cmpuint (f->n_changes, ==, 1);
  g_assert_cmpuint (f->total_removed, ==, 0);
  g_assert_cmpuint (f->first_added, ==, 40);
  g_assert_cmpuint (f->last_added, ==, N_CASES - 240);
  g_assert_cmpuint (f->total_added, ==, N_CASES);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_CASES);
  g_object_get (model, "n-items", &n_items, NULL);
  g_assert_cmpuint (n_items, ==, N_CASES);
  g_assert_cmpuint (rd_ledger_model_get_count (model), ==, N_CASES);
  assert_cny_total (model, N_CASES, f->total);

  /* Newest first, rows from three different pages. */
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (rd_ledger_row_get_order_no (first), ==, "ORDER-0249");
  g_assert_cmpint (rd_ledger_row_get_requested_at (first), ==, T0 + 249 * 3600);
  g_assert_cmpint (rd_ledger_row_get_amount_paid (first), ==, 349);
  g_assert_cmpstr (rd_ledger_row_get_channel (first), ==, "taobao");
  g_assert_cmpint (rd_ledger_row_get_kind (first), ==, RD_REFUND_KIND_RETURN_REFUND);
  g_assert_cmpint (rd_ledger_row_get_status (first), ==, RD_CASE_STATUS_REQUESTED);
  g_assert_cmpstr (rd_ledger_row_get_currency (first), ==, "CNY");
  g_assert_true (g_str_has_prefix (rd_ledger_row_get_case_no (first), "RF-2026-"));

  middle = g_list_model_get_item (G_LIST_MODEL (model), 150);
  g_assert_cmpstr (rd_ledger_row_get_order_no (middle), ==, "ORDER-0099");
  g_assert_cmpint (rd_ledger_row_get_id (middle), ==, rd_ledger_model_get_id (model, 150));
  g_assert_cmpint (rd_ledger_model_find_id (model, rd_ledger_row_get_id (middle)), ==, 150);

  last = g_list_model_get_item (G_LIST_MODEL (model), N_CASES - 1);
  g_assert_cmpstr (rd_ledger_row_get_order_no (last), ==, "ORDER-0000");
  g_assert_cmpint (rd_ledger_row_get_status (last), ==, RD_CASE_STATUS_CLOSED);

  /* Walking the whole list reads every row once per page, in order. */
  for (guint i = 0; i < N_CASES; i++)
    {
      g_autoptr(RdLedgerRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_autofree char *expected = g_strdup_printf ("ORDER-%04u", N_CASES - 1 - i);

      g_assert_cmpstr (rd_ledger_row_get_order_no (row), ==, expected);
    }

  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), N_CASES));
  g_assert_cmpuint (f->n_changes, ==, 1);
}

static void
test_superseded (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(RdLedgerModel) model = new_model (f);
  g_autoptr(RdLedgerFilter) closed = rd_ledger_filter_new ();
  g_autoptr(RdLedgerFilter) taobao = rd_ledger_filter_new ();
  g_autoptr(RdLedgerRow) row = NULL;
  g_autoptr(RdLedgerRow) beyond = NULL;
  guint removed_before;

  closed->status = RD_CASE_STATUS_CLOSED;
  taobao->channel = g_strdup ("taobao");

  /* The first query is replaced before it could be shown: only the
   * second one ever reaches the list. */
  rd_ledger_model_set_query (model, closed);
  rd_ledger_model_set_query (model, taobao);
  wait_loaded (f, model);

  g_assert_cmpuint (f->n_changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_CASES / 2);
  g_assert_cmpstr (rd_ledger_model_get_query (model)->channel, ==, "taobao");
  row = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (rd_ledger_row_get_channel (row), ==, "taobao");

  /* A new query replaces all rows at once; the cancelled task, whenever
   * it finishes, changes nothing. A small list shrinks a step (40 rows)
   * per turn, the rows beyond its new end blank meanwhile. */
  beyond = g_list_model_get_item (G_LIST_MODEL (model), 100);
  g_assert_cmpint (rd_ledger_row_get_id (beyond), !=, 0);
  removed_before = f->total_removed;
  rd_ledger_model_set_query (model, closed);
  wait_loaded (f, model);
  g_assert_cmpint (rd_ledger_row_get_id (beyond), ==, 0);
  g_assert_cmpuint (f->n_changes, ==, 2);
  g_assert_cmpuint (f->total_removed - removed_before, ==, N_CASES / 2 - N_CASES / 5);
  g_assert_cmpuint (f->last_removed, ==, N_CASES / 2 - N_CASES / 5 - 40);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_CASES / 5);
  g_clear_object (&row);
  row = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpint (rd_ledger_row_get_status (row), ==, RD_CASE_STATUS_CLOSED);
}

static void
test_refresh (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(RdLedgerModel) model = new_model (f);
  g_autoptr(RdLedgerFilter) filter = rd_ledger_filter_new ();
  g_autoptr(RdCase) c = make_case (N_CASES);
  g_autoptr(RdLedgerRow) row = NULL;
  g_autoptr(GError) error = NULL;

  rd_ledger_filter_set_text (filter, "order-02");
  rd_ledger_model_set_query (model, filter);
  wait_loaded (f, model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 50);

  g_assert_true (rd_case_store_insert (f->store, c, "tester", &error));
  g_assert_no_error (error);

  rd_ledger_model_refresh (model);
  wait_loaded (f, model);
  g_assert_cmpuint (f->n_changes, ==, 2);
  g_assert_cmpuint (f->last_added, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 51);
  row = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (rd_ledger_row_get_case_no (row), ==, c->case_no);
}

/* The first items-changed of a query: the count and first page are there,
 * the rest still loading. Reads the first and the last row. */
static void
on_first_items_changed (GListModel *model,
                        guint       position,
                        guint       removed,
                        guint       added,
                        Fixture    *f)
{
  g_autoptr(RdLedgerRow) top = NULL;

  if (f->seen_first)
    return;
  f->seen_first = TRUE;
  f->first_loading = rd_ledger_model_get_loading (RD_LEDGER_MODEL (model));
  /* The list is exposed a screenful at a time; the count is whole. */
  f->first_n_items = rd_ledger_model_get_count (RD_LEDGER_MODEL (model));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 40);

  if (f->insert_newest)
    {
      g_autoptr(RdCase) c = make_case (N_CASES);
      g_autoptr(GError) error = NULL;

      /* The ledger changes after the snapshot of the query. */
      g_assert_true (rd_case_store_insert (f->store, c, "tester", &error));
      g_assert_no_error (error);
    }

  top = g_list_model_get_item (model, 0);
  g_assert_null (g_list_model_get_item (model, f->first_n_items - 1));
  {
    /* The last position's case, read by position. */
    g_autoptr(GError) error = NULL;
    g_autoptr(RdCase) last = rd_case_store_get (f->store, rd_ledger_model_get_id (RD_LEDGER_MODEL (model), f->first_n_items - 1), &error);

    g_assert_no_error (error);
    f->first_bottom = g_strdup (last->order_no);
  }
  f->first_top = g_strdup (rd_ledger_row_get_order_no (top));
  f->first_id_200 = rd_ledger_model_get_id (RD_LEDGER_MODEL (model), 200);
}

static void
test_two_phases (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(RdLedgerModel) model = new_model (f);
  g_autoptr(RdLedgerFilter) filter = rd_ledger_filter_new ();
  g_autoptr(RdLedgerRow) bottom = NULL;

  g_signal_connect (model, "items-changed", G_CALLBACK (on_first_items_changed), f);
  rd_ledger_model_set_query (model, filter);
  wait_loaded (f, model);

  /* Shown while still loading: every case counted, the first page and a
   * row far beyond it readable at once. */
  g_assert_true (f->seen_first);
  g_assert_true (f->first_loading);
  g_assert_cmpuint (f->first_n_items, ==, N_CASES);
  g_assert_cmpstr (f->first_top, ==, "ORDER-0249");
  g_assert_cmpstr (f->first_bottom, ==, "ORDER-0000");

  /* The complete list changed nothing that was shown; the sums came. */
  g_assert_cmpuint (f->n_changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_CASES);
  g_assert_cmpint (rd_ledger_model_get_id (model, 200), ==, f->first_id_200);
  g_assert_cmpint (rd_ledger_model_find_id (model, f->first_id_200), ==, 200);
  assert_cny_total (model, N_CASES, f->total);
  bottom = g_list_model_get_item (G_LIST_MODEL (model), N_CASES - 1);
  g_assert_cmpstr (rd_ledger_row_get_order_no (bottom), ==, "ORDER-0000");
}

static void
test_two_phases_changed (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(RdLedgerModel) model = new_model (f);
  g_autoptr(RdLedgerFilter) filter = rd_ledger_filter_new ();
  g_autoptr(RdLedgerRow) bottom = NULL;
  g_autoptr(RdLedgerRow) top = NULL;

  /* A case inserted after the query's snapshot: the row read by position
   * (the last page) came from the newer ledger, one place off. */
  f->insert_newest = TRUE;
  g_signal_connect (model, "items-changed", G_CALLBACK (on_first_items_changed), f);
  rd_ledger_model_set_query (model, filter);
  wait_loaded (f, model);

  g_assert_true (f->first_loading);
  g_assert_cmpstr (f->first_bottom, ==, "ORDER-0001");

  /* The complete list (the snapshot) corrected it. */
  g_assert_cmpuint (f->n_changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_CASES);
  bottom = g_list_model_get_item (G_LIST_MODEL (model), N_CASES - 1);
  g_assert_cmpstr (rd_ledger_row_get_order_no (bottom), ==, "ORDER-0000");
  top = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (rd_ledger_row_get_order_no (top), ==, "ORDER-0249");
}

/* A WAL ledger in a folder where its -shm file cannot be created (a
 * colleague's folder, a read-only share): the model reads it as
 * rd_store_open does read-only. Root may write anywhere, so the model runs
 * in a subprocess as the user "nobody". */
static void
read_only_folder_child (const char *path)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(RdLedgerModel) model = NULL;
  g_autoptr(RdLedgerFilter) filter = rd_ledger_filter_new ();
  g_autoptr(RdLedgerRow) row = NULL;
  g_autoptr(GError) error = NULL;
  Fixture f = { 0 };

  if (getuid () == 0)
    g_assert_true (setgroups (0, NULL) == 0 && setgid (65534) == 0 && setuid (65534) == 0);

  f.loop = loop;
  model = rd_ledger_model_new (path, &error);
  g_assert_no_error (error);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &f);
  g_signal_connect (model, "notify::loading", G_CALLBACK (on_loading), &f);
  g_signal_connect (model, "failed", G_CALLBACK (on_failed), NULL);
  rd_ledger_model_set_query (model, filter);
  wait_loaded (&f, model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_CASES);
  row = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (rd_ledger_row_get_order_no (row), ==, "ORDER-0249");
}

static void
on_totals_notify (RdLedgerModel *model,
                  GParamSpec    *pspec,
                  guint         *n_notifies)
{
  (*n_notifies)++;
}

/* Cases in three currencies: the totals are per currency, CNY first, then
 * by code; a filter sums only its cases. */
static void
test_totals_per_currency (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(RdLedgerModel) model = new_model (f);
  g_autoptr(RdLedgerFilter) filter = rd_ledger_filter_new ();
  g_autoptr(GError) error = NULL;
  struct { const char *currency; const char *channel; gint64 amount; } foreign[] = {
    { "USD", "taobao", 1250 },   /* $12.50 */
    { "USD", "taobao", 999 },
    { "USD", "jd",     5000 },
    { "JPY", "taobao", 800 },    /* JP¥800 */
    { "JPY", "jd",     1200 },
  };
  GArray *totals;
  const RdLedgerTotal *t;
  guint n_notifies = 0;
  gint64 taobao_cny = 0;

  for (guint i = 0; i < G_N_ELEMENTS (foreign); i++)
    {
      g_autoptr(RdCase) c = make_case (N_CASES + i);

      g_free (c->currency);
      c->currency = g_strdup (foreign[i].currency);
      c->exchange_rate = g_strdup ("7.1000");
      g_free (c->channel);
      c->channel = g_strdup (foreign[i].channel);
      c->amount_paid = foreign[i].amount;
      c->status = RD_CASE_STATUS_REQUESTED;
      g_assert_true (rd_case_store_insert (f->store, c, "tester", &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < N_CASES; i++)
    if (i % 2 == 1 && i % 5 != 0)
      taobao_cny += 100 + i;

  g_signal_connect (model, "notify::totals", G_CALLBACK (on_totals_notify), &n_notifies);

  /* Everything: never one sum over all currencies. */
  rd_ledger_model_set_query (model, filter);
  wait_loaded (f, model);
  g_assert_cmpuint (n_notifies, ==, 1);
  totals = rd_ledger_model_get_totals (model);
  g_assert_cmpuint (totals->len, ==, 3);
  t = &g_array_index (totals, RdLedgerTotal, 0);
  g_assert_cmpstr (t->currency, ==, "CNY");
  g_assert_cmpuint (t->count, ==, N_CASES);
  g_assert_cmpint (t->paid, ==, f->total);
  t = &g_array_index (totals, RdLedgerTotal, 1);
  g_assert_cmpstr (t->currency, ==, "JPY");
  g_assert_cmpuint (t->count, ==, 2);
  g_assert_cmpint (t->paid, ==, 800 + 1200);
  t = &g_array_index (totals, RdLedgerTotal, 2);
  g_assert_cmpstr (t->currency, ==, "USD");
  g_assert_cmpuint (t->count, ==, 3);
  g_assert_cmpint (t->paid, ==, 1250 + 999 + 5000);

  /* Taobao's open cases: the jd ones and the closed ones left out. */
  filter->channel = g_strdup ("taobao");
  filter->status = RD_CASE_STATUS_REQUESTED;
  rd_ledger_model_set_query (model, filter);
  wait_loaded (f, model);
  g_assert_cmpuint (n_notifies, ==, 2);
  totals = rd_ledger_model_get_totals (model);
  g_assert_cmpuint (totals->len, ==, 3);
  g_assert_cmpuint (rd_ledger_model_get_count (model), ==, 100 + 3);
  t = rd_ledger_totals_lookup (totals, "CNY");
  g_assert_true (t == &g_array_index (totals, RdLedgerTotal, 0));
  g_assert_cmpuint (t->count, ==, 100);
  g_assert_cmpint (t->paid, ==, taobao_cny);
  t = rd_ledger_totals_lookup (totals, "jpy");
  g_assert_true (t == &g_array_index (totals, RdLedgerTotal, 1));
  g_assert_cmpint (t->paid, ==, 800);
  t = rd_ledger_totals_lookup (totals, "USD");
  g_assert_true (t == &g_array_index (totals, RdLedgerTotal, 2));
  g_assert_cmpint (t->paid, ==, 1250 + 999);

  /* The same query again: the same totals, no notification. */
  rd_ledger_model_refresh (model);
  wait_loaded (f, model);
  g_assert_cmpuint (n_notifies, ==, 2);

  /* Nothing matches: no totals at all. */
  filter->status = RD_CASE_STATUS_PAID;
  rd_ledger_model_set_query (model, filter);
  wait_loaded (f, model);
  g_assert_cmpuint (n_notifies, ==, 3);
  g_assert_cmpuint (rd_ledger_model_get_totals (model)->len, ==, 0);
}

static void
test_read_only_folder (void)
{
  Fixture f = { 0 };
  g_autofree char *shm = NULL;

  if (g_test_subprocess ())
    {
      read_only_folder_child (g_getenv ("RD_TEST_LEDGER"));
      return;
    }

  fixture_set_up (&f, NULL);
  g_clear_object (&f.store);
  shm = g_strconcat (f.path, "-shm", NULL);
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_chmod (f.dir, getuid () == 0 ? 0755 : 0555), ==, 0);
  g_assert_cmpint (g_chmod (f.path, 0644), ==, 0);

  g_setenv ("RD_TEST_LEDGER", f.path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));

  g_assert_cmpint (g_chmod (f.dir, 0700), ==, 0);
  fixture_tear_down (&f, NULL);
}

static void
test_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdLedgerModel) model = rd_ledger_model_new ("/nonexistent/folder/ledger.db", &error);

  g_assert_null (model);
  g_assert_error (error, RD_LEDGER_QUERY_ERROR, RD_LEDGER_QUERY_ERROR_FAILED);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/rd/ledger-model/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("paging", test_paging);
  ADD ("superseded", test_superseded);
  ADD ("refresh", test_refresh);
  ADD ("two-phases", test_two_phases);
  ADD ("two-phases-changed", test_two_phases_changed);
  ADD ("totals-per-currency", test_totals_per_currency);
#undef ADD
  g_test_add_func ("/rd/ledger-model/read-only-folder", test_read_only_folder);
  g_test_add_func ("/rd/ledger-model/missing-file", test_missing_file);

  return g_test_run ();
}
