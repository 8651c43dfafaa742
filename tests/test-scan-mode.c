/* test-scan-mode.c
 *
 * Warehouse scan mode under a real display, driven by keyboard alone.
 *
 * What is simulated: GTK 4 has no way to synthesize a key event, so
 *  - the barcode scanner (which types the number and Enter) is
 *    gtk_editable_set_text on the entry followed by its "activate" signal,
 *    exactly what GtkEntry emits on Enter;
 *  - a key press (1–4, keypad 1–4, Enter, Esc, a digit of the next number)
 *    is rd_scan_mode_handle_key (), the very function the entry's key
 *    controller calls from its "key-pressed" handler; its return value is
 *    what the controller returns (TRUE: the key does not reach the entry).
 * Every assertion about a scan reads the ledger through a second connection.
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "rd-case-store.h"
#include "rd-case-store-workflow.h"
#include "rd-intercepts.h"
#include "rd-intercepts-page.h"
#include "rd-scan-mode.h"
#include "rd-scan-sound.h"
#include "rd-test-ledger.h"
#include "rd-test-ui.h"

#define N_PARCELS 20

typedef struct
{
  char      *dir;
  char      *path;
  RdStore   *store;
  RdPolicy   policy;
  GtkWindow *window;
  RdContext *context;
  RdScanMode *scan;
  gint64     case_ids[N_PARCELS];
} Fixture;

static char *
tracking (guint i)
{
  return g_strdup_printf ("YT%010u", 4200000 + i);
}

static void
populate (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  for (guint i = 0; i < N_PARCELS; i++)
    {
      g_autoptr(RdCase) rcase = rd_case_new ();
      g_autoptr(RdIntercept) intercept = NULL;
      RdWorkflowFacts facts = { .approved_amount = 30000 + i, .no_breakdown_reason = "agreed with the buyer" };

      rcase->channel = g_strdup ("taobao");
      rcase->order_no = g_strdup_printf ("88%06u", i);
      rcase->buyer_name = g_strdup ("李雷");
      rcase->kind = RD_REFUND_KIND_REFUND_ONLY_SHIPPED;
      rcase->reason = g_strdup ("changed_mind");
      rcase->payment_method = RD_PAYMENT_METHOD_WECHAT_PAY;
      rcase->amount_paid = 30000 + i;
      rcase->requested_at = now - 3600;
      rd_case_store_insert (f->store, rcase, "alice", &error);
      g_assert_no_error (error);
      rd_case_store_transition (f->store, rcase->id, RD_WORKFLOW_EVENT_APPROVE, &facts, &f->policy, "alice", &error);
      g_assert_no_error (error);
      f->case_ids[i] = rcase->id;

      intercept = rd_intercepts_prefill_from_case (f->store, rcase->id, &f->policy, now, &error);
      g_assert_no_error (error);
      intercept->courier = RD_COURIER_YTO;
      intercept->tracking_no = tracking (i);
      intercept->province = g_strdup ("浙江");
      intercept->status = RD_INTERCEPT_STATUS_REQUESTED;
      rd_intercepts_create (f->store, intercept, &f->policy, "bob", now, NULL, NULL, &error);
      g_assert_no_error (error);
    }
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = rd_test_make_tmp_dir ();
  f->store = rd_test_ui_open_ledger (f->dir, &f->path);
  rd_policy_init_defaults (&f->policy);
  populate (f);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1024, 700);
  f->context = rd_test_ui_new_context (NULL);
  rd_test_ui_sign_in (f->context, f->store, "老张", RD_ROLE_WAREHOUSE);
  f->scan = RD_SCAN_MODE (rd_scan_mode_new (f->context));
  gtk_window_set_child (f->window, GTK_WIDGET (f->scan));
  rd_scan_mode_set_store (f->scan, f->store);
  gtk_window_present (f->window);
  rd_test_ui_iterate ();
  rd_scan_mode_start (f->scan);
  rd_test_ui_iterate ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  rd_test_ui_iterate ();
  rd_policy_clear (&f->policy);
  g_clear_object (&f->context);
  g_clear_object (&f->store);
  rd_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* The scanner: the number, then Enter. */
