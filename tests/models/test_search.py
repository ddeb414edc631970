"""Search over all plans: 1-, 2- and 3+-character queries, and the index kept in step."""

from __future__ import annotations

import sqlite3

import pytest

from models import outline, search, tracking
from models.store.check import check
from models.store.migrations import MIGRATIONS
from models.store.open import open_database


def _ids(hits):
    return sorted(h.node_id for h in hits if h.kind != "progress")


@pytest.fixture
def plans(db, plan_factory):
    a = plan_factory(
        title="甲镇2024年工作计划",
        year=2024,
        sections=[
            ("发展特色产业", ["扩大黑山羊养殖规模。", "扩大油茶种植规模。"]),
            ("保障民生", ["落实低保动态管理。", "完成农村道路硬化。"]),
        ],
    )
    b = plan_factory(
        title="甲镇2025年工作计划",
        year=2025,
        sections=[
            ("发展特色产业", ["新建油茶基地500亩。"]),
        ],
    )
    by_text = {
        n.text: n.id for p in (a, b) for n in outline.load_outline(db, p) if n.kind == "task"
    }
    return a, b, by_text


def test_one_character_query(db, plans):
    a, b, t = plans
    hits = search.search(db, "羊")
    assert _ids(hits) == [t["扩大黑山羊养殖规模。"]]
    assert hits[0].snippet == "扩大黑山【羊】养殖规模。"
    assert (hits[0].plan_id, hits[0].year, hits[0].plan_title) == (a, 2024, "甲镇2024年工作计划")


def test_two_character_query_over_years(db, plans):
    a, b, t = plans
    hits = search.search(db, "油茶")
    assert _ids(hits) == sorted([t["扩大油茶种植规模。"], t["新建油茶基地500亩。"]])
    assert [h.year for h in hits] == [2025, 2024]  # newest year first
    assert _ids(search.search(db, "低保")) == [t["落实低保动态管理。"]]


def test_three_plus_character_query_and_headings(db, plans):
    a, b, t = plans
    assert _ids(search.search(db, "种植规模")) == [t["扩大油茶种植规模。"]]
    hits = search.search(db, "特色产业")
    assert {h.kind for h in hits} == {"section"} and len(hits) == 2
    assert hits[0].text == "发展特色产业" and "【特色产业】" in hits[0].snippet


def test_terms_are_and_combined_and_mixed_lengths(db, plans):
    a, b, t = plans
    assert _ids(search.search(db, "油茶 基地")) == [t["新建油茶基地500亩。"]]
    assert _ids(search.search(db, "扩大 羊")) == [t["扩大黑山羊养殖规模。"]]
    assert _ids(search.search(db, "油茶 羊")) == []
    assert _ids(search.search(db, "500")) == [t["新建油茶基地500亩。"]]
    assert search.search(db, "   ") == []
    assert _ids(search.search(db, "油茶", plan_id=a)) == [t["扩大油茶种植规模。"]]


def test_no_false_hits_and_punctuation(db, plans):
    a, b, t = plans
    assert search.search(db, "鱼") == []
    assert search.search(db, "羊鱼") == []
    # a short term with punctuation falls back to a scan
    assert len(search.search(db, "模。")) == 2


def test_notes_and_progress_notes_are_searched(db, plans):
    a, b, t = plans
    task = t["完成农村道路硬化。"]
    outline.update_node(db, task, note="涉及桥梁")
    assert _ids(search.search(db, "桥")) == [task]
    tracking.add_progress(
        db, task, "已完成路基。", 40, entry_date="2024-05-01", problems="资金缺口"
    )
    hits = search.search(db, "路基")
    assert [(h.kind, h.node_id) for h in hits] == [("progress", task)]
    assert [h.kind for h in search.search(db, "缺口")] == ["progress"]
    assert [h.kind for h in search.search(db, "资")] == ["progress"]


