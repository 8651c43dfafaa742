/* rd-ledger-query.c
 *
 * Builds the ledger's SELECT from fixed fragments (never from user text;
 * every value is bound) and collects the ordered ids and the sums.
 *
 * The sums per currency come from the same walk as the ids: every covering
 * index of the ledger ends with `currency` (schema version 8), so each row
 * of the walk carries its case's currency and amounts, and the sums are
 * added up per stored code while the ids are collected, without a second
 * read of the ledger.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-ledger-query.h"
#include "rd-report-sql.h"
#include "rd-money.h"
#include "rd-money-totals.h"
#include "rd-store.h"
#include "rd-time.h"

G_DEFINE_QUARK (rd-ledger-query-error-quark, rd_ledger_query_error)
G_DEFINE_BOXED_TYPE (RdLedgerFilter, rd_ledger_filter, rd_ledger_filter_copy, rd_ledger_filter_free)

/* A query that takes longer is logged (G_MESSAGES_DEBUG=RefundDesk-ledger). */
#define SLOW_QUERY_US (100 * 1000)

/* How often (in SQLite VM steps) the cancellable is looked at. */
#define PROGRESS_STEPS 4000

typedef enum
{
  PARAM_INT64,
  PARAM_TEXT,
} ParamType;

typedef struct
{
  ParamType  type;
  gint64     number;
  char      *text;
} Param;

static void
param_clear (Param *param)
{
  g_free (param->text);
}

static void
add_int (GArray *params,
         gint64  value)
{
  Param p = { PARAM_INT64, value, NULL };
  g_array_append_val (params, p);
}

static void
add_text (GArray     *params,
          const char *value)
{
  Param p = { PARAM_TEXT, 0, g_strdup (value) };
  g_array_append_val (params, p);
}

static gint64
local_month_start (int year,
                   int month)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (year, month, 1, 0, 0, 0);

  return dt != NULL ? g_date_time_to_unix (dt) : 0;
}

/* The text as stored in case_text: trimmed, ASCII letters lowered (like
 * SQLite's lower ()), valid UTF-8. NULL when nothing is left. */
static char *
normalize_text (const char *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *lowered = NULL;

  if (text == NULL)
    return NULL;

  valid = g_utf8_make_valid (text, -1);
  lowered = g_ascii_strdown (g_strstrip (valid), -1);
  if (*lowered == '\0')
    return NULL;
  return g_steal_pointer (&lowered);
}

/* Longer texts are searched with instr() instead of the trigram index:
 * each '*', '?' or '[' becomes three bytes of GLOB pattern, and SQLite
 * refuses a pattern longer than 50,000 bytes ("pattern too complex"). No
 * field is this long, so such a search finds nothing either way, but as a
 * plain substring search like any other. */
#define MAX_GLOB_TEXT 4096

/* A GLOB pattern matching text anywhere, every character literal. */
static char *
glob_substring (const char *text)
{
  GString *pattern = g_string_new ("*");

  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '*':
          g_string_append (pattern, "[*]");
          break;
        case '?':
          g_string_append (pattern, "[?]");
          break;
        case '[':
          g_string_append (pattern, "[[]");
          break;
        default:
          g_string_append_c (pattern, *p);
        }
    }
  g_string_append_c (pattern, '*');
  return g_string_free (pattern, FALSE);
}

/* " UNION ALL SELECT" the cases of the intercepts whose tracking number
 * holds text (normalized): the second half of the search's id list. Their
 * numbers are not in case_text (schema version 10 says why): the scan reads
 * the index of the UNIQUE constraint on tracking_no, (tracking_no, id),
 * whose numbers are normalized, ASCII letters upper case; only the
 * intercepts found are read for their case. */
static void
append_intercepts_match (GString    *sql,
                         GArray     *params,
                         const char *text)
{
  g_autofree char *upper = g_ascii_strup (text, -1);

  g_string_append (sql, " UNION ALL SELECT case_id FROM intercepts WHERE id IN"
                        " (SELECT id FROM intercepts WHERE instr (tracking_no, ?) > 0)");
  add_text (params, upper);
}

static void
append_status_list (GString           *sql,
                    const char *const *ids)
{
  g_string_append (sql, "(");
  for (guint i = 0; ids[i] != NULL; i++)
    g_string_append_printf (sql, "%s'%s'", i ? ", " : "", ids[i]);
  g_string_append (sql, ")");
}

static void
append_known_statuses (GString *sql)
{
  g_string_append (sql, "(");
  for (int s = 1; s < RD_CASE_STATUS_LAST; s++)
    g_string_append_printf (sql, "%s'%s'", s > 1 ? ", " : "", rd_case_status_to_id (s));
  g_string_append (sql, ")");
}

/* " AND status = ? AND kind = ? …" for the filter's status, kind, channel
 * and reason: columns of cases and of case_totals alike. */
