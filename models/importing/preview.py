"""The editable preview of an import: one row per heading, body text or task.

The window shows these rows as a tree and lets the user change a row's role (heading of
some level, task, body, dropped), merge two tasks or split one; ``to_document`` then
builds the JSON shape that ``store_document`` takes. No Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from models.importing import patterns as P
from models.importing import script
from models.importing.model import (
    ImportResult,
    ParsedDocument,
    ParsedSection,
    ParsedTask,
    signing_fields,
)
from models.vocab import TaskStyle

ROLES = ("heading", "task", "body", "drop")
TASK_FIELDS = (
    "deadline",
    "target",
    "owner_unit",
    "lead_leader",
    "co_units",
    "owner_person",
    "frequency",
    "note",
)


@dataclass(slots=True)
class PreviewRow:
    """One line of the preview."""

    role: str
    text: str
    level: int = 1
    run_in: str | None = None
    task_style: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    origin: str = ""  # "notice" or "summary": rows the user can keep or leave out as a whole

    def hints(self) -> dict[str, str]:
        """The recognised hints of a task (only those that are set)."""
        return {k: v for k, v in self.fields.items() if v and k != "note"}


@dataclass(slots=True)
class PreviewPlan:
    """One plan of the preview; ``include`` False leaves it out of the import."""

    title: str
    year: int | None
    organization: str | None
    rows: list[PreviewRow]
    closing: str = ""
    include: bool = True
    doc_number: str | None = None
    # what was recognised (the window says so, and lets the user decide otherwise)
    notice_title: str | None = None  # a cover notice: the plan is its attachment
    traditional: bool = False  # Traditional script (the user may store simplified text)
    simplified: bool = False
    summary_of: int | None = None  # this plan is the 总结 part of plan number N
    has_summary: bool = False  # the 总结 part of this plan is in its rows (or its own plan)

    def counts(self) -> tuple[int, int]:
        """(sections, tasks) that the import would create."""
        return (
            sum(1 for r in self.rows if r.role == "heading"),
            sum(1 for r in self.rows if r.role == "task"),
        )


def _task_row(task: ParsedTask) -> PreviewRow:
    fields = {k: getattr(task, k, None) for k in TASK_FIELDS if k != "note"}
    fields["note"] = task.note
    return PreviewRow("task", task.text, fields=fields)


def preview_of(doc: ParsedDocument) -> PreviewPlan:
    """Flatten a parsed plan into preview rows (document order)."""
    rows: list[PreviewRow] = []
    # a cover notice and the 总结 part stay as preamble rows; the user may drop them
    if doc.notice:
        role = "body" if doc.keep_notice else "drop"
        rows += [PreviewRow(role, p, origin="notice") for p in doc.notice.split("\n") if p]
    if doc.preamble:
        rows += [PreviewRow("body", p) for p in doc.preamble.split("\n") if p]
    rows += [_task_row(t) for t in doc.tasks]

    def walk(sec: ParsedSection) -> None:
        rows.append(
            PreviewRow(
                "heading",
                sec.heading,
                level=sec.level,
                run_in=sec.run_in,
                task_style=sec.task_style,
                fields={"note": sec.note} if sec.note else {},
            )
        )
        if sec.body:
            rows.extend(PreviewRow("body", p) for p in sec.body.split("\n") if p)
        rows.extend(_task_row(t) for t in sec.tasks)
        for child in sec.children:
            walk(child)

    if doc.summary:
        role = "body" if doc.summary_as == "preamble" else "drop"
        rows += [PreviewRow(role, p, origin="summary") for p in doc.summary_text().split("\n") if p]
    for sec in doc.sections:
        walk(sec)
    return PreviewPlan(
        doc.title,
        doc.year,
        doc.organization,
        rows,
        closing=doc.closing,
        doc_number=doc.doc_number,
        notice_title=doc.notice_title if doc.notice else None,
        traditional=doc.traditional,
        has_summary=bool(doc.summary),
    )


def previews_of(result: ImportResult) -> list[PreviewPlan]:
    """Every plan of a file; a 总结 part also as a plan of its own, left out until chosen."""
    plans: list[PreviewPlan] = []
    for doc in result.documents:
        plans.append(preview_of(doc))
        main = len(plans) - 1
        if doc.summary:
            data = ParsedDocument(
                title=doc.title, year=doc.year, organization=doc.organization, sections=[]
            )
            data.sections = doc.summary
            extra = preview_of(data)
            facts = doc.summary_plan() if doc.summary_as == "plan" else None
            if facts is None:
                saved, doc.summary_as = doc.summary_as, "plan"
                facts = doc.summary_plan()
                doc.summary_as = saved
            extra.title, extra.year = facts["title"], facts["year"]  # type: ignore[index]
            extra.include = doc.summary_as == "plan"
            extra.summary_of = main
            extra.traditional = doc.traditional
            plans.append(extra)
    return plans


def keep_notice(plan: PreviewPlan, keep: bool) -> None:
    """Keep the cover notice's text as the plan's preamble, or leave it out."""
    for row in plan.rows:
        if row.origin == "notice":
            row.role = "body" if keep else "drop"


def notice_kept(plan: PreviewPlan) -> bool:
    """True when the notice rows go into the preamble."""
    return any(r.origin == "notice" and r.role != "drop" for r in plan.rows)


SUMMARY_MODES = ("preamble", "plan", "drop")


def set_summary_mode(plans: list[PreviewPlan], index: int, mode: str) -> None:
    """The 总结 part of plan ``index``: its preamble, a plan of its own, or left out."""
    if mode not in SUMMARY_MODES:
        raise ValueError(mode)
    for row in plans[index].rows:
        if row.origin == "summary":
            row.role = "body" if mode == "preamble" else "drop"
    for plan in plans:
        if plan.summary_of == index:
            plan.include = mode == "plan"


def summary_mode(plans: list[PreviewPlan], index: int) -> str:
    """The current choice for the 总结 part of plan ``index``."""
    if any(p.summary_of == index and p.include for p in plans):
        return "plan"
    kept = any(r.origin == "summary" and r.role != "drop" for r in plans[index].rows)
    return "preamble" if kept else "drop"


def simplify(plan: PreviewPlan) -> None:
    """Store the plan in simplified script (OpenCC); the source is left as it is."""
    conv = script.to_simplified
    plan.title = conv(plan.title)
    plan.organization = conv(plan.organization) if plan.organization else plan.organization
    plan.closing = conv(plan.closing)
    for row in plan.rows:
        row.text = conv(row.text)
        row.fields = {k: conv(v) if isinstance(v, str) else v for k, v in row.fields.items()}
    plan.simplified = True


CHROME_KINDS = frozenset({"meta", "breadcrumb", "ad", "blurb", "page", "watermark", "paid"})


def chrome_lines(result: ImportResult) -> int:
    """How many source lines lost page chrome (metadata, breadcrumbs, widgets, adverts)."""
    lines: set[int] = set()
    for r in result.removed:
        if r.kind in CHROME_KINDS and len(r.pos):
            lines.add(result.stream.count("\n", 0, r.pos[0]))
    return len(lines)


def set_role(plan: PreviewPlan, index: int, role: str, level: int = 1) -> None:
    """Make row ``index`` a heading (of ``level``), a task, body text or dropped."""
    if role not in ROLES:
        raise ValueError(role)
    row = plan.rows[index]
    if role == "heading" and row.role != "heading":
        row.run_in = None
        row.task_style = None
    if row.role == "heading" and role != "heading" and row.run_in:
        row.text += row.run_in  # the mark that ended a run-in heading stays with the text
        row.run_in = None
    row.role = role
    row.level = max(1, level)


def merge_with_next(plan: PreviewPlan, index: int) -> bool:
    """Append the next row's text (and missing fields) to row ``index``; False if none."""
    if index + 1 >= len(plan.rows):
        return False
    row, nxt = plan.rows[index], plan.rows[index + 1]
    if row.role == "heading" and row.run_in:
        row.text += row.run_in
        row.run_in = None
    row.text += nxt.text
    for key, value in nxt.fields.items():
        if key == "note":
            row.fields["note"] = (row.fields.get("note") or "") + (value or "")
        elif value and not row.fields.get(key):
            row.fields[key] = value
    del plan.rows[index + 1]
    return True


