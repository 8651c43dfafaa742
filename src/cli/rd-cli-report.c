/* rd-cli-report.c
 *
 * `refund-desk report --month YYYY-MM [--to YYYY-MM] [--db FILE]
 * [--format text|json]`: the figures of the Reports page (rd-report.h) for
 * a month or a range of months, with the period before it beside them.
 * Text: translated headings and one line per bar, amounts per currency.
 * JSON: stable keys (English ids), amounts as integers in minor units of
 * the currency named beside them, durations in seconds (-1: none).
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "rd-cli.h"
#include "rd-money-totals.h"
#include "rd-report.h"

/* Helpers */

/* "2026-10" exactly. */
static gboolean
parse_month (const char *text,
             int        *year,
             int        *month)
{
  if (text == NULL || strlen (text) != 7 || text[4] != '-')
    return FALSE;
  for (int i = 0; i < 7; i++)
    if (i != 4 && !g_ascii_isdigit (text[i]))
      return FALSE;

  *year = (int) g_ascii_strtoll (text, NULL, 10);
  *month = (int) g_ascii_strtoll (text + 5, NULL, 10);
  return *year >= 1970 && *month >= 1 && *month <= 12;
}

/* "¥1,234.50 · $12.00" of the figure's amounts; "–" when none. */
static char *
format_amounts (GArray   *money,
                gboolean  paid)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < money->len; i++)
    {
      const RdReportMoney *m = &g_array_index (money, RdReportMoney, i);
      g_autofree char *text = rd_money_format_code (paid ? m->paid : m->amount, m->currency);

      if (i > 0)
        g_string_append (out, " · ");
      g_string_append (out, text);
    }
  if (out->len == 0)
    g_string_append (out, "–");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
format_duration (gint64 seconds)
{
  if (seconds < 0)
    return g_strdup ("–");
  if (seconds < 3600)
    /* TRANSLATORS: a duration in minutes */
    return g_strdup_printf (_("%d min"), (int) (seconds / 60));
  if (seconds < 2 * 86400)
    /* TRANSLATORS: a duration in hours, one decimal */
    return g_strdup_printf (_("%.1f h"), seconds / 3600.0);
  /* TRANSLATORS: a duration in days, one decimal */
  return g_strdup_printf (_("%.1f d"), seconds / 86400.0);
}

static const RdReportBar *
find_bar (GPtrArray  *bars,
          const char *key)
{
  for (guint i = 0; bars != NULL && i < bars->len; i++)
    {
      const RdReportBar *bar = g_ptr_array_index (bars, i);

      if (g_str_equal (bar->key, key))
        return bar;
    }
  return NULL;
}

/* Text */

static void
print_bar (const RdReportBar *bar,
           const RdReportBar *before)
{
  g_autofree char *amounts = format_amounts (bar->money, FALSE);

  /* TRANSLATORS: one row of a report: name, number of cases, refund
   * amounts, the number in the period before */
  g_print (_("  %-28s %7u cases  %s  (before: %u)\n"), bar->label, bar->count, amounts,
           before != NULL ? before->count : 0);
}

static void
print_bars (const char *title,
            GPtrArray  *bars,
            GPtrArray  *previous)
{
  g_print ("\n%s\n", title);
  if (bars->len == 0)
    g_print ("  %s\n", _("None"));
  for (guint i = 0; i < bars->len; i++)
    {
      const RdReportBar *bar = g_ptr_array_index (bars, i);

      print_bar (bar, find_bar (previous, bar->key));
    }
}

static void
print_share (guint part,
             guint whole)
{
  if (whole == 0)
    g_print ("–");
  else
    g_print ("%.1f%%", 100.0 * part / whole);
}

