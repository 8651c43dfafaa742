/* rd-idle-lock.c
 *
 * See rd-idle-lock.h. Input only writes down the time (one call to
 * g_get_monotonic_time per event); a single timeout, armed while someone is
 * signed in, wakes when the time would be up, and either locks or sleeps
 * again for what is left.
 */
#include "config.h"

#include "rd-idle-lock.h"

struct _RdIdleLock
{
  GObject     parent_instance;

  RdContext  *context;
  guint       timeout_ms;
  gint64      last_input;   /* monotonic, µs */
  guint       source_id;
};

G_DEFINE_FINAL_TYPE (RdIdleLock, rd_idle_lock, G_TYPE_OBJECT)

/* Helpers */

static gboolean on_timeout (gpointer user_data);

static void
arm (RdIdleLock *self,
     guint       milliseconds)
{
  g_clear_handle_id (&self->source_id, g_source_remove);
  self->source_id = g_timeout_add (MAX (milliseconds, 1), on_timeout, self);
}

/* Armed for the full time when someone is signed in and the lock is on;
 * disarmed otherwise. */
static void
rearm (RdIdleLock *self)
{
  g_clear_handle_id (&self->source_id, g_source_remove);
  if (self->timeout_ms == 0 || *rd_context_get_operator (self->context) == '\0')
    return;

  self->last_input = g_get_monotonic_time ();
  arm (self, self->timeout_ms);
}

/* Callbacks */

static gboolean
on_timeout (gpointer user_data)
{
  RdIdleLock *self = user_data;
  gint64 idle_ms = (g_get_monotonic_time () - self->last_input) / 1000;

  self->source_id = 0;
  if (idle_ms < self->timeout_ms)
    {
      arm (self, self->timeout_ms - idle_ms);
      return G_SOURCE_REMOVE;
    }

  rd_context_sign_out (self->context);

  return G_SOURCE_REMOVE;
}

/* Every event of the window passes here first; none is stopped. */
static gboolean
on_event (GtkEventControllerLegacy *controller,
          GdkEvent                 *event,
          RdIdleLock               *self)
{
  switch (gdk_event_get_event_type (event))
    {
    case GDK_MOTION_NOTIFY:
    case GDK_BUTTON_PRESS:
    case GDK_KEY_PRESS:
    case GDK_SCROLL:
    case GDK_TOUCH_BEGIN:
    case GDK_TOUCH_UPDATE:
      self->last_input = g_get_monotonic_time ();
      break;
    default:
      break;
    }

  return GDK_EVENT_PROPAGATE;
}

static void
on_context_operator_changed (RdIdleLock *self)
{
  rearm (self);
}

/* Overrides */

static void
rd_idle_lock_dispose (GObject *object)
{
  RdIdleLock *self = RD_IDLE_LOCK (object);

  g_clear_handle_id (&self->source_id, g_source_remove);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (rd_idle_lock_parent_class)->dispose (object);
}

static void
rd_idle_lock_class_init (RdIdleLockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rd_idle_lock_dispose;
}

static void
rd_idle_lock_init (RdIdleLock *self)
{
}

/* Public API */

RdIdleLock *
rd_idle_lock_new (RdContext *context)
{
  RdIdleLock *self;

  g_return_val_if_fail (RD_IS_CONTEXT (context), NULL);

  self = g_object_new (RD_TYPE_IDLE_LOCK, NULL);
  self->context = g_object_ref (context);
  g_signal_connect_object (context, "notify::operator",
                           G_CALLBACK (on_context_operator_changed), self, G_CONNECT_SWAPPED);

  return self;
}

void
rd_idle_lock_watch (RdIdleLock *self,
                    GtkWindow  *window)
{
  GtkEventController *controller;

  g_return_if_fail (RD_IS_IDLE_LOCK (self));
  g_return_if_fail (GTK_IS_WINDOW (window));

  controller = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_name (controller, "rd-idle-lock");
  g_signal_connect_object (controller, "event", G_CALLBACK (on_event), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (window), controller);
}

void
rd_idle_lock_set_timeout (RdIdleLock *self,
                          guint       milliseconds)
{
  g_return_if_fail (RD_IS_IDLE_LOCK (self));

  if (self->timeout_ms == milliseconds)
    return;

  self->timeout_ms = milliseconds;
  rearm (self);
}

guint
rd_idle_lock_get_timeout (RdIdleLock *self)
{
  g_return_val_if_fail (RD_IS_IDLE_LOCK (self), 0);

  return self->timeout_ms;
}
