/* rd-store-schema.c
 *
 * The ledger's schema, as the ordered list of migrations that build it. The
 * file's `PRAGMA user_version` is the number of migrations applied to it; on
 * open, rd-store.c applies the missing ones in order, each in its own
 * BEGIN IMMEDIATE … COMMIT transaction, and sets user_version in that same
 * transaction.
 *
 * To change the schema, APPEND one entry to `migrations` below: version N is
 * entry N-1. That is the whole change; rd_store_get_latest_version() follows.
 * Never edit or reorder a version that has shipped: files in the wild are at
 * that version already. Rules for a new entry:
 *
 *  - Plain SQL, several statements allowed; no BEGIN/COMMIT, no PRAGMA
 *    user_version (the store does both).
 *  - Tables are STRICT, money columns INTEGER (minor units), times INTEGER
 *    Unix seconds UTC.
 *  - Migrations run with foreign keys OFF so a table can be rebuilt (the
 *    12-step ALTER TABLE procedure of the SQLite manual); the store runs
 *    PRAGMA foreign_key_check before COMMIT and refuses a migration that
 *    leaves a dangling reference.
 *  - Add rows for existing data in the same entry (see version 2), and a
 *    test that migrates tests/fixtures/ledger-v<N-1>.sql.
 */
#include "config.h"

#include "rd-store.h"
#include "rd-store-private.h"

/* The search text of a case from version 10 on (see version 10 below), of
 * the row named r (new, cases). */
#define CASE_FIELDS_TEXT(r) \
  "lower (" r ".order_no) || char (10) || lower (coalesce (" r ".after_sales_no, '')) || char (10) ||\n" \
  "    lower (coalesce (" r ".return_tracking, '')) || char (10) || lower (coalesce (" r ".buyer_name, '')) ||\n" \
  "    coalesce (char (10) || lower (" r ".outbound_tracking), '')"

