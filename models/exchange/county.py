"""The county side of the exchange (issue 19, part 4): the due list and the 督查通报 across
the offices whose plans the county received.

Received plans are ordinary plans with an owner (plans.owner = the office's uuid), so the
due list, pace classes and rounds already work on them; what this module adds is the office
of each item (its label and a filter) and a 通报 that ranks the offices themselves: every
task of an office's plans counts for that office, whatever 责任单位 it names.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from models import reports, tracking
from models.entities import Plan
from models.exchange import offices
from models.exchange.offices import ExchangeError, Office
from models.reports import Period, ReportBase, TaskView, Totals
from models.store.db import Database
from models.supervision import pace
from models.vocab import TaskState

OWN = "own"  # the office filter meaning "this office's own plans" (owner IS NULL)


def office_label(name: str) -> str:
    """``〔油茶镇〕``: how a received plan is labelled (the tree's grouping uses the name)."""
    return f"〔{name}〕"


def office_prefix(plan_title: str) -> str:
    """The ``〔油茶镇〕`` a labelled due item's plan title starts with, else ""."""
    if plan_title.startswith("〔") and "〕" in plan_title:
        return plan_title[: plan_title.index("〕") + 1]
    return ""


def find_office(db: Database, which: str) -> Office:
    """An office by code or name; ``own`` (or this office's code/name) is this office."""
    which = which.strip()
    me = offices.own_office(db)
    if which == OWN or (me is not None and which in (me.code, me.name)):
        if me is None:
            raise ExchangeError("尚未设置本单位信息。")
        return me
    found = offices.by_code(db, which)
    if found is None:
        row = db.query_one("SELECT code FROM offices WHERE name = ?", (which,))
        found = offices.by_code(db, row["code"]) if row is not None else None
    if found is None:
        raise ExchangeError(f"没有代码或名称为“{which}”的单位。", detail=which)
    return found


def office_plan_ids(db: Database, office: Office) -> set[int]:
    """The plans an office owns here (this office: the plans without an owner)."""
    if office.is_self:
        rows = db.query("SELECT id FROM plans WHERE owner IS NULL")
    else:
        rows = db.query("SELECT id FROM plans WHERE owner = ?", (office.uuid,))
    return {int(r[0]) for r in rows}


def due_list(
    db: Database,
    today: dt.date | None = None,
    within: int | None = None,
    filters: tracking.DueFilter | None = None,
    *,
    office: str | None = None,
) -> list[tracking.DueItem]:
    """The paced due list (models.supervision.pace) of every office's plans, or of one.

    Items of a received plan have the office in front of the plan title (``〔油茶镇〕…``),
    so every view of the list (the CLI, the window, the .xlsx) shows whose task it is.
    ``office`` is a code, a name or ``own``; an unknown one is refused (ExchangeError).
    """
    keep = office_plan_ids(db, find_office(db, office)) if office is not None else None
    filters = filters or tracking.DueFilter()
    if keep is not None and filters.plan_id is not None:
        keep &= {filters.plan_id}
    if keep is not None and not keep:
        return []
    items = pace.paced_due_list(db, today, within, filters)
    if keep is not None:
        items = [i for i in items if i.plan_id in keep]
    label_items(db, items)
    return items


def label_items(db: Database, items: list[tracking.DueItem]) -> None:
    """Put the office of a received plan in front of its title (in place)."""
    names = offices.plan_offices(db)
    for item in items:
        name = names.get(item.plan_id)
        if name and not item.plan_title.startswith(office_label(name)):
            item.plan_title = office_label(name) + item.plan_title


# ---------------------------------------------------------------- the county 通报
@dataclass(slots=True)
class OfficeStats:
    """One office in the county 通报: its tasks over all its plans of the period."""

    name: str
    code: str
    kind: str
    totals: Totals
    plans: list[str] = field(default_factory=list)
    rank: int = 0
    overdue_items: list[TaskView] = field(default_factory=list)
    pace_values: list[str] = field(default_factory=list)  # 序时进度 class of each task

    @property
    def paces(self) -> list[pace.PaceCount]:
        """The office's tasks by 序时进度 class (models/supervision/pace.py), on ``as_of``."""
        return pace.count_paces(self.pace_values)

    @property
    def behind(self) -> int:
        """How many of the office's tasks are 欠进度."""
        return self.pace_values.count("behind")

    @property
    def on_time_rate(self) -> float:
        """按期率: the share of tasks not overdue (done, on track, not yet due, suspended),
        in percent with one decimal. Tasks keep no completion day, so a task done late
        counts as on time once done, like the bulletin's states."""
        t = self.totals
        return round((t.total - t.overdue) * 100.0 / t.total, 1) if t.total else 0.0

    @property
    def on_time_text(self) -> str:
        return f"{self.on_time_rate:g}%"


@dataclass(slots=True)
class CountyBulletin(ReportBase):
    """督查通报 ranking the offices (乡镇/部门) by the plans they sent to the county.

    ``plan`` is not a stored plan (id 0): it carries the title words and the 署名 (this
    office) so the shared report layout and writers can be used.
    """

    offices: list[OfficeStats] = field(default_factory=list)
    silent: list[str] = field(default_factory=list)  # known offices without a plan
    whom: str = "各单位"  # 各乡镇 / 各部门 / 各乡镇（部门）: the 主送 and the title words


def _rank_key(o: OfficeStats) -> tuple:
    return (-o.totals.completion_rate, -o.on_time_rate, o.totals.overdue, -o.totals.total)


def _whom(ranked: list[OfficeStats]) -> str:
    """各乡镇 / 各部门 / 各乡镇（部门）, by the kinds of the offices ranked."""
    kinds = {o.kind for o in ranked}
    if kinds == {"乡镇"}:
        return "各乡镇"
    if kinds == {"部门"}:
        return "各部门"
    return "各乡镇（部门）"


def _plans_of_period(db: Database, period: Period) -> list[tuple[int, str, str]]:
    """(plan id, title, owner uuid) of the received plans, not archived, whose year is
    within the period (a plan without a year counts for every period)."""
    rows = db.query(
        "SELECT id, title, owner FROM plans WHERE owner IS NOT NULL AND status != 'archived' "
        "AND (year IS NULL OR year BETWEEN ? AND ?) ORDER BY year, id",
        (period.start.year, period.end.year),
    )
    return [(int(r[0]), str(r[1]), str(r[2])) for r in rows]


def county_bulletin(db: Database, period: Period, today: dt.date | None = None) -> CountyBulletin:
    """The county 通报: tasks grouped by the office that owns their plan, offices ranked by
    completion rate, then 按期率, then fewer overdue tasks, then more tasks (equal keys
    share a rank), with each office's overdue tasks (most days late first).

    Raises ExchangeError when no received plan falls in the period.
    """
    me = offices.require_own(db)
    plans = _plans_of_period(db, period)
    if not plans:
        raise ExchangeError(f"{period.label}没有收到各单位的计划，无法生成按单位排名的通报。")
    known = {o.uuid: o for o in offices.peers(db)}
    per_office: dict[str, OfficeStats] = {}
    all_rows: list[TaskView] = []
    as_of = min(today or reports.default_today(), period.end)
    for plan_id, title, owner in plans:
        report = reports.progress_report(db, plan_id, period, today)
        as_of = report.as_of
        office = known.get(owner)
        stats = per_office.get(owner)
        if stats is None:
            stats = OfficeStats(
                office.name if office else owner,
                office.code if office else "",
                office.kind if office else "",
                Totals(),
            )
            per_office[owner] = stats
        stats.plans.append(title)
        rows = [r for block in report.sections for r in block.all_tasks()]
        for row in rows:
            stats.totals.add(row)
        stats.overdue_items += [r for r in rows if r.state == TaskState.OVERDUE]
        stats.pace_values += [p.pace for p in pace.plan_paces(db, plan_id, as_of).values()]
        all_rows += rows
    ranked = sorted(per_office.values(), key=lambda o: (*_rank_key(o), o.code, o.name))
    previous: tuple | None = None
    rank = 0
    for index, stats in enumerate(ranked, start=1):
        if _rank_key(stats) != previous:
            rank, previous = index, _rank_key(stats)
        stats.rank = rank
        stats.overdue_items.sort(key=lambda r: (-r.days_late, r.node_id))
    totals = Totals()
    for row in all_rows:
        totals.add(row)
    silent = [o.name for o in known.values() if o.uuid not in per_office and o.kind != me.kind]
    plan = Plan(
        id=0,
        title=f"{period.start.year}年{_whom(ranked)}重点工作",
        year=period.start.year,
        organization=me.name,
        signed_by=me.name,
    )
    return CountyBulletin(
        plan=plan,
        period=period,
        as_of=as_of,
        totals=totals,
        offices=ranked,
        silent=sorted(silent),
        whom=_whom(ranked),
    )
