"""Structure recognition: lines of source text → plans of sections and tasks."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from models.errors import Cancelled
from models.importing import patterns as P
from models.importing import tails as T
from models.importing import wrapper as W
from models.importing.model import (
    Line,
    ParsedDocument,
    ParsedSection,
    ParsedTask,
    Removal,
)
from models.importing.noise import remove_noise
from models.importing.texttable import read_text_tables
from models.text import years as Y

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None] | None
ShouldCancel = Callable[[], bool] | None

YEAR_RE = re.compile(rf"({Y.YEAR})\s*年")
TITLE_WORDS_RE = re.compile(
    r"工作计划|工作要点|工作安排|工作思路|工作打算|实施方案|工作方案|"
    r"计划|要点|工作任务|通知|"
    r"安排|方案|打算|总结|意见|任务分解|任务清单|分解表|责任清单|报告"
)
SERIES_SUFFIX_RE = re.compile(r"[（(][一二三四五六七八九十]{1,3}[)）]$")
ORG_SUFFIX_RE = re.compile(
    r"(镇|乡|街道|街道办事处|办事处|村|社区|县|区|市|州|旗|局|委|办|"
    r"政府|委员会|"
    r"办公室|中心|站|所|院|队|部|处|科|厅|署|会|党委|党组|支部|公司|集团|学校)$"
)
TOC_RE = re.compile(r"^目\s*录\s*[:：]?$")
TOC_TAIL_RE = re.compile(r"[\s.…·．。\-—_]*\d{0,4}\s*$")
SERIES_RE = re.compile(
    r"^[【\[]?\s*(?:篇|第|范文)\s*([一二三四五六七八九十\d]{1,3})\s*篇?\s*"
    r"[】\]]?\s*[：:、.．]?\s*"
)
OUTLINE_RE = re.compile(r"^(?:文章|全文)?提纲\s*[:：]?")
DATE_LINE_RE = re.compile(
    rf"^{Y.YEAR}\s*年\s*"
    r"[\d一二三四五六七八九十]{1,3}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日$"
)
FIRST_LINE_TITLE_RE = re.compile(
    r"^(.{4,60}?(?:工作计划|工作要点|工作安排|实施方案|工作方案|计划|要点|方案|安排|打算|思路))"
    r"(?=\s|一、|（一）|第一|1[.．、])"
)


PLAN_WORDS = r"\s*度?\s*(?:工作)?\s*(?:计划|要点|安排|方案|打算|思路|谋划|任务)"


def _year(text: str) -> int | None:
    # "2019年工作总结和2020年工作计划": the year of the plan, not of the summary
    return Y.first_year(text, PLAN_WORDS) or Y.first_year(text)


def organization_of(title: str) -> str | None:
    """The 单位 in a title: 'XX镇2024年工作计划' → 'XX镇'; None when the title names none."""
    t = re.sub(r"^关于(?:印发)?", "", title.strip())
    m = YEAR_RE.search(t)
    prefix = t[: m.start()] if m else ""
    if not m:
        w = TITLE_WORDS_RE.search(t)
        prefix = t[: w.start()] if w else ""
    prefix = re.sub(r"(关于印发|关于|《)$", "", prefix.strip()).strip(' 《“"')
    prefix = re.sub(r"(?:年度|全年)?(?:工作)?$", "", prefix)
    if not prefix or len(prefix) < 2 or len(prefix) > 40 or not ORG_SUFFIX_RE.search(prefix):
        return None
    return prefix


def is_title_like(text: str) -> bool:
    """A short line that names a plan (…2024年工作计划, …工作要点)."""
    t = text.strip()
    if not t or len(t) > 60 or P.ends_sentence(t) or t.endswith(("，", "：", "、")):
        return False
    if P.match_number(t) is not None:
        return False
    return bool(TITLE_WORDS_RE.search(t)) and (bool(YEAR_RE.search(t)) or len(t) <= 40)


# ---------------------------------------------------------------- drafts
@dataclass(slots=True, eq=False)
class _Draft:
    """A section while the document is being read."""

    kind: tuple | None
    rest: Line | None  # heading line without its number
    forced: bool = False  # a Word heading style: never a task
    entries: list[tuple[str, Line]] = field(default_factory=list)
    children: list[_Draft] = field(default_factory=list)
    bullet: bool = False


class _Builder:
    """Reads the lines of one plan in order and builds the draft tree."""

    def __init__(self, removed: list[Removal], strict_wrap: int | None) -> None:
        self.removed = removed
        self.root = _Draft(None, None)
        self.kinds: list[tuple] = []
        self.drafts: list[_Draft] = []
        self.counters: dict[tuple, int] = {}
        self.wrap = strict_wrap
        self.prev_ended = True
        # a "二、" heading exists further down: a first line "一坚定不移…" lost its 、
        self.second_dun = False

    # -- numbering state
    def expected(self, kind: tuple) -> int:
        return self.counters.get(kind, 0) + 1 if kind in self.kinds else 1

    def plausible(self, nm: P.NumberMatch, *, inline: bool) -> bool:
        exp = self.expected(nm.kind)
        if nm.kind[0] == "ar_space" and (inline or not self.prev_ended):
            return False  # "4 加强…" only as a line of its own after a finished sentence
        if inline:
            if nm.kind in self.kinds:
                return nm.value == exp
            return nm.value == 1 and nm.kind[0] in (
                "cn_dun",
                "cn_paren",
                "part",
                "chapter",
                "ar_dot",
                "ar_dun",
                "ar_paren",
            )
        if not self.prev_ended:
            return nm.value == exp
        if nm.kind in self.kinds:
            return exp - 1 <= nm.value <= exp + 1 and nm.value >= 1
        return nm.value == 1 or (not self.kinds and nm.value <= 2)

    def current(self) -> _Draft:
        return self.drafts[-1] if self.drafts else self.root

    def open_heading(
        self,
        kind: tuple,
        value: int,
        line: Line,
        length: int,
        *,
        forced: bool = False,
        bullet: bool = False,
    ) -> _Draft:
        if length:
            num = line.slice(0, length)
            self.removed.append(Removal("numbering", num.text, num.pos))
        if kind in self.kinds:
            idx = self.kinds.index(kind)
            for k in self.kinds[idx + 1 :]:
                self.counters.pop(k, None)
            del self.kinds[idx:]
            del self.drafts[idx:]
        parent = self.current()
        draft = _Draft(kind, line.slice(length).strip(), forced=forced, bullet=bullet)
        parent.children.append(draft)
        self.kinds.append(kind)
        self.drafts.append(draft)
        self.counters[kind] = value
        return draft

    # -- one line (or the remainder of a split line)
    def feed(self, line: Line, *, inline: bool = False) -> None:
        hint = line.hint
        if hint is not None and hint.row is not None:
            self.current().entries.append(("row", line))
            self.prev_ended = True
            return
        text = line.text
        if T.is_tail_line(text):
            self.current().entries.append(("tail", line))
            self.prev_ended = True
            return
        start = 0
        if hint is not None and (hint.list_kind is not None or hint.style_level):
            nm = P.match_number(text) if hint.list_kind is None else None
            if hint.list_kind is not None:
                kind = ("list", *hint.list_kind)
                value = self.expected(kind)
                length = hint.label_len
                bullet = hint.label_len == 0
            elif nm is not None:
                kind, value, length, bullet = nm.kind, nm.value, nm.length, False
            else:
                kind, value, length, bullet = ("style", hint.style_level), 1, 0, False
            draft = self.open_heading(
                kind, value, line, length, forced=bool(hint.style_level), bullet=bullet
            )
            start = 0
            body = draft.rest
            draft.rest = body
            self.prev_ended = True
            self._split_rest(draft)
            return
        nm = P.match_number(text)
        if nm is not None and not self.plausible(nm, inline=inline):
            nm = None
        if (
            nm is None
            and self.prev_ended
            and (("cn_dun",) in self.kinds or (self.second_dun and not self.kinds))
        ):
            exp = self.expected(("cn_dun",))
            lost = P.match_lost_dun(text, exp) if exp > 1 or self.second_dun else None
            if lost is not None and self._heading_shaped(text[lost.length :]):
                nm = lost
        if nm is None:
            # a paragraph; it may still hold inline headings (a plan pasted on one line)
            cut = self._inline_heading(text, start)
            if cut is not None:
                self._add_para(line.slice(0, cut))
                self.feed(line.slice(cut).strip(), inline=True)
                return
            self._add_para(line)
            return
        draft = self.open_heading(nm.kind, nm.value, line, nm.length)
        self.prev_ended = True
        self._split_rest(draft)

    def _split_rest(self, draft: _Draft) -> None:
        rest = draft.rest
        if rest is None or not rest.text:
            return
        cut = self._inline_heading(rest.text, 0)
        if cut is not None:
            draft.rest = rest.slice(0, cut).strip()
            self.feed(rest.slice(cut).strip(), inline=True)

    def _heading_shaped(self, text: str) -> bool:
        t = text.strip()
        if len(t) <= 30 and not P.ends_sentence(t):
            return True
        k = _first_mark(t)
        return k is not None and k <= 40

    def _inline_heading(self, text: str, start: int) -> int | None:
        """Where the next inline heading starts (after a sentence end or a space), or None."""
        for i in range(max(start, 1), len(text)):
            prev = text[i - 1]
            if not (
                prev in P.TERMINAL
                or prev.isspace()
                or (prev in P.CLOSERS and i >= 2 and text[i - 2] in P.TERMINAL)
            ):
                continue
            ch = text[i]
            if ch not in "一二三四五六七八九十（(第123456789①②③④⑤⑥⑦⑧⑨⑩":
                continue
            nm = P.match_number(text, i)
            if nm is None:
                continue
            if nm.kind[0] == "ar_half":
                continue
            if self._plausible_after_split(nm):
                return i
        return None

    def _plausible_after_split(self, nm: P.NumberMatch) -> bool:
        return self.plausible(nm, inline=True)

    def _add_para(self, line: Line) -> None:
        line = line.strip()
        if not line.text:
            return
        self.current().entries.append(("para", line))
        self.prev_ended = P.ends_sentence(line.text) or line.text.endswith("：")


RUN_IN_MAX = 30  # longest first sentence still read as a run-in heading of a numbered item


def _first_mark(text: str) -> int | None:
    """Index of the first 。：！？； outside brackets and quotes (the end of a run-in heading)."""
    depth = 0
    quote = False
    for i, ch in enumerate(text):
        if ch in "（(":
            depth += 1
        elif ch in "）)" and depth:
            depth -= 1
        elif ch == "“":
            quote = True
        elif ch == "”":
            quote = False
        elif ch in P.RUN_IN_MARKS and depth == 0 and not quote:
            return i
    return None


# ---------------------------------------------------------------- turning drafts into sections
def _make_task(line: Line, removed: list[Removal]) -> ParsedTask | None:
    """A task from a piece of text: tails cut out into the note, hints filled in."""
    line = line.strip()
    if not line.text:
        return None
    spans = T.tail_spans(line.text)
    notes: list[tuple[int, str]] = []
    fields: dict[str, str] = {}
    if spans:
        shift = 0
        for a, b in spans:
            tail = line.text[a:b]
            notes.append((a - shift, P.collapse_spaces(tail)))
            for k, v in T.parse_tail(tail).items():
                fields.setdefault(k, v)
            shift += b - a
        line = line.cut(spans)
    text = line.text
    # indices were computed on the uncollapsed text; map them to the collapsed one
    notes = [
        (
            len(P.collapse_spaces(text[:i]).rstrip())
            if i < len(text.rstrip())
            else len(P.collapse_spaces(text)),
            t,
        )
        for i, t in notes
    ]
    task = ParsedTask(text=P.collapse_spaces(text), note_parts=notes)
    if not task.text and not notes:
        return None
    for k, v in fields.items():
        setattr(task, k, v)
    _hints(task)
    return task


def _hints(task: ParsedTask) -> None:
    if not task.deadline:
        task.deadline = T.deadline_hint(task.text)
    if not task.target:
        task.target = T.target_hints(task.text)
    if not task.frequency:
        task.frequency = T.frequency_hint(task.text + task.note)


def _attach_tail(tasks: list[ParsedTask], line: Line) -> bool:
    if not tasks:
        return False
    task = tasks[-1]
    tail = P.collapse_spaces(line.text)
    task.note_parts.append((len(task.text), tail))
    for k, v in T.parse_tail(tail).items():
        if not getattr(task, k):
            setattr(task, k, v)
    return True


def _row_task(line: Line, removed: list[Removal]) -> ParsedTask | None:
    """A task from a row of a task table; every own cell goes to one field, in column order."""
    row = line.hint.row  # type: ignore[union-attr]
    task = ParsedTask(text="")
    order: list[str] = []
    for role, a, b in row.cells:  # type: ignore[union-attr]
        value = P.collapse_spaces(line.text[a:b])
        if role == "number":
            piece = line.slice(a, b)
            removed.append(Removal("numbering", piece.text, piece.pos))
            continue
        if role == "text":
            task.text = value
        elif role == "note":
            task.note_parts.append((len(task.text), value))
        elif getattr(task, role):
            continue  # a role appears once per header (readers.column_roles)
        else:
            setattr(task, role, value)
        order.append(role)
    for k, v in row.inherited.items():  # type: ignore[union-attr]
        if not getattr(task, k):
            setattr(task, k, v)
    task.source_fields = tuple(order)
    if not task.text and not order:
        return None
    _hints(task)
    return task


def _is_task_like(d: _Draft) -> bool:
    """A numbered item that reads as one task (one sentence, or carries a tail), no children."""
    if d.forced or d.children or d.rest is None:
        return False
    if any(kind != "tail" for kind, _l in d.entries):
        return False
    text = d.rest.text
    if not text:
        return False
    spans = T.tail_spans(text)
    if spans or any(kind == "tail" for kind, _l in d.entries):
        bare = "".join(
            text[b:c]
            for b, c in zip(
                [0] + [e for _s, e in spans], [s for s, _e in spans] + [len(text)], strict=True
            )
        )
        if len(P.split_sentences(bare)) <= 1:
            return True
    if d.bullet:
        return True
    k = _first_mark(text)
    if k is None:
        return True
    # several sentences: a short first one is a run-in heading ("抓好学习。每月…"),
    # a long one is no heading, so the whole item is one task
    return len(P.split_sentences(text)) <= 1 or k > RUN_IN_MAX


def _finish(d: _Draft, level: int, removed: list[Removal]) -> ParsedSection:
    sec = _finish_section(d, level, removed)
    # "牵头领导：张三" or "（县委办牵头）" right under a heading holds for all its tasks
    fields: dict[str, str] = T.parse_tail(sec.note) if sec.note else {}
    for kind, line in d.entries:
        if kind != "tail":
            break
        for k, v in T.parse_tail(P.collapse_spaces(line.text)).items():
            fields.setdefault(k, v)
    if fields:
        _carry_down(sec, fields)
    return sec


def _carry_down(sec: ParsedSection, fields: dict[str, str]) -> None:
    for task in sec.tasks:
        for k, v in fields.items():
            if not getattr(task, k):
                setattr(task, k, v)
    for child in sec.children:
        _carry_down(child, fields)


def _finish_section(d: _Draft, level: int, removed: list[Removal]) -> ParsedSection:
    sec = ParsedSection(heading="", level=level, kind=d.kind)
    content = _heading_and_run_in(sec, d)
    _heading_tail_as_note(sec)
    content.extend(d.entries)
    _lead_tails_as_note(sec, content)
    # numbered children that are really tasks become this section's tasks
    kinds = {c.kind for c in d.children}
    task_children = (
        len(kinds) == 1 and level >= 1 and d.children and all(_is_task_like(c) for c in d.children)
    )
    if task_children:
        _children_as_tasks(sec, d, removed)
        sec.body = _join_paras(content, sec, removed)
        return sec
    if d.children:
        _body_of_parent(sec, content, removed)
        sec.children = [_finish(c, level + 1, removed) for c in d.children]
        return sec
    _leaf_content(sec, content, removed)
    return sec


def _heading_and_run_in(sec: ParsedSection, d: _Draft) -> list[tuple[str, Line]]:
    """Set the heading (and the run-in mark) from the heading line; returns the text that
    followed it on that line as the first content."""
    content: list[tuple[str, Line]] = []
    rest = d.rest
    ws = re.search(r"\s", rest.text) if rest is not None and not d.forced else None
    k0 = _first_mark(rest.text) if rest is not None else None
    if (
        rest is not None
        and ws is not None
        and (k0 is None or ws.start() < k0)
        and 2 <= ws.start() <= 30
        and len(rest.text) - ws.end() >= 10
    ):
        # "一、背景与目标 随着城市化…": a heading ended by a space (text pasted on one line)
        sec.heading = P.collapse_spaces(rest.text[: ws.start()])
        content.append(("para", rest.slice(ws.end()).strip()))
    elif rest is not None and rest.text:
        k = k0
        if (
            k is not None
            and not d.forced
            or (d.forced and k is not None and k == len(rest.text.rstrip(P.CLOSERS)) - 1)
        ):
            sec.heading = P.collapse_spaces(rest.text[:k])
            sec.run_in = rest.text[k]
            after = rest.slice(k + 1).strip()
            if after.text:
                content.append(("para", after))
        else:
            sec.heading = P.collapse_spaces(rest.text)
    return content


def _heading_tail_as_note(sec: ParsedSection) -> None:
    """ "一、加强党建（县委组织部牵头）": the tail is the section's note, not its heading."""
    spans = T.tail_spans(sec.heading)
    if spans and spans[-1][1] == len(sec.heading) and spans[-1][0] >= 2:
        a = spans[-1][0]
        sec.heading, sec.note = sec.heading[:a].rstrip(), sec.heading[a:]


