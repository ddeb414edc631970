"""The one guarded opener of every Office input: .docx/.xlsx plans, feedback sheets, task tables
and templates go through here before any other code reads them.

A hostile file is refused with one Chinese sentence naming it, in bounded time and memory:

- the package: file size, member count, every member's size, the sum of sizes and the
  compression ratio (read within the declared sizes, so lying headers are caught by zipfile);
- XML entities: every member, whatever its name, is decoded the way an XML parser would
  (BOM, UTF-16/32 by the first bytes, the declared encoding) and refused if it declares a
  DTD; an encoding other than UTF-8/16/32 is refused too. This is the same rule defusedxml
  applies, without the dependency: the parsers (lxml in python-docx, expat in openpyxl) are
  fed only parts checked here;
- workbooks: the sheets are streamed once (iterparse) to learn their *real* size: the
  declared <dimension> is ignored, cells are counted, merged ranges are read and clipped to
  the used area, one part may back only one sheet;
- Word tables: rows per table and grid columns per row (gridSpan) are bounded, and the cell
  grid is built iteratively and linearly (python-docx resolves vMerge chains by recursion,
  in quadratic time).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from models.errors import ImportFileError

MAX_PACKAGE_BYTES = 100 * 1024 * 1024  # the file itself (photos included)
MAX_MEMBERS = 2000
MAX_MEMBER_BYTES = 30 * 1024 * 1024  # any member, uncompressed
MAX_UNZIPPED_BYTES = 300 * 1024 * 1024  # all members together, uncompressed
MAX_RATIO = 100  # uncompressed / compressed, for members above RATIO_FROM bytes
RATIO_FROM = 1024 * 1024
MAX_SHEETS = 200
MAX_CELLS = 1_000_000  # <c> elements of all sheets together (styled empty ones too)
MAX_ROWS = 50_000  # the last row of a sheet holding any cell
MAX_COLUMNS = 16_384  # Excel's own limit; readers look at the first 60 only
MAX_MERGED = 10_000  # merged ranges per sheet
MAX_MERGED_CELLS = 1_000_000  # cells covered by the merged ranges of a sheet, after clipping
MAX_TABLE_ROWS = 10_000  # rows of one Word table
MAX_GRID_COLUMNS = 64  # grid columns of one Word table row (gridSpan summed)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"

# Encodings an XML part may declare; Office writes UTF-8 (UTF-16 is legal OOXML).
_ENCODINGS = frozenset(
    {"utf-8", "utf8", "us-ascii", "ascii", "utf-16", "utf-16le", "utf-16be", "utf-32"}
)
_DTD = ("<!DOCTYPE", "<!ENTITY")
_RESAVE_XLSX = "请用 Excel/WPS 打开后另存为 .xlsx 再试。"


def _refuse(path: Path, text: str) -> ImportFileError:
    return ImportFileError(f"{path.name} {text}", path=str(path))


@dataclass(slots=True)
class SheetLayout:
    """What the streaming scan learnt about one worksheet."""

    name: str
    part: str
    max_row: int = 0  # last row / column holding a value (the used area)
    max_col: int = 0
    last_row_any: int = 0  # last row holding any <c>, styled empty ones too
    cells: int = 0
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # clipped ranges
    declared_merged: list[tuple[int, int, int, int]] = field(default_factory=list)

    def merged_origins(self, max_col: int) -> dict[tuple[int, int], tuple[int, int]]:
        """(row, col) → the top-left cell of its merged range, for columns ≤ ``max_col``."""
        out: dict[tuple[int, int], tuple[int, int]] = {}
        for r1, c1, r2, c2 in self.merged:
            for r in range(r1, r2 + 1):
                for c in range(c1, min(c2, max_col) + 1):
                    if (r, c) != (r1, c1):
                        out[(r, c)] = (r1, c1)
        return out


# ---------------------------------------------------------------- the package
def check_package(path: str | Path, *, required: str | None, what: str) -> None:
    """Refuse a package that is no zip, is too big, is a zip bomb or declares XML entities.

    Raises:
        ImportFileError: one Chinese sentence naming the file and the problem.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ImportFileError(f"找不到文件“{path.name}”。", path=str(path)) from None
    if size > MAX_PACKAGE_BYTES:
        raise _refuse(
            path, f"太大（{size / 1024 / 1024:.1f} MB），超过 {MAX_PACKAGE_BYTES >> 20} MB 的上限。"
        )
    resave = f"请用 Word/WPS 打开后另存为 {path.suffix.lower() or '.docx'} 再试。"
    if not zipfile.is_zipfile(path):
        raise _refuse(path, f"不是有效的 {what} 文件（文件已损坏或并非该格式）。{resave}")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            _check_sizes(path, infos)
            if required is not None and required not in {i.filename for i in infos}:
                raise _refuse(path, f"不是有效的 {what} 文件（缺少正文部分）。{resave}")
            for info in infos:
                if info.is_dir():
                    continue
                with zf.open(info) as fh:  # stops at the declared size, checks the CRC
                    data = fh.read(MAX_MEMBER_BYTES + 1)
                check_xml_bytes(path, data)
    except ImportFileError:
        raise
    except Exception as exc:  # zlib.error, BadZipFile, CRC errors …: a damaged package
        raise _refuse(path, f"已损坏，无法读取（{type(exc).__name__}）。{resave}") from exc