static void
append_column_filters (GString              *sql,
                       GArray               *params,
                       const RdLedgerFilter *filter)
{
  if (rd_case_status_to_id (filter->status) != NULL)
    {
      g_string_append (sql, " AND status = ?");
      add_text (params, rd_case_status_to_id (filter->status));
    }

  if (rd_refund_kind_to_id (filter->kind) != NULL)
    {
      g_string_append (sql, " AND kind = ?");
      add_text (params, rd_refund_kind_to_id (filter->kind));
    }

  if (filter->channel != NULL && *filter->channel != '\0')
    {
      g_string_append (sql, " AND channel = ?");
      add_text (params, filter->channel);
    }

  if (filter->reason != NULL && *filter->reason != '\0')
    {
      g_string_append (sql, " AND reason = ?");
      add_text (params, filter->reason);
    }
}

/* The WHERE clause of the filter (" WHERE …", or "" for every case), its
 * parameters appended to params; version is the ledger's schema version
 * (a ledger opened read-only may be older than this build). */
static char *
build_where (const RdLedgerFilter *filter,
             int                   version,
             GArray               *params)
{
  g_autoptr(GString) sql = g_string_new ("");
  gint64 now = filter->now != 0 ? filter->now : g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *text = normalize_text (filter->text);

  if (filter->year > 0 && filter->month >= 1 && filter->month <= 12)
    {
      int next_year = filter->month == 12 ? filter->year + 1 : filter->year;
      int next_month = filter->month == 12 ? 1 : filter->month + 1;

      g_string_append (sql, " AND requested_at >= ? AND requested_at < ?");
      add_int (params, local_month_start (filter->year, filter->month));
      add_int (params, local_month_start (next_year, next_month));
    }

  append_column_filters (sql, params, filter);

  if (filter->due_within_hours > 0)
    {
      /* Same IN list as the partial index cases_open_deadline. */
      g_string_append (sql, " AND status IN ");
      append_status_list (sql, rd_case_status_open_ids ());
      g_string_append (sql, " AND platform_deadline <= ?");
      add_int (params, now + (gint64) filter->due_within_hours * 3600);
    }

  if (filter->requested_from != 0)
    {
      g_string_append (sql, " AND requested_at >= ?");
      add_int (params, filter->requested_from);
    }

  if (filter->requested_to != 0)
    {
      g_string_append (sql, " AND requested_at < ?");
      add_int (params, filter->requested_to);
    }

  if (filter->payment_method != RD_PAYMENT_METHOD_NONE)
    {
      g_string_append (sql, " AND payment_method = ?");
      add_text (params, rd_payment_method_to_id (filter->payment_method));
    }

  if (filter->reasons != NULL)
    {
      g_string_append (sql, " AND reason IN (NULL");
      for (guint i = 0; filter->reasons[i] != NULL; i++)
        {
          g_string_append (sql, ", ?");
          add_text (params, filter->reasons[i]);
        }
      g_string_append (sql, ")");
    }

  switch (filter->report_set)
    {
    case RD_LEDGER_REPORT_SET_NO_RETURN:
      g_string_append (sql, " AND " RD_REPORT_SQL_NO_RETURN ("cases"));
      break;
    case RD_LEDGER_REPORT_SET_COMPENSATION:
      g_string_append (sql, " AND " RD_REPORT_SQL_COMPENSATION ("cases"));
      break;
    case RD_LEDGER_REPORT_SET_DEADLINE_MISSED:
      /* The derived table of schema version 15: none before it. */
      if (version >= 15)
        {
          g_string_append (sql, " AND (" RD_REPORT_SQL_DECIDED_LATE ("cases") " OR "
                                RD_REPORT_SQL_OPEN_LATE ("cases", "?") ")");
          add_int (params, now);
        }
      else
        g_string_append (sql, " AND 0");
      break;
    case RD_LEDGER_REPORT_SET_OVERDUE:
      g_string_append (sql, " AND " RD_REPORT_SQL_OVERDUE ("cases", "?"));
      add_int (params, now);
      break;
    case RD_LEDGER_REPORT_SET_NONE:
    default:
      break;
    }

  if (filter->ids != NULL)
    {
      /* The ids as one bound JSON array: a figure of a report names a few
       * thousand cases at most. */
      g_autoptr(GString) list = g_string_new ("[");

      for (guint i = 0; i < filter->ids->len; i++)
        g_string_append_printf (list, i == 0 ? "%" G_GINT64_FORMAT : ",%" G_GINT64_FORMAT,
                                g_array_index (filter->ids, gint64, i));
      g_string_append_c (list, ']');
      g_string_append (sql, " AND id IN (SELECT value FROM json_each (?))");
      add_text (params, list->str);
    }

  if (filter->import_id != 0)
    {
      /* The cases of one import (schema version 14); none before it. */
      if (version >= 14)
        {
          g_string_append (sql, " AND id IN (SELECT case_id FROM case_imports WHERE import_id = ?)");
          add_int (params, filter->import_id);
        }
      else
        g_string_append (sql, " AND 0");
    }

  if (filter->follow_up)
    {
      g_autofree char *date = rd_time_format_local_date (now);

      g_string_append (sql, " AND status = 'paid' AND expected_arrival < ?");
      add_text (params, date);
    }

  if (text != NULL)
    {
      /* The fields are separated by newlines in case_text: a text with a
       * newline in it would match across two fields. No field has one. */
      if (strchr (text, '\n') != NULL)
        g_string_append (sql, " AND 0");
      else if (g_utf8_strlen (text, -1) >= 3 && strlen (text) <= MAX_GLOB_TEXT)
        {
          g_autofree char *pattern = glob_substring (text);

          g_string_append (sql, " AND id IN (SELECT rowid FROM case_fts WHERE text GLOB ?");
          add_text (params, pattern);
          append_intercepts_match (sql, params, text);
          g_string_append (sql, ")");
        }
      else if (version >= 13 && g_utf8_strlen (text, -1) == 2)
        {
          /* The buyer's name, from its grams (schema version 13). */
          g_string_append (sql, " AND id IN (SELECT id FROM case_name_grams WHERE gram = ?)");
          add_text (params, text);
        }
      else if (version >= 13 && g_utf8_strlen (text, -1) == 1)
        {
          /* The grams that start with the character: its bigrams and the
           * last character of a name (U+10FFFF sorts after every
           * character in SQLite's byte order). */
          g_string_append (sql, " AND id IN (SELECT id FROM case_name_grams"
                                " WHERE gram >= ? AND gram <= ? || char (1114111))");
          add_text (params, text);
          add_text (params, text);
        }
      else
        {
          g_string_append (sql, " AND id IN (SELECT id FROM case_text WHERE instr (text, ?) > 0");
          add_text (params, text);
          append_intercepts_match (sql, params, text);
          g_string_append (sql, ")");
        }
    }

  if (sql->len == 0)
    return g_strdup ("");
  /* " AND a AND b" → " WHERE a AND b" */
  g_string_erase (sql, 0, strlen (" AND"));
  g_string_prepend (sql, " WHERE");
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/* The ids, amounts and currencies in the filter's order. The status sort is
 * run as one query per status (see run_range), each in the order of
 * cases_status_ledger: `status` is then the status of that query. Every
 * order is the order of one covering index (sort columns, amounts,
 * currency, id), after its filter column: no sorting step for the whole
 * ledger. Ties of the same second go by amount, then currency, then id. */
static char *
build_sql (const RdLedgerFilter *filter,
           int                   version,
           const char           *status,
           GArray               *params)
{
  g_autoptr(GString) sql = g_string_new ("SELECT id, amount_paid, approved_amount, currency FROM cases");
  g_autofree char *where = build_where (filter, version, params);
  const char *direction = filter->ascending ? "ASC" : "DESC";

  g_string_append (sql, where);

  switch (filter->sort)
    {
    case RD_LEDGER_SORT_AMOUNT:
      g_string_append_printf (sql, " ORDER BY amount_paid %s, requested_at %s, approved_amount %s, currency %s, id %s",
                              direction, direction, direction, direction, direction);
      break;

    case RD_LEDGER_SORT_STATUS:
      /* Within a status: newest first, whatever the direction. */
      if (status != NULL)
        {
          g_string_append (sql, *where != '\0' ? " AND status = ?" : " WHERE status = ?");
          add_text (params, status);
        }
      else
        {
          g_string_append (sql, *where != '\0' ? " AND status NOT IN " : " WHERE status NOT IN ");
          append_known_statuses (sql);
        }
      g_string_append (sql, " ORDER BY requested_at DESC, amount_paid DESC, approved_amount DESC, currency DESC, id DESC");
      break;

    case RD_LEDGER_SORT_REQUESTED_AT:
    default:
      g_string_append_printf (sql, " ORDER BY requested_at %s, amount_paid %s, approved_amount %s, currency %s, id %s",
                              direction, direction, direction, direction, direction);
      break;
    }

  return g_string_free (g_steal_pointer (&sql), FALSE);
}

static int
on_progress (void *data)
{
  return g_cancellable_is_cancelled (G_CANCELLABLE (data)) ? 1 : 0;
}

static void
set_db_error (sqlite3  *db,
              int       rc,
              GError  **error)
{
  g_set_error (error, RD_LEDGER_QUERY_ERROR, RD_LEDGER_QUERY_ERROR_FAILED,
               _("Could not read the ledger: %s"),
               db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
}

/* The ledger's schema version (PRAGMA user_version: the file's header). */
static int
schema_version (sqlite3 *db)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int (stmt, 0);
}

RdLedgerFilter *
rd_ledger_filter_new (void)
{
  return g_new0 (RdLedgerFilter, 1);
}

RdLedgerFilter *
rd_ledger_filter_copy (const RdLedgerFilter *self)
{
  RdLedgerFilter *copy = g_memdup2 (self, sizeof *self);

  copy->channel = g_strdup (self->channel);
  copy->reason = g_strdup (self->reason);
  copy->text = g_strdup (self->text);
  copy->reasons = g_strdupv (self->reasons);
  if (self->ids != NULL)
    {
      copy->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), self->ids->len);
      g_array_append_vals (copy->ids, self->ids->data, self->ids->len);
    }
  return copy;
}

