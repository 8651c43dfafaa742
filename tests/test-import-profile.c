/* test-import-profile.c
 *
 * The platform profiles: which file is which platform, where its header
 * is, which rows are data, and what each cell means. Rows are built here as
 * RdTableRow arrays; no file is read.
 *
 * `test-import-profile --print-tables` prints the tables docs/import.md
 * carries between its "generated" markers; /rd/import-profile/docs fails
 * when the two drift apart.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "rd-import-fields.h"
#include "rd-import-profile.h"
#include "rd-channels.h"
#include "rd-test-import-rows.h"

/* ---- detection and header ---- */

static void
test_detect_taobao (void)
{
  g_autoptr(Sheet) s42 = sheet_new ();
  g_autoptr(Sheet) s21 = sheet_new ();
  g_autoptr(Sheet) resaved = sheet_new ();
  const char *cells[G_N_ELEMENTS (taobao_42)];
  g_autofree char *bom_first = g_strconcat ("\xEF\xBB\xBF", taobao_42[0], NULL);
  g_autofree char *padded = g_strconcat ("  ", taobao_42[1], " ", NULL);
  g_autofree char *wide = NULL;

  sheet_add (s42, taobao_42, G_N_ELEMENTS (taobao_42));
  g_assert_cmpstr (rd_import_profile_get_id (rd_import_profile_detect (sheet_rows (s42), 1)), ==, "taobao");

  sheet_add (s21, taobao_21, G_N_ELEMENTS (taobao_21));
  g_assert_cmpstr (rd_import_profile_get_id (rd_import_profile_detect (sheet_rows (s21), 1)), ==, "taobao");

  /* Excel's re-save: "/" → "_", a BOM, spaces around a header. */
  for (guint i = 0; i < G_N_ELEMENTS (taobao_42); i++)
    {
      if (g_str_equal (taobao_42[i], "手工退款/系统退款"))
        cells[i] = "手工退款_系统退款";
      else if (g_str_equal (taobao_42[i], "部分退款/全部退款"))
        cells[i] = "部分退款_全部退款";
      else
        cells[i] = taobao_42[i];
    }
  g_assert_true (rd_import_profile_knows_header (rd_import_profile_lookup ("taobao"), "手工退款_系统退款"));
  cells[0] = bom_first;
  cells[1] = padded;
  sheet_add (resaved, cells, G_N_ELEMENTS (cells));
  g_assert_cmpstr (rd_import_profile_get_id (rd_import_profile_detect (sheet_rows (resaved), 1)), ==, "taobao");
  {
    g_autoptr(RdImportMapping) mapping = map ("taobao", resaved);

    g_assert_cmpint (rd_import_mapping_get_column (mapping, RD_IMPORT_FIELD_ORDER_NO), ==, 0);
    g_assert_cmpint (rd_import_mapping_get_column (mapping, RD_IMPORT_FIELD_AFTER_SALES_NO), ==, 1);
    g_assert_cmpint (rd_import_mapping_get_column (mapping, RD_IMPORT_FIELD_STATUS), ==, 13);
    g_assert_cmpstr (rd_import_mapping_get_header (mapping, 1), ==, padded);
  }

  /* Full-width parentheses match half-width ones. */
  wide = rd_import_normalise ("用户实付金额（元）");
  g_assert_cmpstr (wide, ==, "用户实付金额(元)");

  /* Nothing known: no profile. */
  {
    static const char *const other[] = { "名称", "数量", "单价" };
    g_autoptr(Sheet) sheet = sheet_new ();

    sheet_add (sheet, other, G_N_ELEMENTS (other));
    g_assert_null (rd_import_profile_detect (sheet_rows (sheet), 1));
  }
}

