/* rd-deadline-monitor.h
 *
 * While the app runs, checks every minute for open cases whose platform
 * deadline is within two hours (or past) and sends one desktop notification
 * per case. Clicking the notification opens the case (app.show-case, which
 * the monitor adds to the application).
 */
#pragma once

#include <gio/gio.h>

#include "rd-store.h"

G_BEGIN_DECLS

/* How far ahead a deadline is announced. */
#define RD_DEADLINE_MONITOR_WITHIN_SECONDS (2 * 60 * 60)

#define RD_TYPE_DEADLINE_MONITOR (rd_deadline_monitor_get_type ())
G_DECLARE_FINAL_TYPE (RdDeadlineMonitor, rd_deadline_monitor, RD, DEADLINE_MONITOR, GObject)

/* Checks at once, then every minute, until the monitor is finalized. The
 * monitor keeps the store alive; the application should own the monitor. */
RdDeadlineMonitor *rd_deadline_monitor_new   (GApplication      *application,
                                              RdStore           *store);

/* One check at now (Unix seconds): sends a notification for each due case
 * not announced before and returns how many were sent; -1 when the ledger
 * could not be read (error set). */
int                rd_deadline_monitor_check (RdDeadlineMonitor *self,
                                              gint64             now,
                                              GError           **error);

G_END_DECLS
