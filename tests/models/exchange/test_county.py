"""The county side (issue 19, part 4): due list, rounds and the 通报 across offices."""

from __future__ import annotations

import datetime as dt
import json

import docx
import openpyxl
import pytest

import main
from export.reports_docx import export_report_docx
from export.reports_xlsx import export_report_xlsx
from models import outline, reports, tracking
from models.exchange import county as C
from models.exchange.offices import ExchangeError
from models.supervision import rounds

from .conftest import small_plan
from .test_exchange import send

TODAY = dt.date(2025, 7, 15)
YEAR = reports.year_period(2025)


def _set(desk, text, **values):
    outline.update_node(desk.db, desk.node(text), **values)


@pytest.fixture
def received(tmp_path, county, town_a, town_b):
    return two_townships_sent(tmp_path, county, town_a, town_b)


def two_townships_sent(tmp_path, county, town_a, town_b):
    """油茶镇: 1 of 3 done, 1 overdue; 竹溪乡: 2 of 3 done, 1 overdue; both sent."""
    a, b = "油茶镇2025年工作计划", "竹溪乡2025年工作计划"
    small_plan(town_a.db, a)
    small_plan(town_b.db, b)
    _set(town_a, f"{a}扩大油茶种植面积。", status="done", progress=100)
    _set(town_a, f"{a}建设冷链仓库。", status="in_progress", progress=60, due_date="2025-12-31")
    _set(town_a, f"{a}开展矛盾纠纷排查。", status="in_progress", progress=20, due_date="2025-05-31")
    late_a = town_a.node(f"{a}开展矛盾纠纷排查。")
    tracking.add_progress(town_a.db, late_a, "已排查两个村。", entry_date="2025-07-01")
    _set(town_b, f"{b}扩大油茶种植面积。", status="done", progress=100)
    _set(town_b, f"{b}建设冷链仓库。", status="done", progress=100)
    _set(town_b, f"{b}开展矛盾纠纷排查。", status="not_started", progress=0, due_date="2025-06-30")
    for town in (town_a, town_b):
        _out, results = send(town, county, tmp_path)
        assert [r.status for r in results] == ["applied"]
    return county


def test_county_bulletin_ranks_the_townships_from_their_data(received, town_a, town_b):
    report = C.county_bulletin(received.db, YEAR, TODAY)
    ranked = [(o.rank, o.name, o.totals.done, o.totals.overdue) for o in report.offices]
    assert ranked == [(1, "竹溪乡", 2, 1), (2, "油茶镇", 1, 1)]
    first, second = report.offices
    assert first.totals.completion_rate == 66.7 and first.on_time_text == "66.7%"
    assert second.totals.completion_rate == 33.3
    assert [t.text for t in first.overdue_items] == ["竹溪乡2025年工作计划开展矛盾纠纷排查。"]
    assert [t.text for t in second.overdue_items] == ["油茶镇2025年工作计划开展矛盾纠纷排查。"]
    assert second.overdue_items[0].days_late == 45  # 31 May → 15 July
    assert first.overdue_items[0].days_late == 15
    assert report.totals.total == 6 and report.totals.done == 3
    # 序时进度 on 15 July: the overdue task is 欠进度, 60% of a task due at year end 达进度
    assert [(p.pace, p.count) for p in second.paces if p.count] == [
        ("behind", 1),
        ("on_pace", 1),
        ("done", 1),
    ]
    assert first.behind == 1
    assert report.whom == "各乡镇" and report.plan.signed_by == "某县督查室"
    # the township's own 责任单位 bulletin is unchanged: it ranks units, not offices
    own = reports.bulletin(town_a.db, town_a.db.scalar("SELECT id FROM plans"), YEAR, TODAY)
    assert {u.unit for u in own.units} == {"农业办", "经发办", "综治办"}


def test_equal_completion_is_ranked_by_overdue_and_shares_a_rank(tmp_path, received, town_a):
    # 油茶镇 finishes the cold store: 2 of 3 done like 竹溪乡, one overdue each → same rank
    _set(town_a, "油茶镇2025年工作计划建设冷链仓库。", status="done", progress=100)
    send(town_a, received, tmp_path)
    report = C.county_bulletin(received.db, YEAR, TODAY)
    assert [(o.rank, o.name) for o in report.offices] == [(1, "油茶镇"), (1, "竹溪乡")]
    # then 油茶镇 clears its overdue task: 100% beats 66.7%
    _set(town_a, "油茶镇2025年工作计划开展矛盾纠纷排查。", status="done", progress=100)
    send(town_a, received, tmp_path)
    report = C.county_bulletin(received.db, YEAR, TODAY)
    assert [(o.rank, o.name, len(o.overdue_items)) for o in report.offices] == [
        (1, "油茶镇", 0),
        (2, "竹溪乡", 1),
    ]


def test_no_received_plan_is_refused(county):
    small_plan(county.db, "县督查室2025年工作要点")
    with pytest.raises(ExchangeError, match="没有收到各单位的计划"):
        C.county_bulletin(county.db, YEAR, TODAY)


