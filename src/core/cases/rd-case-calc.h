/* rd-case-calc.h
 *
 * What the calculator starts from when it is opened from a case: the
 * order-level fields of an RdCalcInput taken from the case (whose fault its
 * reason is, whether the goods had left, the currency and its rate, when the
 * refund was asked) and from the ledger (what the other cases of the same
 * order refunded before). The Calculator page only calls these.
 */
#pragma once

#include <gio/gio.h>

#include "rd-calc.h"
#include "rd-case.h"
#include "rd-store.h"

G_BEGIN_DECLS

/* Whether the goods had left the shop for a case of this kind: every kind
 * but refund only, not shipped (and no kind at all). */
gboolean     rd_case_calc_is_shipped          (RdRefundKind   kind);

/* Whether the case's reason is the shop's fault, by the shop's own list of
 * reasons in settings (NULL: the built-in reasons' faults). */
gboolean     rd_case_calc_is_merchant_fault   (GSettings     *settings,
                                               const char    *reason_id);

/* In *refunded, what the other cases of the same order (same channel and
 * order number, same currency, not rcase itself) refunded: the approved
 * amount of each one that was approved and not refused or withdrawn since,
 * whether paid yet or not. 0 when there are none. */
gboolean     rd_case_calc_refunded_on_order   (RdStore       *store,
                                               const RdCase  *rcase,
                                               gint64        *refunded,
                                               GError       **error);

/* Sets input's order-level fields from rcase: currency (CNY when the case
 * has none or one the calculator does not know), exchange rate, shipped,
 * merchant fault, refunded before (rd_case_calc_refunded_on_order) and the
 * date the refund was asked. Lines, discounts, deductions and the other
 * fields are left as they are. */
gboolean     rd_case_calc_fill_order          (RdStore       *store,
                                               GSettings     *settings,
                                               const RdCase  *rcase,
                                               RdCalcInput   *input,
                                               GError       **error);

/* A new input for the case, as when nothing was computed for it yet: one
 * line "Order …" for the amount paid, refunded whole, and the order-level
 * fields of rd_case_calc_fill_order. A breakdown stored with the case is
 * not read here (rd_calc_input_from_breakdown reads it). */
RdCalcInput *rd_case_calc_input_new           (RdStore       *store,
                                               GSettings     *settings,
                                               const RdCase  *rcase,
                                               GError       **error);

G_END_DECLS
