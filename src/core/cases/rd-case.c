/* rd-case.c
 *
 * The refund case struct and its validation.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "rd-case.h"
#include "rd-money.h"

G_DEFINE_QUARK (rd-case-error-quark, rd_case_error)
G_DEFINE_BOXED_TYPE (RdCase, rd_case, rd_case_copy, rd_case_free)

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static gboolean
check_text (const char  *text,
            const char  *field,
            glong        max_chars,
            GError     **error)
{
  const char *end;

  if (text == NULL)
    return TRUE;

  if (!g_utf8_validate (text, -1, &end))
    {
      g_set_error (error, RD_CASE_ERROR, RD_CASE_ERROR_INVALID,
                   _("%s contains text that is not valid UTF-8."), _(field));
      return FALSE;
    }

  /* No more characters than bytes: counted only when it may matter. */
  if (max_chars > 0 && end - text > max_chars && g_utf8_strlen (text, -1) > max_chars)
    {
      g_set_error (error, RD_CASE_ERROR, RD_CASE_ERROR_INVALID,
                   _("%s is too long: at most %ld characters."), _(field), max_chars);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_amount (gint64       amount,
              const char  *field,
              GError     **error)
{
  if (amount < 0)
    {
      g_set_error (error, RD_CASE_ERROR, RD_CASE_ERROR_INVALID,
                   _("%s cannot be negative."), _(field));
      return FALSE;
    }
  if (amount >= RD_CASE_AMOUNT_LIMIT)
    {
      g_set_error (error, RD_CASE_ERROR, RD_CASE_ERROR_INVALID,
                   _("%s is too large."), _(field));
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_decimal (const char *text)
{
  gboolean seen_dot = FALSE;
  gboolean seen_digit = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        seen_digit = TRUE;
      else if (*p == '.' && !seen_dot && seen_digit)
        seen_dot = TRUE;
      else
        return FALSE;
    }
  return seen_digit && text[strlen (text) - 1] != '.';
}

static gboolean
is_date (const char *text)
{
  int y, m, d;

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  if (sscanf (text, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return FALSE;
  return g_date_valid_dmy (d, m, y);
}


RdCase *
rd_case_new (void)
{
  RdCase *self = g_new0 (RdCase, 1);

  self->status = RD_CASE_STATUS_REQUESTED;
  self->goods_kind = RD_GOODS_KIND_STANDARD;
  self->approved_amount = -1;
  self->currency = g_strdup ("CNY");
  return self;
}

RdCase *
rd_case_copy (const RdCase *self)
{
  RdCase *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->case_no = g_strdup (self->case_no);
  copy->channel = g_strdup (self->channel);
  copy->order_no = g_strdup (self->order_no);
  copy->after_sales_no = g_strdup (self->after_sales_no);
  copy->buyer_name = g_strdup (self->buyer_name);
  copy->buyer_contact = g_strdup (self->buyer_contact);
  copy->order_state = g_strdup (self->order_state);
  copy->reason = g_strdup (self->reason);
  copy->currency = g_strdup (self->currency);
  copy->exchange_rate = g_strdup (self->exchange_rate);
  copy->breakdown = g_strdup (self->breakdown);
  copy->expected_arrival = g_strdup (self->expected_arrival);
  copy->handler = g_strdup (self->handler);
  copy->outbound_courier = g_strdup (self->outbound_courier);
  copy->outbound_tracking = g_strdup (self->outbound_tracking);
  copy->proposed_by = g_strdup (self->proposed_by);
  copy->created_by = g_strdup (self->created_by);
  copy->approved_by = g_strdup (self->approved_by);
  copy->notes = g_strdup (self->notes);
  copy->return_tracking = g_strdup (self->return_tracking);
  return copy;
}

void
rd_case_free (RdCase *self)
{
  if (self == NULL)
    return;

  g_free (self->case_no);
  g_free (self->channel);
  g_free (self->order_no);
  g_free (self->after_sales_no);
  g_free (self->buyer_name);
  g_free (self->buyer_contact);
  g_free (self->order_state);
  g_free (self->reason);
  g_free (self->currency);
  g_free (self->exchange_rate);
  g_free (self->breakdown);
  g_free (self->expected_arrival);
  g_free (self->handler);
  g_free (self->outbound_courier);
  g_free (self->outbound_tracking);
  g_free (self->proposed_by);
  g_free (self->created_by);
  g_free (self->approved_by);
  g_free (self->notes);
  g_free (self->return_tracking);
  g_free (self);
}

gboolean
rd_case_validate (const RdCase  *self,
                  GError       **error)
{
  /* Field names translated only for a message (N_): validation runs per
   * case in a bulk of a million. */
  struct { const char *text; const char *field; glong max; } texts[] = {
    { self->channel,          N_("Channel"),                 RD_CASE_NUMBER_MAX_CHARS },
    { self->order_no,         N_("Order number"),            RD_CASE_NUMBER_MAX_CHARS },
    { self->after_sales_no,   N_("After-sales number"),      RD_CASE_NUMBER_MAX_CHARS },
    { self->return_tracking,  N_("Return tracking number"),  RD_CASE_NUMBER_MAX_CHARS },
    { self->outbound_tracking, N_("Outbound tracking number"), RD_CASE_NUMBER_MAX_CHARS },
    { self->outbound_courier, N_("Outbound courier"),        200 },
    { self->proposed_by,      N_("Proposed by"),             200 },
    { self->buyer_name,       N_("Buyer name"),              200 },
    { self->buyer_contact,    N_("Buyer contact"),           200 },
    { self->order_state,      N_("Order state"),             200 },
    { self->reason,           N_("Reason"),                  200 },
    { self->handler,          N_("Handler"),                 200 },
    { self->created_by,       N_("Created by"),              200 },
    { self->approved_by,      N_("Approved by"),             200 },
    { self->notes,            N_("Notes"),                   0 },
    { self->breakdown,        N_("Breakdown"),               0 },
  };

  g_return_val_if_fail (self != NULL, FALSE);

  if (is_blank (self->channel))
    {
      g_set_error (error, RD_CASE_ERROR, RD_CASE_ERROR_REQUIRED, _("Choose the channel."));
      return FALSE;
    }
  if (is_blank (self->order_no))
    {
      g_set_error (error, RD_CASE_ERROR, RD_CASE_ERROR_REQUIRED, _("Enter the order number."));
      return FALSE;
    }
  if (rd_refund_kind_to_id (self->kind) == NULL)
    {
      g_set_error (error, RD_CASE_ERROR, RD_CASE_ERROR_REQUIRED, _("Choose the kind of refund."));
      return FALSE;
    }
  if (is_blank (self->reason))
    {
      g_set_error (error, RD_CASE_ERROR, RD_CASE_ERROR_REQUIRED, _("Choose the refund reason."));
      return FALSE;
    }
  if (rd_payment_method_to_id (self->payment_method) == NULL)
    {
      g_set_error (error, RD_CASE_ERROR, RD_CASE_ERROR_REQUIRED, _("Choose the payment method."));
      return FALSE;
    }
  if (rd_case_status_to_id (self->status) == NULL)
    {
      g_set_error (error, RD_CASE_ERROR, RD_CASE_ERROR_INVALID, _("The case has no valid status."));
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (!check_text (texts[i].text, texts[i].field, texts[i].max, error))
      return FALSE;

  if (!check_amount (self->amount_paid, N_("Amount paid"), error))
    return FALSE;
  if (self->approved_amount != -1)
    {
      if (!check_amount (self->approved_amount, N_("Approved amount"), error))
        return FALSE;
      if (self->approved_amount > self->amount_paid)
        {
          g_set_error (error, RD_CASE_ERROR, RD_CASE_ERROR_INVALID,
                       _("Approved amount cannot be more than the amount paid."));
          return FALSE;
        }
    }

  if (self->currency != NULL && rd_currency_lookup (self->currency) == NULL)
    {
      g_set_error (error, RD_CASE_ERROR, RD_CASE_ERROR_INVALID,
                   _("Currency “%s” is not known."), self->currency);
      return FALSE;
    }
  if (self->exchange_rate != NULL && !is_decimal (self->exchange_rate))
    {
      g_set_error (error, RD_CASE_ERROR, RD_CASE_ERROR_INVALID,
                   _("Exchange rate must be a decimal number such as 7.1234."));
      return FALSE;
    }
  if (self->expected_arrival != NULL && !is_date (self->expected_arrival))
    {
      g_set_error (error, RD_CASE_ERROR, RD_CASE_ERROR_INVALID,
                   _("Expected arrival must be a date such as 2026-11-22."));
      return FALSE;
    }
  if (self->kind >= RD_REFUND_KIND_LAST || self->goods_kind >= RD_GOODS_KIND_LAST ||
      self->refund_route >= RD_REFUND_ROUTE_LAST || self->resolution >= RD_RESOLUTION_LAST ||
      self->refusal_reason >= RD_REFUSAL_REASON_LAST)
    {
      g_set_error (error, RD_CASE_ERROR, RD_CASE_ERROR_INVALID, _("The case has an unknown value."));
      return FALSE;
    }

  return TRUE;
}
