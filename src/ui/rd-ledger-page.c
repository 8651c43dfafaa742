/* rd-ledger-page.c
 *
 * The Ledger page. Until its content is built it says, in its empty state,
 * what the page is for.
 */
#include "config.h"

#include "rd-ledger-page.h"

struct _RdLedgerPage
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (RdLedgerPage, rd_ledger_page, ADW_TYPE_BIN)

static void
rd_ledger_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RD_TYPE_LEDGER_PAGE);

  G_OBJECT_CLASS (rd_ledger_page_parent_class)->dispose (object);
}

static void
rd_ledger_page_class_init (RdLedgerPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_ledger_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rd-ledger-page.ui");
}

static void
rd_ledger_page_init (RdLedgerPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
rd_ledger_page_new (void)
{
  return g_object_new (RD_TYPE_LEDGER_PAGE, NULL);
}
