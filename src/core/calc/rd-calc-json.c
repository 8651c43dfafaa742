/* rd-calc-json.c
 *
 * JSON → RdCalcInput with errors that name the JSON path, and the helpers
 * every reader of the calculator's JSON shares (loading text, amounts,
 * paths). Amounts travel as exact decimal strings; a JSON number with a
 * fraction is refused, so no double ever carries money.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "rd-calc-json-private.h"
#include "rd-json-check.h"

/* Every text is checked by rd_json_check() before json-glib parses it
 * (depth, NUL, duplicated keys); nothing the calculator reads or writes is
 * nested more than four levels. */

typedef struct
{
  const RdCurrency *currency;
} Reader;

static const char *const line_keys[] = {
  "sku", "name", "unit_price", "quantity", "line_discount",
  "refunded_quantity", "refund_quantity", NULL
};
static const char *const discount_keys[] = { "name", "amount", "platform_funded", NULL };
static const char *const deduction_keys[] = { "name", "amount", NULL };
static const char *const subscription_keys[] = { "start", "end", "refund_date", NULL };
static const char *const policy_keys[] = {
  "high_ticket_threshold", "review_threshold", "return_shipping_cap", "refund_window_days", NULL
};
static const char *const order_keys[] = {
  "currency", "lines", "discounts", "shipping_paid", "shipped", "merchant_fault",
  "refunded_before", "deductions", "return_shipping", "compensation", "exchange_rate",
  "subscription", "delivered", "refund_date", "instalments", "policy", NULL
};

/* Helpers */

char *
_rd_calc_json_join_path (const char *parent,
                         const char *key)
{
  if (parent == NULL || *parent == '\0')
    return g_strdup (key);
  return g_strdup_printf ("%s.%s", parent, key);
}

static void
set_path_error (GError     **error,
                const char  *path,
                const char  *message)
{
  g_set_error (error, RD_CALC_ERROR, RD_CALC_ERROR_INVALID, "%s: %s", path, message);
}

/* The member, or NULL when it is missing or null. */
static JsonNode *
get_member (JsonObject *object,
            const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return node;
}

static gboolean
check_keys (JsonObject         *object,
            const char *const  *known,
            const char         *path,
            GError            **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      if (!g_strv_contains (known, l->data))
        {
          g_autofree char *where = _rd_calc_json_join_path (path, l->data);
          set_path_error (error, where, _("unknown key"));
          return FALSE;
        }
    }

  return TRUE;
}

JsonObject *
_rd_calc_json_get_object (JsonNode    *node,
                          const char  *path,
                          GError     **error)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_path_error (error, path, _("must be a JSON object { … }"));
      return NULL;
    }
  return json_node_get_object (node);
}

JsonArray *
_rd_calc_json_get_array (JsonNode    *node,
                         const char  *path,
                         GError     **error)
{
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      set_path_error (error, path, _("must be a JSON array [ … ]"));
      return NULL;
    }
  return json_node_get_array (node);
}

/* Sets *node to the member key of object (NULL when absent) and checks that
 * a present member is a value of type; else the error is path.key and
 * type_message (N_()). */
static gboolean
get_typed_value (JsonObject   *object,
                 const char   *key,
                 const char   *path,
                 GType         type,
                 const char   *type_message,
                 JsonNode    **node,
                 GError      **error)
{
  *node = get_member (object, key);
  if (*node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (*node) || json_node_get_value_type (*node) != type)
    {
      g_autofree char *where = _rd_calc_json_join_path (path, key);
      set_path_error (error, where, _(type_message));
      return FALSE;
    }
  return TRUE;
}

