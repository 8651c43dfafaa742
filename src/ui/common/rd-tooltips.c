/* rd-tooltips.c
 *
 * See rd-tooltips.h. An emission hook on GtkWidget::map connects, once per
 * widget, a query-tooltip handler, which runs before GTK's own (the class
 * handler runs last): when the widget has a tooltip text, it sets our
 * label and returns TRUE, so GTK's wrapping label is never used. Every
 * mapped widget gets the handler, not only those with a tooltip at that
 * moment, because a tooltip may be set later (a button greyed when the
 * operator changes says who may). A hook on query-tooltip itself would be
 * too late for the first hover: GLib looks the handlers up before it runs
 * the hooks.
 */
#include "config.h"

#include "rd-tooltips.h"

/* Beyond this many columns a tooltip wraps, at this width. */
#define WRAP_COLUMNS 50

static GQuark connected_quark;

/* Helpers */

/* The widest line of text, in columns: a wide (CJK) character counts two. */
static int
display_columns (const char *text)
{
  int widest = 0;
  int columns = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n')
        {
          widest = MAX (widest, columns);
          columns = 0;
        }
      else if (g_unichar_iszerowidth (c))
        continue;
      else
        columns += g_unichar_iswide (c) ? 2 : 1;
    }

  return MAX (widest, columns);
}

/* Callbacks */

static gboolean
on_query_tooltip (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  GtkWidget *label = rd_tooltips_new_label (widget);

  if (label == NULL)
    return FALSE;   /* the widget's own handler, or nothing */

  gtk_tooltip_set_custom (tooltip, label);
  return TRUE;
}

static gboolean
on_map_emission (GSignalInvocationHint *hint,
                 guint                  n_params,
                 const GValue          *params,
                 gpointer               user_data)
{
  GtkWidget *widget = g_value_get_object (&params[0]);

  if (GTK_IS_WIDGET (widget) && g_object_get_qdata (G_OBJECT (widget), connected_quark) == NULL)
    {
      g_object_set_qdata (G_OBJECT (widget), connected_quark, GINT_TO_POINTER (TRUE));
      g_signal_connect (widget, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
    }

  return TRUE;   /* stay installed */
}

/* Public API */

void
rd_tooltips_install (void)
{
  static gsize installed = 0;

  if (g_once_init_enter (&installed))
    {
      guint signal_id;

      /* The signals exist once the class does: at startup no widget may
       * have been made yet. Kept for the life of the program. */
      g_type_class_ref (GTK_TYPE_WIDGET);
      signal_id = g_signal_lookup ("map", GTK_TYPE_WIDGET);
      connected_quark = g_quark_from_static_string ("rd-tooltips-connected");
      g_signal_add_emission_hook (signal_id, 0, on_map_emission, NULL, NULL);
      g_once_init_leave (&installed, 1);
    }
}

GtkWidget *
rd_tooltips_new_label (GtkWidget *widget)
{
  const char *markup;
  const char *text;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  markup = gtk_widget_get_tooltip_markup (widget);
  text = gtk_widget_get_tooltip_text (widget);
  if (markup == NULL || *markup == '\0' || text == NULL)
    return NULL;
  return rd_tooltips_new_label_for (markup, text);
}

GtkWidget *
rd_tooltips_new_label_for (const char *markup,
                           const char *text)
{
  GtkWidget *label;
  int columns;

  g_return_val_if_fail (markup != NULL && text != NULL, NULL);

  label = gtk_label_new (NULL);
  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  columns = display_columns (text);
  if (columns > WRAP_COLUMNS)
    {
      /* width-chars counts an average Latin character: a column. */
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_width_chars (GTK_LABEL (label), WRAP_COLUMNS);
      gtk_label_set_max_width_chars (GTK_LABEL (label), WRAP_COLUMNS);
    }

  return label;
}
