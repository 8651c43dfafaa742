/* test-cli-calc.c
 *
 * `refund-desk calc` as a user runs it: the real executable (its path is the
 * first argument), the orders in tests/calc/ compared with their
 * expected output, the text table, and every kind of bad input: exit 2 and a
 * message on stderr that names the JSON path.
 */
#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "rd-policy.h"
#include "rd-test-cli.h"
#include "rd-test-ledger.h"

static const char *exe_path;

/* Runs refund-desk calc ARGS… with stdin_text (or nothing) on its input. */
static void
run_calc (RdTestRun   *run,
          const char  *language,
          const char  *stdin_text,
          const char  *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (char *) exe_path);
  g_ptr_array_add (argv, (char *) "calc");
  for (guint i = 0; args != NULL && args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  rd_test_run_command (run, (const char * const *) argv->pdata, language, "", NULL, stdin_text);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* Tests */

static void
test_fixture (gconstpointer data)
{
  const char *name = data;
  g_autofree char *input_name = g_strconcat (name, ".json", NULL);
  g_autofree char *expected_name = g_strconcat (name, ".expected.json", NULL);
  g_autofree char *input_path = g_test_build_filename (G_TEST_DIST, "calc", input_name, NULL);
  g_autofree char *expected_path = g_test_build_filename (G_TEST_DIST, "calc", expected_name, NULL);
  g_autofree char *expected_text = NULL;
  g_autoptr(JsonNode) expected = NULL;
  g_autoptr(JsonNode) actual = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(RdTestRun) run = { 0, };
  const char *args[] = { input_path, NULL };
  const char *json_args[] = { "--format=json", "-", NULL };
  g_autofree char *input_text = NULL;

  g_file_get_contents (expected_path, &expected_text, NULL, &error);
  g_assert_no_error (error);
  expected = parse (expected_text);

  run_calc (&run, "C.UTF-8", NULL, args);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  actual = parse (run.out);
  if (!json_node_equal (expected, actual))
    g_error ("%s: output differs from %s:\n%s", input_name, expected_name, run.out);

  /* The same order on the standard input gives the same answer. */
  rd_test_run_clear (&run);
  g_file_get_contents (input_path, &input_text, NULL, &error);
  g_assert_no_error (error);
  run_calc (&run, "C.UTF-8", input_text, json_args);
  g_assert_cmpint (run.status, ==, 0);
  g_clear_pointer (&actual, json_node_unref);
  actual = parse (run.out);
  g_assert_true (json_node_equal (expected, actual));
}

static void
test_text (void)
{
  g_autofree char *input_path = g_test_build_filename (G_TEST_DIST, "calc", "taobao.json", NULL);
  const char *args[] = { "--format=text", input_path, NULL };
  g_auto(RdTestRun) run = { 0, };
  g_auto(GStrv) lines = NULL;
  const char *t_shirt = NULL, *jeans = NULL;

  run_calc (&run, "C.UTF-8", NULL, args);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");

  lines = g_strsplit (run.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "纯棉T恤"))
        t_shirt = lines[i];
      if (g_str_has_prefix (lines[i], "牛仔裤"))
        jeans = lines[i];
    }
  g_assert_nonnull (t_shirt);
  g_assert_nonnull (jeans);
  g_assert_true (g_str_has_suffix (t_shirt, "¥77.01"));
  g_assert_true (g_str_has_suffix (jeans, "¥0.00"));
  /* Chinese characters take two columns: the SKU column starts at the same
   * place on screen in both rows. 纯棉T恤 is 10 bytes and 7 columns wide, 牛仔裤
   * 9 bytes and 6 columns, so it gets one space more before the gap of 2. */
  g_assert_cmpint ((int) (strstr (t_shirt, "TS-01") - t_shirt), ==, 10 + 2);
  g_assert_cmpint ((int) (strstr (jeans, "JN-02") - jeans), ==, 9 + 1 + 2);

  g_assert_nonnull (strstr (run.out, "order_discount"));
  g_assert_true (g_regex_match_simple ("^Total +¥77\\.01$", run.out, G_REGEX_MULTILINE, 0));
}

