/* rd-import-tables.c
 *
 * What each platform's after-sales export calls its columns, and how its
 * statuses, kinds and reasons map onto ours. docs/import.md prints the same
 * tables and test-import-profile checks that they agree. Sources: FORMATS.md
 * (Taobao's 42-column export and the TOP API glosses; the other platforms'
 * API fields); PDD's after_sales_status from its open platform
 * (pdd.refund.*), WeChat Shop's status names from its after-sale API.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-import-fields.h"
#include "rd-import-profile-private.h"

#define H(...) ((const char *const []) { __VA_ARGS__, NULL })
#define F(f, req, ...) { RD_IMPORT_FIELD_##f, req, H (__VA_ARGS__) }

#define OPEN(s)     RD_IMPORT_PLATFORM_OPEN, RD_CASE_STATUS_##s
#define REFUNDED    RD_IMPORT_PLATFORM_REFUNDED, RD_CASE_STATUS_PAID
#define REFUSED     RD_IMPORT_PLATFORM_REFUSED, RD_CASE_STATUS_REFUSED
#define CLOSED      RD_IMPORT_PLATFORM_CLOSED, RD_CASE_STATUS_WITHDRAWN

#define REFUND_ONLY   RD_REFUND_KIND_NONE, RD_IMPORT_NOT_REFUND_NONE
#define UNSHIPPED     RD_REFUND_KIND_REFUND_ONLY_UNSHIPPED, RD_IMPORT_NOT_REFUND_NONE
#define SHIPPED       RD_REFUND_KIND_REFUND_ONLY_SHIPPED, RD_IMPORT_NOT_REFUND_NONE
#define RETURN        RD_REFUND_KIND_RETURN_REFUND, RD_IMPORT_NOT_REFUND_NONE
#define EXCHANGE      RD_REFUND_KIND_NONE, RD_IMPORT_NOT_REFUND_EXCHANGE
#define REPAIR        RD_REFUND_KIND_NONE, RD_IMPORT_NOT_REFUND_REPAIR
#define RESEND        RD_REFUND_KIND_NONE, RD_IMPORT_NOT_REFUND_RESEND
#define PRICE_PROTECT RD_REFUND_KIND_NONE, RD_IMPORT_NOT_REFUND_PRICE_PROTECTION

/* 淘宝/天猫: 千牛 退款管理 → 导出, 42 columns (FORMATS.md); the 21-column
 * layout is a subset. */
static const RdImportFieldSpec taobao_fields[] = {
  F (AFTER_SALES_NO,   TRUE,  "退款编号"),
  F (ORDER_NO,         TRUE,  "订单编号"),
  F (BUYER_NAME,       FALSE, "买家会员名称", "买家会员名", "买家昵称"),
  F (KIND,             FALSE, "售后类型", "退款类型"),
  F (NEEDS_RETURN,     TRUE,  "是否需要退货"),
  F (GOODS_STATUS,     FALSE, "货物状态"),
  F (STATUS,           TRUE,  "退款状态"),
  F (REASON,           FALSE, "买家退款原因", "退款原因"),
  F (AMOUNT_PAID,      TRUE,  "买家实际支付金额"),
  F (REFUND_AMOUNT,    TRUE,  "买家退款金额", "退款金额"),
  F (REQUESTED_AT,     TRUE,  "退款的申请时间", "退款申请时间"),
  F (DEADLINE,         FALSE, "超时时间"),
  F (RETURN_TRACKING,  FALSE, "退货物流单号", "退货物流信息"),
  F (RETURN_COURIER,   FALSE, "退货物流公司"),
  F (OUTBOUND_INFO,    FALSE, "发货物流信息"),
  F (STAGE,            FALSE, "售中或售后"),
};

static const char *const taobao_ignored[] = {
  "支付宝交易号", "订单付款时间", "商品编码", "退款完结时间", "宝贝标题", "手工退款/系统退款",
  "客服介入状态", "卖家真实姓名", "卖家真实姓名新", "卖家退货地址", "卖家邮编", "卖家电话",
  "卖家手机", "买家退款说明", "买家退货时间", "责任方", "商家备注", "完结时间",
  "部分退款/全部退款", "审核操作人", "举证超时", "是否零秒响应", "退款操作人", "退款原因标签",
  "业务类型", "是否帮他退款", "帮他退款操作账号", NULL
};