gboolean
_rd_calc_json_read_string (JsonObject  *object,
                           const char  *key,
                           const char  *path,
                           char       **out,
                           GError     **error)
{
  JsonNode *node;

  if (!get_typed_value (object, key, path, G_TYPE_STRING, N_("must be a string"), &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

  g_free (*out);
  *out = json_node_dup_string (node);
  return TRUE;
}

gboolean
_rd_calc_json_read_amount_node (JsonNode          *node,
                                const char        *where,
                                const RdCurrency  *currency,
                                gint64            *out,
                                GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *text;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      set_path_error (error, where, _("an amount is a decimal string such as \"108.00\""));
      return FALSE;
    }

  text = json_node_get_string (node);
  if (!rd_money_parse (text, currency, out, &local_error))
    {
      g_autofree char *message = g_strdup_printf ("“%s”: %s", text, local_error->message);
      set_path_error (error, where, message);
      return FALSE;
    }

  return TRUE;
}

gboolean
_rd_calc_json_read_amount (JsonObject        *object,
                           const char        *key,
                           const char        *path,
                           const RdCurrency  *currency,
                           gint64            *out,
                           gboolean          *present,
                           GError           **error)
{
  JsonNode *node = get_member (object, key);
  g_autofree char *where = NULL;

  if (present != NULL)
    *present = node != NULL;
  if (node == NULL)
    return TRUE;

  where = _rd_calc_json_join_path (path, key);
  return _rd_calc_json_read_amount_node (node, where, currency, out, error);
}

static gboolean
read_amount (Reader      *reader,
             JsonObject  *object,
             const char  *key,
             const char  *path,
             gint64      *out,
             GError     **error)
{
  return _rd_calc_json_read_amount (object, key, path, reader->currency, out, NULL, error);
}

static gboolean
read_integer (JsonObject  *object,
              const char  *key,
              const char  *path,
              gint64      *out,
              gboolean    *present,
              GError     **error)
{
  JsonNode *node;
  gboolean ok = get_typed_value (object, key, path, G_TYPE_INT64, N_("must be a whole number"),
                                 &node, error);

  if (present != NULL)
    *present = node != NULL;
  if (!ok)
    return FALSE;
  if (node == NULL)
    return TRUE;

  *out = json_node_get_int (node);
  return TRUE;
}

static gboolean
read_boolean (JsonObject  *object,
              const char  *key,
              const char  *path,
              gboolean    *out,
              GError     **error)
{
  JsonNode *node;

  if (!get_typed_value (object, key, path, G_TYPE_BOOLEAN, N_("must be true or false"), &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

  *out = json_node_get_boolean (node);
  return TRUE;
}

/* Exactly "DDDD-DD-DD" in ASCII digits: sscanf alone would take a sign
 * ("-026-11-30") or spaces for digits. */
static gboolean
is_plain_date (const char *text)
{
  if (strlen (text) != 10)
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i == 4 || i == 7 ? text[i] != '-' : !g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

static gboolean
read_date (JsonObject  *object,
           const char  *key,
           const char  *path,
           GDate       *out,
           GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree char *where = _rd_calc_json_join_path (path, key);
  int year, month, day, consumed = 0;

  if (!_rd_calc_json_read_string (object, key, path, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;

  if (!is_plain_date (text) ||
      sscanf (text, "%4d-%2d-%2d%n", &year, &month, &day, &consumed) != 3 ||
      consumed != 10 ||
      !g_date_valid_dmy (day, month, year))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a date; write it as YYYY-MM-DD"), text);
      set_path_error (error, where, message);
      return FALSE;
    }

  g_date_set_dmy (out, day, month, year);
  return TRUE;
}

/* Sections */

static gboolean
read_line (Reader       *reader,
           JsonNode     *node,
           const char   *path,
           RdCalcInput  *input,
           GError      **error)
{
  JsonObject *object;
  RdCalcLine *line;
  gboolean has_quantity, has_refund;

  if ((object = _rd_calc_json_get_object (node, path, error)) == NULL ||
      !check_keys (object, line_keys, path, error))
    return FALSE;

  line = rd_calc_input_add_line (input, NULL, NULL, 0, 0);

  if (get_member (object, "unit_price") == NULL)
    {
      g_autofree char *where = _rd_calc_json_join_path (path, "unit_price");
      set_path_error (error, where, _("missing"));
      return FALSE;
    }

  if (!_rd_calc_json_read_string (object, "sku", path, &line->sku, error) ||
      !_rd_calc_json_read_string (object, "name", path, &line->name, error) ||
      !read_amount (reader, object, "unit_price", path, &line->unit_price, error) ||
      !read_integer (object, "quantity", path, &line->quantity, &has_quantity, error) ||
      !read_amount (reader, object, "line_discount", path, &line->line_discount, error) ||
      !read_integer (object, "refunded_quantity", path, &line->refunded_quantity, NULL, error) ||
      !read_integer (object, "refund_quantity", path, &line->refund_quantity, &has_refund, error))
    return FALSE;

  if (!has_quantity)
    {
      g_autofree char *where = _rd_calc_json_join_path (path, "quantity");
      set_path_error (error, where, _("missing"));
      return FALSE;
    }

  /* Without refund_quantity, everything left of the line is refunded. */
  if (!has_refund && line->refunded_quantity >= 0 && line->refunded_quantity <= line->quantity)
    line->refund_quantity = line->quantity - line->refunded_quantity;

  return TRUE;
}

static gboolean
read_list (Reader       *reader,
           JsonObject   *root,
           const char   *key,
           RdCalcInput  *input,
           GError      **error)
{
  JsonNode *node = get_member (root, key);
  JsonArray *array;

  if (node == NULL)
    return TRUE;

  if ((array = _rd_calc_json_get_array (node, key, error)) == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *path = g_strdup_printf ("%s[%u]", key, i);
      JsonObject *object;

      if (g_str_equal (key, "lines"))
        {
          if (!read_line (reader, element, path, input, error))
            return FALSE;
          continue;
        }

      if ((object = _rd_calc_json_get_object (element, path, error)) == NULL)
        return FALSE;

      if (g_str_equal (key, "discounts"))
        {
          RdCalcDiscount *discount = rd_calc_discount_new (NULL, 0, FALSE);

          g_ptr_array_add (input->discounts, discount);
          if (!check_keys (object, discount_keys, path, error) ||
              !_rd_calc_json_read_string (object, "name", path, &discount->name, error) ||
              !read_amount (reader, object, "amount", path, &discount->amount, error) ||
              !read_boolean (object, "platform_funded", path, &discount->platform_funded, error))
            return FALSE;
        }
      else
        {
          RdCalcDeduction *deduction = rd_calc_deduction_new (NULL, 0);

          g_ptr_array_add (input->deductions, deduction);
          if (!check_keys (object, deduction_keys, path, error) ||
              !_rd_calc_json_read_string (object, "name", path, &deduction->name, error) ||
              !read_amount (reader, object, "amount", path, &deduction->amount, error))
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
read_subscription (JsonObject   *root,
                   RdCalcInput  *input,
                   GError      **error)
{
  JsonNode *node = get_member (root, "subscription");
  JsonObject *object;

  if (node == NULL)
    return TRUE;

  if ((object = _rd_calc_json_get_object (node, "subscription", error)) == NULL ||
      !check_keys (object, subscription_keys, "subscription", error))
    return FALSE;

  return read_date (object, "start", "subscription", &input->subscription_start, error) &&
         read_date (object, "end", "subscription", &input->subscription_end, error) &&
         read_date (object, "refund_date", "subscription", &input->subscription_refund_date, error);
}

static gboolean
read_policy (JsonObject    *root,
             RdCalcPolicy  *policy,
             GError       **error)
{
  JsonNode *node = get_member (root, "policy");
  const RdCurrency *cny = rd_currency_lookup ("CNY");
  JsonObject *object;
  RdCalcPolicy read = { 0, };
  gboolean present;
  gint64 days;

  if (node == NULL)
    return TRUE;

  if ((object = _rd_calc_json_get_object (node, "policy", error)) == NULL ||
      !check_keys (object, policy_keys, "policy", error))
    return FALSE;

  if (policy != NULL)
    read = *policy;

  if (!_rd_calc_json_read_amount (object, "high_ticket_threshold", "policy", cny, &read.high_ticket_threshold, NULL, error) ||
      !_rd_calc_json_read_amount (object, "review_threshold", "policy", cny, &read.review_threshold, NULL, error) ||
      !_rd_calc_json_read_amount (object, "return_shipping_cap", "policy", cny, &read.return_shipping_cap, NULL, error) ||
      !read_integer (object, "refund_window_days", "policy", &days, &present, error))
    return FALSE;

  if (read.high_ticket_threshold < 0 || read.review_threshold < 0 || read.return_shipping_cap < 0)
    {
      const char *key = read.high_ticket_threshold < 0 ? "policy.high_ticket_threshold"
                      : read.review_threshold < 0 ? "policy.review_threshold"
                      : "policy.return_shipping_cap";
      g_set_error (error, RD_CALC_ERROR, RD_CALC_ERROR_NEGATIVE, "%s: %s", key, _("must not be negative"));
      return FALSE;
    }

  if (present)
    {
      if (days < 0 || days > 3650)
        {
          set_path_error (error, "policy.refund_window_days", _("must be between 0 and 3650"));
          return FALSE;
        }
      read.refund_window_days = (guint) days;
    }

  if (policy != NULL)
    *policy = read;

  return TRUE;
}

static gboolean
read_order (JsonObject    *root,
            RdCalcInput   *input,
            RdCalcPolicy  *policy,
            GError       **error)
{
  Reader reader = { rd_currency_default () };
  JsonNode *rate;
  gint64 instalments = 1;
  gboolean has_instalments;

  if (!check_keys (root, order_keys, "", error) ||
      !_rd_calc_json_read_string (root, "currency", "", &input->currency, error))
    return FALSE;

  if (input->currency != NULL)
    {
      reader.currency = rd_currency_lookup (input->currency);
      if (reader.currency == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("“%s” is not a currency Refund Desk knows"), input->currency);
          g_set_error (error, RD_CALC_ERROR, RD_CALC_ERROR_UNKNOWN_CURRENCY, "currency: %s", message);
          return FALSE;
        }
    }

  if (get_member (root, "lines") == NULL)
    {
      set_path_error (error, "lines", _("missing: an order needs at least one line"));
      return FALSE;
    }

  if (!read_list (&reader, root, "lines", input, error) ||
      !read_list (&reader, root, "discounts", input, error) ||
      !read_amount (&reader, root, "shipping_paid", "", &input->shipping_paid, error) ||
      !read_boolean (root, "shipped", "", &input->shipped, error) ||
      !read_boolean (root, "merchant_fault", "", &input->merchant_fault, error) ||
      !read_amount (&reader, root, "refunded_before", "", &input->refunded_before, error) ||
      !read_list (&reader, root, "deductions", input, error) ||
      !read_amount (&reader, root, "return_shipping", "", &input->return_shipping, error) ||
      !_rd_calc_json_read_amount (root, "compensation", "", reader.currency, &input->compensation,
                                  &input->has_compensation, error) ||
      !read_subscription (root, input, error) ||
      !read_date (root, "delivered", "", &input->delivered_date, error) ||
      !read_date (root, "refund_date", "", &input->refund_date, error) ||
      !read_integer (root, "instalments", "", &instalments, &has_instalments, error) ||
      !read_policy (root, policy, error))
    return FALSE;

  if (instalments < 1 || instalments > 1000)
    {
      g_autofree char *message = g_strdup_printf (_("must be between 1 and %d"), 1000);
      set_path_error (error, "instalments", message);
      return FALSE;
    }
  input->instalments = (guint) instalments;

  rate = get_member (root, "exchange_rate");
  if (rate != NULL)
    {
      if (JSON_NODE_HOLDS_VALUE (rate) && json_node_get_value_type (rate) == G_TYPE_STRING)
        input->exchange_rate = json_node_dup_string (rate);
      else if (JSON_NODE_HOLDS_VALUE (rate) && json_node_get_value_type (rate) == G_TYPE_INT64)
        input->exchange_rate = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (rate));
      else
        {
          set_path_error (error, "exchange_rate",
                          _("write the rate as a string such as \"6.8432\", so that it stays exact"));
          return FALSE;
        }
    }

  return TRUE;
}

/* Public API */

RdCalcInput *
rd_calc_input_from_json (JsonNode      *root,
                         RdCalcPolicy  *policy,
                         GError       **error)
{
  g_autoptr(RdCalcInput) input = rd_calc_input_new ();
  JsonObject *object;

  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, RD_CALC_ERROR, RD_CALC_ERROR_INVALID,
                           _("The order must be a JSON object { … }"));
      return NULL;
    }

  object = json_node_get_object (root);
  if (!read_order (object, input, policy, error))
    return NULL;

  return g_steal_pointer (&input);
}

gboolean
_rd_calc_json_load (JsonParser  *parser,
                    const char  *data,
                    gssize       length,
                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!rd_json_check (data, length, &local_error))
    {
      g_set_error (error, RD_CALC_ERROR, RD_CALC_ERROR_INVALID,
                   _("Not valid JSON: %s"), local_error->message);
      return FALSE;
    }

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, RD_CALC_ERROR, RD_CALC_ERROR_INVALID,
                   _("Not valid JSON: %s"), local_error->message);
      return FALSE;
    }
  return TRUE;
}

RdCalcInput *
rd_calc_input_from_json_data (const char    *data,
                              gssize         length,
                              RdCalcPolicy  *policy,
                              GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  g_return_val_if_fail (data != NULL, NULL);

  if (!_rd_calc_json_load (parser, data, length, error))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, RD_CALC_ERROR, RD_CALC_ERROR_INVALID,
                           _("The input is empty; expected one order as a JSON object"));
      return NULL;
    }

  return rd_calc_input_from_json (root, policy, error);
}

void
_rd_calc_json_add_amount (JsonBuilder      *builder,
                          const char       *key,
                          gint64            amount,
                          const RdCurrency *currency)
{
  g_autofree char *text = rd_money_format_plain (amount, currency);

  json_builder_set_member_name (builder, key);
  json_builder_add_string_value (builder, text);
}
