"""Cases in-process on the window (offscreen): select, expand, due list, sort; the rss child."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.case_kit import (
    Result,
    big_plan,
    case,
    copy_db,
    pair_result,
)
from bench.harness import interleave


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
        from ui.shell.main_window import MainWindow

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

    from models import task_view
    from ui.tracking.task_table_model import SortRole, TaskTableModel

    loads = {"n": 0}
    original_rows = task_view.read_task_views

    def counting(*args: Any, **kwargs: Any) -> Any:
        loads["n"] += 1
        return original_rows(*args, **kwargs)

    task_view.read_task_views = counting  # type: ignore[assignment]
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
