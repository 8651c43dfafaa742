/* rd-case-pane.h
 *
 * The selected case beside the ledger: its fields and amounts, the
 * calculator's breakdown, the platform deadline counting down, the evidence
 * checklist and attachments, the payouts and the timeline from the audit
 * log; the case's intercepts (each opens on the Intercepts page through
 * win.show-intercept, x) and "Create Intercept" (win.create-intercept, x)
 * for a refund-only case whose goods were shipped; at the top, the workflow
 * steps valid in the case's state and the reply templates.
 *
 * Actions (for buttons and tests): case.event (i: RdWorkflowEvent),
 * case.copy-template (x: template id), case.add-attachment,
 * case.open-calculator.
 */
#pragma once

#include <adwaita.h>

#include "rd-case.h"
#include "rd-context.h"
#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_CASE_PANE (rd_case_pane_get_type ())
G_DECLARE_FINAL_TYPE (RdCasePane, rd_case_pane, RD, CASE_PANE, AdwBin)

GtkWidget    *rd_case_pane_new            (void);

/* The settings, the policy and the operator come from context; its store
 * is set as rd_case_pane_set_store does. */
void          rd_case_pane_set_context    (RdCasePane   *self,
                                           RdContext    *context);
void          rd_case_pane_set_store      (RdCasePane   *self,
                                           RdStore      *store);
/* Reads case id from the store and shows it; 0 shows the empty state. */
void          rd_case_pane_show_case      (RdCasePane   *self,
                                           gint64        id);
gint64        rd_case_pane_get_case_id    (RdCasePane   *self);
/* The case as last read, or NULL. */
const RdCase *rd_case_pane_get_case       (RdCasePane   *self);
/* Reads the shown case again. */
void          rd_case_pane_reload         (RdCasePane   *self);
/* Shows the back button (the leaflet is folded). */
void          rd_case_pane_set_show_back  (RdCasePane   *self,
                                           gboolean      show_back);

/* The style class that colours a status (style.css): "status-requested",
 * "status-active", "status-paid", "status-refused" or "status-closed". */
const char   *rd_case_pane_status_style_class (RdCaseStatus status);

G_END_DECLS
