/* rd-order-counts.c
 *
 * The shop's order counts per month and channel (schema version 15) and
 * the refund rate a report makes of them: the cases of a channel requested
 * in the period ÷ the orders the shop entered for every month of it. A
 * channel with a month missing has no rate (has_orders FALSE): a rate over
 * part of the period would not be one.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "rd-audit.h"
#include "rd-operators.h"
#include "rd-store-txn.h"
#include "rd-report-private.h"


#define ORDER_COUNTS_VERSION 15

static char *
month_key (int year,
           int month)
{
  return g_strdup_printf ("%04d-%02d", year, month);
}

static int
n_months (const RdReportPeriod *period)
{
  return (period->to_year * 12 + period->to_month) - (period->from_year * 12 + period->from_month) + 1;
}

void
rd_order_count_free (RdOrderCount *count)
{
  if (count == NULL)
    return;
  g_free (count->channel);
  g_free (count);
}

GPtrArray *
rd_order_counts_list (sqlite3               *db,
                      const RdReportPeriod  *period,
                      GError               **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_order_count_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  int rc;

  g_return_val_if_fail (db != NULL && period != NULL, NULL);

  /* A ledger of an older version, opened read-only: no counts. */
  if (_rd_report_schema_version (db) < ORDER_COUNTS_VERSION)
    return g_steal_pointer (&out);

  rc = sqlite3_prepare_v2 (db, "SELECT month, channel, orders FROM order_counts"
                               " WHERE month >= ?1 AND month <= ?2 ORDER BY month, channel",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _rd_report_set_db_error (db, rc, error);
      return NULL;
    }
  from = month_key (period->from_year, period->from_month);
  to = month_key (period->to_year, period->to_month);
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RdOrderCount *count = g_new0 (RdOrderCount, 1);
      const char *month = (const char *) sqlite3_column_text (stmt, 0);

      if (month == NULL || sscanf (month, "%d-%d", &count->year, &count->month) != 2)
        {
          rd_order_count_free (count);
          continue;
        }
      count->channel = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      count->orders = (guint64) MAX (sqlite3_column_int64 (stmt, 2), 0);
      g_ptr_array_add (out, count);
    }
  if (rc != SQLITE_DONE)
    {
      _rd_report_set_db_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

gboolean
rd_order_counts_set (RdStore     *store,
                     int          year,
                     int          month,
                     const char  *channel,
                     gint64       orders,
                     const char  *operator,
                     GError     **error)
{
  g_autoptr(sqlite3_stmt) read = NULL;
  g_autoptr(sqlite3_stmt) write = NULL;
  g_autofree char *key = NULL;
  g_autofree char *field = NULL;
  g_autofree char *old_value = NULL;
  g_autofree char *new_value = NULL;
  gboolean owned;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (operator != NULL, FALSE);

  if (year < 1970 || year > 9999 || month < 1 || month > 12 || orders < -1 ||
      channel == NULL || *channel == '\0')
    {
      g_set_error (error, RD_REPORT_ERROR, RD_REPORT_ERROR_INVALID,
                   _("An order count needs a month, a channel and a number of orders of 0 or more."));
      return FALSE;
    }
  if (!rd_operators_check (store, operator, RD_ACTION_REPORTS, error))
    return FALSE;

  key = month_key (year, month);
  field = g_strdup_printf ("%s %s", key, channel);
  if (orders >= 0)
    new_value = g_strdup_printf ("%" G_GINT64_FORMAT, orders);

  if (!rd_store_txn_begin (store, &owned, error))
    return FALSE;

  read = rd_store_prepare (store, "SELECT orders FROM order_counts WHERE month = ?1 AND channel = ?2", error);
  if (read == NULL)
    goto fail;
  sqlite3_bind_text (read, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (read, 2, channel, -1, SQLITE_STATIC);
  rc = sqlite3_step (read);
  if (rc == SQLITE_ROW)
    old_value = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (read, 0));
  else if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (store, rc, error);
      goto fail;
    }

  if (g_strcmp0 (old_value, new_value) == 0)
    return rd_store_txn_commit (store, owned, error);

  if (orders >= 0)
    {
      write = rd_store_prepare (store,
                                "INSERT INTO order_counts (month, channel, orders, updated_at, operator)"
                                " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (month, channel) DO UPDATE SET"
                                " orders = excluded.orders, updated_at = excluded.updated_at,"
                                " operator = excluded.operator", error);
      if (write == NULL)
        goto fail;
      sqlite3_bind_int64 (write, 3, orders);
      sqlite3_bind_int64 (write, 4, g_get_real_time () / G_USEC_PER_SEC);
      sqlite3_bind_text (write, 5, operator, -1, SQLITE_STATIC);
    }
  else
    {
      write = rd_store_prepare (store, "DELETE FROM order_counts WHERE month = ?1 AND channel = ?2", error);
      if (write == NULL)
        goto fail;
    }
  sqlite3_bind_text (write, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (write, 2, channel, -1, SQLITE_STATIC);
  rc = sqlite3_step (write);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (store, rc, error);
      goto fail;
    }

  if (!rd_audit_record (store, 0, operator, "set_order_count", field, old_value, new_value, error))
    goto fail;

  return rd_store_txn_commit (store, owned, error);

fail:
  rd_store_txn_rollback (store, owned);
  return FALSE;
}

