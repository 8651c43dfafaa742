/* rd-working-days.c
 *
 * Tables holidays (date, name) and makeup_workdays (date, name), both keyed
 * by YYYY-MM-DD; defaults are written by the workflow migration.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "rd-audit.h"
#include "rd-store-txn.h"
#include "rd-working-days.h"

G_DEFINE_QUARK (rd-working-days-error-quark, rd_working_days_error)

struct _RdWorkCalendar
{
  GHashTable *holidays;   /* julian day → 1 */
  GHashTable *workdays;   /* julian day → 1 */
};

void
rd_holiday_free (RdHoliday *holiday)
{
  if (holiday == NULL)
    return;
  g_free (holiday->name);
  g_free (holiday);
}

static gboolean
parse_date (const char  *text,
            GDate       *date,
            GError     **error)
{
  int year, month, day;
  char tail;

  if (text == NULL || strlen (text) != 10 ||
      sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &tail) != 3 ||
      !g_date_valid_dmy (day, month, year))
    {
      g_set_error (error, RD_WORKING_DAYS_ERROR, RD_WORKING_DAYS_ERROR_INVALID_DATE,
                   _("“%s” is not a date: write it as 2026-10-01."),
                   text != NULL ? text : "");
      return FALSE;
    }

  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

static const char *
table_for (gboolean makeup_workday)
{
  return makeup_workday ? "makeup_workdays" : "holidays";
}

/* Checks date, begins a transaction (*owned) and prepares sql in it; NULL,
 * with nothing left open, on error. */
static sqlite3_stmt *
begin_change (RdStore     *store,
              const char  *date,
              const char  *sql,
              gboolean    *owned,
              GError     **error)
{
  sqlite3_stmt *stmt;
  GDate parsed;

  if (!parse_date (date, &parsed, error))
    return NULL;

  if (!rd_store_txn_begin (store, owned, error))
    return NULL;

  stmt = rd_store_prepare (store, sql, error);
  if (stmt == NULL)
    rd_store_txn_rollback (store, *owned);
  return stmt;
}

gboolean
rd_holidays_add (RdStore     *store,
                 const char  *date,
                 const char  *name,
                 gboolean     makeup_workday,
                 const char  *operator,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  gboolean owned;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);

  sql = g_strdup_printf ("INSERT INTO %s (date, name) VALUES (?1, ?2)"
                         " ON CONFLICT (date) DO UPDATE SET name = excluded.name",
                         table_for (makeup_workday));
  stmt = begin_change (store, date, sql, &owned, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, date, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name != NULL ? name : "", -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (store, rc, error);
      goto fail;
    }

  if (!rd_audit_record (store, 0, operator,
                        makeup_workday ? "add-makeup-workday" : "add-holiday",
                        date, NULL, name != NULL ? name : "", error))
    goto fail;

  return rd_store_txn_commit (store, owned, error);

fail:
  rd_store_txn_rollback (store, owned);
  return FALSE;
}

gboolean
rd_holidays_remove (RdStore     *store,
                    const char  *date,
                    gboolean     makeup_workday,
                    const char  *operator,
                    GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  gboolean owned;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);

  sql = g_strdup_printf ("DELETE FROM %s WHERE date = ?1 RETURNING name", table_for (makeup_workday));
  stmt = begin_change (store, date, sql, &owned, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, date, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_autofree char *old_name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));

      rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE)
        {
          rd_store_set_error_from_db (store, rc, error);
          goto fail;
        }
      if (!rd_audit_record (store, 0, operator,
                            makeup_workday ? "remove-makeup-workday" : "remove-holiday",
                            date, old_name, NULL, error))
        goto fail;
    }
  else if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (store, rc, error);
      goto fail;
    }

  return rd_store_txn_commit (store, owned, error);

fail:
  rd_store_txn_rollback (store, owned);
  return FALSE;
}

GPtrArray *
rd_holidays_list (RdStore  *store,
                  int       year,
                  GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *prefix = NULL;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  stmt = rd_store_prepare (store,
                           "SELECT date, name, 0 FROM holidays WHERE ?1 IS NULL OR substr (date, 1, 4) = ?1"
                           " UNION ALL "
                           "SELECT date, name, 1 FROM makeup_workdays WHERE ?1 IS NULL OR substr (date, 1, 4) = ?1"
                           " ORDER BY 1", error);
  if (stmt == NULL)
    return NULL;
  if (year > 0)
    {
      prefix = g_strdup_printf ("%04d", year);
      sqlite3_bind_text (stmt, 1, prefix, -1, SQLITE_STATIC);
    }

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_holiday_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(RdHoliday) holiday = g_new0 (RdHoliday, 1);

      if (!parse_date ((const char *) sqlite3_column_text (stmt, 0), &holiday->date, NULL))
        continue;   /* a row written behind the app's back; skip it */
      holiday->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      holiday->makeup_workday = sqlite3_column_int (stmt, 2) != 0;
      g_ptr_array_add (list, g_steal_pointer (&holiday));
    }

  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (store, rc, error);
      return NULL;
    }

  return g_steal_pointer (&list);
}

