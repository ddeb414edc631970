"""The 佐证材料 section of the task panel: add, drop, open, save as, remove, undo, refusals."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from models import outline
from models.evidence import files, store
from tests.evidence_fixture import pdf, photo, png_header_bomb
from ui import jobs, messages, strings
from ui.evidence import section as section_module
from ui.evidence.section import EvidenceIdRole
from ui.exporting import file_done
from ui.tracking.due_list_view import NodeIdRole

pytestmark = pytest.mark.gui


@pytest.fixture
def task_window(window):
    """The window with the first task of the first plan shown in the panel."""
    plan_id = outline.list_plans(window.document.db)[0].id
    task = next(n for n in outline.load_outline(window.document.db, plan_id) if n.kind == "task")
    window.select_node(task.id)
    assert window.evidence.section.task_id == task.id
    return window, task.id


def add(qtbot, sec, paths):
    """Start adding files and wait until the job's result was applied; returns the ids."""
    job = sec.start_adding(paths)
    qtbot.waitUntil(lambda: job.finished, timeout=10_000)
    return sec.last_added


def _rows(db):
    return [dict(r) for r in db.query("SELECT * FROM evidence ORDER BY id")]


def test_add_shows_a_thumbnail_and_undo_redo_restore_exactly(qtbot, task_window, tmp_path):
    win, task = task_window
    sec, db = win.evidence.section, win.document.db
    sec.note_edit.setText("现场会")
    ids = add(qtbot, sec, [photo(tmp_path / "现场.jpg"), pdf(tmp_path / "纪要.pdf")])
    assert len(ids) == 2 and sec.list.count() == 2
    first = sec.list.item(0)
    assert first.data(EvidenceIdRole) == ids[0]
    assert "现场.jpg" in first.text() and strings.EV_TAKEN.format(when="2025-06-03 10:20") in (
        first.text()
    )
    assert not first.icon().isNull() and sec.note_edit.text() == ""
    after = _rows(db)
    assert [r["note"] for r in after] == ["现场会", "现场会"]
    win.actions["undo"].trigger()
    assert _rows(db) == [] and sec.list.count() == 0 and sec.empty_label.isVisibleTo(sec)
    win.actions["redo"].trigger()
    assert _rows(db) == after and sec.list.count() == 2


def test_remove_asks_and_undo_puts_the_same_row_back(qtbot, task_window, tmp_path, monkeypatch):
    win, task = task_window
    sec, db = win.evidence.section, win.document.db
    add(qtbot, sec, [photo(tmp_path / "a.jpg")])
    before = _rows(db)
    monkeypatch.setattr(messages, "ask_yes_no", lambda *a: True)
    sec.list.item(0).setSelected(True)
    sec.remove_selected()
    assert _rows(db) == [] and sec.list.count() == 0
    win.actions["undo"].trigger()
    assert _rows(db) == before and sec.list.count() == 1
    assert store.evidence_data(db, before[0]["id"]) == (tmp_path / "a.jpg").read_bytes()


def test_a_refused_file_is_shown_and_nothing_is_added(qtbot, task_window, tmp_path, monkeypatch):
    win, _task = task_window
    sec, db = win.evidence.section, win.document.db
    shown = []
    monkeypatch.setattr(messages, "show_error", lambda parent, exc: shown.append(exc.user_text))
    depth = win.document.undo_stack.count()
    fake = tmp_path / "照片.jpg"
    fake.write_bytes(pdf(tmp_path / "x.pdf").read_bytes())
    for bad in (
        [photo(tmp_path / "ok.jpg"), fake],
        [png_header_bomb(tmp_path / "bomb.png")],
        [tmp_path / "gone.pdf"],
    ):
        assert add(qtbot, sec, bad) == []
    assert (
        len(shown) == 3 and "不符" in shown[0] and "百万像素" in shown[1] and "找不到" in shown[2]
    )
    assert _rows(db) == [] and win.document.undo_stack.count() == depth


