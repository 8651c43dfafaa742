/* test-window-locked.c
 *
 * The window and a ledger another program holds: the application says the
 * ledger is in use (not "could not open") and offers to try again; once
 * the other program lets go, Try Again opens the window on it.
 */
#include "config.h"

#include <locale.h>

#include "rd-application.h"
#include "rd-store.h"
#include "rd-test-ledger.h"
#include "rd-test-ui.h"
#include "rd-window.h"

typedef struct
{
  GApplication *app;
  sqlite3      *lock;       /* the other program's connection */
  char         *heading;
  char         *body;
  gboolean      could_retry;
  gboolean      saw_window;
} LockedResult;

static void
destroy_windows_and_quit (GApplication *application)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (application)); l != NULL;
       l = gtk_application_get_windows (GTK_APPLICATION (application)))
    gtk_window_destroy (l->data);
  g_application_quit (application);
}

static gboolean
watch (gpointer user_data)
{
  LockedResult *result = user_data;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (result->app)); l != NULL; l = l->next)
    {
      if (RD_IS_WINDOW (l->data))
        {
          result->saw_window = TRUE;
          destroy_windows_and_quit (result->app);
          return G_SOURCE_REMOVE;
        }

      if (ADW_IS_MESSAGE_DIALOG (l->data) && result->heading == NULL)
        {
          AdwMessageDialog *dialog = l->data;

          result->heading = g_strdup (adw_message_dialog_get_heading (dialog));
          result->body = g_strdup (adw_message_dialog_get_body (dialog));
          result->could_retry = adw_message_dialog_has_response (dialog, "retry");
          if (!result->could_retry)
            {
              destroy_windows_and_quit (result->app);
              return G_SOURCE_REMOVE;
            }

          /* The other program finishes; the user tries again. */
          rd_test_raw_exec (result->lock, "ROLLBACK");
          adw_message_dialog_response (dialog, "retry");
          return G_SOURCE_CONTINUE;
        }
    }
  return G_SOURCE_CONTINUE;
}

static void
on_activate (GApplication *application,
             LockedResult *result)
{
  result->app = application;
  g_timeout_add (20, watch, result);
}

static void
test_locked_ledger (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "ledger.db", NULL);
  g_autoptr(RdApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  LockedResult result = { 0 };
  char *argv[] = { (char *) "refund-desk", (char *) "--db", path, NULL };
  int status;

  {
    g_autoptr(RdStore) store = rd_store_open (path, RD_STORE_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
  }

  /* Another program in the middle of a write (as the sqlite3 shell after
   * BEGIN IMMEDIATE): readers may read, nobody else may write. */
  result.lock = rd_test_raw_open (path);
  rd_test_raw_exec (result.lock, "BEGIN IMMEDIATE");
  g_setenv ("REFUND_DESK_BUSY_TIMEOUT_MS", "200", TRUE);

  app = rd_application_new (G_APPLICATION_NON_UNIQUE);
  g_application_set_application_id (G_APPLICATION (app), APP_ID ".TestLocked");
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), &result);
  status = g_application_run (G_APPLICATION (app), 3, argv);
  g_assert_cmpint (status, ==, 0);
  g_unsetenv ("REFUND_DESK_BUSY_TIMEOUT_MS");

  g_assert_cmpstr (result.heading, ==, "Ledger in Use");
  g_assert_nonnull (strstr (result.body, "is in use by another program"));
  g_assert_nonnull (strstr (result.body, path));
  g_assert_true (result.could_retry);
  g_assert_true (result.saw_window);
  g_assert_nonnull (rd_application_get_store (app));

  g_clear_object (&app);
  sqlite3_close (result.lock);
  g_free (result.heading);
  g_free (result.body);
  rd_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rd/window-locked/retry", test_locked_ledger);

  return g_test_run ();
}