static void
scan (Fixture    *f,
      const char *number)
{
  GtkEditable *entry = rd_scan_mode_get_entry (f->scan);

  gtk_editable_set_text (entry, number);
  g_signal_emit_by_name (entry, "activate");
  rd_test_ui_iterate ();
}

static gboolean
press (Fixture *f,
       guint    keyval)
{
  gboolean used = rd_scan_mode_handle_key (f->scan, keyval, 0);

  /* A digit 1–4 is held for the hold window; a person pressed it alone, so
   * wait until it is recorded. */
  while (rd_scan_mode_is_holding (f->scan))
    g_main_context_iteration (NULL, TRUE);
  rd_test_ui_iterate ();
  return used;
}

/* A barcode scanner typing TEXT faster than any window: each key goes to
 * the key controller first and, when not used, reaches the entry (a
 * character is inserted at the cursor; Enter activates it). */
static void
type_fast (Fixture    *f,
           const char *text)
{
  GtkEditable *entry = rd_scan_mode_get_entry (f->scan);

  for (const char *p = text; *p != '\0'; p++)
    {
      guint keyval = *p == '\n' ? GDK_KEY_Return : gdk_unicode_to_keyval ((guchar) *p);

      if (rd_scan_mode_handle_key (f->scan, keyval, 0))
        continue;
      if (*p == '\n')
        g_signal_emit_by_name (entry, "activate");
      else
        {
          int position = gtk_editable_get_position (entry);
          char c[2] = { *p, '\0' };

          gtk_editable_insert_text (entry, c, 1, &position);
          gtk_editable_set_position (entry, position);
        }
    }
  rd_test_ui_iterate ();
}

static void
assert_entry_ready (Fixture *f)
{
  GtkEditable *entry = rd_scan_mode_get_entry (f->scan);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));

  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");
  g_assert_nonnull (focus);
  g_assert_true (focus == GTK_WIDGET (entry) || gtk_widget_is_ancestor (focus, GTK_WIDGET (entry)));
}

/* The look of the message: exactly one result class, the expected one. */
static void
assert_look (Fixture    *f,
             const char *expected)
{
  static const char *const looks[] = {
    "scan-info", "scan-recorded", "scan-already", "scan-unknown", "scan-damaged", "scan-error",
  };
  GtkWidget *label = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->scan), RD_TYPE_SCAN_MODE, "message_label"));

  for (guint i = 0; i < G_N_ELEMENTS (looks); i++)
    if (g_str_equal (looks[i], expected))
      g_assert_true (gtk_widget_has_css_class (label, looks[i]));
    else if (gtk_widget_has_css_class (label, looks[i]))
      g_error ("the message has %s, not only %s", looks[i], expected);
}

static const char *
next_text (Fixture *f)
{
  GtkWidget *label = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->scan), RD_TYPE_SCAN_MODE, "next_label"));

  return gtk_widget_get_visible (label) ? gtk_label_get_label (GTK_LABEL (label)) : "";
}

/* Reads the ledger as another program would: a second connection. */
static RdIntercept *
read_back (Fixture    *f,
           const char *number,
           gint64     *n_scans)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) other = rd_store_open (f->path, RD_STORE_OPEN_READ_ONLY, &error);
  RdIntercept *intercept;

  g_assert_no_error (error);
  *n_scans = rd_intercepts_count_scans (other, &error);
  g_assert_no_error (error);
  intercept = rd_intercepts_find_by_tracking (other, number, &error);
  g_assert_no_error (error);
  return intercept;
}

