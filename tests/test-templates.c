/* test-templates.c — reply templates: placeholders, every one filled or
 * named as missing, defaults, edits. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "rd-templates.h"
#include "rd-test-ledger.h"

typedef struct
{
  char    *dir;
  RdStore *store;
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
test_fill (void)
{
  const RdTemplateValues values = {
    .order = "4012345678",
    .amount = "¥128.00",
    .courier = "顺丰",
    .tracking = "SF1234567890",
    .deadline = "2026-11-24",
    .shop = "小林家居",
  };
  static const struct { const char *body; const char *expected; } cases[] = {
    { "Order {order}: {amount}.", "Order 4012345678: ¥128.00." },
    { "{courier} {tracking} by {deadline} — {shop}", "顺丰 SF1234567890 by 2026-11-24 — 小林家居" },
    { "{order}{order}", "40123456784012345678" },
    /* Unknown placeholders, odd braces and no value stay as written. */
    { "Dear {buyer}, order {order}", "Dear {buyer}, order 4012345678" },
    { "{reason} stays", "{reason} stays" },
    { "{ order } {Order} {{order}} {order", "{ order } {Order} {4012345678} {order" },
    { "", "" },
    { "}{", "}{" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *filled = rd_template_fill (cases[i].body, &values);
      g_assert_cmpstr (filled, ==, cases[i].expected);
    }

  {
    g_autofree char *untouched = rd_template_fill ("Order {order}", NULL);
    g_assert_cmpstr (untouched, ==, "Order {order}");
  }
}

/* rd_template_fill_all: every placeholder filled or left as a named gap. */
static void
test_fill_all (void)
{
  const RdTemplateValues values = {
    .order = "4012345678",
    .amount = "¥128.00",
    .deadline = "2026-11-24 14:00",
    .ship_by = "2026-12-01",
    .arrival = "2026-11-27",
    .shop = "小林家居",
    .reason = "",
  };
  static const struct
  {
    const char *body;
    const char *situation;
    const char *expected;
    const char *missing;    /* joined with "|" */
  } cases[] = {
    { "Order {order}: {amount}.", NULL, "Order 4012345678: ¥128.00.", "" },
    { "Send it by {ship_by}; refund by {deadline}.", "intercept",
      "Send it by 2026-12-01; refund by 2026-11-24 14:00.", "" },
    /* An older ledger's 请买家退货 and 退款已打款 say {deadline}: their date. */
    { "Please send it by {deadline}.", "ask_return", "Please send it by 2026-12-01.", "" },
    { "It should arrive by {deadline}.", "paid_arrival", "It should arrive by 2026-11-27.", "" },
    { "It should arrive by {arrival}.", "approved", "It should arrive by 2026-11-27.", "" },
    /* Spaces and capitals are forgiven. */
    { "{ Order } {ORDER}", NULL, "4012345678 4012345678", "" },
    /* What the case does not have: a gap, named once. */
    { "{courier} {tracking}, {courier}", "intercept",
      "[courier] [tracking number], [courier]", "courier|tracking number" },
    { "Because: {reason}", "refused", "Because: [refusal reason]", "refusal reason" },
    { "Dear {buyer}", NULL, "Dear [buyer]", "“buyer” (unknown placeholder)" },
    /* Braces that hold no name stay. */
    { "{} { } {{order}} {order", NULL, "{} { } {4012345678} {order", "" },
    { "{\n}", NULL, "{\n}", "" },
    { "{aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa}", NULL, "{aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa}", "" },
    { "", NULL, "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *filled = rd_template_fill_all (cases[i].body, cases[i].situation, &values, missing);
      g_autofree char *joined = NULL;

      g_ptr_array_add (missing, NULL);
      joined = g_strjoinv ("|", (char **) missing->pdata);
      g_assert_cmpstr (filled, ==, cases[i].expected);
      g_assert_cmpstr (joined, ==, cases[i].missing);
    }

  /* No values at all: every default template is left without a brace. */
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *filled = rd_template_fill_all ("{order}{amount}{courier}{tracking}{deadline}"
                                                      "{ship_by}{arrival}{shop}{reason}",
                                                      NULL, i == 0 ? NULL : &(RdTemplateValues) { 0 }, NULL);

      g_assert_null (strchr (filled, '{'));
      g_assert_null (strchr (filled, '}'));
    }
}

