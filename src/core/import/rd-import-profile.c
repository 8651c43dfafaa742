/* rd-import-profile.c
 *
 * The profiles: the built-in ones made once from the platforms' tables
 * (rd-import-tables.c), the user's generic ones, their JSON, and looking a
 * value up in a profile's tables.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "rd-channels.h"
#include "rd-json-check.h"
#include "rd-import-fields.h"
#include "rd-import-profile-private.h"

/* A saved profile is small: a name and a header per field. */
#define MAX_JSON_BYTES   (64 * 1024)
#define MAX_NAME_CHARS   100
#define MAX_HEADER_CHARS 200

struct _RdImportProfile
{
  char                   *id;
  char                   *name;       /* a generic profile's saved name; NULL for a built-in */
  char                   *channel;
  gboolean                generic;
  RdImportUnit            unit;
  char                  **headers[RD_IMPORT_FIELD_LAST];
  guint32                 required;   /* 1 << field */
  const RdImportPlatform *platform;   /* the tables */
};

G_DEFINE_QUARK (rd-import-profile-error-quark, rd_import_profile_error)

static const char *const empty_strv[] = { NULL };

static const RdImportPlatform *
platform_for_channel (const char *channel)
{
  const RdImportPlatform *const *platforms = _rd_import_platforms ();

  for (guint i = 0; platforms[i] != NULL; i++)
    if (g_strcmp0 (platforms[i]->id, channel) == 0)
      return platforms[i];
  return _rd_import_platform_generic ();
}

static RdImportProfile *
profile_from_platform (const RdImportPlatform *platform)
{
  RdImportProfile *profile = g_new0 (RdImportProfile, 1);

  profile->id = g_strdup (platform->id);
  profile->channel = g_strdup (platform == _rd_import_platform_generic () ? "other" : platform->id);
  profile->generic = platform == _rd_import_platform_generic ();
  profile->unit = platform->unit;
  profile->platform = platform;
  for (guint i = 0; i < platform->n_fields; i++)
    {
      const RdImportFieldSpec *spec = &platform->fields[i];

      profile->headers[spec->field] = g_strdupv ((char **) spec->headers);
      if (spec->required)
        profile->required |= 1u << spec->field;
    }
  return profile;
}

static gpointer
make_builtins (gpointer data)
{
  const RdImportPlatform *const *platforms = _rd_import_platforms ();
  GPtrArray *profiles = g_ptr_array_new ();

  for (guint i = 0; platforms[i] != NULL; i++)
    g_ptr_array_add (profiles, profile_from_platform (platforms[i]));
  g_ptr_array_add (profiles, NULL);
  return g_ptr_array_free (profiles, FALSE);
}

const RdImportProfile *const *
rd_import_profile_builtin (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, make_builtins, NULL);
  return once.retval;
}

static gpointer
make_generic (gpointer data)
{
  return profile_from_platform (_rd_import_platform_generic ());
}

const RdImportProfile *
rd_import_profile_lookup (const char *id)
{
  static GOnce once = G_ONCE_INIT;
  const RdImportProfile *const *builtins = rd_import_profile_builtin ();

  if (id == NULL)
    return NULL;
  if (g_str_equal (id, "pdd"))
    id = "pinduoduo";
  if (g_str_equal (id, "generic"))
    {
      g_once (&once, make_generic, NULL);
      return once.retval;
    }
  for (guint i = 0; builtins[i] != NULL; i++)
    if (g_str_equal (builtins[i]->id, id))
      return builtins[i];
  return NULL;
}

