/* rd-id-table.c
 *
 * Lookups in the core's enumeration tables (see rd-id-table.h).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-id-table.h"

const char *
rd_id_table_to_id (const RdIdLabel *table,
                   int              n_entries,
                   int              value)
{
  if (value <= 0 || value >= n_entries)
    return NULL;
  return table[value].id;
}

/* Returns 0 (the "none" value) for NULL or an unknown id. */
int
rd_id_table_from_id (const RdIdLabel *table,
                     int              n_entries,
                     const char      *id)
{
  if (id == NULL)
    return 0;
  for (int i = 1; i < n_entries; i++)
    if (g_str_equal (table[i].id, id))
      return i;
  return 0;
}

const char *
rd_id_table_get_name (const RdIdLabel *table,
                      int              n_entries,
                      int              value)
{
  if (value <= 0 || value >= n_entries)
    return "";
  return _(table[value].name);
}
