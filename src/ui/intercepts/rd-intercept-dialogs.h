/* rd-intercept-dialogs.h
 *
 * The Intercepts page's dialogs (AdwMessageDialog with form content): a new
 * intercept (by hand or prefilled from a case), the condition of a parcel
 * back in the warehouse, filing a claim for a lost or delivered parcel,
 * settling a claim, and matching a returned parcel nobody registered to its
 * case. Each calls `done` once with what the user chose, only
 * when they confirmed.
 */
#pragma once

#include <adwaita.h>

#include "rd-intercepts.h"

G_BEGIN_DECLS

/* filled: the intercept to create (owned by the dialog, valid during the call). */
typedef void (*RdCreateDone)    (RdIntercept       *filled,
                                 gpointer           data);
typedef void (*RdConditionDone) (RdParcelCondition  condition,
                                 gpointer           data);
typedef void (*RdClaimDone)     (gint64             amount,
                                 RdLostRemedy       remedy,
                                 gpointer           data);
typedef void (*RdSettleDone)    (gint64             recovered,
                                 gpointer           data);
/* case_no: as typed or picked (valid during the call). */
typedef void (*RdMatchDone)     (const char        *case_no,
                                 gpointer           data);

/* Each presents its dialog and returns it (it destroys itself when
 * answered). prefill: a case's intercept (rd_intercepts_prefill_from_case)
 * or NULL. */
GtkWindow *rd_intercept_dialog_create    (GtkWidget         *parent,
                                          const RdIntercept *prefill,
                                          RdCreateDone       done,
                                          gpointer           data);
GtkWindow *rd_intercept_dialog_condition (GtkWidget         *parent,
                                          const RdIntercept *intercept,
                                          RdConditionDone    done,
                                          gpointer           data);
GtkWindow *rd_intercept_dialog_claim     (GtkWidget         *parent,
                                          const RdIntercept *intercept,
                                          gboolean           lost,
                                          RdClaimDone        done,
                                          gpointer           data);
GtkWindow *rd_intercept_dialog_settle    (GtkWidget         *parent,
                                          const RdClaim     *claim,
                                          RdSettleDone       done,
                                          gpointer           data);
/* candidates: cases to pick from (RdCase*, rd_intercepts_list_match_
 * candidates; may be NULL or empty); the case number may also be typed. */
GtkWindow *rd_intercept_dialog_match     (GtkWidget         *parent,
                                          const RdIntercept *intercept,
                                          GPtrArray         *candidates,
                                          RdMatchDone        done,
                                          gpointer           data);

G_END_DECLS
