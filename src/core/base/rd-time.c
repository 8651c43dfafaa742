/* rd-time.c
 *
 * Times as people read them (see rd-time.h).
 */
#include "config.h"

#include "rd-time.h"

static char *
format_local (gint64      unix_time,
              const char *format)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (unix_time == 0)
    return g_strdup ("");
  utc = g_date_time_new_from_unix_utc (unix_time);
  if (utc == NULL)
    return g_strdup ("");
  local = g_date_time_to_local (utc);
  if (local == NULL)
    return g_strdup ("");
  return g_date_time_format (local, format);
}

char *
rd_time_format_local (gint64 unix_time)
{
  return format_local (unix_time, "%Y-%m-%d %H:%M");
}

char *
rd_time_format_local_date (gint64 unix_time)
{
  return format_local (unix_time, "%Y-%m-%d");
}

char *
rd_time_format_local_clock (gint64 unix_time)
{
  return format_local (unix_time, "%H:%M");
}
