"""序时进度 classes at their boundaries, both rules, counts, and the due list's pace."""

from __future__ import annotations

import datetime as dt

import pytest

from models import outline, tracking
from models.errors import InvalidOperationError
from models.supervision import pace
from models.supervision.settings import (
    SupervisionSettings,
    save_supervision_settings,
    supervision_settings,
)

D = dt.date
YEAR = (D(2025, 1, 1), D(2025, 12, 31))
HALF = D(2025, 1, 1) + dt.timedelta(days=182)  # 182 of 364 days: expected exactly 50 %


def _pace(progress, day=HALF, status="in_progress", **kw):
    return pace.pace_for(
        status=status, progress=progress, start=YEAR[0], due=YEAR[1], day=day, **kw
    ).pace


@pytest.mark.parametrize(
    ("progress", "expected"),
    [(39, "behind"), (40, "on_pace"), (50, "on_pace"), (60, "on_pace"), (61, "ahead")],
)
def test_elapsed_rule_boundaries_at_ten_points(progress, expected):
    assert _pace(progress) == expected


def test_threshold_is_the_setting():
    assert _pace(45, threshold=0) == "behind"
    assert _pace(45, threshold=5) == "on_pace"


def test_months_rule_owes_eleven_twelfths_in_november():
    day = D(2025, 11, 20)
    assert pace.expected_progress("months", *YEAR, day) == pytest.approx(100 * 11 / 12)
    assert _pace(91, day, rule="months", threshold=0) == "behind"  # 91 < 91.7
    assert _pace(92, day, rule="months", threshold=0) == "ahead"  # threshold 0: above is ahead
    assert _pace(92, day, rule="months", threshold=1) == "on_pace"
    # the elapsed rule would call 80 % on 20 November on pace (88 % − 10 points)
    assert _pace(80, day) == "on_pace"
    assert _pace(80, day, rule="months", threshold=0) == "behind"


def test_past_due_and_not_done_is_behind_whatever_the_progress():
    assert _pace(99, D(2026, 1, 1)) == "behind"


def test_done_suspended_exempt_and_undated():
    assert _pace(100, status="done") == "done"
    assert _pace(0, status="suspended") == "other"
    assert _pace(0, status="not_started", exempt=True) == "other"
    got = pace.pace_for(status="in_progress", progress=10, start=None, due=None, day=HALF)
    assert got.pace == "other"


def test_counts_and_percentages_add_up():
    counts = {c.pace: c for c in pace.count_paces(["behind"] * 17 + ["on_pace"] * 204)}
    assert counts["behind"].count == 17 and counts["behind"].percent == 7.7
    assert counts["behind"].text == "17项（7.7%）"
    assert counts["ahead"].count == 0 and counts["ahead"].percent == 0.0
    assert [c.pace for c in pace.count_paces([])] == list(pace.PACE_CLASSES)


def test_settings_round_trip_and_bad_values(db):
    assert supervision_settings(db).pace_rule == "elapsed"
    assert supervision_settings(db).pace_threshold == 10
    save_supervision_settings(db, SupervisionSettings("months", 0, 5, "XX镇党政办"))
    got = supervision_settings(db)
    assert (got.pace_rule, got.pace_threshold, got.normal_days, got.office) == (
        "months",
        0,
        5,
        "XX镇党政办",
    )
    with pytest.raises(InvalidOperationError):
        save_supervision_settings(db, SupervisionSettings("weekly", 0, 5))
    assert supervision_settings(db).pace_rule == "months"


def test_plan_paces_use_plan_year_and_reasons(db, plan_factory):
    plan_id = plan_factory()
    tasks = [n for n in outline.load_outline(db, plan_id) if n.kind == "task"]
    outline.update_node(db, tasks[0].id, progress=10, status="in_progress")
    outline.update_node(db, tasks[1].id, progress=100, status="done")
    pace.set_pace_reason(db, tasks[2].id, "待上级资金下达")
    got = pace.plan_paces(db, plan_id, D(2025, 7, 2))
    assert got[tasks[0].id].pace == "behind" and got[tasks[0].id].expected == 50
    assert got[tasks[1].id].pace == "done"
    assert got[tasks[2].id].pace == "other"
    assert got[tasks[3].id].pace == "behind"  # not started, half the year gone
    assert pace.set_pace_reason(db, tasks[2].id, None) == "待上级资金下达"
    assert pace.plan_paces(db, plan_id, D(2025, 7, 2))[tasks[2].id].pace == "behind"


def test_due_list_carries_the_pace(db, plan_factory):
    plan_id = plan_factory()
    tasks = [n for n in outline.load_outline(db, plan_id) if n.kind == "task"]
    outline.update_node(db, tasks[0].id, progress=80, status="in_progress")
    items = pace.paced_due_list(db, D(2025, 3, 1))
    by_id = {i.node_id: i for i in items if i.kind == "task"}
    assert by_id[tasks[0].id].pace == "ahead"  # 80 % with 16 % of the year gone
    assert by_id[tasks[1].id].pace == "behind"
    assert by_id[tasks[0].id].as_json()["pace"] == "ahead"
    assert all(i.pace == "" for i in tracking.due_list(db, D(2025, 3, 1)))
