"""A reporting round, its tasks' lights and its units' status, as plain data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from models.errors import InvalidOperationError
from models.text import deadlines

ROUND_STATES = ("on_time", "late", "missing", "pending")
META_ROUND = "round"  # the row the round's sheets add to the feedback meta sheet


@dataclass(slots=True)
class Round:
    """One reporting round of a plan."""

    id: int
    plan_id: int
    title: str
    due_date: str
    closed_on: str | None
    created_at: str | None = None


@dataclass(slots=True)
class RoundLight:
    """A task's light and pace in a round; ``previous`` is its light in the round before."""

    task_id: int
    light: str  # red / yellow / green / grey; "" for a done or suspended task
    pace: str
    progress: int
    expected: int
    held: bool = False
    previous: str | None = None  # None: no earlier round, or the task was not in it


@dataclass(slots=True)
class UnitStatus:
    """One unit of a round: its report and the lights of its tasks."""

    unit: str
    state: str
    received_on: str | None
    received_from: str
    signed_by: str | None
    chased_on: str | None
    chase_count: int
    lights: dict[str, int] = field(default_factory=dict)
    tasks: int = 0

    def as_json(self) -> dict[str, Any]:
        """The CLI's JSON form."""
        return {
            "unit": self.unit,
            "state": self.state,
            "received_on": self.received_on,
            "received_from": self.received_from,
            "signed_by": self.signed_by,
            "chased_on": self.chased_on,
            "chase_count": self.chase_count,
            "tasks": self.tasks,
            "lights": self.lights,
        }


@dataclass(slots=True)
class RoundStatus:
    """A round as the office follows it: per unit, counts, and every task's light."""

    round: Round
    plan_title: str
    as_of: dt.date
    units: list[UnitStatus]
    lights: dict[int, RoundLight]
    previous: Round | None

    @property
    def counts(self) -> dict[str, int]:
        """应报 (expected), 已报 in all (received) and by state."""
        out = {"expected": len(self.units)}
        for state in ROUND_STATES:
            out[state] = sum(1 for u in self.units if u.state == state)
        out["received"] = out["on_time"] + out["late"]
        return out

    @property
    def last_received(self) -> str | None:
        """The latest day a unit's report came in."""
        days = [u.received_on for u in self.units if u.received_on]
        return max(days) if days else None

    @property
    def to_chase(self) -> list[UnitStatus]:
        """催报 list: units whose report has not come in."""
        return [u for u in self.units if u.state in ("missing", "pending")]

    def as_json(self) -> dict[str, Any]:
        """The CLI's JSON form."""
        r = self.round
        return {
            "round_id": r.id,
            "plan_id": r.plan_id,
            "plan_title": self.plan_title,
            "title": r.title,
            "due_date": r.due_date,
            "closed_on": r.closed_on,
            "as_of": self.as_of.isoformat(),
            "counts": self.counts,
            "last_received": self.last_received,
            "previous_round_id": self.previous.id if self.previous else None,
            "units": [u.as_json() for u in self.units],
            "to_chase": [u.unit for u in self.to_chase],
            "tasks": [
                {
                    "task_id": t.task_id,
                    "light": t.light,
                    "pace": t.pace,
                    "progress": t.progress,
                    "expected": t.expected,
                    "held": t.held,
                    "previous_light": t.previous,
                }
                for t in self.lights.values()
            ],
        }


def row_round(row: Any) -> Round:
    return Round(
        row["id"],
        row["plan_id"],
        row["title"],
        row["due_date"],
        row["closed_on"],
        row["created_at"],
    )


def check_day(value: str | dt.date | None, what: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    day = deadlines.parse_iso(str(value or "").strip())
    if day is None:
        raise InvalidOperationError(f"{what}格式应为 2025-06-25。", detail=str(value))
    return day


def default_title(due: dt.date) -> str:
    """``2025年6月`` (the month a round reports on)."""
    return f"{due.year}年{due.month}月"
