/* test-import-case.c
 *
 * A case's platform facts as the case pane reads them (rd-import-case.h):
 * none for a hand-entered case; for an imported one the platform's status
 * as the file wrote it and what it means, what the buyer asks back (exact,
 * in fen), the file and row it was last read from; and the follow-up flag:
 * off while the platform and the shop agree, on once the shop refused a
 * case the platform then reopened, and only on that case.
 */
#include "config.h"

#include <locale.h>

#include "rd-audit.h"
#include "rd-case-store.h"
#include "rd-import-case.h"
#include "rd-import.h"
#include "rd-operators.h"
#include "rd-store.h"
#include "rd-test-ledger.h"

#define HEADER "退款编号,订单编号,买家会员名称,售后类型,是否需要退货,退款状态,买家退款原因,买家实际支付金额," \
               "买家退款金额,退款的申请时间,超时时间,退货物流单号,发货物流信息\n"
#define WAITING "买家已经申请退款，等待卖家同意"
#define REFUSED "卖家拒绝退款"

typedef struct
{
  char    *dir;
  RdStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = rd_test_make_tmp_dir ();
  path = g_build_filename (f->dir, "ledger.db", NULL);
  f->store = rd_store_open (path, RD_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  rd_test_add_operators (f->store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  rd_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* Writes name with one row per (key, status, refund in yuan) and imports it. */
static void
import_rows (Fixture           *f,
             const char        *name,
             const char *const *rows)
{
  g_autoptr(GString) text = g_string_new (HEADER);
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autofree char *backups = g_build_filename (f->dir, "backups", NULL);
  RdImportOptions options = { "tester", NULL, FALSE, backups };
  g_autoptr(RdImport) import = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; rows[i] != NULL; i += 3)
    g_string_append_printf (text, "%s,41000000000000000%02u,tb_buyer,仅退款,否,%s,拍错/多拍,%s,%s,"
                            "2026-11-03 14:05:09,2026-11-05 14:05:09,,\n",
                            rows[i], i, rows[i + 1], rows[i + 2], rows[i + 2]);
  g_assert_true (g_file_set_contents (path, text->str, -1, &error));
  import = rd_import_new (path, &error);
  g_assert_no_error (error);
  g_assert_true (rd_import_preview (import, f->store, NULL, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (rd_import_apply (import, f->store, &options, NULL, NULL, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static gint64
case_id_of (Fixture    *f,
            const char *key)
{
  g_autofree char *sql = g_strdup_printf ("SELECT case_id FROM case_platform WHERE platform_key = '%s'", key);

  return rd_test_raw_int (rd_store_get_db (f->store), sql);
}

static void
refuse (Fixture *f,
        gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) c = rd_case_store_get (f->store, id, &error);

  g_assert_no_error (error);
  c->status = RD_CASE_STATUS_REFUSED;
  g_assert_true (rd_case_store_update (f->store, c, "小王", &error));
  g_assert_no_error (error);
}

static void
test_hand_entered (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RdCase) c = rd_case_new ();
  g_autoptr(RdImportCaseFacts) facts = NULL;
  g_autoptr(GError) error = NULL;
  gboolean follow_up = TRUE;

  c->channel = g_strdup ("taobao");
  c->order_no = g_strdup ("4100000000000000999");
  c->kind = RD_REFUND_KIND_REFUND_ONLY_UNSHIPPED;
  c->reason = g_strdup ("changed_mind");
  c->payment_method = RD_PAYMENT_METHOD_ALIPAY;
  c->amount_paid = 1000;
  c->requested_at = 1793000000;
  g_assert_true (rd_case_store_insert (f->store, c, "小王", &error));
  g_assert_no_error (error);

  g_assert_true (rd_import_case_get_facts (f->store, c->id, &facts, &error));
  g_assert_no_error (error);
  g_assert_null (facts);
  g_assert_true (rd_import_case_follow_up (f->store, c->id, &follow_up, &error));
  g_assert_false (follow_up);
  /* Nor for a case that does not exist. */
  g_assert_true (rd_import_case_follow_up (f->store, 987654, &follow_up, &error));
  g_assert_false (follow_up);
}

static void
test_facts_and_follow_up (Fixture       *f,
                          gconstpointer  data)
{
  static const char *const first[] = { "AS-A", WAITING, "58.50", "AS-C", WAITING, "30.01", NULL };
  static const char *const second[] = { "AS-A", WAITING, "58.50", "AS-C", REFUSED, "30.01", NULL };
  static const char *const third[] = { "AS-A", WAITING, "58.50", "AS-C", WAITING, "30.01", NULL };
  g_autoptr(RdImportCaseFacts) facts = NULL;
  g_autoptr(GError) error = NULL;
  gboolean follow_up = TRUE;
  gint64 a, c;

  import_rows (f, "taobao-1201.csv", first);
  a = case_id_of (f, "AS-A");
  c = case_id_of (f, "AS-C");

  g_assert_true (rd_import_case_get_facts (f->store, c, &facts, &error));
  g_assert_no_error (error);
  g_assert_nonnull (facts);
  g_assert_cmpstr (facts->channel, ==, "taobao");
  g_assert_cmpstr (facts->platform_key, ==, "AS-C");
  g_assert_cmpstr (facts->platform_status, ==, WAITING);
  g_assert_cmpint (facts->platform_state, ==, RD_IMPORT_PLATFORM_OPEN);
  g_assert_cmpint (facts->refund_amount, ==, 3001);
  g_assert_cmpstr (facts->file_name, ==, "taobao-1201.csv");
  g_assert_cmpuint (facts->row, ==, 3);          /* the header is row 1 */
  g_assert_false (facts->follow_up);
  g_clear_pointer (&facts, rd_import_case_facts_free);

  /* The shop refuses C; the platform agrees: nothing to follow up. */
  refuse (f, c);
  import_rows (f, "taobao-1202.csv", second);
  g_assert_true (rd_import_case_get_facts (f->store, c, &facts, &error));
  g_assert_cmpint (facts->platform_state, ==, RD_IMPORT_PLATFORM_REFUSED);
  g_assert_cmpstr (facts->file_name, ==, "taobao-1202.csv");
  g_assert_false (facts->follow_up);
  g_clear_pointer (&facts, rd_import_case_facts_free);

  /* The platform reopens it: flagged, and only C. */
  import_rows (f, "taobao-1203.csv", third);
  g_assert_true (rd_import_case_follow_up (f->store, c, &follow_up, &error));
  g_assert_no_error (error);
  g_assert_true (follow_up);
  g_assert_true (rd_import_case_get_facts (f->store, c, &facts, &error));
  g_assert_true (facts->follow_up);
  g_assert_cmpint (facts->platform_state, ==, RD_IMPORT_PLATFORM_OPEN);
  g_assert_cmpstr (facts->platform_status, ==, WAITING);
  g_assert_cmpstr (facts->file_name, ==, "taobao-1203.csv");
  g_assert_true (rd_import_case_follow_up (f->store, a, &follow_up, &error));
  g_assert_false (follow_up);
}

/* The count of audit entries of a case by action and operator. */
static gint64
audited (Fixture    *f,
         gint64      id,
         const char *operator)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE case_id = %" G_GINT64_FORMAT
                                          " AND action = 'follow-up' AND field = 'follow_up'"
                                          " AND old_value = '1' AND new_value = '0' AND operator = '%s'",
                                          id, operator);

  return rd_test_raw_int (rd_store_get_db (f->store), sql);
}

/* Clearing the flag once followed up: refused to someone who may not edit
 * cases (the flag stays, nothing audited); done by the operator, with an
 * audit entry naming them; a second clear writes nothing; a hand-entered
 * case has no flag to clear; the count follows. */
static void
test_clear_follow_up (Fixture       *f,
                      gconstpointer  data)
{
  static const char *const first[] = { "AS-A", WAITING, "58.50", "AS-C", WAITING, "30.01", NULL };
  static const char *const second[] = { "AS-A", WAITING, "58.50", "AS-C", REFUSED, "30.01", NULL };
  g_autoptr(GError) error = NULL;
  gboolean follow_up = FALSE;
  guint count = 99;
  gint64 a, c;

  import_rows (f, "taobao-1201.csv", first);
  a = case_id_of (f, "AS-A");
  c = case_id_of (f, "AS-C");
  g_assert_true (rd_import_case_count_follow_up (f->store, &count, &error));
  g_assert_cmpuint (count, ==, 0);
  refuse (f, c);
  import_rows (f, "taobao-1202.csv", second);
  import_rows (f, "taobao-1203.csv", first);
  g_assert_true (rd_import_case_follow_up (f->store, c, &follow_up, &error));
  g_assert_true (follow_up);
  g_assert_true (rd_import_case_count_follow_up (f->store, &count, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, 1);

  /* The accountant reads cases but does not edit them. */
  g_assert_false (rd_import_case_clear_follow_up (f->store, c, "会计", &error));
  g_assert_error (error, RD_OPERATORS_ERROR, RD_OPERATORS_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_true (rd_import_case_follow_up (f->store, c, &follow_up, &error));
  g_assert_true (follow_up);
  g_assert_cmpint (audited (f, c, "会计"), ==, 0);

  g_assert_true (rd_import_case_clear_follow_up (f->store, c, "小王", &error));
  g_assert_no_error (error);
  g_assert_true (rd_import_case_follow_up (f->store, c, &follow_up, &error));
  g_assert_false (follow_up);
  g_assert_cmpint (audited (f, c, "小王"), ==, 1);
  g_assert_true (rd_import_case_count_follow_up (f->store, &count, &error));
  g_assert_cmpuint (count, ==, 0);

  /* Not flagged (any more, or ever): nothing written. */
  g_assert_true (rd_import_case_clear_follow_up (f->store, c, "小王", &error));
  g_assert_true (rd_import_case_clear_follow_up (f->store, a, "小王", &error));
  g_assert_no_error (error);
  g_assert_cmpint (audited (f, c, "小王"), ==, 1);
  g_assert_cmpint (audited (f, a, "小王"), ==, 0);

  /* A case no import read. */
  g_assert_false (rd_import_case_clear_follow_up (f->store, 987654, "小王", &error));
  g_assert_error (error, RD_CASE_STORE_ERROR, RD_CASE_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The audit chain still holds. */
  g_assert_true (rd_audit_verify (f->store, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_state_names (void)
{
  /* Each state has its own words. */
  g_assert_cmpstr (rd_import_platform_state_get_name (RD_IMPORT_PLATFORM_OPEN), ==, "Open on the platform");
  g_assert_cmpstr (rd_import_platform_state_get_name (RD_IMPORT_PLATFORM_REFUNDED), ==, "Refunded by the platform");
  g_assert_cmpstr (rd_import_platform_state_get_name (RD_IMPORT_PLATFORM_REFUSED), !=,
                   rd_import_platform_state_get_name (RD_IMPORT_PLATFORM_CLOSED));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/rd/import-case/hand-entered", Fixture, NULL, fixture_set_up, test_hand_entered, fixture_tear_down);
  g_test_add ("/rd/import-case/facts-and-follow-up", Fixture, NULL, fixture_set_up, test_facts_and_follow_up,
              fixture_tear_down);
  g_test_add ("/rd/import-case/clear-follow-up", Fixture, NULL, fixture_set_up, test_clear_follow_up,
              fixture_tear_down);
  g_test_add_func ("/rd/import-case/state-names", test_state_names);

  return g_test_run ();
}
