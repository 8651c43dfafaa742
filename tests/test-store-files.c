/* test-store-files.c
 *
 * The ledger as files: a process killed while creating a new ledger leaves
 * either nothing at its path or a whole ledger that opens and passes the
 * integrity check; a hot journal left by a killed writer is undone on the
 * next open (or named for what it is); the copy made before a migration is
 * made only of a ledger that has data.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rd-store.h"
#include "rd-test-ledger.h"

#define N_KILLS 60

static guint
count_with_infix (const char *dir,
                  const char *infix)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (d)) != NULL)
    n += strstr (name, infix) != NULL;
  return n;
}

static pid_t
fork_creator (const char *path)
{
  pid_t pid = fork ();

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      RdStore *store = rd_store_open (path, RD_STORE_OPEN_DEFAULT, NULL);

      _exit (store != NULL ? 0 : 1);
    }
  return pid;
}

/* Kills a child creating a new ledger at random moments (fixed seed)
 * across the whole creation. */
static void
test_kill_while_creating (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  gint64 started, creation_us;
  guint n_nothing = 0, n_whole = 0;
  int status;

  /* How long a whole creation takes here, to spread the kills over it. */
  {
    g_autofree char *path = g_build_filename (dir, "timing.db", NULL);

    started = g_get_monotonic_time ();
    g_assert_cmpint (waitpid (fork_creator (path), &status, 0), >, 0);
    creation_us = g_get_monotonic_time () - started;
    g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
    g_test_message ("a new ledger takes %.1f ms (in a child process)", creation_us / 1000.0);
  }

  for (guint i = 0; i < N_KILLS; i++)
    {
      g_autofree char *name = g_strdup_printf ("ledger-%02u.db", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(RdStore) store = NULL;
      g_autoptr(GError) error = NULL;
      pid_t pid;

      pid = fork_creator (path);
      g_usleep (g_rand_int_range (rand, 0, (gint32) MIN (creation_us * 6 / 5, G_MAXINT32)));
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          n_nothing++;
          continue;
        }

      n_whole++;
      store = rd_store_open (path, RD_STORE_OPEN_EXISTING | RD_STORE_OPEN_READ_ONLY, &error);
      g_assert_no_error (error);
      g_assert_cmpint (rd_store_get_schema_version (store), ==, rd_store_get_latest_version ());
      g_assert_true (rd_store_check_integrity (store, &error));
      g_assert_no_error (error);
      g_assert_cmpint (rd_store_count_cases (store, &error), ==, 0);
      g_clear_object (&store);

      /* And it is used as it is: no migration, no copy. */
      store = rd_store_open (path, RD_STORE_OPEN_EXISTING, &error);
      g_assert_no_error (error);
      g_assert_null (rd_store_get_backup_path (store));
    }

  g_test_message ("%u kills: %u left nothing, %u a whole ledger", N_KILLS, n_nothing, n_whole);
  g_assert_cmpuint (n_nothing + n_whole, ==, N_KILLS);
  /* The kills did land inside the creation. */
  g_assert_cmpuint (n_nothing, >, 0);
  g_assert_cmpuint (count_with_infix (dir, ".backup-"), ==, 0);

  /* Every name is free again for a new ledger, built whole. */
  for (guint i = 0; i < N_KILLS; i++)
    {
      g_autofree char *name = g_strdup_printf ("ledger-%02u.db", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(RdStore) store = rd_store_open (path, RD_STORE_OPEN_DEFAULT, &error);

      g_assert_no_error (error);
      g_assert_cmpint (rd_store_get_schema_version (store), ==, rd_store_get_latest_version ());
    }

  rd_test_remove_tree (dir);
}

/* A writer killed in the middle of a change in rollback-journal mode: the
 * next reader gets the ledger as it was before that change. In a folder it
 * may not write, the message says what happened, not "read-only". */
static void
test_hot_journal (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "ledger.db", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autoptr(RdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;
  pid_t pid;
  int status;

  store = rd_store_open (path, RD_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *case_no = g_strdup_printf ("RF-2026-%06u", i + 1);
      rd_test_insert_case (rd_store_get_db (store), case_no, "商品破损", 1000 + i, 1767225600 + i);
    }
  g_clear_object (&store);

  db = rd_test_raw_open (path);
  rd_test_raw_exec (db, "PRAGMA journal_mode = DELETE");
  sqlite3_close (db);

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      db = rd_test_raw_open (path);
      rd_test_raw_exec (db, "PRAGMA cache_size = 2");
      rd_test_raw_exec (db, "BEGIN IMMEDIATE");
      rd_test_raw_exec (db, "UPDATE cases SET amount_paid = 1, notes = hex (randomblob (3000))");
      _exit (0);   /* no COMMIT, no ROLLBACK, no close */
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (g_file_test (journal, G_FILE_TEST_EXISTS));

  /* Cannot write the folder: told what it is. */
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
  store = rd_store_open (path, RD_STORE_OPEN_EXISTING | RD_STORE_OPEN_READ_ONLY, &error);
  g_assert_null (store);
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "was being changed when a program stopped"));
  g_clear_error (&error);
  g_assert_cmpint (g_chmod (dir, 0700), ==, 0);

  /* Can: undone, and read as it was. */
  store = rd_store_open (path, RD_STORE_OPEN_EXISTING | RD_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  g_assert_true (rd_store_check_integrity (store, &error));
  g_assert_cmpint (rd_store_count_cases (store, &error), ==, 200);
  db = rd_test_raw_open (path);
  g_assert_cmpint (rd_test_raw_int (db, "SELECT count (*) FROM cases WHERE amount_paid = 1"), ==, 0);
  sqlite3_close (db);

  g_clear_object (&store);
  rd_test_remove_tree (dir);
}

/* A ledger with no case and no audit entry (an older build's creation cut
 * short) is migrated without a copy; one with cases is copied first. */
static void
test_backup_only_with_data (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *empty = g_build_filename (dir, "empty.db", NULL);
  g_autofree char *full = g_build_filename (dir, "full.db", NULL);
  g_autoptr(RdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  rd_test_build_from_fixture (empty, "ledger-v1.sql");
  db = rd_test_raw_open (empty);
  rd_test_raw_exec (db, "DELETE FROM cases");
  sqlite3_close (db);
  rd_test_build_from_fixture (full, "ledger-v1.sql");

  for (guint i = 0; i < 2; i++)
    {
      store = rd_store_open (empty, RD_STORE_OPEN_EXISTING, &error);
      g_assert_no_error (error);
      g_assert_null (rd_store_get_backup_path (store));
      g_clear_object (&store);
    }
  g_assert_cmpuint (count_with_infix (dir, "empty.db.backup-"), ==, 0);

  store = rd_store_open (full, RD_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rd_store_get_backup_path (store));
  g_assert_cmpuint (count_with_infix (dir, "full.db.backup-"), ==, 1);
  g_clear_object (&store);

  rd_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rd/store-files/kill-while-creating", test_kill_while_creating);
  g_test_add_func ("/rd/store-files/hot-journal", test_hot_journal);
  g_test_add_func ("/rd/store-files/backup-only-with-data", test_backup_only_with_data);

  return g_test_run ();
}
