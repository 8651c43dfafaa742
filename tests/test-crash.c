/* test-crash.c
 *
 * kill -9 at any moment loses nothing committed. The test binary re-executes
 * itself as a child ("--crash-child LEDGER FD") that writes through the core
 * in a loop — a case, a payout on it, a scan of a returned parcel, the
 * intake draft — and writes a line on the pipe FD after each write returned
 * (committed, synchronous=FULL). The parent kills it with SIGKILL after a
 * random time (fixed seed), then opens the ledger and checks: every id the
 * child reported is there with its values, no row is torn (integrity and
 * foreign-key check), the audit chain verifies, and the draft holds at
 * least the last value reported.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rd-audit.h"
#include "rd-case-drafts.h"
#include "rd-case-payouts.h"
#include "rd-case-store.h"
#include "rd-intercepts.h"
#include "rd-test-ledger.h"

#define N_KILLS 200
#define SEED 20261206
#define DRAFT_FORM "intake"

static const char *self_exe;

/* The child */

static void
report (int         fd,
        const char *format,
        ...) G_GNUC_PRINTF (2, 3);

static void
report (int         fd,
        const char *format,
        ...)
{
  g_autofree char *line = NULL;
  va_list args;
  gsize len, done = 0;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);
  len = strlen (line);
  while (done < len)
    {
      gssize n = write (fd, line + done, len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        _exit (3);
      done += n;
    }
}

static int
run_child (const char *path,
           int         fd,
           int         run)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = rd_store_open (path, RD_STORE_OPEN_EXISTING, &error);

  if (store == NULL)
    {
      g_printerr ("child: %s\n", error->message);
      return 2;
    }
  gint64 last_case = 0, last_amount = 0;

  report (fd, "ready\n");

  /* Each run starts at another kind of write, so that the kills fall on
   * every kind. */
  for (int step = run % 4, i = 0; ; step++, i++)
    {
      g_autofree char *tracking = g_strdup_printf ("CR%04d%06d", run, i);
      gint64 amount = 1000 + run * 100 + i;

      switch (step % 4)
        {
        case 0:
          {
            g_autoptr(RdCase) rcase = rd_case_new ();

            rcase->channel = g_strdup ("taobao");
            rcase->order_no = g_strdup_printf ("CR-%d-%d", run, i);
            rcase->kind = RD_REFUND_KIND_REFUND_ONLY_UNSHIPPED;
            rcase->reason = g_strdup ("changed_mind");
            rcase->payment_method = RD_PAYMENT_METHOD_ALIPAY;
            rcase->amount_paid = amount;
            rcase->approved_amount = amount;
            rcase->requested_at = 1767225600;
            if (!rd_case_store_insert (store, rcase, "Li Na", &error))
              goto fail;
            report (fd, "case %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", rcase->id, amount);
            last_case = rcase->id;
            last_amount = amount;
          }
          break;

        case 1:
          if (last_case == 0)
            break;
          if (!rd_payouts_add (store, last_case, last_amount, "original", "2026-03-01", "Li Na", NULL, &error))
            goto fail;
          report (fd, "payout %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", last_case, last_amount);
          last_case = 0;
          break;

        case 2:
          {
            g_auto(RdScanResult) scan = { 0 };

            if (!rd_intercepts_record_unmatched_scan (store, tracking, RD_COURIER_NONE, RD_PARCEL_CONDITION_INTACT,
                                                      "老张", 1767225600 + i, &scan, &error))
              goto fail;
            report (fd, "scan %" G_GINT64_FORMAT " %s\n", scan.scan_id, tracking);
          }
          break;

        default:
          {
            g_autofree char *json = g_strdup_printf ("{\"order_no\": \"CR-%d-%d\", \"evidence\": %d}",
                                                     run, i, run * 1000 + i);

            if (!rd_drafts_save (store, DRAFT_FORM, json, &error))
              goto fail;
            report (fd, "draft %d\n", run * 1000 + i);
          }
          break;
        }
    }

