/* rd-intercepts-page.c
 *
 * The Intercepts page: the register in a GtkColumnView with quick views
 * (due first, stalled, claims, losses, not matched, all) and their counts; the time left
 * before the platform's deadline in red under two hours; the steps valid for
 * the selected parcel or claim in the action bar, with the policy's advice
 * (nudge the courier, treat as lost, refuse with the signing proof) above
 * it; a parcel that came back with a number nobody registered is matched
 * to its case ("Match to Case…"); above the list, the imported cases
 * whose parcel is still on its way to the buyer (rd-intercept-proposals.c),
 * each added through the same new-intercept dialog; and warehouse scan mode, which fills the
 * page. Every write goes
 * through rd-intercepts.h; the page only reads again afterwards.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-operator-guard.h"
#include "rd-intercept-dialogs.h"
#include "rd-import.h"
#include "rd-intercept-item.h"
#include "rd-intercept-proposals.h"
#include "rd-intercepts.h"
#include "rd-intercepts-page.h"
#include "rd-case-store.h"
#include "rd-money-totals.h"
#include "rd-scan-mode.h"

struct _RdInterceptsPage
{
  AdwBin              parent_instance;

  RdStore            *store;
  RdContext          *context;
  RdInterceptsView    view;
  GListStore         *parcels;
  GListStore         *claims;
  GtkSingleSelection *parcel_selection;
  GtkSingleSelection *claim_selection;
  guint               tick_id;

  /* The register is read on a worker (see load_register); a parcel to
   * select when the rows come. */
  GCancellable       *loading;
  gint64              pending_select;

  AdwToastOverlay    *toast_overlay;

  /* Template children */
  GtkStack           *mode_stack;
  GtkToggleButton    *due_button;
  GtkToggleButton    *stalled_button;
  GtkToggleButton    *claims_button;
  GtkToggleButton    *losses_button;
  GtkToggleButton    *unmatched_button;
  GtkToggleButton    *all_button;
  GtkStack           *view_stack;
  GtkColumnView      *parcels_view;
  GtkColumnView      *claims_view;
  AdwStatusPage      *empty_page;
  GtkLabel           *hint_label;
  RdInterceptProposals *proposals;
  GtkLabel           *footer_label;
  GtkBox             *actions_box;
  RdScanMode         *scan_mode;
  GtkWidget          *new_button;
  GtkWidget          *scan_button;
};

G_DEFINE_FINAL_TYPE (RdInterceptsPage, rd_intercepts_page, ADW_TYPE_BIN)

static void update_actions (RdInterceptsPage *self);

/* helpers */

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
toast (RdInterceptsPage *self,
       const char       *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* The operator signed in at this moment, or NULL with "Sign in first"
 * shown: nothing is written under no one, nor under the system's user. */
static char *
get_operator (RdInterceptsPage *self)
{
  g_autoptr(GError) error = NULL;
  const char *current = rd_operator_guard_require (self->context, &error);

  if (current == NULL)
    {
      toast (self, error->message);
      return NULL;
    }
  return g_strdup (current);
}

/* What the signed-in role may not do is greyed out, saying who may. */
static void
update_buttons (RdInterceptsPage *self)
{
  rd_operator_guard_widget (self->context, self->new_button, RD_ACTION_INTERCEPT);
  rd_operator_guard_widget (self->context, self->scan_button, RD_ACTION_SCAN);
  rd_operator_guard_widget (self->context, GTK_WIDGET (self->actions_box), RD_ACTION_INTERCEPT);
  rd_intercept_proposals_guard (self->proposals, self->context);
}

/* A dialog whose answer is written as the operator: closed when they go. */
static void
guard (RdInterceptsPage *self,
       GtkWindow        *dialog)
{
  rd_operator_guard_dialog (self->context, dialog);
}

static gboolean
ensure_store (RdInterceptsPage *self)
{
  if (self->store != NULL)
    return TRUE;

  if (rd_context_get_store (self->context) != NULL)
    rd_intercepts_page_set_store (self, rd_context_get_store (self->context));

  return self->store != NULL;
}

static void
set_button_label (GtkToggleButton *button,
                  const char      *name,
                  guint            count)
{
  g_autofree char *label = g_strdup_printf ("%s (%u)", name, count);

  gtk_button_set_label (GTK_BUTTON (button), label);
}

static RdInterceptItem *
selected_item (RdInterceptsPage *self)
{
  GtkSingleSelection *selection = self->view == RD_INTERCEPTS_VIEW_CLAIMS
                                  ? self->claim_selection : self->parcel_selection;

  return gtk_single_selection_get_selected_item (selection);
}

static gint64
selected_id (RdInterceptsPage *self)
{
  RdInterceptItem *item = selected_item (self);

  if (item == NULL)
    return 0;
  if (rd_intercept_item_get_intercept (item) != NULL)
    return rd_intercept_item_get_intercept (item)->id;
  return rd_intercept_item_get_claim (item)->id;
}

static void
select_id (RdInterceptsPage *self,
           gint64            id)
{
  GtkSingleSelection *selection = self->view == RD_INTERCEPTS_VIEW_CLAIMS
                                  ? self->claim_selection : self->parcel_selection;
  GListModel *model = gtk_single_selection_get_model (selection);
  GtkColumnView *view = self->view == RD_INTERCEPTS_VIEW_CLAIMS ? self->claims_view : self->parcels_view;
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RdInterceptItem) item = g_list_model_get_item (model, i);
      gint64 item_id = rd_intercept_item_get_intercept (item) != NULL
                       ? rd_intercept_item_get_intercept (item)->id
                       : rd_intercept_item_get_claim (item)->id;

      if (item_id == id)
        {
          gtk_single_selection_set_selected (selection, i);
          gtk_widget_activate_action (GTK_WIDGET (view), "list.scroll-to-item", "u", i);
          return;
        }
    }
  gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
}

