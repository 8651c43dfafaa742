/* test-case-bulk.c
 *
 * rd_case_bulk_* writes what rd_case_store_insert_many writes: the same
 * rows, case numbers, search text and index, case count and audit entries
 * (a valid chain), and leaves the search triggers in place; an aborted or
 * failed bulk leaves the ledger as it was.
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "rd-audit.h"
#include "rd-case-bulk.h"
#include "rd-case-store.h"
#include "rd-ledger-query.h"
#include "rd-store.h"
#include "rd-test-ledger.h"

#define N_CASES 257
/* 2025-12-31 20:00 UTC: the cases span two years */
#define T0 G_GINT64_CONSTANT (1767211200)

static RdCase *
make_case (guint i)
{
  RdCase *c = rd_case_new ();

  c->channel = g_strdup (i % 3 ? "taobao" : "jd");
  c->order_no = g_strdup_printf ("%019u", 4100000000u + i * 7919u);
  if (i % 4 != 0)
    c->after_sales_no = g_strdup_printf ("AS%06u", i);
  /* Letters SQLite's lower () leaves alone (not ASCII), and empty texts:
   * the search text the bulk computes must be the trigger's to the byte. */
  c->buyer_name = g_strdup (i % 2 ? "张小明" : i % 6 == 2 ? "ÄÖÜ Ǆ ＡＢ İ Lily" : "Lily Chen");
  if (i % 11 == 0 && i % 5 != 0)
    c->return_tracking = g_strdup ("");
  c->kind = i % 2 ? RD_REFUND_KIND_RETURN_REFUND : RD_REFUND_KIND_REFUND_ONLY_SHIPPED;
  c->reason = g_strdup ("quality_problem");
  c->payment_method = RD_PAYMENT_METHOD_ALIPAY;
  c->amount_paid = 1000 + i;
  /* The first row of a statement approved, later ones not. */
  c->approved_amount = i % 3 == 0 ? (gint64) (900 + i) : -1;
  if (c->approved_amount >= 0)
    c->status = RD_CASE_STATUS_APPROVED;
  if (i % 5 == 0)
    c->return_tracking = g_strdup_printf ("SF%010u", i);
  /* The outbound parcel's tracking number (schema 10): mixed case, empty,
   * or none. */
  if (i % 7 == 0)
    c->outbound_tracking = g_strdup_printf ("Yt%010u", i);
  else if (i % 13 == 0)
    c->outbound_tracking = g_strdup ("");
  if (c->outbound_tracking != NULL)
    c->outbound_courier = g_strdup ("yto");
  c->requested_at = T0 + i * 600;
  c->created_at = T0 + i * 600 + 30;
  return c;
}

static GPtrArray *
make_cases (guint first,
            guint n)
{
  GPtrArray *cases = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_case_free);

  for (guint i = first; i < first + n; i++)
    g_ptr_array_add (cases, make_case (i));
  return cases;
}

static RdStore *
new_ledger (const char *dir,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GPtrArray) first = make_cases (1000, 3);
  RdStore *store = rd_store_open (path, RD_STORE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  rd_test_add_operators (store);
  /* Not empty: the bulk continues its numbers, ids and audit chain. */
  g_assert_true (rd_case_store_insert_many (store, (RdCase **) first->pdata, first->len, "tester", &error));
  g_assert_no_error (error);
  return store;
}

