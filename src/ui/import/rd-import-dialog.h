/* rd-import-dialog.h
 *
 * The import preview (导入售后单): what every row of a platform's export
 * would do to the ledger — New, Updated (which fields, old → new),
 * Unchanged, Error (why) — with filters by outcome and kind, the platform
 * recognised or a profile to choose (and the column mapping of the generic
 * profile), then Import. The preview and the import run on worker threads
 * (rd_import_preview with a read-only RdStore, rd_import_apply with the
 * dialog's own writable RdStore on the ledger's file) with a progress bar
 * and Cancel; the window stays responsive. Rows with problems must be left
 * out before Import is possible. The import is done as the operator signed
 * in; the dialog closes when the operator changes.
 *
 * Emits "imported" (import id, new, updated cases, cases proposed for the
 * intercept register) when the import is
 * committed, then closes.
 */
#pragma once

#include <adwaita.h>

#include "rd-context.h"
#include "rd-import.h"

G_BEGIN_DECLS

#define RD_TYPE_IMPORT_DIALOG (rd_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RdImportDialog, rd_import_dialog, RD, IMPORT_DIALOG, AdwWindow)

/* Opens path and starts its preview against the context's ledger. */
RdImportDialog *rd_import_dialog_new            (GtkWindow      *parent,
                                                 RdContext      *context,
                                                 const char     *path);

const char     *rd_import_dialog_get_path       (RdImportDialog *self);
/* The preview or the import is running. */
gboolean        rd_import_dialog_is_running     (RdImportDialog *self);
/* The counts of the last complete preview (zeros before). */
void            rd_import_dialog_get_counts     (RdImportDialog *self,
                                                 RdImportCounts *counts);
/* Every row of the preview (RdImportRow), in file order. */
GListModel     *rd_import_dialog_get_rows       (RdImportDialog *self);
/* The rows the list shows (the filters applied). */
GListModel     *rd_import_dialog_get_shown_rows (RdImportDialog *self);
/* The last error shown, or NULL. */
const char     *rd_import_dialog_get_error      (RdImportDialog *self);
/* Import is possible: a complete preview, nothing running, no row with
 * problems left in. */
gboolean        rd_import_dialog_can_import     (RdImportDialog *self);
/* Leaves every row with problems out (or puts them back). */
void            rd_import_dialog_leave_out_errors (RdImportDialog *self,
                                                   gboolean        leave_out);
/* The Import button. */
void            rd_import_dialog_start_import   (RdImportDialog *self);
/* The Cancel button: stops what runs (nothing is imported), else closes. */
void            rd_import_dialog_cancel         (RdImportDialog *self);

G_END_DECLS
