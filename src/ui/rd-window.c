/* rd-window.c
 *
 * The main window. It hands its context down to its pages, remembers its
 * size and the page shown, lists the ledger's operators in the operator menu
 * (switching asks for the PIN), and switches pages with win.show-page
 * (Ctrl+1…5). A ledger without an administrator gets the first-run
 * assistant; the names of the old `operators` setting are imported first.
 * Ctrl+S and Ctrl+F are the window's, so that they work wherever the focus
 * is (the header bar too): win.save and win.find pass them to the page shown.
 * The window watches its ledger (RdStoreWatch) and shows what another
 * process saved in it within a couple of seconds; its title names the
 * file, as several ledgers may be open at once.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-calculator-page.h"
#include "rd-import-dialog.h"
#include "rd-intake-page.h"
#include "rd-intercepts-page.h"
#include "rd-ledger-page.h"
#include "rd-preferences-window.h"
#include "rd-pin-dialog.h"
#include "rd-reports-page.h"
#include "rd-store-watch.h"
#include "rd-window.h"

struct _RdWindow
{
  AdwApplicationWindow  parent_instance;

  RdContext            *context;
  GSettings            *settings;
  /* Another process's commits to the context's store. */
  RdStoreWatch         *watch;

  /* Template children */
  AdwViewStack         *stack;
  AdwViewSwitcherTitle *switcher_title;
  RdLedgerPage         *ledger_page;
  GtkMenuButton        *operator_button;
  GtkLabel             *operator_label;
  RdInterceptsPage     *intercepts_page;
  RdCalculatorPage     *calculator_page;

  /* Import (win.import, a file dropped on the window). */
  GtkFileChooserNative *import_chooser;
  RdImportDialog       *import_dialog;   /* weak: the one open */
};

G_DEFINE_FINAL_TYPE (RdWindow, rd_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *const page_names[] = {
  "ledger", "intake", "calculator", "intercepts", "reports",
};

static gboolean
is_page_name (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    if (g_strcmp0 (page_names[i], name) == 0)
      return TRUE;

  return FALSE;
}

static void
update_operator_label (RdWindow *self)
{
  const char *current = rd_context_get_operator (self->context);
  g_autofree char *tooltip = NULL;

  if (*current != '\0')
    {
      gtk_label_set_label (self->operator_label, current);
      /* Translators: the operator button's tooltip: a name and a role. */
      tooltip = g_strdup_printf (_("Current operator: %s, %s"), current,
                                 rd_role_get_name (rd_context_get_role (self->context)));
    }
  else
    {
      gtk_label_set_label (self->operator_label, _("No Operator"));
      tooltip = g_strdup (_("No operator: choose who you are"));
    }
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->operator_button), tooltip);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lock", *current != '\0');
}

/* The ledger's operators, each with their role; Lock; and the way to
 * Preferences → People (or to the first administrator). */
static void
rebuild_operator_menu (RdWindow *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) people = g_menu_new ();
  g_autoptr(GMenu) tools = g_menu_new ();
  g_autoptr(GPtrArray) operators = NULL;
  RdStore *store = rd_context_get_store (self->context);
  gboolean has_admin = FALSE;

  if (store != NULL)
    {
      operators = rd_operators_list (store, NULL);
      has_admin = rd_operators_has_admin (store, NULL);
    }

  for (guint i = 0; operators != NULL && i < operators->len; i++)
    {
      RdOperator *operator = g_ptr_array_index (operators, i);
      g_autoptr(GMenuItem) item = NULL;
      /* A menu item's "_" marks its mnemonic: a name's own is doubled
       * ("li_na" would show as "lina" with the n underlined). */
      g_auto(GStrv) parts = g_strsplit (operator->name, "_", -1);
      g_autofree char *name = g_strjoinv ("__", parts);
      g_autofree char *label = NULL;

      /* Translators: an operator in the operator menu: name · role. */
      label = g_strdup_printf (C_("operator menu", "%s · %s"), name,
                               rd_role_get_name (operator->role));
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target (item, "win.switch-operator", "s", operator->name);
      g_menu_append_item (people, item);
    }

  if (store != NULL && !has_admin)
    g_menu_append (tools, _("Set Up the First _Administrator…"), "win.first-run");
  if (*rd_context_get_operator (self->context) != '\0')
    g_menu_append (tools, _("_Lock"), "win.lock");
  g_menu_append (tools, _("_Manage Operators…"), "win.manage-operators");

  if (g_menu_model_get_n_items (G_MENU_MODEL (people)) > 0)
    g_menu_append_section (menu, NULL, G_MENU_MODEL (people));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (tools));

  gtk_menu_button_set_menu_model (self->operator_button, G_MENU_MODEL (menu));
}

