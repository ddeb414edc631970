"""Faults outside PlanDesk's own errors give one clear line, never a traceback: a full disk,
a read-only database, damaged lock files, numbers out of range, a broken pipe or closed
stdout; every sub-command has its own --help; exports keep file modes and clean up."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import docx
import pytest

import main
from models.store.lock import lock_path, this_host
from tests.db_hash import content_hash
from tests.wine import wine_lacks

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def db_file(tmp_path, capsys):
    path = tmp_path / "plandesk.db"
    assert main.main(["--db", str(path), "list"]) == 0
    capsys.readouterr()
    return path


def one_line(capsys, db_file: Path, *argv: str, code: int = 1) -> str:
    before = content_hash(db_file)
    assert main.main(["--db", str(db_file), *argv]) == code
    err = capsys.readouterr().err
    assert content_hash(db_file) == before
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误：") and "Traceback" not in err, err
    return lines[0]


@pytest.mark.parametrize("when", ["NaN", "1e308", "-1e308", '"yesterday"'])
def test_lock_file_with_a_broken_time(db_file, tmp_path, capsys, when):
    """Simulated crash garbage: a dead pid and a time json cannot make sense of."""
    text = f'{{"pid": 999999999, "host": "{this_host()}", "time": {when}}}'
    lock_path(db_file).write_text(text)
    old = time.time() - 3600
    os.utime(lock_path(db_file), (old, old))
    txt = tmp_path / "计划.txt"
    txt.write_text("一、加强党的建设\n1.抓好党员教育管理。\n", encoding="utf-8")
    assert main.main(["--db", str(db_file), "import", str(txt)]) == 0, capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        ["show", "99999999999999999999999"],
        ["history", "9" * 30],
        ["due", "--today", "9999-12-31"],
        ["rollover", "1", "--year", "99999999999999999999"],
    ],
)
def test_huge_numbers_and_dates(db_file, capsys, argv):
    before = content_hash(db_file)
    code = main.main(["--db", str(db_file), *argv])
    err = capsys.readouterr().err
    assert content_hash(db_file) == before and "Traceback" not in err
    assert code in (0, 1, 2)


def test_disk_full_during_import_is_one_line(db_file, tmp_path, capsys, monkeypatch):
    """Simulated: SQLite's own disk-full error raised where the plan is stored."""
    from models import outline

    def full(*_a, **_k):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(outline, "store_document", full)
    txt = tmp_path / "计划.txt"
    txt.write_text("一、加强党的建设\n1.抓好党员教育管理。\n", encoding="utf-8")
    assert "磁盘空间不足" in one_line(capsys, db_file, "import", str(txt))


def test_read_only_database_opens_read_only(db_file, tmp_path, capsys, monkeypatch):
    """Simulated (the tests run as root, who may write anything): os.access says no."""
    real = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode, **k: False if mode == os.W_OK else real(p, mode, **k)
    )
    assert main.main(["--db", str(db_file), "list"]) == 0
    captured = capsys.readouterr()
    assert "只读" in captured.err and "2024" in captured.out
    txt = tmp_path / "计划.txt"
    txt.write_text("一、加强党的建设\n1.抓好党员教育管理。\n", encoding="utf-8")
    assert "只读" in one_line(capsys, db_file, "import", str(txt))


def test_damaged_database_on_import_is_one_line(tmp_path, capsys):
    path = tmp_path / "坏.db"
    path.write_bytes(b"SQLite format 3\0" + os.urandom(8192))
    txt = tmp_path / "计划.txt"
    txt.write_text("一、加强党的建设\n", encoding="utf-8")
    assert main.main(["--db", str(path), "import", str(txt)]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def run(db_file: Path, *argv: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", str(db_file), *argv],
        capture_output=True,
        text=True,
        timeout=120,
        **kw,
    )


def test_broken_pipe_and_closed_stdout(db_file):
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "--db", str(db_file), "show", "1", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        encoding="utf-8",  # the CLI writes UTF-8 whatever the code page (cp936 on Windows)
        errors="replace",
    )
    proc.stdout.close()  # the reader is gone before the first line
    err = proc.stderr.read()
    proc.wait(timeout=120)
    proc.stderr.close()
    assert "Traceback" not in err, err
    closed = subprocess.run(
        f'"{sys.executable}" "{ROOT / "main.py"}" --db "{db_file}" list >&-',
        shell=True,
        capture_output=True,
        encoding="utf-8",
        errors="replace",
        timeout=120,
    )
    assert "Traceback" not in closed.stderr and closed.returncode in (0, 1), closed.stderr


