/* rd-cli-backup.c
 *
 * `refund-desk backup [--db FILE] [FOLDER]`: copies the ledger into FOLDER
 * (default: "backups" next to it), checks the copy and prints where it is,
 * its number of cases and the audit chain's head.
 *
 * `refund-desk restore BACKUP [--db FILE]`: checks BACKUP, keeps the current
 * ledger as a backup, then puts BACKUP in its place.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-cli.h"
#include "rd-store-backup.h"

static void
print_backup (const RdBackupInfo *info)
{
  g_autofree char *cases = g_strdup_printf ("%" G_GINT64_FORMAT, info->n_cases);
  g_autofree char *entry = g_strdup_printf ("%" G_GINT64_FORMAT, info->audit_last_id);

  /* Translators: %s is the path of the backup file. */
  g_print (_("Backup: %s\n"), info->path);
  /* Translators: %s is a number of cases. */
  g_print (_("Cases: %s\n"), cases);
  /* Translators: the head of the audit log's hash chain: its last entry's
   * number (the first %s) and hash (the second). */
  g_print (_("Audit log head: entry %s, %s\n"), entry,
           info->audit_last_hash[0] != '\0' ? info->audit_last_hash : "-");
  g_print ("%s\n", _("Checked: integrity ok, audit log ok"));
}

int
rd_cli_backup (int    argc,
               char **argv)
{
  g_autofree char *db_path = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autoptr(RdBackupInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  int keep_days = -1;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("Ledger file (default: the ledger in your data folder)"), N_("FILE") },
    { "keep-days", 0, 0, G_OPTION_ARG_INT, &keep_days, N_("Then remove this ledger’s backups in FOLDER older than DAYS days (0: keep all)"), N_("DAYS") },
    { NULL }
  };

  if (!rd_cli_parse_options ("backup", _("[FOLDER]"),
                             _("Copy the ledger into FOLDER (default: “backups” next to the ledger) and check the copy."),
                             entries, &argc, &argv))
    return RD_CLI_USAGE;

  if (argc > 2 || keep_days < -1)
    {
      g_printerr ("refund-desk backup: %s\n", _("Give at most one folder. Use --db FILE to name the ledger."));
      return RD_CLI_USAGE;
    }

  store = rd_cli_open_store (db_path, RD_STORE_OPEN_EXISTING | RD_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    {
      g_printerr ("refund-desk backup: %s\n", error->message);
      return RD_CLI_PROBLEM;
    }

  info = rd_store_backup_now (store, argc > 1 ? argv[1] : NULL, RD_BACKUP_REASON_MANUAL,
                              NULL, NULL, NULL, &error);
  if (info == NULL)
    {
      g_printerr ("refund-desk backup: %s\n", error->message);
      return RD_CLI_PROBLEM;
    }

  if (keep_days > 0)
    rd_store_backup_prune (rd_store_get_path (store), argc > 1 ? argv[1] : NULL,
                           keep_days, g_get_real_time () / G_USEC_PER_SEC);

  print_backup (info);
  return RD_CLI_OK;
}

int
rd_cli_restore (int    argc,
                char **argv)
{
  g_autofree char *db_path = NULL;
  g_autofree char *default_path = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("Ledger file (default: the ledger in your data folder)"), N_("FILE") },
    { NULL }
  };

  if (!rd_cli_parse_options ("restore", _("BACKUP"),
                             _("Check BACKUP, keep the current ledger as a backup, then put BACKUP in its place."),
                             entries, &argc, &argv))
    return RD_CLI_USAGE;

  if (argc != 2)
    {
      g_printerr ("refund-desk restore: %s\n", _("Name one backup file to restore. Use --db FILE to name the ledger."));
      return RD_CLI_USAGE;
    }

  if (db_path == NULL)
    db_path = default_path = rd_store_default_path ();

  if (!rd_store_backup_restore (argv[1], db_path, &kept, &error))
    {
      g_printerr ("refund-desk restore: %s\n", error->message);
      return RD_CLI_PROBLEM;
    }

  /* Translators: the first %s is the ledger file, the second the backup. */
  g_print (_("Restored %s from %s\n"), db_path, argv[1]);
  if (kept != NULL)
    /* Translators: %s is the path of a copy of the ledger as it was. */
    g_print (_("The ledger as it was before is kept in %s\n"), kept);
  return RD_CLI_OK;
}
