/* rd-intercepts.c
 *
 * Writes to the intercept register: create, transitions and tracking
 * movements — each in one transaction with its
 * audit entries and the step of the linked case (rd_intercept_case_step).
 * Reads by id and tracking number. Views and claims (filed and settled): rd-intercept-views.c;
 * warehouse scans: rd-intercept-scans.c.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-audit.h"
#include "rd-case.h"
#include "rd-case-store.h"
#include "rd-intercepts.h"
#include "rd-operators.h"
#include "rd-intercepts-private.h"
#include "rd-store-txn.h"

G_DEFINE_BOXED_TYPE (RdIntercept, rd_intercept, rd_intercept_copy, rd_intercept_free)

/* helpers */

char *
_rd_intercepts_dup_column (sqlite3_stmt *stmt,
                           int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text != NULL && *text != '\0')
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static void
bind_time_or_null (sqlite3_stmt *stmt,
                   int           index,
                   gint64        value)
{
  if (value != 0)
    sqlite3_bind_int64 (stmt, index, value);
  else
    sqlite3_bind_null (stmt, index);
}

static char *
format_time (gint64 at)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (at);

  return time != NULL ? g_date_time_format_iso8601 (time) : g_strdup_printf ("%" G_GINT64_FORMAT, at);
}

gboolean
_rd_intercepts_audit (RdStore            *store,
                      const RdIntercept  *intercept,
                      const char         *operator,
                      const char         *action,
                      const char         *what,
                      const char         *old_value,
                      const char         *new_value,
                      GError            **error)
{
  g_autofree char *field = g_strdup_printf ("intercept %s %s", intercept->tracking_no, what);

  return rd_audit_record (store, intercept->case_id, operator, action, field,
                          old_value, new_value, error);
}

static gboolean
step_done (RdStore     *store,
           sqlite3_stmt *stmt,
           GError     **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;
  rd_store_set_error_from_db (store, rc, error);
  return FALSE;
}

