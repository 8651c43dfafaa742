/* rd-case-types.h
 *
 * The enumerations of a refund case. Each value has a stable string id, the
 * one stored in the ledger file (never translated, never renamed), and a
 * display name in the user's language. The value 0 of every enumeration is
 * "not set" and has no id (NULL); it is what a new case starts with.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  RD_REFUND_KIND_NONE,
  RD_REFUND_KIND_REFUND_ONLY_UNSHIPPED,   /* refund_only_unshipped 仅退款·未发货 */
  RD_REFUND_KIND_REFUND_ONLY_SHIPPED,     /* refund_only_shipped 仅退款·已发货 */
  RD_REFUND_KIND_RETURN_REFUND,           /* return_refund 退货退款 */
  RD_REFUND_KIND_LAST
} RdRefundKind;

typedef enum
{
  RD_GOODS_KIND_NONE,
  RD_GOODS_KIND_STANDARD,
  RD_GOODS_KIND_CUSTOM,
  RD_GOODS_KIND_PURCHASING_AGENT,
  RD_GOODS_KIND_PRE_SALE,
  RD_GOODS_KIND_PERISHABLE,
  RD_GOODS_KIND_SUBSCRIPTION,
  RD_GOODS_KIND_LAST
} RdGoodsKind;

typedef enum
{
  RD_CASE_STATUS_NONE,
  RD_CASE_STATUS_REQUESTED,
  RD_CASE_STATUS_APPROVED,
  RD_CASE_STATUS_REFUSED,
  RD_CASE_STATUS_WITHDRAWN,
  RD_CASE_STATUS_AWAITING_RETURN,
  RD_CASE_STATUS_RETURNED,
  RD_CASE_STATUS_INTERCEPTING,
  RD_CASE_STATUS_AWAITING_PAYOUT,
  RD_CASE_STATUS_PAID,
  RD_CASE_STATUS_ARRIVED,
  RD_CASE_STATUS_CLOSED,
  RD_CASE_STATUS_LAST
} RdCaseStatus;

typedef enum
{
  RD_PAYMENT_METHOD_NONE,
  RD_PAYMENT_METHOD_ALIPAY,
  RD_PAYMENT_METHOD_WECHAT_PAY,
  RD_PAYMENT_METHOD_CREDIT_CARD,
  RD_PAYMENT_METHOD_BANK_TRANSFER,
  RD_PAYMENT_METHOD_STORE_BALANCE,
  RD_PAYMENT_METHOD_CASH,
  RD_PAYMENT_METHOD_PAYPAL,
  RD_PAYMENT_METHOD_STRIPE,
  RD_PAYMENT_METHOD_OTHER,
  RD_PAYMENT_METHOD_LAST
} RdPaymentMethod;

typedef enum
{
  RD_REFUND_ROUTE_NONE,
  RD_REFUND_ROUTE_ORIGINAL,
  RD_REFUND_ROUTE_TRANSFER,
  RD_REFUND_ROUTE_STORE_BALANCE,
  RD_REFUND_ROUTE_LAST
} RdRefundRoute;

typedef enum
{
  RD_RESOLUTION_NONE,
  RD_RESOLUTION_REFUND,
  RD_RESOLUTION_PARTIAL_REFUND,
  RD_RESOLUTION_COMPENSATION,
  RD_RESOLUTION_EXCHANGE_REPAIR,
  RD_RESOLUTION_RESEND,
  RD_RESOLUTION_REFUND_WITHOUT_RETURN,
  RD_RESOLUTION_REFUSED,
  RD_RESOLUTION_WITHDRAWN,
  RD_RESOLUTION_LAST
} RdResolution;

typedef enum
{
  RD_REFUSAL_REASON_NONE,
  RD_REFUSAL_REASON_OUTSIDE_WINDOW,
  RD_REFUSAL_REASON_ORDER_STATE,
  RD_REFUSAL_REASON_PAYMENT_DETAILS_WRONG,
  RD_REFUSAL_REASON_SIGNED_NO_FAULT,
  RD_REFUSAL_REASON_CUSTOM_PRODUCED,
  RD_REFUSAL_REASON_LAST
} RdRefusalReason;

typedef enum
{
  RD_FAULT_NONE,
  RD_FAULT_BUYER,
  RD_FAULT_MERCHANT,
  RD_FAULT_LOGISTICS,
  RD_FAULT_LAST
} RdFault;

/* For each enumeration Foo:
 *   const char *rd_foo_to_id    (RdFoo value);   stable id, NULL for NONE
 *   RdFoo       rd_foo_from_id  (const char *id); NONE when unknown or NULL
 *   const char *rd_foo_get_name (RdFoo value);   translated, "" for NONE
 */
#define RD_CASE_TYPE_DECLARE(Type, prefix)                        \
  const char *prefix##_to_id    (Type value);                     \
  Type        prefix##_from_id  (const char *id);                 \
  const char *prefix##_get_name (Type value);

RD_CASE_TYPE_DECLARE (RdRefundKind,    rd_refund_kind)
RD_CASE_TYPE_DECLARE (RdGoodsKind,     rd_goods_kind)
RD_CASE_TYPE_DECLARE (RdCaseStatus,    rd_case_status)
RD_CASE_TYPE_DECLARE (RdPaymentMethod, rd_payment_method)
RD_CASE_TYPE_DECLARE (RdRefundRoute,   rd_refund_route)
RD_CASE_TYPE_DECLARE (RdResolution,    rd_resolution)
RD_CASE_TYPE_DECLARE (RdRefusalReason, rd_refusal_reason)
RD_CASE_TYPE_DECLARE (RdFault,         rd_fault)

/* Open: not yet refused, withdrawn, paid, arrived or closed — a case that
 * still needs a decision or a payout. The platform deadline matters for
 * these, and the intake's duplicate guard looks at them. */
gboolean     rd_case_status_is_open      (RdCaseStatus status);
/* The ids of the open statuses, NULL-terminated (for SQL "IN" lists). */
const char *const *rd_case_status_open_ids (void);

/* The default refund reasons. A case stores the reason's id; the editable
 * list of a shop may add its own ids, which have no entry here. */
typedef struct
{
  const char *id;      /* "changed_mind" */
  const char *name;    /* N_() source; use rd_refund_reason_get_name () */
  RdFault     fault;
} RdRefundReason;

/* NULL-terminated by an entry with id NULL. */
const RdRefundReason *rd_refund_reason_list     (void);
const RdRefundReason *rd_refund_reason_lookup   (const char *id);
/* Translated name of a default reason, or the id itself for a shop's own. */
const char           *rd_refund_reason_get_name (const char *id);

G_END_DECLS
