/* test-window.c
 *
 * The window shell under a real display: pages through win.show-page, the
 * operator menu listing the ledger's operators, the preferences window
 * with its validation, the error dialog for a file that is not a ledger, and
 * a ledger of an older version updated behind a progress window.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "rd-application.h"
#include "rd-ledger-page.h"
#include "rd-ledger-row.h"
#include "rd-migrate-window.h"
#include "rd-money-row.h"
#include "rd-people-group.h"
#include "rd-preferences-window.h"
#include "rd-provinces-group.h"
#include "rd-templates.h"
#include "rd-test-ledger.h"
#include "rd-test-ui.h"
#include "rd-window.h"

/* One application for the whole run: it is registered (started up) once, and
 * the last test runs it with --db. */
static RdApplication *app;

static void
test_window_pages (void)
{
  static const char *pages[] = { "intake", "calculator", "intercepts", "reports", "ledger" };
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(RdContext) context = rd_test_ui_new_context (NULL);
  g_auto(GStrv) accels = NULL;
  RdWindow *window;
  int width, height;

  g_settings_set_int (settings, "window-width", 900);
  g_settings_set_int (settings, "window-height", 600);
  g_settings_set_string (settings, "last-page", "calculator");

  window = rd_window_new (GTK_APPLICATION (app), context);
  gtk_window_present (GTK_WINDOW (window));
  rd_test_ui_iterate ();

  /* Restored from the settings. */
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 600);
  g_assert_cmpstr (rd_window_get_visible_page (window), ==, "calculator");

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *saved = NULL;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", pages[i]));
      rd_test_ui_iterate ();
      g_assert_cmpstr (rd_window_get_visible_page (window), ==, pages[i]);
      saved = g_settings_get_string (settings, "last-page");
      g_assert_cmpstr (saved, ==, pages[i]);
    }

  /* Unknown page names change nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "nowhere"));
  g_assert_cmpstr (rd_window_get_visible_page (window), ==, "ledger");

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.show-page::reports");
  g_assert_cmpstr (accels[0], ==, "<Control>5");
  g_clear_pointer (&accels, g_strfreev);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.shortcuts");
  g_assert_true (g_strv_contains ((const char *const *) accels, "F1"));
  g_assert_true (g_strv_contains ((const char *const *) accels, "<Control>question"));
  g_clear_pointer (&accels, g_strfreev);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.preferences");
  g_assert_cmpstr (accels[0], ==, "<Control>comma");

  /* Closing saves the size. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  rd_test_ui_iterate ();
  gtk_window_close (GTK_WINDOW (window));
  rd_test_ui_iterate ();
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_settings_reset (settings, "last-page");
}

static GMenuModel *
operator_menu (RdWindow *window)
{
  GtkMenuButton *button;

  button = GTK_MENU_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (window), RD_TYPE_WINDOW, "operator_button"));
  return gtk_menu_button_get_menu_model (button);
}

static char *
menu_item_string (GMenuModel *model,
                  int         index,
                  const char *attribute)
{
  char *value = NULL;

  g_menu_model_get_item_attribute (model, index, attribute, "s", &value);
  return value;
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

/* The operator menu lists the ledger's operators with their roles; an
 * empty ledger offers its first administrator; choosing someone asks for
 * their PIN, and the button shows who is signed in. */
