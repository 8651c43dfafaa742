/* rd-audit-rows.c
 *
 * The rows of the audited tables in the audit chain. Each insert, update
 * and delete on one of them appends an entry (action "row", field the
 * table, old_value the row's key, new_value its state; or action
 * "row-removed" with no state), written by TEMP triggers of the app's own
 * connection that call the rd_audit_row SQL function. A write made by
 * another program (the sqlite3 shell) has no such entry, and verify, which
 * compares every row's state now with the chain's last entry for it, names
 * the row.
 *
 * A row's key: its primary key's columns as text, joined by ","; its rowid
 * when it has none. Its state: 64 hex digits of SHA-256 over "rd-row-1;",
 * the table's name and every column in the table's order, each encoded as
 * rd-audit-private.h says; then ":" and two hex digits per column, a short
 * digest of that column's encoding, by which verify names the column that
 * changed (a digest that happens to match names no column; the hash still
 * tells the row changed).
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rd-audit.h"
#include "rd-audit-private.h"
#include "rd-store-private.h"

typedef struct
{
  const char *table;
  const char *label;          /* with the row's name for %s */
  const char *name_column;    /* the column that names the row, or its key */
} AuditedTable;

/* In the order verify reads them. Not audited: what is derived from these
 * (search text, counts, case number counters), drafts, the log itself. */
static const AuditedTable audited_tables[] = {
  /* Translators: names of rows in verify's messages: "case RF-2026-000123". */
  { "cases", N_("case %s"), "case_no" },
  { "payouts", N_("payout %s"), NULL },
  { "evidence", N_("evidence %s"), NULL },
  { "attachments", N_("attachment %s"), NULL },
  { "intercepts", N_("intercept %s"), "tracking_no" },
  { "tracking_events", N_("tracking event %s"), NULL },
  { "claims", N_("claim %s"), NULL },
  { "scans", N_("scan %s"), NULL },
  { "operators", N_("operator %s"), NULL },
  { "reply_templates", N_("reply template %s"), NULL },
  { "holidays", N_("holiday %s"), NULL },
  { "makeup_workdays", N_("make-up working day %s"), NULL },
  { "meta", N_("setting %s"), NULL },
  { "imports", N_("import %s"), "file_name" },
  { "case_platform", N_("platform facts of case %s"), NULL },
  { "case_imports", N_("case of import %s"), NULL },
  { "import_profiles", N_("import profile %s"), NULL },
  { "order_counts", N_("order count %s"), NULL },
};

#define COLLECTOR_KEY "rd-audit-row-collector"

void
rd_audit_row_free (RdAuditRow *row)
{
  if (row == NULL)
    return;

  g_free (row->table);
  g_free (row->key);
  g_free (row->state);
  g_free (row);
}

