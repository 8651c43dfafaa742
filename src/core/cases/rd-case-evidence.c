/* rd-case-evidence.c
 *
 * Tables evidence (case_id, item, ticked_at, operator) — a row per ticked
 * item — and attachments (id, case_id, name, mime_type, size, sha256, path,
 * added_at, operator).
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "rd-audit.h"
#include "rd-case-evidence.h"
#include "rd-store-txn.h"

G_DEFINE_QUARK (rd-evidence-error-quark, rd_evidence_error)

static const struct
{
  const char *id;
  const char *name;
} items[RD_EVIDENCE_N_ITEMS] = {
  [RD_EVIDENCE_ORDER_NUMBER]     = { "order_number",     N_("Order number") },
  [RD_EVIDENCE_PAYMENT_PROOF]    = { "payment_proof",    N_("Payment proof") },
  [RD_EVIDENCE_PAYMENT_CHANNEL]  = { "payment_channel",  N_("Payment channel") },
  [RD_EVIDENCE_CHAT_SCREENSHOTS] = { "chat_screenshots", N_("Chat screenshots") },
  [RD_EVIDENCE_TICKET_NUMBER]    = { "ticket_number",    N_("Ticket or mail number") },
  [RD_EVIDENCE_RETURN_TRACKING]  = { "return_tracking",  N_("Return tracking number") },
  [RD_EVIDENCE_PHOTOS]           = { "photos",           N_("Photos") },
};

const char *
rd_evidence_item_to_id (RdEvidenceItem item)
{
  g_return_val_if_fail ((guint) item < RD_EVIDENCE_N_ITEMS, NULL);
  return items[item].id;
}

gboolean
rd_evidence_item_from_id (const char     *id,
                          RdEvidenceItem *item)
{
  for (guint i = 0; i < RD_EVIDENCE_N_ITEMS; i++)
    if (g_strcmp0 (items[i].id, id) == 0)
      {
        if (item != NULL)
          *item = i;
        return TRUE;
      }
  return FALSE;
}

const char *
rd_evidence_item_get_name (RdEvidenceItem item)
{
  g_return_val_if_fail ((guint) item < RD_EVIDENCE_N_ITEMS, NULL);
  return _(items[item].name);
}

gboolean
rd_evidence_is_required (RdEvidenceItem item,
                         RdRefundKind   kind,
                         RdCaseStatus   status)
{
  if (status == RD_CASE_STATUS_REFUSED || status == RD_CASE_STATUS_WITHDRAWN)
    return item == RD_EVIDENCE_ORDER_NUMBER;

  switch (item)
    {
    case RD_EVIDENCE_ORDER_NUMBER:
    case RD_EVIDENCE_PAYMENT_CHANNEL:
      return TRUE;
    case RD_EVIDENCE_TICKET_NUMBER:
      return kind == RD_REFUND_KIND_REFUND_ONLY_SHIPPED;
    case RD_EVIDENCE_RETURN_TRACKING:
    case RD_EVIDENCE_PHOTOS:
      return kind == RD_REFUND_KIND_RETURN_REFUND;
    case RD_EVIDENCE_PAYMENT_PROOF:
    case RD_EVIDENCE_CHAT_SCREENSHOTS:
    case RD_EVIDENCE_N_ITEMS:
    default:
      return FALSE;
    }
}

static gboolean
set_item (RdStore        *store,
          gint64          case_id,
          RdEvidenceItem  item,
          gboolean        ticked,
          const char     *operator,
          GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (ticked)
    stmt = rd_store_prepare (store,
                             "INSERT INTO evidence (case_id, item, ticked_at, operator)"
                             " VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING", error);
  else
    stmt = rd_store_prepare (store, "DELETE FROM evidence WHERE case_id = ?1 AND item = ?2", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_text (stmt, 2, items[item].id, -1, SQLITE_STATIC);
  if (ticked)
    {
      sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
      sqlite3_bind_text (stmt, 4, operator != NULL ? operator : "", -1, SQLITE_STATIC);
    }

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (store, rc, error);
      return FALSE;
    }

  /* Only a real change is recorded. */
  if (sqlite3_changes (rd_store_get_db (store)) == 0)
    return TRUE;

  return rd_audit_record (store, case_id, operator, "evidence", items[item].id,
                          ticked ? "0" : "1", ticked ? "1" : "0", error);
}

gboolean
rd_evidence_set (RdStore         *store,
                 gint64           case_id,
                 RdEvidenceItem   item,
                 gboolean         ticked,
                 const char      *operator,
                 GError         **error)
{
  gboolean owned;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail ((guint) item < RD_EVIDENCE_N_ITEMS, FALSE);

  if (!rd_store_txn_begin (store, &owned, error))
    return FALSE;
  if (!set_item (store, case_id, item, ticked, operator, error))
    {
      rd_store_txn_rollback (store, owned);
      return FALSE;
    }
  return rd_store_txn_commit (store, owned, error);
}

