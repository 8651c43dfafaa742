/* rd-pin-dialog.c
 *
 * See rd-pin-dialog.h. The rows are built in code: which ones show depends
 * on the mode and, when switching, on whether the chosen operator has a PIN
 * yet. Every check of a PIN is the core's (rd-operators.h); this window only
 * says what it answered.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-pin-dialog.h"

struct _RdPinDialog
{
  AdwWindow            parent_instance;

  RdContext           *context;
  RdPinDialogMode      mode;
  GPtrArray           *operators;      /* RdOperator *, when switching */

  AdwWindowTitle      *title;
  GtkLabel            *body;
  AdwComboRow         *operator_row;
  AdwEntryRow         *name_row;
  AdwPasswordEntryRow *pin_row;
  AdwPasswordEntryRow *again_row;
  GtkLabel            *error_label;
  GtkWidget           *ok_button;

  RdPinProvenFunc      func;
  gpointer             user_data;
  GDestroyNotify       destroy;
};

G_DEFINE_FINAL_TYPE (RdPinDialog, rd_pin_dialog, ADW_TYPE_WINDOW)

/* Helpers */

static RdStore *
get_store (RdPinDialog *self)
{
  return rd_context_get_store (self->context);
}

static void
show_error (RdPinDialog *self,
            const char  *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
clear_pins (RdPinDialog *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->pin_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->again_row), "");
}

static RdOperator *
get_selected_operator (RdPinDialog *self)
{
  guint selected;

  if (self->operators == NULL)
    return NULL;

  selected = adw_combo_row_get_selected (self->operator_row);
  if (selected >= self->operators->len)
    return NULL;

  return g_ptr_array_index (self->operators, selected);
}

/* The rows and the words for the operator chosen. */
static void
update_for_operator (RdPinDialog *self)
{
  RdOperator *operator = get_selected_operator (self);
  g_autofree char *body = NULL;

  show_error (self, NULL);
  clear_pins (self);
  gtk_widget_set_sensitive (self->ok_button, operator != NULL);
  if (operator == NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->operator_row), "");
      gtk_widget_set_visible (GTK_WIDGET (self->again_row), FALSE);
      return;
    }

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->operator_row), rd_role_get_name (operator->role));
  if (operator->has_pin)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->pin_row), _("PIN"));
      gtk_widget_set_visible (GTK_WIDGET (self->again_row), FALSE);
      body = g_strdup (_("Choose who you are and type your PIN."));
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->pin_row), _("New PIN"));
      gtk_widget_set_visible (GTK_WIDGET (self->again_row), TRUE);
      /* Translators: %s is an operator's name, %d the shortest PIN allowed. */
      body = g_strdup_printf (ngettext ("%s has no PIN yet. Choose one of at least %d character and type it twice; it is asked each time someone switches to %s.",
                                        "%s has no PIN yet. Choose one of at least %d characters and type it twice; it is asked each time someone switches to %s.",
                                        RD_OPERATORS_MIN_PIN_CHARS),
                              operator->name, RD_OPERATORS_MIN_PIN_CHARS, operator->name);
    }
  gtk_label_set_label (self->body, body);
}

static void
load_operators (RdPinDialog *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  const char *current = rd_context_get_operator (self->context);
  guint selected = GTK_INVALID_LIST_POSITION;

  g_clear_pointer (&self->operators, g_ptr_array_unref);
  if (get_store (self) != NULL)
    self->operators = rd_operators_list (get_store (self), &error);
  if (self->operators == NULL)
    {
      if (error != NULL)
        g_warning ("Could not read the operators: %s", error->message);
      self->operators = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_operator_free);
    }

  for (guint i = 0; i < self->operators->len; i++)
    {
      RdOperator *operator = g_ptr_array_index (self->operators, i);

      gtk_string_list_append (names, operator->name);
      /* Someone else than who is signed in, to begin with. */
      if (selected == GTK_INVALID_LIST_POSITION && g_strcmp0 (operator->name, current) != 0)
        selected = i;
    }

  adw_combo_row_set_model (self->operator_row, G_LIST_MODEL (names));
  if (selected != GTK_INVALID_LIST_POSITION)
    adw_combo_row_set_selected (self->operator_row, selected);
  update_for_operator (self);
  if (self->operators->len == 0)
    gtk_label_set_label (self->body, _("There are no operators yet. An administrator adds them in Preferences."));
}

