/* rd-import-mapping.c
 *
 * A profile bound to one file: the header row found among the first rows,
 * the column of each field, the rows that are not data (comments,
 * explanations, totals), and which built-in profile a file is.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "rd-import-fields.h"
#include "rd-import-profile-private.h"

#define MAX_HEADER_ROWS 30

typedef struct
{
  int    columns[RD_IMPORT_FIELD_LAST];
  guint  n_fields;    /* fields found */
  guint  n_known;     /* cells the profile knows (read or not) */
  guint  n_required;  /* required fields missing */
} RowMatch;

/* Which fields the row's cells name, by the profile's spellings in order. */
static void
match_row (const RdImportProfile *profile,
           GHashTable            *known,
           const RdTableRow      *row,
           RowMatch              *match)
{
  g_autoptr(GHashTable) cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  memset (match, 0, sizeof *match);
  for (guint i = 0; i < RD_IMPORT_FIELD_LAST; i++)
    match->columns[i] = -1;

  for (guint c = 0; c < row->n_cells; c++)
    {
      char *norm = rd_import_normalise (row->cells[c]);

      if (*norm == '\0' || g_hash_table_contains (cells, norm))
        {
          g_free (norm);
          continue;
        }
      g_hash_table_insert (cells, norm, GUINT_TO_POINTER (c + 1));
      if (g_hash_table_contains (known, norm))
        match->n_known++;
    }

  for (guint f = 0; f < RD_IMPORT_FIELD_LAST; f++)
    {
      const char *const *headers = rd_import_profile_get_headers (profile, f);

      for (guint j = 0; headers != NULL && headers[j] != NULL; j++)
        {
          g_autofree char *norm = rd_import_normalise (headers[j]);
          guint column = GPOINTER_TO_UINT (g_hash_table_lookup (cells, norm));

          if (column != 0)
            {
              match->columns[f] = (int) column - 1;
              match->n_fields++;
              break;
            }
        }
      if (match->columns[f] < 0 && rd_import_profile_field_required (profile, f))
        match->n_required++;
    }
}

static guint
n_profile_fields (const RdImportProfile *profile)
{
  guint n = 0;

  for (guint f = 0; f < RD_IMPORT_FIELD_LAST; f++)
    if (rd_import_profile_get_headers (profile, f) != NULL)
      n++;
  return n;
}

/* Every header the profile reads or knows, normalised. */
static GHashTable *
known_headers (const RdImportProfile *profile)
{
  GHashTable *known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *const *ignored = rd_import_profile_get_ignored_headers (profile);

  for (guint f = 0; f < RD_IMPORT_FIELD_LAST; f++)
    {
      const char *const *headers = rd_import_profile_get_headers (profile, f);

      for (guint j = 0; headers != NULL && headers[j] != NULL; j++)
        g_hash_table_add (known, rd_import_normalise (headers[j]));
    }
  for (guint j = 0; ignored[j] != NULL; j++)
    g_hash_table_add (known, rd_import_normalise (ignored[j]));
  return known;
}

/* The row among the first ones that names most of the profile's fields
 * (at least two, or all of a profile that has fewer); FALSE when none. */
static gboolean
find_header (const RdImportProfile   *profile,
             const RdTableRow *const *rows,
             guint                    n_rows,
             guint                   *header_row,
             RowMatch                *best)
{
  guint needed = MIN (2, n_profile_fields (profile));
  g_autoptr(GHashTable) known = NULL;
  gboolean found = FALSE;

  if (needed == 0)
    return FALSE;
  known = known_headers (profile);
  for (guint r = 0; r < MIN (n_rows, MAX_HEADER_ROWS); r++)
    {
      RowMatch match;

      match_row (profile, known, rows[r], &match);
      if (match.n_fields >= needed && (!found || match.n_fields > best->n_fields))
        {
          *best = match;
          *header_row = r;
          found = TRUE;
        }
    }
  return found;
}

RdImportMapping *
rd_import_mapping_new (const RdImportProfile   *profile,
                       const RdTableRow *const *rows,
                       guint                    n_rows,
                       guint                   *header_row,
                       GError                 **error)
{
  RdImportMapping *mapping;
  RowMatch match;
  guint found_row = 0;

  g_return_val_if_fail (profile != NULL, NULL);
  g_return_val_if_fail (rows != NULL || n_rows == 0, NULL);

  if (!find_header (profile, rows, n_rows, &found_row, &match))
    {
      g_set_error (error, RD_IMPORT_PROFILE_ERROR, RD_IMPORT_PROFILE_ERROR_NO_HEADER,
                   _("None of the first %u rows is the header of a %s export."),
                   MIN (n_rows, MAX_HEADER_ROWS), rd_import_profile_get_name (profile));
      return NULL;
    }

  if (match.n_required > 0)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint f = 0; f < RD_IMPORT_FIELD_LAST; f++)
        if (match.columns[f] < 0 && rd_import_profile_field_required (profile, f))
          {
            if (names->len > 0)
              g_string_append (names, _(", "));
            /* TRANSLATORS: a missing column: its header in the file's language, then
             * what it holds, e.g. “退款编号” (after-sales number) */
            g_string_append_printf (names, _("“%s” (%s)"),
                                    rd_import_profile_get_headers (profile, f)[0],
                                    rd_import_field_get_name (f));
          }
      g_set_error (error, RD_IMPORT_PROFILE_ERROR, RD_IMPORT_PROFILE_ERROR_MISSING_COLUMN,
                   ngettext ("The file lacks the column %s.", "The file lacks the columns %s.",
                             match.n_required),
                   names->str);
      return NULL;
    }

  mapping = g_new0 (RdImportMapping, 1);
  mapping->profile = rd_import_profile_copy (profile);
  memcpy (mapping->columns, match.columns, sizeof match.columns);
  mapping->headers = g_ptr_array_new_with_free_func (g_free);
  for (guint c = 0; c < rows[found_row]->n_cells; c++)
    g_ptr_array_add (mapping->headers, g_strdup (rows[found_row]->cells[c]));
  mapping->header_number = rows[found_row]->number;
  if (header_row != NULL)
    *header_row = found_row;
  return mapping;
}

