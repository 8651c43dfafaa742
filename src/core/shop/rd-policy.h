/* rd-policy.h
 *
 * The shop's preferences that the refund rules need, as a plain struct: the
 * workflow, the deadlines and the stall checks read it and never GSettings.
 * This is the one home of the policy's defaults and of the keys it is kept
 * under; the calculator's RdCalcPolicy is filled from it.
 *
 * The policy protects money, so it lives in the ledger (the `meta` table,
 * keys "policy.<key>", e.g. "policy.high-ticket-threshold") and changes only
 * through rd_policy_set, by an admin (RD_ACTION_SETTINGS), audited. A ledger
 * from before that gets the desk's GSettings values once
 * (rd_policy_copy_from_settings). The GSettings keys of the same names are
 * read only for that copy and when no ledger is open.
 */
#pragma once

#include <gio/gio.h>

#include "rd-calc.h"
#include "rd-store.h"

G_BEGIN_DECLS

#define RD_POLICY_MAX_CHANNELS 32
#define RD_POLICY_DEFAULT_AUTO_REFUND_HOURS 48

typedef struct
{
  char  id[32];               /* "taobao", "jd", … */
  guint auto_refund_hours;    /* platform refunds by itself after this */
} RdPolicyChannel;

typedef struct
{
  gint64           high_ticket_threshold;   /* minor units; at or above: wait for the result */
  gint64           review_threshold;        /* minor units; at or above: second approver */
  gint64           return_shipping_cap;     /* minor units */
  guint            refund_window_days;
  guint            return_ship_days;        /* days the buyer has to send a return back */
  guint            stall_nudge_hours;
  guint            stall_lost_hours;
  guint            stall_remote_hours;
  RdPolicyChannel  channels[RD_POLICY_MAX_CHANNELS];
  guint            n_channels;
  char           **remote_provinces;        /* NULL-terminated, owned */
  guint            lock_after_minutes;      /* idle desk goes back to no operator; 0: never */
} RdPolicy;

/* The defaults of data/io.github.refunddesk.RefundDesk.gschema.xml. */
void      rd_policy_init_defaults        (RdPolicy       *policy);
/* Reads every key from settings (schema io.github.refunddesk.RefundDesk);
 * the defaults when settings is NULL. */
void      rd_policy_load_from_settings   (RdPolicy       *policy,
                                          GSettings      *settings);
void      rd_policy_clear                (RdPolicy       *policy);

/* The app's settings when their schema is installed, else NULL (the
 * command-line mode run from a build tree): pass the result to
 * rd_policy_load_from_settings for "the settings, or the defaults". */
GSettings *rd_policy_open_settings       (void);
/* The part of the policy the calculator needs. */
void      rd_policy_to_calc_policy       (const RdPolicy *policy,
                                          RdCalcPolicy   *calc_policy);
/* Whether key is one of the settings the policy is read from. */
gboolean  rd_policy_is_policy_key        (const char     *key);

/* The policy as the ledger says: each key from its `meta` row
 * "policy.<key>", the default for a key that has none (or an unreadable
 * value). Never fails: the defaults when the ledger cannot be read. */
void      rd_policy_load_from_store      (RdPolicy       *policy,
                                          RdStore        *store);
/* Whether the ledger holds any policy key yet. */
gboolean  rd_policy_store_has_policy     (RdStore        *store,
                                          GError        **error);
/* Once, for a ledger that holds no policy yet: every key of the policy
 * copied from settings, with one audit entry ("copy_policy"), so that
 * nothing changes for the shop. Does nothing (TRUE) when the ledger has a
 * policy already or is read-only. */
gboolean  rd_policy_copy_from_settings   (RdStore        *store,
                                          GSettings      *settings,
                                          GError        **error);

/* Sets one key of the ledger's policy as text: a whole number for money
 * (minor units), days, hours and minutes; the remote provinces one per
 * line; "channel-hours" as lines "id=hours". RD_OPERATORS_ERROR_NOT_ALLOWED
 * unless `operator` is an admin (rd_operators_check, RD_ACTION_SETTINGS);
 * G_IO_ERROR_INVALID_ARGUMENT for an unknown key or a value out of range.
 * Audited ("set_policy", the key, old → new) in the same transaction. */
gboolean  rd_policy_set                  (RdStore        *store,
                                          const char     *operator,
                                          const char     *key,
                                          const char     *value,
                                          GError        **error);
/* The same for a number. */
gboolean  rd_policy_set_number           (RdStore        *store,
                                          const char     *operator,
                                          const char     *key,
                                          gint64          value,
                                          GError        **error);
/* The text rd_policy_set takes for key, as policy holds it; NULL for an
 * unknown key. */
char     *rd_policy_get_text             (const RdPolicy *policy,
                                          const char     *key);

/* The channel's auto-refund hours; RD_POLICY_DEFAULT_AUTO_REFUND_HOURS for
 * a channel the policy does not list. */
guint     rd_policy_get_auto_refund_hours (const RdPolicy *policy,
                                           const char     *channel_id);
gboolean  rd_policy_is_high_ticket       (const RdPolicy *policy,
                                          gint64          amount);

/* The ticket class of an amount against the high-ticket threshold, which is
 * yuan (fen) whatever the amount's currency. */
typedef enum
{
  RD_TICKET_LOW,       /* below the threshold */
  RD_TICKET_HIGH,      /* at or above it: the refund waits for the parcel's result */
  RD_TICKET_NO_RATE,   /* in another currency with no exchange rate recorded: the
                        * threshold is not applied (as if low), and the page says so */
} RdTicketClass;

/* amount is in minor units of currency (ISO code; NULL or "" is CNY); a
 * foreign amount is converted to fen at exchange_rate (CNY per unit, the
 * case's exact decimal text, rd_calc_parse_rate; rounded half away from
 * zero) before it is compared. A yuan amount never needs a rate. When
 * amount_cny is not NULL it gets the amount in fen (0 with NO_RATE). */
RdTicketClass rd_policy_classify_ticket  (const RdPolicy *policy,
                                          gint64          amount,
                                          const char     *currency,
                                          const char     *exchange_rate,
                                          gint64         *amount_cny);
gboolean  rd_policy_needs_review         (const RdPolicy *policy,
                                          gint64          amount);
gboolean  rd_policy_is_remote_province   (const RdPolicy *policy,
                                          const char     *province);
/* The last day the buyer may send a return back when asked at `asked_at`
 * (Unix seconds): the local date return_ship_days days later, as a
 * "YYYY-MM-DD" text. */
char     *rd_policy_format_ship_by       (const RdPolicy *policy,
                                          gint64          asked_at);
/* Hours without tracking movement before a parcel counts as lost. */
guint     rd_policy_get_lost_hours       (const RdPolicy *policy,
                                          const char     *province);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RdPolicy, rd_policy_clear)

G_END_DECLS