static void
test_twenty_parcels (Fixture       *f,
                     gconstpointer  data)
{
  static const guint keys[] = { GDK_KEY_1, GDK_KEY_2, GDK_KEY_3, GDK_KEY_4, GDK_KEY_KP_1 };
  static const RdParcelCondition outcomes[] = {
    RD_PARCEL_CONDITION_INTACT, RD_PARCEL_CONDITION_DAMAGED, RD_PARCEL_CONDITION_PARTS_MISSING,
    RD_PARCEL_CONDITION_NOT_OURS, RD_PARCEL_CONDITION_INTACT,
  };

  assert_entry_ready (f);

  for (guint i = 0; i < N_PARCELS; i++)
    {
      g_autofree char *number = tracking (i);
      g_autofree char *lower = g_ascii_strdown (number, -1);
      g_autoptr(RdIntercept) back = NULL;
      g_autoptr(RdCase) rcase = NULL;
      guint k = i % G_N_ELEMENTS (keys);
      gint64 n_scans;

      /* The scanner may type lower case and surrounding blanks. */
      if (i % 3 == 0)
        scan (f, lower);
      else
        scan (f, number);
      g_assert_cmpint (rd_scan_mode_get_state (f->scan), ==, RD_SCAN_STATE_PARCEL);
      assert_entry_ready (f);

      g_assert_true (press (f, keys[k]));
      g_assert_cmpint (rd_scan_mode_get_state (f->scan), ==, RD_SCAN_STATE_READY);
      g_assert_cmpuint (rd_scan_mode_get_n_recorded (f->scan), ==, i + 1);
      g_assert_true (g_str_has_prefix (rd_scan_mode_get_message (f->scan), "Saved: "));
      assert_look (f, outcomes[k] == RD_PARCEL_CONDITION_INTACT ? "scan-recorded"
                      : outcomes[k] == RD_PARCEL_CONDITION_NOT_OURS ? "scan-unknown"
                      : "scan-damaged");
      assert_entry_ready (f);

      /* On disk when the screen says so. */
      back = read_back (f, number, &n_scans);
      g_assert_cmpint (n_scans, ==, i + 1);
      rcase = rd_case_store_get (f->store, f->case_ids[i], NULL);
      if (outcomes[k] == RD_PARCEL_CONDITION_NOT_OURS)
        {
          g_assert_cmpint (back->status, ==, RD_INTERCEPT_STATUS_REQUESTED);
          g_assert_cmpint (rcase->status, ==, RD_CASE_STATUS_INTERCEPTING);
        }
      else
        {
          g_assert_cmpint (back->status, ==, RD_INTERCEPT_STATUS_BACK_IN_WAREHOUSE);
          g_assert_cmpint (back->condition, ==, outcomes[k]);
          /* High ticket (¥300): the case was waiting and now goes to payout. */
          g_assert_cmpint (rcase->status, ==, RD_CASE_STATUS_AWAITING_PAYOUT);
        }
    }

  /* With no parcel shown, a digit is the start of the next number: it
   * reaches the entry instead of recording anything. */
  g_assert_false (press (f, GDK_KEY_1));
  g_assert_cmpuint (rd_scan_mode_get_n_recorded (f->scan), ==, N_PARCELS);
}

static void
test_duplicate_scan (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *number = tracking (7);
  g_autoptr(RdIntercept) back = NULL;
  gint64 n_scans;

  scan (f, number);
  g_assert_true (press (f, GDK_KEY_1));
  g_assert_cmpuint (rd_scan_mode_get_n_recorded (f->scan), ==, 1);

  /* The same parcel again: the screen says it is recorded already... */
  scan (f, number);
  g_assert_cmpint (rd_scan_mode_get_state (f->scan), ==, RD_SCAN_STATE_PARCEL);
  g_assert_true (g_str_has_prefix (rd_scan_mode_get_message (f->scan), "Already recorded: "));
  assert_look (f, "scan-already");

  /* ...and the same key records nothing. */
  g_assert_true (press (f, GDK_KEY_KP_1));
  g_assert_true (g_str_has_prefix (rd_scan_mode_get_message (f->scan), "Already recorded as "));
  assert_look (f, "scan-already");
  g_assert_cmpuint (rd_scan_mode_get_n_recorded (f->scan), ==, 1);
  assert_entry_ready (f);
  back = read_back (f, number, &n_scans);
  g_assert_cmpint (n_scans, ==, 1);
  g_assert_cmpint (back->condition, ==, RD_PARCEL_CONDITION_INTACT);
}

