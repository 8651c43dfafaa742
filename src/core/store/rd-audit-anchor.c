/* rd-audit-anchor.c
 *
 * The anchor file, a small key file:
 *   [Anchor]
 *   Ledger=/home/…/ledger.db
 *   Entry=312
 *   Hash=<64 hex digits>
 *   Seen=2026-12-06T12:30:00Z
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <string.h>

#include "rd-audit.h"
#include "rd-audit-anchor.h"
#include "rd-audit-private.h"
#include "rd-store-private.h"

#define GROUP "Anchor"
#define SAVED_KEY "rd-audit-anchor-saved-id"

void
rd_audit_anchor_free (RdAuditAnchor *anchor)
{
  if (anchor == NULL)
    return;

  g_free (anchor->hash);
  g_free (anchor);
}

static gboolean
is_hash (const char *text)
{
  if (text == NULL || strlen (text) != 64)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isxdigit (*p))
      return FALSE;
  return TRUE;
}

RdAuditAnchor *
rd_audit_anchor_parse (const char  *text,
                       GError     **error)
{
  g_autoptr(RdAuditAnchor) anchor = g_new0 (RdAuditAnchor, 1);
  g_auto(GStrv) parts = NULL;
  guint64 entry;

  g_return_val_if_fail (text != NULL, NULL);

  parts = g_strsplit (text, ":", 2);
  if (g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 1, G_MAXINT64, &entry, NULL) ||
      !is_hash (parts[1]))
    {
      g_set_error (error, RD_AUDIT_ERROR, RD_AUDIT_ERROR_FAILED,
                   _("“%s” is not an anchor: write the entry number, a colon and its 64-digit hash, as in 312:9f86d0…"),
                   text);
      return NULL;
    }

  anchor->entry = (gint64) entry;
  anchor->hash = g_ascii_strdown (parts[1], -1);
  return g_steal_pointer (&anchor);
}

char *
rd_audit_anchor_path (const char *ledger_path)
{
  g_autofree char *canonical = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (ledger_path != NULL, NULL);

  canonical = g_canonicalize_filename (ledger_path, NULL);
  name = g_compute_checksum_for_string (G_CHECKSUM_SHA256, canonical, -1);
  return g_build_filename (g_get_user_config_dir (), "refund-desk", "anchors", name, NULL);
}

RdAuditAnchor *
rd_audit_anchor_load (const char  *ledger_path,
                      GError     **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(RdAuditAnchor) anchor = g_new0 (RdAuditAnchor, 1);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = rd_audit_anchor_path (ledger_path);
  g_autofree char *seen = NULL;

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return NULL;
      g_set_error (error, RD_AUDIT_ERROR, RD_AUDIT_ERROR_FAILED,
                   _("The anchor file “%s” could not be read: %s"), path, local_error->message);
      return NULL;
    }

  anchor->entry = g_key_file_get_int64 (file, GROUP, "Entry", NULL);
  anchor->hash = g_key_file_get_string (file, GROUP, "Hash", NULL);
  seen = g_key_file_get_string (file, GROUP, "Seen", NULL);
  if (anchor->entry <= 0 || !is_hash (anchor->hash))
    {
      g_set_error (error, RD_AUDIT_ERROR, RD_AUDIT_ERROR_FAILED,
                   _("The anchor file “%s” is damaged."), path);
      return NULL;
    }
  if (seen != NULL)
    {
      g_autoptr(GDateTime) at = g_date_time_new_from_iso8601 (seen, NULL);

      if (at != NULL)
        anchor->seen = g_date_time_to_unix (at);
    }
  return g_steal_pointer (&anchor);
}

/* The hash of entry id, or NULL (no error) when the chain has none. */
static char *
entry_hash (RdStore  *store,
            gint64    id,
            GError  **error)
{
  g_autoptr(RdAuditEntry) entry = rd_audit_get (store, id, error);

  return entry != NULL ? g_steal_pointer (&entry->hash) : NULL;
}

