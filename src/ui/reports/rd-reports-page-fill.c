/* rd-reports-page-fill.c
 *
 * The Reports page's sections: built once (a heading, a flow box of chart
 * cards that wraps at 800 px and spreads at 1920, a list of rows), then
 * filled from each report. Every bar, slice and row keeps the ledger filter
 * of its cases, for "show-cases".
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-bar-chart.h"
#include "rd-column-chart.h"
#include "rd-money-totals.h"
#include "rd-reports-page-private.h"
#include "rd-ring-chart.h"


/* Formats */

char *
_rd_reports_format_count (gint64   value,
                          gpointer user_data)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

char *
_rd_reports_format_money (gint64   value,
                          gpointer currency)
{
  return rd_money_format_code (value, currency);
}

char *
_rd_reports_format_rate (gint64   basis_points,
                         gpointer user_data)
{
  /* Translators: a percentage, "12.5%" */
  return g_strdup_printf (_("%.1f%%"), basis_points / 100.0);
}

char *
_rd_reports_format_duration (gint64   seconds,
                             gpointer user_data)
{
  if (seconds < 0)
    return g_strdup ("—");
  if (seconds < 3600)
    /* Translators: a duration in minutes */
    return g_strdup_printf (_("%d min"), (int) ((seconds + 59) / 60));
  if (seconds < 48 * 3600)
    /* Translators: a duration in hours, "5.5 h" */
    return g_strdup_printf (_("%.1f h"), seconds / 3600.0);
  /* Translators: a duration in days, "3.2 d" */
  return g_strdup_printf (_("%.1f d"), seconds / 86400.0);
}

char *
_rd_reports_describe_bar (const RdReportBar *bar)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, ngettext ("%u case", "%u cases", bar->count), bar->count);
  for (guint i = 0; bar->money != NULL && i < bar->money->len; i++)
    {
      const RdReportMoney *money = &g_array_index (bar->money, RdReportMoney, i);
      g_autofree char *amount = rd_money_format_code (money->amount, money->currency);

      g_string_append_printf (text, " · %s", amount);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Helpers */

static char *
period_text (RdReportsPage *self)
{
  return rd_report_period_format (&self->period);
}

/* The ledger filters of a chart's items (copies; NULL for an item of the
 * previous period only) and the titles of the Ledger's chip. */
static void
reset_targets (GObject *object)
{
  g_object_set_data_full (object, "rd-filters",
                          g_ptr_array_new_with_free_func ((GDestroyNotify) rd_ledger_filter_free),
                          (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data_full (object, "rd-titles", g_ptr_array_new_with_free_func (g_free),
                          (GDestroyNotify) g_ptr_array_unref);
}

void
_rd_reports_add_target (GObject              *object,
                        const RdLedgerFilter *filter,
                        const char           *title)
{
  g_ptr_array_add (g_object_get_data (object, "rd-filters"),
                   filter != NULL ? rd_ledger_filter_copy (filter) : NULL);
  g_ptr_array_add (g_object_get_data (object, "rd-titles"), g_strdup (title));
}

static void
show_target (RdReportsPage *self,
             GObject       *object,
             guint          index)
{
  GPtrArray *filters = g_object_get_data (object, "rd-filters");
  GPtrArray *titles = g_object_get_data (object, "rd-titles");
  g_autofree char *period = NULL;
  g_autofree char *title = NULL;

  if (filters == NULL || index >= filters->len || g_ptr_array_index (filters, index) == NULL)
    return;

  period = period_text (self);
  /* Translators: the Ledger's chip for a report's bar: "Wrong size, 2026-11" */
  title = g_strdup_printf (_("%s, %s"), (char *) g_ptr_array_index (titles, index), period);
  _rd_reports_page_emit_show_cases (self, g_ptr_array_index (filters, index), title);
}

static void
on_chart_item_activated (RdChart       *chart,
                         guint          index,
                         RdReportsPage *self)
{
  _rd_reports_page_chart_activated (self, index, chart);
}

static void
on_row_activated (GtkListBox    *list,
                  GtkListBoxRow *row,
                  RdReportsPage *self)
{
  show_target (self, G_OBJECT (list), gtk_list_box_row_get_index (row));
}

static void
on_order_counts_saved (RdReportsPage *self)
{
  rd_reports_page_refresh (self);
}

static void
on_order_counts_error (RdReportsPage     *self,
                       const char        *message,
                       RdOrderCountsGrid *grid)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static GtkFlowBox *
add_section (RdReportsPage *self,
             const char    *title,
             const char    *description,
             GtkListBox   **rows)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *heading = gtk_label_new (title);
  GtkWidget *flow = gtk_flow_box_new ();

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "title-3");
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_box_append (GTK_BOX (box), heading);
  if (description != NULL)
    {
      GtkWidget *label = gtk_label_new (description);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
    }

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  /* Not homogeneous: a card is as tall as its chart, not as the tallest
   * card of the section (a list of nine channels). */
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), FALSE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (flow), 1);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 3);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 12);
  gtk_box_append (GTK_BOX (box), flow);

  if (rows != NULL)
    {
      *rows = GTK_LIST_BOX (gtk_list_box_new ());
      gtk_list_box_set_selection_mode (*rows, GTK_SELECTION_NONE);
      gtk_widget_add_css_class (GTK_WIDGET (*rows), "boxed-list");
      gtk_accessible_update_property (GTK_ACCESSIBLE (*rows), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
      g_signal_connect (*rows, "row-activated", G_CALLBACK (on_row_activated), self);
      reset_targets (G_OBJECT (*rows));
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (*rows));
    }

  gtk_box_append (self->sections_box, box);
  return GTK_FLOW_BOX (flow);
}

