"""Plain objects of the import pipeline: source lines with offsets, parsed plans, removals."""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from typing import Any


class Line:
    """A piece of source text that remembers where each character came from.

    ``pos[i]`` is the offset of ``text[i]`` in the source stream, so anything the parser
    removes (noise, numbers, labels) can be recorded exactly and checked later.
    """

    __slots__ = ("text", "pos", "hint")

    def __init__(self, text: str, pos: array, hint: LineHint | None = None) -> None:
        self.text = text
        self.pos = pos
        self.hint = hint

    @classmethod
    def at(cls, text: str, start: int, hint: LineHint | None = None) -> Line:
        """A line whose characters are contiguous in the stream from ``start``."""
        return cls(text, array("q", range(start, start + len(text))), hint)

    def __len__(self) -> int:
        return len(self.text)

    def __repr__(self) -> str:
        return f"Line({self.text!r})"

    def slice(self, i: int, j: int | None = None) -> Line:
        """Characters i..j (like str slicing), keeping their offsets and the hint."""
        return Line(self.text[i:j], self.pos[i:j], self.hint)

    def cut(self, spans: list[tuple[int, int]]) -> Line:
        """The line without the given (start, end) spans (sorted, non-overlapping)."""
        if not spans:
            return self
        parts_t: list[str] = []
        parts_p = array("q")
        last = 0
        for a, b in spans:
            parts_t.append(self.text[last:a])
            parts_p.extend(self.pos[last:a])
            last = b
        parts_t.append(self.text[last:])
        parts_p.extend(self.pos[last:])
        return Line("".join(parts_t), parts_p, self.hint)

    def strip(self) -> Line:
        """Without leading and trailing whitespace."""
        text = self.text
        a = len(text) - len(text.lstrip())
        b = len(text.rstrip())
        if a == 0 and b == len(text):
            return self
        return self.slice(a, b)

    def translate(self, text: str) -> Line:
        """Same offsets, characters replaced one for one (punctuation normalisation)."""
        assert len(text) == len(self.text)
        return Line(text, self.pos, self.hint)

    @staticmethod
    def concat(lines: list[Line]) -> Line:
        """The lines joined in one pass (repeated :meth:`join` copies quadratically)."""
        if len(lines) == 1:
            return lines[0]
        pos = array("q")
        for line in lines:
            pos.extend(line.pos)
        hint = next((line.hint for line in lines if line.hint), None)
        return Line("".join(line.text for line in lines), pos, hint)

    def join(self, other: Line) -> Line:
        """This line followed by ``other`` (hard line break removed)."""
        pos = array("q", self.pos)
        pos.extend(other.pos)
        return Line(self.text + other.text, pos, self.hint or other.hint)


@dataclass(slots=True)
class LineHint:
    """What a reader knows about a line beyond its text (Word styles, lists, tables)."""

    style_level: int | None = None  # Heading 1..9 / 标题 1..9
    is_title: bool = False  # the Word "Title" style
    list_kind: tuple | None = None  # Word auto-numbering: (format signature, ilvl)
    label_len: int = 0  # length of a rendered Word number at the line start
    row: TableRow | None = None  # a row of a task table
    hard_paragraph: bool = False  # a real paragraph (docx): never joined to the next
    table_header: bool = False  # the header row of a task table (not content)


@dataclass(slots=True)
class TableRow:
    """One row of a 任务分解表: (role, start, end) spans of the cells this row owns.

    ``inherited`` holds field values taken from merged cells above (not new source text).
    """

    cells: list[tuple[str, int, int]] = field(default_factory=list)
    inherited: dict[str, str] = field(default_factory=dict)
    numbered: bool = False


@dataclass(slots=True)
class Removal:
    """Source characters the parser dropped, and why (noise, numbering, toc …)."""

    kind: str
    text: str
    pos: array


@dataclass(slots=True)
class ParsedTask:
    """A task as recognised: text without its label, tail moved to the note."""

    text: str
    note_parts: list[tuple[int, str]] = field(default_factory=list)  # (index in text, tail)
    lead_leader: str | None = None
    owner_unit: str | None = None
    co_units: str | None = None
    owner_person: str | None = None
    deadline: str | None = None
    target: str | None = None
    frequency: str | None = None
    # a task-table row: the roles of its own cells in column order ("text", "note", fields)
    source_fields: tuple[str, ...] = ()

    @property
    def note(self) -> str:
        """The responsibility tail(s) and note cells as written, one per line."""
        return "\n".join(t for _i, t in self.note_parts)

    def to_json(self) -> dict[str, Any]:
        """The task in the JSON shape of ``import --json``."""
        out: dict[str, Any] = {
            "text": self.text,
            "deadline": self.deadline,
            "target": self.target,
            "owner_unit": self.owner_unit,
            "lead_leader": self.lead_leader,
        }
        for key in ("co_units", "owner_person", "frequency"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        if self.note_parts:
            out["note"] = self.note
        return out


@dataclass(slots=True)
class ParsedSection:
    """A section: heading without number, run-in mark, body, tasks, sub-sections."""

    heading: str
    level: int
    run_in: str | None = None
    body: str = ""
    task_style: str | None = None
    tasks: list[ParsedTask] = field(default_factory=list)
    children: list[ParsedSection] = field(default_factory=list)
    note: str = ""
    kind: tuple | None = None  # numbering pattern that introduced it (internal)

    def to_json(self) -> dict[str, Any]:
        """The section in the JSON shape of ``import --json``."""
        out: dict[str, Any] = {
            "heading": self.heading,
            "level": self.level,
            "body": self.body,
            "task_style": self.task_style,
            "run_in": self.run_in,
            "tasks": [t.to_json() for t in self.tasks],
            "children": [c.to_json() for c in self.children],
        }
        if self.note:
            out["note"] = self.note
        return out


@dataclass(slots=True)
class ParsedDocument:
    """One plan found in a file."""

    title: str
    year: int | None = None
    organization: str | None = None
    preamble: str = ""
    closing: str = ""
    sections: list[ParsedSection] = field(default_factory=list)
    tasks: list[ParsedTask] = field(default_factory=list)  # tasks before any heading
    title_from_source: bool = True
    doc_number: str | None = None  # 文号, e.g. 华政发〔2021〕2号

    def to_json(self) -> dict[str, Any]:
        """The plan in the JSON shape of ``import --json`` (issue 3)."""
        out: dict[str, Any] = {
            "title": self.title,
            "year": self.year,
            "organization": self.organization,
            "preamble": self.preamble,
            "sections": [s.to_json() for s in self.sections],
        }
        if self.tasks:
            out["tasks"] = [t.to_json() for t in self.tasks]
        if self.closing:
            out["closing"] = self.closing
        if self.doc_number:
            out["doc_number"] = self.doc_number
        return out

    def iter_sections(self):
        """Every section, depth first."""
        stack = list(reversed(self.sections))
        while stack:
            sec = stack.pop()
            yield sec
            stack.extend(reversed(sec.children))

    def count(self) -> tuple[int, int]:
        """(sections, tasks) in this plan."""
        secs = list(self.iter_sections())
        return len(secs), len(self.tasks) + sum(len(s.tasks) for s in secs)


@dataclass(slots=True)
class ImportResult:
    """What a file turned into: the plans, plus what was dropped and the text it came from."""

    path: str
    stream: str  # the source text the offsets refer to
    documents: list[ParsedDocument] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)
    encoding: str | None = None

    def to_json(self) -> dict[str, Any]:
        """``{"documents": [...]}`` as printed by ``import --json``."""
        return {"documents": [d.to_json() for d in self.documents]}