void
rd_ledger_filter_free (RdLedgerFilter *self)
{
  if (self == NULL)
    return;
  g_free (self->channel);
  g_free (self->reason);
  g_free (self->text);
  g_strfreev (self->reasons);
  g_clear_pointer (&self->ids, g_array_unref);
  g_free (self);
}

void
rd_ledger_filter_set_text (RdLedgerFilter *self,
                           const char     *text)
{
  char *copy = g_strdup (text);

  g_free (self->text);
  self->text = copy;
}

void
rd_ledger_result_free (RdLedgerResult *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->totals, g_array_unref);
  g_free (self);
}

const RdLedgerTotal *
rd_ledger_totals_lookup (GArray     *totals,
                         const char *currency)
{
  const RdCurrency *known;

  g_return_val_if_fail (totals != NULL, NULL);
  g_return_val_if_fail (currency != NULL, NULL);

  known = rd_currency_lookup (currency);
  for (guint i = 0; i < totals->len; i++)
    {
      const RdLedgerTotal *total = &g_array_index (totals, RdLedgerTotal, i);

      if (g_str_equal (total->currency, known != NULL ? known->code : currency))
        return total;
    }
  return NULL;
}

static void
total_clear (RdLedgerTotal *total)
{
  g_free (total->currency);
}

