/* test-import.c
 *
 * The import of a platform's after-sales export (rd-import.h), with Taobao
 * CSV files the tests write: the preview's counts and notes (a key twice
 * in a file, a bad amount, the hand-entered case adopted, several
 * hand-entered cases named); a re-import changes nothing (every table,
 * the audit log included, the same); an updated export changes only what
 * it may (the shop's approved amount, notes and workflow step are kept;
 * a case the shop closed and the platform reopened is flagged); the
 * timeline's words; Cancel and a killed import leave the ledger as it was
 * (integrity and audit chain sound); a bad row refuses the whole file
 * unless skipped; a file changed after its preview is refused; a saved
 * generic profile goes through the ledger and back.
 */
#include "config.h"

#include <locale.h>
#include <signal.h>
#include <sys/wait.h>
#include <glib/gstdio.h>

#include "rd-audit.h"
#include "rd-case-history.h"
#include "rd-case-store.h"
#include "rd-import.h"
#include "rd-ledger-query.h"
#include "rd-store.h"
#include "rd-test-ledger.h"

#define HEADER "退款编号,订单编号,买家会员名称,售后类型,是否需要退货,退款状态,买家退款原因,买家实际支付金额," \
               "买家退款金额,退款的申请时间,超时时间,退货物流单号,发货物流信息\n"
#define WAITING "买家已经申请退款，等待卖家同意"
#define RETURNING "卖家已经同意退款，等待买家退货"
#define REFUSED "卖家拒绝退款"

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

/* One data row: after-sales number, order, buyer, status, amount paid in
 * yuan, refund, outbound info. */
static void
append_row (GString    *out,
            const char *key,
            const char *order,
            const char *buyer,
            const char *status,
            const char *paid,
            const char *outbound)
{
  g_string_append_printf (out, "%s,%s,%s,仅退款,否,%s,拍错/多拍,%s,%s,2026-11-03 14:05:09,2026-11-05 14:05:09,,%s\n",
                          key, order, buyer, status, paid, paid, outbound != NULL ? outbound : "");
}

static char *
write_file (Fixture    *f,
            const char *name,
            GString    *rows)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strconcat (HEADER, rows->str, NULL);
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
  return path;
}

/* n rows AS<first>… with orders 41000<first>…, all waiting. */
static char *
write_many (Fixture    *f,
            const char *name,
            guint       first,
            guint       n,
            guint       bad)
{
  g_autoptr(GString) rows = g_string_new (NULL);

  for (guint i = first; i < first + n; i++)
    {
      g_autofree char *key = g_strdup_printf ("AS%08u", i);
      g_autofree char *order = g_strdup_printf ("4100%015u", i);

      append_row (rows, key, order, "buyer", WAITING, i == bad ? "5x.50" : "58.50", NULL);
    }
  return write_file (f, name, rows);
}

/* Every table of the ledger, row by row (the audit log included). */
static char *
dump_ledger (const char *path)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = rd_test_raw_open (path);
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name, sql FROM sqlite_master ORDER BY type, name", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      const char *sql = (const char *) sqlite3_column_text (stmt, 1);

      g_string_append_printf (out, "schema %s: %s\n", name, sql != NULL ? sql : "");
      if (sql != NULL && g_str_has_prefix (sql, "CREATE TABLE") && !g_str_has_prefix (name, "case_fts"))
        g_ptr_array_add (tables, g_strdup (name));
    }
  sqlite3_finalize (stmt);
  for (guint i = 0; i < tables->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", (const char *) tables->pdata[i]);

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_string_append_printf (out, "%s:", (const char *) tables->pdata[i]);
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            g_string_append_printf (out, "|%s", sqlite3_column_type (stmt, c) == SQLITE_NULL ? "∅"
                                    : (const char *) sqlite3_column_text (stmt, c));
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
assert_sound (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 n_entries = 0, first_bad = 0;

  g_assert_true (rd_store_check_integrity (f->store, &error));
  g_assert_no_error (error);
  g_assert_true (rd_audit_verify (f->store, &n_entries, &first_bad, &error));
  g_assert_no_error (error);
}

static GPtrArray *
collect_items (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) rd_import_item_free);
}

