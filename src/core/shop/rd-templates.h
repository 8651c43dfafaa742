/* rd-templates.h
 *
 * Reply templates: short messages to the buyer for the common situations,
 * with placeholders {order}, {amount}, {courier}, {tracking}, {deadline}
 * {shop} and {reason}. The default set is written in the UI language when the ledger
 * is created (rd_templates_install_defaults), then belongs to the shop.
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
  const char *deadline;
  const char *shop;
  const char *reason;     /* {reason}: the refusal reason */
} RdTemplateValues;

void        rd_template_free              (RdTemplate             *tmpl);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdTemplate, rd_template_free)

/* Replaces the known placeholders that have a value; anything else between
 * braces stays as written. */
char       *rd_template_fill              (const char             *body,
                                           const RdTemplateValues *values);

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
