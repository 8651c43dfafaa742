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
#include "rd-workflow-schema.h"

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

  /* Append version 3 here. */

  /* Workflow: audit log, payouts, holidays, evidence, attachments, reply
   * templates, drafts (rd-workflow-schema.c). */
  rd_workflow_schema_sql,
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
