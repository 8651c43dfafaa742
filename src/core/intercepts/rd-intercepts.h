/* rd-intercepts.h
 *
 * The intercept register (拦截登记) in the ledger: parcels to stop, their
 * tracking movements, claims against couriers (理赔) and warehouse scans
 * (schema version 5, rd-store-schema-intercepts.c).
 *
 * Every write runs in ONE transaction (or inside the caller's) that also
 * records the change in the audit log and moves the linked case by the
 * policy (rd_intercept_case_step): below the high-ticket threshold the case
 * goes to awaiting_payout as soon as the intercept is requested; at or above
 * it the case waits in intercepting until the parcel is intercepted, back in
 * the warehouse, refused by the buyer or lost (claim). Times are Unix
 * seconds UTC and `now` is always given, so that tests fix the clock.
 *
 * Tracking numbers are stored normalized (rd_tracking_number_normalize) and
 * are unique in the register.
 */
#pragma once

#include <glib-object.h>

#include "rd-case.h"
#include "rd-case-types.h"
#include "rd-intercept-types.h"
#include "rd-money-totals.h"
#include "rd-policy.h"
#include "rd-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64             id;                 /* 0 until inserted */
  RdCourier          courier;
  char              *tracking_no;
  gint64             case_id;            /* 0: registered by hand, no case */
  char              *case_no;            /* read only: the linked case's number */
  char              *order_no;           /* the case's when linked */
  char              *buyer_name;         /* read only: the linked case's buyer */
  char              *channel;            /* channel id (the platform deadline's hours) */
  gint64             amount;             /* minor units of currency; decides the ticket class */
  char              *province;           /* destination province, 广东, 新疆 … */
  RdInterceptStatus  status;
  RdParcelCondition  condition;          /* when back in the warehouse */
  gint64             requested_at;       /* when the intercept was asked of the courier */
  gint64             platform_deadline;  /* the platform refunds by itself after this; 0 none */
  gint64             last_movement_at;   /* last tracking movement; 0 none recorded */
  gint64             created_at;
  gint64             updated_at;
  gint64             settled_at;         /* when the parcel got its final result */
  char              *operator;           /* who registered it */
  char              *notes;
  gint64             refunded;           /* read only: payouts of the linked case (a paid
                                          * case without payout rows, as imported: its
                                          * approved amount) */
  gint64             recovered;          /* read only: recovered by its claims */
  const char        *currency;           /* read only, interned: the linked case's currency
                                          * (its amount, refunds, claims and loss are in it);
                                          * the shop's (CNY) without a case */
  char              *exchange_rate;      /* read only: the linked case's rate (CNY per
                                          * unit, exact decimal text), NULL none */
} RdIntercept;

typedef struct
{
  gint64         id;
  gint64         intercept_id;
  char          *tracking_no;     /* read only */
  RdCourier      courier;         /* read only */
  gint64         case_id;         /* read only, 0 none */
  char          *case_no;         /* read only */
  gint64         amount_claimed;
  gint64         filed_at;
  RdClaimStatus  status;
  gint64         amount_recovered;
  gint64         settled_at;      /* 0 while filed */
  char          *operator;
  const char    *currency;        /* read only, interned: the parcel's (its case's;
                                   * CNY without a case) */
} RdClaim;

/* The amounts are sums per currency (GArray of RdMoneyTotal, the shop's
 * currency first, each total's count the claims in it): a dollar claim is
 * never added to a yuan one. Free with
 * rd_claim_totals_clear. */
typedef struct
{
  guint   n_claims;
  guint   n_open;
  guint   n_paid;
  guint   n_refused;
  GArray *claimed;        /* every claim */
  GArray *open_claimed;   /* claims still filed */
  GArray *recovered;      /* paid claims */
} RdClaimTotals;

typedef enum
{
  RD_INTERCEPT_VIEW_ALL,       /* newest first */
  RD_INTERCEPT_VIEW_DUE,       /* unsettled with a platform deadline, least time left first */
  RD_INTERCEPT_VIEW_STALLED,   /* on the road without movement ≥ the nudge threshold, longest first */
  RD_INTERCEPT_VIEW_LOSSES,    /* refunded while the goods were not recovered (钱货两空) */
  RD_INTERCEPT_VIEW_UNMATCHED, /* returned with a number nobody registered, not matched to
                                * a case yet (rd_intercept_is_unmatched), newest first */
} RdInterceptView;

