/* test-cli-find.c
 *
 * `refund-desk find --db FILE [--count] TEXT` on a small generated ledger
 * (rd-gen-ledger --cases 2000 --seed 1), run as a user runs it. The case
 * numbers it prints are compared with a plain SQL scan of the same file
 * (its searched fields, the outbound tracking number and the tracking
 * numbers of its intercepts; for one or two characters, the buyer's name
 * alone), also after an intercept's number changed. The ledger's short
 * searches, answered from the names' grams (schema version 13), equal a
 * scan of the names for every one or two characters of every name, also
 * after names were changed and cases deleted.
 * Arguments after the test options: the refund-desk and rd-gen-ledger
 * executables.
 */
#include "config.h"

#include <locale.h>

#include "rd-ledger-query.h"
#include "rd-test-cli.h"
#include "rd-test-ledger.h"

static const char *refund_desk;
static const char *gen_ledger;
static char *dir;
static char *db_path;

static void
run_argv (const char * const *argv,
          RdTestRun          *run)
{
  rd_test_run_command (run, argv, "C.UTF-8", "C", NULL, NULL);
}

/* The case numbers of the cases whose name holds text (one or two
 * characters, lowered), newest first, by a scan of the names. */
static void
append_short_expected (sqlite3    *db,
                       const char *lowered,
                       GString    *out)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
    "SELECT case_no FROM cases WHERE instr (lower (coalesce (buyer_name, '')), ?1) > 0"
    " ORDER BY requested_at DESC, amount_paid DESC, approved_amount DESC, id DESC",
    -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, lowered, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s\n", sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
}

/* The case numbers whose searched fields contain text, newest first: the
 * answer `find` must give, computed without the search index. One or two
 * characters search the buyer's name only. */
