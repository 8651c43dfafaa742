/* rd-case-store.c
 *
 * Writes and reads of refund cases. Keep every write function small: one
 * transaction, one operator, so that the audit trail can be added inside.
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "rd-audit.h"
#include "rd-case-audit-private.h"
#include "rd-case-store.h"
#include "rd-case-store-private.h"

G_DEFINE_QUARK (rd-case-store-error-quark, rd_case_store_error)

/* The columns of a case, in the order of the statements below. */
#define CASE_COLUMNS \
  "channel, order_no, after_sales_no, buyer_name, buyer_contact, kind, " \
  "goods_kind, order_state, reason, payment_method, refund_route, currency, " \
  "exchange_rate, amount_paid, approved_amount, breakdown, requested_at, " \
  "platform_deadline, expected_arrival, handler, approved_by, notes, " \
  "return_tracking, resolution, refusal_reason, status, updated_at, paid_at, " \
  "closed_at, outbound_courier, outbound_tracking, proposed_by"
#define N_CASE_COLUMNS 32

/* Rows per INSERT statement. FTS5 flushes its pending terms at the end of
 * every statement, so one statement for many rows makes bulk inserts
 * several times faster than one per row. */
#define ROWS_PER_INSERT 50
#define PARAMS_PER_ROW (N_CASE_COLUMNS + 3)
G_STATIC_ASSERT (PARAMS_PER_ROW == RD_CASE_STORE_PARAMS_PER_ROW);

static const char update_sql[] =
  "UPDATE cases SET channel = ?1, order_no = ?2, after_sales_no = ?3, buyer_name = ?4, "
  "buyer_contact = ?5, kind = ?6, goods_kind = ?7, order_state = ?8, reason = ?9, "
  "payment_method = ?10, refund_route = ?11, currency = ?12, exchange_rate = ?13, "
  "amount_paid = ?14, approved_amount = ?15, breakdown = ?16, requested_at = ?17, "
  "platform_deadline = ?18, expected_arrival = ?19, handler = ?20, approved_by = ?21, "
  "notes = ?22, return_tracking = ?23, resolution = ?24, refusal_reason = ?25, "
  "status = ?26, updated_at = ?27, paid_at = ?28, closed_at = ?29, outbound_courier = ?30, "
  "outbound_tracking = ?31, proposed_by = ?32 WHERE id = ?33";

const char _rd_case_store_select_sql[] =
  "SELECT " CASE_COLUMNS ", id, case_no, created_at, created_by FROM cases ";

static const char next_number_sql[] =
  "INSERT INTO case_numbers (year, last) VALUES (?1, 1) "
  "ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last";

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

static void
bind_time (sqlite3_stmt *stmt,
           int           index,
           gint64        value)
{
  if (value == 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, value);
}

/* Binds parameters base + 1 … base + N_CASE_COLUMNS. */
void
_rd_case_store_bind_case (sqlite3_stmt *stmt,
           const RdCase *c,
           int           base)
{
  bind_text (stmt, base + 1, c->channel);
  bind_text (stmt, base + 2, c->order_no);
  bind_text (stmt, base + 3, c->after_sales_no);
  bind_text (stmt, base + 4, c->buyer_name);
  bind_text (stmt, base + 5, c->buyer_contact);
  bind_text (stmt, base + 6, rd_refund_kind_to_id (c->kind));
  bind_text (stmt, base + 7, rd_goods_kind_to_id (c->goods_kind) ? rd_goods_kind_to_id (c->goods_kind) : "standard");
  bind_text (stmt, base + 8, c->order_state);
  bind_text (stmt, base + 9, c->reason);
  bind_text (stmt, base + 10, rd_payment_method_to_id (c->payment_method));
  bind_text (stmt, base + 11, rd_refund_route_to_id (c->refund_route));
  bind_text (stmt, base + 12, c->currency ? c->currency : "CNY");
  bind_text (stmt, base + 13, c->exchange_rate);
  sqlite3_bind_int64 (stmt, base + 14, c->amount_paid);
  if (c->approved_amount < 0)
    sqlite3_bind_null (stmt, base + 15);
  else
    sqlite3_bind_int64 (stmt, base + 15, c->approved_amount);
  bind_text (stmt, base + 16, c->breakdown);
  sqlite3_bind_int64 (stmt, base + 17, c->requested_at);
  bind_time (stmt, base + 18, c->platform_deadline);
  bind_text (stmt, base + 19, c->expected_arrival);
  bind_text (stmt, base + 20, c->handler);
  bind_text (stmt, base + 21, c->approved_by);
  bind_text (stmt, base + 22, c->notes);
  bind_text (stmt, base + 23, c->return_tracking);
  bind_text (stmt, base + 24, rd_resolution_to_id (c->resolution));
  bind_text (stmt, base + 25, rd_refusal_reason_to_id (c->refusal_reason));
  bind_text (stmt, base + 26, rd_case_status_to_id (c->status));
  sqlite3_bind_int64 (stmt, base + 27, c->updated_at);
  bind_time (stmt, base + 28, c->paid_at);
  bind_time (stmt, base + 29, c->closed_at);
  bind_text (stmt, base + 30, c->outbound_courier);
  bind_text (stmt, base + 31, c->outbound_tracking);
  bind_text (stmt, base + 32, c->proposed_by);
}

