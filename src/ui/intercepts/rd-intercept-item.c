/* rd-intercept-item.c
 *
 * One row of the Intercepts page and the cells that show it (see
 * rd-intercept-item.h).
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-intercept-advice.h"
#include "rd-column-width.h"
#include "rd-intercept-item.h"
#include "rd-money-totals.h"
#include "rd-time.h"

struct _RdInterceptItem
{
  GObject           parent_instance;

  RdIntercept      *intercept;
  RdClaim          *claim;
  gint64            now;
  RdTicketClass     ticket;
  gint64            threshold;   /* the policy's high-ticket threshold, fen */
  RdInterceptStall  stall;
  RdParcelAdvice    advice;
  guint64           looks;       /* a hash of all that its cells show */
};

G_DEFINE_FINAL_TYPE (RdInterceptItem, rd_intercept_item, G_TYPE_OBJECT)

/* FNV-1a over what a row shows: its fields and the one text that depends
 * on the time (the time left). Computed where the item is made (the
 * register's worker), so that a refresh compares numbers, not texts. */
static guint64
hash_bytes (guint64     hash,
            const void *data,
            gsize       length)
{
  const guchar *bytes = data;

  for (gsize i = 0; i < length; i++)
    hash = (hash ^ bytes[i]) * G_GUINT64_CONSTANT (1099511628211);
  return hash;
}

static guint64
hash_string (guint64     hash,
             const char *text)
{
  /* NULL and "" differ; the terminator keeps "ab"+"c" from "a"+"bc". */
  return text == NULL ? hash_bytes (hash, "\1", 1) : hash_bytes (hash, text, strlen (text) + 1);
}

static guint64
hash_int (guint64 hash,
          gint64  value)
{
  return hash_bytes (hash, &value, sizeof value);
}

static guint64
intercept_looks (RdInterceptItem *self)
{
  const RdIntercept *it = self->intercept;
  g_autofree char *left = rd_intercept_format_time_left (it->platform_deadline, self->now);
  guint64 hash = G_GUINT64_CONSTANT (14695981039346656037);
  const char *strings[] = {
    it->tracking_no, it->case_no, it->order_no, it->province, it->operator, it->notes,
    it->currency, it->exchange_rate, left,
  };
  const gint64 values[] = {
    it->id, it->courier, it->case_id, it->amount, it->status, it->condition, it->requested_at,
    it->platform_deadline, it->last_movement_at, it->settled_at, it->refunded, it->recovered,
    self->ticket, self->threshold, self->stall, self->advice, rd_intercept_item_is_urgent (self),
  };

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    hash = hash_string (hash, strings[i]);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    hash = hash_int (hash, values[i]);
  return hash;
}

static guint64
claim_looks (const RdClaim *claim)
{
  guint64 hash = G_GUINT64_CONSTANT (14695981039346656037);
  const char *strings[] = { claim->tracking_no, claim->case_no, claim->operator, claim->currency };
  const gint64 values[] = {
    claim->id, claim->intercept_id, claim->courier, claim->case_id, claim->amount_claimed,
    claim->filed_at, claim->status, claim->amount_recovered, claim->settled_at,
  };

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    hash = hash_string (hash, strings[i]);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    hash = hash_int (hash, values[i]);
  return hash;
}

static void
rd_intercept_item_finalize (GObject *object)
{
  RdInterceptItem *self = RD_INTERCEPT_ITEM (object);

  g_clear_pointer (&self->intercept, rd_intercept_free);
  g_clear_pointer (&self->claim, rd_claim_free);

  G_OBJECT_CLASS (rd_intercept_item_parent_class)->finalize (object);
}

static void
rd_intercept_item_class_init (RdInterceptItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rd_intercept_item_finalize;
}

static void
rd_intercept_item_init (RdInterceptItem *self)
{
}

