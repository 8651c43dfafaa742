/* rd-scan-mode.h
 *
 * Warehouse scan mode: one large entry that a barcode scanner types into
 * (the tracking number, then Enter), the parcel shown large, and its outcome
 * recorded with one key: 1 back intact, 2 damaged, 3 parts missing, 4 not
 * ours. An unknown number offers to register it (Enter) or skip it (Esc);
 * Esc with nothing pending leaves scan mode ("leave" signal). Every scan is
 * committed to the ledger before the screen confirms it.
 */
#pragma once

#include <adwaita.h>

#include "rd-context.h"
#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_SCAN_MODE (rd_scan_mode_get_type ())
G_DECLARE_FINAL_TYPE (RdScanMode, rd_scan_mode, RD, SCAN_MODE, GtkBox)

typedef enum
{
  RD_SCAN_STATE_READY,     /* waiting for a scan */
  RD_SCAN_STATE_PARCEL,    /* a parcel is shown: 1–4 record its outcome */
  RD_SCAN_STATE_UNKNOWN,   /* a number not in the register: 1–4 record it as
                            * returned, not matched; Esc skips */
} RdScanState;

GtkWidget   *rd_scan_mode_new            (RdContext       *context);

/* The policy and the operator come from context; its store is set as
 * rd_scan_mode_set_store does. */
void         rd_scan_mode_set_context    (RdScanMode      *self,
                                          RdContext       *context);

void         rd_scan_mode_set_store      (RdScanMode      *self,
                                          RdStore         *store);
/* Clears the screen and puts the focus in the entry. */
void         rd_scan_mode_start          (RdScanMode      *self);

/* What the entry's key controller does with a key press (also what the
 * tests call): 1–4 and keypad 1–4 record an outcome while a parcel is shown
 * and the entry is empty — after the hold window, and only if no other key
 * arrives within it (then the digit goes into the entry, as the first
 * character of a new scan, and the other key is not used); Esc skips the
 * parcel shown (the next one waiting comes up) or leaves. TRUE when the key
 * was used (held counts as used). */
gboolean     rd_scan_mode_handle_key     (RdScanMode      *self,
                                          guint            keyval,
                                          GdkModifierType  state);

GtkEditable *rd_scan_mode_get_entry      (RdScanMode      *self);
RdScanState  rd_scan_mode_get_state      (RdScanMode      *self);
/* The message line under the parcel, as shown. */
const char  *rd_scan_mode_get_message    (RdScanMode      *self);
/* Numbers scanned while a parcel waited for its outcome, waiting behind it
 * (at most 5; a sixth is refused with a message and the error bell). */
guint        rd_scan_mode_get_n_queued   (RdScanMode      *self);
/* Scans recorded since scan mode was started. */
guint        rd_scan_mode_get_n_recorded (RdScanMode      *self);
/* How long (ms) a digit 1–4 is held before it records an outcome; 60 by
 * default, 0 records at once. */
void         rd_scan_mode_set_hold_window (RdScanMode     *self,
                                           guint           ms);
/* TRUE while a digit 1–4 is held. */
gboolean     rd_scan_mode_is_holding     (RdScanMode      *self);

G_END_DECLS
