/* rd-test-cli.c
 *
 * Runs a program from a test and keeps its output (see rd-test-cli.h).
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "rd-test-cli.h"

static char *
dup_text (GBytes *bytes)
{
  gsize size = 0;
  const char *data = bytes != NULL ? g_bytes_get_data (bytes, &size) : NULL;

  return g_strndup (data != NULL ? data : "", size);
}

void
rd_test_run_clear (RdTestRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

void
rd_test_run_command (RdTestRun          *run,
                     const char * const *argv,
                     const char         *lc_all,
                     const char         *language,
                     const char         *cwd,
                     const char         *stdin_text)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) input = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;

  rd_test_run_clear (run);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  if (lc_all != NULL)
    g_subprocess_launcher_setenv (launcher, "LC_ALL", lc_all, TRUE);
  if (language != NULL)
    g_subprocess_launcher_setenv (launcher, "LANGUAGE", language, TRUE);
  if (cwd != NULL)
    g_subprocess_launcher_set_cwd (launcher, cwd);

  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  input = g_bytes_new (stdin_text != NULL ? stdin_text : "", stdin_text != NULL ? strlen (stdin_text) : 0);
  g_subprocess_communicate (process, input, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));

  run->status = g_subprocess_get_exit_status (process);
  run->out = dup_text (out);
  run->err = dup_text (err);
  g_assert_true (g_utf8_validate (run->out, -1, NULL));
  g_assert_true (g_utf8_validate (run->err, -1, NULL));
}
