/* rd-json-check.c
 *
 * One pass over a JSON text, the way json-glib's scanner reads it: strings
 * in "double quotes" (with \ escapes) or 'single quotes' (without), C and
 * C++ comments, and the brackets between them. A stack of the open arrays
 * and objects (never more than RD_JSON_MAX_DEPTH + 1) gives the depth, the
 * keys seen in each object and the path to name in a refusal.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-json-check.h"

G_DEFINE_QUARK (rd-json-error-quark, rd_json_error)

typedef struct
{
  gboolean    is_object;
  gboolean    expect_key;   /* objects: the next string is a key */
  guint       index;        /* arrays: the element being read */
  char       *key;          /* objects: the member being read */
  GHashTable *keys;         /* objects: every key seen */
} Frame;

typedef struct
{
  const char *data;
  gsize       length;
  gsize       pos;
  Frame       frames[RD_JSON_MAX_DEPTH + 1];
  guint       depth;
} Scanner;

static void
clear_frame (Frame *frame)
{
  g_clear_pointer (&frame->key, g_free);
  g_clear_pointer (&frame->keys, g_hash_table_unref);
}

/* "refund.lines[2].price": the place of the value being read; with_key
 * FALSE leaves out the innermost object's current key. */
static char *
build_path (Scanner  *scanner,
            gboolean  with_key)
{
  GString *path = g_string_new ("");

  for (guint i = 0; i < scanner->depth; i++)
    {
      Frame *frame = &scanner->frames[i];
      gboolean last = i + 1 == scanner->depth;

      if (frame->is_object)
        {
          if (frame->key == NULL || (last && !with_key))
            continue;
          if (path->len > 0)
            g_string_append_c (path, '.');
          g_string_append (path, frame->key);
        }
      else
        g_string_append_printf (path, "[%u]", frame->index);
    }

  return g_string_free (path, FALSE);
}

static guint
hex_value (const char *p)
{
  guint value = 0;

  for (guint i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return G_MAXUINT;
      value = value * 16 + (guint) digit;
    }
  return value;
}

/* Reads the string that starts at scanner->pos (its opening quote) up to
 * its closing quote; returns it decoded (escapes resolved: the form
 * json-glib compares keys in) and sets *has_nul when it holds a NUL. */
static char *
read_string (Scanner  *scanner,
             gboolean *has_nul)
{
  const char *data = scanner->data;
  char quote = data[scanner->pos++];
  GString *text = g_string_new ("");

  *has_nul = FALSE;
  while (scanner->pos < scanner->length && data[scanner->pos] != quote)
    {
      char c = data[scanner->pos++];

      if (c == '\0')
        *has_nul = TRUE;
      else if (c != '\\' || quote != '"' || scanner->pos >= scanner->length)
        g_string_append_c (text, c);
      else if (data[scanner->pos] == 'u' && scanner->pos + 5 <= scanner->length)
        {
          guint unit = hex_value (data + scanner->pos + 1);

          scanner->pos += 5;
          if (unit == G_MAXUINT)
            continue;   /* the parser says what is wrong */
          if (unit >= 0xd800 && unit < 0xdc00 && scanner->pos + 6 <= scanner->length &&
              data[scanner->pos] == '\\' && data[scanner->pos + 1] == 'u')
            {
              guint low = hex_value (data + scanner->pos + 2);

              if (low >= 0xdc00 && low < 0xe000)
                {
                  unit = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
                  scanner->pos += 6;
                }
            }
          if (unit == 0)
            *has_nul = TRUE;
          else
            g_string_append_unichar (text, unit);
        }
      else
        {
          switch (data[scanner->pos])
            {
            case 'n': g_string_append_c (text, '\n'); break;
            case 't': g_string_append_c (text, '\t'); break;
            case 'r': g_string_append_c (text, '\r'); break;
            case 'b': g_string_append_c (text, '\b'); break;
            case 'f': g_string_append_c (text, '\f'); break;
            default:  g_string_append_c (text, data[scanner->pos]); break;
            }
          scanner->pos++;
        }
    }
  scanner->pos++;   /* the closing quote */

  return g_string_free (text, FALSE);
}

