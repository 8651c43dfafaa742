/* rd-case-store-edit.c
 *
 * Editing a saved case (rd-case-store-edit.h): the table of what may
 * change when, and the one write that applies an edit.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-case-checks.h"
#include "rd-case-store.h"
#include "rd-case-store-edit.h"
#include "rd-operators.h"
#include "rd-case-store-private.h"
#include "rd-case-store-workflow.h"
#include "rd-time.h"

typedef enum
{
  VALUE_TEXT,
  VALUE_ENUM,
  VALUE_INT,
} ValueType;

static const struct
{
  const char     *field;
  const char     *label;     /* as the form names it */
  RdCaseEditRule  rule;
  ValueType       type;
  gsize           offset;
  gboolean        number;    /* a platform number: rd_case_check_number */
} edit_fields[] = {
#define TEXT(f, l, r)   { #f, l, r, VALUE_TEXT, G_STRUCT_OFFSET (RdCase, f), FALSE }
#define NUMBER(f, l, r) { #f, l, r, VALUE_TEXT, G_STRUCT_OFFSET (RdCase, f), TRUE }
#define ENUM(f, l, r)   { #f, l, r, VALUE_ENUM, G_STRUCT_OFFSET (RdCase, f), FALSE }
#define INT(f, l, r)    { #f, l, r, VALUE_INT,  G_STRUCT_OFFSET (RdCase, f), FALSE }
  TEXT   (channel,           N_("Channel"),                  RD_CASE_EDIT_WHILE_REQUESTED),
  NUMBER (order_no,          N_("Order number"),             RD_CASE_EDIT_WHILE_REQUESTED),
  ENUM   (kind,              N_("Kind of refund"),           RD_CASE_EDIT_WHILE_REQUESTED),
  ENUM   (goods_kind,        N_("Goods"),                    RD_CASE_EDIT_WHILE_REQUESTED),
  TEXT   (reason,            N_("Reason"),                   RD_CASE_EDIT_WHILE_REQUESTED),
  ENUM   (payment_method,    N_("Payment method"),           RD_CASE_EDIT_WHILE_REQUESTED),
  INT    (amount_paid,       N_("Amount paid"),              RD_CASE_EDIT_WHILE_REQUESTED),
  TEXT   (currency,          N_("Currency"),                 RD_CASE_EDIT_WHILE_REQUESTED),
  TEXT   (exchange_rate,     N_("Exchange rate"),            RD_CASE_EDIT_WHILE_REQUESTED),
  ENUM   (refund_route,      N_("Refund route"),             RD_CASE_EDIT_WHILE_REQUESTED),
  INT    (requested_at,      N_("Requested at"),             RD_CASE_EDIT_WHILE_REQUESTED),
  TEXT   (buyer_name,        N_("Buyer name"),               RD_CASE_EDIT_ALWAYS),
  TEXT   (buyer_contact,     N_("Contact"),                  RD_CASE_EDIT_ALWAYS),
  NUMBER (after_sales_no,    N_("After-sales number"),       RD_CASE_EDIT_ALWAYS),
  TEXT   (order_state,       N_("Order state"),              RD_CASE_EDIT_ALWAYS),
  TEXT   (handler,           N_("Handler"),                  RD_CASE_EDIT_ALWAYS),
  TEXT   (notes,             N_("Notes"),                    RD_CASE_EDIT_ALWAYS),
  NUMBER (return_tracking,   N_("Return tracking number"),   RD_CASE_EDIT_WHILE_OPEN),
  TEXT   (outbound_courier,  N_("Outbound courier"),         RD_CASE_EDIT_WHILE_OPEN),
  NUMBER (outbound_tracking, N_("Outbound tracking number"), RD_CASE_EDIT_WHILE_OPEN),
  TEXT   (expected_arrival,  N_("Expected arrival by"),      RD_CASE_EDIT_WHILE_OPEN),
#undef TEXT
#undef NUMBER
#undef ENUM
#undef INT
};

/* What only a step of the workflow changes, with the label for the message. */
static const struct
{
  const char *field;
  const char *label;
} step_fields[] = {
  { "status",            N_("Status") },
  { "approved_amount",   N_("Approved refund") },
  { "breakdown",         N_("Calculation") },
  { "approved_by",       N_("Approved by") },
  { "proposed_by",       N_("Proposed by") },
  { "resolution",        N_("Resolution") },
  { "refusal_reason",    N_("Refusal reason") },
  { "platform_deadline", N_("Platform deadline") },
  { "paid_at",           N_("Paid at") },
  { "closed_at",         N_("Closed at") },
  { "case_no",           N_("Case number") },
};

static int
find_field (const char *field)
{
  for (guint i = 0; field != NULL && i < G_N_ELEMENTS (edit_fields); i++)
    if (g_str_equal (edit_fields[i].field, field))
      return i;
  return -1;
}

RdCaseEditRule
rd_case_edit_rule (const char *field)
{
  int i = find_field (field);

  return i >= 0 ? edit_fields[i].rule : RD_CASE_EDIT_NEVER;
}

