/* test-policy-store.c
 *
 * The shop's policy kept in the ledger: only an admin changes it (the core
 * refuses a clerk, an approver, the warehouse and the accountant, and
 * nothing changes), each change audited and seen by another connection to
 * the file; out-of-range values refused; a ledger from before gets the
 * desk's settings once, never again and never when read-only.
 */
#include "config.h"

#include <gio/gio.h>

#include "rd-audit.h"
#include "rd-operators.h"
#include "rd-policy.h"
#include "rd-test-ledger.h"

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

static gint64
count_audit (RdStore    *store,
             const char *action)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = rd_store_prepare (store, "SELECT count(*) FROM audit_log WHERE action = ?1", NULL);
  g_assert_nonnull (stmt);
  sqlite3_bind_text (stmt, 1, action, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static RdAuditEntry *
last_audit (RdStore *store)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 id;

  stmt = rd_store_prepare (store, "SELECT max (id) FROM audit_log", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  id = sqlite3_column_int64 (stmt, 0);
  return rd_audit_get (store, id, NULL);
}

/* Everyone but an admin is refused by the core, whatever the key. */
static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  static const struct
  {
    const char *key;
    const char *value;
  } changes[] = {
    { "high-ticket-threshold", "9999999" },
    { "review-threshold", "0" },
    { "return-shipping-cap", "100000" },
    { "refund-window-days", "365" },
    { "return-ship-days", "30" },
    { "stall-nudge-hours", "700" },
    { "lock-after-minutes", "0" },
    { "remote-provinces", "海南" },
    { "channel-hours", "taobao=720" },
  };
  static const char *people[] = { "小王", "小美", "老张", "会计", "nobody", "" };

  for (guint p = 0; p < G_N_ELEMENTS (people); p++)
    for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
      {
        g_autoptr(GError) error = NULL;
        g_auto(RdPolicy) policy = { 0, };
        g_auto(RdPolicy) defaults = { 0, };
        g_autofree char *now = NULL;
        g_autofree char *before = NULL;
        int code;

        rd_policy_init_defaults (&defaults);
        before = rd_policy_get_text (&defaults, changes[i].key);

        g_assert_false (rd_policy_set (f->store, people[p], changes[i].key, changes[i].value, &error));
        /* A name that is no operator: NOT_FOUND; nobody signed in: NOT_ALLOWED. */
        code = p == 4 ? RD_OPERATORS_ERROR_NOT_FOUND : RD_OPERATORS_ERROR_NOT_ALLOWED;
        g_assert_error (error, RD_OPERATORS_ERROR, code);

        rd_policy_load_from_store (&policy, f->store);
        now = rd_policy_get_text (&policy, changes[i].key);
        g_assert_cmpstr (now, ==, before);
      }

  g_assert_false (rd_policy_store_has_policy (f->store, NULL));
  g_assert_cmpint (count_audit (f->store, "set_policy"), ==, 0);
}

/* An admin's change: audited (who, key, old → new), seen by another
 * connection to the same file. */
static void
test_admin (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) other = NULL;
  g_autoptr(RdAuditEntry) entry = NULL;
  g_auto(RdPolicy) policy = { 0, };
  gint64 n_entries = 0;
  gint64 first_bad = 0;

  g_assert_true (rd_policy_set_number (f->store, "店长", "review-threshold", 50000, &error));
  g_assert_no_error (error);

  entry = last_audit (f->store);
  g_assert_cmpstr (entry->operator, ==, "店长");
  g_assert_cmpstr (entry->action, ==, "set_policy");
  g_assert_cmpstr (entry->field, ==, "review-threshold");
  g_assert_cmpstr (entry->old_value, ==, "100000");
  g_assert_cmpstr (entry->new_value, ==, "50000");
  g_assert_cmpint (entry->case_id, ==, 0);

  /* The same value again: nothing to record. */
  g_assert_true (rd_policy_set (f->store, "店长", "review-threshold", " 50000 ", &error));
  g_assert_cmpint (count_audit (f->store, "set_policy"), ==, 1);

  g_assert_true (rd_policy_set (f->store, "店长", "remote-provinces", "新疆\n西藏\n\n海南\n西藏", &error));
  g_assert_true (rd_policy_set (f->store, "店长", "channel-hours", "taobao=24\njd=12", &error));
  g_assert_true (rd_policy_set_number (f->store, "店长", "lock-after-minutes", 3, &error));
  g_assert_no_error (error);

  other = rd_store_open (f->path, RD_STORE_OPEN_EXISTING | RD_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  rd_policy_load_from_store (&policy, other);
  g_assert_cmpint (policy.review_threshold, ==, 50000);
  g_assert_cmpint (policy.high_ticket_threshold, ==, 20000);
  g_assert_cmpuint (policy.lock_after_minutes, ==, 3);
  g_assert_cmpuint (g_strv_length (policy.remote_provinces), ==, 3);
  g_assert_true (rd_policy_is_remote_province (&policy, "海南省"));
  g_assert_cmpuint (rd_policy_get_auto_refund_hours (&policy, "taobao"), ==, 24);
  g_assert_cmpuint (rd_policy_get_auto_refund_hours (&policy, "jd"), ==, 12);
  g_assert_true (rd_policy_needs_review (&policy, 50000));

  g_assert_true (rd_audit_verify (f->store, &n_entries, &first_bad, &error));
  g_assert_no_error (error);
}