static void
print_text (const RdReport *report)
{
  const RdReportFigures *f = report->current;
  const RdReportFigures *p = report->previous;
  g_autofree char *period = rd_report_period_format (&f->period);
  g_autofree char *before = rd_report_period_format (&p->period);
  g_autofree char *paid = format_amounts (f->refunds.total.money, TRUE);

  /* TRANSLATORS: the title of the command's report: the period, the period before */
  g_print (_("Refund report %s (compared with %s)\n"), period, before);

  g_print ("\n%s\n", _("Refunds"));
  print_bar (&f->refunds.total, &p->refunds.total);
  g_print ("  %-28s %s\n", _("Amount paid for the orders"), paid);
  g_print ("  %-28s %7u  ", _("Caused by the shop"), f->refunds.merchant_fault.count);
  print_share (f->refunds.merchant_fault.count, f->refunds.total.count);
  g_print ("\n");

  print_bars (_("Per day"), f->refunds.per_day, p->refunds.per_day);
  print_bars (_("By kind"), f->refunds.by_kind, p->refunds.by_kind);
  print_bars (_("By reason"), f->refunds.by_reason, p->refunds.by_reason);
  print_bars (_("By channel"), f->refunds.by_channel, p->refunds.by_channel);
  print_bars (_("By payment method"), f->refunds.by_payment, p->refunds.by_payment);

  g_print ("\n%s\n", _("Money that will not come back"));
  print_bar (&f->losses.no_return, &p->losses.no_return);
  print_bar (&f->losses.not_recovered, &p->losses.not_recovered);
  print_bar (&f->losses.compensation, &p->losses.compensation);
  print_bar (&f->losses.return_shipping, &p->losses.return_shipping);
  print_bar (&f->losses.claims_filed, &p->losses.claims_filed);
  print_bar (&f->losses.claims_recovered, &p->losses.claims_recovered);

  g_print ("\n%s\n", _("Speed"));
  /* TRANSLATORS: column headings of the speed table */
  g_print ("  %-20s %8s %10s %10s %8s %10s %10s\n", _("Channel"), _("Approved"), _("Median"),
           _("90%"), _("Paid"), _("Median"), _("90%"));
  for (guint i = 0; i < f->speed.by_channel->len; i++)
    {
      const RdReportSpeed *s = g_ptr_array_index (f->speed.by_channel, i);
      g_autofree char *am = format_duration (s->approve_median);
      g_autofree char *ap = format_duration (s->approve_p90);
      g_autofree char *pm = format_duration (s->payout_median);
      g_autofree char *pp = format_duration (s->payout_p90);

      g_print ("  %-20s %8u %10s %10s %8u %10s %10s\n", s->label, s->n_approved, am, ap,
               s->n_paid, pm, pp);
    }
  print_bar (&f->speed.deadline_missed, &p->speed.deadline_missed);
  print_bar (&f->speed.overdue_now, NULL);

  g_print ("\n%s\n", _("Intercepts"));
  /* TRANSLATORS: column headings of the intercepts table */
  g_print ("  %-20s %9s %11s %8s %8s %12s\n", _("Courier"), _("Requested"), _("Intercepted"),
           _("Failed"), _("Success"), _("Median time"));
  for (int part = 0; part < 2; part++)
    {
      GPtrArray *rows = part == 0 ? f->intercepts.by_courier : f->intercepts.by_province;

      if (part == 1)
        g_print ("  %s\n", _("By destination province"));
      for (guint i = 0; i <= rows->len; i++)
        {
          const RdReportIntercept *r = i == 0 ? &f->intercepts.all : g_ptr_array_index (rows, i - 1);
          g_autofree char *median = format_duration (r->median_to_result);

          if (part == 1 && i == 0)
            continue;
          g_print ("  %-20s %9u %11u %8u ", r->label, r->requested, r->intercepted, r->failed);
          print_share (r->intercepted, r->requested);
          g_print (" %12s\n", median);
        }
    }

  g_print ("\n%s\n", _("Refund rate"));
  for (guint i = 0; i < f->rates->len; i++)
    {
      const RdReportRate *r = g_ptr_array_index (f->rates, i);

      if (!r->has_orders)
        {
          /* TRANSLATORS: a channel without its order counts for the period */
          g_print (_("  %-28s %7u refunds, no order count\n"), r->label, r->refunds);
          continue;
        }
      {
        g_autofree char *orders = g_strdup_printf ("%" G_GUINT64_FORMAT, r->orders);

        /* TRANSLATORS: refunds of a channel, its orders, then the rate */
        g_print (_("  %-28s %7u refunds / %s orders  "), r->label, r->refunds, orders);
      }
      if (r->orders > 0)
        g_print ("%.2f%%\n", 100.0 * r->refunds / r->orders);
      else
        g_print ("–\n");
    }
}

