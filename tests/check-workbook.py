#!/usr/bin/python3
# check-workbook.py — an independent reader of the exported workbook.
#
#   check-workbook.py check XLSX DB --year Y --month M --basis paid|requested
#                     [--ledger-sheets N] [--text T ...] [--sheet-names A,B,...]
#   check-workbook.py compare A.xlsx B.xlsx
#
# `check` reads the workbook with openpyxl and the ledger with sqlite3 and
# asserts: the ledger rows are the period's cases; amounts are numbers and
# times are datetimes; order numbers are text; no cell is a formula; the
# ledger sums, the Summary totals, the About control totals and the database
# agree to the minor unit (compared as integers); every amount cell of every
# sheet has its own currency's number format ("$" for a dollar parcel, never
# "¥"), and the register's sums (Intercepts, Claims, About) are per currency,
# a parcel's currency being its case's (CNY without one). Each --text must be a
# string cell of a ledger sheet, exactly (formula-looking and Chinese text).
# Every sheet prints landscape, one page wide, with the sheet's name and
# "page N of M" in its footer, and every sheet with a header row repeats it
# on each printed page (About has none).
# `compare` asserts two workbooks hold the same cell values, number formats
# and column widths (the About sheet's "made at" time aside).
# Exit 0 when every check passes; otherwise the failures go to stderr.

import argparse
import calendar
import datetime
import re
import sqlite3
import sys
import time
import zipfile

import openpyxl

EXPONENTS = {"JPY": 0, "KRW": 0, "KWD": 3}
SYMBOLS = {"CNY": "¥", "USD": "$", "JPY": "JP¥", "HKD": "HK$", "EUR": "€"}
N_TRAILING_SHEETS = 4   # Summary, Intercepts, Claims, About (and Report after Summary)
REPORT_NAMES = ("Report", "报表")
COL_ORDER_NO, COL_REQUESTED, COL_PAID, COL_CURRENCY, COL_AMOUNT_PAID, COL_REFUND = 1, 7, 8, 9, 10, 11

failures = []


def fail(message):
    failures.append(message)


def minor(value, currency):
    return round(value * 10 ** EXPONENTS.get(currency, 2))


def money_format(currency):
    """The number format an amount of currency must have: its symbol quoted,
    its decimals, e.g. '"$"#,##0.00;-"$"#,##0.00'."""
    exponent = EXPONENTS.get(currency, 2)
    positive = '"%s"#,##0%s' % (SYMBOLS.get(currency, currency), "." + "0" * exponent if exponent else "")
    return positive + ";-" + positive


def check_format(cell, currency, where):
    if cell.value is not None and cell.number_format != money_format(currency):
        fail("%s %s: %s amount formatted %r, expected %r" % (where, cell.coordinate, currency,
                                                           cell.number_format, money_format(currency)))


def local_start(year, month):
    return int(time.mktime((year, month, 1, 0, 0, 0, 0, 0, -1)))


def db_totals(db_path, year, month, basis):
    column = "paid_at" if basis == "paid" else "requested_at"
    start = local_start(year, month)
    end = local_start(year + 1, 1) if month == 12 else local_start(year, month + 1)
    con = sqlite3.connect("file:%s?mode=ro" % db_path, uri=True)
    rows = con.execute(
        "SELECT currency, count(*), sum(amount_paid), sum(coalesce(approved_amount, 0)) "
        "FROM cases WHERE %s >= ? AND %s < ? GROUP BY currency" % (column, column),
        (start, end)).fetchall()
    con.close()
    return {r[0]: (r[1], r[2], r[3]) for r in rows}


