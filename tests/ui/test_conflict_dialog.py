"""Conflicts of received packets decided row by row in the window (issue 19)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from models import outline
from models.exchange import offices, outgoing
from models.exchange.incoming import Conflict, Received
from tests.db_hash import content_hash
from tests.models.exchange.conftest import Desk, small_plan
from tests.ui.test_screen_fit import SMALLEST_SCREEN_AT_150, assert_fits
from tests.ui.test_wheel_guard import wheel
from ui import strings
from ui.exchange import conflict_dialog, exchange_dialog
from ui.exchange.conflict_dialog import HERE, THERE, WHAT, ConflictDialog

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]

COUNTY = {"name": "某县督查室", "kind": "县督查室", "code": "331100"}
A, B = "油茶镇2025年工作计划", "竹溪乡2025年工作计划"
COLD, FARM, DISPUTE = f"{A}建设冷链仓库。", f"{A}扩大油茶种植面积。", f"{B}开展矛盾纠纷排查。"


@pytest.fixture
def desks(tmp_path):
    """油茶镇 and 竹溪乡, each its own database."""
    a = Desk(tmp_path, "331101001", "油茶镇", "乡镇")
    b = Desk(tmp_path, "331101002", "竹溪乡", "乡镇")
    yield a, b
    a.db.close()
    b.db.close()


@pytest.fixture
def towns(window, desks, tmp_path):
    """The window is the county; two townships sent it their plans, then both sides edited
    the same tasks differently, and each township wrote its second packet."""
    db = window.document.db
    offices.set_own_office(db, **COUNTY)
    a, b = desks
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
    return [str(p) for p in second]


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
        mine, theirs = dialog.radios(row)
        assert (mine.text(), theirs.text()) == (
            strings.EXCHANGE_KEEP_MINE,
            strings.EXCHANGE_TAKE_THEIRS,
        )
        theirs.click()
        dialog.radios(row_of(dialog, FARM))[0].click()
        assert not dialog.import_button.isEnabled()  # 竹溪乡's row is still open
        assert dialog.left.text() == strings.CONFLICT_LEFT.format(count=1)
        dialog.radios(row_of(dialog, DISPUTE))[0].click()
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
    for row in dialog.uuid_at:  # the wheel never decides
        for button in dialog.radios(row):
            wheel(button, -3)
            wheel(button, 3)
    assert dialog.undecided() == 3 and not dialog.import_button.isEnabled()
    dialog.all_mine.click()
    assert set(dialog.decisions().values()) == {"mine"} and dialog.import_button.isEnabled()
    dialog.all_theirs.click()
    assert set(dialog.decisions().values()) == {"theirs"} and len(dialog.decisions()) == 3
    dialog.reject()


def test_the_dialog_itself_answers(window, towns, qtbot):
    """ask_decisions runs the real dialog: all theirs, then 导入."""

    def answer():
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ConflictDialog))
        dialog.all_theirs.click()
        dialog.import_button.click()

    QTimer.singleShot(0, answer)
    results = exchange_dialog.receive_packets(window, towns)
    assert [r.status for r in results] == ["applied", "applied"]
    assert text_of(window, FARM) == f"镇里改：{FARM}"


def test_a_later_packet_of_the_same_sender_is_asked_after(
    window, towns, desks, tmp_path, monkeypatch
):
    """Its conflicts show only once the packet before it is decided: a second dialog."""
    a, _b = desks
    county_db = window.document.db
    task = f"{A}开展矛盾纠纷排查。"
    here = county_db.scalar("SELECT id FROM nodes WHERE text = ?", (task,))
    outline.update_node(county_db, here, text=f"县里改：{task}")
    outline.update_node(a.db, a.node(task), text=f"镇里改：{task}")
    third = tmp_path / "a3.pdx"
    outgoing.export_packet(a.db, third, COUNTY["code"])
    asked = []

    def theirs(parent, db, results):
        asked.append(
            sorted((r.sender["name"], r.seq) for r, _c in conflict_dialog.open_conflicts(results))
        )
        return {c.uuid: "theirs" for r in results for c in r.conflicts if c.decision is None}

    monkeypatch.setattr(conflict_dialog, "ask_decisions", theirs)
    results = exchange_dialog.receive_packets(window, [*towns, str(third)])
    assert [r.status for r in results] == ["applied"] * 3
    assert asked == [[("油茶镇", 2), ("竹溪乡", 2)], [("油茶镇", 3)]]
    assert text_of(window, task) == f"镇里改：{task}"


def test_a_row_deleted_here_can_only_stay_deleted(window, qtbot, tmp_path):
    gone = Conflict("nodes", "no-such-uuid", "UPDATE", "deleted_here", {"text": (None, "旧", "新")})
    received = Received(tmp_path / "x.pdx", {"name": "油茶镇"}, 4, "conflicts", conflicts=[gone])
    dialog = ConflictDialog(window.document.db, [received], window)
    qtbot.addWidget(dialog)
    mine, theirs = dialog.radios(1)
    assert mine.isChecked() and not theirs.isEnabled()
    assert dialog.table.item(1, HERE).text() == strings.CONFLICT_GONE_HERE
    assert (
        dialog.table.item(1, WHAT)
        .text()
        .startswith(strings.CONFLICT_WHAT.format(what=strings.CONFLICT_KINDS["nodes"], text="新"))
    )
    assert dialog.import_button.isEnabled() and dialog.decisions() == {"no-such-uuid": "mine"}
    dialog.reject()
