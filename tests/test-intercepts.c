/* test-intercepts.c — the intercept register: its status machine and the
 * policy on the linked case (high-ticket threshold on both sides), deadline
 * arithmetic, stall thresholds with a fixed clock (remote provinces), the
 * duplicate tracking number rule, claims and their totals (per currency,
 * counting claims), losses, the warehouse scan (durable, never recorded
 * twice), the yuan threshold against foreign parcels, and matching a
 * returned parcel nobody registered to its case. */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "rd-audit.h"
#include "rd-case-history.h"
#include "rd-case-store.h"
#include "rd-case-store-workflow.h"
#include "rd-intercept-advice.h"
#include "rd-intercepts.h"
#include "rd-ledger-query.h"
#include "rd-store-private.h"
#include "rd-test-ledger.h"

/* 2026-01-01 00:00 UTC: the fixed clock of these tests. */
#define T0 G_GINT64_CONSTANT (1767225600)
#define HOUR 3600

typedef struct
{
  char     *dir;
  char     *path;
  RdStore  *store;
  RdPolicy  policy;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = rd_test_make_tmp_dir ();
  f->path = g_build_filename (f->dir, "ledger.db", NULL);
  f->store = rd_store_open (f->path, RD_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  rd_test_add_operators (f->store);
  rd_policy_init_defaults (&f->policy);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  rd_policy_clear (&f->policy);
  g_clear_object (&f->store);
  rd_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* An approved refund-only-shipped case of `amount`, requested at T0 on
 * channel (taobao: 48 h, jd: 24 h). */
static gint64
approved_case (Fixture    *f,
               const char *channel,
               gint64      amount)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) rcase = rd_case_new ();
  RdWorkflowFacts facts = { .approved_amount = amount, .no_breakdown_reason = "agreed with the buyer" };

  rcase->channel = g_strdup (channel);
  rcase->order_no = g_strdup_printf ("40%" G_GINT64_FORMAT, amount);
  rcase->buyer_name = g_strdup ("王小明");
  rcase->kind = RD_REFUND_KIND_REFUND_ONLY_SHIPPED;
  rcase->reason = g_strdup ("changed_mind");
  rcase->payment_method = RD_PAYMENT_METHOD_ALIPAY;
  rcase->amount_paid = amount;
  rcase->requested_at = T0;
  rcase->platform_deadline = rd_case_compute_platform_deadline (rcase, &f->policy);
  rd_case_store_insert (f->store, rcase, "alice", &error);
  g_assert_no_error (error);

  rd_case_store_transition (f->store, rcase->id, RD_WORKFLOW_EVENT_APPROVE, &facts, &f->policy,
                            "alice", &error);
  g_assert_no_error (error);
  return rcase->id;
}

static RdCaseStatus
case_status (Fixture *f,
             gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) rcase = rd_case_store_get (f->store, id, &error);

  g_assert_no_error (error);
  return rcase->status;
}

static gint64
register_for_case (Fixture            *f,
                   gint64              case_id,
                   const char         *tracking,
                   const char         *province,
                   RdInterceptStatus   status,
                   RdInterceptOutcome *outcome)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdIntercept) intercept = NULL;

  intercept = rd_intercepts_prefill_from_case (f->store, case_id, &f->policy, T0 + HOUR, &error);
  g_assert_no_error (error);
  intercept->courier = RD_COURIER_ZTO;
  intercept->tracking_no = g_strdup (tracking);
  intercept->province = g_strdup (province);
  intercept->status = status;
  rd_intercepts_create (f->store, intercept, &f->policy, "bob", T0 + HOUR, NULL, outcome, &error);
  g_assert_no_error (error);
  g_assert_cmpint (intercept->id, >, 0);
  return intercept->id;
}

static gint64
register_by_hand (Fixture    *f,
                  const char *tracking,
                  gint64      amount,
                  const char *province,
                  gint64      requested_at)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdIntercept) intercept = rd_intercept_new ();

  intercept->courier = RD_COURIER_SF;
  intercept->tracking_no = g_strdup (tracking);
  intercept->amount = amount;
  intercept->province = g_strdup (province);
  intercept->channel = g_strdup ("taobao");
  intercept->status = RD_INTERCEPT_STATUS_REQUESTED;
  intercept->requested_at = requested_at;
  rd_intercepts_create (f->store, intercept, &f->policy, "bob", requested_at, NULL, NULL, &error);
  g_assert_no_error (error);
  return intercept->id;
}

static void
test_transitions (void)
{
  static const struct
  {
    RdInterceptStatus from;
    RdInterceptEvent  event;
    RdParcelCondition condition;
    RdInterceptStatus to;      /* NONE: refused */
  } cases[] = {
    { RD_INTERCEPT_STATUS_PENDING,     RD_INTERCEPT_EVENT_REQUEST,  0, RD_INTERCEPT_STATUS_REQUESTED },
    { RD_INTERCEPT_STATUS_PENDING,     RD_INTERCEPT_EVENT_CONFIRM,  0, RD_INTERCEPT_STATUS_NONE },
    { RD_INTERCEPT_STATUS_REQUESTED,   RD_INTERCEPT_EVENT_REQUEST,  0, RD_INTERCEPT_STATUS_NONE },
    { RD_INTERCEPT_STATUS_REQUESTED,   RD_INTERCEPT_EVENT_CONFIRM,  0, RD_INTERCEPT_STATUS_INTERCEPTED },
    { RD_INTERCEPT_STATUS_REQUESTED,   RD_INTERCEPT_EVENT_FAIL,     0, RD_INTERCEPT_STATUS_FAILED },
    { RD_INTERCEPT_STATUS_INTERCEPTED, RD_INTERCEPT_EVENT_FAIL,     0, RD_INTERCEPT_STATUS_FAILED },
    { RD_INTERCEPT_STATUS_INTERCEPTED, RD_INTERCEPT_EVENT_BACK_IN_WAREHOUSE, RD_PARCEL_CONDITION_DAMAGED,
      RD_INTERCEPT_STATUS_BACK_IN_WAREHOUSE },
    { RD_INTERCEPT_STATUS_INTERCEPTED, RD_INTERCEPT_EVENT_DELIVERED, 0, RD_INTERCEPT_STATUS_NONE },
    { RD_INTERCEPT_STATUS_FAILED,      RD_INTERCEPT_EVENT_BUYER_REFUSED, 0, RD_INTERCEPT_STATUS_REFUSED_BY_BUYER },
    { RD_INTERCEPT_STATUS_FAILED,      RD_INTERCEPT_EVENT_DELIVERED, 0, RD_INTERCEPT_STATUS_DELIVERED },
    { RD_INTERCEPT_STATUS_REFUSED_BY_BUYER, RD_INTERCEPT_EVENT_BACK_IN_WAREHOUSE, RD_PARCEL_CONDITION_INTACT,
      RD_INTERCEPT_STATUS_BACK_IN_WAREHOUSE },
    { RD_INTERCEPT_STATUS_DELIVERED,   RD_INTERCEPT_EVENT_FILE_CLAIM, 0, RD_INTERCEPT_STATUS_CLAIM },
    { RD_INTERCEPT_STATUS_REQUESTED,   RD_INTERCEPT_EVENT_FILE_CLAIM, 0, RD_INTERCEPT_STATUS_CLAIM },
    { RD_INTERCEPT_STATUS_PENDING,     RD_INTERCEPT_EVENT_FILE_CLAIM, 0, RD_INTERCEPT_STATUS_NONE },
    { RD_INTERCEPT_STATUS_CLAIM,       RD_INTERCEPT_EVENT_FILE_CLAIM, 0, RD_INTERCEPT_STATUS_NONE },
    { RD_INTERCEPT_STATUS_BACK_IN_WAREHOUSE, RD_INTERCEPT_EVENT_FILE_CLAIM, 0, RD_INTERCEPT_STATUS_NONE },
    { RD_INTERCEPT_STATUS_BACK_IN_WAREHOUSE, RD_INTERCEPT_EVENT_FAIL, 0, RD_INTERCEPT_STATUS_NONE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      RdInterceptStatus to = RD_INTERCEPT_STATUS_NONE;
      gboolean ok = rd_intercept_apply (cases[i].from, cases[i].event, RD_PARCEL_CONDITION_NONE,
                                        cases[i].condition, &to, &error);

      g_test_message ("case %u: %s + %s", i, rd_intercept_status_to_id (cases[i].from),
                      rd_intercept_event_to_id (cases[i].event));
      if (cases[i].to == RD_INTERCEPT_STATUS_NONE)
        {
          g_assert_false (ok);
          g_assert_error (error, RD_INTERCEPT_ERROR, RD_INTERCEPT_ERROR_NOT_NOW);
        }
      else
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpint (to, ==, cases[i].to);
        }
    }
}

