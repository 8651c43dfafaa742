/* rd-application.h
 *
 * The application: command-line options (also those of a second
 * `refund-desk` started while it runs), the ledgers it has open, each in a
 * window of its own with its own context, and the app-wide actions
 * (preferences, open another ledger, shortcuts, about, quit).
 */
#pragma once

#include <adwaita.h>

#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_APPLICATION (rd_application_get_type ())
G_DECLARE_FINAL_TYPE (RdApplication, rd_application, RD, APPLICATION, AdwApplication)

RdApplication *rd_application_new           (GApplicationFlags  flags);

/* The ledger opened last; NULL until activation opened one. */
RdStore       *rd_application_get_store     (RdApplication     *self);

/* The ledger file asked for last (--db, or the default one). */
const char    *rd_application_get_db_path   (RdApplication     *self);

/* Presents the window showing the ledger at path, or opens it (creating it
 * unless flags has RD_STORE_OPEN_EXISTING; updating an older one behind a
 * progress window) in a new window; a file that cannot be opened is said so
 * in a dialog. */
void           rd_application_open_ledger   (RdApplication     *self,
                                             const char        *path,
                                             RdStoreOpenFlags   flags);


/* Opens the preferences window on page (NULL for the first page):
 * "shop", "policy", "logistics" or "people". */
void           rd_application_show_preferences (RdApplication *self,
                                                const char    *page);

G_END_DECLS