/* JSON */

static void
add_bar (JsonBuilder       *b,
         const char        *name,
         const RdReportBar *bar)
{
  if (name != NULL)
    json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "key");
  json_builder_add_string_value (b, bar->key);
  json_builder_set_member_name (b, "label");
  json_builder_add_string_value (b, bar->label);
  json_builder_set_member_name (b, "count");
  json_builder_add_int_value (b, bar->count);
  json_builder_set_member_name (b, "money");
  json_builder_begin_array (b);
  for (guint i = 0; i < bar->money->len; i++)
    {
      const RdReportMoney *m = &g_array_index (bar->money, RdReportMoney, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "currency");
      json_builder_add_string_value (b, m->currency);
      json_builder_set_member_name (b, "count");
      json_builder_add_int_value (b, m->count);
      json_builder_set_member_name (b, "paid");
      json_builder_add_int_value (b, m->paid);
      json_builder_set_member_name (b, "amount");
      json_builder_add_int_value (b, m->amount);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
add_bars (JsonBuilder *b,
          const char  *name,
          GPtrArray   *bars)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < bars->len; i++)
    add_bar (b, NULL, g_ptr_array_index (bars, i));
  json_builder_end_array (b);
}

static void
add_int (JsonBuilder *b,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

static void
add_intercept (JsonBuilder             *b,
               const RdReportIntercept *r)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "key");
  json_builder_add_string_value (b, r->key);
  json_builder_set_member_name (b, "label");
  json_builder_add_string_value (b, r->label);
  add_int (b, "requested", r->requested);
  add_int (b, "intercepted", r->intercepted);
  add_int (b, "failed", r->failed);
  add_int (b, "median_to_result", r->median_to_result);
  json_builder_end_object (b);
}

static void
add_figures (JsonBuilder           *b,
             const char            *name,
             const RdReportFigures *f)
{
  g_autofree char *from = g_strdup_printf ("%04d-%02d", f->period.from_year, f->period.from_month);
  g_autofree char *to = g_strdup_printf ("%04d-%02d", f->period.to_year, f->period.to_month);

  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "from");
  json_builder_add_string_value (b, from);
  json_builder_set_member_name (b, "to");
  json_builder_add_string_value (b, to);
  add_int (b, "start", f->start);
  add_int (b, "end", f->end);

  json_builder_set_member_name (b, "refunds");
  json_builder_begin_object (b);
  add_bar (b, "total", &f->refunds.total);
  add_bars (b, "per_day", f->refunds.per_day);
  add_bars (b, "by_kind", f->refunds.by_kind);
  add_bars (b, "by_reason", f->refunds.by_reason);
  add_bars (b, "by_channel", f->refunds.by_channel);
  add_bars (b, "by_payment_method", f->refunds.by_payment);
  add_bar (b, "merchant_fault", &f->refunds.merchant_fault);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "losses");
  json_builder_begin_object (b);
  add_bar (b, "no_return", &f->losses.no_return);
  add_bar (b, "not_recovered", &f->losses.not_recovered);
  add_bar (b, "compensation", &f->losses.compensation);
  add_bar (b, "return_shipping", &f->losses.return_shipping);
  add_bar (b, "claims_filed", &f->losses.claims_filed);
  add_bar (b, "claims_recovered", &f->losses.claims_recovered);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "speed");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "by_channel");
  json_builder_begin_array (b);
  for (guint i = 0; i < f->speed.by_channel->len; i++)
    {
      const RdReportSpeed *s = g_ptr_array_index (f->speed.by_channel, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "channel");
      json_builder_add_string_value (b, s->key);
      json_builder_set_member_name (b, "label");
      json_builder_add_string_value (b, s->label);
      add_int (b, "approved", s->n_approved);
      add_int (b, "approve_median", s->approve_median);
      add_int (b, "approve_p90", s->approve_p90);
      add_int (b, "paid", s->n_paid);
      add_int (b, "payout_median", s->payout_median);
      add_int (b, "payout_p90", s->payout_p90);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  add_bar (b, "deadline_missed", &f->speed.deadline_missed);
  add_bar (b, "overdue_now", &f->speed.overdue_now);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "intercepts");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "all");
  add_intercept (b, &f->intercepts.all);
  for (int part = 0; part < 2; part++)
    {
      GPtrArray *rows = part == 0 ? f->intercepts.by_courier : f->intercepts.by_province;

      json_builder_set_member_name (b, part == 0 ? "by_courier" : "by_province");
      json_builder_begin_array (b);
      for (guint i = 0; i < rows->len; i++)
        add_intercept (b, g_ptr_array_index (rows, i));
      json_builder_end_array (b);
    }
  json_builder_end_object (b);

  json_builder_set_member_name (b, "refund_rate");
  json_builder_begin_array (b);
  for (guint i = 0; i < f->rates->len; i++)
    {
      const RdReportRate *r = g_ptr_array_index (f->rates, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "channel");
      json_builder_add_string_value (b, r->key);
      json_builder_set_member_name (b, "label");
      json_builder_add_string_value (b, r->label);
      add_int (b, "refunds", r->refunds);
      json_builder_set_member_name (b, "orders");
      if (r->has_orders)
        json_builder_add_int_value (b, (gint64) MIN (r->orders, (guint64) G_MAXINT64));
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_end_object (b);
}

