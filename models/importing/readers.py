"""File readers: .txt (encoding detection), .docx (numbering, styles, tables), .xlsx tables.

Each reader returns the source stream (the text that offsets refer to) and its lines with
hints. Hostile files are refused before any XML is parsed, by models/office_guard.py.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from models.errors import Cancelled, ImportFileError, UnsupportedEncodingError
from models.importing.model import Line, LineHint, TableRow
from models.text.numerals import CIRCLED, cn_numeral
from models.text.widths import full_width

if TYPE_CHECKING:
    from lxml.etree import _Element

log = logging.getLogger(__name__)

MAX_TEXT_BYTES = 20 * 1024 * 1024  # a .txt plan is a few hundred KB at most

Progress = Callable[[int, int], None] | None
ShouldCancel = Callable[[], bool] | None


def _name(path: Path) -> str:
    return path.name


# ---------------------------------------------------------------- text
def decode_text(data: bytes, path: Path) -> tuple[str, str]:
    """Decode a text file: BOMs, strict UTF-8, GB18030 (⊇ GBK), then charset-normalizer.

    Returns (text, encoding name). Binary data raises ImportFileError.
    """
    name = _name(path)
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", path), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        if data.startswith(b"\xff\xfe\x00\x00"):
            return _strict(data[4:], "utf-32-le", path), "utf-32"
        enc = "utf-16-le" if data.startswith(b"\xff\xfe") else "utf-16-be"
        return _strict(data[2:], enc, path), "utf-16"
    if b"\x00" in data[:4096]:
        # UTF-16 without a BOM, or binary data with a .txt name
        guess = _normalizer_guess(data)
        if guess and guess[1].startswith("utf_16") and _looks_like_text(guess[0]):
            return guess
        raise ImportFileError(
            f"{name} 不是文本文件（含有二进制数据），无法导入。请确认文件类型，"
            "Word 文档请保存为 .docx 后导入。",
            path=str(path),
        )
    try:
        text = data.decode("utf-8")
        if _looks_like_text(text):
            return text, "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
        if _looks_like_text(text) and _chinese_ratio(text) > 0.2:
            return text, "gb18030"
    except UnicodeDecodeError:
        pass
    guess = _normalizer_guess(data)
    if guess and _looks_like_text(guess[0]):
        return guess
    raise UnsupportedEncodingError(
        f"无法识别 {name} 的文字编码，请另存为 UTF-8 或 GBK 编码的文本文件后再导入。",
        path=str(path),
    )


def _strict(data: bytes, encoding: str, path: Path) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise UnsupportedEncodingError(
            f"{_name(path)} 的编码标记与内容不符，请另存为 UTF-8 编码的文本文件后再导入。",
            path=str(path),
        ) from None


def _normalizer_guess(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:2_000_000]).best()
    if best is None:
        return None
    try:
        return data.decode(best.encoding), best.encoding
    except (UnicodeDecodeError, LookupError):
        return None


def _looks_like_text(text: str) -> bool:
    if not text.strip():
        return True
    sample = text[:20000]
    bad = sum(
        1
        for c in sample
        if (ord(c) < 32 and c not in "\t\r\n\f") or c == "\ufffd" or 0xE000 <= ord(c) <= 0xF8FF
    )
    return bad <= max(2, len(sample) // 200)


def _chinese_ratio(text: str) -> float:
    sample = [c for c in text[:20000] if not c.isspace()]
    if not sample:
        return 1.0
    good = sum(
        1
        for c in sample
        if "\u4e00" <= c <= "\u9fff"
        or c.isascii()
        or "\u3000" <= c <= "\u303f"
        or "\uff00" <= c <= "\uffef"
        or c in "“”‘’…—·"
    )
    return good / len(sample)


def normalise_newlines(text: str) -> str:
    """CRLF and CR → LF, BOM dropped."""
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def read_txt(path: Path) -> tuple[str, list[Line], str]:
    """A text file as (stream, lines, encoding)."""
    size = path.stat().st_size
    if size > MAX_TEXT_BYTES:
        raise ImportFileError(
            f"{_name(path)} 太大（{size / 1024 / 1024:.1f} MB），文本文件最大 "
            f"{MAX_TEXT_BYTES // 1024 // 1024} MB。请只保留计划正文后再导入。",
            path=str(path),
        )
    data = path.read_bytes()
    text, encoding = decode_text(data, path)
    stream = normalise_newlines(text)
    return stream, lines_of(stream), encoding


def lines_of(stream: str) -> list[Line]:
    """The stream split at newlines, each line knowing its offset."""
    lines = []
    offset = 0
    for raw in stream.split("\n"):
        lines.append(Line.at(raw, offset))
        offset += len(raw) + 1
    return lines


# ---------------------------------------------------------------- zip safety
def check_zip(path: Path, required: str, what: str) -> None:
    """Refuse a .docx/.xlsx that is not a valid package, is a zip bomb or declares entities."""
    from models.office_guard import check_package

    check_package(path, required=required, what=what)


# ---------------------------------------------------------------- table columns
COLUMN_ROLES: list[tuple[str, str]] = [
    ("序号", "number"),
    ("编号", "number"),
    ("牵头领导", "lead_leader"),
    ("分管领导", "lead_leader"),
    ("责任领导", "lead_leader"),
    ("县级领导", "lead_leader"),
    ("包抓领导", "lead_leader"),
    ("配合单位", "co_units"),
    ("协办单位", "co_units"),
    ("参与单位", "co_units"),
    ("配合部门", "co_units"),
    ("配合科室", "co_units"),
    ("协同单位", "co_units"),
    ("牵头单位", "owner_unit"),
    ("责任单位", "owner_unit"),
    ("牵头科室", "owner_unit"),
    ("责任科室", "owner_unit"),
    ("责任股室", "owner_unit"),
    ("主责单位", "owner_unit"),
    ("责任部门", "owner_unit"),
    ("牵头部门", "owner_unit"),
    ("承办单位", "owner_unit"),
    ("责任人", "owner_person"),
    ("联系人", "owner_person"),
    ("完成时限", "deadline"),
    ("完成时间", "deadline"),
    ("时间节点", "deadline"),
    ("时限", "deadline"),
    ("完成期限", "deadline"),
    ("量化目标", "target"),
    ("量化指标", "target"),
    ("目标", "target"),
    ("工作任务", "text"),
    ("重点任务", "text"),
    ("主要任务", "text"),
    ("具体任务", "text"),
    ("任务内容", "text"),
    ("工作内容", "text"),
    ("工作措施", "text"),
    ("具体措施", "text"),
    ("任务", "text"),
    ("重点工作", "category"),
    ("工作事项", "text"),
    ("事项", "text"),
    ("类别", "category"),
    ("分类", "category"),
    ("板块", "category"),
    ("领域", "category"),
    ("项目", "category"),
    ("工作类别", "category"),
    ("备注", "note"),
]
# roles that may appear in several columns (the values are joined in the task)
MULTI_ROLES = frozenset({"note"})


def column_roles(cells: list[str]) -> dict[int, str] | None:
    """Column index → role for a header row, or None when the row is no task header."""
    roles: dict[int, str] = {}
    names = [re.sub(r"\s", "", cell or "") for cell in cells]
    for i, t in enumerate(names):  # exact names first
        for word, role in COLUMN_ROLES:
            if t == word and (role not in roles.values() or role in MULTI_ROLES):
                roles[i] = role
                break
            if t == word and role == "owner_unit" and "co_units" not in roles.values():
                roles[i] = "co_units"  # 牵头单位 | 责任单位: the second one works with it
                break
    for i, t in enumerate(names):
        if i in roles or not t or len(t) > 12:
            continue
        for word, role in COLUMN_ROLES:
            if word in t and role not in roles.values():
                roles[i] = role
                break
    if "text" not in roles.values():
        # 重点工作 alone is the task column; next to 工作任务 it is the category
        cat = next((i for i, r in roles.items() if r == "category"), None)
        if cat is None:
            return None
        roles[cat] = "text"
    others = [r for r in roles.values() if r not in ("text", "note", "category")]
    if not others:
        return None
    for i, t in enumerate(names):  # unknown columns (备注, 进展情况 …) go to the note
        if t and i not in roles:
            roles[i] = "note"
    return roles


def _row_line(
    cells: list[tuple[str, str]], offset: int, *, numbered: bool, inherited: dict[str, str]
) -> tuple[str, Line]:
    """A table row as stream text (cells joined by tabs) and its Line."""
    parts: list[str] = []
    spans: list[tuple[str, int, int]] = []
    pos = 0
    for role, value in cells:
        if not value.strip():
            continue
        if parts:
            parts.append("\t")
            pos += 1
        spans.append((role, pos, pos + len(value)))
        parts.append(value)
        pos += len(value)
    text = "".join(parts)
    row = TableRow(cells=spans, inherited=dict(inherited), numbered=numbered)
    return text, Line.at(text, offset, LineHint(row=row, hard_paragraph=True))


class _Stream:
    """Builds the source stream of a structured file line by line."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.lines: list[Line] = []
        self.offset = 0

    def add(self, text: str, hint: LineHint | None = None) -> Line:
        text = text.replace("\r", "").replace("\n", " ")
        line = Line.at(text, self.offset, hint)
        self.parts.append(text + "\n")
        self.offset += len(text) + 1
        self.lines.append(line)
        return line

    def add_row(
        self, cells: list[tuple[str, str]], *, numbered: bool, inherited: dict[str, str]
    ) -> None:
        text, line = _row_line(cells, self.offset, numbered=numbered, inherited=inherited)
        if not text:
            return
        self.parts.append(text + "\n")
        self.offset += len(text) + 1
        self.lines.append(line)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _table_rows(grid: list[list[tuple[str, bool]]], stream: _Stream) -> bool:
    """Emit a task table (grid of (text, is_own_cell)); False when it is no task table."""
    found = _header_row(grid)
    if found is None:
        return False
    header_at, roles = found
    for row in grid[:header_at]:  # a title row above the header
        for text, own in row:
            if own and text.strip():
                stream.add(text.strip(), LineHint(hard_paragraph=True))
    header = "\t".join(c.strip() for c, own in grid[header_at] if own and c.strip())
    stream.add(header, LineHint(hard_paragraph=True, table_header=True))
    numbered = "number" in roles.values()
    for row in grid[header_at + 1 :]:
        _table_row(row, roles, numbered, stream)
    return True


