/* rd-scan-mode.c
 *
 * Warehouse scan mode (see rd-scan-mode.h). The entry keeps the focus: a
 * focus controller takes it back whenever it wanders while scan mode is
 * shown. A key controller on the entry, in the capture phase, turns 1–4 into
 * outcomes only while a parcel is shown and the entry is empty, so that the
 * digits of the next tracking number still reach the entry once the outcome
 * is recorded. A scanner types the digits of a number a few milliseconds
 * apart, a person cannot press two keys that fast: so 1–4 is first held for
 * a short window, and when another key arrives within it the held digit goes
 * into the entry as the start of a new scan instead (Yunda and ZTO numbers
 * are all digits). The scan is written with rd_intercepts_record_scan, which
 * commits before it returns; only then does the screen confirm it.
 *
 * No scan is dropped: a number scanned while a parcel waits for its outcome
 * joins a short queue ("Next: …") and is taken up once the outcome is given
 * (or the parcel skipped with Esc); when the queue is full it is refused
 * aloud. A number not in the register is, with its 1–4, recorded as
 * "returned, not matched" (rd_intercepts_record_unmatched_scan), never
 * given a countdown. Each result has its own look — a CSS class on the
 * message: recorded, already recorded, unknown number, damaged — and the
 * ones that need a second look (unknown, damaged, refused) beep.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-scan-mode-private.h"


G_DEFINE_FINAL_TYPE (RdScanMode, rd_scan_mode, GTK_TYPE_BOX)

enum {
  LEAVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define DEFAULT_HOLD_WINDOW 60
static void
skip_or_leave (RdScanMode *self)
{
  if (self->state == RD_SCAN_STATE_READY)
    {
      g_signal_emit (self, signals[LEAVE], 0);
      return;
    }

  _rd_scan_mode_clear_card (self);
  _rd_scan_mode_take_next (self, MESSAGE_INFO, _("Skipped. Scan the next parcel."));
  _rd_scan_mode_focus_entry (self);
}

static void
cancel_hold (RdScanMode *self)
{
  g_clear_handle_id (&self->hold_source, g_source_remove);
  self->held_key = 0;
}

static gboolean
hold_elapsed (gpointer data)
{
  RdScanMode *self = data;
  guint digit = self->held_key;

  self->hold_source = 0;
  self->held_key = 0;
  /* Nothing followed the digit: a person pressed it. */
  if (digit >= '1' && digit <= '4')
    _rd_scan_mode_record_outcome (self, RD_PARCEL_CONDITION_INTACT + (digit - '1'));
  return G_SOURCE_REMOVE;
}

/* More keys arrived within the window: the held digit starts a new scan. */
static void
release_hold_into_entry (RdScanMode *self)
{
  char text[2] = { (char) self->held_key, '\0' };

  cancel_hold (self);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  gtk_editable_set_position (GTK_EDITABLE (self->entry), -1);
}

static guint
outcome_digit (guint keyval)
{
  switch (keyval)
    {
    case GDK_KEY_1: case GDK_KEY_KP_1: case GDK_KEY_KP_End:
      return '1';
    case GDK_KEY_2: case GDK_KEY_KP_2: case GDK_KEY_KP_Down:
      return '2';
    case GDK_KEY_3: case GDK_KEY_KP_3: case GDK_KEY_KP_Page_Down:
      return '3';
    case GDK_KEY_4: case GDK_KEY_KP_4: case GDK_KEY_KP_Left:
      return '4';
    default:
      return 0;
    }
}

/* callbacks */

static void
on_entry_activate (RdScanMode *self,
                   GtkEntry   *entry)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));

  if (self->store == NULL)
    return;

  gtk_editable_set_text (GTK_EDITABLE (entry), "");

  if (g_strstrip (text)[0] == '\0')
    return;

  _rd_scan_mode_look_up (self, text);
  _rd_scan_mode_focus_entry (self);
}