/* Where a run is in the filter's order: rows before `skip` are stepped
 * over, at most `limit` are collected (G_MAXUINT: all); with `sums` (not
 * NULL), the sums of the rows collected per stored currency code. */
typedef struct
{
  guint           skip;
  guint           limit;
  RdLedgerResult *result;
  GArray         *sums;      /* RdLedgerTotal per code as stored (a handful) */
  guint           last;      /* the index in sums of the previous row's code */
} Collector;

/* Whether a and b are the same string. Codes are three letters: a loop the
 * compiler keeps inline does better than strcmp, once per row. */
static inline gboolean
same_code (const char *a,
           const char *b)
{
  while (*a != '\0' && *a == *b)
    a++, b++;
  return *a == *b;
}

/* The index in totals of the entry for code, appended (zero) when there is
 * none yet. */
static guint
total_index (GArray     *totals,
             const char *code)
{
  RdLedgerTotal added = { NULL, 0, 0, 0 };
  guint i;

  for (i = 0; i < totals->len; i++)
    if (same_code (g_array_index (totals, RdLedgerTotal, i).currency, code))
      return i;
  added.currency = g_strdup (code);
  g_array_append_val (totals, added);
  return i;
}

/* Adds the row's amounts to the sums of its currency code. FALSE when a sum
 * would overflow. */
static gboolean
add_to_sums (Collector    *collector,
             sqlite3_stmt *stmt)
{
  const char *code = (const char *) sqlite3_column_text (stmt, 3);
  gint64 paid = sqlite3_column_int64 (stmt, 1);
  gint64 approved = sqlite3_column_int64 (stmt, 2);
  GArray *sums = collector->sums;
  RdLedgerTotal *sum;

  /* NOT NULL in the schema; NULL here only when out of memory. */
  if (code == NULL)
    code = "";

  /* Runs of cases share their currency: the previous row's code first. */
  if (collector->last >= sums->len ||
      !same_code (g_array_index (sums, RdLedgerTotal, collector->last).currency, code))
    collector->last = total_index (sums, code);
  sum = &g_array_index (sums, RdLedgerTotal, collector->last);

  if (!rd_money_add (sum->paid, paid, &sum->paid, NULL) ||
      !rd_money_add (sum->approved, approved, &sum->approved, NULL))
    return FALSE;
  sum->count++;
  return TRUE;
}

static gboolean
prepare_bound (sqlite3       *db,
               const char    *sql,
               GArray        *params,
               sqlite3_stmt **stmt,
               GError       **error)
{
  int rc = sqlite3_prepare_v2 (db, sql, -1, stmt, NULL);

  if (rc != SQLITE_OK)
    {
      set_db_error (db, rc, error);
      return FALSE;
    }

  for (guint i = 0; i < params->len; i++)
    {
      const Param *p = &g_array_index (params, Param, i);

      if (p->type == PARAM_INT64)
        sqlite3_bind_int64 (*stmt, i + 1, p->number);
      else
        sqlite3_bind_text (*stmt, i + 1, p->text, -1, SQLITE_STATIC);
    }
  return TRUE;
}

