/* rd-preferences-lists.c
 *
 * One preferences group per editable list (rd-lists.h): an entry row at the
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
  AdwPreferencesGroup  parent_instance;

  GSettings           *settings;
  RdListKind           kind;
  GPtrArray           *rows;
  AdwEntryRow         *add_row;
  GtkDropDown         *add_tag;
  GtkLabel            *message_label;
  gboolean             rebuilding;
};

G_DEFINE_FINAL_TYPE (RdListGroup, rd_list_group, ADW_TYPE_PREFERENCES_GROUP)

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

static void
set_message (RdListGroup *self,
             GtkWidget   *row,
             const char  *message)
{
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);

  gtk_widget_remove_css_class (GTK_WIDGET (self->add_row), "error");
  for (guint i = 0; i < self->rows->len; i++)
    gtk_widget_remove_css_class (g_ptr_array_index (self->rows, i), "error");
  if (row != NULL && message != NULL)
    gtk_widget_add_css_class (row, "error");
}

static void
on_item_apply (AdwEntryRow *row,
               RdListGroup *self)
{
  g_autofree char *id = g_strdup (g_object_get_data (G_OBJECT (row), "rd-id"));
  g_autoptr(GError) error = NULL;

  if (!rd_lists_rename (self->settings, self->kind, id, gtk_editable_get_text (GTK_EDITABLE (row)), &error))
    set_message (self, GTK_WIDGET (row), error->message);
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

  if (self->rebuilding)
    return;
  if (!rd_lists_set_tag (self->settings, self->kind, id, drop_down_tag (self->kind, drop_down), &error))
    set_message (self, NULL, error->message);
}

static void
on_item_remove_clicked (GtkButton   *button,
                        RdListGroup *self)
{
  g_autofree char *id = g_strdup (g_object_get_data (G_OBJECT (button), "rd-id"));
  g_autoptr(GError) error = NULL;

  if (!rd_lists_remove (self->settings, self->kind, id, &error))
    set_message (self, NULL, error->message);
  else
    set_message (self, NULL, NULL);
}

static void
rebuild_rows (RdListGroup *self)
{
  g_autoptr(GPtrArray) items = rd_lists_get (self->settings, self->kind);

  self->rebuilding = TRUE;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  for (guint i = 0; i < items->len; i++)
    {
      RdListItem *item = g_ptr_array_index (items, i);
      GtkWidget *row = adw_entry_row_new ();

      if (item->builtin && *item->custom_name != '\0')
        {
          /* The built-in name, to find it again after a rename. */
          g_autofree char *title = g_strdup_printf (_("Built-in: %s"), item->builtin_name);

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
        }
      else
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                       item->builtin ? _("Built-in") : _("Added by you"));
      gtk_editable_set_text (GTK_EDITABLE (row), item->name);
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "rd-id", g_strdup (item->id), g_free);
      g_signal_connect (row, "apply", G_CALLBACK (on_item_apply), self);

      if (self->kind == RD_LIST_REASONS || (self->kind == RD_LIST_PAYMENT_METHODS && !item->builtin))
        {
          GtkDropDown *tag = create_tag_drop_down (self->kind, item->tag);

          g_object_set_data_full (G_OBJECT (tag), "rd-id", g_strdup (item->id), g_free);
          g_signal_connect (tag, "notify::selected", G_CALLBACK (on_item_tag_selected), self);
          adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), GTK_WIDGET (tag));
        }

      if (!item->builtin)
        {
          GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
          g_autofree char *tooltip = g_strdup_printf (_("Remove %s"), item->name);

          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (button, "flat");
          gtk_widget_set_tooltip_text (button, tooltip);
          g_object_set_data_full (G_OBJECT (button), "rd-id", g_strdup (item->id), g_free);
          g_signal_connect (button, "clicked", G_CALLBACK (on_item_remove_clicked), self);
          adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);
        }

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->rows, row);
    }

  self->rebuilding = FALSE;
}

static void
on_add_row_apply (AdwEntryRow *row,
                  RdListGroup *self)
{
  g_autoptr(GError) error = NULL;
  const char *tag = self->add_tag != NULL ? drop_down_tag (self->kind, self->add_tag) : NULL;

  if (!rd_lists_add (self->settings, self->kind, gtk_editable_get_text (GTK_EDITABLE (row)), tag, &error))
    {
      set_message (self, GTK_WIDGET (row), error->message);
      return;
    }

  set_message (self, NULL, NULL);
  gtk_editable_set_text (GTK_EDITABLE (row), "");
}

static void
on_settings_changed (RdListGroup *self)
{
  rebuild_rows (self);
}

static void
rd_list_group_dispose (GObject *object)
{
  RdListGroup *self = RD_LIST_GROUP (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (rd_list_group_parent_class)->dispose (object);
}

static void
rd_list_group_class_init (RdListGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rd_list_group_dispose;
}

static void
rd_list_group_init (RdListGroup *self)
{
  self->rows = g_ptr_array_new ();
}

GtkWidget *
rd_list_group_new (GSettings  *settings,
                   RdListKind  kind)
{
  RdListGroup *self;
  g_autofree char *signal = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (kind < RD_LIST_N_KINDS, NULL);

  self = g_object_new (RD_TYPE_LIST_GROUP, NULL);
  self->settings = g_object_ref (settings);
  self->kind = kind;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _(list_texts[kind].title));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), _(list_texts[kind].description));

  self->add_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->add_row), _(list_texts[kind].add_title));
  adw_entry_row_set_show_apply_button (self->add_row, TRUE);
  if (kind == RD_LIST_REASONS || kind == RD_LIST_PAYMENT_METHODS)
    {
      self->add_tag = create_tag_drop_down (kind, kind == RD_LIST_REASONS ? "buyer" : "other");
      adw_entry_row_add_suffix (self->add_row, GTK_WIDGET (self->add_tag));
    }
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

  signal = g_strconcat ("changed::", rd_lists_get_key (kind), NULL);
  g_signal_connect_swapped (settings, signal, G_CALLBACK (on_settings_changed), self);
  rebuild_rows (self);

  return GTK_WIDGET (self);
}

const char *
rd_list_group_get_error_message (RdListGroup *self)
{
  g_return_val_if_fail (RD_IS_LIST_GROUP (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->message_label)))
    return NULL;
  return gtk_label_get_label (self->message_label);
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