static void
test_unknown_number (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(RdIntercept) back = NULL;
  gint64 n_scans;

  /* Skipped with Esc: nothing registered. */
  scan (f, "SF0000000001");
  g_assert_cmpint (rd_scan_mode_get_state (f->scan), ==, RD_SCAN_STATE_UNKNOWN);
  g_assert_true (press (f, GDK_KEY_Escape));
  g_assert_cmpint (rd_scan_mode_get_state (f->scan), ==, RD_SCAN_STATE_READY);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RdIntercept) none = rd_intercepts_find_by_tracking (f->store, "SF0000000001", &error);
    g_assert_error (error, RD_INTERCEPT_ERROR, RD_INTERCEPT_ERROR_NOT_FOUND);
  }

  /* Its outcome 2: recorded as returned, not matched — no case, never
   * requested, so no deadline and no countdown — in the register for
   * someone to match. */
  scan (f, "sf0000000002");
  g_assert_cmpint (rd_scan_mode_get_state (f->scan), ==, RD_SCAN_STATE_UNKNOWN);
  g_assert_nonnull (strstr (rd_scan_mode_get_message (f->scan), "SF0000000002 is not in the register"));
  assert_look (f, "scan-unknown");
  /* Enter alone registers nothing. */
  g_assert_false (press (f, GDK_KEY_Return));
  g_assert_cmpint (rd_scan_mode_get_state (f->scan), ==, RD_SCAN_STATE_UNKNOWN);
  g_assert_true (press (f, GDK_KEY_2));
  g_assert_cmpint (rd_scan_mode_get_state (f->scan), ==, RD_SCAN_STATE_READY);
  g_assert_cmpuint (rd_scan_mode_get_n_recorded (f->scan), ==, 1);
  g_assert_nonnull (strstr (rd_scan_mode_get_message (f->scan), "returned, not matched"));
  assert_look (f, "scan-unknown");
  assert_entry_ready (f);

  back = read_back (f, "SF0000000002", &n_scans);
  g_assert_cmpint (n_scans, ==, 1);
  g_assert_cmpint (back->courier, ==, RD_COURIER_SF);
  g_assert_cmpint (back->case_id, ==, 0);
  g_assert_cmpint (back->status, ==, RD_INTERCEPT_STATUS_BACK_IN_WAREHOUSE);
  g_assert_cmpint (back->condition, ==, RD_PARCEL_CONDITION_DAMAGED);
  g_assert_cmpint (back->requested_at, ==, 0);
  g_assert_cmpint (back->platform_deadline, ==, 0);
  g_assert_true (rd_intercept_is_unmatched (back));
  {
    g_autofree char *label = rd_intercept_dup_status_label (back);
    g_autofree char *left = rd_intercept_format_time_left (back->platform_deadline, g_get_real_time () / G_USEC_PER_SEC);

    g_assert_cmpstr (label, ==, "Returned, not matched · Damaged");
    g_assert_cmpstr (left, ==, "");
  }
  /* Not due: it needs matching, not a countdown. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) due = rd_intercepts_list (f->store, RD_INTERCEPT_VIEW_DUE, &f->policy, g_get_real_time () / G_USEC_PER_SEC, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < due->len; i++)
      g_assert_cmpstr (((RdIntercept *) due->pdata[i])->tracking_no, !=, "SF0000000002");
  }

  /* A damaged parcel of ours has the error look. */
  {
    g_autofree char *number = tracking (2);

    scan (f, number);
    g_assert_true (press (f, GDK_KEY_3));
    assert_look (f, "scan-damaged");
  }
}

