/* test-window-keys.c
 *
 * Ctrl+S and Ctrl+F wherever the focus is in the window: Ctrl+S saves the
 * Intake form right after the operator is chosen (the focus still on the
 * operator button in the header bar), and Ctrl+F on a page without a search
 * of its own (Intercepts, Calculator) shows the Ledger with its search
 * focused. The shortcuts window lists both.
 *
 * GTK 4 cannot synthesize a key event, so press () does what the window does
 * with one: the shortcut controllers of the focus widget and its ancestors,
 * capture phase from the window down and bubble phase back up, each
 * shortcut whose trigger is the key, until one handles it.
 */
#include "config.h"

#include <adwaita.h>
#include <locale.h>

#include "rd-application.h"
#include "rd-case-store.h"
#include "rd-intake-page.h"
#include "rd-ledger-page.h"
#include "rd-test-ledger.h"
#include "rd-test-ui.h"
#include "rd-window.h"

static RdApplication *app;

typedef struct
{
  char      *dir;
  RdStore   *store;
  GSettings *settings;
  RdWindow  *window;
  RdContext *context;
} Fixture;

static gboolean
trigger_is_key (GtkShortcutTrigger *trigger,
                guint               keyval,
                GdkModifierType     modifiers)
{
  if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    return trigger_is_key (gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)), keyval, modifiers) ||
           trigger_is_key (gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)), keyval, modifiers);
  return GTK_IS_KEYVAL_TRIGGER (trigger) &&
         gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
         gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers;
}

/* The shortcuts of widget's controllers in that phase; TRUE when one took
 * the key. */
static gboolean
run_controllers (GtkWidget       *widget,
                 GtkPropagationPhase phase,
                 guint            keyval,
                 GdkModifierType  modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller) ||
          gtk_event_controller_get_propagation_phase (controller) != phase ||
          gtk_shortcut_controller_get_scope (GTK_SHORTCUT_CONTROLLER (controller)) != GTK_SHORTCUT_SCOPE_LOCAL)
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (trigger_is_key (gtk_shortcut_get_trigger (shortcut), keyval, modifiers) &&
              gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                            widget, gtk_shortcut_get_arguments (shortcut)))
            return TRUE;
        }
    }

  return FALSE;
}

static gboolean
press (RdWindow        *window,
       guint            keyval,
       GdkModifierType  modifiers)
{
  g_autoptr(GPtrArray) chain = g_ptr_array_new ();
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  gboolean handled = FALSE;

  for (GtkWidget *w = focus != NULL ? focus : GTK_WIDGET (window); w != NULL; w = gtk_widget_get_parent (w))
    g_ptr_array_add (chain, w);

  for (guint i = chain->len; i > 0 && !handled; i--)
    handled = run_controllers (g_ptr_array_index (chain, i - 1), GTK_PHASE_CAPTURE, keyval, modifiers);
  for (guint i = 0; i < chain->len && !handled; i++)
    handled = run_controllers (g_ptr_array_index (chain, i), GTK_PHASE_BUBBLE, keyval, modifiers);
  rd_test_ui_iterate ();

  return handled;
}

static gpointer
intake_child (RdWindow   *window,
              const char *name)
{
  GtkWidget *page = rd_test_ui_find_descendant (GTK_WIDGET (window), RD_TYPE_INTAKE_PAGE, NULL);
  gpointer widget = gtk_widget_get_template_child (page, RD_TYPE_INTAKE_PAGE, name);

  g_assert_nonnull (widget);
  return widget;
}

static void
select_id (RdWindow   *window,
           const char *row,
           const char *id)
{
  const char *const *ids = g_object_get_data (G_OBJECT (intake_child (window, row)), "rd-ids");

  g_assert_nonnull (ids);
  for (guint i = 0; ids[i] != NULL; i++)
    if (g_str_equal (ids[i], id))
      {
        adw_combo_row_set_selected (intake_child (window, row), i);
        rd_test_ui_iterate ();
        return;
      }
  g_assert_not_reached ();
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

static GtkWidget *
window_child (Fixture    *fixture,
              const char *name)
{
  GtkWidget *widget = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fixture->window), RD_TYPE_WINDOW, name));

  g_assert_nonnull (widget);
  return widget;
}

static gboolean
focus_is_within (Fixture   *fixture,
                 GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static GtkWidget *
ledger_search (Fixture *fixture)
{
  GtkWidget *page = rd_test_ui_find_descendant (GTK_WIDGET (fixture->window), RD_TYPE_LEDGER_PAGE, NULL);
  GtkWidget *search = (GtkWidget *) gtk_widget_get_template_child (page, RD_TYPE_LEDGER_PAGE, "search_entry");

  g_assert_nonnull (search);
  return search;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(RdContext) context = NULL;

  fixture->dir = rd_test_make_tmp_dir ();
  fixture->store = rd_test_ui_open_ledger (fixture->dir, NULL);
  fixture->settings = g_settings_new (APP_ID);
  rd_test_add_operators (fixture->store);

  context = rd_test_ui_new_context (fixture->store);
  fixture->context = g_object_ref (context);
  fixture->window = rd_window_new (GTK_APPLICATION (app), context);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (fixture->window));
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
  g_settings_reset (fixture->settings, "last-page");
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->settings);
  rd_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* The form is filled, the operator chosen from the header's menu last: the
 * focus is on the operator button, outside the page, and Ctrl+S saves. */