/* Each platform's API names are its own: a file with them is detected. */
static void
test_detect_platforms (void)
{
  static const struct
  {
    const char *id;
    const char *cells[7];
  } cases[] = {
    { "pinduoduo", { "afterSalesId", "orderSn", "afterSalesType", "afterSalesStatus", "refund_amount", "created_time", NULL } },
    { "douyin",    { "aftersale_id", "order_id", "aftersale_type", "aftersale_status", "refund_amount", "apply_time", NULL } },
    { "jd",        { "serviceId", "orderId", "customerExpect", "serviceStatus", "applyRefundSum", "applyTime", NULL } },
    { "kuaishou",  { "refundId", "oid", "refundType", "status", "refundFee", "submitTime", NULL } },
    { "wechat",    { "after_sale_order_id", "order_id", "type", "status", "refund_amount", "create_time", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Sheet) sheet = sheet_new ();
      const RdImportProfile *found;

      sheet_add (sheet, cases[i].cells, g_strv_length ((char **) cases[i].cells));
      found = rd_import_profile_detect (sheet_rows (sheet), 1);
      g_assert_nonnull (found);
      g_assert_cmpstr (rd_import_profile_get_id (found), ==, cases[i].id);
    }
}

static void
test_header_after_comments (void)
{
  static const char *const comment1[] = { "#淘宝退款导出" };
  static const char *const comment2[] = { "#导出时间：2026-11-03 14:05" };
  static const char *const empty[] = { "" };
  static const char *const words[] = { "退款管理", "" };
  g_autoptr(Sheet) sheet = sheet_new ();
  g_autoptr(RdImportMapping) mapping = NULL;
  g_autoptr(GError) error = NULL;
  guint header_row = 0;

  sheet_add (sheet, comment1, 1);
  sheet_add (sheet, comment2, 1);
  sheet_add (sheet, empty, 1);
  sheet_add (sheet, words, 2);
  sheet_add (sheet, taobao_42, G_N_ELEMENTS (taobao_42));
  taobao_good_row (sheet);

  g_assert_cmpstr (rd_import_profile_get_id (rd_import_profile_detect (sheet_rows (sheet), sheet->view->len)),
                   ==, "taobao");
  mapping = rd_import_mapping_new (rd_import_profile_lookup ("taobao"), sheet_rows (sheet),
                                   sheet->view->len, &header_row, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (header_row, ==, 4);
  for (guint i = 0; i <= 4; i++)
    g_assert_cmpint (rd_import_mapping_classify (mapping, sheet_rows (sheet)[i]), ==, RD_IMPORT_ROW_SKIP);
  g_assert_cmpint (rd_import_mapping_classify (mapping, sheet_rows (sheet)[5]), ==, RD_IMPORT_ROW_DATA);

  /* A header beyond the 30th row is not looked for. */
  {
    g_autoptr(Sheet) late = sheet_new ();

    for (guint i = 0; i < 30; i++)
      sheet_add (late, comment1, 1);
    sheet_add (late, taobao_42, G_N_ELEMENTS (taobao_42));
    g_assert_null (rd_import_mapping_new (rd_import_profile_lookup ("taobao"), sheet_rows (late),
                                          late->view->len, NULL, &error));
    g_assert_error (error, RD_IMPORT_PROFILE_ERROR, RD_IMPORT_PROFILE_ERROR_NO_HEADER);
  }
}

static void
test_explanation_row (void)
{
  static const char *const header[] = { "售后单号", "订单号", "售后类型", "售后状态", "退款金额", "申请时间" };
  static const char *const explanation[] = { "售后单的唯一编号", "订单编号", "0退货退款 1已发货仅退款", "见状态说明", "单位：分", "" };
  static const char *const data[] = { "7312345678901234567", "6912345678901234567", "1", "6", "5850", "2026-11-03 14:05:09" };
  g_autoptr(Sheet) sheet = sheet_new ();
  g_autoptr(RdImportMapping) mapping = NULL;
  g_autoptr(RdImportRecord) record = NULL;

  sheet_add (sheet, header, G_N_ELEMENTS (header));
  sheet_add (sheet, explanation, G_N_ELEMENTS (explanation));
  sheet_add (sheet, data, G_N_ELEMENTS (data));
  mapping = map ("douyin", sheet);
  g_assert_cmpint (rd_import_mapping_classify (mapping, sheet_rows (sheet)[1]), ==, RD_IMPORT_ROW_SKIP);
  record = read_row (mapping, sheet_rows (sheet)[2]);
  assert_no_problems (record);
  g_assert_cmpstr (record->rcase->after_sales_no, ==, "7312345678901234567");
  g_assert_cmpint (record->refund_amount, ==, 5850);
  g_assert_cmpint (record->rcase->amount_paid, ==, 5850);
  g_assert_cmpint (record->rcase->kind, ==, RD_REFUND_KIND_REFUND_ONLY_SHIPPED);
  g_assert_cmpint (record->rcase->status, ==, RD_CASE_STATUS_REQUESTED);
  g_assert_cmpint (record->rcase->payment_method, ==, RD_PAYMENT_METHOD_OTHER);
}

static void
test_totals_skipped (void)
{
  static const char *const total1[] = { "合计", "", "", "", "", "", "116.00" };
  static const char *const total2[] = { "共2笔" };
  static const char *const total3[] = { "", "#导出时间：2026-11-04" };
  g_autoptr(Sheet) sheet = taobao_sheet ();
  g_autoptr(RdImportMapping) mapping = NULL;

  taobao_good_row (sheet);
  taobao_good_row (sheet);
  sheet_add (sheet, total1, G_N_ELEMENTS (total1));
  sheet_add (sheet, total2, G_N_ELEMENTS (total2));
  sheet_add (sheet, total3, G_N_ELEMENTS (total3));
  sheet_add (sheet, taobao_42, G_N_ELEMENTS (taobao_42));   /* the header again */
  sheet_add (sheet, NULL, 0);
  mapping = map ("taobao", sheet);

  g_assert_cmpint (rd_import_mapping_classify (mapping, sheet_rows (sheet)[1]), ==, RD_IMPORT_ROW_DATA);
  g_assert_cmpint (rd_import_mapping_classify (mapping, sheet_rows (sheet)[2]), ==, RD_IMPORT_ROW_DATA);
  for (guint i = 3; i < sheet->view->len; i++)
    g_assert_cmpint (rd_import_mapping_classify (mapping, sheet_rows (sheet)[i]), ==, RD_IMPORT_ROW_SKIP);
}

static void
check_missing_column (gboolean chinese)
{
  g_autoptr(Sheet) sheet = sheet_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (taobao_42); i++)
    if (!g_str_equal (taobao_42[i], "退款状态") && !g_str_equal (taobao_42[i], "退款编号"))
      g_ptr_array_add (cells, (gpointer) taobao_42[i]);
  sheet_add (sheet, (const char *const *) cells->pdata, cells->len);

  g_assert_null (rd_import_mapping_new (rd_import_profile_lookup ("taobao"), sheet_rows (sheet), 1, NULL, &error));
  g_assert_error (error, RD_IMPORT_PROFILE_ERROR, RD_IMPORT_PROFILE_ERROR_MISSING_COLUMN);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "“退款状态”"));
  g_assert_nonnull (strstr (error->message, "“退款编号”"));
  if (chinese)
    {
      g_assert_nonnull (strstr (error->message, "缺少"));
      g_assert_nonnull (strstr (error->message, "（退款状态）"));
      g_assert_null (strstr (error->message, "lacks"));
    }
  else
    {
      g_assert_nonnull (strstr (error->message, "lacks the columns"));
      g_assert_nonnull (strstr (error->message, "(Refund status)"));
    }
  /* Not detected either: a required column is missing. */
  g_assert_null (rd_import_profile_detect (sheet_rows (sheet), 1));
}

