/* rd-import-dialog-private.h
 *
 * What the files of the import dialog share: the dialog's fields, and the
 * list's half (rd-import-dialog-list.c: the column view, the filters, the
 * counts) called by the flow's half (rd-import-dialog.c: the workers).
 */
#pragma once

#if !defined (RD_UI_IMPORT_COMPILATION)
#error "rd-import-dialog-private.h is for src/ui/import only"
#endif

#include "rd-import-columns.h"
#include "rd-import-dialog.h"
#include "rd-import-row.h"

G_BEGIN_DECLS

struct _RdImportDialog
{
  AdwWindow          parent_instance;

  RdContext         *context;
  char              *path;
  char              *db_path;
  /* The file, between the workers' runs; NULL while a worker has it or
   * when the file could not be read. */
  RdImport          *import;
  GCancellable      *cancellable;    /* non-NULL while a worker runs */
  gboolean           applying;       /* the worker is the import, not the preview */
  gboolean           close_when_done;
  gboolean           disposed;       /* a worker's answer finds nothing to show it in */
  gboolean           previewed;      /* the rows shown are a complete preview */
  guint              generation;     /* of the preview: batches of an older one are dropped */
  RdImportCounts     counts;
  char              *error_text;
  GPtrArray         *saved_profiles; /* RdImportProfile*, the ledger's generic profiles */
  GPtrArray         *profile_choices;/* const RdImportProfile* per dropdown item after the first; NULL: Map columns */
  gboolean           filling_profiles;
  gboolean           mapping_shown;
  guint              n_included_errors;

  GListStore        *rows;           /* RdImportRow */
  GPtrArray         *pending;        /* RdImportRow*, read but not yet in rows (feed_rows) */
  guint              feed_id;
  GTask             *finishing;      /* the preview's task, done while rows were pending */
  GtkFilterListModel *filtered;
  GtkCustomFilter   *filter;

  /* Template children */
  AdwWindowTitle    *window_title;
  GtkButton         *cancel_button;
  GtkButton         *import_button;
  GtkLabel          *recognised_label;
  GtkWidget         *profile_box;
  GtkDropDown       *profile_dropdown;
  GtkLabel          *error_label;
  GtkRevealer       *mapping_revealer;
  GtkScrolledWindow *mapping_scrolled;
  /* The column mapping, built when first needed (Map Columns… chosen, or
   * the file not recognised): it costs the dialog's opening 20–60 ms. */
  RdImportColumns   *mapping;
  char             **file_headers;   /* the last preview's header cells (a cell may be NULL) */
  guint              n_file_headers;
  GtkToggleButton   *new_button;
  GtkToggleButton   *updated_button;
  GtkToggleButton   *unchanged_button;
  GtkToggleButton   *errors_button;
  GtkDropDown       *kind_dropdown;
  GtkProgressBar    *progress_bar;
  GtkColumnView     *column_view;
  GtkLabel          *status_label;
  GtkButton         *leave_out_button;
};

/* rd-import-dialog-work.c: what a worker needs, and what it answers. */
typedef struct
{
  RdImportDialog  *dialog;        /* not a reference: for progress and batches */
  GMainContext    *context;       /* the dialog's, where batches are shown */
  RdImport        *import;        /* the worker's while it runs */
  char            *path;
  char            *db_path;
  guint            generation;
  /* Preview */
  gboolean         set_profile;
  RdImportProfile *profile;       /* NULL: the one detected */
  GPtrArray       *batch;         /* RdImportRow* */
  guint64          n_rows;        /* made so far */
  char           **headers;
  guint            n_headers;
  /* Import */
  char            *operator;
  GHashTable      *excluded;      /* gint64* row numbers */
  gint64           import_id;
  guint            n_proposed;    /* of its cases, proposed for the intercept register */
  /* Both */
  RdImportCounts   counts;
  gint64           last_progress;
  GError          *error;         /* the work's error (the import comes back all the same) */
} Job;

typedef struct
{
  RdImportDialog *dialog;
  guint           generation;
  GPtrArray      *rows;           /* RdImportRow* */
  double          fraction;
  guint64         done;
} Batch;

void _rd_import_job_free          (gpointer      data);
void _rd_import_preview_thread    (GTask        *task,
                                   gpointer      source_object,
                                   gpointer      task_data,
                                   GCancellable *cancellable);
/* The feeder has put every pending row into the list. */
void _rd_import_dialog_rows_fed   (RdImportDialog *self);
/* Drops the rows not yet in the list. */
void _rd_import_dialog_drop_pending (RdImportDialog *self);
void _rd_import_apply_thread      (GTask        *task,
                                   gpointer      source_object,
                                   gpointer      task_data,
                                   GCancellable *cancellable);

/* rd-import-dialog-list.c */
void _rd_import_dialog_list_init     (RdImportDialog *self);
/* The counts on the toggles, the Import button and the line saying why
 * it is off. */
void _rd_import_dialog_update_counts (RdImportDialog *self);
void _rd_import_dialog_update_import_button (RdImportDialog *self);
void _rd_import_dialog_on_filter_changed    (RdImportDialog *self);

G_END_DECLS
