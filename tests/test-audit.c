/* test-audit.c
 *
 * The audit log's hash chain: entries recorded inside transactions verify;
 * an entry changed, deleted or inserted with the sqlite3 library behind the
 * app's back is named by rd_audit_verify and by `refund-desk verify`.
 */
#include "config.h"

#include <locale.h>

#include "rd-audit.h"
#include "rd-case-store.h"
#include "rd-test-cli.h"
#include "rd-test-ledger.h"

static const char *refund_desk;

typedef struct
{
  char    *dir;
  char    *path;
  RdStore *store;
  gint64   base;        /* the entries of the ledger's rows before them */
} Fixture;

/* A ledger with one case and five audit entries (ids base + 1–5; the
 * entries before them are of its rows: settings, holidays, the operators,
 * the case). */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  f->dir = rd_test_make_tmp_dir ();
  f->path = g_build_filename (f->dir, "ledger.db", NULL);
  f->store = rd_store_open (f->path, RD_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  rd_test_add_operators (f->store);

  db = rd_store_get_db (f->store);
  rd_test_insert_case (db, "RF-2026-000001", "changed_mind", 12000, 1767225600);

  g_assert_true (rd_audit_get_head (f->store, &f->base, NULL, &error));
  g_assert_true (rd_store_begin (f->store, &error));
  g_assert_true (rd_audit_record (f->store, 1, "Li Na", "create", NULL, NULL, "RF-2026-000001", &error));
  g_assert_true (rd_audit_record (f->store, 1, "Li Na", "update", "amount_paid", "10000", "12000", &error));
  g_assert_true (rd_audit_record (f->store, 1, "Wang Wei", "approve", "status", "requested", "approved", &error));
  g_assert_true (rd_audit_record (f->store, 0, "Wang Wei", "add-holiday", "2026-12-31", NULL, "年终", &error));
  g_assert_true (rd_audit_record (f->store, 1, "Wang Wei", "update", "notes", "", NULL, &error));
  g_assert_true (rd_store_commit (f->store, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  rd_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* Edits the file with the plain sqlite3 library, the app closed. */
static void
tamper (Fixture    *f,
        const char *sql)
{
  sqlite3 *db;

  g_clear_object (&f->store);
  db = rd_test_raw_open (f->path);
  rd_test_raw_exec (db, sql);
  sqlite3_close (db);
  f->store = rd_store_open (f->path, RD_STORE_OPEN_EXISTING, NULL);
  g_assert_nonnull (f->store);
}

/* tamper with ids: each %s of sql is base + the next of ids. */
static void
tamper_ids (Fixture    *f,
            const char *sql,
            ...)
{
  g_autoptr(GString) out = g_string_new (NULL);
  va_list ap;

  va_start (ap, sql);
  for (const char *p = sql; *p != '\0'; p++)
    {
      if (p[0] == '%' && p[1] == 's')
        {
          g_string_append_printf (out, "%" G_GINT64_FORMAT, f->base + va_arg (ap, int));
          p++;
        }
      else
        g_string_append_c (out, *p);
    }
  va_end (ap);
  tamper (f, out->str);
}

static void
assert_tampered (Fixture    *f,
                 gint64      expected_bad,
                 const char *in_message)
{
  g_autoptr(GError) error = NULL;
  gint64 bad = 0;

  g_assert_false (rd_audit_verify (f->store, NULL, &bad, &error));
  g_assert_error (error, RD_AUDIT_ERROR, RD_AUDIT_ERROR_TAMPERED);
  g_assert_cmpint (bad, ==, expected_bad > 0 ? f->base + expected_bad : expected_bad);
  if (in_message != NULL && strstr (error->message, in_message) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, in_message);
}

static void
run_verify (const char  *path,
            int         *status,
            char       **out,
            char       **err)
{
  const char *argv[] = { refund_desk, "verify", "--db", path, NULL };
  g_auto(RdTestRun) run = { 0 };

  rd_test_run_command (&run, argv, "C.UTF-8", "C", NULL, NULL);
  *status = run.status;
  *out = g_steal_pointer (&run.out);
  *err = g_steal_pointer (&run.err);
}

static void
test_chain_verifies (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  g_autoptr(RdAuditEntry) first = NULL;
  g_autofree char *recomputed = NULL;
  RdAuditEntry *entry;
  gint64 n = 0, bad = 42;

  g_assert_true (rd_audit_verify (f->store, &n, &bad, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, rd_test_raw_int (rd_store_get_db (f->store), "SELECT count(*) FROM audit_log"));
  g_assert_cmpint (rd_test_raw_int (rd_store_get_db (f->store),
                                    "SELECT count(*) FROM audit_log WHERE action NOT LIKE 'row%'"), ==, 5);
  g_assert_cmpint (bad, ==, 0);

  timeline = rd_audit_list_for_case (f->store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (timeline->len, ==, 4);   /* the holiday entry has no case */
  entry = g_ptr_array_index (timeline, 1);
  g_assert_cmpstr (entry->operator, ==, "Li Na");
  g_assert_cmpstr (entry->field, ==, "amount_paid");
  g_assert_cmpstr (entry->old_value, ==, "10000");
  g_assert_cmpstr (entry->new_value, ==, "12000");
  entry = g_ptr_array_index (timeline, 3);
  g_assert_cmpstr (entry->old_value, ==, "");   /* empty and NULL are kept apart */
  g_assert_null (entry->new_value);

  first = rd_audit_get (f->store, 1, &error);
  g_assert_cmpstr (first->prev_hash, ==, "");
  g_assert_cmpuint (strlen (first->hash), ==, 64);
  recomputed = rd_audit_compute_hash (first);
  g_assert_cmpstr (recomputed, ==, first->hash);
}

static void
test_outside_transaction (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (rd_audit_record (f->store, 1, "Li Na", "update", "notes", NULL, "x", &error));
  g_assert_error (error, RD_AUDIT_ERROR, RD_AUDIT_ERROR_NO_TRANSACTION);
}

static void
test_hash_is_unambiguous (void)
{
  RdAuditEntry a = { .id = 1, .at = 10, .operator = "ab", .action = "c", .prev_hash = "" };
  RdAuditEntry b = { .id = 1, .at = 10, .operator = "a", .action = "bc", .prev_hash = "" };
  RdAuditEntry c = { .id = 1, .at = 10, .operator = "ab", .action = "c", .field = "", .prev_hash = "" };
  g_autofree char *ha = rd_audit_compute_hash (&a);
  g_autofree char *hb = rd_audit_compute_hash (&b);
  g_autofree char *hc = rd_audit_compute_hash (&c);

  g_assert_cmpstr (ha, !=, hb);
  g_assert_cmpstr (ha, !=, hc);
}

/* The digests of two entries as an independent encoder (Python's hashlib
 * over the format of rd-audit.c, "rd-audit-2": typed, so that a NULL case
 * and 0 differ) computes them: a ledger written by any version verifies
 * with any other. (Version 11 changed the encoding of new entries on
 * purpose; the old entries verify in the first, see test-store-migrate.) */
static void
test_hash_known_values (void)
{
  RdAuditEntry a = { .prev_hash = "", .id = 1, .case_id = 42, .at = 1767211200, .operator = "阿珍",
                     .action = "create", .field = "case_no", .new_value = "RF-2026-000001" };
  RdAuditEntry b = { .prev_hash = "abababababababababababababababababababababababababababababababab",
                     .id = G_GINT64_CONSTANT (9007199254740993), .at = -86400, .operator = "Li Na",
                     .action = "update", .field = "amount_paid", .old_value = "", .new_value = "12000" };
  g_autofree char *ha = rd_audit_compute_hash (&a);
  g_autofree char *hb = rd_audit_compute_hash (&b);

  g_assert_cmpstr (ha, ==, "1444e31827c68342006e527fab89e015793541845c808a0e98d10b0e426e5c93");
  g_assert_cmpstr (hb, ==, "c1450d6bfa4059a7bd3f7271217d05f38411ccea5bcf708d7df95533bb424052");
}

static void
test_changed_value (Fixture       *f,
                    gconstpointer  data)
{
  tamper_ids (f, "UPDATE audit_log SET old_value = '1000' WHERE id = %s", 2);
  assert_tampered (f, 2, "entry ");
}

static void
test_changed_case (Fixture       *f,
                   gconstpointer  data)
{
  /* Moving an entry to another case (or none) is a change too. */
  tamper_ids (f, "UPDATE audit_log SET case_id = NULL WHERE id = %s", 3);
  assert_tampered (f, 3, "entry ");
}

static void
test_deleted_row (Fixture       *f,
                  gconstpointer  data)
{
  tamper_ids (f, "DELETE FROM audit_log WHERE id = %s", 3);
  assert_tampered (f, 4, NULL);
}

static void
test_deleted_last_row (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *last = g_strdup_printf ("%" G_GINT64_FORMAT, f->base + 5);

  tamper_ids (f, "DELETE FROM audit_log WHERE id = %s", 5);
  assert_tampered (f, -1, last);
}

static void
test_inserted_row (Fixture       *f,
                   gconstpointer  data)
{
  /* A row slipped in at the end, chained to the last hash but with a
   * made-up hash of its own, and the head left alone. */
  tamper_ids (f, "INSERT INTO audit_log (id, case_id, at, operator, action, field, old_value, new_value, prev_hash, hash)"
                 " SELECT %s, 1, 1767300000, 'Li Na', 'update', 'approved_amount', '12000', '99000', hash, hash"
                 " FROM audit_log WHERE id = %s", 6, 5);
  assert_tampered (f, 6, "entry ");
}

static void
test_inserted_row_between (Fixture       *f,
                           gconstpointer  data)
{
  /* Renumber the tail to make room, then insert a row in the gap. */
  tamper_ids (f, "UPDATE audit_log SET id = id + 10 WHERE id >= %s;"
                 "INSERT INTO audit_log (id, case_id, at, operator, action, field, old_value, new_value, prev_hash, hash)"
                 " SELECT %s, 1, 1767300000, 'Li Na', 'update', 'notes', NULL, 'ok', hash, hash FROM audit_log WHERE id = %s",
                 3, 3, 2);
  assert_tampered (f, 3, "entry ");
}

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *ok = g_strdup_printf ("ok, %" G_GINT64_FORMAT " entries\n", f->base + 5);
  g_autofree char *third = g_strdup_printf ("entry %" G_GINT64_FORMAT " of ", f->base + 3);
  g_autofree char *sql = g_strdup_printf ("UPDATE audit_log SET new_value = 'refused' WHERE id = %" G_GINT64_FORMAT,
                                          f->base + 3);
  int status;

  g_clear_object (&f->store);
  run_verify (f->path, &status, &out, &err);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, ok);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  {
    sqlite3 *db = rd_test_raw_open (f->path);
    rd_test_raw_exec (db, sql);
    sqlite3_close (db);
  }

  run_verify (f->path, &status, &out, &err);
  g_assert_cmpint (status, ==, 1);
  g_assert_cmpstr (out, ==, "");
  /* The field in words, never its key. */
  if (strstr (err, third) == NULL || strstr (err, "Status") == NULL ||
      strstr (err, "(status)") != NULL)
    g_error ("verify said: %s", err);
}

/* A ledger of version 1 migrates to an empty, valid log, and its old
 * cases are audited from their first change on. */
static void
test_migrated_ledger (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autoptr(RdCase) rcase = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  gint64 n = -1;

  rd_test_build_from_fixture (path, "ledger-v1.sql");
  store = rd_store_open (path, RD_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  rd_test_add_operators (store);
  /* From version 11 on, the chain holds its rows: entries of rows only. */
  g_assert_true (rd_audit_verify (store, &n, NULL, &error));
  g_assert_cmpint (rd_test_raw_int (rd_store_get_db (store), "SELECT count(*) FROM audit_log WHERE action NOT LIKE 'row%'"),
                   ==, 0);

  rcase = rd_case_store_get (store, 2, &error);
  g_assert_no_error (error);
  g_free (rcase->notes);
  rcase->notes = g_strdup ("called the buyer");
  g_assert_true (rd_case_store_update (store, rcase, "Li Na", &error));
  g_assert_no_error (error);

  timeline = rd_audit_list_for_case (store, 2, &error);
  g_assert_cmpuint (timeline->len, ==, 1);
  g_assert_cmpstr (((RdAuditEntry *) timeline->pdata[0])->field, ==, "notes");
  g_assert_true (rd_audit_verify (store, &n, NULL, &error));
  g_assert_cmpint (rd_test_raw_int (rd_store_get_db (store), "SELECT count(*) FROM audit_log WHERE action NOT LIKE 'row%'"),
                   ==, 1);

  g_clear_object (&store);
  rd_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  if (argc < 2)
    g_error ("usage: test-audit PATH-TO-refund-desk");
  refund_desk = argv[1];

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/rd/audit/chain-verifies", test_chain_verifies);
  ADD ("/rd/audit/outside-transaction", test_outside_transaction);
  g_test_add_func ("/rd/audit/hash-is-unambiguous", test_hash_is_unambiguous);
  g_test_add_func ("/rd/audit/hash-known-values", test_hash_known_values);
  ADD ("/rd/audit/tamper/changed-value", test_changed_value);
  ADD ("/rd/audit/tamper/changed-case", test_changed_case);
  ADD ("/rd/audit/tamper/deleted-row", test_deleted_row);
  ADD ("/rd/audit/tamper/deleted-last-row", test_deleted_last_row);
  ADD ("/rd/audit/tamper/inserted-row", test_inserted_row);
  ADD ("/rd/audit/tamper/inserted-row-between", test_inserted_row_between);
  ADD ("/rd/audit/cli-verify", test_cli);
  g_test_add_func ("/rd/audit/migrated-ledger", test_migrated_ledger);
#undef ADD

  return g_test_run ();
}
