/* rd-deadline-monitor.c
 *
 * The two-hour warning for platform deadlines: a one-minute timer (the
 * first check a few seconds after start, so that the first screens come
 * first), the core's list of due cases (rd_case_store_list_due, which reads
 * the open-deadline index) and a set of the cases already announced. A few
 * cases get a notification each; more get one that counts them and opens
 * the ledger's Due Soon list — a ledger with thousands of overdue cases
 * must not flood the desktop.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "rd-case-store.h"
#include "rd-case-store-workflow.h"
#include "rd-deadline-monitor.h"
#include "rd-time.h"

#define CHECK_INTERVAL_SECONDS 60
#define FIRST_CHECK_SECONDS 5
/* A deadline that passed longer ago than this is no news any more. */
#define PASSED_SECONDS (24 * 60 * 60)
/* More new due cases than this in one check: one notification for all. */
#define MAX_SINGLE_NOTIFICATIONS 3

struct _RdDeadlineMonitor
{
  GObject       parent_instance;

  GApplication *application;   /* weak: the application owns the monitor */
  RdStore      *store;
  GHashTable   *announced;     /* case id (gint64*) */
  guint         timeout_id;
  guint         first_id;
};

G_DEFINE_FINAL_TYPE (RdDeadlineMonitor, rd_deadline_monitor, G_TYPE_OBJECT)

static void
send_notification (RdDeadlineMonitor *self,
                   const RdCase      *rcase,
                   gint64             now)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *when = rd_time_format_local_clock (rcase->platform_deadline);
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *id = g_strdup_printf ("deadline-%" G_GINT64_FORMAT, rcase->id);

  if (rcase->platform_deadline > now)
    /* Translators: %s is a case number. */
    title = g_strdup_printf (_("Platform deadline soon: %s"), rcase->case_no);
  else
    title = g_strdup_printf (_("Platform deadline passed: %s"), rcase->case_no);
  /* Translators: the order number and the time of the platform's deadline. */
  body = g_strdup_printf (_("Order %s — the platform refunds by itself at %s unless the case is handled."),
                          rcase->order_no != NULL ? rcase->order_no : "", when);

  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
  g_notification_set_default_action_and_target_value (notification, "app.show-case",
                                                      g_variant_new_int64 (rcase->id));
  g_application_send_notification (self->application, id, notification);
}

static void
send_summary (RdDeadlineMonitor *self,
              guint              n)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;

  /* Translators: %u is a number of cases (more than three). */
  title = g_strdup_printf (ngettext ("%u case at its platform deadline",
                                     "%u cases at their platform deadline", n), n);
  notification = g_notification_new (title);
  g_notification_set_body (notification,
                           _("Their deadline is within two hours or passed in the last day. "
                             "The ledger's Due Soon list shows them."));
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
  g_notification_set_default_action (notification, "app.show-due-soon");
  g_application_send_notification (self->application, "deadlines", notification);
}

static gboolean
on_timeout (gpointer user_data)
{
  RdDeadlineMonitor *self = user_data;
  g_autoptr(GError) error = NULL;

  if (rd_deadline_monitor_check (self, g_get_real_time () / G_USEC_PER_SEC, &error) < 0)
    g_warning ("Could not check the platform deadlines: %s", error->message);

  return G_SOURCE_CONTINUE;
}

static gboolean
on_first_check (gpointer user_data)
{
  RdDeadlineMonitor *self = user_data;

  self->first_id = 0;
  on_timeout (self);
  return G_SOURCE_REMOVE;
}

static void
show_due_soon_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  GtkApplication *application = user_data;

  for (GList *l = gtk_application_get_windows (application); l != NULL; l = l->next)
    {
      if (gtk_widget_activate_action (l->data, "win.show-due-soon", NULL))
        {
          gtk_window_present (l->data);
          return;
        }
    }
  g_application_activate (G_APPLICATION (application));
}

