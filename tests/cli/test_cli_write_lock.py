"""CLI commands that change plans take the writer's lock; reading commands do not."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from models.startup import open_or_create
from models.store.lock import DatabaseLock, lock_path

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, db: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", str(db), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def _content(db_path: Path) -> str:
    db, _ = open_or_create(db_path)
    with db:
        rows = [tuple(r) for t in ("plans", "nodes") for r in db.query(f"SELECT * FROM {t}")]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def test_import_and_rollover_refused_while_a_window_holds_the_lock(tmp_path):
    db_path = tmp_path / "plans.db"
    before = _content(db_path)
    source = tmp_path / "plan.txt"
    source.write_text("测试镇2025年工作计划\n一、加强党的建设\n抓好党员教育。\n", encoding="utf-8")
    with DatabaseLock(db_path):  # what an open PlanDesk window holds
        for args in (("import", str(source)), ("rollover", "1")):
            result = run(*args, db=db_path)
            assert result.returncode == 1, result.stderr
            lines = result.stderr.strip().splitlines()
            assert len(lines) == 1 and "PlanDesk" in lines[0], result.stderr
        # reading still works beside the window
        assert run("list", db=db_path).returncode == 0
        assert run("show", "1", "--json", db=db_path).returncode == 0
    assert _content(db_path) == before


def test_lock_is_released_after_a_writing_command(tmp_path):
    db_path = tmp_path / "plans.db"
    source = tmp_path / "plan.txt"
    source.write_text("测试镇2025年工作计划\n一、加强党的建设\n抓好党员教育。\n", encoding="utf-8")
    assert run("import", str(source), db=db_path).returncode == 0
    assert not lock_path(db_path).exists()
    assert run("rollover", "1", db=db_path).returncode == 0
    assert not lock_path(db_path).exists()
