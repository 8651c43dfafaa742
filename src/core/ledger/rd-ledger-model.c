/* rd-ledger-model.c
 *
 * GListModel over the ids of the ledger query, materialising rows a page at
 * a time and keeping at most MAX_PAGES pages.
 *
 * A query loads in two phases on its worker, inside one read transaction
 * (one snapshot of the ledger): first the count and the first page of ids,
 * shown at once ("loading" stays TRUE); then every id and the sums, which
 * replace the partial array without changing what is shown ("loading"
 * becomes FALSE). A row asked for before the second phase ends, beyond the
 * first page, is fetched by its position on the model's own connection; if
 * the ledger changed in between, the second phase corrects it. A free-text
 * search (one scan, few rows) runs in one phase.
 *
 * A row object stands for a position. When a new list is shown, the rows
 * the view holds (a few hundred, around what is on screen) are given the
 * cases now at their positions, and items-changed says only how the count
 * changed, at the end of the list. GTK 4.8 has no cheap answer to "every
 * row replaced": it looks for the rows it tracks among all the new ones
 * (a read of every row: minutes at 1M cases) and builds every row's widgets
 * again (a quarter of a second). ::replaced tells the view a new list is
 * shown.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-ledger-model.h"

#define MAX_PAGES 8

/* A list that grows from (nearly) empty is shown GROW_STEP rows at a time,
 * one step per main-loop turn, up to GROW_LIMIT rows, then whole: GTK 4.8
 * builds the widgets of every row it keeps around the top (a couple of
 * hundred, nine cells each) in the items-changed that adds them — a quarter
 * of a second at once, a few milliseconds a step. A list that shrinks to
 * (nearly) nothing goes down the same steps, its rows beyond the new end
 * blank meanwhile: GTK destroys the widgets of the rows it removes. */
#define GROW_STEP  40
#define GROW_LIMIT 240

struct _RdLedgerModel
{
  GObject         parent_instance;

  char           *path;
  sqlite3        *db;            /* read-only, for the pages */
  RdLedgerFilter *filter;

  GArray         *ids;           /* gint64, the loaded prefix of the list */
  guint           n_items;       /* ids->len once the query is complete */
  guint           exposed;       /* what the GListModel says: ≤ n_items */
  guint           resize_id;
  RdLedgerFilter *shown_filter;  /* the query of the rows shown */
  guint           shown_generation;
  GHashTable     *offset_pages;  /* pages read by position, not by id */
  GArray         *totals;        /* RdLedgerTotal, per currency */

  GHashTable     *pages;         /* page number → GPtrArray of RdLedgerRow */
  GQueue          page_order;    /* page numbers, most recent first */

  /* position → Slot: the row objects handed out and still alive. */
  GHashTable     *slots;
  /* Positions whose row was not given the shown list's case (its id was
   * not known yet): given it when every id is. */
  GHashTable     *stale;

  GCancellable   *cancellable;
  guint           generation;
};

static void rd_ledger_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RdLedgerModel, rd_ledger_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, rd_ledger_model_list_model_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  PROP_COUNT,
  PROP_TOTALS,
  PROP_LOADING,
  N_PROPS
};

enum {
  FAILED,
  REPLACED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  char           *path;
  RdLedgerFilter *filter;
  guint           generation;
} QueryData;

static void
query_data_free (QueryData *data)
{
  g_free (data->path);
  rd_ledger_filter_free (data->filter);
  g_free (data);
}

typedef struct
{
  RdLedgerModel *self;
  guint          generation;
  guint          count;
  GArray        *ids;
} FirstPage;

static void
first_page_free (FirstPage *first)
{
  g_object_unref (first->self);
  g_array_unref (first->ids);
  g_free (first);
}

typedef struct
{
  RdLedgerModel *model;
  RdLedgerRow   *row;        /* not a reference */
  guint          position;
} Slot;

static void
slot_gone (gpointer  data,
           GObject  *where_the_object_was)
{
  Slot *slot = data;

  g_hash_table_remove (slot->model->stale, GUINT_TO_POINTER (slot->position));
  g_hash_table_remove (slot->model->slots, GUINT_TO_POINTER (slot->position));
}