static void
print_json (const RdReport *report)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (b);
  add_int (b, "now", report->now);
  add_figures (b, "current", report->current);
  add_figures (b, "previous", report->previous);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  g_print ("%s\n", text);
}

int
rd_cli_report (int    argc,
               char **argv)
{
  g_autofree char *db_path = NULL;
  g_autofree char *month_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *format = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autoptr(RdReport) report = NULL;
  RdReportPeriod period;
  int from_year, from_month, to_year, to_month;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("Ledger file (default: the ledger in your data folder)"), N_("FILE") },
    { "month", 0, 0, G_OPTION_ARG_STRING, &month_text, N_("The month of the report, or its first month"), N_("YYYY-MM") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("The last month of the report (default: the same month)"), N_("YYYY-MM") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("“text” (default) or “json”"), N_("text|json") },
    { NULL }
  };

  if (!rd_cli_parse_options ("report", NULL,
                             _("Print what the refunds of a month or of months say: totals, reasons, channels, losses, speed, intercepts."),
                             entries, &argc, &argv))
    return RD_CLI_USAGE;

  if (argc > 1)
    {
      g_printerr ("refund-desk report: %s\n", _("Unexpected argument."));
      return RD_CLI_USAGE;
    }
  if (!parse_month (month_text, &from_year, &from_month))
    {
      g_printerr ("refund-desk report: %s\n", _("Give the month as --month YYYY-MM, for example --month 2026-10."));
      return RD_CLI_USAGE;
    }
  to_year = from_year;
  to_month = from_month;
  if (to_text != NULL && !parse_month (to_text, &to_year, &to_month))
    {
      g_printerr ("refund-desk report: %s\n", _("Give the last month as --to YYYY-MM, for example --to 2026-12."));
      return RD_CLI_USAGE;
    }
  if (format != NULL && !g_str_equal (format, "text") && !g_str_equal (format, "json"))
    {
      g_printerr ("refund-desk report: %s\n", _("The format is “text” or “json”."));
      return RD_CLI_USAGE;
    }
  if (!rd_report_period_init (&period, from_year, from_month, to_year, to_month, &error))
    {
      g_printerr ("refund-desk report: %s\n", error->message);
      return RD_CLI_USAGE;
    }

  store = rd_cli_open_store (db_path, RD_STORE_OPEN_EXISTING | RD_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    {
      g_printerr ("refund-desk report: %s\n", error->message);
      return RD_CLI_PROBLEM;
    }
  if (rd_store_get_schema_version (store) < 5)
    {
      g_printerr ("refund-desk report: %s\n",
                  _("This ledger was written by an older version of Refund Desk. Open it once in Refund Desk to update it."));
      return RD_CLI_PROBLEM;
    }

  report = rd_report_compute (rd_store_get_db (store), &period, 0, NULL, &error);
  if (report == NULL)
    {
      g_printerr ("refund-desk report: %s\n", error->message);
      return RD_CLI_PROBLEM;
    }

  if (format != NULL && g_str_equal (format, "json"))
    print_json (report);
  else
    print_text (report);
  return RD_CLI_OK;
}