static gboolean
read_string_token (Scanner  *scanner,
                   GError  **error)
{
  Frame *top = scanner->depth > 0 ? &scanner->frames[scanner->depth - 1] : NULL;
  gboolean has_nul;
  g_autofree char *text = read_string (scanner, &has_nul);

  if (top != NULL && top->is_object && top->expect_key)
    {
      top->expect_key = FALSE;
      g_free (top->key);
      top->key = g_steal_pointer (&text);

      if (has_nul || g_hash_table_contains (top->keys, top->key))
        {
          g_autofree char *path = build_path (scanner, TRUE);

          if (has_nul)
            g_set_error (error, RD_JSON_ERROR, RD_JSON_ERROR_NUL,
                         _("the key “%s” contains a NUL character"), path);
          else
            g_set_error (error, RD_JSON_ERROR, RD_JSON_ERROR_DUPLICATE_KEY,
                         _("the key “%s” appears more than once"), path);
          return FALSE;
        }
      g_hash_table_add (top->keys, g_strdup (top->key));
      return TRUE;
    }

  if (has_nul)
    {
      g_autofree char *path = build_path (scanner, TRUE);

      if (*path == '\0')
        g_set_error_literal (error, RD_JSON_ERROR, RD_JSON_ERROR_NUL,
                             _("the text contains a NUL character"));
      else
        g_set_error (error, RD_JSON_ERROR, RD_JSON_ERROR_NUL,
                     _("the text of “%s” contains a NUL character"), path);
      return FALSE;
    }
  return TRUE;
}

static void
skip_comment (Scanner *scanner)
{
  const char *data = scanner->data;

  if (data[scanner->pos + 1] == '*')
    {
      const char *end;

      scanner->pos += 2;
      end = g_strstr_len (data + scanner->pos, scanner->length - scanner->pos, "*/");
      scanner->pos = end != NULL ? (gsize) (end - data) + 2 : scanner->length;
    }
  else
    {
      while (scanner->pos < scanner->length && data[scanner->pos] != '\n')
        scanner->pos++;
    }
}

static gboolean
scan (Scanner  *scanner,
      GError  **error)
{
  const char *data = scanner->data;

  while (scanner->pos < scanner->length)
    {
      char c = data[scanner->pos];
      Frame *top = scanner->depth > 0 ? &scanner->frames[scanner->depth - 1] : NULL;

      switch (c)
        {
        case '"':
        case '\'':
          if (!read_string_token (scanner, error))
            return FALSE;
          continue;

        case '/':
          if (scanner->pos + 1 < scanner->length &&
              (data[scanner->pos + 1] == '*' || data[scanner->pos + 1] == '/'))
            {
              skip_comment (scanner);
              continue;
            }
          break;

        case '{':
        case '[':
          if (scanner->depth == RD_JSON_MAX_DEPTH)
            {
              g_set_error (error, RD_JSON_ERROR, RD_JSON_ERROR_TOO_DEEP,
                           _("nested more than %d levels deep"), RD_JSON_MAX_DEPTH);
              return FALSE;
            }
          top = &scanner->frames[scanner->depth++];
          top->is_object = c == '{';
          top->expect_key = top->is_object;
          top->index = 0;
          if (top->is_object)
            top->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          break;

        case '}':
        case ']':
          if (top != NULL)
            {
              clear_frame (top);
              scanner->depth--;
            }
          break;

        case ',':
          if (top != NULL && top->is_object)
            top->expect_key = TRUE;
          else if (top != NULL)
            top->index++;
          break;

        case '\0':
          {
            g_autofree char *path = build_path (scanner, TRUE);

            if (*path == '\0')
              g_set_error_literal (error, RD_JSON_ERROR, RD_JSON_ERROR_NUL,
                                   _("the text contains a NUL character"));
            else
              g_set_error (error, RD_JSON_ERROR, RD_JSON_ERROR_NUL,
                           _("the text of “%s” contains a NUL character"), path);
            return FALSE;
          }

        default:
          break;
        }
      scanner->pos++;
    }

  return TRUE;
}

gboolean
rd_json_check (const char  *data,
               gssize       length,
               GError     **error)
{
  Scanner scanner = { 0 };
  gboolean ok;

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  scanner.data = data;
  scanner.length = length < 0 ? strlen (data) : (gsize) length;

  ok = scan (&scanner, error);
  for (guint i = 0; i < scanner.depth; i++)
    clear_frame (&scanner.frames[i]);
  return ok;
}