static void
on_item (const RdImportItem *item,
         gpointer            user_data)
{
  g_ptr_array_add (user_data, rd_import_item_copy (item));
}

static const RdImportItem *
item_of_row (GPtrArray *items,
             guint64    row)
{
  for (guint i = 0; i < items->len; i++)
    if (((RdImportItem *) items->pdata[i])->row == row)
      return items->pdata[i];
  g_assert_not_reached ();
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

/* Imports path (previewed first) as tester; the counts. */
static RdImportCounts
import_path (Fixture    *f,
             const char *path,
             gboolean    skip_errors,
             gint64     *import_id)
{
  g_autoptr(RdImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *backups = g_build_filename (f->dir, "backups", NULL);
  RdImportOptions options = { "tester", NULL, skip_errors, backups };
  RdImportCounts counts = { 0 };

  import = rd_import_new (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rd_import_get_profile (import));
  g_assert_cmpstr (rd_import_profile_get_id (rd_import_get_profile (import)), ==, "taobao");
  g_assert_true (rd_import_preview (import, f->store, NULL, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (rd_import_apply (import, f->store, &options, NULL, NULL, NULL, NULL, NULL, &counts, import_id, &error));
  g_assert_no_error (error);
  return counts;
}

static gint64
hand_entered (Fixture    *f,
              const char *order)
{
  g_autoptr(RdCase) c = rd_case_new ();
  g_autoptr(GError) error = NULL;

  c->channel = g_strdup ("taobao");
  c->order_no = g_strdup (order);
  c->kind = RD_REFUND_KIND_REFUND_ONLY_UNSHIPPED;
  c->reason = g_strdup ("changed_mind");
  c->payment_method = RD_PAYMENT_METHOD_ALIPAY;
  c->amount_paid = 5850;
  c->requested_at = 1793000000;
  g_assert_true (rd_case_store_insert (f->store, c, "小王", &error));
  g_assert_no_error (error);
  return c->id;
}

static void
test_preview (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GString) rows = g_string_new (NULL);
  g_autoptr(RdImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = collect_items ();
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  RdImportCounts counts = { 0 };
  const RdImportItem *item;
  gint64 adopted = hand_entered (f, "4100000000000000777");

  hand_entered (f, "4100000000000000888");
  hand_entered (f, "4100000000000000888");
  append_row (rows, "AS1", "4100000000000000001", "tb_a", WAITING, "58.50", NULL);               /* row 2 */
  append_row (rows, "AS2", "4100000000000000777", "tb_b", WAITING, "58.50", NULL);               /* row 3: adopted */
  append_row (rows, "AS3", "4100000000000000888", "tb_c", WAITING, "58.50", NULL);               /* row 4: two candidates */
  append_row (rows, "AS4", "4100000000000000004", "tb_d", WAITING, "5x.50", NULL);               /* row 5: bad */
  append_row (rows, "AS1", "4100000000000000001", "tb_a", WAITING, "58.50", NULL);               /* row 6: same as 2 */
  append_row (rows, "AS1", "4100000000000000001", "tb_z", WAITING, "58.50", NULL);               /* row 7: differs */
  path = write_file (f, "taobao-1201.csv", rows);

  before = dump_ledger (f->path);
  import = rd_import_new (path, &error);
  g_assert_no_error (error);
  g_assert_true (rd_import_preview (import, f->store, on_item, items, NULL, NULL, NULL, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.n_new, ==, 2);
  g_assert_cmpuint (counts.n_updated, ==, 1);
  g_assert_cmpuint (counts.n_unchanged, ==, 1);
  g_assert_cmpuint (counts.n_errors, ==, 2);
  g_assert_cmpuint (items->len, ==, 6);

  item = item_of_row (items, 3);
  g_assert_cmpint (item->outcome, ==, RD_IMPORT_OUTCOME_UPDATED);
  g_assert_cmpint (item->case_id, ==, adopted);
  item = item_of_row (items, 4);
  g_assert_cmpint (item->outcome, ==, RD_IMPORT_OUTCOME_NEW);
  g_assert_true (has_note (item, "RF-"));
  item = item_of_row (items, 5);
  g_assert_cmpint (item->outcome, ==, RD_IMPORT_OUTCOME_ERROR);
  g_assert_cmpuint (item->problems->len, >, 0);
  item = item_of_row (items, 7);
  g_assert_cmpint (item->outcome, ==, RD_IMPORT_OUTCOME_ERROR);
  g_assert_nonnull (strstr (((RdImportProblem *) item->problems->pdata[0])->message, "2"));
  /* Nothing written by a preview. */
  after = dump_ledger (f->path);
  g_assert_cmpstr (after, ==, before);

  /* Refused while the errors stay in; with them skipped, the rest goes in
   * and the hand-entered case gets its after-sales number. */
  {
    g_autofree char *backups = g_build_filename (f->dir, "backups", NULL);
    RdImportOptions options = { "tester", NULL, FALSE, backups };
    g_autoptr(RdCase) c = NULL;

    g_assert_false (rd_import_apply (import, f->store, &options, NULL, NULL, NULL, NULL, NULL, &counts, NULL, &error));
    g_assert_error (error, RD_IMPORT_ERROR, RD_IMPORT_ERROR_REFUSED);
    g_clear_error (&error);
    g_free (after);
    after = dump_ledger (f->path);
    g_assert_cmpstr (after, ==, before);

    options.skip_errors = TRUE;
    g_assert_true (rd_import_apply (import, f->store, &options, NULL, NULL, NULL, NULL, NULL, &counts, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (counts.n_new, ==, 2);
    g_assert_cmpuint (counts.n_updated, ==, 1);
    g_assert_cmpuint (counts.n_excluded, ==, 2);
    c = rd_case_store_get (f->store, adopted, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (c->after_sales_no, ==, "AS2");
    g_assert_cmpint (rd_store_count_cases (f->store, NULL), ==, 5);
  }
  assert_sound (f);
}

static void
test_reimport_unchanged (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path = write_many (f, "taobao-1201.csv", 1, 300, 0);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  RdImportCounts counts;
  gint64 import_id = 0, case_id;
  gboolean found = FALSE;

  counts = import_path (f, path, FALSE, &import_id);
  g_assert_cmpuint (counts.n_new, ==, 300);
  g_assert_cmpint (import_id, >, 0);
  g_assert_cmpint (rd_store_count_cases (f->store, NULL), ==, 300);
  assert_sound (f);

  /* The timeline of a new case names the file and row. */
  case_id = rd_test_raw_int (rd_store_get_db (f->store),
                             "SELECT case_id FROM case_platform WHERE platform_key = 'AS00000012'");
  entries = rd_audit_list_for_case (f->store, case_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      g_autofree char *said = rd_case_history_describe (entries->pdata[i]);

      found |= g_str_equal (said, "Imported from taobao-1201.csv, row 13");
    }
  g_assert_true (found);

  /* The cases of that import, through the ledger's filter. */
  {
    g_autoptr(RdLedgerFilter) filter = rd_ledger_filter_new ();
    g_autoptr(RdLedgerResult) result = NULL;

    filter->import_id = import_id;
    result = rd_ledger_query_run (rd_store_get_db (f->store), filter, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (result->ids->len, ==, 300);
  }

  before = dump_ledger (f->path);
  counts = import_path (f, path, FALSE, &import_id);
  g_assert_cmpuint (counts.n_new, ==, 0);
  g_assert_cmpuint (counts.n_updated, ==, 0);
  g_assert_cmpuint (counts.n_unchanged, ==, 300);
  g_assert_cmpint (import_id, ==, 0);
  after = dump_ledger (f->path);
  g_assert_cmpstr (after, ==, before);
  assert_sound (f);
}

/* A person's work in the app: the approved amount, a note, a workflow
 * step. */
static void
person_edits (Fixture      *f,
              const char   *key,
              RdCaseStatus  status,
              gint64        approved)
{
  g_autofree char *sql = g_strdup_printf ("SELECT case_id FROM case_platform WHERE platform_key = '%s'", key);
  gint64 id = rd_test_raw_int (rd_store_get_db (f->store), sql);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) c = rd_case_store_get (f->store, id, &error);

  g_assert_no_error (error);
  g_free (c->notes);
  c->notes = g_strdup ("买家很着急");
  if (approved >= 0)
    {
      c->approved_amount = approved;
      c->approved_by = g_strdup ("小美");
    }
  if (status != RD_CASE_STATUS_NONE)
    c->status = status;
  g_assert_true (rd_case_store_update (f->store, c, "小王", &error));
  g_assert_no_error (error);
}

static RdCase *
case_of (Fixture    *f,
         const char *key)
{
  g_autofree char *sql = g_strdup_printf ("SELECT case_id FROM case_platform WHERE platform_key = '%s'", key);

  return rd_case_store_get (f->store, rd_test_raw_int (rd_store_get_db (f->store), sql), NULL);
}

static void
test_updated_export (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GString) rows = g_string_new (NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autoptr(RdCase) a = NULL;
  g_autoptr(RdCase) b = NULL;
  g_autoptr(RdCase) c = NULL;
  RdImportCounts counts;

  append_row (rows, "AS-A", "4100000000000000001", "tb_a", WAITING, "58.50", NULL);
  append_row (rows, "AS-B", "4100000000000000002", "tb_b", WAITING, "20.00", NULL);
  append_row (rows, "AS-C", "4100000000000000003", "tb_c", WAITING, "30.00", NULL);
  first = write_file (f, "taobao-1201.csv", rows);
  counts = import_path (f, first, FALSE, NULL);
  g_assert_cmpuint (counts.n_new, ==, 3);

  /* A: approved in the app, status untouched. B: a person moved its
   * status (approved). C: refused by the shop. */
  person_edits (f, "AS-A", RD_CASE_STATUS_NONE, 5000);
  person_edits (f, "AS-B", RD_CASE_STATUS_APPROVED, 2000);
  person_edits (f, "AS-C", RD_CASE_STATUS_REFUSED, -1);

  g_string_truncate (rows, 0);
  append_row (rows, "AS-A", "4100000000000000001", "tb_a2", RETURNING, "60.00", NULL);
  append_row (rows, "AS-B", "4100000000000000002", "tb_b", RETURNING, "20.00", NULL);
  append_row (rows, "AS-C", "4100000000000000003", "tb_c", REFUSED, "30.00", NULL);
  second = write_file (f, "taobao-1202.csv", rows);
  counts = import_path (f, second, FALSE, NULL);
  g_assert_cmpuint (counts.n_updated, ==, 3);
  g_assert_cmpuint (counts.n_flagged, ==, 0);

  a = case_of (f, "AS-A");
  g_assert_cmpint (a->status, ==, RD_CASE_STATUS_AWAITING_RETURN);   /* nobody moved it: the platform's */
  g_assert_cmpstr (a->buyer_name, ==, "tb_a2");
  g_assert_cmpint (a->approved_amount, ==, 5000);                    /* the shop's */
  g_assert_cmpint (a->amount_paid, ==, 5850);                        /* approved: kept */
  g_assert_cmpstr (a->notes, ==, "买家很着急");
  b = case_of (f, "AS-B");
  g_assert_cmpint (b->status, ==, RD_CASE_STATUS_APPROVED);          /* the person's step kept */
  g_assert_cmpint (rd_test_raw_int (rd_store_get_db (f->store),
                                    "SELECT status_set IS NULL FROM case_platform WHERE platform_key = 'AS-B'"), ==, 1);

  /* The platform reopens C, which the shop refused: flagged, once. */
  g_string_truncate (rows, 0);
  append_row (rows, "AS-C", "4100000000000000003", "tb_c", WAITING, "30.00", NULL);
  third = write_file (f, "taobao-1203.csv", rows);
  counts = import_path (f, third, FALSE, NULL);
  g_assert_cmpuint (counts.n_updated, ==, 1);
  g_assert_cmpuint (counts.n_flagged, ==, 1);
  c = case_of (f, "AS-C");
  g_assert_cmpint (c->status, ==, RD_CASE_STATUS_REFUSED);
  g_assert_cmpint (rd_test_raw_int (rd_store_get_db (f->store),
                                    "SELECT follow_up FROM case_platform WHERE platform_key = 'AS-C'"), ==, 1);
  counts = import_path (f, third, FALSE, NULL);
  g_assert_cmpuint (counts.n_unchanged, ==, 1);
  g_assert_cmpuint (counts.n_flagged, ==, 0);
  assert_sound (f);
}

static void
on_progress_cancel (double   fraction,
                    guint64  rows,
                    gpointer user_data)
{
  if (rows >= 2048)
    g_cancellable_cancel (user_data);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = write_many (f, "big.csv", 1, 6000, 0);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(RdImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *backups = g_build_filename (f->dir, "backups", NULL);
  RdImportOptions options = { "tester", NULL, FALSE, backups };

  hand_entered (f, "999");
  before = dump_ledger (f->path);
  import = rd_import_new (path, &error);
  g_assert_no_error (error);
  g_assert_true (rd_import_preview (import, f->store, NULL, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_false (rd_import_apply (import, f->store, &options, NULL, NULL, on_progress_cancel, cancellable,
                                   cancellable, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  after = dump_ledger (f->path);
  g_assert_cmpstr (after, ==, before);
  assert_sound (f);
  /* The audit's triggers the import set aside came back with the
   * rollback: a case written next is in the chain (verify says so). */
  hand_entered (f, "1000");
  assert_sound (f);
}

/* The child of test_killed: imports and says how far it came. */
static void
on_progress_tell (double   fraction,
                  guint64  rows,
                  gpointer user_data)
{
  g_print ("rows %" G_GUINT64_FORMAT "\n", rows);
}

static int
child_import (const char *ledger,
              const char *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = rd_store_open (ledger, RD_STORE_OPEN_EXISTING, &error);
  g_autoptr(RdImport) import = rd_import_new (file, &error);
  RdImportOptions options = { "tester", NULL, FALSE, NULL };

  setvbuf (stdout, NULL, _IONBF, 0);
  if (store == NULL || import == NULL)
    return 3;
  rd_import_apply (import, store, &options, NULL, NULL, on_progress_tell, NULL, NULL, NULL, NULL, &error);
  return 0;
}

static void
test_killed (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = write_many (f, "big.csv", 1, 24000, 0);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GIOChannel) channel = NULL;
  g_autofree char *self = g_test_build_filename (G_TEST_BUILT, "test-import", NULL);
  const char *argv[] = { self, "--child-import", f->path, path, NULL };
  GPid pid;
  int out_fd, status;
  guint64 seen = 0;

  hand_entered (f, "999");
  g_clear_object (&f->store);
  before = dump_ledger (f->path);

  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                           &pid, NULL, &out_fd, NULL, &error));
  g_assert_no_error (error);
  channel = g_io_channel_unix_new (out_fd);
  g_io_channel_set_close_on_unref (channel, TRUE);
  /* Killed once it has read a third of the file, in the middle of the
   * transaction. */
  while (seen < 8000)
    {
      g_autofree char *line = NULL;

      if (g_io_channel_read_line (channel, &line, NULL, NULL, NULL) != G_IO_STATUS_NORMAL)
        break;
      if (g_str_has_prefix (line, "rows "))
        seen = g_ascii_strtoull (line + 5, NULL, 10);
    }
  g_assert_cmpuint (seen, >=, 8000);
  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  g_spawn_close_pid (pid);

  f->store = rd_store_open (f->path, RD_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  after = dump_ledger (f->path);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (rd_store_count_cases (f->store, NULL), ==, 1);
  assert_sound (f);
}

#define CASES_INDEXES "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'cases' AND sql IS NOT NULL"

static void
test_bad_row (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *path = write_many (f, "ten-thousand.csv", 1, 10000, 7001);
  g_autoptr(RdImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump_ledger (f->path);
  g_autofree char *after = NULL;
  g_autofree char *backups = g_build_filename (f->dir, "backups", NULL);
  RdImportOptions options = { "tester", NULL, FALSE, backups };
  RdImportCounts counts = { 0 };
  gint64 n_indexes = rd_test_raw_int (rd_store_get_db (f->store), CASES_INDEXES);

  g_assert_cmpint (n_indexes, >=, 9);
  import = rd_import_new (path, &error);
  g_assert_no_error (error);
  g_assert_true (rd_import_preview (import, f->store, NULL, NULL, NULL, NULL, NULL, &counts, &error));
  g_assert_cmpuint (counts.n_errors, ==, 1);
  g_assert_cmpuint (counts.n_new, ==, 9999);

  g_assert_false (rd_import_apply (import, f->store, &options, NULL, NULL, NULL, NULL, NULL, &counts, NULL, &error));
  g_assert_error (error, RD_IMPORT_ERROR, RD_IMPORT_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "7002"));
  g_clear_error (&error);
  after = dump_ledger (f->path);
  g_assert_cmpstr (after, ==, before);

  options.skip_errors = TRUE;
  g_assert_true (rd_import_apply (import, f->store, &options, NULL, NULL, NULL, NULL, NULL, &counts, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.n_new, ==, 9999);
  g_assert_cmpuint (counts.n_errors, ==, 1);
  g_assert_cmpint (rd_store_count_cases (f->store, NULL), ==, 9999);
  /* So many new cases against the ledger: its indexes were created again
   * at the end, every one of them. */
  g_assert_cmpint (rd_test_raw_int (rd_store_get_db (f->store), CASES_INDEXES), ==, n_indexes);
  assert_sound (f);
}

static void
test_changed_file (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = write_many (f, "taobao.csv", 1, 20, 0);
  g_autofree char *other = NULL;
  g_autoptr(RdImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *backups = g_build_filename (f->dir, "backups", NULL);
  RdImportOptions options = { "tester", NULL, FALSE, backups };

  import = rd_import_new (path, &error);
  g_assert_no_error (error);
  g_assert_true (rd_import_preview (import, f->store, NULL, NULL, NULL, NULL, NULL, NULL, &error));
  other = write_many (f, "taobao.csv", 1, 21, 0);
  g_assert_false (rd_import_apply (import, f->store, &options, NULL, NULL, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, RD_IMPORT_ERROR, RD_IMPORT_ERROR_CHANGED);
  g_assert_cmpint (rd_store_count_cases (f->store, NULL), ==, 0);
}

static void
test_saved_profile (Fixture       *f,
                    gconstpointer  data)
{
  const char *headers[RD_IMPORT_FIELD_LAST] = { NULL };
  g_autoptr(RdImportProfile) profile = NULL;
  g_autoptr(GPtrArray) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdImport) import = NULL;
  g_autofree char *path = g_build_filename (f->dir, "mine.csv", NULL);
  g_autofree char *backups = g_build_filename (f->dir, "backups", NULL);
  RdImportOptions options = { "tester", NULL, FALSE, backups };
  RdImportCounts counts = { 0 };

  headers[RD_IMPORT_FIELD_AFTER_SALES_NO] = "单号";
  headers[RD_IMPORT_FIELD_ORDER_NO] = "订单";
  headers[RD_IMPORT_FIELD_AMOUNT_PAID] = "实付";
  headers[RD_IMPORT_FIELD_REQUESTED_AT] = "申请时间";
  headers[RD_IMPORT_FIELD_KIND] = "类型";
  headers[RD_IMPORT_FIELD_REASON] = "原因";
  profile = rd_import_profile_new_generic ("我的表格", "taobao", RD_IMPORT_UNIT_YUAN, headers, &error);
  g_assert_no_error (error);
  g_assert_true (rd_import_profile_save (f->store, profile, "店长", &error));
  g_assert_no_error (error);

  saved = rd_import_profiles_list (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (saved->len, ==, 1);
  g_assert_cmpstr (rd_import_profile_get_id (saved->pdata[0]), ==, "我的表格");
  g_assert_true (rd_import_profile_get_headers (saved->pdata[0], RD_IMPORT_FIELD_ORDER_NO) != NULL);
  g_assert_cmpstr (rd_import_profile_get_headers (saved->pdata[0], RD_IMPORT_FIELD_ORDER_NO)[0], ==, "订单");

  g_assert_true (g_file_set_contents (path, "单号,订单,实付,申请时间,类型,原因\nM1,4100000000000000001,10.00,2026-11-03 14:05:09,退货退款,质量问题\n",
                                      -1, &error));
  import = rd_import_new (path, &error);
  g_assert_no_error (error);
  g_assert_true (rd_import_set_profile (import, saved->pdata[0], &error));
  g_assert_no_error (error);
  g_assert_true (rd_import_preview (import, f->store, NULL, NULL, NULL, NULL, NULL, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.n_new, ==, 1);
  g_assert_true (rd_import_apply (import, f->store, &options, NULL, NULL, NULL, NULL, NULL, &counts, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rd_store_count_cases (f->store, NULL), ==, 1);

  g_assert_true (rd_import_profile_delete (f->store, "我的表格", "店长", &error));
  g_clear_pointer (&saved, g_ptr_array_unref);
  saved = rd_import_profiles_list (f->store, &error);
  g_assert_cmpuint (saved->len, ==, 0);
  assert_sound (f);
}

static void
test_intercept_proposals (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GString) rows = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  append_row (rows, "AS-S", "4100000000000000005", "tb_s", WAITING, "58.50", "中通快递 ZT1234567890");
  append_row (rows, "AS-U", "4100000000000000006", "tb_u", WAITING, "58.50", NULL);
  path = write_file (f, "taobao.csv", rows);
  import_path (f, path, FALSE, NULL);
  ids = rd_import_list_intercept_proposals (f->store, &error);
  g_assert_no_error (error);
  /* Only a shipped refund-only case with an outbound parcel, and no
   * intercept was created. */
  g_assert_cmpint (rd_test_raw_int (rd_store_get_db (f->store), "SELECT count(*) FROM intercepts"), ==, 0);
  g_assert_cmpuint (ids->len, ==, 1);
  {
    g_autoptr(RdCase) s = case_of (f, "AS-S");

    g_assert_cmpint (g_array_index (ids, gint64, 0), ==, s->id);
  }
}

int
main (int    argc,
      char **argv)
{
  if (argc == 4 && g_str_equal (argv[1], "--child-import"))
    return child_import (argv[2], argv[3]);

  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/rd/import/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("preview", test_preview);
  ADD ("reimport-unchanged", test_reimport_unchanged);
  ADD ("updated-export", test_updated_export);
  ADD ("cancel", test_cancel);
  ADD ("killed", test_killed);
  ADD ("bad-row", test_bad_row);
  ADD ("changed-file", test_changed_file);
  ADD ("saved-profile", test_saved_profile);
  ADD ("intercept-proposals", test_intercept_proposals);
#undef ADD

  return g_test_run ();
}