/* Every row of sql as text, one line per row. */
static char *
dump (RdStore    *store,
      const char *sql)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;

  stmt = rd_store_prepare (store, sql, &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        g_string_append_printf (out, "%s|", sqlite3_column_type (stmt, i) == SQLITE_NULL ? "∅" :
                                (const char *) sqlite3_column_text (stmt, i));
      g_string_append_c (out, '\n');
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
search (RdStore    *store,
        const char *text)
{
  g_autoptr(RdLedgerFilter) filter = rd_ledger_filter_new ();
  g_autoptr(RdLedgerResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) ids = g_string_new (NULL);

  rd_ledger_filter_set_text (filter, text);
  result = rd_ledger_query_run (rd_store_get_db (store), filter, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < result->ids->len; i++)
    g_string_append_printf (ids, "%" G_GINT64_FORMAT " ", g_array_index (result->ids, gint64, i));
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static void
assert_same (RdStore    *a,
             RdStore    *b,
             const char *sql)
{
  g_autofree char *x = dump (a, sql);
  g_autofree char *y = dump (b, sql);

  g_assert_cmpstr (x, ==, y);
}

/* The search index agrees with the search texts (with rank 1, FTS5
 * compares the index with every row of case_text), read through the
 * store's own connection. */
static void
assert_search_index_sound (RdStore *store)
{
  char *message = NULL;
  int rc = sqlite3_exec (rd_store_get_db (store),
                         "INSERT INTO case_fts (case_fts, rank) VALUES ('integrity-check', 1)",
                         NULL, NULL, &message);

  g_assert_cmpstr (message, ==, NULL);
  g_assert_cmpint (rc, ==, SQLITE_OK);
}

/* The bulk left nothing behind: no scratch ledger next to the ledger, none
 * attached, foreign keys checked again. */
static void
assert_nothing_left (RdStore    *store,
                     const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (listing)) != NULL)
    g_assert_null (strstr (name, "bulk"));
  g_assert_cmpint (rd_test_raw_int (rd_store_get_db (store), "SELECT count (*) FROM pragma_database_list WHERE name NOT IN ('main', 'temp')"), ==, 0);
  g_assert_cmpint (rd_test_raw_int (rd_store_get_db (store), "PRAGMA foreign_keys"), ==, 1);
}

static void
test_same_as_insert_many (gconstpointer data)
{
  gboolean rebuilding = GPOINTER_TO_INT (data);
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autoptr(RdStore) a = new_ledger (dir, "a.db");
  g_autoptr(RdStore) b = new_ledger (dir, "b.db");
  g_autoptr(GPtrArray) for_a = make_cases (0, N_CASES);
  g_autoptr(GPtrArray) for_b = make_cases (0, N_CASES);
  g_autoptr(GPtrArray) after = make_cases (N_CASES, 1);
  g_autoptr(RdCase) stored = NULL;
  g_autoptr(GError) error = NULL;
  const char *texts[] = { "张小明", "小明", "lily", "410000", "as0001", "sf00000000", "ly", "明", "Ｂ", "yt00000000" };
  RdCaseBulk *bulk;
  gint64 n_entries = 0, first_bad = 0;
  guint split = 100;

  g_assert_true (rd_case_store_insert_many (a, (RdCase **) for_a->pdata, for_a->len, "tester", &error));
  g_assert_no_error (error);

  bulk = rebuilding ? rd_case_bulk_begin_rebuilding (b, "tester", &error) : rd_case_bulk_begin (b, "tester", &error);
  g_assert_no_error (error);
  g_assert_true (rd_case_bulk_add (bulk, (RdCase **) for_b->pdata, split, &error));
  g_assert_no_error (error);
  g_assert_true (rd_case_bulk_add (bulk, (RdCase **) for_b->pdata + split, N_CASES - split, &error));
  g_assert_no_error (error);
  g_assert_true (rd_case_bulk_commit (bulk, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < N_CASES; i++)
    {
      RdCase *x = g_ptr_array_index (for_a, i), *y = g_ptr_array_index (for_b, i);

      g_assert_cmpint (x->id, ==, y->id);
      g_assert_cmpstr (x->case_no, ==, y->case_no);
    }
  g_assert_true (g_str_has_prefix (((RdCase *) g_ptr_array_index (for_b, 0))->case_no, "RF-2025-"));
  g_assert_true (g_str_has_prefix (((RdCase *) g_ptr_array_index (for_b, N_CASES - 1))->case_no, "RF-2026-"));

  /* The first case of a multi-row statement (0, 150) kept its approved
   * amount when a later one had none. */
  stored = rd_case_store_get (a, ((RdCase *) g_ptr_array_index (for_a, 0))->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored->approved_amount, ==, 900);
  g_clear_pointer (&stored, rd_case_free);
  stored = rd_case_store_get (a, ((RdCase *) g_ptr_array_index (for_a, 150))->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored->approved_amount, ==, 1050);

  assert_same (a, b, "SELECT * FROM cases ORDER BY id");
  assert_same (a, b, "SELECT * FROM case_text ORDER BY id");
  assert_same (a, b, "SELECT * FROM case_name_grams ORDER BY gram, id");
  assert_same (a, b, "SELECT * FROM case_totals ORDER BY month, status, kind, channel, reason, currency");
  assert_same (a, b, "SELECT * FROM case_numbers ORDER BY year");
  assert_same (a, b, "SELECT n, (SELECT count(*) FROM cases) FROM case_count");
  assert_same (a, b, "SELECT id, case_id, operator, action, field, old_value, new_value FROM audit_log ORDER BY id");
  assert_same (a, b, "SELECT last_id, n_entries FROM audit_head");
  assert_same (a, b, "SELECT type, name, sql FROM sqlite_master ORDER BY name");
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *x = search (a, texts[i]);
      g_autofree char *y = search (b, texts[i]);

      g_assert_cmpstr (x, ==, y);
      g_assert_cmpstr (y, !=, "");
    }

  g_assert_true (rd_audit_verify (b, &n_entries, &first_bad, &error));
  g_assert_no_error (error);
  /* Per case its row and its creation, the same as case by case. */
  g_assert_cmpint (n_entries, ==, rd_test_raw_int (rd_store_get_db (b), "SELECT count(*) FROM audit_log"));
  g_assert_cmpint (rd_test_raw_int (rd_store_get_db (b), "SELECT count(*) FROM audit_log WHERE action = 'create'"),
                   ==, 3 + N_CASES);
  g_assert_cmpint (rd_test_raw_int (rd_store_get_db (b), "SELECT count(*) FROM audit_log WHERE action = 'row'"
                                                         " AND field = 'cases'"), ==, 3 + N_CASES);
  g_assert_true (rd_store_check_integrity (b, &error));
  g_assert_no_error (error);

  /* The triggers are back: an ordinary insert is found and counted. */
  g_assert_true (rd_case_store_insert_many (b, (RdCase **) after->pdata, 1, "tester", &error));
  g_assert_no_error (error);
  {
    g_autofree char *found = search (b, ((RdCase *) g_ptr_array_index (after, 0))->order_no);
    g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT " ", ((RdCase *) g_ptr_array_index (after, 0))->id);

    g_assert_cmpstr (found, ==, expected);
  }
  g_assert_cmpint (rd_test_raw_int (rd_store_get_db (b), "SELECT n FROM case_count"), ==, 3 + N_CASES + 1);
  assert_search_index_sound (b);
  assert_nothing_left (b, dir);

  g_clear_object (&a);
  g_clear_object (&b);
  rd_test_remove_tree (dir);
}

