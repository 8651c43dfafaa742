/* rd-calc-breakdown.c
 *
 * What the steps of rd_calc_compute() write: breakdown rows and warnings
 * into the result, the texts they are made of (amounts, counts, dates, a
 * line's label) and the errors that name a field. Used by
 * rd-calc-compute.c (validation, the order of the steps) and
 * rd-calc-rules.c (the rules); it calls neither.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-calc-private.h"

void
_rd_calc_set_field_error (GError     **error,
                          RdCalcError  code,
                          const char  *field,
                          const char  *message)
{
  g_set_error (error, RD_CALC_ERROR, code, "%s: %s", field, message);
}

gboolean
_rd_calc_check_overflow (gboolean     ok,
                         const char  *field,
                         GError     **error)
{
  if (!ok)
    _rd_calc_set_field_error (error, RD_CALC_ERROR_OVERFLOW, field,
                              _("the amounts are too large to compute exactly"));
  return ok;
}

char *
_rd_calc_money (const Calc *calc,
                gint64      amount)
{
  return rd_money_format (amount, calc->currency);
}

char *
_rd_calc_number (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

char *
_rd_calc_date_text (const GDate *date)
{
  char buffer[16];

  g_date_strftime (buffer, sizeof buffer, "%Y-%m-%d", date);
  return g_strdup (buffer);
}

char *
_rd_calc_line_label (const RdCalcLine *line,
                     guint             index)
{
  if (line->name != NULL && *line->name != '\0')
    return g_strdup_printf ("“%s”", line->name);
  if (line->sku != NULL && *line->sku != '\0')
    return g_strdup_printf ("“%s”", line->sku);
  return g_strdup_printf (_("Line %u"), index + 1);
}

void
_rd_calc_add_row (Calc       *calc,
                  const char *rule,
                  gint64      amount,
                  char       *explanation)   /* (transfer full) */
{
  RdCalcBreakdownRow *row = g_new0 (RdCalcBreakdownRow, 1);

  row->rule = g_strdup (rule);
  row->amount = amount;
  row->explanation = explanation;
  g_ptr_array_add (calc->result->breakdown, row);
}

void
_rd_calc_add_warning (Calc              *calc,
                      RdCalcWarningCode  code,
                      char              *text)     /* (transfer full) */
{
  RdCalcWarning *warning = g_new0 (RdCalcWarning, 1);

  warning->code = code;
  warning->text = text;
  g_ptr_array_add (calc->result->warnings, warning);
}
