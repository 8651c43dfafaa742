/* rd-intake-page-save.c
 *
 * Saving a new case from the Intake page: the operator first, then the
 * open cases for the same order (open that case, or create another one with
 * a reason kept in the notes), then the insert with the platform deadline,
 * the evidence ticks and a toast whose Show button opens the case (and, for
 * a parcel on the road, the offer to intercept it). And cancelling, which
 * asks before anything typed is thrown away. A request time in the future
 * is confirmed before anything else is asked.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-case-checks.h"
#include "rd-case-store.h"
#include "rd-case-store-workflow.h"
#include "rd-intake-page-private.h"
#include "rd-money.h"
#include "rd-operator-guard.h"
#include "rd-policy.h"
#include "rd-time.h"

static void
show_case (RdIntakePage *self,
           gint64        id)
{
  /* The ledger page installs win.show-case; without it, show the ledger. */
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "win.show-case", "x", id))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-page", "s", "ledger");
}

static void
on_saved_toast_button_clicked (AdwToast     *toast,
                               RdIntakePage *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (toast), "rd-case-id");

  if (id != NULL)
    show_case (self, *id);
}

static void
insert_case (RdIntakePage *self,
             RdCase       *rcase,
             const char   *duplicate_of,
             const char   *duplicate_reason)
{
  const RdPolicy *policy;
  g_autoptr(GError) error = NULL;
  g_autofree char *operator = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;
  gint64 *id;

  /* Whoever is signed in when it is written: a dialog asked in between may
   * have outlived its operator. */
  operator = _rd_intake_page_get_operator (self);
  if (operator == NULL)
    return;

  if (duplicate_of != NULL)
    {
      g_autofree char *line = g_strdup_printf (_("Created although %s is open for the same order: %s"),
                                               duplicate_of, duplicate_reason);

      _rd_intake_append_note (rcase, line);
    }
  if (rcase->handler == NULL)
    rcase->handler = g_strdup (operator);

  policy = rd_context_get_policy (self->context);
  rcase->platform_deadline = rd_case_compute_platform_deadline (rcase, policy);

  if (!rd_case_store_insert (self->store, rcase, operator, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The case was not saved: %s"), error->message);

      _rd_intake_page_show_toast (self, message);
      return;
    }

  for (guint i = 0; i < RD_EVIDENCE_N_ITEMS; i++)
    if (gtk_check_button_get_active (self->evidence_checks[i]) &&
        !rd_evidence_set (self->store, rcase->id, i, TRUE, operator, &error))
      {
        g_autofree char *message = g_strdup_printf (_("The case was saved, but not its evidence: %s"), error->message);

        _rd_intake_page_show_toast (self, message);
        g_clear_error (&error);
        break;
      }

  _rd_intake_page_discard_draft (self);
  _rd_intake_page_clear_form (self);
  _rd_intake_page_focus_first_field (self);

  title = _rd_intake_page_saved_message (self, rcase);
  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 10);
  /* Before an older note ("Restored your unsaved case"): what happened to
   * the case, and what to do next, is shown now. */
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  /* Not "_Show": Alt+S is Save Case's. */
  adw_toast_set_button_label (toast, _("_View Case"));
  id = g_new (gint64, 1);
  *id = rcase->id;
  g_object_set_data_full (G_OBJECT (toast), "rd-case-id", id, g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_saved_toast_button_clicked), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);

  _rd_intake_page_offer_intercept (self, rcase);
}

static void
on_reason_entry_changed (GtkEditable      *entry,
                         AdwMessageDialog *dialog)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "create", *reason != '\0');
}

static void
on_duplicate_response (AdwMessageDialog *dialog,
                       const char       *response,
                       RdIntakePage     *self)
{
  RdCase *duplicate = g_object_get_data (G_OBJECT (dialog), "rd-duplicate");
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "rd-entry");
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autoptr(RdCase) rcase = NULL;

  if (g_str_equal (response, "open"))
    show_case (self, duplicate->id);
  else if (g_str_equal (response, "create") && *reason != '\0')
    {
      rcase = _rd_intake_page_check_form (self);
      if (rcase != NULL)
        insert_case (self, rcase, duplicate->case_no, reason);
    }
}