gboolean
rd_evidence_get_ticked (RdStore  *store,
                        gint64    case_id,
                        guint    *ticked,
                        GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint bits = 0;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (ticked != NULL, FALSE);

  stmt = rd_store_prepare (store, "SELECT item FROM evidence WHERE case_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RdEvidenceItem item;

      if (rd_evidence_item_from_id ((const char *) sqlite3_column_text (stmt, 0), &item))
        bits |= 1u << item;
    }
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (store, rc, error);
      return FALSE;
    }

  *ticked = bits;
  return TRUE;
}

GArray *
rd_evidence_missing_required (RdStore       *store,
                              gint64         case_id,
                              RdRefundKind   kind,
                              RdCaseStatus   status,
                              GError       **error)
{
  GArray *missing;
  guint ticked;

  if (!rd_evidence_get_ticked (store, case_id, &ticked, error))
    return NULL;

  missing = g_array_new (FALSE, FALSE, sizeof (RdEvidenceItem));
  for (guint i = 0; i < RD_EVIDENCE_N_ITEMS; i++)
    {
      RdEvidenceItem item = i;

      if (rd_evidence_is_required (item, kind, status) && (ticked & (1u << item)) == 0)
        g_array_append_val (missing, item);
    }

  return missing;
}

/* Attachments */

void
rd_attachment_free (RdAttachment *attachment)
{
  if (attachment == NULL)
    return;
  g_free (attachment->name);
  g_free (attachment->mime_type);
  g_free (attachment->sha256);
  g_free (attachment->path);
  g_free (attachment->operator);
  g_free (attachment);
}

static gboolean
is_allowed_mime (const char *mime)
{
  return mime != NULL &&
         ((g_str_has_prefix (mime, "image/") && strcmp (mime, "image/svg+xml") != 0) ||
          strcmp (mime, "application/pdf") == 0);
}

static char *
mime_for (const char   *name,
          const guchar *data,
          gsize         size)
{
  g_autofree char *type = g_content_type_guess (name, data, MIN (size, 4096), NULL);
  return g_content_type_get_mime_type (type);
}

/* The extension the copy gets: from the mime type when known, else the
 * source's own, reduced to letters and digits. */
static char *
extension_for (const char *mime,
               const char *name)
{
  static const struct { const char *mime; const char *ext; } known[] = {
    { "image/png", "png" }, { "image/jpeg", "jpg" }, { "image/gif", "gif" },
    { "image/webp", "webp" }, { "image/bmp", "bmp" }, { "image/tiff", "tiff" },
    { "image/heif", "heif" }, { "image/heic", "heic" }, { "application/pdf", "pdf" },
  };
  const char *dot;
  GString *ext;

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (strcmp (known[i].mime, mime) == 0)
      return g_strdup (known[i].ext);

  dot = name != NULL ? strrchr (name, '.') : NULL;
  ext = g_string_new (NULL);
  if (dot != NULL)
    for (const char *p = dot + 1; *p != '\0' && ext->len < 8; p++)
      if (g_ascii_isalnum (*p))
        g_string_append_c (ext, g_ascii_tolower (*p));
  if (ext->len == 0)
    g_string_append (ext, "bin");
  return g_string_free (ext, FALSE);
}

static RdAttachment *
attachment_from_row (sqlite3_stmt *stmt)
{
  RdAttachment *attachment = g_new0 (RdAttachment, 1);

  attachment->id = sqlite3_column_int64 (stmt, 0);
  attachment->case_id = sqlite3_column_int64 (stmt, 1);
  attachment->name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  attachment->mime_type = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  attachment->size = sqlite3_column_int64 (stmt, 4);
  attachment->sha256 = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  attachment->path = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  attachment->added_at = sqlite3_column_int64 (stmt, 7);
  attachment->operator = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
  return attachment;
}

#define ATTACHMENT_COLUMNS "id, case_id, name, mime_type, size, sha256, path, added_at, operator"

