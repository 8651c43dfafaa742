/* rd-gen-ledger.c
 *
 * `rd-gen-ledger --cases N [--seed S] DB`: writes N realistic refund cases
 * spread over the last 36 months into the ledger DB (created if missing)
 * through rd_case_bulk_begin_rebuilding (one transaction; the same rows,
 * case numbers, search index and audit entries as
 * rd_case_store_insert_many). The cases are made on a thread of their own,
 * a few batches ahead of the inserting one, from the one GRand in order
 * (the same cases for the same seed). An intercept where the kind calls
 * for one (shipped refund-only cases past the request): its status follows
 * the case's, recent ones still on the road with their last tracking
 * movement hours ago, a few lost with a claim. These rows are made on a
 * third thread from the cases written, into a scratch file, and copied in
 * after the cases' transaction with plain SQL (no audit entries). It prints
 * the rate in cases per second of the cases' transaction, and of the whole
 * with the intercepts.
 *
 * A test-data tool: it runs with PRAGMA synchronous = OFF and the rollback
 * journal in memory (a crash or power cut in the middle may leave a damaged
 * file; generate again) and a 512 MB page cache; the ledger is back in WAL
 * mode at the end. The app never does that.
 */
#include "config.h"

#define _GNU_SOURCE 1
#include <glib/gstdio.h>
#include <malloc.h>
#include <unistd.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "rd-operators.h"
#include "rd-case-bulk.h"
#include "rd-store.h"

#define BATCH 5000
#define BATCHES_AHEAD 4

typedef struct
{
  const char *id;
  guint       weight;
} Weighted;

static const Weighted channels[] = {
  { "taobao", 34 }, { "pinduoduo", 24 }, { "douyin", 16 }, { "jd", 10 }, { "kuaishou", 5 },
  { "wechat", 4 }, { "offline", 3 }, { "website", 2 }, { "other", 2 },
};

static const Weighted reasons[] = {
  { "changed_mind", 30 }, { "quality_problem", 14 }, { "wrong_item", 5 }, { "not_as_described", 10 },
  { "damaged_in_transit", 6 }, { "parcel_lost", 2 }, { "not_received", 6 }, { "missing_parts", 5 },
  { "size_not_fit", 14 }, { "ordered_by_mistake", 8 },
};

static const guint kind_weights[] = { 0, 35, 25, 40 };
static const guint goods_weights[] = { 0, 80, 5, 3, 5, 5, 2 };
static const guint payment_weights[] = { 0, 45, 35, 6, 3, 4, 2, 2, 1, 2 };

/* Final statuses of cases older than a month, and statuses of recent ones. */
static const guint old_status_weights[] = { 0, 0, 0, 8, 5, 0, 0, 0, 0, 2, 12, 73 };
static const guint new_status_weights[] = { 0, 18, 10, 6, 4, 10, 4, 6, 8, 14, 10, 10 };

static const char surnames[] =
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
static const char given[] =
  "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建文辉力斌宇浩凯健俊帆鹏飞晨欣怡婷雪琳晶倩雯佳颖子轩梓涵一诺小宁波海燕峰亮春梅兰云凤";
static const char *const handlers[] = { "小王", "小李", "阿珍", "店长", "老陈", "Lily" };
/* Their roles: the shop's people, imported without a PIN (each sets one on
 * first use) before any case is written. */
static const RdRole handler_roles[] = {
  RD_ROLE_CLERK, RD_ROLE_CLERK, RD_ROLE_APPROVER, RD_ROLE_ADMIN, RD_ROLE_WAREHOUSE, RD_ROLE_ACCOUNTANT,
};
G_STATIC_ASSERT (G_N_ELEMENTS (handlers) == G_N_ELEMENTS (handler_roles));
static const char *const couriers[] = { "SF", "YT", "JT", "ZTO", "YD", "JD" };

static guint
pick (GRand       *rand,
      const guint *weights,
      guint        n)
{
  guint total = 0, r;

  for (guint i = 0; i < n; i++)
    total += weights[i];
  r = g_rand_int_range (rand, 0, total);
  for (guint i = 0; i < n; i++)
    {
      if (r < weights[i])
        return i;
      r -= weights[i];
    }
  return n - 1;
}

