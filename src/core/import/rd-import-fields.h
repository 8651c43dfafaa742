/* rd-import-fields.h
 *
 * Reading the cells of a platform's export, one value at a time: header
 * texts normalised for matching, amounts exact in 元 or 分, times in
 * Beijing time, long numbers kept as text, couriers named by our ids. Each
 * refusal is RD_IMPORT_PROFILE_ERROR_VALUE with a message in the user's
 * language that quotes the cell. Used by rd_import_mapping_read; public so
 * that the import and the column chooser read cells the same way.
 */
#pragma once

#include "rd-import-profile.h"
#include "rd-money.h"

G_BEGIN_DECLS

/* The text a header or a table entry is matched by: a leading BOM and
 * surrounding space (Unicode included) removed, full-width parentheses and
 * the full-width slash, comma and colon made half-width, "/" made "_" (Excel's re-save does
 * the same), ASCII letters lower-cased. Never NULL. */
char       *rd_import_normalise          (const char        *text);

/* An amount in the unit the profile says, exactly, in minor units of
 * currency (NULL: CNY): 元 "58.50", "1,234.50", "¥58.00" (rd_money_parse);
 * 分 "5850". Refused: empty, negative, not a number, more decimals than
 * the currency has, at or above RD_CASE_AMOUNT_LIMIT. */
gboolean    rd_import_parse_amount       (const char        *text,
                                          RdImportUnit       unit,
                                          const RdCurrency  *currency,
                                          gint64            *out,
                                          GError           **error);

/* A time as the platforms write it, in Beijing time (UTC+8) → Unix seconds:
 * "2026-11-03 14:05:09", "2026/11/3 14:05", "2026-11-03", "2026-11-03T14:05",
 * "2026年11月3日 14:05", an Excel serial day ("46000.5"; always when kind is
 * RD_TABLE_CELL_DATE; date_1904 from rd_table_uses_1904), Unix seconds (10
 * digits) or milliseconds (13 digits). */
gboolean    rd_import_parse_time         (const char        *text,
                                          RdTableCellKind    kind,
                                          gboolean           date_1904,
                                          gint64            *out,
                                          GError           **error);

/* An order, after-sales or tracking number, kept exactly as text (16–19
 * digits never go through a double): surrounding space and Excel's ="…"
 * wrapper removed. Refused: a number in scientific notation ("4.1E+18":
 * Excel cut it), more than RD_CASE_NUMBER_MAX_CHARS characters, control
 * characters. Empty text gives *out NULL and TRUE. */
gboolean    rd_import_parse_number       (const char        *text,
                                          char             **out,
                                          GError           **error);

/* Our courier id ("zto", "sf", …: the intercept register's) for a courier
 * name as the platforms write it ("中通快递", "ZTO", "顺丰速运"), or NULL
 * when it is not one we know. */
const char *rd_import_courier_from_name  (const char        *name);

/* Taobao's 发货物流信息 / 退货物流信息: "中通快递 7312345678901" (or
 * "中通快递:731…", several parcels separated by ";"): the first parcel's
 * courier (an id when known, else the text) and number, each NULL when
 * absent. */
void        rd_import_split_shipping     (const char        *text,
                                          char             **courier,
                                          char             **tracking);

G_END_DECLS