static gboolean
use_chinese (void)
{
  const char *localedir = g_getenv ("REFUND_DESK_LOCALEDIR");
  g_autofree char *mo = NULL;

  if (localedir == NULL)
    return FALSE;
  mo = g_build_filename (localedir, "zh_CN", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (!g_file_test (mo, G_FILE_TEST_EXISTS) || setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
    return FALSE;
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  return TRUE;
}

static void
test_missing_column (void)
{
  check_missing_column (FALSE);
  if (!use_chinese ())
    {
      g_test_skip ("the zh_CN catalogue or locale is not there");
      return;
    }
  check_missing_column (TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
}

/* ---- every profile's tables, read through a row ---- */

/* A one-row sheet for a profile: its first spelling of each field, values
 * that read well, and the given status and kind. */
static RdImportRecord *
read_with (const RdImportProfile *profile,
           const char            *status,
           const char            *kind,
           const char            *reason)
{
  g_autoptr(Sheet) sheet = sheet_new ();
  g_autoptr(RdImportMapping) mapping = NULL;
  g_autoptr(GError) error = NULL;
  const char *header[RD_IMPORT_FIELD_LAST];
  const char *values[RD_IMPORT_FIELD_LAST];
  guint n = 0;

  for (guint f = 0; f < RD_IMPORT_FIELD_LAST; f++)
    {
      const char *const *headers = rd_import_profile_get_headers (profile, f);
      const char *value = "";

      if (headers == NULL)
        continue;
      switch (f)
        {
        case RD_IMPORT_FIELD_AFTER_SALES_NO: value = "212345678901234567"; break;
        case RD_IMPORT_FIELD_ORDER_NO:       value = "4100000012345678901"; break;
        case RD_IMPORT_FIELD_REFUND_ID:      value = "1"; break;
        case RD_IMPORT_FIELD_KIND:           value = kind; break;
        case RD_IMPORT_FIELD_NEEDS_RETURN:   value = kind == NULL || *kind == '\0' ? "是" : ""; break;
        case RD_IMPORT_FIELD_STATUS:         value = status; break;
        case RD_IMPORT_FIELD_REASON:         value = reason; break;
        case RD_IMPORT_FIELD_AMOUNT_PAID:
        case RD_IMPORT_FIELD_REFUND_AMOUNT:
          value = rd_import_profile_get_unit (profile) == RD_IMPORT_UNIT_FEN ? "5850" : "58.50";
          break;
        case RD_IMPORT_FIELD_REQUESTED_AT:   value = "2026-11-03 14:05:09"; break;
        default: break;
        }
      header[n] = headers[0];
      values[n] = value != NULL ? value : "";
      n++;
    }
  sheet_add (sheet, header, n);
  sheet_add (sheet, values, n);
  mapping = rd_import_mapping_new (profile, sheet_rows (sheet), 2, NULL, &error);
  g_assert_no_error (error);
  return read_row (mapping, sheet_rows (sheet)[1]);
}

static const char *
refund_kind_text (const RdImportProfile *profile)
{
  guint n;
  const RdImportKindEntry *kinds = rd_import_profile_get_kinds (profile, &n);

  if (rd_import_profile_get_headers (profile, RD_IMPORT_FIELD_KIND) == NULL ||
      rd_import_profile_field_required (profile, RD_IMPORT_FIELD_NEEDS_RETURN))
    return "";
  for (guint i = 0; i < n; i++)
    if (kinds[i].kind == RD_REFUND_KIND_RETURN_REFUND)
      return kinds[i].text;
  g_assert_not_reached ();
}

static void
test_statuses (void)
{
  const RdImportProfile *const *profiles = rd_import_profile_builtin ();

  for (guint p = 0; profiles[p] != NULL; p++)
    {
      guint n;
      const RdImportStatusEntry *entries = rd_import_profile_get_statuses (profiles[p], &n);

      g_assert_cmpuint (n, >, 0);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(RdImportRecord) record =
            read_with (profiles[p], entries[i].text, refund_kind_text (profiles[p]), "");

          assert_no_problems (record);
          g_assert_cmpint (record->platform_state, ==, entries[i].state);
          g_assert_cmpint (record->rcase->status, ==, entries[i].status);
          g_assert_cmpstr (record->platform_status, ==, entries[i].text);
          g_assert_cmpstr (record->rcase->order_state, ==, entries[i].text);
          g_assert_nonnull (record->key);
        }
    }

  /* Taobao's gloss inside a longer text, and an id in another case. */
  {
    const RdImportProfile *taobao = rd_import_profile_lookup ("taobao");
    g_autoptr(RdImportRecord) longer = read_with (taobao, "退款成功（已到账）", "", "");
    g_autoptr(RdImportRecord) lower = read_with (taobao, "wait_seller_agree", "", "");
    g_autoptr(RdImportRecord) unknown = read_with (taobao, "等待发货", "", "");
    g_autoptr(RdImportRecord) digits = read_with (rd_import_profile_lookup ("douyin"), "2", "0", "");

    assert_no_problems (longer);
    g_assert_cmpint (longer->platform_state, ==, RD_IMPORT_PLATFORM_REFUNDED);
    g_assert_cmpint (longer->rcase->status, ==, RD_CASE_STATUS_PAID);
    assert_no_problems (lower);
    g_assert_cmpint (lower->rcase->status, ==, RD_CASE_STATUS_REQUESTED);
    /* Not in the table: a problem that names the value, never a guess. */
    g_assert_nonnull (strstr (first_problem (unknown), "“等待发货”"));
    g_assert_cmpint (((RdImportProblem *) unknown->problems->pdata[0])->column, >=, 0);
    g_assert_nonnull (strstr (first_problem (digits), "“2”"));
  }
}

static void
test_kinds (void)
{
  const RdImportProfile *const *profiles = rd_import_profile_builtin ();

  for (guint p = 0; profiles[p] != NULL; p++)
    {
      guint n, n_statuses;
      const RdImportKindEntry *entries = rd_import_profile_get_kinds (profiles[p], &n);
      const RdImportStatusEntry *statuses = rd_import_profile_get_statuses (profiles[p], &n_statuses);

      if (rd_import_profile_get_headers (profiles[p], RD_IMPORT_FIELD_KIND) == NULL)
        continue;
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(RdImportRecord) record = read_with (profiles[p], statuses[0].text, entries[i].text, "");

          if (entries[i].not_refund != RD_IMPORT_NOT_REFUND_NONE)
            {
              g_autofree char *quoted = g_strdup_printf ("“%s”", entries[i].text);

              g_assert_cmpuint (record->problems->len, ==, 1);
              g_assert_nonnull (strstr (first_problem (record), quoted));
              g_assert_nonnull (strstr (first_problem (record), "leave this row out"));
              continue;
            }
          assert_no_problems (record);
          if (entries[i].kind != RD_REFUND_KIND_NONE)
            g_assert_cmpint (record->rcase->kind, ==, entries[i].kind);
          else  /* refund only, and the row says nothing was shipped */
            g_assert_cmpint (record->rcase->kind, ==, RD_REFUND_KIND_REFUND_ONLY_UNSHIPPED);
        }
      {
        g_autoptr(RdImportRecord) unknown = read_with (profiles[p], statuses[0].text, "以旧换新", "");

        g_assert_nonnull (strstr (first_problem (unknown), "“以旧换新”"));
      }
    }
}

/* Taobao: 是否需要退货, 货物状态 and 发货物流信息 decide the kind. */
static void
test_taobao_kind_and_shipping (void)
{
  g_autoptr(Sheet) sheet = taobao_sheet ();
  g_autoptr(RdImportMapping) mapping = NULL;
  const RdTableRow *unshipped, *shipped, *received, *returning, *bad;

  unshipped = taobao_good_row (sheet);
  shipped = TAOBAO_ROW (sheet, "订单编号", "4100000012345678902", "退款编号", "2123", "买家实际支付金额", "10.00",
                        "买家退款金额", "10.00", "是否需要退货", "否", "退款的申请时间", "2026-11-03",
                        "退款状态", "WAIT_SELLER_AGREE", "发货物流信息", "中通快递 7312345678901");
  received = TAOBAO_ROW (sheet, "订单编号", "4100000012345678903", "退款编号", "2124", "买家实际支付金额", "10.00",
                         "买家退款金额", "10.00", "是否需要退货", "否", "退款的申请时间", "2026-11-03",
                         "退款状态", "WAIT_SELLER_AGREE", "货物状态", "BUYER_RECEIVED");
  returning = TAOBAO_ROW (sheet, "订单编号", "4100000012345678904", "退款编号", "2125", "买家实际支付金额", "10.00",
                          "买家退款金额", "8.00", "是否需要退货", "是", "退款的申请时间", "2026-11-03",
                          "退款状态", "卖家已经同意退款，等待买家退货", "退货物流单号", "YT1234567890",
                          "退货物流公司", "圆通速递", "发货物流信息", "顺丰速运:SF1400000000001");
  bad = TAOBAO_ROW (sheet, "订单编号", "4100000012345678905", "退款编号", "2126", "买家实际支付金额", "10.00",
                    "买家退款金额", "10.00", "是否需要退货", "也许", "退款的申请时间", "2026-11-03",
                    "退款状态", "WAIT_SELLER_AGREE", "货物状态", "丢了", "售中或售后", "售前");
  mapping = map ("taobao", sheet);

  {
    g_autoptr(RdImportRecord) record = read_row (mapping, unshipped);

    assert_no_problems (record);
    g_assert_cmpint (record->rcase->kind, ==, RD_REFUND_KIND_REFUND_ONLY_UNSHIPPED);
    g_assert_cmpstr (record->rcase->channel, ==, "taobao");
    g_assert_cmpint (record->rcase->payment_method, ==, RD_PAYMENT_METHOD_ALIPAY);
    g_assert_cmpint (record->rcase->requested_at, ==, beijing (2026, 11, 3, 14, 5, 9));
    g_assert_cmpint (record->rcase->platform_deadline, ==, beijing (2026, 11, 5, 14, 5, 9));
    g_assert_cmpstr (record->rcase->reason, ==, "changed_mind");
    g_assert_true (record->reason_known);
    g_assert_cmpstr (record->key, ==, "taobao\x1f" "212345678901234567");
  }
  {
    g_autoptr(RdImportRecord) record = read_row (mapping, shipped);

    assert_no_problems (record);
    g_assert_cmpint (record->rcase->kind, ==, RD_REFUND_KIND_REFUND_ONLY_SHIPPED);
    g_assert_cmpstr (record->rcase->outbound_courier, ==, "zto");
    g_assert_cmpstr (record->rcase->outbound_tracking, ==, "7312345678901");
    g_assert_null (record->rcase->reason);
    g_assert_false (record->reason_known);
  }
  {
    g_autoptr(RdImportRecord) record = read_row (mapping, received);

    assert_no_problems (record);
    g_assert_cmpint (record->rcase->kind, ==, RD_REFUND_KIND_REFUND_ONLY_SHIPPED);
  }
  {
    g_autoptr(RdImportRecord) record = read_row (mapping, returning);

    assert_no_problems (record);
    g_assert_cmpint (record->rcase->kind, ==, RD_REFUND_KIND_RETURN_REFUND);
    g_assert_cmpint (record->rcase->status, ==, RD_CASE_STATUS_AWAITING_RETURN);
    g_assert_cmpstr (record->rcase->return_tracking, ==, "YT1234567890");
    g_assert_cmpstr (record->rcase->outbound_courier, ==, "sf");
    g_assert_cmpstr (record->rcase->outbound_tracking, ==, "SF1400000000001");
    g_assert_cmpint (record->rcase->amount_paid, ==, 1000);
    g_assert_cmpint (record->refund_amount, ==, 800);
  }
  {
    g_autoptr(RdImportRecord) record = read_row (mapping, bad);

    g_assert_cmpuint (record->problems->len, ==, 3);
  }
}

static void
test_reasons (void)
{
  const RdImportProfile *taobao = rd_import_profile_lookup ("taobao");
  guint n;
  const RdImportReasonEntry *entries = rd_import_profile_get_reasons (taobao, &n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RdImportRecord) record = read_with (taobao, "SUCCESS", "", entries[i].text);

      assert_no_problems (record);
      g_assert_true (record->reason_known);
      g_assert_cmpstr (record->rcase->reason, ==, entries[i].reason_id);
      g_assert_nonnull (rd_refund_reason_lookup (entries[i].reason_id));
    }
  {
    g_autoptr(RdImportRecord) record = read_with (taobao, "SUCCESS", "", "商品需要维修");

    assert_no_problems (record);
    g_assert_false (record->reason_known);
    g_assert_cmpstr (record->rcase->reason, ==, "商品需要维修");
  }
}