static void
test_translated (void)
{
  g_autofree char *input_path = g_test_build_filename (G_TEST_DIST, "calc", "taobao.json", NULL);
  const char *args[] = { input_path, NULL };
  const char *bad_args[] = { "-", NULL };
  g_auto(RdTestRun) run = { 0, };
  g_auto(RdTestRun) bad = { 0, };

  run_calc (&run, "zh_CN.UTF-8", NULL, args);
  g_assert_cmpint (run.status, ==, 0);
  if (strstr (run.out, "All of it is refunded") != NULL)
    {
      g_test_skip ("zh_CN.UTF-8 locale or catalogue not available");
      return;
    }
  g_assert_nonnull (strstr (run.out, "\"total\" : \"77.01\""));

  /* Errors keep the JSON path and explain in Chinese. */
  run_calc (&bad, "zh_CN.UTF-8", "{\"lines\":[{\"unit_price\":\"1.00\",\"quantity\":1,\"refund_quantity\":2}]}", bad_args);
  g_assert_cmpint (bad.status, ==, 2);
  g_assert_true (g_str_has_prefix (bad.err, "lines[0].refund_quantity: "));
  g_assert_null (strstr (bad.err, "more than"));
}

typedef struct
{
  const char *input;          /* stdin */
  const char *message;        /* must appear on stderr */
} BadInput;

static const BadInput bad_inputs[] = {
  { "{\"lines\":[{\"unit_price\":\"10.00\",\"quantity\":1},{\"unit_price\":\"5.00\",\"quantity\":2,\"refunded_quantity\":0,\"refund_quantity\":3}]}",
    "lines[1].refund_quantity: 3 is more than the 2 left to refund" },
  { "{\"lines\":[{\"unit_price\":\"-10.00\",\"quantity\":1}]}",
    "lines[0].unit_price: must not be negative" },
  { "{\"lines\":[{\"unit_price\":\"10.00\",\"quantity\":1}],\"discounts\":[{\"amount\":\"10.01\"}]}",
    "discounts[0].amount: the order discounts (¥10.01) are more than the goods (¥10.00)" },
  { "{\"currency\":\"XYZ\",\"lines\":[{\"unit_price\":\"10.00\",\"quantity\":1}]}",
    "currency: “XYZ” is not a currency Refund Desk knows" },
  { "{\"lines\":[{\"unit_price\":\"abc\",\"quantity\":1}]}",
    "lines[0].unit_price: “abc”: " },
  { "{\"lines\":[{\"unit_price\":\"0.001\",\"quantity\":1}]}",
    "lines[0].unit_price: “0.001”: " },
  { "{\"lines\":[{\"unit_price\":10.5,\"quantity\":1}]}",
    "lines[0].unit_price: an amount is a decimal string such as \"108.00\"" },
  { "{\"lines\":[{\"unit_price\":\"10.00\",\"quantity\":1.5}]}",
    "lines[0].quantity: must be a whole number" },
  { "{\"lines\":[{\"unit_price\":\"10.00\"}]}",
    "lines[0].quantity: missing" },
  { "{\"lines\":[{\"quantity\":1}]}",
    "lines[0].unit_price: missing" },
  { "{\"lines\":[{\"unit_price\":\"10.00\",\"quantity\":1,\"refund_qty\":1}]}",
    "lines[0].refund_qty: unknown key" },
  { "{\"lines\":[{\"unit_price\":\"10.00\",\"quantity\":1}],\"shiped\":true}",
    "shiped: unknown key" },
  { "{\"lines\":{}}",
    "lines: must be a JSON array" },
  { "{\"discounts\":[]}",
    "lines: missing" },
  { "{\"lines\":[{\"unit_price\":\"10.00\",\"quantity\":1}],\"shipped\":\"yes\"}",
    "shipped: must be true or false" },
  { "{\"lines\":[{\"unit_price\":\"10.00\",\"quantity\":1}],\"exchange_rate\":6.84}",
    "exchange_rate: write the rate as a string" },
  { "{\"lines\":[{\"unit_price\":\"10.00\",\"quantity\":1}],\"delivered\":\"2026-02-30\"}",
    "delivered: “2026-02-30” is not a date; write it as YYYY-MM-DD" },
  { "{\"lines\":[{\"unit_price\":\"10.00\",\"quantity\":1}],\"subscription\":{\"start\":\"2026-01-01\",\"end\":\"2025-01-01\",\"refund_date\":\"2026-01-02\"}}",
    "subscription.end: the end must be after the start" },
  { "{\"lines\":[{\"unit_price\":\"10.00\",\"quantity\":1}],\"instalments\":0}",
    "instalments: must be between 1 and 1000" },
  { "{\"lines\":[{\"unit_price\":\"10.00\",\"quantity\":1}],\"policy\":{\"review_threshold\":\"-1.00\"}}",
    "policy.review_threshold: must not be negative" },
  { "{\"lines\":[{\"unit_price\":\"10.00\",\"quantity\":1}],\"deductions\":[{\"name\":\"x\",\"amount\":\"-1\"}]}",
    "deductions[0].amount: must not be negative" },
  { "{\"lines\":[{\"unit_price\":\"10.00\",\"quantity\":1}],\"refunded_before\":\"20.00\"}",
    "refunded_before: ¥20.00 is more than the ¥10.00 paid for the order" },
  { "{\"lines\":[{\"unit_price\":\"10.00\",\"quantity\":1}",
    "Not valid JSON: " },
  { "",
    "The input is empty" },
  { "[1, 2]",
    "The order must be a JSON object" },
};

