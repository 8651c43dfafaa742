/* rd-audit.h
 *
 * The audit log: who changed what, when, from what to what. Each entry is
 * chained to the one before by a SHA-256 hash, so that a row edited, deleted
 * or inserted behind the app's back breaks the chain and rd_audit_verify
 * names the first entry that does not match.
 *
 * The rows of the audited tables (cases, payouts, evidence, intercepts,
 * scans, claims, the shop's lists and settings) are in the chain too, and
 * rd_audit_verify compares each with the chain's last entry for it; an
 * anchor outside the file (rd-audit-anchor.h) notices a chain cut short.
 *
 * The chain detects edits made without recomputing the hashes (a sqlite3
 * shell, a spreadsheet tool). Someone who knows the algorithm can rewrite the
 * whole chain; the log is evidence, not a lock.
 */
#pragma once

#include <gio/gio.h>

#include "rd-store.h"

G_BEGIN_DECLS

#define RD_AUDIT_ERROR (rd_audit_error_quark ())

typedef enum
{
  RD_AUDIT_ERROR_FAILED,
  RD_AUDIT_ERROR_NO_TRANSACTION,   /* rd_audit_record outside a transaction */
  RD_AUDIT_ERROR_TAMPERED,         /* rd_audit_verify found a broken chain */
} RdAuditError;

typedef struct
{
  gint64  id;
  gint64  case_id;        /* 0: not about one case (settings, holidays, …) */
  gint64  at;             /* seconds since the epoch, UTC */
  char   *operator;
  char   *action;         /* "create", "update", "approve", "payout", … */
  char   *field;          /* NULL when the entry is not about one field */
  char   *old_value;      /* NULL: there was none */
  char   *new_value;
  char   *prev_hash;      /* 64 hex digits; "" for the first entry */
  char   *hash;
} RdAuditEntry;

GQuark         rd_audit_error_quark      (void);

void           rd_audit_entry_free       (RdAuditEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdAuditEntry, rd_audit_entry_free)

/* Appends one entry. Must run inside the caller's transaction
 * (rd_store_begin), so that the change and its record commit together.
 * case_id 0 means no case. */
gboolean       rd_audit_record           (RdStore      *store,
                                          gint64        case_id,
                                          const char   *operator,
                                          const char   *action,
                                          const char   *field,
                                          const char   *old_value,
                                          const char   *new_value,
                                          GError      **error);

/* The same, at a given time (seconds since the epoch): what happened at
 * `at` as the caller's clock tells it (the PIN lockout's tests). */
gboolean       rd_audit_record_at        (RdStore      *store,
                                          gint64        case_id,
                                          gint64        at,
                                          const char   *operator,
                                          const char   *action,
                                          const char   *field,
                                          const char   *old_value,
                                          const char   *new_value,
                                          GError      **error);

/* Walks the whole chain. TRUE when every entry matches; *n_entries then
 * holds their number. Otherwise RD_AUDIT_ERROR_TAMPERED naming the first
 * entry that does not match (its id in *first_bad_id, or -1 when entries
 * at the end were removed), or a database error (*first_bad_id = 0). */
gboolean       rd_audit_verify           (RdStore      *store,
                                          gint64       *n_entries,
                                          gint64       *first_bad_id,
                                          GError      **error);

/* The case's entries, oldest first: its timeline. Array of RdAuditEntry*. */
GPtrArray     *rd_audit_list_for_case    (RdStore      *store,
                                          gint64        case_id,
                                          GError      **error);

/* The entry with this id, or NULL (no error) when there is none. */
RdAuditEntry  *rd_audit_get              (RdStore      *store,
                                          gint64        id,
                                          GError      **error);

/* SHA-256 (hex) of prev_hash and the entry's fields, each typed and
 * length-prefixed so that no two different entries encode alike (the
 * encoding of new entries, "rd-audit-2"; rd-audit.c). For bulk writers and
 * the tests. */
char          *rd_audit_compute_hash     (const RdAuditEntry *entry);

/* The chain's head: its last entry's id (0: none) and hash. */
gboolean       rd_audit_get_head         (RdStore      *store,
                                          gint64       *last_id,
                                          char        **last_hash,
                                          GError      **error);

/* A row of an audited table as the chain records it (rd-audit-rows.c):
 * after a write, its state; after its removal, state NULL. */
typedef struct
{
  char *table;
  char *key;
  char *state;
} RdAuditRow;

void           rd_audit_row_free         (RdAuditRow   *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdAuditRow, rd_audit_row_free)

/* For writers that put the entries in their own order (a case's row, then
 * its creation): while collecting, the rows written are kept instead of
 * recorded; rd_audit_take_rows hands them over, in the order written, and
 * the writer records each with rd_audit_record_row (or writes the entry
 * rd_audit_row_to_entry fills, as the bulk's audit side does). */
void           rd_audit_collect_rows     (RdStore      *store,
                                          gboolean      collect);
GPtrArray     *rd_audit_take_rows        (RdStore      *store);
gboolean       rd_audit_record_row       (RdStore           *store,
                                          const RdAuditRow  *row,
                                          const char        *operator,
                                          GError           **error);
/* For a writer that inserts many rows of an audited table in a
 * transaction (the bulk writer, an import): the TEMP trigger that records
 * each insert into table is set aside — a statement into a table with that
 * trigger keeps a statement journal, a temporary file written page by page
 * — and put back by rd_audit_resume_inserts (a rollback of the
 * transaction also puts it back). Meanwhile the writer records the rows it
 * inserted by rd_audit_collect_inserted: the rows of table whose column
 * (an integer one) is between from and to, in its order, as the trigger
 * would have recorded them (into the collector while collecting). Updates
 * and removals are still recorded by their triggers. */
gboolean       rd_audit_pause_inserts    (RdStore      *store,
                                          const char   *table,
                                          GError      **error);
gboolean       rd_audit_resume_inserts   (RdStore      *store,
                                          const char   *table,
                                          GError      **error);
gboolean       rd_audit_collect_inserted (RdStore      *store,
                                          const char   *table,
                                          const char   *column,
                                          gint64        from,
                                          gint64        to,
                                          GError      **error);
/* Sets the entry's case_id, action, field, old_value and new_value
 * (pointing into row). */
void           rd_audit_row_to_entry     (const RdAuditRow  *row,
                                          RdAuditEntry      *entry);

G_END_DECLS