/* A new scan starting with 1–4 while a parcel is shown is a scan, not an
 * outcome: the first digit is not lost and nothing is recorded. */
static void
test_digit_number_while_shown (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *number = tracking (5);
  g_autoptr(RdIntercept) shown = NULL;
  gint64 n_scans;

  /* A window no scanner could miss, so the test never depends on timing. */
  rd_scan_mode_set_hold_window (f->scan, G_MAXINT);
  scan (f, number);
  g_assert_cmpint (rd_scan_mode_get_state (f->scan), ==, RD_SCAN_STATE_PARCEL);

  /* The parcel shown still waits for its outcome (it is not dropped); the
   * new number waits behind it. */
  type_fast (f, "4312345678901\n");
  g_assert_false (rd_scan_mode_is_holding (f->scan));
  g_assert_cmpint (rd_scan_mode_get_state (f->scan), ==, RD_SCAN_STATE_PARCEL);
  g_assert_cmpuint (rd_scan_mode_get_n_queued (f->scan), ==, 1);
  g_assert_nonnull (strstr (next_text (f), "4312345678901"));
  g_assert_cmpuint (rd_scan_mode_get_n_recorded (f->scan), ==, 0);
  assert_entry_ready (f);

  shown = read_back (f, number, &n_scans);
  g_assert_cmpint (n_scans, ==, 0);
  g_assert_cmpint (shown->status, ==, RD_INTERCEPT_STATUS_REQUESTED);

  /* Its outcome given, the waiting number comes up. */
  rd_scan_mode_set_hold_window (f->scan, 0);
  g_assert_true (press (f, GDK_KEY_1));
  g_assert_cmpuint (rd_scan_mode_get_n_recorded (f->scan), ==, 1);
  g_assert_cmpint (rd_scan_mode_get_state (f->scan), ==, RD_SCAN_STATE_UNKNOWN);
  g_assert_true (g_str_has_prefix (rd_scan_mode_get_message (f->scan), "Saved: "));
  g_assert_nonnull (strstr (rd_scan_mode_get_message (f->scan), "4312345678901 is not in the register"));
  g_assert_cmpuint (rd_scan_mode_get_n_queued (f->scan), ==, 0);
  g_assert_cmpstr (next_text (f), ==, "");
}

/* Parcels scanned one after another without their outcome: none dropped.
 * Five wait behind the one shown, a sixth is refused aloud; each comes up
 * in turn as the outcomes are given, and Esc skips only the one shown. */
static void
test_queue (Fixture       *f,
            gconstpointer  data)
{
  gint64 n_scans;

  rd_scan_mode_set_hold_window (f->scan, 0);
  for (guint i = 0; i < 7; i++)
    {
      g_autofree char *number = tracking (i);

      scan (f, number);
      assert_entry_ready (f);
    }
  g_assert_cmpint (rd_scan_mode_get_state (f->scan), ==, RD_SCAN_STATE_PARCEL);
  g_assert_cmpuint (rd_scan_mode_get_n_queued (f->scan), ==, 5);
  /* The seventh: refused with the error look, and says so. */
  g_assert_true (g_str_has_prefix (rd_scan_mode_get_message (f->scan), "Not taken: YT0004200006"));
  assert_look (f, "scan-error");
  g_assert_null (strstr (next_text (f), "YT0004200006"));
  g_assert_nonnull (strstr (next_text (f), "YT0004200005"));

  /* The one shown scanned again is not queued twice. */
  {
    g_autofree char *number = tracking (0);

    scan (f, number);
    g_assert_cmpuint (rd_scan_mode_get_n_queued (f->scan), ==, 5);
  }

  g_assert_true (press (f, GDK_KEY_1));
  g_assert_true (press (f, GDK_KEY_2));
  g_assert_true (press (f, GDK_KEY_Escape));   /* skips the third */
  g_assert_cmpuint (rd_scan_mode_get_n_queued (f->scan), ==, 2);
  for (guint i = 0; i < 3; i++)
    g_assert_true (press (f, GDK_KEY_1));
  g_assert_cmpint (rd_scan_mode_get_state (f->scan), ==, RD_SCAN_STATE_READY);
  g_assert_cmpuint (rd_scan_mode_get_n_recorded (f->scan), ==, 5);
  g_assert_cmpstr (next_text (f), ==, "");

  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *number = tracking (i);
      g_autoptr(RdIntercept) back = read_back (f, number, &n_scans);

      g_assert_cmpint (n_scans, ==, 5);
      if (i == 2)
        g_assert_cmpint (back->status, ==, RD_INTERCEPT_STATUS_REQUESTED);
      else
        g_assert_cmpint (back->status, ==, RD_INTERCEPT_STATUS_BACK_IN_WAREHOUSE);
    }
}

