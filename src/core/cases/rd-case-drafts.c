/* rd-case-drafts.c
 *
 * Table drafts (form, json, updated_at). Drafts are not audited: they are
 * not part of the ledger until the form is saved. RdDraft wraps the JSON
 * object of one draft.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "rd-case-drafts.h"
#include "rd-json-check.h"
#include "rd-store-txn.h"

G_DEFINE_QUARK (rd-drafts-error-quark, rd_drafts_error)

struct _RdDraft
{
  JsonObject *object;
};

/* A draft */

RdDraft *
rd_draft_new (void)
{
  RdDraft *draft = g_new0 (RdDraft, 1);

  draft->object = json_object_new ();
  return draft;
}

RdDraft *
rd_draft_new_from_json (const char  *json,
                        GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  RdDraft *draft;

  g_return_val_if_fail (json != NULL, NULL);

  if (!rd_json_check (json, -1, &local_error) ||
      !json_parser_load_from_data (parser, json, -1, &local_error))
    {
      g_set_error (error, RD_DRAFTS_ERROR, RD_DRAFTS_ERROR_UNREADABLE,
                   _("Not valid JSON: %s"), local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, RD_DRAFTS_ERROR, RD_DRAFTS_ERROR_UNREADABLE,
                           _("A draft must be a JSON object { … }"));
      return NULL;
    }

  draft = g_new0 (RdDraft, 1);
  draft->object = json_object_ref (json_node_get_object (root));
  return draft;
}

void
rd_draft_free (RdDraft *draft)
{
  if (draft == NULL)
    return;
  json_object_unref (draft->object);
  g_free (draft);
}

char *
rd_draft_to_json (RdDraft *draft)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);

  g_return_val_if_fail (draft != NULL, NULL);

  json_node_set_object (root, draft->object);
  return json_to_string (root, FALSE);
}

gboolean
rd_draft_has_member (RdDraft    *draft,
                     const char *key)
{
  g_return_val_if_fail (draft != NULL && key != NULL, FALSE);

  return json_object_has_member (draft->object, key);
}

void
rd_draft_set_string (RdDraft    *draft,
                     const char *key,
                     const char *value)
{
  g_return_if_fail (draft != NULL && key != NULL);

  json_object_set_string_member (draft->object, key, value != NULL ? value : "");
}

void
rd_draft_set_boolean (RdDraft    *draft,
                      const char *key,
                      gboolean    value)
{
  g_return_if_fail (draft != NULL && key != NULL);

  json_object_set_boolean_member (draft->object, key, value);
}

void
rd_draft_set_int (RdDraft    *draft,
                  const char *key,
                  gint64      value)
{
  g_return_if_fail (draft != NULL && key != NULL);

  json_object_set_int_member (draft->object, key, value);
}

static JsonNode *
get_value (RdDraft    *draft,
           const char *key,
           GType       type)
{
  JsonNode *node;

  g_return_val_if_fail (draft != NULL && key != NULL, NULL);

  node = json_object_get_member (draft->object, key);
  if (node == NULL || json_node_get_value_type (node) != type)
    return NULL;
  return node;
}

const char *
rd_draft_get_string (RdDraft    *draft,
                     const char *key,
                     const char *default_value)
{
  JsonNode *node = get_value (draft, key, G_TYPE_STRING);

  return node != NULL ? json_node_get_string (node) : default_value;
}

gboolean
rd_draft_get_boolean (RdDraft    *draft,
                      const char *key,
                      gboolean    default_value)
{
  JsonNode *node = get_value (draft, key, G_TYPE_BOOLEAN);

  return node != NULL ? json_node_get_boolean (node) : default_value;
}

gint64
rd_draft_get_int (RdDraft    *draft,
                  const char *key,
                  gint64      default_value)
{
  JsonNode *node = get_value (draft, key, G_TYPE_INT64);

  return node != NULL ? json_node_get_int (node) : default_value;
}

/* The drafts table */

