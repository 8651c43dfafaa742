/* rd-case.h
 *
 * A refund case (退款单) as a plain boxed struct with public fields. Money is
 * in minor units of `currency`; times are Unix seconds UTC (0 = not set);
 * dates are "YYYY-MM-DD" text (NULL = not set). Strings are owned by the
 * struct; NULL means empty.
 */
#pragma once

#include <glib-object.h>

#include "rd-case-types.h"

G_BEGIN_DECLS

#define RD_CASE_ERROR (rd_case_error_quark ())

typedef enum
{
  RD_CASE_ERROR_REQUIRED,   /* a required field is empty */
  RD_CASE_ERROR_INVALID,    /* a field has a value that is not allowed */
} RdCaseError;

/* Longest order / after-sales / tracking number accepted, in characters. */
#define RD_CASE_NUMBER_MAX_CHARS 64
/* Amounts must be below 10^13 minor units (¥100,000,000,000.00). */
#define RD_CASE_AMOUNT_LIMIT G_GINT64_CONSTANT (10000000000000)

#define RD_TYPE_CASE (rd_case_get_type ())

typedef struct
{
  gint64           id;                 /* 0 until inserted */
  char            *case_no;            /* RF-YYYY-NNNNNN, set by the store */
  char            *channel;            /* channel id: taobao, pinduoduo, … */
  char            *order_no;
  char            *after_sales_no;
  char            *buyer_name;
  char            *buyer_contact;
  RdRefundKind     kind;
  RdGoodsKind      goods_kind;
  char            *order_state;        /* free text as read from the platform */
  char            *reason;             /* reason id (rd_refund_reason_lookup) */
  RdPaymentMethod  payment_method;
  RdRefundRoute    refund_route;
  char            *currency;           /* ISO 4217, NULL = CNY */
  char            *exchange_rate;      /* exact decimal text, NULL = none */
  gint64           amount_paid;
  gint64           approved_amount;    /* -1 = not approved yet */
  char            *breakdown;          /* calculator's JSON, NULL until applied */
  gint64           requested_at;
  gint64           platform_deadline;  /* 0 = none */
  char            *expected_arrival;   /* date */
  char            *handler;
  char            *created_by;
  char            *approved_by;
  char            *notes;
  char            *return_tracking;
  char            *outbound_courier;   /* courier id of the parcel sent to the buyer */
  char            *outbound_tracking;  /* its tracking number */
  char            *proposed_by;        /* who proposed the refund amount */
  RdResolution     resolution;
  RdRefusalReason  refusal_reason;
  RdCaseStatus     status;
  gint64           created_at;
  gint64           updated_at;
  gint64           paid_at;
  gint64           closed_at;
} RdCase;

GQuark   rd_case_error_quark (void);
GType    rd_case_get_type    (void) G_GNUC_CONST;

/* A new empty case: status requested, goods kind standard, CNY, not approved. */
RdCase  *rd_case_new         (void);
RdCase  *rd_case_copy        (const RdCase *self);
void     rd_case_free        (RdCase       *self);

/* Checks what a case needs before it is saved: channel, order number, kind,
 * reason, payment method, an amount paid ≥ 0 and < 10^13 minor units, numbers
 * of at most 64 characters, valid UTF-8, a known currency, an approved amount
 * not above the amount paid. The error message names the field in the
 * user's language. */
gboolean rd_case_validate    (const RdCase *self,
                              GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdCase, rd_case_free)

G_END_DECLS
