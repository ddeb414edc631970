"""Roll-ups: the progress of a plan and of each section, the mean of the tasks below them."""

from __future__ import annotations

from dataclasses import dataclass

from models.store.db import Database
from models.vocab import NodeKind, TaskStatus


def task_share(status: str, progress: int) -> int:
    """The progress a task contributes to a roll-up: done counts as 100."""
    return 100 if status == TaskStatus.DONE else int(progress or 0)


@dataclass(slots=True)
class Rollup:
    """Progress of a plan and each of its sections: the mean of the tasks below them."""

    plan: int | None
    sections: dict[int, int | None]
    task_count: int = 0


def rollup(db: Database, plan_id: int) -> Rollup:
    """Section and plan progress from their tasks (a section without tasks gets None)."""
    # five columns, not the outline: the task panel asks on every click on a task
    rows = db.query(
        "SELECT id, parent_id, kind, status, progress FROM nodes WHERE plan_id = ?", (plan_id,)
    )
    parent = {r[0]: r[1] for r in rows}
    sums: dict[int, list[int]] = {r[0]: [0, 0] for r in rows if r[2] == NodeKind.SECTION}
    total = [0, 0]
    for _id, up, kind, status, progress in rows:
        if kind != NodeKind.TASK:
            continue
        share = task_share(status, progress)
        total[0] += share
        total[1] += 1
        while up is not None:
            sums[up][0] += share
            sums[up][1] += 1
            up = parent.get(up)
    sections = {sid: (round(s / c) if c else None) for sid, (s, c) in sums.items()}
    plan_value = round(total[0] / total[1]) if total[1] else None
    return Rollup(plan=plan_value, sections=sections, task_count=total[1])
