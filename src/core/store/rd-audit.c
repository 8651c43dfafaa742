/* rd-audit.c
 *
 * Tables (schema version of the workflow migration):
 *   audit_log  (id, case_id, at, operator, action, field, old_value,
 *               new_value, prev_hash, hash)
 *   audit_head (one row: last_id, last_hash, n_entries) — so that entries
 *               removed from the end of the log are noticed too.
 *
 * Two encodings of an entry for its hash; audit_head.format2_from (schema
 * version 11) is the first entry of the second:
 *  - "rd-audit-1" (entries before it): SHA-256 over "rd-audit-1;" and
 *    prev_hash, id, case_id, at, operator, action, field, old_value,
 *    new_value, each "N;" for NULL or "S<byte length>:<bytes>;". A case_id
 *    of 0 encoded as NULL and a value was read up to its first NUL.
 *  - "rd-audit-2" (from it on): the same fields, each typed as SQLite holds
 *    it (rd-audit-private.h: "N;", "I<decimal>;", "T<bytes>:<bytes>;", …)
 *    and read whole, so that NULL, 0 and "" differ and a byte after a NUL
 *    counts. Verify hashes the stored values themselves.
 *
 * The rows of the audited tables are in the chain too (rd-audit-rows.c).
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rd-audit.h"
#include "rd-audit-private.h"
#include "rd-store-private.h"

G_DEFINE_QUARK (rd-audit-error-quark, rd_audit_error)

#define ENTRY_COLUMNS "id, case_id, at, operator, action, field, old_value, new_value, prev_hash, hash"

void
rd_audit_entry_free (RdAuditEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->operator);
  g_free (entry->action);
  g_free (entry->field);
  g_free (entry->old_value);
  g_free (entry->new_value);
  g_free (entry->prev_hash);
  g_free (entry->hash);
  g_free (entry);
}

/* The decimal digits of value, with a '-' when negative, ending at end
 * (exclusive); returns where they begin. */
static char *
format_decimal (char    *end,
                gint64   value)
{
  guint64 magnitude = value < 0 ? 0 - (guint64) value : (guint64) value;
  char *p = end;

  do
    *--p = (char) ('0' + magnitude % 10);
  while ((magnitude /= 10) != 0);
  if (value < 0)
    *--p = '-';
  return p;
}

static void
encode_bytes (GString    *out,
              const char *value,
              gsize       length)
{
  char buffer[24];
  char *digits = format_decimal (buffer + sizeof buffer, (gint64) length);

  g_string_append_c (out, 'S');
  g_string_append_len (out, digits, buffer + sizeof buffer - digits);
  g_string_append_c (out, ':');
  g_string_append_len (out, value, length);
  g_string_append_c (out, ';');
}

static void
encode_text (GString    *out,
             const char *value)
{
  if (value == NULL)
    g_string_append (out, "N;");
  else
    encode_bytes (out, value, strlen (value));
}

static void
encode_int (GString *out,
            gint64   value)
{
  char buffer[24];
  char *digits = format_decimal (buffer + sizeof buffer, value);

  encode_bytes (out, digits, buffer + sizeof buffer - digits);
}

static char *
compute_hash_v1 (const RdAuditEntry *entry)
{
  g_autoptr(GString) encoded = g_string_new ("rd-audit-1;");

  encode_text (encoded, entry->prev_hash != NULL ? entry->prev_hash : "");
  encode_int (encoded, entry->id);
  if (entry->case_id > 0)
    encode_int (encoded, entry->case_id);
  else
    encode_text (encoded, NULL);
  encode_int (encoded, entry->at);
  encode_text (encoded, entry->operator);
  encode_text (encoded, entry->action);
  encode_text (encoded, entry->field);
  encode_text (encoded, entry->old_value);
  encode_text (encoded, entry->new_value);

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                      (const guchar *) encoded->str, encoded->len);
}

void
_rd_audit_enc_null (GString *out)
{
  g_string_append (out, "N;");
}

