"""The guarded opener (models/office_guard.py): small hostile Office files built here are
refused (or read within bounds) by import, feedback-import and import-table alike, with one
clear line and the database unchanged."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest

import main
from models import office_guard
from models.errors import ImportFileError
from models.importing import parse_file
from tests.db_hash import content_hash

SHEET = "xl/worksheets/sheet1.xml"


@pytest.fixture
def db_file(tmp_path, capsys):
    path = tmp_path / "plandesk.db"
    assert main.main(["--db", str(path), "list"]) == 0
    capsys.readouterr()
    return path


def refused_everywhere(capsys, db_file: Path, path: Path, *words: str) -> None:
    """import, feedback-import and import-table each print one line and change nothing."""
    for argv in (
        ["import", str(path)],
        ["feedback-import", str(path)],
        ["import-table", "1", str(path)],
    ):
        before = content_hash(db_file)
        code = main.main(["--db", str(db_file), *argv])
        err = capsys.readouterr().err
        assert content_hash(db_file) == before
        lines = err.strip().splitlines()
        assert code == 1 and len(lines) == 1 and lines[0].startswith("错误："), (argv, err)
        assert path.name in lines[0], err
        for word in words:
            assert word in lines[0], (word, err)


def rewrite(path: Path, src: bytes, changes: dict[str, bytes | None]) -> Path:
    """Copy the package ``src`` with members replaced (bytes), removed (None) or added."""
    with (
        zipfile.ZipFile(io.BytesIO(src)) as zin,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout,
    ):
        for info in zin.infolist():
            if info.filename in changes:
                continue
            zout.writestr(info.filename, zin.read(info.filename))
        for name, data in changes.items():
            if data is not None:
                zout.writestr(name, data)
    return path


def task_table_xlsx() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "工作任务", "责任单位", "完成时限"])
    ws.append([1, "抓好党员教育管理", "党政办", "6月底"])
    ws.append([2, "推进乡村振兴", "农业办", "年底"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def member(src: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(src)) as zf:
        return zf.read(name)


# ---------------------------------------------------------------- workbooks
def test_merged_range_to_the_last_cell_is_clipped_to_the_used_area(tmp_path):
    """A5:XFD1048576 merged (1.7 KB) took ~3 GB: now clipped to the three used rows."""
    src = task_table_xlsx()
    sheet = member(src, SHEET).decode()
    sheet = sheet.replace(
        "</sheetData>",
        '</sheetData><mergeCells count="1"><mergeCell ref="A5:XFD1048576"/></mergeCells>',
    ).replace("</sheetData><mergeCells", "</sheetData><mergeCells", 1)
    path = rewrite(tmp_path / "合并.xlsx", src, {SHEET: sheet.encode()})
    assert path.stat().st_size < 10_000
    layout = office_guard.scan_workbook(path)["Sheet"]
    assert (layout.max_row, layout.max_col) == (3, 4)
    assert layout.merged == []  # starts below the used area: nothing left
    plan = parse_file(path)
    assert "推进乡村振兴" in plan.stream


def test_merged_range_over_the_table_is_clipped(tmp_path):
    src = task_table_xlsx()
    sheet = (
        member(src, SHEET)
        .decode()
        .replace(
            "</sheetData>",
            '</sheetData><mergeCells count="1"><mergeCell ref="C2:XFD1048576"/></mergeCells>',
        )
    )
    path = rewrite(tmp_path / "合并2.xlsx", src, {SHEET: sheet.encode()})
    assert office_guard.scan_workbook(path)["Sheet"].merged == [(2, 3, 3, 4)]
    parse_file(path)  # bounded; before the guard openpyxl materialised 17 billion cells


def test_merged_bomb_is_refused_where_the_sheet_is_loaded_fully(db_file, tmp_path, capsys):
    src = task_table_xlsx()
    sheet = (
        member(src, SHEET)
        .decode()
        .replace(
            "</sheetData>",
            '</sheetData><mergeCells count="1"><mergeCell ref="A2:XFD1048576"/></mergeCells>',
        )
    )
    path = rewrite(tmp_path / "合并炸弹.xlsx", src, {SHEET: sheet.encode()})
    for argv in (["feedback-import", str(path)], ["import-table", "1", str(path)]):
        before = content_hash(db_file)
        assert main.main(["--db", str(db_file), *argv]) == 1
        err = capsys.readouterr().err
        assert "合并单元格范围过大" in err and len(err.strip().splitlines()) == 1
        assert content_hash(db_file) == before


def test_one_cell_in_the_last_row_is_refused_with_the_limit(db_file, tmp_path, capsys):
    src = task_table_xlsx()
    last = '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    sheet = member(src, SHEET).decode().replace("</sheetData>", last + "</sheetData>")
    path = rewrite(tmp_path / "末行.xlsx", src, {SHEET: sheet.encode()})
    with pytest.raises(ImportFileError) as err:
        parse_file(path)
    assert f"{office_guard.MAX_ROWS:,}" in err.value.user_text
    refused_everywhere(capsys, db_file, path, f"{office_guard.MAX_ROWS:,}")


def test_declared_dimension_is_ignored(tmp_path):
    src = task_table_xlsx()
    sheet = re.sub(
        rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', member(src, SHEET)
    )
    path = rewrite(tmp_path / "声明.xlsx", src, {SHEET: sheet})
    assert office_guard.scan_workbook(path)["Sheet"].max_row == 3
    assert "抓好党员教育管理" in parse_file(path).stream


def test_thousands_of_sheets_sharing_one_part_are_refused(db_file, tmp_path, capsys):
    src = task_table_xlsx()
    book = member(src, "xl/workbook.xml").decode()
    one = re.search(r"<sheet [^>]*/>", book)[0]
    many = "".join(
        re.sub(r'name="[^"]*"', f'name="S{i}"', re.sub(r'sheetId="\d+"', f'sheetId="{i + 1}"', one))
        for i in range(4000)
    )
    path = rewrite(
        tmp_path / "四千.xlsx", src, {"xl/workbook.xml": book.replace(one, many).encode()}
    )
    assert path.stat().st_size < 60_000
    refused_everywhere(capsys, db_file, path)


def test_too_many_cells_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(office_guard, "MAX_CELLS", 2000)
    src = task_table_xlsx()
    letters = [a + b for a in "ABCDEFGHIJ" for b in "ABCDEFGHIJ"]  # 100 columns
    rows = "".join(
        f'<row r="{r}">' + "".join(f'<c r="{c}{r}"/>' for c in letters) + "</row>"
        for r in range(4, 5 + office_guard.MAX_CELLS // 100)
    )
    sheet = member(src, SHEET).decode().replace("</sheetData>", rows + "</sheetData>")
    path = rewrite(tmp_path / "格子.xlsx", src, {SHEET: sheet.encode()})
    with pytest.raises(ImportFileError, match="单元格超过"):
        parse_file(path)


# ---------------------------------------------------------------- entities in any part
def _with_strings_part(src: bytes, name: str, data: bytes) -> dict[str, bytes | None]:
    """The workbook with a shared-strings part called ``name`` (C2 points into it)."""
    rels = member(src, "xl/_rels/workbook.xml.rels").replace(
        b"</Relationships>",
        b'<Relationship Id="rIdS" Target="' + name.split("/", 1)[1].encode() + b'" '
        b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'sharedStrings"/></Relationships>',
    )
    types = member(src, "[Content_Types].xml").replace(
        b"</Types>",
        b'<Override PartName="/' + name.encode() + b'" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    sheet = re.sub(rb'<c r="C2"[^>]*>.*?</c>', b'<c r="C2" t="s"><v>0</v></c>', member(src, SHEET))
    return {
        name: data,
        "xl/_rels/workbook.xml.rels": rels,
        "[Content_Types].xml": types,
        SHEET: sheet,
    }


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-16-be", "utf-32"])
def test_entities_in_a_part_not_named_xml_are_refused(db_file, tmp_path, capsys, encoding):
    """Shared strings named xl/strings.bin, in any encoding, had their entity expanded."""
    src = task_table_xlsx()
    strings = (
        f'<?xml version="1.0" encoding="{encoding.upper()}"?>'
        '<!DOCTYPE sst [<!ENTITY big "' + "大" * 1000 + '">]>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
        'uniqueCount="1"><si><t>&big;</t></si></sst>'
    )
    data = strings.encode(encoding)
    changes = _with_strings_part(src, "xl/strings.bin", data)
    path = rewrite(tmp_path / f"实体{encoding}.xlsx", src, changes)
    with pytest.raises(ImportFileError, match="实体"):
        parse_file(path)
    refused_everywhere(capsys, db_file, path, "实体")


def test_part_in_a_foreign_encoding_is_refused(tmp_path):
    """UTF-7 or EBCDIC would hide the DTD from a byte search."""
    src = task_table_xlsx()
    utf7 = b'<?xml version="1.0" encoding="UTF-7"?>+ADw-!DOCTYPE x+AD4-<sst/>'
    path = rewrite(tmp_path / "七.xlsx", src, _with_strings_part(src, "xl/s.xml", utf7))
    with pytest.raises(ImportFileError, match="编码"):
        parse_file(path)
    ebcdic = '<?xml version="1.0" encoding="cp037"?><sst/>'.encode("cp037")
    path = rewrite(tmp_path / "八.xlsx", src, _with_strings_part(src, "xl/s.xml", ebcdic))
    with pytest.raises(ImportFileError, match="编码"):
        parse_file(path)


# ---------------------------------------------------------------- Word tables
def _tc(text: str, pr: str = "") -> str:
    run = f"<w:r><w:t>{text}</w:t></w:r>" if text else ""
    return f"<w:tc><w:tcPr>{pr}</w:tcPr><w:p>{run}</w:p></w:tc>"


def table_docx(rows: int, span: int | None = None, vmerge: bool = False) -> bytes:
    """A task table of ``rows`` rows (XML written directly: python-docx's cell() is quadratic);
    ``vmerge``: column 2 of every row merges into the first row's 党政办, one long chain."""
    trs = ["<w:tr>" + "".join(_tc(w) for w in ("工作任务", "责任单位", "完成时限")) + "</w:tr>"]
    for r in range(1, rows + 1):
        if vmerge:
            middle = (
                _tc("党政办", '<w:vMerge w:val="restart"/>') if r == 1 else _tc("", "<w:vMerge/>")
            )
        else:
            middle = _tc("党政办" if r == 1 else "")
        first = _tc(f"第{r}项任务", f'<w:gridSpan w:val="{span}"/>' if span and r == 1 else "")
        trs.append(f"<w:tr>{first}{middle}{_tc('年底')}</w:tr>")
    grid = "<w:tblGrid>" + '<w:gridCol w:w="3000"/>' * 3 + "</w:tblGrid>"
    table = f"<w:tbl><w:tblPr/>{grid}{''.join(trs)}</w:tbl>"
    doc = docx.Document()
    doc.add_paragraph("一、重点任务")
    buf = io.BytesIO()
    doc.save(buf)
    data = buf.getvalue()
    body = member(data, "word/document.xml").decode()
    body = body.replace("<w:sectPr", table + "<w:p/><w:sectPr", 1)
    return rewrite_bytes(data, {"word/document.xml": body.encode()})


def rewrite_bytes(src: bytes, changes: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(src)) as zin,
        zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout,
    ):
        for info in zin.infolist():
            zout.writestr(info.filename, changes.get(info.filename, zin.read(info.filename)))
    return buf.getvalue()


