/* test-operators-ui.c
 *
 * Proving who you are, under a real display: switching operator needs the
 * right PIN (a wrong one is said inline, keeps the dialog open and changes
 * nothing); a name from before PINs sets one, typed twice, on first use; the
 * idle lock returns to no operator; the first-run assistant creates the
 * first admin of an empty ledger; Preferences → People lets only an admin
 * add an operator, change a role or reset a PIN, each with their PIN.
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "rd-application.h"
#include "rd-idle-lock.h"
#include "rd-people-group.h"
#include "rd-pin-dialog.h"
#include "rd-preferences-window.h"
#include "rd-test-ledger.h"
#include "rd-test-ui.h"
#include "rd-window.h"

static RdApplication *app;

/* 33 characters: one more than an operator's name may have. */
#define LONG_NAME "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"

typedef struct
{
  char      *dir;
  RdStore   *store;
  RdContext *context;
  RdWindow  *window;
  GSettings *settings;
} Fixture;

/* A new ledger with no one in it (rd_test_ui_open_ledger adds the tests'
 * people). */
static RdStore *
open_empty_ledger (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "ledger.db", NULL);
  RdStore *store = rd_store_open (path, RD_STORE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  return store;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = rd_test_make_tmp_dir ();
  f->store = open_empty_ledger (f->dir);
  f->settings = g_settings_new (APP_ID);
  g_settings_reset (f->settings, "operators");
  f->context = rd_test_ui_new_context (f->store);
  f->window = rd_window_new (GTK_APPLICATION (app), f->context);
  gtk_window_present (GTK_WINDOW (f->window));
  rd_test_ui_iterate ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (toplevels);
  rd_test_ui_iterate ();

  g_settings_reset (f->settings, "operators");
  g_clear_object (&f->settings);
  g_clear_object (&f->context);
  g_clear_object (&f->store);
  rd_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* The last PIN dialog shown and still open, or NULL. */
static RdPinDialog *
find_pin_dialog (void)
{
  RdPinDialog *found = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (RD_IS_PIN_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);

  return found;
}

static const char *
operator_label (Fixture *f)
{
  GtkLabel *label = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (f->window), RD_TYPE_WINDOW,
                                                              "operator_label"));

  return gtk_label_get_label (label);
}

static void
add_people (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rd_operators_create_first_admin (f->store, "阿珍", "2468", &error));
  g_assert_no_error (error);
  g_assert_true (rd_operators_add (f->store, "阿珍", "2468", "小王", RD_ROLE_CLERK, "1357", &error));
  g_assert_no_error (error);
}

static gboolean
on_wait_done (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_ms (guint milliseconds)
{
  gboolean done = FALSE;

  g_timeout_add (milliseconds, on_wait_done, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* The label of the item of section that switches to name, or NULL. */
static char *
switch_item_label (GMenuModel *section,
                   const char *name)
{
  for (int i = 0; i < g_menu_model_get_n_items (section); i++)
    {
      g_autofree char *action = NULL;
      g_autofree char *target = NULL;
      char *label = NULL;

      g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_ACTION, "s", &action);
      g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_TARGET, "s", &target);
      if (g_strcmp0 (action, "win.switch-operator") != 0 || g_strcmp0 (target, name) != 0)
        continue;
      g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_LABEL, "s", &label);
      return label;
    }

  return NULL;
}

/* The operator menu lists the ledger's people with their roles; switching
 * asks for the PIN and the context changes only with the right one. */
