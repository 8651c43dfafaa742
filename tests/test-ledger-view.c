/* test-ledger-view.c
 *
 * The ledger model under GTK's own list view and single selection, as the
 * window has them: a new query or a refresh must cost the rows on screen,
 * not the whole list. GTK 4.8 answers a replacement (items-changed with
 * both removed and added) by reading every new item to find the row it
 * tracks — at 1M cases, minutes of a frozen window. The model is wrapped in
 * a model that counts the rows read.
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "rd-case-store.h"
#include "rd-ledger-model.h"
#include "rd-ledger-row.h"
#include "rd-test-ledger.h"
#include "rd-test-ui.h"

#define N_CASES 3000
#define T0 1767225600   /* 2026-01-01 00:00 UTC */

/* A GListModel passing another through, counting get_item. */
#define COUNTING_TYPE_MODEL (counting_model_get_type ())
G_DECLARE_FINAL_TYPE (CountingModel, counting_model, COUNTING, MODEL, GObject)

struct _CountingModel
{
  GObject     parent_instance;
  GListModel *inner;
  guint       reads;
};

static void counting_model_list_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CountingModel, counting_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, counting_model_list_init))

static GType
counting_get_item_type (GListModel *model)
{
  return g_list_model_get_item_type (COUNTING_MODEL (model)->inner);
}

static guint
counting_get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (COUNTING_MODEL (model)->inner);
}

static gpointer
counting_get_item (GListModel *model,
                   guint       position)
{
  CountingModel *self = COUNTING_MODEL (model);

  self->reads++;
  return g_list_model_get_item (self->inner, position);
}

static void
counting_model_list_init (GListModelInterface *iface)
{
  iface->get_item_type = counting_get_item_type;
  iface->get_n_items = counting_get_n_items;
  iface->get_item = counting_get_item;
}

static void
counting_model_finalize (GObject *object)
{
  g_clear_object (&COUNTING_MODEL (object)->inner);
  G_OBJECT_CLASS (counting_model_parent_class)->finalize (object);
}

static void
counting_model_class_init (CountingModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = counting_model_finalize;
}

static void
counting_model_init (CountingModel *self)
{
}

static void
on_inner_items_changed (GListModel    *inner,
                        guint          position,
                        guint          removed,
                        guint          added,
                        CountingModel *self)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static CountingModel *
counting_model_new (GListModel *inner)
{
  CountingModel *self = g_object_new (COUNTING_TYPE_MODEL, NULL);

  self->inner = g_object_ref (inner);
  g_signal_connect_object (inner, "items-changed", G_CALLBACK (on_inner_items_changed), self, 0);
  return self;
}

/* As the window's cells: the label bound to the row's property, so that a
 * row given another case shows it. */
static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);
  GtkExpression *expression;

  expression = gtk_property_expression_new (RD_TYPE_LEDGER_ROW,
                                            gtk_property_expression_new (GTK_TYPE_LIST_ITEM, NULL, "item"),
                                            "order-no");
  gtk_expression_bind (expression, label, "label", item);
  gtk_list_item_set_child (item, label);
}

/* The texts of the rows the list view has built. */
static void
collect_labels (GtkWidget *widget,
                GPtrArray *texts)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    g_ptr_array_add (texts, (gpointer) gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_labels (child, texts);
}

static gboolean
shows_text (GtkWidget  *list,
            const char *text)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();

  collect_labels (list, texts);
  for (guint i = 0; i < texts->len; i++)
    if (g_str_equal (g_ptr_array_index (texts, i), text))
      return TRUE;
  return FALSE;
}

/* Every row built shows a taobao order (odd numbers). */
static void
assert_shows_only_taobao (GtkWidget *list)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();

  collect_labels (list, texts);
  g_assert_cmpuint (texts->len, >, 5);
  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = g_ptr_array_index (texts, i);
      guint64 n = g_ascii_strtoull (text + strlen ("ORDER-"), NULL, 10);

      g_assert_true (g_str_has_prefix (text, "ORDER-"));
      g_assert_cmpuint (n % 2, ==, 1);
    }
}

static void
wait_loaded (RdLedgerModel *model)
{
  while (rd_ledger_model_get_loading (model))
    g_main_context_iteration (NULL, TRUE);
  rd_test_ui_iterate ();
}