RdWorkCalendar *
rd_work_calendar_new (void)
{
  RdWorkCalendar *calendar = g_new0 (RdWorkCalendar, 1);

  calendar->holidays = g_hash_table_new (NULL, NULL);
  calendar->workdays = g_hash_table_new (NULL, NULL);
  return calendar;
}

RdWorkCalendar *
rd_work_calendar_load (RdStore  *store,
                       GError  **error)
{
  g_autoptr(RdWorkCalendar) calendar = rd_work_calendar_new ();
  g_autoptr(GPtrArray) list = rd_holidays_list (store, 0, error);

  if (list == NULL)
    return NULL;

  for (guint i = 0; i < list->len; i++)
    {
      RdHoliday *holiday = g_ptr_array_index (list, i);

      if (holiday->makeup_workday)
        rd_work_calendar_add_makeup_workday (calendar, &holiday->date);
      else
        rd_work_calendar_add_holiday (calendar, &holiday->date);
    }

  return g_steal_pointer (&calendar);
}

void
rd_work_calendar_free (RdWorkCalendar *calendar)
{
  if (calendar == NULL)
    return;
  g_hash_table_unref (calendar->holidays);
  g_hash_table_unref (calendar->workdays);
  g_free (calendar);
}

void
rd_work_calendar_add_holiday (RdWorkCalendar *calendar,
                              const GDate    *date)
{
  g_return_if_fail (calendar != NULL && g_date_valid (date));
  g_hash_table_add (calendar->holidays, GUINT_TO_POINTER (g_date_get_julian (date)));
}

void
rd_work_calendar_add_makeup_workday (RdWorkCalendar *calendar,
                                     const GDate    *date)
{
  g_return_if_fail (calendar != NULL && g_date_valid (date));
  g_hash_table_add (calendar->workdays, GUINT_TO_POINTER (g_date_get_julian (date)));
}

gboolean
rd_work_calendar_is_working_day (const RdWorkCalendar *calendar,
                                 const GDate          *date)
{
  gpointer key;
  GDateWeekday weekday;

  g_return_val_if_fail (calendar != NULL && g_date_valid (date), FALSE);

  key = GUINT_TO_POINTER (g_date_get_julian (date));
  if (g_hash_table_contains (calendar->workdays, key))
    return TRUE;
  if (g_hash_table_contains (calendar->holidays, key))
    return FALSE;

  weekday = g_date_get_weekday (date);
  return weekday != G_DATE_SATURDAY && weekday != G_DATE_SUNDAY;
}

void
rd_work_calendar_add_days (const RdWorkCalendar *calendar,
                           const GDate          *start,
                           guint                 n,
                           GDate                *result)
{
  g_return_if_fail (calendar != NULL && g_date_valid (start) && result != NULL);

  *result = *start;
  while (n > 0)
    {
      g_date_add_days (result, 1);
      if (rd_work_calendar_is_working_day (calendar, result))
        n--;
    }
}

void
rd_arrival_working_days (RdPaymentMethod  method,
                         guint           *min_days,
                         guint           *max_days)
{
  guint lo, hi;

  switch ((int) method)
    {
    case RD_PAYMENT_METHOD_ALIPAY:
    case RD_PAYMENT_METHOD_WECHAT_PAY:
    case RD_PAYMENT_METHOD_BANK_TRANSFER:
      lo = 1, hi = 3;
      break;
    case RD_PAYMENT_METHOD_CREDIT_CARD:
      lo = 3, hi = 7;
      break;
    case RD_PAYMENT_METHOD_STORE_BALANCE:
    case RD_PAYMENT_METHOD_CASH:
      lo = 0, hi = 0;
      break;
    case RD_PAYMENT_METHOD_PAYPAL:
      lo = 1, hi = 5;
      break;
    case RD_PAYMENT_METHOD_STRIPE:
      lo = 5, hi = 10;
      break;
    default:
      lo = 1, hi = 7;
      break;
    }

  if (min_days != NULL)
    *min_days = lo;
  if (max_days != NULL)
    *max_days = hi;
}

void
rd_expected_arrival (const RdWorkCalendar *calendar,
                     const GDate          *paid_on,
                     RdPaymentMethod       method,
                     GDate                *earliest,
                     GDate                *latest)
{
  guint lo, hi;

  rd_arrival_working_days (method, &lo, &hi);
  if (earliest != NULL)
    rd_work_calendar_add_days (calendar, paid_on, lo, earliest);
  if (latest != NULL)
    rd_work_calendar_add_days (calendar, paid_on, hi, latest);
}
