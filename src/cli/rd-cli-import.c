/* rd-cli-import.c
 *
 * `refund-desk import FILE… [--db FILE] [--channel auto|taobao|pdd|douyin|
 * jd|kuaishou|wechat|generic] [--profile NAME] [--dry-run] [--skip-errors]`:
 * takes platforms' after-sales exports into the ledger (rd-import.h), each
 * file in its own transaction, and prints per file what it did (new,
 * updated, unchanged, errors) and each row with a problem (its row number,
 * column and reason). --dry-run previews only. Exit 0 when every file was
 * imported, 1 when one was refused (nothing of that file imported), 2 on
 * bad usage.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-cli.h"
#include "rd-import.h"
#include "rd-policy.h"

static const char *const channels[] = {
  "auto", "taobao", "pdd", "pinduoduo", "douyin", "jd", "kuaishou", "wechat", "generic", NULL
};

static char *
current_operator (void)
{
  g_autoptr(GSettings) settings = rd_policy_open_settings ();
  char *operator = settings != NULL ? g_settings_get_string (settings, "current-operator") : NULL;

  if (operator == NULL || *operator == '\0')
    {
      g_free (operator);
      operator = g_strdup (g_get_user_name ());
    }
  return operator;
}

typedef struct
{
  RdImport *import;
  gboolean  dry_run;
} Report;

static void
on_item (const RdImportItem *item,
         gpointer            user_data)
{
  Report *report = user_data;

  if (item->outcome != RD_IMPORT_OUTCOME_ERROR)
    return;
  for (guint i = 0; i < item->problems->len; i++)
    {
      const RdImportProblem *problem = item->problems->pdata[i];
      const char *header = rd_import_get_column_header (report->import, problem->column);

      if (header != NULL)
        /* TRANSLATORS: a row number of the file, a column's header, and what is wrong */
        g_print (_("  row %llu, column “%s”: %s\n"), (unsigned long long) item->row, header, problem->message);
      else
        /* TRANSLATORS: a row number of the file and what is wrong */
        g_print (_("  row %llu: %s\n"), (unsigned long long) item->row, problem->message);
    }
}

static void
print_counts (const char           *name,
              const RdImportCounts *counts,
              gboolean              dry_run)
{
  g_autofree char *n_new = g_strdup_printf ("%" G_GUINT64_FORMAT, counts->n_new);
  g_autofree char *n_updated = g_strdup_printf ("%" G_GUINT64_FORMAT, counts->n_updated);
  g_autofree char *n_unchanged = g_strdup_printf ("%" G_GUINT64_FORMAT, counts->n_unchanged);
  g_autofree char *n_errors = g_strdup_printf ("%" G_GUINT64_FORMAT, counts->n_errors);

  if (dry_run)
    /* TRANSLATORS: the file's name, then the numbers of rows the import would take as new cases, … */
    g_print (_("%s (preview): %s new, %s updated, %s unchanged, %s with errors\n"),
             name, n_new, n_updated, n_unchanged, n_errors);
  else
    /* TRANSLATORS: the file's name, then the numbers of rows imported as new cases, … */
    g_print (_("%s: %s new, %s updated, %s unchanged, %s with errors\n"),
             name, n_new, n_updated, n_unchanged, n_errors);
  if (counts->n_flagged > 0)
    g_print (ngettext ("  %llu case reopened on the platform: flagged for follow-up\n",
                       "  %llu cases reopened on the platform: flagged for follow-up\n",
                       counts->n_flagged), (unsigned long long) counts->n_flagged);
}

/* The profile a file is read with: the saved one named, the channel's, or
 * the one detected (NULL). */
static gboolean
choose_profile (RdImport    *import,
                RdStore     *store,
                const char  *channel,
                const char  *profile_name,
                GError     **error)
{
  if (profile_name != NULL)
    {
      g_autoptr(GPtrArray) saved = rd_import_profiles_list (store, error);

      if (saved == NULL)
        return FALSE;
      for (guint i = 0; i < saved->len; i++)
        if (g_strcmp0 (rd_import_profile_get_id (saved->pdata[i]), profile_name) == 0)
          return rd_import_set_profile (import, saved->pdata[i], error);
      g_set_error (error, RD_IMPORT_ERROR, RD_IMPORT_ERROR_NO_PROFILE,
                   /* TRANSLATORS: %s is the name given with --profile */
                   _("There is no saved import profile “%s” in this ledger."), profile_name);
      return FALSE;
    }
  if (channel != NULL && !g_str_equal (channel, "auto"))
    return rd_import_set_profile (import, rd_import_profile_lookup (channel), error);
  if (rd_import_get_profile (import) == NULL)
    {
      g_set_error_literal (error, RD_IMPORT_ERROR, RD_IMPORT_ERROR_NO_PROFILE,
                           _("No platform’s export looks like this file. Name the platform with --channel, or "
                             "a saved profile with --profile."));
      return FALSE;
    }
  return TRUE;
}