static const RdImportStatusEntry taobao_statuses[] = {
  { "WAIT_SELLER_AGREE",              OPEN (REQUESTED) },
  { "买家已经申请退款，等待卖家同意", OPEN (REQUESTED) },
  { "WAIT_BUYER_RETURN_GOODS",        OPEN (AWAITING_RETURN) },
  { "卖家已经同意退款，等待买家退货", OPEN (AWAITING_RETURN) },
  { "WAIT_SELLER_CONFIRM_GOODS",      OPEN (RETURNED) },
  { "买家已经退货，等待卖家确认收货", OPEN (RETURNED) },
  { "SELLER_REFUSE_BUYER",            REFUSED },
  { "卖家拒绝退款",                   REFUSED },
  { "CLOSED",                         CLOSED },
  { "退款关闭",                       CLOSED },
  { "SUCCESS",                        REFUNDED },
  { "退款成功",                       REFUNDED },
};

static const RdImportKindEntry taobao_kinds[] = {
  { "REFUND",            REFUND_ONLY },
  { "仅退款",            REFUND_ONLY },
  { "REFUND_AND_RETURN", RETURN },
  { "退货退款",          RETURN },
  { "EXCHANGE",          EXCHANGE },
  { "换货",              EXCHANGE },
  { "REPAIR",            REPAIR },
  { "维修",              REPAIR },
  { "RESHIPPING",        RESEND },
  { "补寄",              RESEND },
};

/* 拼多多: the after-sales fields of its API (FORMATS.md). */
static const RdImportFieldSpec pinduoduo_fields[] = {
  F (AFTER_SALES_NO,    TRUE,  "售后编号", "售后单号", "afterSalesId", "after_sales_id"),
  F (ORDER_NO,          TRUE,  "订单号", "订单编号", "orderSn", "order_sn"),
  F (BUYER_NAME,        FALSE, "买家昵称"),
  F (KIND,              TRUE,  "售后类型", "afterSalesType", "after_sales_type"),
  F (STATUS,            TRUE,  "售后状态", "afterSalesStatus", "after_sales_status"),
  F (REASON,            FALSE, "售后原因", "退款原因", "afterSalesReason", "after_sales_reason"),
  F (AMOUNT_PAID,       FALSE, "用户实付金额(元)", "用户实付金额"),
  F (REFUND_AMOUNT,     TRUE,  "退款金额", "退款金额(元)", "申请退款金额", "refund_amount", "refundAmount"),
  F (REQUESTED_AT,      TRUE,  "申请时间", "售后申请时间", "created_time", "createdTime"),
  F (DEADLINE,          FALSE, "超时时间"),
  F (RETURN_TRACKING,   FALSE, "退货运单号", "退货物流单号", "trackingNumber", "tracking_number"),
  F (RETURN_COURIER,    FALSE, "退货物流公司", "退货快递公司", "shipping_name", "shippingName"),
  F (OUTBOUND_TRACKING, FALSE, "快递单号", "发货运单号"),
  F (OUTBOUND_COURIER,  FALSE, "快递公司", "发货快递公司"),
};

static const char *const pinduoduo_ignored[] = {
  "updated_time", "更新时间", "商品", "商品id", "商品规格", "商家备注", NULL
};