def _lead_tails_as_note(sec: ParsedSection, content: list[tuple[str, Line]]) -> None:
    """Responsibility lines right under the heading ("（县委办牵头）") are the section's, like
    a tail on the heading itself: they stay beside the heading, before the body and its
    tasks (taken out of ``content``)."""
    lead = 0
    while not sec.run_in and lead < len(content) and content[lead][0] == "tail":
        lead += 1
    if lead:
        lines = [P.collapse_spaces(line.text) for _kind, line in content[:lead]]
        sec.note = "\n".join(p for p in [sec.note, *lines] if p)
        del content[:lead]


def _children_as_tasks(sec: ParsedSection, d: _Draft, removed: list[Removal]) -> None:
    """Numbered children that read as tasks: the section's tasks, with their tails."""
    for c in d.children:
        task = _make_task(c.rest, removed)  # type: ignore[arg-type]
        if task is None:
            continue
        for kind, line in c.entries:
            if kind == "tail":
                _attach_tail([task], line)
        sec.tasks.append(task)
    sec.task_style = "paragraphs" if d.children[0].bullet else "numbered"


def _body_of_parent(
    sec: ParsedSection, content: list[tuple[str, Line]], removed: list[Removal]
) -> None:
    """The text of a section with subsections: 一是/二是 clauses are its tasks, else body."""
    joined, tails = _paras_and_tails(content)
    labels = P.yishi_labels(joined.text) if joined is not None else []
    if labels:
        _yishi(sec, joined, labels, tails, removed)  # type: ignore[arg-type]
        for kind, line in content:
            if kind == "row":
                task = _row_task(line, removed)
                if task is not None:
                    sec.tasks.append(task)
    else:
        sec.body = _join_paras(content, sec, removed)