RdInterceptItem *
rd_intercept_item_new_intercept (RdIntercept    *intercept,
                                 const RdPolicy *policy,
                                 gint64          now)
{
  RdInterceptItem *self = g_object_new (RD_TYPE_INTERCEPT_ITEM, NULL);

  self->intercept = intercept;
  self->now = now;
  self->ticket = rd_intercept_get_ticket (intercept, policy);
  self->threshold = policy->high_ticket_threshold;
  if (rd_intercept_status_in_transit (intercept->status))
    self->stall = rd_intercept_classify_stall (policy, intercept->province,
                                               rd_intercept_get_quiet_since (intercept), now);
  self->advice = rd_intercept_get_advice (intercept, policy, now);
  self->looks = intercept_looks (self);
  return self;
}

RdInterceptItem *
rd_intercept_item_new_claim (RdClaim *claim)
{
  RdInterceptItem *self = g_object_new (RD_TYPE_INTERCEPT_ITEM, NULL);

  self->claim = claim;
  self->looks = claim_looks (claim);
  return self;
}

const RdIntercept *
rd_intercept_item_get_intercept (RdInterceptItem *self)
{
  g_return_val_if_fail (RD_IS_INTERCEPT_ITEM (self), NULL);
  return self->intercept;
}

const RdClaim *
rd_intercept_item_get_claim (RdInterceptItem *self)
{
  g_return_val_if_fail (RD_IS_INTERCEPT_ITEM (self), NULL);
  return self->claim;
}

gboolean
rd_intercept_item_is_urgent (RdInterceptItem *self)
{
  g_return_val_if_fail (RD_IS_INTERCEPT_ITEM (self), FALSE);

  return self->intercept != NULL && rd_intercept_needs_settling (self->intercept, self->now);
}

RdInterceptStall
rd_intercept_item_get_stall (RdInterceptItem *self)
{
  g_return_val_if_fail (RD_IS_INTERCEPT_ITEM (self), RD_INTERCEPT_STALL_NONE);
  return self->stall;
}

static char *
intercept_text (RdInterceptItem   *self,
                RdInterceptColumn  column)
{
  const RdIntercept *it = self->intercept;

  switch (column)
    {
    case RD_INTERCEPT_COLUMN_TRACKING:
      return g_strdup (it->tracking_no);
    case RD_INTERCEPT_COLUMN_COURIER:
      return g_strdup (rd_courier_get_name (it->courier));
    case RD_INTERCEPT_COLUMN_CASE:
      if (it->case_no != NULL && it->order_no != NULL)
        return g_strdup_printf ("%s · %s", it->case_no, it->order_no);
      return g_strdup (it->case_no != NULL ? it->case_no : it->order_no != NULL ? it->order_no : "");
    case RD_INTERCEPT_COLUMN_AMOUNT:
      /* Nobody knows yet what an unmatched parcel holds. */
      if (rd_intercept_is_unmatched (it))
        return g_strdup ("");
      return rd_money_format_code (it->amount, it->currency);
    case RD_INTERCEPT_COLUMN_TICKET:
      if (rd_intercept_is_unmatched (it))
        return g_strdup ("");
      if (self->ticket == RD_TICKET_NO_RATE)
        /* TRANSLATORS: a foreign-currency parcel whose case has no exchange
         * rate: the yuan threshold cannot be applied */
        return g_strdup (C_("ticket", "No rate"));
      return g_strdup (self->ticket == RD_TICKET_HIGH ? C_("ticket", "High") : C_("ticket", "Low"));
    case RD_INTERCEPT_COLUMN_PROVINCE:
      return g_strdup (it->province != NULL ? it->province : "");
    case RD_INTERCEPT_COLUMN_REQUESTED:
      return rd_time_format_local (it->requested_at);
    case RD_INTERCEPT_COLUMN_DEADLINE:
      return rd_time_format_local (it->platform_deadline);
    case RD_INTERCEPT_COLUMN_TIME_LEFT:
      if (rd_intercept_status_is_settled (it->status) ||
          it->status == RD_INTERCEPT_STATUS_BACK_IN_WAREHOUSE)
        return g_strdup ("");
      return rd_intercept_format_time_left (it->platform_deadline, self->now);
    case RD_INTERCEPT_COLUMN_MOVEMENT:
      return rd_time_format_local (it->last_movement_at);
    case RD_INTERCEPT_COLUMN_STATUS:
      return rd_intercept_dup_status_label (it);
    case RD_INTERCEPT_COLUMN_OPERATOR:
      return g_strdup (it->operator != NULL ? it->operator : "");
    case RD_INTERCEPT_COLUMN_LOSS:
      return rd_money_format_code (rd_intercept_get_loss (it), it->currency);
    default:
      return g_strdup ("");
    }
}

