/* rd-deadline-monitor.h
 *
 * While the app runs, checks every minute for open cases whose platform
 * deadline is within two hours (or passed in the last day) and sends one
 * desktop notification per case, or one for all when more than three are
 * new. Clicking a case's notification opens the case (app.show-case), the
 * other one the ledger's Due Soon list (app.show-due-soon, which activates
 * win.show-due-soon); the monitor adds both actions to the application.
 */
#pragma once

#include <gio/gio.h>

#include "rd-store.h"

G_BEGIN_DECLS

/* How far ahead a deadline is announced. */
#define RD_DEADLINE_MONITOR_WITHIN_SECONDS (2 * 60 * 60)

#define RD_TYPE_DEADLINE_MONITOR (rd_deadline_monitor_get_type ())
G_DECLARE_FINAL_TYPE (RdDeadlineMonitor, rd_deadline_monitor, RD, DEADLINE_MONITOR, GObject)

/* Checks a few seconds later, then every minute, until the monitor is
 * finalized. The
 * monitor keeps the store alive; the application should own the monitor. */
RdDeadlineMonitor *rd_deadline_monitor_new   (GApplication      *application,
                                              RdStore           *store);

/* One check at now (Unix seconds): announces the due cases not announced
 * before (one notification each, or one for all of them when they are more
 * than three) and returns how many notifications were sent; -1 when the
 * ledger could not be read (error set). */
int                rd_deadline_monitor_check (RdDeadlineMonitor *self,
                                              gint64             now,
                                              GError           **error);

G_END_DECLS
