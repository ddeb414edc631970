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
    keys = ("title", "year", "organization", "preamble", "closing", "doc_number")
    for key in (*keys, "signed_by", "signed_date"):
        assert (rebuilt.get(key) or None) == (original.get(key) or None)

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
    # the 落款 that ends the text is the plan's 署名 and 成文日期, not closing text
    assert stored["closing"] == ""
    assert (stored["signed_by"], stored["signed_date"]) == ("XX镇党委", "2025-01-06")


NOTICE_AND_SUMMARY = (
    "首页 > 政务公开\n发布时间：2025-02-01 来源：青山县\n"
    "青山县林业局关于印发2024年工作总结及2025年工作计划的通知\n各乡镇林业站：\n"
    "现将有关材料印发给你们。\n青山县林业局\n2025年1月20日\n"
    "青山县林业局2024年工作总结及2025年工作计划\n一、2024年工作开展情况\n完成造林1万亩。\n"
    "二、2025年工作计划\n开展巡山护林。建设防火通道10公里。\n"
)


def test_preview_says_what_was_recognised_and_every_choice_is_overridable():
    from models.importing.preview import (
        chrome_lines,
        keep_notice,
        previews_of,
        set_summary_mode,
        summary_mode,
    )

    result = parse_text(NOTICE_AND_SUMMARY)
    plans = previews_of(result)
    main, summary = plans
    assert main.notice_title.startswith("青山县林业局关于印发") and main.has_summary
    assert summary.summary_of == 0 and not summary.include
    assert chrome_lines(result) == 2
    # defaults: notice and 总结 kept as the preamble, the tasks only from the plan part
    doc = to_document(main)
    assert "各乡镇林业站" in doc["preamble"] and "完成造林1万亩。" in doc["preamble"]
    assert [s["heading"] for s in doc["sections"]] == ["2025年工作计划"]
    keep_notice(main, False)
    assert "各乡镇林业站" not in to_document(main)["preamble"]
    set_summary_mode(plans, 0, "plan")
    assert summary_mode(plans, 0) == "plan" and summary.include
    assert "完成造林" not in to_document(main)["preamble"]
    assert to_document(summary)["sections"][0]["heading"] == "2024年工作开展情况"
    assert summary.year == 2024
    set_summary_mode(plans, 0, "drop")
    assert summary_mode(plans, 0) == "drop" and not summary.include


def test_traditional_plan_can_be_stored_simplified():
    from models.importing import script
    from models.importing.preview import previews_of, simplify

    if not script.available():
        import pytest

        pytest.skip("OpenCC is not installed")
    (plan,) = previews_of(parse_text("青山鄉2025年工作計劃\n一、發展產業\n新建基地。\n"))
    assert plan.traditional and plan.title == "青山鄉2025年工作計劃"
    simplify(plan)
    assert plan.title == "青山乡2025年工作计划"
    assert [r.text for r in plan.rows] == ["发展产业", "新建基地。"]