def check_print_setup(wb):
    for ws in wb.worksheets:
        setup = ws.page_setup
        if setup.orientation != "landscape":
            fail("%s: printed %s, expected landscape" % (ws.title, setup.orientation))
        if not ws.sheet_properties.pageSetUpPr or not ws.sheet_properties.pageSetUpPr.fitToPage:
            fail("%s: not fitted to the page" % ws.title)
        # fitToWidth 1 is the default of the format: a writer may leave it out.
        if str(setup.fitToWidth or 1) != "1" or str(setup.fitToHeight) != "0":
            fail("%s: fitted to %s page(s) wide, %s high; expected 1 wide, as many as it takes high"
                 % (ws.title, setup.fitToWidth, setup.fitToHeight))
        footer = ws.oddFooter
        if footer.left.text != "&A":
            fail("%s: footer's left %r, expected the sheet's name (&A)" % (ws.title, footer.left.text))
        right = footer.right.text or ""
        if "&P" not in right or "&N" not in right:
            fail("%s: footer's right %r has no page number and count (&P, &N)" % (ws.title, right))
        titles = ws.print_title_rows
        if ws is wb.worksheets[-1]:
            continue   # About: no header row
        if titles not in ("1:1", "$1:$1"):
            fail("%s: rows repeated on each page %r, expected the header row (1:1)" % (ws.title, titles))


def check_report(args, ws):
    """The Report sheet: its table of the refunds requested in the period
    (a row per currency: code, cases, amount paid, refund amount) is the
    database's to the minor unit whatever the export's basis; every amount
    has its currency's format; no cell is a formula; and the charts are
    native Excel charts over its cells: a column chart (per day), a line
    (the trend), a doughnut (reasons), a bar chart (channels)."""
    expected = {k: v for k, v in db_totals(args.db, args.year, args.month, "requested").items() if v[0] > 0}
    got = {}
    in_totals = False
    for cells in ws.iter_rows():
        row = [c.value for c in cells] + [None] * 4
        if row[0] in ("Refunds requested in the period", "期间内申请的退款单"):
            in_totals = True
            continue
        if in_totals and isinstance(row[0], str) and re.fullmatch(r"[A-Z]{3}", row[0]):
            cur = row[0]
            check_format(cells[2], cur, "Report")
            check_format(cells[3], cur, "Report")
            got[cur] = (int(row[1]), minor(row[2], cur), minor(row[3], cur))
        elif in_totals and row[0] not in ("Currency", "币种"):
            break
    if got != expected:
        fail("Report totals %r != database %r" % (got, expected))
    if args.report_cases is not None:
        for cells in ws.iter_rows():
            row = [c.value for c in cells] + [None] * 4
            if row[0] in ("Caused by the shop", "商家原因") and row[1] != args.report_cases:
                fail("Report: caused by the shop %r, expected %r" % (row[1], args.report_cases))
    # Charts: the drawing of the sheet names its charts; each chart's kind
    # and the cells its series read, on this sheet.
    kinds = set()
    with zipfile.ZipFile(args.xlsx) as z:
        for name in z.namelist():
            if re.fullmatch(r"xl/charts/chart\d+\.xml", name):
                xml = z.read(name).decode("utf-8")
                for kind in ("barChart", "doughnutChart", "lineChart"):
                    if "<c:%s>" % kind in xml:
                        direction = re.search(r'<c:barDir val="(\w+)"', xml)
                        kinds.add(kind if kind != "barChart" else (direction.group(1) if direction else "col"))
                refs = re.findall(r"<c:f>([^<]*)</c:f>", xml)
                for ref in refs:
                    if ws.title not in ref:
                        fail("%s: a series reads %r, not the Report sheet" % (name, ref))
    want = {"col", "bar", "doughnutChart", "lineChart"}
    if got and not want <= kinds:
        fail("Report charts %r, expected at least %r" % (sorted(kinds), sorted(want)))


