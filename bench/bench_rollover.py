"""Benchmark: rollover of a big plan, comparison with its rollover, comparison by text alone.

    python bench/bench_rollover.py [--tasks 2000] [--unmatched 300] [--runs 7]

Builds a database in a temp folder: one 2024 plan of ``--tasks`` tasks (sample sentences with
varied words, deadlines, due dates, a checkpoint on every tenth task) in 10 sections of 2
levels. Prints medians of: rollover (one transaction), compare_plans(old, new) where tasks
match through carried_from, and compare_plans of two unrelated plans of ``--unmatched``
tasks each (the text-similarity worst case).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.timing import median_ms  # noqa: E402
from models import compare, outline, rollover  # noqa: E402
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
]
DEADLINES = ["6月底前", "年底前", "第三季度", "2024年10月前", "长期坚持", "上半年"]


def _sentences() -> list[str]:
    out = []
    for doc in sample_documents():
        stack = list(doc.get("sections") or [])
        while stack:
            sec = stack.pop()
            out += [t["text"] for t in sec.get("tasks") or []]
            stack += sec.get("children") or []
    return out


def build_plan(db, tasks: int, seed: int, title: str) -> int:
    """A 2024 plan with ``tasks`` tasks in 10 sections (each with 2 sub-sections)."""
    rng = random.Random(seed)
    base = _sentences()
    per = max(1, tasks // 30)
    sections = []
    made = 0
    for s in range(10):
        children = []
        for c in range(2):
            items = []
            for _ in range(per):
                text = rng.choice(base).replace("油茶", rng.choice(WORDS), 1)
                if made % 7 == 0:
                    text = text[:-1] + f"，力争{rng.choice([2024, 2025, 2026])}年完成。"
                items.append(
                    {
                        "text": text,
                        "deadline": rng.choice(DEADLINES),
                        "owner_unit": "党政办",
                        "status": rng.choice(["done", "in_progress", "not_started"]),
                    }
                )
                made += 1
            children.append({"heading": f"子项{s}-{c}", "tasks": items})
        top = [{"text": rng.choice(base)} for _ in range(per)]
        made += per
        sections.append({"heading": f"第{s + 1}部分2024年重点", "tasks": top, "children": children})
    pid = outline.store_document(db, {"title": title, "year": 2024, "sections": sections})
    ids = [n.id for n in outline.load_outline(db, pid) if n.kind == "task"]
    with db.transaction() as conn:
        conn.executemany(
            "INSERT INTO checkpoints (task_id, title, due_date) VALUES (?, ?, ?)",
            [(i, "2024年第二季度", "2024-06-30") for i in ids[::10]],
        )
    return pid


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=2000)
    parser.add_argument("--unmatched", type=int, default=300)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp) / "bench.db")
        old = build_plan(db, args.tasks, 1, "测试镇2024年工作计划")
        n_tasks = sum(1 for n in outline.load_outline(db, old) if n.kind == "task")
        results: list[int] = []
        ms = median_ms(lambda: results.append(rollover.rollover(db, old).plan_id), args.runs)
        print(f"rollover of {n_tasks} tasks: median {ms:.0f} ms over {args.runs} runs")
        new = results[0]
        ms = median_ms(lambda: compare.compare_plans(db, old, new), args.runs)
        print(f"compare with its rollover ({n_tasks} tasks, carried_from): median {ms:.0f} ms")
        a = build_plan(db, args.unmatched, 2, "甲")
        b = build_plan(db, args.unmatched, 3, "乙")
        n = sum(1 for n in outline.load_outline(db, a) if n.kind == "task")
        ms = median_ms(lambda: compare.compare_plans(db, a, b), max(3, args.runs // 2))
        print(f"compare of two unrelated plans ({n} x {n} tasks, by text): median {ms:.0f} ms")
        db.close()


if __name__ == "__main__":
    main()