static char *
quote_identifier (const char *name)
{
  GString *out = g_string_new ("\"");

  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

typedef struct
{
  GPtrArray *columns;         /* quoted names, the table's order */
  GPtrArray *names;           /* the same, as they are */
  GPtrArray *key_columns;     /* quoted, in the primary key's order */
} TableColumns;

static void
table_columns_clear (TableColumns *t)
{
  g_clear_pointer (&t->columns, g_ptr_array_unref);
  g_clear_pointer (&t->names, g_ptr_array_unref);
  g_clear_pointer (&t->key_columns, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TableColumns, table_columns_clear)

/* FALSE with no error when the table does not exist. */
static gboolean
read_table_columns (RdStore       *store,
                    const char    *table,
                    TableColumns  *t,
                    GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  int rc;

  stmt = rd_store_prepare (store, "SELECT name, pk FROM pragma_table_info (?1, 'main') ORDER BY cid", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);

  t->columns = g_ptr_array_new_with_free_func (g_free);
  t->names = g_ptr_array_new_with_free_func (g_free);
  t->key_columns = g_ptr_array_new ();
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char *quoted = quote_identifier ((const char *) sqlite3_column_text (stmt, 0));
      int pk = sqlite3_column_int (stmt, 1);

      g_ptr_array_add (t->columns, quoted);
      g_ptr_array_add (t->names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      if (pk > 0)
        {
          if ((guint) pk > keys->len)
            g_ptr_array_set_size (keys, pk);
          keys->pdata[pk - 1] = quoted;
        }
    }
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (store, rc, error);
      table_columns_clear (t);
      return FALSE;
    }
  for (guint i = 0; i < keys->len; i++)
    g_ptr_array_add (t->key_columns, keys->pdata[i]);

  if (t->columns->len == 0)
    {
      table_columns_clear (t);
      return FALSE;
    }
  return TRUE;
}

/* The key of the row named prefix (new, old, a table) as SQL. */
static char *
key_sql (const TableColumns *t,
         const char         *prefix)
{
  GString *sql = g_string_new (NULL);

  if (t->key_columns->len == 0)
    g_string_append_printf (sql, "CAST (%s.rowid AS TEXT)", prefix);
  for (guint i = 0; i < t->key_columns->len; i++)
    g_string_append_printf (sql, "%sCAST (%s.%s AS TEXT)", i > 0 ? " || ',' || " : "",
                            prefix, (const char *) t->key_columns->pdata[i]);
  return g_string_free (sql, FALSE);
}

static char *
columns_sql (const TableColumns *t,
             const char         *prefix)
{
  GString *sql = g_string_new (NULL);

  for (guint i = 0; i < t->columns->len; i++)
    g_string_append_printf (sql, "%s%s.%s", i > 0 ? ", " : "", prefix, (const char *) t->columns->pdata[i]);
  return g_string_free (sql, FALSE);
}

static guint8
digest_byte (const char *bytes,
             gsize       length)
{
  guint32 h = 2166136261u;

  for (gsize i = 0; i < length; i++)
    h = (h ^ (guint8) bytes[i]) * 16777619u;
  return (guint8) (h ^ (h >> 8) ^ (h >> 16) ^ (h >> 24));
}

/* The state of a row of table with n_values columns. */
static char *
row_state (const char     *table,
           int             n_values,
           sqlite3_value **values)
{
  g_autoptr(GString) encoded = g_string_new ("rd-row-1;");
  g_autoptr(GString) digests = g_string_new (NULL);
  g_autofree char *hash = NULL;

  _rd_audit_enc_text (encoded, table);
  for (int i = 0; i < n_values; i++)
    {
      gsize start = encoded->len;

      _rd_audit_enc_value (encoded, values[i]);
      guint8 digest = digest_byte (encoded->str + start, encoded->len - start);

      g_string_append_c (digests, "0123456789abcdef"[digest >> 4]);
      g_string_append_c (digests, "0123456789abcdef"[digest & 15]);
    }

  hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) encoded->str, encoded->len);
  return g_strconcat (hash, ":", digests->str, NULL);
}

void
rd_audit_row_to_entry (const RdAuditRow *row,
                       RdAuditEntry     *entry)
{
  entry->case_id = 0;
  entry->action = (char *) (row->state != NULL ? "row" : "row-removed");
  entry->field = row->table;
  entry->old_value = row->key;
  entry->new_value = row->state;
}

gboolean
rd_audit_record_row (RdStore           *store,
                     const RdAuditRow  *row,
                     const char        *operator,
                     GError           **error)
{
  RdAuditEntry entry = { 0 };

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (row != NULL, FALSE);

  rd_audit_row_to_entry (row, &entry);
  entry.operator = (char *) operator;
  return _rd_audit_append (store, &entry, error);
}

void
rd_audit_collect_rows (RdStore  *store,
                       gboolean  collect)
{
  g_return_if_fail (RD_IS_STORE (store));

  g_object_set_data_full (G_OBJECT (store), COLLECTOR_KEY,
                          collect ? g_ptr_array_new_with_free_func ((GDestroyNotify) rd_audit_row_free) : NULL,
                          (GDestroyNotify) g_ptr_array_unref);
}

