"""Report content computed from the recorded progress: periods, progress report, 督查通报,
催办单 and the draft 年度工作总结.

Everything here is plain data (no Qt, no file formats); export/reports_docx.py and
export/reports_xlsx.py lay it out. Each sentence of the draft summary is built from the plan
text, a progress note or a status, never invented; where nothing was recorded the draft holds
a bracketed placeholder for the writer.

Status at report time: tasks keep one current status and progress, so a report shows what is
recorded now; "overdue" and "days late" are computed as of ``as_of = min(today, period end)``.

One module per part; this package re-exports their public names (``from models import
reports as R; R.progress_report(...)``): ``periods`` (date ranges and their names),
``content`` (the report data shapes), ``loading`` (a plan's tasks as report rows,
models/task_view.py), ``followup`` (进展情况报告, 督查通报, 催办单), ``summary`` (the
draft 年度工作总结), ``kinds`` (the report kinds and the one entry point).
"""

from __future__ import annotations

from models.reports.content import (
    NO_UNIT,
    STATE,
    Bulletin,
    ProgressReport,
    Reminders,
    ReminderSheet,
    ReportBase,
    SectionBlock,
    SummaryDraft,
    SummarySection,
    TaskView,
    Totals,
    UnitStats,
    report_units,
    split_units,
    strip_end,
)
from models.reports.followup import bulletin, progress_report, reminders
from models.reports.kinds import REPORT_KINDS, build_report
from models.reports.periods import (
    Period,
    cn_date,
    default_today,
    half_period,
    month_period,
    period_for_plan,
    period_from_text,
    quarter_period,
    range_period,
    year_period,
)
from models.reports.summary import (
    PLACEHOLDER_NEXT,
    PLACEHOLDER_OVERVIEW,
    PLACEHOLDER_SECTION,
    summary_draft,
    summary_title,
)

__all__ = [
    # periods
    "Period",
    "cn_date",
    "month_period",
    "quarter_period",
    "half_period",
    "year_period",
    "range_period",
    "period_from_text",
    "period_for_plan",
    "default_today",
    # content
    "STATE",
    "NO_UNIT",
    "TaskView",
    "strip_end",
    "split_units",
    "report_units",
    "Totals",
    "SectionBlock",
    "ReportBase",
    "ProgressReport",
    "UnitStats",
    "Bulletin",
    "ReminderSheet",
    "Reminders",
    "SummarySection",
    "SummaryDraft",
    # followup
    "progress_report",
    "bulletin",
    "reminders",
    # summary
    "PLACEHOLDER_SECTION",
    "PLACEHOLDER_OVERVIEW",
    "PLACEHOLDER_NEXT",
    "summary_title",
    "summary_draft",
    # kinds
    "REPORT_KINDS",
    "build_report",
]
