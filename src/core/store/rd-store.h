/* rd-store.h
 *
 * The ledger file: one SQLite database, opened or created, checked and
 * migrated forward on open. A file this build cannot use safely (not a
 * database, damaged, locked, read-only, newer schema) is reported with a
 * GError and never modified.
 *
 * On open: WAL journal, foreign_keys=ON, synchronous=FULL, a busy timeout
 * (5 s, or $REFUND_DESK_BUSY_TIMEOUT_MS), extended result codes, and
 * PRAGMA quick_check on every existing file. The schema version is
 * PRAGMA user_version; rd-store-schema.c lists the migrations.
 *
 * A new ledger is built under another name in its folder and takes its name
 * only when whole (rd-store-files.c): a process killed meanwhile leaves
 * nothing at the path. A writable open fails with RD_STORE_ERROR_LOCKED
 * when another program holds the write lock; a read-only open of a file a
 * killed writer left with a hot journal lets SQLite undo that change first.
 *
 * Backups: before migrating a file that already holds a ledger with data
 * (a case or an audit entry), the store copies it with SQLite's online
 * backup API to "<ledger>.backup-v<old version>-<YYYYMMDDHHMMSS>" (local
 * time) in the same
 * folder; rd_store_get_backup_path() names the copy. Each migration then runs
 * in one BEGIN IMMEDIATE … COMMIT transaction, so a failure leaves the file
 * at the version before it.
 *
 * Threads: an RdStore (its sqlite3 connection and statements) is used by one
 * thread at a time; it may be handed on once the thread that used it is done
 * with it (the app opens, and migrates, a ledger of an older version on a
 * worker, then uses the store on the main thread). Work running alongside
 * (export, import) opens its own RdStore on the same path; WAL lets it read
 * while the window writes.
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

#define RD_STORE_ERROR (rd_store_error_quark ())

typedef enum
{
  RD_STORE_ERROR_FAILED,
  RD_STORE_ERROR_NOT_A_DATABASE,   /* a text file renamed .db, … */
  RD_STORE_ERROR_CORRUPT,          /* damaged file, failed integrity check */
  RD_STORE_ERROR_LOCKED,           /* another program holds a lock */
  RD_STORE_ERROR_READ_ONLY,        /* file or folder not writable */
  RD_STORE_ERROR_TOO_NEW,          /* schema newer than this build */
  RD_STORE_ERROR_NOT_FOUND,        /* RD_STORE_OPEN_EXISTING and no file */
  RD_STORE_ERROR_IO,
} RdStoreError;

typedef enum
{
  RD_STORE_OPEN_DEFAULT   = 0,       /* create if missing, migrate forward */
  RD_STORE_OPEN_EXISTING  = 1 << 0,  /* fail with NOT_FOUND if missing */
  RD_STORE_OPEN_READ_ONLY = 1 << 1,  /* never write; an older schema is opened as it is,
                                      * without migrating (get_schema_version tells) */
} RdStoreOpenFlags;

#define RD_TYPE_STORE (rd_store_get_type ())
G_DECLARE_FINAL_TYPE (RdStore, rd_store, RD, STORE, GObject)

GQuark      rd_store_error_quark          (void);

/* $XDG_DATA_HOME/refund-desk/ledger.db; the folder is created (0700) when
 * the ledger is opened for writing. */
char       *rd_store_default_path         (void);

/* Opens (or, without RD_STORE_OPEN_EXISTING, creates) the ledger at `path`.
 * Refuses with RD_STORE_ERROR_NOT_FOUND, NOT_A_DATABASE (also an SQLite file
 * of another program), CORRUPT, LOCKED (after the busy timeout), READ_ONLY
 * (a writable open of a file without write permission or in a folder that is
 * not writable), TOO_NEW, IO; error->message names the file and says what to
 * do. A refused file is left byte-identical. */
RdStore    *rd_store_open                 (const char        *path,
                                           RdStoreOpenFlags   flags,
                                           GError           **error);

/* The absolute path of the ledger file. */
const char *rd_store_get_path             (RdStore           *self);
sqlite3    *rd_store_get_db               (RdStore           *self);
int         rd_store_get_schema_version   (RdStore           *self);
/* The newest schema version this build knows. */
int         rd_store_get_latest_version   (void);
/* For a writer that sets the insert trigger cases_name_grams_ai aside
 * (bulk writing): one statement that writes what it would have written for
 * the cases whose id is ?1 or more (rd-store-schema-ledger.c). */