static char *
expected_for (const char *text)
{
  g_autofree char *lowered = g_ascii_strdown (text, -1);
  sqlite3 *db = rd_test_raw_open (db_path);
  sqlite3_stmt *stmt = NULL;
  GString *out = g_string_new (NULL);

  if (g_utf8_strlen (lowered, -1) <= 2)
    {
      append_short_expected (db, lowered, out);
      sqlite3_close (db);
      return g_string_free (out, FALSE);
    }

  g_assert_cmpint (sqlite3_prepare_v2 (db,
    "SELECT case_no FROM cases WHERE instr (lower (order_no), ?1) > 0"
    " OR instr (lower (coalesce (after_sales_no, '')), ?1) > 0"
    " OR instr (lower (coalesce (return_tracking, '')), ?1) > 0"
    " OR instr (lower (coalesce (buyer_name, '')), ?1) > 0"
    " OR instr (lower (coalesce (outbound_tracking, '')), ?1) > 0"
    " OR id IN (SELECT case_id FROM intercepts WHERE instr (lower (tracking_no), ?1) > 0)"
    " ORDER BY requested_at DESC, amount_paid DESC, approved_amount DESC, id DESC",
    -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, lowered, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s\n", sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

static char *
raw_text (const char *sql)
{
  sqlite3 *db = rd_test_raw_open (db_path);
  sqlite3_stmt *stmt = NULL;
  char *text;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

static void
assert_find (const char *text,
             gboolean    expect_some)
{
  g_autofree char *expected = expected_for (text);
  g_autofree char *count = NULL;
  const char *list_argv[] = { refund_desk, "find", "--db", db_path, text, NULL };
  const char *count_argv[] = { refund_desk, "find", "--db", db_path, "--count", text, NULL };
  RdTestRun run = { 0 };
  guint n_lines = 0;

  for (const char *p = expected; *p != '\0'; p++)
    n_lines += *p == '\n';
  g_test_message ("find “%s”: %u cases", text, n_lines);
  if (expect_some)
    g_assert_cmpuint (n_lines, >, 0);
  else
    g_assert_cmpuint (n_lines, ==, 0);

  run_argv (list_argv, &run);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpstr (run.out, ==, expected);
  rd_test_run_clear (&run);

  run_argv (count_argv, &run);
  g_assert_cmpint (run.status, ==, 0);
  count = g_strdup_printf ("%u\n", n_lines);
  g_assert_cmpstr (run.out, ==, count);
  rd_test_run_clear (&run);
}

static void
test_find (void)
{
  g_autofree char *order_no = raw_text ("SELECT order_no FROM cases WHERE id = 1234");
  g_autofree char *name = raw_text ("SELECT substr (buyer_name, 1, 2) FROM cases WHERE id = 777");
  g_autofree char *surname = raw_text ("SELECT substr (buyer_name, 1, 1) FROM cases WHERE id = 99");
  g_autofree char *tracking = raw_text ("SELECT substr (return_tracking, 1, 5) FROM cases"
                                        " WHERE return_tracking IS NOT NULL LIMIT 1");
  g_autofree char *case_no = raw_text ("SELECT case_no FROM cases WHERE id = 1234");
  g_autofree char *expected = expected_for (order_no);

  /* The exact order number finds its case. */
  g_assert_nonnull (strstr (expected, case_no));
  assert_find (order_no, TRUE);
  assert_find (name, TRUE);
  assert_find (surname, TRUE);
  assert_find (tracking, TRUE);
  assert_find ("4508", TRUE);
  /* Two characters are looked for in names only. */
  assert_find ("88", FALSE);
  assert_find ("sf", FALSE);
  assert_find ("%", FALSE);
  assert_find ("_", FALSE);
  assert_find ("'; DROP TABLE cases; --", FALSE);
  assert_find ("*", FALSE);
  assert_find ("[a-z]?", FALSE);

  /* Every pattern is a plain substring search, however long: 100,000
   * '*' would make a GLOB pattern SQLite calls "too complex". */
  {
    g_autofree char *stars = g_strnfill (100000, '*');
    g_autofree char *long_order_no = g_strconcat (order_no, stars, NULL);

    assert_find (stars, FALSE);
    assert_find (long_order_no, FALSE);
  }

  /* The ledger is intact after all that. */
  {
    g_autofree char *n = raw_text ("SELECT count (*) FROM cases");
    g_assert_cmpstr (n, ==, "2000");
  }
}

static void
raw_exec (const char *sql)
{
  sqlite3 *db = rd_test_raw_open (db_path);

  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* A case is found by the tracking number of its intercept, and after that
 * number is corrected, by the new one only. */
static void
test_find_by_intercept (void)
{
  g_autofree char *tracking = raw_text ("SELECT tracking_no FROM intercepts WHERE case_id IS NOT NULL"
                                        " ORDER BY id LIMIT 1");
  g_autofree char *case_no = raw_text ("SELECT case_no FROM cases WHERE id ="
                                       " (SELECT case_id FROM intercepts ORDER BY id LIMIT 1)");
  const char *argv[] = { refund_desk, "find", "--db", db_path, tracking, NULL };
  const char *new_argv[] = { refund_desk, "find", "--db", db_path, "zx90817263", NULL };
  g_autofree char *expected = g_strdup_printf ("%s\n", case_no);
  RdTestRun run = { 0 };

  /* Only its case has it (the generated cases have no outbound parcel). */
  run_argv (argv, &run);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, expected);
  rd_test_run_clear (&run);
  assert_find (tracking, TRUE);

  raw_exec ("UPDATE intercepts SET tracking_no = 'ZX9081726354' WHERE id = (SELECT min (id) FROM intercepts)");
  assert_find (tracking, FALSE);
  run_argv (new_argv, &run);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, expected);
  rd_test_run_clear (&run);

  /* The case's outbound parcel is found the same way. */
  raw_exec ("UPDATE cases SET outbound_courier = 'sf', outbound_tracking = 'SF7766554433' WHERE id = 42");
  assert_find ("sf77665544", TRUE);
  {
    g_autofree char *found = expected_for ("sf77665544");
    g_autofree char *case_42 = raw_text ("SELECT case_no || char (10) FROM cases WHERE id = 42");

    g_assert_cmpstr (found, ==, case_42);
  }
}

/* The ids rd_ledger_query_run finds for text, as case numbers newest first. */
static char *
query_case_nos (sqlite3    *db,
                const char *text)
{
  g_autoptr(RdLedgerFilter) filter = rd_ledger_filter_new ();
  g_autoptr(RdLedgerResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  rd_ledger_filter_set_text (filter, text);
  result = rd_ledger_query_run (db, filter, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT case_no FROM cases WHERE id = ?", -1, &stmt, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < result->ids->len; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, g_array_index (result->ids, gint64, i));
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_string_append_printf (out, "%s\n", sqlite3_column_text (stmt, 0));
    }
  sqlite3_finalize (stmt);
  return g_string_free (out, FALSE);
}

/* Every one and two characters of every name (and a few that are in none)
 * find, through the grams, exactly the cases a scan of the names finds. */
static void
assert_short_searches_scan (void)
{
  sqlite3 *db = rd_test_raw_open (db_path);
  g_autoptr(GHashTable) texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *absent[] = { "88", "sf", "%", "_", "Zq", "\xef\xbf\xbf" };
  sqlite3_stmt *stmt = NULL;
  GHashTableIter iter;
  gpointer text;
  guint n_found = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT lower (buyer_name) FROM cases WHERE buyer_name <> ''",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);

      for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
        {
          const char *q = g_utf8_next_char (p);

          g_hash_table_add (texts, g_strndup (p, q - p));
          if (*q != '\0')
            g_hash_table_add (texts, g_strndup (p, g_utf8_next_char (q) - p));
        }
    }
  sqlite3_finalize (stmt);
  for (guint i = 0; i < G_N_ELEMENTS (absent); i++)
    g_hash_table_add (texts, g_strdup (absent[i]));
  g_assert_cmpuint (g_hash_table_size (texts), >, 100);

  g_hash_table_iter_init (&iter, texts);
  while (g_hash_table_iter_next (&iter, &text, NULL))
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (text));
      g_autoptr(GString) expected = g_string_new (NULL);
      g_autofree char *found = NULL;

      /* The search trims what it is given (a name's space alone is no search). */
      if (*trimmed == '\0' || !g_str_equal (trimmed, text))
        continue;
      append_short_expected (db, text, expected);
      found = query_case_nos (db, text);
      g_assert_cmpstr (found, ==, expected->str);
      n_found += *found != '\0';
    }
  g_assert_cmpuint (n_found, >, 100);
  sqlite3_close (db);
}

static void
test_find_short (void)
{
  g_autofree char *name = raw_text ("SELECT substr (buyer_name, 2, 2) FROM cases WHERE id = 1500");
  g_autofree char *given = raw_text ("SELECT substr (buyer_name, -1, 1) FROM cases WHERE id = 1501");

  /* As the generator wrote them (bulk writing: the grams at commit). */
  assert_short_searches_scan ();
  assert_find (name, TRUE);
  assert_find (given, TRUE);

  /* Names changed, emptied, removed, given to more cases, and cases
   * deleted: the triggers keep the grams. */
  raw_exec ("UPDATE cases SET buyer_name = 'Ann Lee' WHERE id % 97 = 0;"
            "UPDATE cases SET buyer_name = '李娜娜' WHERE id % 89 = 0;"
            "UPDATE cases SET buyer_name = '' WHERE id % 83 = 0;"
            "UPDATE cases SET buyer_name = NULL WHERE id % 79 = 0;"
            "DELETE FROM cases WHERE id % 101 = 0;"
            "INSERT INTO cases (case_no, channel, order_no, kind, reason, payment_method, currency, amount_paid,"
            " status, requested_at, created_at, buyer_name) VALUES ('RF-2099-000001', 'taobao', 'X1', 'refund_only',"
            " 'other', 'alipay', 'CNY', 100, 'requested', 1790000000, 1790000000, 'ÄÖ Zoë');");
  assert_short_searches_scan ();
  assert_find ("娜娜", TRUE);
  assert_find ("ë", TRUE);
}

static void
test_errors (void)
{
  g_autofree char *missing = g_build_filename (dir, "missing.db", NULL);
  const char *missing_argv[] = { refund_desk, "find", "--db", missing, "x", NULL };
  const char *no_text_argv[] = { refund_desk, "find", "--db", db_path, NULL };
  RdTestRun run = { 0 };

  run_argv (missing_argv, &run);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, "refund-desk find: "));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  rd_test_run_clear (&run);

  run_argv (no_text_argv, &run);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "refund-desk find: "));
  rd_test_run_clear (&run);
}

