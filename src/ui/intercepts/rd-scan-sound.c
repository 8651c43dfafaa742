/* rd-scan-sound.c
 *
 * Scan mode's sounds (see rd-scan-sound.h). One GSound context for the
 * process, made on the first sound; when it cannot be made (no sound
 * server, as on CI) no other attempt is made and the error bell stands in
 * for the failures. A build without GSound (-Dsound=disabled, the flatpak)
 * has only the bell.
 */
#include "config.h"

#include <glib/gi18n.h>
#if HAVE_GSOUND
# include <gsound.h>
#endif

#include "rd-scan-sound.h"

/* The one table of what each result sounds like: freedesktop sound-theme
 * names (sound-theme-freedesktop ships each of them), each different. */
static const struct
{
  const char *event_id;
  const char *description;   /* for the sound server's list of streams */
  gboolean    failure;
} sounds[RD_SCAN_N_SOUNDS] = {
  [RD_SCAN_SOUND_NONE]     = { NULL,                  NULL,                             FALSE },
  [RD_SCAN_SOUND_RECORDED] = { "complete",            N_("Scan recorded"),              FALSE },
  [RD_SCAN_SOUND_ALREADY]  = { "message",             N_("Scan recorded before"),       FALSE },
  [RD_SCAN_SOUND_UNKNOWN]  = { "window-attention",    N_("Number not in the register"), TRUE },
  [RD_SCAN_SOUND_DAMAGED]  = { "dialog-warning",      N_("Parcel damaged"),             TRUE },
  [RD_SCAN_SOUND_QUEUED]   = { "message-new-instant", N_("Scan queued"),                FALSE },
  [RD_SCAN_SOUND_REFUSED]  = { "dialog-error",        N_("Scan refused"),               TRUE },
};

#if HAVE_GSOUND
static GSoundContext *context;
static gboolean       context_failed;

static GSoundContext *
get_context (void)
{
  g_autoptr(GError) error = NULL;

  if (context != NULL || context_failed)
    return context;

  context = gsound_context_new (NULL, &error);
  if (context == NULL)
    {
      g_debug ("No sound for scan results, the error bell instead: %s", error->message);
      context_failed = TRUE;
    }
  return context;
}

/* FALSE with no sound server, theme or sound. */
static gboolean
play (RdScanSound sound)
{
  g_autoptr(GError) error = NULL;
  GSoundContext *sound_context = get_context ();

  if (sound_context == NULL)
    return FALSE;
  if (gsound_context_play_simple (sound_context, NULL, &error,
                                  GSOUND_ATTR_EVENT_ID, sounds[sound].event_id,
                                  GSOUND_ATTR_EVENT_DESCRIPTION, _(sounds[sound].description),
                                  NULL))
    return TRUE;
  g_debug ("Scan sound %s not played: %s", sounds[sound].event_id, error->message);
  return FALSE;
}
#else
static gboolean
play (RdScanSound sound)
{
  return FALSE;
}
#endif

const char *
rd_scan_sound_get_event_id (RdScanSound sound)
{
  g_return_val_if_fail ((guint) sound < RD_SCAN_N_SOUNDS, NULL);

  return sounds[sound].event_id;
}

gboolean
rd_scan_sound_is_failure (RdScanSound sound)
{
  g_return_val_if_fail ((guint) sound < RD_SCAN_N_SOUNDS, FALSE);

  return sounds[sound].failure;
}

void
rd_scan_sound_play (GtkWidget   *widget,
                    RdScanSound  sound)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail ((guint) sound < RD_SCAN_N_SOUNDS);

  if (sounds[sound].event_id == NULL || play (sound))
    return;
  if (sounds[sound].failure)
    gtk_widget_error_bell (widget);
}
