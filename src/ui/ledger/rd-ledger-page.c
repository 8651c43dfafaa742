/* rd-ledger-page.c
 *
 * The Ledger page: the filter bar, the column view over RdLedgerModel, the
 * footer with the count and the sum, and the selected case in RdCasePane.
 *
 * The model runs every filter and sort on its worker thread; this page only
 * builds an RdLedgerFilter from the widgets and hands it over. Clicking a
 * column header does not sort anything here either: the column view's sorter
 * is read (see read_column_sort) and becomes the query's sort key.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-case-pane.h"
#include "rd-channels.h"
#include "rd-column-width.h"
#include "rd-import-case.h"
#include "rd-ledger-model.h"
#include "rd-ledger-page.h"
#include "rd-ledger-footer.h"
#include "rd-money.h"
#include "rd-time.h"
#include "rd-tooltips.h"

/* "Due soon": open cases whose platform deadline is within this many hours. */
#define DUE_SOON_HOURS 24
/* The month filter offers this many months back from the current one. */
#define N_MONTHS 24
/* A deadline closer than this is shown in red. */
#define DEADLINE_WARNING_SECONDS (2 * 60 * 60)

struct _RdLedgerPage
{
  AdwBin               parent_instance;

  RdStore             *store;
  RdLedgerModel       *model;
  GtkSingleSelection  *selection;
  GSettings           *settings;

  /* Parallel to the drop-downs' string lists; entry 0 is "any". */
  GPtrArray           *channel_ids;      /* char* */
  GArray              *months;           /* int, year * 100 + month */

  /* A case asked for by show_case that the list has not loaded yet. */
  gint64               pending_case_id;
  gboolean             selecting;
  /* A new filter or order was asked for: its list starts at the top. */
  gboolean             to_top;
  guint                fit_id;
  /* The cases of a report's bar (rd_ledger_page_show_filter): shown in
   * place of the filter bar's choices until one of them changes. */
  RdLedgerFilter      *report_filter;
  GtkWidget           *report_chip;
  GtkLabel            *report_chip_label;
  /* The list shows the cases of this import (0: none), from this file. */
  gint64               import_id;
  char                *import_name;
  /* The last import's toast: its Show button. */
  gint64               toast_import_id;
  char                *toast_import_name;

  /* Template children */
  AdwToastOverlay     *toast_overlay;
  AdwLeaflet          *leaflet;
  GtkBox              *filter_bar;
  GtkSearchEntry      *search_entry;
  GtkToggleButton     *due_soon_button;
  GtkToggleButton     *follow_up_button;
  GtkToggleButton     *reopened_button;
  GtkWidget           *import_chip;
  GtkLabel            *import_chip_label;
  GtkDropDown         *month_dropdown;
  GtkDropDown         *status_dropdown;
  GtkDropDown         *kind_dropdown;
  GtkDropDown         *channel_dropdown;
  GtkDropDown         *reason_dropdown;
  GtkStack            *list_stack;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *case_no_column;
  GtkColumnViewColumn *requested_at_column;
  GtkColumnViewColumn *channel_column;
  GtkColumnViewColumn *order_no_column;
  GtkColumnViewColumn *kind_column;
  GtkColumnViewColumn *reason_column;
  GtkColumnViewColumn *amount_column;
  GtkColumnViewColumn *status_column;
  GtkColumnViewColumn *handler_column;
  GtkColumnViewColumn *deadline_column;
  GtkLabel            *count_label;
  GtkLabel            *sum_label;
  GtkSpinner          *spinner;
  RdCasePane          *case_pane;
  gboolean             shown_before;   /* mapped once: the next map refreshes */
};

G_DEFINE_FINAL_TYPE (RdLedgerPage, rd_ledger_page, ADW_TYPE_BIN)

/* The column that a probe comparison reached first (see read_column_sort). */
static RdLedgerSortKey probed_sort_key;
static gboolean        probe_hit;

/* Cell formatting: closures of the list item templates. The first argument
 * is the list item. */

static char *
format_text (gpointer    item,
             const char *text)
{
  return g_strdup (text != NULL ? text : "");
}

static char *
format_time (gpointer item,
             gint64   unix_time)
{
  /* A case's time at or before 1970 is one not set. */
  return unix_time > 0 ? rd_time_format_local (unix_time) : g_strdup ("");
}

static char *
format_channel (gpointer    item,
                const char *channel)
{
  if (channel == NULL)
    return g_strdup ("");

  return rd_channel_display_name (channel, NULL);
}

static char *
format_kind (gpointer item,
             int      kind)
{
  return g_strdup (rd_refund_kind_get_name (kind));
}

static char *
format_reason (gpointer    item,
               const char *reason)
{
  return g_strdup (reason != NULL ? rd_refund_reason_get_name (reason) : "");
}

static char *
format_amount (gpointer    item,
               gint64      amount,
               const char *currency_code)
{
  const RdCurrency *currency = NULL;

  if (currency_code != NULL)
    currency = rd_currency_lookup (currency_code);
  if (currency == NULL)
    currency = rd_currency_default ();

  return rd_money_format (amount, currency);
}

static char *
format_status (gpointer item,
               int      status)
{
  return g_strdup (rd_case_status_get_name (status));
}

static GStrv
status_classes (gpointer item,
                int      status)
{
  const char *class_name = rd_case_pane_status_style_class (status);
  GStrv classes = g_new0 (char *, 2);

  classes[0] = g_strdup (class_name);

  return classes;
}

