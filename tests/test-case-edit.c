/* test-case-edit.c
 *
 * Editing a saved case (rd-case-store-edit.h): what may change in each
 * state, the intake's checks, one audit entry per changed field, and a
 * stale version refused with who changed the case.
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "rd-audit.h"
#include "rd-case-store.h"
#include "rd-case-store-edit.h"
#include "rd-store.h"
#include "rd-test-ledger.h"

typedef struct
{
  char    *dir;
  RdStore *store;
  RdCase  *saved;
} Fixture;

/* 2026-03-01 10:00 UTC */
#define T0 G_GINT64_CONSTANT (1772359200)

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  RdCase *c = rd_case_new ();

  f->dir = rd_test_make_tmp_dir ();
  path = g_build_filename (f->dir, "ledger.db", NULL);
  f->store = rd_store_open (path, RD_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  rd_test_add_operators (f->store);
  rd_test_add_operator (f->store, "老王", RD_ROLE_ADMIN);

  c->channel = g_strdup ("taobao");
  c->order_no = g_strdup ("TB100200300");
  c->kind = RD_REFUND_KIND_RETURN_REFUND;
  c->reason = g_strdup ("quality_problem");
  c->payment_method = RD_PAYMENT_METHOD_ALIPAY;
  c->amount_paid = 42700;
  c->buyer_name = g_strdup ("王芳");
  c->requested_at = T0;
  c->created_at = T0 + 60;
  g_assert_true (rd_case_store_insert (f->store, c, "阿珍", &error));
  g_assert_no_error (error);
  f->saved = c;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->saved, rd_case_free);
  g_clear_object (&f->store);
  rd_test_remove_tree (f->dir);
  g_free (f->dir);
}

static GPtrArray *
entries_of (Fixture    *f,
            const char *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = rd_audit_list_for_case (f->store, f->saved->id, &error);
  GPtrArray *found = g_ptr_array_new ();

  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    {
      RdAuditEntry *entry = g_ptr_array_index (all, i);

      if (g_strcmp0 (entry->action, action) == 0)
        g_ptr_array_add (found, g_strdup_printf ("%s|%s|%s|%s", entry->operator, entry->field,
                                                 entry->old_value ? entry->old_value : "",
                                                 entry->new_value ? entry->new_value : ""));
    }
  g_ptr_array_set_free_func (found, g_free);
  return found;
}

/* Sets the stored case's status (and approver) behind the edit's back. */
static void
set_state (Fixture      *f,
           RdCaseStatus  status,
           const char   *approved_by)
{
  g_autoptr(GError) error = NULL;

  f->saved->status = status;
  g_free (f->saved->approved_by);
  f->saved->approved_by = g_strdup (approved_by);
  if (approved_by != NULL)
    f->saved->approved_amount = 30000;
  g_assert_true (rd_case_store_update (f->store, f->saved, "老王", &error));
  g_assert_no_error (error);
}

