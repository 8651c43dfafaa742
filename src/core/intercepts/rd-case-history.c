/* rd-case-history.c
 *
 * The words of a case's history (rd-case-history.h). Every action the core
 * writes to the audit log has its sentence here:
 *
 *   create                       the case number               rd-case-store.c
 *   update, edit, apply_breakdown, the workflow steps, resend
 *                                one case field, old → new     rd-case-audit.c
 *   mark_returned                return_condition              rd-case-store-workflow.c
 *   evidence                     an evidence item, 0 ↔ 1       rd-case-evidence.c
 *   attach                       attachment, the file's name   rd-case-evidence.c
 *   payout                       the instalment's number       rd-case-payouts.c
 *   intercept_*, scan, claim_*   "intercept <tracking> <what>" rd-intercepts.c, -views.c, -scans.c
 *   save-template, delete-template, add-/remove-holiday, add-/remove-makeup-workday
 *                                (not about a case)            src/core/shop
 *   import / row, import-update / row
 *                                the file's name, its row      rd-import-apply.c
 *   import (a case field, platform_status, follow_up)
 *                                old → new                     rd-import-apply.c
 *   save-/delete-import-profile  the profile's name (not about a case)
 *                                                              rd-import-store.c
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-calc-json.h"
#include "rd-case-evidence.h"
#include "rd-case-history.h"
#include "rd-case-workflow.h"
#include "rd-channels.h"
#include "rd-intercept-types.h"
#include "rd-money.h"
#include "rd-time.h"

static const struct
{
  const char *field;
  const char *label;
} field_labels[] = {
  { "case_no", N_("Case number") },
  { "status", N_("Status") },
  { "channel", N_("Channel") },
  { "order_no", N_("Order number") },
  { "after_sales_no", N_("After-sales number") },
  { "buyer_name", N_("Buyer name") },
  { "buyer_contact", N_("Contact") },
  { "kind", N_("Kind of refund") },
  { "goods_kind", N_("Goods") },
  { "order_state", N_("Order state") },
  { "reason", N_("Reason") },
  { "payment_method", N_("Payment method") },
  { "refund_route", N_("Refund route") },
  { "currency", N_("Currency") },
  { "exchange_rate", N_("Exchange rate") },
  { "amount_paid", N_("Paid by the buyer") },
  { "approved_amount", N_("Approved refund") },
  { "breakdown", N_("Calculation") },
  { "requested_at", N_("Requested at") },
  { "platform_deadline", N_("Platform deadline") },
  { "expected_arrival", N_("Expected arrival by") },
  { "handler", N_("Handler") },
  { "approved_by", N_("Approved by") },
  { "notes", N_("Notes") },
  { "return_tracking", N_("Return tracking number") },
  { "return_condition", N_("Return condition") },
  { "resolution", N_("Resolution") },
  { "refusal_reason", N_("Refusal reason") },
  { "paid_at", N_("Paid at") },
  { "closed_at", N_("Closed at") },
  { "outbound_courier", N_("Outbound courier") },
  { "outbound_tracking", N_("Outbound tracking number") },
  { "proposed_by", N_("Proposed by") },
};

static gboolean
is_empty (const char *text)
{
  return text == NULL || *text == '\0';
}

const char *
rd_case_history_field_label (const char *field)
{
  for (guint i = 0; field != NULL && i < G_N_ELEMENTS (field_labels); i++)
    if (g_str_equal (field_labels[i].field, field))
      return _(field_labels[i].label);
  return NULL;
}

/* A display name; "unknown" rather than an id nobody can read. */
static char *
name_or_unknown (const char *name)
{
  /* TRANSLATORS: a stored value this version of Refund Desk has no name for */
  return g_strdup (!is_empty (name) ? name : _("(unknown)"));
}

static gboolean
parse_int (const char *text,
           gint64     *out)
{
  char *end = NULL;

  if (is_empty (text))
    return FALSE;
  *out = g_ascii_strtoll (text, &end, 10);
  return end != NULL && *end == '\0';
}

static char *
format_time (const char *value)
{
  gint64 number;
  g_autofree char *when = NULL;

  if (parse_int (value, &number) && number > 0)
    when = rd_time_format_local (number);
  else
    {
      /* The intercepts write times as ISO 8601. */
      g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (value, NULL);

      if (dt != NULL)
        when = rd_time_format_local (g_date_time_to_unix (dt));
    }
  return g_strdup (!is_empty (when) ? when : value);
}