static const RdImportStatusEntry pinduoduo_statuses[] = {
  { "0",  CLOSED },
  { "无售后或售后取消",           CLOSED },
  { "2",  OPEN (REQUESTED) },
  { "买家申请退款，待商家处理",   OPEN (REQUESTED) },
  { "3",  OPEN (REQUESTED) },
  { "退货退款，待商家处理",       OPEN (REQUESTED) },
  { "4",  OPEN (REQUESTED) },
  { "商家同意退款，退款中",       OPEN (REQUESTED) },
  { "5",  OPEN (REQUESTED) },
  { "平台同意退款，退款中",       OPEN (REQUESTED) },
  { "6",  REFUSED },
  { "驳回退款，待买家处理",       REFUSED },
  { "7",  OPEN (AWAITING_RETURN) },
  { "已同意退货退款，待用户发货", OPEN (AWAITING_RETURN) },
  { "8",  OPEN (REQUESTED) },
  { "平台处理中",                 OPEN (REQUESTED) },
  { "9",  REFUSED },
  { "平台拒绝退款，退款关闭",     REFUSED },
  { "10", REFUNDED },
  { "退款成功",                   REFUNDED },
  { "11", CLOSED },
  { "买家撤销",                   CLOSED },
  { "12", CLOSED },
  { "买家逾期未处理，退款失败",   CLOSED },
  { "13", CLOSED },
  { "买家逾期，超过有效期",       CLOSED },
  { "31", OPEN (REQUESTED) },
  { "已同意拒收退款，待用户拒收", OPEN (REQUESTED) },
};

static const RdImportKindEntry pinduoduo_kinds[] = {
  { "2", REFUND_ONLY },
  { "仅退款", REFUND_ONLY },
  { "3", RETURN },
  { "退货退款", RETURN },
  { "4", EXCHANGE },
  { "换货", EXCHANGE },
  { "5", RESEND },
  { "缺货补寄", RESEND },
  { "补寄", RESEND },
  { "维修", REPAIR },
  { "9", SHIPPED },
  { "拦截退货", SHIPPED },
};

/* 抖店: aftersale_* fields, amounts in 分 (FORMATS.md). */
static const RdImportFieldSpec douyin_fields[] = {
  F (AFTER_SALES_NO,   TRUE,  "售后单号", "售后编号", "aftersale_id", "aftersaleId"),
  F (ORDER_NO,         TRUE,  "订单号", "订单编号", "子订单号", "order_id"),
  F (BUYER_NAME,       FALSE, "买家昵称"),
  F (KIND,             TRUE,  "售后类型", "aftersale_type"),
  F (STATUS,           TRUE,  "售后状态", "aftersale_status"),
  F (REASON,           FALSE, "售后原因", "申请原因", "退款原因", "reason"),
  F (AMOUNT_PAID,      FALSE, "实付金额", "订单实付金额", "pay_amount"),
  F (REFUND_AMOUNT,    TRUE,  "退款金额", "申请退款金额", "refund_amount"),
  F (REQUESTED_AT,     TRUE,  "申请时间", "售后申请时间", "apply_time"),
  F (DEADLINE,         FALSE, "当前节点逾期时间", "逾期时间", "超时时间", "status_deadline"),
  F (RETURN_TRACKING,  FALSE, "退货物流单号", "退货运单号", "return_logistics_code"),
  F (RETURN_COURIER,   FALSE, "退货物流公司", "return_logistics_company_name"),
};

static const char *const douyin_ignored[] = {
  "退运费金额", "refund_post_amount", NULL
};

static const RdImportStatusEntry douyin_statuses[] = {
  { "6",  OPEN (REQUESTED) },
  { "待商家同意",     OPEN (REQUESTED) },
  { "7",  OPEN (AWAITING_RETURN) },
  { "待买家退货",     OPEN (AWAITING_RETURN) },
  { "11", OPEN (RETURNED) },
  { "待商家二次同意", OPEN (RETURNED) },
  { "12", REFUNDED },
  { "售后成功",       REFUNDED },
  { "27", REFUSED },
  { "商家一次拒绝",   REFUSED },
  { "28", CLOSED },
  { "售后失败",       CLOSED },
  { "29", REFUSED },
  { "商家二次拒绝",   REFUSED },
};

static const RdImportKindEntry douyin_kinds[] = {
  { "0", RETURN },
  { "退货退款", RETURN },
  { "1", SHIPPED },
  { "已发货仅退款", SHIPPED },
  { "2", UNSHIPPED },
  { "未发货仅退款", UNSHIPPED },
  { "仅退款", REFUND_ONLY },
  { "3", EXCHANGE },
  { "换货", EXCHANGE },
  { "6", PRICE_PROTECT },
  { "价保", PRICE_PROTECT },
  { "7", RESEND },
  { "补寄", RESEND },
  { "8", REPAIR },
  { "维修", REPAIR },
};