/* ---- generic profiles and their JSON ---- */

static void
test_generic_json (void)
{
  const char *headers[RD_IMPORT_FIELD_LAST] = { NULL };
  g_autoptr(RdImportProfile) profile = NULL;
  g_autoptr(RdImportProfile) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *again = NULL;

  headers[RD_IMPORT_FIELD_ORDER_NO] = "单号";
  headers[RD_IMPORT_FIELD_REFUND_ID] = "退款序号";
  headers[RD_IMPORT_FIELD_KIND] = "类型";
  headers[RD_IMPORT_FIELD_STATUS] = "状态";
  headers[RD_IMPORT_FIELD_REFUND_AMOUNT] = "金额（分）";
  headers[RD_IMPORT_FIELD_REQUESTED_AT] = "申请日期";
  profile = rd_import_profile_new_generic ("小程序商城", "website", RD_IMPORT_UNIT_FEN, headers, &error);
  g_assert_no_error (error);
  json = rd_import_profile_to_json (profile);
  back = rd_import_profile_from_json (json, &error);
  g_assert_no_error (error);
  again = rd_import_profile_to_json (back);
  g_assert_cmpstr (json, ==, again);
  g_assert_cmpstr (rd_import_profile_get_name (back), ==, "小程序商城");
  g_assert_cmpstr (rd_import_profile_get_channel (back), ==, "website");
  g_assert_true (rd_import_profile_is_generic (back));
  g_assert_cmpint (rd_import_profile_get_unit (back), ==, RD_IMPORT_UNIT_FEN);
  for (guint f = 0; f < RD_IMPORT_FIELD_LAST; f++)
    {
      const char *const *got = rd_import_profile_get_headers (back, f);

      g_assert_cmpstr (got != NULL ? got[0] : NULL, ==, headers[f]);
      g_assert_cmpint (rd_import_profile_field_required (back, f), ==, headers[f] != NULL);
    }

  /* The saved mapping reads a file: key by order and refund id. */
  {
    static const char *const header[] = { "单号", "退款序号", "类型", "状态", "金额(分)", "申请日期", "备注" };
    static const char *const data[] = { "A-1001", "2", "退货退款", "待商家处理", "1999", "2026/11/3", "x" };
    g_autoptr(Sheet) sheet = sheet_new ();
    g_autoptr(RdImportMapping) mapping = NULL;
    g_autoptr(RdImportRecord) record = NULL;

    sheet_add (sheet, header, G_N_ELEMENTS (header));
    sheet_add (sheet, data, G_N_ELEMENTS (data));
    mapping = rd_import_mapping_new (back, sheet_rows (sheet), 2, NULL, &error);
    g_assert_no_error (error);
    record = read_row (mapping, sheet_rows (sheet)[1]);
    assert_no_problems (record);
    g_assert_cmpstr (record->key, ==, "website\x1f" "A-1001\x1f" "2");
    g_assert_cmpint (record->refund_amount, ==, 1999);
    g_assert_cmpint (record->rcase->kind, ==, RD_REFUND_KIND_RETURN_REFUND);
    g_assert_cmpint (record->rcase->payment_method, ==, RD_PAYMENT_METHOD_OTHER);
  }

  /* No key: refused. */
  headers[RD_IMPORT_FIELD_REFUND_ID] = NULL;
  g_assert_null (rd_import_profile_new_generic ("x", "website", RD_IMPORT_UNIT_FEN, headers, &error));
  g_assert_error (error, RD_IMPORT_PROFILE_ERROR, RD_IMPORT_PROFILE_ERROR_INVALID);
  g_clear_error (&error);
  /* One header for two fields: refused. */
  headers[RD_IMPORT_FIELD_REFUND_ID] = "单号";
  g_assert_null (rd_import_profile_new_generic ("x", "website", RD_IMPORT_UNIT_FEN, headers, &error));
  g_assert_error (error, RD_IMPORT_PROFILE_ERROR, RD_IMPORT_PROFILE_ERROR_INVALID);
}

