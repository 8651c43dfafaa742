/* rd-intercept-types.h
 *
 * The intercept register's enumerations and rules (docs/design.md, "The
 * intercept register") as pure functions: no database, no clock, no
 * settings. Each enumeration value has a stable id, the one stored in the
 * ledger (never translated, never renamed), and a display name in the
 * user's language; value 0 is "not set" (id NULL).
 *
 *   pending → requested → intercepted → back_in_warehouse (condition)
 *   requested | intercepted → failed → refused_by_buyer → back_in_warehouse
 *                                    | delivered → claim
 *   a lost parcel (requested, intercepted, failed, refused_by_buyer) → claim
 *   a parcel that turns up in the warehouse → back_in_warehouse from any state
 */
#pragma once

#include <glib.h>

#include "rd-case-types.h"
#include "rd-policy.h"

G_BEGIN_DECLS

#define RD_INTERCEPT_ERROR (rd_intercept_error_quark ())

typedef enum
{
  RD_INTERCEPT_ERROR_NOT_NOW,          /* the event does not apply in this status */
  RD_INTERCEPT_ERROR_NEEDS_CONDITION,  /* back in warehouse without the parcel's condition */
  RD_INTERCEPT_ERROR_INVALID,          /* a field has a value that is not allowed */
  RD_INTERCEPT_ERROR_NOT_FOUND,        /* no such intercept, tracking number or claim */
  RD_INTERCEPT_ERROR_DUPLICATE,        /* the tracking number is registered already */
} RdInterceptError;

typedef enum
{
  RD_INTERCEPT_STATUS_NONE,
  RD_INTERCEPT_STATUS_PENDING,            /* pending 待拦截 */
  RD_INTERCEPT_STATUS_REQUESTED,          /* requested 已申请 */
  RD_INTERCEPT_STATUS_INTERCEPTED,        /* intercepted 拦截成功 */
  RD_INTERCEPT_STATUS_BACK_IN_WAREHOUSE,  /* back_in_warehouse 已退回仓库 */
  RD_INTERCEPT_STATUS_FAILED,             /* failed 拦截失败 */
  RD_INTERCEPT_STATUS_REFUSED_BY_BUYER,   /* refused_by_buyer 买家拒收 */
  RD_INTERCEPT_STATUS_DELIVERED,          /* delivered 已签收 */
  RD_INTERCEPT_STATUS_CLAIM,              /* claim 理赔 */
  RD_INTERCEPT_STATUS_LAST
} RdInterceptStatus;

typedef enum
{
  RD_PARCEL_CONDITION_NONE,
  RD_PARCEL_CONDITION_INTACT,
  RD_PARCEL_CONDITION_DAMAGED,
  RD_PARCEL_CONDITION_PARTS_MISSING,
  RD_PARCEL_CONDITION_NOT_OURS,      /* a scan only: the parcel is not one of ours */
  RD_PARCEL_CONDITION_LAST
} RdParcelCondition;

typedef enum
{
  RD_COURIER_NONE,
  RD_COURIER_SF,       /* sf 顺丰 */
  RD_COURIER_ZTO,      /* zto 中通 */
  RD_COURIER_YTO,      /* yto 圆通 */
  RD_COURIER_STO,      /* sto 申通 */
  RD_COURIER_YUNDA,    /* yunda 韵达 */
  RD_COURIER_JD,       /* jd 京东 */
  RD_COURIER_EMS,      /* ems EMS */
  RD_COURIER_JT,       /* jt 极兔 */
  RD_COURIER_DEPPON,   /* deppon 德邦 */
  RD_COURIER_OTHER,
  RD_COURIER_LAST
} RdCourier;

typedef enum
{
  RD_CLAIM_STATUS_NONE,
  RD_CLAIM_STATUS_FILED,
  RD_CLAIM_STATUS_PAID,
  RD_CLAIM_STATUS_REFUSED,
  RD_CLAIM_STATUS_LAST
} RdClaimStatus;

typedef enum
{
  RD_INTERCEPT_EVENT_REQUEST,             /* pending → requested */
  RD_INTERCEPT_EVENT_CONFIRM,             /* requested → intercepted */
  RD_INTERCEPT_EVENT_FAIL,                /* requested | intercepted → failed */
  RD_INTERCEPT_EVENT_BUYER_REFUSED,       /* failed → refused_by_buyer */
  RD_INTERCEPT_EVENT_DELIVERED,           /* failed → delivered */
  RD_INTERCEPT_EVENT_BACK_IN_WAREHOUSE,   /* any → back_in_warehouse, with a condition */
  RD_INTERCEPT_EVENT_FILE_CLAIM,          /* delivered or lost in transit → claim */
  RD_INTERCEPT_N_EVENTS
} RdInterceptEvent;

