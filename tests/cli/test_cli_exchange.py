"""``main.py exchange``: profile, office add, export, import (gap, conflicts, exit codes)."""

from __future__ import annotations

import json

import main
from models import outline
from models.store.open import open_database


def run(capsys, *argv):
    code = main.main([*argv])
    out, err = capsys.readouterr()
    return code, out, err


def _office(capsys, path, code, name, kind, peer):
    assert (
        run(
            capsys,
            "--db",
            str(path),
            "--no-sample",
            "exchange",
            "profile",
            "--name",
            name,
            "--kind",
            kind,
            "--code",
            code,
        )[0]
        == 0
    )
    assert run(capsys, "--db", str(path), "exchange", "office", "add", *peer)[0] == 0


def test_export_import_gap_and_conflict_from_the_command_line(tmp_path, capsys):
    town, county = tmp_path / "town" / "t.db", tmp_path / "county" / "c.db"
    _office(
        capsys,
        town,
        "T1",
        "油茶镇",
        "乡镇",
        ["--code", "C1", "--name", "某县督查室", "--kind", "县督查室"],
    )
    _office(
        capsys,
        county,
        "C1",
        "某县督查室",
        "县督查室",
        ["--code", "T1", "--name", "油茶镇", "--kind", "乡镇"],
    )
    with open_database(town) as db:
        plan = outline.create_plan(db, title="油茶镇2025年工作计划", year=2025)
        task = outline.add_node(db, plan, None, "task", text="建设冷链仓库。")
    p1, p2 = tmp_path / "p1.pdx", tmp_path / "p2.pdx"
    code, out, _ = run(capsys, "--db", str(town), "exchange", "export", "--out", str(p1))
    assert code == 0 and "第 1 号完整数据包" in out
    code, out, _ = run(capsys, "--db", str(town), "exchange", "export", "--out", str(p2))
    assert code == 0 and "没有改动" in out and not p2.exists()
    with open_database(town) as db:
        outline.update_node(db, task, text="建设两座冷链仓库。")
    code, out, _ = run(capsys, "--db", str(town), "exchange", "export", "--out", str(p2), "--json")
    assert code == 0 and json.loads(out)["seq"] == 2
    code, _out, err = run(capsys, "--db", str(county), "exchange", "import", str(p2))
    assert code == 1 and "缺少油茶镇的第 1 号数据包" in err and len(err.strip().splitlines()) == 1
    code, out, _ = run(capsys, "--db", str(county), "exchange", "import", str(p1), "--dry-run")
    assert code == 0 and "试运行" in out
    with open_database(county) as db:
        assert db.scalar("SELECT count(*) FROM plans") == 0
    code, out, _ = run(capsys, "--db", str(county), "exchange", "import", str(p1), "--json")
    assert code == 0 and json.loads(out)["packets"][0]["status"] == "applied"
    with open_database(county) as db:
        outline.update_node(db, db.scalar("SELECT id FROM nodes"), text="县里改的。")
    code, out, _ = run(capsys, "--db", str(county), "exchange", "import", str(p2))
    assert code == 1 and "冲突" in out and "县里改的。" in out and "--resolve" in out
    code, out, _ = run(
        capsys, "--db", str(county), "exchange", "import", str(p2), "--resolve", "theirs"
    )
    assert code == 0 and "已导入" in out
    with open_database(county) as db:
        assert db.scalar("SELECT text FROM nodes") == "建设两座冷链仓库。"
    code, out, _ = run(capsys, "--db", str(county), "exchange", "import", str(p1), str(p2))
    assert code == 0 and out.count("已导入过") == 2
    code, out, _ = run(capsys, "--db", str(county), "exchange", "log", "--json")
    trail = json.loads(out)["packets"]
    assert [(p["direction"], p["seq"]) for p in trail] == [("in", 1), ("in", 2)]
    assert trail[1]["conflicts"][0]["decision"] == "theirs"
    code, out, _ = run(capsys, "--db", str(town), "exchange", "log")
    assert code == 0 and out.count("发给某县督查室") == 2
