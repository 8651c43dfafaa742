/* rd-application.h
 *
 * The application: command-line options, the ledger file it works on, the
 * app-wide actions (preferences, shortcuts, about, quit), the context handed
 * to the window and its pages, and the window.
 */
#pragma once

#include <adwaita.h>

#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_APPLICATION (rd_application_get_type ())
G_DECLARE_FINAL_TYPE (RdApplication, rd_application, RD, APPLICATION, AdwApplication)

RdApplication *rd_application_new           (GApplicationFlags  flags);

/* The open ledger; NULL until activation opened one. */
RdStore       *rd_application_get_store     (RdApplication     *self);

/* The ledger file given with --db, or the default one. */
const char    *rd_application_get_db_path   (RdApplication     *self);


/* Opens the preferences window on page (NULL for the first page):
 * "shop", "policy", "logistics" or "people". */
void           rd_application_show_preferences (RdApplication *self,
                                                const char    *page);

G_END_DECLS
