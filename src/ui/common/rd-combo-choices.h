/* rd-combo-choices.h
 *
 * An AdwComboRow whose items carry stable ids and an optional tag (a
 * reason's fault, what a payment method counts as), with an optional
 * "Choose…" placeholder that stands for nothing chosen.
 */
#pragma once

#include <adwaita.h>

#include "rd-shop-lists.h"

G_BEGIN_DECLS

/* Replaces the items (ids, names, tags: parallel arrays of strings; tags may
 * be NULL) and keeps the chosen id when it is still there. */
void        rd_combo_row_set_choices (AdwComboRow *row,
                                      GPtrArray   *ids,
                                      GPtrArray   *names,
                                      GPtrArray   *tags,
                                      gboolean     placeholder);
/* The chosen id (or its tag), NULL for the placeholder. */
const char *rd_combo_row_get_id      (AdwComboRow *row);
const char *rd_combo_row_get_tag     (AdwComboRow *row);
/* Chooses id; the first item when it is not there. */
void        rd_combo_row_set_id      (AdwComboRow *row,
                                      const char  *id);
/* The entries of one of the shop's lists, after a placeholder. */
void        rd_combo_row_fill_list   (AdwComboRow *row,
                                      GSettings   *settings,
                                      RdListKind   kind);

G_END_DECLS
