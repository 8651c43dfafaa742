/* test-case-workflow.c — a case through the workflow in the ledger: every
 * step audited in its own transaction, refused steps leave no trace,
 * deadlines and due lists. */
#include "config.h"

#include <locale.h>

#include "rd-audit.h"
#include "rd-case-store.h"
#include "rd-case-store-workflow.h"
#include "rd-case-evidence.h"
#include "rd-test-ledger.h"

typedef struct
{
  char     *dir;
  RdStore  *store;
  RdPolicy  policy;
} Fixture;

static RdCase *
new_case (const char *channel,
          gint64      amount)
{
  RdCase *rcase = rd_case_new ();

  rcase->channel = g_strdup (channel);
  rcase->order_no = g_strdup ("4012345678");
  rcase->kind = RD_REFUND_KIND_REFUND_ONLY_UNSHIPPED;
  rcase->reason = g_strdup ("changed_mind");
  rcase->payment_method = RD_PAYMENT_METHOD_ALIPAY;
  rcase->amount_paid = amount;
  rcase->requested_at = 1767225600;
  return rcase;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = rd_test_make_tmp_dir ();
  path = g_build_filename (f->dir, "ledger.db", NULL);
  f->store = rd_store_open (path, RD_STORE_OPEN_DEFAULT, &error);
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
}

static guint
count_entries (Fixture *f,
               gint64   id)
{
  g_autoptr(GPtrArray) timeline = rd_audit_list_for_case (f->store, id, NULL);
  return timeline->len;
}

static RdAuditEntry *
find_entry (GPtrArray  *timeline,
            const char *action,
            const char *field)
{
  for (guint i = 0; i < timeline->len; i++)
    {
      RdAuditEntry *entry = timeline->pdata[i];

      if (g_strcmp0 (entry->action, action) == 0 && g_strcmp0 (entry->field, field) == 0)
        return entry;
    }
  g_error ("no audit entry %s/%s", action, field);
  return NULL;
}