static void
test_switch_needs_pin (Fixture       *f,
                       gconstpointer  data)
{
  GtkMenuButton *button;
  GMenuModel *section;
  g_autofree char *label = NULL;
  g_autofree char *expected = NULL;
  RdPinDialog *dialog;

  add_people (f);
  g_assert_cmpstr (rd_context_get_operator (f->context), ==, "");
  g_assert_cmpstr (operator_label (f), ==, "No Operator");

  g_assert_false (rd_window_check_people (f->window));
  button = GTK_MENU_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (f->window), RD_TYPE_WINDOW,
                                                           "operator_button"));
  section = g_menu_model_get_item_link (gtk_menu_button_get_menu_model (button), 0, G_MENU_LINK_SECTION);
  g_assert_cmpint (g_menu_model_get_n_items (section), ==, 2);
  label = switch_item_label (section, "小王");
  expected = g_strdup_printf ("小王 · %s", rd_role_get_name (RD_ROLE_CLERK));
  g_assert_cmpstr (label, ==, expected);
  g_object_unref (section);

  /* A "_" in a name is shown, not taken for a mnemonic. */
  g_assert_true (rd_operators_add (f->store, "阿珍", "2468", "li_na", RD_ROLE_CLERK, NULL, NULL));
  g_assert_false (rd_window_check_people (f->window));
  section = g_menu_model_get_item_link (gtk_menu_button_get_menu_model (button), 0, G_MENU_LINK_SECTION);
  g_clear_pointer (&label, g_free);
  g_clear_pointer (&expected, g_free);
  label = switch_item_label (section, "li_na");
  expected = g_strdup_printf ("li__na · %s", rd_role_get_name (RD_ROLE_CLERK));
  g_assert_cmpstr (label, ==, expected);
  g_object_unref (section);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.switch-operator", "s", "小王"));
  rd_test_ui_iterate ();
  dialog = find_pin_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpint (rd_pin_dialog_get_mode (dialog), ==, RD_PIN_DIALOG_SWITCH);
  g_assert_false (rd_pin_dialog_is_setting_pin (dialog));

  /* A wrong PIN: said inline, the dialog stays, no one is signed in. */
  rd_pin_dialog_set_pins (dialog, "2468", NULL);
  g_assert_false (rd_pin_dialog_submit (dialog));
  rd_test_ui_iterate ();
  g_assert_nonnull (rd_pin_dialog_get_error_message (dialog));
  g_assert_true (find_pin_dialog () == dialog);
  g_assert_cmpstr (rd_context_get_operator (f->context), ==, "");
  g_assert_cmpstr (operator_label (f), ==, "No Operator");

  /* The right one. */
  rd_pin_dialog_set_pins (dialog, "1357", NULL);
  g_assert_true (rd_pin_dialog_submit (dialog));
  rd_test_ui_iterate ();
  g_assert_null (find_pin_dialog ());
  g_assert_cmpstr (rd_context_get_operator (f->context), ==, "小王");
  g_assert_cmpint (rd_context_get_role (f->context), ==, RD_ROLE_CLERK);
  g_assert_cmpstr (operator_label (f), ==, "小王");

  /* Lock: back to no operator. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.lock", NULL));
  rd_test_ui_iterate ();
  g_assert_cmpstr (rd_context_get_operator (f->context), ==, "");
  g_assert_null (rd_context_get_recent_pin (f->context));
}

/* A ledger from before PINs: the names of the setting become operators
 * without a PIN, the old owner an approver, never an admin (issue 10's
 * defect 6: whoever picked the owner first would have become admin); the
 * first-run assistant makes the admin, who may be one of them, and each
 * other sets a PIN, twice, on first use. */
