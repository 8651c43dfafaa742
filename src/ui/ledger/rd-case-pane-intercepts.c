/* rd-case-pane-intercepts.c
 *
 * The case pane's "Intercepts" group: the parcels registered for the case
 * (courier, tracking number, status, time left before the platform's
 * deadline), each with a button that opens it on the Intercepts page
 * (win.show-intercept), and "Create Intercept" for a refund-only case whose
 * goods were shipped (win.create-intercept).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-case-pane-private.h"
#include "rd-intercept-item.h"
#include "rd-intercepts.h"

void
_rd_case_pane_intercepts_build (RdCasePane          *self,
                                AdwPreferencesGroup *group)
{
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *button;

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  adw_preferences_group_add (group, list);
  self->intercepts_list = GTK_LIST_BOX (list);

  /* Not a header suffix: libadwaita 1.2 unparents that twice on dispose. */
  button = gtk_button_new_with_mnemonic (_("Create _Intercept…"));
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_margin_top (button, 6);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (0));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.create-intercept");
  adw_preferences_group_add (group, button);
  self->create_intercept_button = GTK_BUTTON (button);
  self->intercepts_group = group;
}

static GtkWidget *
intercept_row (RdCasePane        *self,
               RdIntercept       *intercept,
               const RdPolicy    *policy,
               gint64             now)
{
  gint64 id = intercept->id;
  gboolean overdue = intercept->platform_deadline > 0 && intercept->platform_deadline <= now;
  g_autoptr(RdInterceptItem) item = rd_intercept_item_new_intercept (intercept, policy, now);
  g_autofree char *courier = rd_intercept_item_get_text (item, RD_INTERCEPT_COLUMN_COURIER);
  g_autofree char *tracking = rd_intercept_item_get_text (item, RD_INTERCEPT_COLUMN_TRACKING);
  g_autofree char *status = rd_intercept_item_get_text (item, RD_INTERCEPT_COLUMN_STATUS);
  g_autofree char *left = rd_intercept_item_get_text (item, RD_INTERCEPT_COLUMN_TIME_LEFT);
  g_autofree char *title = g_strdup_printf ("%s · %s", courier, tracking);
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;

  if (left != NULL && *left != '\0' && overdue)
    subtitle = g_strdup_printf ("%s · %s", status, left);   /* "overdue 2 h" */
  else if (left != NULL && *left != '\0')
    /* TRANSLATORS: an intercept's status, then the time left before the platform refunds by itself */
    subtitle = g_strdup_printf (_("%s · %s left"), status, left);
  else
    subtitle = g_strdup (status);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (rd_intercept_item_is_urgent (item))
    gtk_widget_add_css_class (row, "error");

  button = gtk_button_new_from_icon_name ("go-next-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Open on the Intercepts page"));
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (id));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.show-intercept");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);

  return row;
}

void
_rd_case_pane_intercepts_show (RdCasePane *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) intercepts = NULL;
  const RdPolicy *policy;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gboolean can_create;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->intercepts_list))) != NULL)
    gtk_list_box_remove (self->intercepts_list, child);

  intercepts = rd_intercepts_list_for_case (self->store, self->rcase->id, &error);
  if (intercepts == NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), error->message);
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->intercepts_list, row);
    }
  else if (intercepts->len > 0)
    {
      policy = rd_context_get_policy (self->context);
      /* The item takes the intercept. */
      g_ptr_array_set_free_func (intercepts, NULL);
      for (guint i = 0; i < intercepts->len; i++)
        gtk_list_box_append (self->intercepts_list,
                             intercept_row (self, g_ptr_array_index (intercepts, i), policy, now));
    }

  can_create = self->rcase->kind == RD_REFUND_KIND_REFUND_ONLY_SHIPPED;
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->create_intercept_button),
                                          g_variant_new_int64 (self->rcase->id));
  gtk_widget_set_visible (GTK_WIDGET (self->create_intercept_button), can_create);
  rd_operator_guard_widget (self->context, GTK_WIDGET (self->create_intercept_button), RD_ACTION_INTERCEPT);
  gtk_widget_set_visible (GTK_WIDGET (self->intercepts_list), intercepts == NULL || intercepts->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->intercepts_group),
                          can_create || intercepts == NULL || intercepts->len > 0);
}
