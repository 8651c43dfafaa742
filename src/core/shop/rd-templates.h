/* rd-templates.h
 *
 * Reply templates: short messages to the buyer for the common situations,
 * with placeholders {order}, {amount}, {courier}, {tracking}, {deadline},
 * {ship_by}, {arrival}, {shop} and {reason}. The default set is written in
 * the UI language when the ledger is created (rd_templates_install_defaults),
 * then belongs to the shop.
 *
 * {deadline} is the platform's auto-refund deadline, except in the templates
 * of two situations that were written with it before {ship_by} and {arrival}
 * existed: in "ask_return" it is the buyer's ship-back date, in
 * "paid_arrival" the refund's expected arrival, so that the templates of an
 * older ledger tell the buyer the right date.
 */
#pragma once

#include <gio/gio.h>

#include "rd-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  id;
  char   *title;
  char   *body;
  char   *situation;    /* approved, intercept, ask_return, signed_locker, refused,
                           custom_partial, lost_resent, paid_arrival, or the shop's own */
  gint    sort_order;
} RdTemplate;

/* The values filled in; NULL leaves the placeholder as it is. */
typedef struct
{
  const char *order;
  const char *amount;
  const char *courier;
  const char *tracking;
  const char *deadline;   /* the platform's auto-refund deadline */
  const char *ship_by;    /* the last day to send a return back (the shop's window) */
  const char *arrival;    /* when the refund is expected to arrive */
  const char *shop;
  const char *reason;     /* {reason}: the refusal reason */
} RdTemplateValues;

void        rd_template_free              (RdTemplate             *tmpl);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdTemplate, rd_template_free)

/* Replaces the known placeholders that have a value; anything else between
 * braces stays as written. */
char       *rd_template_fill              (const char             *body,
                                           const RdTemplateValues *values);

/* Fills every placeholder of a template of this situation (NULL: none).
 * A placeholder is a name between braces, read without surrounding spaces
 * and ignoring ASCII case ("{ Order }" is {order}). One that has no value,
 * or that is not a known name, becomes a visible gap in the user's
 * language ("[tracking number]") and its description is appended once to
 * missing (array of char*, may be NULL), so that the text never carries a
 * literal "{…}" and the user can be told what to fill in. Braces that hold
 * no name (line breaks, nested braces, more than 32 bytes) stay as written. */
char       *rd_template_fill_all          (const char             *body,
                                           const char             *situation,
                                           const RdTemplateValues *values,
                                           GPtrArray              *missing);

/* Writes the default templates, translated into the current UI language,
 * when the table is empty and they were never installed. Returns the
 * number written (0 when nothing was needed), -1 on error. */
int         rd_templates_install_defaults (RdStore                *store,
                                           GError                **error);

/* Array of RdTemplate*, by sort order. */
GPtrArray  *rd_templates_list             (RdStore                *store,
                                           GError                **error);
/* Inserts (id 0, sets tmpl->id) or updates the template. */
gboolean    rd_templates_save             (RdStore                *store,
                                           RdTemplate             *tmpl,
                                           const char             *operator,
                                           GError                **error);
gboolean    rd_templates_delete           (RdStore                *store,
                                           gint64                  id,
                                           const char             *operator,
                                           GError                **error);

G_END_DECLS
