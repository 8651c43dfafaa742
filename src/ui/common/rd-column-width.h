/* rd-column-width.h
 *
 * Column widths that fit their content in the language shown: a
 * GtkColumnView column as wide as the widest of the texts it can show (and
 * its title), measured with the view's font. Used by the ledger and the
 * intercept register, whose cells would otherwise be cut ("已超时 26 天 19
 * 小…") or sized in "characters" that a Chinese character is two of.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* 2026-12-31 23:59 local time: as wide as any time the lists show. */
#define RD_COLUMN_WIDEST_TIME G_GINT64_CONSTANT (1798732740)

/* The width for a column of view titled title whose cells show texts
 * (char *): the widest, plus the cell's padding; the title has room for
 * the sort arrow. */
int rd_column_width_for (GtkWidget  *view,
                         const char *title,
                         GPtrArray  *texts);

G_END_DECLS