static const char *
empty_title (RdInterceptsView view)
{
  switch (view)
    {
    case RD_INTERCEPTS_VIEW_DUE:     return _("No Parcels Waiting for a Result");
    case RD_INTERCEPTS_VIEW_STALLED: return _("No Stalled Parcels");
    case RD_INTERCEPTS_VIEW_CLAIMS:  return _("No Claims");
    case RD_INTERCEPTS_VIEW_LOSSES:  return _("No Losses");
    case RD_INTERCEPTS_VIEW_UNMATCHED: return _("No Parcels to Match");
    case RD_INTERCEPTS_VIEW_ALL:
    default:                         return _("No Intercepts Yet");
    }
}

/* Loading the register: the counts of every view, the rows of the view
 * shown (as items) and its footer. At 1M cases the register holds 200k
 * parcels and its counts read 45k of them with their payouts (1.4 s): it
 * is read on a worker thread with a read-only connection of its own, and
 * the page shows the result when it comes. A ledger without a file (in
 * memory) is read at once. */
typedef struct
{
  RdInterceptsView  view;
  RdInterceptCounts counts;
  GPtrArray        *items;     /* RdInterceptItem */
  char             *footer;
  GPtrArray        *proposals; /* RdCase: the first imported cases proposed for the register */
  guint             n_proposals;
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  rd_intercept_counts_clear (&loaded->counts);
  g_clear_pointer (&loaded->items, g_ptr_array_unref);
  g_clear_pointer (&loaded->proposals, g_ptr_array_unref);
  g_free (loaded->footer);
  g_free (loaded);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Loaded, loaded_free)

static char *
claims_footer (RdStore  *store,
               GError  **error)
{
  g_auto(RdClaimTotals) totals = { 0 };
  g_autofree char *claimed = NULL;
  g_autofree char *recovered = NULL;
  g_autofree char *open = NULL;
  g_autofree char *count = NULL;

  if (!rd_claims_totals (store, &totals, error))
    return NULL;

  claimed = rd_money_totals_format (totals.claimed, NULL);
  recovered = rd_money_totals_format (totals.recovered, NULL);
  open = rd_money_totals_format (totals.open_claimed, NULL);
  count = g_strdup_printf (ngettext ("%u claim", "%u claims", totals.n_claims), totals.n_claims);
  return g_strdup_printf (_("%s · claimed %s · recovered %s · %u open (%s) · %u paid · %u refused"),
                          count, claimed, recovered, totals.n_open, open, totals.n_paid, totals.n_refused);
}

static char *
parcels_footer (RdInterceptsView         view,
                guint                    n,
                const RdInterceptCounts *counts)
{
  if (view == RD_INTERCEPTS_VIEW_LOSSES)
    {
      g_autofree char *sum = rd_money_totals_format (counts->losses, NULL);
      return g_strdup_printf (ngettext ("%u parcel refunded and not recovered · %s lost",
                                        "%u parcels refunded and not recovered · %s lost", n),
                              n, sum);
    }
  if (view == RD_INTERCEPTS_VIEW_DUE)
    return g_strdup_printf (ngettext ("%u parcel waiting for a result · %u with less than 2 hours left",
                                      "%u parcels waiting for a result · %u with less than 2 hours left", n),
                            n, counts->n_urgent);
  if (view == RD_INTERCEPTS_VIEW_STALLED)
    return g_strdup_printf (ngettext ("%u stalled parcel · %u to treat as lost",
                                      "%u stalled parcels · %u to treat as lost", n),
                            n, counts->n_lost);
  if (view == RD_INTERCEPTS_VIEW_UNMATCHED)
    return g_strdup_printf (ngettext ("%u parcel returned and not matched to a case",
                                      "%u parcels returned and not matched to a case", n),
                            n);
  return g_strdup_printf (ngettext ("%u parcel", "%u parcels", n), n);
}

/* The imported cases with a parcel on its way to the buyer and not in the
 * register (rd_import_list_intercept_proposals): their number and the
 * first ones. A failure leaves the banner out, not the register. */
static void
load_proposals (RdStore *store,
                Loaded  *loaded)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = rd_import_list_intercept_proposals (store, &error);

  loaded->proposals = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_case_free);
  if (ids == NULL)
    {
      g_warning ("The intercept proposals cannot be read: %s", error->message);
      return;
    }
  loaded->n_proposals = ids->len;
  for (guint i = 0; i < ids->len && loaded->proposals->len < RD_INTERCEPT_PROPOSALS_MAX_SHOWN; i++)
    {
      RdCase *rcase = rd_case_store_get (store, g_array_index (ids, gint64, i), &error);

      if (rcase == NULL)
        {
          g_warning ("A proposed case cannot be read: %s", error->message);
          g_clear_error (&error);
          continue;
        }
      g_ptr_array_add (loaded->proposals, rcase);
    }
}

/* Reads what the page shows of view, on any thread (store is used by this
 * thread alone). */