static void
slot_add (RdLedgerModel *self,
          guint          position,
          RdLedgerRow   *row)
{
  Slot *slot = g_new (Slot, 1);

  slot->model = self;
  slot->row = row;
  slot->position = position;
  g_object_weak_ref (G_OBJECT (row), slot_gone, slot);
  g_hash_table_insert (self->slots, GUINT_TO_POINTER (position), slot);
}

static void
slot_drop (RdLedgerModel *self,
           Slot          *slot)
{
  g_object_weak_unref (G_OBJECT (slot->row), slot_gone, slot);
  g_hash_table_remove (self->stale, GUINT_TO_POINTER (slot->position));
  g_hash_table_remove (self->slots, GUINT_TO_POINTER (slot->position));
}

/* Gives the live rows the cases of the list now shown: all of them, or
 * (only_changed) those marked stale or whose case is another one now. A
 * row whose id is not known yet is marked stale. */
static void
update_slots (RdLedgerModel *self,
              gboolean       only_changed)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->slots);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Slot *slot = value;
      gint64 id;

      if (slot->position >= self->ids->len)
        {
          g_hash_table_add (self->stale, GUINT_TO_POINTER (slot->position));
          continue;
        }
      id = g_array_index (self->ids, gint64, slot->position);
      if (only_changed && rd_ledger_row_get_id (slot->row) == id &&
          !g_hash_table_contains (self->stale, GUINT_TO_POINTER (slot->position)))
        continue;
      g_array_append_val (ids, id);
      g_ptr_array_add (targets, g_object_ref (slot->row));
      g_hash_table_remove (self->stale, GUINT_TO_POINTER (slot->position));
    }

  if (ids->len == 0)
    return;

  rows = rd_ledger_row_load (self->db, (gint64 *) ids->data, ids->len, &error);
  if (rows == NULL)
    {
      g_signal_emit (self, signals[FAILED], 0, error->message);
      return;
    }
  for (guint i = 0; i < rows->len; i++)
    rd_ledger_row_assign (g_ptr_array_index (targets, i), g_ptr_array_index (rows, i));
}

static void
clear_pages (RdLedgerModel *self)
{
  g_hash_table_remove_all (self->pages);
  g_hash_table_remove_all (self->offset_pages);
  g_queue_clear (&self->page_order);
}

/* The ids of positions start … start + n - 1 beyond the loaded prefix, read
 * on the model's connection; 0 for a position that no longer exists. */
static GArray *
ids_by_position (RdLedgerModel  *self,
                 guint           start,
                 guint           n,
                 GError        **error)
{
  g_autoptr(RdLedgerResult) result = NULL;
  GArray *ids;
  gint64 none = 0;

  result = rd_ledger_query_run_range (self->db, self->shown_filter, start, n, NULL, error);
  if (result == NULL)
    return NULL;

  ids = g_steal_pointer (&result->ids);
  while (ids->len < n)
    g_array_append_val (ids, none);
  return ids;
}

static GPtrArray *
get_page (RdLedgerModel *self,
          guint          page)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows;
  guint start = page * RD_LEDGER_MODEL_PAGE_SIZE;
  guint n;

  rows = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (rows != NULL)
    {
      GList *link = g_queue_find (&self->page_order, GUINT_TO_POINTER (page));
      g_queue_unlink (&self->page_order, link);
      g_queue_push_head_link (&self->page_order, link);
      return rows;
    }

  n = MIN (RD_LEDGER_MODEL_PAGE_SIZE, self->n_items - start);
  if (start + n <= self->ids->len)
    rows = rd_ledger_row_load (self->db, &g_array_index (self->ids, gint64, start), n, &error);
  else
    {
      g_autoptr(GArray) ids = ids_by_position (self, start, n, &error);

      rows = ids != NULL ? rd_ledger_row_load (self->db, (gint64 *) ids->data, n, &error) : NULL;
      if (rows != NULL)
        g_hash_table_add (self->offset_pages, GUINT_TO_POINTER (page));
    }
  if (rows == NULL)
    {
      g_signal_emit (self, signals[FAILED], 0, error->message);
      return NULL;
    }

  while (g_queue_get_length (&self->page_order) >= MAX_PAGES)
    {
      gpointer oldest = g_queue_pop_tail (&self->page_order);
      g_hash_table_remove (self->pages, oldest);
      g_hash_table_remove (self->offset_pages, oldest);
    }

  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), rows);
  g_queue_push_head (&self->page_order, GUINT_TO_POINTER (page));
  return rows;
}

