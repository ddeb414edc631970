"""Portable mode and first start: where the data lives, from source (app_dir monkeypatched).

The built executable is checked the same way by build_tools/build_and_check.sh (.ci/run).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest

import main
from models import outline
from models.store import paths
from models.store.open import open_database


@pytest.fixture
def app(tmp_path, monkeypatch) -> Path:
    """A folder standing in for the one that holds PlanDesk.exe."""
    folder = tmp_path / "stick"
    folder.mkdir()
    monkeypatch.setattr(paths, "app_dir", lambda: folder)
    return folder


@pytest.fixture(autouse=True)
def _restore_logging():
    """main.main() adds a log file handler to the root logger: take it away again."""
    root = logging.getLogger()
    before = list(root.handlers)
    level = root.level
    yield
    for handler in root.handlers[:]:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def _user_dir(tmp_path: Path) -> Path:
    return tmp_path / "xdg-data" / "PlanDesk"  # conftest points PLANDESK_DATA_DIR here


def _plan_count(db_path: Path) -> int:
    db = open_database(db_path)
    try:
        return len(outline.list_plans(db))
    finally:
        db.close()


def test_marker_keeps_data_and_logs_beside_the_program(app, tmp_path, capsys):
    (app / "portable").write_text("", encoding="utf-8")
    assert paths.is_portable()
    assert paths.resolve_db_path() == app / "data" / "plandesk.db"
    assert main.main(["list"]) == 0
    # first start: the sample plans and the sample year's 督办事项台账
    assert len(capsys.readouterr().out.splitlines()) == 4
    assert _plan_count(app / "data" / "plandesk.db") == 4
    assert (app / "data" / "logs" / "plandesk.log").is_file()
    assert not _user_dir(tmp_path).exists()


def test_without_marker_data_goes_to_the_user_data_folder(app, tmp_path, capsys):
    assert not paths.is_portable()
    assert paths.resolve_db_path() == _user_dir(tmp_path) / "plandesk.db"
    assert main.main(["list"]) == 0
    assert _plan_count(_user_dir(tmp_path) / "plandesk.db") == 4
    assert list(app.iterdir()) == []  # nothing written beside the program


def test_second_start_opens_the_same_database_without_adding_samples(app, capsys):
    (app / "portable").write_text("", encoding="utf-8")
    assert main.main(["list"]) == 0
    assert main.main(["list"]) == 0
    assert _plan_count(app / "data" / "plandesk.db") == 4


def test_a_folder_named_portable_is_not_the_marker(app, tmp_path):
    (app / "portable").mkdir()
    assert not paths.is_portable()
    assert paths.user_data_dir() == _user_dir(tmp_path)


def test_db_option_and_environment_win_over_portable(app, tmp_path, monkeypatch, capsys):
    (app / "portable").write_text("", encoding="utf-8")
    chosen = tmp_path / "elsewhere.db"
    assert main.main(["--db", str(chosen), "list"]) == 0
    assert chosen.is_file()
    env_db = tmp_path / "from-env.db"
    monkeypatch.setenv("PLANDESK_DB", str(env_db))
    assert paths.resolve_db_path() == env_db
    assert not (app / "data" / "plandesk.db").exists()


def test_frozen_app_dir_is_the_folder_of_the_executable(tmp_path, monkeypatch):
    exe = tmp_path / "U盘" / "PlanDesk.exe"
    exe.parent.mkdir()
    exe.write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    assert paths.app_dir() == exe.parent.resolve()
    (exe.parent / "portable").write_text("", encoding="utf-8")
    assert paths.user_data_dir() == exe.parent.resolve() / "data"


def test_from_source_app_dir_is_the_repository_root():
    assert (paths.app_dir() / "main.py").is_file()


def test_data_dir_variable_moves_the_user_folder_but_not_a_portable_one(app, tmp_path, monkeypatch):
    """$PLANDESK_DATA_DIR is how tests (and admins) move the data folder; on Windows no XDG_*
    variable can move %LOCALAPPDATA%. The portable marker still wins."""
    monkeypatch.setenv("PLANDESK_DATA_DIR", str(tmp_path / "其他 文件夹"))
    assert paths.user_data_dir() == tmp_path / "其他 文件夹"
    assert paths.log_dir() == tmp_path / "其他 文件夹" / "logs"
    assert paths.resolve_db_path() == tmp_path / "其他 文件夹" / "plandesk.db"
    (app / "portable").write_text("", encoding="utf-8")
    assert paths.user_data_dir() == app / "data"


def test_exports_start_in_the_documents_folder(tmp_path, monkeypatch):
    docs = tmp_path / "文档"
    monkeypatch.setattr(paths.platformdirs, "user_documents_dir", lambda: str(docs))
    assert paths.documents_dir() == Path.home()  # no such folder: the home folder
    docs.mkdir()
    assert paths.documents_dir() == docs
