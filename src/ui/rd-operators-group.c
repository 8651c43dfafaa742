/* rd-operators-group.c
 *
 * The people who work at the desk. Each operator is an entry row (rename
 * with its apply button) with a role drop-down and a remove button; an
 * entry row at the top adds one. Renaming or removing the current operator
 * updates `current-operator` too.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-operators-group.h"

struct _RdOperatorsGroup
{
  AdwPreferencesGroup  parent_instance;

  GSettings           *settings;
  GPtrArray           *rows;
  AdwEntryRow         *add_row;
  GtkDropDown         *add_role;
  GtkLabel            *message_label;
  gboolean             rebuilding;
};

G_DEFINE_FINAL_TYPE (RdOperatorsGroup, rd_operators_group, ADW_TYPE_PREFERENCES_GROUP)

typedef struct
{
  const char *id;
  const char *name;   /* N_() */
} Role;

static const Role roles[] = {
  { "owner",      N_("Owner") },
  { "service",    N_("Customer service") },
  { "warehouse",  N_("Warehouse") },
  { "accountant", N_("Accountant") },
};

typedef struct
{
  char *name;
  char *role;
} Operator;

static void
operator_clear (Operator *op)
{
  g_free (op->name);
  g_free (op->role);
}

static GArray *
load_operators (RdOperatorsGroup *self)
{
  g_autoptr(GVariant) value = g_settings_get_value (self->settings, "operators");
  GArray *operators = g_array_new (FALSE, TRUE, sizeof (Operator));
  GVariantIter iter;
  const char *name;
  const char *role;

  g_array_set_clear_func (operators, (GDestroyNotify) operator_clear);
  g_variant_iter_init (&iter, value);
  while (g_variant_iter_next (&iter, "(&s&s)", &name, &role))
    {
      Operator op = { g_strdup (name), g_strdup (role) };

      g_array_append_val (operators, op);
    }

  return operators;
}

static void
save_operators (RdOperatorsGroup *self,
                GArray           *operators)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(ss)"));
  for (guint i = 0; i < operators->len; i++)
    {
      Operator *op = &g_array_index (operators, Operator, i);

      g_variant_builder_add (&builder, "(ss)", op->name, op->role);
    }

  g_settings_set_value (self->settings, "operators", g_variant_builder_end (&builder));
}

static int
find_operator (GArray     *operators,
               const char *name)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);

  for (guint i = 0; i < operators->len; i++)
    {
      g_autofree char *other = g_utf8_casefold (g_array_index (operators, Operator, i).name, -1);

      if (g_str_equal (folded, other))
        return i;
    }

  return -1;
}

static guint
role_index (const char *role)
{
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    if (g_strcmp0 (roles[i].id, role) == 0)
      return i;

  return GTK_INVALID_LIST_POSITION;
}

static GtkDropDown *
create_role_drop_down (void)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkDropDown *drop_down;

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    gtk_string_list_append (names, _(roles[i].name));

  drop_down = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL));
  gtk_widget_set_valign (GTK_WIDGET (drop_down), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (drop_down), _("Role"));

  return drop_down;
}

static void
set_message (RdOperatorsGroup *self,
             GtkWidget        *row,
             const char       *message)
{
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);

  gtk_widget_remove_css_class (GTK_WIDGET (self->add_row), "error");
  for (guint i = 0; i < self->rows->len; i++)
    gtk_widget_remove_css_class (g_ptr_array_index (self->rows, i), "error");
  if (row != NULL && message != NULL)
    gtk_widget_add_css_class (row, "error");
}

/* NULL when name can be used for the operator at index skip (-1: a new one). */
static char *
check_name (GArray     *operators,
            const char *name,
            int         skip)
{
  int found;

  if (*name == '\0')
    return g_strdup (_("An operator needs a name."));

  found = find_operator (operators, name);
  if (found >= 0 && found != skip)
    return g_strdup_printf (_("There is already an operator called %s."), name);

  return NULL;
}