GPtrArray *
rd_audit_take_rows (RdStore *store)
{
  GPtrArray *collector;
  GPtrArray *taken;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  collector = g_object_get_data (G_OBJECT (store), COLLECTOR_KEY);
  taken = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_audit_row_free);
  if (collector != NULL)
    {
      for (guint i = 0; i < collector->len; i++)
        g_ptr_array_add (taken, g_steal_pointer (&collector->pdata[i]));
      g_ptr_array_set_size (collector, 0);
    }
  return taken;
}

/* rd_audit_row (table, key, column…): the row's state after a write;
 * rd_audit_row (table, key): its removal. */
static void
on_audit_row (sqlite3_context  *context,
              int               argc,
              sqlite3_value   **argv)
{
  RdStore *store = sqlite3_user_data (context);
  g_autoptr(GError) error = NULL;
  GPtrArray *collector;
  RdAuditRow row;

  if (argc < 2 || sqlite3_value_type (argv[0]) != SQLITE_TEXT)
    {
      sqlite3_result_error (context, "rd_audit_row: a table and a key", -1);
      return;
    }

  row.table = (char *) sqlite3_value_text (argv[0]);
  row.key = (char *) sqlite3_value_text (argv[1]);
  row.state = argc > 2 ? row_state (row.table, argc - 2, argv + 2) : NULL;
  if (row.key == NULL)
    row.key = (char *) "";

  collector = g_object_get_data (G_OBJECT (store), COLLECTOR_KEY);
  if (collector != NULL)
    {
      RdAuditRow *copy = g_new0 (RdAuditRow, 1);

      copy->table = g_strdup (row.table);
      copy->key = g_strdup (row.key);
      copy->state = row.state;
      g_ptr_array_add (collector, copy);
      sqlite3_result_null (context);
      return;
    }

  if (!rd_audit_record_row (store, &row, NULL, &error))
    {
      sqlite3_result_error (context, error->message, -1);
    }
  else
    sqlite3_result_null (context);
  g_free (row.state);
}

/* The TEMP trigger that records each insert into table (t its columns). */
static char *
insert_trigger_sql (const char         *table,
                    const TableColumns *t)
{
  g_autofree char *quoted = quote_identifier (table);
  g_autofree char *new_key = key_sql (t, "new");
  g_autofree char *new_columns = columns_sql (t, "new");

  return g_strdup_printf ("DROP TRIGGER IF EXISTS temp.rd_audit_%s_ai;\n"
                          "CREATE TEMP TRIGGER rd_audit_%s_ai AFTER INSERT ON main.%s BEGIN\n"
                          "  SELECT rd_audit_row ('%s', %s, %s);\n"
                          "END;",
                          table, table, quoted, table, new_key, new_columns);
}

static const AuditedTable *
find_audited (const char *table)
{
  for (guint i = 0; i < G_N_ELEMENTS (audited_tables); i++)
    if (g_str_equal (audited_tables[i].table, table))
      return &audited_tables[i];
  return NULL;
}

gboolean
rd_audit_pause_inserts (RdStore     *store,
                        const char  *table,
                        GError     **error)
{
  g_autofree char *sql = NULL;
  const AuditedTable *audited;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  audited = find_audited (table);
  g_return_val_if_fail (audited != NULL, FALSE);

  /* A name of the table above, not user text. */
  sql = g_strdup_printf ("DROP TRIGGER IF EXISTS temp.rd_audit_%s_ai", audited->table);
  return rd_store_exec (store, sql, error);
}

