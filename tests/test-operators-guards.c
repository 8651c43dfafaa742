/* test-operators-guards.c — what keeps the people rules from being dodged:
 * the lockout after wrong PINs (worked out from the audit log, on a fake
 * clock), the review threshold held to what the whole order is refunded,
 * the approval's entries credited to the approver who proved their PIN,
 * names with control or direction characters refused, and a ledger from
 * before operators bringing in every name it knows, none as admin.
 */
#include "config.h"

#include <locale.h>

#include "rd-audit.h"
#include "rd-case-history.h"
#include "rd-case-store.h"
#include "rd-case-store-workflow.h"
#include "rd-operators.h"
#include "rd-test-ledger.h"

typedef struct
{
  char     *dir;
  RdStore  *store;
  RdPolicy  policy;
} Fixture;

/* 2033-05-18 14:00:00 UTC */
#define T0 ((gint64) 2000037600)

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

static gint64
count_sql (Fixture    *f,
           const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = rd_store_prepare (f->store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

typedef enum { RIGHT, WRONG, RESET } Step;

/* Each attempt at T0 + minutes; code -1: accepted. */
static const struct
{
  int         minutes;
  Step        step;
  int         code;
  const char *says;    /* a part of the message, or NULL */
} lockout_steps[] = {
  /* Four wrong PINs: each only wrong. */
  { 0, WRONG, RD_OPERATORS_ERROR_WRONG_PIN, "Wrong PIN for 小美." },
  { 1, WRONG, RD_OPERATORS_ERROR_WRONG_PIN, NULL },
  { 2, WRONG, RD_OPERATORS_ERROR_WRONG_PIN, NULL },
  { 3, WRONG, RD_OPERATORS_ERROR_WRONG_PIN, NULL },
  /* The fifth within 15 minutes locks for 15 minutes, and says so. */
  { 4, WRONG, RD_OPERATORS_ERROR_WRONG_PIN, "try again at 14:19" },
  /* While locked even the right PIN is refused, unchecked and unrecorded. */
  { 5, RIGHT, RD_OPERATORS_ERROR_LOCKED, "Too many wrong PINs for 小美: try again at 14:19." },
  { 18, WRONG, RD_OPERATORS_ERROR_LOCKED, "14:19" },
  /* Over: the right PIN passes and clears the count. */
  { 19, RIGHT, -1, NULL },
  /* Five more, but spread over more than 15 minutes: no lockout. */
  { 20, WRONG, RD_OPERATORS_ERROR_WRONG_PIN, NULL },
  { 25, WRONG, RD_OPERATORS_ERROR_WRONG_PIN, NULL },
  { 30, WRONG, RD_OPERATORS_ERROR_WRONG_PIN, NULL },
  { 35, WRONG, RD_OPERATORS_ERROR_WRONG_PIN, NULL },
  { 40, WRONG, RD_OPERATORS_ERROR_WRONG_PIN, NULL },
  { 41, WRONG, RD_OPERATORS_ERROR_WRONG_PIN, NULL },
  /* The fifth within the last 15 minutes (30…42): locked till 14:57. */
  { 42, WRONG, RD_OPERATORS_ERROR_WRONG_PIN, "try again at 14:57" },
  { 55, RIGHT, RD_OPERATORS_ERROR_LOCKED, "14:57" },
  /* Five more wrong after it, without a right one between: twice as long. */
  { 58, WRONG, RD_OPERATORS_ERROR_WRONG_PIN, NULL },
  { 58, WRONG, RD_OPERATORS_ERROR_WRONG_PIN, NULL },
  { 59, WRONG, RD_OPERATORS_ERROR_WRONG_PIN, NULL },
  { 59, WRONG, RD_OPERATORS_ERROR_WRONG_PIN, NULL },
  { 60, WRONG, RD_OPERATORS_ERROR_WRONG_PIN, "try again at 15:30" },
  { 80, RIGHT, RD_OPERATORS_ERROR_LOCKED, "15:30" },
  /* An admin's reset clears it: she sets a new PIN at once. */
  { 81, RESET, -1, NULL },
  { 82, RIGHT, -1, NULL },
};

static void
test_lockout (Fixture       *f,
              gconstpointer  data)
{
  rd_test_add_operators (f->store);

  for (guint i = 0; i < G_N_ELEMENTS (lockout_steps); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 now = T0 + lockout_steps[i].minutes * 60;
      gint64 before = count_sql (f, "SELECT count(*) FROM audit_log WHERE action = 'pin_failed'");
      gboolean ok;

      if (lockout_steps[i].step == RESET)
        {
          g_assert_true (rd_operators_reset_pin (f->store, "店长", RD_TEST_PIN, "小美", &error));
          g_assert_no_error (error);
          g_assert_true (rd_operators_set_pin (f->store, "小美", NULL, "1357", &error));
          g_assert_no_error (error);
          continue;
        }

      ok = rd_operators_verify_pin_at (f->store, "小美",
                                       lockout_steps[i].step == RIGHT
                                       ? (i + 1 == G_N_ELEMENTS (lockout_steps) ? "1357" : RD_TEST_PIN)
                                       : "0000",
                                       now, &error);
      if (lockout_steps[i].code < 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_false (ok);
          if (!g_error_matches (error, RD_OPERATORS_ERROR, lockout_steps[i].code))
            g_error ("step %u: expected %d, got %s", i, lockout_steps[i].code,
                     error != NULL ? error->message : "success");
          if (lockout_steps[i].says != NULL && strstr (error->message, lockout_steps[i].says) == NULL)
            g_error ("step %u said: %s", i, error->message);
        }
      /* A wrong PIN checked is one entry; one refused unchecked none. */
      g_assert_cmpint (count_sql (f, "SELECT count(*) FROM audit_log WHERE action = 'pin_failed'"), ==,
                       before + (lockout_steps[i].code == RD_OPERATORS_ERROR_WRONG_PIN ? 1 : 0));
    }

  /* No PIN in the log, and the chain holds. */
  g_assert_cmpint (count_sql (f, "SELECT count(*) FROM audit_log WHERE action = 'pin_failed'"
                                 " AND (old_value IS NOT NULL OR new_value IS NOT NULL"
                                 " OR operator <> '小美' OR field <> '小美' OR case_id IS NOT NULL)"), ==, 0);
  g_assert_true (rd_audit_verify (f->store, NULL, NULL, NULL));
}

/* A wrong approver PIN in the approval dialog counts too, and locks. */
static void
test_lockout_approval (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) rcase = rd_case_new ();
  RdWorkflowFacts facts = { .approver = "小美", .approver_pin = "0000", .approved_amount = 158000,
                            .no_breakdown_reason = "整单退" };

  rd_test_add_operators (f->store);
  rcase->channel = g_strdup ("taobao");
  rcase->order_no = g_strdup ("7001");
  rcase->kind = RD_REFUND_KIND_REFUND_ONLY_UNSHIPPED;
  rcase->reason = g_strdup ("changed_mind");
  rcase->payment_method = RD_PAYMENT_METHOD_ALIPAY;
  rcase->amount_paid = 158000;
  rcase->requested_at = 1767225600;
  g_assert_true (rd_case_store_insert (f->store, rcase, "小王", &error));
  g_assert_no_error (error);

  for (guint i = 0; i < RD_OPERATORS_LOCK_FAILURES; i++)
    {
      g_assert_false (rd_case_store_transition (f->store, rcase->id, RD_WORKFLOW_EVENT_APPROVE, &facts,
                                                &f->policy, "小王", &error));
      /* The fifth locks her out, and says until when. */
      if (i + 1 < RD_OPERATORS_LOCK_FAILURES)
        g_assert_error (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_WRONG_PIN);
      else
        {
          g_assert_error (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_LOCKED);
          g_assert_nonnull (strstr (error->message, "Too many wrong PINs for 小美: try again at "));
        }
      g_clear_error (&error);
    }
  g_assert_cmpint (count_sql (f, "SELECT count(*) FROM audit_log WHERE action = 'pin_failed'"), ==,
                   RD_OPERATORS_LOCK_FAILURES);
  /* The right PIN now: still locked. */
  facts.approver_pin = RD_TEST_PIN;
  g_assert_false (rd_case_store_transition (f->store, rcase->id, RD_WORKFLOW_EVENT_APPROVE, &facts,
                                            &f->policy, "小王", &error));
  g_assert_error (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_LOCKED);
}

static RdCase *
insert_case (Fixture    *f,
             const char *order_no,
             gint64      amount,
             const char *by)
{
  g_autoptr(GError) error = NULL;
  RdCase *rcase = rd_case_new ();

  rcase->channel = g_strdup ("taobao");
  rcase->order_no = g_strdup (order_no);
  rcase->kind = RD_REFUND_KIND_REFUND_ONLY_UNSHIPPED;
  rcase->reason = g_strdup ("changed_mind");
  rcase->payment_method = RD_PAYMENT_METHOD_ALIPAY;
  rcase->amount_paid = amount;
  rcase->requested_at = 1767225600;
  g_assert_true (rd_case_store_insert (f->store, rcase, by, &error));
  g_assert_no_error (error);
  return rcase;
}

/* The review threshold (¥1,000) is held to the order: ¥999 then ¥581 on
 * two cases of one ¥1,580 order needs a second person for the ¥581. */
static void
test_order_threshold (Fixture       *f,
                      gconstpointer  data)
{
  static const struct
  {
    const char *order;
    gint64      first;        /* approved alone on the first case; 0: none */
    gint64      second;       /* asked on the second case */
    gboolean    alone;        /* the creator may approve it alone */
  } rows[] = {
    { "8001", 99900, 58100, FALSE },   /* ¥1,580 in all */
    { "8002", 50000, 49900, TRUE },    /* ¥999 in all */
    { "8003", 0, 99900, TRUE },
    { "8004", 0, 100000, FALSE },
    { "8005", 40000, 60000, FALSE },   /* exactly ¥1,000 */
  };

  rd_test_add_operators (f->store);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RdCase) first = insert_case (f, rows[i].order, 158000, "店长");
      g_autoptr(RdCase) second = insert_case (f, rows[i].order, 158000, "店长");
      RdWorkflowFacts facts = { .no_breakdown_reason = "协商", .approved_amount = rows[i].first };
      gint64 refunded = -1;
      gboolean ok;

      if (rows[i].first > 0)
        {
          g_assert_true (rd_case_store_transition (f->store, first->id, RD_WORKFLOW_EVENT_APPROVE, &facts,
                                                   &f->policy, "店长", &error));
          g_assert_no_error (error);
        }
      g_assert_true (rd_case_store_get_refunded_on_order (f->store, second->id, &refunded, &error));
      g_assert_cmpint (refunded, ==, rows[i].first);

      facts.approved_amount = rows[i].second;
      ok = rd_case_store_transition (f->store, second->id, RD_WORKFLOW_EVENT_APPROVE, &facts,
                                     &f->policy, "店长", &error);
      if (rows[i].alone)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          continue;
        }
      g_assert_false (ok);
      g_assert_error (error, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_NEEDS_SECOND_APPROVER);
      g_clear_error (&error);

      /* An approver who proves her PIN may. */
      facts.approver = "小美";
      facts.approver_pin = RD_TEST_PIN;
      g_assert_true (rd_case_store_transition (f->store, second->id, RD_WORKFLOW_EVENT_APPROVE, &facts,
                                               &f->policy, "店长", &error));
      g_assert_no_error (error);
    }
}

