/* rd-import-row.c
 *
 * The texts are made once, when the row is made (on the preview's worker),
 * so that scrolling through 10,000 rows formats nothing.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-import-row.h"

struct _RdImportRow
{
  GObject       parent_instance;

  RdImportItem *item;
  char         *changes;
  char         *notes;
  char         *problems;
  char         *problem_columns;
  char         *details;
  gboolean      excluded;
};

G_DEFINE_FINAL_TYPE (RdImportRow, rd_import_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_EXCLUDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static char *
join_changes (GPtrArray *changes)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; changes != NULL && i < changes->len; i++)
    {
      const RdImportChange *change = g_ptr_array_index (changes, i);

      if (text->len > 0)
        g_string_append (text, _("; "));
      /* Translators: a field an import changes: "Status: 待卖家同意 → 退款成功". */
      g_string_append_printf (text, _("%s: %s → %s"), change->field,
                              change->old_value != NULL && *change->old_value != '\0' ? change->old_value : _("(empty)"),
                              change->new_value != NULL && *change->new_value != '\0' ? change->new_value : _("(empty)"));
    }
  return g_string_free (text, FALSE);
}

static char *
join_strings (GPtrArray *strings)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; strings != NULL && i < strings->len; i++)
    {
      if (text->len > 0)
        g_string_append (text, _("; "));
      g_string_append (text, g_ptr_array_index (strings, i));
    }
  return g_string_free (text, FALSE);
}

/* Overrides */

static void
rd_import_row_finalize (GObject *object)
{
  RdImportRow *self = RD_IMPORT_ROW (object);

  g_clear_pointer (&self->item, rd_import_item_free);
  g_free (self->changes);
  g_free (self->notes);
  g_free (self->problems);
  g_free (self->problem_columns);
  g_free (self->details);

  G_OBJECT_CLASS (rd_import_row_parent_class)->finalize (object);
}