static const char *
pick_weighted (GRand          *rand,
               const Weighted *table,
               guint           n)
{
  guint weights[32];

  for (guint i = 0; i < n; i++)
    weights[i] = table[i].weight;
  return table[pick (rand, weights, n)].id;
}

static void
append_digits (GString *s,
               GRand   *rand,
               guint    n)
{
  for (guint i = 0; i < n; i++)
    g_string_append_c (s, '0' + g_rand_int_range (rand, i == 0 ? 1 : 0, 10));
}

/* The n-th UTF-8 character (3 bytes) of a string of Chinese characters. */
static void
append_han (GString    *s,
            const char *chars,
            GRand      *rand)
{
  guint n = strlen (chars) / 3;
  guint i = g_rand_int_range (rand, 0, n);

  g_string_append_len (s, chars + 3 * i, 3);
}

static char *
make_order_no (GRand      *rand,
               const char *channel,
               gint64      ordered_at)
{
  GString *s = g_string_new (NULL);

  if (g_str_equal (channel, "taobao") || g_str_equal (channel, "douyin"))
    append_digits (s, rand, 19);
  else if (g_str_equal (channel, "pinduoduo"))
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (ordered_at);
      g_autofree char *date = g_date_time_format (dt, "%y%m%d");
      g_string_append_printf (s, "%s-", date);
      append_digits (s, rand, 15);
    }
  else if (g_str_equal (channel, "jd"))
    append_digits (s, rand, 12);
  else if (g_str_equal (channel, "kuaishou"))
    append_digits (s, rand, 16);
  else if (g_str_equal (channel, "wechat"))
    {
      g_string_append_c (s, '3');
      append_digits (s, rand, 18);
    }
  else if (g_str_equal (channel, "offline"))
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (ordered_at);
      g_autofree char *date = g_date_time_format (dt, "%Y%m%d");
      g_string_append_printf (s, "POS%s-", date);
      append_digits (s, rand, 4);
    }
  else if (g_str_equal (channel, "website"))
    {
      g_string_append (s, "W");
      append_digits (s, rand, 10);
    }
  else
    append_digits (s, rand, 14);

  return g_string_free (s, FALSE);
}

static char *
make_tracking (GRand *rand)
{
  GString *s = g_string_new (couriers[g_rand_int_range (rand, 0, G_N_ELEMENTS (couriers))]);

  append_digits (s, rand, g_rand_int_range (rand, 7, 16));
  return g_string_free (s, FALSE);
}

static char *
make_name (GRand *rand)
{
  GString *s = g_string_new (NULL);

  append_han (s, surnames, rand);
  append_han (s, given, rand);
  if (g_rand_int_range (rand, 0, 100) < 60)
    append_han (s, given, rand);
  return g_string_free (s, FALSE);
}

static GTimeZone *local_tz;

static char *
date_after (gint64 t,
            int    days)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t + (gint64) days * 86400);
  g_autoptr(GDateTime) dt = g_date_time_to_timezone (utc, local_tz);

  return g_date_time_format (dt, "%Y-%m-%d");
}

