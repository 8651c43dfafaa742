/* test-drafts.c — the intake form's draft survives a crash. */
#include "config.h"

#include <locale.h>

#include "rd-case-drafts.h"
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

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rd/drafts/save-load-discard", test_save_load_discard);

  return g_test_run ();
}
