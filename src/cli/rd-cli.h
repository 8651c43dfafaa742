/* rd-cli.h
 *
 * The headless command line: `refund-desk SUBCOMMAND [OPTIONS]`. Nothing here
 * needs a display; every subcommand lives in its own rd-cli-<name>.c.
 */
#pragma once

#include <glib.h>

#include "rd-store.h"

G_BEGIN_DECLS

/* Exit codes shared by every subcommand. */
enum
{
  RD_CLI_OK      = 0,
  RD_CLI_PROBLEM = 1,   /* the command ran and found a problem (check, verify) */
  RD_CLI_USAGE   = 2,   /* bad options or bad input */
};

/* TRUE when argv asks for a subcommand or for --version/--help-commands. */
gboolean  rd_cli_wants           (int           argc,
                                  char        **argv);
int       rd_cli_run             (int           argc,
                                  char        **argv);

/* Opens --db FILE, or the default ledger when db_path is NULL. Errors are
 * printed by the caller. */
RdStore  *rd_cli_open_store      (const char   *db_path,
                                  RdStoreOpenFlags flags,
                                  GError      **error);

/* Parses argv with the given entries; prints the error and returns FALSE. */
gboolean  rd_cli_parse_options   (const char   *command,
                                  const char   *parameter_string,
                                  const char   *summary,
                                  const GOptionEntry *entries,
                                  int          *argc,
                                  char       ***argv);

/* Subcommands: each gets argv starting at the subcommand's name. */
int       rd_cli_calc            (int           argc,
                                  char        **argv);
int       rd_cli_check           (int           argc,
                                  char        **argv);
int       rd_cli_verify          (int           argc,
                                  char        **argv);
int       rd_cli_find            (int           argc,
                                  char        **argv);
int       rd_cli_export          (int           argc,
                                  char        **argv);
int       rd_cli_import          (int           argc,
                                  char        **argv);
int       rd_cli_intercepts      (int           argc,
                                  char        **argv);

int       rd_cli_report          (int           argc,
                                  char        **argv);
int       rd_cli_backup          (int           argc,
                                  char        **argv);
int       rd_cli_restore         (int           argc,
                                  char        **argv);

G_END_DECLS
