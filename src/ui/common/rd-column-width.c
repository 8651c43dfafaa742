/* rd-column-width.c
 *
 * See rd-column-width.h.
 */
#include "config.h"

#include "rd-column-width.h"

/* Cell padding and a little air, in pixels. */
#define CELL_EXTRA 16
/* Room for the header's sort arrow. */
#define SORT_ARROW 16

static int
text_width (GtkWidget  *view,
            const char *text)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (view, text);
  int width = 0;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

int
rd_column_width_for (GtkWidget  *view,
                     const char *title,
                     GPtrArray  *texts)
{
  int width;

  g_return_val_if_fail (GTK_IS_WIDGET (view), 0);

  width = title != NULL ? text_width (view, title) + SORT_ARROW : 0;
  for (guint i = 0; texts != NULL && i < texts->len; i++)
    width = MAX (width, text_width (view, g_ptr_array_index (texts, i)));
  return width + CELL_EXTRA;
}