/* A new ledger: the search side builds the whole search index, which
 * replaces the empty one. The ledger was searched before (its connection
 * had read the empty index) and is written to and searched after. */
static void
test_new_ledger (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *path_a = g_build_filename (dir, "a.db", NULL);
  g_autofree char *path_b = g_build_filename (dir, "b.db", NULL);
  g_autoptr(RdStore) a = NULL;
  g_autoptr(RdStore) b = NULL;
  g_autoptr(GPtrArray) for_a = make_cases (0, N_CASES);
  g_autoptr(GPtrArray) for_b = make_cases (0, N_CASES);
  g_autoptr(GPtrArray) after = make_cases (N_CASES, 2);
  g_autoptr(GError) error = NULL;
  const char *texts[] = { "张小明", "小明", "lily", "410000", "as0001", "sf00000000", "ly", "明", "Ｂ", "y c", "yt00000000" };
  RdCaseBulk *bulk;
  gint64 n_entries = 0, first_bad = 0;

  a = rd_store_open (path_a, RD_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  rd_test_add_operators (a);
  b = rd_store_open (path_b, RD_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  rd_test_add_operators (b);
  g_free (search (b, "lily"));

  g_assert_true (rd_case_store_insert_many (a, (RdCase **) for_a->pdata, for_a->len, "tester", &error));
  g_assert_no_error (error);
  bulk = rd_case_bulk_begin_rebuilding (b, "tester", &error);
  g_assert_no_error (error);
  g_assert_true (rd_case_bulk_add (bulk, (RdCase **) for_b->pdata, N_CASES, &error));
  g_assert_no_error (error);
  g_assert_true (rd_case_bulk_commit (bulk, &error));
  g_assert_no_error (error);

  assert_same (a, b, "SELECT * FROM cases ORDER BY id");
  assert_same (a, b, "SELECT * FROM case_text ORDER BY id");
  assert_same (a, b, "SELECT id, case_id, operator, action, field, old_value, new_value FROM audit_log ORDER BY id");
  assert_same (a, b, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name");
  assert_search_index_sound (b);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *x = search (a, texts[i]);
      g_autofree char *y = search (b, texts[i]);

      g_assert_cmpstr (x, ==, y);
      g_assert_cmpstr (y, !=, "");
    }
  g_assert_true (rd_audit_verify (b, &n_entries, &first_bad, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rd_test_raw_int (rd_store_get_db (b), "SELECT count(*) FROM audit_log WHERE action = 'create'"),
                   ==, N_CASES);
  assert_nothing_left (b, dir);

  /* Written to and searched through the same connection, and again after
   * opening the file afresh. */
  g_assert_true (rd_case_store_insert_many (b, (RdCase **) after->pdata, 1, "tester", &error));
  g_assert_no_error (error);
  {
    g_autofree char *found = search (b, ((RdCase *) g_ptr_array_index (after, 0))->order_no);
    g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT " ", ((RdCase *) g_ptr_array_index (after, 0))->id);

    g_assert_cmpstr (found, ==, expected);
  }
  assert_search_index_sound (b);
  g_clear_object (&b);
  b = rd_store_open (path_b, RD_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  rd_test_add_operators (b);
  g_assert_true (rd_case_store_insert_many (b, (RdCase **) after->pdata + 1, 1, "tester", &error));
  g_assert_no_error (error);
  {
    RdCase *last = g_ptr_array_index (after, 1);
    g_autofree char *found = search (b, "lily");
    g_autofree char *before = search (a, "lily");
    g_autofree char *last_id = g_strdup_printf ("%" G_GINT64_FORMAT " ", last->id);
    g_auto(GStrv) found_ids = g_strsplit (found, " ", -1);
    g_auto(GStrv) before_ids = g_strsplit (before, " ", -1);

    /* Newest first: the new case, then every earlier one. */
    g_assert_true (g_str_has_prefix (last->buyer_name, "Lily"));
    g_assert_true (g_str_has_prefix (found, last_id));
    g_assert_cmpstr (found + strlen (last_id), ==, before);
    g_assert_cmpuint (g_strv_length (found_ids), ==, g_strv_length (before_ids) + 1);
  }
  assert_search_index_sound (b);
  g_assert_true (rd_store_check_integrity (b, &error));
  g_assert_no_error (error);

  g_clear_object (&a);
  g_clear_object (&b);
  rd_test_remove_tree (dir);
}

/* rd_case_bulk_add_full's func: a setting per case (meta is audited) and
 * an entry of its own per case. */
static gboolean
write_with_cases (RdStore    *store,
                  RdCase    **cases,
                  guint       n,
                  GPtrArray  *entries,
                  gpointer    user_data,
                  GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = rd_store_prepare (store, "INSERT INTO meta (key, value) VALUES (?1, ?2)", error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *key = g_strdup_printf ("bulk-test-%" G_GINT64_FORMAT, cases[i]->id);
      RdAuditEntry *entry = g_new0 (RdAuditEntry, 1);

      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, cases[i]->case_no, -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);

      entry->case_id = cases[i]->id;
      entry->action = g_strdup ("import");
      entry->field = g_strdup ("row");
      entry->old_value = g_strdup ("file.csv");
      entry->new_value = g_strdup_printf ("%u", i + 2);
      g_ptr_array_add (entries, entry);
    }
  (*(guint *) user_data) += n;
  return TRUE;
}

/* Rows of other tables and entries of the writer's own go into the bulk's
 * chain; after rd_case_bulk_finish, an audited update runs in the same
 * transaction; the chain verifies, and an abort after finish leaves
 * nothing. */
static void
test_add_full_and_finish (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autoptr(RdStore) store = new_ledger (dir, "ledger.db");
  g_autoptr(GPtrArray) cases = make_cases (0, 70);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) first = NULL;
  g_autofree char *before = dump (store, "SELECT * FROM audit_log ORDER BY id");
  g_autofree char *after = NULL;
  sqlite3 *db = rd_store_get_db (store);
  gint64 n_entries = 0, first_bad = 0;
  guint n_written = 0;
  RdCaseBulk *bulk;

  /* Aborted after finish: nothing. */
  bulk = rd_case_bulk_begin (store, "tester", &error);
  g_assert_no_error (error);
  g_assert_true (rd_case_bulk_add_full (bulk, (RdCase **) cases->pdata, 10, write_with_cases, &n_written, &error));
  g_assert_no_error (error);
  g_assert_true (rd_case_bulk_finish (bulk, &error));
  g_assert_no_error (error);
  rd_case_bulk_abort (bulk);
  after = dump (store, "SELECT * FROM audit_log ORDER BY id");
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (rd_test_raw_int (db, "SELECT count(*) FROM meta WHERE key LIKE 'bulk-test-%'"), ==, 0);
  assert_search_index_sound (store);

  cases = (g_ptr_array_unref (cases), make_cases (0, 70));
  n_written = 0;
  bulk = rd_case_bulk_begin (store, "tester", &error);
  g_assert_no_error (error);
  g_assert_true (rd_case_bulk_add_full (bulk, (RdCase **) cases->pdata, 40, write_with_cases, &n_written, &error));
  g_assert_true (rd_case_bulk_add_full (bulk, (RdCase **) cases->pdata + 40, 30, write_with_cases, &n_written, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_written, ==, 70);
  g_assert_true (rd_case_bulk_finish (bulk, &error));
  g_assert_no_error (error);
  /* The ordinary path, in the bulk's transaction. */
  first = rd_case_store_get (store, ((RdCase *) cases->pdata[0])->id, &error);
  g_assert_no_error (error);
  g_free (first->buyer_name);
  first->buyer_name = g_strdup ("Zed Updated");
  g_assert_true (rd_case_store_write_locked (store, first, "tester", "import", &error));
  g_assert_no_error (error);
  g_assert_true (rd_case_bulk_commit (bulk, &error));
  g_assert_no_error (error);

  g_assert_cmpint (rd_store_count_cases (store, &error), ==, 73);
  g_assert_cmpint (rd_test_raw_int (db, "SELECT count(*) FROM meta WHERE key LIKE 'bulk-test-%'"), ==, 70);
  g_assert_cmpint (rd_test_raw_int (db, "SELECT count(*) FROM audit_log WHERE action = 'import' AND field = 'row'"), ==, 70);
  g_assert_cmpint (rd_test_raw_int (db, "SELECT count(*) FROM audit_log WHERE action = 'row' AND field = 'meta'"
                                        " AND old_value LIKE 'bulk-test-%'"), ==, 70);
  g_assert_cmpint (rd_test_raw_int (db, "SELECT count(*) FROM audit_log WHERE action = 'import' AND field = 'buyer_name'"),
                   ==, 1);
  g_assert_true (rd_audit_verify (store, &n_entries, &first_bad, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_entries, ==, rd_test_raw_int (db, "SELECT count(*) FROM audit_log"));
  {
    g_autofree char *found = search (store, "Zed Updated");
    g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT " ", first->id);

    g_assert_cmpstr (found, ==, expected);
  }
  assert_search_index_sound (store);
  assert_nothing_left (store, dir);

  g_clear_object (&store);
  rd_test_remove_tree (dir);
}

static void
test_abort (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autoptr(RdStore) store = new_ledger (dir, "ledger.db");
  g_autoptr(GPtrArray) cases = make_cases (0, 40);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump (store, "SELECT * FROM sqlite_master ORDER BY name");
  g_autofree char *after = NULL;
  RdCaseBulk *bulk;
  RdCase *bad;

  /* Aborted after writing (indexes set aside too). */
  bulk = rd_case_bulk_begin_rebuilding (store, "tester", &error);
  g_assert_no_error (error);
  g_assert_true (rd_case_bulk_add (bulk, (RdCase **) cases->pdata, 20, &error));
  g_assert_no_error (error);
  rd_case_bulk_abort (bulk);

  /* Failed on an invalid case: nothing of the batch either. */
  bad = g_ptr_array_index (cases, 30);
  g_clear_pointer (&bad->channel, g_free);
  bulk = rd_case_bulk_begin (store, "tester", &error);
  g_assert_no_error (error);
  g_assert_false (rd_case_bulk_add (bulk, (RdCase **) cases->pdata + 20, 20, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  rd_case_bulk_abort (bulk);

  g_assert_cmpint (rd_store_count_cases (store, &error), ==, 3);
  g_assert_cmpint (rd_test_raw_int (rd_store_get_db (store), "SELECT n FROM case_count"), ==, 3);
  g_assert_cmpint (rd_test_raw_int (rd_store_get_db (store), "SELECT n_entries FROM audit_head"), ==,
                   rd_test_raw_int (rd_store_get_db (store), "SELECT count(*) FROM audit_log"));
  g_assert_cmpint (rd_test_raw_int (rd_store_get_db (store), "SELECT count(*) FROM audit_log WHERE action = 'create'"),
                   ==, 3);
  after = dump (store, "SELECT * FROM sqlite_master ORDER BY name");
  g_assert_cmpstr (after, ==, before);
  assert_search_index_sound (store);
  assert_nothing_left (store, dir);

  g_clear_object (&store);
  rd_test_remove_tree (dir);
}

/* The ledger is as new_ledger left it: its 3 cases, their audit entries,
 * its schema (before), its search index, the connection's settings. */
static void
assert_as_before (RdStore    *store,
                  const char *dir,
                  const char *before)
{
  sqlite3 *db = rd_store_get_db (store);
  g_autofree char *after = dump (store, "SELECT * FROM sqlite_master ORDER BY name");
  g_autoptr(GError) error = NULL;
  gint64 n_entries = 0, first_bad = 0;

  g_assert_true (sqlite3_get_autocommit (db));
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (rd_test_raw_int (db, "SELECT count (*) FROM cases"), ==, 3);
  g_assert_cmpint (rd_test_raw_int (db, "SELECT n FROM case_count"), ==, 3);
  g_assert_cmpint (rd_test_raw_int (db, "SELECT count (*) FROM case_text"), ==, 3);
  g_assert_cmpint (rd_test_raw_int (db, "PRAGMA cache_size"), ==, -4321);
  g_assert_true (rd_audit_verify (store, &n_entries, &first_bad, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rd_test_raw_int (db, "SELECT count(*) FROM audit_log WHERE action = 'create'"), ==, 3);
  assert_search_index_sound (store);
  assert_nothing_left (store, dir);
}

/* Aborted while the side threads still have batches to write. */
static void
test_abort_while_writing (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autoptr(RdStore) store = new_ledger (dir, "ledger.db");
  g_autofree char *before = dump (store, "SELECT * FROM sqlite_master ORDER BY name");
  g_autoptr(GError) error = NULL;
  RdCaseBulk *bulk;

  rd_test_raw_exec (rd_store_get_db (store), "PRAGMA cache_size = -4321");
  bulk = rd_case_bulk_begin_rebuilding (store, "tester", &error);
  g_assert_no_error (error);
  for (guint b = 0; b < 20; b++)
    {
      g_autoptr(GPtrArray) cases = make_cases (b * 1000, 1000);

      g_assert_true (rd_case_bulk_add (bulk, (RdCase **) cases->pdata, cases->len, &error));
      g_assert_no_error (error);
    }
  rd_case_bulk_abort (bulk);
  assert_as_before (store, dir, before);

  g_clear_object (&store);
  rd_test_remove_tree (dir);
}

/* The commit fails (an index set aside cannot be created again over the
 * new cases): nothing of the bulk stays, the index included. */
static void
test_commit_fails (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autoptr(RdStore) store = new_ledger (dir, "ledger.db");
  g_autoptr(GPtrArray) cases = make_cases (0, 2000);
  g_autofree char *before = NULL;
  g_autoptr(GError) error = NULL;
  RdCaseBulk *bulk;

  /* The 3 cases paid 20.00, 20.01 and 20.02, as the bulk's 1000th to 1002nd. */
  rd_test_raw_exec (rd_store_get_db (store), "CREATE UNIQUE INDEX paid_once ON cases (amount_paid)");
  rd_test_raw_exec (rd_store_get_db (store), "PRAGMA cache_size = -4321");
  before = dump (store, "SELECT * FROM sqlite_master ORDER BY name");
  bulk = rd_case_bulk_begin_rebuilding (store, "tester", &error);
  g_assert_no_error (error);
  g_assert_true (rd_case_bulk_add (bulk, (RdCase **) cases->pdata, cases->len, &error));
  g_assert_no_error (error);
  g_assert_false (rd_case_bulk_commit (bulk, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "UNIQUE"));
  assert_as_before (store, dir, before);

  g_clear_object (&store);
  rd_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/rd/case-bulk/same-as-insert-many", GINT_TO_POINTER (FALSE), test_same_as_insert_many);
  g_test_add_data_func ("/rd/case-bulk/same-as-insert-many-rebuilding", GINT_TO_POINTER (TRUE), test_same_as_insert_many);
  g_test_add_func ("/rd/case-bulk/new-ledger", test_new_ledger);
  g_test_add_func ("/rd/case-bulk/abort", test_abort);
  g_test_add_func ("/rd/case-bulk/add-full-and-finish", test_add_full_and_finish);
  g_test_add_func ("/rd/case-bulk/abort-while-writing", test_abort_while_writing);
  g_test_add_func ("/rd/case-bulk/commit-fails", test_commit_fails);

  return g_test_run ();
}
