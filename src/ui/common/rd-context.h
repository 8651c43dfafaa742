/* rd-context.h
 *
 * What every page needs, in one object the application creates and the
 * window hands down to its pages: the open ledger, the app's settings, the
 * shop's policy (reloaded when a policy setting changes) and the current
 * operator. No page reaches up to the application for them.
 */
#pragma once

#include <gio/gio.h>

#include "rd-policy.h"
#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_CONTEXT (rd_context_get_type ())
G_DECLARE_FINAL_TYPE (RdContext, rd_context, RD, CONTEXT, GObject)

/* settings: the app's settings (schema io.github.refunddesk.RefundDesk). */
RdContext      *rd_context_new           (RdStore   *store,
                                          GSettings *settings);

/* The open ledger; NULL until one is open. */
RdStore        *rd_context_get_store     (RdContext *self);
void            rd_context_set_store     (RdContext *self,
                                          RdStore   *store);
GSettings      *rd_context_get_settings  (RdContext *self);
/* The shop's policy as the settings say now; notify::policy when it changes. */
const RdPolicy *rd_context_get_policy    (RdContext *self);
/* The operator chosen in the window, "" when none; notify::operator. */
const char     *rd_context_get_operator  (RdContext *self);

G_END_DECLS
