/* rd-ledger-row.h
 *
 * One line of the ledger list: the few fields the list shows, built by
 * RdLedgerModel a page at a time. A row stands for a position in the list:
 * when a new query puts another case there, the model gives the row that
 * case's fields (each changed property notified) rather than a new object.
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "rd-case-types.h"

G_BEGIN_DECLS

#define RD_TYPE_LEDGER_ROW (rd_ledger_row_get_type ())
G_DECLARE_FINAL_TYPE (RdLedgerRow, rd_ledger_row, RD, LEDGER_ROW, GObject)

gint64        rd_ledger_row_get_id                (RdLedgerRow *self);
const char   *rd_ledger_row_get_case_no           (RdLedgerRow *self);
gint64        rd_ledger_row_get_requested_at      (RdLedgerRow *self);
const char   *rd_ledger_row_get_channel           (RdLedgerRow *self);
const char   *rd_ledger_row_get_order_no          (RdLedgerRow *self);
RdRefundKind  rd_ledger_row_get_kind              (RdLedgerRow *self);
const char   *rd_ledger_row_get_reason            (RdLedgerRow *self);
gint64        rd_ledger_row_get_amount_paid       (RdLedgerRow *self);
const char   *rd_ledger_row_get_currency          (RdLedgerRow *self);
RdCaseStatus  rd_ledger_row_get_status            (RdLedgerRow *self);
const char   *rd_ledger_row_get_handler           (RdLedgerRow *self);
gint64        rd_ledger_row_get_platform_deadline (RdLedgerRow *self);

/* Gives self the fields of from (its case), notifying each that changes. */
void          rd_ledger_row_assign                (RdLedgerRow  *self,
                                                   RdLedgerRow  *from);

/* Loads the rows of the given case ids with one SELECT and returns them in
 * the order of ids. An id whose case no longer exists gives a row with only
 * the id set. */
GPtrArray    *rd_ledger_row_load                  (sqlite3      *db,
                                                   const gint64 *ids,
                                                   guint         n_ids,
                                                   GError      **error);

G_END_DECLS