/* 京东: service-order fields, applyRefundSum in 分 (FORMATS.md). */
static const RdImportFieldSpec jd_fields[] = {
  F (AFTER_SALES_NO,   TRUE,  "服务单号", "serviceId", "申请单号", "applyId"),
  F (ORDER_NO,         TRUE,  "订单号", "订单编号", "orderId"),
  F (BUYER_NAME,       FALSE, "客户账号", "customerPin"),
  F (KIND,             TRUE,  "客户期望", "服务类型", "customerExpect"),
  F (STATUS,           TRUE,  "服务单状态", "serviceStatus"),
  F (REASON,           FALSE, "申请原因", "售后原因"),
  F (REFUND_AMOUNT,    TRUE,  "申请退款金额", "退款金额", "applyRefundSum"),
  F (REQUESTED_AT,     TRUE,  "申请时间", "applyTime"),
  F (DEADLINE,         FALSE, "超时时间"),
  F (RETURN_TRACKING,  FALSE, "退货运单号", "expressCode"),
  F (RETURN_COURIER,   FALSE, "退货快递公司", "expressCompany"),
};

static const char *const jd_ignored[] = { "问题描述", "商品名称", "商品编号", NULL };

static const RdImportStatusEntry jd_statuses[] = {
  { "10001", OPEN (REQUESTED) },
  { "待审核", OPEN (REQUESTED) },
  { "10005", OPEN (RETURNED) },
  { "待收货", OPEN (RETURNED) },
  { "10010", REFUNDED },
  { "完成",   REFUNDED },
  { "10011", CLOSED },
  { "取消",   CLOSED },
};

static const RdImportKindEntry jd_kinds[] = {
  { "10", RETURN },
  { "退货", RETURN },
  { "11", REFUND_ONLY },
  { "仅退款", REFUND_ONLY },
  { "20", EXCHANGE },
  { "换货", EXCHANGE },
  { "30", REPAIR },
  { "维修", REPAIR },
};

/* 快手小店: refundId, oid, refundFee, refundReason, status, submitTime;
 * its enumerations were not found: the common Chinese labels only. */
static const RdImportFieldSpec kuaishou_fields[] = {
  F (AFTER_SALES_NO,   TRUE,  "售后单号", "退款单号", "refundId"),
  F (ORDER_NO,         TRUE,  "订单号", "订单编号", "oid"),
  F (BUYER_NAME,       FALSE, "买家昵称"),
  F (KIND,             TRUE,  "售后类型", "退款类型", "refundType"),
  F (STATUS,           TRUE,  "售后状态", "退款状态", "status"),
  F (REASON,           FALSE, "退款原因", "售后原因", "refundReason"),
  F (REFUND_AMOUNT,    TRUE,  "退款金额", "refundFee"),
  F (REQUESTED_AT,     TRUE,  "申请时间", "submitTime"),
  F (RETURN_TRACKING,  FALSE, "退货运单号", "退货物流单号"),
  F (RETURN_COURIER,   FALSE, "退货物流公司"),
};

static const char *const no_ignored[] = { NULL };

/* The common labels: Kuaishou, and generic profiles of a channel without a
 * platform of its own (they also take our own ids). */
static const RdImportStatusEntry common_statuses[] = {
  { "待商家处理", OPEN (REQUESTED) },
  { "待处理",     OPEN (REQUESTED) },
  { "待审核",     OPEN (REQUESTED) },
  { "待买家退货", OPEN (AWAITING_RETURN) },
  { "待商家收货", OPEN (RETURNED) },
  { "买家已退货", OPEN (RETURNED) },
  { "退款成功",   REFUNDED },
  { "退款完成",   REFUNDED },
  { "已退款",     REFUNDED },
  { "商家拒绝",   REFUSED },
  { "拒绝退款",   REFUSED },
  { "已拒绝",     REFUSED },
  { "退款关闭",   CLOSED },
  { "售后关闭",   CLOSED },
  { "已取消",     CLOSED },
  { "买家撤销",   CLOSED },
};