/* Operators may have changed in Preferences: read them each time. */
static void
on_operator_button_popup (GtkMenuButton *button,
                          gpointer       user_data)
{
  rebuild_operator_menu (RD_WINDOW (user_data));
}

static RdPinDialog *
present_pin_dialog (RdWindow        *self,
                    RdPinDialogMode  mode)
{
  RdPinDialog *dialog = rd_pin_dialog_new (GTK_WINDOW (self), self->context, mode);

  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* A ledger from before operators: the names its cases know and the names
 * of this desk's old settings list, with their old roles (never an admin:
 * the core makes an owner an approver; the first-run assistant creates the
 * admin). */
static void
import_old_operators (RdWindow *self,
                      RdStore  *store)
{
  static const struct {
    const char *id;
    RdRole      role;
  } old_roles[] = {
    { "owner", RD_ROLE_ADMIN },
    { "service", RD_ROLE_CLERK },
    { "warehouse", RD_ROLE_WAREHOUSE },
    { "accountant", RD_ROLE_ACCOUNTANT },
  };
  g_autoptr(GVariant) operators = g_settings_get_value (self->settings, "operators");
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GArray) roles = g_array_new (FALSE, FALSE, sizeof (RdRole));
  g_autoptr(GError) error = NULL;
  GVariantIter iter;
  const char *name;
  const char *role_id;

  g_variant_iter_init (&iter, operators);
  while (g_variant_iter_next (&iter, "(&s&s)", &name, &role_id))
    {
      RdRole role = RD_ROLE_CLERK;

      for (guint i = 0; i < G_N_ELEMENTS (old_roles); i++)
        if (g_str_equal (old_roles[i].id, role_id))
          role = old_roles[i].role;
      g_ptr_array_add (names, (gpointer) name);
      g_array_append_val (roles, role);
    }

  if (!rd_operators_import_old_ledger (store, (const char * const *) names->pdata,
                                       (const RdRole *) (gpointer) roles->data, names->len,
                                       NULL, &error))
    g_debug ("Could not import the operators of the ledger: %s (the integrity check says what is wrong)", error->message);
}

static void
save_window_state (RdWindow *self)
{
  int width = 0;
  int height = 0;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
}

static void
on_context_operator_changed (RdWindow   *self,
                             GParamSpec *pspec,
                             RdContext  *context)
{
  update_operator_label (self);
  rebuild_operator_menu (self);
}

static void
on_store_watch_changed (RdWindow     *self,
                        RdStoreWatch *watch)
{
  g_debug ("Another process changed %s: reloading", rd_store_get_path (rd_store_watch_get_store (watch)));
  rd_context_reload_policy (self->context);
  rd_window_reload (self);
}

