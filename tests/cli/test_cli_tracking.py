"""``main.py due``, ``search``, ``feedback-sheets``/``feedback-import`` and ``import-table``."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook

import main
from models import feedback, outline, tracking
from models.store.open import open_database


def run(capsys, *argv):
    code = main.main([*argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def tracked_db(tmp_path, capsys):
    """An empty database with one 2024 plan whose tasks sit on the light boundaries."""
    path = tmp_path / "cli.db"
    assert main.main(["--db", str(path), "--no-sample", "list"]) == 0
    capsys.readouterr()
    with open_database(path) as db:
        pid = outline.create_plan(db, title="测试镇2024年工作计划", year=2024)
        sec = outline.add_node(db, pid, None, "section", heading="发展产业")
        ids = [
            outline.add_node(
                db,
                pid,
                sec,
                "task",
                text=t,
                owner_unit=u,
                due_date=d,
                status="in_progress",
                progress=95,
            )
            for t, u, d in (
                ("扩大黑山羊养殖。", "农业办", "2024-06-09"),
                ("发展油茶产业。", "林业站", "2024-06-17"),
                ("建设农产品加工园区。", "农业办", "2024-12-31"),
            )
        ]
        tracking.add_checkpoint(db, ids[2], "中期检查", "2024-06-10")
    return path, pid, ids


def test_due_json_on_a_fixed_date(capsys, tracked_db):
    path, pid, ids = tracked_db
    code, out, err = run(capsys, "--db", str(path), "due", "--today", "2024-06-10", "--json")
    assert code == 0, err
    items = json.loads(out)["items"]
    assert [(i["light"], i["kind"], i["node_id"], i["due"]) for i in items] == [
        ("red", "task", ids[0], "2024-06-09"),
        ("yellow", "checkpoint", ids[2], "2024-06-10"),
        ("yellow", "task", ids[1], "2024-06-17"),
        ("green", "task", ids[2], "2024-12-31"),
    ]
    assert set(items[0]) >= {"light", "kind", "plan_id", "node_id", "text", "due", "owner_unit"}
    assert items[0]["owner_unit"] == "农业办" and items[0]["plan_id"] == pid


def test_due_within_and_unit_filter(capsys, tracked_db):
    path, pid, ids = tracked_db
    code, out, _ = run(
        capsys,
        "--db",
        str(path),
        "due",
        "--today",
        "2024-06-10",
        "--within",
        "3",
        "--unit",
        "林业站",
        "--json",
    )
    assert code == 0
    assert [(i["light"], i["node_id"]) for i in json.loads(out)["items"]] == [("green", ids[1])]


def test_due_text_and_bad_arguments(capsys, tracked_db):
    path, _, _ = tracked_db
    code, out, _ = run(capsys, "--db", str(path), "due", "--today", "2024-06-10")
    assert code == 0 and "逾期 1" in out
    assert run(capsys, "--db", str(path), "due", "--today", "10.6.2024")[0] == 2
    assert run(capsys, "--db", str(path), "due", "--within", "-1")[0] == 2


def test_search_json_short_and_long_queries(capsys, tracked_db):
    path, pid, ids = tracked_db
    for query, expected in (("羊", [ids[0]]), ("油茶", [ids[1]]), ("加工园区", [ids[2]])):
        code, out, err = run(capsys, "--db", str(path), "search", query, "--json")
        assert code == 0, err
        results = json.loads(out)["results"]
        assert [r["node_id"] for r in results] == expected
        assert results[0]["year"] == 2024 and results[0]["plan_id"] == pid
        assert set(results[0]) >= {"plan_id", "node_id", "year", "text"}


def test_feedback_commands(capsys, tracked_db, tmp_path):
    path, pid, ids = tracked_db
    out_dir = tmp_path / "sheets"
    out_dir.mkdir()
    code, out, err = run(
        capsys, "--db", str(path), "feedback-sheets", str(pid), "--out", str(out_dir)
    )
    assert code == 0, err
    sheet = next(p for p in out_dir.iterdir() if "农业办" in p.name)
    wb = load_workbook(sheet)
    ws = wb.worksheets[0]
    for r in range(1, ws.max_row + 1):
        if ws.cell(row=r, column=feedback.COL_ID).value == ids[0]:
            ws.cell(row=r, column=feedback.COL_NOTE, value="新增存栏2000只。")
            ws.cell(row=r, column=feedback.COL_PROGRESS, value=70)
    wb.save(sheet)
    code, out, _ = run(capsys, "--db", str(path), "feedback-import", str(sheet), "--json")
    data = json.loads(out)
    assert code == 0 and data["applied"] == [] and data["rows"][0]["state"] == "ok"
    code, out, _ = run(
        capsys, "--db", str(path), "feedback-import", str(sheet), "--apply", "--json"
    )
    assert json.loads(out)["applied"] == [ids[0]]
    with open_database(path) as db:
        assert outline.get_node(db, ids[0]).progress == 70
    code, _, err = run(capsys, "--db", str(path), "feedback-import", str(sheet), "--plan", "999")
    assert code == 1 and err.startswith("错误：")


def test_import_table_preview_then_apply(capsys, tracked_db, tmp_path):
    from export.content import load_plan_data
    from export.task_table import export_tasks_xlsx

    path, pid, ids = tracked_db
    table = tmp_path / "table.xlsx"
    with open_database(path) as db:
        export_tasks_xlsx(load_plan_data(db, pid), table)
    wb = load_workbook(table)
    wb.worksheets[0].cell(row=4, column=4, value="林业局")  # 责任单位 of the second task
    wb.save(table)
    code, out, err = run(capsys, "--db", str(path), "import-table", str(pid), str(table), "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["changes"] == [
        {
            "row": 4,
            "task_id": ids[1],
            "seq": 2,
            "changes": {"owner_unit": {"old": "林业站", "new": "林业局"}},
        }
    ]
    assert data["applied"] == []
    with open_database(path) as db:
        assert outline.get_node(db, ids[1]).owner_unit == "林业站"
    code, out, _ = run(
        capsys, "--db", str(path), "import-table", str(pid), str(table), "--apply", "--json"
    )
    assert json.loads(out)["applied"] == [ids[1]]
    with open_database(path) as db:
        assert outline.get_node(db, ids[1]).owner_unit == "林业局"


def test_import_table_of_a_final_plan_needs_a_reason(capsys, tracked_db, tmp_path):
    from export.content import load_plan_data
    from export.task_table import export_tasks_xlsx

    path, pid, ids = tracked_db
    table = tmp_path / "table.xlsx"
    with open_database(path) as db:
        outline.update_plan(db, pid, status="final")
        export_tasks_xlsx(load_plan_data(db, pid), table)
    wb = load_workbook(table)
    ws = wb.worksheets[0]
    col = {c.value: i + 1 for i, c in enumerate(ws[2])}
    ws.cell(row=4, column=col["完成时限"], value="9月底前")  # the second task
    wb.save(table)
    args = ["--db", str(path), "import-table", str(pid), str(table), "--apply"]
    code, out, err = run(capsys, *args)
    assert code == 1 and err.startswith("错误：") and len(err.strip().splitlines()) == 1
    with open_database(path) as db:
        assert outline.get_node(db, ids[1]).deadline is None
        assert tracking.list_field_changes(db, plan_id=pid) == []
    code, out, err = run(capsys, *args, "--reason", "县里调整")
    assert code == 0, err
    with open_database(path) as db:
        assert outline.get_node(db, ids[1]).deadline == "9月底前"
        changes = tracking.list_field_changes(db, plan_id=pid)
        assert [(c.task_id, c.reason) for c in changes] == [(ids[1], "县里调整")]