static GtkWidget *
add_card (RdReportsPage     *self,
          GtkFlowBox        *flow,
          GtkWidget         *chart,
          const char        *name,
          const char        *title,
          const char        *description,
          RdChartFormatFunc  format,
          gpointer           format_data,
          GDestroyNotify     format_destroy)
{
  GtkWidget *card;

  gtk_widget_set_name (chart, name);
  rd_chart_set_format (RD_CHART (chart), format, format_data, format_destroy);
  rd_chart_set_description (RD_CHART (chart), description);
  g_signal_connect (chart, "item-activated", G_CALLBACK (on_chart_item_activated), self);
  reset_targets (G_OBJECT (chart));
  card = rd_chart_card_new (title, RD_CHART (chart));
  gtk_flow_box_append (flow, card);
  return card;
}

RdChart *
_rd_reports_chart_of (GtkWidget *card)
{
  return rd_chart_card_get_chart (RD_CHART_CARD (card));
}

void
_rd_reports_begin_chart (RdReportsPage *self,
                         RdChart       *chart)
{
  g_autofree char *current = rd_report_period_format (&self->report->current->period);
  g_autofree char *previous = rd_report_period_format (&self->report->previous->period);

  rd_chart_clear (chart);
  rd_chart_set_series_names (chart, current, previous);
  reset_targets (G_OBJECT (chart));
}

static const RdReportBar *
find_bar (GPtrArray  *bars,
          const char *key)
{
  for (guint i = 0; bars != NULL && i < bars->len; i++)
    {
      const RdReportBar *bar = g_ptr_array_index (bars, i);

      if (g_strcmp0 (bar->key, key) == 0)
        return bar;
    }
  return NULL;
}

/* One item per bar of current, by count, the previous period's bar of the
 * same key beside; the previous period's bars current lacks come last at 0
 * (unless skip_previous_only). */