static Loaded *
load_register (RdStore           *store,
               const RdPolicy    *policy,
               RdInterceptsView   view,
               gint64             now,
               GError           **error)
{
  static const RdInterceptView views[] = {
    [RD_INTERCEPTS_VIEW_DUE] = RD_INTERCEPT_VIEW_DUE,
    [RD_INTERCEPTS_VIEW_STALLED] = RD_INTERCEPT_VIEW_STALLED,
    [RD_INTERCEPTS_VIEW_LOSSES] = RD_INTERCEPT_VIEW_LOSSES,
    [RD_INTERCEPTS_VIEW_ALL] = RD_INTERCEPT_VIEW_ALL,
    [RD_INTERCEPTS_VIEW_UNMATCHED] = RD_INTERCEPT_VIEW_UNMATCHED,
  };
  g_autoptr(Loaded) loaded = g_new0 (Loaded, 1);
  g_autoptr(GPtrArray) rows = NULL;

  loaded->view = view;
  loaded->items = g_ptr_array_new_with_free_func (g_object_unref);
  if (!rd_intercepts_count (store, policy, now, &loaded->counts, error))
    return NULL;
  load_proposals (store, loaded);

  if (view == RD_INTERCEPTS_VIEW_CLAIMS)
    {
      rows = rd_claims_list (store, FALSE, error);
      if (rows == NULL)
        return NULL;
      for (guint i = 0; i < rows->len; i++)
        g_ptr_array_add (loaded->items, rd_intercept_item_new_claim (g_steal_pointer (&rows->pdata[i])));
      loaded->footer = claims_footer (store, error);
      if (loaded->footer == NULL)
        return NULL;
    }
  else
    {
      rows = rd_intercepts_list (store, views[view], policy, now, error);
      if (rows == NULL)
        return NULL;
      for (guint i = 0; i < rows->len; i++)
        g_ptr_array_add (loaded->items, rd_intercept_item_new_intercept (g_steal_pointer (&rows->pdata[i]), policy, now));
      loaded->footer = parcels_footer (view, rows->len, &loaded->counts);
    }
  return g_steal_pointer (&loaded);
}

typedef struct
{
  char             *path;
  RdInterceptsView  view;
  gint64            now;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->path);
  g_free (data);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(RdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  Loaded *loaded;
  RdPolicy policy = { 0 };

  store = rd_store_open (data->path, RD_STORE_OPEN_EXISTING | RD_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  rd_policy_load_from_store (&policy, store);
  loaded = load_register (store, &policy, data->view, data->now, &error);
  rd_policy_clear (&policy);
  if (loaded == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, loaded, (GDestroyNotify) loaded_free);
}

/* Shows what was read: the counts on the view buttons, the rows (the
 * selection kept), the footer or the empty page. */
static void
show_loaded (RdInterceptsPage *self,
             Loaded           *loaded)
{
  gint64 keep = self->pending_select != 0 ? self->pending_select : selected_id (self);
  GListStore *store = loaded->view == RD_INTERCEPTS_VIEW_CLAIMS ? self->claims : self->parcels;

  self->pending_select = 0;
  set_button_label (self->due_button, _("Due First"), loaded->counts.n_due);
  set_button_label (self->stalled_button, _("Stalled"), loaded->counts.n_stalled);
  set_button_label (self->claims_button, _("Claims"), loaded->counts.n_claims_open);
  set_button_label (self->losses_button, _("Losses"), loaded->counts.n_losses);
  set_button_label (self->unmatched_button, _("Not Matched"), loaded->counts.n_unmatched);
  set_button_label (self->all_button, _("All"), loaded->counts.n_all);
  rd_intercept_proposals_set (self->proposals, loaded->proposals, loaded->n_proposals);

  /* Only the rows that show something else are replaced: the same rows
   * at the start and at the end stay (a refresh a minute later changes a
   * few time-left cells, not every row's widgets). */
  {
    guint old_n = g_list_model_get_n_items (G_LIST_MODEL (store));
    guint new_n = loaded->items->len;
    guint head = 0, tail = 0;

    while (head < old_n && head < new_n)
      {
        g_autoptr(RdInterceptItem) old_item = g_list_model_get_item (G_LIST_MODEL (store), head);

        if (!rd_intercept_item_shows_same (old_item, g_ptr_array_index (loaded->items, head)))
          break;
        head++;
      }
    while (tail < old_n - head && tail < new_n - head)
      {
        g_autoptr(RdInterceptItem) old_item = g_list_model_get_item (G_LIST_MODEL (store), old_n - 1 - tail);

        if (!rd_intercept_item_shows_same (old_item, g_ptr_array_index (loaded->items, new_n - 1 - tail)))
          break;
        tail++;
      }
    if (head < old_n || head < new_n)
      g_list_store_splice (store, head, old_n - head - tail,
                           loaded->items->pdata + head, new_n - head - tail);
  }
  gtk_label_set_label (self->footer_label, loaded->footer);

  if (rd_intercepts_page_get_n_rows (self) == 0)
    {
      adw_status_page_set_title (self->empty_page, empty_title (self->view));
      adw_status_page_set_description (self->empty_page,
                                       self->view == RD_INTERCEPTS_VIEW_UNMATCHED
                                       ? _("A parcel scanned in the warehouse with a number nobody registered waits here to be matched to its case.")
                                       : _("Create an intercept from a shipped refund-only case in the ledger, or with New Intercept."));
      gtk_stack_set_visible_child_name (self->view_stack, "empty");
    }
  else
    gtk_stack_set_visible_child_name (self->view_stack,
                                      self->view == RD_INTERCEPTS_VIEW_CLAIMS ? "claims" : "parcels");

  if (keep != 0)
    select_id (self, keep);
  update_actions (self);
}

static void
on_loaded (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  RdInterceptsPage *self = RD_INTERCEPTS_PAGE (object);
  g_autoptr(Loaded) loaded = NULL;
  g_autoptr(GError) error = NULL;

  loaded = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;
  g_clear_object (&self->loading);

  /* A page not shown reads the register again when it is. */
  if (loaded == NULL)
    toast (self, error->message);
  else if (loaded->view == self->view && gtk_widget_get_mapped (GTK_WIDGET (self)))
    show_loaded (self, loaded);
}

static void
refresh (RdInterceptsPage *self)
{
  const char *path;
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  if (!ensure_store (self))
    return;

  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);

  path = rd_store_get_path (self->store);
  if (path == NULL || *path == '\0' || g_str_equal (path, ":memory:"))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(Loaded) loaded = load_register (self->store, rd_context_get_policy (self->context),
                                                self->view, now_seconds (), &error);

      if (loaded == NULL)
        toast (self, error->message);
      else
        show_loaded (self, loaded);
      return;
    }

  self->loading = g_cancellable_new ();
  data = g_new0 (LoadData, 1);
  data->path = g_strdup (path);
  data->view = self->view;
  data->now = now_seconds ();
  task = g_task_new (self, self->loading, on_loaded, NULL);
  g_task_set_source_tag (task, refresh);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_thread);
}

