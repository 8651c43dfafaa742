/* rd-store-log.c
 *
 * What a maintainer sees of the ledger with G_MESSAGES_DEBUG=RefundDesk-store
 * (or =all): every statement that ran longer than 100 ms, with its time and
 * its SQL as written (the placeholders, never the values bound to them: the
 * log holds no buyer's data). The watch costs nothing unless debug messages
 * of the store are shown: SQLite then times each statement.
 */
#include "config.h"

#include "rd-store-private.h"

#define SLOW_STATEMENT_NS (G_GINT64_CONSTANT (100) * 1000 * 1000)

static gboolean
debug_shown (void)
{
  return !g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN);
}

static int
on_trace (unsigned  event,
          void     *data,
          void     *p,
          void     *x)
{
  sqlite3_stmt *stmt = p;
  sqlite3_int64 ns = *(sqlite3_int64 *) x;
  const char *sql;
  const char *file;

  if (event != SQLITE_TRACE_PROFILE || ns < SLOW_STATEMENT_NS)
    return 0;

  sql = sqlite3_sql (stmt);
  file = sqlite3_db_filename (sqlite3_db_handle (stmt), "main");
  g_debug ("Slow statement, %.1f ms on %s: %.300s",
           (double) ns / 1e6, file != NULL && *file != '\0' ? file : ":memory:",
           sql != NULL ? sql : "?");
  return 0;
}

void
_rd_store_watch_slow_statements (sqlite3 *db)
{
  if (db != NULL && debug_shown ())
    sqlite3_trace_v2 (db, SQLITE_TRACE_PROFILE, on_trace, NULL);
}
