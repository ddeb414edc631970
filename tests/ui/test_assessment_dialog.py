"""The 目标考核自评 window: import, add, link the current task, score, undo, export; and the
export of a plan's evidence from the menu."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from models import outline
from models.evidence import assessment as A
from models.evidence import store
from tests.assessment_fixture import county_xlsx
from tests.evidence_fixture import pdf
from ui import messages, strings
from ui.evidence.assessment_dialog import SCORE_COL

pytestmark = pytest.mark.gui


@pytest.fixture
def dialog(window):
    plan_id = outline.list_plans(window.document.db)[0].id
    window.select_plan(plan_id)
    dlg = window.evidence.show_assessment()
    return window, dlg


def _first_task(win):
    plan_id = outline.list_plans(win.document.db)[0].id
    return next(n for n in outline.load_outline(win.document.db, plan_id) if n.kind == "task")


def test_the_menu_opens_the_window_on_the_plan_year(dialog):
    win, dlg = dialog
    assert win.actions["assessment"].text() == strings.ACT_ASSESSMENT
    year = outline.get_plan(win.document.db, win.current_plan_id()).year
    assert dlg.year == year and dlg.table.rowCount() == 0


def test_import_add_and_undo_restore_the_year(dialog, tmp_path, monkeypatch):
    win, dlg = dialog
    db = win.document.db
    assert dlg.import_file(county_xlsx(tmp_path / "细则.xlsx"))
    assert dlg.table.rowCount() == 4 and dlg.table.item(0, 1).text() == "党建工作"
    imported = A.list_items(db, dlg.year)
    dlg.project_edit.setText("安全生产")
    dlg.points_edit.setText("6")
    dlg.add_button.click()
    assert dlg.table.rowCount() == 5 and dlg.project_edit.text() == ""
    # a second import asks first; refused → nothing changes
    monkeypatch.setattr(messages, "ask_yes_no", lambda *a: False)
    assert dlg.import_file(tmp_path / "细则.xlsx") is None
    assert dlg.table.rowCount() == 5
    win.actions["undo"].trigger()
    assert A.list_items(db, dlg.year) == imported and dlg.table.rowCount() == 4
    win.actions["undo"].trigger()
    assert A.list_items(db, dlg.year) == []
    win.actions["redo"].trigger()
    assert A.list_items(db, dlg.year) == imported


def test_link_the_current_task_and_override_the_score(dialog, tmp_path, monkeypatch):
    win, dlg = dialog
    db = win.document.db
    dlg.project_edit.setText("党建工作")
    dlg.points_edit.setText("10")
    item_id = dlg.add_item()
    task = _first_task(win)
    win.select_node(task.id)
    store.add_evidence(db, task.id, [pdf(tmp_path / "a.pdf")])
    dlg.table.selectRow(0)
    dlg.link_button.click()
    row = A.self_assessment(db, dlg.year).rows[0]
    assert [t.id for t in row.tasks] == [task.id]
    assert dlg.table.item(0, 9).text() == "1"
    dlg.table.item(0, SCORE_COL).setText("7.5")  # typed into the cell
    assert A.get_item(db, item_id).self_score == 7.5
    assert strings.AS_OVERRIDDEN in dlg.table.item(0, SCORE_COL).text()
    shown = []
    monkeypatch.setattr(messages, "show_error", lambda parent, exc: shown.append(exc.user_text))
    dlg.table.item(0, SCORE_COL).setText("99")
    assert shown and A.get_item(db, item_id).self_score == 7.5
    win.actions["undo"].trigger()
    assert A.get_item(db, item_id).self_score is None
    dlg.table.selectRow(0)
    dlg.unlink_button.click()
    assert A.get_item(db, item_id).task_ids == []


def test_export_both_files(dialog, tmp_path):
    win, dlg = dialog
    assert dlg.import_file(county_xlsx(tmp_path / "细则.xlsx"))
    xlsx = dlg.export_to(tmp_path / "自评表.xlsx")
    assert load_workbook(xlsx)["自评表"]["B3"].value == "党建工作"
    docx_path = dlg.export_to(tmp_path / "自评报告.docx")
    assert docx_path.stat().st_size > 0


def test_export_evidence_from_the_menu_makes_a_subfolder(window, tmp_path):
    plan_id = outline.list_plans(window.document.db)[0].id
    window.select_plan(plan_id)
    task = _first_task(window)
    store.add_evidence(window.document.db, task.id, [pdf(tmp_path / "a.pdf")])
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "别的文件.txt").write_text("x")
    path = window.evidence.export_evidence(str(tmp_path / "out"))
    assert path.name == "佐证材料清单.xlsx" and path.parent.parent == tmp_path / "out"
    assert len(list(path.parent.rglob("a.pdf"))) == 1


def test_cells_edit_the_item_and_undo_puts_it_back(dialog, tmp_path, monkeypatch):
    win, dlg = dialog
    db = win.document.db
    assert dlg.import_file(county_xlsx(tmp_path / "细则.xlsx"))
    item_id = A.list_items(db, dlg.year)[0].id
    dlg.table.item(0, 4).setText("党员教育培训全覆盖")
    dlg.table.item(0, 2).setText("12")
    got = A.get_item(db, item_id)
    assert (got.indicator, got.points) == ("党员教育培训全覆盖", 12.0)
    shown = []
    monkeypatch.setattr(messages, "show_error", lambda parent, exc: shown.append(exc.user_text))
    dlg.table.item(0, 1).setText("")  # a 考核项目 cannot be empty
    assert shown and A.get_item(db, item_id).project == "党建工作"
    assert dlg.table.item(0, 1).text() == "党建工作"
    win.actions["undo"].trigger()
    win.actions["undo"].trigger()
    got = A.get_item(db, item_id)
    assert (got.indicator, got.points) == ("党员教育全覆盖", 10.0)
