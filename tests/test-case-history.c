/* test-case-history.c
 *
 * The timeline's words: every action the core writes to the audit log,
 * told as a sentence in English and in Chinese, with display names, money
 * and local times, and never an id, key or JSON.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "rd-calc-json.h"
#include "rd-case-history.h"
#include "rd-policy.h"

typedef struct
{
  const char *action;
  const char *field;
  const char *old_value;
  const char *new_value;
  const char *en;
  const char *zh;
} Wording;

#define BREAKDOWN "@breakdown@"   /* replaced by a real calculator breakdown of ¥132.53 */

static const Wording wordings[] = {
  { "create", "case_no", NULL, "RF-2026-000001",
    "Case RF-2026-000001 created", "创建退款单 RF-2026-000001" },
  { "edit", "buyer_name", "王芳", "王芳芳",
    "Buyer name: 王芳 → 王芳芳", "买家姓名：王芳 → 王芳芳" },
  { "edit", "notes", NULL, "买家要求快点",
    "Notes: 买家要求快点", "备注：买家要求快点" },
  { "edit", "buyer_contact", "138", NULL,
    "Contact cleared (was 138)", "联系方式已清空（原为 138）" },
  { "edit", "kind", "refund_only_unshipped", "return_refund",
    "Kind of refund: Refund only, not shipped → Return and refund", "退款类型：仅退款·未发货 → 退货退款" },
  { "edit", "payment_method", "alipay", "wechat_pay",
    "Payment method: Alipay → WeChat Pay", "支付方式：支付宝 → 微信支付" },
  { "edit", "amount_paid", "42700", "13253",
    "Paid by the buyer: ¥427.00 → ¥132.53", "买家实付：¥427.00 → ¥132.53" },
  { "edit", "outbound_courier", NULL, "sf",
    "Outbound courier: SF Express", "发出快递公司：顺丰" },
  { "update", "reason", "changed_mind", "quality_problem",
    "Reason: Changed mind (7-day no-reason return) → Quality problem", "退款原因：七天无理由 → 质量问题" },
  { "approve", "status", "requested", "approved",
    "Status: Requested → Approved", "状态：已申请 → 已同意" },
  { "approve", "approved_by", NULL, "李娜",
    "Approved by: 李娜", "审核员：李娜" },
  { "approve", "approved_amount", NULL, "13253",
    "Approved refund: ¥132.53", "同意退款额：¥132.53" },
  { "close", "closed_at", NULL, "1772359200",
    "Closed at: 2026-03-01 10:00", "关闭时间：2026-03-01 10:00" },
  { "refuse", "refusal_reason", NULL, "outside_window",
    "Refusal reason: Outside the refund window", "拒绝原因：超出退款期限" },
  { "resend", "resolution", NULL, "resend",
    "Resolution: Resend", "处理结果：补发" },
  { "apply_breakdown", "breakdown", NULL, BREAKDOWN,
    "Calculator breakdown applied: ¥132.53", "已应用计算明细：¥132.53" },
  { "apply_breakdown", "breakdown", "{}", NULL,
    "Calculator breakdown removed", "已移除计算明细" },
  { "apply_breakdown", "approved_amount", NULL, "13253",
    "Refund to approve: ¥132.53", "待审批退款：¥132.53" },
  { "mark_returned", "return_condition", NULL, "intact",
    "Return condition: Intact", "退货状况：完好" },
  { "evidence", "photos", "0", "1",
    "Evidence added: Photos", "已添加凭证：照片" },
  { "evidence", "chat_screenshots", "1", "0",
    "Evidence removed: Chat screenshots", "已移除凭证：聊天截图" },
  { "attach", "attachment", NULL, "photo.jpg",
    "File attached: photo.jpg", "已附加文件：photo.jpg" },
  { "payout", "1", NULL, "132.53 original 2026-03-02",
    "Payout 1 recorded: 132.53 (Original route, paid on 2026-03-02)", "已记录第 1 笔退款：132.53（原路退回，2026-03-02 付款）" },
  { "intercept_create", "intercept SF123456 status", NULL, "pending",
    "Parcel SF123456 registered to be intercepted: Pending", "包裹 SF123456 已登记拦截：待拦截" },
  { "intercept_confirm", "intercept SF123456 status", "requested", "intercepted",
    "Parcel SF123456: Intercept requested → Intercepted", "包裹 SF123456：已申请拦截 → 拦截成功" },
  { "intercept_back_in_warehouse", "intercept SF123456 status", "intercepted", "back_in_warehouse",
    "Parcel SF123456 back in the warehouse", "包裹 SF123456 已退回仓库" },
  { "intercept_condition", "intercept SF123456 condition", NULL, "intact",
    "Parcel SF123456 back in the warehouse, intact", "包裹 SF123456 已退回仓库，完好" },
  { "intercept_condition", "intercept SF123456 condition", "intact", "damaged",
    "Parcel SF123456 condition corrected: Intact → Damaged", "包裹 SF123456 状况已更正：完好 → 破损" },
  { "intercept_movement", "intercept SF123456 last_movement", NULL, "2026-03-01T10:00:00Z",
    "Parcel SF123456 last moved at 2026-03-01 10:00", "包裹 SF123456 最后物流更新：2026-03-01 10:00" },
  { "scan", "intercept SF123456 scan", NULL, "damaged",
    "Parcel SF123456 scanned in the warehouse, damaged", "包裹 SF123456 入库扫描，破损" },
  { "scan", "intercept SF123456 scan", NULL, "not_ours",
    "Parcel SF123456 scanned: not one of ours", "包裹 SF123456 扫描：不是本店的包裹" },
  { "claim_file", "intercept SF123456 claim", NULL, "5000",
    "Claim filed with the courier for parcel SF123456: ¥50.00", "已向快递公司提交包裹 SF123456 的理赔：¥50.00" },
  { "claim_settle", "intercept SF123456 claim", "filed", "paid 4000",
    "Claim for parcel SF123456 paid by the courier: ¥40.00", "包裹 SF123456 的理赔已获快递公司赔付：¥40.00" },
  { "claim_settle", "intercept SF123456 claim", "filed", "refused 0",
    "Claim for parcel SF123456 refused by the courier", "快递公司拒绝了包裹 SF123456 的理赔" },
  { "save-template", "7", NULL, "催发货",
    "Reply template saved: 催发货", "已保存回复模板：催发货" },
  { "delete-template", "7", NULL, NULL,
    "A reply template was deleted", "已删除一个回复模板" },
  { "add-holiday", "2026-10-01", NULL, "国庆节",
    "Holiday added: 2026-10-01 国庆节", "已添加节假日：2026-10-01 国庆节" },
  { "remove-makeup-workday", "2026-10-11", "调休", NULL,
    "Make-up working day removed: 2026-10-11 调休", "已移除调休工作日：2026-10-11 调休" },
  { "import", "row", "taobao-1201.csv", "12",
    "Imported from taobao-1201.csv, row 12", "从 taobao-1201.csv 第 12 行导入" },
  { "import-update", "row", "taobao-1202.csv", "3",
    "Changed by the import of taobao-1202.csv, row 3", "由导入 taobao-1202.csv 第 3 行修改" },
  { "import", "platform_status", "卖家拒绝退款", "退款成功",
    "Platform status: 卖家拒绝退款 → 退款成功", "平台状态：卖家拒绝退款 → 退款成功" },
  { "import", "follow_up", "0", "1",
    "Reopened on the platform: flagged for follow-up", "平台上已重新打开：已标记待跟进" },
  { "import", "buyer_name", "王芳", "王芳芳",
    "Buyer name: 王芳 → 王芳芳", "买家姓名：王芳 → 王芳芳" },
  { "save-import-profile", "我的表格", NULL, "我的表格",
    "Import profile saved: 我的表格", "已保存导入方案：我的表格" },
  /* What this version does not know: a plain sentence, no ids. */
  { "some_future_step", "some_field", "a_b", "c_d",
    "A detail of the case was changed", "退款单的一项信息已修改" },
  { "edit", "status", "requested", "no_such_status",
    "Status: Requested → (unknown)", "状态：已申请 → （未知）" },
};