static RdReportRate *
rate_new (const RdReportFigures *figures,
          const char            *channel)
{
  RdReportRate *rate = g_new0 (RdReportRate, 1);

  rate->key = g_strdup (channel);
  rate->label = *channel == '\0' ? g_strdup (_("All channels")) : _rd_report_channel_label (channel);
  rate->filter = _rd_report_period_filter (figures);
  if (*channel != '\0')
    rate->filter->channel = g_strdup (channel);
  return rate;
}

gboolean
_rd_report_rates (sqlite3         *db,
                  RdReportFigures *figures,
                  GError         **error)
{
  g_autoptr(GPtrArray) counts = rd_order_counts_list (db, &figures->period, error);
  g_autoptr(GHashTable) months = g_hash_table_new (g_str_hash, g_str_equal);   /* channel → n */
  g_autoptr(GHashTable) orders = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GPtrArray) channels = g_ptr_array_new ();
  RdReportRate *all;
  int needed = n_months (&figures->period);

  if (counts == NULL)
    return FALSE;

  for (guint i = 0; i < counts->len; i++)
    {
      RdOrderCount *c = g_ptr_array_index (counts, i);
      guint64 *sum = g_hash_table_lookup (orders, c->channel);

      if (sum == NULL)
        {
          sum = g_new0 (guint64, 1);
          g_hash_table_insert (orders, c->channel, sum);
          g_ptr_array_add (channels, c->channel);
        }
      /* A shop's monthly orders are far below 2^63; saturate rather than wrap. */
      *sum = *sum > G_MAXUINT64 - c->orders ? G_MAXUINT64 : *sum + c->orders;
      g_hash_table_insert (months, c->channel,
                           GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (months, c->channel)) + 1));
    }
  for (guint i = 0; i < figures->refunds.by_channel->len; i++)
    {
      RdReportBar *bar = g_ptr_array_index (figures->refunds.by_channel, i);

      if (g_hash_table_lookup (orders, bar->key) == NULL)
        g_ptr_array_add (channels, bar->key);
    }

  all = rate_new (figures, "");
  g_ptr_array_add (figures->rates, all);
  for (guint i = 0; i < channels->len; i++)
    {
      const char *channel = g_ptr_array_index (channels, i);
      RdReportRate *rate = rate_new (figures, channel);
      guint64 *sum = g_hash_table_lookup (orders, channel);

      for (guint j = 0; j < figures->refunds.by_channel->len; j++)
        {
          RdReportBar *bar = g_ptr_array_index (figures->refunds.by_channel, j);

          if (g_str_equal (bar->key, channel))
            rate->refunds = bar->count;
        }
      rate->has_orders = sum != NULL && GPOINTER_TO_INT (g_hash_table_lookup (months, channel)) == needed;
      rate->orders = rate->has_orders ? *sum : 0;
      if (rate->has_orders)
        {
          /* "All": the channels with counts for the whole period. */
          all->has_orders = TRUE;
          all->refunds += rate->refunds;
          all->orders = all->orders > G_MAXUINT64 - rate->orders ? G_MAXUINT64 : all->orders + rate->orders;
        }
      g_ptr_array_add (figures->rates, rate);
    }
  if (!all->has_orders)
    all->refunds = figures->refunds.total.count;
  return TRUE;
}