gboolean
rd_audit_resume_inserts (RdStore     *store,
                         const char  *table,
                         GError     **error)
{
  g_auto(TableColumns) t = { NULL };
  g_autoptr(GError) local_error = NULL;
  g_autofree char *sql = NULL;
  const AuditedTable *audited;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  audited = find_audited (table);
  g_return_val_if_fail (audited != NULL, FALSE);

  if (!read_table_columns (store, audited->table, &t, &local_error))
    {
      if (local_error == NULL)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  sql = insert_trigger_sql (audited->table, &t);
  return rd_store_exec (store, sql, error);
}

gboolean
rd_audit_collect_inserted (RdStore     *store,
                           const char  *table,
                           const char  *column,
                           gint64       from,
                           gint64       to,
                           GError     **error)
{
  g_auto(TableColumns) t = { NULL };
  g_autoptr(GError) local_error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *quoted_column = NULL;
  g_autofree char *keys = NULL;
  g_autofree char *columns = NULL;
  g_autofree char *sql = NULL;
  const AuditedTable *audited;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (column != NULL, FALSE);
  audited = find_audited (table);
  g_return_val_if_fail (audited != NULL, FALSE);

  if (!read_table_columns (store, audited->table, &t, &local_error))
    {
      if (local_error == NULL)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  quoted = quote_identifier (audited->table);
  quoted_column = quote_identifier (column);
  keys = key_sql (&t, quoted);
  columns = columns_sql (&t, quoted);
  /* The same call as the trigger's, on the rows as they are now. */
  sql = g_strdup_printf ("SELECT rd_audit_row ('%s', %s, %s) FROM main.%s WHERE %s BETWEEN ?1 AND ?2 ORDER BY %s",
                         audited->table, keys, columns, quoted, quoted_column, quoted_column);
  stmt = rd_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
_rd_audit_rows_install (RdStore  *store,
                        GError  **error)
{
  sqlite3 *db = rd_store_get_db (store);
  int rc;

  /* The store owns the connection: the function cannot outlive it. */
  rc = sqlite3_create_function_v2 (db, "rd_audit_row", -1, SQLITE_UTF8, store,
                                   on_audit_row, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      rd_store_set_error_from_db (store, rc, error);
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (audited_tables); i++)
    {
      const char *table = audited_tables[i].table;
      g_auto(TableColumns) t = { NULL };
      g_autofree char *quoted = quote_identifier (table);
      g_autofree char *new_key = NULL;
      g_autofree char *old_key = NULL;
      g_autofree char *new_columns = NULL;
      g_autofree char *sql = NULL;
      g_autoptr(GError) local_error = NULL;

      if (!read_table_columns (store, table, &t, &local_error))
        {
          if (local_error == NULL)
            continue;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      new_key = key_sql (&t, "new");
      old_key = key_sql (&t, "old");
      new_columns = columns_sql (&t, "new");
      sql = g_strdup_printf ("DROP TRIGGER IF EXISTS temp.rd_audit_%s_ai;\n"
                             "DROP TRIGGER IF EXISTS temp.rd_audit_%s_au;\n"
                             "DROP TRIGGER IF EXISTS temp.rd_audit_%s_ad;\n"
                             "CREATE TEMP TRIGGER rd_audit_%s_ai AFTER INSERT ON main.%s BEGIN\n"
                             "  SELECT rd_audit_row ('%s', %s, %s);\n"
                             "END;\n"
                             "CREATE TEMP TRIGGER rd_audit_%s_au AFTER UPDATE ON main.%s BEGIN\n"
                             "  SELECT rd_audit_row ('%s', %s) WHERE %s IS NOT %s;\n"
                             "  SELECT rd_audit_row ('%s', %s, %s);\n"
                             "END;\n"
                             "CREATE TEMP TRIGGER rd_audit_%s_ad AFTER DELETE ON main.%s BEGIN\n"
                             "  SELECT rd_audit_row ('%s', %s);\n"
                             "END;",
                             table, table, table,
                             table, quoted, table, new_key, new_columns,
                             table, quoted, table, old_key, old_key, new_key, table, new_key, new_columns,
                             table, quoted, table, old_key);
      if (!rd_store_exec (store, sql, error))
        return FALSE;
    }
  return TRUE;
}

typedef struct
{
  gint64  id;                 /* the row's last entry */
  char   *state;              /* NULL: its removal */
} ChainRow;

static void
chain_row_free (ChainRow *row)
{
  g_free (row->state);
  g_free (row);
}

/* table → (key → ChainRow): the chain's last entry for each row. */
static GHashTable *
load_chain_rows (RdStore  *store,
                 gint64    from_id,
                 GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) tables = NULL;
  int rc;

  stmt = rd_store_prepare (store,
                           "SELECT id, field, old_value, new_value FROM audit_log"
                           " WHERE id >= ?1 AND action IN ('row', 'row-removed') ORDER BY id",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, from_id);

  tables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_hash_table_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *table = (const char *) sqlite3_column_text (stmt, 1);
      const char *key = (const char *) sqlite3_column_text (stmt, 2);
      GHashTable *rows;
      ChainRow *row;

      if (table == NULL || key == NULL)
        continue;
      rows = g_hash_table_lookup (tables, table);
      if (rows == NULL)
        {
          rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) chain_row_free);
          g_hash_table_insert (tables, g_strdup (table), rows);
        }
      row = g_new0 (ChainRow, 1);
      row->id = sqlite3_column_int64 (stmt, 0);
      row->state = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      g_hash_table_replace (rows, g_strdup (key), row);
    }
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&tables);
}

