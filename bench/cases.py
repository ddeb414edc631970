"""The cases of bench/run.py (issue 16): each measures PlanDesk (A) against its floor/peer (B).

Run by bench/run.py in a fresh child process per case and size:

    python bench/cases.py CASE --db BIG.db --work DIR --pairs N

prints one JSON line ``{"a": [...], "b": [...], "a_label", "b_label", "notes": [...]}`` or
``{"skipped": reason}``. GUI cases use the offscreen platform; processes are started from
here, alternately A and B. Every side returns what it measured with bench.harness.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.harness import interleave, timed  # noqa: E402

Result = dict[str, Any]
CASES: dict[str, Callable[[Path, Path, int], Result]] = {}
PY = sys.executable


def case(name: str) -> Callable:
    def register(fn: Callable[[Path, Path, int], Result]) -> Callable:
        CASES[name] = fn
        return fn

    return register


def pair_result(a_label: str, b_label: str, values: tuple[list[float], list[float]]) -> Result:
    return {"a_label": a_label, "b_label": b_label, "a": values[0], "b": values[1], "notes": []}


def copy_db(db: Path, work: Path, name: str) -> Path:
    """A private copy of the benchmark database (runs may write, lock or back it up)."""
    target = work / name
    for suffix in ("", "-wal", "-shm", "-pair"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    shutil.copyfile(db, target)
    return target


def big_plan(db: Any) -> int:
    """The plan with the most tasks (2,000 in the databases of make_big_db.py)."""
    from models import outline

    counts = outline.plan_counts(db)
    return max(counts, key=lambda pid: counts[pid][1])


def app_env(work: Path) -> dict[str, str]:
    """Environment of a PlanDesk process: its own data and settings folders, offscreen.

    Bytecode is cached (in the work folder): with PYTHONDONTWRITEBYTECODE, as set on this
    machine, every start compiled PlanDesk's 180 modules again (0.4 s), which no installed
    copy does. The warm-up pair fills the cache for both sides.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        PLANDESK_DATA_DIR=str(work / "data"),
        XDG_CONFIG_HOME=str(work / "config"),
        PLANDESK_EXIT_AFTER_SHOW="1",
        PYTHONPYCACHEPREFIX=str(work.parent / "pycache"),
    )
    return env


def run_process(cmd: list[str], env: dict[str, str] | None = None) -> float:
    """Wall time of one process run to its end (it must succeed)."""
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{cmd} failed ({done.returncode}): {done.stderr[-800:]}")
    return seconds


def shown(cmd: list[str], env: dict[str, str]) -> dict[str, float]:
    """Start a GUI with the show probe; seconds from spawn to its window painted, peak RSS."""
    start = time.time()
    done = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
    out: dict[str, float] = {}
    for line in done.stdout.splitlines():
        if line.startswith("PLANDESK_SHOWN "):
            out["shown"] = float(line.split()[1]) - start
        elif line.startswith("PLANDESK_PEAK_RSS_KIB "):
            out["rss"] = float(line.split()[1])
    if "shown" not in out:
        raise RuntimeError(f"{cmd}: no window ({done.returncode}): {done.stderr[-800:]}")
    return out


# ---------------------------------------------------------------- processes
@case("startup")
def startup(db: Path, work: Path, pairs: int) -> Result:
    """``python main.py`` to its window painted, against bench/bare_window.py.

    Every PlanDesk start is the first of its day: the backups folder is emptied before each,
    so the daily backup is part of what is measured (the worst case a user meets).
    """
    path = copy_db(db, work, "startup.db")
    env = app_env(work)

    def a() -> float:
        shutil.rmtree(work / "backups", ignore_errors=True)
        return shown([PY, "main.py", "--db", str(path)], env)["shown"]

    def b() -> float:
        return shown([PY, "bench/bare_window.py"], env)["shown"]

    return pair_result("main.py", "bare_window.py", interleave(a, b, pairs))


DIST = ROOT / "bench" / "out" / "dist"


