"""Structure recognition: one text holding several plans cut into one piece per plan
(a compilation with a 目录, 篇一/第二篇 series, plans one after another)."""

from __future__ import annotations

import re

from models.importing import patterns as P
from models.importing import wrapper as W
from models.importing.model import Line, Removal
from models.importing.titles import ATTACHMENT_RE, YEAR_RE, is_title_like

TOC_RE = re.compile(r"^目\s*录\s*[:：]?$")
TOC_TAIL_RE = re.compile(r"[\s.…·．。\-—_]*\d{0,4}\s*$")
SERIES_RE = re.compile(
    r"^[【\[]?\s*(?:篇|第|范文)\s*([一二三四五六七八九十\d]{1,3})\s*篇?\s*"
    r"[】\]]?\s*[：:、.．]?\s*"
)


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
            _start_series_part(docs, line, m.end(), removed)
            seen_heading = False
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
            and not in_attachments
            and _opens_a_plan(line, text)
        ):
            docs.append([])
            seen_heading = False
        if P.match_number(text) is not None or (line.hint and line.hint.style_level):
            seen_heading = True
        docs[-1].append(line)
    return [d for d in docs if d]


def _opens_a_plan(line: Line, text: str) -> bool:
    """A dated plan title that is no Word heading: the next plan of a compilation."""
    return (
        is_title_like(text)
        and bool(YEAR_RE.search(text))
        and (line.hint is None or not line.hint.style_level)
    )


def _start_series_part(
    docs: list[list[Line]], line: Line, end: int, removed: list[Removal]
) -> None:
    """A 篇一/第二篇 marker (``end``: where it ends in the stripped text) starts a new piece;
    the marker is removed, the title after it kept."""
    text = line.text.strip()
    mark = line.slice(0, end + (len(line.text) - len(line.text.lstrip())))
    removed.append(Removal("label", mark.text, mark.pos))
    rest_key = P.fold(text[end:])
    if len(docs[-1]) == 1 and rest_key and P.fold(docs[-1][0].text) == rest_key:
        # the page title repeated by "第一篇：<title>": keep only the second one
        only = docs[-1].pop()
        removed.append(Removal("duplicate", only.text, only.pos))
    if docs[-1]:
        docs.append([])
    rest = line.slice(len(mark.text)).strip()
    if rest.text:
        docs[-1].append(rest)
