/* rd-import-record.c
 *
 * One data row read into an RdImportRecord: every value parsed, looked up in
 * the profile's tables, and each cell that cannot be read a problem that
 * says why. Nothing is guessed: a status or kind not in the tables is a
 * problem naming the value.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "rd-import-fields.h"
#include "rd-import-profile-private.h"

typedef struct
{
  RdImportMapping  *mapping;
  const RdTableRow *row;
  RdImportRecord   *record;
} Reader;

static void
problem_free (gpointer data)
{
  RdImportProblem *problem = data;

  g_free (problem->message);
  g_free (problem);
}

void
rd_import_record_free (RdImportRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->key);
  g_clear_pointer (&record->rcase, rd_case_free);
  g_free (record->platform_status);
  g_clear_pointer (&record->problems, g_ptr_array_unref);
  g_free (record);
}

static void
add_problem (Reader        *reader,
             RdImportField  field,
             char          *message)   /* taken */
{
  RdImportProblem *problem = g_new0 (RdImportProblem, 1);

  problem->column = (guint) field < RD_IMPORT_FIELD_LAST ? reader->mapping->columns[field] : -1;
  problem->message = message;
  g_ptr_array_add (reader->record->problems, problem);
}

static void
add_error (Reader        *reader,
           RdImportField  field,
           GError        *error)       /* freed */
{
  add_problem (reader, field, g_strdup (error->message));
  g_error_free (error);
}

/* The cell of the field, stripped; NULL when the file has no such column
 * or the cell is empty. */
static char *
text_of (Reader        *reader,
         RdImportField  field)
{
  int column = reader->mapping->columns[field];
  char *text;

  if (column < 0 || (guint) column >= reader->row->n_cells)
    return NULL;
  text = g_strstrip (g_strdup (reader->row->cells[column]));
  if (*text == '\0' || !g_utf8_validate (text, -1, NULL))
    {
      g_free (text);
      return NULL;
    }
  return text;
}

static gboolean
has_text (Reader        *reader,
          RdImportField  field)
{
  g_autofree char *text = text_of (reader, field);

  return text != NULL;
}

static RdTableCellKind
kind_of (Reader        *reader,
         RdImportField  field)
{
  int column = reader->mapping->columns[field];

  if (column < 0 || (guint) column >= reader->row->n_cells || reader->row->kinds == NULL)
    return RD_TABLE_CELL_TEXT;
  return reader->row->kinds[column];
}

static void
missing (Reader        *reader,
         RdImportField  field)
{
  /* TRANSLATORS: %s is a field: "Refund status is empty." */
  add_problem (reader, field, g_strdup_printf (_("%s is empty."), rd_import_field_get_name (field)));
}

static char *
read_number (Reader        *reader,
             RdImportField  field)
{
  g_autofree char *text = text_of (reader, field);
  GError *error = NULL;
  char *number = NULL;

  if (text != NULL && !rd_import_parse_number (text, &number, &error))
    add_error (reader, field, error);
  return number;
}

static gboolean
read_amount (Reader           *reader,
             RdImportField     field,
             const RdCurrency *currency,
             gint64           *out)
{
  g_autofree char *text = text_of (reader, field);
  GError *error = NULL;

  if (text == NULL)
    return FALSE;
  if (!rd_import_parse_amount (text, rd_import_profile_get_unit (reader->mapping->profile),
                               currency, out, &error))
    {
      add_error (reader, field, error);
      return FALSE;
    }
  return TRUE;
}

static gint64
read_time (Reader        *reader,
           RdImportField  field,
           gboolean       date_1904)
{
  g_autofree char *text = text_of (reader, field);
  GError *error = NULL;
  gint64 when = 0;

  if (text != NULL && !rd_import_parse_time (text, kind_of (reader, field), date_1904, &when, &error))
    add_error (reader, field, error);
  return when;
}