static void
test_first_use_sets_pin (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(RdOperator) lina = NULL;
  g_autoptr(RdOperator) zhang = NULL;
  g_autoptr(GError) error = NULL;
  RdPinDialog *dialog;

  g_settings_set_value (f->settings, "operators",
                        g_variant_new_parsed ("[('李娜', 'owner'), ('老张', 'warehouse')]"));
  g_assert_true (rd_window_check_people (f->window));
  rd_test_ui_iterate ();

  lina = rd_operators_get (f->store, "李娜", &error);
  g_assert_no_error (error);
  g_assert_cmpint (lina->role, ==, RD_ROLE_APPROVER);
  g_assert_false (lina->has_pin);
  zhang = rd_operators_get (f->store, "老张", &error);
  g_assert_no_error (error);
  g_assert_cmpint (zhang->role, ==, RD_ROLE_WAREHOUSE);
  g_assert_false (rd_operators_has_admin (f->store, NULL));

  /* The assistant: 李娜 becomes the admin with her PIN. */
  dialog = find_pin_dialog ();
  g_assert_nonnull (dialog);
  rd_pin_dialog_set_name (dialog, "李娜");
  rd_pin_dialog_set_pins (dialog, "1234", "1234");
  g_assert_true (rd_pin_dialog_submit (dialog));
  rd_test_ui_iterate ();
  g_clear_pointer (&lina, rd_operator_free);
  lina = rd_operators_get (f->store, "李娜", &error);
  g_assert_cmpint (lina->role, ==, RD_ROLE_ADMIN);
  g_assert_true (rd_operators_verify_pin (f->store, "李娜", "1234", &error));
  g_assert_no_error (error);

  /* 老张 sets his on first use. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.switch-operator", "s", "老张"));
  rd_test_ui_iterate ();
  dialog = find_pin_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (rd_pin_dialog_is_setting_pin (dialog));

  rd_pin_dialog_set_pins (dialog, "5678", "5687");
  g_assert_false (rd_pin_dialog_submit (dialog));
  g_assert_nonnull (rd_pin_dialog_get_error_message (dialog));
  g_assert_cmpstr (rd_context_get_operator (f->context), !=, "老张");

  rd_pin_dialog_set_pins (dialog, "5678", "5678");
  g_assert_true (rd_pin_dialog_submit (dialog));
  rd_test_ui_iterate ();
  g_assert_cmpstr (rd_context_get_operator (f->context), ==, "老张");
  g_assert_true (rd_operators_verify_pin (f->store, "老张", "5678", &error));
  g_assert_no_error (error);
}

/* After the idle time without input, no operator; 0 never locks. */
static void
test_idle_lock (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RdIdleLock) lock = rd_idle_lock_new (f->context);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (g_settings_get_uint (f->settings, "lock-after-minutes"), ==, 10);

  add_people (f);
  rd_idle_lock_watch (lock, GTK_WINDOW (f->window));
  rd_idle_lock_set_timeout (lock, 300);
  g_assert_true (rd_context_sign_in (f->context, "小王", "1357", &error));
  g_assert_no_error (error);

  wait_ms (100);
  g_assert_cmpstr (rd_context_get_operator (f->context), ==, "小王");
  wait_ms (400);
  g_assert_cmpstr (rd_context_get_operator (f->context), ==, "");
  g_assert_cmpstr (operator_label (f), ==, "No Operator");

  rd_idle_lock_set_timeout (lock, 0);
  g_assert_true (rd_context_sign_in (f->context, "小王", "1357", &error));
  wait_ms (500);
  g_assert_cmpstr (rd_context_get_operator (f->context), ==, "小王");
}

/* An empty ledger: the assistant creates the first admin, signed in. */
static void
test_first_run (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RdOperator) admin = NULL;
  g_autoptr(GError) error = NULL;
  RdPinDialog *dialog;

  g_assert_false (rd_operators_has_admin (f->store, NULL));
  g_assert_true (rd_window_check_people (f->window));
  rd_test_ui_iterate ();
  dialog = find_pin_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpint (rd_pin_dialog_get_mode (dialog), ==, RD_PIN_DIALOG_FIRST_ADMIN);

  rd_pin_dialog_set_pins (dialog, "2468", "2468");
  g_assert_false (rd_pin_dialog_submit (dialog));
  g_assert_nonnull (rd_pin_dialog_get_error_message (dialog));

  /* A name too long is said as it is typed, before any PIN, and stays
   * said while the PINs are typed. */
  rd_pin_dialog_set_pins (dialog, "", "");
  rd_pin_dialog_set_name (dialog, LONG_NAME);
  g_assert_nonnull (strstr (rd_pin_dialog_get_error_message (dialog), "32"));
  rd_pin_dialog_set_pins (dialog, "2468", NULL);
  g_assert_nonnull (strstr (rd_pin_dialog_get_error_message (dialog), "32"));
  g_assert_false (rd_pin_dialog_submit (dialog));
  g_assert_false (rd_operators_has_admin (f->store, NULL));

  rd_pin_dialog_set_name (dialog, "阿珍");
  g_assert_null (rd_pin_dialog_get_error_message (dialog));
  rd_pin_dialog_set_pins (dialog, "2468", "2469");
  g_assert_false (rd_pin_dialog_submit (dialog));
  g_assert_false (rd_operators_has_admin (f->store, NULL));

  rd_pin_dialog_set_pins (dialog, "2468", "2468");
  g_assert_true (rd_pin_dialog_submit (dialog));
  rd_test_ui_iterate ();
  g_assert_null (find_pin_dialog ());

  admin = rd_operators_get (f->store, "阿珍", &error);
  g_assert_no_error (error);
  g_assert_cmpint (admin->role, ==, RD_ROLE_ADMIN);
  g_assert_true (admin->has_pin);
  g_assert_cmpstr (rd_context_get_operator (f->context), ==, "阿珍");
  g_assert_false (rd_window_check_people (f->window));
}

