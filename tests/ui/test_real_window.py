"""The real window under Xvfb at 1366×768 (100 % and 150 %), driven with xdotool.

The journeys and their checks are in tests/ui/real_window.py (run in a child process on its
own Xvfb screen). Screenshots stay in $PLANDESK_SHOTS_DIR, else test-artifacts/real-window/
at the repository root, for CI to keep.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLayout, QPushButton, QWidget

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("real_window.py")
NEEDED = ("Xvfb", "xdotool", "import")  # import: ImageMagick's screenshot tool

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]
needs_x_tools = pytest.mark.skipif(
    any(shutil.which(tool) is None for tool in NEEDED),
    reason="the real-window test needs Xvfb, xdotool and ImageMagick's import",
)


@pytest.fixture(scope="module")
def xvfb():
    """An Xvfb screen of 1366×768 on a free display number; yields ':N'."""
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    if not number:
        server.kill()
        pytest.skip("Xvfb did not start")
    yield f":{number}"
    server.terminate()
    server.wait(timeout=10)


def shots_dir(scale: str) -> Path:
    base = os.environ.get("PLANDESK_SHOTS_DIR") or str(ROOT / "test-artifacts" / "real-window")
    return Path(base) / f"scale-{scale}"


@needs_x_tools
@pytest.mark.slow
@pytest.mark.parametrize("scale", ["1", "1.5"])
def test_main_journeys_on_the_real_window(xvfb, tmp_path, scale):
    out = shots_dir(scale)
    shutil.rmtree(out, ignore_errors=True)
    env = {
        **os.environ,
        "DISPLAY": xvfb,
        "QT_QPA_PLATFORM": "xcb",
        "QT_SCALE_FACTOR": scale,
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    assert len(list(out.glob("*.png"))) >= 5


def _checks_module():
    spec = importlib.util.spec_from_file_location("real_window_checks", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module._DIRECT = Qt.FindChildOption.FindDirectChildrenOnly
    return module


def test_the_painted_over_check_can_fail(qtbot):
    checks = _checks_module()
    widget = QWidget()
    qtbot.addWidget(widget)
    layout = QHBoxLayout(widget)
    layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
    for text in ("生成下一年度计划", "导出 Word 文档"):
        layout.addWidget(QPushButton(text))
    widget.show()
    assert checks.overlaps(widget) == []
    widget.resize(60, 20)  # what a too small screen does to a layout
    assert any("squeezed" in problem for problem in checks.overlaps(widget))