/* A lone 2, with nothing after it within the window, records "damaged". */
static void
test_lone_digit_records (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *number = tracking (6);
  g_autoptr(RdIntercept) back = NULL;
  gint64 n_scans;

  rd_scan_mode_set_hold_window (f->scan, 1);
  scan (f, number);
  g_assert_true (rd_scan_mode_handle_key (f->scan, GDK_KEY_2, 0));
  /* Held, not yet recorded... */
  g_assert_true (rd_scan_mode_is_holding (f->scan));
  g_assert_cmpuint (rd_scan_mode_get_n_recorded (f->scan), ==, 0);
  /* ...until the window passes with no other key. */
  while (rd_scan_mode_is_holding (f->scan))
    g_main_context_iteration (NULL, TRUE);
  rd_test_ui_iterate ();

  g_assert_cmpuint (rd_scan_mode_get_n_recorded (f->scan), ==, 1);
  g_assert_cmpint (rd_scan_mode_get_state (f->scan), ==, RD_SCAN_STATE_READY);
  assert_entry_ready (f);
  back = read_back (f, number, &n_scans);
  g_assert_cmpint (n_scans, ==, 1);
  g_assert_cmpint (back->condition, ==, RD_PARCEL_CONDITION_DAMAGED);
}

static void
on_leave (RdScanMode *scan_mode,
          gboolean   *left)
{
  *left = TRUE;
}

static void
test_escape_leaves (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *number = tracking (3);
  gboolean left = FALSE;

  g_signal_connect (f->scan, "leave", G_CALLBACK (on_leave), &left);

  /* Esc with a parcel shown drops it; a second Esc leaves. */
  scan (f, number);
  g_assert_true (press (f, GDK_KEY_Escape));
  g_assert_false (left);
  g_assert_cmpint (rd_scan_mode_get_state (f->scan), ==, RD_SCAN_STATE_READY);
  g_assert_true (press (f, GDK_KEY_Escape));
  g_assert_true (left);
  g_assert_cmpuint (rd_scan_mode_get_n_recorded (f->scan), ==, 0);
}

