/* rd-store.h
 *
 * The ledger file: one SQLite database, opened or created, checked and
 * migrated forward on open. A file this build cannot use safely (not a
 * database, damaged, locked, read-only, newer schema) is reported with a
 * GError and never modified.
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
  RD_STORE_OPEN_READ_ONLY = 1 << 1,  /* never write; fail if a migration is needed */
} RdStoreOpenFlags;

#define RD_TYPE_STORE (rd_store_get_type ())
G_DECLARE_FINAL_TYPE (RdStore, rd_store, RD, STORE, GObject)

GQuark      rd_store_error_quark          (void);

/* $XDG_DATA_HOME/refund-desk/ledger.db */
char       *rd_store_default_path         (void);

RdStore    *rd_store_open                 (const char        *path,
                                           RdStoreOpenFlags   flags,
                                           GError           **error);

const char *rd_store_get_path             (RdStore           *self);
sqlite3    *rd_store_get_db               (RdStore           *self);
int         rd_store_get_schema_version   (RdStore           *self);
/* The newest schema version this build knows. */
int         rd_store_get_latest_version   (void);

/* PRAGMA integrity_check and foreign_key_check; RD_STORE_ERROR_CORRUPT with
 * the first problem found. */
gboolean    rd_store_check_integrity      (RdStore           *self,
                                           GError           **error);
gint64      rd_store_count_cases          (RdStore           *self,
                                           GError           **error);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK with errors mapped to RD_STORE_ERROR. */
gboolean    rd_store_begin                (RdStore           *self,
                                           GError           **error);
gboolean    rd_store_commit               (RdStore           *self,
                                           GError           **error);
void        rd_store_rollback             (RdStore           *self);

/* Prepares SQL on the store's connection; a failure becomes a GError. */
sqlite3_stmt *rd_store_prepare            (RdStore           *self,
                                           const char        *sql,
                                           GError           **error);
/* Maps the connection's last SQLite error to a GError in the user's words. */
void        rd_store_set_error_from_db    (RdStore           *self,
                                           int                rc,
                                           GError           **error);

G_END_DECLS
