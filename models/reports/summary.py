"""The draft 年度工作总结: sentences built from the plan text, notes and statuses."""

from __future__ import annotations

import datetime as dt

from models import outline
from models.entities import Plan
from models.reports.content import (
    SectionBlock,
    SummaryDraft,
    SummarySection,
    TaskView,
    report_units,
    strip_end,
)
from models.reports.followup import progress_report
from models.reports.periods import Period, cn_date, default_today, year_period
from models.store.db import Database
from models.text.numerals import cn_numeral
from models.vocab import TaskState, TaskStatus

PLACEHOLDER_SECTION = "【本部分暂无进展记录，请补充……】"
PLACEHOLDER_OVERVIEW = "【总体情况概述待补充……】"
PLACEHOLDER_NEXT = "【下一步工作打算待补充……】"


def summary_title(plan: Plan) -> str:
    """The plan title with 工作计划/工作要点 turned into 工作总结."""
    title = plan.title.strip()
    for word in ("工作计划", "工作要点", "计划", "要点"):
        if word in title:
            return title.replace(word, "工作总结" if word.startswith("工作") else "总结", 1)
    if title.endswith("总结"):
        return title
    return f"{title}工作总结"


def _note_clause(row: TaskView) -> str:
    """The notes of a task as one clause: their texts joined by commas."""
    parts = [strip_end(n.text) for n in row.notes if strip_end(n.text)]
    return "，".join(parts)


def _problems(row: TaskView) -> str:
    """The latest recorded problem (存在问题) of the task in the period, if any."""
    for note in reversed(row.notes):
        if note.problems and strip_end(note.problems):
            return strip_end(note.problems)
    if row.latest is not None and row.latest.problems:
        return strip_end(row.latest.problems)
    return ""


def _enumerate(clauses: list[str]) -> str:
    """一是…；二是…。"""
    return "；".join(f"{cn_numeral(i)}是{c}" for i, c in enumerate(clauses, start=1)) + "。"


def _done_clause(row: TaskView) -> str:
    notes = _note_clause(row)
    return f"{row.core}，{notes}" if notes else f"{row.core}，已完成"


def _open_clause(row: TaskView) -> str:
    clause = f"{row.core}（{row.status_label}，进度{row.progress}%"
    if row.state == TaskState.OVERDUE:
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
    done = [r for r in block.tasks if r.status == TaskStatus.DONE]
    open_rows = [r for r in block.tasks if r.status != TaskStatus.DONE]
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
    unfinished = [r for r in all_rows if r.status != TaskStatus.DONE]
    closing_number = f"{cn_numeral(len(sections) + 1)}、"
    closing = SummarySection(1, closing_number, "未完成任务及下一步打算")
    if unfinished:
        closing.paragraphs.append(
            f"截至{cn_date(report.as_of)}，尚有{len(unfinished)}项任务未完成，作为下一年度"
            "工作的基础："
            + _enumerate(
                [
                    f"{r.core}（{'、'.join(report_units(r))}，{r.status_label}，进度{r.progress}%）"
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
