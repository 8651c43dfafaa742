/* test-import-values.c
 *
 * Reading one cell of a platform's export: couriers, amounts, times and
 * long numbers; and garbage rows that must never crash the reader.
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "rd-import-fields.h"
#include "rd-intercept-types.h"
#include "rd-test-import-rows.h"

static void
test_couriers (void)
{
  static const struct { const char *text; const char *id; } cases[] = {
    { "中通快递", "zto" }, { "圆通速递", "yto" }, { "申通快递", "sto" }, { "韵达快递", "yunda" },
    { "顺丰速运", "sf" }, { "极兔速递", "jt" }, { "邮政快递包裹", "ems" }, { "EMS", "ems" },
    { "京东物流", "jd" }, { "德邦快递", "deppon" }, { "ZTO", "zto" }, { "J&T", "jt" },
    { "菜鸟速递", NULL }, { "stock", NULL }, { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *id = rd_import_courier_from_name (cases[i].text);

      g_assert_cmpstr (id, ==, cases[i].id);
      /* Every id is one the intercept register knows. */
      if (id != NULL)
        g_assert_cmpint (rd_courier_from_id (id), !=, RD_COURIER_NONE);
    }

  {
    char *courier, *tracking;

    rd_import_split_shipping ("菜鸟速递 CN123456789; 中通 731", &courier, &tracking);
    g_assert_cmpstr (courier, ==, "菜鸟速递");
    g_assert_cmpstr (tracking, ==, "CN123456789");
    g_free (courier);
    g_free (tracking);
    rd_import_split_shipping ("  ", &courier, &tracking);
    g_assert_null (courier);
    g_assert_null (tracking);
  }
}

/* ---- values ---- */

