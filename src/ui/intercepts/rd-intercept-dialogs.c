/* rd-intercept-dialogs.c
 *
 * The Intercepts page's dialogs (see rd-intercept-dialogs.h). Money is read
 * with rd_money_parse in the parcel's own currency (its case's: a dollar
 * parcel is typed in dollars and stored in cents, a yen one has no
 * decimals), exact, never a double; the label names that currency. While a
 * form does not parse, its confirming response is disabled and a line says
 * why.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-intercept-dialogs.h"
#include "rd-money-totals.h"

typedef struct
{
  GCallback     done;
  GObject      *data;
  RdIntercept  *intercept;      /* a copy of the prefill / the parcel */
  GtkDropDown  *courier;
  GtkEntry     *tracking;
  GtkEntry     *amount;
  GtkEntry     *province;
  GtkEntry     *case_no;
  GtkDropDown  *candidates;
  GPtrArray    *candidate_numbers;   /* case numbers of the candidates (char *) */
  GtkSwitch    *requested;
  GtkLabel     *error;
  AdwMessageDialog *dialog;
  const char   *response;       /* the confirming response */
  gboolean      amount_required;
  const RdCurrency *currency;   /* of the amount: the parcel's */
  RdCurrency    unknown;        /* a code this build does not know: two decimals */
} Form;

static void
form_free (Form *form)
{
  g_clear_object (&form->data);
  g_clear_pointer (&form->intercept, rd_intercept_free);
  g_clear_pointer (&form->candidate_numbers, g_ptr_array_unref);
  g_free (form);
}

static AdwMessageDialog *
new_dialog (GtkWidget  *parent,
            const char *heading,
            const char *body,
            GCallback   done,
            gpointer    data,
            Form      **out_form)
{
  GtkRoot *root = gtk_widget_get_root (parent);
  AdwMessageDialog *dialog;
  Form *form = g_new0 (Form, 1);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       heading, body));
  form->dialog = dialog;
  form->done = done;
  form->data = data != NULL ? g_object_ref (data) : NULL;
  form->currency = rd_currency_default ();
  g_object_set_data_full (G_OBJECT (dialog), "rd-form", form, (GDestroyNotify) form_free);
  *out_form = form;
  return dialog;
}

static GtkWidget *
add_row (GtkGrid    *grid,
         int         row,
         const char *label,
         GtkWidget  *widget)
{
  GtkWidget *title = gtk_label_new_with_mnemonic (label);

  gtk_label_set_xalign (GTK_LABEL (title), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (title), widget);
  gtk_widget_add_css_class (title, "dim-label");
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_grid_attach (grid, title, 0, row, 1, 1);
  gtk_grid_attach (grid, widget, 1, row, 1, 1);
  return widget;
}

/* The form's amounts are in code (NULL: the shop's, CNY). */
static void
set_currency (Form       *form,
              const char *code)
{
  const RdCurrency *currency = code != NULL && *code != '\0' ? rd_currency_lookup (code)
                                                              : rd_currency_default ();

  if (currency == NULL)
    {
      /* Written by a newer Refund Desk: its code, two decimals. */
      form->unknown.code = g_intern_string (code);
      form->unknown.symbol = form->unknown.code;
      form->unknown.exponent = 2;
      currency = &form->unknown;
    }
  form->currency = currency;
}

/* "Amount c_laimed ($)": the label of an amount, with its currency. */
static char *
money_label (Form       *form,
             const char *format)
{
  return g_strdup_printf (format, form->currency->symbol);
}

static GtkEntry *
money_entry (Form   *form,
             gint64  amount)
{
  GtkEntry *entry = GTK_ENTRY (gtk_entry_new ());

  gtk_entry_set_input_purpose (entry, form->currency->exponent > 0 ? GTK_INPUT_PURPOSE_NUMBER
                                                                   : GTK_INPUT_PURPOSE_DIGITS);
  if (amount > 0)
    {
      g_autofree char *text = rd_money_format_plain (amount, form->currency);
      gtk_editable_set_text (GTK_EDITABLE (entry), text);
    }
  gtk_entry_set_activates_default (entry, TRUE);
  return entry;
}

