/* rd-report-intercepts.c
 *
 * The intercept register's figures of a report: the parcels registered in
 * the period (intercepts_created), by courier and destination province,
 * and the claims filed in it (claims_filed).
 *
 * An intercept counts as requested once it is past pending (it has a
 * request time). It succeeded when the courier stopped it: intercepted, or
 * back in the warehouse without having failed first (the audit log's
 * "intercept_fail" entry of its case names its tracking number; a parcel
 * registered without a case has no such entry, and a parcel of it back in
 * the warehouse counts as stopped). It failed when it failed, the buyer
 * refused it, it was delivered, or a claim was filed. The time to a result
 * is from the request to its settlement (settled_at).
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rd-intercept-types.h"
#include "rd-report-private.h"


/* From schema version 15 the audit log's failures are in
 * report_intercept_fails, and the index intercepts_report holds every
 * column read (rd-store-schema-report.c). */
#define FAILED_BEFORE_15 \
  "EXISTS (SELECT 1 FROM audit_log AS a WHERE a.case_id = i.case_id\n" \
  "                 AND a.action = 'intercept_fail' AND a.field = 'intercept ' || i.tracking_no || ' status')"
#define FAILED_15 \
  "EXISTS (SELECT 1 FROM report_intercept_fails AS a WHERE a.case_id = i.case_id\n" \
  "                 AND a.field = 'intercept ' || i.tracking_no || ' status')"

#define INTERCEPTS_SQL(failed, indexed) \
  "SELECT i.id, i.courier, coalesce (i.province, ''), i.case_id, i.status, i.requested_at,\n" \
  "       i.settled_at,\n" \
  "       CASE WHEN i.status = 'back_in_warehouse' AND i.case_id IS NOT NULL THEN\n" \
  "         " failed "\n" \
  "       ELSE 0 END\n" \
  "FROM intercepts AS i " indexed " WHERE i.created_at >= ?1 AND i.created_at < ?2"

typedef struct
{
  RdReportIntercept *row;
  GArray            *times;
} Group;

static void
group_free (Group *group)
{
  g_free (group->row->key);
  g_free (group->row->label);
  rd_ledger_filter_free (group->row->filter);
  g_free (group->row);
  g_array_unref (group->times);
  g_free (group);
}

static Group *
group_for (GHashTable *groups,
           const char *key,
           const char *label)
{
  Group *group = g_hash_table_lookup (groups, key);

  if (group == NULL)
    {
      group = g_new0 (Group, 1);
      group->row = g_new0 (RdReportIntercept, 1);
      group->row->key = g_strdup (key);
      group->row->label = g_strdup (label);
      group->row->median_to_result = -1;
      group->row->filter = _rd_report_ids_filter ();
      group->times = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_hash_table_insert (groups, group->row->key, group);
    }
  return group;
}

static void
count (RdReportIntercept *row,
       GArray            *times,
       gint64             case_id,
       gboolean           stopped,
       gboolean           failed,
       gint64             to_result)
{
  row->requested++;
  if (stopped)
    row->intercepted++;
  if (failed)
    row->failed++;
  if (to_result >= 0)
    g_array_append_val (times, to_result);
  if (case_id > 0)
    g_array_append_val (row->filter->ids, case_id);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const RdReportIntercept *x = *(RdReportIntercept * const *) a;
  const RdReportIntercept *y = *(RdReportIntercept * const *) b;

  if (x->requested != y->requested)
    return x->requested > y->requested ? -1 : 1;
  return strcmp (x->key, y->key);
}

static void
finish (GHashTable *groups,
        GPtrArray  *out)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Group *group = value;

      group->row->median_to_result = _rd_report_percentile (group->times, 50);
      g_ptr_array_add (out, group->row);
      group->row = NULL;
      g_array_unref (group->times);
      g_free (group);
      g_hash_table_iter_steal (&iter);
    }
  g_ptr_array_sort (out, compare_rows);
}

