/* rd-table-xlsx.c
 *
 * Opening an XLSX: the zip (libgsf), the workbook part its relationships
 * name, the sheets in the workbook's order, and the styles (which cell
 * formats are dates). The shared strings are read by rd-table-strings.c, the
 * sheets' rows by rd-table-sheet.c.
 */
#include "config.h"

#include <stdlib.h>

#include <glib/gi18n.h>

#include <gsf/gsf-infile-impl.h>

#include "rd-table-private.h"

/* The workbook: sheets in order, the date system */

static gboolean
on_workbook_node (xmlTextReaderPtr   reader,
                  RdTable           *table,
                  gpointer           data,
                  GError           **error)
{
  RdTableXlsx *xlsx = table->xlsx;

  if (_rd_table_xml_is_element (reader, "sheet"))
    {
      const char *name = _rd_table_xml_get_attribute (reader, "name");
      g_autofree char *name_copy = g_strdup (name != NULL ? name : "");
      const char *id = _rd_table_xml_get_attribute (reader, "id");

      if (id == NULL)
        return TRUE;
      g_ptr_array_add (xlsx->sheet_names, g_steal_pointer (&name_copy));
      g_ptr_array_add (xlsx->sheet_rel_ids, g_strdup (id));
    }
  else if (_rd_table_xml_is_element (reader, "workbookPr"))
    {
      const char *date1904 = _rd_table_xml_get_attribute (reader, "date1904");

      xlsx->date_1904 = (g_strcmp0 (date1904, "1") == 0 || g_strcmp0 (date1904, "true") == 0);
    }
  return TRUE;
}

/* The styles: which cell formats show dates */

/* Whether a number format code shows a date or a time: a y, m, d, h or s
 * outside quotes, brackets ([Red], [$-804]) and escapes. */
static gboolean
is_date_format_code (const char *code)
{
  for (const char *p = code; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':
          p = strchr (p + 1, '"');
          if (p == NULL)
            return FALSE;
          break;
        case '[':
          p = strchr (p + 1, ']');
          if (p == NULL)
            return FALSE;
          break;
        case '\\':
        case '_':
        case '*':
          if (p[1] == '\0')
            return FALSE;
          p++;
          break;
        case 'y': case 'Y': case 'm': case 'M': case 'd': case 'D':
        case 'h': case 'H': case 's': case 'S':
          return TRUE;
        default:
          break;
        }
    }
  return FALSE;
}

static gboolean
is_builtin_date_format (guint64 id)
{
  /* 14–22 and 45–47 everywhere; 27–36 and 50–58 are the dates and times
   * of the East Asian (Chinese) versions of Excel. */
  return (id >= 14 && id <= 22) || (id >= 45 && id <= 47) ||
         (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
}

typedef struct
{
  GHashTable *custom;   /* numFmtId → GINT_TO_POINTER (is_date + 1) */
  gboolean    in_cell_xfs;
} Styles;

static gboolean
on_styles_node (xmlTextReaderPtr   reader,
                RdTable           *table,
                gpointer           data,
                GError           **error)
{
  Styles *styles = data;

  if (_rd_table_xml_is_element (reader, "numFmt"))
    {
      const char *id = _rd_table_xml_get_attribute (reader, "numFmtId");
      guint64 n;

      if (id == NULL || !g_ascii_string_to_unsigned (id, 10, 0, G_MAXUINT32, &n, NULL))
        return TRUE;
      {
        const char *code = _rd_table_xml_get_attribute (reader, "formatCode");
        gboolean date = code != NULL && is_date_format_code (code);

        g_hash_table_insert (styles->custom, GUINT_TO_POINTER ((guint) n),
                             GINT_TO_POINTER (date + 1));
      }
    }
  else if (_rd_table_xml_is_element (reader, "cellXfs"))
    styles->in_cell_xfs = !xmlTextReaderIsEmptyElement (reader);
  else if (_rd_table_xml_is_end (reader, "cellXfs"))
    styles->in_cell_xfs = FALSE;
  else if (styles->in_cell_xfs && _rd_table_xml_is_element (reader, "xf"))
    {
      const char *id = _rd_table_xml_get_attribute (reader, "numFmtId");
      guint64 n = 0;
      gboolean date = FALSE;

      if (id != NULL && g_ascii_string_to_unsigned (id, 10, 0, G_MAXUINT32, &n, NULL))
        {
          gpointer custom = g_hash_table_lookup (styles->custom, GUINT_TO_POINTER ((guint) n));

          date = custom != NULL ? GPOINTER_TO_INT (custom) - 1 : is_builtin_date_format (n);
        }
      g_byte_array_append (table->xlsx->date_styles, (const guint8 *) &(guint8) { date }, 1);
    }
  return TRUE;
}

/* Relationships (libgsf's own reader of them complains on the terminal
 * about a damaged file; this one says it in the error) */

typedef struct
{
  const char *dir;          /* the folder of the part whose relationships these are */
  GHashTable *targets;      /* Id → the target's path in the zip */
  GHashTable *by_type;      /* the type's last segment ("styles") → path */
} Rels;

/* "xl/" + "worksheets/sheet1.xml", "/xl/styles.xml" or "../x.xml", as a
 * path from the zip's root with no "." or "..". */
static char *
resolve_target (const char *dir,
                const char *target)
{
  g_autofree char *joined = target[0] == '/' ? g_strdup (target + 1)
                                             : g_strconcat (dir, target, NULL);
  g_auto(GStrv) parts = g_strsplit (joined, "/", -1);
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] == '\0' || strcmp (parts[i], ".") == 0)
        continue;
      if (strcmp (parts[i], "..") == 0)
        {
          if (kept->len > 0)
            g_ptr_array_remove_index (kept, kept->len - 1);
          continue;
        }
      g_ptr_array_add (kept, parts[i]);
    }
  g_ptr_array_add (kept, NULL);
  return g_strjoinv ("/", (char **) kept->pdata);
}

