"""Plain objects of the import pipeline: source lines with offsets, parsed plans, removals."""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass, field
from typing import Any

from models.text import dates


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

    def map_text(self, piece, derived) -> None:  # noqa: ANN001
        """Rewrite every string: ``piece`` for source text in order, ``derived`` for copies."""
        if self.source_fields:  # a table row: its cells in column order
            notes = iter(range(len(self.note_parts)))
            for f in self.source_fields:
                if f == "text":
                    self.text = piece(self.text)
                elif f == "note":
                    k = next(notes, None)
                    if k is not None:
                        i, t = self.note_parts[k]
                        self.note_parts[k] = (i, piece(t))
                else:
                    setattr(self, f, piece(getattr(self, f)))
        else:
            out, last, parts = [], 0, []
            for idx, note in sorted(self.note_parts, key=lambda p: p[0]):
                idx = max(last, min(idx, len(self.text)))
                out.append(piece(self.text[last:idx]))
                parts.append((len("".join(out)), piece(note)))
                last = idx
            out.append(piece(self.text[last:]))
            self.text, self.note_parts = "".join(out), parts
        for key in ("lead_leader", "owner_unit", "co_units", "owner_person", "deadline", "target"):
            if key not in self.source_fields:
                setattr(self, key, derived(getattr(self, key)))

    def with_notes(self) -> str:
        """The task text with its tails where they were written (one line)."""
        out, last = [], 0
        for idx, note in sorted(self.note_parts, key=lambda p: p[0]):
            idx = max(last, min(idx, len(self.text)))
            out += [self.text[last:idx], note]
            last = idx
        out.append(self.text[last:])
        return "".join(out)

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
        out["co_units"] = self.co_units
        for key in ("owner_person", "frequency"):
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

    def map_text(self, piece, derived) -> None:  # noqa: ANN001
        """Rewrite every string in document order (see ParsedTask.map_text)."""
        self.heading = piece(self.heading)
        self.note = piece(self.note)
        self.run_in = piece(self.run_in) if self.run_in else self.run_in
        self.body = piece(self.body)
        for task in self.tasks:
            task.map_text(piece, derived)
        for child in self.children:
            child.map_text(piece, derived)

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


def signing_fields(closing: str) -> dict[str, str]:
    """The closing of the JSON shape, with the 落款 that ends it as 署名 and 成文日期 fields
    (the export writes them as its own 落款: kept in the closing they would print twice)."""
    rest, signer, signed = dates.split_signing(closing)
    out = {
        "closing": rest,
        "signed_by": signer,
        "signed_date": signed.isoformat() if signed else None,
    }
    return {k: v for k, v in out.items() if v}


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
    doc_number_copied: bool = False  # the 文号 stands inside the notice text (a copy here)
    title_in_text: bool = True  # False: the title comes from page metadata (标题：…)
    notice: str = ""  # a cover notice (关于印发…的通知) in front of the plan, as written
    notice_title: str | None = None
    keep_notice: bool = True  # the notice text goes into the stored preamble
    summary: list[ParsedSection] = field(default_factory=list)  # the 总结 part (sections)
    summary_as: str = "preamble"  # "preamble" or "plan" (a separate 总结 plan)
    traditional: bool = False  # written in Traditional script
    part: str = "plan"

    def to_json(self) -> dict[str, Any]:
        """The plan in the JSON shape of ``import --json`` (issue 3)."""
        preamble = [self.notice if self.keep_notice else "", self.preamble]
        if self.summary_as == "preamble":
            preamble.append(self.summary_text())
        out: dict[str, Any] = {
            "title": self.title,
            "year": self.year,
            "organization": self.organization,
            "preamble": "\n".join(p for p in preamble if p),
            "sections": [s.to_json() for s in self.sections],
        }
        if self.tasks:
            out["tasks"] = [t.to_json() for t in self.tasks]
        out.update(signing_fields(self.closing))
        if self.doc_number:
            out["doc_number"] = self.doc_number
        return out

    def summary_text(self) -> str:
        """The 总结 part flattened to lines (headings, bodies and tasks in order)."""
        out: list[str] = []

        def walk(sec: ParsedSection) -> None:
            out.append(sec.heading + sec.note + (sec.run_in or ""))
            out.extend(p for p in sec.body.split("\n") if p)
            out.extend(t.with_notes() for t in sec.tasks)
            for child in sec.children:
                walk(child)

        for sec in self.summary:
            walk(sec)
        return "\n".join(o for o in out if o)

    def summary_plan(self) -> dict[str, Any] | None:
        """The 总结 part as a plan of its own (when the user chose so), else None."""
        if not self.summary or self.summary_as != "plan":
            return None
        title = re.sub(r"(?:及|和|暨|与)?[^及和暨与]*(?:计划|打算|思路|安排|要点)$", "", self.title)
        return {
            "title": title if title and title != self.title else self.title + "（总结部分）",
            "year": self.year - 1 if self.year else None,
            "organization": self.organization,
            "preamble": "",
            "sections": [s.to_json() for s in self.summary],
        }

    def to_json_all(self) -> list[dict[str, Any]]:
        """This plan and, when chosen, its 总结 part as a separate plan."""
        extra = self.summary_plan()
        return [self.to_json()] + ([extra] if extra else [])

    def map_text(self, piece, derived) -> None:  # noqa: ANN001
        """Rewrite every string in the order of ``conservation.document_pieces``."""
        self.notice = piece(self.notice)
        self.notice_title = derived(self.notice_title)
        if self.title_from_source and self.title_in_text:
            self.title = piece(self.title)
        else:
            self.title = derived(self.title)
        if self.doc_number:
            self.doc_number = (derived if self.doc_number_copied else piece)(self.doc_number)
        self.preamble = piece(self.preamble)
        for sec in self.summary:
            sec.map_text(piece, derived)
        for task in self.tasks:
            task.map_text(piece, derived)
        for sec in self.sections:
            sec.map_text(piece, derived)
        self.closing = piece(self.closing)
        self.organization = derived(self.organization)

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
    traditional: bool = False  # the parse read a simplified view (see script.py)
    view: str = ""  # that view: the stream in simplified script, same offsets
    simplified: bool = False  # the documents hold simplified text

    def to_json(self) -> dict[str, Any]:
        """``{"documents": [...]}`` as printed by ``import --json``."""
        return {"documents": [j for d in self.documents for j in d.to_json_all()]}