char *
rd_case_history_format_value (const char *field,
                              const char *value)
{
  gint64 number;

  if (is_empty (value))
    return g_strdup ("—");
  if (field == NULL)
    return g_strdup (value);

  if (g_str_equal (field, "status"))
    return name_or_unknown (rd_case_status_get_name (rd_case_status_from_id (value)));
  if (g_str_equal (field, "kind"))
    return name_or_unknown (rd_refund_kind_get_name (rd_refund_kind_from_id (value)));
  if (g_str_equal (field, "goods_kind"))
    return name_or_unknown (rd_goods_kind_get_name (rd_goods_kind_from_id (value)));
  if (g_str_equal (field, "payment_method"))
    return name_or_unknown (rd_payment_method_get_name (rd_payment_method_from_id (value)));
  if (g_str_equal (field, "refund_route"))
    return name_or_unknown (rd_refund_route_get_name (rd_refund_route_from_id (value)));
  if (g_str_equal (field, "resolution"))
    return name_or_unknown (rd_resolution_get_name (rd_resolution_from_id (value)));
  if (g_str_equal (field, "refusal_reason"))
    return name_or_unknown (rd_refusal_reason_get_name (rd_refusal_reason_from_id (value)));
  if (g_str_equal (field, "outbound_courier"))
    return name_or_unknown (rd_courier_get_name (rd_courier_from_id (value)));
  if (g_str_equal (field, "return_condition"))
    {
      RdReturnCondition condition;

      return name_or_unknown (rd_return_condition_from_id (value, &condition)
                              ? rd_return_condition_to_label (condition) : NULL);
    }
  /* A shop's own reason is stored as its name. */
  if (g_str_equal (field, "reason"))
    return g_strdup (rd_refund_reason_get_name (value));
  if (g_str_equal (field, "channel"))
    return rd_channel_display_name (value, NULL);
  if (g_str_equal (field, "amount_paid") || g_str_equal (field, "approved_amount"))
    return parse_int (value, &number) ? rd_money_format (number, NULL) : g_strdup (value);
  if (g_str_equal (field, "requested_at") || g_str_equal (field, "platform_deadline") ||
      g_str_equal (field, "paid_at") || g_str_equal (field, "closed_at"))
    return format_time (value);

  return g_strdup (value);
}

/* The total of a stored calculator breakdown, formatted; NULL when the
 * text is not one. */
static char *
breakdown_total (const char *breakdown)
{
  RdCalcResult *result;
  char *text;

  if (is_empty (breakdown))
    return NULL;
  result = rd_calc_result_from_breakdown (breakdown, NULL);
  if (result == NULL)
    return NULL;
  text = rd_money_format (result->total, result->currency);
  rd_calc_result_free (result);
  return text;
}

static char *
describe_breakdown (const char *old_value,
                    const char *new_value)
{
  g_autofree char *total = breakdown_total (new_value);

  if (is_empty (new_value))
    return g_strdup (_("Calculator breakdown removed"));
  if (total == NULL)
    return g_strdup (_("Calculator breakdown applied"));
  if (!is_empty (old_value))
    /* TRANSLATORS: %s is the refund the new breakdown comes to, "¥132.53" */
    return g_strdup_printf (_("Calculator breakdown replaced: %s"), total);
  /* TRANSLATORS: %s is the refund the breakdown comes to, "¥132.53" */
  return g_strdup_printf (_("Calculator breakdown applied: %s"), total);
}

/* Sentences of a parcel that is back or scanned, by its condition. */
static char *
describe_condition (const char *tracking,
                    const char *condition_id,
                    gboolean    scanned)
{
  switch (rd_parcel_condition_from_id (condition_id))
    {
    case RD_PARCEL_CONDITION_INTACT:
      return g_strdup_printf (scanned ? _("Parcel %s scanned in the warehouse, intact")
                                      : _("Parcel %s back in the warehouse, intact"), tracking);
    case RD_PARCEL_CONDITION_DAMAGED:
      return g_strdup_printf (scanned ? _("Parcel %s scanned in the warehouse, damaged")
                                      : _("Parcel %s back in the warehouse, damaged"), tracking);
    case RD_PARCEL_CONDITION_PARTS_MISSING:
      return g_strdup_printf (scanned ? _("Parcel %s scanned in the warehouse, parts missing")
                                      : _("Parcel %s back in the warehouse, parts missing"), tracking);
    case RD_PARCEL_CONDITION_NOT_OURS:
      return g_strdup_printf (_("Parcel %s scanned: not one of ours"), tracking);
    case RD_PARCEL_CONDITION_NONE:
    case RD_PARCEL_CONDITION_LAST:
    default:
      return g_strdup_printf (scanned ? _("Parcel %s scanned in the warehouse")
                                      : _("Parcel %s back in the warehouse"), tracking);
    }
}