/* One file: TRUE when imported (or previewed). */
static gboolean
import_file (RdStore     *store,
             const char  *path,
             const char  *channel,
             const char  *profile_name,
             const char  *operator,
             gboolean     dry_run,
             gboolean     skip_errors)
{
  g_autoptr(RdImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_path_get_basename (path);
  RdImportCounts counts = { 0 };
  RdImportOptions options = { operator, NULL, skip_errors, NULL };
  Report report = { NULL, dry_run };

  import = rd_import_new (path, &error);
  if (import == NULL || !choose_profile (import, store, channel, profile_name, &error))
    {
      g_printerr ("%s: %s\n", name, error->message);
      return FALSE;
    }
  report.import = import;
  if (!rd_import_preview (import, store, on_item, &report, NULL, NULL, NULL, &counts, &error))
    {
      g_printerr ("%s: %s\n", name, error->message);
      return FALSE;
    }
  if (dry_run)
    {
      print_counts (name, &counts, TRUE);
      return counts.n_errors == 0 || skip_errors;
    }
  if (!rd_import_apply (import, store, &options, NULL, NULL, NULL, NULL, NULL, &counts, NULL, &error))
    {
      print_counts (name, &counts, TRUE);
      g_printerr ("%s: %s\n", name, error->message);
      return FALSE;
    }
  print_counts (name, &counts, FALSE);
  return TRUE;
}

int
rd_cli_import (int    argc,
               char **argv)
{
  g_autofree char *db_path = NULL;
  g_autofree char *channel = NULL;
  g_autofree char *profile_name = NULL;
  g_autofree char *operator = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean dry_run = FALSE, skip_errors = FALSE, all_ok = TRUE;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("Ledger file (default: the ledger in your data folder)"), N_("FILE") },
    { "channel", 0, 0, G_OPTION_ARG_STRING, &channel, N_("The platform that exported the files (default: recognised from their columns)"), N_("auto|taobao|pdd|douyin|jd|kuaishou|wechat|generic") },
    { "profile", 0, 0, G_OPTION_ARG_STRING, &profile_name, N_("A column mapping saved in the ledger"), N_("NAME") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Show what the import would do, and change nothing"), NULL },
    { "skip-errors", 0, 0, G_OPTION_ARG_NONE, &skip_errors, N_("Leave out the rows with problems instead of refusing the file"), NULL },
    { NULL }
  };

  if (!rd_cli_parse_options ("import", N_("FILE…"),
                             _("Take platforms’ after-sales exports (CSV or Excel) into the ledger."),
                             entries, &argc, &argv))
    return RD_CLI_USAGE;

  if (argc < 2)
    {
      g_printerr ("refund-desk import: %s\n", _("Name at least one file to import."));
      return RD_CLI_USAGE;
    }
  if (channel != NULL && !g_strv_contains (channels, channel))
    {
      g_printerr ("refund-desk import: %s\n",
                  _("The channel is one of auto, taobao, pdd, douyin, jd, kuaishou, wechat and generic."));
      return RD_CLI_USAGE;
    }
  if (g_strcmp0 (channel, "generic") == 0 && profile_name == NULL)
    {
      g_printerr ("refund-desk import: %s\n", _("The generic channel needs a saved profile: --profile NAME."));
      return RD_CLI_USAGE;
    }

  store = rd_cli_open_store (db_path, dry_run ? RD_STORE_OPEN_EXISTING | RD_STORE_OPEN_READ_ONLY
                                             : RD_STORE_OPEN_EXISTING, &error);
  if (store == NULL)
    {
      g_printerr ("refund-desk import: %s\n", error->message);
      return RD_CLI_PROBLEM;
    }
  operator = current_operator ();

  for (int i = 1; i < argc; i++)
    if (!import_file (store, argv[i], channel, profile_name, operator, dry_run, skip_errors))
      all_ok = FALSE;
  return all_ok ? RD_CLI_OK : RD_CLI_PROBLEM;
}
