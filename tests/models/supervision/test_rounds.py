"""Reporting rounds: 应报/已报/迟报/未报, 催报, frozen lights and 红转黄 only when made up."""

from __future__ import annotations

import datetime as dt

import pytest

from models import clock, outline
from models.errors import InvalidOperationError, NotFoundError
from models.supervision import items, rounds
from tests.conftest import make_plan
from tests.db_hash import content_hash

D = dt.date


@pytest.fixture(autouse=True)
def _release_clock():
    yield
    clock.set_today(None)


@pytest.fixture
def plan(db):
    plan_id = make_plan(
        db,
        sections=[
            (
                "重点工作",
                [
                    {"text": "扩大油茶种植规模。", "owner_unit": "农业办"},
                    {"text": "抓好党员教育管理。", "owner_unit": "党政办"},
                    {"text": "做好财政预算执行。", "owner_unit": "财政所、党政办"},
                ],
            )
        ],
    )
    tasks = [n for n in outline.load_outline(db, plan_id) if n.kind == "task"]
    for t in tasks:
        outline.update_node(db, t.id, due_date="2025-12-31")
    return plan_id, [t.id for t in tasks]


def test_new_round_expects_every_unit_of_the_plan(db, plan):
    plan_id, _ = plan
    round_id = rounds.create_round(db, plan_id, "2025-06-25")
    status = rounds.round_status(db, round_id, D(2025, 6, 20))
    assert status.round.title == "2025年6月"
    assert [u.unit for u in status.units] == ["农业办", "党政办", "财政所"]
    assert status.counts == {
        "expected": 3,
        "on_time": 0,
        "late": 0,
        "missing": 0,
        "pending": 3,
        "received": 0,
    }
    assert [u.tasks for u in status.units] == [1, 2, 1]


def test_on_time_late_and_missing_units(db, plan):
    plan_id, _ = plan
    round_id = rounds.create_round(db, plan_id, "2025-06-25", "2025年上半年")
    rounds.mark_received(db, round_id, "农业办", "2025-06-25", signed_by="王主任")
    rounds.mark_received(db, round_id, "党政办", "2025-06-26")
    status = rounds.round_status(db, round_id, D(2025, 6, 30))
    states = {u.unit: u.state for u in status.units}
    assert states == {"农业办": "on_time", "党政办": "late", "财政所": "missing"}
    counts = status.counts
    assert (counts["received"], counts["late"], counts["missing"]) == (2, 1, 1)
    assert status.last_received == "2025-06-26"
    assert [u.unit for u in status.to_chase] == ["财政所"]
    assert status.units[0].signed_by == "王主任"
    assert status.as_json()["counts"]["expected"] == 3


def test_chasing_counts_each_reminder_and_undoes(db, plan):
    plan_id, _ = plan
    round_id = rounds.create_round(db, plan_id, "2025-06-25")
    rounds.mark_received(db, round_id, "农业办", "2025-06-24")
    old = rounds.chase(db, round_id, D(2025, 6, 26))
    assert sorted(old) == ["党政办", "财政所"]
    rounds.chase(db, round_id, D(2025, 6, 27))
    unit = next(
        u for u in rounds.round_status(db, round_id, D(2025, 6, 27)).units if u.unit == "财政所"
    )
    assert (unit.chase_count, unit.chased_on) == (2, "2025-06-27")
    rounds.restore_unit(db, round_id, "财政所", old["财政所"])
    unit = next(u for u in rounds.round_status(db, round_id).units if u.unit == "财政所")
    assert (unit.chase_count, unit.chased_on) == (0, None)


@pytest.mark.parametrize(
    ("args", "error"),
    [
        ((999, "2025-06-25"), NotFoundError),
        ((None, "2025-6-5x"), InvalidOperationError),
    ],
)
def test_bad_rounds_change_nothing(db, plan, args, error):
    plan_id, _ = plan
    before = content_hash(db.conn)
    with pytest.raises(error):
        rounds.create_round(db, args[0] or plan_id, args[1])
    assert content_hash(db.conn) == before


def test_same_day_twice_and_a_plan_without_units_are_refused(db, plan):
    plan_id, _ = plan
    rounds.create_round(db, plan_id, "2025-06-25")
    with pytest.raises(InvalidOperationError):
        rounds.create_round(db, plan_id, "2025-06-25")
    bare = make_plan(db, title="无单位计划")
    with pytest.raises(InvalidOperationError):
        rounds.create_round(db, bare, "2025-06-25")


def test_unknown_unit_is_refused(db, plan):
    round_id = rounds.create_round(db, plan[0], "2025-06-25")
    with pytest.raises(InvalidOperationError):
        rounds.mark_received(db, round_id, "林业站")


