"""The shared log file: rotation, and two processes writing to it at once (Windows: no rename)."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
from pathlib import Path

from models.logfile import SharedRotatingFileHandler

ROOT = Path(__file__).resolve().parents[2]


def _logger(name: str, handler: logging.Handler) -> logging.Logger:
    logger = logging.getLogger(f"test-logfile.{name}")
    logger.propagate = False
    logger.handlers[:] = [handler]
    logger.setLevel(logging.INFO)
    return logger


class _Errors(SharedRotatingFileHandler):
    """Records logging errors instead of printing them."""

    failures: list[str]

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 (logging API)
        self.failures.append(str(sys.exc_info()[1]))


def _handler(path: Path, **kw) -> _Errors:
    h = _Errors(path, **kw)
    h.failures = []
    return h


def _lines(folder: Path) -> list[str]:
    out = []
    for f in sorted(folder.glob("plandesk.log*")):
        if f.name.endswith(".go"):
            continue
        out += f.read_text(encoding="utf-8").splitlines()
    return out


def test_rotates_and_keeps_the_backups(tmp_path):
    path = tmp_path / "plandesk.log"
    h = _handler(path, max_bytes=2000, backups=3)
    log = _logger("one", h)
    for i in range(400):
        log.info("第%03d行 一条中文日志", i)
    h.close()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["plandesk.log", "plandesk.log.1", "plandesk.log.2", "plandesk.log.3"]
    assert h.failures == []
    assert all(p.stat().st_size < 2000 + 200 for p in tmp_path.iterdir())
    assert "第399行 一条中文日志" in path.read_text(encoding="utf-8")


def test_two_handlers_on_one_file_lose_nothing_and_raise_nothing(tmp_path):
    """What two PlanDesk windows do: each rotates only when it can; every line is kept."""
    path = tmp_path / "plandesk.log"
    a = _handler(path, max_bytes=3000, backups=100)
    b = _handler(path, max_bytes=3000, backups=100)
    log_a, log_b = _logger("a", a), _logger("b", b)
    for i in range(300):
        log_a.info("A %d", i)
        log_b.info("B %d", i)
    a.close()
    b.close()
    assert a.failures == [] and b.failures == []
    lines = _lines(tmp_path)
    assert sorted(x for x in lines if x.startswith("A ")) == sorted(f"A {i}" for i in range(300))
    assert sorted(x for x in lines if x.startswith("B ")) == sorted(f"B {i}" for i in range(300))
    assert not list(tmp_path.glob("*.rotating-*"))


# Both children open the log, then wait for the same start signal: the lines interleave
# (started one after the other, the first was often done before the second began).
CHILD = """
import logging, os, sys, time
sys.path.insert(0, sys.argv[1])
from models.logfile import SharedRotatingFileHandler
h = SharedRotatingFileHandler(sys.argv[2], max_bytes=4000, backups=200)
log = logging.getLogger("child")
log.addHandler(h)
log.setLevel(logging.INFO)
go = sys.argv[2] + ".go"
deadline = time.monotonic() + 60
while not os.path.exists(go) and time.monotonic() < deadline:
    time.sleep(0.005)
for i in range(1500):
    log.info("%s %d", sys.argv[3], i)
"""


def _wait_for_two_opens(path: Path) -> None:
    """Until both children have created the log (the first creates it; then a short grace)."""
    deadline = time.monotonic() + 60
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(1.0)  # the second child's interpreter start, on a slow machine or under Wine


def test_two_processes_at_once(tmp_path):
    """Two real processes on one log (the sharing violation of RotatingFileHandler on Windows)."""
    path = tmp_path / "plandesk.log"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", CHILD, str(ROOT), str(path), tag],
            stderr=subprocess.PIPE,
            env=dict(os.environ, PYTHONUTF8="1"),
        )
        for tag in ("P1", "P2")
    ]
    _wait_for_two_opens(path)
    path.with_name(path.name + ".go").write_text("", encoding="utf-8")
    errs = [p.communicate(timeout=120)[1].decode("utf-8", "replace") for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errs
    assert errs == ["", ""]  # no "--- Logging error ---"
    lines = _lines(tmp_path)
    for tag in ("P1", "P2"):
        assert sorted(x for x in lines if x.startswith(tag + " ")) == sorted(
            f"{tag} {i}" for i in range(1500)
        )
