"""GUI timings on a big database (offscreen): window shown, and a 2,000-task plan expanded.

    python bench/make_big_db.py /tmp/plandesk-big.db        # once
    python bench/bench_tree.py /tmp/plandesk-big.db [--runs 5]

Each run opens the database anew and builds a new window. Reported: the median (and min/max)
of RUNS runs for
  show     open the DB, build Document + MainWindow, show it, first paint done;
  expand1  click-expand the big plan (its outline is read: lazy load) and paint;
  expand   expand that plan fully (every section open, 2,000 task rows laid out) and paint;
  select   select the last task of the plan (the task panel is filled) and paint.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings, qInstallMessageHandler  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from models import outline  # noqa: E402
from models.store.open import open_database  # noqa: E402


def _settle(app: QApplication, widget) -> None:
    """Let layouts run and force a paint of the widget (bench only: processEvents is fine)."""
    app.processEvents()
    widget.grab()
    app.processEvents()


def _big_plan(db) -> int:
    counts = outline.plan_counts(db)
    return max(counts, key=lambda pid: counts[pid][1])


def one_run(app: QApplication, path: Path) -> dict[str, float]:
    from ui.document import Document
    from ui.main_window import MainWindow

    times: dict[str, float] = {}
    start = time.perf_counter()
    db = open_database(path)
    window = MainWindow(Document(db))
    window.show()
    _settle(app, window)
    times["show"] = time.perf_counter() - start

    model = window.document.tree_model
    plan_id = _big_plan(db)
    tasks = outline.plan_counts(db)[plan_id][1]
    index = model.index_for_plan(plan_id)
    start = time.perf_counter()
    window.tree_view.expand(index)  # the view asks fetchMore: the outline is read now
    _settle(app, window.tree_view)
    times["expand1"] = time.perf_counter() - start
    assert model.is_plan_loaded(plan_id)

    start = time.perf_counter()
    window.tree_view.expandRecursively(index)
    _settle(app, window.tree_view)
    times["expand"] = time.perf_counter() - start

    last_task = [n for n in outline.load_outline(db, plan_id) if n.kind == "task"][-1]
    start = time.perf_counter()
    window.select_node(last_task.id)
    _settle(app, window)
    times["select"] = time.perf_counter() - start
    assert window.current_node_id() == last_task.id

    times["tasks"] = tasks
    window.close()
    window.close_document()
    window.deleteLater()
    app.processEvents()
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default="/tmp/plandesk-big.db")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    path = Path(args.path)
    if not path.exists():
        print(f"{path} missing: run bench/make_big_db.py first", file=sys.stderr)
        return 1
    qInstallMessageHandler(lambda *a: None)  # offscreen chatter (propagateSizeHints)
    app = QApplication.instance() or QApplication([])
    settings_dir = tempfile.mkdtemp(prefix="plandesk-bench-")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings_dir)
    app.setOrganizationName("PlanDeskBench")
    app.setApplicationName("PlanDeskBench")

    with open_database(path) as db:
        n_plans = len(outline.list_plans(db))
        n_tasks = sum(t for _s, t in outline.plan_counts(db).values())
    runs = [one_run(app, path) for _ in range(args.runs)]
    print(
        f"database {path}: {n_plans} plans, {n_tasks} tasks; big plan "
        f"{int(runs[0]['tasks'])} tasks; {args.runs} runs (platform {app.platformName()})"
    )
    for key in ("show", "expand1", "expand", "select"):
        values = [r[key] * 1000 for r in runs]
        print(
            f"  {key:8s} median {statistics.median(values):7.1f} ms   "
            f"min {min(values):7.1f}   max {max(values):7.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
