"""Read-only publishing: a separate copy, metadata with Chinese labels, canned queries that run."""

from __future__ import annotations

import json
import sqlite3

from models import outline, tracking
from models.exchange import incoming, outgoing, publish

from .conftest import small_plan


def test_publish_writes_a_copy_whose_canned_queries_run(tmp_path, county, town_a):
    small_plan(town_a.db, "油茶镇2025年工作计划")
    task = town_a.node("油茶镇2025年工作计划建设冷链仓库。")
    outline.update_node(town_a.db, task, due_date="2025-01-31")
    tracking.add_progress(town_a.db, task, "完成选址。", 30)
    out = tmp_path / "a1.pdx"
    outgoing.export_packet(town_a.db, out, "331100")
    incoming.import_packets(county.db, [out])
    copy, meta = publish.publish(county.db, tmp_path / "publish")
    data = json.loads(meta.read_text(encoding="utf-8"))
    database = data["databases"][copy.stem]
    assert database["tables"]["nodes"]["title"] == "章节和任务"
    assert database["tables"]["settings"] == {"hidden": True}
    conn = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
    results = {}
    for name, query in database["queries"].items():
        assert query["sql"].lstrip().upper().startswith("SELECT") and "write" not in query
        results[name] = conn.execute(query["sql"], {"year": ""}).fetchall()
    assert results["office_progress"] == [("油茶镇", 3, 0, 10.0, 1)]
    assert [r[2] for r in results["overdue"]] == ["油茶镇2025年工作计划建设冷链仓库。"]
    assert results["recent_progress"][0][1:4] == (
        "油茶镇",
        "油茶镇2025年工作计划建设冷链仓库。",
        "完成选址。",
    )
    assert (
        conn.execute(database["queries"]["office_progress"]["sql"], {"year": "2024"}).fetchall()
        == []
    )
    conn.close()
    # the copy is a file of its own: the county's database is never served
    outline.create_plan(county.db, title="之后的计划", year=2025)
    check = sqlite3.connect(copy)
    assert check.execute("SELECT count(*) FROM plans").fetchone()[0] == 1
    check.close()
