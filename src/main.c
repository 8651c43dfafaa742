/* main.c
 *
 * Refund Desk: the same executable opens the window, or runs headless when
 * its first argument is a subcommand (`refund-desk check --db FILE`).
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "rd-application.h"
#include "rd-cli.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RdApplication) app = NULL;

  const char *localedir;

  /* A build tree (meson devenv, the tests) points us at its own catalogues. */
  localedir = g_getenv ("REFUND_DESK_LOCALEDIR");
  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (rd_cli_wants (argc, argv))
    return rd_cli_run (argc, argv);

  app = rd_application_new (G_APPLICATION_DEFAULT_FLAGS);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