static void
test_window_operators (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "ledger.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = rd_store_open (path, RD_STORE_OPEN_DEFAULT, &error);
  g_autoptr(RdContext) context = rd_test_ui_new_context (store);
  g_autofree char *action = NULL;
  g_autofree char *label = NULL;
  g_autofree char *expected = NULL;
  GMenuModel *menu;
  GMenuModel *section;
  GtkLabel *operator_label;
  RdWindow *window;

  window = rd_window_new (GTK_APPLICATION (app), context);
  gtk_window_present (GTK_WINDOW (window));
  rd_test_ui_iterate ();

  /* No operators: the first administrator, and the preferences. */
  menu = operator_menu (window);
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 1);
  section = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
  g_assert_cmpint (g_menu_model_get_n_items (section), ==, 2);
  action = menu_item_string (section, 0, G_MENU_ATTRIBUTE_ACTION);
  g_assert_cmpstr (action, ==, "win.first-run");
  g_clear_pointer (&action, g_free);
  action = menu_item_string (section, 1, G_MENU_ATTRIBUTE_ACTION);
  g_assert_cmpstr (action, ==, "win.manage-operators");
  g_clear_pointer (&action, g_free);
  g_object_unref (section);

  g_assert_true (rd_operators_create_first_admin (store, "李娜", "2468", &error));
  g_assert_true (rd_operators_add (store, "李娜", "2468", "Wang Fang", RD_ROLE_CLERK, "1357", &error));
  g_assert_no_error (error);
  g_assert_false (rd_window_check_people (window));

  menu = operator_menu (window);
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 2);
  section = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
  g_assert_cmpint (g_menu_model_get_n_items (section), ==, 2);
  label = switch_item_label (section, "Wang Fang");
  expected = g_strdup_printf ("Wang Fang · %s", rd_role_get_name (RD_ROLE_CLERK));
  g_assert_cmpstr (label, ==, expected);
  g_object_unref (section);

  /* Signed in (the PIN dialog's part is test-operators-ui's): the label. */
  operator_label = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (window), RD_TYPE_WINDOW, "operator_label"));
  g_assert_cmpstr (gtk_label_get_label (operator_label), ==, "No Operator");
  g_assert_true (rd_context_sign_in (context, "Wang Fang", "1357", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gtk_label_get_label (operator_label), ==, "Wang Fang");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.lock", NULL));
  g_assert_cmpstr (gtk_label_get_label (operator_label), ==, "No Operator");

  gtk_window_destroy (GTK_WINDOW (window));
  rd_test_ui_iterate ();
  g_clear_object (&store);
  rd_test_remove_tree (dir);
}

static RdMoneyRow *
money_row (RdPreferencesWindow *preferences,
           const char          *name)
{
  return RD_MONEY_ROW (gtk_widget_get_template_child (GTK_WIDGET (preferences),
                                                      RD_TYPE_PREFERENCES_WINDOW, name));
}

