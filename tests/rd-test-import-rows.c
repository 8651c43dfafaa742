/* rd-test-import-rows.c
 *
 * Rows for the import's tests, built in memory as a file reader would give
 * them (RdTableRow), and Taobao's layouts.
 */
#include "config.h"

#include <string.h>

#include "rd-import-fields.h"
#include "rd-test-import-rows.h"

/* The 42 columns of Taobao's newest refund export (FORMATS.md), in order. */
const char *const taobao_42[] = {
  "订单编号", "退款编号", "支付宝交易号", "订单付款时间", "商品编码", "退款完结时间",
  "买家实际支付金额", "宝贝标题", "买家退款金额", "手工退款/系统退款", "是否需要退货",
  "退款的申请时间", "超时时间", "退款状态", "货物状态", "退货物流信息", "发货物流信息",
  "客服介入状态", "卖家真实姓名", "卖家真实姓名新", "卖家退货地址", "卖家邮编", "卖家电话",
  "卖家手机", "退货物流单号", "退货物流公司", "买家退款原因", "买家退款说明", "买家退货时间",
  "责任方", "售中或售后", "商家备注", "完结时间", "部分退款/全部退款", "审核操作人", "举证超时",
  "是否零秒响应", "退款操作人", "退款原因标签", "业务类型", "是否帮他退款", "帮他退款操作账号",
};

/* The older 21-column layout, as docs/import.md gives it. */
const char *const taobao_21[] = {
  "订单编号", "退款编号", "支付宝交易号", "订单付款时间", "商品编码", "退款完结时间",
  "买家实际支付金额", "宝贝标题", "买家退款金额", "手工退款/系统退款", "是否需要退货",
  "退款的申请时间", "超时时间", "退款状态", "货物状态", "退货物流信息", "发货物流信息",
  "客服介入状态", "买家退款原因", "买家退款说明", "售中或售后",
};

/* ---- rows ---- */


void
test_row_free (gpointer data)
{
  TestRow *row = data;

  g_strfreev (row->cells);
  g_free (row->kinds);
  g_free (row);
}

TestRow *
test_row_new (guint64            number,
              const char *const *cells,
              guint              n_cells)
{
  TestRow *row = g_new0 (TestRow, 1);

  row->cells = g_new0 (char *, n_cells + 1);
  row->kinds = g_new0 (RdTableCellKind, MAX (n_cells, 1));
  for (guint i = 0; i < n_cells; i++)
    row->cells[i] = g_strdup (cells[i] != NULL ? cells[i] : "");
  row->row.number = number;
  row->row.n_cells = n_cells;
  row->row.cells = (const char *const *) row->cells;
  row->row.kinds = row->kinds;
  return row;
}


Sheet *
sheet_new (void)
{
  Sheet *sheet = g_new0 (Sheet, 1);

  sheet->rows = g_ptr_array_new_with_free_func (test_row_free);
  sheet->view = g_ptr_array_new ();
  return sheet;
}

void
sheet_free (Sheet *sheet)
{
  g_ptr_array_unref (sheet->view);
  g_ptr_array_unref (sheet->rows);
  g_free (sheet);
}


const RdTableRow *
sheet_add (Sheet             *sheet,
           const char *const *cells,
           guint              n_cells)
{
  TestRow *row = test_row_new (sheet->rows->len + 1, cells, n_cells);

  g_ptr_array_add (sheet->rows, row);
  g_ptr_array_add (sheet->view, &row->row);
  return &row->row;
}

const RdTableRow *const *
sheet_rows (Sheet *sheet)
{
  return (const RdTableRow *const *) sheet->view->pdata;
}

/* A data row for a header: values by header text, "" elsewhere. */
const RdTableRow *
sheet_add_values (Sheet             *sheet,
                  const char *const *header,
                  guint              n_header,
                  ...)
{
  g_autofree const char **cells = g_new0 (const char *, n_header);
  const RdTableRow *row;
  va_list args;
  const char *name;

  for (guint i = 0; i < n_header; i++)
    cells[i] = "";
  va_start (args, n_header);
  while ((name = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);
      gboolean found = FALSE;

      for (guint i = 0; i < n_header; i++)
        if (g_str_equal (header[i], name))
          {
            cells[i] = value;
            found = TRUE;
          }
      g_assert_true (found);
    }
  va_end (args);
  row = sheet_add (sheet, cells, n_header);
  return row;
}

Sheet *
taobao_sheet (void)
{
  Sheet *sheet = sheet_new ();

  sheet_add (sheet, taobao_42, G_N_ELEMENTS (taobao_42));
  return sheet;
}

RdImportMapping *
map (const char *profile_id,
     Sheet      *sheet)
{
  g_autoptr(GError) error = NULL;
  RdImportMapping *mapping;
  guint header_row = 99;

  mapping = rd_import_mapping_new (rd_import_profile_lookup (profile_id), sheet_rows (sheet),
                                   sheet->view->len, &header_row, &error);
  g_assert_no_error (error);
  g_assert_nonnull (mapping);
  return mapping;
}

RdImportRecord *
read_row (RdImportMapping  *mapping,
          const RdTableRow *row)
{
  g_assert_cmpint (rd_import_mapping_classify (mapping, row), ==, RD_IMPORT_ROW_DATA);
  return rd_import_mapping_read (mapping, row, FALSE);
}

const char *
first_problem (RdImportRecord *record)
{
  g_assert_cmpuint (record->problems->len, >, 0);
  return ((RdImportProblem *) record->problems->pdata[0])->message;
}

void
assert_no_problems (RdImportRecord *record)
{
  for (guint i = 0; i < record->problems->len; i++)
    g_test_message ("problem: %s", ((RdImportProblem *) record->problems->pdata[i])->message);
  g_assert_cmpuint (record->problems->len, ==, 0);
}

const RdTableRow *
taobao_good_row (Sheet *sheet)
{
  return TAOBAO_ROW (sheet,
                     "订单编号", "4100000012345678901", "退款编号", "212345678901234567",
                     "买家实际支付金额", "58.00", "买家退款金额", "58.00", "是否需要退货", "否",
                     "退款的申请时间", "2026-11-03 14:05:09", "超时时间", "2026-11-05 14:05:09",
                     "退款状态", "买家已经申请退款，等待卖家同意", "货物状态", "买家未收到货",
                     "发货物流信息", "", "买家退款原因", "我不想要了", "售中或售后", "售中");
}

gint64
beijing (int year, int month, int day, int hour, int minute, int second)
{
  g_autoptr(GDateTime) utc = g_date_time_new_utc (year, month, day, hour, minute, second);

  return g_date_time_to_unix (utc) - 8 * 3600;
}

