"""任务分解表 export: .xlsx re-read with openpyxl, .docx table, formula-like text stays text."""

from __future__ import annotations

import zipfile

import docx
import openpyxl
from docx.oxml.ns import qn

from export.content import load_plan_data
from export.task_rows import table_title
from export.task_table import HEADERS, export_tasks_docx, export_tasks_xlsx, task_rows


def test_rows_have_outline_numbers(db, four_level_id):
    rows = task_rows(load_plan_data(db, four_level_id))
    numbers = [r.full_number for r in rows]
    assert "一（一）-1" in numbers  # a sentence task: counted under its section
    assert "一（二）一是" in numbers  # a yishi task
    assert "二（一）1." in numbers  # a numbered task
    assert len(numbers) == len(set(numbers))
    first = next(r for r in rows if r.text.startswith("扩大油茶"))
    assert (first.deadline, first.owner_unit) == ("6月底前", "农业办")
    assert first.lead_leader == "张副镇长"


def test_xlsx_headers_rows_and_formats(db, four_level_id, tmp_path):
    out = export_tasks_xlsx(load_plan_data(db, four_level_id), tmp_path / "t.xlsx")
    wb = openpyxl.load_workbook(out)
    ws = wb.active
    assert ws["A1"].value == table_title(load_plan_data(db, four_level_id))
    assert "A1:H1" in {str(r) for r in ws.merged_cells.ranges}
    assert [c.value for c in ws[2]] == list(HEADERS)
    assert all(c.font.b for c in ws[2])
    assert {c.font.name for c in ws[2]} == {"黑体"} and ws["B3"].font.name == "仿宋"
    assert ws.freeze_panes == "A3"
    assert ws.print_title_rows == "$2:$2"
    assert ws.oddFooter.center.text == "第 &P 页，共 &N 页"
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.column_dimensions["B"].width >= 40
    texts = [ws.cell(row=r, column=2).value for r in range(3, ws.max_row + 1)]
    expected = [r.text for r in task_rows(load_plan_data(db, four_level_id))]
    assert texts == expected
    cell = ws["B3"]
    assert cell.alignment.wrap_text and cell.border.left.style == "thin"
    validations = ws.data_validations.dataValidation
    assert len(validations) == 1 and "H3" in str(validations[0].sqref)
    assert "进行中" in validations[0].formula1
    status = [ws.cell(row=r, column=8).value for r in range(3, ws.max_row + 1)]
    assert "进行中" in status and "未开始" in status


def test_xlsx_formula_like_cells_are_text(db, four_level_id, tmp_path):
    out = export_tasks_xlsx(load_plan_data(db, four_level_id), tmp_path / "t.xlsx")
    ws = openpyxl.load_workbook(out).active
    values = {
        ws.cell(row=r, column=c).value: ws.cell(row=r, column=c)
        for r in range(3, ws.max_row + 1)
        for c in range(1, 9)
    }
    for text in ("=A1+A2起草任务清单。", "+10%", "@全体村", "-"):
        assert text in values, text
        assert values[text].data_type == "s", text
    with zipfile.ZipFile(out) as zf:
        sheet = zf.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet and "<f " not in sheet


def test_docx_task_table_landscape_with_repeated_header(db, four_level_id, tmp_path):
    out = export_tasks_docx(load_plan_data(db, four_level_id), tmp_path / "t.docx")
    document = docx.Document(str(out))
    section = document.sections[0]
    assert section.page_width > section.page_height
    assert round(section.page_width.mm) == 297
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == list(HEADERS)
    tr_pr = table.rows[0]._tr.trPr
    assert tr_pr.find(qn("w:tblHeader")) is not None
    tasks = task_rows(load_plan_data(db, four_level_id))
    # tasks numbered 1, 2, 3 under one merged row per top-level section
    sections = [r for r in table.rows if len(r._tr.tc_lst) == 1]
    assert [r.cells[0].text for r in sections] == ["一、总体要求", "二、重点任务"]
    assert len(table.rows) == 1 + len(tasks) + len(sections)
    numbers = [r.cells[0].text for r in table.rows[1:] if len(r._tr.tc_lst) > 1]
    assert numbers == [str(n) for n in range(1, len(tasks) + 1)]
    assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in table.rows[1:])
    run = table.rows[2].cells[1].paragraphs[0].runs[0]
    fonts = run._r.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    header_run = table.rows[0].cells[0].paragraphs[0].runs[0]
    assert header_run._r.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "黑体"
    assert any(c.text == "=A1+A2起草任务清单。" for row in table.rows for c in row.cells)