static void
test_preferences (void)
{
  static const char *pages[] = { "policy", "logistics", "people", "shop" };
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *path = NULL;
  g_autoptr(RdStore) store = rd_test_ui_open_ledger (dir, &path);
  g_autoptr(RdStore) other = NULL;
  g_autoptr(RdContext) context = rd_test_ui_new_context (NULL);
  g_autoptr(GError) error = NULL;
  const RdPolicy *policy;
  GtkSpinButton *refund_window_spin;
  GtkWidget *policy_note;
  RdPreferencesWindow *preferences;
  RdMoneyRow *high_ticket;
  GtkSpinButton *lost_spin;
  GtkLabel *stall_message;
  RdPeopleGroup *people_group;
  RdProvincesGroup *provinces_group;

  g_settings_reset (settings, "high-ticket-threshold");
  g_settings_reset (settings, "operators");

  /* The policy is the ledger's, changed by an admin. */
  rd_test_ui_sign_in (context, store, "店长", RD_ROLE_ADMIN);
  policy = rd_context_get_policy (context);
  preferences = rd_preferences_window_new (context);
  gtk_window_set_application (GTK_WINDOW (preferences), GTK_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (preferences));
  rd_test_ui_iterate ();

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      rd_preferences_window_show_page (preferences, pages[i]);
      rd_test_ui_iterate ();
      g_assert_cmpstr (adw_preferences_window_get_visible_page_name (ADW_PREFERENCES_WINDOW (preferences)), ==, pages[i]);
    }

  /* Money: the stored default shows formatted; only valid amounts are written. */
  high_ticket = money_row (preferences, "high_ticket_row");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (high_ticket)), ==, "¥200.00");

  gtk_editable_set_text (GTK_EDITABLE (high_ticket), "two hundred");
  rd_test_ui_iterate ();
  g_assert_cmpint (policy->high_ticket_threshold, ==, 20000);
  g_assert_nonnull (rd_money_row_get_error_message (high_ticket));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (high_ticket), "error"));

  gtk_editable_set_text (GTK_EDITABLE (high_ticket), "0.001");
  rd_test_ui_iterate ();
  g_assert_cmpint (policy->high_ticket_threshold, ==, 20000);

  gtk_editable_set_text (GTK_EDITABLE (high_ticket), "-5");
  rd_test_ui_iterate ();
  g_assert_cmpint (policy->high_ticket_threshold, ==, 20000);
  g_assert_nonnull (rd_money_row_get_error_message (high_ticket));

  gtk_editable_set_text (GTK_EDITABLE (high_ticket), "350.50");
  rd_test_ui_iterate ();
  g_assert_cmpint (policy->high_ticket_threshold, ==, 35050);
  /* In the ledger, not in this desk's settings. */
  g_assert_cmpint (g_settings_get_int64 (settings, "high-ticket-threshold"), ==, 20000);
  g_assert_null (rd_money_row_get_error_message (high_ticket));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (high_ticket), "error"));
  /* While typing, the text is left as typed. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (high_ticket)), ==, "350.50");

  /* A change from elsewhere (another window or desk on the ledger) shows up
   * formatted once the context reloads, as the window's watch makes it. */
  other = rd_store_open (path, RD_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_true (rd_policy_set_number (other, "店长", "high-ticket-threshold", 123456, &error));
  g_assert_no_error (error);
  rd_context_reload_policy (context);
  rd_test_ui_iterate ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (high_ticket)), ==, "¥1,234.56");

  /* Stall thresholds: lost below nudge is refused, inline. */
  lost_spin = GTK_SPIN_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (preferences),
                                                              RD_TYPE_PREFERENCES_WINDOW, "lost_spin"));
  stall_message = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (preferences),
                                                            RD_TYPE_PREFERENCES_WINDOW, "stall_message"));
  gtk_spin_button_set_value (lost_spin, 12);
  rd_test_ui_iterate ();
  g_assert_cmpuint (policy->stall_lost_hours, ==, 48);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (stall_message)));
  gtk_spin_button_set_value (lost_spin, 60);
  rd_test_ui_iterate ();
  g_assert_cmpuint (policy->stall_lost_hours, ==, 60);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (stall_message)));

  /* Remote provinces: no empty or repeated names. */
  provinces_group = RD_PROVINCES_GROUP (rd_test_ui_find_descendant (GTK_WIDGET (preferences), RD_TYPE_PROVINCES_GROUP, NULL));
  g_assert_nonnull (provinces_group);
  g_assert_false (rd_provinces_group_add (provinces_group, "  "));
  g_assert_nonnull (rd_provinces_group_get_error_message (provinces_group));
  g_assert_false (rd_provinces_group_add (provinces_group, "西藏"));
  g_assert_true (rd_provinces_group_add (provinces_group, "海南"));
  g_assert_true (g_strv_contains ((const char *const *) policy->remote_provinces, "海南"));
  g_assert_cmpuint (g_strv_length (policy->remote_provinces), ==, 7);

  /* Anyone else sees the policy read-only, and the core refuses them. */
  refund_window_spin = GTK_SPIN_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (preferences),
                                                                       RD_TYPE_PREFERENCES_WINDOW, "refund_window_spin"));
  policy_note = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (preferences),
                                                           RD_TYPE_PREFERENCES_WINDOW, "policy_note"));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (high_ticket)));
  g_assert_false (gtk_widget_get_visible (policy_note));
  rd_test_ui_sign_in (context, store, "老张", RD_ROLE_WAREHOUSE);
  rd_test_ui_iterate ();
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (high_ticket)));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (refund_window_spin)));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (lost_spin)));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (provinces_group)));
  g_assert_true (gtk_widget_get_visible (policy_note));
  gtk_spin_button_set_value (refund_window_spin, 30);
  rd_test_ui_iterate ();
  g_assert_cmpuint (policy->refund_window_days, ==, 7);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (refund_window_spin), ==, 7);
  g_assert_false (rd_provinces_group_add (provinces_group, "云南"));
  g_assert_cmpuint (g_strv_length (policy->remote_provinces), ==, 7);

  /* People: read only without an admin signed in; test-operators-ui
   * drives it. */
  people_group = RD_PEOPLE_GROUP (rd_test_ui_find_descendant (GTK_WIDGET (preferences), RD_TYPE_PEOPLE_GROUP, NULL));
  g_assert_nonnull (people_group);
  g_assert_false (rd_people_group_get_editable (people_group));

  gtk_window_destroy (GTK_WINDOW (preferences));
  rd_test_ui_iterate ();

  g_settings_reset (settings, "high-ticket-threshold");
  g_clear_object (&other);
  g_clear_object (&context);
  g_clear_object (&store);
  rd_test_remove_tree (dir);
}

