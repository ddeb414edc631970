"""``round``, ``item``, ``doc``, ``pace`` and ``supervision-settings``: contracts and bad input."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook

import main
from models import feedback, outline
from models.store.open import open_database
from tests.db_hash import content_hash


def run(capsys, *argv):
    code = main.main([*argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def plan_db(tmp_path, capsys):
    """An empty database with one 2025 plan of three units."""
    path = tmp_path / "cli.db"
    assert main.main(["--db", str(path), "--no-sample", "list"]) == 0
    capsys.readouterr()
    with open_database(path) as db:
        pid = outline.create_plan(
            db, title="测试镇2025年工作计划", year=2025, organization="测试镇"
        )
        sec = outline.add_node(db, pid, None, "section", heading="发展产业")
        ids = [
            outline.add_node(
                db, pid, sec, "task", text=t, owner_unit=u, due_date="2025-12-31", progress=p
            )
            for t, u, p in (
                ("扩大黑山羊养殖。", "农业办", 10),
                ("发展油茶产业。", "林业站", 60),
                ("建设农产品加工园区。", "农业办", 50),
            )
        ]
    return path, pid, ids


def _hash(path):
    return content_hash(path)


def test_round_new_list_status_json(capsys, plan_db, monkeypatch):
    path, pid, _ = plan_db
    monkeypatch.setenv("PLANDESK_TODAY", "2025-06-27")
    code, out, err = run(
        capsys, "--db", str(path), "round", "new", str(pid), "--due", "2025-06-25", "--json"
    )
    assert code == 0, err
    rnd = json.loads(out)
    assert (rnd["title"], rnd["due_date"]) == ("2025年6月", "2025-06-25")
    code, out, _ = run(capsys, "--db", str(path), "round", "list", "--json")
    assert [r["id"] for r in json.loads(out)["rounds"]] == [rnd["id"]]
    code, out, _ = run(
        capsys, "--db", str(path), "round", "mark", str(rnd["id"]), "--unit", "农业办",
        "--on", "2025-06-26", "--signed-by", "王主任",
    )  # fmt: skip
    assert code == 0 and "迟报" in out
    code, out, _ = run(capsys, "--db", str(path), "round", "status", str(rnd["id"]), "--json")
    status = json.loads(out)
    assert status["counts"]["expected"] == 2 and status["counts"]["late"] == 1
    assert status["counts"]["missing"] == 1 and status["to_chase"] == ["林业站"]
    units = {u["unit"]: u for u in status["units"]}
    assert units["农业办"]["signed_by"] == "王主任" and units["农业办"]["tasks"] == 2
    code, out, _ = run(capsys, "--db", str(path), "round", "status", str(rnd["id"]))
    assert "应报 2  已报 1  迟报 1  未报 1" in out


def test_round_sheets_receive_and_chase(capsys, plan_db, tmp_path, monkeypatch):
    path, pid, ids = plan_db
    monkeypatch.setenv("PLANDESK_TODAY", "2025-06-20")
    run(capsys, "--db", str(path), "round", "new", str(pid), "--due", "2025-06-25")
    code, out, err = run(capsys, "--db", str(path), "round", "sheets", "1", "--out", str(tmp_path))
    assert code == 0, err
    # one written path per line (a path may hold spaces: no split on blanks)
    sheet = next(line.strip() for line in out.splitlines() if "农业办" in line)
    wb = load_workbook(sheet)
    ws = wb.worksheets[0]
    for r in range(1, ws.max_row + 1):
        if isinstance(ws.cell(row=r, column=feedback.COL_ID).value, int):
            ws.cell(row=r, column=feedback.COL_NOTE, value="推进中。")
            ws.cell(row=r, column=feedback.COL_PROGRESS, value=70)
    wb.save(sheet)
    code, out, err = run(
        capsys, "--db", str(path), "round", "receive", "1", sheet, "--on", "2025-06-24", "--json"
    )
    assert code == 0, err
    got = json.loads(out)
    assert got["state"] == "on_time" and sorted(got["applied"]) == [ids[0], ids[2]]
    notice = tmp_path / "催办.docx"
    code, out, err = run(capsys, "--db", str(path), "round", "chase", "1", "--out", str(notice))
    assert code == 0 and "林业站" in out and notice.is_file()


def test_item_add_list_close_json(capsys, plan_db):
    path, _, _ = plan_db
    code, out, err = run(
        capsys, "--db", str(path), "item", "add", "落实书记批示，解决安置点饮水问题。",
        "--source", "领导批示", "--assigned", "2025-09-30", "--class", "急件",
        "--unit", "水利站", "--by", "张书记", "--json",
    )  # fmt: skip
    assert code == 0, err
    item = json.loads(out)
    assert (item["source"], item["time_class"], item["due_date"]) == (
        "instruction",
        "rush",
        "2025-10-11",
    )
    code, out, _ = run(capsys, "--db", str(path), "due", "--today", "2025-10-13", "--json")
    mine = [i for i in json.loads(out)["items"] if i["node_id"] == item["id"]]
    assert mine[0]["light"] == "red" and mine[0]["item_source"] == "instruction"
    assert mine[0]["pace"] == "behind"
    code, out, err = run(
        capsys, "--db", str(path), "item", "close", str(item["id"]), "--extend", "2025-10-31",
        "--reason", "需协调供水公司", "--approved-by", "张书记", "--on", "2025-10-10", "--json",
    )  # fmt: skip
    assert code == 0, err
    assert json.loads(out)["closings"][0]["action"] == "extend"
    run(capsys, "--db", str(path), "item", "close", str(item["id"]), "--done", "--result", "已通水")
    code, out, _ = run(
        capsys, "--db", str(path), "item", "close", str(item["id"]), "--cancel", "--by", "李主任"
    )
    assert code == 0
    code, out, _ = run(capsys, "--db", str(path), "item", "list", "--state", "closed", "--json")
    assert [i["id"] for i in json.loads(out)["items"]] == [item["id"]]


def test_doc_numbers_the_bulletin(capsys, plan_db, tmp_path, monkeypatch):
    path, pid, _ = plan_db
    monkeypatch.setenv("PLANDESK_TODAY", "2025-06-27")
    run(capsys, "--db", str(path), "round", "new", str(pid), "--due", "2025-06-25")
    labels = []
    for n in range(2):
        code, out, err = run(
            capsys, "--db", str(path), "doc", "bulletin", "1", "--out", str(tmp_path / f"{n}.docx"),
            "--json",
        )  # fmt: skip
        assert code == 0, err
        labels.append(json.loads(out)["issue"]["label"])
    assert labels == ["2025年第1期", "2025年第2期"]


def test_pace_counts_json(capsys, plan_db):
    path, pid, _ = plan_db
    code, out, err = run(
        capsys, "--db", str(path), "pace", str(pid), "--date", "2025-07-02", "--json"
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["counts"]["behind"] == {"count": 1, "percent": 33.3}
    assert data["counts"]["on_pace"]["count"] == 2  # 50 % and 60 % on 2 July (50 % expected)
    assert data["units"]["农业办"]["behind"] == 1
    run(capsys, "--db", str(path), "supervision-settings", "--rule", "months")
    code, out, _ = run(capsys, "--db", str(path), "supervision-settings", "--json")
    assert json.loads(out)["pace_threshold"] == 0


@pytest.mark.parametrize(
    "argv",
    [
        ["round", "new", "{pid}", "--due", "2025-13-40"],
        ["round", "new", "999", "--due", "2025-06-25"],
        ["round", "status", "77"],
        ["round", "mark", "1", "--unit", "不存在的单位"],
        ["item", "add", "事项", "--source", "小道消息", "--assigned", "2025-06-01"],
        ["item", "add", "事项", "--source", "领导批示", "--assigned", "昨天"],
        [
            "item",
            "add",
            "事项",
            "--source",
            "领导批示",
            "--assigned",
            "2025-06-01",
            "--class",
            "慢件",
        ],
        ["item", "close", "{item}", "--done"],
        ["item", "close", "{item}", "--cancel", "--by", "李主任"],
        [
            "item",
            "close",
            "{item}",
            "--extend",
            "2025-01-01",
            "--reason",
            "r",
            "--approved-by",
            "a",
        ],
        ["item", "close", "{item}", "--extend", "2025-07-31", "--reason", "r"],
        ["item", "close", "{pid}", "--done", "--result", "不是督办事项"],
        ["doc", "bulletin", "77", "--out", "{tmp}/x.docx"],
        ["doc", "chase", "1", "--out", "{tmp}/missing/x.docx"],
        ["supervision-settings", "--threshold", "101"],
        ["pace", "999"],
    ],
)
def test_bad_input_is_one_line_exit_1_and_nothing_changes(capsys, plan_db, tmp_path, argv):
    path, pid, _ = plan_db
    run(capsys, "--db", str(path), "round", "new", str(pid), "--due", "2025-06-25")
    run(
        capsys, "--db", str(path), "item", "add", "事项。", "--source", "领导批示",
        "--assigned", "2025-06-03",
    )  # fmt: skip
    _, out, _ = run(capsys, "--db", str(path), "item", "list", "--json")
    item = json.loads(out)["items"][0]["id"]
    before = _hash(path)
    argv = [a.format(pid=pid, tmp=tmp_path, item=item) for a in argv]
    code, out, err = run(capsys, "--db", str(path), *argv)
    assert code == 1, (argv, out, err)
    assert len(err.strip().splitlines()) == 1 and err.startswith("错误：")
    assert _hash(path) == before