static char *
describe_claim (const char *action,
                const char *tracking,
                const char *new_value)
{
  g_auto(GStrv) parts = NULL;
  gint64 amount = 0;

  if (g_strcmp0 (action, "claim_file") == 0)
    {
      g_autofree char *money = NULL;

      if (!parse_int (new_value, &amount))
        return g_strdup_printf (_("Claim filed with the courier for parcel %s"), tracking);
      money = rd_money_format (amount, NULL);
      /* TRANSLATORS: the parcel's tracking number, the amount claimed */
      return g_strdup_printf (_("Claim filed with the courier for parcel %s: %s"), tracking, money);
    }

  /* claim_settle: "paid <recovered>" or "refused 0". */
  parts = g_strsplit (new_value != NULL ? new_value : "", " ", 2);
  if (rd_claim_status_from_id (parts[0]) == RD_CLAIM_STATUS_PAID &&
      parts[1] != NULL && parse_int (parts[1], &amount))
    {
      g_autofree char *money = rd_money_format (amount, NULL);

      /* TRANSLATORS: the parcel's tracking number, what the courier paid */
      return g_strdup_printf (_("Claim for parcel %s paid by the courier: %s"), tracking, money);
    }
  if (rd_claim_status_from_id (parts[0]) == RD_CLAIM_STATUS_REFUSED)
    return g_strdup_printf (_("Claim for parcel %s refused by the courier"), tracking);
  return g_strdup_printf (_("Claim for parcel %s settled"), tracking);
}

/* field is "intercept <tracking number> <what>" (rd-intercepts.c). */
static char *
describe_parcel (const char *action,
                 const char *field,
                 const char *old_value,
                 const char *new_value)
{
  const char *rest = field + strlen ("intercept ");
  const char *space = strrchr (rest, ' ');
  g_autofree char *tracking = NULL;
  const char *what;

  if (space == NULL || space == rest)
    return g_strdup (_("A parcel of the case was updated"));
  tracking = g_strndup (rest, space - rest);
  what = space + 1;

  if (g_str_equal (what, "status"))
    {
      RdInterceptStatus to = rd_intercept_status_from_id (new_value);
      g_autofree char *to_name = name_or_unknown (rd_intercept_status_get_name (to));
      g_autofree char *from_name = NULL;

      if (g_strcmp0 (action, "intercept_create") == 0 || is_empty (old_value))
        /* TRANSLATORS: the tracking number, the parcel's first status */
        return g_strdup_printf (_("Parcel %s registered to be intercepted: %s"), tracking, to_name);
      if (to == RD_INTERCEPT_STATUS_BACK_IN_WAREHOUSE)
        return g_strdup_printf (_("Parcel %s back in the warehouse"), tracking);
      from_name = name_or_unknown (rd_intercept_status_get_name (rd_intercept_status_from_id (old_value)));
      /* TRANSLATORS: the tracking number, its old and new status */
      return g_strdup_printf (_("Parcel %s: %s → %s"), tracking, from_name, to_name);
    }

  if (g_str_equal (what, "condition"))
    {
      g_autofree char *from_name = NULL;
      g_autofree char *to_name = NULL;

      if (is_empty (old_value))
        return describe_condition (tracking, new_value, FALSE);
      from_name = name_or_unknown (rd_parcel_condition_get_name (rd_parcel_condition_from_id (old_value)));
      to_name = name_or_unknown (rd_parcel_condition_get_name (rd_parcel_condition_from_id (new_value)));
      /* TRANSLATORS: the tracking number, the condition before and after the correction */
      return g_strdup_printf (_("Parcel %s condition corrected: %s → %s"), tracking, from_name, to_name);
    }

  if (g_str_equal (what, "scan"))
    return describe_condition (tracking, new_value, TRUE);

  if (g_str_equal (what, "last_movement"))
    {
      g_autofree char *when = format_time (new_value);

      /* TRANSLATORS: the tracking number, the time of its last tracking movement */
      return g_strdup_printf (_("Parcel %s last moved at %s"), tracking, when);
    }

  if (g_str_equal (what, "claim"))
    return describe_claim (action, tracking, new_value);

  if (g_str_equal (what, "case"))
    /* TRANSLATORS: a parcel that came back with a number nobody had
     * registered, linked later; the tracking number, the case number */
    return g_strdup_printf (_("Returned parcel %s matched to case %s"), tracking,
                            !is_empty (new_value) ? new_value : "—");

  return g_strdup_printf (_("Parcel %s updated"), tracking);
}

