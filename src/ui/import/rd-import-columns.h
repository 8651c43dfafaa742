/* rd-import-columns.h
 *
 * The column mapping of the generic profile, in the import preview: for
 * each field Refund Desk reads, a choice among the file's header cells (or
 * none), the unit of the amounts (元 or 分) and the channel the file comes
 * from; the mapping can be saved under a name for the next file. Emits
 * "changed" when a choice changes and "save" when Save Profile is pressed.
 */
#pragma once

#include <adwaita.h>

#include "rd-import-profile.h"

G_BEGIN_DECLS

#define RD_TYPE_IMPORT_COLUMNS (rd_import_columns_get_type ())
G_DECLARE_FINAL_TYPE (RdImportColumns, rd_import_columns, RD, IMPORT_COLUMNS, GtkBox)

/* The file's header cells: each field's choice is the header a built-in
 * profile knows for it, when the file has one. */
void             rd_import_columns_set_headers (RdImportColumns       *self,
                                                const char *const     *headers,
                                                guint                  n_headers);
/* A saved generic profile's choices (a header the file lacks: none). */
void             rd_import_columns_load        (RdImportColumns       *self,
                                                const RdImportProfile *profile);
/* The header chosen for field, NULL for none; choosing by header text. */
const char      *rd_import_columns_get_header  (RdImportColumns       *self,
                                                RdImportField          field);
void             rd_import_columns_set_header  (RdImportColumns       *self,
                                                RdImportField          field,
                                                const char            *header);
/* The name typed for saving ("" when none). */
const char      *rd_import_columns_get_name    (RdImportColumns       *self);
void             rd_import_columns_set_name    (RdImportColumns       *self,
                                                const char            *name);
/* A generic profile from the choices (named name, or "generic" when the
 * name is empty); NULL with the core's error when the key is missing. */
RdImportProfile *rd_import_columns_build       (RdImportColumns       *self,
                                                GError               **error);

G_END_DECLS
