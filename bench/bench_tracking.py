"""Benchmark: search latency (1, 2, 3+ characters) and due-list build time on 60,000 tasks.

    python bench/bench_tracking.py [--db FILE] [--plans 300] [--tasks 200] [--runs 15]

Builds its own database unless it exists (sample-plan sentences with varied words, due
dates over the year, monthly checkpoints on every tenth task, a progress note on every
fifth); --shared uses bench/make_big_db.py instead. Prints medians.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.timing import median_ms  # noqa: E402
from models import search, tracking  # noqa: E402
from models.sample import sample_documents  # noqa: E402
from models.store.open import open_database  # noqa: E402

WORDS = [
    "油茶",
    "黑山羊",
    "低保",
    "茶叶",
    "板栗",
    "乡村振兴",
    "人居环境",
    "河长制",
    "防汛",
    "森林防火",
    "安全生产",
    "招商引资",
    "基层党建",
    "信访维稳",
    "医保",
    "教育",
    "肉牛",
    "光伏",
    "电商",
    "高标准农田",
    "道路硬化",
    "饮水安全",
    "垃圾分类",
    "养老服务",
]
UNITS = ["党政办", "农业办", "林业站", "财政所", "民政办", "应急办", "组织办", "综治中心"]


def _sentences() -> list[str]:
    out = []
    for doc in sample_documents():
        stack = list(doc.get("sections") or [])
        while stack:
            sec = stack.pop()
            out += [t["text"] for t in sec.get("tasks") or []]
            stack += sec.get("children") or []
    return out


def build_db(path: Path, plans: int, tasks_per_plan: int) -> None:
    """Our own generator: ``plans`` plans of ``tasks_per_plan`` tasks in 10 sections each."""
    rng = random.Random(42)
    base = _sentences()
    db = open_database(path)
    t0 = time.perf_counter()
    with db.transaction() as conn:
        for p in range(plans):
            year = 2015 + p % 12
            cur = conn.execute(
                "INSERT INTO plans (title, year, organization) VALUES (?, ?, ?)",
                (f"第{p + 1}镇{year}年工作计划", year, f"第{p + 1}镇"),
            )
            pid = cur.lastrowid
            per_section = max(1, tasks_per_plan // 10)
            for s in range(10):
                sid = conn.execute(
                    "INSERT INTO nodes (plan_id, parent_id, position, kind, heading, run_in) "
                    "VALUES (?, NULL, ?, 'section', ?, '。')",
                    (pid, s, f"做好{rng.choice(WORDS)}和{rng.choice(WORDS)}工作"),
                ).lastrowid
                for k in range(per_section):
                    text = rng.choice(base)
                    cut = rng.randrange(len(text))
                    text = text[:cut] + rng.choice(WORDS) + text[cut:]
                    due = dt.date(year, rng.randint(1, 12), 28).isoformat()
                    status = rng.choice(["not_started", "in_progress", "in_progress", "done"])
                    tid = conn.execute(
                        "INSERT INTO nodes (plan_id, parent_id, position, kind, text, "
                        "owner_unit, lead_leader, due_date, status, progress) "
                        "VALUES (?, ?, ?, 'task', ?, ?, ?, ?, ?, ?)",
                        (
                            pid,
                            sid,
                            k,
                            text,
                            rng.choice(UNITS),
                            f"领导{rng.randint(1, 6)}",
                            due,
                            status,
                            100 if status == "done" else rng.randint(0, 90),
                        ),
                    ).lastrowid
                    if tid % 10 == 0:
                        for m in range(1, 13):
                            conn.execute(
                                "INSERT INTO checkpoints (task_id, title, due_date, "
                                "recurrence) VALUES (?, ?, ?, 'monthly')",
                                (tid, f"{m}", dt.date(year, m, 28).isoformat()),
                            )
                    if tid % 5 == 0:
                        conn.execute(
                            "INSERT INTO progress_log (task_id, entry_date, text, "
                            "progress_after) VALUES (?, ?, ?, ?)",
                            (
                                tid,
                                f"{year}-05-01",
                                f"推进{rng.choice(WORDS)}工作。",
                                rng.randint(0, 90),
                            ),
                        )
    db.close()
    print(f"built {path} in {time.perf_counter() - t0:.1f} s")


def ensure_db(path: Path, plans: int, tasks: int, shared: bool) -> None:
    """Build the database unless it exists: our generator, or bench/make_big_db.py."""
    if path.exists():
        return
    maker = ROOT / "bench" / "make_big_db.py"
    if shared and maker.exists():
        spec = importlib.util.spec_from_file_location("make_big_db", maker)
        module = importlib.util.module_from_spec(spec)
        assert spec.loader is not None
        spec.loader.exec_module(module)
        module.build(path, plans, plans * tasks, 2000)
        print(f"built {path} with bench/make_big_db.py")
        return
    build_db(path, plans, tasks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="/tmp/plandesk-bench-tracking.db")
    parser.add_argument("--plans", type=int, default=300)
    parser.add_argument("--tasks", type=int, default=200)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument(
        "--shared",
        action="store_true",
        help="build the database with bench/make_big_db.py (no due dates)",
    )
    parser.add_argument(
        "--gui",
        action="store_true",
        help="also time the due-list view (offscreen Qt) on the same data",
    )
    args = parser.parse_args()
    path = Path(args.db)
    ensure_db(path, args.plans, args.tasks, args.shared)
    db = open_database(path)
    n_tasks = db.scalar("SELECT count(*) FROM nodes WHERE kind = 'task'")
    n_cps = db.scalar("SELECT count(*) FROM checkpoints")
    print(
        f"{db.scalar('SELECT count(*) FROM plans')} plans, {n_tasks} tasks, "
        f"{n_cps} checkpoints; median of {args.runs} runs"
    )
    print(
        f"{'query':<14}{'chars':>6}{'hits(limit 200)':>17}{'search ms':>10}{'all hits':>10}"
        f"{'all ms':>9}{'idx count':>10}{'LIKE cnt':>9}"
    )
    like_sql = (
        "SELECT count(*) FROM nodes WHERE heading LIKE ?1 OR body LIKE ?1 "
        "OR text LIKE ?1 OR note LIKE ?1"
    )
    for query in ("羊", "茶", "油茶", "低保", "医保", "乡村振兴", "高标准农田", "油茶 医保"):
        hits = search.search(db, query)
        ms = median_ms(lambda q=query: search.search(db, q), args.runs)
        every = search.search(db, query, limit=10**7)
        ms_all = median_ms(lambda q=query: search.search(db, q, limit=10**7), 5)
        word = query.split()[0]
        like_ms = median_ms(lambda w=word: db.scalar(like_sql, (f"%{w}%",)), 5)
        table = "nodes_fts" if len(word) >= 3 else "nodes_grams"
        idx_sql = f"SELECT count(*) FROM {table} WHERE {table} MATCH ?"
        idx_ms = median_ms(lambda w=word, q=idx_sql: db.scalar(q, (f'"{w}"',)), 5)
        print(
            f"{query:<14}{len(word):>6}{len(hits):>17}{ms:>10.2f}{len(every):>10}"
            f"{ms_all:>9.1f}{idx_ms:>10.2f}{like_ms:>9.1f}"
        )
    today = dt.date(2020, 6, 15)
    items = tracking.due_list(db, today)
    ms = median_ms(lambda: tracking.due_list(db, today), max(3, args.runs // 3))
    counts = tracking.count_lights(items)
    print(f"due list: {len(items)} items {counts}  build {ms:.0f} ms")
    ms = median_ms(lambda: tracking.due_counts(db, today), max(3, args.runs // 3))
    print(f"due counts (status-bar notice): {ms:.0f} ms")
    one = db.scalar("SELECT id FROM plans WHERE year = 2020 LIMIT 1")
    flt = tracking.DueFilter(plan_id=one)
    n = len(tracking.due_list(db, today, filters=flt))
    ms = median_ms(lambda: tracking.due_list(db, today, filters=flt), args.runs)
    print(f"due list of one plan ({n} items): {ms:.1f} ms")
    ms = median_ms(lambda: tracking.group_items(items, "owner_unit"), args.runs)
    print(f"group by 责任单位: {ms:.1f} ms")
    plan_id = db.scalar("SELECT id FROM plans ORDER BY id LIMIT 1")
    ms = median_ms(lambda: tracking.task_rows(db, plan_id, today=today), args.runs)
    print(f"task rows of one plan ({args.tasks} tasks): {ms:.1f} ms")
    if args.gui:
        gui_times(db, today, args.runs)
    db.close()


def gui_times(db, today: dt.date, runs: int) -> None:
    """The due-list and task-table views, offscreen: what a user waits for."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from ui.due_list_view import DueListView

    app = QApplication.instance() or QApplication([])
    view = DueListView(db)
    view.resize(1200, 600)
    view.show()
    ms = median_ms(lambda: (view.reload(today), app.processEvents()), max(3, runs // 3))
    print(f"due list view reload ({view.model.rowCount()} rows): {ms:.0f} ms")
    some = {view.model.items[i].node_id for i in range(0, 50)}
    ms = median_ms(lambda: view.refresh_tasks(some), runs)
    print(f"due list view in-place refresh of {len(some)} tasks: {ms:.1f} ms")
    view.close()


if __name__ == "__main__":
    main()