/* The shortcuts window lists the calculator's and scan mode's keys. */
static void
test_shortcuts_window (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/gtk/help-overlay.ui");
  GtkWidget *overlay = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));
  g_autoptr(GPtrArray) accels = g_ptr_array_new_with_free_func (g_free);
  static const char *expected[] = {
    "<Control>Return", "<Control><Shift>v", "1", "2", "3", "4", "Escape", "<Control>e", "<Control>5",
  };
  GSList *objects = gtk_builder_get_objects (builder);

  g_assert_nonnull (overlay);
  for (GSList *l = objects; l != NULL; l = l->next)
    if (GTK_IS_SHORTCUTS_SHORTCUT (l->data))
      {
        char *accel = NULL;

        g_object_get (l->data, "accelerator", &accel, NULL);
        g_ptr_array_add (accels, accel);
      }
  g_slist_free (objects);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_true (g_ptr_array_find_with_equal_func (accels, expected[i], g_str_equal, NULL));
  gtk_window_destroy (GTK_WINDOW (overlay));
}

typedef struct
{
  GApplication *app;
  gboolean saw_dialog;
  gboolean saw_window;
} OpenResult;

static void
destroy_windows_and_quit (GApplication *application)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (application)); l != NULL;
       l = gtk_application_get_windows (GTK_APPLICATION (application)))
    gtk_window_destroy (l->data);
  g_application_quit (application);
}

static gboolean
inspect_and_quit (gpointer user_data)
{
  OpenResult *result = user_data;
  GApplication *running = result->app;

  rd_test_ui_iterate ();
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (running)); l != NULL; l = l->next)
    {
      if (ADW_IS_MESSAGE_DIALOG (l->data))
        result->saw_dialog = TRUE;
      if (RD_IS_WINDOW (l->data))
        result->saw_window = TRUE;
    }

  destroy_windows_and_quit (running);

  return G_SOURCE_REMOVE;
}

static void
on_activate_after (GApplication *application,
                   OpenResult   *result)
{
  result->app = application;
  g_idle_add (inspect_and_quit, result);
}

static void
test_open_new_ledger (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("rd-window-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;
  g_autoptr(RdApplication) other = NULL;
  OpenResult result = { NULL, FALSE, FALSE };
  char *argv[] = { (char *) "refund-desk", (char *) "--db", NULL, NULL };
  int status;

  g_assert_no_error (error);
  path = g_build_filename (dir, "ledger.db", NULL);
  argv[2] = path;

  /* A second application object in this process needs its own bus path. */
  other = rd_application_new (G_APPLICATION_NON_UNIQUE);
  g_application_set_application_id (G_APPLICATION (other), APP_ID ".Test");
  g_signal_connect_after (other, "activate", G_CALLBACK (on_activate_after), &result);
  status = g_application_run (G_APPLICATION (other), 3, argv);
  g_assert_cmpint (status, ==, 0);

  /* A missing file becomes a new ledger and the window opens on it. */
  g_assert_true (result.saw_window);
  g_assert_false (result.saw_dialog);
  g_assert_nonnull (rd_application_get_store (other));
  g_assert_cmpstr (rd_store_get_path (rd_application_get_store (other)), ==, path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_clear_object (&other);

  wal = g_strconcat (path, "-wal", NULL);
  shm = g_strconcat (path, "-shm", NULL);
  g_unlink (wal);
  g_unlink (shm);
  g_unlink (path);
  g_rmdir (dir);
}

typedef struct
{
  GApplication *app;
  char         *heading;
  char         *body;
  gboolean      saw_window;
} DamagedResult;

/* Waits (the check runs on a worker) until the damage is reported. */
static gboolean
wait_for_damage_report (gpointer user_data)
{
  DamagedResult *result = user_data;
  GApplication *running = result->app;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (running)); l != NULL; l = l->next)
    {
      if (RD_IS_WINDOW (l->data))
        result->saw_window = TRUE;
      if (ADW_IS_MESSAGE_DIALOG (l->data))
        {
          result->heading = g_strdup (adw_message_dialog_get_heading (l->data));
          result->body = g_strdup (adw_message_dialog_get_body (l->data));
        }
    }
  if (result->heading == NULL)
    return G_SOURCE_CONTINUE;

  destroy_windows_and_quit (running);
  return G_SOURCE_REMOVE;
}