def _header_row(grid: list[list[tuple[str, bool]]]) -> tuple[int, dict[int, str]] | None:
    """(index, column roles) of the task header among the first rows, else None."""
    for i, row in enumerate(grid[:10]):
        roles = column_roles([c for c, _own in row])
        if roles:
            return i, roles
    return None


def _table_row(
    row: list[tuple[str, bool]], roles: dict[int, str], numbered: bool, stream: _Stream
) -> None:
    """One row under the header: a section (category) line, a category row, or a task row
    with the values it shares with the rows above (merged cells) as inherited."""
    values = {roles[i]: (text.strip(), own) for i, (text, own) in enumerate(row) if i in roles}
    own_values = {r: t for r, (t, own) in values.items() if own and t}
    if not own_values:
        return
    # a row whose text spans the whole row, or a category cell, opens a section
    cat = own_values.pop("category", None)
    row_texts = {t for t, _o in row if t.strip()}
    if cat:
        stream.add(cat, LineHint(style_level=9, hard_paragraph=True))
    if len(row_texts) == 1 and "text" in own_values and len([1 for _t, own in row if own]) == 1:
        stream.add(own_values["text"], LineHint(style_level=9, hard_paragraph=True))
        return
    num = own_values.get("number", "")
    if (
        num
        and re.fullmatch(r"[一二三四五六七八九十]+[、.．]?", num)
        and "text" in own_values
        and len(own_values) == 2
    ):
        # a category row: 一 | 基层党建 (its number is a label of its own)
        stream.add(
            num + own_values["text"],
            LineHint(hard_paragraph=True, list_kind=("table", "category"), label_len=len(num)),
        )
        return
    inherited = {}
    for role, (text, own) in values.items():
        if not own and text and role not in ("number", "category", "text"):
            inherited[role] = text
    cells = [
        (roles[i], text.strip())
        for i, (text, own) in enumerate(row)
        if i in roles and own and roles[i] != "category"
    ]
    stream.add_row(cells, numbered=numbered, inherited=inherited)