static void
test_back_in_warehouse_condition (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) events = NULL;
  RdInterceptStatus to;
  gboolean has_claim = FALSE;

  /* Without a condition, or "not ours", the parcel is not back. */
  g_assert_false (rd_intercept_apply (RD_INTERCEPT_STATUS_INTERCEPTED, RD_INTERCEPT_EVENT_BACK_IN_WAREHOUSE,
                                      RD_PARCEL_CONDITION_NONE, RD_PARCEL_CONDITION_NONE, &to, &error));
  g_assert_error (error, RD_INTERCEPT_ERROR, RD_INTERCEPT_ERROR_NEEDS_CONDITION);
  g_clear_error (&error);
  g_assert_false (rd_intercept_apply (RD_INTERCEPT_STATUS_INTERCEPTED, RD_INTERCEPT_EVENT_BACK_IN_WAREHOUSE,
                                      RD_PARCEL_CONDITION_NONE, RD_PARCEL_CONDITION_NOT_OURS, &to, &error));
  g_assert_error (error, RD_INTERCEPT_ERROR, RD_INTERCEPT_ERROR_NEEDS_CONDITION);
  g_clear_error (&error);

  /* Back already: the same condition is nothing new, another corrects it. */
  g_assert_false (rd_intercept_apply (RD_INTERCEPT_STATUS_BACK_IN_WAREHOUSE, RD_INTERCEPT_EVENT_BACK_IN_WAREHOUSE,
                                      RD_PARCEL_CONDITION_INTACT, RD_PARCEL_CONDITION_INTACT, &to, &error));
  g_assert_error (error, RD_INTERCEPT_ERROR, RD_INTERCEPT_ERROR_NOT_NOW);
  g_clear_error (&error);
  g_assert_true (rd_intercept_apply (RD_INTERCEPT_STATUS_BACK_IN_WAREHOUSE, RD_INTERCEPT_EVENT_BACK_IN_WAREHOUSE,
                                     RD_PARCEL_CONDITION_INTACT, RD_PARCEL_CONDITION_DAMAGED, &to, &error));
  g_assert_no_error (error);

  events = rd_intercept_available_events (RD_INTERCEPT_STATUS_FAILED);
  for (guint i = 0; i < events->len; i++)
    has_claim |= g_array_index (events, RdInterceptEvent, i) == RD_INTERCEPT_EVENT_FILE_CLAIM;
  g_assert_true (has_claim);
  g_assert_cmpuint (events->len, ==, 4);   /* buyer refused, delivered, back, claim */
}

static void
test_case_step (void)
{
  /* Requested: below the threshold the case is paid at once, at or above it waits. */
  g_assert_cmpint (rd_intercept_case_step (RD_INTERCEPT_STATUS_REQUESTED, RD_CASE_STATUS_APPROVED, FALSE),
                   ==, RD_INTERCEPT_CASE_STEP_START_AND_PAYOUT);
  g_assert_cmpint (rd_intercept_case_step (RD_INTERCEPT_STATUS_REQUESTED, RD_CASE_STATUS_APPROVED, TRUE),
                   ==, RD_INTERCEPT_CASE_STEP_START);
  g_assert_cmpint (rd_intercept_case_step (RD_INTERCEPT_STATUS_REQUESTED, RD_CASE_STATUS_INTERCEPTING, TRUE),
                   ==, RD_INTERCEPT_CASE_STEP_NONE);
  g_assert_cmpint (rd_intercept_case_step (RD_INTERCEPT_STATUS_INTERCEPTED, RD_CASE_STATUS_INTERCEPTING, TRUE),
                   ==, RD_INTERCEPT_CASE_STEP_PAYOUT);
  g_assert_cmpint (rd_intercept_case_step (RD_INTERCEPT_STATUS_FAILED, RD_CASE_STATUS_INTERCEPTING, TRUE),
                   ==, RD_INTERCEPT_CASE_STEP_NONE);
  g_assert_cmpint (rd_intercept_case_step (RD_INTERCEPT_STATUS_DELIVERED, RD_CASE_STATUS_INTERCEPTING, TRUE),
                   ==, RD_INTERCEPT_CASE_STEP_SUGGEST_REFUSAL);
  g_assert_cmpint (rd_intercept_case_step (RD_INTERCEPT_STATUS_BACK_IN_WAREHOUSE, RD_CASE_STATUS_PAID, TRUE),
                   ==, RD_INTERCEPT_CASE_STEP_NONE);
}

static void
test_deadline (void)
{
  g_auto(RdPolicy) policy = { 0 };
  g_autofree char *left = NULL;
  g_autofree char *overdue = NULL;

  rd_policy_init_defaults (&policy);

  g_assert_cmpint (rd_intercept_compute_deadline (&policy, "taobao", T0), ==, T0 + 48 * HOUR);
  g_assert_cmpint (rd_intercept_compute_deadline (&policy, "jd", T0), ==, T0 + 24 * HOUR);
  g_assert_cmpint (rd_intercept_compute_deadline (&policy, "no-such-shop", T0), ==, T0 + 48 * HOUR);
  g_assert_cmpint (rd_intercept_compute_deadline (&policy, "jd", 0), ==, 0);

  g_assert_cmpint (rd_intercept_time_left (T0 + 24 * HOUR, T0 + HOUR), ==, 23 * HOUR);
  g_assert_cmpint (rd_intercept_time_left (T0, T0 + 90), ==, -90);
  g_assert_cmpint (rd_intercept_time_left (0, T0), ==, G_MAXINT64);

  /* Red under two hours: 2 h left is not, 1 h 59 min 59 s is, overdue is. */
  g_assert_false (rd_intercept_is_urgent (T0 + 2 * HOUR, T0));
  g_assert_true (rd_intercept_is_urgent (T0 + 2 * HOUR - 1, T0));
  g_assert_true (rd_intercept_is_urgent (T0 - HOUR, T0));
  g_assert_false (rd_intercept_is_urgent (0, T0));

  left = rd_intercept_format_time_left (T0 + 5 * HOUR + 20 * 60, T0);
  g_assert_cmpstr (left, ==, "5 h 20 min");
  overdue = rd_intercept_format_time_left (T0, T0 + 3 * HOUR);
  g_assert_cmpstr (overdue, ==, "overdue 3 h 0 min");
}

static void
test_stall (void)
{
  g_auto(RdPolicy) policy = { 0 };

  rd_policy_init_defaults (&policy);

  g_assert_cmpint (rd_intercept_classify_stall (&policy, "广东", T0, T0 + 24 * HOUR - 1), ==, RD_INTERCEPT_STALL_NONE);
  g_assert_cmpint (rd_intercept_classify_stall (&policy, "广东", T0, T0 + 24 * HOUR), ==, RD_INTERCEPT_STALL_NUDGE);
  g_assert_cmpint (rd_intercept_classify_stall (&policy, "广东", T0, T0 + 48 * HOUR - 1), ==, RD_INTERCEPT_STALL_NUDGE);
  g_assert_cmpint (rd_intercept_classify_stall (&policy, "广东", T0, T0 + 48 * HOUR), ==, RD_INTERCEPT_STALL_LOST);

  /* Remote provinces, also by their full name: 72 h before a parcel is lost. */
  g_assert_cmpint (rd_intercept_classify_stall (&policy, "新疆维吾尔自治区", T0, T0 + 48 * HOUR), ==, RD_INTERCEPT_STALL_NUDGE);
  g_assert_cmpint (rd_intercept_classify_stall (&policy, "西藏", T0, T0 + 72 * HOUR - 1), ==, RD_INTERCEPT_STALL_NUDGE);
  g_assert_cmpint (rd_intercept_classify_stall (&policy, "西藏", T0, T0 + 72 * HOUR), ==, RD_INTERCEPT_STALL_LOST);

  /* The thresholds are the shop's. */
  policy.stall_nudge_hours = 12;
  g_assert_cmpint (rd_intercept_classify_stall (&policy, NULL, T0, T0 + 12 * HOUR), ==, RD_INTERCEPT_STALL_NUDGE);
  g_assert_cmpint (rd_intercept_classify_stall (&policy, NULL, 0, T0), ==, RD_INTERCEPT_STALL_NONE);
}