static void
on_activate_damaged (GApplication  *application,
                     DamagedResult *result)
{
  result->app = application;
  g_timeout_add (20, wait_for_damage_report, result);
}

/* A ledger whose pages are damaged still opens (opening reads little); the
 * integrity check that follows in the background says so, and the file is
 * left exactly as it was. */
static void
test_open_damaged_ledger (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "ledger.db", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261122);
  g_autoptr(RdApplication) other = NULL;
  DamagedResult result = { 0 };
  RdTestFingerprint before = { 0 };
  char *argv[] = { (char *) "refund-desk", (char *) "--db", NULL, NULL };
  gsize length, n_pages;
  int status;

  {
    g_autoptr(RdStore) store = rd_store_open (path, RD_STORE_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    rd_templates_install_defaults (store, &error);
    g_assert_no_error (error);
    rd_store_begin (store, &error);
    g_assert_no_error (error);
    for (guint i = 1; i <= 400; i++)
      {
        g_autofree char *case_no = g_strdup_printf ("RF-2026-%06u", i);
        g_autofree char *reason = g_strdup_printf ("买家拒收，包裹第 %u 次退回仓库；外包装破损，需要核对商品是否完好后再退款。", i);

        rd_test_insert_case (rd_store_get_db (store), case_no, reason, 1000 + i, 1767225600 + i);
      }
    rd_store_commit (store, &error);
    g_assert_no_error (error);
  }

  /* Garbage over two pages in the middle, as a failing disk leaves it. */
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  n_pages = length / 4096;
  g_assert_cmpuint (n_pages, >=, 10);
  for (gsize i = (n_pages / 2) * 4096; i < (n_pages / 2 + 2) * 4096; i++)
    contents[i] = (char) g_rand_int_range (rand, 0, 256);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  rd_test_fingerprint (path, &before);
  argv[2] = path;

  other = rd_application_new (G_APPLICATION_NON_UNIQUE);
  g_application_set_application_id (G_APPLICATION (other), APP_ID ".TestDamaged");
  g_signal_connect_after (other, "activate", G_CALLBACK (on_activate_damaged), &result);
  status = g_application_run (G_APPLICATION (other), 3, argv);
  g_assert_cmpint (status, ==, 0);

  g_assert_true (result.saw_window);
  g_assert_cmpstr (result.heading, ==, "This Ledger Is Damaged");
  g_assert_true (g_str_has_prefix (result.body, "This ledger is damaged."));
  /* The store's own message, naming the file. */
  g_assert_nonnull (strstr (result.body, path));
  g_clear_object (&other);

  rd_test_assert_unchanged (path, &before);
  rd_test_fingerprint_clear (&before);
  g_free (result.heading);
  g_free (result.body);
  rd_test_remove_tree (dir);
}

#define V7_CASES 8

typedef struct
{
  GApplication *app;
  gboolean      progress_at_activate;  /* the progress window, when activate returned */
  gboolean      store_at_activate;
  gboolean      progress_at_end;
  int           version;
  char         *backup_path;
  guint         n_listed;
  gboolean      listed_first_case;
} UpdateResult;

static gboolean
has_window_of_type (GApplication *application,
                    GType         type)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (application)); l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      return TRUE;

  return FALSE;
}

