/* rd-preferences-templates.c
 *
 * Reply templates: one expander row each, with the title in an entry row,
 * the body in a text view, and Save / Delete buttons; a button in the
 * group's header adds one. Holidays: the table of this year and the next,
 * one row a day with a remove button, and an entry row that adds a day
 * ("2027-01-01 New Year’s Day"), as a holiday or a make-up working day.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-preferences-templates.h"
#include "rd-templates.h"
#include "rd-working-days.h"

struct _RdTemplatesPage
{
  AdwPreferencesPage   parent_instance;

  RdStore             *store;
  RdContext           *context;
  AdwPreferencesGroup *templates_group;
  AdwPreferencesGroup *holidays_group;
  GtkLabel            *message_label;
  GtkLabel            *holidays_message;
  AdwEntryRow         *holiday_add_row;
  GtkCheckButton      *holiday_makeup_check;
  GPtrArray           *template_rows;
  GPtrArray           *holiday_rows;
};

G_DEFINE_FINAL_TYPE (RdTemplatesPage, rd_templates_page, ADW_TYPE_PREFERENCES_PAGE)

static void rebuild_templates (RdTemplatesPage *self);
static void rebuild_holidays (RdTemplatesPage *self);

static GtkLabel *
create_message_label (void)
{
  GtkLabel *label = GTK_LABEL (gtk_label_new (NULL));

  gtk_label_set_xalign (label, 0);
  gtk_label_set_wrap (label, TRUE);
  gtk_widget_set_margin_top (GTK_WIDGET (label), 6);
  gtk_widget_add_css_class (GTK_WIDGET (label), "error");
  gtk_widget_add_css_class (GTK_WIDGET (label), "caption");
  gtk_widget_set_visible (GTK_WIDGET (label), FALSE);
  return label;
}

static void
show_message (GtkLabel   *label,
              const char *message)
{
  gtk_label_set_label (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

/* The operator who makes the change, or NULL after saying what to do. */
static char *
get_operator (RdTemplatesPage *self,
              GtkLabel        *label)
{
  g_autofree char *name = g_strstrip (g_strdup (rd_context_get_operator (self->context)));

  if (*name == '\0')
    {
      show_message (label, _("Choose who you are in the operator menu first."));
      return NULL;
    }
  return g_steal_pointer (&name);
}

static char *
first_line (const char *body)
{
  const char *end = strchr (body, '\n');

  return end != NULL ? g_strndup (body, end - body) : g_strdup (body);
}

/* Templates */

static void
on_template_save_clicked (GtkButton       *button,
                          RdTemplatesPage *self)
{
  RdTemplate *tmpl = g_object_get_data (G_OBJECT (button), "rd-template");
  AdwEntryRow *title_row = g_object_get_data (G_OBJECT (button), "rd-title-row");
  GtkTextView *body_view = g_object_get_data (G_OBJECT (button), "rd-body-view");
  g_autoptr(GError) error = NULL;
  g_autofree char *operator = NULL;
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (title_row))));
  g_autofree char *body = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (body_view), &start, &end);
  body = gtk_text_buffer_get_text (gtk_text_view_get_buffer (body_view), &start, &end, FALSE);

  if (*title == '\0')
    {
      show_message (self->message_label, _("A template needs a title."));
      return;
    }
  if (*g_strstrip (body) == '\0')
    {
      show_message (self->message_label, _("A template needs some text."));
      return;
    }
  operator = get_operator (self, self->message_label);
  if (operator == NULL)
    return;

  g_free (tmpl->title);
  tmpl->title = g_steal_pointer (&title);
  g_free (tmpl->body);
  tmpl->body = g_steal_pointer (&body);
  if (!rd_templates_save (self->store, tmpl, operator, &error))
    {
      show_message (self->message_label, error->message);
      return;
    }

  show_message (self->message_label, NULL);
  rebuild_templates (self);
}

static void
on_template_delete_clicked (GtkButton       *button,
                            RdTemplatesPage *self)
{
  RdTemplate *tmpl = g_object_get_data (G_OBJECT (button), "rd-template");
  g_autoptr(GError) error = NULL;
  g_autofree char *operator = get_operator (self, self->message_label);

  if (operator == NULL)
    return;
  if (!rd_templates_delete (self->store, tmpl->id, operator, &error))
    {
      show_message (self->message_label, error->message);
      return;
    }

  show_message (self->message_label, NULL);
  rebuild_templates (self);
}

static void
on_add_template_clicked (GtkButton       *button,
                         RdTemplatesPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) templates = NULL;
  g_autofree char *operator = get_operator (self, self->message_label);
  RdTemplate tmpl = { 0 };

  if (operator == NULL)
    return;

  templates = rd_templates_list (self->store, &error);
  tmpl.title = _("New Template");
  tmpl.body = _("Hello, about your order {order}: ");
  tmpl.situation = (char *) "custom";
  tmpl.sort_order = templates != NULL ? (int) templates->len + 1 : 1;
  if (!rd_templates_save (self->store, &tmpl, operator, &error))
    {
      show_message (self->message_label, error->message);
      return;
    }

  show_message (self->message_label, NULL);
  rebuild_templates (self);
  if (self->template_rows->len > 0)
    adw_expander_row_set_expanded (g_ptr_array_index (self->template_rows, self->template_rows->len - 1), TRUE);
}

