/* rd-policy.h
 *
 * The shop's preferences that the refund rules need, as a plain struct: the
 * workflow, the deadlines and the stall checks read it and never GSettings.
 * This is the one home of the policy's defaults and of the GSettings keys
 * it is read from; the calculator's RdCalcPolicy is filled from it.
 */
#pragma once

#include <gio/gio.h>

#include "rd-calc.h"

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

/* The channel's auto-refund hours; RD_POLICY_DEFAULT_AUTO_REFUND_HOURS for
 * a channel the policy does not list. */
guint     rd_policy_get_auto_refund_hours (const RdPolicy *policy,
                                           const char     *channel_id);
gboolean  rd_policy_is_high_ticket       (const RdPolicy *policy,
                                          gint64          amount);
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
