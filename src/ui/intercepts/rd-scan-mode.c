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
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-intercepts.h"
#include "rd-money-totals.h"
#include "rd-scan-mode.h"
#include "rd-time.h"

struct _RdScanMode
{
  GtkBox        parent_instance;

  RdStore      *store;
  RdContext    *context;
  RdScanState   state;
  RdIntercept  *parcel;          /* shown, in state PARCEL */
  char         *unknown;         /* the number offered for registering */
  guint         n_recorded;
  guint         hold_window;     /* ms a digit 1–4 is held */
  guint         held_key;        /* the digit 1–4 being held, or 0 */
  guint         hold_source;

  /* Template children */
  GtkEntry     *entry;
  GtkLabel     *count_label;
  GtkLabel     *tracking_label;
  GtkLabel     *details_label;
  GtkLabel     *status_label;
  GtkLabel     *message_label;
};

G_DEFINE_FINAL_TYPE (RdScanMode, rd_scan_mode, GTK_TYPE_BOX)

enum {
  LEAVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define DEFAULT_HOLD_WINDOW 60

typedef enum
{
  MESSAGE_INFO,
  MESSAGE_OK,
  MESSAGE_WARNING,
  MESSAGE_ERROR,
} MessageKind;

/* helpers */

static void
show_message (RdScanMode  *self,
              MessageKind  kind,
              const char  *text)
{
  static const char *classes[] = { "scan-info", "scan-ok", "scan-warning", "scan-error" };
  GtkWidget *label = GTK_WIDGET (self->message_label);

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (label, classes[i]);
  gtk_widget_add_css_class (label, classes[kind]);
  gtk_label_set_label (self->message_label, text);
}

static void
update_count (RdScanMode *self)
{
  g_autofree char *text = g_strdup_printf (ngettext ("%u scan recorded", "%u scans recorded",
                                                     self->n_recorded),
                                           self->n_recorded);

  gtk_label_set_label (self->count_label, text);
}

static char *
get_operator (RdScanMode *self)
{
  const char *current = rd_context_get_operator (self->context);

  if (*current != '\0')
    return g_strdup (current);
  return g_strdup (g_get_user_name ());
}

static void
show_parcel (RdScanMode        *self,
             const RdIntercept *parcel)
{
  g_autoptr(GString) details = g_string_new (NULL);
  g_autofree char *amount = rd_money_format_code (parcel->amount, parcel->currency);
  g_autofree char *status = NULL;

  gtk_label_set_label (self->tracking_label, parcel->tracking_no);

  g_string_append (details, rd_courier_get_name (parcel->courier));
  if (parcel->case_no != NULL)
    g_string_append_printf (details, "  ·  %s", parcel->case_no);
  if (parcel->buyer_name != NULL && *parcel->buyer_name != '\0')
    g_string_append_printf (details, "  ·  %s", parcel->buyer_name);
  g_string_append_printf (details, "  ·  %s", amount);
  gtk_label_set_label (self->details_label, details->str);

  if (parcel->condition != RD_PARCEL_CONDITION_NONE &&
      parcel->status == RD_INTERCEPT_STATUS_BACK_IN_WAREHOUSE)
    status = g_strdup_printf ("%s · %s", rd_intercept_status_get_name (parcel->status),
                              rd_parcel_condition_get_name (parcel->condition));
  else
    status = g_strdup (rd_intercept_status_get_name (parcel->status));
  gtk_label_set_label (self->status_label, status);
}

static void
clear_card (RdScanMode *self)
{
  gtk_label_set_label (self->tracking_label, "");
  gtk_label_set_label (self->details_label, "");
  gtk_label_set_label (self->status_label, "");
}

static void
set_state (RdScanMode  *self,
           RdScanState  state)
{
  self->state = state;
  if (state != RD_SCAN_STATE_PARCEL)
    g_clear_pointer (&self->parcel, rd_intercept_free);
  if (state != RD_SCAN_STATE_UNKNOWN)
    g_clear_pointer (&self->unknown, g_free);
}

static void
focus_entry (RdScanMode *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static RdCourier
guess_courier (const char *tracking)
{
  static const struct { const char *prefix; RdCourier courier; } prefixes[] = {
    { "SF", RD_COURIER_SF }, { "JDV", RD_COURIER_JD }, { "JD", RD_COURIER_JD },
    { "YT", RD_COURIER_YTO }, { "JT", RD_COURIER_JT }, { "DPK", RD_COURIER_DEPPON },
  };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (tracking, prefixes[i].prefix))
      return prefixes[i].courier;
  return RD_COURIER_OTHER;
}

static void
look_up (RdScanMode *self,
         const char *text)
{
  g_autofree char *tracking = rd_tracking_number_normalize (text);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdIntercept) parcel = NULL;
  RdParcelCondition last = RD_PARCEL_CONDITION_NONE;
  gint64 last_at = 0;