static char *
column_text (sqlite3_stmt *stmt,
             int           col)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, col));
}

RdCase *
_rd_case_store_read_case (sqlite3_stmt *stmt)
{
  RdCase *c = g_new0 (RdCase, 1);

  c->channel = column_text (stmt, 0);
  c->order_no = column_text (stmt, 1);
  c->after_sales_no = column_text (stmt, 2);
  c->buyer_name = column_text (stmt, 3);
  c->buyer_contact = column_text (stmt, 4);
  c->kind = rd_refund_kind_from_id ((const char *) sqlite3_column_text (stmt, 5));
  c->goods_kind = rd_goods_kind_from_id ((const char *) sqlite3_column_text (stmt, 6));
  c->order_state = column_text (stmt, 7);
  c->reason = column_text (stmt, 8);
  c->payment_method = rd_payment_method_from_id ((const char *) sqlite3_column_text (stmt, 9));
  c->refund_route = rd_refund_route_from_id ((const char *) sqlite3_column_text (stmt, 10));
  c->currency = column_text (stmt, 11);
  c->exchange_rate = column_text (stmt, 12);
  c->amount_paid = sqlite3_column_int64 (stmt, 13);
  c->approved_amount = sqlite3_column_type (stmt, 14) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 14);
  c->breakdown = column_text (stmt, 15);
  c->requested_at = sqlite3_column_int64 (stmt, 16);
  c->platform_deadline = sqlite3_column_int64 (stmt, 17);
  c->expected_arrival = column_text (stmt, 18);
  c->handler = column_text (stmt, 19);
  c->approved_by = column_text (stmt, 20);
  c->notes = column_text (stmt, 21);
  c->return_tracking = column_text (stmt, 22);
  c->resolution = rd_resolution_from_id ((const char *) sqlite3_column_text (stmt, 23));
  c->refusal_reason = rd_refusal_reason_from_id ((const char *) sqlite3_column_text (stmt, 24));
  c->status = rd_case_status_from_id ((const char *) sqlite3_column_text (stmt, 25));
  c->updated_at = sqlite3_column_int64 (stmt, 26);
  c->paid_at = sqlite3_column_int64 (stmt, 27);
  c->closed_at = sqlite3_column_int64 (stmt, 28);
  c->outbound_courier = column_text (stmt, 29);
  c->outbound_tracking = column_text (stmt, 30);
  c->proposed_by = column_text (stmt, 31);
  c->id = sqlite3_column_int64 (stmt, N_CASE_COLUMNS);
  c->case_no = column_text (stmt, N_CASE_COLUMNS + 1);
  c->created_at = sqlite3_column_int64 (stmt, N_CASE_COLUMNS + 2);
  c->created_by = column_text (stmt, N_CASE_COLUMNS + 3);
  return c;
}

/* SQLite keeps writing into a file that was deleted or made read-only after
 * it was opened, and the data would be lost with the deleted file. Check
 * before every write transaction. */
