/* rd-intake-page-private.h
 *
 * What the files of the Intake page share: rd-intake-page.c (the widget,
 * its drafts and derived rows), rd-intake-page-checks.c (the form's checks),
 * rd-intake-page-save.c (saving, the duplicate guard, cancelling) and
 * rd-intake-page-outbound.c (offering the intercept of a shipped parcel).
 */
#pragma once

#if !defined (RD_UI_INTAKE_COMPILATION)
# error "rd-intake-page-private.h is for src/ui/intake only."
#endif

#include "rd-case.h"
#include "rd-case-evidence.h"
#include "rd-intake-page.h"

G_BEGIN_DECLS

struct _RdIntakePage
{
  AdwBin               parent_instance;

  RdStore             *store;
  RdContext           *context;
  GSettings           *settings;           /* the context's */
  GtkWindow           *window;
  gulong               close_handler;
  GtkEventController  *new_shortcut;
  guint                clock_id;           /* keeps an untouched form's request time now */
  gboolean             loading;
  gboolean             future_confirmed;   /* the next save asks nothing about the request time */
  char                *blank_json;
  GtkCheckButton      *evidence_checks[RD_EVIDENCE_N_ITEMS];
  GtkWidget           *evidence_rows[RD_EVIDENCE_N_ITEMS];

  /* Template children */
  AdwToastOverlay     *toast_overlay;
  GtkScrolledWindow   *scrolled;
  AdwComboRow         *channel_row;
  AdwEntryRow         *order_row;
  AdwComboRow         *kind_row;
  AdwComboRow         *reason_row;
  AdwEntryRow         *amount_row;
  AdwComboRow         *payment_row;
  GtkLabel            *required_message;
  AdwEntryRow         *after_sales_row;
  AdwEntryRow         *requested_row;
  AdwActionRow        *deadline_row;
  AdwComboRow         *goods_row;
  AdwEntryRow         *order_state_row;
  AdwActionRow        *shipped_offline_row;
  GtkSwitch           *shipped_offline_switch;
  AdwComboRow         *outbound_courier_row;
  AdwEntryRow         *outbound_tracking_row;
  AdwEntryRow         *tracking_row;
  GtkLabel            *request_message;
  AdwPreferencesGroup *evidence_group;
  AdwPreferencesGroup *steps_group;
  GtkLabel            *steps_label;
  AdwEntryRow         *buyer_name_row;
  AdwEntryRow         *buyer_contact_row;
  AdwComboRow         *currency_row;
  AdwEntryRow         *rate_row;
  AdwComboRow         *route_row;
  GtkLabel            *money_message;
  AdwEntryRow         *handler_row;
  AdwEntryRow         *notes_row;
  GtkLabel            *status_label;
  GtkButton           *save_button;
};

static inline const char *
entry_row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/* The case the form describes when it can be saved, else NULL; shows
 * what is missing or wrong and sets intake.save's sensitivity. */
RdCase *_rd_intake_page_check_form        (RdIntakePage *self);
/* Adds a line to the case's notes. */
void    _rd_intake_append_note            (RdCase       *rcase,
                                           const char   *line);
/* The current operator, NULL (and "Sign in first" shown) when none is. */
char   *_rd_intake_page_get_operator      (RdIntakePage *self);
void    _rd_intake_page_show_toast        (RdIntakePage *self,
                                           const char   *title);
void    _rd_intake_page_discard_draft     (RdIntakePage *self);
void    _rd_intake_page_clear_form        (RdIntakePage *self);
void    _rd_intake_page_focus_first_field (RdIntakePage *self);

/* After rcase was saved: a shipped refund-only case with an outbound
 * tracking number offers to register its intercept (win.create-intercept)
 * when the operator's role may, rd-intake-page-outbound.c. */
void    _rd_intake_page_offer_intercept   (RdIntakePage *self,
                                           const RdCase *rcase);
/* The saved toast's title: "Case … saved", or for a role that may not
 * register the intercept of the case's parcel, to ask the warehouse. */
char   *_rd_intake_page_saved_message     (RdIntakePage *self,
                                           const RdCase *rcase);

/* intake.save and intake.cancel. */
void    _rd_intake_page_save_action       (GtkWidget    *widget,
                                           const char   *action_name,
                                           GVariant     *parameter);
void    _rd_intake_page_cancel_action     (GtkWidget    *widget,
                                           const char   *action_name,
                                           GVariant     *parameter);

G_END_DECLS