/* The row's name in a message: "case RF-2026-000123", "payout 17,1". */
static char *
describe_row (RdStore            *store,
              const AuditedTable *audited,
              const char         *key,
              const char         *name)
{
  g_autofree char *found = NULL;

  if (name == NULL && g_str_equal (audited->table, "cases"))
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;

      /* A case that is gone: its number from its creation's entry. */
      stmt = rd_store_prepare (store,
                               "SELECT new_value FROM audit_log WHERE case_id = CAST (?1 AS INTEGER)"
                               " AND action = 'create' AND field = 'case_no' ORDER BY id LIMIT 1", NULL);
      if (stmt != NULL)
        {
          sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            found = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
        }
    }

  return g_strdup_printf (_(audited->label), name != NULL ? name : found != NULL ? found : key);
}

/* The first column whose digest differs, or -1. */
static int
changed_column (const char *recorded,
                const char *now)
{
  const char *a = strchr (recorded, ':');
  const char *b = strchr (now, ':');

  if (a == NULL || b == NULL || strlen (a) != strlen (b))
    return -1;
  for (int i = 0; a[1 + 2 * i] != '\0'; i++)
    if (a[1 + 2 * i] != b[1 + 2 * i] || a[2 + 2 * i] != b[2 + 2 * i])
      return i;
  return -1;
}

static int
compare_chain_rows (gconstpointer a,
                    gconstpointer b)
{
  const ChainRow *x = *(ChainRow * const *) a;
  const ChainRow *y = *(ChainRow * const *) b;

  return x->id < y->id ? -1 : x->id > y->id;
}

/* One audited table against the chain: verify (sync FALSE) stops at the
 * first row that differs; sync records what differs. */
