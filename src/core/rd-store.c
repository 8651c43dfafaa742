/* rd-store.c — PLACEHOLDER so the skeleton links; replaced by the store work. */
#include "config.h"
#include "rd-store.h"

struct _RdStore { GObject parent_instance; };
G_DEFINE_FINAL_TYPE (RdStore, rd_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (rd-store-error-quark, rd_store_error)
static void rd_store_class_init (RdStoreClass *klass) {}
static void rd_store_init (RdStore *self) {}
char *rd_store_default_path (void) { return g_build_filename (g_get_user_data_dir (), "refund-desk", "ledger.db", NULL); }
RdStore *rd_store_open (const char *path, RdStoreOpenFlags flags, GError **error)
{ g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_FAILED, "not implemented"); return NULL; }
const char *rd_store_get_path (RdStore *self) { return NULL; }
sqlite3 *rd_store_get_db (RdStore *self) { return NULL; }
int rd_store_get_schema_version (RdStore *self) { return 0; }
int rd_store_get_latest_version (void) { return 0; }
gboolean rd_store_check_integrity (RdStore *self, GError **error) { return FALSE; }
gint64 rd_store_count_cases (RdStore *self, GError **error) { return -1; }
gboolean rd_store_begin (RdStore *self, GError **error) { return FALSE; }
gboolean rd_store_commit (RdStore *self, GError **error) { return FALSE; }
void rd_store_rollback (RdStore *self) {}
sqlite3_stmt *rd_store_prepare (RdStore *self, const char *sql, GError **error) { return NULL; }
void rd_store_set_error_from_db (RdStore *self, int rc, GError **error) {}
