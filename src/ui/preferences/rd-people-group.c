/* rd-people-group.c
 *
 * See rd-people-group.h. The rows are rebuilt from the ledger after every
 * change (and when the operator changes), so that what shows is always what
 * the core kept: a refused or cancelled change shows the role as it was.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-people-group.h"
#include "rd-pin-dialog.h"

struct _RdPeopleGroup
{
  AdwPreferencesGroup  parent_instance;

  RdContext           *context;
  GPtrArray           *rows;           /* the operators' combo rows */
  gboolean             rebuilding;
  guint                rebuild_id;

  AdwExpanderRow      *add_row;
  AdwEntryRow         *add_name_row;
  char                *add_name_message;   /* shown as the name field's title */
  AdwComboRow         *add_role_row;
  AdwPasswordEntryRow *add_pin_row;
  GtkWidget           *add_button;
  GtkLabel            *message_label;
};

G_DEFINE_FINAL_TYPE (RdPeopleGroup, rd_people_group, ADW_TYPE_PREFERENCES_GROUP)

#define FIRST_PIN_TITLE N_("First PIN (optional: otherwise set on first use)")

/* One change waiting for the admin's PIN. */
typedef struct
{
  RdPeopleGroup *group;
  char          *name;
  RdRole         role;
  char          *pin;       /* the new operator's first PIN, or NULL */
} Change;

/* Helpers */

static Change *
change_new (RdPeopleGroup *self,
            const char    *name,
            RdRole         role,
            const char    *pin)
{
  Change *change = g_new0 (Change, 1);

  change->group = g_object_ref (self);
  change->name = g_strdup (name);
  change->role = role;
  change->pin = pin != NULL && *pin != '\0' ? g_strdup (pin) : NULL;

  return change;
}

static RdStore *
get_store (RdPeopleGroup *self)
{
  return rd_context_get_store (self->context);
}

static void
show_message (RdPeopleGroup *self,
              const char    *message)
{
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

/* The form's own message (NULL: none), in place of the name field's title:
 * at the field, so it is in view whenever the field is (a row under it
 * would fall below the fold of a small window while typing). */
static void
show_field_message (gpointer    row,
                    const char *title,
                    const char *message)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), message != NULL ? message : title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (row), message);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static void
show_form_message (RdPeopleGroup *self,
                   const char    *message)
{
  g_free (self->add_name_message);
  self->add_name_message = g_strdup (message);
  show_field_message (self->add_name_row, _("Name"), message);
}

/* The name as typed is checked by the core at each key: what is wrong
 * shows at the field, and Add stays off until the name is usable. */
static void
update_add_form (RdPeopleGroup *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->add_name_row))));
  g_autoptr(GError) error = NULL;
  gboolean valid = FALSE;

  if (*name != '\0')
    valid = rd_operators_check_name (name, &error);
  show_form_message (self, error != NULL ? error->message : NULL);
  gtk_widget_set_sensitive (self->add_button, valid);
}

static GListModel *
new_role_model (void)
{
  GtkStringList *names = gtk_string_list_new (NULL);

  for (RdRole role = RD_ROLE_CLERK; role < RD_ROLE_LAST; role++)
    gtk_string_list_append (names, rd_role_get_name (role));

  return G_LIST_MODEL (names);
}

static RdRole
role_at (guint position)
{
  RdRole role = RD_ROLE_CLERK + position;

  return role < RD_ROLE_LAST ? role : RD_ROLE_NONE;
}

static void on_role_selected      (RdPeopleGroup *self,
                                   GParamSpec    *pspec,
                                   AdwComboRow   *row);
static void on_reset_pin_clicked  (GtkButton     *button,
                                   RdPeopleGroup *self);

