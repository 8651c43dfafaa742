/* rd-case-checks.h
 *
 * What the intake form checks as the user types, before a case exists:
 * amounts, platform numbers and the request time, each with a message in
 * the user's language that names the field and never quotes back a whole
 * pasted page of text.
 */
#pragma once

#include <glib.h>

#include "rd-case-types.h"
#include "rd-money.h"

G_BEGIN_DECLS

#define RD_CASE_CHECK_ERROR (rd_case_check_error_quark ())

typedef enum
{
  RD_CASE_CHECK_ERROR_REQUIRED,
  RD_CASE_CHECK_ERROR_INVALID,
  RD_CASE_CHECK_ERROR_FUTURE,
} RdCaseCheckError;

/* How far past now a request time may be before it is taken for a slip of
 * the keyboard (a wrong day, month or year): the form starts at the current
 * minute, and the computer's clock and the platform's differ by a minute or
 * two. Beyond it, the intake asks before saving. */
#define RD_CASE_REQUEST_FUTURE_TOLERANCE (10 * 60)

GQuark    rd_case_check_error_quark   (void);

/* An amount paid: exact, not negative, at most two decimals (the currency's
 * exponent), below RD_CASE_AMOUNT_LIMIT. Empty text is REQUIRED. */
gboolean  rd_case_check_amount  (const char        *text,
                                   const RdCurrency  *currency,
                                   gint64            *out,
                                   GError           **error);

/* A platform number (order, after-sales, tracking): letters, digits and
 * - _ / . # only, at most RD_CASE_NUMBER_MAX_CHARS characters. field is
 * the translated field name for the message. Empty text is REQUIRED. */
gboolean  rd_case_check_number  (const char        *text,
                                   const char        *field,
                                   GError           **error);

/* Whether a case of this kind has an outbound parcel, the goods the shop
 * sent: refund only after shipping, and return and refund. */
gboolean  rd_case_kind_has_outbound_parcel (RdRefundKind kind);

/* The outbound parcel of a shipped case (courier id, tracking number):
 * both may be empty; a tracking number is checked as a platform number
 * (rd_case_check_number) and needs a courier, else REQUIRED. */
gboolean  rd_case_check_outbound (const char       *courier,
                                  const char       *tracking,
                                  GError          **error);

/* "YYYY-MM-DD HH:MM" in local time → Unix seconds. */
gboolean  rd_case_parse_time    (const char        *text,
                                   gint64            *out,
                                   GError           **error);

/* FALSE with RD_CASE_CHECK_ERROR_FUTURE when requested_at is more than
 * RD_CASE_REQUEST_FUTURE_TOLERANCE seconds after now (Unix seconds); the
 * message names the time. A warning: such a case may still be saved once
 * the user confirms it. */
gboolean  rd_case_check_request_time (gint64             requested_at,
                                      gint64             now,
                                      GError           **error);

G_END_DECLS
