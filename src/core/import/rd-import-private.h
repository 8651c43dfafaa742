/* rd-import-private.h
 *
 * The import's inside, for src/core/import only: the RdImport object, and
 * the comparison of one row with the ledger that the preview
 * (rd-import.c) and the import (rd-import-apply.c) share
 * (rd-import-compare.c).
 */
#pragma once

#if !defined (RD_IMPORT_COMPILATION)
# error "rd-import-private.h is for src/core/import only."
#endif

#include "rd-case-reader.h"
#include "rd-import.h"

G_BEGIN_DECLS

struct _RdImport
{
  char                  *path;
  RdTable               *table;
  GPtrArray             *head;          /* RdTableRow* (owned copies), at most 30 */
  const RdImportProfile *detected;
  RdImportProfile       *chosen;        /* a copy, or NULL */
  RdImportMapping       *mapping;       /* the profile in use, bound to the header */
  guint                  header_row;    /* index in head */
  guint64                header_number; /* the header's row number in the file */
  gboolean               date_1904;

  /* What the last preview saw. */
  gboolean               previewed;
  char                  *sha256;
  RdImportCounts         preview_counts;
  GArray                *error_rows;    /* guint64 row numbers with problems */
};

/* The platform's facts of a case (a row of case_platform). */
typedef struct
{
  gboolean               exists;
  char                  *channel;
  char                  *key;
  char                  *platform_status;
  RdImportPlatformState  state;
  gint64                 refund_amount;  /* -1: none */
  char                  *status_set;     /* the status the import set; NULL: a person's */
  gboolean               follow_up;
  gint64                 import_id;
  guint64                row;
} RdImportFacts;

void  _rd_import_facts_clear  (RdImportFacts   *facts);
void  _rd_import_change_free  (RdImportChange  *change);
void  _rd_import_problem_free (RdImportProblem *problem);

/* One row compared with the ledger. */
typedef struct
{
  RdImportItem   *item;
  RdImportRecord *record;
  RdCase         *before;        /* the case as stored (UPDATED, UNCHANGED) */
  RdCase         *after;         /* as it is to be (UPDATED); for NEW the case to insert */
  RdImportFacts   facts_before;
  RdImportFacts   facts_after;
  gboolean        case_changed;  /* a field of cases differs */
  gboolean        facts_changed; /* the case_platform row differs (or is new) */
  gboolean        flagged;       /* follow_up set by this row */
  gboolean        platform_status_changed;
  char           *old_platform_status;
  gboolean        propose;       /* proposed for the intercept register */
} RdImportPlan;

void  _rd_import_plan_free   (RdImportPlan *plan);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdImportPlan, _rd_import_plan_free)

typedef struct _RdImportCompare RdImportCompare;

RdImportCompare *_rd_import_compare_new   (RdImport        *import,
                                           RdStore         *store,
                                           GError         **error);
void             _rd_import_compare_free  (RdImportCompare *compare);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdImportCompare, _rd_import_compare_free)

/* Reads one data row (not a skipped one) and compares it with the ledger
 * (and with the rows of the file before it). NULL on a database error. */
RdImportPlan    *_rd_import_compare_row   (RdImportCompare  *compare,
                                           const RdTableRow *row,
                                           GError          **error);

/* Reads the file's rows from the first data row on: each data row to func
 * (skipped rows are not given); progress as the reader goes. */
typedef gboolean (*RdImportRowFunc) (const RdTableRow *row,
                                     gpointer          user_data,
                                     GError          **error);
gboolean         _rd_import_read_rows     (RdImport             *import,
                                           RdImportRowFunc       func,
                                           gpointer              user_data,
                                           RdImportProgressFunc  progress,
                                           gpointer              progress_data,
                                           GCancellable         *cancellable,
                                           GError              **error);

/* The SHA-256 of the file, hex. */
char            *_rd_import_hash_file     (const char      *path,
                                           GCancellable    *cancellable,
                                           GError         **error);

/* The status ids of the platform's states, as case_platform stores them. */
const char      *_rd_import_state_to_id   (RdImportPlatformState state);
RdImportPlatformState _rd_import_state_from_id (const char *id);

G_END_DECLS