def test_next_round_freezes_the_last_ones_lights(db, plan):
    plan_id, (farm, party, finance) = plan
    outline.update_node(db, farm, progress=10, status="in_progress")
    outline.update_node(db, party, progress=60, status="in_progress")
    clock.set_today(D(2025, 6, 26))
    first = rounds.create_round(db, plan_id, "2025-06-25")
    second = rounds.create_round(db, plan_id, "2025-07-25")
    assert rounds.get_round(db, first).closed_on == "2025-06-26"
    frozen = rounds.round_lights(db, first)
    assert frozen[farm].light == "red" and frozen[farm].pace == "behind"
    assert frozen[party].light == "green" and frozen[farm].expected == 48
    outline.update_node(db, farm, progress=100, status="done")  # later edits: history kept
    assert rounds.round_lights(db, first)[farm].light == "red"
    now = rounds.round_lights(db, second, D(2025, 7, 25))
    assert now[farm].light == "" and now[farm].previous == "red"


def test_red_turns_yellow_only_when_the_shortfall_is_made_up(db, plan):
    plan_id, (farm, _, _) = plan
    outline.update_node(db, farm, progress=10, status="in_progress")
    clock.set_today(D(2025, 6, 26))
    rounds.create_round(db, plan_id, "2025-06-25")  # farm red: 10 % of 48 % expected
    second = rounds.create_round(db, plan_id, "2025-07-25")
    # the deadline moves a year on: by the calendar 30 % would be on pace now ...
    outline.update_node(db, farm, progress=30, due_date="2026-06-30")
    light = rounds.round_lights(db, second, D(2025, 7, 25))[farm]
    assert light.pace == "on_pace"
    assert (light.light, light.held, light.previous) == ("red", True, "red")  # ... but held
    outline.update_node(db, farm, progress=48)  # last round's 序时进度 reached: made up
    light = rounds.round_lights(db, second, D(2025, 7, 25))[farm]
    assert light.light != "red" and not light.held


def test_an_approved_extension_releases_a_held_red(db, plan):
    plan_id, (farm, _, _) = plan
    outline.update_node(db, farm, progress=10, status="in_progress")
    clock.set_today(D(2025, 6, 26))
    rounds.create_round(db, plan_id, "2025-06-25")
    second = rounds.create_round(db, plan_id, "2025-07-25")
    outline.update_node(db, farm, progress=30)
    items.extend(db, farm, "2026-06-30", "受汛期影响", "王县长", on="2025-07-01")
    light = rounds.round_lights(db, second, D(2025, 7, 25))[farm]
    assert light.light != "red" and not light.held


def test_close_reopen_remove_and_restore(db, plan):
    round_id = rounds.create_round(db, plan[0], "2025-06-25")
    rounds.close_round(db, round_id, D(2025, 6, 30))
    with pytest.raises(InvalidOperationError):
        rounds.close_round(db, round_id)
    rounds.reopen_round(db, round_id)
    assert rounds.get_round(db, round_id).closed_on is None
    before = content_hash(db.conn)
    rows = rounds.remove_round(db, round_id)
    assert rounds.list_rounds(db) == []
    rounds.restore_round(db, rows)
    assert content_hash(db.conn) == before


def _rows(db):
    """Every row of the ordinary tables (FTS segments are rewritten, not restored byte-equal)."""
    names = [
        r[0]
        for r in db.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        if "_fts" not in r[0] and "_grams" not in r[0]
    ]
    return {name: sorted(map(tuple, db.query(f"SELECT * FROM {name}"))) for name in names}


def test_deleting_a_plan_or_an_item_and_undo_keep_the_supervision_rows(db, plan):
    plan_id, (farm, _, _) = plan
    clock.set_today(D(2025, 6, 26))
    first = rounds.create_round(db, plan_id, "2025-06-25")
    rounds.create_round(db, plan_id, "2025-07-25")
    rounds.mark_received(db, first, "农业办", "2025-06-24")
    items.close_done(db, farm, "已完成", on="2025-06-26")
    item_id = items.add_item(db, "落实批示。", source="instruction", assigned_on="2025-06-03")
    before = _rows(db)
    snap = outline.delete_plan(db, plan_id)
    assert rounds.list_rounds(db) == []
    outline.restore_snapshot(db, snap)
    assert _rows(db) == before
    ledger = items.get_item(db, item_id).node.plan_id
    snap = outline.delete_plan(db, ledger)
    assert items.list_items(db) == [] and items.ledger_plan(db, 2025, create=False) is None
    outline.restore_snapshot(db, snap)
    assert _rows(db) == before
    snap = outline.remove_node(db, farm)
    outline.restore_snapshot(db, snap)
    assert _rows(db) == before