static gboolean
check_file_writable (RdStore  *store,
                     GError  **error)
{
  sqlite3 *db = rd_store_get_db (store);
  const char *path = rd_store_get_path (store);
  int moved = 0;
  GStatBuf st;

  if (path == NULL || *path == '\0' || g_str_equal (path, ":memory:"))
    return TRUE;

  if (sqlite3_file_control (db, "main", SQLITE_FCNTL_HAS_MOVED, &moved) == SQLITE_OK && moved)
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_IO,
                   _("The ledger file “%s” was deleted or moved while Refund Desk was open. "
                     "Nothing more was saved. Restore the file or open it from its new place."),
                   path);
      return FALSE;
    }

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_IO,
                   _("The ledger file “%s” cannot be reached: %s. Nothing more was saved."),
                   path, g_strerror (saved_errno));
      return FALSE;
    }

  if ((st.st_mode & 0222) == 0)
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_READ_ONLY,
                   _("The ledger file “%s” became read-only while Refund Desk was open. "
                     "Nothing more was saved. Make it writable again and retry."),
                   path);
      return FALSE;
    }

  return TRUE;
}

gboolean
_rd_case_store_check_writable (RdStore  *store,
                               GError  **error)
{
  return check_file_writable (store, error);
}

gboolean
_rd_case_store_begin_write (RdStore  *store,
             GError  **error)
{
  if (!check_file_writable (store, error))
    return FALSE;
  return rd_store_begin (store, error);
}