static GtkWidget *
create_template_row (RdTemplatesPage *self,
                     RdTemplate      *tmpl)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *title_row = adw_entry_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *view = gtk_text_view_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *save = gtk_button_new_with_mnemonic (_("_Save"));
  GtkWidget *delete = gtk_button_new_with_mnemonic (_("_Delete"));
  g_autofree char *subtitle = first_line (tmpl->body != NULL ? tmpl->body : "");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tmpl->title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (title_row), _("Title"));
  gtk_editable_set_text (GTK_EDITABLE (title_row), tmpl->title);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), title_row);

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_widget_set_size_request (view, -1, 96);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), tmpl->body != NULL ? tmpl->body : "", -1);
  gtk_frame_set_child (GTK_FRAME (frame), view);

  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_add_css_class (delete, "destructive-action");
  gtk_widget_add_css_class (save, "suggested-action");
  gtk_box_append (GTK_BOX (buttons), delete);
  gtk_box_append (GTK_BOX (buttons), save);

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (box), frame);
  gtk_box_append (GTK_BOX (box), buttons);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), box);

  g_object_set_data_full (G_OBJECT (row), "rd-template", tmpl, (GDestroyNotify) rd_template_free);
  g_object_set_data (G_OBJECT (save), "rd-template", tmpl);
  g_object_set_data (G_OBJECT (save), "rd-title-row", title_row);
  g_object_set_data (G_OBJECT (save), "rd-body-view", view);
  g_object_set_data (G_OBJECT (delete), "rd-template", tmpl);
  g_signal_connect (save, "clicked", G_CALLBACK (on_template_save_clicked), self);
  g_signal_connect (delete, "clicked", G_CALLBACK (on_template_delete_clicked), self);

  return row;
}

static void
rebuild_templates (RdTemplatesPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) templates = rd_templates_list (self->store, &error);

  for (guint i = 0; i < self->template_rows->len; i++)
    adw_preferences_group_remove (self->templates_group, g_ptr_array_index (self->template_rows, i));
  g_ptr_array_set_size (self->template_rows, 0);

  if (templates == NULL)
    {
      show_message (self->message_label, error->message);
      return;
    }

  /* The rows own the templates from here on. */
  g_ptr_array_set_free_func (templates, NULL);
  for (guint i = 0; i < templates->len; i++)
    {
      GtkWidget *row = create_template_row (self, g_ptr_array_index (templates, i));

      adw_preferences_group_add (self->templates_group, row);
      g_ptr_array_add (self->template_rows, row);
    }
}

/* Holidays */

static void
on_holiday_remove_clicked (GtkButton       *button,
                           RdTemplatesPage *self)
{
  const char *date = g_object_get_data (G_OBJECT (button), "rd-date");
  gboolean makeup = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "rd-makeup"));
  g_autoptr(GError) error = NULL;
  g_autofree char *operator = get_operator (self, self->holidays_message);

  if (operator == NULL)
    return;
  if (!rd_holidays_remove (self->store, date, makeup, operator, &error))
    {
      show_message (self->holidays_message, error->message);
      return;
    }

  show_message (self->holidays_message, NULL);
  rebuild_holidays (self);
}

static void
on_holiday_add_apply (AdwEntryRow     *row,
                      RdTemplatesPage *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autofree char *date = NULL;
  g_autofree char *operator = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  char *space;

  space = strchr (text, ' ');
  date = space != NULL ? g_strndup (text, space - text) : g_strdup (text);
  name = space != NULL ? g_strstrip (space + 1) : "";
  if (*name == '\0')
    {
      show_message (self->holidays_message, _("Enter a date and a name, like 2027-01-01 New Year’s Day."));
      return;
    }

  operator = get_operator (self, self->holidays_message);
  if (operator == NULL)
    return;
  if (!rd_holidays_add (self->store, date, name,
                        gtk_check_button_get_active (self->holiday_makeup_check), operator, &error))
    {
      show_message (self->holidays_message, error->message);
      return;
    }

  show_message (self->holidays_message, NULL);
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  rebuild_holidays (self);
}

