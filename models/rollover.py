"""Rollover: draft next year's plan from last year's, with year-aware text and a review list.

The new plan has the same outline. The plan's own year changes where the text names it
(title, preamble, headings, task texts); other years stay and are listed for review when
they are no longer in the future. Tasks start afresh (status, progress, no progress log),
their deadlines and checkpoints move by the same number of years, and each new task keeps
``carried_from`` = the old task. The old plan is never changed, and the whole rollover is
one transaction.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from models import clock, outline, tracking
from models.entities import Node, Plan
from models.errors import InvalidOperationError
from models.store.db import Database
from models.text.years import (
    YearMention,
    shift_all_years_in_text,
    shift_years_in_text,
    year_mentions,
)
from models.vocab import DONE_STATUSES, NodeKind, PlanStatus, ReviewKind, TaskStatus

log = logging.getLogger(__name__)

CARRY_MODES = ("all", "unfinished")

# Review kinds (labels in models/vocab.py REVIEW_KIND).
STALE_YEAR = ReviewKind.STALE_YEAR
RELATIVE_WORD = ReviewKind.RELATIVE_WORD
UNFINISHED = ReviewKind.UNFINISHED
CARRIED_TWICE = ReviewKind.CARRIED_TWICE
LEFT_OUT = ReviewKind.LEFT_OUT
REVIEW_KINDS = (STALE_YEAR, RELATIVE_WORD, UNFINISHED, CARRIED_TWICE, LEFT_OUT)

# Words whose meaning depends on when the text is read; listed, never changed.
RELATIVE_WORDS = (
    "本年度",
    "上一年",
    "下一年",
    "上年度",
    "今年",
    "明年",
    "去年",
    "前年",
    "后年",
    "上年",
    "本年",
    "当年",
    "次年",
    "来年",
)
_RELATIVE = re.compile("|".join(sorted(RELATIVE_WORDS, key=len, reverse=True)))
_SENTENCE_END = "。；！？\n"
_EXCERPT = 36  # characters kept on each side of a match in a long sentence


def shift_date(iso: str | None, years: int) -> str | None:
    """Move an ISO date by whole years; 29 February becomes 28 February in a common year."""
    if not iso:
        return iso
    try:
        day = dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    year = day.year + years
    last = calendar.monthrange(year, day.month)[1]
    return day.replace(year=year, day=min(day.day, last)).isoformat()


def excerpt(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` around [start, end), shortened when it is long."""
    left = max((text.rfind(c, 0, start) for c in _SENTENCE_END), default=-1) + 1
    rights = [i for i in (text.find(c, end) for c in _SENTENCE_END) if i != -1]
    right = min(rights) + 1 if rights else len(text)
    if start - left > _EXCERPT:
        left = start - _EXCERPT
    if right - end > _EXCERPT:
        right = end + _EXCERPT
    return text[left:right].strip()