@case("exe")
def exe_case(db: Path, work: Path, pairs: int) -> Result:
    """The one-file executable of build.spec to window shown, against a one-file bare window."""
    suffix = ".exe" if sys.platform == "win32" else ""
    app, bare = DIST / f"PlanDesk{suffix}", DIST / f"bare_window{suffix}"
    if not (app.exists() and bare.exists()):
        return {
            "skipped": "no one-file executables in bench/out/dist "
            "(`python bench/run.py --build-exe` builds them with PyInstaller, ~5 min)"
        }
    path = copy_db(db, work, "exe.db")
    env = app_env(work)

    def a() -> float:
        shutil.rmtree(work / "backups", ignore_errors=True)
        return shown([str(app), "--db", str(path)], env)["shown"]

    result = pair_result(
        "PlanDesk one-file",
        "bare_window one-file",
        interleave(a, lambda: shown([str(bare)], env)["shown"], pairs),
    )
    result["notes"].append(
        f"size {app.stat().st_size / 2**20:.1f} MiB vs {bare.stat().st_size / 2**20:.1f} MiB "
        f"({app.stat().st_size / bare.stat().st_size:.2f}×)"
    )
    return result


@case("rss")
def rss(db: Path, work: Path, pairs: int) -> Result:
    """Peak RSS with the big plan expanded and due list, table and search open (KiB)."""
    path = copy_db(db, work, "rss.db")
    env = app_env(work)

    def a() -> float:
        cmd = [PY, "bench/cases.py", "_rss_scenario", "--db", str(path), "--work", str(work)]
        done = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(done.stderr[-800:])
        return float(json.loads(done.stdout.splitlines()[-1])["rss"])

    def b() -> float:
        return shown([PY, "bench/bare_window.py"], env)["rss"]

    return pair_result("county DB, everything open", "bare window", interleave(a, b, pairs, 0))


@case("check_cli")
def check_cli(db: Path, work: Path, pairs: int) -> Result:
    """``main.py check`` against a Python process running PRAGMA integrity_check."""
    path = copy_db(db, work, "check-cli.db")
    env = app_env(work)
    floor = f"import sqlite3; sqlite3.connect({str(path)!r}).execute('PRAGMA integrity_check')"
    floor += ".fetchall()"
    values = interleave(
        lambda: run_process([PY, "main.py", "--db", str(path), "check"], env),
        lambda: run_process([PY, "-c", floor], env),
        pairs,
    )
    return pair_result("main.py check", "python -c integrity_check", values)


@case("export_docx")
def export_docx(db: Path, work: Path, pairs: int) -> Result:
    """``main.py export PLAN --out x.docx`` (whole process) against pandoc on the same text."""
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        return {"skipped": "pandoc not installed (apt-get install pandoc)"}
    from models.store.open import open_database

    path = copy_db(db, work, "export.db")
    with open_database(path) as conn:
        plan_id = big_plan(conn)
        markdown = plan_markdown(conn, plan_id)
    source = work / "in.md"
    source.write_text(markdown, encoding="utf-8")
    env = app_env(work)
    out_a, out_b = work / "x.docx", work / "out.docx"
    values = interleave(
        lambda: run_process(
            [PY, "main.py", "--db", str(path), "export", str(plan_id), "--out", str(out_a)], env
        ),
        lambda: run_process([pandoc, str(source), "-o", str(out_b)], env),
        pairs,
    )
    return pair_result("main.py export", "pandoc in.md -o out.docx", values)


def plan_markdown(db: Any, plan_id: int) -> str:
    """The plan's title, headings and task texts as Markdown (the peer's input)."""
    from models import outline
    from models.text.numbering import outline_numbers as number_outline

    plan = outline.get_plan(db, plan_id)
    nodes = outline.load_outline(db, plan_id)
    numbers = number_outline(nodes)
    depth: dict[int, int] = {}
    lines = [f"# {plan.title}", "", plan.preamble or "", ""]
    for node in nodes:
        depth[node.id] = 1 if node.parent_id is None else depth[node.parent_id] + 1
        number = numbers.get(node.id, "")
        if node.kind == "section":
            lines += [f"{'#' * min(depth[node.id] + 1, 6)} {number}{node.heading}", ""]
        else:
            lines += [f"{number}{node.text}", ""]
    return "\n".join(lines)