static char *
claim_text (RdInterceptItem   *self,
            RdInterceptColumn  column)
{
  const RdClaim *claim = self->claim;

  switch (column)
    {
    case RD_CLAIM_COLUMN_TRACKING:
      return g_strdup (claim->tracking_no);
    case RD_CLAIM_COLUMN_COURIER:
      return g_strdup (rd_courier_get_name (claim->courier));
    case RD_CLAIM_COLUMN_CASE:
      return g_strdup (claim->case_no != NULL ? claim->case_no : "");
    case RD_CLAIM_COLUMN_CLAIMED:
      return rd_money_format_code (claim->amount_claimed, claim->currency);
    case RD_CLAIM_COLUMN_FILED:
      return rd_time_format_local (claim->filed_at);
    case RD_CLAIM_COLUMN_STATUS:
      return g_strdup (rd_claim_status_get_name (claim->status));
    case RD_CLAIM_COLUMN_RECOVERED:
      return claim->status == RD_CLAIM_STATUS_FILED ? g_strdup ("")
             : rd_money_format_code (claim->amount_recovered, claim->currency);
    default:
      return g_strdup ("");
    }
}

char *
rd_intercept_item_get_text (RdInterceptItem   *self,
                            RdInterceptColumn  column)
{
  g_return_val_if_fail (RD_IS_INTERCEPT_ITEM (self), NULL);

  if (self->intercept != NULL)
    return intercept_text (self, column);
  return claim_text (self, column);
}

char *
rd_intercept_item_get_hint (RdInterceptItem *item)
{
  const RdIntercept *parcel;
  gint64 quiet_hours;

  g_return_val_if_fail (RD_IS_INTERCEPT_ITEM (item), NULL);

  parcel = item->intercept;
  if (parcel == NULL)
    return NULL;
  quiet_hours = (item->now - rd_intercept_get_quiet_since (parcel)) / 3600;

  switch (item->advice)
    {
    case RD_PARCEL_ADVICE_REFUSE_OR_CLAIM:
      return g_strdup (_("Delivered: find out whether the buyer really has it. If so, refuse the refund with the courier’s signing proof as evidence; if not, file a claim."));
    case RD_PARCEL_ADVICE_TREAT_AS_LOST:
      return g_strdup_printf (ngettext ("No tracking movement for %d hour: treat the parcel as lost — refund or resend, and file a claim.",
                                        "No tracking movement for %d hours: treat the parcel as lost — refund or resend, and file a claim.",
                                        (gulong) quiet_hours), (int) quiet_hours);
    case RD_PARCEL_ADVICE_NUDGE_COURIER:
      return g_strdup_printf (ngettext ("No tracking movement for %d hour: nudge the courier.",
                                        "No tracking movement for %d hours: nudge the courier.",
                                        (gulong) quiet_hours), (int) quiet_hours);
    case RD_PARCEL_ADVICE_SETTLE_NOW:
      {
        g_autofree char *left = rd_intercept_format_time_left (parcel->platform_deadline, item->now);
        return g_strdup_printf (_("Less than 2 hours before the platform refunds by itself (%s): settle the case now."), left);
      }
    case RD_PARCEL_ADVICE_NONE:
    case RD_PARCEL_ADVICE_LAST:
    default:
      break;
    }

  if (rd_intercept_is_unmatched (parcel))
    return g_strdup (_("Came back with a number nobody registered: find its case and match the parcel to it."));
  if (item->ticket == RD_TICKET_NO_RATE && !rd_intercept_status_is_settled (parcel->status))
    {
      g_autofree char *threshold = rd_money_format (item->threshold, rd_currency_default ());

      /* TRANSLATORS: the parcel's currency code, the threshold in yuan */
      return g_strdup_printf (_("The case records no exchange rate for %s, so the high-ticket threshold of %s is not applied to it."),
                              parcel->currency, threshold);
    }
  return NULL;
}

