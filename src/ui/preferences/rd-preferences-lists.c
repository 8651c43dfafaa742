/* rd-preferences-lists.c
 *
 * One preferences group per editable list (rd-shop-lists.h): an entry row at the
 * top adds the shop's own entry; each entry is an entry row whose apply
 * button renames it, with a drop-down for a reason's fault or what a payment
 * method counts as, and a remove button for the shop's own entries.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-case-types.h"
#include "rd-preferences-lists.h"

struct _RdListGroup
{
  RdEditableListGroup  parent_instance;

  RdListKind           kind;
  GtkDropDown         *add_tag;
};

G_DEFINE_FINAL_TYPE (RdListGroup, rd_list_group, RD_TYPE_EDITABLE_LIST_GROUP)

typedef struct
{
  const char *title;        /* N_() */
  const char *description;  /* N_() */
  const char *add_title;    /* N_() */
} ListText;

static const ListText list_texts[RD_LIST_N_KINDS] = {
  { N_("Channels"),
    N_("Where the shop sells. Each channel’s auto-refund deadline is set on the Policy page."),
    N_("Add a Channel") },
  { N_("Refund Reasons"),
    N_("Whose fault a reason is decides who pays the shipping."),
    N_("Add a Reason") },
  { N_("Payment Methods"),
    N_("A method you add counts as one of the built-in ones for how long a refund takes to arrive."),
    N_("Add a Payment Method") },
  { N_("Couriers"),
    N_("The couriers that parcels are intercepted with and claims are filed against."),
    N_("Add a Courier") },
};

/* The ids a tag drop-down offers, in order. */
static GPtrArray *
tag_ids (RdListKind kind)
{
  GPtrArray *ids = g_ptr_array_new ();

  if (kind == RD_LIST_REASONS)
    for (int i = 1; i < RD_FAULT_LAST; i++)
      g_ptr_array_add (ids, (gpointer) rd_fault_to_id (i));
  else if (kind == RD_LIST_PAYMENT_METHODS)
    for (int i = 1; i < RD_PAYMENT_METHOD_LAST; i++)
      g_ptr_array_add (ids, (gpointer) rd_payment_method_to_id (i));

  return ids;
}

static GtkDropDown *
create_tag_drop_down (RdListKind  kind,
                      const char *selected)
{
  g_autoptr(GPtrArray) ids = tag_ids (kind);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkDropDown *drop_down;

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);

      if (kind == RD_LIST_REASONS)
        {
          /* Translators: whose fault a refund reason is: "Buyer’s fault" */
          g_autofree char *name = g_strdup_printf (_("%s’s fault"), rd_fault_get_name (rd_fault_from_id (id)));

          gtk_string_list_append (names, name);
        }
      else
        gtk_string_list_append (names, rd_payment_method_get_name (rd_payment_method_from_id (id)));
    }

  drop_down = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL));
  gtk_widget_set_valign (GTK_WIDGET (drop_down), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (drop_down),
                               kind == RD_LIST_REASONS ? _("Whose fault") : _("Counts as"));
  for (guint i = 0; i < ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (ids, i), selected) == 0)
      gtk_drop_down_set_selected (drop_down, i);

  return drop_down;
}

static const char *
drop_down_tag (RdListKind   kind,
               GtkDropDown *drop_down)
{
  g_autoptr(GPtrArray) ids = tag_ids (kind);
  guint selected = gtk_drop_down_get_selected (drop_down);

  return selected < ids->len ? g_ptr_array_index (ids, selected) : NULL;
}

static GSettings *
settings (RdListGroup *self)
{
  return rd_editable_list_group_get_settings (RD_EDITABLE_LIST_GROUP (self));
}

static void
set_message (RdListGroup *self,
             GtkWidget   *row,
             const char  *message)
{
  rd_editable_list_group_set_message (RD_EDITABLE_LIST_GROUP (self), row, message);
}

static void
rd_list_group_rename (RdEditableListGroup *group,
                      GtkWidget           *row,
                      const char          *id,
                      const char          *text)
{
  RdListGroup *self = RD_LIST_GROUP (group);
  g_autoptr(GError) error = NULL;

  if (!rd_lists_rename (settings (self), self->kind, id, text, &error))
    set_message (self, row, error->message);
  else
    set_message (self, NULL, NULL);
}

static void
on_item_tag_selected (GtkDropDown *drop_down,
                      GParamSpec  *pspec,
                      RdListGroup *self)
{
  g_autofree char *id = g_strdup (g_object_get_data (G_OBJECT (drop_down), "rd-id"));
  g_autoptr(GError) error = NULL;

  if (rd_editable_list_group_is_rebuilding (RD_EDITABLE_LIST_GROUP (self)))
    return;
  if (!rd_lists_set_tag (settings (self), self->kind, id, drop_down_tag (self->kind, drop_down), &error))
    set_message (self, NULL, error->message);
}