static void
fill_counts (RdReportsPage *self,
             RdChart       *chart,
             GPtrArray     *current,
             GPtrArray     *previous,
             gboolean       skip_previous_only)
{
  _rd_reports_begin_chart (self, chart);
  for (guint i = 0; i < current->len; i++)
    {
      const RdReportBar *bar = g_ptr_array_index (current, i);
      const RdReportBar *before = find_bar (previous, bar->key);
      guint index = rd_chart_append (chart, bar->label, bar->count);

      rd_chart_set_previous (chart, index, before != NULL ? before->count : 0);
      _rd_reports_add_target (G_OBJECT (chart), bar->filter, bar->label);
    }
  for (guint i = 0; !skip_previous_only && previous != NULL && i < previous->len; i++)
    {
      const RdReportBar *before = g_ptr_array_index (previous, i);
      guint index;

      if (find_bar (current, before->key) != NULL)
        continue;
      index = rd_chart_append (chart, before->label, 0);
      rd_chart_set_previous (chart, index, before->count);
      _rd_reports_add_target (G_OBJECT (chart), NULL, before->label);
    }
  rd_chart_changed (chart);
}

static gint64
amount_in (const RdReportBar *bar,
           const char        *currency)
{
  const RdReportMoney *money = bar != NULL ? rd_report_money_lookup (bar->money, currency) : NULL;

  return money != NULL ? money->amount : 0;
}

static int
compare_codes (gconstpointer a,
               gconstpointer b)
{
  return rd_currency_compare (*(const char * const *) a, *(const char * const *) b);
}

/* The codes of the currencies of both periods' totals, shop currency first. */
static GPtrArray *
currencies_of (const RdReportBar *current,
               const RdReportBar *previous)
{
  GPtrArray *codes = g_ptr_array_new ();
  const RdReportBar *bars[2] = { current, previous };

  for (guint b = 0; b < 2; b++)
    for (guint i = 0; bars[b]->money != NULL && i < bars[b]->money->len; i++)
      {
        const char *code = g_array_index (bars[b]->money, RdReportMoney, i).currency;
        gboolean known = FALSE;

        for (guint j = 0; j < codes->len; j++)
          known |= g_strcmp0 (g_ptr_array_index (codes, j), code) == 0;
        if (!known)
          g_ptr_array_add (codes, (gpointer) code);
      }
  g_ptr_array_sort (codes, compare_codes);
  return codes;
}

void
_rd_reports_clear_rows (GtkListBox *rows)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (rows))) != NULL)
    gtk_list_box_remove (rows, child);
  reset_targets (G_OBJECT (rows));
}

void
_rd_reports_add_row (GtkListBox           *rows,
                     const char           *title,
                     const char           *subtitle,
                     const RdLedgerFilter *filter)
{
  GtkWidget *row = adw_action_row_new ();

  /* Names are text: "J&T Express". */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), filter != NULL);
  if (filter != NULL)
    {
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_widget_set_tooltip_text (row, _("Show these cases in the ledger"));
    }
  gtk_list_box_append (rows, row);
  _rd_reports_add_target (G_OBJECT (rows), filter, title);
}

/* A bar's row: its figures, then the previous period's. */
void
_rd_reports_add_bar_row (GtkListBox        *rows,
                         const char        *title,
                         const RdReportBar *bar,
                         const RdReportBar *previous)
{
  g_autofree char *now = _rd_reports_describe_bar (bar);
  g_autofree char *before = _rd_reports_describe_bar (previous);
  /* Translators: a report row's figures, then the previous period's:
   * "3 cases · ¥12.00 (before: 1 case · ¥4.00)" */
  g_autofree char *subtitle = g_strdup_printf (_("%s (before: %s)"), now, before);

  _rd_reports_add_row (rows, title, subtitle, bar->filter);
}

/* Sections */