static gboolean
invalid (GError    **error,
         const char *message)
{
  g_set_error_literal (error, RD_IMPORT_PROFILE_ERROR, RD_IMPORT_PROFILE_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
check_text (const char *text,
            guint       max_chars)
{
  if (!g_utf8_validate (text, -1, NULL) || g_utf8_strlen (text, -1) > max_chars)
    return FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

RdImportProfile *
rd_import_profile_new_generic (const char        *name,
                               const char        *channel,
                               RdImportUnit       unit,
                               const char *const *header_names,
                               GError           **error)
{
  g_autoptr(RdImportProfile) profile = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (header_names != NULL, NULL);

  if (name == NULL || !check_text (name, MAX_NAME_CHARS) ||
      *(stripped = g_strstrip (g_strdup (name))) == '\0')
    {
      g_set_error (error, RD_IMPORT_PROFILE_ERROR, RD_IMPORT_PROFILE_ERROR_INVALID,
                   _("A column mapping needs a name of at most %d characters."), MAX_NAME_CHARS);
      return NULL;
    }
  if (channel == NULL || !rd_channel_is_builtin (channel))
    {
      invalid (error, _("A column mapping needs one of the sales channels."));
      return NULL;
    }
  if (unit != RD_IMPORT_UNIT_YUAN && unit != RD_IMPORT_UNIT_FEN)
    {
      invalid (error, _("Amounts are in yuan or in fen."));
      return NULL;
    }

  profile = g_new0 (RdImportProfile, 1);
  profile->id = g_strdup (stripped);
  profile->name = g_strdup (stripped);
  profile->channel = g_strdup (channel);
  profile->generic = TRUE;
  profile->unit = unit;
  profile->platform = platform_for_channel (channel);

  for (guint i = 0; i < RD_IMPORT_FIELD_LAST; i++)
    {
      g_autofree char *norm = NULL;

      if (header_names[i] == NULL)
        continue;
      norm = rd_import_normalise (header_names[i]);
      if (!check_text (header_names[i], MAX_HEADER_CHARS) || *norm == '\0')
        {
          g_set_error (error, RD_IMPORT_PROFILE_ERROR, RD_IMPORT_PROFILE_ERROR_INVALID,
                       _("The column for “%s” needs a header of at most %d characters."),
                       rd_import_field_get_name (i), MAX_HEADER_CHARS);
          return NULL;
        }
      if (g_hash_table_contains (seen, norm))
        {
          g_set_error (error, RD_IMPORT_PROFILE_ERROR, RD_IMPORT_PROFILE_ERROR_INVALID,
                       _("The column “%s” is chosen for two fields."), header_names[i]);
          return NULL;
        }
      profile->headers[i] = g_new0 (char *, 2);
      profile->headers[i][0] = g_strdup (header_names[i]);
      profile->required |= 1u << i;
      g_hash_table_add (seen, g_steal_pointer (&norm));
    }

#define HAS(f) (profile->headers[RD_IMPORT_FIELD_##f] != NULL)
  if (!HAS (AFTER_SALES_NO) && !(HAS (ORDER_NO) && HAS (REFUND_ID)))
    {
      invalid (error, _("Choose the column of the after-sales number, or those of the order number and the refund id: they tell the rows apart."));
      return NULL;
    }
  if (!HAS (KIND) && !HAS (NEEDS_RETURN))
    {
      invalid (error, _("Choose the column that says the after-sales kind (refund only, return and refund)."));
      return NULL;
    }
  if (!HAS (REFUND_AMOUNT) && !HAS (AMOUNT_PAID))
    {
      invalid (error, _("Choose the column of the refund amount."));
      return NULL;
    }
  if (!HAS (REQUESTED_AT))
    {
      invalid (error, _("Choose the column of the time the refund was requested."));
      return NULL;
    }
#undef HAS

  return g_steal_pointer (&profile);
}

RdImportProfile *
rd_import_profile_copy (const RdImportProfile *profile)
{
  RdImportProfile *copy;

  g_return_val_if_fail (profile != NULL, NULL);

  copy = g_memdup2 (profile, sizeof *profile);
  copy->id = g_strdup (profile->id);
  copy->name = g_strdup (profile->name);
  copy->channel = g_strdup (profile->channel);
  for (guint i = 0; i < RD_IMPORT_FIELD_LAST; i++)
    copy->headers[i] = g_strdupv (profile->headers[i]);
  return copy;
}

void
rd_import_profile_free (RdImportProfile *profile)
{
  if (profile == NULL)
    return;
  g_free (profile->id);
  g_free (profile->name);
  g_free (profile->channel);
  for (guint i = 0; i < RD_IMPORT_FIELD_LAST; i++)
    g_strfreev (profile->headers[i]);
  g_free (profile);
}

static const char *
unit_to_id (RdImportUnit unit)
{
  return unit == RD_IMPORT_UNIT_FEN ? "fen" : "yuan";
}

char *
rd_import_profile_to_json (const RdImportProfile *profile)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (profile != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, rd_import_profile_get_name (profile));
  json_builder_set_member_name (builder, "channel");
  json_builder_add_string_value (builder, profile->channel);
  json_builder_set_member_name (builder, "unit");
  json_builder_add_string_value (builder, unit_to_id (profile->unit));
  json_builder_set_member_name (builder, "columns");
  json_builder_begin_object (builder);
  for (guint i = 0; i < RD_IMPORT_FIELD_LAST; i++)
    if (profile->headers[i] != NULL && profile->headers[i][0] != NULL)
      {
        json_builder_set_member_name (builder, rd_import_field_to_id (i));
        json_builder_add_string_value (builder, profile->headers[i][0]);
      }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static const char *
string_member (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

RdImportProfile *
rd_import_profile_from_json (const char *json,
                             GError    **error)
{
  static const char *const members[] = { "version", "name", "channel", "unit", "columns", NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GList) names = NULL;
  g_autoptr(GError) local = NULL;
  const char *header_names[RD_IMPORT_FIELD_LAST] = { NULL };
  JsonObject *object;
  JsonObject *columns;
  JsonNode *node;
  const char *name, *channel, *unit;
  RdImportUnit unit_value;
  RdImportProfile *profile;

  if (json == NULL || strlen (json) > MAX_JSON_BYTES || !g_utf8_validate (json, -1, NULL))
    {
      invalid (error, _("The saved column mapping is too large or not text."));
      return NULL;
    }
  if (!rd_json_check (json, -1, &local) || !json_parser_load_from_data (parser, json, -1, &local))
    {
      g_set_error (error, RD_IMPORT_PROFILE_ERROR, RD_IMPORT_PROFILE_ERROR_INVALID,
                   _("The saved column mapping cannot be read: %s"), local->message);
      return NULL;
    }

  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      invalid (error, _("The saved column mapping is not a JSON object."));
      return NULL;
    }
  object = json_node_get_object (node);
  names = json_object_get_members (object);
  for (GList *l = names; l != NULL; l = l->next)
    if (!g_strv_contains (members, l->data))
      {
        g_set_error (error, RD_IMPORT_PROFILE_ERROR, RD_IMPORT_PROFILE_ERROR_INVALID,
                     _("The saved column mapping has an unknown entry “%s”."), (const char *) l->data);
        return NULL;
      }

  node = json_object_get_member (object, "version");
  if (node != NULL && (!JSON_NODE_HOLDS_VALUE (node) ||
                       json_node_get_value_type (node) != G_TYPE_INT64 ||
                       json_node_get_int (node) != 1))
    {
      invalid (error, _("The saved column mapping was made by a newer Refund Desk."));
      return NULL;
    }

  name = string_member (object, "name");
  channel = string_member (object, "channel");
  unit = string_member (object, "unit");
  if (name == NULL || channel == NULL || unit == NULL)
    {
      invalid (error, _("The saved column mapping lacks its name, channel or unit."));
      return NULL;
    }
  if (g_str_equal (unit, "yuan"))
    unit_value = RD_IMPORT_UNIT_YUAN;
  else if (g_str_equal (unit, "fen"))
    unit_value = RD_IMPORT_UNIT_FEN;
  else
    {
      g_set_error (error, RD_IMPORT_PROFILE_ERROR, RD_IMPORT_PROFILE_ERROR_INVALID,
                   _("The saved column mapping has an unknown unit “%s”."), unit);
      return NULL;
    }
  if (!rd_channel_is_builtin (channel))
    {
      g_set_error (error, RD_IMPORT_PROFILE_ERROR, RD_IMPORT_PROFILE_ERROR_INVALID,
                   _("The saved column mapping has an unknown channel “%s”."), channel);
      return NULL;
    }

  node = json_object_get_member (object, "columns");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      invalid (error, _("The saved column mapping lacks its columns."));
      return NULL;
    }
  columns = json_node_get_object (node);
  g_clear_pointer (&names, g_list_free);
  names = json_object_get_members (columns);
  for (GList *l = names; l != NULL; l = l->next)
    {
      RdImportField field = rd_import_field_from_id (l->data);
      const char *header = string_member (columns, l->data);

      if (field == RD_IMPORT_FIELD_LAST)
        {
          g_set_error (error, RD_IMPORT_PROFILE_ERROR, RD_IMPORT_PROFILE_ERROR_INVALID,
                       _("The saved column mapping has an unknown field “%s”."), (const char *) l->data);
          return NULL;
        }
      if (header == NULL)
        {
          g_set_error (error, RD_IMPORT_PROFILE_ERROR, RD_IMPORT_PROFILE_ERROR_INVALID,
                       _("The column of “%s” in the saved mapping is not a text."),
                       rd_import_field_get_name (field));
          return NULL;
        }
      header_names[field] = header;
    }

  profile = rd_import_profile_new_generic (name, channel, unit_value, header_names, error);
  return profile;
}

const char *
rd_import_profile_get_id (const RdImportProfile *profile)
{
  return profile->id;
}

const char *
rd_import_profile_get_name (const RdImportProfile *profile)
{
  if (profile->name != NULL)
    return profile->name;
  return _(profile->platform->name);
}

const char *
rd_import_profile_get_channel (const RdImportProfile *profile)
{
  return profile->channel;
}

gboolean
rd_import_profile_is_generic (const RdImportProfile *profile)
{
  return profile->generic;
}

RdImportUnit
rd_import_profile_get_unit (const RdImportProfile *profile)
{
  return profile->unit;
}

gboolean
rd_import_profile_field_required (const RdImportProfile *profile,
                                  RdImportField          field)
{
  if ((guint) field >= RD_IMPORT_FIELD_LAST)
    return FALSE;
  return (profile->required & (1u << field)) != 0;
}

const char *const *
rd_import_profile_get_headers (const RdImportProfile *profile,
                               RdImportField          field)
{
  if ((guint) field >= RD_IMPORT_FIELD_LAST)
    return NULL;
  return (const char *const *) profile->headers[field];
}

const char *const *
rd_import_profile_get_ignored_headers (const RdImportProfile *profile)
{
  /* A generic profile knows only the columns the user chose. */
  if (profile->generic)
    return empty_strv;
  return profile->platform->ignored;
}

gboolean
rd_import_profile_knows_header (const RdImportProfile *profile,
                                const char            *header)
{
  g_autofree char *norm = rd_import_normalise (header);
  const char *const *ignored = rd_import_profile_get_ignored_headers (profile);

  if (*norm == '\0')
    return FALSE;
  for (guint i = 0; i < RD_IMPORT_FIELD_LAST; i++)
    for (guint j = 0; profile->headers[i] != NULL && profile->headers[i][j] != NULL; j++)
      {
        g_autofree char *known = rd_import_normalise (profile->headers[i][j]);

        if (g_str_equal (norm, known))
          return TRUE;
      }
  for (guint j = 0; ignored[j] != NULL; j++)
    {
      g_autofree char *known = rd_import_normalise (ignored[j]);

      if (g_str_equal (norm, known))
        return TRUE;
    }
  return FALSE;
}

const RdImportStatusEntry *
rd_import_profile_get_statuses (const RdImportProfile *profile,
                                guint                 *n_entries)
{
  *n_entries = profile->platform->n_statuses;
  return profile->platform->statuses;
}

const RdImportKindEntry *
rd_import_profile_get_kinds (const RdImportProfile *profile,
                             guint                 *n_entries)
{
  *n_entries = profile->platform->n_kinds;
  return profile->platform->kinds;
}

const RdImportReasonEntry *
rd_import_profile_get_reasons (const RdImportProfile *profile,
                               guint                 *n_entries)
{
  return _rd_import_reasons (n_entries);
}

RdPaymentMethod
rd_import_profile_get_payment_method (const RdImportProfile *profile)
{
  return profile->platform->payment_method;
}

/* The tables by normalised text, made once: a row's lookup costs one
 * normalisation and a hash. */
typedef struct
{
  const RdImportPlatform *platform;
  GHashTable             *statuses;   /* char* → RdImportStatusEntry* */
  GHashTable             *kinds;      /* char* → RdImportKindEntry* */
  GPtrArray              *glosses;    /* normalised Chinese status glosses, longest first */
  GPtrArray              *gloss_entries;
} PlatformIndex;

static GHashTable *reason_index;       /* char* → reason id */

static void
index_platform (PlatformIndex          *index,
                const RdImportPlatform *platform)
{
  g_autoptr(GPtrArray) order = g_ptr_array_new ();

  index->platform = platform;
  index->statuses = g_hash_table_new (g_str_hash, g_str_equal);
  index->kinds = g_hash_table_new (g_str_hash, g_str_equal);
  index->glosses = g_ptr_array_new ();
  index->gloss_entries = g_ptr_array_new ();
  for (guint i = 0; i < platform->n_statuses; i++)
    {
      char *norm = rd_import_normalise (platform->statuses[i].text);

      g_hash_table_insert (index->statuses, norm, (gpointer) &platform->statuses[i]);
      if ((guchar) norm[0] >= 0x80)
        g_ptr_array_add (order, (gpointer) &platform->statuses[i]);
    }
  /* Longest first, so that the first gloss found inside a text is the best. */
  for (gsize len = 256; len > 0; len--)
    for (guint i = 0; i < order->len; i++)
      {
        const RdImportStatusEntry *entry = order->pdata[i];
        g_autofree char *norm = rd_import_normalise (entry->text);

        if (strlen (norm) == len)
          {
            g_ptr_array_add (index->glosses, g_steal_pointer (&norm));
            g_ptr_array_add (index->gloss_entries, (gpointer) entry);
          }
      }
  for (guint i = 0; i < platform->n_kinds; i++)
    g_hash_table_insert (index->kinds, rd_import_normalise (platform->kinds[i].text),
                         (gpointer) &platform->kinds[i]);
}

static gpointer
make_indexes (gpointer data)
{
  const RdImportPlatform *const *platforms = _rd_import_platforms ();
  GArray *indexes = g_array_new (FALSE, TRUE, sizeof (PlatformIndex));
  const RdImportReasonEntry *reasons;
  guint n;

  for (guint i = 0; platforms[i] != NULL; i++)
    {
      g_array_set_size (indexes, indexes->len + 1);
      index_platform (&g_array_index (indexes, PlatformIndex, indexes->len - 1), platforms[i]);
    }
  g_array_set_size (indexes, indexes->len + 1);
  index_platform (&g_array_index (indexes, PlatformIndex, indexes->len - 1),
                  _rd_import_platform_generic ());

  reason_index = g_hash_table_new (g_str_hash, g_str_equal);
  reasons = _rd_import_reasons (&n);
  for (guint i = 0; i < n; i++)
    g_hash_table_insert (reason_index, rd_import_normalise (reasons[i].text),
                         (gpointer) reasons[i].reason_id);
  return indexes;
}

static const PlatformIndex *
index_for (const RdImportPlatform *platform)
{
  static GOnce once = G_ONCE_INIT;
  GArray *indexes;

  g_once (&once, make_indexes, NULL);
  indexes = once.retval;
  for (guint i = 0; i < indexes->len; i++)
    if (g_array_index (indexes, PlatformIndex, i).platform == platform)
      return &g_array_index (indexes, PlatformIndex, i);
  g_assert_not_reached ();
}

const RdImportStatusEntry *
rd_import_profile_find_status (const RdImportProfile *profile,
                               const char            *text)
{
  g_autofree char *norm = rd_import_normalise (text);
  const PlatformIndex *index = index_for (profile->platform);
  const RdImportStatusEntry *entry;

  if (*norm == '\0')
    return NULL;
  entry = g_hash_table_lookup (index->statuses, norm);
  if (entry != NULL)
    return entry;

  /* A gloss inside a longer text ("退款成功(已到账)"): Chinese glosses only,
   * never an id ("12" is not in "2"). */
  for (guint i = 0; i < index->glosses->len; i++)
    if (strstr (norm, index->glosses->pdata[i]) != NULL)
      return index->gloss_entries->pdata[i];
  return NULL;
}

const RdImportKindEntry *
rd_import_profile_find_kind (const RdImportProfile *profile,
                             const char            *text)
{
  g_autofree char *norm = rd_import_normalise (text);

  return g_hash_table_lookup (index_for (profile->platform)->kinds, norm);
}

const char *
rd_import_profile_find_reason (const RdImportProfile *profile,
                               const char            *text)
{
  g_autofree char *norm = rd_import_normalise (text);

  index_for (profile->platform);
  return g_hash_table_lookup (reason_index, norm);
}
