/* rd-import-row.h
 *
 * One row of the import preview as the list shows it: the core's
 * RdImportItem (owned), what its cells say in words, and whether the user
 * left it out of the import ("Leave out", for rows with problems).
 */
#pragma once

#include <glib-object.h>

#include "rd-import.h"

G_BEGIN_DECLS

#define RD_TYPE_IMPORT_ROW (rd_import_row_get_type ())
G_DECLARE_FINAL_TYPE (RdImportRow, rd_import_row, RD, IMPORT_ROW, GObject)

/* Takes a copy of item. headers: the file's header cells (for naming the
 * column of a problem), may be NULL. Safe on a worker thread. */
RdImportRow        *rd_import_row_new            (const RdImportItem *item,
                                                  const char *const  *headers,
                                                  guint               n_headers);

const RdImportItem *rd_import_row_get_item       (RdImportRow *self);
guint64             rd_import_row_get_number     (RdImportRow *self);
RdImportOutcome     rd_import_row_get_outcome    (RdImportRow *self);
/* "New", "Updated", "Unchanged", "Error" in the user's language, and a
 * symbolic icon name for it. */
const char         *rd_import_row_get_outcome_text (RdImportRow *self);
const char         *rd_import_row_get_outcome_icon (RdImportRow *self);
/* "Status: 待卖家同意 → 退款成功; Amount: …", "" when nothing changes. */
const char         *rd_import_row_get_changes    (RdImportRow *self);
/* The notes, joined by "; ". */
const char         *rd_import_row_get_notes      (RdImportRow *self);
/* The problems' messages, joined by "; "; "" when none. */
const char         *rd_import_row_get_problems   (RdImportRow *self);
/* The header of the columns the problems are in ("退款金额"), joined by
 * ", "; "" when a problem is about the row as a whole or there is none. */
const char         *rd_import_row_get_problem_columns (RdImportRow *self);
/* What the preview's one text column shows: each problem with its column
 * ("买家退款金额: “五十” is not an amount"), then the changes, then the
 * notes, joined by "; ". */
const char         *rd_import_row_get_details    (RdImportRow *self);

/* Left out of the import; notify::excluded. */
gboolean            rd_import_row_get_excluded   (RdImportRow *self);
void                rd_import_row_set_excluded   (RdImportRow *self,
                                                  gboolean     excluded);

/* The outcome's name in the user's language. */
const char         *rd_import_outcome_get_name   (RdImportOutcome outcome);

G_END_DECLS
