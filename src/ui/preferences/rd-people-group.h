/* rd-people-group.h
 *
 * Preferences → People: the ledger's operators, each with their role (a
 * combo row) and a button to reset a forgotten PIN, and a form to add one
 * (name, role, an optional first PIN; the name is checked by the core as
 * it is typed, what is wrong is said in the field's title, and Add stays
 * off until it is usable). Everyone sees the list; only a signed-in
 * administrator changes it, and each change asks for the administrator's
 * PIN (or uses one proven within the last minute). The core checks and
 * audits every change.
 */
#pragma once

#include <adwaita.h>

#include "rd-context.h"

G_BEGIN_DECLS

#define RD_TYPE_PEOPLE_GROUP (rd_people_group_get_type ())
G_DECLARE_FINAL_TYPE (RdPeopleGroup, rd_people_group, RD, PEOPLE_GROUP, AdwPreferencesGroup)

GtkWidget  *rd_people_group_new               (RdContext     *context);

/* Whether the signed-in operator may change the list (an admin). */
gboolean    rd_people_group_get_editable      (RdPeopleGroup *self);

/* As the form's button: adds name with role and, when pin is not NULL or
 * empty, that first PIN, after the admin's PIN is proven. */
void        rd_people_group_add               (RdPeopleGroup *self,
                                               const char    *name,
                                               RdRole         role,
                                               const char    *pin);
/* As the operator's combo row: asks the admin's PIN, then changes the role. */
void        rd_people_group_set_role          (RdPeopleGroup *self,
                                               const char    *name,
                                               RdRole         role);
/* As the operator's Reset PIN button, confirmation included. */
void        rd_people_group_reset_pin         (RdPeopleGroup *self,
                                               const char    *name);

/* What the form (at the name) or the last change said was wrong, or
 * NULL. */
const char *rd_people_group_get_error_message (RdPeopleGroup *self);

G_END_DECLS
