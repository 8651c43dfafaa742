/* rd-shop-lists.h
 *
 * The shop's editable lists, kept in GSettings: sales channels, refund
 * reasons (each tagged with whose fault it is), payment methods (each
 * counting as one of the built-in methods, for arrival times) and couriers.
 * Built-in entries have stable ids and translated names and can be renamed
 * but not removed; an entry the shop adds has its own text as its id (what
 * a case stores) and can be renamed and removed.
 */
#pragma once

#include <gio/gio.h>

#include "rd-case-types.h"

G_BEGIN_DECLS

#define RD_LISTS_ERROR (rd_lists_error_quark ())

typedef enum
{
  RD_LISTS_ERROR_EMPTY,
  RD_LISTS_ERROR_TOO_LONG,
  RD_LISTS_ERROR_INVALID,      /* control characters, an unknown tag */
  RD_LISTS_ERROR_DUPLICATE,
  RD_LISTS_ERROR_BUILTIN,      /* removing a built-in entry */
  RD_LISTS_ERROR_NOT_FOUND,
} RdListsError;

typedef enum
{
  RD_LIST_CHANNELS,            /* key `channels`, a(ssu) */
  RD_LIST_REASONS,             /* key `reasons`, a(sss) */
  RD_LIST_PAYMENT_METHODS,     /* key `payment-methods`, a(sss) */
  RD_LIST_COURIERS,            /* key `couriers`, a(ss) */
  RD_LIST_N_KINDS,
} RdListKind;

/* Longest name of an entry, in characters (a case stores a shop's own
 * entry by its text). */
#define RD_LIST_NAME_MAX_CHARS 64

typedef struct
{
  char     *id;
  char     *name;          /* what to show: the custom name, the translated built-in name, or the id */
  char     *custom_name;   /* "" when not renamed */
  char     *builtin_name;  /* the translated built-in name; NULL for the shop's own */
  char     *tag;           /* reasons: fault id; payment methods: built-in method id; else NULL */
  guint     hours;         /* channels: platform auto-refund hours */
  gboolean  builtin;
} RdListItem;

GQuark             rd_lists_error_quark    (void);

void               rd_list_item_free       (RdListItem  *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdListItem, rd_list_item_free)

const char        *rd_lists_get_key        (RdListKind   kind);

/* The entries of a list in their stored order. Array of RdListItem*. */
GPtrArray         *rd_lists_get            (GSettings   *settings,
                                            RdListKind   kind);
/* The entry with this id in items, or NULL. */
const RdListItem  *rd_lists_find           (GPtrArray   *items,
                                            const char  *id);

/* Whose fault a refund reason is: the shop's tag for it when settings is
 * given and its list holds the reason, else the built-in reason's fault,
 * else RD_FAULT_NONE (an unknown reason or none). */
RdFault            rd_lists_get_reason_fault (GSettings *settings,
                                              const char *reason_id);

/* Adds the shop's own entry: name is trimmed and becomes its id. tag is the
 * fault id for a reason (NULL: buyer), the built-in method it counts as for
 * a payment method (NULL: other), ignored otherwise. A new channel gets the
 * default auto-refund deadline. Errors say what is wrong in the user's
 * language. */
gboolean           rd_lists_add            (GSettings   *settings,
                                            RdListKind   kind,
                                            const char  *name,
                                            const char  *tag,
                                            GError     **error);
/* Renames an entry; an empty name (or the built-in name itself) gives a
 * built-in entry its built-in name back. */
gboolean           rd_lists_rename         (GSettings   *settings,
                                            RdListKind   kind,
                                            const char  *id,
                                            const char  *name,
                                            GError     **error);
/* Changes a reason's fault or a payment method's counted-as method. A
 * built-in payment method always counts as itself. */
gboolean           rd_lists_set_tag        (GSettings   *settings,
                                            RdListKind   kind,
                                            const char  *id,
                                            const char  *tag,
                                            GError     **error);
/* Removes one of the shop's own entries (built-in ones stay). */
gboolean           rd_lists_remove         (GSettings   *settings,
                                            RdListKind   kind,
                                            const char  *id,
                                            GError     **error);

/* Couriers (顺丰, 中通, …): built-in ids in display order, NULL-terminated:
 * sf, zto, yto, sto, yunda, jd, ems, jtexpress, deppon, other. */
const char *const *rd_courier_builtin_ids  (void);
gboolean           rd_courier_is_builtin   (const char  *id);
/* custom_name when set, else the translated built-in name, else the id. */
char              *rd_courier_display_name (const char  *id,
                                            const char  *custom_name);

G_END_DECLS
