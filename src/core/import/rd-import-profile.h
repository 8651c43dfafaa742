/* rd-import-profile.h
 *
 * What the columns of a platform's after-sales export mean. A profile lists,
 * for each field Refund Desk reads, the header names it goes by (with the
 * spellings seen in the wild: Excel re-saves turn "/" into "_", newer exports
 * rename or add columns), whether the field is required, the unit of its
 * amounts (元 or 分), and the tables that turn the platform's statuses,
 * after-sales kinds and reasons into ours (docs/import.md prints the same
 * tables; a test checks that they agree).
 *
 * Built-in profiles: taobao (淘宝/天猫, the 21- and 42-column refund exports
 * of FORMATS.md, complete), pinduoduo, douyin, jd, kuaishou, wechat (from the
 * platforms' known field names). A generic profile maps columns the user
 * chose (saved under a name by the import: rd-import.h).
 *
 * Columns are found by header name, never by position; extra columns are
 * ignored; a missing required column is named in the error. Nothing here
 * touches the ledger: a row becomes an RdImportRecord, and the import
 * (rd-import.c) decides what it does to the ledger.
 */
#pragma once

#include "rd-case.h"
#include "rd-table.h"

G_BEGIN_DECLS

#define RD_IMPORT_PROFILE_ERROR (rd_import_profile_error_quark ())

typedef enum
{
  RD_IMPORT_PROFILE_ERROR_NO_HEADER,      /* no row in the first 30 looks like this profile's header */
  RD_IMPORT_PROFILE_ERROR_MISSING_COLUMN, /* a required column is missing; the message names it */
  RD_IMPORT_PROFILE_ERROR_INVALID,        /* a saved profile that cannot be read */
  RD_IMPORT_PROFILE_ERROR_VALUE,          /* a cell that cannot be read (rd-import-fields.h) */
} RdImportProfileError;

/* The fields an export can give. Which are required depends on the profile
 * (rd_import_profile_field_required). */
typedef enum
{
  RD_IMPORT_FIELD_AFTER_SALES_NO,   /* 退款编号 / 售后单号 / 服务单号: the platform's key */
  RD_IMPORT_FIELD_ORDER_NO,         /* 订单编号 */
  RD_IMPORT_FIELD_REFUND_ID,        /* a line or refund id, the key with the order number when there is no after-sales number */
  RD_IMPORT_FIELD_BUYER_NAME,       /* 买家会员名称 / 买家昵称 */
  RD_IMPORT_FIELD_KIND,             /* the platform's after-sales kind (仅退款, 退货退款, type ids…) */
  RD_IMPORT_FIELD_NEEDS_RETURN,     /* Taobao 是否需要退货 (是/否) */
  RD_IMPORT_FIELD_GOODS_STATUS,     /* Taobao 货物状态 */
  RD_IMPORT_FIELD_STATUS,           /* the platform's refund status (text or id) */
  RD_IMPORT_FIELD_REASON,           /* 买家退款原因 */
  RD_IMPORT_FIELD_AMOUNT_PAID,      /* 买家实际支付金额 */
  RD_IMPORT_FIELD_REFUND_AMOUNT,    /* 买家退款金额: what the buyer asks back */
  RD_IMPORT_FIELD_CURRENCY,         /* ISO 4217; CNY when the profile has no such column */
  RD_IMPORT_FIELD_REQUESTED_AT,     /* 退款的申请时间 */
  RD_IMPORT_FIELD_DEADLINE,         /* 超时时间: the platform's deadline for the shop */
  RD_IMPORT_FIELD_RETURN_TRACKING,  /* 退货物流单号 */
  RD_IMPORT_FIELD_RETURN_COURIER,   /* 退货物流公司 */
  RD_IMPORT_FIELD_OUTBOUND_TRACKING,/* the parcel sent to the buyer: tracking number */
  RD_IMPORT_FIELD_OUTBOUND_COURIER, /* … its courier */
  RD_IMPORT_FIELD_OUTBOUND_INFO,    /* Taobao 发货物流信息: courier and number in one text */
  RD_IMPORT_FIELD_STAGE,            /* Taobao 售中或售后 */
  RD_IMPORT_FIELD_LAST
} RdImportField;

typedef enum
{
  RD_IMPORT_UNIT_YUAN,   /* "58.50" (major units, as the currency's decimals) */
  RD_IMPORT_UNIT_FEN,    /* "5850" (minor units) */
} RdImportUnit;

/* The platform's state of the request, as our workflow sees it. */
typedef enum
{
  RD_IMPORT_PLATFORM_OPEN,      /* waiting for the shop or the buyer */
  RD_IMPORT_PLATFORM_REFUNDED,  /* 退款成功: the platform paid the buyer */
  RD_IMPORT_PLATFORM_REFUSED,   /* the shop refused and the request ended there */
  RD_IMPORT_PLATFORM_CLOSED,    /* the buyer withdrew or it was closed */
} RdImportPlatformState;

typedef struct _RdImportProfile RdImportProfile;

GQuark      rd_import_profile_error_quark (void);