/* NULL when the two PINs typed are usable, otherwise why not. */
static const char *
check_new_pins (RdPinDialog *self)
{
  const char *pin = gtk_editable_get_text (GTK_EDITABLE (self->pin_row));
  const char *again = gtk_editable_get_text (GTK_EDITABLE (self->again_row));

  if (*pin == '\0')
    return _("Type a PIN.");
  if (g_strcmp0 (pin, again) != 0)
    return _("The two PINs are not the same. Type them again.");

  return NULL;
}

/* The first admin's name is checked by the core as it is typed: what is
 * wrong shows at once, before any PIN, and the button stays off until the
 * name is usable. */
static void
check_typed_name (RdPinDialog *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  g_autoptr(GError) error = NULL;
  gboolean valid = FALSE;

  if (*name != '\0')
    valid = rd_operators_check_name (name, &error);
  if (error != NULL)
    show_error (self, error->message);
  gtk_widget_set_sensitive (self->ok_button, valid);
}

/* The core's answer in words; a wrong PIN empties the field to try again. */
static void
show_core_error (RdPinDialog  *self,
                 const GError *error)
{
  if (g_error_matches (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_WRONG_PIN))
    {
      clear_pins (self);
      show_error (self, _("Wrong PIN. Try again."));
    }
  else
    {
      show_error (self, error->message);
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->pin_row));
}

static gboolean
submit_switch (RdPinDialog *self)
{
  RdOperator *operator = get_selected_operator (self);
  g_autofree char *name = NULL;
  g_autofree char *pin = NULL;
  g_autoptr(GError) error = NULL;
  const char *problem;

  if (operator == NULL)
    {
      show_error (self, _("Choose who you are."));
      return FALSE;
    }

  name = g_strdup (operator->name);
  pin = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->pin_row)));
  if (!operator->has_pin)
    {
      problem = check_new_pins (self);
      if (problem != NULL)
        {
          show_error (self, problem);
          return FALSE;
        }
      if (!rd_operators_set_pin (get_store (self), name, NULL, pin, &error))
        {
          show_core_error (self, error);
          return FALSE;
        }
      operator->has_pin = TRUE;
    }
  else if (*pin == '\0')
    {
      show_error (self, _("Type your PIN."));
      return FALSE;
    }

  if (!rd_context_sign_in (self->context, name, pin, &error))
    {
      show_core_error (self, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
submit_first_admin (RdPinDialog *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  g_autofree char *pin = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->pin_row)));
  g_autoptr(GError) error = NULL;
  const char *problem;

  if (*name == '\0')
    {
      show_error (self, _("Type your name."));
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return FALSE;
    }
  if (!rd_operators_check_name (name, &error))
    {
      show_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return FALSE;
    }
  problem = check_new_pins (self);
  if (problem != NULL)
    {
      show_error (self, problem);
      return FALSE;
    }

  if (!rd_operators_create_first_admin (get_store (self), name, pin, &error) ||
      !rd_context_sign_in (self->context, name, pin, &error))
    {
      show_core_error (self, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
submit_confirm (RdPinDialog *self)
{
  g_autofree char *pin = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->pin_row)));
  g_autoptr(GError) error = NULL;

  if (*pin == '\0')
    {
      show_error (self, _("Type your PIN."));
      return FALSE;
    }
  if (!rd_operators_verify_pin (get_store (self), rd_context_get_operator (self->context), pin, &error))
    {
      show_core_error (self, error);
      return FALSE;
    }

  rd_context_remember_pin (self->context, pin);
  if (self->func != NULL)
    self->func (pin, self->user_data);

  return TRUE;
}

static AdwPasswordEntryRow *
new_pin_row (const char *title)
{
  GtkWidget *row = adw_password_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);

  return ADW_PASSWORD_ENTRY_ROW (row);
}

/* Callbacks */

/* The message answered the last try: typing again makes it stale. */
static void
on_field_changed (RdPinDialog *self)
{
  show_error (self, NULL);
  if (self->mode == RD_PIN_DIALOG_FIRST_ADMIN)
    check_typed_name (self);
}

static void
on_ok_clicked (RdPinDialog *self)
{
  rd_pin_dialog_submit (self);
}

