/* rd-export-tally.c
 *
 * RdExportSummary: the figures of the Summary and About sheets, counted
 * and summed in minor units, per currency, from the very rows the ledger
 * sheets write (rd-export-ledger.c adds, rd-export-summary.c reads).
 */
#include "config.h"

#include <string.h>

#include "rd-case-types.h"
#include "rd-channels.h"
#include "rd-export-private.h"
#include "rd-money.h"
#include "rd-money-totals.h"

struct _RdExportSummary
{
  GHashTable *dims[RD_EXPORT_N_DIMS];  /* "CNY\x1fid" → RdExportSummaryEntry */
  GHashTable *currencies;              /* code → RdExportCurrencyTotals */
};

static void
entry_free (gpointer data)
{
  RdExportSummaryEntry *e = data;

  g_free (e->id);
  g_free (e->currency);
  g_free (e);
}

static guint
builtin_order (RdExportDimension  dim,
               const char        *id)
{
  const char *const *channels;
  const RdRefundReason *reasons;
  int value = 0;

  switch (dim)
    {
    case RD_EXPORT_DIM_KIND:
      value = rd_refund_kind_from_id (id);
      break;
    case RD_EXPORT_DIM_PAYMENT_METHOD:
      value = rd_payment_method_from_id (id);
      break;
    case RD_EXPORT_DIM_CHANNEL:
      channels = rd_channel_builtin_ids ();
      for (int i = 0; channels[i] != NULL; i++)
        if (g_str_equal (channels[i], id))
          value = i + 1;
      break;
    case RD_EXPORT_DIM_REASON:
      reasons = rd_refund_reason_list ();
      for (int i = 0; reasons[i].id != NULL; i++)
        if (g_str_equal (reasons[i].id, id))
          value = i + 1;
      break;
    case RD_EXPORT_N_DIMS:
    default:
      break;
    }
  return value > 0 ? (guint) value : G_MAXUINT;
}

static int
compare_currency_codes (const char *a,
                        const char *b)
{
  /* CNY first, then by code. */
  return rd_currency_compare (a, b);
}

static int
compare_entries (gconstpointer pa,
                 gconstpointer pb)
{
  const RdExportSummaryEntry *a = *(RdExportSummaryEntry *const *) pa;
  const RdExportSummaryEntry *b = *(RdExportSummaryEntry *const *) pb;
  int c;

  if (a->order != b->order)
    return a->order < b->order ? -1 : 1;
  c = strcmp (a->id, b->id);
  if (c != 0)
    return c;
  return compare_currency_codes (a->currency, b->currency);
}

static int
compare_totals (gconstpointer pa,
                gconstpointer pb)
{
  const RdExportCurrencyTotals *a = pa, *b = pb;
  return compare_currency_codes (a->code, b->code);
}

static gboolean
add_amounts (gint64   *n,
             gint64   *paid,
             gint64   *refund,
             gint64    amount_paid,
             gint64    refund_amount,
             GError  **error)
{
  *n += 1;
  return rd_money_add (*paid, amount_paid, paid, error) &&
         rd_money_add (*refund, MAX (refund_amount, 0), refund, error);
}

/* "CNY\x1fid", cut to size as g_snprintf would (without its cost: this
 * runs four times a row). */
static void
make_key (char       *key,
          gsize       size,
          const char *currency,
          const char *id)
{
  gsize n = MIN (strlen (currency), size - 1);

  memcpy (key, currency, n);
  if (n + 1 < size)
    {
      key[n++] = '\x1f';
      g_strlcpy (key + n, id, size - n);
    }
  else
    key[n] = '\0';
}

RdExportSummary *
_rd_export_summary_new (void)
{
  RdExportSummary *summary = g_new0 (RdExportSummary, 1);

  for (int i = 0; i < RD_EXPORT_N_DIMS; i++)
    summary->dims[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entry_free);
  summary->currencies = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  return summary;
}

void
_rd_export_summary_free (RdExportSummary *summary)
{
  if (summary == NULL)
    return;
  for (int i = 0; i < RD_EXPORT_N_DIMS; i++)
    g_hash_table_unref (summary->dims[i]);
  g_hash_table_unref (summary->currencies);
  g_free (summary);
}

static RdExportCurrencyTotals *
currency_totals (RdExportSummary *summary,
                 const char      *currency)
{
  RdExportCurrencyTotals *t = g_hash_table_lookup (summary->currencies, currency);

  if (t == NULL)
    {
      t = g_new0 (RdExportCurrencyTotals, 1);
      g_strlcpy (t->code, currency, sizeof t->code);
      g_hash_table_insert (summary->currencies, t->code, t);
    }
  return t;
}

gboolean
_rd_export_summary_add (RdExportSummary  *summary,
                        const char       *currency,
                        const char       *kind,
                        const char       *reason,
                        const char       *channel,
                        const char       *payment_method,
                        gint64            amount_paid,
                        gint64            refund_amount,
                        GError          **error)
{
  const char *ids[RD_EXPORT_N_DIMS] = { kind, reason, channel, payment_method };
  RdExportCurrencyTotals *t;

  if (currency == NULL || *currency == '\0')
    currency = "CNY";

  t = currency_totals (summary, currency);
  if (!add_amounts (&t->n_cases, &t->amount_paid, &t->refund_amount, amount_paid, refund_amount, error))
    return FALSE;

  for (int d = 0; d < RD_EXPORT_N_DIMS; d++)
    {
      char key[160];
      RdExportSummaryEntry *e;

      make_key (key, sizeof key, currency, ids[d] != NULL ? ids[d] : "");
      e = g_hash_table_lookup (summary->dims[d], key);
      if (e == NULL)
        {
          e = g_new0 (RdExportSummaryEntry, 1);
          e->id = g_strdup (ids[d] != NULL ? ids[d] : "");
          e->currency = g_strdup (currency);
          e->order = builtin_order (d, e->id);
          g_hash_table_insert (summary->dims[d], g_strdup (key), e);
        }
      if (!add_amounts (&e->n, &e->paid, &e->refund, amount_paid, refund_amount, error))
        return FALSE;
    }
  return TRUE;
}

GArray *
_rd_export_summary_totals (RdExportSummary *summary)
{
  GArray *array = g_array_new (FALSE, TRUE, sizeof (RdExportCurrencyTotals));
  GHashTableIter iter;
  gpointer value;

  currency_totals (summary, "CNY");
  g_hash_table_iter_init (&iter, summary->currencies);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_array_append_vals (array, value, 1);
  g_array_sort (array, compare_totals);
  return array;
}

/* The entries of one dimension in the sheet's order: built-in ids in their
 * order, then unknown ids by id; CNY first, then by currency code. */
GPtrArray *
_rd_export_summary_entries (RdExportSummary   *summary,
                            RdExportDimension  dim)
{
  GPtrArray *entries = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, summary->dims[dim]);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (entries, value);
  g_ptr_array_sort (entries, compare_entries);
  return entries;
}
