/* rd-cli.c
 *
 * Dispatch of `refund-desk SUBCOMMAND`, and what every subcommand shares.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "rd-cli.h"

typedef struct
{
  const char *name;
  int       (*run) (int argc, char **argv);
  const char *summary;    /* N_() */
} Command;

static const Command commands[] = {
  { "calc", rd_cli_calc, N_("Compute a refund from an order in JSON and print the breakdown") },
  { "check", rd_cli_check, N_("Check the ledger file and print its schema version and number of cases") },
  { "verify", rd_cli_verify, N_("Verify the audit log’s hash chain and name the first entry edited behind the app’s back") },
  { "find", rd_cli_find, N_("Print the case numbers whose order, after-sales or tracking number or buyer name contains a text") },
  { "import", rd_cli_import, N_("Take platforms’ after-sales exports (CSV or Excel) into the ledger: new cases, updates, all or nothing") },
  { "export", rd_cli_export, N_("Write a month’s refunds to an Excel workbook for the accountant") },
  { "report", rd_cli_report, N_("Print what a month’s refunds say: totals per day, kind, reason, channel; losses; speed; intercepts; refund rate") },
  { "backup", rd_cli_backup, N_("Copy the ledger into a backups folder and check the copy") },
  { "restore", rd_cli_restore, N_("Put a checked backup in place of the ledger, keeping the current one as a backup") },
  { "intercepts", rd_cli_intercepts, N_("Print the intercept register: parcels due before the platform’s deadline, stalled parcels, losses") },
};

static const Command *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (commands[i].name, name) == 0)
      return &commands[i];
  return NULL;
}

static void
print_commands (void)
{
  g_print ("%s\n", _("Usage: refund-desk [COMMAND] [OPTIONS…]"));
  g_print ("%s\n\n", _("Without a command, the window opens."));
  g_print ("%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_print ("  %-12s %s\n", commands[i].name, _(commands[i].summary));
  g_print ("\n%s\n", _("Run “refund-desk COMMAND --help” for the options of one command."));
}

gboolean
rd_cli_wants (int    argc,
              char **argv)
{
  if (argc < 2)
    return FALSE;

  return find_command (argv[1]) != NULL ||
         g_strcmp0 (argv[1], "--version") == 0 ||
         g_strcmp0 (argv[1], "--help-commands") == 0;
}

int
rd_cli_run (int    argc,
            char **argv)
{
  const Command *command;

  if (g_strcmp0 (argv[1], "--version") == 0)
    {
      g_print ("refund-desk %s\n", PACKAGE_VERSION);
      return RD_CLI_OK;
    }

  if (g_strcmp0 (argv[1], "--help-commands") == 0)
    {
      print_commands ();
      return RD_CLI_OK;
    }

  command = find_command (argv[1]);
  g_assert (command != NULL);

  return command->run (argc - 1, argv + 1);
}

RdStore *
rd_cli_open_store (const char        *db_path,
                   RdStoreOpenFlags   flags,
                   GError           **error)
{
  g_autofree char *default_path = NULL;

  if (db_path == NULL)
    db_path = default_path = rd_store_default_path ();

  return rd_store_open (db_path, flags, error);
}

gboolean
rd_cli_parse_options (const char          *command,
                      const char          *parameter_string,
                      const char          *summary,
                      const GOptionEntry  *entries,
                      int                 *argc,
                      char              ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *full = g_strdup_printf ("%s %s", command, parameter_string ? parameter_string : "");

  context = g_option_context_new (full);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (summary != NULL)
    g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("refund-desk %s: %s\n", command, error->message);
      return FALSE;
    }

  return TRUE;
}