static void
test_bad_input (void)
{
  const char *args[] = { "-", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (bad_inputs); i++)
    {
      g_auto(RdTestRun) run = { 0, };

      run_calc (&run, "C.UTF-8", bad_inputs[i].input, args);
      if (run.status != 2 || strstr (run.err, bad_inputs[i].message) == NULL)
        g_error ("input %s: exit %d, stderr “%s”, expected “%s”",
                 bad_inputs[i].input, run.status, run.err, bad_inputs[i].message);
      g_assert_cmpstr (run.out, ==, "");
    }
}

static void
test_bad_usage (void)
{
  const char *missing[] = { "/nonexistent/order.json", NULL };
  const char *format[] = { "--format=xml", "-", NULL };
  const char *two[] = { "a.json", "b.json", NULL };
  g_auto(RdTestRun) a = { 0, };
  g_auto(RdTestRun) b = { 0, };
  g_auto(RdTestRun) c = { 0, };

  run_calc (&a, "C.UTF-8", NULL, missing);
  g_assert_cmpint (a.status, ==, 2);
  g_assert_nonnull (strstr (a.err, "/nonexistent/order.json"));

  run_calc (&b, "C.UTF-8", "{}", format);
  g_assert_cmpint (b.status, ==, 2);
  g_assert_nonnull (strstr (b.err, "--format"));

  run_calc (&c, "C.UTF-8", NULL, two);
  g_assert_cmpint (c.status, ==, 2);
}

/* --db: the ledger's policy applies. The taobao order refunds ¥77.01 of a
 * shipped parcel: below the default high-ticket threshold (¥200), at or
 * above one of ¥50 the admin set in the ledger. */
static void
test_ledger_policy (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "ledger.db", NULL);
  g_autofree char *input_path = g_test_build_filename (G_TEST_DIST, "calc", "taobao.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = rd_store_open (path, RD_STORE_OPEN_DEFAULT, &error);
  const char *args[] = { "--db", path, input_path, NULL };
  g_auto(RdTestRun) before = { 0, };
  g_auto(RdTestRun) after = { 0, };

  g_assert_no_error (error);
  rd_test_add_operators (store);

  run_calc (&before, "C.UTF-8", NULL, args);
  g_assert_cmpint (before.status, ==, 0);
  g_assert_null (strstr (before.out, "high_ticket"));

  g_assert_true (rd_policy_set_number (store, "店长", "high-ticket-threshold", 5000, &error));
  g_assert_no_error (error);

  run_calc (&after, "C.UTF-8", NULL, args);
  g_assert_cmpstr (after.err, ==, "");
  g_assert_cmpint (after.status, ==, 0);
  g_assert_nonnull (strstr (after.out, "high_ticket"));

  g_clear_object (&store);
  rd_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  static const char *const fixtures[] = { "taobao", "merchant-fault-usd", "subscription", "worked-example" };

  g_test_init (&argc, &argv, NULL);

  if (argc < 2)
    {
      g_printerr ("usage: test-cli-calc PATH-TO-refund-desk\n");
      return 1;
    }
  exe_path = argv[1];

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autofree char *path = g_strdup_printf ("/rd/cli-calc/fixture/%s", fixtures[i]);
      g_test_add_data_func (path, fixtures[i], test_fixture);
    }
  g_test_add_func ("/rd/cli-calc/text", test_text);
  g_test_add_func ("/rd/cli-calc/ledger-policy", test_ledger_policy);
  g_test_add_func ("/rd/cli-calc/translated", test_translated);
  g_test_add_func ("/rd/cli-calc/bad-input", test_bad_input);
  g_test_add_func ("/rd/cli-calc/bad-usage", test_bad_usage);

  return g_test_run ();
}
