/* test-backup.c
 *
 * Backups of the ledger (rd-store-backup.h): a copy that is checked and has
 * its record, restored with its audit chain intact while the ledger before
 * is kept; one daily backup a day; old ones pruned; a copy that fails its
 * check removed and reported; a backup on a worker thread with progress.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "rd-audit.h"
#include "rd-store-backup.h"
#include "rd-test-ledger.h"

#define DAY (24 * 60 * 60)
/* 2026-12-06 10:00 UTC (the tests run with TZ=UTC) */
#define NOW G_GINT64_CONSTANT (1796551200)

typedef struct
{
  char    *dir;
  char    *path;
  char    *folder;
  RdStore *store;
} Fixture;

static void
add_case (RdStore    *store,
          const char *case_no,
          gint64      amount)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, amount);

  /* The case and its entry in one transaction, as the app writes them: a
   * copy taken meanwhile holds both or neither. */
  g_assert_true (rd_store_begin (store, &error));
  rd_test_insert_case (rd_store_get_db (store), case_no, "七天无理由退货", amount, 1767225600);
  g_assert_true (rd_audit_record (store, 0, "小王", "create", "amount", NULL, value, &error));
  g_assert_true (rd_store_commit (store, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = rd_test_make_tmp_dir ();
  f->path = g_build_filename (f->dir, "shop.db", NULL);
  f->folder = g_build_filename (f->dir, "backups", NULL);
  f->store = rd_store_open (f->path, RD_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  add_case (f->store, "RF-2026-000001", 12900);
  add_case (f->store, "RF-2026-000002", 4550);
  add_case (f->store, "RF-2026-000003", 8800);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  rd_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->folder);
}

static guint
count_files (const char *folder,
             const char *suffix)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, suffix))
      n++;
  return n;
}

