/* test-case-checks.c
 *
 * The intake's request time: parsed from "YYYY-MM-DD HH:MM", and a time
 * ahead of now only within the clock-skew tolerance passes without a
 * question; further ahead is a warning that names the time (TZ=UTC).
 */
#include "config.h"

#include <locale.h>

#include "rd-case-checks.h"

#define NOW G_GINT64_CONSTANT (1795356300)   /* 2026-11-22 14:05 UTC */

typedef struct
{
  gint64      requested_at;
  gboolean    ok;
  const char *message;   /* when not ok */
} FutureCase;

static const FutureCase future_cases[] = {
  { NOW,                                          TRUE,  NULL },
  { NOW - 30 * 24 * 3600,                         TRUE,  NULL },   /* a month ago */
  { 1,                                            TRUE,  NULL },
  { NOW + 60,                                     TRUE,  NULL },   /* the platform's clock a minute ahead */
  { NOW + RD_CASE_REQUEST_FUTURE_TOLERANCE,       TRUE,  NULL },
  { NOW + RD_CASE_REQUEST_FUTURE_TOLERANCE + 60,  FALSE, "The request time 2026-11-22 14:16 is in the future. Check the date." },
  { NOW + 24 * 3600,                              FALSE, "The request time 2026-11-23 14:05 is in the future. Check the date." },
  /* 2027 typed for 2026. */
  { G_GINT64_CONSTANT (1809162000),               FALSE, "The request time 2027-05-01 09:00 is in the future. Check the date." },
};

static void
test_future (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (future_cases); i++)
    {
      const FutureCase *c = &future_cases[i];
      g_autoptr(GError) error = NULL;
      gboolean ok;

      g_test_message ("case %u: %" G_GINT64_FORMAT, i, c->requested_at);
      ok = rd_case_check_request_time (c->requested_at, NOW, &error);
      g_assert_cmpint (ok, ==, c->ok);
      if (c->ok)
        g_assert_no_error (error);
      else
        {
          g_assert_error (error, RD_CASE_CHECK_ERROR, RD_CASE_CHECK_ERROR_FUTURE);
          g_assert_cmpstr (error->message, ==, c->message);
        }
    }
}

/* What the user types, through the parser and the check, as the form does. */
static void
test_typed (void)
{
  static const struct {
    const char *text;
    gboolean    parses;
    gboolean    future;
  } typed[] = {
    { "2026-11-22 14:05", TRUE,  FALSE },
    { "2026-11-22 14:15", TRUE,  FALSE },
    { "2026-11-22 14:16", TRUE,  TRUE  },
    { "2027-05-01 09:00", TRUE,  TRUE  },
    { "2025-11-22 14:05", TRUE,  FALSE },
    { "2026-13-01 09:00", FALSE, FALSE },
    { "",                 FALSE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 at = 0;

      g_test_message ("typed: %s", typed[i].text);
      g_assert_cmpint (rd_case_parse_time (typed[i].text, &at, NULL), ==, typed[i].parses);
      if (!typed[i].parses)
        continue;
      g_assert_cmpint (!rd_case_check_request_time (at, NOW, &error), ==, typed[i].future);
      g_assert_true ((error != NULL) == typed[i].future);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rd/case-checks/future", test_future);
  g_test_add_func ("/rd/case-checks/typed", test_typed);

  return g_test_run ();
}
