/* rd-shop-lists.c
 *
 * The editable lists of the shop in GSettings, and the built-in couriers.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-case-types.h"
#include "rd-channels.h"
#include "rd-shop-lists.h"
#include "rd-policy.h"

G_DEFINE_QUARK (rd-lists-error-quark, rd_lists_error)

typedef struct
{
  const char *id;
  const char *name;   /* N_() */
} Courier;

static const Courier couriers[] = {
  { "sf",        N_("SF Express") },
  { "zto",       N_("ZTO Express") },
  { "yto",       N_("YTO Express") },
  { "sto",       N_("STO Express") },
  { "yunda",     N_("Yunda Express") },
  { "jd",        N_("JD Logistics") },
  { "ems",       N_("EMS") },
  { "jtexpress", N_("J&T Express") },
  { "deppon",    N_("Deppon") },
  { "other",     N_("Other courier") },
};

static const char *const courier_ids[] = {
  "sf", "zto", "yto", "sto", "yunda", "jd", "ems", "jtexpress", "deppon", "other", NULL,
};

G_STATIC_ASSERT (G_N_ELEMENTS (courier_ids) == G_N_ELEMENTS (couriers) + 1);

static const char *const keys[RD_LIST_N_KINDS] = {
  "channels", "reasons", "payment-methods", "couriers",
};

static const char *const types[RD_LIST_N_KINDS] = {
  "a(ssu)", "a(sss)", "a(sss)", "a(ss)",
};

static const Courier *
find_courier (const char *id)
{
  if (id == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (couriers); i++)
    if (g_str_equal (couriers[i].id, id))
      return &couriers[i];

  return NULL;
}

static gboolean
is_builtin (RdListKind  kind,
            const char *id)
{
  switch (kind)
    {
    case RD_LIST_CHANNELS:        return rd_channel_is_builtin (id);
    case RD_LIST_REASONS:         return rd_refund_reason_lookup (id) != NULL;
    case RD_LIST_PAYMENT_METHODS: return rd_payment_method_from_id (id) != RD_PAYMENT_METHOD_NONE;
    case RD_LIST_COURIERS:        return find_courier (id) != NULL;
    case RD_LIST_N_KINDS:
    default:                      g_return_val_if_reached (FALSE);
    }
}

static char *
builtin_name (RdListKind  kind,
              const char *id)
{
  switch (kind)
    {
    case RD_LIST_CHANNELS:        return rd_channel_display_name (id, NULL);
    case RD_LIST_REASONS:         return g_strdup (rd_refund_reason_get_name (id));
    case RD_LIST_PAYMENT_METHODS: return g_strdup (rd_payment_method_get_name (rd_payment_method_from_id (id)));
    case RD_LIST_COURIERS:        return rd_courier_display_name (id, NULL);
    case RD_LIST_N_KINDS:
    default:                      g_return_val_if_reached (g_strdup (id));
    }
}

static gboolean
tag_is_valid (RdListKind  kind,
              const char *tag)
{
  if (kind == RD_LIST_REASONS)
    return rd_fault_from_id (tag) != RD_FAULT_NONE;
  if (kind == RD_LIST_PAYMENT_METHODS)
    return rd_payment_method_from_id (tag) != RD_PAYMENT_METHOD_NONE;
  return TRUE;
}

static RdListItem *
item_new (RdListKind  kind,
          const char *id,
          const char *custom_name,
          const char *tag,
          guint       hours)
{
  RdListItem *item = g_new0 (RdListItem, 1);
  g_autofree char *trimmed = g_strstrip (g_strdup (custom_name != NULL ? custom_name : ""));

  item->id = g_strdup (id);
  item->custom_name = g_strdup (custom_name != NULL ? custom_name : "");
  item->tag = g_strdup (tag);
  item->hours = hours;
  item->builtin = is_builtin (kind, id);
  item->builtin_name = item->builtin ? builtin_name (kind, id) : NULL;
  if (*trimmed != '\0')
    item->name = g_steal_pointer (&trimmed);
  else if (item->builtin)
    item->name = g_strdup (item->builtin_name);
  else
    item->name = g_strdup (id);

  return item;
}