/* 小美 proves her PIN at 老张's… at 小王's desk: the approval is hers in
 * the log, and the reason without a breakdown reads in the timeline. */
static void
test_approval_credited (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) rcase = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  RdWorkflowFacts facts = { .approver = "小美", .approver_pin = RD_TEST_PIN, .approved_amount = 158000,
                            .no_breakdown_reason = "买家只要退款，不退货" };
  gboolean found = FALSE;

  rd_test_add_operators (f->store);
  rcase = insert_case (f, "9001", 158000, "小王");
  g_assert_true (rd_case_store_transition (f->store, rcase->id, RD_WORKFLOW_EVENT_APPROVE, &facts,
                                           &f->policy, "小王", &error));
  g_assert_no_error (error);

  timeline = rd_audit_list_for_case (f->store, rcase->id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < timeline->len; i++)
    {
      const RdAuditEntry *entry = g_ptr_array_index (timeline, i);
      g_autofree char *text = NULL;

      if (g_strcmp0 (entry->action, "approve") != 0)
        continue;
      g_assert_cmpstr (entry->operator, ==, "小美");
      if (g_strcmp0 (entry->field, "no_breakdown_reason") == 0)
        {
          text = rd_case_history_describe (entry);
          g_assert_cmpstr (text, ==, "Approved without a breakdown: 买家只要退款，不退货");
          found = TRUE;
        }
    }
  g_assert_true (found);
  g_assert_cmpint (count_sql (f, "SELECT count(*) FROM audit_log WHERE action = 'approve' AND operator = '小王'"), ==, 0);
}

