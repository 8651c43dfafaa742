/* test-cli-find.c
 *
 * `refund-desk find --db FILE [--count] TEXT` on a small generated ledger
 * (rd-gen-ledger --cases 2000 --seed 1), run as a user runs it. The case
 * numbers it prints are compared with a plain SQL scan of the same file
 * (its searched fields, the outbound tracking number and the tracking
 * numbers of its intercepts), also after an intercept's number changed.
 * Arguments after the test options: the refund-desk and rd-gen-ledger
 * executables.
 */
#include "config.h"

#include <locale.h>

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

/* The case numbers whose searched fields contain text, newest first: the
 * answer `find` must give, computed without the search index. */
static char *
expected_for (const char *text)
{
  g_autofree char *lowered = g_ascii_strdown (text, -1);
  sqlite3 *db = rd_test_raw_open (db_path);
  sqlite3_stmt *stmt = NULL;
  GString *out = g_string_new (NULL);

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
  assert_find ("88", TRUE);
  assert_find ("sf", TRUE);
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
  g_test_add_func ("/rd/cli-find/errors", test_errors);
  g_test_add_func ("/rd/cli-find/gen-refuses-existing", test_gen_refuses_existing);
  status = g_test_run ();

  rd_test_remove_tree (dir);
  g_free (db_path);
  g_free (dir);
  return status;
}