const char *const *
rd_case_edit_fields (void)
{
  static const char *fields[G_N_ELEMENTS (edit_fields) + 1];

  if (fields[0] == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (edit_fields); i++)
      fields[i] = edit_fields[i].field;
  return fields;
}

static const char *
field_label (const char *field)
{
  int i = find_field (field);

  if (i >= 0)
    return _(edit_fields[i].label);
  for (guint j = 0; j < G_N_ELEMENTS (step_fields); j++)
    if (g_strcmp0 (step_fields[j].field, field) == 0)
      return _(step_fields[j].label);
  return _("This detail");
}

gboolean
rd_case_edit_field_allowed (const RdCase  *rcase,
                            const char    *field,
                            GError       **error)
{
  const char *status;

  g_return_val_if_fail (rcase != NULL, FALSE);

  status = rd_case_status_get_name (rcase->status);

  switch (rd_case_edit_rule (field))
    {
    case RD_CASE_EDIT_ALWAYS:
      return TRUE;

    case RD_CASE_EDIT_WHILE_OPEN:
      if (rd_case_status_is_open (rcase->status))
        return TRUE;
      g_set_error (error, RD_CASE_STORE_ERROR, RD_CASE_STORE_ERROR_NOT_EDITABLE,
                   /* TRANSLATORS: the field's label, the case's status ("Closed") */
                   _("“%s” can no longer change: the case is %s."), field_label (field), status);
      return FALSE;

    case RD_CASE_EDIT_WHILE_REQUESTED:
      if (rcase->status == RD_CASE_STATUS_REQUESTED && rcase->approved_by == NULL)
        return TRUE;
      g_set_error (error, RD_CASE_STORE_ERROR, RD_CASE_STORE_ERROR_NOT_EDITABLE,
                   /* TRANSLATORS: the field's label, the case's status ("Approved") */
                   _("“%s” can only change before the case is approved; this case is %s."),
                   field_label (field), status);
      return FALSE;

    case RD_CASE_EDIT_NEVER:
    default:
      if (g_strcmp0 (field, "approved_amount") == 0 || g_strcmp0 (field, "breakdown") == 0)
        g_set_error (error, RD_CASE_STORE_ERROR, RD_CASE_STORE_ERROR_NOT_EDITABLE,
                     /* TRANSLATORS: %s is "Approved refund" or "Calculation" */
                     _("“%s” is not edited by hand: the calculator proposes it and an approval fixes it."),
                     field_label (field));
      else
        g_set_error (error, RD_CASE_STORE_ERROR, RD_CASE_STORE_ERROR_NOT_EDITABLE,
                     /* TRANSLATORS: %s is a field set by the case's steps, "Status" */
                     _("“%s” is not edited by hand: it changes with the case's steps."),
                     field_label (field));
      return FALSE;
    }
}

/* The step fields are compared too: an edit that tries to change them is
 * refused, not silently ignored. */
static const char *
changed_step_field (const RdCase *b,
                    const RdCase *a)
{
  if (a->status != b->status)
    return "status";
  if (a->approved_amount != b->approved_amount)
    return "approved_amount";
  if (g_strcmp0 (a->breakdown, b->breakdown) != 0)
    return "breakdown";
  if (g_strcmp0 (a->approved_by, b->approved_by) != 0)
    return "approved_by";
  if (g_strcmp0 (a->proposed_by, b->proposed_by) != 0)
    return "proposed_by";
  if (a->resolution != b->resolution)
    return "resolution";
  if (a->refusal_reason != b->refusal_reason)
    return "refusal_reason";
  return NULL;
}

static gboolean
empty_text (const char *text)
{
  return text == NULL || *text == '\0';
}

static gboolean
field_differs (const RdCase *a,
               const RdCase *b,
               guint         i)
{
  gconstpointer pa = G_STRUCT_MEMBER_P (a, edit_fields[i].offset);
  gconstpointer pb = G_STRUCT_MEMBER_P (b, edit_fields[i].offset);

  switch (edit_fields[i].type)
    {
    case VALUE_TEXT:
      {
        const char *ta = *(char * const *) pa;
        const char *tb = *(char * const *) pb;

        /* NULL and "" are the same "empty" (as in the audit). */
        if (empty_text (ta) && empty_text (tb))
          return FALSE;
        return g_strcmp0 (ta, tb) != 0;
      }
    case VALUE_ENUM:
      return *(const int *) pa != *(const int *) pb;
    case VALUE_INT:
    default:
      return *(const gint64 *) pa != *(const gint64 *) pb;
    }
}

