/* rd-order-counts-grid.c
 *
 * The order counts table of the Refund rate section: a GtkGrid of entries,
 * saved one cell at a time through rd_order_counts_set.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-channels.h"
#include "rd-order-counts-grid.h"

struct _RdOrderCountsGrid
{
  AdwBin          parent_instance;

  RdContext      *context;
  RdReportPeriod  period;
  GtkGrid        *grid;
};

G_DEFINE_FINAL_TYPE (RdOrderCountsGrid, rd_order_counts_grid, ADW_TYPE_BIN)

enum {
  SAVED,
  ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  char *channel;
  int   year;
  int   month;
  char *saved;     /* the text the ledger holds */
} Cell;

static void
cell_free (Cell *cell)
{
  g_free (cell->channel);
  g_free (cell->saved);
  g_free (cell);
}

/* Helpers */

static Cell *
get_cell (GtkEditable *editable)
{
  return g_object_get_data (G_OBJECT (editable), "rd-order-count");
}

static const RdOrderCount *
find_count (GPtrArray  *counts,
            const char *channel,
            int         year,
            int         month)
{
  for (guint i = 0; counts != NULL && i < counts->len; i++)
    {
      const RdOrderCount *count = g_ptr_array_index (counts, i);

      if (count->year == year && count->month == month && g_strcmp0 (count->channel, channel) == 0)
        return count;
    }
  return NULL;
}

/* Callbacks */

static void
on_cell_activate (GtkEditable       *cell,
                  RdOrderCountsGrid *self)
{
  rd_order_counts_grid_save_cell (self, cell);
}

static void
on_cell_focus_leave (GtkEventControllerFocus *focus,
                     RdOrderCountsGrid       *self)
{
  GtkEditable *cell = GTK_EDITABLE (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus)));
  Cell *data = get_cell (cell);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (cell)));

  if (data != NULL && g_strcmp0 (text, data->saved) != 0)
    rd_order_counts_grid_save_cell (self, cell);
}

/* Overrides */

static void
rd_order_counts_grid_dispose (GObject *object)
{
  RdOrderCountsGrid *self = RD_ORDER_COUNTS_GRID (object);

  g_clear_object (&self->context);

  G_OBJECT_CLASS (rd_order_counts_grid_parent_class)->dispose (object);
}

static void
rd_order_counts_grid_class_init (RdOrderCountsGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rd_order_counts_grid_dispose;

  /* A count was saved (or removed): the rates change. */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* A cell could not be saved: the message, in words. */
  signals[ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
rd_order_counts_grid_init (RdOrderCountsGrid *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();

  self->grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (self->grid, 12);
  gtk_grid_set_row_spacing (self->grid, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->grid), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Orders per month"), -1);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->grid));
  adw_bin_set_child (ADW_BIN (self), scroller);
}

/* Public API */

GtkWidget *
rd_order_counts_grid_new (void)
{
  return g_object_new (RD_TYPE_ORDER_COUNTS_GRID, NULL);
}

void
rd_order_counts_grid_set (RdOrderCountsGrid    *self,
                          RdContext            *context,
                          const RdReportPeriod *period,
                          GPtrArray            *counts)
{
  g_autoptr(GVariant) channels = NULL;
  GVariantIter iter;
  const char *id, *custom_name;
  guint32 hours;
  GtkWidget *child;
  int row = 1;
  int n_months;

  g_return_if_fail (RD_IS_ORDER_COUNTS_GRID (self));
  g_return_if_fail (RD_IS_CONTEXT (context));
  g_return_if_fail (period != NULL);

  g_set_object (&self->context, context);
  self->period = *period;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);

  n_months = (period->to_year - period->from_year) * 12 + period->to_month - period->from_month + 1;
  for (int m = 0; m < n_months; m++)
    {
      int year = period->from_year + (period->from_month - 1 + m) / 12;
      int month = (period->from_month - 1 + m) % 12 + 1;
      g_autofree char *text = g_strdup_printf ("%04d-%02d", year, month);
      GtkWidget *header = gtk_label_new (text);

      gtk_widget_add_css_class (header, "heading");
      gtk_label_set_xalign (GTK_LABEL (header), 1);
      gtk_grid_attach (self->grid, header, m + 1, 0, 1, 1);
    }

  channels = g_settings_get_value (rd_context_get_settings (context), "channels");
  g_variant_iter_init (&iter, channels);
  while (g_variant_iter_next (&iter, "(&s&su)", &id, &custom_name, &hours))
    {
      g_autofree char *name = rd_channel_display_name (id, custom_name);
      GtkWidget *label = gtk_label_new (name);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_grid_attach (self->grid, label, 0, row, 1, 1);

      for (int m = 0; m < n_months; m++)
        {
          int year = period->from_year + (period->from_month - 1 + m) / 12;
          int month = (period->from_month - 1 + m) % 12 + 1;
          const RdOrderCount *count = find_count (counts, id, year, month);
          GtkWidget *entry = gtk_entry_new ();
          GtkEventController *focus = gtk_event_controller_focus_new ();
          g_autofree char *accessible = NULL;
          Cell *cell = g_new0 (Cell, 1);

          cell->channel = g_strdup (id);
          cell->year = year;
          cell->month = month;
          cell->saved = count != NULL ? g_strdup_printf ("%" G_GUINT64_FORMAT, count->orders) : g_strdup ("");
          g_object_set_data_full (G_OBJECT (entry), "rd-order-count", cell, (GDestroyNotify) cell_free);

          gtk_editable_set_text (GTK_EDITABLE (entry), cell->saved);
          gtk_editable_set_width_chars (GTK_EDITABLE (entry), 8);
          gtk_editable_set_alignment (GTK_EDITABLE (entry), 1);
          gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_DIGITS);
          /* Translators: the accessible name of an order count cell:
           * "Orders of Taobao in 2026-11" */
          accessible = g_strdup_printf (_("Orders of %s in %04d-%02d"), name, year, month);
          gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
          gtk_widget_set_tooltip_text (entry, accessible);
          g_signal_connect (entry, "activate", G_CALLBACK (on_cell_activate), self);
          g_signal_connect (focus, "leave", G_CALLBACK (on_cell_focus_leave), self);
          gtk_widget_add_controller (entry, focus);
          gtk_grid_attach (self->grid, entry, m + 1, row, 1, 1);
        }
      row++;
    }
}