/* The context's ledger: watched, and named in the subtitle. */
static void
on_context_store_changed (RdWindow   *self,
                          GParamSpec *pspec,
                          RdContext  *context)
{
  RdStore *store = rd_context_get_store (self->context);
  const char *path = store != NULL ? rd_store_get_path (store) : NULL;
  g_autofree char *name = NULL;

  if (self->watch != NULL && rd_store_watch_get_store (self->watch) == store)
    return;

  g_clear_object (&self->watch);
  if (store != NULL)
    {
      self->watch = rd_store_watch_new (store, 0);
      g_signal_connect_object (self->watch, "changed", G_CALLBACK (on_store_watch_changed), self,
                               G_CONNECT_SWAPPED);
    }

  if (path != NULL && *path != '\0' && g_strcmp0 (path, ":memory:") != 0)
    name = g_filename_display_basename (path);
  adw_view_switcher_title_set_subtitle (self->switcher_title, name != NULL ? name : "");
  if (name != NULL)
    {
      /* Translators: the window's title: the ledger file's name, then the
       * app's name; tells the windows of several ledgers apart. */
      g_autofree char *title = g_strdup_printf (_("%s — Refund Desk"), name);

      gtk_window_set_title (GTK_WINDOW (self), title);
    }
  else
    gtk_window_set_title (GTK_WINDOW (self), _("Refund Desk"));
}

static void
on_stack_visible_child_name_changed (RdWindow   *self,
                                     GParamSpec *pspec,
                                     AdwViewStack *stack)
{
  const char *name = adw_view_stack_get_visible_child_name (stack);
  g_autofree char *saved = NULL;

  if (!is_page_name (name) || self->settings == NULL)
    return;

  saved = g_settings_get_string (self->settings, "last-page");
  if (g_strcmp0 (saved, name) != 0)
    g_settings_set_string (self->settings, "last-page", name);
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  rd_window_show_page (RD_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* win.open-calculator (x): the Calculator page, prefilled from that case. */
static void
open_calculator_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  RdWindow *self = RD_WINDOW (widget);

  rd_window_show_page (self, "calculator");
  rd_calculator_page_load_case (self->calculator_page, g_variant_get_int64 (parameter));
}

/* What the calculator stored shows at once in the ledger and the case pane. */
static void
on_calculator_case_applied (RdWindow         *self,
                            gint64            case_id,
                            RdCalculatorPage *page)
{
  RdCasePane *pane = rd_ledger_page_get_case_pane (self->ledger_page);
  RdLedgerModel *model = rd_ledger_page_get_model (self->ledger_page);

  if (rd_case_pane_get_case_id (pane) == case_id)
    rd_case_pane_reload (pane);
  if (model != NULL)
    rd_ledger_model_refresh (model);
}

/* win.save (Ctrl+S): the Intake page's form, when it is shown; no other
 * page has anything to save. */
static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RdWindow *self = RD_WINDOW (widget);

  if (g_strcmp0 (rd_window_get_visible_page (self), "intake") == 0)
    gtk_widget_activate_action (adw_view_stack_get_visible_child (self->stack), "intake.save", NULL);
}

/* win.find (Ctrl+F): the search of the page shown; a page without one
 * searches the ledger. */
static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  static const struct {
    const char *page;
    const char *action;
  } searches[] = {
    { "ledger", "ledger.focus-search" },
  };
  RdWindow *self = RD_WINDOW (widget);
  const char *visible = rd_window_get_visible_page (self);

  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    if (g_strcmp0 (visible, searches[i].page) == 0)
      {
        gtk_widget_activate_action (adw_view_stack_get_visible_child (self->stack), searches[i].action, NULL);
        return;
      }

  rd_window_show_page (self, "ledger");
  gtk_widget_activate_action (GTK_WIDGET (self->ledger_page), "ledger.focus-search", NULL);
}

static void
manage_operators_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  RdWindow *self = RD_WINDOW (widget);
  RdPreferencesWindow *preferences;

  if (gtk_widget_activate_action (widget, "app.show-preferences", "s", "people"))
    return;

  preferences = rd_preferences_window_new (self->context);
  gtk_window_set_transient_for (GTK_WINDOW (preferences), GTK_WINDOW (widget));
  rd_preferences_window_show_page (preferences, "people");
  gtk_window_present (GTK_WINDOW (preferences));
}

/* win.switch-operator (s): the PIN dialog, with that name chosen ("": the
 * first one other than who is signed in). */