static GtkLabel *
error_label (void)
{
  GtkLabel *label = GTK_LABEL (gtk_label_new (NULL));

  gtk_label_set_wrap (label, TRUE);
  gtk_label_set_xalign (label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (label), "error");
  gtk_widget_set_visible (GTK_WIDGET (label), FALSE);
  return label;
}

/* Reads the amount entry: empty is 0 unless required. */
static gboolean
read_amount (Form     *form,
             gint64   *amount,
             GError  **error)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (form->amount));

  *amount = 0;
  if (*text == '\0' && !form->amount_required)
    return TRUE;
  if (!rd_money_parse (text, form->currency, amount, error))
    return FALSE;
  if (*amount < 0 || (form->amount_required && *amount == 0))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("Enter an amount of more than zero."));
      return FALSE;
    }
  return TRUE;
}

static void
revalidate (Form *form)
{
  g_autoptr(GError) error = NULL;
  gint64 amount;
  gboolean ok = TRUE;

  if (form->amount != NULL && !read_amount (form, &amount, &error))
    ok = FALSE;
  if (ok && form->case_no != NULL)
    {
      g_autofree char *number = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (form->case_no))));
      ok = *number != '\0';
    }
  if (ok && form->tracking != NULL)
    {
      g_autofree char *tracking = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (form->tracking))));
      ok = *tracking != '\0';
    }

  adw_message_dialog_set_response_enabled (form->dialog, form->response, ok);
  gtk_label_set_label (form->error, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (form->error), error != NULL);
}

static void
on_form_changed (GtkEditable *editable,
                 Form        *form)
{
  revalidate (form);
}

static void
watch (Form     *form,
       GtkEntry *entry)
{
  if (entry != NULL)
    g_signal_connect (entry, "changed", G_CALLBACK (on_form_changed), form);
}

/* New intercept */

static void
on_create_response (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  Form *form = g_object_get_data (G_OBJECT (dialog), "rd-form");
  RdIntercept *filled = form->intercept;
  gint64 amount;

  if (g_strcmp0 (response, "create") != 0)
    return;

  if (!read_amount (form, &amount, NULL))
    return;

  g_free (filled->tracking_no);
  filled->tracking_no = g_strdup (gtk_editable_get_text (GTK_EDITABLE (form->tracking)));
  g_free (filled->province);
  filled->province = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (form->province))));
  filled->courier = gtk_drop_down_get_selected (form->courier) + 1;
  filled->amount = amount;
  filled->status = gtk_switch_get_active (form->requested) ? RD_INTERCEPT_STATUS_REQUESTED
                                                           : RD_INTERCEPT_STATUS_PENDING;

  ((RdCreateDone) form->done) (filled, form->data);
}

