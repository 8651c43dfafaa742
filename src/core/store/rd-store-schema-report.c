/* rd-store-schema-report.c
 *
 * Schema version 15: what the Reports page (issue 15, src/core/reports)
 * reads so that a month's report of a ten-million-case ledger does not walk
 * the month's cases.
 *
 * order_counts: the shop's order counts per month and channel, entered on
 * the Reports page, for the refund rate (refunds ÷ orders;
 * rd-order-counts.c). month is "YYYY-MM"; a channel's id as cases.channel
 * has it. Shop data: in the audit chain (rd-audit-rows.c).
 *
 * Derived tables, kept by triggers in the transaction of each write, not in
 * the audit chain (they are recomputed from what is):
 *
 * report_totals: the count and sums (amount paid, approved amount) of the
 * cases per UTC hour of requested_at (the Unix time of the hour's first
 * second), currency and one "dimension": every case counts once under
 * dim 'kind' (value: its kind), 'reason', 'channel', 'payment' (its
 * payment method), and under 'no_return', 'compensation' and 'late' (value
 * '') when it is in that set (rd-report-sql.h). A local day or month whose
 * ends fall on whole hours (every zone whose offset is whole hours, China's
 * among them) is a range of hours; the report reads the cases themselves
 * for a period that is not (rd-report-totals.c). An hour holds a few dozen
 * rows whatever the number of cases: a month is ~50,000 rows at 10M cases.
 * A row whose count reaches zero is deleted. The sums are of type ANY: a
 * sum beyond 64 bits becomes a REAL, and the report, seeing one, walks the
 * cases instead (whose checked sums then say the total is too large).
 *
 * case_decisions: per case with an "approve" or "refuse" entry in the audit
 * log, the first of each (what the report's speed and deadline figures
 * measure), with the case's request time, channel and whether it has an
 * approved amount, so that the index case_decisions_speed gives a channel's
 * approval times in a period without reading the cases. Kept by a trigger
 * on audit_log and by the triggers of cases that change those columns.
 *
 * report_not_recovered: the cases paid out while their parcel was not
 * recovered (钱货两空, rd-report-sql.h), with their request time and
 * amounts; recomputed per case when the case or one of its intercepts
 * changes (its condition reads the intercepts).
 *
 * report_intercept_fails: the audit log's "intercept_fail" entries (case
 * and field, which names the parcel), by which the report tells a parcel
 * back in the warehouse after failing from one stopped in time, without
 * reading the audit log per parcel.
 *
 * cases_report_paid: a period's payout times per channel, from an index;
 * cases_report_breakdown: the cases with a calculator breakdown (the
 * return shipping the shop paid is in its JSON), by request time;
 * intercepts_report: the columns the report reads of the parcels
 * registered in a period, so that it reads no row of the register (50,000
 * parcels a month at 10M cases, as many random reads without it).
 *
 * Bulk writing (rd-case-bulk.c) sets the insert triggers of cases and the
 * triggers of audit_log aside, and at its finish fills the three tables for
 * its cases with rd_store_report_fill_sqls, the same statements as the
 * migration below (for the cases from ?1 on).
 */
#include "config.h"

#include "rd-report-sql.h"
#include "rd-store.h"
#include "rd-store-private.h"

/* The first second of the UTC hour of r's request. */
#define HOUR(r) "(" r ".requested_at - ((" r ".requested_at % 3600) + 3600) % 3600)"

/* The dimensions of the case r, as a json_each of [dim, value] pairs (rows
 * whose type is not 'array' are the sets r is not in). */
#define DIMS(r) \
  "json_each (json_array (json_array ('kind', " r ".kind), json_array ('reason', " r ".reason),\n" \
  "    json_array ('channel', " r ".channel), json_array ('payment', " r ".payment_method),\n" \
  "    CASE WHEN " RD_REPORT_SQL_NO_RETURN (r) " THEN json_array ('no_return', '') END,\n" \
  "    CASE WHEN " RD_REPORT_SQL_COMPENSATION (r) " THEN json_array ('compensation', '') END,\n" \
  "    CASE WHEN " RD_REPORT_SQL_DECIDED_LATE (r) " THEN json_array ('late', '') END,\n" \
  "    CASE WHEN " RD_REPORT_SQL_OPEN_DEADLINE (r) " THEN json_array ('open_deadline', '') END,\n" \
  "    CASE WHEN " RD_REPORT_SQL_OPEN_UNDECIDED (r) " THEN json_array ('open_undecided', '') END))"

