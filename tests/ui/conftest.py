"""GUI fixtures: a Document over a fresh database, the main window, temp QSettings."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QThreadPool

from models.sample import load_sample
from models.store.open import open_database
from ui.document import Document


@pytest.fixture(autouse=True)
def _wait_for_jobs(qapp):
    """No worker may outlive its test."""
    yield
    QThreadPool.globalInstance().waitForDone()


@pytest.fixture(autouse=True)
def _temp_settings(tmp_path: Path, qapp):
    """QSettings go to an ini file in tmp_path, never to the user's real settings."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings")
    )
    qapp.setOrganizationName("PlanDeskTest")
    qapp.setApplicationName("PlanDeskTest")
    yield


@pytest.fixture
def sample_db(db_path: Path):
    """A database with the three sample plans."""
    database = open_database(db_path)
    load_sample(database)
    yield database
    database.close()


@pytest.fixture
def document(db, qapp):
    """A Document over the (empty) db fixture; tests add plans with plan_factory."""
    doc = Document(db)
    yield doc
    doc.undo_stack.clear()


@pytest.fixture
def window(qtbot, db_path: Path):
    """The main window over a database holding the sample plans."""
    from ui.shell.main_window import MainWindow

    database = open_database(db_path)
    load_sample(database)
    win = MainWindow(Document(database))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close_document()
