/* rd-preferences-window.h
 *
 * Preferences, bound to GSettings: Shop, Policy, Logistics and People.
 * Invalid input is shown inline and never written.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RD_TYPE_PREFERENCES_WINDOW (rd_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (RdPreferencesWindow, rd_preferences_window, RD, PREFERENCES_WINDOW, AdwPreferencesWindow)

RdPreferencesWindow *rd_preferences_window_new       (void);

/* "shop", "policy", "logistics" or "people". */
void                 rd_preferences_window_show_page (RdPreferencesWindow *self,
                                                      const char          *page);

G_END_DECLS
