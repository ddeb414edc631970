"""Evidence in the database: attach, dedupe, remove, undo rows, check, backup → restore."""

from __future__ import annotations

import hashlib

import pytest

from models import outline, tracking
from models.errors import InvalidOperationError, NotFoundError
from models.evidence import files, store
from models.evidence.files import EvidenceFileError
from models.store import backup
from models.store.check import check, check_file
from models.store.open import open_database
from models.store.restore import restore
from tests.evidence_fixture import docx, make_plan, pdf, photo, png_header_bomb


@pytest.fixture
def plan(db):
    return make_plan(db)


def _count(db, table):
    return db.scalar(f"SELECT count(*) FROM {table}")


def test_attach_keeps_name_note_size_type_and_photo_facts(db, plan, tmp_path):
    task = plan[1][0]
    jpg = photo(tmp_path / "现场照片.jpg")
    ids = store.add_evidence(db, task, [jpg, pdf(tmp_path / "纪要.pdf")], note="6月3日现场")
    shown = store.list_evidence(db, task)
    assert [e.id for e in shown] == ids
    first, second = shown
    assert (first.name, first.note, first.kind) == ("现场照片.jpg", "6月3日现场", "jpeg")
    assert first.size == jpg.stat().st_size and (first.width, first.height) == (300, 200)
    assert first.taken_at == "2025-06-03 10:20:30"
    assert (first.latitude, first.longitude) == (26.5, 113.26)
    assert first.place == "北纬26.50000°，东经113.26000°"
    assert first.has_thumb and store.evidence_thumb(db, first.id)[:2] == b"\xff\xd8"
    assert store.evidence_data(db, first.id) == jpg.read_bytes()
    assert (second.kind, second.has_thumb, second.taken_at) == ("pdf", False, None)


def test_the_same_file_is_stored_once(db, plan, tmp_path):
    a, b = plan[1][:2]
    jpg = photo(tmp_path / "a.jpg")
    copy = tmp_path / "copy.jpg"
    copy.write_bytes(jpg.read_bytes())
    store.add_evidence(db, a, [jpg])
    store.add_evidence(db, b, [copy])
    assert _count(db, "evidence") == 2 and _count(db, "evidence_files") == 1
    # removing one link keeps the file the other still uses
    store.remove_evidence(db, [store.list_evidence(db, a)[0].id])
    assert _count(db, "evidence_files") == 1
    store.remove_evidence(db, [store.list_evidence(db, b)[0].id])
    assert _count(db, "evidence_files") == 0


def test_attach_to_a_checkpoint_and_a_progress_note(db, plan, tmp_path):
    task, other = plan[1][:2]
    cp = tracking.add_checkpoint(db, task, "第一批", "2025-05-31")
    entry, _old = tracking.add_progress(db, task, "已开会。", 30, entry_date="2025-06-03")
    ids = store.add_evidence(db, task, [pdf(tmp_path / "a.pdf")], checkpoint_id=cp)
    ids += store.add_evidence(db, task, [docx(tmp_path / "b.docx")], progress_id=entry)
    got = store.list_evidence(db, task)
    assert [(e.checkpoint_id, e.progress_id) for e in got] == [(cp, None), (None, entry)]
    assert got[1].kind == "docx"
    with pytest.raises(NotFoundError):  # the checkpoint belongs to another task
        store.add_evidence(db, other, [pdf(tmp_path / "c.pdf")], checkpoint_id=cp)
    assert _count(db, "evidence") == 2


def test_remove_and_restore_give_back_the_same_rows(db, plan, tmp_path):
    task = plan[1][0]
    ids = store.add_evidence(db, task, [photo(tmp_path / "a.jpg"), pdf(tmp_path / "b.pdf")])
    before = [dict(r) for r in db.query("SELECT * FROM evidence ORDER BY id")]
    rows = store.remove_evidence(db, ids, keep_file=True)
    assert store.list_evidence(db, task) == [] and _count(db, "evidence_files") == 2
    store.restore_evidence(db, rows)
    assert [dict(r) for r in db.query("SELECT * FROM evidence ORDER BY id")] == before
    with pytest.raises(NotFoundError):
        store.remove_evidence(db, [ids[0], 999])
    assert _count(db, "evidence") == 2  # nothing removed by the failed call


