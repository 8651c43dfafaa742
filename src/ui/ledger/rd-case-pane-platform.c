/* rd-case-pane-platform.c
 *
 * What the platform's exports said of the case shown (rd-import-case.h):
 * a banner at the top when the shop closed the case and a later export
 * said the platform reopened it, and a group "On the Platform" with the
 * platform's status as its file wrote it, what the buyer asks back, and
 * the file and row the case was last read from. Nothing of it shows for a
 * case no import has read. The banner's Followed Up clears the flag (as
 * the operator signed in, audited).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-case-pane-private.h"
#include "rd-import-case.h"
#include "rd-operator-guard.h"

static GtkLabel *
add_row (AdwPreferencesGroup  *group,
         const char           *title,
         AdwActionRow        **row_out)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_preferences_group_add (group, row);
  *row_out = ADW_ACTION_ROW (row);
  return GTK_LABEL (label);
}

static void
on_followed_up_clicked (GtkButton  *button,
                        RdCasePane *self)
{
  g_autoptr(GError) error = NULL;
  const char *operator;

  if (self->rcase == NULL)
    return;
  operator = _rd_case_pane_require_operator (self);
  if (operator == NULL)
    return;
  if (!rd_import_case_clear_follow_up (self->store, self->rcase->id, operator, &error))
    {
      _rd_case_pane_show_error (self, _("Follow-Up Not Cleared"), error->message);
      return;
    }
  _rd_case_pane_toast (self, _("Marked as followed up"));
  _rd_case_pane_changed (self);
}

void
_rd_case_pane_platform_build_banner (RdCasePane *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *label = gtk_label_new (_("Reopened on the platform after the shop closed it — follow up"));
  GtkWidget *button;

  gtk_widget_add_css_class (box, "follow-up-banner");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Follow up"), -1);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);

  /* Translators: a button on the banner of a case the platform reopened:
   * the shop has dealt with it, the flag goes. */
  button = gtk_button_new_with_mnemonic (_("_Followed Up"));
  gtk_widget_set_name (button, "followed-up-button");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect (button, "clicked", G_CALLBACK (on_followed_up_clicked), self);
  gtk_box_append (GTK_BOX (box), button);
  self->followed_up_button = button;

  self->follow_up_banner = GTK_REVEALER (gtk_revealer_new ());
  gtk_widget_set_name (GTK_WIDGET (self->follow_up_banner), "follow-up-banner");
  gtk_revealer_set_transition_type (self->follow_up_banner, GTK_REVEALER_TRANSITION_TYPE_NONE);
  gtk_revealer_set_child (self->follow_up_banner, box);
  gtk_box_append (self->content_box, GTK_WIDGET (self->follow_up_banner));
}

void
_rd_case_pane_platform_build_group (RdCasePane          *self,
                                    AdwPreferencesGroup *group)
{
  self->platform_group = group;
  gtk_widget_set_name (GTK_WIDGET (group), "platform-group");
  adw_preferences_group_set_description (group, _("What the platform's last after-sales export said. "
                                                  "An import updates it; the shop's own decisions stay."));
  self->platform_status_label = add_row (group, _("Platform status"), &self->platform_status_row);
  self->platform_refund_label = add_row (group, _("The buyer asks back"), &self->platform_refund_row);
  self->platform_source_label = add_row (group, _("Last read from"), &self->platform_source_row);
}

void
_rd_case_pane_platform_show (RdCasePane *self)
{
  g_autoptr(RdImportCaseFacts) facts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  g_autofree char *source = NULL;
  g_autofree char *refund = NULL;

  if (!rd_import_case_get_facts (self->store, self->rcase->id, &facts, &error))
    g_warning ("The platform's facts of case %" G_GINT64_FORMAT " cannot be read: %s",
               self->rcase->id, error->message);

  gtk_revealer_set_reveal_child (self->follow_up_banner, facts != NULL && facts->follow_up);
  gtk_widget_set_visible (GTK_WIDGET (self->follow_up_banner), facts != NULL && facts->follow_up);
  /* Who is signed in may have changed since the pane was built. */
  rd_operator_guard_widget (self->context, self->followed_up_button, RD_ACTION_EDIT_CASE);
  gtk_widget_set_visible (GTK_WIDGET (self->platform_group), facts != NULL);
  if (facts == NULL)
    return;

  if (facts->platform_status != NULL && *facts->platform_status != '\0')
    /* Translators: the platform's status as its file wrote it, then what it means:
     * "退款成功 (Refunded by the platform)". */
    status = g_strdup_printf (_("%s (%s)"), facts->platform_status,
                              rd_import_platform_state_get_name (facts->platform_state));
  else
    status = g_strdup (rd_import_platform_state_get_name (facts->platform_state));
  gtk_label_set_label (self->platform_status_label, status);

  if (facts->refund_amount >= 0)
    refund = _rd_case_pane_format_money (self, facts->refund_amount);
  gtk_label_set_label (self->platform_refund_label, refund != NULL ? refund : "");
  gtk_widget_set_visible (GTK_WIDGET (self->platform_refund_row), refund != NULL);

  if (facts->file_name != NULL)
    {
      g_autofree char *row = g_strdup_printf ("%" G_GUINT64_FORMAT, facts->row);

      /* Translators: the file of the import that last read the case, and its row:
       * "taobao-1201.csv, row 14". */
      source = g_strdup_printf (_("%s, row %s"), facts->file_name, row);
    }
  gtk_label_set_label (self->platform_source_label, source != NULL ? source : "");
  gtk_widget_set_visible (GTK_WIDGET (self->platform_source_row), source != NULL);
}
