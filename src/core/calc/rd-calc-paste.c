/* rd-calc-paste.c
 *
 * Pasted order lines → RdCalcLine, row by row.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-calc-paste.h"

/* Largest quantity accepted in a pasted row. */
#define MAX_QUANTITY G_GINT64_CONSTANT (1000000000)

static char **
split_row (const char *row)
{
  g_auto(GStrv) cells = NULL;

  if (strchr (row, '\t') != NULL)
    cells = g_strsplit (row, "\t", -1);
  else
    cells = g_strsplit (row, ",", -1);

  for (guint i = 0; cells[i] != NULL; i++)
    {
      char *cell = g_strstrip (cells[i]);
      gsize len = strlen (cell);

      if (len >= 2 && cell[0] == '"' && cell[len - 1] == '"')
        {
          memmove (cell, cell + 1, len - 2);
          cell[len - 2] = '\0';
          g_strstrip (cell);
        }
    }

  return g_steal_pointer (&cells);
}

/* TRUE when text is a whole number in [min, MAX_QUANTITY]. */
static gboolean
parse_quantity (const char *text,
                gint64      min,
                gint64     *out)
{
  guint64 value = 0;

  if (text == NULL || *text == '\0')
    return FALSE;
  if (!g_ascii_string_to_unsigned (text, 10, min, MAX_QUANTITY, &value, NULL))
    return FALSE;
  *out = (gint64) value;
  return TRUE;
}

static void
add_problem (GPtrArray  **problems,
             guint        row,
             const char  *message)
{
  if (problems == NULL)
    return;
  if (*problems == NULL)
    *problems = g_ptr_array_new_with_free_func (g_free);
  /* TRANSLATORS: "Row 3: the quantity “x” is not a whole number" */
  g_ptr_array_add (*problems, g_strdup_printf (_("Row %u: %s"), row, message));
}

GPtrArray *
rd_calc_paste_parse (const char        *text,
                     const RdCurrency  *currency,
                     GPtrArray        **problems)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_calc_line_free);
  g_auto(GStrv) rows = NULL;
  gboolean first = TRUE;

  g_return_val_if_fail (text != NULL, NULL);

  if (currency == NULL)
    currency = rd_currency_default ();

  rows = g_strsplit (text, "\n", -1);
  for (guint r = 0; rows[r] != NULL; r++)
    {
      g_auto(GStrv) cells = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *message = NULL;
      guint n_cells;
      gint64 price = 0, quantity = 0, refund = 0;
      gboolean price_ok, quantity_ok;
      RdCalcLine *line;

      g_strchomp (rows[r]);
      if (*g_strstrip (rows[r]) == '\0')
        continue;

      cells = split_row (rows[r]);
      n_cells = g_strv_length (cells);

      price_ok = n_cells >= 3 && rd_money_parse (cells[2], currency, &price, &error);
      quantity_ok = n_cells >= 4 && parse_quantity (cells[3], 1, &quantity);

      if (first && n_cells >= 4 && !quantity_ok && !price_ok)
        {
          first = FALSE;
          continue;   /* a header row */
        }
      first = FALSE;

      if (n_cells < 4 || n_cells > 5)
        {
          message = g_strdup_printf (ngettext ("expected name, SKU, price, quantity and optionally the quantity refunded now, found %u cell",
                                               "expected name, SKU, price, quantity and optionally the quantity refunded now, found %u cells",
                                               n_cells), n_cells);
          add_problem (problems, r + 1, message);
          continue;
        }

      if (!price_ok)
        {
          add_problem (problems, r + 1, error->message);
          continue;
        }

      if (price < 0)
        {
          message = g_strdup_printf (_("the price “%s” is negative"), cells[2]);
          add_problem (problems, r + 1, message);
          continue;
        }

      if (!quantity_ok)
        {
          message = g_strdup_printf (_("the quantity “%s” is not a whole number of at least 1"), cells[3]);
          add_problem (problems, r + 1, message);
          continue;
        }

      refund = quantity;
      if (n_cells == 5 && *cells[4] != '\0' && !parse_quantity (cells[4], 0, &refund))
        {
          message = g_strdup_printf (_("the quantity refunded now “%s” is not a whole number"), cells[4]);
          add_problem (problems, r + 1, message);
          continue;
        }

      line = rd_calc_line_new (*cells[1] != '\0' ? cells[1] : NULL,
                               *cells[0] != '\0' ? cells[0] : NULL,
                               price, quantity);
      line->refund_quantity = refund;
      g_ptr_array_add (lines, line);
    }

  return g_steal_pointer (&lines);
}
