/* rd-store-backup.h
 *
 * Backups of the ledger: a copy made with SQLite's online backup API while
 * the window may keep writing, checked once written (PRAGMA integrity_check
 * and the audit chain's verification on the copy; a copy that fails is
 * deleted and the failure reported), with a small record beside it.
 *
 * The backup before an import (RD_BACKUP_REASON_IMPORT) is the same copy,
 * checked lightly, since the full check reads every page and every row
 * (a minute for a million cases, before each import): the copy opens as a
 * ledger of the same schema, holds as many pages as the snapshot it was
 * copied from, and ends with that snapshot's audit chain head (the head's
 * entry is there, with the head's hash) and case count. That proves the
 * copy is the ledger as it was, not that the ledger was sound: a damage
 * the ledger already had is copied as it is (rd_store_backup_check on
 * the copy, or a restore, which checks in full, finds it).
 *
 * Where: a folder (by default "backups" next to the ledger) holding
 * "<ledger>-YYYYMMDD-HHMMSS.db" (local time; "<ledger>" is the ledger's file
 * name without ".db") and its record "<ledger>-YYYYMMDD-HHMMSS.ini", a key
 * file with the time, the reason, the number of cases and the audit chain's
 * head (entry number and hash) at the moment of the copy.
 *
 * When: once a day (rd_store_backup_daily: the first call of a day makes
 * one, later calls that day do nothing), before an import
 * (RD_BACKUP_REASON_IMPORT), on request, and before a restore replaces the
 * ledger. Backups of that ledger older than the days to keep are removed
 * after a new one is written. The copy made before a migration is older and
 * keeps its own name ("<ledger>.backup-v<N>-<stamp>", rd-store.h), but is
 * made by the same code (_rd_store_copy_database).
 *
 * A restore checks the backup the same way, keeps the current ledger as a
 * backup first, then puts the backup in place in one transaction (into the
 * open ledger with the backup API, so that another connection never sees a
 * half-written file), or, when there is no ledger or it cannot be opened,
 * by writing a temporary file and renaming it.
 */
#pragma once

#include <gio/gio.h>

#include "rd-store.h"

G_BEGIN_DECLS

typedef enum
{
  RD_BACKUP_REASON_MANUAL,          /* "Back Up Now", `refund-desk backup` */
  RD_BACKUP_REASON_DAILY,
  RD_BACKUP_REASON_IMPORT,
  RD_BACKUP_REASON_BEFORE_RESTORE,  /* the ledger a restore replaces */
} RdBackupReason;

typedef struct
{
  char    *path;             /* the copy */
  char    *record_path;      /* its key file */
  gint64   at;               /* Unix seconds, UTC */
  RdBackupReason reason;
  int      schema_version;
  gint64   n_cases;
  gint64   audit_entries;
  gint64   audit_last_id;    /* the chain's head: 0 and "" when empty */
  char    *audit_last_hash;
} RdBackupInfo;

void            rd_backup_info_free              (RdBackupInfo     *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdBackupInfo, rd_backup_info_free)

/* The default days to keep (the GSettings key backup-keep-days). */
#define RD_BACKUP_DEFAULT_KEEP_DAYS 30

/* "<folder of the ledger>/backups". */
char           *rd_store_backup_default_folder   (const char       *ledger_path);

/* Copies the store's ledger into `folder` (NULL: the default; created),
 * checks the copy and writes its record. Returns the record, or NULL with
 * RD_STORE_ERROR (a copy that fails its check is removed first; the error
 * says so, RD_STORE_ERROR_CORRUPT). `progress` (may be NULL) is called on
 * this thread with the fraction copied. Cancellable. Works on a read-only
 * store: a worker opens its own (rd_store_open, RD_STORE_OPEN_READ_ONLY). */
RdBackupInfo   *rd_store_backup_now              (RdStore          *store,
                                                  const char       *folder,
                                                  RdBackupReason    reason,
                                                  void            (*progress) (double   fraction,
                                                                               gpointer user_data),
                                                  gpointer          user_data,
                                                  GCancellable     *cancellable,
                                                  GError          **error);

/* Checks a copy without changing it: it opens as a ledger of a version this
 * build knows, passes PRAGMA integrity_check and foreign_key_check, and its
 * audit chain verifies. Fills *info's schema, case and chain fields when
 * info is not NULL. RD_STORE_ERROR or RD_AUDIT_ERROR naming the problem. */
gboolean        rd_store_backup_check            (const char       *backup_path,
                                                  RdBackupInfo    **info,
                                                  GError          **error);

/* The ledger's backups in `folder` (NULL: the default), newest first; an
 * array of RdBackupInfo*, empty when there are none. A backup whose record
 * is missing or unreadable is listed with what its name tells (the time). */
GPtrArray      *rd_store_backup_list             (const char       *ledger_path,
                                                  const char       *folder,
                                                  GError          **error);

/* Removes the ledger's backups (and their records) made more than
 * keep_days days before `now` (Unix seconds); keep_days 0 keeps all.
 * Returns how many were removed. */
guint           rd_store_backup_prune            (const char       *ledger_path,
                                                  const char       *folder,
                                                  guint             keep_days,
                                                  gint64            now);

/* Once a day: when `folder` holds no backup of this ledger made today
 * (local time of `now`), makes one (RD_BACKUP_REASON_DAILY), then prunes.
 * TRUE with *made NULL when there was one already. A ledger without a case
 * or an audit entry is not copied. */
gboolean        rd_store_backup_daily            (RdStore          *store,
                                                  const char       *folder,
                                                  guint             keep_days,
                                                  gint64            now,
                                                  RdBackupInfo    **made,
                                                  GCancellable     *cancellable,
                                                  GError          **error);

/* rd_store_backup_now or (daily) rd_store_backup_daily on a worker thread,
 * with its own read-only connection to `ledger_path`; progress is called on
 * the caller's main context. _finish returns the record, or NULL without an
 * error when the daily backup had been made already. Prunes after. */
void            rd_store_backup_async            (const char       *ledger_path,
                                                  const char       *folder,
                                                  RdBackupReason    reason,
                                                  guint             keep_days,
                                                  void            (*progress) (double   fraction,
                                                                               gpointer user_data),
                                                  gpointer          progress_data,
                                                  GCancellable     *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer          user_data);
RdBackupInfo   *rd_store_backup_finish           (GAsyncResult     *result,
                                                  GError          **error);

/* Puts the backup in place of the ledger at `ledger_path` after checking
 * it; the current ledger (when there is one) is kept first: *kept (may be
 * NULL) names that copy. Never leaves a half-written ledger. */
gboolean        rd_store_backup_restore          (const char       *backup_path,
                                                  const char       *ledger_path,
                                                  char            **kept,
                                                  GError          **error);

G_END_DECLS
