"""文件 → 发送数据包… / 接收数据包…: a township window and a county database in temp folders."""

from __future__ import annotations

import pytest

from models import outline, tracking
from models.exchange import incoming, offices, outgoing
from models.store.open import open_database
from ui import messages, strings
from ui.exchange import conflict_dialog, exchange_dialog

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]

OWN = {"name": "油茶镇", "kind": "乡镇", "code": "331101001"}
COUNTY = {"name": "某县督查室", "kind": "县督查室", "code": "331100"}


@pytest.fixture
def county(tmp_path):
    folder = tmp_path / "county"
    folder.mkdir()
    db = open_database(folder / "plandesk.db")
    offices.set_own_office(db, **COUNTY)
    offices.add_office(db, **OWN)
    yield db
    db.close()


def test_file_menu_has_send_and_receive(window):
    texts = [a.text() for a in window.file_menu.actions()]
    assert strings.ACT_EXCHANGE_SEND in texts and strings.ACT_EXCHANGE_RECEIVE in texts
    assert texts.index(strings.ACT_EXCHANGE_RECEIVE) < texts.index(window.actions["quit"].text())


def test_send_then_receive_the_countys_comment(window, county, monkeypatch, tmp_path):
    asked = iter([OWN, COUNTY])
    monkeypatch.setattr(exchange_dialog, "ask_office", lambda *a: next(asked))
    out = tmp_path / "U盘" / "油茶镇.pdx"
    out.parent.mkdir()
    monkeypatch.setattr(messages, "get_save_path", lambda *a, **k: str(out))
    sent = exchange_dialog.send_packet(window)
    assert sent is not None and sent.full and out.is_file()
    assert str(out) in window.statusBar().currentMessage()
    assert [r.status for r in incoming.import_packets(county, [out])] == ["applied"]
    # nothing changed since: no packet, a line in the status bar
    again = tmp_path / "again.pdx"
    monkeypatch.setattr(messages, "get_save_path", lambda *a, **k: str(again))
    assert exchange_dialog.send_packet(window) is None and not again.exists()
    # the county writes a 批示 on a township task and sends it back
    task_uuid = window.document.db.scalar("SELECT uuid FROM nodes WHERE kind = 'task' LIMIT 1")
    task = county.scalar("SELECT id FROM nodes WHERE uuid = ?", (task_uuid,))
    tracking.add_progress(county, task, "县督查室批示：请加快进度。")
    back = tmp_path / "back.pdx"
    outgoing.export_packet(county, back, OWN["code"])
    old_document = window.document
    results = exchange_dialog.receive_packets(window, [str(back)])
    assert [r.status for r in results] == ["applied"]
    assert window.document is not old_document  # reopened: a fresh undo stack and tree
    note = window.document.db.scalar(
        "SELECT p.text FROM progress_log p JOIN nodes n ON n.id = p.task_id WHERE n.uuid = ?",
        (task_uuid,),
    )
    assert note == "县督查室批示：请加快进度。"


def test_a_conflict_asks_and_cancel_writes_nothing(window, county, monkeypatch, tmp_path):
    db = window.document.db
    offices.set_own_office(db, **OWN)
    offices.add_office(db, **COUNTY)
    out = tmp_path / "1.pdx"
    outgoing.export_packet(db, out, COUNTY["code"])
    incoming.import_packets(county, [out])
    # a plan of the county, changed on both sides
    plan = outline.create_plan(county, title="全县督查计划", year=2025)
    outgoing.export_packet(county, tmp_path / "c1.pdx", OWN["code"])
    exchange_dialog.receive_packets(window, [str(tmp_path / "c1.pdx")])
    db = window.document.db
    here = db.scalar("SELECT id FROM plans WHERE title = '全县督查计划'")
    outline.update_plan(db, here, title="镇里改的标题")
    outline.update_plan(county, plan, title="县里改的标题")
    outgoing.export_packet(county, tmp_path / "c2.pdx", OWN["code"])
    asked = []

    def cancel(parent, db, results):
        asked.append([c.columns for r in results for c in r.conflicts])
        return None

    monkeypatch.setattr(conflict_dialog, "ask_decisions", cancel)
    assert exchange_dialog.receive_packets(window, [str(tmp_path / "c2.pdx")]) == []
    ((columns,),) = asked
    assert columns["title"] == ("镇里改的标题", "全县督查计划", "县里改的标题")
    assert (
        window.document.db.scalar("SELECT title FROM plans WHERE id = ?", (here,)) == "镇里改的标题"
    )
    monkeypatch.setattr(
        conflict_dialog,
        "ask_decisions",
        lambda parent, db, results: {c.uuid: "theirs" for r in results for c in r.conflicts},
    )
    (result,) = exchange_dialog.receive_packets(window, [str(tmp_path / "c2.pdx")])
    assert result.status == "applied" and result.conflicts[0].decision == "theirs"
    assert (
        window.document.db.scalar("SELECT title FROM plans WHERE id = ?", (here,)) == "县里改的标题"
    )


def test_a_bad_packet_is_shown_not_raised(window, monkeypatch, tmp_path):
    offices.set_own_office(window.document.db, **OWN)
    bad = tmp_path / "bad.pdx"
    bad.write_bytes(b"not a packet")
    shown = []
    monkeypatch.setattr(messages, "show_error", lambda parent, exc: shown.append(exc))
    assert exchange_dialog.receive_packets(window, [str(bad)]) == []
    assert len(shown) == 1 and "不是 PlanDesk 数据包" in shown[0].user_text


def test_the_tree_groups_received_plans_by_office(window, county, tmp_path):
    db = window.document.db
    offices.set_own_office(db, **OWN)
    offices.add_office(db, **COUNTY)
    year = db.scalar("SELECT max(year) FROM plans")
    outline.create_plan(county, title="全县督查计划", year=year)
    out = tmp_path / "c1.pdx"
    outgoing.export_packet(county, out, OWN["code"])
    exchange_dialog.receive_packets(window, [str(out)])
    model = window.document.tree_model
    top = model.index(0, 0)
    labels = [model.index(r, 0, top).data() for r in range(model.rowCount(top))]
    assert labels[-1] == strings.PLAN_OF_OFFICE.format(office=COUNTY["name"], title="全县督查计划")
    assert all("〔" not in label for label in labels[:-1])
    # a plan of this office added later still sorts before the received one
    window.document.tree_model.insert_plan(
        outline.create_plan(window.document.db, title="新计划", year=year)
    )
    labels = [model.index(r, 0, top).data() for r in range(model.rowCount(top))]
    assert labels[-1].startswith("〔") and "新计划" in labels
