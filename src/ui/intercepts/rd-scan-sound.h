/* rd-scan-sound.h
 *
 * What warehouse scan mode sounds like: each result has a sound of its own
 * (freedesktop sound-theme event ids, played through GSound), so that a
 * packer hears across the room whether the parcel went in, was seen before,
 * is unknown, is damaged, waits in the queue or was refused. With no sound
 * server (or no sound theme) the failures ring the error bell instead and
 * the rest stay silent.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  RD_SCAN_SOUND_NONE,       /* a prompt: no sound */
  RD_SCAN_SOUND_RECORDED,   /* recorded, the parcel is fine */
  RD_SCAN_SOUND_ALREADY,    /* recorded before: nothing new */
  RD_SCAN_SOUND_UNKNOWN,    /* a number not in the register, or not ours */
  RD_SCAN_SOUND_DAMAGED,    /* damaged or parts missing */
  RD_SCAN_SOUND_QUEUED,     /* scanned while another waits: it is next */
  RD_SCAN_SOUND_REFUSED,    /* refused or not recorded */
  RD_SCAN_N_SOUNDS
} RdScanSound;

/* The sound theme's event id of sound ("complete", …); NULL for NONE. */
const char *rd_scan_sound_get_event_id (RdScanSound  sound);
/* Whether sound tells of something that needs a second look (the error
 * bell stands in for it without a sound server). */
gboolean    rd_scan_sound_is_failure   (RdScanSound  sound);
/* Plays sound for widget's result. Never fails: without a sound server a
 * failure rings gtk_widget_error_bell, anything else is silent. */
void        rd_scan_sound_play         (GtkWidget   *widget,
                                        RdScanSound  sound);

G_END_DECLS
