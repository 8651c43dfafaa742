/* rd-preferences-templates.h
 *
 * The "Templates" page of the preferences, for what lives in the ledger
 * rather than in the settings: the reply templates (title and body, with
 * the placeholders listed) and the holiday table that arrival dates skip.
 * Every change is recorded as the current operator.
 */
#pragma once

#include <adwaita.h>

#include "rd-context.h"
#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_TEMPLATES_PAGE (rd_templates_page_get_type ())
G_DECLARE_FINAL_TYPE (RdTemplatesPage, rd_templates_page, RD, TEMPLATES_PAGE, AdwPreferencesPage)

/* Changes are recorded as the context's operator. */
GtkWidget  *rd_templates_page_new               (RdStore         *store,
                                                 RdContext       *context);
/* What the last change said was wrong, or NULL. */
const char *rd_templates_page_get_error_message (RdTemplatesPage *self);

G_END_DECLS
