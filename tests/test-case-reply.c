/* test-case-reply.c
 *
 * Reply templates filled for a case (rd-case-reply): courier and tracking
 * number from the case's intercept, else its outbound parcel, else the
 * return parcel; a value the case lacks left as a named gap and never as
 * "{…}"; the ship-back date of 请买家退货 from the shop's return window,
 * counted from when the return was asked.
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "rd-audit.h"
#include "rd-case-reply.h"
#include "rd-case-store.h"
#include "rd-intercepts.h"
#include "rd-shop-lists.h"
#include "rd-test-ledger.h"

typedef struct
{
  char      *dir;
  RdStore   *store;
  RdPolicy   policy;
  GSettings *settings;
} Fixture;

/* 2026-03-01 10:00 UTC */
#define T0 G_GINT64_CONSTANT (1772359200)
#define DAY (24 * 3600)

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
  g_assert_cmpint (rd_templates_install_defaults (f->store, &error), ==, 8);
  rd_policy_init_defaults (&f->policy);
  f->settings = g_settings_new (APP_ID);
  g_settings_set_string (f->settings, "shop-name", "小林家居");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_settings_reset (f->settings, "shop-name");
  g_settings_reset (f->settings, "couriers");
  g_clear_object (&f->settings);
  rd_policy_clear (&f->policy);
  g_clear_object (&f->store);
  rd_test_remove_tree (f->dir);
  g_free (f->dir);
}

static gint64
insert_case (Fixture      *f,
             RdRefundKind  kind,
             const char   *order_no)
{
  g_autoptr(RdCase) rcase = rd_case_new ();
  g_autoptr(GError) error = NULL;

  rcase->channel = g_strdup ("taobao");
  rcase->order_no = g_strdup (order_no);
  rcase->kind = kind;
  rcase->reason = g_strdup ("quality_problem");
  rcase->payment_method = RD_PAYMENT_METHOD_ALIPAY;
  rcase->amount_paid = 12800;
  rcase->requested_at = T0;
  rcase->platform_deadline = T0 + 2 * DAY;
  g_assert_true (rd_case_store_insert (f->store, rcase, "Lin", &error));
  g_assert_no_error (error);
  return rcase->id;
}

static RdCase *
get_case (Fixture *f,
          gint64   id)
{
  g_autoptr(GError) error = NULL;
  RdCase *rcase = rd_case_store_get (f->store, id, &error);

  g_assert_no_error (error);
  return rcase;
}

static RdTemplate *
find_template (Fixture    *f,
               const char *situation)
{
  g_autoptr(GPtrArray) list = rd_templates_list (f->store, NULL);

  for (guint i = 0; i < list->len; i++)
    {
      RdTemplate *tmpl = g_ptr_array_index (list, i);

      if (g_strcmp0 (tmpl->situation, situation) == 0)
        return g_ptr_array_steal_index (list, i);
    }
  g_assert_not_reached ();
}

/* The reply, with what was missing joined by "|". */
static char *
fill (Fixture       *f,
      const RdCase  *rcase,
      const char    *situation,
      gint64         now,
      char         **missing_out)
{
  g_autoptr(RdTemplate) tmpl = find_template (f, situation);
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  char *text;

  text = rd_case_reply_fill (f->store, &f->policy, f->settings, rcase, tmpl, now, missing, &error);
  g_assert_no_error (error);
  g_assert_nonnull (text);
  /* Never a placeholder left as written. */
  g_assert_null (strchr (text, '{'));
  g_assert_null (strchr (text, '}'));
  g_ptr_array_add (missing, NULL);
  *missing_out = g_strjoinv ("|", (char **) missing->pdata);
  return text;
}

