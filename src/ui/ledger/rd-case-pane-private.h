/* rd-case-pane-private.h
 *
 * What rd-case-pane.c (showing the case) and the files of its parts share:
 * rd-case-pane-actions.c (the workflow steps and dialogs),
 * rd-case-pane-approve.c (the approval dialog), rd-case-pane-templates.c
 * (the reply templates), rd-case-edit-dialog.c (editing the case), the
 * intercepts and the timeline.
 */
#pragma once

#if !defined (RD_UI_LEDGER_COMPILATION)
# error "rd-case-pane-private.h is for src/ui/ledger only."
#endif

#include "rd-case-pane.h"
#include "rd-case-evidence.h"
#include "rd-policy.h"
#include "rd-case-workflow.h"
#include "rd-operator-guard.h"

G_BEGIN_DECLS

struct _RdCasePane
{
  AdwBin          parent_instance;

  RdStore        *store;
  RdContext      *context;
  GSettings      *settings;         /* the context's */
  RdCase         *rcase;
  gint64          payouts_sum;
  guint           countdown_id;
  gboolean        updating;
  AdwToast       *toast;            /* the last one added, until dismissed */

  /* Built in C */
  GtkLabel       *info_labels[32];
  AdwActionRow   *info_rows[32];
  GtkLabel       *deadline_label;
  AdwPreferencesGroup *breakdown_group;
  GtkListBox     *breakdown_list;
  GtkCheckButton *evidence_checks[RD_EVIDENCE_N_ITEMS];
  AdwActionRow   *evidence_rows[RD_EVIDENCE_N_ITEMS];
  GtkListBox     *attachments_list;
  GtkListBox     *payouts_list;
  GtkListBox     *timeline_list;
  AdwPreferencesGroup *intercepts_group;
  GtkListBox     *intercepts_list;
  GtkButton      *create_intercept_button;
  /* rd-case-pane-platform.c */
  GtkRevealer    *follow_up_banner;
  GtkWidget      *followed_up_button;
  AdwPreferencesGroup *platform_group;
  AdwActionRow   *platform_status_row;
  AdwActionRow   *platform_refund_row;
  AdwActionRow   *platform_source_row;
  GtkLabel       *platform_status_label;
  GtkLabel       *platform_refund_label;
  GtkLabel       *platform_source_label;

  /* Template children */
  GtkButton      *back_button;
  GtkLabel       *title_label;
  GtkLabel       *status_label;
  GtkButton      *edit_button;
  GtkMenuButton  *templates_button;
  GtkButton      *calculator_button;
  GtkFlowBox     *actions_box;
  GtkStack       *pane_stack;
  GtkBox         *content_box;
};

/* rd-case-pane.c */
/* The operator signed in now, "" when none. */
const char *_rd_case_pane_get_operator   (RdCasePane      *self);
/* The same at the moment of a write; NULL, with "Sign in first" shown,
 * when no one is signed in. */
const char *_rd_case_pane_require_operator (RdCasePane    *self);
/* After a write: reads the case again and tells the page. */
void        _rd_case_pane_changed        (RdCasePane      *self);
/* A message in a toast, as plain text; it replaces the pane's previous one
 * (which would otherwise wait in the overlay's queue until it times out). */
void        _rd_case_pane_toast          (RdCasePane      *self,
                                          const char      *message);
void        _rd_case_pane_show_error     (RdCasePane      *self,
                                          const char      *heading,
                                          const char      *message);
char       *_rd_case_pane_format_money   (RdCasePane      *self,
                                          gint64           amount);
/* The folder attachments are copied into: the ledger file's folder. */
char       *_rd_case_pane_get_data_dir   (RdCasePane      *self);

/* rd-case-pane-actions.c */
void        _rd_case_pane_actions_class_init (GtkWidgetClass *widget_class);
/* The step buttons, the templates menu and the calculator button for the
 * case shown. */
void        _rd_case_pane_update_actions (RdCasePane      *self);

/* rd-case-pane-approve.c: the approval dialog for the case shown. */
void        _rd_case_pane_ask_approve    (RdCasePane      *self);

/* rd-case-pane-intercepts.c */
void        _rd_case_pane_intercepts_build (RdCasePane          *self,
                                            AdwPreferencesGroup *group);
void        _rd_case_pane_intercepts_show  (RdCasePane          *self);

/* rd-case-pane-templates.c */
void        _rd_case_pane_templates_class_init (GtkWidgetClass *widget_class);
/* The templates menu for the case shown. */
void        _rd_case_pane_update_templates_menu (RdCasePane *self);
/* rd-case-edit-dialog.c: the case.edit action (the Edit… button). */
void        _rd_case_pane_edit_class_init (GtkWidgetClass *widget_class);

/* rd-case-pane-platform.c: what the platform's exports said of the case. */
void        _rd_case_pane_platform_build_banner (RdCasePane          *self);
void        _rd_case_pane_platform_build_group  (RdCasePane          *self,
                                                 AdwPreferencesGroup *group);
void        _rd_case_pane_platform_show  (RdCasePane      *self);

/* rd-case-pane-timeline.c */
void        _rd_case_pane_show_timeline  (RdCasePane      *self);

G_END_DECLS