static gboolean
check_table (RdStore            *store,
             const AuditedTable *audited,
             GHashTable         *chain,
             gboolean            sync,
             gint64             *first_bad_id,
             GError            **error)
{
  g_auto(TableColumns) t = { NULL };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  g_autoptr(GPtrArray) gone = g_ptr_array_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *quoted = quote_identifier (audited->table);
  g_autofree char *keys = NULL;
  g_autofree char *columns = NULL;
  g_autofree char *sql = NULL;
  GHashTable *rows = g_hash_table_lookup (chain, audited->table);
  GHashTableIter iter;
  gpointer value;
  int name_index = -1;
  int rc;

  if (!read_table_columns (store, audited->table, &t, &local_error))
    {
      if (local_error == NULL)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  for (guint i = 0; i < t.names->len; i++)
    if (g_strcmp0 (t.names->pdata[i], audited->name_column) == 0)
      name_index = (int) i;

  keys = key_sql (&t, quoted);
  columns = columns_sql (&t, quoted);
  sql = g_strdup_printf ("SELECT %s, %s FROM main.%s", keys, columns, quoted);
  stmt = rd_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;

  g_ptr_array_set_size (values, t.columns->len);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);
      g_autofree char *state = NULL;
      g_autofree char *key_copy = g_strdup (key != NULL ? key : "");
      ChainRow *recorded;
      const char *problem = NULL;
      int column = -1;

      for (guint i = 0; i < t.columns->len; i++)
        values->pdata[i] = sqlite3_column_value (stmt, (int) i + 1);
      state = row_state (audited->table, (int) t.columns->len, (sqlite3_value **) values->pdata);

      recorded = rows != NULL ? g_hash_table_lookup (rows, key_copy) : NULL;
      if (recorded == NULL || recorded->state == NULL)
        problem = _("%s has no audit entry: it was added behind the app’s back.");
      else if (strncmp (recorded->state, state, 64) != 0)
        {
          column = changed_column (recorded->state, state);
          problem = column >= 0 ? _("%s: %s changed behind the app’s back.")
                                : _("%s was changed behind the app’s back.");
        }

      if (problem != NULL && sync)
        {
          RdAuditRow row = { (char *) audited->table, key_copy, state };

          if (!rd_audit_record_row (store, &row, NULL, error))
            return FALSE;
        }
      else if (problem != NULL)
        {
          g_autofree char *name = NULL;
          const char *name_value = name_index >= 0 ? (const char *) sqlite3_column_text (stmt, name_index + 1) : NULL;

          name = describe_row (store, audited, key_copy, name_value);
          if (first_bad_id != NULL)
            *first_bad_id = recorded != NULL ? recorded->id : -1;
          g_set_error (error, RD_AUDIT_ERROR, RD_AUDIT_ERROR_TAMPERED, problem, name,
                       column >= 0 ? (const char *) t.names->pdata[column] : NULL);
          return FALSE;
        }

      if (rows != NULL)
        g_hash_table_remove (rows, key_copy);
    }
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (store, rc, error);
      return FALSE;
    }

  if (rows == NULL)
    return TRUE;

  /* What the chain holds and the table does not. */
  g_hash_table_iter_init (&iter, rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((ChainRow *) value)->state != NULL)
      g_ptr_array_add (gone, value);
  if (gone->len == 0)
    return TRUE;
  g_ptr_array_sort (gone, compare_chain_rows);

  g_hash_table_iter_init (&iter, rows);
  while (g_hash_table_iter_next (&iter, &value, NULL))
    {
      ChainRow *recorded = g_hash_table_lookup (rows, value);
      g_autofree char *name = NULL;

      if (recorded->state == NULL || recorded != gone->pdata[0])
        {
          if (recorded->state != NULL && sync)
            {
              RdAuditRow row = { (char *) audited->table, value, NULL };

              if (!rd_audit_record_row (store, &row, NULL, error))
                return FALSE;
            }
          continue;
        }

      if (sync)
        {
          RdAuditRow row = { (char *) audited->table, value, NULL };

          if (!rd_audit_record_row (store, &row, NULL, error))
            return FALSE;
          continue;
        }

      name = describe_row (store, audited, value, NULL);
      if (first_bad_id != NULL)
        *first_bad_id = recorded->id;
      g_set_error (error, RD_AUDIT_ERROR, RD_AUDIT_ERROR_TAMPERED,
                   _("%s was deleted behind the app’s back."), name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_rows (RdStore  *store,
            gint64    from_id,
            gboolean  sync,
            gint64   *first_bad_id,
            GError  **error)
{
  g_autoptr(GHashTable) chain = load_chain_rows (store, from_id, error);

  if (chain == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (audited_tables); i++)
    if (!check_table (store, &audited_tables[i], chain, sync, first_bad_id, error))
      return FALSE;
  return TRUE;
}

gboolean
_rd_audit_rows_sync (RdStore  *store,
                     GError  **error)
{
  gint64 from_id = 1;
  g_autoptr(sqlite3_stmt) stmt = rd_store_prepare (store, "SELECT format2_from FROM audit_head WHERE id = 1", error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    from_id = sqlite3_column_int64 (stmt, 0);
  return check_rows (store, from_id, TRUE, NULL, error);
}

gboolean
_rd_audit_rows_verify (RdStore  *store,
                       gint64    from_id,
                       gint64   *first_bad_id,
                       GError  **error)
{
  return check_rows (store, from_id, FALSE, first_bad_id, error);
}