static void
fill_refunds (RdReportsPage *self)
{
  const RdReportRefunds *now = &self->report->current->refunds;
  const RdReportRefunds *before = &self->report->previous->refunds;
  g_autoptr(GPtrArray) codes = currencies_of (&now->total, &before->total);
  g_autofree char *subtitle = NULL;
  GHashTableIter iter;
  gpointer card;
  RdChart *chart;
  guint position = 1;

  chart = _rd_reports_chart_of (self->per_day_count);
  _rd_reports_begin_chart (self, chart);
  for (guint i = 0; i < now->per_day->len; i++)
    {
      const RdReportBar *day = g_ptr_array_index (now->per_day, i);
      guint index = rd_chart_append (chart, day->label, day->count);

      if (i < before->per_day->len)
        rd_chart_set_previous (chart, index, ((RdReportBar *) g_ptr_array_index (before->per_day, i))->count);
      _rd_reports_add_target (G_OBJECT (chart), day->filter, day->label);
    }
  rd_chart_changed (chart);
  /* Translators: under the chart of requests per day: this period's count,
   * then the previous one's */
  subtitle = g_strdup_printf (_("%u this period, %u before"), now->total.count, before->total.count);
  rd_chart_card_set_subtitle (RD_CHART_CARD (self->per_day_count), subtitle);

  /* One chart of amounts per currency: never added across currencies. */
  g_hash_table_iter_init (&iter, self->per_day_amount);
  while (g_hash_table_iter_next (&iter, NULL, &card))
    gtk_widget_set_visible (gtk_widget_get_parent (card), FALSE);
  for (guint c = 0; c < codes->len; c++)
    {
      const char *code = g_ptr_array_index (codes, c);
      g_autofree char *amount_now = rd_money_format_code (amount_in (&now->total, code), code);
      g_autofree char *amount_before = rd_money_format_code (amount_in (&before->total, code), code);
      g_autofree char *line = NULL;

      card = g_hash_table_lookup (self->per_day_amount, code);
      if (card == NULL)
        {
          /* Translators: a chart's title: the approved refunds per day in
           * one currency, "Refunded per Day, CNY" */
          g_autofree char *title = g_strdup_printf (_("Refunded per Day, %s"), code);

          card = rd_chart_card_new (title, RD_CHART (rd_column_chart_new ()));
          chart = _rd_reports_chart_of (card);
          gtk_widget_set_name (GTK_WIDGET (chart), "per-day-amount");
          rd_chart_set_format (chart, _rd_reports_format_money, g_strdup (code), g_free);
          rd_chart_set_description (chart, _("The amount approved for the refunds requested each day, in one currency."));
          g_signal_connect (chart, "item-activated", G_CALLBACK (on_chart_item_activated), self);
          gtk_flow_box_insert (self->refunds_flow, card, position);
          g_hash_table_insert (self->per_day_amount, g_strdup (code), card);
        }
      gtk_widget_set_visible (gtk_widget_get_parent (card), TRUE);
      position++;

      chart = _rd_reports_chart_of (card);
      _rd_reports_begin_chart (self, chart);
      for (guint i = 0; i < now->per_day->len; i++)
        {
          const RdReportBar *day = g_ptr_array_index (now->per_day, i);
          guint index = rd_chart_append (chart, day->label, amount_in (day, code));

          if (i < before->per_day->len)
            rd_chart_set_previous (chart, index, amount_in (g_ptr_array_index (before->per_day, i), code));
          _rd_reports_add_target (G_OBJECT (chart), day->filter, day->label);
        }
      rd_chart_changed (chart);
      line = g_strdup_printf (_("%s this period, %s before"), amount_now, amount_before);
      rd_chart_card_set_subtitle (RD_CHART_CARD (card), line);
    }

  fill_counts (self, _rd_reports_chart_of (self->by_reason), now->by_reason, before->by_reason, TRUE);
  rd_ring_chart_set_other (RD_RING_CHART (_rd_reports_chart_of (self->by_reason)),
                           now->by_reason->len > 0 &&
                           g_strcmp0 (((RdReportBar *) g_ptr_array_index (now->by_reason, now->by_reason->len - 1))->key, "other") == 0);
  fill_counts (self, _rd_reports_chart_of (self->by_kind), now->by_kind, before->by_kind, FALSE);
  fill_counts (self, _rd_reports_chart_of (self->by_channel), now->by_channel, before->by_channel, FALSE);
  fill_counts (self, _rd_reports_chart_of (self->by_payment), now->by_payment, before->by_payment, FALSE);

  _rd_reports_clear_rows (self->refunds_rows);
  {
    g_autofree char *share = NULL;
    g_autofree char *figures = _rd_reports_describe_bar (&now->merchant_fault);
    g_autofree char *line = NULL;

    if (now->total.count > 0)
      share = _rd_reports_format_rate ((gint64) now->merchant_fault.count * 10000 / now->total.count, NULL);
    /* Translators: the share of refunds the shop caused: "12.5% of the
     * cases: 3 cases · ¥12.00" */
    line = g_strdup_printf (_("%s of the cases: %s"), share != NULL ? share : "—", figures);
    _rd_reports_add_row (self->refunds_rows, _("Caused by the Shop"), line, now->merchant_fault.filter);
    rd_chart_card_set_subtitle (RD_CHART_CARD (self->by_reason), line);
  }
}

