/* rd-import-compare.c
 *
 * One row of a file against the ledger (rd-import.h says what may
 * change). The row's case is found by its key in case_platform; else, for
 * a key the ledger does not know, an open case of the same channel and
 * order without an after-sales number that no import has matched yet is
 * the row's case (one such case: it is adopted; several: the row is new
 * and its notes name them).
 *
 * Keys within the file: the first row of a key is compared with the
 * ledger; a later row of the same key is unchanged when its cells are the
 * same as the first's, and an error naming the first otherwise. Each key
 * is remembered as a 64-bit hash with its first row and a 64-bit hash of
 * that row's cells (16 bytes an entry in an open-addressing table: a
 * million rows in 32 MB).
 *
 * What a row may change in a case it already has:
 *  - the platform's facts (case_platform: its status as written and what
 *    it means, what the buyer asks back), always as the file says;
 *  - the case's platform fields (order state, buyer name, deadline, return
 *    tracking, outbound parcel, and the amount paid while nobody approved
 *    an amount) while the case is open on the platform, or reopened there;
 *    an empty cell never clears a field;
 *  - the workflow status, only while it is the status the import last set
 *    (case_platform.status_set): once a person moved it, status_set is
 *    cleared and the platform's status is recorded, not applied;
 *  - a case the shop closed (person's status, not open) that the platform
 *    reopened gets follow_up, once.
 * Never the approved amount, breakdown, evidence, notes, payouts or any
 * other field.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-case-history.h"
#include "rd-case-store.h"
#include "rd-intercept-types.h"
#include "rd-import-private.h"

/* The reason of a new case whose row gives none (rd_refund_reason_list). */
#define NO_REASON_ID "other"

typedef struct
{
  guint64 key;      /* 0: empty slot */
  guint32 cells;
  guint32 row;
} KeySlot;

struct _RdImportCompare
{
  RdImport     *import;
  RdStore      *store;
  RdCaseReader *reader;
  sqlite3_stmt *by_key;
  sqlite3_stmt *adoptable;
  sqlite3_stmt *in_register;
  GHashTable   *adopted;      /* case ids adopted by earlier rows */

  KeySlot      *slots;
  gsize         n_slots;      /* a power of two */
  gsize         n_used;
};

static const char *const state_ids[] = { "open", "refunded", "refused", "closed" };

const char *
_rd_import_state_to_id (RdImportPlatformState state)
{
  return (guint) state < G_N_ELEMENTS (state_ids) ? state_ids[state] : "open";
}

RdImportPlatformState
_rd_import_state_from_id (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (state_ids); i++)
    if (g_strcmp0 (id, state_ids[i]) == 0)
      return (RdImportPlatformState) i;
  return RD_IMPORT_PLATFORM_OPEN;
}

void
_rd_import_facts_clear (RdImportFacts *facts)
{
  g_clear_pointer (&facts->channel, g_free);
  g_clear_pointer (&facts->key, g_free);
  g_clear_pointer (&facts->platform_status, g_free);
  g_clear_pointer (&facts->status_set, g_free);
}

void
_rd_import_plan_free (RdImportPlan *plan)
{
  if (plan == NULL)
    return;
  rd_import_item_free (plan->item);
  g_clear_pointer (&plan->record, rd_import_record_free);
  g_clear_pointer (&plan->before, rd_case_free);
  g_clear_pointer (&plan->after, rd_case_free);
  g_free (plan->old_platform_status);
  _rd_import_facts_clear (&plan->facts_before);
  _rd_import_facts_clear (&plan->facts_after);
  g_free (plan);
}