static void
switch_operator_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  RdWindow *self = RD_WINDOW (widget);
  RdPinDialog *dialog = present_pin_dialog (self, RD_PIN_DIALOG_SWITCH);

  rd_pin_dialog_select_operator (dialog, g_variant_get_string (parameter, NULL));
}

static void
lock_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  rd_context_sign_out (RD_WINDOW (widget)->context);
}

static void
first_run_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RdWindow *self = RD_WINDOW (widget);
  RdStore *store = rd_context_get_store (self->context);

  if (store != NULL && !rd_operators_has_admin (store, NULL))
    present_pin_dialog (self, RD_PIN_DIALOG_FIRST_ADMIN);
}

static void
show_case_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RdWindow *self = RD_WINDOW (widget);

  rd_window_show_page (self, "ledger");
  rd_ledger_page_show_case (self->ledger_page, g_variant_get_int64 (parameter));
}

/* win.show-due-soon: the ledger's Due Soon list (the summary notification
 * of the deadline monitor). */
static void
show_due_soon_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RdWindow *self = RD_WINDOW (widget);

  rd_window_show_page (self, "ledger");
  rd_ledger_page_show_due_soon (self->ledger_page);
}

/* A bar, slice or row of the Reports page: the Ledger with its cases. */
static void
on_reports_show_cases (RdWindow             *self,
                       const RdLedgerFilter *filter,
                       const char           *title,
                       RdReportsPage        *page)
{
  rd_window_show_page (self, "ledger");
  rd_ledger_page_show_filter (self->ledger_page, filter, title);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RdWindow *self = RD_WINDOW (widget);
  GtkWidget *reports = adw_view_stack_get_child_by_name (self->stack, "reports");

  rd_window_show_page (self, "reports");
  rd_reports_page_export (RD_REPORTS_PAGE (reports));
}

/* win.create-intercept (int64 case id): the Intercepts page's dialog for
 * a case, prefilled from it. */
static void
create_intercept_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  RdWindow *self = RD_WINDOW (widget);

  rd_window_show_page (self, "intercepts");
  rd_intercepts_page_create_for_case (self->intercepts_page, g_variant_get_int64 (parameter));
}

/* win.show-intercept (int64 intercept id): that parcel, selected in the
 * Intercepts page's full register. */
static void
show_intercept_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RdWindow *self = RD_WINDOW (widget);

  rd_window_show_page (self, "intercepts");
  rd_intercepts_page_show_intercept (self->intercepts_page, g_variant_get_int64 (parameter));
}

/* The import is committed: the ledger shows it, and its toast offers the
 * imported cases and says how many parcels may need intercepting (the
 * Intercepts page lists them). */
static void
on_import_dialog_imported (RdWindow       *self,
                           gint64          import_id,
                           guint64         n_new,
                           guint64         n_updated,
                           guint           n_proposed,
                           RdImportDialog *dialog)
{
  g_autofree char *name = g_filename_display_basename (rd_import_dialog_get_path (dialog));

  rd_window_show_page (self, "ledger");
  rd_ledger_page_reload (self->ledger_page);
  rd_ledger_page_toast_import (self->ledger_page, import_id, name, n_new, n_updated, n_proposed);
}

static void
on_import_chooser_response (RdWindow             *self,
                            int                   response,
                            GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        rd_window_import_file (self, path);
    }
  g_clear_object (&self->import_chooser);
}

/* win.import (Ctrl+I): a file of the platforms' after-sales lists, chosen. */
static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RdWindow *self = RD_WINDOW (widget);
  g_autoptr(GtkFileFilter) lists = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->import_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->import_dialog));
      return;
    }

  g_clear_object (&self->import_chooser);
  self->import_chooser = gtk_file_chooser_native_new (_("Import an After-Sales List"), GTK_WINDOW (self),
                                                      GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (lists, _("After-sales lists (CSV, XLSX)"));
  gtk_file_filter_add_suffix (lists, "csv");
  gtk_file_filter_add_suffix (lists, "xlsx");
  gtk_file_filter_add_suffix (lists, "txt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->import_chooser), lists);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->import_chooser), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (self->import_chooser), lists);
  g_signal_connect_object (self->import_chooser, "response", G_CALLBACK (on_import_chooser_response), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->import_chooser));
}