static void
test_generic_json_hostile (void)
{
  g_autofree char *huge_name = g_strnfill (100000, 'a');
  g_autofree char *huge = g_strdup_printf ("{\"name\":\"%s\",\"channel\":\"other\",\"unit\":\"yuan\","
                                           "\"columns\":{\"after_sales_no\":\"a\",\"kind\":\"b\","
                                           "\"refund_amount\":\"c\",\"requested_at\":\"d\"}}", huge_name);
  g_autofree char *long_header = g_strdup_printf ("{\"name\":\"n\",\"channel\":\"other\",\"unit\":\"yuan\","
                                                  "\"columns\":{\"after_sales_no\":\"%.*s\",\"kind\":\"b\","
                                                  "\"refund_amount\":\"c\",\"requested_at\":\"d\"}}",
                                                  300, huge_name);
  g_autofree char *deep = NULL;
  const char *const hostile[] = {
    "", "null", "[]", "42", "{", "{\"name\":1}",
    "{\"name\":\"n\",\"channel\":\"other\",\"unit\":\"yuan\",\"columns\":[]}",
    "{\"name\":\"n\",\"channel\":\"other\",\"unit\":\"yuan\",\"columns\":{\"after_sales_no\":7}}",
    "{\"name\":\"n\",\"channel\":\"other\",\"unit\":\"yuan\",\"columns\":{\"no_such_field\":\"a\",\"after_sales_no\":\"a\",\"kind\":\"b\",\"refund_amount\":\"c\",\"requested_at\":\"d\"}}",
    "{\"name\":\"n\",\"channel\":\"mars\",\"unit\":\"yuan\",\"columns\":{\"after_sales_no\":\"a\",\"kind\":\"b\",\"refund_amount\":\"c\",\"requested_at\":\"d\"}}",
    "{\"name\":\"n\",\"channel\":\"other\",\"unit\":\"jiao\",\"columns\":{\"after_sales_no\":\"a\",\"kind\":\"b\",\"refund_amount\":\"c\",\"requested_at\":\"d\"}}",
    "{\"name\":\"n\",\"channel\":\"other\",\"unit\":\"yuan\",\"extra\":1,\"columns\":{\"after_sales_no\":\"a\",\"kind\":\"b\",\"refund_amount\":\"c\",\"requested_at\":\"d\"}}",
    "{\"name\":\"n\",\"name\":\"m\",\"channel\":\"other\",\"unit\":\"yuan\",\"columns\":{\"after_sales_no\":\"a\",\"kind\":\"b\",\"refund_amount\":\"c\",\"requested_at\":\"d\"}}",
    "{\"name\":\"n\",\"channel\":\"other\",\"unit\":\"yuan\",\"columns\":{\"after_sales_no\":\"a\\u0000b\",\"kind\":\"b\",\"refund_amount\":\"c\",\"requested_at\":\"d\"}}",
    "{\"version\":2,\"name\":\"n\",\"channel\":\"other\",\"unit\":\"yuan\",\"columns\":{\"after_sales_no\":\"a\",\"kind\":\"b\",\"refund_amount\":\"c\",\"requested_at\":\"d\"}}",
    "{\"name\":\"  \",\"channel\":\"other\",\"unit\":\"yuan\",\"columns\":{\"after_sales_no\":\"a\",\"kind\":\"b\",\"refund_amount\":\"c\",\"requested_at\":\"d\"}}",
    "{\"name\":\"n\",\"channel\":\"other\",\"unit\":\"yuan\",\"columns\":{\"after_sales_no\":\"a\",\"kind\":\"A\",\"refund_amount\":\"c\",\"requested_at\":\"d\"}}",
    "{\"name\":\"n\xff\",\"channel\":\"other\",\"unit\":\"yuan\",\"columns\":{}}",
    huge, long_header,
  };
  GString *nested = g_string_new (NULL);

  for (guint i = 0; i < 10000; i++)
    g_string_append_c (nested, '[');
  deep = g_string_free (nested, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RdImportProfile) profile = rd_import_profile_from_json (hostile[i], &error);

      g_assert_null (profile);
      g_assert_error (error, RD_IMPORT_PROFILE_ERROR, RD_IMPORT_PROFILE_ERROR_INVALID);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }
  {
    g_autoptr(GError) error = NULL;

    g_assert_null (rd_import_profile_from_json (deep, &error));
    g_assert_error (error, RD_IMPORT_PROFILE_ERROR, RD_IMPORT_PROFILE_ERROR_INVALID);
  }
  /* Every prefix of a good text: refused or read, never a crash. */
  {
    const char *good = "{\"version\":1,\"name\":\"n\",\"channel\":\"other\",\"unit\":\"yuan\",\"columns\":"
                       "{\"after_sales_no\":\"a\",\"kind\":\"b\",\"refund_amount\":\"c\",\"requested_at\":\"d\"}}";
    g_autoptr(RdImportProfile) whole = rd_import_profile_from_json (good, NULL);

    g_assert_nonnull (whole);
    for (gsize len = 0; len < strlen (good); len++)
      {
        g_autofree char *part = g_strndup (good, len);
        g_autoptr(RdImportProfile) profile = rd_import_profile_from_json (part, NULL);

        g_assert_null (profile);
      }
  }
}