static void
test_edit_audited (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) edited = rd_case_copy (f->saved);
  g_autoptr(RdCase) stored = NULL;
  g_autoptr(RdCase) again = NULL;
  g_autoptr(GPtrArray) entries = NULL;

  g_free (edited->buyer_name);
  edited->buyer_name = g_strdup ("王芳芳");
  edited->notes = g_strdup ("买家要求快点");
  edited->amount_paid = 13253;

  stored = rd_case_store_edit (f->store, edited, f->saved->updated_at, NULL, "李娜", &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  g_assert_cmpstr (stored->buyer_name, ==, "王芳芳");
  g_assert_cmpstr (stored->notes, ==, "买家要求快点");
  g_assert_cmpint (stored->amount_paid, ==, 13253);

  again = rd_case_store_get (f->store, f->saved->id, &error);
  g_assert_cmpstr (again->buyer_name, ==, "王芳芳");
  g_assert_cmpint (again->updated_at, ==, stored->updated_at);

  /* One entry per changed field: who, before → after; nothing else. */
  entries = entries_of (f, "edit");
  g_assert_cmpuint (entries->len, ==, 3);
  g_assert_true (g_ptr_array_find_with_equal_func (entries, "李娜|buyer_name|王芳|王芳芳", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (entries, "李娜|notes||买家要求快点", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (entries, "李娜|amount_paid|42700|13253", g_str_equal, NULL));

  /* Saving the same again changes nothing and records nothing. */
  g_clear_pointer (&entries, g_ptr_array_unref);
  g_clear_pointer (&again, rd_case_free);
  again = rd_case_store_edit (f->store, stored, stored->updated_at, NULL, "李娜", &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
  entries = entries_of (f, "edit");
  g_assert_cmpuint (entries->len, ==, 3);
}

static void
test_stale (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) first = rd_case_copy (f->saved);
  g_autoptr(RdCase) second = rd_case_copy (f->saved);
  g_autoptr(RdCase) stored = NULL;
  g_autoptr(RdCase) refused = NULL;
  g_autoptr(RdCase) now = NULL;

  first->handler = g_strdup ("李娜");
  stored = rd_case_store_edit (f->store, first, f->saved->updated_at, NULL, "李娜", &error);
  g_assert_no_error (error);

  /* 阿珍 opened the case before 李娜 saved: her version is stale. */
  second->notes = g_strdup ("mine");
  refused = rd_case_store_edit (f->store, second, f->saved->updated_at, NULL, "阿珍", &error);
  g_assert_null (refused);
  g_assert_error (error, RD_CASE_STORE_ERROR, RD_CASE_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "李娜"));
  now = rd_case_store_get (f->store, f->saved->id, NULL);
  g_assert_null (now->notes);
  g_assert_cmpstr (now->handler, ==, "李娜");
  g_clear_error (&error);

  /* Two saves in the same second: the second one, from the version before
   * the first, is refused too. */
  {
    g_autoptr(RdCase) a = rd_case_copy (stored);
    g_autoptr(RdCase) b = rd_case_copy (stored);
    g_autoptr(RdCase) a_stored = NULL;
    g_autoptr(RdCase) b_stored = NULL;

    a->notes = g_strdup ("first");
    a_stored = rd_case_store_edit (f->store, a, stored->updated_at, NULL, "李娜", &error);
    g_assert_no_error (error);
    g_assert_cmpint (a_stored->updated_at, >, stored->updated_at);
    b->notes = g_strdup ("second");
    b_stored = rd_case_store_edit (f->store, b, stored->updated_at, NULL, "阿珍", &error);
    g_assert_null (b_stored);
    g_assert_error (error, RD_CASE_STORE_ERROR, RD_CASE_STORE_ERROR_CONFLICT);
  }
}

typedef struct
{
  RdCaseStatus  status;
  const char   *approved_by;
  const char   *field;
  gboolean      allowed;
} Rule;

static const Rule rules[] = {
  { RD_CASE_STATUS_REQUESTED, NULL, "amount_paid", TRUE },
  { RD_CASE_STATUS_REQUESTED, NULL, "order_no", TRUE },
  { RD_CASE_STATUS_REQUESTED, NULL, "channel", TRUE },
  { RD_CASE_STATUS_REQUESTED, NULL, "kind", TRUE },
  { RD_CASE_STATUS_REQUESTED, NULL, "reason", TRUE },
  { RD_CASE_STATUS_REQUESTED, NULL, "payment_method", TRUE },
  { RD_CASE_STATUS_REQUESTED, NULL, "buyer_name", TRUE },
  { RD_CASE_STATUS_REQUESTED, NULL, "notes", TRUE },
  { RD_CASE_STATUS_REQUESTED, NULL, "return_tracking", TRUE },
  { RD_CASE_STATUS_REQUESTED, NULL, "approved_amount", FALSE },
  { RD_CASE_STATUS_REQUESTED, NULL, "breakdown", FALSE },
  { RD_CASE_STATUS_REQUESTED, NULL, "status", FALSE },
  { RD_CASE_STATUS_APPROVED, "李娜", "amount_paid", FALSE },
  { RD_CASE_STATUS_APPROVED, "李娜", "order_no", FALSE },
  { RD_CASE_STATUS_APPROVED, "李娜", "payment_method", FALSE },
  { RD_CASE_STATUS_APPROVED, "李娜", "approved_amount", FALSE },
  { RD_CASE_STATUS_APPROVED, "李娜", "buyer_name", TRUE },
  { RD_CASE_STATUS_APPROVED, "李娜", "buyer_contact", TRUE },
  { RD_CASE_STATUS_APPROVED, "李娜", "after_sales_no", TRUE },
  { RD_CASE_STATUS_APPROVED, "李娜", "order_state", TRUE },
  { RD_CASE_STATUS_APPROVED, "李娜", "handler", TRUE },
  { RD_CASE_STATUS_APPROVED, "李娜", "return_tracking", TRUE },
  { RD_CASE_STATUS_AWAITING_RETURN, "李娜", "return_tracking", TRUE },
  { RD_CASE_STATUS_CLOSED, "李娜", "return_tracking", FALSE },
  { RD_CASE_STATUS_CLOSED, "李娜", "notes", TRUE },
  { RD_CASE_STATUS_CLOSED, "李娜", "amount_paid", FALSE },
  { RD_CASE_STATUS_REFUSED, NULL, "kind", FALSE },
  { RD_CASE_STATUS_REFUSED, NULL, "buyer_name", TRUE },
};

static void
test_rules (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      g_autoptr(RdCase) c = rd_case_new ();
      g_autoptr(GError) error = NULL;
      gboolean allowed;

      c->status = rules[i].status;
      c->approved_by = g_strdup (rules[i].approved_by);
      allowed = rd_case_edit_field_allowed (c, rules[i].field, &error);
      g_test_message ("%s %s", rd_case_status_to_id (c->status), rules[i].field);
      g_assert_cmpint (allowed, ==, rules[i].allowed);
      if (allowed)
        g_assert_no_error (error);
      else
        g_assert_error (error, RD_CASE_STORE_ERROR, RD_CASE_STORE_ERROR_NOT_EDITABLE);
    }

  /* The form's fields are the editable ones. */
  for (const char *const *field = rd_case_edit_fields (); *field != NULL; field++)
    g_assert_cmpint (rd_case_edit_rule (*field), !=, RD_CASE_EDIT_NEVER);
}

