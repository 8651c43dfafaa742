/* rd-cli-find.c
 *
 * `refund-desk find [--db FILE] [--count] TEXT`: the case numbers the
 * ledger's search shows for TEXT (order, after-sales and tracking numbers,
 * the buyer's name, and from schema 10 the outbound parcel's and the
 * intercepts' tracking numbers), newest first, one a line; with --count,
 * only their number. The ledger is opened read-only, not migrated: the
 * search needs the intercepts table, there from schema version 5.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-cli.h"
#include "rd-ledger-model.h"
#include "rd-ledger-query.h"
#include "rd-ledger-row.h"

int
rd_cli_find (int    argc,
             char **argv)
{
  g_autofree char *db_path = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdLedgerFilter) filter = NULL;
  g_autoptr(RdLedgerResult) result = NULL;
  gboolean count_only = FALSE;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("Ledger file (default: the ledger in your data folder)"), N_("FILE") },
    { "count", 0, 0, G_OPTION_ARG_NONE, &count_only, N_("Print only the number of cases found"), NULL },
    { NULL }
  };

  if (!rd_cli_parse_options ("find", _("TEXT"),
                             _("Find cases by order number, after-sales number, buyer name, or the tracking number of the return, of the parcel sent or of an intercept. One or two characters find buyer names only."),
                             entries, &argc, &argv))
    return RD_CLI_USAGE;

  if (argc != 2)
    {
      g_printerr ("refund-desk find: %s\n", _("Give one text to search for."));
      return RD_CLI_USAGE;
    }

  store = rd_cli_open_store (db_path, RD_STORE_OPEN_EXISTING | RD_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    {
      g_printerr ("refund-desk find: %s\n", error->message);
      return RD_CLI_PROBLEM;
    }

  if (rd_store_get_schema_version (store) < 5)
    {
      g_printerr ("refund-desk find: %s\n",
                  _("This ledger was written by an older version of Refund Desk and cannot be searched yet. "
                    "Open it once in Refund Desk to update it."));
      return RD_CLI_PROBLEM;
    }

  filter = rd_ledger_filter_new ();
  rd_ledger_filter_set_text (filter, argv[1]);
  result = rd_ledger_query_run (rd_store_get_db (store), filter, NULL, &error);
  if (result == NULL)
    {
      g_printerr ("refund-desk find: %s\n", error->message);
      return RD_CLI_PROBLEM;
    }

  if (count_only)
    {
      g_print ("%u\n", result->ids->len);
      return RD_CLI_OK;
    }

  for (guint start = 0; start < result->ids->len; start += RD_LEDGER_MODEL_PAGE_SIZE)
    {
      guint n = MIN (RD_LEDGER_MODEL_PAGE_SIZE, result->ids->len - start);
      g_autoptr(GPtrArray) rows = NULL;

      rows = rd_ledger_row_load (rd_store_get_db (store),
                                 &g_array_index (result->ids, gint64, start), n, &error);
      if (rows == NULL)
        {
          g_printerr ("refund-desk find: %s\n", error->message);
          return RD_CLI_PROBLEM;
        }
      for (guint i = 0; i < rows->len; i++)
        g_print ("%s\n", rd_ledger_row_get_case_no (g_ptr_array_index (rows, i)));
    }

  return RD_CLI_OK;
}
