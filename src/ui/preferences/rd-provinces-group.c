/* rd-provinces-group.c
 *
 * Remote provinces get the longer stall threshold. The list is part of the
 * ledger's policy: edited here and written whole through the core (an
 * admin's, audited); an empty or repeated name never is.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-provinces-group.h"

struct _RdProvincesGroup
{
  RdEditableListGroup  parent_instance;

  RdContext           *context;
};

G_DEFINE_FINAL_TYPE (RdProvincesGroup, rd_provinces_group, RD_TYPE_EDITABLE_LIST_GROUP)

static void
set_message (RdProvincesGroup *self,
             const char       *message)
{
  RdEditableListGroup *group = RD_EDITABLE_LIST_GROUP (self);

  rd_editable_list_group_set_message (group, GTK_WIDGET (rd_editable_list_group_get_add_row (group)), message);
}

static const char * const *
get_provinces (RdProvincesGroup *self)
{
  static const char * const none[] = { NULL };
  const RdPolicy *policy = rd_context_get_policy (self->context);

  return policy->remote_provinces != NULL ? (const char * const *) policy->remote_provinces : none;
}

/* The whole list through the core; FALSE with the core's refusal shown. */
static gboolean
write_provinces (RdProvincesGroup   *self,
                 const char * const *provinces)
{
  g_autofree char *text = g_strjoinv ("\n", (char **) provinces);
  g_autoptr(GError) error = NULL;

  if (!rd_context_set_policy (self->context, "remote-provinces", text, &error))
    {
      set_message (self, error->message);
      return FALSE;
    }

  set_message (self, NULL);
  return TRUE;
}

static void
rd_provinces_group_remove (RdEditableListGroup *group,
                           const char          *name)
{
  RdProvincesGroup *self = RD_PROVINCES_GROUP (group);
  const char * const *provinces = get_provinces (self);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) kept = NULL;

  for (guint i = 0; provinces[i] != NULL; i++)
    if (g_strcmp0 (provinces[i], name) != 0)
      g_strv_builder_add (builder, provinces[i]);

  kept = g_strv_builder_end (builder);
  write_provinces (self, (const char * const *) kept);
}

static void
rd_provinces_group_populate (RdEditableListGroup *group)
{
  RdProvincesGroup *self = RD_PROVINCES_GROUP (group);
  const char * const *provinces = self->context != NULL ? get_provinces (self) : NULL;

  if (provinces == NULL)
    return;

  for (guint i = 0; provinces[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), provinces[i]);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 rd_editable_list_group_new_remove_button (group, provinces[i], provinces[i]));
      rd_editable_list_group_append_row (group, row);
    }
}

static gboolean
rd_provinces_group_add_text (RdEditableListGroup *group,
                             const char          *text)
{
  return rd_provinces_group_add (RD_PROVINCES_GROUP (group), text);
}

static void
on_add_row_changed (AdwEntryRow      *row,
                    RdProvincesGroup *self)
{
  /* The message was about the text the user is now changing. */
  if (rd_editable_list_group_get_error_message (RD_EDITABLE_LIST_GROUP (self)) != NULL)
    set_message (self, NULL);
}

static void
rd_provinces_group_dispose (GObject *object)
{
  RdProvincesGroup *self = RD_PROVINCES_GROUP (object);

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (rd_provinces_group_parent_class)->dispose (object);
}

static void
rd_provinces_group_class_init (RdProvincesGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  RdEditableListGroupClass *list_class = RD_EDITABLE_LIST_GROUP_CLASS (klass);

  object_class->dispose = rd_provinces_group_dispose;

  list_class->populate = rd_provinces_group_populate;
  list_class->add = rd_provinces_group_add_text;
  list_class->remove = rd_provinces_group_remove;
}

static void
rd_provinces_group_init (RdProvincesGroup *self)
{
  AdwEntryRow *add_row = rd_editable_list_group_get_add_row (RD_EDITABLE_LIST_GROUP (self));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Remote Provinces"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("Parcels to these provinces use the remote threshold before they count as lost."));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add_row), _("Add a Province"));
  g_signal_connect (add_row, "changed", G_CALLBACK (on_add_row_changed), self);
}

GtkWidget *
rd_provinces_group_new (RdContext *context)
{
  RdProvincesGroup *self;

  g_return_val_if_fail (RD_IS_CONTEXT (context), NULL);

  self = g_object_new (RD_TYPE_PROVINCES_GROUP, NULL);
  self->context = g_object_ref (context);
  g_signal_connect_swapped (context, "notify::policy",
                            G_CALLBACK (rd_editable_list_group_rebuild), self);
  rd_editable_list_group_rebuild (RD_EDITABLE_LIST_GROUP (self));

  return GTK_WIDGET (self);
}

gboolean
rd_provinces_group_add (RdProvincesGroup *self,
                        const char       *name)
{
  const char * const *provinces;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) updated = NULL;
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (RD_IS_PROVINCES_GROUP (self), FALSE);

  trimmed = g_strstrip (g_strdup (name != NULL ? name : ""));
  if (*trimmed == '\0')
    {
      set_message (self, _("Type the name of a province first."));
      return FALSE;
    }

  provinces = get_provinces (self);
  if (g_strv_contains (provinces, trimmed))
    {
      g_autofree char *message = g_strdup_printf (_("%s is already in the list."), trimmed);

      set_message (self, message);
      return FALSE;
    }

  builder = g_strv_builder_new ();
  g_strv_builder_addv (builder, (const char **) provinces);
  g_strv_builder_add (builder, trimmed);
  updated = g_strv_builder_end (builder);

  return write_provinces (self, (const char * const *) updated);
}

const char *
rd_provinces_group_get_error_message (RdProvincesGroup *self)
{
  g_return_val_if_fail (RD_IS_PROVINCES_GROUP (self), NULL);

  return rd_editable_list_group_get_error_message (RD_EDITABLE_LIST_GROUP (self));
}