/* What to do with a parcel: delivered first, then a stall on the road, then
 * a deadline under two hours while the parcel has no result. Moved at T0
 * unless 0 (then quiet since the request at T0); default policy: nudge at
 * 24 h, lost at 48 h, 72 h in a remote province. */
static void
test_advice (void)
{
  static const struct
  {
    RdInterceptStatus  status;
    const char        *province;
    gint64             moved;
    gint64             deadline;
    gint64             now;
    RdParcelAdvice     advice;
    gboolean           settle;    /* rd_intercept_needs_settling */
  } cases[] = {
    { RD_INTERCEPT_STATUS_DELIVERED,         "广东", T0, T0 - HOUR,      T0 + 72 * HOUR, RD_PARCEL_ADVICE_REFUSE_OR_CLAIM, FALSE },
    { RD_INTERCEPT_STATUS_REQUESTED,         "广东", T0, T0 + 48 * HOUR, T0 + 24 * HOUR, RD_PARCEL_ADVICE_NUDGE_COURIER,   FALSE },
    { RD_INTERCEPT_STATUS_REQUESTED,         "广东", T0, T0 + 48 * HOUR, T0 + 48 * HOUR, RD_PARCEL_ADVICE_TREAT_AS_LOST,   TRUE },
    { RD_INTERCEPT_STATUS_FAILED,            "西藏", T0, T0 + 40 * HOUR, T0 + 48 * HOUR, RD_PARCEL_ADVICE_NUDGE_COURIER,   TRUE },
    { RD_INTERCEPT_STATUS_INTERCEPTED,       "广东", T0, T0 + HOUR,      T0 + 48 * HOUR, RD_PARCEL_ADVICE_TREAT_AS_LOST,   FALSE },
    { RD_INTERCEPT_STATUS_REQUESTED,         "广东", T0, T0 + 2 * HOUR,  T0 + 1,         RD_PARCEL_ADVICE_SETTLE_NOW,      TRUE },
    { RD_INTERCEPT_STATUS_REQUESTED,         "广东", T0, T0 + 2 * HOUR,  T0,             RD_PARCEL_ADVICE_NONE,            FALSE },
    { RD_INTERCEPT_STATUS_FAILED,            "广东", 0,  T0 + HOUR,      T0 + HOUR / 2,  RD_PARCEL_ADVICE_SETTLE_NOW,      TRUE },
    { RD_INTERCEPT_STATUS_PENDING,           NULL,   0,  T0 - HOUR,      T0 + 72 * HOUR, RD_PARCEL_ADVICE_SETTLE_NOW,      TRUE },
    { RD_INTERCEPT_STATUS_PENDING,           NULL,   0,  0,              T0 + 72 * HOUR, RD_PARCEL_ADVICE_NONE,            FALSE },
    { RD_INTERCEPT_STATUS_INTERCEPTED,       "广东", T0, T0 - HOUR,      T0 + HOUR,      RD_PARCEL_ADVICE_NONE,            FALSE },
    { RD_INTERCEPT_STATUS_BACK_IN_WAREHOUSE, "广东", T0, T0 - HOUR,      T0 + 72 * HOUR, RD_PARCEL_ADVICE_NONE,            FALSE },
    { RD_INTERCEPT_STATUS_CLAIM,             "广东", T0, T0 - HOUR,      T0 + 72 * HOUR, RD_PARCEL_ADVICE_NONE,            FALSE },
  };
  static const char *const texts[RD_PARCEL_ADVICE_LAST] = {
    "", "refuse with the signing proof, or file a claim", "treat as lost", "nudge courier", "settle now",
  };
  g_auto(RdPolicy) policy = { 0 };

  rd_policy_init_defaults (&policy);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      RdIntercept parcel = {
        .status = cases[i].status,
        .province = (char *) cases[i].province,
        .requested_at = T0,
        .created_at = T0,
        .last_movement_at = cases[i].moved,
        .platform_deadline = cases[i].deadline,
      };

      g_test_message ("case %" G_GSIZE_FORMAT, i);
      g_assert_cmpint (rd_intercept_get_advice (&parcel, &policy, cases[i].now), ==, cases[i].advice);
      g_assert_cmpint (rd_intercept_needs_settling (&parcel, cases[i].now), ==, cases[i].settle);
    }

  /* Stable ids that read back, and the short text the command prints. */
  for (int a = RD_PARCEL_ADVICE_NONE; a < RD_PARCEL_ADVICE_LAST; a++)
    {
      g_assert_cmpint (rd_parcel_advice_from_id (rd_parcel_advice_to_id (a)), ==, a);
      g_assert_cmpstr (rd_parcel_advice_get_name (a), ==, texts[a]);
    }
  g_assert_null (rd_parcel_advice_to_id (RD_PARCEL_ADVICE_NONE));
  g_assert_cmpstr (rd_parcel_advice_to_id (RD_PARCEL_ADVICE_SETTLE_NOW), ==, "settle_now");
}

static void
test_tracking_normalize (void)
{
  g_autofree char *a = rd_tracking_number_normalize ("  sf1234567890 \n");
  g_autofree char *too_long = g_strnfill (65, '1');
  g_autofree char *b = rd_tracking_number_normalize (too_long);
  g_autofree char *c = rd_tracking_number_normalize ("SF12\t34");

  g_assert_cmpstr (a, ==, "SF1234567890");
  g_assert_null (b);
  g_assert_null (c);
  g_assert_null (rd_tracking_number_normalize ("   "));
}

