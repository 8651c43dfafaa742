/* rd-reports-page.c
 *
 * The Reports page. Until its content is built it says, in its empty state,
 * what the page is for.
 */
#include "config.h"

#include "rd-reports-page.h"

struct _RdReportsPage
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (RdReportsPage, rd_reports_page, ADW_TYPE_BIN)

static void
rd_reports_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RD_TYPE_REPORTS_PAGE);

  G_OBJECT_CLASS (rd_reports_page_parent_class)->dispose (object);
}

static void
rd_reports_page_class_init (RdReportsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_reports_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rd-reports-page.ui");
}

static void
rd_reports_page_init (RdReportsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
rd_reports_page_new (void)
{
  return g_object_new (RD_TYPE_REPORTS_PAGE, NULL);
}
