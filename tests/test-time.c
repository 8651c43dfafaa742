/* test-time.c — times as people read them: the local date and time, the
 * date alone and the clock alone, in UTC and in zones east and west of it;
 * 0 (not set) and times outside GDateTime's years 1–9999 give "". */
#include "config.h"

#include "rd-time.h"

#define MAX_TIME G_GINT64_CONSTANT (253402300799)   /* 9999-12-31 23:59:59 UTC */
#define MIN_TIME G_GINT64_CONSTANT (-62135596800)   /* 0001-01-01 00:00:00 UTC */

typedef struct
{
  const char *tz;      /* POSIX TZ rule: no tzdata needed */
  gint64      at;
  const char *local;   /* rd_time_format_local */
  const char *date;    /* rd_time_format_local_date */
  const char *clock;   /* rd_time_format_local_clock */
} TimeCase;

static const TimeCase cases[] = {
  { "UTC",      G_GINT64_CONSTANT (1795356300), "2026-11-22 14:05", "2026-11-22", "14:05" },
  { "UTC",      1,                              "1970-01-01 00:00", "1970-01-01", "00:00" },
  { "UTC",      -60,                            "1969-12-31 23:59", "1969-12-31", "23:59" },
  { "UTC",      0,                              "",                 "",           ""      },
  { "UTC",      MAX_TIME,                       "9999-12-31 23:59", "9999-12-31", "23:59" },
  { "UTC",      MAX_TIME + 1,                   "",                 "",           ""      },
  { "UTC",      MIN_TIME,                       "1-01-01 00:00",    "1-01-01",    "00:00" },   /* %Y does not pad */
  { "UTC",      MIN_TIME - 1,                   "",                 "",           ""      },
  { "UTC",      G_MAXINT64,                     "",                 "",           ""      },
  { "UTC",      G_MININT64,                     "",                 "",           ""      },
  /* China: UTC+8, the date turns before it does in UTC. */
  { "CST-8",    G_GINT64_CONSTANT (1795327500), "2026-11-22 14:05", "2026-11-22", "14:05" },
  { "CST-8",    G_GINT64_CONSTANT (1795356300), "2026-11-22 22:05", "2026-11-22", "22:05" },
  { "CST-8",    -60,                            "1970-01-01 07:59", "1970-01-01", "07:59" },
  { "CST-8",    0,                              "",                 "",           ""      },
  /* In range in UTC, past the year 9999 once moved east. */
  { "CST-8",    MAX_TIME,                       "",                 "",           ""      },
  /* West of UTC by a half hour step. */
  { "NST3:30",  G_GINT64_CONSTANT (1795356300), "2026-11-22 10:35", "2026-11-22", "10:35" },
  { "NST3:30",  1,                              "1969-12-31 20:30", "1969-12-31", "20:30" },
  { "NST3:30",  MIN_TIME,                       "",                 "",           ""      },
};

static void
test_format (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const TimeCase *c = &cases[i];
      g_autofree char *local = NULL;
      g_autofree char *date = NULL;
      g_autofree char *clock = NULL;

      g_test_message ("TZ=%s at=%" G_GINT64_FORMAT, c->tz, c->at);
      g_setenv ("TZ", c->tz, TRUE);
      local = rd_time_format_local (c->at);
      date = rd_time_format_local_date (c->at);
      clock = rd_time_format_local_clock (c->at);

      g_assert_cmpstr (local, ==, c->local);
      g_assert_cmpstr (date, ==, c->date);
      g_assert_cmpstr (clock, ==, c->clock);
    }
  g_setenv ("TZ", "UTC", TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rd/time/format", test_format);

  return g_test_run ();
}
