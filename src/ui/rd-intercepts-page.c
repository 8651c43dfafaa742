/* rd-intercepts-page.c
 *
 * The Intercepts page. Until its content is built it says, in its empty state,
 * what the page is for.
 */
#include "config.h"

#include "rd-intercepts-page.h"

struct _RdInterceptsPage
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (RdInterceptsPage, rd_intercepts_page, ADW_TYPE_BIN)

static void
rd_intercepts_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RD_TYPE_INTERCEPTS_PAGE);

  G_OBJECT_CLASS (rd_intercepts_page_parent_class)->dispose (object);
}

static void
rd_intercepts_page_class_init (RdInterceptsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_intercepts_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rd-intercepts-page.ui");
}

static void
rd_intercepts_page_init (RdInterceptsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
rd_intercepts_page_new (void)
{
  return g_object_new (RD_TYPE_INTERCEPTS_PAGE, NULL);
}
