/* rd-table-strings.c
 *
 * An XLSX's shared strings (xl/sharedStrings.xml), held for the whole read
 * since every sheet refers to them by number: one buffer of NUL-terminated
 * strings and their starts. A rich text's runs are joined; a phonetic
 * reading (<rPh>) is left out.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-table-private.h"

/* More shared text than any export holds: a bomb, not a list. */
#define MAX_SHARED_BYTES ((gsize) 1024 * 1024 * 1024)

typedef struct
{
  RdTableSax   sax;
  RdTable     *table;
  GString     *text;
  gboolean     in_si;
  gboolean     in_t;
  guint        phonetic_depth;   /* inside <rPh>: a reading aid, not the text */
} Strings;

static void
on_start (void           *user_data,
          const xmlChar  *name,
          const xmlChar  *prefix,
          const xmlChar  *uri,
          int             n_namespaces,
          const xmlChar **namespaces,
          int             n_attributes,
          int             n_defaulted,
          const xmlChar **attributes)
{
  Strings *strings = user_data;
  const char *local = (const char *) name;

  if (strcmp (local, "si") == 0)
    {
      g_string_truncate (strings->text, 0);
      strings->in_si = TRUE;
      strings->in_t = FALSE;
      strings->phonetic_depth = 0;
    }
  else if (strings->in_si && strcmp (local, "rPh") == 0)
    strings->phonetic_depth++;
  else if (strings->in_si && strcmp (local, "t") == 0)
    strings->in_t = TRUE;
}

static void
on_end (void          *user_data,
        const xmlChar *name,
        const xmlChar *prefix,
        const xmlChar *uri)
{
  Strings *strings = user_data;
  RdTableXlsx *xlsx = strings->table->xlsx;
  const char *local = (const char *) name;
  guint32 start;

  if (strcmp (local, "t") == 0)
    {
      strings->in_t = FALSE;
      return;
    }
  if (strcmp (local, "rPh") == 0)
    {
      if (strings->phonetic_depth > 0)
        strings->phonetic_depth--;
      return;
    }
  if (strcmp (local, "si") != 0 || !strings->in_si)
    return;

  strings->in_si = FALSE;
  _rd_table_xlsx_unescape (strings->text);
  if (xlsx->strings->len + strings->text->len + 1 > MAX_SHARED_BYTES)
    {
      _rd_table_sax_stop (&strings->sax,
                          g_error_new (RD_TABLE_ERROR, RD_TABLE_ERROR_TOO_LARGE,
                                       _("“%s” holds more than 1 GiB of text; this is not a "
                                         "list a platform exports."),
                                       strings->table->display_name));
      return;
    }
  start = xlsx->strings->len;
  g_array_append_val (xlsx->string_starts, start);
  g_byte_array_append (xlsx->strings, (const guint8 *) strings->text->str,
                       strings->text->len + 1);
}

static void
on_characters (void          *user_data,
               const xmlChar *text,
               int            len)
{
  Strings *strings = user_data;

  if (!strings->in_t || strings->phonetic_depth > 0)
    return;
  g_string_append_len (strings->text, (const char *) text, len);
  if (strings->text->len > RD_TABLE_MAX_CELL_BYTES)
    _rd_table_sax_stop (&strings->sax,
                        g_error_new (RD_TABLE_ERROR, RD_TABLE_ERROR_TOO_LARGE,
                                     _("“%s” holds a text longer than 1 MiB; this is not a list "
                                       "a platform exports."), strings->table->display_name));
}

gboolean
_rd_table_xlsx_read_strings (RdTable     *table,
                             GsfInput    *input,
                             const char  *part,
                             GError     **error)
{
  xmlSAXHandler handler = { 0 };
  Strings strings = { { 0 } };
  g_autofree char *message = NULL;
  gboolean ok;

  handler.startElementNs = on_start;
  handler.endElementNs = on_end;
  handler.characters = on_characters;
  handler.cdataBlock = on_characters;
  strings.table = table;
  strings.text = g_string_sized_new (256);

  ok = _rd_table_sax_parse (&strings.sax, input, &handler, &message);
  g_string_free (strings.text, TRUE);
  if (strings.sax.error != NULL)
    {
      g_propagate_error (error, strings.sax.error);
      return FALSE;
    }
  if (!ok)
    {
      _rd_table_xlsx_set_corrupt (table, part, message, error);
      return FALSE;
    }
  return TRUE;
}