GtkEditable *
rd_order_counts_grid_get_cell (RdOrderCountsGrid *self,
                               const char        *channel,
                               int                year,
                               int                month)
{
  g_return_val_if_fail (RD_IS_ORDER_COUNTS_GRID (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->grid));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      Cell *cell;

      if (!GTK_IS_EDITABLE (child) || (cell = get_cell (GTK_EDITABLE (child))) == NULL)
        continue;
      if (cell->year == year && cell->month == month && g_strcmp0 (cell->channel, channel) == 0)
        return GTK_EDITABLE (child);
    }

  return NULL;
}

gboolean
rd_order_counts_grid_save_cell (RdOrderCountsGrid *self,
                                GtkEditable       *editable)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  RdStore *store;
  Cell *cell;
  guint64 orders = 0;

  g_return_val_if_fail (RD_IS_ORDER_COUNTS_GRID (self), FALSE);
  g_return_val_if_fail (GTK_IS_EDITABLE (editable), FALSE);

  cell = get_cell (editable);
  g_return_val_if_fail (cell != NULL, FALSE);

  text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));
  if (g_strcmp0 (text, cell->saved) == 0)
    return TRUE;

  if (*text != '\0' && !g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &orders, NULL))
    {
      gtk_widget_add_css_class (GTK_WIDGET (editable), "error");
      g_signal_emit (self, signals[ERROR], 0, _("An order count is a whole number, like 1250."));
      return FALSE;
    }

  store = self->context != NULL ? rd_context_get_store (self->context) : NULL;
  if (store == NULL)
    {
      g_signal_emit (self, signals[ERROR], 0, _("No ledger is open."));
      return FALSE;
    }

  if (!rd_order_counts_set (store, cell->year, cell->month, cell->channel,
                            *text == '\0' ? -1 : (gint64) orders,
                            rd_context_get_operator (self->context), &error))
    {
      /* Translators: %s says why */
      g_autofree char *message = g_strdup_printf (_("The order count was not saved: %s"), error->message);

      gtk_widget_add_css_class (GTK_WIDGET (editable), "error");
      g_signal_emit (self, signals[ERROR], 0, message);
      return FALSE;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
  g_free (cell->saved);
  cell->saved = g_steal_pointer (&text);
  g_signal_emit (self, signals[SAVED], 0);
  return TRUE;
}
