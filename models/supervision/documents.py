"""The facts each 督查 document states, gathered from rounds, paces and 督办事项.

Plain data, no wording and no file format: export/supervision_docs.py writes the documents
(交办单, 督查催办通知, 督查专报, 督查报告, 政务督查通报, 会议议定事项督查督办报告) in the
GB/T 9704 layout of export/reports_docx.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from models import clock, outline, tracking
from models.entities import Plan
from models.reports import split_units
from models.store.db import Database
from models.supervision import items as items_mod
from models.supervision.pace import PaceCount, count_paces
from models.supervision.rounds import (
    RoundLight,
    RoundStatus,
    previous_round,
    round_lights,
    round_status,
)
from models.supervision.settings import supervision_settings
from models.vocab import Light, NodeKind

# Document kinds: code → (title word, needs) — the CLI's ``doc KIND`` values
DOCUMENT_KINDS = ("assignment", "chase", "special", "report", "bulletin", "meeting")
ROUND_KINDS = ("chase", "special", "report", "bulletin")


def office_name(db: Database, plan: Plan | None = None) -> str:
    """The office that issues the documents: the setting, else the plan's organization,
    else the first plan's that names one (a ledger plan has none of its own)."""
    found = supervision_settings(db).office or (plan.organization if plan else "") or ""
    if not found:
        value = db.scalar(
            "SELECT organization FROM plans WHERE coalesce(organization, '') != '' "
            "ORDER BY id LIMIT 1"
        )
        found = str(value or "")
    return found


@dataclass(slots=True)
class UnitPaces:
    """One unit's tasks by pace class, with its report state in the round."""

    unit: str
    total: int
    counts: list[PaceCount]
    state: str = ""
    red: int = 0

    def count(self, pace: str) -> int:
        """Tasks of one class."""
        return next(c.count for c in self.counts if c.pace == pace)


@dataclass(slots=True)
class FlaggedTask:
    """A task the document names: red, or red and held from the previous round."""

    task_id: int
    text: str
    units: str
    progress: int
    expected: int
    due_date: str | None
    held: bool


@dataclass(slots=True)
class RoundFacts:
    """What a round's documents report: units' reports, paces now and last round, red tasks."""

    plan: Plan
    office: str
    as_of: dt.date  # the lights' day: the round's due day, or today before it
    today: dt.date  # the reports' day
    status: RoundStatus
    paces: list[PaceCount]
    previous_paces: list[PaceCount] | None
    lights: dict[str, int]
    previous_lights: dict[str, int] | None
    units: list[UnitPaces]
    red: list[FlaggedTask] = field(default_factory=list)

    @property
    def total(self) -> int:
        """Tasks of the plan."""
        return sum(c.count for c in self.paces)


def _light_counts(lights: dict[int, RoundLight]) -> dict[str, int]:
    counts: dict[str, int] = dict.fromkeys(tracking.LIGHTS, 0)
    counts["done"] = 0
    for light in lights.values():
        counts[light.light or "done"] += 1
    return counts


def round_facts(db: Database, round_id: int, today: dt.date | None = None) -> RoundFacts:
    """The facts of a round for its 催办通知, 专报, 报告 and 通报."""
    today = today or clock.today()
    status = round_status(db, round_id, today)
    plan = outline.get_plan(db, status.round.plan_id)
    lights = status.lights
    prev = previous_round(db, status.round)
    before = round_lights(db, prev.id) if prev is not None else None
    nodes = {n.id: n for n in outline.load_outline(db, plan.id) if n.kind == NodeKind.TASK}
    states = {u.unit: u.state for u in status.units}
    per_unit: dict[str, list[str]] = {}
    reds: dict[str, int] = {}
    red: list[FlaggedTask] = []
    for task_id, light in lights.items():
        node = nodes[task_id]
        for unit in split_units(node.owner_unit):
            per_unit.setdefault(unit, []).append(light.pace)
            reds[unit] = reds.get(unit, 0) + (light.light == Light.RED)
        if light.light == Light.RED:
            red.append(
                FlaggedTask(
                    task_id,
                    node.text,
                    node.owner_unit or "",
                    light.progress,
                    light.expected,
                    node.due_date,
                    light.held,
                )
            )
    units = [
        UnitPaces(unit, len(paces), count_paces(paces), states.get(unit, ""), reds.get(unit, 0))
        for unit, paces in per_unit.items()
    ]
    # fewest behind first (by share), then more tasks: the order a 通报 ranks units in
    units.sort(key=lambda u: (u.count("behind") / u.total, -u.total, u.unit))
    red.sort(key=lambda t: (not t.held, t.progress - t.expected, t.task_id))
    return RoundFacts(
        plan,
        office_name(db, plan),
        status.as_of,
        today,
        status,
        count_paces(light.pace for light in lights.values()),
        count_paces(light.pace for light in before.values()) if before is not None else None,
        _light_counts(lights),
        _light_counts(before) if before is not None else None,
        units,
        red,
    )


@dataclass(slots=True)
class AssignmentFacts:
    """A 交办单: one item and the office that hands it over."""

    item: items_mod.Item
    office: str


def assignment_facts(db: Database, item_id: int) -> AssignmentFacts:
    """The facts of an item's 交办单."""
    item = items_mod.get_item(db, item_id)
    return AssignmentFacts(item, office_name(db, outline.get_plan(db, item.node.plan_id)))


@dataclass(slots=True)
class MeetingFacts:
    """会议议定事项督查督办报告: the year's meeting items by state, and the late ones."""

    year: int
    office: str
    as_of: dt.date
    items: list[items_mod.Item]
    late: list[items_mod.Item]

    def count(self, state: str) -> int:
        """Items in one state (open / done / closed)."""
        return sum(1 for i in self.items if i.state == state)


def meeting_facts(db: Database, year: int, today: dt.date | None = None) -> MeetingFacts:
    """The facts of the year's 会议议定事项 report."""
    today = today or clock.today()
    found = items_mod.list_items(db, year=year, source="meeting")
    late = [
        i
        for i in found
        if i.state == "open" and i.node.due_date is not None and i.node.due_date < today.isoformat()
    ]
    return MeetingFacts(year, office_name(db), today, found, late)