/* Overrides */

static void
rd_pin_dialog_dispose (GObject *object)
{
  RdPinDialog *self = RD_PIN_DIALOG (object);

  if (self->destroy != NULL)
    g_clear_pointer (&self->user_data, self->destroy);
  self->destroy = NULL;
  self->func = NULL;
  g_clear_pointer (&self->operators, g_ptr_array_unref);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (rd_pin_dialog_parent_class)->dispose (object);
}

static void
rd_pin_dialog_class_init (RdPinDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_pin_dialog_dispose;

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rd_pin_dialog_init (RdPinDialog *self)
{
  GtkWidget *box, *header, *cancel, *content, *group;

  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_resizable (GTK_WINDOW (self), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (self), 480, -1);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  self->title = ADW_WINDOW_TITLE (adw_window_title_new ("", NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->ok_button = gtk_button_new_with_mnemonic ("");
  gtk_widget_add_css_class (self->ok_button, "suggested-action");
  g_signal_connect_swapped (self->ok_button, "clicked", G_CALLBACK (on_ok_clicked), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->ok_button);
  gtk_box_append (GTK_BOX (box), header);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (content, 18);
  gtk_widget_set_margin_bottom (content, 24);
  gtk_widget_set_margin_start (content, 18);
  gtk_widget_set_margin_end (content, 18);

  self->body = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->body, TRUE);
  gtk_label_set_xalign (self->body, 0);
  gtk_label_set_max_width_chars (self->body, 40);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->body));

  group = adw_preferences_group_new ();
  self->operator_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->operator_row), _("Operator"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->operator_row), FALSE);
  g_signal_connect_swapped (self->operator_row, "notify::selected", G_CALLBACK (update_for_operator), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->operator_row));
  self->name_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->name_row), _("Your Name"));
  adw_entry_row_set_activates_default (self->name_row, TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->name_row));
  self->pin_row = new_pin_row (_("PIN"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->pin_row));
  self->again_row = new_pin_row (_("PIN Again"));
  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (on_field_changed), self);
  g_signal_connect_swapped (self->pin_row, "changed", G_CALLBACK (on_field_changed), self);
  g_signal_connect_swapped (self->again_row, "changed", G_CALLBACK (on_field_changed), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->again_row));
  gtk_box_append (GTK_BOX (content), group);

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->error_label));

  gtk_box_append (GTK_BOX (box), content);
  adw_window_set_content (ADW_WINDOW (self), box);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->ok_button);
}

/* Public API */

RdPinDialog *
rd_pin_dialog_new (GtkWindow       *parent,
                   RdContext       *context,
                   RdPinDialogMode  mode)
{
  RdPinDialog *self;
  const char *title = NULL;
  const char *ok = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RD_IS_CONTEXT (context), NULL);

  self = g_object_new (RD_TYPE_PIN_DIALOG, NULL);
  self->context = g_object_ref (context);
  self->mode = mode;
  if (parent != NULL)
    {
      gtk_window_set_transient_for (GTK_WINDOW (self), parent);
      gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->operator_row), mode == RD_PIN_DIALOG_SWITCH);
  gtk_widget_set_visible (GTK_WIDGET (self->name_row), mode == RD_PIN_DIALOG_FIRST_ADMIN);
  gtk_widget_set_visible (GTK_WIDGET (self->again_row), mode == RD_PIN_DIALOG_FIRST_ADMIN);

  switch (mode)
    {
    case RD_PIN_DIALOG_SWITCH:
      title = _("Switch Operator");
      ok = _("_Switch");
      load_operators (self);
      break;
    case RD_PIN_DIALOG_FIRST_ADMIN:
      title = _("Welcome to Refund Desk");
      ok = _("C_reate Administrator");
      gtk_label_set_label (self->body,
                           _("First, the shop’s administrator: you. The administrator adds the other "
                             "operators and gives each a role (clerk, approver, warehouse, accountant). "
                             "Everyone proves who they are with a PIN of their own."));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->pin_row), _("PIN"));
      gtk_widget_set_sensitive (self->ok_button, FALSE);   /* no name yet */
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      break;
    case RD_PIN_DIALOG_CONFIRM:
    default:
      {
        const char *operator = rd_context_get_operator (self->context);
        g_autofree char *body = NULL;

        title = _("Confirm with Your PIN");
        ok = _("C_onfirm");
        if (*operator != '\0')
          /* Translators: %s is the operator signed in. */
          body = g_strdup_printf (_("%s, type your PIN to confirm this change."), operator);
        else
          body = g_strdup (_("No one is signed in. Switch operator first."));
        gtk_label_set_label (self->body, body);
        gtk_widget_set_sensitive (self->ok_button, *operator != '\0');
        gtk_widget_grab_focus (GTK_WIDGET (self->pin_row));
      }
      break;
    }

  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->title, title);
  gtk_button_set_label (GTK_BUTTON (self->ok_button), ok);

  return self;
}