static void
test_full_route (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) rcase = new_case ("taobao", 150000);
  g_autoptr(RdCase) saved = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  RdWorkflowFacts facts = { 0 };
  RdAuditEntry *entry;
  guint n_before;
  gint64 n_entries;

  g_assert_true (rd_case_store_insert (f->store, rcase, "Li Na", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_entries (f, rcase->id), ==, 1);

  /* The creator may not approve ¥1,500.00 alone; nothing is written. */
  n_before = count_entries (f, rcase->id);
  g_assert_false (rd_case_store_transition (f->store, rcase->id, RD_WORKFLOW_EVENT_APPROVE,
                                            &facts, &f->policy, "Li Na", &error));
  g_assert_error (error, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_NEEDS_SECOND_APPROVER);
  g_assert_cmpstr (error->message, ==, "Approving ¥1,500.00 needs a second operator: Li Na created this case.");
  g_clear_error (&error);
  g_assert_cmpuint (count_entries (f, rcase->id), ==, n_before);
  saved = rd_case_store_get (f->store, rcase->id, &error);
  g_assert_cmpint (saved->status, ==, RD_CASE_STATUS_REQUESTED);
  g_clear_pointer (&saved, rd_case_free);

  /* A second operator, proven by their PIN, with a reason for approving
   * without the calculator's breakdown. */
  facts.approver_pin = RD_TEST_PIN;
  facts.no_breakdown_reason = "agreed with the buyer";
  g_assert_true (rd_case_store_transition (f->store, rcase->id, RD_WORKFLOW_EVENT_APPROVE,
                                           &facts, &f->policy, "Wang Wei", &error));
  g_assert_no_error (error);
  saved = rd_case_store_get (f->store, rcase->id, &error);
  g_assert_cmpint (saved->status, ==, RD_CASE_STATUS_APPROVED);
  g_assert_cmpstr (saved->approved_by, ==, "Wang Wei");
  g_assert_cmpint (saved->approved_amount, ==, 150000);
  g_clear_pointer (&saved, rd_case_free);

  timeline = rd_audit_list_for_case (f->store, rcase->id, &error);
  entry = find_entry (timeline, "approve", "status");
  g_assert_cmpstr (entry->operator, ==, "Wang Wei");
  g_assert_cmpstr (entry->old_value, ==, "requested");
  g_assert_cmpstr (entry->new_value, ==, "approved");
  entry = find_entry (timeline, "approve", "approved_amount");
  g_assert_null (entry->old_value);
  g_assert_cmpstr (entry->new_value, ==, "150000");
  g_clear_pointer (&timeline, g_ptr_array_unref);

  g_assert_true (rd_case_store_transition (f->store, rcase->id, RD_WORKFLOW_EVENT_READY_FOR_PAYOUT,
                                           &facts, &f->policy, "Wang Wei", &error));

  /* Two instalments; the second makes it paid, with the arrival date:
   * Alipay, at most 3 working days after 2026-09-30 (National Day). */
  g_assert_true (rd_case_store_record_payout (f->store, rcase->id, 50000, "original", "2026-09-30",
                                              &f->policy, "Wang Wei", &error));
  g_assert_no_error (error);
  saved = rd_case_store_get (f->store, rcase->id, &error);
  g_assert_cmpint (saved->status, ==, RD_CASE_STATUS_AWAITING_PAYOUT);
  g_clear_pointer (&saved, rd_case_free);

  g_assert_false (rd_case_store_record_payout (f->store, rcase->id, 100001, "original", "2026-09-30",
                                               &f->policy, "Wang Wei", &error));
  g_assert_error (error, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_AMOUNT);
  g_clear_error (&error);

  g_assert_true (rd_case_store_record_payout (f->store, rcase->id, 100000, "original", "2026-09-30",
                                              &f->policy, "Wang Wei", &error));
  g_assert_no_error (error);
  saved = rd_case_store_get (f->store, rcase->id, &error);
  g_assert_cmpint (saved->status, ==, RD_CASE_STATUS_PAID);
  g_assert_cmpint (saved->paid_at, >, 0);
  g_assert_cmpstr (saved->expected_arrival, ==, "2026-10-10");
  g_clear_pointer (&saved, rd_case_free);

  /* Past its latest arrival date and still not confirmed: follow up. */
  {
    g_autoptr(GPtrArray) late = rd_case_store_list_follow_up (f->store, "2026-10-10", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (late->len, ==, 0);
    g_clear_pointer (&late, g_ptr_array_unref);
    late = rd_case_store_list_follow_up (f->store, "2026-10-11", &error);
    g_assert_cmpuint (late->len, ==, 1);
    g_assert_cmpint (((RdCase *) late->pdata[0])->id, ==, rcase->id);
  }

  g_assert_true (rd_case_store_transition (f->store, rcase->id, RD_WORKFLOW_EVENT_CONFIRM_ARRIVAL,
                                           &facts, &f->policy, "Wang Wei", &error));

  /* Closing names the missing evidence. */
  g_assert_false (rd_case_store_transition (f->store, rcase->id, RD_WORKFLOW_EVENT_CLOSE,
                                            &facts, &f->policy, "Wang Wei", &error));
  g_assert_error (error, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_NEEDS_EVIDENCE);
  g_assert_nonnull (strstr (error->message, "Order number"));
  g_assert_nonnull (strstr (error->message, "Payment channel"));
  g_clear_error (&error);

  g_assert_true (rd_evidence_set (f->store, rcase->id, RD_EVIDENCE_ORDER_NUMBER, TRUE, "Wang Wei", &error));
  g_assert_true (rd_evidence_set (f->store, rcase->id, RD_EVIDENCE_PAYMENT_CHANNEL, TRUE, "Wang Wei", &error));
  g_assert_true (rd_case_store_transition (f->store, rcase->id, RD_WORKFLOW_EVENT_CLOSE,
                                           &facts, &f->policy, "Wang Wei", &error));
  g_assert_no_error (error);
  saved = rd_case_store_get (f->store, rcase->id, &error);
  g_assert_cmpint (saved->status, ==, RD_CASE_STATUS_CLOSED);
  g_assert_cmpint (saved->closed_at, >, 0);

  /* A plain edit is audited field by field. */
  g_free (saved->notes);
  saved->notes = g_strdup ("buyer thanked us");
  g_assert_true (rd_case_store_update (f->store, saved, "Li Na", &error));
  timeline = rd_audit_list_for_case (f->store, rcase->id, &error);
  entry = timeline->pdata[timeline->len - 1];
  g_assert_cmpstr (entry->action, ==, "update");
  g_assert_cmpstr (entry->field, ==, "notes");
  g_assert_null (entry->old_value);
  g_assert_cmpstr (entry->new_value, ==, "buyer thanked us");
  g_assert_cmpstr (entry->operator, ==, "Li Na");

  g_assert_true (rd_audit_verify (f->store, &n_entries, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_entries, >=, 12);
}

static void
test_refuse_and_reopen (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) rcase = new_case ("jd", 5000);
  g_autoptr(RdCase) saved = NULL;
  RdWorkflowFacts facts = { 0 };

  g_assert_true (rd_case_store_insert (f->store, rcase, "Li Na", &error));

  g_assert_false (rd_case_store_transition (f->store, rcase->id, RD_WORKFLOW_EVENT_REFUSE,
                                            &facts, &f->policy, "Li Na", &error));
  g_assert_error (error, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_NEEDS_REASON);
  g_clear_error (&error);

  facts.refusal_reason = RD_REFUSAL_REASON_SIGNED_NO_FAULT;
  g_assert_true (rd_case_store_transition (f->store, rcase->id, RD_WORKFLOW_EVENT_REFUSE,
                                           &facts, &f->policy, "Li Na", &error));
  saved = rd_case_store_get (f->store, rcase->id, &error);
  g_assert_cmpint (saved->status, ==, RD_CASE_STATUS_REFUSED);
  g_assert_cmpint (saved->refusal_reason, ==, RD_REFUSAL_REASON_SIGNED_NO_FAULT);
  g_assert_cmpint (saved->resolution, ==, RD_RESOLUTION_REFUSED);
  g_clear_pointer (&saved, rd_case_free);

  g_assert_true (rd_case_store_transition (f->store, rcase->id, RD_WORKFLOW_EVENT_REOPEN,
                                           &facts, &f->policy, "Li Na", &error));
  saved = rd_case_store_get (f->store, rcase->id, &error);
  g_assert_cmpint (saved->status, ==, RD_CASE_STATUS_REQUESTED);
  g_assert_cmpint (saved->refusal_reason, ==, RD_REFUSAL_REASON_NONE);
}

static void
test_deadlines (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) due = NULL;
  g_autoptr(GArray) recent = NULL;
  const gint64 now = 1767225600 + 10 * 3600;
  const struct { const char *channel; gint64 deadline; gboolean refuse; } rows[] = {
    { "taobao", now + 3 * 3600, FALSE },   /* not yet */
    { "taobao", now + 3600, FALSE },       /* due within 2 h */
    { "jd", now - 600, FALSE },            /* overdue */
    { "jd", now - 2 * 86400, FALSE },      /* overdue long ago */
    { "taobao", now + 1800, TRUE },        /* refused: not open any more */
    { "taobao", 0, FALSE },                /* no deadline */
  };
  gint64 ids[G_N_ELEMENTS (rows)];

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(RdCase) rcase = new_case (rows[i].channel, 5000);

      rcase->platform_deadline = rows[i].deadline;
      if (rows[i].refuse)
        {
          rcase->status = RD_CASE_STATUS_REFUSED;
          rcase->refusal_reason = RD_REFUSAL_REASON_OUTSIDE_WINDOW;
        }
      g_assert_true (rd_case_store_insert (f->store, rcase, "Li Na", &error));
      g_assert_no_error (error);
      ids[i] = rcase->id;
    }

  due = rd_case_store_list_due (f->store, now, 2 * 3600, 7 * 86400, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 3);
  g_assert_cmpint (g_array_index (due, gint64, 0), ==, ids[3]);
  g_assert_cmpint (g_array_index (due, gint64, 1), ==, ids[2]);
  g_assert_cmpint (g_array_index (due, gint64, 2), ==, ids[1]);

  /* Deadlines that passed more than a day ago are left out when asked. */
  recent = rd_case_store_list_due (f->store, now, 2 * 3600, 86400, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (recent->len, ==, 2);
  g_assert_cmpint (g_array_index (recent, gint64, 0), ==, ids[2]);
  g_assert_cmpint (g_array_index (recent, gint64, 1), ==, ids[1]);

  {
    g_autoptr(RdCase) jd = new_case ("jd", 100);
    g_autoptr(RdCase) tb = new_case ("taobao", 100);
    g_autoptr(RdCase) none = new_case ("taobao", 100);

    none->requested_at = 0;
    g_assert_cmpint (rd_case_compute_platform_deadline (jd, &f->policy), ==, jd->requested_at + 24 * 3600);
    g_assert_cmpint (rd_case_compute_platform_deadline (tb, &f->policy), ==, tb->requested_at + 48 * 3600);
    g_assert_cmpint (rd_case_compute_platform_deadline (none, &f->policy), ==, 0);
  }
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/rd/case-workflow/full-route", Fixture, NULL, fixture_set_up, test_full_route, fixture_tear_down);
  g_test_add ("/rd/case-workflow/refuse-and-reopen", Fixture, NULL, fixture_set_up, test_refuse_and_reopen, fixture_tear_down);
  g_test_add ("/rd/case-workflow/deadlines", Fixture, NULL, fixture_set_up, test_deadlines, fixture_tear_down);

  return g_test_run ();
}