def check(args):
    wb = openpyxl.load_workbook(args.xlsx)
    sheets = wb.worksheets
    report = None
    if len(sheets) > N_TRAILING_SHEETS + 1 and sheets[-N_TRAILING_SHEETS].title in REPORT_NAMES:
        # A month or a year: the Report sheet after Summary.
        report = sheets[-N_TRAILING_SHEETS]
        sheets = [ws for ws in sheets if ws is not report]
    ledger_sheets = sheets[:-N_TRAILING_SHEETS]
    summary, _intercepts, _claims, about = sheets[-N_TRAILING_SHEETS:]
    if args.year and report is None:
        fail("no Report sheet after Summary")
    if report is not None:
        check_report(args, report)
    expected = db_totals(args.db, args.year, args.month, args.basis)

    if args.sheet_names is not None and ",".join(wb.sheetnames) != args.sheet_names:
        fail("sheets %r, expected %r" % (wb.sheetnames, args.sheet_names))
    if args.ledger_sheets is not None and len(ledger_sheets) != args.ledger_sheets:
        fail("%d ledger sheets, expected %d" % (len(ledger_sheets), args.ledger_sheets))

    check_print_setup(wb)

    # The zip: no formula anywhere.
    with zipfile.ZipFile(args.xlsx) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/") and b"<f>" in z.read(name):
                fail("%s holds a formula" % name)

    # Ledger rows.
    ledger = {}
    texts = set()
    header = None
    for ws in ledger_sheets:
        if ws.freeze_panes != "A2":
            fail("%s: header not frozen (%s)" % (ws.title, ws.freeze_panes))
        if not ws.auto_filter.ref:
            fail("%s: no autofilter" % ws.title)
        rows = ws.iter_rows()
        first = [c.value for c in next(rows)]
        if header is None:
            header = first
        elif first != header:
            fail("%s: header differs from the first ledger sheet" % ws.title)
        for row in rows:
            cur = row[COL_CURRENCY].value
            paid, refund = row[COL_AMOUNT_PAID].value, row[COL_REFUND].value
            if not isinstance(paid, (int, float)) or isinstance(paid, bool):
                fail("%s: amount paid is not a number: %r" % (row[0].coordinate, paid))
                continue
            if refund is not None and not isinstance(refund, (int, float)):
                fail("%s: refund amount is not a number: %r" % (row[0].coordinate, refund))
                continue
            if not isinstance(row[COL_REQUESTED].value, datetime.datetime):
                fail("%s: requested at is not a date: %r" % (row[0].coordinate, row[COL_REQUESTED].value))
            if args.basis == "paid" and not isinstance(row[COL_PAID].value, datetime.datetime):
                fail("%s: paid at is not a date: %r" % (row[0].coordinate, row[COL_PAID].value))
            if row[COL_ORDER_NO].data_type != "s":
                fail("%s: order number is not text" % row[COL_ORDER_NO].coordinate)
            if not row[COL_AMOUNT_PAID].number_format.startswith('"'):
                fail("%s: amount without a currency format: %s" % (row[0].coordinate,
                                                                   row[COL_AMOUNT_PAID].number_format))
            check_format(row[COL_AMOUNT_PAID], cur, ws.title)
            check_format(row[COL_REFUND], cur, ws.title)
            n, p, r = ledger.get(cur, (0, 0, 0))
            ledger[cur] = (n + 1, p + minor(paid, cur), r + (minor(refund, cur) if refund is not None else 0))
            for c in row:
                if c.data_type == "s" and c.value is not None:
                    texts.add(c.value)

    for ws in sheets[-N_TRAILING_SHEETS:]:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "s" and c.value is not None:
                    texts.add(c.value)
    for t in args.text or []:
        if t not in texts:
            fail("text %r is not a string cell of the workbook" % t)

    check_register(args, _intercepts, _claims, about)

    nonzero = {k: v for k, v in expected.items() if v[0] > 0}
    if ledger != nonzero:
        fail("ledger sums %r != database %r" % (ledger, nonzero))

    # Summary: per group, the item rows add up to the total rows, which are
    # the database's.
    groups = {}
    for cells in summary.iter_rows(min_row=2):
        row = [c.value for c in cells]
        group, item, cur, n, p, r = row[:6]
        if group is not None:
            check_format(cells[4], cur, "Summary")
            check_format(cells[5], cur, "Summary")
        if group is None:
            continue
        for v in (n, p, r):
            if not isinstance(v, (int, float)):
                fail("Summary: %r is not a number" % (v,))
        g = groups.setdefault(group, {"items": {}, "totals": {}})
        key = "totals" if item in ("Total", "合计") else "items"
        a = g[key].get(cur, (0, 0, 0))
        g[key][cur] = (a[0] + int(n), a[1] + minor(p, cur), a[2] + minor(r, cur))
    if len(groups) != 4:
        fail("Summary has %d groups, expected 4" % len(groups))
    for name, g in groups.items():
        totals = {k: v for k, v in g["totals"].items() if v[0] > 0}
        if totals != nonzero:
            fail("Summary %s totals %r != database %r" % (name, totals, nonzero))
        if g["items"] != totals:
            fail("Summary %s items %r != its totals %r" % (name, g["items"], totals))
        if "CNY" not in g["totals"]:
            fail("Summary %s has no CNY total" % name)

    # About: the control totals table (rows whose first cell is a currency
    # code), and the ledger row count.
    control = {}
    for cells in about.iter_rows():
        row = [c.value for c in cells] + [None] * 4
        if isinstance(row[0], str) and re.fullmatch(r"[A-Z]{3}", row[0]) and isinstance(row[1], (int, float)):
            control[row[0]] = (int(row[1]), minor(row[2], row[0]), minor(row[3], row[0]))
            check_format(cells[2], row[0], "About")
            check_format(cells[3], row[0], "About")
    if "CNY" not in control:
        fail("About has no CNY control totals")
    if {k: v for k, v in control.items() if v[0] > 0} != nonzero:
        fail("About control totals %r != database %r" % (control, nonzero))
    counts = [row[1] for row in about.iter_rows(values_only=True)
              if isinstance(row[1], int) and not isinstance(row[1], bool) and row[0] in ("Ledger", "明细")]
    if counts and counts[0] != sum(v[0] for v in nonzero.values()):
        fail("About ledger rows %r != %d" % (counts[0], sum(v[0] for v in nonzero.values())))
    if not counts:
        fail("About names no ledger row count")

    # About: where the audit log ended when the workbook was made, as
    # `refund-desk verify --anchor N:HASH` takes it: the database's head.
    con = sqlite3.connect("file:%s?mode=ro" % args.db, uri=True)
    head = con.execute("SELECT last_id, last_hash FROM audit_head WHERE id = 1").fetchone()
    con.close()
    anchors = [row[1] for row in about.iter_rows(values_only=True)
               if row[0] in ("Audit log up to", "审计日志截至")]
    if head is not None and head[0] > 0 and anchors != ["%d:%s" % head]:
        fail("About audit log head %r != database %d:%s" % (anchors, head[0], head[1]))