/* After approval the amounts change only through a new approval; the
 * message names the field. */
static void
test_refused_after_approval (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) edited = NULL;
  g_autoptr(RdCase) stored = NULL;
  g_autoptr(RdCase) now = NULL;
  g_autoptr(GPtrArray) entries = NULL;

  set_state (f, RD_CASE_STATUS_APPROVED, "李娜");

  edited = rd_case_copy (f->saved);
  edited->amount_paid = 99900;
  g_free (edited->buyer_name);
  edited->buyer_name = g_strdup ("王芳芳");
  stored = rd_case_store_edit (f->store, edited, f->saved->updated_at, NULL, "阿珍", &error);
  g_assert_null (stored);
  g_assert_error (error, RD_CASE_STORE_ERROR, RD_CASE_STORE_ERROR_NOT_EDITABLE);
  g_assert_nonnull (strstr (error->message, "Amount paid"));
  g_clear_error (&error);

  edited->amount_paid = f->saved->amount_paid;
  edited->approved_amount = 1;
  stored = rd_case_store_edit (f->store, edited, f->saved->updated_at, NULL, "阿珍", &error);
  g_assert_null (stored);
  g_assert_error (error, RD_CASE_STORE_ERROR, RD_CASE_STORE_ERROR_NOT_EDITABLE);
  g_assert_nonnull (strstr (error->message, "Approved refund"));
  g_clear_error (&error);

  /* Nothing was written. */
  now = rd_case_store_get (f->store, f->saved->id, NULL);
  g_assert_cmpint (now->amount_paid, ==, 42700);
  g_assert_cmpstr (now->buyer_name, ==, "王芳");
  entries = entries_of (f, "edit");
  g_assert_cmpuint (entries->len, ==, 0);

  /* The buyer's name alone may still change. */
  edited->approved_amount = f->saved->approved_amount;
  stored = rd_case_store_edit (f->store, edited, f->saved->updated_at, NULL, "阿珍", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->buyer_name, ==, "王芳芳");
}

/* The intake's checks: a number with characters a platform never uses,
 * an amount below zero, an empty order number. */
static void
test_checks (Fixture       *f,
             gconstpointer  data)
{
  static const struct
  {
    const char *order_no;
    gint64      amount_paid;
    const char *return_tracking;
  } bad[] = {
    { "TB 100<200>", 42700, NULL },
    { NULL, 42700, NULL },
    { "TB100200300", -1, NULL },
    { "TB100200300", 42700, "SF12;DROP" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RdCase) edited = rd_case_copy (f->saved);
      g_autoptr(RdCase) stored = NULL;

      g_free (edited->order_no);
      edited->order_no = g_strdup (bad[i].order_no);
      edited->amount_paid = bad[i].amount_paid;
      edited->return_tracking = g_strdup (bad[i].return_tracking);
      stored = rd_case_store_edit (f->store, edited, f->saved->updated_at, NULL, "李娜", &error);
      g_assert_null (stored);
      g_assert_nonnull (error);
      g_test_message ("%u: %s", i, error->message);
    }
}

/* Who may edit is the core's call: the warehouse and someone who is not one
 * of the shop's people are refused, and nothing is written. */
static void
test_edit_by_role (Fixture       *f,
                   gconstpointer  data)
{
  static const struct { const char *name; int code; } refused[] = {
    { "老张", RD_OPERATORS_ERROR_NOT_ALLOWED },
    { "会计", RD_OPERATORS_ERROR_NOT_ALLOWED },
    { "陌生人", RD_OPERATORS_ERROR_NOT_FOUND },
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RdCase) edited = rd_case_copy (f->saved);
      g_autoptr(RdCase) stored = NULL;
      g_autoptr(RdCase) again = NULL;

      g_free (edited->notes);
      edited->notes = g_strdup ("改一下");
      stored = rd_case_store_edit (f->store, edited, f->saved->updated_at, NULL, refused[i].name, &error);
      g_assert_null (stored);
      g_assert_error (error, RD_OPERATORS_ERROR, refused[i].code);
      again = rd_case_store_get (f->store, f->saved->id, NULL);
      g_assert_cmpstr (again->notes, ==, f->saved->notes);
      g_assert_cmpint (again->updated_at, ==, f->saved->updated_at);
    }
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/rd/case-edit/audited", Fixture, NULL, fixture_set_up, test_edit_audited, fixture_tear_down);
  g_test_add ("/rd/case-edit/by-role", Fixture, NULL, fixture_set_up, test_edit_by_role, fixture_tear_down);
  g_test_add ("/rd/case-edit/stale", Fixture, NULL, fixture_set_up, test_stale, fixture_tear_down);
  g_test_add_func ("/rd/case-edit/rules", test_rules);
  g_test_add ("/rd/case-edit/after-approval", Fixture, NULL, fixture_set_up, test_refused_after_approval, fixture_tear_down);
  g_test_add ("/rd/case-edit/checks", Fixture, NULL, fixture_set_up, test_checks, fixture_tear_down);

  return g_test_run ();
}
