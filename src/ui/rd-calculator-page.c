/* rd-calculator-page.c
 *
 * The Calculator page. Until its content is built it says, in its empty state,
 * what the page is for.
 */
#include "config.h"

#include "rd-calculator-page.h"

struct _RdCalculatorPage
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (RdCalculatorPage, rd_calculator_page, ADW_TYPE_BIN)

static void
rd_calculator_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RD_TYPE_CALCULATOR_PAGE);

  G_OBJECT_CLASS (rd_calculator_page_parent_class)->dispose (object);
}

static void
rd_calculator_page_class_init (RdCalculatorPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_calculator_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rd-calculator-page.ui");
}

static void
rd_calculator_page_init (RdCalculatorPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
rd_calculator_page_new (void)
{
  return g_object_new (RD_TYPE_CALCULATOR_PAGE, NULL);
}
