/* rd-preferences-window.h
 *
 * Preferences, bound to GSettings: Shop, Policy, Logistics, People and
 * Lists; with a ledger, also Templates (reply templates and holidays).
 * Invalid input is shown inline and never written.
 */
#pragma once

#include <adwaita.h>

#include "rd-context.h"
#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_PREFERENCES_WINDOW (rd_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (RdPreferencesWindow, rd_preferences_window, RD, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* Edits the settings of context; the Templates page too when it has a
 * store. */
RdPreferencesWindow *rd_preferences_window_new       (RdContext           *context);

/* "shop", "policy", "logistics", "people", "lists" or "templates". */
void                 rd_preferences_window_show_page (RdPreferencesWindow *self,
                                                      const char          *page);
/* Adds the Templates page, which edits the ledger's reply templates and
 * holidays (once). */
void                 rd_preferences_window_set_store (RdPreferencesWindow *self,
                                                      RdStore             *store);

G_END_DECLS
