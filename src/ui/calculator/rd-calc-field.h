/* rd-calc-field.h
 *
 * What the calculator's input widgets share: an entry marked as wrong (the
 * error style and the reason as its tooltip), and reading a whole number.
 */
#pragma once

#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "rd-calc.h"

G_BEGIN_DECLS

static inline void
rd_calc_field_mark (GtkWidget  *entry,
                    const char *message)
{
  gtk_widget_add_css_class (entry, "error");
  gtk_widget_set_tooltip_text (entry, message);
}

static inline void
rd_calc_field_unmark (GtkWidget *entry)
{
  if (!gtk_widget_has_css_class (entry, "error"))
    return;
  gtk_widget_remove_css_class (entry, "error");
  gtk_widget_set_tooltip_text (entry, NULL);
}

/* The entry's text without surrounding white space (owned by the caller). */
static inline char *
rd_calc_field_text (GtkWidget *entry)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
}

/* Reads an amount; empty text is 0 when empty_ok. Marks the entry on error. */
static inline gboolean
rd_calc_field_amount (GtkWidget         *entry,
                      const RdCurrency  *currency,
                      gboolean           empty_ok,
                      gint64            *out,
                      GError           **error)
{
  g_autofree char *text = rd_calc_field_text (entry);
  g_autoptr(GError) local_error = NULL;

  if (*text == '\0' && empty_ok)
    {
      *out = 0;
      return TRUE;
    }
  if (*text == '\0')
    {
      g_set_error_literal (&local_error, RD_CALC_ERROR, RD_CALC_ERROR_INVALID,
                           _("Enter an amount"));
    }
  else if (rd_money_parse (text, currency, out, &local_error))
    {
      if (*out >= 0)
        return TRUE;
      g_clear_error (&local_error);
      g_set_error_literal (&local_error, RD_CALC_ERROR, RD_CALC_ERROR_NEGATIVE,
                           _("must not be negative"));
    }

  rd_calc_field_mark (entry, local_error->message);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* Reads a whole number ≥ min; empty text gives fallback when fallback ≥ 0.
 * Marks the entry on error. */
static inline gboolean
rd_calc_field_count (GtkWidget  *entry,
                     gint64      min,
                     gint64      fallback,
                     gint64     *out,
                     GError    **error)
{
  g_autofree char *text = rd_calc_field_text (entry);
  g_autofree char *message = NULL;

  if (*text == '\0' && fallback >= 0)
    {
      *out = fallback;
      return TRUE;
    }
  if (g_ascii_string_to_signed (text, 10, min, G_GINT64_CONSTANT (1000000000), out, NULL))
    return TRUE;

  if (*text == '\0')
    message = g_strdup (_("Enter a quantity"));
  else
    message = g_strdup_printf (_("“%s” is not a whole number of at least %d"), text, (int) min);
  rd_calc_field_mark (entry, message);
  g_set_error_literal (error, RD_CALC_ERROR, RD_CALC_ERROR_INVALID, message);
  return FALSE;
}

G_END_DECLS