static RdAttachment *
find_attachment (RdStore     *store,
                 gint64       case_id,
                 const char  *sha256,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = rd_store_prepare (store,
                           "SELECT " ATTACHMENT_COLUMNS " FROM attachments"
                           " WHERE case_id = ?1 AND sha256 = ?2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_text (stmt, 2, sha256, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return attachment_from_row (stmt);
  if (rc != SQLITE_DONE)
    rd_store_set_error_from_db (store, rc, error);
  return NULL;
}

static gboolean
copy_into_store (const char   *data_dir,
                 const char   *relative,
                 const guchar *data,
                 gsize         size,
                 GError      **error)
{
  g_autofree char *target = g_build_filename (data_dir, relative, NULL);
  g_autofree char *folder = g_path_get_dirname (target);
  g_autoptr(GError) local_error = NULL;

  if (g_file_test (target, G_FILE_TEST_EXISTS))
    return TRUE;   /* the same content is already there */

  if (g_mkdir_with_parents (folder, 0700) != 0 ||
      !g_file_set_contents_full (target, (const char *) data, size,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local_error))
    {
      g_set_error (error, RD_EVIDENCE_ERROR, RD_EVIDENCE_ERROR_IO,
                   _("The attachment could not be copied into %s: %s"),
                   folder, local_error != NULL ? local_error->message : g_strerror (errno));
      return FALSE;
    }

  return TRUE;
}

RdAttachment *
rd_attachment_add (RdStore       *store,
                   gint64         case_id,
                   GFile         *source,
                   const char    *data_dir,
                   const char    *operator,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(RdAttachment) existing = NULL;
  g_autofree char *name = NULL;
  g_autofree guchar *data = NULL;
  g_autofree char *mime = NULL;
  g_autofree char *data_mime = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *ext = NULL;
  g_autofree char *relative = NULL;
  g_autofree char *file_name = NULL;
  gsize size = 0;
  gboolean owned;
  gint64 id;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (source), NULL);
  g_return_val_if_fail (data_dir != NULL, NULL);

  info = g_file_query_info (source,
                            G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      g_set_error (error, RD_EVIDENCE_ERROR, RD_EVIDENCE_ERROR_IO,
                   _("The file could not be read: %s"), local_error->message);
      return NULL;
    }
  name = g_strdup (g_file_info_get_display_name (info));
  if (g_file_info_get_size (info) > RD_ATTACHMENT_MAX_SIZE)
    {
      g_set_error (error, RD_EVIDENCE_ERROR, RD_EVIDENCE_ERROR_TOO_LARGE,
                   _("“%s” is larger than 50 MB; attach a smaller picture or PDF."), name);
      return NULL;
    }

  if (!g_file_load_contents (source, cancellable, (char **) &data, &size, NULL, &local_error))
    {
      g_set_error (error, RD_EVIDENCE_ERROR, RD_EVIDENCE_ERROR_IO,
                   _("The file could not be read: %s"), local_error->message);
      return NULL;
    }

  /* The name and the content must both say image or PDF: an .exe renamed
   * .png is refused by its content. */
  mime = mime_for (name, data, size);
  data_mime = mime_for (NULL, data, size);
  if (!is_allowed_mime (mime) ||
      (!is_allowed_mime (data_mime) && g_strcmp0 (data_mime, "application/octet-stream") != 0))
    {
      g_set_error (error, RD_EVIDENCE_ERROR, RD_EVIDENCE_ERROR_NOT_ALLOWED_TYPE,
                   _("“%s” is not a picture or a PDF; only pictures and PDF files can be attached."),
                   name);
      return NULL;
    }

  sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, size);
  ext = extension_for (mime, name);
  file_name = g_strdup_printf ("%s.%s", sha256, ext);
  relative = g_build_filename ("attachments", (char[]) { sha256[0], sha256[1], '\0' }, file_name, NULL);

  if (!rd_store_txn_begin (store, &owned, error))
    return NULL;

  existing = find_attachment (store, case_id, sha256, &local_error);
  if (local_error != NULL)
    goto fail;
  if (existing != NULL)
    {
      /* Put the copy back if someone removed it from the folder. */
      if (!copy_into_store (data_dir, existing->path, data, size, &local_error) ||
          !rd_store_txn_commit (store, owned, &local_error))
        goto fail;
      return g_steal_pointer (&existing);
    }

  if (!copy_into_store (data_dir, relative, data, size, &local_error))
    goto fail;

  stmt = rd_store_prepare (store,
                           "INSERT INTO attachments (case_id, name, mime_type, size, sha256, path, added_at, operator)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id", &local_error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, mime, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, size);
  sqlite3_bind_text (stmt, 5, sha256, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, relative, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_text (stmt, 8, operator != NULL ? operator : "", -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      rd_store_set_error_from_db (store, rc, &local_error);
      goto fail;
    }
  id = sqlite3_column_int64 (stmt, 0);
  sqlite3_step (stmt);
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!rd_audit_record (store, case_id, operator, "attach", "attachment", NULL, name, &local_error) ||
      !rd_store_txn_commit (store, owned, &local_error))
    goto fail;

  {
    RdAttachment *attachment = g_new0 (RdAttachment, 1);

    attachment->id = id;
    attachment->case_id = case_id;
    attachment->name = g_steal_pointer (&name);
    attachment->mime_type = g_steal_pointer (&mime);
    attachment->size = size;
    attachment->sha256 = g_steal_pointer (&sha256);
    attachment->path = g_steal_pointer (&relative);
    attachment->added_at = g_get_real_time () / G_USEC_PER_SEC;
    attachment->operator = g_strdup (operator != NULL ? operator : "");
    return attachment;
  }

fail:
  rd_store_txn_rollback (store, owned);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

GPtrArray *
rd_attachment_list (RdStore  *store,
                    gint64    case_id,
                    GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) list = NULL;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  stmt = rd_store_prepare (store,
                           "SELECT " ATTACHMENT_COLUMNS " FROM attachments WHERE case_id = ?1 ORDER BY id",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, case_id);

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_attachment_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, attachment_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (store, rc, error);
      return NULL;
    }

  return g_steal_pointer (&list);
}
