"""``main.py rollover`` and ``main.py compare`` from the command line."""

from __future__ import annotations

import json

import pytest

import main
from models import outline
from models.store.open import open_database
from models.vocab import BACKUP_REASON_FILE

ROLLOVER_BACKUPS = f"backups/*{BACKUP_REASON_FILE['rollover']}*"


def run(capsys, *argv):
    code = main.main([*argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def sample_db(tmp_path, capsys):
    """A database file created with the three sample plans (ids 1, 2, 3)."""
    path = tmp_path / "cli.db"
    assert main.main(["--db", str(path), "list"]) == 0
    capsys.readouterr()
    return path


def plan_rows(path):
    with open_database(path) as db:
        return [tuple(r) for r in db.query("SELECT * FROM plans ORDER BY id")], db.scalar(
            "SELECT count(*) FROM nodes"
        )


def test_rollover_json(capsys, sample_db):
    code, out, err = run(
        capsys, "--db", str(sample_db), "rollover", "1", "--year", "2026", "--json"
    )
    assert code == 0, err
    data = json.loads(out)
    assert isinstance(data["plan_id"], int)
    assert {"kind", "node_id", "text"} <= set(data["review"][0])
    stale = [r for r in data["review"] if r["kind"] == "stale_year"]
    assert len(stale) == 1 and "力争2025年" in stale[0]["text"]
    assert len(list(sample_db.parent.glob(ROLLOVER_BACKUPS))) == 1  # backup 1st
    with open_database(sample_db) as db:
        plan = outline.get_plan(db, data["plan_id"])
        assert (plan.title, plan.year, plan.source_plan_id) == ("XX镇2026年工作计划", 2026, 1)
        assert outline.get_node(db, stale[0]["node_id"]).plan_id == data["plan_id"]


def test_rollover_carry_unfinished(capsys, sample_db):
    with open_database(sample_db) as db:
        first = [n for n in outline.load_outline(db, 2) if n.kind == "task"][0]
        outline.update_node(db, first.id, status="done", progress=100)
    code, out, _ = run(
        capsys, "--db", str(sample_db), "rollover", "2", "--carry", "unfinished", "--json"
    )
    assert code == 0
    data = json.loads(out)
    left = [r for r in data["review"] if r["kind"] == "left_out"]
    assert [r["old_node_id"] for r in left] == [first.id]
    assert len([r for r in data["review"] if r["kind"] == "unfinished"]) == 12


def test_rollover_text_output(capsys, sample_db):
    code, out, _ = run(capsys, "--db", str(sample_db), "rollover", "3")
    assert code == 0
    assert "镇人民政府2025年度工作计划" in out.splitlines()[0]


@pytest.mark.parametrize(
    "argv, code",
    [
        (["rollover", "99"], 1),
        (["rollover", "1", "--year", "2024"], 1),
        (["rollover", "1", "--carry", "some"], 2),
        (["rollover", "x"], 2),
    ],
)
def test_rollover_bad_input_writes_nothing(capsys, sample_db, argv, code):
    before = plan_rows(sample_db)
    got, out, err = run(capsys, "--db", str(sample_db), *argv)
    assert got == code
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert plan_rows(sample_db) == before
    assert not list(sample_db.parent.glob(ROLLOVER_BACKUPS))  # not even a backup


def test_compare_json_and_text(capsys, sample_db):
    _, out, _ = run(capsys, "--db", str(sample_db), "rollover", "3", "--json")
    new_id = json.loads(out)["plan_id"]
    with open_database(sample_db) as db:
        task = [n for n in outline.load_outline(db, new_id) if n.kind == "task"][0]
        outline.update_node(db, task.id, text="抓好党员教育管理。")
    code, out, _ = run(capsys, "--db", str(sample_db), "compare", "3", str(new_id), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["counts"]["changed"] == 1 and data["counts"]["added"] == 0
    changed = next(r for r in data["rows"] if r["status"] == "changed")
    assert changed["right"]["node_id"] == task.id
    assert changed["opcodes"][0] == ["equal", 0, 8, 0, 8]
    code, out, _ = run(capsys, "--db", str(sample_db), "compare", "3", str(new_id))
    assert code == 0
    assert "{+5+}" in out and "[-，瞄准作风问题" in out


def test_compare_same_plan_is_an_error(capsys, sample_db):
    code, out, err = run(capsys, "--db", str(sample_db), "compare", "1", "1")
    assert code == 1 and out == "" and err.startswith("错误")


def test_history_json(capsys, sample_db):
    _, out, _ = run(capsys, "--db", str(sample_db), "rollover", "2", "--json")
    first = json.loads(out)
    _, out, _ = run(capsys, "--db", str(sample_db), "rollover", str(first["plan_id"]), "--json")
    second = json.loads(out)
    with open_database(sample_db) as db:
        task = [n for n in outline.load_outline(db, second["plan_id"]) if n.kind == "task"][0]
        old = [n for n in outline.load_outline(db, 2) if n.kind == "task"][0]
    code, out, _ = run(capsys, "--db", str(sample_db), "history", str(task.id), "--json")
    assert code == 0
    history = json.loads(out)["history"]
    assert [h["year"] for h in history] == [2025, 2024]
    assert history[1]["task_id"] == old.id
    code, _, err = run(capsys, "--db", str(sample_db), "history", "99999")
    assert code == 1 and err.startswith("错误")