fail:
  g_printerr ("child: %s\n", error->message);
  return 2;
}

/* The parent */

typedef struct
{
  GArray    *cases;     /* gint64 id, amount pairs */
  GArray    *payouts;
  GArray    *scans;     /* gint64 scan ids */
  gint64     last_draft;
} Reported;

static void
parse_lines (Reported   *reported,
             GString    *buffer)
{
  g_auto(GStrv) lines = NULL;
  const char *end = strrchr (buffer->str, '\n');
  gsize complete;

  if (end == NULL)
    return;
  complete = end - buffer->str + 1;
  {
    g_autofree char *text = g_strndup (buffer->str, complete);

    lines = g_strsplit (text, "\n", -1);
  }
  g_string_erase (buffer, 0, complete);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      gint64 a, b;
      char name[32];

      if (sscanf (lines[i], "case %" G_GINT64_FORMAT " %" G_GINT64_FORMAT, &a, &b) == 2)
        {
          g_array_append_val (reported->cases, a);
          g_array_append_val (reported->cases, b);
        }
      else if (sscanf (lines[i], "payout %" G_GINT64_FORMAT " %" G_GINT64_FORMAT, &a, &b) == 2)
        {
          g_array_append_val (reported->payouts, a);
          g_array_append_val (reported->payouts, b);
        }
      else if (sscanf (lines[i], "scan %" G_GINT64_FORMAT " %31s", &a, name) == 2)
        g_array_append_val (reported->scans, a);
      else if (sscanf (lines[i], "draft %" G_GINT64_FORMAT, &a) == 1)
        reported->last_draft = a;
    }
}

/* Reads what is on the pipe; with wait_ready, until the child says it is
 * ready (or exits). */
static gboolean
drain (int        fd,
       GString   *buffer,
       Reported  *reported,
       gboolean   wait_ready)
{
  char chunk[4096];

  for (;;)
    {
      gssize n = read (fd, chunk, sizeof chunk);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0 && errno == EAGAIN)
        {
          if (!wait_ready)
            return TRUE;
          g_usleep (200);
          continue;
        }
      if (n <= 0)
        return FALSE;
      g_string_append_len (buffer, chunk, n);
      if (wait_ready && strstr (buffer->str, "ready\n") != NULL)
        {
          g_string_erase (buffer, 0, strstr (buffer->str, "ready\n") - buffer->str + 6);
          wait_ready = FALSE;
        }
      parse_lines (reported, buffer);
    }
}

static gint64
count_scan (RdStore *store,
            gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = rd_store_prepare (store, "SELECT count(*) FROM scans WHERE id = ?1", &error);

  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
check_ledger (const char *path,
              Reported   *reported,
              guint       from_case,
              guint       from_payout,
              guint       from_scan)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = rd_store_open (path, RD_STORE_OPEN_EXISTING, &error);
  g_autoptr(RdDraft) draft = NULL;
  gint64 n_entries = 0, first_bad = 0;

  g_assert_no_error (error);

  for (guint i = from_case; i < reported->cases->len; i += 2)
    {
      g_autoptr(RdCase) rcase = rd_case_store_get (store, g_array_index (reported->cases, gint64, i), &error);

      g_assert_no_error (error);
      g_assert_cmpint (rcase->amount_paid, ==, g_array_index (reported->cases, gint64, i + 1));
    }
  for (guint i = from_payout; i < reported->payouts->len; i += 2)
    {
      gint64 sum = 0;

      g_assert_true (rd_payouts_sum (store, g_array_index (reported->payouts, gint64, i), &sum, &error));
      g_assert_cmpint (sum, ==, g_array_index (reported->payouts, gint64, i + 1));
    }
  for (guint i = from_scan; i < reported->scans->len; i++)
    g_assert_cmpint (count_scan (store, g_array_index (reported->scans, gint64, i)), ==, 1);

  g_assert_true (rd_store_check_integrity (store, &error));
  g_assert_no_error (error);
  g_assert_true (rd_audit_verify (store, &n_entries, &first_bad, &error));
  g_assert_no_error (error);
  g_assert_cmpint (first_bad, ==, 0);

  draft = rd_drafts_read (store, DRAFT_FORM, &error);
  g_assert_no_error (error);
  if (reported->last_draft >= 0)
    {
      g_assert_nonnull (draft);
      g_assert_cmpint (rd_draft_get_int (draft, "evidence", -1), >=, reported->last_draft);
    }
}