static gboolean
on_key_pressed (RdScanMode            *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  return rd_scan_mode_handle_key (self, keyval, state);
}

static gboolean
refocus_idle (gpointer data)
{
  RdScanMode *self = data;

  if (gtk_widget_get_mapped (GTK_WIDGET (self)) &&
      !gtk_widget_has_focus (GTK_WIDGET (self->entry)) &&
      !gtk_widget_is_focus (GTK_WIDGET (self->entry)))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

      /* Only take the focus back from ourselves, never from a dialog. */
      if (focus == NULL || gtk_widget_is_ancestor (focus, GTK_WIDGET (self)) || focus == GTK_WIDGET (self))
        _rd_scan_mode_focus_entry (self);
    }
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

static void
on_focus_leave (RdScanMode              *self,
                GtkEventControllerFocus *controller)
{
  g_idle_add (refocus_idle, g_object_ref (self));
}

static void
outcome_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  int n = g_variant_get_int32 (parameter);

  if (n >= RD_PARCEL_CONDITION_INTACT && n <= RD_PARCEL_CONDITION_NOT_OURS)
    _rd_scan_mode_record_outcome (RD_SCAN_MODE (widget), n);
}

static void
skip_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  skip_or_leave (RD_SCAN_MODE (widget));
}

static void
leave_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_signal_emit (widget, signals[LEAVE], 0);
}

/* overrides */

static void
rd_scan_mode_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (rd_scan_mode_parent_class)->map (widget);

  _rd_scan_mode_focus_entry (RD_SCAN_MODE (widget));
}

static void
rd_scan_mode_dispose (GObject *object)
{
  RdScanMode *self = RD_SCAN_MODE (object);

  cancel_hold (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_SCAN_MODE);
  g_clear_object (&self->store);
  g_clear_object (&self->context);
  g_clear_pointer (&self->parcel, rd_intercept_free);
  g_clear_pointer (&self->unknown, g_free);
  g_queue_clear_full (&self->queue, g_free);

  G_OBJECT_CLASS (rd_scan_mode_parent_class)->dispose (object);
}

static void
rd_scan_mode_class_init (RdScanModeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_scan_mode_dispose;
  widget_class->map = rd_scan_mode_map;

  /* Scan mode was left (Esc with nothing pending, or the button). */
  signals[LEAVE] = g_signal_new ("leave", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rd-scan-mode.ui");
  gtk_widget_class_bind_template_child (widget_class, RdScanMode, entry);
  gtk_widget_class_bind_template_child (widget_class, RdScanMode, count_label);
  gtk_widget_class_bind_template_child (widget_class, RdScanMode, tracking_label);
  gtk_widget_class_bind_template_child (widget_class, RdScanMode, details_label);
  gtk_widget_class_bind_template_child (widget_class, RdScanMode, status_label);
  gtk_widget_class_bind_template_child (widget_class, RdScanMode, message_label);
  gtk_widget_class_bind_template_child (widget_class, RdScanMode, next_label);

  gtk_widget_class_install_action (widget_class, "scan.outcome", "i", outcome_action);
  gtk_widget_class_install_action (widget_class, "scan.skip", NULL, skip_action);
  gtk_widget_class_install_action (widget_class, "scan.leave", NULL, leave_action);
}

static void
rd_scan_mode_init (RdScanMode *self)
{
  GtkEventController *keys;
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));

  g_queue_init (&self->queue);
  self->hold_window = DEFAULT_HOLD_WINDOW;

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), keys);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), focus);

  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (on_entry_activate), self);

  _rd_scan_mode_update_count (self);
  _rd_scan_mode_show_message (self, MESSAGE_INFO, _("Scan a parcel."));
}

/* public */

GtkWidget *
rd_scan_mode_new (RdContext *context)
{
  GtkWidget *self = g_object_new (RD_TYPE_SCAN_MODE, NULL);

  rd_scan_mode_set_context (RD_SCAN_MODE (self), context);

  return self;
}

