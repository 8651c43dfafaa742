/* rd-test-ui.c
 *
 * See rd-test-ui.h.
 */
#include "config.h"

#include "rd-intercepts-page.h"
#include "rd-test-ledger.h"
#include "rd-test-ui.h"

void
rd_test_ui_iterate (void)
{
  for (;;)
    {
      GListModel *toplevels = gtk_window_get_toplevels ();
      gboolean loading = FALSE;

      while (g_main_context_iteration (NULL, FALSE))
        ;

      /* The intercept register is read on a worker: wait for it. */
      for (guint i = 0; !loading && i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);
          GtkWidget *page = rd_test_ui_find_descendant (window, RD_TYPE_INTERCEPTS_PAGE, NULL);

          loading = page != NULL && rd_intercepts_page_is_loading (RD_INTERCEPTS_PAGE (page));
        }
      if (!loading)
        return;
      g_main_context_iteration (NULL, TRUE);
    }
}

GtkWidget *
rd_test_ui_find_descendant (GtkWidget  *widget,
                            GType       type,
                            const char *name)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      (name == NULL || g_strcmp0 (gtk_widget_get_name (widget), name) == 0))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = rd_test_ui_find_descendant (child, type, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
rd_test_ui_find_action_button (GtkWidget  *widget,
                               const char *action_name)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = rd_test_ui_find_action_button (child, action_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

AdwMessageDialog *
rd_test_ui_find_dialog (void)
{
  AdwMessageDialog *found = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);

  return found;
}

GtkWindow *
rd_test_ui_find_window (const char *name)
{
  GtkWindow *found = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (gtk_widget_get_visible (l->data) && g_strcmp0 (gtk_widget_get_name (l->data), name) == 0)
      found = l->data;
  g_list_free (toplevels);

  return found;
}

void
rd_test_ui_approve (GtkWindow  *dialog,
                    const char *amount,
                    const char *approver,
                    const char *pin,
                    const char *reason)
{
  GtkWidget *amount_row = rd_test_ui_find_descendant (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "amount-entry");
  GtkWidget *button = rd_test_ui_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "approve-button");

  g_assert_nonnull (amount_row);
  g_assert_nonnull (button);
  gtk_editable_set_text (GTK_EDITABLE (amount_row), amount);
  if (approver != NULL)
    {
      GtkWidget *row = rd_test_ui_find_descendant (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, "approver-row");
      GListModel *names;
      guint i, n;

      g_assert_nonnull (row);
      g_assert_true (gtk_widget_get_mapped (row));
      names = adw_combo_row_get_model (ADW_COMBO_ROW (row));
      n = g_list_model_get_n_items (names);
      for (i = 0; i < n; i++)
        if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), i), approver) == 0)
          break;
      g_assert_cmpuint (i, <, n);
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), i);
    }
  if (pin != NULL)
    {
      GtkWidget *row = rd_test_ui_find_descendant (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "pin-entry");

      g_assert_nonnull (row);
      gtk_editable_set_text (GTK_EDITABLE (row), pin);
    }
  if (reason != NULL)
    {
      GtkWidget *row = rd_test_ui_find_descendant (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "reason-entry");

      g_assert_nonnull (row);
      gtk_editable_set_text (GTK_EDITABLE (row), reason);
    }
  rd_test_ui_iterate ();
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  rd_test_ui_iterate ();
}

RdStore *
rd_test_ui_open_ledger (const char  *dir,
                        char       **out_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "ledger.db", NULL);
  RdStore *store = rd_store_open (path, RD_STORE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  rd_test_add_operators (store);
  if (out_path != NULL)
    *out_path = g_steal_pointer (&path);

  return store;
}

RdContext *
rd_test_ui_new_context (RdStore *store)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  return rd_context_new (store, settings);
}

void
rd_test_ui_sign_in (RdContext  *context,
                    RdStore    *store,
                    const char *name,
                    RdRole      role)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdOperator) existing = NULL;
  g_autoptr(GPtrArray) operators = NULL;
  const char *admin = NULL;

  if (*name == '\0')
    {
      rd_context_sign_out (context);
      return;
    }

  if (rd_context_get_store (context) == NULL)
    rd_context_set_store (context, store);
  store = rd_context_get_store (context);

  if (!rd_operators_has_admin (store, NULL))
    {
      g_assert_true (rd_operators_create_first_admin (store, role == RD_ROLE_ADMIN ? name : "Admin",
                                                      RD_TEST_PIN, &error));
      g_assert_no_error (error);
    }

  existing = rd_operators_get (store, name, NULL);
  if (existing == NULL)
    {
      operators = rd_operators_list (store, &error);
      g_assert_no_error (error);
      for (guint i = 0; admin == NULL && i < operators->len; i++)
        if (((RdOperator *) g_ptr_array_index (operators, i))->role == RD_ROLE_ADMIN)
          admin = ((RdOperator *) g_ptr_array_index (operators, i))->name;
      g_assert_nonnull (admin);
      g_assert_true (rd_operators_add (store, admin, RD_TEST_PIN, name, role, RD_TEST_PIN, &error));
      g_assert_no_error (error);
    }

  g_assert_true (rd_context_sign_in (context, name, RD_TEST_PIN, &error));
  g_assert_no_error (error);
}
