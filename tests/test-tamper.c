/* test-tamper.c
 *
 * Edits made to a ledger's data behind the app's back, with the plain
 * sqlite3 library and the app closed, each named by rd_audit_verify and by
 * `refund-desk verify`: a changed amount, approved amount, status, a fake
 * case, swapped dates, an intercept's status, a deleted scan or payout,
 * NULL, 0 and "" told apart; and the end of the audit log cut off and its
 * head moved in plain SQL, caught by the anchor file and by --anchor.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "rd-audit.h"
#include "rd-audit-anchor.h"
#include "rd-test-cli.h"
#include "rd-test-ledger.h"

static const char *refund_desk;

typedef struct
{
  char    *dir;
  char    *path;
  RdStore *store;
} Fixture;

static void
exec_on (RdStore    *store,
         const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rd_store_exec (store, sql, &error));
  g_assert_no_error (error);
}

/* Three cases, a payout, an intercept and its scan, all written through
 * the app's connection; then four entries about no row. */
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
  rd_test_insert_case (db, "RF-2026-000002", "damaged", 880000, 1767312000);
  rd_test_insert_case (db, "RF-2026-000003", "changed_mind", 4500, 1767398400);
  exec_on (f->store, "UPDATE cases SET approved_amount = 10000 WHERE id = 1;"
                     "UPDATE cases SET notes = '' WHERE id = 3;"
                     "INSERT INTO payouts (case_id, seq, amount, route, paid_on, operator, recorded_at)"
                     " VALUES (1, 1, 10000, 'original', '2026-01-02', 'Li Na', 1767300000);"
                     "INSERT INTO intercepts (id, courier, tracking_no, case_id, amount, status, created_at,"
                     " updated_at, operator) VALUES (1, 'sf', 'SF1000000001', 2, 880000, 'requested',"
                     " 1767312000, 1767312000, 'Li Na');"
                     "INSERT INTO scans (id, intercept_id, tracking_no, outcome, at, operator)"
                     " VALUES (1, 1, 'SF1000000001', 'returned', 1767400000, 'Li Na');");

  g_assert_true (rd_store_begin (f->store, &error));
  for (int i = 0; i < 4; i++)
    g_assert_true (rd_audit_record (f->store, 1, "Li Na", "note", NULL, NULL, "called the buyer", &error));
  g_assert_true (rd_store_commit (f->store, &error));
  g_assert_no_error (error);

  g_assert_true (rd_audit_verify (f->store, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&f->store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *anchor = rd_audit_anchor_path (f->path);

  g_clear_object (&f->store);
  g_remove (anchor);
  rd_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static void
tamper (Fixture    *f,
        const char *sql)
{
  sqlite3 *db = rd_test_raw_open (f->path);

  rd_test_raw_exec (db, sql);
  sqlite3_close (db);
}

static void
run_verify (Fixture     *f,
            const char  *anchor,
            int         *status,
            char       **err)
{
  const char *argv[] = { refund_desk, "verify", "--db", f->path, anchor != NULL ? "--anchor" : NULL, anchor, NULL };
  g_auto(RdTestRun) run = { 0 };

  rd_test_run_command (&run, argv, "C.UTF-8", "C", NULL, NULL);
  *status = run.status;
  *err = g_steal_pointer (&run.err);
}

typedef struct
{
  const char *name;
  const char *sql;
  const char *said;      /* in verify's message */
} TamperCase;

static const TamperCase tamper_cases[] = {
  { "amount", "UPDATE cases SET amount_paid = 99900 WHERE id = 1",
    "case RF-2026-000001: amount_paid changed behind the app’s back" },
  { "approved-amount", "UPDATE cases SET approved_amount = 50000 WHERE id = 1",
    "case RF-2026-000001: approved_amount changed" },
  { "status", "UPDATE cases SET status = 'paid' WHERE id = 2",
    "case RF-2026-000002: status changed" },
  { "fake-case", "INSERT INTO cases (case_no, channel, order_no, kind, reason, payment_method, amount_paid,"
                 " status, requested_at, created_at) VALUES ('RF-2026-000099', 'taobao', 'X1', 'refund_only',"
                 " 'damaged', 'alipay', 880000, 'requested', 1767225600, 1767225600)",
    "case RF-2026-000099 has no audit entry" },
  { "swapped-dates", "UPDATE cases SET requested_at = CASE id WHEN 1 THEN 1767312000 ELSE 1767225600 END"
                     " WHERE id IN (1, 2)",
    "case RF-2026-000001: requested_at changed" },
  { "intercept-status", "UPDATE intercepts SET status = 'intercepted' WHERE id = 1",
    "intercept SF1000000001: status changed" },
  { "scan-deleted", "DELETE FROM scans WHERE id = 1", "scan 1 was deleted behind the app’s back" },
  { "payout-deleted", "DELETE FROM payouts", "payout 1,1 was deleted behind the app’s back" },
  { "payout-amount", "UPDATE payouts SET amount = 1", "payout 1,1: amount changed" },
  { "null-to-empty", "UPDATE cases SET notes = '' WHERE id = 1", "case RF-2026-000001: notes changed" },
  { "empty-to-null", "UPDATE cases SET notes = NULL WHERE id = 3", "case RF-2026-000003: notes changed" },
  { "null-to-zero", "UPDATE cases SET approved_amount = 0 WHERE id = 2", "case RF-2026-000002: approved_amount changed" },
  { "text-after-nul", "UPDATE cases SET notes = CAST (X'00' || 'x' AS TEXT) WHERE id = 3",
    "case RF-2026-000003: notes changed" },
  { "setting", "UPDATE meta SET value = '0.0.1' WHERE key = 'created_by_version'",
    "setting created_by_version: value changed" },
  { "holiday-added", "INSERT INTO holidays (date, name) VALUES ('2026-12-24', 'x')",
    "holiday 2026-12-24 has no audit entry" },
};

static void
test_tampered (Fixture       *f,
               gconstpointer  data)
{
  const TamperCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status;

  tamper (f, c->sql);

  f->store = rd_store_open (f->path, RD_STORE_OPEN_EXISTING | RD_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_false (rd_audit_verify (f->store, NULL, NULL, &error));
  g_assert_error (error, RD_AUDIT_ERROR, RD_AUDIT_ERROR_TAMPERED);
  if (strstr (error->message, c->said) == NULL)
    g_error ("%s: verify said “%s”, not “%s”", c->name, error->message, c->said);

  run_verify (f, NULL, &status, &err);
  g_assert_cmpint (status, ==, 1);
  if (strstr (err, c->said) == NULL)
    g_error ("%s: refund-desk verify said “%s”", c->name, err);
}

/* The last four entries deleted and the head moved onto the new last one:
 * the chain and the rows agree, but the anchor saw further. */
static void
test_cut_end (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdAuditAnchor) kept = NULL;
  g_autofree char *err = NULL;
  g_autofree char *given = NULL;
  g_autofree char *anchor_path = rd_audit_anchor_path (f->path);
  g_autofree char *expected = NULL;
  int status;

  kept = rd_audit_anchor_load (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (kept);
  given = g_strdup_printf ("%" G_GINT64_FORMAT ":%s", kept->entry, kept->hash);
  expected = g_strdup_printf ("The audit log ends before entry %" G_GINT64_FORMAT ", which was seen on ", kept->entry);

  run_verify (f, given, &status, &err);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&err, g_free);

  tamper (f, "DELETE FROM audit_log WHERE id > (SELECT last_id - 4 FROM audit_head);"
             "UPDATE audit_head SET last_id = (SELECT max (id) FROM audit_log),"
             " last_hash = (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1),"
             " n_entries = (SELECT count (*) FROM audit_log);");

  /* The file alone cannot tell. */
  f->store = rd_store_open (f->path, RD_STORE_OPEN_EXISTING | RD_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (rd_audit_verify (f->store, NULL, NULL, &error));
  g_assert_no_error (error);

  /* The anchor file can. */
  run_verify (f, NULL, &status, &err);
  g_assert_cmpint (status, ==, 1);
  if (strstr (err, expected) == NULL)
    g_error ("refund-desk verify said “%s”", err);
  g_clear_pointer (&err, g_free);

  /* An anchor the accountant kept can too, without the file. */
  g_assert_cmpint (g_remove (anchor_path), ==, 0);
  run_verify (f, given, &status, &err);
  g_assert_cmpint (status, ==, 1);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("The audit log ends before entry %" G_GINT64_FORMAT ", which the anchor names", kept->entry);
  if (strstr (err, expected) == NULL)
    g_error ("refund-desk verify --anchor said “%s”", err);
  g_clear_pointer (&err, g_free);

  /* Opening the ledger in the app does not move the anchor over the cut. */
  g_clear_object (&f->store);
  {
    g_autoptr(RdStore) app = NULL;
    g_autoptr(RdAuditAnchor) old = g_new0 (RdAuditAnchor, 1);

    old->entry = kept->entry;
    old->hash = g_strdup (kept->hash);
    old->seen = 1767225600;
    app = rd_store_open (f->path, RD_STORE_OPEN_EXISTING, &error);
    g_assert_no_error (error);
    g_assert_false (rd_audit_anchor_check (app, old, &error));
    g_assert_error (error, RD_AUDIT_ERROR, RD_AUDIT_ERROR_TAMPERED);
  }
}

static void
test_anchor_parse (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdAuditAnchor) a = NULL;
  const char *bad[] = { "", "12", "12:", ":abc", "0:" "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                        "12:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0",
                        "x:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" };

  a = rd_audit_anchor_parse ("312:9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08", &error);
  g_assert_no_error (error);
  g_assert_cmpint (a->entry, ==, 312);
  g_assert_cmpstr (a->hash, ==, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(RdAuditAnchor) b = rd_audit_anchor_parse (bad[i], &error);

      g_assert_null (b);
      g_assert_error (error, RD_AUDIT_ERROR, RD_AUDIT_ERROR_FAILED);
      g_clear_error (&error);
    }
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  if (argc < 2)
    g_error ("usage: test-tamper [--tap] PATH-TO-refund-desk");
  refund_desk = argv[1];

  for (guint i = 0; i < G_N_ELEMENTS (tamper_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/rd/tamper/%s", tamper_cases[i].name);

      g_test_add (path, Fixture, &tamper_cases[i], fixture_set_up, test_tampered, fixture_tear_down);
    }
  g_test_add ("/rd/tamper/cut-end", Fixture, NULL, fixture_set_up, test_cut_end, fixture_tear_down);
  g_test_add_func ("/rd/tamper/anchor-parse", test_anchor_parse);

  return g_test_run ();
}