static gboolean
finish_step (sqlite3       *db,
             int            rc,
             GCancellable  *cancellable,
             GError       **error)
{
  if (rc == SQLITE_RANGE)
    {
      g_set_error (error, RD_LEDGER_QUERY_ERROR, RD_LEDGER_QUERY_ERROR_OVERFLOW,
                   _("The total of these cases is too large to compute."));
      return FALSE;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (rc != SQLITE_DONE)
    {
      set_db_error (db, rc, error);
      return FALSE;
    }

  return TRUE;
}

/* One statement of the run (status: see build_sql). */
static gboolean
run_part (sqlite3               *db,
          const RdLedgerFilter  *filter,
          const char            *status,
          GCancellable          *cancellable,
          Collector             *collector,
          GError               **error)
{
  g_autoptr(GArray) params = g_array_new (FALSE, TRUE, sizeof (Param));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  RdLedgerResult *result = collector->result;
  int rc;

  g_array_set_clear_func (params, (GDestroyNotify) param_clear);
  sql = build_sql (filter, schema_version (db), status, params);

  /* One statement: SQLite skips the rows itself. */
  if (filter->sort != RD_LEDGER_SORT_STATUS && (collector->skip > 0 || collector->limit != G_MAXUINT))
    {
      char *limited = g_strconcat (sql, " LIMIT ? OFFSET ?", NULL);

      g_free (sql);
      sql = limited;
      add_int (params, collector->limit == G_MAXUINT ? G_MAXINT64 : collector->limit);
      add_int (params, collector->skip);
      collector->skip = 0;
    }

  if (!prepare_bound (db, sql, params, &stmt, error))
    return FALSE;

  while (collector->limit > 0 && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id;

      if (collector->skip > 0)
        {
          collector->skip--;
          continue;
        }

      id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (result->ids, id);
      if (collector->limit != G_MAXUINT)
        collector->limit--;
      if (collector->sums != NULL && !add_to_sums (collector, stmt))
        {
          rc = SQLITE_RANGE;
          break;
        }
    }
  if (collector->limit == 0 && rc != SQLITE_RANGE)
    rc = SQLITE_DONE;

  return finish_step (db, rc, cancellable, error);
}

static RdLedgerResult *
result_new (void)
{
  RdLedgerResult *result = g_new0 (RdLedgerResult, 1);

  result->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), 1024);
  result->totals = g_array_new (FALSE, TRUE, sizeof (RdLedgerTotal));
  g_array_set_clear_func (result->totals, (GDestroyNotify) total_clear);
  return result;
}

static int
compare_totals (gconstpointer a,
                gconstpointer b)
{
  const RdLedgerTotal *ta = a;
  const RdLedgerTotal *tb = b;

  return rd_currency_compare (ta->currency, tb->currency);
}

/* The sums per stored code, as result->totals: one total per currency, a
 * code spelled as rd_currency_lookup knows it ("usd" → USD, "cny" into
 * CNY), the shop currency first, then by code. FALSE when a sum would
 * overflow. */
static gboolean
fill_totals (GArray *totals,
             GArray *sums)
{
  for (guint i = 0; i < sums->len; i++)
    {
      const RdLedgerTotal *sum = &g_array_index (sums, RdLedgerTotal, i);
      const RdCurrency *known = rd_currency_lookup (sum->currency);
      /* The index first: appending may move the array. */
      guint index = total_index (totals, known != NULL ? known->code : sum->currency);
      RdLedgerTotal *total = &g_array_index (totals, RdLedgerTotal, index);

      if (!rd_money_add (total->paid, sum->paid, &total->paid, NULL) ||
          !rd_money_add (total->approved, sum->approved, &total->approved, NULL))
        return FALSE;
      total->count += sum->count;
    }

  g_array_sort (totals, compare_totals);
  return TRUE;
}

/* Whether a case has a status this build does not know (a newer Refund
 * Desk wrote it): the distinct statuses, one seek each in cases_status_ledger. */
static gboolean
has_unknown_status (sqlite3   *db,
                    gboolean  *unknown,
                    GError   **error)
{
  g_autoptr(GString) sql = g_string_new ("WITH RECURSIVE s (v) AS ("
                                         " SELECT (SELECT min (status) FROM cases)"
                                         " UNION ALL"
                                         " SELECT (SELECT min (status) FROM cases WHERE status > v) FROM s"
                                         " WHERE v IS NOT NULL)"
                                         " SELECT count(*) FROM s WHERE v IS NOT NULL AND v NOT IN ");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  append_known_statuses (sql);
  rc = sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      set_db_error (db, rc, error);
      return FALSE;
    }
  *unknown = sqlite3_column_int64 (stmt, 0) > 0;
  return TRUE;
}

