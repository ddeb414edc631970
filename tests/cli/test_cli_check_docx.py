"""``check-docx``: exit 0 clean, 1 with findings or an unreadable file, JSON on request."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import main
from tests.export.gongwen_fixture import build, good, variant

ROOT = Path(__file__).resolve().parents[2]


def test_clean_file_exits_0_with_a_line_per_rule(tmp_path, capsys):
    path = build(good(), tmp_path / "good.docx")
    assert main.main(["check-docx", str(path), "--no-render"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert any(line.startswith("PASS  MARGINS  [GB/T 9704 5.2.1]") for line in out)
    assert out[-1].startswith("good.docx：") and "不符合 0 项" in out[-1]


def test_findings_exit_1_failures_first(tmp_path, capsys):
    path = build(variant(date="2025年02月03日", pagenum_size=12), tmp_path / "bad.docx")
    assert main.main(["check-docx", str(path), "--no-render"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("FAIL  ") and out[1].startswith("FAIL  ")
    assert {line.split()[1] for line in out[:2]} == {"PAGENUM-FONT", "SIGN-DATE"}
    assert "不符合 2 项" in out[-1]


def test_json_lists_every_finding(tmp_path, capsys):
    path = build(variant(pagenum_form="-{}-"), tmp_path / "bad.docx")
    assert main.main(["check-docx", str(path), "--json", "--no-render"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["passed"] is False and data["rendered"] is False
    failed = [f for f in data["findings"] if f["status"] == "fail"]
    assert [(f["rule"], f["clause"]) for f in failed] == [("PAGENUM-FORM", "7.5")]
    assert data["counts"]["fail"] == 1


def test_unreadable_file_is_one_line_on_stderr_and_exit_1(tmp_path, capsys):
    bad = tmp_path / "notes.docx"
    bad.write_bytes(b"PK\x03\x04 broken")
    assert main.main(["check-docx", str(bad)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.strip().splitlines()) == 1 and captured.err.startswith("错误：")
    assert main.main(["check-docx", str(tmp_path / "missing.docx"), "--json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "找不到" in captured.err


def test_no_database_is_opened_or_created(tmp_path):
    path = build(good(), tmp_path / "good.docx")
    db = tmp_path / "never.db"
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", str(db), "check-docx", str(path)]
        + ["--no-render"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert not db.exists()


def test_usage_error_exits_2(tmp_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "check-docx"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