# ---------------------------------------------------------------- docx
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _cn(n: int) -> str:
    return cn_numeral(n) if n > 0 else str(n)


def _format_number(fmt: str, n: int) -> str | None:
    if fmt in ("decimal", "decimalZero"):
        return str(n)
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "chineseLegalSimplified",
        "ideographDigital",
        "japaneseCounting",
        "taiwaneseCounting",
    ):
        return _cn(n)
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return CIRCLED[n - 1] if 1 <= n <= 20 else str(n)
    if fmt == "decimalFullWidth":
        return full_width(str(n))
    if fmt == "ideographTraditional":
        return "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10]
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt in ("lowerRoman", "upperRoman"):
        vals = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
        out, k = "", n
        for v, s in vals:
            while k >= v:
                out += s
                k -= v
        return out.upper() if fmt == "upperRoman" else out
    return None


class _Numbering:
    """Word automatic numbering: numId/ilvl → rendered label, with counters."""

    def __init__(self, document) -> None:  # noqa: ANN001
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.num_abstract: dict[str, str] = {}
        self.overrides: dict[tuple[str, int], int] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            part = document.part.numbering_part
        except (KeyError, NotImplementedError, AttributeError):
            return
        root = part.element
        for absn in root.iter(f"{_W}abstractNum"):
            aid = absn.get(f"{_W}abstractNumId")
            for lvl in absn.iter(f"{_W}lvl"):
                ilvl = int(lvl.get(f"{_W}ilvl", "0"))
                fmt = _val(lvl.find(f"{_W}numFmt")) or "decimal"
                text = _val(lvl.find(f"{_W}lvlText")) or ""
                start = int(_val(lvl.find(f"{_W}start")) or "1")
                self.levels[(aid, ilvl)] = (fmt, text, start)
        for num in root.iter(f"{_W}num"):
            nid = num.get(f"{_W}numId")
            absref = num.find(f"{_W}abstractNumId")
            if absref is not None:
                self.num_abstract[nid] = _val(absref) or ""
            for ov in num.iter(f"{_W}lvlOverride"):
                so = ov.find(f"{_W}startOverride")
                if so is not None:
                    self.overrides[(nid, int(ov.get(f"{_W}ilvl", "0")))] = int(_val(so) or "1")

    def label(self, num_id: str, ilvl: int) -> tuple[str, tuple] | None:
        """(rendered label, kind signature) of the next item of a list level."""
        aid = self.num_abstract.get(num_id)
        if aid is None or num_id == "0":
            return None
        counters = self.counters.setdefault(num_id, [0] * 9)
        ilvl = max(0, min(ilvl, 8))
        fmt, text, start = self.levels.get((aid, ilvl), ("decimal", f"%{ilvl + 1}.", 1))
        start = self.overrides.get((num_id, ilvl), start)
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] >= start else start
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        if fmt in ("bullet", "none"):
            return "", (fmt, text, ilvl)

        def repl(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            lfmt = self.levels.get((aid, k), (fmt, "", 1))[0]
            value = counters[k] or self.levels.get((aid, k), ("", "", 1))[2]
            return _format_number(lfmt, value) or str(value)

        label = re.sub(r"%(\d)", repl, text)
        return label, (fmt, text, ilvl)


def _val(el: _Element | None) -> str | None:
    return None if el is None else el.get(f"{_W}val")


def _number_val(el: _Element | None) -> int | None:
    """The w:val of ``el`` as a number; None when the element or its value is missing or
    not a number (a hand-edited file may leave w:outlineLvl or w:ilvl without one)."""
    value = _val(el)
    return int(value) if value and value.isascii() and value.isdigit() else None


class _Styles:
    """Heading level, Title flag and list numbering of each paragraph style, computed once.

    Read from the styles part's XML by style id: python-docx's style objects are built
    for every style on each lookup, which costs more than the rest of a short import.
    """

    def __init__(self, document) -> None:  # noqa: ANN001
        self.by_id: dict[str, _Element] = {}
        self.default: _Element | None = None
        try:
            root = document.part.styles.element
        except (KeyError, NotImplementedError, AttributeError):
            root = None
        if root is not None:
            for el in root.iterchildren(f"{_W}style"):
                if el.get(f"{_W}type") != "paragraph":
                    continue
                sid = el.get(f"{_W}styleId")
                if sid:
                    self.by_id[sid] = el
                if el.get(f"{_W}default") in ("1", "true"):
                    self.default = el
        self.cache: dict[str | None, tuple[int | None, bool, tuple[str, int] | None]] = {}

    def info(self, style_id: str | None) -> tuple[int | None, bool, tuple[str, int] | None]:
        """(heading level, is title, (numId, ilvl) of a list linked to the style)."""
        if style_id in self.cache:
            return self.cache[style_id]
        style = self.by_id.get(style_id) if style_id else self.default
        level, is_title, num = None, False, None
        if style is not None:
            name = _val(style.find(f"{_W}name")) or ""
            m = re.match(r"(?i)\s*(?:heading|标题)\s*(\d)\s*$", name)
            if m:
                level = int(m.group(1))
            elif re.match(r"(?i)\s*(title|标题)\s*$", name):
                is_title = True
            current = style
            seen = 0
            while current is not None and seen < 10:
                sppr = current.find(f"{_W}pPr")
                if sppr is not None:
                    if level is None and not is_title:
                        outline = _number_val(sppr.find(f"{_W}outlineLvl"))
                        if outline is not None and outline < 9:
                            level = outline + 1
                    num_pr = sppr.find(f"{_W}numPr")
                    if num is None and num_pr is not None:
                        nid = _val(num_pr.find(f"{_W}numId"))
                        if nid is not None:
                            num = (nid, _number_val(num_pr.find(f"{_W}ilvl")) or 0)
                based = _val(current.find(f"{_W}basedOn"))
                current = self.by_id.get(based) if based else None
                seen += 1
        self.cache[style_id] = (level, is_title, num)
        return self.cache[style_id]


def _paragraph_props(
    paragraph,
    styles: _Styles,  # noqa: ANN001
) -> tuple[int | None, bool, tuple[str, int] | None]:
    """(heading level, is title, (numId, ilvl)) of a paragraph: its own pPr, then its style."""
    ppr = paragraph._p.pPr
    style_id = None
    level = None
    num = None
    if ppr is not None:
        ps = ppr.find(f"{_W}pStyle")
        style_id = _val(ps) if ps is not None else None
        outline = _number_val(ppr.find(f"{_W}outlineLvl"))
        if outline is not None and outline < 9:
            level = outline + 1
        num_pr = ppr.find(f"{_W}numPr")
        if num_pr is not None:
            nid = _val(num_pr.find(f"{_W}numId"))
            if nid is not None:
                num = (nid, _number_val(num_pr.find(f"{_W}ilvl")) or 0)
    s_level, is_title, s_num = styles.info(style_id)
    return (s_level if s_level is not None else level), is_title, (num or s_num)


def read_docx(
    path: Path, progress: Progress = None, should_cancel: ShouldCancel = None
) -> tuple[str, list[Line]]:
    """Paragraphs (with Word numbering rendered) and tables of a .docx, in order."""
    from models.office_guard import check_word_tables

    check_zip(path, "word/document.xml", "Word（.docx）")
    check_word_tables(path)
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many kinds on broken packages
        raise ImportFileError(
            f"{_name(path)} 无法作为 Word 文档读取（{type(exc).__name__}）。"
            "请用 Word/WPS 打开后另存为 .docx 再导入。",
            path=str(path),
        ) from exc
    try:
        numbering = _Numbering(document)
        styles = _Styles(document)
        stream = _Stream()
        body = document.element.body
        children = list(body.iterchildren())
        total = len(children)
        for i, child in enumerate(children):
            if i % 50 == 0:
                if should_cancel is not None and should_cancel():
                    raise Cancelled()
                if progress is not None:
                    progress(i, total)
            if child.tag == f"{_W}p":
                _add_paragraph(Paragraph(child, document), numbering, styles, stream)
            elif child.tag == f"{_W}tbl":
                _add_table(Table(child, document), numbering, styles, stream)
    except (Cancelled, ImportFileError):
        raise
    except Exception as exc:  # a damaged part deep inside the package
        log.warning("reading %s failed: %r", path, exc)
        raise ImportFileError(
            f"{_name(path)} 的内容已损坏，无法读取（{type(exc).__name__}）。"
            "请用 Word/WPS 打开后另存为 .docx 再导入。",
            path=str(path),
        ) from exc
    return stream.text, stream.lines


def _paragraph_text(paragraph) -> str:  # noqa: ANN001
    return paragraph.text.replace("\u00a0", " ")


def _add_paragraph(
    paragraph,
    numbering: _Numbering,
    styles: _Styles,  # noqa: ANN001
    stream: _Stream,
) -> None:
    raw = _paragraph_text(paragraph)
    pieces = raw.split("\n")
    level, is_title, num = _paragraph_props(paragraph, styles)
    label, kind = "", None
    if num is not None and any(p.strip() for p in pieces):
        rendered = numbering.label(*num)
        if rendered is not None:
            label, kind = rendered
    for k, piece in enumerate(pieces):
        if not piece.strip() and not (k == 0 and label):
            continue
        hint = LineHint(
            style_level=level if k == 0 else None,
            is_title=is_title and k == 0,
            hard_paragraph=k == len(pieces) - 1,
        )
        if k == 0 and kind is not None:
            hint.list_kind = kind
            hint.label_len = len(label)
            stream.add(label + piece, hint)
        else:
            stream.add(piece, hint)


def _add_table(
    table,
    numbering: _Numbering,
    styles: _Styles,  # noqa: ANN001
    stream: _Stream,
) -> None:
    from models.office_guard import table_cells

    rows = table_cells(table)  # linear; python-docx's row.cells is quadratic on vMerge
    grid: list[list[tuple[str, bool]]] = []
    seen: set = set()  # the <w:tc> elements themselves (a merged cell repeats the same one)
    for row in rows:
        cells = []
        for cell in row:
            own = cell._tc not in seen
            seen.add(cell._tc)
            cells.append((cell.text.replace("\u00a0", " "), own))
        grid.append(cells)
    if _table_rows(grid, stream):
        return
    # not a task table: its paragraphs in reading order
    seen.clear()
    for row in rows:
        for cell in row:
            if cell._tc in seen:
                continue
            seen.add(cell._tc)
            for p in cell.paragraphs:
                _add_paragraph(p, numbering, styles, stream)


# ---------------------------------------------------------------- xlsx
def read_xlsx(
    path: Path, progress: Progress = None, should_cancel: ShouldCancel = None
) -> tuple[str, list[Line]]:
    """Task tables of every sheet (header row found by its names; merged cells filled)."""
    from models.office_guard import open_workbook

    # streamed (merged ranges come clipped from the guard's scan, never expanded by openpyxl)
    wb, layouts = open_workbook(path, read_only=True)
    try:
        stream, found = _read_sheets(wb, progress, should_cancel, layouts)
    except (Cancelled, ImportFileError):
        raise
    except Exception as exc:  # a damaged sheet deep inside the package
        log.warning("reading %s failed: %r", path, exc)
        raise ImportFileError(
            f"{_name(path)} 的内容已损坏，无法读取（{type(exc).__name__}）。"
            "请用 Excel/WPS 打开后另存为 .xlsx 再导入。",
            path=str(path),
        ) from exc
    finally:
        wb.close()
    if not found:
        raise ImportFileError(
            f"{_name(path)} 中没有找到任务表：表头应包含“工作任务”以及“责任单位”"
            "“牵头领导”“完成时限”等列。",
            path=str(path),
        )
    return stream.text, stream.lines


def _read_sheets(
    wb,
    progress: Progress,
    should_cancel: ShouldCancel,  # noqa: ANN001
    layouts: dict,
) -> tuple[_Stream, bool]:
    stream = _Stream()
    found = False
    sheets = wb.worksheets
    for si, ws in enumerate(sheets):
        if should_cancel is not None and should_cancel():
            raise Cancelled()
        if progress is not None:
            progress(si, len(sheets))
        layout = layouts.get(ws.title)
        if layout is None or not layout.max_row:
            continue  # no cell holds a value
        max_col = min(layout.max_col, 60)  # the real used area, not the declared dimension
        merged_from = layout.merged_origins(max_col)
        values: dict[tuple[int, int], str] = {}
        grid: list[list[tuple[str, bool]]] = []
        rows = ws.iter_rows(min_row=1, max_row=layout.max_row, max_col=max_col, values_only=True)
        for r, row in enumerate(rows, start=1):
            cells = []
            for c, value in enumerate(row, start=1):
                text = _cell_text(value)
                values[(r, c)] = text
                origin = merged_from.get((r, c))
                if origin is not None:
                    cells.append((values.get(origin, ""), False))
                else:
                    cells.append((text, True))
            grid.append(cells)
        if _table_rows(grid, stream):
            found = True
    return stream, found


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%Y年%m月%d日")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace("\r", "").replace("\n", " ")
