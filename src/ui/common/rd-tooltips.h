/* rd-tooltips.h
 *
 * Tooltips that read as one line. GTK 4.8's own tooltip label wraps and
 * is given its narrowest width, which for Chinese (a line may break after
 * any character) is one character: "全部月份" shows as four lines. Once
 * installed at startup, every widget's tooltip text is shown in a label of
 * ours instead: on one line up to about 50 columns (a Chinese character
 * counts two), wrapped at that width when longer.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* From then on, the tooltip text of every widget shows in
 * rd_tooltips_new_label's label. Idempotent. */
void       rd_tooltips_install   (void);

/* The label that shows widget's tooltip (its markup), or NULL when it has
 * none. */
GtkWidget *rd_tooltips_new_label (GtkWidget *widget);
/* The same label for markup (whose plain text is text). */
GtkWidget *rd_tooltips_new_label_for (const char *markup,
                                      const char *text);

G_END_DECLS
