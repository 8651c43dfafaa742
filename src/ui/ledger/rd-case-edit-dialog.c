/* rd-case-edit-dialog.c
 *
 * The "Edit Case" window (rd-case-edit-dialog.h) and the case pane's
 * case.edit action that opens it. Which field may change is the core's
 * rule (rd_case_edit_field_allowed); this window only shows it: a field
 * that may not change is shown greyed, with the reason under its group.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-case-checks.h"
#include "rd-case-edit-dialog.h"
#include "rd-case-pane-private.h"
#include "rd-case-store-edit.h"
#include "rd-combo-choices.h"
#include "rd-money.h"
#include "rd-time.h"

typedef enum
{
  ROW_ENTRY,
  ROW_NUMBER,      /* a platform number: rd_case_check_number */
  ROW_AMOUNT,
  ROW_TIME,
  ROW_CHANNEL,
  ROW_KIND,
  ROW_REASON,
  ROW_PAYMENT,
} RowType;

typedef enum
{
  GROUP_ORDER,
  GROUP_BUYER,
  GROUP_HANDLING,
  N_GROUPS
} Group;

static const struct
{
  const char *field;     /* the core's name, also the row's widget name */
  const char *title;
  RowType     type;
  Group       group;
  gboolean    required;
} rows[] = {
  { "channel",           N_("Channel"),                  ROW_CHANNEL, GROUP_ORDER,    TRUE },
  { "order_no",          N_("Order number"),             ROW_NUMBER,  GROUP_ORDER,    TRUE },
  { "kind",              N_("Kind of refund"),           ROW_KIND,    GROUP_ORDER,    TRUE },
  { "reason",            N_("Reason"),                   ROW_REASON,  GROUP_ORDER,    TRUE },
  { "payment_method",    N_("Payment method"),           ROW_PAYMENT, GROUP_ORDER,    TRUE },
  { "amount_paid",       N_("Amount paid"),              ROW_AMOUNT,  GROUP_ORDER,    TRUE },
  { "requested_at",      N_("Requested at"),             ROW_TIME,    GROUP_ORDER,    TRUE },
  { "buyer_name",        N_("Buyer name"),               ROW_ENTRY,   GROUP_BUYER,    FALSE },
  { "buyer_contact",     N_("Contact"),                  ROW_ENTRY,   GROUP_BUYER,    FALSE },
  { "after_sales_no",    N_("After-sales number"),       ROW_NUMBER,  GROUP_BUYER,    FALSE },
  { "order_state",       N_("Order state"),              ROW_ENTRY,   GROUP_BUYER,    FALSE },
  { "handler",           N_("Handler"),                  ROW_ENTRY,   GROUP_HANDLING, FALSE },
  { "return_tracking",   N_("Return tracking number"),   ROW_NUMBER,  GROUP_HANDLING, FALSE },
  { "outbound_tracking", N_("Outbound tracking number"), ROW_NUMBER,  GROUP_HANDLING, FALSE },
  { "notes",             N_("Notes"),                    ROW_ENTRY,   GROUP_HANDLING, FALSE },
};

#define N_ROWS G_N_ELEMENTS (rows)

struct _RdCaseEditDialog
{
  AdwWindow   parent_instance;

  RdContext  *context;
  RdStore    *store;
  RdCase     *rcase;

  GtkWidget  *save_button;
  GtkLabel   *message_label;
  GtkWidget  *row_widgets[N_ROWS];
  char       *shown_ids[N_ROWS];    /* what a combo showed at first */
};

G_DEFINE_FINAL_TYPE (RdCaseEditDialog, rd_case_edit_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers */

static gboolean
is_combo (RowType type)
{
  return type == ROW_CHANNEL || type == ROW_KIND || type == ROW_REASON || type == ROW_PAYMENT;
}

static const char *
combo_id (RdCaseEditDialog *self,
          guint             i)
{
  AdwComboRow *row = ADW_COMBO_ROW (self->row_widgets[i]);

  return rows[i].type == ROW_PAYMENT ? rd_combo_row_get_tag (row) : rd_combo_row_get_id (row);
}

static const char *
row_text (RdCaseEditDialog *self,
          guint             i)
{
  return gtk_editable_get_text (GTK_EDITABLE (self->row_widgets[i]));
}

static char *
text_or_null (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));

  return *copy != '\0' ? g_steal_pointer (&copy) : NULL;
}