typedef struct
{
  guint   n_all;
  guint   n_due;
  guint   n_urgent;        /* due with less than RD_INTERCEPT_URGENT_SECONDS left */
  guint   n_stalled;
  guint   n_lost;          /* stalled past the lost threshold */
  guint   n_claims_open;
  guint   n_losses;
  guint   n_unmatched;     /* returned, not matched to a case */
  GArray *losses;          /* RdMoneyTotal per currency: refunded − recovered over
                            * the losses, the shop's currency first; free with
                            * rd_intercept_counts_clear */
} RdInterceptCounts;

/* What a write did to the parcel and to its linked case. */
typedef struct
{
  RdInterceptStatus   from;
  RdInterceptStatus   to;
  RdInterceptCaseStep step;
  RdCaseStatus        case_from;   /* NONE without a linked case */
  RdCaseStatus        case_to;
  RdTicketClass       ticket;      /* the linked case's ticket by the policy when the
                                    * step was decided; NO_RATE: a foreign amount
                                    * with no rate, the threshold was not applied */
} RdInterceptOutcome;

typedef enum
{
  RD_LOST_REMEDY_REFUND,   /* refund the buyer: the case goes to payout */
  RD_LOST_REMEDY_RESEND,   /* send the goods again: the case's resolution becomes resend */
} RdLostRemedy;

typedef struct
{
  gboolean            already;      /* this parcel had this outcome scanned before: nothing recorded */
  gint64              scan_id;      /* the new scan, or the earlier one */
  gint64              at;           /* when that scan was made */
  RdIntercept        *intercept;    /* the parcel after the scan (owned; rd_scan_result_clear) */
  RdInterceptOutcome  outcome;
} RdScanResult;

#define RD_TYPE_INTERCEPT (rd_intercept_get_type ())
#define RD_TYPE_CLAIM     (rd_claim_get_type ())

GType         rd_intercept_get_type            (void) G_GNUC_CONST;
RdIntercept  *rd_intercept_new                 (void);
RdIntercept  *rd_intercept_copy                (const RdIntercept *self);
void          rd_intercept_free                (RdIntercept       *self);
/* The amount's ticket class by the policy (rd_policy_classify_ticket: the
 * threshold is yuan; a foreign amount is converted at the case's rate, and
 * without one the threshold is not applied: RD_TICKET_NO_RATE). */
RdTicketClass rd_intercept_get_ticket          (const RdIntercept *self,
                                                const RdPolicy    *policy);
/* rd_intercept_get_ticket is RD_TICKET_HIGH. */
gboolean      rd_intercept_is_high_ticket      (const RdIntercept *self,
                                                const RdPolicy    *policy);
/* The last movement, or when the intercept was requested (or registered)
 * when no movement was recorded: where the stall clock starts. */
gint64        rd_intercept_get_quiet_since     (const RdIntercept *self);
/* The money lost: refunded − recovered, never below 0. */
gint64        rd_intercept_get_loss            (const RdIntercept *self);
/* Came back with a number nobody registered (rd_intercepts_record_
 * unmatched_scan): back in the warehouse, no case, never requested. */
gboolean      rd_intercept_is_unmatched        (const RdIntercept *self);
/* "Back in warehouse · Damaged", or "Returned, not matched · Damaged" for
 * an unmatched parcel; translated. */
char         *rd_intercept_dup_status_label    (const RdIntercept *self);

GType         rd_claim_get_type                (void) G_GNUC_CONST;
RdClaim      *rd_claim_copy                    (const RdClaim     *self);
void          rd_claim_free                    (RdClaim           *self);
void          rd_scan_result_clear             (RdScanResult      *result);
void          rd_intercept_counts_clear        (RdInterceptCounts *counts);
void          rd_claim_totals_clear            (RdClaimTotals     *totals);
/* The losses of the parcels (RdIntercept*), per currency: what
 * rd_intercept_get_loss gives each, summed in its currency. NULL with an
 * error when a sum would overflow. */
