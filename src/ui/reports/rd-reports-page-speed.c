/* rd-reports-page-speed.c
 *
 * The Reports page's Speed, Intercepts and Refund rate sections, filled
 * from a report: medians by channel, couriers' and provinces' success rates,
 * refunds ÷ the orders the shop typed in.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-reports-page-private.h"

#define TOP_PROVINCES 10

/* Helpers */

static const RdReportSpeed *
find_speed (GPtrArray  *speeds,
            const char *key)
{
  for (guint i = 0; i < speeds->len; i++)
    if (g_strcmp0 (((RdReportSpeed *) g_ptr_array_index (speeds, i))->key, key) == 0)
      return g_ptr_array_index (speeds, i);
  return NULL;
}

static void
fill_speed_chart (RdReportsPage *self,
                  GtkWidget     *card,
                  gboolean       payout)
{
  GPtrArray *now = self->report->current->speed.by_channel;
  GPtrArray *before = self->report->previous->speed.by_channel;
  RdChart *chart = _rd_reports_chart_of (card);
  const RdReportSpeed *all = find_speed (now, "");
  g_autofree char *subtitle = NULL;

  _rd_reports_begin_chart (self, chart);
  for (guint i = 0; i < now->len; i++)
    {
      const RdReportSpeed *speed = g_ptr_array_index (now, i);
      const RdReportSpeed *previous = find_speed (before, speed->key);
      gint64 median = payout ? speed->payout_median : speed->approve_median;
      gint64 previous_median = previous == NULL ? -1 : payout ? previous->payout_median : previous->approve_median;
      guint index;

      if (*speed->key == '\0' || median < 0)
        continue;
      index = rd_chart_append (chart, speed->label, median);
      if (previous_median >= 0)
        rd_chart_set_previous (chart, index, previous_median);
      _rd_reports_add_target (G_OBJECT (chart), speed->filter, speed->label);
    }
  rd_chart_changed (chart);

  if (all != NULL && (payout ? all->n_paid : all->n_approved) > 0)
    {
      g_autofree char *median = _rd_reports_format_duration (payout ? all->payout_median : all->approve_median, NULL);
      g_autofree char *p90 = _rd_reports_format_duration (payout ? all->payout_p90 : all->approve_p90, NULL);

      /* Translators: under a speed chart: "All channels: median 5.5 h, 90% within 20.0 h" */
      subtitle = g_strdup_printf (_("All channels: median %s, 90%% within %s"), median, p90);
    }
  rd_chart_card_set_subtitle (RD_CHART_CARD (card), subtitle);
}

void
_rd_reports_page_fill_speed (RdReportsPage *self)
{
  const RdReportSpeedFigures *now = &self->report->current->speed;
  const RdReportSpeedFigures *before = &self->report->previous->speed;

  fill_speed_chart (self, self->approve_chart, FALSE);
  fill_speed_chart (self, self->payout_chart, TRUE);

  _rd_reports_clear_rows (self->speed_rows);
  for (guint i = 0; i < now->by_channel->len; i++)
    {
      const RdReportSpeed *speed = g_ptr_array_index (now->by_channel, i);
      g_autofree char *am = _rd_reports_format_duration (speed->approve_median, NULL);
      g_autofree char *a90 = _rd_reports_format_duration (speed->approve_p90, NULL);
      g_autofree char *pm = _rd_reports_format_duration (speed->payout_median, NULL);
      g_autofree char *p90 = _rd_reports_format_duration (speed->payout_p90, NULL);
      /* Translators: a channel's speed: "Approved 12: median 5.5 h, 90%
       * within 20.0 h · paid 10: median 2.0 d, 90% within 4.0 d" */
      g_autofree char *line = g_strdup_printf (_("Approved %u: median %s, 90%% within %s · paid %u: median %s, 90%% within %s"),
                                               speed->n_approved, am, a90, speed->n_paid, pm, p90);

      _rd_reports_add_row (self->speed_rows, speed->label, line, speed->filter);
    }
  _rd_reports_add_bar_row (self->speed_rows, _("Platform deadlines missed"), &now->deadline_missed, &before->deadline_missed);
  {
    g_autofree char *figures = _rd_reports_describe_bar (&now->overdue_now);

    _rd_reports_add_row (self->speed_rows, _("Open past their deadline now"), figures, now->overdue_now.filter);
  }
}

static const RdReportIntercept *
find_intercept (GPtrArray  *intercepts,
                const char *key)
{
  for (guint i = 0; i < intercepts->len; i++)
    if (g_strcmp0 (((RdReportIntercept *) g_ptr_array_index (intercepts, i))->key, key) == 0)
      return g_ptr_array_index (intercepts, i);
  return NULL;
}

