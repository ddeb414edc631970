"""Text import: encodings, line ends, level patterns, messy web/PDF text, tails and hints."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.importing import parse_file, parse_text
from models.importing.conservation import check_conservation

PLAN = """XX镇2024年工作计划
2024年，全镇将继续推动高质量发展。
一、加强党的建设
（一）抓好思想建设。一是深入开展理论学习；二是抓好意识形态工作。
（二）抓好组织建设。开展村级党组织星级评定。每季度召开一次党建工作推进会。
二、发展镇域经济
扩大油茶种植规模，新增油茶种植2000亩以上。年底前建成漆树产业园。
"""


def parse(text: str):
    result = parse_text(text)
    check_conservation(result)
    return result


def only(result):
    assert len(result.documents) == 1
    return result.documents[0]


def _check_plan(doc) -> None:
    assert doc.title == "XX镇2024年工作计划"
    assert doc.year == 2024 and doc.organization == "XX镇"
    assert doc.preamble == "2024年，全镇将继续推动高质量发展。"
    assert [s.heading for s in doc.sections] == ["加强党的建设", "发展镇域经济"]
    sub = doc.sections[0].children
    assert [s.heading for s in sub] == ["抓好思想建设", "抓好组织建设"]
    assert sub[0].task_style == "yishi" and sub[0].run_in == "。"
    assert [t.text for t in sub[0].tasks] == ["深入开展理论学习；", "抓好意识形态工作。"]
    assert [t.text for t in doc.sections[1].tasks] == [
        "扩大油茶种植规模，新增油茶种植2000亩以上。",
        "年底前建成漆树产业园。",
    ]


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16", "utf-16-le"]
)
def test_encodings(tmp_path: Path, encoding: str):
    path = tmp_path / f"plan-{encoding}.txt"
    path.write_bytes(PLAN.encode(encoding))
    result = parse_file(path)
    check_conservation(result)
    _check_plan(only(result))


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_line_ends(tmp_path: Path, newline: str):
    path = tmp_path / "plan.txt"
    path.write_bytes(PLAN.replace("\n", newline).encode("gbk"))
    result = parse_file(path)
    check_conservation(result)
    _check_plan(only(result))


def test_full_and_half_width_spaces():
    text = PLAN.replace("一、加强", "　　一、 加强").replace("扩大油茶", "\u3000\u3000扩大 油茶")
    _check_plan(only(parse(text)))


@pytest.mark.parametrize(
    "numbers",
    [
        ("一、", "（一）", "1.", "（1）"),
        ("第一部分 ", "一、", "（一）", "1、"),
        ("第一章 ", "（一）", "1．", "①"),
    ],
)
def test_level_patterns(numbers):
    a, b, c, d = numbers

    def num(pattern: str, n: int) -> str:
        cn = "一二三"[n - 1]
        return (
            pattern.replace("一", cn)
            if "一" in pattern
            else pattern.replace("1", str(n)).replace("①", "①②③"[n - 1])
        )

    text = (
        f"测试镇2025年工作要点\n{num(a, 1)}党的建设\n{num(b, 1)}思想建设\n"
        f"{num(c, 1)}理论学习\n{num(d, 1)}开展读书班。\n{num(d, 2)}开展宣讲活动。\n"
        f"{num(c, 2)}意识形态\n落实工作责任制。\n{num(a, 2)}经济发展\n抓好招商引资。\n"
    )
    doc = only(parse(text))
    assert [s.heading for s in doc.sections] == ["党的建设", "经济发展"]
    lvl2 = doc.sections[0].children[0]
    assert lvl2.heading == "思想建设" and lvl2.level == 2
    lvl3 = lvl2.children
    assert [s.heading for s in lvl3] == ["理论学习", "意识形态"] and lvl3[0].level == 3
    # the deepest numbered one-sentence items are tasks, written as numbered paragraphs
    assert [t.text for t in lvl3[0].tasks] == ["开展读书班。", "开展宣讲活动。"]
    assert lvl3[0].task_style == "numbered"


def test_plan_starting_at_second_pattern_is_level_one():
    doc = only(
        parse("XX镇2024年工作计划\n（一）加强党建。抓好学习。\n（二）发展经济。扩大规模。\n")
    )
    assert [(s.heading, s.level) for s in doc.sections] == [("加强党建", 1), ("发展经济", 1)]


def test_ascii_punctuation_is_normalised():
    doc = only(
        parse(
            "XX镇2024年工作计划\n(一)加强党建:抓好学习,加大督查;推进廉政建设.\n"
            "(二)发展经济:扩大规模.\n"
        )
    )
    first = doc.sections[0]
    assert (first.heading, first.run_in) == ("加强党建", "：")
    assert [t.text for t in first.tasks] == ["抓好学习，加大督查；", "推进廉政建设。"]


def test_whole_plan_on_one_line():
    doc = only(
        parse(
            "XX镇2024年工作计划 一、强化队伍建设。持续开展学习教育，抓好廉政建设。"
            "二、创新普法形式。落实普法责任制；推进以案释法。三、提高行政能力。开展合法性审查。"
        )
    )
    assert doc.title == "XX镇2024年工作计划"
    assert [s.heading for s in doc.sections] == ["强化队伍建设", "创新普法形式", "提高行政能力"]
    assert [t.text for t in doc.sections[1].tasks] == ["落实普法责任制；", "推进以案释法。"]


def test_pdf_hard_breaks_are_joined_and_enumeration_is_not_a_heading():
    text = (
        "县司法局2024年工作计划\n"
        "一、强化队伍建设。持续开展思想政治学习教育，持续抓好党风廉政建设工作，充分发挥领导\n"
        "班子成员的表率带头作用，积极树立良好形象。\n"
        "二、推进项目建设。加快推进XX水库\n"
        "一、二期工程建设。完成道路硬化。\n"
    )
    doc = only(parse(text))
    assert [s.heading for s in doc.sections] == ["强化队伍建设", "推进项目建设"]
    assert (
        doc.sections[0]
        .tasks[0]
        .text.endswith("充分发挥领导班子成员的表率带头作用，积极树立良好形象。")
    )
    assert [t.text for t in doc.sections[1].tasks] == [
        "加快推进XX水库一、二期工程建设。",
        "完成道路硬化。",
    ]


def test_heading_that_lost_its_dun():
    doc = only(
        parse(
            "XX镇2024年工作计划\n一、加强党建\n抓好学习。\n二坚定不移推进全面从严治党\n"
            "加强廉政建设。\n三、发展经济\n扩大规模。\n"
        )
    )
    assert [s.heading for s in doc.sections] == ["加强党建", "坚定不移推进全面从严治党", "发展经济"]


def test_web_noise_of_each_kind():
    text = """首页 > 范文大全 > 工作计划
