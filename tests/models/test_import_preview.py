"""The preview rows behind the import window: roles, merge, split, back to a document."""

from __future__ import annotations

from models.importing import parse_text, store_documents
from models.importing.preview import merge_with_next, preview_of, set_role, split_row, to_document
from models.outline import plan_to_document

TEXT = (
    "XX镇2025年工作要点\nXX党发〔2025〕3号\n全年工作总体要求。\n一、抓好党建\n"
    "（一）思想建设。一是理论学习；二是意识形态。\n（二）组织建设\n开展星级评定。\n"
    "二、发展经济\n扩大油茶种植2000亩以上。年底前建成产业园。\nXX镇党委\n2025年1月6日\n"
)


def _plan():
    return preview_of(parse_text(TEXT).documents[0])


def test_round_trip_without_edits_keeps_the_document():
    doc = parse_text(TEXT).documents[0]
    rebuilt = to_document(preview_of(doc))
    original = doc.to_json()
    for key in ("title", "year", "organization", "preamble", "closing", "doc_number"):
        assert rebuilt[key] == original[key]

    def shape(sections):
        return [
            (
                s["heading"],
                s["level"],
                s["run_in"],
                s["task_style"],
                [t["text"] for t in s["tasks"]],
                shape(s["children"]),
            )
            for s in sections
        ]

    assert shape(rebuilt["sections"]) == shape(original["sections"])


def test_roles_merge_split_and_drop():
    plan = _plan()
    texts = [r.text for r in plan.rows]
    i = texts.index("全年工作总体要求。")
    set_role(plan, i, "heading", 1)
    j = texts.index("理论学习；")
    assert merge_with_next(plan, j)
    assert plan.rows[j].text == "理论学习；意识形态。"
    assert split_row(plan, j) == 2
    k = [r.text for r in plan.rows].index("组织建设")
    set_role(plan, k, "task")
    m = [r.text for r in plan.rows].index("年底前建成产业园。")
    set_role(plan, m, "drop")
    doc = to_document(plan)
    assert [s["heading"] for s in doc["sections"]] == ["全年工作总体要求。", "抓好党建", "发展经济"]
    party = doc["sections"][1]
    assert [c["heading"] for c in party["children"]] == ["思想建设"]
    assert [t["text"] for t in party["children"][0]["tasks"]] == [
        "理论学习；",
        "意识形态。",
        "组织建设",
        "开展星级评定。",
    ]
    assert [t["text"] for t in doc["sections"][2]["tasks"]] == ["扩大油茶种植2000亩以上。"]
    assert doc["sections"][2]["tasks"][0]["target"] == "2000亩以上"


def test_heading_turned_into_body_keeps_its_run_in_mark():
    plan = _plan()
    i = [r.text for r in plan.rows].index("思想建设")
    set_role(plan, i, "body")
    assert plan.rows[i].text == "思想建设。"


def test_store_documents_in_one_transaction(db):
    plan = _plan()
    ids = store_documents(db, [to_document(plan), to_document(plan)])
    assert len(ids) == 2
    stored = plan_to_document(db, ids[0])
    assert stored["doc_number"] == "XX党发〔2025〕3号"
    assert stored["closing"] == "XX镇党委\n2025年1月6日"
