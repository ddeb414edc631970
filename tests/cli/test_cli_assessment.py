"""``assessment``: import, link, score, list, and the 自评表 as .xlsx and as a .docx that
passes the project's own GB/T 9704 checker."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook

from models.evidence import assessment as A
from models.store.open import open_database
from tests.assessment_fixture import county_docx, sample_year
from tests.cli.test_cli_evidence import run
from tests.db_hash import content_hash


@pytest.fixture
def year_db(tmp_path, capsys):
    path = tmp_path / "cli.db"
    assert run(capsys, "--db", str(path), "--no-sample", "list")[0] == 0
    with open_database(path) as db:
        tasks = sample_year(db, tmp_path)
    code, out, err = run(
        capsys, "--db", str(path), "assessment", "import", "2025",
        str(county_docx(tmp_path / "细则.docx")),
    )  # fmt: skip
    assert code == 0 and "4 项" in out, err
    with open_database(path) as db:
        items = [i.id for i in A.list_items(db, 2025)]
    for item, task in ((items[0], tasks["t0"]), (items[1], tasks["t1"]), (items[2], tasks["t2"])):
        assert run(capsys, "--db", str(path), "assessment", "link", str(item), str(task))[0] == 0
    return path, items


def test_list_and_score(capsys, year_db):
    path, items = year_db
    code, out, _ = run(capsys, "--db", str(path), "assessment", "list", "2025", "--json")
    data = json.loads(out)
    assert [r["score"] for r in data["items"]] == [10.0, 1.5, 20.0, None]
    assert data["items"][3]["details"] == A.PENDING and data["total_score"] is None
    assert run(capsys, "--db", str(path), "assessment", "score", str(items[3]), "6")[0] == 0
    code, out, _ = run(capsys, "--db", str(path), "assessment", "list", "2025")
    assert "自评分 6（已修改）" in out
    code, out, _ = run(capsys, "--db", str(path), "assessment", "list", "2025", "--json")
    assert json.loads(out)["total_score"] == 37.5


@pytest.mark.parametrize(
    "argv",
    [
        ["score", "{item}", "99"],
        ["score", "{item}", "很好"],
        ["link", "{item}", "9999"],
        ["add", "2025", "--project", "甲", "--points", "若干"],
        ["import", "2025", "{file}"],
        ["import", "2026", "{junk}"],
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(capsys, year_db, tmp_path, argv):
    path, items = year_db
    junk = tmp_path / "细则.xlsx"
    junk.write_bytes(b"PK\x03\x04 not really a workbook" * 10)
    argv = [a.format(item=items[0], file=tmp_path / "细则.docx", junk=junk) for a in argv]
    before = content_hash(path)
    code, out, err = run(capsys, "--db", str(path), "assessment", *argv)
    assert code == 1 and out == "" and err.startswith("错误：")
    assert len(err.strip().splitlines()) == 1
    assert content_hash(path) == before


def test_export_xlsx(capsys, year_db, tmp_path):
    path, _items = year_db
    out_file = tmp_path / "自评表.xlsx"
    code, _out, err = run(
        capsys, "--db", str(path), "assessment", "export", "2025", "--out", str(out_file)
    )
    assert code == 0, err
    wb = load_workbook(out_file)
    ws = wb["自评表"]
    assert ws["A1"].value == "测试镇人民政府2025年度目标考核自评表"
    rows = list(ws.iter_rows(min_row=3, max_row=7, values_only=True))
    assert [r[1] for r in rows] == ["党建工作", "党建工作", "产业发展", "民生保障", None]
    assert rows[0][7:12] == ("是", "100%", "1份：轮训现场.jpg", "10", "10")
    assert rows[1][9] == f"0份 {A.PENDING}" and rows[3][12] == A.PENDING
    assert rows[4][0] == "合计" and rows[4][2] == 43 and rows[4][11] == A.PENDING
    files = list(wb["佐证材料"].iter_rows(min_row=3, values_only=True))
    assert [f[3] for f in files] == ["轮训现场.jpg", "验收报告.pdf"]


def test_export_docx_passes_check_docx(capsys, year_db, tmp_path):
    path, items = year_db
    run(capsys, "--db", str(path), "assessment", "score", str(items[3]), "6")
    out_file = tmp_path / "自评报告.docx"
    code, _out, err = run(
        capsys, "--db", str(path), "assessment", "export", "2025", "--out", str(out_file)
    )
    assert code == 0, err
    texts = [p.text for p in docx.Document(str(out_file)).paragraphs]
    assert "一、总体情况" in texts and "附件" in texts
    assert any("总分值43分，自评得分37.5分" in t for t in texts)
    assert (
        "详细说明：抓好党员教育管理：2025-03-10，已开展党员集中轮训2期；2025-06-20，全体党员完成轮训。"
        in texts
    )
    assert f"详细说明：{A.PENDING}" in texts
    assert "自评分：10分（按规则建议10分），分值10分。佐证材料1份。" in texts
    assert "自评分：6分，分值8分。佐证材料0份。" in texts  # typed by the user, no rule

    code, out, _ = run(capsys, "check-docx", str(out_file), "--no-render")
    assert code == 0, out
    assert "不符合 0 项" in out.splitlines()[-1]


CHECKER = Path(__file__).resolve().parents[3] / "shared" / "tools" / "check_gongwen.py"


@pytest.mark.skipif(not CHECKER.is_file(), reason="../shared/tools/check_gongwen.py is absent")
def test_export_docx_passes_check_gongwen(capsys, year_db, tmp_path):
    path, _items = year_db
    out_file = tmp_path / "自评报告.docx"
    assert (
        run(capsys, "--db", str(path), "assessment", "export", "2025", "--out", str(out_file))[0]
        == 0
    )
    result = subprocess.run(
        [sys.executable, str(CHECKER), str(out_file), "--json"], capture_output=True, text=True
    )
    data = json.loads(result.stdout)
    assert [c["id"] for c in data["checks"] if c["status"] == "FAIL"] == []
    assert data["passed"] == data["total"] > 20
