"""The rows of the 任务分解表 (outline number, task, people, deadline, status): no file format.

Kept apart from export/task_table.py so the HTML, print and PDF paths do not load
python-docx and openpyxl.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from export.content import PlanData
from models.entities import Node
from models.text.numbering import outline_numbers
from models.vocab import TASK_STATUS, label

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


@dataclass(slots=True)
class TaskRow:
    """One row of the 任务分解表."""

    number: str
    text: str
    lead_leader: str
    owner_unit: str
    co_units: str
    deadline: str
    target: str
    status: str
    node_id: int = 0

    def cells(self) -> tuple[str, ...]:
        """The row in the order of HEADERS."""
        return (
            self.number,
            self.text,
            self.lead_leader,
            self.owner_unit,
            self.co_units,
            self.deadline,
            self.target,
            self.status,
        )


def _full_numbers(data: PlanData) -> dict[int, str]:
    """Outline numbers with the parents' numbers in front (二（一）3.), so a row is unique."""
    numbers = outline_numbers(data.nodes)
    by_id = {n.id: n for n in data.nodes}
    out: dict[int, str] = {}
    index: dict[int | None, int] = {}
    for node in data.nodes:
        chain: list[str] = []
        current: Node | None = node
        while current is not None:
            chain.append(numbers[current.id].rstrip("、"))
            current = by_id.get(current.parent_id) if current.parent_id is not None else None
        text = "".join(reversed(chain))
        if node.kind == "task":
            # tasks written as sentences or paragraphs carry no number: count them
            index[node.parent_id] = index.get(node.parent_id, 0) + 1
            if not numbers[node.id]:
                text = f"{text}-{index[node.parent_id]}" if text else str(index[node.parent_id])
        out[node.id] = text
    return out


def task_rows(data: PlanData) -> list[TaskRow]:
    """Every task of the plan in document order, with its outline number."""
    full = _full_numbers(data)
    rows = []
    for node in data.nodes:
        if node.kind != "task":
            continue
        status = label(TASK_STATUS, node.status)
        if node.status == "in_progress" and node.progress:
            status = f"{status} {node.progress}%"
        rows.append(
            TaskRow(
                full[node.id],
                node.text,
                node.lead_leader or "",
                node.owner_unit or "",
                node.co_units or "",
                node.deadline or "",
                node.target or "",
                status,
                node.id,
            )
        )
    return rows


def printed_rows(data: PlanData) -> list[str | TaskRow]:
    """The rows of the printed table (.docx, PDF): tasks numbered 1, 2, 3 … as offices
    number them, each top-level section a row of its own ("一、加强党的建设") above its
    tasks. (The .xlsx keeps the outline numbers: they find the row again on import.)"""
    numbers = outline_numbers(data.nodes)
    by_id = {n.id: n for n in data.nodes}
    out: list[str | TaskRow] = []
    current: int | None = None
    for seq, row in enumerate(task_rows(data), start=1):
        node = by_id[row.node_id]
        top = node
        while top.parent_id is not None:
            top = by_id[top.parent_id]
        section = top.id if top.kind == "section" else None
        if section is not None and section != current:
            out.append(f"{numbers[top.id]}{top.heading}")
        current = section
        out.append(replace(row, number=str(seq)))
    return out


def table_title(data: PlanData) -> str:
    """The heading above the table: the plan title + 任务分解表."""
    return f"{data.plan.title}任务分解表"