static char *
describe_evidence (const char *field,
                   const char *new_value)
{
  RdEvidenceItem item;

  if (!rd_evidence_item_from_id (field, &item))
    return g_strdup (_("Evidence list changed"));
  if (g_strcmp0 (new_value, "1") == 0)
    /* TRANSLATORS: %s is an evidence item, "Photos" */
    return g_strdup_printf (_("Evidence added: %s"), rd_evidence_item_get_name (item));
  /* TRANSLATORS: %s is an evidence item, "Photos" */
  return g_strdup_printf (_("Evidence removed: %s"), rd_evidence_item_get_name (item));
}

/* new_value is "<amount> <route id> <YYYY-MM-DD>" (rd-case-payouts.c). */
static char *
describe_payout (const char *field,
                 const char *new_value)
{
  g_auto(GStrv) parts = g_strsplit (new_value != NULL ? new_value : "", " ", 3);
  g_autofree char *route = NULL;

  if (g_strv_length (parts) != 3)
    /* TRANSLATORS: %s is the instalment's number, 1, 2, … */
    return g_strdup_printf (_("Payout %s recorded"), field != NULL ? field : "");

  route = name_or_unknown (rd_refund_route_get_name (rd_refund_route_from_id (parts[1])));
  /* TRANSLATORS: the instalment's number, its amount, the refund route, the date paid */
  return g_strdup_printf (_("Payout %s recorded: %s (%s, paid on %s)"),
                          field != NULL ? field : "", parts[0], route, parts[2]);
}

/* Entries that are not about a case (src/core/shop). */
static char *
describe_shop (const char *action,
               const char *field,
               const char *old_value,
               const char *new_value)
{
  if (g_str_equal (action, "save-template"))
    /* TRANSLATORS: %s is the reply template's title */
    return g_strdup_printf (_("Reply template saved: %s"), !is_empty (new_value) ? new_value : "—");
  if (g_str_equal (action, "delete-template"))
    return g_strdup (_("A reply template was deleted"));
  if (g_str_equal (action, "add-holiday"))
    /* TRANSLATORS: the date and the holiday's name */
    return g_strdup_printf (_("Holiday added: %s %s"), field, new_value != NULL ? new_value : "");
  if (g_str_equal (action, "remove-holiday"))
    return g_strdup_printf (_("Holiday removed: %s %s"), field, old_value != NULL ? old_value : "");
  if (g_str_equal (action, "save-import-profile"))
    /* TRANSLATORS: %s is the name of the user's own import profile */
    return g_strdup_printf (_("Import profile saved: %s"), field);
  if (g_str_equal (action, "delete-import-profile"))
    return g_strdup_printf (_("Import profile deleted: %s"), field);
  if (g_str_equal (action, "add-makeup-workday"))
    return g_strdup_printf (_("Make-up working day added: %s %s"), field, new_value != NULL ? new_value : "");
  if (g_str_equal (action, "remove-makeup-workday"))
    return g_strdup_printf (_("Make-up working day removed: %s %s"), field, old_value != NULL ? old_value : "");
  return NULL;
}