static gboolean
on_rels_node (xmlTextReaderPtr   reader,
              RdTable           *table,
              gpointer           data,
              GError           **error)
{
  Rels *rels = data;
  const char *id, *type, *target, *mode;
  char *path;

  if (!_rd_table_xml_is_element (reader, "Relationship"))
    return TRUE;
  mode = _rd_table_xml_get_attribute (reader, "TargetMode");
  if (mode != NULL && strcmp (mode, "External") == 0)
    return TRUE;
  target = _rd_table_xml_get_attribute (reader, "Target");
  if (target == NULL)
    return TRUE;
  path = resolve_target (rels->dir, target);
  id = _rd_table_xml_get_attribute (reader, "Id");
  if (id != NULL)
    g_hash_table_replace (rels->targets, g_strdup (id), g_strdup (path));
  type = _rd_table_xml_get_attribute (reader, "Type");
  if (type != NULL && strrchr (type, '/') != NULL)
    g_hash_table_replace (rels->by_type, g_strdup (strrchr (type, '/') + 1), g_strdup (path));
  g_free (path);
  return TRUE;
}

GsfInput *
_rd_table_xlsx_open_part (RdTableXlsx *xlsx,
                          const char  *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  g_autoptr(GsfInput) node = NULL;

  if (parts[0] == NULL || parts[0][0] == '\0')
    return NULL;
  node = GSF_INPUT (g_object_ref (xlsx->zip));
  for (guint i = 0; parts[i] != NULL; i++)
    {
      GError *local_error = NULL;
      GsfInput *child;

      if (!GSF_IS_INFILE (node))
        return NULL;
      /* gsf_infile_child_by_name would print a warning for a damaged
       * entry; the class's function returns the error instead. */
      child = GSF_INFILE_CLASS (G_OBJECT_GET_CLASS (node))->child_by_name (GSF_INFILE (node), parts[i],
                                                           &local_error);
      g_clear_error (&local_error);
      g_object_unref (node);
      node = child;
      if (node == NULL)
        return NULL;
    }
  return g_steal_pointer (&node);
}

/* The relationships of the part at `path`: in "dir/_rels/name.rels". A
 * missing relationships part is no relationships; a damaged one an error. */
static gboolean
read_rels (RdTable     *table,
           const char  *path,
           Rels        *rels,
           GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *rels_path = NULL;
  g_autofree char *prefix = NULL;
  g_autoptr(GsfInput) input = NULL;

  if (strcmp (dir, ".") == 0)
    prefix = g_strdup ("");
  else
    prefix = g_strconcat (dir, "/", NULL);
  rels_path = g_strconcat (prefix, "_rels/", strcmp (path, "") == 0 ? "" : base, ".rels", NULL);
  rels->dir = NULL;
  rels->targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  rels->by_type = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  input = _rd_table_xlsx_open_part (table->xlsx, rels_path);
  if (input == NULL)
    return TRUE;
  rels->dir = prefix;
  if (!_rd_table_xml_parse_part (table, input, rels_path, on_rels_node, rels, error))
    return FALSE;
  rels->dir = NULL;
  return TRUE;
}

static void
rels_clear (Rels *rels)
{
  g_clear_pointer (&rels->targets, g_hash_table_unref);
  g_clear_pointer (&rels->by_type, g_hash_table_unref);
}

static void
set_not_a_workbook (RdTable  *table,
                    GError  **error)
{
  g_set_error (error, RD_TABLE_ERROR, RD_TABLE_ERROR_UNSUPPORTED,
               _("“%s” is a zip archive but not an Excel workbook. Export the list from the "
                 "platform as .xlsx or .csv, or open it in Excel and save it as one."),
               table->display_name);
}