def split_row(plan: PreviewPlan, index: int) -> int:
    """Split a task at its sentence ends (or, for one sentence, at its first comma).

    Returns the number of rows it became (1 when it cannot be split).
    """
    row = plan.rows[index]
    spans = P.split_sentences(row.text)
    if len(spans) <= 1:
        cut = row.text.find("，")
        if cut <= 0 or cut >= len(row.text) - 1:
            return 1
        spans = [(0, cut + 1), (cut + 1, len(row.text))]
    pieces = [row.text[a:b] for a, b in spans]
    new_rows = [PreviewRow(row.role, pieces[0], level=row.level, fields=dict(row.fields))]
    new_rows += [PreviewRow(row.role, p, level=row.level) for p in pieces[1:]]
    plan.rows[index : index + 1] = new_rows
    return len(new_rows)


def to_document(plan: PreviewPlan) -> dict[str, Any]:
    """The plan in the JSON shape of ``import --json``, ready for ``store_document``."""
    doc: dict[str, Any] = {
        "title": plan.title,
        "year": plan.year,
        "organization": plan.organization or None,
        "preamble": "",
        "closing": "",
        **signing_fields(plan.closing),
        "doc_number": plan.doc_number,
        "sections": [],
        "tasks": [],
    }
    stack: list[dict[str, Any]] = []
    for row in plan.rows:
        if row.role == "drop":
            continue
        if row.role == "heading":
            level = min(max(row.level, 1), len(stack) + 1)
            del stack[level - 1 :]
            sec = {
                "heading": row.text,
                "level": level,
                "body": "",
                "run_in": row.run_in,
                "task_style": row.task_style,
                "tasks": [],
                "children": [],
            }
            if row.fields.get("note"):
                sec["note"] = row.fields["note"]  # a responsibility tail of the heading
            (stack[-1]["children"] if stack else doc["sections"]).append(sec)
            stack.append(sec)
        elif row.role == "task":
            task = {"text": row.text}
            task.update({k: v for k, v in row.fields.items() if v})
            (stack[-1]["tasks"] if stack else doc["tasks"]).append(task)
        else:
            holder = stack[-1] if stack else doc
            key = "body" if stack else "preamble"
            holder[key] = (holder[key] + "\n" + row.text) if holder[key] else row.text

    def fix_style(sec: dict[str, Any]) -> None:
        if not sec["tasks"]:
            sec["task_style"] = None
        elif not sec["task_style"]:
            sec["task_style"] = TaskStyle.SENTENCES
        for child in sec["children"]:
            fix_style(child)

    for sec in doc["sections"]:
        fix_style(sec)
    return doc
