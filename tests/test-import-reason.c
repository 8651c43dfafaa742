/* test-import-reason.c
 *
 * A row that gives no reason (the file has no reason column, or the cell
 * is empty) is not an error: the new case gets the default reason "other"
 * and the preview says "no reason in the file". A case the ledger already
 * has keeps its reason when the file gives none.
 */
#include "config.h"

#include <locale.h>
#include <glib/gstdio.h>

#include "rd-audit.h"
#include "rd-case-store.h"
#include "rd-import.h"
#include "rd-store.h"
#include "rd-test-ledger.h"

#define WAITING "买家已经申请退款，等待卖家同意"
/* Taobao's columns without the buyer's reason. */
#define HEADER_NO_REASON "退款编号,订单编号,买家会员名称,售后类型,是否需要退货,退款状态,买家实际支付金额," \
                         "买家退款金额,退款的申请时间,超时时间\n"
#define HEADER "退款编号,订单编号,买家会员名称,售后类型,是否需要退货,退款状态,买家退款原因,买家实际支付金额," \
               "买家退款金额,退款的申请时间,超时时间\n"

typedef struct
{
  char    *dir;
  char    *path;
  RdStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = rd_test_make_tmp_dir ();
  f->path = g_build_filename (f->dir, "ledger.db", NULL);
  f->store = rd_store_open (f->path, RD_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  rd_test_add_operators (f->store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  rd_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
  return path;
}

static void
on_item (const RdImportItem *item,
         gpointer            user_data)
{
  g_ptr_array_add (user_data, rd_import_item_copy (item));
}

static gboolean
has_note (const RdImportItem *item,
          const char         *part)
{
  for (guint i = 0; i < item->notes->len; i++)
    if (strstr (item->notes->pdata[i], part) != NULL)
      return TRUE;
  return FALSE;
}

/* Previews and imports path; every item of the preview in items. */
static void
preview_and_import (Fixture        *f,
                    const char     *path,
                    GPtrArray      *items,
                    RdImportCounts *counts)
{
  g_autoptr(RdImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *backups = g_build_filename (f->dir, "backups", NULL);
  RdImportOptions options = { "tester", NULL, FALSE, backups };

  import = rd_import_new (path, &error);
  g_assert_no_error (error);
  g_assert_true (rd_import_preview (import, f->store, on_item, items, NULL, NULL, NULL, counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts->n_errors, ==, 0);
  g_assert_true (rd_import_apply (import, f->store, &options, NULL, NULL, NULL, NULL, NULL, counts, NULL, &error));
  g_assert_no_error (error);
}

static char *
reason_of (Fixture    *f,
           const char *after_sales_no)
{
  g_autoptr(sqlite3_stmt) stmt = rd_store_prepare (f->store, "SELECT reason FROM cases WHERE after_sales_no = ?1", NULL);

  sqlite3_bind_text (stmt, 1, after_sales_no, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static void
assert_sound (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 n_entries = 0, first_bad = 0;

  g_assert_true (rd_audit_verify (f->store, &n_entries, &first_bad, &error));
  g_assert_no_error (error);
}

static void
test_no_reason_column (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = write_file (f, "taobao-no-reason.csv",
                                      HEADER_NO_REASON
                                      "AS1,4100000000000000001,tb_a,仅退款,否," WAITING ",58.50,58.50,2026-11-03 14:05:09,2026-11-05 14:05:09\n"
                                      "AS2,4100000000000000002,tb_b,仅退款,否," WAITING ",12.00,12.00,2026-11-03 15:05:09,2026-11-05 15:05:09\n");
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_import_item_free);
  g_autofree char *reason1 = NULL;
  g_autofree char *reason2 = NULL;
  RdImportCounts counts = { 0 };

  preview_and_import (f, path, items, &counts);
  g_assert_cmpuint (counts.n_new, ==, 2);
  g_assert_cmpuint (items->len, ==, 2);
  for (guint i = 0; i < items->len; i++)
    {
      const RdImportItem *item = items->pdata[i];

      g_assert_cmpint (item->outcome, ==, RD_IMPORT_OUTCOME_NEW);
      g_assert_cmpuint (item->problems->len, ==, 0);
      g_assert_true (has_note (item, "no reason in the file"));
      g_assert_true (has_note (item, "Other"));
    }
  reason1 = reason_of (f, "AS1");
  reason2 = reason_of (f, "AS2");
  g_assert_cmpstr (reason1, ==, "other");
  g_assert_cmpstr (reason2, ==, "other");
  assert_sound (f);
}

/* An empty reason cell: the new case gets "other"; a case already in the
 * ledger keeps the reason it has. */
static void
test_empty_reason_cell (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *first = write_file (f, "taobao-1.csv",
                                       HEADER
                                       "AS1,4100000000000000001,tb_a,仅退款,否," WAITING ",质量问题,58.50,58.50,2026-11-03 14:05:09,2026-11-05 14:05:09\n");
  g_autofree char *second = write_file (f, "taobao-2.csv",
                                        HEADER
                                        "AS1,4100000000000000001,tb_a,仅退款,否," WAITING ",,58.50,58.50,2026-11-03 14:05:09,2026-11-06 14:05:09\n"
                                        "AS3,4100000000000000003,tb_c,仅退款,否," WAITING ",,30.00,30.00,2026-11-04 09:00:00,2026-11-06 09:00:00\n");
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_import_item_free);
  g_autoptr(GPtrArray) items2 = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_import_item_free);
  g_autofree char *kept = NULL;
  g_autofree char *reason3 = NULL;
  RdImportCounts counts = { 0 };

  preview_and_import (f, first, items, &counts);
  g_assert_cmpuint (counts.n_new, ==, 1);
  g_assert_false (has_note (items->pdata[0], "no reason in the file"));

  preview_and_import (f, second, items2, &counts);
  g_assert_cmpuint (counts.n_new, ==, 1);
  g_assert_cmpuint (counts.n_updated, ==, 1);
  g_assert_false (has_note (items2->pdata[0], "no reason in the file"));
  g_assert_true (has_note (items2->pdata[1], "no reason in the file"));
  kept = reason_of (f, "AS1");
  reason3 = reason_of (f, "AS3");
  g_assert_cmpstr (kept, ==, "quality_problem");
  g_assert_cmpstr (reason3, ==, "other");
  assert_sound (f);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/rd/import/no-reason-column", Fixture, NULL, fixture_set_up, test_no_reason_column, fixture_tear_down);
  g_test_add ("/rd/import/empty-reason-cell", Fixture, NULL, fixture_set_up, test_empty_reason_cell, fixture_tear_down);
  return g_test_run ();
}