gboolean
_rd_table_xlsx_open (RdTable  *table,
                     GError  **error)
{
  RdTableXlsx *xlsx;
  g_autoptr(GsfInput) source = NULL;
  g_autoptr(GsfInput) workbook = NULL;
  g_autoptr(GsfInput) part = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *workbook_path = NULL;
  Rels rels = { 0 };
  const char *path;
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      /* libxml2 sets itself up once, before any thread parses. */
      xmlInitParser ();
      g_once_init_leave (&initialised, 1);
    }

  xlsx = g_new0 (RdTableXlsx, 1);
  xlsx->sheet_names = g_ptr_array_new_with_free_func (g_free);
  xlsx->sheet_rel_ids = g_ptr_array_new_with_free_func (g_free);
  xlsx->sheet_paths = g_ptr_array_new_with_free_func (g_free);
  xlsx->date_styles = g_byte_array_new ();
  xlsx->strings = g_byte_array_new ();
  xlsx->string_starts = g_array_new (FALSE, FALSE, sizeof (guint32));
  table->xlsx = xlsx;

  source = gsf_input_stdio_new (table->path, &local_error);
  if (source == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("“%s” could not be opened: %s."),
                   table->path, local_error->message);
      return FALSE;
    }
  xlsx->zip = gsf_infile_zip_new (source, &local_error);
  if (xlsx->zip == NULL)
    {
      _rd_table_xlsx_set_corrupt (table, _("the zip archive"),
                                  local_error != NULL ? local_error->message : NULL, error);
      return FALSE;
    }

  /* The package's relationships name the workbook part. */
  if (!read_rels (table, "", &rels, error))
    {
      rels_clear (&rels);
      return FALSE;
    }
  path = g_hash_table_lookup (rels.by_type, "officeDocument");
  workbook_path = g_strdup (path != NULL ? path : "xl/workbook.xml");
  rels_clear (&rels);
  workbook = _rd_table_xlsx_open_part (xlsx, workbook_path);
  if (workbook == NULL)
    {
      set_not_a_workbook (table, error);
      return FALSE;
    }
  if (!_rd_table_xml_parse_part (table, workbook, workbook_path, on_workbook_node, NULL, error))
    return FALSE;
  if (xlsx->sheet_names->len == 0)
    {
      set_not_a_workbook (table, error);
      return FALSE;
    }

  /* The workbook's relationships: its sheets, styles and shared strings. */
  if (!read_rels (table, workbook_path, &rels, error))
    {
      rels_clear (&rels);
      return FALSE;
    }
  for (guint i = 0; i < xlsx->sheet_rel_ids->len; i++)
    {
      const char *sheet_path = g_hash_table_lookup (rels.targets,
                                                    g_ptr_array_index (xlsx->sheet_rel_ids, i));

      g_ptr_array_add (xlsx->sheet_paths, g_strdup (sheet_path));
    }

  path = g_hash_table_lookup (rels.by_type, "styles");
  part = path != NULL ? _rd_table_xlsx_open_part (xlsx, path) : NULL;
  if (part != NULL)
    {
      Styles styles = { g_hash_table_new (NULL, NULL), FALSE };
      gboolean ok = _rd_table_xml_parse_part (table, part, path, on_styles_node, &styles, error);

      g_hash_table_unref (styles.custom);
      if (!ok)
        {
          rels_clear (&rels);
          return FALSE;
        }
    }
  g_clear_object (&part);

  path = g_hash_table_lookup (rels.by_type, "sharedStrings");
  part = path != NULL ? _rd_table_xlsx_open_part (xlsx, path) : NULL;
  if (part != NULL)
    {
      gboolean ok = _rd_table_xlsx_read_strings (table, part, path, error);

      if (!ok)
        {
          rels_clear (&rels);
          return FALSE;
        }
    }
  rels_clear (&rels);
  return TRUE;
}

void
_rd_table_xlsx_free (RdTableXlsx *xlsx)
{
  g_clear_object (&xlsx->zip);
  g_ptr_array_unref (xlsx->sheet_paths);
  g_ptr_array_unref (xlsx->sheet_names);
  g_ptr_array_unref (xlsx->sheet_rel_ids);
  g_byte_array_unref (xlsx->date_styles);
  g_byte_array_unref (xlsx->strings);
  g_array_unref (xlsx->string_starts);
  g_free (xlsx);
}

guint
_rd_table_xlsx_get_n_sheets (RdTableXlsx *xlsx)
{
  return xlsx->sheet_names->len;
}

const char *
_rd_table_xlsx_get_sheet_name (RdTableXlsx *xlsx,
                               guint        sheet)
{
  return g_ptr_array_index (xlsx->sheet_names, sheet);
}

gboolean
_rd_table_xlsx_uses_1904 (RdTableXlsx *xlsx)
{
  return xlsx->date_1904;
}
