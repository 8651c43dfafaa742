/* rd-scan-mode-private.h
 *
 * What rd-scan-mode.c (the widget, its keys and focus) and
 * rd-scan-mode-results.c (looking numbers up, the queue, recording and
 * showing each result) share.
 */
#pragma once

#include "rd-intercepts.h"
#include "rd-scan-mode.h"

G_BEGIN_DECLS

struct _RdScanMode
{
  GtkBox        parent_instance;

  RdStore      *store;
  RdContext    *context;
  RdScanState   state;
  RdIntercept  *parcel;          /* shown, in state PARCEL */
  char         *unknown;         /* the number not in the register, in state UNKNOWN */
  GQueue        queue;           /* numbers scanned while one waited (char *) */
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
  GtkLabel     *next_label;
};

typedef enum
{
  MESSAGE_INFO,       /* what to do next */
  MESSAGE_RECORDED,   /* recorded, the parcel is fine */
  MESSAGE_ALREADY,    /* recorded before: nothing new */
  MESSAGE_UNKNOWN,    /* a number not in the register, or not ours */
  MESSAGE_DAMAGED,    /* damaged or parts missing */
  MESSAGE_QUEUED,     /* scanned while another waits: it is next */
  MESSAGE_ERROR,      /* refused or not recorded */
} MessageKind;

void      _rd_scan_mode_show_message   (RdScanMode         *self,
                                        MessageKind         kind,
                                        const char         *text);
void      _rd_scan_mode_update_count   (RdScanMode         *self);
void      _rd_scan_mode_clear_card     (RdScanMode         *self);
void      _rd_scan_mode_set_state      (RdScanMode         *self,
                                        RdScanState         state);
void      _rd_scan_mode_focus_entry    (RdScanMode         *self);
void      _rd_scan_mode_clear_queue    (RdScanMode         *self);
/* A parcel is shown, waiting for its outcome (known or not). */
gboolean  _rd_scan_mode_is_waiting     (RdScanMode         *self);
/* A scanned number: shown, or queued behind the parcel shown, or refused. */
void      _rd_scan_mode_look_up        (RdScanMode         *self,
                                        const char         *text);
/* 1–4 for the parcel shown, known or not. */
void      _rd_scan_mode_record_outcome (RdScanMode         *self,
                                        RdParcelCondition   outcome);
/* The parcel shown is done: result shown with its look, the next one up. */
void      _rd_scan_mode_take_next      (RdScanMode         *self,
                                        MessageKind         kind,
                                        const char         *result);

G_END_DECLS
