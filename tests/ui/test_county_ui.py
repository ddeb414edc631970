"""The county side in the window: the 通报 by office (report dialog), the due list by office."""

from __future__ import annotations

import pytest
from docx import Document as DocxFile

from models import clock
from models.exchange.county import CountyBulletin
from tests.models.exchange.conftest import Desk, small_plan
from tests.models.exchange.test_county import TODAY, two_townships_sent
from ui import strings
from ui.exporting import file_done
from ui.exporting.report_dialog import PERIOD_YEAR, ReportDialog
from ui.tracking.due_list_view import DueListView

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


@pytest.fixture
def desks(tmp_path):
    clock.set_today(TODAY)
    county = Desk(tmp_path, "331100", "某县督查室", "县督查室")
    towns = [
        Desk(tmp_path, "331101001", "油茶镇", "乡镇"),
        Desk(tmp_path, "331101002", "竹溪乡", "乡镇"),
    ]
    for town in towns:
        town.knows(county)
        county.knows(town)
    yield county, towns
    clock.set_today(None)
    for desk in (county, *towns):
        desk.db.close()


def _dialog(qtbot, db) -> ReportDialog:
    dlg = ReportDialog(db, None)
    qtbot.addWidget(dlg)
    dlg.kind_combo.setCurrentIndex(dlg.kind_combo.findData("bulletin"))
    dlg.period_combo.setCurrentIndex(PERIOD_YEAR)
    return dlg


def test_the_choice_shows_only_where_plans_came_in(qtbot, desks):
    county, (town, _other) = desks
    small_plan(town.db, "油茶镇2025年工作计划")
    dlg = _dialog(qtbot, town.db)
    assert not dlg._form.isRowVisible(dlg.by_combo)  # a township has only its own plans
    dlg.reject()


def test_bulletin_by_office_previews_and_exports(qtbot, desks, tmp_path, monkeypatch):
    monkeypatch.setattr(file_done, "open_folder", lambda path: True)
    county, (a, b) = desks
    two_townships_sent(tmp_path, county, a, b)
    dlg = _dialog(qtbot, county.db)
    assert dlg._form.isRowVisible(dlg.by_combo)
    dlg.by_combo.setCurrentIndex(dlg.by_combo.findData("office"))
    assert dlg.by_combo.currentText() == strings.REPORT_BY_OFFICE
    assert not dlg.plan_combo.isEnabled()
    assert dlg.default_file_name() == "各单位2025年度督查通报.docx"
    report = dlg.build_report()
    assert isinstance(report, CountyBulletin)
    assert [o.name for o in report.offices] == ["竹溪乡", "油茶镇"]
    qtbot.waitUntil(lambda: "竹溪乡（逾期1项）" in dlg.preview.toPlainText())
    target = tmp_path / "县通报.docx"
    with qtbot.waitSignal(dlg.exported, timeout=20_000):
        assert dlg.export_to(target) is not None
    texts = [p.text for p in DocxFile(str(target)).paragraphs]
    assert "（二）油茶镇（逾期1项）" in texts
    dlg.by_combo.setCurrentIndex(dlg.by_combo.findData("unit"))
    assert dlg.plan_combo.isEnabled()
    assert not isinstance(dlg.build_report(), CountyBulletin)
    dlg.reject()


def test_due_list_shows_the_office_and_filters_by_it(qtbot, desks, tmp_path):
    county, (a, b) = desks
    two_townships_sent(tmp_path, county, a, b)
    small_plan(county.db, "县督查室2025年工作要点")
    view = DueListView(county.db)
    qtbot.addWidget(view)
    view.reload(TODAY)
    titles = {view.model.items[r].plan_title for r in range(len(view.model.items))}
    assert "〔油茶镇〕油茶镇2025年工作计划" in titles and "县督查室2025年工作要点" in titles
    assert not view.office_combo.isHidden()
    choices = [view.office_combo.itemText(i) for i in range(view.office_combo.count())]
    assert choices[0] == strings.DUE_ANY_OFFICE and choices[1].startswith(strings.DUE_OWN_OFFICE)
    view.office_combo.setCurrentIndex(view.office_combo.findData("竹溪乡"))
    assert 0 < view.proxy.rowCount() < len(view.model.items)
    plans = {
        view.model.items[view.proxy.mapToSource(view.proxy.index(r, 0)).row()].plan_title
        for r in range(view.proxy.rowCount())
    }
    assert plans == {"〔竹溪乡〕竹溪乡2025年工作计划"}
    rows = view.proxy.rowCount()
    view.reload(TODAY)  # the choice survives a reload
    assert view.office_combo.currentData() == "竹溪乡" and view.proxy.rowCount() == rows
    view.office_combo.setCurrentIndex(0)
    assert view.proxy.rowCount() == len(view.model.items)


def test_a_township_sees_no_office_filter(qtbot, desks):
    _county, (town, _other) = desks
    small_plan(town.db, "油茶镇2025年工作计划")
    view = DueListView(town.db)
    qtbot.addWidget(view)
    view.reload(TODAY)
    assert view.office_combo.isHidden()
    assert {i.plan_title for i in view.model.items} == {"油茶镇2025年工作计划"}