static void
report_outcome (RdInterceptsPage         *self,
                const RdInterceptOutcome *outcome,
                const char               *case_no)
{
  g_autofree char *text = NULL;

  if (outcome->step == RD_INTERCEPT_CASE_STEP_SUGGEST_REFUSAL)
    text = g_strdup_printf (_("Delivered. If the buyer really has the goods, refuse case %s with the courier’s signing proof as evidence; if not, file a claim."),
                            case_no != NULL ? case_no : "");
  else if (outcome->case_to != outcome->case_from && case_no != NULL)
    text = g_strdup_printf (_("%s. Case %s is now “%s”."), rd_intercept_status_get_name (outcome->to),
                            case_no, rd_case_status_get_name (outcome->case_to));
  else if (outcome->step == RD_INTERCEPT_CASE_STEP_START && case_no != NULL)
    text = g_strdup_printf (_("High ticket: case %s waits for the intercept result."), case_no);
  else
    text = g_strdup (rd_intercept_status_get_name (outcome->to));

  if (outcome->ticket == RD_TICKET_NO_RATE && case_no != NULL)
    {
      g_autofree char *threshold = rd_money_format (rd_context_get_policy (self->context)->high_ticket_threshold,
                                                    rd_currency_default ());
      g_autofree char *note = NULL;
      g_autofree char *first = g_steal_pointer (&text);

      /* TRANSLATORS: the case number, the threshold in yuan */
      note = g_strdup_printf (_("Case %s has no exchange rate: the high-ticket threshold of %s was not applied."),
                              case_no, threshold);
      text = g_strconcat (first, " ", note, NULL);
    }
  toast (self, text);
}

static void
apply_event (RdInterceptsPage  *self,
             RdInterceptEvent   event,
             RdParcelCondition  condition)
{
  RdInterceptItem *item = selected_item (self);
  g_autoptr(RdIntercept) parcel = NULL;
  const RdPolicy *policy;
  g_autoptr(GError) error = NULL;
  g_autofree char *operator = NULL;
  RdInterceptOutcome outcome;

  operator = get_operator (self);
  if (operator == NULL)
    return;

  if (item == NULL || rd_intercept_item_get_intercept (item) == NULL)
    return;
  parcel = rd_intercept_copy (rd_intercept_item_get_intercept (item));

  policy = rd_context_get_policy (self->context);
  if (!rd_intercepts_transition (self->store, parcel->id, event, condition, policy, operator,
                                 now_seconds (), &outcome, &error))
    toast (self, error->message);
  else
    report_outcome (self, &outcome, parcel->case_no);
  refresh (self);
}

static void
on_condition_chosen (RdParcelCondition  condition,
                     gpointer           data)
{
  apply_event (RD_INTERCEPTS_PAGE (data), RD_INTERCEPT_EVENT_BACK_IN_WAREHOUSE, condition);
}

static void
on_claim_chosen (gint64        amount,
                 RdLostRemedy  remedy,
                 gpointer      data)
{
  RdInterceptsPage *self = data;
  RdInterceptItem *item = selected_item (self);
  const RdPolicy *policy;
  g_autoptr(GError) error = NULL;
  g_autofree char *operator = NULL;
  RdInterceptOutcome outcome;

  operator = get_operator (self);
  if (operator == NULL)
    return;

  if (item == NULL || rd_intercept_item_get_intercept (item) == NULL)
    return;

  policy = rd_context_get_policy (self->context);
  if (!rd_intercepts_file_claim (self->store, rd_intercept_item_get_intercept (item)->id, amount, remedy,
                                 policy, operator, now_seconds (), NULL, &outcome, &error))
    toast (self, error->message);
  else
    toast (self, remedy == RD_LOST_REMEDY_RESEND ? _("Claim filed; send the goods again.")
                                                 : _("Claim filed; the case can be refunded."));
  refresh (self);
}

static void
on_settle_chosen (gint64   recovered,
                  gpointer data)
{
  RdInterceptsPage *self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *operator = NULL;

  operator = get_operator (self);
  if (operator == NULL)
    return;

  if (!rd_claims_settle (self->store, selected_id (self), RD_CLAIM_STATUS_PAID, recovered, operator,
                         now_seconds (), &error))
    toast (self, error->message);
  refresh (self);
}