/* rd-gen-ledger never writes into an existing ledger unless told to. */
static void
test_gen_refuses_existing (void)
{
  const char *gen_argv[] = { gen_ledger, "--cases=5", "--seed=2", db_path, NULL };
  g_autofree char *before = raw_text ("SELECT group_concat (case_no) FROM cases");
  g_autofree char *after = NULL;
  RdTestRun run = { 0 };

  run_argv (gen_argv, &run);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "--force"));
  rd_test_run_clear (&run);

  after = raw_text ("SELECT group_concat (case_no) FROM cases");
  g_assert_cmpstr (after, ==, before);
}

int
main (int    argc,
      char **argv)
{
  const char *gen_argv[5];
  RdTestRun run = { 0 };
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, ==, 3);
  refund_desk = argv[1];
  gen_ledger = argv[2];

  dir = rd_test_make_tmp_dir ();
  db_path = g_build_filename (dir, "ledger.db", NULL);
  gen_argv[0] = gen_ledger;
  gen_argv[1] = "--cases=2000";
  gen_argv[2] = "--seed=1";
  gen_argv[3] = db_path;
  gen_argv[4] = NULL;
  run_argv (gen_argv, &run);
  g_assert_cmpint (run.status, ==, 0);
  rd_test_run_clear (&run);

  g_test_add_func ("/rd/cli-find/find", test_find);
  g_test_add_func ("/rd/cli-find/find-by-intercept", test_find_by_intercept);
  g_test_add_func ("/rd/cli-find/find-short", test_find_short);
  g_test_add_func ("/rd/cli-find/errors", test_errors);
  g_test_add_func ("/rd/cli-find/gen-refuses-existing", test_gen_refuses_existing);
  status = g_test_run ();

  rd_test_remove_tree (dir);
  g_free (db_path);
  g_free (dir);
  return status;
}