RdPinDialogMode
rd_pin_dialog_get_mode (RdPinDialog *self)
{
  g_return_val_if_fail (RD_IS_PIN_DIALOG (self), RD_PIN_DIALOG_SWITCH);

  return self->mode;
}

gboolean
rd_pin_dialog_select_operator (RdPinDialog *self,
                               const char  *name)
{
  g_return_val_if_fail (RD_IS_PIN_DIALOG (self), FALSE);

  if (self->operators == NULL || name == NULL)
    return FALSE;

  for (guint i = 0; i < self->operators->len; i++)
    if (g_strcmp0 (((RdOperator *) g_ptr_array_index (self->operators, i))->name, name) == 0)
      {
        if (adw_combo_row_get_selected (self->operator_row) == i)
          update_for_operator (self);
        else
          adw_combo_row_set_selected (self->operator_row, i);
        gtk_widget_grab_focus (GTK_WIDGET (self->pin_row));
        return TRUE;
      }

  return FALSE;
}

gboolean
rd_pin_dialog_is_setting_pin (RdPinDialog *self)
{
  g_return_val_if_fail (RD_IS_PIN_DIALOG (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self->again_row));
}

void
rd_pin_dialog_set_name (RdPinDialog *self,
                        const char  *name)
{
  g_return_if_fail (RD_IS_PIN_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name != NULL ? name : "");
}

void
rd_pin_dialog_set_pins (RdPinDialog *self,
                        const char  *pin,
                        const char  *again)
{
  g_return_if_fail (RD_IS_PIN_DIALOG (self));

  if (pin != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->pin_row), pin);
  if (again != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->again_row), again);
}

gboolean
rd_pin_dialog_submit (RdPinDialog *self)
{
  gboolean done = FALSE;

  g_return_val_if_fail (RD_IS_PIN_DIALOG (self), FALSE);

  show_error (self, NULL);
  if (get_store (self) == NULL)
    {
      show_error (self, _("No ledger is open."));
      return FALSE;
    }

  switch (self->mode)
    {
    case RD_PIN_DIALOG_SWITCH:
      done = submit_switch (self);
      break;
    case RD_PIN_DIALOG_FIRST_ADMIN:
      done = submit_first_admin (self);
      break;
    case RD_PIN_DIALOG_CONFIRM:
    default:
      done = submit_confirm (self);
      break;
    }

  if (done)
    gtk_window_destroy (GTK_WINDOW (self));

  return done;
}

const char *
rd_pin_dialog_get_error_message (RdPinDialog *self)
{
  g_return_val_if_fail (RD_IS_PIN_DIALOG (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;

  return gtk_label_get_label (self->error_label);
}

void
rd_pin_dialog_confirm (GtkWidget       *parent,
                       RdContext       *context,
                       const char      *title,
                       RdPinProvenFunc  func,
                       gpointer         user_data,
                       GDestroyNotify   destroy)
{
  const char *recent;
  GtkRoot *root;
  RdPinDialog *self;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (RD_IS_CONTEXT (context));
  g_return_if_fail (func != NULL);

  recent = rd_context_get_recent_pin (context);
  if (recent != NULL)
    {
      g_autofree char *pin = g_strdup (recent);

      func (pin, user_data);
      if (destroy != NULL)
        destroy (user_data);
      return;
    }

  root = gtk_widget_get_root (parent);
  self = rd_pin_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, context, RD_PIN_DIALOG_CONFIRM);
  if (title != NULL)
    adw_window_title_set_subtitle (self->title, title);
  self->func = func;
  self->user_data = user_data;
  self->destroy = destroy;
  gtk_window_present (GTK_WINDOW (self));
}