GtkWindow *
rd_intercept_dialog_create (GtkWidget         *parent,
                            const RdIntercept *prefill,
                            RdCreateDone       done,
                            gpointer           data)
{
  g_autoptr(GtkStringList) couriers = gtk_string_list_new (NULL);
  g_autofree char *body = NULL;
  g_autofree char *label = NULL;
  AdwMessageDialog *dialog;
  GtkGrid *grid;
  Form *form;
  int row = 0;

  if (prefill != NULL && prefill->case_no != NULL && prefill->tracking_no != NULL)
    body = g_strdup_printf (_("For case %s, order %s: the parcel the shop sent. Check it and add the destination province."),
                            prefill->case_no, prefill->order_no != NULL ? prefill->order_no : "");
  else if (prefill != NULL && prefill->case_no != NULL)
    body = g_strdup_printf (_("For case %s, order %s. Enter the parcel’s courier and tracking number."),
                            prefill->case_no, prefill->order_no != NULL ? prefill->order_no : "");
  else
    body = g_strdup (_("A parcel to stop on its way to the buyer."));

  dialog = new_dialog (parent, _("New Intercept"), body, G_CALLBACK (done), data, &form);
  form->intercept = prefill != NULL ? rd_intercept_copy (prefill) : rd_intercept_new ();

  for (int i = 1; i < RD_COURIER_LAST; i++)
    gtk_string_list_append (couriers, rd_courier_get_name (i));

  grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_row_spacing (grid, 6);
  gtk_grid_set_column_spacing (grid, 12);

  form->courier = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (couriers)), NULL));
  if (form->intercept->courier > RD_COURIER_NONE)
    gtk_drop_down_set_selected (form->courier, form->intercept->courier - 1);
  add_row (grid, row++, _("C_ourier"), GTK_WIDGET (form->courier));

  form->tracking = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_activates_default (form->tracking, TRUE);
  if (form->intercept->tracking_no != NULL)
    gtk_editable_set_text (GTK_EDITABLE (form->tracking), form->intercept->tracking_no);
  add_row (grid, row++, _("_Tracking number"), GTK_WIDGET (form->tracking));

  set_currency (form, form->intercept->currency);
  form->amount = money_entry (form, form->intercept->amount);
  /* TRANSLATORS: %s is the currency's symbol, ¥ or $ */
  label = money_label (form, _("_Amount (%s)"));
  add_row (grid, row++, label, GTK_WIDGET (form->amount));

  form->province = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (form->province, _("e.g. 广东, 新疆"));
  gtk_entry_set_activates_default (form->province, TRUE);
  add_row (grid, row++, _("_Destination province"), GTK_WIDGET (form->province));

  form->requested = GTK_SWITCH (gtk_switch_new ());
  gtk_switch_set_active (form->requested, TRUE);
  gtk_widget_set_halign (GTK_WIDGET (form->requested), GTK_ALIGN_START);
  add_row (grid, row++, _("Intercept re_quested"), GTK_WIDGET (form->requested));

  form->error = error_label ();
  gtk_grid_attach (grid, GTK_WIDGET (form->error), 0, row, 2, 1);

  adw_message_dialog_set_extra_child (dialog, GTK_WIDGET (grid));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "create", _("C_reate"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "create", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "create");
  adw_message_dialog_set_close_response (dialog, "cancel");
  form->response = "create";
  watch (form, form->tracking);
  watch (form, form->amount);
  revalidate (form);
  g_signal_connect (dialog, "response", G_CALLBACK (on_create_response), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  /* What is still to fill in. */
  gtk_widget_grab_focus (GTK_WIDGET (form->intercept->tracking_no != NULL ? form->province : form->tracking));
  return GTK_WINDOW (dialog);
}

/* Condition */

static void
on_condition_response (AdwMessageDialog *dialog,
                       const char       *response,
                       gpointer          user_data)
{
  Form *form = g_object_get_data (G_OBJECT (dialog), "rd-form");
  RdParcelCondition condition = rd_parcel_condition_from_id (response);

  if (condition == RD_PARCEL_CONDITION_NONE)
    return;
  ((RdConditionDone) form->done) (condition, form->data);
}

GtkWindow *
rd_intercept_dialog_condition (GtkWidget         *parent,
                               const RdIntercept *intercept,
                               RdConditionDone    done,
                               gpointer           data)
{
  g_autofree char *body = g_strdup_printf (_("What condition is parcel %s in?"), intercept->tracking_no);
  AdwMessageDialog *dialog;
  Form *form;

  dialog = new_dialog (parent, _("Back in Warehouse"), body, G_CALLBACK (done), data, &form);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "parts_missing", _("_Parts missing"),
                                    "damaged", _("_Damaged"),
                                    "intact", _("_Intact"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "intact", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "intact");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_condition_response), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

/* Claim */

static void
sync_resend (Form *form)
{
  adw_message_dialog_set_response_enabled (form->dialog, "resend",
                                           adw_message_dialog_get_response_enabled (form->dialog, "refund"));
}

