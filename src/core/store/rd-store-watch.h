/* rd-store-watch.h
 *
 * Notices that another connection (another process, or a worker of this
 * one with its own connection) committed a change to the ledger file:
 * every interval it reads PRAGMA data_version on the store's own
 * connection, a single pragma that reads only the shared-memory index of
 * the WAL, and emits "changed" when the number moved. Commits made on the
 * store's own connection do not move it (SQLite's rule), so a window is not
 * told about its own writes.
 *
 * The watch polls on the thread-default main context of the thread that
 * created it, which must be the thread that uses the store.
 */
#pragma once

#include "rd-store.h"

G_BEGIN_DECLS

/* Once a second: what another process saved shows within two. */
#define RD_STORE_WATCH_DEFAULT_INTERVAL_MS 1000

#define RD_TYPE_STORE_WATCH (rd_store_watch_get_type ())
G_DECLARE_FINAL_TYPE (RdStoreWatch, rd_store_watch, RD, STORE_WATCH, GObject)

/* PRAGMA data_version of the store's connection: it changes when another
 * connection commits to the file, never for the connection's own commits;
 * -1 with error set when it cannot be read. */
gint64        rd_store_get_data_version (RdStore       *store,
                                         GError       **error);

/* Watches store every interval_ms (0: RD_STORE_WATCH_DEFAULT_INTERVAL_MS).
 * "changed" (no arguments) is emitted on the creating thread's main context. */
RdStoreWatch *rd_store_watch_new        (RdStore       *store,
                                         guint          interval_ms);
RdStore      *rd_store_watch_get_store  (RdStoreWatch  *self);

/* Reads the data version now and emits "changed" if it moved since the last
 * reading; returns whether it did. The timer does the same. */
gboolean      rd_store_watch_check      (RdStoreWatch  *self);

G_END_DECLS