/* Widths in characters, so that a column shows its usual content whole. */
static guint
column_chars (RdInterceptColumn column)
{
  switch (column)
    {
    case RD_INTERCEPT_COLUMN_TRACKING:
    case RD_CLAIM_COLUMN_TRACKING:
      return 15;
    case RD_INTERCEPT_COLUMN_CASE:
      return 16;
    case RD_INTERCEPT_COLUMN_COURIER:
    case RD_CLAIM_COLUMN_COURIER:
      return 11;
    case RD_INTERCEPT_COLUMN_TIME_LEFT:
      return 14;
    case RD_INTERCEPT_COLUMN_STATUS:
    case RD_CLAIM_COLUMN_STATUS:
      return 14;
    case RD_INTERCEPT_COLUMN_REQUESTED:
    case RD_INTERCEPT_COLUMN_DEADLINE:
    case RD_CLAIM_COLUMN_FILED:
      return 16;
    case RD_INTERCEPT_COLUMN_MOVEMENT:
      return 16;
    case RD_INTERCEPT_COLUMN_AMOUNT:
    case RD_INTERCEPT_COLUMN_LOSS:
    case RD_CLAIM_COLUMN_CLAIMED:
    case RD_CLAIM_COLUMN_RECOVERED:
      return 10;
    case RD_INTERCEPT_COLUMN_TICKET:
      return 6;
    case RD_INTERCEPT_COLUMN_PROVINCE:
    case RD_INTERCEPT_COLUMN_OPERATOR:
    default:
      return 5;
    }
}

static void
on_cell_setup (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  data)
{
  RdInterceptColumn column = GPOINTER_TO_INT (data);
  GtkWidget *cell = gtk_inscription_new (NULL);

  if (column == RD_INTERCEPT_COLUMN_AMOUNT || column == RD_INTERCEPT_COLUMN_LOSS ||
      column == RD_CLAIM_COLUMN_CLAIMED || column == RD_CLAIM_COLUMN_RECOVERED)
    {
      gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), 1);
      gtk_widget_add_css_class (cell, "numeric");
    }
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), MIN (column_chars (column), 4));
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), column_chars (column));
  gtk_list_item_set_child (list_item, cell);
}

static void
on_cell_bind (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  data)
{
  RdInterceptColumn column = GPOINTER_TO_INT (data);
  RdInterceptItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *cell = gtk_list_item_get_child (list_item);
  g_autofree char *text = rd_intercept_item_get_text (item, column);

  gtk_inscription_set_text (GTK_INSCRIPTION (cell), text);
  if (column == RD_INTERCEPT_COLUMN_TIME_LEFT && rd_intercept_item_is_urgent (item))
    gtk_widget_add_css_class (cell, "time-left-urgent");
  else
    gtk_widget_remove_css_class (cell, "time-left-urgent");
  if (column == RD_INTERCEPT_COLUMN_MOVEMENT && rd_intercept_item_get_stall (item) != RD_INTERCEPT_STALL_NONE)
    {
      gtk_widget_add_css_class (cell, "warning");
      gtk_widget_set_tooltip_text (cell, rd_intercept_item_get_stall (item) == RD_INTERCEPT_STALL_LOST
                                         ? _("Stalled: treat as lost") : _("Stalled: nudge the courier"));
    }
  else if (column == RD_INTERCEPT_COLUMN_MOVEMENT)
    {
      gtk_widget_remove_css_class (cell, "warning");
      gtk_widget_set_tooltip_text (cell, NULL);
    }
}

gboolean
rd_intercept_item_shows_same (RdInterceptItem *self,
                              RdInterceptItem *other)
{
  g_return_val_if_fail (RD_IS_INTERCEPT_ITEM (self) && RD_IS_INTERCEPT_ITEM (other), FALSE);

  return (self->intercept == NULL) == (other->intercept == NULL) && self->looks == other->looks;
}

/* The widest texts a column shows, in the language shown: every name of
 * a courier, a status (with the parcel's condition) and a ticket class, a
 * time, the longest time overdue, a large amount. */
