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
  RdEditableListGroup  parent_instance;

  GtkDropDown         *add_role;
};

G_DEFINE_FINAL_TYPE (RdOperatorsGroup, rd_operators_group, RD_TYPE_EDITABLE_LIST_GROUP)

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

static GSettings *
settings (RdOperatorsGroup *self)
{
  return rd_editable_list_group_get_settings (RD_EDITABLE_LIST_GROUP (self));
}

static GArray *
load_operators (RdOperatorsGroup *self)
{
  g_autoptr(GVariant) value = g_settings_get_value (settings (self), "operators");
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

  g_settings_set_value (settings (self), "operators", g_variant_builder_end (&builder));
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
  rd_editable_list_group_set_message (RD_EDITABLE_LIST_GROUP (self), row, message);
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
rd_operators_group_rename_row (RdEditableListGroup *group,
                               GtkWidget           *row,
                               const char          *old_name,
                               const char          *text)
{
  rd_operators_group_rename (RD_OPERATORS_GROUP (group), old_name, text);
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

  if (rd_editable_list_group_is_rebuilding (RD_EDITABLE_LIST_GROUP (self)) ||
      selected >= G_N_ELEMENTS (roles))
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
rd_operators_group_remove (RdEditableListGroup *group,
                           const char          *name)
{
  RdOperatorsGroup *self = RD_OPERATORS_GROUP (group);
  g_autofree char *current = g_settings_get_string (settings (self), "current-operator");
  g_autoptr(GArray) operators = load_operators (self);
  int index = find_operator (operators, name);

  if (index < 0)
    return;

  g_array_remove_index (operators, index);
  set_message (self, NULL, NULL);
  if (g_strcmp0 (current, name) == 0)
    g_settings_set_string (settings (self), "current-operator", "");
  save_operators (self, operators);
}

static void
rd_operators_group_populate (RdEditableListGroup *group)
{
  RdOperatorsGroup *self = RD_OPERATORS_GROUP (group);
  g_autoptr(GArray) operators = load_operators (self);

  for (guint i = 0; i < operators->len; i++)
    {
      Operator *op = &g_array_index (operators, Operator, i);
      GtkWidget *row = rd_editable_list_group_new_entry_row (group, _("Name"), op->name, op->name);
      GtkDropDown *role = create_role_drop_down ();

      gtk_drop_down_set_selected (role, role_index (op->role));
      g_object_set_data_full (G_OBJECT (role), "rd-operator", g_strdup (op->name), g_free);
      g_signal_connect (role, "notify::selected", G_CALLBACK (on_role_selected), self);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), GTK_WIDGET (role));
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row),
                                rd_editable_list_group_new_remove_button (group, op->name, op->name));

      rd_editable_list_group_append_row (group, row);
    }
}

static gboolean
rd_operators_group_add_text (RdEditableListGroup *group,
                             const char          *text)
{
  RdOperatorsGroup *self = RD_OPERATORS_GROUP (group);
  guint selected = gtk_drop_down_get_selected (self->add_role);
  const char *role = selected < G_N_ELEMENTS (roles) ? roles[selected].id : roles[0].id;

  return rd_operators_group_add (self, text, role);
}

static void
rd_operators_group_class_init (RdOperatorsGroupClass *klass)
{
  RdEditableListGroupClass *list_class = RD_EDITABLE_LIST_GROUP_CLASS (klass);

  list_class->populate = rd_operators_group_populate;
  list_class->add = rd_operators_group_add_text;
  list_class->rename = rd_operators_group_rename_row;
  list_class->remove = rd_operators_group_remove;
}

static void
rd_operators_group_init (RdOperatorsGroup *self)
{
  AdwEntryRow *add_row = rd_editable_list_group_get_add_row (RD_EDITABLE_LIST_GROUP (self));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Operators"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("Everyone who works at this desk. Each change to a case records who made it."));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add_row), _("Add an Operator"));
  self->add_role = create_role_drop_down ();
  adw_entry_row_add_suffix (add_row, GTK_WIDGET (self->add_role));
}

GtkWidget *
rd_operators_group_new (GSettings *settings)
{
  RdOperatorsGroup *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (RD_TYPE_OPERATORS_GROUP, NULL);
  rd_editable_list_group_bind (RD_EDITABLE_LIST_GROUP (self), settings, "operators");

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
      set_message (self, GTK_WIDGET (rd_editable_list_group_get_add_row (RD_EDITABLE_LIST_GROUP (self))), message);
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

  row = rd_editable_list_group_get_row (RD_EDITABLE_LIST_GROUP (self), index);

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

  current = g_settings_get_string (settings (self), "current-operator");
  g_free (g_array_index (operators, Operator, index).name);
  g_array_index (operators, Operator, index).name = g_strdup (trimmed);
  save_operators (self, operators);
  if (g_strcmp0 (current, old) == 0)
    g_settings_set_string (settings (self), "current-operator", trimmed);

  return TRUE;
}

const char *
rd_operators_group_get_error_message (RdOperatorsGroup *self)
{
  g_return_val_if_fail (RD_IS_OPERATORS_GROUP (self), NULL);

  return rd_editable_list_group_get_error_message (RD_EDITABLE_LIST_GROUP (self));
}

const char *
rd_operator_role_display_name (const char *role)
{
  guint index = role_index (role);

  if (index == GTK_INVALID_LIST_POSITION)
    return role;

  return _(roles[index].name);
}
