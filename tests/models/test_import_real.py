"""What real government files do (issue 13): cover notices, 总结+计划, web chrome, titles,
Traditional script, markers, responsibility lines and tails, text tables, .pdf and .doc.

Every fixture here is made-up text in the shape of the real thing.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.errors import ImportFileError
from models.importing import parse_file, parse_text, script
from models.importing.conservation import check_conservation

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus" / "real"


def parse(text: str, **kw):
    result = parse_text(text, **kw)
    check_conservation(result)
    return result


def only(result):
    assert len(result.documents) == 1
    return result.documents[0]


def _tasks(sec) -> int:
    return len(sec.tasks) + sum(_tasks(c) for c in sec.children)


# ---------------------------------------------------------------- 1. cover notices
NOTICE = """青山县人民政府办公室
关于印发《青山县2025年重点工作任务分解方案》
的通知
青政办〔2025〕7号
各乡镇人民政府，县直各单位：
现将《青山县2025年重点工作任务分解方案》印发给你们，请认真贯彻落实。
一、提高认识。各单位要高度重视。
二、按时报送。每月5日前报送进展。
青山县人民政府办公室
2025年2月10日
（此件公开发布）
青山县2025年重点工作任务分解方案
为推动全年工作落实，制定本方案。
一、加快产业发展
新建标准化厂房3万平方米。引进项目10个以上。
二、改善民生
新改建农村公路20公里。
"""


def test_cover_notice_plan_is_the_attachment():
    doc = only(parse(NOTICE))
    assert doc.title == "青山县2025年重点工作任务分解方案"
    assert doc.year == 2025 and doc.organization == "青山县人民政府办公室"
    assert doc.doc_number == "青政办〔2025〕7号"
    assert doc.notice_title.startswith("青山县人民政府办公室关于印发")
    # the notice's own points are not plan sections
    assert [s.heading for s in doc.sections] == ["加快产业发展", "改善民生"]
    assert [_tasks(s) for s in doc.sections] == [2, 1]
    assert "提高认识" in doc.notice and doc.preamble == "为推动全年工作落实，制定本方案。"
    # kept as the stored preamble by default, left out when the user says so
    assert "各乡镇人民政府" in doc.to_json()["preamble"]
    doc.keep_notice = False
    assert doc.to_json()["preamble"] == "为推动全年工作落实，制定本方案。"


def test_notice_without_its_plan_has_no_sections():
    text = NOTICE.split("青山县人民政府办公室\n2025年2月10日")[0]
    doc = only(parse(text))
    assert doc.title.endswith("的通知") and doc.year == 2025
    assert doc.sections == [] and "二、按时报送" in doc.preamble


def test_notice_without_date_plan_named_in_its_title():
    text = (
        "关于印发《青山县2025年农业工作方案》的通知\n各乡镇人民政府：\n现将方案印发给你们。\n"
        "青山县2025年农业工作方案\n一、扩大种植\n新增油茶。\n"
    )
    doc = only(parse(text))
    assert doc.title == "青山县2025年农业工作方案" and doc.organization == "青山县"
    assert [s.heading for s in doc.sections] == ["扩大种植"]


def test_notice_closing_and_share_widget():
    text = (
        "各乡镇人民政府，县直各单位：\n现将分解表印发给你们，请认真落实2025年各项任务。\n"
        "一、高度重视。各单位要抓好落实。\n此通知\n附件：重点工作任务分解表\n"
        "青山县人民政府办公室\n2025年2月1日\n（联系人：王五，电话：1234567）\n（此件公开发布）\n"
        "用微信扫描二维码分享至好友和朋友圈\n"
    )
    doc = only(parse(text))
    assert doc.organization == "青山县人民政府办公室" and doc.year == 2025
    assert doc.sections == [] and doc.preamble.endswith("一、高度重视。各单位要抓好落实。")
    assert doc.closing.splitlines()[0] == "此通知" and "二维码" not in str(doc.to_json())


def test_letter_without_notice_title_signature_names_the_issuer():
    text = (
        "青政函〔2024〕3号\n各乡镇人民政府：\n现将方案印发你们，请认真执行。\n"
        "青山县人民政府办公室\n2024年3月1日\n青山县2024年农村改革工作方案\n"
        "一、深化土地改革\n完成确权登记。\n"
    )
    doc = only(parse(text))
    assert doc.title == "青山县2024年农村改革工作方案"
    assert doc.organization == "青山县人民政府办公室" and doc.doc_number == "青政函〔2024〕3号"


def test_notice_followed_by_a_task_table_without_title(tmp_path: Path):
    import docx

    d = docx.Document()
    for line in (
        "青山县人民政府办公室关于印发重点工作任务分解表的通知",
        "各乡镇人民政府，县直各单位：",
        "现将分解表印发给你们，请认真落实。",
        "青山县人民政府办公室",
        "2025年2月1日",
    ):
        d.add_paragraph(line)
    table = d.add_table(rows=3, cols=4)
    for r, cells in enumerate(
        (
            ("序号", "工作任务", "责任单位", "完成时限"),
            ("1", "新建厂房3万平方米", "县工信局", "12月底前"),
            ("2", "新改建农村公路20公里", "县交通局", "10月底前"),
        )
    ):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    path = tmp_path / "notice.docx"
    d.save(path)
    result = parse_file(path)
    check_conservation(result)
    doc = only(result)
    # the signature date is no plan year
    assert doc.organization == "青山县人民政府办公室" and doc.year is None
    assert [(t.text, t.owner_unit) for t in doc.tasks] == [
        ("新建厂房3万平方米", "县工信局"),
        ("新改建农村公路20公里", "县交通局"),
    ]


def test_year_of_an_undated_title_is_the_year_the_text_is_about():
    text = (
        "青山镇工作要点\n2024年，全镇取得新成效。2025年是关键之年，到2030年建成强镇。\n"
        "一、抓好党建\n开展学习。\n"
    )
    assert only(parse(text)).year == 2025


# ---------------------------------------------------------------- 2. 总结 + 计划
SUMMARY_PLAN = """青山县林业局2024年工作总结及2025年工作计划
一、2024年工作开展情况
（一）造林绿化
完成造林1.2万亩。
（二）存在的问题
资金缺口较大。
二、2025年工作计划
（一）抓好森林防火
开展巡山护林。建设防火通道10公里。
（二）推进林长制
落实三级林长。
"""


def test_summary_part_kept_apart_from_the_plan():
    doc = only(parse(SUMMARY_PLAN))
    assert doc.year == 2025
    assert [s.heading for s in doc.summary] == ["2024年工作开展情况"]
    assert [s.heading for s in doc.sections] == ["2025年工作计划"]
    assert _tasks(doc.sections[0]) == 3
    data = doc.to_json()
    assert "完成造林1.2万亩。" in data["preamble"]  # default: the preamble
    assert len(doc.to_json_all()) == 1
    doc.summary_as = "plan"  # the user's other choice: a 总结 plan of its own
    plans = doc.to_json_all()
    assert len(plans) == 2 and "完成造林" not in plans[0]["preamble"]
    assert plans[1]["sections"][0]["heading"] == "2024年工作开展情况"


# ---------------------------------------------------------------- 3. web chrome
def test_site_chrome_never_reaches_title_heading_or_task():
    text = (
        "首页 > 政务公开 > 规划计划\n【字体：大 中 小】 打印本页 关闭窗口\n"
        "[ 索引号 ] | 001/2025-01 | [ 发布机构 ] | 青山镇 |\n"
        "发布时间：2025-01-05 09:30 来源：青山镇 浏览次数：12\n"
        "青山镇2025年工作计划\n一、抓好党建\n开展主题教育。\n"
        "【关闭窗口】 【打印本页】 |\n|\n"
    )
    doc = only(parse(text))
    assert doc.title == "青山镇2025年工作计划" and doc.year == 2025
    dumped = str(doc.to_json())
    for chrome in ("首页", "字体", "索引号", "发布时间", "关闭窗口", "打印"):
        assert chrome not in dumped


def test_document_sharing_site_chrome_and_glued_chunk_numbers():
    text = (
        "青山镇2025年工作计划.docx\nVIP免费下载\n本文标题：青山镇2025年工作计划\n"
        "链接地址：https://www.example.com/doc/123.html\n打赏 ¥0.01 ¥1 ¥5 ¥10\n"
        "分享到：微信 QQ空间\n智能问答 | 无障碍浏览\n第1页/共4页\n3青山镇2025年工作计划\n"
        "2025年，全镇将继续推动高质量发展。\n一、加强党的建设\n"
        "开展主题教育，推进组织建设2、工作作风转变。加强廉政教育。\n二、发展经济\n新建厂房。\n"
        "关联稿件\n附件下载\n【法宝引证码】CLI.12345\n下载文档\n"
    )
    doc = only(parse(text))
    assert doc.title == "青山镇2025年工作计划"
    assert doc.preamble == "2025年，全镇将继续推动高质量发展。"
    assert [t.text for s in doc.sections for t in s.tasks] == [
        "开展主题教育，推进组织建设、工作作风转变。",
        "加强廉政教育。",
        "新建厂房。",
    ]


def test_metadata_row_gives_the_title_when_the_text_has_none():
    text = (
        "| 标题：青山镇2025年上半年工作总结和下半年工作计划 | |\n"
        "| 发文机关：青山镇 | 发布日期：2025-07-01 |\n"
        "上半年，全镇稳步推进各项工作。\n一、下半年工作计划\n抓好秋收。\n"
    )
    doc = only(parse(text))
    assert doc.title == "青山镇2025年上半年工作总结和下半年工作计划"
    assert not doc.title_in_text and doc.year == 2025


def test_publish_date_never_gives_the_year():
    text = "发布时间：2025-03-01\n青山镇工作要点\n一、抓好党建\n开展学习。\n"
    doc = only(parse(text))
    assert doc.title == "青山镇工作要点" and doc.year is None


# ---------------------------------------------------------------- 4. titles, script
def test_title_broken_over_two_lines_and_issuer_line_above():
    doc = only(parse("青山县人民政府\n2025年政府工作报告\n一、主要任务\n抓好项目。\n"))
    assert doc.title == "青山县人民政府2025年政府工作报告" and doc.year == 2025


def test_multi_year_plan_year_is_its_first_year():
    doc = only(parse("青山县数字乡村建设实施方案（2024—2026年）\n一、目标\n建成平台。\n"))
    assert doc.year == 2024


@pytest.mark.skipif(not script.available(), reason="OpenCC is not installed")
def test_traditional_page_read_and_kept_as_written_or_simplified():
    text = (
        "青山鄉(xiāng)2025年工作計劃\n發布時間:2025-01-02\n"
        "一、發展產業\n新建基地。（鄉農業辦負責）\n"
    )
    result = parse(text)
    doc = only(result)
    assert result.traditional and doc.title == "青山鄉2025年工作計劃"
    assert doc.year == 2025 and doc.organization == "青山鄉"
    task = doc.sections[0].tasks[0]
    assert task.text == "新建基地。" and task.owner_unit == "鄉農業辦"
    simple = only(parse(text, simplify=True))
    assert simple.title == "青山乡2025年工作计划" and simple.sections[0].heading == "发展产业"


@pytest.mark.skipif(not script.available(), reason="OpenCC is not installed")
def test_traditional_phrases_are_restored_as_written():
    # OpenCC converts 計畫 as a phrase (计划); the written 畫 must come back, not 划
    doc = only(parse("青山鎮2024年工作總結和2025年工作計畫\n一、2025年工作計畫\n推進項目。\n"))
    assert doc.title == "青山鎮2024年工作總結和2025年工作計畫" and doc.year == 2025
    assert doc.sections[0].heading == "2025年工作計畫"


def test_summary_and_plan_under_other_names():
    text = (
        "青山镇2023年工作总结和2024年工作谋划\n一、2023年工作推进情况\n完成造林。\n"
        "二、2024年工作谋划\n推进项目。\n"
    )
    doc = only(parse(text))
    assert doc.year == 2024 and [s.heading for s in doc.summary] == ["2023年工作推进情况"]
    assert [s.heading for s in doc.sections] == ["2024年工作谋划"]


# ---------------------------------------------------------------- 5. markers, PDF breaks
def test_yishi_clauses_without_numbered_headings_are_the_outline():
    text = (
        "青山镇文化工作安排\n今年要继续推进各项工作。 一是建好文化阵地。新建文化广场2处。"
        " 二是丰富群众生活。开展送戏下乡10场。\n"
    )
    doc = only(parse(text))
    assert [s.heading for s in doc.sections] == ["建好文化阵地", "丰富群众生活"]
    assert [len(s.tasks) for s in doc.sections] == [1, 1]


def test_markers_of_real_documents():
    text = (
        "青山镇2025年工作计划\n第一部分 总体要求\n坚持稳中求进。\n第二部分 主要任务\n"
        "〔一〕抓好党建\n开展学习。\n〔二〕发展经济\n① 扩大种植。\n② 建设园区。\n"
    )
    doc = only(parse(text))
    assert [s.heading for s in doc.sections] == ["总体要求", "主要任务"]
    assert [c.heading for c in doc.sections[1].children] == ["抓好党建", "发展经济"]
    # a numbered item of one sentence is a task
    assert [t.text for t in doc.sections[1].children[1].tasks] == ["扩大种植。", "建设园区。"]
    spaced = (
        "青山镇2025年工作计划\n一 、抓好党建\n1 加强学习教育\n开展学习。\n2 加强组织建设\n"
        "开展评定。\n二 、发展经济\n１．扩大种植面积\n新增油茶。\n"
    )
    doc = only(parse(spaced))
    assert [s.heading for s in doc.sections] == ["抓好党建", "发展经济"]
    assert [c.heading for c in doc.sections[0].children] == ["加强学习教育", "加强组织建设"]
    assert [c.heading for c in doc.sections[1].children] == ["扩大种植面积"]


def test_sentences_before_yishi_are_tasks_and_a_lone_yishi_is_one():
    text = (
        "青山镇2025年工作计划\n一、发展产业\n找准定位。打造品牌。\n"
        "一是做强稻米产业。推进深加工，建设基地。\n二、改善民生\n重点抓好：一是修路；二是建桥。\n"
    )
    doc = only(parse(text))
    first, second = doc.sections
    assert [t.text for t in first.tasks] == [
        "找准定位。",
        "打造品牌。",
        "做强稻米产业。推进深加工，建设基地。",
    ]
    assert second.body == "重点抓好：" and [t.text for t in second.tasks] == ["修路；", "建桥。"]


def test_pdf_count_on_its_own_line_rejoins_its_sentence():
    doc = only(parse("青山镇2025年工作计划\n一、发展产业\n新建示范基地\n2\n个，带动增收。\n"))
    assert doc.sections[0].tasks[0].text == "新建示范基地2个，带动增收。"


# ---------------------------------------------------------------- 6. responsibility
def test_duty_tails_after_sentences_and_standalone_lines():
    text = (
        "青山县2025年食品安全工作安排\n一、重点任务\n"
        "1.开展专项整治。加强校园食品检查。（县市场监管局牵头，县教育局、各乡镇负责）"
        "推进农药减量。（县农业农村局负责）\n"
        "2.完善追溯体系。建立进货台账。\n责任单位：县商务局、县市场监管局\n"
    )
    doc = only(parse(text))
    first, second = doc.sections[0].children
    a, b = first.tasks
    assert (a.text, a.owner_unit, a.co_units) == (
        "加强校园食品检查。",
        "县市场监管局",
        "县教育局、各乡镇",
    )
    assert (b.owner_unit, b.co_units) == ("县农业农村局", None)
    assert second.tasks[0].owner_unit == "县商务局、县市场监管局"
    assert doc.to_json()["sections"][0]["children"][0]["tasks"][0]["co_units"] == "县教育局、各乡镇"


def test_section_leader_line_carries_down_to_its_tasks():
    text = (
        "青山县2025年工作要点\n一、加强党建\n牵头领导：张三\n（一）抓好组织\n开展评定。\n"
        "（二）抓好作风\n开展督查。（县纪委负责）\n"
    )
    doc = only(parse(text))
    tasks = [t for c in doc.sections[0].children for t in c.tasks]
    assert [(t.lead_leader, t.owner_unit) for t in tasks] == [("张三", None), ("张三", "县纪委")]


def test_heading_tail_is_the_section_note_and_carries_down():
    from models.importing.preview import preview_of, to_document

    text = (
        "青山县2025年工作要点\n一、加强党建（县委组织部牵头）\n（一）抓好组织。开展评定。\n"
        "二、发展经济（县发改委牵头，县财政局配合）。推进项目建设。\n"
    )
    doc = only(parse(text))
    first, second = doc.sections
    assert (first.heading, first.note) == ("加强党建", "（县委组织部牵头）")
    assert first.children[0].tasks[0].owner_unit == "县委组织部"
    task = second.tasks[0]
    assert (second.heading, task.owner_unit, task.co_units) == ("发展经济", "县发改委", "县财政局")
    assert to_document(preview_of(doc))["sections"][0]["note"] == "（县委组织部牵头）"


def test_text_table_one_cell_per_line_and_space_separated():
    piped = (
        "青山镇2025年重点工作责任清单\n序号 |\n重点工作 |\n责任领导 |\n责任单位 |\n完成时限 |\n"
        "1 |\n建成污水处理厂。 |\n王一 |\n镇建设办 |\n6月底前 |\n"
        "2 |\n盘活闲置土地200亩。 |\n李二 |\n镇自然资源所 |\n全年 |\n"
    )
    doc = only(parse(piped))
    assert [(t.text, t.lead_leader, t.owner_unit, t.deadline) for t in doc.tasks] == [
        ("建成污水处理厂。", "王一", "镇建设办", "6月底前"),
        ("盘活闲置土地200亩。", "李二", "镇自然资源所", "全年"),
    ]
    spaced = (
        "青山县应急局2025年重点工作分解表\n序号 重点工作 责任单位 牵头领导 备注\n"
        "1 做好防汛工作 县应急局 张三 1.开展演练;\n2.储备物资。\n"
        "2 做好森林防火 县林业局 李四 无\n"
    )
    doc = only(parse(spaced))
    assert [(t.text, t.owner_unit, t.lead_leader) for t in doc.tasks] == [
        ("做好防汛工作", "县应急局", "张三"),
        ("做好森林防火", "县林业局", "李四"),
    ]


# ---------------------------------------------------------------- 7. formats
SOFFICE = shutil.which("soffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")


def _docx(path: Path) -> Path:
    import docx

    d = docx.Document()
    for line in SUMMARY_PLAN.splitlines():
        d.add_paragraph(line)
    d.save(path)
    return path


def _convert(src: Path, fmt: str, out: Path) -> Path:
    profile = (out / "lo-profile").as_uri()
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", fmt]
        + ["--outdir", str(out), str(src)],
        capture_output=True,
        timeout=180,
        check=True,
    )
    return out / (src.stem + "." + fmt.split(":")[0])


@needs_soffice
def test_doc_made_by_libreoffice_imports_like_its_docx(tmp_path: Path):
    src = _docx(tmp_path / "plan.docx")
    doc_file = _convert(src, "doc", tmp_path)
    want = parse_file(src).to_json()
    got = parse_file(doc_file)
    check_conservation(got)
    assert got.to_json() == want


WRAPPED = (
    "青山县2025年重点工作任务分解方案",
    "为推动全年各项工作落实落细，根据县委县政府部署要求，结合我县实际，制定本方案，"
    "请各单位认真贯彻执行，确保各项目标任务按期完成。",
    "一、加快产业转型升级",
    "（一）做强特色农业。扩大油茶种植规模，新增油茶种植2000亩以上，建设标准化示范基地2个，"
    "带动农户增收致富，推进农产品精深加工和品牌建设。（县农业农村局牵头，各乡镇负责）",
    "（二）壮大工业经济。新建标准化厂房3万平方米，引进亿元以上项目10个，规上工业增加值增长8%以上。",
    "二、改善民生福祉",
    "新改建农村公路20公里，完成农村危房改造100户。年底前建成县城污水处理厂二期工程。",
)


@needs_soffice
def test_pdf_made_by_libreoffice_imports_like_its_docx(tmp_path: Path):
    import docx

    d = docx.Document()
    for line in WRAPPED:  # long paragraphs: the PDF text breaks them into lines
        d.add_paragraph(line)
    src = tmp_path / "wrapped.docx"
    d.save(src)
    pdf = _convert(src, "pdf", tmp_path)
    result = parse_file(pdf)
    check_conservation(result)
    assert result.to_json() == parse_file(src).to_json()
    doc = only(result)
    assert doc.title == WRAPPED[0] and doc.year == 2025
    assert doc.sections[0].children[0].tasks[0].owner_unit == "县农业农村局"


def test_scanned_pdf_gets_a_clear_message(tmp_path: Path):
    from PIL import Image

    path = tmp_path / "scan.pdf"
    Image.new("RGB", (200, 200), "white").save(path)
    with pytest.raises(ImportFileError) as info:
        parse_file(path)
    assert "scan.pdf" in info.value.user_text and "扫描件" in info.value.user_text


def test_doc_without_office_program_says_save_as(tmp_path: Path, monkeypatch):
    from models.importing import convert

    monkeypatch.setattr(convert, "find_soffice", lambda: None)
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(ImportFileError) as info:
        parse_file(path)
    assert "old.doc" in info.value.user_text and "另存为" in info.value.user_text


# ---------------------------------------------------------------- the real corpus
# what the importer reaches on ../shared/corpus/real (bench/import_corpus.py); never lower
FLOOR = {
    "title": 1.0,
    "year": 1.0,
    "organization": 0.958,
    "level1_f1": 1.0,
    "task_counts": 0.941,
    "responsibility": 0.963,
}


@pytest.mark.skipif(not (CORPUS / "plans").is_dir(), reason="no ../shared/corpus/real here")
def test_real_corpus_scores_do_not_fall():
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    import import_corpus

    figures = import_corpus.run(CORPUS).figures()
    low = {k: figures[k] for k, floor in FLOOR.items() if figures[k] < floor - 1e-9}
    assert not low, f"scores fell: {low} (floors {FLOOR})"
    assert figures["noise_left"] <= 1


@pytest.mark.skipif(not (CORPUS / "plans").is_dir(), reason="no ../shared/corpus/real here")
def test_real_corpus_conserves_text():
    for plan in sorted((CORPUS / "plans").glob("*.txt")):
        for simplify in (False, True):
            check_conservation(parse_file(plan, simplify=simplify))


# ---------------------------------------------------------------- conservation property
REAL_LINES = [
    "青山县人民政府办公室关于印发《青山县2025年工作方案》的通知",
    "青政办〔2025〕7号",
    "各乡镇人民政府，县直各单位：",
    "现将方案印发给你们，请认真贯彻落实。",
    "青山县人民政府办公室",
    "2025年2月10日",
    "（此件公开发布）",
    "附件",
    "青山县2025年工作方案",
    "青山县林业局2024年工作总结及2025年工作计划",
    "一、2024年工作开展情况",
    "二、2025年工作计划",
    "一、加快产业发展",
    "（一）做强农业。",
    "〔二〕壮大工业",
    "1.开展专项整治。",
    "2 加强组织建设",
    "一是做强稻米产业。推进深加工。",
    "新建厂房3万平方米。（县工信局牵头，各乡镇负责）引进项目。",
    "责任单位：县商务局、县市场监管局",
    "牵头领导：张三",
    "（县委办牵头）",
    "序号 重点工作 责任单位 牵头领导",
    "1 做好防汛工作 县应急局 张三",
    "序号 |",
    "重点工作 |",
    "责任单位 |",
    "1 |",
    "建成污水处理厂。 |",
    "县建设局 |",
    "首页 > 政务公开 > 规划计划",
    "发布时间：2025-01-05 来源：青山镇 浏览次数：12",
    "| 标题：青山镇2025年工作计划 | |",
    "【字体：大 中 小】 打印本页",
    "青山鄉(xiāng)2025年工作計劃",
    "發展產(chǎn)業，新建基地。",
    "新建示范基地",
    "2",
    "个，带动增收。",
    "3青山镇2025年工作计划",
    "推进组织建设2、工作作风转变。",
    "重点抓好：一是修路；二是建桥。",
    "二、加强党建（县委组织部牵头）",
    "（三）发展经济（县发改委牵头，县财政局配合）。推进项目建设。",
    "",
]


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(REAL_LINES), min_size=1, max_size=30), st.booleans())
def test_real_shaped_text_conserves(lines: list[str], simplify: bool):
    result = parse_text("\n".join(lines), simplify=simplify)
    check_conservation(result)


@pytest.mark.parametrize(
    "lines",
    [
        # a tail line after a repeated heading whose own tail was read into the clause
        [
            "二、加强党建（县委组织部牵头）",
            "一是做强稻米产业。推进深加工。",
            "青政办〔2025〕7号",
            "二、加强党建（县委组织部牵头）",
            "责任单位：县商务局、县市场监管局",
        ],
        # a title repeated as a preview line, both copies with a page-chunk number glued on
        [
            "青山县人民政府办公室",
            "3青山镇2025年工作计划",
            "3青山镇2025年工作计划",
            "青山县人民政府办公室关于印发《青山县2025年工作方案》的通知",
        ],
        # a responsibility line between paragraphs above a task table stays between them
        [
            "一、发展",
            "青政办〔2025〕7号",
            "责任单位：县商务局、县市场监管局",
            "个，带动增收。",
            "青政办〔2025〕7号",
            "序号 重点工作 责任单位 牵头领导",
            "1 做好防汛工作 县应急局 张三",
        ],
    ],
)
def test_found_shapes_conserve(lines: list[str]):
    """Counterexamples the property above found (random runs): each conserves its text."""
    check_conservation(parse_text("\n".join(lines), simplify=False))


@pytest.mark.parametrize(
    "lines",
    [
        # a responsibility line under a heading that has its own tail, then a 一是 lead-in
        ["二、加强党建（县委组织部牵头）", "（县委办牵头）", "重点抓好：一是修路；二是建桥。"],
        # a responsibility line under a run-in heading
        ["（一）做强农业。", "责任单位：县商务局、县市场监管局"],
        # a responsibility line after a clause with a tail written inside it, then a line
        # that continues the clause
        [
            "一、发展产业",
            "一是做强稻米产业。推进深加工。",
            "新建厂房3万平方米。（县工信局牵头，各乡镇负责）引进项目。",
            "（县委办牵头）",
            "青政办〔2025〕7号",
        ],
    ],
)
def test_responsibility_lines_under_a_heading_keep_their_place(lines: list[str]):
    """Found by the property above: the line stays between the heading and its body."""
    result = parse_text("\n".join(lines))
    check_conservation(result)
    sections = [s for d in result.documents for s in d.sections]
    assert sections and all(
        "牵头" not in t.text and "责任单位" not in t.text for s in sections for t in s.tasks
    )