static void
on_operator_apply (AdwEntryRow      *row,
                   RdOperatorsGroup *self)
{
  const char *old_name = g_object_get_data (G_OBJECT (row), "rd-operator");

  rd_operators_group_rename (self, old_name, gtk_editable_get_text (GTK_EDITABLE (row)));
}

static void
on_role_selected (GtkDropDown      *drop_down,
                  GParamSpec       *pspec,
                  RdOperatorsGroup *self)
{
  const char *name = g_object_get_data (G_OBJECT (drop_down), "rd-operator");
  guint selected = gtk_drop_down_get_selected (drop_down);
  g_autoptr(GArray) operators = NULL;
  int index;

  if (self->rebuilding || selected >= G_N_ELEMENTS (roles))
    return;

  operators = load_operators (self);
  index = find_operator (operators, name);
  if (index < 0)
    return;

  g_free (g_array_index (operators, Operator, index).role);
  g_array_index (operators, Operator, index).role = g_strdup (roles[selected].id);
  set_message (self, NULL, NULL);
  save_operators (self, operators);
}

static void
on_remove_clicked (GtkButton        *button,
                   RdOperatorsGroup *self)
{
  g_autofree char *name = g_strdup (g_object_get_data (G_OBJECT (button), "rd-operator"));
  g_autofree char *current = g_settings_get_string (self->settings, "current-operator");
  g_autoptr(GArray) operators = load_operators (self);
  int index = find_operator (operators, name);

  if (index < 0)
    return;

  g_array_remove_index (operators, index);
  set_message (self, NULL, NULL);
  if (g_strcmp0 (current, name) == 0)
    g_settings_set_string (self->settings, "current-operator", "");
  save_operators (self, operators);
}

static void
rebuild_rows (RdOperatorsGroup *self)
{
  g_autoptr(GArray) operators = load_operators (self);

  self->rebuilding = TRUE;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  for (guint i = 0; i < operators->len; i++)
    {
      Operator *op = &g_array_index (operators, Operator, i);
      GtkWidget *row = adw_entry_row_new ();
      GtkDropDown *role = create_role_drop_down ();
      GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *tooltip = g_strdup_printf (_("Remove %s"), op->name);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Name"));
      gtk_editable_set_text (GTK_EDITABLE (row), op->name);
      /* After the text, so that the apply button waits for a real edit. */
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "rd-operator", g_strdup (op->name), g_free);
      g_signal_connect (row, "apply", G_CALLBACK (on_operator_apply), self);

      gtk_drop_down_set_selected (role, role_index (op->role));
      g_object_set_data_full (G_OBJECT (role), "rd-operator", g_strdup (op->name), g_free);
      g_signal_connect (role, "notify::selected", G_CALLBACK (on_role_selected), self);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), GTK_WIDGET (role));

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, tooltip);
      g_object_set_data_full (G_OBJECT (button), "rd-operator", g_strdup (op->name), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_remove_clicked), self);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->rows, row);
    }

  self->rebuilding = FALSE;
}

static void
on_settings_changed (RdOperatorsGroup *self)
{
  rebuild_rows (self);
}

static void
on_add_row_apply (AdwEntryRow      *row,
                  RdOperatorsGroup *self)
{
  guint selected = gtk_drop_down_get_selected (self->add_role);
  const char *role = selected < G_N_ELEMENTS (roles) ? roles[selected].id : roles[0].id;

  if (rd_operators_group_add (self, gtk_editable_get_text (GTK_EDITABLE (row)), role))
    gtk_editable_set_text (GTK_EDITABLE (row), "");
}

