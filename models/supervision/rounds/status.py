"""Where each unit of a round stands: 已报 / 迟报 / 未报 / 待报, with its tasks' lights."""

from __future__ import annotations

import datetime as dt

from models import clock, outline, tracking
from models.store.db import Database
from models.supervision.rounds.lights import judged_on, round_lights
from models.supervision.rounds.reading import get_round, previous_round
from models.supervision.rounds.shapes import RoundStatus, UnitStatus
from models.text.units import split_names
from models.vocab import NodeKind


def unit_state(received_on: str | None, due: str, as_of: dt.date) -> str:
    """已报 / 迟报 / 未报 / 待报 of one unit (ISO dates compare as text)."""
    if received_on:
        return "late" if received_on > due else "on_time"
    return "missing" if as_of.isoformat() > due else "pending"


def round_status(db: Database, round_id: int, today: dt.date | None = None) -> RoundStatus:
    """Per unit 应报/已报/迟报/未报 with the lights of its tasks, as of today."""
    rnd = get_round(db, round_id)
    plan = outline.get_plan(db, rnd.plan_id)
    today = today or clock.today()
    lights = round_lights(db, round_id, today)
    by_unit: dict[str, list[int]] = {}
    for node in outline.load_outline(db, rnd.plan_id):
        if node.kind == NodeKind.TASK:
            for name in split_names(node.owner_unit or ""):
                by_unit.setdefault(name, []).append(node.id)
    units: list[UnitStatus] = []
    for r in db.query("SELECT * FROM round_units WHERE round_id = ? ORDER BY id", (round_id,)):
        mine = by_unit.get(r["unit"], [])
        counts: dict[str, int] = dict.fromkeys(tracking.LIGHTS, 0)
        for task_id in mine:
            light = lights.get(task_id)
            if light is not None and light.light:
                counts[light.light] += 1
        units.append(
            UnitStatus(
                r["unit"],
                unit_state(r["received_on"], rnd.due_date, today),
                r["received_on"],
                r["received_from"],
                r["signed_by"],
                r["chased_on"],
                int(r["chase_count"]),
                counts,
                len(mine),
            )
        )
    return RoundStatus(
        rnd, plan.title, judged_on(rnd, today), units, lights, previous_round(db, rnd)
    )
