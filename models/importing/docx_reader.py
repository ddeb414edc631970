"""The .docx reader: paragraphs with Word's automatic numbering and heading styles, and
task tables, written into the source stream with their hints."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING

from models.errors import Cancelled, ImportFileError
from models.importing.model import Line, LineHint
from models.importing.readers import Progress, ShouldCancel, _name, check_zip
from models.importing.tables import _Stream, _table_rows
from models.text.numerals import CIRCLED, cn_numeral
from models.text.widths import full_width

if TYPE_CHECKING:
    from lxml.etree import _Element

log = logging.getLogger(__name__)

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