def test_prune_removes_only_unreferenced_files(db, plan, tmp_path):
    task = plan[1][0]
    ids = store.add_evidence(db, task, [photo(tmp_path / "a.jpg"), pdf(tmp_path / "b.pdf")])
    store.remove_evidence(db, ids[:1], keep_file=True)
    assert store.prune_files(db) == 1
    assert _count(db, "evidence_files") == 1 and store.prune_files(db) == 0


def test_removing_a_task_and_undoing_it_brings_its_evidence_back(db, plan, tmp_path):
    from models.evidence import assessment

    task = plan[1][0]
    store.add_evidence(db, task, [photo(tmp_path / "a.jpg")])
    item = assessment.add_item(db, 2025, project="党建工作", points=10)
    assessment.link_tasks(db, item, [task])
    before = [dict(r) for r in db.query("SELECT * FROM evidence")]
    snap = outline.remove_node(db, task)
    assert _count(db, "evidence") == 0 and _count(db, "evidence_files") == 1
    assert assessment.get_item(db, item).task_ids == []
    outline.restore_snapshot(db, snap)
    assert [dict(r) for r in db.query("SELECT * FROM evidence")] == before
    assert assessment.get_item(db, item).task_ids == [task]
    assert check(db) == []


def test_deleting_a_plan_and_undoing_it_keeps_the_evidence(db, plan, tmp_path):
    plan_id, tasks = plan
    store.add_evidence(db, tasks[2], [pdf(tmp_path / "a.pdf")])
    before = [dict(r) for r in db.query("SELECT * FROM evidence")]
    snap = outline.delete_plan(db, plan_id)
    assert _count(db, "evidence") == 0
    outline.restore_snapshot(db, snap)
    assert [dict(r) for r in db.query("SELECT * FROM evidence")] == before


def test_reduce_on_request_shrinks_a_large_photo_and_keeps_its_exif(db, plan, tmp_path):
    big = photo(tmp_path / "big.jpg", (4000, 3000))
    (eid,) = store.add_evidence(db, plan[1][0], [big], reduce=True)
    got = store.get_evidence(db, eid)
    assert (got.width, got.height) == (files.REDUCE_SIDE, 1920)
    assert got.size < big.stat().st_size and got.taken_at == "2025-06-03 10:20:30"
    assert got.latitude == 26.5
    small = photo(tmp_path / "small.jpg")
    (eid,) = store.add_evidence(db, plan[1][0], [small], reduce=True)
    assert store.evidence_data(db, eid) == small.read_bytes()  # small ones stay as they are


# ---------------------------------------------------------------- hostile files
def _refused(db, task, paths, words):
    before = (_count(db, "evidence"), _count(db, "evidence_files"))
    with pytest.raises(EvidenceFileError) as info:
        store.add_evidence(db, task, paths)
    assert all(w in info.value.user_text for w in words), info.value.user_text
    assert (_count(db, "evidence"), _count(db, "evidence_files")) == before
    return info.value


def test_a_file_over_the_limit_is_refused(db, plan, tmp_path):
    big = tmp_path / "video.mp4"
    with big.open("wb") as fh:  # sparse: no 50 MB written to the disk
        fh.write(b"\x00\x00\x00\x18ftypmp42")
        fh.truncate(files.MAX_FILE_BYTES + 1)
    _refused(db, plan[1][0], [big], ["超过", "50 MB"])


def test_an_image_bomb_is_refused(db, plan, tmp_path):
    bomb = png_header_bomb(tmp_path / "bomb.png")
    assert bomb.stat().st_size < 200
    _refused(db, plan[1][0], [bomb], ["bomb.png", "百万像素"])
    # under Pillow's own limit but over ours: refused by our size check, with the size
    wide = png_header_bomb(tmp_path / "wide.png", 9_000, 9_500)
    _refused(db, plan[1][0], [wide], ["9000×9500"])


