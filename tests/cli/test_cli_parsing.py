"""Argument parsing: the GUI start needs no command module; bad usage exits 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )


def test_gui_start_does_not_import_the_commands():
    result = _python(
        "import sys, cli\n"
        "args = cli.parse_args(['--db', 'x.db', '--no-sample'])\n"
        "print(args.command, args.db, args.no_sample,"
        " any(m in sys.modules for m in cli.COMMAND_MODULES))"
    )
    assert result.stdout.split() == ["None", "x.db", "True", "False"], result.stderr


def test_sub_command_is_parsed_with_global_options():
    result = _python(
        "import cli\nargs = cli.parse_args(['--db', 'x.db', 'show', '3', '--json'])\n"
        "print(args.command, args.plan, args.json)"
    )
    assert result.stdout.split() == ["show", "3", "True"], result.stderr


def test_unknown_command_and_option_exit_2(tmp_path):
    for args in (["bogus"], ["--bogus"], ["show"]):
        result = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "--db", str(tmp_path / "x.db"), *args],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 2, args
        assert result.stderr.startswith("usage error:"), result.stderr
