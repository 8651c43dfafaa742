/* rd-cli-calc.c
 *
 * `refund-desk calc [--format=json|text] [FILE|-]`: reads one order as JSON
 * (docs/calc.md), computes the refund and prints it as JSON or as a table.
 * The policy comes from the ledger (--db FILE, or the default ledger when
 * it exists); with no ledger, from the settings when the schema is
 * installed, else the defaults. A "policy" object in the input overrides
 * them. Bad input prints
 * the JSON path and the reason on stderr and exits with 2.
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <stdio.h>

#include "rd-calc-json.h"
#include "rd-cli.h"
#include "rd-policy.h"

/* Helpers */

static gboolean
load_policy (const char    *db_path,
             RdCalcPolicy  *policy,
             GError       **error)
{
  g_autofree char *default_path = NULL;
  g_auto(RdPolicy) shop_policy = { 0, };

  if (db_path == NULL)
    {
      default_path = rd_store_default_path ();
      if (g_file_test (default_path, G_FILE_TEST_EXISTS))
        db_path = default_path;
    }

  if (db_path != NULL)
    {
      g_autoptr(RdStore) store = rd_cli_open_store (db_path,
                                                    RD_STORE_OPEN_EXISTING | RD_STORE_OPEN_READ_ONLY,
                                                    error);
      if (store == NULL)
        return FALSE;
      rd_policy_load_from_store (&shop_policy, store);
    }
  else
    {
      g_autoptr(GSettings) settings = rd_policy_open_settings ();

      rd_policy_load_from_settings (&shop_policy, settings);
    }

  rd_policy_to_calc_policy (&shop_policy, policy);
  return TRUE;
}

static gboolean
read_input (const char  *path,
            char       **contents,
            gsize       *length,
            GError     **error)
{
  g_autoptr(GString) buffer = NULL;
  char chunk[8192];
  size_t n;

  if (g_strcmp0 (path, "-") != 0)
    return g_file_get_contents (path, contents, length, error);

  buffer = g_string_new (NULL);
  while ((n = fread (chunk, 1, sizeof chunk, stdin)) > 0)
    g_string_append_len (buffer, chunk, n);

  if (ferror (stdin))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not read the standard input"));
      return FALSE;
    }

  *length = buffer->len;
  *contents = g_string_free (g_steal_pointer (&buffer), FALSE);
  return TRUE;
}

/* Columns on a terminal: CJK characters take two. */
static guint
display_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }

  return width;
}

static void
print_cell (const char *text,
            guint       width,
            gboolean    right)
{
  guint used = display_width (text);
  guint pad = used < width ? width - used : 0;

  if (right)
    g_print ("%*s%s", (int) pad, "", text);
  else
    g_print ("%s%*s", text, (int) pad, "");
}

static void
print_table (const char *const *header,
             GPtrArray          *rows,      /* of GStrv */
             guint               n_columns,
             guint               first_right)
{
  g_autofree guint *widths = g_new0 (guint, n_columns);

  for (guint c = 0; c < n_columns; c++)
    widths[c] = header != NULL ? display_width (header[c]) : 0;
  for (guint r = 0; r < rows->len; r++)
    for (guint c = 0; c < n_columns; c++)
      widths[c] = MAX (widths[c], display_width (((char **) g_ptr_array_index (rows, r))[c]));

  if (header != NULL)
    for (guint c = 0; c < n_columns; c++)
      {
        print_cell (header[c], widths[c], c >= first_right);
        g_print (c + 1 < n_columns ? "  " : "\n");
      }
  for (guint r = 0; r < rows->len; r++)
    for (guint c = 0; c < n_columns; c++)
      {
        print_cell (((char **) g_ptr_array_index (rows, r))[c], widths[c], c >= first_right);
        g_print (c + 1 < n_columns ? "  " : "\n");
      }
}