static char *
format_deadline (gpointer item,
                 gint64   deadline,
                 int      status)
{
  if (deadline <= 0 || !rd_case_status_is_open (status))
    return g_strdup ("");

  return format_time (item, deadline);
}

static GStrv
deadline_classes (gpointer item,
                  gint64   deadline,
                  int      status)
{
  GStrv classes = g_new0 (char *, 2);

  if (deadline > 0 && rd_case_status_is_open (status) &&
      deadline - g_get_real_time () / G_USEC_PER_SEC < DEADLINE_WARNING_SECONDS)
    classes[0] = g_strdup ("error");

  return classes;
}

/* Helpers */

static void fit_columns (RdLedgerPage *self);

static void
fill_dropdowns (RdLedgerPage *self)
{
  g_autoptr(GtkStringList) months = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) channels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) reasons = gtk_string_list_new (NULL);
  g_autoptr(GVariant) channel_setting = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  const RdRefundReason *reason_list;
  GVariantIter iter;
  const char *id, *custom_name;
  guint32 hours;
  int year, month, any = 0;

  gtk_string_list_append (months, _("All Months"));
  g_array_set_size (self->months, 0);
  g_array_append_val (self->months, any);
  year = g_date_time_get_year (now);
  month = g_date_time_get_month (now);
  for (guint i = 0; i < N_MONTHS; i++)
    {
      g_autofree char *label = g_strdup_printf ("%04d-%02d", year, month);
      int key = year * 100 + month;

      gtk_string_list_append (months, label);
      g_array_append_val (self->months, key);
      if (--month == 0)
        {
          month = 12;
          year--;
        }
    }

  gtk_string_list_append (statuses, _("All Statuses"));
  for (int s = RD_CASE_STATUS_NONE + 1; s < RD_CASE_STATUS_LAST; s++)
    gtk_string_list_append (statuses, rd_case_status_get_name (s));

  gtk_string_list_append (kinds, _("All Kinds"));
  for (int k = RD_REFUND_KIND_NONE + 1; k < RD_REFUND_KIND_LAST; k++)
    gtk_string_list_append (kinds, rd_refund_kind_get_name (k));

  gtk_string_list_append (channels, _("All Channels"));
  g_ptr_array_set_size (self->channel_ids, 0);
  g_ptr_array_add (self->channel_ids, NULL);
  channel_setting = g_settings_get_value (self->settings, "channels");
  g_variant_iter_init (&iter, channel_setting);
  while (g_variant_iter_next (&iter, "(&s&su)", &id, &custom_name, &hours))
    {
      g_autofree char *name = rd_channel_display_name (id, custom_name);

      gtk_string_list_append (channels, name);
      g_ptr_array_add (self->channel_ids, g_strdup (id));
    }

  gtk_string_list_append (reasons, _("All Reasons"));
  reason_list = rd_refund_reason_list ();
  for (guint i = 0; reason_list[i].id != NULL; i++)
    gtk_string_list_append (reasons, rd_refund_reason_get_name (reason_list[i].id));

  gtk_drop_down_set_model (self->month_dropdown, G_LIST_MODEL (months));
  gtk_drop_down_set_model (self->status_dropdown, G_LIST_MODEL (statuses));
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kinds));
  gtk_drop_down_set_model (self->channel_dropdown, G_LIST_MODEL (channels));
  gtk_drop_down_set_model (self->reason_dropdown, G_LIST_MODEL (reasons));

  fit_columns (self);
}

/* Which column the user sorted by, and in which direction. GTK 4.8 has no
 * getter for the column view sorter's primary column, so each sortable
 * column gets its own sorter whose compare function notes who it is; one
 * comparison through the column view's sorter reaches the primary column
 * first, and the sign of its result tells the direction. */
static GtkOrdering
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  if (!probe_hit)
    {
      probed_sort_key = GPOINTER_TO_INT (user_data);
      probe_hit = TRUE;
    }

  return GTK_ORDERING_SMALLER;
}

static gboolean
read_column_sort (RdLedgerPage    *self,
                  RdLedgerSortKey *key,
                  gboolean        *ascending)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);
  GtkOrdering ordering;

  if (sorter == NULL)
    return FALSE;

  probe_hit = FALSE;
  /* Two distinct objects: the sorter takes identical items as equal. */
  ordering = gtk_sorter_compare (sorter, self, self->column_view);
  if (!probe_hit)
    return FALSE;

  *key = probed_sort_key;
  *ascending = ordering == GTK_ORDERING_SMALLER;
  return TRUE;
}

static void
set_column_sorter (GtkColumnViewColumn *column,
                   RdLedgerSortKey      key)
{
  g_autoptr(GtkSorter) sorter = NULL;

  sorter = GTK_SORTER (gtk_custom_sorter_new (probe_compare, GINT_TO_POINTER (key), NULL));
  gtk_column_view_column_set_sorter (column, sorter);
}

static gboolean
filter_is_empty (const RdLedgerFilter *filter)
{
  return filter->year == 0 && filter->status == RD_CASE_STATUS_NONE &&
         filter->kind == RD_REFUND_KIND_NONE && filter->channel == NULL &&
         filter->reason == NULL && filter->due_within_hours == 0 &&
         !filter->follow_up && !filter->reopened && filter->import_id == 0 && (filter->text == NULL || *filter->text == '\0') &&
         filter->requested_from == 0 && filter->requested_to == 0 &&
         filter->payment_method == RD_PAYMENT_METHOD_NONE && filter->ids == NULL;
}

