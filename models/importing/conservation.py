"""The text-conservation check: nothing lost, nothing invented, order kept.

Apart from removed noise, numbering and whitespace, every character of the source appears
in exactly one title, preamble, heading, body, task text or task note, in order.
"""

from __future__ import annotations

import re

from models.importing import patterns as P
from models.importing.model import ImportResult, ParsedDocument, ParsedSection, ParsedTask
from models.importing.noise import (
    PAGE_CHUNK_RE,
    PAGE_DASH_RE,
    PAGE_OF_RE,
    PAID_RE,
    WATERMARK_RE,
    is_noise_line,
)
from models.importing.script import to_simplified


class ConservationError(AssertionError):
    """The parse result lost, duplicated, invented or reordered source text."""


_NUMBERING_RE = re.compile(
    r"^(?:第?[一二三四五六七八九十百零〇两]{1,4}是|第[一二三四五六七八九十]{1,3}(?:部分|章|节)|"
    r"[一二三四五六七八九十百零〇]{1,6}|[(〔【\[][一二三四五六七八九十百零〇]{1,6}[)〕】\]]|"
    r"\(?\d{1,3}\)?|[①-⑳]|\(?[a-zA-Z]{1,4}\)?|"
    r"[甲乙丙丁戊己庚辛壬癸]|[\d.]{1,12})[、,:.]*$"
)


def _task_pieces(task: ParsedTask) -> list[str]:
    if task.source_fields:  # a table row: its cells in column order
        notes = iter(t for _i, t in task.note_parts)
        return [
            task.text if f == "text" else next(notes, "") if f == "note" else getattr(task, f) or ""
            for f in task.source_fields
        ]
    text = task.text
    pieces: list[str] = []
    last = 0
    for idx, note in sorted(task.note_parts, key=lambda p: p[0]):
        idx = max(last, min(idx, len(text)))
        pieces.append(text[last:idx])
        pieces.append(note)
        last = idx
    pieces.append(text[last:])
    return pieces


def _section_pieces(sec: ParsedSection) -> list[str]:
    pieces = [sec.heading, sec.note, sec.run_in or "", sec.body]
    for task in sec.tasks:
        pieces += _task_pieces(task)
    for child in sec.children:
        pieces += _section_pieces(child)
    return pieces


def document_pieces(doc: ParsedDocument) -> list[str]:
    """Every output string of a plan in document order."""
    pieces = [doc.notice]
    pieces += [doc.title if doc.title_from_source and doc.title_in_text else ""]
    pieces += [doc.doc_number if doc.doc_number and not doc.doc_number_copied else ""]
    pieces.append(doc.preamble)
    for sec in doc.summary:
        pieces += _section_pieces(sec)
    for task in doc.tasks:
        pieces += _task_pieces(task)
    for sec in doc.sections:
        pieces += _section_pieces(sec)
    pieces.append(doc.closing)
    return pieces


def _valid_removal(kind: str, text: str, later: str) -> bool:
    t = text.strip()
    if not t:
        return True
    if kind == "numbering":
        return bool(_NUMBERING_RE.match(P.fold(t)))
    if kind == "watermark":
        return bool(WATERMARK_RE.fullmatch(t))
    if kind == "paid":
        return bool(PAID_RE.fullmatch(t))
    if kind == "page":
        return bool(
            PAGE_OF_RE.fullmatch(t)
            or PAGE_DASH_RE.fullmatch(t)
            or PAGE_CHUNK_RE.fullmatch(" " + t + " ")
            or re.fullmatch(r"\d{1,3}", t)
            or is_noise_line(t) == "page"
        )
    if kind == "gloss":
        return bool(re.fullmatch(r"[（(][a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]{1,7}[)）]?", t))
    if kind in ("ad", "meta", "breadcrumb", "blurb", "label"):
        return is_noise_line(t) is not None or kind == "label"
    if kind == "duplicate":
        return P.fold(t.rstrip(P.PREVIEW_ELLIPSIS)) in P.fold(later)
    if kind in ("toc", "compilation", "outline", "table_header"):
        return len(t) <= 200
    return False


def check_conservation(result: ImportResult) -> None:
    """Raise ConservationError unless the documents hold exactly the kept source text.

    The kept text is the stream minus the recorded removals. Each removal must itself look
    like what it claims to be (a number, a watermark, a page mark, …).
    """
    stream = result.stream
    if result.traditional:  # the parse read a simplified view of the same length
        stream = result.view or to_simplified(stream)
    removed_at = _removed_positions(result, stream)
    kept = P.fold("".join(c for i, c in enumerate(stream) if i not in removed_at))
    _check_removal_kinds(result, stream)
    produced = "".join(p for d in result.documents for p in document_pieces(d))
    produced = P.fold(to_simplified(produced) if result.traditional else produced)
    if kept != produced:
        i = next(
            (k for k, (a, b) in enumerate(zip(kept, produced, strict=False)) if a != b),
            min(len(kept), len(produced)),
        )
        raise ConservationError(
            f"text differs at {i}: source …{kept[max(0, i - 20) : i + 20]!r}… "
            f"result …{produced[max(0, i - 20) : i + 20]!r}… "
            f"(source {len(kept)} chars, result {len(produced)})"
        )


def _removed_positions(result: ImportResult, stream: str) -> set[int]:
    """Every position removed; each removal must match the source, none overlap."""
    removed_at: set[int] = set()
    for r in result.removed:
        got = "".join(stream[i] for i in r.pos if 0 <= i < len(stream))
        if P.fold(got) != P.fold(r.text):
            raise ConservationError(f"removal {r.kind!r} {r.text!r} does not match the source")
        overlap = removed_at.intersection(r.pos)
        if overlap:
            raise ConservationError(f"source removed twice at {sorted(overlap)[:5]}")
        removed_at.update(r.pos)
    return removed_at


def _check_removal_kinds(result: ImportResult, stream: str) -> None:
    """Each removal looks like what it claims to be; a repeat is also present elsewhere
    (in the kept text or another repeat)."""
    for r in result.removed:
        later = ""
        if r.kind == "duplicate" and len(r.pos):
            own = set(r.pos)
            noise_at = {
                i for x in result.removed if x.kind not in ("numbering", "duplicate") for i in x.pos
            }
            later = "".join(c for i, c in enumerate(stream) if i not in noise_at and i not in own)
            # the other copy may keep the page mark this one was cut with, or the reverse
            pages = {i for x in result.removed if x.kind == "page" for i in x.pos}
            later += "\n" + "".join(
                c
                for i, c in enumerate(stream)
                if (i not in noise_at or i in pages) and i not in own
            )
        if not _valid_removal(r.kind, r.text, later):
            raise ConservationError(f"removal {r.kind!r} {r.text!r} is not {r.kind}")
