/* rd-case-stored-json.h
 *
 * The JSON texts the ledger keeps (each case's calculator breakdown, each
 * form's draft), read the way the window reads them, for
 * `refund-desk check`: a text written behind the app's back that the
 * window would refuse is named here, with its case or form.
 */
#pragma once

#include <gio/gio.h>

#include "rd-store.h"

G_BEGIN_DECLS

/* Every stored text that cannot be read, one line each ("Case R-…: the
 * stored breakdown cannot be read: …"), in case order then form order; an
 * empty array when every one reads. NULL and error when the ledger itself
 * could not be read. */
GPtrArray *rd_case_find_unreadable_json (RdStore  *store,
                                         GError  **error);

G_END_DECLS
