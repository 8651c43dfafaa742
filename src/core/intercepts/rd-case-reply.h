/* rd-case-reply.h
 *
 * A reply template filled for one case: every placeholder from the case,
 * the parcel linked to it (its latest intercept, else its outbound parcel,
 * else the buyer's return parcel) and the shop's settings and policy. What
 * the case does not have is left as a visible gap and named, never as a
 * literal "{…}" (rd_template_fill_all).
 */
#pragma once

#include <gio/gio.h>

#include "rd-case.h"
#include "rd-policy.h"
#include "rd-store.h"
#include "rd-templates.h"

G_BEGIN_DECLS

/* The reply for rcase, with now (Unix seconds) for "today". {ship_by} is
 * the shop's return window (policy->return_ship_days) counted from when the
 * case was moved to awaiting the return, or from now when it was not yet.
 * settings (may be NULL) gives the shop's name and its couriers' names.
 * What could not be filled is appended to missing (array of char*, may be
 * NULL), described in the user's language ("tracking number"). */
char *rd_case_reply_fill (RdStore           *store,
                          const RdPolicy    *policy,
                          GSettings         *settings,
                          const RdCase      *rcase,
                          const RdTemplate  *tmpl,
                          gint64             now,
                          GPtrArray         *missing,
                          GError           **error);

G_END_DECLS
