/* rd-case-pane-timeline.c
 *
 * The case pane's timeline: the audit entries of the case, newest first,
 * each told as a sentence by the core (rd_case_history_describe: display
 * names, money, local times, never an id, key or JSON), with who and when.
 */
#include "config.h"

#include "rd-audit.h"
#include "rd-case-history.h"
#include "rd-case-pane-private.h"
#include "rd-time.h"

void
_rd_case_pane_show_timeline (RdCasePane *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->timeline_list))) != NULL)
    gtk_list_box_remove (self->timeline_list, child);

  entries = rd_audit_list_for_case (self->store, self->rcase->id, &error);
  if (entries == NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), error->message);
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->timeline_list, row);
      return;
    }

  /* Newest first: what happened last is what one looks for. */
  for (guint i = entries->len; i > 0; i--)
    {
      RdAuditEntry *entry = g_ptr_array_index (entries, i - 1);
      g_autofree char *when = entry->at > 0 ? rd_time_format_local (entry->at) : g_strdup ("");
      g_autofree char *title = rd_case_history_describe (entry);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", entry->operator != NULL ? entry->operator : "",
                                                   when);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (self->timeline_list, row);
    }
}
