/* rd-case-bulk-totals-private.h
 *
 * The running totals of a bulk's cases (rd-case-bulk.c sets the trigger
 * case_totals_ai aside): added up while the cases are inserted, written to
 * case_totals at commit, on the bulk's own connection and transaction.
 */
#pragma once

#if !defined (RD_CASES_COMPILATION)
# error "rd-case-bulk-totals-private.h is for src/core/cases only."
#endif

#include "rd-case.h"
#include "rd-store.h"

G_BEGIN_DECLS

typedef struct _RdBulkTotals RdBulkTotals;

RdBulkTotals *rd_bulk_totals_new   (RdStore       *store);
void          rd_bulk_totals_free  (RdBulkTotals  *totals);
/* Adds the case as it was inserted. Rarely writes (when a sum would pass
 * 64 bits, what is added up so far goes to the table first). */
gboolean      rd_bulk_totals_add   (RdBulkTotals  *totals,
                                    const RdCase  *c,
                                    GError       **error);
/* Adds every row to case_totals. */
gboolean      rd_bulk_totals_write (RdBulkTotals  *totals,
                                    GError       **error);

G_END_DECLS