GArray       *rd_intercepts_sum_losses         (GPtrArray         *intercepts,
                                                GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdIntercept, rd_intercept_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdClaim, rd_claim_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RdScanResult, rd_scan_result_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RdInterceptCounts, rd_intercept_counts_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RdClaimTotals, rd_claim_totals_clear)

/* A new intercept for case case_id, prefilled from it: order number,
 * channel, amount (approved, else paid), the platform deadline (the case's,
 * else its requested_at + the channel's auto-refund hours), status pending,
 * requested_at now, and the courier and tracking number of the case's
 * outbound parcel when it has one (a courier of the shop's own list is
 * RD_COURIER_OTHER). The caller adds the province and what is missing.
 * RD_INTERCEPT_ERROR_INVALID when the case is not a shipped refund-only
 * case (or an unshipped one whose goods left anyway) still open. */
RdIntercept  *rd_intercepts_prefill_from_case  (RdStore           *store,
                                                gint64             case_id,
                                                const RdPolicy    *policy,
                                                gint64             now,
                                                GError           **error);

/* Validates and inserts the intercept (status pending or requested; 0 =
 * pending) and audits it; a requested one applies the policy to the linked
 * case at once. created_at/updated_at become now, operator is stored; a
 * missing platform deadline is computed from requested_at and the channel.
 * A tracking number already in the register: RD_INTERCEPT_ERROR_DUPLICATE,
 * nothing written, and *existing_id (may be NULL) names the row to open.
 * On success intercept->id is set and *outcome (may be NULL) filled. */
gboolean      rd_intercepts_create             (RdStore           *store,
                                                RdIntercept       *intercept,
                                                const RdPolicy    *policy,
                                                const char        *operator,
                                                gint64             now,
                                                gint64            *existing_id,
                                                RdInterceptOutcome *outcome,
                                                GError           **error);

/* Applies event (not FILE_CLAIM: rd_intercepts_file_claim) with condition
 * (back in warehouse), stamps it (requested_at on request, settled_at on a
 * final result), audits it and moves the linked case per the policy. */
gboolean      rd_intercepts_transition         (RdStore           *store,
                                                gint64             id,
                                                RdInterceptEvent   event,
                                                RdParcelCondition  condition,
                                                const RdPolicy    *policy,
                                                const char        *operator,
                                                gint64             now,
                                                RdInterceptOutcome *outcome,
                                                GError           **error);

/* A delivered parcel the buyer did not get, or a parcel lost on the road
 * ("treat as lost"): status claim, a claim of amount_claimed (> 0) filed
 * now, and the remedy for the linked case. Returns the claim's id in
 * *claim_id (may be NULL). */
gboolean      rd_intercepts_file_claim         (RdStore           *store,
                                                gint64             id,
                                                gint64             amount_claimed,
                                                RdLostRemedy       remedy,
                                                const RdPolicy    *policy,
                                                const char        *operator,
                                                gint64             now,
                                                gint64            *claim_id,
                                                RdInterceptOutcome *outcome,
                                                GError           **error);

/* A tracking movement seen at `at`: last_movement_at becomes the latest. */
gboolean      rd_intercepts_record_movement    (RdStore           *store,
                                                gint64             id,
                                                gint64             at,
                                                const char        *description,
                                                const char        *operator,
                                                GError           **error);

/* RD_INTERCEPT_ERROR_NOT_FOUND when there is none. */
RdIntercept  *rd_intercepts_get                (RdStore           *store,
                                                gint64             id,
                                                GError           **error);
RdIntercept  *rd_intercepts_find_by_tracking   (RdStore           *store,
                                                const char        *tracking_no,
                                                GError           **error);

/* Array of RdIntercept*. STALLED and DUE judge by policy at now. */
GPtrArray    *rd_intercepts_list               (RdStore           *store,
                                                RdInterceptView    view,
                                                const RdPolicy    *policy,
                                                gint64             now,
                                                GError           **error);
/* The case's intercepts, oldest first. */
GPtrArray    *rd_intercepts_list_for_case      (RdStore           *store,
                                                gint64             case_id,
                                                GError           **error);
/* Registered (created_at) in [from, to): the export's month. Oldest first. */
GPtrArray    *rd_intercepts_list_created_between (RdStore         *store,
                                                  gint64           from,
                                                  gint64           to,
                                                  GError         **error);