static void
rebuild (RdPeopleGroup *self)
{
  g_autoptr(GPtrArray) operators = NULL;
  g_autoptr(GError) error = NULL;
  gboolean editable = rd_people_group_get_editable (self);

  self->rebuilding = TRUE;
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  if (editable)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                           _("Everyone who works at this desk. A role decides what each may do; every change to a case records who made it."));
  else
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                           _("Everyone who works at this desk. Only an administrator changes this list: switch to an administrator to add someone or reset a PIN."));

  if (get_store (self) != NULL)
    operators = rd_operators_list (get_store (self), &error);
  if (operators == NULL && error != NULL)
    show_message (self, error->message);

  for (guint i = 0; operators != NULL && i < operators->len; i++)
    {
      RdOperator *operator = g_ptr_array_index (operators, i);
      g_autoptr(GListModel) roles = new_role_model ();
      GtkWidget *row = adw_combo_row_new ();
      GtkWidget *reset;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), operator->name);
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   operator->has_pin ? rd_role_get_description (operator->role)
                                                     : _("No PIN yet: sets one when switching to this name"));
      adw_combo_row_set_model (ADW_COMBO_ROW (row), roles);
      if (operator->role > RD_ROLE_NONE && operator->role < RD_ROLE_LAST)
        adw_combo_row_set_selected (ADW_COMBO_ROW (row), operator->role - RD_ROLE_CLERK);
      g_object_set_data_full (G_OBJECT (row), "rd-operator", g_strdup (operator->name), g_free);
      g_signal_connect_swapped (row, "notify::selected", G_CALLBACK (on_role_selected), self);
      gtk_widget_set_sensitive (row, editable);

      reset = gtk_button_new_with_label (_("Reset PIN"));
      gtk_widget_set_valign (reset, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (reset, "flat");
      gtk_widget_set_visible (reset, operator->has_pin);
      g_object_set_data_full (G_OBJECT (reset), "rd-operator", g_strdup (operator->name), g_free);
      g_signal_connect (reset, "clicked", G_CALLBACK (on_reset_pin_clicked), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), reset);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->rows, row);
    }

  /* The form and the message stay last. */
  g_object_ref (self->add_row);
  g_object_ref (self->message_label);
  adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->add_row));
  adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->message_label));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->add_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->message_label));
  g_object_unref (self->add_row);
  g_object_unref (self->message_label);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_row), editable);
  if (!editable)
    adw_expander_row_set_expanded (self->add_row, FALSE);

  self->rebuilding = FALSE;
}

static gboolean
on_rebuild_idle (gpointer user_data)
{
  RdPeopleGroup *self = user_data;

  self->rebuild_id = 0;
  rebuild (self);

  return G_SOURCE_REMOVE;
}

/* Not at once: the change may have started in a row's own signal. */
static void
queue_rebuild (RdPeopleGroup *self)
{
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, on_rebuild_idle,
                                        g_object_ref (self), g_object_unref);
}

/* Whatever happened, the rows show what the ledger holds now. */
static void
rebuild_change_free (gpointer data)
{
  Change *change = data;

  queue_rebuild (change->group);
  g_object_unref (change->group);
  g_free (change->name);
  if (change->pin != NULL)
    memset (change->pin, 0, strlen (change->pin));
  g_free (change->pin);
  g_free (change);
}

/* Says what the core refused; TRUE when it did not. */
static gboolean
report (RdPeopleGroup *self,
        gboolean       ok,
        const GError  *error)
{
  if (ok)
    show_message (self, NULL);
  else
    show_message (self, error->message);

  return ok;
}

/* Callbacks */

static void
on_set_role_proven (const char *pin,
                    gpointer    user_data)
{
  Change *change = user_data;
  RdPeopleGroup *self = change->group;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = rd_operators_set_role (get_store (self), rd_context_get_operator (self->context), pin,
                              change->name, change->role, &error);
  report (self, ok, error);
}

static void
on_add_proven (const char *pin,
               gpointer    user_data)
{
  Change *change = user_data;
  RdPeopleGroup *self = change->group;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = rd_operators_add (get_store (self), rd_context_get_operator (self->context), pin,
                         change->name, change->role, change->pin, &error);
  if (ok)
    {
      show_message (self, NULL);
      gtk_editable_set_text (GTK_EDITABLE (self->add_name_row), "");
      gtk_editable_set_text (GTK_EDITABLE (self->add_pin_row), "");
    }
  else if (g_error_matches (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_EXISTS) ||
           !rd_operators_check_name (change->name, NULL))
    {
      /* About the name: at the field, where the admin is looking
       * ("There is already an operator called 李娜."), not under the list. */
      show_form_message (self, error->message);
    }
  else if (g_error_matches (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_INVALID))
    {
      /* The first PIN (too short): at its field. */
      show_field_message (self->add_pin_row, _(FIRST_PIN_TITLE), error->message);
    }
  else
    {
      show_message (self, error->message);
    }
}

