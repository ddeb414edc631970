"""Task tables that reached us as text (web pages, PDF copies): rows of a 任务分解表.

Two shapes are read: one cell per line ending in " |" (tables flattened by a page
extractor), and a header line of column names separated by spaces with one row per
line starting with its 序号 (cells separated by spaces; further lines continue the row).
The rows become table-row lines, as the .docx/.xlsx readers make them.
"""

from __future__ import annotations

import re

from models.importing.model import Line, LineHint, Removal, TableRow
from models.importing.tables import column_roles

_PIPE_CELL = re.compile(r"^(.*?)\s*\|\s*$")


def _strip_pipe(line: Line) -> tuple[Line, Line | None]:
    """The cell of a "text |" line and the separator (for the removal record)."""
    m = _PIPE_CELL.match(line.text)
    if not m:
        return line, None
    cut = len(m.group(1))
    return line.slice(0, cut), line.slice(cut)


def _row(cells: list[tuple[str, Line]]) -> Line | None:
    """A row line from (role, cell) pairs: the cells joined, each one's span recorded."""
    out: Line | None = None
    spans: list[tuple[str, int, int]] = []
    for role, cell in cells:
        cell = cell.strip()
        if not cell.text:
            continue
        start = len(out.text) if out is not None else 0
        out = cell if out is None else out.join(cell)
        spans.append((role, start, start + len(cell.text)))
    if out is None:
        return None
    numbered = any(r == "number" for r, _a, _b in spans)
    return Line(out.text, out.pos, LineHint(row=TableRow(cells=spans, numbered=numbered)))


def _pipe_table(lines: list[Line], i: int, removed: list[Removal]) -> tuple[list[Line], int] | None:
    """A table pasted as one cell per line, each between | marks, the header names first."""
    header, j = _pipe_header(lines, i)
    roles = column_roles(header) if len(header) >= 3 else None
    if roles is None or len(roles) != len(header):
        return None
    for line in lines[i:j]:
        removed.append(Removal("table_header", line.text, line.pos))
    out: list[Line] = []
    n = len(header)
    cells: list[Line] = []
    k = j
    while k < len(lines) and _PIPE_CELL.match(lines[k].text):
        cell, sep = _strip_pipe(lines[k])
        if sep is not None and sep.text.strip():
            removed.append(Removal("label", sep.text, sep.pos))
        cells.append(cell)
        k += 1
        if len(cells) == n:
            _add_row(out, [(roles[c], cells[c]) for c in range(n)])
            cells = []
    if cells:
        _add_row(out, [(roles[c], cells[c]) for c in range(len(cells))])
    return out, k


def _pipe_header(lines: list[Line], i: int) -> tuple[list[str], int]:
    """The header names of a pipe table starting at line ``i``, and the line after them."""
    header: list[str] = []
    j = i
    while j < len(lines) and _PIPE_CELL.match(lines[j].text) and len(header) < 12:
        cell = _PIPE_CELL.match(lines[j].text).group(1).strip()  # type: ignore[union-attr]
        if not cell or len(cell) > 8 or cell.isdigit():
            break
        header.append(cell)
        j += 1
    return header, j


def _add_row(out: list[Line], cells: list[tuple[str, Line]]) -> None:
    row = _row(cells)
    if row is not None:
        out.append(row)


def _tokens(line: Line) -> list[Line]:
    return [line.slice(m.start(), m.end()) for m in re.finditer(r"\S+", line.text)]


def _space_table(
    lines: list[Line], i: int, removed: list[Removal]
) -> tuple[list[Line], int] | None:
    """A table typed with spaces: a header of names, rows starting with 1, 2, 3 …"""
    names = lines[i].text.split()
    if not 3 <= len(names) <= 12 or any(len(n) > 8 for n in names):
        return None
    roles = column_roles(names)
    if roles is None or len(roles) != len(names) or roles.get(0) != "number":
        return None
    out: list[Line] = []
    expected = 1
    current: list[tuple[str, Line]] | None = None
    k = i + 1
    while k < len(lines):
        toks = _tokens(lines[k])
        if toks and toks[0].text == str(expected) and len(toks) >= 3:
            if current:
                _add_row(out, current)
            current = _space_row(toks, roles, len(names))
            expected += 1
        elif current is not None and lines[k].text.strip():
            # a cell broken over lines: the rest of this row goes to its note
            current.append(("note", lines[k].strip()))
        elif current is None:
            break
        k += 1
    if current:
        _add_row(out, current)
    if not out:
        return None
    removed.append(Removal("table_header", lines[i].text, lines[i].pos))
    return out, k


def _space_row(toks: list[Line], roles: dict[int, str], columns: int) -> list[tuple[str, Line]]:
    """The cells of a row's words: one per column, the words past the last column joined."""
    cells: list[tuple[str, Line]] = []
    for c, tok in enumerate(toks):
        role = roles[min(c, columns - 1)]
        if c >= columns - 1 and cells and cells[-1][0] == role:
            cells[-1] = (role, cells[-1][1].join(tok))
        else:
            cells.append((role, tok))
    return cells


def read_text_tables(lines: list[Line], removed: list[Removal]) -> list[Line]:
    """``lines`` with the task tables written as text turned into table-row lines."""
    if not any("|" in line.text or "序号" in line.text for line in lines):
        return lines
    out: list[Line] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        text = line.text.strip()
        found = None
        if text.startswith(("序号", "编号")) and line.hint is None:
            found = _pipe_table(lines, i, removed) or _space_table(lines, i, removed)
        if found:
            rows, i = found
            out.extend(rows)
            continue
        out.append(line)
        i += 1
    return out