static void
rd_import_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  RdImportRow *self = RD_IMPORT_ROW (object);

  switch (prop_id)
    {
    case PROP_EXCLUDED:
      g_value_set_boolean (value, self->excluded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_import_row_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  RdImportRow *self = RD_IMPORT_ROW (object);

  switch (prop_id)
    {
    case PROP_EXCLUDED:
      rd_import_row_set_excluded (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_import_row_class_init (RdImportRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rd_import_row_finalize;
  object_class->get_property = rd_import_row_get_property;
  object_class->set_property = rd_import_row_set_property;

  properties[PROP_EXCLUDED] =
    g_param_spec_boolean ("excluded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rd_import_row_init (RdImportRow *self)
{
}

/* Public API */

RdImportRow *
rd_import_row_new (const RdImportItem *item,
                   const char *const  *headers,
                   guint               n_headers)
{
  RdImportRow *self;
  GString *columns = g_string_new (NULL);

  g_return_val_if_fail (item != NULL, NULL);

  self = g_object_new (RD_TYPE_IMPORT_ROW, NULL);
  self->item = rd_import_item_copy (item);
  self->changes = join_changes (item->changes);
  self->notes = join_strings (item->notes);

  {
    g_autoptr(GPtrArray) messages = g_ptr_array_new ();
    GString *details = g_string_new (NULL);

    for (guint i = 0; item->problems != NULL && i < item->problems->len; i++)
      {
        const RdImportProblem *problem = g_ptr_array_index (item->problems, i);
        gboolean named = problem->column >= 0 && headers != NULL && (guint) problem->column < n_headers &&
                         *headers[problem->column] != '\0';

        g_ptr_array_add (messages, problem->message);
        if (details->len > 0)
          g_string_append (details, _("; "));
        if (named)
          /* Translators: a problem of an imported row with its column: "买家退款金额: “五十” is not an amount". */
          g_string_append_printf (details, _("%s: %s"), headers[problem->column], problem->message);
        else
          g_string_append (details, problem->message);
        if (problem->column >= 0 && headers != NULL && (guint) problem->column < n_headers &&
            strstr (columns->str, headers[problem->column]) == NULL)
          {
            if (columns->len > 0)
              g_string_append (columns, _(", "));
            g_string_append (columns, headers[problem->column]);
          }
      }
    self->problems = join_strings (messages);
    for (guint i = 0; i < 2; i++)
      {
        const char *part = i == 0 ? self->changes : self->notes;

        if (*part == '\0')
          continue;
        if (details->len > 0)
          g_string_append (details, _("; "));
        g_string_append (details, part);
      }
    self->details = g_string_free (details, FALSE);
  }
  self->problem_columns = g_string_free (columns, FALSE);

  return self;
}

const RdImportItem *
rd_import_row_get_item (RdImportRow *self)
{
  g_return_val_if_fail (RD_IS_IMPORT_ROW (self), NULL);

  return self->item;
}

guint64
rd_import_row_get_number (RdImportRow *self)
{
  g_return_val_if_fail (RD_IS_IMPORT_ROW (self), 0);

  return self->item->row;
}

RdImportOutcome
rd_import_row_get_outcome (RdImportRow *self)
{
  g_return_val_if_fail (RD_IS_IMPORT_ROW (self), RD_IMPORT_OUTCOME_ERROR);

  return self->item->outcome;
}

const char *
rd_import_outcome_get_name (RdImportOutcome outcome)
{
  switch (outcome)
    {
    case RD_IMPORT_OUTCOME_NEW:
      return C_("import outcome", "New");
    case RD_IMPORT_OUTCOME_UPDATED:
      return C_("import outcome", "Updated");
    case RD_IMPORT_OUTCOME_UNCHANGED:
      return C_("import outcome", "Unchanged");
    case RD_IMPORT_OUTCOME_ERROR:
    default:
      return C_("import outcome", "Error");
    }
}

const char *
rd_import_row_get_outcome_text (RdImportRow *self)
{
  g_return_val_if_fail (RD_IS_IMPORT_ROW (self), NULL);

  if (self->item->outcome == RD_IMPORT_OUTCOME_ERROR && self->excluded)
    return _("Left out");
  return rd_import_outcome_get_name (self->item->outcome);
}

const char *
rd_import_row_get_outcome_icon (RdImportRow *self)
{
  g_return_val_if_fail (RD_IS_IMPORT_ROW (self), NULL);

  switch (self->item->outcome)
    {
    case RD_IMPORT_OUTCOME_NEW:
      return "list-add-symbolic";
    case RD_IMPORT_OUTCOME_UPDATED:
      return "document-edit-symbolic";
    case RD_IMPORT_OUTCOME_UNCHANGED:
      return "object-select-symbolic";
    case RD_IMPORT_OUTCOME_ERROR:
    default:
      return self->excluded ? "action-unavailable-symbolic" : "dialog-error-symbolic";
    }
}

const char *
rd_import_row_get_changes (RdImportRow *self)
{
  g_return_val_if_fail (RD_IS_IMPORT_ROW (self), NULL);

  return self->changes;
}

const char *
rd_import_row_get_notes (RdImportRow *self)
{
  g_return_val_if_fail (RD_IS_IMPORT_ROW (self), NULL);

  return self->notes;
}

const char *
rd_import_row_get_problems (RdImportRow *self)
{
  g_return_val_if_fail (RD_IS_IMPORT_ROW (self), NULL);

  return self->problems;
}

const char *
rd_import_row_get_problem_columns (RdImportRow *self)
{
  g_return_val_if_fail (RD_IS_IMPORT_ROW (self), NULL);

  return self->problem_columns;
}

const char *
rd_import_row_get_details (RdImportRow *self)
{
  g_return_val_if_fail (RD_IS_IMPORT_ROW (self), NULL);

  return self->details;
}

gboolean
rd_import_row_get_excluded (RdImportRow *self)
{
  g_return_val_if_fail (RD_IS_IMPORT_ROW (self), FALSE);

  return self->excluded;
}

void
rd_import_row_set_excluded (RdImportRow *self,
                            gboolean     excluded)
{
  g_return_if_fail (RD_IS_IMPORT_ROW (self));

  excluded = !!excluded;
  if (self->excluded == excluded)
    return;
  self->excluded = excluded;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXCLUDED]);
}