def _concat(paras: list[Line]) -> Line | None:
    if not paras:
        return None
    return Line.concat(paras)  # linear: one join per paragraph was quadratic


def _join_paras(content: list[tuple[str, Line]], sec: ParsedSection, removed: list[Removal]) -> str:
    """Everything written under a heading that is not a task: the body (tails kept as text)."""
    parts = []
    for kind, line in content:
        if kind == "row":
            task = _row_task(line, removed)
            if task is not None:
                sec.tasks.append(task)
            continue
        parts.append(P.collapse_spaces(line.text))
    return "\n".join(p for p in parts if p)


def _paras_and_tails(content: list[tuple[str, Line]]) -> tuple[Line | None, list[tuple[int, Line]]]:
    """The paragraphs joined into one line, and each tail line with the offset it follows."""
    paras: list[Line] = []
    length = 0
    tails: list[tuple[int, Line]] = []
    for kind, line in content:
        if kind == "para":
            paras.append(line)
            length += len(line.text)
        elif kind == "tail":
            tails.append((length, line))
    return (Line.concat(paras) if paras else None), tails


def _yishi(
    sec: ParsedSection,
    joined: Line,
    labels: list[tuple[int, int, int]],
    tails: list[tuple[int, Line]],
    removed: list[Removal],
) -> None:
    spans: list[tuple[int, ParsedTask]] = []
    starts: dict[int, int] = {}  # id(task) → where its text starts in ``joined``
    # sentences before 一是 are tasks too; a lead-in ending in ： is the body
    head = joined.slice(0, labels[0][0])
    body_end = 0  # the body is a prefix of the text (it stands before the tasks)
    for a, b in P.split_sentences(head.text):
        piece = head.slice(a, b)
        if piece.text.rstrip().endswith(("：", ":")) and not sec.tasks:
            body_end = b
            continue
        task = _make_task(piece, removed)
        if task is not None:
            sec.tasks.append(task)
            spans.append((a, task))
            starts[id(task)] = a
    for i, (a, b, _v) in enumerate(labels):
        lab = joined.slice(a, b)
        removed.append(Removal("numbering", lab.text, lab.pos))
        end = labels[i + 1][0] if i + 1 < len(labels) else len(joined.text)
        task = _make_task(joined.slice(b, end), removed)
        if task is not None:
            sec.tasks.append(task)
            spans.append((a, task))
            starts[id(task)] = b
    # a tail line belongs to the task above it; one above every task stays in the body,
    # where it was written
    parts: list[str] = []
    last = 0
    line_notes: set[int] = set()
    for off, line in tails:
        owners = [(a, t) for a, t in spans if a < off]
        if owners:
            a, task = owners[-1]
            _attach_tail([task], line)
            # written in the middle of the clause: the note stands where it was
            before = joined.text[starts[id(task)] : off]
            _idx, note = task.note_parts.pop()
            idx = _text_index(task.text, before)
            # after earlier tail lines at the same place, before tails found in later text
            at = next(
                (
                    k
                    for k, part in enumerate(task.note_parts)
                    if part[0] > idx or (part[0] == idx and id(part) not in line_notes)
                ),
                len(task.note_parts),
            )
            entry = (idx, note)
            line_notes.add(id(entry))
            task.note_parts.insert(at, entry)
            continue
        cut = min(off, body_end)
        parts.append(P.collapse_spaces(head.text[last:cut]))
        parts.append(P.collapse_spaces(line.text))
        last = max(last, cut)
    parts.append(P.collapse_spaces(head.text[last:body_end]))
    sec.body = "\n".join(p for p in parts if p)
    sec.task_style = "yishi"