static void
ask_about_duplicate (RdIntakePage *self,
                     RdCase       *duplicate,
                     guint         n_open)
{
  g_autofree char *amount = rd_money_format (duplicate->amount_paid, rd_currency_lookup (duplicate->currency));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;
  GtkWidget *entry;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("This Order Already Has an Open Case"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  ngettext ("Case %s (%s, %s) is open for the same channel and order number. Open that case, or create another one and say why.",
                                            "Case %s (%s, %s) and others are open for the same channel and order number. Open the newest, or create another one and say why.",
                                            n_open),
                                  duplicate->case_no, rd_case_status_get_name (duplicate->status), amount);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "create", _("Create _Anyway"),
                                    "open", _("_Open That Case"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "create", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "open");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Why another case? (required)"));
  g_signal_connect (entry, "changed", G_CALLBACK (on_reason_entry_changed), dialog);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);

  g_object_set_data_full (G_OBJECT (dialog), "rd-duplicate", rd_case_copy (duplicate), (GDestroyNotify) rd_case_free);
  g_object_set_data (G_OBJECT (dialog), "rd-entry", entry);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_duplicate_response), self, 0);
  rd_operator_guard_dialog (self->context, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_future_response (AdwMessageDialog *dialog,
                    const char       *response,
                    RdIntakePage     *self)
{
  if (!g_str_equal (response, "save"))
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->requested_row));
      return;
    }

  self->future_confirmed = TRUE;
  _rd_intake_page_save_action (GTK_WIDGET (self), "intake.save", NULL);
}

static void
ask_about_future_time (RdIntakePage *self,
                       gint64        requested_at)
{
  g_autofree char *when = rd_time_format_local (requested_at);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Request Time in the Future"), NULL);
  /* Translators: %s is the request time: “2027-05-01 09:00” */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("The request time %s is in the future. Save anyway?"), when);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save Anyway"),
                                    NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_future_response), self, 0);
  rd_operator_guard_dialog (self->context, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_cancel_response (AdwMessageDialog *dialog,
                    const char       *response,
                    RdIntakePage     *self)
{
  if (!g_str_equal (response, "discard"))
    return;

  _rd_intake_page_discard_draft (self);
  _rd_intake_page_clear_form (self);
  _rd_intake_page_focus_first_field (self);
}

void
_rd_intake_page_save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RdIntakePage *self = RD_INTAKE_PAGE (widget);
  g_autoptr(RdCase) rcase = _rd_intake_page_check_form (self);
  g_autoptr(GPtrArray) duplicates = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *operator = NULL;
  gboolean future_confirmed = self->future_confirmed;

  self->future_confirmed = FALSE;
  if (rcase == NULL || self->store == NULL)
    return;

  operator = _rd_intake_page_get_operator (self);
  if (operator == NULL)
    return;

  if (!future_confirmed &&
      !rd_case_check_request_time (rcase->requested_at, g_get_real_time () / G_USEC_PER_SEC, NULL))
    {
      ask_about_future_time (self, rcase->requested_at);
      return;
    }

  duplicates = rd_case_store_find_open_duplicates (self->store, rcase->channel, rcase->order_no, 0, &error);
  if (duplicates == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The case was not saved: %s"), error->message);

      _rd_intake_page_show_toast (self, message);
      return;
    }
  if (duplicates->len > 0)
    {
      ask_about_duplicate (self, g_ptr_array_index (duplicates, 0), duplicates->len);
      return;
    }

  insert_case (self, rcase, NULL, NULL);
}

void
_rd_intake_page_cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RdIntakePage *self = RD_INTAKE_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  if (!rd_intake_page_is_dirty (self))
    return;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Discard This Case?"),
                                   _("What you typed has not been saved to the ledger and will be lost."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_cancel_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