static void
on_create_chosen (RdIntercept *filled,
                  gpointer     data)
{
  RdInterceptsPage *self = data;
  const RdPolicy *policy;
  g_autoptr(GError) error = NULL;
  g_autofree char *operator = NULL;
  RdInterceptOutcome outcome = { 0 };
  gint64 existing = 0;

  operator = get_operator (self);
  if (operator == NULL)
    return;

  policy = rd_context_get_policy (self->context);
  if (!rd_intercepts_create (self->store, filled, policy, operator, now_seconds (), &existing,
                             &outcome, &error))
    {
      toast (self, error->message);
      if (existing != 0)
        rd_intercepts_page_show_intercept (self, existing);
      return;
    }

  report_outcome (self, &outcome, filled->case_no);
  rd_intercepts_page_show_intercept (self, filled->id);
}

static void
on_match_chosen (const char *case_no,
                 gpointer    data)
{
  RdInterceptsPage *self = data;
  RdInterceptItem *item = selected_item (self);
  g_autoptr(RdIntercept) matched = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *operator = NULL;
  g_autofree char *text = NULL;

  operator = get_operator (self);
  if (operator == NULL)
    return;
  if (item == NULL || rd_intercept_item_get_intercept (item) == NULL)
    return;

  if (!rd_intercepts_match_to_case (self->store, rd_intercept_item_get_intercept (item)->id, case_no,
                                    operator, now_seconds (), &matched, &error))
    {
      toast (self, error->message);
      refresh (self);
      return;
    }

  /* TRANSLATORS: the tracking number, the case number */
  text = g_strdup_printf (_("Parcel %s matched to case %s."), matched->tracking_no, matched->case_no);
  toast (self, text);
  refresh (self);
}

/* callbacks */

static void
on_event_button_clicked (RdInterceptsPage *self,
                         GtkButton        *button)
{
  RdInterceptEvent event = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "rd-event"));
  RdInterceptItem *item = selected_item (self);
  const RdIntercept *parcel = item != NULL ? rd_intercept_item_get_intercept (item) : NULL;

  if (parcel == NULL)
    return;

  if (event == RD_INTERCEPT_EVENT_BACK_IN_WAREHOUSE)
    guard (self, rd_intercept_dialog_condition (GTK_WIDGET (self), parcel, on_condition_chosen, self));
  else if (event == RD_INTERCEPT_EVENT_FILE_CLAIM)
    guard (self, rd_intercept_dialog_claim (GTK_WIDGET (self), parcel,
                                            parcel->status != RD_INTERCEPT_STATUS_DELIVERED,
                                            on_claim_chosen, self));
  else
    apply_event (self, event, RD_PARCEL_CONDITION_NONE);
}

static void
on_movement_clicked (RdInterceptsPage *self,
                     GtkButton        *button)
{
  RdInterceptItem *item = selected_item (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *operator = NULL;

  operator = get_operator (self);
  if (operator == NULL)
    return;

  if (item == NULL || rd_intercept_item_get_intercept (item) == NULL)
    return;
  if (!rd_intercepts_record_movement (self->store, rd_intercept_item_get_intercept (item)->id, now_seconds (),
                                      NULL, operator, &error))
    toast (self, error->message);
  refresh (self);
}

static void
on_claim_paid_clicked (RdInterceptsPage *self,
                       GtkButton        *button)
{
  RdInterceptItem *item = selected_item (self);

  if (item != NULL && rd_intercept_item_get_claim (item) != NULL)
    guard (self, rd_intercept_dialog_settle (GTK_WIDGET (self), rd_intercept_item_get_claim (item),
                                             on_settle_chosen, self));
}

static void
on_claim_refused_clicked (RdInterceptsPage *self,
                          GtkButton        *button)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *operator = NULL;

  operator = get_operator (self);
  if (operator == NULL)
    return;

  if (!rd_claims_settle (self->store, selected_id (self), RD_CLAIM_STATUS_REFUSED, 0, operator,
                         now_seconds (), &error))
    toast (self, error->message);
  refresh (self);
}

static GtkWidget *
add_action_button (RdInterceptsPage *self,
                   const char       *label,
                   GCallback         callback)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  g_signal_connect_swapped (button, "clicked", callback, self);
  gtk_box_append (self->actions_box, button);
  return button;
}

static void
update_actions (RdInterceptsPage *self)
{
  RdInterceptItem *item = selected_item (self);
  g_autofree char *hint = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->actions_box))) != NULL)
    gtk_box_remove (self->actions_box, child);

  if (item != NULL && rd_intercept_item_get_intercept (item) != NULL)
    {
      const RdIntercept *parcel = rd_intercept_item_get_intercept (item);
      g_autoptr(GArray) events = rd_intercept_available_events (parcel->status);

      if (rd_intercept_is_unmatched (parcel))
        {
          GtkWidget *button = gtk_button_new_with_mnemonic (_("Match to _Case…"));

          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "intercepts.match");
          gtk_widget_add_css_class (button, "suggested-action");
          gtk_box_append (self->actions_box, button);
        }

      if (rd_intercept_status_in_transit (parcel->status))
        add_action_button (self, _("_Moved Now"), G_CALLBACK (on_movement_clicked));

      for (guint i = 0; i < events->len; i++)
        {
          RdInterceptEvent event = g_array_index (events, RdInterceptEvent, i);
          const char *label = rd_intercept_event_to_label (event);
          g_autofree char *text = NULL;
          GtkWidget *button;

          if (event == RD_INTERCEPT_EVENT_FILE_CLAIM)
            label = parcel->status == RD_INTERCEPT_STATUS_DELIVERED ? _("File a Claim…") : _("Treat as Lost…");
          else if (event == RD_INTERCEPT_EVENT_BACK_IN_WAREHOUSE)
            label = _("Back in Warehouse…");
          text = g_strdup (label);
          button = add_action_button (self, text, G_CALLBACK (on_event_button_clicked));
          g_object_set_data (G_OBJECT (button), "rd-event", GINT_TO_POINTER (event));
          /* An unmatched parcel's next step is its match. */
          if (i + 1 == events->len && event != RD_INTERCEPT_EVENT_FILE_CLAIM && !rd_intercept_is_unmatched (parcel))
            gtk_widget_add_css_class (button, "suggested-action");
        }
      hint = rd_intercept_item_get_hint (item);
    }
  else if (item != NULL && rd_intercept_item_get_claim (item)->status == RD_CLAIM_STATUS_FILED)
    {
      add_action_button (self, _("Claim _Refused"), G_CALLBACK (on_claim_refused_clicked));
      gtk_widget_add_css_class (add_action_button (self, _("Claim _Paid…"), G_CALLBACK (on_claim_paid_clicked)),
                                "suggested-action");
    }

  gtk_label_set_label (self->hint_label, hint != NULL ? hint : "");
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), hint != NULL);
}

