/* rd-chart.c
 *
 * The base of the Reports page's charts: the items and their figures, the
 * theme's colours, the pointer and the keyboard, the tooltip and what
 * accessibility reads. Drawing is the subclasses'.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-chart-private.h"

typedef struct
{
  char    *label;
  gint64   value;
  gint64   previous;
  gboolean has_previous;
} Item;

typedef struct
{
  GArray            *items;
  char              *title;
  char              *description;
  char              *series_name;
  char              *previous_name;
  RdChartFormatFunc  format;
  gpointer           format_data;
  GDestroyNotify     format_destroy;
  int                hover;
  int                focus;
} RdChartPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (RdChart, rd_chart, GTK_TYPE_WIDGET)

enum {
  ITEM_ACTIVATED,
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers */

static void
item_clear (Item *item)
{
  g_clear_pointer (&item->label, g_free);
}

static Item *
get_item (RdChart *self,
          guint    index)
{
  RdChartPrivate *priv = rd_chart_get_instance_private (self);

  g_return_val_if_fail (index < priv->items->len, NULL);

  return &g_array_index (priv->items, Item, index);
}

/* What a screen reader reads after the name: the sentence, then every
 * item's figure. */
static void
update_accessible (RdChart *self)
{
  RdChartPrivate *priv = rd_chart_get_instance_private (self);
  g_autoptr(GString) text = g_string_new (priv->description != NULL ? priv->description : "");

  for (guint i = 0; i < priv->items->len; i++)
    {
      g_autofree char *line = rd_chart_dup_item_text (self, i);

      if (text->len > 0)
        g_string_append (text, "\n");
      g_string_append (text, line);
    }

  if (priv->items->len == 0)
    {
      if (text->len > 0)
        g_string_append (text, "\n");
      g_string_append (text, _("No figures for this period."));
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text->str,
                                  -1);
}

static void
set_hover (RdChart *self,
           int      hover)
{
  RdChartPrivate *priv = rd_chart_get_instance_private (self);

  if (priv->hover == hover)
    return;
  priv->hover = hover;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), hover >= 0 ? "pointer" : NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Callbacks */

static void
on_motion (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           RdChart                  *self)
{
  set_hover (self, rd_chart_get_item_at (self, x, y));
}

static void
on_leave (GtkEventControllerMotion *motion,
          RdChart                  *self)
{
  set_hover (self, -1);
}

static void
on_click_released (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   RdChart          *self)
{
  RdChartPrivate *priv = rd_chart_get_instance_private (self);
  int index = rd_chart_get_item_at (self, x, y);

  if (index < 0)
    return;

  priv->focus = index;
  if (gtk_widget_get_focusable (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  rd_chart_activate_item (self, index);
}

static gboolean
move_focus (GtkWidget *widget,
            GVariant  *args,
            gpointer   user_data)
{
  RdChart *self = RD_CHART (widget);
  RdChartPrivate *priv = rd_chart_get_instance_private (self);
  int n = priv->items->len;
  int step = g_variant_get_int32 (args);

  if (n == 0)
    return FALSE;

  if (priv->focus < 0)
    priv->focus = step > 0 ? 0 : n - 1;
  else if (step == G_MININT32)
    priv->focus = 0;
  else if (step == G_MAXINT32)
    priv->focus = n - 1;
  else
    priv->focus = CLAMP (priv->focus + step, 0, n - 1);

  gtk_widget_queue_draw (widget);
  gtk_widget_trigger_tooltip_query (widget);
  return TRUE;
}

static gboolean
activate_focus (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  RdChart *self = RD_CHART (widget);
  RdChartPrivate *priv = rd_chart_get_instance_private (self);

  if (priv->focus < 0 || (guint) priv->focus >= priv->items->len)
    return FALSE;

  rd_chart_activate_item (self, priv->focus);
  return TRUE;
}

static void
on_has_focus_changed (RdChart *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Overrides */

static gboolean
rd_chart_query_tooltip (GtkWidget  *widget,
                        int         x,
                        int         y,
                        gboolean    keyboard_mode,
                        GtkTooltip *tooltip)
{
  RdChart *self = RD_CHART (widget);
  RdChartPrivate *priv = rd_chart_get_instance_private (self);
  g_autofree char *text = NULL;
  graphene_rect_t area;
  int index;

  index = keyboard_mode ? priv->focus : rd_chart_get_item_at (self, x, y);
  if (index < 0 || (guint) index >= priv->items->len)
    return FALSE;

  text = rd_chart_dup_item_text (self, index);
  gtk_tooltip_set_text (tooltip, text);
  if (RD_CHART_GET_CLASS (self)->item_area != NULL &&
      RD_CHART_GET_CLASS (self)->item_area (self, index, &area))
    gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { (int) area.origin.x, (int) area.origin.y,
                                                         MAX (1, (int) area.size.width),
                                                         MAX (1, (int) area.size.height) });
  return TRUE;
}

static void
rd_chart_dispose (GObject *object)
{
  RdChart *self = RD_CHART (object);
  RdChartPrivate *priv = rd_chart_get_instance_private (self);

  if (priv->format_destroy != NULL)
    g_clear_pointer (&priv->format_data, priv->format_destroy);
  priv->format = NULL;
  priv->format_destroy = NULL;

  G_OBJECT_CLASS (rd_chart_parent_class)->dispose (object);
}

static void
rd_chart_finalize (GObject *object)
{
  RdChart *self = RD_CHART (object);
  RdChartPrivate *priv = rd_chart_get_instance_private (self);

  g_clear_pointer (&priv->items, g_array_unref);
  g_free (priv->title);
  g_free (priv->description);
  g_free (priv->series_name);
  g_free (priv->previous_name);

  G_OBJECT_CLASS (rd_chart_parent_class)->finalize (object);
}

static void
rd_chart_class_init (RdChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const struct {
    guint keyval;
    int   step;
  } moves[] = {
    { GDK_KEY_Right, 1 }, { GDK_KEY_KP_Right, 1 }, { GDK_KEY_Down, 1 }, { GDK_KEY_KP_Down, 1 },
    { GDK_KEY_Left, -1 }, { GDK_KEY_KP_Left, -1 }, { GDK_KEY_Up, -1 }, { GDK_KEY_KP_Up, -1 },
    { GDK_KEY_Home, G_MININT32 }, { GDK_KEY_End, G_MAXINT32 },
  };

  object_class->dispose = rd_chart_dispose;
  object_class->finalize = rd_chart_finalize;

  widget_class->query_tooltip = rd_chart_query_tooltip;

  /**
   * RdChart::item-activated:
   * @index: the item clicked, or activated with Enter
   */
  signals[ITEM_ACTIVATED] =
    g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  /* The items or the names changed (rd_chart_changed). */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    gtk_widget_class_add_binding (widget_class, moves[i].keyval, 0, move_focus, "i", moves[i].step);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Return, 0, activate_focus, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Enter, 0, activate_focus, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_space, 0, activate_focus, NULL);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "chart");
}