/* The stable id of a field ("after_sales_no", …, as saved profiles and
 * docs/import.md write it) and its name in the user's language. */
const char *rd_import_field_to_id       (RdImportField field);
RdImportField rd_import_field_from_id   (const char *id);   /* RD_IMPORT_FIELD_LAST when unknown */
const char *rd_import_field_get_name    (RdImportField field);

/* The built-in profiles, NULL-terminated, in the order of
 * rd_channel_builtin_ids. Owned by the library. */
const RdImportProfile *const *rd_import_profile_builtin (void);
/* The built-in profile with this id ("taobao", …, "generic"; "pdd" is
 * pinduoduo), or NULL. "generic" is the empty generic profile (channel
 * other, 元, no columns) that the column chooser starts from; it is not in
 * rd_import_profile_builtin and never detected. */
const RdImportProfile *rd_import_profile_lookup         (const char *id);

/* A generic profile: the user's own mapping, for one channel. header_names
 * has RD_IMPORT_FIELD_LAST entries, NULL for a field the file does not have;
 * the key needs after_sales_no, or order_no with refund_id. */
RdImportProfile *rd_import_profile_new_generic (const char        *name,
                                                const char        *channel,
                                                RdImportUnit       unit,
                                                const char *const *header_names,
                                                GError           **error);
RdImportProfile *rd_import_profile_copy        (const RdImportProfile *profile);
void             rd_import_profile_free        (RdImportProfile *profile);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdImportProfile, rd_import_profile_free)

/* A saved generic profile as JSON, and back (checked: unknown fields,
 * channels and units are refused with RD_IMPORT_PROFILE_ERROR_INVALID). */
char            *rd_import_profile_to_json     (const RdImportProfile *profile);
RdImportProfile *rd_import_profile_from_json   (const char *json,
                                                GError    **error);

const char  *rd_import_profile_get_id       (const RdImportProfile *profile); /* "taobao"…, or the saved name */
const char  *rd_import_profile_get_name     (const RdImportProfile *profile); /* translated, or the saved name */
const char  *rd_import_profile_get_channel  (const RdImportProfile *profile); /* a channel id (rd-channels.h) */
gboolean     rd_import_profile_is_generic   (const RdImportProfile *profile);
RdImportUnit rd_import_profile_get_unit     (const RdImportProfile *profile);
gboolean     rd_import_profile_field_required (const RdImportProfile *profile,
                                               RdImportField          field);
/* The header names the field goes by, NULL-terminated (the first is the one
 * to show), or NULL when the profile does not read the field. */
const char *const *rd_import_profile_get_headers (const RdImportProfile *profile,
                                                  RdImportField          field);
/* The headers of the platform's export the profile knows and does not read
 * (Taobao's 支付宝交易号, 宝贝标题, …), NULL-terminated, never NULL: they
 * count towards detection, and docs/import.md lists them. */
const char *const *rd_import_profile_get_ignored_headers (const RdImportProfile *profile);
/* TRUE when the header (as a file writes it: normalised first) is one the
 * profile reads or knows. */
gboolean     rd_import_profile_knows_header (const RdImportProfile *profile,
                                             const char            *header);

/* The profile's tables, as docs/import.md prints them. Texts are matched
 * normalised (rd_import_normalise): ASCII case, full-width parentheses,
 * "/" and "_", surrounding space. */
typedef struct
{
  const char            *text;    /* an id ("WAIT_SELLER_AGREE", "6") or a gloss ("待商家同意") */
  RdImportPlatformState  state;
  RdCaseStatus           status;  /* what a new case starts in */
} RdImportStatusEntry;

/* After-sales kinds Refund Desk does not handle: a row of such a kind is a
 * problem that names it. */
typedef enum
{
  RD_IMPORT_NOT_REFUND_NONE,
  RD_IMPORT_NOT_REFUND_EXCHANGE,          /* 换货 */
  RD_IMPORT_NOT_REFUND_REPAIR,            /* 维修 */
  RD_IMPORT_NOT_REFUND_RESEND,            /* 补寄 */
  RD_IMPORT_NOT_REFUND_PRICE_PROTECTION,  /* 价保 */
} RdImportNotRefund;

typedef struct
{
  const char        *text;
  /* RD_REFUND_KIND_NONE with not_refund NONE: refund only, shipped or not as
   * the row says (an outbound tracking number or shipping info, or a goods
   * status saying the buyer has the goods: shipped). */
  RdRefundKind       kind;
  RdImportNotRefund  not_refund;
} RdImportKindEntry;

typedef struct
{
  const char *text;       /* the platform's reason text */
  const char *reason_id;  /* a default reason (rd_refund_reason_list) */
} RdImportReasonEntry;

const RdImportStatusEntry *rd_import_profile_get_statuses (const RdImportProfile *profile,
                                                           guint                 *n_entries);
const RdImportKindEntry   *rd_import_profile_get_kinds    (const RdImportProfile *profile,
                                                           guint                 *n_entries);
const RdImportReasonEntry *rd_import_profile_get_reasons  (const RdImportProfile *profile,
                                                           guint                 *n_entries);