static void
notify_count (RdLedgerModel *self,
              guint          old_n)
{
  if (old_n != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
}

/* Says the list has target rows: a removal or an addition at its end. */
static void
expose (RdLedgerModel *self,
        guint          target)
{
  guint old = self->exposed;

  if (target == old)
    return;
  self->exposed = target;
  if (target < old)
    g_list_model_items_changed (G_LIST_MODEL (self), target, old - target, 0);
  else
    g_list_model_items_changed (G_LIST_MODEL (self), old, 0, target - old);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* The next step from what is exposed towards the count. */
static guint
next_exposure (RdLedgerModel *self)
{
  if (self->exposed < self->n_items)
    return self->exposed < GROW_LIMIT ? MIN (self->exposed + GROW_STEP, self->n_items) : self->n_items;
  if (self->exposed > GROW_LIMIT)
    return MAX (self->n_items, GROW_LIMIT);
  return MAX (self->n_items, self->exposed > GROW_STEP ? self->exposed - GROW_STEP : 0);
}

static gboolean
on_resize (gpointer user_data)
{
  RdLedgerModel *self = user_data;

  expose (self, next_exposure (self));
  if (self->exposed != self->n_items)
    return G_SOURCE_CONTINUE;

  self->resize_id = 0;
  if (self->cancellable == NULL)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  return G_SOURCE_REMOVE;
}

/* One step towards showing the count; the next on a later turn. */
static void
resize (RdLedgerModel *self)
{
  expose (self, next_exposure (self));

  if (self->exposed != self->n_items)
    {
      if (self->resize_id == 0)
        self->resize_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, on_resize, self, NULL);
    }
  else if (self->resize_id != 0)
    {
      g_source_remove (self->resize_id);
      self->resize_id = 0;
      if (self->cancellable == NULL)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }
}

/* Shows a new query's rows: its count, its first ids. */
static void
show (RdLedgerModel *self,
      guint          generation,
      GArray        *ids,
      guint          count)
{
  g_autoptr(GList) slots = NULL;
  guint old_n = self->n_items;

  g_array_unref (self->ids);
  self->ids = g_array_ref (ids);
  self->n_items = count;
  self->shown_generation = generation;
  rd_ledger_filter_free (self->shown_filter);
  self->shown_filter = rd_ledger_filter_copy (self->filter);
  clear_pages (self);

  /* The rows beyond the new end are blank until they are removed; the
   * others show their position's new case. */
  slots = g_hash_table_get_values (self->slots);
  for (GList *l = slots; l != NULL; l = l->next)
    if (((Slot *) l->data)->position >= count)
      {
        g_autoptr(RdLedgerRow) blank = g_object_new (RD_TYPE_LEDGER_ROW, NULL);

        rd_ledger_row_assign (((Slot *) l->data)->row, blank);
        slot_drop (self, l->data);
      }
  update_slots (self, FALSE);

  /* Large lists change size at once; small ones a step per turn. */
  if ((count > self->exposed && self->exposed >= GROW_LIMIT) ||
      (count < self->exposed && count >= GROW_LIMIT))
    expose (self, count);
  else
    resize (self);
  notify_count (self, old_n);
  g_signal_emit (self, signals[REPLACED], 0);
}

static gboolean
on_first_page (gpointer user_data)
{
  FirstPage *first = user_data;
  RdLedgerModel *self = first->self;

  /* Superseded, or (should the order of the two ever change) complete. */
  if (first->generation != self->generation || self->shown_generation == first->generation)
    return G_SOURCE_REMOVE;

  show (self, first->generation, first->ids, first->count);
  return G_SOURCE_REMOVE;
}

/* Pages read by position before the complete ids came may hold rows of a
 * newer ledger: they are read again when asked for; the rows handed out
 * that are not the snapshot's case at their position are given it. */
static void
correct_offset_pages (RdLedgerModel *self)
{
  g_autoptr(GList) pages = g_hash_table_get_keys (self->offset_pages);

  for (GList *l = pages; l != NULL; l = l->next)
    {
      GList *link = g_queue_find (&self->page_order, l->data);

      if (link != NULL)
        g_queue_delete_link (&self->page_order, link);
      g_hash_table_remove (self->pages, l->data);
    }
  g_hash_table_remove_all (self->offset_pages);
  update_slots (self, TRUE);
}

static gboolean
totals_equal (GArray *a,
              GArray *b)
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    {
      const RdLedgerTotal *ta = &g_array_index (a, RdLedgerTotal, i);
      const RdLedgerTotal *tb = &g_array_index (b, RdLedgerTotal, i);

      if (!g_str_equal (ta->currency, tb->currency) || ta->count != tb->count ||
          ta->paid != tb->paid || ta->approved != tb->approved)
        return FALSE;
    }
  return TRUE;
}