static void
fill_losses (RdReportsPage *self)
{
  const RdReportLosses *now = &self->report->current->losses;
  const RdReportLosses *before = &self->report->previous->losses;
  const struct {
    const char        *title;
    const RdReportBar *bar;
    const RdReportBar *before;
    gboolean           charted;
  } items[] = {
    { N_("Refunds without a return"), &now->no_return, &before->no_return, TRUE },
    { N_("Paid, parcel not recovered"), &now->not_recovered, &before->not_recovered, TRUE },
    { N_("Compensation"), &now->compensation, &before->compensation, TRUE },
    { N_("Return shipping paid"), &now->return_shipping, &before->return_shipping, TRUE },
    { N_("Claims filed"), &now->claims_filed, &before->claims_filed, FALSE },
    { N_("Claims recovered"), &now->claims_recovered, &before->claims_recovered, FALSE },
  };
  RdChart *chart = _rd_reports_chart_of (self->losses_chart);
  const char *code = "CNY";
  g_autofree char *title = NULL;

  /* The chart in the first currency that lost money (the shop's, mostly);
   * every currency's figures are in the rows. */
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    if (items[i].charted && items[i].bar->money != NULL && items[i].bar->money->len > 0)
      {
        code = g_array_index (items[i].bar->money, RdReportMoney, 0).currency;
        break;
      }

  /* Translators: a chart's title, "Money Lost, CNY" */
  title = g_strdup_printf (_("Money Lost, %s"), code);
  rd_chart_card_set_title (RD_CHART_CARD (self->losses_chart), title);
  rd_chart_set_format (chart, _rd_reports_format_money, g_strdup (code), g_free);
  _rd_reports_begin_chart (self, chart);
  _rd_reports_clear_rows (self->losses_rows);
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      if (items[i].charted)
        {
          guint index = rd_chart_append (chart, _(items[i].title), amount_in (items[i].bar, code));

          rd_chart_set_previous (chart, index, amount_in (items[i].before, code));
          _rd_reports_add_target (G_OBJECT (chart), items[i].bar->filter, _(items[i].title));
        }
      _rd_reports_add_bar_row (self->losses_rows, _(items[i].title), items[i].bar, items[i].before);
    }
  rd_chart_changed (chart);
}

/* Private API */

