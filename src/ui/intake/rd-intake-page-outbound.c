/* rd-intake-page-outbound.c
 *
 * After the Intake page saved a case: a refund only of goods already shipped
 * whose outbound tracking number is known has a parcel on the road that the
 * courier may still stop. The page offers to register its intercept; "Register
 * Intercept" opens the Intercepts page's "New Intercept" dialog prefilled from
 * the case, its courier and tracking number (win.create-intercept), which
 * creates it through the core. Only someone whose role may register an
 * intercept is asked; a clerk is told to pass it to the warehouse.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-intake-page-private.h"
#include "rd-operator-guard.h"
#include "rd-shop-lists.h"

/* The courier's name as the shop's list shows it. */
static char *
courier_name (RdIntakePage *self,
              const char   *id)
{
  g_autoptr(GPtrArray) couriers = NULL;
  const RdListItem *item;

  if (id == NULL)
    return NULL;
  couriers = rd_lists_get (self->settings, RD_LIST_COURIERS);
  item = rd_lists_find (couriers, id);
  return g_strdup (item != NULL ? item->name : id);
}

static void
on_offer_response (AdwMessageDialog *dialog,
                   const char       *response,
                   RdIntakePage     *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (dialog), "rd-case-id");

  if (!g_str_equal (response, "register") || id == NULL)
    return;
  /* The window installs win.create-intercept. */
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "win.create-intercept", "x", *id))
    _rd_intake_page_show_toast (self, _("Register the intercept on the Intercepts page."));
}

/* The parcel still on the road for rcase ("SF Express SF1234…"), or NULL
 * when it has none to stop. */
static char *
parcel_to_stop (RdIntakePage *self,
                const RdCase *rcase)
{
  g_autofree char *courier = NULL;
  g_autofree char *parcel = NULL;

  if (rcase->kind != RD_REFUND_KIND_REFUND_ONLY_SHIPPED || rcase->outbound_tracking == NULL ||
      *rcase->outbound_tracking == '\0')
    return NULL;

  courier = courier_name (self, rcase->outbound_courier);
  /* Translators: the outbound parcel: a courier, then its tracking number */
  parcel = g_strdup_printf (_("%s %s"), courier != NULL ? courier : "", rcase->outbound_tracking);
  return g_strdup (g_strstrip (parcel));
}

static gboolean
may_intercept (RdIntakePage *self)
{
  return rd_role_may (rd_context_get_role (self->context), RD_ACTION_INTERCEPT);
}

char *
_rd_intake_page_saved_message (RdIntakePage *self,
                               const RdCase *rcase)
{
  g_autofree char *parcel = parcel_to_stop (self, rcase);

  if (parcel == NULL || may_intercept (self))
    return g_strdup_printf (_("Case %s saved"), rcase->case_no);

  /* Translators: a clerk saved a case whose parcel is still on the road;
   * the warehouse registers intercepts. %s: "SF Express SF1234…", a case number. */
  return g_strdup_printf (_("Ask the warehouse to intercept %s (case %s is saved)."), parcel, rcase->case_no);
}

void
_rd_intake_page_offer_intercept (RdIntakePage *self,
                                 const RdCase *rcase)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *parcel = NULL;
  GtkWidget *dialog;
  gint64 *id;

  /* Offered only to whom may register it: the others are told, in the
   * saved toast, to pass it to the warehouse. */
  parcel = parcel_to_stop (self, rcase);
  if (parcel == NULL || !may_intercept (self))
    return;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Intercept the Parcel?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("Case %s refunds goods that were already sent: %s. If the parcel is still on its way, ask the courier to stop it and register the intercept now, so that the case follows it."),
                                  rcase->case_no, parcel);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "later", _("_Not Now"),
                                    "register", _("_Register Intercept"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "register", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "register");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "later");
  rd_operator_guard_dialog (self->context, GTK_WINDOW (dialog));

  id = g_new (gint64, 1);
  *id = rcase->id;
  g_object_set_data_full (G_OBJECT (dialog), "rd-case-id", id, g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_offer_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
