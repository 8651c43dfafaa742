/* rd-migrate-window.h
 *
 * The small window shown while a ledger written by an older version is
 * updated on a worker thread (see open_ledger () in rd-application.c): what
 * is happening, a pulsing progress bar, and Quit. Quit, or closing the
 * window, quits the application; the update of the file is then rolled back
 * by SQLite and the ledger stays at its old version.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RD_TYPE_MIGRATE_WINDOW (rd_migrate_window_get_type ())
G_DECLARE_FINAL_TYPE (RdMigrateWindow, rd_migrate_window, RD, MIGRATE_WINDOW, AdwWindow)

/* path: the ledger being updated, named in the window. */
RdMigrateWindow *rd_migrate_window_new (GtkApplication *application,
                                        const char     *path);

G_END_DECLS