static RdCase *
make_case (GRand  *rand,
           gint64  requested_at,
           gint64  now)
{
  RdCase *c = rd_case_new ();
  gboolean old = now - requested_at > 30 * 86400;
  gint64 decided_at;
  int arrival_days;

  c->channel = g_strdup (pick_weighted (rand, channels, G_N_ELEMENTS (channels)));
  c->order_no = make_order_no (rand, c->channel, requested_at - g_rand_int_range (rand, 3600, 20 * 86400));
  if (!g_str_equal (c->channel, "offline") && g_rand_int_range (rand, 0, 100) < 70)
    {
      GString *s = g_string_new (NULL);
      append_digits (s, rand, g_rand_int_range (rand, 15, 20));
      c->after_sales_no = g_string_free (s, FALSE);
    }
  c->buyer_name = make_name (rand);
  c->buyer_contact = g_strdup_printf ("1%d%d%08d", g_rand_int_range (rand, 3, 10),
                                      g_rand_int_range (rand, 0, 10), g_rand_int_range (rand, 0, 100000000));
  c->kind = pick (rand, kind_weights, G_N_ELEMENTS (kind_weights));
  c->goods_kind = pick (rand, goods_weights, G_N_ELEMENTS (goods_weights));
  c->order_state = g_strdup (c->kind == RD_REFUND_KIND_REFUND_ONLY_UNSHIPPED ? "paid, not shipped" :
                             g_rand_boolean (rand) ? "shipped" : "signed for");
  c->reason = g_strdup (pick_weighted (rand, reasons, G_N_ELEMENTS (reasons)));
  c->payment_method = pick (rand, payment_weights, G_N_ELEMENTS (payment_weights));
  c->refund_route = g_rand_int_range (rand, 0, 100) < 92 ? RD_REFUND_ROUTE_ORIGINAL :
                    g_rand_boolean (rand) ? RD_REFUND_ROUTE_TRANSFER : RD_REFUND_ROUTE_STORE_BALANCE;
  if (c->payment_method == RD_PAYMENT_METHOD_PAYPAL || c->payment_method == RD_PAYMENT_METHOD_STRIPE)
    {
      g_free (c->currency);
      c->currency = g_strdup ("USD");
      c->exchange_rate = g_strdup_printf ("7.%04d", g_rand_int_range (rand, 500, 3000));
    }
  /* Mostly ¥10–¥300, a long tail up to ¥5,000. */
  c->amount_paid = g_rand_int_range (rand, 0, 100) < 90 ? g_rand_int_range (rand, 990, 30000)
                                                        : g_rand_int_range (rand, 30000, 500000);
  c->requested_at = requested_at;
  c->platform_deadline = requested_at + (g_rand_boolean (rand) ? 24 : 48) * 3600;
  c->created_at = requested_at + g_rand_int_range (rand, 0, 1800);
  c->handler = g_strdup (handlers[g_rand_int_range (rand, 0, G_N_ELEMENTS (handlers))]);
  c->created_by = g_strdup (c->handler);

  c->status = old ? pick (rand, old_status_weights, G_N_ELEMENTS (old_status_weights))
                  : pick (rand, new_status_weights, G_N_ELEMENTS (new_status_weights));
  if (c->kind != RD_REFUND_KIND_RETURN_REFUND &&
      (c->status == RD_CASE_STATUS_AWAITING_RETURN || c->status == RD_CASE_STATUS_RETURNED))
    c->status = RD_CASE_STATUS_APPROVED;
  if (c->kind != RD_REFUND_KIND_REFUND_ONLY_SHIPPED && c->status == RD_CASE_STATUS_INTERCEPTING)
    c->status = RD_CASE_STATUS_APPROVED;

  decided_at = c->created_at + g_rand_int_range (rand, 600, 20 * 3600);
  c->updated_at = decided_at;

  switch (c->status)
    {
    case RD_CASE_STATUS_REFUSED:
      c->resolution = RD_RESOLUTION_REFUSED;
      c->refusal_reason = g_rand_int_range (rand, 1, RD_REFUSAL_REASON_LAST);
      c->closed_at = decided_at;
      break;
    case RD_CASE_STATUS_WITHDRAWN:
      c->resolution = RD_RESOLUTION_WITHDRAWN;
      c->closed_at = decided_at;
      break;
    case RD_CASE_STATUS_REQUESTED:
      c->updated_at = c->created_at;
      break;
    default:
      /* Approved or later. */
      c->approved_amount = g_rand_int_range (rand, 0, 100) < 85 ? c->amount_paid
                                                                 : c->amount_paid * g_rand_int_range (rand, 30, 95) / 100;
      c->resolution = c->approved_amount == c->amount_paid ? RD_RESOLUTION_REFUND : RD_RESOLUTION_PARTIAL_REFUND;
      if (c->kind == RD_REFUND_KIND_REFUND_ONLY_SHIPPED && g_rand_int_range (rand, 0, 100) < 20)
        c->resolution = RD_RESOLUTION_REFUND_WITHOUT_RETURN;
      if (g_rand_int_range (rand, 0, 100) < 5)
        c->resolution = RD_RESOLUTION_COMPENSATION;
      c->approved_by = g_strdup (c->amount_paid >= 100000 ? "店长" : c->handler);
      if (c->kind == RD_REFUND_KIND_RETURN_REFUND && c->status != RD_CASE_STATUS_APPROVED &&
          c->status != RD_CASE_STATUS_AWAITING_RETURN)
        c->return_tracking = make_tracking (rand);
      if (c->status >= RD_CASE_STATUS_PAID)
        {
          c->paid_at = decided_at + g_rand_int_range (rand, 600, 4 * 86400);
          arrival_days = c->payment_method == RD_PAYMENT_METHOD_CREDIT_CARD ? 7 :
                         c->payment_method == RD_PAYMENT_METHOD_STORE_BALANCE ? 0 : 3;
          c->expected_arrival = date_after (c->paid_at, arrival_days);
          c->updated_at = c->paid_at;
        }
      if (c->status == RD_CASE_STATUS_CLOSED)
        {
          c->closed_at = c->paid_at + g_rand_int_range (rand, 86400, 10 * 86400);
          c->updated_at = c->closed_at;
        }
      break;
    }

  return c;
}

