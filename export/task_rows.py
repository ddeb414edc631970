"""The rows of the 任务分解表 (outline number, task, people, deadline, status) as cells of
the task views: no file format.

Kept apart from export/task_table.py so the HTML, print and PDF paths do not load
python-docx and openpyxl.
"""

from __future__ import annotations

from export.content import PlanData
from models.task_view import TaskView, build_task_views
from models.vocab import TaskStatus

HEADERS = (
    "序号",
    "工作任务",
    "牵头领导",
    "责任单位",
    "配合单位",
    "完成时限",
    "量化目标",
    "进度/状态",
)


def task_rows(data: PlanData) -> list[TaskView]:
    """Every task of the plan in document order (models/task_view.py, from the snapshot:
    ``full_number`` is the row's 序号 in the .xlsx, which finds the row again on import)."""
    return build_task_views(data.plan, data.nodes)


def status_text(view: TaskView) -> str:
    """进度/状态 as the table writes it: the status, with the percentage while in progress."""
    if view.status == TaskStatus.IN_PROGRESS and view.progress:
        return f"{view.status_label} {view.progress}%"
    return view.status_label


def cells(view: TaskView, number: str | None = None) -> tuple[str, ...]:
    """A task's row in the order of HEADERS; ``number`` instead of its full outline number."""
    return (
        view.full_number if number is None else number,
        view.text,
        view.lead_leader,
        view.owner_unit,
        view.co_units,
        view.deadline,
        view.target,
        status_text(view),
    )


def printed_rows(data: PlanData) -> list[str | tuple[str, ...]]:
    """The rows of the printed table (.docx, PDF): tasks numbered 1, 2, 3 … as offices
    number them, each top-level section a row of its own ("一、加强党的建设") above its
    tasks. (The .xlsx keeps the outline numbers: they find the row again on import.)"""
    out: list[str | tuple[str, ...]] = []
    current: int | None = None
    for view in task_rows(data):
        section = view.top_section_id
        if section is not None and section != current:
            out.append(view.section_path[0])
        current = section
        out.append(cells(view, str(view.seq)))
    return out


def table_title(data: PlanData) -> str:
    """The heading above the table: the plan title + 任务分解表."""
    return f"{data.plan.title}任务分解表"