static void
rebuild_holidays (RdTemplatesPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int year = g_date_time_get_year (now);

  for (guint i = 0; i < self->holiday_rows->len; i++)
    adw_preferences_group_remove (self->holidays_group, g_ptr_array_index (self->holiday_rows, i));
  g_ptr_array_set_size (self->holiday_rows, 0);

  for (int y = year; y <= year + 1; y++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) days = rd_holidays_list (self->store, y, &error);

      if (days == NULL)
        {
          show_message (self->holidays_message, error->message);
          return;
        }

      for (guint i = 0; i < days->len; i++)
        {
          RdHoliday *day = g_ptr_array_index (days, i);
          GtkWidget *row = adw_action_row_new ();
          GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
          char date[16];
          g_autofree char *tooltip = NULL;

          g_date_strftime (date, sizeof date, "%Y-%m-%d", &day->date);
          tooltip = g_strdup_printf (_("Remove %s"), date);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), date);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), day->name);
          if (day->makeup_workday)
            {
              GtkWidget *tag = gtk_label_new (_("Make-up working day"));

              gtk_widget_add_css_class (tag, "dim-label");
              adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
            }
          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (button, "flat");
          gtk_widget_set_tooltip_text (button, tooltip);
          g_object_set_data_full (G_OBJECT (button), "rd-date", g_strdup (date), g_free);
          g_object_set_data (G_OBJECT (button), "rd-makeup", GINT_TO_POINTER (day->makeup_workday));
          g_signal_connect (button, "clicked", G_CALLBACK (on_holiday_remove_clicked), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

          adw_preferences_group_add (self->holidays_group, row);
          g_ptr_array_add (self->holiday_rows, row);
        }
    }
}

/* Overrides */

static void
rd_templates_page_dispose (GObject *object)
{
  RdTemplatesPage *self = RD_TEMPLATES_PAGE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->context);
  g_clear_pointer (&self->template_rows, g_ptr_array_unref);
  g_clear_pointer (&self->holiday_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (rd_templates_page_parent_class)->dispose (object);
}

static void
rd_templates_page_class_init (RdTemplatesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rd_templates_page_dispose;
}

static void
rd_templates_page_init (RdTemplatesPage *self)
{
  GtkWidget *add;
  GtkWidget *makeup;

  self->template_rows = g_ptr_array_new ();
  self->holiday_rows = g_ptr_array_new ();

  adw_preferences_page_set_name (ADW_PREFERENCES_PAGE (self), "templates");
  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (self), _("Templates"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (self), "mail-send-symbolic");

  self->templates_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->templates_group, _("Reply Templates"));
  adw_preferences_group_set_description (self->templates_group,
                                         _("Messages to the buyer. These placeholders are filled in from the case: {order}, {amount}, {courier}, {tracking}, {deadline} (the platform’s auto-refund deadline), {ship_by} (the ship-back date of a return), {arrival} (when the refund arrives), {shop} and {reason}."));
  add = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_widget_add_css_class (add, "flat");
  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (add, _("Add a Template"));
  g_signal_connect (add, "clicked", G_CALLBACK (on_add_template_clicked), self);
  adw_preferences_group_set_header_suffix (self->templates_group, add);
  self->message_label = create_message_label ();
  adw_preferences_group_add (self->templates_group, GTK_WIDGET (self->message_label));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->templates_group);

  self->holidays_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->holidays_group, _("Holidays"));
  adw_preferences_group_set_description (self->holidays_group,
                                         _("Expected arrival dates skip weekends and holidays, and count make-up working days (调休). This year and the next are shown."));
  self->holiday_add_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->holiday_add_row), _("Add a Day: Date and Name"));
  adw_entry_row_set_show_apply_button (self->holiday_add_row, TRUE);
  makeup = gtk_check_button_new_with_label (_("Make-up working day"));
  gtk_widget_set_valign (makeup, GTK_ALIGN_CENTER);
  self->holiday_makeup_check = GTK_CHECK_BUTTON (makeup);
  adw_entry_row_add_suffix (self->holiday_add_row, makeup);
  g_signal_connect (self->holiday_add_row, "apply", G_CALLBACK (on_holiday_add_apply), self);
  adw_preferences_group_add (self->holidays_group, GTK_WIDGET (self->holiday_add_row));
  self->holidays_message = create_message_label ();
  adw_preferences_group_add (self->holidays_group, GTK_WIDGET (self->holidays_message));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->holidays_group);
}

GtkWidget *
rd_templates_page_new (RdStore   *store,
                       RdContext *context)
{
  RdTemplatesPage *self;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (RD_IS_CONTEXT (context), NULL);

  self = g_object_new (RD_TYPE_TEMPLATES_PAGE, NULL);
  self->store = g_object_ref (store);
  self->context = g_object_ref (context);
  rebuild_templates (self);
  rebuild_holidays (self);

  return GTK_WIDGET (self);
}

const char *
rd_templates_page_get_error_message (RdTemplatesPage *self)
{
  g_return_val_if_fail (RD_IS_TEMPLATES_PAGE (self), NULL);

  if (gtk_widget_get_visible (GTK_WIDGET (self->message_label)))
    return gtk_label_get_label (self->message_label);
  if (gtk_widget_get_visible (GTK_WIDGET (self->holidays_message)))
    return gtk_label_get_label (self->holidays_message);
  return NULL;
}