/* Values outside the schema's range, or not values at all, are refused. */
static void
test_invalid (Fixture       *f,
              gconstpointer  data)
{
  static const struct
  {
    const char *key;
    const char *value;
  } bad[] = {
    { "high-ticket-threshold", "-1" },
    { "high-ticket-threshold", "two hundred" },
    { "high-ticket-threshold", "" },
    { "return-ship-days", "0" },
    { "lock-after-minutes", "481" },
    { "stall-lost-hours", "721" },
    { "channel-hours", "taobao" },
    { "channel-hours", "taobao=0" },
    { "channel-hours", "=24" },
    { "channel-hours", "taobao=24\ntaobao=48" },
    { "no-such-key", "1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (rd_policy_set (f->store, "店长", bad[i].key, bad[i].value, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    }

  g_assert_false (rd_policy_store_has_policy (f->store, NULL));
}

/* A ledger from before: the desk's settings, copied once and audited; a
 * later change of the settings is not copied again. */
static void
test_copy_once (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) read_only = NULL;
  g_auto(RdPolicy) policy = { 0, };
  g_auto(RdPolicy) again = { 0, };
  const char *provinces[] = { "西藏", NULL };

  g_settings_set_int64 (settings, "high-ticket-threshold", 77700);
  g_settings_set_uint (settings, "lock-after-minutes", 0);
  g_settings_set_strv (settings, "remote-provinces", provinces);

  /* Read-only: left alone. */
  read_only = rd_store_open (f->path, RD_STORE_OPEN_EXISTING | RD_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (rd_policy_copy_from_settings (read_only, settings, &error));
  g_assert_false (rd_policy_store_has_policy (f->store, NULL));

  g_assert_true (rd_policy_copy_from_settings (f->store, settings, &error));
  g_assert_no_error (error);
  g_assert_true (rd_policy_store_has_policy (f->store, NULL));
  g_assert_cmpint (count_audit (f->store, "copy_policy"), ==, 1);

  rd_policy_load_from_store (&policy, f->store);
  g_assert_cmpint (policy.high_ticket_threshold, ==, 77700);
  g_assert_cmpuint (policy.lock_after_minutes, ==, 0);
  g_assert_cmpuint (g_strv_length (policy.remote_provinces), ==, 1);
  g_assert_cmpint (policy.review_threshold, ==, 100000);
  g_assert_cmpuint (rd_policy_get_auto_refund_hours (&policy, "jd"), ==, 24);

  /* Once: the settings no longer matter. */
  g_settings_set_int64 (settings, "high-ticket-threshold", 100);
  g_assert_true (rd_policy_copy_from_settings (f->store, settings, &error));
  g_assert_cmpint (count_audit (f->store, "copy_policy"), ==, 1);
  rd_policy_load_from_store (&again, f->store);
  g_assert_cmpint (again.high_ticket_threshold, ==, 77700);

  g_settings_reset (settings, "high-ticket-threshold");
  g_settings_reset (settings, "lock-after-minutes");
  g_settings_reset (settings, "remote-provinces");
}

/* No ledger, or a ledger with no policy: the defaults. */
static void
test_defaults (Fixture       *f,
               gconstpointer  data)
{
  g_auto(RdPolicy) defaults = { 0, };
  g_auto(RdPolicy) none = { 0, };
  g_auto(RdPolicy) empty = { 0, };
  const char *keys[] = { "high-ticket-threshold", "review-threshold", "return-shipping-cap",
                         "refund-window-days", "return-ship-days", "stall-nudge-hours",
                         "stall-lost-hours", "stall-remote-hours", "lock-after-minutes",
                         "remote-provinces", "channel-hours" };

  rd_policy_init_defaults (&defaults);
  rd_policy_load_from_store (&none, NULL);
  rd_policy_load_from_store (&empty, f->store);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *a = rd_policy_get_text (&defaults, keys[i]);
      g_autofree char *b = rd_policy_get_text (&none, keys[i]);
      g_autofree char *c = rd_policy_get_text (&empty, keys[i]);

      g_assert_nonnull (a);
      g_assert_cmpstr (a, ==, b);
      g_assert_cmpstr (a, ==, c);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/rd/policy-store/refused", Fixture, NULL, fixture_set_up, test_refused, fixture_tear_down);
  g_test_add ("/rd/policy-store/admin", Fixture, NULL, fixture_set_up, test_admin, fixture_tear_down);
  g_test_add ("/rd/policy-store/invalid", Fixture, NULL, fixture_set_up, test_invalid, fixture_tear_down);
  g_test_add ("/rd/policy-store/copy-once", Fixture, NULL, fixture_set_up, test_copy_once, fixture_tear_down);
  g_test_add ("/rd/policy-store/defaults", Fixture, NULL, fixture_set_up, test_defaults, fixture_tear_down);

  return g_test_run ();
}
