/* rd-audit-anchor.h
 *
 * An anchor outside the ledger: the audit chain's head (its last entry's
 * number and hash) seen at some time, so that a chain cut short at its end
 * and given a new head in plain SQL is noticed. The app keeps one per
 * ledger in the user's config folder (refund-desk/anchors/<SHA-256 of the
 * ledger's path>), moved on after each write; the monthly workbook shows
 * one on its About sheet; the accountant may keep one and give it to
 * `refund-desk verify --anchor N:HASH`.
 */
#pragma once

#include <gio/gio.h>

#include "rd-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  entry;      /* the last entry's number then */
  char   *hash;       /* its hash, 64 hex digits */
  gint64  seen;       /* when, seconds since the epoch; 0: not known */
} RdAuditAnchor;

void            rd_audit_anchor_free   (RdAuditAnchor  *anchor);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdAuditAnchor, rd_audit_anchor_free)

/* "N:HASH" as `verify --anchor` takes it. */
RdAuditAnchor  *rd_audit_anchor_parse  (const char     *text,
                                        GError        **error);

/* The anchor file of the ledger at path. */
char           *rd_audit_anchor_path   (const char     *ledger_path);

/* The ledger's anchor file, or NULL with no error when there is none. */
RdAuditAnchor  *rd_audit_anchor_load   (const char     *ledger_path,
                                        GError        **error);

/* Writes the chain's head into the ledger's anchor file, unless the file
 * holds an anchor this chain does not reach: that one stays, as evidence,
 * until the chain is verified against it. */
gboolean        rd_audit_anchor_save   (RdStore        *store,
                                        GError        **error);

/* TRUE when the chain holds the anchor's entry with its hash; otherwise
 * RD_AUDIT_ERROR_TAMPERED saying where the chain ends or differs. */
gboolean        rd_audit_anchor_check  (RdStore              *store,
                                        const RdAuditAnchor  *anchor,
                                        GError              **error);

/* "entry N, HASH" for a page or a sheet; NULL (no error) with no chain. */
char           *rd_audit_anchor_describe_head (RdStore  *store,
                                               GError  **error);

G_END_DECLS