static void
rd_list_group_remove (RdEditableListGroup *group,
                      const char          *id)
{
  RdListGroup *self = RD_LIST_GROUP (group);
  g_autoptr(GError) error = NULL;

  if (!rd_lists_remove (settings (self), self->kind, id, &error))
    set_message (self, NULL, error->message);
  else
    set_message (self, NULL, NULL);
}

static void
rd_list_group_populate (RdEditableListGroup *group)
{
  RdListGroup *self = RD_LIST_GROUP (group);
  g_autoptr(GPtrArray) items = rd_lists_get (settings (self), self->kind);

  for (guint i = 0; i < items->len; i++)
    {
      RdListItem *item = g_ptr_array_index (items, i);
      g_autofree char *title = NULL;
      GtkWidget *row;

      if (item->builtin && *item->custom_name != '\0')
        /* The built-in name, to find it again after a rename. */
        title = g_strdup_printf (_("Built-in: %s"), item->builtin_name);
      else
        title = g_strdup (item->builtin ? _("Built-in") : _("Added by you"));
      row = rd_editable_list_group_new_entry_row (group, title, item->name, item->id);

      if (self->kind == RD_LIST_REASONS || (self->kind == RD_LIST_PAYMENT_METHODS && !item->builtin))
        {
          GtkDropDown *tag = create_tag_drop_down (self->kind, item->tag);

          g_object_set_data_full (G_OBJECT (tag), "rd-id", g_strdup (item->id), g_free);
          g_signal_connect (tag, "notify::selected", G_CALLBACK (on_item_tag_selected), self);
          adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), GTK_WIDGET (tag));
        }

      if (!item->builtin)
        adw_entry_row_add_suffix (ADW_ENTRY_ROW (row),
                                  rd_editable_list_group_new_remove_button (group, item->name, item->id));

      rd_editable_list_group_append_row (group, row);
    }
}

static gboolean
rd_list_group_add (RdEditableListGroup *group,
                   const char          *text)
{
  RdListGroup *self = RD_LIST_GROUP (group);
  g_autoptr(GError) error = NULL;
  const char *tag = self->add_tag != NULL ? drop_down_tag (self->kind, self->add_tag) : NULL;

  if (!rd_lists_add (settings (self), self->kind, text, tag, &error))
    {
      set_message (self, GTK_WIDGET (rd_editable_list_group_get_add_row (group)), error->message);
      return FALSE;
    }

  set_message (self, NULL, NULL);
  return TRUE;
}

static void
rd_list_group_class_init (RdListGroupClass *klass)
{
  RdEditableListGroupClass *list_class = RD_EDITABLE_LIST_GROUP_CLASS (klass);

  list_class->populate = rd_list_group_populate;
  list_class->add = rd_list_group_add;
  list_class->rename = rd_list_group_rename;
  list_class->remove = rd_list_group_remove;
}

static void
rd_list_group_init (RdListGroup *self)
{
}

GtkWidget *
rd_list_group_new (GSettings  *settings,
                   RdListKind  kind)
{
  RdListGroup *self;
  AdwEntryRow *add_row;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (kind < RD_LIST_N_KINDS, NULL);

  self = g_object_new (RD_TYPE_LIST_GROUP, NULL);
  self->kind = kind;
  add_row = rd_editable_list_group_get_add_row (RD_EDITABLE_LIST_GROUP (self));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _(list_texts[kind].title));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), _(list_texts[kind].description));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add_row), _(list_texts[kind].add_title));
  if (kind == RD_LIST_REASONS || kind == RD_LIST_PAYMENT_METHODS)
    {
      self->add_tag = create_tag_drop_down (kind, kind == RD_LIST_REASONS ? "buyer" : "other");
      adw_entry_row_add_suffix (add_row, GTK_WIDGET (self->add_tag));
    }

  rd_editable_list_group_bind (RD_EDITABLE_LIST_GROUP (self), settings, rd_lists_get_key (kind));

  return GTK_WIDGET (self);
}

const char *
rd_list_group_get_error_message (RdListGroup *self)
{
  g_return_val_if_fail (RD_IS_LIST_GROUP (self), NULL);

  return rd_editable_list_group_get_error_message (RD_EDITABLE_LIST_GROUP (self));
}

GtkWidget *
rd_preferences_lists_page_new (GSettings *settings)
{
  GtkWidget *page = adw_preferences_page_new ();

  adw_preferences_page_set_name (ADW_PREFERENCES_PAGE (page), "lists");
  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (page), _("Lists"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (page), "view-list-bullet-symbolic");
  for (guint kind = 0; kind < RD_LIST_N_KINDS; kind++)
    adw_preferences_page_add (ADW_PREFERENCES_PAGE (page),
                              ADW_PREFERENCES_GROUP (rd_list_group_new (settings, kind)));

  return page;
}
