/* test-operators.c — the people at the desk: what each role may do, PINs
 * kept as Argon2id hashes with a salt of their own, every change to an
 * operator audited, the core refusing writes by someone whose role may not,
 * and the approval that holds (not the creator, not the proposer, an
 * approver proven by their PIN, a breakdown or a reason, no more than is
 * left to refund on the order).
 */
#include "config.h"

#include <locale.h>

#include "rd-audit.h"
#include "rd-case-store.h"
#include "rd-case-store-workflow.h"
#include "rd-intercepts.h"
#include "rd-operators.h"
#include "rd-test-ledger.h"

typedef struct
{
  char     *dir;
  RdStore  *store;
  RdPolicy  policy;
} Fixture;

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

static char *
pin_hash_of (Fixture    *f,
             const char *name)
{
  g_autoptr(sqlite3_stmt) stmt = rd_store_prepare (f->store, "SELECT pin_hash FROM operators WHERE name = ?1", NULL);

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static gint64
count_sql (Fixture    *f,
           const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = rd_store_prepare (f->store, sql, NULL);

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* Every role × every action. */
static void
test_role_may (void)
{
  /* Columns in RdAction order from READ: read, take in, edit, propose,
   * approve, refuse, pay out, intercept, scan, export, reports, settings,
   * operators. */
  static const struct { RdRole role; const char *may; } table[] = {
    { RD_ROLE_NONE,       "-------------" },
    { RD_ROLE_CLERK,      "xxxx---------" },
    { RD_ROLE_APPROVER,   "x---xxx------" },
    { RD_ROLE_WAREHOUSE,  "x------xx----" },
    { RD_ROLE_ACCOUNTANT, "x--------xx--" },
    { RD_ROLE_ADMIN,      "xxxxxxxxxxxxx" },
  };

  G_STATIC_ASSERT (RD_ACTION_LAST - RD_ACTION_READ == 13);

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    for (RdAction a = RD_ACTION_READ; a < RD_ACTION_LAST; a++)
      {
        gboolean expected = table[i].may[a - RD_ACTION_READ] == 'x';

        if (rd_role_may (table[i].role, a) != expected)
          g_error ("role %s, action %d: expected %s", rd_role_to_id (table[i].role), a,
                   expected ? "allowed" : "refused");
      }

  /* Nobody may do "nothing" or an action out of range. */
  for (RdRole r = RD_ROLE_NONE; r < RD_ROLE_LAST; r++)
    {
      g_assert_false (rd_role_may (r, RD_ACTION_NONE));
      g_assert_false (rd_role_may (r, RD_ACTION_LAST));
    }

  /* Stable ids both ways, and a name for each. */
  for (RdRole r = RD_ROLE_NONE + 1; r < RD_ROLE_LAST; r++)
    {
      g_assert_cmpint (rd_role_from_id (rd_role_to_id (r)), ==, r);
      g_assert_cmpstr (rd_role_get_name (r), !=, "");
      g_assert_cmpstr (rd_role_get_description (r), !=, "");
    }
  g_assert_cmpint (rd_role_from_id ("owner"), ==, RD_ROLE_NONE);
  g_assert_cmpint (rd_role_from_id (NULL), ==, RD_ROLE_NONE);
  g_assert_null (rd_role_to_id (RD_ROLE_NONE));
}

static void
test_pins (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *admin_hash = NULL;
  g_autofree char *clerk_hash = NULL;
  g_autofree char *new_hash = NULL;
  g_autoptr(RdOperator) op = NULL;

  g_assert_false (rd_operators_has_admin (f->store, &error));
  g_assert_no_error (error);

  /* Too short a PIN, a blank name. */
  g_assert_false (rd_operators_create_first_admin (f->store, "店长", "12", &error));
  g_assert_error (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rd_operators_create_first_admin (f->store, "  ", "1234", &error));
  g_assert_error (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (rd_operators_create_first_admin (f->store, "店长", "1234", &error));
  g_assert_no_error (error);
  g_assert_true (rd_operators_has_admin (f->store, &error));

  /* Only once. */
  g_assert_false (rd_operators_create_first_admin (f->store, "小王", "5678", &error));
  g_assert_error (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_NOT_ALLOWED);
  g_clear_error (&error);

  /* The same PIN: two Argon2id hashes with salts of their own. */
  g_assert_true (rd_operators_add (f->store, "店长", "1234", "小王", RD_ROLE_CLERK, "1234", &error));
  g_assert_no_error (error);
  admin_hash = pin_hash_of (f, "店长");
  clerk_hash = pin_hash_of (f, "小王");
  g_assert_true (g_str_has_prefix (admin_hash, "$argon2id$"));
  g_assert_true (g_str_has_prefix (clerk_hash, "$argon2id$"));
  g_assert_cmpstr (admin_hash, !=, clerk_hash);
  g_assert_null (strstr (admin_hash, "1234"));

  g_assert_true (rd_operators_verify_pin (f->store, "小王", "1234", &error));
  g_assert_no_error (error);
  g_assert_false (rd_operators_verify_pin (f->store, "小王", "1235", &error));
  g_assert_error (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_WRONG_PIN);
  g_clear_error (&error);
  g_assert_false (rd_operators_verify_pin (f->store, "小王", NULL, &error));
  g_assert_error (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_WRONG_PIN);
  g_clear_error (&error);
  g_assert_false (rd_operators_verify_pin (f->store, "nobody", "1234", &error));
  g_assert_error (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A name taken, an admin's wrong PIN, a clerk adding someone. */
  g_assert_false (rd_operators_add (f->store, "店长", "1234", "小王", RD_ROLE_CLERK, NULL, &error));
  g_assert_error (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (rd_operators_add (f->store, "店长", "0000", "小美", RD_ROLE_APPROVER, NULL, &error));
  g_assert_error (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_WRONG_PIN);
  g_clear_error (&error);
  g_assert_false (rd_operators_add (f->store, "小王", "1234", "小美", RD_ROLE_APPROVER, NULL, &error));
  g_assert_error (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_NOT_ALLOWED);
  g_clear_error (&error);

  /* Changing one's own PIN needs the old one. */
  g_assert_false (rd_operators_set_pin (f->store, "小王", "9999", "4321", &error));
  g_assert_error (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_WRONG_PIN);
  g_clear_error (&error);
  g_assert_true (rd_operators_set_pin (f->store, "小王", "1234", "4321", &error));
  g_assert_no_error (error);
  new_hash = pin_hash_of (f, "小王");
  g_assert_cmpstr (new_hash, !=, clerk_hash);
  g_assert_true (rd_operators_verify_pin (f->store, "小王", "4321", &error));

  /* Forgotten: an admin resets it; the operator sets a new one with no old. */
  g_assert_true (rd_operators_reset_pin (f->store, "店长", "1234", "小王", &error));
  g_assert_no_error (error);
  op = rd_operators_get (f->store, "小王", &error);
  g_assert_false (op->has_pin);
  g_assert_false (rd_operators_verify_pin (f->store, "小王", "4321", &error));
  g_assert_error (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_NO_PIN);
  g_clear_error (&error);
  g_assert_true (rd_operators_set_pin (f->store, "小王", NULL, "2222", &error));
  g_assert_no_error (error);
  g_assert_true (rd_operators_verify_pin (f->store, "小王", "2222", &error));

  /* The last admin stays one. */
  g_assert_false (rd_operators_set_role (f->store, "店长", "1234", "店长", RD_ROLE_CLERK, &error));
  g_assert_error (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_LAST_ADMIN);
  g_clear_error (&error);
}

static void
test_audit (Fixture       *f,
            gconstpointer  data)
{
  static const struct { const char *operator, *action, *field, *old_value, *new_value; } expected[] = {
    { "店长", "add_operator", "店长", NULL, "admin" },
    { "店长", "set_pin", "店长", NULL, "set" },
    { "店长", "add_operator", "小美", NULL, "clerk" },
    { "店长", "set_role", "小美", "clerk", "approver" },
    { "店长", "reset_pin", "小美", "set", NULL },
    { "小美", "set_pin", "小美", NULL, "set" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 n_entries;
  guint i = 0;

  g_assert_true (rd_operators_create_first_admin (f->store, "店长", "1234", &error));
  g_assert_true (rd_operators_add (f->store, "店长", "1234", "小美", RD_ROLE_CLERK, NULL, &error));
  g_assert_true (rd_operators_set_role (f->store, "店长", "1234", "小美", RD_ROLE_APPROVER, &error));
  g_assert_true (rd_operators_reset_pin (f->store, "店长", "1234", "小美", &error));
  g_assert_true (rd_operators_set_pin (f->store, "小美", NULL, "5555", &error));
  g_assert_no_error (error);

  /* The entries in words (each write's row entries aside). */
  stmt = rd_store_prepare (f->store, "SELECT operator, action, field, old_value, new_value, coalesce (case_id, 0)"
                                     " FROM audit_log WHERE action NOT LIKE 'row%' ORDER BY id", NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_assert_cmpuint (i, <, G_N_ELEMENTS (expected));
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, expected[i].operator);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, expected[i].action);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, expected[i].field);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 3), ==, expected[i].old_value);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 4), ==, expected[i].new_value);
      g_assert_cmpint (sqlite3_column_int64 (stmt, 5), ==, 0);
      i++;
    }
  g_assert_cmpuint (i, ==, G_N_ELEMENTS (expected));

  /* No PIN and no hash in the log. */
  g_assert_cmpint (count_sql (f, "SELECT count(*) FROM audit_log WHERE coalesce (old_value, '') LIKE '%argon%'"
                                 " OR coalesce (new_value, '') LIKE '%argon%' OR coalesce (new_value, '') = '5555'"),
                   ==, 0);
  g_assert_true (rd_audit_verify (f->store, &n_entries, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_entries, ==, count_sql (f, "SELECT count(*) FROM audit_log"));
}

static RdCase *
new_case (const char *order_no,
          gint64      amount)
{
  RdCase *rcase = rd_case_new ();

  rcase->channel = g_strdup ("taobao");
  rcase->order_no = g_strdup (order_no);
  rcase->kind = RD_REFUND_KIND_REFUND_ONLY_UNSHIPPED;
  rcase->reason = g_strdup ("changed_mind");
  rcase->payment_method = RD_PAYMENT_METHOD_ALIPAY;
  rcase->amount_paid = amount;
  rcase->requested_at = 1767225600;
  return rcase;
}

/* Before anyone is set up, and by a role that may not. */
static void
test_enforced (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) rcase = new_case ("5001", 12000);
  g_autoptr(RdIntercept) intercept = NULL;
  RdWorkflowFacts facts = { .refusal_reason = RD_REFUSAL_REASON_SIGNED_NO_FAULT };

  g_assert_false (rd_case_store_insert (f->store, rcase, "小王", &error));
  g_assert_error (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_NOT_ALLOWED);
  g_assert_cmpstr (error->message, ==, "Set up the first operator in Preferences first.");
  g_clear_error (&error);
  g_assert_cmpint (rd_store_count_cases (f->store, NULL), ==, 0);

  rd_test_add_operators (f->store);

  /* Someone who is not an operator, the warehouse, an approver. */
  g_assert_false (rd_case_store_insert (f->store, rcase, "路人", &error));
  g_assert_error (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (rd_case_store_insert (f->store, rcase, "老张", &error));
  g_assert_error (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_NOT_ALLOWED);
  g_assert_cmpstr (error->message, ==, "老张 (Warehouse) may not take in refund requests.");
  g_clear_error (&error);
  g_assert_false (rd_case_store_insert (f->store, rcase, "小美", &error));
  g_assert_error (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_false (rd_case_store_insert (f->store, rcase, "", &error));
  g_assert_error (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_cmpint (rd_store_count_cases (f->store, NULL), ==, 0);

  g_assert_true (rd_case_store_insert (f->store, rcase, "小王", &error));
  g_assert_no_error (error);

  /* The accountant edits nothing; a clerk proposes, the warehouse does not. */
  g_free (rcase->buyer_name);
  rcase->buyer_name = g_strdup ("王小明");
  g_assert_false (rd_case_store_update (f->store, rcase, "会计", &error));
  g_assert_error (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_false (rd_case_store_apply_breakdown (f->store, rcase->id, "{}", 10000, "老张", &error));
  g_assert_error (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_true (rd_case_store_apply_breakdown (f->store, rcase->id, "{}", 10000, "李娜", &error));
  g_assert_no_error (error);
  {
    g_autoptr(RdCase) saved = rd_case_store_get (f->store, rcase->id, &error);

    g_assert_cmpstr (saved->proposed_by, ==, "李娜");
    g_assert_cmpstr (saved->created_by, ==, "小王");
  }

  /* Changing the amount in an edit makes its editor the proposer. */
  {
    g_autoptr(RdCase) edited = rd_case_store_get (f->store, rcase->id, &error);

    edited->approved_amount = 9000;
    g_assert_true (rd_case_store_update (f->store, edited, "阿珍", &error));
    g_assert_no_error (error);
    g_clear_pointer (&edited, rd_case_free);
    edited = rd_case_store_get (f->store, rcase->id, &error);
    g_assert_cmpstr (edited->proposed_by, ==, "阿珍");
    /* A note alone does not. */
    g_free (edited->notes);
    edited->notes = g_strdup ("买家来电");
    g_assert_true (rd_case_store_update (f->store, edited, "小王", &error));
    g_clear_pointer (&edited, rd_case_free);
    edited = rd_case_store_get (f->store, rcase->id, &error);
    g_assert_cmpstr (edited->proposed_by, ==, "阿珍");
  }

  /* A clerk neither refuses nor approves; the warehouse registers parcels,
   * a clerk does not. */
  g_assert_false (rd_case_store_transition (f->store, rcase->id, RD_WORKFLOW_EVENT_REFUSE, &facts,
                                            &f->policy, "小王", &error));
  g_assert_error (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_false (rd_case_store_transition (f->store, rcase->id, RD_WORKFLOW_EVENT_APPROVE, &facts,
                                            &f->policy, "小王", &error));
  g_assert_error (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  intercept = rd_intercepts_prefill_from_case (f->store, rcase->id, &f->policy, 1767225600, &error);
  g_assert_no_error (error);
  g_free (intercept->tracking_no);
  intercept->tracking_no = g_strdup ("SF100200300");
  intercept->courier = RD_COURIER_SF;
  g_assert_false (rd_intercepts_create (f->store, intercept, &f->policy, "小王", 1767225600, NULL, NULL, &error));
  g_assert_error (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_true (rd_case_store_transition (f->store, rcase->id, RD_WORKFLOW_EVENT_REFUSE, &facts,
                                           &f->policy, "小美", &error));
  g_assert_no_error (error);
}

typedef struct
{
  const char *approver;       /* NULL: the desk's operator */
  const char *operator;       /* at the desk */
  const char *pin;
  GQuark      domain;         /* 0: approved */
  int         code;
} Attempt;

/* A ¥1,580 case taken in by 小王, its amount proposed by 店长. */
static void
test_approval (Fixture       *f,
               gconstpointer  data)
{
  const Attempt attempts[] = {
    /* The creator, with or without naming herself. */
    { NULL, "小王", RD_TEST_PIN, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_NEEDS_SECOND_APPROVER },
    { "小王", "小美", RD_TEST_PIN, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_NEEDS_SECOND_APPROVER },
    /* The proposer is an admin, who may approve, but not this one. */
    { NULL, "店长", RD_TEST_PIN, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_NEEDS_SECOND_APPROVER },
    /* Not an approver: the warehouse. */
    { "老张", "小王", RD_TEST_PIN, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_NOT_ALLOWED },
    /* The approver, with a wrong PIN, with none, at her own desk without one. */
    { "小美", "小王", "1111", RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_WRONG_PIN },
    { "小美", "小王", NULL, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_WRONG_PIN },
    { NULL, "小美", "", RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_WRONG_PIN },
    /* Someone not of this shop at the desk. */
    { "小美", "路人", RD_TEST_PIN, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_NOT_FOUND },
    /* Right. */
    { "小美", "小王", RD_TEST_PIN, 0, 0 },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) rcase = new_case ("5002", 158000);

  rd_test_add_operators (f->store);
  g_assert_true (rd_case_store_insert (f->store, rcase, "小王", &error));
  g_assert_true (rd_case_store_apply_breakdown (f->store, rcase->id, "{}", 158000, "店长", &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (attempts); i++)
    {
      RdWorkflowFacts facts = { .approver = attempts[i].approver, .approver_pin = attempts[i].pin };
      g_autoptr(RdCase) saved = NULL;
      gint64 before = count_sql (f, "SELECT count(*) FROM audit_log");
      gboolean ok;

      ok = rd_case_store_transition (f->store, rcase->id, RD_WORKFLOW_EVENT_APPROVE, &facts,
                                     &f->policy, attempts[i].operator, &error);
      saved = rd_case_store_get (f->store, rcase->id, NULL);
      if (attempts[i].domain != 0)
        {
          if (!g_error_matches (error, attempts[i].domain, attempts[i].code))
            g_error ("attempt %u: expected %s %d, got %s", i, g_quark_to_string (attempts[i].domain),
                     attempts[i].code, error != NULL ? error->message : "success");
          g_assert_false (ok);
          g_clear_error (&error);
          g_assert_cmpint (saved->status, ==, RD_CASE_STATUS_REQUESTED);
          g_assert_null (saved->approved_by);
          /* Nothing of the approval; a wrong PIN is recorded, without it. */
          if (attempts[i].domain == RD_OPERATORS_ERROR && attempts[i].code == RD_OPERATORS_ERROR_WRONG_PIN)
            {
              g_assert_cmpint (count_sql (f, "SELECT count(*) FROM audit_log"), ==, before + 1);
              g_assert_cmpint (count_sql (f, "SELECT count(*) FROM audit_log WHERE id = (SELECT max (id) FROM audit_log)"
                                             " AND action = 'pin_failed' AND case_id IS NULL AND field = '小美'"
                                             " AND old_value IS NULL AND new_value IS NULL"), ==, 1);
            }
          else
            g_assert_cmpint (count_sql (f, "SELECT count(*) FROM audit_log"), ==, before);
        }
      else
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpint (saved->status, ==, RD_CASE_STATUS_APPROVED);
          g_assert_cmpstr (saved->approved_by, ==, "小美");
          g_assert_cmpint (saved->approved_amount, ==, 158000);
        }
    }
}

/* A breakdown or a reason; no more than is left on the order. */
static void
test_approval_amount (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) first = new_case ("5003", 42700);
  g_autoptr(RdCase) second = new_case ("5003", 42700);
  g_autoptr(RdCase) saved = NULL;
  RdWorkflowFacts facts = { .approved_amount = 30000 };
  gint64 left = -1;

  rd_test_add_operators (f->store);
  g_assert_true (rd_case_store_insert (f->store, first, "小王", &error));
  g_assert_true (rd_case_store_insert (f->store, second, "小王", &error));
  g_assert_no_error (error);

  /* No breakdown, no reason. */
  g_assert_false (rd_case_store_transition (f->store, first->id, RD_WORKFLOW_EVENT_APPROVE, &facts,
                                            &f->policy, "小美", &error));
  g_assert_error (error, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_NEEDS_BREAKDOWN);
  g_clear_error (&error);
  facts.no_breakdown_reason = "   ";
  g_assert_false (rd_case_store_transition (f->store, first->id, RD_WORKFLOW_EVENT_APPROVE, &facts,
                                            &f->policy, "小美", &error));
  g_assert_error (error, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_NEEDS_BREAKDOWN);
  g_clear_error (&error);

  /* ¥500 on a ¥427 order. */
  facts.no_breakdown_reason = "买家只退运费";
  facts.approved_amount = 50000;
  g_assert_false (rd_case_store_transition (f->store, first->id, RD_WORKFLOW_EVENT_APPROVE, &facts,
                                            &f->policy, "小美", &error));
  g_assert_error (error, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_AMOUNT);
  g_clear_error (&error);

  facts.approved_amount = 30000;
  g_assert_true (rd_case_store_transition (f->store, first->id, RD_WORKFLOW_EVENT_APPROVE, &facts,
                                           &f->policy, "小美", &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_sql (f, "SELECT count(*) FROM audit_log WHERE action = 'approve'"
                                 " AND field = 'no_breakdown_reason' AND new_value = '买家只退运费'"), ==, 1);

  /* The second case of the order: ¥127 left. */
  g_assert_true (rd_case_store_get_refundable (f->store, second->id, &left, &error));
  g_assert_cmpint (left, ==, 12700);
  g_assert_true (rd_case_store_get_refundable (f->store, first->id, &left, &error));
  g_assert_cmpint (left, ==, 42700);
  facts.approved_amount = 12701;
  g_assert_false (rd_case_store_transition (f->store, second->id, RD_WORKFLOW_EVENT_APPROVE, &facts,
                                            &f->policy, "小美", &error));
  g_assert_error (error, RD_WORKFLOW_ERROR, RD_WORKFLOW_ERROR_AMOUNT);
  g_assert_cmpstr (error->message, ==, "The approved amount ¥127.01 is more than the ¥127.00 left to refund on this order.");
  g_clear_error (&error);
  facts.approved_amount = 12700;
  g_assert_true (rd_case_store_transition (f->store, second->id, RD_WORKFLOW_EVENT_APPROVE, &facts,
                                           &f->policy, "小美", &error));
  g_assert_no_error (error);
  saved = rd_case_store_get (f->store, second->id, &error);
  g_assert_cmpint (saved->approved_amount, ==, 12700);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rd/operators/role-may", test_role_may);
#define ADD(name, func) \
  g_test_add ("/rd/operators/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("pins", test_pins);
  ADD ("audit", test_audit);
  ADD ("enforced", test_enforced);
  ADD ("approval", test_approval);
  ADD ("approval-amount", test_approval_amount);
#undef ADD

  return g_test_run ();
}