static RdLedgerFilter *
build_filter (RdLedgerPage *self)
{
  g_autoptr(RdLedgerFilter) filter = rd_ledger_filter_new ();
  const RdRefundReason *reasons = rd_refund_reason_list ();
  guint selected;
  RdLedgerSortKey key;
  gboolean ascending;

  if (self->report_filter != NULL)
    {
      g_autoptr(RdLedgerFilter) report = rd_ledger_filter_copy (self->report_filter);

      if (read_column_sort (self, &key, &ascending))
        {
          report->sort = key;
          report->ascending = ascending;
        }
      return g_steal_pointer (&report);
    }

  selected = gtk_drop_down_get_selected (self->month_dropdown);
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && selected < self->months->len)
    {
      int ym = g_array_index (self->months, int, selected);

      filter->year = ym / 100;
      filter->month = ym % 100;
    }

  selected = gtk_drop_down_get_selected (self->status_dropdown);
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && selected < RD_CASE_STATUS_LAST)
    filter->status = (RdCaseStatus) selected;

  selected = gtk_drop_down_get_selected (self->kind_dropdown);
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && selected < RD_REFUND_KIND_LAST)
    filter->kind = (RdRefundKind) selected;

  selected = gtk_drop_down_get_selected (self->channel_dropdown);
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && selected < self->channel_ids->len)
    filter->channel = g_strdup (g_ptr_array_index (self->channel_ids, selected));

  selected = gtk_drop_down_get_selected (self->reason_dropdown);
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0)
    {
      guint n = 0;

      while (reasons[n].id != NULL)
        n++;
      if (selected <= n)
        filter->reason = g_strdup (reasons[selected - 1].id);
    }

  if (gtk_toggle_button_get_active (self->due_soon_button))
    filter->due_within_hours = DUE_SOON_HOURS;
  filter->follow_up = gtk_toggle_button_get_active (self->follow_up_button);
  filter->reopened = gtk_toggle_button_get_active (self->reopened_button);
  filter->import_id = self->import_id;

  rd_ledger_filter_set_text (filter, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));

  if (read_column_sort (self, &key, &ascending))
    {
      filter->sort = key;
      filter->ascending = ascending;
    }

  return g_steal_pointer (&filter);
}

static void
run_query (RdLedgerPage *self)
{
  g_autoptr(RdLedgerFilter) filter = NULL;

  if (self->model == NULL || self->month_dropdown == NULL)
    return;

  filter = build_filter (self);
  self->to_top = TRUE;
  rd_ledger_model_set_query (self->model, filter);
}

static void
update_footer (RdLedgerPage *self)
{
  g_autofree char *count = NULL;
  g_autofree char *sum_text = NULL;
  g_autofree char *tooltip = NULL;
  const RdLedgerFilter *filter;
  gboolean loading;
  guint n;

  if (self->model == NULL)
    {
      gtk_label_set_label (self->count_label, "");
      gtk_label_set_label (self->sum_label, "");
      gtk_stack_set_visible_child_name (self->list_stack, "empty");
      return;
    }

  loading = rd_ledger_model_get_loading (self->model);
  n = rd_ledger_model_get_count (self->model);
  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);

  count = g_strdup_printf (ngettext ("%u case", "%u cases", n), n);
  gtk_label_set_label (self->count_label, count);

  rd_ledger_footer_format_totals (rd_ledger_model_get_totals (self->model), &sum_text, &tooltip);
  gtk_label_set_label (self->sum_label, sum_text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->sum_label), *tooltip != '\0' ? tooltip : NULL);

  if (loading)
    return;

  filter = rd_ledger_model_get_query (self->model);
  if (n > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  else if (filter == NULL || filter_is_empty (filter))
    gtk_stack_set_visible_child_name (self->list_stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->list_stack, "no-match");
}

/* The Reopened filter's count of flagged cases: read on the main loop, a
 * count of the few rows of a partial index (case_platform_follow_up). */
static void
update_reopened_count (RdLedgerPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  guint count = 0;

  if (self->store != NULL && !rd_import_case_count_follow_up (self->store, &count, &error))
    g_debug ("The reopened cases cannot be counted: %s", error->message);

  if (count > 0)
    /* Translators: the ledger's filter of the cases the platform reopened, with their number. */
    label = g_strdup_printf (C_("filter", "Reopened (%u)"), count);
  else
    label = g_strdup (C_("filter", "Reopened"));
  gtk_button_set_label (GTK_BUTTON (self->reopened_button), label);
}