/* win.import-file (s): the preview of that file, without the chooser. */
static void
import_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  rd_window_import_file (RD_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* A file dropped on the window: its preview (the first file of several). */
static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         RdWindow      *self)
{
  GSList *files;
  g_autofree char *path = NULL;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = g_value_get_boxed (value);
  if (files == NULL || files->data == NULL)
    return FALSE;
  path = g_file_get_path (G_FILE (files->data));
  if (path == NULL)
    return FALSE;
  rd_window_import_file (self, path);
  return TRUE;
}

static gboolean
rd_window_close_request (GtkWindow *window)
{
  save_window_state (RD_WINDOW (window));

  return GTK_WINDOW_CLASS (rd_window_parent_class)->close_request (window);
}

static void
rd_window_dispose (GObject *object)
{
  RdWindow *self = RD_WINDOW (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);

  g_clear_object (&self->watch);
  if (self->import_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->import_chooser));
  g_clear_object (&self->import_chooser);
  g_clear_weak_pointer (&self->import_dialog);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (rd_window_parent_class)->dispose (object);
}

/* The context is set: the pages get it, and what the window shows from the
 * settings is read. */
static void
rd_window_constructed (GObject *object)
{
  RdWindow *self = RD_WINDOW (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *last_page = NULL;
  GtkWidget *page;

  G_OBJECT_CLASS (rd_window_parent_class)->constructed (object);

  g_assert (RD_IS_CONTEXT (self->context));
  self->settings = g_object_ref (rd_context_get_settings (self->context));

  if (!rd_ledger_page_set_context (self->ledger_page, self->context, &error))
    g_warning ("The ledger list cannot read the file: %s", error->message);
  page = adw_view_stack_get_child_by_name (self->stack, "intake");
  rd_intake_page_set_context (RD_INTAKE_PAGE (page), self->context);
  rd_calculator_page_set_context (self->calculator_page, self->context);
  rd_intercepts_page_set_context (self->intercepts_page, self->context);
  page = adw_view_stack_get_child_by_name (self->stack, "reports");
  rd_reports_page_set_context (RD_REPORTS_PAGE (page), self->context);
  g_signal_connect_object (page, "show-cases", G_CALLBACK (on_reports_show_cases), self,
                           G_CONNECT_SWAPPED);

  g_signal_connect_object (self->context, "notify::operator",
                           G_CALLBACK (on_context_operator_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::store",
                           G_CALLBACK (on_context_operator_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::store",
                           G_CALLBACK (on_context_store_changed), self,
                           G_CONNECT_SWAPPED);
  on_context_store_changed (self, NULL, self->context);
  gtk_menu_button_set_create_popup_func (self->operator_button, on_operator_button_popup, self, NULL);
  rebuild_operator_menu (self);
  update_operator_label (self);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  last_page = g_settings_get_string (self->settings, "last-page");
  rd_window_show_page (self, last_page);
}

static void
rd_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  RdWindow *self = RD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  RdWindow *self = RD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_window_class_init (RdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = rd_window_constructed;
  object_class->dispose = rd_window_dispose;
  object_class->get_property = rd_window_get_property;
  object_class->set_property = rd_window_set_property;
  window_class->close_request = rd_window_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, RD_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (RD_TYPE_LEDGER_PAGE);
  g_type_ensure (RD_TYPE_INTAKE_PAGE);
  g_type_ensure (RD_TYPE_CALCULATOR_PAGE);
  g_type_ensure (RD_TYPE_INTERCEPTS_PAGE);
  g_type_ensure (RD_TYPE_REPORTS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RdWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, ledger_page);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, operator_button);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, operator_label);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, intercepts_page);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, calculator_page);
  gtk_widget_class_bind_template_callback (widget_class, on_stack_visible_child_name_changed);

  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.manage-operators", NULL, manage_operators_action);
  gtk_widget_class_install_action (widget_class, "win.switch-operator", "s", switch_operator_action);
  gtk_widget_class_install_action (widget_class, "win.lock", NULL, lock_action);
  gtk_widget_class_install_action (widget_class, "win.first-run", NULL, first_run_action);
  gtk_widget_class_install_action (widget_class, "win.open-calculator", "x", open_calculator_action);
  gtk_widget_class_install_action (widget_class, "win.show-case", "x", show_case_action);
  gtk_widget_class_install_action (widget_class, "win.show-due-soon", NULL, show_due_soon_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_install_action (widget_class, "win.import-file", "s", import_file_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_install_action (widget_class, "win.create-intercept", "x", create_intercept_action);
  gtk_widget_class_install_action (widget_class, "win.show-intercept", "x", show_intercept_action);
}

static void
rd_window_init (RdWindow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "drop", G_CALLBACK (on_drop), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  g_signal_connect_object (self->calculator_page, "case-applied",
                           G_CALLBACK (on_calculator_case_applied), self, G_CONNECT_SWAPPED);
}

RdWindow *
rd_window_new (GtkApplication *application,
               RdContext      *context)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (RD_IS_CONTEXT (context), NULL);

  return g_object_new (RD_TYPE_WINDOW,
                       "application", application,
                       "context", context,
                       NULL);
}