#define UPSERT_SUMS \
  "  ON CONFLICT DO UPDATE SET n = n + excluded.n, paid = paid + excluded.paid,\n" \
  "    approved = approved + excluded.approved"

#define TOTALS_ADD(r) \
  "INSERT INTO report_totals (dim, hour, value, currency, n, paid, approved)\n" \
  "  SELECT j.value ->> 0, " HOUR (r) ", j.value ->> 1, " r ".currency, 1, " r ".amount_paid,\n" \
  "         coalesce (" r ".approved_amount, 0)\n" \
  "  FROM " DIMS (r) " AS j WHERE j.type = 'array'\n" \
  UPSERT_SUMS ";\n"

#define TOTALS_KEYS(r) \
  "hour = " HOUR (r) " AND currency = " r ".currency\n" \
  "    AND (dim, value) IN (SELECT j.value ->> 0, j.value ->> 1 FROM " DIMS (r) " AS j WHERE j.type = 'array')"

#define TOTALS_REMOVE(r) \
  "UPDATE report_totals SET n = n - 1, paid = paid - " r ".amount_paid,\n" \
  "    approved = approved - coalesce (" r ".approved_amount, 0)\n" \
  "  WHERE " TOTALS_KEYS (r) ";\n" \
  "DELETE FROM report_totals WHERE n = 0 AND " TOTALS_KEYS (r) ";\n"

/* The row of the set dim (whose condition cond reads the decisions) of the
 * case with id x, while its decisions change. */
#define DECIDED_REMOVE(x, dim, cond) \
  "UPDATE report_totals SET n = n - 1, paid = paid - c.amount_paid,\n" \
  "    approved = approved - coalesce (c.approved_amount, 0)\n" \
  "  FROM cases AS c WHERE c.id = " x " AND " cond "\n" \
  "    AND report_totals.dim = '" dim "' AND report_totals.hour = " HOUR ("c") "\n" \
  "    AND report_totals.value = '' AND report_totals.currency = c.currency;\n" \
  "DELETE FROM report_totals WHERE dim = '" dim "' AND value = '' AND n = 0\n" \
  "  AND (hour, currency) IN (SELECT " HOUR ("c") ", c.currency FROM cases AS c WHERE c.id = " x ");\n"

#define DECIDED_ADD(x, dim, cond) \
  "INSERT INTO report_totals (dim, hour, value, currency, n, paid, approved)\n" \
  "  SELECT '" dim "', " HOUR ("c") ", '', c.currency, 1, c.amount_paid, coalesce (c.approved_amount, 0)\n" \
  "  FROM cases AS c WHERE c.id = " x " AND " cond "\n" \
  UPSERT_SUMS ";\n"

/* report_not_recovered for the cases WHERE cond (on cases AS c). */
#define LOST_FILL(cond) LOST_FILL_INTO ("report_not_recovered", cond)
#define LOST_FILL_INTO(table, cond) \
  "INSERT OR REPLACE INTO " table " (id, requested_at, currency, paid, approved)\n" \
  "  SELECT c.id, c.requested_at, c.currency, c.amount_paid, coalesce (c.approved_amount, 0)\n" \
  "  FROM cases AS c WHERE " cond " AND " RD_REPORT_SQL_NOT_RECOVERED ("c")

#define LOST_RECOMPUTE(x) \
  "DELETE FROM report_not_recovered WHERE id = " x ";\n" \
  LOST_FILL ("c.id = " x) ";\n"

/* case_decisions of the audit entries WHERE cond (on audit_log AS a). */
#define DECISIONS_FILL(cond) DECISIONS_FILL_INTO ("case_decisions", cond)
#define DECISIONS_FILL_INTO(table, cond) \
  "INSERT INTO " table " (id, requested_at, channel, approved, approved_at, refused_at)\n" \
  "  SELECT c.id, c.requested_at, c.channel, c.approved_amount IS NOT NULL, a.approved_at, a.refused_at\n" \
  "  FROM (SELECT case_id, min (CASE WHEN action = 'approve' THEN at END) AS approved_at,\n" \
  "               min (CASE WHEN action = 'refuse' THEN at END) AS refused_at\n" \
  "        FROM audit_log AS a WHERE " cond " AND a.case_id IS NOT NULL AND a.action IN ('approve', 'refuse')\n" \
  "        GROUP BY case_id) AS a\n" \
  "  JOIN cases AS c ON c.id = a.case_id ORDER BY c.id"

