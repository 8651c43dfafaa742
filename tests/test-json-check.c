/* test-json-check.c — what every JSON reader refuses before parsing: nesting
 * deeper than 64, a NUL in a string, a key twice in one object; each
 * refusal names the place. */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "rd-json-check.h"

typedef struct
{
  const char *text;      /* ' for " */
  gssize      length;    /* -1: up to the NUL */
  int         code;      /* -1: accepted */
  const char *message;
} Case;

static const Case cases[] = {
  { "{'a':1,'b':[1,2,{'c':'x'}]}", -1, -1, NULL },
  { "{'a':'[[[[{{{{'}", -1, -1, NULL },
  { "/* {{{{ */ {'a':1} // ]]]]", -1, -1, NULL },
  { "{'a':{'b':1},'c':{'b':2}}", -1, -1, NULL },               /* the same key in two objects */
  { "[{'a':1},{'a':2}]", -1, -1, NULL },
  { "{'a':'\\u00e9','\\u00e9':1}", -1, -1, NULL },
  { "not json at all", -1, -1, NULL },                          /* left to the parser */
  { "{'a':1,'a':2}", -1, RD_JSON_ERROR_DUPLICATE_KEY, "the key “a” appears more than once" },
  { "{'a':1,'\\u0061':2}", -1, RD_JSON_ERROR_DUPLICATE_KEY, "the key “a” appears more than once" },
  { "{'x':[0,{'y':{'p':1,'q':2,'p':3}}]}", -1, RD_JSON_ERROR_DUPLICATE_KEY, "the key “x[1].y.p” appears more than once" },
  { "{'price':'33.33\\u00001'}", -1, RD_JSON_ERROR_NUL, "the text of “price” contains a NUL character" },
  { "{'lines':[{'n':'a'},{'n':'\\u0000'}]}", -1, RD_JSON_ERROR_NUL, "the text of “lines[1].n” contains a NUL character" },
  { "{'a\\u0000b':1}", -1, RD_JSON_ERROR_NUL, "the key “ab” contains a NUL character" },
  { "'\\u0000'", -1, RD_JSON_ERROR_NUL, "the text contains a NUL character" },
  { "{'a':'x\0y'}", 11, RD_JSON_ERROR_NUL, "the text of “a” contains a NUL character" },
};

static char *
quote (const char *text,
       gssize      length)
{
  gsize n = length < 0 ? strlen (text) : (gsize) length;
  char *json = g_memdup2 (text, n + 1);

  for (gsize i = 0; i < n; i++)
    if (json[i] == '\'')
      json[i] = '"';
  return json;
}

static void
test_cases (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = quote (cases[i].text, cases[i].length);
      g_autoptr(GError) error = NULL;
      gboolean ok = rd_json_check (json, cases[i].length, &error);

      if (cases[i].code < 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          continue;
        }
      g_assert_false (ok);
      g_assert_error (error, RD_JSON_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static char *
nested (const char *open,
        const char *close,
        guint       depth)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (text, open);
  for (guint i = 0; close != NULL && i < depth; i++)
    g_string_append (text, close);
  return g_string_free (text, FALSE);
}

/* 64 levels are read; 65, or 100000, are refused at once. */
static void
test_depth (void)
{
  static const struct { const char *open, *close; guint depth; gboolean ok; } depths[] = {
    { "[", "]", 64, TRUE },
    { "{\"a\":", "}", 64, TRUE },
    { "[", "]", 65, FALSE },
    { "{\"a\":", "}", 65, FALSE },
    { "[", NULL, 100000, FALSE },
    { "[", "]", 100000, FALSE },
    { "{\"a\":[", NULL, 100000, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (depths); i++)
    {
      g_autofree char *text = nested (depths[i].open, depths[i].close, depths[i].depth);
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (rd_json_check (text, -1, &error), ==, depths[i].ok);
      if (depths[i].ok)
        g_assert_no_error (error);
      else
        {
          g_assert_error (error, RD_JSON_ERROR, RD_JSON_ERROR_TOO_DEEP);
          g_assert_cmpstr (error->message, ==, "nested more than 64 levels deep");
        }
    }
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rd/json-check/cases", test_cases);
  g_test_add_func ("/rd/json-check/depth", test_depth);

  return g_test_run ();
}