def _text_index(task_text: str, source_before: str) -> int:
    """Where in a task's text the source up to a point ends (labels and spaces dropped)."""
    want = P.fold(source_before)
    got = 0
    for i, ch in enumerate(task_text):
        if got >= len(want):
            return i
        if P.fold(ch):
            got += len(P.fold(ch))
    return len(task_text)


def _lone_yishi(content: list[tuple[str, Line]]) -> list[tuple[int, int, int]]:
    """A paragraph that starts with 一是 (its 二是 cut off or never written): one clause."""
    offset = 0
    for kind, line in content:
        if kind != "para":
            continue
        if line.text.startswith("一是") and "二是" not in line.text:
            return [(offset, offset + 2, 1)]
        offset += len(line.text)
    return []


def _leaf_content(
    sec: ParsedSection, content: list[tuple[str, Line]], removed: list[Removal]
) -> None:
    rows = [line for kind, line in content if kind == "row"]
    joined, tails = _paras_and_tails(content)
    labels = P.yishi_labels(joined.text) if joined is not None and not rows else []
    if not labels and joined is not None and not rows:
        labels = _lone_yishi(content)
    if labels:
        _yishi(sec, joined, labels, tails, removed)  # type: ignore[arg-type]
        return
    if rows:
        paras = [line for kind, line in content if kind == "para"]
        sec.body = "\n".join(P.collapse_spaces(p.text) for p in paras)
        numbered = False
        for kind, line in content:
            if kind == "row":
                task = _row_task(line, removed)
                if task is not None:
                    sec.tasks.append(task)
                    numbered = numbered or line.hint.row.numbered  # type: ignore[union-attr]
            elif kind == "tail" and not _attach_tail(sec.tasks, line):
                sec.body = (sec.body + "\n" + P.collapse_spaces(line.text)).strip()
        sec.task_style = "numbered" if numbered else "paragraphs"
        return
    per_para: list[int] = []
    for kind, line in content:
        if kind == "tail":
            if not _attach_tail(sec.tasks, line):
                sec.body = (sec.body + "\n" + P.collapse_spaces(line.text)).strip()
            continue
        n = 0
        for task in _sentence_tasks(line, removed):
            sec.tasks.append(task)
            n += 1
        per_para.append(n)
    if sec.tasks:
        sec.task_style = (
            "paragraphs" if len(per_para) > 1 and all(n == 1 for n in per_para) else "sentences"
        )


