/* rd-calc-json.h
 *
 * The calculator's JSON form, used by `refund-desk calc` and by the window
 * ("Apply to case" stores the result with the case). Amounts are decimal
 * strings in the major unit ("108.00"); the keys are documented in
 * docs/calc.md. Errors are RD_CALC_ERROR and name the JSON path:
 * "lines[1].unit_price: …".
 */
#pragma once

#include <json-glib/json-glib.h>

#include "rd-calc.h"

G_BEGIN_DECLS

/* Reads one order. When policy is not NULL, the keys of an optional "policy"
 * object in the input override its fields; without one it is left alone. */
RdCalcInput  *rd_calc_input_from_json       (JsonNode            *root,
                                             RdCalcPolicy        *policy,
                                             GError             **error);
/* The same from JSON text; a syntax error is reported with its line. */
RdCalcInput  *rd_calc_input_from_json_data  (const char          *data,
                                             gssize               length,
                                             RdCalcPolicy        *policy,
                                             GError             **error);

JsonNode     *rd_calc_result_to_json        (const RdCalcResult  *result);
char         *rd_calc_result_to_json_data   (const RdCalcResult  *result,
                                             gboolean             pretty);

/* The order as JSON in the form rd_calc_input_from_json reads (every key
 * written, amounts as decimal strings). */
JsonNode     *rd_calc_input_to_json         (const RdCalcInput   *input);

/* What a case stores when the calculator is applied to it: the result's
 * JSON object with the order under "input". */
char         *rd_calc_breakdown_to_json_data (const RdCalcInput  *input,
                                              const RdCalcResult *result);
/* The order of a stored breakdown; an error when it has none. */
RdCalcInput  *rd_calc_input_from_breakdown  (const char          *breakdown,
                                             GError             **error);
/* The result of a stored breakdown, every figure as the calculator wrote
 * it (the order under "input" is not read). An error, never a crash, when
 * the text is not such a breakdown: not JSON, nested too deep, not an
 * object, a member missing or of the wrong type, an unknown currency. */
RdCalcResult *rd_calc_result_from_breakdown (const char          *breakdown,
                                             GError             **error);

/* The stable id of a warning ("outside_window", "second_approver",
 * "high_ticket", "capped_paid", "capped_zero", "capped_return_shipping",
 * "capped_compensation"). */
const char   *rd_calc_warning_code_to_string (RdCalcWarningCode   code);

G_END_DECLS
