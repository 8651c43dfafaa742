/* rd-calc-result-json.c
 *
 * RdCalcResult ↔ JSON: the result as `refund-desk calc` prints it and as a
 * case stores it (the stored breakdown, see rd-calc-input-json.c), and the
 * reader that turns a stored breakdown back into an RdCalcResult for the
 * case pane. The reader trusts nothing: text that is not a breakdown the
 * calculator wrote is an error, never a crash.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-calc-json-private.h"
#include "rd-calc-private.h"

/* Helpers */

static void
set_error (GError     **error,
           const char  *path,
           const char  *key,
           const char  *message)
{
  g_autofree char *where = _rd_calc_json_join_path (path, key);

  g_set_error (error, RD_CALC_ERROR, RD_CALC_ERROR_INVALID, "%s: %s", where, message);
}

/* The member key of object; NULL and "path.key: missing" when it is absent. */
static JsonNode *
require_member (JsonObject  *object,
                const char  *path,
                const char  *key,
                GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL)
    set_error (error, path, key, _("missing"));
  return node;
}

static JsonArray *
require_array (JsonObject  *object,
               const char  *path,
               const char  *key,
               GError     **error)
{
  JsonNode *node = require_member (object, path, key, error);
  g_autofree char *where = NULL;

  if (node == NULL)
    return NULL;
  where = _rd_calc_json_join_path (path, key);
  return _rd_calc_json_get_array (node, where, error);
}

/* The member key of object as a string into *out; a null member is NULL
 * when nullable, else missing. */
static gboolean
read_text (JsonObject  *object,
           const char  *path,
           const char  *key,
           gboolean     nullable,
           char       **out,
           GError     **error)
{
  if (require_member (object, path, key, error) == NULL ||
      !_rd_calc_json_read_string (object, key, path, out, error))
    return FALSE;
  if (*out == NULL && !nullable)
    {
      set_error (error, path, key, _("missing"));
      return FALSE;
    }
  return TRUE;
}

/* Element i of array as a string; else "where: must be a string". */
static const char *
get_element_text (JsonArray   *array,
                  guint        i,
                  const char  *where,
                  GError     **error)
{
  JsonNode *node = json_array_get_element (array, i);

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  set_error (error, NULL, where, _("must be a string"));
  return NULL;
}

static gboolean
read_amount (JsonObject        *object,
             const char        *path,
             const char        *key,
             const RdCurrency  *currency,
             gint64            *out,
             GError           **error)
{
  gboolean present;

  if (!_rd_calc_json_read_amount (object, key, path, currency, out, &present, error))
    return FALSE;
  if (!present)
    set_error (error, path, key, _("missing"));
  return present;
}

static gboolean
warning_code_from_string (const char        *text,
                          RdCalcWarningCode *out)
{
  for (RdCalcWarningCode code = RD_CALC_WARNING_OUTSIDE_WINDOW;
       code <= RD_CALC_WARNING_CAPPED_COMPENSATION; code++)
    {
      if (g_strcmp0 (rd_calc_warning_code_to_string (code), text) == 0)
        {
          *out = code;
          return TRUE;
        }
    }
  return FALSE;
}