/* Polls until the main window is shown, then reads what it lists. */
static gboolean
wait_for_main_window (gpointer user_data)
{
  UpdateResult *result = user_data;
  RdApplication *running = RD_APPLICATION (result->app);
  RdStore *store = rd_application_get_store (running);
  GtkWindow *window = NULL;
  RdLedgerModel *model;
  GtkWidget *page;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (running)); l != NULL; l = l->next)
    if (RD_IS_WINDOW (l->data))
      window = l->data;
  if (window == NULL)
    return G_SOURCE_CONTINUE;

  rd_test_ui_iterate ();
  result->progress_at_end = has_window_of_type (result->app, RD_TYPE_MIGRATE_WINDOW);
  g_assert_nonnull (store);
  result->version = rd_store_get_schema_version (store);
  result->backup_path = g_strdup (rd_store_get_backup_path (store));

  page = rd_test_ui_find_descendant (GTK_WIDGET (window), RD_TYPE_LEDGER_PAGE, NULL);
  g_assert_nonnull (page);
  model = rd_ledger_page_get_model (RD_LEDGER_PAGE (page));
  g_assert_nonnull (model);
  result->n_listed = g_list_model_get_n_items (G_LIST_MODEL (model));
  for (guint i = 0; i < result->n_listed; i++)
    {
      g_autoptr(RdLedgerRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);

      if (g_strcmp0 (rd_ledger_row_get_case_no (row), "RF-2026-000001") == 0)
        result->listed_first_case = TRUE;
    }

  destroy_windows_and_quit (result->app);
  return G_SOURCE_REMOVE;
}

static void
on_activate_update (GApplication *application,
                    UpdateResult *result)
{
  /* Still inside activate: whatever the open did, it did synchronously. */
  result->app = application;
  result->progress_at_activate = has_window_of_type (application, RD_TYPE_MIGRATE_WINDOW);
  result->store_at_activate = rd_application_get_store (RD_APPLICATION (application)) != NULL;
  g_timeout_add (10, wait_for_main_window, result);
}

/* The fixture's deadlines are long past, and each would be announced; the
 * test bus has no notification server and GIO warns. */
static void
build_v7_ledger (const char *path)
{
  sqlite3 *db;

  rd_test_build_from_fixture (path, "ledger-v7.sql");
  db = rd_test_raw_open (path);
  rd_test_raw_exec (db, "UPDATE cases SET platform_deadline = NULL");
  sqlite3_close (db);
}

static void
run_app_on (const char   *path,
            const char   *id_suffix,
            UpdateResult *result)
{
  g_autoptr(RdApplication) other = NULL;
  g_autofree char *id = g_strconcat (APP_ID, id_suffix, NULL);
  char *argv[] = { (char *) "refund-desk", (char *) "--db", (char *) path, NULL };
  int status;

  other = rd_application_new (G_APPLICATION_NON_UNIQUE);
  g_application_set_application_id (G_APPLICATION (other), id);
  g_signal_connect_after (other, "activate", G_CALLBACK (on_activate_update), result);
  status = g_application_run (G_APPLICATION (other), 3, argv);
  g_assert_cmpint (status, ==, 0);
}

/* A ledger written by the previous version is updated in a thread: the
 * progress window is up and the main loop runs while it happens; then the
 * main window lists the ledger's cases, at the latest version, with the copy
 * made first. */
static void
test_open_older_ledger (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "ledger.db", NULL);
  UpdateResult result = { 0 };

  build_v7_ledger (path);
  g_assert_cmpint (rd_store_get_latest_version (), >, 7);

  run_app_on (path, ".TestUpdate", &result);

  g_assert_true (result.progress_at_activate);
  g_assert_false (result.store_at_activate);
  g_assert_false (result.progress_at_end);
  g_assert_cmpint (result.version, ==, rd_store_get_latest_version ());
  g_assert_nonnull (result.backup_path);
  g_assert_true (g_file_test (result.backup_path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (result.n_listed, ==, V7_CASES);
  g_assert_true (result.listed_first_case);

  g_free (result.backup_path);
  rd_test_remove_tree (dir);
}

/* A ledger already at the latest version opens at once, with no progress
 * window and no copy. */
static void
test_open_latest_ledger (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "ledger.db", NULL);
  UpdateResult result = { 0 };

  build_v7_ledger (path);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RdStore) store = rd_store_open (path, RD_STORE_OPEN_EXISTING, &error);

    g_assert_no_error (error);
  }

  run_app_on (path, ".TestLatest", &result);

  g_assert_false (result.progress_at_activate);
  g_assert_true (result.store_at_activate);
  g_assert_false (result.progress_at_end);
  g_assert_cmpint (result.version, ==, rd_store_get_latest_version ());
  g_assert_null (result.backup_path);
  g_assert_cmpuint (result.n_listed, ==, V7_CASES);

  rd_test_remove_tree (dir);
}

