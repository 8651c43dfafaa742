/* rd-scan-mode-results.c
 *
 * Scan mode's results (see rd-scan-mode.c): a scanned number looked up and
 * shown, or queued behind the parcel that waits for its outcome, or refused
 * when the queue is full; 1–4 recorded through the core (a known parcel
 * with rd_intercepts_record_scan, an unknown number as "returned, not
 * matched"), and each result shown with its own look and heard with its
 * own sound (rd-scan-sound.h).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-operator-guard.h"
#include "rd-money-totals.h"
#include "rd-scan-mode-private.h"
#include "rd-scan-sound.h"
#include "rd-time.h"

/* Numbers that may wait behind the parcel shown; more are refused. */
#define MAX_QUEUE 5

/* Each kind of message: its look and its sound. */
static const struct
{
  const char  *css_class;
  RdScanSound  sound;
} message_kinds[] = {
  [MESSAGE_INFO] = { "scan-info", RD_SCAN_SOUND_NONE },
  [MESSAGE_RECORDED] = { "scan-recorded", RD_SCAN_SOUND_RECORDED },
  [MESSAGE_ALREADY] = { "scan-already", RD_SCAN_SOUND_ALREADY },
  [MESSAGE_UNKNOWN] = { "scan-unknown", RD_SCAN_SOUND_UNKNOWN },
  [MESSAGE_DAMAGED] = { "scan-damaged", RD_SCAN_SOUND_DAMAGED },
  [MESSAGE_QUEUED] = { "scan-info", RD_SCAN_SOUND_QUEUED },
  [MESSAGE_ERROR] = { "scan-error", RD_SCAN_SOUND_REFUSED },
};

void
_rd_scan_mode_show_message (RdScanMode  *self,
                            MessageKind  kind,
                            const char  *text)
{
  GtkWidget *label = GTK_WIDGET (self->message_label);

  for (guint i = 0; i < G_N_ELEMENTS (message_kinds); i++)
    gtk_widget_remove_css_class (label, message_kinds[i].css_class);
  gtk_widget_add_css_class (label, message_kinds[kind].css_class);
  gtk_label_set_label (self->message_label, text);

  /* Each result is heard across the room, each with its own sound. */
  rd_scan_sound_play (label, message_kinds[kind].sound);
}

static void
update_next (RdScanMode *self)
{
  g_autoptr(GString) text = NULL;

  if (g_queue_is_empty (&self->queue))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->next_label), FALSE);
      return;
    }

  text = g_string_new (NULL);
  for (GList *l = self->queue.head; l != NULL; l = l->next)
    {
      if (text->len > 0)
        g_string_append (text, "  ·  ");
      g_string_append (text, l->data);
    }
  {
    g_autofree char *label = g_strdup_printf (_("Next: %s"), text->str);

    gtk_label_set_label (self->next_label, label);
  }
  gtk_widget_set_visible (GTK_WIDGET (self->next_label), TRUE);
}

void
_rd_scan_mode_clear_queue (RdScanMode *self)
{
  g_queue_clear_full (&self->queue, g_free);
  update_next (self);
}

void
_rd_scan_mode_update_count (RdScanMode *self)
{
  g_autofree char *text = g_strdup_printf (ngettext ("%u scan recorded", "%u scans recorded",
                                                     self->n_recorded),
                                           self->n_recorded);

  gtk_label_set_label (self->count_label, text);
}

/* The operator signed in at this moment, or NULL with "Sign in first"
 * shown: nothing is written under no one, nor under the system's user. */
static char *
get_operator (RdScanMode *self)
{
  g_autoptr(GError) error = NULL;
  const char *current = rd_operator_guard_require (self->context, &error);

  if (current == NULL)
    {
      _rd_scan_mode_show_message (self, MESSAGE_ERROR, error->message);
      return NULL;
    }
  return g_strdup (current);
}

static void
show_parcel (RdScanMode        *self,
             const RdIntercept *parcel)
{
  g_autoptr(GString) details = g_string_new (NULL);
  g_autofree char *amount = rd_money_format_code (parcel->amount, parcel->currency);
  g_autofree char *status = rd_intercept_dup_status_label (parcel);

  gtk_label_set_label (self->tracking_label, parcel->tracking_no);

  g_string_append (details, rd_courier_get_name (parcel->courier));
  if (parcel->case_no != NULL)
    g_string_append_printf (details, "  ·  %s", parcel->case_no);
  if (parcel->buyer_name != NULL && *parcel->buyer_name != '\0')
    g_string_append_printf (details, "  ·  %s", parcel->buyer_name);
  if (!rd_intercept_is_unmatched (parcel))
    g_string_append_printf (details, "  ·  %s", amount);
  gtk_label_set_label (self->details_label, details->str);
  gtk_label_set_label (self->status_label, status);
}

