/* rd-store-private.h
 *
 * Between the files of src/core/store and the store's tests.
 */
#pragma once

#if !defined (RD_STORE_COMPILATION)
# error "rd-store-private.h is for src/core/store (and the store's tests) only."
#endif

#include <glib.h>
#include <sqlite3.h>

#include "rd-store.h"

G_BEGIN_DECLS

/* rd-store-schema-workflow.c, rd-store-schema-intercepts.c: the SQL of
 * the migrations that create the workflow's and the register's tables. */
extern const char rd_workflow_schema_sql[];
extern const char rd_intercepts_schema_sql[];

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

/* rd-store-log.c: with the store's debug messages shown, log each
 * statement of this connection that runs longer than 100 ms. */
void        _rd_store_watch_slow_statements       (sqlite3            *db);

G_END_DECLS