RdImportCompare *
_rd_import_compare_new (RdImport  *import,
                        RdStore   *store,
                        GError   **error)
{
  g_autoptr(RdImportCompare) compare = g_new0 (RdImportCompare, 1);
  const char *const *open_ids = rd_case_status_open_ids ();
  g_autoptr(GString) sql = g_string_new (NULL);

  compare->import = import;
  compare->store = g_object_ref (store);
  compare->adopted = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  compare->n_slots = 1024;
  compare->slots = g_new0 (KeySlot, compare->n_slots);

  compare->reader = rd_case_reader_new (store, error);
  if (compare->reader == NULL)
    return NULL;
  compare->by_key = rd_store_prepare (store, "SELECT case_id, platform_status, platform_state, refund_amount,"
                                             " status_set, follow_up, import_id, row FROM case_platform"
                                             " WHERE channel = ?1 AND platform_key = ?2", error);
  if (compare->by_key == NULL)
    return NULL;
  /* The open ids are constants of this program, not user text. */
  /* By the intake's index of channel and order (left to itself, the
   * planner prefers the ledger's channel index for an ORDER BY and reads
   * every case of the channel), and sorted here: an ORDER BY builds a
   * temporary b-tree, which inside the import's write transaction is
   * written to a temporary file per row. */
  g_string_append (sql, "SELECT id, requested_at FROM cases INDEXED BY cases_channel_order"
                        " WHERE channel = ?1 AND order_no = ?2"
                        " AND coalesce (after_sales_no, '') = '' AND status IN (");
  for (guint i = 0; open_ids[i] != NULL; i++)
    g_string_append_printf (sql, "%s'%s'", i ? ", " : "", open_ids[i]);
  g_string_append (sql, ") AND NOT EXISTS (SELECT 1 FROM case_platform p WHERE p.case_id = cases.id)");
  compare->adoptable = rd_store_prepare (store, sql->str, error);
  if (compare->adoptable == NULL)
    return NULL;
  compare->in_register = rd_store_prepare (store, "SELECT EXISTS (SELECT 1 FROM intercepts WHERE tracking_no = ?1)"
                                                  " OR EXISTS (SELECT 1 FROM intercepts WHERE case_id = ?2)", error);
  if (compare->in_register == NULL)
    return NULL;
  return g_steal_pointer (&compare);
}

void
_rd_import_compare_free (RdImportCompare *compare)
{
  if (compare == NULL)
    return;
  g_clear_pointer (&compare->reader, rd_case_reader_free);
  g_clear_pointer (&compare->by_key, sqlite3_finalize);
  g_clear_pointer (&compare->adoptable, sqlite3_finalize);
  g_clear_pointer (&compare->in_register, sqlite3_finalize);
  g_clear_pointer (&compare->adopted, g_hash_table_unref);
  g_free (compare->slots);
  g_clear_object (&compare->store);
  g_free (compare);
}

/* FNV-1a, 64 bits, over text and a separator. */
static guint64
hash_text (guint64     h,
           const char *text)
{
  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    h = (h ^ (guint8) *p) * G_GUINT64_CONSTANT (1099511628211);
  return (h ^ 0xff) * G_GUINT64_CONSTANT (1099511628211);
}

#define FNV_START G_GUINT64_CONSTANT (14695981039346656037)

static guint32
hash_cells (const RdTableRow *row)
{
  guint64 h = FNV_START;

  for (guint i = 0; i < row->n_cells; i++)
    h = hash_text (h, row->cells[i]);
  return (guint32) (h ^ (h >> 32));
}

/* The slot of key: its own, or the empty one where it goes. */
static KeySlot *
find_slot (RdImportCompare *compare,
           guint64          key)
{
  gsize mask = compare->n_slots - 1;
  gsize i = (gsize) (key ^ (key >> 29)) & mask;

  while (compare->slots[i].key != 0 && compare->slots[i].key != key)
    i = (i + 1) & mask;
  return &compare->slots[i];
}

static void
grow_slots (RdImportCompare *compare)
{
  KeySlot *old = compare->slots;
  gsize n_old = compare->n_slots;

  compare->n_slots *= 2;
  compare->slots = g_new0 (KeySlot, compare->n_slots);
  for (gsize i = 0; i < n_old; i++)
    if (old[i].key != 0)
      *find_slot (compare, old[i].key) = old[i];
  g_free (old);
}

static void
add_problem (RdImportItem *item,
             int           column,
             char         *message)
{
  RdImportProblem *problem = g_new0 (RdImportProblem, 1);

  problem->column = column;
  problem->message = message;
  g_ptr_array_add (item->problems, problem);
}

static void
add_change (RdImportItem *item,
            const char   *field,
            const char   *label,
            const char   *old_value,
            const char   *new_value)
{
  RdImportChange *change = g_new0 (RdImportChange, 1);
  const char *known = rd_case_history_field_label (field);
  g_autofree char *old_text = !(old_value == NULL || *old_value == '\0')
                              ? rd_case_history_format_value (field, old_value) : g_strdup ("");

  change->field = g_strdup (known != NULL ? known : label);
  change->old_value = g_steal_pointer (&old_text);
  change->new_value = rd_case_history_format_value (field, new_value);
  g_ptr_array_add (item->changes, change);
}

/* The key without its channel (stored beside it): the after-sales number,
 * or the order number and refund id separated by U+001F. */