static void
save (GSettings  *settings,
      RdListKind  kind,
      GPtrArray  *items)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE (types[kind]));
  for (guint i = 0; i < items->len; i++)
    {
      RdListItem *item = g_ptr_array_index (items, i);

      switch (kind)
        {
        case RD_LIST_CHANNELS:
          g_variant_builder_add (&builder, "(ssu)", item->id, item->custom_name, item->hours);
          break;
        case RD_LIST_REASONS:
        case RD_LIST_PAYMENT_METHODS:
          g_variant_builder_add (&builder, "(sss)", item->id, item->custom_name,
                                 item->tag != NULL ? item->tag : "");
          break;
        case RD_LIST_COURIERS:
        case RD_LIST_N_KINDS:
        default:
          g_variant_builder_add (&builder, "(ss)", item->id, item->custom_name);
          break;
        }
    }

  g_settings_set_value (settings, keys[kind], g_variant_builder_end (&builder));
}

static int
find_index (GPtrArray  *items,
            const char *id)
{
  for (guint i = 0; i < items->len; i++)
    if (g_strcmp0 (((RdListItem *) g_ptr_array_index (items, i))->id, id) == 0)
      return i;

  return -1;
}

/* The items of kind and, in *index, the position of id in them; NULL and
 * RD_LISTS_ERROR_NOT_FOUND when the entry is gone. */
static GPtrArray *
get_with_index (GSettings   *settings,
                RdListKind   kind,
                const char  *id,
                int         *index,
                GError     **error)
{
  g_autoptr(GPtrArray) items = rd_lists_get (settings, kind);

  *index = find_index (items, id);
  if (*index < 0)
    {
      g_set_error_literal (error, RD_LISTS_ERROR, RD_LISTS_ERROR_NOT_FOUND,
                           _("The entry is no longer in the list."));
      return NULL;
    }
  return g_steal_pointer (&items);
}

static gboolean
set_tag_error (GError **error)
{
  g_set_error_literal (error, RD_LISTS_ERROR, RD_LISTS_ERROR_INVALID,
                       _("Choose what the entry counts as."));
  return FALSE;
}

/* The trimmed name, or NULL with an error when it cannot name an entry of
 * items other than the one at skip (-1: none). */
static char *
check_name (RdListKind   kind,
            GPtrArray   *items,
            const char  *name,
            int          skip,
            GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *folded = NULL;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error_literal (error, RD_LISTS_ERROR, RD_LISTS_ERROR_INVALID,
                           _("The name is not valid text."));
      return NULL;
    }

  trimmed = g_strstrip (g_strdup (name));
  if (*trimmed == '\0')
    {
      g_set_error_literal (error, RD_LISTS_ERROR, RD_LISTS_ERROR_EMPTY,
                           _("Enter a name."));
      return NULL;
    }
  if (g_utf8_strlen (trimmed, -1) > RD_LIST_NAME_MAX_CHARS)
    {
      g_set_error (error, RD_LISTS_ERROR, RD_LISTS_ERROR_TOO_LONG,
                   ngettext ("A name has at most %d character.",
                             "A name has at most %d characters.",
                             RD_LIST_NAME_MAX_CHARS),
                   RD_LIST_NAME_MAX_CHARS);
      return NULL;
    }
  for (const char *p = trimmed; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      {
        g_set_error_literal (error, RD_LISTS_ERROR, RD_LISTS_ERROR_INVALID,
                             _("A name cannot contain line breaks or tabs."));
        return NULL;
      }

  folded = g_utf8_casefold (trimmed, -1);
  for (guint i = 0; i < items->len; i++)
    {
      RdListItem *item = g_ptr_array_index (items, i);
      g_autofree char *other_name = NULL;
      g_autofree char *other_id = NULL;

      if ((int) i == skip)
        continue;
      other_name = g_utf8_casefold (item->name, -1);
      other_id = g_utf8_casefold (item->id, -1);
      if (g_str_equal (folded, other_name) || g_str_equal (folded, other_id))
        {
          g_set_error (error, RD_LISTS_ERROR, RD_LISTS_ERROR_DUPLICATE,
                       _("“%s” is already in the list."), trimmed);
          return NULL;
        }
    }

  /* A new entry's id is its text: it must not be a built-in id of this
   * list that the shop renamed. */
  if (skip < 0 && is_builtin (kind, trimmed))
    {
      g_set_error (error, RD_LISTS_ERROR, RD_LISTS_ERROR_DUPLICATE,
                   _("“%s” is already in the list."), trimmed);
      return NULL;
    }

  return g_steal_pointer (&trimmed);
}

