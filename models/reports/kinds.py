"""The report kinds (the CLI's --kind values, the dialog's choices) and the one entry point."""

from __future__ import annotations

import datetime as dt

from models.errors import InvalidOperationError
from models.reports.content import ReportBase
from models.reports.followup import bulletin, progress_report, reminders
from models.reports.periods import Period
from models.reports.summary import summary_draft
from models.store.db import Database

# Report kinds: code -> label (the CLI's --kind values and the dialog's choices)
REPORT_KINDS = {
    "progress": "进展情况报告",
    "bulletin": "督查通报",
    "reminder": "催办单",
    "summary": "年度工作总结（草稿）",
}


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
