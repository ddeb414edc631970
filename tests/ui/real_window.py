"""The main journeys on the real window (X11 under Xvfb), driven with xdotool.

Run by tests/ui/test_real_window.py in a child process with DISPLAY set to an Xvfb screen of
1366×768 (and QT_SCALE_FACTOR for 125 %/150 %). The window is built in this process, so the
checks can look inside it, while every click, key and wheel turn is a real X event from
xdotool. It fails (exit 1, one line per problem on stderr) on:

- a top-level window larger than the screen's free area (1366×728: a 40-px taskbar);
- a widget painted over another: two visible widgets of one layout that overlap, or one
  that sticks out of its parent (what a layout does when it is squeezed below its minimum);
  a status-bar message painted over the due notice;
- a field changed by the mouse wheel.

Screenshots of every step go to --out (CI keeps them as artifacts).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QPoint, QRect  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QMessageBox,
    QWidget,
)

TASKBAR_PX = 40  # Windows' taskbar at 100 %, in device pixels
STEP_MS = 250


class Journey:
    """One run over one database; collects problems instead of stopping at the first."""

    def __init__(self, out: Path, app: QApplication) -> None:
        self.out = out
        self.app = app
        self.problems: list[str] = []
        self.shots: list[Path] = []
        self.ratio = app.primaryScreen().devicePixelRatio()

    # ------------------------------------------------------------ input (real X events)
    def xdo(self, *args: str) -> None:
        subprocess.run(["xdotool", *args], check=True, timeout=10)
        QTest.qWait(STEP_MS)

    def _device(self, widget: QWidget, point: QPoint | None = None) -> tuple[str, str]:
        local = point if point is not None else widget.rect().center()
        pos = widget.mapToGlobal(local)
        return str(round(pos.x() * self.ratio)), str(round(pos.y() * self.ratio))

    def click(self, widget: QWidget, point: QPoint | None = None) -> None:
        self.xdo("mousemove", *self._device(widget, point), "click", "1")

    def wheel_over(self, widget: QWidget, turns: int = 3, down: bool = True) -> None:
        button = "5" if down else "4"
        self.xdo("mousemove", *self._device(widget), "click", "--repeat", str(turns), button)

    def key(self, *keys: str) -> None:
        self.xdo("key", "--clearmodifiers", *keys)

    def wait_for(self, what: str, condition: Callable[[], object], ms: int = 8000) -> object:
        waited = 0
        while waited < ms:
            value = condition()
            if value:
                return value
            QTest.qWait(50)
            waited += 50
        self.problems.append(f"timed out waiting for {what}")
        return None

    # ------------------------------------------------------------ checks
    def screenshot(self, name: str) -> Path:
        QTest.qWait(STEP_MS)
        path = self.out / f"{len(self.shots) + 1:02d}-{name}.png"
        subprocess.run(["import", "-window", "root", str(path)], check=True, timeout=20)
        self.shots.append(path)
        return path

    def check_fits(self, step: str) -> None:
        screen = self.app.primaryScreen().geometry()
        free = QRect(
            screen.x(),
            screen.y(),
            screen.width(),
            screen.height() - round(TASKBAR_PX / self.ratio),
        )
        for top in self.app.topLevelWidgets():
            if not top.isVisible() or top.windowType() in _POPUP_TYPES:
                continue
            frame = top.frameGeometry()
            if not free.contains(frame):
                self.problems.append(
                    f"{step}: {type(top).__name__} {frame.width()}x{frame.height()}"
                    f"+{frame.x()}+{frame.y()} is larger than the free screen "
                    f"{free.width()}x{free.height()}"
                )

    def check_overlaps(self, step: str) -> None:
        for top in self.app.topLevelWidgets():
            if top.isVisible() and top.windowType() not in _POPUP_TYPES:
                for problem in overlaps(top):
                    self.problems.append(f"{step}: {problem}")

    def check(self, step: str) -> None:
        self.check_fits(step)
        self.check_overlaps(step)


_POPUP_TYPES = ()  # filled in main() once Qt is imported with its enums


def _label(widget: QWidget) -> str:
    name = widget.objectName()
    return f"{type(widget).__name__}{'#' + name if name else ''}"


# Controls whose text is cut (or drawn over its frame) when a layout gives them less room
# than they need: a squeezed layout does that instead of letting them overlap.
_SQUEEZABLE = (QAbstractButton, QComboBox, QAbstractSpinBox, QLineEdit)


def overlaps(root: QWidget) -> list[str]:
    """Layout-managed visible siblings that overlap, stick out of their parent or are squeezed."""
    found: list[str] = []
    stack = [root]
    while stack:
        widget = stack.pop()
        children = [c for c in widget.findChildren(QWidget, options=_DIRECT) if c.isVisible()]
        stack.extend(c for c in children if not c.isWindow())
        layout = widget.layout()
        if layout is None or isinstance(widget, QAbstractScrollArea):
            continue
        managed = [c for c in children if not c.isWindow() and layout.indexOf(c) >= 0]
        inside = widget.rect()
        for i, a in enumerate(managed):
            ga = a.geometry()
            if inside.height() > 0 and not inside.contains(ga):
                found.append(f"{_label(a)} sticks out of {_label(widget)}")
            if isinstance(a, _SQUEEZABLE):
                need = a.minimumSizeHint()
                if ga.width() < need.width() - 2 or ga.height() < need.height() - 2:
                    found.append(
                        f"{_label(a)} squeezed to {ga.width()}x{ga.height()} "
                        f"(needs {need.width()}x{need.height()}) in {_label(widget)}"
                    )
            for b in managed[i + 1 :]:
                common = ga.intersected(b.geometry())
                if common.width() > 1 and common.height() > 1:
                    found.append(f"{_label(a)} overlaps {_label(b)} in {_label(widget)}")
    return found


_DIRECT = None  # Qt.FindChildOption.FindDirectChildrenOnly, set in main()


def _shown_enough(widget: QWidget) -> bool:
    """At least a few pixels of it are on screen (not scrolled away)."""
    return widget.visibleRegion().boundingRect().height() > 8


def value_of(widget: QWidget) -> object:
    return widget.currentIndex() if isinstance(widget, QComboBox) else widget.text()


def wheel_fields(journey: Journey, root: QWidget, step: str) -> int:
    """Real wheel turns over every visible, unfocused combo/spin/date field of root."""
    fields = [
        w
        for w in root.findChildren(QComboBox) + root.findChildren(QAbstractSpinBox)
        if w.isVisible()
        and w.isEnabled()
        and not w.hasFocus()
        and w.visibleRegion().boundingRect().height() > 8
    ]
    for field in fields:
        before = value_of(field)
        journey.wheel_over(field, 2, down=True)
        journey.wheel_over(field, 1, down=False)
        if value_of(field) != before:
            journey.problems.append(f"{step}: the wheel changed {_label(field)}")
    return len(fields)


# ---------------------------------------------------------------- the journeys
def run(journey: Journey, db_path: Path) -> None:
    from models import outline
    from models.sample import load_sample
    from models.store.open import open_database
    from ui import messages
    from ui.document import Document
    from ui.outline.plan_tree_model import KIND_TASK
    from ui.shell.main_window import MainWindow

    db = open_database(db_path)
    load_sample(db)
    window = MainWindow(Document(db))
    window.show()
    free = journey.app.primaryScreen().availableGeometry()
    # no window manager under Xvfb: place it as a maximized window above a taskbar would be
    window.setGeometry(
        free.x(), free.y(), free.width(), free.height() - round(TASKBAR_PX / journey.ratio)
    )
    journey.wait_for("the window", window.isVisible)
    window.activateWindow()
    QTest.qWait(500)
    journey.check("start")
    journey.screenshot("start-page")

    # open the first plan in the tree and walk to a task with the keyboard
    model = window.document.tree_model
    plan_id = model.plan_ids()[0]
    plan_index = model.index_for_plan(plan_id)
    journey.click(window.tree_view.viewport(), window.tree_view.visualRect(plan_index).center())
    journey.key("Right")
    first_task = next(n.id for n in outline.load_outline(db, plan_id) if n.kind == KIND_TASK)
    window.select_node(first_task)  # the path there is the tree's own (tested offscreen)
    journey.click(
        window.tree_view.viewport(),
        window.tree_view.visualRect(model.index_for_node(first_task)).center(),
    )
    journey.wait_for("the task panel", lambda: window.current_node_id() == first_task)
    journey.check("task selected")
    journey.screenshot("task-panel")

    # the mouse wheel over the status and progress fields: the form scrolls, nothing changes
    panel = window.task_panel
    before = outline.get_node(db, first_task)
    bar = panel._scroll.verticalScrollBar()
    bar.setValue(0)
    journey.wheel_over(panel.editor("status"), 3)
    journey.wheel_over(panel.editor("progress"), 3)
    after = outline.get_node(db, first_task)
    if (after.status, after.progress) != (before.status, before.progress):
        journey.problems.append("task panel: the wheel changed the stored status/progress")
    if bar.maximum() > 0 and bar.value() == 0:
        journey.problems.append("task panel: the wheel did not scroll the form")
    journey.screenshot("task-panel-after-wheel")
    bar.setValue(0)
    wheel_fields(journey, window.detail_stack.currentWidget(), "task panel")

    # a status-bar message while the due notice is shown
    window.show_status("已自动保存")
    notice = window.tracking.notice
    if notice.isVisible():
        bar_widget = window.statusBar()
        text_end = bar_widget.fontMetrics().horizontalAdvance("已自动保存") + 12
        if notice.geometry().left() < text_end:
            journey.problems.append("status bar: the message is painted over the due notice")
    journey.check("status message")

    # the report dialog (Ctrl+R): it fits, its fields ignore the wheel
    journey.click(window.tree_view.viewport(), window.tree_view.visualRect(plan_index).center())
    journey.key("ctrl+r")
    dialog = journey.wait_for(
        "the report dialog",
        lambda: next(
            (w for w in journey.app.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()),
            None,
        ),
    )
    if dialog is not None:
        QTest.qWait(800)  # the preview is built after a short delay
        journey.check("report dialog")
        journey.screenshot("report-dialog")
        wheel_fields(journey, dialog, "report dialog")
        dialog.reject()

    # export Word (Ctrl+E) to a file: the confirmation box appears in front and fits
    target = journey.out / "导出的计划.docx"
    messages.get_save_path = lambda *a, **k: str(target)  # no file dialog to type into
    journey.click(window.tree_view.viewport(), window.tree_view.visualRect(plan_index).center())
    journey.key("ctrl+e")
    box = journey.wait_for(
        "the export confirmation",
        lambda: window.findChild(QMessageBox, "written_box"),
        ms=20_000,
    )
    if box is not None:
        journey.check("export confirmation")
        journey.screenshot("export-done")
        box.reject()
    if not target.is_file():
        journey.problems.append("export: no file was written")
    window.close()
    window.close_document()


def main(argv: list[str] | None = None) -> int:
    global _POPUP_TYPES, _DIRECT
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for the screenshots")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    from PySide6.QtCore import Qt

    from ui.shell.app import create_application

    _POPUP_TYPES = (Qt.WindowType.Popup, Qt.WindowType.ToolTip)
    _DIRECT = Qt.FindChildOption.FindDirectChildrenOnly
    app = create_application([sys.argv[0]])
    journey = Journey(args.out, app)
    with tempfile.TemporaryDirectory() as tmp:
        run(journey, Path(tmp) / "real-window.db")
    scale = os.environ.get("QT_SCALE_FACTOR", "1")
    print(f"scale {scale}: {len(journey.shots)} screenshots in {args.out}")
    for problem in journey.problems:
        print(problem, file=sys.stderr)
    return 1 if journey.problems else 0


if __name__ == "__main__":
    sys.exit(main())