发布时间：2023-12-01 来源：XX网 作者：admin
2024年乡镇工作计划（8篇）
以下是小编为大家整理的2024年乡镇工作计划，希望对您有所帮助。
提纲：一、加强党建 二、发展经济
XX镇2024年工作计划
2024年，我镇将继续全面贯彻落实新发展理念，紧紧围绕重点目标任务。
2024年，我镇将继续全面贯彻落实新发展理念，紧紧围绕重点目标任务，全面做好各项工作。
（一）加强党建。抓好党员教育管理【更多素^材搜索哒%哒%*文库】，加大督查##paidbegin##力度。
第1页共4页
（二）发展经济。持续发展黑山羊产业，力争达到年出栏5万只的规模，每月检查
2
一次进度。点击下载本文档
##paidend##
"""
    result = parse(text)
    doc = only(result)
    assert doc.title == "XX镇2024年工作计划"
    assert doc.preamble == (
        "2024年，我镇将继续全面贯彻落实新发展理念，紧紧围绕重点目标任务，全面做好各项工作。"
    )
    assert [t.text for t in doc.sections[0].tasks] == ["抓好党员教育管理，加大督查力度。"]
    assert [t.text for t in doc.sections[1].tasks] == [
        "持续发展黑山羊产业，力争达到年出栏5万只的规模，每月检查一次进度。"
    ]
    kinds = {r.kind for r in result.removed}
    assert {
        "breadcrumb",
        "meta",
        "label",
        "blurb",
        "outline",
        "duplicate",
        "watermark",
        "paid",
        "page",
        "ad",
    } <= kinds
    blob = str(result.to_json())
    for junk in ("小编", "下载", "文库", "paid", "发布时间", "首页", "提纲", "第1页"):
        assert junk not in blob


def test_page_number_in_middle_of_sentence():
    doc = only(
        parse("XX镇2024年工作计划\n一、加强党建。抓好党员 - 2 - 教育管理，加大督查 3 力度。\n")
    )
    assert doc.sections[0].tasks[0].text == "抓好党员教育管理，加大督查力度。"


def test_compilation_without_toc_split_by_series_marks():
    text = (
        "篇一：XX镇2024年工作计划\n一、加强党建。抓好学习。\n"
        "篇二：XX乡2024年工作要点\n一、发展经济。扩大规模。\n"
    )
    result = parse(text)
    assert [d.title for d in result.documents] == ["XX镇2024年工作计划", "XX乡2024年工作要点"]
    assert [d.organization for d in result.documents] == ["XX镇", "XX乡"]


def test_responsibility_tails_bracket_dash_and_next_line():
    text = (
        "XX镇2025年工作要点\n一、产业发展\n"
        "（一）农业生产\n"
        "1.稳定粮食生产，完成播种面积3万亩以上。（牵头领导：张三；责任单位：镇农业办、镇财政所；"
        "完成时限：2025年6月底前）\n"
        "2.推进农田水利建设——责任单位：水利站；配合单位：财政所；完成时限：年底前\n"
        "3.常态化开展人居环境整治。\n牵头领导：李四  责任单位：村建办\n"
    )
    doc = only(parse(text))
    tasks = doc.sections[0].children[0].tasks
    assert [t.text for t in tasks] == [
        "稳定粮食生产，完成播种面积3万亩以上。",
        "推进农田水利建设",
        "常态化开展人居环境整治。",
    ]
    t1, t2, t3 = tasks
    assert (t1.lead_leader, t1.owner_unit, t1.deadline) == (
        "张三",
        "镇农业办、镇财政所",
        "2025年6月底前",
    )
    assert t1.note.startswith("（牵头领导：张三") and t1.target == "3万亩以上"
    assert (t2.owner_unit, t2.co_units, t2.deadline) == ("水利站", "财政所", "年底前")
    assert (t3.lead_leader, t3.owner_unit, t3.frequency) == ("李四", "村建办", "regular")
    assert t3.note.startswith("牵头领导：李四")


def test_hints_deadline_target_frequency():
    doc = only(
        parse(
            "XX镇2025年工作要点\n一、重点工作\n完成医保征缴任务98%以上，6月底前完成。"
            "推进千亩漆树产业园建设。每月开展一次安全检查。第一季度完成项目申报。\n"
        )
    )
    t = doc.sections[0].tasks
    assert (t[0].target, t[0].deadline) == ("98%以上", "6月底前")
    assert t[1].target == "千亩"
    assert t[2].frequency == "monthly"
    assert t[3].deadline == "第一季度"


def test_sentence_split_never_on_commas_and_keeps_closing_quotes():
    doc = only(
        parse(
            "XX镇2025年工作要点\n一、重点工作\n"
            "落实“应保尽保。”推进“飞地经济”，抓好集体经济！"
            "能否完成？\n"
        )
    )
    assert [t.text for t in doc.sections[0].tasks] == [
        "落实“应保尽保。”",
        "推进“飞地经济”，抓好集体经济！",
        "能否完成？",
    ]


def test_closing_signature_and_date():
    doc = only(parse("XX镇2025年工作要点\n一、重点工作\n抓好落实。\nXX镇人民政府\n2025年1月5日\n"))
    assert doc.closing == "XX镇人民政府\n2025年1月5日"
    assert [t.text for t in doc.sections[0].tasks] == ["抓好落实。"]


def test_progress_and_cancel():
    from models.errors import Cancelled

    calls: list[tuple[int, int]] = []
    parse_text(PLAN * 50, progress=lambda d, t: calls.append((d, t)))
    assert calls and calls[-1][0] == calls[-1][1]
    with pytest.raises(Cancelled):
        parse_text(PLAN, should_cancel=lambda: True)


def test_download_page_widgets_and_repeated_title():
    text = (
        "XX镇目标工作计划(2篇).docxVIP\n  • 0\n  • 约6.22千字\n  • 约 11页\n"
        "  • 2026-01-28 发布于四川\n  • 举报\n| cwl2\n"
        "XX镇2025年工作计划\nXX镇2025年工作计划\n一、抓好党建\n加强学习。\n"
    )
    result = parse(text)
    doc = only(result)
    assert doc.title == "XX镇2025年工作计划" and doc.preamble == ""
    assert [s.heading for s in doc.sections] == ["抓好党建"]
    assert {"label", "meta", "duplicate"} <= {r.kind for r in result.removed}


def test_title_repeated_in_front_of_the_text_and_heading_ended_by_a_space():
    text = (
        "2024年镇建设项目推进工作方案\n"
        "2024年镇建设项目推进工作方案 一、背景与目标 随着城市化进程的不断推进，制定本方案。"
        "二、推进措施 加快完成城市基础设施建设项目。\n"
    )
    doc = only(parse(text))
    assert doc.title == "2024年镇建设项目推进工作方案"
    assert [s.heading for s in doc.sections] == ["背景与目标", "推进措施"]
    assert [t.text for t in doc.sections[1].tasks] == ["加快完成城市基础设施建设项目。"]


def test_series_mark_repeating_the_page_title():
    text = (
        "镇政府年度工作报告\n第一篇:镇政府年度工作报告\n各位代表:\n"
        "一、2013年工作回顾\n取得积极成就。\n"
    )
    result = parse(text)
    doc = only(result)
    assert doc.title == "镇政府年度工作报告" and doc.organization == "镇政府"
    assert doc.preamble == "各位代表："


def test_year_of_a_summary_and_plan_title_is_the_plan_year():
    doc = only(parse("镇政府2019年工作总结和2020年工作计划\n一、抓好党建\n加强学习。\n"))
    assert (doc.year, doc.organization) == (2020, "镇政府")


def test_numbered_items_with_long_first_sentence_are_tasks():
    doc = only(
        parse(
            "XX镇2025年工作要点\n（一）加强党建\n"
            "1.组织全镇党员干部认真深入学习党的二十大精神和党中央的各项方针政策。每月集中学习一次。\n"
            "2.推进党风廉政建设。\n"
        )
    )
    sec = doc.sections[0]
    assert sec.task_style == "numbered" and not sec.children
    assert [t.text for t in sec.tasks] == [
        "组织全镇党员干部认真深入学习党的二十大精神和党中央的各项方针政策。每月集中学习一次。",
        "推进党风廉政建设。",
    ]
    assert sec.tasks[0].frequency == "monthly"


def test_numbered_items_with_short_run_in_heading_stay_sections():
    doc = only(
        parse(
            "XX镇2025年工作要点\n一、加强党建\n（一）抓好学习。每月集中学习一次。\n"
            "（二）推进廉政。开展警示教育。\n"
        )
    )
    kids = doc.sections[0].children
    assert [(k.heading, k.run_in) for k in kids] == [("抓好学习", "。"), ("推进廉政", "。")]


def test_government_site_disclosure_block_and_closing_with_attachments():
    text = (
        "  • 索引号:6735597301/2021-1801120\n  • 发布机构:县人民政府办公室\n"
        "  • 公开日期:2021-03-23\n2021年县政府重点工作任务(华政发〔2021〕2号)\n"
        "来源:华容县政府   2021-03-23 10:56\n浏览量:1 | | | |\n各乡镇人民政府:\n"
        "一、强化责任落实。主要责任单位要切实履行主职主责。\n"
        "二、细化工作方案。于2021年3月15日前报县政府督查室备案。\n"
        "附件:1.2021年重点工作任务分解表\n2.2021年民生实事任务分解表\n"
        "县人民政府办公室\n2021年1月25日\n(此件公开发布)\n扫一扫在手机上查看当前页面\n"
    )
    result = parse(text)
    doc = only(result)
    assert doc.title == "2021年县政府重点工作任务" and doc.year == 2021
    assert doc.doc_number == "华政发〔2021〕2号"
    # a cover notice whose plan is not in the text: its own points are no plan sections
    assert doc.preamble.splitlines() == [
        "各乡镇人民政府：",
        "一、强化责任落实。主要责任单位要切实履行主职主责。",
        "二、细化工作方案。于2021年3月15日前报县政府督查室备案。",
    ]
    assert doc.sections == []
    assert doc.closing.splitlines() == [
        "附件：1.2021年重点工作任务分解表",
        "2.2021年民生实事任务分解表",
        "县人民政府办公室",
        "2021年1月25日",
        "（此件公开发布）",
    ]


def test_document_number_line_under_the_title():
    doc = only(parse("XX镇2025年工作要点\nXX党发〔2025〕3号\n一、抓好党建\n加强学习。\n"))
    assert (doc.title, doc.doc_number, doc.preamble) == (
        "XX镇2025年工作要点",
        "XX党发〔2025〕3号",
        "",
    )


def test_first_heading_that_lost_its_dun():
    doc = only(
        parse(
            "XX镇2024年工作计划\n一坚定不移推进全面从严治党\n加强廉政建设。\n"
            "二、发展经济\n一批项目开工建设。一网通办全面推行。\n"
        )
    )
    assert [s.heading for s in doc.sections] == ["坚定不移推进全面从严治党", "发展经济"]
    assert [t.text for t in doc.sections[1].tasks] == ["一批项目开工建设。", "一网通办全面推行。"]
