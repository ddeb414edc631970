"""``export``: each kind and format from the command line; bad requests exit 1, nothing written."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import docx
import openpyxl
import pytest

import main
from cli import exporting
from export.task_table import HEADERS

ROOT = Path(__file__).resolve().parents[2]
# pdftotext may return radical look-alikes (⺠ for 民) that NFKC does not fold
_RADICALS = str.maketrans({"\u2ea0": "民", "\u2f2f": "工", "\u2ed3": "长"})


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text.translate(_RADICALS))


@pytest.fixture
def db_file(tmp_path):
    """A database with the three sample plans (ids 1-3), made by the CLI itself."""
    path = tmp_path / "cli.db"
    assert main.main(["--db", str(path), "list"]) == 0
    return path


def _run(db_file, *args):
    return main.main(["--db", str(db_file), "export", *map(str, args)])


def test_plan_docx(db_file, tmp_path, capsys):
    out = tmp_path / "plan.docx"
    assert _run(db_file, 3, "--out", out) == 0
    assert capsys.readouterr().out.strip() == str(out)
    assert docx.Document(str(out)).paragraphs[0].text == "镇人民政府2024年度工作计划"
    assert main.main(["check-docx", str(out), "--no-render"]) == 0
    assert "不符合 0 项" in capsys.readouterr().out


def test_tasks_xlsx_and_docx(db_file, tmp_path):
    assert _run(db_file, 1, "--kind", "tasks", "--out", tmp_path / "t.xlsx") == 0
    ws = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    assert [c.value for c in ws[2]] == list(HEADERS) and ws.max_row > 5  # row 1: the title
    assert _run(db_file, 1, "--kind", "tasks", "--out", tmp_path / "t.docx") == 0
    rows = docx.Document(str(tmp_path / "t.docx")).tables[0].rows
    tasks = [r for r in rows if len(r._tr.tc_lst) > 1]  # the .docx adds a row per section
    assert len(tasks) == ws.max_row - 1  # the .xlsx has a title row


def test_plan_with_template(db_file, tmp_path):
    tpl = tmp_path / "t.docx"
    d = docx.Document()
    d.add_paragraph("{{ plan.title }}（{{ plan.organization }}）")
    d.save(str(tpl))
    out = tmp_path / "o.docx"
    assert _run(db_file, 2, "--template", tpl, "--out", out) == 0
    assert docx.Document(str(out)).paragraphs[0].text == "县司法局2024年工作计划（县司法局）"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--out", "x.xlsx"], "只能导出为"),
        (["--kind", "tasks", "--out", "x.txt"], "只能导出为"),
        (["--kind", "tasks", "--template", "t.docx", "--out", "x.docx"], "模板"),
        (["--from", "2024-01-01", "--out", "x.docx"], "时间段"),
    ],
)
def test_bad_requests_exit_1_and_write_nothing(
    db_file, tmp_path, capsys, monkeypatch, args, message
):
    monkeypatch.chdir(tmp_path)
    before = set(os.listdir(tmp_path))
    assert _run(db_file, 1, *args) == 1
    err = capsys.readouterr().err
    assert err.startswith("错误：") and message in err and len(err.strip().splitlines()) == 1
    assert set(os.listdir(tmp_path)) == before


def test_unknown_plan_and_kind(db_file, tmp_path, capsys):
    assert _run(db_file, 99, "--out", tmp_path / "x.docx") == 1
    assert "99" in capsys.readouterr().err
    assert _run(db_file, 1, "--kind", "nonsense", "--out", tmp_path / "x.docx") == 2
    assert not (tmp_path / "x.docx").exists()


def test_hostile_template_exit_1(db_file, tmp_path, capsys):
    tpl = tmp_path / "evil.docx"
    d = docx.Document()
    d.add_paragraph("{{ ''.__class__.__mro__ }}")
    d.save(str(tpl))
    assert _run(db_file, 1, "--template", tpl, "--out", tmp_path / "o.docx") == 1
    assert "内部属性" in capsys.readouterr().err
    assert not (tmp_path / "o.docx").exists()


def test_kinds_table_is_the_one_place_to_add_a_kind(db_file, tmp_path, monkeypatch, capsys):
    """A report kind is one function + one KINDS entry; it receives --from/--until."""
    seen = {}

    def fake_report(req):
        seen.update(plan=req.plan_id, start=req.date_from, end=req.date_until, fmt=req.fmt)
        req.out.write_text("ok", encoding="utf-8")
        return req.out

    monkeypatch.setitem(
        exporting.KINDS, "progress", exporting.ExportKind(fake_report, ("docx",), uses_period=True)
    )
    out = tmp_path / "r.docx"
    assert (
        _run(
            db_file,
            2,
            "--kind",
            "progress",
            "--from",
            "2024-01-01",
            "--until",
            "2024-06-30",
            "--out",
            out,
        )
        == 0
    )
    assert seen == {
        "plan": 2,
        "start": dt.date(2024, 1, 1),
        "end": dt.date(2024, 6, 30),
        "fmt": "docx",
    }
    assert (
        _run(
            db_file,
            2,
            "--kind",
            "progress",
            "--from",
            "2024-07-01",
            "--until",
            "2024-06-30",
            "--out",
            out,
        )
        == 1
    )
    assert "晚于" in capsys.readouterr().err


# ---------------------------------------------------------------- PDF: in a subprocess, so
# the QGuiApplication it needs never lives in the pytest process (the GUI tests need a
# QApplication there).
def _cli(tmp_path, db_file, *args):
    env = dict(
        os.environ,
        PYTHONIOENCODING="utf-8",
        XDG_DATA_HOME=str(tmp_path / "xdg"),
        XDG_CONFIG_HOME=str(tmp_path / "xdgc"),
    )
    env.pop("QT_QPA_PLATFORM", None)  # the command must choose offscreen itself
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", str(db_file), "export", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )


@pytest.mark.slow
def test_plan_and_tasks_pdf(db_file, tmp_path):
    plan_pdf, tasks_pdf = tmp_path / "p.pdf", tmp_path / "t.pdf"
    result = _cli(tmp_path, db_file, 3, "--out", plan_pdf)
    assert result.returncode == 0, result.stderr
    result = _cli(tmp_path, db_file, 3, "--kind", "tasks", "--out", tasks_pdf)
    assert result.returncode == 0, result.stderr
    assert plan_pdf.read_bytes()[:5] == b"%PDF-" and tasks_pdf.read_bytes()[:5] == b"%PDF-"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".~")]
    if shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None:
        pytest.skip("poppler-utils not installed: PDF text and page size not checked")
    text = re.sub(
        r"\s+",
        "",
        _nfkc(
            subprocess.run(
                ["pdftotext", str(plan_pdf), "-"],
                capture_output=True,
                text=True,
                encoding="utf-8",
                check=True,
            ).stdout
        ),
    )
    assert _nfkc("镇人民政府2024年度工作计划") in text
    assert _nfkc("一、不断加强党的建设") in text and "\u20141\u2014" in text
    info = subprocess.run(
        ["pdfinfo", str(tasks_pdf)], capture_output=True, text=True, check=True
    ).stdout
    w, h = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    assert w > h  # landscape A4


@pytest.mark.slow
def test_pdf_with_a_character_no_font_has_is_refused(tmp_path):
    """Qt would draw it as a box and write the PDF anyway: the command says so, writes nothing."""
    from models.store.open import open_database
    from tests.conftest import make_plan

    path = tmp_path / "pua.db"
    database = open_database(path)
    plan = make_plan(database, title="测试镇\U000f0041计划")  # plane-15 private use: no font has it
    database.close()
    out = tmp_path / "导出 文件" / "计划.pdf"
    out.parent.mkdir()
    result = _cli(tmp_path, path, plan, "--out", out)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "方框" in lines[0] and "U+F0041" in lines[0], result.stderr
    assert list(out.parent.iterdir()) == []


@pytest.mark.slow
def test_pdf_without_any_font_is_refused(tmp_path, db_file):
    """What Qt's offscreen platform did on Windows (no font database): a PDF of boxes, exit 0.
    Here the command sees no font at all (offscreen, empty font folder and fontconfig)."""
    empty = tmp_path / "no-fonts"
    empty.mkdir()
    (tmp_path / "fonts.conf").write_text("<fontconfig></fontconfig>\n", encoding="utf-8")
    out = tmp_path / "out" / "计划.pdf"
    out.parent.mkdir()
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        QT_QPA_FONTDIR=str(empty),
        FONTCONFIG_FILE=str(tmp_path / "fonts.conf"),
    )
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "--db",
            str(db_file),
            "export",
            "1",
            "--out",
            str(out),
        ],
        capture_output=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )
    assert result.returncode == 1, result.stdout
    lines = [line for line in result.stderr.splitlines() if line.startswith("错误")]
    assert len(lines) == 1 and "方框" in lines[0], result.stderr
    assert list(out.parent.iterdir()) == []