void
_rd_reports_page_build_sections (RdReportsPage *self)
{
  GtkFlowBox *flow;
  GtkWidget *box;
  GtkWidget *label;

  flow = add_section (self, _("Refunds"), NULL, &self->refunds_rows);
  self->refunds_flow = flow;
  self->per_day_count = add_card (self, flow, rd_column_chart_new (), "per-day", _("Requests per Day"),
                                  _("How many refunds were requested each day; the lighter columns are the period before."),
                                  _rd_reports_format_count, NULL, NULL);
  self->by_reason = add_card (self, flow, rd_ring_chart_new (), "reasons", _("By Reason"),
                              _("The reasons buyers gave, the most frequent first, the rest as other."),
                              _rd_reports_format_count, NULL, NULL);
  self->by_kind = add_card (self, flow, rd_bar_chart_new (), "kinds", _("By Kind"),
                            _("Refunds by kind: refund only, return and refund, exchange."),
                            _rd_reports_format_count, NULL, NULL);
  self->by_channel = add_card (self, flow, rd_bar_chart_new (), "channels", _("By Channel"),
                               _("Refunds by the platform or shop the order came from."),
                               _rd_reports_format_count, NULL, NULL);
  self->by_payment = add_card (self, flow, rd_bar_chart_new (), "payments", _("By Payment Method"),
                               _("Refunds by how the buyer paid."),
                               _rd_reports_format_count, NULL, NULL);

  flow = add_section (self, _("Money That Will Not Come Back"),
                      _("Refunds paid without the goods back, compensation, the return shipping the shop paid, and what couriers’ claims recovered."),
                      &self->losses_rows);
  self->losses_chart = add_card (self, flow, rd_bar_chart_new (), "losses", _("Money Lost"),
                                 _("The money the shop will not get back, by cause, in one currency."),
                                 _rd_reports_format_money, g_strdup ("CNY"), g_free);

  flow = add_section (self, _("Speed"),
                      _("From the request to the approval and to the payout, by channel (median: half were faster)."),
                      &self->speed_rows);
  self->approve_chart = add_card (self, flow, rd_bar_chart_new (), "approve-speed", _("Time to Approval"),
                                  _("The median time from the request to the approval, by channel."),
                                  _rd_reports_format_duration, NULL, NULL);
  self->payout_chart = add_card (self, flow, rd_bar_chart_new (), "payout-speed", _("Time to Payout"),
                                 _("The median time from the request to the payout in full, by channel."),
                                 _rd_reports_format_duration, NULL, NULL);

  flow = add_section (self, _("Intercepts"),
                      _("How often couriers stopped a parcel when asked (intercepted ÷ requested)."),
                      &self->intercept_rows);
  self->courier_chart = add_card (self, flow, rd_bar_chart_new (), "couriers", _("Stopped, by Courier"),
                                  _("The share of intercepts each courier stopped."),
                                  _rd_reports_format_rate, NULL, NULL);
  self->province_chart = add_card (self, flow, rd_bar_chart_new (), "provinces", _("Stopped, by Destination Province"),
                                   _("The share of intercepts stopped, by the province the parcel was going to."),
                                   _rd_reports_format_rate, NULL, NULL);

  flow = add_section (self, _("Refund Rate"),
                      _("Refunds ÷ orders, by channel, for the months whose order counts you typed below."),
                      NULL);
  self->rate_chart = add_card (self, flow, rd_bar_chart_new (), "rates", _("Refund Rate by Channel"),
                               _("Refunds as a share of the orders of each channel."),
                               _rd_reports_format_rate, NULL, NULL);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "chart-card");
  label = gtk_label_new (_("Orders per Month"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  label = gtk_label_new (_("Type how many orders each channel had in each month; press Enter to save."));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);
  self->order_counts = RD_ORDER_COUNTS_GRID (rd_order_counts_grid_new ());
  g_signal_connect_swapped (self->order_counts, "saved", G_CALLBACK (on_order_counts_saved), self);
  g_signal_connect_swapped (self->order_counts, "error", G_CALLBACK (on_order_counts_error), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->order_counts));
  gtk_flow_box_append (flow, box);
}

void
_rd_reports_page_fill (RdReportsPage *self,
                       GPtrArray     *order_counts)
{
  const RdReportFigures *now;
  const RdReportFigures *before;

  g_return_if_fail (self->report != NULL);

  now = self->report->current;
  before = self->report->previous;

  fill_refunds (self);
  fill_losses (self);
  _rd_reports_page_fill_speed (self);
  _rd_reports_page_fill_intercepts (self);
  _rd_reports_page_fill_rates (self, order_counts);

  /* Nothing at all in either period: say so (the order counts stay
   * reachable from the next month that has refunds). */
  gtk_stack_set_visible_child_name (self->content_stack,
                                    now->refunds.total.count == 0 && before->refunds.total.count == 0 &&
                                    now->intercepts.all.requested == 0 && now->losses.claims_filed.count == 0
                                    ? "empty" : "report");
}

void
_rd_reports_page_chart_activated (RdReportsPage *self,
                                  guint          index,
                                  RdChart       *chart)
{
  show_target (self, G_OBJECT (chart), index);
}