def test_a_file_that_is_not_what_its_name_says_is_refused(db, plan, tmp_path):
    fake = tmp_path / "照片.jpg"
    fake.write_bytes(pdf(tmp_path / "x.pdf").read_bytes())
    _refused(db, plan[1][0], [fake], ["照片.jpg", "PDF", "不符"])
    exe = tmp_path / "纪要.pdf"
    exe.write_bytes(b"MZ\x90\x00\x03" + bytes(range(256)) * 4)
    _refused(db, plan[1][0], [exe], ["无法识别"])
    bad = tmp_path / "tool.exe"
    bad.write_text("hello")
    _refused(db, plan[1][0], [bad], [".exe"])


def test_a_damaged_image_is_refused(db, plan, tmp_path):
    jpg = photo(tmp_path / "a.jpg")
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(jpg.read_bytes()[:300])
    _refused(db, plan[1][0], [broken], ["损坏"])


def test_a_vanished_file_is_refused_and_nothing_of_the_batch_is_stored(db, plan, tmp_path):
    good = photo(tmp_path / "a.jpg")
    gone = tmp_path / "已删除.pdf"
    _refused(db, plan[1][0], [good, gone], ["已删除.pdf", "找不到"])
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    _refused(db, plan[1][0], [empty], ["空文件"])


def test_evidence_only_on_tasks(db, plan, tmp_path):
    section = db.scalar("SELECT id FROM nodes WHERE kind = 'section' LIMIT 1")
    with pytest.raises(InvalidOperationError):
        store.add_evidence(db, section, [pdf(tmp_path / "a.pdf")])
    with pytest.raises(NotFoundError):
        store.add_evidence(db, 9999, [pdf(tmp_path / "a.pdf")])


# ---------------------------------------------------------------- check, backup, restore
def test_check_finds_an_altered_and_a_missing_file(db, plan, tmp_path):
    task = plan[1][0]
    store.add_evidence(db, task, [photo(tmp_path / "a.jpg"), pdf(tmp_path / "纪要.pdf")])
    assert check(db) == []
    db.conn.execute("PRAGMA foreign_keys = OFF")
    sha_jpg = store.list_evidence(db, task)[0].sha256
    db.conn.execute(
        "UPDATE evidence_files SET data = CAST('changed' AS BLOB) WHERE sha256 = ?", (sha_jpg,)
    )
    db.conn.execute("DELETE FROM evidence_files WHERE kind = 'pdf'")
    problems = check(db)
    assert any("a.jpg" in p and "content altered" in p for p in problems), problems
    assert any("纪要.pdf" in p and "is missing" in p for p in problems), problems


def test_adding_the_original_again_mends_an_altered_file(db, plan, tmp_path):
    task = plan[1][0]
    jpg = photo(tmp_path / "a.jpg")
    store.add_evidence(db, task, [jpg])
    db.conn.execute("UPDATE evidence_files SET data = CAST('changed' AS BLOB)")
    assert any("content altered" in p for p in check(db))
    store.add_evidence(db, plan[1][1], [jpg])
    assert check(db) == [] and _count(db, "evidence_files") == 1
    assert all(store.evidence_data(db, e) == jpg.read_bytes() for e in (1, 2))


def test_backup_then_restore_keeps_every_file_byte_identical(db_path, tmp_path):
    sources = [
        photo(tmp_path / "a.jpg"),
        pdf(tmp_path / "b.pdf"),
        docx(tmp_path / "c.docx"),
        tmp_path / "d.txt",
    ]
    sources[3].write_bytes("说明：已完成。".encode("gb18030"))  # a GBK text file
    with open_database(db_path) as db:
        _plan_id, tasks = make_plan(db)
        store.add_evidence(db, tasks[0], sources)
        copy = backup.manual_backup(db, tmp_path / "copy.db")
        store.remove_evidence(db, [e.id for e in store.list_evidence(db, tasks[0])])
        assert store.list_evidence(db, tasks[0]) == []
    restore(db_path, copy)
    with open_database(db_path) as db:
        got = store.list_evidence(db, tasks[0])
        assert [e.name for e in got] == [p.name for p in sources]
        for e, src in zip(got, sources, strict=True):
            data = store.evidence_data(db, e.id)
            assert data == src.read_bytes()
            assert hashlib.sha256(data).hexdigest() == e.sha256
        assert check(db) == []
    assert check_file(db_path)[1] == []