static RdLedgerResult *
run_range (sqlite3               *db,
           const RdLedgerFilter  *filter,
           guint                  offset,
           guint                  limit,
           gboolean               with_totals,
           GCancellable          *cancellable,
           GError               **error)
{
  g_autoptr(RdLedgerResult) result = result_new ();
  g_autoptr(GArray) sums = NULL;
  Collector collector = { offset, limit, result, NULL, 0 };
  gboolean ok = TRUE;
  gboolean own_transaction = with_totals && sqlite3_get_autocommit (db);
  gint64 started = g_get_monotonic_time ();
  gint64 elapsed;

  if (with_totals)
    {
      sums = g_array_new (FALSE, TRUE, sizeof (RdLedgerTotal));
      g_array_set_clear_func (sums, (GDestroyNotify) total_clear);
      collector.sums = sums;
    }

  /* The ids and the totals of one snapshot (the status sort is several
   * statements). */
  if (own_transaction)
    sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  if (cancellable != NULL)
    sqlite3_progress_handler (db, PROGRESS_STEPS, on_progress, cancellable);

  if (filter->sort != RD_LEDGER_SORT_STATUS)
    ok = run_part (db, filter, NULL, cancellable, &collector, error);
  else
    {
      /* Statuses in workflow order, each in the order of its index; a
       * status this build does not know sorts after all of them. */
      int first = filter->ascending ? 1 : RD_CASE_STATUS_LAST;
      int last = filter->ascending ? RD_CASE_STATUS_LAST : 1;
      int step = filter->ascending ? 1 : -1;
      int only = filter->status;
      gboolean unknown = FALSE;

      ok = only != RD_CASE_STATUS_NONE || has_unknown_status (db, &unknown, error);

      for (int s = first; ok && collector.limit > 0; s += step)
        {
          const char *id = s < RD_CASE_STATUS_LAST ? rd_case_status_to_id (s) : NULL;

          if ((only == RD_CASE_STATUS_NONE && (id != NULL || unknown)) || s == only)
            ok = run_part (db, filter, id, cancellable, &collector, error);
          if (s == last)
            break;
        }
    }

  if (ok && with_totals && !fill_totals (result->totals, sums))
    ok = finish_step (db, SQLITE_RANGE, cancellable, error);

  if (cancellable != NULL)
    sqlite3_progress_handler (db, 0, NULL, NULL);
  if (own_transaction)
    sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);

  elapsed = g_get_monotonic_time () - started;
  if (elapsed >= SLOW_QUERY_US)
    g_debug ("Ledger query (sort %d, status %d, month %d-%02d, text %s): %s in %.1f ms",
             filter->sort, filter->status, filter->year, filter->month,
             filter->text != NULL ? "yes" : "no",
             ok ? "rows found" : "stopped", elapsed / 1000.0);

  return ok ? g_steal_pointer (&result) : NULL;
}

RdLedgerResult *
rd_ledger_query_run (sqlite3               *db,
                     const RdLedgerFilter  *filter,
                     GCancellable          *cancellable,
                     GError               **error)
{
  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  return run_range (db, filter, 0, G_MAXUINT, TRUE, cancellable, error);
}

RdLedgerResult *
rd_ledger_query_run_range (sqlite3               *db,
                           const RdLedgerFilter  *filter,
                           guint                  offset,
                           guint                  limit,
                           GCancellable          *cancellable,
                           GError               **error)
{
  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  return run_range (db, filter, offset, limit, FALSE, cancellable, error);
}

/* Whether the running totals (case_totals, schema version 13) answer the
 * filter: month, status, kind, channel and reason are their columns; text,
 * deadline, follow-up and import are not. */
static gboolean
totals_answer (sqlite3              *db,
               const RdLedgerFilter *filter)
{
  g_autofree char *text = normalize_text (filter->text);

  return text == NULL && filter->due_within_hours <= 0 && !filter->follow_up && filter->import_id == 0 &&
         filter->requested_from == 0 && filter->requested_to == 0 &&
         filter->payment_method == RD_PAYMENT_METHOD_NONE && filter->ids == NULL &&
         filter->reasons == NULL && filter->report_set == RD_LEDGER_REPORT_SET_NONE &&
         schema_version (db) >= 13;
}

/* The first second of the UTC month nearest to t (its own, or the next). */
static gint64
nearest_utc_month (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) next = NULL;
  gint64 a, b;

  if (dt == NULL)
    return t;
  start = g_date_time_new_utc (g_date_time_get_year (dt), g_date_time_get_month (dt), 1, 0, 0, 0);
  next = g_date_time_add_months (start, 1);
  a = g_date_time_to_unix (start);
  b = g_date_time_to_unix (next);
  return t - a <= b - t ? a : b;
}

/* Not an SQLite code: a sum of the running totals went beyond 64 bits
 * (SQLite then keeps a REAL): they cannot answer, the cases' walk does. */