static const char *
not_refund_message (RdImportNotRefund not_refund)
{
  switch (not_refund)
    {
    case RD_IMPORT_NOT_REFUND_EXCHANGE:
      return _("“%s” is an exchange, not a refund: leave this row out of the import.");
    case RD_IMPORT_NOT_REFUND_REPAIR:
      return _("“%s” is a repair, not a refund: leave this row out of the import.");
    case RD_IMPORT_NOT_REFUND_RESEND:
      return _("“%s” asks for goods to be sent again, not for a refund: leave this row out of the import.");
    case RD_IMPORT_NOT_REFUND_PRICE_PROTECTION:
      return _("“%s” is a price protection claim, not a refund request: leave this row out of the import.");
    case RD_IMPORT_NOT_REFUND_NONE:
    default:
      return NULL;
    }
}

/* Whether the goods left the shop, as far as the row says. */
static gboolean
read_shipped (Reader *reader)
{
  g_autofree char *goods = text_of (reader, RD_IMPORT_FIELD_GOODS_STATUS);
  RdImportGoodsStatus status;

  if (reader->record->rcase->outbound_tracking != NULL ||
      reader->record->rcase->outbound_courier != NULL)
    return TRUE;
  return goods != NULL && _rd_import_goods_status_from_text (goods, &status) &&
         status != RD_IMPORT_GOODS_NOT_RECEIVED;
}

/* FALSE when the row is not a refund at all (its status is then not read). */
static gboolean
read_kind (Reader *reader)
{
  const RdImportProfile *profile = reader->mapping->profile;
  g_autofree char *kind_text = text_of (reader, RD_IMPORT_FIELD_KIND);
  g_autofree char *needs_return = text_of (reader, RD_IMPORT_FIELD_NEEDS_RETURN);
  RdCase *rcase = reader->record->rcase;
  gboolean refund_only = FALSE;

  if (kind_text != NULL)
    {
      const RdImportKindEntry *entry = rd_import_profile_find_kind (profile, kind_text);

      if (entry == NULL)
        {
          add_problem (reader, RD_IMPORT_FIELD_KIND,
                       g_strdup_printf (_("“%s” is not an after-sales kind Refund Desk knows for %s."),
                                        kind_text, rd_import_profile_get_name (profile)));
          return TRUE;
        }
      if (entry->not_refund != RD_IMPORT_NOT_REFUND_NONE)
        {
          add_problem (reader, RD_IMPORT_FIELD_KIND,
                       g_strdup_printf (not_refund_message (entry->not_refund), kind_text));
          return FALSE;
        }
      rcase->kind = entry->kind;
      refund_only = entry->kind == RD_REFUND_KIND_NONE;
    }
  else if (needs_return != NULL)
    {
      gboolean yes;

      if (!_rd_import_yes_no_from_text (needs_return, &yes))
        {
          add_problem (reader, RD_IMPORT_FIELD_NEEDS_RETURN,
                       g_strdup_printf (_("“%s” is neither yes (是) nor no (否)."), needs_return));
          return TRUE;
        }
      rcase->kind = yes ? RD_REFUND_KIND_RETURN_REFUND : RD_REFUND_KIND_NONE;
      refund_only = !yes;
    }
  else
    {
      missing (reader, reader->mapping->columns[RD_IMPORT_FIELD_KIND] >= 0
                       ? RD_IMPORT_FIELD_KIND : RD_IMPORT_FIELD_NEEDS_RETURN);
      return TRUE;
    }

  if (refund_only)
    rcase->kind = read_shipped (reader) ? RD_REFUND_KIND_REFUND_ONLY_SHIPPED
                                        : RD_REFUND_KIND_REFUND_ONLY_UNSHIPPED;
  return TRUE;
}