static void
print_text (const RdCalcResult *result)
{
  const RdCurrency *currency = result->currency;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) rules = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) totals = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const char *line_header[] = { _("Item"), _("SKU"), _("Net"), _("Refund") };
  const char *rule_header[] = { _("Rule"), _("Amount") };

  for (guint i = 0; i < result->lines->len; i++)
    {
      const RdCalcLineResult *line = g_ptr_array_index (result->lines, i);
      char **row = g_new0 (char *, 5);

      row[0] = g_strdup (line->name ? line->name : "");
      row[1] = g_strdup (line->sku ? line->sku : "");
      row[2] = rd_money_format (line->net, currency);
      row[3] = rd_money_format (line->refund, currency);
      g_ptr_array_add (lines, row);
    }
  print_table (line_header, lines, 4, 2);

  g_print ("\n%s\n", _("Breakdown"));
  for (guint i = 0; i < result->breakdown->len; i++)
    {
      const RdCalcBreakdownRow *row = g_ptr_array_index (result->breakdown, i);
      char **cells = g_new0 (char *, 3);

      cells[0] = g_strdup (row->rule);
      cells[1] = rd_money_format (row->amount, currency);
      g_ptr_array_add (rules, cells);
    }
  {
    guint widths[2] = { display_width (rule_header[0]), display_width (rule_header[1]) };

    for (guint i = 0; i < rules->len; i++)
      for (guint c = 0; c < 2; c++)
        widths[c] = MAX (widths[c], display_width (((char **) g_ptr_array_index (rules, i))[c]));

    for (guint i = 0; i < rules->len; i++)
      {
        char **cells = g_ptr_array_index (rules, i);
        const RdCalcBreakdownRow *row = g_ptr_array_index (result->breakdown, i);

        g_print ("  ");
        print_cell (cells[0], widths[0], FALSE);
        g_print ("  ");
        print_cell (cells[1], widths[1], TRUE);
        g_print ("  %s\n", row->explanation);
      }
  }

  g_print ("\n");
#define TOTAL_ROW(label, value) G_STMT_START { \
    char **cells = g_new0 (char *, 3); \
    cells[0] = g_strdup (label); \
    cells[1] = (value); \
    g_ptr_array_add (totals, cells); \
  } G_STMT_END
  TOTAL_ROW (_("Goods"), rd_money_format (result->goods_refund, currency));
  TOTAL_ROW (_("Shipping"), rd_money_format (result->shipping_refund, currency));
  TOTAL_ROW (_("Return shipping"), rd_money_format (result->return_shipping_refund, currency));
  TOTAL_ROW (_("Deductions"), rd_money_format (-result->deductions_total, currency));
  TOTAL_ROW (_("Total"), rd_money_format (result->total, currency));
  if (result->has_total_cny)
    TOTAL_ROW (_("Total in CNY"), rd_money_format (result->total_cny, rd_currency_lookup ("CNY")));
  if (result->instalments->len > 1)
    for (guint i = 0; i < result->instalments->len; i++)
      {
        g_autofree char *label = g_strdup_printf (_("Instalment %u"), i + 1);
        TOTAL_ROW (label, rd_money_format (g_array_index (result->instalments, gint64, i), currency));
      }
#undef TOTAL_ROW
  print_table (NULL, totals, 2, 1);

  if (result->warnings->len > 0)
    {
      g_print ("\n%s\n", _("Warnings"));
      for (guint i = 0; i < result->warnings->len; i++)
        {
          const RdCalcWarning *warning = g_ptr_array_index (result->warnings, i);
          g_print ("  ! %s\n", warning->text);
        }
    }
}

/* Public API */

int
rd_cli_calc (int    argc,
             char **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(RdCalcInput) input = NULL;
  g_autoptr(RdCalcResult) result = NULL;
  g_autoptr(GError) error = NULL;
  RdCalcPolicy policy;
  const char *path = "-";
  gsize length = 0;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: json (default) or text"), N_("FORMAT") },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("Ledger file (default: the ledger in your data folder)"), N_("FILE") },
    { NULL }
  };

  if (!rd_cli_parse_options ("calc", "[FILE|-]",
                             _("Compute a refund from one order in JSON (a file, or the standard input)."),
                             entries, &argc, &argv))
    return RD_CLI_USAGE;

  if (format == NULL)
    format = g_strdup ("json");
  if (!g_str_equal (format, "json") && !g_str_equal (format, "text"))
    {
      g_printerr ("refund-desk calc: %s\n", _("--format must be json or text"));
      return RD_CLI_USAGE;
    }

  if (argc > 2)
    {
      g_printerr ("refund-desk calc: %s\n", _("Give one input file, or - for the standard input."));
      return RD_CLI_USAGE;
    }
  if (argc == 2)
    path = argv[1];

  if (!read_input (path, &contents, &length, &error))
    {
      g_printerr ("refund-desk calc: %s\n", error->message);
      return RD_CLI_USAGE;
    }

  if (!load_policy (db_path, &policy, &error))
    {
      g_printerr ("refund-desk calc: %s\n", error->message);
      return RD_CLI_PROBLEM;
    }

  input = rd_calc_input_from_json_data (contents, length, &policy, &error);
  if (input != NULL)
    result = rd_calc_compute (input, &policy, &error);
  if (result == NULL)
    {
      g_printerr ("%s\n", error->message);
      return RD_CLI_USAGE;
    }

  if (g_str_equal (format, "text"))
    {
      print_text (result);
    }
  else
    {
      g_autofree char *json = rd_calc_result_to_json_data (result, TRUE);
      g_print ("%s\n", json);
    }

  return RD_CLI_OK;
}
