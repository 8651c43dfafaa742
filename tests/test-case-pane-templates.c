/* test-case-pane-templates.c
 *
 * The case pane's reply templates under a real display: the text copied to
 * the clipboard is filled from the case and its parcel, never carries a
 * literal "{…}", and the toast names what the case does not have (the
 * last copy's, when one follows another); the ship-back date of 请买家退货
 * follows the shop's return window.
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "rd-case-pane.h"
#include "rd-case-store.h"
#include "rd-intercepts.h"
#include "rd-templates.h"
#include "rd-test-ledger.h"
#include "rd-test-ui.h"

typedef struct
{
  char       *dir;
  RdStore    *store;
  RdContext  *context;
  GSettings  *settings;
  GtkWidget  *window;
  GtkWidget  *overlay;
  RdCasePane *pane;
} Fixture;

/* 2026-03-01 10:00 UTC */
#define T0 G_GINT64_CONSTANT (1772359200)

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = rd_test_make_tmp_dir ();
  f->store = rd_test_ui_open_ledger (f->dir, NULL);
  g_assert_cmpint (rd_templates_install_defaults (f->store, &error), ==, 8);
  f->settings = g_settings_new (APP_ID);
  g_settings_set_string (f->settings, "shop-name", "小林家居");
  f->context = rd_test_ui_new_context (f->store);

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 600, 800);
  f->overlay = adw_toast_overlay_new ();
  f->pane = RD_CASE_PANE (rd_case_pane_new ());
  rd_case_pane_set_context (f->pane, f->context);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (f->overlay), GTK_WIDGET (f->pane));
  gtk_window_set_child (GTK_WINDOW (f->window), f->overlay);
  gtk_window_present (GTK_WINDOW (f->window));
  rd_test_ui_iterate ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  rd_test_ui_iterate ();
  g_settings_reset (f->settings, "shop-name");
  g_settings_reset (f->settings, "return-ship-days");
  g_clear_object (&f->settings);
  g_clear_object (&f->context);
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
  rcase->platform_deadline = T0 + 24 * 3600;
  g_assert_true (rd_case_store_insert (f->store, rcase, "Lin", &error));
  g_assert_no_error (error);
  return rcase->id;
}

static gint64
template_id (Fixture    *f,
             const char *situation)
{
  g_autoptr(GPtrArray) list = rd_templates_list (f->store, NULL);

  for (guint i = 0; i < list->len; i++)
    {
      RdTemplate *tmpl = g_ptr_array_index (list, i);

      if (g_strcmp0 (tmpl->situation, situation) == 0)
        return tmpl->id;
    }
  g_assert_not_reached ();
}

/* Copies the template as the menu does and returns the clipboard's text. */
static char *
copy_template (Fixture    *f,
               const char *situation)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (f->pane));
  GValue value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;
  char *text;

  gdk_clipboard_set_text (clipboard, "");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->pane), "case.copy-template", "x",
                                             template_id (f, situation)));
  rd_test_ui_iterate ();

  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (gdk_clipboard_get_content (clipboard), &value, &error));
  g_assert_no_error (error);
  text = g_value_dup_string (&value);
  g_value_unset (&value);

  g_assert_null (strchr (text, '{'));
  g_assert_null (strchr (text, '}'));
  return text;
}

/* Whether a label under widget (a toast) shows text containing part. */
static gboolean
shows_label (GtkWidget  *widget,
             const char *part)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), part) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, part))
      return TRUE;

  return FALSE;
}

static void
test_parcel_filled (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdIntercept) intercept = NULL;
  gint64 id = insert_case (f, RD_REFUND_KIND_REFUND_ONLY_SHIPPED, "TB-88");
  g_autofree char *text = NULL;

  intercept = rd_intercepts_prefill_from_case (f->store, id, rd_context_get_policy (f->context), T0, &error);
  g_assert_no_error (error);
  intercept->courier = RD_COURIER_SF;
  intercept->tracking_no = g_strdup ("SF1234567890");
  intercept->province = g_strdup ("广东");
  g_assert_true (rd_intercepts_create (f->store, intercept, rd_context_get_policy (f->context), "Lin",
                                       T0, NULL, NULL, &error));
  g_assert_no_error (error);

  rd_case_pane_show_case (f->pane, id);
  rd_test_ui_iterate ();

  text = copy_template (f, "intercept");
  g_assert_nonnull (strstr (text, "TB-88"));
  g_assert_nonnull (strstr (text, "SF Express"));
  g_assert_nonnull (strstr (text, "SF1234567890"));
  g_assert_nonnull (strstr (text, "小林家居"));
  g_assert_true (shows_label (f->overlay, "Copied"));
  g_assert_false (shows_label (f->overlay, "Not on this case"));
}

static void
test_missing_named (Fixture       *f,
                    gconstpointer  data)
{
  gint64 id = insert_case (f, RD_REFUND_KIND_REFUND_ONLY_SHIPPED, "TB-99");
  g_autofree char *text = NULL;

  rd_case_pane_show_case (f->pane, id);
  rd_test_ui_iterate ();

  text = copy_template (f, "intercept");
  g_assert_nonnull (strstr (text, "TB-99"));
  g_assert_nonnull (strstr (text, "[courier]"));
  g_assert_nonnull (strstr (text, "[tracking number]"));
  g_assert_true (shows_label (f->overlay, "Not on this case, fill in before sending: courier, tracking number"));
}

/* Copying one template after another: the message in view is the last
 * one's, naming everything it lacks, not the first one's still waiting to
 * time out (a toast added while another shows would be queued behind it). */
static void
test_missing_after_another (Fixture       *f,
                            gconstpointer  data)
{
  gint64 id = insert_case (f, RD_REFUND_KIND_RETURN_REFUND, "TB-66");
  g_autofree char *approved = NULL;
  g_autofree char *locker = NULL;

  g_settings_set_string (f->settings, "shop-name", "");
  rd_case_pane_show_case (f->pane, id);
  rd_test_ui_iterate ();

  approved = copy_template (f, "approved");
  g_assert_true (shows_label (f->overlay, "Not on this case, fill in before sending: shop name"));

  locker = copy_template (f, "signed_locker");
  g_assert_nonnull (strstr (locker, "[courier]"));
  g_assert_nonnull (strstr (locker, "[tracking number]"));
  g_assert_true (shows_label (f->overlay, "Not on this case, fill in before sending: courier, tracking number, shop name"));
}

static void
test_ship_by (Fixture       *f,
              gconstpointer  data)
{
  gint64 id = insert_case (f, RD_REFUND_KIND_RETURN_REFUND, "TB-77");
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;

  g_settings_set_uint (f->settings, "return-ship-days", 10);
  rd_test_ui_iterate ();
  g_assert_cmpuint (rd_context_get_policy (f->context)->return_ship_days, ==, 10);

  rd_case_pane_show_case (f->pane, id);
  rd_test_ui_iterate ();

  text = copy_template (f, "ask_return");
  expected = rd_policy_format_ship_by (rd_context_get_policy (f->context), g_get_real_time () / G_USEC_PER_SEC);
  g_assert_nonnull (strstr (text, expected));
  g_assert_null (strstr (text, "2026-03-02"));   /* the platform's deadline */
  g_assert_true (shows_label (f->overlay, "Copied"));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(name, func) \
  g_test_add ("/rd/case-pane-templates/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("parcel-filled", test_parcel_filled);
  ADD ("missing-named", test_missing_named);
  ADD ("missing-after-another", test_missing_after_another);
  ADD ("ship-by", test_ship_by);
#undef ADD

  return g_test_run ();
}