static char *
case_text (const RdCase *c,
           guint         i)
{
  const char *field = rows[i].field;

  if (g_str_equal (field, "channel"))
    return g_strdup (c->channel);
  if (g_str_equal (field, "order_no"))
    return g_strdup (c->order_no);
  if (g_str_equal (field, "kind"))
    return g_strdup (rd_refund_kind_to_id (c->kind));
  if (g_str_equal (field, "reason"))
    return g_strdup (c->reason);
  if (g_str_equal (field, "payment_method"))
    return g_strdup (rd_payment_method_to_id (c->payment_method));
  if (g_str_equal (field, "amount_paid"))
    return rd_money_format_plain (c->amount_paid, rd_currency_lookup (c->currency));
  if (g_str_equal (field, "requested_at"))
    return c->requested_at > 0 ? rd_time_format_local (c->requested_at) : NULL;
  if (g_str_equal (field, "buyer_name"))
    return g_strdup (c->buyer_name);
  if (g_str_equal (field, "buyer_contact"))
    return g_strdup (c->buyer_contact);
  if (g_str_equal (field, "after_sales_no"))
    return g_strdup (c->after_sales_no);
  if (g_str_equal (field, "order_state"))
    return g_strdup (c->order_state);
  if (g_str_equal (field, "handler"))
    return g_strdup (c->handler);
  if (g_str_equal (field, "return_tracking"))
    return g_strdup (c->return_tracking);
  if (g_str_equal (field, "outbound_tracking"))
    return g_strdup (c->outbound_tracking);
  if (g_str_equal (field, "notes"))
    return g_strdup (c->notes);
  g_return_val_if_reached (NULL);
}

static void
set_case_text (RdCase     *c,
               guint       i,
               const char *text)
{
  const char *field = rows[i].field;
  char **slot = NULL;

  if (g_str_equal (field, "channel"))
    slot = &c->channel;
  else if (g_str_equal (field, "order_no"))
    slot = &c->order_no;
  else if (g_str_equal (field, "reason"))
    slot = &c->reason;
  else if (g_str_equal (field, "buyer_name"))
    slot = &c->buyer_name;
  else if (g_str_equal (field, "buyer_contact"))
    slot = &c->buyer_contact;
  else if (g_str_equal (field, "after_sales_no"))
    slot = &c->after_sales_no;
  else if (g_str_equal (field, "order_state"))
    slot = &c->order_state;
  else if (g_str_equal (field, "handler"))
    slot = &c->handler;
  else if (g_str_equal (field, "return_tracking"))
    slot = &c->return_tracking;
  else if (g_str_equal (field, "outbound_tracking"))
    slot = &c->outbound_tracking;
  else if (g_str_equal (field, "notes"))
    slot = &c->notes;
  else if (g_str_equal (field, "kind"))
    c->kind = rd_refund_kind_from_id (text);
  else if (g_str_equal (field, "payment_method"))
    c->payment_method = rd_payment_method_from_id (text);

  if (slot != NULL)
    {
      g_free (*slot);
      *slot = text_or_null (text);
    }
}

static void
mark_row (GtkWidget *row,
          gboolean   bad)
{
  if (bad)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}

static void
show_message (RdCaseEditDialog *self,
              const char       *text)
{
  gtk_label_set_label (self->message_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), text != NULL && *text != '\0');
}

/* Reads the form into a copy of the case, checking each editable field as
 * the intake does. NULL (and the messages shown) when something is wrong. */
static RdCase *
check_form (RdCaseEditDialog *self)
{
  g_autoptr(RdCase) edited = rd_case_copy (self->rcase);
  g_autoptr(GString) messages = g_string_new (NULL);
  const RdCurrency *currency = rd_currency_lookup (self->rcase->currency);

  for (guint i = 0; i < N_ROWS; i++)
    {
      GtkWidget *row = self->row_widgets[i];
      g_autoptr(GError) error = NULL;
      const char *title = _(rows[i].title);
      gboolean bad = FALSE;

      if (!gtk_widget_get_sensitive (row))
        continue;

      switch (rows[i].type)
        {
        case ROW_CHANNEL:
        case ROW_KIND:
        case ROW_REASON:
        case ROW_PAYMENT:
          {
            const char *id = combo_id (self, i);

            /* The case's own value stays when the list does not hold it. */
            if (g_strcmp0 (id, self->shown_ids[i]) == 0)
              break;
            if (id == NULL && rows[i].required)
              {
                /* TRANSLATORS: %s is a field's label */
                g_autofree char *line = g_strdup_printf (_("Choose the %s."), title);
                g_string_append_printf (messages, "%s%s", messages->len ? "\n" : "", line);
                bad = TRUE;
              }
            else
              set_case_text (edited, i, id);
            break;
          }

        case ROW_NUMBER:
          if (!rd_case_check_number (row_text (self, i), title, &error) &&
              (rows[i].required || !g_error_matches (error, RD_CASE_CHECK_ERROR, RD_CASE_CHECK_ERROR_REQUIRED)))
            bad = TRUE;
          else
            set_case_text (edited, i, row_text (self, i));
          break;

        case ROW_AMOUNT:
          bad = !rd_case_check_amount (row_text (self, i), currency, &edited->amount_paid, &error);
          break;

        case ROW_TIME:
          {
            g_autofree char *shown = case_text (self->rcase, i);

            /* The minutes shown stand for the stored time, seconds included. */
            if (g_strcmp0 (g_strstrip (g_strdup (row_text (self, i))), shown) == 0)
              break;
            bad = !rd_case_parse_time (row_text (self, i), &edited->requested_at, &error);
            break;
          }

        case ROW_ENTRY:
        default:
          set_case_text (edited, i, row_text (self, i));
          break;
        }

      if (error != NULL && bad)
        g_string_append_printf (messages, "%s%s", messages->len ? "\n" : "", error->message);
      mark_row (row, bad);
    }

  show_message (self, messages->str);
  gtk_widget_set_sensitive (self->save_button, messages->len == 0);
  return messages->len == 0 ? g_steal_pointer (&edited) : NULL;
}