static GPtrArray *
column_samples (RdInterceptColumn column)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  const gint64 late = RD_COLUMN_WIDEST_TIME;

  switch (column)
    {
    case RD_INTERCEPT_COLUMN_TRACKING:
    case RD_CLAIM_COLUMN_TRACKING:
      g_ptr_array_add (texts, g_strdup ("JDVA01562973030"));
      break;
    case RD_INTERCEPT_COLUMN_COURIER:
    case RD_CLAIM_COLUMN_COURIER:
      for (int i = 0; i < RD_COURIER_LAST; i++)
        g_ptr_array_add (texts, g_strdup (rd_courier_get_name (i)));
      break;
    case RD_INTERCEPT_COLUMN_CASE:
      /* The order number may be cut: the case number is what counts. */
      g_ptr_array_add (texts, g_strdup ("RF-2026-000000 · 26110200"));
      break;
    case RD_CLAIM_COLUMN_CASE:
      g_ptr_array_add (texts, g_strdup ("RF-2026-000000"));
      break;
    case RD_INTERCEPT_COLUMN_AMOUNT:
    case RD_INTERCEPT_COLUMN_LOSS:
    case RD_CLAIM_COLUMN_CLAIMED:
    case RD_CLAIM_COLUMN_RECOVERED:
      g_ptr_array_add (texts, rd_money_format_code (9999999, "CNY"));
      g_ptr_array_add (texts, rd_money_format_code (9999999, "USD"));
      break;
    case RD_INTERCEPT_COLUMN_TICKET:
      g_ptr_array_add (texts, g_strdup (C_("ticket", "No rate")));
      g_ptr_array_add (texts, g_strdup (C_("ticket", "High")));
      g_ptr_array_add (texts, g_strdup (C_("ticket", "Low")));
      break;
    case RD_INTERCEPT_COLUMN_PROVINCE:
      g_ptr_array_add (texts, g_strdup ("黑龙江"));
      break;
    case RD_INTERCEPT_COLUMN_REQUESTED:
    case RD_INTERCEPT_COLUMN_DEADLINE:
    case RD_INTERCEPT_COLUMN_MOVEMENT:
    case RD_CLAIM_COLUMN_FILED:
      g_ptr_array_add (texts, rd_time_format_local (late));
      break;
    case RD_INTERCEPT_COLUMN_TIME_LEFT:
      g_ptr_array_add (texts, rd_intercept_format_time_left (late - (999 * 24 + 23) * 3600, late));
      g_ptr_array_add (texts, rd_intercept_format_time_left (late - 47 * 3600 - 59 * 60, late));
      break;
    case RD_INTERCEPT_COLUMN_STATUS:
      g_ptr_array_add (texts, g_strdup (_("Returned, not matched")));
      for (int i = 0; i < RD_INTERCEPT_STATUS_LAST; i++)
        g_ptr_array_add (texts, g_strdup (rd_intercept_status_get_name (i)));
      for (int i = 0; i < RD_PARCEL_CONDITION_LAST; i++)
        g_ptr_array_add (texts, g_strdup_printf ("%s · %s", rd_intercept_status_get_name (RD_INTERCEPT_STATUS_BACK_IN_WAREHOUSE),
                                                 rd_parcel_condition_get_name (i)));
      break;
    case RD_CLAIM_COLUMN_STATUS:
      for (int i = 0; i < RD_CLAIM_STATUS_LAST; i++)
        g_ptr_array_add (texts, g_strdup (rd_claim_status_get_name (i)));
      break;
    case RD_INTERCEPT_COLUMN_OPERATOR:
    default:
      g_ptr_array_add (texts, g_strdup ("店长店长"));
      break;
    }
  return texts;
}

void
rd_intercept_column_view_add (GtkColumnView     *view,
                              const char        *title,
                              RdInterceptColumn  column,
                              gboolean           expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;

  g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind), GINT_TO_POINTER (column));
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  /* As wide as what it shows: never "已超时 26 天 19 小…". */
  {
    g_autoptr(GPtrArray) texts = column_samples (column);

    gtk_column_view_column_set_fixed_width (view_column, rd_column_width_for (GTK_WIDGET (view), title, texts));
  }
  gtk_column_view_append_column (view, view_column);
  g_object_unref (view_column);
}