static void
assert_ledger_verifies (const char *path,
                        gint64      n_cases)
{
  g_autoptr(RdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n_entries = 0;

  store = rd_store_open (path, RD_STORE_OPEN_EXISTING | RD_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (rd_store_check_integrity (store, &error));
  g_assert_true (rd_audit_verify (store, &n_entries, NULL, &error));
  g_assert_no_error (error);
  /* Each case is in the chain with its row (schema version 11). */
  g_assert_cmpint (n_entries, ==, rd_test_raw_int (rd_store_get_db (store), "SELECT count(*) FROM audit_log"));
  g_assert_cmpint (rd_test_raw_int (rd_store_get_db (store), "SELECT count (DISTINCT old_value) FROM audit_log WHERE action = 'row' AND field = 'cases'"),
                   ==, n_cases);
  g_assert_cmpint (rd_store_count_cases (store, NULL), ==, n_cases);
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(RdBackupInfo) info = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GKeyFile) record = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *head_hash = NULL;
  g_autofree char *base = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *record_hash = NULL;

  info = rd_store_backup_now (f->store, NULL, RD_BACKUP_REASON_MANUAL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  /* "backups" next to the ledger, "<ledger>-YYYYMMDD-HHMMSS.db" */
  base = g_path_get_basename (info->path);
  g_assert_true (g_str_has_prefix (info->path, f->folder));
  g_assert_true (g_str_has_prefix (base, "shop-"));
  g_assert_cmpuint (strlen (base), ==, strlen ("shop-20261206-100000.db"));
  g_assert_true (g_file_test (info->record_path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (info->n_cases, ==, 3);
  /* The chain holds each write's rows too (schema version 11). */
  g_assert_cmpint (info->audit_last_id, ==, rd_test_raw_int (rd_store_get_db (f->store), "SELECT last_id FROM audit_head"));
  g_assert_cmpint (info->audit_entries, ==, rd_test_raw_int (rd_store_get_db (f->store), "SELECT count(*) FROM audit_log"));

  /* The record holds the chain's head as the ledger has it. */
  {
    g_autoptr(sqlite3_stmt) stmt = rd_store_prepare (f->store, "SELECT last_hash FROM audit_head", NULL);

    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    head_hash = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  }
  g_assert_cmpuint (strlen (head_hash), ==, 64);
  g_assert_cmpstr (info->audit_last_hash, ==, head_hash);
  g_assert_true (g_key_file_load_from_file (record, info->record_path, G_KEY_FILE_NONE, &error));
  record_hash = g_key_file_get_string (record, "Backup", "audit-head-hash", &error);
  g_assert_cmpstr (record_hash, ==, head_hash);
  g_assert_cmpint (g_key_file_get_int64 (record, "Backup", "audit-head-entry", NULL), ==, info->audit_last_id);
  g_assert_cmpint (g_key_file_get_int64 (record, "Backup", "cases", NULL), ==, 3);

  list = rd_store_backup_list (f->path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((RdBackupInfo *) g_ptr_array_index (list, 0))->audit_last_hash, ==, head_hash);

  /* The ledger changes; the restore brings back the three cases and keeps
   * the four as they were. */
  add_case (f->store, "RF-2026-000004", 9900);
  g_assert_true (rd_store_backup_restore (info->path, f->path, &kept, &error));
  g_assert_no_error (error);
  g_assert_nonnull (kept);
  g_assert_cmpint (rd_store_count_cases (f->store, NULL), ==, 3);
  g_clear_object (&f->store);

  assert_ledger_verifies (f->path, 3);
  assert_ledger_verifies (kept, 4);
  /* The ledger still takes writes after the restore. */
  f->store = rd_store_open (f->path, RD_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  add_case (f->store, "RF-2026-000005", 100);
  g_clear_object (&f->store);
  assert_ledger_verifies (f->path, 4);
}

/* A missing ledger is made from the backup; a ledger that is not a
 * database any more is moved aside, not lost. */
static void
test_restore_missing_or_damaged (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(RdBackupInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *kept_text = NULL;

  info = rd_store_backup_now (f->store, NULL, RD_BACKUP_REASON_MANUAL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&f->store);

  g_assert_cmpint (g_unlink (f->path), ==, 0);
  g_assert_true (rd_store_backup_restore (info->path, f->path, &kept, &error));
  g_assert_no_error (error);
  g_assert_null (kept);
  assert_ledger_verifies (f->path, 3);

  g_assert_true (g_file_set_contents (f->path, "not a ledger at all, damaged", -1, NULL));
  g_assert_true (rd_store_backup_restore (info->path, f->path, &kept, &error));
  g_assert_no_error (error);
  g_assert_nonnull (kept);
  g_assert_true (g_file_get_contents (kept, &kept_text, NULL, NULL));
  g_assert_cmpstr (kept_text, ==, "not a ledger at all, damaged");
  assert_ledger_verifies (f->path, 3);
}

/* A backup whose audit log was edited is not put in place, and the ledger
 * is left untouched. */
static void
test_restore_refuses_bad_backup (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(RdBackupInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  RdTestFingerprint before = { 0 };
  sqlite3 *db;

  info = rd_store_backup_now (f->store, NULL, RD_BACKUP_REASON_MANUAL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&f->store);

  db = rd_test_raw_open (info->path);
  rd_test_raw_exec (db, "UPDATE audit_log SET new_value = '1' WHERE id = 2");
  sqlite3_close (db);

  rd_test_fingerprint (f->path, &before);
  g_assert_false (rd_store_backup_restore (info->path, f->path, NULL, &error));
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "Audit entry 2 "));
  rd_test_assert_unchanged (f->path, &before);
  rd_test_fingerprint_clear (&before);
  g_assert_cmpuint (count_files (f->folder, ".db"), ==, 1);
}

static void
test_daily_once (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(RdBackupInfo) first = NULL;
  g_autoptr(RdBackupInfo) again = NULL;
  g_autoptr(RdBackupInfo) next_day = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (rd_store_backup_daily (f->store, f->folder, 30, NOW, &first, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (first);
  g_assert_true (g_str_has_suffix (first->path, "shop-20261206-100000.db"));
  g_assert_cmpint (first->reason, ==, RD_BACKUP_REASON_DAILY);

  /* Later the same day: nothing. */
  g_assert_true (rd_store_backup_daily (f->store, f->folder, 30, NOW + 13 * 60 * 60, &again, NULL, &error));
  g_assert_null (again);
  g_assert_cmpuint (count_files (f->folder, ".db"), ==, 1);

  /* After midnight: the next one. */
  g_assert_true (rd_store_backup_daily (f->store, f->folder, 30, NOW + 14 * 60 * 60 + 1, &next_day, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (next_day);
  g_assert_true (g_str_has_suffix (next_day->path, "shop-20261207-000001.db"));
  g_assert_cmpuint (count_files (f->folder, ".db"), ==, 2);
  g_assert_cmpuint (count_files (f->folder, ".ini"), ==, 2);
}

/* A ledger with nothing in it gets no daily copy. */
static void
test_daily_empty (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "empty.db", NULL);
  g_autoptr(RdStore) store = NULL;
  g_autoptr(RdBackupInfo) made = NULL;
  g_autoptr(GError) error = NULL;

  store = rd_store_open (path, RD_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (rd_store_backup_daily (store, NULL, 30, NOW, &made, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (made);
  g_clear_object (&store);
  rd_test_remove_tree (dir);
}

static const struct
{
  guint keep_days;
  guint n_left;    /* of backups made 45, 20 and 0 days ago */
} prune_cases[] = {
  { 30, 2 },
  { 10, 1 },
  { 60, 3 },
  { 0, 3 },        /* keep all */
};

static void
test_prune (Fixture       *f,
            gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (prune_cases); i++)
    {
      g_autofree char *folder = g_strdup_printf ("%s/case-%u", f->dir, i);
      g_autoptr(GPtrArray) list = NULL;
      g_autoptr(GError) error = NULL;
      const gint64 ages[] = { 45, 20, 0 };

      for (guint a = 0; a < G_N_ELEMENTS (ages); a++)
        {
          g_autoptr(RdBackupInfo) made = NULL;

          g_assert_true (rd_store_backup_daily (f->store, folder, prune_cases[i].keep_days,
                                                NOW - ages[a] * DAY, &made, NULL, &error));
          g_assert_no_error (error);
          g_assert_nonnull (made);
        }

      /* A file of another ledger in the same folder is never touched. */
      {
        g_autofree char *other = g_build_filename (folder, "other-20200101-000000.db", NULL);

        g_assert_true (g_file_set_contents (other, "x", 1, NULL));
      }

      list = rd_store_backup_list (f->path, folder, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (list->len, ==, prune_cases[i].n_left);
      g_assert_cmpuint (count_files (folder, ".ini"), ==, prune_cases[i].n_left);
      g_assert_cmpuint (count_files (folder, ".db"), ==, prune_cases[i].n_left + 1);
      /* Newest first. */
      g_assert_cmpint (((RdBackupInfo *) g_ptr_array_index (list, 0))->at, ==, NOW);
    }
}

/* A copy whose check fails (here: the ledger's audit log was edited behind
 * the app's back, so its copy does not verify) is deleted, and said so. */
static void
test_failed_check_removed (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(RdBackupInfo) info = NULL;
  g_autoptr(RdBackupInfo) daily = NULL;
  g_autoptr(GError) error = NULL;

  rd_test_raw_exec (rd_store_get_db (f->store), "UPDATE audit_log SET new_value = '99' WHERE id = 1");

  info = rd_store_backup_now (f->store, f->folder, RD_BACKUP_REASON_MANUAL, NULL, NULL, NULL, &error);
  g_assert_null (info);
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "failed its check and was deleted"));
  g_assert_nonnull (strstr (error->message, "Audit entry 1 "));
  g_assert_cmpuint (count_files (f->folder, ".db"), ==, 0);
  g_assert_cmpuint (count_files (f->folder, ".ini"), ==, 0);
  g_clear_error (&error);

  g_assert_false (rd_store_backup_daily (f->store, f->folder, 30, NOW, &daily, NULL, &error));
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_CORRUPT);
  g_assert_cmpuint (count_files (f->folder, ".db"), ==, 0);
}

/* The backup before an import is checked lightly (it opens, has the
 * snapshot's pages, audit head and case count) but is the same full copy:
 * the audit chain of the copy verifies, its record holds the head. A
 * damage inside the ledger the light check does not read is copied as it
 * is, and found by the full check of that copy. */
static void
test_import_backup (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(RdBackupInfo) info = NULL;
  g_autoptr(RdBackupInfo) damaged = NULL;
  g_autoptr(GError) error = NULL;

  info = rd_store_backup_now (f->store, f->folder, RD_BACKUP_REASON_IMPORT, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (info->reason, ==, RD_BACKUP_REASON_IMPORT);
  g_assert_cmpint (info->n_cases, ==, 3);
  g_assert_cmpint (info->audit_last_id, ==, rd_test_raw_int (rd_store_get_db (f->store), "SELECT last_id FROM audit_head"));
  g_assert_cmpint (info->audit_entries, ==, rd_test_raw_int (rd_store_get_db (f->store), "SELECT count(*) FROM audit_log"));
  g_assert_cmpuint (strlen (info->audit_last_hash), ==, 64);
  g_assert_true (g_file_test (info->record_path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (rd_store_backup_check (info->path, NULL, &error));
  g_assert_no_error (error);
  assert_ledger_verifies (info->path, 3);

  rd_test_raw_exec (rd_store_get_db (f->store), "UPDATE audit_log SET new_value = '99' WHERE id = 1");
  damaged = rd_store_backup_now (f->store, f->folder, RD_BACKUP_REASON_IMPORT, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (rd_store_backup_check (damaged->path, NULL, &error));
  g_assert_error (error, RD_AUDIT_ERROR, RD_AUDIT_ERROR_TAMPERED);
}

typedef struct
{
  GMainLoop    *loop;
  RdBackupInfo *info;
  GError       *error;
  double        last_fraction;
  guint         n_progress;
} AsyncResult;

static void
on_progress (double   fraction,
             gpointer user_data)
{
  AsyncResult *r = user_data;

  g_assert_true (fraction >= r->last_fraction);
  r->last_fraction = fraction;
  r->n_progress++;
}

static void
on_backup_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  AsyncResult *r = user_data;

  r->info = rd_store_backup_finish (result, &r->error);
  g_main_loop_quit (r->loop);
}

/* On a worker with its own connection, while the ledger stays usable. */
static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  AsyncResult r = { 0 };

  r.loop = g_main_loop_new (NULL, FALSE);
  rd_store_backup_async (f->path, f->folder, RD_BACKUP_REASON_MANUAL, 30, on_progress, &r,
                         NULL, on_backup_done, &r);
  add_case (f->store, "RF-2026-000004", 9900);
  g_main_loop_run (r.loop);

  g_assert_no_error (r.error);
  g_assert_nonnull (r.info);
  g_assert_cmpuint (r.n_progress, >=, 1);
  g_assert_cmpfloat (r.last_fraction, ==, 1.0);
  g_assert_true (r.info->n_cases == 3 || r.info->n_cases == 4);
  /* One snapshot: the head and the creations are those of its cases. */
  {
    sqlite3 *db = rd_test_raw_open (r.info->path);

    g_assert_cmpint (r.info->audit_last_id, ==, rd_test_raw_int (db, "SELECT last_id FROM audit_head"));
    g_assert_cmpint (rd_test_raw_int (db, "SELECT count (DISTINCT old_value) FROM audit_log WHERE action = 'row' AND field = 'cases'"), ==, r.info->n_cases);
    sqlite3_close (db);
  }
  assert_ledger_verifies (r.info->path, r.info->n_cases);

  rd_backup_info_free (r.info);
  g_main_loop_unref (r.loop);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/rd/backup/round-trip", test_round_trip);
  ADD ("/rd/backup/restore-missing-or-damaged", test_restore_missing_or_damaged);
  ADD ("/rd/backup/restore-refuses-bad-backup", test_restore_refuses_bad_backup);
  ADD ("/rd/backup/daily-once", test_daily_once);
  ADD ("/rd/backup/prune", test_prune);
  ADD ("/rd/backup/failed-check-removed", test_failed_check_removed);
  ADD ("/rd/backup/import-backup", test_import_backup);
  ADD ("/rd/backup/async", test_async);
#undef ADD
  g_test_add_func ("/rd/backup/daily-empty", test_daily_empty);

  return g_test_run ();
}
