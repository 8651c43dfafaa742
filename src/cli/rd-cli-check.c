/* rd-cli-check.c
 *
 * `refund-desk check [--db FILE]`: opens the ledger without changing it, runs
 * the integrity checks, reads back every stored breakdown and draft (the
 * window refuses one it cannot read), prints the schema version and the
 * number of cases.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-case-stored-json.h"
#include "rd-cli.h"

int
rd_cli_check (int    argc,
              char **argv)
{
  g_autofree char *db_path = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) unreadable = NULL;
  gint64 n_cases;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("Ledger file (default: the ledger in your data folder)"), N_("FILE") },
    { NULL }
  };

  if (!rd_cli_parse_options ("check", NULL,
                             _("Check the ledger file: integrity, schema version, number of cases."),
                             entries, &argc, &argv))
    return RD_CLI_USAGE;

  if (argc > 1)
    {
      g_printerr ("refund-desk check: %s\n", _("Unexpected argument. Use --db FILE to name the ledger."));
      return RD_CLI_USAGE;
    }

  store = rd_cli_open_store (db_path, RD_STORE_OPEN_EXISTING | RD_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    {
      g_printerr ("refund-desk check: %s\n", error->message);
      return RD_CLI_PROBLEM;
    }

  if (!rd_store_check_integrity (store, &error))
    {
      g_printerr ("refund-desk check: %s\n", error->message);
      return RD_CLI_PROBLEM;
    }

  /* Breakdowns since schema version 3, drafts since version 4. */
  if (rd_store_get_schema_version (store) >= 4)
    {
      unreadable = rd_case_find_unreadable_json (store, &error);
      if (unreadable == NULL)
        {
          g_printerr ("refund-desk check: %s\n", error->message);
          return RD_CLI_PROBLEM;
        }
      for (guint i = 0; i < unreadable->len; i++)
        g_printerr ("refund-desk check: %s\n", (const char *) g_ptr_array_index (unreadable, i));
      if (unreadable->len > 0)
        return RD_CLI_PROBLEM;
    }

  n_cases = rd_store_count_cases (store, &error);
  if (n_cases < 0)
    {
      g_printerr ("refund-desk check: %s\n", error->message);
      return RD_CLI_PROBLEM;
    }

  g_print (_("Ledger: %s\n"), rd_store_get_path (store));
  g_print (_("Schema version: %d\n"), rd_store_get_schema_version (store));
  if (rd_store_get_schema_version (store) < rd_store_get_latest_version ())
    g_print (_("This ledger will be updated to schema version %d (after a backup copy) "
               "the next time Refund Desk opens it for writing.\n"),
             rd_store_get_latest_version ());
  {
    g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, n_cases);
    g_print (_("Cases: %s\n"), count);
  }
  g_print ("%s\n", _("Integrity: ok"));

  return RD_CLI_OK;
}
