/* rd-case-store-edit.h
 *
 * Editing a saved case: which fields a person may still change in the
 * case's state (one table, rd_case_edit_rule), and the write that checks
 * them, the intake's checks and the version the user saw, then stores the
 * change in one transaction with one audit entry per changed field (action
 * "edit": who, when, before → after).
 *
 * What may change, by field (the audit log's names):
 *   any time          buyer name and contact, notes, after-sales number,
 *                     order state, handler
 *   while open        return tracking number, outbound courier and
 *                     tracking number, expected arrival
 *   while requested   channel, order number, kind, goods, reason, payment
 *                     method, amount paid, currency and exchange rate,
 *                     refund route — until someone approves the case
 *   never by editing  the status and its steps' fields (approved amount,
 *                     breakdown, approver, proposer, resolution, refusal
 *                     reason, times): the calculator, a new approval or a
 *                     workflow step changes them
 */
#pragma once

#include "rd-case.h"
#include "rd-policy.h"
#include "rd-store.h"

G_BEGIN_DECLS

typedef enum
{
  RD_CASE_EDIT_NEVER,          /* only through a step of the workflow */
  RD_CASE_EDIT_ALWAYS,
  RD_CASE_EDIT_WHILE_OPEN,     /* rd_case_status_is_open */
  RD_CASE_EDIT_WHILE_REQUESTED /* requested and not approved by anyone */
} RdCaseEditRule;

/* The rule of a field (the audit log's name: "buyer_name", "amount_paid");
 * RD_CASE_EDIT_NEVER for a field not in the table. */
RdCaseEditRule      rd_case_edit_rule          (const char    *field);

/* The fields an edit may change, in the order a form shows them,
 * NULL-terminated. */
const char *const  *rd_case_edit_fields        (void);

/* TRUE when a person may change field of rcase now. Otherwise FALSE and
 * (RD_CASE_STORE_ERROR_NOT_EDITABLE) a sentence naming the field and why. */
gboolean            rd_case_edit_field_allowed (const RdCase  *rcase,
                                                const char    *field,
                                                GError       **error);

/* Writes the fields of edited (matched by edited->id) that differ from the
 * case as stored, after checking that each may change now, that the case
 * passes rd_case_validate and the intake's number checks, and that nobody
 * changed it since seen_updated_at (the updated_at the user saw;
 * RD_CASE_STORE_ERROR_CONFLICT naming who changed it and when). Fields
 * outside rd_case_edit_fields are ignored. With a policy, a new channel or
 * request time moves the platform deadline. Returns the case as stored
 * (unchanged when nothing differed), or NULL with an error. */
RdCase             *rd_case_store_edit         (RdStore       *store,
                                                const RdCase  *edited,
                                                gint64         seen_updated_at,
                                                const RdPolicy *policy,
                                                const char    *operator,
                                                GError       **error);

G_END_DECLS