  if (tracking == NULL)
    {
      show_message (self, MESSAGE_ERROR, _("That is not a tracking number. Scan again."));
      return;
    }

  parcel = rd_intercepts_find_by_tracking (self->store, tracking, &error);
  if (parcel == NULL && g_error_matches (error, RD_INTERCEPT_ERROR, RD_INTERCEPT_ERROR_NOT_FOUND))
    {
      g_autofree char *message = g_strdup_printf (_("%s is not in the register. Enter: register it   Esc: skip"),
                                                  tracking);
      set_state (self, RD_SCAN_STATE_UNKNOWN);
      self->unknown = g_steal_pointer (&tracking);
      clear_card (self);
      gtk_label_set_label (self->tracking_label, self->unknown);
      show_message (self, MESSAGE_WARNING, message);
      return;
    }
  if (parcel == NULL)
    {
      show_message (self, MESSAGE_ERROR, error->message);
      return;
    }

  set_state (self, RD_SCAN_STATE_PARCEL);
  show_parcel (self, parcel);

  if (rd_intercepts_get_last_scan (self->store, parcel->id, &last, &last_at, &error))
    {
      g_autofree char *clock = rd_time_format_local_clock (last_at);
      g_autofree char *message = g_strdup_printf (_("Already recorded: %s at %s. Press 1–4 only to correct it."),
                                                  rd_parcel_condition_get_name (last), clock);
      show_message (self, MESSAGE_WARNING, message);
    }
  else if (error != NULL)
    show_message (self, MESSAGE_ERROR, error->message);
  else
    show_message (self, MESSAGE_INFO, _("Press 1 intact, 2 damaged, 3 parts missing, 4 not ours."));

  self->parcel = g_steal_pointer (&parcel);
}

static void
record_outcome (RdScanMode        *self,
                RdParcelCondition  outcome)
{
  g_auto(RdScanResult) result = { 0 };
  const RdPolicy *policy;
  g_autoptr(GError) error = NULL;
  g_autofree char *operator = get_operator (self);
  g_autofree char *message = NULL;
  g_autofree char *clock = NULL;

  if (self->state != RD_SCAN_STATE_PARCEL || self->parcel == NULL)
    {
      show_message (self, MESSAGE_INFO, _("Scan a parcel first."));
      return;
    }

  policy = rd_context_get_policy (self->context);
  if (!rd_intercepts_record_scan (self->store, self->parcel->tracking_no, outcome, operator, policy,
                                  g_get_real_time () / G_USEC_PER_SEC, &result, &error))
    {
      g_autofree char *failed = g_strdup_printf (_("Not recorded: %s"), error->message);
      show_message (self, MESSAGE_ERROR, failed);
      return;
    }

  show_parcel (self, result.intercept);
  clock = rd_time_format_local_clock (result.at);
  if (result.already)
    {
      message = g_strdup_printf (_("Already recorded as %s at %s; not recorded again."),
                                 rd_parcel_condition_get_name (outcome), clock);
      show_message (self, MESSAGE_WARNING, message);
    }
  else
    {
      self->n_recorded++;
      update_count (self);
      if (result.outcome.case_to != result.outcome.case_from && result.intercept->case_no != NULL)
        message = g_strdup_printf (_("Saved: %s. Case %s is now “%s”."),
                                   rd_parcel_condition_get_name (outcome), result.intercept->case_no,
                                   rd_case_status_get_name (result.outcome.case_to));
      else
        message = g_strdup_printf (_("Saved: %s."), rd_parcel_condition_get_name (outcome));
      show_message (self, outcome == RD_PARCEL_CONDITION_INTACT ? MESSAGE_OK : MESSAGE_WARNING, message);
    }

  set_state (self, RD_SCAN_STATE_READY);
  focus_entry (self);
}