/* Callbacks */

static void
on_row_changed (RdCaseEditDialog *self)
{
  g_autoptr(RdCase) edited = check_form (self);
}

static void
on_save_clicked (RdCaseEditDialog *self)
{
  rd_case_edit_dialog_save (self);
}

/* Building */

static GtkWidget *
build_combo (RdCaseEditDialog *self,
             guint             i)
{
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
  GSettings *settings = rd_context_get_settings (self->context);
  g_autofree char *id = case_text (self->rcase, i);

  switch (rows[i].type)
    {
    case ROW_CHANNEL:
      rd_combo_row_fill_list (row, settings, RD_LIST_CHANNELS);
      break;
    case ROW_REASON:
      rd_combo_row_fill_list (row, settings, RD_LIST_REASONS);
      break;
    case ROW_PAYMENT:
      rd_combo_row_fill_list (row, settings, RD_LIST_PAYMENT_METHODS);
      break;
    case ROW_KIND:
    default:
      {
        g_autoptr(GPtrArray) ids = g_ptr_array_new ();
        g_autoptr(GPtrArray) names = g_ptr_array_new ();

        for (int v = RD_REFUND_KIND_NONE + 1; v < RD_REFUND_KIND_LAST; v++)
          {
            g_ptr_array_add (ids, (gpointer) rd_refund_kind_to_id (v));
            g_ptr_array_add (names, (gpointer) rd_refund_kind_get_name (v));
          }
        rd_combo_row_set_choices (row, ids, names, NULL, FALSE);
      }
      break;
    }

  rd_combo_row_set_id (row, id);
  self->shown_ids[i] = g_strdup (rows[i].type == ROW_PAYMENT ? rd_combo_row_get_tag (row)
                                                              : rd_combo_row_get_id (row));
  g_signal_connect_swapped (row, "notify::selected", G_CALLBACK (on_row_changed), self);
  return GTK_WIDGET (row);
}

static GtkWidget *
build_entry (RdCaseEditDialog *self,
             guint             i)
{
  GtkWidget *row = adw_entry_row_new ();
  g_autofree char *text = case_text (self->rcase, i);

  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  g_signal_connect_swapped (row, "changed", G_CALLBACK (on_row_changed), self);
  return row;
}

/* Why the greyed fields of a group cannot change, or NULL. */
static const char *
group_note (RdCaseEditDialog *self,
            Group             group)
{
  for (guint i = 0; i < N_ROWS; i++)
    if (rows[i].group == group && !rd_case_edit_field_allowed (self->rcase, rows[i].field, NULL))
      {
        switch (rd_case_edit_rule (rows[i].field))
          {
          case RD_CASE_EDIT_WHILE_REQUESTED:
            return _("The order and its amount are fixed once the case is approved.");
          case RD_CASE_EDIT_WHILE_OPEN:
            return _("Parcels no longer change once the case is closed.");
          case RD_CASE_EDIT_ALWAYS:
          case RD_CASE_EDIT_NEVER:
          default:
            break;
          }
      }
  return NULL;
}

static void
build_form (RdCaseEditDialog *self,
            GtkBox           *box)
{
  static const char *const group_titles[N_GROUPS] = {
    N_("Order"), N_("Buyer"), N_("Handling"),
  };
  GtkWidget *page = adw_preferences_page_new ();
  AdwPreferencesGroup *groups[N_GROUPS];

  for (guint g = 0; g < N_GROUPS; g++)
    {
      const char *note = group_note (self, g);

      groups[g] = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      adw_preferences_group_set_title (groups[g], _(group_titles[g]));
      if (note != NULL)
        adw_preferences_group_set_description (groups[g], note);
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), groups[g]);
    }

  for (guint i = 0; i < N_ROWS; i++)
    {
      GtkWidget *row = is_combo (rows[i].type) ? build_combo (self, i) : build_entry (self, i);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(rows[i].title));
      gtk_widget_set_name (row, rows[i].field);
      gtk_widget_set_sensitive (row, rd_case_edit_field_allowed (self->rcase, rows[i].field, NULL));
      self->row_widgets[i] = row;
      adw_preferences_group_add (groups[rows[i].group], row);
    }

  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (box, page);
}