static void
on_claim_response (AdwMessageDialog *dialog,
                   const char       *response,
                   gpointer          user_data)
{
  Form *form = g_object_get_data (G_OBJECT (dialog), "rd-form");
  gint64 amount;

  if (g_strcmp0 (response, "refund") != 0 && g_strcmp0 (response, "resend") != 0)
    return;
  if (!read_amount (form, &amount, NULL))
    return;
  ((RdClaimDone) form->done) (amount,
                              g_str_equal (response, "resend") ? RD_LOST_REMEDY_RESEND : RD_LOST_REMEDY_REFUND,
                              form->data);
}

GtkWindow *
rd_intercept_dialog_claim (GtkWidget         *parent,
                           const RdIntercept *intercept,
                           gboolean           lost,
                           RdClaimDone        done,
                           gpointer           data)
{
  g_autofree char *body = NULL;
  g_autofree char *label = NULL;
  AdwMessageDialog *dialog;
  GtkGrid *grid;
  Form *form;

  body = lost
    ? g_strdup_printf (_("Parcel %s has not moved for too long. Refund the buyer or send the goods again, and claim the loss from %s."),
                       intercept->tracking_no, rd_courier_get_name (intercept->courier))
    : g_strdup_printf (_("Parcel %s was signed for but the buyer did not get it. Claim it from %s."),
                       intercept->tracking_no, rd_courier_get_name (intercept->courier));

  dialog = new_dialog (parent, lost ? _("Treat as Lost") : _("File a Claim"), body,
                       G_CALLBACK (done), data, &form);

  grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_row_spacing (grid, 6);
  gtk_grid_set_column_spacing (grid, 12);
  set_currency (form, intercept->currency);
  form->amount = money_entry (form, intercept->amount);
  /* TRANSLATORS: %s is the currency's symbol, ¥ or $ */
  label = money_label (form, _("Amount c_laimed (%s)"));
  add_row (grid, 0, label, GTK_WIDGET (form->amount));
  form->error = error_label ();
  gtk_grid_attach (grid, GTK_WIDGET (form->error), 0, 1, 2, 1);
  adw_message_dialog_set_extra_child (dialog, GTK_WIDGET (grid));

  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "resend", _("Re_send and Claim"),
                                    "refund", _("_Refund and Claim"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "refund", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "refund");
  adw_message_dialog_set_close_response (dialog, "cancel");
  form->response = "refund";
  form->amount_required = TRUE;
  watch (form, form->amount);
  revalidate (form);
  adw_message_dialog_set_response_enabled (dialog, "resend", adw_message_dialog_get_response_enabled (dialog, "refund"));
  g_signal_connect_swapped (form->amount, "changed", G_CALLBACK (sync_resend), form);
  g_signal_connect (dialog, "response", G_CALLBACK (on_claim_response), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

/* Settle */

static void
on_settle_response (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  Form *form = g_object_get_data (G_OBJECT (dialog), "rd-form");
  gint64 amount;

  if (g_strcmp0 (response, "paid") != 0)
    return;
  if (!read_amount (form, &amount, NULL))
    return;
  ((RdSettleDone) form->done) (amount, form->data);
}

GtkWindow *
rd_intercept_dialog_settle (GtkWidget     *parent,
                            const RdClaim *claim,
                            RdSettleDone   done,
                            gpointer       data)
{
  g_autofree char *claimed = rd_money_format_code (claim->amount_claimed, claim->currency);
  g_autofree char *body = g_strdup_printf (_("How much did %s pay for parcel %s? %s was claimed."),
                                           rd_courier_get_name (claim->courier), claim->tracking_no, claimed);
  g_autofree char *label = NULL;
  AdwMessageDialog *dialog;
  GtkGrid *grid;
  Form *form;

  dialog = new_dialog (parent, _("Claim Paid"), body, G_CALLBACK (done), data, &form);
  grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_row_spacing (grid, 6);
  gtk_grid_set_column_spacing (grid, 12);
  set_currency (form, claim->currency);
  form->amount = money_entry (form, claim->amount_claimed);
  /* TRANSLATORS: %s is the currency's symbol, ¥ or $ */
  label = money_label (form, _("Amount r_ecovered (%s)"));
  add_row (grid, 0, label, GTK_WIDGET (form->amount));
  form->error = error_label ();
  gtk_grid_attach (grid, GTK_WIDGET (form->error), 0, 1, 2, 1);
  adw_message_dialog_set_extra_child (dialog, GTK_WIDGET (grid));

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "paid", _("_Record"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "paid", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "paid");
  adw_message_dialog_set_close_response (dialog, "cancel");
  form->response = "paid";
  form->amount_required = TRUE;
  watch (form, form->amount);
  revalidate (form);
  g_signal_connect (dialog, "response", G_CALLBACK (on_settle_response), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

/* Match */

static void
on_candidate_selected (GtkDropDown *dropdown,
                       GParamSpec  *pspec,
                       Form        *form)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (selected < form->candidate_numbers->len)
    gtk_editable_set_text (GTK_EDITABLE (form->case_no), form->candidate_numbers->pdata[selected]);
}

static void
on_match_response (AdwMessageDialog *dialog,
                   const char       *response,
                   gpointer          user_data)
{
  Form *form = g_object_get_data (G_OBJECT (dialog), "rd-form");
  g_autofree char *number = NULL;

  if (g_strcmp0 (response, "match") != 0)
    return;
  number = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (form->case_no))));
  if (*number == '\0')
    return;
  ((RdMatchDone) form->done) (number, form->data);
}