static void
test_requery_reads_what_is_shown (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "ledger.db", NULL);
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_case_free);
  g_autoptr(RdLedgerFilter) all = rd_ledger_filter_new ();
  g_autoptr(RdLedgerFilter) taobao = rd_ledger_filter_new ();
  g_autoptr(RdLedgerModel) model = NULL;
  g_autoptr(CountingModel) counting = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autoptr(RdLedgerRow) row = NULL;
  GtkSingleSelection *selection;   /* owned by the list view */
  GtkListItemFactory *factory;
  GtkWidget *window, *scrolled, *list;

  store = rd_store_open (path, RD_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  rd_test_add_operators (store);
  for (guint i = 0; i < N_CASES; i++)
    {
      RdCase *c = rd_case_new ();

      c->channel = g_strdup (i % 2 ? "taobao" : "jd");
      c->order_no = g_strdup_printf ("ORDER-%05u", i);
      c->kind = RD_REFUND_KIND_RETURN_REFUND;
      c->reason = g_strdup ("changed_mind");
      c->payment_method = RD_PAYMENT_METHOD_ALIPAY;
      c->amount_paid = 100 + i;
      c->requested_at = T0 + i * 60;
      c->created_at = T0 + i * 60;
      c->status = RD_CASE_STATUS_REQUESTED;
      g_ptr_array_add (cases, c);
    }
  g_assert_true (rd_case_store_insert_many (store, (RdCase **) cases->pdata, cases->len, "店长", &error));
  g_assert_no_error (error);

  model = rd_ledger_model_new (path, &error);
  g_assert_no_error (error);
  counting = counting_model_new (G_LIST_MODEL (model));
  selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (counting)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  list = gtk_list_view_new (GTK_SELECTION_MODEL (selection), factory);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 300);
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gtk_window_present (GTK_WINDOW (window));

  rd_ledger_model_set_query (model, all);
  wait_loaded (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (counting)), ==, N_CASES);

  /* A row far down selected and scrolled to: both are tracked by GTK. */
  gtk_single_selection_set_selected (selection, N_CASES - 10);
  gtk_widget_activate_action (list, "list.scroll-to-item", "u", N_CASES - 10);
  rd_test_ui_iterate ();

  /* A refresh of the same list, as after switching pages, and a new
   * filter: each reads a few screens of rows (about 400 here, where one
   * replacement read 6,400 and 3,400), not the whole list. */
  counting->reads = 0;
  rd_ledger_model_refresh (model);
  wait_loaded (model);
  g_test_message ("refresh read %u rows", counting->reads);
  g_assert_cmpuint (counting->reads, <, N_CASES / 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (counting)), ==, N_CASES);

  gtk_single_selection_set_selected (selection, N_CASES - 10);
  rd_test_ui_iterate ();
  counting->reads = 0;
  taobao->channel = g_strdup ("taobao");
  rd_ledger_model_set_query (model, taobao);
  wait_loaded (model);
  g_test_message ("a new filter read %u rows", counting->reads);
  g_assert_cmpuint (counting->reads, <, N_CASES / 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (counting)), ==, N_CASES / 2);

  /* And the list shows the new rows from the top: the rows it had built
   * now show taobao's cases. */
  row = g_list_model_get_item (G_LIST_MODEL (counting), 0);
  g_assert_cmpstr (rd_ledger_row_get_channel (row), ==, "taobao");
  g_assert_cmpstr (rd_ledger_row_get_order_no (row), ==, "ORDER-02999");
  gtk_widget_activate_action (list, "list.scroll-to-item", "u", 0);
  rd_test_ui_iterate ();
  assert_shows_only_taobao (list);
  g_assert_true (shows_text (list, "ORDER-02999"));

  /* A case added behind the list's back: after a refresh the row on top
   * shows it, and each row below shows the case one place further down. */
  {
    g_autoptr(RdCase) c = rd_case_new ();
    g_autoptr(RdLedgerRow) second = NULL;

    c->channel = g_strdup ("taobao");
    c->order_no = g_strdup ("ORDER-99999");
    c->kind = RD_REFUND_KIND_RETURN_REFUND;
    c->reason = g_strdup ("changed_mind");
    c->payment_method = RD_PAYMENT_METHOD_ALIPAY;
    c->amount_paid = 100;
    c->requested_at = T0 + N_CASES * 60;
    c->created_at = c->requested_at;
    c->status = RD_CASE_STATUS_REQUESTED;
    g_assert_true (rd_case_store_insert (store, c, "店长", &error));
    g_assert_no_error (error);

    rd_ledger_model_refresh (model);
    wait_loaded (model);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (counting)), ==, N_CASES / 2 + 1);
    g_clear_object (&row);
    row = g_list_model_get_item (G_LIST_MODEL (counting), 0);
    second = g_list_model_get_item (G_LIST_MODEL (counting), 1);
    g_assert_cmpstr (rd_ledger_row_get_order_no (row), ==, "ORDER-99999");
    g_assert_cmpstr (rd_ledger_row_get_order_no (second), ==, "ORDER-02999");
    g_assert_true (shows_text (list, "ORDER-99999"));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  rd_test_ui_iterate ();
  g_clear_object (&store);
  rd_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ledger-view/requery-reads-what-is-shown", test_requery_reads_what_is_shown);
  return g_test_run ();
}