void
rd_import_mapping_free (RdImportMapping *mapping)
{
  if (mapping == NULL)
    return;
  rd_import_profile_free (mapping->profile);
  g_ptr_array_unref (mapping->headers);
  g_free (mapping);
}

const RdImportProfile *
rd_import_profile_detect (const RdTableRow *const *rows,
                          guint                   n_rows)
{
  const RdImportProfile *const *builtins = rd_import_profile_builtin ();
  const RdImportProfile *best = NULL;
  guint best_known = 0;
  gboolean tie = FALSE;

  for (guint i = 0; builtins[i] != NULL; i++)
    {
      RowMatch match;
      guint row;

      if (!find_header (builtins[i], rows, n_rows, &row, &match) || match.n_required > 0)
        continue;
      if (best == NULL || match.n_known > best_known)
        {
          best = builtins[i];
          best_known = match.n_known;
          tie = FALSE;
        }
      else if (match.n_known == best_known)
        tie = TRUE;
    }
  /* Two platforms that fit as well: the user says which. */
  return tie ? NULL : best;
}

const RdImportProfile *
rd_import_mapping_get_profile (RdImportMapping *mapping)
{
  return mapping->profile;
}

int
rd_import_mapping_get_column (RdImportMapping *mapping,
                              RdImportField    field)
{
  if ((guint) field >= RD_IMPORT_FIELD_LAST)
    return -1;
  return mapping->columns[field];
}

const char *
rd_import_mapping_get_header (RdImportMapping *mapping,
                              guint            column)
{
  if (column >= mapping->headers->len)
    return "";
  return mapping->headers->pdata[column];
}

static const char *
cell_of (const RdTableRow *row,
         int               column)
{
  if (column < 0 || (guint) column >= row->n_cells)
    return "";
  return row->cells[column];
}

static gboolean
is_total (const char *norm)
{
  static const char *const words[] = { "合计", "总计", "汇总", "total", "#", NULL };
  const char *p;

  for (guint i = 0; words[i] != NULL; i++)
    if (g_str_has_prefix (norm, words[i]))
      return TRUE;
  /* 共12笔, 共 3 条 */
  if (!g_str_has_prefix (norm, "共"))
    return FALSE;
  p = norm + strlen ("共");
  while (*p == ' ')
    p++;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p) || *p == ',' || *p == ' ')
    p++;
  return g_str_has_prefix (p, "笔") || g_str_has_prefix (p, "条");
}

static gboolean
has_non_ascii (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      return TRUE;
  return FALSE;
}

RdImportRowKind
rd_import_mapping_classify (RdImportMapping  *mapping,
                            const RdTableRow *row)
{
  g_autofree char *first = NULL;
  g_autofree char *key = NULL;
  int key_column;

  if (row->number <= mapping->header_number)
    return RD_IMPORT_ROW_SKIP;

  for (guint c = 0; c < row->n_cells && first == NULL; c++)
    {
      char *norm = rd_import_normalise (row->cells[c]);

      if (*norm != '\0')
        first = norm;
      else
        g_free (norm);
    }
  if (first == NULL || is_total (first))
    return RD_IMPORT_ROW_SKIP;

  key_column = mapping->columns[RD_IMPORT_FIELD_AFTER_SALES_NO];
  if (key_column < 0 || *cell_of (row, key_column) == '\0')
    key_column = mapping->columns[RD_IMPORT_FIELD_ORDER_NO];
  key = rd_import_normalise (cell_of (row, key_column));

  /* The header again (files put together from several exports). */
  if (key_column >= 0 && *key != '\0')
    {
      g_autofree char *header = rd_import_normalise (rd_import_mapping_get_header (mapping, key_column));

      if (g_str_equal (key, header))
        return RD_IMPORT_ROW_SKIP;
    }
  /* Under the header, before the data: a row that explains the columns
   * ("售后单的唯一编号") has words where the numbers go. */
  if (!mapping->seen_data && has_non_ascii (key))
    return RD_IMPORT_ROW_SKIP;

  mapping->seen_data = TRUE;
  return RD_IMPORT_ROW_DATA;
}
