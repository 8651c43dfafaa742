/* test-tooltips.c
 *
 * Tooltips under a real display, in Chinese: once the application has
 * started, a widget shown in the window answers its tooltip with our label
 * (rd-tooltips.h), which is never narrower than its text on one line, so
 * that "月份" or "复制给买家的回复" no longer stand one character a line;
 * a long tooltip wraps at about 50 columns.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "rd-application.h"
#include "rd-test-ledger.h"
#include "rd-test-ui.h"
#include "rd-tooltips.h"
#include "rd-window.h"

static RdApplication *app;

typedef struct
{
  char      *dir;
  RdStore   *store;
  RdContext *context;
  RdWindow  *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = rd_test_make_tmp_dir ();
  f->store = rd_test_ui_open_ledger (f->dir, NULL);
  f->context = rd_test_ui_new_context (f->store);
  f->window = rd_window_new (GTK_APPLICATION (app), f->context);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  rd_test_ui_iterate ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  rd_test_ui_iterate ();
  g_clear_object (&f->context);
  g_clear_object (&f->store);
  rd_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* The mapped widget under root whose tooltip is text, or NULL. */
static GtkWidget *
find_by_tooltip (GtkWidget  *root,
                 const char *text)
{
  if (gtk_widget_get_mapped (root) && g_strcmp0 (gtk_widget_get_tooltip_text (root), text) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_tooltip (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The width of text on one line, in label's font. */
static int
text_width (GtkWidget  *label,
            const char *text)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (label, text);
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

/* widget answers its tooltip itself, with our label, whose narrowest is
 * its text on one line. */
static void
assert_one_line (GtkWidget *widget)
{
  const char *text = gtk_widget_get_tooltip_text (widget);
  g_autoptr(GtkTooltip) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  g_autoptr(GtkWidget) label = NULL;
  guint query_tooltip = g_signal_lookup ("query-tooltip", GTK_TYPE_WIDGET);
  gboolean shown = FALSE;
  int minimum, natural;

  g_assert_true (g_signal_has_handler_pending (widget, query_tooltip, 0, FALSE));
  g_signal_emit (widget, query_tooltip, 0, 1, 1, FALSE, tooltip, &shown);
  g_assert_true (shown);

  label = g_object_ref_sink (rd_tooltips_new_label (widget));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, text);
  gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, >=, text_width (label, text));
}

static void
test_chinese_one_line (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *month = find_by_tooltip (GTK_WIDGET (f->window), _("Month"));
  GtkWidget *due = find_by_tooltip (GTK_WIDGET (f->window),
                                    _("Open cases whose platform deadline is within 24 hours or past"));
  GtkWidget *button;

  g_assert_cmpstr (_("Month"), ==, "月份");
  g_assert_nonnull (month);
  assert_one_line (month);
  g_assert_nonnull (due);
  assert_one_line (due);

  /* A tooltip set after the widget was shown (a button greyed when the
   * operator changes) is ours too. */
  button = find_by_tooltip (GTK_WIDGET (f->window), _("Main Menu"));
  g_assert_nonnull (button);
  gtk_widget_set_tooltip_text (button, _("Copy a Reply to the Buyer"));
  assert_one_line (button);
}

static void
test_long_wraps (Fixture       *f,
                 gconstpointer  data)
{
  GtkWidget *button = find_by_tooltip (GTK_WIDGET (f->window), _("Main Menu"));
  g_autofree char *text = NULL;
  g_autoptr(GtkWidget) label = NULL;
  int minimum, natural;

  text = g_strnfill (60, 'x');
  text[30] = ' ';
  g_assert_nonnull (button);
  gtk_widget_set_tooltip_text (button, text);
  label = g_object_ref_sink (rd_tooltips_new_label (button));
  gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (natural, <, text_width (label, text));
  g_assert_cmpint (minimum, >=, text_width (label, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"));

  gtk_widget_set_tooltip_text (button, NULL);
  g_assert_null (rd_tooltips_new_label (button));
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("REFUND_DESK_LOCALEDIR");
  g_autoptr(GError) error = NULL;
  int status;

  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_test_init (&argc, &argv, NULL);
  if (localedir == NULL || setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
    {
      g_test_skip ("needs REFUND_DESK_LOCALEDIR and the zh_CN.UTF-8 locale");
      return g_test_run ();
    }
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Its startup installs the tooltips. */
  app = rd_application_new (G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add ("/rd/tooltips/chinese-one-line", Fixture, NULL,
              fixture_set_up, test_chinese_one_line, fixture_tear_down);
  g_test_add ("/rd/tooltips/long-wraps", Fixture, NULL,
              fixture_set_up, test_long_wraps, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
