"""Commands write UTF-8 into a pipe, also on a Chinese Windows (whose pipes get code page 936)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_list_writes_utf8_to_a_pipe_without_help_from_the_environment(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONIOENCODING", "PYTHONUTF8"}}
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", str(tmp_path / "p.db"), "list"],
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout.decode("utf-8")  # strict: GBK bytes would raise here
    # the sample: 3 plans of 2024 and the 督办事项台账 of the sample supervision year
    assert len(text.splitlines()) == 4 and "工作计划" in text
    bad = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", str(tmp_path / "p.db"), "show", "99"],
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert bad.returncode == 1
    assert bad.stderr.decode("utf-8").startswith("错误：")