static void
read_status (Reader *reader)
{
  const RdImportProfile *profile = reader->mapping->profile;
  g_autofree char *text = text_of (reader, RD_IMPORT_FIELD_STATUS);
  const RdImportStatusEntry *entry;

  if (reader->mapping->columns[RD_IMPORT_FIELD_STATUS] < 0)
    {
      /* A generic file without statuses: requests waiting for the shop. */
      reader->record->platform_state = RD_IMPORT_PLATFORM_OPEN;
      reader->record->rcase->status = RD_CASE_STATUS_REQUESTED;
      return;
    }
  if (text == NULL)
    {
      missing (reader, RD_IMPORT_FIELD_STATUS);
      return;
    }
  reader->record->platform_status = g_strdup (text);
  reader->record->rcase->order_state = g_strdup (text);
  entry = rd_import_profile_find_status (profile, text);
  if (entry == NULL)
    {
      add_problem (reader, RD_IMPORT_FIELD_STATUS,
                   g_strdup_printf (_("“%s” is not a refund status Refund Desk knows for %s."),
                                    text, rd_import_profile_get_name (profile)));
      return;
    }
  reader->record->platform_state = entry->state;
  reader->record->rcase->status = entry->status;
}

static void
read_checked_values (Reader *reader)
{
  g_autofree char *goods = text_of (reader, RD_IMPORT_FIELD_GOODS_STATUS);
  g_autofree char *stage = text_of (reader, RD_IMPORT_FIELD_STAGE);
  RdImportGoodsStatus status;
  gboolean after_sale;

  if (goods != NULL && !_rd_import_goods_status_from_text (goods, &status))
    add_problem (reader, RD_IMPORT_FIELD_GOODS_STATUS,
                 g_strdup_printf (_("“%s” is not a goods status Refund Desk knows."), goods));
  if (stage != NULL && !_rd_import_stage_from_text (stage, &after_sale))
    add_problem (reader, RD_IMPORT_FIELD_STAGE,
                 g_strdup_printf (_("“%s” is neither before delivery (售中) nor after (售后)."), stage));
}

static void
read_shipping (Reader *reader)
{
  RdCase *rcase = reader->record->rcase;
  g_autofree char *info = text_of (reader, RD_IMPORT_FIELD_OUTBOUND_INFO);
  g_autofree char *courier = text_of (reader, RD_IMPORT_FIELD_OUTBOUND_COURIER);
  g_autofree char *returned = text_of (reader, RD_IMPORT_FIELD_RETURN_TRACKING);

  rcase->outbound_tracking = read_number (reader, RD_IMPORT_FIELD_OUTBOUND_TRACKING);
  if (courier != NULL)
    {
      const char *id = rd_import_courier_from_name (courier);

      rcase->outbound_courier = g_strdup (id != NULL ? id : courier);
    }
  if (info != NULL && rcase->outbound_tracking == NULL)
    {
      char *info_courier, *info_tracking;

      rd_import_split_shipping (info, &info_courier, &info_tracking);
      rcase->outbound_tracking = info_tracking;
      if (rcase->outbound_courier == NULL)
        rcase->outbound_courier = info_courier;
      else
        g_free (info_courier);
    }

  /* 退货物流信息 holds the courier and the number in one text. */
  if (returned != NULL && strpbrk (returned, " :\t") == NULL && strstr (returned, "：") == NULL)
    rcase->return_tracking = read_number (reader, RD_IMPORT_FIELD_RETURN_TRACKING);
  else if (returned != NULL)
    {
      g_autofree char *return_courier = NULL;

      rd_import_split_shipping (returned, &return_courier, &rcase->return_tracking);
    }
}

static void
read_key (Reader *reader)
{
  RdImportRecord *record = reader->record;
  RdCase *rcase = record->rcase;
  g_autofree char *refund_id = read_number (reader, RD_IMPORT_FIELD_REFUND_ID);

  rcase->after_sales_no = read_number (reader, RD_IMPORT_FIELD_AFTER_SALES_NO);
  rcase->order_no = read_number (reader, RD_IMPORT_FIELD_ORDER_NO);

  if (rcase->order_no == NULL && !has_text (reader, RD_IMPORT_FIELD_ORDER_NO))
    missing (reader, RD_IMPORT_FIELD_ORDER_NO);

  if (rcase->after_sales_no != NULL)
    record->key = g_strjoin ("\x1f", rcase->channel, rcase->after_sales_no, NULL);
  else if (rcase->order_no != NULL && refund_id != NULL)
    record->key = g_strjoin ("\x1f", rcase->channel, rcase->order_no, refund_id, NULL);
  else if (reader->mapping->columns[RD_IMPORT_FIELD_AFTER_SALES_NO] >= 0 ||
           reader->mapping->columns[RD_IMPORT_FIELD_REFUND_ID] < 0)
    missing (reader, RD_IMPORT_FIELD_AFTER_SALES_NO);
  else
    missing (reader, RD_IMPORT_FIELD_REFUND_ID);
}

