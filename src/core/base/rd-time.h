/* rd-time.h
 *
 * Times as people read them: Unix seconds shown in the local time zone as
 * "2026-11-22 14:05", the date alone ("2026-11-22") or the clock alone
 * ("14:05"). 0 is how the ledger stores a time that is not set, so each
 * gives "" for it, as for a time GDateTime cannot show (outside the years
 * 1–9999). Negative times are times before 1970 and are shown.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "2026-11-22 14:05" in the local time zone. */
char *rd_time_format_local       (gint64 unix_time);
/* "2026-11-22": the local date. */
char *rd_time_format_local_date  (gint64 unix_time);
/* "14:05": the local clock time. */
char *rd_time_format_local_clock (gint64 unix_time);

G_END_DECLS