static char *
describe_field (const char *action,
                const char *field,
                const char *old_value,
                const char *new_value)
{
  const char *label = rd_case_history_field_label (field);
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;

  if (label == NULL)
    return g_strdup (_("A detail of the case was changed"));

  if (g_str_equal (field, "breakdown"))
    return describe_breakdown (old_value, new_value);

  new_text = rd_case_history_format_value (field, new_value);
  if (g_str_equal (field, "approved_amount") && g_strcmp0 (action, "apply_breakdown") == 0)
    /* TRANSLATORS: %s is the refund the calculator proposes, "¥132.53" */
    return g_strdup_printf (_("Refund to approve: %s"), new_text);

  if (is_empty (old_value))
    /* TRANSLATORS: a field set for the first time: its label and value, "Approved by: 李娜" */
    return g_strdup_printf (_("%s: %s"), label, new_text);

  old_text = rd_case_history_format_value (field, old_value);
  if (is_empty (new_value))
    /* TRANSLATORS: a field emptied: its label and the value it had */
    return g_strdup_printf (_("%s cleared (was %s)"), label, old_text);
  /* TRANSLATORS: a field changed: its label, old and new value, "Buyer name: 王芳 → 王芳芳" */
  return g_strdup_printf (_("%s: %s → %s"), label, old_text, new_text);
}

char *
rd_case_history_describe_change (const char *action,
                                  const char *field,
                                  const char *old_value,
                                  const char *new_value)
{
  char *text;
  RdWorkflowEvent event;

  if (action == NULL)
    action = "";

  if (g_str_equal (action, "create") && g_strcmp0 (field, "case_no") == 0)
    /* TRANSLATORS: %s is the case number, RF-2026-000001 */
    return g_strdup_printf (_("Case %s created"), !is_empty (new_value) ? new_value : "");

  if (g_str_equal (action, "import") && g_strcmp0 (field, "row") == 0)
    /* TRANSLATORS: the file's name and the row number, "Imported from taobao-1201.csv, row 12" */
    return g_strdup_printf (_("Imported from %s, row %s"), !is_empty (old_value) ? old_value : "—",
                            !is_empty (new_value) ? new_value : "—");
  if (g_str_equal (action, "import-update") && g_strcmp0 (field, "row") == 0)
    /* TRANSLATORS: the file's name and the row number */
    return g_strdup_printf (_("Changed by the import of %s, row %s"), !is_empty (old_value) ? old_value : "—",
                            !is_empty (new_value) ? new_value : "—");
  if (g_str_equal (action, "import") && g_strcmp0 (field, "follow_up") == 0)
    return g_strdup (_("Reopened on the platform: flagged for follow-up"));
  if (g_str_equal (action, "follow-up") && g_strcmp0 (field, "follow_up") == 0)
    return g_strdup (_("Followed up: the reopened case is no longer flagged"));
  if (g_str_equal (action, "import") && g_strcmp0 (field, "platform_status") == 0)
    {
      if (is_empty (old_value))
        /* TRANSLATORS: the platform's status as its export writes it, 退款成功 */
        return g_strdup_printf (_("Platform status: %s"), !is_empty (new_value) ? new_value : "—");
      /* TRANSLATORS: the platform's status before and now, as its export writes them */
      return g_strdup_printf (_("Platform status: %s → %s"), old_value, !is_empty (new_value) ? new_value : "—");
    }

  if (field != NULL && g_str_has_prefix (field, "intercept "))
    return describe_parcel (action, field, old_value, new_value);
  if (g_str_equal (action, "evidence"))
    return describe_evidence (field, new_value);
  if (g_str_equal (action, "attach"))
    /* TRANSLATORS: %s is the file's name */
    return g_strdup_printf (_("File attached: %s"), !is_empty (new_value) ? new_value : "—");
  if (g_str_equal (action, "payout"))
    return describe_payout (field, new_value);
  if (g_str_equal (action, "approve") && g_strcmp0 (field, "no_breakdown_reason") == 0)
    /* Translators: the reason the approver gave for approving a case
     * without the calculator's breakdown. */
    return g_strdup_printf (_("Approved without a breakdown: %s"), !is_empty (new_value) ? new_value : "—");
  if (field != NULL && (text = describe_shop (action, field, old_value, new_value)) != NULL)
    return text;

  if (field != NULL)
    return describe_field (action, field, old_value, new_value);

  /* No core entry is without a field today; say at least which step. */
  if (rd_workflow_event_from_id (action, &event))
    return g_strdup (rd_workflow_event_to_label (event));
  return g_strdup (_("The case was changed"));
}

char *
rd_case_history_describe (const RdAuditEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);

  return rd_case_history_describe_change (entry->action, entry->field,
                                          entry->old_value, entry->new_value);
}
