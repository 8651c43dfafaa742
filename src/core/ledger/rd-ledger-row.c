/* rd-ledger-row.c
 *
 * A ledger list row and the page loader that builds rows.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-ledger-query.h"
#include "rd-ledger-row.h"
#include "rd-store.h"

struct _RdLedgerRow
{
  GObject       parent_instance;

  gint64        id;
  char         *case_no;
  gint64        requested_at;
  char         *channel;
  char         *order_no;
  RdRefundKind  kind;
  char         *reason;
  gint64        amount_paid;
  char         *currency;
  RdCaseStatus  status;
  char         *handler;
  gint64        platform_deadline;
};

G_DEFINE_FINAL_TYPE (RdLedgerRow, rd_ledger_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CASE_NO,
  PROP_REQUESTED_AT,
  PROP_CHANNEL,
  PROP_ORDER_NO,
  PROP_KIND,
  PROP_REASON,
  PROP_AMOUNT_PAID,
  PROP_CURRENCY,
  PROP_STATUS,
  PROP_HANDLER,
  PROP_PLATFORM_DEADLINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char load_sql[] =
  "SELECT c.id, c.case_no, c.requested_at, c.channel, c.order_no, c.kind, c.reason, "
  "c.amount_paid, c.currency, c.status, c.handler, c.platform_deadline "
  "FROM json_each (?1) AS j JOIN cases AS c ON c.id = j.value";

static void
rd_ledger_row_finalize (GObject *object)
{
  RdLedgerRow *self = RD_LEDGER_ROW (object);

  g_free (self->case_no);
  g_free (self->channel);
  g_free (self->order_no);
  g_free (self->reason);
  g_free (self->currency);
  g_free (self->handler);

  G_OBJECT_CLASS (rd_ledger_row_parent_class)->finalize (object);
}

static void
rd_ledger_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  RdLedgerRow *self = RD_LEDGER_ROW (object);

  switch (prop_id)
    {
    case PROP_ID:                g_value_set_int64 (value, self->id); break;
    case PROP_CASE_NO:           g_value_set_string (value, self->case_no); break;
    case PROP_REQUESTED_AT:      g_value_set_int64 (value, self->requested_at); break;
    case PROP_CHANNEL:           g_value_set_string (value, self->channel); break;
    case PROP_ORDER_NO:          g_value_set_string (value, self->order_no); break;
    case PROP_KIND:              g_value_set_int (value, self->kind); break;
    case PROP_REASON:            g_value_set_string (value, self->reason); break;
    case PROP_AMOUNT_PAID:       g_value_set_int64 (value, self->amount_paid); break;
    case PROP_CURRENCY:          g_value_set_string (value, self->currency); break;
    case PROP_STATUS:            g_value_set_int (value, self->status); break;
    case PROP_HANDLER:           g_value_set_string (value, self->handler); break;
    case PROP_PLATFORM_DEADLINE: g_value_set_int64 (value, self->platform_deadline); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_ledger_row_class_init (RdLedgerRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = rd_ledger_row_finalize;
  object_class->get_property = rd_ledger_row_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CASE_NO] = g_param_spec_string ("case-no", NULL, NULL, NULL, flags);
  properties[PROP_REQUESTED_AT] = g_param_spec_int64 ("requested-at", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_CHANNEL] = g_param_spec_string ("channel", NULL, NULL, NULL, flags);
  properties[PROP_ORDER_NO] = g_param_spec_string ("order-no", NULL, NULL, NULL, flags);
  properties[PROP_KIND] = g_param_spec_int ("kind", NULL, NULL, 0, RD_REFUND_KIND_LAST, 0, flags);
  properties[PROP_REASON] = g_param_spec_string ("reason", NULL, NULL, NULL, flags);
  properties[PROP_AMOUNT_PAID] = g_param_spec_int64 ("amount-paid", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_CURRENCY] = g_param_spec_string ("currency", NULL, NULL, NULL, flags);
  properties[PROP_STATUS] = g_param_spec_int ("status", NULL, NULL, 0, RD_CASE_STATUS_LAST, 0, flags);
  properties[PROP_HANDLER] = g_param_spec_string ("handler", NULL, NULL, NULL, flags);
  properties[PROP_PLATFORM_DEADLINE] = g_param_spec_int64 ("platform-deadline", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rd_ledger_row_init (RdLedgerRow *self)
{
}

gint64        rd_ledger_row_get_id                (RdLedgerRow *self) { return self->id; }
const char   *rd_ledger_row_get_case_no           (RdLedgerRow *self) { return self->case_no; }
gint64        rd_ledger_row_get_requested_at      (RdLedgerRow *self) { return self->requested_at; }
const char   *rd_ledger_row_get_channel           (RdLedgerRow *self) { return self->channel; }
const char   *rd_ledger_row_get_order_no          (RdLedgerRow *self) { return self->order_no; }
RdRefundKind  rd_ledger_row_get_kind              (RdLedgerRow *self) { return self->kind; }
const char   *rd_ledger_row_get_reason            (RdLedgerRow *self) { return self->reason; }
gint64        rd_ledger_row_get_amount_paid       (RdLedgerRow *self) { return self->amount_paid; }
const char   *rd_ledger_row_get_currency          (RdLedgerRow *self) { return self->currency; }
RdCaseStatus  rd_ledger_row_get_status            (RdLedgerRow *self) { return self->status; }
const char   *rd_ledger_row_get_handler           (RdLedgerRow *self) { return self->handler; }
gint64        rd_ledger_row_get_platform_deadline (RdLedgerRow *self) { return self->platform_deadline; }

static void
assign_string (RdLedgerRow  *self,
               char        **field,
               const char   *value,
               guint         prop)
{
  if (g_strcmp0 (*field, value) != 0)
    {
      g_free (*field);
      *field = g_strdup (value);
      g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
    }
}

#define ASSIGN_VALUE(field, prop) \
  G_STMT_START { \
    if (self->field != from->field) \
      { \
        self->field = from->field; \
        g_object_notify_by_pspec (G_OBJECT (self), properties[prop]); \
      } \
  } G_STMT_END

void
rd_ledger_row_assign (RdLedgerRow *self,
                      RdLedgerRow *from)
{
  g_return_if_fail (RD_IS_LEDGER_ROW (self));
  g_return_if_fail (RD_IS_LEDGER_ROW (from));

  if (self == from)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  ASSIGN_VALUE (id, PROP_ID);
  assign_string (self, &self->case_no, from->case_no, PROP_CASE_NO);
  ASSIGN_VALUE (requested_at, PROP_REQUESTED_AT);
  assign_string (self, &self->channel, from->channel, PROP_CHANNEL);
  assign_string (self, &self->order_no, from->order_no, PROP_ORDER_NO);
  ASSIGN_VALUE (kind, PROP_KIND);
  assign_string (self, &self->reason, from->reason, PROP_REASON);
  ASSIGN_VALUE (amount_paid, PROP_AMOUNT_PAID);
  assign_string (self, &self->currency, from->currency, PROP_CURRENCY);
  ASSIGN_VALUE (status, PROP_STATUS);
  assign_string (self, &self->handler, from->handler, PROP_HANDLER);
  ASSIGN_VALUE (platform_deadline, PROP_PLATFORM_DEADLINE);
  g_object_thaw_notify (G_OBJECT (self));
}

#undef ASSIGN_VALUE

static RdLedgerRow *
row_from_stmt (sqlite3_stmt *stmt)
{
  RdLedgerRow *row = g_object_new (RD_TYPE_LEDGER_ROW, NULL);

  row->id = sqlite3_column_int64 (stmt, 0);
  row->case_no = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  row->requested_at = sqlite3_column_int64 (stmt, 2);
  row->channel = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  row->order_no = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  row->kind = rd_refund_kind_from_id ((const char *) sqlite3_column_text (stmt, 5));
  row->reason = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  row->amount_paid = sqlite3_column_int64 (stmt, 7);
  row->currency = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
  row->status = rd_case_status_from_id ((const char *) sqlite3_column_text (stmt, 9));
  row->handler = g_strdup ((const char *) sqlite3_column_text (stmt, 10));
  row->platform_deadline = sqlite3_column_int64 (stmt, 11);
  return row;
}

GPtrArray *
rd_ledger_row_load (sqlite3       *db,
                    const gint64  *ids,
                    guint          n_ids,
                    GError       **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_full (n_ids, g_object_unref);
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_object_unref);
  g_autoptr(GString) json = g_string_new ("[");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i ? "," : "", ids[i]);
  g_string_append_c (json, ']');

  rc = sqlite3_prepare_v2 (db, load_sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, json->str, json->len, SQLITE_STATIC);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          RdLedgerRow *row = row_from_stmt (stmt);
          g_hash_table_replace (by_id, &row->id, row);
        }
    }

  if (rc != SQLITE_DONE)
    {
      g_set_error (error, RD_LEDGER_QUERY_ERROR, RD_LEDGER_QUERY_ERROR_FAILED,
                   _("Could not read the ledger: %s"), sqlite3_errmsg (db));
      return NULL;
    }

  for (guint i = 0; i < n_ids; i++)
    {
      RdLedgerRow *row = g_hash_table_lookup (by_id, &ids[i]);

      if (row != NULL)
        g_ptr_array_add (rows, g_object_ref (row));
      else
        {
          row = g_object_new (RD_TYPE_LEDGER_ROW, NULL);
          row->id = ids[i];
          g_ptr_array_add (rows, row);
        }
    }

  return g_steal_pointer (&rows);
}