void
_rd_audit_enc_int (GString *out,
                   gint64   value)
{
  char buffer[24];
  char *digits = format_decimal (buffer + sizeof buffer, value);

  g_string_append_c (out, 'I');
  g_string_append_len (out, digits, buffer + sizeof buffer - digits);
  g_string_append_c (out, ';');
}

static void
enc_len (GString    *out,
         char        tag,
         const void *bytes,
         gsize       length)
{
  char buffer[24];
  char *digits = format_decimal (buffer + sizeof buffer, (gint64) length);

  g_string_append_c (out, tag);
  g_string_append_len (out, digits, buffer + sizeof buffer - digits);
  g_string_append_c (out, ':');
  g_string_append_len (out, bytes, length);
  g_string_append_c (out, ';');
}

void
_rd_audit_enc_text (GString    *out,
                    const char *value)
{
  if (value == NULL)
    _rd_audit_enc_null (out);
  else
    enc_len (out, 'T', value, strlen (value));
}

void
_rd_audit_enc_value (GString       *out,
                     sqlite3_value *value)
{
  switch (sqlite3_value_type (value))
    {
    case SQLITE_INTEGER:
      _rd_audit_enc_int (out, sqlite3_value_int64 (value));
      break;

    case SQLITE_FLOAT:
      {
        double d = sqlite3_value_double (value);
        guint64 bits;

        memcpy (&bits, &d, sizeof bits);
        g_string_append_printf (out, "F%016" G_GINT64_MODIFIER "x;", bits);
      }
      break;

    case SQLITE_TEXT:
      {
        const void *text = sqlite3_value_text (value);

        enc_len (out, 'T', text, (gsize) sqlite3_value_bytes (value));
      }
      break;

    case SQLITE_BLOB:
      {
        const void *blob = sqlite3_value_blob (value);

        enc_len (out, 'B', blob, (gsize) sqlite3_value_bytes (value));
      }
      break;

    default:
      _rd_audit_enc_null (out);
      break;
    }
}

char *
rd_audit_compute_hash (const RdAuditEntry *entry)
{
  g_autoptr(GString) encoded = g_string_new ("rd-audit-2;");

  g_return_val_if_fail (entry != NULL, NULL);

  _rd_audit_enc_text (encoded, entry->prev_hash != NULL ? entry->prev_hash : "");
  _rd_audit_enc_int (encoded, entry->id);
  if (entry->case_id > 0)
    _rd_audit_enc_int (encoded, entry->case_id);
  else
    _rd_audit_enc_null (encoded);
  _rd_audit_enc_int (encoded, entry->at);
  _rd_audit_enc_text (encoded, entry->operator);
  _rd_audit_enc_text (encoded, entry->action);
  _rd_audit_enc_text (encoded, entry->field);
  _rd_audit_enc_text (encoded, entry->old_value);
  _rd_audit_enc_text (encoded, entry->new_value);

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                      (const guchar *) encoded->str, encoded->len);
}

/* The second encoding of the row walk (ENTRY_COLUMNS) as stored. */
static char *
compute_stored_hash_v2 (sqlite3_stmt *stmt)
{
  g_autoptr(GString) encoded = g_string_new ("rd-audit-2;");
  static const int order[] = { 8, 0, 1, 2, 3, 4, 5, 6, 7 };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    _rd_audit_enc_value (encoded, sqlite3_column_value (stmt, order[i]));

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                      (const guchar *) encoded->str, encoded->len);
}