def _sentence_tasks(line: Line, removed: list[Removal]) -> list[ParsedTask]:
    """The sentences of a paragraph as tasks; a tail stays with the sentence it follows."""
    text = line.text
    tails = T.tail_spans(text)
    masked = list(text)
    for a, b in tails:  # a tail's own ； must never split
        for i in range(a, b):
            masked[i] = "X"
    merged: list[tuple[int, int]] = []
    for a, b in P.split_sentences("".join(masked)):
        if merged and _only_tail(text, a, b, tails):
            merged[-1] = (merged[-1][0], b)
            continue
        lead = a + len(text[a:b]) - len(text[a:b].lstrip())
        tail = next((t for t in tails if t[0] == lead and t[1] < b), None)
        if merged and tail is not None:
            # "…评价。（区卫健委负责）严格…": the tail closes the sentence before it
            merged[-1] = (merged[-1][0], tail[1])
            a = tail[1]
        merged.append((a, b))
    out = []
    for a, b in merged:
        task = _make_task(line.slice(a, b), removed)
        if task is not None:
            out.append(task)
    return out


def _only_tail(text: str, a: int, b: int, tails: list[tuple[int, int]]) -> bool:
    rest = text[a:b]
    inside = False
    for ta, tb in tails:
        if ta < b and tb > a:
            inside = True
            rest = rest.replace(text[max(ta, a) : min(tb, b)], "")
    return inside and not rest.strip(" 。；，")


# ---------------------------------------------------------------- documents
def _wrap_width(lines: list[Line]) -> int | None:
    """The width a PDF copy was hard-wrapped at, if most long lines share one length."""
    lengths = [len(line.text) for line in lines if len(line.text) >= 15]
    if len(lengths) < 4:
        return None
    best, best_count = None, 0
    for w in set(lengths):
        count = sum(1 for n in lengths if w - 2 <= n <= w + 1)
        if count > best_count:
            best, best_count = w, count
    if best_count >= 3 and best_count >= 0.3 * len(lengths):
        return best
    return None


def _join_breaks(lines: list[Line], first: int) -> list[Line]:
    """Join hard line breaks in the middle of sentences (text copied from PDFs)."""
    wrap = _wrap_width(lines[first:])
    out: list[Line] = lines[:first]
    for line in lines[first:]:
        if out and len(out) > first and _continues(out[-1], line, wrap):
            out[-1] = out[-1].join(line)
        else:
            out.append(line)
    return out


def _continues(prev: Line, nxt: Line, wrap: int | None) -> bool:
    # a Word paragraph ends for real; only its soft line breaks (w:br) may be joined
    if (prev.hint is not None and (prev.hint.hard_paragraph or prev.hint.row is not None)) or (
        nxt.hint is not None
        and (nxt.hint.row is not None or nxt.hint.style_level or nxt.hint.list_kind is not None)
    ):
        return False
    a, b = prev.text.rstrip(), nxt.text.lstrip()
    if not a or not b:
        return False
    if P.ends_sentence(a) or a.endswith(("：", ":")) or T.is_tail_line(b):
        return False
    if P.YISHI_RE.match(b):
        return False
    if b[0] in "，、；。：）”":
        return True
    if re.fullmatch(r"\d{1,6}(?:\.\d+)?", b) or (
        re.search(r"[\u4e00-\u9fff]\s*\d{1,6}(?:\.\d+)?$", a) and P.CJK_RE.match(b[0])
    ):
        return True  # a count that a PDF put on its own line (noise.remove_noise kept it)
    nm_b = P.match_number(b)
    if nm_b is not None:
        return False
    nm_a = P.match_number(a)
    body_a = a[nm_a.length :] if nm_a is not None else a
    # a heading on its own line (short, no sentence mark inside) ends its line
    heading_only = _first_mark(body_a) is None and (
        nm_a is not None or (len(a) <= 30 and "，" not in a)
    )
    if heading_only or is_title_like(a):
        return wrap is not None and len(a) >= wrap - 2
    return True


def _split_documents(lines: list[Line], removed: list[Removal]) -> list[list[Line]]:
    """A compilation (汇编) with a 目录 becomes one list of lines per plan."""
    toc = next((i for i, line in enumerate(lines[:60]) if TOC_RE.match(line.text.strip())), None)
    if toc is not None:
        entries: list[str] = []
        j = toc + 1
        while j < len(lines):
            raw = lines[j].text.strip()
            title = _toc_title(raw)
            if (
                not title
                or len(raw) > 80
                or (entries and P.fold(title) in {P.fold(e) for e in entries})
            ):
                break
            entries.append(title)
            j += 1
        starts = _find_titles(lines, j, entries)
        if len(entries) >= 1 and starts:
            for line in lines[:j]:
                kind = "toc" if lines.index(line) >= toc else "compilation"
                removed.append(Removal(kind, line.text, line.pos))
            docs = []
            bounds = starts + [len(lines)]
            if starts[0] > j:
                docs.append(lines[j : starts[0]])
            for a, b in zip(bounds, bounds[1:], strict=False):
                docs.append(lines[a:b])
            return docs
    return _split_by_titles(lines, removed)


def _toc_title(raw: str) -> str:
    text = raw
    nm = P.match_number(text)
    if nm is not None:
        text = text[nm.length :]
    m = SERIES_RE.match(text)
    if m:
        text = text[m.end() :]
    return TOC_TAIL_RE.sub("", text).strip()


def _find_titles(lines: list[Line], start: int, entries: list[str]) -> list[int]:
    found: list[int] = []
    i = start
    for entry in entries:
        key = P.fold(entry)
        while i < len(lines) and P.fold(_toc_title(lines[i].text.strip())) != key:
            i += 1
        if i >= len(lines):
            return found if len(found) >= 2 else []
        found.append(i)
        i += 1
    return found


