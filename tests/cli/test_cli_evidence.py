"""``evidence add|list|remove|save|export|missing``: contracts, bad input changes nothing."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook

import main
from models.store.open import open_database
from tests.db_hash import content_hash
from tests.evidence_fixture import make_plan, pdf, photo


def run(capsys, *argv):
    """(exit code, stdout, stderr) of one command."""
    code = main.main(list(argv))
    return (code, *capsys.readouterr())


@pytest.fixture
def plan_db(tmp_path, capsys):
    """An empty database (no sample) holding the evidence test plan."""
    path = tmp_path / "cli.db"
    code, _out, _err = run(capsys, "--db", str(path), "--no-sample", "list")
    assert code == 0
    with open_database(path) as db:
        plan_id, tasks = make_plan(db)
    return path, plan_id, tasks


def test_add_list_remove(capsys, plan_db, tmp_path):
    path, _plan, tasks = plan_db
    jpg, doc = photo(tmp_path / "现场.jpg"), pdf(tmp_path / "纪要.pdf")
    code, out, err = run(
        capsys, "--db", str(path), "evidence", "add", str(tasks[0]), str(jpg), str(doc),
        "--note", "现场会", "--json",
    )  # fmt: skip
    assert code == 0, err
    added = json.loads(out)["added"]
    assert [(a["name"], a["kind"], a["note"]) for a in added] == [
        ("现场.jpg", "jpeg", "现场会"),
        ("纪要.pdf", "pdf", "现场会"),
    ]
    assert added[0]["taken_at"] == "2025-06-03 10:20:30" and added[0]["place"]
    code, out, _ = run(capsys, "--db", str(path), "evidence", "list", str(tasks[0]), "--json")
    assert [e["id"] for e in json.loads(out)["evidence"]] == [a["id"] for a in added]
    code, out, _ = run(capsys, "--db", str(path), "evidence", "remove", str(added[0]["id"]))
    assert code == 0 and "现场.jpg" in out
    code, out, _ = run(capsys, "--db", str(path), "evidence", "list", str(tasks[0]))
    assert "现场.jpg" not in out and "纪要.pdf" in out
    save = tmp_path / "copy.pdf"
    code, _out, _ = run(
        capsys, "--db", str(path), "evidence", "save", str(added[1]["id"]), "--out", str(save)
    )
    assert code == 0 and save.read_bytes() == doc.read_bytes()


@pytest.mark.parametrize("kind", ["vanished", "wrong_type", "no_task"])
def test_bad_input_is_one_line_and_changes_nothing(capsys, plan_db, tmp_path, kind):
    path, _plan, tasks = plan_db
    good = photo(tmp_path / "a.jpg")
    task = str(tasks[0])
    if kind == "vanished":
        files = [str(good), str(tmp_path / "gone.pdf")]
    elif kind == "wrong_type":
        fake = tmp_path / "照片.png"
        fake.write_bytes(good.read_bytes())
        files = [str(good), str(fake)]
    else:
        files, task = [str(good)], "9999"
    before = content_hash(path)
    code, out, err = run(capsys, "--db", str(path), "evidence", "add", task, *files)
    assert code == 1 and out == ""
    assert err.startswith("错误：") and len(err.strip().splitlines()) == 1
    assert content_hash(path) == before


def test_export_writes_numbered_folders_and_the_list(capsys, plan_db, tmp_path):
    path, plan_id, tasks = plan_db
    jpg = photo(tmp_path / "现场.jpg")
    twin = tmp_path / "twin" / "现场.jpg"
    twin.parent.mkdir()
    photo(twin, (90, 60))
    for task, files in ((tasks[0], [jpg, twin]), (tasks[2], [pdf(tmp_path / "纪要.pdf")])):
        assert (
            run(capsys, "--db", str(path), "evidence", "add", str(task), *map(str, files))[0] == 0
        )
    out_dir = tmp_path / "导出"
    code, out, err = run(
        capsys, "--db", str(path), "evidence", "export", str(plan_id), "--out", str(out_dir)
    )
    assert code == 0, err
    written = sorted(p.relative_to(out_dir).as_posix() for p in out_dir.rglob("*") if p.is_file())
    assert written == [
        "一、加强党的建设/1.抓好党员教育管理。/现场 (2).jpg",
        "一、加强党的建设/1.抓好党员教育管理。/现场.jpg",
        "二、发展镇域经济/1.扩大油茶种植规模。/纪要.pdf",
        "佐证材料清单.xlsx",
    ]
    assert (out_dir / written[1]).read_bytes() == jpg.read_bytes()
    assert (out_dir / written[0]).read_bytes() == twin.read_bytes()
    wb = load_workbook(out_dir / "佐证材料清单.xlsx")
    rows = list(wb["佐证材料清单"].iter_rows(min_row=3, values_only=True))
    assert [r[3] for r in rows] == ["现场.jpg", "现场.jpg", "纪要.pdf"]
    assert rows[0][6] == "2025-06-03 10:20:30" and rows[1][10] == written[0]
    gaps = list(wb["缺佐证任务"].iter_rows(min_row=3, values_only=True))
    assert [g[2] for g in gaps] == ["推进党风廉政建设。"]
    # a folder that is not empty is refused
    code, _out, err = run(
        capsys, "--db", str(path), "evidence", "export", str(plan_id), "--out", str(out_dir)
    )
    assert code == 1 and "不是空文件夹" in err


def test_missing_lists_the_tasks_without_files(capsys, plan_db, tmp_path):
    path, plan_id, tasks = plan_db
    run(capsys, "--db", str(path), "evidence", "add", str(tasks[1]), str(pdf(tmp_path / "a.pdf")))
    code, out, _ = run(capsys, "--db", str(path), "evidence", "missing", str(plan_id), "--json")
    assert [t["id"] for t in json.loads(out)["tasks"]] == [tasks[0], tasks[2]]
