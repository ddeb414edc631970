"""``export --kind progress|bulletin|summary|reminder`` from the command line."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import openpyxl
import pytest

import main
from models.store.open import open_database
from tests.report_fixture import make_report_plan

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def db_file(tmp_path, monkeypatch):
    """An empty database made by the CLI, holding the report fixture plan (id 1)."""
    monkeypatch.setenv("PLANDESK_TODAY", "2025-07-15")
    path = tmp_path / "cli.db"
    assert main.main(["--db", str(path), "--no-sample", "list"]) == 0
    db = open_database(path)
    assert make_report_plan(db) == 1
    db.close()
    return path


def _export(db_file, *args):
    return main.main(["--db", str(db_file), "export", "1", *map(str, args)])


def _q2(kind, out):
    return ["--kind", kind, "--from", "2025-04-01", "--until", "2025-06-30", "--out", out]


@pytest.mark.parametrize("kind", ["progress", "bulletin", "summary", "reminder"])
def test_docx_of_every_kind_passes_check(db_file, tmp_path, capsys, kind):
    out = tmp_path / f"{kind}.docx"
    assert _export(db_file, *_q2(kind, out)) == 0
    assert capsys.readouterr().out.strip() == str(out)
    capsys.readouterr()
    # the project's own checker, through the CLI as a user would run it (file rules)
    assert main.main(["check-docx", str(out), "--no-render", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["passed"] and result["counts"]["fail"] == 0


def test_progress_docx_numbers(db_file, tmp_path):
    out = tmp_path / "p.docx"
    assert _export(db_file, *_q2("progress", out)) == 0
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "共有工作任务8项。截至2025年6月30日，已完成1项" in texts[2]
    assert "2025年7月15日" in texts  # 成文日期 = today of the clock


def test_bulletin_xlsx_with_chart(db_file, tmp_path):
    out = tmp_path / "b.xlsx"
    assert _export(db_file, *_q2("bulletin", out)) == 0
    ws = openpyxl.load_workbook(out)["单位完成情况"]
    assert ws.cell(4, 2).value == "党建办" and len(ws._charts) == 1


@pytest.mark.slow
def test_reminder_pdf(db_file, tmp_path):
    """In a subprocess: the QGuiApplication of a PDF export must never live in the pytest
    process (the GUI tests need a QApplication there)."""
    out = tmp_path / "r.pdf"
    env = dict(
        os.environ,
        PYTHONIOENCODING="utf-8",
        XDG_DATA_HOME=str(tmp_path / "xdg"),
        XDG_CONFIG_HOME=str(tmp_path / "xdgc"),
        PLANDESK_TODAY="2025-07-15",
    )
    env.pop("QT_QPA_PLATFORM", None)  # the command must choose offscreen itself
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "--db",
            str(db_file),
            "export",
            "1",
            *map(str, _q2("reminder", out)),
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes()[:5] == b"%PDF-"
    if shutil.which("pdfinfo"):
        info = subprocess.run(
            ["pdfinfo", str(out)], capture_output=True, text=True, check=False
        ).stdout
        assert re.search(r"Pages:\s+6", info)  # the notice and five 催办单


def test_default_period_is_the_plan_year(db_file, tmp_path):
    out = tmp_path / "s.docx"
    assert _export(db_file, "--kind", "summary", "--out", out) == 0
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert texts[2].startswith("2025年度，测试镇2025年工作计划共安排工作任务8项。截至2025年7月15日")


def test_only_until_given(db_file, tmp_path):
    out = tmp_path / "h.xlsx"
    assert _export(db_file, "--kind", "progress", "--until", "2025-06-30", "--out", out) == 0
    ws = openpyxl.load_workbook(out)["进展情况"]
    assert ws.cell(1, 1).value == "测试镇2025年工作计划2025年上半年进展情况"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--kind", "summary", "--out", "s.xlsx"], "只能导出为 .docx、.pdf"),
        (
            [
                "--kind",
                "progress",
                "--from",
                "2025-07-01",
                "--until",
                "2025-06-30",
                "--out",
                "p.docx",
            ],
            "晚于结束日期",
        ),
        (["--kind", "bulletin", "--out", "b.csv"], "只能导出为"),
        (["--kind", "reminder", "--template", "t.docx", "--out", "r.docx"], "模板"),
    ],
)
def test_bad_requests_exit_1_and_write_nothing(
    db_file, tmp_path, capsys, monkeypatch, args, message
):
    monkeypatch.chdir(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    assert _export(db_file, *args) == 1
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_unknown_plan(db_file, tmp_path, capsys):
    out = tmp_path / "x.docx"
    assert (
        main.main(["--db", str(db_file), "export", "9", "--kind", "progress", "--out", str(out)])
        == 1
    )
    assert "找不到" in capsys.readouterr().err and not out.exists()


def test_bad_date_is_usage_error(db_file, tmp_path, capsys):
    assert (
        _export(db_file, "--kind", "progress", "--from", "2025/04/01", "--out", tmp_path / "x.docx")
        == 2
    )
