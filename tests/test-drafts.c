/* test-drafts.c — the intake form's draft survives a crash. */
#include "config.h"

#include <locale.h>

#include "rd-case-drafts.h"
#include "rd-case-stored-json.h"
#include "rd-test-ledger.h"

static void
test_save_load_discard (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "ledger.db", NULL);
  g_autoptr(GError) error = NULL;
  RdStore *store;
  char *json;
  gint64 updated_at = 0;

  store = rd_store_open (path, RD_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  json = rd_drafts_load (store, "intake", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (json);

  g_assert_true (rd_drafts_save (store, "intake", "{\"order_no\":\"40\"}", &error));
  g_assert_true (rd_drafts_save (store, "intake", "{\"order_no\":\"4012\",\"buyer\":\"王\"}", &error));
  g_assert_true (rd_drafts_save (store, "calculator", "{\"lines\":[]}", &error));
  g_assert_no_error (error);

  /* "Crash": the store goes away without any goodbye, a new one opens. */
  g_object_unref (store);
  store = rd_store_open (path, RD_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);

  json = rd_drafts_load (store, "intake", &updated_at, &error);
  g_assert_cmpstr (json, ==, "{\"order_no\":\"4012\",\"buyer\":\"王\"}");
  g_assert_cmpint (updated_at, >, 1700000000);
  g_free (json);

  /* Not JSON: refused, the saved draft kept. */
  g_assert_false (rd_drafts_save (store, "intake", "{\"order_no\":", &error));
  g_assert_error (error, RD_DRAFTS_ERROR, RD_DRAFTS_ERROR_INVALID_JSON);
  g_clear_error (&error);
  json = rd_drafts_load (store, "intake", NULL, &error);
  g_assert_cmpstr (json, ==, "{\"order_no\":\"4012\",\"buyer\":\"王\"}");
  g_free (json);

  g_assert_true (rd_drafts_discard (store, "intake", &error));
  g_assert_true (rd_drafts_discard (store, "intake", &error));
  json = rd_drafts_load (store, "intake", NULL, &error);
  g_assert_null (json);
  json = rd_drafts_load (store, "calculator", NULL, &error);
  g_assert_cmpstr (json, ==, "{\"lines\":[]}");
  g_free (json);

  g_object_unref (store);
  rd_test_remove_tree (dir);
}

/* What the form writes reads back the same, key by key. */
static void
test_draft_values (void)
{
  g_autoptr(RdDraft) draft = rd_draft_new ();
  g_autoptr(RdDraft) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;

  rd_draft_set_string (draft, "order_no", "4012");
  rd_draft_set_string (draft, "buyer_name", "王小明");
  rd_draft_set_boolean (draft, "shipped_offline", TRUE);
  rd_draft_set_int (draft, "evidence", 5);
  json = rd_draft_to_json (draft);
  g_assert_cmpstr (json, ==, "{\"order_no\":\"4012\",\"buyer_name\":\"王小明\","
                             "\"shipped_offline\":true,\"evidence\":5}");

  read = rd_draft_new_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rd_draft_get_string (read, "buyer_name", NULL), ==, "王小明");
  g_assert_true (rd_draft_get_boolean (read, "shipped_offline", FALSE));
  g_assert_cmpint (rd_draft_get_int (read, "evidence", 0), ==, 5);
  /* Missing or of another kind: the default. */
  g_assert_false (rd_draft_has_member (read, "notes"));
  g_assert_cmpstr (rd_draft_get_string (read, "notes", ""), ==, "");
  g_assert_cmpstr (rd_draft_get_string (read, "evidence", "x"), ==, "x");
  g_assert_cmpint (rd_draft_get_int (read, "order_no", -1), ==, -1);
}

/* A draft written behind the app's back is refused whole, named by
 * `check`'s reader, and set aside into a file beside the ledger. */
static void
test_hostile (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "ledger.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *contents = NULL;
  static const struct { const char *json, *message; } bad[] = {
    { NULL, "The unsaved form “intake” cannot be read: Not valid JSON: nested more than 64 levels deep" },
    { "{\"amount\":\"33.33\\u00001\"}",
      "The unsaved form “intake” cannot be read: Not valid JSON: the text of “amount” contains a NUL character" },
    { "{\"amount\":\"1\",\"amount\":\"9999\"}",
      "The unsaved form “intake” cannot be read: Not valid JSON: the key “amount” appears more than once" },
    { "[1,2]", "The unsaved form “intake” cannot be read: A draft must be a JSON object { … }" },
    { "{\"order_no\":", "The unsaved form “intake” cannot be read: Not valid JSON: " },
  };
  RdStore *store;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');

  store = rd_store_open (path, RD_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      const char *json = bad[i].json != NULL ? bad[i].json : deep->str;
      g_autoptr(RdDraft) draft = NULL;
      sqlite3 *db = rd_test_raw_open (path);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT OR REPLACE INTO drafts (form, json, updated_at)"
                                               " VALUES ('intake', ?1, 1)", -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, json, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_finalize (stmt);
      sqlite3_close (db);

      /* The app refuses to save such a text too. */
      g_assert_false (rd_drafts_save (store, "other", json, &error));
      g_assert_error (error, RD_DRAFTS_ERROR, RD_DRAFTS_ERROR_INVALID_JSON);
      g_clear_error (&error);

      draft = rd_drafts_read (store, "intake", &error);
      g_assert_null (draft);
      g_assert_error (error, RD_DRAFTS_ERROR, RD_DRAFTS_ERROR_UNREADABLE);
      g_assert_true (g_str_has_prefix (error->message, bad[i].message));
      g_clear_error (&error);

      problems = rd_case_find_unreadable_json (store, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (problems->len, ==, 1);
      g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 0), bad[i].message));
      g_clear_pointer (&problems, g_ptr_array_unref);
    }

  /* Set aside: the text in a file beside the ledger, the form free. */
  g_assert_true (rd_drafts_set_aside (store, "intake", &aside, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (aside, path));
  g_assert_true (g_str_has_suffix (aside, ".json"));
  g_assert_true (g_file_get_contents (aside, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "{\"order_no\":");
  g_assert_null (rd_drafts_read (store, "intake", &error));
  g_assert_no_error (error);
  problems = rd_case_find_unreadable_json (store, &error);
  g_assert_cmpuint (problems->len, ==, 0);

  g_object_unref (store);
  rd_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rd/drafts/save-load-discard", test_save_load_discard);
  g_test_add_func ("/rd/drafts/values", test_draft_values);
  g_test_add_func ("/rd/drafts/hostile", test_hostile);

  return g_test_run ();
}
