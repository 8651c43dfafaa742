/* rd-store-schema-import.c
 *
 * Schema version 14: the import of the platforms' after-sales exports
 * (src/core/import/rd-import.h).
 *
 *  - imports: one row per import that changed the ledger: the file's name
 *    (without its folder) and SHA-256, the profile read with, the channel,
 *    who and when, and what it did (the counts of the summary).
 *  - case_platform: the platform's facts of a case that came from (or was
 *    matched by) an import, one row per case: the key of the export
 *    (channel, platform_key: the after-sales number, or the order number
 *    and refund id), the platform's status as written and what it means
 *    (platform_state), what the buyer asks back, status_set (the workflow
 *    status the import last set; NULL when a person owns the status: the
 *    import then records the platform's status and leaves the workflow's
 *    alone), follow_up (the shop closed the case and the platform
 *    reopened it), and the import and row that last wrote it. The UNIQUE
 *    index on the key is the import's idempotency and its lookup at a
 *    million cases.
 *  - case_imports: the cases each import created or changed, and from
 *    which row (the ledger's filter "cases of an import").
 *  - import_profiles: the generic profiles the shop saved, as JSON.
 *
 * All four hold shop data and are in the audit chain (rd-audit-rows.c).
 * New tables: no row of an audited table changes here.
 */
#include "config.h"

const char rd_import_schema_sql[] =
  "CREATE TABLE imports (\n"
  "  id          INTEGER PRIMARY KEY,\n"
  "  file_name   TEXT NOT NULL,\n"
  "  sha256      TEXT NOT NULL,\n"
  "  profile     TEXT NOT NULL,\n"
  "  channel     TEXT NOT NULL,\n"
  "  at          INTEGER NOT NULL,\n"
  "  operator    TEXT NOT NULL,\n"
  "  n_new       INTEGER NOT NULL DEFAULT 0,\n"
  "  n_updated   INTEGER NOT NULL DEFAULT 0,\n"
  "  n_unchanged INTEGER NOT NULL DEFAULT 0,\n"
  "  n_excluded  INTEGER NOT NULL DEFAULT 0,\n"
  "  n_flagged   INTEGER NOT NULL DEFAULT 0\n"
  ") STRICT;\n"
  "CREATE TABLE case_platform (\n"
  "  case_id         INTEGER PRIMARY KEY REFERENCES cases (id),\n"
  "  channel         TEXT NOT NULL,\n"
  "  platform_key    TEXT NOT NULL,\n"
  "  platform_status TEXT,\n"
  "  platform_state  TEXT NOT NULL CHECK (platform_state IN ('open', 'refunded', 'refused', 'closed')),\n"
  "  refund_amount   INTEGER CHECK (refund_amount >= 0),\n"
  "  status_set      TEXT,\n"
  "  follow_up       INTEGER NOT NULL DEFAULT 0 CHECK (follow_up IN (0, 1)),\n"
  "  import_id       INTEGER NOT NULL REFERENCES imports (id),\n"
  "  row             INTEGER NOT NULL\n"
  ") STRICT;\n"
  "CREATE UNIQUE INDEX case_platform_key ON case_platform (channel, platform_key);\n"
  "CREATE INDEX case_platform_follow_up ON case_platform (follow_up) WHERE follow_up = 1;\n"
  "CREATE TABLE case_imports (\n"
  "  import_id INTEGER NOT NULL REFERENCES imports (id),\n"
  "  case_id   INTEGER NOT NULL REFERENCES cases (id),\n"
  "  row       INTEGER NOT NULL,\n"
  "  PRIMARY KEY (import_id, case_id)\n"
  ") STRICT, WITHOUT ROWID;\n"
  "CREATE TABLE import_profiles (\n"
  "  name       TEXT PRIMARY KEY,\n"
  "  json       TEXT NOT NULL,\n"
  "  updated_at INTEGER NOT NULL\n"
  ") STRICT;";
