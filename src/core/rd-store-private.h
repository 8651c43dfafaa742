/* rd-store-private.h
 *
 * Between rd-store.c, rd-store-schema.c and the store's tests.
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "rd-store.h"

G_BEGIN_DECLS

/* The SQL of migration `version` (1 … rd_store_get_latest_version ()). */
const char *_rd_store_schema_get_migration        (int                 version);

/* Tests only: use `sqls` (n_sqls entries, version 1 first) instead of the
 * real migrations until called again with NULL. The strings must outlive
 * the override. */
void        _rd_store_schema_override_for_testing (const char * const *sqls,
                                                   int                 n_sqls);

/* rd-store-error.c: the one place the store's errors are worded. `detail`
 * (may be NULL) is the technical reason; `sqlite_rc` picks among the IO
 * messages (disk full, cannot open). */
RdStoreError _rd_store_error_code_from_sqlite (int                 rc);
void        _rd_store_set_error                   (GError            **error,
                                                   RdStoreError        code,
                                                   int                 sqlite_rc,
                                                   const char         *path,
                                                   const char         *detail);
/* Maps rc (or the connection's extended code for it) to a GError. */
void        _rd_store_set_error_from_sqlite       (GError            **error,
                                                   const char         *path,
                                                   sqlite3            *db,
                                                   int                 rc);

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
/* A read-only connection for another thread, with the read-only fallback
 * of rd_store_open (immutable); *db may be set on failure, for its message. */
int         _rd_store_open_reader                 (const char         *path,
                                                   sqlite3           **db);

G_END_DECLS
