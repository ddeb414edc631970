"""The sample year a new user sees on first start: rounds, a held red, items, numbered 通报."""

from __future__ import annotations

from models.startup import open_or_create
from models.store.check import check
from models.supervision import items, numbering, rounds


def test_first_start_shows_rounds_items_and_a_numbered_bulletin(tmp_path):
    db, created = open_or_create(tmp_path / "new.db")
    with db:
        assert created and check(db) == []
        first, second = rounds.list_rounds(db)
        assert first.closed_on == "2024-06-28" and second.closed_on is None
        status = rounds.round_status(db, second.id)
        counts = status.counts
        assert (counts["expected"], counts["received"], counts["late"]) == (5, 3, 1)
        assert {u.unit for u in status.to_chase} == {"畜牧站", "经发办"}
        held = [t for t in status.lights.values() if t.held]
        assert len(held) == 1 and held[0].pace == "on_pace" and held[0].previous == "red"
        found = items.list_items(db, year=2024)
        assert sorted(i.state for i in found) == ["closed", "open", "open"]
        assert any(c.action == "extend" for i in found for c in i.closings)
        issues = numbering.list_issues(db, "bulletin")
        assert [i.label for i in issues] == ["2024年第1期", "2024年第2期"]
        assert issues[-1].round_id == second.id


def test_no_sample_has_no_supervision_rows(tmp_path):
    db, _ = open_or_create(tmp_path / "empty.db", sample=False)
    with db:
        assert rounds.list_rounds(db) == [] and items.list_items(db) == []