static void
on_selection_changed (RdInterceptsPage *self)
{
  update_actions (self);
}

/* Add to Register… of an imported case: the same dialog as Create
 * Intercept of a case in the ledger. */
static void
on_proposal_add_case (RdInterceptsPage     *self,
                      gint64                case_id,
                      RdInterceptProposals *proposals)
{
  rd_intercepts_page_create_for_case (self, case_id);
}

static void
on_view_toggled (RdInterceptsPage *self,
                 GtkToggleButton  *button)
{
  if (!gtk_toggle_button_get_active (button))
    return;

  if (button == self->due_button)
    self->view = RD_INTERCEPTS_VIEW_DUE;
  else if (button == self->stalled_button)
    self->view = RD_INTERCEPTS_VIEW_STALLED;
  else if (button == self->claims_button)
    self->view = RD_INTERCEPTS_VIEW_CLAIMS;
  else if (button == self->losses_button)
    self->view = RD_INTERCEPTS_VIEW_LOSSES;
  else if (button == self->unmatched_button)
    self->view = RD_INTERCEPTS_VIEW_UNMATCHED;
  else
    self->view = RD_INTERCEPTS_VIEW_ALL;

  refresh (self);
}

static void
on_scan_mode_leave (RdInterceptsPage *self,
                    RdScanMode       *scan_mode)
{
  rd_intercepts_page_leave_scan_mode (self);
}

static gboolean
on_tick (gpointer data)
{
  refresh (RD_INTERCEPTS_PAGE (data));
  return G_SOURCE_CONTINUE;
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  RdInterceptsPage *self = RD_INTERCEPTS_PAGE (widget);

  if (ensure_store (self))
    guard (self, rd_intercept_dialog_create (widget, NULL, on_create_chosen, self));
}

static void
match_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  RdInterceptsPage *self = RD_INTERCEPTS_PAGE (widget);
  RdInterceptItem *item = selected_item (self);
  const RdIntercept *parcel = item != NULL ? rd_intercept_item_get_intercept (item) : NULL;
  g_autoptr(GPtrArray) candidates = NULL;
  g_autoptr(GError) error = NULL;

  if (parcel == NULL || !rd_intercept_is_unmatched (parcel) || !ensure_store (self))
    return;

  candidates = rd_intercepts_list_match_candidates (self->store, parcel->id, 20, &error);
  if (candidates == NULL)
    toast (self, error->message);
  guard (self, rd_intercept_dialog_match (widget, parcel, candidates, on_match_chosen, self));
}

static void
scan_mode_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  rd_intercepts_page_enter_scan_mode (RD_INTERCEPTS_PAGE (widget));
}

/* overrides */

static void
rd_intercepts_page_map (GtkWidget *widget)
{
  RdInterceptsPage *self = RD_INTERCEPTS_PAGE (widget);

  GTK_WIDGET_CLASS (rd_intercepts_page_parent_class)->map (widget);

  refresh (self);
  if (self->tick_id == 0)
    self->tick_id = g_timeout_add_seconds (60, on_tick, self);
}

static void
rd_intercepts_page_unmap (GtkWidget *widget)
{
  RdInterceptsPage *self = RD_INTERCEPTS_PAGE (widget);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);

  GTK_WIDGET_CLASS (rd_intercepts_page_parent_class)->unmap (widget);
}