/* The page: the scan mode button fills it, Esc brings the register back. */
static void
test_page_scan_mode (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *path = NULL;
  g_autoptr(RdStore) store = rd_test_ui_open_ledger (dir, &path);
  g_autoptr(RdContext) context = rd_test_ui_new_context (NULL);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  RdInterceptsPage *page = RD_INTERCEPTS_PAGE (rd_intercepts_page_new (context));
  Fixture f = { .dir = dir, .path = path, .store = store };

  rd_test_ui_sign_in (context, store, "老张", RD_ROLE_WAREHOUSE);
  rd_policy_init_defaults (&f.policy);
  populate (&f);

  gtk_window_set_child (window, GTK_WIDGET (page));
  rd_intercepts_page_set_store (page, store);
  gtk_window_present (window);
  rd_test_ui_iterate ();

  /* Due first: all twenty wait for their result. */
  g_assert_cmpuint (rd_intercepts_page_get_n_rows (page), ==, N_PARCELS);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "intercepts.scan-mode", NULL));
  rd_test_ui_iterate ();
  g_assert_true (rd_intercepts_page_in_scan_mode (page));
  f.window = window;
  f.scan = RD_SCAN_MODE (rd_intercepts_page_get_scan_mode (page));
  assert_entry_ready (&f);
  {
    g_autofree char *number = tracking (0);
    scan (&f, number);
  }
  g_assert_true (press (&f, GDK_KEY_1));
  g_assert_true (press (&f, GDK_KEY_Escape));
  g_assert_false (rd_intercepts_page_in_scan_mode (page));

  /* Back in the register, the parcel is no longer due. */
  g_assert_cmpuint (rd_intercepts_page_get_n_rows (page), ==, N_PARCELS - 1);

  gtk_window_destroy (window);
  rd_test_ui_iterate ();
  rd_policy_clear (&f.policy);
  g_clear_object (&store);
  rd_test_remove_tree (dir);
}

static AdwMessageDialog *
find_dialog (gpointer skip)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && window != skip && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* "Create intercept" from a case (what win.create-intercept runs): the
 * dialog comes prefilled, the tracking number typed, Create; the same number
 * a second time opens the existing row instead of making another. */
static void
test_page_create_for_case (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autoptr(RdStore) store = rd_test_ui_open_ledger (dir, NULL);
  g_autoptr(RdContext) context = rd_test_ui_new_context (NULL);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  RdInterceptsPage *page = RD_INTERCEPTS_PAGE (rd_intercepts_page_new (context));
  g_autoptr(RdCase) rcase = rd_case_new ();
  g_autoptr(GPtrArray) linked = NULL;
  g_autoptr(RdCase) after = NULL;
  RdWorkflowFacts facts = { .approved_amount = 15000, .no_breakdown_reason = "agreed with the buyer" };
  g_auto(RdPolicy) policy = { 0 };

  g_assert_no_error (error);
  rd_test_ui_sign_in (context, store, "老张", RD_ROLE_WAREHOUSE);
  rd_policy_init_defaults (&policy);
  rcase->channel = g_strdup ("jd");
  rcase->order_no = g_strdup ("3100200");
  rcase->kind = RD_REFUND_KIND_REFUND_ONLY_SHIPPED;
  rcase->reason = g_strdup ("changed_mind");
  rcase->payment_method = RD_PAYMENT_METHOD_ALIPAY;
  rcase->amount_paid = 15000;
  rcase->requested_at = g_get_real_time () / G_USEC_PER_SEC;
  rd_case_store_insert (store, rcase, "alice", &error);
  g_assert_no_error (error);
  rd_case_store_transition (store, rcase->id, RD_WORKFLOW_EVENT_APPROVE, &facts, &policy, "alice", &error);
  g_assert_no_error (error);

  gtk_window_set_child (window, GTK_WIDGET (page));
  rd_intercepts_page_set_store (page, store);
  gtk_window_present (window);
  rd_test_ui_iterate ();

  for (guint round = 0; round < 2; round++)
    {
      AdwMessageDialog *dialog;
      GtkWidget *entry;

      rd_intercepts_page_create_for_case (page, rcase->id);
      rd_test_ui_iterate ();
      dialog = find_dialog (NULL);
      g_assert_nonnull (dialog);
      g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), rcase->case_no));
      g_assert_false (adw_message_dialog_get_response_enabled (dialog, "create"));
      entry = rd_test_ui_find_descendant (adw_message_dialog_get_extra_child (dialog), GTK_TYPE_ENTRY, NULL);
      gtk_editable_set_text (GTK_EDITABLE (entry), " jd0012345 ");
      g_assert_true (adw_message_dialog_get_response_enabled (dialog, "create"));
      /* What the Create button does: the response, then the dialog closes. */
      adw_message_dialog_response (dialog, "create");
      gtk_window_destroy (GTK_WINDOW (dialog));
      rd_test_ui_iterate ();
    }

  linked = rd_intercepts_list_for_case (store, rcase->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (linked->len, ==, 1);
  g_assert_cmpstr (((RdIntercept *) linked->pdata[0])->tracking_no, ==, "JD0012345");
  g_assert_cmpint (((RdIntercept *) linked->pdata[0])->amount, ==, 15000);
  g_assert_cmpint (((RdIntercept *) linked->pdata[0])->status, ==, RD_INTERCEPT_STATUS_REQUESTED);
  /* Below the high-ticket threshold: refunded as soon as it is requested. */
  after = rd_case_store_get (store, rcase->id, &error);
  g_assert_cmpint (after->status, ==, RD_CASE_STATUS_AWAITING_PAYOUT);
  /* The existing row is shown, selected, in the full register. */
  g_assert_cmpuint (rd_intercepts_page_get_n_rows (page), ==, 1);

  gtk_window_destroy (window);
  rd_test_ui_iterate ();
  g_clear_object (&store);
  rd_test_remove_tree (dir);
}

