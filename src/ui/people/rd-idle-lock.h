/* rd-idle-lock.h
 *
 * Locks the desk when no one uses it: after a while without a key press,
 * a click or a pointer move in any window it watches, the context's
 * operator goes back to "no operator", and whoever comes next proves who
 * they are again. The application watches each of its windows and sets the
 * time from the `lock-after-minutes` setting.
 */
#pragma once

#include <gtk/gtk.h>

#include "rd-context.h"

G_BEGIN_DECLS

#define RD_TYPE_IDLE_LOCK (rd_idle_lock_get_type ())
G_DECLARE_FINAL_TYPE (RdIdleLock, rd_idle_lock, RD, IDLE_LOCK, GObject)

RdIdleLock *rd_idle_lock_new          (RdContext  *context);

/* Input in window (and its dialogs' own windows, when watched too) counts
 * as use. The lock does not keep the window alive. */
void        rd_idle_lock_watch        (RdIdleLock *self,
                                       GtkWindow  *window);

/* How long without input before locking, in milliseconds; 0: never. */
void        rd_idle_lock_set_timeout  (RdIdleLock *self,
                                       guint       milliseconds);
guint       rd_idle_lock_get_timeout  (RdIdleLock *self);

G_END_DECLS
