/* rd-reports-page-private.h
 *
 * What the files of the Reports page share: its instance struct, the
 * filling of its sections from a report (rd-reports-page-fill.c) and the
 * formats of its figures.
 */
#pragma once

#if !defined (RD_UI_REPORTS_COMPILATION)
# error "rd-reports-page-private.h is for src/ui/reports only."
#endif

#include "rd-chart-card.h"
#include "rd-order-counts-grid.h"
#include "rd-report.h"
#include "rd-reports-page.h"

G_BEGIN_DECLS

struct _RdReportsPage
{
  AdwBin            parent_instance;

  RdContext        *context;
  char             *last_export;

  RdReportPeriod    period;
  RdReport         *report;       /* what the page shows; NULL before the first */
  GCancellable     *computing;
  gboolean          stale;        /* the ledger may have changed since */
  GArray           *months;       /* int, year * 100 + month, newest first */
  gboolean          filling_months;

  /* Sections, built once; their cards are refilled from each report. */
  GtkWidget        *per_day_count;
  GtkFlowBox       *refunds_flow;
  GHashTable       *per_day_amount; /* currency code → RdChartCard */
  GtkWidget        *by_reason;
  GtkWidget        *by_kind;
  GtkWidget        *by_channel;
  GtkWidget        *by_payment;
  GtkListBox       *refunds_rows;
  GtkWidget        *losses_chart;
  GtkListBox       *losses_rows;
  GtkWidget        *approve_chart;
  GtkWidget        *payout_chart;
  GtkListBox       *speed_rows;
  GtkWidget        *courier_chart;
  GtkWidget        *province_chart;
  GtkListBox       *intercept_rows;
  GtkWidget        *rate_chart;
  RdOrderCountsGrid *order_counts;

  /* Template children */
  AdwToastOverlay  *toast_overlay;
  GtkDropDown      *from_dropdown;
  GtkDropDown      *to_dropdown;
  GtkLabel         *previous_label;
  GtkSpinner       *spinner;
  GtkStack         *content_stack;
  AdwStatusPage    *empty_page;
  GtkBox           *sections_box;
};

/* rd-reports-page-fill.c */
void  _rd_reports_page_build_sections (RdReportsPage *self);
void  _rd_reports_page_fill           (RdReportsPage *self,
                                       GPtrArray     *order_counts);
void  _rd_reports_page_emit_show_cases (RdReportsPage        *self,
                                        const RdLedgerFilter *filter,
                                        const char           *title);
/* Emits "show-cases" for item index of chart (its RdLedgerFilter). */
void  _rd_reports_page_chart_activated (RdReportsPage *self,
                                        guint          index,
                                        RdChart       *chart);

/* rd-reports-page-speed.c */
void  _rd_reports_page_fill_speed      (RdReportsPage *self);
void  _rd_reports_page_fill_intercepts (RdReportsPage *self);
void  _rd_reports_page_fill_rates      (RdReportsPage *self,
                                        GPtrArray     *order_counts);

/* What the sections share (rd-reports-page-fill.c): a card's chart, a
 * chart emptied for a new report with both periods' names, an item's or a
 * row's ledger filter and chip title, the rows of a section. */
RdChart *_rd_reports_chart_of       (GtkWidget            *card);
void     _rd_reports_begin_chart    (RdReportsPage        *self,
                                     RdChart              *chart);
void     _rd_reports_add_target     (GObject              *object,
                                     const RdLedgerFilter *filter,
                                     const char           *title);
void     _rd_reports_clear_rows     (GtkListBox           *rows);
void     _rd_reports_add_row        (GtkListBox           *rows,
                                     const char           *title,
                                     const char           *subtitle,
                                     const RdLedgerFilter *filter);
void     _rd_reports_add_bar_row    (GtkListBox           *rows,
                                     const char           *title,
                                     const RdReportBar    *bar,
                                     const RdReportBar    *previous);

/* Figures as the page writes them. */
char *_rd_reports_format_count    (gint64   value,
                                   gpointer user_data);
char *_rd_reports_format_money    (gint64   value,
                                   gpointer currency);
char *_rd_reports_format_rate     (gint64   basis_points,
                                   gpointer user_data);
char *_rd_reports_format_duration (gint64   seconds,
                                   gpointer user_data);
/* "3 cases · ¥12.00 · $4.00" for a bar's count and money (amount). */
char *_rd_reports_describe_bar    (const RdReportBar *bar);

G_END_DECLS