static void
test_amounts (void)
{
  static const struct { const char *text; RdImportUnit unit; gint64 value; } good[] = {
    { "0.01", RD_IMPORT_UNIT_YUAN, 1 },
    { "1234567.89", RD_IMPORT_UNIT_YUAN, 123456789 },
    { "1,234.50", RD_IMPORT_UNIT_YUAN, 123450 },
    { "¥58.00", RD_IMPORT_UNIT_YUAN, 5800 },
    { " 58.5 ", RD_IMPORT_UNIT_YUAN, 5850 },
    { "0", RD_IMPORT_UNIT_YUAN, 0 },
    { "5850", RD_IMPORT_UNIT_FEN, 5850 },
    { "1", RD_IMPORT_UNIT_FEN, 1 },
    { "123456789", RD_IMPORT_UNIT_FEN, 123456789 },
    { "5850.00", RD_IMPORT_UNIT_FEN, 5850 },
  };
  static const struct { const char *text; RdImportUnit unit; const char *says; } bad[] = {
    { "-1.00", RD_IMPORT_UNIT_YUAN, "negative" },
    { "-¥3.00", RD_IMPORT_UNIT_YUAN, "negative" },
    { "-5", RD_IMPORT_UNIT_FEN, "negative" },
    { "58.50", RD_IMPORT_UNIT_FEN, "fen" },
    { "0.001", RD_IMPORT_UNIT_YUAN, "0.001" },
    { "1e3", RD_IMPORT_UNIT_YUAN, "1e3" },
    { "abc", RD_IMPORT_UNIT_FEN, "abc" },
    { "", RD_IMPORT_UNIT_YUAN, "empty" },
    { "100000000000.00", RD_IMPORT_UNIT_YUAN, "too large" },
    { "99999999999999999999", RD_IMPORT_UNIT_FEN, "too large" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 value = -1;

      g_assert_true (rd_import_parse_amount (good[i].text, good[i].unit, NULL, &value, &error));
      g_assert_no_error (error);
      g_assert_cmpint (value, ==, good[i].value);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 value = 42;

      g_assert_false (rd_import_parse_amount (bad[i].text, bad[i].unit, NULL, &value, &error));
      g_assert_error (error, RD_IMPORT_PROFILE_ERROR, RD_IMPORT_PROFILE_ERROR_VALUE);
      g_assert_nonnull (strstr (error->message, bad[i].says));
      g_assert_cmpint (value, ==, 42);
    }
}

static void
test_times (void)
{
  gint64 expected = beijing (2026, 11, 3, 14, 5, 9);
  static const char *const bad[] = {
    "2026-13-01", "2026-02-30", "2026-11-03 25:00", "03/11/2026", "昨天", "2026-11-03 14:05 +0800", "-46000",
  };
  static const struct { const char *text; int d, h, m, s; } good[] = {
    { "2026-11-03 14:05:09", 3, 14, 5, 9 },
    { "2026/11/3 14:05", 3, 14, 5, 0 },
    { "2026-11-03", 3, 0, 0, 0 },
    { "2026-11-03T14:05:09", 3, 14, 5, 9 },
    { "2026年11月3日 14:05", 3, 14, 5, 0 },
    { "2026.11.03 14:05:09.000", 3, 14, 5, 9 },
  };
  gint64 value;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (rd_import_parse_time (good[i].text, RD_TABLE_CELL_TEXT, FALSE, &value, &error));
      g_assert_no_error (error);
      g_assert_cmpint (value, ==, beijing (2026, 11, good[i].d, good[i].h, good[i].m, good[i].s));
    }
  /* Unix seconds and milliseconds, as API-made files write them. */
  g_assert_true (rd_import_parse_time ("1793772309", RD_TABLE_CELL_TEXT, FALSE, &value, NULL));
  g_assert_cmpint (value, ==, 1793772309);
  g_assert_true (rd_import_parse_time ("1793772309000", RD_TABLE_CELL_NUMBER, FALSE, &value, NULL));
  g_assert_cmpint (value, ==, 1793772309);
  /* An Excel serial day (2026-11-03 is serial 46329), in Beijing time. */
  g_assert_true (rd_import_parse_time ("46329", RD_TABLE_CELL_DATE, FALSE, &value, NULL));
  g_assert_cmpint (value, ==, beijing (2026, 11, 3, 0, 0, 0));
  g_assert_true (rd_import_parse_time ("46329.5", RD_TABLE_CELL_NUMBER, FALSE, &value, NULL));
  g_assert_cmpint (value, ==, beijing (2026, 11, 3, 12, 0, 0));
  g_assert_true (rd_import_parse_time ("44867", RD_TABLE_CELL_DATE, TRUE, &value, NULL));
  g_assert_cmpint (value, ==, beijing (2026, 11, 3, 0, 0, 0));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *quoted = g_strdup_printf ("“%s”", bad[i]);

      g_assert_false (rd_import_parse_time (bad[i], RD_TABLE_CELL_TEXT, FALSE, &value, &error));
      g_assert_error (error, RD_IMPORT_PROFILE_ERROR, RD_IMPORT_PROFILE_ERROR_VALUE);
      g_assert_nonnull (strstr (error->message, quoted));
    }
  (void) expected;
}

static void
test_numbers (void)
{
  static const struct { const char *text; const char *value; } good[] = {
    { "4100000012345678901", "4100000012345678901" },
    { " 4100000012345678901\t", "4100000012345678901" },
    { "=\"4100000012345678901\"", "4100000012345678901" },
    { "'4100000012345678901", "4100000012345678901" },
    { "SF1400000000001", "SF1400000000001" },
  };
  static const char *const cut[] = { "4.1E+18", "4.10000001234568e18", "1E19" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *value = NULL;

      g_assert_true (rd_import_parse_number (good[i].text, &value, NULL));
      g_assert_cmpstr (value, ==, good[i].value);
    }
  for (guint i = 0; i < G_N_ELEMENTS (cut); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *value = NULL;

      g_assert_false (rd_import_parse_number (cut[i], &value, &error));
      g_assert_nonnull (strstr (error->message, "Excel cut"));
      g_assert_nonnull (strstr (error->message, cut[i]));
      g_assert_null (value);
    }
  {
    g_autofree char *longer = g_strnfill (RD_CASE_NUMBER_MAX_CHARS + 1, '7');
    g_autofree char *value = NULL;

    g_assert_false (rd_import_parse_number (longer, &value, NULL));
    g_assert_false (rd_import_parse_number ("12\x01" "3", &value, NULL));
  }

  /* Through a row: the 19 digits stay, a cut number is the row's problem. */
  {
    g_autoptr(Sheet) sheet = taobao_sheet ();
    g_autoptr(RdImportMapping) mapping = NULL;
    const RdTableRow *good_row = taobao_good_row (sheet);
    const RdTableRow *cut_row = TAOBAO_ROW (sheet, "订单编号", "4.1E+18", "退款编号", "2123",
                                            "买家实际支付金额", "10.00", "买家退款金额", "10.00",
                                            "是否需要退货", "否", "退款的申请时间", "2026-11-03",
                                            "退款状态", "SUCCESS");
    g_autoptr(RdImportRecord) record = NULL;
    g_autoptr(RdImportRecord) refused = NULL;

    mapping = map ("taobao", sheet);
    record = read_row (mapping, good_row);
    g_assert_cmpstr (record->rcase->order_no, ==, "4100000012345678901");
    refused = read_row (mapping, cut_row);
    g_assert_nonnull (strstr (first_problem (refused), "Excel cut"));
    g_assert_cmpint (((RdImportProblem *) refused->problems->pdata[0])->column, ==, 0);
  }
}

