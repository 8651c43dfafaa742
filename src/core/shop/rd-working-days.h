/* rd-working-days.h
 *
 * Working days for the expected arrival of a refund: weekends and the
 * holidays of an editable table are skipped; the make-up working days
 * (调休, a Saturday or Sunday worked to bridge a holiday) count as working
 * days, because banks and payment channels process on them.
 *
 * The ledger ships the 2026 schedule of the State Council (holidays and
 * make-up days) and, for 2027, the statutory holidays computed from the lunar
 * calendar (元旦, 春节 除夕–初三, 清明, 劳动节 ×2, 端午, 中秋, 国庆 ×3) until the
 * official schedule is published each November; edit the table then.
 */
#pragma once

#include <gio/gio.h>

#include "rd-case-types.h"
#include "rd-store.h"

G_BEGIN_DECLS

#define RD_WORKING_DAYS_ERROR (rd_working_days_error_quark ())

typedef enum
{
  RD_WORKING_DAYS_ERROR_FAILED,
  RD_WORKING_DAYS_ERROR_INVALID_DATE,
} RdWorkingDaysError;

typedef struct
{
  GDate  date;
  char  *name;
  gboolean makeup_workday;  /* TRUE: a weekend day that is worked (调休) */
} RdHoliday;

/* Holidays and make-up working days loaded once, then queried in memory. */
typedef struct _RdWorkCalendar RdWorkCalendar;

GQuark           rd_working_days_error_quark   (void);

void             rd_holiday_free               (RdHoliday      *holiday);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdHoliday, rd_holiday_free)

/* Table edits, each in its own transaction with an audit entry. date is
 * YYYY-MM-DD. Adding a date that exists renames it. */
gboolean         rd_holidays_add               (RdStore        *store,
                                                const char     *date,
                                                const char     *name,
                                                gboolean        makeup_workday,
                                                const char     *operator,
                                                GError        **error);
gboolean         rd_holidays_remove            (RdStore        *store,
                                                const char     *date,
                                                gboolean        makeup_workday,
                                                const char     *operator,
                                                GError        **error);
/* Every holiday and make-up day of year (0: all years), by date.
 * Array of RdHoliday*. */
GPtrArray       *rd_holidays_list              (RdStore        *store,
                                                int             year,
                                                GError        **error);

RdWorkCalendar  *rd_work_calendar_new          (void);   /* weekends only */
RdWorkCalendar  *rd_work_calendar_load         (RdStore        *store,
                                                GError        **error);
void             rd_work_calendar_free         (RdWorkCalendar *calendar);
void             rd_work_calendar_add_holiday  (RdWorkCalendar *calendar,
                                                const GDate    *date);
void             rd_work_calendar_add_makeup_workday (RdWorkCalendar *calendar,
                                                      const GDate    *date);
gboolean         rd_work_calendar_is_working_day (const RdWorkCalendar *calendar,
                                                  const GDate          *date);
/* *result = start + n working days (start itself never counts; n = 0 gives
 * start). */
void             rd_work_calendar_add_days     (const RdWorkCalendar *calendar,
                                                const GDate          *start,
                                                guint                 n,
                                                GDate                *result);

/* How many working days a refund takes to arrive by this payment method:
 * Alipay, WeChat Pay, bank transfer 1–3; credit card 3–7; store balance and
 * cash 0; PayPal 1–5; Stripe 5–10; other 1–7. */
void             rd_arrival_working_days       (RdPaymentMethod method,
                                                guint          *min_days,
                                                guint          *max_days);
/* Earliest and latest arrival of a refund paid on paid_on; after latest the
 * case shows up for follow-up. Either output may be NULL. */
void             rd_expected_arrival           (const RdWorkCalendar *calendar,
                                                const GDate          *paid_on,
                                                RdPaymentMethod       method,
                                                GDate                *earliest,
                                                GDate                *latest);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdWorkCalendar, rd_work_calendar_free)

G_END_DECLS