def register_totals(db_path, year, month):
    """{currency: (count, Σ amount)} of the intercepts and {currency: (count,
    Σ claimed, Σ recovered)} of the claims of the period, a parcel's currency
    being its case's (CNY without a case); None for a ledger without the
    register."""
    start = local_start(year, month)
    end = local_start(year + 1, 1) if month == 12 else local_start(year, month + 1)
    con = sqlite3.connect("file:%s?mode=ro" % db_path, uri=True)
    if con.execute("SELECT count(*) FROM sqlite_master WHERE name = 'intercepts'").fetchone()[0] == 0:
        con.close()
        return None
    i = con.execute("SELECT coalesce(upper(c.currency), 'CNY'), count(*), sum(i.amount) "
                    "FROM intercepts i LEFT JOIN cases c ON c.id = i.case_id "
                    "WHERE i.created_at >= ? AND i.created_at < ? GROUP BY 1", (start, end)).fetchall()
    c = con.execute("SELECT coalesce(upper(c.currency), 'CNY'), count(*), sum(k.amount_claimed), "
                    "sum(k.amount_recovered) "
                    "FROM claims k JOIN intercepts i ON i.id = k.intercept_id "
                    "LEFT JOIN cases c ON c.id = i.case_id "
                    "WHERE k.filed_at >= ? AND k.filed_at < ? GROUP BY 1", (start, end)).fetchall()
    con.close()
    return {r[0]: tuple(r[1:]) for r in i}, {r[0]: tuple(r[1:]) for r in c}


def header_index(ws, names):
    header = [c.value for c in next(ws.iter_rows(max_row=1))]
    for name in names:
        if name in header:
            return header.index(name)
    fail("%s: no column %r in %r" % (ws.title, names, header))
    return 0


