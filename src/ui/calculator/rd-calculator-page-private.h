/* rd-calculator-page-private.h
 *
 * What the files of the Calculator page share: its instance struct and the
 * form functions of rd-calculator-page-form.c.
 */
#pragma once

#if !defined (RD_UI_CALCULATOR_COMPILATION)
# error "rd-calculator-page-private.h is for src/ui/calculator only."
#endif

#include "rd-calc-amount-list.h"
#include "rd-calc-lines-grid.h"
#include "rd-calc-result-view.h"
#include "rd-calculator-page.h"

G_BEGIN_DECLS

struct _RdCalculatorPage
{
  AdwBin             parent_instance;

  RdContext         *context;
  RdCalcPolicy       policy;         /* the calculator's part of the context's */
  RdStore           *store;          /* set explicitly, else the context's */
  guint              recompute_id;
  gboolean           filling;

  RdCalcInput       *input;          /* of the last valid result */
  RdCalcResult      *result;         /* NULL while the input is wrong or empty */

  gint64             case_id;        /* 0: no case */
  char              *case_no;
  char              *case_currency;

  RdCalcAmountList  *discounts;
  RdCalcAmountList  *deductions;

  AdwToastOverlay   *toast_overlay;   /* the bin's child */

  /* Template children */
  RdCalcLinesGrid   *lines_grid;
  AdwPreferencesGroup *discounts_group;
  AdwPreferencesGroup *deductions_group;
  GtkWidget         *shipping_entry;
  GtkWidget         *refunded_before_entry;
  GtkWidget         *return_shipping_entry;
  GtkWidget         *compensation_entry;
  GtkSwitch         *shipped_switch;
  GtkSwitch         *merchant_fault_switch;
  AdwComboRow       *currency_row;
  GtkWidget         *rate_row;
  GtkWidget         *rate_entry;
  GtkSpinButton     *instalments_spin;
  GtkWidget         *delivered_entry;
  GtkWidget         *refund_date_entry;
  AdwExpanderRow    *subscription_row;
  GtkWidget         *subscription_start_entry;
  GtkWidget         *subscription_end_entry;
  GtkWidget         *subscription_refund_entry;
  RdCalcResultView  *result_view;
  GtkLabel          *case_label;
};

const RdCurrency *_rd_calculator_page_get_currency      (RdCalculatorPage  *self);
void              _rd_calculator_page_set_currency      (RdCalculatorPage  *self,
                                                         const char        *code);
/* Reads the whole page into a new input; NULL with *first set (naming the
 * place) when a field cannot be read. lines, discounts and deductions get
 * the widget index of each input element. */
RdCalcInput      *_rd_calculator_page_read_input        (RdCalculatorPage  *self,
                                                         GArray            *lines,
                                                         GArray            *discounts,
                                                         GArray            *deductions,
                                                         GError           **first);
/* Marks the field an engine error names; returns the message with the
 * place in words. */
char             *_rd_calculator_page_mark_engine_error (RdCalculatorPage  *self,
                                                         const char        *text,
                                                         GArray            *lines,
                                                         GArray            *discounts,
                                                         GArray            *deductions);
void              _rd_calculator_page_clear_errors      (RdCalculatorPage  *self);
/* Every field empty (or its default), CNY, no lines. */
void              _rd_calculator_page_clear_inputs      (RdCalculatorPage  *self);
void              _rd_calculator_page_fill              (RdCalculatorPage  *self,
                                                         const RdCalcInput *input);

G_END_DECLS