static void
test_names (Fixture       *f,
            gconstpointer  data)
{
  static const struct
  {
    const char *name;
    gboolean    valid;
  } names[] = {
    { "李\u202e娜", FALSE },        /* right-to-left override */
    { "阿\x1b[31m珍", FALSE },      /* an escape sequence */
    { "小\u200b王", FALSE },        /* zero-width space */
    { "\u2066老张\u2069", FALSE },  /* isolates */
    { "赵\u200f敏", FALSE },        /* right-to-left mark */
    { "老\t张", FALSE },
    { "会计\n", FALSE },
    { "Li Na", TRUE },
    { "李娜", TRUE },
    { "Zoë", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GError) error = NULL;

      if (names[i].valid)
        continue;
      g_assert_false (rd_operators_create_first_admin (f->store, names[i].name, "1234", &error));
      g_assert_error (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_INVALID);
    }
  g_assert_true (rd_operators_create_first_admin (f->store, "店长", "1234", NULL));

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = rd_operators_add (f->store, "店长", "1234", names[i].name, RD_ROLE_CLERK, NULL, &error);

      if (names[i].valid)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_error (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_INVALID);
          g_assert_false (ok);
        }
    }
}

/* A ledger of version 8 (no operators) with names in its cases: every one
 * comes in without a PIN, none as admin, an escape-laden one left out. */