def test_huge_grid_span_is_refused(db_file, tmp_path, capsys):
    """gridSpan=2000000000 in one cell reached 2.8 GB."""
    path = tmp_path / "跨度.docx"
    path.write_bytes(table_docx(2, span=2_000_000_000))
    with pytest.raises(ImportFileError, match=str(office_guard.MAX_GRID_COLUMNS)):
        parse_file(path)
    before = content_hash(db_file)
    assert main.main(["--db", str(db_file), "import", str(path)]) == 1
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
    assert content_hash(db_file) == before


def test_long_vmerge_chain_is_read_linearly(tmp_path):
    """A 1,500-row vMerge chain ran 94 s, then recursed too deep; every row inherits 党政办."""
    path = tmp_path / "纵向合并.docx"
    path.write_bytes(table_docx(1500, vmerge=True))
    plan = parse_file(path)
    assert "第1500项任务" in plan.stream


def test_table_cells_equal_python_docx_on_merged_tables(tmp_path):
    vertical = docx.Document(io.BytesIO(table_docx(6, vmerge=True))).tables[0]
    horizontal = docx.Document(io.BytesIO(table_docx(6))).tables[0]
    horizontal.cell(2, 0).merge(horizontal.cell(2, 2))
    horizontal.cell(4, 1).merge(horizontal.cell(5, 2))  # both ways
    for table in (vertical, horizontal):
        ours = office_guard.table_cells(table)
        theirs = [row.cells for row in table.rows]
        assert [[c._tc for c in row] for row in ours] == [[c._tc for c in row] for row in theirs]


def test_too_many_table_rows_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(office_guard, "MAX_TABLE_ROWS", 50)
    path = tmp_path / "长表.docx"
    path.write_bytes(table_docx(60))
    with pytest.raises(ImportFileError, match="50"):
        parse_file(path)