static void
test_below_threshold (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  g_autoptr(RdIntercept) intercept = NULL;
  RdInterceptOutcome outcome = { 0 };
  gint64 case_id = approved_case (f, "jd", 19999);
  gint64 id;
  gboolean audited = FALSE;

  id = register_for_case (f, case_id, "zt7001", "浙江", RD_INTERCEPT_STATUS_PENDING, &outcome);
  /* Pending: nothing asked of the courier yet, the case waits. */
  g_assert_cmpint (case_status (f, case_id), ==, RD_CASE_STATUS_APPROVED);

  rd_intercepts_transition (f->store, id, RD_INTERCEPT_EVENT_REQUEST, 0, &f->policy, "bob",
                            T0 + 2 * HOUR, &outcome, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome.step, ==, RD_INTERCEPT_CASE_STEP_START_AND_PAYOUT);
  g_assert_cmpint (outcome.case_from, ==, RD_CASE_STATUS_APPROVED);
  g_assert_cmpint (outcome.case_to, ==, RD_CASE_STATUS_AWAITING_PAYOUT);
  g_assert_cmpint (case_status (f, case_id), ==, RD_CASE_STATUS_AWAITING_PAYOUT);

  intercept = rd_intercepts_get (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (intercept->tracking_no, ==, "ZT7001");
  g_assert_cmpint (intercept->status, ==, RD_INTERCEPT_STATUS_REQUESTED);
  g_assert_cmpint (intercept->requested_at, ==, T0 + 2 * HOUR);
  /* The case's platform deadline: requested at T0 on JD, 24 hours. */
  g_assert_cmpint (intercept->platform_deadline, ==, T0 + 24 * HOUR);
  g_assert_cmpint (intercept->amount, ==, 19999);
  g_assert_false (rd_intercept_is_high_ticket (intercept, &f->policy));
  g_assert_nonnull (intercept->case_no);
  g_assert_cmpstr (intercept->buyer_name, ==, "王小明");

  /* Stamped and audited on the case's timeline. */
  timeline = rd_audit_list_for_case (f->store, case_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < timeline->len; i++)
    {
      RdAuditEntry *entry = timeline->pdata[i];

      if (g_strcmp0 (entry->action, "intercept_request") == 0)
        {
          g_assert_cmpstr (entry->field, ==, "intercept ZT7001 status");
          g_assert_cmpstr (entry->old_value, ==, "pending");
          g_assert_cmpstr (entry->new_value, ==, "requested");
          g_assert_cmpstr (entry->operator, ==, "bob");
          audited = TRUE;
        }
    }
  g_assert_true (audited);
  g_assert_true (rd_audit_verify (f->store, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_at_threshold (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  RdInterceptOutcome outcome = { 0 };
  gint64 at = approved_case (f, "taobao", 20000);
  gint64 above = approved_case (f, "taobao", 50000);
  gint64 id_at, id_above;

  /* Created as requested: the case starts intercepting and waits. */
  id_at = register_for_case (f, at, "YT1", "江苏", RD_INTERCEPT_STATUS_REQUESTED, &outcome);
  g_assert_cmpint (outcome.step, ==, RD_INTERCEPT_CASE_STEP_START);
  g_assert_cmpint (case_status (f, at), ==, RD_CASE_STATUS_INTERCEPTING);

  /* The courier stops it: the case moves on to payout. */
  rd_intercepts_transition (f->store, id_at, RD_INTERCEPT_EVENT_CONFIRM, 0, &f->policy, "bob",
                            T0 + 3 * HOUR, &outcome, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome.case_to, ==, RD_CASE_STATUS_AWAITING_PAYOUT);
  g_assert_cmpint (case_status (f, at), ==, RD_CASE_STATUS_AWAITING_PAYOUT);

  /* Above: the intercept fails, the case keeps waiting; the parcel is
   * delivered: refusal with the signing proof is suggested, nothing moved. */
  id_above = register_for_case (f, above, "YT2", "江苏", RD_INTERCEPT_STATUS_REQUESTED, &outcome);
  rd_intercepts_transition (f->store, id_above, RD_INTERCEPT_EVENT_FAIL, 0, &f->policy, "bob",
                            T0 + 3 * HOUR, &outcome, &error);
  g_assert_no_error (error);
  g_assert_cmpint (case_status (f, above), ==, RD_CASE_STATUS_INTERCEPTING);
  rd_intercepts_transition (f->store, id_above, RD_INTERCEPT_EVENT_DELIVERED, 0, &f->policy, "bob",
                            T0 + 4 * HOUR, &outcome, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome.step, ==, RD_INTERCEPT_CASE_STEP_SUGGEST_REFUSAL);
  g_assert_cmpint (case_status (f, above), ==, RD_CASE_STATUS_INTERCEPTING);

  /* A step the status does not allow writes nothing. */
  g_assert_false (rd_intercepts_transition (f->store, id_above, RD_INTERCEPT_EVENT_CONFIRM, 0, &f->policy,
                                            "bob", T0 + 5 * HOUR, &outcome, &error));
  g_assert_error (error, RD_INTERCEPT_ERROR, RD_INTERCEPT_ERROR_NOT_NOW);
}

static void
test_create_from_case_refused (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) rcase = rd_case_new ();
  g_autoptr(RdIntercept) intercept = NULL;

  rcase->channel = g_strdup ("taobao");
  rcase->order_no = g_strdup ("5001");
  rcase->kind = RD_REFUND_KIND_RETURN_REFUND;
  rcase->reason = g_strdup ("changed_mind");
  rcase->payment_method = RD_PAYMENT_METHOD_ALIPAY;
  rcase->amount_paid = 1000;
  rcase->requested_at = T0;
  rd_case_store_insert (f->store, rcase, "alice", &error);
  g_assert_no_error (error);

  intercept = rd_intercepts_prefill_from_case (f->store, rcase->id, &f->policy, T0, &error);
  g_assert_error (error, RD_INTERCEPT_ERROR, RD_INTERCEPT_ERROR_INVALID);
  g_assert_null (intercept);
}

/* The case ids the ledger's search shows for text, as a string "1,5". */
static char *
found_by (Fixture    *f,
          const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdLedgerFilter) filter = rd_ledger_filter_new ();
  g_autoptr(RdLedgerResult) result = NULL;
  GString *ids = g_string_new (NULL);

  rd_ledger_filter_set_text (filter, text);
  result = rd_ledger_query_run (rd_store_get_db (f->store), filter, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < result->ids->len; i++)
    g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i ? "," : "", g_array_index (result->ids, gint64, i));
  return g_string_free (ids, FALSE);
}

/* A shipped case's outbound parcel prefills its intercept (the shop's
 * courier ids, J&T's and the shop's own); the ledger's search finds the case
 * by its outbound tracking number and by its intercepts', follows a
 * corrected number, and forgets a removed intercept's. */
static void
test_outbound_parcel (Fixture       *f,
                      gconstpointer  data)
{
  static const struct { const char *shop_id; RdCourier courier; } couriers[] = {
    { "sf", RD_COURIER_SF },
    { "jtexpress", RD_COURIER_JT },
    { "顺心捷达", RD_COURIER_OTHER },
    { NULL, RD_COURIER_NONE },
  };
  g_autoptr(GError) error = NULL;
  gint64 id = approved_case (f, "taobao", 5000);
  gint64 other = approved_case (f, "jd", 7000);
  g_autoptr(RdCase) rcase = rd_case_store_get (f->store, id, &error);
  g_autoptr(RdIntercept) intercept = NULL;
  g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  char *found;

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (couriers); i++)
    {
      g_autoptr(RdIntercept) prefill = NULL;

      g_free (rcase->outbound_courier);
      rcase->outbound_courier = g_strdup (couriers[i].shop_id);
      g_free (rcase->outbound_tracking);
      rcase->outbound_tracking = g_strdup (couriers[i].shop_id != NULL ? " yt2468013579 " : NULL);
      rd_case_store_update (f->store, rcase, "alice", &error);
      g_assert_no_error (error);
      prefill = rd_intercepts_prefill_from_case (f->store, id, &f->policy, T0 + HOUR, &error);
      g_assert_no_error (error);
      g_assert_cmpint (prefill->courier, ==, couriers[i].courier);
      g_assert_cmpstr (prefill->tracking_no, ==, couriers[i].shop_id != NULL ? "YT2468013579" : NULL);
    }

  /* Found by the outbound tracking number once the case has one. */
  found = found_by (f, "YT2468013579");
  g_assert_cmpstr (found, ==, "");
  g_free (found);
  g_free (rcase->outbound_courier);
  g_free (rcase->outbound_tracking);
  rcase->outbound_courier = g_strdup ("yto");
  rcase->outbound_tracking = g_strdup ("YT2468013579");
  rd_case_store_update (f->store, rcase, "alice", &error);
  g_assert_no_error (error);
  found = found_by (f, "yt246801");
  g_assert_cmpstr (found, ==, expected);
  g_free (found);

  /* Its intercept, registered through the register, prefilled: found by
   * that number (another one than the outbound parcel's here). */
  intercept = rd_intercepts_prefill_from_case (f->store, id, &f->policy, T0 + HOUR, &error);
  g_assert_no_error (error);
  g_free (intercept->tracking_no);
  intercept->tracking_no = g_strdup ("ZT1357924680");
  rd_intercepts_create (f->store, intercept, &f->policy, "bob", T0 + HOUR, NULL, NULL, &error);
  g_assert_no_error (error);
  found = found_by (f, "zt1357924680");
  g_assert_cmpstr (found, ==, expected);
  g_free (found);
  found = found_by (f, "YT2468013579");
  g_assert_cmpstr (found, ==, expected);
  g_free (found);

  /* The number corrected: the new one finds it, the old one nothing. */
  g_assert_cmpint (sqlite3_exec (rd_store_get_db (f->store),
                                 "UPDATE intercepts SET tracking_no = 'ZT9999000011' WHERE tracking_no = 'ZT1357924680'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  found = found_by (f, "ZT1357924680");
  g_assert_cmpstr (found, ==, "");
  g_free (found);
  found = found_by (f, "zt99990000");
  g_assert_cmpstr (found, ==, expected);
  g_free (found);

  /* Moved to the other case, then removed: it follows, then is gone. */
  g_assert_cmpint (sqlite3_exec (rd_store_get_db (f->store),
                                 "UPDATE intercepts SET case_id = (SELECT max (id) FROM cases) WHERE tracking_no = 'ZT9999000011'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  found = found_by (f, "zt99990000");
  {
    g_autofree char *other_id = g_strdup_printf ("%" G_GINT64_FORMAT, other);
    g_assert_cmpstr (found, ==, other_id);
  }
  g_free (found);
  g_assert_cmpint (sqlite3_exec (rd_store_get_db (f->store),
                                 "DELETE FROM intercepts WHERE tracking_no = 'ZT9999000011'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  found = found_by (f, "zt99990000");
  g_assert_cmpstr (found, ==, "");
  g_free (found);
  g_assert_true (rd_store_check_integrity (f->store, &error));
  g_assert_no_error (error);
}

static void
test_duplicate_tracking (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdIntercept) again = rd_intercept_new ();
  g_autoptr(RdIntercept) found = NULL;
  g_autoptr(GPtrArray) all = NULL;
  gint64 first = register_by_hand (f, " sf100200300 ", 5000, "广东", T0);
  gint64 existing = -1;

  again->courier = RD_COURIER_SF;
  again->tracking_no = g_strdup ("SF100200300");
  again->amount = 9000;
  g_assert_false (rd_intercepts_create (f->store, again, &f->policy, "carol", T0 + HOUR, &existing,
                                        NULL, &error));
  g_assert_error (error, RD_INTERCEPT_ERROR, RD_INTERCEPT_ERROR_DUPLICATE);
  g_assert_cmpint (existing, ==, first);
  g_assert_cmpint (again->id, ==, 0);
  g_clear_error (&error);

  all = rd_intercepts_list (f->store, RD_INTERCEPT_VIEW_ALL, &f->policy, T0, NULL);
  g_assert_cmpuint (all->len, ==, 1);
  found = rd_intercepts_find_by_tracking (f->store, "sf100200300", &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->id, ==, first);
  g_assert_cmpint (found->amount, ==, 5000);
  /* By hand: the deadline from the channel (Taobao, 48 h). */
  g_assert_cmpint (found->platform_deadline, ==, T0 + 48 * HOUR);
}

static void
test_views (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GPtrArray) stalled = NULL;
  g_auto(RdInterceptCounts) counts = { 0 };
  gint64 now = T0 + 50 * HOUR;
  gint64 early, late, remote, moving;

  late = register_by_hand (f, "A-LATE", 100, "广东", T0 + 40 * HOUR);     /* deadline T0+88h */
  early = register_by_hand (f, "A-EARLY", 100, "广东", T0);               /* deadline T0+48h: overdue */
  remote = register_by_hand (f, "A-REMOTE", 100, "新疆", T0);             /* 50 h quiet: nudge only */
  moving = register_by_hand (f, "A-MOVING", 100, "广东", T0);
  rd_intercepts_record_movement (f->store, moving, T0 + 40 * HOUR, "到达杭州转运中心", "bob", &error);
  g_assert_no_error (error);

  due = rd_intercepts_list (f->store, RD_INTERCEPT_VIEW_DUE, &f->policy, now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 4);
  g_assert_cmpint (((RdIntercept *) due->pdata[0])->id, ==, early);
  g_assert_cmpint (((RdIntercept *) due->pdata[3])->id, ==, late);

  stalled = rd_intercepts_list (f->store, RD_INTERCEPT_VIEW_STALLED, &f->policy, now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stalled->len, ==, 2);   /* not the late one (10 h), not the moving one (10 h) */
  g_assert_cmpint (((RdIntercept *) stalled->pdata[0])->id, ==, early);
  g_assert_cmpint (((RdIntercept *) stalled->pdata[1])->id, ==, remote);

  rd_intercepts_count (f->store, &f->policy, now, &counts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts.n_all, ==, 4);
  g_assert_cmpuint (counts.n_due, ==, 4);
  g_assert_cmpuint (counts.n_urgent, ==, 3);   /* all requested at T0 are past 48 h */
  g_assert_cmpuint (counts.n_stalled, ==, 2);
  g_assert_cmpuint (counts.n_lost, ==, 1);     /* 广东 after 50 h; 新疆 waits for 72 h */
  g_assert_cmpuint (counts.n_losses, ==, 0);
}

static void
test_claims (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GPtrArray) losses = NULL;
  RdInterceptOutcome outcome = { 0 };
  g_auto(RdClaimTotals) totals = { 0 };
  g_auto(RdInterceptCounts) counts = { 0 };
  gint64 lost_case = approved_case (f, "taobao", 30000);
  gint64 lost = register_for_case (f, lost_case, "JT9", "西藏", RD_INTERCEPT_STATUS_REQUESTED, &outcome);
  gint64 resend_case = approved_case (f, "taobao", 25000);
  gint64 resend = register_for_case (f, resend_case, "JT10", "广东", RD_INTERCEPT_STATUS_REQUESTED, &outcome);
  gint64 hand = register_by_hand (f, "JT11", 8000, "广东", T0);
  gint64 claim_lost, claim_resend, claim_hand;

  g_assert_cmpint (case_status (f, lost_case), ==, RD_CASE_STATUS_INTERCEPTING);

  /* Treat as lost and refund: the claim is filed and the case goes to payout. */
  rd_intercepts_file_claim (f->store, lost, 30000, RD_LOST_REMEDY_REFUND, &f->policy, "bob",
                            T0 + 80 * HOUR, &claim_lost, &outcome, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome.to, ==, RD_INTERCEPT_STATUS_CLAIM);
  g_assert_cmpint (case_status (f, lost_case), ==, RD_CASE_STATUS_AWAITING_PAYOUT);

  /* Resend: the case is not refunded, its resolution says so. */
  rd_intercepts_file_claim (f->store, resend, 25000, RD_LOST_REMEDY_RESEND, &f->policy, "bob",
                            T0 + 80 * HOUR, &claim_resend, &outcome, &error);
  g_assert_no_error (error);
  g_assert_cmpint (case_status (f, resend_case), ==, RD_CASE_STATUS_INTERCEPTING);
  {
    g_autoptr(RdCase) rcase = rd_case_store_get (f->store, resend_case, NULL);
    g_assert_cmpint (rcase->resolution, ==, RD_RESOLUTION_RESEND);
  }

  rd_intercepts_file_claim (f->store, hand, 8000, RD_LOST_REMEDY_REFUND, &f->policy, "bob",
                            T0 + 80 * HOUR, &claim_hand, &outcome, &error);
  g_assert_no_error (error);

  g_assert_false (rd_intercepts_file_claim (f->store, hand, 0, RD_LOST_REMEDY_REFUND, &f->policy, "bob",
                                            T0, NULL, NULL, &error));
  g_assert_error (error, RD_INTERCEPT_ERROR, RD_INTERCEPT_ERROR_INVALID);
  g_clear_error (&error);

  /* Settle: paid in part, refused; a settled claim stays settled. */
  rd_claims_settle (f->store, claim_lost, RD_CLAIM_STATUS_PAID, 12000, "carol", T0 + 200 * HOUR, &error);
  g_assert_no_error (error);
  rd_claims_settle (f->store, claim_hand, RD_CLAIM_STATUS_REFUSED, 0, "carol", T0 + 200 * HOUR, &error);
  g_assert_no_error (error);
  g_assert_false (rd_claims_settle (f->store, claim_hand, RD_CLAIM_STATUS_PAID, 100, "carol", T0, &error));
  g_assert_error (error, RD_INTERCEPT_ERROR, RD_INTERCEPT_ERROR_NOT_NOW);
  g_clear_error (&error);
  g_assert_false (rd_claims_settle (f->store, claim_resend, RD_CLAIM_STATUS_PAID, 25001, "carol", T0, &error));
  g_assert_error (error, RD_INTERCEPT_ERROR, RD_INTERCEPT_ERROR_INVALID);
  g_clear_error (&error);

  rd_claims_totals (f->store, &totals, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (totals.n_claims, ==, 3);
  g_assert_cmpuint (totals.n_open, ==, 1);
  g_assert_cmpuint (totals.n_paid, ==, 1);
  g_assert_cmpuint (totals.n_refused, ==, 1);
  g_assert_cmpint (rd_money_totals_get (totals.claimed, "CNY"), ==, 30000 + 25000 + 8000);
  g_assert_cmpint (rd_money_totals_get (totals.open_claimed, "CNY"), ==, 25000);
  g_assert_cmpint (rd_money_totals_get (totals.recovered, "CNY"), ==, 12000);

  open = rd_claims_list (f->store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (open->len, ==, 1);
  g_assert_cmpint (((RdClaim *) open->pdata[0])->id, ==, claim_resend);
  g_assert_cmpstr (((RdClaim *) open->pdata[0])->tracking_no, ==, "JT10");

  /* Losses (钱货两空): refunded, goods not recovered, net of the claim. */
  rd_intercepts_count (f->store, &f->policy, T0 + 200 * HOUR, &counts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts.n_losses, ==, 0);   /* nothing paid out yet */
  rd_intercept_counts_clear (&counts);
  rd_case_store_record_payout (f->store, lost_case, 30000, "original", "2026-01-05", &f->policy, "alice", &error);
  g_assert_no_error (error);
  losses = rd_intercepts_list (f->store, RD_INTERCEPT_VIEW_LOSSES, &f->policy, T0 + 200 * HOUR, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (losses->len, ==, 1);
  g_assert_cmpint (((RdIntercept *) losses->pdata[0])->id, ==, lost);
  g_assert_cmpint (rd_intercept_get_loss (losses->pdata[0]), ==, 30000 - 12000);
  rd_intercepts_count (f->store, &f->policy, T0 + 200 * HOUR, &counts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts.n_losses, ==, 1);
  g_assert_cmpint (rd_money_totals_get (counts.losses, "CNY"), ==, 18000);
  g_assert_cmpuint (counts.n_claims_open, ==, 1);
}

static void
test_scan (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(RdScanResult) result = { 0 };
  g_autoptr(RdStore) other = NULL;
  RdInterceptOutcome outcome = { 0 };
  gint64 case_id = approved_case (f, "taobao", 60000);
  gint64 id = register_for_case (f, case_id, "YD555", "四川", RD_INTERCEPT_STATUS_REQUESTED, &outcome);
  RdParcelCondition last = RD_PARCEL_CONDITION_NONE;
  gint64 last_at = 0;

  g_assert_cmpint (case_status (f, case_id), ==, RD_CASE_STATUS_INTERCEPTING);
  g_assert_false (rd_intercepts_get_last_scan (f->store, id, &last, &last_at, &error));
  g_assert_no_error (error);

  /* The scanner types lower case and a trailing newline. */
  g_assert_true (rd_intercepts_record_scan (f->store, "yd555\n", RD_PARCEL_CONDITION_INTACT, "dave",
                                            &f->policy, T0 + 30 * HOUR, &result, &error));
  g_assert_no_error (error);
  g_assert_false (result.already);
  g_assert_cmpint (result.at, ==, T0 + 30 * HOUR);
  g_assert_cmpint (result.intercept->status, ==, RD_INTERCEPT_STATUS_BACK_IN_WAREHOUSE);
  g_assert_cmpint (result.intercept->condition, ==, RD_PARCEL_CONDITION_INTACT);
  g_assert_cmpint (result.outcome.case_to, ==, RD_CASE_STATUS_AWAITING_PAYOUT);
  g_assert_cmpint (case_status (f, case_id), ==, RD_CASE_STATUS_AWAITING_PAYOUT);

  /* On disk before the screen says so: another connection reads it. */
  other = rd_store_open (f->path, RD_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rd_intercepts_count_scans (other, &error), ==, 1);

  /* The same parcel again: said, not recorded. */
  rd_scan_result_clear (&result);
  g_assert_true (rd_intercepts_record_scan (f->store, "YD555", RD_PARCEL_CONDITION_INTACT, "dave",
                                            &f->policy, T0 + 31 * HOUR, &result, &error));
  g_assert_no_error (error);
  g_assert_true (result.already);
  g_assert_cmpint (result.at, ==, T0 + 30 * HOUR);
  g_assert_cmpint (rd_intercepts_count_scans (f->store, NULL), ==, 1);

  /* A second look finds damage: recorded, the condition corrected. */
  rd_scan_result_clear (&result);
  rd_intercepts_record_scan (f->store, "YD555", RD_PARCEL_CONDITION_DAMAGED, "dave",
                             &f->policy, T0 + 32 * HOUR, &result, &error);
  g_assert_no_error (error);
  g_assert_false (result.already);
  g_assert_cmpint (result.intercept->condition, ==, RD_PARCEL_CONDITION_DAMAGED);
  g_assert_cmpint (rd_intercepts_count_scans (f->store, NULL), ==, 2);
  g_assert_true (rd_intercepts_get_last_scan (f->store, id, &last, &last_at, &error));
  g_assert_cmpint (last, ==, RD_PARCEL_CONDITION_DAMAGED);
  g_assert_cmpint (last_at, ==, T0 + 32 * HOUR);

  /* Not ours: recorded, the parcel's status unchanged. */
  register_by_hand (f, "ZZ1", 100, "广东", T0);
  rd_scan_result_clear (&result);
  rd_intercepts_record_scan (f->store, "ZZ1", RD_PARCEL_CONDITION_NOT_OURS, "dave",
                             &f->policy, T0 + 33 * HOUR, &result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result.intercept->status, ==, RD_INTERCEPT_STATUS_REQUESTED);
  g_assert_cmpint (rd_intercepts_count_scans (f->store, NULL), ==, 3);

  /* An unknown number: nothing recorded, the caller offers to register it. */
  rd_scan_result_clear (&result);
  g_assert_false (rd_intercepts_record_scan (f->store, "NOPE1", RD_PARCEL_CONDITION_INTACT, "dave",
                                             &f->policy, T0, &result, &error));
  g_assert_error (error, RD_INTERCEPT_ERROR, RD_INTERCEPT_ERROR_NOT_FOUND);
  g_assert_cmpint (rd_intercepts_count_scans (f->store, NULL), ==, 3);

  g_clear_error (&error);
  g_assert_true (rd_audit_verify (f->store, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* An approved refund-only-shipped case in currency at rate (NULL: none). */
static gint64
foreign_case (Fixture    *f,
              const char *currency,
              const char *rate,
              gint64      amount)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) rcase = rd_case_new ();
  RdWorkflowFacts facts = { .approved_amount = amount, .no_breakdown_reason = "agreed with the buyer" };
  static guint n;

  rcase->channel = g_strdup ("website");
  rcase->order_no = g_strdup_printf ("FX%u", ++n);
  rcase->buyer_name = g_strdup ("John Smith");
  rcase->kind = RD_REFUND_KIND_REFUND_ONLY_SHIPPED;
  rcase->reason = g_strdup ("changed_mind");
  rcase->payment_method = RD_PAYMENT_METHOD_ALIPAY;
  g_free (rcase->currency);
  rcase->currency = g_strdup (currency);
  rcase->exchange_rate = g_strdup (rate);
  rcase->amount_paid = amount;
  rcase->requested_at = T0;
  rd_case_store_insert (f->store, rcase, "alice", &error);
  g_assert_no_error (error);
  rd_case_store_transition (f->store, rcase->id, RD_WORKFLOW_EVENT_APPROVE, &facts, &f->policy,
                            "alice", &error);
  g_assert_no_error (error);
  return rcase->id;
}

/* The threshold is yuan: a foreign amount is converted at its rate, and
 * is not compared at all without one. */
static void
test_classify_ticket (void)
{
  static const struct
  {
    gint64         amount;
    const char    *currency;
    const char    *rate;
    RdTicketClass  expected;
    gint64         fen;
  } cases[] = {
    { 50000, NULL, NULL, RD_TICKET_HIGH, 50000 },
    { 49999, "CNY", "7.1", RD_TICKET_LOW, 49999 },      /* yuan needs no rate */
    { 8000, "USD", "7.1", RD_TICKET_HIGH, 56800 },      /* $80 is ¥568 */
    { 7042, "USD", "7.1", RD_TICKET_LOW, 49998 },       /* $70.42 is ¥499.98 */
    { 60000, "USD", NULL, RD_TICKET_NO_RATE, 0 },       /* $600 without a rate */
    { 60000, "USD", "", RD_TICKET_NO_RATE, 0 },
    { 60000, "USD", "abc", RD_TICKET_NO_RATE, 0 },
    { 60000, "JPY", "0.048", RD_TICKET_HIGH, 288000 },  /* JP¥60,000 is ¥2,880.00 */
    { 9000, "JPY", "0.048", RD_TICKET_LOW, 43200 },     /* JP¥9,000 is ¥432.00 */
    { 60000, "XAU", "5000", RD_TICKET_NO_RATE, 0 },     /* a code this build does not know */
  };
  g_auto(RdPolicy) policy = { 0 };

  rd_policy_init_defaults (&policy);
  policy.high_ticket_threshold = 50000;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 fen = -1;

      g_test_message ("case %u", i);
      g_assert_cmpint (rd_policy_classify_ticket (&policy, cases[i].amount, cases[i].currency, cases[i].rate, &fen),
                       ==, cases[i].expected);
      g_assert_cmpint (fen, ==, cases[i].fen);
    }
}

/* The register's case step with a dollar case: converted at its rate, or
 * not held without one (and the outcome says so). The shop's threshold is
 * the default ¥200: $80 (8,000 cents, "below" 20,000 as a bare number) is
 * ¥568. */
static void
test_foreign_threshold (Fixture       *f,
                        gconstpointer  data)
{
  RdInterceptOutcome outcome = { 0 };
  gint64 with_rate = foreign_case (f, "USD", "7.1", 8000);    /* $80 = ¥568: high */
  gint64 no_rate = foreign_case (f, "USD", NULL, 60000);      /* $600, no rate */
  gint64 yen = foreign_case (f, "JPY", "0.048", 60000);       /* JP¥60,000 = ¥2,880: high */
  gint64 small_yen = foreign_case (f, "JPY", "0.048", 3000);  /* JP¥3,000 = ¥144: low */
  g_autoptr(GPtrArray) parcels = NULL;
  g_autoptr(GError) error = NULL;

  register_for_case (f, with_rate, "USD1", "广东", RD_INTERCEPT_STATUS_REQUESTED, &outcome);
  g_assert_cmpint (outcome.ticket, ==, RD_TICKET_HIGH);
  g_assert_cmpint (case_status (f, with_rate), ==, RD_CASE_STATUS_INTERCEPTING);

  register_for_case (f, no_rate, "USD2", "广东", RD_INTERCEPT_STATUS_REQUESTED, &outcome);
  g_assert_cmpint (outcome.ticket, ==, RD_TICKET_NO_RATE);
  g_assert_cmpint (case_status (f, no_rate), ==, RD_CASE_STATUS_AWAITING_PAYOUT);

  register_for_case (f, yen, "JPY1", "广东", RD_INTERCEPT_STATUS_REQUESTED, &outcome);
  g_assert_cmpint (outcome.ticket, ==, RD_TICKET_HIGH);
  g_assert_cmpint (case_status (f, yen), ==, RD_CASE_STATUS_INTERCEPTING);

  /* Below the shop's ¥200. */
  register_for_case (f, small_yen, "JPY2", "广东", RD_INTERCEPT_STATUS_REQUESTED, &outcome);
  g_assert_cmpint (outcome.ticket, ==, RD_TICKET_LOW);
  g_assert_cmpint (case_status (f, small_yen), ==, RD_CASE_STATUS_AWAITING_PAYOUT);

  /* The parcels as the page reads them: the same classes. */
  parcels = rd_intercepts_list (f->store, RD_INTERCEPT_VIEW_ALL, &f->policy, T0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < parcels->len; i++)
    {
      RdIntercept *parcel = parcels->pdata[i];
      RdTicketClass expected = g_str_equal (parcel->tracking_no, "USD2") ? RD_TICKET_NO_RATE
                               : g_str_equal (parcel->tracking_no, "JPY2") ? RD_TICKET_LOW
                               : RD_TICKET_HIGH;

      g_assert_cmpint (rd_intercept_get_ticket (parcel, &f->policy), ==, expected);
    }
}

/* Each currency's claim total counts its claims, not its status groups. */
static void
test_claim_totals_count (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(RdClaimTotals) totals = { 0 };
  const char *numbers[] = { "CL1", "CL2", "CL3" };
  gint64 usd = register_for_case (f, foreign_case (f, "USD", "7.1", 4000), "CLUSD", "广东",
                                  RD_INTERCEPT_STATUS_REQUESTED, NULL);
  gint64 usd_claim;

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      gint64 id = register_for_case (f, approved_case (f, "taobao", 10000 + i), numbers[i], "广东",
                                     RD_INTERCEPT_STATUS_REQUESTED, NULL);

      rd_intercepts_file_claim (f->store, id, 10000 + i, RD_LOST_REMEDY_REFUND, &f->policy, "bob",
                                T0 + 80 * HOUR, NULL, NULL, &error);
      g_assert_no_error (error);
    }
  rd_intercepts_file_claim (f->store, usd, 4000, RD_LOST_REMEDY_REFUND, &f->policy, "bob",
                            T0 + 80 * HOUR, &usd_claim, NULL, &error);
  g_assert_no_error (error);
  rd_claims_settle (f->store, usd_claim, RD_CLAIM_STATUS_PAID, 2500, "bob", T0 + 90 * HOUR, &error);
  g_assert_no_error (error);

  rd_claims_totals (f->store, &totals, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (totals.n_claims, ==, 4);
  g_assert_cmpuint (totals.claimed->len, ==, 2);
  g_assert_cmpuint (rd_money_totals_lookup (totals.claimed, "CNY")->count, ==, 3);
  g_assert_cmpint (rd_money_totals_get (totals.claimed, "CNY"), ==, 30003);
  g_assert_cmpuint (rd_money_totals_lookup (totals.claimed, "USD")->count, ==, 1);
  g_assert_cmpint (rd_money_totals_get (totals.claimed, "USD"), ==, 4000);
  g_assert_cmpuint (rd_money_totals_lookup (totals.open_claimed, "CNY")->count, ==, 3);
  g_assert_null (rd_money_totals_lookup (totals.open_claimed, "USD"));
  g_assert_cmpint (rd_money_totals_get (totals.recovered, "USD"), ==, 2500);
  g_assert_null (rd_money_totals_lookup (totals.recovered, "CNY"));
}

/* An entry of action by operator, stamped (like every audit entry, by the
 * clock) within [from, to]. */
static gboolean
has_entry (GPtrArray  *entries,
           const char *action,
           const char *operator,
           gint64      from,
           gint64      to)
{
  for (guint i = 0; i < entries->len; i++)
    {
      RdAuditEntry *entry = entries->pdata[i];

      if (g_strcmp0 (entry->action, action) == 0 && g_strcmp0 (entry->operator, operator) == 0 &&
          entry->at >= from && entry->at <= to)
        return TRUE;
    }
  return FALSE;
}

/* A parcel that came back with a number nobody registered: in its own view
 * and count, matched to its case by someone who may (audited, under the
 * case, verify still passing), and refused otherwise. */
static void
test_match_unmatched (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(RdScanResult) result = { 0 };
  g_auto(RdInterceptCounts) counts = { 0 };
  g_autoptr(GPtrArray) unmatched = NULL;
  g_autoptr(GPtrArray) candidates = NULL;
  g_autoptr(GPtrArray) linked = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(RdIntercept) matched = NULL;
  g_autoptr(RdCase) rcase = NULL;
  g_autofree char *history = NULL;
  gint64 case_id = approved_case (f, "taobao", 26800);
  gint64 other_case = approved_case (f, "taobao", 12300);
  gint64 registered = register_for_case (f, other_case, "REG1", "广东", RD_INTERCEPT_STATUS_REQUESTED, NULL);
  gint64 started = g_get_real_time () / G_USEC_PER_SEC;
  gint64 id;

  rcase = rd_case_store_get (f->store, case_id, &error);
  g_assert_no_error (error);
  /* The buyer's return parcel, typed into the case but never registered. */
  g_free (rcase->return_tracking);
  rcase->return_tracking = g_strdup ("yt 777");
  rd_case_store_update (f->store, rcase, "alice", &error);
  g_assert_no_error (error);

  rd_intercepts_record_unmatched_scan (f->store, "YT777", RD_COURIER_YTO, RD_PARCEL_CONDITION_INTACT,
                                       "老张", T0 + 10 * HOUR, &result, &error);
  g_assert_no_error (error);
  id = result.intercept->id;

  unmatched = rd_intercepts_list (f->store, RD_INTERCEPT_VIEW_UNMATCHED, &f->policy, T0 + 11 * HOUR, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (unmatched->len, ==, 1);
  g_assert_cmpint (((RdIntercept *) unmatched->pdata[0])->id, ==, id);
  rd_intercepts_count (f->store, &f->policy, T0 + 11 * HOUR, &counts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts.n_unmatched, ==, 1);
  g_assert_cmpuint (counts.n_all, ==, 2);
  rd_intercept_counts_clear (&counts);

  /* The case whose return tracking number is the parcel's comes first. */
  candidates = rd_intercepts_list_match_candidates (f->store, id, 20, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (candidates->len, >=, 1);
  g_assert_cmpint (((RdCase *) candidates->pdata[0])->id, ==, case_id);

  /* Refused: a role that may not, no number, a case that does not exist,
   * a parcel registered for a case. Nothing written. */
  g_assert_false (rd_intercepts_match_to_case (f->store, id, rcase->case_no, "会计", T0 + 12 * HOUR, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (rd_intercepts_match_to_case (f->store, id, "  ", "老张", T0 + 12 * HOUR, NULL, &error));
  g_assert_error (error, RD_INTERCEPT_ERROR, RD_INTERCEPT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rd_intercepts_match_to_case (f->store, id, "RF-2099-999999", "老张", T0 + 12 * HOUR, NULL, &error));
  g_assert_error (error, RD_INTERCEPT_ERROR, RD_INTERCEPT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "RF-2099-999999"));
  g_clear_error (&error);
  g_assert_false (rd_intercepts_match_to_case (f->store, registered, rcase->case_no, "老张", T0 + 12 * HOUR, NULL, &error));
  g_assert_error (error, RD_INTERCEPT_ERROR, RD_INTERCEPT_ERROR_NOT_NOW);
  g_clear_error (&error);
  linked = rd_intercepts_list_for_case (f->store, case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (linked->len, ==, 0);
  g_clear_pointer (&linked, g_ptr_array_unref);

  /* Matched, the number typed in small letters with spaces around. */
  {
    g_autofree char *typed = g_strdup_printf (" %s ", rcase->case_no);

    for (char *p = typed; *p != '\0'; p++)
      *p = g_ascii_tolower (*p);
    g_assert_true (rd_intercepts_match_to_case (f->store, id, typed, "老张", T0 + 12 * HOUR, &matched, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (matched->case_id, ==, case_id);
  g_assert_cmpstr (matched->case_no, ==, rcase->case_no);
  g_assert_cmpstr (matched->order_no, ==, rcase->order_no);
  g_assert_cmpint (matched->amount, ==, 26800);
  g_assert_false (rd_intercept_is_unmatched (matched));
  g_assert_cmpint (matched->status, ==, RD_INTERCEPT_STATUS_BACK_IN_WAREHOUSE);
  g_assert_cmpint (matched->platform_deadline, ==, 0);
  /* The case itself is not moved by the match. */
  g_assert_cmpint (case_status (f, case_id), ==, RD_CASE_STATUS_APPROVED);

  linked = rd_intercepts_list_for_case (f->store, case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (linked->len, ==, 1);
  g_assert_cmpint (((RdIntercept *) linked->pdata[0])->id, ==, id);

  /* Audited with who and when, under the case: its history shows the parcel. */
  entries = rd_audit_list_for_case (f->store, case_id, &error);
  g_assert_no_error (error);
  g_assert_true (has_entry (entries, "intercept_match", "老张", started, g_get_real_time () / G_USEC_PER_SEC));
  for (guint i = 0; i < entries->len; i++)
    if (g_strcmp0 (((RdAuditEntry *) entries->pdata[i])->action, "intercept_match") == 0)
      history = rd_case_history_describe (entries->pdata[i]);
  g_assert_nonnull (strstr (history, "YT777"));
  g_assert_nonnull (strstr (history, rcase->case_no));

  /* Out of the view and its count; a second match is refused. */
  g_clear_pointer (&unmatched, g_ptr_array_unref);
  unmatched = rd_intercepts_list (f->store, RD_INTERCEPT_VIEW_UNMATCHED, &f->policy, T0 + 13 * HOUR, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (unmatched->len, ==, 0);
  rd_intercepts_count (f->store, &f->policy, T0 + 13 * HOUR, &counts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts.n_unmatched, ==, 0);
  g_assert_false (rd_intercepts_match_to_case (f->store, id, rcase->case_no, "老张", T0 + 14 * HOUR, NULL, &error));
  g_assert_error (error, RD_INTERCEPT_ERROR, RD_INTERCEPT_ERROR_NOT_NOW);
  g_clear_error (&error);

  g_assert_true (rd_audit_verify (f->store, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* A version-4 ledger with a case migrates to version 5 with an empty
 * register and the case intact. */
static void
test_migrate_v4 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  const char *v4[4];
  g_autoptr(RdStore) store = NULL;
  sqlite3 *db;

  for (int i = 0; i < 4; i++)
    v4[i] = _rd_store_schema_get_migration (i + 1);
  _rd_store_schema_override_for_testing (v4, 4);
  store = rd_store_open (path, RD_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rd_store_get_schema_version (store), ==, 4);
  g_clear_object (&store);
  _rd_store_schema_override_for_testing (NULL, 0);

  db = rd_test_raw_open (path);
  rd_test_insert_case (db, "RF-2026-000001", "changed_mind", 1234, T0);
  sqlite3_close (db);

  store = rd_store_open (path, RD_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  rd_test_add_operators (store);
  g_assert_cmpint (rd_store_get_schema_version (store), ==, rd_store_get_latest_version ());
  g_assert_cmpint (rd_store_count_cases (store, NULL), ==, 1);
  g_assert_cmpint (rd_intercepts_count_scans (store, &error), ==, 0);
  g_assert_no_error (error);
  g_clear_object (&store);
  rd_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rd/intercepts/transitions", test_transitions);
  g_test_add_func ("/rd/intercepts/back-in-warehouse-condition", test_back_in_warehouse_condition);
  g_test_add_func ("/rd/intercepts/case-step", test_case_step);
  g_test_add_func ("/rd/intercepts/deadline", test_deadline);
  g_test_add_func ("/rd/intercepts/stall", test_stall);
  g_test_add_func ("/rd/intercepts/advice", test_advice);
  g_test_add_func ("/rd/intercepts/tracking-normalize", test_tracking_normalize);
  g_test_add_func ("/rd/intercepts/migrate-v4", test_migrate_v4);
  g_test_add_func ("/rd/intercepts/classify-ticket", test_classify_ticket);
#define ADD(name, func) \
  g_test_add ("/rd/intercepts/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("below-threshold", test_below_threshold);
  ADD ("at-threshold", test_at_threshold);
  ADD ("create-from-case-refused", test_create_from_case_refused);
  ADD ("duplicate-tracking", test_duplicate_tracking);
  ADD ("outbound-parcel", test_outbound_parcel);
  ADD ("views", test_views);
  ADD ("claims", test_claims);
  ADD ("scan", test_scan);
  ADD ("foreign-threshold", test_foreign_threshold);
  ADD ("claim-totals-count", test_claim_totals_count);
  ADD ("match-unmatched", test_match_unmatched);
#undef ADD

  return g_test_run ();
}