/* Each result has its own sound: a theme event id, none twice; the ones
 * that need a second look are the ones the error bell stands in for; and
 * playing with no sound server (as here) is silent and harmless. */
static void
test_sounds (void)
{
  static const RdScanSound results[] = {
    RD_SCAN_SOUND_RECORDED, RD_SCAN_SOUND_ALREADY, RD_SCAN_SOUND_UNKNOWN,
    RD_SCAN_SOUND_DAMAGED, RD_SCAN_SOUND_QUEUED, RD_SCAN_SOUND_REFUSED,
  };
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GtkWidget *label = g_object_ref_sink (gtk_label_new (NULL));

  g_assert_cmpuint (G_N_ELEMENTS (results), ==, RD_SCAN_N_SOUNDS - 1);
  g_assert_null (rd_scan_sound_get_event_id (RD_SCAN_SOUND_NONE));
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      const char *id = rd_scan_sound_get_event_id (results[i]);

      g_assert_nonnull (id);
      g_assert_false (g_hash_table_contains (seen, id));
      g_hash_table_add (seen, (gpointer) id);
      rd_scan_sound_play (label, results[i]);
    }
  g_assert_true (rd_scan_sound_is_failure (RD_SCAN_SOUND_UNKNOWN));
  g_assert_true (rd_scan_sound_is_failure (RD_SCAN_SOUND_DAMAGED));
  g_assert_true (rd_scan_sound_is_failure (RD_SCAN_SOUND_REFUSED));
  g_assert_false (rd_scan_sound_is_failure (RD_SCAN_SOUND_RECORDED));
  g_assert_false (rd_scan_sound_is_failure (RD_SCAN_SOUND_ALREADY));
  g_assert_false (rd_scan_sound_is_failure (RD_SCAN_SOUND_QUEUED));
  g_object_unref (label);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* The warehouse scans (rd_test_add_operators). */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);

    g_settings_set_string (settings, "current-operator", "老张");
  }

#define ADD(name, func) \
  g_test_add ("/rd/scan-mode/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("twenty-parcels", test_twenty_parcels);
  ADD ("duplicate-scan", test_duplicate_scan);
  ADD ("unknown-number", test_unknown_number);
  ADD ("escape-leaves", test_escape_leaves);
  ADD ("digit-number-while-shown", test_digit_number_while_shown);
  ADD ("lone-digit-records", test_lone_digit_records);
  ADD ("queue", test_queue);
#undef ADD
  g_test_add_func ("/rd/scan-mode/page", test_page_scan_mode);
  g_test_add_func ("/rd/scan-mode/sounds", test_sounds);
  g_test_add_func ("/rd/intercepts-page/create-for-case", test_page_create_for_case);

  return g_test_run ();
}
