/* rd-id-table.h
 *
 * The shared form of the core's enumeration tables: each value has a stable
 * id (stored in the database and files) and a translatable display name.
 * Entry 0 of a table is the "none" value and has no id.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *id;
  const char *name;   /* N_() */
} RdIdLabel;

const char *rd_id_table_to_id    (const RdIdLabel *table,
                                  int              n_entries,
                                  int              value);
int         rd_id_table_from_id  (const RdIdLabel *table,
                                  int              n_entries,
                                  const char      *id);
const char *rd_id_table_get_name (const RdIdLabel *table,
                                  int              n_entries,
                                  int              value);

/* Defines prefix_to_id(), prefix_from_id() and prefix_get_name() for an
 * enumeration Type whose values 1 .. last-1 are described by table. */
#define RD_ID_TABLE_DEFINE(Type, prefix, table, last)              \
  const char *                                                    \
  prefix##_to_id (Type value)                                     \
  {                                                               \
    return rd_id_table_to_id (table, (int) last, (int) value);    \
  }                                                               \
  Type                                                            \
  prefix##_from_id (const char *id)                               \
  {                                                               \
    return (Type) rd_id_table_from_id (table, (int) last, id);    \
  }                                                               \
  const char *                                                    \
  prefix##_get_name (Type value)                                  \
  {                                                               \
    return rd_id_table_get_name (table, (int) last, (int) value); \
  }

G_END_DECLS