static GtkWidget *
find_list_view (GtkWidget *widget)
{
  if (GTK_IS_LIST_VIEW (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_list_view (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Selects the row of the case shown in the pane, if the list has it. */
static void
select_shown_case (RdLedgerPage *self,
                   gboolean      scroll)
{
  gint64 id = self->pending_case_id != 0 ? self->pending_case_id
                                         : rd_case_pane_get_case_id (self->case_pane);
  int position;

  if (self->model == NULL || id == 0)
    return;

  position = rd_ledger_model_find_id (self->model, id);
  /* A list still growing shows it later (on "loading" FALSE). */
  if (position >= 0 && (guint) position >= g_list_model_get_n_items (G_LIST_MODEL (self->model)))
    return;
  self->selecting = TRUE;
  if (position >= 0)
    {
      gtk_single_selection_set_selected (self->selection, position);
      if (scroll)
        {
          GtkWidget *list_view = find_list_view (GTK_WIDGET (self->column_view));

          if (list_view != NULL)
            gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", (guint) position);
        }
    }
  else
    {
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
    }
  self->selecting = FALSE;

  if (!rd_ledger_model_get_loading (self->model))
    self->pending_case_id = 0;
}

/* Callbacks */

static void
on_filter_changed (RdLedgerPage *self)
{
  /* A choice of the filter bar replaces a report's cases. */
  if (self->report_filter != NULL)
    {
      g_clear_pointer (&self->report_filter, rd_ledger_filter_free);
      gtk_widget_set_visible (self->report_chip, FALSE);
    }
  run_query (self);
}

static void
on_report_chip_close (RdLedgerPage *self)
{
  rd_ledger_page_show_filter (self, NULL, NULL);
}

static void
on_search_stop (RdLedgerPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
on_sorter_changed (RdLedgerPage *self,
                   GtkSorterChange change,
                   GtkSorter    *sorter)
{
  run_query (self);
}

static void
on_model_notify (RdLedgerPage *self)
{
  update_footer (self);
  /* The whole list is there: a case asked for can be selected now. */
  if (self->pending_case_id != 0 && !rd_ledger_model_get_loading (self->model))
    select_shown_case (self, TRUE);
}

/* A cell cut short says its whole text when the pointer rests on it. Asked
 * of the list at that moment, not set on every cell: a tooltip on each
 * cell cost a scroll 40 ms of main loop at 1M cases. */
static gboolean
on_column_view_query_tooltip (GtkWidget  *widget,
                              int         x,
                              int         y,
                              gboolean    keyboard,
                              GtkTooltip *tooltip,
                              gpointer    user_data)
{
  GtkWidget *cell;
  const char *text;
  g_autoptr(PangoLayout) layout = NULL;
  g_autofree char *markup = NULL;
  int width = 0;

  if (keyboard)
    return FALSE;
  cell = gtk_widget_pick (widget, x, y, GTK_PICK_DEFAULT);
  while (cell != NULL && cell != widget && !GTK_IS_INSCRIPTION (cell))
    cell = gtk_widget_get_parent (cell);
  if (cell == NULL || !GTK_IS_INSCRIPTION (cell))
    return FALSE;
  text = gtk_inscription_get_text (GTK_INSCRIPTION (cell));
  if (text == NULL || *text == '\0')
    return FALSE;

  layout = gtk_widget_create_pango_layout (cell, text);
  pango_layout_get_pixel_size (layout, &width, NULL);
  if (width <= gtk_widget_get_width (cell))
    return FALSE;

  markup = g_markup_escape_text (text, -1);
  gtk_tooltip_set_custom (tooltip, rd_tooltips_new_label_for (markup, text));
  return TRUE;
}

/* A new list is shown: the rows on screen show its cases. The case in the
 * pane stays selected if the list has it; a new filter or order starts at
 * the top. */
static void
on_model_replaced (RdLedgerPage  *self,
                   RdLedgerModel *model)
{
  if (self->to_top && self->pending_case_id == 0)
    {
      GtkWidget *list_view = find_list_view (GTK_WIDGET (self->column_view));

      if (list_view != NULL && g_list_model_get_n_items (G_LIST_MODEL (model)) > 0)
        gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", 0);
    }
  self->to_top = FALSE;
  select_shown_case (self, self->pending_case_id != 0);
  update_reopened_count (self);
}

static void
on_model_failed (RdLedgerPage *self,
                 const char   *message,
                 RdLedgerModel *model)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
on_selection_changed (RdLedgerPage       *self,
                      GParamSpec         *pspec,
                      GtkSingleSelection *selection)
{
  guint position = gtk_single_selection_get_selected (selection);
  gint64 id;

  if (self->selecting || position == GTK_INVALID_LIST_POSITION || self->model == NULL)
    return;

  id = rd_ledger_model_get_id (self->model, position);
  if (id != 0 && id != rd_case_pane_get_case_id (self->case_pane))
    rd_case_pane_show_case (self->case_pane, id);
}

static void
on_column_view_activate (RdLedgerPage  *self,
                         guint          position,
                         GtkColumnView *column_view)
{
  gint64 id;

  if (self->model == NULL)
    return;

  id = rd_ledger_model_get_id (self->model, position);
  if (id == 0)
    return;

  rd_case_pane_show_case (self->case_pane, id);
  adw_leaflet_set_visible_child_name (self->leaflet, "case");
}

/* Column widths that fit their content in the language shown: every name
 * of a kind, a status and a channel, a date, a large amount; the reason
 * takes what is left and ellipsizes (its cell has a tooltip). */

static void
fit_column (RdLedgerPage        *self,
            GtkColumnViewColumn *column,
            GPtrArray           *texts)
{
  gtk_column_view_column_set_fixed_width (column,
                                          rd_column_width_for (GTK_WIDGET (self->column_view),
                                                               gtk_column_view_column_get_title (column),
                                                               texts));
}

static void
fit_columns (RdLedgerPage *self)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  GListModel *channels = gtk_drop_down_get_model (self->channel_dropdown);

  g_ptr_array_add (texts, g_strdup ("RF-2026-000000"));
  fit_column (self, self->case_no_column, texts);

  g_ptr_array_set_size (texts, 0);
  g_ptr_array_add (texts, rd_time_format_local (RD_COLUMN_WIDEST_TIME));
  fit_column (self, self->requested_at_column, texts);
  fit_column (self, self->deadline_column, texts);

  g_ptr_array_set_size (texts, 0);
  /* The first item is "All Channels". */
  for (guint i = 1; channels != NULL && i < g_list_model_get_n_items (channels); i++)
    g_ptr_array_add (texts, g_strdup (gtk_string_list_get_string (GTK_STRING_LIST (channels), i)));
  fit_column (self, self->channel_column, texts);

  g_ptr_array_set_size (texts, 0);
  /* Platform order numbers run to 19 digits (Pinduoduo's with a dash); the
   * last ones are cut: the case has the whole number. */
  g_ptr_array_add (texts, g_strdup ("2611289002309988"));
  fit_column (self, self->order_no_column, texts);

  g_ptr_array_set_size (texts, 0);
  for (int kind = 0; kind < RD_REFUND_KIND_LAST; kind++)
    g_ptr_array_add (texts, g_strdup (rd_refund_kind_get_name (kind)));
  fit_column (self, self->kind_column, texts);

  g_ptr_array_set_size (texts, 0);
  g_ptr_array_add (texts, rd_money_format (9999999, rd_currency_default ()));
  g_ptr_array_add (texts, rd_money_format (9999999, rd_currency_lookup ("USD")));
  fit_column (self, self->amount_column, texts);

  g_ptr_array_set_size (texts, 0);
  for (int status = 0; status < RD_CASE_STATUS_LAST; status++)
    g_ptr_array_add (texts, g_strdup (rd_case_status_get_name (status)));
  fit_column (self, self->status_column, texts);

  g_ptr_array_set_size (texts, 0);
  /* Operators' names are short: four Chinese characters, or "Administrator". */
  g_ptr_array_add (texts, g_strdup ("店长店长"));
  fit_column (self, self->handler_column, texts);

  /* The list is never narrower than the columns it always keeps: below
   * that the leaflet folds the case pane behind it. */
  {
    GtkColumnViewColumn *kept[] = {
      self->case_no_column, self->kind_column, self->amount_column, self->status_column, self->deadline_column,
    };
    GtkWidget *list = adw_leaflet_get_child_by_name (self->leaflet, "list");
    int width = 0;

    for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
      width += gtk_column_view_column_get_fixed_width (kept[i]);
    if (list != NULL)
      gtk_widget_set_size_request (list, width + 2, -1);
  }
}

/* The columns a person needs to pick a case always stay — number, kind,
 * amount, status, deadline; when the list is narrower than every column,
 * the others go in this order (the case pane shows them all). */
#define REASON_MIN_WIDTH 100

static gboolean
fit_visible_columns (gpointer data)
{
  RdLedgerPage *self = data;
  GtkColumnViewColumn *optional[] = {
    self->handler_column, self->channel_column, self->order_no_column,
    self->requested_at_column, self->reason_column,
  };
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (self->column_view), GTK_TYPE_SCROLLED_WINDOW);
  GListModel *columns = gtk_column_view_get_columns (self->column_view);
  double available;
  int total = 0;

  self->fit_id = 0;
  if (scrolled == NULL)
    return G_SOURCE_REMOVE;
  available = gtk_adjustment_get_page_size (gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scrolled)));
  if (available <= 0)
    return G_SOURCE_REMOVE;

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      total += column == self->reason_column ? REASON_MIN_WIDTH
                                             : MAX (gtk_column_view_column_get_fixed_width (column), 0);
    }
  for (guint i = 0; i < G_N_ELEMENTS (optional); i++)
    {
      int width = optional[i] == self->reason_column ? REASON_MIN_WIDTH
                                                     : gtk_column_view_column_get_fixed_width (optional[i]);
      gboolean keep = total <= available;

      if (gtk_column_view_column_get_visible (optional[i]) != keep)
        gtk_column_view_column_set_visible (optional[i], keep);
      if (!keep)
        total -= width;
    }
  return G_SOURCE_REMOVE;
}