void
rd_window_show_page (RdWindow   *self,
                     const char *page)
{
  g_return_if_fail (RD_IS_WINDOW (self));

  if (!is_page_name (page))
    return;

  adw_view_stack_set_visible_child_name (self->stack, page);
}

const char *
rd_window_get_visible_page (RdWindow *self)
{
  g_return_val_if_fail (RD_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->stack);
}

gboolean
rd_window_check_people (RdWindow *self)
{
  RdStore *store;

  g_return_val_if_fail (RD_IS_WINDOW (self), FALSE);

  store = rd_context_get_store (self->context);
  if (store == NULL || rd_store_is_read_only (store))
    return FALSE;

  if (!rd_operators_has_admin (store, NULL))
    import_old_operators (self, store);
  rebuild_operator_menu (self);
  if (rd_operators_has_admin (store, NULL))
    return FALSE;

  present_pin_dialog (self, RD_PIN_DIALOG_FIRST_ADMIN);
  return TRUE;
}

RdContext *
rd_window_get_context (RdWindow *self)
{
  g_return_val_if_fail (RD_IS_WINDOW (self), NULL);

  return self->context;
}

void
rd_window_reload (RdWindow *self)
{
  g_return_if_fail (RD_IS_WINDOW (self));

  /* A page not shown reads the ledger again when it is shown. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self->ledger_page)))
    rd_ledger_page_reload (self->ledger_page);
  if (gtk_widget_get_mapped (GTK_WIDGET (self->intercepts_page)))
    rd_intercepts_page_refresh (self->intercepts_page);
  {
    GtkWidget *reports = adw_view_stack_get_child_by_name (self->stack, "reports");

    if (reports != NULL && gtk_widget_get_mapped (reports))
      rd_reports_page_refresh (RD_REPORTS_PAGE (reports));
  }
}

void
rd_window_import_file (RdWindow   *self,
                       const char *path)
{
  RdImportDialog *dialog;

  g_return_if_fail (RD_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  /* One import at a time: the open one stays (it may be importing). */
  if (self->import_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->import_dialog));
      return;
    }
  if (rd_context_get_store (self->context) == NULL)
    return;

  dialog = rd_import_dialog_new (GTK_WINDOW (self), self->context, path);
  g_set_weak_pointer (&self->import_dialog, dialog);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_import_dialog_imported), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

RdImportDialog *
rd_window_get_import_dialog (RdWindow *self)
{
  g_return_val_if_fail (RD_IS_WINDOW (self), NULL);

  return self->import_dialog;
}