static void
show_case_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  GtkApplication *application = user_data;
  GList *windows = gtk_application_get_windows (application);

  /* The main window handles win.show-case; the first window is the newest. */
  for (GList *l = windows; l != NULL; l = l->next)
    {
      if (gtk_widget_activate_action_variant (l->data, "win.show-case", parameter))
        {
          gtk_window_present (l->data);
          return;
        }
    }

  g_application_activate (G_APPLICATION (application));
}

static void
rd_deadline_monitor_finalize (GObject *object)
{
  RdDeadlineMonitor *self = RD_DEADLINE_MONITOR (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_handle_id (&self->first_id, g_source_remove);
  g_clear_weak_pointer (&self->application);
  g_clear_object (&self->store);
  g_clear_pointer (&self->announced, g_hash_table_unref);

  G_OBJECT_CLASS (rd_deadline_monitor_parent_class)->finalize (object);
}

static void
rd_deadline_monitor_class_init (RdDeadlineMonitorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rd_deadline_monitor_finalize;
}

static void
rd_deadline_monitor_init (RdDeadlineMonitor *self)
{
  self->announced = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

RdDeadlineMonitor *
rd_deadline_monitor_new (GApplication *application,
                         RdStore      *store)
{
  RdDeadlineMonitor *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  self = g_object_new (RD_TYPE_DEADLINE_MONITOR, NULL);
  g_set_weak_pointer (&self->application, application);
  self->store = g_object_ref (store);

  if (GTK_IS_APPLICATION (application) &&
      g_action_map_lookup_action (G_ACTION_MAP (application), "show-case") == NULL)
    {
      g_autoptr(GSimpleAction) action = g_simple_action_new ("show-case", G_VARIANT_TYPE_INT64);

      g_signal_connect_object (action, "activate", G_CALLBACK (show_case_action), application, 0);
      g_action_map_add_action (G_ACTION_MAP (application), G_ACTION (action));
    }
  if (GTK_IS_APPLICATION (application) &&
      g_action_map_lookup_action (G_ACTION_MAP (application), "show-due-soon") == NULL)
    {
      g_autoptr(GSimpleAction) action = g_simple_action_new ("show-due-soon", NULL);
      g_signal_connect_object (action, "activate", G_CALLBACK (show_due_soon_action), application, 0);
      g_action_map_add_action (G_ACTION_MAP (application), G_ACTION (action));
    }

  self->first_id = g_timeout_add_seconds (FIRST_CHECK_SECONDS, on_first_check, self);
  self->timeout_id = g_timeout_add_seconds (CHECK_INTERVAL_SECONDS, on_timeout, self);

  return self;
}

int
rd_deadline_monitor_check (RdDeadlineMonitor  *self,
                           gint64              now,
                           GError            **error)
{
  g_autoptr(GArray) due = NULL;
  g_autoptr(GArray) fresh = g_array_new (FALSE, FALSE, sizeof (gint64));
  int sent = 0;

  g_return_val_if_fail (RD_IS_DEADLINE_MONITOR (self), -1);

  due = rd_case_store_list_due (self->store, now, RD_DEADLINE_MONITOR_WITHIN_SECONDS, PASSED_SECONDS, error);
  if (due == NULL)
    return -1;

  for (guint i = 0; i < due->len; i++)
    {
      gint64 *id = &g_array_index (due, gint64, i);

      if (!g_hash_table_contains (self->announced, id))
        g_array_append_val (fresh, *id);
    }
  if (fresh->len == 0 || self->application == NULL)
    return 0;

  for (guint i = 0; i < fresh->len; i++)
    g_hash_table_add (self->announced, g_memdup2 (&g_array_index (fresh, gint64, i), sizeof (gint64)));

  if (fresh->len > MAX_SINGLE_NOTIFICATIONS)
    {
      send_summary (self, fresh->len);
      return 1;
    }

  for (guint i = 0; i < fresh->len; i++)
    {
      g_autoptr(RdCase) rcase = rd_case_store_get (self->store, g_array_index (fresh, gint64, i), error);

      if (rcase == NULL)
        return -1;
      send_notification (self, rcase, now);
      sent++;
    }
  return sent;
}
