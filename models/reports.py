"""Report content computed from the recorded progress: periods, progress report, 督查通报,
催办单 and the draft 年度工作总结.

Everything here is plain data (no Qt, no file formats); export/reports_docx.py and
export/reports_xlsx.py lay it out. Each sentence of the draft summary is built from the plan
text, a progress note or a status, never invented; where nothing was recorded the draft holds
a bracketed placeholder for the writer.

Status at report time: tasks keep one current status and progress, so a report shows what is
recorded now; "overdue" and "days late" are computed as of ``as_of = min(today, period end)``.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field, replace

from models import clock, outline, tracking
from models.entities import Node, Plan, ProgressEntry, row_to
from models.errors import InvalidOperationError
from models.store.db import Database
from models.text.numbering import outline_numbers
from models.text.numerals import cn_numeral
from models.text.units import split_names
from models.vocab import TASK_STATUS, label

# Report kinds: code -> label (the CLI's --kind values and the dialog's choices)
REPORT_KINDS = {
    "progress": "进展情况报告",
    "bulletin": "督查通报",
    "reminder": "催办单",
    "summary": "年度工作总结（草稿）",
}
# Task states in a report: mutually exclusive, they add up to the total.
STATE = {
    "done": "已完成",
    "on_track": "正常推进",
    "overdue": "逾期未完成",
    "not_started": "未启动",
    "suspended": "暂缓",
}
NO_UNIT = "未明确责任单位"
PLACEHOLDER_SECTION = "【本部分暂无进展记录，请补充……】"
PLACEHOLDER_OVERVIEW = "【总体情况概述待补充……】"
PLACEHOLDER_NEXT = "【下一步工作打算待补充……】"

_END_PUNCT = "。；;，,、：: \u3000"


# ---------------------------------------------------------------- periods
@dataclass(frozen=True, slots=True)
class Period:
    """A closed date range [start, end] with its Chinese name (2025年第一季度)."""

    start: dt.date
    end: dt.date
    label: str

    def contains(self, day: dt.date | str | None) -> bool:
        """True when ``day`` (a date or ISO text) lies within the period, ends included."""
        if day is None:
            return False
        if isinstance(day, str):
            parsed = _parse_day(day)
            if parsed is None:
                return False
            day = parsed
        return self.start <= day <= self.end

    @property
    def range_text(self) -> str:
        """``2025年1月1日至2025年3月31日``."""
        return f"{cn_date(self.start)}至{cn_date(self.end)}"


def cn_date(day: dt.date) -> str:
    """``2025年3月5日`` (Arabic numerals, no zero padding, as GB/T 9704 writes dates)."""
    return f"{day.year}年{day.month}月{day.day}日"


def _parse_day(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(str(text).strip()[:10])
    except ValueError:
        return None


def month_period(year: int, month: int) -> Period:
    """One calendar month."""
    if not 1 <= month <= 12:
        raise InvalidOperationError("月份应在1到12之间。")
    last = calendar.monthrange(year, month)[1]
    return Period(dt.date(year, month, 1), dt.date(year, month, last), f"{year}年{month}月")


def quarter_period(year: int, quarter: int) -> Period:
    """Quarter 1–4: 1 Jan–31 Mar, 1 Apr–30 Jun, 1 Jul–30 Sep, 1 Oct–31 Dec."""
    if not 1 <= quarter <= 4:
        raise InvalidOperationError("季度应在1到4之间。")
    first = 3 * quarter - 2
    last = 3 * quarter
    end = dt.date(year, last, calendar.monthrange(year, last)[1])
    return Period(dt.date(year, first, 1), end, f"{year}年第{cn_numeral(quarter)}季度")


def half_period(year: int, half: int) -> Period:
    """Half 1 = 1 Jan–30 Jun (上半年), half 2 = 1 Jul–31 Dec (下半年)."""
    if half == 1:
        return Period(dt.date(year, 1, 1), dt.date(year, 6, 30), f"{year}年上半年")
    if half == 2:
        return Period(dt.date(year, 7, 1), dt.date(year, 12, 31), f"{year}年下半年")
    raise InvalidOperationError("半年应为1（上半年）或2（下半年）。")


def year_period(year: int) -> Period:
    """The calendar year."""
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), f"{year}年度")


def range_period(start: dt.date, end: dt.date) -> Period:
    """Any date range; recognised whole months, quarters, halves and years get their name."""
    if start > end:
        raise InvalidOperationError("开始日期不能晚于结束日期。")
    if start.year == end.year:
        candidates = [
            year_period(start.year),
            half_period(start.year, 1),
            half_period(start.year, 2),
        ]
        candidates += [quarter_period(start.year, q) for q in range(1, 5)]
        candidates += [month_period(start.year, m) for m in range(1, 13)]
        for cand in candidates:
            if cand.start == start and cand.end == end:
                return cand
    return Period(start, end, f"{cn_date(start)}至{cn_date(end)}")


def period_from_text(start: str, end: str) -> Period:
    """A period from two ISO dates (the CLI's --from / --until)."""
    a, b = _parse_day(start), _parse_day(end)
    if a is None or b is None:
        raise InvalidOperationError("日期格式应为 YYYY-MM-DD，例如 2025-03-31。")
    return range_period(a, b)


def period_for_plan(
    plan: Plan, start: dt.date | None, end: dt.date | None, today: dt.date | None = None
) -> Period:
    """The period of a report when a date may be missing (the CLI's --from/--until).

    A missing start is 1 January of the end's year, a missing end 31 December of the
    start's year; with neither, the plan's year (today's year for a plan without one).
    """
    year = plan.year or (today or default_today()).year
    if start is None:
        start = dt.date(end.year if end is not None else year, 1, 1)
    if end is None:
        end = dt.date(start.year, 12, 31)
    return range_period(start, end)


def default_today() -> dt.date:
    """Today from models/clock.py (the one clock; tests can set it)."""
    return clock.today()


# ---------------------------------------------------------------- rows
@dataclass(slots=True)
class TaskRow:
    """One task as the reports show it."""

    node_id: int
    number: str
    text: str
    owner_unit: str
    lead_leader: str
    deadline: str
    due_date: dt.date | None
    status: str
    progress: int
    state: str
    days_late: int = 0
    days_left: int | None = None
    light: str = ""  # red / yellow / green / grey; "" for done and suspended tasks
    notes: list[ProgressEntry] = field(default_factory=list)
    last_note: ProgressEntry | None = None
    checkpoint_id: int | None = None  # set on a 催办单 item that is a task's checkpoint
    checkpoint_title: str = ""

    @property
    def item_text(self) -> str:
        """The task without closing punctuation; for a checkpoint ``task（checkpoint）``."""
        if self.checkpoint_id is None:
            return self.core
        name = self.checkpoint_title or (cn_date(self.due_date) if self.due_date else "")
        return f"{self.core}（{name}）" if name else self.core

    @property
    def status_label(self) -> str:
        """The status in Chinese (未开始 / 进行中 / 已完成 / 暂缓)."""
        return label(TASK_STATUS, self.status)

    @property
    def state_label(self) -> str:
        """The report state in Chinese (正常推进, 逾期未完成 …)."""
        return STATE[self.state]

    @property
    def core(self) -> str:
        """The task text without its closing punctuation, to be used inside a sentence."""
        return strip_end(self.text)

    @property
    def deadline_text(self) -> str:
        """完成时限 as written, else the due date, else empty."""
        if self.deadline:
            return self.deadline
        return cn_date(self.due_date) if self.due_date else ""

    @property
    def units(self) -> list[str]:
        """The 责任单位 named in owner_unit (one task may name several)."""
        return split_units(self.owner_unit)


def strip_end(text: str | None) -> str:
    """Text without trailing punctuation and spaces (so it can be embedded in a sentence)."""
    return (text or "").strip().rstrip(_END_PUNCT)


def split_units(owner_unit: str | None) -> list[str]:
    """``党政办、财政所`` → [党政办, 财政所]; empty → [未明确责任单位]."""
    return split_names(owner_unit) or [NO_UNIT]


@dataclass(slots=True)
class Totals:
    """Counts of the task states; completion rate in percent (one decimal)."""

    total: int = 0
    done: int = 0
    on_track: int = 0
    overdue: int = 0
    not_started: int = 0
    suspended: int = 0

    @property
    def completion_rate(self) -> float:
        """done / total × 100, rounded to one decimal (0.0 when there are no tasks)."""
        return round(self.done * 100.0 / self.total, 1) if self.total else 0.0

    @property
    def rate_text(self) -> str:
        """``66.7%``."""
        return f"{self.completion_rate:g}%"

    def add(self, row: TaskRow) -> None:
        """Count one task."""
        self.total += 1
        setattr(self, row.state, getattr(self, row.state) + 1)


@dataclass(slots=True)
class SectionBlock:
    """A section of the plan with its tasks (document order) and sub-sections."""

    node_id: int | None
    level: int
    number: str
    heading: str
    tasks: list[TaskRow] = field(default_factory=list)
    children: list[SectionBlock] = field(default_factory=list)

    def all_tasks(self) -> list[TaskRow]:
        """This section's tasks and those of every sub-section, in document order."""
        out = list(self.tasks)
        for child in self.children:
            out.extend(child.all_tasks())
        return out


@dataclass(slots=True)
class ReportBase:
    """What every report has: the plan, the period and the reference day."""

    plan: Plan
    period: Period
    as_of: dt.date
    totals: Totals


@dataclass(slots=True)
class ProgressReport(ReportBase):
    """进展情况报告: the outline with each task's state and notes of the period."""

    sections: list[SectionBlock] = field(default_factory=list)
    overdue: list[TaskRow] = field(default_factory=list)
    notes_in_period: int = 0
    # tasks without 佐证材料, listed only once the plan keeps any (models/evidence/)
    without_evidence: list[TaskRow] | None = None


@dataclass(slots=True)
class UnitStats:
    """One 责任单位 in the bulletin."""

    unit: str
    totals: Totals
    rank: int = 0
    overdue_items: list[TaskRow] = field(default_factory=list)


@dataclass(slots=True)
class Bulletin(ReportBase):
    """督查通报: units ranked by completion rate, with their overdue items."""

    units: list[UnitStats] = field(default_factory=list)
    overdue: list[TaskRow] = field(default_factory=list)


@dataclass(slots=True)
class ReminderSheet:
    """One 催办单: a unit's red and yellow items."""

    unit: str
    items: list[TaskRow] = field(default_factory=list)

    @property
    def red(self) -> int:
        """Number of overdue items."""
        return sum(1 for r in self.items if r.light == "red")

    @property
    def yellow(self) -> int:
        """Number of items due soon or behind schedule."""
        return sum(1 for r in self.items if r.light == "yellow")


@dataclass(slots=True)
class Reminders(ReportBase):
    """催办单 for every unit that has red or yellow items."""

    sheets: list[ReminderSheet] = field(default_factory=list)
    yellow_days: int = tracking.DEFAULT_WITHIN


@dataclass(slots=True)
class SummarySection:
    """A section of the draft summary: heading and draft paragraphs, then sub-sections."""

    level: int
    number: str
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    children: list[SummarySection] = field(default_factory=list)
    has_progress: bool = True


@dataclass(slots=True)
class SummaryDraft(ReportBase):
    """年度工作总结 (draft)."""

    title: str = ""
    opening: list[str] = field(default_factory=list)
    sections: list[SummarySection] = field(default_factory=list)
    closing: SummarySection | None = None
    unfinished: list[TaskRow] = field(default_factory=list)


# ---------------------------------------------------------------- loading
@dataclass(slots=True)
class _Loaded:
    plan: Plan
    nodes: list[Node]
    numbers: dict[int, str]
    rows: dict[int, TaskRow]
    as_of: dt.date
    within: int


def _light_of(
    node: Node, as_of: dt.date, within: int, margin: int, start: dt.date | None
) -> tuple[str, int, int | None]:
    """(light, days late, days left) of a task on ``as_of``, by the due-list rules of
    models/tracking/lights.py (light "" for a done or suspended task, which is not followed up)."""
    due = _parse_day(node.due_date)
    days_left = (due - as_of).days if due is not None else None
    light = (
        tracking.light_for(
            status=node.status,
            progress=node.progress,
            due=due,
            today=as_of,
            within=within,
            margin=margin,
            start=start,
        )
        or ""
    )
    days_late = -days_left if light and days_left is not None and days_left < 0 else 0
    return light, days_late, days_left


def _state_of(node: Node, light: str, days_late: int) -> str:
    if node.status == "done":
        return "done"
    if node.status == "suspended":
        return "suspended"
    if light == "red":
        return "overdue"
    if node.status == "not_started":
        return "not_started"
    return "on_track"


def _load(
    db: Database,
    plan_id: int,
    period: Period,
    today: dt.date | None,
    yellow_days: int | None = None,
) -> _Loaded:
    plan = outline.get_plan(db, plan_id)
    settings = tracking.tracking_settings(db)
    within = settings.within_days if yellow_days is None else yellow_days
    plan_start = dt.date(plan.year, 1, 1) if plan.year else None
    nodes = outline.load_outline(db, plan_id)
    numbers = outline_numbers(nodes)
    today = today or default_today()
    as_of = min(today, period.end)
    entries = [
        row_to(ProgressEntry, r)
        for r in db.query(
            "SELECT p.* FROM progress_log p JOIN nodes n ON n.id = p.task_id "
            "WHERE n.plan_id = ? ORDER BY p.entry_date, p.id",
            (plan_id,),
        )
    ]
    by_task: dict[int, list[ProgressEntry]] = {}
    for entry in entries:
        by_task.setdefault(entry.task_id, []).append(entry)
    rows: dict[int, TaskRow] = {}
    for node in nodes:
        if node.kind != "task":
            continue
        start = plan_start or _parse_day(node.created_at)  # 序时进度 counts from here
        light, late, left = _light_of(node, as_of, within, settings.behind_margin, start)
        mine = by_task.get(node.id, [])
        upto = [e for e in mine if (_parse_day(e.entry_date) or dt.date.max) <= period.end]
        rows[node.id] = TaskRow(
            node_id=node.id,
            number=numbers.get(node.id, ""),
            text=node.text,
            owner_unit=node.owner_unit or "",
            lead_leader=node.lead_leader or "",
            deadline=node.deadline or "",
            due_date=_parse_day(node.due_date),
            status=node.status,
            progress=node.progress,
            state=_state_of(node, light, late),
            days_late=late,
            days_left=left,
            light=light,
            notes=[e for e in mine if period.contains(e.entry_date)],
            last_note=upto[-1] if upto else None,
        )
    return _Loaded(plan, nodes, numbers, rows, as_of, within)


def _blocks(loaded: _Loaded) -> list[SectionBlock]:
    """The outline as SectionBlocks; top-level tasks go into a block without heading."""
    by_parent: dict[int | None, list[Node]] = {}
    for node in loaded.nodes:
        by_parent.setdefault(node.parent_id, []).append(node)

    def build(node: Node, level: int) -> SectionBlock:
        block = SectionBlock(node.id, level, loaded.numbers.get(node.id, ""), node.heading)
        for kid in by_parent.get(node.id, []):
            if kid.kind == "task":
                block.tasks.append(loaded.rows[kid.id])
            else:
                block.children.append(build(kid, level + 1))
        return block

    top = by_parent.get(None, [])
    blocks: list[SectionBlock] = []
    loose = [loaded.rows[n.id] for n in top if n.kind == "task"]
    if loose:
        blocks.append(SectionBlock(None, 0, "", "", tasks=loose))
    blocks.extend(build(n, 1) for n in top if n.kind == "section")
    return blocks


def _totals(rows: list[TaskRow]) -> Totals:
    totals = Totals()
    for row in rows:
        totals.add(row)
    return totals


def _overdue_sorted(rows: list[TaskRow]) -> list[TaskRow]:
    late = [r for r in rows if r.state == "overdue"]
    return sorted(late, key=lambda r: (-r.days_late, r.owner_unit, r.node_id))


# ---------------------------------------------------------------- reports
def progress_report(
    db: Database, plan_id: int, period: Period, today: dt.date | None = None
) -> ProgressReport:
    """进展情况报告 of one plan for a period.

    Args:
        db: the database.
        plan_id: the plan.
        period: the reporting period; notes dated within it (ends included) are listed.
        today: the reference day (default: models/clock.py); overdue is judged on
            ``min(today, period.end)``.
    """
    loaded = _load(db, plan_id, period, today)
    rows = list(loaded.rows.values())
    return ProgressReport(
        plan=loaded.plan,
        period=period,
        as_of=loaded.as_of,
        totals=_totals(rows),
        sections=_blocks(loaded),
        overdue=_overdue_sorted(rows),
        notes_in_period=sum(len(r.notes) for r in rows),
        without_evidence=_without_evidence(db, plan_id, rows),
    )


def _without_evidence(db: Database, plan_id: int, rows: list[TaskRow]) -> list[TaskRow] | None:
    """The tasks of ``rows`` without evidence; None while the plan keeps none at all."""
    from models.evidence.store import counts_by_task

    have = counts_by_task(db, plan_id)
    if not have:
        return None
    return [r for r in rows if r.node_id not in have]


def bulletin(db: Database, plan_id: int, period: Period, today: dt.date | None = None) -> Bulletin:
    """督查通报: per 责任单位 counts, completion rate and rank, with the overdue items.

    A task naming several units counts for each of them. Units are ranked by completion
    rate (high first), then fewer overdue items, then more tasks; equal keys share a rank.
    """
    loaded = _load(db, plan_id, period, today)
    rows = list(loaded.rows.values())
    per_unit: dict[str, list[TaskRow]] = {}
    for row in rows:
        for unit in row.units:
            per_unit.setdefault(unit, []).append(row)
    units = [
        UnitStats(unit, _totals(items), overdue_items=_overdue_sorted(items))
        for unit, items in per_unit.items()
    ]

    def key(u: UnitStats) -> tuple:
        return (-u.totals.completion_rate, u.totals.overdue, -u.totals.total)

    units.sort(key=lambda u: (*key(u), u.unit == NO_UNIT, u.unit))
    previous: tuple | None = None
    for index, stats in enumerate(units, start=1):
        if key(stats) != previous:
            rank = index
            previous = key(stats)
        stats.rank = rank
    return Bulletin(
        plan=loaded.plan,
        period=period,
        as_of=loaded.as_of,
        totals=_totals(rows),
        units=units,
        overdue=_overdue_sorted(rows),
    )


def _checkpoint_items(db: Database, loaded: _Loaded) -> list[TaskRow]:
    """Open checkpoints of open tasks that are red or yellow (tracking.checkpoint_light)."""
    out: list[TaskRow] = []
    rows = db.query(
        "SELECT c.id, c.task_id, c.title, c.due_date FROM checkpoints c JOIN nodes n "
        "ON n.id = c.task_id WHERE n.plan_id = ? AND c.done_date IS NULL "
        "ORDER BY c.due_date, c.id",
        (loaded.plan.id,),
    )
    for cp_id, task_id, title, due_text in rows:
        task = loaded.rows.get(task_id)
        if task is None or not task.light:  # done or suspended task: not followed up
            continue
        light = tracking.checkpoint_light(due_text, loaded.as_of, loaded.within)
        if light not in ("red", "yellow"):
            continue
        due = _parse_day(due_text)
        left = (due - loaded.as_of).days if due is not None else None
        out.append(
            replace(
                task,
                due_date=due,
                deadline="",
                light=light,
                days_left=left,
                days_late=-left if left is not None and left < 0 else 0,
                checkpoint_id=cp_id,
                checkpoint_title=title or "",
            )
        )
    return out


def reminders(
    db: Database,
    plan_id: int,
    period: Period,
    today: dt.date | None = None,
    yellow_days: int | None = None,
) -> Reminders:
    """催办单: for each 责任单位, its red (overdue) and yellow (due soon or behind 序时进度)
    open tasks and open checkpoints, by the due-list rules of models/tracking/due_items.py.

    ``yellow_days`` overrides the tracking setting "due within N days".

    Units without red or yellow items get no sheet. Items: red first (most days late
    first), then yellow (fewest days left first).
    """
    loaded = _load(db, plan_id, period, today, yellow_days)
    rows = list(loaded.rows.values())
    items = [r for r in rows if r.light in ("red", "yellow")]
    items += _checkpoint_items(db, loaded)
    per_unit: dict[str, list[TaskRow]] = {}
    for row in items:
        for unit in row.units:
            per_unit.setdefault(unit, []).append(row)
    sheets = []
    for unit in sorted(per_unit, key=lambda u: (u == NO_UNIT, u)):
        mine = sorted(
            per_unit[unit],
            key=lambda r: (
                r.light != "red",
                -r.days_late,
                r.days_left if r.days_left is not None else 10**6,
                r.node_id,
                r.checkpoint_id or 0,
            ),
        )
        sheets.append(ReminderSheet(unit, mine))
    return Reminders(
        plan=loaded.plan,
        period=period,
        as_of=loaded.as_of,
        totals=_totals(rows),
        sheets=sheets,
        yellow_days=loaded.within,
    )


# ---------------------------------------------------------------- the draft summary
def summary_title(plan: Plan) -> str:
    """The plan title with 工作计划/工作要点 turned into 工作总结."""
    title = plan.title.strip()
    for word in ("工作计划", "工作要点", "计划", "要点"):
        if word in title:
            return title.replace(word, "工作总结" if word.startswith("工作") else "总结", 1)
    if title.endswith("总结"):
        return title
    return f"{title}工作总结"


def _note_clause(row: TaskRow) -> str:
    """The notes of a task as one clause: their texts joined by commas."""
    parts = [strip_end(n.text) for n in row.notes if strip_end(n.text)]
    return "，".join(parts)


def _problems(row: TaskRow) -> str:
    """The latest recorded problem (存在问题) of the task in the period, if any."""
    for note in reversed(row.notes):
        if note.problems and strip_end(note.problems):
            return strip_end(note.problems)
    if row.last_note is not None and row.last_note.problems:
        return strip_end(row.last_note.problems)
    return ""


def _enumerate(clauses: list[str]) -> str:
    """一是…；二是…。"""
    return "；".join(f"{cn_numeral(i)}是{c}" for i, c in enumerate(clauses, start=1)) + "。"


def _done_clause(row: TaskRow) -> str:
    notes = _note_clause(row)
    return f"{row.core}，{notes}" if notes else f"{row.core}，已完成"


def _open_clause(row: TaskRow) -> str:
    clause = f"{row.core}（{row.status_label}，进度{row.progress}%"
    if row.state == "overdue":
        clause += f"，已逾期{row.days_late}天"
    clause += "）"
    notes = _note_clause(row)
    if notes:
        clause += f"，{notes}"
    problems = _problems(row)
    if problems:
        clause += f"，存在问题：{problems}"
    return clause


def _draft_section(block: SectionBlock) -> SummarySection:
    section = SummarySection(block.level, block.number, block.heading)
    done = [r for r in block.tasks if r.status == "done"]
    open_rows = [r for r in block.tasks if r.status != "done"]
    recorded = bool(done) or any(r.notes for r in block.tasks)
    if block.tasks:
        if done:
            section.paragraphs.append(_enumerate([_done_clause(r) for r in done]))
        if not recorded:
            section.paragraphs.append(PLACEHOLDER_SECTION)
        if open_rows:
            section.paragraphs.append(
                "尚未完成的工作：" + _enumerate([_open_clause(r) for r in open_rows])
            )
    section.has_progress = recorded or not block.tasks
    section.children = [_draft_section(child) for child in block.children]
    if block.children and not block.tasks:
        section.has_progress = any(c.has_progress for c in section.children)
    return section


def summary_draft(
    db: Database, plan_id: int, period: Period | None = None, today: dt.date | None = None
) -> SummaryDraft:
    """Draft 年度工作总结 following the plan's outline.

    Per section: 一是…；二是… from the done tasks (their notes of the period, or the task
    and its status), then the unfinished ones with status, progress, notes and recorded
    problems; a section without any recorded progress gets a bracketed placeholder.
    The closing part lists every unfinished task as the basis for next year.

    Args:
        period: default the plan's year (or the current year for a plan without one).
    """
    plan = outline.get_plan(db, plan_id)
    if period is None:
        period = year_period(plan.year or (today or default_today()).year)
    report = progress_report(db, plan_id, period, today)
    totals = report.totals
    opening = (
        [
            f"{period.label}，{plan.title.strip()}共安排工作任务{totals.total}项。截至"
            f"{cn_date(report.as_of)}，已完成{totals.done}项，正常推进{totals.on_track}项，"
            f"逾期未完成{totals.overdue}项，未启动{totals.not_started}项"
            + (f"，暂缓{totals.suspended}项" if totals.suspended else "")
            + f"，完成率{totals.rate_text}。",
            PLACEHOLDER_OVERVIEW,
        ]
        if totals.total
        else [PLACEHOLDER_OVERVIEW]
    )
    sections: list[SummarySection] = []
    loose: SummarySection | None = None
    for block in report.sections:
        drafted = _draft_section(block)
        if block.level == 0:
            loose = drafted
        else:
            sections.append(drafted)
    if loose is not None:
        opening.extend(loose.paragraphs)
    all_rows = [r for b in report.sections for r in b.all_tasks()]
    unfinished = [r for r in all_rows if r.status != "done"]
    closing_number = f"{cn_numeral(len(sections) + 1)}、"
    closing = SummarySection(1, closing_number, "未完成任务及下一步打算")
    if unfinished:
        closing.paragraphs.append(
            f"截至{cn_date(report.as_of)}，尚有{len(unfinished)}项任务未完成，作为下一年度"
            "工作的基础："
            + _enumerate(
                [
                    f"{r.core}（{'、'.join(r.units)}，{r.status_label}，进度{r.progress}%）"
                    for r in unfinished
                ]
            )
        )
    else:
        closing.paragraphs.append(f"截至{cn_date(report.as_of)}，计划任务已全部完成。")
    closing.paragraphs.append(PLACEHOLDER_NEXT)
    return SummaryDraft(
        plan=plan,
        period=period,
        as_of=report.as_of,
        totals=totals,
        title=summary_title(plan),
        opening=opening,
        sections=sections,
        closing=closing,
        unfinished=unfinished,
    )


def build_report(
    db: Database, kind: str, plan_id: int, period: Period, today: dt.date | None = None
) -> ReportBase:
    """The content of a report of ``kind`` (a key of REPORT_KINDS)."""
    if kind == "progress":
        return progress_report(db, plan_id, period, today)
    if kind == "bulletin":
        return bulletin(db, plan_id, period, today)
    if kind == "reminder":
        return reminders(db, plan_id, period, today)
    if kind == "summary":
        return summary_draft(db, plan_id, period, today)
    raise InvalidOperationError(f"未知的报表类型：{kind}。")
