/* test-evidence.c — the evidence checklist and attachments. */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "rd-audit.h"
#include "rd-case-evidence.h"
#include "rd-test-ledger.h"

/* The 8-byte PNG signature and an IHDR chunk: enough for content sniffing. */
static const guchar png[] = {
  0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
  0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0,
  0x1f, 0x15, 0xc4, 0x89,
};
static const char pdf[] = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
static const guchar exe[] = { 'M', 'Z', 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0,
                              0xb8, 0, 0, 0, 0, 0, 0, 0, 0x40, 0, 0, 0, 0, 0, 0, 0 };

typedef struct
{
  char    *dir;
  char    *data_dir;
  RdStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = rd_test_make_tmp_dir ();
  f->data_dir = g_build_filename (f->dir, "data", NULL);
  path = g_build_filename (f->dir, "ledger.db", NULL);
  f->store = rd_store_open (path, RD_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  rd_test_insert_case (rd_store_get_db (f->store), "RF-2026-000001", "changed_mind", 12000, 1767225600);
  rd_test_insert_case (rd_store_get_db (f->store), "RF-2026-000002", "changed_mind", 8000, 1767225600);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  rd_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->data_dir);
}

static GFile *
write_source (Fixture      *f,
              const char   *name,
              const void   *bytes,
              gsize         size)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, bytes, size, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static void
assert_missing (Fixture          *f,
                RdRefundKind      kind,
                RdCaseStatus      status,
                const char       *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) missing = rd_evidence_missing_required (f->store, 1, kind, status, &error);
  g_autoptr(GString) ids = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < missing->len; i++)
    g_string_append_printf (ids, "%s%s", i > 0 ? " " : "",
                            rd_evidence_item_to_id (g_array_index (missing, RdEvidenceItem, i)));
  g_assert_cmpstr (ids->str, ==, expected);
}

static void
test_checklist (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 n_entries = 0;

  assert_missing (f, RD_REFUND_KIND_RETURN_REFUND, RD_CASE_STATUS_ARRIVED,
                  "order_number payment_channel return_tracking photos");
  assert_missing (f, RD_REFUND_KIND_REFUND_ONLY_SHIPPED, RD_CASE_STATUS_ARRIVED,
                  "order_number payment_channel ticket_number");
  assert_missing (f, RD_REFUND_KIND_REFUND_ONLY_UNSHIPPED, RD_CASE_STATUS_ARRIVED,
                  "order_number payment_channel");
  assert_missing (f, RD_REFUND_KIND_RETURN_REFUND, RD_CASE_STATUS_REFUSED, "order_number");

  g_assert_true (rd_evidence_set (f->store, 1, RD_EVIDENCE_ORDER_NUMBER, TRUE, "Li Na", &error));
  g_assert_true (rd_evidence_set (f->store, 1, RD_EVIDENCE_PHOTOS, TRUE, "Li Na", &error));
  g_assert_true (rd_evidence_set (f->store, 1, RD_EVIDENCE_PHOTOS, TRUE, "Li Na", &error));   /* no change */
  g_assert_true (rd_evidence_set (f->store, 1, RD_EVIDENCE_CHAT_SCREENSHOTS, TRUE, "Li Na", &error));
  g_assert_no_error (error);
  assert_missing (f, RD_REFUND_KIND_RETURN_REFUND, RD_CASE_STATUS_ARRIVED,
                  "payment_channel return_tracking");
  assert_missing (f, RD_REFUND_KIND_RETURN_REFUND, RD_CASE_STATUS_REFUSED, "");

  g_assert_true (rd_evidence_set (f->store, 1, RD_EVIDENCE_ORDER_NUMBER, FALSE, "Wang Wei", &error));
  assert_missing (f, RD_REFUND_KIND_RETURN_REFUND, RD_CASE_STATUS_ARRIVED,
                  "order_number payment_channel return_tracking");

  /* The other case is untouched. */
  {
    guint ticked = 1;
    g_assert_true (rd_evidence_get_ticked (f->store, 2, &ticked, &error));
    g_assert_cmpuint (ticked, ==, 0);
  }

  /* Four real changes, four audit entries, chain intact. */
  g_assert_true (rd_audit_verify (f->store, &n_entries, NULL, &error));
  g_assert_cmpint (n_entries, ==, rd_test_raw_int (rd_store_get_db (f->store), "SELECT count(*) FROM audit_log"));
  g_assert_cmpint (rd_test_raw_int (rd_store_get_db (f->store),
                                    "SELECT count(*) FROM audit_log WHERE action NOT LIKE 'row%'"), ==, 4);
}