# ---------------------------------------------------------------- results
@dataclass(slots=True)
class ReviewItem:
    """One thing the user should look at in the new plan.

    ``node_id`` is the node of the new plan (None for the plan's own title, preamble or
    closing; for ``left_out`` it is None and ``old_node_id`` names the task left behind).
    ``text`` is the excerpt of the plan text concerned (no added wording).
    """

    kind: str
    node_id: int | None
    text: str
    plan_id: int | None = None
    field: str | None = None
    match: str | None = None
    old_node_id: int | None = None
    old_status: str | None = None
    old_progress: int | None = None
    old_due_date: str | None = None
    overdue: bool = False
    years: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form printed by ``rollover --json``."""
        return asdict(self)


@dataclass(slots=True)
class RolloverResult:
    """The new plan and its review list."""

    plan_id: int
    source_plan_id: int
    year: int
    review: list[ReviewItem] = field(default_factory=list)
    node_map: dict[int, int] = field(default_factory=dict)  # old node id -> new node id

    def to_dict(self) -> dict[str, Any]:
        """``{"plan_id": int, "review": [...]}`` as the CLI prints it."""
        return {
            "plan_id": self.plan_id,
            "source_plan_id": self.source_plan_id,
            "year": self.year,
            "review": [r.to_dict() for r in self.review],
        }


# ---------------------------------------------------------------- the rollover
class _Drafter:
    """Turns old texts into new ones and collects the review items on the way."""

    def __init__(self, old_year: int, new_year: int) -> None:
        self.old_year = old_year
        self.new_year = new_year
        self.years = new_year - old_year
        self.review: list[ReviewItem] = []
        self.plan_id: int | None = None

    def text(
        self,
        value: str | None,
        field_name: str,
        pending: list[tuple[str, str, YearMention | None, str]],
    ) -> str | None:
        """The plan-year-shifted text; stale years and relative words go to ``pending``."""
        if not value:
            return value
        new, kept = shift_years_in_text(value, self.old_year, self.new_year)
        for mention in kept:
            if mention.in_range and mention.range_end is None:
                continue  # a later year of a range: the range is judged by its first year
            last_year = mention.range_end if mention.in_range else mention.year
            if last_year is not None and last_year <= self.new_year:
                pending.append((STALE_YEAR, field_name, mention, new))
        self._relative(new, field_name, pending)
        return new

    def deadline(self, value: str | None, pending: list) -> str | None:
        """Deadline words: every year moves; what is still before the new year is listed."""
        new = shift_all_years_in_text(value, self.years)
        for mention in year_mentions(new or ""):
            if mention.in_range and mention.range_end is None:
                continue
            if (mention.range_end or mention.year) < self.new_year:
                pending.append((STALE_YEAR, "deadline", mention, new))
        if new:
            self._relative(new, "deadline", pending)
        return new

    @staticmethod
    def _relative(value: str, field_name: str, pending: list) -> None:
        for m in _RELATIVE.finditer(value):
            mention = YearMention(m.start(), m.end(), 0, False, False, span_end=m.end())
            pending.append((RELATIVE_WORD, field_name, mention, value))

    def flush(self, pending: list, node_id: int | None) -> None:
        """Turn the pending findings of one node into review items."""
        for kind, field_name, mention, value in pending:
            self.review.append(
                ReviewItem(
                    kind=kind,
                    node_id=node_id,
                    plan_id=self.plan_id,
                    field=field_name,
                    text=excerpt(value, mention.start, mention.span_end),
                    match=value[mention.start : mention.span_end].strip(),
                )
            )
        pending.clear()


def _plan_year(plan: Plan) -> int | None:
    if plan.year:
        return int(plan.year)
    mentions = year_mentions(plan.title)
    return mentions[0].year if mentions else None


def _carry_depths(db: Database, plan_id: int) -> dict[int, int]:
    """For each task of a plan: how many times in a row it was carried over before.

    Tasks that are new in the plan are absent. Follows ``carried_from`` back, at most 100
    steps (a loop, which the UI cannot make, ends there).
    """
    rows = db.query(
        "WITH RECURSIVE chain(start, prev, depth) AS ("
        " SELECT id, carried_from, 1 FROM nodes WHERE plan_id = ? AND kind = 'task'"
        " AND carried_from IS NOT NULL"
        " UNION ALL SELECT chain.start, n.carried_from, chain.depth + 1 FROM chain"
        " JOIN nodes n ON n.id = chain.prev WHERE n.carried_from IS NOT NULL"
        " AND chain.depth < 100)"
        " SELECT start, max(depth) FROM chain GROUP BY start",
        (plan_id,),
    )
    return {int(r[0]): int(r[1]) for r in rows}


def _plan_checkpoints(db: Database, plan_id: int) -> dict[int, list[Any]]:
    """The checkpoints of every task of a plan, by task id, in date order."""
    out: dict[int, list[Any]] = {}
    for row in db.query(
        "SELECT c.task_id, c.title, c.due_date, c.recurrence FROM checkpoints c "
        "JOIN nodes n ON n.id = c.task_id WHERE n.plan_id = ? "
        "ORDER BY c.due_date, c.id",
        (plan_id,),
    ):
        out.setdefault(int(row["task_id"]), []).append(row)
    return out


def _moved_checkpoints(rows: list[Any], years: int) -> list[tuple[str, str | None, str | None]]:
    """(title, due date, recurrence) of checkpoints moved by ``years``; no done dates, notes."""
    return [
        (
            shift_all_years_in_text(r["title"], years) or "",
            shift_date(r["due_date"], years),
            r["recurrence"],
        )
        for r in rows
    ]


def _copy_checkpoints(db: Database, rows: list[Any], new_task_id: int, years: int) -> None:
    """Copy checkpoints to a new task, dates moved; done dates and notes are not copied."""
    tracking.copy_checkpoints(db, new_task_id, _moved_checkpoints(rows, years))


def _task_values(
    drafter: _Drafter, task: Node, pending: list, *, keep_people: bool, keep_deadlines: bool
) -> dict[str, Any]:
    values: dict[str, Any] = {
        "text": drafter.text(task.text, "text", pending) or "",
        "note": drafter.text(task.note, "note", pending) or "",
        "lead_leader": task.lead_leader,
        "owner_unit": task.owner_unit,
        "co_units": task.co_units,
        "owner_person": task.owner_person if keep_people else None,
        "target": drafter.text(task.target, "target", pending),
        "frequency": task.frequency,
        "status": TaskStatus.NOT_STARTED,
        "progress": 0,
        "carried_from": task.id,
    }
    if keep_deadlines:
        values["deadline"] = drafter.deadline(task.deadline, pending)
        values["due_date"] = shift_date(task.due_date, drafter.years)
    else:
        values["deadline"] = None
        values["due_date"] = None
    return values


def _was_tracked(db: Database, nodes: list[Node]) -> bool:
    """Whether anyone followed the plan up: a task moved on from 未开始, or a progress note."""
    if any(
        n.kind == NodeKind.TASK and (n.status != TaskStatus.NOT_STARTED or n.progress)
        for n in nodes
    ):
        return True
    return (
        bool(
            db.scalar(
                "SELECT 1 FROM progress_log WHERE task_id IN "
                "(SELECT id FROM nodes WHERE plan_id = ?) LIMIT 1",
                (nodes[0].plan_id,),
            )
        )
        if nodes
        else False
    )


def _task_review(
    drafter: _Drafter, task: Node, new_id: int, today: dt.date, tracked: bool, depth: int
) -> None:
    """Last year's state of a carried task: unfinished or overdue, carried again and again.

    A plan nobody followed up (every task still 未开始, no progress note) says nothing
    about what was finished, so its tasks are not listed as unfinished.
    """
    if tracked and task.status not in DONE_STATUSES:
        overdue = bool(task.due_date and task.due_date < today.isoformat())
        drafter.review.append(
            ReviewItem(
                kind=UNFINISHED,
                node_id=new_id,
                plan_id=drafter.plan_id,
                text=task.text,
                old_node_id=task.id,
                old_status=task.status,
                old_progress=task.progress,
                old_due_date=task.due_date,
                overdue=overdue,
            )
        )
    if depth >= 1:
        drafter.review.append(
            ReviewItem(
                kind=CARRIED_TWICE,
                node_id=new_id,
                plan_id=drafter.plan_id,
                text=task.text,
                old_node_id=task.id,
                old_status=task.status,
                old_progress=task.progress,
                years=depth + 1,
            )
        )


def check_options(
    db: Database, plan_id: int, *, year: int | None = None, carry: str = "all"
) -> tuple[int, int]:
    """Check a rollover before doing it; returns (old year, new year).

    Raises:
        NotFoundError: no such plan.
        InvalidOperationError: bad carry mode, a plan without a year, or a target year
            not after the plan's year.
    """
    if carry not in CARRY_MODES:
        raise InvalidOperationError("结转方式应为“全部任务”或“仅未完成任务”。", detail=str(carry))
    old_year = _plan_year(outline.get_plan(db, plan_id))
    if old_year is None:
        raise InvalidOperationError("原计划没有年度，请先在计划属性中填写年度。")
    new_year = old_year + 1 if year is None else _check_year(year)
    if new_year <= old_year:
        raise InvalidOperationError(f"新计划的年度应晚于原计划的年度（{old_year}年）。")
    return old_year, new_year


def rollover(
    db: Database,
    plan_id: int,
    *,
    year: int | None = None,
    carry: str = "all",
    keep_people: bool = True,
    keep_deadlines: bool = True,
    today: dt.date | None = None,
) -> RolloverResult:
    """Draft the plan of ``year`` (default: the next year) from plan ``plan_id``.

    Args:
        carry: ``"all"`` copies every task; ``"unfinished"`` leaves the done ones out
            (each listed as ``left_out`` so it can be added back with :func:`add_back`).
        keep_people: keep the 责任人 (owner_person) of each task.
        keep_deadlines: keep 完成时限 and due dates (moved by the year difference).
        today: the date that decides what was overdue (default: the system date).

    Returns:
        The new plan's id and the review list.

    Raises:
        NotFoundError: no such plan.
        InvalidOperationError: bad options, or a target year not after the plan's year.
    """
    old = outline.get_plan(db, plan_id)
    old_year, new_year = check_options(db, plan_id, year=year, carry=carry)
    today = today or clock.today()
    drafter = _Drafter(old_year, new_year)
    nodes = outline.load_outline(db, plan_id)
    result = RolloverResult(plan_id=0, source_plan_id=plan_id, year=new_year)
    tracked = _was_tracked(db, nodes)
    depths = _carry_depths(db, plan_id)
    checkpoints = _plan_checkpoints(db, plan_id) if keep_deadlines else {}
    next_position: dict[int | None, int] = {}

    def place(parent: int | None) -> int:
        position = next_position.get(parent, 0)
        next_position[parent] = position + 1
        return position

    with db.transaction():
        pending: list = []
        plan_values = {
            "title": drafter.text(old.title, "title", pending),
            "preamble": drafter.text(old.preamble, "preamble", pending) or "",
            "closing": drafter.text(old.closing, "closing", pending) or "",
        }
        new_id = outline.create_plan(
            db,
            **plan_values,
            year=new_year,
            organization=old.organization,
            kind=old.kind,
            issuer=old.issuer,
            signed_by=old.signed_by,
            # moved like the closing's written date: the draft prints a 成文日期 of its own year
            # (the clerk corrects the day), never a blank or the export day
            signed_date=shift_date(old.signed_date, new_year - old_year),
            status=PlanStatus.DRAFT,
            source_plan_id=plan_id,
        )
        drafter.plan_id = new_id
        result.plan_id = new_id
        drafter.flush(pending, None)
        node_map = result.node_map
        # Ids are planned here and every row is written in one batch at the end
        # (outline.insert_copied_nodes): one statement per column set, not one per node.
        next_id = outline.next_node_id(db)
        rows: list[tuple[int, int, int | None, int, str, dict[str, Any]]] = []
        checkpoint_rows: list[tuple[int, str, str | None, str | None]] = []
        # Document order guarantees a parent is copied before its children, and keeps
        # tasks before sub-sections within a section.
        for node in nodes:
            parent = None if node.parent_id is None else node_map[node.parent_id]
            if node.kind == NodeKind.SECTION:
                values = {
                    "heading": drafter.text(node.heading, "heading", pending) or "",
                    "body": drafter.text(node.body, "body", pending) or "",
                    "task_style": node.task_style,
                    "run_in": node.run_in,
                    "note": drafter.text(node.note, "note", pending) or "",
                }
                node_map[node.id] = next_id
                rows.append((next_id, new_id, parent, place(parent), NodeKind.SECTION, values))
                next_id += 1
                drafter.flush(pending, node_map[node.id])
                continue
            if carry == "unfinished" and node.status in DONE_STATUSES:
                drafter.review.append(
                    ReviewItem(
                        kind=LEFT_OUT,
                        node_id=None,
                        plan_id=new_id,
                        text=node.text,
                        old_node_id=node.id,
                        old_status=node.status,
                        old_progress=node.progress,
                    )
                )
                continue
            values = _task_values(
                drafter, node, pending, keep_people=keep_people, keep_deadlines=keep_deadlines
            )
            task_id = next_id
            next_id += 1
            rows.append((task_id, new_id, parent, place(parent), NodeKind.TASK, values))
            node_map[node.id] = task_id
            drafter.flush(pending, task_id)
            # dated checkpoints make no sense once 完成时限 is cleared: none are loaded then
            checkpoint_rows += [
                (task_id, *values)
                for values in _moved_checkpoints(checkpoints.get(node.id, []), drafter.years)
            ]
            _task_review(drafter, node, task_id, today, tracked, depths.get(node.id, 0))
        # sections first: every task's parent exists before the tasks' statement runs
        rows.sort(key=lambda row: row[4] != NodeKind.SECTION)
        outline.insert_copied_nodes(db, rows)
        tracking.add_checkpoint_rows(db, checkpoint_rows)
    result.review = drafter.review
    log.info(
        "rolled plan %d (%s) over to plan %d (%s): %d nodes, %d review items",
        plan_id,
        old_year,
        new_id,
        new_year,
        len(node_map),
        len(result.review),
    )
    return result


def _check_year(year: Any) -> int:
    try:
        value = int(year)
    except (TypeError, ValueError):
        raise InvalidOperationError("年度必须是四位数字，例如 2025。") from None
    if not 1900 <= value <= 2999:
        raise InvalidOperationError("年度必须是四位数字，例如 2025。")
    return value


# ---------------------------------------------------------------- adding a task back
def _section_path(db: Database, node_id: int | None) -> list[Node]:
    path: list[Node] = []
    current = node_id
    while current is not None:
        node = outline.get_node(db, current)
        path.append(node)
        current = node.parent_id
    return list(reversed(path))


def _matching_section(
    db: Database, new_plan: Plan, old_year: int, old_path: list[Node]
) -> int | None:
    """The section of the new plan that corresponds to an old section path."""
    parent: int | None = None
    for old_section in old_path:
        heading, _ = shift_years_in_text(old_section.heading, old_year, new_plan.year or old_year)
        sections = [
            n for n in outline.children(db, new_plan.id, parent) if n.kind == NodeKind.SECTION
        ]
        same = [n for n in sections if n.heading in (heading, old_section.heading)]
        if same:
            parent = same[0].id
            continue
        # fall back to the same place among the sections, if it is still there
        old_rank = sum(
            1
            for n in outline.children(db, old_section.plan_id, old_section.parent_id)
            if n.kind == NodeKind.SECTION and n.position < old_section.position
        )
        if old_rank < len(sections):
            parent = sections[old_rank].id
        else:
            return parent
    return parent


def add_back(
    db: Database,
    new_plan_id: int,
    old_task_id: int,
    *,
    keep_people: bool = True,
    keep_deadlines: bool = True,
) -> int:
    """Copy a task that a rollover left out into the new plan; returns the new task id.

    The task goes into the section that corresponds to its old section, after the
    carried tasks that came before it. Raises InvalidOperationError when the task is
    already in the new plan or is not from the plan the new one was rolled over from.
    """
    new_plan = outline.get_plan(db, new_plan_id)
    task = outline.get_node(db, old_task_id)
    if task.kind != NodeKind.TASK:
        raise InvalidOperationError("只能补回任务。")
    if new_plan.source_plan_id != task.plan_id:
        raise InvalidOperationError("该任务不属于新计划所依据的原计划。")
    if db.scalar(
        "SELECT 1 FROM nodes WHERE plan_id = ? AND carried_from = ?", (new_plan_id, old_task_id)
    ):
        raise InvalidOperationError("该任务已在新计划中。")
    old_plan = outline.get_plan(db, task.plan_id)
    old_year = _plan_year(old_plan) or new_plan.year or 0
    drafter = _Drafter(old_year, new_plan.year or old_year + 1)
    drafter.plan_id = new_plan_id
    with db.transaction():
        parent = _matching_section(db, new_plan, old_year, _section_path(db, task.parent_id))
        siblings = outline.children(db, new_plan_id, parent)
        tasks = [n for n in siblings if n.kind == NodeKind.TASK]
        earlier = {
            n.id
            for n in outline.children(db, task.plan_id, task.parent_id)
            if n.kind == NodeKind.TASK and n.position < task.position
        }
        position = 0
        for n in tasks:
            if n.carried_from in earlier:
                position = n.position + 1
        pending: list = []
        values = _task_values(
            drafter, task, pending, keep_people=keep_people, keep_deadlines=keep_deadlines
        )
        new_id = outline.add_node(db, new_plan_id, parent, NodeKind.TASK, position, **values)
        if keep_deadlines:
            rows = db.query(
                "SELECT title, due_date, recurrence FROM checkpoints "
                "WHERE task_id = ? ORDER BY due_date, id",
                (task.id,),
            )
            _copy_checkpoints(db, rows, new_id, drafter.years)
    log.info("added task %d back into plan %d as %d", old_task_id, new_plan_id, new_id)
    return new_id
