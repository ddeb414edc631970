"""The plan as a list of typed paragraphs, shared by the .docx, HTML and PDF writers.

Both writers render the same blocks, so what is printed is what is exported. The text
follows the data conventions of the outline: numbers come from models/text/numbering.py,
run-in headings carry their body and tasks in the same paragraph, and tasks are written
in their section's task_style.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from export.title_lines import split_title
from models import clock
from models.entities import Node, Plan
from models.outline import get_plan, load_outline
from models.store.db import Database
from models.text.deadlines import parse_iso
from models.text.numbering import outline_numbers
from models.vocab import NodeKind, TaskStyle

# Block kinds
TITLE = "title"
BODY = "body"
HEADING = "heading"  # a heading paragraph of `level` (possibly run-in: parts hold the body)
TASK = "task"  # a task paragraph of its own (numbered or paragraphs style)
BLANK = "blank"
SIGNATURE = "signature"
DATE = "date"

# Part roles inside a paragraph
ROLE_HEADING = "heading"
ROLE_BODY = "body"


@dataclass(slots=True)
class Part:
    """A stretch of text inside a paragraph, written in the heading or the body font."""

    text: str
    role: str = ROLE_BODY


@dataclass(slots=True)
class Block:
    """One paragraph of the exported plan.

    ``level`` is the outline level (1-4+) of headings and numbered tasks, 0 otherwise.
    For a title, ``lines`` holds the balanced title lines.
    """

    kind: str
    parts: list[Part] = field(default_factory=list)
    level: int = 0
    lines: list[str] = field(default_factory=list)
    standalone: bool = False  # a heading paragraph with nothing run in after it
    sealed: bool = False  # a 落款 (署名, 成文日期) laid out for a seal (GB/T 9704 7.3.5.1)

    @property
    def text(self) -> str:
        """The paragraph text (title lines joined without a break)."""
        if self.kind == TITLE:
            return "".join(self.lines)
        return "".join(p.text for p in self.parts)


@dataclass(slots=True)
class PlanData:
    """A read-only snapshot of a plan and its outline, safe to hand to a worker thread."""

    plan: Plan
    nodes: list[Node]


def load_plan_data(db: Database, plan_id: int) -> PlanData:
    """Snapshot a plan and its outline (document order) for exporting."""
    return PlanData(get_plan(db, plan_id), load_outline(db, plan_id))


# ---------------------------------------------------------------- text helpers
def text_width(text: str) -> float:
    """Width in Chinese characters: full-width = 1, digits and Latin 0.5 (capitals 0.7,
    as in Times New Roman, the Latin font of the documents)."""
    return sum(
        (0.7 if "A" <= ch <= "Z" else 0.5) if ord(ch) < 0x2E80 and ch not in "—…“”‘’" else 1.0
        for ch in text
    )


@dataclass(slots=True)
class Banji:
    """版记 (GB/T 9704 7.4): 抄送机关, 印发机关 and 印发日期 at the foot of the last page."""

    copy_to: str  # "抄送：…。" or ""
    printed_by: str
    printed_on: str  # "2025年2月3日印发"


def banji_of(plan: Plan, today: dt.date | None = None) -> Banji | None:
    """The plan's 版记, or None when it has neither 抄送机关 nor 印发机关.

    The 印发日期 defaults to the 成文日期 (7.4.3 puts the date the document is printed).
    """
    copy_to = (plan.copy_to or "").strip().rstrip("。，,;；")
    printed_by = (plan.printed_by or "").strip()
    if not copy_to and not printed_by:
        return None
    day = parse_iso(plan.printed_date) or signing_date(plan, today)
    return Banji(f"抄送：{copy_to}。" if copy_to else "", printed_by, f"{date_text(day)}印发")


def plan_names(plan: Plan) -> tuple[str, ...]:
    """The plan's own names (organization, signer, issuer) a title line must not split."""
    names = (plan.organization, plan.signed_by, (plan.issuer or "").removesuffix("文件"))
    return tuple(n.strip() for n in names if n and n.strip())