RdImportRecord *
rd_import_mapping_read (RdImportMapping  *mapping,
                        const RdTableRow *row,
                        gboolean          date_1904)
{
  const RdImportProfile *profile = mapping->profile;
  RdImportRecord *record = g_new0 (RdImportRecord, 1);
  Reader reader = { mapping, row, record };
  RdCase *rcase;
  const RdCurrency *currency = rd_currency_default ();
  g_autofree char *currency_text = NULL;
  g_autofree char *reason = NULL;
  gint64 amount;

  record->row = row->number;
  record->rcase = rcase = rd_case_new ();
  record->refund_amount = -1;
  record->problems = g_ptr_array_new_with_free_func (problem_free);
  rcase->channel = g_strdup (rd_import_profile_get_channel (profile));
  rcase->payment_method = rd_import_profile_get_payment_method (profile);

  read_key (&reader);
  rcase->buyer_name = text_of (&reader, RD_IMPORT_FIELD_BUYER_NAME);

  currency_text = text_of (&reader, RD_IMPORT_FIELD_CURRENCY);
  if (currency_text != NULL)
    {
      currency = rd_currency_lookup (currency_text);
      if (currency == NULL)
        {
          add_problem (&reader, RD_IMPORT_FIELD_CURRENCY,
                       g_strdup_printf (_("“%s” is not a currency Refund Desk knows."), currency_text));
          currency = rd_currency_default ();
        }
    }
  g_free (rcase->currency);
  rcase->currency = g_strdup (currency->code);

  if (read_amount (&reader, RD_IMPORT_FIELD_REFUND_AMOUNT, currency, &amount))
    record->refund_amount = amount;
  else if (mapping->columns[RD_IMPORT_FIELD_REFUND_AMOUNT] >= 0 &&
           !has_text (&reader, RD_IMPORT_FIELD_REFUND_AMOUNT))
    missing (&reader, RD_IMPORT_FIELD_REFUND_AMOUNT);

  if (read_amount (&reader, RD_IMPORT_FIELD_AMOUNT_PAID, currency, &amount))
    rcase->amount_paid = amount;
  else if (mapping->columns[RD_IMPORT_FIELD_AMOUNT_PAID] >= 0 &&
           rd_import_profile_field_required (profile, RD_IMPORT_FIELD_AMOUNT_PAID) &&
           !has_text (&reader, RD_IMPORT_FIELD_AMOUNT_PAID))
    missing (&reader, RD_IMPORT_FIELD_AMOUNT_PAID);
  else if (record->refund_amount >= 0)
    rcase->amount_paid = record->refund_amount;

  rcase->requested_at = read_time (&reader, RD_IMPORT_FIELD_REQUESTED_AT, date_1904);
  if (rcase->requested_at == 0 && !has_text (&reader, RD_IMPORT_FIELD_REQUESTED_AT))
    missing (&reader, RD_IMPORT_FIELD_REQUESTED_AT);
  rcase->platform_deadline = read_time (&reader, RD_IMPORT_FIELD_DEADLINE, date_1904);

  read_shipping (&reader);
  read_checked_values (&reader);
  if (read_kind (&reader))
    read_status (&reader);

  reason = text_of (&reader, RD_IMPORT_FIELD_REASON);
  if (reason != NULL)
    {
      const char *id = rd_import_profile_find_reason (profile, reason);

      record->reason_known = id != NULL;
      rcase->reason = id != NULL ? g_strdup (id) : g_steal_pointer (&reason);
    }

  return record;
}
