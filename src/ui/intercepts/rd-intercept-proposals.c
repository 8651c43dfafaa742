/* rd-intercept-proposals.c
 *
 * The banner of the imported cases with a parcel on its way to the buyer
 * (rd-intercept-proposals.h): one line with their number and Review, and
 * below it, revealed by Review, a boxed list of the cases (case number,
 * buyer, the outbound tracking number), each with Add to Register…. The
 * page reads the proposals on its worker and hands them over; adding one
 * goes through the page's own new-intercept flow ("add-case").
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-case.h"
#include "rd-intercept-proposals.h"
#include "rd-operator-guard.h"

struct _RdInterceptProposals
{
  AdwBin           parent_instance;

  guint            n_total;
  GtkLabel        *label;
  GtkToggleButton *review_button;
  GtkRevealer     *revealer;
  GtkListBox      *list;
};

G_DEFINE_FINAL_TYPE (RdInterceptProposals, rd_intercept_proposals, ADW_TYPE_BIN)

enum
{
  SIGNAL_ADD_CASE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* callbacks (make_row connects on_add_clicked) */

static void
on_add_clicked (RdInterceptProposals *self,
                GtkButton            *button)
{
  const gint64 *id = g_object_get_data (G_OBJECT (button), "case-id");

  if (id != NULL)
    g_signal_emit (self, signals[SIGNAL_ADD_CASE], 0, *id);
}

static void
on_review_toggled (RdInterceptProposals *self)
{
  gtk_revealer_set_reveal_child (self->revealer, gtk_toggle_button_get_active (self->review_button));
}

/* helpers */

static GtkWidget *
make_row (RdInterceptProposals *self,
          const RdCase         *rcase)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Add to Register…"));
  g_autofree char *subtitle = NULL;
  const char *buyer = rcase->buyer_name != NULL && *rcase->buyer_name != '\0' ? rcase->buyer_name : "—";

  /* Translators: a case proposed for the intercept register: the buyer and
   * the tracking number of the parcel sent to them, "tb_buyer · SF1234567890". */
  subtitle = g_strdup_printf (_("%s · parcel %s"), buyer,
                              rcase->outbound_tracking != NULL ? rcase->outbound_tracking : "—");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rcase->case_no != NULL ? rcase->case_no : "—");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_widget_set_name (button, "proposal-add-button");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (button), "case-id",
                          g_memdup2 (&rcase->id, sizeof rcase->id), g_free);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_add_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

/* class */

static void
rd_intercept_proposals_class_init (RdInterceptProposalsClass *klass)
{
  /**
   * RdInterceptProposals::add-case:
   * @case_id: the case whose parcel the user wants in the register
   */
  signals[SIGNAL_ADD_CASE] = g_signal_new ("add-case", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
rd_intercept_proposals_init (RdInterceptProposals *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *banner = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name ("mail-send-symbolic");
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  gtk_widget_set_name (GTK_WIDGET (self), "intercept-proposals");
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  gtk_widget_add_css_class (banner, "intercept-proposals-banner");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Parcels on their way"), -1);
  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->label, TRUE);
  gtk_label_set_wrap_mode (self->label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (self->label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->label), TRUE);
  self->review_button = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_mnemonic (_("_Review")));
  gtk_widget_set_name (GTK_WIDGET (self->review_button), "proposals-review-button");
  gtk_widget_set_valign (GTK_WIDGET (self->review_button), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->review_button),
                               _("List these cases; add each parcel to the register to intercept it"));
  g_signal_connect_swapped (self->review_button, "toggled", G_CALLBACK (on_review_toggled), self);
  gtk_box_append (GTK_BOX (banner), icon);
  gtk_box_append (GTK_BOX (banner), GTK_WIDGET (self->label));
  gtk_box_append (GTK_BOX (banner), GTK_WIDGET (self->review_button));

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_set_name (GTK_WIDGET (self->list), "proposals-list");
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 260);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list));
  self->revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_child (self->revealer, scrolled);

  gtk_box_append (GTK_BOX (box), banner);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->revealer));
  adw_bin_set_child (ADW_BIN (self), box);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/* public */

GtkWidget *
rd_intercept_proposals_new (void)
{
  return g_object_new (RD_TYPE_INTERCEPT_PROPOSALS, NULL);
}

void
rd_intercept_proposals_set (RdInterceptProposals *self,
                            GPtrArray            *cases,
                            guint                 n_total)
{
  GtkWidget *child;
  g_autofree char *text = NULL;
  guint shown = cases != NULL ? cases->len : 0;

  g_return_if_fail (RD_IS_INTERCEPT_PROPOSALS (self));

  self->n_total = MAX (n_total, shown);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  for (guint i = 0; i < shown; i++)
    gtk_list_box_append (self->list, make_row (self, g_ptr_array_index (cases, i)));
  if (self->n_total > shown)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *more = NULL;

      /* Translators: at the end of the list of proposals when it is cut short. */
      more = g_strdup_printf (ngettext ("And %u more case", "And %u more cases", self->n_total - shown),
                              self->n_total - shown);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), more);
      gtk_list_box_append (self->list, row);
    }

  /* Translators: above the Intercepts page's list: imported cases (shipped,
   * refund only) whose parcel is not in the register yet. */
  text = g_strdup_printf (ngettext ("%u imported case has a parcel on its way to the buyer",
                                    "%u imported cases have a parcel on its way to the buyer", self->n_total),
                          self->n_total);
  gtk_label_set_label (self->label, text);
  gtk_widget_set_visible (GTK_WIDGET (self), self->n_total > 0);
  if (self->n_total == 0)
    gtk_toggle_button_set_active (self->review_button, FALSE);
}

guint
rd_intercept_proposals_get_n (RdInterceptProposals *self)
{
  g_return_val_if_fail (RD_IS_INTERCEPT_PROPOSALS (self), 0);

  return self->n_total;
}

void
rd_intercept_proposals_guard (RdInterceptProposals *self,
                              RdContext            *context)
{
  g_return_if_fail (RD_IS_INTERCEPT_PROPOSALS (self));

  rd_operator_guard_widget (context, GTK_WIDGET (self->list), RD_ACTION_INTERCEPT);
}