static const char *const provinces[] = {
  "广东", "浙江", "江苏", "上海", "北京", "四川", "湖北", "山东", "福建", "河南",
  "新疆", "西藏", "甘肃", "青海", "内蒙古", "宁夏",
};
static const char *const intercept_couriers[] = { "sf", "zto", "yto", "sto", "yunda", "jd", "ems", "jt", "deppon" };
static const char *const intercept_prefixes[] = { "SF", "7", "YT", "77", "43", "JDVA", "11", "JT", "DPK" };

/* The intercepts: made on a thread of their own from the cases the bulk
 * has written (their ids set), in order, from a GRand of their own, into a
 * scratch ledger next to the ledger (the ledger's own SQL for the two
 * tables); copied in after the cases' transaction. */
typedef struct
{
  GAsyncQueue  *batches;       /* of GPtrArray (added cases), then &intercepts_end */
  GAsyncQueue  *spent;         /* where they go next: the producer's */
  GThread      *thread;
  char         *path;
  sqlite3      *db;
  sqlite3_stmt *insert;
  sqlite3_stmt *claim;
  GRand        *rand;
  gint64        now;
  gint64        next_id;
  gint64        next_claim_id;
  char         *error;         /* the thread's, if any */
} Intercepts;

static GPtrArray intercepts_end;

static gboolean
intercepts_exec (sqlite3     *db,
                 const char  *sql,
                 char       **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) == SQLITE_OK)
    return TRUE;
  *error = g_strdup (sqlite3_errmsg (db));
  return FALSE;
}