/* report_intercept_fails of the audit entries WHERE cond (on audit_log AS a). */
#define FAILS_FILL_INTO(table, cond) \
  "INSERT OR IGNORE INTO " table " (case_id, field)\n" \
  "  SELECT a.case_id, a.field FROM audit_log AS a WHERE " cond " AND a.action = 'intercept_fail'\n" \
  "    AND a.case_id IS NOT NULL AND a.field IS NOT NULL ORDER BY 1, 2"
#define FAILS_FILL(cond) FAILS_FILL_INTO ("report_intercept_fails", cond)

/* report_totals for the cases WHERE cond (on cases AS c); after
 * case_decisions. */
#define TOTALS_FILL(cond) TOTALS_FILL_INTO ("report_totals", cond)
#define TOTALS_FILL_INTO(table, cond) \
  "INSERT INTO " table " (dim, hour, value, currency, n, paid, approved)\n" \
  "  SELECT j.value ->> 0, " HOUR ("c") ", j.value ->> 1, c.currency, count(*), sum (c.amount_paid),\n" \
  "         coalesce (sum (c.approved_amount), 0)\n" \
  "  FROM cases AS c, " DIMS ("c") " AS j WHERE " cond " AND j.type = 'array'\n" \
  "  GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4\n" \
  UPSERT_SUMS

const char * const rd_store_report_fill_sqls[] = {
  DECISIONS_FILL ("a.case_id >= ?1"),
  FAILS_FILL ("a.case_id >= ?1"),
  TOTALS_FILL ("c.id >= ?1"),
  LOST_FILL ("c.id >= ?1 AND c.id IN (SELECT case_id FROM intercepts WHERE case_id >= ?1)"),
  NULL,
};