/* ---- the profiles themselves ---- */

static void
test_profile_headers (void)
{
  const RdImportProfile *const *profiles = rd_import_profile_builtin ();
  const char *const *channels = rd_channel_builtin_ids ();
  const RdImportProfile *taobao = rd_import_profile_lookup ("taobao");

  for (guint p = 0; profiles[p] != NULL; p++)
    {
      g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      const char *const *ignored = rd_import_profile_get_ignored_headers (profiles[p]);

      /* In the order of the channels. */
      g_assert_cmpstr (rd_import_profile_get_id (profiles[p]), ==, channels[p]);
      g_assert_cmpstr (rd_import_profile_get_channel (profiles[p]), ==, channels[p]);
      g_assert_false (rd_import_profile_is_generic (profiles[p]));
      g_assert_true (rd_import_profile_lookup (channels[p]) == profiles[p]);
      for (guint f = 0; f < RD_IMPORT_FIELD_LAST; f++)
        {
          const char *const *headers = rd_import_profile_get_headers (profiles[p], f);

          if (rd_import_profile_field_required (profiles[p], f))
            g_assert_nonnull (headers);
          for (guint j = 0; headers != NULL && headers[j] != NULL; j++)
            {
              char *norm = rd_import_normalise (headers[j]);

              g_assert_true (g_utf8_validate (headers[j], -1, NULL));
              if (g_hash_table_contains (seen, norm))
                g_error ("%s: the header %s is given to two fields", rd_import_profile_get_id (profiles[p]),
                         headers[j]);
              g_hash_table_add (seen, norm);
            }
        }
      for (guint j = 0; ignored[j] != NULL; j++)
        {
          char *norm = rd_import_normalise (ignored[j]);

          g_assert_true (g_utf8_validate (ignored[j], -1, NULL));
          g_assert_false (g_hash_table_contains (seen, norm));
          g_hash_table_add (seen, norm);
        }
      /* The key can be read. */
      g_assert_true (rd_import_profile_field_required (profiles[p], RD_IMPORT_FIELD_AFTER_SALES_NO));
      g_assert_true (rd_import_profile_field_required (profiles[p], RD_IMPORT_FIELD_REQUESTED_AT));
    }

  /* Taobao is complete: every one of the 42 headers is known. */
  for (guint i = 0; i < G_N_ELEMENTS (taobao_42); i++)
    g_assert_true (rd_import_profile_knows_header (taobao, taobao_42[i]));
  g_assert_true (rd_import_profile_lookup ("pdd") == rd_import_profile_lookup ("pinduoduo"));
  g_assert_true (rd_import_profile_is_generic (rd_import_profile_lookup ("generic")));
  g_assert_null (rd_import_profile_lookup ("amazon"));
  g_assert_cmpint (rd_import_profile_get_payment_method (taobao), ==, RD_PAYMENT_METHOD_ALIPAY);
  g_assert_cmpint (rd_import_profile_get_payment_method (rd_import_profile_lookup ("wechat")), ==,
                   RD_PAYMENT_METHOD_WECHAT_PAY);

  for (guint f = 0; f < RD_IMPORT_FIELD_LAST; f++)
    {
      g_assert_cmpint (rd_import_field_from_id (rd_import_field_to_id (f)), ==, f);
      g_assert_cmpstr (rd_import_field_get_name (f), !=, "");
    }
  g_assert_cmpint (rd_import_field_from_id ("nope"), ==, RD_IMPORT_FIELD_LAST);
}