static void
rd_intercepts_page_dispose (GObject *object)
{
  RdInterceptsPage *self = RD_INTERCEPTS_PAGE (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  gtk_widget_dispose_template (GTK_WIDGET (object), RD_TYPE_INTERCEPTS_PAGE);
  g_clear_object (&self->parcel_selection);
  g_clear_object (&self->claim_selection);
  g_clear_object (&self->parcels);
  g_clear_object (&self->claims);
  g_clear_object (&self->store);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (rd_intercepts_page_parent_class)->dispose (object);
}

static void
rd_intercepts_page_class_init (RdInterceptsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_intercepts_page_dispose;
  widget_class->map = rd_intercepts_page_map;
  widget_class->unmap = rd_intercepts_page_unmap;

  g_type_ensure (RD_TYPE_SCAN_MODE);
  g_type_ensure (RD_TYPE_INTERCEPT_PROPOSALS);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rd-intercepts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RdInterceptsPage, mode_stack);
  gtk_widget_class_bind_template_child (widget_class, RdInterceptsPage, due_button);
  gtk_widget_class_bind_template_child (widget_class, RdInterceptsPage, stalled_button);
  gtk_widget_class_bind_template_child (widget_class, RdInterceptsPage, claims_button);
  gtk_widget_class_bind_template_child (widget_class, RdInterceptsPage, losses_button);
  gtk_widget_class_bind_template_child (widget_class, RdInterceptsPage, unmatched_button);
  gtk_widget_class_bind_template_child (widget_class, RdInterceptsPage, all_button);
  gtk_widget_class_bind_template_child (widget_class, RdInterceptsPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, RdInterceptsPage, parcels_view);
  gtk_widget_class_bind_template_child (widget_class, RdInterceptsPage, claims_view);
  gtk_widget_class_bind_template_child (widget_class, RdInterceptsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, RdInterceptsPage, hint_label);
  gtk_widget_class_bind_template_child (widget_class, RdInterceptsPage, proposals);
  gtk_widget_class_bind_template_child (widget_class, RdInterceptsPage, footer_label);
  gtk_widget_class_bind_template_child (widget_class, RdInterceptsPage, actions_box);
  gtk_widget_class_bind_template_child (widget_class, RdInterceptsPage, scan_mode);
  gtk_widget_class_bind_template_child (widget_class, RdInterceptsPage, new_button);
  gtk_widget_class_bind_template_child (widget_class, RdInterceptsPage, scan_button);
  gtk_widget_class_bind_template_callback (widget_class, on_view_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_proposal_add_case);
  gtk_widget_class_bind_template_callback (widget_class, on_scan_mode_leave);

  gtk_widget_class_install_action (widget_class, "intercepts.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "intercepts.scan-mode", NULL, scan_mode_action);
  gtk_widget_class_install_action (widget_class, "intercepts.match", NULL, match_action);
}

static void
rd_intercepts_page_init (RdInterceptsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The bin's own child: not a bound template child, which dispose_template
   * would unparent behind AdwBin's back. */
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_bin_get_child (ADW_BIN (self)));
  self->view = RD_INTERCEPTS_VIEW_DUE;

  self->parcels = g_list_store_new (RD_TYPE_INTERCEPT_ITEM);
  self->parcel_selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->parcels)));
  gtk_single_selection_set_autoselect (self->parcel_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->parcel_selection, TRUE);
  gtk_column_view_set_model (self->parcels_view, GTK_SELECTION_MODEL (self->parcel_selection));
  g_signal_connect_swapped (self->parcel_selection, "notify::selected", G_CALLBACK (on_selection_changed), self);

  self->claims = g_list_store_new (RD_TYPE_INTERCEPT_ITEM);
  self->claim_selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->claims)));
  gtk_single_selection_set_autoselect (self->claim_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->claim_selection, TRUE);
  gtk_column_view_set_model (self->claims_view, GTK_SELECTION_MODEL (self->claim_selection));
  g_signal_connect_swapped (self->claim_selection, "notify::selected", G_CALLBACK (on_selection_changed), self);

  rd_intercept_column_view_add (self->parcels_view, _("Tracking No."), RD_INTERCEPT_COLUMN_TRACKING, TRUE);
  rd_intercept_column_view_add (self->parcels_view, _("Courier"), RD_INTERCEPT_COLUMN_COURIER, FALSE);
  rd_intercept_column_view_add (self->parcels_view, _("Case · Order"), RD_INTERCEPT_COLUMN_CASE, TRUE);
  rd_intercept_column_view_add (self->parcels_view, _("Amount"), RD_INTERCEPT_COLUMN_AMOUNT, FALSE);
  rd_intercept_column_view_add (self->parcels_view, _("Ticket"), RD_INTERCEPT_COLUMN_TICKET, FALSE);
  rd_intercept_column_view_add (self->parcels_view, _("Destination"), RD_INTERCEPT_COLUMN_PROVINCE, FALSE);
  /* What decides the next step first; the history after. */
  rd_intercept_column_view_add (self->parcels_view, _("Platform Deadline"), RD_INTERCEPT_COLUMN_DEADLINE, FALSE);
  rd_intercept_column_view_add (self->parcels_view, _("Time Left"), RD_INTERCEPT_COLUMN_TIME_LEFT, FALSE);
  rd_intercept_column_view_add (self->parcels_view, _("Status"), RD_INTERCEPT_COLUMN_STATUS, FALSE);
  rd_intercept_column_view_add (self->parcels_view, _("Last Movement"), RD_INTERCEPT_COLUMN_MOVEMENT, FALSE);
  rd_intercept_column_view_add (self->parcels_view, _("Requested"), RD_INTERCEPT_COLUMN_REQUESTED, FALSE);
  rd_intercept_column_view_add (self->parcels_view, _("Operator"), RD_INTERCEPT_COLUMN_OPERATOR, FALSE);

  rd_intercept_column_view_add (self->claims_view, _("Tracking No."), RD_CLAIM_COLUMN_TRACKING, TRUE);
  rd_intercept_column_view_add (self->claims_view, _("Courier"), RD_CLAIM_COLUMN_COURIER, FALSE);
  rd_intercept_column_view_add (self->claims_view, _("Case"), RD_CLAIM_COLUMN_CASE, TRUE);
  rd_intercept_column_view_add (self->claims_view, _("Claimed"), RD_CLAIM_COLUMN_CLAIMED, FALSE);
  rd_intercept_column_view_add (self->claims_view, _("Filed"), RD_CLAIM_COLUMN_FILED, FALSE);
  rd_intercept_column_view_add (self->claims_view, _("Status"), RD_CLAIM_COLUMN_STATUS, FALSE);
  rd_intercept_column_view_add (self->claims_view, _("Recovered"), RD_CLAIM_COLUMN_RECOVERED, FALSE);

  set_button_label (self->due_button, _("Due First"), 0);
  set_button_label (self->stalled_button, _("Stalled"), 0);
  set_button_label (self->claims_button, _("Claims"), 0);
  set_button_label (self->losses_button, _("Losses"), 0);
  set_button_label (self->unmatched_button, _("Not Matched"), 0);
  set_button_label (self->all_button, _("All"), 0);
}

