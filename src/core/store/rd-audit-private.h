/* rd-audit-private.h
 *
 * The audit log's inside, for src/core/store only: the typed encoding that
 * entries (from format 2 on) and rows are hashed with, the append that
 * rd_audit_record and the row triggers share, and the rows in the chain
 * (rd-audit-rows.c).
 */
#pragma once

#if !defined (RD_STORE_COMPILATION)
# error "rd-audit-private.h is for src/core/store (and the store's tests) only."
#endif

#include <sqlite3.h>

#include "rd-audit.h"

G_BEGIN_DECLS

/* From this schema version on, the rows of the audited tables are in the
 * chain and audit_head.format2_from says where the second encoding starts. */
#define RD_AUDIT_ROWS_SCHEMA_VERSION 11

/* One field each, unambiguous: "N;" NULL, "I<decimal>;" an integer,
 * "F<16 hex digits of the double>;", "T<byte length>:<bytes>;" a text,
 * "B<byte length>:<bytes>;" a blob. */
void      _rd_audit_enc_null      (GString        *out);
void      _rd_audit_enc_int       (GString        *out,
                                   gint64          value);
void      _rd_audit_enc_text      (GString        *out,
                                   const char     *value);
void      _rd_audit_enc_value     (GString        *out,
                                   sqlite3_value  *value);

/* Appends entry (its case_id, operator, action, field and values; the rest
 * is set here) to the chain, in the statement or transaction running. */
gboolean  _rd_audit_append        (RdStore        *store,
                                   RdAuditEntry   *entry,
                                   GError        **error);

/* The rd_audit_row SQL function and the TEMP triggers that call it for
 * every insert, update and delete on an audited table of this connection. */
gboolean  _rd_audit_rows_install  (RdStore        *store,
                                   GError        **error);

/* Records the state of every row of the audited tables whose state the
 * chain does not hold, and the removal of those it holds that are gone:
 * version 11 does it for the rows already there, and so may a later
 * migration that changes rows of an audited table. */
gboolean  _rd_audit_rows_sync     (RdStore        *store,
                                   GError        **error);

/* Compares every row of the audited tables with the chain's last entry
 * for it (entries from from_id on). */
gboolean  _rd_audit_rows_verify   (RdStore        *store,
                                   gint64          from_id,
                                   gint64         *first_bad_id,
                                   GError        **error);

/* rd-audit-anchor.c: after each write transaction, the anchor file gets
 * the chain's head if it moved; a new ledger forgets the old one's. */
void      _rd_audit_anchor_after_commit (RdStore    *store);
void      _rd_audit_anchor_forget       (const char *ledger_path);

G_END_DECLS
