/* rd-test-import-rows.h
 *
 * Rows for the import's tests (rd-test-import-rows.c).
 */
#pragma once

#include "rd-import-profile.h"

G_BEGIN_DECLS

extern const char *const taobao_42[42];   /* FORMATS.md's 42 columns, in order */
extern const char *const taobao_21[21];   /* the 21-column layout of docs/import.md */

typedef struct
{
  RdTableRow       row;
  char           **cells;
  RdTableCellKind *kinds;
} TestRow;

typedef struct
{
  GPtrArray *rows;   /* TestRow* */
  GPtrArray *view;   /* const RdTableRow* */
} Sheet;

void                     test_row_free     (gpointer data);
TestRow                 *test_row_new      (guint64 number, const char *const *cells, guint n_cells);
Sheet                   *sheet_new         (void);
void                     sheet_free        (Sheet *sheet);
const RdTableRow        *sheet_add         (Sheet *sheet, const char *const *cells, guint n_cells);
const RdTableRow *const *sheet_rows        (Sheet *sheet);
/* A data row for a header: values by header text, "" elsewhere; NULL-terminated pairs. */
const RdTableRow        *sheet_add_values  (Sheet *sheet, const char *const *header, guint n_header, ...) G_GNUC_NULL_TERMINATED;
Sheet                   *taobao_sheet      (void);
const RdTableRow        *taobao_good_row   (Sheet *sheet);
RdImportMapping         *map               (const char *profile_id, Sheet *sheet);
RdImportRecord          *read_row          (RdImportMapping *mapping, const RdTableRow *row);
const char              *first_problem     (RdImportRecord *record);
void                     assert_no_problems (RdImportRecord *record);
gint64                   beijing           (int year, int month, int day, int hour, int minute, int second);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Sheet, sheet_free)

/* A Taobao 42-column row with the given values. */
#define TAOBAO_ROW(sheet, ...) \
  sheet_add_values (sheet, taobao_42, G_N_ELEMENTS (taobao_42), __VA_ARGS__, NULL)

G_END_DECLS