static void
test_save_from_header (Fixture       *fixture,
                       gconstpointer  data)
{
  RdWindow *window = fixture->window;
  GtkWidget *operator_button = window_child (fixture, "operator_button");

  rd_window_show_page (window, "intake");
  rd_test_ui_iterate ();
  select_id (window, "channel_row", "jd");
  gtk_editable_set_text (intake_child (window, "order_row"), "KEYS-1");
  select_id (window, "kind_row", "return_refund");
  select_id (window, "reason_row", "quality_problem");
  gtk_editable_set_text (intake_child (window, "amount_row"), "99.00");
  select_id (window, "payment_row", "alipay");

  g_assert_true (gtk_widget_grab_focus (operator_button));
  /* What the PIN dialog does once 李娜's PIN is right. */
  rd_test_ui_sign_in (fixture->context, fixture->store, "李娜", RD_ROLE_CLERK);
  rd_test_ui_iterate ();
  g_assert_true (focus_is_within (fixture, operator_button));
  g_assert_cmpuint (count_open (fixture, "KEYS-1"), ==, 0);

  g_assert_true (press (window, GDK_KEY_s, GDK_CONTROL_MASK));
  g_assert_cmpuint (count_open (fixture, "KEYS-1"), ==, 1);
  /* The form is cleared for the next case. */
  g_assert_cmpstr (gtk_editable_get_text (intake_child (window, "order_row")), ==, "");

  /* From inside the form too, as before. */
  select_id (window, "channel_row", "jd");
  gtk_editable_set_text (intake_child (window, "order_row"), "KEYS-2");
  select_id (window, "kind_row", "return_refund");
  select_id (window, "reason_row", "quality_problem");
  gtk_editable_set_text (intake_child (window, "amount_row"), "99.00");
  select_id (window, "payment_row", "alipay");
  g_assert_true (gtk_widget_grab_focus (intake_child (window, "amount_row")));
  g_assert_true (press (window, GDK_KEY_s, GDK_CONTROL_MASK));
  g_assert_cmpuint (count_open (fixture, "KEYS-2"), ==, 1);

  /* On another page Ctrl+S saves nothing, even with a form ready. */
  select_id (window, "channel_row", "jd");
  gtk_editable_set_text (intake_child (window, "order_row"), "KEYS-3");
  select_id (window, "kind_row", "return_refund");
  select_id (window, "reason_row", "quality_problem");
  gtk_editable_set_text (intake_child (window, "amount_row"), "99.00");
  select_id (window, "payment_row", "alipay");
  rd_window_show_page (window, "calculator");
  rd_test_ui_iterate ();
  press (window, GDK_KEY_s, GDK_CONTROL_MASK);
  g_assert_cmpuint (count_open (fixture, "KEYS-3"), ==, 0);
  g_assert_cmpstr (rd_window_get_visible_page (window), ==, "calculator");
}

/* Ctrl+F: the Ledger's search, from the Ledger itself and from the pages
 * that have no search of their own. */
static void
test_find (Fixture       *fixture,
           gconstpointer  data)
{
  static const char *pages[] = { "intercepts", "calculator", "intake", "reports", "ledger" };
  RdWindow *window = fixture->window;
  GtkWidget *operator_button = window_child (fixture, "operator_button");

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_test_message ("Ctrl+F on %s", pages[i]);
      rd_window_show_page (window, pages[i]);
      rd_test_ui_iterate ();
      g_assert_cmpstr (rd_window_get_visible_page (window), ==, pages[i]);
      g_assert_false (focus_is_within (fixture, ledger_search (fixture)));

      g_assert_true (press (window, GDK_KEY_f, GDK_CONTROL_MASK));
      g_assert_cmpstr (rd_window_get_visible_page (window), ==, "ledger");
      g_assert_true (focus_is_within (fixture, ledger_search (fixture)));

      /* Away again for the next page: the focus in the header. */
      g_assert_true (gtk_widget_grab_focus (operator_button));
    }
}

/* The shortcuts window says what the keys do. */
static void
test_shortcuts_window (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/gtk/help-overlay.ui");
  GSList *objects = gtk_builder_get_objects (builder);
  gboolean saw_save = FALSE;
  gboolean saw_find = FALSE;

  for (GSList *l = objects; l != NULL; l = l->next)
    if (GTK_IS_SHORTCUTS_SHORTCUT (l->data))
      {
        g_autofree char *accel = NULL;
        g_autofree char *title = NULL;

        g_object_get (l->data, "accelerator", &accel, "title", &title, NULL);
        if (g_strcmp0 (accel, "<Control>s") == 0)
          saw_save = g_str_equal (title, "Save the new case");
        if (g_strcmp0 (accel, "<Control>f") == 0)
          saw_find = g_str_equal (title, "Search the ledger");
      }
  g_slist_free (objects);
  gtk_window_destroy (GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay")));

  g_assert_true (saw_save);
  g_assert_true (saw_find);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  app = rd_application_new (G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add ("/rd/window-keys/save-from-header", Fixture, NULL,
              fixture_set_up, test_save_from_header, fixture_tear_down);
  g_test_add ("/rd/window-keys/find", Fixture, NULL,
              fixture_set_up, test_find, fixture_tear_down);
  g_test_add ("/rd/window-keys/shortcuts-window", Fixture, NULL,
              fixture_set_up, test_shortcuts_window, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&app);

  return status;
}