static gboolean
run_in_transaction (sqlite3         *db,
                    QueryData       *data,
                    GTask           *task,
                    GCancellable    *cancellable,
                    RdLedgerResult **out,
                    GError         **error)
{
  g_autoptr(RdLedgerResult) first = NULL;
  guint count = 0;

  /* A free-text search is one scan that finds few cases: one phase. */
  if (data->filter->text == NULL || *data->filter->text == '\0')
    {
      g_autoptr(GSource) source = NULL;
      FirstPage *page;

      if (!rd_ledger_query_count (db, data->filter, cancellable, &count, error))
        return FALSE;
      first = rd_ledger_query_run_range (db, data->filter, 0, RD_LEDGER_MODEL_PAGE_SIZE, cancellable, error);
      if (first == NULL)
        return FALSE;

      page = g_new0 (FirstPage, 1);
      page->self = g_object_ref (g_task_get_source_object (task));
      page->generation = data->generation;
      page->count = count;
      page->ids = g_steal_pointer (&first->ids);
      /* Never g_main_context_invoke: it would run here, on this thread,
       * when the context is free. Attached before the task returns, at the
       * same priority: shown before the completion. */
      source = g_idle_source_new ();
      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, on_first_page, page, (GDestroyNotify) first_page_free);
      g_source_set_static_name (source, "[rd] ledger first page");
      g_source_attach (source, g_task_get_context (task));
    }

  *out = rd_ledger_query_run (db, data->filter, cancellable, error);
  return *out != NULL;
}

static void
run_query_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  QueryData *data = task_data;
  g_autoptr(GError) error = NULL;
  RdLedgerResult *result = NULL;
  sqlite3 *db;

  db = rd_ledger_query_open (data->path, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Both phases see the same snapshot of the ledger. */
  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  run_in_transaction (db, data, task, cancellable, &result, &error);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  sqlite3_close (db);

  if (result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, (GDestroyNotify) rd_ledger_result_free);
}