def date_text(value: dt.date) -> str:
    """成文日期 in Arabic numerals, no zero padding: 2024年1月5日 (GB/T 9704 7.3.5.4)."""
    return f"{value.year}年{value.month}月{value.day}日"


def signing_date(plan: Plan, today: dt.date | None = None) -> dt.date:
    """The plan's 成文日期; only when none is recorded ``today`` (default: models/clock),
    which is right for the 印发日期 (the day it is printed) and nothing else."""
    return parse_iso(plan.signed_date) or today or clock.today()


BLANK_DAY = "\u3000\u3000"  # room to write a month or a day in by hand


def signing_date_text(plan: Plan, today: dt.date | None = None) -> str:
    """The 成文日期 as printed: the plan's own, or, when none is recorded, the plan's year
    with the month and day left blank to be written in when it is signed (2024年　　月　　日)
    — the day of the export is not the day the plan was signed (GB/T 9704 7.3.5.4)."""
    day = parse_iso(plan.signed_date)
    if day is not None:
        return date_text(day)
    year = plan.year or (today or clock.today()).year
    return f"{year}年{BLANK_DAY}月{BLANK_DAY}日"


def signature_text(plan: Plan) -> str:
    """The 署名: who signs the plan (signed_by, else the organization, else the issuer)."""
    return (plan.signed_by or plan.organization or plan.issuer or "").strip()


def _run_in_lead(lead: str, after: str) -> tuple[str, str]:
    """Split a run-in paragraph into the part in the heading font and the rest.

    GB/T 9704 practice (gbt9704.md §4): the heading font covers the paragraph up to its
    first 。. A heading run in with 。 ends there; one run in with ：or another mark keeps
    the heading font up to the first 。 of what follows.
    """
    if lead.endswith("。") or "。" in lead:
        return lead, after
    cut = after.find("。")
    if cut < 0:
        return lead + after, ""
    return lead + after[: cut + 1], after[cut + 1 :]


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


# ---------------------------------------------------------------- layout
def plan_blocks(
    data: PlanData, *, today: dt.date | None = None, signature: bool = True
) -> list[Block]:
    """The plan as paragraphs in document order: title, preamble, outline, closing, 落款."""
    plan, nodes = data.plan, data.nodes
    numbers = outline_numbers(nodes)
    kids: dict[int | None, list[Node]] = {}
    for n in nodes:
        kids.setdefault(n.parent_id, []).append(n)
    for siblings in kids.values():
        siblings.sort(key=lambda n: n.position)

    blocks: list[Block] = [
        Block(TITLE, lines=split_title(plan.title, names=plan_names(plan))),
        Block(BLANK),
    ]
    blocks += [Block(BODY, [Part(p)]) for p in _paragraphs(plan.preamble)]

    def tasks_inline(section: Node | None, tasks: list[Node]) -> str:
        if section is not None and section.task_style == TaskStyle.YISHI:
            return "".join(numbers[t.id] + t.text for t in tasks)
        return "".join(t.text for t in tasks)

    def own_paragraph_tasks(section: Node | None) -> bool:
        style = section.task_style if section is not None else TaskStyle.NUMBERED
        return style in (TaskStyle.NUMBERED, TaskStyle.PARAGRAPHS)

    def task_blocks(tasks: list[Node], level: int) -> list[Block]:
        out = []
        for t in tasks:
            label = numbers[t.id]
            if label:
                # A numbered paragraph is a heading of its level in GB/T 9704: its lead
                # sentence (up to the first 。) takes that level's heading font.
                cut = t.text.find("。")
                lead, rest = (t.text, "") if cut < 0 else (t.text[: cut + 1], t.text[cut + 1 :])
                parts = [Part(label + lead, ROLE_HEADING)] + ([Part(rest)] if rest else [])
            else:
                parts = [Part(t.text)]
            out.append(Block(TASK, parts, level=level if label else 0))
        return out

    def walk(parent: Node | None, level: int) -> None:
        children = kids.get(parent.id if parent is not None else None, [])
        tasks = [c for c in children if c.kind == NodeKind.TASK]
        sections = [c for c in children if c.kind == NodeKind.SECTION]
        if parent is not None:
            inline = "" if own_paragraph_tasks(parent) else tasks_inline(parent, tasks)
            after = (parent.body or "") + inline
            head = numbers[parent.id] + parent.heading
            if parent.run_in is not None:
                lead, after = _run_in_lead(head + parent.run_in, after)
                parts = [Part(lead, ROLE_HEADING)]
                if after:
                    parts.append(Part(after))
                blocks.append(Block(HEADING, parts, level=level - 1, standalone=not after))
            else:
                blocks.append(
                    Block(HEADING, [Part(head, ROLE_HEADING)], level=level - 1, standalone=True)
                )
                if after:
                    blocks.append(Block(BODY, [Part(after)]))
            if own_paragraph_tasks(parent):
                blocks.extend(task_blocks(tasks, level))
        elif tasks:
            blocks.extend(task_blocks(tasks, level))
        for s in sections:
            walk(s, level + 1)

    walk(None, 1)
    blocks += [Block(BODY, [Part(p)]) for p in _paragraphs(plan.closing)]
    if signature:
        blocks.append(Block(BLANK))
        sign, sealed = signature_text(plan), bool(plan.sealed)
        if sign:
            blocks.append(Block(SIGNATURE, [Part(sign)], sealed=sealed))
        date = signing_date_text(plan, today)
        blocks.append(Block(DATE, [Part(date)], sealed=sealed))
    return blocks


