/* test-intake-future.c
 *
 * A request time ahead of now on the Intake page: within the clock-skew
 * tolerance it saves as usual; further ahead the row shows a warning (Save
 * stays available) and saving asks first. Cancel saves nothing and keeps the
 * form; "Save Anyway" saves the case with that time, then the duplicate
 * guard still applies.
 */
#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <string.h>

#include "rd-case-checks.h"
#include "rd-case-store.h"
#include "rd-intake-page.h"
#include "rd-test-ledger.h"
#include "rd-test-ui.h"
#include "rd-time.h"

typedef struct
{
  char         *dir;
  RdStore      *store;
  GSettings    *settings;
  GtkWindow    *window;
  RdIntakePage *page;
} Fixture;

static gpointer
child (RdIntakePage *page,
       const char   *name)
{
  gpointer widget = gtk_widget_get_template_child (GTK_WIDGET (page), RD_TYPE_INTAKE_PAGE, name);

  g_assert_nonnull (widget);
  return widget;
}

static void
set_text (RdIntakePage *page,
          const char   *row,
          const char   *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (page, row)), text);
  rd_test_ui_iterate ();
}

static void
select_id (RdIntakePage *page,
           const char   *row,
           const char   *id)
{
  const char *const *ids = g_object_get_data (G_OBJECT (child (page, row)), "rd-ids");

  g_assert_nonnull (ids);
  for (guint i = 0; ids[i] != NULL; i++)
    if (g_str_equal (ids[i], id))
      {
        adw_combo_row_set_selected (child (page, row), i);
        rd_test_ui_iterate ();
        return;
      }
  g_assert_not_reached ();
}

static void
fill_required (RdIntakePage *page,
               const char   *order_no,
               gint64        requested_at)
{
  g_autofree char *when = rd_time_format_local (requested_at);

  select_id (page, "channel_row", "jd");
  set_text (page, "order_row", order_no);
  select_id (page, "kind_row", "return_refund");
  select_id (page, "reason_row", "quality_problem");
  set_text (page, "amount_row", "128.50");
  select_id (page, "payment_row", "alipay");
  set_text (page, "requested_row", when);
}

static guint
count_open (Fixture    *fixture,
            const char *order_no)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = rd_case_store_find_open_duplicates (fixture->store, "jd", order_no, 0, &error);

  g_assert_no_error (error);
  return found->len;
}

static void
save (RdIntakePage *page)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "intake.save", NULL));
  rd_test_ui_iterate ();
}

/* As a click does: the response, then the dialog closes. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  rd_test_ui_iterate ();
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(RdContext) context = rd_test_ui_new_context (NULL);

  fixture->dir = rd_test_make_tmp_dir ();
  fixture->store = rd_test_ui_open_ledger (fixture->dir, NULL);
  fixture->settings = g_settings_new (APP_ID);
  rd_test_ui_sign_in (context, fixture->store, "Alice", RD_ROLE_CLERK);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  fixture->page = RD_INTAKE_PAGE (rd_intake_page_new (context));
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  gtk_window_set_default_size (fixture->window, 800, 900);
  gtk_window_present (fixture->window);
  rd_intake_page_set_store (fixture->page, fixture->store);
  rd_test_ui_iterate ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    g_object_ref (l->data);
  for (GList *l = toplevels; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free_full (toplevels, g_object_unref);
  rd_test_ui_iterate ();
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->settings);
  rd_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* Two minutes ahead (a clock a little fast): no warning, no question. */
static void
test_within_tolerance (Fixture       *fixture,
                       gconstpointer  data)
{
  RdIntakePage *page = fixture->page;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  GtkWidget *message = child (page, "request_message");

  g_assert_cmpint (2 * 60, <, RD_CASE_REQUEST_FUTURE_TOLERANCE);
  fill_required (page, "SKEW-1", now + 2 * 60);
  g_assert_false (gtk_widget_has_css_class (child (page, "requested_row"), "warning"));
  g_assert_false (gtk_widget_get_visible (message));

  save (page);
  g_assert_null (rd_test_ui_find_dialog ());
  g_assert_cmpuint (count_open (fixture, "SKEW-1"), ==, 1);
}

static void
test_future_confirmed (Fixture       *fixture,
                       gconstpointer  data)
{
  RdIntakePage *page = fixture->page;
  GtkWidget *message = child (page, "request_message");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  AdwMessageDialog *dialog;
  gint64 requested_at;

  g_assert_true (rd_case_parse_time ("2099-05-01 09:00", &requested_at, NULL));
  fill_required (page, "FUTURE-1", requested_at);

  /* A warning on the row, in the warning colour; Save stays available. */
  g_assert_true (gtk_widget_has_css_class (child (page, "requested_row"), "warning"));
  g_assert_false (gtk_widget_has_css_class (child (page, "requested_row"), "error"));
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (message)), ==,
                   "The request time 2099-05-01 09:00 is in the future. Check the date.");
  g_assert_true (gtk_widget_has_css_class (message, "warning"));
  g_assert_true (gtk_widget_is_sensitive (child (page, "save_button")));

  /* Saving asks; Cancel saves nothing, keeps the form and goes to the time. */
  save (page);
  dialog = rd_test_ui_find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "The request time 2099-05-01 09:00 is in the future. Save anyway?");
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  respond (dialog, "cancel");
  g_assert_cmpuint (count_open (fixture, "FUTURE-1"), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (child (page, "order_row")), ==, "FUTURE-1");
  g_assert_true (gtk_widget_has_focus (child (page, "requested_row")) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)), child (page, "requested_row")));

  /* Asked again, and "Save Anyway" saves it with that time. */
  save (page);
  dialog = rd_test_ui_find_dialog ();
  g_assert_nonnull (dialog);
  respond (dialog, "save");
  found = rd_case_store_find_open_duplicates (fixture->store, "jd", "FUTURE-1", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (((RdCase *) g_ptr_array_index (found, 0))->requested_at, ==, requested_at);
  g_assert_null (rd_test_ui_find_dialog ());

  /* The confirmation is for that save only: the next future case asks
   * again, and then the duplicate guard still speaks. */
  fill_required (page, "FUTURE-1", requested_at);
  save (page);
  dialog = rd_test_ui_find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "in the future"));
  respond (dialog, "save");
  dialog = rd_test_ui_find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "open"));
  respond (dialog, "cancel");
  g_assert_cmpuint (count_open (fixture, "FUTURE-1"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/rd/intake-future/within-tolerance", Fixture, NULL,
              fixture_set_up, test_within_tolerance, fixture_tear_down);
  g_test_add ("/rd/intake-future/confirmed", Fixture, NULL,
              fixture_set_up, test_future_confirmed, fixture_tear_down);

  return g_test_run ();
}
