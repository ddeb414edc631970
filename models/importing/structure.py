"""Structure recognition: lines of source text → plans of sections and tasks."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from models.errors import Cancelled
from models.importing import patterns as P
from models.importing import tails as T
from models.importing import wrapper as W
from models.importing.drafts import RUN_IN_MAX, _Builder, _first_mark
from models.importing.model import (
    Line,
    ParsedDocument,
    ParsedSection,
    Removal,
)
from models.importing.noise import remove_noise
from models.importing.sections import _attach_tail, _concat, _finish, _make_task, _row_task
from models.importing.split import _split_documents
from models.importing.texttable import read_text_tables
from models.importing.titles import (
    ATTACHMENT_RE,
    ORG_SUFFIX_RE,
    _year,
    is_title_like,
    organization_of,
)
from models.text import years as Y
from models.vocab import TaskStyle

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None] | None
ShouldCancel = Callable[[], bool] | None

SERIES_SUFFIX_RE = re.compile(r"[（(][一二三四五六七八九十]{1,3}[)）]$")
OUTLINE_RE = re.compile(r"^(?:文章|全文)?提纲\s*[:：]?")
DATE_LINE_RE = re.compile(
    rf"^{Y.YEAR}\s*年\s*"
    r"[\d一二三四五六七八九十]{1,3}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日$"
)
FIRST_LINE_TITLE_RE = re.compile(
    r"^(.{4,60}?(?:工作计划|工作要点|工作安排|实施方案|工作方案|计划|要点|方案|安排|打算|思路))"
    r"(?=\s|一、|（一）|第一|1[.．、])"
)


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
    """True when ``nxt`` goes on with the sentence of ``prev`` (a hard break inside it)."""
    if _ends_for_real(prev, nxt):
        return False
    a, b = prev.text.rstrip(), nxt.text.lstrip()
    if not a or not b:
        return False
    if P.ends_sentence(a) or a.endswith(("：", ":")) or T.is_tail_line(b):
        return False
    if P.YISHI_RE.match(b):
        return False
    if b[0] in "，、；。：）”" or _count_on_its_own(a, b):
        return True
    if P.match_number(b) is not None:
        return False
    if _heading_alone(a) or is_title_like(a):
        return wrap is not None and len(a) >= wrap - 2
    return True


def _ends_for_real(prev: Line, nxt: Line) -> bool:
    """A Word paragraph ends for real; only its soft line breaks (w:br) may be joined."""
    if prev.hint is not None and (prev.hint.hard_paragraph or prev.hint.row is not None):
        return True
    return nxt.hint is not None and bool(
        nxt.hint.row is not None or nxt.hint.style_level or nxt.hint.list_kind is not None
    )


def _count_on_its_own(a: str, b: str) -> bool:
    """A count that a PDF put on its own line (noise.remove_noise kept it)."""
    return bool(
        re.fullmatch(r"\d{1,6}(?:\.\d+)?", b)
        or (re.search(r"[\u4e00-\u9fff]\s*\d{1,6}(?:\.\d+)?$", a) and P.CJK_RE.match(b[0]))
    )


def _heading_alone(a: str) -> bool:
    """A heading on its own line (short, no sentence mark inside) ends its line."""
    nm_a = P.match_number(a)
    body_a = a[nm_a.length :] if nm_a is not None else a
    return _first_mark(body_a) is None and (nm_a is not None or (len(a) <= 30 and "，" not in a))


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
            sec.task_style = TaskStyle.PARAGRAPHS
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
