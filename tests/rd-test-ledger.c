/* rd-test-ledger.c
 *
 * Helpers for the tests that need a ledger file; see rd-test-ledger.h.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sodium.h>

#include "rd-test-ledger.h"

char *
rd_test_make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir;

  dir = g_dir_make_tmp ("refund-desk-test-XXXXXX", &error);
  g_assert_no_error (error);

  return dir;
}

void
rd_test_remove_tree (const char *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return;

  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = NULL;
      const char *name;

      g_chmod (path, 0700);
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          rd_test_remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    {
      g_unlink (path);
    }
}

sqlite3 *
rd_test_raw_open (const char *path)
{
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  g_assert_cmpint (rc, ==, SQLITE_OK);

  return db;
}

void
rd_test_raw_exec (sqlite3    *db,
                  const char *sql)
{
  char *message = NULL;
  int rc;

  rc = sqlite3_exec (db, sql, NULL, NULL, &message);
  if (rc != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

gint64
rd_test_raw_int (sqlite3    *db,
                 const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

void
rd_test_build_from_fixture (const char *path,
                            const char *fixture_name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *fixture = NULL;
  g_autofree char *sql = NULL;
  sqlite3 *db;

  fixture = g_test_build_filename (G_TEST_DIST, "fixtures", fixture_name, NULL);
  g_file_get_contents (fixture, &sql, NULL, &error);
  g_assert_no_error (error);

  db = rd_test_raw_open (path);
  rd_test_raw_exec (db, sql);
  sqlite3_close (db);
}

void
rd_test_insert_case (sqlite3    *db,
                     const char *case_no,
                     const char *reason,
                     gint64      amount_paid,
                     gint64      requested_at)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db,
                           "INSERT INTO cases (case_no, channel, order_no, kind, reason,"
                           " payment_method, amount_paid, status, requested_at, created_at)"
                           " VALUES (?1, 'taobao', ?1, 'refund_only', ?2, 'alipay', ?3,"
                           " 'requested', ?4, ?4)",
                           -1, &stmt, NULL);
  g_assert_cmpint (rc, ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, case_no, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, amount_paid);
  sqlite3_bind_int64 (stmt, 4, requested_at);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    g_error ("inserting %s: %s", case_no, sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
}

void
rd_test_fingerprint (const char        *path,
                     RdTestFingerprint *out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  out->sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  out->size = st.st_size;
  out->mtime_ns = (gint64) st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st.st_mtim.tv_nsec;
}

void
rd_test_fingerprint_clear (RdTestFingerprint *fingerprint)
{
  g_clear_pointer (&fingerprint->sha256, g_free);
}

void
rd_test_assert_unchanged (const char        *path,
                          RdTestFingerprint *before)
{
  RdTestFingerprint after = { 0 };

  rd_test_fingerprint (path, &after);
  g_assert_cmpstr (after.sha256, ==, before->sha256);
  g_assert_cmpint (after.size, ==, before->size);
  g_assert_cmpint (after.mtime_ns, ==, before->mtime_ns);
  rd_test_fingerprint_clear (&after);
}

static const char *
test_pin_hash (void)
{
  static char hash[crypto_pwhash_STRBYTES];
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      g_assert_cmpint (sodium_init (), >=, 0);
      g_assert_cmpint (crypto_pwhash_str (hash, RD_TEST_PIN, strlen (RD_TEST_PIN),
                                          crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                          crypto_pwhash_MEMLIMIT_INTERACTIVE), ==, 0);
      g_once_init_leave (&done, 1);
    }
  return hash;
}

void
rd_test_add_operator (RdStore    *store,
                      const char *name,
                      RdRole      role)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_autoptr(GError) error = NULL;

  stmt = rd_store_prepare (store, "INSERT OR REPLACE INTO operators (name, role, pin_hash, created_at, updated_at)"
                                  " VALUES (?1, ?2, ?3, 0, 0)", &error);
  g_assert_no_error (error);
  g_assert_nonnull (stmt);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, rd_role_to_id (role), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, test_pin_hash (), -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
}

void
rd_test_add_operators (RdStore *store)
{
  static const struct { const char *name; RdRole role; } people[] = {
    { "店长", RD_ROLE_ADMIN },
    { "小王", RD_ROLE_CLERK },
    { "李娜", RD_ROLE_CLERK },
    { "阿珍", RD_ROLE_CLERK },
    { "小美", RD_ROLE_APPROVER },
    { "老张", RD_ROLE_WAREHOUSE },
    { "会计", RD_ROLE_ACCOUNTANT },
    /* The names the tests wrote with before operators had roles. */
    { "tester", RD_ROLE_ADMIN }, { "alice", RD_ROLE_ADMIN }, { "bob", RD_ROLE_ADMIN },
    { "carol", RD_ROLE_ADMIN }, { "dave", RD_ROLE_ADMIN }, { "a", RD_ROLE_ADMIN },
    { "Li Na", RD_ROLE_ADMIN }, { "Lin", RD_ROLE_ADMIN }, { "Wang", RD_ROLE_ADMIN },
    { "Wang Wei", RD_ROLE_ADMIN }, { "老李", RD_ROLE_ADMIN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    rd_test_add_operator (store, people[i].name, people[i].role);
}