def _split_by_titles(lines: list[Line], removed: list[Removal]) -> list[list[Line]]:
    """Split where a new plan's title (or a 篇一/篇二 marker) follows a plan's content."""
    docs: list[list[Line]] = [[]]
    seen_heading = False
    in_attachments = False
    prev = ""
    for line in lines:
        text = line.text.strip()
        m = SERIES_RE.match(text)
        if m and (m.end() == len(text) or is_title_like(text[m.end() :])):
            mark = line.slice(0, m.end() + (len(line.text) - len(line.text.lstrip())))
            removed.append(Removal("label", mark.text, mark.pos))
            rest_key = P.fold(text[m.end() :])
            if len(docs[-1]) == 1 and rest_key and P.fold(docs[-1][0].text) == rest_key:
                # the page title repeated by "第一篇：<title>": keep only the second one
                only = docs[-1].pop()
                removed.append(Removal("duplicate", only.text, only.pos))
            if docs[-1]:
                docs.append([])
            seen_heading = False
            rest = line.slice(len(mark.text)).strip()
            if rest.text:
                docs[-1].append(rest)
            continue
        # an attachment list ("附件：1.…", "2.…") names other documents: no new plan there
        in_attachments = bool(ATTACHMENT_RE.match(text)) or (
            in_attachments and bool(re.match(r"^\d{1,2}\s*[.．、]", text))
        )
        after_signature = bool(prev) and bool(
            W.DATE_LINE_RE.match(prev)
            or W.PUBLIC_NOTE_RE.match(prev)
            or W.ATTACH_LABEL_RE.match(prev)
        )
        prev = P.collapse_spaces(text)
        if (
            seen_heading
            and not after_signature  # the attachment of a cover notice: the same document
            and is_title_like(text)
            and YEAR_RE.search(text)
            and (line.hint is None or not line.hint.style_level)
            and not in_attachments
        ):
            docs.append([])
            seen_heading = False
        if P.match_number(text) is not None or (line.hint and line.hint.style_level):
            seen_heading = True
        docs[-1].append(line)
    return [d for d in docs if d]


def _drop_outline(lines: list[Line], removed: list[Removal]) -> list[Line]:
    """A 提纲 (the headings listed before the title on web pages) is not content."""
    for i, line in enumerate(lines[:3]):
        if OUTLINE_RE.match(line.text.strip()) and len(line.text.strip()) <= 40:
            j = i + 1
            while (
                j < len(lines)
                and not is_title_like(lines[j].text)
                and len(lines[j].text) <= 40
                and not P.ends_sentence(lines[j].text)
            ):
                j += 1
            for dropped in lines[i:j]:
                removed.append(Removal("outline", dropped.text, dropped.pos))
            return lines[:i] + lines[j:]
    return lines


def _drop_preview(lines: list[Line], removed: list[Removal], first_heading: int) -> list[Line]:
    """A preview paragraph repeated at the top of a web page (the full text follows)."""
    out = list(lines)
    for i in range(min(first_heading, 6, len(lines))):
        text = lines[i].text.strip().rstrip(P.PREVIEW_ELLIPSIS)
        key = P.fold(text)
        if len(key) < 8 or (i == 0 and is_title_like(text)):
            continue
        if any(P.fold(later.text).startswith(key) for later in lines[i + 1 : i + 40]):
            removed.append(Removal("duplicate", lines[i].text, lines[i].pos))
            out[i] = None  # type: ignore[call-overload]
    return [line for line in out if line is not None]


def _doc_number(
    doc: ParsedDocument, lines: list[Line], start: int, removed: list[Removal]
) -> tuple[list[Line], int]:
    """Move a 文号 out of the title ("…（华政发〔2021〕2号）") or from the line under it."""
    first = lines[0].strip()
    m = TITLE_DOC_NUMBER_RE.search(first.text)
    if m and m.start() > 4:
        for a, b in ((m.start(), m.start(1)), (m.end(1), m.end())):
            mark = first.slice(a, b)
            if mark.text.strip():
                removed.append(Removal("label", mark.text, mark.pos))
        doc.doc_number = P.collapse_spaces(m.group(1))
        doc.title = P.collapse_spaces(first.text[: m.start()])
        return lines, start
    if start < len(lines) and DOC_NUMBER_RE.fullmatch(lines[start].text.strip()):
        doc.doc_number = P.collapse_spaces(lines[start].text)
        return lines, start + 1
    return lines, start


def _drop_title_repeats(lines: list[Line], start: int, removed: list[Removal]) -> list[Line]:
    """Web pages repeat the title above the text: drop the repeat (whole line or prefix)."""
    if start >= len(lines):
        return lines
    key = P.fold(lines[0].text)
    out = list(lines)
    for i in range(start, min(start + 3, len(lines))):
        line = out[i]
        if P.fold(line.text) == key:
            removed.append(Removal("duplicate", line.text, line.pos))
            out[i] = None  # type: ignore[call-overload]
            continue
        stripped = line.text.lstrip()
        title = lines[0].text.strip()
        if stripped.startswith(title) and len(stripped) > len(title) + 5:
            offset = len(line.text) - len(stripped)
            rep = line.slice(offset, offset + len(title))
            removed.append(Removal("duplicate", rep.text, rep.pos))
            out[i] = line.slice(offset + len(title)).strip()
        break
    return [line for line in out if line is not None]


def _first_heading_index(lines: list[Line]) -> int:
    for i, line in enumerate(lines):
        if P.match_number(line.text.strip()) is not None or (
            line.hint is not None and (line.hint.style_level or line.hint.list_kind)
        ):
            return i
    return len(lines)


def _split_first_line(lines: list[Line]) -> list[Line]:
    """A whole plan pasted on one line: cut its title off the front."""
    if not lines:
        return lines
    first = lines[0]
    if len(first.text) <= 60 or first.hint is not None:
        return lines
    m = FIRST_LINE_TITLE_RE.match(first.text)
    if m is None:
        ws = re.search(r"\s", first.text[:61])
        if ws is None or not is_title_like(first.text[: ws.start()]):
            return lines
        cut = ws.start()
    else:
        cut = m.end(1)
    return [first.slice(0, cut), first.slice(cut).strip(), *lines[1:]]