/* Decided after the allocation that changed the width, not inside it. */
static void
queue_fit_visible_columns (RdLedgerPage *self)
{
  if (self->fit_id == 0)
    self->fit_id = g_idle_add (fit_visible_columns, self);
}

static void
on_leaflet_folded_changed (RdLedgerPage *self)
{
  rd_case_pane_set_show_back (self->case_pane, adw_leaflet_get_folded (self->leaflet));
}

static void
on_case_pane_back (RdLedgerPage *self)
{
  adw_leaflet_set_visible_child_name (self->leaflet, "list");
}

static void
on_case_pane_case_changed (RdLedgerPage *self,
                           gint64        id)
{
  if (self->model != NULL)
    rd_ledger_model_refresh (self->model);
}

static void
on_settings_channels_changed (RdLedgerPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->channel_dropdown);
  g_autofree char *selected_id = NULL;

  if (selected != GTK_INVALID_LIST_POSITION && selected < self->channel_ids->len)
    selected_id = g_strdup (g_ptr_array_index (self->channel_ids, selected));

  fill_dropdowns (self);

  for (guint i = 1; selected_id != NULL && i < self->channel_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->channel_ids, i), selected_id) == 0)
      gtk_drop_down_set_selected (self->channel_dropdown, i);
}

static void
on_import_chip_close (RdLedgerPage *self)
{
  rd_ledger_page_show_import (self, 0, NULL);
}