# ---------------------------------------------------------------- models, in-process
@case("check")
def check_case(db: Path, work: Path, pairs: int) -> Result:
    """models.store.check.check() against PRAGMA integrity_check on the same connection."""
    from models.store.check import check
    from models.store.open import open_database

    conn = open_database(copy_db(db, work, "check.db"))
    problems = check(conn)
    values = interleave(
        timed(lambda: check(conn)),
        timed(lambda: conn.conn.execute("PRAGMA integrity_check").fetchall()),
        pairs,
    )
    result = pair_result("check()", "PRAGMA integrity_check", values)
    result["notes"].append(f"problems found: {len(problems)}")
    conn.close()
    return result


@case("rollover")
def rollover_case(db: Path, work: Path, pairs: int) -> Result:
    """rollover() of the big plan against one INSERT…SELECT copying its nodes."""
    from models import outline, rollover
    from models.store.open import open_database

    conn = open_database(copy_db(db, work, "rollover.db"))
    plan_id = big_plan(conn)
    tasks = outline.plan_counts(conn)[plan_id][1]

    def a() -> float:
        start = time.perf_counter()
        new = rollover.rollover(conn, plan_id).plan_id
        seconds = time.perf_counter() - start
        outline.delete_plan(conn, new)
        return seconds

    def b() -> float:
        start = time.perf_counter()
        with conn.transaction() as c:
            new = c.execute(
                "INSERT INTO plans (title, year, organization, kind) "
                "SELECT title || '+', year + 1, organization, kind FROM plans WHERE id = ?",
                (plan_id,),
            ).lastrowid
            c.execute(
                "INSERT INTO nodes (plan_id, parent_id, position, kind, heading, body, text,"
                " lead_leader, owner_unit, co_units, owner_person, deadline, target)"
                " SELECT ?, NULL, position, kind, heading, body, text, lead_leader,"
                " owner_unit, co_units, owner_person, deadline, target"
                " FROM nodes WHERE plan_id = ? ORDER BY id",
                (new, plan_id),
            )
        seconds = time.perf_counter() - start
        outline.delete_plan(conn, new)
        return seconds

    result = pair_result(f"rollover() of {tasks} tasks", "INSERT…SELECT", interleave(a, b, pairs))
    conn.close()
    return result


@case("xlsx")
def xlsx_case(db: Path, work: Path, pairs: int) -> Result:
    """Task table .xlsx of the big plan against an openpyxl write-only dump of its rows."""
    from openpyxl import Workbook

    from export.content import load_plan_data
    from export.task_rows import HEADERS, task_rows
    from export.task_table import export_tasks_xlsx
    from models.store.open import open_database

    conn = open_database(copy_db(db, work, "xlsx.db"))
    data = load_plan_data(conn, big_plan(conn))
    rows = [list(r.cells()) for r in task_rows(data)]

    def b() -> None:
        wb = Workbook(write_only=True)
        ws = wb.create_sheet()
        ws.append(list(HEADERS))
        for row in rows:
            ws.append(row)
        wb.save(work / "dump.xlsx")

    values = interleave(
        timed(lambda: export_tasks_xlsx(data, work / "tasks.xlsx")), timed(b), pairs
    )
    conn.close()
    return pair_result(f"export_tasks_xlsx ({len(rows)} rows)", "write-only dump", values)


SEARCH_QUERIES = ["田", "河长", "森林防", "高标准农", "乡村振兴重"]