/* Overrides */

static void
rd_case_edit_dialog_finalize (GObject *object)
{
  RdCaseEditDialog *self = RD_CASE_EDIT_DIALOG (object);

  g_clear_object (&self->context);
  g_clear_object (&self->store);
  g_clear_pointer (&self->rcase, rd_case_free);
  for (guint i = 0; i < N_ROWS; i++)
    g_clear_pointer (&self->shown_ids[i], g_free);

  G_OBJECT_CLASS (rd_case_edit_dialog_parent_class)->finalize (object);
}

static void
rd_case_edit_dialog_class_init (RdCaseEditDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = rd_case_edit_dialog_finalize;

  /**
   * RdCaseEditDialog::saved:
   * @id: the case's id
   *
   * The case was saved; the window closes next.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rd_case_edit_dialog_init (RdCaseEditDialog *self)
{
}

/* Public API */

RdCaseEditDialog *
rd_case_edit_dialog_new (GtkWindow    *parent,
                         RdContext    *context,
                         RdStore      *store,
                         const RdCase *rcase)
{
  RdCaseEditDialog *self;
  GtkWidget *content;
  GtkWidget *header;
  GtkWidget *cancel;
  g_autofree char *title = NULL;

  g_return_val_if_fail (RD_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (rcase != NULL, NULL);

  self = g_object_new (RD_TYPE_CASE_EDIT_DIALOG,
                       "modal", TRUE,
                       "transient-for", parent,
                       "default-width", 560,
                       "default-height", 720,
                       NULL);
  self->context = g_object_ref (context);
  self->store = g_object_ref (store);
  self->rcase = rd_case_copy (rcase);

  /* TRANSLATORS: the window's title; %s is the case number */
  title = g_strdup_printf (_("Edit %s"), rcase->case_no != NULL ? rcase->case_no : "");
  gtk_window_set_title (GTK_WINDOW (self), title);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->save_button = gtk_button_new_with_mnemonic (_("_Save"));
  gtk_widget_set_name (self->save_button, "save");
  gtk_widget_add_css_class (self->save_button, "suggested-action");
  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (on_save_clicked), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->save_button);
  gtk_box_append (GTK_BOX (content), header);

  self->message_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->message_label, TRUE);
  gtk_label_set_xalign (self->message_label, 0);
  gtk_widget_set_margin_top (GTK_WIDGET (self->message_label), 12);
  gtk_widget_set_margin_start (GTK_WIDGET (self->message_label), 24);
  gtk_widget_set_margin_end (GTK_WIDGET (self->message_label), 24);
  gtk_widget_set_name (GTK_WIDGET (self->message_label), "message");
  gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), FALSE);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->message_label));

  build_form (self, GTK_BOX (content));
  adw_window_set_content (ADW_WINDOW (self), content);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->save_button);

  /* What was typed is saved by whoever opened the dialog or not at all. */
  rd_operator_guard_dialog (context, GTK_WINDOW (self));

  return self;
}

gboolean
rd_case_edit_dialog_save (RdCaseEditDialog *self)
{
  g_autoptr(RdCase) edited = NULL;
  g_autoptr(RdCase) saved = NULL;
  g_autoptr(GError) error = NULL;
  const char *operator;

  g_return_val_if_fail (RD_IS_CASE_EDIT_DIALOG (self), FALSE);

  edited = check_form (self);
  if (edited == NULL)
    return FALSE;

  /* The operator at the moment of saving, never the one of an hour ago. */
  operator = rd_operator_guard_require (self->context, &error);
  if (operator == NULL)
    {
      show_message (self, error->message);
      return FALSE;
    }

  saved = rd_case_store_edit (self->store, edited, self->rcase->updated_at,
                              rd_context_get_policy (self->context), operator, &error);
  if (saved == NULL)
    {
      /* The window stays open with what the user typed. */
      show_message (self, error->message);
      return FALSE;
    }

  g_signal_emit (self, signals[SAVED], 0, saved->id);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

/* The case pane's action */

static void
on_dialog_saved (RdCaseEditDialog *dialog,
                 gint64            id,
                 RdCasePane       *self)
{
  _rd_case_pane_changed (self);
  _rd_case_pane_toast (self, _("Case saved"));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RdCasePane *self = RD_CASE_PANE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  RdCaseEditDialog *dialog;

  if (self->rcase == NULL || self->context == NULL || self->store == NULL)
    return;

  dialog = rd_case_edit_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                    self->context, self->store, self->rcase);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_dialog_saved), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_rd_case_pane_edit_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "case.edit", NULL, edit_action);
}