void
_rd_scan_mode_clear_card (RdScanMode *self)
{
  gtk_label_set_label (self->tracking_label, "");
  gtk_label_set_label (self->details_label, "");
  gtk_label_set_label (self->status_label, "");
}

void
_rd_scan_mode_set_state (RdScanMode  *self,
                         RdScanState  state)
{
  self->state = state;
  if (state != RD_SCAN_STATE_PARCEL)
    g_clear_pointer (&self->parcel, rd_intercept_free);
  if (state != RD_SCAN_STATE_UNKNOWN)
    g_clear_pointer (&self->unknown, g_free);
}

void
_rd_scan_mode_focus_entry (RdScanMode *self)
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

gboolean
_rd_scan_mode_is_waiting (RdScanMode *self)
{
  return self->state == RD_SCAN_STATE_PARCEL || self->state == RD_SCAN_STATE_UNKNOWN;
}

static const char *
get_shown_number (RdScanMode *self)
{
  if (self->state == RD_SCAN_STATE_PARCEL && self->parcel != NULL)
    return self->parcel->tracking_no;
  if (self->state == RD_SCAN_STATE_UNKNOWN)
    return self->unknown;
  return NULL;
}

/* Shows the parcel with this (normalized) number, waiting for its outcome.
 * before is the result of the previous parcel, kept above the new prompt
 * (NULL when there is none); its kind is the message's look. */
static void
show_number (RdScanMode  *self,
             const char  *tracking,
             MessageKind  before_kind,
             const char  *before)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdIntercept) parcel = NULL;
  g_autofree char *prompt = NULL;
  RdParcelCondition last = RD_PARCEL_CONDITION_NONE;
  MessageKind kind = MESSAGE_INFO;
  gint64 last_at = 0;

  parcel = rd_intercepts_find_by_tracking (self->store, tracking, &error);
  if (parcel == NULL && g_error_matches (error, RD_INTERCEPT_ERROR, RD_INTERCEPT_ERROR_NOT_FOUND))
    {
      _rd_scan_mode_set_state (self, RD_SCAN_STATE_UNKNOWN);
      self->unknown = g_strdup (tracking);
      _rd_scan_mode_clear_card (self);
      gtk_label_set_label (self->tracking_label, self->unknown);
      gtk_label_set_label (self->status_label, _("Not in the register"));
      prompt = g_strdup_printf (_("%s is not in the register. Press 1–4 to record it as returned, not matched, "
                                  "or Esc to skip it."), tracking);
      kind = MESSAGE_UNKNOWN;
    }
  else if (parcel == NULL)
    {
      _rd_scan_mode_set_state (self, RD_SCAN_STATE_READY);
      _rd_scan_mode_clear_card (self);
      prompt = g_strdup (error->message);
      kind = MESSAGE_ERROR;
    }
  else
    {
      _rd_scan_mode_set_state (self, RD_SCAN_STATE_PARCEL);
      show_parcel (self, parcel);

      if (rd_intercepts_get_last_scan (self->store, parcel->id, &last, &last_at, &error))
        {
          g_autofree char *clock = rd_time_format_local_clock (last_at);

          prompt = g_strdup_printf (_("Already recorded: %s at %s. Press 1–4 only to correct it."),
                                    rd_parcel_condition_get_name (last), clock);
          kind = MESSAGE_ALREADY;
        }
      else if (error != NULL)
        {
          prompt = g_strdup (error->message);
          kind = MESSAGE_ERROR;
        }
      else
        prompt = g_strdup (_("Press 1 intact, 2 damaged, 3 parts missing, 4 not ours."));
      self->parcel = g_steal_pointer (&parcel);
    }

  if (before != NULL)
    {
      g_autofree char *both = g_strdup_printf ("%s\n%s", before, prompt);

      _rd_scan_mode_show_message (self, before_kind, both);
    }
  else
    _rd_scan_mode_show_message (self, kind, prompt);
}

/* The parcel shown is done: the next one waiting comes up. */
void
_rd_scan_mode_take_next (RdScanMode  *self,
                         MessageKind  kind,
                         const char  *result)
{
  g_autofree char *next = g_queue_pop_head (&self->queue);

  update_next (self);
  if (next == NULL)
    {
      /* The card keeps showing the parcel just recorded. */
      _rd_scan_mode_set_state (self, RD_SCAN_STATE_READY);
      _rd_scan_mode_show_message (self, kind, result);
      return;
    }
  show_number (self, next, kind, result);
}