static RdRole
role_of (Fixture    *f,
         const char *name)
{
  g_autoptr(RdOperator) operator = rd_operators_get (f->store, name, NULL);

  return operator != NULL ? operator->role : RD_ROLE_NONE;
}

/* Only an admin changes the list, proving it with their PIN; the core
 * refuses a clerk, and the last admin stays one. */
static void
test_people_page (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdOperator) zhang = NULL;
  g_autoptr(RdOperator) wang = NULL;
  RdPreferencesWindow *preferences;
  RdPeopleGroup *group;
  AdwMessageDialog *confirm;
  RdPinDialog *dialog;

  add_people (f);
  g_assert_true (rd_context_sign_in (f->context, "小王", "1357", &error));
  preferences = rd_preferences_window_new (f->context);
  rd_preferences_window_show_page (preferences, "people");
  gtk_window_present (GTK_WINDOW (preferences));
  rd_test_ui_iterate ();
  group = RD_PEOPLE_GROUP (rd_test_ui_find_descendant (GTK_WIDGET (preferences), RD_TYPE_PEOPLE_GROUP, NULL));
  g_assert_nonnull (group);
  g_assert_nonnull (rd_test_ui_find_descendant (GTK_WIDGET (preferences), GTK_TYPE_SPIN_BUTTON,
                                                "lock-after-minutes"));

  /* A clerk: read only, and the core says no all the same. */
  g_assert_false (rd_people_group_get_editable (group));
  rd_people_group_add (group, "老张", RD_ROLE_WAREHOUSE, NULL);
  rd_test_ui_iterate ();
  g_assert_nonnull (rd_people_group_get_error_message (group));
  g_assert_cmpint (role_of (f, "老张"), ==, RD_ROLE_NONE);

  /* The admin, whose PIN is asked again once the minute is over. */
  g_assert_true (rd_context_sign_in (f->context, "阿珍", "2468", &error));
  rd_context_remember_pin (f->context, NULL);
  rd_test_ui_iterate ();
  g_assert_true (rd_people_group_get_editable (group));
  rd_people_group_add (group, "老张", RD_ROLE_WAREHOUSE, "8642");
  rd_test_ui_iterate ();
  dialog = find_pin_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpint (rd_pin_dialog_get_mode (dialog), ==, RD_PIN_DIALOG_CONFIRM);
  rd_pin_dialog_set_pins (dialog, "1357", NULL);
  g_assert_false (rd_pin_dialog_submit (dialog));
  g_assert_cmpint (role_of (f, "老张"), ==, RD_ROLE_NONE);
  rd_pin_dialog_set_pins (dialog, "2468", NULL);
  g_assert_true (rd_pin_dialog_submit (dialog));
  rd_test_ui_iterate ();
  g_assert_null (rd_people_group_get_error_message (group));
  zhang = rd_operators_get (f->store, "老张", &error);
  g_assert_no_error (error);
  g_assert_cmpint (zhang->role, ==, RD_ROLE_WAREHOUSE);
  g_assert_true (zhang->has_pin);

  /* Within the minute: no second prompt. */
  rd_people_group_set_role (group, "小王", RD_ROLE_APPROVER);
  rd_test_ui_iterate ();
  g_assert_null (find_pin_dialog ());
  g_assert_cmpint (role_of (f, "小王"), ==, RD_ROLE_APPROVER);

  /* Reset PIN: confirmed first. */
  rd_people_group_reset_pin (group, "小王");
  rd_test_ui_iterate ();
  confirm = rd_test_ui_find_dialog ();
  g_assert_nonnull (confirm);
  adw_message_dialog_response (confirm, "reset");
  rd_test_ui_iterate ();
  wang = rd_operators_get (f->store, "小王", &error);
  g_assert_no_error (error);
  g_assert_false (wang->has_pin);

  /* The last admin cannot stop being one. */
  rd_people_group_set_role (group, "阿珍", RD_ROLE_CLERK);
  rd_test_ui_iterate ();
  g_assert_nonnull (rd_people_group_get_error_message (group));
  g_assert_cmpint (role_of (f, "阿珍"), ==, RD_ROLE_ADMIN);
}

/* Preferences → People, the form to add someone: the name is checked as it
 * is typed, the error shows in the name field itself (not under the list,
 * below the fold, after the admin's PIN), and Add stays off while the name
 * is not usable. */