static char *
make_breakdown (void)
{
  g_autoptr(RdCalcInput) input = rd_calc_input_new ();
  g_autoptr(GError) error = NULL;
  g_auto(RdPolicy) defaults;
  RdCalcPolicy policy;
  RdCalcResult *result;
  RdCalcLine *line;
  char *json;

  rd_policy_init_defaults (&defaults);
  rd_policy_to_calc_policy (&defaults, &policy);
  line = rd_calc_input_add_line (input, "A-1", "Shirt", 13253, 1);
  line->refund_quantity = 1;
  result = rd_calc_compute (input, &policy, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->total, ==, 13253);
  json = rd_calc_breakdown_to_json_data (input, result);
  rd_calc_result_free (result);
  return json;
}

static void
check_wordings (gboolean chinese)
{
  g_autofree char *breakdown = make_breakdown ();
  guint n_wrong = 0;

  for (guint i = 0; i < G_N_ELEMENTS (wordings); i++)
    {
      const Wording *w = &wordings[i];
      const char *new_value = g_strcmp0 (w->new_value, BREAKDOWN) == 0 ? breakdown : w->new_value;
      RdAuditEntry entry = { 0, 1, 0, (char *) "李娜", (char *) w->action, (char *) w->field,
                             (char *) w->old_value, (char *) new_value, NULL, NULL };
      g_autofree char *text = rd_case_history_describe (&entry);

      /* Every wrong sentence is told before the test fails. */
      if (g_strcmp0 (text, chinese ? w->zh : w->en) != 0)
        {
          g_printerr ("%s %s: got “%s”, expected “%s”\n", w->action, w->field,
                      text, chinese ? w->zh : w->en);
          n_wrong++;
        }
      /* Never JSON or a stored id. */
      g_assert_null (strchr (text, '{'));
      g_assert_null (strstr (text, "_"));
    }
  g_assert_cmpuint (n_wrong, ==, 0);
}

