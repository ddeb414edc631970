"""Conflicts of received packets decided row by row in the window (issue 19)."""

from __future__ import annotations

import pytest

from models import outline
from models.exchange import offices, outgoing
from tests.db_hash import content_hash
from tests.models.exchange.conftest import Desk, small_plan
from tests.ui.test_screen_fit import SMALLEST_SCREEN_AT_150, assert_fits
from tests.ui.test_wheel_guard import assert_wheel_changes_nothing
from ui import strings
from ui.exchange import conflict_dialog, exchange_dialog
from ui.exchange.conflict_dialog import DECISION, HERE, THERE, WHAT, ConflictDialog

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]

COUNTY = {"name": "某县督查室", "kind": "县督查室", "code": "331100"}
A, B = "油茶镇2025年工作计划", "竹溪乡2025年工作计划"
COLD, FARM, DISPUTE = f"{A}建设冷链仓库。", f"{A}扩大油茶种植面积。", f"{B}开展矛盾纠纷排查。"


@pytest.fixture
def towns(window, tmp_path):
    """The window is the county; two townships sent it their plans, then both sides edited
    the same tasks differently, and each township wrote its second packet."""
    db = window.document.db
    offices.set_own_office(db, **COUNTY)
    a = Desk(tmp_path, "331101001", "油茶镇", "乡镇")
    b = Desk(tmp_path, "331101002", "竹溪乡", "乡镇")
    for town in (a, b):
        offices.add_office(town.db, **COUNTY)
        o = town.office
        offices.add_office(db, code=o.code, name=o.name, kind=o.kind)
    small_plan(a.db, A)
    small_plan(b.db, B)
    first = [tmp_path / "a1.pdx", tmp_path / "b1.pdx"]
    outgoing.export_packet(a.db, first[0], COUNTY["code"])
    outgoing.export_packet(b.db, first[1], COUNTY["code"])
    assert [r.status for r in exchange_dialog.receive_packets(window, [str(p) for p in first])] == [
        "applied",
        "applied",
    ]
    for town, task in ((a, COLD), (a, FARM), (b, DISPUTE)):
        county_db = window.document.db
        here = county_db.scalar("SELECT id FROM nodes WHERE text = ?", (task,))
        outline.update_node(county_db, here, text=f"县里改：{task}")
        outline.update_node(town.db, town.node(task), text=f"镇里改：{task}")
    second = [tmp_path / "a2.pdx", tmp_path / "b2.pdx"]
    outgoing.export_packet(a.db, second[0], COUNTY["code"])
    outgoing.export_packet(b.db, second[1], COUNTY["code"])
    yield [str(p) for p in second]
    a.db.close()
    b.db.close()


def text_of(window, task: str) -> str:
    db = window.document.db
    return db.scalar(
        "SELECT text FROM nodes WHERE text IN (?, ?)", (f"县里改：{task}", f"镇里改：{task}")
    )


def row_of(dialog: ConflictDialog, task: str) -> int:
    table = dialog.table
    return next(
        r for r in range(table.rowCount()) if f"县里改：{task}" in (table.item(r, WHAT).text())
    )


def test_each_row_is_decided_and_applied_as_chosen(window, towns, qtbot, monkeypatch):
    seen = []

    def decide(parent, db, results):
        dialog = ConflictDialog(db, results, parent)
        qtbot.addWidget(dialog)
        table = dialog.table
        seen.append([table.item(r, WHAT).text() for r in range(table.rowCount())])
        # both values of each conflict, grouped under the packet they came in
        row = row_of(dialog, COLD)
        assert table.item(row, HERE).text() == f"县里改：{COLD}"
        assert table.item(row, THERE).text() == f"镇里改：{COLD}"
        assert table.item(row, WHAT).text().startswith(strings.CONFLICT_KINDS["task"])
        assert not dialog.import_button.isEnabled()  # nothing decided yet
        table.cellWidget(row, DECISION).setCurrentIndex(1)  # 采用对方
        assert table.cellWidget(row, DECISION).currentText() == strings.EXCHANGE_TAKE_THEIRS
        table.cellWidget(row_of(dialog, FARM), DECISION).setCurrentIndex(0)  # 保留本库
        assert not dialog.import_button.isEnabled()  # 竹溪乡's row is still open
        table.cellWidget(row_of(dialog, DISPUTE), DECISION).setCurrentIndex(0)
        assert dialog.import_button.isEnabled()
        dialog.import_button.click()
        return dialog.decisions()

    monkeypatch.setattr(conflict_dialog, "ask_decisions", decide)
    results = exchange_dialog.receive_packets(window, towns)
    assert [r.status for r in results] == ["applied", "applied"]
    (rows,) = seen  # one dialog for both packets
    assert rows[0] == strings.CONFLICT_PACKET.format(name="油茶镇", seq=2, count=2)
    assert strings.CONFLICT_PACKET.format(name="竹溪乡", seq=2, count=1) in rows
    assert text_of(window, COLD) == f"镇里改：{COLD}"
    assert text_of(window, FARM) == f"县里改：{FARM}"
    assert text_of(window, DISPUTE) == f"县里改：{DISPUTE}"
    decided = {c.uuid: c.decision for r in results for c in r.conflicts}
    assert sorted(decided.values()) == ["mine", "mine", "theirs"]


def test_cancel_leaves_the_database_as_it_was(window, towns, qtbot, monkeypatch):
    path = window.document.path
    before = content_hash(path)

    def cancel(parent, db, results):
        dialog = ConflictDialog(db, results, parent)
        qtbot.addWidget(dialog)
        dialog.decide_all("theirs")
        assert dialog.import_button.isEnabled()
        dialog.cancel_button.click()
        return None

    monkeypatch.setattr(conflict_dialog, "ask_decisions", cancel)
    old = window.document
    assert exchange_dialog.receive_packets(window, towns) == []
    assert window.document is old
    assert content_hash(path) == before


def test_all_buttons_wheel_and_screen(window, towns, qtbot):
    db = window.document.db
    trial = exchange_dialog._import(db, towns, {}, dry_run=True)
    dialog = ConflictDialog(db, trial, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert_fits(dialog)
    assert dialog.minimumSizeHint().width() <= SMALLEST_SCREEN_AT_150.width()
    assert dialog.minimumSizeHint().height() <= SMALLEST_SCREEN_AT_150.height()
    assert assert_wheel_changes_nothing(dialog) == 3  # the wheel never decides
    assert dialog.undecided() == 3 and not dialog.import_button.isEnabled()
    dialog.all_mine.click()
    assert set(dialog.decisions().values()) == {"mine"} and dialog.import_button.isEnabled()
    dialog.all_theirs.click()
    assert set(dialog.decisions().values()) == {"theirs"} and len(dialog.decisions()) == 3
    dialog.reject()
