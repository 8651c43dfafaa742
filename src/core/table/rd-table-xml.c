/* rd-table-xml.c
 *
 * XML inside the zip: libxml2's pull reader for the small parts (the
 * workbook, relationships, styles), its SAX2 parser
 * for the large ones (a sheet, the shared strings), pulling the part as it
 * goes: faster, and nothing is built per node. Neither loads a DTD, touches the
 * network or prints a complaint: a damaged part is an error in words.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-table-private.h"

/* The XML reader */

static int
read_input (void *context,
            char *buffer,
            int   len)
{
  GsfInput *input = context;
  gsf_off_t left = gsf_input_remaining (input);
  size_t n = MIN ((gsf_off_t) len, left);

  if (n == 0)
    return 0;
  if (gsf_input_read (input, n, (guint8 *) buffer) == NULL)
    return -1;
  return (int) n;
}

static int
close_input (void *context)
{
  return 0;
}

static void
on_xml_error (void        *user_data,
              xmlErrorPtr  err)
{
  RdTableXml *xml = user_data;

  if (xml->message == NULL && err != NULL)
    xml->message = g_strstrip (g_strdup (err->message != NULL ? err->message : "?"));
}

gboolean
_rd_table_xml_open (RdTableXml *xml,
                    GsfInput   *input)
{
  memset (xml, 0, sizeof *xml);
  xml->input = g_object_ref (input);
  /* No network, no DTD, no entities from outside: only the part itself. */
  xml->reader = xmlReaderForIO (read_input, close_input, input, NULL, NULL,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (xml->reader == NULL)
    return FALSE;
  xmlTextReaderSetStructuredErrorHandler (xml->reader, on_xml_error, xml);
  return TRUE;
}

void
_rd_table_xml_close (RdTableXml *xml)
{
  g_clear_pointer (&xml->reader, xmlFreeTextReader);
  g_clear_object (&xml->input);
  g_clear_pointer (&xml->message, g_free);
}

gboolean
_rd_table_xml_is_element (xmlTextReaderPtr  reader,
            const char       *name)
{
  return xmlTextReaderNodeType (reader) == XML_READER_TYPE_ELEMENT &&
         strcmp ((const char *) xmlTextReaderConstLocalName (reader), name) == 0;
}

gboolean
_rd_table_xml_is_end (xmlTextReaderPtr  reader,
        const char       *name)
{
  return xmlTextReaderNodeType (reader) == XML_READER_TYPE_END_ELEMENT &&
         strcmp ((const char *) xmlTextReaderConstLocalName (reader), name) == 0;
}

gboolean
_rd_table_xml_is_text (xmlTextReaderPtr reader)
{
  switch (xmlTextReaderNodeType (reader))
    {
    case XML_READER_TYPE_TEXT:
    case XML_READER_TYPE_CDATA:
    case XML_READER_TYPE_WHITESPACE:
    case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
      return TRUE;
    default:
      return FALSE;
    }
}

/* The attribute's value by its local name, or NULL; valid until the reader
 * moves. */
const char *
_rd_table_xml_get_attribute (xmlTextReaderPtr  reader,
               const char       *name)
{
  const char *value = NULL;

  if (xmlTextReaderMoveToFirstAttribute (reader) != 1)
    return NULL;
  do
    {
      if (strcmp ((const char *) xmlTextReaderConstLocalName (reader), name) == 0)
        {
          value = (const char *) xmlTextReaderConstValue (reader);
          break;
        }
    }
  while (xmlTextReaderMoveToNextAttribute (reader) == 1);
  xmlTextReaderMoveToElement (reader);
  return value;
}

void
_rd_table_xlsx_unescape (GString *text)
{
  gsize r = 0, w = 0;

  if (strstr (text->str, "_x") == NULL)
    return;
  while (r < text->len)
    {
      const char *p = text->str + r;

      if (p[0] == '_' && r + 7 <= text->len && p[1] == 'x' && g_ascii_isxdigit (p[2]) &&
          g_ascii_isxdigit (p[3]) && g_ascii_isxdigit (p[4]) && g_ascii_isxdigit (p[5]) &&
          p[6] == '_')
        {
          gunichar c = (g_ascii_xdigit_value (p[2]) << 12) | (g_ascii_xdigit_value (p[3]) << 8) |
                       (g_ascii_xdigit_value (p[4]) << 4) | g_ascii_xdigit_value (p[5]);
          char utf8[6];
          int n;

          /* No NUL in a cell, and no half of a surrogate pair: dropped. */
          if (c != 0 && !(c >= 0xD800 && c <= 0xDFFF))
            {
              n = g_unichar_to_utf8 (c, utf8);
              /* Never longer than the 7 bytes it replaces. */
              memcpy (text->str + w, utf8, n);
              w += n;
            }
          r += 7;
          continue;
        }
      text->str[w++] = text->str[r++];
    }
  g_string_truncate (text, w);
}

void
_rd_table_xlsx_set_corrupt (RdTable     *table,
                            const char  *part,
                            const char  *detail,
                            GError     **error)
{
  g_set_error (error, RD_TABLE_ERROR, RD_TABLE_ERROR_CORRUPT,
               _("“%s” is damaged (%s: %s). Open it in Excel or LibreOffice and save it again, "
                 "or export it from the platform again."),
               table->display_name, part, detail != NULL ? detail : _("unreadable"));
}

gboolean
_rd_table_xml_parse_part (RdTable     *table,
            GsfInput    *input,
            const char  *part,
            RdTableNodeFunc func,
            gpointer     data,
            GError     **error)
{
  RdTableXml xml;
  int r;

  if (!_rd_table_xml_open (&xml, input))
    {
      _rd_table_xlsx_set_corrupt (table, part, NULL, error);
      return FALSE;
    }
  while ((r = xmlTextReaderRead (xml.reader)) == 1)
    {
      if (!func (xml.reader, table, data, error))
        {
          _rd_table_xml_close (&xml);
          return FALSE;
        }
    }
  if (r < 0)
    {
      _rd_table_xlsx_set_corrupt (table, part, xml.message, error);
      _rd_table_xml_close (&xml);
      return FALSE;
    }
  _rd_table_xml_close (&xml);
  return TRUE;
}

/* SAX */

static void
ignore_error (void        *user_data,
              xmlErrorPtr  err)
{
  /* Kept by the parser (xmlCtxtGetLastError); not printed. */
}

void
_rd_table_sax_stop (RdTableSax *sax,
                    GError     *error)
{
  if (error != NULL && sax->error == NULL)
    sax->error = error;
  else if (error != NULL)
    g_error_free (error);
  else
    sax->stopped = TRUE;
  xmlStopParser (sax->ctxt);
}

typedef struct
{
  GsfInput  *input;
  gboolean   failed;   /* the zip's data broke off or did not inflate */
} Source;

static int
read_source (void *context,
             char *buffer,
             int   len)
{
  Source *source = context;
  gsf_off_t left = gsf_input_remaining (source->input);
  size_t n = MIN ((gsf_off_t) len, left);

  if (n == 0)
    return 0;
  if (gsf_input_read (source->input, n, (guint8 *) buffer) == NULL)
    {
      source->failed = TRUE;
      return -1;
    }
  return (int) n;
}

gboolean
_rd_table_sax_parse (RdTableSax     *sax,
                     GsfInput       *input,
                     xmlSAXHandler  *handler,
                     char          **message)
{
  Source source = { input, FALSE };
  gboolean ok = TRUE;
  int rc;

  handler->initialized = XML_SAX2_MAGIC;
  handler->serror = ignore_error;
  /* The parser pulls the part through read_source as it goes. */
  sax->ctxt = xmlCreateIOParserCtxt (handler, sax, read_source, close_input, &source,
                                     XML_CHAR_ENCODING_NONE);
  if (sax->ctxt == NULL)
    {
      *message = g_strdup (source.failed ? _("the data is cut off") : _("no XML"));
      return FALSE;
    }
  xmlCtxtUseOptions (sax->ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  rc = xmlParseDocument (sax->ctxt);
  if (sax->error != NULL || sax->stopped)
    ok = FALSE;
  else if (source.failed)
    {
      *message = g_strdup (_("the data is cut off"));
      ok = FALSE;
    }
  else if (rc != 0 || !sax->ctxt->wellFormed)
    {
      xmlErrorPtr err = xmlCtxtGetLastError (sax->ctxt);

      *message = g_strstrip (g_strdup (err != NULL && err->message != NULL ? err->message
                                                                             : "?"));
      ok = FALSE;
    }

  xmlFreeParserCtxt (sax->ctxt);
  sax->ctxt = NULL;
  return ok;
}