@case("search")
def search_case(db: Path, work: Path, pairs: int) -> Result:
    """search() of 1–5 characters (at most 200 hits) against a LIKE scan of the same columns."""
    from models import search
    from models.store.open import open_database

    conn = open_database(copy_db(db, work, "search.db"))
    turn = {"a": 0, "b": 0}
    hits: list[int] = []

    def a() -> float:
        query = SEARCH_QUERIES[turn["a"] % len(SEARCH_QUERIES)]
        turn["a"] += 1
        start = time.perf_counter()
        hits.append(len(search.search(conn, query, limit=200)))
        return time.perf_counter() - start

    def b() -> float:
        query = SEARCH_QUERIES[turn["b"] % len(SEARCH_QUERIES)]
        turn["b"] += 1
        like = f"%{query}%"
        start = time.perf_counter()
        conn.conn.execute(
            "SELECT n.id FROM nodes n JOIN plans p ON p.id = n.plan_id"
            " WHERE n.text LIKE ? OR n.heading LIKE ? OR n.body LIKE ?"
            " ORDER BY p.year DESC, n.plan_id, n.id LIMIT 200",
            (like, like, like),
        ).fetchall()
        return time.perf_counter() - start

    result = pair_result("search()", "LIKE scan", interleave(a, b, pairs))
    result["notes"].append(f"queries {SEARCH_QUERIES}, hits per query {sorted(set(hits))}")
    conn.close()
    return result


@case("import_docx")
def import_docx(db: Path, work: Path, pairs: int) -> Result:
    """Import (parse and recognise) a .docx of ~4,000 paragraphs against docx2python."""
    try:
        from docx2python import docx2python
    except ImportError:
        return {"skipped": "docx2python not installed (pip install -r bench/requirements.txt)"}
    from models.importing import parse_file

    path = work / "import.docx"
    paragraphs = write_import_docx(path, 4000)

    def b() -> None:
        with docx2python(path) as doc:
            doc.text  # noqa: B018 (the extraction is the work)

    values = interleave(timed(lambda: parse_file(path)), timed(b), pairs)
    return pair_result(f"parse_file ({paragraphs} paragraphs)", "docx2python", values)


def write_import_docx(path: Path, paragraphs: int) -> int:
    """A plan .docx: title, numbered headings and task sentences (the generator's words)."""
    import random

    from docx import Document

    from bench import make_big_db as gen
    from models.text.numbering import heading_number

    rng = random.Random(3)
    doc = Document()
    doc.add_paragraph("青山镇2025年工作要点")
    count = 1
    section = 0
    while count < paragraphs:
        section += 1
        doc.add_paragraph(f"{heading_number(1, section)}{rng.choice(gen.SECTION_HEADS)}")
        count += 1
        for sub in range(1, 6):
            doc.add_paragraph(f"{heading_number(2, sub)}{rng.choice(gen.SUB_HEADS)}")
            count += 1
            for item in range(1, 9):
                unit = rng.choice(gen.UNITS)
                doc.add_paragraph(f"{item}.{gen.task_text(rng)}（责任单位：{unit}）")
                count += 1
    doc.save(str(path))
    return count


# ---------------------------------------------------------------- GUI, in-process
class Gui:
    """One offscreen QApplication, PlanDesk's main window on a copy of the database."""

    def __init__(self, db: Path, work: Path) -> None:
        from PySide6.QtCore import QSettings, qInstallMessageHandler
        from PySide6.QtWidgets import QApplication

        qInstallMessageHandler(lambda *a: None)  # offscreen chatter (propagateSizeHints)
        self.app = QApplication.instance() or QApplication([])
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work / "config")
        )
        self.app.setOrganizationName("PlanDeskBench")
        self.app.setApplicationName("PlanDeskBench")
        self.path = copy_db(db, work, "gui.db")
        self.window: Any = None

    def open_window(self) -> Any:
        from models.store.open import open_database
        from ui.document import Document
        from ui.main_window import MainWindow

        self.db = open_database(self.path)
        self.window = MainWindow(Document(self.db))
        self.window.resize(1280, 860)
        self.window.show()
        self.settle(self.window)
        self.plan_id = big_plan(self.db)
        return self.window

    def settle(self, widget: Any) -> None:
        """Let layouts run and paint ``widget`` (a bench may spin the event loop)."""
        self.app.processEvents()
        widget.grab()
        self.app.processEvents()


