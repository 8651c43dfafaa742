/* rd-store-schema-intercepts.c
 *
 * Schema version 5: the intercept register (rd-intercepts.h).
 *
 *  - intercepts: one row per parcel to stop; tracking_no normalized and
 *    unique; case_id NULL when registered by hand; money INTEGER minor
 *    units; times Unix seconds UTC (NULL = not set).
 *  - tracking_events: movements seen on the courier's tracking; the latest
 *    is copied to intercepts.last_movement_at in the same transaction.
 *  - claims: against the courier for a lost or wrongly delivered parcel.
 *  - scans: the warehouse's scans, one per parcel and outcome (a repeated
 *    scan is refused by the UNIQUE constraint and reported, not recorded).
 *
 * Indexes: the register by status and deadline (due first), by case (the
 * case pane), by registration time (the export's month); claims by status.
 */
#include "config.h"


const char rd_intercepts_schema_sql[] =
  "CREATE TABLE intercepts ("
  "  id                INTEGER PRIMARY KEY,"
  "  courier           TEXT NOT NULL,"
  "  tracking_no       TEXT NOT NULL UNIQUE,"
  "  case_id           INTEGER REFERENCES cases (id),"
  "  order_no          TEXT,"
  "  channel           TEXT,"
  "  amount            INTEGER NOT NULL CHECK (amount >= 0),"
  "  province          TEXT,"
  "  status            TEXT NOT NULL,"
  "  condition         TEXT,"
  "  requested_at      INTEGER,"
  "  platform_deadline INTEGER,"
  "  last_movement_at  INTEGER,"
  "  created_at        INTEGER NOT NULL,"
  "  updated_at        INTEGER NOT NULL,"
  "  settled_at        INTEGER,"
  "  operator          TEXT NOT NULL,"
  "  notes             TEXT"
  ") STRICT;"
  "CREATE INDEX intercepts_status_deadline ON intercepts (status, platform_deadline);"
  "CREATE INDEX intercepts_case ON intercepts (case_id);"
  "CREATE INDEX intercepts_created ON intercepts (created_at);"

  "CREATE TABLE tracking_events ("
  "  id           INTEGER PRIMARY KEY,"
  "  intercept_id INTEGER NOT NULL REFERENCES intercepts (id),"
  "  at           INTEGER NOT NULL,"
  "  description  TEXT,"
  "  recorded_at  INTEGER NOT NULL,"
  "  operator     TEXT NOT NULL"
  ") STRICT;"
  "CREATE INDEX tracking_events_intercept ON tracking_events (intercept_id, at);"

  "CREATE TABLE claims ("
  "  id               INTEGER PRIMARY KEY,"
  "  intercept_id     INTEGER NOT NULL REFERENCES intercepts (id),"
  "  amount_claimed   INTEGER NOT NULL CHECK (amount_claimed > 0),"
  "  filed_at         INTEGER NOT NULL,"
  "  status           TEXT NOT NULL,"
  "  amount_recovered INTEGER NOT NULL DEFAULT 0"
  "                   CHECK (amount_recovered >= 0 AND amount_recovered <= amount_claimed),"
  "  settled_at       INTEGER,"
  "  operator         TEXT NOT NULL"
  ") STRICT;"
  "CREATE INDEX claims_intercept ON claims (intercept_id);"
  "CREATE INDEX claims_status ON claims (status, filed_at);"

  "CREATE TABLE scans ("
  "  id           INTEGER PRIMARY KEY,"
  "  intercept_id INTEGER NOT NULL REFERENCES intercepts (id),"
  "  tracking_no  TEXT NOT NULL,"
  "  outcome      TEXT NOT NULL,"
  "  at           INTEGER NOT NULL,"
  "  operator     TEXT NOT NULL,"
  "  UNIQUE (intercept_id, outcome)"
  ") STRICT;";