/* Every field a transition may change. */
static gboolean
write_intercept (RdStore            *store,
                 const RdIntercept  *intercept,
                 GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = rd_store_prepare (store,
                           "UPDATE intercepts SET status = ?2, condition = ?3, requested_at = ?4,"
                           " platform_deadline = ?5, last_movement_at = ?6, updated_at = ?7,"
                           " settled_at = ?8 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, intercept->id);
  sqlite3_bind_text (stmt, 2, rd_intercept_status_to_id (intercept->status), -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 3, rd_parcel_condition_to_id (intercept->condition));
  bind_time_or_null (stmt, 4, intercept->requested_at);
  bind_time_or_null (stmt, 5, intercept->platform_deadline);
  bind_time_or_null (stmt, 6, intercept->last_movement_at);
  sqlite3_bind_int64 (stmt, 7, intercept->updated_at);
  bind_time_or_null (stmt, 8, intercept->settled_at);

  return step_done (store, stmt, error);
}

/* What the workflow counts as the case's ticket (rd-case-workflow.c). */
static gint64
case_ticket (const RdCase *rcase)
{
  return rcase->approved_amount > 0 ? rcase->approved_amount : rcase->amount_paid;
}

static gboolean
move_case (RdStore          *store,
           gint64            case_id,
           RdWorkflowEvent   event,
           const RdPolicy   *policy,
           const char       *operator,
           gboolean          settled,
           gboolean         *moved,
           GError          **error)
{
  RdWorkflowFacts facts = { .shipped = TRUE, .intercept_settled = settled };
  g_autoptr(GError) local_error = NULL;

  *moved = FALSE;
  if (rd_case_store_transition_locked (store, case_id, event, &facts, policy, operator,
                                        NULL, NULL, &local_error))
    {
      *moved = TRUE;
      return TRUE;
    }

  /* The workflow refuses before it writes anything: the parcel's news is
   * recorded all the same and the case stays where it is. */
  if (local_error->domain == RD_WORKFLOW_ERROR)
    return TRUE;

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* Inside the transaction: the policy on the linked case for the
 * intercept's new status `to`. */
gboolean
_rd_intercepts_apply_case_step (RdStore             *store,
                                const RdIntercept   *intercept,
                                RdInterceptStatus    to,
                                const RdPolicy      *policy,
                                const char          *operator,
                                RdInterceptOutcome  *outcome,
                                GError             **error)
{
  g_autoptr(RdCase) rcase = NULL;
  gboolean settled = rd_intercept_status_is_settled (to);
  gboolean moved;

  if (intercept->case_id == 0)
    return TRUE;

  rcase = rd_case_store_get (store, intercept->case_id, error);
  if (rcase == NULL)
    return FALSE;

  outcome->case_from = outcome->case_to = rcase->status;
  /* The threshold is yuan: a dollar case's ticket at its rate, and no
   * threshold at all without one (the outcome says so). */
  outcome->ticket = rd_policy_classify_ticket (policy, case_ticket (rcase), rcase->currency,
                                               rcase->exchange_rate, NULL);
  outcome->step = rd_intercept_case_step (to, rcase->status, outcome->ticket == RD_TICKET_HIGH);

  switch (outcome->step)
    {
    case RD_INTERCEPT_CASE_STEP_START:
    case RD_INTERCEPT_CASE_STEP_START_AND_PAYOUT:
      if (!move_case (store, intercept->case_id, RD_WORKFLOW_EVENT_START_INTERCEPT, policy,
                      operator, settled, &moved, error))
        return FALSE;
      if (!moved)
        return TRUE;
      outcome->case_to = RD_CASE_STATUS_INTERCEPTING;
      if (outcome->step == RD_INTERCEPT_CASE_STEP_START)
        return TRUE;
      G_GNUC_FALLTHROUGH;

    case RD_INTERCEPT_CASE_STEP_PAYOUT:
      if (!move_case (store, intercept->case_id, RD_WORKFLOW_EVENT_READY_FOR_PAYOUT, policy,
                      operator, settled, &moved, error))
        return FALSE;
      if (moved)
        outcome->case_to = RD_CASE_STATUS_AWAITING_PAYOUT;
      return TRUE;

    case RD_INTERCEPT_CASE_STEP_NONE:
    case RD_INTERCEPT_CASE_STEP_SUGGEST_REFUSAL:
    default:
      return TRUE;
    }
}

static gboolean
validate (const RdIntercept  *intercept,
          GError            **error)
{
  if (intercept->courier <= RD_COURIER_NONE || intercept->courier >= RD_COURIER_LAST)
    {
      g_set_error_literal (error, RD_INTERCEPT_ERROR, RD_INTERCEPT_ERROR_INVALID,
                           _("Choose the courier."));
      return FALSE;
    }
  if (intercept->amount < 0 || intercept->amount >= RD_CASE_AMOUNT_LIMIT)
    {
      g_set_error_literal (error, RD_INTERCEPT_ERROR, RD_INTERCEPT_ERROR_INVALID,
                           _("The amount is not valid."));
      return FALSE;
    }
  if (intercept->status != RD_INTERCEPT_STATUS_PENDING &&
      intercept->status != RD_INTERCEPT_STATUS_REQUESTED)
    {
      g_set_error_literal (error, RD_INTERCEPT_ERROR, RD_INTERCEPT_ERROR_INVALID,
                           _("A new intercept is either pending or requested."));
      return FALSE;
    }
  if ((intercept->province != NULL && !g_utf8_validate (intercept->province, -1, NULL)) ||
      (intercept->notes != NULL && !g_utf8_validate (intercept->notes, -1, NULL)) ||
      (intercept->order_no != NULL && !g_utf8_validate (intercept->order_no, -1, NULL)))
    {
      g_set_error_literal (error, RD_INTERCEPT_ERROR, RD_INTERCEPT_ERROR_INVALID,
                           _("A field contains text that is not valid."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
find_id_by_tracking (RdStore     *store,
                     const char  *tracking_no,
                     gint64      *id,
                     GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  *id = 0;
  stmt = rd_store_prepare (store, "SELECT id FROM intercepts WHERE tracking_no = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, tracking_no, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

static void
set_not_found (GError     **error,
               const char  *tracking_no)
{
  if (tracking_no != NULL)
    g_set_error (error, RD_INTERCEPT_ERROR, RD_INTERCEPT_ERROR_NOT_FOUND,
                 _("The tracking number %s is not in the intercept register."), tracking_no);
  else
    g_set_error_literal (error, RD_INTERCEPT_ERROR, RD_INTERCEPT_ERROR_NOT_FOUND,
                         _("This intercept is no longer in the register."));
}

static gboolean
create_locked (RdStore             *store,
               RdIntercept         *intercept,
               const RdPolicy      *policy,
               const char          *operator,
               gint64               now,
               gint64              *existing_id,
               RdInterceptOutcome  *outcome,
               GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(RdCase) rcase = NULL;
  gint64 existing;
  gint64 start;

  if (!find_id_by_tracking (store, intercept->tracking_no, &existing, error))
    return FALSE;
  if (existing != 0)
    {
      if (existing_id != NULL)
        *existing_id = existing;
      g_set_error (error, RD_INTERCEPT_ERROR, RD_INTERCEPT_ERROR_DUPLICATE,
                   _("The tracking number %s is already in the register."), intercept->tracking_no);
      return FALSE;
    }

  if (intercept->case_id != 0)
    {
      rcase = rd_case_store_get (store, intercept->case_id, error);
      if (rcase == NULL)
        return FALSE;
      if (intercept->order_no == NULL)
        intercept->order_no = g_strdup (rcase->order_no);
      if (intercept->channel == NULL)
        intercept->channel = g_strdup (rcase->channel);
    }

  if (intercept->status == RD_INTERCEPT_STATUS_REQUESTED && intercept->requested_at == 0)
    intercept->requested_at = now;
  if (intercept->platform_deadline == 0)
    {
      start = rcase != NULL ? rcase->requested_at
              : intercept->requested_at != 0 ? intercept->requested_at : now;
      intercept->platform_deadline = rcase != NULL && rcase->platform_deadline != 0
                                     ? rcase->platform_deadline
                                     : rd_intercept_compute_deadline (policy, intercept->channel, start);
    }
  intercept->created_at = intercept->updated_at = now;
  g_free (intercept->operator);
  intercept->operator = g_strdup (operator);

  stmt = rd_store_prepare (store,
                           "INSERT INTO intercepts (courier, tracking_no, case_id, order_no, channel,"
                           " amount, province, status, requested_at, platform_deadline,"
                           " last_movement_at, created_at, updated_at, operator, notes)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12, ?13, ?14)"
                           " RETURNING id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, rd_courier_to_id (intercept->courier), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, intercept->tracking_no, -1, SQLITE_STATIC);
  if (intercept->case_id != 0)
    sqlite3_bind_int64 (stmt, 3, intercept->case_id);
  else
    sqlite3_bind_null (stmt, 3);
  bind_text_or_null (stmt, 4, intercept->order_no);
  bind_text_or_null (stmt, 5, intercept->channel);
  sqlite3_bind_int64 (stmt, 6, intercept->amount);
  bind_text_or_null (stmt, 7, intercept->province);
  sqlite3_bind_text (stmt, 8, rd_intercept_status_to_id (intercept->status), -1, SQLITE_STATIC);
  bind_time_or_null (stmt, 9, intercept->requested_at);
  bind_time_or_null (stmt, 10, intercept->platform_deadline);
  bind_time_or_null (stmt, 11, intercept->last_movement_at);
  sqlite3_bind_int64 (stmt, 12, now);
  sqlite3_bind_text (stmt, 13, operator, -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 14, intercept->notes);

  if (!_rd_intercepts_step_row (store, stmt, error))
    return FALSE;
  intercept->id = sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!_rd_intercepts_audit (store, intercept, operator, "intercept_create", "status", NULL,
                             rd_intercept_status_to_id (intercept->status), error))
    return FALSE;

  outcome->from = RD_INTERCEPT_STATUS_NONE;
  outcome->to = intercept->status;
  if (intercept->status == RD_INTERCEPT_STATUS_REQUESTED)
    return _rd_intercepts_apply_case_step (store, intercept, intercept->status, policy, operator, outcome, error);
  return TRUE;
}

/* Inside the transaction. */
gboolean
_rd_intercepts_transition_locked (RdStore             *store,
                                  RdIntercept         *intercept,
                                  RdInterceptEvent     event,
                                  RdParcelCondition    condition,
                                  const RdPolicy      *policy,
                                  const char          *operator,
                                  gint64               now,
                                  RdInterceptOutcome  *outcome,
                                  GError             **error)
{
  RdInterceptStatus from = intercept->status;
  RdParcelCondition old_condition = intercept->condition;
  g_autofree char *action = NULL;
  RdInterceptStatus to;

  if (!rd_intercept_apply (from, event, old_condition, condition, &to, error))
    return FALSE;

  outcome->from = from;
  outcome->to = to;
  outcome->case_from = outcome->case_to = RD_CASE_STATUS_NONE;

  intercept->status = to;
  if (event == RD_INTERCEPT_EVENT_REQUEST)
    intercept->requested_at = now;
  if (event == RD_INTERCEPT_EVENT_BACK_IN_WAREHOUSE)
    intercept->condition = condition;
  if (intercept->settled_at == 0 && rd_intercept_status_is_settled (to))
    intercept->settled_at = now;
  intercept->updated_at = now;

  if (!write_intercept (store, intercept, error))
    return FALSE;

  action = g_strconcat ("intercept_", rd_intercept_event_to_id (event), NULL);
  if (from != to &&
      !_rd_intercepts_audit (store, intercept, operator, action, "status",
                             rd_intercept_status_to_id (from), rd_intercept_status_to_id (to), error))
    return FALSE;
  if (old_condition != intercept->condition &&
      !_rd_intercepts_audit (store, intercept, operator, "intercept_condition", "condition",
                             rd_parcel_condition_to_id (old_condition),
                             rd_parcel_condition_to_id (intercept->condition), error))
    return FALSE;

  if (from == to)
    return TRUE;
  if (event == RD_INTERCEPT_EVENT_FILE_CLAIM)
    return TRUE;   /* the remedy decides: rd_intercepts_file_claim */
  return _rd_intercepts_apply_case_step (store, intercept, to, policy, operator, outcome, error);
}

/* callbacks */

/* public */

RdIntercept *
rd_intercept_new (void)
{
  RdIntercept *self = g_new0 (RdIntercept, 1);

  self->status = RD_INTERCEPT_STATUS_PENDING;
  self->currency = rd_currency_normalize (NULL);
  return self;
}

RdIntercept *
rd_intercept_copy (const RdIntercept *self)
{
  RdIntercept *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->tracking_no = g_strdup (self->tracking_no);
  copy->case_no = g_strdup (self->case_no);
  copy->order_no = g_strdup (self->order_no);
  copy->buyer_name = g_strdup (self->buyer_name);
  copy->channel = g_strdup (self->channel);
  copy->province = g_strdup (self->province);
  copy->operator = g_strdup (self->operator);
  copy->notes = g_strdup (self->notes);
  copy->exchange_rate = g_strdup (self->exchange_rate);
  return copy;
}

void
rd_intercept_free (RdIntercept *self)
{
  if (self == NULL)
    return;

  g_free (self->tracking_no);
  g_free (self->case_no);
  g_free (self->order_no);
  g_free (self->buyer_name);
  g_free (self->channel);
  g_free (self->province);
  g_free (self->operator);
  g_free (self->notes);
  g_free (self->exchange_rate);
  g_free (self);
}

RdTicketClass
rd_intercept_get_ticket (const RdIntercept *self,
                         const RdPolicy    *policy)
{
  g_return_val_if_fail (self != NULL, RD_TICKET_HIGH);

  return rd_policy_classify_ticket (policy, self->amount, self->currency, self->exchange_rate, NULL);
}

gboolean
rd_intercept_is_high_ticket (const RdIntercept *self,
                             const RdPolicy    *policy)
{
  return rd_intercept_get_ticket (self, policy) == RD_TICKET_HIGH;
}

gint64
rd_intercept_get_quiet_since (const RdIntercept *self)
{
  g_return_val_if_fail (self != NULL, 0);

  if (self->last_movement_at != 0)
    return self->last_movement_at;
  if (self->requested_at != 0)
    return self->requested_at;
  return self->created_at;
}

gint64
rd_intercept_get_loss (const RdIntercept *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->refunded > self->recovered ? self->refunded - self->recovered : 0;
}

void
rd_scan_result_clear (RdScanResult *result)
{
  g_clear_pointer (&result->intercept, rd_intercept_free);
  memset (result, 0, sizeof *result);
}

RdIntercept *
_rd_intercept_from_row (sqlite3_stmt *stmt)
{
  RdIntercept *self = g_new0 (RdIntercept, 1);

  self->id = sqlite3_column_int64 (stmt, 0);
  self->courier = rd_courier_from_id ((const char *) sqlite3_column_text (stmt, 1));
  self->tracking_no = _rd_intercepts_dup_column (stmt, 2);
  self->case_id = sqlite3_column_int64 (stmt, 3);
  self->case_no = _rd_intercepts_dup_column (stmt, 4);
  self->order_no = _rd_intercepts_dup_column (stmt, 5);
  self->buyer_name = _rd_intercepts_dup_column (stmt, 6);
  self->channel = _rd_intercepts_dup_column (stmt, 7);
  self->amount = sqlite3_column_int64 (stmt, 8);
  self->province = _rd_intercepts_dup_column (stmt, 9);
  self->status = rd_intercept_status_from_id ((const char *) sqlite3_column_text (stmt, 10));
  self->condition = rd_parcel_condition_from_id ((const char *) sqlite3_column_text (stmt, 11));
  self->requested_at = sqlite3_column_int64 (stmt, 12);
  self->platform_deadline = sqlite3_column_int64 (stmt, 13);
  self->last_movement_at = sqlite3_column_int64 (stmt, 14);
  self->created_at = sqlite3_column_int64 (stmt, 15);
  self->updated_at = sqlite3_column_int64 (stmt, 16);
  self->settled_at = sqlite3_column_int64 (stmt, 17);
  self->operator = _rd_intercepts_dup_column (stmt, 18);
  self->notes = _rd_intercepts_dup_column (stmt, 19);
  self->refunded = sqlite3_column_int64 (stmt, 20);
  self->recovered = sqlite3_column_int64 (stmt, 21);
  self->currency = rd_currency_normalize ((const char *) sqlite3_column_text (stmt, 22));
  self->exchange_rate = _rd_intercepts_dup_column (stmt, 23);
  return self;
}

gboolean
_rd_intercepts_step_row (RdStore       *store,
                         sqlite3_stmt  *stmt,
                         GError       **error)
{
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      rd_store_set_error_from_db (store, sqlite3_errcode (rd_store_get_db (store)), error);
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
_rd_intercepts_collect_rows (RdStore                *store,
                             sqlite3_stmt           *stmt,
                             RdInterceptsRowFunc     row_func,
                             GDestroyNotify          free_func,
                             GError                **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (free_func);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, row_func (stmt));
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

static gpointer
intercept_row (sqlite3_stmt *stmt)
{
  return _rd_intercept_from_row (stmt);
}

GPtrArray *
_rd_intercepts_collect (RdStore       *store,
                        sqlite3_stmt  *stmt,
                        GError       **error)
{
  return _rd_intercepts_collect_rows (store, stmt, intercept_row,
                                      (GDestroyNotify) rd_intercept_free, error);
}

/* The one intercept stmt selects; not found (about tracking_no, may be
 * NULL) when there is none. */
static RdIntercept *
collect_one (RdStore       *store,
             sqlite3_stmt  *stmt,
             const char    *tracking_no,
             GError       **error)
{
  g_autoptr(GPtrArray) rows = _rd_intercepts_collect (store, stmt, error);

  if (rows == NULL)
    return NULL;
  if (rows->len == 0)
    {
      set_not_found (error, tracking_no);
      return NULL;
    }
  return g_ptr_array_steal_index (rows, 0);
}

RdIntercept *
rd_intercepts_get (RdStore  *store,
                   gint64    id,
                   GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  stmt = rd_store_prepare (store, RD_INTERCEPT_SELECT "WHERE i.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  return collect_one (store, stmt, NULL, error);
}

RdIntercept *
rd_intercepts_find_by_tracking (RdStore     *store,
                                const char  *tracking_no,
                                GError     **error)
{
  g_autofree char *normalized = rd_tracking_number_normalize (tracking_no);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  if (normalized == NULL)
    {
      g_set_error_literal (error, RD_INTERCEPT_ERROR, RD_INTERCEPT_ERROR_INVALID,
                           _("This is not a tracking number."));
      return NULL;
    }

  stmt = rd_store_prepare (store, RD_INTERCEPT_SELECT "WHERE i.tracking_no = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, normalized, -1, SQLITE_STATIC);
  return collect_one (store, stmt, normalized, error);
}

/* The register's courier for the courier of a case's outbound parcel (an
 * id of the shop's list of couriers, rd-shop-lists.h): the same ids but
 * J&T's, and a courier of the shop's own is "other". */
static RdCourier
courier_of_case (const char *id)
{
  RdCourier courier;

  if (id == NULL || *id == '\0')
    return RD_COURIER_NONE;
  if (g_str_equal (id, "jtexpress"))
    return RD_COURIER_JT;
  courier = rd_courier_from_id (id);
  return courier != RD_COURIER_NONE ? courier : RD_COURIER_OTHER;
}

RdIntercept *
rd_intercepts_prefill_from_case (RdStore         *store,
                                 gint64           case_id,
                                 const RdPolicy  *policy,
                                 gint64           now,
                                 GError         **error)
{
  g_autoptr(RdCase) rcase = NULL;
  RdIntercept *intercept;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (policy != NULL, NULL);

  rcase = rd_case_store_get (store, case_id, error);
  if (rcase == NULL)
    return NULL;

  if (rcase->kind == RD_REFUND_KIND_RETURN_REFUND)
    {
      g_set_error (error, RD_INTERCEPT_ERROR, RD_INTERCEPT_ERROR_INVALID,
                   _("%s is a return and refund: the buyer sends the goods back, there is no parcel to intercept."),
                   rcase->case_no);
      return NULL;
    }
  if (!rd_case_status_is_open (rcase->status))
    {
      g_set_error (error, RD_INTERCEPT_ERROR, RD_INTERCEPT_ERROR_INVALID,
                   _("%s is “%s”: it needs no intercept any more."),
                   rcase->case_no, rd_case_status_get_name (rcase->status));
      return NULL;
    }

  intercept = rd_intercept_new ();
  intercept->case_id = rcase->id;
  intercept->case_no = g_strdup (rcase->case_no);
  intercept->order_no = g_strdup (rcase->order_no);
  intercept->buyer_name = g_strdup (rcase->buyer_name);
  intercept->channel = g_strdup (rcase->channel);
  intercept->amount = rcase->approved_amount >= 0 ? rcase->approved_amount : rcase->amount_paid;
  intercept->courier = courier_of_case (rcase->outbound_courier);
  intercept->tracking_no = rd_tracking_number_normalize (rcase->outbound_tracking);
  intercept->currency = rd_currency_normalize (rcase->currency);
  intercept->requested_at = now;
  intercept->platform_deadline = rcase->platform_deadline != 0
                                 ? rcase->platform_deadline
                                 : rd_intercept_compute_deadline (policy, rcase->channel,
                                                                  rcase->requested_at);
  return intercept;
}

gboolean
rd_intercepts_create (RdStore             *store,
                      RdIntercept         *intercept,
                      const RdPolicy      *policy,
                      const char          *operator,
                      gint64               now,
                      gint64              *existing_id,
                      RdInterceptOutcome  *outcome,
                      GError             **error)
{
  RdInterceptOutcome local_outcome = { 0 };
  g_autofree char *normalized = NULL;
  gboolean owned;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (intercept != NULL && policy != NULL, FALSE);
  g_return_val_if_fail (operator != NULL, FALSE);

  if (existing_id != NULL)
    *existing_id = 0;
  if (intercept->status == RD_INTERCEPT_STATUS_NONE)
    intercept->status = RD_INTERCEPT_STATUS_PENDING;

  normalized = rd_tracking_number_normalize (intercept->tracking_no);
  if (normalized == NULL)
    {
      g_set_error_literal (error, RD_INTERCEPT_ERROR, RD_INTERCEPT_ERROR_INVALID,
                           _("Enter the tracking number (at most 64 characters)."));
      return FALSE;
    }
  g_free (intercept->tracking_no);
  intercept->tracking_no = g_steal_pointer (&normalized);

  if (!validate (intercept, error))
    return FALSE;

  if (!rd_store_txn_begin (store, &owned, error))
    return FALSE;
  if (!rd_operators_check (store, operator, RD_ACTION_INTERCEPT, error))
    {
      rd_store_txn_rollback (store, owned);
      return FALSE;
    }
  if (!create_locked (store, intercept, policy, operator, now, existing_id, &local_outcome, error))
    {
      rd_store_txn_rollback (store, owned);
      intercept->id = 0;
      return FALSE;
    }
  if (!rd_store_txn_commit (store, owned, error))
    {
      intercept->id = 0;
      return FALSE;
    }

  if (outcome != NULL)
    *outcome = local_outcome;
  return TRUE;
}

gboolean
rd_intercepts_transition (RdStore             *store,
                          gint64               id,
                          RdInterceptEvent     event,
                          RdParcelCondition    condition,
                          const RdPolicy      *policy,
                          const char          *operator,
                          gint64               now,
                          RdInterceptOutcome  *outcome,
                          GError             **error)
{
  RdInterceptOutcome local_outcome = { 0 };
  g_autoptr(RdIntercept) intercept = NULL;
  gboolean owned;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (policy != NULL && operator != NULL, FALSE);
  g_return_val_if_fail ((guint) event < RD_INTERCEPT_N_EVENTS, FALSE);
  g_return_val_if_fail (event != RD_INTERCEPT_EVENT_FILE_CLAIM, FALSE);

  if (!rd_store_txn_begin (store, &owned, error))
    return FALSE;
  if (!rd_operators_check (store, operator, RD_ACTION_INTERCEPT, error))
    {
      rd_store_txn_rollback (store, owned);
      return FALSE;
    }

  intercept = rd_intercepts_get (store, id, error);
  if (intercept == NULL ||
      !_rd_intercepts_transition_locked (store, intercept, event, condition, policy, operator, now,
                                         &local_outcome, error))
    {
      rd_store_txn_rollback (store, owned);
      return FALSE;
    }
  if (!rd_store_txn_commit (store, owned, error))
    return FALSE;

  if (outcome != NULL)
    *outcome = local_outcome;
  return TRUE;
}

gboolean
rd_intercepts_record_movement (RdStore     *store,
                               gint64       id,
                               gint64       at,
                               const char  *description,
                               const char  *operator,
                               GError     **error)
{
  g_autoptr(RdIntercept) intercept = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gboolean owned;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (operator != NULL, FALSE);

  if (at <= 0)
    {
      g_set_error_literal (error, RD_INTERCEPT_ERROR, RD_INTERCEPT_ERROR_INVALID,
                           _("Enter when the parcel last moved."));
      return FALSE;
    }

  if (!rd_store_txn_begin (store, &owned, error))
    return FALSE;
  if (!rd_operators_check (store, operator, RD_ACTION_INTERCEPT, error))
    {
      rd_store_txn_rollback (store, owned);
      return FALSE;
    }

  intercept = rd_intercepts_get (store, id, error);
  if (intercept == NULL)
    goto fail;

  insert = rd_store_prepare (store,
                             "INSERT INTO tracking_events (intercept_id, at, description, recorded_at, operator)"
                             " VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (insert == NULL)
    goto fail;
  sqlite3_bind_int64 (insert, 1, id);
  sqlite3_bind_int64 (insert, 2, at);
  bind_text_or_null (insert, 3, description);
  sqlite3_bind_int64 (insert, 4, now);
  sqlite3_bind_text (insert, 5, operator, -1, SQLITE_STATIC);
  if (!step_done (store, insert, error))
    goto fail;

  if (at > intercept->last_movement_at)
    {
      update = rd_store_prepare (store,
                                 "UPDATE intercepts SET last_movement_at = ?2, updated_at = ?3 WHERE id = ?1",
                                 error);
      if (update == NULL)
        goto fail;
      sqlite3_bind_int64 (update, 1, id);
      sqlite3_bind_int64 (update, 2, at);
      sqlite3_bind_int64 (update, 3, now);
      if (!step_done (store, update, error))
        goto fail;

      old_text = intercept->last_movement_at != 0 ? format_time (intercept->last_movement_at) : NULL;
      new_text = format_time (at);
      if (!_rd_intercepts_audit (store, intercept, operator, "intercept_movement", "last_movement",
                                 old_text, new_text, error))
        goto fail;
    }

  return rd_store_txn_commit (store, owned, error);

fail:
  rd_store_txn_rollback (store, owned);
  return FALSE;
}