/* public */

GtkWidget *
rd_intercepts_page_new (RdContext *context)
{
  GtkWidget *self = g_object_new (RD_TYPE_INTERCEPTS_PAGE, NULL);

  rd_intercepts_page_set_context (RD_INTERCEPTS_PAGE (self), context);

  return self;
}

void
rd_intercepts_page_set_context (RdInterceptsPage *self,
                                RdContext        *context)
{
  g_return_if_fail (RD_IS_INTERCEPTS_PAGE (self));
  g_return_if_fail (RD_IS_CONTEXT (context));

  g_set_object (&self->context, context);
  rd_scan_mode_set_context (self->scan_mode, context);
  g_signal_connect_object (context, "notify::operator", G_CALLBACK (update_buttons), self, G_CONNECT_SWAPPED);
  update_buttons (self);
}

void
rd_intercepts_page_set_store (RdInterceptsPage *self,
                              RdStore          *store)
{
  g_return_if_fail (RD_IS_INTERCEPTS_PAGE (self));
  g_return_if_fail (store == NULL || RD_IS_STORE (store));

  if (g_set_object (&self->store, store))
    {
      rd_scan_mode_set_store (self->scan_mode, store);
      if (store != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
        refresh (self);
    }
}

void
rd_intercepts_page_refresh (RdInterceptsPage *self)
{
  g_return_if_fail (RD_IS_INTERCEPTS_PAGE (self));
  refresh (self);
}

void
rd_intercepts_page_set_view (RdInterceptsPage *self,
                             RdInterceptsView  view)
{
  GtkToggleButton *buttons[] = {
    self->due_button, self->stalled_button, self->claims_button, self->losses_button, self->all_button,
    self->unmatched_button,
  };

  g_return_if_fail (RD_IS_INTERCEPTS_PAGE (self));
  g_return_if_fail ((guint) view < G_N_ELEMENTS (buttons));

  if (gtk_toggle_button_get_active (buttons[view]))
    refresh (self);
  else
    gtk_toggle_button_set_active (buttons[view], TRUE);
}

gboolean
rd_intercepts_page_is_loading (RdInterceptsPage *self)
{
  g_return_val_if_fail (RD_IS_INTERCEPTS_PAGE (self), FALSE);

  return self->loading != NULL;
}

guint
rd_intercepts_page_get_n_rows (RdInterceptsPage *self)
{
  g_return_val_if_fail (RD_IS_INTERCEPTS_PAGE (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->view == RD_INTERCEPTS_VIEW_CLAIMS
                                                 ? self->claims : self->parcels));
}

void
rd_intercepts_page_create_for_case (RdInterceptsPage *self,
                                    gint64            case_id)
{
  g_autoptr(RdIntercept) prefill = NULL;
  g_autoptr(GPtrArray) existing = NULL;
  const RdPolicy *policy;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (RD_IS_INTERCEPTS_PAGE (self));

  if (!ensure_store (self))
    return;

  policy = rd_context_get_policy (self->context);
  prefill = rd_intercepts_prefill_from_case (self->store, case_id, policy, now_seconds (), &error);
  if (prefill == NULL)
    {
      toast (self, error->message);
      return;
    }

  guard (self, rd_intercept_dialog_create (GTK_WIDGET (self), prefill, on_create_chosen, self));
}

void
rd_intercepts_page_show_intercept (RdInterceptsPage *self,
                                   gint64            intercept_id)
{
  g_return_if_fail (RD_IS_INTERCEPTS_PAGE (self));

  /* Selected when the rows come. */
  self->pending_select = intercept_id;
  rd_intercepts_page_set_view (self, RD_INTERCEPTS_VIEW_ALL);
  refresh (self);
}

void
rd_intercepts_page_enter_scan_mode (RdInterceptsPage *self)
{
  g_return_if_fail (RD_IS_INTERCEPTS_PAGE (self));

  if (!ensure_store (self))
    return;
  if (!rd_role_may (rd_context_get_role (self->context), RD_ACTION_SCAN))
    {
      g_autofree char *who = rd_operator_guard_who_may (RD_ACTION_SCAN);

      toast (self, who);
      return;
    }
  gtk_stack_set_visible_child_name (self->mode_stack, "scan");
  rd_scan_mode_start (self->scan_mode);
}

void
rd_intercepts_page_leave_scan_mode (RdInterceptsPage *self)
{
  g_return_if_fail (RD_IS_INTERCEPTS_PAGE (self));

  gtk_stack_set_visible_child_name (self->mode_stack, "register");
  refresh (self);
}

gboolean
rd_intercepts_page_in_scan_mode (RdInterceptsPage *self)
{
  g_return_val_if_fail (RD_IS_INTERCEPTS_PAGE (self), FALSE);

  return g_strcmp0 (gtk_stack_get_visible_child_name (self->mode_stack), "scan") == 0;
}

GtkWidget *
rd_intercepts_page_get_scan_mode (RdInterceptsPage *self)
{
  g_return_val_if_fail (RD_IS_INTERCEPTS_PAGE (self), NULL);

  return GTK_WIDGET (self->scan_mode);
}