/* ledger.show-import: the toast's Show. */
static void
show_import_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RdLedgerPage *self = RD_LEDGER_PAGE (widget);

  if (self->toast_import_id > 0)
    rd_ledger_page_show_import (self, self->toast_import_id, self->toast_import_name);
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RdLedgerPage *self = RD_LEDGER_PAGE (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Overrides */

static void
rd_ledger_page_dispose (GObject *object)
{
  RdLedgerPage *self = RD_LEDGER_PAGE (object);

  g_clear_handle_id (&self->fit_id, g_source_remove);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  if (self->column_view != NULL)
    g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->column_view), self);
  g_clear_object (&self->model);

  /* The bin's child is a named template child: unparent it once, here. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), RD_TYPE_LEDGER_PAGE);

  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rd_ledger_page_parent_class)->dispose (object);
}

static void
rd_ledger_page_finalize (GObject *object)
{
  RdLedgerPage *self = RD_LEDGER_PAGE (object);

  g_clear_pointer (&self->channel_ids, g_ptr_array_unref);
  g_clear_pointer (&self->months, g_array_unref);
  g_clear_pointer (&self->report_filter, rd_ledger_filter_free);
  g_free (self->import_name);
  g_free (self->toast_import_name);

  G_OBJECT_CLASS (rd_ledger_page_parent_class)->finalize (object);
}

/* Other pages write cases too (intake, intercepts, scan mode, the
 * calculator): whenever the page is shown again, show the ledger as it is
 * now. The model answers with the first page at once and the rest off the
 * main thread. */
static void
rd_ledger_page_map (GtkWidget *widget)
{
  RdLedgerPage *self = RD_LEDGER_PAGE (widget);

  GTK_WIDGET_CLASS (rd_ledger_page_parent_class)->map (widget);

  /* The first time, the query set_store started is still the current one. */
  if (!self->shown_before)
    {
      self->shown_before = TRUE;
      return;
    }
  rd_ledger_page_reload (self);
}

static void
rd_ledger_page_class_init (RdLedgerPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_ledger_page_dispose;
  object_class->finalize = rd_ledger_page_finalize;
  widget_class->map = rd_ledger_page_map;

  g_type_ensure (RD_TYPE_CASE_PANE);
  g_type_ensure (RD_TYPE_LEDGER_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rd-ledger-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RdLedgerPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RdLedgerPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RdLedgerPage, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, RdLedgerPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RdLedgerPage, due_soon_button);
  gtk_widget_class_bind_template_child (widget_class, RdLedgerPage, follow_up_button);
  gtk_widget_class_bind_template_child (widget_class, RdLedgerPage, reopened_button);
  gtk_widget_class_bind_template_child (widget_class, RdLedgerPage, import_chip);
  gtk_widget_class_bind_template_child (widget_class, RdLedgerPage, import_chip_label);
  gtk_widget_class_bind_template_child (widget_class, RdLedgerPage, month_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RdLedgerPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RdLedgerPage, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RdLedgerPage, channel_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RdLedgerPage, reason_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RdLedgerPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, RdLedgerPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, RdLedgerPage, case_no_column);
  gtk_widget_class_bind_template_child (widget_class, RdLedgerPage, requested_at_column);
  gtk_widget_class_bind_template_child (widget_class, RdLedgerPage, channel_column);
  gtk_widget_class_bind_template_child (widget_class, RdLedgerPage, order_no_column);
  gtk_widget_class_bind_template_child (widget_class, RdLedgerPage, kind_column);
  gtk_widget_class_bind_template_child (widget_class, RdLedgerPage, reason_column);
  gtk_widget_class_bind_template_child (widget_class, RdLedgerPage, amount_column);
  gtk_widget_class_bind_template_child (widget_class, RdLedgerPage, status_column);
  gtk_widget_class_bind_template_child (widget_class, RdLedgerPage, handler_column);
  gtk_widget_class_bind_template_child (widget_class, RdLedgerPage, deadline_column);
  gtk_widget_class_bind_template_child (widget_class, RdLedgerPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, RdLedgerPage, sum_label);
  gtk_widget_class_bind_template_child (widget_class, RdLedgerPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, RdLedgerPage, case_pane);

  gtk_widget_class_bind_template_callback (widget_class, format_text);
  gtk_widget_class_bind_template_callback (widget_class, format_time);
  gtk_widget_class_bind_template_callback (widget_class, format_channel);
  gtk_widget_class_bind_template_callback (widget_class, format_kind);
  gtk_widget_class_bind_template_callback (widget_class, format_reason);
  gtk_widget_class_bind_template_callback (widget_class, format_amount);
  gtk_widget_class_bind_template_callback (widget_class, format_status);
  gtk_widget_class_bind_template_callback (widget_class, status_classes);
  gtk_widget_class_bind_template_callback (widget_class, format_deadline);
  gtk_widget_class_bind_template_callback (widget_class, deadline_classes);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stop);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_case_pane_back);
  gtk_widget_class_bind_template_callback (widget_class, on_case_pane_case_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_import_chip_close);

  gtk_widget_class_install_action (widget_class, "ledger.focus-search", NULL, focus_search_action);
  gtk_widget_class_install_action (widget_class, "ledger.show-import", NULL, show_import_action);
}

