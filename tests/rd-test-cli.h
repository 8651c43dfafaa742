/* rd-test-cli.h
 *
 * Runs a program from a test as a user runs it from a shell (the built
 * `refund-desk`, or a helper such as python3), and keeps what it printed
 * and its exit status.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  int   status;   /* the exit status */
  char *out;      /* all of stdout, "" when nothing */
  char *err;      /* all of stderr, "" when nothing */
} RdTestRun;

void rd_test_run_clear   (RdTestRun          *run);

/* Runs argv (argv[0] a path, or a name looked up in PATH) in the folder cwd
 * (NULL: the test's), with LC_ALL and LANGUAGE set to lc_all and language
 * (NULL: the test's environment) and stdin_text (NULL: nothing) on its
 * input. Asserts that it started and exited, rather than being killed,
 * and that it printed UTF-8; run's previous texts are freed. */
void rd_test_run_command (RdTestRun          *run,
                          const char * const *argv,
                          const char         *lc_all,
                          const char         *language,
                          const char         *cwd,
                          const char         *stdin_text);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RdTestRun, rd_test_run_clear)

G_END_DECLS
