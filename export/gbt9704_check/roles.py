"""Which paragraph of a 公文 is what: 版头, title, headings by level, body, 署名, 成文日期.

The checker reads anyone's .docx, so roles come from the text and the layout, never from
PlanDesk's own style names: a heading is a paragraph that starts with 一、（一）1.（1）,
the 成文日期 is the last paragraph that is a date, and so on (GB/T 9704 7.2, 7.3).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from export.gbt9704_check.docx_model import DocxModel, Paragraph, _red_hex

CN_DIGITS = "零〇一二三四五六七八九十百"
HEADING_PATTERNS = {
    1: re.compile(rf"^([{CN_DIGITS}]+)、"),
    2: re.compile(rf"^（([{CN_DIGITS}]+)）"),
    3: re.compile(r"^(\d{1,3})[.．](?!\d)"),
    4: re.compile(r"^（(\d{1,3})）"),
}
# month and day may be left blank in a draft, to be written in when it is signed
DATE_RE = re.compile(r"^([0-9０-９〇零一二三四五六七八九○]{4})年(.{0,3})月(.{0,3})日$")
ATTACH_LABEL_RE = re.compile(r"^附件\d*$")
DOCNUM_RE = re.compile(r"[〔\[［（(【]\s*[0-9０-９]{2,4}\s*[〕\]］）)】]")


def cn_number(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十三 → 23; Arabic digits as they are."""
    if text.isdigit():
        return int(text)
    values = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0}
    total, current = 0, 0
    for ch in text:
        if ch in values:
            current = values[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


def compact(text: str) -> str:
    """Text without any whitespace (spaces, full-width spaces, line breaks)."""
    return "".join(text.split())


@dataclass(slots=True)
class Heading:
    """A numbered heading: its level, its number, and where the heading part ends."""

    para: Paragraph
    level: int
    number: int
    span_end: int  # text[:span_end] is the heading; the rest is run-in body text
    introduces: bool = False  # a standalone heading over its own text (see find_roles)

    @property
    def standalone(self) -> bool:
        """True when the paragraph is only the heading (no run-in text after it)."""
        return not self.para.text[self.span_end :].strip()


@dataclass(slots=True)
class Roles:
    """The parts of the document the rules look at."""

    issuer: Paragraph | None = None
    doc_number: Paragraph | None = None
    title: list[Paragraph] = field(default_factory=list)
    addressee: Paragraph | None = None
    headings: list[Heading] = field(default_factory=list)
    body: list[Paragraph] = field(default_factory=list)  # incl. heading paragraphs
    signature: Paragraph | None = None
    date: Paragraph | None = None


def heading_of(para: Paragraph) -> Heading | None:
    """The heading a paragraph starts with, if any (the part up to the first 。)."""
    text = para.text.lstrip()
    offset = len(para.text) - len(text)
    for level, pattern in HEADING_PATTERNS.items():
        m = pattern.match(text)
        if not m:
            continue
        number = cn_number(m.group(1))
        if number is None:
            continue
        stop = text.find("。")
        span_end = offset + (stop + 1 if stop >= 0 else len(text))
        return Heading(para, level, number, span_end)
    return None


def _is_date(para: Paragraph) -> bool:
    return bool(DATE_RE.match(compact(para.text)))


def _dominant_size(para: Paragraph) -> float | None:
    sizes = [s.props.size_pt for s in para.segments if s.text.strip()]
    return max(set(sizes), key=sizes.count) if sizes else None


def find_roles(model: DocxModel) -> Roles:
    """Assign roles to the top-level paragraphs of a document."""
    non_empty = [p for p in model.paragraphs if p.text.strip()]
    roles = Roles()
    head = _banhead(roles, non_empty)
    paras = _main_text(non_empty, head)
    i = _title_and_addressee(roles, paras)
    end = _closing(roles, paras, i)
    for para in paras[i:end]:
        roles.body.append(para)
        heading = heading_of(para)
        if heading is not None:
            roles.headings.append(heading)
    _mark_introducing(roles)
    return roles


def _banhead(roles: Roles, non_empty: list[Paragraph]) -> int:
    """The 发文机关标志 and 发文字号 at the top; returns how many paragraphs they take.

    The 版头 may sit in a layout table (发文字号 and 签发人 side by side): look at the
    first paragraphs wherever they are.
    """
    head = 0
    if non_empty and (compact(non_empty[0].text).endswith("文件") or _is_red(non_empty[0])):
        if heading_of(non_empty[0]) is None and len(compact(non_empty[0].text)) <= 30:
            roles.issuer = non_empty[0]
            head = 1
    if roles.issuer is not None and head < len(non_empty):
        cand = non_empty[head]
        if DOCNUM_RE.search(cand.text) and len(compact(cand.text)) <= 40:
            if cand.text.rstrip().endswith("号"):
                roles.doc_number = cand
                head += 1
    return head


def _main_text(non_empty: list[Paragraph], head: int) -> list[Paragraph]:
    """The paragraphs after the 版头, outside tables, before an attachment."""
    after_head = non_empty[head - 1].index if head else -1
    paras = [p for p in non_empty if not p.in_table and p.index > after_head]
    # Attachments (7.3.7) start with the label 附件 / 附件2 on a new page: not the main text.
    label = next((k for k, p in enumerate(paras) if ATTACH_LABEL_RE.match(compact(p.text))), None)
    if label is not None and label > 0:
        paras = paras[:label]
    return paras


def _title_and_addressee(roles: Roles, paras: list[Paragraph]) -> int:
    """The title (its centred lines of one size) and the 主送机关; returns where the body
    starts."""
    i = 0
    if i < len(paras) and heading_of(paras[i]) is None:
        roles.title.append(paras[i])
        size = _dominant_size(paras[i])
        i += 1
        while (
            i < len(paras)
            and paras[i].props.align == "center"
            and roles.title[0].props.align == "center"
            and _dominant_size(paras[i]) == size
            and heading_of(paras[i]) is None
        ):
            roles.title.append(paras[i])
            i += 1
    if i < len(paras) and compact(paras[i].text).endswith(("：", ":")):
        if len(compact(paras[i].text)) <= 60 and heading_of(paras[i]) is None:
            roles.addressee = paras[i]
            i += 1
    return i


def _closing(roles: Roles, paras: list[Paragraph], start: int) -> int:
    """The 成文日期 (the last date) and the 署名 right above it; returns where the body ends."""
    for j in range(len(paras) - 1, start - 1, -1):
        if _is_date(paras[j]):
            roles.date = paras[j]
            # the 署名 is the paragraph right above the date (no blank line between them)
            prev = paras[j - 1] if j - 1 >= start else None
            if prev is not None and prev.index == paras[j].index - 1 and _is_signature(prev):
                roles.signature = prev
                return j - 1
            return j
    return len(paras)


def _mark_introducing(roles: Roles) -> None:
    """A standalone heading introduces what follows unless the next paragraph is a sibling
    (or higher) heading: then it is an item of a list, such as （1）时间…（2）地点…"""
    following = {id(p): roles.body[k + 1] for k, p in enumerate(roles.body[:-1])}
    levels = {id(h.para): h.level for h in roles.headings}
    for h in roles.headings:
        nxt = following.get(id(h.para))
        h.introduces = h.standalone and (nxt is None or levels.get(id(nxt), 99) > h.level)


def _is_signature(para: Paragraph) -> bool:
    text = compact(para.text)
    return (
        len(text) <= 40
        and heading_of(para) is None
        and not text.startswith("附件")  # the 附件说明 line (7.3.4) is no 署名
        and not text.endswith(("。", "；", "：", "！", "？"))
    )


def _is_red(para: Paragraph) -> bool:
    colors = [s.props.color for s in para.segments if s.text.strip()]
    return bool(colors) and all(is_red(c) for c in colors)


def is_red(color: str | None) -> bool:
    """A hex colour that reads as red (the 版头's 发文机关标志 and separator line)."""
    return _red_hex(color)