def test_files_dropped_on_the_section_are_added(qtbot, task_window, tmp_path):
    win, task = task_window
    sec = win.evidence.section
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(pdf(tmp_path / "通知.pdf")))])
    event = QDropEvent(
        QPointF(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    sec.dropEvent(event)
    assert event.isAccepted()
    qtbot.waitUntil(lambda: not jobs.running(), timeout=10_000)
    assert [e.name for e in store.list_evidence(win.document.db, task)] == ["通知.pdf"]


def test_add_button_reduces_large_photos_when_asked(qtbot, task_window, tmp_path, monkeypatch):
    win, task = task_window
    sec = win.evidence.section
    big = photo(tmp_path / "big.jpg", (3000, 2000))
    monkeypatch.setattr(section_module, "pick_files", lambda parent: [str(big)])
    sec.reduce_box.setChecked(True)
    sec.add_button.click()
    qtbot.waitUntil(lambda: not jobs.running(), timeout=10_000)
    (got,) = store.list_evidence(win.document.db, task)
    assert (got.width, got.height) == (files.REDUCE_SIDE, 1707) and got.size < big.stat().st_size
    # the choice is remembered for the next window
    fresh = section_module.EvidenceSection(win.document, win.push)
    qtbot.addWidget(fresh)
    assert fresh.reduce_box.isChecked()


def test_save_as_and_open_write_the_bytes_unchanged(qtbot, task_window, tmp_path, monkeypatch):
    win, _task = task_window
    sec = win.evidence.section
    src = photo(tmp_path / "a.jpg")
    add(qtbot, sec, [src])
    sec.list.item(0).setSelected(True)
    target = tmp_path / "out" / "copy.jpg"
    target.parent.mkdir()
    monkeypatch.setattr(messages, "get_save_path", lambda *a: str(target))
    assert sec.save_selected() == target and target.read_bytes() == src.read_bytes()
    opened = []
    monkeypatch.setattr(file_done, "open_file", lambda path: opened.append(path) or True)
    sec.open_selected()
    assert opened[0].name == "a.jpg" and opened[0].read_bytes() == src.read_bytes()


def test_the_task_chosen_when_adding_keeps_the_files(qtbot, task_window, tmp_path):
    win, task = task_window
    sec = win.evidence.section
    job = sec.start_adding([photo(tmp_path / "a.jpg", (2000, 1500))])
    other = next(
        n.id
        for n in outline.load_outline(
            win.document.db, outline.get_node(win.document.db, task).plan_id
        )
        if n.kind == "task" and n.id != task
    )
    win.select_node(other)  # the user moves on while the file is read
    qtbot.waitUntil(lambda: job.finished, timeout=10_000)
    assert [e.name for e in store.list_evidence(win.document.db, task)] == ["a.jpg"]
    assert store.list_evidence(win.document.db, other) == []


def test_files_kept_for_undo_are_pruned_when_a_database_opens(qtbot, task_window, tmp_path):
    win, _task = task_window
    sec, db = win.evidence.section, win.document.db
    add(qtbot, sec, [photo(tmp_path / "a.jpg")])
    win.actions["undo"].trigger()
    assert db.scalar("SELECT count(*) FROM evidence_files") == 1  # redo still needs it
    win.evidence._prune(win.document)
    assert db.scalar("SELECT count(*) FROM evidence_files") == 0


def test_the_due_list_counts_and_filters_tasks_without_evidence(qtbot, task_window, tmp_path):
    win, task = task_window
    win.tracking.show_due_list()
    due, box = win.tracking.due, win.evidence.due_filter
    qtbot.waitUntil(lambda: not due.loading)  # read in a job
    listed = {i.node_id for i in due.model.items}
    assert task in listed and box.text() == strings.EV_DUE_MISSING.format(count=len(listed))
    add(qtbot, win.evidence.section, [pdf(tmp_path / "a.pdf")])
    assert box.text() == strings.EV_DUE_MISSING.format(count=len(listed) - 1)
    box.setChecked(True)
    shown = {due.proxy.index(r, 0).data(NodeIdRole) for r in range(due.proxy.rowCount())}
    assert shown == listed - {task}
    box.setChecked(False)
    assert due.proxy.rowCount() == len(due.model.items)
    win.actions["undo"].trigger()
    assert box.text() == strings.EV_DUE_MISSING.format(count=len(listed))


def test_a_file_can_belong_to_a_checkpoint_or_a_progress_note(qtbot, task_window, tmp_path):
    from models import tracking

    win, task = task_window
    sec, db = win.evidence.section, win.document.db
    cp = tracking.add_checkpoint(db, task, "第一批验收", "2025-05-31")
    entry, _old = tracking.add_progress(db, task, "完成验收。", 50, entry_date="2025-06-01")
    sec.reload()
    assert sec.target_combo.count() == 3
    sec.target_combo.setCurrentIndex(sec.target_combo.findData(f"checkpoint:{cp}"))
    (first,) = add(qtbot, sec, [pdf(tmp_path / "a.pdf")])
    sec.target_combo.setCurrentIndex(sec.target_combo.findData(f"progress:{entry}"))
    (second,) = add(qtbot, sec, [pdf(tmp_path / "b.pdf", "b")])
    got = {e.id: (e.checkpoint_id, e.progress_id) for e in store.list_evidence(db, task)}
    assert got == {first: (cp, None), second: (None, entry)}
    assert strings.EV_LINKED_CP.format(title="第一批验收") in sec.list.item(0).text()
    assert strings.EV_LINKED_PR.format(date="2025-06-01") in sec.list.item(1).text()


def test_everything_follows_another_opened_database(qtbot, task_window, tmp_path, monkeypatch):
    from models.store.open import open_database
    from tests.evidence_fixture import make_plan

    win, _task = task_window
    other = tmp_path / "other.db"
    with open_database(other) as db:
        _plan, tasks = make_plan(db)
        store.add_evidence(db, tasks[0], [pdf(tmp_path / "别处.pdf")])
    dialog = win.evidence.show_assessment()
    monkeypatch.setattr(messages, "get_open_path", lambda *a: str(other))
    win.actions["open_db"].trigger()
    assert win.document.path == other
    sec = win.evidence.section
    assert sec.document is win.document and dialog.document is win.document
    win.select_node(tasks[0])
    assert [sec.list.item(r).text().split("\n")[0] for r in range(sec.list.count())] == ["别处.pdf"]
    win.tracking.show_due_list()
    listed = {i.node_id for i in win.tracking.due.model.items}
    assert tasks[1] in listed and win.evidence.due_filter.missing == listed - {tasks[0]}
