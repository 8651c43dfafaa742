/* rd-case-history.h
 *
 * A case's history as a shop owner reads it: one audit entry (its action,
 * field, old and new value, as the core writes them: ids, minor units, Unix
 * seconds, the calculator's JSON) becomes one sentence in the user's
 * language — "Calculator breakdown applied: ¥132.53", "Evidence added:
 * Photos", "Status: Requested → Approved", "Parcel SF123 back in the
 * warehouse, intact". Never an internal id, key or JSON: an entry this file
 * does not know gets a plain sentence without its ids.
 *
 * It lives with the intercepts because a case's history tells of its
 * parcels too (their statuses and conditions are named here); the case
 * pane's timeline and the command line show the same words.
 */
#pragma once

#include <glib.h>

#include "rd-audit.h"

G_BEGIN_DECLS

/* The translated label of a case field as the audit log names it
 * ("buyer_name" → "Buyer name"); NULL for a field this file does not know. */
const char *rd_case_history_field_label   (const char         *field);

/* A stored value of a case field as the user reads it elsewhere: display
 * names of statuses, kinds, reasons, payment methods and couriers, money
 * in yuan, times in local time; "—" for none. */
char       *rd_case_history_format_value  (const char         *field,
                                           const char         *value);

/* One audit entry as a sentence (translated). */
char       *rd_case_history_describe      (const RdAuditEntry *entry);
char       *rd_case_history_describe_change (const char       *action,
                                             const char       *field,
                                             const char       *old_value,
                                             const char       *new_value);

G_END_DECLS