static void
on_query_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  RdLedgerModel *self = RD_LEDGER_MODEL (object);
  QueryData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(RdLedgerResult) ledger = NULL;
  g_autoptr(GError) error = NULL;
  gboolean totals_changed;

  ledger = g_task_propagate_pointer (G_TASK (result), &error);

  /* A newer query replaced this one: it decides. */
  if (data->generation != self->generation)
    return;

  g_clear_object (&self->cancellable);

  if (ledger == NULL)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_signal_emit (self, signals[FAILED], 0, error->message);
      return;
    }

  if (self->shown_generation == data->generation && self->n_items == ledger->ids->len)
    {
      /* The first page is shown: the same snapshot, the same list. */
      g_array_unref (self->ids);
      self->ids = g_steal_pointer (&ledger->ids);
      correct_offset_pages (self);
    }
  else
    show (self, data->generation, ledger->ids, ledger->ids->len);

  totals_changed = !totals_equal (self->totals, ledger->totals);
  g_array_unref (self->totals);
  self->totals = g_steal_pointer (&ledger->totals);
  if (totals_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTALS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static GType
rd_ledger_model_get_item_type (GListModel *model)
{
  return RD_TYPE_LEDGER_ROW;
}

static guint
rd_ledger_model_get_n_items (GListModel *model)
{
  return RD_LEDGER_MODEL (model)->exposed;
}

static gpointer
rd_ledger_model_get_item (GListModel *model,
                          guint       position)
{
  RdLedgerModel *self = RD_LEDGER_MODEL (model);
  GPtrArray *rows;
  Slot *slot;
  RdLedgerRow *row;

  if (position >= self->exposed)
    return NULL;

  slot = g_hash_table_lookup (self->slots, GUINT_TO_POINTER (position));
  if (slot != NULL)
    return g_object_ref (slot->row);

  /* A page that cannot be read (a damaged file) has said so through
   * ::failed; the list still gets an item for each position it counts, a
   * blank one. */
  rows = get_page (self, position / RD_LEDGER_MODEL_PAGE_SIZE);
  if (rows == NULL)
    return g_object_new (RD_TYPE_LEDGER_ROW, NULL);

  row = g_ptr_array_index (rows, position % RD_LEDGER_MODEL_PAGE_SIZE);
  slot_add (self, position, row);
  return g_object_ref (row);
}

static void
rd_ledger_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = rd_ledger_model_get_item_type;
  iface->get_n_items = rd_ledger_model_get_n_items;
  iface->get_item = rd_ledger_model_get_item;
}

static void
rd_ledger_model_dispose (GObject *object)
{
  RdLedgerModel *self = RD_LEDGER_MODEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->resize_id, g_source_remove);

  G_OBJECT_CLASS (rd_ledger_model_parent_class)->dispose (object);
}

static void
rd_ledger_model_finalize (GObject *object)
{
  RdLedgerModel *self = RD_LEDGER_MODEL (object);
  g_autoptr(GList) slots = g_hash_table_get_values (self->slots);

  for (GList *l = slots; l != NULL; l = l->next)
    slot_drop (self, l->data);
  g_hash_table_unref (self->slots);
  g_hash_table_unref (self->stale);
  clear_pages (self);
  g_hash_table_unref (self->pages);
  g_hash_table_unref (self->offset_pages);
  g_array_unref (self->ids);
  g_array_unref (self->totals);
  rd_ledger_filter_free (self->filter);
  rd_ledger_filter_free (self->shown_filter);
  g_clear_pointer (&self->db, sqlite3_close);
  g_free (self->path);

  G_OBJECT_CLASS (rd_ledger_model_parent_class)->finalize (object);
}