static void
test_people_name_checked (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  RdPreferencesWindow *preferences;
  RdPeopleGroup *group;
  GtkWidget *name, *add, *pin;

  add_people (f);
  g_assert_true (rd_context_sign_in (f->context, "阿珍", "2468", &error));
  preferences = rd_preferences_window_new (f->context);
  gtk_window_set_default_size (GTK_WINDOW (preferences), 800, 600);
  rd_preferences_window_show_page (preferences, "people");
  gtk_window_present (GTK_WINDOW (preferences));
  rd_test_ui_iterate ();
  group = RD_PEOPLE_GROUP (rd_test_ui_find_descendant (GTK_WIDGET (preferences), RD_TYPE_PEOPLE_GROUP, NULL));
  name = rd_test_ui_find_descendant (GTK_WIDGET (group), ADW_TYPE_ENTRY_ROW, "add-name");
  add = rd_test_ui_find_descendant (GTK_WIDGET (group), GTK_TYPE_BUTTON, "add-operator");
  g_assert_nonnull (name);
  g_assert_nonnull (add);
  g_assert_false (gtk_widget_get_sensitive (add));   /* no name yet */
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (name)), ==, "Name");

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (gtk_widget_get_ancestor (name, ADW_TYPE_EXPANDER_ROW)), TRUE);
  gtk_widget_grab_focus (name);
  gtk_editable_set_text (GTK_EDITABLE (name), LONG_NAME);
  rd_test_ui_iterate ();
  g_assert_null (find_pin_dialog ());
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (name)), "32"));
  g_assert_true (gtk_widget_has_css_class (name, "error"));
  g_assert_nonnull (strstr (rd_people_group_get_error_message (group), "32"));
  g_assert_false (gtk_widget_get_sensitive (add));

  /* Fixed as typed: the field is the name field again, Add comes on. */
  gtk_editable_set_text (GTK_EDITABLE (name), "老张");
  rd_test_ui_iterate ();
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (name)), ==, "Name");
  g_assert_false (gtk_widget_has_css_class (name, "error"));
  g_assert_null (rd_people_group_get_error_message (group));
  g_assert_true (gtk_widget_get_sensitive (add));

  /* Spaces around the name are dropped, as when it is saved. */
  gtk_editable_set_text (GTK_EDITABLE (name), " 老张 ");
  rd_test_ui_iterate ();
  g_assert_true (gtk_widget_get_sensitive (add));

  /* A name that is taken: said at the field once the core refuses it. */
  gtk_editable_set_text (GTK_EDITABLE (name), "小王");
  rd_test_ui_iterate ();
  g_signal_emit_by_name (add, "clicked");
  rd_test_ui_iterate ();
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (name)), "小王"));

  /* A first PIN too short: said at the PIN field, not the name's. */
  pin = rd_test_ui_find_descendant (GTK_WIDGET (group), ADW_TYPE_PASSWORD_ENTRY_ROW, NULL);
  g_assert_nonnull (pin);
  gtk_editable_set_text (GTK_EDITABLE (name), "老张");
  gtk_editable_set_text (GTK_EDITABLE (pin), "12");
  g_signal_emit_by_name (add, "clicked");
  rd_test_ui_iterate ();
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (name)), ==, "Name");
  g_assert_true (gtk_widget_has_css_class (pin, "error"));
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (pin)), "4"));
  g_assert_cmpint (role_of (f, "老张"), ==, RD_ROLE_NONE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  app = rd_application_new (G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add ("/rd/operators-ui/switch-needs-pin", Fixture, NULL, fixture_set_up, test_switch_needs_pin, fixture_tear_down);
  g_test_add ("/rd/operators-ui/first-use-sets-pin", Fixture, NULL, fixture_set_up, test_first_use_sets_pin, fixture_tear_down);
  g_test_add ("/rd/operators-ui/idle-lock", Fixture, NULL, fixture_set_up, test_idle_lock, fixture_tear_down);
  g_test_add ("/rd/operators-ui/first-run", Fixture, NULL, fixture_set_up, test_first_run, fixture_tear_down);
  g_test_add ("/rd/operators-ui/people-page", Fixture, NULL, fixture_set_up, test_people_page, fixture_tear_down);
  g_test_add ("/rd/operators-ui/people-name-checked", Fixture, NULL, fixture_set_up, test_people_name_checked,
              fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&app);

  return status;
}
