"""Benchmark: report content, .docx, .xlsx and HTML for the 2,000-task plan of the big database.

    python bench/bench_reports.py [--db FILE] [--runs 5] [--notes 2]

Builds the shared 300-plan / 60,000-task database with bench/make_big_db.py when the file
does not exist, adds ``--notes`` dated progress notes per task of the big plan (SQL: a bench
tool), then times each report kind for the whole year and its second quarter. Prints medians.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from export.reports_docx import export_report_docx  # noqa: E402
from export.reports_html import report_html  # noqa: E402
from export.reports_xlsx import export_report_xlsx  # noqa: E402
from models import reports  # noqa: E402
from models.store.open import open_database  # noqa: E402


def _big_db(path: Path) -> None:
    spec = importlib.util.spec_from_file_location("make_big_db", ROOT / "bench" / "make_big_db.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    module.build(path, 300, 60_000, 2_000)


def _median(func, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="/tmp/plandesk-big-reports.db")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--notes", type=int, default=2)
    args = parser.parse_args()
    path = Path(args.db)
    if not path.exists():
        _big_db(path)
    db = open_database(path)
    plan_id, year = db.query_one(
        "SELECT p.id, p.year FROM plans p JOIN nodes n ON n.plan_id = p.id AND n.kind = 'task' "
        "GROUP BY p.id ORDER BY count(*) DESC LIMIT 1"
    )
    tasks = [
        r[0]
        for r in db.query("SELECT id FROM nodes WHERE plan_id = ? AND kind = 'task'", (plan_id,))
    ]
    have = db.scalar(
        "SELECT count(*) FROM progress_log p JOIN nodes n ON n.id = p.task_id WHERE n.plan_id = ?",
        (plan_id,),
    )
    if not have:
        rng = random.Random(7)
        rows = []
        for task in tasks:
            for _ in range(args.notes):
                day = dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
                rows.append(
                    (task, day.isoformat(), "完成阶段性工作，推进情况良好。", rng.randint(10, 100))
                )
        with db.transaction() as conn:
            conn.executemany(
                "INSERT INTO progress_log (task_id, entry_date, text, "
                "progress_after) VALUES (?, ?, ?, ?)",
                rows,
            )
    notes = db.scalar(
        "SELECT count(*) FROM progress_log p JOIN nodes n ON n.id = p.task_id WHERE n.plan_id = ?",
        (plan_id,),
    )
    today = dt.date(year, 7, 15)
    print(f"plan {plan_id}: {len(tasks)} tasks, {notes} progress notes, today {today}")
    out = Path(tempfile.mkdtemp(prefix="bench-reports-"))
    for period in (reports.year_period(year), reports.quarter_period(year, 2)):
        for kind in reports.REPORT_KINDS:
            content = _median(
                lambda k=kind, p=period: reports.build_report(db, k, plan_id, p, today), args.runs
            )
            report = reports.build_report(db, kind, plan_id, period, today)
            docx = _median(lambda r=report: export_report_docx(r, out / "r.docx", today), args.runs)
            html = _median(lambda r=report: report_html(r, today), args.runs)
            line = (
                f"{period.label:<10} {kind:<9} content {content:7.1f} ms  "
                f"docx {docx:7.1f} ms  html {html:6.1f} ms"
            )
            if kind != "summary":
                xlsx = _median(lambda r=report: export_report_xlsx(r, out / "r.xlsx"), args.runs)
                line += f"  xlsx {xlsx:7.1f} ms"
            print(line)
    db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
