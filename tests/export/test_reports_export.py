"""Reports written as .docx (checked with PlanDesk's GB/T 9704 checker) and .xlsx (re-read
with openpyxl)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from export.reports_docx import export_report_docx
from export.reports_xlsx import export_report_xlsx
from models import reports as R
from models.errors import ExportError
from tests.report_fixture import TODAY, make_report_plan

from .conftest import RENDERED_RULES, gongwen_failures, gongwen_report, needs_soffice

Q2 = R.quarter_period(2025, 2)
SIGN_DAY = TODAY


@pytest.fixture
def plan_id(db):
    return make_report_plan(db)


def body_texts(path: Path) -> list[str]:
    doc = Document(str(path))
    return [p.text for p in doc.paragraphs if p.text.strip()]


def table_rows(path: Path, index: int = 0) -> list[list[str]]:
    table = Document(str(path)).tables[index]
    return [[c.text for c in row.cells] for row in table.rows]


# ---------------------------------------------------------------- .docx
@pytest.mark.parametrize("kind", sorted(R.REPORT_KINDS))
def test_every_report_docx_passes_check_gongwen(db, plan_id, tmp_path, kind):
    out = tmp_path / f"{kind}.docx"
    export_report_docx(R.build_report(db, kind, plan_id, Q2, TODAY), out, SIGN_DAY)
    assert gongwen_failures(out) == []
    report = gongwen_report(out)
    assert sum(1 for f in report.findings if f.status == "pass") >= 15


@needs_soffice
@pytest.mark.parametrize("kind", sorted(R.REPORT_KINDS))
def test_every_report_docx_passes_the_rendered_rules(db, plan_id, tmp_path, kind):
    out = tmp_path / f"{kind}.docx"
    export_report_docx(R.build_report(db, kind, plan_id, Q2, TODAY), out, SIGN_DAY)
    assert gongwen_failures(out, rules=RENDERED_RULES) == []


@pytest.mark.parametrize("kind", sorted(R.REPORT_KINDS))
def test_empty_period_and_empty_plan_docx_pass(db, plan_factory, tmp_path, kind):
    empty_plan = plan_factory(sections=[("空章节", [])])
    for pid, period in ((empty_plan, Q2), (make_report_plan(db), R.month_period(2025, 1))):
        out = tmp_path / f"{kind}-{pid}.docx"
        export_report_docx(R.build_report(db, kind, pid, period, TODAY), out, SIGN_DAY)
        assert gongwen_failures(out) == [], (kind, pid)


def test_progress_docx_content(db, plan_id, tmp_path):
    out = tmp_path / "p.docx"
    export_report_docx(R.progress_report(db, plan_id, Q2, TODAY), out, SIGN_DAY)
    texts = body_texts(out)
    # year not repeated; 20.4 characters wide, so two lines broken between words
    assert texts[0] == "测试镇2025年工作计划\n第二季度进展情况报告"
    assert "已完成1项，正常推进2项，逾期未完成2项，未启动2项，暂缓1项，完成率12.5%" in texts[1]
    assert "一、加强党的建设" in texts and "（一）做强特色产业" in texts
    party = next(t for t in texts if t.startswith("抓好党员教育管理"))
    assert party == (
        "抓好党员教育管理（责任单位：党建办；完成时限：6月底前）。当前状态：已完成，"
        "进度100%。本期进展：4月1日，开展党员集中轮训3期，参训326人次；6月30日，"
        "轮训全部结束。"
    )
    assert "附件：逾期任务清单" in texts
    assert texts[-3:] == ["2025年7月15日", "附件", "逾期任务清单"]
    assert table_rows(out) == [
        ["序号", "工作任务", "责任单位", "完成时限", "逾期天数", "进度"],
        ["1", "建设冷链仓储", "财政所", "4月底前", "61", "0%"],
        ["2", "推进党风廉政建设", "纪委", "5月底前", "30", "60%"],
    ]


def test_progress_docx_without_overdue_has_no_attachment(db, plan_id, tmp_path):
    out = tmp_path / "jan.docx"
    export_report_docx(
        R.progress_report(db, plan_id, R.month_period(2025, 1), TODAY), out, SIGN_DAY
    )
    texts = body_texts(out)
    assert "附件：逾期任务清单" not in texts and Document(str(out)).tables == []
    assert "本期无进展记录。" in texts[1]


def test_bulletin_docx_ranks_and_overdue_units(db, plan_id, tmp_path):
    out = tmp_path / "b.docx"
    export_report_docx(R.bulletin(db, plan_id, Q2, TODAY), out, SIGN_DAY)
    rows = table_rows(out)
    assert rows[0] == ["排名", "责任单位", "任务数", "已完成", "逾期", "完成率"]
    assert rows[1] == ["1", "党建办", "1", "1", "0", "100%"]
    assert rows[-1][1:] == ["财政所", "1", "0", "1", "0%"]
    texts = body_texts(out)
    assert "（一）纪委（逾期1项）" in texts and "（二）财政所（逾期1项）" in texts
    clean = next(t for t in texts if t.startswith("无逾期任务的单位"))
    assert "农业站" in clean and "纪委" not in clean


def test_reminder_docx_one_page_per_unit(db, plan_id, tmp_path):
    out = tmp_path / "r.docx"
    rem = R.reminders(db, plan_id, Q2, TODAY)
    export_report_docx(rem, out, SIGN_DAY)
    doc = Document(str(out))
    titles = [p for p in doc.paragraphs if p.text == "催办单"]
    assert len(titles) == len(rem.sheets) == 5
    # each 催办单 starts a page: the first after the 附件 label, the others by themselves
    label = next(p for p in doc.paragraphs if p.text == "附件")
    breaks = [label, *titles[1:]]
    assert all(p._p.pPr.find(qn("w:pageBreakBefore")) is not None for p in breaks)
    addressees = [p.text for p in doc.paragraphs if p.text.endswith("：") and len(p.text) < 10]
    assert addressees == [
        "各有关责任单位：",
        "农业站：",
        "林业站：",
        "水利站：",
        "纪委：",
        "财政所：",
    ]
    assert len(doc.tables) == 5
    assert [r[1:6] for r in table_rows(out, 0)[1:]] == [
        ["扩大油茶种植规模（第一批苗木栽植）", "2025年5月31日", "逾期", "逾期30天", "60%"],
        ["打造特色品牌", "6月底前", "临期", "今日到期", "0%"],
    ]
    assert [r[1:6] for r in table_rows(out, 3)[1:]] == [
        ["推进党风廉政建设", "5月底前", "逾期", "逾期30天", "60%"]
    ]
    assert table_rows(out, 2)[1][6] == "2月15日：完成工程设计"


def test_summary_docx_follows_outline_with_placeholders(db, plan_id, tmp_path):
    out = tmp_path / "s.docx"
    export_report_docx(R.summary_draft(db, plan_id, Q2, TODAY), out, SIGN_DAY)
    texts = body_texts(out)
    assert texts[0] == "测试镇2025年工作总结"
    headings = [t for t in texts if t[:2] in ("一、", "二、", "三、", "四、", "（一")]
    assert headings == [
        "一、加强党的建设",
        "二、发展镇域经济",
        "（一）做强特色产业",
        "三、保障改善民生",
        "四、未完成任务及下一步打算",
    ]
    # 三、保障改善民生 has a note, but in February: nothing recorded in the second quarter
    assert texts.count(R.PLACEHOLDER_SECTION) == 3
    assert R.PLACEHOLDER_NEXT in texts


# ---------------------------------------------------------------- .xlsx
def test_progress_xlsx_values(db, plan_id, tmp_path):
    out = tmp_path / "p.xlsx"
    export_report_xlsx(R.progress_report(db, plan_id, Q2, TODAY), out)
    wb = load_workbook(out)
    assert wb.sheetnames == ["进展情况", "逾期任务"]
    ws = wb["进展情况"]
    assert [ws.cell(3, c).value for c in range(2, 9)] == [
        "任务总数",
        "已完成",
        "正常推进",
        "逾期未完成",
        "未启动",
        "暂缓",
        "完成率",
    ]
    assert [ws.cell(4, c).value for c in range(2, 9)] == [8, 1, 2, 2, 2, 1, 0.125]
    assert ws.cell(4, 8).number_format == "0.0%"
    header = [ws.cell(6, c).value for c in range(1, 11)]
    assert header[:4] == ["序号", "所属章节", "工作任务", "责任单位"]
    rows = [[ws.cell(r, c).value for c in range(1, 11)] for r in range(7, 15)]
    assert rows[0][:8] == [
        1,
        "一、加强党的建设",
        "抓好党员教育管理。",
        "党建办",
        "张三",
        "6月底前",
        "已完成",
        1,
    ]
    assert rows[0][8] == (
        "2025-04-01：开展党员集中轮训3期，参训326人次。\n2025-06-30：轮训全部结束。"
    )
    assert rows[3][1] == "二、发展镇域经济 （一）做强特色产业"
    assert [r[9] for r in rows] == [
        "已完成",
        "逾期未完成",
        "正常推进",
        "未启动",
        "逾期未完成",
        "暂缓",
        "未启动",
        "正常推进",
    ]
    assert ws.freeze_panes == "A7" and ws.print_title_rows == "$6:$6"
    late = wb["逾期任务"]
    assert [[late.cell(r, c).value for c in (2, 3, 6)] for r in (4, 5)] == [
        ["建设冷链仓储。", "财政所", 61],
        ["推进党风廉政建设。", "纪委", 30],
    ]


def test_bulletin_xlsx_values_and_chart(db, plan_id, tmp_path):
    out = tmp_path / "b.xlsx"
    export_report_xlsx(R.bulletin(db, plan_id, Q2, TODAY), out)
    wb = load_workbook(out)
    ws = wb["单位完成情况"]
    rows = [[ws.cell(r, c).value for c in range(1, 10)] for r in range(4, 12)]
    assert rows[0] == [1, "党建办", 1, 1, 0, 0, 0, 0, 1]
    assert rows[1] == [2, "农业站", 2, 0, 1, 0, 1, 0, 0]
    assert rows[-1][:2] == [7, "财政所"] and rows[-1][5] == 1
    assert ws.cell(12, 1).value == "合计" and ws.cell(12, 3).value == 8
    assert len(ws._charts) == 1
    chart = ws._charts[0]
    assert chart.type == "col"
    ref = chart.series[0].val.numRef.f
    assert ref.endswith("$I$4:$I$11")
    with zipfile.ZipFile(out) as z:
        assert any(n.startswith("xl/charts/chart") for n in z.namelist())
    late = wb["逾期事项"]
    assert [late.cell(r, 1).value for r in (4, 5)] == ["纪委", "财政所"]


def test_reminder_xlsx_one_sheet_per_unit(db, plan_id, tmp_path):
    out = tmp_path / "r.xlsx"
    export_report_xlsx(R.reminders(db, plan_id, Q2, TODAY), out)
    wb = load_workbook(out)
    assert wb.sheetnames == ["农业站", "林业站", "水利站", "纪委", "财政所"]
    ws = wb["纪委"]
    assert ws.cell(1, 1).value == "催办单"
    assert [ws.cell(4, c).value for c in range(1, 8)] == [
        1,
        "推进党风廉政建设。",
        "5月底前",
        "逾期",
        "逾期30天",
        0.6,
        "2025-05-10：完成廉政谈话12人次。",
    ]
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1


def test_reminder_xlsx_without_items(db, plan_factory, tmp_path):
    pid = plan_factory(sections=[("章节", [{"text": "已办完。", "status": "done"}])])
    out = tmp_path / "none.xlsx"
    export_report_xlsx(R.reminders(db, pid, Q2, TODAY), out)
    wb = load_workbook(out)
    assert wb.sheetnames == ["催办单"] and wb["催办单"].cell(3, 1).value == "无逾期或临期事项"


def test_formula_like_text_stays_text(db, plan_factory, tmp_path):
    tasks = [
        {"text": t, "owner_unit": '=HYPERLINK("x")', "deadline": "3月底前"}
        for t in ("=SUM(A1:A3)", "+1", "-2", "@cmd")
    ]
    pid = plan_factory(sections=[("章节", tasks)])
    for kind in ("progress", "bulletin", "reminder"):
        out = tmp_path / f"{kind}.xlsx"
        export_report_xlsx(R.build_report(db, kind, pid, Q2, TODAY), out)
        wb = load_workbook(out)
        cells = [c for ws in wb for row in ws.iter_rows() for c in row]
        assert not any(c.data_type == "f" for c in cells), kind
        texts = {c.value for c in cells}
        assert "=SUM(A1:A3)" in texts and "@cmd" in texts
        if kind != "reminder":  # there the unit names the sheet
            assert '=HYPERLINK("x")' in texts


def test_summary_has_no_workbook(db, plan_id, tmp_path):
    out = tmp_path / "s.xlsx"
    with pytest.raises(ExportError) as err:
        export_report_xlsx(R.summary_draft(db, plan_id, Q2, TODAY), out)
    assert "Word" in err.value.user_text and not out.exists()


def test_failed_export_leaves_no_file_and_keeps_previous(db, plan_id, tmp_path):
    target = tmp_path / "missing-folder" / "p.docx"
    with pytest.raises(ExportError):
        export_report_docx(R.progress_report(db, plan_id, Q2, TODAY), target, SIGN_DAY)
    existing = tmp_path / "s.xlsx"
    existing.write_bytes(b"old")
    with pytest.raises(ExportError):
        export_report_xlsx(R.summary_draft(db, plan_id, Q2, TODAY), existing)
    assert existing.read_bytes() == b"old"
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".~")]


# ---------------------------------------------------------------- HTML (preview and print)
def test_html_has_the_same_layout_as_the_docx(db, plan_id):
    from export.reports_html import report_html

    html = report_html(R.reminders(db, plan_id, Q2, TODAY), SIGN_DAY)
    assert html.count("page-break-before: always") == 5  # 附件 label + 4 more 催办单
    assert html.count("<table") == 5
    assert "纪委：" in html and "逾期30天" in html and "2025年7月15日" in html
    progress = report_html(R.progress_report(db, plan_id, Q2, TODAY), SIGN_DAY)
    assert "第二季度进展情况报告" in progress and "附件：逾期任务清单" in progress
    assert 'middle;">建设冷链仓储</td>' in progress


def test_html_escapes_text(db, plan_factory):
    from export.reports_html import report_html

    pid = plan_factory(sections=[("章节", [{"text": "<b>粗体</b>&任务。", "owner_unit": "甲"}])])
    html = report_html(R.progress_report(db, pid, Q2, TODAY), SIGN_DAY)
    assert "&lt;b&gt;粗体&lt;/b&gt;&amp;任务" in html and "<b>粗体" not in html