def reference_tree(gui: Gui) -> tuple[Any, Any, Any, list[Any]]:
    """QStandardItemModel tree of the big plan in a QTreeView beside a text panel (the floor)."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QMainWindow, QPlainTextEdit, QSplitter, QTreeView

    from models import outline
    from models.text.numbering import outline_numbers as number_outline

    nodes = outline.load_outline(gui.db, gui.plan_id)
    numbers = number_outline(nodes)
    model = QStandardItemModel()
    root = QStandardItem(outline.get_plan(gui.db, gui.plan_id).title)
    model.appendRow(root)
    items: dict[int | None, Any] = {None: root}
    tasks = []
    by_id = {}
    for node in nodes:
        item = QStandardItem(numbers.get(node.id, "") + (node.heading or node.text))
        item.setData(node.id)
        items[node.parent_id].appendRow(item)
        items[node.id] = item
        by_id[node.id] = node
        if node.kind == "task":
            tasks.append(item)
    window = QMainWindow()
    splitter = QSplitter()
    view = QTreeView()
    view.setHeaderHidden(True)
    view.setUniformRowHeights(True)
    view.setModel(model)
    panel = QPlainTextEdit()
    splitter.addWidget(view)
    splitter.addWidget(panel)
    window.setCentralWidget(splitter)

    def on_current(current: Any, _previous: Any) -> None:
        node = by_id.get(model.itemFromIndex(current).data()) if current.isValid() else None
        if node is not None:
            panel.setPlainText(
                "\n".join(
                    str(x or "")
                    for x in (node.text, node.lead_leader, node.owner_unit, node.deadline)
                )
            )

    view.selectionModel().currentChanged.connect(on_current)
    window.resize(1280, 860)
    window.show()
    gui.settle(window)
    return window, view, root, tasks


@case("select")
def select_case(db: Path, work: Path, pairs: int) -> Result:
    """Select a task of the big plan (panel filled, painted) against the same in the floor tree."""
    from models import outline

    gui = Gui(db, work)
    window = gui.open_window()
    index = window.document.tree_model.index_for_plan(gui.plan_id)
    window.tree_view.expandRecursively(index)
    gui.settle(window)
    task_ids = [n.id for n in outline.load_outline(gui.db, gui.plan_id) if n.kind == "task"]
    ref_window, ref_view, _root, ref_tasks = reference_tree(gui)
    ref_view.expandAll()
    gui.settle(ref_window)
    # spread over the plan; consecutive selections always change the current task
    picks = [len(task_ids) * k // 7 for k in range(7)]
    turn = {"a": 0, "b": 0}

    def a() -> float:
        task_id = task_ids[picks[turn["a"] % len(picks)]]
        turn["a"] += 1
        start = time.perf_counter()
        window.select_node(task_id)
        gui.settle(window)
        return time.perf_counter() - start

    def b() -> float:
        item = ref_tasks[picks[turn["b"] % len(picks)]]
        turn["b"] += 1
        start = time.perf_counter()
        ref_view.setCurrentIndex(item.index())
        gui.settle(ref_window)
        return time.perf_counter() - start

    result = pair_result(
        f"select in PlanDesk ({len(task_ids)}-task plan)",
        "QStandardItemModel tree",
        interleave(a, b, pairs, warmup=2),
    )
    return result


@case("expand")
def expand_case(db: Path, work: Path, pairs: int) -> Result:
    """First expansion of the big plan: outline read, rows built, expanded and painted.

    A re-reads the plan's outline (what the first click on a plan does) and expands it all;
    B reads the same outline into a QStandardItemModel and expands it all.
    """
    from PySide6.QtGui import QStandardItem

    from models import outline
    from models.text.numbering import outline_numbers

    gui = Gui(db, work)
    window = gui.open_window()
    view, model = window.tree_view, window.document.tree_model
    index = model.index_for_plan(gui.plan_id)
    view.expand(index)
    ref_window, ref_view, root, _tasks = reference_tree(gui)

    def a() -> float:
        view.collapseAll()
        gui.settle(view)
        start = time.perf_counter()
        model.reload_plan(gui.plan_id)
        view.expandRecursively(model.index_for_plan(gui.plan_id))
        gui.settle(view)
        return time.perf_counter() - start

    def b() -> float:
        ref_view.collapseAll()
        root.removeRows(0, root.rowCount())
        gui.settle(ref_view)
        start = time.perf_counter()
        nodes = outline.load_outline(gui.db, gui.plan_id)
        numbers = outline_numbers(nodes)
        items: dict[int | None, Any] = {None: root}
        for node in nodes:
            item = QStandardItem(numbers.get(node.id, "") + (node.heading or node.text))
            items[node.parent_id].appendRow(item)
            items[node.id] = item
        ref_view.expandRecursively(root.index())
        gui.settle(ref_view)
        return time.perf_counter() - start

    return pair_result(
        "reload_plan + expand + paint",
        "load_outline into QStandardItemModel + expand + paint",
        interleave(a, b, pairs),
    )


class Heartbeat:
    """A 1 ms timer on the UI thread: the longest gap between its ticks = the longest block."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(1)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0
        self.worst = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst = max(self.worst, now - self.last)
        self.last = now

    def watch(self, app: Any, action: Callable[[], None], done: Callable[[], bool]) -> float:
        """Run ``action`` from the event loop, spin until ``done()``; returns the worst block."""
        from PySide6.QtCore import QTimer

        self.worst = 0.0
        self.last = time.perf_counter()
        self.timer.start()
        QTimer.singleShot(0, action)
        deadline = time.perf_counter() + 120
        app.processEvents()
        while not done() and time.perf_counter() < deadline:
            app.processEvents()
            time.sleep(0.0005)  # bench only: waiting for a worker thread
        for _ in range(20):  # and what the result triggers on the UI thread
            app.processEvents()
            time.sleep(0.001)
        self.timer.stop()
        return self.worst