/* A shipped case: its intercept's parcel, else its outbound parcel. */
static void
test_parcel (Fixture       *f,
             gconstpointer  data)
{
  static const struct
  {
    const char *outbound_courier;
    const char *outbound_tracking;
    gboolean    intercept;
    const char *courier;        /* in the text; NULL: a gap */
    const char *tracking;
    const char *missing;
  } cases[] = {
    { NULL,    NULL,            FALSE, NULL,            NULL,           "courier|tracking number" },
    { "sf",    "SF1234567890",  FALSE, "SF Express",    "SF1234567890", "" },
    { "zto",   NULL,            FALSE, "ZTO Express",   NULL,           "tracking number" },
    { "other", "YD998877",      FALSE, NULL,            "YD998877",     "courier" },
    /* The shop's own courier, by its name. */
    { "安能物流", "AN55",       FALSE, "安能物流",      "AN55",         "" },
    /* An intercept wins over the outbound fields. */
    { "zto",   "ZT0001",        TRUE,  "SF Express",    "SF7777000011", "" },
    { NULL,    NULL,            TRUE,  "SF Express",    "SF7777000012", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *order_no = g_strdup_printf ("TB-%u", i);
      gint64 id = insert_case (f, RD_REFUND_KIND_REFUND_ONLY_SHIPPED, order_no);
      g_autoptr(RdCase) rcase = get_case (f, id);
      g_autoptr(GError) error = NULL;
      g_autofree char *missing = NULL;
      g_autofree char *text = NULL;

      rcase->outbound_courier = g_strdup (cases[i].outbound_courier);
      rcase->outbound_tracking = g_strdup (cases[i].outbound_tracking);
      g_assert_true (rd_case_store_update (f->store, rcase, "Lin", &error));
      g_assert_no_error (error);

      if (cases[i].intercept)
        {
          g_autoptr(RdIntercept) intercept = rd_intercepts_prefill_from_case (f->store, id, &f->policy, T0, &error);

          g_assert_no_error (error);
          intercept->courier = RD_COURIER_SF;
          intercept->tracking_no = g_strdup (cases[i].tracking);
          intercept->province = g_strdup ("广东");
          g_assert_true (rd_intercepts_create (f->store, intercept, &f->policy, "Lin", T0, NULL, NULL, &error));
          g_assert_no_error (error);
        }

      g_clear_pointer (&rcase, rd_case_free);
      rcase = get_case (f, id);
      text = fill (f, rcase, "intercept", T0, &missing);
      g_assert_nonnull (strstr (text, order_no));
      g_assert_nonnull (strstr (text, "小林家居"));
      g_assert_nonnull (strstr (text, "2026-03-03 10:00"));   /* the platform deadline */
      if (cases[i].courier != NULL)
        g_assert_nonnull (strstr (text, cases[i].courier));
      else
        g_assert_nonnull (strstr (text, "[courier]"));
      if (cases[i].tracking != NULL)
        g_assert_nonnull (strstr (text, cases[i].tracking));
      else
        g_assert_nonnull (strstr (text, "[tracking number]"));
      g_assert_cmpstr (missing, ==, cases[i].missing);
    }
}

/* A renamed courier is named as the shop calls it; a return-and-refund
 * case without any other parcel gives the buyer's return tracking number. */
static void
test_courier_names_and_return (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = insert_case (f, RD_REFUND_KIND_REFUND_ONLY_SHIPPED, "TB-R");
  gint64 return_id = insert_case (f, RD_REFUND_KIND_RETURN_REFUND, "TB-RR");
  g_autoptr(RdCase) rcase = get_case (f, id);
  g_autoptr(RdCase) return_case = get_case (f, return_id);
  g_autofree char *missing = NULL;
  g_autofree char *text = NULL;

  g_assert_true (rd_lists_rename (f->settings, RD_LIST_COURIERS, "sf", "顺丰速运", &error));
  rcase->outbound_courier = g_strdup ("sf");
  rcase->outbound_tracking = g_strdup ("SF1");
  text = fill (f, rcase, "signed_locker", T0, &missing);
  g_assert_nonnull (strstr (text, "顺丰速运"));
  g_assert_cmpstr (missing, ==, "");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&missing, g_free);

  /* Nothing of a parcel: every gap left in the text is named. */
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&missing, g_free);
  text = fill (f, return_case, "signed_locker", T0, &missing);
  g_assert_nonnull (strstr (text, "[courier]"));
  g_assert_nonnull (strstr (text, "[tracking number]"));
  g_assert_cmpstr (missing, ==, "courier|tracking number");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&missing, g_free);

  return_case->return_tracking = g_strdup ("YT5550001");
  text = fill (f, return_case, "lost_resent", T0, &missing);
  g_assert_nonnull (strstr (text, "YT5550001"));
  g_assert_cmpstr (missing, ==, "courier");
}

/* 请买家退货: the ship-back date is the shop's window from when the return
 * was asked, in the new template and in an older ledger's that says
 * {deadline}. */