#define TOTALS_INEXACT (-1)

/* Adds (sign 1) or takes away (sign -1) the rows of stmt — currency, count,
 * paid, approved — to or from sums (RdLedgerTotal per stored code).
 * SQLITE_DONE at the end, SQLITE_RANGE when a sum would overflow. */
static int
step_group_rows (sqlite3_stmt *stmt,
                 int           sign,
                 GArray       *sums)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *code = (const char *) sqlite3_column_text (stmt, 0);
      gint64 n = sqlite3_column_int64 (stmt, 1);
      gint64 paid = sqlite3_column_int64 (stmt, 2);
      gint64 approved = sqlite3_column_int64 (stmt, 3);
      /* The index first: appending may move the array. */
      guint index = total_index (sums, code != NULL ? code : "");
      RdLedgerTotal *sum = &g_array_index (sums, RdLedgerTotal, index);
      gboolean ok;

      if (sqlite3_column_type (stmt, 2) == SQLITE_FLOAT || sqlite3_column_type (stmt, 3) == SQLITE_FLOAT)
        return TOTALS_INEXACT;
      if (sign > 0)
        ok = rd_money_add (sum->paid, paid, &sum->paid, NULL) &&
             rd_money_add (sum->approved, approved, &sum->approved, NULL) &&
             n >= 0 && n <= (gint64) (G_MAXUINT - sum->count);
      else
        ok = rd_money_sub (sum->paid, paid, &sum->paid, NULL) &&
             rd_money_sub (sum->approved, approved, &sum->approved, NULL) &&
             n >= 0 && n <= (gint64) sum->count;
      if (!ok)
        return SQLITE_RANGE;
      sum->count = sign > 0 ? sum->count + (guint) n : sum->count - (guint) n;
    }
  return rc;
}

/* The cases of the filter's columns requested in [from, to), counted and
 * summed per currency into sums with sign (the ends of a local month
 * beyond or short of the UTC months of the running totals: hours of
 * cases, read from the filter's covering index). */
static gboolean
add_range (sqlite3               *db,
           const RdLedgerFilter  *filter,
           gint64                 from,
           gint64                 to,
           int                    sign,
           GArray                *sums,
           GCancellable          *cancellable,
           GError               **error)
{
  g_autoptr(GArray) params = g_array_new (FALSE, TRUE, sizeof (Param));
  /* Row by row, so that C adds up with its checks. */
  g_autoptr(GString) sql = g_string_new ("SELECT currency, 1, amount_paid, coalesce (approved_amount, 0)"
                                         " FROM cases WHERE requested_at >= ? AND requested_at < ?");
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (from >= to)
    return TRUE;
  g_array_set_clear_func (params, (GDestroyNotify) param_clear);
  add_int (params, from);
  add_int (params, to);
  append_column_filters (sql, params, filter);
  if (!prepare_bound (db, sql->str, params, &stmt, error))
    return FALSE;
  return finish_step (db, step_group_rows (stmt, sign, sums), cancellable, error);
}

/* The count and sums per stored currency code of the filter from the
 * running totals (totals_answer () must hold), into sums. A local month
 * is the UTC months of the totals between the UTC month boundaries nearest
 * to its ends, and the cases between each end and its boundary added or
 * taken away: exact in any time zone, and only hours of cases read. */
static gboolean
sum_running_totals (sqlite3               *db,
                    const RdLedgerFilter  *filter,
                    GArray                *sums,
                    gboolean              *inexact,
                    GCancellable          *cancellable,
                    GError               **error)
{
  int rc;
  g_autoptr(GArray) params = g_array_new (FALSE, TRUE, sizeof (Param));
  g_autoptr(GString) sql = g_string_new ("SELECT currency, n, paid, approved FROM case_totals WHERE 1");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean month = filter->year > 0 && filter->month >= 1 && filter->month <= 12;
  gint64 start = 0, end = 0, first = 0, last = 0;

  g_array_set_clear_func (params, (GDestroyNotify) param_clear);
  if (month)
    {
      start = local_month_start (filter->year, filter->month);
      end = local_month_start (filter->month == 12 ? filter->year + 1 : filter->year,
                               filter->month == 12 ? 1 : filter->month + 1);
      first = nearest_utc_month (start);
      last = nearest_utc_month (end);
      g_string_append (sql, " AND month >= ? AND month < ?");
      add_int (params, first);
      add_int (params, last);
    }
  append_column_filters (sql, params, filter);
  if (!prepare_bound (db, sql->str, params, &stmt, error))
    return FALSE;
  rc = step_group_rows (stmt, 1, sums);
  if (rc == TOTALS_INEXACT)
    {
      *inexact = TRUE;
      return TRUE;
    }
  if (!finish_step (db, rc, cancellable, error))
    return FALSE;

  if (!month)
    return TRUE;
  /* Additions first: a case taken away was counted before. */
  return add_range (db, filter, start, first, 1, sums, cancellable, error) &&
         add_range (db, filter, last, end, 1, sums, cancellable, error) &&
         add_range (db, filter, first, start, -1, sums, cancellable, error) &&
         add_range (db, filter, end, last, -1, sums, cancellable, error);
}

