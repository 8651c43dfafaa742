/* rd-report-sql.h
 *
 * The SQL conditions of the report's sets of cases (issue 15), on a row
 * named r of `cases`, shared by the triggers of schema version 15
 * (rd-store-schema-report.c), which keep the report's summary, and by the
 * ledger's filter (rd-ledger-query.c), which lists a set's cases when its
 * figure is clicked, so that both name the same cases. Plain macros of
 * string literals: the column names only, never a value.
 */
#pragma once

/* The approval and refusal times of the case r (case_decisions, from the
 * audit log's first "approve" and "refuse" entries). */
#define RD_REPORT_SQL_APPROVED_AT(r) "(SELECT d.approved_at FROM case_decisions AS d WHERE d.id = " r ".id)"
#define RD_REPORT_SQL_REFUSED_AT(r)  "(SELECT d.refused_at FROM case_decisions AS d WHERE d.id = " r ".id)"

/* A refund granted: approved, and not refused or withdrawn since. */
#define RD_REPORT_SQL_GRANTED(r) \
  "(" r ".approved_amount IS NOT NULL AND " r ".status NOT IN ('refused', 'withdrawn')" \
  " AND coalesce (" r ".resolution, '') NOT IN ('refused', 'withdrawn'))"

/* Refunds without a return. */
#define RD_REPORT_SQL_NO_RETURN(r) \
  "(" RD_REPORT_SQL_GRANTED (r) " AND (" r ".kind = 'refund_only_shipped'" \
  " OR " r ".resolution IS 'refund_without_return'))"

/* Compensation: resolved as such, or a breakdown with compensation. */
#define RD_REPORT_SQL_COMPENSATION(r) \
  "(" RD_REPORT_SQL_GRANTED (r) " AND (" r ".resolution IS 'compensation'" \
  " OR CASE WHEN " r ".breakdown IS NOT NULL AND json_valid (" r ".breakdown)" \
  " THEN json_type (" r ".breakdown, '$.input.compensation') IS NOT NULL ELSE 0 END))"

/* Decided after the platform's deadline: approved (with an amount) after
 * it, or else refused after it. */
#define RD_REPORT_SQL_DECIDED_LATE(r) \
  "(" r ".platform_deadline IS NOT NULL AND CASE" \
  " WHEN " r ".approved_amount IS NOT NULL AND " RD_REPORT_SQL_APPROVED_AT (r) " IS NOT NULL" \
  " THEN " RD_REPORT_SQL_APPROVED_AT (r) " > " r ".platform_deadline" \
  " WHEN " r ".resolution IS 'refused' AND " RD_REPORT_SQL_REFUSED_AT (r) " IS NOT NULL" \
  " THEN " RD_REPORT_SQL_REFUSED_AT (r) " > " r ".platform_deadline ELSE 0 END)"

/* The open statuses (the IN list of the partial index cases_open_deadline). */
#define RD_REPORT_SQL_OPEN_STATUSES \
  "('requested', 'approved', 'awaiting_return', 'returned', 'intercepting', 'awaiting_payout')"

/* Open and past its deadline at the time `now` (a bound parameter). */
#define RD_REPORT_SQL_OVERDUE(r, now) \
  "(" r ".status IN " RD_REPORT_SQL_OPEN_STATUSES " AND " r ".platform_deadline < " now ")"

/* Open, with a deadline. */
#define RD_REPORT_SQL_OPEN_DEADLINE(r) \
  "(" r ".status IN " RD_REPORT_SQL_OPEN_STATUSES " AND " r ".platform_deadline IS NOT NULL)"

/* Open with a deadline, and neither approved (with an amount) nor refused. */
#define RD_REPORT_SQL_OPEN_UNDECIDED(r) \
  "(" RD_REPORT_SQL_OPEN_DEADLINE (r) \
  " AND NOT (" r ".approved_amount IS NOT NULL AND " RD_REPORT_SQL_APPROVED_AT (r) " IS NOT NULL)" \
  " AND NOT (" r ".resolution IS 'refused' AND " RD_REPORT_SQL_REFUSED_AT (r) " IS NOT NULL))"

/* Not decided, open, and past its deadline at the time `now` (an SQL
 * expression: a bound parameter). */
#define RD_REPORT_SQL_OPEN_LATE(r, now) \
  "(" RD_REPORT_SQL_OPEN_UNDECIDED (r) " AND " r ".platform_deadline < " now ")"

/* Paid out while the parcel was not recovered (钱货两空): an intercept of
 * the case ended failed, delivered or in a claim, and none is back in the
 * warehouse. */
#define RD_REPORT_SQL_NOT_RECOVERED(r) \
  "(" RD_REPORT_SQL_GRANTED (r) " AND " r ".paid_at IS NOT NULL" \
  " AND EXISTS (SELECT 1 FROM intercepts AS i WHERE i.case_id = " r ".id" \
  " AND i.status IN ('failed', 'delivered', 'claim'))" \
  " AND NOT EXISTS (SELECT 1 FROM intercepts AS i WHERE i.case_id = " r ".id" \
  " AND i.status = 'back_in_warehouse'))"