static void
add_string (JsonBuilder *builder,
            const char  *key,
            const char  *value)
{
  json_builder_set_member_name (builder, key);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* Reading a stored breakdown */

typedef gboolean (*ReadElement) (JsonObject    *object,
                                 const char    *path,
                                 RdCalcResult  *result,
                                 GError       **error);

/* Each element of the array member key, an object, by read_element. */
static gboolean
read_objects (JsonObject    *root,
              const char    *key,
              ReadElement    read_element,
              RdCalcResult  *result,
              GError       **error)
{
  JsonArray *array = require_array (root, NULL, key, error);

  if (array == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s[%u]", key, i);
      JsonObject *object = _rd_calc_json_get_object (json_array_get_element (array, i), path, error);

      if (object == NULL || !read_element (object, path, result, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
read_line (JsonObject    *object,
           const char    *path,
           RdCalcResult  *result,
           GError       **error)
{
  RdCalcLineResult *line = g_new0 (RdCalcLineResult, 1);

  g_ptr_array_add (result->lines, line);
  return read_text (object, path, "sku", TRUE, &line->sku, error) &&
         read_text (object, path, "name", TRUE, &line->name, error) &&
         read_amount (object, path, "gross", result->currency, &line->gross, error) &&
         read_amount (object, path, "discount_share", result->currency, &line->discount_share, error) &&
         read_amount (object, path, "net", result->currency, &line->net, error) &&
         read_amount (object, path, "refund", result->currency, &line->refund, error);
}

static gboolean
read_row (JsonObject    *object,
          const char    *path,
          RdCalcResult  *result,
          GError       **error)
{
  RdCalcBreakdownRow *row = g_new0 (RdCalcBreakdownRow, 1);

  g_ptr_array_add (result->breakdown, row);
  return read_text (object, path, "rule", FALSE, &row->rule, error) &&
         read_amount (object, path, "amount", result->currency, &row->amount, error) &&
         read_text (object, path, "explanation", TRUE, &row->explanation, error);
}

static gboolean
read_instalments (JsonObject    *root,
                  RdCalcResult  *result,
                  GError       **error)
{
  JsonArray *array = require_array (root, NULL, "instalments", error);

  if (array == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *where = g_strdup_printf ("instalments[%u]", i);
      gint64 amount;

      if (!_rd_calc_json_read_amount_node (json_array_get_element (array, i), where,
                                           result->currency, &amount, error))
        return FALSE;
      g_array_append_val (result->instalments, amount);
    }

  return TRUE;
}

/* "warnings" (the texts) and "warning_codes", one code for each text. */
static gboolean
read_warnings (JsonObject    *root,
               RdCalcResult  *result,
               GError       **error)
{
  JsonArray *texts = require_array (root, NULL, "warnings", error);
  JsonArray *codes = texts != NULL ? require_array (root, NULL, "warning_codes", error) : NULL;

  if (codes == NULL)
    return FALSE;

  if (json_array_get_length (codes) != json_array_get_length (texts))
    {
      set_error (error, NULL, "warning_codes", _("must have one code for each warning"));
      return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (texts); i++)
    {
      g_autofree char *text_path = g_strdup_printf ("warnings[%u]", i);
      g_autofree char *code_path = g_strdup_printf ("warning_codes[%u]", i);
      const char *text = get_element_text (texts, i, text_path, error);
      const char *code_text = text != NULL ? get_element_text (codes, i, code_path, error) : NULL;
      RdCalcWarning *warning;

      if (code_text == NULL)
        return FALSE;

      warning = g_new0 (RdCalcWarning, 1);
      warning->text = g_strdup (text);
      g_ptr_array_add (result->warnings, warning);
      if (!warning_code_from_string (code_text, &warning->code))
        {
          g_autofree char *message = g_strdup_printf (_("“%s” is not a warning the calculator gives"), code_text);
          set_error (error, NULL, code_path, message);
          return FALSE;
        }
    }

  return TRUE;
}

/* Public API */

const char *
rd_calc_warning_code_to_string (RdCalcWarningCode code)
{
  switch (code)
    {
    case RD_CALC_WARNING_OUTSIDE_WINDOW:         return "outside_window";
    case RD_CALC_WARNING_SECOND_APPROVER:        return "second_approver";
    case RD_CALC_WARNING_HIGH_TICKET:            return "high_ticket";
    case RD_CALC_WARNING_CAPPED_PAID:            return "capped_paid";
    case RD_CALC_WARNING_CAPPED_ZERO:            return "capped_zero";
    case RD_CALC_WARNING_CAPPED_RETURN_SHIPPING: return "capped_return_shipping";
    case RD_CALC_WARNING_CAPPED_COMPENSATION:    return "capped_compensation";
    default:                                     g_return_val_if_reached (NULL);
    }
}

JsonNode *
rd_calc_result_to_json (const RdCalcResult *result)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const RdCurrency *currency;

  g_return_val_if_fail (result != NULL, NULL);

  currency = result->currency;
  json_builder_begin_object (builder);

  add_string (builder, "currency", currency->code);
  _rd_calc_json_add_amount (builder, "total", result->total, currency);
  if (result->has_total_cny)
    _rd_calc_json_add_amount (builder, "total_cny", result->total_cny, rd_currency_lookup ("CNY"));
  _rd_calc_json_add_amount (builder, "paid", result->paid, currency);

  json_builder_set_member_name (builder, "lines");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->lines->len; i++)
    {
      const RdCalcLineResult *line = g_ptr_array_index (result->lines, i);

      json_builder_begin_object (builder);
      add_string (builder, "sku", line->sku);
      add_string (builder, "name", line->name);
      _rd_calc_json_add_amount (builder, "gross", line->gross, currency);
      _rd_calc_json_add_amount (builder, "discount_share", line->discount_share, currency);
      _rd_calc_json_add_amount (builder, "net", line->net, currency);
      _rd_calc_json_add_amount (builder, "refund", line->refund, currency);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  _rd_calc_json_add_amount (builder, "goods_refund", result->goods_refund, currency);
  _rd_calc_json_add_amount (builder, "shipping_refund", result->shipping_refund, currency);
  _rd_calc_json_add_amount (builder, "return_shipping_refund", result->return_shipping_refund, currency);
  _rd_calc_json_add_amount (builder, "deductions_total", result->deductions_total, currency);

  json_builder_set_member_name (builder, "instalments");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->instalments->len; i++)
    {
      g_autofree char *text = rd_money_format_plain (g_array_index (result->instalments, gint64, i), currency);
      json_builder_add_string_value (builder, text);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "breakdown");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->breakdown->len; i++)
    {
      const RdCalcBreakdownRow *row = g_ptr_array_index (result->breakdown, i);

      json_builder_begin_object (builder);
      add_string (builder, "rule", row->rule);
      _rd_calc_json_add_amount (builder, "amount", row->amount, currency);
      add_string (builder, "explanation", row->explanation);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "warnings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->warnings->len; i++)
    {
      const RdCalcWarning *warning = g_ptr_array_index (result->warnings, i);
      json_builder_add_string_value (builder, warning->text);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "warning_codes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->warnings->len; i++)
    {
      const RdCalcWarning *warning = g_ptr_array_index (result->warnings, i);
      json_builder_add_string_value (builder, rd_calc_warning_code_to_string (warning->code));
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

char *
rd_calc_result_to_json_data (const RdCalcResult *result,
                             gboolean            pretty)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (result != NULL, NULL);

  root = rd_calc_result_to_json (result);
  return json_to_string (root, pretty);
}

RdCalcResult *
rd_calc_result_from_breakdown (const char  *breakdown,
                               GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(RdCalcResult) result = NULL;
  g_autofree char *code = NULL;
  const RdCurrency *currency;
  JsonObject *root;
  JsonNode *node;

  g_return_val_if_fail (breakdown != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_rd_calc_json_load (parser, breakdown, -1, error))
    return NULL;

  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, RD_CALC_ERROR, RD_CALC_ERROR_INVALID,
                           _("The stored breakdown is not a JSON object { … }"));
      return NULL;
    }
  root = json_node_get_object (node);

  if (!read_text (root, NULL, "currency", FALSE, &code, error))
    return NULL;
  currency = rd_currency_lookup (code);
  if (currency == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a currency Refund Desk knows"), code);
      g_set_error (error, RD_CALC_ERROR, RD_CALC_ERROR_UNKNOWN_CURRENCY, "currency: %s", message);
      return NULL;
    }

  result = _rd_calc_result_new (currency);
  if (!read_amount (root, NULL, "total", currency, &result->total, error) ||
      !read_amount (root, NULL, "paid", currency, &result->paid, error) ||
      !read_objects (root, "lines", read_line, result, error) ||
      !read_amount (root, NULL, "goods_refund", currency, &result->goods_refund, error) ||
      !read_amount (root, NULL, "shipping_refund", currency, &result->shipping_refund, error) ||
      !read_amount (root, NULL, "return_shipping_refund", currency, &result->return_shipping_refund, error) ||
      !read_amount (root, NULL, "deductions_total", currency, &result->deductions_total, error) ||
      !read_instalments (root, result, error) ||
      !read_objects (root, "breakdown", read_row, result, error) ||
      !read_warnings (root, result, error))
    return NULL;

  /* Only an order with an exchange rate has a total in yuan. */
  node = json_object_get_member (root, "total_cny");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!_rd_calc_json_read_amount_node (node, "total_cny", rd_currency_lookup ("CNY"),
                                           &result->total_cny, error))
        return NULL;
      result->has_total_cny = TRUE;
    }

  return g_steal_pointer (&result);
}