static void
test_english (void)
{
  check_wordings (FALSE);
}

static void
test_chinese (void)
{
  const char *localedir = g_getenv ("REFUND_DESK_LOCALEDIR");
  g_autofree char *old_locale = g_strdup (setlocale (LC_ALL, NULL));
  g_autofree char *mo = NULL;

  if (localedir == NULL)
    {
      g_test_skip ("REFUND_DESK_LOCALEDIR is not set");
      return;
    }
  mo = g_build_filename (localedir, "zh_CN", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (!g_file_test (mo, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the zh_CN catalogue is not built");
      return;
    }
  if (setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
    {
      g_test_skip ("the zh_CN.UTF-8 locale is not installed");
      return;
    }
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  check_wordings (TRUE);

  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, old_locale);
}

/* Every field the case audit writes has a label. */
static void
test_labels (void)
{
  static const char *const fields[] = {
    "status", "channel", "order_no", "after_sales_no", "buyer_name", "buyer_contact",
    "kind", "goods_kind", "order_state", "reason", "payment_method", "refund_route",
    "currency", "exchange_rate", "amount_paid", "approved_amount", "breakdown",
    "requested_at", "platform_deadline", "expected_arrival", "handler", "approved_by",
    "notes", "return_tracking", "resolution", "refusal_reason", "paid_at", "closed_at",
    "outbound_courier", "outbound_tracking", "proposed_by", "case_no", "return_condition",
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const char *label = rd_case_history_field_label (fields[i]);

      g_assert_nonnull (label);
      g_assert_null (strchr (label, '_'));
    }
  g_assert_null (rd_case_history_field_label ("no_such_field"));
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rd/case-history/english", test_english);
  g_test_add_func ("/rd/case-history/chinese", test_chinese);
  g_test_add_func ("/rd/case-history/labels", test_labels);

  return g_test_run ();
}
