"""The 督查 documents: what each states, the 通报 numbering per office and year, GB/T 9704."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document

from export.supervision_docs import export_document
from models import clock, outline
from models.errors import ExportError, InvalidOperationError
from models.supervision import items, numbering, rounds
from models.supervision.settings import SupervisionSettings, save_supervision_settings
from tests.db_hash import content_hash

D = dt.date


@pytest.fixture(autouse=True)
def _release_clock():
    yield
    clock.set_today(None)


@pytest.fixture
def round_two(db, plan_factory):
    """Two rounds of a plan: 农业办 red and held, 党政办 late in the second, 财政所 missing."""
    pid = plan_factory(
        sections=[
            (
                "重点工作",
                [
                    {"text": "扩大油茶种植规模。", "owner_unit": "农业办"},
                    {"text": "抓好党员教育管理。", "owner_unit": "党政办"},
                    {"text": "做好财政预算执行。", "owner_unit": "财政所、党政办"},
                ],
            )
        ]
    )
    tasks = [n for n in outline.load_outline(db, pid) if n.kind == "task"]
    for t, p in zip(tasks, (10, 60, 100), strict=True):
        outline.update_node(
            db,
            t.id,
            due_date="2025-12-31",
            progress=p,
            status="done" if p == 100 else "in_progress",
        )
    clock.set_today(D(2025, 6, 26))
    first = rounds.create_round(db, pid, "2025-06-25")
    rounds.mark_received(db, first, "农业办", "2025-06-24")
    second = rounds.create_round(db, pid, "2025-07-25")
    rounds.mark_received(db, second, "党政办", "2025-07-28")
    clock.set_today(D(2025, 7, 29))
    return second


def _text(path):
    doc = Document(str(path))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_bulletin_opens_with_counts_by_class_and_names_units(db, round_two, tmp_path):
    written = export_document(db, "bulletin", round_two, tmp_path / "b.docx")
    text = _text(written.path)
    assert written.issue.label == "2025年第1期" and "2025年第1期" in text
    assert "政务督查通报" in text
    assert "欠进度1项（33.3%）" in text and "已完成1项（33.3%）" in text
    assert "迟报单位：党政办" in text and "未报送2个：农业办、财政所" in text
    assert "截至2025年7月29日" in text
    paras = [p.text for p in Document(str(written.path)).paragraphs]
    assert paras.index("一、各单位推进情况") < paras.index("三、红灯事项")


def test_bulletin_issues_are_numbered_per_office_and_year(db, round_two, tmp_path):
    labels = [
        export_document(db, "bulletin", round_two, tmp_path / f"{n}.docx").issue.label
        for n in range(3)
    ]
    assert labels == ["2025年第1期", "2025年第2期", "2025年第3期"]
    assert export_document(db, "special", round_two, tmp_path / "s.docx").issue.number == 1
    save_supervision_settings(db, SupervisionSettings(office="县政府督查室"))
    other = export_document(db, "bulletin", round_two, tmp_path / "o.docx").issue
    assert (other.office, other.number) == ("县政府督查室", 1)
    clock.set_today(D(2026, 1, 5))
    assert export_document(db, "bulletin", round_two, tmp_path / "y.docx").issue.label == (
        "2026年第1期"
    )


def test_only_the_latest_issue_can_be_withdrawn(db, round_two, tmp_path):
    one = export_document(db, "bulletin", round_two, tmp_path / "1.docx").issue
    two = export_document(db, "bulletin", round_two, tmp_path / "2.docx").issue
    with pytest.raises(InvalidOperationError):
        numbering.withdraw(db, one.id)
    numbering.withdraw(db, two.id)
    assert numbering.next_number(db, "bulletin", two.office, 2025) == 2
    numbering.reissue(db, two)
    assert numbering.next_number(db, "bulletin", two.office, 2025) == 3


def test_a_failed_write_takes_no_number(db, round_two, tmp_path):
    before = content_hash(db.conn)
    with pytest.raises(ExportError):
        export_document(db, "bulletin", round_two, tmp_path / "missing" / "b.docx")
    assert content_hash(db.conn) == before


def test_held_red_is_explained_in_the_report(db, round_two, tmp_path):
    text = _text(export_document(db, "report", round_two, tmp_path / "r.docx").path)
    assert "扩大油茶种植规模" in text and "序时进度" in text
    assert "上期项数" in text  # last period beside this one


def test_chase_notice_names_the_missing_units(db, round_two, tmp_path):
    text = _text(export_document(db, "chase", round_two, tmp_path / "c.docx").path)
    assert "农业办、财政所：" in text and "督查催办通知" in text


def test_chase_notice_when_everyone_reported_is_refused(db, round_two, tmp_path):
    for unit in ("农业办", "财政所"):
        rounds.mark_received(db, round_two, unit, "2025-07-25")
    with pytest.raises(ExportError):
        export_document(db, "chase", round_two, tmp_path / "c.docx")


def test_assignment_sheet_and_meeting_report(db, round_two, tmp_path):
    item_id = items.add_item(
        db,
        "完成低产林改造1000亩。",
        source="meeting",
        source_ref="县政府第12次常务会议",
        assigned_on="2025-07-01",
        owner_unit="农业办",
        assigned_by="王县长",
    )
    text = _text(export_document(db, "assignment", item_id, tmp_path / "a.docx").path)
    assert "督办事项交办单" in text and "王县长" in text and "2025年7月15日前" in text
    assert "测试镇" in text  # the office falls back to a plan's organization
    items.extend(db, item_id, "2025-07-31", "雨季影响施工", "王县长", on="2025-07-10")
    items.close_done(db, item_id, "已完成改造1020亩", on="2025-07-28")
    text = _text(export_document(db, "meeting", 2025, tmp_path / "m.docx").path)
    assert "共交办会议议定事项1项" in text and "已办结（经王县长批准延期至2025年7月31日）" in text
    assert "已完成改造1020亩" in text


CHECKER = Path(__file__).resolve().parents[3] / "shared" / "tools" / "check_gongwen.py"


@pytest.mark.skipif(not CHECKER.is_file(), reason="../shared/tools/check_gongwen.py is absent")
@pytest.mark.parametrize(
    "kind", ["bulletin", "special", "report", "chase", "assignment", "meeting"]
)
def test_every_document_passes_check_gongwen(db, round_two, tmp_path, kind):
    item_id = items.add_item(db, "完成低产林改造。", source="meeting", assigned_on="2025-07-01")
    target = {"assignment": item_id, "meeting": 2025}.get(kind, round_two)
    out = export_document(db, kind, target, tmp_path / f"{kind}.docx").path
    run = subprocess.run(
        [sys.executable, str(CHECKER), str(out), "--json"], capture_output=True, text=True
    )
    result = json.loads(run.stdout)
    assert [c["id"] for c in result["checks"] if c["status"] == "FAIL"] == []
    assert result["passed"] == result["total"] > 20


def test_a_held_red_and_the_change_since_last_period_are_stated(db, round_two, tmp_path):
    farm = next(
        t.id for t in items_tasks(db, round_two) if t.owner_unit == "农业办"
    )  # 10 % in June: red
    outline.update_node(db, farm, progress=30, due_date="2026-06-30")  # on pace by the calendar
    text = _text(export_document(db, "bulletin", round_two, tmp_path / "b.docx").path)
    assert "上期红灯，差距未补齐" in text
    assert "与上期相比" in text


def items_tasks(db, round_id):
    plan_id = rounds.get_round(db, round_id).plan_id
    return [n for n in outline.load_outline(db, plan_id) if n.kind == "task"]
