"""``backup``, ``restore`` and ``check`` from the command line."""

from __future__ import annotations

import os
import sqlite3

import pytest

import main
from models.store import backup
from models.store.lock import DatabaseLock
from tests.db_hash import content_hash as dump_hash


def run(capsys, *argv):
    code = main.main([*argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db_file(tmp_path, capsys):
    path = tmp_path / "cli.db"
    assert main.main(["--db", str(path), "list"]) == 0
    capsys.readouterr()
    return path


def test_backup_into_backups_folder_and_list(db_file, capsys):
    code, out, err = run(capsys, "--db", str(db_file), "backup")
    assert (code, err) == (0, "")
    made = list((db_file.parent / "backups").iterdir())
    assert len(made) == 1 and str(made[0]) in out
    assert dump_hash(made[0]) == dump_hash(db_file)
    code, out, _ = run(capsys, "--db", str(db_file), "backup", "--list")
    assert code == 0 and "4 个计划 / 58 项任务" in out and "manual" in out


def test_backup_to_a_file_never_overwrites(db_file, tmp_path, capsys):
    out_file = tmp_path / "copy.db"
    assert run(capsys, "--db", str(db_file), "backup", "--out", str(out_file))[0] == 0
    assert dump_hash(out_file) == dump_hash(db_file)
    before = out_file.read_bytes()
    code, out, err = run(capsys, "--db", str(db_file), "backup", "--out", str(out_file))
    assert code == 1 and "已存在" in err and len(err.strip().splitlines()) == 1
    assert out_file.read_bytes() == before


def test_restore_after_backing_up_current_state(db_file, tmp_path, capsys):
    saved = tmp_path / "saved.db"
    run(capsys, "--db", str(db_file), "backup", "--out", str(saved))
    conn = sqlite3.connect(db_file)
    conn.execute("DELETE FROM plans WHERE id = 1")
    conn.commit()
    conn.close()
    changed = dump_hash(db_file)
    code, out, err = run(capsys, "--db", str(db_file), "restore", str(saved))
    assert (code, err) == (0, "")
    assert dump_hash(db_file) == dump_hash(saved)
    safety = [i for i in backup.list_backups(db_file.parent / "backups") if i.reason == "restore"]
    assert len(safety) == 1 and dump_hash(safety[0].path) == changed
    assert str(safety[0].path) in out


def test_restore_refuses_junk_and_changes_nothing(db_file, tmp_path, capsys):
    junk = tmp_path / "junk.db"
    junk.write_bytes(os.urandom(4096))
    before = dump_hash(db_file)
    code, out, err = run(capsys, "--db", str(db_file), "restore", str(junk))
    assert code == 1 and err.startswith("错误：") and len(err.strip().splitlines()) == 1
    assert dump_hash(db_file) == before


def test_restore_is_refused_while_another_plandesk_writes(db_file, tmp_path, capsys):
    saved = tmp_path / "saved.db"
    run(capsys, "--db", str(db_file), "backup", "--out", str(saved))
    before = dump_hash(db_file)
    with DatabaseLock(db_file):
        code, _out, err = run(capsys, "--db", str(db_file), "restore", str(saved))
    assert code == 1 and "正被另一个 PlanDesk 使用" in err
    assert dump_hash(db_file) == before


def test_check_passes_on_a_sound_database(db_file, capsys):
    code, out, err = run(capsys, "--db", str(db_file), "check")
    assert (code, err) == (0, "") and "检查通过" in out


def test_check_lists_problems_one_per_line_and_exits_1(db_file, capsys):
    conn = sqlite3.connect(db_file)
    conn.execute("UPDATE nodes SET position = position + 10 WHERE id IN (1, 2)")
    conn.execute(
        "UPDATE nodes SET status = 'weird' WHERE kind = 'task' AND id = "
        "(SELECT min(id) FROM nodes WHERE kind = 'task')"
    )
    conn.commit()
    conn.close()
    before = db_file.read_bytes()
    code, out, _err = run(capsys, "--db", str(db_file), "check")
    lines = out.strip().splitlines()
    assert code == 1
    assert any(line.startswith("positions:") for line in lines)
    assert any("unknown status 'weird'" in line for line in lines)
    assert db_file.read_bytes() == before  # check never writes


def test_check_of_a_missing_or_junk_file(tmp_path, capsys):
    missing = tmp_path / "missing.db"
    code, _out, err = run(capsys, "--db", str(missing), "check")
    assert code == 1 and err.startswith("错误：")
    assert not missing.exists()  # check never creates a database
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"\x00" * 100 + b"junk" * 100)
    code, _out, err = run(capsys, "--db", str(junk), "check")
    assert code == 1 and "不是 PlanDesk 数据库" in err
