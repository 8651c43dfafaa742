/* rd-case-reader.h
 *
 * Cases read by id with one prepared statement, for a pass over many cases
 * (an import compares each row of a file with its case): the same case as
 * rd_case_store_get, without preparing a statement per case.
 */
#pragma once

#include "rd-case.h"
#include "rd-store.h"

G_BEGIN_DECLS

typedef struct _RdCaseReader RdCaseReader;

RdCaseReader *rd_case_reader_new  (RdStore       *store,
                                   GError       **error);
/* NULL and RD_CASE_STORE_ERROR_NOT_FOUND when there is no such case. */
RdCase       *rd_case_reader_get  (RdCaseReader  *reader,
                                   gint64         id,
                                   GError       **error);
void          rd_case_reader_free (RdCaseReader  *reader);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdCaseReader, rd_case_reader_free)

G_END_DECLS
