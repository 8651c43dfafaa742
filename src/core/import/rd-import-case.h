/* rd-import-case.h
 *
 * What the imports learnt of one case on its platform (case_platform, the
 * row the last import that read the case wrote): the platform's status as
 * the file wrote it and what it means, what the buyer asks back, whether
 * the shop closed the case and the platform reopened it (follow-up), and
 * the file and row it came from. For the case pane.
 */
#pragma once

#include "rd-import-profile.h"
#include "rd-store.h"

G_BEGIN_DECLS

typedef struct
{
  char                  *channel;
  char                  *platform_key;     /* the after-sales number (or order / refund id) */
  char                  *platform_status;  /* as the file wrote it ("退款成功"), or NULL */
  RdImportPlatformState  platform_state;
  gint64                 refund_amount;    /* what the buyer asks back, minor units; -1: not in the file */
  gboolean               follow_up;        /* the shop closed it, the platform reopened it */
  gint64                 import_id;        /* the import that last wrote these facts */
  char                  *file_name;        /* that import's file (no folder) */
  guint64                row;              /* its row in that file */
} RdImportCaseFacts;

void     rd_import_case_facts_free (RdImportCaseFacts *facts);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdImportCaseFacts, rd_import_case_facts_free)

/* The platform's facts of the case. TRUE with *facts NULL when no import
 * has read the case (a hand-entered case). */
gboolean rd_import_case_get_facts  (RdStore            *store,
                                    gint64              case_id,
                                    RdImportCaseFacts **facts,
                                    GError            **error);

/* Whether the case is flagged for follow-up: the shop closed it and a later
 * export said the platform reopened it. FALSE with *follow_up FALSE for a
 * case no import has read. */
gboolean rd_import_case_follow_up  (RdStore            *store,
                                    gint64              case_id,
                                    gboolean           *follow_up,
                                    GError            **error);

/* Clears the case's follow-up flag: the operator followed the reopened
 * case up. One transaction: the flag and its audit entry ("follow-up",
 * field follow_up, 1 → 0, by `operator`). `operator` must be the one
 * signed in and allowed to edit cases (rd_operators_check); the caller
 * passes the current operator, never a name the user typed. TRUE, and
 * nothing written, when the case is not flagged; RD_CASE_STORE_ERROR_NOT_FOUND
 * for a case no import has read. */
gboolean rd_import_case_clear_follow_up (RdStore     *store,
                                         gint64       case_id,
                                         const char  *operator,
                                         GError     **error);

/* The number of flagged cases (the ledger's "Reopened" filter's count).
 * Reads the partial index case_platform_follow_up only. */
gboolean rd_import_case_count_follow_up (RdStore     *store,
                                         guint       *count,
                                         GError     **error);

/* The platform's state in words of the user's language ("Open on the
 * platform", "Refunded by the platform", …). */
const char *rd_import_platform_state_get_name (RdImportPlatformState state);

G_END_DECLS