static void
test_import_old_ledger (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "v8.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autoptr(GPtrArray) people = NULL;
  const char *const names[] = { "店长", "老张", "小王" };
  const RdRole roles[] = { RD_ROLE_ADMIN, RD_ROLE_WAREHOUSE, RD_ROLE_CLERK };
  static const struct { const char *name; RdRole role; } expected[] = {
    { "小王", RD_ROLE_APPROVER },     /* approved cases 3 and 6 */
    { "店长", RD_ROLE_APPROVER },     /* the old owner: an approver at most */
    { "老张", RD_ROLE_WAREHOUSE },
    { "赵敏", RD_ROLE_APPROVER },
    { "阿珍", RD_ROLE_CLERK },
    { "Lily", RD_ROLE_CLERK },
  };
  guint n = 0;
  sqlite3 *db;

  rd_test_build_from_fixture (path, "ledger-v8.sql");
  db = rd_test_raw_open (path);
  g_assert_cmpint (rd_test_raw_int (db, "PRAGMA user_version"), ==, 8);
  rd_test_raw_exec (db, "UPDATE cases SET handler = '阿珍' WHERE id = 2");
  rd_test_raw_exec (db, "UPDATE cases SET created_by = 'Lily' WHERE id = 4");
  rd_test_raw_exec (db, "UPDATE cases SET approved_by = '赵敏', approved_amount = 1000 WHERE id = 5");
  rd_test_raw_exec (db, "UPDATE cases SET handler = '阿' || char (27) || '[31m珍' WHERE id = 7");
  sqlite3_close (db);

  store = rd_store_open (path, RD_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (rd_operators_import_old_ledger (store, names, roles, G_N_ELEMENTS (names), &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected));

  people = rd_operators_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (people->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(RdOperator) op = rd_operators_get (store, expected[i].name, &error);

      g_assert_no_error (error);
      g_assert_cmpint (op->role, ==, expected[i].role);
      g_assert_false (op->has_pin);
    }
  g_assert_false (rd_operators_has_admin (store, NULL));

  /* Once there are operators, nothing more comes in. */
  g_assert_true (rd_operators_import_old_ledger (store, names, roles, G_N_ELEMENTS (names), &n, &error));
  g_assert_cmpuint (n, ==, 0);

  /* The first-run assistant makes an imported name the admin, with a PIN. */
  g_assert_true (rd_operators_create_first_admin (store, "店长", "1234", &error));
  g_assert_no_error (error);
  g_assert_true (rd_operators_has_admin (store, NULL));

  g_clear_object (&store);
  rd_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/rd/operators-guards/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("lockout", test_lockout);
  ADD ("lockout-approval", test_lockout_approval);
  ADD ("order-threshold", test_order_threshold);
  ADD ("approval-credited", test_approval_credited);
  ADD ("names", test_names);
#undef ADD
  g_test_add_func ("/rd/operators-guards/import-old-ledger", test_import_old_ledger);

  return g_test_run ();
}