def _check_sizes(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_MEMBERS:
        raise _refuse(path, f"结构异常（条目超过 {MAX_MEMBERS} 个），已拒绝。")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > MAX_MEMBER_BYTES:
            raise _refuse(
                path, f"中的一部分解压后超过 {MAX_MEMBER_BYTES >> 20} MB（疑似压缩炸弹），已拒绝。"
            )
        if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise _refuse(path, f"压缩比超过 {MAX_RATIO} 倍（疑似压缩炸弹），已拒绝。")
    if total > MAX_UNZIPPED_BYTES:
        raise _refuse(path, f"解压后超过 {MAX_UNZIPPED_BYTES >> 20} MB（疑似压缩炸弹），已拒绝。")


def _decode_as_parser(data: bytes) -> str | None:
    """The text an XML parser would see in ``data``; None for an encoding not UTF-8/16/32."""
    for bom, enc in (
        (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xfe\xff", "utf-16-be"),
        (b"\xff\xfe", "utf-16-le"),
    ):
        if data.startswith(bom):
            return data[len(bom) :].decode(enc, "replace")
    head = data[:4]
    if len(head) == 4:
        zeros = tuple(b == 0 for b in head)
        wide: dict[tuple[bool, ...], str] = {
            (True, True, True, False): "utf-32-be",
            (False, True, True, True): "utf-32-le",
            (True, False, True, False): "utf-16-be",
            (False, True, False, True): "utf-16-le",
        }
        wide_enc = wide.get(zeros)
        if wide_enc:
            return data.decode(wide_enc, "replace")
        if head == b"\x4c\x6f\xa7\x94":  # "<?xm" in EBCDIC
            return None
    text = data.decode("utf-8", "replace")
    m = re.match(r"\s*<\?xml[^>]{0,200}?encoding\s*=\s*[\"']([^\"']{1,40})", text[:400])
    if m and m[1].strip().lower().replace("_", "-") not in _ENCODINGS:
        return None
    return text


def check_xml_bytes(path: Path, data: bytes) -> None:
    """Refuse a part that declares a DTD (entities) or an encoding other than UTF-8/16/32."""
    text = _decode_as_parser(data)
    if text is None:
        raise _refuse(path, "含有不支持的文字编码的部分（Office 文件只用 UTF-8/UTF-16），已拒绝。")
    if any(marker in text for marker in _DTD) or any(m.encode() in data for m in _DTD):
        raise _refuse(path, "含有 XML 实体声明（可能是恶意文件），已拒绝。")


# ---------------------------------------------------------------- workbooks
_REF = re.compile(r"([A-Z]{1,3})(\d{1,7})$")


def _cell_ref(ref: str) -> tuple[int, int] | None:
    m = _REF.match(ref.replace("$", "").upper())
    if m is None:
        return None
    col = 0
    for ch in m[1]:
        col = col * 26 + ord(ch) - 64
    return int(m[2]), col


def _iter_elements(zf: zipfile.ZipFile, name: str) -> Iterator[Any]:
    """Streamed end events of a part already checked by check_package; elements are freed."""
    from lxml import etree

    with zf.open(name) as fh:
        for _event, el in etree.iterparse(
            fh, events=("end",), resolve_entities=False, no_network=True, huge_tree=False
        ):
            yield el
            if el.tag in (f"{_S}c", f"{_S}row", f"{_W}tr"):
                el.clear()


def _sheet_parts(zf: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, part name) of every worksheet listed by the workbook."""
    from lxml import etree

    names = set(zf.namelist())
    rels_name = "xl/_rels/workbook.xml.rels"
    targets: dict[str, str] = {}
    if rels_name in names:
        rels = etree.fromstring(zf.read(rels_name), etree.XMLParser(resolve_entities=False))
        for rel in rels.iter(f"{_PR}Relationship"):
            target = rel.get("Target") or ""
            part = (
                target.lstrip("/")
                if target.startswith("/")
                else posixpath.normpath(posixpath.join("xl", target))
            )
            targets[rel.get("Id") or ""] = part
    book = etree.fromstring(zf.read("xl/workbook.xml"), etree.XMLParser(resolve_entities=False))
    out = []
    for sheet in book.iter(f"{_S}sheet"):
        part = targets.get(sheet.get(f"{_R}id") or "", "")
        out.append((sheet.get("name") or "", part))
    return out


def scan_workbook(path: str | Path) -> dict[str, SheetLayout]:
    """The real layout of every worksheet (by sheet name); refuses oversized workbooks.

    Call after :func:`check_package`. Raises ImportFileError naming the file and the limit.
    """
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as zf:
            return _scan(path, zf)
    except ImportFileError:
        raise
    except Exception as exc:  # XMLSyntaxError, KeyError: a damaged workbook
        raise _refuse(
            path,
            f"已损坏，无法读取（{type(exc).__name__}）。{_RESAVE_XLSX}",
        ) from exc


def _scan(path: Path, zf: zipfile.ZipFile) -> dict[str, SheetLayout]:
    sheets = _sheet_parts(zf)
    if len(sheets) > MAX_SHEETS:
        raise _refuse(path, f"有 {len(sheets)} 个工作表，超过 {MAX_SHEETS} 个的上限，已拒绝。")
    parts = [p for _n, p in sheets if p]
    if len(parts) != len(set(parts)):
        raise _refuse(path, "结构异常（多个工作表共用同一内容），已拒绝。")
    members = set(zf.namelist())
    layouts: dict[str, SheetLayout] = {}
    cells = 0
    for name, part in sheets:
        layout = SheetLayout(name, part)
        layouts[name] = layout
        if part not in members:
            continue  # a chart sheet or a dangling reference: openpyxl decides
        merged_raw: list[tuple[int, int, int, int]] = []
        for el in _iter_elements(zf, part):
            if el.tag == f"{_S}c":
                cells += 1
                if cells > MAX_CELLS:
                    raise _refuse(path, f"单元格超过 {MAX_CELLS:,} 个，已拒绝。")
                _count_cell(path, layout, el)
            elif el.tag == f"{_S}mergeCell":
                merged = _merged_range(el)
                if merged is not None:
                    merged_raw.append(merged)
                if len(merged_raw) > MAX_MERGED:
                    raise _refuse(
                        path, f"的工作表“{name}”合并单元格超过 {MAX_MERGED:,} 处，已拒绝。"
                    )
        _clip_merged(path, layout, merged_raw)
    return layouts


def _count_cell(path: Path, layout: SheetLayout, el: Any) -> None:
    """One <c> of a sheet: counted, and the used area grown when it holds a value."""
    layout.cells += 1
    rc = _cell_ref(el.get("r") or "")
    if rc is None:
        return
    row, col = rc
    layout.last_row_any = max(layout.last_row_any, row)
    if row > MAX_ROWS or col > MAX_COLUMNS:
        raise _refuse(
            path,
            f"的工作表“{layout.name}”有内容超出第 {MAX_ROWS:,} 行，超过上限，已拒绝。"
            "请删除表格下方多余的行后再试。",
        )
    if len(el) or el.text:  # <v>, <is> or <f>: a cell holding a value
        layout.max_row = max(layout.max_row, row)
        layout.max_col = max(layout.max_col, col)


def _merged_range(el: Any) -> tuple[int, int, int, int] | None:
    """(first row, first column, last row, last column) of a <mergeCell ref="A1:C2">."""
    ref = (el.get("ref") or "").split(":")
    a = _cell_ref(ref[0]) if ref[0] else None
    b = _cell_ref(ref[-1]) if a else None
    if not (a and b):
        return None
    return min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1])


def _clip_merged(
    path: Path, layout: SheetLayout, merged_raw: list[tuple[int, int, int, int]]
) -> None:
    """The merged ranges clipped to the used area; their covered cells are bounded."""
    covered = 0
    for r1, c1, r2, c2 in merged_raw:
        r2, c2 = min(r2, layout.max_row), min(c2, layout.max_col)
        if r1 > r2 or c1 > c2 or (r1, c1) == (r2, c2):
            continue
        covered += (r2 - r1 + 1) * (c2 - c1 + 1)
        if covered > MAX_MERGED_CELLS:
            raise _refuse(path, f"的工作表“{layout.name}”合并单元格范围过大，已拒绝。")
        layout.merged.append((r1, c1, r2, c2))
    layout.declared_merged = merged_raw


def open_workbook(path: str | Path, *, read_only: bool) -> tuple[Any, dict[str, SheetLayout]]:
    """A workbook (openpyxl, values not formulas) and the real layout of its sheets.

    ``read_only=True`` streams the sheets and never expands merged ranges (use the layouts'
    clipped ranges instead); ``read_only=False`` loads them fully, which openpyxl does by
    materialising every merged cell: the declared merged area is bounded first.
    """
    path = Path(path)
    check_package(path, required="xl/workbook.xml", what="Excel（.xlsx）")
    layouts = scan_workbook(path)
    if not read_only:
        for layout in layouts.values():
            declared = sum(
                (r2 - r1 + 1) * (c2 - c1 + 1) for r1, c1, r2, c2 in layout.declared_merged
            )
            if declared > MAX_MERGED_CELLS:
                raise _refuse(path, f"的工作表“{layout.name}”合并单元格范围过大，已拒绝。")
    import openpyxl

    try:
        wb = openpyxl.load_workbook(str(path), read_only=read_only, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on broken packages
        raise _refuse(
            path,
            f"无法作为 Excel 表格读取（{type(exc).__name__}）。{_RESAVE_XLSX}",
        ) from exc
    return wb, layouts


# ---------------------------------------------------------------- Word tables
def check_word_tables(path: str | Path, part: str = "word/document.xml") -> None:
    """Bound the rows of every table and the grid columns of every row of a Word part."""
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as zf:
            if part not in zf.namelist():
                return
            rows: list[int] = [0]  # rows of the open tables (nested tables stack)
            for el in _iter_word_tables(zf, part):
                if el is None:
                    rows.append(0)
                elif el == "end":
                    rows.pop()
                else:
                    rows[-1] += 1
                    if rows[-1] > MAX_TABLE_ROWS:
                        raise _refuse(path, f"中有表格超过 {MAX_TABLE_ROWS:,} 行，已拒绝。")
                    if el > MAX_GRID_COLUMNS:
                        raise _refuse(
                            path,
                            f"中有表格的一行超过 {MAX_GRID_COLUMNS} 列（合并跨度异常），已拒绝。",
                        )
    except ImportFileError:
        raise
    except Exception as exc:
        raise _refuse(path, f"已损坏，无法读取（{type(exc).__name__}）。") from exc


def _iter_word_tables(zf: zipfile.ZipFile, part: str) -> Iterator[Any]:
    """None at a table's start, "end" at its end, the grid width of each row in between."""
    from lxml import etree

    with zf.open(part) as fh:
        for event, el in etree.iterparse(
            fh, events=("start", "end"), resolve_entities=False, no_network=True
        ):
            if el.tag == f"{_W}tbl":
                yield None if event == "start" else "end"
            elif el.tag == f"{_W}tr" and event == "end":
                yield sum(grid_span(tc) for tc in el.iterchildren(f"{_W}tc"))
                el.clear()


def grid_span(tc: Any) -> int:
    """The grid columns a <w:tc> spans (1 for a missing or broken gridSpan)."""
    pr = tc.find(f"{_W}tcPr")
    gs = pr.find(f"{_W}gridSpan") if pr is not None else None
    try:
        return max(1, int(gs.get(f"{_W}val"))) if gs is not None else 1
    except (TypeError, ValueError):
        return 1


def _v_merge(tc: Any) -> str | None:
    pr = tc.find(f"{_W}tcPr")
    vm = pr.find(f"{_W}vMerge") if pr is not None else None
    if vm is None:
        return None
    return vm.get(f"{_W}val") or "continue"


def table_cells(table: Any) -> list[list[Any]]:
    """Each row's cells like python-docx's ``row.cells`` (a spanned or vertically merged cell
    repeated), built in one linear pass: a vMerge continuation takes the cell above it."""
    from docx.table import _Cell

    out: list[list[Any]] = []
    above: list[Any] = []
    for tr in table._tbl.tr_lst:
        row: list[Any] = []
        for tc in tr.tc_lst:
            span = min(grid_span(tc), MAX_GRID_COLUMNS)
            if _v_merge(tc) == "continue" and len(above) > len(row):
                cell = above[len(row)]
            else:
                cell = _Cell(tc, table)
            row.extend([cell] * span)
        out.append(row)
        above = row
    return out