static void
test_defaults (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  const char *situations[] = { "approved", "intercept", "ask_return", "signed_locker",
                               "refused", "custom_partial", "lost_resent", "paid_arrival" };
  RdTemplate *tmpl;

  g_assert_cmpint (rd_templates_install_defaults (f->store, &error), ==, 8);
  g_assert_no_error (error);
  g_assert_cmpint (rd_templates_install_defaults (f->store, &error), ==, 0);

  list = rd_templates_list (f->store, &error);
  g_assert_cmpuint (list->len, ==, G_N_ELEMENTS (situations));
  for (guint i = 0; i < list->len; i++)
    {
      tmpl = g_ptr_array_index (list, i);
      g_assert_cmpstr (tmpl->situation, ==, situations[i]);
      g_assert_nonnull (strstr (tmpl->body, "{order}"));
      g_assert_nonnull (strstr (tmpl->body, "{shop}"));
    }
  /* The buyer's ship-back date is the shop's window, the arrival the
   * refund's: neither is the platform's deadline. */
  tmpl = g_ptr_array_index (list, 2);
  g_assert_nonnull (strstr (tmpl->body, "{ship_by}"));
  g_assert_null (strstr (tmpl->body, "{deadline}"));
  tmpl = g_ptr_array_index (list, 7);
  g_assert_nonnull (strstr (tmpl->body, "{arrival}"));
  g_assert_null (strstr (tmpl->body, "{deadline}"));

  /* Edited and deleted templates stay so: the defaults do not come back. */
  tmpl = g_ptr_array_index (list, 0);
  g_free (tmpl->body);
  tmpl->body = g_strdup ("Refund of {amount} approved.");
  g_assert_true (rd_templates_save (f->store, tmpl, "Li Na", &error));
  g_assert_true (rd_templates_delete (f->store, ((RdTemplate *) g_ptr_array_index (list, 1))->id, "Li Na", &error));
  g_assert_no_error (error);
  g_assert_cmpint (rd_templates_install_defaults (f->store, &error), ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  list = rd_templates_list (f->store, &error);
  g_assert_cmpuint (list->len, ==, 7);
  g_assert_cmpstr (((RdTemplate *) g_ptr_array_index (list, 0))->body, ==, "Refund of {amount} approved.");

  {
    RdTemplate mine = { .title = "Holiday delay", .body = "We are closed until {deadline}.", .situation = "holiday", .sort_order = 5 };

    g_assert_true (rd_templates_save (f->store, &mine, "Li Na", &error));
    g_assert_cmpint (mine.id, >, 0);
    g_clear_pointer (&list, g_ptr_array_unref);
    list = rd_templates_list (f->store, &error);
    g_assert_cmpstr (((RdTemplate *) g_ptr_array_index (list, 0))->title, ==, "Holiday delay");
  }
}

/* The defaults follow the UI language of the first run. */
static void
test_defaults_chinese (Fixture       *f,
                       gconstpointer  data)
{
  const char *localedir = g_getenv ("REFUND_DESK_LOCALEDIR");
  g_autofree char *old_locale = g_strdup (setlocale (LC_ALL, NULL));
  g_autofree char *mo = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  RdTemplate *tmpl;

  if (localedir == NULL)
    {
      g_test_skip ("REFUND_DESK_LOCALEDIR is not set");
      return;
    }
  mo = g_build_filename (localedir, "zh_CN", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (!g_file_test (mo, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the zh_CN catalogue is not built");
      return;
    }
  if (setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
    {
      g_test_skip ("the zh_CN.UTF-8 locale is not installed");
      return;
    }
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  g_assert_cmpint (rd_templates_install_defaults (f->store, &error), ==, 8);
  list = rd_templates_list (f->store, &error);
  tmpl = g_ptr_array_index (list, 0);
  g_assert_nonnull (strstr (tmpl->title, "退款"));
  g_assert_nonnull (strstr (tmpl->body, "{order}"));
  g_assert_nonnull (strstr (tmpl->body, "{amount}"));
  g_assert_null (strstr (tmpl->body, "Hello"));

  setlocale (LC_ALL, old_locale);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rd/templates/fill", test_fill);
  g_test_add_func ("/rd/templates/fill-all", test_fill_all);
  g_test_add ("/rd/templates/defaults", Fixture, NULL, fixture_set_up, test_defaults, fixture_tear_down);
  g_test_add ("/rd/templates/defaults-chinese", Fixture, NULL, fixture_set_up, test_defaults_chinese, fixture_tear_down);

  return g_test_run ();
}