@pytest.mark.parametrize("command", ["import", "export", "restore", "feedback-import", "due"])
def test_every_sub_command_has_its_own_help(command, capsys):
    with pytest.raises(SystemExit) as done:
        main.main([command, "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: plandesk {command}")


def test_export_over_its_own_template_is_refused(db_file, tmp_path, capsys):
    template = tmp_path / "模板.docx"
    docx.Document().save(template)
    data = template.read_bytes()
    line = one_line(
        capsys, db_file, "export", "1", "--template", str(template), "--out", str(template)
    )
    assert "模板" in line and template.read_bytes() == data


@pytest.mark.skipif(os.name != "posix", reason="Windows files have no permission bits to keep")
def test_export_keeps_the_mode_and_removes_stale_temporary_files(db_file, tmp_path, capsys):
    out = tmp_path / "计划.docx"
    out.write_bytes(b"old")
    out.chmod(0o644)
    stale = tmp_path / ".~计划-abc123.docx"
    stale.write_bytes(b"left by a killed export")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    assert main.main(["--db", str(db_file), "export", "1", "--out", str(out)]) == 0
    assert out.stat().st_mode & 0o777 == 0o644
    assert not stale.exists()


@wine_lacks("NTFS's limit of 255 characters to a name (it writes the file)")
def test_long_file_names_are_one_line(db_file, tmp_path, capsys):
    # 300 characters: over the 255 of NTFS (UTF-16 units) and of ext4 (bytes) alike
    out = tmp_path / ("长" * 300 + ".docx")
    one_line(capsys, db_file, "export", "1", "--out", str(out))


def test_json_lock_file_is_still_written_as_before(db_file):
    from models.store.lock import DatabaseLock

    with DatabaseLock(db_file):
        data = json.loads(lock_path(db_file).read_text())
    assert set(data) >= {"pid", "host", "time", "token"}


@pytest.mark.parametrize("when", ["NaN", "1e308", "Infinity"])
def test_lock_of_a_live_program_with_a_broken_time_is_one_line(db_file, tmp_path, capsys, when):
    """A live holder (a child process) with garbage time: refused with the usual sentence."""
    # a live process of this host (os.getppid needs a call Wine lacks; os.uname is POSIX only)
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    try:
        text = f'{{"pid": {holder.pid}, "host": "{this_host()}", "time": {when}}}'
        lock_path(db_file).write_text(text)
        txt = tmp_path / "计划.txt"
        txt.write_text("一、加强党的建设\n1.抓好党员教育管理。\n", encoding="utf-8")
        assert "正被另一个 PlanDesk 使用" in one_line(capsys, db_file, "import", str(txt))
    finally:
        holder.kill()
        holder.wait(timeout=30)


def test_backup_removes_partial_files_a_killed_backup_left(db_file, tmp_path, capsys):
    folder = tmp_path / "U盘"
    folder.mkdir()
    left = folder / "旧备份.db.partial"
    left.write_bytes(b"SQLite format 3\0" + b"\0" * 100)
    mine = folder / "我的笔记.partial"
    mine.write_bytes(b"not a database")
    old = time.time() - 3600
    for path in (left, mine):
        os.utime(path, (old, old))
    assert main.main(["--db", str(db_file), "backup", "--out", str(folder / "新备份.db")]) == 0
    assert not left.exists() and mine.exists()
