/* rd-people-private.h
 *
 * Between the people folder's files: the PIN lockout (rd-operators-lockout.c)
 * that rd-operators.c asks around every PIN check, and the operators' rows
 * that the import (rd-operators-import.c) reads and writes.
 */
#pragma once

#if !defined (RD_PEOPLE_COMPILATION)
# error "rd-people-private.h is for src/core/people only."
#endif

#include "rd-operators.h"

G_BEGIN_DECLS

/* LOCKED (saying until when) when name is locked out at now. */
gboolean _rd_operators_lockout_check   (RdStore     *store,
                                        const char  *name,
                                        gint64       now,
                                        GError     **error);

/* After a PIN check of name at now: a wrong one (right = FALSE) is recorded
 * as pin_failed, unless a caller's transaction is open (that caller records
 * it once rolled back, rd_operators_note_wrong_pin); a right one after
 * counted failures is recorded as pin_ok, which clears them. *locked_until
 * (may be NULL) is the end of the lockout that the wrong PIN started, or 0. */
gboolean _rd_operators_lockout_note    (RdStore     *store,
                                        const char  *name,
                                        gboolean     right,
                                        gint64       now,
                                        gint64      *locked_until,
                                        GError     **error);

/* From rd-operators.c. */
/* The row, and its hash (NULL: none) in *pin_hash when asked. */
RdOperator *_rd_operators_read       (RdStore     *store,
                                      const char  *name,
                                      char       **pin_hash,
                                      GError     **error);
gboolean    _rd_operators_insert     (RdStore     *store,
                                      const char  *name,
                                      RdRole       role,
                                      const char  *pin_hash,
                                      GError     **error);

/* "14:05", or "2026-11-23 14:05" when until is not on now's day. */
char    *_rd_operators_format_until    (gint64       until,
                                        gint64       now);

G_END_DECLS