static char *
dup_column_text (sqlite3_stmt *stmt,
                 int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static RdAuditEntry *
entry_from_row (sqlite3_stmt *stmt)
{
  RdAuditEntry *entry = g_new0 (RdAuditEntry, 1);

  entry->id = sqlite3_column_int64 (stmt, 0);
  entry->case_id = sqlite3_column_int64 (stmt, 1);
  entry->at = sqlite3_column_int64 (stmt, 2);
  entry->operator = dup_column_text (stmt, 3);
  entry->action = dup_column_text (stmt, 4);
  entry->field = dup_column_text (stmt, 5);
  entry->old_value = dup_column_text (stmt, 6);
  entry->new_value = dup_column_text (stmt, 7);
  entry->prev_hash = dup_column_text (stmt, 8);
  entry->hash = dup_column_text (stmt, 9);

  return entry;
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *value)
{
  if (value == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

/* The three statements of a record, prepared once per store: a bulk import
 * records one entry per case. */
typedef struct
{
  sqlite3      *db;       /* a new ledger is built on another connection */
  sqlite3_stmt *head;
  sqlite3_stmt *insert;
  sqlite3_stmt *update;
} RecordStatements;

static void
record_statements_free (gpointer data)
{
  RecordStatements *s = data;

  g_clear_pointer (&s->head, sqlite3_finalize);
  g_clear_pointer (&s->insert, sqlite3_finalize);
  g_clear_pointer (&s->update, sqlite3_finalize);
  g_free (s);
}

static RecordStatements *
get_record_statements (RdStore  *store,
                       GError  **error)
{
  RecordStatements *s = g_object_get_data (G_OBJECT (store), "rd-audit-record-statements");

  if (s != NULL && s->db == rd_store_get_db (store))
    return s;

  s = g_new0 (RecordStatements, 1);
  s->db = rd_store_get_db (store);
  s->head = rd_store_prepare (store,
                              "SELECT last_hash, n_entries,"
                              " (SELECT COALESCE (MAX (id), 0) FROM audit_log)"
                              " FROM audit_head WHERE id = 1", error);
  if (s->head != NULL)
    s->insert = rd_store_prepare (store,
                                  "INSERT INTO audit_log (" ENTRY_COLUMNS ")"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", error);
  if (s->insert != NULL)
    s->update = rd_store_prepare (store,
                                  "UPDATE audit_head SET last_id = ?1, last_hash = ?2, n_entries = ?3"
                                  " WHERE id = 1", error);
  if (s->update == NULL)
    {
      record_statements_free (s);
      return NULL;
    }

  g_object_set_data_full (G_OBJECT (store), "rd-audit-record-statements", s, record_statements_free);
  return s;
}

static gboolean
record_locked (RdStore           *store,
               RecordStatements  *s,
               RdAuditEntry      *entry,
               GError           **error)
{
  g_autofree char *prev_hash = NULL;
  g_autofree char *hash = NULL;
  gint64 n_entries;
  int rc;

  rc = sqlite3_step (s->head);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error_literal (error, RD_AUDIT_ERROR, RD_AUDIT_ERROR_FAILED,
                             _("The audit log of this ledger is damaged: its head record is missing."));
      else
        rd_store_set_error_from_db (store, rc, error);
      return FALSE;
    }

  prev_hash = g_strdup ((const char *) sqlite3_column_text (s->head, 0));
  n_entries = sqlite3_column_int64 (s->head, 1);
  entry->id = sqlite3_column_int64 (s->head, 2) + 1;
  entry->prev_hash = prev_hash;
  hash = rd_audit_compute_hash (entry);
  entry->prev_hash = NULL;

  sqlite3_bind_int64 (s->insert, 1, entry->id);
  if (entry->case_id > 0)
    sqlite3_bind_int64 (s->insert, 2, entry->case_id);
  else
    sqlite3_bind_null (s->insert, 2);
  sqlite3_bind_int64 (s->insert, 3, entry->at);
  sqlite3_bind_text (s->insert, 4, entry->operator, -1, SQLITE_STATIC);
  sqlite3_bind_text (s->insert, 5, entry->action, -1, SQLITE_STATIC);
  bind_text_or_null (s->insert, 6, entry->field);
  bind_text_or_null (s->insert, 7, entry->old_value);
  bind_text_or_null (s->insert, 8, entry->new_value);
  sqlite3_bind_text (s->insert, 9, prev_hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (s->insert, 10, hash, -1, SQLITE_STATIC);
  rc = sqlite3_step (s->insert);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (store, rc, error);
      return FALSE;
    }

  sqlite3_bind_int64 (s->update, 1, entry->id);
  sqlite3_bind_text (s->update, 2, hash, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (s->update, 3, n_entries + 1);
  rc = sqlite3_step (s->update);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (store, rc, error);
      return FALSE;
    }

  return TRUE;
}

gboolean
_rd_audit_append (RdStore       *store,
                  RdAuditEntry  *entry,
                  GError       **error)
{
  RecordStatements *s;
  gboolean ok;

  s = get_record_statements (store, error);
  if (s == NULL)
    return FALSE;

  if (entry->case_id < 0)
    entry->case_id = 0;
  /* 0: now; a caller with its own clock (the PIN lockout's tests) gives it. */
  if (entry->at == 0)
    entry->at = g_get_real_time () / G_USEC_PER_SEC;
  if (entry->operator == NULL)
    entry->operator = (char *) "";

  ok = record_locked (store, s, entry, error);

  sqlite3_reset (s->head);
  sqlite3_reset (s->insert);
  sqlite3_reset (s->update);
  sqlite3_clear_bindings (s->insert);
  sqlite3_clear_bindings (s->update);
  return ok;
}

gboolean
rd_audit_record (RdStore     *store,
                 gint64       case_id,
                 const char  *operator,
                 const char  *action,
                 const char  *field,
                 const char  *old_value,
                 const char  *new_value,
                 GError     **error)
{
  return rd_audit_record_at (store, case_id, g_get_real_time () / G_USEC_PER_SEC,
                             operator, action, field, old_value, new_value, error);
}

gboolean
rd_audit_record_at (RdStore     *store,
                    gint64       case_id,
                    gint64       at,
                    const char  *operator,
                    const char  *action,
                    const char  *field,
                    const char  *old_value,
                    const char  *new_value,
                    GError     **error)
{
  RdAuditEntry entry = { 0 };

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (action != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (sqlite3_get_autocommit (rd_store_get_db (store)))
    {
      g_set_error_literal (error, RD_AUDIT_ERROR, RD_AUDIT_ERROR_NO_TRANSACTION,
                           _("The change could not be recorded in the audit log: it was not made in a transaction."));
      return FALSE;
    }

  entry.case_id = case_id;
  entry.at = at;
  entry.operator = (char *) operator;
  entry.action = (char *) action;
  entry.field = (char *) field;
  entry.old_value = (char *) old_value;
  entry.new_value = (char *) new_value;
  return _rd_audit_append (store, &entry, error);
}

static char *
describe_entry (const RdAuditEntry *entry)
{
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (entry->at);
  g_autofree char *when = at != NULL ? g_date_time_format (at, "%Y-%m-%d %H:%M:%S") : g_strdup ("?");
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, entry->id);

  /* Its field is named in words by whoever knows the cases (the store
   * knows only the column's key): `refund-desk verify` adds it. */
  /* Translators: an audit entry: its number and its time. */
  return g_strdup_printf (_("entry %s of %s"), id, when);
}

gboolean
rd_audit_verify (RdStore  *store,
                 gint64   *n_entries,
                 gint64   *first_bad_id,
                 GError  **error)
{
  g_autoptr(sqlite3_stmt) walk = NULL;
  g_autoptr(sqlite3_stmt) head = NULL;
  g_autofree char *expected_prev = g_strdup ("");
  gint64 last_id = 0;
  gint64 count = 0;
  gint64 head_last_id;
  gint64 head_count;
  gint64 format2_from;
  const char *head_hash;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (first_bad_id != NULL)
    *first_bad_id = 0;
  if (n_entries != NULL)
    *n_entries = 0;

  walk = rd_store_prepare (store, "SELECT " ENTRY_COLUMNS " FROM audit_log ORDER BY id", error);
  if (walk == NULL)
    return FALSE;

  head = rd_store_prepare (store,
                           rd_store_get_schema_version (store) >= RD_AUDIT_ROWS_SCHEMA_VERSION
                           ? "SELECT last_id, last_hash, n_entries, format2_from FROM audit_head WHERE id = 1"
                           : "SELECT last_id, last_hash, n_entries, NULL FROM audit_head WHERE id = 1",
                           error);
  if (head == NULL)
    return FALSE;
  rc = sqlite3_step (head);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        {
          rd_store_set_error_from_db (store, rc, error);
          return FALSE;
        }
      if (first_bad_id != NULL)
        *first_bad_id = -1;
      g_set_error_literal (error, RD_AUDIT_ERROR, RD_AUDIT_ERROR_TAMPERED,
                           _("The audit log’s head record was removed behind the app’s back."));
      return FALSE;
    }
  head_last_id = sqlite3_column_int64 (head, 0);
  head_hash = (const char *) sqlite3_column_text (head, 1);
  head_count = sqlite3_column_int64 (head, 2);
  format2_from = sqlite3_column_type (head, 3) == SQLITE_NULL ? G_MAXINT64 : sqlite3_column_int64 (head, 3);

  while ((rc = sqlite3_step (walk)) == SQLITE_ROW)
    {
      g_autoptr(RdAuditEntry) entry = entry_from_row (walk);
      g_autofree char *hash = NULL;
      const char *problem = NULL;

      hash = entry->id >= format2_from ? compute_stored_hash_v2 (walk) : compute_hash_v1 (entry);

      if (entry->id > head_last_id)
        problem = _("Audit %s was added behind the app’s back.");
      else if (g_strcmp0 (entry->prev_hash, expected_prev) != 0)
        problem = _("Audit %s does not follow the entry before it: an entry was removed, inserted or changed.");
      else if (g_strcmp0 (entry->hash, hash) != 0)
        problem = _("Audit %s was changed behind the app’s back.");

      if (problem != NULL)
        {
          g_autofree char *described = describe_entry (entry);

          if (first_bad_id != NULL)
            *first_bad_id = entry->id;
          g_set_error (error, RD_AUDIT_ERROR, RD_AUDIT_ERROR_TAMPERED, problem, described);
          return FALSE;
        }

      g_free (expected_prev);
      expected_prev = g_steal_pointer (&entry->hash);
      last_id = entry->id;
      count++;
    }

  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (store, rc, error);
      return FALSE;
    }

  if (last_id != head_last_id || count != head_count || g_strcmp0 (expected_prev, head_hash) != 0)
    {
      g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, head_last_id);

      if (first_bad_id != NULL)
        *first_bad_id = -1;
      g_set_error (error, RD_AUDIT_ERROR, RD_AUDIT_ERROR_TAMPERED,
                   _("Audit entries at the end of the log were removed behind the app’s back: it should end with entry %s."),
                   id_text);
      return FALSE;
    }

  if (format2_from != G_MAXINT64 &&
      !_rd_audit_rows_verify (store, format2_from, first_bad_id, error))
    return FALSE;

  if (n_entries != NULL)
    *n_entries = count;
  return TRUE;
}

