"""``main.py import``: the contract of issue 3 (JSON shape, one transaction, exit codes)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED


def run(*args: str, db: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", str(db), "--no-sample", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        timeout=120,
    )


def plan_count(db: Path) -> int:
    if not db.exists():
        return 0
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM plans").fetchone()[0]


def test_dry_run_json_writes_nothing(tmp_path: Path):
    db = tmp_path / "p.db"
    proc = run("import", str(SEED), "--dry-run", "--json", db=db)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    docs = data["documents"]
    assert [d["title"] for d in docs] == [
        "XX镇2024年工作计划",
        "县司法局2024年工作计划",
        "镇人民政府2024年度工作计划",
    ]
    for d in docs:
        assert set(d) >= {"title", "year", "organization", "preamble", "sections"}
        assert "id" not in d
        sec = d["sections"][0]
        assert set(sec) >= {"heading", "level", "body", "task_style", "tasks", "children"}
        assert set(sec["tasks"][0]) >= {"text", "deadline", "target", "owner_unit", "lead_leader"}
    assert plan_count(db) == 0


def test_import_stores_and_returns_ids(tmp_path: Path):
    db = tmp_path / "p.db"
    proc = run("import", str(SEED), "--json", db=db)
    assert proc.returncode == 0, proc.stderr
    docs = json.loads(proc.stdout)["documents"]
    ids = [d["id"] for d in docs]
    assert len(set(ids)) == 3 and plan_count(db) == 3
    shown = json.loads(run("show", str(ids[2]), "--json", db=db).stdout)
    assert shown["title"] == "镇人民政府2024年度工作计划"
    assert [s["heading"] for s in shown["sections"]][:2] == ["不断加强党的建设", "发展壮大镇域经济"]
    assert shown["sections"][1]["children"][0]["task_style"] == "yishi"


def test_import_several_files_in_one_go_plain_output(tmp_path: Path):
    db = tmp_path / "p.db"
    other = tmp_path / "b.txt"
    other.write_text("XX乡2025年工作要点\n一、抓好党建\n加强学习。\n", encoding="gbk")
    proc = run("import", str(SEED), str(other), db=db)
    assert proc.returncode == 0, proc.stderr
    assert "XX乡2025年工作要点" in proc.stdout and plan_count(db) == 4


@pytest.mark.parametrize("make", ["missing", "empty", "binary", "corrupt", "doc"])
def test_bad_input_exit_1_one_line_db_unchanged(tmp_path: Path, make: str):
    db = tmp_path / "p.db"
    assert run("import", str(SEED), db=db).returncode == 0
    before = plan_count(db)
    bad = {
        "missing": tmp_path / "nope.txt",
        "empty": tmp_path / "empty.txt",
        "binary": tmp_path / "bin.txt",
        "corrupt": tmp_path / "bad.docx",
        "doc": tmp_path / "old.doc",
    }[make]
    if make == "empty":
        bad.write_bytes(b"")
    elif make == "binary":
        bad.write_bytes(bytes(range(256)) * 20)
    elif make == "corrupt":
        bad.write_bytes(b"PK\x03\x04broken")
    elif make == "doc":
        bad.write_bytes(b"\xd0\xcf\x11\xe0")
    # the good file comes first: it must not be stored either
    proc = run("import", str(SEED), str(bad), db=db)
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and bad.name in lines[0]
    assert proc.stdout == ""
    assert plan_count(db) == before


def test_store_failure_rolls_back_everything(tmp_path: Path, db, monkeypatch):
    from models import outline
    from models.importing import parse_file, store_result

    results = [parse_file(SEED)]
    calls = {"n": 0}
    real = outline.store_document

    def flaky(database, doc, **kw):
        calls["n"] += 1
        if calls["n"] == 3:
            raise sqlite3.OperationalError("disk full")
        return real(database, doc, **kw)

    monkeypatch.setattr(outline, "store_document", flaky)
    with pytest.raises(sqlite3.OperationalError):
        store_result(db, results)
    assert db.scalar("SELECT count(*) FROM plans") == 0


@pytest.mark.skipif(
    __import__("shutil").which("soffice") is None, reason="LibreOffice (soffice) not installed"
)
@pytest.mark.parametrize("fmt", ["pdf", "doc"])
def test_import_pdf_and_doc_made_by_libreoffice(tmp_path: Path, fmt: str):
    import shutil

    import docx

    src = tmp_path / "plan.docx"
    d = docx.Document()
    for line in (
        "青山镇2025年工作计划",
        "一、抓好党建",
        "开展主题教育。",
        "二、发展经济",
        "新建厂房。",
    ):
        d.add_paragraph(line)
    d.save(src)
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [shutil.which("soffice"), f"-env:UserInstallation={profile}", "--headless"]
        + ["--convert-to", fmt, "--outdir", str(tmp_path), str(src)],
        capture_output=True,
        timeout=180,
        check=True,
    )
    db = tmp_path / "p.db"
    proc = run("import", "--json", str(tmp_path / f"plan.{fmt}"), db=db)
    assert proc.returncode == 0, proc.stderr
    (doc,) = json.loads(proc.stdout)["documents"]
    assert doc["title"] == "青山镇2025年工作计划" and doc["year"] == 2025
    assert [s["heading"] for s in doc["sections"]] == ["抓好党建", "发展经济"]


def test_import_summary_and_notice_options(tmp_path: Path):
    from tests.models.test_import_preview import NOTICE_AND_SUMMARY

    path = tmp_path / "notice.txt"
    path.write_text(NOTICE_AND_SUMMARY, encoding="utf-8")
    proc = run(
        "import",
        "--dry-run",
        "--json",
        "--summary",
        "plan",
        "--drop-notice",
        str(path),
        db=tmp_path / "p.db",
    )
    assert proc.returncode == 0, proc.stderr
    docs = json.loads(proc.stdout)["documents"]
    assert [d["title"] for d in docs] == [
        "青山县林业局2024年工作总结及2025年工作计划",
        "青山县林业局2024年工作总结",
    ]
    assert "各乡镇林业站" not in docs[0]["preamble"] and docs[1]["year"] == 2024