static void
copy_field (RdCase       *to,
            const RdCase *from,
            guint         i)
{
  gpointer pt = G_STRUCT_MEMBER_P (to, edit_fields[i].offset);
  gconstpointer pf = G_STRUCT_MEMBER_P (from, edit_fields[i].offset);

  switch (edit_fields[i].type)
    {
    case VALUE_TEXT:
      {
        const char *text = *(char * const *) pf;

        g_free (*(char **) pt);
        *(char **) pt = empty_text (text) ? NULL : g_strdup (text);
        break;
      }
    case VALUE_ENUM:
      *(int *) pt = *(const int *) pf;
      break;
    case VALUE_INT:
    default:
      *(gint64 *) pt = *(const gint64 *) pf;
      break;
    }
}

/* Who wrote the case last, and when, for the stale-version message. */
static char *
describe_last_change (RdStore *store,
                      gint64   case_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *clock = NULL;
  g_autofree char *date = NULL;
  g_autofree char *today = NULL;
  const char *who;
  gint64 at;

  stmt = rd_store_prepare (store,
                           "SELECT operator, at FROM audit_log WHERE case_id = ?1 ORDER BY id DESC LIMIT 1",
                           NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, case_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  who = (const char *) sqlite3_column_text (stmt, 0);
  at = sqlite3_column_int64 (stmt, 1);
  clock = rd_time_format_local_clock (at);
  date = rd_time_format_local_date (at);
  today = rd_time_format_local_date (g_get_real_time () / G_USEC_PER_SEC);
  if (g_strcmp0 (date, today) == 0)
    /* TRANSLATORS: the operator's name and the time, "李娜", "14:05" */
    return g_strdup_printf (_("This case was changed by %s at %s after you opened it. "
                              "Close this window and open the case again to see the change."),
                            who != NULL ? who : "?", clock);
  /* TRANSLATORS: the operator's name, the date and the time */
  return g_strdup_printf (_("This case was changed by %s on %s at %s after you opened it. "
                            "Close this window and open the case again to see the change."),
                          who != NULL ? who : "?", date, clock);
}

/* The one place where the operator's right to edit a case is checked. */
static gboolean
check_operator_may_edit (RdStore     *store,
                         const char  *operator,
                         GError     **error)
{
  return rd_operators_check (store, operator, RD_ACTION_EDIT_CASE, error);
}

/* The intake's number checks, for the numbers that changed. */
static gboolean
check_numbers (const RdCase  *before,
               const RdCase  *after,
               GError       **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (edit_fields); i++)
    {
      const char *text;
      g_autoptr(GError) local_error = NULL;

      /* Only a number field is text: an enum or a time is not a pointer. */
      if (!edit_fields[i].number)
        continue;
      text = G_STRUCT_MEMBER (char *, after, edit_fields[i].offset);
      if (empty_text (text) || !field_differs (before, after, i))
        continue;
      if (!rd_case_check_number (text, _(edit_fields[i].label), &local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  return TRUE;
}

RdCase *
rd_case_store_edit (RdStore         *store,
                    const RdCase    *edited,
                    gint64           seen_updated_at,
                    const RdPolicy  *policy,
                    const char      *operator,
                    GError         **error)
{
  g_autoptr(RdCase) before = NULL;
  g_autoptr(RdCase) after = NULL;
  const char *step_field;
  gboolean changed = FALSE;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (edited != NULL, NULL);

  if (!check_operator_may_edit (store, operator, error))
    return NULL;

  if (!_rd_case_store_begin_write (store, error))
    return NULL;

  before = rd_case_store_get (store, edited->id, error);
  if (before == NULL)
    goto failed;

  if (before->updated_at != seen_updated_at)
    {
      g_autofree char *message = describe_last_change (store, before->id);

      g_set_error_literal (error, RD_CASE_STORE_ERROR, RD_CASE_STORE_ERROR_CONFLICT,
                           message != NULL ? message
                           : _("This case was changed after you opened it. "
                               "Close this window and open the case again to see the change."));
      goto failed;
    }

  step_field = changed_step_field (before, edited);
  if (step_field != NULL)
    {
      rd_case_edit_field_allowed (before, step_field, error);
      goto failed;
    }

  after = rd_case_copy (before);
  for (guint i = 0; i < G_N_ELEMENTS (edit_fields); i++)
    {
      if (!field_differs (before, edited, i))
        continue;
      if (!rd_case_edit_field_allowed (before, edit_fields[i].field, error))
        goto failed;
      copy_field (after, edited, i);
      changed = TRUE;
    }

  if (!changed)
    {
      rd_store_rollback (store);
      return g_steal_pointer (&before);
    }

  /* A CNY case has no exchange rate (as at intake). */
  if (after->currency == NULL || g_str_equal (after->currency, "CNY"))
    g_clear_pointer (&after->exchange_rate, g_free);

  if (!check_numbers (before, after, error) || !rd_case_validate (after, error))
    goto failed;

  if (policy != NULL && (g_strcmp0 (before->channel, after->channel) != 0 ||
                         before->requested_at != after->requested_at))
    after->platform_deadline = rd_case_compute_platform_deadline (after, policy);

  if (!rd_case_store_write_locked (store, after, operator, "edit", error))
    goto failed;
  if (!rd_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&after);

failed:
  rd_store_rollback (store);
  return NULL;
}