gboolean
rd_audit_anchor_check (RdStore              *store,
                       const RdAuditAnchor  *anchor,
                       GError              **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *entry = NULL;
  g_autofree char *when = NULL;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (anchor != NULL, FALSE);

  hash = entry_hash (store, anchor->entry, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (hash != NULL && g_ascii_strcasecmp (hash, anchor->hash) == 0)
    return TRUE;

  entry = g_strdup_printf ("%" G_GINT64_FORMAT, anchor->entry);
  if (anchor->seen > 0)
    {
      g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (anchor->seen);

      when = g_date_time_format (at, "%Y-%m-%d %H:%M");
    }

  if (hash == NULL && when != NULL)
    g_set_error (error, RD_AUDIT_ERROR, RD_AUDIT_ERROR_TAMPERED,
                 _("The audit log ends before entry %s, which was seen on %s: entries at its end were removed behind the app’s back."),
                 entry, when);
  else if (hash == NULL)
    g_set_error (error, RD_AUDIT_ERROR, RD_AUDIT_ERROR_TAMPERED,
                 _("The audit log ends before entry %s, which the anchor names: entries at its end were removed behind the app’s back."),
                 entry);
  else if (when != NULL)
    g_set_error (error, RD_AUDIT_ERROR, RD_AUDIT_ERROR_TAMPERED,
                 _("Audit entry %s is not the one seen on %s: the log was rewritten behind the app’s back."),
                 entry, when);
  else
    g_set_error (error, RD_AUDIT_ERROR, RD_AUDIT_ERROR_TAMPERED,
                 _("Audit entry %s is not the one the anchor names: the log was rewritten behind the app’s back."),
                 entry);
  return FALSE;
}

gboolean
rd_audit_anchor_save (RdStore  *store,
                      GError  **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(RdAuditAnchor) old = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *path = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *seen = NULL;
  const char *ledger = rd_store_get_path (store);
  gint64 last_id = 0;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);

  if (!rd_audit_get_head (store, &last_id, &hash, error))
    return FALSE;
  if (last_id <= 0)
    return TRUE;

  old = rd_audit_anchor_load (ledger, NULL);
  if (old != NULL && !rd_audit_anchor_check (store, old, NULL))
    return TRUE;

  path = rd_audit_anchor_path (ledger);
  folder = g_path_get_dirname (path);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("The folder “%s” could not be created: %s"), folder, g_strerror (saved_errno));
      return FALSE;
    }

  seen = g_date_time_format_iso8601 (now);
  g_key_file_set_string (file, GROUP, "Ledger", ledger);
  g_key_file_set_int64 (file, GROUP, "Entry", last_id);
  g_key_file_set_string (file, GROUP, "Hash", hash);
  g_key_file_set_string (file, GROUP, "Seen", seen);
  return g_key_file_save_to_file (file, path, error);
}

char *
rd_audit_anchor_describe_head (RdStore  *store,
                               GError  **error)
{
  g_autofree char *hash = NULL;
  gint64 last_id = 0;

  if (!rd_audit_get_head (store, &last_id, &hash, error))
    return NULL;
  if (last_id <= 0)
    return NULL;

  /* As `refund-desk verify --anchor N:HASH` takes it. */
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%s", last_id, hash);
}

void
_rd_audit_anchor_after_commit (RdStore *store)
{
  g_autoptr(GError) error = NULL;
  gint64 *saved = g_object_get_data (G_OBJECT (store), SAVED_KEY);
  gint64 last_id = 0;

  if (rd_store_get_schema_version (store) < RD_AUDIT_ROWS_SCHEMA_VERSION ||
      !rd_audit_get_head (store, &last_id, NULL, NULL) ||
      (saved != NULL && *saved == last_id))
    return;

  if (!rd_audit_anchor_save (store, &error))
    {
      g_warning ("The audit log’s anchor could not be saved: %s", error->message);
      return;
    }

  saved = g_new (gint64, 1);
  *saved = last_id;
  g_object_set_data_full (G_OBJECT (store), SAVED_KEY, saved, g_free);
}

void
_rd_audit_anchor_forget (const char *ledger_path)
{
  g_autofree char *path = rd_audit_anchor_path (ledger_path);

  g_unlink (path);
}
