/* test-case-calc.c
 *
 * The calculator opened from a case (rd-case-calc): whose fault each reason
 * is, by the built-in list and by the shop's own; shipped or not by the
 * kind; what the other cases of the order refunded before; and the refund
 * the calculator then computes (the ¥12 return shipping of a quality
 * problem is the shop's to pay).
 */
#include "config.h"

#include <locale.h>

#include "rd-case-calc.h"
#include "rd-case-store.h"
#include "rd-policy.h"
#include "rd-shop-lists.h"
#include "rd-test-ledger.h"

typedef struct
{
  char    *dir;
  RdStore *store;
} Fixture;

/* 2026-03-01 10:00 UTC */
#define T0 G_GINT64_CONSTANT (1772359200)

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
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  rd_test_remove_tree (f->dir);
  g_free (f->dir);
}

static RdCase *
new_case (const char   *channel,
          const char   *order_no,
          RdRefundKind  kind,
          const char   *reason,
          gint64        amount_paid)
{
  RdCase *c = rd_case_new ();

  c->channel = g_strdup (channel);
  c->order_no = g_strdup (order_no);
  c->kind = kind;
  c->reason = g_strdup (reason);
  c->payment_method = RD_PAYMENT_METHOD_ALIPAY;
  c->amount_paid = amount_paid;
  c->requested_at = T0;
  c->created_at = T0 + 60;
  return c;
}

static void
test_reason_fault (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  static const struct
  {
    const char *reason;
    RdFault     fault;
    gboolean    merchant;
  } cases[] = {
    { "changed_mind",       RD_FAULT_BUYER,     FALSE },
    { "quality_problem",    RD_FAULT_MERCHANT,  TRUE },
    { "wrong_item",         RD_FAULT_MERCHANT,  TRUE },
    { "not_as_described",   RD_FAULT_MERCHANT,  TRUE },
    { "damaged_in_transit", RD_FAULT_LOGISTICS, FALSE },
    { "parcel_lost",        RD_FAULT_LOGISTICS, FALSE },
    { "not_received",       RD_FAULT_LOGISTICS, FALSE },
    { "missing_parts",      RD_FAULT_MERCHANT,  TRUE },
    { "size_not_fit",       RD_FAULT_BUYER,     FALSE },
    { "ordered_by_mistake", RD_FAULT_BUYER,     FALSE },
    { "other",              RD_FAULT_BUYER,     FALSE },
    { "no such reason",     RD_FAULT_NONE,      FALSE },
    { "",                   RD_FAULT_NONE,      FALSE },
    { NULL,                 RD_FAULT_NONE,      FALSE },
  };
  guint n_builtin = 0;

  /* Every built-in reason is in the table. */
  for (const RdRefundReason *r = rd_refund_reason_list (); r->id != NULL; r++)
    n_builtin++;
  g_assert_cmpuint (n_builtin, ==, G_N_ELEMENTS (cases) - 3);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      /* The shop's list as shipped and the built-in table agree. */
      g_assert_cmpint (rd_lists_get_reason_fault (settings, cases[i].reason), ==, cases[i].fault);
      g_assert_cmpint (rd_lists_get_reason_fault (NULL, cases[i].reason), ==, cases[i].fault);
      g_assert_cmpint (rd_case_calc_is_merchant_fault (settings, cases[i].reason), ==, cases[i].merchant);
    }

  /* The shop's own tags win: a retagged reason and a reason of its own. */
  g_assert_true (rd_lists_set_tag (settings, RD_LIST_REASONS, "size_not_fit", "merchant", &error));
  g_assert_true (rd_lists_add (settings, RD_LIST_REASONS, "做工瑕疵", "merchant", &error));
  g_assert_true (rd_lists_add (settings, RD_LIST_REASONS, "不想要了", "buyer", &error));
  g_assert_true (rd_lists_set_tag (settings, RD_LIST_REASONS, "quality_problem", "logistics", &error));
  g_assert_no_error (error);
  g_assert_true (rd_case_calc_is_merchant_fault (settings, "size_not_fit"));
  g_assert_true (rd_case_calc_is_merchant_fault (settings, "做工瑕疵"));
  g_assert_false (rd_case_calc_is_merchant_fault (settings, "不想要了"));
  g_assert_false (rd_case_calc_is_merchant_fault (settings, "quality_problem"));
  /* Without the settings only the built-in faults are known. */
  g_assert_false (rd_case_calc_is_merchant_fault (NULL, "做工瑕疵"));
  g_assert_true (rd_case_calc_is_merchant_fault (NULL, "quality_problem"));

  g_settings_reset (settings, "reasons");
}

