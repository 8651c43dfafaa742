/* test-payouts.c — refunds paid in instalments never pass the approved
 * amount, and the case is paid when they reach it exactly. */
#include "config.h"

#include <locale.h>

#include "rd-audit.h"
#include "rd-case-store.h"
#include "rd-case-payouts.h"
#include "rd-test-ledger.h"

typedef struct
{
  char    *dir;
  RdStore *store;
  gint64   approved_id;
  gint64   unapproved_id;
} Fixture;

static gint64
insert_case (RdStore *store,
             gint64   approved_amount)
{
  g_autoptr(RdCase) rcase = rd_case_new ();
  g_autoptr(GError) error = NULL;

  rcase->channel = g_strdup ("taobao");
  rcase->order_no = g_strdup ("4012345678");
  rcase->kind = RD_REFUND_KIND_REFUND_ONLY_UNSHIPPED;
  rcase->reason = g_strdup ("changed_mind");
  rcase->payment_method = RD_PAYMENT_METHOD_ALIPAY;
  rcase->amount_paid = 10000;
  rcase->approved_amount = approved_amount;
  rcase->requested_at = 1767225600;
  g_assert_true (rd_case_store_insert (store, rcase, "Li Na", &error));
  g_assert_no_error (error);
  return rcase->id;
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
  f->approved_id = insert_case (f->store, 10000);
  f->unapproved_id = insert_case (f->store, -1);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  rd_test_remove_tree (f->dir);
  g_free (f->dir);
}

static void
test_instalments (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gboolean paid = TRUE;
  gint64 sum = -1;
  gint seq = 0;

  g_assert_true (rd_payouts_is_paid (f->store, f->approved_id, &paid, &error));
  g_assert_false (paid);

  g_assert_true (rd_payouts_add (f->store, f->approved_id, 3334, "original", "2026-03-01", "Li Na", &seq, &error));
  g_assert_cmpint (seq, ==, 1);
  g_assert_true (rd_payouts_add (f->store, f->approved_id, 3333, "transfer", "2026-03-02", "Wang Wei", &seq, &error));
  g_assert_cmpint (seq, ==, 2);
  g_assert_no_error (error);

  /* One fen too many: refused, and nothing recorded. */
  g_assert_false (rd_payouts_add (f->store, f->approved_id, 3334, "original", "2026-03-03", "Li Na", &seq, &error));
  g_assert_error (error, RD_PAYOUTS_ERROR, RD_PAYOUTS_ERROR_TOO_MUCH);
  g_assert_cmpstr (error->message, ==,
                   "Paying ¥33.34 would pass the approved ¥100.00: ¥66.67 is paid already, ¥33.33 is left.");
  g_clear_error (&error);
  g_assert_true (rd_payouts_sum (f->store, f->approved_id, &sum, &error));
  g_assert_cmpint (sum, ==, 6667);
  g_assert_true (rd_payouts_is_paid (f->store, f->approved_id, &paid, &error));
  g_assert_false (paid);

  g_assert_true (rd_payouts_add (f->store, f->approved_id, 3333, "original", "2026-03-03", "Li Na", &seq, &error));
  g_assert_cmpint (seq, ==, 3);
  g_assert_true (rd_payouts_is_paid (f->store, f->approved_id, &paid, &error));
  g_assert_true (paid);

  list = rd_payouts_list (f->store, f->approved_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpint (((RdPayout *) list->pdata[0])->amount, ==, 3334);
  g_assert_cmpstr (((RdPayout *) list->pdata[1])->route, ==, "transfer");
  g_assert_cmpstr (((RdPayout *) list->pdata[1])->operator, ==, "Wang Wei");
  g_assert_cmpstr (((RdPayout *) list->pdata[2])->paid_on, ==, "2026-03-03");

  /* Paid in full: not one more fen. */
  g_assert_false (rd_payouts_add (f->store, f->approved_id, 1, "original", "2026-03-04", "Li Na", NULL, &error));
  g_assert_error (error, RD_PAYOUTS_ERROR, RD_PAYOUTS_ERROR_TOO_MUCH);
  g_clear_error (&error);

  /* Every payout is in the audit log, chain intact. */
  {
    g_autoptr(GPtrArray) timeline = rd_audit_list_for_case (f->store, f->approved_id, &error);
    guint n_payouts = 0;

    for (guint i = 0; i < timeline->len; i++)
      n_payouts += g_strcmp0 (((RdAuditEntry *) timeline->pdata[i])->action, "payout") == 0;
    g_assert_cmpuint (n_payouts, ==, 3);
    g_assert_true (rd_audit_verify (f->store, NULL, NULL, &error));
  }
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (rd_payouts_add (f->store, f->approved_id, 0, "original", "2026-03-01", "Li Na", NULL, &error));
  g_assert_error (error, RD_PAYOUTS_ERROR, RD_PAYOUTS_ERROR_NOT_POSITIVE);
  g_clear_error (&error);
  g_assert_false (rd_payouts_add (f->store, f->approved_id, -500, "original", "2026-03-01", "Li Na", NULL, &error));
  g_assert_error (error, RD_PAYOUTS_ERROR, RD_PAYOUTS_ERROR_NOT_POSITIVE);
  g_clear_error (&error);
  g_assert_false (rd_payouts_add (f->store, f->approved_id, 500, "original", "2026-02-30", "Li Na", NULL, &error));
  g_assert_error (error, RD_PAYOUTS_ERROR, RD_PAYOUTS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rd_payouts_add (f->store, f->approved_id, 500, "", "2026-03-01", "Li Na", NULL, &error));
  g_assert_error (error, RD_PAYOUTS_ERROR, RD_PAYOUTS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rd_payouts_add (f->store, f->unapproved_id, 500, "original", "2026-03-01", "Li Na", NULL, &error));
  g_assert_error (error, RD_PAYOUTS_ERROR, RD_PAYOUTS_ERROR_NOT_APPROVED);
  g_clear_error (&error);
  g_assert_false (rd_payouts_add (f->store, 999, 500, "original", "2026-03-01", "Li Na", NULL, &error));
  g_assert_error (error, RD_PAYOUTS_ERROR, RD_PAYOUTS_ERROR_NO_CASE);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/rd/payouts/instalments", Fixture, NULL, fixture_set_up, test_instalments, fixture_tear_down);
  g_test_add ("/rd/payouts/refused", Fixture, NULL, fixture_set_up, test_refused, fixture_tear_down);

  return g_test_run ();
}
