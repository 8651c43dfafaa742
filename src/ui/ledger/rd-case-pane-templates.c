/* rd-case-pane-templates.c
 *
 * The case pane's reply templates: the menu of the shop's templates and
 * copying one, filled from the case and its parcel by the core
 * (rd_case_reply_fill). A value the case does not have is left as a
 * visible gap in the text ("[tracking number]") and named in a toast, so
 * that the reply can still be pasted while the buyer waits and the gap is
 * filled in by hand before it is sent.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-case-pane-private.h"
#include "rd-case-reply.h"
#include "rd-templates.h"

static void
copy_template_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RdCasePane *self = RD_CASE_PANE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) templates = NULL;
  gint64 id = g_variant_get_int64 (parameter);

  if (self->rcase == NULL || self->store == NULL)
    return;

  templates = rd_templates_list (self->store, &error);
  if (templates == NULL)
    {
      _rd_case_pane_toast (self, error->message);
      return;
    }

  for (guint i = 0; i < templates->len; i++)
    {
      RdTemplate *tmpl = g_ptr_array_index (templates, i);
      g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *text = NULL;

      if (tmpl->id != id)
        continue;

      text = rd_case_reply_fill (self->store, rd_context_get_policy (self->context), self->settings,
                                 self->rcase, tmpl, g_get_real_time () / G_USEC_PER_SEC,
                                 missing, &error);
      if (text == NULL)
        {
          _rd_case_pane_toast (self, error->message);
          return;
        }

      gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
      if (missing->len == 0)
        {
          _rd_case_pane_toast (self, _("Copied"));
        }
      else
        {
          g_autofree char *list = NULL;
          g_autofree char *message = NULL;

          g_ptr_array_add (missing, NULL);
          /* Translators: the separator of a list of missing values. */
          list = g_strjoinv (_(", "), (char **) missing->pdata);
          /* Translators: %s is a list such as "courier, tracking number". */
          message = g_strdup_printf (_("Copied. Not on this case, fill in before sending: %s"), list);
          _rd_case_pane_toast (self, message);
        }
      return;
    }
}

void
_rd_case_pane_update_templates_menu (RdCasePane *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GPtrArray) templates = NULL;

  if (self->store != NULL)
    templates = rd_templates_list (self->store, NULL);

  for (guint i = 0; templates != NULL && i < templates->len; i++)
    {
      RdTemplate *tmpl = g_ptr_array_index (templates, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (tmpl->title, NULL);

      g_menu_item_set_action_and_target_value (item, "case.copy-template", g_variant_new_int64 (tmpl->id));
      g_menu_append_item (menu, item);
    }

  gtk_menu_button_set_menu_model (self->templates_button, G_MENU_MODEL (menu));
  gtk_widget_set_visible (GTK_WIDGET (self->templates_button),
                          self->rcase != NULL && templates != NULL && templates->len > 0);
}

void
_rd_case_pane_templates_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "case.copy-template", "x", copy_template_action);
}