static char *
platform_key (const RdImportRecord *record)
{
  const char *sep;

  if (record->key == NULL)
    return NULL;
  sep = strchr (record->key, '\x1f');
  if (record->rcase != NULL && record->rcase->channel != NULL && sep != NULL &&
      (gsize) (sep - record->key) == strlen (record->rcase->channel) &&
      strncmp (record->key, record->rcase->channel, sep - record->key) == 0)
    return g_strdup (sep + 1);
  return g_strdup (record->key);
}

static RdImportItem *
item_new (const RdImportRecord *record)
{
  RdImportItem *item = g_new0 (RdImportItem, 1);
  g_autofree char *key = platform_key (record);

  item->row = record->row;
  if (key != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (key, "\x1f", -1);

      item->key = g_strjoinv (" / ", parts);
    }
  item->kind = record->rcase != NULL ? record->rcase->kind : RD_REFUND_KIND_NONE;
  item->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) _rd_import_change_free);
  item->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) _rd_import_problem_free);
  item->notes = g_ptr_array_new_with_free_func (g_free);
  return item;
}

static gboolean
is_blank (const char *text)
{
  return text == NULL || *text == '\0';
}

/* A text field of the case takes the file's value when the file has one. */
static void
merge_text (RdImportItem  *item,
            const char    *field,
            char         **stored,
            const char    *given)
{
  if (is_blank (given) || g_strcmp0 (*stored, given) == 0)
    return;
  add_change (item, field, NULL, *stored, given);
  g_free (*stored);
  *stored = g_strdup (given);
}

static void
merge_int (RdImportItem *item,
           const char   *field,
           gint64       *stored,
           gint64        given)
{
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;

  if (given <= 0 || *stored == given)
    return;
  old_text = *stored != 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, *stored) : NULL;
  new_text = g_strdup_printf ("%" G_GINT64_FORMAT, given);
  add_change (item, field, NULL, old_text, new_text);
  *stored = given;
}

static gboolean
read_facts (RdImportCompare  *compare,
            const char       *channel,
            const char       *key,
            gint64           *case_id,
            RdImportFacts    *facts,
            GError          **error)
{
  sqlite3_stmt *stmt = compare->by_key;
  int rc;

  sqlite3_bind_text (stmt, 1, channel, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *case_id = sqlite3_column_int64 (stmt, 0);
      facts->exists = TRUE;
      facts->channel = g_strdup (channel);
      facts->key = g_strdup (key);
      facts->platform_status = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      facts->state = _rd_import_state_from_id ((const char *) sqlite3_column_text (stmt, 2));
      facts->refund_amount = sqlite3_column_type (stmt, 3) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 3);
      facts->status_set = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      facts->follow_up = sqlite3_column_int (stmt, 5) != 0;
      facts->import_id = sqlite3_column_int64 (stmt, 6);
      facts->row = (guint64) sqlite3_column_int64 (stmt, 7);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (compare->store, rc, error);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  gint64 id;
  gint64 requested_at;
} Adoptable;

static int
compare_adoptable (gconstpointer a,
                   gconstpointer b)
{
  const Adoptable *x = a, *y = b;

  if (x->requested_at != y->requested_at)
    return x->requested_at > y->requested_at ? -1 : 1;
  return x->id > y->id ? -1 : x->id < y->id;
}

/* The open cases of the channel and order without an after-sales number
 * that no import matched (newest first), less those adopted by rows
 * before. */
static GArray *
find_adoptable (RdImportCompare  *compare,
                const RdCase     *c,
                GError          **error)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (Adoptable));
  GArray *ids;
  sqlite3_stmt *stmt = compare->adoptable;
  int rc;

  sqlite3_bind_text (stmt, 1, c->channel, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, c->order_no, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Adoptable a = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };

      if (!g_hash_table_contains (compare->adopted, &a.id))
        g_array_append_val (found, a);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (compare->store, rc, error);
      return NULL;
    }
  /* Newest first, as the intake's duplicate guard lists them. */
  g_array_sort (found, compare_adoptable);
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), found->len);
  for (guint i = 0; i < found->len; i++)
    g_array_append_val (ids, g_array_index (found, Adoptable, i).id);
  return ids;
}