static const RdImportStatusEntry generic_statuses[] = {
  { "requested",       OPEN (REQUESTED) },
  { "awaiting_return", OPEN (AWAITING_RETURN) },
  { "returned",        OPEN (RETURNED) },
  { "paid",            REFUNDED },
  { "refused",         REFUSED },
  { "withdrawn",       CLOSED },
  { "待商家处理", OPEN (REQUESTED) },
  { "待处理",     OPEN (REQUESTED) },
  { "待审核",     OPEN (REQUESTED) },
  { "待买家退货", OPEN (AWAITING_RETURN) },
  { "待商家收货", OPEN (RETURNED) },
  { "买家已退货", OPEN (RETURNED) },
  { "退款成功",   REFUNDED },
  { "退款完成",   REFUNDED },
  { "已退款",     REFUNDED },
  { "商家拒绝",   REFUSED },
  { "拒绝退款",   REFUSED },
  { "已拒绝",     REFUSED },
  { "退款关闭",   CLOSED },
  { "售后关闭",   CLOSED },
  { "已取消",     CLOSED },
  { "买家撤销",   CLOSED },
};

static const RdImportKindEntry common_kinds[] = {
  { "仅退款",       REFUND_ONLY },
  { "未发货仅退款", UNSHIPPED },
  { "已发货仅退款", SHIPPED },
  { "退货退款",     RETURN },
  { "换货",         EXCHANGE },
  { "维修",         REPAIR },
  { "补寄",         RESEND },
  { "价保",         PRICE_PROTECT },
};

static const RdImportKindEntry generic_kinds[] = {
  { "refund_only_unshipped", UNSHIPPED },
  { "refund_only_shipped",   SHIPPED },
  { "return_refund",         RETURN },
  { "仅退款",       REFUND_ONLY },
  { "未发货仅退款", UNSHIPPED },
  { "已发货仅退款", SHIPPED },
  { "退货退款",     RETURN },
  { "换货",         EXCHANGE },
  { "维修",         REPAIR },
  { "补寄",         RESEND },
  { "价保",         PRICE_PROTECT },
};

/* 微信小店: after_sale_order_id, status, refund_amount in 分 (FORMATS.md);
 * the status names (MERCHANT_PROCESSING…) of its after-sale API. */
static const RdImportFieldSpec wechat_fields[] = {
  F (AFTER_SALES_NO,   TRUE,  "售后单号", "after_sale_order_id"),
  F (ORDER_NO,         TRUE,  "订单号", "订单编号", "order_id"),
  F (BUYER_NAME,       FALSE, "买家昵称"),
  F (KIND,             TRUE,  "售后类型", "type"),
  F (STATUS,           TRUE,  "售后状态", "status"),
  F (REASON,           FALSE, "售后原因", "退款原因", "refund_reason", "reason"),
  F (REFUND_AMOUNT,    TRUE,  "退款金额", "refund_amount"),
  F (REQUESTED_AT,     TRUE,  "申请时间", "create_time"),
  F (RETURN_TRACKING,  FALSE, "退货运单号", "return_waybill_id"),
  F (RETURN_COURIER,   FALSE, "退货快递公司", "return_delivery_name"),
};

static const RdImportStatusEntry wechat_statuses[] = {
  { "2",  OPEN (REQUESTED) },
  { "MERCHANT_PROCESSING",     OPEN (REQUESTED) },
  { "商家受理中",              OPEN (REQUESTED) },
  { "6",  OPEN (AWAITING_RETURN) },
  { "USER_WAIT_RETURN",        OPEN (AWAITING_RETURN) },
  { "待买家退货",              OPEN (AWAITING_RETURN) },
  { "8",  OPEN (RETURNED) },
  { "MERCHANT_WAIT_RECEIPT",   OPEN (RETURNED) },
  { "待商家收货",              OPEN (RETURNED) },
  { "13", REFUNDED },
  { "MERCHANT_REFUND_SUCCESS", REFUNDED },
  { "退款完成",                REFUNDED },
  { "14", REFUNDED },
  { "MERCHANT_RETURN_SUCCESS", REFUNDED },
  { "退货退款完成",            REFUNDED },
  { "MERCHANT_REJECT_REFUND",  REFUSED },
  { "商家拒绝退款",            REFUSED },
  { "MERCHANT_REJECT_RETURN",  REFUSED },
  { "商家拒绝退货退款",        REFUSED },
  { "19", CLOSED },
  { "售后关闭",                CLOSED },
  { "USER_CANCELD",            CLOSED },
  { "用户取消申请",            CLOSED },
  { "RETURN_CLOSED",           CLOSED },
  { "退货退款关闭",            CLOSED },
};

