"""``self-test``: all steps pass on a sound installation, and a broken one is reported."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import main
from cli import selftest

ROOT = Path(__file__).resolve().parents[2]


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)  # the command chooses: offscreen, or windows on Windows
    env.update(
        PLANDESK_DATA_DIR=str(tmp_path / "xdg-data" / "PlanDesk"),
        XDG_DATA_HOME=str(tmp_path / "xdg-data"),
        XDG_CONFIG_HOME=str(tmp_path / "xdg-config"),
        PYTHONIOENCODING="utf-8",
    )
    env.pop("PLANDESK_DB", None)
    return env


@pytest.fixture
def no_qt(monkeypatch):
    """Run the steps without the Qt ones: a QGuiApplication in the pytest process would
    stop the GUI tests from creating their QApplication."""
    real = selftest.steps
    monkeypatch.setattr(selftest, "steps", lambda qt=True: real(qt=False))


@pytest.mark.slow
def test_command_passes_with_one_ok_line_per_step(tmp_path):
    user_db = tmp_path / "user.db"
    report = tmp_path / "report.txt"
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "--db",
            str(user_db),
            "self-test",
            "--report",
            str(report),
        ],
        cwd=tmp_path,
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[-1] == "self-test passed"
    step_lines = lines[:-1]
    assert step_lines and all(line.startswith("OK  ") for line in step_lines), lines
    names = [line[4:].split(":")[0] for line in step_lines]
    expected = [name for name, _func in selftest.steps(qt=True)]
    assert names == expected
    assert {"database", "sample", "export docx", "export xlsx", "qt"} <= set(names)
    qt_line = next(line for line in step_lines if line.startswith("OK  qt:"))
    platform = "windows" if sys.platform == "win32" else "offscreen"
    assert f"platform {platform}," in qt_line  # Windows' offscreen platform has no fonts
    assert report.read_text(encoding="utf-8").splitlines() == lines
    assert not user_db.exists()  # the self-test never touches the user's database


def test_keep_folder_holds_the_checked_outputs(tmp_path, no_qt, capsys):
    keep = tmp_path / "kept"
    assert main.main(["self-test", "--keep", str(keep)]) == 0
    out = capsys.readouterr().out
    assert "FAIL" not in out
    assert (keep / "selftest.db").is_file()
    assert (keep / "plan.docx").stat().st_size > 0
    assert (keep / "tasks.xlsx").stat().st_size > 0
    # a second run in the same folder starts again from a new database
    assert main.main(["self-test", "--keep", str(keep)]) == 0


def test_missing_resources_fail_and_exit_code_is_1(tmp_path, monkeypatch, no_qt, capsys):
    empty = tmp_path / "empty-resources"
    empty.mkdir()
    import resources

    monkeypatch.setattr(resources, "resource_root", lambda: empty)
    assert main.main(["self-test"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("FAIL resources: missing in")
    assert "plans-2024.json" in lines[0]
    assert any(line.startswith("FAIL database") for line in lines)  # no sample to load
    assert lines[-1] == "self-test FAILED"


def test_crashing_step_is_reported_and_the_next_steps_still_run(tmp_path):
    def boom(ctx):
        return 1 / 0

    lines: list[str] = []
    ok = selftest.run_selftest(
        tmp_path,
        qt=False,
        out=lines.append,
        step_list=[("boom", boom), ("database", selftest.step_database)],
    )
    assert ok is False
    assert lines[0].startswith("FAIL boom: ZeroDivisionError")
    assert lines[1].startswith("OK  database: selftest.db")


def test_a_wrong_count_is_a_failed_check(tmp_path):
    def lose_a_task(ctx):
        with ctx.db.transaction() as conn:
            conn.execute(
                "DELETE FROM nodes WHERE id = (SELECT max(id) FROM nodes WHERE kind = 'task')"
            )
        return "one task deleted"

    lines: list[str] = []
    ok = selftest.run_selftest(
        tmp_path,
        qt=False,
        out=lines.append,
        step_list=[
            ("database", selftest.step_database),
            ("tamper", lose_a_task),
            ("sample", selftest.step_sample),
        ],
    )
    assert ok is False
    assert lines[-1].startswith("FAIL sample:")
    assert "stored, want" in lines[-1]