extern const char rd_store_name_grams_fill_sql[];
/* For a writer that sets the insert triggers of cases report_totals_ai and
 * report_lost_ai and the triggers of audit_log aside (bulk writing): the
 * statements, in order, NULL-terminated, that write the report's derived
 * tables for the cases whose id is ?1 or more and their audit entries
 * (rd-store-schema-report.c). */
extern const char * const rd_store_report_fill_sqls[];
/* Recomputes the report's derived tables (schema version 15) from the
 * cases, the audit log and the intercepts, and compares them with the
 * stored ones: TRUE with *difference NULL when they are equal, else a
 * description of what differs (for tests and checks; writes nothing). */
gboolean    rd_store_report_tables_check  (RdStore           *self,
                                           char             **difference,
                                           GError           **error);
/* The copy made before this open migrated the file, or NULL. */
const char *rd_store_get_backup_path      (RdStore           *self);
gboolean    rd_store_is_read_only         (RdStore           *self);

/* How long a statement waits for another program's lock before failing with
 * RD_STORE_ERROR_LOCKED. Opens use 5000 ms, or the milliseconds in the
 * environment variable REFUND_DESK_BUSY_TIMEOUT_MS (for tests). */
void        rd_store_set_busy_timeout     (RdStore           *self,
                                           guint              timeout_ms);

/* PRAGMA integrity_check and foreign_key_check; RD_STORE_ERROR_CORRUPT with
 * the first problem found. Opening checks only the header, the schema and
 * the small tables read at open: run the full check after opening, on a
 * worker — rd_store_check_integrity_async — or here (seconds for a large
 * ledger; `refund-desk check`). */
gboolean    rd_store_check_integrity      (RdStore           *self,
                                           GError           **error);
/* The same check on a worker thread with its own read-only connection to
 * the store's file (never to an in-memory ledger): the store stays usable
 * meanwhile. Cancellable (G_IO_ERROR_CANCELLED). */
void        rd_store_check_integrity_async  (RdStore             *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean    rd_store_check_integrity_finish (RdStore             *self,
                                             GAsyncResult        *result,
                                             GError             **error);
gint64      rd_store_count_cases          (RdStore           *self,
                                           GError           **error);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK with errors mapped to RD_STORE_ERROR;
 * rd_store_begin fails with READ_ONLY on a store opened read-only. */
gboolean    rd_store_begin                (RdStore           *self,
                                           GError           **error);
gboolean    rd_store_commit               (RdStore           *self,
                                           GError           **error);
void        rd_store_rollback             (RdStore           *self);

/* Runs SQL without parameters (several statements allowed). */
gboolean    rd_store_exec                 (RdStore           *self,
                                           const char        *sql,
                                           GError           **error);

/* Prepares SQL on the store's connection; a failure becomes a GError. */
sqlite3_stmt *rd_store_prepare            (RdStore           *self,
                                           const char        *sql,
                                           GError           **error);
/* Maps the connection's last SQLite error to a GError in the user's words. */
void        rd_store_set_error_from_db    (RdStore           *self,
                                           int                rc,
                                           GError           **error);

/* The one place the store's errors are worded (rd-store-error.c): `detail`
 * (may be NULL) is the technical reason; `sqlite_rc` picks among the IO
 * messages (disk full, cannot open). For the domains' own connections
 * (bulk writing's scratch files, a worker's reader). */
void        rd_store_set_error            (GError           **error,
                                           RdStoreError       code,
                                           int                sqlite_rc,
                                           const char        *path,
                                           const char        *detail);
/* Maps rc (or the connection's extended code for it) to a GError. */
void        rd_store_set_error_from_sqlite (GError          **error,
                                            const char       *path,
                                            sqlite3          *db,
                                            int               rc);

/* A read-only connection for another thread (a worker's filter), with the
 * read-only fallback of rd_store_open (immutable); *db may be set on
 * failure, for its message. */
int         rd_store_open_reader          (const char        *path,
                                           sqlite3          **db);

G_END_DECLS
