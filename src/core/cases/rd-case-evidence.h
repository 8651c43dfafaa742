/* rd-case-evidence.h
 *
 * The evidence checklist of a case and its attachments. Which
 * items are required depends on the kind of refund and on whether money is
 * refunded:
 *   every refunded case: order number, payment channel;
 *   refund only, shipped: + ticket number (the courier's intercept or claim);
 *   return and refund: + return tracking, photos;
 *   refused or withdrawn: order number only.
 * A case cannot be closed with a required item missing.
 *
 * Attachments are copied into <data_dir>/attachments/<sha[0:2]>/<sha>.<ext>:
 * the same content is stored once, whatever its name or case. Images and
 * PDF only.
 */
#pragma once

#include <gio/gio.h>

#include "rd-case-types.h"
#include "rd-store.h"

G_BEGIN_DECLS

#define RD_EVIDENCE_ERROR (rd_evidence_error_quark ())

typedef enum
{
  RD_EVIDENCE_ERROR_FAILED,
  RD_EVIDENCE_ERROR_NOT_ALLOWED_TYPE,   /* not an image or a PDF */
  RD_EVIDENCE_ERROR_TOO_LARGE,
  RD_EVIDENCE_ERROR_IO,
} RdEvidenceError;

typedef enum
{
  RD_EVIDENCE_ORDER_NUMBER,
  RD_EVIDENCE_PAYMENT_PROOF,
  RD_EVIDENCE_PAYMENT_CHANNEL,
  RD_EVIDENCE_CHAT_SCREENSHOTS,
  RD_EVIDENCE_TICKET_NUMBER,
  RD_EVIDENCE_RETURN_TRACKING,
  RD_EVIDENCE_PHOTOS,
  RD_EVIDENCE_N_ITEMS,
} RdEvidenceItem;

/* Largest attachment accepted. */
#define RD_ATTACHMENT_MAX_SIZE (50 * 1024 * 1024)

typedef struct
{
  gint64  id;
  gint64  case_id;
  char   *name;        /* the file's original name */
  char   *mime_type;
  gint64  size;
  char   *sha256;      /* hex */
  char   *path;        /* relative to the data folder: attachments/ab/ab…ef.png */
  gint64  added_at;
  char   *operator;
} RdAttachment;

GQuark        rd_evidence_error_quark      (void);

const char   *rd_evidence_item_to_id       (RdEvidenceItem  item);
gboolean      rd_evidence_item_from_id     (const char     *id,
                                            RdEvidenceItem *item);
const char   *rd_evidence_item_get_name    (RdEvidenceItem  item);
/* status decides between the refunded and the refused/withdrawn sets. */
gboolean      rd_evidence_is_required      (RdEvidenceItem  item,
                                            RdRefundKind    kind,
                                            RdCaseStatus    status);

/* Ticks or unticks one item (and records it in the audit log), alone or
 * inside the caller's transaction. */
gboolean      rd_evidence_set              (RdStore        *store,
                                            gint64          case_id,
                                            RdEvidenceItem  item,
                                            gboolean        ticked,
                                            const char     *operator,
                                            GError        **error);
/* Bit (1 << item) set for every ticked item. */
gboolean      rd_evidence_get_ticked       (RdStore        *store,
                                            gint64          case_id,
                                            guint          *ticked,
                                            GError        **error);
/* The required items not ticked, as an array of RdEvidenceItem (empty when
 * none is missing); NULL on error. */
GArray       *rd_evidence_missing_required (RdStore        *store,
                                            gint64          case_id,
                                            RdRefundKind    kind,
                                            RdCaseStatus    status,
                                            GError        **error);

void          rd_attachment_free           (RdAttachment   *attachment);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdAttachment, rd_attachment_free)

/* Copies source into data_dir and records it for the case. The same
 * content attached to the same case again returns the existing record. */
RdAttachment *rd_attachment_add            (RdStore        *store,
                                            gint64          case_id,
                                            GFile          *source,
                                            const char     *data_dir,
                                            const char     *operator,
                                            GCancellable   *cancellable,
                                            GError        **error);
/* Array of RdAttachment*, oldest first. */
GPtrArray    *rd_attachment_list           (RdStore        *store,
                                            gint64          case_id,
                                            GError        **error);

G_END_DECLS