static const RdImportKindEntry wechat_kinds[] = {
  { "REFUND", REFUND_ONLY },
  { "仅退款", REFUND_ONLY },
  { "RETURN", RETURN },
  { "退货退款", RETURN },
  { "换货", EXCHANGE },
};

#define PLATFORM(id, name, unit, pay, prefix, ignored, statuses, kinds) \
  { id, name, RD_IMPORT_UNIT_##unit, RD_PAYMENT_METHOD_##pay,           \
    prefix##_fields, G_N_ELEMENTS (prefix##_fields), ignored,             \
    statuses, G_N_ELEMENTS (statuses), kinds, G_N_ELEMENTS (kinds) }

static const RdImportPlatform taobao =
  PLATFORM ("taobao", N_("Taobao / Tmall"), YUAN, ALIPAY, taobao, taobao_ignored, taobao_statuses, taobao_kinds);
static const RdImportPlatform pinduoduo =
  PLATFORM ("pinduoduo", N_("Pinduoduo"), YUAN, OTHER, pinduoduo, pinduoduo_ignored, pinduoduo_statuses, pinduoduo_kinds);
static const RdImportPlatform douyin =
  PLATFORM ("douyin", N_("Douyin"), FEN, OTHER, douyin, douyin_ignored, douyin_statuses, douyin_kinds);
static const RdImportPlatform jd =
  PLATFORM ("jd", N_("JD"), FEN, OTHER, jd, jd_ignored, jd_statuses, jd_kinds);
static const RdImportPlatform kuaishou =
  PLATFORM ("kuaishou", N_("Kuaishou"), YUAN, OTHER, kuaishou, no_ignored, common_statuses, common_kinds);
static const RdImportPlatform wechat =
  PLATFORM ("wechat", N_("WeChat Shop"), FEN, WECHAT_PAY, wechat, no_ignored, wechat_statuses, wechat_kinds);

static const RdImportPlatform generic = {
  "generic", N_("Your own columns"), RD_IMPORT_UNIT_YUAN, RD_PAYMENT_METHOD_OTHER,
  NULL, 0, no_ignored,
  generic_statuses, G_N_ELEMENTS (generic_statuses), generic_kinds, G_N_ELEMENTS (generic_kinds)
};

static const RdImportPlatform *const platforms[] = {
  &taobao, &pinduoduo, &douyin, &jd, &kuaishou, &wechat, NULL
};

/* The reasons of the platforms (快麦's list and the platforms' own words)
 * that mean one of our default reasons. */
static const RdImportReasonEntry reasons[] = {
  { "七天无理由退换货",         "changed_mind" },
  { "7天无理由退换货",          "changed_mind" },
  { "七天无理由退货",           "changed_mind" },
  { "7天无理由退货",            "changed_mind" },
  { "我不想要了",               "changed_mind" },
  { "不想要了",                 "changed_mind" },
  { "不喜欢/不想要",            "changed_mind" },
  { "商品质量问题",             "quality_problem" },
  { "质量问题",                 "quality_problem" },
  { "卖家发错货",               "wrong_item" },
  { "商品错发",                 "wrong_item" },
  { "发错货",                   "wrong_item" },
  { "收到商品与描述不符",       "not_as_described" },
  { "与商品描述不符",           "not_as_described" },
  { "商品与页面描述不符",       "not_as_described" },
  { "描述不符",                 "not_as_described" },
  { "收到商品破损",             "damaged_in_transit" },
  { "商品破损",                 "damaged_in_transit" },
  { "快递破损",                 "damaged_in_transit" },
  { "物流破损",                 "damaged_in_transit" },
  { "快递丢件",                 "parcel_lost" },
  { "物流丢件",                 "parcel_lost" },
  { "包裹丢失",                 "parcel_lost" },
  { "未收到货",                 "not_received" },
  { "没收到货",                 "not_received" },
  { "快递一直未送到",           "not_received" },
  { "少件/漏发",                "missing_parts" },
  { "少件漏发",                 "missing_parts" },
  { "商品漏发",                 "missing_parts" },
  { "缺少配件",                 "missing_parts" },
  { "尺码不合适",               "size_not_fit" },
  { "尺码拍错",                 "size_not_fit" },
  { "不喜欢/效果不好",           "changed_mind" },
  { "效果不好/不喜欢",           "changed_mind" },
  { "尺码拍错/不喜欢/效果差",   "changed_mind" },
  { "大小/尺寸与商品描述不符",  "not_as_described" },
  { "颜色/图案/款式与商品描述不符", "not_as_described" },
  { "材质与商品描述不符",       "not_as_described" },
  { "包装/商品破损/污渍",       "damaged_in_transit" },
  { "快递/物流一直未送到",      "not_received" },
  { "快递/物流无跟踪记录",      "not_received" },
  { "多拍/拍错/不想要",         "ordered_by_mistake" },
  { "其他",                     "other" },
  { "其它",                     "other" },
  { "其他原因",                 "other" },
  { "拍错了",                   "ordered_by_mistake" },
  { "多拍/拍错",                "ordered_by_mistake" },
  { "拍多了",                   "ordered_by_mistake" },
};