def check_register(args, intercepts, claims, about):
    expected = register_totals(args.db, args.year, args.month)
    rows_i = list(intercepts.iter_rows(min_row=2))
    rows_c = list(claims.iter_rows(min_row=2))
    if expected is None:
        if rows_i or rows_c:
            fail("rows in Intercepts or Claims of a ledger without the register")
        return
    i_cur = header_index(intercepts, ("Currency", "币种"))
    i_amount = header_index(intercepts, ("Amount", "金额"))
    i_registered = header_index(intercepts, ("Registered at", "登记时间"))
    got_i = {}
    for r in rows_i:
        cur = r[i_cur].value
        if not isinstance(r[i_amount].value, (int, float)):
            fail("Intercepts %s: amount is not a number" % r[i_amount].coordinate)
            continue
        if r[1].data_type != "s":
            fail("Intercepts %s: tracking number is not text" % r[1].coordinate)
        if not isinstance(r[i_registered].value, datetime.datetime):
            fail("Intercepts %s: registered at is not a date" % r[i_registered].coordinate)
        check_format(r[i_amount], cur, "Intercepts")
        n, a = got_i.get(cur, (0, 0))
        got_i[cur] = (n + 1, a + minor(r[i_amount].value, cur))
    if got_i != expected[0]:
        fail("Intercepts sheet %r != database %r" % (got_i, expected[0]))

    c_cur = header_index(claims, ("Currency", "币种"))
    c_claimed = header_index(claims, ("Amount claimed", "索赔金额"))
    c_recovered = header_index(claims, ("Amount recovered", "追回金额"))
    got_c = {}
    for r in rows_c:
        cur = r[c_cur].value
        check_format(r[c_claimed], cur, "Claims")
        check_format(r[c_recovered], cur, "Claims")
        n, a, b = got_c.get(cur, (0, 0, 0))
        got_c[cur] = (n + 1, a + minor(r[c_claimed].value, cur), b + minor(r[c_recovered].value or 0, cur))
    if got_c != expected[1]:
        fail("Claims sheet %r != database %r" % (got_c, expected[1]))

    # About: one row a currency under each label (label, amount, code).
    about_sums = {}
    for cells in about.iter_rows():
        row = [c.value for c in cells] + [None] * 3
        if isinstance(row[0], str) and isinstance(row[2], str) and re.fullmatch(r"[A-Z]{3}", row[2]) \
                and isinstance(row[1], (int, float)):
            check_format(cells[1], row[2], "About")
            about_sums.setdefault(row[0], {})[row[2]] = minor(row[1], row[2])
    for labels, want in ((("Amount", "金额"), {k: v[1] for k, v in expected[0].items()}),
                         (("Amount claimed", "索赔金额"), {k: v[1] for k, v in expected[1].items()}),
                         (("Amount recovered", "追回金额"), {k: v[2] for k, v in expected[1].items()})):
        got = next((about_sums[label] for label in labels if label in about_sums), None)
        if got is None:
            fail("About has no %r per currency" % (labels,))
            continue
        if "CNY" not in got:
            fail("About %r has no CNY row" % (labels,))
        if {k: v for k, v in got.items() if v != 0 or k in want} != want:
            fail("About %r %r != database %r" % (labels, got, want))


def cells(path):
    wb = openpyxl.load_workbook(path)
    out = []
    for i, ws in enumerate(wb.worksheets):
        widths = sorted((k, round(v.width, 4)) for k, v in ws.column_dimensions.items())
        out.append(("sheet", i, ws.title, widths))
        last = i == len(wb.worksheets) - 1
        for row in ws.iter_rows():
            for c in row:
                if last and isinstance(c.value, datetime.datetime):
                    continue   # About: when it was made
                out.append((i, c.coordinate, c.data_type, c.value, c.number_format))
    return out


def compare(args):
    a, b = cells(args.a), cells(args.b)
    if len(a) != len(b):
        fail("%d cells != %d cells" % (len(a), len(b)))
    for x, y in zip(a, b):
        if x != y:
            fail("differs: %r != %r" % (x, y))
            break


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("check")
    c.add_argument("xlsx")
    c.add_argument("db")
    c.add_argument("--year", type=int, required=True)
    c.add_argument("--month", type=int, required=True)
    c.add_argument("--basis", choices=["paid", "requested"], default="paid")
    c.add_argument("--ledger-sheets", type=int)
    c.add_argument("--text", action="append")
    c.add_argument("--sheet-names", help="the sheets' names, comma-separated")
    c.add_argument("--report-cases", type=int, help="the Report sheet's count of cases caused by the shop")
    m = sub.add_parser("compare")
    m.add_argument("a")
    m.add_argument("b")
    args = parser.parse_args()

    if args.command == "check":
        check(args)
    else:
        compare(args)

    for f in failures:
        print("check-workbook: " + f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