static void
test_kill_anywhere (void)
{
  g_autofree char *dir = rd_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "ledger.db", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  Reported reported = { 0 };
  guint n_mid_write = 0;
  gint32 window;

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RdStore) store = rd_store_open (path, RD_STORE_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    rd_test_add_operators (store);
  }

  reported.cases = g_array_new (FALSE, FALSE, sizeof (gint64));
  reported.payouts = g_array_new (FALSE, FALSE, sizeof (gint64));
  reported.scans = g_array_new (FALSE, FALSE, sizeof (gint64));
  reported.last_draft = -1;

  /* The kills fall from at once to a few writes in. A write waits for the
   * disk, and a loaded machine (or ASan) makes it slower: a run that ended
   * before its first commit widens the window for the next ones. */
  window = 30000;
  for (int run = 0; run < N_KILLS; run++)
    {
      g_autoptr(GString) buffer = g_string_new (NULL);
      guint from_case = reported.cases->len;
      guint from_payout = reported.payouts->len;
      guint from_scan = reported.scans->len;
      int fds[2];
      pid_t pid;
      int status;
      gulong delay;

      g_assert_cmpint (pipe (fds), ==, 0);
      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          g_autofree char *fd_arg = g_strdup_printf ("%d", fds[1]);
          g_autofree char *run_arg = g_strdup_printf ("%d", run);

          close (fds[0]);
          execl (self_exe, self_exe, "--crash-child", path, fd_arg, run_arg, (char *) NULL);
          _exit (127);
        }
      close (fds[1]);
      g_assert_cmpint (fcntl (fds[0], F_SETFL, O_NONBLOCK), ==, 0);

      /* Killed while it writes: from at once to a few dozen writes in. */
      if (!drain (fds[0], buffer, &reported, TRUE))
        g_error ("the child exited before it was ready");
      delay = g_rand_int_range (rand, 0, window);
      g_usleep (delay);
      drain (fds[0], buffer, &reported, FALSE);
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);
      /* What was reported before the kill is still in the pipe. */
      drain (fds[0], buffer, &reported, FALSE);
      close (fds[0]);
      if (buffer->len > 0)
        n_mid_write++;

      check_ledger (path, &reported, from_case, from_payout, from_scan);
      if (reported.cases->len == from_case && reported.scans->len == from_scan &&
          reported.payouts->len == from_payout)
        window = MIN (window + window / 2, 2000000);
    }

  /* Every write of every run is still there at the end. */
  check_ledger (path, &reported, 0, 0, 0);
  /* The kills fell among the writes, not only before the first (each
   * write waits for the disk: a few per run). */
  g_assert_cmpuint (reported.cases->len / 2, >=, N_KILLS / 10);
  g_assert_cmpuint (reported.scans->len, >=, N_KILLS / 10);
  g_assert_cmpint (reported.last_draft, >=, 0);
  g_test_message ("%u kills (%u with a line half-written), %u cases, %u scans committed",
                  N_KILLS, n_mid_write, reported.cases->len / 2, reported.scans->len);

  g_array_unref (reported.cases);
  g_array_unref (reported.payouts);
  g_array_unref (reported.scans);
  rd_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 5 && g_str_equal (argv[1], "--crash-child"))
    return run_child (argv[2], atoi (argv[3]), atoi (argv[4]));

  self_exe = "/proc/self/exe";
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/rd/crash/kill-anywhere", test_kill_anywhere);
  return g_test_run ();
}