static const struct
{
  const char          *text;
  RdImportGoodsStatus  status;
} goods_statuses[] = {
  { "BUYER_NOT_RECEIVED",   RD_IMPORT_GOODS_NOT_RECEIVED },
  { "买家未收到货",         RD_IMPORT_GOODS_NOT_RECEIVED },
  { "未收到货",             RD_IMPORT_GOODS_NOT_RECEIVED },
  { "BUYER_RECEIVED",       RD_IMPORT_GOODS_RECEIVED },
  { "买家已收到货",         RD_IMPORT_GOODS_RECEIVED },
  { "已收到货",             RD_IMPORT_GOODS_RECEIVED },
  { "BUYER_RETURNED_GOODS", RD_IMPORT_GOODS_RETURNED },
  { "买家已退货",           RD_IMPORT_GOODS_RETURNED },
  { "已退货",               RD_IMPORT_GOODS_RETURNED },
};

const RdImportPlatform *const *
_rd_import_platforms (void)
{
  return platforms;
}

const RdImportPlatform *
_rd_import_platform_generic (void)
{
  return &generic;
}

const RdImportReasonEntry *
_rd_import_reasons (guint *n_entries)
{
  *n_entries = G_N_ELEMENTS (reasons);
  return reasons;
}

static gboolean
text_is (const char *norm,
         const char *entry)
{
  g_autofree char *entry_norm = rd_import_normalise (entry);

  return g_str_equal (norm, entry_norm);
}

gboolean
_rd_import_goods_status_from_text (const char          *text,
                                   RdImportGoodsStatus *status)
{
  g_autofree char *norm = rd_import_normalise (text);

  for (guint i = 0; i < G_N_ELEMENTS (goods_statuses); i++)
    if (text_is (norm, goods_statuses[i].text))
      {
        *status = goods_statuses[i].status;
        return TRUE;
      }
  return FALSE;
}

gboolean
_rd_import_yes_no_from_text (const char *text,
                             gboolean   *yes)
{
  static const char *const yes_words[] = { "是", "需要", "yes", "y", "true", "1", NULL };
  static const char *const no_words[] = { "否", "不需要", "no", "n", "false", "0", NULL };
  g_autofree char *norm = rd_import_normalise (text);

  if (g_strv_contains (yes_words, norm))
    *yes = TRUE;
  else if (g_strv_contains (no_words, norm))
    *yes = FALSE;
  else
    return FALSE;
  return TRUE;
}

gboolean
_rd_import_stage_from_text (const char *text,
                            gboolean   *after_sale)
{
  static const char *const after[] = { "售后", "aftersale", NULL };
  static const char *const during[] = { "售中", "onsale", NULL };
  g_autofree char *norm = rd_import_normalise (text);

  if (g_strv_contains (after, norm))
    *after_sale = TRUE;
  else if (g_strv_contains (during, norm))
    *after_sale = FALSE;
  else
    return FALSE;
  return TRUE;
}