/* ---- docs/import.md ---- */

static const char *
state_id (RdImportPlatformState state)
{
  switch (state)
    {
    case RD_IMPORT_PLATFORM_OPEN: return "open";
    case RD_IMPORT_PLATFORM_REFUNDED: return "refunded";
    case RD_IMPORT_PLATFORM_REFUSED: return "refused";
    case RD_IMPORT_PLATFORM_CLOSED: return "closed";
    default: g_assert_not_reached ();
    }
}

static const char *
kind_text (const RdImportKindEntry *entry)
{
  switch (entry->not_refund)
    {
    case RD_IMPORT_NOT_REFUND_EXCHANGE: return "not a refund: exchange";
    case RD_IMPORT_NOT_REFUND_REPAIR: return "not a refund: repair";
    case RD_IMPORT_NOT_REFUND_RESEND: return "not a refund: resend";
    case RD_IMPORT_NOT_REFUND_PRICE_PROTECTION: return "not a refund: price protection";
    case RD_IMPORT_NOT_REFUND_NONE:
    default:
      break;
    }
  if (entry->kind == RD_REFUND_KIND_NONE)
    return "refund only (shipped or not, from the row)";
  return rd_refund_kind_to_id (entry->kind);
}

static void
print_profile (GString               *out,
               const RdImportProfile *profile)
{
  const char *const *ignored = rd_import_profile_get_ignored_headers (profile);
  guint n;
  const RdImportStatusEntry *statuses;
  const RdImportKindEntry *kinds;

  g_string_append_printf (out, "### %s (`%s`)\n\n", rd_import_profile_get_name (profile),
                          rd_import_profile_get_id (profile));
  g_string_append_printf (out, "Amounts in %s. Payment method: `%s`.\n\n",
                          rd_import_profile_get_unit (profile) == RD_IMPORT_UNIT_FEN ? "分 (fen)" : "元 (yuan)",
                          rd_payment_method_to_id (rd_import_profile_get_payment_method (profile)));
  if (rd_import_profile_get_headers (profile, RD_IMPORT_FIELD_AFTER_SALES_NO) != NULL)
    {
      g_string_append (out, "| Field | Headers (first: the one shown) | Required |\n|---|---|---|\n");
      for (guint f = 0; f < RD_IMPORT_FIELD_LAST; f++)
        {
          const char *const *headers = rd_import_profile_get_headers (profile, f);
          g_autofree char *joined = NULL;

          if (headers == NULL)
            continue;
          joined = g_strjoinv (", ", (char **) headers);
          g_string_append_printf (out, "| `%s` | %s | %s |\n", rd_import_field_to_id (f), joined,
                                  rd_import_profile_field_required (profile, f) ? "yes" : "no");
        }
      g_string_append (out, "\n");
    }
  if (ignored[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", (char **) ignored);

      g_string_append_printf (out, "Known and not read: %s.\n\n", joined);
    }

  statuses = rd_import_profile_get_statuses (profile, &n);
  g_string_append (out, "| Status in the file | Platform state | New case |\n|---|---|---|\n");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "| %s | %s | %s |\n", statuses[i].text, state_id (statuses[i].state),
                            rd_case_status_to_id (statuses[i].status));
  g_string_append (out, "\n");

  kinds = rd_import_profile_get_kinds (profile, &n);
  g_string_append (out, "| Kind in the file | Our kind |\n|---|---|\n");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "| %s | %s |\n", kinds[i].text, kind_text (&kinds[i]));
  g_string_append (out, "\n");
}

