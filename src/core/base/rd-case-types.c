/* rd-case-types.c
 *
 * Tables of the case enumerations: stable ids and display names.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-id-table.h"
#include "rd-case-types.h"

static const RdIdLabel refund_kinds[RD_REFUND_KIND_LAST] = {
  { NULL, "" },
  { "refund_only_unshipped", N_("Refund only, not shipped") },
  { "refund_only_shipped",   N_("Refund only, shipped") },
  { "return_refund",         N_("Return and refund") },
};

static const RdIdLabel goods_kinds[RD_GOODS_KIND_LAST] = {
  { NULL, "" },
  { "standard",         N_("Standard goods") },
  { "custom",           N_("Custom-made") },
  { "purchasing_agent", N_("Purchasing agent") },
  { "pre_sale",         N_("Pre-sale") },
  { "perishable",       N_("Perishable") },
  { "subscription",     N_("Subscription or service") },
};

static const RdIdLabel case_statuses[RD_CASE_STATUS_LAST] = {
  { NULL, "" },
  { "requested",       N_("Requested") },
  { "approved",        N_("Approved") },
  { "refused",         N_("Refused") },
  { "withdrawn",       N_("Withdrawn") },
  { "awaiting_return", N_("Awaiting return") },
  { "returned",        N_("Returned") },
  { "intercepting",    N_("Intercepting") },
  { "awaiting_payout", N_("Awaiting payout") },
  { "paid",            N_("Paid") },
  { "arrived",         N_("Arrived") },
  { "closed",          N_("Closed") },
};

static const RdIdLabel payment_methods[RD_PAYMENT_METHOD_LAST] = {
  { NULL, "" },
  { "alipay",        N_("Alipay") },
  { "wechat_pay",    N_("WeChat Pay") },
  { "credit_card",   N_("Credit card") },
  { "bank_transfer", N_("Bank transfer") },
  { "store_balance", N_("Store balance") },
  { "cash",          N_("Cash") },
  { "paypal",        N_("PayPal") },
  { "stripe",        N_("Stripe") },
  { "other",         N_("Other") },
};

static const RdIdLabel refund_routes[RD_REFUND_ROUTE_LAST] = {
  { NULL, "" },
  { "original",      N_("Original route") },
  { "transfer",      N_("Transfer") },
  { "store_balance", N_("Store balance") },
};

static const RdIdLabel resolutions[RD_RESOLUTION_LAST] = {
  { NULL, "" },
  { "refund",                N_("Refund") },
  { "partial_refund",        N_("Partial refund") },
  { "compensation",          N_("Compensation") },
  { "exchange_repair",       N_("Exchange or repair") },
  { "resend",                N_("Resend") },
  { "refund_without_return", N_("Refund without return") },
  { "refused",               N_("Refused") },
  { "withdrawn",             N_("Withdrawn") },
};

static const RdIdLabel refusal_reasons[RD_REFUSAL_REASON_LAST] = {
  { NULL, "" },
  { "outside_window",        N_("Outside the refund window") },
  { "order_state",           N_("Order state does not allow it") },
  { "payment_details_wrong", N_("Payment details wrong") },
  { "signed_no_fault",       N_("Signed for, no fault") },
  { "custom_produced",       N_("Custom goods already produced") },
};

static const RdIdLabel faults[RD_FAULT_LAST] = {
  { NULL, "" },
  { "buyer",     N_("Buyer") },
  { "merchant",  N_("Merchant") },
  { "logistics", N_("Logistics") },
};

static const RdRefundReason refund_reasons[] = {
  { "changed_mind",       N_("Changed mind (7-day no-reason return)"), RD_FAULT_BUYER },
  { "quality_problem",    N_("Quality problem"),                        RD_FAULT_MERCHANT },
  { "wrong_item",         N_("Wrong item sent"),                        RD_FAULT_MERCHANT },
  { "not_as_described",   N_("Not as described"),                       RD_FAULT_MERCHANT },
  { "damaged_in_transit", N_("Damaged in transit"),                     RD_FAULT_LOGISTICS },
  { "parcel_lost",        N_("Parcel lost"),                            RD_FAULT_LOGISTICS },
  { "not_received",       N_("Not received"),                           RD_FAULT_LOGISTICS },
  { "missing_parts",      N_("Missing parts"),                          RD_FAULT_MERCHANT },
  { "size_not_fit",       N_("Size does not fit"),                      RD_FAULT_BUYER },
  { "ordered_by_mistake", N_("Ordered by mistake"),                     RD_FAULT_BUYER },
  /* What an import stores when the platform gives no reason; the buyer's,
   * as a shop's own reason with no fault counts (rd-shop-lists.c). */
  { "other",              N_("Other"),                                  RD_FAULT_BUYER },
  { NULL, NULL, RD_FAULT_NONE }
};

static const char *const open_status_ids[] = {
  "requested", "approved", "awaiting_return", "returned", "intercepting",
  "awaiting_payout", NULL
};

RD_ID_TABLE_DEFINE (RdRefundKind,    rd_refund_kind,    refund_kinds,    RD_REFUND_KIND_LAST)
RD_ID_TABLE_DEFINE (RdGoodsKind,     rd_goods_kind,     goods_kinds,     RD_GOODS_KIND_LAST)
RD_ID_TABLE_DEFINE (RdCaseStatus,    rd_case_status,    case_statuses,   RD_CASE_STATUS_LAST)
RD_ID_TABLE_DEFINE (RdPaymentMethod, rd_payment_method, payment_methods, RD_PAYMENT_METHOD_LAST)
RD_ID_TABLE_DEFINE (RdRefundRoute,   rd_refund_route,   refund_routes,   RD_REFUND_ROUTE_LAST)
RD_ID_TABLE_DEFINE (RdResolution,    rd_resolution,     resolutions,     RD_RESOLUTION_LAST)
RD_ID_TABLE_DEFINE (RdRefusalReason, rd_refusal_reason, refusal_reasons, RD_REFUSAL_REASON_LAST)
RD_ID_TABLE_DEFINE (RdFault,         rd_fault,          faults,          RD_FAULT_LAST)

gboolean
rd_case_status_is_open (RdCaseStatus status)
{
  switch (status)
    {
    case RD_CASE_STATUS_REQUESTED:
    case RD_CASE_STATUS_APPROVED:
    case RD_CASE_STATUS_AWAITING_RETURN:
    case RD_CASE_STATUS_RETURNED:
    case RD_CASE_STATUS_INTERCEPTING:
    case RD_CASE_STATUS_AWAITING_PAYOUT:
      return TRUE;
    default:
      return FALSE;
    }
}

const char *const *
rd_case_status_open_ids (void)
{
  return open_status_ids;
}

const RdRefundReason *
rd_refund_reason_list (void)
{
  return refund_reasons;
}

const RdRefundReason *
rd_refund_reason_lookup (const char *id)
{
  if (id == NULL)
    return NULL;
  for (guint i = 0; refund_reasons[i].id != NULL; i++)
    if (g_str_equal (refund_reasons[i].id, id))
      return &refund_reasons[i];
  return NULL;
}

const char *
rd_refund_reason_get_name (const char *id)
{
  const RdRefundReason *reason = rd_refund_reason_lookup (id);

  if (reason == NULL)
    return id != NULL ? id : "";
  return _(reason->name);
}