void
rd_list_item_free (RdListItem *item)
{
  if (item == NULL)
    return;

  g_free (item->id);
  g_free (item->name);
  g_free (item->custom_name);
  g_free (item->builtin_name);
  g_free (item->tag);
  g_free (item);
}

const char *
rd_lists_get_key (RdListKind kind)
{
  g_return_val_if_fail (kind < RD_LIST_N_KINDS, NULL);

  return keys[kind];
}

GPtrArray *
rd_lists_get (GSettings  *settings,
              RdListKind  kind)
{
  g_autoptr(GVariant) value = NULL;
  GPtrArray *items;
  GVariantIter iter;
  const char *id;
  const char *custom;
  const char *tag;
  guint hours;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (kind < RD_LIST_N_KINDS, NULL);

  items = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_list_item_free);
  value = g_settings_get_value (settings, keys[kind]);
  g_variant_iter_init (&iter, value);

  switch (kind)
    {
    case RD_LIST_CHANNELS:
      while (g_variant_iter_next (&iter, "(&s&su)", &id, &custom, &hours))
        g_ptr_array_add (items, item_new (kind, id, custom, NULL, hours));
      break;
    case RD_LIST_REASONS:
    case RD_LIST_PAYMENT_METHODS:
      while (g_variant_iter_next (&iter, "(&s&s&s)", &id, &custom, &tag))
        {
          /* A built-in method counts as itself; a damaged tag falls back. */
          if (kind == RD_LIST_PAYMENT_METHODS && is_builtin (kind, id))
            tag = id;
          else if (!tag_is_valid (kind, tag))
            tag = kind == RD_LIST_REASONS ? "buyer" : "other";
          g_ptr_array_add (items, item_new (kind, id, custom, tag, 0));
        }
      break;
    case RD_LIST_COURIERS:
    case RD_LIST_N_KINDS:
    default:
      while (g_variant_iter_next (&iter, "(&s&s)", &id, &custom))
        g_ptr_array_add (items, item_new (kind, id, custom, NULL, 0));
      break;
    }

  return items;
}

const RdListItem *
rd_lists_find (GPtrArray  *items,
               const char *id)
{
  int index;

  g_return_val_if_fail (items != NULL, NULL);

  index = find_index (items, id);
  return index >= 0 ? g_ptr_array_index (items, index) : NULL;
}

RdFault
rd_lists_get_reason_fault (GSettings  *settings,
                           const char *reason_id)
{
  const RdRefundReason *builtin;

  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), RD_FAULT_NONE);

  if (reason_id == NULL || *reason_id == '\0')
    return RD_FAULT_NONE;

  if (settings != NULL)
    {
      g_autoptr(GPtrArray) reasons = rd_lists_get (settings, RD_LIST_REASONS);
      const RdListItem *item = rd_lists_find (reasons, reason_id);

      if (item != NULL)
        return rd_fault_from_id (item->tag);
    }

  builtin = rd_refund_reason_lookup (reason_id);
  return builtin != NULL ? builtin->fault : RD_FAULT_NONE;
}

gboolean
rd_lists_add (GSettings   *settings,
              RdListKind   kind,
              const char  *name,
              const char  *tag,
              GError     **error)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), FALSE);
  g_return_val_if_fail (kind < RD_LIST_N_KINDS, FALSE);

  items = rd_lists_get (settings, kind);
  trimmed = check_name (kind, items, name, -1, error);
  if (trimmed == NULL)
    return FALSE;

  if (kind == RD_LIST_REASONS && tag == NULL)
    tag = "buyer";
  else if (kind == RD_LIST_PAYMENT_METHODS && tag == NULL)
    tag = "other";
  else if (kind != RD_LIST_REASONS && kind != RD_LIST_PAYMENT_METHODS)
    tag = NULL;
  if (!tag_is_valid (kind, tag))
    return set_tag_error (error);

  g_ptr_array_add (items, item_new (kind, trimmed, "", tag, RD_POLICY_DEFAULT_AUTO_REFUND_HOURS));
  save (settings, kind, items);
  return TRUE;
}

