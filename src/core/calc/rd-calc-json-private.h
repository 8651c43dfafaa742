/* rd-calc-json-private.h
 *
 * Between rd-calc-json.c (input from JSON, result to JSON) and
 * rd-calc-input-json.c (input to JSON, the stored breakdown).
 */
#pragma once

#if !defined (RD_CALC_COMPILATION)
# error "rd-calc-json-private.h is for src/core/calc only."
#endif

#include "rd-calc-json.h"

G_BEGIN_DECLS

/* Member key: the amount as a plain decimal string in currency. */
void     _rd_calc_json_add_amount (JsonBuilder       *builder,
                                   const char        *key,
                                   gint64             amount,
                                   const RdCurrency  *currency);

/* Parses data into parser; RD_CALC_ERROR_INVALID when it is not JSON. */
gboolean _rd_calc_json_load       (JsonParser        *parser,
                                   const char        *data,
                                   gssize             length,
                                   GError           **error);

G_END_DECLS
