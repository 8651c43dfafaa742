/* rd-export-dialog.h
 *
 * The Export dialog: the month (year and month, last month by default), the
 * basis (paid or requested in the month), the target file (chosen through
 * GtkFileChooserNative), and while the export runs in a GTask thread a
 * progress bar with Cancel. Emits "exported" with the file's path when the
 * workbook is complete, then closes; an error is shown in words and the
 * dialog stays.
 */
#pragma once

#include <adwaita.h>

#include "rd-export.h"

G_BEGIN_DECLS

#define RD_TYPE_EXPORT_DIALOG (rd_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RdExportDialog, rd_export_dialog, RD, EXPORT_DIALOG, AdwWindow)

/* db_path: the ledger; shop_name and operator go into the About sheet. */
RdExportDialog *rd_export_dialog_new             (GtkWindow      *parent,
                                                  const char     *db_path,
                                                  const char     *shop_name,
                                                  const char     *operator);

void            rd_export_dialog_set_month       (RdExportDialog *self,
                                                  int             year,
                                                  int             month);
void            rd_export_dialog_get_month       (RdExportDialog *self,
                                                  int            *year,
                                                  int            *month);
void            rd_export_dialog_set_basis       (RdExportDialog *self,
                                                  RdExportBasis   basis);
/* The target file; by default Refunds-YYYY-MM.xlsx (translated) in the
 * Documents folder, following the month until a file is chosen. */
void            rd_export_dialog_set_output_path (RdExportDialog *self,
                                                  const char     *path);
const char     *rd_export_dialog_get_output_path (RdExportDialog *self);

/* The Export and Cancel buttons. Cancel stops a running export (no file is
 * left) or, when idle, closes the dialog. */
void            rd_export_dialog_start           (RdExportDialog *self);
void            rd_export_dialog_cancel          (RdExportDialog *self);
gboolean        rd_export_dialog_is_running      (RdExportDialog *self);
/* The last error shown, or NULL. */
const char     *rd_export_dialog_get_error       (RdExportDialog *self);

G_END_DECLS
