/* rd-backup-monitor.h
 *
 * The daily backup while the app runs: at start-up, then once an hour, the
 * core's rd_store_backup_async (RD_BACKUP_REASON_DAILY) on a worker thread
 * with its own connection, so that the window never waits for it. The
 * first check of a day makes the day's backup; the others find it and do
 * nothing. A backup that fails (its check, the disk) is reported with a
 * desktop notification.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define RD_TYPE_BACKUP_MONITOR (rd_backup_monitor_get_type ())
G_DECLARE_FINAL_TYPE (RdBackupMonitor, rd_backup_monitor, RD, BACKUP_MONITOR, GObject)

/* Starts the first check at once. keep-days is read from settings at each
 * check. A ledger without a file (":memory:") is never backed up. */
RdBackupMonitor *rd_backup_monitor_new (GApplication *application,
                                        GSettings    *settings,
                                        const char   *ledger_path);

G_END_DECLS