/* How long a parcel has been without tracking movement. */
typedef enum
{
  RD_INTERCEPT_STALL_NONE,
  RD_INTERCEPT_STALL_NUDGE,   /* ≥ stall_nudge_hours: nudge the courier */
  RD_INTERCEPT_STALL_LOST,    /* ≥ the lost hours of the province: treat as lost */
} RdInterceptStall;

/* What an intercept's new status does to its linked case. */
typedef enum
{
  RD_INTERCEPT_CASE_STEP_NONE,
  RD_INTERCEPT_CASE_STEP_START,              /* approved → intercepting, and waits (high ticket) */
  RD_INTERCEPT_CASE_STEP_START_AND_PAYOUT,   /* approved → intercepting → awaiting_payout */
  RD_INTERCEPT_CASE_STEP_PAYOUT,             /* intercepting → awaiting_payout */
  RD_INTERCEPT_CASE_STEP_SUGGEST_REFUSAL,    /* delivered: refuse with the signing proof */
} RdInterceptCaseStep;

/* The time left under which the register shows a deadline in red. */
#define RD_INTERCEPT_URGENT_SECONDS (2 * 3600)

GQuark             rd_intercept_error_quark        (void);

/* For each enumeration Foo (as in rd-case-types.h):
 *   const char *rd_foo_to_id    (RdFoo value);   stable id, NULL for NONE
 *   RdFoo       rd_foo_from_id  (const char *id); NONE when unknown or NULL
 *   const char *rd_foo_get_name (RdFoo value);   translated, "" for NONE */
RD_CASE_TYPE_DECLARE (RdInterceptStatus, rd_intercept_status)
RD_CASE_TYPE_DECLARE (RdParcelCondition, rd_parcel_condition)
RD_CASE_TYPE_DECLARE (RdCourier,         rd_courier)
RD_CASE_TYPE_DECLARE (RdClaimStatus,     rd_claim_status)

/* "request", "confirm", … for the audit log; a translated button label. */
const char        *rd_intercept_event_to_id        (RdInterceptEvent   event);
const char        *rd_intercept_event_to_label     (RdInterceptEvent   event);

/* Applies event to an intercept in status from whose parcel condition is
 * current_condition; condition is what the user gives with
 * back_in_warehouse (intact, damaged or parts missing; a different one than
 * current corrects a parcel already back). On failure the error
 * (RD_INTERCEPT_ERROR) is a sentence for the shop owner. */
gboolean           rd_intercept_apply              (RdInterceptStatus  from,
                                                    RdInterceptEvent   event,
                                                    RdParcelCondition  current_condition,
                                                    RdParcelCondition  condition,
                                                    RdInterceptStatus *to,
                                                    GError           **error);

/* The events the status allows, in enum order (what the UI offers).
 * Array of RdInterceptEvent. */
GArray            *rd_intercept_available_events   (RdInterceptStatus  from);

/* The parcel has a final result: the case no longer waits for it. */
gboolean           rd_intercept_status_is_settled  (RdInterceptStatus  status);
/* The parcel is still on the road (stall checks apply). */
gboolean           rd_intercept_status_in_transit  (RdInterceptStatus  status);

/* The policy on the linked case when the intercept enters status `to`:
 * requested → start the case's intercept, and below the high-ticket
 * threshold let it go to payout at once; intercepted, back in warehouse or
 * a claim (lost parcel) → payout; delivered → suggest refusal. Only a case
 * in a status the step starts from is moved (approved, intercepting). */
RdInterceptCaseStep rd_intercept_case_step         (RdInterceptStatus  to,
                                                    RdCaseStatus       case_status,
                                                    gboolean           high_ticket);

/* requested_at + the channel's auto-refund hours; 0 when requested_at is 0. */
gint64             rd_intercept_compute_deadline   (const RdPolicy    *policy,
                                                    const char        *channel_id,
                                                    gint64             requested_at);
/* Seconds from now to the deadline, negative when past; G_MAXINT64 when
 * there is no deadline (0). */
gint64             rd_intercept_time_left          (gint64             deadline,
                                                    gint64             now);
/* Less than RD_INTERCEPT_URGENT_SECONDS left (overdue included). */
gboolean           rd_intercept_is_urgent          (gint64             deadline,
                                                    gint64             now);
/* "5 h 20 min", "40 min", "overdue 3 h", translated; "" without deadline. */
char              *rd_intercept_format_time_left   (gint64             deadline,
                                                    gint64             now);

/* Classifies a parcel whose last tracking movement was at last_movement
 * (Unix seconds) by the policy's thresholds; the lost threshold is the
 * remote one for a remote destination province. */
RdInterceptStall   rd_intercept_classify_stall     (const RdPolicy    *policy,
                                                    const char        *province,
                                                    gint64             last_movement,
                                                    gint64             now);

/* Trims a scanned or typed tracking number and upper-cases its ASCII
 * letters; NULL when nothing is left or it is longer than 64 characters
 * or contains a control character. */
char              *rd_tracking_number_normalize    (const char        *text);

G_END_DECLS
