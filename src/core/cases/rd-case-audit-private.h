/* rd-case-audit-private.h
 *
 * The audit entries of a case's insert and changes, written by
 * rd-case-store.c inside its own transaction.
 */
#pragma once

#if !defined (RD_CASES_COMPILATION)
# error "rd-case-audit-private.h is for src/core/cases only."
#endif

#include "rd-case.h"
#include "rd-store.h"

G_BEGIN_DECLS

/* One "create" entry naming the new case number. */
gboolean _rd_case_audit_insert  (RdStore       *store,
                                 const RdCase  *rcase,
                                 const char    *operator,
                                 GError       **error);
/* One entry per field that differs between before and after (never for
 * updated_at), under action ("update", "approve", …). */
gboolean _rd_case_audit_changes (RdStore       *store,
                                 const RdCase  *before,
                                 const RdCase  *after,
                                 const char    *operator,
                                 const char    *action,
                                 GError       **error);

G_END_DECLS