def test_docx_and_xlsx_of_the_county_bulletin(received, tmp_path, capsys):
    report = C.county_bulletin(received.db, YEAR, TODAY)
    out = export_report_docx(report, tmp_path / "通报.docx", today=TODAY)
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    body = "\n".join(texts)
    assert "关于2025年各乡镇重点工作落实情况的督查通报" in body.replace("\n", "")
    assert "各乡镇：" in texts
    assert "（一）竹溪乡（逾期1项）" in texts and "（二）油茶镇（逾期1项）" in texts
    assert "油茶镇2025年工作计划开展矛盾纠纷排查（责任单位：综治办）" in body
    assert "已逾期45天" in body and "已排查两个村" in body
    table = docx.Document(str(out)).tables[0]
    first_row = [c.text for c in table.rows[1].cells]
    assert first_row == ["1", "竹溪乡", "3", "2", "1", "1", "66.7%", "66.7%"]
    assert main.main(["check-docx", str(out), "--no-render", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["passed"] and result["counts"]["fail"] == 0

    book = openpyxl.load_workbook(export_report_xlsx(report, tmp_path / "通报.xlsx"))
    ranking = book["单位排名"]
    names = [ranking.cell(row=r, column=2).value for r in range(4, 6)]
    assert names == ["竹溪乡", "油茶镇"]
    assert ranking.cell(row=3, column=10).value == "欠进度"
    assert [ranking.cell(row=4, column=c).value for c in (10, 11)] == [1, 0.667]
    late = book["逾期任务"]
    assert [late.cell(row=r, column=1).value for r in range(4, 6)] == ["竹溪乡", "油茶镇"]


def test_due_list_shows_and_filters_the_office(received, town_a):
    small_plan(received.db, "县督查室2025年工作要点")
    everything = C.due_list(received.db, TODAY)
    titles = {i.plan_title for i in everything}
    assert titles == {
        "〔油茶镇〕油茶镇2025年工作计划",
        "〔竹溪乡〕竹溪乡2025年工作计划",
        "县督查室2025年工作要点",
    }
    only_a = C.due_list(received.db, TODAY, office="331101001")
    assert only_a and {i.plan_title for i in only_a} == {"〔油茶镇〕油茶镇2025年工作计划"}
    assert {i.light for i in only_a if "矛盾纠纷" in i.text} == {"red"}
    assert all(i.pace for i in only_a if i.kind == "task")  # pace classes work as is
    by_name = C.due_list(received.db, TODAY, office="竹溪乡")
    assert {i.plan_title for i in by_name} == {"〔竹溪乡〕竹溪乡2025年工作计划"}
    own = C.due_list(received.db, TODAY, office="own")
    assert {i.plan_title for i in own} == {"县督查室2025年工作要点"}
    other_plan = received.db.scalar("SELECT id FROM plans WHERE title LIKE '竹溪乡%'")
    both = tracking.DueFilter(plan_id=int(other_plan))
    assert C.due_list(received.db, TODAY, filters=both, office="331101001") == []
    with pytest.raises(ExchangeError, match="没有代码或名称"):
        C.due_list(received.db, TODAY, office="不存在的镇")


def test_rounds_work_on_a_received_plan(received):
    plan = int(received.db.scalar("SELECT id FROM plans WHERE title LIKE '油茶镇%'"))
    rid = rounds.create_round(received.db, plan, "2025-07-31")
    status = rounds.round_status(received.db, rid, TODAY)
    assert {u.unit for u in status.units} == {"农业办", "经发办", "综治办"}


def test_cli_bulletin_by_office_and_due_by_office(received, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PLANDESK_TODAY", TODAY.isoformat())
    db = ["--db", str(received.db.path)]
    out = tmp_path / "县通报.docx"
    args = ["export", "--kind", "bulletin", "--by", "office", "--from", "2025-01-01"]
    assert main.main([*db, *args, "--until", "2025-12-31", "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    assert main.main(["check-docx", str(out), "--no-render", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["passed"]
    xlsx = tmp_path / "县通报.xlsx"
    by_office = ["export", "--kind", "bulletin", "--by", "office"]
    assert main.main([*db, *by_office, "--out", str(xlsx)]) == 0  # this year: 2025
    assert openpyxl.load_workbook(xlsx)["单位排名"].cell(row=4, column=2).value == "竹溪乡"
    capsys.readouterr()
    wrong = ["export", "--kind", "progress", "--by", "office", "--out", str(out)]
    assert main.main([*db, *wrong]) == 1
    assert "只有督查通报" in capsys.readouterr().err
    assert main.main([*db, "export", "--out", str(out)]) == 1
    assert "计划编号" in capsys.readouterr().err
    assert main.main([*db, "due", "--office", "331101002", "--json"]) == 0
    items = json.loads(capsys.readouterr().out)["items"]
    assert items and {i["plan_title"] for i in items} == {"〔竹溪乡〕竹溪乡2025年工作计划"}
    assert main.main([*db, "due", "--office", "331101002"]) == 0
    assert "〔竹溪乡〕" in capsys.readouterr().out
