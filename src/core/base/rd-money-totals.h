/* rd-money-totals.h
 *
 * Sums per currency: amounts of different currencies are never added (a
 * yuan is not a dollar, and their minor units differ: JPY has no decimals).
 * The one place that decides how a currency code is spelled in a total, the
 * order totals are shown in (the shop's currency, CNY, first, then by code)
 * and how a list of them reads ("¥13,340,526.21 · $417,645.36").
 */
#pragma once

#include <glib.h>

#include "rd-money.h"

G_BEGIN_DECLS

/* The sum of the amounts of one currency. */
typedef struct
{
  const char *currency;   /* interned: the ISO 4217 code as rd_currency_lookup
                             spells it ("usd" → "USD"); a code this build does
                             not know, as stored */
  guint       count;      /* amounts added */
  gint64      amount;     /* their sum, minor units of currency */
} RdMoneyTotal;

/* The code a total is kept under: interned, as rd_currency_lookup spells
 * it, an unknown code as given; NULL or "" is the shop's currency (CNY). */
const char *rd_currency_normalize (const char *code);

/* The order of totals: the shop's currency first, then by code. */
int         rd_currency_compare   (const char *a,
                                   const char *b);

/* "$12.00" for a known code; an unknown one with its code and two decimals,
 * "XAU 12.00" (a newer Refund Desk wrote it). NULL or "" is CNY. */
char       *rd_money_format_code  (gint64      amount,
                                   const char *code);

/* An empty GArray of RdMoneyTotal, kept in rd_currency_compare order. */
GArray     *rd_money_totals_new   (void);

/* Adds amount to the total of currency (appended at its place when there is
 * none yet) and counts it. RD_MONEY_ERROR_OVERFLOW when the sum would not
 * fit; totals is then unchanged. */
gboolean    rd_money_totals_add   (GArray     *totals,
                                   const char *currency,
                                   gint64      amount,
                                   GError    **error);

/* Adds every total of other into totals (sums and counts). */
gboolean    rd_money_totals_merge (GArray     *totals,
                                   GArray     *other,
                                   GError    **error);

/* The total of currency (any spelling), or NULL when nothing was added in it. */
const RdMoneyTotal *rd_money_totals_lookup (GArray     *totals,
                                            const char *currency);

/* The sum of currency, 0 when there is none. */
gint64      rd_money_totals_get   (GArray     *totals,
                                   const char *currency);

/* Each total in its currency's format, in order, joined by separator (NULL:
 * " · "): "¥13,340,526.21 · $417,645.36"; "¥0.00" when totals is empty. */
char       *rd_money_totals_format (GArray     *totals,
                                    const char *separator);

G_END_DECLS