/* A row without its request time, key or amounts: each a problem. */
static void
test_required_values (void)
{
  g_autoptr(Sheet) sheet = taobao_sheet ();
  g_autoptr(RdImportMapping) mapping = NULL;
  const RdTableRow *row = TAOBAO_ROW (sheet, "订单编号", "4100000012345678901", "是否需要退货", "否",
                                      "退款状态", "SUCCESS", "售中或售后", "售后");
  g_autoptr(RdImportRecord) record = NULL;
  g_autoptr(GString) all = g_string_new (NULL);

  mapping = map ("taobao", sheet);
  record = read_row (mapping, row);
  for (guint i = 0; i < record->problems->len; i++)
    g_string_append_printf (all, "%s\n", ((RdImportProblem *) record->problems->pdata[i])->message);
  g_assert_nonnull (strstr (all->str, "After-sales number is empty"));
  g_assert_nonnull (strstr (all->str, "Requested at is empty"));
  g_assert_nonnull (strstr (all->str, "Refund amount is empty"));
  g_assert_nonnull (strstr (all->str, "Amount paid is empty"));
  g_assert_null (record->key);
}

/* Garbage rows: never a crash, always a record. */
static void
test_garbage_rows (void)
{
  g_autoptr(Sheet) sheet = taobao_sheet ();
  g_autoptr(RdImportMapping) mapping = map ("taobao", sheet);
  GRand *rand = g_rand_new_with_seed (12);
  static const char *const pieces[] = {
    "", " ", "4.1E+18", "-", "¥", "2026-", "是", "退款成功", "\xe4\xb8", "=\"", "\"", "中通 ", "合计", "#",
    "99999999999999999999999", "2026-11-03 14:05:09", "46329", "1,2,3", "；", "：", "\t",
  };

  for (guint round = 0; round < 2000; round++)
    {
      guint n = g_rand_int_range (rand, 0, G_N_ELEMENTS (taobao_42) + 3);
      g_autofree const char **cells = g_new0 (const char *, MAX (n, 1));
      g_autoptr(RdImportRecord) record = NULL;
      TestRow *row;

      for (guint i = 0; i < n; i++)
        cells[i] = pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))];
      row = test_row_new (round + 2, cells, n);
      rd_import_mapping_classify (mapping, &row->row);
      record = rd_import_mapping_read (mapping, &row->row, round % 2);
      g_assert_nonnull (record);
      g_assert_nonnull (record->rcase);
      test_row_free (row);
    }
  g_rand_free (rand);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rd/import-values/couriers", test_couriers);
  g_test_add_func ("/rd/import-values/amounts", test_amounts);
  g_test_add_func ("/rd/import-values/times", test_times);
  g_test_add_func ("/rd/import-values/numbers", test_numbers);
  g_test_add_func ("/rd/import-values/required-values", test_required_values);
  g_test_add_func ("/rd/import-values/garbage-rows", test_garbage_rows);

  return g_test_run ();
}