static const char * const migrations[] = {
  /* Version 1: settings and a minimal case table. */
  "CREATE TABLE meta ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") STRICT;"
  "CREATE TABLE cases ("
  "  id             INTEGER PRIMARY KEY,"
  "  case_no        TEXT NOT NULL UNIQUE,"
  "  channel        TEXT NOT NULL,"
  "  order_no       TEXT NOT NULL,"
  "  kind           TEXT NOT NULL,"
  "  reason         TEXT NOT NULL,"
  "  payment_method TEXT NOT NULL,"
  "  currency       TEXT NOT NULL DEFAULT 'CNY',"
  "  amount_paid    INTEGER NOT NULL CHECK (amount_paid >= 0),"
  "  status         TEXT NOT NULL,"
  "  requested_at   INTEGER NOT NULL,"
  "  created_at     INTEGER NOT NULL"
  ") STRICT;",

  /* Version 2: the per-year counter behind RF-YYYY-NNNNNN case numbers,
   * started from the highest number already used in each year; and the
   * index the ledger's month filter and newest-first order use. */
  "CREATE TABLE case_numbers ("
  "  year INTEGER PRIMARY KEY,"
  "  last INTEGER NOT NULL"
  ") STRICT;"
  "INSERT INTO case_numbers (year, last)"
  "  SELECT CAST(substr(case_no, 4, 4) AS INTEGER),"
  "         max(CAST(substr(case_no, 9) AS INTEGER))"
  "  FROM cases"
  "  WHERE case_no GLOB 'RF-[0-9][0-9][0-9][0-9]-[0-9]*'"
  "    AND substr(case_no, 9) NOT GLOB '*[^0-9]*'"
  "  GROUP BY 1;"
  "CREATE INDEX cases_requested_at ON cases (requested_at);",

  /* Version 3: the full refund case (rd-case.h documents every field).
   * Times are INTEGER Unix seconds UTC (NULL = not set); expected_arrival is
   * a TEXT date YYYY-MM-DD; exchange_rate exact decimal TEXT; money INTEGER
   * minor units; approved_amount NULL until approved. The enumerations are
   * stored as their stable ids (rd-case-types.h).
   * Indexes: one covering index (filter column, requested_at, amounts) per
   * ledger filter, so that a filter and its count and sums read one index
   * in the ledger's order; the intake's duplicate guard; the open cases by
   * platform deadline.
   * Search: case_text holds, per case, the lowercased order number,
   * after-sales number, return tracking number and buyer name separated by
   * newlines, and case_fts its trigram index, both kept by triggers in the
   * transaction of the write (FTS5 flushes at every statement: bulk inserts
   * use multi-row statements, see rd-case-store.c). */
  "ALTER TABLE cases ADD COLUMN after_sales_no TEXT;\n"
  "ALTER TABLE cases ADD COLUMN buyer_name TEXT;\n"
  "ALTER TABLE cases ADD COLUMN buyer_contact TEXT;\n"
  "ALTER TABLE cases ADD COLUMN goods_kind TEXT NOT NULL DEFAULT 'standard';\n"
  "ALTER TABLE cases ADD COLUMN order_state TEXT;\n"
  "ALTER TABLE cases ADD COLUMN refund_route TEXT;\n"
  "ALTER TABLE cases ADD COLUMN exchange_rate TEXT;\n"
  "ALTER TABLE cases ADD COLUMN approved_amount INTEGER CHECK (approved_amount >= 0);\n"
  "ALTER TABLE cases ADD COLUMN breakdown TEXT;\n"
  "ALTER TABLE cases ADD COLUMN platform_deadline INTEGER;\n"
  "ALTER TABLE cases ADD COLUMN expected_arrival TEXT;\n"
  "ALTER TABLE cases ADD COLUMN handler TEXT;\n"
  "ALTER TABLE cases ADD COLUMN created_by TEXT;\n"
  "ALTER TABLE cases ADD COLUMN approved_by TEXT;\n"
  "ALTER TABLE cases ADD COLUMN notes TEXT;\n"
  "ALTER TABLE cases ADD COLUMN return_tracking TEXT;\n"
  "ALTER TABLE cases ADD COLUMN resolution TEXT;\n"
  "ALTER TABLE cases ADD COLUMN refusal_reason TEXT;\n"
  "ALTER TABLE cases ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;\n"
  "ALTER TABLE cases ADD COLUMN paid_at INTEGER;\n"
  "ALTER TABLE cases ADD COLUMN closed_at INTEGER;\n"
  "UPDATE cases SET updated_at = created_at;\n"
  "CREATE INDEX cases_ledger ON cases (requested_at, amount_paid, approved_amount);\n"
  "CREATE INDEX cases_status_ledger ON cases (status, requested_at, amount_paid, approved_amount);\n"
  "CREATE INDEX cases_kind_ledger ON cases (kind, requested_at, amount_paid, approved_amount);\n"
  "CREATE INDEX cases_channel_ledger ON cases (channel, requested_at, amount_paid, approved_amount);\n"
  "CREATE INDEX cases_reason_ledger ON cases (reason, requested_at, amount_paid, approved_amount);\n"
  "CREATE INDEX cases_channel_order ON cases (channel, order_no);\n"
  "CREATE INDEX cases_open_deadline ON cases (platform_deadline)\n"
  "  WHERE status IN ('requested', 'approved', 'awaiting_return', 'returned', 'intercepting', 'awaiting_payout');\n"
  "CREATE TABLE case_text (id INTEGER PRIMARY KEY, text TEXT NOT NULL) STRICT;\n"
  "CREATE VIRTUAL TABLE case_fts USING fts5 (text, content = 'case_text', content_rowid = 'id',\n"
  "  tokenize = 'trigram', detail = none);\n"
  "CREATE TRIGGER case_text_ai AFTER INSERT ON case_text BEGIN\n"
  "  INSERT INTO case_fts (rowid, text) VALUES (new.id, new.text);\n"
  "END;\n"
  "CREATE TRIGGER case_text_ad AFTER DELETE ON case_text BEGIN\n"
  "  INSERT INTO case_fts (case_fts, rowid, text) VALUES ('delete', old.id, old.text);\n"
  "END;\n"
  "CREATE TRIGGER case_text_au AFTER UPDATE ON case_text BEGIN\n"
  "  INSERT INTO case_fts (case_fts, rowid, text) VALUES ('delete', old.id, old.text);\n"
  "  INSERT INTO case_fts (rowid, text) VALUES (new.id, new.text);\n"
  "END;\n"
  "CREATE TRIGGER cases_search_ai AFTER INSERT ON cases BEGIN\n"
  "  INSERT INTO case_text (id, text) VALUES (new.id,\n"
  "    lower (new.order_no) || char (10) || lower (coalesce (new.after_sales_no, '')) || char (10) ||\n"
  "    lower (coalesce (new.return_tracking, '')) || char (10) || lower (coalesce (new.buyer_name, '')));\n"
  "END;\n"
  "CREATE TRIGGER cases_search_au AFTER UPDATE OF order_no, after_sales_no, return_tracking, buyer_name ON cases BEGIN\n"
  "  UPDATE case_text SET text =\n"
  "    lower (new.order_no) || char (10) || lower (coalesce (new.after_sales_no, '')) || char (10) ||\n"
  "    lower (coalesce (new.return_tracking, '')) || char (10) || lower (coalesce (new.buyer_name, ''))\n"
  "  WHERE id = new.id;\n"
  "END;\n"
  "CREATE TRIGGER cases_search_ad AFTER DELETE ON cases BEGIN\n"
  "  DELETE FROM case_text WHERE id = old.id;\n"
  "END;\n"
  "INSERT INTO case_text (id, text)\n"
  "  SELECT id, lower (order_no) || char (10) || char (10) || char (10) FROM cases;",

  /* Version 4: the workflow — audit log, payouts, holidays, evidence,
   * attachments, reply templates, drafts (rd-store-schema-workflow.c). */
  rd_workflow_schema_sql,

  /* Version 5: the intercept register — intercepts, tracking events,
   * claims, warehouse scans (rd-store-schema-intercepts.c). */
  rd_intercepts_schema_sql,
  /* Version 6: speed at a million cases. case_count holds the number of
   * cases, kept by triggers, so that the unfiltered ledger shows its count
   * without reading an index; cases_amount_ledger serves the sort by amount
   * like the other covering indexes; cases_requested_at is a prefix of
   * cases_ledger and only cost every insert. The four filter indexes carry
   * the other filter columns too, so that two filters at once (kind and
   * channel) are still read from one index, without the table. */
  "CREATE TABLE case_count (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL) STRICT;\n"
  "INSERT INTO case_count (id, n) SELECT 1, count(*) FROM cases;\n"
  "CREATE TRIGGER case_count_ai AFTER INSERT ON cases BEGIN\n"
  "  UPDATE case_count SET n = n + 1 WHERE id = 1;\n"
  "END;\n"
  "CREATE TRIGGER case_count_ad AFTER DELETE ON cases BEGIN\n"
  "  UPDATE case_count SET n = n - 1 WHERE id = 1;\n"
  "END;\n"
  "DROP INDEX cases_requested_at;\n"
  "CREATE INDEX cases_amount_ledger ON cases (amount_paid, requested_at, approved_amount);\n"
  "DROP INDEX cases_status_ledger;\n"
  "DROP INDEX cases_kind_ledger;\n"
  "DROP INDEX cases_channel_ledger;\n"
  "DROP INDEX cases_reason_ledger;\n"
  "CREATE INDEX cases_status_ledger ON cases (status, requested_at, amount_paid, approved_amount, kind, channel, reason);\n"
  "CREATE INDEX cases_kind_ledger ON cases (kind, requested_at, amount_paid, approved_amount, status, channel, reason);\n"
  "CREATE INDEX cases_channel_ledger ON cases (channel, requested_at, amount_paid, approved_amount, status, kind, reason);\n"
  "CREATE INDEX cases_reason_ledger ON cases (reason, requested_at, amount_paid, approved_amount, status, kind, channel);",

  /* Version 7: case_fts without its per-row column sizes (columnsize = 0):
   * nothing ranks search results, and writing them cost a b-tree row per
   * case. The triggers of case_text name case_fts and stay as they are. */
  "DROP TABLE case_fts;\n"
  "CREATE VIRTUAL TABLE case_fts USING fts5 (text, content = 'case_text', content_rowid = 'id',\n"
  "  tokenize = 'trigram', detail = none, columnsize = 0);\n"
  "INSERT INTO case_fts (case_fts) VALUES ('rebuild');",

  /* Version 8: the six covering indexes of the ledger end with `currency`,
   * so that the walk over a filter's ids also gives each case's currency
   * and the footer's sums per currency need no second read of the table.
   * Every other column and their order are those of version 6. */
  "DROP INDEX cases_ledger;\n"
  "DROP INDEX cases_amount_ledger;\n"
  "DROP INDEX cases_status_ledger;\n"
  "DROP INDEX cases_kind_ledger;\n"
  "DROP INDEX cases_channel_ledger;\n"
  "DROP INDEX cases_reason_ledger;\n"
  "CREATE INDEX cases_ledger ON cases (requested_at, amount_paid, approved_amount, currency);\n"
  "CREATE INDEX cases_amount_ledger ON cases (amount_paid, requested_at, approved_amount, currency);\n"
  "CREATE INDEX cases_status_ledger ON cases (status, requested_at, amount_paid, approved_amount, kind, channel, reason, currency);\n"
  "CREATE INDEX cases_kind_ledger ON cases (kind, requested_at, amount_paid, approved_amount, status, channel, reason, currency);\n"
  "CREATE INDEX cases_channel_ledger ON cases (channel, requested_at, amount_paid, approved_amount, status, kind, reason, currency);\n"
  "CREATE INDEX cases_reason_ledger ON cases (reason, requested_at, amount_paid, approved_amount, status, kind, channel, currency);",

  /* Version 9: people and what they did. operators: the people who work at
   * the desk, each with a role and a PIN kept as a salted slow hash (NULL:
   * the PIN is set on first use). A case records who proposed its refund
   * amount (proposed_by: whoever applied the calculator's breakdown or
   * entered the amount) and the outbound parcel of a shipped refund
   * (outbound_courier, outbound_tracking), from which an intercept is
   * proposed. */
  "CREATE TABLE operators (\n"
  "  name TEXT PRIMARY KEY,\n"
  "  role TEXT NOT NULL CHECK (role IN ('clerk', 'approver', 'warehouse', 'accountant', 'admin')),\n"
  "  pin_hash TEXT,\n"
  "  created_at INTEGER NOT NULL,\n"
  "  updated_at INTEGER NOT NULL\n"
  ") STRICT;\n"
  "ALTER TABLE cases ADD COLUMN proposed_by TEXT;\n"
  "ALTER TABLE cases ADD COLUMN outbound_courier TEXT;\n"
  "ALTER TABLE cases ADD COLUMN outbound_tracking TEXT;",

  /* Version 10: a case is found by the tracking number of its outbound
   * parcel and of each of its intercepts.
   *
   * The outbound tracking number is a field of the case: its search text
   * (case_text) gets, after the four fields of version 3, a line with it
   * when there is one, lowered like the rest (a case without one keeps the
   * text it had). The search side of bulk writing builds the same text
   * (rd_bulk_append_search_text), with the case.
   *
   * An intercept's tracking number is not copied into the text of its
   * case: the ledger's search (rd-ledger-query.c) also matches the
   * intercepts' own tracking_no, which is kept normalized (ASCII letters
   * upper case, rd_tracking_number_normalize), by instr () over the index
   * of its UNIQUE constraint, and takes their case_id. So registering,
   * correcting or removing an intercept writes nothing for the search.
   * Why: a first version of this entry kept the intercepts' numbers in the
   * case's text with triggers on intercepts, and every intercept written
   * rewrote a case's text and its trigram entries: the test-data generator,
   * which copies its intercepts in one INSERT … SELECT, went from 0.1–0.4 s
   * to 1.1–7.3 s for the intercepts of 200,000 cases (0.4–2.3 s to 6–26 s
   * at 1,000,000), and its whole run took up to twice as long. The scan reads the 216,849
   * intercepts of 1,000,000 generated cases in about 10 ms of CPU: the
   * search for an order number took 34.6 ms (median) against 17.9 ms
   * before version 10, within its 100 ms. A trigram FTS5 table over the
   * intercepts' numbers, the other way measured, answers in under 1 ms but
   * costs a table, three triggers and 0.4 s of CPU per million cases
   * generated; it is the way if the register grows far beyond that.
   * Figures: docs/performance.md, "Search from schema version 10". */
  "DROP TRIGGER cases_search_ai;\n"
  "DROP TRIGGER cases_search_au;\n"
  "CREATE TRIGGER cases_search_ai AFTER INSERT ON cases BEGIN\n"
  "  INSERT INTO case_text (id, text) VALUES (new.id, " CASE_FIELDS_TEXT ("new") ");\n"
  "END;\n"
  "CREATE TRIGGER cases_search_au AFTER UPDATE OF order_no, after_sales_no, return_tracking, buyer_name,\n"
  "  outbound_tracking ON cases BEGIN\n"
  "  UPDATE case_text SET text = " CASE_FIELDS_TEXT ("new") " WHERE id = new.id;\n"
  "END;\n"
  "UPDATE case_text SET text = (SELECT " CASE_FIELDS_TEXT ("cases") " FROM cases WHERE cases.id = case_text.id)\n"
  "WHERE id IN (SELECT id FROM cases WHERE outbound_tracking IS NOT NULL);",

  /* Version 11: the rows of the audited tables in the audit chain
   * (rd-audit-rows.c), and the second encoding of entries (rd-audit.c)
   * from format2_from on: the entries already written keep the first.
   * After this SQL the store records the state of every row already there
   * (_rd_audit_rows_sync), in the same transaction. A later migration that
   * changes rows of an audited table must do the same. */
  "ALTER TABLE audit_head ADD COLUMN format2_from INTEGER NOT NULL DEFAULT 1;\n"
  "UPDATE audit_head SET format2_from = max (last_id, (SELECT coalesce (max (id), 0) FROM audit_log)) + 1;",

  /* Version 12: a month's export reads only the month. The workbook
   * (src/core/export) reads the cases of the period by their basis column,
   * the parcels registered in it and the claims filed in it, each as a
   * range on the bare time column ordered by that column and the id:
   *   cases.requested_at  cases_ledger (version 8), as before;
   *   cases.paid_at       cases_paid_at, new: without it the "paid" basis
   *                       (the export's default) read all the cases and
   *                       sorted the month's (2.8× a bare libxlsxwriter
   *                       loop for a month of 13k rows in a 1M ledger);
   *                       partial, since a case has no paid_at until its
   *                       refund is paid in full (most new cases), which
   *                       also serves the whole ledger's `paid_at IS NOT NULL`;
   *   intercepts.created_at  intercepts_created (version 5), as before;
   *   claims.filed_at     claims_filed, new (claims_status starts with the
   *                       status); the register's claim lists use it too.
   * The export reads no scans, payouts or tracking events. Indexes only: no
   * row changes, so the audit chain has nothing to record.
   * tests/test-export-plans.c holds these plans. Figures: docs/performance.md,
   * "Export of a month inside a big ledger (schema version 12)". */
  "CREATE INDEX cases_paid_at ON cases (paid_at) WHERE paid_at IS NOT NULL;\n"
  "CREATE INDEX claims_filed ON claims (filed_at);",

  /* Version 13: the buyer names' grams for searches of one or two
   * characters, and the running count and sums per month, status, kind,
   * channel, reason and currency for the ledger's count and footer
   * (rd-store-schema-ledger.c). Derived tables kept by triggers on cases,
   * not in the audit chain: no audited row changes. */
  rd_ledger_schema_sql,

  /* Version 14: the import of the platforms' after-sales exports — the
   * imports, the platform's facts per case, the cases of each import, the
   * saved generic profiles (rd-store-schema-import.c). New tables, all in
   * the audit chain; no existing row changes. */
  rd_import_schema_sql,

  /* Version 15: the Reports page (issue 15): the shop's order counts per
   * month and channel, and the derived tables and indexes that answer a
   * period's figures without walking its cases (rd-store-schema-report.c;
   * figures: docs/performance.md, "Reports"). */
  rd_report_schema_sql,
};

/* Tests replace the list to exercise a failing migration. */
static const char * const *override_migrations;
static int n_override_migrations;

void
_rd_store_schema_override_for_testing (const char * const *sqls,
                                       int                 n_sqls)
{
  g_return_if_fail (n_sqls >= 0);

  override_migrations = sqls;
  n_override_migrations = sqls != NULL ? n_sqls : 0;
}

const char *
_rd_store_schema_get_migration (int version)
{
  g_return_val_if_fail (version >= 1 && version <= rd_store_get_latest_version (), NULL);

  if (override_migrations != NULL)
    return override_migrations[version - 1];

  return migrations[version - 1];
}

int
rd_store_get_latest_version (void)
{
  if (override_migrations != NULL)
    return n_override_migrations;

  return G_N_ELEMENTS (migrations);
}