gboolean
rd_audit_get_head (RdStore  *store,
                   gint64   *last_id,
                   char    **last_hash,
                   GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);

  stmt = rd_store_prepare (store, "SELECT last_id, last_hash FROM audit_head WHERE id = 1", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error_literal (error, RD_AUDIT_ERROR, RD_AUDIT_ERROR_FAILED,
                             _("The audit log of this ledger is damaged: its head record is missing."));
      else
        rd_store_set_error_from_db (store, rc, error);
      return FALSE;
    }
  if (last_id != NULL)
    *last_id = sqlite3_column_int64 (stmt, 0);
  if (last_hash != NULL)
    *last_hash = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  return TRUE;
}

GPtrArray *
rd_audit_list_for_case (RdStore  *store,
                        gint64    case_id,
                        GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  stmt = rd_store_prepare (store,
                           "SELECT " ENTRY_COLUMNS " FROM audit_log WHERE case_id = ?1 ORDER BY id",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, case_id);

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_audit_entry_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entries, entry_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (store, rc, error);
      return NULL;
    }

  return g_steal_pointer (&entries);
}

RdAuditEntry *
rd_audit_get (RdStore  *store,
              gint64    id,
              GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  stmt = rd_store_prepare (store, "SELECT " ENTRY_COLUMNS " FROM audit_log WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return entry_from_row (stmt);
  if (rc != SQLITE_DONE)
    rd_store_set_error_from_db (store, rc, error);
  return NULL;
}