# 文号: 华政发〔2021〕2号, XX办字〔2024〕15号 (in brackets after the title, or on its own line)
DOC_NUMBER_RE = re.compile(
    r"[\u4e00-\u9fffA-Za-z]{1,12}[〔\[［【(（]\s*(?:19|20)\d{2}\s*"
    r"[〕\]］】)）]"
    r"\s*第?\s*\d{1,4}\s*号"
)
TITLE_DOC_NUMBER_RE = re.compile(r"[（(]\s*(" + DOC_NUMBER_RE.pattern + r")\s*[)）]\s*$")
PUBLIC_NOTE_RE = re.compile(r"^[（(]此件[^）)]{0,12}[）)]$")
CONTACT_RE = re.compile(r"^[（(]\s*联系人.{0,100}[）)]$")
ATTACHMENT_RE = re.compile(r"^附\s*件\s*[:：\d]")


def _closing_start(lines: list[Line], start: int) -> int:
    """Where the closing begins: attachments list, signature, date, (此件公开发布)."""
    end = len(lines)
    texts = [P.collapse_spaces(line.text) for line in lines]
    while end - 1 > start and (
        PUBLIC_NOTE_RE.match(texts[end - 1]) or CONTACT_RE.match(texts[end - 1])
    ):
        end -= 1
    if not (end - 1 > start and DATE_LINE_RE.match(texts[end - 1])):
        return len(lines)
    end -= 1
    if end - 1 > start and len(texts[end - 1]) <= 30 and ORG_SUFFIX_RE.search(texts[end - 1]):
        end -= 1
    # "附件：1.…" and its numbered items right above the signature
    for i in range(end - 1, max(start, end - 12), -1):
        if ATTACHMENT_RE.match(texts[i]):
            if all(len(t) <= 80 for t in texts[i:end]):
                end = i
            break
    if end - 1 > start and texts[end - 1] in ("此通知", "特此通知", "特此报告", "特此函告"):
        end -= 1
    return end


def build_document(
    lines: list[Line],
    removed: list[Removal],
    *,
    fallback_title: str,
    join_breaks: bool,
    meta: tuple[str | None, str | None] = (None, None),
) -> ParsedDocument:
    """One plan from its lines (noise already removed); ``meta``: page (title, issuer)."""
    lines = _drop_outline(lines, removed)
    lines = _split_first_line(lines)
    doc = ParsedDocument(title="")
    meta_title, meta_issuer = meta
    notice = W.find_notice(lines, is_title_like)
    notice_only = notice is not None and notice.plan_start is None
    if notice is not None:
        lines = _cut_notice(doc, lines, notice)
    lines = _drop_preview(lines, removed, _first_heading_index(lines))
    lines = _drop_chunk_number(lines, removed)
    lines, start = _take_title(doc, lines, meta_title, notice if notice_only else None)
    lines, start = _settle_title(doc, lines, start, removed, meta_title, notice, fallback_title)
    if notice_only:
        # a notice without its plan: its numbered points are no plan sections
        end = _closing_start(lines, start)
        doc.preamble = "\n".join(P.collapse_spaces(line.text) for line in lines[start:end])
        doc.closing = "\n".join(P.collapse_spaces(line.text) for line in lines[end:])
        _doc_fields(doc, notice, meta_issuer)
        return doc
    if join_breaks:
        lines = _join_breaks(lines, start)
    # closing: signature and date at the very end
    end = _closing_start(lines, start)
    if end < len(lines):
        doc.closing = "\n".join(P.collapse_spaces(line.text) for line in lines[end:])
    _build_body(doc, lines[start:end], removed)
    _doc_fields(doc, notice, meta_issuer)
    return doc


def _cut_notice(doc: ParsedDocument, lines: list[Line], notice: W.Notice) -> list[Line]:
    """The 通知 wrapped around a plan (or standing alone) goes to ``doc.notice``; returns
    the lines from the plan's (or the notice's) title on."""
    if notice.plan_start is not None:
        head, lines = lines[: notice.plan_start], lines[notice.plan_start :]
    else:
        cut = notice.title_at[0] if notice.title_at else _title_before(lines)
        head, lines = lines[:cut], lines[cut:]
    doc.notice = "\n".join(P.collapse_spaces(line.text) for line in head)
    doc.notice_title = notice.title
    if notice.doc_number and notice.plan_start is not None:
        doc.doc_number, doc.doc_number_copied = notice.doc_number, True
    return lines


def _title_line_count(
    lines: list[Line], meta_title: str | None, lone_notice: W.Notice | None
) -> int:
    """How many of the first lines make the title (0: the text has none)."""
    hint = lines[0].hint
    plain = hint is None or not (hint.style_level or hint.list_kind or hint.row)
    n = W.title_lines(lines, is_title_like) if plain else 0
    if hint is not None and hint.is_title:
        n = 1
    if n == 0 and meta_title and P.fold(lines[0].text) == P.fold(meta_title):
        n = 1
    if lone_notice is not None and lone_notice.title_at:
        n = lone_notice.title_at[1] - lone_notice.title_at[0]
    return n


def _take_title(
    doc: ParsedDocument, lines: list[Line], meta_title: str | None, lone_notice: W.Notice | None
) -> tuple[list[Line], int]:
    """Join the title lines into one and set ``doc.title``; returns the lines and where
    the body starts (1 after a title, else 0). ``lone_notice``: a notice without a plan."""
    n = _title_line_count(lines, meta_title, lone_notice) if lines else 0
    if not n:
        return lines, 0
    title = lines[0]
    for extra in lines[1:n]:
        title = title.join(extra)
    doc.title = P.collapse_spaces(title.text)
    return [title, *lines[n:]], 1


def _settle_title(
    doc: ParsedDocument,
    lines: list[Line],
    start: int,
    removed: list[Removal],
    meta_title: str | None,
    notice: W.Notice | None,
    fallback_title: str,
) -> tuple[list[Line], int]:
    """A title from elsewhere when the text has none; for a title in the text, drop its
    repeats, take the 发文字号 below it, and cut a series number off it."""
    if not doc.title and meta_title:
        doc.title, doc.title_in_text = meta_title, False
    elif not doc.title and notice is not None and notice.title:
        doc.title, doc.title_in_text = notice.title, False
    if not doc.title:
        doc.title = fallback_title
        doc.title_from_source = False
    elif doc.title_in_text:
        lines = _drop_title_repeats(lines, start, removed)
        lines, start = _doc_number(doc, lines, start, removed)
        _drop_series_number(doc, lines, removed)
    return lines, start


