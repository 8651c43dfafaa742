/* rd-case-audit.c
 *
 * What a change to a case looks like in the audit log: one entry per field,
 * old and new value as stored (ids for enumerations, minor units for money,
 * Unix seconds for times), NULL for a value that is not set.
 */
#include "config.h"

#include "rd-audit.h"
#include "rd-case-audit-private.h"

static char *
int_text (gint64 value,
          gint64 unset)
{
  return value == unset ? NULL : g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

static gboolean
record_if_changed (RdStore     *store,
                   gint64       case_id,
                   const char  *operator,
                   const char  *action,
                   const char  *field,
                   const char  *old_value,
                   const char  *new_value,
                   GError     **error)
{
  /* NULL and "" are the same "empty" to the user. */
  const char *o = old_value != NULL && *old_value != '\0' ? old_value : NULL;
  const char *n = new_value != NULL && *new_value != '\0' ? new_value : NULL;

  if (g_strcmp0 (o, n) == 0)
    return TRUE;
  return rd_audit_record (store, case_id, operator, action, field, o, n, error);
}

static gboolean
record_int_if_changed (RdStore     *store,
                       gint64       case_id,
                       const char  *operator,
                       const char  *action,
                       const char  *field,
                       gint64       old_value,
                       gint64       new_value,
                       gint64       unset,
                       GError     **error)
{
  g_autofree char *o = int_text (old_value, unset);
  g_autofree char *n = int_text (new_value, unset);

  return record_if_changed (store, case_id, operator, action, field, o, n, error);
}

gboolean
_rd_case_audit_insert (RdStore       *store,
                       const RdCase  *rcase,
                       const char    *operator,
                       GError       **error)
{
  return rd_audit_record (store, rcase->id, operator, "create", "case_no",
                          NULL, rcase->case_no, error);
}

gboolean
_rd_case_audit_changes (RdStore       *store,
                        const RdCase  *b,
                        const RdCase  *a,
                        const char    *operator,
                        const char    *action,
                        GError       **error)
{
  gint64 id = a->id;

#define TEXT(field) \
  if (!record_if_changed (store, id, operator, action, #field, b->field, a->field, error)) \
    return FALSE;
#define ENUM(field, to_id) \
  if (!record_if_changed (store, id, operator, action, #field, to_id (b->field), to_id (a->field), error)) \
    return FALSE;
#define INT(field, unset) \
  if (!record_int_if_changed (store, id, operator, action, #field, b->field, a->field, unset, error)) \
    return FALSE;

  /* Status first: the timeline reads "approved" before the fields it set. */
  ENUM (status, rd_case_status_to_id)
  TEXT (channel)
  TEXT (order_no)
  TEXT (after_sales_no)
  TEXT (buyer_name)
  TEXT (buyer_contact)
  ENUM (kind, rd_refund_kind_to_id)
  ENUM (goods_kind, rd_goods_kind_to_id)
  TEXT (order_state)
  TEXT (reason)
  ENUM (payment_method, rd_payment_method_to_id)
  ENUM (refund_route, rd_refund_route_to_id)
  TEXT (currency)
  TEXT (exchange_rate)
  INT (amount_paid, G_MININT64)
  INT (approved_amount, -1)
  TEXT (breakdown)
  INT (requested_at, 0)
  INT (platform_deadline, 0)
  TEXT (expected_arrival)
  TEXT (handler)
  TEXT (approved_by)
  TEXT (notes)
  TEXT (return_tracking)
  ENUM (resolution, rd_resolution_to_id)
  ENUM (refusal_reason, rd_refusal_reason_to_id)
  INT (paid_at, 0)
  INT (closed_at, 0)
  TEXT (outbound_courier)
  TEXT (outbound_tracking)
  TEXT (proposed_by)

#undef TEXT
#undef ENUM
#undef INT

  return TRUE;
}
