/* rd-application-private.h
 *
 * The application's state, shared by rd-application.c (the command line,
 * the actions, the windows) and rd-application-open.c (opening a ledger).
 */
#pragma once

#include "rd-application.h"
#include "rd-backup-monitor.h"
#include "rd-deadline-monitor.h"
#include "rd-migrate-window.h"

G_BEGIN_DECLS

struct _RdApplication
{
  AdwApplication  parent_instance;

  /* The ledger last asked for, and the store last opened. */
  char           *db_path;
  RdStore        *store;
  GSettings      *settings;
  /* One per ledger window (its context's); input in any window counts. */
  GPtrArray      *idle_locks;
  /* For the first ledger opened. */
  RdDeadlineMonitor *deadline_monitor;
  /* The day's backup of each ledger opened and found whole; keyed by path. */
  GHashTable     *backup_monitors;
  /* The checks of every ledger opened; cancelled at shutdown. */
  GCancellable   *integrity_cancellable;
  /* The ledger the command line being handled asks for. */
  char           *requested_path;
  /* Shown while an older ledger is updated; a weak pointer. */
  RdMigrateWindow *migrate_window;

  /* The message of the last failed open, shown again when the file chooser
   * is cancelled. */
  char           *open_error_path;
  char           *open_error_message;
  RdStoreOpenFlags open_error_flags;
  gboolean        open_error_locked;
};

/* The first ledger window, or NULL. */
GtkWindow *_rd_application_get_main_window (RdApplication *self);

/* A ledger to open in a window of its own; after_error: instead of one that
 * could not be opened (cancelling shows that error again). */
void       _rd_application_choose_ledger   (RdApplication *self,
                                            gboolean       after_error);

G_END_DECLS