def _drop_series_number(doc: ParsedDocument, lines: list[Line], removed: list[Removal]) -> None:
    """ "镇目标工作计划（一）": the number of a plan within a series is no part of its title."""
    m = SERIES_SUFFIX_RE.search(doc.title)
    if m and len(doc.title) > 6:
        first = lines[0].strip()
        cut = first.text.rfind(m.group(0)[1:-1]) - 1
        if cut > 0:
            mark = first.slice(cut)
            removed.append(Removal("label", mark.text, mark.pos))
            doc.title = P.collapse_spaces(first.text[:cut])


def _build_body(doc: ParsedDocument, body: list[Line], removed: list[Removal]) -> None:
    """Preamble, sections and tasks of a plan from the lines between title and closing."""
    builder = _Builder(removed, None)
    builder.second_dun = any(re.match(r"\s*二\s*、", line.text) for line in body)
    for line in body:
        if line.text.strip():
            builder.feed(line.strip())
    # the root: text before the first heading is the preamble; rows there are plan tasks
    pre: list[str] = []
    for kind, line in builder.root.entries:
        if kind == "row":
            task = _row_task(line, removed)
            if task is not None:
                doc.tasks.append(task)
        elif kind == "tail" and _attach_tail(doc.tasks, line):
            continue
        else:
            pre.append(P.collapse_spaces(line.text))
    doc.preamble = "\n".join(p for p in pre if p)
    doc.sections = [_finish(c, 1, removed) for c in builder.root.children]
    if not doc.sections and not doc.tasks:
        _yishi_outline(doc, builder.root.entries, removed)
    if not doc.tasks:
        # a 总结+计划 document: the leading retrospective sections are the 总结 part
        k = 0
        while k < len(doc.sections) and W.is_retrospective(doc.sections[k].heading):
            k += 1
        doc.summary, doc.sections = doc.sections[:k], doc.sections[k:]


def _yishi_outline(
    doc: ParsedDocument, entries: list[tuple[str, Line]], removed: list[Removal]
) -> None:
    """No numbered heading at all: 一是/二是/三是 clauses with a lead are the sections."""
    paras = [line for kind, line in entries if kind == "para"]
    if len(paras) != len(entries) or not paras:
        return
    joined = _concat(paras)
    labels = P.yishi_labels(joined.text) if joined is not None else []
    if not labels or joined is None:
        return
    sections = []
    for i, (a, b, _v) in enumerate(labels):
        end = labels[i + 1][0] if i + 1 < len(labels) else len(joined.text)
        clause = joined.slice(b, end).strip()
        k = _first_mark(clause.text)
        if k is None or k > RUN_IN_MAX or not clause.text[k + 1 :].strip():
            return  # a clause without a lead: the text stays the preamble
        sections.append((joined.slice(a, b), clause, k))
    doc.preamble = P.collapse_spaces(joined.text[: labels[0][0]])
    for label, clause, k in sections:
        removed.append(Removal("numbering", label.text, label.pos))
        sec = ParsedSection(heading=P.collapse_spaces(clause.text[:k]), level=1)
        sec.run_in = clause.text[k]
        task = _make_task(clause.slice(k + 1), removed)
        if task is not None:
            sec.tasks.append(task)
            sec.task_style = "paragraphs"
        doc.sections.append(sec)


def _drop_chunk_number(lines: list[Line], removed: list[Removal]) -> list[Line]:
    """ "3某镇2025年工作计划": a page-chunk number glued before the title line."""
    if not lines or lines[0].hint is not None:
        return lines
    m = re.match(r"\d{1,3}(?=[\u4e00-\u9fff])", lines[0].text)
    if m is None or not is_title_like(lines[0].text[m.end() :]):
        return lines
    mark = lines[0].slice(0, m.end())
    removed.append(Removal("page", mark.text, mark.pos))
    return [lines[0].slice(m.end()), *lines[1:]]


def _title_before(lines: list[Line]) -> int:
    """A notice without a notice title: the title-like line above its addressees, or 0."""
    for i, line in enumerate(lines[:8]):
        text = P.collapse_spaces(line.text)
        if W.ADDRESSEE_RE.match(text):
            return 0
        if is_title_like(text):
            return i
    return 0


def _doc_fields(doc: ParsedDocument, notice: W.Notice | None, meta_issuer: str | None) -> None:
    """Year and organization: from the title, the notice, the page metadata, the text."""
    if not doc.title_from_source:
        # no title: the year the text speaks of first ("2025年是…"); a notice's issuer
        doc.organization = notice.issuer if notice is not None else None
        doc.year = Y.text_year("\n".join([doc.preamble, *(s.body for s in doc.sections[:3])]))
        return
    doc.year = Y.span_start_year(doc.title) or _year(doc.title)
    if doc.year is None and notice is not None and notice.title:
        doc.year = _year(notice.title)
    if doc.year is None:
        parts = [doc.preamble] + [s.heading + s.body for s in doc.sections[:3]]
        doc.year = Y.text_year("\n".join(parts)[:3000])
    org = notice.issuer if notice is not None else None
    doc.organization = org or organization_of(doc.title) or meta_issuer


def parse_lines(
    lines: list[Line],
    removed: list[Removal],
    *,
    fallback_title: str,
    join_breaks: bool = True,
    progress: Progress = None,
    should_cancel: ShouldCancel = None,
) -> list[ParsedDocument]:
    """Noise removal, compilation split and structure recognition for one source."""
    total = max(len(lines), 1)

    def step(done: int) -> None:
        if should_cancel is not None and should_cancel():
            raise Cancelled()
        if progress is not None:
            progress(done, total)

    step(0)
    lines = remove_noise(lines, removed)
    step(len(lines) // 4)
    clean: list[Line] = []
    for i, line in enumerate(lines):
        if i % 500 == 0:
            step(len(lines) // 4 + i // 4)
        line = line.translate(P.normalise_punctuation(line.text)).strip()
        if line.text:
            clean.append(line)
    clean = read_text_tables(clean, removed)
    meta = W.page_metadata(removed)
    docs_lines = _split_documents(clean, removed)
    docs: list[ParsedDocument] = []
    done = len(lines) // 2
    for part in docs_lines:
        docs.append(
            build_document(
                part, removed, fallback_title=fallback_title, join_breaks=join_breaks, meta=meta
            )
        )
        done += len(part) // 2
        step(min(done, total))
    step(total)
    return [
        d
        for d in docs
        if d.sections or d.tasks or d.preamble or d.title_from_source or d.notice or d.summary
    ]