gboolean
_rd_report_intercepts (sqlite3         *db,
                       RdReportFigures *figures,
                       GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) couriers = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) group_free);
  g_autoptr(GHashTable) provinces = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) group_free);
  g_autoptr(GArray) all_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  rc = sqlite3_prepare_v2 (db, _rd_report_schema_version (db) >= 15
                             ? INTERCEPTS_SQL (FAILED_15, "INDEXED BY intercepts_report")
                             : INTERCEPTS_SQL (FAILED_BEFORE_15, ""),
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _rd_report_set_db_error (db, rc, error);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, figures->start);
  sqlite3_bind_int64 (stmt, 2, figures->end);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *courier = (const char *) sqlite3_column_text (stmt, 1);
      const char *province = (const char *) sqlite3_column_text (stmt, 2);
      gint64 case_id = sqlite3_column_int64 (stmt, 3);
      RdInterceptStatus status = rd_intercept_status_from_id ((const char *) sqlite3_column_text (stmt, 4));
      gboolean failed_before = sqlite3_column_int (stmt, 7);
      gboolean stopped, failed;
      gint64 to_result = -1;
      RdCourier known;
      Group *group;

      if (status == RD_INTERCEPT_STATUS_PENDING || sqlite3_column_type (stmt, 5) == SQLITE_NULL)
        continue;

      stopped = status == RD_INTERCEPT_STATUS_INTERCEPTED ||
                (status == RD_INTERCEPT_STATUS_BACK_IN_WAREHOUSE && !failed_before);
      failed = status == RD_INTERCEPT_STATUS_FAILED || status == RD_INTERCEPT_STATUS_REFUSED_BY_BUYER ||
               status == RD_INTERCEPT_STATUS_DELIVERED || status == RD_INTERCEPT_STATUS_CLAIM ||
               (status == RD_INTERCEPT_STATUS_BACK_IN_WAREHOUSE && failed_before);
      if (sqlite3_column_type (stmt, 6) != SQLITE_NULL)
        to_result = MAX (sqlite3_column_int64 (stmt, 6) - sqlite3_column_int64 (stmt, 5), 0);

      count (&figures->intercepts.all, all_times, case_id, stopped, failed, to_result);

      courier = courier != NULL ? courier : "";
      group = g_hash_table_lookup (couriers, courier);
      if (group == NULL)
        {
          known = rd_courier_from_id (courier);
          group = group_for (couriers, courier, known != RD_COURIER_NONE ? rd_courier_get_name (known)
                                                : *courier != '\0' ? courier : _("Not set"));
        }
      count (group->row, group->times, case_id, stopped, failed, to_result);

      province = province != NULL ? province : "";
      group = g_hash_table_lookup (provinces, province);
      if (group == NULL)
        group = group_for (provinces, province, *province != '\0' ? province : _("Not given"));
      count (group->row, group->times, case_id, stopped, failed, to_result);
    }
  if (rc != SQLITE_DONE)
    {
      _rd_report_set_db_error (db, rc, error);
      return FALSE;
    }

  figures->intercepts.all.median_to_result = _rd_report_percentile (all_times, 50);
  finish (couriers, figures->intercepts.by_courier);
  finish (provinces, figures->intercepts.by_province);
  return TRUE;
}

gboolean
_rd_report_claims (sqlite3         *db,
                   RdReportFigures *figures,
                   GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  static const char sql[] =
    "SELECT i.case_id, coalesce (c.currency, 'CNY'), k.amount_claimed, k.amount_recovered"
    " FROM claims AS k JOIN intercepts AS i ON i.id = k.intercept_id"
    " LEFT JOIN cases AS c ON c.id = i.case_id"
    " WHERE k.filed_at >= ?1 AND k.filed_at < ?2 ORDER BY k.filed_at, k.id";
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _rd_report_set_db_error (db, rc, error);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, figures->start);
  sqlite3_bind_int64 (stmt, 2, figures->end);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 case_id = sqlite3_column_int64 (stmt, 0);
      const char *currency = (const char *) sqlite3_column_text (stmt, 1);
      gint64 claimed = sqlite3_column_int64 (stmt, 2);
      gint64 recovered = sqlite3_column_int64 (stmt, 3);

      if (case_id > 0)
        _rd_report_bar_add_id (&figures->losses.claims_filed, case_id);
      if (!_rd_report_bar_add (&figures->losses.claims_filed, currency, 0, claimed, error))
        return FALSE;
      if (recovered > 0)
        {
          if (case_id > 0)
            _rd_report_bar_add_id (&figures->losses.claims_recovered, case_id);
          if (!_rd_report_bar_add (&figures->losses.claims_recovered, currency, 0, recovered, error))
            return FALSE;
        }
    }
  if (rc != SQLITE_DONE)
    {
      _rd_report_set_db_error (db, rc, error);
      return FALSE;
    }
  return TRUE;
}
