/* rd-store-private.h
 *
 * Between the files of src/core/store and the store's tests.
 */
#pragma once

#if !defined (RD_STORE_COMPILATION)
# error "rd-store-private.h is for src/core/store (and the store's tests) only."
#endif

#include <gio/gio.h>
#include <sqlite3.h>

#include "rd-store.h"

G_BEGIN_DECLS

/* rd-store-schema-workflow.c, rd-store-schema-intercepts.c,
 * rd-store-schema-ledger.c: the SQL of the migrations that create the
 * workflow's and the register's tables, and the ledger list's name grams
 * and running totals. */
extern const char rd_workflow_schema_sql[];
extern const char rd_intercepts_schema_sql[];
extern const char rd_ledger_schema_sql[];
extern const char rd_import_schema_sql[];
extern const char rd_report_schema_sql[];

/* The SQL of migration `version` (1 … rd_store_get_latest_version ()). */
const char *_rd_store_schema_get_migration        (int                 version);

/* Tests only: use `sqls` (n_sqls entries, version 1 first) instead of the
 * real migrations until called again with NULL. The strings must outlive
 * the override. */
void        _rd_store_schema_override_for_testing (const char * const *sqls,
                                                   int                 n_sqls);

/* rd-store-error.c; rd_store_set_error in rd-store.h. */
RdStoreError _rd_store_error_code_from_sqlite (int                 rc);

/* rd-store-check.c */
gboolean    _rd_store_check_pragma                (sqlite3            *db,
                                                   const char         *path,
                                                   const char         *sql,
                                                   GError            **error);
gboolean    _rd_store_check_foreign_keys          (sqlite3            *db,
                                                   const char         *path,
                                                   GError            **error);
gboolean    _rd_store_check_quick                 (sqlite3            *db,
                                                   const char         *path,
                                                   GError            **error);
gboolean    _rd_store_can_read_immutable          (const char         *path);

/* rd-store-files.c: before SQLite sees the path: is there a file, may we
 * read it, may we write it and its folder? Creates the folder of a new
 * ledger. */
gboolean    _rd_store_check_location              (const char         *path,
                                                   RdStoreOpenFlags    flags,
                                                   gboolean           *exists,
                                                   GError            **error);
gboolean    _rd_store_folder_is_writable          (const char         *folder);
/* A reader's error code saying a writer stopped mid-change (hot journal);
 * _rd_store_undo_hot_journal lets a writable connection roll it back, or
 * says why it cannot (the file or folder not writable), never "read-only". */
gboolean    _rd_store_is_hot_journal              (int                 extended_rc);
gboolean    _rd_store_undo_hot_journal            (const char         *path,
                                                   guint               busy_timeout_ms,
                                                   GError            **error);
/* A new ledger is built under another name in its
 * folder (_rd_store_create_partial makes that empty file), then takes the
 * ledger's name (_rd_store_place_partial: synced, never replacing a file;
 * TRUE also when another program created the ledger meanwhile, whose file
 * is then used). Each removes the partial file when it fails. */
char       *_rd_store_create_partial              (const char         *path,
                                                   GError            **error);
gboolean    _rd_store_place_partial               (const char         *partial,
                                                   const char         *path,
                                                   GError            **error);
void        _rd_store_remove_partial              (const char         *partial);

/* rd-store-backup.c: copies the database of `source` to a new file
 * `target` with the online backup API (`progress` and `cancellable` may be
 * NULL; SQLITE_INTERRUPT when cancelled), leaving it in rollback-journal
 * mode so that it stands alone. On failure the target is removed and
 * *reason says why. Returns an SQLite result code. */
int         _rd_store_copy_database               (sqlite3            *source,
                                                   const char         *target,
                                                   void              (*progress) (double   fraction,
                                                                                  gpointer user_data),
                                                   gpointer            user_data,
                                                   GCancellable       *cancellable,
                                                   char              **reason);

/* rd-store-log.c: with the store's debug messages shown, log each
 * statement of this connection that runs longer than 100 ms. */
void        _rd_store_watch_slow_statements       (sqlite3            *db);

G_END_DECLS