const char rd_report_schema_sql[] =
  "CREATE TABLE order_counts (\n"
  "  month      TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),\n"
  "  channel    TEXT NOT NULL,\n"
  "  orders     INTEGER NOT NULL CHECK (orders >= 0),\n"
  "  updated_at INTEGER NOT NULL,\n"
  "  operator   TEXT NOT NULL,\n"
  "  PRIMARY KEY (month, channel)\n"
  ") STRICT;\n"
  "CREATE TABLE case_decisions (\n"
  "  id          INTEGER PRIMARY KEY,\n"
  "  requested_at INTEGER NOT NULL,\n"
  "  channel     TEXT NOT NULL,\n"
  "  approved    INTEGER NOT NULL,\n"
  "  approved_at INTEGER,\n"
  "  refused_at  INTEGER\n"
  ") STRICT;\n"
  "CREATE TABLE report_totals (\n"
  "  dim      TEXT NOT NULL,\n"
  "  hour     INTEGER NOT NULL,\n"
  "  value    TEXT NOT NULL,\n"
  "  currency TEXT NOT NULL,\n"
  "  n        INTEGER NOT NULL,\n"
  "  paid     ANY NOT NULL,\n"
  "  approved ANY NOT NULL,\n"
  "  PRIMARY KEY (dim, hour, value, currency)\n"
  ") STRICT, WITHOUT ROWID;\n"
  "CREATE TABLE report_not_recovered (\n"
  "  id           INTEGER PRIMARY KEY,\n"
  "  requested_at INTEGER NOT NULL,\n"
  "  currency     TEXT NOT NULL,\n"
  "  paid         INTEGER NOT NULL,\n"
  "  approved     INTEGER NOT NULL\n"
  ") STRICT;\n"
  "CREATE TABLE report_intercept_fails (\n"
  "  case_id INTEGER NOT NULL,\n"
  "  field   TEXT NOT NULL,\n"
  "  PRIMARY KEY (case_id, field)\n"
  ") STRICT, WITHOUT ROWID;\n"
  /* Every case already there. */
  DECISIONS_FILL ("true") ";\n"
  FAILS_FILL ("true") ";\n"
  TOTALS_FILL ("true") ";\n"
  LOST_FILL ("c.id IN (SELECT case_id FROM intercepts WHERE status IN ('failed', 'delivered', 'claim'))") ";\n"
  "CREATE INDEX case_decisions_speed ON case_decisions (channel, requested_at, approved, approved_at);\n"
  "CREATE INDEX report_not_recovered_requested ON report_not_recovered (requested_at);\n"
  "CREATE INDEX cases_report_paid ON cases (channel, requested_at, paid_at) WHERE paid_at IS NOT NULL;\n"
  "CREATE INDEX cases_report_breakdown ON cases (requested_at) WHERE breakdown IS NOT NULL;\n"
  "CREATE INDEX intercepts_report ON intercepts (created_at, courier, province, case_id, status,\n"
  "  requested_at, settled_at, tracking_no);\n"
  /* The triggers. */
  "CREATE TRIGGER report_totals_ai AFTER INSERT ON cases BEGIN\n"
  TOTALS_ADD ("new")
  "END;\n"
  "CREATE TRIGGER report_totals_au AFTER UPDATE OF requested_at, kind, reason, channel, payment_method,\n"
  "  currency, amount_paid, approved_amount, status, resolution, breakdown, platform_deadline ON cases BEGIN\n"
  TOTALS_REMOVE ("old")
  TOTALS_ADD ("new")
  "END;\n"
  "CREATE TRIGGER report_totals_ad AFTER DELETE ON cases BEGIN\n"
  TOTALS_REMOVE ("old")
  "END;\n"
  "CREATE TRIGGER case_decisions_au AFTER UPDATE OF requested_at, channel, approved_amount ON cases BEGIN\n"
  "  UPDATE case_decisions SET requested_at = new.requested_at, channel = new.channel,\n"
  "    approved = new.approved_amount IS NOT NULL WHERE id = new.id;\n"
  "END;\n"
  "CREATE TRIGGER case_decisions_ad AFTER DELETE ON cases BEGIN\n"
  "  DELETE FROM case_decisions WHERE id = old.id;\n"
  "END;\n"
  "CREATE TRIGGER case_decisions_audit_ai AFTER INSERT ON audit_log\n"
  "  WHEN new.case_id IS NOT NULL AND new.action IN ('approve', 'refuse') BEGIN\n"
  DECIDED_REMOVE ("new.case_id", "late", RD_REPORT_SQL_DECIDED_LATE ("c"))
  DECIDED_REMOVE ("new.case_id", "open_undecided", RD_REPORT_SQL_OPEN_UNDECIDED ("c"))
  "  INSERT INTO case_decisions (id, requested_at, channel, approved, approved_at, refused_at)\n"
  "    SELECT c.id, c.requested_at, c.channel, c.approved_amount IS NOT NULL,\n"
  "           CASE WHEN new.action = 'approve' THEN new.at END, CASE WHEN new.action = 'refuse' THEN new.at END\n"
  "    FROM cases AS c WHERE c.id = new.case_id\n"
  "    ON CONFLICT (id) DO UPDATE SET\n"
  "      approved_at = coalesce (min (approved_at, excluded.approved_at), approved_at, excluded.approved_at),\n"
  "      refused_at = coalesce (min (refused_at, excluded.refused_at), refused_at, excluded.refused_at);\n"
  DECIDED_ADD ("new.case_id", "late", RD_REPORT_SQL_DECIDED_LATE ("c"))
  DECIDED_ADD ("new.case_id", "open_undecided", RD_REPORT_SQL_OPEN_UNDECIDED ("c"))
  "END;\n"
  "CREATE TRIGGER report_fails_audit_ai AFTER INSERT ON audit_log\n"
  "  WHEN new.action = 'intercept_fail' AND new.case_id IS NOT NULL AND new.field IS NOT NULL BEGIN\n"
  "  INSERT OR IGNORE INTO report_intercept_fails (case_id, field) VALUES (new.case_id, new.field);\n"
  "END;\n"
  "CREATE TRIGGER report_lost_ai AFTER INSERT ON cases BEGIN\n"
  LOST_RECOMPUTE ("new.id")
  "END;\n"
  "CREATE TRIGGER report_lost_au AFTER UPDATE OF requested_at, currency, amount_paid, approved_amount,\n"
  "  status, resolution, paid_at ON cases BEGIN\n"
  LOST_RECOMPUTE ("new.id")
  "END;\n"
  "CREATE TRIGGER report_lost_ad AFTER DELETE ON cases BEGIN\n"
  "  DELETE FROM report_not_recovered WHERE id = old.id;\n"
  "END;\n"
  "CREATE TRIGGER report_lost_intercept_ai AFTER INSERT ON intercepts BEGIN\n"
  LOST_RECOMPUTE ("new.case_id")
  "END;\n"
  "CREATE TRIGGER report_lost_intercept_au AFTER UPDATE OF case_id, status ON intercepts BEGIN\n"
  LOST_RECOMPUTE ("old.case_id")
  LOST_RECOMPUTE ("new.case_id")
  "END;\n"
  "CREATE TRIGGER report_lost_intercept_ad AFTER DELETE ON intercepts BEGIN\n"
  LOST_RECOMPUTE ("old.case_id")
  "END;";