static void
test_ship_by (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdTemplate) tmpl = find_template (f, "ask_return");
  g_autoptr(GPtrArray) entries = NULL;
  gint64 id = insert_case (f, RD_REFUND_KIND_RETURN_REFUND, "TB-AR");
  g_autoptr(RdCase) rcase = get_case (f, id);
  g_autofree char *missing = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  gint64 asked_at = 0;

  /* Not asked yet: from now (2026-03-01) + 7 days; never the platform's
   * deadline (2026-03-03). */
  text = fill (f, rcase, "ask_return", T0, &missing);
  g_assert_nonnull (strstr (text, "2026-03-08"));
  g_assert_null (strstr (text, "2026-03-03"));
  g_assert_cmpstr (missing, ==, "");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&missing, g_free);

  /* The shop's own window. */
  f->policy.return_ship_days = 3;
  text = fill (f, rcase, "ask_return", T0, &missing);
  g_assert_nonnull (strstr (text, "2026-03-04"));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&missing, g_free);

  /* An older ledger's text with {deadline}: the same date. */
  g_free (tmpl->body);
  tmpl->body = g_strdup ("请在 {deadline} 前寄回。— {shop}");
  g_assert_true (rd_templates_save (f->store, tmpl, "Lin", &error));
  g_assert_no_error (error);
  text = fill (f, rcase, "ask_return", T0, &missing);
  g_assert_cmpstr (text, ==, "请在 2026-03-04 前寄回。— 小林家居");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&missing, g_free);

  /* Asked for the return: counted from then, not from when the reply is
   * copied again later. */
  rcase->status = RD_CASE_STATUS_AWAITING_RETURN;
  g_assert_true (rd_case_store_update (f->store, rcase, "Lin", &error));
  g_assert_no_error (error);
  entries = rd_audit_list_for_case (f->store, id, &error);
  for (guint i = 0; i < entries->len; i++)
    {
      RdAuditEntry *entry = g_ptr_array_index (entries, i);

      if (g_strcmp0 (entry->field, "status") == 0 && g_strcmp0 (entry->new_value, "awaiting_return") == 0)
        asked_at = entry->at;
    }
  g_assert_cmpint (asked_at, >, 0);
  expected = rd_policy_format_ship_by (&f->policy, asked_at);
  text = fill (f, rcase, "ask_return", asked_at + 30 * DAY, &missing);
  g_assert_nonnull (strstr (text, expected));
}

static void
test_policy_ship_by (void)
{
  static const struct
  {
    guint       days;
    gint64      asked_at;
    const char *expected;
  } cases[] = {
    { 7,   T0,                            "2026-03-08" },
    { 1,   T0,                            "2026-03-02" },
    { 3,   G_GINT64_CONSTANT (1772323199), "2026-03-03" },  /* 2026-02-28 23:59:59 */
    { 365, T0,                            "2027-03-01" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(RdPolicy) policy;
      g_autofree char *date = NULL;

      rd_policy_init_defaults (&policy);
      policy.return_ship_days = cases[i].days;
      date = rd_policy_format_ship_by (&policy, cases[i].asked_at);
      g_assert_cmpstr (date, ==, cases[i].expected);
    }
}

/* Every default template for a case that has everything: nothing missing. */
static void
test_complete_case (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) list = rd_templates_list (f->store, NULL);
  gint64 id = insert_case (f, RD_REFUND_KIND_REFUND_ONLY_SHIPPED, "TB-ALL");
  g_autoptr(RdCase) rcase = get_case (f, id);

  rcase->outbound_courier = g_strdup ("yto");
  rcase->outbound_tracking = g_strdup ("YT0001");
  rcase->refusal_reason = RD_REFUSAL_REASON_SIGNED_NO_FAULT;
  rcase->expected_arrival = g_strdup ("2026-03-06");
  rcase->approved_amount = 12000;

  for (guint i = 0; i < list->len; i++)
    {
      RdTemplate *tmpl = g_ptr_array_index (list, i);
      g_autofree char *missing = NULL;
      g_autofree char *text = fill (f, rcase, tmpl->situation, T0, &missing);

      g_assert_cmpstr (missing, ==, "");
      g_assert_nonnull (strstr (text, "TB-ALL"));
      if (strstr (tmpl->body, "{amount}") != NULL)
        g_assert_nonnull (strstr (text, "¥120.00"));
      if (g_str_equal (tmpl->situation, "paid_arrival"))
        g_assert_nonnull (strstr (text, "2026-03-06"));
    }
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/rd/case-reply/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("parcel", test_parcel);
  ADD ("courier-names-and-return", test_courier_names_and_return);
  ADD ("ship-by", test_ship_by);
  ADD ("complete-case", test_complete_case);
#undef ADD
  g_test_add_func ("/rd/case-reply/policy-ship-by", test_policy_ship_by);

  return g_test_run ();
}
