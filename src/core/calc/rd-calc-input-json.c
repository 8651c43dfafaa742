/* rd-calc-input-json.c
 *
 * RdCalcInput → JSON, the inverse of rd_calc_input_from_json, and the
 * breakdown stored with a case: the result JSON with the order it was
 * computed from under "input", so that the calculator can reopen it (the
 * result part is read back by rd-calc-result-json.c).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-calc-json-private.h"

static void
add_optional_string (JsonBuilder *builder,
                     const char  *key,
                     const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, key);
  json_builder_add_string_value (builder, value);
}

static void
add_date (JsonBuilder *builder,
          const char  *key,
          const GDate *date)
{
  char text[16];

  if (!g_date_valid (date))
    return;
  g_snprintf (text, sizeof text, "%04u-%02u-%02u",
              (guint) g_date_get_year (date), (guint) g_date_get_month (date),
              (guint) g_date_get_day (date));
  json_builder_set_member_name (builder, key);
  json_builder_add_string_value (builder, text);
}

static void
add_int (JsonBuilder *builder,
         const char  *key,
         gint64       value)
{
  json_builder_set_member_name (builder, key);
  json_builder_add_int_value (builder, value);
}

static void
add_bool (JsonBuilder *builder,
          const char  *key,
          gboolean     value)
{
  json_builder_set_member_name (builder, key);
  json_builder_add_boolean_value (builder, value);
}

JsonNode *
rd_calc_input_to_json (const RdCalcInput *input)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const RdCurrency *currency;

  g_return_val_if_fail (input != NULL, NULL);

  currency = input->currency != NULL ? rd_currency_lookup (input->currency) : rd_currency_default ();
  g_return_val_if_fail (currency != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "currency");
  json_builder_add_string_value (builder, currency->code);

  json_builder_set_member_name (builder, "lines");
  json_builder_begin_array (builder);
  for (guint i = 0; i < input->lines->len; i++)
    {
      const RdCalcLine *line = g_ptr_array_index (input->lines, i);

      json_builder_begin_object (builder);
      add_optional_string (builder, "sku", line->sku);
      add_optional_string (builder, "name", line->name);
      _rd_calc_json_add_amount (builder, "unit_price", line->unit_price, currency);
      add_int (builder, "quantity", line->quantity);
      _rd_calc_json_add_amount (builder, "line_discount", line->line_discount, currency);
      add_int (builder, "refunded_quantity", line->refunded_quantity);
      add_int (builder, "refund_quantity", line->refund_quantity);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "discounts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < input->discounts->len; i++)
    {
      const RdCalcDiscount *discount = g_ptr_array_index (input->discounts, i);

      json_builder_begin_object (builder);
      add_optional_string (builder, "name", discount->name);
      _rd_calc_json_add_amount (builder, "amount", discount->amount, currency);
      add_bool (builder, "platform_funded", discount->platform_funded);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  _rd_calc_json_add_amount (builder, "shipping_paid", input->shipping_paid, currency);
  add_bool (builder, "shipped", input->shipped);
  add_bool (builder, "merchant_fault", input->merchant_fault);
  _rd_calc_json_add_amount (builder, "refunded_before", input->refunded_before, currency);

  json_builder_set_member_name (builder, "deductions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < input->deductions->len; i++)
    {
      const RdCalcDeduction *deduction = g_ptr_array_index (input->deductions, i);

      json_builder_begin_object (builder);
      add_optional_string (builder, "name", deduction->name);
      _rd_calc_json_add_amount (builder, "amount", deduction->amount, currency);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  _rd_calc_json_add_amount (builder, "return_shipping", input->return_shipping, currency);
  if (input->has_compensation)
    _rd_calc_json_add_amount (builder, "compensation", input->compensation, currency);
  add_optional_string (builder, "exchange_rate", input->exchange_rate);

  if (g_date_valid (&input->subscription_start) ||
      g_date_valid (&input->subscription_end) ||
      g_date_valid (&input->subscription_refund_date))
    {
      json_builder_set_member_name (builder, "subscription");
      json_builder_begin_object (builder);
      add_date (builder, "start", &input->subscription_start);
      add_date (builder, "end", &input->subscription_end);
      add_date (builder, "refund_date", &input->subscription_refund_date);
      json_builder_end_object (builder);
    }
  add_date (builder, "delivered", &input->delivered_date);
  add_date (builder, "refund_date", &input->refund_date);
  add_int (builder, "instalments", input->instalments);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

char *
rd_calc_breakdown_to_json_data (const RdCalcInput  *input,
                                const RdCalcResult *result)
{
  g_autoptr(JsonNode) root = NULL;
  JsonNode *input_node;

  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (result != NULL, NULL);

  root = rd_calc_result_to_json (result);
  input_node = rd_calc_input_to_json (input);
  json_object_set_member (json_node_get_object (root), "input", input_node);

  return json_to_string (root, FALSE);
}

RdCalcInput *
rd_calc_input_from_breakdown (const char  *breakdown,
                              GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonNode *input;

  g_return_val_if_fail (breakdown != NULL, NULL);

  if (!_rd_calc_json_load (parser, breakdown, -1, error))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      (input = json_object_get_member (json_node_get_object (root), "input")) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (input))
    {
      g_set_error_literal (error, RD_CALC_ERROR, RD_CALC_ERROR_INVALID,
                           _("The stored breakdown does not include the order it was computed from"));
      return NULL;
    }

  return rd_calc_input_from_json (input, NULL, error);
}
