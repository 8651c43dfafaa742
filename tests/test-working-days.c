/* test-working-days.c — expected arrival in working days (TZ=UTC). */
#include "config.h"

#include <locale.h>
#include <stdio.h>

#include "rd-test-ledger.h"
#include "rd-working-days.h"

static GDate
date (const char *text)
{
  GDate d;
  int y, m, day;

  g_assert_cmpint (sscanf (text, "%d-%d-%d", &y, &m, &day), ==, 3);
  g_date_clear (&d, 1);
  g_date_set_dmy (&d, day, m, y);
  return d;
}

static void
assert_date (const GDate *d,
             const char  *expected)
{
  char text[16];

  g_date_strftime (text, sizeof text, "%Y-%m-%d", d);
  g_assert_cmpstr (text, ==, expected);
}

typedef struct
{
  char           *dir;
  RdStore        *store;
  RdWorkCalendar *calendar;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = rd_test_make_tmp_dir ();
  path = g_build_filename (f->dir, "ledger.db", NULL);
  f->store = rd_store_open (path, RD_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  f->calendar = rd_work_calendar_load (f->store, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->calendar, rd_work_calendar_free);
  g_clear_object (&f->store);
  rd_test_remove_tree (f->dir);
  g_free (f->dir);
}

static void
test_weekends (void)
{
  g_autoptr(RdWorkCalendar) calendar = rd_work_calendar_new ();
  GDate start = date ("2026-03-06");   /* a Friday */
  GDate result;

  rd_work_calendar_add_days (calendar, &start, 0, &result);
  assert_date (&result, "2026-03-06");
  rd_work_calendar_add_days (calendar, &start, 1, &result);
  assert_date (&result, "2026-03-09");
  rd_work_calendar_add_days (calendar, &start, 3, &result);
  assert_date (&result, "2026-03-11");
  rd_work_calendar_add_days (calendar, &start, 7, &result);
  assert_date (&result, "2026-03-17");

  /* Paid on a Saturday: Monday is the first working day. */
  start = date ("2026-03-07");
  rd_work_calendar_add_days (calendar, &start, 1, &result);
  assert_date (&result, "2026-03-09");
}

static void
test_default_holidays (Fixture       *f,
                       gconstpointer  data)
{
  GDate start, earliest, latest;

  /* National Day week, and the Saturday 10-10 worked instead (调休). */
  start = date ("2026-09-30");
  rd_expected_arrival (f->calendar, &start, RD_PAYMENT_METHOD_ALIPAY, &earliest, &latest);
  assert_date (&earliest, "2026-10-08");
  assert_date (&latest, "2026-10-10");

  /* Spring Festival: Saturday 02-14 is worked, 02-15 … 02-23 are off. */
  start = date ("2026-02-13");
  rd_expected_arrival (f->calendar, &start, RD_PAYMENT_METHOD_BANK_TRANSFER, &earliest, &latest);
  assert_date (&earliest, "2026-02-14");
  assert_date (&latest, "2026-02-25");

  /* Store balance and cash: the same day. */
  rd_expected_arrival (f->calendar, &start, RD_PAYMENT_METHOD_STORE_BALANCE, &earliest, &latest);
  assert_date (&earliest, "2026-02-13");
  assert_date (&latest, "2026-02-13");
}

static void
test_year_boundary (Fixture       *f,
                    gconstpointer  data)
{
  GDate start = date ("2026-12-31");   /* Thursday; 2027-01-01 is a holiday */
  GDate earliest, latest;

  rd_expected_arrival (f->calendar, &start, RD_PAYMENT_METHOD_CREDIT_CARD, &earliest, &latest);
  assert_date (&earliest, "2027-01-06");
  assert_date (&latest, "2027-01-12");

  rd_expected_arrival (f->calendar, &start, RD_PAYMENT_METHOD_WECHAT_PAY, &earliest, NULL);
  assert_date (&earliest, "2027-01-04");
}

static void
test_edit_table (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(RdWorkCalendar) calendar = NULL;
  GDate start = date ("2026-12-30");
  GDate result;
  guint n_before;

  list = rd_holidays_list (f->store, 2026, &error);
  g_assert_no_error (error);
  n_before = list->len;
  g_assert_cmpuint (n_before, ==, 33 + 6);   /* 33 days off, 6 make-up days */
  g_clear_pointer (&list, g_ptr_array_unref);

  g_assert_true (rd_holidays_add (f->store, "2026-12-31", "年终盘点", FALSE, "Li Na", &error));
  g_assert_no_error (error);
  calendar = rd_work_calendar_load (f->store, &error);
  rd_work_calendar_add_days (calendar, &start, 1, &result);
  assert_date (&result, "2027-01-04");

  list = rd_holidays_list (f->store, 2026, &error);
  g_assert_cmpuint (list->len, ==, n_before + 1);
  g_clear_pointer (&list, g_ptr_array_unref);

  g_assert_true (rd_holidays_remove (f->store, "2026-12-31", FALSE, "Li Na", &error));
  g_clear_pointer (&calendar, rd_work_calendar_free);
  calendar = rd_work_calendar_load (f->store, &error);
  rd_work_calendar_add_days (calendar, &start, 1, &result);
  assert_date (&result, "2026-12-31");

  g_assert_false (rd_holidays_add (f->store, "2026-02-30", "nope", FALSE, "Li Na", &error));
  g_assert_error (error, RD_WORKING_DAYS_ERROR, RD_WORKING_DAYS_ERROR_INVALID_DATE);
  g_clear_error (&error);
  g_assert_false (rd_holidays_add (f->store, "2026-1-1", "nope", FALSE, "Li Na", &error));
  g_assert_error (error, RD_WORKING_DAYS_ERROR, RD_WORKING_DAYS_ERROR_INVALID_DATE);
}

static void
test_arrival_ranges (void)
{
  static const struct { RdPaymentMethod method; guint lo, hi; } expected[] = {
    { RD_PAYMENT_METHOD_ALIPAY, 1, 3 }, { RD_PAYMENT_METHOD_WECHAT_PAY, 1, 3 },
    { RD_PAYMENT_METHOD_BANK_TRANSFER, 1, 3 }, { RD_PAYMENT_METHOD_CREDIT_CARD, 3, 7 },
    { RD_PAYMENT_METHOD_STORE_BALANCE, 0, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      guint lo, hi;

      rd_arrival_working_days (expected[i].method, &lo, &hi);
      g_assert_cmpuint (lo, ==, expected[i].lo);
      g_assert_cmpuint (hi, ==, expected[i].hi);
    }
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rd/working-days/weekends", test_weekends);
  g_test_add_func ("/rd/working-days/arrival-ranges", test_arrival_ranges);
  g_test_add ("/rd/working-days/default-holidays", Fixture, NULL, fixture_set_up, test_default_holidays, fixture_tear_down);
  g_test_add ("/rd/working-days/year-boundary", Fixture, NULL, fixture_set_up, test_year_boundary, fixture_tear_down);
  g_test_add ("/rd/working-days/edit-table", Fixture, NULL, fixture_set_up, test_edit_table, fixture_tear_down);

  return g_test_run ();
}