gboolean
rd_ledger_query_totals (sqlite3               *db,
                        const RdLedgerFilter  *filter,
                        GCancellable          *cancellable,
                        guint                 *count,
                        GArray               **totals,
                        GError               **error)
{
  g_autoptr(RdLedgerResult) result = NULL;
  g_autoptr(GArray) sums = NULL;
  gboolean own_transaction;
  gboolean inexact = FALSE;
  gboolean ok;
  guint n = 0;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);

  if (!totals_answer (db, filter))
    {
      result = run_range (db, filter, 0, G_MAXUINT, TRUE, cancellable, error);
      if (result == NULL)
        return FALSE;
      if (count != NULL)
        *count = result->ids->len;
      if (totals != NULL)
        *totals = g_steal_pointer (&result->totals);
      return TRUE;
    }

  sums = g_array_new (FALSE, TRUE, sizeof (RdLedgerTotal));
  g_array_set_clear_func (sums, (GDestroyNotify) total_clear);

  /* The totals and the ends of the month from one snapshot. */
  own_transaction = sqlite3_get_autocommit (db);
  if (own_transaction)
    sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  if (cancellable != NULL)
    sqlite3_progress_handler (db, PROGRESS_STEPS, on_progress, cancellable);
  ok = sum_running_totals (db, filter, sums, &inexact, cancellable, error);
  if (ok && inexact)
    ok = (result = run_range (db, filter, 0, G_MAXUINT, TRUE, cancellable, error)) != NULL;
  if (cancellable != NULL)
    sqlite3_progress_handler (db, 0, NULL, NULL);
  if (own_transaction)
    sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  if (!ok)
    return FALSE;
  if (inexact)
    {
      if (count != NULL)
        *count = result->ids->len;
      if (totals != NULL)
        *totals = g_steal_pointer (&result->totals);
      return TRUE;
    }

  /* A currency whose cases were all taken away is not one of the filter's. */
  for (guint i = sums->len; i > 0; i--)
    if (g_array_index (sums, RdLedgerTotal, i - 1).count == 0)
      g_array_remove_index (sums, i - 1);
  for (guint i = 0; i < sums->len; i++)
    n += g_array_index (sums, RdLedgerTotal, i).count;
  result = result_new ();
  if (!fill_totals (result->totals, sums))
    return finish_step (db, SQLITE_RANGE, cancellable, error);

  if (count != NULL)
    *count = n;
  if (totals != NULL)
    *totals = g_steal_pointer (&result->totals);
  return TRUE;
}

gboolean
rd_ledger_query_count (sqlite3               *db,
                       const RdLedgerFilter  *filter,
                       GCancellable          *cancellable,
                       guint                 *count,
                       GError               **error)
{
  g_autoptr(GArray) params = g_array_new (FALSE, TRUE, sizeof (Param));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *where = NULL;
  g_autofree char *sql = NULL;
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);
  g_return_val_if_fail (count != NULL, FALSE);

  g_array_set_clear_func (params, (GDestroyNotify) param_clear);
  where = build_where (filter, schema_version (db), params);
  /* Every case: the counter the triggers of schema version 6 keep. */
  if (*where == '\0')
    sql = g_strdup ("SELECT n FROM case_count");
  /* A filter of the running totals' columns: their rows, not its cases. */
  else if (totals_answer (db, filter))
    return rd_ledger_query_totals (db, filter, cancellable, count, NULL, error);
  else
    sql = g_strconcat ("SELECT count(*) FROM cases", where, NULL);

  if (!prepare_bound (db, sql, params, &stmt, error))
    return FALSE;

  if (cancellable != NULL)
    sqlite3_progress_handler (db, PROGRESS_STEPS, on_progress, cancellable);
  rc = sqlite3_step (stmt);
  if (cancellable != NULL)
    sqlite3_progress_handler (db, 0, NULL, NULL);

  if (rc == SQLITE_ROW)
    {
      *count = (guint) MIN (sqlite3_column_int64 (stmt, 0), (gint64) G_MAXUINT);
      return TRUE;
    }
  return finish_step (db, rc, cancellable, error);
}

sqlite3 *
rd_ledger_query_open (const char  *path,
                      GError     **error)
{
  sqlite3 *db = NULL;
  int rc;

  rc = rd_store_open_reader (path, &db);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, RD_LEDGER_QUERY_ERROR, RD_LEDGER_QUERY_ERROR_FAILED,
                   _("Could not open the ledger “%s”: %s"), path,
                   db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close (db);
      return NULL;
    }

  return db;
}
