/* rd-intercepts-private.h
 *
 * Between rd-intercepts.c (writes) and rd-intercept-views.c (views, claims).
 */
#pragma once

#if !defined (RD_INTERCEPTS_COMPILATION)
# error "rd-intercepts-private.h is for src/core/intercepts only."
#endif

#include "rd-intercepts.h"

G_BEGIN_DECLS

/* The columns _rd_intercept_from_row reads, FROM intercepts i LEFT JOIN
 * cases c, with the refunded and recovered sums. Append WHERE/ORDER BY. */
#define RD_INTERCEPT_SELECT \
  "SELECT i.id, i.courier, i.tracking_no, coalesce (i.case_id, 0), c.case_no," \
  " coalesce (i.order_no, c.order_no), c.buyer_name, i.channel, i.amount, i.province," \
  " i.status, i.condition, coalesce (i.requested_at, 0), coalesce (i.platform_deadline, 0)," \
  " coalesce (i.last_movement_at, 0), i.created_at, i.updated_at, coalesce (i.settled_at, 0)," \
  " i.operator, i.notes," \
  " coalesce ((SELECT sum (p.amount) FROM payouts p WHERE p.case_id = i.case_id)," \
  "   CASE WHEN c.status IN ('paid', 'arrived', 'closed') THEN coalesce (c.approved_amount, 0) ELSE 0 END)," \
  " (SELECT coalesce (sum (k.amount_recovered), 0) FROM claims k WHERE k.intercept_id = i.id)," \
  " c.currency, c.exchange_rate" \
  " FROM intercepts i LEFT JOIN cases c ON c.id = i.case_id "

/* The parcels rd_intercept_is_unmatched tells, in SQL over intercepts i:
 * back in the warehouse with no case, no request, no deadline, no order. */
#define RD_INTERCEPT_UNMATCHED_WHERE \
  " i.status = 'back_in_warehouse' AND i.case_id IS NULL" \
  " AND coalesce (i.requested_at, 0) = 0 AND coalesce (i.platform_deadline, 0) = 0" \
  " AND coalesce (i.order_no, '') = '' "

RdIntercept *_rd_intercept_from_row     (sqlite3_stmt  *stmt);

/* A column's text, copied; NULL for SQL NULL. */
char        *_rd_intercepts_dup_column  (sqlite3_stmt  *stmt,
                                         int            column);

/* Steps stmt to its (first) row: FALSE with the database's error when
 * there is none. */
gboolean     _rd_intercepts_step_row    (RdStore       *store,
                                         sqlite3_stmt  *stmt,
                                         GError       **error);

/* Builds one element from the current row of stmt. */
typedef gpointer (*RdInterceptsRowFunc) (sqlite3_stmt *stmt);

/* Steps stmt to the end, one row_func element per row, in an array that
 * frees them with free_func. NULL on error. */
GPtrArray   *_rd_intercepts_collect_rows (RdStore               *store,
                                          sqlite3_stmt          *stmt,
                                          RdInterceptsRowFunc    row_func,
                                          GDestroyNotify         free_func,
                                          GError               **error);

/* Steps stmt to the end, one RdIntercept per row. NULL on error. */
GPtrArray   *_rd_intercepts_collect     (RdStore       *store,
                                         sqlite3_stmt  *stmt,
                                         GError       **error);

/* rd-intercepts.c, inside the caller's transaction: an event applied,
 * stamped, audited and the linked case moved (not for FILE_CLAIM). */
gboolean     _rd_intercepts_transition_locked (RdStore             *store,
                                               RdIntercept         *intercept,
                                               RdInterceptEvent     event,
                                               RdParcelCondition    condition,
                                               const RdPolicy      *policy,
                                               const char          *operator,
                                               gint64               now,
                                               RdInterceptOutcome  *outcome,
                                               GError             **error);
/* The policy on the linked case for the intercept's new status `to`
 * (rd_intercept_case_step), inside the caller's transaction. */
gboolean     _rd_intercepts_apply_case_step   (RdStore             *store,
                                               const RdIntercept   *intercept,
                                               RdInterceptStatus    to,
                                               const RdPolicy      *policy,
                                               const char          *operator,
                                               RdInterceptOutcome  *outcome,
                                               GError             **error);
/* An audit entry about the parcel: field "intercept <tracking> <what>". */
gboolean     _rd_intercepts_audit             (RdStore             *store,
                                               const RdIntercept   *intercept,
                                               const char          *operator,
                                               const char          *action,
                                               const char          *what,
                                               const char          *old_value,
                                               const char          *new_value,
                                               GError             **error);

G_END_DECLS
