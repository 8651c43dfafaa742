/* rd-store-private.h
 *
 * Between rd-store.c, rd-store-schema.c and the store's tests.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The SQL of migration `version` (1 … rd_store_get_latest_version ()). */
const char *_rd_store_schema_get_migration        (int                 version);

/* Tests only: use `sqls` (n_sqls entries, version 1 first) instead of the
 * real migrations until called again with NULL. The strings must outlive
 * the override. */
void        _rd_store_schema_override_for_testing (const char * const *sqls,
                                                   int                 n_sqls);

G_END_DECLS