/* The intercept of c, if its kind calls for one. */
static gboolean
write_intercept (Intercepts    *ic,
                 const RdCase  *c)
{
  GRand *rand = ic->rand;
  gint64 now = ic->now;
  gint64 id = ic->next_id;
  gint64 amount = c->approved_amount >= 0 ? c->approved_amount : c->amount_paid;
  gint64 requested = c->requested_at + g_rand_int_range (rand, 600, 4 * 3600);
  gint64 deadline = c->platform_deadline;
  gint64 paid_at = c->paid_at;
  guint courier = g_rand_int_range (rand, 0, G_N_ELEMENTS (intercept_couriers));
  g_autofree char *tracking = g_strdup_printf ("%s%010" G_GINT64_FORMAT, intercept_prefixes[courier],
                                               c->id * 7919 % 10000000000);
  const char *state, *condition = NULL;
  gint64 moved = 0, settled = 0, updated;
  int roll = g_rand_int_range (rand, 0, 100);
  gboolean lost = FALSE;

  if (requested > now)
    requested = now - 60;
  if (c->status == RD_CASE_STATUS_APPROVED || c->status == RD_CASE_STATUS_INTERCEPTING)
    {
      /* On the road: some quiet long enough to nudge or to call lost. */
      state = roll < 10 && c->status == RD_CASE_STATUS_APPROVED ? "pending"
              : roll < 75 ? "requested" : roll < 90 ? "failed" : "intercepted";
      moved = MIN (now, requested + g_rand_int_range (rand, 0, 6 * 3600));
      if (g_rand_int_range (rand, 0, 100) < 35)
        moved = now - g_rand_int_range (rand, 20, 90) * 3600;
      moved = MAX (moved, requested);
      if (g_str_equal (state, "pending"))
        moved = 0;
    }
  else if (c->status == RD_CASE_STATUS_AWAITING_PAYOUT)
    state = roll < 60 ? "requested" : roll < 90 ? "intercepted" : "refused_by_buyer";
  else
    {
      state = roll < 80 ? "back_in_warehouse" : roll < 88 ? "delivered" : "claim";
      lost = g_str_equal (state, "claim");
      if (g_str_equal (state, "back_in_warehouse"))
        condition = roll < 68 ? "intact" : roll < 75 ? "damaged" : "parts_missing";
      settled = requested + g_rand_int_range (rand, 12, 96) * 3600;
      if (paid_at != 0 && settled > paid_at && !lost)
        settled = paid_at;
    }
  if (moved == 0 && !g_str_equal (state, "pending"))
    moved = requested + g_rand_int_range (rand, 1, 12) * 3600;
  if (moved > now)
    moved = now;
  updated = MAX (MAX (requested, moved), settled);

  sqlite3_reset (ic->insert);
  sqlite3_clear_bindings (ic->insert);
  sqlite3_bind_int64 (ic->insert, 17, id);
  sqlite3_bind_text (ic->insert, 1, intercept_couriers[courier], -1, SQLITE_STATIC);
  sqlite3_bind_text (ic->insert, 2, tracking, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (ic->insert, 3, c->id);
  sqlite3_bind_text (ic->insert, 4, c->order_no, -1, SQLITE_STATIC);
  sqlite3_bind_text (ic->insert, 5, c->channel, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (ic->insert, 6, amount);
  sqlite3_bind_text (ic->insert, 7, provinces[g_rand_int_range (rand, 0, G_N_ELEMENTS (provinces))], -1, SQLITE_STATIC);
  sqlite3_bind_text (ic->insert, 8, state, -1, SQLITE_STATIC);
  if (condition != NULL)
    sqlite3_bind_text (ic->insert, 9, condition, -1, SQLITE_STATIC);
  if (!g_str_equal (state, "pending"))
    sqlite3_bind_int64 (ic->insert, 10, requested);
  if (deadline != 0)
    sqlite3_bind_int64 (ic->insert, 11, deadline);
  if (moved != 0)
    sqlite3_bind_int64 (ic->insert, 12, moved);
  sqlite3_bind_int64 (ic->insert, 13, updated);
  if (settled != 0)
    sqlite3_bind_int64 (ic->insert, 14, settled);
  sqlite3_bind_text (ic->insert, 15, c->handler, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (ic->insert, 16, requested);
  if (sqlite3_step (ic->insert) != SQLITE_DONE)
    {
      ic->error = g_strdup (sqlite3_errmsg (ic->db));
      return FALSE;
    }
  ic->next_id++;

  if (lost)
    {
      int outcome = g_rand_int_range (rand, 0, 100);
      gint64 filed = settled;

      sqlite3_reset (ic->claim);
      sqlite3_clear_bindings (ic->claim);
      sqlite3_bind_int64 (ic->claim, 7, ic->next_claim_id++);
      sqlite3_bind_int64 (ic->claim, 8, id);
      sqlite3_bind_int64 (ic->claim, 1, amount > 0 ? amount : 100);
      sqlite3_bind_int64 (ic->claim, 2, filed);
      sqlite3_bind_text (ic->claim, 3, outcome < 40 ? "filed" : outcome < 80 ? "paid" : "refused", -1, SQLITE_STATIC);
      sqlite3_bind_int64 (ic->claim, 4, outcome >= 40 && outcome < 80 ? MAX (1, amount * g_rand_int_range (rand, 30, 101) / 100) : 0);
      if (outcome >= 40)
        sqlite3_bind_int64 (ic->claim, 5, filed + g_rand_int_range (rand, 3, 30) * 86400);
      sqlite3_bind_text (ic->claim, 6, "店长", -1, SQLITE_STATIC);
      if (sqlite3_step (ic->claim) != SQLITE_DONE)
        {
          ic->error = g_strdup (sqlite3_errmsg (ic->db));
          return FALSE;
        }
    }
  return TRUE;
}

static gpointer
make_intercepts (gpointer data)
{
  Intercepts *ic = data;
  GPtrArray *batch;
  gboolean ok = intercepts_exec (ic->db, "BEGIN", &ic->error);

#ifdef __linux__
  /* Behind the thread inserting the cases, as the bulk's side threads. */
  setpriority (PRIO_PROCESS, (id_t) gettid (), 10);
#endif
  while ((batch = g_async_queue_pop (ic->batches)) != &intercepts_end)
    {
      for (guint i = 0; ok && i < batch->len; i++)
        {
          const RdCase *c = g_ptr_array_index (batch, i);

          if (c->kind == RD_REFUND_KIND_REFUND_ONLY_SHIPPED &&
              c->status != RD_CASE_STATUS_REQUESTED && c->status != RD_CASE_STATUS_REFUSED &&
              c->status != RD_CASE_STATUS_WITHDRAWN)
            ok = write_intercept (ic, c);
        }
      /* Back to the thread that made them, to free. */
      g_async_queue_push (ic->spent, batch);
    }
  g_clear_pointer (&ic->insert, sqlite3_finalize);
  g_clear_pointer (&ic->claim, sqlite3_finalize);
  if (ok)
    intercepts_exec (ic->db, "COMMIT", &ic->error);
  g_clear_pointer (&ic->db, sqlite3_close_v2);
  return NULL;
}

static gint64
max_id (sqlite3    *db,
        const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK || sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int64 (stmt, 0);
}

/* The scratch ledger, attached to the store's connection (before the
 * cases' transaction, which then holds no lock on it), its name removed
 * once both connections have it open (a crash leaves nothing behind), and
 * the thread started. */
static gboolean
intercepts_start (Intercepts  *ic,
                  RdStore     *store,
                  const char  *ledger_path,
                  guint32      seed,
                  gint64       now,
                  char       **error)
{
  sqlite3 *ledger = rd_store_get_db (store);
  g_autoptr(sqlite3_stmt) tables = NULL;
  g_autoptr(sqlite3_stmt) attach = NULL;

  ic->path = g_strconcat (ledger_path, ".intercepts", NULL);
  g_unlink (ic->path);
  if (sqlite3_open_v2 (ic->path, &ic->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK ||
      !intercepts_exec (ic->db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF", error))
    {
      if (*error == NULL)
        *error = g_strdup (sqlite3_errmsg (ic->db));
      return FALSE;
    }
  sqlite3_prepare_v2 (ledger, "SELECT sql FROM sqlite_master WHERE tbl_name IN ('intercepts', 'claims')"
                              " AND type IN ('table', 'index') AND sql IS NOT NULL"
                              " ORDER BY type = 'index', tbl_name = 'claims', name", -1, &tables, NULL);
  while (tables != NULL && sqlite3_step (tables) == SQLITE_ROW)
    if (!intercepts_exec (ic->db, (const char *) sqlite3_column_text (tables, 0), error))
      return FALSE;

  ic->next_id = max_id (ledger, "SELECT coalesce (max (id), 0) + 1 FROM intercepts");
  ic->next_claim_id = max_id (ledger, "SELECT coalesce (max (id), 0) + 1 FROM claims");
  if (sqlite3_prepare_v2 (ic->db, "INSERT INTO intercepts (courier, tracking_no, case_id, order_no, channel, amount,"
                                  " province, status, condition, requested_at, platform_deadline, last_movement_at,"
                                  " created_at, updated_at, settled_at, operator, id)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?16, ?13, ?14, ?15, ?17)",
                          -1, &ic->insert, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (ic->db, "INSERT INTO claims (intercept_id, amount_claimed, filed_at, status,"
                                  " amount_recovered, settled_at, operator, id)"
                                  " VALUES (?8, ?1, ?2, ?3, ?4, ?5, ?6, ?7)", -1, &ic->claim, NULL) != SQLITE_OK)
    {
      *error = g_strdup (sqlite3_errmsg (ic->db));
      return FALSE;
    }

  if (sqlite3_prepare_v2 (ledger, "ATTACH DATABASE ?1 AS gen_intercepts", -1, &attach, NULL) != SQLITE_OK)
    {
      *error = g_strdup (sqlite3_errmsg (ledger));
      return FALSE;
    }
  sqlite3_bind_text (attach, 1, ic->path, -1, SQLITE_STATIC);
  if (sqlite3_step (attach) != SQLITE_DONE)
    {
      *error = g_strdup (sqlite3_errmsg (ledger));
      return FALSE;
    }

  g_unlink (ic->path);

  ic->rand = g_rand_new_with_seed (seed ^ 0x1a7e5c0u);
  ic->now = now;
  ic->batches = g_async_queue_new ();
  ic->thread = g_thread_new ("rd-gen-intercepts", make_intercepts, ic);
  return TRUE;
}

/* After the cases' transaction: the thread's rows, copied in (as whole
 * records: the rows point at cases just written, so the copy checks no
 * foreign keys), the scratch ledger detached and deleted. */
static gboolean
intercepts_finish (Intercepts  *ic,
                   RdStore     *store,
                   char       **error)
{
  sqlite3 *ledger = rd_store_get_db (store);
  gboolean ok;

  g_async_queue_push (ic->batches, &intercepts_end);
  g_thread_join (g_steal_pointer (&ic->thread));
  ok = ic->error == NULL;
  if (!ok)
    *error = g_steal_pointer (&ic->error);
  ok = ok &&
       intercepts_exec (ledger, "PRAGMA foreign_keys = OFF", error) &&
       intercepts_exec (ledger, "BEGIN; INSERT INTO intercepts SELECT * FROM gen_intercepts.intercepts;"
                                " INSERT INTO claims SELECT * FROM gen_intercepts.claims; COMMIT", error);
  if (!ok)
    sqlite3_exec (ledger, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_exec (ledger, "PRAGMA foreign_keys = ON; DETACH DATABASE gen_intercepts", NULL, NULL, NULL);
  g_unlink (ic->path);
  g_clear_pointer (&ic->path, g_free);
  g_clear_pointer (&ic->rand, g_rand_free);
  g_clear_pointer (&ic->batches, g_async_queue_unref);
  return ok;
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
}

/* Batches of cases, made in order from one GRand: the same cases as
 * made on the main thread. */
typedef struct
{
  GRand        *rand;
  const gint64 *times;
  gint64        n_cases;
  gint64        now;
  GAsyncQueue  *full;          /* of GPtrArray of RdCase */
  GAsyncQueue  *free_slots;    /* at most BATCHES_AHEAD batches made ahead */
  GAsyncQueue  *spent;         /* batches written, to free */
} Producer;

static gpointer
produce_cases (gpointer data)
{
  Producer *producer = data;

  for (gint64 done = 0; done < producer->n_cases; )
    {
      guint n = (guint) MIN (BATCH, producer->n_cases - done);
      GPtrArray *batch = g_ptr_array_new_full (n, (GDestroyNotify) rd_case_free);

      GPtrArray *spent;

      g_async_queue_pop (producer->free_slots);
      /* Freed by the thread that made them: glibc's malloc is slow to
       * take back memory freed on another thread. */
      while ((spent = g_async_queue_try_pop (producer->spent)) != NULL)
        g_ptr_array_unref (spent);
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (batch, make_case (producer->rand, producer->times[done + i], producer->now));
      g_async_queue_push (producer->full, batch);
      done += n;
    }
  return NULL;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("DB");
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autofree gint64 *times = NULL;
  RdCaseBulk *bulk;
  Producer producer;
  GThread *thread;
  Intercepts intercepts = { 0 };
  g_autofree char *message = NULL;
  struct rusage usage;
  gint64 n_cases = 0, seed = 1, now, start, committing = 0, elapsed, intercepting;
  GOptionEntry entries[] = {
    { "cases", 0, 0, G_OPTION_ARG_INT64, &n_cases, "Number of cases to write", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Random seed (default 1)", "S" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || n_cases <= 0)
    {
      g_printerr ("usage: rd-gen-ledger --cases N [--seed S] DB%s%s\n",
                  error ? ": " : "", error ? error->message : "");
      return 2;
    }

  /* No connection is used by two threads at once: no mutex per call; no
   * memory statistics (a mutex per allocation). Freed memory stays with the
   * process instead of going back to the kernel and faulting in again. */
  sqlite3_config (SQLITE_CONFIG_MULTITHREAD);
  sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
  mallopt (M_MMAP_THRESHOLD, 32 * 1024 * 1024);
  mallopt (M_TRIM_THRESHOLD, 1024 * 1024 * 1024);
  mallopt (M_TOP_PAD, 64 * 1024 * 1024);

  store = rd_store_open (argv[1], RD_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      g_printerr ("rd-gen-ledger: %s\n", error->message);
      return 1;
    }

  /* Big transactions: keep their pages in memory, not spilled to the WAL. */
  sqlite3_exec (rd_store_get_db (store), "PRAGMA cache_size = -524288; PRAGMA synchronous = OFF",
                NULL, NULL, NULL);
  /* The rollback journal in memory, not the WAL: each page is written
   * once, to the file, instead of to the WAL and again at the checkpoint.
   * Back to WAL at the end, as the app keeps it. */
  sqlite3_exec (rd_store_get_db (store), "PRAGMA journal_mode = MEMORY", NULL, NULL, NULL);
  local_tz = g_time_zone_new_local ();
  rand = g_rand_new_with_seed ((guint32) seed);
  now = g_get_real_time () / G_USEC_PER_SEC;
  if (g_getenv ("RD_GEN_NOW") != NULL)
    now = g_ascii_strtoll (g_getenv ("RD_GEN_NOW"), NULL, 10);

  /* Request times over the last 36 months, inserted oldest first so that
   * case numbers follow time. */
  times = g_new (gint64, n_cases);
  for (gint64 i = 0; i < n_cases; i++)
    times[i] = now - (gint64) (g_rand_double (rand) * 36 * 30.44 * 86400);
  qsort (times, n_cases, sizeof (gint64), compare_int64);

  start = g_get_monotonic_time ();
  intercepts.spent = g_async_queue_new_full ((GDestroyNotify) g_ptr_array_unref);
  if (!intercepts_start (&intercepts, store, argv[1], (guint32) seed, now, &message))
    {
      g_printerr ("rd-gen-ledger: %s\n", message);
      return 1;
    }
  if (!rd_operators_import (store, handlers, handler_roles, G_N_ELEMENTS (handlers), &error))
    {
      g_printerr ("rd-gen-ledger: %s\n", error->message);
      return 1;
    }
  /* One transaction; the indexes of cases built once at its end. The shop's
   * admin writes them. */
  bulk = rd_case_bulk_begin_rebuilding (store, "店长", &error);
  if (bulk == NULL)
    {
      g_printerr ("rd-gen-ledger: %s\n", error->message);
      return 1;
    }
  /* The cases are made on a second thread while this one inserts them. */
  producer.rand = rand;
  producer.times = times;
  producer.n_cases = n_cases;
  producer.now = now;
  producer.full = g_async_queue_new ();
  producer.free_slots = g_async_queue_new ();
  producer.spent = intercepts.spent;
  for (guint i = 0; i < BATCHES_AHEAD; i++)
    g_async_queue_push (producer.free_slots, GUINT_TO_POINTER (1));
  thread = g_thread_new ("rd-gen-cases", produce_cases, &producer);
  for (gint64 done = 0; done < n_cases; )
    {
      GPtrArray *batch = g_async_queue_pop (producer.full);

      g_async_queue_push (producer.free_slots, GUINT_TO_POINTER (1));
      if (!rd_case_bulk_add (bulk, (RdCase **) batch->pdata, batch->len, &error))
        {
          g_printerr ("rd-gen-ledger: %s\n", error->message);
          rd_case_bulk_abort (bulk);
          return 1;
        }
      done += batch->len;
      /* With their ids now: the intercepts' thread frees them. */
      g_async_queue_push (intercepts.batches, batch);
    }
  g_thread_join (thread);
  g_async_queue_unref (producer.full);
  g_async_queue_unref (producer.free_slots);
  committing = g_get_monotonic_time ();
  if (!rd_case_bulk_commit (bulk, &error))
    {
      g_printerr ("rd-gen-ledger: %s\n", error->message);
      return 1;
    }
  committing = g_get_monotonic_time () - committing;
  elapsed = g_get_monotonic_time () - start;

  intercepting = g_get_monotonic_time ();
  if (!intercepts_finish (&intercepts, store, &message))
    {
      g_printerr ("rd-gen-ledger: %s\n", message);
      return 1;
    }
  g_async_queue_unref (producer.spent);
  if (sqlite3_exec (rd_store_get_db (store), "PRAGMA journal_mode = WAL", NULL, NULL, NULL) != SQLITE_OK)
    {
      g_printerr ("rd-gen-ledger: %s\n", sqlite3_errmsg (rd_store_get_db (store)));
      return 1;
    }
  intercepting = g_get_monotonic_time () - intercepting;
  getrusage (RUSAGE_SELF, &usage);

  g_print ("%" G_GINT64_FORMAT " cases in %.2f s: %.0f cases/s (indexes, search index and commit %.2f s); "
           "then the intercepts %.2f s: %.0f cases/s in all; CPU %.2f s user + %.2f s system\n",
           n_cases, elapsed / 1e6, n_cases / (elapsed / 1e6), committing / 1e6,
           intercepting / 1e6, n_cases / ((elapsed + intercepting) / 1e6),
           usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6,
           usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6);
  return 0;
}
