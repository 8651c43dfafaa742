/* rd-operator-guard.c
 *
 * See rd-operator-guard.h.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "rd-operator-guard.h"

/* Callbacks */

static void
on_context_operator_changed (GtkWindow *dialog)
{
  /* An AdwMessageDialog answers its close response (Cancel) and goes; a
   * dialog of ours may ask first on close-request, so it is destroyed. */
  if (ADW_IS_MESSAGE_DIALOG (dialog))
    gtk_window_close (dialog);
  else
    gtk_window_destroy (dialog);
}

/* Public API */

const char *
rd_operator_guard_require (RdContext  *context,
                           GError    **error)
{
  const char *operator;

  g_return_val_if_fail (RD_IS_CONTEXT (context), NULL);

  operator = rd_context_get_operator (context);
  if (operator == NULL || *operator == '\0')
    {
      g_set_error_literal (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_NOT_ALLOWED,
                           _("Sign in first: choose who you are in the operator menu."));
      return NULL;
    }

  return operator;
}

void
rd_operator_guard_dialog (RdContext *context,
                          GtkWindow *dialog)
{
  g_return_if_fail (RD_IS_CONTEXT (context));
  g_return_if_fail (GTK_IS_WINDOW (dialog));

  g_signal_connect_object (context, "notify::operator",
                           G_CALLBACK (on_context_operator_changed), dialog, G_CONNECT_SWAPPED);
}

char *
rd_operator_guard_roles_may (RdAction action)
{
  GString *roles = g_string_new (NULL);

  for (RdRole role = RD_ROLE_NONE + 1; role < RD_ROLE_LAST; role++)
    {
      if (!rd_role_may (role, action))
        continue;
      if (roles->len > 0)
        /* Translators: between role names in "Only Approver, Admin may …". */
        g_string_append (roles, _(", "));
      g_string_append (roles, rd_role_get_name (role));
    }

  return g_string_free (roles, FALSE);
}

char *
rd_operator_guard_who_may (RdAction action)
{
  g_autofree char *roles = rd_operator_guard_roles_may (action);

  /* Translators: who may do something, in a tooltip: "Only Approver, Admin
   * may approve refunds." The second %s is one of the action phrases. */
  return g_strdup_printf (_("Only %s may %s."), roles, rd_action_get_phrase (action));
}

gboolean
rd_operator_guard_widget (RdContext *context,
                          GtkWidget *widget,
                          RdAction   action)
{
  gboolean may;

  g_return_val_if_fail (context == NULL || RD_IS_CONTEXT (context), FALSE);
  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);

  /* Not yet given its context: left as it is. */
  if (context == NULL)
    return TRUE;

  may = rd_role_may (rd_context_get_role (context), action);
  gtk_widget_set_sensitive (widget, may);
  if (may)
    {
      gtk_widget_set_tooltip_text (widget, NULL);
    }
  else
    {
      g_autofree char *who = rd_operator_guard_who_may (action);

      gtk_widget_set_tooltip_text (widget, who);
    }

  return may;
}