void
_rd_scan_mode_look_up (RdScanMode *self,
                       const char *text)
{
  g_autofree char *tracking = rd_tracking_number_normalize (text);
  g_autofree char *message = NULL;

  if (tracking == NULL)
    {
      _rd_scan_mode_show_message (self, MESSAGE_ERROR, _("That is not a tracking number. Scan again."));
      return;
    }

  if (!_rd_scan_mode_is_waiting (self))
    {
      show_number (self, tracking, MESSAGE_INFO, NULL);
      return;
    }

  /* A parcel waits for its outcome: the new one waits behind it, never
   * replaces it. */
  if (g_strcmp0 (tracking, get_shown_number (self)) == 0 ||
      g_queue_find_custom (&self->queue, tracking, (GCompareFunc) g_strcmp0) != NULL)
    {
      message = g_strdup_printf (_("%s is waiting already. First press 1–4 for %s."),
                                 tracking, get_shown_number (self));
      _rd_scan_mode_show_message (self, MESSAGE_INFO, message);
      return;
    }
  if (self->queue.length >= MAX_QUEUE)
    {
      message = g_strdup_printf (_("Not taken: %s. Press 1–4 for %s first, or Esc to skip it; then scan %s again."),
                                 tracking, get_shown_number (self), tracking);
      _rd_scan_mode_show_message (self, MESSAGE_ERROR, message);
      return;
    }

  message = g_strdup_printf (_("%s is next. First press 1–4 for %s."), tracking, get_shown_number (self));
  g_queue_push_tail (&self->queue, g_steal_pointer (&tracking));
  update_next (self);
  _rd_scan_mode_show_message (self, MESSAGE_QUEUED, message);
}

/* A number not in the register, now with its outcome: recorded as
 * "returned, not matched", with no countdown, for someone to match. */
static void
record_unmatched (RdScanMode        *self,
                  RdParcelCondition  outcome)
{
  g_auto(RdScanResult) result = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *operator = NULL;
  g_autofree char *message = NULL;

  operator = get_operator (self);
  if (operator == NULL)
    return;

  if (!rd_intercepts_record_unmatched_scan (self->store, self->unknown, guess_courier (self->unknown), outcome,
                                            operator, g_get_real_time () / G_USEC_PER_SEC, &result, &error))
    {
      g_autofree char *failed = g_strdup_printf (_("Not recorded: %s"), error->message);

      _rd_scan_mode_show_message (self, MESSAGE_ERROR, failed);
      return;
    }

  self->n_recorded++;
  _rd_scan_mode_update_count (self);
  show_parcel (self, result.intercept);
  message = g_strdup_printf (_("Saved %s as returned, not matched (%s): match it to an order in the register."),
                             result.intercept->tracking_no, rd_parcel_condition_get_name (outcome));
  _rd_scan_mode_take_next (self, MESSAGE_UNKNOWN, message);
  _rd_scan_mode_focus_entry (self);
}

void
_rd_scan_mode_record_outcome (RdScanMode        *self,
                              RdParcelCondition  outcome)
{
  g_auto(RdScanResult) result = { 0 };
  const RdPolicy *policy;
  g_autoptr(GError) error = NULL;
  g_autofree char *operator = NULL;
  g_autofree char *message = NULL;
  g_autofree char *clock = NULL;
  MessageKind kind;

  operator = get_operator (self);
  if (operator == NULL)
    return;

  if (self->state == RD_SCAN_STATE_UNKNOWN)
    {
      record_unmatched (self, outcome);
      return;
    }
  if (self->state != RD_SCAN_STATE_PARCEL || self->parcel == NULL)
    {
      _rd_scan_mode_show_message (self, MESSAGE_INFO, _("Scan a parcel first."));
      return;
    }

  policy = rd_context_get_policy (self->context);
  if (!rd_intercepts_record_scan (self->store, self->parcel->tracking_no, outcome, operator, policy,
                                  g_get_real_time () / G_USEC_PER_SEC, &result, &error))
    {
      g_autofree char *failed = g_strdup_printf (_("Not recorded: %s"), error->message);
      _rd_scan_mode_show_message (self, MESSAGE_ERROR, failed);
      return;
    }

  show_parcel (self, result.intercept);
  clock = rd_time_format_local_clock (result.at);
  if (result.already)
    {
      message = g_strdup_printf (_("Already recorded as %s at %s; not recorded again."),
                                 rd_parcel_condition_get_name (outcome), clock);
      kind = MESSAGE_ALREADY;
    }
  else
    {
      self->n_recorded++;
      _rd_scan_mode_update_count (self);
      if (result.outcome.case_to != result.outcome.case_from && result.intercept->case_no != NULL)
        message = g_strdup_printf (_("Saved: %s. Case %s is now “%s”."),
                                   rd_parcel_condition_get_name (outcome), result.intercept->case_no,
                                   rd_case_status_get_name (result.outcome.case_to));
      else
        message = g_strdup_printf (_("Saved: %s."), rd_parcel_condition_get_name (outcome));
      kind = outcome == RD_PARCEL_CONDITION_INTACT ? MESSAGE_RECORDED
             : outcome == RD_PARCEL_CONDITION_NOT_OURS ? MESSAGE_UNKNOWN
             : MESSAGE_DAMAGED;
    }

  _rd_scan_mode_take_next (self, kind, message);
  _rd_scan_mode_focus_entry (self);
}