gboolean      rd_intercepts_count              (RdStore           *store,
                                                const RdPolicy    *policy,
                                                gint64             now,
                                                RdInterceptCounts *counts,
                                                GError           **error);

/* Claims, newest first; open_only: still filed. Array of RdClaim*. */
GPtrArray    *rd_claims_list                   (RdStore           *store,
                                                gboolean           open_only,
                                                GError           **error);
/* Filed (filed_at) in [from, to), oldest first: the export's month. */
GPtrArray    *rd_claims_list_filed_between     (RdStore           *store,
                                                gint64             from,
                                                gint64             to,
                                                GError           **error);
/* A filed claim becomes paid (recovered > 0, at most the amount claimed)
 * or refused (recovered 0). Audited. */
gboolean      rd_claims_settle                 (RdStore           *store,
                                                gint64             claim_id,
                                                RdClaimStatus      status,
                                                gint64             recovered,
                                                const char        *operator,
                                                gint64             now,
                                                GError           **error);
gboolean      rd_claims_totals                 (RdStore           *store,
                                                RdClaimTotals     *totals,
                                                GError           **error);

/* The warehouse scan: the parcel with this tracking number came back with
 * this outcome (intact, damaged or parts missing: back in warehouse with
 * that condition, moving the linked case; not ours: recorded, the parcel's
 * status unchanged). Written and committed (synchronous=FULL) BEFORE this
 * returns. A repeated scan of the same parcel and outcome records nothing
 * and sets result->already. RD_INTERCEPT_ERROR_NOT_FOUND for a number not
 * in the register (register it first). */
gboolean      rd_intercepts_record_scan        (RdStore           *store,
                                                const char        *tracking_no,
                                                RdParcelCondition  outcome,
                                                const char        *operator,
                                                const RdPolicy    *policy,
                                                gint64             now,
                                                RdScanResult      *result,
                                                GError           **error);
/* A parcel whose number is not in the register came back: registered as
 * "returned, not matched" (rd_intercept_is_unmatched: back in the warehouse
 * with the scanned condition — none for not ours — no case, no request, no
 * deadline and so no countdown) and its scan recorded, in one transaction
 * committed before this returns. courier NONE is "other". A number already
 * in the register: RD_INTERCEPT_ERROR_DUPLICATE, nothing written. */
gboolean      rd_intercepts_record_unmatched_scan (RdStore         *store,
                                                const char        *tracking_no,
                                                RdCourier          courier,
                                                RdParcelCondition  outcome,
                                                const char        *operator,
                                                gint64             now,
                                                RdScanResult      *result,
                                                GError           **error);
/* A parcel "returned, not matched" (rd_intercept_is_unmatched) is linked
 * to the case numbered case_no (its order number, channel and amount taken
 * from the case), audited with who and when under that case, so that the
 * case's history shows the parcel; the case's status is not moved. Refused
 * like every register write for a role that may not (RD_ACTION_INTERCEPT);
 * RD_INTERCEPT_ERROR_NOT_FOUND when there is no such case (or parcel),
 * RD_INTERCEPT_ERROR_NOT_NOW when the parcel is matched already or was
 * registered for a case. *matched (may be NULL) gets the parcel after. */
gboolean      rd_intercepts_match_to_case      (RdStore           *store,
                                                gint64             id,
                                                const char        *case_no,
                                                const char        *operator,
                                                gint64             now,
                                                RdIntercept      **matched,
                                                GError           **error);
/* The cases an unmatched parcel may belong to, to pick from: first those
 * whose return or outbound tracking number is the parcel's, then the open
 * cases waiting for goods to come back (awaiting return, intercepting),
 * newest first; at most limit. Array of RdCase*. */
GPtrArray    *rd_intercepts_list_match_candidates (RdStore         *store,
                                                gint64             id,
                                                guint              limit,
                                                GError           **error);
/* The parcel's latest scan: FALSE (no error) when it has none. */
gboolean      rd_intercepts_get_last_scan      (RdStore           *store,
                                                gint64             intercept_id,
                                                RdParcelCondition *outcome,
                                                gint64            *at,
                                                GError           **error);
/* How many scans the register holds. */
gint64        rd_intercepts_count_scans        (RdStore           *store,
                                                GError           **error);

G_END_DECLS
