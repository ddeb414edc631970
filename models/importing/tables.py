"""Task tables of structured files: which column holds what (序号, 工作任务, 责任单位 …),
and the rows written into the source stream as task lines."""

from __future__ import annotations

import logging
import re

from models.importing.model import Line, LineHint, TableRow

log = logging.getLogger(__name__)


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
    names = [re.sub(r"\s", "", cell or "") for cell in cells]
    roles = _exact_roles(names)
    for i, t in enumerate(names):  # then names that contain a known one
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


def _exact_roles(names: list[str]) -> dict[int, str]:
    """The columns whose name is a known one, each role once (note: any number of times)."""
    roles: dict[int, str] = {}
    for i, t in enumerate(names):
        for word, role in COLUMN_ROLES:
            if t != word:
                continue
            if role not in roles.values() or role in MULTI_ROLES:
                roles[i] = role
                break
            if role == "owner_unit" and "co_units" not in roles.values():
                roles[i] = "co_units"  # 牵头单位 | 责任单位: the second one works with it
                break
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
    if _section_lines(row, own_values, stream):
        return
    num = own_values.get("number", "")
    if _is_category_row(num, own_values):
        # a category row: 一 | 基层党建 (its number is a label of its own)
        stream.add(
            num + own_values["text"],
            LineHint(hard_paragraph=True, list_kind=("table", "category"), label_len=len(num)),
        )
        return
    inherited = {
        role: text
        for role, (text, own) in values.items()
        if not own and text and role not in ("number", "category", "text")
    }
    cells = [
        (roles[i], text.strip())
        for i, (text, own) in enumerate(row)
        if i in roles and own and roles[i] != "category"
    ]
    stream.add_row(cells, numbered=numbered, inherited=inherited)


def _section_lines(
    row: list[tuple[str, bool]], own_values: dict[str, str], stream: _Stream
) -> bool:
    """A category cell opens a section (taken out of ``own_values``); a row whose one text
    spans the whole row is a section heading, and nothing else (True)."""
    cat = own_values.pop("category", None)
    row_texts = {t for t, _o in row if t.strip()}
    if cat:
        stream.add(cat, LineHint(style_level=9, hard_paragraph=True))
    if len(row_texts) == 1 and "text" in own_values and len([1 for _t, own in row if own]) == 1:
        stream.add(own_values["text"], LineHint(style_level=9, hard_paragraph=True))
        return True
    return False


def _is_category_row(num: str, own_values: dict[str, str]) -> bool:
    """一 | 基层党建: a Chinese number and a text, nothing else."""
    return bool(
        num
        and re.fullmatch(r"[一二三四五六七八九十]+[、.．]?", num)
        and "text" in own_values
        and len(own_values) == 2
    )