static void
rd_operators_group_dispose (GObject *object)
{
  RdOperatorsGroup *self = RD_OPERATORS_GROUP (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (rd_operators_group_parent_class)->dispose (object);
}

static void
rd_operators_group_class_init (RdOperatorsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rd_operators_group_dispose;
}

static void
rd_operators_group_init (RdOperatorsGroup *self)
{
  self->rows = g_ptr_array_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Operators"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("Everyone who works at this desk. Each change to a case records who made it."));

  self->add_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->add_row), _("Add an Operator"));
  adw_entry_row_set_show_apply_button (self->add_row, TRUE);
  self->add_role = create_role_drop_down ();
  adw_entry_row_add_suffix (self->add_row, GTK_WIDGET (self->add_role));
  g_signal_connect (self->add_row, "apply", G_CALLBACK (on_add_row_apply), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->add_row));

  self->message_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->message_label, 0);
  gtk_label_set_wrap (self->message_label, TRUE);
  gtk_widget_set_margin_top (GTK_WIDGET (self->message_label), 6);
  gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "caption");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->message_label));
}

GtkWidget *
rd_operators_group_new (GSettings *settings)
{
  RdOperatorsGroup *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (RD_TYPE_OPERATORS_GROUP, NULL);
  self->settings = g_object_ref (settings);
  g_signal_connect_swapped (settings, "changed::operators",
                            G_CALLBACK (on_settings_changed), self);
  rebuild_rows (self);

  return GTK_WIDGET (self);
}

gboolean
rd_operators_group_add (RdOperatorsGroup *self,
                        const char       *name,
                        const char       *role)
{
  g_autoptr(GArray) operators = NULL;
  g_autofree char *trimmed = NULL;
  g_autofree char *message = NULL;
  Operator op;

  g_return_val_if_fail (RD_IS_OPERATORS_GROUP (self), FALSE);
  g_return_val_if_fail (role_index (role) != GTK_INVALID_LIST_POSITION, FALSE);

  trimmed = g_strstrip (g_strdup (name != NULL ? name : ""));
  operators = load_operators (self);
  message = check_name (operators, trimmed, -1);
  if (message != NULL)
    {
      set_message (self, GTK_WIDGET (self->add_row), message);
      return FALSE;
    }

  op.name = g_steal_pointer (&trimmed);
  op.role = g_strdup (role);
  g_array_append_val (operators, op);
  set_message (self, NULL, NULL);
  save_operators (self, operators);

  return TRUE;
}

gboolean
rd_operators_group_rename (RdOperatorsGroup *self,
                           const char       *old_name,
                           const char       *new_name)
{
  g_autoptr(GArray) operators = NULL;
  g_autofree char *trimmed = NULL;
  g_autofree char *message = NULL;
  g_autofree char *current = NULL;
  g_autofree char *old = NULL;
  GtkWidget *row = NULL;
  int index;

  g_return_val_if_fail (RD_IS_OPERATORS_GROUP (self), FALSE);
  g_return_val_if_fail (old_name != NULL, FALSE);

  /* old_name may belong to a row that saving rebuilds. */
  old = g_strdup (old_name);
  operators = load_operators (self);
  index = find_operator (operators, old);
  if (index < 0)
    return FALSE;

  if ((guint) index < self->rows->len)
    row = g_ptr_array_index (self->rows, index);

  trimmed = g_strstrip (g_strdup (new_name != NULL ? new_name : ""));
  message = check_name (operators, trimmed, index);
  if (message != NULL)
    {
      set_message (self, row, message);
      return FALSE;
    }

  set_message (self, NULL, NULL);
  if (g_str_equal (g_array_index (operators, Operator, index).name, trimmed))
    return TRUE;

  current = g_settings_get_string (self->settings, "current-operator");
  g_free (g_array_index (operators, Operator, index).name);
  g_array_index (operators, Operator, index).name = g_strdup (trimmed);
  save_operators (self, operators);
  if (g_strcmp0 (current, old) == 0)
    g_settings_set_string (self->settings, "current-operator", trimmed);

  return TRUE;
}

const char *
rd_operators_group_get_error_message (RdOperatorsGroup *self)
{
  g_return_val_if_fail (RD_IS_OPERATORS_GROUP (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->message_label)))
    return NULL;

  return gtk_label_get_label (self->message_label);
}

const char *
rd_operator_role_display_name (const char *role)
{
  guint index = role_index (role);

  if (index == GTK_INVALID_LIST_POSITION)
    return role;

  return _(roles[index].name);
}