gboolean
rd_drafts_save (RdStore     *store,
                const char  *form,
                const char  *json,
                GError     **error)
{
  g_autoptr(RdDraft) draft = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) parse_error = NULL;
  gboolean owned;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (form != NULL && json != NULL, FALSE);

  draft = rd_draft_new_from_json (json, &parse_error);
  if (draft == NULL)
    {
      g_set_error (error, RD_DRAFTS_ERROR, RD_DRAFTS_ERROR_INVALID_JSON,
                   _("The draft could not be saved: %s"), parse_error->message);
      return FALSE;
    }

  if (!rd_store_txn_begin (store, &owned, error))
    return FALSE;

  stmt = rd_store_prepare (store,
                           "INSERT INTO drafts (form, json, updated_at) VALUES (?1, ?2, ?3)"
                           " ON CONFLICT (form) DO UPDATE SET json = excluded.json,"
                           " updated_at = excluded.updated_at", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, form, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, json, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (store, rc, error);
      goto fail;
    }

  return rd_store_txn_commit (store, owned, error);

fail:
  rd_store_txn_rollback (store, owned);
  return FALSE;
}

char *
rd_drafts_load (RdStore     *store,
                const char  *form,
                gint64      *updated_at,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (form != NULL, NULL);

  stmt = rd_store_prepare (store, "SELECT json, updated_at FROM drafts WHERE form = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, form, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (updated_at != NULL)
        *updated_at = sqlite3_column_int64 (stmt, 1);
      return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }
  if (rc != SQLITE_DONE)
    rd_store_set_error_from_db (store, rc, error);
  return NULL;
}

gboolean
rd_drafts_discard (RdStore     *store,
                   const char  *form,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (form != NULL, FALSE);

  stmt = rd_store_prepare (store, "DELETE FROM drafts WHERE form = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, form, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

RdDraft *
rd_drafts_read (RdStore     *store,
                const char  *form,
                GError     **error)
{
  g_autofree char *json = NULL;
  g_autoptr(GError) local_error = NULL;
  RdDraft *draft;

  json = rd_drafts_load (store, form, NULL, error);
  if (json == NULL)
    return NULL;

  draft = rd_draft_new_from_json (json, &local_error);
  if (draft == NULL)
    g_set_error (error, RD_DRAFTS_ERROR, RD_DRAFTS_ERROR_UNREADABLE,
                 _("The unsaved form “%s” cannot be read: %s"), form, local_error->message);
  return draft;
}

gboolean
rd_drafts_set_aside (RdStore     *store,
                     const char  *form,
                     char       **out_path,
                     GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d%H%M%S");
  g_autofree char *json = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (form != NULL, FALSE);

  json = rd_drafts_load (store, form, NULL, &local_error);
  if (json == NULL)
    {
      if (local_error == NULL)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  path = g_strdup_printf ("%s.draft-%s-%s.json", rd_store_get_path (store), form, stamp);
  if (!g_file_set_contents_full (path, json, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local_error))
    {
      g_set_error (error, RD_DRAFTS_ERROR, RD_DRAFTS_ERROR_UNREADABLE,
                   _("The unreadable draft could not be copied out of the ledger: %s"),
                   local_error->message);
      return FALSE;
    }

  if (!rd_drafts_discard (store, form, error))
    {
      g_unlink (path);
      return FALSE;
    }

  g_debug ("Moved the unreadable draft “%s” to %s", form, path);
  if (out_path != NULL)
    *out_path = g_steal_pointer (&path);
  return TRUE;
}

GPtrArray *
rd_drafts_find_unreadable (RdStore  *store,
                           GError  **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  stmt = rd_store_prepare (store, "SELECT form, json FROM drafts ORDER BY form", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(RdDraft) draft = NULL;
      const char *json = (const char *) sqlite3_column_text (stmt, 1);

      draft = rd_draft_new_from_json (json != NULL ? json : "", &local_error);
      if (draft == NULL)
        g_ptr_array_add (problems, g_strdup_printf (_("The unsaved form “%s” cannot be read: %s"),
                                                    (const char *) sqlite3_column_text (stmt, 0),
                                                    local_error->message));
    }
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (store, rc, error);
      return NULL;
    }

  return g_steal_pointer (&problems);
}