static void
rd_ledger_model_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RdLedgerModel *self = RD_LEDGER_MODEL (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->exposed);
      break;
    case PROP_COUNT:
      g_value_set_uint (value, self->n_items);
      break;
    case PROP_TOTALS:
      g_value_set_boxed (value, self->totals);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, rd_ledger_model_get_loading (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_ledger_model_class_init (RdLedgerModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = rd_ledger_model_dispose;
  object_class->finalize = rd_ledger_model_finalize;
  object_class->get_property = rd_ledger_model_get_property;

  properties[PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_COUNT] = g_param_spec_uint ("count", NULL, NULL, 0, G_MAXUINT, 0, flags);
  /* GArray of RdLedgerTotal, see rd_ledger_model_get_totals (). */
  properties[PROP_TOTALS] = g_param_spec_boxed ("totals", NULL, NULL, G_TYPE_ARRAY, flags);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* ::failed (const char *message): a query or a page could not be read. */
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* ::replaced: a new list is shown (its rows, maybe its count); the rows
   * already handed out now stand for the cases at their positions. */
  signals[REPLACED] = g_signal_new ("replaced", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
rd_ledger_model_init (RdLedgerModel *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->totals = g_array_new (FALSE, TRUE, sizeof (RdLedgerTotal));
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  self->offset_pages = g_hash_table_new (NULL, NULL);
  self->slots = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->stale = g_hash_table_new (NULL, NULL);
  self->filter = rd_ledger_filter_new ();
  self->shown_filter = rd_ledger_filter_new ();
  g_queue_init (&self->page_order);
}

RdLedgerModel *
rd_ledger_model_new (const char  *path,
                     GError     **error)
{
  g_autoptr(RdLedgerModel) self = NULL;
  sqlite3 *db;

  g_return_val_if_fail (path != NULL, NULL);

  db = rd_ledger_query_open (path, error);
  if (db == NULL)
    return NULL;

  self = g_object_new (RD_TYPE_LEDGER_MODEL, NULL);
  self->db = db;
  self->path = g_strdup (path);
  return g_steal_pointer (&self);
}

void
rd_ledger_model_set_query (RdLedgerModel        *self,
                           const RdLedgerFilter *filter)
{
  g_autoptr(GTask) task = NULL;
  QueryData *data;
  gboolean was_loading;

  g_return_if_fail (RD_IS_LEDGER_MODEL (self));
  g_return_if_fail (filter != NULL);

  was_loading = rd_ledger_model_get_loading (self);

  if (filter != self->filter)
    {
      RdLedgerFilter *copy = rd_ledger_filter_copy (filter);
      rd_ledger_filter_free (self->filter);
      self->filter = copy;
    }

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->generation++;

  data = g_new0 (QueryData, 1);
  data->path = g_strdup (self->path);
  data->filter = rd_ledger_filter_copy (self->filter);
  data->generation = self->generation;

  task = g_task_new (self, self->cancellable, on_query_done, NULL);
  g_task_set_source_tag (task, rd_ledger_model_set_query);
  g_task_set_task_data (task, data, (GDestroyNotify) query_data_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, run_query_thread);

  if (!was_loading)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

void
rd_ledger_model_refresh (RdLedgerModel *self)
{
  g_return_if_fail (RD_IS_LEDGER_MODEL (self));
  rd_ledger_model_set_query (self, self->filter);
}

const RdLedgerFilter *
rd_ledger_model_get_query (RdLedgerModel *self)
{
  g_return_val_if_fail (RD_IS_LEDGER_MODEL (self), NULL);
  return self->filter;
}

gboolean
rd_ledger_model_get_loading (RdLedgerModel *self)
{
  g_return_val_if_fail (RD_IS_LEDGER_MODEL (self), FALSE);
  return self->cancellable != NULL || self->resize_id != 0;
}

guint
rd_ledger_model_get_count (RdLedgerModel *self)
{
  g_return_val_if_fail (RD_IS_LEDGER_MODEL (self), 0);
  return self->n_items;
}

GArray *
rd_ledger_model_get_totals (RdLedgerModel *self)
{
  g_return_val_if_fail (RD_IS_LEDGER_MODEL (self), NULL);
  return self->totals;
}

gint64
rd_ledger_model_get_id (RdLedgerModel *self,
                        guint          position)
{
  g_return_val_if_fail (RD_IS_LEDGER_MODEL (self), 0);
  if (position >= self->n_items)
    return 0;
  if (position >= self->ids->len)
    {
      g_autoptr(GArray) ids = ids_by_position (self, position, 1, NULL);
      return ids != NULL ? g_array_index (ids, gint64, 0) : 0;
    }
  return g_array_index (self->ids, gint64, position);
}

int
rd_ledger_model_find_id (RdLedgerModel *self,
                         gint64         id)
{
  g_return_val_if_fail (RD_IS_LEDGER_MODEL (self), -1);
  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == id)
      return (int) i;
  return -1;
}