/* The payment method of the profile's channel (Alipay for Taobao, WeChat
 * Pay for WeChat Shop, other where the platform's is not one of ours). */
RdPaymentMethod rd_import_profile_get_payment_method (const RdImportProfile *profile);
/* Looks a value up in the tables: NULL when it is not there. Statuses also
 * match by substring (the longest Chinese gloss the text contains). */
const RdImportStatusEntry *rd_import_profile_find_status (const RdImportProfile *profile,
                                                          const char            *text);
const RdImportKindEntry   *rd_import_profile_find_kind   (const RdImportProfile *profile,
                                                          const char            *text);
const char                *rd_import_profile_find_reason (const RdImportProfile *profile,
                                                          const char            *text);

/* A profile bound to the header row of one file: which column holds each
 * field. */
typedef struct _RdImportMapping RdImportMapping;

/* Finds the header among the first rows of a file (at most 30, after any
 * comment or explanation lines) and binds the profile to it; NULL with
 * NO_HEADER or MISSING_COLUMN (naming every missing required column, with
 * the spelling the profile expects) otherwise. *header_row is set to the
 * header's index in rows. */
RdImportMapping *rd_import_mapping_new     (const RdImportProfile *profile,
                                            const RdTableRow *const *rows,
                                            guint                 n_rows,
                                            guint                *header_row,
                                            GError              **error);
void             rd_import_mapping_free    (RdImportMapping *mapping);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdImportMapping, rd_import_mapping_free)

/* How well each built-in profile matches these first rows: the profile whose
 * header matches most recognised columns with every required one present,
 * or NULL when none does (the user then picks a profile or maps the columns
 * of the generic one). */
const RdImportProfile *rd_import_profile_detect (const RdTableRow *const *rows,
                                                 guint                   n_rows);

const RdImportProfile *rd_import_mapping_get_profile (RdImportMapping *mapping);
/* The column index of the field, or -1 when the file has no such column. */
int          rd_import_mapping_get_column  (RdImportMapping *mapping,
                                            RdImportField    field);
/* The header text of a column as the file has it (for messages). */
const char  *rd_import_mapping_get_header  (RdImportMapping *mapping,
                                            guint            column);

typedef enum
{
  RD_IMPORT_ROW_DATA,       /* a row to import (it may still have problems) */
  RD_IMPORT_ROW_SKIP,       /* empty, a comment ("#…"), an explanation row under the
                               header, or a total line ("合计", "共N笔") at the end */
} RdImportRowKind;

typedef struct
{
  int   column;        /* the column the problem is in, -1 for the row as a whole */
  char *message;       /* in the user's language: "“2026-13-01” is not a date" */
} RdImportProblem;

/* One data row of the file, read. When the file has no amount-paid column
 * (the other platforms' after-sales lists), amount_paid is the refund
 * amount: what the buyer asks back, which the buyer paid at least. */
typedef struct
{
  guint64                row;              /* RdTableRow.number */
  /* The key: (channel, after_sales_no), or (channel, order_no, refund_id)
   * when the file gives no after-sales number, joined by U+001F (numbers
   * never hold control characters): "taobao\x1f4100…". Never NULL for a
   * row without problems. */
  char                  *key;
  /* The case the row describes: channel, order_no, after_sales_no,
   * buyer_name, kind, reason (a default reason id, or the file's text kept
   * as it is when the table has no entry: see reason_known), payment_method
   * (the channel's: Alipay for Taobao, …), currency, amount_paid,
   * requested_at, platform_deadline, return_tracking, outbound_courier (a
   * courier id when the name is known, else the file's text) and
   * outbound_tracking, order_state (the platform's status text), and status
   * (what the platform state means in our workflow). Fields the file does
   * not have stay as rd_case_new left them. */
  RdCase                *rcase;
  RdImportPlatformState  platform_state;
  char                  *platform_status;  /* the status as the file wrote it */
  gint64                 refund_amount;    /* what the buyer asks back, minor units; -1 unknown */
  gboolean               reason_known;     /* FALSE: the reason is not in the table, kept as the file's text */
  GPtrArray             *problems;         /* RdImportProblem*; empty when the row can be imported */
} RdImportRecord;

void        rd_import_record_free     (RdImportRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdImportRecord, rd_import_record_free)

RdImportRowKind rd_import_mapping_classify (RdImportMapping  *mapping,
                                            const RdTableRow *row);

/* Reads a data row: every value parsed (amounts in the profile's unit,
 * exact; times in Beijing time, "2026-11-03 14:05:09", "2026/11/3 14:05",
 * Excel serials; 16–19-digit numbers kept as text, a number in scientific
 * notation refused as "Excel cut this number: export it again as text"),
 * statuses and kinds looked up in the profile's tables (a value not in a
 * table is a problem naming the value, never a guess). date_1904:
 * rd_table_uses_1904. Never NULL. */
RdImportRecord *rd_import_mapping_read     (RdImportMapping  *mapping,
                                            const RdTableRow *row,
                                            gboolean          date_1904);

G_END_DECLS
