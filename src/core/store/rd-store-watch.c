/* rd-store-watch.c
 *
 * Polls PRAGMA data_version on the store's connection (see the header for
 * why that pragma and not a file monitor: it needs no I/O beyond the -shm
 * index, works the same for every journal mode and ignores the
 * connection's own writes).
 */
#include "config.h"

#include "rd-store-watch.h"

struct _RdStoreWatch
{
  GObject   parent_instance;

  RdStore  *store;
  gint64    data_version;
  GSource  *source;
};

G_DEFINE_FINAL_TYPE (RdStoreWatch, rd_store_watch, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Callbacks */

static gboolean
on_timeout (gpointer user_data)
{
  rd_store_watch_check (RD_STORE_WATCH (user_data));

  return G_SOURCE_CONTINUE;
}

/* Overrides */

static void
rd_store_watch_dispose (GObject *object)
{
  RdStoreWatch *self = RD_STORE_WATCH (object);

  if (self->source != NULL)
    {
      g_source_destroy (self->source);
      g_clear_pointer (&self->source, g_source_unref);
    }
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rd_store_watch_parent_class)->dispose (object);
}

static void
rd_store_watch_class_init (RdStoreWatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rd_store_watch_dispose;

  /**
   * RdStoreWatch::changed:
   *
   * Another connection committed a change to the ledger file.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
rd_store_watch_init (RdStoreWatch *self)
{
  self->data_version = -1;
}

/* Public API */

gint64
rd_store_get_data_version (RdStore  *store,
                           GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (store), -1);

  stmt = rd_store_prepare (store, "PRAGMA data_version", error);
  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      rd_store_set_error_from_db (store, rc, error);
      return -1;
    }

  return sqlite3_column_int64 (stmt, 0);
}

RdStoreWatch *
rd_store_watch_new (RdStore *store,
                    guint    interval_ms)
{
  RdStoreWatch *self;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  self = g_object_new (RD_TYPE_STORE_WATCH, NULL);
  self->store = g_object_ref (store);
  self->data_version = rd_store_get_data_version (store, NULL);

  self->source = g_timeout_source_new (interval_ms > 0 ? interval_ms
                                                       : RD_STORE_WATCH_DEFAULT_INTERVAL_MS);
  g_source_set_static_name (self->source, "[refund-desk] store watch");
  /* The source does not keep the watch alive: dispose destroys it. */
  g_source_set_callback (self->source, on_timeout, self, NULL);
  g_source_attach (self->source, g_main_context_get_thread_default ());

  return self;
}

RdStore *
rd_store_watch_get_store (RdStoreWatch *self)
{
  g_return_val_if_fail (RD_IS_STORE_WATCH (self), NULL);

  return self->store;
}

gboolean
rd_store_watch_check (RdStoreWatch *self)
{
  g_autoptr(GError) error = NULL;
  gint64 version;

  g_return_val_if_fail (RD_IS_STORE_WATCH (self), FALSE);

  version = rd_store_get_data_version (self->store, &error);
  if (version < 0)
    {
      /* Busy or gone for a moment: the next tick tries again. */
      g_debug ("Could not read the ledger's data version: %s", error->message);
      return FALSE;
    }
  if (version == self->data_version)
    return FALSE;

  self->data_version = version;
  g_signal_emit (self, signals[CHANGED], 0);

  return TRUE;
}