void
rd_scan_mode_set_context (RdScanMode *self,
                          RdContext  *context)
{
  g_return_if_fail (RD_IS_SCAN_MODE (self));
  g_return_if_fail (RD_IS_CONTEXT (context));

  g_set_object (&self->context, context);
  rd_scan_mode_set_store (self, rd_context_get_store (context));
}

void
rd_scan_mode_set_store (RdScanMode *self,
                        RdStore    *store)
{
  g_return_if_fail (RD_IS_SCAN_MODE (self));
  g_return_if_fail (store == NULL || RD_IS_STORE (store));

  g_set_object (&self->store, store);
}

void
rd_scan_mode_start (RdScanMode *self)
{
  g_return_if_fail (RD_IS_SCAN_MODE (self));

  cancel_hold (self);
  _rd_scan_mode_set_state (self, RD_SCAN_STATE_READY);
  _rd_scan_mode_clear_queue (self);
  self->n_recorded = 0;
  _rd_scan_mode_update_count (self);
  _rd_scan_mode_clear_card (self);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  _rd_scan_mode_show_message (self, MESSAGE_INFO, _("Scan a parcel."));
  _rd_scan_mode_focus_entry (self);
}

gboolean
rd_scan_mode_handle_key (RdScanMode      *self,
                         guint            keyval,
                         GdkModifierType  state)
{
  gboolean empty;

  g_return_val_if_fail (RD_IS_SCAN_MODE (self), FALSE);

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return FALSE;

  if (keyval == GDK_KEY_Escape)
    {
      cancel_hold (self);
      skip_or_leave (self);
      return TRUE;
    }

  if (self->held_key != 0)
    {
      /* A modifier (Shift) is no character of its own. */
      if (gdk_keyval_to_unicode (keyval) == 0 &&
          keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter)
        return FALSE;
      release_hold_into_entry (self);
      return FALSE;
    }

  empty = *gtk_editable_get_text (GTK_EDITABLE (self->entry)) == '\0';
  if (!empty)
    return FALSE;

  if (_rd_scan_mode_is_waiting (self))
    {
      guint digit = outcome_digit (keyval);

      if (digit == 0)
        return FALSE;
      if (self->hold_window == 0)
        {
          _rd_scan_mode_record_outcome (self, RD_PARCEL_CONDITION_INTACT + (digit - '1'));
          return TRUE;
        }
      self->held_key = digit;
      self->hold_source = g_timeout_add (self->hold_window, hold_elapsed, self);
      return TRUE;
    }

  return FALSE;
}

GtkEditable *
rd_scan_mode_get_entry (RdScanMode *self)
{
  g_return_val_if_fail (RD_IS_SCAN_MODE (self), NULL);
  return GTK_EDITABLE (self->entry);
}

RdScanState
rd_scan_mode_get_state (RdScanMode *self)
{
  g_return_val_if_fail (RD_IS_SCAN_MODE (self), RD_SCAN_STATE_READY);
  return self->state;
}

const char *
rd_scan_mode_get_message (RdScanMode *self)
{
  g_return_val_if_fail (RD_IS_SCAN_MODE (self), NULL);
  return gtk_label_get_label (self->message_label);
}

guint
rd_scan_mode_get_n_recorded (RdScanMode *self)
{
  g_return_val_if_fail (RD_IS_SCAN_MODE (self), 0);
  return self->n_recorded;
}

void
rd_scan_mode_set_hold_window (RdScanMode *self,
                              guint       ms)
{
  g_return_if_fail (RD_IS_SCAN_MODE (self));
  self->hold_window = ms;
}

gboolean
rd_scan_mode_is_holding (RdScanMode *self)
{
  g_return_val_if_fail (RD_IS_SCAN_MODE (self), FALSE);
  return self->held_key != 0;
}

guint
rd_scan_mode_get_n_queued (RdScanMode *self)
{
  g_return_val_if_fail (RD_IS_SCAN_MODE (self), 0);
  return self->queue.length;
}