static void
on_reset_proven (const char *pin,
                 gpointer    user_data)
{
  Change *change = user_data;
  RdPeopleGroup *self = change->group;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = rd_operators_reset_pin (get_store (self), rd_context_get_operator (self->context), pin,
                               change->name, &error);
  report (self, ok, error);
}

static void
on_role_selected (RdPeopleGroup *self,
                  GParamSpec    *pspec,
                  AdwComboRow   *row)
{
  if (self->rebuilding)
    return;

  rd_people_group_set_role (self, g_object_get_data (G_OBJECT (row), "rd-operator"),
                            role_at (adw_combo_row_get_selected (row)));
}

static void
on_reset_pin_clicked (GtkButton     *button,
                      RdPeopleGroup *self)
{
  rd_people_group_reset_pin (self, g_object_get_data (G_OBJECT (button), "rd-operator"));
}

static void
on_reset_response (AdwMessageDialog *dialog,
                   const char       *response,
                   RdPeopleGroup    *self)
{
  const char *name = g_object_get_data (G_OBJECT (dialog), "rd-operator");

  if (g_strcmp0 (response, "reset") != 0)
    return;

  rd_pin_dialog_confirm (GTK_WIDGET (self), self->context, _("Reset PIN"),
                         on_reset_proven, change_new (self, name, RD_ROLE_NONE, NULL),
                         rebuild_change_free);
}

static void
on_add_clicked (RdPeopleGroup *self)
{
  rd_people_group_add (self,
                       gtk_editable_get_text (GTK_EDITABLE (self->add_name_row)),
                       role_at (adw_combo_row_get_selected (self->add_role_row)),
                       gtk_editable_get_text (GTK_EDITABLE (self->add_pin_row)));
}

static void
on_add_name_changed (RdPeopleGroup *self)
{
  update_add_form (self);
}

static void
on_add_pin_changed (RdPeopleGroup *self)
{
  show_field_message (self->add_pin_row, _(FIRST_PIN_TITLE), NULL);
}

static void
on_context_changed (RdPeopleGroup *self)
{
  show_message (self, NULL);
  rebuild (self);
}

/* Overrides */

static void
rd_people_group_dispose (GObject *object)
{
  RdPeopleGroup *self = RD_PEOPLE_GROUP (object);

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->add_name_message, g_free);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (rd_people_group_parent_class)->dispose (object);
}

static void
rd_people_group_class_init (RdPeopleGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rd_people_group_dispose;
}

static void
rd_people_group_init (RdPeopleGroup *self)
{
  g_autoptr(GListModel) roles = new_role_model ();
  GtkWidget *button_row, *button;

  self->rows = g_ptr_array_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Operators"));

  self->add_row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->add_row), _("Add an Operator"));
  adw_expander_row_set_subtitle (self->add_row, _("Name, role and, if you like, a first PIN"));

  self->add_name_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->add_name_row), _("Name"));
  gtk_widget_set_name (GTK_WIDGET (self->add_name_row), "add-name");
  g_signal_connect_swapped (self->add_name_row, "changed", G_CALLBACK (on_add_name_changed), self);
  adw_expander_row_add_row (self->add_row, GTK_WIDGET (self->add_name_row));

  self->add_role_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->add_role_row), _("Role"));
  adw_combo_row_set_model (self->add_role_row, roles);
  adw_expander_row_add_row (self->add_row, GTK_WIDGET (self->add_role_row));

  self->add_pin_row = ADW_PASSWORD_ENTRY_ROW (adw_password_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->add_pin_row),
                                 _(FIRST_PIN_TITLE));
  g_signal_connect_swapped (self->add_pin_row, "changed", G_CALLBACK (on_add_pin_changed), self);
  adw_expander_row_add_row (self->add_row, GTK_WIDGET (self->add_pin_row));

  button_row = adw_action_row_new ();
  button = gtk_button_new_with_mnemonic (_("_Add Operator"));
  self->add_button = button;
  gtk_widget_set_name (button, "add-operator");
  gtk_widget_set_sensitive (button, FALSE);   /* no name yet */
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "suggested-action");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_add_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (button_row), button);
  adw_expander_row_add_row (self->add_row, button_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->add_row));

  self->message_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->message_label, TRUE);
  gtk_label_set_xalign (self->message_label, 0);
  gtk_widget_set_margin_top (GTK_WIDGET (self->message_label), 6);
  gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "caption");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->message_label));
}

