/* rd-case-payouts.h
 *
 * A refund is paid out in one or several instalments. Their sum never
 * exceeds the case's approved amount; the case is paid when it equals it.
 */
#pragma once

#include <gio/gio.h>

#include "rd-store.h"

G_BEGIN_DECLS

#define RD_PAYOUTS_ERROR (rd_payouts_error_quark ())

typedef enum
{
  RD_PAYOUTS_ERROR_FAILED,
  RD_PAYOUTS_ERROR_NOT_POSITIVE,   /* amount ≤ 0 */
  RD_PAYOUTS_ERROR_TOO_MUCH,       /* the sum would pass the approved amount */
  RD_PAYOUTS_ERROR_NOT_APPROVED,   /* the case has no approved amount */
  RD_PAYOUTS_ERROR_NO_CASE,
  RD_PAYOUTS_ERROR_INVALID,        /* bad date or empty route */
} RdPayoutsError;

typedef struct
{
  gint64  case_id;
  gint    seq;           /* 1, 2, … in the order recorded */
  gint64  amount;        /* minor units, > 0 */
  char   *route;         /* refund route id: "original", "transfer", "store_balance" */
  char   *paid_on;       /* YYYY-MM-DD */
  char   *operator;
  gint64  recorded_at;   /* seconds since the epoch, UTC */
} RdPayout;

GQuark     rd_payouts_error_quark  (void);
void       rd_payout_free          (RdPayout    *payout);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdPayout, rd_payout_free)

/* Adds one instalment (and its audit entry), alone or inside the caller's
 * transaction. paid_on is YYYY-MM-DD. *out_seq gets its number. */
gboolean   rd_payouts_add          (RdStore     *store,
                                    gint64       case_id,
                                    gint64       amount,
                                    const char  *route,
                                    const char  *paid_on,
                                    const char  *operator,
                                    gint        *out_seq,
                                    GError     **error);
/* Array of RdPayout*, by seq. */
GPtrArray *rd_payouts_list         (RdStore     *store,
                                    gint64       case_id,
                                    GError     **error);
gboolean   rd_payouts_sum          (RdStore     *store,
                                    gint64       case_id,
                                    gint64      *sum,
                                    GError     **error);
/* TRUE in *paid when the payouts sum exactly to the approved amount. */
gboolean   rd_payouts_is_paid      (RdStore     *store,
                                    gint64       case_id,
                                    gboolean    *paid,
                                    GError     **error);

G_END_DECLS