typedef struct
{
  gboolean progress_closed;
  gboolean saw_window;
} QuitResult;

static void
on_activate_close_progress (GApplication *application,
                            QuitResult   *result)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (application)); l != NULL; l = l->next)
    if (RD_IS_MIGRATE_WINDOW (l->data))
      {
        gtk_window_close (l->data);
        result->progress_closed = TRUE;
        break;
      }
}

static void
on_window_added (GtkApplication *application,
                 GtkWindow      *window,
                 QuitResult     *result)
{
  if (RD_IS_WINDOW (window) || ADW_IS_MESSAGE_DIALOG (window))
    result->saw_window = TRUE;
}

/* Closing the progress window quits. The update that finishes afterwards
 * opens nothing and touches nothing freed. */
static void
test_quit_while_updating (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "ledger.db", NULL);
  RdApplication *other;
  QuitResult result = { FALSE, FALSE };
  char *argv[] = { (char *) "refund-desk", (char *) "--db", path, NULL };
  int status;

  build_v7_ledger (path);

  other = rd_application_new (G_APPLICATION_NON_UNIQUE);
  g_application_set_application_id (G_APPLICATION (other), APP_ID ".TestQuitUpdate");
  g_signal_connect_after (other, "activate", G_CALLBACK (on_activate_close_progress), &result);
  g_signal_connect (other, "window-added", G_CALLBACK (on_window_added), &result);
  status = g_application_run (G_APPLICATION (other), 3, argv);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (result.progress_closed);

  /* The update holds the last reference until its result arrives. */
  g_object_add_weak_pointer (G_OBJECT (other), (gpointer *) &other);
  g_object_unref (other);
  while (other != NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (result.saw_window);
  rd_test_remove_tree (dir);
}

static void
test_open_not_a_ledger (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("rd-window-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  const char *text = "This is a shopping list, not a ledger.\n";
  OpenResult result = { NULL, FALSE, FALSE };
  char *argv[] = { (char *) "refund-desk", (char *) "--db", NULL, NULL };
  int status;

  g_assert_no_error (error);
  path = g_build_filename (dir, "list.db", NULL);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  argv[2] = path;

  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate_after), &result);
  status = g_application_run (G_APPLICATION (app), 3, argv);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (rd_application_get_db_path (app), ==, path);

  /* The user is told, no window opens, and the file is left alone. */
  g_assert_true (result.saw_dialog);
  g_assert_false (result.saw_window);
  g_assert_null (rd_application_get_store (app));
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, text);

  g_unlink (path);
  g_rmdir (dir);
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

  g_test_add_func ("/rd/window/pages", test_window_pages);
  g_test_add_func ("/rd/window/operators", test_window_operators);
  g_test_add_func ("/rd/window/preferences", test_preferences);
  g_test_add_func ("/rd/window/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/rd/window/open-new-ledger", test_open_new_ledger);
  g_test_add_func ("/rd/window/open-damaged-ledger", test_open_damaged_ledger);
  g_test_add_func ("/rd/window/open-older-ledger", test_open_older_ledger);
  g_test_add_func ("/rd/window/open-latest-ledger", test_open_latest_ledger);
  g_test_add_func ("/rd/window/quit-while-updating", test_quit_while_updating);
  /* Last: it runs the application to its end. */
  g_test_add_func ("/rd/window/open-not-a-ledger", test_open_not_a_ledger);

  status = g_test_run ();
  g_clear_object (&app);

  return status;
}