/* Public API */

GtkWidget *
rd_people_group_new (RdContext *context)
{
  RdPeopleGroup *self;

  g_return_val_if_fail (RD_IS_CONTEXT (context), NULL);

  self = g_object_new (RD_TYPE_PEOPLE_GROUP, NULL);
  self->context = g_object_ref (context);
  g_signal_connect_object (context, "notify::operator", G_CALLBACK (on_context_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::store", G_CALLBACK (on_context_changed), self,
                           G_CONNECT_SWAPPED);
  rebuild (self);

  return GTK_WIDGET (self);
}

gboolean
rd_people_group_get_editable (RdPeopleGroup *self)
{
  g_return_val_if_fail (RD_IS_PEOPLE_GROUP (self), FALSE);

  return rd_role_may (rd_context_get_role (self->context), RD_ACTION_MANAGE_OPERATORS);
}

void
rd_people_group_add (RdPeopleGroup *self,
                     const char    *name,
                     RdRole         role,
                     const char    *pin)
{
  g_autofree char *trimmed = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (RD_IS_PEOPLE_GROUP (self));

  trimmed = g_strstrip (g_strdup (name != NULL ? name : ""));
  if (*trimmed == '\0')
    {
      show_form_message (self, _("An operator needs a name."));
      return;
    }
  if (!rd_operators_check_name (trimmed, &error))
    {
      show_form_message (self, error->message);
      return;
    }
  if (role == RD_ROLE_NONE)
    {
      show_message (self, _("Choose a role."));
      return;
    }

  show_message (self, NULL);
  show_form_message (self, NULL);
  rd_pin_dialog_confirm (GTK_WIDGET (self), self->context, _("Add an Operator"),
                         on_add_proven, change_new (self, trimmed, role, pin),
                         rebuild_change_free);
}

void
rd_people_group_set_role (RdPeopleGroup *self,
                          const char    *name,
                          RdRole         role)
{
  g_return_if_fail (RD_IS_PEOPLE_GROUP (self));
  g_return_if_fail (name != NULL);

  show_message (self, NULL);
  rd_pin_dialog_confirm (GTK_WIDGET (self), self->context, _("Change a Role"),
                         on_set_role_proven, change_new (self, name, role, NULL),
                         rebuild_change_free);
}

void
rd_people_group_reset_pin (RdPeopleGroup *self,
                           const char    *name)
{
  GtkRoot *root;
  GtkWidget *dialog;

  g_return_if_fail (RD_IS_PEOPLE_GROUP (self));
  g_return_if_fail (name != NULL);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  /* Translators: %s is an operator's name. */
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL, NULL);
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Reset %s’s PIN?"), name);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("%s will choose a new PIN the next time they switch to their name. "
                                    "The reset is recorded in the audit log."), name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "reset", _("_Reset PIN"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reset",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "rd-operator", g_strdup (name), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_reset_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

const char *
rd_people_group_get_error_message (RdPeopleGroup *self)
{
  g_return_val_if_fail (RD_IS_PEOPLE_GROUP (self), NULL);

  if (self->add_name_message != NULL)
    return self->add_name_message;
  if (!gtk_widget_get_visible (GTK_WIDGET (self->message_label)))
    return NULL;

  return gtk_label_get_label (self->message_label);
}
