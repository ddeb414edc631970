"""What reports hold, as plain data: counts, sections and the report shapes around the
task views (models/task_view.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from models import tracking
from models.entities import Plan
from models.reports.periods import Period
from models.task_view import TaskView
from models.text.clean import strip_end as strip_end  # where the reports' users find it
from models.text.units import split_names
from models.vocab import TASK_STATE, Light

# Task states in a report: mutually exclusive, they add up to the total.
STATE = TASK_STATE
NO_UNIT = "未明确责任单位"


def split_units(owner_unit: str | None) -> list[str]:
    """``党政办、财政所`` → [党政办, 财政所]; empty → [未明确责任单位]."""
    return split_names(owner_unit) or [NO_UNIT]


def report_units(row: TaskView) -> list[str]:
    """The units a report counts a task for: those it names, else 未明确责任单位."""
    return list(row.units) or [NO_UNIT]


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

    def add(self, row: TaskView) -> None:
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
    tasks: list[TaskView] = field(default_factory=list)
    children: list[SectionBlock] = field(default_factory=list)

    def all_tasks(self) -> list[TaskView]:
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
    overdue: list[TaskView] = field(default_factory=list)
    notes_in_period: int = 0
    # tasks without 佐证材料, listed only once the plan keeps any (models/evidence/)
    without_evidence: list[TaskView] | None = None


@dataclass(slots=True)
class UnitStats:
    """One 责任单位 in the bulletin."""

    unit: str
    totals: Totals
    rank: int = 0
    overdue_items: list[TaskView] = field(default_factory=list)


@dataclass(slots=True)
class Bulletin(ReportBase):
    """督查通报: units ranked by completion rate, with their overdue items."""

    units: list[UnitStats] = field(default_factory=list)
    overdue: list[TaskView] = field(default_factory=list)


@dataclass(slots=True)
class ReminderSheet:
    """One 催办单: a unit's red and yellow items."""

    unit: str
    items: list[TaskView] = field(default_factory=list)

    @property
    def red(self) -> int:
        """Number of overdue items."""
        return sum(1 for r in self.items if r.light == Light.RED)

    @property
    def yellow(self) -> int:
        """Number of items due soon or behind schedule."""
        return sum(1 for r in self.items if r.light == Light.YELLOW)


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
    unfinished: list[TaskView] = field(default_factory=list)
