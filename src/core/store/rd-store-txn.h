/* rd-store-txn.h
 *
 * A write that may run alone or inside a caller's transaction: it begins one
 * only when none is open, and commits only what it began. On failure inside
 * a caller's transaction the caller rolls back.
 */
#pragma once

#include "rd-store.h"

G_BEGIN_DECLS

static inline gboolean
rd_store_txn_begin (RdStore   *store,
               gboolean  *owned,
               GError   **error)
{
  *owned = sqlite3_get_autocommit (rd_store_get_db (store)) != 0;
  return !*owned || rd_store_begin (store, error);
}

static inline gboolean
rd_store_txn_commit (RdStore   *store,
                gboolean   owned,
                GError   **error)
{
  if (!owned)
    return TRUE;
  if (rd_store_commit (store, error))
    return TRUE;
  rd_store_rollback (store);
  return FALSE;
}

static inline void
rd_store_txn_rollback (RdStore  *store,
                  gboolean  owned)
{
  if (owned)
    rd_store_rollback (store);
}

G_END_DECLS
