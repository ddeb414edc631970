"""Same plan or not: title and outline, whitespace aside; the title of a copy."""

from __future__ import annotations

from models import outline
from models.plan_identity import copy_title, document_fingerprint, plan_fingerprint, same_plans

DOC = {
    "title": "XX镇2025年工作计划",
    "tasks": [{"text": "总体任务。"}],
    "sections": [
        {
            "heading": "一、抓好党建",
            "tasks": [{"text": "加强学习。"}],
            "children": [{"heading": "（一）廉政", "tasks": [{"text": "推进廉政建设。"}]}],
        }
    ],
}


def test_a_stored_document_is_the_same_plan(db):
    plan_id = outline.store_document(db, DOC)
    assert plan_fingerprint(db, plan_id) == document_fingerprint(DOC)
    assert same_plans(db, DOC) == [plan_id]
    spaced = {**DOC, "title": " XX镇2025年 工作计划"}
    assert same_plans(db, spaced) == [plan_id]


def test_other_content_or_title_is_another_plan(db):
    outline.store_document(db, DOC)
    changed = {**DOC, "tasks": [{"text": "另一项任务。"}]}
    assert same_plans(db, changed) == []
    assert same_plans(db, {**DOC, "title": "XX镇2026年工作计划"}) == []


def test_copy_titles_are_numbered(db):
    outline.store_document(db, DOC)
    first = copy_title(db, DOC["title"])
    assert first == "XX镇2025年工作计划（副本）"
    outline.store_document(db, {**DOC, "title": first})
    assert copy_title(db, DOC["title"]) == "XX镇2025年工作计划（副本2）"