def test_index_follows_edits(db, plans):
    a, b, t = plans
    task = t["扩大黑山羊养殖规模。"]
    outline.update_node(db, task, text="扩大肉牛养殖规模。")
    assert search.search(db, "羊") == []
    assert _ids(search.search(db, "牛")) == [task]
    assert _ids(search.search(db, "肉牛养殖")) == [task]
    assert check(db) == []  # the search indexes match their tables


def test_index_after_remove_and_undo(db, plans):
    a, b, t = plans
    section = outline.get_node(db, t["扩大黑山羊养殖规模。"]).parent_id
    snap = outline.remove_node(db, section)
    assert search.search(db, "羊") == []
    assert _ids(search.search(db, "油茶")) == [t["新建油茶基地500亩。"]]
    assert search.search(db, "发展特色产业", plan_id=a) == []
    outline.restore_snapshot(db, snap)
    assert _ids(search.search(db, "羊")) == [t["扩大黑山羊养殖规模。"]]
    assert len(search.search(db, "油茶")) == 2
    assert check(db) == []  # the search indexes match their tables


def test_index_after_plan_delete_import_and_undo(db, plans):
    a, b, t = plans
    snap = outline.delete_plan(db, b)
    assert _ids(search.search(db, "油茶")) == [t["扩大油茶种植规模。"]]
    outline.restore_snapshot(db, snap)
    assert len(search.search(db, "油茶")) == 2
    doc = outline.plan_to_document(db, a)
    new = outline.store_document(db, doc, title="甲镇2026年工作计划", year=2026)
    hits = search.search(db, "羊")
    assert [h.plan_id for h in hits] == [new, a]
    assert check(db) == []  # the search indexes match their tables


def test_snippet_marks_every_match_and_trims():
    text = "一二三四五六七八九十" * 5 + "油茶" + "甲乙丙丁" * 10 + "油茶"
    out = search.snippet(text, ["油茶"], context=4)
    assert out.startswith("…") and out.endswith("…")
    assert "【油茶】" in out


def test_migration_from_v1_indexes_existing_rows(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    MIGRATIONS[0](conn)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO plans (id, title, year) VALUES (1, '旧计划', 2023)")
    conn.execute(
        "INSERT INTO nodes (id, plan_id, position, kind, heading) "
        "VALUES (1, 1, 0, 'section', '产业发展')"
    )
    conn.execute(
        "INSERT INTO nodes (id, plan_id, parent_id, position, kind, text) "
        "VALUES (2, 1, 1, 0, 'task', '发展黑山羊养殖。')"
    )
    conn.execute(
        "INSERT INTO progress_log (task_id, entry_date, text) "
        "VALUES (2, '2023-05-01', '新建羊舍两栋。')"
    )
    conn.close()
    db = open_database(path)
    try:
        assert db.user_version == len(MIGRATIONS)
        hits = search.search(db, "羊")
        assert [(h.kind, h.node_id) for h in hits] == [("task", 2), ("progress", 2)]
        assert [h.node_id for h in search.search(db, "产业")] == [1]
        assert [h.kind for h in search.search(db, "羊舍两栋")] == ["progress"]
        assert check(db) == []  # the search indexes match their tables
    finally:
        db.close()


def test_index_kept_by_a_plain_connection(db_path, db, plans):
    """The triggers need no registered function: another program's connection keeps it right."""
    a, b, t = plans
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute(
        "UPDATE nodes SET text = '发展肉鸽养殖。' WHERE id = ?", (t["扩大黑山羊养殖规模。"],)
    )
    other.close()
    assert search.search(db, "羊") == []
    assert _ids(search.search(db, "鸽")) == [t["扩大黑山羊养殖规模。"]]


def test_index_after_rollover_and_its_undo(db, plans):
    from models import rollover

    a, b, t = plans
    result = rollover.rollover(db, a, year=2026)
    hits = search.search(db, "羊")
    assert [h.plan_id for h in hits] == [result.plan_id, a]
    assert hits[0].year == 2026
    outline.delete_plan(db, result.plan_id)  # what undo of the rollover command does
    assert [h.plan_id for h in search.search(db, "羊")] == [a]
    assert check(db) == []  # the search indexes match their tables