static gint64
success_rate (const RdReportIntercept *intercept)
{
  return intercept->requested > 0 ? (gint64) intercept->intercepted * 10000 / intercept->requested : 0;
}

static void
fill_intercept_chart (RdReportsPage *self,
                      RdChart       *chart,
                      GPtrArray     *now,
                      GPtrArray     *before,
                      guint          limit)
{
  _rd_reports_begin_chart (self, chart);
  for (guint i = 0; i < now->len && i < limit; i++)
    {
      const RdReportIntercept *intercept = g_ptr_array_index (now, i);
      const RdReportIntercept *previous = find_intercept (before, intercept->key);
      /* Translators: a courier in the intercepts chart with what it stopped
       * of what it was asked: "SF Express (3 of 4)" */
      g_autofree char *label = g_strdup_printf (_("%s (%u of %u)"), intercept->label,
                                                intercept->intercepted, intercept->requested);
      guint index;

      if (intercept->requested == 0)
        continue;
      index = rd_chart_append (chart, label, success_rate (intercept));
      if (previous != NULL && previous->requested > 0)
        rd_chart_set_previous (chart, index, success_rate (previous));
      _rd_reports_add_target (G_OBJECT (chart), intercept->filter, intercept->label);
    }
  rd_chart_changed (chart);
}

void
_rd_reports_page_fill_intercepts (RdReportsPage *self)
{
  const RdReportIntercepts *now = &self->report->current->intercepts;
  const RdReportIntercepts *before = &self->report->previous->intercepts;
  g_autofree char *subtitle = NULL;

  fill_intercept_chart (self, _rd_reports_chart_of (self->courier_chart), now->by_courier, before->by_courier, G_MAXUINT);
  fill_intercept_chart (self, _rd_reports_chart_of (self->province_chart), now->by_province, before->by_province, TOP_PROVINCES);

  if (now->all.requested > 0)
    {
      g_autofree char *rate = _rd_reports_format_rate (success_rate (&now->all), NULL);
      g_autofree char *median = _rd_reports_format_duration (now->all.median_to_result, NULL);

      /* Translators: "75.0% of 20 intercepts stopped, median 2.0 d to a result" */
      subtitle = g_strdup_printf (ngettext ("%s of %u intercept stopped, median %s to a result",
                                            "%s of %u intercepts stopped, median %s to a result",
                                            now->all.requested),
                                  rate, now->all.requested, median);
    }
  rd_chart_card_set_subtitle (RD_CHART_CARD (self->courier_chart), subtitle);

  _rd_reports_clear_rows (self->intercept_rows);
  for (guint i = 0; i < now->by_courier->len; i++)
    {
      const RdReportIntercept *intercept = g_ptr_array_index (now->by_courier, i);
      g_autofree char *median = _rd_reports_format_duration (intercept->median_to_result, NULL);
      /* Translators: a courier's intercepts: "Requested 4, stopped 3, failed
       * 1, median 2.0 d to a result" */
      g_autofree char *line = g_strdup_printf (_("Requested %u, stopped %u, failed %u, median %s to a result"),
                                               intercept->requested, intercept->intercepted,
                                               intercept->failed, median);

      _rd_reports_add_row (self->intercept_rows, intercept->label, line, intercept->filter);
    }
}

void
_rd_reports_page_fill_rates (RdReportsPage *self,
                             GPtrArray     *order_counts)
{
  RdChart *chart = _rd_reports_chart_of (self->rate_chart);

  _rd_reports_begin_chart (self, chart);
  for (guint i = 0; i < self->report->current->rates->len; i++)
    {
      const RdReportRate *rate = g_ptr_array_index (self->report->current->rates, i);
      g_autofree char *orders = NULL;
      g_autofree char *label = NULL;

      if (!rate->has_orders || rate->orders == 0)
        continue;
      orders = g_strdup_printf ("%" G_GUINT64_FORMAT, rate->orders);
      /* Translators: a channel in the refund rate chart: "Taobao (12 of 1000 orders)" */
      label = g_strdup_printf (_("%s (%u of %s orders)"), rate->label, rate->refunds, orders);
      rd_chart_append (chart, label, (gint64) ((guint64) rate->refunds * 10000 / rate->orders));
      _rd_reports_add_target (G_OBJECT (chart), rate->filter, rate->label);
    }
  rd_chart_changed (chart);
  rd_chart_card_set_subtitle (RD_CHART_CARD (self->rate_chart),
                              rd_chart_get_n_items (chart) == 0
                              ? _("Type the month’s order counts in the table to see the refund rate.")
                              : NULL);

  if (self->context != NULL)
    rd_order_counts_grid_set (self->order_counts, self->context, &self->period, order_counts);
}
