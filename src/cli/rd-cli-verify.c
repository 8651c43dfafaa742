/* rd-cli-verify.c
 *
 * `refund-desk verify [--db FILE] [--anchor N:HASH]`: walks the audit log's
 * hash chain and compares every row of the audited tables with it, without
 * changing the file; then checks the chain against the anchor the app keeps
 * for this ledger and the one given. Prints "ok, N entries", or names the
 * first entry or row that does not match — with what an entry now says in
 * words (rd_case_history_describe: the field's label, never the column's
 * key) — and exits with RD_CLI_PROBLEM.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-audit.h"
#include "rd-audit-anchor.h"
#include "rd-case-history.h"
#include "rd-cli.h"

int
rd_cli_verify (int    argc,
               char **argv)
{
  g_autofree char *db_path = NULL;
  g_autofree char *anchor_text = NULL;
  g_autoptr(RdAuditAnchor) given = NULL;
  g_autoptr(RdAuditAnchor) kept = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n_entries = 0;
  gint64 first_bad = 0;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("Ledger file (default: the ledger in your data folder)"), N_("FILE") },
    { "anchor", 0, 0, G_OPTION_ARG_STRING, &anchor_text, N_("Check that the audit log holds this entry (as the workbook’s About sheet shows it)"), N_("N:HASH") },
    { NULL }
  };

  if (!rd_cli_parse_options ("verify", NULL,
                             _("Verify the audit log: every change recorded, none edited, removed or added behind the app’s back."),
                             entries, &argc, &argv))
    return RD_CLI_USAGE;

  if (argc > 1)
    {
      g_printerr ("refund-desk verify: %s\n", _("Unexpected argument. Use --db FILE to name the ledger."));
      return RD_CLI_USAGE;
    }

  if (anchor_text != NULL)
    {
      given = rd_audit_anchor_parse (anchor_text, &error);
      if (given == NULL)
        {
          g_printerr ("refund-desk verify: %s\n", error->message);
          return RD_CLI_USAGE;
        }
    }

  store = rd_cli_open_store (db_path, RD_STORE_OPEN_EXISTING | RD_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    {
      g_printerr ("refund-desk verify: %s\n", error->message);
      return RD_CLI_PROBLEM;
    }

  if (!rd_audit_verify (store, &n_entries, &first_bad, &error))
    {
      g_autoptr(RdAuditEntry) entry = NULL;

      g_printerr ("refund-desk verify: %s\n", error->message);
      /* What the entry says now, in words: the field's label, never its key. */
      if (first_bad > 0 && (entry = rd_audit_get (store, first_bad, NULL)) != NULL)
        {
          g_autofree char *said = rd_case_history_describe (entry);

          if (entry->case_id > 0)
            {
              g_autofree char *case_id = g_strdup_printf ("%" G_GINT64_FORMAT, entry->case_id);

              /* Translators: %s is the entry in words ("Status: Requested →
               * Refused"), then the case's number in the ledger. */
              g_printerr (_("The entry now reads: %s (case %s)\n"), said, case_id);
            }
          else
            /* Translators: %s is the entry in words. */
            g_printerr (_("The entry now reads: %s\n"), said);
        }
      return RD_CLI_PROBLEM;
    }

  /* The chain is whole; does it reach as far as it was seen? */
  kept = rd_audit_anchor_load (rd_store_get_path (store), &error);
  if (error != NULL ||
      (kept != NULL && !rd_audit_anchor_check (store, kept, &error)) ||
      (given != NULL && !rd_audit_anchor_check (store, given, &error)))
    {
      g_printerr ("refund-desk verify: %s\n", error->message);
      return RD_CLI_PROBLEM;
    }

  {
    g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, n_entries);

    /* Translators: %s is a number of audit log entries. */
    g_print (ngettext ("ok, %s entry\n", "ok, %s entries\n", (gulong) n_entries), count);
  }

  return RD_CLI_OK;
}
