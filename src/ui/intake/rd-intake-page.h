/* rd-intake-page.h
 *
 * The Intake page of the window: the form that takes in a new refund
 * request. What is typed is kept as a draft in the ledger (restored after a
 * crash or a closed window) until the case is saved or the form cancelled.
 */
#pragma once

#include <adwaita.h>

#include "rd-context.h"
#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_INTAKE_PAGE (rd_intake_page_get_type ())
G_DECLARE_FINAL_TYPE (RdIntakePage, rd_intake_page, RD, INTAKE_PAGE, AdwBin)

GtkWidget *rd_intake_page_new         (RdContext    *context);

/* Once: the settings, the policy and the operator come from context, and
 * its store unless the page has one. */
void       rd_intake_page_set_context (RdIntakePage *self,
                                       RdContext    *context);
/* The ledger the page saves into and keeps its draft in (the context's
 * when none is set). Setting a store restores its draft, if any, with a
 * toast. */
void       rd_intake_page_set_store   (RdIntakePage *self,
                                       RdStore      *store);

/* Writes the draft again now (each change is already written as it is
 * made; kept for callers that want to be sure before closing). */
void       rd_intake_page_flush_draft (RdIntakePage *self);

/* TRUE when the form holds something the user typed or chose. */
gboolean   rd_intake_page_is_dirty    (RdIntakePage *self);

G_END_DECLS
