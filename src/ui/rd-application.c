/* rd-application.c — PLACEHOLDER window so the skeleton runs; replaced by the UI shell work. */
#include "config.h"
#include "rd-application.h"

struct _RdApplication { AdwApplication parent_instance; };
G_DEFINE_FINAL_TYPE (RdApplication, rd_application, ADW_TYPE_APPLICATION)

static void
rd_application_activate (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (window));
}

static void rd_application_class_init (RdApplicationClass *klass) { G_APPLICATION_CLASS (klass)->activate = rd_application_activate; }
static void rd_application_init (RdApplication *self) {}

RdApplication *
rd_application_new (GApplicationFlags flags)
{
  return g_object_new (RD_TYPE_APPLICATION, "application-id", APP_ID, "flags", flags,
                       "resource-base-path", RESOURCE_PREFIX, NULL);
}