static char *
print_tables (void)
{
  const RdImportProfile *const *profiles = rd_import_profile_builtin ();
  GString *out = g_string_new ("<!-- generated: test-import-profile --print-tables -->\n\n");
  guint n;
  const RdImportReasonEntry *reasons;

  for (guint p = 0; profiles[p] != NULL; p++)
    print_profile (out, profiles[p]);
  print_profile (out, rd_import_profile_lookup ("generic"));

  g_string_append (out, "### Reasons (every platform)\n\n| Reason in the file | Our reason |\n|---|---|\n");
  reasons = rd_import_profile_get_reasons (profiles[0], &n);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "| %s | `%s` |\n", reasons[i].text, reasons[i].reason_id);
  g_string_append (out, "\n<!-- end generated -->\n");
  return g_string_free (out, FALSE);
}

static void
test_docs (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "docs", "import.md", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *expected = print_tables ();
  g_autoptr(GError) error = NULL;
  const char *start, *end;
  g_autofree char *block = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  start = strstr (contents, "<!-- generated:");
  g_assert_nonnull (start);
  end = strstr (start, "<!-- end generated -->\n");
  g_assert_nonnull (end);
  block = g_strndup (start, end + strlen ("<!-- end generated -->\n") - start);
  if (!g_str_equal (block, expected))
    {
      g_test_message ("docs/import.md and the code's tables differ: run "
                      "`test-import-profile --print-tables` and put its output in docs/import.md");
      g_assert_cmpstr (block, ==, expected);
    }
  /* The 21-column layout the tests use is the one the document gives. */
  for (guint i = 0; i < G_N_ELEMENTS (taobao_21); i++)
    g_assert_nonnull (strstr (contents, taobao_21[i]));
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);

  if (argc == 2 && g_str_equal (argv[1], "--print-tables"))
    {
      g_autofree char *tables = print_tables ();

      fputs (tables, stdout);
      return 0;
    }

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rd/import-profile/detect-taobao", test_detect_taobao);
  g_test_add_func ("/rd/import-profile/detect-platforms", test_detect_platforms);
  g_test_add_func ("/rd/import-profile/header-after-comments", test_header_after_comments);
  g_test_add_func ("/rd/import-profile/explanation-row", test_explanation_row);
  g_test_add_func ("/rd/import-profile/totals", test_totals_skipped);
  g_test_add_func ("/rd/import-profile/statuses", test_statuses);
  g_test_add_func ("/rd/import-profile/kinds", test_kinds);
  g_test_add_func ("/rd/import-profile/taobao-kind-shipping", test_taobao_kind_and_shipping);
  g_test_add_func ("/rd/import-profile/reasons", test_reasons);
  g_test_add_func ("/rd/import-profile/generic-json", test_generic_json);
  g_test_add_func ("/rd/import-profile/generic-json-hostile", test_generic_json_hostile);
  g_test_add_func ("/rd/import-profile/headers", test_profile_headers);
  g_test_add_func ("/rd/import-profile/docs", test_docs);
  /* Last: it switches the language to Chinese. */
  g_test_add_func ("/rd/import-profile/missing-column", test_missing_column);

  return g_test_run ();
}