gboolean
rd_lists_rename (GSettings   *settings,
                 RdListKind   kind,
                 const char  *id,
                 const char  *name,
                 GError     **error)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *trimmed = NULL;
  g_autofree char *standard = NULL;
  RdListItem *item;
  int index;

  g_return_val_if_fail (G_IS_SETTINGS (settings), FALSE);
  g_return_val_if_fail (kind < RD_LIST_N_KINDS, FALSE);

  items = get_with_index (settings, kind, id, &index, error);
  if (items == NULL)
    return FALSE;
  item = g_ptr_array_index (items, index);

  if (item->builtin)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (name != NULL ? name : ""));

      standard = builtin_name (kind, item->id);
      if (*stripped == '\0' || g_str_equal (stripped, standard))
        {
          g_free (item->custom_name);
          item->custom_name = g_strdup ("");
          save (settings, kind, items);
          return TRUE;
        }
    }

  trimmed = check_name (kind, items, name, index, error);
  if (trimmed == NULL)
    return FALSE;

  g_free (item->custom_name);
  item->custom_name = g_str_equal (trimmed, item->id) ? g_strdup ("") : g_steal_pointer (&trimmed);
  save (settings, kind, items);
  return TRUE;
}

gboolean
rd_lists_set_tag (GSettings   *settings,
                  RdListKind   kind,
                  const char  *id,
                  const char  *tag,
                  GError     **error)
{
  g_autoptr(GPtrArray) items = NULL;
  RdListItem *item;
  int index;

  g_return_val_if_fail (G_IS_SETTINGS (settings), FALSE);
  g_return_val_if_fail (kind == RD_LIST_REASONS || kind == RD_LIST_PAYMENT_METHODS, FALSE);

  items = get_with_index (settings, kind, id, &index, error);
  if (items == NULL)
    return FALSE;
  if (tag == NULL || !tag_is_valid (kind, tag))
    return set_tag_error (error);

  item = g_ptr_array_index (items, index);
  if (kind == RD_LIST_PAYMENT_METHODS && item->builtin)
    {
      if (!g_str_equal (tag, item->id))
        {
          g_set_error_literal (error, RD_LISTS_ERROR, RD_LISTS_ERROR_BUILTIN,
                               _("A built-in payment method always counts as itself."));
          return FALSE;
        }
      return TRUE;
    }
  if (g_strcmp0 (item->tag, tag) == 0)
    return TRUE;

  g_free (item->tag);
  item->tag = g_strdup (tag);
  save (settings, kind, items);
  return TRUE;
}

gboolean
rd_lists_remove (GSettings   *settings,
                 RdListKind   kind,
                 const char  *id,
                 GError     **error)
{
  g_autoptr(GPtrArray) items = NULL;
  int index;

  g_return_val_if_fail (G_IS_SETTINGS (settings), FALSE);
  g_return_val_if_fail (kind < RD_LIST_N_KINDS, FALSE);

  items = get_with_index (settings, kind, id, &index, error);
  if (items == NULL)
    return FALSE;
  if (((RdListItem *) g_ptr_array_index (items, index))->builtin)
    {
      g_set_error_literal (error, RD_LISTS_ERROR, RD_LISTS_ERROR_BUILTIN,
                           _("Built-in entries can be renamed but not removed."));
      return FALSE;
    }

  g_ptr_array_remove_index (items, index);
  save (settings, kind, items);
  return TRUE;
}

const char *const *
rd_courier_builtin_ids (void)
{
  return courier_ids;
}

gboolean
rd_courier_is_builtin (const char *id)
{
  return find_courier (id) != NULL;
}

char *
rd_courier_display_name (const char *id,
                         const char *custom_name)
{
  const Courier *courier;

  if (custom_name != NULL)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (custom_name));

      if (*trimmed != '\0')
        return g_steal_pointer (&trimmed);
    }

  courier = find_courier (id);
  if (courier != NULL)
    return g_strdup (g_dgettext (GETTEXT_PACKAGE, courier->name));

  return g_strdup (id != NULL ? id : "");
}
