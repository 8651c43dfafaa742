/* rd-ledger-model.h
 *
 * The ledger as a GListModel of RdLedgerRow. It holds only the ordered case
 * ids of the current filter and a few pages of rows around what is being
 * looked at; rows are read a page (100) at a time. The filter runs on a
 * worker thread with its own read-only connection; a newer query cancels
 * the one still running. Use it from one thread (the one with the main
 * context it was created in).
 */
#pragma once

#include <gio/gio.h>

#include "rd-ledger-query.h"
#include "rd-ledger-row.h"

G_BEGIN_DECLS

#define RD_LEDGER_MODEL_PAGE_SIZE 100

#define RD_TYPE_LEDGER_MODEL (rd_ledger_model_get_type ())
G_DECLARE_FINAL_TYPE (RdLedgerModel, rd_ledger_model, RD, LEDGER_MODEL, GObject)

/* Opens a read-only connection to the ledger file at path (which must
 * exist, at the current schema). Empty until the first set_query (). */
RdLedgerModel        *rd_ledger_model_new              (const char           *path,
                                                        GError              **error);

/* Starts the query in the background (cancelling any running one); the
 * model shows the new list when its count and first page are read —
 * ::replaced, the rows already handed out given the cases now at their
 * positions, and an items-changed at the end of the list only when the
 * count changed — and stays the same when the rest of its ids and its sums
 * follow (same snapshot). A list that grows from (nearly) empty is exposed
 * a screenful at a time, one step per main-loop turn: "n-items" (the
 * GListModel's) reaches "count" when it is whole. "loading" is TRUE until
 * the ids, the sums and the rows are all there. A failed query
 * keeps the previous rows and emits "failed". */
void                  rd_ledger_model_set_query        (RdLedgerModel        *self,
                                                        const RdLedgerFilter *filter);
/* Runs the current query again (after the ledger changed). */
void                  rd_ledger_model_refresh          (RdLedgerModel        *self);
const RdLedgerFilter *rd_ledger_model_get_query        (RdLedgerModel        *self);

gboolean              rd_ledger_model_get_loading      (RdLedgerModel        *self);
/* Number of cases of the last completed query. */
guint                 rd_ledger_model_get_count        (RdLedgerModel        *self);
/* Their sums per currency: a GArray of RdLedgerTotal, the shop currency
 * (CNY) first, then by code; empty when there are no cases. Owned by the
 * model, replaced (with a notify::totals) when a query completes with other
 * sums. */
GArray               *rd_ledger_model_get_totals       (RdLedgerModel        *self);
/* The case id at position, or 0 beyond the end; loads no row (while
 * loading, a position beyond the first page is read from the ledger). */
gint64                rd_ledger_model_get_id           (RdLedgerModel        *self,
                                                        guint                 position);
/* The position of a case id, or -1 when it is not in the list (or, while
 * loading, not in the first page). */
int                   rd_ledger_model_find_id          (RdLedgerModel        *self,
                                                        gint64                id);

G_END_DECLS
