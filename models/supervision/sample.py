"""The sample year of 督查督办 (resources/sample/supervision-2024.json), loaded on first start
after the sample plans: a new user sees two reporting rounds, 督办事项 and numbered 通报."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from models import outline, tracking
from models.entities import Node
from models.store import settings as stored
from models.store.db import Database
from models.supervision import items, numbering, rounds
from models.supervision.settings import SETTING_OFFICE
from models.vocab import NodeKind
from resources import resource_path

SAMPLE_FILE = ("sample", "supervision-2024.json")


def sample_data() -> dict[str, Any]:
    """The sample's JSON."""
    with open(resource_path(*SAMPLE_FILE), encoding="utf-8") as fh:
        return json.load(fh)


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def load_supervision_sample(db: Database) -> int | None:
    """Add the sample year to the sample plan (one transaction); returns the plan id,
    or None when the sample plan is not in the database."""
    data = sample_data()
    plan = next((p for p in outline.list_plans(db) if p.title == data["plan_title"]), None)
    if plan is None:
        return None
    tasks = [n for n in outline.load_outline(db, plan.id) if n.kind == NodeKind.TASK]
    with db.transaction():
        stored.set_value(db, SETTING_OFFICE, data["office"])
        later = _sample_tasks(db, data, tasks)
        round_ids = _sample_rounds(db, data, plan.id, tasks, later)
        _sample_items(db, data)
        for spec in data["bulletins"]:
            numbering.issue(
                db,
                "bulletin",
                data["office"],
                title="政务督查通报",
                round_id=round_ids[spec["round"] - 1],
                on=_day(spec["issued_on"]),
            )
    return plan.id


def _sample_tasks(
    db: Database, data: dict[str, Any], tasks: list[Any]
) -> list[tuple[int, list[Any]]]:
    """Units and the progress notes up to the first round's closing; returns the notes
    written after it (added once that round is closed)."""
    first_closing = _day(data["rounds"][0]["closed_on"])
    later: list[tuple[int, list[Any]]] = []
    for spec in data["tasks"]:
        task = tasks[spec["index"]]
        outline.update_node(
            db,
            task.id,
            owner_unit=spec["owner_unit"],
            lead_leader=spec["lead_leader"],
            due_date=spec["due_date"],
        )
        for day, text, progress in spec["notes"]:
            if _day(day) <= first_closing:
                tracking.add_progress(db, task.id, text, progress, entry_date=day)
            else:
                later.append((task.id, [day, text, progress]))
        later += [(task.id, note) for note in spec.get("after", [])]
    listed = {spec["index"] for spec in data["tasks"]}
    other = data["other_tasks"]
    for n, task in enumerate(tasks):
        if n not in listed:  # the rest of the plan: on pace, so the sample reads true
            outline.update_node(
                db, task.id, owner_unit=other["owner_unit"], lead_leader=other["lead_leader"]
            )
            day, text, progress = other["note"]
            tracking.add_progress(db, task.id, text, progress, entry_date=day)
    return later


def _sample_rounds(
    db: Database,
    data: dict[str, Any],
    plan_id: int,
    tasks: list[Node],
    later: list[tuple[int, list[Any]]],
) -> list[int]:
    """The reporting rounds; the second sees what happened after the first was closed."""
    first_closing = _day(data["rounds"][0]["closed_on"])
    round_ids: list[int] = []
    for n, spec in enumerate(data["rounds"]):
        if n == 1:
            rounds.close_round(db, round_ids[0], first_closing)
            for spec_task in data["tasks"]:
                if "moved_due" in spec_task:  # a deadline moved without a 延期
                    outline.update_node(
                        db, tasks[spec_task["index"]].id, due_date=spec_task["moved_due"]
                    )
            for task_id, (day, text, progress) in sorted(later, key=lambda x: x[1][0]):
                tracking.add_progress(db, task_id, text, progress, entry_date=day)
        round_id = rounds.create_round(db, plan_id, spec["due"], spec["title"])
        round_ids.append(round_id)
        for unit, day, signed in spec["received"]:
            rounds.mark_received(db, round_id, unit, day, signed_by=signed)
        for day in spec["chased"]:
            rounds.chase(db, round_id, _day(day))
    return round_ids


def _sample_items(db: Database, data: dict[str, Any]) -> None:
    """The 督办事项 with their closing steps (办结, 销号, 延期)."""
    for spec in data["items"]:
        item_id = items.add_item(
            db,
            spec["text"],
            source=spec["source"],
            source_ref=spec["ref"],
            assigned_on=spec["assigned_on"],
            time_class=spec["time_class"],
            owner_unit=spec["owner_unit"],
            assigned_by=spec["assigned_by"],
        )
        for action, day, *rest in spec["closings"]:
            if action == "done":
                items.close_done(db, item_id, rest[0], on=day, evidence=rest[1])
            elif action == "cancel":
                items.close_cancel(db, item_id, rest[0], on=day)
            else:
                items.extend(db, item_id, rest[2], rest[0], rest[1], on=day)