static void
rd_ledger_page_init (RdLedgerPage *self)
{
  self->channel_ids = g_ptr_array_new_with_free_func (g_free);
  self->months = g_array_new (FALSE, FALSE, sizeof (int));

  gtk_widget_init_template (GTK_WIDGET (self));

  set_column_sorter (self->requested_at_column, RD_LEDGER_SORT_REQUESTED_AT);
  set_column_sorter (self->amount_column, RD_LEDGER_SORT_AMOUNT);
  set_column_sorter (self->status_column, RD_LEDGER_SORT_STATUS);
  gtk_column_view_sort_by_column (self->column_view, self->requested_at_column, GTK_SORT_DESCENDING);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_sorter_changed), self, G_CONNECT_SWAPPED);

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  rd_case_pane_set_show_back (self->case_pane, adw_leaflet_get_folded (self->leaflet));
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->column_view), TRUE);
  g_signal_connect (self->column_view, "query-tooltip", G_CALLBACK (on_column_view_query_tooltip), NULL);
  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (self->column_view), GTK_TYPE_SCROLLED_WINDOW))),
                           "notify::page-size", G_CALLBACK (queue_fit_visible_columns), self, G_CONNECT_SWAPPED);
  update_footer (self);
}

GtkWidget *
rd_ledger_page_new (void)
{
  return g_object_new (RD_TYPE_LEDGER_PAGE, NULL);
}

gboolean
rd_ledger_page_set_context (RdLedgerPage  *self,
                            RdContext     *context,
                            GError       **error)
{
  g_return_val_if_fail (RD_IS_LEDGER_PAGE (self), FALSE);
  g_return_val_if_fail (RD_IS_CONTEXT (context), FALSE);
  g_return_val_if_fail (self->settings == NULL, FALSE);

  self->settings = g_object_ref (rd_context_get_settings (context));
  g_signal_connect_object (self->settings, "changed::channels",
                           G_CALLBACK (on_settings_channels_changed), self, G_CONNECT_SWAPPED);
  fill_dropdowns (self);
  rd_case_pane_set_context (self->case_pane, context);

  return rd_ledger_page_set_store (self, rd_context_get_store (context), error);
}

gboolean
rd_ledger_page_set_store (RdLedgerPage  *self,
                          RdStore       *store,
                          GError       **error)
{
  g_autoptr(RdLedgerModel) model = NULL;

  g_return_val_if_fail (RD_IS_LEDGER_PAGE (self), FALSE);
  g_return_val_if_fail (store == NULL || RD_IS_STORE (store), FALSE);

  if (store != NULL)
    {
      model = rd_ledger_model_new (rd_store_get_path (store), error);
      if (model == NULL)
        return FALSE;
    }

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);

  g_set_object (&self->store, store);
  g_set_object (&self->model, model);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->model));
  rd_case_pane_set_store (self->case_pane, store);

  if (self->model != NULL)
    {
      g_signal_connect_object (self->model, "notify::count", G_CALLBACK (on_model_notify), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->model, "notify::totals", G_CALLBACK (on_model_notify), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->model, "notify::loading", G_CALLBACK (on_model_notify), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->model, "replaced", G_CALLBACK (on_model_replaced), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->model, "failed", G_CALLBACK (on_model_failed), self, G_CONNECT_SWAPPED);
      run_query (self);
    }

  update_footer (self);
  update_reopened_count (self);
  return TRUE;
}

RdLedgerModel *
rd_ledger_page_get_model (RdLedgerPage *self)
{
  g_return_val_if_fail (RD_IS_LEDGER_PAGE (self), NULL);

  return self->model;
}

RdCasePane *
rd_ledger_page_get_case_pane (RdLedgerPage *self)
{
  g_return_val_if_fail (RD_IS_LEDGER_PAGE (self), NULL);

  return self->case_pane;
}

void
rd_ledger_page_show_case (RdLedgerPage *self,
                          gint64        id)
{
  g_return_if_fail (RD_IS_LEDGER_PAGE (self));

  if (id <= 0)
    return;

  rd_case_pane_show_case (self->case_pane, id);
  adw_leaflet_set_visible_child_name (self->leaflet, "case");

  /* A case just taken in may not be in the list yet: refresh, and select it
   * when the new rows arrive. */
  self->pending_case_id = id;
  if (self->model != NULL && rd_ledger_model_find_id (self->model, id) < 0)
    rd_ledger_model_refresh (self->model);
  else
    select_shown_case (self, TRUE);
}

void
rd_ledger_page_show_due_soon (RdLedgerPage *self)
{
  g_return_if_fail (RD_IS_LEDGER_PAGE (self));

  gtk_toggle_button_set_active (self->due_soon_button, TRUE);
}

void
rd_ledger_page_show_reopened (RdLedgerPage *self)
{
  g_return_if_fail (RD_IS_LEDGER_PAGE (self));

  gtk_toggle_button_set_active (self->reopened_button, TRUE);
}

void
rd_ledger_page_reload (RdLedgerPage *self)
{
  g_return_if_fail (RD_IS_LEDGER_PAGE (self));

  if (self->model != NULL)
    rd_ledger_model_refresh (self->model);
  if (rd_case_pane_get_case_id (self->case_pane) > 0)
    rd_case_pane_reload (self->case_pane);
}