static void
test_attachment_dedupe (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) a = write_source (f, "receipt.png", png, sizeof png);
  g_autoptr(GFile) b = write_source (f, "same picture again.PNG", png, sizeof png);
  g_autoptr(RdAttachment) first = NULL;
  g_autoptr(RdAttachment) again = NULL;
  g_autoptr(RdAttachment) other_case = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GDir) folder = NULL;
  g_autofree char *expected_sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, png, sizeof png);
  g_autofree char *expected_path = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *shard = NULL;
  g_autofree char *copied = NULL;
  gsize copied_len = 0;
  guint n_files = 0;

  first = rd_attachment_add (f->store, 1, a, f->data_dir, "Li Na", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first->sha256, ==, expected_sha);
  g_assert_cmpstr (first->mime_type, ==, "image/png");
  g_assert_cmpstr (first->name, ==, "receipt.png");
  g_assert_cmpint (first->size, ==, sizeof png);
  expected_path = g_strdup_printf ("attachments/%.2s/%s.png", expected_sha, expected_sha);
  g_assert_cmpstr (first->path, ==, expected_path);

  /* A copy, not a reference: it survives the source's removal. */
  copy = g_build_filename (f->data_dir, first->path, NULL);
  g_assert_true (g_file_delete (a, NULL, NULL));
  g_assert_true (g_file_get_contents (copy, &copied, &copied_len, NULL));
  g_assert_cmpmem (copied, copied_len, png, sizeof png);

  again = rd_attachment_add (f->store, 1, b, f->data_dir, "Li Na", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again->id, ==, first->id);

  other_case = rd_attachment_add (f->store, 2, b, f->data_dir, "Li Na", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (other_case->id, !=, first->id);
  g_assert_cmpstr (other_case->path, ==, first->path);

  /* One file on disk for the three additions. */
  shard = g_path_get_dirname (copy);
  folder = g_dir_open (shard, 0, &error);
  g_assert_no_error (error);
  while (g_dir_read_name (folder) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 1);

  list = rd_attachment_list (f->store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
}

static void
test_attachment_types (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) setup = write_source (f, "setup.exe", exe, sizeof exe);
  g_autoptr(GFile) disguised = write_source (f, "photo.png", exe, sizeof exe);
  g_autoptr(GFile) text = write_source (f, "notes.txt", "hello", 5);
  g_autoptr(GFile) receipt = write_source (f, "receipt.pdf", pdf, sizeof pdf - 1);
  g_autoptr(RdAttachment) attachment = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *attachments_dir = g_build_filename (f->data_dir, "attachments", NULL);

  attachment = rd_attachment_add (f->store, 1, setup, f->data_dir, "Li Na", NULL, &error);
  g_assert_null (attachment);
  g_assert_error (error, RD_EVIDENCE_ERROR, RD_EVIDENCE_ERROR_NOT_ALLOWED_TYPE);
  g_assert_nonnull (strstr (error->message, "setup.exe"));
  g_clear_error (&error);

  attachment = rd_attachment_add (f->store, 1, disguised, f->data_dir, "Li Na", NULL, &error);
  g_assert_null (attachment);
  g_assert_error (error, RD_EVIDENCE_ERROR, RD_EVIDENCE_ERROR_NOT_ALLOWED_TYPE);
  g_clear_error (&error);

  attachment = rd_attachment_add (f->store, 1, text, f->data_dir, "Li Na", NULL, &error);
  g_assert_null (attachment);
  g_assert_error (error, RD_EVIDENCE_ERROR, RD_EVIDENCE_ERROR_NOT_ALLOWED_TYPE);
  g_clear_error (&error);

  /* Nothing refused was copied or recorded. */
  g_assert_false (g_file_test (attachments_dir, G_FILE_TEST_EXISTS));
  list = rd_attachment_list (f->store, 1, &error);
  g_assert_cmpuint (list->len, ==, 0);

  attachment = rd_attachment_add (f->store, 1, receipt, f->data_dir, "Li Na", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (attachment->mime_type, ==, "application/pdf");
  g_assert_true (g_str_has_suffix (attachment->path, ".pdf"));
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/rd/evidence/checklist", Fixture, NULL, fixture_set_up, test_checklist, fixture_tear_down);
  g_test_add ("/rd/evidence/attachment-dedupe", Fixture, NULL, fixture_set_up, test_attachment_dedupe, fixture_tear_down);
  g_test_add ("/rd/evidence/attachment-types", Fixture, NULL, fixture_set_up, test_attachment_types, fixture_tear_down);

  return g_test_run ();
}