GtkWindow *
rd_intercept_dialog_match (GtkWidget         *parent,
                           const RdIntercept *intercept,
                           GPtrArray         *candidates,
                           RdMatchDone        done,
                           gpointer           data)
{
  g_autofree char *body = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  AdwMessageDialog *dialog;
  GtkGrid *grid;
  Form *form;
  int row = 0;

  /* TRANSLATORS: %s is the tracking number of a parcel that came back
   * without anyone having registered it */
  body = g_strdup_printf (_("Parcel %s came back with a number nobody registered. Which case does it belong to?"),
                          intercept->tracking_no);
  dialog = new_dialog (parent, _("Match to Case"), body, G_CALLBACK (done), data, &form);
  gtk_widget_set_name (GTK_WIDGET (dialog), "match-dialog");

  grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_row_spacing (grid, 6);
  gtk_grid_set_column_spacing (grid, 12);

  form->case_no = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (form->case_no, "RF-2026-000123");
  gtk_entry_set_activates_default (form->case_no, TRUE);
  add_row (grid, row++, _("Case _number"), GTK_WIDGET (form->case_no));

  form->candidate_numbers = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; candidates != NULL && i < candidates->len; i++)
    {
      const RdCase *rcase = candidates->pdata[i];
      g_autofree char *amount = rd_money_format_code (rcase->approved_amount >= 0 ? rcase->approved_amount
                                                                                 : rcase->amount_paid,
                                                      rcase->currency);
      g_autofree char *line = g_strdup_printf ("%s · %s · %s · %s", rcase->case_no,
                                               rcase->buyer_name != NULL ? rcase->buyer_name : "",
                                               amount, rd_case_status_get_name (rcase->status));

      gtk_string_list_append (names, line);
      g_ptr_array_add (form->candidate_numbers, g_strdup (rcase->case_no));
    }
  if (form->candidate_numbers->len > 0)
    {
      form->candidates = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL));
      gtk_drop_down_set_selected (form->candidates, GTK_INVALID_LIST_POSITION);
      g_signal_connect (form->candidates, "notify::selected", G_CALLBACK (on_candidate_selected), form);
      add_row (grid, row++, _("or _pick one"), GTK_WIDGET (form->candidates));
    }

  form->error = error_label ();
  gtk_grid_attach (grid, GTK_WIDGET (form->error), 0, row, 2, 1);
  adw_message_dialog_set_extra_child (dialog, GTK_WIDGET (grid));

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "match", _("_Match"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "match", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "match");
  adw_message_dialog_set_close_response (dialog, "cancel");
  form->response = "match";
  watch (form, form->case_no);
  revalidate (form);
  g_signal_connect (dialog, "response", G_CALLBACK (on_match_response), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (form->case_no));
  return GTK_WINDOW (dialog);
}