/* The three tables recomputed from the cases, the audit log and the
 * intercepts into TEMP tables of the same shape (the fill reads
 * case_decisions for 'late': the recomputed one, through a TEMP table of
 * that name, which hides the main one), compared both ways. */
gboolean
rd_store_report_tables_check (RdStore   *store,
                              char     **difference,
                              GError   **error)
{
  static const char * const setup =
    "CREATE TEMP TABLE case_decisions AS SELECT * FROM main.case_decisions WHERE 0;\n"
    "CREATE UNIQUE INDEX temp.case_decisions_id ON case_decisions (id);\n"
    "CREATE TEMP TABLE check_totals AS SELECT * FROM main.report_totals WHERE 0;\n"
    "CREATE UNIQUE INDEX temp.check_totals_key ON check_totals (dim, hour, value, currency);\n"
    "CREATE TEMP TABLE check_fails AS SELECT * FROM main.report_intercept_fails WHERE 0;\n"
    "CREATE UNIQUE INDEX temp.check_fails_key ON check_fails (case_id, field);\n"
    "CREATE TEMP TABLE check_lost AS SELECT * FROM main.report_not_recovered WHERE 0;\n"
    "CREATE UNIQUE INDEX temp.check_lost_id ON check_lost (id);\n"
    DECISIONS_FILL_INTO ("temp.case_decisions", "true") ";\n"
    FAILS_FILL_INTO ("temp.check_fails", "true") ";\n"
    TOTALS_FILL_INTO ("temp.check_totals", "true") ";\n"
    LOST_FILL_INTO ("temp.check_lost", "true") ";";
  static const char * const compare[][2] = {
    { "case_decisions",
      "SELECT (SELECT count(*) FROM (SELECT * FROM main.case_decisions EXCEPT SELECT * FROM temp.case_decisions))"
      " + (SELECT count(*) FROM (SELECT * FROM temp.case_decisions EXCEPT SELECT * FROM main.case_decisions))" },
    { "report_totals",
      "SELECT (SELECT count(*) FROM (SELECT * FROM main.report_totals EXCEPT SELECT * FROM temp.check_totals))"
      " + (SELECT count(*) FROM (SELECT * FROM temp.check_totals EXCEPT SELECT * FROM main.report_totals))" },
    { "report_intercept_fails",
      "SELECT (SELECT count(*) FROM (SELECT * FROM main.report_intercept_fails EXCEPT SELECT * FROM temp.check_fails))"
      " + (SELECT count(*) FROM (SELECT * FROM temp.check_fails EXCEPT SELECT * FROM main.report_intercept_fails))" },
    { "report_not_recovered",
      "SELECT (SELECT count(*) FROM (SELECT * FROM main.report_not_recovered EXCEPT SELECT * FROM temp.check_lost))"
      " + (SELECT count(*) FROM (SELECT * FROM temp.check_lost EXCEPT SELECT * FROM main.report_not_recovered))" },
  };
  g_autoptr(GString) differ = g_string_new ("");
  gboolean ok;

  g_return_val_if_fail (difference != NULL, FALSE);
  *difference = NULL;

  ok = rd_store_exec (store, "SAVEPOINT report_check", error) && rd_store_exec (store, setup, error);
  for (guint i = 0; ok && i < G_N_ELEMENTS (compare); i++)
    {
      g_autoptr(sqlite3_stmt) stmt = rd_store_prepare (store, compare[i][1], error);

      ok = stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW;
      if (ok && sqlite3_column_int64 (stmt, 0) != 0)
        g_string_append_printf (differ, "%s%s: %" G_GINT64_FORMAT " rows differ", differ->len ? "; " : "",
                                compare[i][0], (gint64) sqlite3_column_int64 (stmt, 0));
      else if (!ok && stmt != NULL)
        rd_store_set_error_from_db (store, sqlite3_errcode (rd_store_get_db (store)), error);
    }
  /* Nothing of the check stays. */
  rd_store_exec (store, "ROLLBACK TO report_check", NULL);
  rd_store_exec (store, "RELEASE report_check", NULL);
  rd_store_exec (store, "DROP TABLE IF EXISTS temp.case_decisions; DROP TABLE IF EXISTS temp.check_totals;"
                        " DROP TABLE IF EXISTS temp.check_lost; DROP TABLE IF EXISTS temp.check_fails", NULL);
  if (ok && differ->len > 0)
    *difference = g_string_free (g_steal_pointer (&differ), FALSE);
  return ok;
}
