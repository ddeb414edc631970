"""Structure recognition, stage 2: drafts turned into sections and tasks (headings and
run-ins, 一是/二是 clauses, sentences and table rows as tasks, responsibility tails)."""

from __future__ import annotations

import logging
import re

from models.importing import patterns as P
from models.importing import tails as T
from models.importing.drafts import RUN_IN_MAX, _Draft, _first_mark
from models.importing.model import (
    Line,
    ParsedSection,
    ParsedTask,
    Removal,
)
from models.vocab import TaskStyle

log = logging.getLogger(__name__)


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
            continue  # a role appears once per header (tables.column_roles)
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
    sec.task_style = TaskStyle.PARAGRAPHS if d.children[0].bullet else TaskStyle.NUMBERED


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
            inline = sorted(
                (part for part in task.note_parts if id(part) not in line_notes),
                key=lambda p: p[0],
            )
            idx, n_before = _text_index(task.text, inline, before)
            written_before = {id(part) for part in inline[:n_before]}
            # after the tails written before it at the same place (earlier tail lines and
            # tails inside the clause), before those found in later text
            at = next(
                (
                    k
                    for k, part in enumerate(task.note_parts)
                    if part[0] > idx
                    or (
                        part[0] == idx
                        and id(part) not in line_notes
                        and id(part) not in written_before
                    )
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
    sec.task_style = TaskStyle.YISHI


def _text_index(
    task_text: str, inline: list[tuple[int, str]], source_before: str
) -> tuple[int, int]:
    """Where in a task's text the source up to a point ends (labels and spaces dropped),
    and how many of the tails written inside the clause (``inline``, sorted, moved out of
    the text into the note) stand before that point: the source counts them, the text not.
    """
    want = len(P.fold(source_before))
    got = 0
    k = 0

    def take_notes(upto: int) -> None:
        nonlocal got, k
        while k < len(inline) and inline[k][0] <= upto and got < want:
            got += len(P.fold(inline[k][1]))
            k += 1

    for i, ch in enumerate(task_text):
        take_notes(i)
        if got >= want:
            return i, k
        got += len(P.fold(ch))
    take_notes(len(task_text))
    return len(task_text), k


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
    """The tasks of a section without subsections: 一是/二是 clauses, table rows, or the
    sentences of its paragraphs."""
    rows = [line for kind, line in content if kind == "row"]
    joined, tails = _paras_and_tails(content)
    labels = P.yishi_labels(joined.text) if joined is not None and not rows else []
    if not labels and joined is not None and not rows:
        labels = _lone_yishi(content)
    if labels:
        _yishi(sec, joined, labels, tails, removed)  # type: ignore[arg-type]
    elif rows:
        _row_tasks(sec, content, removed)
    else:
        _paragraph_tasks(sec, content, removed)


def _body_gets_tail(sec: ParsedSection, line: Line) -> None:
    """A tail that no task above takes stays in the body, where it was written."""
    if not _attach_tail(sec.tasks, line):
        sec.body = (sec.body + "\n" + P.collapse_spaces(line.text)).strip()


def _row_tasks(sec: ParsedSection, content: list[tuple[str, Line]], removed: list[Removal]) -> None:
    """A task table under the heading: its rows are the tasks, the paragraphs the body
    (with the tail lines no row owns yet, in the order written)."""
    body: list[str] = []
    numbered = False
    for kind, line in content:
        if kind == "row":
            task = _row_task(line, removed)
            if task is not None:
                sec.tasks.append(task)
                numbered = numbered or line.hint.row.numbered  # type: ignore[union-attr]
        elif kind == "para" or (kind == "tail" and not _attach_tail(sec.tasks, line)):
            body.append(P.collapse_spaces(line.text))
    sec.body = "\n".join(p for p in body if p)
    sec.task_style = TaskStyle.NUMBERED if numbered else TaskStyle.PARAGRAPHS


def _paragraph_tasks(
    sec: ParsedSection, content: list[tuple[str, Line]], removed: list[Removal]
) -> None:
    """Every sentence a task; one task per paragraph reads as paragraphs."""
    per_para: list[int] = []
    for kind, line in content:
        if kind == "tail":
            _body_gets_tail(sec, line)
            continue
        n = 0
        for task in _sentence_tasks(line, removed):
            sec.tasks.append(task)
            n += 1
        per_para.append(n)
    if sec.tasks:
        sec.task_style = (
            TaskStyle.PARAGRAPHS
            if len(per_para) > 1 and all(n == 1 for n in per_para)
            else TaskStyle.SENTENCES
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