static void
register_unknown (RdScanMode *self)
{
  g_autoptr(RdIntercept) parcel = rd_intercept_new ();
  const RdPolicy *policy;
  g_autoptr(GError) error = NULL;
  g_autofree char *operator = get_operator (self);
  g_autofree char *message = NULL;
  gint64 existing = 0;

  if (self->state != RD_SCAN_STATE_UNKNOWN || self->unknown == NULL)
    return;

  policy = rd_context_get_policy (self->context);
  parcel->courier = guess_courier (self->unknown);
  parcel->tracking_no = g_strdup (self->unknown);
  parcel->notes = g_strdup (_("Registered in warehouse scan mode"));
  if (!rd_intercepts_create (self->store, parcel, policy, operator, g_get_real_time () / G_USEC_PER_SEC,
                             &existing, NULL, &error))
    {
      show_message (self, MESSAGE_ERROR, error->message);
      return;
    }

  message = g_strdup_printf (_("%s registered. Press 1 intact, 2 damaged, 3 parts missing, 4 not ours."),
                             parcel->tracking_no);
  set_state (self, RD_SCAN_STATE_PARCEL);
  self->parcel = rd_intercepts_get (self->store, parcel->id, NULL);
  if (self->parcel == NULL)
    self->parcel = g_steal_pointer (&parcel);
  show_parcel (self, self->parcel);
  show_message (self, MESSAGE_INFO, message);
  focus_entry (self);
}

static void
skip_or_leave (RdScanMode *self)
{
  if (self->state == RD_SCAN_STATE_READY)
    {
      g_signal_emit (self, signals[LEAVE], 0);
      return;
    }

  set_state (self, RD_SCAN_STATE_READY);
  clear_card (self);
  show_message (self, MESSAGE_INFO, _("Skipped. Scan the next parcel."));
  focus_entry (self);
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
    record_outcome (self, RD_PARCEL_CONDITION_INTACT + (digit - '1'));
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
    {
      if (self->state == RD_SCAN_STATE_UNKNOWN)
        register_unknown (self);
      return;
    }

  look_up (self, text);
  focus_entry (self);
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
        focus_entry (self);
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
    record_outcome (RD_SCAN_MODE (widget), n);
}

static void
register_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  register_unknown (RD_SCAN_MODE (widget));
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

  focus_entry (RD_SCAN_MODE (widget));
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

  gtk_widget_class_install_action (widget_class, "scan.outcome", "i", outcome_action);
  gtk_widget_class_install_action (widget_class, "scan.register", NULL, register_action);
  gtk_widget_class_install_action (widget_class, "scan.skip", NULL, skip_action);
  gtk_widget_class_install_action (widget_class, "scan.leave", NULL, leave_action);
}

static void
rd_scan_mode_init (RdScanMode *self)
{
  GtkEventController *keys;
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->hold_window = DEFAULT_HOLD_WINDOW;

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), keys);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), focus);

  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (on_entry_activate), self);

  update_count (self);
  show_message (self, MESSAGE_INFO, _("Scan a parcel."));
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
  set_state (self, RD_SCAN_STATE_READY);
  self->n_recorded = 0;
  update_count (self);
  clear_card (self);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  show_message (self, MESSAGE_INFO, _("Scan a parcel."));
  focus_entry (self);
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

  if (self->state == RD_SCAN_STATE_PARCEL)
    {
      guint digit = outcome_digit (keyval);

      if (digit == 0)
        return FALSE;
      if (self->hold_window == 0)
        {
          record_outcome (self, RD_PARCEL_CONDITION_INTACT + (digit - '1'));
          return TRUE;
        }
      self->held_key = digit;
      self->hold_source = g_timeout_add (self->hold_window, hold_elapsed, self);
      return TRUE;
    }

  if (self->state == RD_SCAN_STATE_UNKNOWN &&
      (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter))
    {
      register_unknown (self);
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