static void
test_kind_shipped (void)
{
  static const struct
  {
    RdRefundKind kind;
    gboolean     shipped;
  } cases[] = {
    { RD_REFUND_KIND_REFUND_ONLY_UNSHIPPED, FALSE },
    { RD_REFUND_KIND_REFUND_ONLY_SHIPPED,   TRUE },
    { RD_REFUND_KIND_RETURN_REFUND,         TRUE },
    { RD_REFUND_KIND_NONE,                  FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (rd_case_calc_is_shipped (cases[i].kind), ==, cases[i].shipped);
}

/* The other cases of an order, and which of their refunds count. */
static void
test_refunded_on_order (Fixture       *f,
                        gconstpointer  data)
{
  static const struct
  {
    const char   *channel;
    const char   *order_no;
    const char   *currency;
    RdCaseStatus  status;
    RdResolution  resolution;
    gint64        approved;
    gboolean      counts;
  } others[] = {
    { "taobao", "TB-1", NULL,  RD_CASE_STATUS_APPROVED,        RD_RESOLUTION_NONE,      1000, TRUE },
    { "taobao", "TB-1", "CNY", RD_CASE_STATUS_PAID,            RD_RESOLUTION_REFUND,    2500, TRUE },
    { "taobao", "TB-1", NULL,  RD_CASE_STATUS_CLOSED,          RD_RESOLUTION_PARTIAL_REFUND, 300, TRUE },
    { "taobao", "TB-1", NULL,  RD_CASE_STATUS_AWAITING_PAYOUT, RD_RESOLUTION_NONE,      40,   TRUE },
    { "taobao", "TB-1", NULL,  RD_CASE_STATUS_ARRIVED,         RD_RESOLUTION_REFUND,    5,    TRUE },
    /* A proposal not approved yet, a refusal, a withdrawal. */
    { "taobao", "TB-1", NULL,  RD_CASE_STATUS_REQUESTED,       RD_RESOLUTION_NONE,      7000, FALSE },
    { "taobao", "TB-1", NULL,  RD_CASE_STATUS_REFUSED,         RD_RESOLUTION_REFUSED,   7000, FALSE },
    { "taobao", "TB-1", NULL,  RD_CASE_STATUS_CLOSED,          RD_RESOLUTION_REFUSED,   7000, FALSE },
    { "taobao", "TB-1", NULL,  RD_CASE_STATUS_CLOSED,          RD_RESOLUTION_WITHDRAWN, 7000, FALSE },
    /* Approved with nothing to refund (a resend). */
    { "taobao", "TB-1", NULL,  RD_CASE_STATUS_CLOSED,          RD_RESOLUTION_RESEND,    0,    FALSE },
    /* Another order, another channel, another currency. */
    { "taobao", "TB-2",  NULL,  RD_CASE_STATUS_PAID,           RD_RESOLUTION_REFUND,    7000, FALSE },
    { "jd",     "TB-1",  NULL,  RD_CASE_STATUS_PAID,           RD_RESOLUTION_REFUND,    7000, FALSE },
    { "taobao", "TB-1",  "USD", RD_CASE_STATUS_PAID,           RD_RESOLUTION_REFUND,    7000, FALSE },
    { "taobao", "TB-10", NULL,  RD_CASE_STATUS_PAID,           RD_RESOLUTION_REFUND,    7000, FALSE },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) rcase = new_case ("taobao", "TB-1", RD_REFUND_KIND_RETURN_REFUND, "quality_problem", 12053);
  gint64 expected = 0;
  gint64 refunded = -1;

  /* Before the case is saved, and with no other case. */
  g_assert_true (rd_case_calc_refunded_on_order (f->store, rcase, &refunded, &error));
  g_assert_no_error (error);
  g_assert_cmpint (refunded, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_autoptr(RdCase) other = new_case (others[i].channel, others[i].order_no,
                                          RD_REFUND_KIND_RETURN_REFUND, "changed_mind", 10000);

      g_free (other->currency);
      other->currency = g_strdup (others[i].currency);
      if (others[i].currency != NULL && g_str_equal (others[i].currency, "USD"))
        other->exchange_rate = g_strdup ("7.1");
      other->status = others[i].status;
      other->resolution = others[i].resolution;
      other->approved_amount = others[i].approved;
      g_assert_true (rd_case_store_insert (f->store, other, "Lin", &error));
      g_assert_no_error (error);
      if (others[i].counts)
        expected += others[i].approved;
    }

  /* The case itself, approved, does not count for itself. */
  rcase->status = RD_CASE_STATUS_APPROVED;
  rcase->approved_amount = 9000;
  g_assert_true (rd_case_store_insert (f->store, rcase, "Lin", &error));
  g_assert_no_error (error);

  g_assert_true (rd_case_calc_refunded_on_order (f->store, rcase, &refunded, &error));
  g_assert_no_error (error);
  g_assert_cmpint (expected, ==, 1000 + 2500 + 300 + 40 + 5);
  g_assert_cmpint (refunded, ==, expected);
}

/* The calculator's input for a case, and the refund it gives. */
static void
test_input_from_case (Fixture       *f,
                      gconstpointer  data)
{
  static const struct
  {
    RdRefundKind  kind;
    const char   *reason;
    gint64        return_shipping;
    gboolean      shipped;
    gboolean      merchant_fault;
    gint64        total;
  } cases[] = {
    /* 质量问题 with ¥12 return shipping: the shop pays it back. */
    { RD_REFUND_KIND_RETURN_REFUND,         "quality_problem", 1200, TRUE,  TRUE,  13253 },
    { RD_REFUND_KIND_RETURN_REFUND,         "wrong_item",      1200, TRUE,  TRUE,  13253 },
    /* Above the cap (¥15): capped. */
    { RD_REFUND_KIND_RETURN_REFUND,         "missing_parts",   2000, TRUE,  TRUE,  13553 },
    /* The buyer's fault or the courier's: the buyer pays the return. */
    { RD_REFUND_KIND_RETURN_REFUND,         "changed_mind",    1200, TRUE,  FALSE, 12053 },
    { RD_REFUND_KIND_RETURN_REFUND,         "damaged_in_transit", 1200, TRUE, FALSE, 12053 },
    { RD_REFUND_KIND_REFUND_ONLY_SHIPPED,   "not_received",    0,    TRUE,  FALSE, 12053 },
    { RD_REFUND_KIND_REFUND_ONLY_UNSHIPPED, "ordered_by_mistake", 0, FALSE, FALSE, 12053 },
    { RD_REFUND_KIND_REFUND_ONLY_UNSHIPPED, "quality_problem", 0,    FALSE, TRUE,  12053 },
  };
  g_auto(RdPolicy) policy;
  RdCalcPolicy calc_policy;

  rd_policy_init_defaults (&policy);
  rd_policy_to_calc_policy (&policy, &calc_policy);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *order_no = g_strdup_printf ("TB-%u", i);
      g_autoptr(RdCase) rcase = new_case ("taobao", order_no, cases[i].kind, cases[i].reason, 12053);
      g_autoptr(RdCalcInput) input = NULL;
      g_autoptr(RdCalcResult) result = NULL;
      const RdCalcLine *line;

      g_assert_true (rd_case_store_insert (f->store, rcase, "Lin", &error));
      g_assert_no_error (error);

      input = rd_case_calc_input_new (f->store, NULL, rcase, &error);
      g_assert_no_error (error);
      g_assert_nonnull (input);
      g_assert_cmpstr (input->currency, ==, "CNY");
      g_assert_null (input->exchange_rate);
      g_assert_cmpint (input->shipped, ==, cases[i].shipped);
      g_assert_cmpint (input->merchant_fault, ==, cases[i].merchant_fault);
      g_assert_cmpint (input->refunded_before, ==, 0);
      g_assert_cmpuint (input->lines->len, ==, 1);
      line = g_ptr_array_index (input->lines, 0);
      g_assert_cmpint (line->unit_price, ==, 12053);
      g_assert_cmpint (line->quantity, ==, 1);
      g_assert_cmpint (line->refund_quantity, ==, 1);
      g_assert_nonnull (strstr (line->name, order_no));
      g_assert_true (g_date_valid (&input->refund_date));
      g_assert_cmpuint (g_date_get_year (&input->refund_date), ==, 2026);
      g_assert_cmpuint (g_date_get_month (&input->refund_date), ==, 3);
      g_assert_cmpuint (g_date_get_day (&input->refund_date), ==, 1);

      input->return_shipping = cases[i].return_shipping;
      result = rd_calc_compute (input, &calc_policy, &error);
      g_assert_no_error (error);
      g_assert_cmpint (result->total, ==, cases[i].total);
    }
}

/* Another currency with its rate, and a second case of an order partly
 * refunded already: the calculator stops at what is left. */
static void
test_input_currency_and_prior (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) first = new_case ("website", "W-9", RD_REFUND_KIND_RETURN_REFUND, "changed_mind", 5000);
  g_autoptr(RdCase) second = new_case ("website", "W-9", RD_REFUND_KIND_RETURN_REFUND, "quality_problem", 5000);
  g_autoptr(RdCalcInput) input = NULL;
  g_autoptr(RdCalcResult) result = NULL;
  g_auto(RdPolicy) policy;
  RdCalcPolicy calc_policy;

  rd_policy_init_defaults (&policy);
  rd_policy_to_calc_policy (&policy, &calc_policy);

  first->currency = g_strdup ("USD");
  first->exchange_rate = g_strdup ("7.1");
  first->status = RD_CASE_STATUS_PAID;
  first->approved_amount = 3000;
  g_assert_true (rd_case_store_insert (f->store, first, "Lin", &error));
  second->currency = g_strdup ("USD");
  second->exchange_rate = g_strdup ("7.1");
  g_assert_true (rd_case_store_insert (f->store, second, "Lin", &error));
  g_assert_no_error (error);

  input = rd_case_calc_input_new (f->store, NULL, second, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (input->currency, ==, "USD");
  g_assert_cmpstr (input->exchange_rate, ==, "7.1");
  g_assert_cmpint (input->refunded_before, ==, 3000);
  g_assert_true (input->merchant_fault);

  result = rd_calc_compute (input, &calc_policy, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->total, ==, 2000);
  g_assert_nonnull (rd_calc_result_find_warning (result, RD_CALC_WARNING_CAPPED_PAID));

  /* fill_order leaves the lines as they are. */
  g_ptr_array_set_size (input->lines, 0);
  input->merchant_fault = FALSE;
  g_assert_true (rd_case_calc_fill_order (f->store, NULL, second, input, &error));
  g_assert_cmpuint (input->lines->len, ==, 0);
  g_assert_true (input->merchant_fault);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rd/case-calc/reason-fault", test_reason_fault);
  g_test_add_func ("/rd/case-calc/kind-shipped", test_kind_shipped);
  g_test_add ("/rd/case-calc/refunded-on-order", Fixture, NULL, fixture_set_up, test_refunded_on_order, fixture_tear_down);
  g_test_add ("/rd/case-calc/input-from-case", Fixture, NULL, fixture_set_up, test_input_from_case, fixture_tear_down);
  g_test_add ("/rd/case-calc/currency-and-prior", Fixture, NULL, fixture_set_up, test_input_currency_and_prior, fixture_tear_down);

  return g_test_run ();
}
