"""The lights of a round's tasks: frozen once closed, else computed (红转黄 only when made up)."""

from __future__ import annotations

import datetime as dt

from models import clock, outline, tracking
from models.store.db import Database
from models.supervision.pace import assigned_days, nodes_paces, task_period
from models.supervision.rounds.reading import get_round, previous_round
from models.supervision.rounds.shapes import Round, RoundLight, check_day
from models.supervision.settings import supervision_settings
from models.vocab import Light, NodeKind


def judged_on(rnd: Round, today: dt.date | None) -> dt.date:
    """A round is judged on its due day, or today while that day has not come."""
    return min(today or clock.today(), check_day(rnd.due_date, "报送截止日期"))


def _frozen_lights(db: Database, round_id: int) -> dict[int, RoundLight]:
    return {
        int(r["task_id"]): RoundLight(
            int(r["task_id"]),
            r["light"],
            r["pace"],
            int(r["progress"]),
            int(r["expected"]),
            bool(r["held"]),
        )
        for r in db.query("SELECT * FROM round_lights WHERE round_id = ?", (round_id,))
    }


def _extended_since(db: Database, day: str) -> set[int]:
    """Tasks with a 延期 approved on or after ``day``."""
    rows = db.query(
        "SELECT DISTINCT task_id FROM item_closings WHERE action = 'extend' AND acted_on >= ?",
        (day,),
    )
    return {int(r[0]) for r in rows}


def compute_lights(db: Database, rnd: Round, today: dt.date | None = None) -> dict[int, RoundLight]:
    """The lights of a round's plan tasks now (not the frozen ones).

    Red: overdue or 欠进度. A task red in the previous round whose progress is still below
    what that round expected stays red (``held``), unless a 延期 was approved since.
    """
    day = judged_on(rnd, today)
    plan = outline.get_plan(db, rnd.plan_id)
    nodes = [n for n in outline.load_outline(db, rnd.plan_id) if n.kind == NodeKind.TASK]
    settings = tracking.tracking_settings(db)
    paces = nodes_paces(db, nodes, plan.year, day, supervision_settings(db))
    prev = previous_round(db, rnd)
    before = _lights_of(db, prev) if prev is not None else {}
    extended = _extended_since(db, prev.closed_on or prev.due_date) if prev else set()
    assigned = assigned_days(db)
    out: dict[int, RoundLight] = {}
    for node in nodes:
        start, _due = task_period(node, plan.year, assigned.get(node.id))
        base = tracking.light_for(
            status=node.status,
            progress=node.progress,
            due=node.due_date,
            today=day,
            within=settings.within_days,
            margin=settings.behind_margin,
            start=start,
        )
        pace = paces[node.id]
        light = base or ""
        if light and pace.pace == "behind":
            light = Light.RED
        last = before.get(node.id)
        held = False
        if (
            last is not None
            and last.light == Light.RED
            and light not in ("", Light.RED)
            and node.progress < last.expected
            and node.id not in extended
        ):
            light, held = Light.RED, True
        out[node.id] = RoundLight(
            node.id,
            light,
            pace.pace,
            node.progress,
            pace.expected,
            held,
            last.light if last is not None else None,
        )
    return out


def _lights_of(db: Database, rnd: Round) -> dict[int, RoundLight]:
    if rnd.closed_on is not None:
        return _frozen_lights(db, rnd.id)
    return compute_lights(db, rnd)


def round_lights(
    db: Database, round_id: int, today: dt.date | None = None
) -> dict[int, RoundLight]:
    """The lights of a round: frozen when it is closed, else computed now."""
    rnd = get_round(db, round_id)
    lights = _frozen_lights(db, round_id) if rnd.closed_on else compute_lights(db, rnd, today)
    prev = previous_round(db, rnd)
    if prev is not None and rnd.closed_on:
        before = _lights_of(db, prev)
        for light in lights.values():
            last = before.get(light.task_id)
            light.previous = last.light if last is not None else None
    return lights