@case("duelist")
def duelist_case(db: Path, work: Path, pairs: int) -> Result:
    """Open the due list (county DB): longest UI block, against the same query into a table."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTableView

    from models import tracking

    calls = {"due_list": 0}
    original = tracking.due_list

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls["due_list"] += 1
        return original(*args, **kwargs)

    tracking.due_list = counting  # type: ignore[assignment]
    gui = Gui(db, work)
    window = gui.open_window()
    dock = window.tracking.due_dock
    due = window.tracking.due
    heart = Heartbeat()
    first: dict[str, int] = {}
    ref = QTableView()
    ref.resize(1200, 400)
    ref.show()

    def a() -> float:
        dock.hide()
        gui.settle(window)
        before = calls["due_list"]
        due.model.items = []  # so "done" means: filled again by this opening
        worst = heart.watch(gui.app, dock.show, lambda: bool(due.model.items) and not due.loading)
        first.setdefault("calls", calls["due_list"] - before)
        return worst

    def b() -> float:
        def fill() -> None:
            model = QStandardItemModel()
            for item in original(gui.db):
                model.appendRow(
                    [QStandardItem(str(x or "")) for x in (item.text, item.owner_unit, item.light)]
                )
            ref.setModel(model)
            ref.grab()

        return heart.watch(
            gui.app, fill, lambda: ref.model() is not None and ref.model().rowCount() > 0
        )

    result = pair_result(
        "due list opened: longest UI block", "due_list() into a QTableView", interleave(a, b, pairs)
    )
    result["notes"].append(
        f"due_list() calls on first open: {first.get('calls')}; items: {len(due.model.items)}"
    )
    return result


@case("sort")
def sort_case(db: Path, work: Path, pairs: int) -> Result:
    """Sort the task table of the big plan by a column, against a C++ proxy over the same data."""
    from PySide6.QtCore import QSortFilterProxyModel, Qt
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTableView

    from models import tracking
    from ui.task_table_model import SortRole, TaskTableModel

    loads = {"n": 0}
    original_rows = tracking.task_rows

    def counting(*args: Any, **kwargs: Any) -> Any:
        loads["n"] += 1
        return original_rows(*args, **kwargs)

    tracking.task_rows = counting  # type: ignore[assignment]
    counted = {"n": 0}
    plain = TaskTableModel.data

    def counting_data(self: Any, *args: Any) -> Any:
        counted["n"] += 1
        return plain(self, *args)

    TaskTableModel.data = counting_data  # type: ignore[method-assign]
    gui = Gui(db, work)
    window = gui.open_window()
    window.select_plan(gui.plan_id)
    gui.settle(window)
    loads["n"] = 0
    window.tracking.table_dock.show()
    gui.settle(window)
    first_open_loads = loads["n"]
    table = window.tracking.table
    model, view = table.model, table.table
    rows, cols = model.rowCount(), model.columnCount()
    # the same cells for the floor: display text and sort value of every cell
    ref_model = QStandardItemModel(rows, cols)
    for r in range(rows):
        for c in range(cols):
            idx = model.index(r, c)
            item = QStandardItem(str(model.data(idx) or ""))
            item.setData(model.data(idx, SortRole), SortRole)
            ref_model.setItem(r, c, item)
    ref_proxy = QSortFilterProxyModel()
    ref_proxy.setSortRole(SortRole)
    ref_proxy.setSourceModel(ref_model)
    ref_view = QTableView()
    ref_view.setModel(ref_proxy)
    ref_view.setSortingEnabled(True)
    ref_view.resize(1200, 400)
    ref_view.show()
    gui.settle(ref_view)
    orders = [(2, 0), (4, 1), (7, 0), (9, 1), (10, 0), (1, 0)]
    turn = {"a": 0, "b": 0}

    def step(key: str) -> tuple[int, Qt.SortOrder]:
        column, order = orders[turn[key] % len(orders)]
        turn[key] += 1
        return column, Qt.SortOrder(order)

    def a() -> float:
        column, order = step("a")
        start = time.perf_counter()
        view.sortByColumn(column, order)
        gui.settle(view)
        return time.perf_counter() - start

    def b() -> float:
        column, order = step("b")
        start = time.perf_counter()
        ref_view.sortByColumn(column, order)
        gui.settle(ref_view)
        return time.perf_counter() - start

    values = interleave(a, b, pairs)
    # data() calls of one sort and its paint (the counting wrapper costs ~0.1 µs a call)
    view.sortByColumn(4, Qt.SortOrder.AscendingOrder)
    gui.settle(view)
    counted["n"] = 0
    view.sortByColumn(4, Qt.SortOrder.DescendingOrder)
    gui.settle(view)
    result = pair_result(f"task table sort ({rows} rows)", "QSortFilterProxyModel (C++)", values)
    result["notes"].append(
        f"Python data() calls per sort + paint: {counted['n']}; "
        f"task rows read on first open: {first_open_loads}"
    )
    return result


def rss_scenario(db: Path, work: Path) -> None:
    """Child of the rss case: everything open on the county DB, then print the peak RSS."""
    import resource

    gui = Gui(db, work)
    gui.path = db  # the rss case passed its own copy
    window = gui.open_window()
    window.tree_view.expandRecursively(window.document.tree_model.index_for_plan(gui.plan_id))
    window.select_plan(gui.plan_id)
    tracking_ui = window.tracking
    for dock in (tracking_ui.table_dock, tracking_ui.due_dock):
        dock.show()
        gui.settle(window)
    tracking_ui.run_search("河长")
    deadline = time.perf_counter() + 5
    while not tracking_ui.due.model.items and time.perf_counter() < deadline:
        gui.app.processEvents()
        time.sleep(0.001)
    gui.settle(window)
    print(json.dumps({"rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("case", choices=[*CASES, "_rss_scenario"])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--pairs", type=int, default=5)
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    if args.case == "_rss_scenario":
        rss_scenario(args.db, args.work)
        return 0
    result = CASES[args.case](args.db, args.work, args.pairs)
    print(json.dumps(result, ensure_ascii=False))
    sys.stdout.flush()
    os._exit(0)  # skip Qt teardown of the windows (slow, and nothing to report)


if __name__ == "__main__":
    sys.exit(main())
