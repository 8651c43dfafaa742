/* test-backup-group.c
 *
 * Preferences → Backups under a real display: the last backup is shown
 * (or "None yet"), "Back Up Now" copies the ledger on a worker with the
 * window still answering, says so in a toast and shows the new backup; a
 * backup that fails its check is reported and leaves no file; the days to
 * keep are the backup-keep-days setting.
 */
#include "config.h"

#include <locale.h>

#include "rd-application.h"
#include "rd-audit.h"
#include "rd-backup-group.h"
#include "rd-preferences-window.h"
#include "rd-store-backup.h"
#include "rd-test-ledger.h"
#include "rd-test-ui.h"

typedef struct
{
  char                *dir;
  char                *path;
  RdStore             *store;
  RdContext           *context;
  RdPreferencesWindow *preferences;
  RdBackupGroup       *group;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = rd_test_make_tmp_dir ();
  f->store = rd_test_ui_open_ledger (f->dir, &f->path);
  rd_test_insert_case (rd_store_get_db (f->store), "RF-2026-000001", "商品破损", 4550, 1767225700);
  rd_test_insert_case (rd_store_get_db (f->store), "RF-2026-000002", "发错货", 8800, 1767225800);
  g_assert_true (rd_store_begin (f->store, &error));
  g_assert_true (rd_audit_record (f->store, 0, "小王", "create", NULL, NULL, "RF-2026-000001", &error));
  g_assert_true (rd_store_commit (f->store, &error));
  f->context = rd_test_ui_new_context (f->store);
  f->preferences = rd_preferences_window_new (f->context);
  gtk_window_present (GTK_WINDOW (f->preferences));
  rd_test_ui_iterate ();
  f->group = RD_BACKUP_GROUP (rd_test_ui_find_descendant (GTK_WIDGET (f->preferences), RD_TYPE_BACKUP_GROUP, NULL));
  g_assert_nonnull (f->group);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->preferences));
  rd_test_ui_iterate ();
  g_clear_object (&f->context);
  g_clear_object (&f->store);
  rd_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static void
wait_until_done (RdBackupGroup *group)
{
  gint64 give_up = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (rd_backup_group_is_busy (group) && g_get_monotonic_time () < give_up)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (rd_backup_group_is_busy (group));
  rd_test_ui_iterate ();
}

static void
test_back_up_now (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) list = NULL;
  GtkSpinButton *keep;

  g_assert_cmpstr (rd_backup_group_get_last_text (f->group), ==, "None yet");

  /* The days to keep are the setting. */
  keep = GTK_SPIN_BUTTON (rd_test_ui_find_descendant (GTK_WIDGET (f->group), GTK_TYPE_SPIN_BUTTON, NULL));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (keep), ==, 30);
  gtk_spin_button_set_value (keep, 45);
  g_assert_cmpuint (g_settings_get_uint (rd_context_get_settings (f->context), "backup-keep-days"), ==, 45);
  g_settings_reset (rd_context_get_settings (f->context), "backup-keep-days");

  rd_backup_group_back_up_now (f->group);
  g_assert_true (rd_backup_group_is_busy (f->group));
  wait_until_done (f->group);

  g_assert_true (g_str_has_prefix (rd_backup_group_get_message (f->group), "Backed up and checked: ledger-"));
  g_assert_nonnull (strstr (rd_backup_group_get_last_text (f->group), "2 cases"));

  list = rd_store_backup_list (f->path, NULL, NULL);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_true (rd_store_backup_check (((RdBackupInfo *) g_ptr_array_index (list, 0))->path, NULL, NULL));
}

static void
test_failed_check (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) list = NULL;

  rd_test_raw_exec (rd_store_get_db (f->store), "UPDATE audit_log SET new_value = 'RF-2026-000009'");

  rd_backup_group_back_up_now (f->group);
  wait_until_done (f->group);

  g_assert_true (g_str_has_prefix (rd_backup_group_get_message (f->group), "The backup failed: "));
  g_assert_nonnull (strstr (rd_backup_group_get_message (f->group), "failed its check and was deleted"));
  g_assert_cmpstr (rd_backup_group_get_last_text (f->group), ==, "None yet");
  list = rd_store_backup_list (f->path, NULL, NULL);
  g_assert_cmpuint (list->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RdApplication) app = NULL;
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  app = rd_application_new (G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add ("/rd/backup-group/back-up-now", Fixture, NULL, fixture_set_up, test_back_up_now, fixture_tear_down);
  g_test_add ("/rd/backup-group/failed-check", Fixture, NULL, fixture_set_up, test_failed_check, fixture_tear_down);

  return g_test_run ();
}