static gboolean
step_done (RdStore       *store,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      rd_store_set_error_from_db (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

static int
local_year (GTimeZone *tz,
            gint64     unix_time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);
  g_autoptr(GDateTime) dt = utc != NULL ? g_date_time_to_timezone (utc, tz) : NULL;

  return dt != NULL ? g_date_time_get_year (dt) : 1970;
}

/* n_rows rows of the columns of a case, case_no, created_at, created_by
 * (and id, with_id: parameter PARAMS_PER_ROW + 1 of each row). */
char *
_rd_case_store_insert_sql (guint    n_rows,
                           gboolean with_id)
{
  GString *sql = g_string_new (NULL);
  guint n_params = with_id ? PARAMS_PER_ROW + 1 : PARAMS_PER_ROW;

  /* The bulk's (with_id): OR ROLLBACK, since a failed bulk is rolled back
   * whole anyway. An INSERT into a table with triggers (the audit's) that
   * may abort half-way needs a statement journal, which SQLite writes to a
   * temporary file; that write per statement was most of an import's time
   * into a ledger that keeps its indexes. */
  g_string_printf (sql, "INSERT%s INTO cases (" CASE_COLUMNS ", case_no, created_at, created_by%s) VALUES ",
                   with_id ? " OR ROLLBACK" : "", with_id ? ", id" : "");
  for (guint r = 0; r < n_rows; r++)
    {
      g_string_append (sql, r ? ", (" : "(");
      for (guint p = 1; p <= n_params; p++)
        g_string_append_printf (sql, "%s?%u", p > 1 ? ", " : "", r * n_params + p);
      g_string_append_c (sql, ')');
    }
  if (!with_id)
    g_string_append (sql, " RETURNING id, case_no");
  return g_string_free (sql, FALSE);
}

static char *
build_insert_sql (guint n_rows)
{
  return _rd_case_store_insert_sql (n_rows, FALSE);
}

typedef struct
{
  sqlite3_stmt *number;
  sqlite3_stmt *insert;       /* ROWS_PER_INSERT rows */
  GTimeZone    *tz;
  gint64        now;
} Inserter;

static void
inserter_clear (Inserter *s)
{
  g_clear_pointer (&s->tz, g_time_zone_unref);
  g_clear_pointer (&s->number, sqlite3_finalize);
  g_clear_pointer (&s->insert, sqlite3_finalize);
}

/* Inside a transaction: validates the case, fills what the store sets and
 * allocates its case number (c->case_no; c->id stays 0 until inserted). */
static gboolean
prepare_case (RdStore     *store,
              Inserter    *s,
              RdCase      *c,
              const char  *operator,
              GError     **error)
{
  int rc;
  int year;

  if (!rd_case_validate (c, error))
    return FALSE;

  if (c->created_at == 0)
    c->created_at = s->now;
  if (c->updated_at == 0)
    c->updated_at = c->created_at;
  if (c->created_by == NULL)
    c->created_by = g_strdup (operator);
  /* An amount given at intake is proposed by whoever took the case in. */
  if (c->approved_amount >= 0 && c->approved_by == NULL && c->proposed_by == NULL)
    c->proposed_by = g_strdup (operator);

  year = local_year (s->tz, c->created_at);
  sqlite3_reset (s->number);
  sqlite3_bind_int (s->number, 1, year);
  rc = sqlite3_step (s->number);
  if (rc != SQLITE_ROW)
    {
      rd_store_set_error_from_db (store, rc, error);
      sqlite3_reset (s->number);
      return FALSE;
    }
  g_free (c->case_no);
  c->case_no = g_strdup_printf ("RF-%04d-%06" G_GINT64_FORMAT, year,
                                (gint64) sqlite3_column_int64 (s->number, 0));
  sqlite3_reset (s->number);
  return TRUE;
}

/* Inserts n_rows prepared cases with one statement and sets their ids. */
static gboolean
insert_rows (RdStore       *store,
             sqlite3_stmt  *stmt,
             RdCase       **cases,
             guint          n_rows,
             GError       **error)
{
  int rc;

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  for (guint r = 0; r < n_rows; r++)
    {
      int base = r * PARAMS_PER_ROW;

      _rd_case_store_bind_case (stmt, cases[r], base);
      bind_text (stmt, base + N_CASE_COLUMNS + 1, cases[r]->case_no);
      sqlite3_bind_int64 (stmt, base + N_CASE_COLUMNS + 2, cases[r]->created_at);
      bind_text (stmt, base + N_CASE_COLUMNS + 3, cases[r]->created_by);
    }

  /* RETURNING gives no promise of order: match by case number. */
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *case_no = (const char *) sqlite3_column_text (stmt, 1);

      for (guint r = 0; r < n_rows; r++)
        if (g_strcmp0 (cases[r]->case_no, case_no) == 0)
          {
            cases[r]->id = sqlite3_column_int64 (stmt, 0);
            break;
          }
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
rd_case_store_insert_many (RdStore     *store,
                           RdCase     **cases,
                           guint        n,
                           const char  *operator,
                           GError     **error)
{
  Inserter s = { NULL, NULL, NULL, g_get_real_time () / G_USEC_PER_SEC };
  g_autofree gint64 *saved_ids = g_new0 (gint64, n + 1);
  g_autofree char *full_sql = NULL;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (operator != NULL, FALSE);

  for (guint i = 0; i < n; i++)
    saved_ids[i] = cases[i]->id;

  if (!_rd_case_store_begin_write (store, error))
    return FALSE;
  if (!rd_operators_check (store, operator, RD_ACTION_TAKE_IN, error))
    goto failed;

  s.tz = g_time_zone_new_local ();
  s.number = rd_store_prepare (store, next_number_sql, error);
  if (s.number == NULL)
    goto failed;

  for (guint start = 0; start < n; start += ROWS_PER_INSERT)
    {
      guint n_rows = MIN (ROWS_PER_INSERT, n - start);
      g_autoptr(sqlite3_stmt) partial = NULL;
      g_autoptr(GPtrArray) rows = NULL;
      sqlite3_stmt *stmt;

      for (guint r = 0; r < n_rows; r++)
        if (!prepare_case (store, &s, cases[start + r], operator, error))
          goto failed;

      if (n_rows == ROWS_PER_INSERT)
        {
          if (s.insert == NULL)
            {
              full_sql = build_insert_sql (ROWS_PER_INSERT);
              s.insert = rd_store_prepare (store, full_sql, error);
              if (s.insert == NULL)
                goto failed;
            }
          stmt = s.insert;
        }
      else
        {
          g_autofree char *sql = build_insert_sql (n_rows);
          partial = rd_store_prepare (store, sql, error);
          if (partial == NULL)
            goto failed;
          stmt = partial;
        }

      /* Per case, the entry of its row, then its creation's. */
      rd_audit_collect_rows (store, TRUE);
      if (!insert_rows (store, stmt, cases + start, n_rows, error))
        {
          rd_audit_collect_rows (store, FALSE);
          goto failed;
        }
      rows = rd_audit_take_rows (store);
      rd_audit_collect_rows (store, FALSE);
      for (guint r = 0; r < n_rows; r++)
        {
          g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, cases[start + r]->id);
          const RdAuditRow *row = NULL;

          for (guint k = 0; k < rows->len && row == NULL; k++)
            if (g_str_equal (((RdAuditRow *) rows->pdata[k])->key, key))
              row = rows->pdata[k];
          if (row == NULL)
            {
              g_set_error_literal (error, RD_AUDIT_ERROR, RD_AUDIT_ERROR_FAILED,
                                   _("The new cases could not be recorded in the audit log."));
              goto failed;
            }
          if (!rd_audit_record_row (store, row, operator, error) ||
              !_rd_case_audit_insert (store, cases[start + r], operator, error))
            goto failed;
        }
      g_clear_pointer (&rows, g_ptr_array_unref);
    }

  inserter_clear (&s);
  if (!rd_store_commit (store, error))
    goto rolled_back;
  return TRUE;

failed:
  inserter_clear (&s);
  rd_store_rollback (store);
rolled_back:
  /* Nothing was saved: the cases must not look saved either. */
  for (guint i = 0; i < n; i++)
    {
      cases[i]->id = saved_ids[i];
      if (saved_ids[i] == 0)
        g_clear_pointer (&cases[i]->case_no, g_free);
    }
  return FALSE;
}

gboolean
rd_case_store_insert (RdStore     *store,
                      RdCase      *rcase,
                      const char  *operator,
                      GError     **error)
{
  return rd_case_store_insert_many (store, &rcase, 1, operator, error);
}

/* Inside the update's transaction: the operator may edit, and when the
 * amount or the breakdown changes, may propose it and becomes its proposer. */
static gboolean
check_edit (RdStore      *store,
            RdCase       *rcase,
            const char   *operator,
            GError      **error)
{
  g_autoptr(RdCase) stored = NULL;

  if (!rd_operators_check (store, operator, RD_ACTION_EDIT_CASE, error))
    return FALSE;

  stored = rd_case_store_get (store, rcase->id, error);
  if (stored == NULL)
    return FALSE;
  if (stored->approved_amount == rcase->approved_amount &&
      g_strcmp0 (stored->breakdown, rcase->breakdown) == 0)
    return TRUE;

  if (!rd_operators_check (store, operator, RD_ACTION_PROPOSE_AMOUNT, error))
    return FALSE;
  if (rcase->approved_by == NULL)
    {
      g_free (rcase->proposed_by);
      rcase->proposed_by = g_strdup (operator);
    }
  return TRUE;
}

gboolean
rd_case_store_update (RdStore     *store,
                      RdCase      *rcase,
                      const char  *operator,
                      GError     **error)
{
  gint64 previous_updated_at = rcase->updated_at;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (operator != NULL, FALSE);

  if (!rd_case_validate (rcase, error))
    return FALSE;

  if (!_rd_case_store_begin_write (store, error))
    return FALSE;

  if (!check_edit (store, rcase, operator, error) ||
      !rd_case_store_write_locked (store, rcase, operator, "update", error))
    {
      rd_store_rollback (store);
      rcase->updated_at = previous_updated_at;
      return FALSE;
    }

  if (!rd_store_commit (store, error))
    {
      rcase->updated_at = previous_updated_at;
      return FALSE;
    }
  return TRUE;
}

/* Inside the caller's transaction: the UPDATE of rd_case_store_update and
 * its audit entries (rd-case-store-private.h). */
gboolean
rd_case_store_write_locked (RdStore     *store,
                      RdCase      *rcase,
                      const char  *operator,
                      const char  *action,
                      GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(RdCase) before = NULL;

  before = rd_case_store_get (store, rcase->id, NULL);
  if (before == NULL)
    {
      g_set_error (error, RD_CASE_STORE_ERROR, RD_CASE_STORE_ERROR_NOT_FOUND,
                   _("Case %s no longer exists in the ledger."),
                   rcase->case_no ? rcase->case_no : "?");
      return FALSE;
    }

  stmt = rd_store_prepare (store, update_sql, error);
  if (stmt == NULL)
    return FALSE;

  /* updated_at is also the case's version (rd_case_store_edit refuses an
   * edit of an older one): it grows with every write, two in a second too. */
  rcase->updated_at = MAX (g_get_real_time () / G_USEC_PER_SEC, before->updated_at + 1);
  _rd_case_store_bind_case (stmt, rcase, 0);
  sqlite3_bind_int64 (stmt, N_CASE_COLUMNS + 1, rcase->id);
  if (!step_done (store, stmt, error))
    return FALSE;

  return _rd_case_audit_changes (store, before, rcase, operator, action, error);
}

static RdCase *
get_one (RdStore     *store,
         const char  *where,
         gint64       id,
         const char  *case_no,
         GError     **error)
{
  g_autofree char *sql = g_strconcat (_rd_case_store_select_sql, where, NULL);
  g_autoptr(sqlite3_stmt) stmt = rd_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;

  if (case_no != NULL)
    sqlite3_bind_text (stmt, 1, case_no, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 1, id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return _rd_case_store_read_case (stmt);
  if (rc == SQLITE_DONE)
    {
      if (case_no != NULL)
        g_set_error (error, RD_CASE_STORE_ERROR, RD_CASE_STORE_ERROR_NOT_FOUND,
                     _("There is no case %s in the ledger."), case_no);
      else
        g_set_error (error, RD_CASE_STORE_ERROR, RD_CASE_STORE_ERROR_NOT_FOUND,
                     _("The case was not found in the ledger."));
      return NULL;
    }
  rd_store_set_error_from_db (store, rc, error);
  return NULL;
}

RdCase *
rd_case_store_get (RdStore  *store,
                   gint64    id,
                   GError  **error)
{
  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  return get_one (store, "WHERE id = ?1", id, NULL, error);
}

RdCase *
rd_case_store_get_by_case_no (RdStore     *store,
                              const char  *case_no,
                              GError     **error)
{
  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (case_no != NULL, NULL);
  return get_one (store, "WHERE case_no = ?1", 0, case_no, error);
}

GPtrArray *
rd_case_store_find_open_duplicates (RdStore     *store,
                                    const char  *channel,
                                    const char  *order_no,
                                    gint64       exclude_id,
                                    GError     **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_case_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  const char *const *open_ids = rd_case_status_open_ids ();
  g_autoptr(GString) in_list = g_string_new (NULL);
  int rc;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  if (channel == NULL || order_no == NULL)
    return g_steal_pointer (&found);

  /* The ids are constants of this program, not user text. */
  for (guint i = 0; open_ids[i] != NULL; i++)
    g_string_append_printf (in_list, "%s'%s'", i ? ", " : "", open_ids[i]);

  sql = g_strdup_printf ("%s WHERE channel = ?1 AND order_no = ?2 AND id != ?3 "
                         "AND status IN (%s) ORDER BY requested_at DESC, id DESC",
                         _rd_case_store_select_sql, in_list->str);
  stmt = rd_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, channel, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, order_no, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, exclude_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (found, _rd_case_store_read_case (stmt));

  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (store, rc, error);
      return NULL;
    }

  return g_steal_pointer (&found);
}

gboolean
rd_case_store_apply_breakdown (RdStore     *store,
                               gint64       id,
                               const char  *breakdown_json,
                               gint64       approved_amount,
                               const char  *operator,
                               GError     **error)
{
  g_autoptr(RdCase) rcase = NULL;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (breakdown_json != NULL, FALSE);
  g_return_val_if_fail (operator != NULL, FALSE);

  if (approved_amount < 0)
    {
      g_set_error_literal (error, RD_CASE_ERROR, RD_CASE_ERROR_INVALID,
                           _("The refund cannot be negative."));
      return FALSE;
    }

  if (!_rd_case_store_begin_write (store, error))
    return FALSE;

  if (!rd_operators_check (store, operator, RD_ACTION_PROPOSE_AMOUNT, error))
    goto failed;

  rcase = rd_case_store_get (store, id, error);
  if (rcase == NULL)
    goto failed;

  /* Once someone approved the amount, it is theirs: reopen the case first. */
  if (!rd_case_status_is_open (rcase->status) || rcase->approved_by != NULL)
    {
      g_set_error (error, RD_CASE_STORE_ERROR, RD_CASE_STORE_ERROR_CONFLICT,
                   _("Case %s is already approved or closed; its refund amount can no longer change."),
                   rcase->case_no);
      goto failed;
    }

  g_free (rcase->breakdown);
  rcase->breakdown = g_strdup (breakdown_json);
  rcase->approved_amount = approved_amount;
  g_free (rcase->proposed_by);
  rcase->proposed_by = g_strdup (operator);

  if (!rd_case_validate (rcase, error) ||
      !rd_case_store_write_locked (store, rcase, operator, "apply_breakdown", error))
    goto failed;

  if (rd_store_commit (store, error))
    return TRUE;

failed:
  rd_store_rollback (store);
  return FALSE;
}