static void
rd_chart_init (RdChart *self)
{
  RdChartPrivate *priv = rd_chart_get_instance_private (self);
  GtkEventController *motion;
  GtkGesture *click;

  priv->items = g_array_new (FALSE, TRUE, sizeof (Item));
  g_array_set_clear_func (priv->items, (GDestroyNotify) item_clear);
  priv->hover = -1;
  priv->focus = -1;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (on_click_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  g_signal_connect (self, "notify::has-focus", G_CALLBACK (on_has_focus_changed), NULL);

  update_accessible (self);
}

/* Private API */

int
_rd_chart_get_hover (RdChart *self)
{
  RdChartPrivate *priv = rd_chart_get_instance_private (self);

  return priv->hover;
}

int
_rd_chart_get_focus (RdChart *self)
{
  RdChartPrivate *priv = rd_chart_get_instance_private (self);

  return priv->focus;
}

gint64
_rd_chart_get_max (RdChart *self)
{
  RdChartPrivate *priv = rd_chart_get_instance_private (self);
  gint64 max = 0;

  for (guint i = 0; i < priv->items->len; i++)
    {
      const Item *item = &g_array_index (priv->items, Item, i);

      max = MAX (max, item->value);
      if (item->has_previous)
        max = MAX (max, item->previous);
    }

  return max;
}

/* Public API */

void
rd_chart_set_format (RdChart           *self,
                     RdChartFormatFunc  func,
                     gpointer           user_data,
                     GDestroyNotify     destroy)
{
  RdChartPrivate *priv;

  g_return_if_fail (RD_IS_CHART (self));

  priv = rd_chart_get_instance_private (self);
  if (priv->format_destroy != NULL)
    priv->format_destroy (priv->format_data);
  priv->format = func;
  priv->format_data = user_data;
  priv->format_destroy = destroy;
}

char *
rd_chart_format_value (RdChart *self,
                       gint64   value)
{
  RdChartPrivate *priv;

  g_return_val_if_fail (RD_IS_CHART (self), NULL);

  priv = rd_chart_get_instance_private (self);
  if (priv->format != NULL)
    return priv->format (value, priv->format_data);
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

void
rd_chart_set_title (RdChart    *self,
                    const char *title)
{
  RdChartPrivate *priv;

  g_return_if_fail (RD_IS_CHART (self));

  priv = rd_chart_get_instance_private (self);
  if (g_strcmp0 (priv->title, title) == 0)
    return;
  g_free (priv->title);
  priv->title = g_strdup (title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title != NULL ? title : "",
                                  -1);
}

const char *
rd_chart_get_title (RdChart *self)
{
  RdChartPrivate *priv;

  g_return_val_if_fail (RD_IS_CHART (self), NULL);

  priv = rd_chart_get_instance_private (self);
  return priv->title;
}

void
rd_chart_set_description (RdChart    *self,
                          const char *description)
{
  RdChartPrivate *priv;

  g_return_if_fail (RD_IS_CHART (self));

  priv = rd_chart_get_instance_private (self);
  g_free (priv->description);
  priv->description = g_strdup (description);
  update_accessible (self);
}

void
rd_chart_set_series_names (RdChart    *self,
                           const char *current,
                           const char *previous)
{
  RdChartPrivate *priv;

  g_return_if_fail (RD_IS_CHART (self));

  priv = rd_chart_get_instance_private (self);
  g_free (priv->series_name);
  priv->series_name = g_strdup (current);
  g_free (priv->previous_name);
  priv->previous_name = g_strdup (previous);
}

const char *
rd_chart_get_series_name (RdChart  *self,
                          gboolean  previous)
{
  RdChartPrivate *priv;

  g_return_val_if_fail (RD_IS_CHART (self), NULL);

  priv = rd_chart_get_instance_private (self);
  return previous ? priv->previous_name : priv->series_name;
}

void
rd_chart_clear (RdChart *self)
{
  RdChartPrivate *priv;

  g_return_if_fail (RD_IS_CHART (self));

  priv = rd_chart_get_instance_private (self);
  g_array_set_size (priv->items, 0);
  priv->hover = -1;
  priv->focus = -1;
}

guint
rd_chart_append (RdChart    *self,
                 const char *label,
                 gint64      value)
{
  RdChartPrivate *priv;
  Item item = { 0 };

  g_return_val_if_fail (RD_IS_CHART (self), 0);

  priv = rd_chart_get_instance_private (self);
  item.label = g_strdup (label != NULL ? label : "");
  item.value = value;
  g_array_append_val (priv->items, item);

  return priv->items->len - 1;
}

void
rd_chart_set_previous (RdChart *self,
                       guint    index,
                       gint64   previous)
{
  Item *item;

  g_return_if_fail (RD_IS_CHART (self));

  item = get_item (self, index);
  if (item == NULL)
    return;
  item->previous = previous;
  item->has_previous = TRUE;
}

void
rd_chart_changed (RdChart *self)
{
  g_return_if_fail (RD_IS_CHART (self));

  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_signal_emit (self, signals[CHANGED], 0);
}

guint
rd_chart_get_n_items (RdChart *self)
{
  RdChartPrivate *priv;

  g_return_val_if_fail (RD_IS_CHART (self), 0);

  priv = rd_chart_get_instance_private (self);
  return priv->items->len;
}

const char *
rd_chart_get_label (RdChart *self,
                    guint    index)
{
  Item *item;

  g_return_val_if_fail (RD_IS_CHART (self), NULL);

  item = get_item (self, index);
  return item != NULL ? item->label : NULL;
}

gint64
rd_chart_get_value (RdChart *self,
                    guint    index)
{
  Item *item;

  g_return_val_if_fail (RD_IS_CHART (self), 0);

  item = get_item (self, index);
  return item != NULL ? item->value : 0;
}

gboolean
rd_chart_get_previous (RdChart *self,
                       guint    index,
                       gint64  *previous)
{
  Item *item;

  g_return_val_if_fail (RD_IS_CHART (self), FALSE);

  item = get_item (self, index);
  if (item == NULL || !item->has_previous)
    return FALSE;
  if (previous != NULL)
    *previous = item->previous;
  return TRUE;
}

gboolean
rd_chart_has_previous (RdChart *self)
{
  RdChartPrivate *priv;

  g_return_val_if_fail (RD_IS_CHART (self), FALSE);

  priv = rd_chart_get_instance_private (self);
  for (guint i = 0; i < priv->items->len; i++)
    if (g_array_index (priv->items, Item, i).has_previous)
      return TRUE;
  return FALSE;
}

char *
rd_chart_dup_item_text (RdChart *self,
                        guint    index)
{
  RdChartPrivate *priv;
  g_autofree char *value = NULL;
  Item *item;

  g_return_val_if_fail (RD_IS_CHART (self), NULL);

  priv = rd_chart_get_instance_private (self);
  item = get_item (self, index);
  if (item == NULL)
    return NULL;

  value = rd_chart_format_value (self, item->value);
  if (item->has_previous)
    {
      g_autofree char *previous = rd_chart_format_value (self, item->previous);

      /* Translators: a chart's tooltip: the item, its figure, then the
       * previous period's name and figure on a second line */
      return g_strdup_printf (_("%s: %s\n%s: %s"), item->label, value,
                              priv->previous_name != NULL ? priv->previous_name : _("Previous period"),
                              previous);
    }

  /* Translators: a chart's tooltip: the item and its figure */
  return g_strdup_printf (_("%s: %s"), item->label, value);
}

int
rd_chart_get_item_at (RdChart *self,
                      double   x,
                      double   y)
{
  RdChartClass *klass;

  g_return_val_if_fail (RD_IS_CHART (self), -1);

  klass = RD_CHART_GET_CLASS (self);
  if (klass->item_at == NULL || rd_chart_get_n_items (self) == 0)
    return -1;
  return klass->item_at (self, x, y);
}

void
rd_chart_activate_item (RdChart *self,
                        guint    index)
{
  g_return_if_fail (RD_IS_CHART (self));
  g_return_if_fail (index < rd_chart_get_n_items (self));

  g_signal_emit (self, signals[ITEM_ACTIVATED], 0, index);
}