/* A shipped refund-only case with an outbound parcel not in the register. */
static gboolean
should_propose (RdImportCompare *compare,
                const RdCase    *c)
{
  g_autofree char *tracking = NULL;
  gboolean in_register = FALSE;

  if (c->kind != RD_REFUND_KIND_REFUND_ONLY_SHIPPED || is_blank (c->outbound_tracking) ||
      !rd_case_status_is_open (c->status))
    return FALSE;
  tracking = rd_tracking_number_normalize (c->outbound_tracking);
  sqlite3_bind_text (compare->in_register, 1, tracking != NULL ? tracking : c->outbound_tracking, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (compare->in_register, 2, c->id);
  if (sqlite3_step (compare->in_register) == SQLITE_ROW)
    in_register = sqlite3_column_int (compare->in_register, 0) != 0;
  sqlite3_reset (compare->in_register);
  return !in_register;
}

static void
facts_from_record (RdImportFacts        *facts,
                   const RdImportRecord *record)
{
  g_free (facts->platform_status);
  facts->platform_status = g_strdup (record->platform_status);
  facts->state = record->platform_state;
  facts->refund_amount = record->refund_amount;
}

/* What the row does to the case it already has (plan->before). */
static void
plan_update (RdImportPlan *plan,
             gboolean      adopt)
{
  const RdImportRecord *record = plan->record;
  const RdCase *given = record->rcase;
  RdImportItem *item = plan->item;
  RdCase *after = plan->after = rd_case_copy (plan->before);
  RdImportFacts *before_facts = &plan->facts_before;
  RdImportFacts *facts = &plan->facts_after;
  gboolean was_open_there = !before_facts->exists || before_facts->state == RD_IMPORT_PLATFORM_OPEN;
  gboolean shop_closed = !rd_case_status_is_open (plan->before->status);
  const char *status_id = rd_case_status_to_id (plan->before->status);
  gboolean person_owns;

  facts->exists = TRUE;
  facts->channel = g_strdup (given->channel);
  facts->key = platform_key (record);
  if (before_facts->exists)
    {
      facts->platform_status = g_strdup (before_facts->platform_status);
      facts->state = before_facts->state;
      facts->refund_amount = before_facts->refund_amount;
      facts->status_set = g_strdup (before_facts->status_set);
      facts->follow_up = before_facts->follow_up;
    }
  else
    {
      /* A hand-entered case: its status is the import's while nobody
       * moved it from the intake's. */
      facts->refund_amount = -1;
      if (plan->before->status == RD_CASE_STATUS_REQUESTED)
        facts->status_set = g_strdup (status_id);
    }

  if (adopt)
    {
      merge_text (item, "after_sales_no", &after->after_sales_no, given->after_sales_no);
      /* Translators: %s is the case number, RF-2026-000123 */
      g_ptr_array_add (item->notes, g_strdup_printf (_("matched to the hand-entered case %s"),
                                                     after->case_no));
    }

  if (was_open_there || record->platform_state == RD_IMPORT_PLATFORM_OPEN)
    {
      merge_text (item, "order_state", &after->order_state, given->order_state);
      merge_text (item, "buyer_name", &after->buyer_name, given->buyer_name);
      merge_int (item, "platform_deadline", &after->platform_deadline, given->platform_deadline);
      merge_text (item, "return_tracking", &after->return_tracking, given->return_tracking);
      merge_text (item, "outbound_courier", &after->outbound_courier, given->outbound_courier);
      merge_text (item, "outbound_tracking", &after->outbound_tracking, given->outbound_tracking);
      if (after->approved_amount < 0 && g_strcmp0 (after->currency, given->currency) == 0)
        merge_int (item, "amount_paid", &after->amount_paid, given->amount_paid);
      else if (given->amount_paid > 0 && given->amount_paid != after->amount_paid)
        g_ptr_array_add (item->notes, g_strdup (_("the amount paid on the platform differs: the case’s is kept")));
    }

  person_owns = facts->status_set == NULL || g_strcmp0 (facts->status_set, status_id) != 0;
  if (!person_owns)
    {
      if (given->status != after->status && given->status != RD_CASE_STATUS_NONE)
        {
          add_change (item, "status", NULL, status_id, rd_case_status_to_id (given->status));
          after->status = given->status;
          if (given->paid_at != 0 && after->paid_at == 0)
            after->paid_at = given->paid_at;
          if (given->closed_at != 0 && after->closed_at == 0)
            after->closed_at = given->closed_at;
        }
      g_free (facts->status_set);
      facts->status_set = g_strdup (rd_case_status_to_id (after->status));
    }
  else
    {
      g_clear_pointer (&facts->status_set, g_free);
      if (g_strcmp0 (before_facts->platform_status, record->platform_status) != 0 && !is_blank (record->platform_status))
        /* Translators: %s is the platform's status as the file writes it, 退款成功 */
        g_ptr_array_add (item->notes, g_strdup_printf (_("the shop’s status kept; the platform says %s"),
                                                       record->platform_status));
    }

  if (g_strcmp0 (before_facts->platform_status, record->platform_status) != 0)
    {
      add_change (item, "platform_status", _("Platform status"), before_facts->platform_status,
                  record->platform_status);
      plan->platform_status_changed = TRUE;
      plan->old_platform_status = g_strdup (before_facts->platform_status);
    }
  facts_from_record (facts, record);

  if (person_owns && shop_closed && record->platform_state == RD_IMPORT_PLATFORM_OPEN &&
      before_facts->exists && before_facts->state != RD_IMPORT_PLATFORM_OPEN && !before_facts->follow_up)
    {
      facts->follow_up = TRUE;
      plan->flagged = TRUE;
      add_change (item, "follow_up", _("Follow-up"), NULL, C_("follow-up", "Flagged"));
      g_ptr_array_add (item->notes, g_strdup (_("reopened on the platform: flagged for follow-up")));
    }

  plan->case_changed = (g_strcmp0 (after->after_sales_no, plan->before->after_sales_no) != 0 ||
                        g_strcmp0 (after->order_state, plan->before->order_state) != 0 ||
                        g_strcmp0 (after->buyer_name, plan->before->buyer_name) != 0 ||
                        after->platform_deadline != plan->before->platform_deadline ||
                        g_strcmp0 (after->return_tracking, plan->before->return_tracking) != 0 ||
                        g_strcmp0 (after->outbound_courier, plan->before->outbound_courier) != 0 ||
                        g_strcmp0 (after->outbound_tracking, plan->before->outbound_tracking) != 0 ||
                        after->amount_paid != plan->before->amount_paid ||
                        after->status != plan->before->status);
  plan->facts_changed = !before_facts->exists ||
                        g_strcmp0 (before_facts->platform_status, facts->platform_status) != 0 ||
                        before_facts->state != facts->state ||
                        before_facts->refund_amount != facts->refund_amount ||
                        g_strcmp0 (before_facts->status_set, facts->status_set) != 0 ||
                        before_facts->follow_up != facts->follow_up;
  item->outcome = plan->case_changed || plan->facts_changed ? RD_IMPORT_OUTCOME_UPDATED
                                                            : RD_IMPORT_OUTCOME_UNCHANGED;
}

RdImportPlan *
_rd_import_compare_row (RdImportCompare   *compare,
                        const RdTableRow  *row,
                        GError           **error)
{
  g_autoptr(RdImportPlan) plan = g_new0 (RdImportPlan, 1);
  RdImportMapping *mapping = compare->import->mapping;
  RdImportItem *item;
  RdCase *given;
  g_autofree char *key = NULL;
  gint64 case_id = 0;
  guint64 key_hash;
  KeySlot *slot;

  plan->record = rd_import_mapping_read (mapping, row, compare->import->date_1904);
  plan->item = item = item_new (plan->record);
  given = plan->record->rcase;

  for (guint i = 0; i < plan->record->problems->len; i++)
    {
      const RdImportProblem *problem = plan->record->problems->pdata[i];

      add_problem (item, problem->column, g_strdup (problem->message));
    }
  if (item->problems->len > 0 || given == NULL || plan->record->key == NULL)
    {
      if (item->problems->len == 0)
        add_problem (item, -1, g_strdup (_("The row has no after-sales or order number.")));
      item->outcome = RD_IMPORT_OUTCOME_ERROR;
      return g_steal_pointer (&plan);
    }

  /* The same key earlier in the file. */
  key = platform_key (plan->record);
  key_hash = hash_text (hash_text (FNV_START, given->channel), key);
  if (key_hash == 0)
    key_hash = 1;
  slot = find_slot (compare, key_hash);
  if (slot->key != 0)
    {
      if (slot->cells == hash_cells (row))
        {
          item->outcome = RD_IMPORT_OUTCOME_UNCHANGED;
          /* Translators: %s is a row number of the file */
          g_ptr_array_add (item->notes, g_strdup_printf (_("the same as row %llu"),
                                                     (unsigned long long) slot->row));
        }
      else
        {
          int column = rd_import_mapping_get_column (mapping, RD_IMPORT_FIELD_AFTER_SALES_NO);

          if (column < 0)
            column = rd_import_mapping_get_column (mapping, RD_IMPORT_FIELD_ORDER_NO);
          /* Translators: the after-sales (or order) number, and the row that has it first */
          add_problem (item, column, g_strdup_printf (_("“%s” is also on row %llu, with other values: keep one of the two rows"),
                                                      item->key, (unsigned long long) slot->row));
          item->outcome = RD_IMPORT_OUTCOME_ERROR;
        }
      return g_steal_pointer (&plan);
    }
  slot->key = key_hash;
  slot->cells = hash_cells (row);
  slot->row = (guint32) MIN (row->number, G_MAXUINT32);
  if (++compare->n_used * 2 > compare->n_slots)
    grow_slots (compare);

  if (!read_facts (compare, given->channel, key, &case_id, &plan->facts_before, error))
    return NULL;
  if (plan->facts_before.exists)
    {
      plan->before = rd_case_reader_get (compare->reader, case_id, error);
      if (plan->before == NULL)
        return NULL;
      plan_update (plan, FALSE);
    }
  else
    {
      g_autoptr(GArray) ids = find_adoptable (compare, given, error);

      if (ids == NULL)
        return NULL;
      if (ids->len == 1)
        {
          gint64 *id = g_new (gint64, 1);

          *id = g_array_index (ids, gint64, 0);
          plan->before = rd_case_reader_get (compare->reader, *id, error);
          if (plan->before == NULL)
            {
              g_free (id);
              return NULL;
            }
          g_hash_table_add (compare->adopted, id);
          plan_update (plan, TRUE);
        }
      else
        {
          item->outcome = RD_IMPORT_OUTCOME_NEW;
          plan->after = rd_case_copy (given);
          if (plan->after->reason == NULL || *plan->after->reason == '\0')
            {
              /* The platform gave none (no such column, or an empty
               * cell): a case needs one. */
              g_free (plan->after->reason);
              plan->after->reason = g_strdup (NO_REASON_ID);
            }
          plan->facts_after.exists = TRUE;
          plan->facts_after.channel = g_strdup (given->channel);
          plan->facts_after.key = g_strdup (key);
          plan->facts_after.status_set = g_strdup (rd_case_status_to_id (given->status));
          facts_from_record (&plan->facts_after, plan->record);
          plan->facts_changed = TRUE;
          if (ids->len > 1)
            {
              g_autoptr(GString) names = g_string_new (NULL);

              for (guint i = 0; i < ids->len; i++)
                {
                  g_autoptr(RdCase) other = rd_case_reader_get (compare->reader, g_array_index (ids, gint64, i), NULL);

                  if (other != NULL)
                    g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "", other->case_no);
                }
              /* Translators: %s lists case numbers, "RF-2026-000123, RF-2026-000124" */
              g_ptr_array_add (item->notes, g_strdup_printf (_("possible duplicate of %s"), names->str));
            }
        }
    }

  /* What the ledger would refuse is the row's problem, seen in the preview. */
  if (plan->after != NULL && item->outcome != RD_IMPORT_OUTCOME_UNCHANGED)
    {
      g_autoptr(GError) invalid = NULL;

      if (!rd_case_validate (plan->after, &invalid))
        {
          add_problem (item, -1, g_strdup (invalid->message));
          item->outcome = RD_IMPORT_OUTCOME_ERROR;
          return g_steal_pointer (&plan);
        }
    }

  if ((given->reason == NULL || *given->reason == '\0') && item->outcome == RD_IMPORT_OUTCOME_NEW)
    /* Translators: %s is the name of the default reason, "Other" */
    g_ptr_array_add (item->notes, g_strdup_printf (_("no reason in the file: stored as “%s”"),
                                                   rd_refund_reason_get_name (NO_REASON_ID)));
  else if (!plan->record->reason_known && item->outcome == RD_IMPORT_OUTCOME_NEW)
    /* Translators: %s is the buyer's reason as the file writes it */
    g_ptr_array_add (item->notes, g_strdup_printf (_("reason “%s” is not in the table: kept as written"),
                                                   given->reason != NULL ? given->reason : ""));
  if (item->outcome != RD_IMPORT_OUTCOME_UNCHANGED &&
      should_propose (compare, plan->after != NULL ? plan->after : given))
    {
      plan->propose = TRUE;
      g_ptr_array_add (item->notes, g_strdup (_("proposed for the intercept register")));
    }
  if (plan->before != NULL)
    {
      item->case_id = plan->before->id;
      item->case_no = g_strdup (plan->before->case_no);
    }
  return g_steal_pointer (&plan);
}
