/* rd-import-profile-private.h
 *
 * The built-in platforms' descriptions (rd-import-tables.c), read by the
 * profiles (rd-import-profile.c). For src/core/import only.
 */
#pragma once

#if !defined (RD_IMPORT_COMPILATION)
#error "rd-import-profile-private.h is for src/core/import only."
#endif

#include "rd-import-profile.h"

G_BEGIN_DECLS

typedef struct
{
  RdImportField      field;
  gboolean           required;
  const char *const *headers;   /* NULL-terminated, the one to show first */
} RdImportFieldSpec;

typedef struct
{
  const char                *id;        /* the channel id */
  const char                *name;      /* N_() */
  RdImportUnit               unit;
  RdPaymentMethod            payment_method;
  const RdImportFieldSpec   *fields;
  guint                      n_fields;
  const char *const         *ignored;   /* known headers not read, NULL-terminated */
  const RdImportStatusEntry *statuses;
  guint                      n_statuses;
  const RdImportKindEntry   *kinds;
  guint                      n_kinds;
} RdImportPlatform;

/* taobao, pinduoduo, douyin, jd, kuaishou, wechat, NULL. */
const RdImportPlatform *const *_rd_import_platforms        (void);
/* The tables a generic profile of a channel without a platform uses. */
const RdImportPlatform        *_rd_import_platform_generic (void);
/* The reasons every platform shares. */
const RdImportReasonEntry     *_rd_import_reasons          (guint *n_entries);

/* Taobao's 货物状态, 是否需要退货 and 售中或售后, for any profile that reads them. */
typedef enum
{
  RD_IMPORT_GOODS_NOT_RECEIVED,
  RD_IMPORT_GOODS_RECEIVED,
  RD_IMPORT_GOODS_RETURNED,
} RdImportGoodsStatus;

gboolean _rd_import_goods_status_from_text (const char          *text,
                                            RdImportGoodsStatus *status);
gboolean _rd_import_yes_no_from_text       (const char          *text,
                                            gboolean            *yes);
gboolean _rd_import_stage_from_text        (const char          *text,
                                            gboolean            *after_sale);

G_END_DECLS

G_BEGIN_DECLS

struct _RdImportMapping
{
  RdImportProfile *profile;
  int              columns[RD_IMPORT_FIELD_LAST];
  GPtrArray       *headers;        /* char*: the header row's cells as the file has them */
  guint64          header_number;  /* RdTableRow.number of the header row */
  gboolean         seen_data;      /* a data row came: explanation rows are over */
};

G_END_DECLS
