"""main.setup_logging: one shared log file per process, in the data folder."""

from __future__ import annotations

import logging

import pytest

import main
from models.logfile import SharedRotatingFileHandler


@pytest.fixture
def root_handlers():
    root = logging.getLogger()
    before = list(root.handlers)
    yield root
    for h in root.handlers:
        if h not in before:
            root.removeHandler(h)
            h.close()


def _ours(root: logging.Logger) -> list[SharedRotatingFileHandler]:
    return [h for h in root.handlers if isinstance(h, SharedRotatingFileHandler)]


def test_one_handler_per_process_follows_the_data_folder(tmp_path, monkeypatch, root_handlers):
    monkeypatch.setenv("PLANDESK_DATA_DIR", str(tmp_path / "a"))
    main.setup_logging()
    main.setup_logging()  # again (main() run twice): still one handler, one open file
    first = _ours(root_handlers)
    assert len(first) == 1
    logging.getLogger("plandesk.test").info("第一条")
    monkeypatch.setenv("PLANDESK_DATA_DIR", str(tmp_path / "b"))
    main.setup_logging()
    second = _ours(root_handlers)
    assert len(second) == 1 and second[0] is not first[0]
    assert first[0].stream is None  # the old file is closed (Windows could not delete it)
    logging.getLogger("plandesk.test").info("第二条")
    assert "第一条" in (tmp_path / "a" / "logs" / "plandesk.log").read_text(encoding="utf-8")
    text_b = (tmp_path / "b" / "logs" / "plandesk.log").read_text(encoding="utf-8")
    assert "第二条" in text_b and "第一条" not in text_b
