"""TaskView: one task as a row of tasks shows it — the task table, the reports and the
task-table export — and the readers that build them for a plan in a few SQL batches.

A TaskView holds the task's own fields and what each of those views derives: the plan,
the place in the outline (sequence, number, full number, sections), the units named, the
due date, the light by 序时进度 on a reference day, the notes and the evidence count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from models import clock, outline
from models.entities import Node, Plan, ProgressEntry, row_to
from models.errors import NotFoundError
from models.store.db import Database
from models.text.clean import strip_end
from models.text.dates import cn_date
from models.text.deadlines import parse_iso
from models.text.numbering import outline_numbers
from models.text.units import split_names
from models.tracking.common import task_node
from models.tracking.lights import light_for, task_start
from models.tracking.progress import latest_progress
from models.tracking.settings import DEFAULT_MARGIN, DEFAULT_WITHIN, tracking_settings
from models.vocab import TASK_STATUS, Light, NodeKind, TaskState, TaskStatus, label


@dataclass(frozen=True, slots=True)
class Place:
    """Where tasks sit: the plan and the parent section; shared by the tasks of a parent."""

    plan_id: int
    plan_title: str
    plan_year: int | None
    parent_id: int | None
    heading: str  # the parent's heading
    path: tuple[str, ...]  # numbered headings of the sections above, top first
    top_section_id: int | None  # the top-level node above, when it is a section


@dataclass(frozen=True, slots=True)
class TaskView:
    """A task with what its row shows; text fields are '' when blank."""

    node_id: int
    place: Place
    text: str
    note: str
    lead_leader: str
    owner_unit: str
    co_units: str
    owner_person: str
    deadline: str  # 完成时限 as written (6月底前)
    due_date: dt.date | None  # the date it means
    target: str
    status: str
    progress: int
    seq: int  # 1-based position among the plan's tasks in document order
    number: str  # the task's own outline label ('' for tasks written as sentences)
    full_number: str  # with the parents' numbers in front (二（一）3.); unique in the plan
    units: tuple[str, ...]  # the 责任单位 named in owner_unit
    light: Light | None  # on the reference day; None for a done or suspended task
    days_left: int | None  # to the due date, on the reference day
    state: TaskState  # the report state on the reference day (they add up to the total)
    latest: ProgressEntry | None  # the latest note (up to the period's end, if one is asked)
    notes: tuple[ProgressEntry, ...] = ()  # the notes within the period asked (reports)
    evidence: int = 0  # number of 佐证材料 files attached
    checkpoint_id: int | None = None  # set on a 催办单 item that is a task's checkpoint
    checkpoint_title: str = ""

    @property
    def plan_id(self) -> int:
        return self.place.plan_id

    @property
    def plan_title(self) -> str:
        return self.place.plan_title

    @property
    def plan_year(self) -> int | None:
        return self.place.plan_year

    @property
    def parent_id(self) -> int | None:
        return self.place.parent_id

    @property
    def section_id(self) -> int | None:
        """The section the task sits in (its parent)."""
        return self.place.parent_id

    @property
    def section_heading(self) -> str:
        return self.place.heading

    @property
    def section_path(self) -> tuple[str, ...]:
        return self.place.path

    @property
    def top_section_id(self) -> int | None:
        return self.place.top_section_id

    @property
    def days_late(self) -> int:
        """Days past the due date of a task followed up (0 when not late)."""
        left = self.days_left
        return -left if self.light and left is not None and left < 0 else 0

    @property
    def status_label(self) -> str:
        """The status in Chinese (未开始 / 进行中 / 已完成 / 暂缓)."""
        return label(TASK_STATUS, self.status)

    @property
    def state_label(self) -> str:
        """The report state in Chinese (正常推进, 逾期未完成 …)."""
        return self.state.label

    @property
    def core(self) -> str:
        """The task text without its closing punctuation, to be used inside a sentence."""
        return strip_end(self.text)

    @property
    def item_text(self) -> str:
        """The task without closing punctuation; for a checkpoint ``task（checkpoint）``."""
        if self.checkpoint_id is None:
            return self.core
        name = self.checkpoint_title or (cn_date(self.due_date) if self.due_date else "")
        return f"{self.core}（{name}）" if name else self.core

    @property
    def deadline_text(self) -> str:
        """完成时限 as written, else the due date, else empty."""
        if self.deadline:
            return self.deadline
        return cn_date(self.due_date) if self.due_date else ""


@dataclass(frozen=True, slots=True)
class Notes:
    """The notes read for the views: the latest of each task, and those of a period."""

    latest: dict[int, ProgressEntry]
    in_period: dict[int, tuple[ProgressEntry, ...]]


def _full_prefixes(nodes: list[Node], numbers: dict[int, str]) -> dict[int, str]:
    """Each node's number with its parents' in front (二（一）3.), without 、."""
    out: dict[int, str] = {}
    for node in nodes:  # document order: a parent comes before its children
        own = numbers.get(node.id, "").rstrip("、")
        parent = "" if node.parent_id is None else out.get(node.parent_id, "")
        out[node.id] = parent + own
    return out


def state_of(status: str, light: str | None) -> TaskState:
    """The report state of a task with ``status`` and ``light``."""
    if status == TaskStatus.DONE:
        return TaskState.DONE
    if status == TaskStatus.SUSPENDED:
        return TaskState.SUSPENDED
    if light == Light.RED:
        return TaskState.OVERDUE
    if status == TaskStatus.NOT_STARTED:
        return TaskState.NOT_STARTED
    return TaskState.ON_TRACK


def _place(
    plan: Plan, parent_id: int | None, by_id: dict[int, Node], numbers: dict[int, str]
) -> Place:
    """The place of the tasks under ``parent_id``."""
    parent = by_id.get(parent_id) if parent_id is not None else None
    path: list[str] = []
    top = parent
    while top is not None:
        if top.kind == NodeKind.SECTION:
            path.append(f"{numbers.get(top.id, '')}{top.heading}")
        if top.parent_id is None or top.parent_id not in by_id:
            break
        top = by_id[top.parent_id]
    top_id = top.id if top is not None and top.kind == NodeKind.SECTION else None
    heading = parent.heading if parent is not None else ""
    return Place(plan.id, plan.title, plan.year, parent_id, heading, tuple(reversed(path)), top_id)


def build_task_views(
    plan: Plan,
    nodes: list[Node],
    *,
    today: dt.date | None = None,
    within: int = DEFAULT_WITHIN,
    margin: int = DEFAULT_MARGIN,
    notes: Notes | None = None,
    evidence: dict[int, int] | None = None,
    keep: Collection[int] | None = None,
) -> list[TaskView]:
    """The views of the tasks of ``nodes`` (one plan's outline, document order), from data
    already read: no database, so an export can build them from its snapshot.

    ``keep``: only these task ids (the sequence numbers still count every task).
    """
    today = today or clock.today()
    numbers = outline_numbers(nodes)
    prefixes = _full_prefixes(nodes, numbers)
    by_id = {n.id: n for n in nodes}
    plan_start = task_start(plan.year, None)
    latest = notes.latest if notes else {}
    in_period = notes.in_period if notes else {}
    evidence = evidence or {}
    unnumbered: dict[int | None, int] = {}
    # what tasks share is worked out once: their parent's place, a due date, the units
    places: dict[int | None, Place] = {}
    dues: dict[str | None, dt.date | None] = {}
    units_of: dict[str | None, tuple[str, ...]] = {}
    task_kind = NodeKind.TASK
    views: list[TaskView] = []
    seq = 0
    for n in nodes:
        if n.kind != task_kind:
            continue
        seq += 1
        # tasks written as sentences or paragraphs carry no number: count them
        unnumbered[n.parent_id] = index = unnumbered.get(n.parent_id, 0) + 1
        if keep is not None and n.id not in keep:
            continue
        full = prefixes[n.id]
        if not numbers.get(n.id):
            full = f"{full}-{index}" if full else str(index)
        place = places.get(n.parent_id)
        if place is None:
            place = places[n.parent_id] = _place(plan, n.parent_id, by_id, numbers)
        due_text = n.due_date
        if due_text not in dues:
            dues[due_text] = parse_iso(due_text.strip()[:10]) if due_text else None
        due = dues[due_text]
        units = units_of.get(n.owner_unit)
        if units is None:
            units = units_of[n.owner_unit] = tuple(split_names(n.owner_unit))
        light = light_for(
            status=n.status,
            progress=n.progress,
            due=due,
            today=today,
            within=within,
            margin=margin,
            start=plan_start or task_start(None, n.created_at),
        )
        left = (due - today).days if due is not None else None
        views.append(
            TaskView(
                node_id=n.id,
                place=place,
                text=n.text,
                note=n.note,
                lead_leader=n.lead_leader or "",
                owner_unit=n.owner_unit or "",
                co_units=n.co_units or "",
                owner_person=n.owner_person or "",
                deadline=n.deadline or "",
                due_date=due,
                target=n.target or "",
                status=n.status,
                progress=n.progress,
                seq=seq,
                number=numbers.get(n.id, ""),
                full_number=full,
                units=units,
                light=light,
                days_left=left,
                state=state_of(n.status, light),
                latest=latest.get(n.id),
                notes=in_period.get(n.id, ()),
                evidence=evidence.get(n.id, 0),
            )
        )
    return views


def _notes_of_period(db: Database, plan_id: int, period: tuple[dt.date, dt.date]) -> Notes:
    """Each task's notes dated within ``period`` and its latest up to the period's end."""
    start, end = period
    latest: dict[int, ProgressEntry] = {}
    in_period: dict[int, list[ProgressEntry]] = {}
    for r in db.query(
        "SELECT p.* FROM progress_log p JOIN nodes n ON n.id = p.task_id "
        "WHERE n.plan_id = ? ORDER BY p.entry_date, p.id",
        (plan_id,),
    ):
        entry = row_to(ProgressEntry, r)
        day = parse_iso(str(entry.entry_date).strip()[:10]) if entry.entry_date else None
        if day is None or day > end:
            continue
        latest[entry.task_id] = entry
        if start <= day:
            in_period.setdefault(entry.task_id, []).append(entry)
    return Notes(latest, {k: tuple(v) for k, v in in_period.items()})


@dataclass(frozen=True, slots=True)
class PlanViews:
    """A plan, its outline (document order) and the views of its tasks."""

    plan: Plan
    nodes: list[Node]
    views: list[TaskView]
    within: int  # the "due within N days" the lights were judged by


def read_plan_views(
    db: Database,
    plan_id: int,
    *,
    section_id: int | None = None,
    task_ids: Iterable[int] | None = None,
    today: dt.date | None = None,
    within: int | None = None,
    period: tuple[dt.date, dt.date] | None = None,
) -> PlanViews:
    """The tasks of a plan (or of one section's subtree, or only ``task_ids``) in document
    order, on ``today`` (default: models/clock.py), with the plan and outline they came from.

    Reads the plan, its outline, the settings, the notes and the evidence counts: one
    query each. ``within`` overrides the tracking setting "due within N days". With a
    ``period`` (first day, last day) each view carries its notes of the period and
    ``latest`` is the latest note up to the period's end; without one, the latest of all.
    """
    from models.evidence.store import counts_by_task

    plan = outline.get_plan(db, plan_id)
    nodes = outline.load_outline(db, plan_id)
    settings = tracking_settings(db)
    within = settings.within_days if within is None else within
    if period is None:
        notes = Notes(latest_progress(db, plan_id), {})
    else:
        notes = _notes_of_period(db, plan_id, period)
    keep: set[int] | None = None
    if section_id is not None:
        keep = set(outline.subtree_ids(db, section_id))
    if task_ids is not None:
        wanted = set(task_ids)
        keep = wanted if keep is None else keep & wanted
    views = build_task_views(
        plan,
        nodes,
        today=today,
        within=within,
        margin=settings.behind_margin,
        notes=notes,
        evidence=counts_by_task(db, plan_id),
        keep=keep,
    )
    return PlanViews(plan, nodes, views, within)


def read_task_views(
    db: Database,
    plan_id: int,
    *,
    section_id: int | None = None,
    task_ids: Iterable[int] | None = None,
    today: dt.date | None = None,
) -> list[TaskView]:
    """The views of a plan's tasks (see read_plan_views), e.g. for the task table."""
    return read_plan_views(db, plan_id, section_id=section_id, task_ids=task_ids, today=today).views


def read_task_view(db: Database, task_id: int, today: dt.date | None = None) -> TaskView:
    """One task's view (its sequence number included), e.g. to refresh one table row."""
    node = task_node(db, task_id)
    for view in read_task_views(db, node.plan_id, task_ids=[task_id], today=today):
        return view
    raise NotFoundError(f"找不到编号为 {task_id} 的条目。")