/* The chip above the list while it shows a report's cases. */
static void
ensure_report_chip (RdLedgerPage *self)
{
  GtkWidget *close;

  if (self->report_chip != NULL)
    return;

  self->report_chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (self->report_chip, GTK_ALIGN_START);
  gtk_widget_add_css_class (self->report_chip, "report-chip");
  self->report_chip_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_ellipsize (self->report_chip_label, PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (self->report_chip_label, 0);
  gtk_widget_set_margin_start (GTK_WIDGET (self->report_chip_label), 8);
  close = gtk_button_new_from_icon_name ("window-close-symbolic");
  gtk_widget_add_css_class (close, "flat");
  gtk_widget_add_css_class (close, "circular");
  gtk_widget_set_tooltip_text (close, _("Show every case again"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (close),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Show every case again"), -1);
  g_signal_connect_swapped (close, "clicked", G_CALLBACK (on_report_chip_close), self);
  gtk_box_append (GTK_BOX (self->report_chip), GTK_WIDGET (self->report_chip_label));
  gtk_box_append (GTK_BOX (self->report_chip), close);
  gtk_box_append (self->filter_bar, self->report_chip);
}

void
rd_ledger_page_show_filter (RdLedgerPage         *self,
                            const RdLedgerFilter *filter,
                            const char           *title)
{
  g_return_if_fail (RD_IS_LEDGER_PAGE (self));

  ensure_report_chip (self);
  g_clear_pointer (&self->report_filter, rd_ledger_filter_free);
  if (filter != NULL)
    {
      /* Translators: above the ledger's list when it shows the cases of a
       * report's bar: "From Reports: Wrong size, 2026-11". */
      g_autofree char *text = g_strdup_printf (_("From Reports: %s"), title != NULL ? title : "");

      self->report_filter = rd_ledger_filter_copy (filter);
      /* One chip at a time: a report's cases replace an import's. */
      self->import_id = 0;
      g_clear_pointer (&self->import_name, g_free);
      gtk_widget_set_visible (self->import_chip, FALSE);
      gtk_label_set_label (self->report_chip_label, text);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->report_chip_label), text);
      adw_leaflet_set_visible_child_name (self->leaflet, "list");
    }
  gtk_widget_set_visible (self->report_chip, self->report_filter != NULL);
  run_query (self);
}

const RdLedgerFilter *
rd_ledger_page_get_report_filter (RdLedgerPage *self)
{
  g_return_val_if_fail (RD_IS_LEDGER_PAGE (self), NULL);

  return self->report_filter;
}

void
rd_ledger_page_show_import (RdLedgerPage *self,
                            gint64        import_id,
                            const char   *file_name)
{
  g_return_if_fail (RD_IS_LEDGER_PAGE (self));

  self->import_id = MAX (import_id, 0);
  if (self->import_id > 0 && self->report_filter != NULL)
    {
      /* One chip at a time: an import's cases replace a report's. */
      g_clear_pointer (&self->report_filter, rd_ledger_filter_free);
      gtk_widget_set_visible (self->report_chip, FALSE);
    }
  g_free (self->import_name);
  self->import_name = g_strdup (import_id > 0 ? file_name : NULL);
  if (self->import_id > 0)
    {
      /* Translators: above the ledger's list when it shows the cases of one
       * import: "From import taobao-1201.csv". */
      g_autofree char *text = g_strdup_printf (_("From import %s"), file_name != NULL ? file_name : "");

      gtk_label_set_label (self->import_chip_label, text);
      gtk_widget_set_tooltip_text (self->import_chip, text);
      adw_leaflet_set_visible_child_name (self->leaflet, "list");
    }
  gtk_widget_set_visible (self->import_chip, self->import_id > 0);
  run_query (self);
}

gint64
rd_ledger_page_get_import (RdLedgerPage *self)
{
  g_return_val_if_fail (RD_IS_LEDGER_PAGE (self), 0);

  return self->import_id;
}

void
rd_ledger_page_toast_import (RdLedgerPage *self,
                             gint64        import_id,
                             const char   *file_name,
                             guint64       n_new,
                             guint64       n_updated,
                             guint         n_proposed)
{
  g_autofree char *n_new_text = NULL;
  g_autofree char *n_updated_text = NULL;
  g_autofree char *new_text = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  g_return_if_fail (RD_IS_LEDGER_PAGE (self));

  self->toast_import_id = import_id;
  g_free (self->toast_import_name);
  self->toast_import_name = g_strdup (file_name);

  n_new_text = g_strdup_printf ("%" G_GUINT64_FORMAT, n_new);
  n_updated_text = g_strdup_printf ("%" G_GUINT64_FORMAT, n_updated);
  /* Translators: the first half of "Imported 12 new and 3 updated cases from FILE". */
  new_text = g_strdup_printf (ngettext ("%s new", "%s new", (gulong) n_new), n_new_text);
  /* Translators: a finished import: "Imported 12 new and 3 updated cases
   * from taobao-1201.csv"; the first %s is "12 new", the second the
   * number of cases updated, the third the file. */
  title = g_strdup_printf (ngettext ("Imported %s and %s updated case from %s",
                                     "Imported %s and %s updated cases from %s",
                                     (gulong) (n_new + n_updated)),
                           new_text, n_updated_text, file_name);
  if (n_proposed > 0)
    {
      g_autofree char *imported = g_steal_pointer (&title);
      /* Translators: added to a finished import's toast: cases of the import
       * whose parcel is still on its way to the buyer (the Intercepts page lists them). */
      g_autofree char *parcels = g_strdup_printf (ngettext ("%u parcel may need intercepting",
                                                            "%u parcels may need intercepting", n_proposed),
                                                  n_proposed);

      /* Translators: "Imported … from taobao-1201.csv; 2 parcels may need intercepting". */
      title = g_strdup_printf (_("%s; %s"), imported, parcels);
    }
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Show"));
  adw_toast_set_action_name (toast, "ledger.show-import");
  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

AdwToastOverlay *
rd_ledger_page_get_toast_overlay (RdLedgerPage *self)
{
  g_return_val_if_fail (RD_IS_LEDGER_PAGE (self), NULL);

  return self->toast_overlay;
}