def signature_places(blocks: list) -> tuple[float, float]:
    """The right indents of the 署名 and 成文日期 among ``blocks`` (see signature_indents)."""
    sign = next((b for b in blocks if getattr(b, "kind", "") == SIGNATURE), None)
    date = next((b for b in blocks if getattr(b, "kind", "") == DATE), None)
    sealed = any(b is not None and b.sealed for b in (sign, date))
    return signature_indents(sign.text if sign else "", date.text if date else "", sealed=sealed)


def signature_indents(sign: str, date: str, sealed: bool = False) -> tuple[float, float]:
    """Right indents (in characters) of the 署名 and the 成文日期 (GB/T 9704 7.3.5).

    Unsealed (7.3.5.2): the 署名 stands two characters from the right margin and the date,
    on the next line, starts two characters to the right of the 署名's first character;
    when that would bring the date closer than two characters to the margin, the date
    stands two characters from it and the 署名 moves left to keep the offset.
    Sealed (7.3.5.1): the date stands four characters from the margin and the 署名 is
    centred over it.
    """
    ls, ld = text_width(sign), text_width(date)
    if sealed:
        return max(0.0, 4.0 + (ld - ls) / 2.0), 4.0
    if not sign:
        return 2.0, 2.0
    date_right = max(2.0, ls - ld)
    return date_right + ld + 2.0 - ls, date_right


def keep_with_next(blocks: list) -> list[bool]:
    """Which paragraphs stay on the page of the next paragraph.

    Heading paragraphs (not run-in ones) stay with their text: no heading ends a page. The
    signature, the blank line above it and the last body paragraph are kept together,
    so the 落款 never stands alone or split on a page (GB/T 9704 7.3.5.5). ``blocks`` may
    hold report items that are not Blocks (tables …): they get no flag.
    """
    flags = [False] * len(blocks)
    for i, b in enumerate(blocks):
        if not isinstance(b, Block):
            continue
        if b.kind == HEADING and b.standalone:
            flags[i] = True
        if b.kind == SIGNATURE or (
            b.kind == DATE and (i == 0 or getattr(blocks[i - 1], "kind", "") != SIGNATURE)
        ):
            j = i - 1  # the blank line and the last body paragraph before the 落款
            while j >= 0 and isinstance(blocks[j], Block) and blocks[j].kind == BLANK:
                flags[j] = True
                j -= 1
            if j >= 0 and isinstance(blocks[j], Block):
                flags[j] = True
        if b.kind == SIGNATURE:
            flags[i] = True
    return flags


def plan_text(data: PlanData) -> list[str]:
    """The plan's content paragraphs as plain text (title, preamble, outline, closing)."""
    return [b.text for b in plan_blocks(data, signature=False) if b.kind != BLANK]
