/* rd-test-ledger.h
 *
 * What the store tests and the command-line tests share: a scratch folder,
 * ledgers built from tests/fixtures, cases inserted with plain SQL, and a
 * fingerprint of a file to prove it was not touched.
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "rd-operators.h"
#include "rd-store.h"

G_BEGIN_DECLS

typedef struct
{
  char   *sha256;
  gint64  size;
  gint64  mtime_ns;
} RdTestFingerprint;

/* A new folder under the system's temporary folder. */
char    *rd_test_make_tmp_dir         (void);
/* Removes a folder and everything in it (restoring write permission first). */
void     rd_test_remove_tree          (const char         *path);

/* Builds `path` from tests/fixtures/<name> with the sqlite3 library. */
void     rd_test_build_from_fixture   (const char         *path,
                                       const char         *fixture_name);

/* Opens `path` with the plain sqlite3 library, not the store. */
sqlite3 *rd_test_raw_open             (const char         *path);
void     rd_test_raw_exec             (sqlite3            *db,
                                       const char         *sql);
gint64   rd_test_raw_int              (sqlite3            *db,
                                       const char         *sql);

/* Inserts one case; times are Unix seconds. */
void     rd_test_insert_case          (sqlite3            *db,
                                       const char         *case_no,
                                       const char         *reason,
                                       gint64              amount_paid,
                                       gint64              requested_at);

/* The PIN of every operator rd_test_add_operators adds. */
#define RD_TEST_PIN "2468"

/* The shop's people of the tests, each with the PIN RD_TEST_PIN (one
 * Argon2id hash computed once per process and written with SQL, so that a
 * test does not spend a tenth of a second per operator): 店长 admin,
 * 小王, 李娜 and 阿珍 clerks, 小美 approver, 老张 warehouse, 会计
 * accountant, and the names the older tests write with, as admins. */
void     rd_test_add_operators        (RdStore            *store);
/* One more operator with RD_TEST_PIN. */
void     rd_test_add_operator         (RdStore            *store,
                                       const char         *name,
                                       RdRole              role);

void     rd_test_fingerprint          (const char         *path,
                                       RdTestFingerprint  *out);
void     rd_test_fingerprint_clear    (RdTestFingerprint  *fingerprint);
/* Fails the test unless `path` is byte-identical to `before`, same size
 * and same modification time. */
void     rd_test_assert_unchanged     (const char         *path,
                                       RdTestFingerprint  *before);

G_END_DECLS
